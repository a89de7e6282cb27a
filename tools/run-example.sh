#!/bin/sh
# Runs one example's make target, logs its output, and records the outcome.
# Usage: run-example.sh EXAMPLE TARGET BUILD_DIR [make arguments...]
# Writes BUILD_DIR/results/TARGET/EXAMPLE.result: "status seconds tests failed skipped"
# and prints one line: name, PASS/FAIL/SKIP, seconds. A failure also prints the log's tail.
example=$1 target=$2 build=$3
shift 3
log=$build/logs/$target/$example.log
result=$build/results/$target/$example.result
mkdir -p "$(dirname "$log")" "$(dirname "$result")"

[ "$target" = test ] && rm -rf "$example/target/surefire-reports" # no stale counts
start=$(date +%s.%N)
"${MAKE:-make}" --no-print-directory -C "$example" "$target" "$@" > "$log" 2>&1
status=$?
seconds=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')

# The JUnit counts, from the Surefire reports that this run wrote.
counts="0 0 0"
if [ "$target" = test ] && ls "$example"/target/surefire-reports/TEST-*.xml >/dev/null 2>&1; then
  counts=$(sed -n 's/.*<testsuite [^>]*>.*/&/p' "$example"/target/surefire-reports/TEST-*.xml | awk '
    { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/[^0-9]/, "", kv[2]); n[kv[1]] += kv[2] } }
    END { printf "%d %d %d", n["tests"], n["failures"] + n["errors"], n["skipped"] }')
  mkdir -p "$build/test-results/$example"
  cp "$example"/target/surefire-reports/TEST-*.xml "$build/test-results/$example/"
fi
# A JUnit test that was skipped is a skipped part too: named under the example's line, and a
# failure under CI=true (a skip there would hide that a lesson's test did not run).
junit_skips() {
  [ "$target" = test ] && ls "$example"/target/surefire-reports/TEST-*.xml >/dev/null 2>&1 || return 0
  awk 'function attr(a) { return match($0, a "=\"[^\"]*\"") ? substr($0, RSTART + length(a) + 2, RLENGTH - length(a) - 3) : "" }
    /<testcase / { test = attr("classname") "." attr("name") }
    /<skipped/ { why = attr("message"); printf "SKIP: JUnit test %s: %s\n", test, why == "" ? "skipped (no reason given)" : why }' \
    "$example"/target/surefire-reports/TEST-*.xml
}

# A part that cannot run here says so with a line "SKIP: PART: why, and how to install it" (need.sh).
# The example passes with that part named; if PART is the example itself, it was skipped whole.
# Under CI=true any skip is a failure.
skipped=$build/results/$target/$example.skipped
{ grep '^SKIP: ' "$log"; junit_skips; } > "$skipped"
if [ $status -ne 0 ]; then
  outcome=FAIL
elif [ -s "$skipped" ] && [ "${CI:-}" = true ]; then
  outcome=FAIL
  { cat "$skipped"; echo "CI=true: a skipped part counts as a failure"; } >> "$log"
elif grep -q "^SKIP: $example: " "$skipped"; then
  outcome=SKIP
else
  outcome=PASS
fi

echo "$outcome $seconds $counts" > "$result"

line=$(printf '%-18s %-4s %6ss' "$example" "$outcome" "$seconds")
set -- $counts
[ "$target" = test ] && line="$line   ($1 tests, $2 failed, $3 skipped)"
case $outcome in
  FAIL) printf '%s\n%s\n%s\n' "$line" "$(tail -n 40 "$log" | sed 's/^/    | /')" "    (whole log: $log)" ;;
  SKIP) printf '%s   %s\n' "$line" "$(head -n 1 "$skipped")" ;;
  *) if [ -s "$skipped" ]; then sed 's/^SKIP: /    (skipped: /; s/$/)/' "$skipped" | { echo "$line"; cat; }
     else echo "$line"; fi ;;
esac
exit 0
