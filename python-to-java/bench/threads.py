# Threads across JPype, timed by CPython's own clock, for bench/rows (wall ms a run, one a line):
#   threads.py sleep N      N Python threads at once, each in a 200 ms Java call that sleeps
#   threads.py spin N       N Python threads at once, each in a Java call computing for 200 ms
#   threads.py callback N   N threads of a Java pool at once, each running a Python callable that
#                           computes (a fixed amount of Python code, about 100-200 ms on one core)
# The lesson's own functions run the threads (src/main/python/jpype/threads.py), in the JVM the
# lesson starts. 1x between N = 1 and 2 means the threads ran in parallel, 2x one at a time.
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "main", "python", "jpype"))
from calculator import start_java  # noqa: E402  the lesson's own start: same JVM, same flags
from threads import in_java_threads, in_python_threads  # noqa: E402

ROUNDS = 3 if os.environ.get("BENCH_QUICK") else 10
MILLIS = 200
PYTHON_WORK = 2_000_000  # additions in a Python loop


def python_work():
    total = 0
    for i in range(PYTHON_WORK):
        total += i
    return total


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("sleep", "spin", "callback") or sys.argv[2] not in ("1", "2"):
        sys.exit("usage: threads.py sleep|spin|callback 1|2")
    kind, count = sys.argv[1], int(sys.argv[2])
    start_java(["target/python-to-java.jar"])
    import jpype
    from java.util.concurrent import Callable, Executors
    from pythontojava import LongCall

    @jpype.JImplements(Callable)
    class PythonWork:
        @jpype.JOverride
        def call(self):
            return python_work()

    long_call = LongCall()
    pool = Executors.newFixedThreadPool(count)
    runs = {
        "sleep": lambda: in_python_threads(count, lambda: long_call.sleep(MILLIS)),
        "spin": lambda: in_python_threads(count, lambda: long_call.spin(MILLIS)),
        "callback": lambda: in_java_threads(pool, [PythonWork() for _ in range(count)]),
    }
    run = runs[kind]
    try:
        run()  # warm-up: the threads, the classes, JPype's conversions
        for _ in range(ROUNDS):
            start = time.perf_counter_ns()
            results = run()
            took = time.perf_counter_ns() - start
            if kind == "callback" and [int(r) for r in results] != [python_work()] * count:
                sys.exit(f"callback results {results}: not {count} times {python_work()}")
            print(f"{took / 1e6:.1f}")
    finally:
        pool.shutdown()


if __name__ == "__main__":
    main()
