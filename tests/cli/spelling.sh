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
expect_eq "an edited word gone again leaves the spelling data" "" \
    "$($SYSPY -c 'import sys, xapian; print([s.term for s in xapian.Database(sys.argv[1]).spellings() if s.term.startswith(b"zyx")] or "")' grow)"
finish
