# The cost of one call, timed by CPython's own clock (JMH cannot host CPython), for bench/rows:
#   jpype_call_cost.py java     Calculator.multiply through JPype, in the JVM the lesson starts
#   jpype_call_cost.py python   a Python static method with the same body: the baseline
# Prints one sample a line, in ns per call: a loop of CALLS calls, timed as a whole, divided.
import os
import sys
import time

CALLS = 1000
ROUNDS = 200 if os.environ.get("BENCH_QUICK") else 1000

if sys.argv[1:] == ["java"]:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "main", "python", "jpype"))
    from calculator import start_java  # the lesson's own start: same JVM, same flags

    start_java(["target/python-to-java.jar"])
    from pythontojava import Calculator
elif sys.argv[1:] == ["python"]:
    class Calculator:  # the same call, to a Python static method
        @staticmethod
        def multiply(a, b):
            return a * b
else:
    sys.exit("usage: jpype_call_cost.py java|python")


def loop(n):
    total = 0
    for i in range(n):
        total += Calculator.multiply(i, 2)
    return total


expected = sum(i * 2 for i in range(CALLS))
for _ in range(ROUNDS):  # warm-up: as many rounds again, not printed
    loop(CALLS)
for _ in range(ROUNDS):
    start = time.perf_counter_ns()
    result = loop(CALLS)
    took = time.perf_counter_ns() - start
    if result != expected:  # the result is used: no runtime may drop the calls
        sys.exit(f"loop({CALLS}) = {result}, not {expected}")
    print(f"{took / CALLS:.2f}")
