#!/bin/sh
# A C++ portal with its own Xapian::QueryParser (examples/portal.cc) that
# registers xapnews's official:, outlet: and date: processors
# (xapnews_portal.h) finds what xapnews's own parser finds for those fields,
# passes xapnews's errors on as exceptions, and can add xapnews's variant
# expansion for free text; the library exports the C++ API and nothing else
# beyond the C one.
. "$top_srcdir/tests/cli/lib.sh"
PORTAL=$top_builddir/examples/cpp_portal
DB=$TMP/seed.db
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" > /dev/null || fail "index"

# portal [OPTIONS] QUERY: the sorted short ids (000 ...) of the portal's hits
portal() {
    "$PORTAL" "$@" > "$TMP/out" 2> "$TMP/err" || return $?
    sed 's/_[0-9a-f]*$//' "$TMP/out" | sort | tr '\n' ' ' | sed 's/ $//'
}
hits() { # hits QUERY: what the portal finds
    portal "$DB" "$1"
}
same() { # same WHAT EXPECTED QUERY...: the portal gives EXPECTED for each
    what=$1 expected=$2; shift 2
    for q in "$@"; do expect_eq "$what: $q" "$expected" "$(hits "$q")"; done
}

# ---- the processors ----------------------------------------------------------------
same "official: any spelling" "000 001 002 003" \
    'official:"Jeh Jonson"' 'official:"Jeh Johnson"' official:Shengkum \
    'official:"Guo Shengkum"'
same "official: by surname" "003 004" 'official:"Barack Obama"' official:Obama
same "official: found in the text" "003" 'official:"Suzanne Spaulding"'
same "outlet: aliases" "004" outlet:CDT 'outlet:"China Digital Times"' \
    outlet:chinadigitaltimes.net
same "outlet: alias with dots" "003" outlet:Hill.TV 'outlet:"The Hill"'
same "date: range" "002" date:2016-12-01..2016-12-31 date:2016-12..2016-12 \
    date:2016..2016
same "date: single dates" "002" date:2016-12 date:2016-12-12 date:2016
same "date: open ranges" "001" date:..2015-12-31 date:..2015
same "date: open range with nothing in it" "" date:2016-12-13..
# Shengkum: the portal's own parser with FLAG_AUTO_SYNONYMS finds the
# articles that wrote Shengkun (000 001 002 003); 000 and 003 have no date
same "the portal's words with a date range" "001 002" 'Shengkum date:..2016-12-31'
same "the portal's words with an outlet" "003" 'talks outlet:"The Hill"'
same "two values of a field must both match, as in xapnews" "" \
    'outlet:CDT outlet:"The Hill"'
same "OR of two outlets" "003 004" 'outlet:CDT OR outlet:"The Hill"'
same "official: and date: together" "002" 'official:"Jeh Jonson" date:2016'

# ---- the same hits as xapnews's own parser ---------------------------------------------
for q in 'official:"Jeh Jonson"' 'official:"Loretta E. Lynch"' official:Evanina \
    'official:"Wang Qun"' outlet:CDT 'outlet:"Gadgets 360"' date:2015 \
    date:..2016-12-31 'official:"Guo Shengkum" date:2015..2016' \
    'talks outlet:"The Hill"'; do
    expect_eq "as xapnews: $q" "$(ids "$DB" "$q" | sed 's/_[0-9a-f]*//g')" "$(hits "$q")"
done

# ---- xapnews's errors become exceptions the portal reports -------------------------------
hits 'date:2016-13..2017' > /dev/null
expect_eq "bad date: exit status" 2 $?
expect_eq "bad date: xapnews's message" \
    "portal: QueryParserError: date:2016-13..2017: bad date '2016-13': month 13 out of range 01-12" \
    "$(cat "$TMP/err")"
hits 'date:2017..2016' > /dev/null
expect_eq "inverted range: message" \
    "portal: QueryParserError: date:2017..2016: date range '2017..2016' ends before it starts" \
    "$(cat "$TMP/err")"
hits 'x date:2016-02-30' > /dev/null
expect_eq "bad single date: exit status" 2 $?
case $(cat "$TMP/err") in
"portal: QueryParserError: date:2016-02-30: bad date '2016-02-30': "*) pass "bad single date: message" ;;
*) fail "bad single date: message: $(cat "$TMP/err")" ;;
esac
hits 'official:""' > /dev/null
expect_eq "empty official: message" \
    "portal: QueryParserError: official:\"\": official: needs a value" "$(cat "$TMP/err")"

# ---- variant expansion of free text -----------------------------------------------------
# stock Xapian matches single-word variants through the synonym table, not
# forms made of other words; xapnews::expand_variants adds them
for q in U.S. 'Loretta E. Lynch' '"Attorney General Loretta Lynch"' \
    'Guo Shengkum' cyber-security '$590 billion'; do
    expect_eq "--expand as xapnews: $q" "$(ids "$DB" "$q" | sed 's/_[0-9a-f]*//g')" \
        "$(portal --expand "$DB" "$q")"
done
expect_eq "--expand: U.S. finds every United States" "000 001 002 003 004" \
    "$(portal --expand "$DB" U.S.)"
portal --expand "$DB" '(talks' > /dev/null
expect_eq "--expand: syntax error: exit status" 2 $?
expect_eq "--expand: syntax error: xapnews's message with the column" \
    "portal: QueryParserError: query syntax error at column 1: '(' is never closed" \
    "$(cat "$TMP/err")"

# ---- official: through add_prefix(): weighted, one word at a time --------------------------
for q in official:jonson official:Johnson official:shengkum; do
    expect_eq "add_prefix official: $q" "000 001 002 003" \
        "$(portal --weighted-official "$DB" "$q")"
done

# ---- xapnews::add_processors() registers the same --------------------------------------------
for q in 'official:"Jeh Jonson"' outlet:chinadigitaltimes.net date:2016-12 \
    'Shengkum date:..2016-12-31' 'outlet:CDT outlet:"The Hill"'; do
    expect_eq "add_processors: $q" "$(hits "$q")" "$(portal --add-processors "$DB" "$q")"
done

# ---- the shared library exports the C API and the C++ xapnews:: API only -----------------
so=$(ls "$top_builddir"/.libs/libxapnews.so.* 2>/dev/null | head -n 1)
if [ -n "$so" ]; then
    nm -DC --defined-only "$so" | cut -d' ' -f3- | sed 's/@.*//' > "$TMP/syms"
    expect_eq "nothing but xapnews_* and xapnews:: exported" "" \
        "$(grep -v -e '^xapnews_' -e '^xapnews::' -e '^vtable for xapnews::' \
            -e '^typeinfo for xapnews::' -e '^typeinfo name for xapnews::' \
            -e '^XAPNEWS_0$' "$TMP/syms" | head -n 5)"
    for sym in 'xapnews::OfficialFieldProcessor::operator()' \
        'xapnews::OutletFieldProcessor::operator()' \
        'xapnews::DateRangeProcessor::operator()' \
        'xapnews::DateFieldProcessor::operator()' 'xapnews::expand_variants(' \
        'xapnews::add_processors(' 'vtable for xapnews::OfficialFieldProcessor'; do
        grep -qF "$sym" "$TMP/syms" && pass "exported: $sym" || fail "not exported: $sym"
    done
fi

finish
