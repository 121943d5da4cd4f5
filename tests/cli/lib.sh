# lib.sh - helpers for the end-to-end tests (sourced).
set -u
: "${XAPNEWS:?run through make check}"
: "${top_srcdir:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xapnews-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
# Debian's python3, which has the xapian bindings (python3-xapian)
SYSPY=/usr/bin/python3
# and every python3 the tests call is that one (a version manager's python3
# first on PATH may start a shell and more for each call)
python3() { "$SYSPY" "$@"; }
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else
        fail "$1"; printf '  expected: %s\n  actual:   %s\n' "$2" "$3" >&2; fi
}
finish() { [ "$FAILS" -eq 0 ] || { echo "$FAILS failure(s)" >&2; exit 1; }; exit 0; }
# ids DB QUERY...: the sorted ids of the hits (JSON output, first 100)
ids() {
    db=$1; shift
    "$XAPNEWS" search --db "$db" --json --limit 100 "$@" |
        python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'
}
# Remote shards for the tests that need a server: one stock xapian-tcpsrv
# per shard on 127.0.0.1, stopped when the test exits.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=
# serve_shards FOLDER STUB WORD: serves the 3 shards of FOLDER, lists them
# in STUB, and waits until a search for WORD through STUB answers
serve_shards() {
    trap 'kill -9 $pids 2>/dev/null; rm -rf "$TMP"' EXIT
    : > "$2"
    for s in 0 1 2; do
        port=$(free_port)
        # (the servers must not hold the test harness's output open)
        xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1/shard-00$s" \
            > /dev/null 2>&1 < /dev/null &
        pids="$pids $!"
        echo "remote 127.0.0.1:$port" >> "$2"
    done
    for _ in $(seq 50); do
        "$XAPNEWS" search --db "$2" "$3" > /dev/null 2>&1 && break; sleep 0.1
    done
}
# db_digest DB: the document count and a digest of everything DB holds:
# terms and their frequencies, metadata, spelling data, and each document
# (by docid: data, terms with wdf and positions, values)
db_digest() {
    "$SYSPY" - "$1" <<'PY'
import hashlib, sys, xapian
db = xapian.Database(sys.argv[1])
h = hashlib.sha1()
for t in db.allterms():
    h.update(t.term + b" %d\n" % t.termfreq)
for k in db.metadata_keys():
    h.update(k + b"=" + db.get_metadata(k))
for s in db.spellings():
    h.update(s.term + b" %d\n" % s.termfreq)
for p in db.postlist(""):
    d = db.get_document(p.docid)
    h.update(b"%d:" % p.docid + d.get_data())
    for t in d.termlist():
        h.update(t.term + b"%d:" % t.wdf + b",".join(b"%d" % q for q in t.positer))
    for v in d.values():
        h.update(b"%d=" % v.num + v.value)
print(db.get_doccount(), h.hexdigest())
PY
}
