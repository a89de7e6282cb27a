#!/bin/sh
# Measures the rows of one folder's bench/rows (see CONTRIBUTING.md) into target/bench/rows.tsv
# and prints them. Run by `make bench` in the folder, with the variables its rows use exported.
# Usage: ../tools/bench.sh bench/rows
[ -f "${1:-}" ] || { echo "usage: bench.sh ROWS_FILE (e.g. bench/rows)" >&2; exit 2; }
exec python3 "$(dirname "$0")/bench.py" "$1" "$(basename "$PWD")"
