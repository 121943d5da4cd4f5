#!/bin/sh
# End to end: a database keeps the stemming language and tables it was
# indexed with. Options left out take the stored ones; a --language or
# table option that differs is refused with a message naming both sides,
# and nothing is written; the same settings again append; --reindex
# empties the database and indexes anew, single, sharded and in parallel.
. "$top_srcdir/tests/cli/lib.sh"
C=$top_srcdir/corpus
S=$top_srcdir/schemas
py() { code=$1; shift; "$SYSPY" -c "import sys, xapian; $code" "$@"; }
meta() { py 'print(xapian.Database(sys.argv[1]).get_metadata(sys.argv[2]).decode())' "$1" "$2"; }
count() { py 'print(xapian.Database(sys.argv[1]).get_doccount())' "$1"; }
revision() { py 'print(xapian.Database(sys.argv[1]).get_revision())' "$1"; }
synonym_keys() { py 'print(len(list(xapian.Database(sys.argv[1]).synonym_keys())))' "$1"; }
spelling() { py 'print(" ".join(sorted(w.term.decode() for w in xapian.Database(sys.argv[1]).spellings())))' "$1"; }
HINT="or re-index everything with --reindex (it empties the database first: give all the input again)"
ALL_SEEDS=$(cd "$C" && ls [0-9]*.txt | sed 's/\.txt$//' | tr '\n' ' ' | sed 's/ $//')

printf '%s\n' '{"id":"m1","title":"More talks","body":"U.S. officials met again."}' > "$TMP/more.jsonl"
printf '%s\n' '{"id":"f1","title":"Les chats","body":"Les chats mangeaient. U.S. officials"}' > "$TMP/fr.jsonl"
printf '%s\n' 'colour, color' > "$TMP/small.txt"
cp "$S/synonyms.txt" "$TMP/synonyms-copy.txt"

# index ARGS...: runs `xapnews index`, its stderr in $err and status in $rc
index() {
    err=$("$XAPNEWS" index "$@" 2>&1 > "$TMP/index.out")
    rc=$?
}

# ---- a database built with the defaults: shipped tables, english ------------------
DB=$TMP/news.db
index --db "$DB" "$C"
expect_eq "first index" "0" "$rc"
expect_eq "the shipped variant table is stored" "$(cat "$S/synonyms.txt")" "$(meta "$DB" xapnews:synonyms)"
expect_eq "english is stored" "english" "$(meta "$DB" xapnews:language)"
expect_eq "U.S. finds every seed" "$ALL_SEEDS" "$(ids "$DB" U.S.)"
rev=$(revision "$DB")

# refused: each conflict named with both sides, nothing written
index --db "$DB" --language french "$TMP/more.jsonl"
expect_eq "another language: exit 2" "2" "$rc"
expect_eq "another language: message" \
    "xapnews: database $DB was indexed with stemming language 'english'; this run asks for 'french'. Index without --language (or with --language english) to keep it, $HINT" \
    "$err"
index --db "$DB" --synonyms none "$TMP/more.jsonl"
expect_eq "no variant table: exit 2" "2" "$rc"
expect_eq "a refused run prints no summary" "" "$(cat "$TMP/index.out")"
expect_eq "no variant table: message" \
    "xapnews: database $DB stores the variant table (synonyms) it was indexed with; this run asks for none. Index without --synonyms to keep it, $HINT" \
    "$err"
index --db "$DB" --synonyms "$TMP/small.txt" "$TMP/more.jsonl"
expect_eq "another variant table: message" \
    "xapnews: database $DB stores a different variant table (synonyms) than $TMP/small.txt. Index without --synonyms to keep the stored one, $HINT" \
    "$err"
index --db "$DB" --language none --officials none "$TMP/more.jsonl"
expect_eq "every conflict is reported" \
    "xapnews: database $DB was indexed with stemming language 'english'; this run asks for 'none'. Index without --language (or with --language english) to keep it, $HINT
xapnews: database $DB stores the officials table it was indexed with; this run asks for none. Index without --officials to keep it, $HINT" \
    "$err"
index --db "$DB" --reindex --synonyms "$TMP/missing.txt" "$TMP/more.jsonl"
expect_eq "--reindex with a missing table: exit 3" "3" "$rc"
expect_eq "refused runs write nothing (same revision)" "$rev" "$(revision "$DB")"
expect_eq "refused runs keep every article" "5" "$(count "$DB")"
expect_eq "refused runs keep the variant table" "$ALL_SEEDS" "$(ids "$DB" U.S.)"
expect_eq "refused runs add nothing" "" "$(ids "$DB" id:m1)"

# accepted: the same settings, given again or left out, append
index --db "$DB" --language english --synonyms "$TMP/synonyms-copy.txt" "$TMP/more.jsonl"
expect_eq "the same table from another file appends" "0 6" "$rc $(count "$DB")"
expect_eq "the appended article uses the stored table" "m1" "$(ids "$DB" '"United States officials met"')"
index --db "$DB" "$C"
expect_eq "defaults on a settled database" "0 6" "$rc $(count "$DB")"

# ---- options left out take what the database stores ------------------------------
FR=$TMP/french.db
index --db "$FR" --language french --synonyms "$TMP/small.txt" --officials none "$TMP/fr.jsonl"
expect_eq "a new database takes the options" "0" "$rc"
printf '%s\n' '{"id":"f2","body":"Ils mangeaient la couleur, colour."}' > "$TMP/fr2.jsonl"
index --db "$FR" "$TMP/fr2.jsonl"
expect_eq "defaults adopt the stored settings" "0 2" "$rc $(count "$FR")"
expect_eq "the stored language stays" "french" "$(meta "$FR" xapnews:language)"
expect_eq "the stored table stays" "colour, color" "$(meta "$FR" xapnews:synonyms)"
expect_eq "no officials table appears" "" "$(meta "$FR" xapnews:officials)"
expect_eq "the new article is stemmed in french" "f1 f2" "$(ids "$FR" manger)"
expect_eq "the new article has the stored variants" "f2" "$(ids "$FR" color)"
index --db "$FR" --officials "$S/officials.tsv" "$TMP/fr2.jsonl"
expect_eq "a table the database was indexed without" \
    "xapnews: database $FR was indexed with no officials table; this run asks for $S/officials.tsv. Index without --officials (or with --officials none) to keep it so, $HINT" \
    "$err"

# ---- --reindex replaces everything ------------------------------------------------
index --db "$DB" --reindex --language french --synonyms none "$TMP/fr.jsonl"
expect_eq "--reindex" "0" "$rc"
expect_eq "--reindex leaves only the input given" "f1" "$(ids "$DB" officials)"
expect_eq "--reindex stores the new language" "french" "$(meta "$DB" xapnews:language)"
expect_eq "--reindex drops the variant table" "" "$(meta "$DB" xapnews:synonyms)"
expect_eq "--reindex empties Xapian's synonyms" "0" "$(synonym_keys "$DB")"
expect_eq "--reindex rebuilds the spelling data" "chats les mangeaient officials" "$(spelling "$DB")"
expect_eq "searches use the new language" "f1" "$(ids "$DB" manger)"
expect_eq "searches use no variant table" "" "$(ids "$DB" '"United States"')"
index --db "$DB" "$TMP/more.jsonl"
expect_eq "then defaults adopt the new settings" "0 french" "$rc $(meta "$DB" xapnews:language)"
expect_eq "and the new tables" "" "$(meta "$DB" xapnews:synonyms)"

# ---- sharded, built by parallel jobs ----------------------------------------------
SH=$TMP/sharded
shard_meta() { for s in 0 1 2; do printf '%s;' "$(meta "$SH/shard-00$s" "$1" | wc -c)"; done; }
index --db "$SH" --shards 3 --jobs 2 "$C"
expect_eq "sharded index" "0 5" "$rc $(count "$SH/XAPIANDB")"
index --db "$SH" --shards 3 --jobs 2 --language french "$C"
expect_eq "parallel jobs refuse once, before any job starts" \
    "xapnews: database $SH was indexed with stemming language 'english'; this run asks for 'french'. Index without --language (or with --language english) to keep it, $HINT" \
    "$err"
expect_eq "nothing was indexed" "2 5" "$rc $(count "$SH/XAPIANDB")"
index --db "$SH" --synonyms none "$C"
expect_eq "a sharded database opened whole refuses too" "2 5" "$rc $(count "$SH/XAPIANDB")"
index --db "$SH" --shards 3 --jobs 2 --reindex --synonyms none "$TMP/fr.jsonl" "$TMP/more.jsonl"
expect_eq "--reindex of a sharded database" "0 2" "$rc $(count "$SH/XAPIANDB")"
expect_eq "--reindex drops every shard's variant table" "1;1;1;" "$(shard_meta xapnews:synonyms)"
expect_eq "every shard stores the settings" "8;8;8;" "$(shard_meta xapnews:language)"
expect_eq "the sharded database searches without variants" "" "$(ids "$SH/XAPIANDB" '"United States"')"


# ---- shipped tables are read only where they are taken -----------------------
# An existing database keeps the tables it stores, so a broken shipped table
# does not stop an append; a new database or --reindex takes the shipped
# tables, and is refused before anything is written.
BS=$TMP/broken-schemas
cp -r "$S" "$BS"
printf 'Guo Shengkun\t\n' >> "$BS/officials.tsv"
dup_line=$(wc -l < "$BS/officials.tsv" | tr -d ' ')
KEEP=$TMP/keeps.db
index --db "$KEEP" "$C"
before=$(count "$KEEP")
err=$(XAPNEWS_SCHEMAS=$BS "$XAPNEWS" index --db "$KEEP" "$TMP/more.jsonl" 2>&1 >/dev/null)
expect_eq "an existing database appends with a broken shipped table" "0 $((before + 1))" "$? $(count "$KEEP")"
BROKEN="xapnews: $BS/officials.tsv:$dup_line: this name is already listed on an earlier line: 'Guo Shengkun'"
err=$(XAPNEWS_SCHEMAS=$BS "$XAPNEWS" index --db "$KEEP" --reindex "$TMP/more.jsonl" 2>&1 >/dev/null)
expect_eq "--reindex with a broken shipped table is refused" "3 $BROKEN" "$? $err"
expect_eq "--reindex refused: nothing was emptied" "$((before + 1))" "$(count "$KEEP")"
err=$(XAPNEWS_SCHEMAS=$BS "$XAPNEWS" index --db "$TMP/new-broken.db" "$TMP/more.jsonl" 2>&1 >/dev/null)
expect_eq "a new database with a broken shipped table is refused" "3 $BROKEN" "$? $err"
expect_eq "a refused new database is not created" "no" "$(test -e "$TMP/new-broken.db" && echo yes || echo no)"

finish
