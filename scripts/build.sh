#!/bin/sh
# Installs missing Debian packages, then configures (once) and builds
# xapnews in the source tree. Safe to run again: it only redoes what is
# out of date.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
[ -x configure ] || ./autogen.sh > /dev/null
[ -f Makefile ] || ./configure --quiet ${XAPNEWS_CONFIGURE_FLAGS:-}
make -j"$(nproc 2>/dev/null || echo 2)" --no-print-directory > /dev/null
