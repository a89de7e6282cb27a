#!/bin/bash
# make bench: what C calling Java costs. Every figure is timed from C (the caller), each next to
# a baseline measured in the same run, and written to target/bench.tsv. The Makefile passes
# JAVA, JAVA_FLAGS, CLASSPATH and BENCH_QUICK.
set -euo pipefail

if [ -n "${BENCH_QUICK:-}" ]; then
    echo "c-to-java bench: quick run: wide error bars"
    starts=5 rounds=3 c_calls=100000000 jni_calls=10000000 ffm_calls=10000000 jna_calls=300000
else
    starts=20 rounds=5 c_calls=500000000 jni_calls=50000000 ffm_calls=50000000 jna_calls=2000000
fi

now_ms() { echo $(( $(date +%s%N) / 1000 )) | awk '{ printf "%.3f", $1 / 1000 }'; }

# "median<TAB>half the spread" of the numbers on stdin.
median_spread() {
    sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                       printf "%.3f\t%.3f\n", m, (v[NR] - v[1]) / 2 }'
}

echo "c-to-java bench: start-up, $starts processes each"
: > target/startup-inside.txt
: > target/startup-embedded.txt
: > target/startup-launcher.txt
: > target/startup-version.txt
for _ in $(seq "$starts"); do
    # The C main (VM creation and the first call timed inside it), and its whole process from outside.
    start=$(now_ms)
    target/bin/jni_bench 0 | awk '$1 == "startup" { print $2 }' >> target/startup-inside.txt
    end=$(now_ms)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >> target/startup-embedded.txt
    # The same call started by the java launcher, whole process.
    start=$(now_ms)
    "$JAVA" -cp target/classes ctojava.Doubler 4 > /dev/null
    end=$(now_ms)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >> target/startup-launcher.txt
    # A bare JVM start, the baseline every example's start-up is compared with.
    start=$(now_ms)
    "$JAVA" -version 2> /dev/null
    end=$(now_ms)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >> target/startup-version.txt
done
version=$(median_spread < target/startup-version.txt)
inside=$(median_spread < target/startup-inside.txt)
embedded=$(median_spread < target/startup-embedded.txt)
launcher=$(median_spread < target/startup-launcher.txt)

echo "c-to-java bench: C -> Java through JNI (C loop, $rounds rounds of $jni_calls calls)"
jni_result=$(target/bin/jni_bench "$jni_calls" "$rounds")
echo "c-to-java bench: C -> Java through FFM and JNA (C loop, $rounds rounds of $ffm_calls and $jna_calls calls)"
# shellcheck disable=SC2086 # JAVA_FLAGS is a list of flags
callback_result=$("$JAVA" $JAVA_FLAGS -cp "$CLASSPATH" ctojava.CallbackCost "$c_calls" "$ffm_calls" "$jna_calls" "$rounds")

field() { # field NAME COLUMN: from the "name<TAB>value<TAB>error" lines on stdin
    awk -F '\t' -v name="$1" -v column="$2" '$1 == name { print $column }'
}
launcher_row="java launcher: whole process, same call (ctojava.Doubler)"
c_in_c="C -> C: function pointer (in the C main)"
c_in_java="C -> C: function pointer (in the Java process)"
{
    printf 'row\tvalue\terror\tunit\tbaseline\tbaseline_value\tratio\n'
    row() { # row NAME VALUE ERROR UNIT BASELINE BASELINE_VALUE
        awk -v OFS='\t' -v n="$1" -v v="$2" -v e="$3" -v u="$4" -v b="$5" -v bv="$6" \
            'BEGIN { printf "%s\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.1f\n", n, v, e, u, b, bv, v / bv }'
    }
    v=$(cut -f1 <<< "$version")
    row "java -version" "$v" "$(cut -f2 <<< "$version")" ms "java -version" "$v"
    row "C main() -> first Java call returned (JVM created)" "$(cut -f1 <<< "$inside")" "$(cut -f2 <<< "$inside")" ms "java -version" "$v"
    row "C main embedding the JVM: whole process" "$(cut -f1 <<< "$embedded")" "$(cut -f2 <<< "$embedded")" ms "java -version" "$v"
    row "$launcher_row" "$(cut -f1 <<< "$launcher")" "$(cut -f2 <<< "$launcher")" ms "java -version" "$v"
    c1=$(field c 2 <<< "$jni_result")
    row "$c_in_c" "$c1" "$(field c 3 <<< "$jni_result")" ns/call "$c_in_c" "$c1"
    row "C -> Java: JNI, cached jmethodID" "$(field jni 2 <<< "$jni_result")" "$(field jni 3 <<< "$jni_result")" ns/call "$c_in_c" "$c1"
    c2=$(field c 2 <<< "$callback_result")
    row "$c_in_java" "$c2" "$(field c 3 <<< "$callback_result")" ns/call "$c_in_java" "$c2"
    row "C -> Java: FFM upcall stub" "$(field ffm 2 <<< "$callback_result")" "$(field ffm 3 <<< "$callback_result")" ns/call "$c_in_java" "$c2"
    row "C -> Java: JNA callback" "$(field jna 2 <<< "$callback_result")" "$(field jna 3 <<< "$callback_result")" ns/call "$c_in_java" "$c2"
} > target/bench.tsv
echo "c-to-java bench: medians of $starts starts (error: half the spread); per call: means of $rounds rounds (error: half the spread)"
