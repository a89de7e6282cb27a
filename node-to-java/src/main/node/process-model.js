// The process model: one JVM per process. node does not fork itself, but child_process.fork and
// cluster (which forks the same way) start NEW node processes: each starts its own JVM at its first
// call. A worker_threads Worker is a thread of this process: can it reach this process's JVM?
'use strict';
const { fork } = require('node:child_process');
const { Worker } = require('node:worker_threads');

// The id of the process the JVM runs in. node-java returns a Java long as a Number object: Number().
const jvmPid = (java) => Number(java.callStaticMethodSync('nodetojava.JvmFacts', 'pid'));

if (process.argv[2] === 'child') { // a forked child: its own process, its own JVM
  const { java } = require('./calculator.js');
  process.send({ nodePid: process.pid, jvmPid: jvmPid(java) });
  process.exit(0);
}

function askChild() {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['child']);
    child.on('message', resolve);
    child.on('exit', (code) => reject(new Error(`the child exited with code ${code} before it answered`)));
  });
}

// A worker thread requires node-java (a native addon) for itself; it answers with what it got.
// A deadline ends it (worker.terminate()) if it never answers.
function askWorkerThread() {
  const source = `
    const { parentPort } = require('node:worker_threads');
    try {
      const { java } = require(${JSON.stringify(require.resolve('./calculator.js'))});
      parentPort.postMessage('called Java, in the JVM of process ' + (Number(java.callStaticMethodSync('nodetojava.JvmFacts', 'pid')) === process.pid ? 'node' : 'another'));
    } catch (e) {
      parentPort.postMessage('threw ' + e.message);
    }`;
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true });
    const deadline = setTimeout(() => { worker.terminate(); resolve('no answer within 10 s (terminated)'); }, 10_000);
    worker.on('message', (answer) => { clearTimeout(deadline); worker.terminate(); resolve(answer); });
    worker.on('error', (e) => { clearTimeout(deadline); resolve(`failed: ${e.message}`); });
  });
}

async function main() {
  const { java } = require('./calculator.js');
  const ownJvm = jvmPid(java);
  console.log('Process model (Node.js): node/process-model.js; one JVM per process');
  console.log(`  this node process hosts its JVM (the JVM's pid is node's): ${ownJvm === process.pid}`);
  const children = await Promise.all([askChild(), askChild()]);
  const eachHostsItsOwn = children.every((c) => c.jvmPid === c.nodePid && c.jvmPid !== ownJvm);
  console.log(`  2 children of child_process.fork: each started its own JVM in its own process: ${eachHostsItsOwn},` +
    ` two different JVMs: ${children[0].jvmPid !== children[1].jvmPid}`);
  const answer = (await askWorkerThread()).replaceAll(__dirname, '.');
  console.log(`  a worker_threads Worker that requires node-java: ${answer}`);
}

main().then(() => process.exit(0), (e) => { console.error(`error: ${e.message}`); process.exit(1); });
