#!/bin/sh
# End to end: index the seed corpus with the CLI and check exact hit sets,
# the JSON shape, chrome removal, idempotent re-indexing and paging.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/seed.db

out=$("$XAPNEWS" index --db "$DB" "$top_srcdir/corpus")
expect_eq "index exit status" 0 $?
case $out in
"indexed 5 articles, repaired 0, skipped 0, into $DB in "*) pass "summary line" ;;
*) fail "summary line: $out" ;;
esac

# exact hit sets (ids shortened to their number)
hits() { ids "$DB" "$@" | sed 's/_[0-9a-f]*//g'; }
expect_eq "Guo Shengkun (and Shengkum)" "000 001 002 003"  "$(hits 'Guo Shengkun')"
expect_eq "Xi Jinping (possessive)" "000 001 003 004"     "$(hits 'Xi Jinping')"
expect_eq "cyber-security"          "000 001 002 003 004" "$(hits cyber-security)"
expect_eq "cybersecurity"           "000 001 002 003 004" "$(hits cybersecurity)"
expect_eq "phrase cyber security (all forms)" "000 001 002 003 004" "$(hits '"cyber security"')"
expect_eq "phrase cybersecurity talks matches cyber-security talks" \
    "000 001"                       "$(hits '"cybersecurity talks"')"
expect_eq "stemming: talk finds talks" \
    "000 001 003 004"               "$(hits talk)"
expect_eq "title field"             "001 003 004"         "$(hits title:talks)"
expect_eq "year"                    "002"                 "$(hits date:2016)"
expect_eq "date range over a year-only date" \
    "001 002"                       "$(hits date:2015..2016)"
expect_eq "outlet"                  "004"                 "$(hits 'outlet:"China Digital Times"')"
expect_eq "id"                      "003"                 "$(hits id:003_366b0afce615304f)"
expect_eq "official field, any spelling" "000 001 002 003" "$(hits 'official:"Jeh Jonson"')"
expect_eq "exclusion"               "000"                 "$(hits hacking -espionage)"
expect_eq "OR"                      "000 001 002 003 004" "$(hits 'Wang OR Lynch')"
expect_eq "--any"                   "000 001 002 003 004" "$(ids "$DB" --any Wang Lynch | sed 's/_[0-9a-f]*//g')"
expect_eq "AND by default"          ""                    "$(hits Wang Lynch)"

# filters restrict the matches under both default operators, as Xapian's
# boolean prefixes do: one field's filters are alternatives, different
# fields' filters all apply, excluded filters exclude
any() { ids "$DB" --any "$@" | sed 's/_[0-9a-f]*//g'; }
expect_eq "--any: a date is a filter"      "001"      "$(any 'talks date:2015')"
expect_eq "--any: a date range is a filter" "001 002" "$(any 'talks China date:2015..2016')"
expect_eq "--any: an outlet is a filter"   "003"      "$(any 'talks hacking outlet:"The Hill"')"
expect_eq "--any: an id is a filter"       "004"      "$(any 'talks id:004_1e197ee08be45052')"
expect_eq "--any: a filter alone"          "002"      "$(any 'date:2016')"
expect_eq "one field's filters are alternatives" "001 003" \
    "$(hits 'talks outlet:"The Hill" outlet:"Gadgets 360"')"
expect_eq "different fields' filters all apply" "" "$(any 'talks outlet:"The Hill" date:2015')"
expect_eq "--any: an excluded filter excludes" "000 001 002 004" "$(any 'talks China -outlet:"The Hill"')"
expect_eq "a filter in an OR is an alternative" "001 002" "$(hits 'date:2016 OR outlet:"Gadgets 360"')"

# page chrome is not indexed, the article text around it is
expect_eq "Reuters only where the article says it" "003" "$(hits Reuters)"
# (--profile none searches the text alone: the outlet field rightly knows
# "Gadgets360" as an alias of Gadgets 360)
for chrome in Gadgets360 Lantern mosads Thomson Getty Tags Subscribe; do
    expect_eq "chrome '$chrome' not indexed" "" "$(hits --profile none --no-typos "$chrome")"
done
expect_eq "an outlet alias finds the outlet's articles" "001" "$(hits Gadgets360)"
expect_eq "last sentence before a copyright footer kept" "001" "$(hits '"former government workers"')"
expect_eq "last sentence before a tag line kept" "003" "$(hits '"Chinese military had hacked"')"

# JSON shape
"$XAPNEWS" search --db "$DB" --json --limit 2 'Guo Shengkun' > "$TMP/out.json"
expect_eq "search --json exit status" 0 $?
shape=$(python3 - "$TMP/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted(d), d["query"], d["total_estimate"], d["total_exact"],
      d["total_lower"], d["total_upper"], len(d["hits"]),
      sorted(d["hits"][0]), [h["rank"] for h in d["hits"]],
      all(isinstance(h["score"], float) for h in d["hits"]))
PY
)
expect_eq "JSON shape" \
    "['also_searched', 'corrected_query', 'did_you_mean', 'hits', 'original_query', 'query', 'syntax_error', 'total_estimate', 'total_exact', 'total_lower', 'total_upper'] Guo Shengkun 4 True 4 4 2 ['date', 'fields', 'highlights', 'id', 'outlet', 'rank', 'score', 'snippet', 'story', 'title', 'url'] [1, 2] True" \
    "$shape"
# a value an article does not have is null (000 has no date); no fields
# are declared; highlights are offsets into the snippet
nulls=$("$XAPNEWS" search --db "$DB" --json id:000_9a014460469a5424 Shengkun | python3 -c '
import json, sys
h = json.load(sys.stdin)["hits"][0]
s = h["snippet"].encode()
print(h["date"], h["fields"], sorted(set(s[a:b].decode() for a, b in h["highlights"])))')
expect_eq "JSON nulls, fields, highlights" "None {} ['Shengkun']" "$nulls"
snip=$("$XAPNEWS" search --db "$DB" --json id:002_ba0cc2a364319859 | python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"][0]; print(h["date"], h["title"])')
expect_eq "stored fields" "2016-12-12 The United States and China have discussed the problem of cybersecurity" "$snip"

# paging: ranks continue across pages and pages do not overlap
p1=$("$XAPNEWS" search --db "$DB" --json --limit 2 cybersecurity | python3 -c 'import json,sys; print(" ".join("%d:%s" % (h["rank"], h["id"]) for h in json.load(sys.stdin)["hits"]))')
p2=$("$XAPNEWS" search --db "$DB" --json --limit 2 --offset 2 cybersecurity | python3 -c 'import json,sys; print(" ".join("%d:%s" % (h["rank"], h["id"]) for h in json.load(sys.stdin)["hits"]))')
all=$("$XAPNEWS" search --db "$DB" --json --limit 4 cybersecurity | python3 -c 'import json,sys; print(" ".join("%d:%s" % (h["rank"], h["id"]) for h in json.load(sys.stdin)["hits"]))')
expect_eq "offset pages concatenate to the full list" "$all" "$p1 $p2"

# human output highlights matches (brackets when not on a terminal)
human=$("$XAPNEWS" search --db "$DB" --limit 1 Spaulding)
case $human in
*"[Spaulding]"*) pass "highlight without colour" ;;
*) fail "highlight without colour: $human" ;;
esac
case $human in
*"$(printf '\033')"*) fail "colour codes written to a pipe" ;;
*) pass "no colour on a pipe" ;;
esac

# facets count every match, by outlet, official (canonical names) and year
facets=$("$XAPNEWS" search --db "$DB" --limit 1 --facets outlet,official,year 'Jeh Jonson' | tail -n 3)
expect_eq "facets (human)" \
"outlet: Gadgets 360 (1), The Hill (1)
official: Guo Shengkun (4), Jeh Johnson (4), Loretta Lynch (4), Xi Jinping (3), Bill Evanina (2), Barack Obama (1), Suzanne Spaulding (1)
year: 2015 (1), 2016 (1)" "$facets"
json_facets=$("$XAPNEWS" search --db "$DB" --json --facets year,outlet 'Jeh Jonson' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"])')
expect_eq "facets (JSON)" \
    "{'outlet': [{'value': 'Gadgets 360', 'count': 1}, {'value': 'The Hill', 'count': 1}], 'year': [{'value': '2015', 'count': 1}, {'value': '2016', 'count': 1}]}" \
    "$json_facets"
"$XAPNEWS" search --db "$DB" --facets places china > /dev/null 2> "$TMP/err"
expect_eq "unknown facet: exit 2" 2 $?
expect_eq "unknown facet: message" "xapnews: search: unknown facet 'places' (outlet, official, year or month)" "$(cat "$TMP/err")"

# re-indexing the same input replaces, never duplicates
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" > /dev/null
count=$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')
expect_eq "re-index keeps 5 documents" 5 "$count"
expect_eq "re-index keeps the hit set" "000 001 002 003" "$(hits 'Guo Shengkun')"

finish
