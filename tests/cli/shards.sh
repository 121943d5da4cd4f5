#!/bin/sh
# A profile with every kind of boost ranks the same on one database, on
# local shards behind a stub file and on remote shards served by stock
# xapian-tcpsrv (started here on 127.0.0.1, stopped at the end).
. "$top_srcdir/tests/cli/lib.sh"
command -v xapian-tcpsrv > /dev/null || { echo "SKIP: xapian-tcpsrv missing"; exit 77; }

python3 - "$top_srcdir/corpus" "$TMP" <<'PY'
import json, sys
corpus, out = sys.argv[1:]
rows = [json.loads(l) for l in open(corpus + "/manifest.jsonl")]
for r in rows:
    r["body"] = open(corpus + "/" + r.pop("file"), encoding="utf-8").read()
with open(out + "/all.jsonl", "w") as a, open(out + "/1.jsonl", "w") as s1, open(out + "/2.jsonl", "w") as s2:
    for i, r in enumerate(rows):
        line = json.dumps(r) + "\n"
        a.write(line)
        (s1 if i % 2 else s2).write(line)
PY
for d in all 1 2; do "$XAPNEWS" index --db "$TMP/$d.db" "$TMP/$d.jsonl" > /dev/null || fail "index $d"; done
printf 'auto %s\nauto %s\n' "$TMP/1.db" "$TMP/2.db" > "$TMP/local.stub"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
p1=$(free_port) p2=$(free_port)
# (the servers must not hold the test harness's output open)
xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p1" "$TMP/1.db" > /dev/null 2>&1 < /dev/null & s1=$!
xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p2" "$TMP/2.db" > /dev/null 2>&1 < /dev/null & s2=$!
trap 'kill -9 $s1 $s2 2>/dev/null; rm -rf "$TMP"' EXIT
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p1" "$p2" > "$TMP/remote.stub"
for _ in $(seq 50); do
    "$XAPNEWS" search --db "$TMP/remote.stub" china > /dev/null 2>&1 && break; sleep 0.1
done

ranking() {
    "$XAPNEWS" search --db "$1" --json --any --limit 10 \
        --profile "$top_srcdir/schemas/profiles/newsroom.conf" "$2" |
        python3 -c 'import json,sys; print(" ".join("%s:%.6f" % (h["id"][:3], h["score"]) for h in json.load(sys.stdin)["hits"]))'
}
for q in 'Guo Shengkun cybersecurity Reuters' '"Jeh Jonson" hacking' 'OPM breach espionage'; do
    one=$(ranking "$TMP/all.db" "$q")
    [ -n "$one" ] || fail "no hits for $q"
    expect_eq "local shards rank as one database: $q" "$one" "$(ranking "$TMP/local.stub" "$q")"
    expect_eq "remote shards rank as one database: $q" "$one" "$(ranking "$TMP/remote.stub" "$q")"
done
finish
