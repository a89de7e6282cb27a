#!/bin/sh
# make fuzz: runs the fuzzer ($1) for FUZZ_SECONDS from the checked-in seeds (fuzz/corpus) and
# the foreign test archives, keeping new inputs in target/fuzz/corpus and findings (crash-*,
# leak-*, ...: a sanitizer report or a "DIFFERENT:" line) in target/fuzz/. Exit 1 on a finding.
fuzzer=$1
mkdir -p target/fuzz/corpus
echo "java-to-c-tarball fuzz: ${FUZZ_SECONDS}s of libFuzzer + ASan + UBSan over tarball.c, compared with libarchive (log: target/fuzz/fuzz.log)"
"$fuzzer" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -dict=fuzz/tar.dict -max_len=8192 \
  -artifact_prefix=target/fuzz/ target/fuzz/corpus fuzz/corpus src/test/archives/libarchive src/test/archives/go src/test/archives/cpython > target/fuzz/fuzz.log 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' target/fuzz/fuzz.log)
findings=$(ls target/fuzz | grep -cE '^(crash|leak|timeout|oom|slow-unit)-')
echo "java-to-c-tarball fuzz: ${runs:-?} executions, $(ls target/fuzz/corpus | wc -l) inputs in target/fuzz/corpus, $findings findings"
if [ $status -ne 0 ] || [ "$findings" -ne 0 ]; then
  grep -A3 -m1 '^DIFFERENT' target/fuzz/fuzz.log
  echo "java-to-c-tarball fuzz: FAIL: see target/fuzz/fuzz.log; reproduce with $fuzzer target/fuzz/<finding>" >&2
  exit 1
fi
