#!/usr/bin/env python3
"""Write realistic 1-3 word queries over Reuters-21578 (bench/queries.txt).

    bench/make_queries.py REUTERS_DIR OUT [--count N] [--seed S]
    bench/make_queries.py REUTERS_DIR OUT --titles [--count N] [--seed S]
    bench/make_queries.py REUTERS_DIR OUT --names [--count N] [--seed S]

With --titles: N whole article titles of 5 to 12 words instead
(bench/titles.txt), lower case, their letters and digits only, searched
with OR as a "more like this headline" search is.

With --names: N people's names as readers type them (bench/names.txt),
from the people tagged in the articles ("james-baker" -> "James Baker"),
capitalised: each person as written, with the surname misspelt, and the
surname alone misspelt. A misspelling is one edit away (two
from 8 letters), a transliteration rewrite or a random edit half the
time each, never a word of the collection (bench/name_variants.py's
variant()); names whose surname has fewer than 4 letters are left out.

Deterministic for a given seed. The queries are lower case words only (no
operators), so every contender (xapnews, plain Xapian QueryParser, SQLite
FTS5) reads them as the same AND of words. They mix, in roughly equal parts:
  - people tagged in the articles (<PEOPLE>, "james-baker" -> "james baker",
    and the surname alone);
  - places and organisations tagged in the articles ("west germany",
    "opec", "worldbank" -> "world bank");
  - topics, by their description in cat-descriptions_120396.txt
    ("money-fx" -> "foreign exchange") or their code's words ("palm-oil");
  - frequent title words and title word pairs;
  - a topic with a place, or a title word with a place, taken from one
    article's tags (e.g. "coffee brazil").
Standard library only.
"""
import argparse
import collections
import glob
import os
import random
import re

STOP = set("""a an and are as at be by for from has have in is it its of on or
that the to was were will with vs pct mln dlrs dlr cts says said sees year
qtr net shr inc corp co ltd plc up down after over into new not no u s
unit units sets set two three first second third""".split())

# topic codes whose words are not what a reader would type
TOPIC_WORDS = {
    "money-fx": "foreign exchange", "ship": "shipping", "interest": "interest rates",
    "bop": "balance of payments", "cpi": "consumer prices", "wpi": "wholesale prices",
    "jobs": "unemployment", "ipi": "industrial production", "cpu": "capacity utilisation",
    "gnp": "gross national product", "money-supply": "money supply", "lei": "leading indicators",
    "housing": "housing starts", "income": "personal income", "instal-debt": "consumer credit",
    "retail": "retail sales", "dlr": "dollar", "stg": "sterling", "dmk": "mark",
    "acq": "acquisition", "earn": "earnings", "crude": "crude oil", "heat": "heating oil",
    "fuel": "fuel oil", "gas": "gasoline", "nat-gas": "natural gas",
    "pet-chem": "petrochemicals", "jet": "jet fuel", "veg-oil": "vegetable oil",
    "iron-steel": "steel", "f-cattle": "cattle", "l-cattle": "cattle",
    "meal-feed": "feed", "strategic-metal": "strategic metals",
    "austdlr": "australian dollar", "hk": "hong kong dollar", "singdlr": "singapore dollar",
    "nzdlr": "new zealand dollar", "can": "canadian dollar", "yen": "yen",
    "sfr": "swiss franc", "ffr": "french franc", "bfr": "belgian franc", "dfl": "guilder",
    "lit": "lira", "dkr": "danish crown", "nkr": "norwegian crown", "skr": "swedish crown",
    "mexpeso": "mexican peso", "saudriyal": "saudi riyal",
}
# place codes a reader would write otherwise; "usa" is left out of pairs
# (nearly every article is tagged usa, and the text writes "U.S.")
PLACE_WORDS = {"usa": "usa", "uk": "britain", "ussr": "soviet union",
               "yemen-demo-republic": "south yemen", "yemen-arab-republic": "north yemen",
               "uae": "united arab emirates"}
ORG_WORDS = {"worldbank": "world bank", "ec": "european community", "imf": "imf"}


def articles(src):
    for path in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in re.finditer(r"<REUTERS\b[^>]*>(.*?)</REUTERS>", data, re.S):
            inner = m.group(1)

            def tags(name):
                t = re.search(r"<%s>(.*?)</%s>" % (name, name), inner, re.S)
                return re.findall(r"<D>(.*?)</D>", t.group(1)) if t else []
            title = re.search(r"<TITLE>(.*?)</TITLE>", inner, re.S)
            body = re.search(r"<BODY>(.*?)</BODY>", inner, re.S)
            yield {"topics": tags("TOPICS"), "places": tags("PLACES"),
                   "people": tags("PEOPLE"), "orgs": tags("ORGS"),
                   "title": title.group(1) if title else "",
                   "body": body.group(1) if body else ""}


def words(text):
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text.lower())
    return [w for w in re.findall(r"[a-z]+", text) if len(w) > 2 and w not in STOP]


def write_queries(path, lines, what, about):
    """Writes LINES to PATH after the line "# N ABOUT", and says so."""
    with open(path, "w") as f:
        f.write("# %d %s\n" % (len(lines), about))
        for q in lines:
            f.write(q + "\n")
    print("make_queries.py: %d %s -> %s" % (len(lines), what, path))


def write_titles(arts, rnd, args):
    seen, titles = set(), []
    for a in arts:
        t = " ".join(re.findall(r"[a-z0-9]+", re.sub(r"&[a-z]+;|&#\d+;", " ",
                                                      a["title"].lower())))
        if 5 <= len(t.split()) <= 12 and t not in seen:
            seen.add(t)
            titles.append(t)
    out = rnd.sample(titles, min(args.count, len(titles)))
    write_queries(args.out, out, "titles", "Reuters-21578 titles of 5-12 words, "
                  "bench/make_queries.py --titles --seed %d" % args.seed)


def write_names(arts, rnd, args):
    from name_variants import variant
    known, people = set(), set()
    for a in arts:
        known.update(w.lower() for w in re.findall(r"[A-Za-z]+", a["title"] + " " + a["body"]))
        people.update(a["people"])
    names = sorted(" ".join(w.capitalize() for w in p.split("-")) for p in people
                   if len(p.split("-")[-1]) >= 4)
    rnd.shuffle(names)
    out = []
    for name in names:
        parts = name.split()
        surname = parts[-1]
        v = variant(surname, 1 if len(surname) < 8 else 2, rnd, known)
        out.append(name)
        if v and len(parts) > 1:
            out.append(" ".join(parts[:-1] + [v]))
        if v:
            out.append(v)
    rnd.shuffle(out)
    out = out[:args.count]
    write_queries(args.out, out, "names", "people's names over Reuters-21578, as written or "
                  "misspelt, bench/make_queries.py --names --seed %d" % args.seed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=21578)
    ap.add_argument("--titles", action="store_true")
    ap.add_argument("--names", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    arts = list(articles(args.src))
    if args.titles:
        return write_titles(arts, rnd, args)
    if args.names:
        return write_names(arts, rnd, args)

    people, places, orgs, topics = (collections.Counter() for _ in range(4))
    uni, bi = collections.Counter(), collections.Counter()
    combos = []
    for a in arts:
        people.update(a["people"])
        places.update(a["places"])
        orgs.update(a["orgs"])
        topics.update(a["topics"])
        w = words(a["title"])
        uni.update(set(w))
        bi.update(set(zip(w, w[1:])))
        pl = [p for p in a["places"] if p != "usa"]
        if a["topics"] and pl:
            combos.append((a["topics"][0], pl[0]))
        elif w and pl:
            combos.append((w[0], pl[0]))

    def slug(s, table=None):
        if table and s in table:
            return table[s]
        return s.replace("-", " ")

    pools = {
        "people": sorted({slug(p) for p in people} |
                         {p.split("-")[-1] for p in people if "-" in p}),
        "places_orgs": sorted({slug(p, PLACE_WORDS) for p in places} | {slug(o, ORG_WORDS) for o in orgs}),
        "topics": sorted({slug(t, TOPIC_WORDS) for t in topics}),
        "title_words": [w for w, _ in uni.most_common(120)] +
                       ["%s %s" % b for b, c in bi.most_common(120)],
        "combos": sorted({"%s %s" % (slug(t, TOPIC_WORDS).split()[0], slug(p, PLACE_WORDS))
                          for t, p in combos}),
    }
    per = args.count // len(pools)
    queries = []
    for name in sorted(pools):
        pool = [q for q in pools[name] if 1 <= len(q.split()) <= 3]
        rnd.shuffle(pool)
        queries += pool[:per]
    seen, out = set(), []
    for q in queries:
        if q not in seen:
            seen.add(q)
            out.append(q)
    rnd.shuffle(out)
    write_queries(args.out, out, "queries",
                  "queries over Reuters-21578, bench/make_queries.py --seed %d" % args.seed)


if __name__ == "__main__":
    main()
