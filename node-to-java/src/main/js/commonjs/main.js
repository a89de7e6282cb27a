// The CommonJS entry: require() a local module and an npm package (from ../node_modules).
'use strict';
const calc = require('./calculator.js');
const semver = require('semver');

console.log(`  4 * 2 = ${calc.multiply(4, 2)}`);
console.log(`  applyTwice(x => x + 3, 1) = ${calc.applyTwice((x) => x + 3, 1)}  (Java called the JS function twice)`);
console.log(`  divide(1, 0) ${calc.divide(1, 0)}  (a Java exception, caught in JS)`);
console.log(`  repeat('né 😀 ', 2) = '${calc.repeat('né 😀 ', 2)}'  (a string, to Java and back)`);
// The rule this example's Makefile follows: the Graal compiler 25.0.3 needs a JDK 25.0.3 or newer.
console.log(`  semver.satisfies('25.0.2', '>=25.0.3') = ${semver.satisfies('25.0.2', '>=25.0.3')}  (npm package semver)`);

module.exports = { percent: calc.percent };
