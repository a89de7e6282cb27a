// An exported host method called with an enormous argument: 4 GB of characters, if the host obeyed.
try {
  calculator.repeat('ab', 2 ** 31 - 1);
} catch (e) {
  console.log(`caught: ${e}`);
}
calculator.repeat('ab', 2 ** 31 - 1);
