#!/bin/sh
# End to end: newest or oldest first (ties by relevance), the same order
# from a stock Xapian client sorting by value slot 0 and over remote
# shards, and date histograms by year and by month.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/sort.db
cat > "$TMP/articles.jsonl" <<'JSON'
{"id": "a", "title": "Talks", "date": "2016-05-01", "body": "The talks went on."}
{"id": "b", "title": "Earlier", "date": "2015-03-02", "body": "Talks and talks and more talks."}
{"id": "c", "title": "Latest", "date": "2016-05-20", "body": "The talks ended."}
{"id": "d", "title": "Undated", "body": "Some talks, no date."}
{"id": "e", "title": "A year", "date": "2016", "body": "Talks that year."}
{"id": "f", "title": "Same day", "date": "2016-05-01", "body": "Talks, talks, talks, talks."}
{"id": "g", "title": "Other", "date": "2016-07-04", "body": "Nothing of the kind."}
JSON
"$XAPNEWS" index --db "$DB" "$TMP/articles.jsonl" > /dev/null || fail "index"
# by relevance a (talks in its title) comes before f, which has the same day
order() { db=$1; shift
    "$XAPNEWS" search --db "$db" --json "$@" talks |
        python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
expect_eq "newest first; a day's ties by relevance; a year only before its months; undated last" \
    "c a f e b d" "$(order "$DB" --sort newest)"
expect_eq "oldest first; undated first" "d b e a f c" "$(order "$DB" --sort oldest)"
expect_eq "relevance (the default)" "$(order "$DB")" "$(order "$DB" --sort relevance)"
expect_eq "a page of the newest" "f e" "$(order "$DB" --sort newest --offset 2 --limit 2)"
"$XAPNEWS" search --db "$DB" --sort latest talks > /dev/null 2> "$TMP/err"
expect_eq "bad --sort: status" 2 "$?"
expect_eq "bad --sort: message" "xapnews: search: --sort takes relevance, newest, oldest, or a sortable field as FIELD or FIELD:desc (date), not 'latest'" \
    "$(cat "$TMP/err")"

# a stock Xapian client sorting by value slot 0 gets the same order of
# dates (its own weighting may order a day's articles otherwise)
expect_eq "python3-xapian: sort by value 0, then relevance" \
    "20160520 20160501 20160501 2016 20150302 -" "$($SYSPY - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("Ztalk"))
e.set_sort_by_value_then_relevance(0, True)
print(" ".join(m.document.get_value(0).decode() or "-" for m in e.get_mset(0, 10)))
PY
)"

# date histograms: every year and month, in date order
facets() { "$XAPNEWS" search --db "$DB" --json --facets year,month "$@" |
    python3 -c 'import json,sys; f=json.load(sys.stdin)["facets"]; print(" ".join("%s=%d" % (e["value"], e["count"]) for k in ("year", "month") for e in f[k]))'; }
expect_eq "year and month histograms" "2015=1 2016=4 2015-03=1 2016-05=3" "$(facets talks)"
expect_eq "over every article" "2015=1 2016=5 2015-03=1 2016-05=3 2016-07=1" "$(facets --any 'talks OR nothing')"
expect_eq "human output" "month: 2015-03 (1), 2016-05 (3)" \
    "$("$XAPNEWS" search --db "$DB" --facets month --color never talks | grep '^month:')"

# sharded, and over remote shards (one stock xapian-tcpsrv each)
"$XAPNEWS" index --db "$TMP/sharded.db" --shards 3 "$TMP/articles.jsonl" > /dev/null ||
    fail "index shards"
serve_shards "$TMP/sharded.db" "$TMP/remote.stub" talks
expect_eq "local shards: newest" "c a f e b d" "$(order "$TMP/sharded.db" --sort newest)"
expect_eq "remote shards: newest" "c a f e b d" "$(order "$TMP/remote.stub" --sort newest)"
expect_eq "remote shards: oldest" "d b e a f c" "$(order "$TMP/remote.stub" --sort oldest)"
expect_eq "remote shards: months" "2015-03=1 2016-05=3" \
    "$("$XAPNEWS" search --db "$TMP/remote.stub" --json --facets month talks |
        python3 -c 'import json,sys; print(" ".join("%s=%d" % (e["value"], e["count"]) for e in json.load(sys.stdin)["facets"]["month"]))')"
finish
