#!/bin/sh
# JRuby's start-up with each setting, next to a bare `java -version`, all in this one run.
# A plain timing loop (hyperfine is not needed): for each setting, one warm-up run, then RUNS timed
# runs of a one-line script. Prints one line per setting: name<TAB>mean ms<TAB>standard deviation ms.
# Usage: bench-startup.sh RUNS JAVA 'JAVA_FLAGS' CLASSPATH AOT_CACHE
set -eu
runs=$1 java=$2 flags=$3 classpath=$4 cache=$5
jruby_jar=${classpath##*:}
script='puts 4 * 2'

now_ns() { date +%s%N; }

# time_setting NAME COMMAND...: runs COMMAND (output discarded; it must succeed) and prints a row.
time_setting() {
  name=$1; shift
  "$@" > /dev/null 2>&1 || { echo "bench-startup.sh: this failed: $*" >&2; "$@" >&2; exit 1; }
  times=
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(now_ns)
    "$@" > /dev/null 2>&1
    end=$(now_ns)
    times="$times $(( (end - start) / 1000 ))"
    i=$((i + 1))
  done
  echo "$times" | awk -v name="$name" '{
    for (i = 1; i <= NF; i++) { sum += $i; sumsq += $i * $i }
    mean = sum / NF; var = NF > 1 ? (sumsq - NF * mean * mean) / (NF - 1) : 0
    printf "%s\t%.0f\t%.0f\n", name, mean / 1000, sqrt(var > 0 ? var : 0) / 1000
  }'
}

# Word splitting of $flags is wanted: it holds several flags.
# shellcheck disable=SC2086
{
  time_setting "java -version" "$java" -version
  time_setting "JRuby: java -jar (cold)" "$java" -jar "$jruby_jar" -e "$script"
  time_setting "JRuby: -XX:TieredStopAtLevel=1" "$java" $flags -XX:TieredStopAtLevel=1 \
    -cp "$classpath" org.jruby.main.Main -e "$script"
  time_setting "JRuby: AOT cache" "$java" $flags -XX:AOTCache="$cache" -Xlog:aot=off \
    -cp "$classpath" org.jruby.main.Main -e "$script"
  time_setting "JRuby: AOT cache + C1 + SerialGC (make run)" "$java" $flags -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -XX:AOTCache="$cache" -Xlog:aot=off -cp "$classpath" org.jruby.main.Main -e "$script"
  time_setting "JRuby: make run's setting + --dev" "$java" $flags -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -XX:AOTCache="$cache" -Xlog:aot=off -cp "$classpath" org.jruby.main.Main --dev -e "$script"
}
