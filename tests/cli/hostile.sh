#!/bin/sh
# Hostile queries: with --strict a clear message (exit 5) or a sensible
# result, never a crash; without it, text that does not parse is searched
# as plain words and the output says why. The limits are documented in
# the README.
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/seed.db
"$XAPNEWS" index --db "$DB" "$top_srcdir/corpus" > /dev/null || fail "index"
q() { # q QUERY: "rc|first line of stderr|number of hits", with --strict
    "$XAPNEWS" search --db "$DB" --json --strict -- "$1" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    hits=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["hits"]))' "$TMP/out" 2>/dev/null)
    echo "$rc|$(head -n 1 "$TMP/err")|${hits:--}"
}
expect_eq "unbalanced quote: the rest is a phrase" "0||4" "$(q '"guo shengkun')"
expect_eq "unclosed parenthesis" "5|xapnews: query syntax error at column 1: '(' is never closed|-" "$(q '(guo')"
expect_eq "stray parenthesis" "5|xapnews: query syntax error at column 4: ')' without a matching '('|-" "$(q 'guo)')"
expect_eq "unknown field: plain text" "0||0" "$(q 'foo:bar')"
expect_eq "empty field" "5|xapnews: query syntax error at column 1: title: needs a value|-" "$(q 'title:')"
expect_eq "empty quoted field" "5|xapnews: query syntax error at column 1: outlet: needs a value|-" "$(q 'outlet:""')"
expect_eq "bad month" "5|xapnews: query syntax error at column 1: bad date '2016-99': month 99 out of range 01-12|-" "$(q 'date:2016-99')"
expect_eq "inverted range" "5|xapnews: query syntax error at column 1: date range '2017..2016' ends before it starts|-" "$(q 'date:2017..2016')"
expect_eq "range without ends" "5|xapnews: query syntax error at column 1: date range '..' needs at least one end|-" "$(q 'date:..')"
expect_eq "empty date" "5|xapnews: query syntax error at column 1: date: needs a date or a range (e.g. date:2016-01-01..2016-06-30)|-" "$(q 'date:')"
# forgiving by default: the same queries, searched as plain words
loose() { # loose QUERY: "rc|syntax_error|ids of the hits"
    "$XAPNEWS" search --db "$DB" --json --no-typos -- "$1" 2> /dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s|%s" % (d["syntax_error"], " ".join(sorted(h["id"][:3] for h in d["hits"]))))'
}
expect_eq "pasted text with an unclosed parenthesis" \
    "query syntax error at column 14: '(' is never closed|000 001 002 003" "$(loose 'Guo Shengkun (China')"
expect_eq "plain words: same hits as without the parenthesis" \
    "None|000 001 002 003" "$(loose 'Guo Shengkun China')"
expect_eq "stray parenthesis: plain words" \
    "query syntax error at column 4: ')' without a matching '('|000 001 002 003" "$(loose 'guo)')"
expect_eq "bad date: plain words" \
    "query syntax error at column 7: bad date '2016-99': month 99 out of range 01-12|" \
    "$(loose 'talks date:2016-99')"
expect_eq "a 334-word query is searched" "None" \
    "$(loose "$(python3 -c 'print(" ".join(["talks"] * 334))')" | cut -d'|' -f1)"
expect_eq "a boost weighs a word more" "001 003 000" \
    "$("$XAPNEWS" search --db "$DB" --json --no-typos 'Lynch^3 talks' |
        python3 -c 'import json,sys; print(" ".join(h["id"][:3] for h in json.load(sys.stdin)["hits"]))')"
expect_eq "a bad boost is a syntax error" \
    "5|xapnews: query syntax error at column 6: a boost (^N) takes a number above 0, at most 1000|-" \
    "$(q 'Lynch^0 talks')"
for boost in '^-1' '^nan' '^inf' '^abc' '^1e9' '^2x'; do
    expect_eq "a bad boost $boost is a syntax error" \
        "5|xapnews: query syntax error at column 6: a boost (^N) takes a number above 0, at most 1000|-" \
        "$(q "Lynch$boost talks")"
done
expect_eq "a caret before white space is no boost" "0||3" "$(q 'Lynch^ talks')"
# after the options a word starting with '-' is a query word
"$XAPNEWS" search --db "$DB" --no-typos -hacking > "$TMP/out" 2> "$TMP/err"
expect_eq "a leading -word is a query: exit 0" "0" "$?"
expect_eq "a leading -word is a query: every article but those" "" "$(cat "$TMP/err")"
for junk in '****' '???' 'AND OR NOT' '+ - +' '()' '"""' "'" '\' 'a:b:c:d' '$$$'; do
    expect_eq "no words: '$junk'" "0||0" "$(q "$junk")"
done
expect_eq "only an exclusion: every article but those" "0||0" "$(q '-china')"
expect_eq "exclusion of a missing word keeps everything" "0||5" "$(q '-zyzzyva')"
deep=$(python3 -c 'print("(" * 100 + "china" + ")" * 100)')
expect_eq "deep nesting" "5|xapnews: query syntax error at column 65: parentheses nested more than 64 deep|-" "$(q "$deep")"
big=$(python3 -c 'print("x" * 102400)')
expect_eq "100 KB query" "5|xapnews: query is 102400 bytes long; the limit is 65536 bytes|-" "$(q "$big")"
many=$(python3 -c 'print(" ".join("w%d" % i for i in range(2000)))')
expect_eq "too many words" "5|xapnews: query syntax error at column 5035: the query has more than 1024 words|-" "$(q "$many")"
ctrl=$(printf 'guo\001\002shengkun\177')
expect_eq "control characters separate words" "0||4" "$(q "$ctrl")"
badutf=$(printf 'guo \377\376 shengkun')
expect_eq "invalid UTF-8 in a query" "0||4" "$(q "$badutf")"
# JSON output is UTF-8 whatever bytes come in: --marks and a query id of
# an eval file are written with U+FFFD for what is not UTF-8
"$XAPNEWS" search --db "$DB" --json -n 1 --marks "$(printf '\377,\355\240\200')" -- hotline \
    > "$TMP/out" 2> "$TMP/err"
expect_eq "invalid UTF-8 marks: exit 0" "0" "$?"
expect_eq "invalid UTF-8 marks: the JSON parses, the marks as U+FFFD" "yes" \
    "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1], "rb"))["hits"][0]["snippet"]
print("yes" if "\ufffdhotline\ufffd" in s.lower() else s)' "$TMP/out")"
printf 'q\214\thotline\nq\3772\tzyzzyva\n' > "$TMP/bad.tsv"
id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' \
    "$top_srcdir/corpus/manifest.jsonl")
printf 'q\214 0 %s 1\nq\3772 0 %s 1\n' "$id" "$id" > "$TMP/bad.qrels"
"$XAPNEWS" eval --db "$DB" --queries "$TMP/bad.tsv" --qrels "$TMP/bad.qrels" --json --per-query \
    > "$TMP/out" 2> "$TMP/err"
expect_eq "invalid UTF-8 query ids: exit 0" "0" "$?"
expect_eq "invalid UTF-8 query ids: the JSON parses, the ids with U+FFFD" "'q\\ufffd' 'q\\ufffd2'" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1], "rb"))
print(" ".join(ascii(k) for k in sorted(d["per_query"])))' "$TMP/out")"
finish
