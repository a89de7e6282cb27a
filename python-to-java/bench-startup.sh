#!/bin/sh
# Start-up of each way: the wall time of a program that starts, calls Calculator.multiply once
# and exits, the mean of $RUNS runs (after one unmeasured run that warms the file caches).
# Prints one TSV line per program: row, value, error (empty), unit. Called by `make bench`.
set -eu

measure() { # measure ROW COMMAND...: the mean wall time in ms over $RUNS runs
  row=$1; shift
  "$@" > /dev/null 2>&1
  total=0
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    total=$((total + $(date +%s%N) - start))
    i=$((i + 1))
  done
  printf '%s\t%d\t\tms\n' "$row" $((total / RUNS / 1000000))
}

measure "java -version" $JAVA -version
measure "Start-up: Java, no Python" $JAVA -cp target/classes:target/test-classes pythontojava.StartupBaseline
measure "Start-up: Jython" $JYTHON org.python.util.jython src/jmh/python/startup_jython.py
measure "Start-up: GraalPy (sandboxed)" $GRAALPY pythontojava.GraalPyRunner src/jmh/python/startup_graalpy.py
if $PYTHON -c 'import jpype' 2> /dev/null; then
  measure "Start-up: CPython + JPype" $PYTHON src/jmh/python/jpype_bench.py "$JDK" target/classes startup
fi
