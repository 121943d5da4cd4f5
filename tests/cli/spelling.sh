#!/bin/sh
# End to end: corrected search and "did you mean" from Xapian's spelling
# data, which the writer builds from the index's words when it closes; a
# stock Xapian client gets the same suggestions.
. "$top_srcdir/tests/cli/lib.sh"
cd "$TMP" || exit 1
cat > news.jsonl <<'JSON'
{"id":"s1","title":"Personnel files","body":"The government said personnel files were stolen by hackers."}
{"id":"s2","title":"Personnel again","body":"More personnel records and government systems were breached."}
{"id":"s3","title":"Espionage","body":"Cyber espionage against the government continued."}
JSON
"$XAPNEWS" index --db db news.jsonl > /dev/null || fail "index"
# corrected search: a query matching nothing is searched as its correction
out=$("$XAPNEWS" search --db db --color never 'persnnel files')
expect_eq "a misspelt query is searched as corrected, and says so" \
    "Showing results for personnel files. Search instead for: persnnel files" \
    "$(printf '%s\n' "$out" | head -n 1)"
expect_eq "the corrected query's articles" "s1" "$(ids db 'persnnel files')"
expect_eq "JSON: corrected_query, original_query, query" \
    "personnel files|persnnel files|personnel files|None" \
    "$("$XAPNEWS" search --db db --json 'persnnel files' |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s|%s|%s|%s" % (d["corrected_query"], d["original_query"], d["query"], d["did_you_mean"]))')"
expect_eq "JSON: nothing corrected" "None|None" \
    "$("$XAPNEWS" search --db db --json 'personnel files' |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s|%s" % (d["corrected_query"], d["original_query"]))')"
# --no-typos: searched as typed, with a suggestion
out=$("$XAPNEWS" search --db db --color never --no-typos 'persnnel files')
expect_eq "--no-typos: a misspelt query finds nothing" "No articles match: persnnel files" \
    "$(printf '%s\n' "$out" | grep '^No articles')"
expect_eq "--no-typos: and gets a suggestion" "did you mean: personnel files" \
    "$(printf '%s\n' "$out" | grep '^did you mean')"
expect_eq "--no-typos: JSON" "personnel files" \
    "$("$XAPNEWS" search --db db --json --no-typos 'persnnel files' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["did_you_mean"])')"
expect_eq "case and operators kept" "did you mean: Espionage AND title:Personnel" \
    "$("$XAPNEWS" search --db db --color never --no-typos 'Espoinage AND title:Personel' | grep '^did you mean')"
expect_eq "a search with enough hits gets none" "None" \
    "$("$XAPNEWS" search --db db --json government |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["did_you_mean"])')"
expect_eq "known words are not corrected" "None" \
    "$("$XAPNEWS" search --db db --json 'hackers espionage' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["did_you_mean"])')"
expect_eq "stock Xapian reads the same spelling data" "personnel" \
    "$($SYSPY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_spelling_suggestion("persnnel").decode())' db)"
# replacing articles keeps the data in step with the words
printf '%s\n' '{"id":"s3","body":"Nothing about spying here."}' > replace.jsonl
"$XAPNEWS" index --db db replace.jsonl > /dev/null
expect_eq "a word no article holds leaves the spelling data" "" \
    "$($SYSPY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_spelling_suggestion("espionnage").decode())' db)"
# sharded: a stub of local shards merges their spelling data
"$XAPNEWS" index --db shards --shards 2 news.jsonl > /dev/null
expect_eq "shards" "did you mean: personnel files" \
    "$("$XAPNEWS" search --db shards --color never --no-typos 'persnnel files' | grep '^did you mean')"
expect_eq "shards: corrected search" "s1" "$(ids shards 'persnnel files')"
# The spelling data always equals its oracle: each alphabetic unprefixed
# word with the number of articles holding it, after new databases, appends,
# replacements (in later runs and within one run), many small commits, two
# threads and shards.
in_step() {
    $SYSPY - "$1" <<'PY'
import re, sys, xapian
db = xapian.Database(sys.argv[1])
word = re.compile(rb"^(?:[a-z]|[\x80-\xdf])+$")
want = {t.term: t.termfreq for t in db.allterms()
        if 2 <= len(t.term) <= 40 and word.match(t.term)}
have = {s.term: s.termfreq for s in db.spellings()}
wrong = sorted(set(want.items()) ^ set(have.items()))[:5]
print("in step" if not wrong and len(want) > 500 else "differ: %d words, %r" % (len(want), wrong))
PY
}
seeds=$top_srcdir/tests/data/reuters-people.jsonl
head -n 150 "$seeds" > first.jsonl
tail -n +151 "$seeds" > rest.jsonl
# edited copies of 40 articles (same ids): words dropped and added
head -n 40 "$seeds" | python3 -c '
import json, sys
for i, line in enumerate(sys.stdin):
    r = json.loads(line)
    w = r.get("body", "").split()
    r["body"] = " ".join(w[i % 3::2] + ["zyxwordedit%d" % (i % 4)])
    print(json.dumps(r))' > edited.jsonl
n=$(wc -l < "$seeds" | tr -d ' ')
for how in "" "--batch 7" "--jobs 2" "--shards 2" "--shards 2 --jobs 2"; do
    rm -rf grow
    # shellcheck disable=SC2086
    "$XAPNEWS" index --db grow $how first.jsonl > /dev/null || fail "index $how"
    expect_eq "new database ($how)" "in step" "$(in_step grow)"
    # the appends keep a batch size given (commits between replacements)
    batch=""
    case $how in --batch*) batch=$how ;; esac
    # shellcheck disable=SC2086
    "$XAPNEWS" index --db grow $batch rest.jsonl edited.jsonl > /dev/null || fail "append $how"
    expect_eq "appended, 40 replaced ($how)" "in step" "$(in_step grow)"
    # shellcheck disable=SC2086
    "$XAPNEWS" index --db grow $batch "$seeds" edited.jsonl "$seeds" > /dev/null || fail "again $how"
    expect_eq "every article replaced twice in one run ($how)" "in step" "$(in_step grow)"
    expect_eq "articles ($how)" "$n" "$($SYSPY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' grow)"
done
# a new database's first run counts its words from the vocabulary when it
# ends: ids given again within that run, on one thread and on two
for how in "--jobs 1" "--jobs 2 --batch 7"; do
    rm -rf fresh
    # shellcheck disable=SC2086
    "$XAPNEWS" index --db fresh $how first.jsonl edited.jsonl > /dev/null || fail "index fresh $how"
    expect_eq "new database, 40 replaced in its first run ($how)" "in step" "$(in_step fresh)"
done
# A run's commits hold its words back from the spelling data until it
# ends, marking the database; a run killed before then leaves the mark,
# and the next writer recounts the data from the index's words.
behind() { $SYSPY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_metadata("xapnews:spelling-behind").decode() or "-")' "$1"; }
# (the signal must reach the program itself, not a wrapper)
if [ -z "${XAPNEWS_REAL:-}" ]; then
    python3 -c '
import json, sys
for c in range(15):
    for line in open(sys.argv[1]):
        r = json.loads(line)
        r["id"] = "%s-%d" % (r["id"], c)
        print(json.dumps(r))' "$seeds" > many.jsonl
    rm -rf killed
    "$XAPNEWS" index --db killed --jobs 1 --batch 5 many.jsonl > /dev/null 2>&1 &
    writer=$!
    # killed once a few of its commits are in
    for _ in $(seq 500); do
        r=$($SYSPY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_revision())' killed 2>/dev/null)
        [ "${r:-0}" -ge 4 ] && break
        sleep 0.02
    done
    kill -9 "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
    expect_eq "a killed run leaves the mark" "1" "$(behind killed)"
    expect_eq "a killed run's articles are in, their words not yet in the spelling data" \
        "yes 0" "$($SYSPY -c 'import sys, xapian; db = xapian.Database(sys.argv[1]); print("yes" if db.get_doccount() >= 15 else db.get_doccount(), sum(1 for _ in db.spellings()))' killed)"
    for _ in $(seq 50); do # the killed writer's lock goes with it
        "$XAPNEWS" index --db killed rest.jsonl > /dev/null 2>&1 && break; sleep 0.1
    done
    expect_eq "the next run recounts it" "in step" "$(in_step killed)"
    expect_eq "and clears the mark" "-" "$(behind killed)"
fi
# the recount mends words missing, counted wrong, or no article's
"$XAPNEWS" index --db mend first.jsonl > /dev/null || fail "index mend"
$SYSPY - mend <<'PY'
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
words = [s.term for s in db.spellings()]
for w in words[::3]:
    db.remove_spelling(w, 1000000)
for w in words[1::7]:
    db.add_spelling(w, 2)
db.add_spelling(b"qqnowordhere", 3)
db.set_metadata("xapnews:spelling-behind", "1")
db.commit()
PY
case $(in_step mend) in differ*) ;; *) fail "the data was damaged" ;; esac
"$XAPNEWS" index --db mend rest.jsonl > /dev/null || fail "index after damage"
expect_eq "a marked database's spelling data is recounted" "in step" "$(in_step mend)"
expect_eq "and the mark cleared" "-" "$(behind mend)"
expect_eq "an edited word gone again leaves the spelling data" "" \
    "$($SYSPY -c 'import sys, xapian; print([s.term for s in xapian.Database(sys.argv[1]).spellings() if s.term.startswith(b"zyx")] or "")' grow)"
finish
