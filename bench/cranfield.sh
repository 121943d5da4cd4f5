#!/bin/sh
# Relevance on the Cranfield collection: plain BM25, the default profile,
# and a profile tuned on the odd-numbered queries, all measured on the
# even-numbered ones (which tuning never saw), plus the time eval takes
# for all 225 queries. Prints a Markdown table.
#
#   bench/cranfield.sh [CRANFIELD_DIR]    (default: ../shared/data/cranfield)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$top/../shared/data/cranfield}
xapnews=${XAPNEWS:-$top/xapnews}
work=$(mktemp -d "${TMPDIR:-/tmp}/xapnews-cranfield.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$top/scripts/cranfield.py" "$src" "$work" > /dev/null 2> "$work/convert.log"
"$xapnews" index --quiet --db "$work/db" "$work/cranfield.jsonl" > /dev/null
q=$work/queries.tsv even=$work/queries.even.tsv odd=$work/queries.odd.tsv
qrels=$work/cranfield.qrels
plain=$top/schemas/profiles/plain.conf default=$top/schemas/profiles/default.conf

metrics() { # metrics QUERIES PROFILE: "map P_10 ndcg_cut_10"
    "$xapnews" eval --db "$work/db" --queries "$1" --qrels "$qrels" --profile "$2" |
        awk '$1=="map"{m=$3} $1=="P_10"{p=$3} $1=="ndcg_cut_10"{n=$3} END{print m, p, n}'
}

"$xapnews" tune --db "$work/db" --queries "$odd" --qrels "$qrels" \
    --profile "$default" --out "$work/tuned.conf" --seed 1 > "$work/tune.txt"

row() { set -- "$1" $2; printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
echo "| profile (queries) | MAP | P@10 | nDCG@10 |"
echo "|---|---|---|---|"
row "plain BM25 (all 225)" "$(metrics "$q" "$plain")"
row "default.conf (all 225)" "$(metrics "$q" "$default")"
row "plain BM25 (112 even)" "$(metrics "$even" "$plain")"
row "default.conf (112 even)" "$(metrics "$even" "$default")"
row "tuned on odd, measured on even" "$(metrics "$even" "$work/tuned.conf")"
echo
echo "tune on the 113 odd queries (5 folds, 40 profiles, seed 1):"
sed 's/^/    /' "$work/tune.txt"

# eval speed: best of three runs over all 225 queries, 1000 hits each
python3 - "$xapnews" "$work/db" "$q" "$qrels" "$default" <<'PY'
import subprocess, sys, time
xapnews, db, queries, qrels, profile = sys.argv[1:]
best = None
for _ in range(3):
    start = time.perf_counter()
    subprocess.run([xapnews, "eval", "--db", db, "--queries", queries, "--qrels", qrels,
                    "--profile", profile], check=True, stdout=subprocess.DEVNULL)
    t = time.perf_counter() - start
    best = t if best is None else min(best, t)
print("\neval over 225 queries (1000 hits each): %.2f s (best of 3)" % best)
PY
