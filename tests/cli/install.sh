#!/bin/sh
# `make install` puts the library, headers, xapnews.pc, the CLI, the man
# page and the default schemas in place, and a C program builds against
# the installed tree with `pkg-config --cflags --libs xapnews` and runs.
. "$top_srcdir/tests/cli/lib.sh"
STAGE=$TMP/stage
${MAKE:-make} -C "$top_builddir" install DESTDIR="$STAGE" > "$TMP/install.log" 2>&1 ||
    { tail -20 "$TMP/install.log"; fail "make install"; finish; }
prefix=$(sed -n 's/^prefix=//p' "$top_builddir/xapnews.pc")
libdir=$(sed -n 's/^libdir=//p' "$top_builddir/xapnews.pc" | sed "s|\${exec_prefix}|$prefix|;s|\${prefix}|$prefix|")
root=$STAGE$prefix
for f in bin/xapnews include/xapnews.h share/man/man1/xapnews.1 \
         share/xapnews/schemas/synonyms.txt share/xapnews/schemas/profiles/default.conf \
         share/xapnews/schemas/chrome.conf share/xapnews/schemas/queries/seeds.qrels; do
    [ -f "$root/$f" ] && pass "installed $f" || fail "missing $root/$f"
done
for f in libxapnews.so libxapnews.a pkgconfig/xapnews.pc; do
    [ -e "$STAGE$libdir/$f" ] && pass "installed $f" || fail "missing $STAGE$libdir/$f"
done

cat > "$TMP/tiny.c" <<'C'
#include <stdio.h>
#include <xapnews.h>
int main(int argc, char **argv)
{
    xapnews_database_t *db;
    xapnews_query_t *q;
    xapnews_results_t *r;
    char *err = NULL;
    if (argc != 3 || xapnews_database_open(argv[1], &db, &err)) {
        fprintf(stderr, "%s\n", err ? err : "usage: tiny DB QUERY");
        return 1;
    }
    if (xapnews_query_parse(db, argv[2], 0, &q) || xapnews_query_search(q, 0, 10, &r)) {
        fprintf(stderr, "%s\n", xapnews_database_last_error(db));
        return 1;
    }
    printf("%s %u\n", xapnews_version(), xapnews_results_count(r));
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
    return 0;
}
C
flags=$(PKG_CONFIG_PATH="$STAGE$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$STAGE" \
        pkg-config --cflags --libs xapnews)
expect_eq "pkg-config knows xapnews" 0 $?
# (XAPNEWS_TEST_CFLAGS carries the build's sanitizer flags, if any)
${CC:-cc} -std=c99 -Wall -Werror ${XAPNEWS_TEST_CFLAGS:-} -o "$TMP/tiny" "$TMP/tiny.c" $flags 2> "$TMP/cc.err"
expect_eq "a C program builds against the installed tree" 0 $?
[ -s "$TMP/cc.err" ] && cat "$TMP/cc.err" >&2

# the installed CLI, pointed at the installed schemas, indexes the corpus
export LD_LIBRARY_PATH="$STAGE$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
XAPNEWS_SCHEMAS=$root/share/xapnews/schemas "$root/bin/xapnews" index --db "$TMP/db" \
    "$root/share/xapnews/corpus" > /dev/null
expect_eq "the installed CLI indexes the installed corpus" 0 $?
expect_eq "the installed library searches it" "$(sed -n 's/^Version: //p' "$top_builddir/xapnews.pc") 4" \
    "$("$TMP/tiny" "$TMP/db" '"Guo Shengkum"')"
man -l "$root/share/man/man1/xapnews.1" > /dev/null 2>&1 || groff -man -Tutf8 "$root/share/man/man1/xapnews.1" > /dev/null 2>&1
expect_eq "the man page renders" 0 $?
finish
