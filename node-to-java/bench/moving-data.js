// Moving bytes between Node.js and Java (node-java), timed by node's own clock, through the
// lesson's module src/main/node/moving-data.js. Usage: node bench/moving-data.js PATH, where PATH is
//   to-java-elements  Buffer -> byte[]: java.newArray('byte', Array.from(buffer)), then receive(byte[]);
//                     about 1 us a byte at every size from 1 KiB up, so 16 MiB would take ten seconds or
//                     more a transfer: this path prints nanoseconds PER BYTE of 64 KiB transfers,
//                     one a line (a `loop ns/byte` row), 10 samples (3 with BENCH_QUICK)
//   to-java-latin1    Buffer -> a Latin-1 string -> receiveLatin1(String), which takes its bytes
//   to-js-bytes       byte[] returned by payload() -> a new Int8Array, seen as a Buffer (no 2nd copy)
//   to-js-latin1      payloadLatin1() -> a string (via UTF-8) -> Buffer.from(string, 'latin1')
// Every transfer allocates its receiving buffer: node-java makes a new array or string each time.
// The sizes come from BENCH_SIZES (bytes, space-separated); prints "SIZE NANOSECONDS" per sample:
// the mean time of one transfer over an inner loop of about 10 ms (2 ms with BENCH_QUICK), 5
// samples (3 with BENCH_QUICK) after a warm-up, and checks what arrived after the last sample.
'use strict';
const data = require('../src/main/node/moving-data.js');

const path = process.argv[2];
const quick = Boolean(process.env.BENCH_QUICK);
const sizes = (process.env.BENCH_SIZES || '16 1024 65536 1048576 16777216').trim().split(/\s+/).map(Number);
const innerNs = (quick ? 2 : 10) * 1e6;
const samples = quick ? 3 : 5;
const moving = new data.MovingData();

// Each path: set up for one size, then the transfer (a function), and the checksum of what arrived.
const paths = {
  'to-java-elements': (buffer) => [() => data.sendByElements(moving, buffer), () => moving.receivedChecksum()],
  'to-java-latin1': (buffer) => [() => data.sendAsLatin1(moving, buffer), () => moving.receivedChecksum()],
  'to-js-bytes': (buffer) => { let got; moving.preparePayload(buffer.length); return [() => { got = data.fetchBytes(moving); }, () => data.checksum(got)]; },
  'to-js-latin1': (buffer) => { let got; moving.preparePayload(buffer.length); return [() => { got = data.fetchAsLatin1(moving); }, () => data.checksum(got)]; },
};
if (!paths[path] || sizes.some((size) => !(Number.isInteger(size) && size >= 0))) {
  console.error(`usage: node bench/moving-data.js ${Object.keys(paths).join('|')} (sizes in BENCH_SIZES: byte counts); got ${path}, '${process.env.BENCH_SIZES}'`);
  process.exit(2);
}

function timeOf(transfer, count) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) transfer();
  return Number(process.hrtime.bigint() - start);
}

function checkArrived(size, buffer, arrived) {
  if (Number(arrived()) !== data.checksum(buffer)) {
    console.error(`moving-data.js ${path}: at ${size} bytes the checksum of what arrived is ${arrived()}, expected ${data.checksum(buffer)}`);
    process.exit(1);
  }
}

if (path === 'to-java-elements') {
  const size = 65536;
  const buffer = data.pattern(size);
  const [transfer, arrived] = paths[path](buffer);
  transfer(); // warm-up
  for (let sample = 0; sample < (quick ? 3 : 10); sample++) {
    console.log((timeOf(transfer, 1) / size).toFixed(3));
  }
  checkArrived(size, buffer, arrived);
  process.exit(0);
}

for (const size of sizes) {
  const buffer = data.pattern(size);
  const [transfer, arrived] = paths[path](buffer);
  let count = 1; // warm-up, and the inner loop's length: doubled until it takes the time wanted
  while (timeOf(transfer, count) < innerNs / 2) count *= 2;
  for (let sample = 0; sample < samples; sample++) {
    console.log(`${size} ${(timeOf(transfer, count) / count).toFixed(1)}`);
  }
  checkArrived(size, buffer, arrived);
}
process.exit(0); // node-java keeps the event loop alive
