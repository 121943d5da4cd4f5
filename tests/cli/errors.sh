#!/bin/sh
# End to end: bad input, bad options and bad databases give the documented
# message and exit status, and lose nothing else.
. "$top_srcdir/tests/cli/lib.sh"

# run CMD...: sets $rc, $out (stdout) and $err (stderr)
run() {
    "$@" > "$TMP/stdout" 2> "$TMP/stderr"
    rc=$?
    out=$(cat "$TMP/stdout")
    err=$(cat "$TMP/stderr")
}

# ---- databases -----------------------------------------------------------
run "$XAPNEWS" search --db "$TMP/missing.db" china
expect_eq "missing database: exit 4" 4 "$rc"
expect_eq "missing database: message" \
    "xapnews: $TMP/missing.db: no such database (create one with 'xapnews index --db $TMP/missing.db ...')" "$err"
[ ! -e "$TMP/missing.db" ] && pass "missing database not created" || fail "search created $TMP/missing.db"

mkdir "$TMP/empty.db"
run "$XAPNEWS" search --db "$TMP/empty.db" china
expect_eq "not a database: exit 4" 4 "$rc"
case $err in
"xapnews: $TMP/empty.db: not a Xapian database, or a damaged one ("*) pass "not a database: message" ;;
*) fail "not a database: message: $err" ;;
esac

# ---- command line ----------------------------------------------------------
run "$XAPNEWS" frobnicate
expect_eq "unknown command: exit 2" 2 "$rc"
expect_eq "unknown command: message" "xapnews: unknown command 'frobnicate' (try 'xapnews --help')" "$err"
run "$XAPNEWS" search china
expect_eq "search without --db: exit 2" 2 "$rc"
expect_eq "search without --db: message" "xapnews: search: --db DB is required" "$err"
run "$XAPNEWS" search --db "$TMP/x" --limit ten china
expect_eq "bad --limit: exit 2" 2 "$rc"
expect_eq "bad --limit: message" "xapnews: --limit: expected a whole number from 0 to 100000000, got 'ten'" "$err"
run "$XAPNEWS" index "$top_srcdir/corpus"
expect_eq "index without --db: exit 2" 2 "$rc"
for cmd in "" index search; do
    run "$XAPNEWS" $cmd --help
    expect_eq "'$cmd --help' exit 0" 0 "$rc"
    case $out in *"Exit status:"*) pass "'$cmd --help' documents exit codes" ;;
    *) fail "'$cmd --help' lacks exit codes" ;; esac
done
run "$XAPNEWS" --version
expect_eq "--version" "xapnews 0.1.0" "$out"

# ---- bad records: reported, skipped, the rest indexed -----------------------
J=$TMP/mixed.jsonl
cat > "$J" <<'JSONL'
{"id":"good-1","title":"Ministers meet in Beijing","body":"The talks opened."}
{"id":"broken", "title":
{"title":"No id here"}
{"id":"typed","title":5}
{"id":"bad-date","date":"2016-02-30"}

{"id":"good-2","title":"Second meeting","date":"2016-06-14","officials":["Jeh Johnson"]}
{"id":"","title":"empty id"}
{"id":"bad-officials","officials":"Jeh Johnson"}
JSONL
run "$XAPNEWS" index --db "$TMP/mixed.db" "$J"
expect_eq "bad records: exit 1" 1 "$rc"
expect_eq "bad records: one message each, FILE:LINE first (a bad date is dropped)" \
"$J:2: malformed JSON: the line ends before the record is complete
$J:3: missing \"id\"
$J:4: \"title\" must be a string, not a number
$J:5: bad \"date\" '2016-02-30': day 30 out of range for 2016-02; record kept without a date
$J:8: empty \"id\"
$J:9: \"officials\" must be an array of strings, not a string" "$err"
case $out in "indexed 3 articles, repaired 1, skipped 5, into $TMP/mixed.db in "*) pass "bad records: summary" ;;
*) fail "bad records: summary: $out" ;; esac
expect_eq "good records before and after are searchable" "good-1 good-2" \
    "$(ids "$TMP/mixed.db" --any Ministers Second)"

# invalid UTF-8 is repaired (U+FFFD) and the record kept, with a warning
printf '{"id":"u1","title":"caf\351 in Z\374rich"}\n{"id":"u2","title":"fine"}\n' > "$TMP/latin1.jsonl"
run "$XAPNEWS" index --db "$TMP/utf8.db" "$TMP/latin1.jsonl"
expect_eq "invalid UTF-8: exit 0" 0 "$rc"
expect_eq "invalid UTF-8: warning" \
    "$TMP/latin1.jsonl:1: invalid UTF-8 replaced by U+FFFD (2 sequences); record kept" "$err"
case $out in "indexed 2 articles, repaired 1, skipped 0, into $TMP/utf8.db in "*) pass "invalid UTF-8: summary" ;;
*) fail "invalid UTF-8: summary: $out" ;; esac
expect_eq "invalid UTF-8: the record is searchable" "u1" "$(ids "$TMP/utf8.db" caf)"
title=$("$XAPNEWS" search --db "$TMP/utf8.db" --json id:u1 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["title"] == "caf\ufffd in Z\ufffdrich")')
expect_eq "invalid UTF-8: the title keeps U+FFFD" True "$title"

# oversized fields are cut with a warning; oversized records skipped
python3 - "$TMP/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "big", "title": "long", "body": "word " * 1000}) + "\n")
    f.write(json.dumps({"id": "huge", "body": "x" * 200000}) + "\n")
    f.write(json.dumps({"id": "after", "title": "still here"}) + "\n")
PY
run "$XAPNEWS" index --max-field-bytes 1000 --db "$TMP/big.db" "$TMP/big.jsonl"
expect_eq "oversized: exit 1 (a record skipped)" 1 "$rc"
expect_eq "oversized: messages" \
"$TMP/big.jsonl:1: \"body\" is 5000 bytes; kept the first 1000 (--max-field-bytes)
$TMP/big.jsonl:2: record longer than 73536 bytes; skipped (raise --max-field-bytes)" "$err"
case $out in "indexed 2 articles, repaired 1, skipped 1, into $TMP/big.db in "*) pass "oversized: summary" ;;
*) fail "oversized: summary: $out" ;; esac
expect_eq "oversized: the records around are kept" "after big" "$(ids "$TMP/big.db" --any long still)"

# regression (tests/fuzz/crashers/jsonl): a line exactly at the limit,
# newline included, is skipped alone; the next record is kept
python3 -c 'import json; print("x" * (8 * 64 + 65536 - 1)); print(json.dumps({"id": "second"}))' > "$TMP/edge.jsonl"
run "$XAPNEWS" index --max-field-bytes 64 --db "$TMP/edge.db" "$TMP/edge.jsonl"
expect_eq "line at the limit: message names its own line" \
    "$TMP/edge.jsonl:1: record longer than 66048 bytes; skipped (raise --max-field-bytes)" "$err"
expect_eq "line at the limit: the next record is kept" "second" "$(ids "$TMP/edge.db" id:second)"

run "$XAPNEWS" index --strict --db "$TMP/strict.db" "$J"
expect_eq "--strict: exit 3" 3 "$rc"
expect_eq "--strict: stops at the first bad record" \
    "$J:2: malformed JSON: the line ends before the record is complete" "$err"

# ---- bad inputs and configuration: nothing written ---------------------------
run "$XAPNEWS" index --db "$TMP/none.db" "$TMP/nope.jsonl"
expect_eq "missing input: exit 3" 3 "$rc"
expect_eq "missing input: message" "xapnews: $TMP/nope.jsonl: cannot open: No such file or directory" "$err"
[ ! -e "$TMP/none.db" ] && pass "missing input: no database created" || fail "database created for a missing input"

mkdir "$TMP/nomanifest"
run "$XAPNEWS" index --db "$TMP/none.db" "$TMP/nomanifest"
expect_eq "folder without manifest: exit 3" 3 "$rc"
expect_eq "folder without manifest: message" \
    "xapnews: $TMP/nomanifest: not a corpus folder: it has no manifest.jsonl" "$err"

printf '# rules\nstrip x\nremove ^foo\n' > "$TMP/chrome.conf"
run "$XAPNEWS" index --chrome "$TMP/chrome.conf" --db "$TMP/none.db" "$J"
expect_eq "bad chrome rules: exit 3" 3 "$rc"
expect_eq "bad chrome rules: FILE:LINE message" \
    "xapnews: $TMP/chrome.conf:3: unknown action 'remove' (expected strip, drop or end)" "$err"
[ ! -e "$TMP/none.db" ] && pass "bad configuration: no database created" || fail "database created despite bad configuration"

# ---- queries ---------------------------------------------------------------
run "$XAPNEWS" search --db "$TMP/mixed.db" --strict '(ministers'
expect_eq "unbalanced parenthesis: exit 5" 5 "$rc"
expect_eq "unbalanced parenthesis: message" \
    "xapnews: query syntax error at column 1: '(' is never closed" "$err"
run "$XAPNEWS" search --db "$TMP/mixed.db" --strict 'date:2016-13'
expect_eq "bad date: exit 5" 5 "$rc"
expect_eq "bad date: message" \
    "xapnews: query syntax error at column 1: bad date '2016-13': month 13 out of range 01-12" "$err"
run "$XAPNEWS" search --db "$TMP/mixed.db" '!!!'
expect_eq "query without words: exit 0" 0 "$rc"
expect_eq "query without words: no hits" "No articles match: !!!" "$out"

# ---- a second writer is refused while the first holds the lock ---------------
"$SYSPY" - "$TMP/mixed.db" > "$TMP/holder.out" <<'PY' &
import sys, time, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
print("locked", flush=True)
time.sleep(20)
PY
holder=$!
for _ in $(seq 50); do grep -q locked "$TMP/holder.out" 2>/dev/null && break; sleep 0.1; done
run "$XAPNEWS" index --db "$TMP/mixed.db" "$top_srcdir/corpus"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
expect_eq "locked database: exit 4" 4 "$rc"
expect_eq "locked database: no summary line" "" "$out"
expect_eq "locked database: message" \
    "xapnews: $TMP/mixed.db: database is locked by another writer (wait for it to finish)" "$err"
expect_eq "locked database: searches still work" "good-1" "$(ids "$TMP/mixed.db" Ministers)"

finish
