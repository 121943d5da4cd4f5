#!/bin/sh
# Quick start: install what is missing, build, install the xapnews tool
# and library under PREFIX (default /usr/local, whose bin is on Debian's
# PATH; `make uninstall` as root removes them), index the seed corpus
# into ./seed.db and run a search over it with the installed tool.
#   PREFIX=DIR ./scripts/quickstart.sh   installs under DIR instead
set -eu
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
# a build configured for another prefix is configured again
if [ -f Makefile ] && [ "$(sed -n 's/^prefix = //p' Makefile)" != "$prefix" ]; then
    rm -f Makefile
fi
XAPNEWS_CONFIGURE_FLAGS="--prefix=$prefix ${XAPNEWS_CONFIGURE_FLAGS:-}" ./scripts/build.sh
echo "== build: done"
sudo=""
if [ "$(id -u)" -ne 0 ] && ! [ -w "$prefix" ] && command -v sudo > /dev/null 2>&1; then
    sudo=sudo
fi
$sudo make --no-print-directory install > /dev/null
[ -z "$sudo" ] && [ "$(id -u)" -ne 0 ] || $sudo ldconfig 2> /dev/null || true
echo "== installed: $prefix/bin/xapnews"
case ":$PATH:" in
*":$prefix/bin:"*) xapnews=xapnews ;;
*) xapnews=$prefix/bin/xapnews
   echo "== $prefix/bin is not on your PATH: add it (export PATH=\"$prefix/bin:\$PATH\")" ;;
esac
$xapnews index --db seed.db corpus/
echo "== $xapnews search --db seed.db 'Guo Shengkun'"
$xapnews search --db seed.db --limit 3 'Guo Shengkun'
