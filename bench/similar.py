#!/usr/bin/env python3
"""Similar articles on Reuters-21578: how topical, and what one costs.

    bench/similar.py REUTERS_DIR DB [--sample N] [--build DIR] [--work DIR]

DB is REUTERS_DIR indexed by xapnews (bench/reuters.py REUTERS_DIR
OUT.jsonl, then xapnews index --db DB OUT.jsonl). Takes N (default 200)
articles spread evenly over those that have a <TOPICS> category, runs
xapnews_database_similar() on each with bench/similar_bench.c (the
library of the build tree DIR, default this tree; one process) and prints
the share of the top 10 hits sharing a topic with the article (a
stand-in for "is about the same thing": the collection's own categories),
checks that no list holds its own article, and the median and 95th
percentile time of one call. Python 3 standard library only.
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def topics(src):
    """{"reuters-NEWID": [topic, ...]} of every article of SRC."""
    out = {}
    for path in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
        with open(path, encoding="latin-1") as f:
            text = f.read()
        for m in re.finditer(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", text, re.S):
            newid = re.search(r'NEWID="(\d+)"', m.group(1)).group(1)
            t = re.search(r"<TOPICS>(.*?)</TOPICS>", m.group(2), re.S)
            out["reuters-" + newid] = re.findall(r"<D>(.*?)</D>", t.group(1)) if t else []
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src")
    ap.add_argument("db")
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--build", default=os.path.join(HERE, ".."))
    ap.add_argument("--work", default=None)
    a = ap.parse_args()
    cats = topics(a.src)
    ids = sorted((k for k, v in cats.items() if v), key=lambda k: int(k.split("-")[1]))
    ids = ids[::max(1, len(ids) // a.sample)][:a.sample]
    work = a.work or tempfile.mkdtemp(prefix="similar-bench-")
    tool = os.path.join(work, "similar_bench")
    libs = os.path.join(a.build, ".libs")
    subprocess.run([os.environ.get("CC", "cc"), "-O2", "-std=c11",
                    "-I", os.path.join(HERE, "..", "plugin"), "-o", tool,
                    os.path.join(HERE, "similar_bench.c"), "-L" + libs, "-lxapnews",
                    "-Wl,-rpath," + libs], check=True)
    out = subprocess.run([tool, a.db], input="\n".join(ids) + "\n", capture_output=True,
                         text=True, check=True).stdout
    times, shared, hits, own = [], 0, 0, 0
    for line in out.splitlines():
        us, seed, listed = line.split("\t")
        times.append(float(us) / 1000)
        for h in listed.split():
            hits += 1
            own += h == seed
            shared += bool(set(cats.get(h, [])) & set(cats[seed]))
    times.sort()
    print(f"{len(times)} articles, {hits} hits: {shared / hits:.3f} share a topic with "
          f"their article, {own} are their own article")
    print(f"one similar(): median {statistics.median(times):.2f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.2f} ms")
    return 1 if own else 0


if __name__ == "__main__":
    sys.exit(main())
