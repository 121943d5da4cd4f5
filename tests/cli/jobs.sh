#!/bin/sh
# `index --jobs J` on a new database builds it as J parts on J cores and
# joins them: the database it leaves is the one a single job builds from
# the same input, document for document in the same order (story keys of
# near duplicates across the parts, ids given again in a later part,
# spelling data and name counts included), with the same messages, counts
# and exit status. Checked on generated inputs (near-duplicate copies and
# chains of copies placed anywhere, edited articles under ids given
# before, bad and repaired records, an empty file, several files) for
# several seeds and job counts.
. "$top_srcdir/tests/cli/lib.sh"
cd "$TMP" || exit 1

# make_input SEED: a.jsonl, empty.jsonl, b.jsonl, c.jsonl from the Reuters
# articles with the seed's copies, edits and faults
make_input() {
    python3 - "$top_srcdir/tests/data/reuters-people.jsonl" "$1" <<'PY'
import json, random, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
rnd = random.Random(int(sys.argv[2]))
out = list(recs)
def put(r, lo):
    out.insert(rnd.randrange(lo, len(out) + 1), r)
for k, r in enumerate(rnd.sample(recs, 30)):          # near-duplicate copies
    c = dict(r); w = c.get("body", "").split()
    c["body"] = " ".join(w[:-2] + ["added%d" % k]); c["id"] = r["id"] + "-copy"
    put(c, out.index(r) + 1)
for k, r in enumerate([x for x in out if x["id"].endswith("-copy")][:8]):  # chains
    c = dict(r); c["id"] += "2"; c["body"] += " more%d" % k
    put(c, out.index(r) + 1)
for r in rnd.sample(recs, 6):                          # an id given again
    c = dict(r); c["title"] = (c.get("title") or "") + " (corrected)"
    put(c, out.index(r) + 1)
lines = [json.dumps(r) for r in out]
lines.insert(rnd.randrange(len(lines)), '{"id": "broken", "title": ')  # bad records
lines.insert(rnd.randrange(len(lines)), '{"title": "no id"}')
lines.insert(rnd.randrange(len(lines)), '{"id": "baddate", "date": "yesterday", "body": "A date that is not one."}')
third = len(lines) // 3
for name, part in (("a", lines[:third]), ("b", lines[third:2 * third]), ("c", lines[2 * third:])):
    open(name + ".jsonl", "w").write("\n".join(part) + "\n")
open("empty.jsonl", "w").close()
PY
}

# the story keys that are not the article's own id, as "id>key" lines
keyed() {
    "$SYSPY" - "$1" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
for p in db.postlist(""):
    d = db.get_document(p.docid)
    ident = [t.term[1:] for t in d.termlist() if t.term.startswith(b"Q")][0]
    if d.get_value(8) != ident:
        print((ident + b">" + d.get_value(8)).decode())
PY
}

# slack_input SEED: slack.jsonl, a few long articles of a small vocabulary,
# far quicker to index per byte than the news after them: the job given
# them ends its run early and takes over the end of a run after its own
slack_input() {
    python3 - "$1" <<'PY'
import json, random, sys
rnd = random.Random(int(sys.argv[1]))
words = ["slack%d" % k for k in range(200)]
with open("slack.jsonl", "w") as f:
    for k in range(rnd.randrange(2, 5)):
        body = " ".join(rnd.choice(words) for _ in range(rnd.randrange(20000, 40000)))
        f.write(json.dumps({"id": "slack%d" % k, "title": "slack", "body": body}) + "\n")
PY
}

# same_as_one_job LABEL INPUTS...: the inputs built by one job, then by 2
# and 3 jobs in parts, which must leave the same database, messages,
# counts and exit status; counts the builds that took over a run's end
# in $taken_over
taken_over=0
same_as_one_job() {
    label=$1
    shift
    rm -rf one
    "$XAPNEWS" index --db one "$@" > one.out 2> one.err
    one_rc=$?
    expect_eq "$label: one job reports the bad records and the empty file" 1 "$one_rc"
    sed 's/ in [0-9.]* s$//' one.out > one.sum
    one=$(db_digest one)
    [ "$(keyed one | grep -c .)" -ge 20 ] || fail "$label: too few near duplicates to test: $(keyed one | grep -c .)"
    for jobs in 2 3; do
        rm -rf par
        "$XAPNEWS" index --db par --jobs $jobs "$@" > par.out 2> par.err
        expect_eq "$label, $jobs jobs: exit status" "$one_rc" $?
        case $(cat par.out) in
            *" into par ($jobs jobs) in "*) ;;
            *" into par ($jobs jobs, "[0-9]" parts) in "*) taken_over=$((taken_over + 1)) ;;
            *) fail "$label, $jobs jobs: summary names the jobs: $(cat par.out)" ;;
        esac
        expect_eq "$label, $jobs jobs: counts" "$(cat one.sum)" \
            "$(sed -e 's/ in [0-9.]* s$//' -e "s/ ($jobs jobs[, 0-9a-z]*)//" -e 's/into par/into one/' par.out)"
        expect_eq "$label, $jobs jobs: messages, in input order" "$(cat one.err)" "$(cat par.err)"
        expect_eq "$label, $jobs jobs: the same database" "$one" "$(db_digest par)"
        expect_eq "$label, $jobs jobs: story keys" "$(keyed one)" "$(keyed par)"
        expect_eq "$label, $jobs jobs: collapsed search" \
            "$("$XAPNEWS" search --db one --collapse --limit 20 oil prices)" \
            "$("$XAPNEWS" search --db par --collapse --limit 20 oil prices | sed 's/--db par/--db one/')"
        expect_eq "$label, $jobs jobs: no parts left behind" "" "$(ls -d par.parts-* 2> /dev/null)"
    done
}

for seed in 1 2 3; do
    make_input $seed
    same_as_one_job "seed $seed" a.jsonl empty.jsonl b.jsonl c.jsonl
    # a run ending early: another's end is taken over, wherever it falls
    slack_input $seed
    same_as_one_job "seed $seed, slack first" slack.jsonl a.jsonl empty.jsonl b.jsonl c.jsonl
done
# (the jobs' speeds decide; of twelve builds, a quick run's job took over)
[ "$taken_over" -ge 1 ] && pass "builds that took over the end of a run: $taken_over" ||
    fail "no build took over the end of a slower run"

# without --jobs, 4 MiB of input or more into a new database takes 2 jobs
# while a second core is idle (the load decides), and builds the same
python3 - "$top_srcdir/tests/data/reuters-people.jsonl" > big.jsonl <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
for k in range(11):
    for r in recs:
        print(json.dumps(dict(r, id="%s-%d" % (r["id"], k))))
PY
rm -rf one par
"$XAPNEWS" index --db one --jobs 1 big.jsonl > one.out
"$XAPNEWS" index --db par big.jsonl > par.out
case $(cat par.out) in *" into par (2 jobs) in "* | *" into par (2 jobs, 3 parts) in "* | *" into par in "*) pass "default jobs: $(sed 's/.*into par //' par.out)" ;;
    *) fail "default jobs: $(cat par.out)" ;; esac
expect_eq "default jobs: the same database" "$(db_digest one)" "$(db_digest par)"

# on a terminal: one progress line for all the jobs, never counting an
# article twice and ending at every article they indexed, then the join,
# then the summary on a clean line. slack.jsonl first has the job given it
# go on into the end of the other's run, most times: up to 5 builds, until
# one did
if command -v script > /dev/null; then
    for try in 1 2 3 4 5; do
        rm -rf tty.db
        script -qec "$XAPNEWS index --db tty.db --jobs 2 slack.jsonl big.jsonl" /dev/null < /dev/null |
            tr -d '\r' | sed 's/\x1b\[K/\n/g' > tty.out
        n=$(sed -n 's/^indexed \([0-9]*\) articles, repaired.*/\1/p' tty.out)
        # 3 parts when a job took over the end of the other's run
        parts=$(sed -n 's/.* (2 jobs, \([0-9]*\) parts) in .*/\1/p' tty.out)
        label="on a terminal (${parts:-2} parts)"
        expect_eq "$label: the progress ends at every article" "indexed $n articles" \
            "$(grep '/s' tty.out | tail -1 | sed 's/,.*//')"
        expect_eq "$label: the progress only grows, up to every article" "" \
            "$(sed -n 's/^indexed \([0-9]*\) articles, [0-9]*\/s.*/\1/p' tty.out |
                awk -v n="$n" '$1 < last || $1 > n { print "at " NR ": " $1 " after " last } { last = $1 }')"
        expect_eq "$label: the join is shown" "joining ${parts:-2} parts into tty.db" \
            "$(grep '^joining' tty.out)"
        case $(tail -1 tty.out) in "indexed $n articles, repaired 0, skipped 0, into tty.db (2 jobs) in "* | \
            "indexed $n articles, repaired 0, skipped 0, into tty.db (2 jobs, 3 parts) in "*)
            pass "$label: the summary on a line of its own" ;;
            *) fail "$label: $(tail -1 tty.out)" ;; esac
        [ -n "$parts" ] && break
    done
fi

# an empty folder is a new database too
rm -rf par && mkdir par
"$XAPNEWS" index --db par/ --jobs 2 a.jsonl > par.out 2> /dev/null
case $(cat par.out) in *" into par/ (2 jobs) in "* | *" into par/ (2 jobs, 3 parts) in "*) pass "an empty folder: built in parts" ;;
    *) fail "an empty folder: $(cat par.out)" ;; esac
expect_eq "an empty folder: no parts left behind" "" "$(ls -d par.parts-* 2> /dev/null)"
# a folder the parts cannot be made in: refused before any job runs
"$XAPNEWS" index --db missing/news.db --jobs 2 a.jsonl > par.out 2> par.err
expect_eq "no folder for the parts: exit 3" 3 $?
expect_eq "no folder for the parts: message" \
    "xapnews: missing/news.db.parts-PID: cannot create: No such file or directory" \
    "$(sed 's/parts-[0-9]*/parts-PID/' par.err)"
expect_eq "no folder for the parts: no summary, nothing made" ":" "$(cat par.out):$(ls -d missing 2> /dev/null)"
# an existing database is added to by one writer, storing on a second thread
"$XAPNEWS" index --db par --jobs 2 a.jsonl > par.out 2> /dev/null
case $(cat par.out) in *" into par (2 threads) in "*) pass "an existing database: two threads" ;;
    *) fail "an existing database: $(cat par.out)" ;; esac
finish
