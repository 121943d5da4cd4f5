#!/bin/sh
# End to end: an acronym defined in one article ("Office of Personnel
# Management (OPM)") is a variant of its expansion across the whole index:
# a search for either finds articles that write only the other, articles
# indexed before the definition included, on one database and on shards.
. "$top_srcdir/tests/cli/lib.sh"
cd "$TMP" || exit 1
cat > early.jsonl <<'JSON'
{"id":"a1","title":"Hiring freeze","body":"The Office of Personnel Management announced a hiring freeze."}
{"id":"a2","title":"Breach","body":"OPM said the breach affected millions of employees."}
{"id":"a3","title":"Wire","body":"Officials said on Monday (AP) that talks would go on (1998 figures)."}
JSON
cat > later.jsonl <<'JSON'
{"id":"a4","title":"Hack","body":"Hackers stole files from the Office of Personnel Management (OPM) last year."}
{"id":"a5","title":"Audit","body":"MSPB (Merit Systems Protection Board) reviewed the case. The Agency for Aid (AA) too."}
JSON
# the variant table lists OPM: leave it out, so only the definition links them
"$XAPNEWS" index --db db --synonyms none early.jsonl > /dev/null || fail "index early"
expect_eq "no definition yet: OPM" "a2" "$(ids db OPM)"
"$XAPNEWS" index --db db --synonyms none later.jsonl > /dev/null || fail "index later"
same() { # same WHAT EXPECTED QUERY...
    what=$1 expected=$2; shift 2
    for q in "$@"; do expect_eq "$what: $q" "$expected" "$(ids db "$q")"; done
}
same "the acronym finds its expansion, and back" "a1 a2 a4" \
    OPM 'Office of Personnel Management' '"Office of Personnel Management"'
same "inside a phrase" "a1" '"OPM announced"' '"Office of Personnel Management announced"'
same "with another word" "a1" 'OPM hiring' 'Office of Personnel Management hiring'
same "acronym before its expansion" "a5" 'Merit Systems Protection Board' MSPB
expect_eq "a lower-case word is not an acronym" "a2 a4" "$(ids db opm)"
expect_eq "(AP) after other initials defines nothing" "0" \
    "$(xapian-delve -a -1 db 2>/dev/null | grep '^XACRONYM:' | grep -c 'ap ')"
expect_eq "the definitions in the index, as stored" \
    "XACRONYM:aa agency for aid
XACRONYM:mspb merit systems protection board
XACRONYM:opm office of personnel management" \
    "$(xapian-delve -a -1 db | grep '^XACRONYM:')"
expect_eq "analyse --acronyms lists them" \
    "$(printf 'aa\tagency for aid\t1\nmspb\tmerit systems protection board\t1\nopm\toffice of personnel management\t1')" \
    "$("$XAPNEWS" analyse --db db --acronyms)"

# sharded, built by two jobs: every shard's definitions count
"$XAPNEWS" index --db shards --shards 3 --jobs 2 --synonyms none early.jsonl later.jsonl > /dev/null ||
    fail "index shards"
expect_eq "shards: OPM" "a1 a2 a4" "$(ids shards OPM)"
expect_eq "shards: the expansion" "a1 a2 a4" "$(ids shards '"Office of Personnel Management"')"

# conflicting definitions: all kept; an expansion finds the acronym only
# as the acronym's most frequent meaning
cat > pla.jsonl <<'JSON'
{"id":"p1","body":"The People's Liberation Army (PLA) drilled."}
{"id":"p2","body":"The People's Liberation Army (PLA) drilled again."}
{"id":"p3","body":"The Philippine Library Association (PLA) met."}
{"id":"p4","body":"PLA ships sailed."}
{"id":"p5","body":"The Philippine Library Association opened a branch."}
{"id":"p6","body":"The People's Liberation Army marched."}
JSON
"$XAPNEWS" index --db pla --synonyms none pla.jsonl > /dev/null
expect_eq "an acronym finds every meaning" "p1 p2 p3 p4 p5 p6" "$(ids pla PLA)"
expect_eq "the frequent meaning finds the acronym" "p1 p2 p3 p4 p6" \
    "$(ids pla "People's Liberation Army")"
expect_eq "the rare meaning does not" "p3 p5" "$(ids pla 'Philippine Library Association')"
expect_eq "both meanings are listed, with their counts" \
    "pla people's liberation army 2|pla philippine library association 1" \
    "$("$XAPNEWS" analyse --db pla --acronyms --json |
        python3 -c 'import json,sys; print("|".join("%s %s %d" % (a["acronym"], a["expansion"], a["articles"]) for a in json.load(sys.stdin)["acronyms"]))')"
finish
