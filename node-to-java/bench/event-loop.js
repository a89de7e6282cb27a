// The event loop's longest gap while a 200 ms Java call runs, in ms, timed by node itself through
// the lesson's own threads.js (watchTheLoop, javaSleepSync, javaSleepAsync): `sync`, `async` (a
// promise), or `none` (a 200 ms JS timer instead: no Java, the loop's own gap between timer runs).
// Prints one sample a line. Usage: node bench/event-loop.js sync|async|none
'use strict';
const threads = require('../src/main/node/threads.js');
const calls = {
  sync: () => threads.javaSleepSync(200),
  async: () => threads.javaSleepAsync(200),
  none: () => new Promise((resolve) => setTimeout(resolve, 200)),
};
const call = calls[process.argv[2]];
if (!call) {
  console.error('usage: node bench/event-loop.js sync|async|none');
  process.exit(2);
}
(async () => {
  await threads.watchTheLoop(call); // a warm-up, not printed
  for (let sample = 0; sample < (process.env.BENCH_QUICK ? 3 : 10); sample++) {
    console.log((await threads.watchTheLoop(call)).longestGapMs.toFixed(3));
  }
  process.exit(0); // node-java keeps the event loop alive
})();
