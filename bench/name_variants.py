#!/usr/bin/python3
"""Names nobody listed: does a misspelt or transliterated surname find the
article that names the person, when the article writes the name once?

    bench/name_variants.py [--xapnews PATH] [--reuters JSONL] [--work DIR]
                           [--once N] [--twice N] [--absent N] [--seed S]
                           [--json FILE] [-- SEARCH OPTIONS...]

From Reuters-21578 (bench/reuters.py's JSON Lines) it takes people written
as a given name (one of ../shared/data/given-name-nicknames) followed by a
capitalised surname of at least five letters that the whole collection
writes once (in one article, once) or twice (in two articles). Each
surname is rewritten 1, 2 or 3 edits away (edit count as Damerau-
Levenshtein distance), two ways: transliterated (each edit a rewrite
between spellings of a sound where one applies: kh/h/ch, ph/f, ou/u,
ee/i, y/i/j, dh/d, w/v, c/k/s, q/k, -sky/-ski/-skiy, -ov/-off, doubled
letters, ...; else a random edit) and mistyped (each edit a random
substitution, insertion, deletion or transposition of letters, the first
letter kept). A variant the index holds as a word is skipped (it is
another word, not a typo). The query is the given name as written and the surname's variant
("Alexei Navalni"), searched as `xapnews search` runs it by default.
Absent names: a given name of the collection with a made-up surname the
index does not hold; the right answer is nothing.

Prints per edit count: queries, recall@10 (the article in the top 10),
first (the article ranked first), and for absent names the share of
queries with any hit and the mean number of hits.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(TOP), "shared", "data")

# transliteration rewrites, each way round
RULES = [("kh", "h"), ("kh", "ch"), ("ph", "f"), ("ou", "u"), ("ee", "i"), ("y", "i"),
         ("y", "j"), ("dh", "d"), ("w", "v"), ("c", "k"), ("c", "s"), ("q", "k"),
         ("g", "k"), ("sky", "ski"), ("ski", "skiy"), ("ov", "off"), ("ev", "eff"),
         ("ck", "k"), ("x", "ks"), ("tz", "ts"), ("sch", "sh"), ("tch", "ch"),
         ("ie", "y"), ("ai", "ay"), ("ei", "ey"), ("oo", "u"), ("j", "dj"), ("zh", "j")]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
VOWELS = "aeiou"


def osa(a, b):
    """Damerau-Levenshtein distance, optimal string alignment."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            c = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + c)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def transliterate(w, rnd):
    options = []
    for x, y in RULES:
        for src, dst in ((x, y), (y, x)):
            for m in re.finditer(re.escape(src), w):
                if m.start() == 0 and src != dst and len(src) == 1 and False:
                    continue
                options.append(w[:m.start()] + dst + w[m.end():])
    # doubled letters: double a consonant or undouble a pair
    for i in range(1, len(w)):
        if w[i] == w[i - 1]:
            options.append(w[:i] + w[i + 1:])
        elif w[i] not in VOWELS:
            options.append(w[:i] + w[i] + w[i:])
    return rnd.choice(options) if options else None


def generic(w, rnd):
    i = rnd.randrange(1, len(w))  # the first letter stays: it is capitalised
    kind = rnd.choice("sidt")
    if kind == "s":
        pool = VOWELS if w[i] in VOWELS else LETTERS
        return w[:i] + rnd.choice([c for c in pool if c != w[i]]) + w[i + 1:]
    if kind == "i":
        return w[:i] + rnd.choice(LETTERS) + w[i:]
    if kind == "d":
        return w[:i] + w[i + 1:]
    if i + 1 < len(w) and w[i] != w[i + 1]:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return None


def variant(surname, k, rnd, known, share=0.5):
    """SURNAME rewritten exactly K edits away, not a word of the index; an
    edit is a transliteration rewrite with probability SHARE (where one
    applies), else a random edit."""
    low = surname.lower()
    for _ in range(200):
        w = low
        for _ in range(k * 3):
            if osa(low, w) >= k:
                break
            x = transliterate(w, rnd) if rnd.random() < share else generic(w, rnd)
            if x is None and share >= 1:
                x = generic(w, rnd)
            if x and x[0] == low[0]:
                w = x
        if osa(low, w) == k and w not in known:
            return w[0].upper() + w[1:]
    return None


def given_names():
    names = set()
    for line in open(os.path.join(DATA, "given-name-nicknames", "names.csv"), encoding="utf-8"):
        p = line.strip().split(",")
        if len(p) == 3 and p[0] != "name1":
            names.add(p[0])
            names.add(p[2])
    return names


WORD = re.compile(r"[A-Za-z]+")
PAIR = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{4,})\b")


def people(path, given):
    """(given, surname, article id) for each person, and every word's
    count and articles (lower case)."""
    words = collections.Counter()
    docs = collections.defaultdict(set)
    found = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        text = (r.get("title") or "") + "\n" + (r.get("body") or "")
        for w in WORD.findall(text):
            words[w.lower()] += 1
            docs[w.lower()].add(r["id"])
        for m in PAIR.finditer(r.get("body") or ""):
            if m.group(1).lower() in given and m.group(2).lower() not in given:
                found.append((m.group(1), m.group(2), r["id"]))
    return found, words, docs


def search(xapnews, db, query, extra):
    out = subprocess.run([xapnews, "search", "--db", db, "--json", "--limit", "10"] + extra +
                         ["--", query], capture_output=True, text=True)
    if out.returncode != 0:
        return [], 0
    d = json.loads(out.stdout)
    return [h["id"] for h in d["hits"]], d["total_estimate"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xapnews", default=os.path.join(TOP, "xapnews"))
    ap.add_argument("--reuters", help="Reuters as JSON Lines (default: made with bench/reuters.py)")
    ap.add_argument("--work")
    ap.add_argument("--db", help="an index of the articles already built")
    ap.add_argument("--once", type=int, default=150)
    ap.add_argument("--twice", type=int, default=60)
    ap.add_argument("--absent", type=int, default=60)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--json")
    ap.add_argument("extra", nargs="*", help="more options for xapnews search")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="xapnews-names.")
    articles = a.reuters
    if not articles:
        articles = os.path.join(work, "reuters.jsonl")
        if not os.path.exists(articles):
            subprocess.run([sys.executable, os.path.join(TOP, "bench", "reuters.py"),
                            os.path.join(DATA, "reuters21578"), articles], check=True,
                           stderr=subprocess.DEVNULL)
    db = a.db or os.path.join(work, "names.xapnews")
    if not a.db:
        subprocess.run([a.xapnews, "index", "--quiet", "--reindex", "--db", db, articles],
                       check=True, stdout=subprocess.DEVNULL)
    given = given_names()
    found, words, docs = people(articles, given)
    rnd = random.Random(a.seed)
    known = set(words)
    by_count = {1: [], 2: []}
    seen = set()
    for g, s, doc in found:
        n = words[s.lower()]
        key = (g, s)
        if key in seen or n not in by_count or len(docs[s.lower()]) != n:
            continue
        seen.add(key)
        by_count[n].append((g, s, doc))
    for n in by_count:
        by_count[n].sort()
        rnd.shuffle(by_count[n])
    results = {}
    rows = []
    for kind, share in (("transliterated", 1.0), ("mistyped", 0.0)):
        for label, n, want in (("once", 1, a.once), ("twice", 2, a.twice)):
            for k in (1, 2, 3):
                hits = first = total = 0
                for g, s, doc in by_count[n][:want]:
                    v = variant(s, k, rnd, known, share)
                    if not v:
                        continue
                    ids, _ = search(a.xapnews, db, "%s %s" % (g, v), a.extra)
                    right = docs[s.lower()]
                    total += 1
                    hits += any(i in right for i in ids)
                    first += bool(ids) and ids[0] in right
                r = {"queries": total, "recall@10": hits / max(total, 1),
                     "first": first / max(total, 1)}
                results["%s/%s/%d" % (kind, label, k)] = r
                rows.append("| %s | written %s | %d | %d | %.3f | %.3f |" %
                            (kind, label, k, total, r["recall@10"], r["first"]))
    # absent names: a given name of the collection, a made-up surname
    givens = sorted({g for g, _, _ in found})
    syl = ["ka", "ro", "vi", "len", "dor", "mi", "sha", "tu", "ber", "lin", "zo", "pra", "nek", "sto"]
    any_hit = n_hits = total = 0
    while total < a.absent:
        s = "".join(rnd.choice(syl) for _ in range(3))
        if s in known or len(s) < 5:
            continue
        ids, est = search(a.xapnews, db, "%s %s" % (rnd.choice(givens), s.capitalize()), a.extra)
        total += 1
        any_hit += bool(ids)
        n_hits += est
    results["absent"] = {"queries": total, "any_hit": any_hit / total, "mean_hits": n_hits / total}
    print("| surname | mentions | edits | queries | recall@10 | right article first |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("absent names: %d queries, %.3f with any hit, %.2f hits on average" %
          (total, any_hit / total, n_hits / total))
    if a.json:
        json.dump(results, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
