#!/bin/sh
# End to end: nothing good is lost on input. A malformed date drops the
# date, not the article (--strict refuses the record); NUL escapes are
# replaced; whole-number ids are read as their decimal text; long words
# are indexed and found; --officials adds to the shipped table; an input
# without records is reported.
. "$top_srcdir/tests/cli/lib.sh"

# run CMD...: sets $rc, $out (stdout) and $err (stderr)
run() {
    "$@" > "$TMP/stdout" 2> "$TMP/stderr"
    rc=$?
    out=$(cat "$TMP/stdout")
    err=$(cat "$TMP/stderr")
}
# summary OUT: the summary line without its timing
summary() { printf '%s\n' "$1" | sed 's/ in [0-9.]* s$//'; }
# field DB QUERY KEY: KEY of each hit, sorted by id, joined by '|' (null
# for a value the article does not have)
field() {
    "$XAPNEWS" search --db "$1" --json --limit 100 "$2" | python3 -c '
import json, sys
hits = sorted(json.load(sys.stdin)["hits"], key=lambda h: h["id"])
print("|".join("null" if h[sys.argv[1]] is None else h[sys.argv[1]] for h in hits))' "$3"
}

# ---- a malformed date drops the date, not the article -------------------------
J=$TMP/dates.jsonl
cat > "$J" <<'JSONL'
{"id":"d1","title":"Grain talks resume","body":"Negotiators discussed grain quotas.","date":"2016-02-30"}
{"id":"d2","title":"Grain harvest","date":"2016-03-01"}
{"id":"d3","title":"Grain prices","date":"March 2016"}
JSONL
run "$XAPNEWS" index --db "$TMP/dates.db" "$J"
expect_eq "bad date: exit 0" 0 "$rc"
expect_eq "bad date: one warning each, FILE:LINE first" \
"$J:1: bad \"date\" '2016-02-30': day 30 out of range for 2016-02; record kept without a date
$J:3: bad \"date\" 'March 2016': expected a date as YYYY, YYYY-MM or YYYY-MM-DD; record kept without a date" "$err"
expect_eq "bad date: counted as repaired" \
    "indexed 3 articles, repaired 2, skipped 0, into $TMP/dates.db" "$(summary "$out")"
expect_eq "bad date: the article is found by its words" "d1" "$(ids "$TMP/dates.db" quotas)"
expect_eq "bad date: every article is kept" "d1 d2 d3" "$(ids "$TMP/dates.db" grain)"
expect_eq "bad date: the articles have no date" "null|2016-03-01|null" "$(field "$TMP/dates.db" grain date)"
expect_eq "bad date: no date filter finds them" "d2" "$(ids "$TMP/dates.db" 'grain date:2016')"

run "$XAPNEWS" index --strict --db "$TMP/strict.db" "$J"
expect_eq "--strict bad date: exit 3" 3 "$rc"
expect_eq "--strict bad date: the record is refused" \
    "$J:1: bad \"date\" '2016-02-30': day 30 out of range for 2016-02" "$err"
expect_eq "--strict bad date: counted as skipped" \
    "indexed 0 articles, repaired 0, skipped 1, into $TMP/strict.db" "$(summary "$out")"
expect_eq "--strict bad date: the record is not indexed" "" "$(ids "$TMP/strict.db" quotas)"

# ---- NUL escapes are replaced by U+FFFD, the record kept -----------------------------
N=$TMP/nul.jsonl
cat > "$N" <<'JSONL'
{"id":"n1","title":"Border\u0000talks","body":"Customs \u0000officers met.\u0000"}
{"id":"n2","title":"After","body":"Customs rules."}
JSONL
run "$XAPNEWS" index --db "$TMP/nul.db" "$N"
expect_eq "NUL: exit 0" 0 "$rc"
expect_eq "NUL: a warning per field, naming FILE:LINE and the field" \
"$N:1: NUL (\\u0000) in \"title\" replaced by U+FFFD (1 character); record kept
$N:1: NUL (\\u0000) in \"body\" replaced by U+FFFD (2 characters); record kept" "$err"
expect_eq "NUL: counted as repaired once" \
    "indexed 2 articles, repaired 1, skipped 0, into $TMP/nul.db" "$(summary "$out")"
expect_eq "NUL: the record is searchable" "n1" "$(ids "$TMP/nul.db" officers)"
expect_eq "NUL: U+FFFD separates words" "n1" "$(ids "$TMP/nul.db" '"border talks"')"
title=$("$XAPNEWS" search --db "$TMP/nul.db" --json id:n1 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["title"] == "Border\ufffdtalks")')
expect_eq "NUL: the title holds U+FFFD" True "$title"

# ---- whole-number ids ------------------------------------------------------------
I=$TMP/ids.jsonl
cat > "$I" <<'JSONL'
{"id":7,"title":"Seventh report"}
{"id":12.0,"title":"Twelfth report"}
{"id":7.5,"title":"Half report"}
{"id":"8","title":"Eighth report"}
JSONL
run "$XAPNEWS" index --db "$TMP/ids.db" "$I"
expect_eq "numeric ids: exit 1 (a record skipped)" 1 "$rc"
expect_eq "numeric ids: a fraction is refused" \
    "$I:3: \"id\" must be a string or a whole number, not 7.5" "$err"
expect_eq "numeric ids: summary" \
    "indexed 3 articles, repaired 0, skipped 1, into $TMP/ids.db" "$(summary "$out")"
expect_eq "numeric ids: id:7" "7" "$(ids "$TMP/ids.db" id:7)"
expect_eq "numeric ids: 12.0 is id:12" "12" "$(ids "$TMP/ids.db" id:12)"
expect_eq "numeric ids: every report" "12 7 8" "$(ids "$TMP/ids.db" report)"

# ---- long words: indexed as they are up to 241 bytes, hashed beyond -------------
DE=Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz
GV=Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung
LONG_DE=$GV$GV$GV$GV   # 280 bytes: cut to 224 bytes and a hash
# a Thai sentence of 93 characters (279 bytes), and one of 25 (75 bytes)
TH_LONG=ประเทศไทยมีประชากรประมาณหกสิบเก้าล้านคนและกรุงเทพมหานครเป็นเมืองหลวงที่ใหญ่ที่สุดของประเทศไทย
TH_SHORT=กรุงเทพมหานครเป็นเมืองหลวง
HUGE=$(python3 -c 'print("Donaudampfschiff" * 320)')   # 5120 bytes
L=$TMP/long.jsonl
python3 - "$L" "$DE" "$LONG_DE" "$TH_LONG" "$TH_SHORT" "$HUGE" <<'PY'
import json, sys
path, de, long_de, th_long, th_short, huge = sys.argv[1:]
records = [
    {"id": "l1", "title": "Gesetz", "body": "Das " + de + " wurde 2013 aufgehoben."},
    {"id": "l2", "title": "Verordnung", "body": "Die " + long_de + " gilt weiter."},
    {"id": "l3", "title": "Verordnungen", "body": "Die " + long_de + "en gelten weiter."},
    {"id": "t1", "title": "ไทย", "body": th_long + " ครับ"},
    {"id": "t2", "title": "เมือง", "body": th_short + " ค่ะ"},
    {"id": "t3", "title": "อื่น", "body": "ประเทศ ไทย"},
    {"id": "h1", "title": "Schiff", "body": "Ein " + huge + " fuhr vorbei."},
]
with open(path, "w") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
run "$XAPNEWS" index --db "$TMP/long.db" "$L"
expect_eq "long words: exit 0, no message" "0|" "$rc|$err"
expect_eq "long words: every article indexed" \
    "indexed 7 articles, repaired 0, skipped 0, into $TMP/long.db" "$(summary "$out")"
expect_eq "German compound of 65 bytes" "l1" "$(ids "$TMP/long.db" "$DE")"
expect_eq "German compound in capitals" "l1" \
    "$(ids "$TMP/long.db" "$(printf '%s' "$DE" | python3 -c 'import sys; print(sys.stdin.read().upper())')")"
expect_eq "compound of 280 bytes (hashed)" "l2" "$(ids "$TMP/long.db" "$LONG_DE")"
expect_eq "a longer word with the same first bytes is another word" "l3" \
    "$(ids "$TMP/long.db" "${LONG_DE}en")"
expect_eq "a phrase across a hashed word" "l2" "$(ids "$TMP/long.db" "\"die $LONG_DE gilt\"")"
expect_eq "a phrase with a word between is no phrase" "" \
    "$(ids "$TMP/long.db" "\"die $LONG_DE weiter\"")"
expect_eq "Thai sentence of 279 bytes (hashed)" "t1" "$(ids "$TMP/long.db" "$TH_LONG")"
expect_eq "Thai sentence of 75 bytes" "t2" "$(ids "$TMP/long.db" "$TH_SHORT")"
expect_eq "Thai: a phrase across the long sentence" "t1" "$(ids "$TMP/long.db" "\"$TH_LONG ครับ\"")"
expect_eq "a word of 5120 bytes is found" "h1" "$(ids "$TMP/long.db" "$HUGE")"
expect_eq "and the words around it" "h1" "$(ids "$TMP/long.db" '"fuhr vorbei"')"
longest=$("$SYSPY" -c '
import sys, xapian
print(max(len(t.term) for t in xapian.Database(sys.argv[1]).allterms()))' "$TMP/long.db")
expect_eq "no term is longer than Xapian allows" "True" "$([ "$longest" -le 245 ] && echo True)"

# ---- --officials FILE adds to the shipped table; --officials-only replaces it ------
S=$top_srcdir/schemas
HINT="or re-index everything with --reindex (it empties the database first: give all the input again)"
meta() { "$SYSPY" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_metadata(sys.argv[2]).decode())' "$1" "$2"; }
# facet DB QUERY: the official facet of QUERY as "name (count), ..."
facet() {
    "$XAPNEWS" search --db "$1" --json --facets official "$2" | python3 -c '
import json, sys
print(", ".join("%s (%d)" % (f["value"], f["count"]) for f in json.load(sys.stdin)["facets"]["official"]))'
}
printf 'Boris Kalinka\tB. Kalinka\tMinister\tRussia\nXi Jinping\tXi Jin-ping|Chairman Xi\tGeneral Secretary\tChina\tXi\n' \
    > "$TMP/mine.tsv"
O=$TMP/officials.jsonl
cat > "$O" <<'JSONL'
{"id":"o1","title":"Talks in Moscow","body":"Boris Kalinka met Jeh Johnson in Moscow."}
{"id":"o2","title":"A visit","body":"Chairman Xi received B. Kalinka."}
{"id":"o3","title":"A speech","body":"President Xi spoke."}
JSONL
run "$XAPNEWS" index --db "$TMP/off.db" --officials "$TMP/mine.tsv" "$O"
expect_eq "--officials FILE: exit 0" "0|" "$rc|$err"
expect_eq "an official of FILE" "o1 o2" "$(ids "$TMP/off.db" 'official:"Boris Kalinka"')"
expect_eq "an official of FILE by a variant" "o1 o2" "$(ids "$TMP/off.db" 'official:"B. Kalinka"')"
expect_eq "an official of the shipped table" "o1" "$(ids "$TMP/off.db" 'official:"Jeh Johnson"')"
expect_eq "FILE's entry replaces the shipped one of the same canonical name" "o2" \
    "$(ids "$TMP/off.db" 'official:"Chairman Xi"')"
expect_eq "the replaced entry's names are gone" "" "$(ids "$TMP/off.db" 'official:"President Xi"')"
expect_eq "both tables' officials are facets" "Boris Kalinka (2), Jeh Johnson (1), Xi Jinping (1)" \
    "$(facet "$TMP/off.db" 'Kalinka OR Johnson OR Xi')"
expect_eq "the stored table: the shipped entries, then FILE's" \
    "$(grep -v '^Xi Jinping' "$S/officials.tsv"; cat "$TMP/mine.tsv")" "$(meta "$TMP/off.db" xapnews:officials)"
run "$XAPNEWS" index --db "$TMP/off.db" --officials "$TMP/mine.tsv" "$O"
expect_eq "--officials FILE again: the same table, accepted" "0|" "$rc|$err"
run "$XAPNEWS" index --db "$TMP/off.db" "$O"
expect_eq "no option: the stored table" "0|" "$rc|$err"
run "$XAPNEWS" index --db "$TMP/off.db" --officials-only "$TMP/mine.tsv" "$O"
expect_eq "--officials-only on a database with the combined table: exit 2" 2 "$rc"
expect_eq "--officials-only on a database with the combined table: message" \
    "xapnews: database $TMP/off.db stores a different officials table than $TMP/mine.tsv. Index without --officials-only to keep the stored one, $HINT" \
    "$err"
run "$XAPNEWS" index --db "$TMP/shipped.db" "$O"
run "$XAPNEWS" index --db "$TMP/shipped.db" --officials "$TMP/mine.tsv" "$O"
expect_eq "--officials FILE on a database with the shipped table: message" \
    "xapnews: database $TMP/shipped.db stores a different officials table than $S/officials.tsv + $TMP/mine.tsv. Index without --officials to keep the stored one, $HINT" \
    "$err"
run "$XAPNEWS" index --db "$TMP/shipped.db" --officials "$S/officials.tsv" "$O"
expect_eq "--officials with the shipped file is the shipped table" "0|" "$rc|$err"

run "$XAPNEWS" index --db "$TMP/only.db" --officials-only "$TMP/mine.tsv" "$O"
expect_eq "--officials-only FILE: exit 0" "0|" "$rc|$err"
expect_eq "--officials-only FILE: FILE's table alone" "$(cat "$TMP/mine.tsv")" "$(meta "$TMP/only.db" xapnews:officials)"
expect_eq "--officials-only FILE: no shipped official" "" "$(ids "$TMP/only.db" 'official:"Jeh Johnson"')"
expect_eq "--officials-only FILE: facets" "Boris Kalinka (2), Xi Jinping (1)" \
    "$(facet "$TMP/only.db" 'Kalinka OR Johnson OR Xi')"
run "$XAPNEWS" index --db "$TMP/none.db" --officials none "$O"
expect_eq "--officials none: no table" "0||" "$rc|$err|$(meta "$TMP/none.db" xapnews:officials)"

printf 'Vladimir Putin\tPresident Xi\tPresident\tRussia\n' > "$TMP/clash.tsv"
run "$XAPNEWS" index --db "$TMP/clash.db" --officials "$TMP/clash.tsv" "$O"
expect_eq "a name of FILE naming another shipped official: exit 3" 3 "$rc"
expect_eq "a name of FILE naming another shipped official: message" \
    "xapnews: $TMP/clash.tsv:1: 'President Xi' already names 'Xi Jinping' ($S/officials.tsv:9); an entry replaces one of $S/officials.tsv only under the same canonical name" \
    "$err"
[ ! -e "$TMP/clash.db" ] && pass "a refused table writes nothing" || fail "database created despite a refused table"
run "$XAPNEWS" index --db "$TMP/clash.db" --officials-only "$TMP/clash.tsv" "$O"
expect_eq "--officials-only takes it" "0" "$rc"
run "$XAPNEWS" index --db "$TMP/clash.db" --officials "$TMP/mine.tsv" --officials-only "$TMP/mine.tsv" "$O"
expect_eq "--officials and --officials-only together" \
    "2|xapnews: index: give --officials or --officials-only, not both" "$rc|$err"

# ---- an input without records is reported, exit status 1 ----------------------------
: > "$TMP/empty.jsonl"
run "$XAPNEWS" index --db "$TMP/empty.db" "$TMP/empty.jsonl"
expect_eq "empty input: exit 1" 1 "$rc"
expect_eq "empty input: warning" "$TMP/empty.jsonl: no articles" "$err"
expect_eq "empty input: summary" \
    "indexed 0 articles, repaired 0, skipped 0, into $TMP/empty.db" "$(summary "$out")"
printf '\n   \n' > "$TMP/blank.jsonl"
mkdir "$TMP/corpus" && : > "$TMP/corpus/manifest.jsonl"
run "$XAPNEWS" index --db "$TMP/some.db" "$TMP/blank.jsonl" "$O" "$TMP/corpus"
expect_eq "blank lines, an empty manifest and a good input: exit 1" 1 "$rc"
expect_eq "each input without records is named" \
"$TMP/blank.jsonl: no articles
$TMP/corpus: no articles" "$err"
expect_eq "the good input is indexed" \
    "indexed 3 articles, repaired 0, skipped 0, into $TMP/some.db" "$(summary "$out")"
run "$XAPNEWS" index --db "$TMP/sharded" --shards 2 --jobs 2 "$TMP/empty.jsonl" "$O"
expect_eq "parallel jobs: one warning, exit 1" "1|$TMP/empty.jsonl: no articles" "$rc|$err"
printf '%s\n' '{"title":"no id"}' > "$TMP/bad-only.jsonl"
run "$XAPNEWS" index --db "$TMP/bad-only.db" "$TMP/bad-only.jsonl"
expect_eq "an input whose records are all bad is not empty" \
    "1|$TMP/bad-only.jsonl:1: missing \"id\"" "$rc|$err"

finish
