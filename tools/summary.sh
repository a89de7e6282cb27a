#!/bin/sh
# Sums up one top-level target: prints the totals, writes JUnit XML for CI systems, and exits
# non-zero if any example failed.  Usage: summary.sh TARGET BUILD_DIR EXAMPLE...
target=$1 build=$2
shift 2
xml=$build/test-results/make-$target.xml
mkdir -p "$(dirname "$xml")"

xml() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/"/\&quot;/g'; }
passed=0 failed=0 skipped=0 tests=0 tests_failed=0 tests_skipped=0 cases=
for example in "$@"; do
  read -r outcome seconds t f s < "$build/results/$target/$example.result" || outcome="FAIL 0 0 0 0"
  tests=$((tests + t)) tests_failed=$((tests_failed + f)) tests_skipped=$((tests_skipped + s))
  log=$build/logs/$target/$example.log
  case $outcome in
    PASS) passed=$((passed + 1)); body= ;;
    SKIP) skipped=$((skipped + 1))
          body="<skipped message=\"$(grep -m1 '^SKIP: ' "$log" | xml)\"/>" ;;
    *)    failed=$((failed + 1))
          body="<failure message=\"make $target failed in $example\"><![CDATA[$(tail -n 60 "$log" | tr -d '\000-\010\013\014\016-\037' | sed 's/]]>/]] >/g')]]></failure>" ;;
  esac
  cases="$cases  <testcase classname=\"make.$target\" name=\"$example\" time=\"$seconds\">$body</testcase>
"
  # Each part that was skipped inside a passing example: a skipped test case of its own.
  if [ "$outcome" = PASS ] && [ -s "$build/results/$target/$example.skipped" ]; then
    while IFS= read -r line; do
      part=$(echo "$line" | sed 's/^SKIP: \([^:]*\):.*/\1/' | xml)
      cases="$cases  <testcase classname=\"make.$target.$example\" name=\"$part\" time=\"0\"><skipped message=\"$(echo "$line" | xml)\"/></testcase>
"
    done < "$build/results/$target/$example.skipped"
  fi
done

{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuite name=\"make $target\" tests=\"$(printf '%s' "$cases" | grep -c '<testcase')\" failures=\"$failed\" skipped=\"$(printf '%s' "$cases" | grep -c '<skipped')\" errors=\"0\">"
  printf '%s' "$cases"
  echo '</testsuite>'
} > "$xml"

echo "examples: $passed passed, $failed failed, $skipped skipped"
if [ "$target" = test ]; then
  echo "junit: $((tests - tests_failed - tests_skipped)) passed, $tests_failed failed, $tests_skipped skipped"
fi
[ "$failed" -eq 0 ]
