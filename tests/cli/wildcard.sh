#!/bin/sh
# End to end: a word ending in '*' stands for every word starting with it,
# in the text and in title: and official: values; a prefix is never
# "corrected"; a prefix standing for more than 1000 words is refused with
# a message that says so.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/wild.db
printf 'Mikhail Khodorkovsky\t\tBusinessman\tRussia\tKhodorkovsky\n' > "$TMP/officials.tsv"
python3 - > "$TMP/articles.jsonl" <<'PY'
import json
arts = [
    ("k1", "Yukos appeal", "The court heard Mikhail Khodorkovsky on Monday."),
    ("k2", "Yukos family", "His wife Inna Khodorkovskaya spoke later."),
    ("e1", "Election day", "The election was held on Sunday."),
    ("e2", "Results", "Both elections were close."),
    ("e3", "Voters", "The electorate stayed home."),
    ("x1", "Other", "Nothing here."),
]
for aid, title, body in arts:
    print(json.dumps({"id": aid, "title": title, "body": body}))
# one article with 1001 words starting with "zq"
print(json.dumps({"id": "many", "title": "Codes",
                  "body": " ".join("zq%04d" % i for i in range(1001))}))
PY
"$XAPNEWS" index --db "$DB" --officials "$TMP/officials.tsv" "$TMP/articles.jsonl" > /dev/null ||
    fail "index"
expect_eq "Khodor*" "k1 k2" "$(ids "$DB" 'Khodor*')"
expect_eq "official:Khodor*" "k1" "$(ids "$DB" 'official:Khodor*')"
expect_eq "election* (not electorate)" "e1 e2" "$(ids "$DB" 'election*')"
expect_eq "elect*" "e1 e2 e3" "$(ids "$DB" 'elect*')"
expect_eq "title:Elect*" "e1" "$(ids "$DB" 'title:Elect*')"
expect_eq "a prefix with other words" "e2" "$(ids "$DB" 'elect* close')"
expect_eq "excluded prefix" "e3" "$(ids "$DB" 'elect* -election*')"
expect_eq "a prefix matching nothing is not corrected" "None|None|[]|" \
    "$("$XAPNEWS" search --db "$DB" --json 'Khodorx*' |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s|%s|%s|%s" % (d["corrected_query"], d.get("did_you_mean"), d["also_searched"], " ".join(h["id"] for h in d["hits"])))')"
expect_eq "zq0999 is a word" "many" "$(ids "$DB" zq0999)"
"$XAPNEWS" search --db "$DB" 'zq*' > "$TMP/out" 2> "$TMP/err"
expect_eq "too many words: status 5" 5 "$?"
expect_eq "too many words: message" \
    "xapnews: Wildcard zq* expands to more than 1000 terms: give a longer prefix" "$(cat "$TMP/err")"
expect_eq "too many words: nothing on stdout" "" "$(cat "$TMP/out")"
expect_eq "zq00* is 100 words" "many" "$(ids "$DB" 'zq00*')"
finish
