#!/bin/sh
# End to end: `xapnews synonyms suggest` finds the spelling variants of the
# seed articles without a variant table, leaves out what the table joins,
# finds spaced / joined compounds, writes lines the table accepts; the
# index keeps a name lexicon; searches also try the names a rare word is a
# few letters from; bad command lines get exact messages.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/bare.db
"$XAPNEWS" index --synonyms none --db "$DB" "$top_srcdir/corpus" > /dev/null || fail "index"

# rank of "VARIANT CANONICAL" in the JSON list on stdin, 0 when absent
rank_of() {
    python3 -c '
import json, sys
pairs = [(p["variant"], p["canonical"]) for p in json.load(sys.stdin)]
want = tuple(sys.argv[1:3])
print(pairs.index(want) + 1 if want in pairs else 0)' "$1" "$2"
}
"$XAPNEWS" synonyms suggest --db "$DB" --json --limit 10 > "$TMP/top.json" || fail "suggest --json"
for pair in "shengkum shengkun" "jonson johnson"; do
    r=$(rank_of $pair < "$TMP/top.json")
    if [ "$r" -ge 1 ] && [ "$r" -le 10 ]; then pass "$pair in the top 10 (rank $r)"
    else fail "$pair not in the top 10"; cat "$TMP/top.json" >&2; fi
done
expect_eq "JSON fields" "canonical docs evidence score variant" \
    "$(python3 -c 'import json,sys; print(" ".join(sorted(json.load(sys.stdin)[0])))' < "$TMP/top.json")"
expect_eq "evidence of shengkum" "1 0.5 1 3" \
    "$(python3 -c '
import json, sys
for p in json.load(sys.stdin):
    if p["variant"] == "shengkum":
        e = p["evidence"]
        print(e["edits"], e["phonetic"], e["variant_docs"], e["canonical_docs"])' < "$TMP/top.json")"
expect_eq "--limit" 3 "$("$XAPNEWS" synonyms suggest --db "$DB" --json --limit 3 |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
"$XAPNEWS" synonyms suggest --db "$DB" --limit 5 > "$TMP/table.txt"
expect_eq "table header" "rank score variant canonical docs evidence" \
    "$(head -1 "$TMP/table.txt" | tr -s ' ' | sed 's/^ //')"
grep -q "jonson  *johnson" "$TMP/table.txt" && pass "table row" || fail "table row"

# solr lines are accepted by the variant table and join the forms
"$XAPNEWS" synonyms suggest --db "$DB" --format solr --limit 10 > "$TMP/suggested.txt"
grep -qx 'Shengkun, Shengkum' "$TMP/suggested.txt" && pass "solr line" || fail "solr line"
"$XAPNEWS" index --synonyms "$TMP/suggested.txt" --db "$TMP/with.db" \
    "$top_srcdir/corpus" > /dev/null && pass "solr output loads as a table" ||
    fail "solr output does not load"
expect_eq "pairs of the stored table are left out" "0 0" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/with.db" --json --limit 50 > "$TMP/with.json"
       echo "$(rank_of shengkum shengkun < "$TMP/with.json") $(rank_of jonson johnson < "$TMP/with.json")")"
"$XAPNEWS" index --db "$TMP/default.db" "$top_srcdir/corpus" > /dev/null
expect_eq "the default table joins them already" "0" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/default.db" --json | rank_of shengkum shengkun)"

# a new spelling of a form the table holds: a comment naming the line
printf 'Johnson, Jonson\n' > "$TMP/table.txt"
printf '%s\n' '{"id":"1","body":"Secretary Jeh Johnson spoke."}' \
    '{"id":"2","body":"Secretary Jeh Johnson met."}' \
    '{"id":"3","body":"Secretary Jeh Jhonson left."}' > "$TMP/jhonson.jsonl"
"$XAPNEWS" index --synonyms "$TMP/table.txt" --db "$TMP/jhonson.db" "$TMP/jhonson.jsonl" > /dev/null
expect_eq "solr: a form already in the table" \
    "# 'jhonson' and 'johnson' (score 0.904): line 1 of the variant table holds one of them; add the other there" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/jhonson.db" --format solr | tail -1)"

# the variant of an official's name ranks above a pair alike in all else;
# a possessive ("Petrovva's") is read as the bare word for the context
{ printf '%s\n' '{"id":"1","officials":["Anna Petrova"],"body":"Minister Anna Petrova spoke. The Kalinka river rose."}' \
      '{"id":"2","officials":["Anna Petrova"],"body":"Minister Anna Petrova spoke. The Kalinka river rose."}' \
      '{"id":"3","body":"Minister Anna Petrovva'"'"'s aides spoke. The Kalinkka river rose."}'
  for i in 4 5 6 7 8 9; do echo '{"id":"'$i'","body":"Markets were calm on day '$i'."}'; done
} > "$TMP/official.jsonl"
"$XAPNEWS" index --synonyms none --db "$TMP/official.db" "$TMP/official.jsonl" > /dev/null
expect_eq "official evidence: petrovva before kalinkka, context from the possessive" \
    "petrovva petrova True 2 True | kalinkka kalinka False 0 True" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/official.db" --min-docs 1 --json | python3 -c '
import json, sys
print(" | ".join("%s %s %s %d %s" % (p["variant"], p["canonical"], p["evidence"]["official"],
                 p["evidence"]["official_docs"], p["evidence"]["context"] > 0)
                 for p in json.load(sys.stdin)))')"

# a word of a name in the officials table counts, named in articles or not
printf 'Boris Kalinka\t\tMinister\tRussia\n' > "$TMP/officials.tsv"
"$XAPNEWS" index --synonyms none --officials "$TMP/officials.tsv" --db "$TMP/table-official.db" \
    "$TMP/official.jsonl" > /dev/null
expect_eq "official evidence from the officials table" "kalinkka True 0" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/table-official.db" --min-docs 1 --json | python3 -c '
import json, sys
print(" ".join("%s %s %d" % (p["variant"], p["evidence"]["official"], p["evidence"]["official_docs"])
               for p in json.load(sys.stdin) if p["canonical"] == "kalinka"))')"

# a name with its last letter doubled is a spelling, not an ending, and a
# name's shared stem (Porter: both "russel") does not hide it
{ printf '%s\n' '{"id":"1","body":"Chairman Jim Russell spoke."}' \
      '{"id":"2","body":"Chairman Jim Russell agreed."}' \
      '{"id":"3","body":"Chairman Jim Russel said no."}'
  for i in 4 5 6 7; do echo '{"id":"'$i'","body":"Markets were calm on day '$i'."}'; done
} > "$TMP/russel.jsonl"
"$XAPNEWS" index --synonyms none --db "$TMP/russel.db" "$TMP/russel.jsonl" > /dev/null
expect_eq "doubled last letter of a name" "russel russell" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/russel.db" --min-docs 1 --json | python3 -c '
import json, sys
print(" ".join("%s %s" % (p["variant"], p["canonical"]) for p in json.load(sys.stdin)))')"

# compounds written joined and spaced (a hyphen gives both)
{
    for i in 1 2 3; do printf '{"id":"j%s","body":"The cybersecurity review %s."}\n' $i $i; done
    printf '%s\n' '{"id":"s1","body":"The cyber security review."}' \
        '{"id":"h1","body":"The cyber-security review."}'
} > "$TMP/compound.jsonl"
"$XAPNEWS" index --db "$TMP/compound.db" --synonyms none "$TMP/compound.jsonl" > /dev/null
expect_eq "compound pair" "cyber security|cybersecurity|1|1|3|1" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/compound.db" --json | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    e = p["evidence"]
    if e["joined"]:
        print("|".join(str(x) for x in (p["variant"], p["canonical"], p["docs"],
              e["spaced_docs"], e["joined_docs"], e["hyphenated_docs"])))')"
"$XAPNEWS" synonyms suggest --db "$TMP/compound.db" --format solr | grep -qx 'cybersecurity, cyber security' &&
    pass "compound solr line" || fail "compound solr line"
# a word found only as the joined form of a hyphenation is no spelling
printf '%s\n' '{"id":"d1","body":"A two-day meeting."}' '{"id":"d2","body":"Talks today."}' \
    '{"id":"d3","body":"More talks today."}' > "$TMP/twoday.jsonl"
"$XAPNEWS" index --db "$TMP/twoday.db" --synonyms none "$TMP/twoday.jsonl" > /dev/null
expect_eq "hyphenation-only words are left out" "[]" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/twoday.db" --min-docs 1 --json)"

# the name lexicon: capitalised words in mid-sentence, stored at commit,
# one metadata key per word
if $SYSPY -c 'import xapian' 2>/dev/null; then
    lexicon() {
        $SYSPY -c '
import sys, xapian
db = xapian.Database(sys.argv[1])
p = b"xapnews:lexicon:"
counts = {k[len(p):].decode(): int(db.get_metadata(k)) for k in db.metadata_keys(p)}
print(counts.get("shengkun", 0), counts.get("guo", 0) != 0, "said" in counts,
      db.get_metadata("xapnews:lexicon") == b"")' "$1"
    }
    expect_eq "lexicon stored in the metadata" "3 True False True" "$(lexicon "$DB")"
    # indexing more articles adds to the stored counts
    printf '%s\n' '{"id":"x1","body":"Minister Guo Shengkun spoke."}' > "$TMP/more.jsonl"
    "$XAPNEWS" index --synonyms none --db "$DB" "$TMP/more.jsonl" > /dev/null
    expect_eq "lexicon merged at the next commit" "4 True False True" "$(lexicon "$DB")"
    # replacing the article takes its counts away again
    printf '%s\n' '{"id":"x1","body":"Nothing to see."}' > "$TMP/less.jsonl"
    "$XAPNEWS" index --synonyms none --db "$DB" "$TMP/less.jsonl" > /dev/null
    expect_eq "a replaced article's counts taken away" "3 True False True" "$(lexicon "$DB")"
    # a database holding the lexicon as one value (written before the
    # per-word keys) is read as it is, and moved to keys by the next commit
    cp -r "$DB" "$TMP/old.db"
    $SYSPY -c '
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1])
p = b"xapnews:lexicon:"
lines = ["xapnews-lexicon 1"]
for k in list(db.metadata_keys(p)):
    lines.append("%s %s" % (k[len(p):].decode(), db.get_metadata(k).decode()))
    db.set_metadata(k, b"")
db.set_metadata("xapnews:lexicon", "\n".join(lines) + "\n")
db.commit()' "$TMP/old.db"
    expect_eq "old single value: no word keys" "0 False False False" "$(lexicon "$TMP/old.db")"
    expect_eq "old single value: typo tolerance reads it" \
        "$(ids "$DB" 'Guo Shengkum')" "$(ids "$TMP/old.db" 'Guo Shengkum')"
    want=$("$XAPNEWS" synonyms suggest --db "$DB" --json)
    expect_eq "old single value: suggest reads the same names" "$want" \
        "$("$XAPNEWS" synonyms suggest --db "$TMP/old.db" --json)"
    [ ${#want} -gt 100 ] || fail "suggest found names"
    "$XAPNEWS" index --synonyms none --db "$TMP/old.db" "$TMP/more.jsonl" > /dev/null
    expect_eq "old single value: moved to word keys, with the new counts" "4 True False True" \
        "$(lexicon "$TMP/old.db")"
fi

# a sharded database keeps a lexicon per shard; suggest adds them up
"$XAPNEWS" index --synonyms none --shards 3 --db "$TMP/sharded" "$top_srcdir/corpus" > /dev/null ||
    fail "index sharded"
"$XAPNEWS" index --synonyms none --db "$TMP/single.db" "$top_srcdir/corpus" > /dev/null
expect_eq "sharded: the same suggestions" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/single.db" --json --limit 5)" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/sharded" --json --limit 5)"

# name-aware typo tolerance in search
expect_eq "rare word also searched as a name" "also searched: Shengkun for Shengkum" \
    "$("$XAPNEWS" search --db "$DB" --limit 1 Shengkum | head -1)"
expect_eq "also in JSON" '[{"word": "Shengkum", "name": "Shengkun"}]' \
    "$("$XAPNEWS" search --db "$DB" --json Shengkum | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["also_searched"]))')"
# a name no article writes: searched as corrected, with the name the best
# hit holds (here the one article writing Jonson, which is rarer than
# Johnson and so ranks first), and Jonson, rare itself, also as Johnson
expect_eq "searched as corrected" 'Jonson Jhonson [{"word": "Jonson", "name": "Johnson"}]' \
    "$("$XAPNEWS" search --db "$DB" --json Jhonson | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["corrected_query"], d["original_query"], json.dumps(d["also_searched"]))')"
expect_eq "finds the name's articles" "000 001 002 003" \
    "$(ids "$DB" Jhonson | sed 's/_[0-9a-f]*//g')"
expect_eq "--no-typos" "" \
    "$("$XAPNEWS" search --db "$DB" --no-typos --limit 1 Jhonson | grep 'also searched')"
expect_eq "--no-typos finds only what is written" "" "$(ids "$DB" --no-typos Jhonson)"
expect_eq "ordinary words do not drift" '[]' \
    "$("$XAPNEWS" search --db "$DB" --json talks meeting | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["also_searched"]))')"
expect_eq "short words do not drift" '[]' \
    "$("$XAPNEWS" search --db "$DB" --json Guu | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["also_searched"]))')"
expect_eq "id: values are not names" '[]' \
    "$("$XAPNEWS" search --db "$DB" --json id:Jhonson | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["also_searched"]))')"

# bad command lines: exact messages and exit codes
check_error() { # check_error WHAT STATUS MESSAGE ARGS...
    what=$1 status=$2 message=$3; shift 3
    "$XAPNEWS" "$@" > /dev/null 2> "$TMP/err"
    expect_eq "$what: status" "$status" "$?"
    expect_eq "$what: message" "$message" "$(cat "$TMP/err")"
}
check_error "--limit x" 2 "xapnews: --limit: expected a whole number from 0 to 100000000, got 'x'" \
    synonyms suggest --db "$DB" --limit x
check_error "--limit 0" 2 "xapnews: synonyms suggest: --limit must be at least 1" \
    synonyms suggest --db "$DB" --limit 0
check_error "--min-docs -1" 2 "xapnews: --min-docs: expected a whole number from 0 to 100000000, got '-1'" \
    synonyms suggest --db "$DB" --min-docs -1
check_error "missing --db" 2 "xapnews: synonyms suggest: --db DB is required" synonyms suggest
check_error "missing database" 4 \
    "xapnews: $TMP/none.db: no such database (create one with 'xapnews index --db $TMP/none.db ...')" \
    synonyms suggest --db "$TMP/none.db"
check_error "bad --format" 2 "xapnews: synonyms suggest: --format takes solr, not 'csv'" \
    synonyms suggest --db "$DB" --format csv
check_error "no subcommand" 2 "xapnews: synonyms: give a subcommand: suggest (see 'xapnews synonyms --help')" \
    synonyms
check_error "unknown subcommand" 2 "xapnews: synonyms: unknown subcommand 'frob' (the subcommand is suggest)" \
    synonyms frob
# word lists: two words of a list are no variants; a misspelling the lists
# lack is; without lists both are listed
{ for i in 1 2 3 4 5 6; do echo '{"id":"p'$i'","body":"The new premises opened on day '$i'."}'; done
  echo '{"id":"q1","body":"He broke his promises again."}'
  for i in 1 2 3; do echo '{"id":"f'$i'","body":"The frontier was closed on day '$i'."}'; done
  echo '{"id":"g1","body":"The fronter was closed today."}'
} > "$TMP/words.jsonl"
"$XAPNEWS" index --synonyms none --db "$TMP/words.db" "$TMP/words.jsonl" > /dev/null
printf 'premises\npromises\nfrontier\n' > "$TMP/list.txt"
pairs() { python3 -c 'import json,sys; print(" ".join("%s/%s" % (p["variant"], p["canonical"]) for p in json.load(sys.stdin)))'; }
expect_eq "--no-dictionary" "fronter/frontier promises/premises" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/words.db" --min-docs 1 --json --no-dictionary | pairs)"
expect_eq "--dictionary FILE: two words of the list left out" "fronter/frontier" \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/words.db" --min-docs 1 --json --dictionary "$TMP/list.txt" | pairs)"
expect_eq "dictionary evidence" '["", "word"]' \
    "$("$XAPNEWS" synonyms suggest --db "$TMP/words.db" --min-docs 1 --json --dictionary "$TMP/list.txt" |
       python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)[0]["evidence"]["dictionary"]))')"
printf 'ok\nbad one\n' > "$TMP/bad-list.txt"
check_error "bad word list" 3 \
    "xapnews: synonyms suggest: $TMP/bad-list.txt:2: 'bad one' is more than one word (a word list has one word a line)" \
    synonyms suggest --db "$TMP/words.db" --dictionary "$TMP/bad-list.txt"
check_error "missing word list" 3 \
    "xapnews: synonyms suggest: $TMP/none.txt: cannot read: No such file or directory" \
    synonyms suggest --db "$TMP/words.db" --dictionary "$TMP/none.txt"
check_error "--dictionary and --no-dictionary" 2 \
    "xapnews: synonyms suggest: give --dictionary or --no-dictionary, not both" \
    synonyms suggest --db "$TMP/words.db" --dictionary "$TMP/list.txt" --no-dictionary
[ -f "$TMP/none.db" ] || [ -d "$TMP/none.db" ] && fail "suggest created a database" || pass "no database created"
finish
