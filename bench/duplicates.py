#!/usr/bin/env python3
"""Near-duplicate stories: how well xapnews's story keys find them.

    /usr/bin/python3 bench/duplicates.py [--xapnews BIN] [--reuters DIR]
                                         [--copies N] [--seed S]

1. Reuters-21578 as it is. The collection repeats stories: reissued and
   corrected items, and regular reports written from one template. The
   truth is the exact Jaccard overlap of two bodies' sets of 4-word
   shingles (words: lower-cased \\w+ runs of the indexed body), computed
   for every pair sharing a shingle held by at most 200 articles; a pair
   overlapping by 0.7 or more is a true near duplicate.
   - recall: the share of true pairs whose articles share a story key;
   - precision: the share of pairs within a story whose overlap is 0.7
     or more, and 0.5 or more (stories chain: C may join A's story
     through B).
2. Perturbed copies. N Reuters articles of 60 words or more get a copy as
   another outlet republishes a wire story: a new headline, a dateline
   before the text, a trailing paragraph, and a share of their words
   replaced (0%, 1%, 2% and 5%, one set each). The copies are indexed
   after the whole collection.
   - recall: the share of copies in their original's story;
   - precision: the share of copies placed in a story that is their
     original's (a copy placed in another story is an error; a copy
     starting its own story is a miss, counted by recall).
Needs python3-xapian (Debian's /usr/bin/python3). Prints a table.
"""
import argparse
import collections
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

import xapian

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"\w+")


def shingles(body):
    w = WORD.findall(body.lower())
    return {tuple(w[i:i + 4]) for i in range(len(w) - 3)}


def read_index(path):
    """id -> (story key, body) of every article."""
    db = xapian.Database(path)
    out = {}
    for p in db.postlist(""):
        d = db.get_document(p.docid)
        data = d.get_data().decode("utf-8", "replace")
        body = ""
        for line in data.split("\n"):
            if line.startswith("body="):
                body = line[5:]
        out[d.get_value(4).decode()] = (d.get_value(8).decode(), body)
    return out


def true_pairs(docs, max_df=200):
    """Exact overlaps of every pair sharing a shingle of df <= MAX_DF."""
    sh = {i: shingles(b) for i, (_, b) in docs.items()}
    index = collections.defaultdict(list)
    for i, s in sh.items():
        for g in s:
            index[g].append(i)
    shared = collections.Counter()
    for ids in index.values():
        if 1 < len(ids) <= max_df:
            for a, b in itertools.combinations(sorted(ids), 2):
                shared[a, b] += 1
    overlap = {}
    for (a, b), n in shared.items():
        union = len(sh[a]) + len(sh[b]) - n
        overlap[a, b] = n / union if union else 0.0
    return overlap


def story_pairs(docs):
    groups = collections.defaultdict(list)
    for i, (key, _) in docs.items():
        groups[key or i].append(i)
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            yield a, b


def perturb(rng, article, rate):
    words = article["body"].split()
    fillers = ["said", "officials", "market", "company", "report", "week", "year"]
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = rng.choice(fillers)
    dateline = rng.choice(["NEW YORK (Wire) -", "LONDON, March 3 (Newswire) -",
                           "TOKYO (Agency) -"])
    tail = rng.choice(["Reporting by a correspondent; editing by the desk.",
                       "This story was corrected to fix a figure in the second paragraph.",
                       "Copyright the agency. All rights reserved."])
    return {"id": "copy%d-%s" % (int(rate * 100), article["id"]),
            "title": "Republished: " + article.get("title", "")[:40],
            "date": "1987-12-31", "outlet": "Copy Outlet",
            "body": dateline + " " + " ".join(words) + "\n\n" + tail}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xapnews", default=os.path.join(HERE, "..", "xapnews"))
    ap.add_argument("--reuters", default=os.path.join(HERE, "..", "..", "shared", "data",
                                                      "reuters21578"))
    ap.add_argument("--copies", type=int, default=300, help="articles copied per edit rate")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="xapnews-dups-")
    jsonl = os.path.join(tmp, "reuters.jsonl")
    subprocess.run([sys.executable, os.path.join(HERE, "reuters.py"), args.reuters, jsonl],
                   check=True, stderr=subprocess.DEVNULL)
    articles = [json.loads(l) for l in open(jsonl, encoding="utf-8")]

    rng = random.Random(args.seed)
    long_ones = [a for a in articles if len(a.get("body", "").split()) >= 60]
    rates = [0.0, 0.01, 0.02, 0.05]
    copies, origin = [], {}
    for rate in rates:
        for a in rng.sample(long_ones, args.copies):
            c = perturb(rng, a, rate)
            copies.append(c)
            origin[c["id"]] = (a["id"], rate)
    copies_path = os.path.join(tmp, "copies.jsonl")
    with open(copies_path, "w", encoding="utf-8") as f:
        for c in copies:
            f.write(json.dumps(c) + "\n")

    db = os.path.join(tmp, "db")
    t0 = time.time()
    subprocess.run([args.xapnews, "index", "--db", db, jsonl, copies_path], check=True,
                   stdout=subprocess.DEVNULL)
    secs = time.time() - t0
    docs = read_index(db)

    # 1. Reuters as it is
    reuters = {i: v for i, v in docs.items() if i not in origin}
    overlap = true_pairs(reuters)
    truth = {p for p, j in overlap.items() if j >= 0.7}
    predicted = set(story_pairs(reuters))
    found = len(truth & predicted)
    p7 = sum(1 for p in predicted if overlap.get(p, 0) >= 0.7)
    p5 = sum(1 for p in predicted if overlap.get(p, 0) >= 0.5)
    stories = len({k or i for i, (k, _) in reuters.items()})
    print("Reuters-21578: %d articles, %d stories, %d pairs within stories, %d true pairs "
          "(exact 4-shingle overlap >= 0.7); indexed with %d copies in %.1f s"
          % (len(reuters), stories, len(predicted), len(truth), len(copies), secs))
    print("  recall    %.3f  (%d of %d true pairs share a story)"
          % (found / max(len(truth), 1), found, len(truth)))
    print("  precision %.3f  (pairs within a story overlapping >= 0.7)"
          % (p7 / max(len(predicted), 1)))
    print("  precision %.3f  (pairs within a story overlapping >= 0.5)"
          % (p5 / max(len(predicted), 1)))

    # 2. perturbed copies
    print("\nPerturbed copies (new headline, dateline, trailing paragraph, words replaced):")
    print("  %-14s %8s %8s %10s" % ("words replaced", "copies", "recall", "precision"))
    for rate in rates:
        ids = [c for c, (_, r) in origin.items() if r == rate]
        joined = wrong = 0
        for c in ids:
            key = docs[c][0]
            orig = origin[c][0]
            okey = docs[orig][0] or orig
            if key == okey:
                joined += 1
            elif key != c:
                wrong += 1
        placed = joined + wrong
        print("  %-14s %8d %8.3f %10.3f" % ("%d%%" % int(rate * 100), len(ids),
                                            joined / len(ids), joined / placed if placed else 1.0))
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
