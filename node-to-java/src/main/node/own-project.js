// In your own project: a real library from Maven Central (Apache Commons Text, which needs Commons
// Lang) called from Node.js, with a JVM started the way a long-running service wants it.
// Usage: node own-project.js [DEPS_FOLDER]   (default: target/deps, filled by Maven: see OWN_PROJECT.md)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const java = require('java');

// Every jar of the folder, one by one: the JVM node-java starts does not expand a `folder/*`
// wildcard (only the `java` launcher does). java.classpath.pushDir(folder) does the same.
const deps = path.resolve(process.argv[2] || path.join(__dirname, '../../../target/deps'));
for (const jar of fs.readdirSync(deps).filter((name) => name.endsWith('.jar')).sort()) {
  java.classpath.push(path.join(deps, jar));
}
java.classpath.push(path.resolve(__dirname, '../../../target/classes')); // JvmFacts, to print the flags

// A service's flags, not the lessons' (calculator.js): the process lives for hours, so a fixed heap
// that fits its container, both JIT tiers (C2 pays off), and G1, named because the JVM picks Serial
// by itself on a small machine or container (one CPU, or under 1792 MB of memory).
java.options.push(
  '--enable-native-access=ALL-UNNAMED', // node-java's Java side loads its native library
  '-Xms256m', '-Xmx256m', // the heap: sized for the service, not by the machine's memory
  '-XX:+UseG1GC', // short pauses for a process that serves requests
);
java.asyncOptions = { syncSuffix: '', promiseSuffix: 'Async' };

function main() {
  console.log('In your own project (Node.js): node/own-project.js; Commons Text and Commons Lang from target/deps');
  const WordUtils = java.import('org.apache.commons.text.WordUtils');
  console.log(`  WordUtils.capitalizeFully('hello from the jvm') = '${WordUtils.capitalizeFully('hello from the jvm')}'  (commons-text calls commons-lang3)`);
  const StringUtils = java.import('org.apache.commons.lang3.StringUtils');
  console.log(`  StringUtils.reverse('stressed') = '${StringUtils.reverse('stressed')}'  (commons-lang3 itself)`);
  const JvmFacts = java.import('nodetojava.JvmFacts');
  const heapMiB = Number(JvmFacts.flag('MaxHeapSize')) / (1024 * 1024);
  console.log(`  the JVM runs with UseG1GC=${JvmFacts.flag('UseG1GC')}, TieredStopAtLevel=${JvmFacts.flag('TieredStopAtLevel')}` +
    ` (C1 and C2), a heap of at most ${heapMiB} MiB`);
}

try {
  main();
  process.exit(0); // node-java keeps node's event loop alive: end the process ourselves
} catch (e) {
  console.error(`error: ${e.cause ? `${e.cause.getClass().getName()}: ${e.cause.getMessage()}` : e.message}`);
  process.exit(1);
}
