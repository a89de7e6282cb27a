// One giant string built by one built-in call.
console.log(new Array(2 ** 31 - 1).join('abc').length);
