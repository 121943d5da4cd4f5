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
    leaked=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^xapnews_' | head -n 5)
    expect_eq "only xapnews_* symbols exported" "" "$leaked"
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
finish
