#!/bin/sh
# End to end: near-duplicate stories. Every seed article gets copies as
# outlets republish a wire story (a new headline, a dateline, a trailing
# paragraph, a word changed here and there); each copy must join its
# original's story and no other, --collapse must show one hit per story
# with the exact count of the others, --duplicates-of must list them
# oldest first, and a stock Xapian client must collapse the same way.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/dups.db
# the copies are made of the text the index holds (page chrome removed)
"$XAPNEWS" index --db "$TMP/seeds.db" "$top_srcdir/corpus" > /dev/null || fail "index seeds"
"$SYSPY" - "$TMP/seeds.db" > "$TMP/copies.jsonl" <<'PY'
import json, random, sys, xapian
db = xapian.Database(sys.argv[1])
rng = random.Random(7)
fillers = ["reported", "officials", "meeting", "statement", "agency", "week"]
docs = []
for p in db.postlist(""):
    fields = dict(l.split("=", 1) for l in db.get_document(p.docid).get_data().decode().split("\n") if "=" in l)
    docs.append(fields)
for m in sorted(docs, key=lambda f: f["id"]):
    words = m["body"].split()
    for c, (dateline, tail) in enumerate([
            ("WASHINGTON (Wire) -", "Additional reporting by a correspondent; editing by a desk."),
            ("BEIJING, Dec 1 (Newswire) -", "This story has been corrected to fix a spelling.")]):
        w = list(words)
        for i in rng.sample(range(len(w)), len(w) // 100):  # one word in a hundred
            w[i] = rng.choice(fillers)
        body = dateline + " " + " ".join(w) + "\n\n" + tail
        print(json.dumps({"id": "%s-copy%d" % (m["id"][:3], c + 1),
                          "title": "Copy %d of %s" % (c + 1, m["caption"][:30]),
                          "date": "2016-0%d-01" % (c + 3), "outlet": "Copy Outlet %d" % c,
                          "body": body}))
PY
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" "$TMP/copies.jsonl" > /dev/null || fail "index"

# every article's story key, "id=key" sorted
stories() {
    "$SYSPY" - "$1" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
rows = []
for p in db.postlist(""):
    d = db.get_document(p.docid)
    rows.append("%s=%s" % (d.get_value(4).decode(), d.get_value(8).decode()))
print(" ".join(sorted(rows)))
PY
}
keys=$(stories "$DB")
for n in 000 001 002 003 004; do
    id=$(sed -n "s/^{\"id\": \"\(${n}_[0-9a-f]*\)\".*/\1/p" "$top_srcdir/corpus/manifest.jsonl")
    expect_eq "story of $n and its two copies: the original's id" \
        "$n-copy1=$id $n-copy2=$id $id=$id" \
        "$(printf '%s\n' $keys | grep "^$n" | sort | tr '\n' ' ' | sed 's/ $//')"
done
expect_eq "five stories, no two seed articles joined" 5 \
    "$(printf '%s\n' $keys | cut -d= -f2 | sort -u | wc -l)"
expect_eq "every story term XDUP: is on its articles (15 articles in 5 stories)" "3 3 3 3 3" \
    "$("$SYSPY" -c '
import sys, xapian
db = xapian.Database(sys.argv[1])
print(" ".join(str(db.get_termfreq(t.term)) for t in db.allterms("XDUP:")))' "$DB")"

# --collapse: one hit per story; the others counted exactly
json=$("$XAPNEWS" search --db "$DB" --json --collapse --limit 100 cybersecurity)
expect_eq "--collapse: five stories, each standing for two more" \
    "5 5 2,2,2,2,2" \
    "$(printf '%s' "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)
h = r["hits"]
print(r["total_estimate"], len(set(x["story"] for x in h)), ",".join(str(x["more_like_it"]) for x in h))')"
expect_eq "without --collapse: all 15, and no more_like_it" "15 absent" \
    "$("$XAPNEWS" search --db "$DB" --json --limit 100 cybersecurity | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(len(r["hits"]), "absent" if all("more_like_it" not in x for x in r["hits"]) else "present")')"
# a filter that keeps one copy of a story leaves nothing to collapse into it
expect_eq "--collapse counts the story's matches, not its articles" "0" \
    "$("$XAPNEWS" search --db "$DB" --json --collapse 'cybersecurity outlet:"Copy Outlet 0"' |
       python3 -c 'import json,sys; print(" ".join(sorted(set(str(h["more_like_it"]) for h in json.load(sys.stdin)["hits"]))))')"
out=$("$XAPNEWS" search --db "$DB" --collapse --limit 1 --color never 'Guo Shengkun')
expect_eq "text output: the story line" 1 \
    "$(printf '%s\n' "$out" | grep -c "^    2 more like it: xapnews search --db $DB --duplicates-of ")"
expect_eq "text output: stories counted" 1 "$(printf '%s\n' "$out" | grep -c '^Hits 1-1 of [0-9]* stories for: Guo Shengkun$')"

# --duplicates-of: the others, oldest first
first=$(sed -n 's/^{"id": "\(001_[0-9a-f]*\)".*/\1/p' "$top_srcdir/corpus/manifest.jsonl")
expect_eq "--duplicates-of the original: its copies, oldest first" "001-copy1 001-copy2" \
    "$("$XAPNEWS" search --db "$DB" --json --duplicates-of "$first" |
       python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')"
expect_eq "--duplicates-of a copy: the original (2015, first) and the other copy" \
    "$first 001-copy2" \
    "$("$XAPNEWS" search --db "$DB" --json --duplicates-of 001-copy1 |
       python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')"
expect_eq "--duplicates-of JSON: query null, duplicates_of the id" "None 001-copy1" \
    "$("$XAPNEWS" search --db "$DB" --json --duplicates-of 001-copy1 |
       python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["query"], r["duplicates_of"])')"
"$XAPNEWS" search --db "$DB" --duplicates-of nosuch > "$TMP/out" 2> "$TMP/err"
expect_eq "--duplicates-of an unknown id: status 5" 5 "$?"
expect_eq "--duplicates-of an unknown id: message" "xapnews: no article with id 'nosuch'" "$(cat "$TMP/err")"
expect_eq "--duplicates-of an unknown id: nothing on stdout" "" "$(cat "$TMP/out")"
"$XAPNEWS" search --db "$DB" --duplicates-of "$first" --collapse 2> "$TMP/err"
expect_eq "--duplicates-of with --collapse: status 2" 2 "$?"
expect_eq "--duplicates-of takes no query: message" \
    "xapnews: search: --duplicates-of ID takes no query, --collapse, --sort or --facets (it lists the story's other articles, oldest first)" \
    "$("$XAPNEWS" search --db "$DB" --duplicates-of "$first" talks 2>&1)"

# a stock Xapian client collapses on value slot 8 the same way
expect_eq "python3-xapian set_collapse_key(8): five hits, two collapsed into each" "5 2,2,2,2,2" \
    "$("$SYSPY" - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("cybersecur"))
e.set_query(xapian.Query(xapian.Query.OP_OR, [xapian.Query("Zcybersecur"), xapian.Query("cybersecurity")]))
e.set_collapse_key(8)
m = e.get_mset(0, 100, db.get_doccount())
print(m.size(), ",".join(str(x.collapse_count) for x in m))
PY
)"

# order does not matter: the copies indexed first, the originals after
"$XAPNEWS" index --db "$TMP/reversed.db" "$TMP/copies.jsonl" "$top_srcdir/corpus" > /dev/null || fail "index reversed"
expect_eq "copies indexed first: still five stories of three" "3 3 3 3 3" \
    "$(stories "$TMP/reversed.db" | tr ' ' '\n' | cut -d= -f2 | sort | uniq -c | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')"
# indexing an article again keeps its story and adds no story
"$XAPNEWS" index --db "$DB" "$TMP/copies.jsonl" > /dev/null || fail "index again"
expect_eq "indexing the copies again: the same stories" "$keys" "$(stories "$DB")"

# shards built by two jobs: each finds what its shards hold, and
# --duplicates-of still finds every near duplicate through the bands
"$XAPNEWS" index --db "$TMP/sharded" --shards 4 --jobs 2 "$top_srcdir/corpus" "$TMP/copies.jsonl" > /dev/null ||
    fail "index sharded"
for id in "$first" 001-copy1 001-copy2; do
    expect_eq "sharded --duplicates-of $id: the two others" 2 \
        "$("$XAPNEWS" search --db "$TMP/sharded" --json --duplicates-of "$id" |
           python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
done
# an id given with invalid UTF-8 is looked up as the indexer stored it
# (U+FFFD for what is not UTF-8), by --duplicates-of as by similar and id:
printf '{"id": "a\377b", "title": "Bytes", "body": "A body about the talks."}\n' > "$TMP/badid.jsonl"
"$XAPNEWS" index --quiet --db "$TMP/badid.db" "$TMP/badid.jsonl" 2> /dev/null
badid=$(printf 'a\377b')
for how in "search --duplicates-of" "similar"; do
    # shellcheck disable=SC2086
    "$XAPNEWS" ${how% *} --db "$TMP/badid.db" --json $(echo "$how" | cut -s -d' ' -f2) "$badid" \
        > "$TMP/out" 2> "$TMP/err"
    expect_eq "$how an id with invalid UTF-8: found" "0|" "$?|$(cat "$TMP/err")"
done
finish
