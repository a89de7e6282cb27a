// node-to-java on Node.js: this node process is the host; the JVM runs inside it (node-java).
'use strict';
const { java, Calculator } = require('./calculator.js');
const threads = require('./threads.js');

async function main() {
  console.log('Node.js: node/main.js calls Java through node-java; the JVM runs inside this node process');
  const calculator = new Calculator(); // a Java object, made from JS
  console.log(`  4 * 2 = ${calculator.multiply(4, 2)}`);
  console.log(`  Math.floorMod(-7, 3) = ${java.callStaticMethodSync('java.lang.Math', 'floorMod', -7, 3)}  (a static method)`);

  const list = java.newInstanceSync('java.util.ArrayList'); // a Java collection
  [3, 1, 2].forEach((n) => list.add(n));
  java.callStaticMethodSync('java.util.Collections', 'sort', list);
  console.log(`  Collections.sort([3, 1, 2]) = ${list.toString()}, size ${list.size()}`);

  // Java calls JS: a JS function behind a Java interface (a java.lang.reflect.Proxy).
  const plusThree = java.newProxy('java.util.function.IntUnaryOperator', { applyAsInt: (x) => x + 3 });
  console.log(`  applyTwice(x => x + 3, 1) = ${calculator.applyTwice(plusThree, 1)}  (Java called the JS function twice)`);

  console.log(`  repeat('né 😀 ', 2) = '${calculator.repeat('né 😀 ', 2)}'  (a string, to Java and back)`);

  // A Java exception arrives as a JS Error; e.cause is the Java exception itself.
  try {
    calculator.divide(1, 0);
  } catch (e) {
    console.log(`  divide(1, 0) threw ${e.cause.getClass().getName()}: ${e.cause.getMessage()}  (caught in JS)`);
  }

  // A JS function that throws: Java sees an exception where it called the function.
  const failing = java.newProxy('java.util.function.IntUnaryOperator', {
    applyAsInt: (x) => { throw new RangeError(`no ${x}, thanks`); },
  });
  try {
    calculator.applyTwice(failing, 1);
  } catch (e) {
    const where = e.cause.getStackTrace().find((frame) => frame.getClassName() === 'nodetojava.Calculator');
    console.log(`  applyTwice(throwing JS function) threw in Java at ${where.getClassName()}.${where.getMethodName()}:` +
      ` ${e.cause.getClass().getName()}: ${e.cause.getMessage()}`);
  }

  // Sync against async: a promise settles on a later turn of the event loop, never at once.
  let arrived = false;
  const product = calculator.multiplyAsync(6, 7);
  product.then(() => { arrived = true; });
  console.log(`  multiplyAsync(6, 7) called; its result has ${arrived ? 'arrived' : 'not arrived yet'}`);
  console.log(`  multiplyAsync(6, 7) = ${await product}, arrived: ${arrived}`);

  await threads.show();

  // One JVM per process, started by the first call: what a library wants on the class path or in
  // the options must be there before. Afterwards the bridge refuses (pushing directly is ignored).
  console.log('Lifecycle (Node.js): one JVM per process, started by the first call');
  try {
    java.registerClient(() => java.classpath.push('more.jar'));
  } catch (e) {
    console.log(`  registerClient() after the first call threw: ${e.message}`);
  }
  try {
    java.asyncOptions = { syncSuffix: 'Sync' };
  } catch (e) {
    console.log(`  asyncOptions set after the first call threw: ${e.message}`);
  }

  // node ends the process without stopping the JVM: Java's shutdown hooks do not run at
  // process.exit(). To run them, end through Java: node's exit handlers first, then Java's hooks.
  java.callStaticMethodSync('nodetojava.ShutdownNotice', 'printAtShutdown', '  then the Java shutdown hook ran');
  process.on('exit', (code) => {
    console.log(`  process.on('exit') ran (code ${code}); it calls System.exit(${code})`);
    java.callStaticMethodSync('java.lang.System', 'exit', code);
  });
}

// node-java keeps node's event loop alive for as long as the JVM lives: without this exit the
// process never ends by itself.
main().then(() => process.exit(0), (e) => { console.error(`error: ${e.message}`); process.exit(1); });
