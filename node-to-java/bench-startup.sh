#!/bin/sh
# Start-up of the lesson program (nodetojava.Main: create the context, run both JS programs,
# exit), with the Graal compiler and in the interpreter, next to a bare `java -version` timed in
# the same run: the mean wall time of $RUNS runs after one unmeasured run. Prints target/bench.tsv
# rows. Usage: JAVA=... JAVA_FLAGS=... GRAAL_FLAGS=... INTERPRETER_FLAGS=... RUNS=N bench-startup.sh
set -eu

mean_ms() { # mean_ms COMMAND...: the mean wall time in ms over $RUNS runs
  "$@" > /dev/null 2>&1
  total=0 i=0
  while [ "$i" -lt "$RUNS" ]; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    total=$((total + $(date +%s%N) - start))
    i=$((i + 1))
  done
  echo $((total / RUNS / 1000000))
}

base=$(mean_ms "$JAVA" -version)
# shellcheck disable=SC2086 # the flag variables are lists of flags
compiled=$(mean_ms "$JAVA" $JAVA_FLAGS $GRAAL_FLAGS -cp 'target/classes:target/lib/*' nodetojava.Main)
# shellcheck disable=SC2086
interpreted=$(mean_ms "$JAVA" $JAVA_FLAGS $INTERPRETER_FLAGS -cp 'target/classes:target/lib/*' nodetojava.Main)
row() { awk -v n="$1" -v v="$2" -v b="$base" 'BEGIN { printf "%s\t%d\t\tms\tjava -version\t%d\t%.1f\n", n, v, b, v / b }'; }
row "java -version" "$base"
row "Start-up: the lesson program (GraalJS, compiled)" "$compiled"
row "Start-up: the lesson program (GraalJS, interpreter)" "$interpreted"
