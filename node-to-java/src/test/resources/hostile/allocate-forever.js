// Keeps every array it makes: stopped because of the heap it fills.
const kept = [];
for (;;) kept.push(new Array(100000).fill(1.5));
