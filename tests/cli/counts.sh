#!/bin/sh
# End to end: the number of matches a search prints is the number of
# articles it finds: exact ("N articles") when there are few matches, an
# estimate ("about N") only beyond, within Xapian's bounds; `A -B` never
# counts more than `A`; --exact-count counts every match.
. "$top_srcdir/tests/cli/lib.sh"
R=$TMP/reuters.db S=$TMP/seed.db
"$XAPNEWS" index --quiet --db "$R" "$top_srcdir/tests/data/reuters-people.jsonl" > /dev/null ||
    fail "index the Reuters sample"
"$XAPNEWS" index --quiet --db "$S" "$top_srcdir/corpus" > /dev/null || fail "index the seeds"

# For many generated queries over each index (single words of every
# frequency, pairs, `A -B`): the printed count, the JSON total and bounds,
# and the number of hits found by paging through every result all agree.
check_counts() { # DB JSONL_OR_FOLDER LABEL SINGLES PAIRS EXCLUSIONS
    python3 - "$XAPNEWS" "$@" <<'PY'
import collections, glob, json, os, re, subprocess, sys
xapnews, db, source, label = sys.argv[1:5]
n_singles, n_pairs, n_excl = map(int, sys.argv[5:8])
texts = []
if os.path.isdir(source):
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(source + "/*.txt"))]
else:
    for line in open(source, encoding="utf-8"):
        a = json.loads(line)
        texts.append(a.get("title", "") + " " + a.get("body", ""))
df = collections.Counter()
for t in texts:
    df.update(set(w.lower() for w in re.findall(r"[A-Za-z]{3,}", t)))
# words of every frequency: spread over the list sorted by document count
words = [w for w, _ in sorted(df.items(), key=lambda x: (-x[1], x[0]))]
top = n_singles // 3
step = max(1, (len(words) - top) // (n_singles - top))
singles = words[:top] + words[top::step][:n_singles - top]
pairs = ["%s %s" % (singles[i], singles[(i * 7 + 3) % len(singles)]) for i in range(n_pairs)]
excl = [(singles[i], singles[(i * 5 + 1) % len(singles)]) for i in range(n_excl)]

def run(*args):
    p = subprocess.run([xapnews, "search", "--db", db] + list(args), capture_output=True, text=True)
    if p.returncode:
        sys.exit("search %s: exit %d: %s" % (args, p.returncode, p.stderr))
    return p.stdout

def found(q):  # every hit, page by page, and the first page's JSON
    n, offset, first = 0, 0, None
    while True:
        d = json.loads(run("--json", "--limit", "100", "--offset", str(offset), "--", q))
        first = first or d
        n += len(d["hits"])
        offset += 100
        if len(d["hits"]) < 100:
            return n, first

def printed(q):  # the count of the line that opens the hits
    lines = run("--color", "never", "--", q).split("\n")
    first = next(l for l in lines if l.startswith(("Hits ", "No ")))
    if first.startswith("No articles match"):
        return 0, True
    m = re.match(r"Hits \d+-\d+ of (about )?(\d+) articles?\b", first)
    if not m:
        sys.exit("unexpected first line for %r: %r" % (q, first))
    return int(m.group(2)), m.group(1) is None

bad = []
def check(q):
    truth, d = found(q)
    n, exact = printed(q)
    got = (n, exact, d["total_estimate"], d["total_exact"], d["total_lower"], d["total_upper"])
    if got != (truth, True, truth, True, truth, truth):
        bad.append("%r: printed %s, found %d" % (q, got, truth))
    return truth

for q in singles + pairs:
    check(q)
for a, b in excl:
    na, nab = check(a), check("%s -%s" % (a, b))
    if nab > na:
        bad.append("%r counts %d, more than %r: %d" % ("%s -%s" % (a, b), nab, a, na))
nq = len(singles) + len(pairs) + len(excl)
print("%s: %d queries, %s" % (label, nq, "; ".join(bad) if bad else "all counts exact"))
PY
}
expect_eq "Reuters sample: printed counts are the matches found" \
    "Reuters sample: 75 queries, all counts exact" \
    "$(check_counts "$R" "$top_srcdir/tests/data/reuters-people.jsonl" "Reuters sample" 30 20 25)"
expect_eq "seeds: printed counts are the matches found" "seeds: 35 queries, all counts exact" \
    "$(check_counts "$S" "$top_srcdir/corpus" seeds 15 10 10)"

# wording: one article, several, none, and a page past the last hit
first() { "$XAPNEWS" search --db "$S" --color never "$@" | head -n 1; }
expect_eq "one article" "Hits 1-1 of 1 article for: Reuters" "$(first Reuters)"
expect_eq "several" "Hits 1-5 of 5 articles for: cybersecurity" "$(first cybersecurity)"
expect_eq "none" "No articles match: zyzzyva" "$(first zyzzyva)"
expect_eq "past the last hit" "No hits past rank 10 of 5 articles for: cybersecurity" \
    "$(first --offset 10 cybersecurity)"

# Beyond 1000 matches the count may be estimated, unless --exact-count:
# 1500 articles that all say "common", 500 of which say "rare" and the
# others "only"
python3 - "$TMP/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(1500):
        body = "a common word %s number %d" % ("and a rare one" if i % 3 == 0 else "only", i)
        f.write(json.dumps({"id": "m%04d" % i, "title": "Item %d" % i, "body": body}) + "\n")
PY
M=$TMP/many.db
"$XAPNEWS" index --quiet --db "$M" "$TMP/many.jsonl" > /dev/null || fail "index 1500 articles"
total() { # the JSON count fields of a search
    "$XAPNEWS" search --db "$M" --json --limit 10 "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ok = d["total_lower"] <= d["total_estimate"] <= d["total_upper"]
print(d["total_exact"], d["total_lower"] <= 1500 <= d["total_upper"] if not d["total_exact"] else d["total_estimate"], ok)'
}
# (Xapian's estimate for an OR of two words assumes they are independent)
expect_eq "1500 matches: an estimate within bounds that hold the truth" "False True True" \
    "$(total 'only OR rare')"
case $("$XAPNEWS" search --db "$M" --color never 'only OR rare' | head -n 1) in
"Hits 1-10 of about "*" articles for: only OR rare") pass "an estimate is printed as 'about N'" ;;
*) fail "an estimate: $("$XAPNEWS" search --db "$M" --color never 'only OR rare' | head -n 1)" ;;
esac
expect_eq "--exact-count: exact" "True 1500 True" "$(total --exact-count 'only OR rare')"
expect_eq "--exact-count: printed exact" "Hits 1-10 of 1500 articles for: only OR rare" \
    "$("$XAPNEWS" search --db "$M" --color never --exact-count 'only OR rare' | head -n 1)"
expect_eq "facets count every match: exact" "True 1500 True" \
    "$(total --facets year 'only OR rare')"
# A word in more articles than are counted exactly makes an exact count
# impossible, so none is looked for: the lower bound (Xapian's) is still
# that word's count, the truth stays within the bounds, and the hits are
# those of a search that counts every match.
bounds() {
    "$XAPNEWS" search --db "$M" --json --limit 10 "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["total_lower"], d["total_lower"] <= d["total_estimate"] <= d["total_upper"],
      " ".join(h["id"] for h in d["hits"]))'
}
for q in 'common OR rare' 'rare OR common' 'common OR zyzzyva' '(common OR only) OR rare'; do
    want="$(bounds --exact-count "$q" | cut -d' ' -f3-)"
    expect_eq "bound from a word's count: $q" "1500 True $want" "$(bounds "$q")"
done
expect_eq "500 matches: exact" "True 500 True" "$(total common rare)"
expect_eq "1000 matches (the most counted exactly by default): exact" "True 1000 True" \
    "$(total common -rare)"
finish
