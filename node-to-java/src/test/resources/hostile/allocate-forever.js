// Keeps every array it makes: stopped because of the heap it fills (8 MB a step, few steps).
const kept = [];
for (;;) kept.push(new Float64Array(1000000));
