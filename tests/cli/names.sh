#!/bin/sh
# End to end: names nobody listed. A name misspelt or transliterated
# otherwise than the one article that writes it finds that article, with
# the correction shown; a capitalised word is corrected to a name within
# reach, never to a common word; a name no article holds finds (almost)
# nothing. (Rules: plugin/query/typos.h, plugin/common/name_distance.h.)
. "$top_srcdir/tests/cli/lib.sh"
DB=$TMP/names.db
python3 - > "$TMP/articles.jsonl" <<'PY'
import json
arts = [
    ("navalny", "Opposition rally", "Thousands marched in Moscow where Alexei Navalny spoke briefly."),
    ("zelensky", "Kyiv talks", "The visit of President Volodymyr Zelenskyy was confirmed on Monday."),
    ("putin", "Kremlin", "On Monday President Putin met the governors."),
    ("gorbachev", "Summit", "In Reykjavik Mikhail Gorbachev proposed deep cuts."),
    ("routine", "Checks", "The routine inspection found nothing; routine checks resume."),
    ("chirac", "Paris", "In Paris, President Chirac named a new cabinet."),
    ("shirk", "Duty", "Officials must not shirk their duty."),
    ("risen", "Prices", "Prices have risen sharply."),
]
for i in range(3):
    arts.append(("khodorkovsky-%d" % i, "Yukos case %d" % i,
                 "The court heard that Mikhail Khodorkovsky had appealed (hearing %d)." % i))
for i in range(6):
    arts.append(("eriksson-%d" % i, "Football %d" % i,
                 "The coach, Sven-Goran Eriksson, named his squad for match %d." % i))
for aid, title, body in arts:
    print(json.dumps({"id": aid, "title": title, "body": body}))
PY
"$XAPNEWS" index --db "$DB" "$TMP/articles.jsonl" > /dev/null || fail "index"

# corrected QUERY...: "corrected query|ids of the hits"
corrected() {
    "$XAPNEWS" search --db "$DB" --json "$@" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print("%s|%s" % (d["corrected_query"], " ".join(sorted(h["id"] for h in d["hits"]))))'
}
expect_eq "a name written once, one letter off" "Alexei Navalny|navalny" "$(corrected 'Alexei Navalni')"
expect_eq "a transliteration: -sky for -skyy" "Volodymyr Zelenskyy|zelensky" \
    "$(corrected 'Volodymyr Zelensky')"
expect_eq "Gorbachov for Gorbachev, written once" "Mikhail Gorbachev|gorbachev" \
    "$(corrected 'Mikhail Gorbachov')"
expect_eq "Khodorkovski: a capitalised word is searched unstemmed, so the name is found" \
    "Khodorkovsky|khodorkovsky-0 khodorkovsky-1 khodorkovsky-2" "$(corrected Khodorkovski)"
expect_eq "khodorkovski in lower case finds them through its stem" \
    "None|khodorkovsky-0 khodorkovsky-1 khodorkovsky-2" "$(corrected khodorkovski)"
expect_eq "Poutine: the name, not the common word" "Putin|putin" "$(corrected Poutine)"
expect_eq "Shirak: the name, not shirk" "Chirac|chirac" "$(corrected Shirak)"
expect_eq "Eriksen: the name six articles write, not risen" \
    "Eriksson|eriksson-0 eriksson-1 eriksson-2 eriksson-3 eriksson-4 eriksson-5" \
    "$(corrected Eriksen)"
expect_eq "an ordinary word is still corrected when no name is near" "routine|routine" \
    "$(corrected rootine)"
expect_eq "--no-typos searches as typed" "None|" "$(corrected --no-typos 'Alexei Navalni')"
expect_eq "a name no article holds finds nothing" "None|" "$(corrected 'Gary Wolkowicz')"

# eval runs queries as corrected when asked (--corrected): a misspelt
# ordinary word finds nothing as typed, its correction the article
printf 'q1\trootine\nq2\tAlexei Navalni\n' > "$TMP/q.tsv"
printf 'q1 0 routine 1\nq2 0 navalny 1\n' > "$TMP/q.qrels"
ndcg() { "$XAPNEWS" eval --db "$DB" --queries "$TMP/q.tsv" --qrels "$TMP/q.qrels" --per-query "$@" |
    awk '$1 == "ndcg_cut_10" { printf "%s=%s ", $2, $3 }'; }
expect_eq "eval as typed: the name is found through typo tolerance" \
    "q1=0.0000 q2=1.0000 all=0.5000 " "$(ndcg)"
expect_eq "eval --corrected" "q1=1.0000 q2=1.0000 all=1.0000 " "$(ndcg --corrected)"
expect_eq "eval --corrected says so" \
    "# mode: AND for queries of up to 3 words, OR for longer ones; typos on; corrected search (2 AND, 0 OR)" \
    "$("$XAPNEWS" eval --db "$DB" --queries "$TMP/q.tsv" --qrels "$TMP/q.qrels" --corrected | head -n 1)"

# the human output says what it searched
expect_eq "Showing results for ..." \
    "Showing results for Alexei Navalny. Search instead for: Alexei Navalni" \
    "$("$XAPNEWS" search --db "$DB" --color never 'Alexei Navalni' | head -n 1)"
finish
