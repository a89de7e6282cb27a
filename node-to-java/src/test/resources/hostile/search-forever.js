// One built-in call that loops inside Java: indexOf over an array-like object of 2^52 elements.
// It never reaches a safepoint of the script, so the cooperative stop never arrives.
console.log('searching');
Array.prototype.indexOf.call({ length: 2 ** 52 }, 1);
