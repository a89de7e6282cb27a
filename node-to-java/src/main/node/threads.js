// Threads and node's event loop. Node.js runs JavaScript on one thread, the one that turns the
// event loop. A synchronous Java call holds that thread until Java returns; an asynchronous one
// (a promise) waits in Java on a libuv pool thread and leaves the loop free. A Java thread that
// calls a JS function waits for the loop to run it. THREADS.md explains; bench/event-loop.js measures.
'use strict';
const { java } = require('./calculator.js');

// A Java call that takes `ms` milliseconds, made both ways.
const javaSleepSync = (ms) => java.callStaticMethodSync('java.lang.Thread', 'sleep', ms);
const javaSleepAsync = (ms) => java.callStaticMethodAsync('java.lang.Thread', 'sleep', ms);

/**
 * Runs `call` (sync, or returning a promise) while a 1 ms timer re-arms itself, and tells how many
 * times the timer ran before the call finished (`ticks`) and the longest gap between two of its runs
 * in ms (`longestGapMs`, up to the first run after the call): how long the loop went without a turn.
 */
async function watchTheLoop(call) {
  let ticks = 0;
  let longestGapMs = 0;
  let last = performance.now();
  let callEnded = null;
  const tick = () => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    if (callEnded) return callEnded();
    ticks++;
    setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await call();
  const ticksDuringTheCall = ticks;
  await new Promise((resolve) => { callEnded = resolve; }); // the timer's first run after the call
  return { ticks: ticksDuringTheCall, longestGapMs };
}

/** Java calls `apply` of a JS object from a Java thread of its own (CallbackThread), this call itself async. */
function callbackFromAJavaThread(apply, timeoutMs) {
  const fn = java.newProxy('java.util.function.Function', { apply });
  return java.callStaticMethodAsync('nodetojava.CallbackThread', 'callFromNewThread', fn, timeoutMs);
}

/**
 * The same call made synchronously: node's main thread waits in Java for the Java thread, which
 * waits for the event loop, which only node's main thread turns: a deadlock. The Java side's
 * timeout breaks it. Returns the Java exception, a promise of the caller's thread name, which
 * settles when the queued JS function finally runs (once the loop gets its turn), and the proxy,
 * which the caller keeps until then (a proxy's JS side must live as long as Java may call it).
 */
function callbackWhileTheLoopIsBlocked(timeoutMs) {
  let ran;
  const ranLater = new Promise((resolve) => { ran = resolve; });
  const fn = java.newProxy('java.util.function.Function', { apply: (caller) => { ran(caller); return 'too late'; } });
  try {
    java.callStaticMethodSync('nodetojava.CallbackThread', 'callFromNewThread', fn, timeoutMs);
    return { error: null, ranLater, proxy: fn };
  } catch (e) {
    return { error: e.cause, ranLater, proxy: fn };
  }
}

/** The lesson's lines (main.js). */
async function show() {
  console.log("Threads (Node.js): node/threads.js; JavaScript runs on node's main thread, which turns the event loop");
  const sync = await watchTheLoop(() => javaSleepSync(200));
  console.log(`  a 200 ms Java call, sync: a 1 ms timer ran ${sync.ticks} times during it (the loop was blocked)`);
  const async = await watchTheLoop(() => javaSleepAsync(200));
  console.log(`  the same call, async (a promise): the timer ran during it: ${async.ticks > 0 ? 'yes' : 'no'}`);

  const javaThreadName = () => java.callStaticMethodSync('java.lang.Thread', 'currentThread').getName();
  const seen = await callbackFromAJavaThread((caller) => `called from ${caller}, ran on ${javaThreadName()}`, 10_000);
  console.log(`  a Java thread calls a JS function: ${seen} (node's main thread, as Java names it)`);

  const blocked = callbackWhileTheLoopIsBlocked(200);
  const got = blocked.error ? `${blocked.error.getClass().getName()}: ${blocked.error.getMessage()}` : 'no error (no deadlock?)';
  console.log(`  the same, the Java call made sync: ${got}`);
  console.log(`  ... the JS function ran once the loop was free, called from ${await blocked.ranLater}`);
}

module.exports = { javaSleepSync, javaSleepAsync, watchTheLoop, callbackFromAJavaThread, callbackWhileTheLoopIsBlocked, show };
