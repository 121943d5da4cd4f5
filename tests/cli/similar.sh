#!/bin/sh
# End to end: `xapnews similar ID` and like:ID on the seed corpus: exact
# lists, JSON, like: with words and filters, unknown ids, like: values
# never corrected; and, for every seed article, the properties that make
# it "more like this": never the article itself, and exactly the articles
# holding one of its expand terms, as stock Xapian (python3-xapian)
# computes them.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/seed.db
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" > /dev/null || { fail "index"; finish; }
A0=000_9a014460469a5424 A1=001_79cea76adbd33e7d A2=002_ba0cc2a364319859
A3=003_366b0afce615304f A4=004_1e197ee08be45052
ALL="$A0 $A1 $A2 $A3 $A4"

# the ids of a JSON result in rank order, shortened to their number
ranked() { python3 -c 'import json,sys; print(" ".join(h["id"][:3] for h in json.load(sys.stdin)["hits"]))'; }
similar() { "$XAPNEWS" similar --db "$DB" --json "$@" | ranked; }
like() { "$XAPNEWS" search --db "$DB" --json "$@" | ranked; }

# ---- exact lists -------------------------------------------------------------
expect_eq "similar 000" "001 004 002 003" "$(similar $A0)"
expect_eq "similar 001" "000 004 003 002" "$(similar $A1)"
expect_eq "similar 002" "004 003 001 000" "$(similar $A2)"
expect_eq "similar 003" "004 001 002 000" "$(similar $A3)"
expect_eq "similar 004" "002 003 001 000" "$(similar $A4)"
expect_eq "similar --limit" "004 001" "$(similar --limit 2 $A3)"
expect_eq "similar --offset" "002 000" "$(similar --offset 2 $A3)"
expect_eq "similar --profile none" "004 001 002 000" "$(similar --profile none $A3)"
out=$("$XAPNEWS" similar --db "$DB" --color never "$A3")
expect_eq "similar: exit status" 0 $?
expect_eq "similar: first line" "Hits 1-4 of 4 articles for: like:$A3" "$(echo "$out" | head -1)"
expect_eq "similar: ids listed" "$A4 $A1 $A2 $A0" \
    "$(echo "$out" | sed -n 's/.*| id \(.*\)$/\1/p' | tr '\n' ' ' | sed 's/ $//')"

# ---- JSON ----------------------------------------------------------------------
"$XAPNEWS" similar --db "$DB" --json "$A3" > "$TMP/similar.json"
if python3 -m json.tool "$TMP/similar.json" > /dev/null; then pass "similar --json is JSON"
else fail "similar --json is JSON"; fi
expect_eq "similar --json: query, counts, ids" \
    "like:$A3 4 True $A4 $A1 $A2 $A0 None None" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d["query"], d["total_estimate"], d["total_exact"], *[h["id"] for h in d["hits"]],
      d["did_you_mean"], d["corrected_query"])' "$TMP/similar.json")"
expect_eq "similar --json: highlights" "yes" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print("yes" if all(h["highlights"] for h in d["hits"]) else "no")' "$TMP/similar.json")"

# ---- like: in queries ----------------------------------------------------------
expect_eq "like: alone is similar" "$(similar $A0)" "$(like "like:$A0")"
expect_eq "like: quoted" "$(similar $A0)" "$(like "like:\"$A0\"")"
expect_eq "like: and a word" "001 002 003" "$(like "like:$A0 Guo")"
expect_eq "like: and a date filter" "001 002" "$(like "like:$A0 date:2015..2016")"
expect_eq "like: and an outlet filter" "004" "$(like "like:$A3 outlet:\"China Digital Times\"")"
expect_eq "like: less a word" "002" "$(like "like:$A0 -espionage")"
expect_eq "like: OR id: finds all five" "000 001 002 003 004" \
    "$(ids "$DB" "like:$A0 OR id:$A0" | sed 's/_[0-9a-f]*//g')"

# ---- unknown ids ---------------------------------------------------------------
"$XAPNEWS" similar --db "$DB" nope > "$TMP/out" 2> "$TMP/err"
expect_eq "similar: unknown id exit status" 5 $?
expect_eq "similar: unknown id message" "xapnews: no article with id 'nope'" "$(cat "$TMP/err")"
expect_eq "similar: unknown id prints nothing" "" "$(cat "$TMP/out")"
"$XAPNEWS" search --db "$DB" "china like:${A3}x" > "$TMP/out" 2> "$TMP/err"
expect_eq "like: unknown id exit status" 5 $?
expect_eq "like: unknown id message" "xapnews: no article with id '${A3}x'" "$(cat "$TMP/err")"
"$XAPNEWS" search --db "$DB" --json "like:" > /dev/null 2> "$TMP/err"
expect_eq "like: without a value is searched as words" 0 $?
"$XAPNEWS" search --db "$DB" --strict "like:" > /dev/null 2> "$TMP/err"
expect_eq "like: without a value, --strict" 5 $?
expect_eq "like: without a value, message" \
    "xapnews: query syntax error at column 1: like: needs a value" "$(cat "$TMP/err")"

# ---- usage -------------------------------------------------------------------
"$XAPNEWS" similar --db "$DB" > /dev/null 2> "$TMP/err"
expect_eq "similar without an id" "2 xapnews: similar: give an article id (see 'xapnews similar --help')" \
    "$? $(cat "$TMP/err")"
"$XAPNEWS" similar --db "$DB" "$A0" "$A1" > /dev/null 2>&1
expect_eq "similar with two ids" 2 $?
"$XAPNEWS" similar --db "$DB" --any "$A0" > /dev/null 2>&1
expect_eq "similar --any is refused" 2 $?
"$XAPNEWS" similar "$A0" > /dev/null 2>&1
expect_eq "similar without --db" 2 $?
"$XAPNEWS" similar --db "$TMP/missing.db" "$A0" > /dev/null 2>&1
expect_eq "similar on a missing database" 4 $?
"$XAPNEWS" similar --help | grep -q "more like" && pass "similar --help" || fail "similar --help"
"$XAPNEWS" search --help | grep -q "like:ID" && pass "search --help names like:" ||
    fail "search --help names like:"
"$XAPNEWS" --help | grep -q "^  similar" && pass "xapnews --help names similar" ||
    fail "xapnews --help names similar"

# ---- like: values are ids, never corrected -------------------------------------
# an article whose id is a misspelling of a name the corpus holds
# (Shengkun): as a word it is corrected, as a like: value never
printf '%s\n' '{"id": "Shengkan", "title": "Cyber talks", "body": "Guo Shengkun met officials in December at a reunion on cybersecurity."}' \
    > "$TMP/extra.jsonl"
DB2=$TMP/typo.db
"$XAPNEWS" index --db "$DB2" "$top_srcdir/corpus" "$TMP/extra.jsonl" > /dev/null || fail "index extra"
corrections() {
    "$XAPNEWS" search --db "$DB2" --json "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin)
print(d["corrected_query"], d["did_you_mean"], d["also_searched"], *[h["id"][:3] for h in d["hits"]])'
}
expect_eq "a word is corrected" "Shengkun None [] She 000 001 003 002" "$(corrections Shengkan)"
expect_eq "like: value not corrected" "None None [] 002 003 004" "$(corrections like:Shengkan)"
expect_eq "like: value not corrected, with a filter" "None None [] 002" \
    "$(corrections "like:Shengkan date:2016")"
"$XAPNEWS" search --db "$DB2" "like:Shengkun" > /dev/null 2> "$TMP/err"
expect_eq "like: near an id is not that id" "5 xapnews: no article with id 'Shengkun'" \
    "$? $(cat "$TMP/err")"

# ---- properties, for every seed article ------------------------------------------
for id in $ALL; do
    got=$("$XAPNEWS" similar --db "$DB" --json --limit 100 "$id" |
          python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))')
    case " $got " in *" $id "*) fail "similar $id lists $id" ;; *) pass "similar $id: not itself" ;; esac
done
if "$SYSPY" -c 'import xapian' 2> /dev/null; then
    # stock Xapian: the article's 40 best expand terms among the plain
    # words (no prefix, no ':' or '#') some other article holds; the
    # articles holding one of them, less the article and its story, are
    # exactly what similar lists
    for id in $ALL; do
        want=$("$SYSPY" - "$DB" "$id" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
doc = next(db.postlist("Q" + sys.argv[2])).docid
class Words(xapian.ExpandDecider):
    def __call__(self, t):
        t = t.decode()
        return not t[:1].isupper() and ":" not in t and "#" not in t and db.get_termfreq(t) > 1
rset = xapian.RSet(); rset.add_document(doc)
words = Words()
terms = [e.term for e in xapian.Enquire(db).get_eset(40, rset, words)]
q = xapian.Query(xapian.Query.OP_OR, terms)
story = db.get_document(doc).get_value(8)
out = [xapian.Query(b"Q" + sys.argv[2].encode())] + ([xapian.Query(b"XDUP:" + story)] if story else [])
e = xapian.Enquire(db)
e.set_query(xapian.Query(xapian.Query.OP_AND_NOT, q, xapian.Query(xapian.Query.OP_OR, out)))
m = e.get_mset(0, 100)
print(" ".join(sorted(db.get_document(h.docid).get_value(4).decode() for h in m)))
PY
)
        got=$("$XAPNEWS" similar --db "$DB" --json --limit 100 "$id" |
              python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))')
        expect_eq "similar $id: the articles holding an expand term (python3-xapian)" "$want" "$got"
    done
else
    echo "python3-xapian is not installed for $SYSPY: similar not checked against stock Xapian"
fi
finish
