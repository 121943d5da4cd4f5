#!/bin/sh
# The window property of the variant engine (tests/windows/windows.py):
# every window of 1 to 6 words of an article, as words and as a phrase,
# with its variant forms as written or replaced by any other form of their
# group, finds its article, and a phrase finds no article that holds
# neither it nor a variant. On the seed corpus (all windows holding a
# form, 150 others per article) and on the committed Reuters sample (all
# windows holding a form, 20 others per article). WINDOWS_ALL=1 checks
# every window.
. "$top_srcdir/tests/cli/lib.sh"
PROBE=$top_builddir/tests/windows/probe
SYN=$top_srcdir/schemas/synonyms.txt
per=${WINDOWS_ALL:+0}
python3 - "$top_srcdir/corpus" > "$TMP/seeds.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for line in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8"):
    r = json.loads(line)
    r["body"] = open(os.path.join(d, r.pop("file")), encoding="utf-8").read()
    print(json.dumps(r))
PY
for set in "seeds:${per:-150}" "reuters:${per:-20}"; do
    name=${set%%:*} n=${set#*:}
    src=$TMP/seeds.jsonl
    [ "$name" = reuters ] && src=$top_srcdir/tests/data/reuters-people.jsonl
    "$XAPNEWS" index --chrome none --synonyms "$SYN" --db "$TMP/$name.db" "$src" > /dev/null 2>&1 ||
        fail "$name: index"
    "$XAPNEWS" analyse --db "$TMP/$name.db" --acronyms --json > "$TMP/$name.acronyms" ||
        fail "$name: acronyms"
    out=$(python3 "$top_srcdir/tests/windows/windows.py" --probe "$PROBE" --db "$TMP/$name.db" \
        --acronyms "$TMP/$name.acronyms" \
        --synonyms "$SYN" --per-article "$n" --profile "$top_srcdir/schemas/profiles/default.conf" \
        --text-profile "$top_srcdir/schemas/profiles/plain.conf" "$src")
    status=$?
    echo "$name: $out"
    expect_eq "$name: every window finds its article, no phrase a foreign one" 0 "$status"
done
finish
