# lib.sh - helpers for the end-to-end tests (sourced).
set -u
: "${XAPNEWS:?run through make check}"
: "${top_srcdir:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xapnews-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
# Debian's python3, which has the xapian bindings (python3-xapian)
SYSPY=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else
        fail "$1"; printf '  expected: %s\n  actual:   %s\n' "$2" "$3" >&2; fi
}
finish() { [ "$FAILS" -eq 0 ] || { echo "$FAILS failure(s)" >&2; exit 1; }; exit 0; }
# ids DB QUERY...: the sorted ids of the hits (JSON output, first 100)
ids() {
    db=$1; shift
    "$XAPNEWS" search --db "$db" --json --limit 100 "$@" |
        python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'
}
