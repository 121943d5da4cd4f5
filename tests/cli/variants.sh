#!/bin/sh
# End to end: spelling variants across outlets match each other in free
# text, in phrases and in field searches, with xapnews's parser and with a
# stock Xapian QueryParser; words outside the table stay apart.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/seed.db
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" > /dev/null || fail "index"
hits() { ids "$DB" "$@" | sed 's/_[0-9a-f]*//g'; }
same() { # same WHAT EXPECTED QUERY...: every query gives EXPECTED
    what=$1 expected=$2; shift 2
    for q in "$@"; do expect_eq "$what: $q" "$expected" "$(hits "$q")"; done
}

# ---- names written differently by different outlets --------------------------
same "Guo Shengkun/Shengkum" "000 001 002 003" \
    'Guo Shengkun' 'Guo Shengkum' '"Guo Shengkun"' '"Guo Shengkum"' Shengkum
same "Jeh Johnson/Jonson" "000 001 002 003" \
    'Jeh Johnson' 'Jeh Jonson' '"Jeh Johnson"' '"Jeh Jonson"'
same "Loretta Lynch/Loretta E. Lynch" "000 001 002 003" \
    'Loretta Lynch' 'Loretta E. Lynch' '"Loretta Lynch"' '"Loretta E. Lynch"' \
    '"Attorney General Loretta Lynch"' '"Attorney General Loretta E. Lynch"'
# a title written three ways ("Secretary of Homeland Security", "Homeland
# Security Secretary", "DHS Secretary") before a name written two ways
same "phrase across two variant groups" "000 001 002 003" \
    '"Secretary Jeh Jonson"' '"Homeland Security Secretary Jeh Johnson"'

# ---- compounds: hyphenated, spaced and joined ------------------------------------
same "cybersecurity forms" "000 001 002 003 004" \
    cybersecurity cyber-security 'cyber security' '"cyber security"' '"cyber-security"'
same "compound inside a phrase" "000 001" '"cybersecurity talks"' '"cyber-security talks"' '"cyber security talks"'
same "cybercrime forms" "001 002 003" cybercrime '"cyber crime"' cyber-crime

# ---- amounts of money written three ways ----------------------------------------------
same "currency forms" "000 001" 'US$590 billion' '$590 billion' '590 billion dollars' \
    '"590 billion dollars"' '"$590 billion"'
same "another currency does not match" "" '590 billion euros' '€590 billion'
printf '%s\n' '{"id":"m1","body":"a deal worth 590 billion dollars"}' \
    '{"id":"m2","body":"a deal worth US$590 billion"}' \
    '{"id":"m3","body":"590 billion people and a few dollars"}' > "$TMP/money.jsonl"
"$XAPNEWS" index --db "$TMP/money.db" "$TMP/money.jsonl" > /dev/null
expect_eq "amounts match across forms, not loose words" "m1 m2" \
    "$(ids "$TMP/money.db" '$590 billion')"

# ---- abbreviations meet their long forms, without leaking words ---------------------
same "U.S./United States/USA" "000 001 002 003 004" 'U.S.' '"United States"' USA
same "OPM" "003 004" OPM '"Office of Personnel Management"'
expect_eq "'U.S.' does not make texts say 'united'" \
    "$(cd "$top_srcdir/corpus" && grep -li '\bunited\b' [0-9]*.txt | cut -c1-3 | tr '\n' ' ' | sed 's/ $//')" \
    "$(hits united)"

# ---- fields ------------------------------------------------------------------------
same "official: any spelling" "000 001 002 003" \
    'official:"Jeh Jonson"' 'official:"Jeh Johnson"' 'official:Shengkum' 'official:"Guo Shengkum"'
same "official named only by surname in the record" "003 004" 'official:"Barack Obama"' official:Obama
same "official found in the text" "003" 'official:"Suzanne Spaulding"'
same "official surname after a full mention" "004" 'official:"Wang Qun"'
same "outlet aliases" "004" outlet:CDT 'outlet:"China Digital Times"' outlet:chinadigitaltimes.net
same "outlet alias with dots" "003" outlet:Hill.TV 'outlet:"The Hill"'
same "title field with a variant" "000 002" 'title:"cyber security"' title:cyber-security

# ---- dates ----------------------------------------------------------------------------
same "month" "002" date:2016-12 date:2016-12-01..2016-12-31 date:2016-12-12
same "open-ended up to" "001" date:..2015-12-31
same "open-ended from" "" date:2016-12-13..

# ---- precision: words outside the table do not match each other -------------------------
for q in Johnston Shenkun Lynchburg; do
    expect_eq "no fuzzy matching in the index: $q" "" "$(hits --no-typos "$q")"
done
# (by default a search also tries the names a rare word is a few letters
# from: see tests/cli/suggest.sh)
expect_eq "a table form does not leak a foreign word into the text" "" \
    "$(hits --profile none William)"
expect_eq "the officials field knows the official's other names" "000 001" "$(hits William)"
expect_eq "Evanina only where named" "000 001" "$(hits Evanina)"

# ---- the analyse command shows what the index holds ----------------------------------------
"$XAPNEWS" analyse --json 'Cyber security talks' > "$TMP/an.json"
expect_eq "analyse exit status" 0 $?
expect_eq "analyse tokens: a form with fewer words gets a canonical stream" \
"1 0 5 Cyber cyber cyber word
1 0 14 Cyber security cybersecurity cybersecurity variant
2 6 14 security security security word
2 0 14 Cyber security cybersecurity cybersecurity variant
3 15 20 talks talks talks word
1 0 14 Cyber security cybersecurity XVcybersecurity canonical
2 15 20 talks talks XVtalks canonical" \
    "$(python3 -c '
import json, sys
for t in json.load(open(sys.argv[1]))["tokens"]:
    print(t["position"], t["start"], t["end"], t["raw"], t["folded"], t["term"], t["type"])' "$TMP/an.json")"
# a spelling of the canonical form with as many words lays it in place:
# the plain stream holds every canonical word, no canonical stream is needed
"$XAPNEWS" analyse --json 'Guo Shengkum' > "$TMP/an.json"
expect_eq "analyse tokens: a same-length spelling needs no canonical stream" \
"1 0 3 Guo guo guo word
2 4 12 Shengkum shengkum shengkum word
2 0 12 Guo Shengkum shengkun shengkun variant" \
    "$(python3 -c '
import json, sys
for t in json.load(open(sys.argv[1]))["tokens"]:
    print(t["position"], t["start"], t["end"], t["raw"], t["folded"], t["term"], t["type"])' "$TMP/an.json")"
"$XAPNEWS" analyse --field title --json "China's United States talks" > "$TMP/an2.json"
expect_eq "analyse: title prefix, possessive, stems, canonical stream" \
"china's:Schina's:ZSchina:word china:Schina:ZSchina:colocated united:Sunited:ZSunit:word states:Sstates:ZSstate:word talks:Stalks:ZStalk:word china's:XVSchina's::canonical china:XVSchina::canonical u.s:XVSu.s::canonical talks:XVStalks::canonical" \
    "$(python3 -c '
import json, sys
print(" ".join("%s:%s:%s:%s" % (t["folded"], t["term"], t["stem_term"], t["type"]) for t in json.load(open(sys.argv[1]))["tokens"]))' "$TMP/an2.json")"
"$XAPNEWS" analyse --field title --json "China's U.S. talks" > "$TMP/an2.json"
expect_eq "analyse: the canonical form written needs no canonical stream" \
"china's:Schina's:ZSchina:word china:Schina:ZSchina:colocated u.s:Su.s:ZSu.:word talks:Stalks:ZStalk:word" \
    "$(python3 -c '
import json, sys
print(" ".join("%s:%s:%s:%s" % (t["folded"], t["term"], t["stem_term"], t["type"]) for t in json.load(open(sys.argv[1]))["tokens"]))' "$TMP/an2.json")"

# ---- a bad table is refused before anything is written ------------------------------------
printf 'Guo Shengkun, Guo Shengkum\ncyber, , security\n' > "$TMP/bad.txt"
"$XAPNEWS" index --synonyms "$TMP/bad.txt" --db "$TMP/bad.db" "$top_srcdir/corpus" 2> "$TMP/err" > /dev/null
expect_eq "bad synonyms: exit 3" 3 $?
expect_eq "bad synonyms: FILE:LINE message" \
    "xapnews: $TMP/bad.txt:2: empty entry (two commas in a row, or a comma at an end)" "$(cat "$TMP/err")"
[ ! -e "$TMP/bad.db" ] && pass "bad synonyms: nothing written" || fail "bad synonyms: database created"
printf 'Loretta Lynch\tLoretta E. Lynch\tAttorney General\tUS\tLynch\textra\n' > "$TMP/bad.tsv"
"$XAPNEWS" index --officials "$TMP/bad.tsv" --db "$TMP/bad.db" "$top_srcdir/corpus" 2> "$TMP/err" > /dev/null
expect_eq "bad officials: exit 3" 3 $?
expect_eq "bad officials: FILE:LINE message" \
    "xapnews: $TMP/bad.tsv:1: too many tab-separated columns (at most 5: canonical name, variants, role, country, surname)" "$(cat "$TMP/err")"

# ---- without the table, variants stay apart --------------------------------------------------
"$XAPNEWS" index --synonyms none --db "$TMP/plain.db" "$top_srcdir/corpus" > /dev/null
expect_eq "--synonyms none: Shengkun alone in the text" "000 001 003" \
    "$(ids "$TMP/plain.db" --profile none '"Guo Shengkun"' | sed 's/_[0-9a-f]*//g')"

# ---- stock Xapian clients: python3-xapian QueryParser with auto synonyms ----------------------
stock=$("$SYSPY" - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
qp = xapian.QueryParser()
qp.set_database(db)
qp.set_stemmer(xapian.Stem("english"))
qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
qp.set_default_op(xapian.Query.OP_AND)
qp.add_prefix("title", "S")
qp.add_prefix("official", "XO")
flags = qp.FLAG_DEFAULT | qp.FLAG_AUTO_MULTIWORD_SYNONYMS
for text in ['Guo Shengkum', '"Guo Shengkum"', 'Jonson', '"Jeh Jonson"',
             'cyber security', 'cyber-security', '"cyber security"', 'talks',
             'official:Shengkum']:
    enq = xapian.Enquire(db)
    enq.set_query(qp.parse_query(text, flags))
    ids = sorted(m.document.get_data().decode().split("id=")[1][:3] for m in enq.get_mset(0, 10))
    print("%s=%s" % (text, " ".join(ids)))
PY
)
expect_eq "stock QueryParser finds the variants" \
"Guo Shengkum=000 001 002 003
\"Guo Shengkum\"=000 001 002 003
Jonson=000 001 002 003
\"Jeh Jonson\"=000 001 002 003
cyber security=000 001 002 003 004
cyber-security=001
\"cyber security\"=001
talks=000 001 003 004
official:Shengkum=000 001 002 003" "$stock"
expect_eq "xapnews and stock stems agree" "000 001 003 004" "$(hits talks)"
syn=$("$SYSPY" - "$DB" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
for key in (b"shengkum", b"jonson", b"usa", b"bill"):
    print(key.decode(), " ".join(s.decode() for s in db.synonyms(key)) or "-")
PY
)
expect_eq "Xapian synonym table: spelling variants, no foreign words" \
"shengkum shengkun
jonson johnson
usa u.s u.s.a
bill -" "$syn"

# ---- the variant engine's regressions: the seeds and four short articles ----------
E=$TMP/engine.db
cat > "$TMP/engine.jsonl" <<'JSON'
{"id": "t1", "title": "Talks", "body": "The two sides will hold new cyber-security talks in June."}
{"id": "t2", "title": "Experts", "body": "The cybersecurity experts met on Monday."}
{"id": "t3", "title": "Visit", "date": "2016-03-01", "body": "Secretary Jeh C. Johnson held talks in Beijing."}
{"id": "t4", "title": "Review", "date": "2015-06-01", "body": "A review of the talks."}
JSON
"$XAPNEWS" index --db "$E" "$top_srcdir/corpus" "$TMP/engine.jsonl" > /dev/null || fail "index engine.db"
eh() { ids "$E" --no-typos "$@" | sed 's/_[0-9a-f]*//g'; }
expect_eq "phrase around a variant: US cyber-security firm" "001" "$(eh '"US cyber-security firm"')"
expect_eq "phrase around a variant: Chinese cyber-espionage groups" "004" \
    "$(eh '"Chinese cyber-espionage groups"')"
for q in '"new cyber-security talks"' '"new cybersecurity talks"' '"new cyber security talks"'; do
    expect_eq "every form in a phrase: $q" "t1" "$(eh "$q")"
done
expect_eq "no false phrase over a joined form: security met" "" "$(eh '"security met"')"
expect_eq "a table word keeps its stem: cyberattack" "004" "$(eh cyberattack)"
expect_eq "a table word keeps its stem: cyberattacks" "004" "$(eh cyberattacks)"
expect_eq "a multi-word form unquoted matches its words apart" "002 004" "$(eh cyber attack)"
expect_eq "three words of a form, apart" "002 003 004" "$(eh public security ministry)"
expect_eq "--any: date filter applies" "t3" "$(eh --any 'talks date:2016')"
expect_eq "--any: date filter, year-only dates" "001 t4" "$(eh --any 'talks date:2015')"
# one mention adds one to its words' wdf, whatever is laid beside it
wdf=$("$SYSPY" - "$E" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
doc = db.get_document(db.postlist("Qt3").__next__().docid)
wdf = {t.term.decode(): t.wdf for t in doc.termlist()}
print(wdf.get("johnson"), wdf.get("Zjohnson"), wdf.get("jeh"))
PY
)
expect_eq "honest counts: one Jeh C. Johnson" "1 1 1" "$wdf"

# ---- US written for the United States, us the pronoun ----------------------------
U=$TMP/us.db
cat > "$TMP/us.jsonl" <<'JSON'
{"id": "a", "title": "Talks", "body": "The US said it would act."}
{"id": "b", "title": "Trip", "body": "Let us go, said the minister."}
{"id": "c", "title": "Talks", "body": "The U.S. said so."}
{"id": "d", "title": "Talks", "body": "The United States said so."}
{"id": "e", "title": "WIRE", "body": "LET US GO NOW SAID THE MINISTER."}
{"id": "f", "title": "Britain", "body": "The UK and the EU met at the UN."}
JSON
"$XAPNEWS" index --db "$U" "$TMP/us.jsonl" > /dev/null || fail "index us.db"
uh() { ids "$U" --no-typos "$@"; }
for q in US U.S. USA '"United States"' '"US said"' '"U.S. said"' 'United States'; do
    expect_eq "the United States, any form: $q" "a c d" "$(uh "$q")"
done
expect_eq "us is the pronoun" "b e" "$(uh us)"
expect_eq "Us at a sentence start is the pronoun" "b e" "$(uh Us)"
expect_eq "a phrase with the pronoun" "b e" "$(uh '"let us"')"
expect_eq "a query in capitals reads US as the pronoun" "b e" "$(uh 'LET US GO')"
expect_eq "UK" "f" "$(uh '"United Kingdom"')"
expect_eq "EU" "f" "$(uh '"European Union"')"
expect_eq "UN" "f" "$(uh U.N.)"
expect_eq "stock clients see US indexed as u.s" "a c" "$("$SYSPY" - "$U" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
e = xapian.Enquire(db)
e.set_query(xapian.Query("u.s"))
print(" ".join(sorted(t.term.decode()[1:] for m in e.get_mset(0, 10)
                      for t in db.get_document(m.docid).termlist() if t.term.startswith(b"Q"))))
PY
)"

finish
