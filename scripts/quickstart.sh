#!/bin/sh
# Quick start: install what is missing, build, index the seed corpus into
# ./seed.db and run a search over it.
set -eu
cd "$(dirname "$0")/.."
./scripts/build.sh
echo "== build: done"
./xapnews index --db seed.db corpus/
echo "== xapnews search --db seed.db 'Guo Shengkun'"
./xapnews search --db seed.db --limit 3 'Guo Shengkun'
