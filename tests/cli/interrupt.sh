#!/bin/sh
# An interrupted `index --jobs J`: SIGTERM or SIGHUP while a new database
# is built in parts stops the jobs, removes the parts and the database,
# and the command dies of the signal; while shards are built, the jobs
# stop and each shard keeps what it committed. A command killed outright
# (SIGKILL) leaves no job running; its parts folder, no longer locked, is
# removed by the next `index` of that database, and a folder still locked
# or without a lock is left alone.
. "$top_srcdir/tests/cli/lib.sh"
cd "$TMP" || exit 1
# the checks send signals to the program itself, not to a wrapper
[ -n "${XAPNEWS_REAL:-}" ] && { echo "SKIP: the program runs under a wrapper"; exit 77; }

# 60 copies of the test articles under new ids: several seconds of work
python3 - "$top_srcdir/tests/data/reuters-people.jsonl" > big.jsonl <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
for k in range(60):
    for r in recs:
        c = dict(r); c["id"] = "%s-%d" % (r["id"], k)
        c["body"] = "Copy %d. %s" % (k, c.get("body", ""))
        print(json.dumps(c))
PY
head -20 big.jsonl > small.jsonl

# started SIGNAL DB [OPTIONS]: index big.jsonl into DB in the background,
# wait until its jobs are at work, send SIGNAL; sets rc, err, leftovers
# (the DB's parts folders) and running (its processes still there)
started() {
    sig=$1 db=$2; shift 2
    "$XAPNEWS" index --jobs 2 "$@" --db "$db" big.jsonl > out.txt 2> err.txt &
    pid=$!
    i=0
    while [ $i -lt 1000 ] && [ "$(pgrep -P "$pid" | wc -l)" -lt 2 ]; do
        sleep 0.01; i=$((i + 1))
    done
    sleep 0.5
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    err=$(cat err.txt)
    sleep 0.2
    leftovers=$(ls -d "$db".parts-* 2> /dev/null)
    running=$(pgrep -f "index --jobs 2 .*--db $db " || true)
}

started TERM news.db
expect_eq "SIGTERM in parts: dies of it" 143 "$rc"
expect_eq "SIGTERM in parts: message" \
    "xapnews: interrupted: news.db was not built; its parts are removed" "$err"
expect_eq "SIGTERM in parts: no parts left" "" "$leftovers"
expect_eq "SIGTERM in parts: no database" "no" "$([ -e news.db ] && echo yes || echo no)"
expect_eq "SIGTERM in parts: no job left running" "" "$running"

# a SIGHUP the caller ignores (nohup) the program ignores too, as it should
hup_ignored=no
mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status 2> /dev/null)
[ -n "$mask" ] && [ $(( 0x$mask & 1 )) -eq 1 ] && hup_ignored=yes
mkdir empty.db
started HUP empty.db
if [ "$hup_ignored" = yes ]; then
    expect_eq "SIGHUP ignored by the caller (nohup): the build goes on" 0 "$rc"
else
    expect_eq "SIGHUP in parts: dies of it" 129 "$rc"
    expect_eq "SIGHUP in parts: the empty folder given stays, empty" "" "$(ls -A empty.db)"
fi
expect_eq "SIGHUP in parts: no parts left" "" "$leftovers"

started TERM sharded.db --shards 2
expect_eq "SIGTERM in shards: dies of it" 143 "$rc"
expect_eq "SIGTERM in shards: message" \
    "xapnews: interrupted: each shard of sharded.db keeps what its job committed" "$err"
expect_eq "SIGTERM in shards: no job left running" "" "$running"
n=$("$SYSPY" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' sharded.db)
[ "$n" -lt 12840 ] && pass "SIGTERM in shards: the shards open, $n of 12840 articles" ||
    fail "SIGTERM in shards: $n articles"

started KILL killed.db
expect_eq "SIGKILL in parts: no job left running" "" "$running"
stale=$leftovers
[ -n "$stale" ] && [ -f "$stale/lock" ] && pass "SIGKILL in parts: its folder stays, locked by none" ||
    fail "SIGKILL in parts: folder '$stale'"
# a folder a running build holds, and one with no lock file, stay
mkdir killed.db.parts-1 killed.db.parts-2
: > killed.db.parts-1/lock
"$SYSPY" -c 'import fcntl, sys, time
f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); print("held", flush=True); time.sleep(60)' \
    killed.db.parts-1/lock > held.txt &
holder=$!
i=0; while [ $i -lt 500 ] && [ ! -s held.txt ]; do sleep 0.01; i=$((i + 1)); done
"$XAPNEWS" index --db killed.db small.jsonl > out.txt 2> err.txt
expect_eq "the next index: exit status" 0 $?
expect_eq "the next index: the stopped build's parts removed" \
    "xapnews: removed ./$stale: the parts of a build that was stopped" "$(cat err.txt)"
expect_eq "the next index: a held folder and one without a lock stay" \
    "killed.db.parts-1 killed.db.parts-2" "$(ls -d killed.db.parts-* | tr '\n' ' ' | sed 's/ $//')"
kill "$holder" 2> /dev/null; wait "$holder" 2> /dev/null
finish
