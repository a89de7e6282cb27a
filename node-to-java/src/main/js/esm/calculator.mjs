// The same local module as ../commonjs/calculator.js, as an ES module: `export` instead of
// module.exports. `calculator` is the Java object (nodetojava.Calculator) the host exported.

export function multiply(a, b) {
  return calculator.multiply(a, b);
}

// Java receives the JS function as a java.util.function.IntUnaryOperator and calls it back.
export function applyTwice(fn, value) {
  return calculator.applyTwice(fn, value);
}

// A Java exception thrown by the call arrives here as an exception that `catch` can handle.
export function divide(a, b) {
  try {
    return `= ${calculator.divide(a, b)}`;
  } catch (e) {
    return `threw ${e}`;
  }
}

// A JS string becomes a java.lang.String and back (UTF-16 both sides: any text, emoji included).
export function repeat(text, times) {
  return calculator.repeat(text, times);
}

// A JS error that the Java host will see as a PolyglotException, with this stack trace.
function checkPositive(name, value) {
  if (!(value > 0)) {
    throw new RangeError(`${name} must be positive, got ${value}`);
  }
}

export function percent(part, whole) {
  checkPositive('whole', whole);
  return (100 * part) / whole;
}
