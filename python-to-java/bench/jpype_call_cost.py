# JPype's figures, which only CPython itself can measure (JMH cannot host CPython):
#   jpype_bench.py JDK CLASSPATH startup   start a JVM, call Java once, exit (timed from outside)
#   jpype_bench.py JDK CLASSPATH calls     the cost of one Python -> Java call, as a TSV row
import os
import statistics
import sys
import time

import jpype
import jpype.imports

jdk, classpath, mode = sys.argv[1], sys.argv[2].split(":"), sys.argv[3]
if jpype.__file__.startswith("/usr/lib/python3/dist-packages/"):
    classpath.append("/usr/share/java/org.jpype.jar")  # see calculator_jpype.py
jpype.startJVM(os.path.join(jdk, "lib", "server", "libjvm.so"), "--enable-native-access=ALL-UNNAMED",
               classpath=classpath)
from pythontojava import Calculator  # noqa: E402

if mode == "startup":
    print(Calculator.multiply(4, 2))
    sys.exit(0)

# The same loop as CallCostBenchmark: CALLS calls per round, first warm-up rounds, then measured ones.
CALLS = 1000
quick = os.environ.get("BENCH_QUICK")
warmup_rounds, rounds = (200, 200) if quick else (2000, 2000)


def loop(n):
    total = 0
    for i in range(n):
        total += Calculator.multiply(i, 2)
    return total


for _ in range(warmup_rounds):
    loop(CALLS)
per_call = []
for _ in range(rounds):
    start = time.perf_counter_ns()
    loop(CALLS)
    per_call.append((time.perf_counter_ns() - start) / CALLS)
# value: the mean; error: like JMH's, a 99.9% confidence interval of the mean (normal approximation).
mean = statistics.fmean(per_call)
error = 3.29 * statistics.stdev(per_call) / len(per_call) ** 0.5
print(f"Python -> Java call (CPython + JPype)\t{mean:.2f}\t{error:.2f}\tns/call")
