// Prints exactly 1 KB in whole lines (64 lines of 16 bytes), then one more line.
for (let i = 0; i < 64; i++) {
  console.log(`line ${String(i).padStart(10, '0')}`);
}
console.log('one line too many');
