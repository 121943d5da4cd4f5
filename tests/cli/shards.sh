#!/bin/sh
# Scale-out: `index --shards N --jobs J` builds shards any Xapian client
# opens as one database; re-indexing hits the same shards; compact merges
# them; and a profile with every kind of boost ranks the same (searches and
# similar articles) on one database, on the local shards and on remote
# shards served by stock xapian-tcpsrv (started here on 127.0.0.1, killed
# at the end).
. "$top_srcdir/tests/cli/lib.sh"
command -v xapian-tcpsrv > /dev/null || { echo "SKIP: xapian-tcpsrv missing"; exit 77; }
C=$top_srcdir/corpus
count() { "$SYSPY" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$1"; }

"$XAPNEWS" index --db "$TMP/one.db" "$C" > /dev/null || fail "index one"
out=$("$XAPNEWS" index --db "$TMP/sharded.db" --shards 3 --jobs 2 "$C")
expect_eq "sharded index exit status" 0 $?
case $out in "indexed 5 articles, repaired 0, skipped 0, into $TMP/sharded.db (3 shards, 2 jobs) in "*)
    pass "sharded summary" ;; *) fail "sharded summary: $out" ;; esac
expect_eq "stub file lists the shards" "auto shard-000
auto shard-001
auto shard-002" "$(cat "$TMP/sharded.db/XAPIANDB")"
expect_eq "a stock Xapian client opens the folder as one database" 5 "$(count "$TMP/sharded.db")"
shard_counts() { for s in 0 1 2; do count "$TMP/sharded.db/shard-00$s"; done | tr '\n' ' '; }
before=$(shard_counts)
set -- $before
expect_eq "every article is in exactly one shard" 5 "$(($1 + $2 + $3))"

# re-indexing, with other job counts or none, routes every id to its shard
"$XAPNEWS" index --db "$TMP/sharded.db" --shards 3 --jobs 3 "$C" > /dev/null
"$XAPNEWS" index --db "$TMP/sharded.db" "$C" > /dev/null
expect_eq "re-indexing replaces, never duplicates" 5 "$(count "$TMP/sharded.db")"
expect_eq "re-indexing keeps each article in its shard" "$before" "$(shard_counts)"

"$XAPNEWS" index --db "$TMP/sharded.db" --shards 2 "$C" > /dev/null 2> "$TMP/err"
expect_eq "another shard count is refused: exit 2" 2 $?
expect_eq "another shard count is refused: message" \
    "xapnews: $TMP/sharded.db already has 3 shards, not 2: articles would go to other shards than before (index into a new folder, then compact)" \
    "$(cat "$TMP/err")"
# --jobs without --shards into an existing database: one writer, storing
# on a second thread; the index is the same, term for term, as one thread
# builds (--batch 2 hands commits to the thread too). (A new database is
# built in parts: tests/cli/jobs.sh.)
"$XAPNEWS" index --db "$TMP/threads.db" "$C" > /dev/null
out=$("$XAPNEWS" index --db "$TMP/threads.db" --jobs 2 --batch 2 "$C")
expect_eq "--jobs without --shards: exit 0" 0 $?
case $out in *"into $TMP/threads.db (2 threads) in "*) ;;
    *) fail "two threads reported: $out";; esac
"$XAPNEWS" index --db "$TMP/single.db" "$C" > /dev/null
"$XAPNEWS" index --db "$TMP/single.db" --batch 2 "$C" > /dev/null
one=$(db_digest "$TMP/single.db")
expect_eq "two threads build the same index as one" "$one" "$(db_digest "$TMP/threads.db")"
case $one in "5 "*) ;; *) fail "digest: $one";; esac

# an append to a sharded database: copies of articles stored in every
# shard get their originals' story keys, whether sought while analysing
# (the shards it does not append to) or while storing (the one it appends
# to, and a shard an article replaced in this run went to); one thread and
# two give the same index
"$SYSPY" - "$top_srcdir/tests/data/reuters-people.jsonl" "$TMP" <<'PY'
import json, sys
arts = [a for a in map(json.loads, open(sys.argv[1])) if len(a["body"].split()) >= 80][:30]
with open(sys.argv[2] + "/base.jsonl", "w") as base, open(sys.argv[2] + "/copies.jsonl", "w") as f:
    for i, a in enumerate(arts):
        base.write(json.dumps(a) + "\n")
        f.write(json.dumps(dict(a, id="copy-" + a["id"],
                                body=a["body"] + (" Reported by the desk." if i % 2 else ""))) + "\n")
        if i % 3 == 0:
            f.write(json.dumps(dict(a, body=a["body"] + " Updated.")) + "\n")
PY
# copies_story DB: the copies in DB, and how many have another story than
# their original's
copies_story() {
    "$SYSPY" - "$1" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
story = {}
for p in db.postlist(""):
    d = db.get_document(p.docid)
    story[d.get_value(4).decode()] = d.get_value(8).decode()
copies = [i for i in story if i.startswith("copy-")]
print(len(copies), sum(story[i] != story[i[5:]] for i in copies))
PY
}
# dup: 3 shards; dupone: one database (sought while analysing, through a
# read handle of the database itself)
for j in 1 2; do
    "$XAPNEWS" index --db "$TMP/dup$j.db" --shards 3 --jobs 3 "$TMP/base.jsonl" > /dev/null
    "$XAPNEWS" index --db "$TMP/dupone$j.db" "$TMP/base.jsonl" > /dev/null
    for db in dup dupone; do
        "$XAPNEWS" index --db "$TMP/$db$j.db" --jobs $j --batch 4 "$TMP/copies.jsonl" > /dev/null
    done
done
for db in "dup:shards" "dupone:one database"; do
    expect_eq "an append to ${db#*:}: one thread and two give the same index" \
        "$(db_digest "$TMP/${db%:*}1.db")" "$(db_digest "$TMP/${db%:*}2.db")"
    expect_eq "an append to ${db#*:}: every copy has its original's story (copies, others)" \
        "30 0" "$(copies_story "$TMP/${db%:*}2.db")"
done

out=$("$XAPNEWS" compact --db "$TMP/sharded.db" --out "$TMP/compact.db")
expect_eq "compact exit status" 0 $?
expect_eq "compact keeps every article" 5 "$(count "$TMP/compact.db")"

# remote shards: one stock xapian-tcpsrv per shard (lib.sh)
serve_shards "$TMP/sharded.db" "$TMP/remote.stub" china

ranking() {
    "$XAPNEWS" search --db "$1" --json --any --limit 10 \
        --profile "$top_srcdir/schemas/profiles/newsroom.conf" "$2" |
        python3 -c 'import json,sys; print(" ".join("%s:%.6f" % (h["id"][:3], h["score"]) for h in json.load(sys.stdin)["hits"]))'
}
for q in 'Guo Shengkun cybersecurity Reuters' '"Jeh Jonson" hacking' 'OPM breach espionage'; do
    one=$(ranking "$TMP/one.db" "$q")
    [ -n "$one" ] || fail "no hits for $q"
    expect_eq "local shards rank as one database: $q" "$one" "$(ranking "$TMP/sharded.db" "$q")"
    expect_eq "remote shards rank as one database: $q" "$one" "$(ranking "$TMP/remote.stub" "$q")"
    expect_eq "the compacted database ranks alike: $q" "$one" "$(ranking "$TMP/compact.db" "$q")"
done
facets() { "$XAPNEWS" search --db "$1" --json --facets outlet,official,year cybersecurity |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"])'; }
expect_eq "facets over remote shards" "$(facets "$TMP/one.db")" "$(facets "$TMP/remote.stub")"
# similar articles: the same words (exact term frequencies over shards),
# so the same list and scores on one database and on shards
similar() {
    "$XAPNEWS" similar --db "$1" --json --profile "$top_srcdir/schemas/profiles/newsroom.conf" "$2" |
        python3 -c 'import json,sys; print(" ".join("%s:%.6f" % (h["id"][:3], h["score"]) for h in json.load(sys.stdin)["hits"]))'
}
for id in 000_9a014460469a5424 001_79cea76adbd33e7d 002_ba0cc2a364319859 \
          003_366b0afce615304f 004_1e197ee08be45052; do
    one=$(similar "$TMP/one.db" "$id")
    [ -n "$one" ] || fail "nothing similar to $id"
    expect_eq "similar on local shards as on one database: $id" "$one" \
        "$(similar "$TMP/sharded.db" "$id")"
    expect_eq "similar on remote shards as on one database: $id" "$one" \
        "$(similar "$TMP/remote.stub" "$id")"
done
"$XAPNEWS" similar --db "$TMP/remote.stub" nope > /dev/null 2> "$TMP/err"
expect_eq "similar on remote shards: unknown id" "5 xapnews: no article with id 'nope'" \
    "$? $(cat "$TMP/err")"

# the name lexicon (typo tolerance, synonyms suggest) is kept per shard and
# read from every database a stub lists, remote or local, not the first
# only: "Wexbridge" is written twice in each shard, three times in all
for i in 1 2 3 4 5 6; do
    printf '{"id": "n%s", "title": "Port news", "date": "2016-01-0%s", "outlet": "Harbour Times", "body": "Reporters said Wexbridge spoke at the port on day %s."}\n' "$i" "$i" "$i"
done > "$TMP/names.jsonl"
"$XAPNEWS" index --db "$TMP/names.db" --shards 3 "$TMP/names.jsonl" > /dev/null || fail "index names"
expect_eq "each names shard has two articles" "2 2 2 " \
    "$(for s in 0 1 2; do count "$TMP/names.db/shard-00$s"; done | tr '\n' ' ')"
printf '# the shards, by relative path\nauto names.db/shard-000\n\nglass names.db/shard-001\nauto %s\n' \
    "$TMP/names.db/shard-002" > "$TMP/names.stub"
serve_shards "$TMP/names.db" "$TMP/names-remote.stub" port
# (no article writes Wexbrige: the search runs as corrected)
also() { "$XAPNEWS" search --db "$1" --json Wexbrige |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["corrected_query"], d["also_searched"])'; }
want="Wexbridge []"
expect_eq "typo tolerance: the lexicon of every shard" "$want" "$(also "$TMP/names.db")"
expect_eq "typo tolerance: every database of a stub file" "$want" "$(also "$TMP/names.stub")"
expect_eq "typo tolerance: every remote shard" "$want" "$(also "$TMP/names-remote.stub")"
"$XAPNEWS" compact --db "$TMP/names.db" --out "$TMP/names-compact.db" > /dev/null ||
    fail "compact names"
expect_eq "typo tolerance: compaction adds up the shards' lexicons" "$want" \
    "$(also "$TMP/names-compact.db")"
printf 'auto names.db/shard-000\nglass names.db/none\n' > "$TMP/bad.stub"
"$XAPNEWS" search --db "$TMP/bad.stub" Wexbrige > /dev/null 2> "$TMP/err"
expect_eq "a stub line naming no database: status" 4 "$?"
expect_eq "a stub line naming no database: message" \
    "xapnews: $TMP/bad.stub: not a Xapian database, or a damaged one ($TMP/names.db/none/iamglass: Failed to open glass revision file for reading: No such file or directory)" \
    "$(cat "$TMP/err")"
finish
