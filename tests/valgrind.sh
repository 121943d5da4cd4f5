#!/bin/sh
# Runs a test program, or the xapnews CLI when called as $XAPNEWS, under
# valgrind: any memory error or definitely lost block fails the test.
# Used by `make check-valgrind`.
set -u
if [ "${XAPNEWS_REAL:-}" ] && [ "$(basename "$0")" = valgrind.sh ] && [ "${1:-}" != --program ]; then
    set -- "$XAPNEWS_REAL" "$@"
else
    [ "${1:-}" = --program ] && shift
fi
exec "$XAPNEWS_LIBTOOL" --mode=execute valgrind -q --error-exitcode=97 \
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$XAPNEWS_VALGRIND_SUPP" "$@"
