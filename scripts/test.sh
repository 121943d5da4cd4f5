#!/bin/sh
# Runs the whole test suite (Check unit suites and end-to-end CLI tests)
# after building what is out of date, and prints the summary. Exits
# non-zero when a test fails, after printing the failing tests' logs.
set -eu
cd "$(dirname "$0")/.."
./scripts/build.sh
status=0
make -j"$(nproc 2>/dev/null || echo 2)" --no-print-directory check > test-suite.out 2>&1 || status=$?
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' test-suite.out || true
grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' test-suite.out || true
if [ "$status" -ne 0 ]; then
    for log in $(grep -E '^(FAIL|ERROR):' test-suite.out | sed 's/^[A-Z]*: //'); do
        echo "---- $log.log"
        tail -n 40 "$log.log" 2>/dev/null || true
    done
fi
rm -f test-suite.out
exit "$status"
