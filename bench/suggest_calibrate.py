#!/usr/bin/env python3
"""Fit and check the calibrated score of `xapnews synonyms suggest`.

    suggest_calibrate.py fit RUN_DIR... [--judged JUDGMENTS.tsv]
    suggest_calibrate.py check RUN_DIR... [--judged JUDGMENTS.tsv]

Each RUN_DIR is a work folder of bench/suggest_quality.sh kept with KEEP=1
(truth.tsv, vocabulary.txt and deep.json: the first 5000 pairs). A pair is
labelled genuine (1) when it joins an injected misspelling with its
surname, or when bench/suggest_judgments.tsv judges it "same"; wrong (0)
when it pairs an injected misspelling with another word, or when the
judgments say "different". The corpus's own pairs that nobody judged are
left out. Only the first 300 pairs of each run count: the pairs a user
reads.

fit: logistic regression (gradient descent, small L2 penalty) of the
label on the evidence sum that plugin/discovery/suggest.c computes (see
xn_suggest_score() in suggest.h): the score is then 1 / (1 + exp(-(A x +
B))), x the evidence sum, and the script prints A (the weight of
"evidence") and B (the intercept) to copy there.

check: with the scores the build wrote, prints the reliability of the
score (for each band of scores, how many pairs are genuine) and the
precision of the top 30 of each run over the labelled pairs.

Python 3 standard library only.
"""
import argparse
import json
import math
import os

FEATURES = ["evidence"]
TOP = 300


def features(p):
    e = p["evidence"]
    v, c = p["variant"], p["canonical"]
    length = max(len(v), len(c))
    spelling = 1.0 if e["joined"] else max(0.0, 1.0 - e["edits"] / length)
    vd, cd = e["variant_docs"], e["canonical_docs"]
    rarity = max(0.0, (cd - vd) / (cd + vd)) if cd + vd else 0.0
    names = min(1.0, max(0.0, min(e["variant_names"], e["canonical_names"])))
    context = min(1.0, max(0.0, e["context"]))
    alike = 1.0 if e["joined"] or context >= 0.1 else context / 0.1
    support = min(1.0, math.log1p(vd) / math.log1p(8)) * min(1.0, 2 * rarity) * alike
    official = alike if e["official"] else 0.0
    text = (0.15 * spelling + 0.10 * e["phonetic"] + 0.25 * context + 0.10 * rarity +
            0.10 * names + 0.30 * support)
    return [0.85 * text + 0.15 * official]


def labelled(dirs, judged_path):
    judged = {}
    if judged_path:
        with open(judged_path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                v, c, verdict = line.rstrip("\n").split("\t")[:3]
                judged[(v, c)] = 1 if verdict == "same" else 0
    runs = []
    for d in dirs:
        truth = {}
        with open(os.path.join(d, "truth.tsv"), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                truth[parts[0]] = parts[1]
        with open(os.path.join(d, "deep.json"), encoding="utf-8") as f:
            pairs = json.load(f)[:TOP]
        rows = []
        for rank, p in enumerate(pairs, 1):
            v, c = p["variant"], p["canonical"]
            if truth.get(v) == c or truth.get(c) == v:
                label = 1
            elif v in truth or c in truth:
                label = 0
            elif (v, c) in judged:
                label = judged[(v, c)]
            else:
                continue
            rows.append((rank, p, label))
        runs.append((d, rows))
    return runs


def fit(args):
    runs = labelled(args.dirs, args.judged)
    data = [(features(p), y) for _, rows in runs for _, p, y in rows]
    n, k = len(data), len(FEATURES)
    w, b = [0.0] * k, 0.0
    rate, l2 = 0.5, 1e-3
    for _ in range(20000):
        gw, gb = [0.0] * k, 0.0
        for x, y in data:
            z = b + sum(wi * xi for wi, xi in zip(w, x))
            err = 1 / (1 + math.exp(-z)) - y
            gb += err
            for i in range(k):
                gw[i] += err * x[i]
        b -= rate * gb / n
        for i in range(k):
            w[i] -= rate * (gw[i] / n + l2 * w[i])
    print("pairs: %d (genuine %d, wrong %d)" % (n, sum(y for _, y in data),
                                                 sum(1 - y for _, y in data)))
    print("intercept %+.2f" % b)
    for name, wi in zip(FEATURES, w):
        print("%-12s %+.2f" % (name, wi))


def check(args):
    runs = labelled(args.dirs, args.judged)
    bands = [[0, 0] for _ in range(50)]
    for _, rows in runs:
        for _, p, y in rows:
            i = min(49, int(p["score"] * 50))
            bands[i][0] += 1
            bands[i][1] += y
    print("score band   pairs  genuine  share")
    for i, (n, g) in enumerate(bands):
        if n:
            print("%.2f-%.2f %7d  %7d  %5.2f" % (i / 50, (i + 1) / 50, n, g, g / n))
    for d, rows in runs:
        top = [y for rank, _, y in rows if rank <= 30]
        print("%s: top 30: %d labelled, %d genuine" % (os.path.basename(d), len(top), sum(top)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["fit", "check"])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--judged")
    args = ap.parse_args()
    {"fit": fit, "check": check}[args.command](args)


if __name__ == "__main__":
    main()
