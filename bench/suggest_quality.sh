#!/bin/sh
# bench/suggest_quality.sh - how well `xapnews synonyms suggest` finds
# misspelt names, on Reuters-21578.
#
#   bench/suggest_quality.sh [REUTERS_DIR]   (default: ../shared/data/reuters21578)
#
# Converts Reuters-21578 to JSON Lines (bench/reuters.py), misspells the
# surnames of NAMES people named in <PEOPLE> tags in a FRACTION of their
# mentions (one substitution, transposition, deletion or doubling each;
# seed SEED; bench/suggest_quality.py), indexes the result without a
# variant table, runs `xapnews synonyms suggest` and prints the precision
# and recall of its top 30 pairs and the time it took. Reuters has
# misspellings of its own ("westminister", "mitterand"), which rank beside
# the injected ones; the second measure sets aside the pairs whose two
# forms the corpus held before injection, and lists them.
#
# Environment: NAMES=30 FRACTION=0.1 SEED=21578 TOP=30, OFFICIALS=keep
# (or drop: index the articles without their officials lists), BUILD=DIR (the
# build tree, default the source tree), KEEP=1 keeps the work folder.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD:-$top}" && pwd)
reuters=${1:-${REUTERS:-$top/../shared/data/reuters21578}}
names=${NAMES:-30} fraction=${FRACTION:-0.1} seed=${SEED:-21578} k=${TOP:-30}
die() { echo "bench/suggest_quality.sh: $*" >&2; exit 1; }
[ -f "$reuters/reut2-000.sgm" ] || die "no Reuters-21578 at $reuters (reut2-*.sgm)"
[ -x "$build/xapnews" ] || die "build the project first (./configure && make): no $build/xapnews"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
case ${OFFICIALS:-keep} in
    keep) drop_officials= ;;
    drop) drop_officials=--drop-officials ;;
    *) die "OFFICIALS must be keep or drop, not '$OFFICIALS'" ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/xapnews-suggest.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }

$py "$top/bench/reuters.py" "$reuters" "$work/reuters.jsonl"
$py "$top/bench/suggest_quality.py" inject "$work/reuters.jsonl" "$work/injected.jsonl" \
    "$work/truth.tsv" --names "$names" --fraction "$fraction" --seed "$seed" \
    --vocabulary "$work/vocabulary.txt" $drop_officials
t0=$(now)
"$build/xapnews" index --quiet --synonyms none --db "$work/db" "$work/injected.jsonl" >&2
t1=$(now)
"$build/xapnews" synonyms suggest --db "$work/db" --json --limit "$k" > "$work/top.json"
t2=$(now)
"$build/xapnews" synonyms suggest --db "$work/db" --json --limit 5000 > "$work/deep.json"
t3=$(now)
echo "== injected misspellings (edit, mentions replaced, articles naming the surname)"
sed 's/^/  /' "$work/truth.tsv"
echo "== top $k pairs, as listed"
$py "$top/bench/suggest_quality.py" score "$work/truth.tsv" "$work/top.json" --top "$k" \
    --judged "$top/bench/suggest_judgments.tsv"
echo "== top $k pairs once the corpus's own variant pairs are set aside"
$py "$top/bench/suggest_quality.py" score "$work/truth.tsv" "$work/deep.json" --top "$k" \
    --native "$work/vocabulary.txt" --verbose | sed -n '4,$p'
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    printf "== time: index %.1f s, suggest --limit 30 %.1f s, suggest --limit 5000 %.1f s\n",
        b - a, c - b, d - c }'
