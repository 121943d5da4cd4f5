#!/bin/sh
# Quality of `xapnews synonyms suggest` on a committed sample of
# Reuters-21578 (tests/data/reuters-people.jsonl, see tests/data/README.md):
# misspellings injected into the surnames of people the articles name
# (bench/suggest_quality.py, fixed seed) must be found in the top 30 with
# few false pairs. bench/suggest_quality.sh does the same on the whole
# collection.
. "$top_srcdir/tests/cli/lib.sh"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
q="$top_srcdir/bench/suggest_quality.py"
$py "$q" inject "$top_srcdir/tests/data/reuters-people.jsonl" "$TMP/injected.jsonl" \
    "$TMP/truth.tsv" --names 15 --min-articles 4 --fraction 0.15 --seed 21578 \
    --vocabulary "$TMP/vocabulary.txt" 2> /dev/null || fail "inject"
expect_eq "misspellings injected" 15 "$(wc -l < "$TMP/truth.tsv" | tr -d ' ')"
"$XAPNEWS" index --quiet --synonyms none --db "$TMP/db" "$TMP/injected.jsonl" > /dev/null ||
    fail "index"
"$XAPNEWS" synonyms suggest --db "$TMP/db" --json --limit 30 > "$TMP/top.json" || fail "suggest"
"$XAPNEWS" synonyms suggest --db "$TMP/db" --json --limit 1000 > "$TMP/deep.json" || fail "suggest deep"
$py "$q" score "$TMP/truth.tsv" "$TMP/top.json" --json | tail -1 > "$TMP/top.score"
$py "$q" score "$TMP/truth.tsv" "$TMP/deep.json" --native "$TMP/vocabulary.txt" --json |
    tail -1 > "$TMP/new.score"
cat "$TMP/top.score" "$TMP/new.score"
# at least MIN: at_least WHAT MIN SCOREFILE KEY
at_least() {
    v=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$3" "$4")
    if $py -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$v" "$2"
    then pass "$1 $v >= $2"; else fail "$1 $v < $2"; fi
}
at_least "recall@30" 0.6 "$TMP/top.score" recall
at_least "recall@30 without the corpus's own variant pairs" 0.9 "$TMP/new.score" recall_new
at_least "precision@30 without the corpus's own variant pairs" 0.75 "$TMP/new.score" precision_new
finish
