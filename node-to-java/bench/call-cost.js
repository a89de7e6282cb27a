// One call from JS, timed by node's own clock: `java` times calculator.multiply through node-java
// (the lesson's own module, a sync call), `js` the same multiply as a JS function. Prints the
// nanoseconds per call of each sample, one a line. Usage: node bench/call-cost.js java|js
'use strict';
const mode = process.argv[2];
const multiply = mode === 'java'
  ? (() => { const { Calculator } = require('../src/main/node/calculator.js'); const c = new Calculator(); return (a, b) => c.multiply(a, b); })()
  : (a, b) => a * b;
const calls = mode === 'java' ? 2_000 : 5_000_000;
let sum = 0;
for (let sample = 0; sample <= 10; sample++) { // sample 0 warms up and is not printed
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    sum = (sum + multiply(i, 2)) | 0;
  }
  const ns = Number(process.hrtime.bigint() - start) / calls;
  if (sample > 0) console.log(ns.toFixed(3));
}
if (sum === 42) console.error('(never printed: keeps the loop from being dead code)');
process.exit(0); // node-java keeps the event loop alive
