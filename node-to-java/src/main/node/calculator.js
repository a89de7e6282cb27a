// The only module that touches Java: it sets up node-java (npm `java`), which starts a JVM inside
// this node process at the first call, and hands out the example's Java class.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const java = require('java');

// nodetojava.Calculator is compiled for Java 25. node-java loads the libjvm.so that `npm ci`
// linked it against (the JDK that JAVA_HOME named then): a JAVA_HOME set now cannot change it.
function requireJdk25(what, version) {
  if (!(Number(/^(\d+)/.exec(version)?.[1]) >= 25)) {
    console.error(`error: ${what} is JDK ${version}, but nodetojava.Calculator needs JDK 25 or newer;` +
      ' point JAVA_HOME at a JDK 25 and build the bridge again (make)');
    process.exit(1);
  }
}
if (process.env.JAVA_HOME) {
  const release = path.join(process.env.JAVA_HOME, 'release');
  const version = fs.existsSync(release) && /JAVA_VERSION="([^"]*)"/.exec(fs.readFileSync(release, 'utf8'))?.[1];
  requireJdk25(`JAVA_HOME=${process.env.JAVA_HOME}`, version || 'unknown (no release file)');
}

// The JVM starts once per process, with the class path and options as they are at the first
// call; pushing to them later changes nothing (a class added too late is not found).
java.classpath.push(path.resolve(__dirname, '../../../target/classes'));
java.options.push(
  '--enable-native-access=ALL-UNNAMED', // node-java's Java side loads its native library
  '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', // a short program: the quick JIT, the simple GC
);
// Method names: calculator.multiply(4, 2) blocks until Java returns (sync);
// calculator.multiplyAsync(4, 2) runs on libuv's thread pool and returns a promise.
java.asyncOptions = { syncSuffix: '', promiseSuffix: 'Async' };

requireJdk25('the JVM that node-java loaded', java.callStaticMethodSync('java.lang.System', 'getProperty', 'java.version'));
const Calculator = java.import('nodetojava.Calculator');

module.exports = { java, Calculator };
