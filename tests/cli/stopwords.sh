#!/bin/sh
# End to end: the default profile leaves function words ("what", "the")
# out of the words typed without an operator, so they neither restrict an
# AND query nor weigh in an OR one; a group made only of function words,
# a phrase, +word, an excluded word and a word written in capitals keep
# them; `stopwords = off` (plain.conf) keeps every word.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/stop.db
cat > "$TMP/articles.jsonl" <<'JSON'
{"id": "a", "title": "Committee", "body": "What the committee said about tariffs."}
{"id": "b", "title": "Tariffs", "body": "Tariffs rose in March."}
{"id": "c", "title": "Band", "body": "The Who played in London."}
{"id": "d", "title": "Vehicles", "body": "Cars and trucks."}
JSON
"$XAPNEWS" index --db "$DB" "$TMP/articles.jsonl" > /dev/null || fail "index"
PLAIN=$top_srcdir/schemas/profiles/plain.conf

expect_eq "a function word does not restrict AND" "b" "$(ids "$DB" what rose)"
expect_eq "stopwords = off keeps it" "" "$(ids "$DB" --profile "$PLAIN" what rose)"
expect_eq "Title Case function words too" "b" "$(ids "$DB" 'What Rose In March')"
expect_eq "a query in capitals is read as lower case" "b" "$(ids "$DB" 'WHAT ROSE IN MARCH')"
expect_eq "a query of function words keeps them" "c" "$(ids "$DB" 'The Who')"
expect_eq "an OR operand of function words keeps them" "a d" "$(ids "$DB" 'what OR trucks')"
expect_eq "a phrase keeps them" "a" "$(ids "$DB" '"what the"')"
expect_eq "+word keeps it" "a" "$(ids "$DB" +what tariffs)"
expect_eq "an excluded word keeps it" "b" "$(ids "$DB" tariffs -the)"
expect_eq "capitals in mixed case are an acronym, kept" "c" "$(ids "$DB" WHO London)"
expect_eq "the same word in lower case is left out" "b" "$(ids "$DB" who rose)"
expect_eq "with only filters beside them they are kept" "" "$(ids "$DB" 'the id:b')"

# under --any a function word adds no weight: the article with the
# subject ranks first even where the function word is rarer
first() { "$XAPNEWS" search --db "$DB" --json --any "$@" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])'; }
expect_eq "--any: no weight for a function word" "b" "$(first what rose)"

# a query wholly in capitals is read as lower case: its AND is a word
expect_eq "CARS AND TARIFFS under --any: AND is a word" "a b d" "$(ids "$DB" --any 'CARS AND TARIFFS')"
expect_eq "Cars AND Tariffs under --any: AND is the operator" "" "$(ids "$DB" --any 'Cars AND Tariffs')"

# a bad value is refused with FILE:LINE
printf 'bm25.k1 = 1\nstopwords = maybe\n' > "$TMP/bad.conf"
out=$("$XAPNEWS" search --db "$DB" --profile "$TMP/bad.conf" rose 2>&1 >/dev/null)
expect_eq "bad stopwords value" \
    "xapnews: $TMP/bad.conf:2: 'stopwords' takes 'on' or 'off', not 'maybe'" "$out"
finish
