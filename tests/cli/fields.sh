#!/bin/sh
# End to end: fields of one's own. A fields schema declaring category
# (keyword: filterable, facetable, sortable), tags (keyword, multiple),
# author (text, searchable), pages (number) and published (date): indexed, searched,
# filtered, counted, sorted, shown in JSON (null for what an article does
# not have) with highlight offsets; record keys no field declares noted
# once per run; bad schema lines refused with FILE:LINE; the database
# keeps its schema; a stock Xapian client sorts and filters by them.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/fields.db
cat > "$TMP/articles.jsonl" <<'JSON'
{"id": "a1", "title": "Cup final tonight", "date": "2016-05-01", "body": "The final is tonight at Wembley.", "category": "Sport", "section": "Football", "author": "John Smith", "tags": ["Cup", "Wembley"], "language": "en", "byline": "By John Smith", "pages": 3, "published": "2016-05-01T18:00"}
{"id": "a2", "title": "Budget vote", "date": "2016-05-02", "body": "Parliament votes on the budget tonight.", "category": "Politics", "section": "Westminster", "author": "Jane Smithers", "tags": ["Budget"], "language": "en", "pages": 12, "published": "2015-12"}
{"id": "a3", "title": "Derby day", "date": "2016-05-03", "body": "The derby is tonight.", "category": "sport", "author": "Ann Smith-Jones", "tags": ["Derby", "Cup"], "language": "fr", "pages": "1.5"}
{"id": "a4", "title": "Weather", "body": "Rain tonight."}
JSON
cp "$top_srcdir/schemas/fields.conf" "$TMP/fields.conf"
cat >> "$TMP/fields.conf" <<'EOF'
category   keyword  XCATEGORY  filterable facetable sortable
tags       keyword  XTAG       filterable facetable multiple
author     text     XAUTHOR    searchable
pages      number   -          filterable facetable sortable   # page count
published  date     XPUB       filterable facetable sortable
EOF

# ---- bad schema lines: FILE:LINE: reason, and nothing written -----------------
bad_schema() { # bad_schema WHAT LINE EXPECTED-REASON
    printf '# fields\n%s\n' "$2" > "$TMP/bad.conf"
    "$XAPNEWS" index --db "$TMP/bad.db" --fields "$TMP/bad.conf" "$TMP/articles.jsonl" \
        > /dev/null 2> "$TMP/err"
    expect_eq "bad schema, $1: exit status 3" 3 "$?"
    expect_eq "bad schema, $1: message" "xapnews: $TMP/bad.conf:2: $3" "$(cat "$TMP/err")"
    expect_eq "bad schema, $1: nothing written" no "$([ -e "$TMP/bad.db" ] && echo yes || echo no)"
}
bad_schema "unknown kind" "category string XCATEGORY filterable" \
    "unknown kind 'string' of \"category\" (text, keyword, date or number)"
bad_schema "text cannot be facetable" "author text XAUTHOR searchable facetable" \
    "\"author\" is text, which cannot be facetable: declare it as keyword to filter on or count its values"
bad_schema "keyword is not searchable" "category keyword XCATEGORY searchable" \
    "\"category\" is keyword, which is filterable, not searchable: declare it as text to search its words"
bad_schema "prefix" "category keyword xcat filterable" \
    "bad prefix 'xcat' of \"category\": a declared field's prefix is 'X' and upper-case letters (XC...), or '-' for none"
bad_schema "prefix of the index" "people keyword XOFFICIAL filterable" \
    "prefix XOFFICIAL of \"people\" is one the index uses for its own terms"
bad_schema "prefix needed" "category keyword - filterable" \
    "\"category\" is filterable and needs a prefix for its terms (X and upper-case letters, such as XC...)"
bad_schema "name" "Category keyword XCATEGORY filterable" \
    "bad field name 'Category': use lower-case letters, digits and '_', starting with a letter, at most 32 bytes"
bad_schema "reserved name" "year number - sortable" \
    "\"year\" is a name searches use for something else; choose another"
bad_schema "reserved name like" "like keyword XLIKE filterable" \
    "\"like\" is a name searches use for something else; choose another"
bad_schema "built-in field changed" "title text XTITLE searchable" \
    "\"title\" is built in and cannot change: declare it as 'title text S searchable' or leave the line out"
bad_schema "unknown option" "category keyword XCATEGORY filterable sorted" \
    "unknown option 'sorted' of \"category\" (searchable, filterable, facetable, sortable or multiple)"
bad_schema "columns" "category keyword" "expected NAME KIND PREFIX [OPTION...], found 2 words"
bad_schema "a number has no terms" "pages number XPAGES filterable" \
    "\"pages\" is a number, which has no terms: its prefix is '-'"
printf 'category keyword XCATEGORY filterable\ncat keyword XCATEGORY: filterable\n' > "$TMP/bad.conf"
"$XAPNEWS" fields --file "$TMP/bad.conf" > /dev/null 2> "$TMP/err"
expect_eq "bad schema, one prefix twice: exit status 3 (xapnews fields)" 3 "$?"
expect_eq "bad schema, one prefix twice: message" \
    "xapnews: $TMP/bad.conf:2: prefix XCATEGORY: of \"cat\" is already that of \"category\"" \
    "$(cat "$TMP/err")"

# ---- indexing: keys no field declares are noted once per run ---------------------
cat > "$TMP/more.jsonl" <<'JSON'
{"id": "a5", "title": "Late news", "body": "Nothing tonight.", "section": "Home", "mood": "calm"}
JSON
"$XAPNEWS" index --db "$DB" --fields "$TMP/fields.conf" "$TMP/articles.jsonl" "$TMP/more.jsonl" \
    > "$TMP/out" 2> "$TMP/err"
expect_eq "index: exit status" 0 "$?"
expect_eq "undeclared keys: one note each, once per run, where first met" \
"$TMP/articles.jsonl:1: note: \"section\" is not a declared field and is ignored (declare it in a fields schema, --fields FILE, to index it)
$TMP/articles.jsonl:1: note: \"language\" is not a declared field and is ignored (declare it in a fields schema, --fields FILE, to index it)
$TMP/articles.jsonl:1: note: \"byline\" is not a declared field and is ignored (declare it in a fields schema, --fields FILE, to index it)
$TMP/more.jsonl:1: note: \"mood\" is not a declared field and is ignored (declare it in a fields schema, --fields FILE, to index it)" \
    "$(cat "$TMP/err")"

# ---- searching -------------------------------------------------------------------------
# ids in rank order
order() { "$XAPNEWS" search --db "$DB" --json "$@" |
    python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
expect_eq "category:sport filters (Sport and sport alike)" "a1 a3" "$(ids "$DB" category:sport)"
expect_eq "category:sport with words" "a3" "$(ids "$DB" category:sport derby)"
expect_eq "category:sport filters under --any too" "a3" "$(ids "$DB" --any category:sport budget derby)"
expect_eq "a filter adds no weight" "0 0" "$("$XAPNEWS" search --db "$DB" --json category:sport |
    python3 -c 'import json,sys; print(" ".join("%g" % h["score"] for h in json.load(sys.stdin)["hits"]))')"
expect_eq "-category:sport excludes" "a2 a4 a5" "$(ids "$DB" -category:sport)"
expect_eq "two values of one field: either" "a1 a2 a3" "$(ids "$DB" tags:cup tags:budget)"
expect_eq "values of two fields: both" "a3" "$(ids "$DB" category:sport tags:derby)"
expect_eq "a value of several words, folded" "a1 a3" "$(ids "$DB" 'category:"SPORT"')"
expect_eq "author:smith searches the author's words" "a1 a3" "$(ids "$DB" author:smith)"
expect_eq "author:\"john smith\" is a phrase" "a1" "$(ids "$DB" 'author:"john smith"')"
expect_eq "an author's words are not body words" "" "$(ids "$DB" smith)"
expect_eq "author:smi* (a prefix, as title: takes)" "a1 a2 a3" "$(ids "$DB" 'author:smi*')"
expect_eq "pages:2..20" "a1 a2" "$(ids "$DB" pages:2..20)"
expect_eq "pages:1.5 (given as text)" "a3" "$(ids "$DB" pages:1.5)"
expect_eq "pages:..2" "a3" "$(ids "$DB" pages:..2)"
expect_eq "pages:13.." "" "$(ids "$DB" pages:13..)"
"$XAPNEWS" search --db "$DB" --strict pages:x > /dev/null 2> "$TMP/err"
expect_eq "pages:x is a syntax error" "xapnews: query syntax error at column 1: pages: 'x' is not a number" \
    "$(cat "$TMP/err")"
expect_eq "a field that is not declared is words" "" "$(ids "$DB" section:football)"
expect_eq "published:2016 (a declared date)" "a1" "$(ids "$DB" published:2016)"
expect_eq "published:2015-12..2016-04" "a2" "$(ids "$DB" published:2015-12..2016-04)"
expect_eq "published:..2016 (to the end of 2016)" "a1 a2" "$(ids "$DB" published:..2016)"

# facets: counted over every match, by the values filters use
facets() { "$XAPNEWS" search --db "$DB" --json --facets "$@" |
    python3 -c 'import json,sys; f=json.load(sys.stdin)["facets"]; print("; ".join(k + " " + " ".join("%s=%d" % (e["value"], e["count"]) for e in v) for k, v in f.items()))'; }
expect_eq "--facets category,tags,pages" \
    "category sport=2 politics=1; tags cup=2 budget=1 derby=1 wembley=1; pages 1.5=1 12=1 3=1; published 2015=1 2016=1" \
    "$(facets category,tags,pages,published --limit 0 tonight)"
expect_eq "facets follow the filter" "category sport=2; tags cup=2 derby=1 wembley=1" \
    "$(facets category,tags category:sport)"
expect_eq "facets with the built-in ones" "year 2016=3; category sport=2 politics=1" \
    "$(facets year,category tonight)"
"$XAPNEWS" search --db "$DB" --facets colour tonight > /dev/null 2> "$TMP/err"
expect_eq "unknown facet: exit 2" 2 "$?"
expect_eq "unknown facet: message" \
    "xapnews: search: unknown facet 'colour' (outlet, official, year or month, or a facetable field of the database: category, tags, pages, published)" \
    "$(cat "$TMP/err")"
"$XAPNEWS" search --db "$DB" --facets author tonight > /dev/null 2> "$TMP/err"
expect_eq "a field that is not facetable" \
    "xapnews: search: field 'author' is not facetable (declare it facetable in the fields schema and index again with --reindex)" \
    "$(cat "$TMP/err")"
expect_eq "facets (human)" "category: sport (2), politics (1)" \
    "$("$XAPNEWS" search --db "$DB" --color never --facets category tonight | tail -1)"

# sorting by a sortable field: articles without a value first ascending
expect_eq "--sort pages" "a4 a5 a3 a1 a2" "$(order --sort pages tonight)"
expect_eq "--sort pages:desc" "a2 a1 a3 a4 a5" "$(order --sort pages:desc tonight)"
expect_eq "--sort category (folded: politics, sport)" "a2 a1 a3" "$(order --sort category tags:cup OR tags:budget)"
expect_eq "--sort category:desc" "a1 a3 a2" "$(order --sort category:desc tags:cup OR tags:budget)"
expect_eq "--sort date:desc is newest" "$(order --sort newest tonight)" "$(order --sort date:desc tonight)"
expect_eq "--sort published:desc (a declared date)" "a1 a2" "$(order --sort published:desc --limit 2 tonight)"
"$XAPNEWS" search --db "$DB" --sort author tonight > /dev/null 2> "$TMP/err"
expect_eq "a field that is not sortable" \
    "xapnews: search: field 'author' is not sortable (the sortable fields: date, category, pages, published)" \
    "$(cat "$TMP/err")"

# ---- JSON for programs: null for what an article lacks; highlights --------------
hit() { # hit ID QUERY...: the hit's fields as JSON, keys sorted
    id=$1; shift
    "$XAPNEWS" search --db "$DB" --json "$@" | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    if h["id"] == sys.argv[1]:
        del h["score"], h["rank"]
        print(json.dumps(h, sort_keys=True))' "$id"; }
expect_eq "JSON hit with every declared field" \
    '{"date": "2016-05-01", "fields": {"author": "John Smith", "category": "Sport", "pages": 3, "published": "2016-05-01", "tags": ["Cup", "Wembley"]}, "highlights": [[13, 20], [24, 31]], "id": "a1", "outlet": null, "snippet": "The final is tonight at Wembley.", "story": "a1", "title": "Cup final tonight", "url": null}' \
    "$(hit a1 tonight wembley)"
expect_eq "JSON hit without them: nulls" \
    '{"date": null, "fields": {"author": null, "category": null, "pages": null, "published": null, "tags": null}, "highlights": [[0, 12]], "id": "a4", "outlet": null, "snippet": "Rain tonight.", "story": "a4", "title": "Weather", "url": null}' \
    "$(hit a4 rain tonight)"
expect_eq "a number given as text is a number" '"pages": 1.5' \
    "$(hit a3 derby | grep -o '"pages": [^,}]*')"
expect_eq "--marks: marks in the snippet, offsets between them" \
    '[[16, 23], [34, 41]] The final is <b>tonight</b> at <b>Wembley</b>.' \
    "$(hit a1 --marks '<b>,</b>' tonight wembley |
        python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["highlights"], h["snippet"])')"
expect_eq "highlights cut the words out of the snippet" "tonight|Wembley" \
    "$("$XAPNEWS" search --db "$DB" --json tonight wembley | python3 -c '
import json, sys
h = json.load(sys.stdin)["hits"][0]
s = h["snippet"].encode()
print("|".join(s[a:b].decode() for a, b in h["highlights"]))')"
"$XAPNEWS" search --db "$DB" --marks '<b>' tonight > /dev/null 2> "$TMP/err"
expect_eq "--marks without a comma" "xapnews: search: --marks takes OPEN,CLOSE (such as '<b>,</b>'), not '<b>'" \
    "$(cat "$TMP/err")"
expect_eq "human output shows the declared fields" \
    "    category: Sport | tags: Cup, Wembley | author: John Smith | pages: 3 | published: 2016-05-01" \
    "$("$XAPNEWS" search --db "$DB" --color never id:a1 | sed -n 5p)"

# ---- the database keeps its schema -------------------------------------------------
expect_eq "xapnews fields --db: the stored schema, with the slots" \
"id         keyword  Q           filterable
title      text     S           searchable
body       text     -           searchable
date       date     D           filterable facetable sortable  # slot 0
outlet     keyword  XOUTLET:    filterable facetable           # slot 2
officials  keyword  XOFFICIAL:  searchable facetable multiple  # slot 7
url        keyword  -
category   keyword  XCATEGORY   filterable facetable sortable  # slot 10
tags       keyword  XTAG        filterable facetable multiple  # slot 11
author     text     XAUTHOR     searchable
pages      number   -           filterable facetable sortable  # slot 12
published  date     XPUB        filterable facetable sortable  # slot 13" \
    "$("$XAPNEWS" fields --db "$DB")"
"$XAPNEWS" fields --db "$DB" > "$TMP/listed.conf"
expect_eq "what xapnews fields prints is a fields schema" "$(cat "$TMP/listed.conf")" \
    "$("$XAPNEWS" fields --file "$TMP/listed.conf")"
echo '{"id": "a6", "title": "Later", "body": "Tonight again.", "category": "Sport"}' > "$TMP/later.jsonl"
"$XAPNEWS" index --db "$DB" "$TMP/later.jsonl" > /dev/null 2>&1
expect_eq "indexing again without --fields uses the stored schema" "a1 a3 a6" "$(ids "$DB" category:sport)"
"$XAPNEWS" index --db "$DB" --fields none "$TMP/later.jsonl" > /dev/null 2> "$TMP/err"
expect_eq "another schema is refused: exit 2" 2 "$?"
expect_eq "another schema is refused: message" \
    "xapnews: database $DB stores the fields schema it was indexed with; this run asks for none. Index without --fields to keep it, or re-index everything with --reindex (it empties the database first: give all the input again)" \
    "$(cat "$TMP/err")"
"$XAPNEWS" index --db "$TMP/plain.db" "$TMP/articles.jsonl" > /dev/null 2>&1
expect_eq "without a schema of its own: category:sport is words" "" "$(ids "$TMP/plain.db" category:sport)"
expect_eq "without a schema of its own: no declared fields in JSON" "{}" \
    "$("$XAPNEWS" search --db "$TMP/plain.db" --json tonight |
        python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["hits"][0]["fields"]))')"

# ---- a stock Xapian client: the terms and slots the schema names ------------------
if "$SYSPY" -c 'import xapian' 2> /dev/null; then
    expect_eq "python3-xapian: filter XCATEGORYsport, sort by slot 12 (pages; a6 has none)" \
        "a6 a3 a1" "$($SYSPY - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("XCATEGORYsport"))
e.set_sort_by_value(12, False)
print(" ".join(m.document.get_value(4).decode() for m in e.get_mset(0, 10)))
PY
)"
    expect_eq "python3-xapian: author words under XAUTHOR, document data lines" "a1 Sport Cup,Wembley" \
        "$($SYSPY - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("XAUTHORjohn"))
for m in e.get_mset(0, 10):
    lines = m.document.get_data().decode().split("\n")
    get = lambda k: [l[len(k) + 1:] for l in lines if l.startswith(k + "=")]
    print(m.document.get_value(4).decode(), get("category")[0], ",".join(get("tags")))
PY
)"
    expect_eq "python3-xapian: a declared date's terms (year, month, day) and slot" \
        "2 1 1 201512" "$($SYSPY - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("Qa2"))
print(db.get_termfreq("XPUB2016") + db.get_termfreq("XPUB2015"), db.get_termfreq("XPUB201605"),
      db.get_termfreq("XPUB20160501"), e.get_mset(0, 1)[0].document.get_value(13).decode())
PY
)"
fi
finish
