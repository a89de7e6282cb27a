// The ES module entry: import a local module. (The npm package is used by the CommonJS entry:
// semver is CommonJS, and GraalJS cannot `import` a CommonJS file: "Unsupported file extension".)
import * as calc from './calculator.mjs';

console.log(`  4 * 2 = ${calc.multiply(4, 2)}`);
console.log(`  applyTwice(x => x + 3, 1) = ${calc.applyTwice((x) => x + 3, 1)}  (Java called the JS function twice)`);
console.log(`  divide(1, 0) ${calc.divide(1, 0)}  (a Java exception, caught in JS)`);
console.log(`  repeat('né 😀 ', 2) = '${calc.repeat('né 😀 ', 2)}'  (a string, to Java and back)`);

export const percent = calc.percent;
