#!/bin/sh
# The official facet in one pass: every article carries the set of its
# XOFFICIAL: slugs in a value slot, and one ValueCountMatchSpy on it, in
# the same match as outlets and years, counts officials exactly as one
# match per XOFFICIAL: term does (the oracle, tests/facets/probe). Checked
# on the seeds and the Reuters sample for fixed and sampled queries, on one
# database, on local shards, on remote shards served by stock xapian-tcpsrv
# (started here on 127.0.0.1, killed at the end), and on indexes built
# before the slot existed (all articles or some lacking it), where the
# facet falls back to counting by term, locally and remotely.
. "$top_srcdir/tests/cli/lib.sh"
command -v xapian-tcpsrv > /dev/null || { echo "SKIP: xapian-tcpsrv missing"; exit 77; }
PROBE=$top_builddir/tests/facets/probe
SLOT=$(sed -n 's/^#define XN_SLOT_OFFICIALS \([0-9]*\).*/\1/p' "$top_srcdir/plugin/common/schema.h")
[ -n "$SLOT" ] || fail "XN_SLOT_OFFICIALS not found in plugin/common/schema.h"
SRC="$top_srcdir/corpus $top_srcdir/tests/data/reuters-people.jsonl"

"$XAPNEWS" index -q --db "$TMP/one.db" $SRC > /dev/null || fail "index one"
"$XAPNEWS" index -q --db "$TMP/sharded.db" --shards 3 $SRC > /dev/null || fail "index shards"

# the slot holds, for every article, exactly the slugs of its XOFFICIAL:
# terms, sorted, tab-separated, a lone tab for none
expect_eq "every article's slot is the set of its official terms" "219 articles, 219 with the slot, 0 differ" \
"$("$SYSPY" - "$TMP/one.db" "$SLOT" <<'PY'
import sys, xapian
db, slot = xapian.Database(sys.argv[1]), int(sys.argv[2])
differ = 0
for p in db.postlist(""):
    d = db.get_document(p.docid)
    terms = sorted(t.term[len(b"XOFFICIAL:"):] for t in d.termlist() if t.term.startswith(b"XOFFICIAL:"))
    if d.get_value(slot) != (b"\t".join(terms) or b"\t"):
        differ += 1
print("%d articles, %d with the slot, %d differ" % (db.get_doccount(), db.get_value_freq(slot), differ))
PY
)"

# fixed queries (operators, phrases, fields, dates, none matching) and
# 25 words sampled from the Reuters titles
{
    printf '%s\n' said cybersecurity Reagan 'oil OR bank OR trade' '"Guo Shengkun"' \
        'president NOT Reagan' 'date:1987-03' 'official:Reagan' 'outlet:Reuters' \
        'Baker OR Volcker' zzzqqq
    python3 - "$top_srcdir/tests/data/reuters-people.jsonl" <<'PY'
import json, random, re, sys
words = sorted({w.lower() for line in open(sys.argv[1], encoding="utf-8")
                for w in re.findall(r"[A-Za-z]{4,}", json.loads(line)["title"])})
print("\n".join(random.Random(1987).sample(words, 25)))
PY
} > "$TMP/queries"

# check_probe NAME OUT DB [STRIPPED]: each query's two lines agree (counts
# and matches), and its method is "one-pass" unless it matches an article
# whose id is in the file STRIPPED (articles without the slot): then
# "by-term"
check_probe() {
    python3 - "$2" "$XAPNEWS" "$3" "${4:-/dev/null}" <<'PY' && pass "$1" || fail "$1"
import json, subprocess, sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
xapnews, db = sys.argv[2], sys.argv[3]
stripped = set(open(sys.argv[4]).read().split())
bad, counted, methods = 0, 0, set()
def ids(q):
    out = subprocess.run([xapnews, "search", "--db", db, "--json", "--no-typos", "--limit", "100000", q],
                         check=True, capture_output=True).stdout
    return {h["id"] for h in json.loads(out)["hits"]}
for auto, oracle in zip(lines[0::2], lines[1::2]):
    q = auto[0]
    if len(auto) != 4 or len(oracle) != 4 or oracle[1] != "oracle":
        print("malformed lines for %r: %r %r" % (q, auto, oracle)); bad += 1; continue
    hits = ids(q)
    method = "by-term" if hits & stripped else "one-pass"
    methods.add(method)
    if len(hits) != int(auto[2]):
        print("%r: %d hits, %s matches" % (q, len(hits), auto[2])); bad += 1
    if auto[1] != method:
        print("%r: counted %s, not %s" % (q, auto[1], method)); bad += 1
    if auto[2:] != oracle[2:]:
        print("%r: %s\n  oracle: %s" % (q, auto[2:], oracle[2:])); bad += 1
    counted += auto[3].count("=") >= 2
print("%d queries, %d with two officials or more, counted %s" % (len(lines) // 2, counted, " and ".join(sorted(methods))))
sys.exit(1 if bad or len(lines) != 72 or counted < 20 else 0)
PY
}
"$PROBE" "$TMP/one.db" < "$TMP/queries" > "$TMP/one.out" || fail "probe one"
check_probe "one database: one pass equals one match per official" "$TMP/one.out" "$TMP/one.db"
"$PROBE" "$TMP/sharded.db" < "$TMP/queries" > "$TMP/sharded.out" || fail "probe shards"
check_probe "local shards: one pass equals one match per official" "$TMP/sharded.out" "$TMP/sharded.db"
expect_eq "local shards count as one database" "$(cat "$TMP/one.out")" "$(cat "$TMP/sharded.out")"

# remote shards: one stock xapian-tcpsrv per shard (lib.sh)
serve_shards "$TMP/sharded.db" "$TMP/remote.stub" said
"$PROBE" "$TMP/remote.stub" < "$TMP/queries" > "$TMP/remote.out" || fail "probe remote"
check_probe "remote shards: one pass equals one match per official" "$TMP/remote.out" "$TMP/remote.stub"
expect_eq "remote shards count as one database" "$(cat "$TMP/one.out")" "$(cat "$TMP/remote.out")"

# indexes from before the slot: take it away from every article, or from
# the even-numbered ones, or from one shard; the ids it was taken from go
# to DB.stripped
strip() { # strip DB [even]
    "$SYSPY" - "$1" "$SLOT" "${2:-all}" > "$1.stripped" <<'PY'
import sys, xapian
db, slot = xapian.WritableDatabase(sys.argv[1]), int(sys.argv[2])
for p in list(db.postlist("")):
    if sys.argv[3] == "all" or p.docid % 2 == 0:
        d = db.get_document(p.docid)
        d.remove_value(slot)
        db.replace_document(p.docid, d)
        print([t.term[1:].decode() for t in d.termlist() if t.term.startswith(b"Q")][0])
db.commit()
PY
}
cp -r "$TMP/one.db" "$TMP/old.db" && strip "$TMP/old.db" || fail "strip old"
cp -r "$TMP/one.db" "$TMP/mixed.db" && strip "$TMP/mixed.db" even || fail "strip mixed"
cp -r "$TMP/sharded.db" "$TMP/old-shard.db" && strip "$TMP/old-shard.db/shard-001" ||
    fail "strip a shard"
expect_eq "articles without the slot" "219 109" \
    "$(wc -l < "$TMP/old.db.stripped") $(wc -l < "$TMP/mixed.db.stripped")"
"$PROBE" "$TMP/old.db" < "$TMP/queries" > "$TMP/old.out" || fail "probe old"
check_probe "an index without the slot: counted by term" "$TMP/old.out" "$TMP/old.db" \
    "$TMP/old.db.stripped"
"$PROBE" "$TMP/mixed.db" < "$TMP/queries" > "$TMP/mixed.out" || fail "probe mixed"
check_probe "some articles without the slot: by term where a match lacks it" \
    "$TMP/mixed.out" "$TMP/mixed.db" "$TMP/mixed.db.stripped"
serve_shards "$TMP/old-shard.db" "$TMP/old-remote.stub" said
"$PROBE" "$TMP/old-remote.stub" < "$TMP/queries" > "$TMP/old-remote.out" || fail "probe old remote"
check_probe "a remote shard without the slot: by term where a match lacks it" \
    "$TMP/old-remote.out" "$TMP/old-remote.stub" "$TMP/old-shard.db/shard-001.stripped"
# with the method column aside, they all count as the new index does
counts() { cut -f1,3,4 "$1"; }
for k in old mixed old-remote; do
    expect_eq "$k: the same counts as with the slot" "$(counts "$TMP/one.out")" "$(counts "$TMP/$k.out")"
done
# indexing the articles again adds the slot
"$XAPNEWS" index -q --db "$TMP/old.db" $SRC > /dev/null || fail "re-index old"
"$PROBE" "$TMP/old.db" < "$TMP/queries" > "$TMP/reindexed.out" || fail "probe re-indexed"
check_probe "re-indexed: one pass again" "$TMP/reindexed.out" "$TMP/old.db"

# what searches print does not change: every facet, cut to its length,
# the same on every database, with the slot or without (hits aside: equal
# scores may come in another order from shards)
facets() {
    while read -r q; do
        "$XAPNEWS" search --db "$1" --json --limit 3 --facets outlet,official,year "$q" |
            python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total_estimate"], len(r["hits"]), r["facets"])'
    done < "$TMP/queries"
}
facets "$TMP/one.db" > "$TMP/one.json"
[ "$(grep -c "'official': \[{" "$TMP/one.json")" -ge 30 ] || fail "too few official facets"
for k in sharded.db remote.stub old.db mixed.db old-remote.stub; do
    expect_eq "search --facets on $k as on one database" "$(cat "$TMP/one.json")" \
        "$(facets "$TMP/$k")"
done
finish
