#!/bin/sh
# End to end: officials' first names written as nicknames. An official
# listed as "William Burns" is found as "Bill Burns" in words, phrases and
# official: searches, an article writing "Bill Burns" names him (facet),
# and the word "bill" does not become "william" anywhere else.
. "$top_srcdir/tests/cli/lib.sh"
cd "$TMP" || exit 1
printf 'William Burns\t\tDirector of the CIA\tUnited States\tBurns\nAlbert Smith\t\tSenator\tUnited States\tSmith\nAlfred Smith\t\tGovernor\tUnited States\tSmith\n' > officials.tsv
cat > news.jsonl <<'JSON'
{"id":"n1","title":"Spy chief speaks","body":"William Burns said the agency would respond to the attack."}
{"id":"n2","title":"Talks in Moscow","body":"Bill Burns met his counterpart on Tuesday."}
{"id":"n3","title":"Budget","body":"Lawmakers passed the spending bill. William Shakespeare is quoted by nobody."}
{"id":"n4","title":"Senate","body":"Al Smith spoke; Albert Smith and Alfred Smith did not."}
JSON
"$XAPNEWS" index --db db --synonyms none --officials officials.tsv news.jsonl > /dev/null ||
    fail "index"
same() { # same WHAT EXPECTED QUERY...
    what=$1 expected=$2; shift 2
    for q in "$@"; do expect_eq "$what: $q" "$expected" "$(ids db "$q")"; done
}
same "a nickname finds the official's formal name, and back" "n1 n2" \
    'Bill Burns' '"Bill Burns"' 'Will Burns' '"William Burns"' 'William Burns' \
    'official:"Bill Burns"' 'official:"William Burns"' 'official:"Will Burns"'
same "the plain word bill is only where written" "n2 n3" bill Bill
expect_eq "a phrase with bill" "n3" "$(ids db '"spending bill"')"
expect_eq "no profile: bill is only where written" "n2 n3" "$(ids db --profile none bill)"
expect_eq "no profile: william is only where written" "n1 n3" "$(ids db --profile none william)"
expect_eq "Bill Shakespeare is nobody's nickname" "" "$(ids db '"Bill Shakespeare"')"
expect_eq "an article writing Bill Burns names the official" \
    "William Burns (2)" \
    "$("$XAPNEWS" search --db db --json --facets official 'Bill Burns' |
        python3 -c 'import json,sys; print(", ".join("%s (%d)" % (f["value"], f["count"]) for f in json.load(sys.stdin)["facets"]["official"]))')"
# "al" is a nickname of albert and of alfred: it names neither Smith
expect_eq "an ambiguous nickname names nobody" "" "$(ids db 'official:"Al Smith"')"
expect_eq "the formal names still do" "n4" "$(ids db 'official:"Albert Smith"')"

# --nicknames none and another file
"$XAPNEWS" index --db plain --synonyms none --nicknames none --officials officials.tsv news.jsonl > /dev/null
expect_eq "--nicknames none" "n2" "$(ids plain '"Bill Burns"')"
printf 'name1,relationship,name2\nwilliam,has_nickname,billy\n' > mine.csv
"$XAPNEWS" index --db mine --synonyms none --nicknames mine.csv --officials officials.tsv news.jsonl > /dev/null
expect_eq "--nicknames FILE: its nicknames" "n1" "$(ids mine --no-typos '"Billy Burns"')"
expect_eq "--nicknames FILE: only its nicknames" "n2" "$(ids mine --no-typos '"Bill Burns"')"
printf 'william,has_nickname,billy\nwilliam,bill\n' > bad.csv
out=$("$XAPNEWS" index --db bad --nicknames bad.csv news.jsonl 2>&1)
expect_eq "a bad nicknames file is refused" 3 $?
expect_eq "with FILE:LINE" \
    "xapnews: bad.csv:2: expected 'formal,has_nickname,nickname' (3 comma-separated fields)" "$out"
[ ! -e bad ] && pass "nothing written" || fail "a database was written"
finish
