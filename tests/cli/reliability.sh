#!/bin/sh
# Crash safety and concurrency: kill -9 at several points leaves a database
# that opens, and running the same command again completes it with exactly
# the right documents and no duplicates; searches keep working while a
# writer commits; a second writer is told the database is locked.
. "$top_srcdir/tests/cli/lib.sh"
N=20000
python3 - "$TMP/many.jsonl" "$N" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": "a%05d" % i, "title": "Report %d on cyber-security" % i,
                            "date": "2016-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                            "body": "Officials met in Beijing; item %d of the talks. Guo Shengkum spoke." % i}) + "\n")
PY
count() { "$SYSPY" -c 'import sys, xapian
db = xapian.Database(sys.argv[1])
ids = [t.term for t in db.allterms("Q")]
print(db.get_doccount(), len(ids), len(set(ids)))' "$1"; }

# ---- kill -9 at several points, then run the same command again ---------------
DB=$TMP/crash.db
for delay in 0.3 0.8 1.5; do
    "$XAPNEWS" index --quiet --batch 250 --db "$DB" "$TMP/many.jsonl" > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ -d "$DB" ]; then
        got=$(count "$DB")
        expect_eq "after kill -9 at ${delay}s the database opens" 0 $?
        set -- $got
        [ "$1" -eq "$3" ] && pass "after kill -9 at ${delay}s: no duplicates ($1 documents)" ||
            fail "after kill -9 at ${delay}s: $got"
    fi
done
"$XAPNEWS" index --quiet --batch 250 --db "$DB" "$TMP/many.jsonl" > /dev/null
expect_eq "the re-run exits 0" 0 $?
expect_eq "the re-run completes: every article exactly once" "$N $N $N" "$(count "$DB")"

# ---- searches while a writer commits ----------------------------------------------
LIVE=$TMP/live.db
"$XAPNEWS" index --quiet --db "$LIVE" "$top_srcdir/corpus" > /dev/null
"$XAPNEWS" index --quiet --batch 200 --db "$LIVE" "$TMP/many.jsonl" > /dev/null 2>&1 &
writer=$!
errors=0 searches=0
while kill -0 "$writer" 2>/dev/null && [ "$searches" -lt 200 ]; do
    "$XAPNEWS" search --db "$LIVE" --json --any 'Guo Shengkum cyber-security' > /dev/null 2> "$TMP/search.err" ||
        { errors=$((errors + 1)); cat "$TMP/search.err" >&2; }
    searches=$((searches + 1))
done
# a second writer meanwhile is refused with a clear message
if kill -0 "$writer" 2>/dev/null; then
    "$XAPNEWS" index --db "$LIVE" "$top_srcdir/corpus" > /dev/null 2> "$TMP/lock.err"
    rc=$?
    if kill -0 "$writer" 2>/dev/null; then
        expect_eq "second writer: exit 4" 4 "$rc"
        expect_eq "second writer: message" \
            "xapnews: $LIVE: database is locked by another writer (wait for it to finish)" \
            "$(cat "$TMP/lock.err")"
    fi
fi
wait "$writer"
expect_eq "the writer finished" 0 $?
expect_eq "searches during commits all succeeded ($searches run)" 0 "$errors"
expect_eq "everything indexed" "$((N + 5)) $((N + 5)) $((N + 5))" "$(count "$LIVE")"
finish
