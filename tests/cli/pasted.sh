#!/bin/sh
# End to end: queries as people paste them from news text, each with its
# exact result: unbalanced parentheses and quotes are searched as plain
# words and say so, ^N weighs a word, a slash lists alternatives, and an
# exclusion never counts more articles than the word it narrows.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/pasted.db
cat > "$TMP/articles.jsonl" <<'JSON'
{"id": "epp", "title": "Vote in Strasbourg", "body": "The European People's Party (EPP) won the vote."}
{"id": "party", "title": "Congress", "body": "The party congress met in Europe."}
{"id": "fee", "title": "Transfer", "body": "The club paid $1.5m (£799,000) for the striker."}
{"id": "pounds", "title": "Keeper", "body": "The club paid £1.5m for the keeper."}
{"id": "blair-iraq", "title": "Blair on Iraq", "body": "Blair spoke about Iraq and Basra."}
{"id": "blair-paris", "title": "Blair in Paris", "body": "Blair visited Paris."}
{"id": "brown-iraq", "title": "Brown on Iraq", "body": "Brown spoke about Iraq, Iraq and Iraq again, and Blair."}
{"id": "mergers", "title": "Deals", "body": "Mergers rose; acquisitions fell."}
{"id": "around", "title": "Hours", "body": "The shop opens 24/7 now."}
JSON
"$XAPNEWS" index --db "$DB" "$TMP/articles.jsonl" > /dev/null || fail "index"

# loose QUERY...: "status|syntax_error|ids of the hits in rank order"
loose() {
    "$XAPNEWS" search --db "$DB" --json "$@" > "$TMP/out"
    rc=$?
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%s|%s|%s" % (sys.argv[2], d["syntax_error"], " ".join(h["id"] for h in d["hits"])))' "$TMP/out" "$rc"
}
expect_eq "European People's Party (EPP" \
    "0|query syntax error at column 25: '(' is never closed|epp" \
    "$(loose "European People's Party (EPP")"
expect_eq "\$1.5m (£799,000: dollars, not pounds" \
    "0|query syntax error at column 7: '(' is never closed|fee" "$(loose '$1.5m (£799,000')"
expect_eq "an unclosed quote" \
    "0|None|epp" "$(loose '"European People')"
expect_eq "Blair^2" "0|None|blair-paris blair-iraq brown-iraq" "$(loose 'Blair^2')"
# ^N weighs a word more (or less): the rare Paris leads until Iraq weighs
# three times as much, or Paris a fifth
expect_eq "--any Paris Iraq" "0|None|blair-paris brown-iraq blair-iraq" "$(loose --any Paris Iraq)"
expect_eq "--any Paris Iraq^3" "0|None|brown-iraq blair-iraq blair-paris" "$(loose --any Paris 'Iraq^3')"
expect_eq "--any Paris^0.2 Iraq" "0|None|brown-iraq blair-iraq blair-paris" "$(loose --any 'Paris^0.2' Iraq)"
expect_eq "Blair -Iraq" "0|None|blair-paris" "$(loose Blair -Iraq)"
expect_eq "-Iraq Blair: a query may start with -" "0|None|blair-paris" "$(loose -Iraq Blair)"
expect_eq "Mergers/Acquisitions: either word, both here" "0|None|mergers" "$(loose 'Mergers/Acquisitions')"
expect_eq "24/7 stays one" "0|None|around" "$(loose '24/7')"

# counts: an exclusion never counts more than the word alone, and both
# are exact here
count() { "$XAPNEWS" search --db "$DB" --json "$@" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total_estimate"], d["total_exact"])'; }
expect_eq "Blair: exact count" "3 True" "$(count Blair)"
expect_eq "Blair -Iraq: exact count" "1 True" "$(count Blair -Iraq)"
finish
