# Ctrl-C (SIGINT) in a CPython process with a JVM inside: what still runs, for each way of starting
# the JVM. It prints "ready" once it waits, in Python code or inside a Java call: then press Ctrl-C
# (or `kill -INT PID`) and see which of KeyboardInterrupt, `finally`, atexit and Java's hook ran.
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/ctrl_c.py target/python-to-java.jar \
#        python|java default|interrupt=False|-Xrs [SECONDS the Java call waits: 60]
import atexit
import signal
import sys
import threading
import time

from calculator import start_java  # the lesson's start, in this folder

# The ways to start the JVM: JPype's default in a script (interrupt=True: SIGINT stays the JVM's),
# JPype's own handler (interrupt=False), or the JVM told to leave SIGINT alone (-Xrs, "reduce signals").
STARTS = {"default": ((), {}), "interrupt=False": ((), {"interrupt": False}), "-Xrs": (("-Xrs",), {})}


def say(line):
    print(line, flush=True)  # at once: a process the JVM ends never flushes Python's buffers


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[2] not in ("python", "java") or sys.argv[3] not in STARTS:
        sys.exit("usage: ctrl_c.py CLASSPATH python|java " + "|".join(STARTS) + " [SECONDS]")
    where, start = sys.argv[2], sys.argv[3]
    jvm_options, jpype_options = STARTS[start]
    # A process started with SIGINT ignored (a background job of a script, nohup) keeps ignoring
    # it, and so do Python and the JVM: take it back, as Python does at start-up otherwise.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    start_java(sys.argv[1].split(":"), *jvm_options, **jpype_options)
    from pythontojava import LongCall, ShutdownHook

    ShutdownHook.install("Java's shutdown hook ran")
    atexit.register(say, "Python's atexit handler ran")
    try:
        if where == "python":
            say("ready: in Python code")
            while True:
                time.sleep(0.05)
        else:
            call = LongCall()  # "ready" only once this thread is inside the Java call
            threading.Thread(target=lambda: call.awaitInside(1, 60_000) and say("ready: in a Java call"), daemon=True).start()
            call.sleep(1000 * int(sys.argv[4] if len(sys.argv) == 5 else 60))
    except KeyboardInterrupt:
        say("KeyboardInterrupt")
        if where == "java":
            say(f"the Java call was cut short: {call.interrupted()}")
    finally:
        say("finally ran")


if __name__ == "__main__":
    main()
