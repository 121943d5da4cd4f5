#!/bin/sh
# Performance of xapnews against plain Xapian and SQLite FTS5 on
# Reuters-21578 (21,578 articles), in one run: about 30 minutes on 2 cores
# with the defaults (up to 45 when the machine is slow; the scale phase's
# x50, both contenders, is half of it), about 11 with BENCH_X50=skip,
# about 6 with BENCH_X50=skip-all (estimates from the per-article costs
# of earlier runs: x1 indexing 6-14 s per contender, plain Xapian 0.7 s
# and xapnews on 2 cores 0.33-0.39 s per 1000 articles at x10-x50).
#
#   0. ranking on every judged collection (bench/relevance.py, about a
#      minute, into relevance.md; needs python3-xapian; BENCH_RELEVANCE=skip)
#   1. convert Reuters-21578 to JSON Lines (bench/reuters.py)
#   2. indexing x1: xapnews (1 job), xapnews --jobs 2 (a new database: two
#      parts joined), xapnews --shards 2 --jobs 2 + compact, plain Xapian
#      (bench/plain_xapian.cc, Xapian's own flushing, and committing every
#      1000), FTS5 for reference; wall time and peak RSS
#   3. query latency, three kinds, every contender on each:
#        short AND: bench/queries.txt (394 queries), default operator AND
#        long OR:   bench/titles.txt (300 whole Reuters titles), default
#                   operator OR (FTS5: the words joined by OR)
#        names:     bench/names.txt (249 people's names, as written or
#                   misspelt), default operator AND
#      contenders: xapnews (bench/query_bench.c over libxapnews, default
#      profile, typo tolerance on, 1000 matches counted exactly, as
#      `xapnews search`, on the database the default command leaves here:
#      --jobs 2, parts joined by compaction), the same on the --jobs 1
#      database and over 2 shards, xapnews with plain.conf,
#      plain Xapian, FTS5, and Xapian's floor (queries parsed beforehand,
#      top-10 ids only: the least any program answering from a Xapian
#      database spends); p50/p95/p99/mean over the queries of each
#      query's median time
#   4. tokeniser throughput: xn_tokenize and xapnews's analyzer
#      (bench/tokenize_bench.c) against Xapian's TermGenerator
#   5. xapnews eval speed on Cranfield (best of 3)
#   6. perf profile of the xapnews indexer, if perf is there and time allows
#   7. scale and daily ingest, at Reuters x10 (215,780 articles) and x50
#      (1,078,900), each copy with new ids: a new xapnews database
#      (--shards 2 --jobs 2) and a new plain Xapian database, then, in
#      3 rounds (BENCH_APPEND_ROUNDS) with other articles each round, each
#      gets 100 new articles appended, then 1000 more, each append its own
#      timed command (xapnews index without --shards; plain_xapian index
#      DB FILE), the contenders taking turns on databases each read
#      through once beforehand; medians over the rounds; the same appends
#      to a compacted copy of each database (xapnews compact: one database
#      laid out as index --jobs 2 leaves it; xapian-compact), to show
#      what a layout with every block full costs (BENCH_COMPACTED=skip);
#      x50 runs when the budget allows it (BENCH_BUDGET, BENCH_X50).
#      Costs on 2 cores: x10 about 4 minutes for both, x50 about 7
#      minutes for xapnews and 13-15 for plain Xapian, the compacted
#      copies and their appends 1-3 more; the work folder then needs
#      about 20 GB of disk (the four databases of a size at once).
# Phase 2 runs INDEX_REPS repetitions and phases 3-4 REPS, alternating the
# contenders; medians.
# Prints a table of ratios, each contender's query latencies per kind and
# the targets with their verdicts (met, NOT MET, or not measured when a
# phase was skipped), and writes bench/results/results.json, table.txt,
# perf.txt and bench.png (gnuplot).
#
#   bench/run.sh [REUTERS_DIR]      (default: ../shared/data/reuters21578)
#
# Run it after the project is built (./configure && make). Environment:
#   BUILD=DIR          build tree (default: the source tree)
#   CRANFIELD=DIR      Cranfield collection (default ../shared/data/cranfield)
#   BENCH_REPS=3       repetitions of phases 3-4
#   BENCH_INDEX_REPS=5 repetitions of phase 2 (the x1 builds: whole-command
#                      times, which move with the machine the most)
#   BENCH_BUDGET=3600  seconds since the start: the larger scale size (x50)
#                      is skipped when its estimate would pass them, or
#                      only plain Xapian's x50 when xapnews's alone fits;
#                      the default lets the whole run finish on 2 cores
#   BENCH_X50=auto     auto (as the budget allows) | full (x50 for both
#                      contenders whatever it takes) | skip (no x50: its
#                      targets "not measured") | skip-all (no scale phase)
#   BENCH_SCALE_COPIES="10 50"  the two scale sizes, in copies of the
#                      collection (e.g. "2 3" to try it on a few files)
#   BENCH_PERF=auto    auto | on | skip
#   BENCH_RELEVANCE=auto  auto | skip (phase 0)
#   BENCH_SCALE_EXTRA=1  also plain Xapian committing every 1000 at x10
#   BENCH_SCALE_JOBS=2 shards (and jobs) of xapnews in the scale phase
#   BENCH_APPEND_ROUNDS=3  rounds of appends at each scale size
#   BENCH_COMPACTED=auto  auto | skip (no appends to compacted copies)
#   BENCH_OUT=DIR      results folder (default bench/results)
#   KEEP=1             keep the work folder (under $TMPDIR)
set -eu
start=$(date +%s)
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
build=$(cd "${BUILD:-$top}" && pwd)
reuters=${1:-${REUTERS:-$top/../shared/data/reuters21578}}
cranfield=${CRANFIELD:-$top/../shared/data/cranfield}
results=${BENCH_OUT:-$bench/results}

die() { echo "bench/run.sh: $*" >&2; exit 1; }

[ -f "$reuters/reut2-000.sgm" ] || die "no Reuters-21578 at $reuters (reut2-*.sgm)"
if [ ! -x "$build/.libs/xapnews" ] || [ ! -f "$build/.libs/libxapnews.so" ]; then
    die "build the project first (./configure && make): no $build/.libs/xapnews"
fi
for tool in python3 g++ gcc pkg-config; do
    command -v $tool > /dev/null || die "$tool is needed"
done
pkg-config --exists xapian-core jansson libutf8proc ||
    die "pkg-config cannot find xapian-core, jansson and libutf8proc"
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f "%e %M" true > /dev/null 2>&1; then
    gnu_time=/usr/bin/time
else
    echo "bench/run.sh: no GNU /usr/bin/time, peak RSS from python's os.wait4" >&2
fi
command -v gnuplot > /dev/null ||
    echo "bench/run.sh: gnuplot not found, no plot (apt-get install -y gnuplot-nox)" >&2
fts5=1
python3 "$bench/fts5_bench.py" check ||
    { fts5=0; echo "bench/run.sh: python3's sqlite3 has no FTS5, FTS5 left out" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/xapnews-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "bench/run.sh: work folder $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM

# A snapshot of the built library and tool, so that a rebuild during the
# run does not change what is measured.
mkdir -p "$work/bin" "$work/tools"
cp "$build/.libs/xapnews" "$work/bin/xapnews"
cp -P "$build"/.libs/libxapnews.so* "$work/bin/"
LD_LIBRARY_PATH=$work/bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
XAPNEWS_SCHEMAS=$top/schemas
export LD_LIBRARY_PATH XAPNEWS_SCHEMAS

echo "bench/run.sh: building the helpers in $work/tools" >&2
CXX=${CXX:-g++} CC=${CC:-gcc}
# shellcheck disable=SC2046
$CXX -O2 -o "$work/tools/plain_xapian" "$bench/plain_xapian.cc" \
    $(pkg-config --cflags --libs xapian-core jansson)
inc="-I$top/plugin"
for stage in common analysis index query ranking discovery; do inc="$inc -I$top/plugin/$stage"; done
inc="$inc -I$top/shim"
# shellcheck disable=SC2086
$CC -O2 -std=c11 $inc -o "$work/tools/query_bench" "$bench/query_bench.c" \
    "$work/bin/libxapnews.so" -Wl,-rpath,"$work/bin"
if [ -f "$build/.libs/libxapnews_core.a" ]; then
    # shellcheck disable=SC2046
    $CC -O2 -std=c11 $inc -o "$work/tools/tokenize_bench" \
        "$bench/tokenize_bench.c" "$build/.libs/libxapnews_core.a" \
        $(pkg-config --cflags --libs xapian-core jansson libutf8proc) -lstemmer -lm -lstdc++
else
    # xn_tokenize is internal: compile it here; the analyzer comes from the library
    # shellcheck disable=SC2046
    $CC -O2 -std=c11 $inc -o "$work/tools/tokenize_bench" \
        "$bench/tokenize_bench.c" "$top/plugin/analysis/tokenizer.c" "$work/bin/libxapnews.so" \
        -Wl,-rpath,"$work/bin" $(pkg-config --cflags --libs jansson libutf8proc)
fi

queries=$bench/queries.txt
if [ ! -f "$queries" ]; then
    python3 "$bench/make_queries.py" "$reuters" "$queries" >&2
fi
titles=$bench/titles.txt
if [ ! -f "$titles" ]; then
    python3 "$bench/make_queries.py" "$reuters" "$titles" --titles --count 300 >&2
fi
names=$bench/names.txt
if [ ! -f "$names" ]; then
    python3 "$bench/make_queries.py" "$reuters" "$names" --names --count 300 >&2
fi

# Ranking out of the box on every judged collection (about a minute)
if [ "${BENCH_RELEVANCE:-auto}" = skip ]; then
    echo "bench/run.sh: relevance left out (BENCH_RELEVANCE=skip)" >&2
elif [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import xapian' 2> /dev/null; then
    mkdir -p "$results"
    echo "bench/run.sh: relevance (bench/relevance.py) -> $results/relevance.md" >&2
    /usr/bin/python3 "$bench/relevance.py" --xapnews "$work/bin/xapnews" \
        --data "$(dirname "$reuters")" --work "$work/relevance" > "$results/relevance.md" ||
        echo "bench/run.sh: relevance failed" >&2
else
    echo "bench/run.sh: no python3-xapian, relevance left out" >&2
fi

# One compound command, read whole before it runs, so editing this file
# during a run does no harm.
{ python3 "$bench/bench.py" \
    --top "$top" --bench "$bench" --work "$work" --results "$results" \
    --reuters "$reuters" --cranfield "$cranfield" \
    --xapnews "$work/bin/xapnews" --plain "$work/tools/plain_xapian" \
    --query-bench "$work/tools/query_bench" --tokenize-bench "$work/tools/tokenize_bench" \
    --queries "$queries" --titles "$titles" --names "$names" --profile "$top/schemas/profiles/default.conf" \
    --synonyms "$top/schemas/synonyms.txt" \
    ${gnu_time:+--gnu-time "$gnu_time"} --fts5 "$fts5" \
    --reps "${BENCH_REPS:-3}" --index-reps "${BENCH_INDEX_REPS:-5}" --budget "${BENCH_BUDGET:-3600}" \
    --x50 "${BENCH_X50:-auto}" --perf "${BENCH_PERF:-auto}" \
    --scale-extra "${BENCH_SCALE_EXTRA:-0}" --scale-jobs "${BENCH_SCALE_JOBS:-2}" \
    --append-rounds "${BENCH_APPEND_ROUNDS:-3}" \
    $([ "${BENCH_COMPACTED:-auto}" = skip ] && echo --no-compacted) \
    --scale-copies "${BENCH_SCALE_COPIES:-10 50}" \
    --started-ago "$(( $(date +%s) - start ))"
  exit $?
}
