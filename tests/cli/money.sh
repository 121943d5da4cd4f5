#!/bin/sh
# End to end: an amount of money written in any style outlets use finds
# every article writing that amount in any style, as words, as a phrase,
# inside a longer phrase and in the title, and never an article writing
# another amount or the same number in another currency. A number with a
# scale and no currency finds the value in any currency; a number without
# either, the number as written. (Rules: plugin/analysis/tokenizer.h.)
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/money.db

# The amounts, each written in several styles: GROUP|STYLE|STYLE...
cat > "$TMP/groups" <<'EOF'
usd-1.13bn|$1.13bn|$1.13 billion|US$1.13 billion|US$1,130 million|USD 1.13 billion|1.13 billion dollars|1.13 billion U.S. dollars|1,130 mln dlrs|$1,130,000,000|1.13bn USD
gbp-1.13bn|£1.13bn|1.13 billion pounds|GBP 1.13 billion|1.13 billion pounds sterling
eur-1.13bn|€1.13bn|1.13 billion euros
jpy-1.13bn|¥1.13bn|1.13 billion yen
cad-1.13bn|C$1.13bn|1.13 billion Canadian dollars
inr-1.13bn|Rs 113 crore|₹113 crore|1.13 billion rupees
usd-1.13m|$1.13m|$1.13 million|1.13 million dollars
usd-590bn|$590bn|590 billion dollars|US$590 billion
EOF

# One article per style: "The fund paid STYLE to the bank on Monday."
python3 - "$TMP/groups" > "$TMP/articles.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    group, *styles = line.rstrip("\n").split("|")
    for k, s in enumerate(styles, 1):
        print(json.dumps({"id": "%s-%d" % (group, k), "title": "Fund pays %s" % s,
                          "body": "The fund paid %s to the bank on Monday." % s},
                         ensure_ascii=False))
# a scaled number without currency, and numbers that are no amounts
print(json.dumps({"id": "bare-1.13bn", "body": "The museum had 1.13 billion visitors."}))
print(json.dumps({"id": "rates", "body": "LISBON EXCHANGES - APRIL 7\n USD      140.285/140.639\n"
                  " STG      227.137/227.675"}))
print(json.dumps({"id": "numbers", "body": "B-52 bombers flew 3m above the 2016 line; "
                  "call 555-1234 or +44 20 7946 0958 about the 5-year plan and its 4K screens."}))
PY
"$XAPNEWS" index --db "$DB" "$TMP/articles.jsonl" > /dev/null || fail "index"

# ---- every style of an amount finds every style of it, and nothing else -------
# checks: EXPECTED<TAB>QUERY lines, generated from the groups
python3 - "$TMP/groups" > "$TMP/checks" <<'PY'
import sys
groups = {}
for line in open(sys.argv[1], encoding="utf-8"):
    group, *styles = line.rstrip("\n").split("|")
    groups[group] = ["%s-%d" % (group, k) for k in range(1, len(styles) + 1)], styles
for group, (ids, styles) in groups.items():
    expected = " ".join(sorted(ids))
    for s in styles:
        for q in (s, '"%s"' % s, '"fund paid %s to the bank"' % s, 'fund %s Monday' % s,
                  '"The fund paid %s"' % s, '"%s to the bank"' % s, 'title:"%s"' % s,
                  'title:"Fund pays %s"' % s):
            print("%s\t%s" % (expected, q))
PY
while IFS='	' read -r expected q; do
    expect_eq "$q" "$expected" "$(ids "$DB" "$q")"
done < "$TMP/checks"
expect_eq "every style of every amount checked" \
    "$(($(tr -cd '|' < "$TMP/groups" | wc -c) * 8))" "$(wc -l < "$TMP/checks")"

# ---- a number with a scale and no currency: the value in any currency ----------
hits() { ids "$DB" "$@"; }
all_113bn=$(printf '%s\n' usd-1.13bn-1 usd-1.13bn-2 usd-1.13bn-3 usd-1.13bn-4 usd-1.13bn-5 \
    usd-1.13bn-6 usd-1.13bn-7 usd-1.13bn-8 usd-1.13bn-9 usd-1.13bn-10 gbp-1.13bn-1 \
    gbp-1.13bn-2 gbp-1.13bn-3 gbp-1.13bn-4 eur-1.13bn-1 eur-1.13bn-2 jpy-1.13bn-1 \
    jpy-1.13bn-2 cad-1.13bn-1 cad-1.13bn-2 inr-1.13bn-1 inr-1.13bn-2 inr-1.13bn-3 |
    sort | tr '\n' ' ' | sed 's/ $//')
for q in '1.13 billion' '1.13bn' '1,130 million' '1130000000' '"1.13 bln"'; do
    expect_eq "no currency, any currency: $q" "bare-1.13bn $all_113bn" "$(hits "$q")"
done
expect_eq "no currency, inside a phrase" "$all_113bn" "$(hits '"paid 1.13 billion to the bank"')"
expect_eq "no currency, another value" "" "$(hits '1.14 billion')"

# ---- a number without scale: as written; with a currency, in that currency -----
# (which styles write the number 1.13 apart, and in dollars: read from the
# styles themselves)
written=$(python3 - "$TMP/groups" <<'PY'
import re, sys
apart, dollars = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    group, *styles = line.rstrip("\n").split("|")
    for k, s in enumerate(styles, 1):
        aid = "%s-%d" % (group, k)
        if re.search(r"(^|[\s$£€¥₹])1\.13(\s|$)", s):
            apart.append(aid)
        if group.startswith("usd-") and re.match(r"^(\$|US\$|USD )?1\.13\D", s):
            dollars.append(aid)
apart.append("bare-1.13bn")
print(" ".join(sorted(apart)))
print(" ".join(sorted(dollars)))
PY
)
expect_eq "a number as written" "$(echo "$written" | sed -n 1p)" "$(hits 1.13)"
expect_eq "dollars, the number as written" "$(echo "$written" | sed -n 2p)" "$(hits '$1.13')"
expect_eq "dollars, the number as written, in a phrase" \
    "$(echo "$written" | sed -n 2p)" "$(hits '"paid $1.13"')"

# ---- a code between two numbers belongs to both ------------------------------------
for q in 'USD 140.285' '"USD 140.285"' '140.285 dollars' '7 USD' '"APRIL 7 USD"' \
    '"7 USD 140.285"' '"APRIL 7 USD 140.285"'; do
    expect_eq "both amounts: $q" "rates" "$(hits "$q")"
done
expect_eq "not the other currency" "" "$(hits '140.285 pounds')"

# ---- the words stay words ------------------------------------------------------------
expect_eq "a phrase of the words as written" "usd-1.13bn-6 usd-590bn-2" \
    "$(hits '"billion dollars"')"
expect_eq "a word of a currency" \
    "cad-1.13bn-2 usd-1.13bn-6 usd-1.13bn-7 usd-1.13m-3 usd-590bn-2" "$(hits dollars)"
expect_eq "the currency's code finds its amounts" "eur-1.13bn-1 eur-1.13bn-2" "$(hits eur)"

# ---- numbers that are no amounts -------------------------------------------------------
for q in B-52 3m 2016 555-1234 '"+44 20 7946 0958"' '"5-year plan"' 4K; do
    expect_eq "as written: $q" "numbers" "$(hits "$q")"
done
for q in '3 million' '$3m' 3000000 '4 thousand' 2016bn '$2016'; do
    expect_eq "not an amount there: $q" "" "$(hits "$q")"
done

# ---- the styles of the issue that asked for this, as outlets wrote them --------
cat > "$TMP/outlets.jsonl" <<'JSON'
{"id": "gbp-600m", "body": "The bank set aside £600m for fines."}
{"id": "eur-5bn", "body": "Brussels pledged €5bn to the fund."}
{"id": "jpy-2tn", "body": "Tokyo approved a ¥2tn stimulus."}
{"id": "mn-1.5", "body": "The film sold 1.5mn tickets."}
{"id": "usd-639m", "body": "Net profit rose to $1.2bn from $639m year-earlier."}
{"id": "usd-600m", "body": "The fund raised $600m."}
JSON
"$XAPNEWS" index --db "$TMP/outlets.db" "$TMP/outlets.jsonl" > /dev/null || fail "index outlets"
o() { ids "$TMP/outlets.db" "$@"; }
expect_eq "£600m as 600 million pounds" "gbp-600m" "$(o '"600 million pounds"')"
expect_eq "£600m is not \$600m" "usd-600m" "$(o '$600m')"
expect_eq "600 million: either currency" "gbp-600m usd-600m" "$(o '600 million')"
expect_eq "€5bn as EUR 5 billion" "eur-5bn" "$(o '"EUR 5 billion"')"
expect_eq "¥2tn as 2 trillion yen" "jpy-2tn" "$(o '"2 trillion yen"')"
expect_eq "1.5mn as 1.5 million" "mn-1.5" "$(o '1.5 million')"
expect_eq "\$639m year-earlier as 639 million dollars" "usd-639m" "$(o '"639 million dollars"')"
expect_eq "\$639m year-earlier, the phrase as written" "usd-639m" "$(o '"$639m year-earlier"')"
finish
