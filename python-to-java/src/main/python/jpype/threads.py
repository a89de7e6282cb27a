# CPython + JPype, threads and lifecycle: Python threads in Java at once, Java threads calling
# Python, Ctrl-C, and the one JVM a process can start. Everything printed is an observation that
# holds on any machine (who was inside a call together, what was raised), never a timing.
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/threads.py target/python-to-java.jar
import atexit
import os
import signal
import sys
import threading
import time

import jpype
from calculator import start_java  # the lesson's start, in this folder


def in_python_threads(count, call):
    """Runs call() in `count` Python threads at once; returns their results, in thread order."""
    results = [None] * count

    def run(i):
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def in_java_threads(pool, callables):
    """Java's pool runs each Python callable on one of its threads; returns their results, in order."""
    futures = [pool.submit(task) for task in callables]
    return [future.get() for future in futures]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: threads.py CLASSPATH  (with JAVA_HOME at a JDK 25; make run passes both)")
    # interrupt=False: JPype's own SIGINT handler, so that Ctrl-C raises KeyboardInterrupt. JPype's
    # default in a script (True) leaves SIGINT to the JVM, which exits at once with status 130.
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored (nohup, &)
    start_java(sys.argv[1].split(":"), interrupt=False)
    from java.lang import Thread
    from java.util.concurrent import Callable, ExecutionException, Executors
    from pythontojava import LongCall, ShutdownHook

    print("CPython + JPype: threads, Ctrl-C and the JVM's lifecycle")

    # Two Python threads each make a Java call that returns only when the other is inside too. Had
    # JPype kept the GIL during a Java call, the second could not enter and the first would wait in vain.
    long_call = LongCall()
    met = in_python_threads(2, lambda: long_call.meet(2, 10_000))
    print(f"  2 Python threads inside one Java call at once: {all(met)} (most inside: {long_call.mostInside()})"
          "  (JPype lets go of the GIL during a Java call)")

    # Java threads call Python: a Python object implements Callable; the pool's threads run it.
    # Each holds the GIL while its Python code runs, so Python code still runs one thread at a time.
    ran_on = []  # (the Java thread's name, whether it is Python's main thread), one per call

    @jpype.JImplements(Callable)
    class Square:
        def __init__(self, n):
            self.n = n

        @jpype.JOverride
        def call(self):
            ran_on.append((str(Thread.currentThread().getName()), threading.current_thread() is threading.main_thread()))
            return self.n * self.n

    pool = Executors.newFixedThreadPool(2)
    try:
        squares = [int(square) for square in in_java_threads(pool, [Square(n) for n in range(1, 5)])]
        print(f"  Java's pool of 2 ran a Python callable 4 times: {squares}, on {len({name for name, _ in ran_on})}"
              f" Java threads, on Python's main thread: {any(main for _, main in ran_on)}")

        # A Python exception in the callable: Java sees a PyExceptionProxy (no message), the Future
        # wraps it in an ExecutionException, and the original is not in what Python gets back.
        @jpype.JImplements(Callable)
        class Fails:
            @jpype.JOverride
            def call(self):
                raise ValueError("Fails will not compute")

        try:
            pool.submit(Fails()).get()
        except ExecutionException as e:
            print(f"  a callable that raises: future.get() raised {e.getClass().getName()},"
                  f" whose Java cause is {e.getCause().getClass().getName()}")
            chain, cause = [], e.__cause__
            while cause is not None:
                chain.append(repr(cause))
                cause = cause.__cause__
            print(f"    in Python its __cause__ chain is {' <- '.join(chain)}: no ValueError, no message")
    finally:
        pool.shutdown()  # a pool left running keeps the JVM, and so Python, from exiting

    # Ctrl-C is SIGINT to the process (os.kill here, as a terminal does). During Python code:
    try:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # Python code (10 s at most); the interrupt arrives long before
            time.sleep(0.01)
        print("  Ctrl-C during Python code: no KeyboardInterrupt")
    except KeyboardInterrupt:
        print("  Ctrl-C during Python code: KeyboardInterrupt")

    # During a long Java call: another thread sends it once this one is inside Java. The call
    # computes (it never checks Thread.interrupted()), so it runs to its end, then Python raises.
    # (A call that waits, e.g. Thread.sleep, is cut short, and then JPype 1.4 races: THREADS.md.)
    spinner = LongCall()

    def send_when_inside():
        if spinner.awaitInside(1, 10_000):
            os.kill(os.getpid(), signal.SIGINT)

    sender = threading.Thread(target=send_when_inside)
    sender.start()
    try:
        spinner.spin(1_000)
        print("  Ctrl-C during a 1 s Java call: no KeyboardInterrupt")
    except KeyboardInterrupt:
        print("  Ctrl-C during a 1 s Java call that computes: KeyboardInterrupt, once the call has returned")
    sender.join()

    # One JVM per process, started once: a second start is an error, from JPype and from ours.
    try:
        jpype.startJVM()
    except OSError as e:
        print(f"  jpype.startJVM() again: OSError: {e}")
    try:
        start_java(sys.argv[1].split(":"))
    except RuntimeError as e:
        print(f"  start_java() again: RuntimeError: {e}")

    # At exit: Python runs its atexit handlers, newest first; JPype's (registered when it was
    # imported, before ours) shuts the JVM down, and the JVM then runs its shutdown hooks.
    ShutdownHook.install("  at exit, 2nd: Java's shutdown hook")
    atexit.register(lambda: print("  at exit, 1st: Python's atexit handler", flush=True))


if __name__ == "__main__":
    main()
