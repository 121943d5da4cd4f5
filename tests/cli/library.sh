#!/bin/sh
# The public header is clean C99 on its own, only xapnews_* symbols are
# exported, and the example program (built against the installed-style
# header) searches the seed index.
. "$top_srcdir/tests/cli/lib.sh"

if ${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only \
    -x c "$top_srcdir/plugin/xapnews.h" 2> "$TMP/cc.err"; then
    pass "xapnews.h is clean C99"
else
    fail "xapnews.h is not clean C99: $(cat "$TMP/cc.err")"
fi

so=$(ls "$top_builddir"/.libs/libxapnews.so.* 2>/dev/null | head -n 1)
if [ -n "$so" ]; then
    leaked=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v -e '^xapnews_' -e '^_ZN7xapnews' | head -n 5)
    expect_eq "only xapnews_* (and C++ xapnews::) symbols exported" "" "$leaked"
fi

"$XAPNEWS" index --db "$TMP/seed.db" "$top_srcdir/corpus" > /dev/null
out=$("$top_builddir/examples/minimal" "$TMP/seed.db" "Shengkun Washington")
expect_eq "example exit status" 0 $?
case $out in
"1. "*"<b>Shengkun</b>"*) pass "example prints ranked, highlighted hits" ;;
*) fail "example output: $out" ;;
esac
expect_eq "example finds the articles" 3 "$(printf '%s\n' "$out" | grep -c '^[0-9]\. ')"
"$top_builddir/examples/minimal" "$TMP/absent.db" x 2> "$TMP/err"
expect_eq "example reports a missing database" 1 $?

# the C portal example: filters, facets, pagination, snippets
P=$top_builddir/examples/portal
page1=$("$P" "$TMP/seed.db" cybersecurity)
expect_eq "portal: first page" "page 1 of 5 matches" "$(echo "$page1" | head -n 1)"
expect_eq "portal: two hits a page, ranked" "1 2" \
    "$(echo "$page1" | sed -n 's/^\([0-9]\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "portal: facets over every match" \
"facet outlet: China Digital Times=1; Gadgets 360=1; The Hill=1;
facet year: 2015=1; 2016=1;" "$(echo "$page1" | grep -E '^facet (outlet|year)')"
case $(echo "$page1" | grep -c '<b>') in 0) fail "portal: snippets highlight" ;; *) pass "portal: snippets highlight" ;; esac
page3=$("$P" "$TMP/seed.db" cybersecurity "" 3)
expect_eq "portal: the last page holds the fifth hit" "5" \
    "$(echo "$page3" | sed -n 's/^\([0-9]\) .*/\1/p')"
all=$( ("$P" "$TMP/seed.db" cybersecurity "" 1; "$P" "$TMP/seed.db" cybersecurity "" 2;
        "$P" "$TMP/seed.db" cybersecurity "" 3) | sed -n 's/^[0-9] \([0-9]*\)_.*/\1/p' | sort | tr '\n' ' ')
expect_eq "portal: pages cover every hit once" "000 001 002 003 004 " "$all"
filtered=$("$P" "$TMP/seed.db" 'Jeh Jonson' 'The Hill')
expect_eq "portal: outlet filter" "page 1 of 1 match" "$(echo "$filtered" | head -n 1)"
expect_eq "portal: facets follow the filter" "facet outlet: The Hill=1;" \
    "$(echo "$filtered" | grep '^facet outlet')"
finish
