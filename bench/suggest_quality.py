#!/usr/bin/env python3
"""Measure how well `xapnews synonyms suggest` finds injected misspellings.

    suggest_quality.py inject IN.jsonl OUT.jsonl TRUTH.tsv [--names N]
                       [--fraction F] [--seed S] [--min-articles M]
                       [--vocabulary WORDS.txt] [--drop-officials]
    suggest_quality.py score TRUTH.tsv SUGGESTIONS.json [--top K]
                       [--native WORDS.txt] [--json]
    suggest_quality.py sample IN.jsonl OUT.jsonl [--bytes B]

inject: picks N surnames of people named in the articles' "officials"
(Reuters <PEOPLE> tags such as "james-baker": the last part), of at least
five letters, written capitalised in the bodies of at least M articles;
makes one misspelling of each (a substitution, transposition, deletion or
doubling of a letter inside the word, never the first letter, and never a
word the articles already hold); and writes it in place of each
capitalised mention of the surname with probability F (at least once).
TRUTH.tsv gets "misspelling<TAB>surname<TAB>edit<TAB>mentions replaced
<TAB>articles naming the surname" lines; --vocabulary writes the words
of the articles before injection, one a line; --drop-officials writes
the articles without their "officials" lists (a corpus whose records
name no officials). The same seed gives the same output.

score: compares the first K pairs of `xapnews synonyms suggest --json`
with TRUTH.tsv. A pair is right when it joins a misspelling with its
surname (either way round). Prints precision (right pairs / pairs listed),
recall (misspellings found / injected) and the pairs. With --native
(the --vocabulary of inject), it also scores the first K pairs left once
the pairs the corpus held before injection are set aside (both forms in
WORDS.txt: the corpus's own variants, such as Reuters's
"westminister" / "westminster", which are neither injected nor caused by
the injection), and lists those native pairs.

sample: writes the first articles naming people, up to B bytes, for a
small test corpus.

Python 3 standard library only.
"""
import argparse
import json
import random
import re
import sys

WORD_RE = re.compile(r"[A-Za-z]+")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def misspell(word, rng, vocabulary):
    """One misspelling of WORD (lower case) that VOCABULARY lacks."""
    for _ in range(200):
        op = rng.choice(("substitution", "transposition", "deletion", "doubling"))
        i = rng.randrange(1, len(word) - 1)
        if op == "substitution":
            c = rng.choice([c for c in LETTERS if c != word[i]])
            w = word[:i] + c + word[i + 1:]
        elif op == "transposition":
            if word[i] == word[i + 1]:
                continue
            w = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif op == "deletion":
            w = word[:i] + word[i + 1:]
        else:
            w = word[:i + 1] + word[i] + word[i + 1:]
        if w != word and w not in vocabulary:
            return w, op
    return None, None


def inject(args):
    rng = random.Random(args.seed)
    articles = read_jsonl(args.input)
    vocabulary = set()
    for a in articles:
        for field in ("title", "body"):
            vocabulary.update(w.lower() for w in WORD_RE.findall(a.get(field, "")))
    original = set(vocabulary)
    surnames = set()
    for a in articles:
        for person in a.get("officials", []):
            last = person.split("-")[-1].strip().lower()
            if len(last) >= 5 and last.isalpha():
                surnames.add(last)
    mentions = {}
    for s in sorted(surnames):
        pattern = re.compile(r"\b%s\b" % s.capitalize())
        n = sum(1 for a in articles if pattern.search(a.get("body", "")))
        if n >= args.min_articles:
            mentions[s] = n
    eligible = sorted(mentions)
    rng.shuffle(eligible)
    chosen = sorted(eligible[:args.names])
    truth = []
    for s in chosen:
        typo, op = misspell(s, rng, vocabulary)
        if typo is None:
            continue
        vocabulary.add(typo)
        truth.append((typo, s, op))
    replaced = {typo: 0 for typo, _, _ in truth}
    for typo, s, _ in truth:
        pattern = re.compile(r"\b%s\b" % s.capitalize())
        sites = [(k, m.start()) for k, a in enumerate(articles)
                 for m in pattern.finditer(a.get("body", ""))]
        picked = [site for site in sites if rng.random() < args.fraction]
        if not picked:
            picked = [rng.choice(sites)]
        # replace from the end of each body so offsets stay valid
        for k, start in sorted(picked, reverse=True):
            body = articles[k]["body"]
            articles[k]["body"] = body[:start] + typo.capitalize() + body[start + len(s):]
            replaced[typo] += 1
    with open(args.output, "w", encoding="utf-8") as out:
        for a in articles:
            if args.drop_officials:
                a.pop("officials", None)
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    if args.vocabulary:
        with open(args.vocabulary, "w", encoding="utf-8") as out:
            for w in sorted(original):
                out.write(w + "\n")
    with open(args.truth, "w", encoding="utf-8") as out:
        for typo, s, op in truth:
            out.write("%s\t%s\t%s\t%d\t%d\n" % (typo, s, op, replaced[typo], mentions[s]))
    print("suggest_quality.py: %d misspellings injected (%d mentions) among %d eligible surnames"
          % (len(truth), sum(replaced.values()), len(eligible)), file=sys.stderr)


def measure(pairs, truth):
    right, found = [], set()
    for p in pairs:
        v, c = p["variant"], p["canonical"]
        if truth.get(v) == c:
            found.add(v)
            right.append(p)
        elif truth.get(c) == v:
            found.add(c)
            right.append(p)
    precision = len(right) / len(pairs) if pairs else 0.0
    recall = len(found) / len(truth) if truth else 0.0
    return right, found, precision, recall


def score(args):
    truth = {}
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            truth[parts[0]] = parts[1]
    with open(args.suggestions, encoding="utf-8") as f:
        everything = json.load(f)
    pairs = everything[:args.top]
    right, found, precision, recall = measure(pairs, truth)
    print("pairs listed: %d, right: %d, injected: %d, found: %d"
          % (len(pairs), len(right), len(truth), len(found)))
    print("precision@%d: %.3f" % (args.top, precision))
    print("recall@%d: %.3f" % (args.top, recall))
    result = {"precision": precision, "recall": recall}
    if args.judged:
        # the corpus's own pairs (not injected), judged by hand: the same
        # name or word misspelt, or two different ones
        judged = {}
        with open(args.judged, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                v, c, verdict = line.rstrip("\n").split("\t")[:3]
                judged[(v, c)] = verdict
        own = [p for p in pairs if p not in right]
        verdicts = [judged.get((p["variant"], p["canonical"]), "unjudged") for p in own]
        same, different = verdicts.count("same"), verdicts.count("different")
        unjudged = [p for p, v in zip(own, verdicts) if v == "unjudged"]
        p3 = (len(right) + same) / len(pairs) if pairs else 0.0
        print("the corpus's own pairs: %d same (genuine variants), %d different, %d unjudged"
              % (same, different, len(unjudged)))
        print("precision@%d counting genuine variants (unjudged as wrong): %.3f" % (args.top, p3))
        for p in unjudged:
            print("  unjudged: %s\t%s" % (p["variant"], p["canonical"]))
        result.update(precision_judged=p3)
    if args.native:
        with open(args.native, encoding="utf-8") as f:
            words = set(line.strip() for line in f)
        native = [p for p in everything
                  if all(w in words for w in (p["variant"] + " " + p["canonical"]).split())]
        rest = [p for p in everything if p not in native][:args.top]
        r2, f2, p2, rc2 = measure(rest, truth)
        print("native pairs set aside: %d (before the %d-th pair left)"
              % (sum(1 for p in native if everything.index(p) <= everything.index(rest[-1]))
                 if rest else len(native), args.top))
        print("precision@%d without native pairs: %.3f" % (args.top, p2))
        print("recall@%d without native pairs: %.3f" % (args.top, rc2))
        result.update(precision_new=p2, recall_new=rc2)
        if args.verbose:
            for p in native[:args.top]:
                print("  native: %.3f %s -> %s" % (p["score"], p["variant"], p["canonical"]))
            for k, p in enumerate(rest, 1):
                print("  %s %2d %.3f %s -> %s" % ("+" if p in r2 else "-", k, p["score"],
                                                 p["variant"], p["canonical"]))
            for typo in sorted(set(truth) - f2):
                print("  missed: %s -> %s" % (typo, truth[typo]))
    if args.json:
        print(json.dumps(result))
    if args.verbose and not args.native:
        for k, p in enumerate(pairs, 1):
            mark = "+" if p in right else "-"
            print("  %s %2d %.3f %s -> %s" % (mark, k, p["score"], p["variant"], p["canonical"]))
        for typo in sorted(set(truth) - found):
            print("  missed: %s -> %s" % (typo, truth[typo]))


def sample(args):
    size = 0
    n = 0
    with open(args.input, encoding="utf-8") as f, open(args.output, "w", encoding="utf-8") as out:
        for line in f:
            a = json.loads(line)
            if not a.get("officials") or not a.get("body"):
                continue
            line = json.dumps(a, ensure_ascii=False) + "\n"
            if size + len(line.encode("utf-8")) > args.bytes:
                break
            out.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    print("suggest_quality.py: %d articles, %d bytes -> %s" % (n, size, args.output),
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("inject")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("truth")
    p.add_argument("--names", type=int, default=30)
    p.add_argument("--fraction", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=21578)
    p.add_argument("--min-articles", type=int, default=5)
    p.add_argument("--vocabulary")
    p.add_argument("--drop-officials", action="store_true")
    p = sub.add_parser("score")
    p.add_argument("truth")
    p.add_argument("suggestions")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--native")
    p.add_argument("--judged")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("sample")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--bytes", type=int, default=400000)
    args = ap.parse_args()
    {"inject": inject, "score": score, "sample": sample}[args.command](args)


if __name__ == "__main__":
    main()
