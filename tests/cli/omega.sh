#!/bin/sh
# End to end: an index built by `xapnews index`, searched by stock clients
# that know nothing of xapnews: Debian's unmodified Omega CGI, run from the
# command line with portal/omega/templates/xapnews, and
# portal/python/search.py over python3-xapian. Spelling variants must match
# through stock query parsing alone (variants indexed as plain words, pairs
# in the synonym table). Expected sets come from reading corpus/: which
# article writes which spelling, and corpus/manifest.jsonl's dates, outlets
# and officials.
. "$top_srcdir/tests/cli/lib.sh"
OMEGA=${OMEGA:-/usr/lib/cgi-bin/omega/omega}
PORTAL=$top_srcdir/portal
DATA=$TMP/omega/data
mkdir -p "$DATA" "$TMP/omega/log" "$TMP/omega/cdb"
"$XAPNEWS" index --db "$DATA/news" "$top_srcdir/corpus" > /dev/null || { fail "index"; finish; }

# sorted article numbers (000..004) of a list of ids, one per line
numbers() { sed -n 's/^\([0-9][0-9][0-9]\)_[0-9a-f]*$/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'; }

# ---- the python3-xapian portal ------------------------------------------------------
if "$SYSPY" -c 'import xapian' 2> /dev/null; then
    py() { "$SYSPY" "$PORTAL/python/search.py" --db "$DATA/news" "$@"; }
    pyhits() { py "$@" | numbers; }
    pysame() { # pysame WHAT EXPECTED QUERY...: every query gives EXPECTED
        what=$1 expected=$2; shift 2
        for q in "$@"; do expect_eq "python $what: $q" "$expected" "$(pyhits "$q")"; done
    }
    pysame "Guo Shengkun/Shengkum" "000 001 002 003" \
        'Guo Shengkum' '"Guo Shengkum"' 'Guo Shengkun' '"Guo Shengkun"' Shengkum
    pysame "Jeh Johnson/Jonson" "000 001 002 003" Jonson jonson '"Jeh Jonson"' '"Jeh Johnson"'
    pysame "cybersecurity forms" "000 001 002 003 004" \
        cybersecurity 'cyber security' 'Cyber Security'
    # a phrase of the spaced form is what plain Xapian sees: only 001 writes
    # the words apart; the others write "cybersecurity", and laying "cyber"
    # "security" over one word would make false phrases ("security met")
    pysame "spaced form as a phrase" "001" cyber-security '"cyber security"'
    pysame "no fuzzy matching" "" Johnston Shenkun
    pysame "title field" "001 003 004" title:talks
    pysame "official field, any spelling" "000 001 002 003" \
        official:Jonson 'official:"Guo Shengkum"'
    pysame "outlet prefix" "003" outlet:the-hill 'Jonson outlet:the-hill'
    pysame "id prefix" "003" id:003_366b0afce615304f
    # 001 is dated 2015 (year only), 002 2016-12-12, the others not at all
    pysame "date range, year" "001" 'cybersecurity date:2015..2015'
    pysame "date range, month" "002" 'date:2016-12..2016-12' 'Jonson date:2016-12-01..2016-12-31'
    pysame "date range, open" "001" 'date:..2015-12-31'
    pysame "date range, after every date" "" 'date:2016-12-13..'
    expect_eq "python --outlet (several: any)" "001 003" \
        "$(pyhits --outlet the-hill --outlet gadgets-360 Jonson)"
    expect_eq "python --official (several: all)" "000 001 003" \
        "$(pyhits --official guo-shengkun --official xi-jinping cybersecurity)"
    expect_eq "python --from/--to" "002" "$(pyhits --from 2016 --to 2016-12 'Guo Shengkum')"
    expect_eq "python facets over every match" \
"facet=official:barack-obama count=2
facet=official:bill-evanina count=2
facet=official:guo-shengkun count=4
facet=official:jeh-johnson count=4
facet=official:loretta-lynch count=4
facet=official:suzanne-spaulding count=1
facet=official:wang-qun count=1
facet=official:xi-jinping count=4
facet=outlet:china-digital-times count=1
facet=outlet:gadgets-360 count=1
facet=outlet:the-hill count=1
facet=year:2015 count=1
facet=year:2016 count=1" "$(py --facets --limit 0 cybersecurity)"
    py 'a AND' > /dev/null 2>&1
    expect_eq "python: a syntax error is exit status 5" 5 $?
    "$SYSPY" "$PORTAL/python/search.py" --db "$TMP/missing.db" x > /dev/null 2>&1
    expect_eq "python: a missing database is exit status 4" 4 $?
else
    echo "python3-xapian is not installed for $SYSPY: portal/python/search.py not tested"
fi

# ---- Omega ------------------------------------------------------------------------------
if [ ! -x "$OMEGA" ]; then
    echo "SKIP: no Omega CGI at $OMEGA (Debian: apt-get install xapian-omega)"
    [ "$FAILS" -eq 0 ] && exit 77
    finish
fi
# the example configuration, pointed at the test's directories
sed -e "s|^database_dir .*|database_dir $DATA|" \
    -e "s|^template_dir .*|template_dir $PORTAL/omega/templates|" \
    -e "s|^log_dir .*|log_dir $TMP/omega/log|" \
    -e "s|^cdb_dir .*|cdb_dir $TMP/omega/cdb|" \
    "$PORTAL/omega/omega.conf.example" > "$TMP/omega/omega.conf"
expect_eq "omega.conf.example names the four settings" 4 \
    "$(grep -c '^\(database_dir\|template_dir\|log_dir\|cdb_dir\) /' "$TMP/omega/omega.conf")"

# omega NAME=VALUE...: run the CGI from the command line (no REQUEST_METHOD:
# the parameters come from the arguments), printing the page without the
# HTTP header
omega() {
    env -u REQUEST_METHOD -u QUERY_STRING -u GATEWAY_INTERFACE \
        OMEGA_CONFIG_FILE="$TMP/omega/omega.conf" \
        "$OMEGA" DB="${ODB:-news}" FMT="${OFMT:-xapnews}" HITSPERPAGE=100 "$@" < /dev/null |
        sed '1,/^\r*$/d'
}
# the hits, or Omega's error
ohits() {
    out=$(omega "$@")
    err=$(printf '%s\n' "$out" | sed -n 's/^error=//p')
    if [ -n "$err" ]; then echo "error: $err"; return; fi
    printf '%s\n' "$out" | sed -n 's/^id=//p' | numbers
}
osame() { # osame WHAT EXPECTED QUERY...: every query gives EXPECTED
    what=$1 expected=$2; shift 2
    for q in "$@"; do expect_eq "omega $what: $q" "$expected" "$(ohits P="$q")"; done
}

osame "Guo Shengkun/Shengkum" "000 001 002 003" \
    'Guo Shengkum' '"Guo Shengkum"' 'Guo Shengkun' '"Guo Shengkun"' Shengkum
osame "Jeh Johnson/Jonson" "000 001 002 003" Jonson jonson '"Jeh Jonson"' '"Jeh Johnson"'
osame "cybersecurity forms" "000 001 002 003 004" \
    cybersecurity 'cyber security'
osame "spaced form as a phrase" "001" cyber-security '"cyber security"'
osame "no fuzzy matching" "" Johnston Shenkun
osame "title: -> S" "001 003 004" title:talks
osame "official: -> XO, any spelling" "000 001 002 003" \
    official:Jonson 'official:"Guo Shengkum"'
osame "outlet: -> XOUTLET: (boolean)" "003" outlet:the-hill 'Jonson outlet:the-hill'
osame "id: -> Q (boolean)" "003" id:003_366b0afce615304f

# filters as B= parameters: several outlets are any of them, several
# officials all of them
expect_eq "omega B= outlet" "004" "$(ohits P=cybersecurity B=XOUTLET:china-digital-times)"
expect_eq "omega B= two outlets" "001 003" \
    "$(ohits P=Jonson B=XOUTLET:the-hill B=XOUTLET:gadgets-360)"
expect_eq "omega B= official" "004" "$(ohits P=cybersecurity B=XOFFICIAL:wang-qun)"
expect_eq "omega B= two officials" "000 001 003" \
    "$(ohits P=cybersecurity B=XOFFICIAL:guo-shengkun B=XOFFICIAL:xi-jinping)"
expect_eq "omega B= year" "002" "$(ohits P='Guo Shengkum' B=Y2016)"
# similar articles: Omega's MORELIKE on the id term, less the article (N=),
# lists what xapnews similar does (README, "Similar articles")
expect_eq "omega MORELIKE= N=" "000 001 002 004" \
    "$(ohits MORELIKE=Q003_366b0afce615304f N=Q003_366b0afce615304f)"
expect_eq "omega MORELIKE= N= in xapnews similar's order" \
    "$("$XAPNEWS" similar --db "$DATA/news" --profile none --json 003_366b0afce615304f |
       python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')" \
    "$(omega MORELIKE=Q003_366b0afce615304f N=Q003_366b0afce615304f | sed -n 's/^id=//p' |
       tr '\n' ' ' | sed 's/ $//')"

# dates: Omega's value range on slot 0 (START.0/END.0, YYYY[MM[DD]])
expect_eq "omega date: a year" "001" "$(ohits P=cybersecurity START.0=2015 END.0=2015)"
expect_eq "omega date: a year, as days" "001" \
    "$(ohits P=cybersecurity START.0=20150101 END.0=20151231)"
expect_eq "omega date: a month" "002" "$(ohits P=Jonson START.0=201612 END.0=201612)"
expect_eq "omega date: days" "002" "$(ohits P=Jonson START.0=20161201 END.0=20161212)"
expect_eq "omega date: up to" "001" "$(ohits P=cybersecurity END.0=20151231)"
expect_eq "omega date: after every date" "" "$(ohits P=cybersecurity START.0=20161213)"
expect_eq "omega date: D/M terms" "002" "$(ohits P=cybersecurity START=20161201 END=20161231)"
# sorting by date: value slot 0, as `search --sort newest|oldest` (001 is
# dated 2015, 002 2016-12-12, the rest not at all: their order is each
# program's relevance)
oorder() { omega "$@" | sed -n 's/^id=\([0-9]*\)_.*/\1/p' | tr '\n' ' ' | sed 's/ $//'; }
xorder() { "$XAPNEWS" search --db "$DATA/news" --json "$@" |
    python3 -c 'import json,sys; print(" ".join(h["id"][:3] for h in json.load(sys.stdin)["hits"]))'; }
expect_eq "omega SORT=-0: newest first" "002 001" "$(oorder P=cybersecurity SORT=-0 | cut -d' ' -f1-2)"
expect_eq "xapnews --sort newest: the same" "002 001" "$(xorder --sort newest cybersecurity | cut -d' ' -f1-2)"
expect_eq "omega SORT=+0: oldest first, undated before" "001 002" \
    "$(oorder P=cybersecurity SORT=+0 | cut -d' ' -f4-5)"
expect_eq "xapnews --sort oldest: the same" "001 002" "$(xorder --sort oldest cybersecurity | cut -d' ' -f4-5)"

# facet counts, tallied over the hits (all of them here)
expect_eq "omega facets" \
"matches=5 exact=true
facet=official:barack-obama count=2 B=XOFFICIAL:barack-obama
facet=official:bill-evanina count=2 B=XOFFICIAL:bill-evanina
facet=official:guo-shengkun count=4 B=XOFFICIAL:guo-shengkun
facet=official:jeh-johnson count=4 B=XOFFICIAL:jeh-johnson
facet=official:loretta-lynch count=4 B=XOFFICIAL:loretta-lynch
facet=official:suzanne-spaulding count=1 B=XOFFICIAL:suzanne-spaulding
facet=official:wang-qun count=1 B=XOFFICIAL:wang-qun
facet=official:xi-jinping count=4 B=XOFFICIAL:xi-jinping
facet=outlet:china-digital-times count=1 B=XOUTLET:china-digital-times
facet=outlet:gadgets-360 count=1 B=XOUTLET:gadgets-360
facet=outlet:the-hill count=1 B=XOUTLET:the-hill
facet=year:2015 count=1 B=Y2015
facet=year:2016 count=1 B=Y2016
facets=complete" "$(omega P=cybersecurity | grep -v '^id=')"
expect_eq "omega facets follow the filters" \
"matches=1 exact=true
facet=official:guo-shengkun count=1 B=XOFFICIAL:guo-shengkun
facet=official:jeh-johnson count=1 B=XOFFICIAL:jeh-johnson
facet=official:loretta-lynch count=1 B=XOFFICIAL:loretta-lynch
facet=year:2016 count=1 B=Y2016
facets=complete" "$(omega P=Jonson START.0=2016 | grep -v '^id=')"

# errors are reported, not hidden
expect_eq "omega syntax error" "error: Syntax: <expression> AND <expression>" "$(ohits P='a AND')"
expect_eq "omega missing database" "error: Database 'nosuch' couldn't be opened" \
    "$(ODB=nosuch ohits P=x)"

# the page for people finds the same articles
page=$(OFMT=xapnews-html omega P='"Guo Shengkum"' B=XOUTLET:the-hill)
expect_eq "omega xapnews-html: one article" 1 \
    "$(printf '%s\n' "$page" | grep -c 'class="hit"')"
expect_eq "omega xapnews-html: The Hill's article" 1 \
    "$(printf '%s\n' "$page" | grep -c '003_366b0afce615304f</span>')"

# ---- declared fields: the templates filter and count them ---------------------------
# an index with a fields schema of its own, and the OmegaScript that
# `xapnews fields --omega` writes for it, as xapnews-fields-DBNAME in a
# template directory holding the shipped templates
cat > "$TMP/fields.jsonl" <<'JSON'
{"id": "a1", "title": "Cup final tonight", "date": "2016-05-01", "body": "The final is tonight at Wembley.", "category": "Sport", "author": "John Smith", "tags": ["Cup", "Wembley"]}
{"id": "a2", "title": "Budget vote", "date": "2016-05-02", "body": "Parliament votes on the budget tonight.", "category": "Politics", "author": "Jane Smithers", "tags": ["Budget"]}
{"id": "a3", "title": "Derby day", "date": "2016-05-03", "body": "The derby is tonight.", "category": "sport", "author": "Ann Smith-Jones", "tags": ["Derby", "Cup"]}
JSON
cp "$top_srcdir/schemas/fields.conf" "$TMP/fields.conf"
printf '%s\n' 'category keyword XCATEGORY filterable facetable sortable' \
    'tags keyword XTAG filterable facetable multiple' \
    'author text XAUTHOR searchable' >> "$TMP/fields.conf"
"$XAPNEWS" index --db "$DATA/fields" --fields "$TMP/fields.conf" "$TMP/fields.jsonl" > /dev/null ||
    fail "index with fields"
mkdir -p "$TMP/omega/templates"
cp "$PORTAL/omega/templates/xapnews" "$PORTAL/omega/templates/xapnews-html" "$TMP/omega/templates/"
"$XAPNEWS" fields --db "$DATA/fields" --omega > "$TMP/omega/templates/xapnews-fields-fields"
expect_eq "xapnews fields --omega" \
'${ The declared fields of an index for the xapnews Omega templates,
  written by "xapnews fields --omega": free-text prefixes,
  boolean filter prefixes, and facets tallied from the hits'"'"' terms
  (prefix, name).
}$setmap{prefix,author,XAUTHOR}${
}$setmap{boolprefix,category,XCATEGORY,tags,XTAG}${
}$setmap{xapnews_facet,XCATEGORY,category,XTAG,tags}${
}' "$(cat "$TMP/omega/templates/xapnews-fields-fields")"
sed "s|^template_dir .*|template_dir $TMP/omega/templates|" "$TMP/omega/omega.conf" \
    > "$TMP/omega/omega-fields.conf"
# fomega CONF NAME=VALUE...: the page Omega gives for the fields index
fomega() {
    conf=$1; shift
    env -u REQUEST_METHOD -u QUERY_STRING -u GATEWAY_INTERFACE \
        OMEGA_CONFIG_FILE="$TMP/omega/$conf" \
        "$OMEGA" DB=fields FMT="${OFMT:-xapnews}" HITSPERPAGE=100 "$@" < /dev/null |
        sed '1,/^\r*$/d'
}
fhits() { fomega omega-fields.conf "$@" | sed -n 's/^error=/error: /p; s/^id=//p' | sort |
    tr '\n' ' ' | sed 's/ $//'; }
expect_eq "omega category:sport (a boolean prefix)" "a1 a3" "$(fhits P=category:sport)"
expect_eq "omega B=XCATEGORYsport" "a1 a3" "$(fhits P=tonight B=XCATEGORYsport)"
expect_eq "omega two tags: any" "a1 a2 a3" "$(fhits P=tonight B=XTAGcup B=XTAGbudget)"
expect_eq "omega author:smith (a free-text prefix, stemmed)" "a1 a3" "$(fhits P=author:smith)"
# sorting by a declared sortable field: its slot, as `xapnews fields` says
slot=$("$XAPNEWS" fields --db "$DATA/fields" | sed -n 's/^category .*# slot \([0-9]*\)$/\1/p')
expect_eq "the category's slot" 10 "$slot"
forder() { fomega omega-fields.conf "$@" | sed -n 's/^id=//p' | tr '\n' ' ' | sed 's/ $//'; }
expect_eq "omega SORT=+10: by category, politics before sport" "a2" \
    "$(forder P=tonight SORT=+"$slot" | cut -d' ' -f1)"
expect_eq "omega SORT=-10: by category, sport first" "a2" \
    "$(forder P=tonight SORT=-"$slot" | cut -d' ' -f3)"
expect_eq "xapnews --sort category gives the order Omega gives" \
    "$(forder P=tonight SORT=+"$slot" | cut -d' ' -f1)" \
    "$("$XAPNEWS" search --db "$DATA/fields" --json --sort category tonight |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])')"
expect_eq "omega facets of the declared fields" \
"facet=category:politics count=1 B=XCATEGORYpolitics
facet=category:sport count=2 B=XCATEGORYsport
facet=tags:budget count=1 B=XTAGbudget
facet=tags:cup count=2 B=XTAGcup
facet=tags:derby count=1 B=XTAGderby
facet=tags:wembley count=1 B=XTAGwembley
facet=year:2016 count=3 B=Y2016
facets=complete" "$(fomega omega-fields.conf P=tonight | grep '^facet')"
expect_eq "omega facets follow the filter" \
"facet=category:sport count=2 B=XCATEGORYsport
facet=tags:cup count=2 B=XTAGcup
facet=tags:derby count=1 B=XTAGderby
facet=tags:wembley count=1 B=XTAGwembley
facet=year:2016 count=2 B=Y2016" "$(fomega omega-fields.conf P=tonight B=XCATEGORYsport |
    grep '^facet=')"
page=$(OFMT=xapnews-html fomega omega-fields.conf P=tonight B=XCATEGORYsport)
expect_eq "omega xapnews-html: the filter by its name" 1 \
    "$(printf '%s\n' "$page" | grep -c '<p>Filters: <b>category: sport</b>')"
expect_eq "omega xapnews-html: the facet chosen, in bold" 1 \
    "$(printf '%s\n' "$page" | grep -c '<div><b>category: sport</b> (2)</div>')"
expect_eq "omega xapnews-html: a facet link of a declared field" 1 \
    "$(printf '%s\n' "$page" | grep -c 'B=XTAGderby">tags: derby</a> (1)')"
expect_eq "omega without the file: the built-in facets alone" "facet=year:2016 count=3 B=Y2016" \
    "$(fomega omega.conf P=tonight | grep '^facet=')"
# COLLAPSE=8: one hit per story (the story key of near duplicates)
if "$SYSPY" -c 'import xapian' 2> /dev/null; then
    "$SYSPY" - "$DATA/news" > "$TMP/copy.jsonl" <<'PY'
import json, sys, xapian
db = xapian.Database(sys.argv[1])
for p in db.postlist("Q001_79cea76adbd33e7d"):
    f = dict(l.split("=", 1) for l in db.get_document(p.docid).get_data().decode().split("\n") if "=" in l)
    print(json.dumps({"id": "005_c0b1", "title": "Republished", "date": "2015-12-01",
                      "body": "WASHINGTON (Wire) - " + f["body"]}))
PY
    "$XAPNEWS" index --db "$DATA/dups" "$top_srcdir/corpus" "$TMP/copy.jsonl" > /dev/null || fail "index dups"
    expect_eq "omega without COLLAPSE: the copy too" "000 001 002 003 004 005" \
        "$(ODB=dups ohits P=cybersecurity)"
    collapsed=$(ODB=dups ohits P=cybersecurity COLLAPSE=8)
    expect_eq "omega COLLAPSE=8: one of the copy and its original" "5 1" \
        "$(echo $collapsed | wc -w) $(echo $collapsed | tr ' ' '\n' | grep -c '^00[15]$')"
fi
finish
