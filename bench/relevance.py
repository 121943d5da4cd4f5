#!/usr/bin/python3
"""Ranking out of the box: xapnews's default profile against plain Xapian
and SQLite FTS5 on every judged collection at hand, queries exactly as the
collections give them.

    bench/relevance.py [--xapnews PATH] [--data DIR] [--work DIR]

Collections (each: articles, queries, graded judgments):
  cranfield  ../shared/data/cranfield through scripts/cranfield.py
  reuters    Reuters-21578, all articles; one query per TOPICS category
             with at least 5 articles, its description as Lewis's notes
             give it ("Money/Foreign Exchange (MONEY-FX)" -> "Money/Foreign
             Exchange", "U.S. Dollar"); relevant: the articles filed under
             it
  seeds      corpus/ with schemas/queries/seeds.tsv and seeds.qrels
Contenders, each searching title and body, top 10, the same reading of a
query: all its words (AND) for up to three words, any of them (OR) beyond,
as `xapnews eval` reads them by default:
  xapnews    `xapnews search` with the default profile (typo tolerance on)
  xapian     python3-xapian: TermGenerator and QueryParser, English stemmer
             (STEM_SOME), BM25 defaults: the plainest Xapian program
  fts5       SQLite FTS5, tokenize='porter unicode61', ranked by bm25()
Prints nDCG@10 (trec_eval's ndcg_cut_10: gain = grade, every judged query
counted, zero when nothing relevant is found) and MAP per collection and
contender. Needs Debian's python3 (python3-xapian; sqlite3 with FTS5).
"""
import argparse
import glob
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import xapian

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHORT = 3  # words read as AND; more are read as OR
WORD = re.compile(r"\w+", re.UNICODE)


# ---- collections ---------------------------------------------------------------

def read_queries(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        qid, text = line.rstrip("\n").split("\t", 1)
        out.append((qid, text))
    return out


def read_qrels(path):
    rel = {}
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if len(p) == 4 and int(p[3]) > 0:
            rel.setdefault(p[0], {})[p[2]] = int(p[3])
    return rel


def cranfield(data, work):
    d = os.path.join(work, "cranfield")
    os.makedirs(d, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(TOP, "scripts", "cranfield.py"),
                    os.path.join(data, "cranfield"), d], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (os.path.join(d, "cranfield.jsonl"), read_queries(os.path.join(d, "queries.tsv")),
            read_qrels(os.path.join(d, "cranfield.qrels")))


def reuters(data, work):
    src = os.path.join(data, "reuters21578")
    articles = os.path.join(work, "reuters.jsonl")
    subprocess.run([sys.executable, os.path.join(TOP, "bench", "reuters.py"), src, articles],
                   check=True, stderr=subprocess.DEVNULL)
    topics = {}
    for f in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
        text = open(f, encoding="latin-1").read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
            t = re.search(r"<TOPICS>(.*?)</TOPICS>", m.group(2), re.S)
            for code in re.findall(r"<D>(.*?)</D>", t.group(1) if t else ""):
                topics.setdefault(code, set()).add("reuters-" + m.group(1))
    names = {}
    desc = open(os.path.join(src, "cat-descriptions_120396.txt"), encoding="latin-1").read()
    for m in re.finditer(r"^([A-Z][^()\n]*?)\s*\(([A-Z][A-Z0-9-]*)\)\s*$", desc, re.M):
        names.setdefault(m.group(2).lower(), m.group(1).strip())
    queries, qrels = [], {}
    for code in sorted(topics):
        if len(topics[code]) >= 5 and names.get(code):
            queries.append((code, names[code]))
            qrels[code] = {doc: 1 for doc in topics[code]}
    return articles, queries, qrels


def seeds(data, work):
    articles = os.path.join(work, "seeds.jsonl")
    with open(articles, "w", encoding="utf-8") as out:
        for line in open(os.path.join(TOP, "corpus", "manifest.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            r["body"] = open(os.path.join(TOP, "corpus", r.pop("file")), encoding="utf-8").read()
            out.write(json.dumps(r) + "\n")
    q = os.path.join(TOP, "schemas", "queries")
    return articles, read_queries(os.path.join(q, "seeds.tsv")), read_qrels(os.path.join(q, "seeds.qrels"))


# ---- contenders -----------------------------------------------------------------

def is_long(text):
    return len(WORD.findall(text)) > SHORT


def run_xapnews(xapnews, articles, queries, work, name):
    db = os.path.join(work, name + ".xapnews")
    subprocess.run([xapnews, "index", "--quiet", "--db", db, articles], check=True,
                   stdout=subprocess.DEVNULL)
    runs = {}
    for qid, text in queries:
        argv = [xapnews, "search", "--db", db, "--json", "--limit", "10"]
        if is_long(text):
            argv.append("--any")
        out = subprocess.run(argv + ["--", text], capture_output=True, text=True)
        hits = json.loads(out.stdout)["hits"] if out.returncode == 0 else []
        runs[qid] = [h["id"] for h in hits]
    return runs


def run_xapian(articles, queries, work, name):
    db = xapian.WritableDatabase(os.path.join(work, name + ".xapian"), xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    for line in open(articles, encoding="utf-8"):
        r = json.loads(line)
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(r.get("title") or "")
        tg.increase_termpos()
        tg.index_text(r.get("body") or "")
        doc.set_data(str(r["id"]))
        doc.add_boolean_term("Q" + str(r["id"]))
        db.replace_document("Q" + str(r["id"]), doc)
    db.commit()
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    enquire = xapian.Enquire(db)
    runs = {}
    for qid, text in queries:
        qp.set_default_op(xapian.Query.OP_OR if is_long(text) else xapian.Query.OP_AND)
        try:
            q = qp.parse_query(text)
        except xapian.QueryParserError:
            q = qp.parse_query(" ".join(WORD.findall(text)))
        enquire.set_query(q)
        runs[qid] = [m.document.get_data().decode() for m in enquire.get_mset(0, 10)]
    return runs


def run_fts5(articles, queries, work, name):
    c = sqlite3.connect(os.path.join(work, name + ".sqlite"))
    c.execute("DROP TABLE IF EXISTS t")
    c.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, "
              "tokenize='porter unicode61')")
    with c:
        for line in open(articles, encoding="utf-8"):
            r = json.loads(line)
            c.execute("INSERT INTO t VALUES (?, ?, ?)",
                      (str(r["id"]), r.get("title") or "", r.get("body") or ""))
    runs = {}
    for qid, text in queries:
        words = ['"%s"' % w.replace('"', '""') for w in WORD.findall(text)]
        if not words:
            runs[qid] = []
            continue
        match = (" OR " if is_long(text) else " AND ").join(words)
        rows = c.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10", (match,))
        runs[qid] = [r[0] for r in rows]
    return runs


# ---- metrics --------------------------------------------------------------------

def ndcg10(ranked, rel):
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def ap(ranked, rel):
    """Average precision over the top 10 (the runs are 10 long)."""
    hits, total = 0, 0.0
    for i, d in enumerate(ranked):
        if rel.get(d, 0) > 0:
            hits += 1
            total += hits / (i + 1)
    return total / len(rel) if rel else 0.0


def main():
    ap_ = argparse.ArgumentParser()
    ap_.add_argument("--xapnews", default=os.path.join(TOP, "xapnews"))
    ap_.add_argument("--data", default=os.path.join(os.path.dirname(TOP), "shared", "data"))
    ap_.add_argument("--work")
    a = ap_.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="xapnews-relevance.")
    try:
        report(a, work)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


def report(a, work):
    print("| collection (queries) | contender | nDCG@10 | MAP@10 |")
    print("|---|---|---|---|")
    verdicts = []
    for name, load in (("cranfield", cranfield), ("reuters topics", reuters), ("seeds", seeds)):
        articles, queries, qrels = load(a.data, work)
        queries = [(q, t) for q, t in queries if q in qrels]
        tag = name.split()[0]
        scores = {}
        for contender, runs in (("xapnews default", run_xapnews(a.xapnews, articles, queries, work, tag)),
                                ("plain Xapian", run_xapian(articles, queries, work, tag)),
                                ("SQLite FTS5", run_fts5(articles, queries, work, tag))):
            n = sum(ndcg10(runs[q], qrels[q]) for q, _ in queries) / len(queries)
            m = sum(ap(runs[q], qrels[q]) for q, _ in queries) / len(queries)
            scores[contender] = n
            print("| %s (%d) | %s | %.4f | %.4f |" % (name, len(queries), contender, n, m))
        sys.stdout.flush()
        mine = scores.pop("xapnews default")
        best = max(scores, key=scores.get)
        verdicts.append((name, mine, best, scores[best]))
    print()
    print("| collection | xapnews default nDCG@10 | best other | ahead of both |")
    print("|---|---|---|---|")
    for name, mine, best, theirs in verdicts:
        print("| %s | %.4f | %s %.4f | %s (%+.4f) |" % (name, mine, best, theirs,
                                                      "yes" if mine > theirs else "NO",
                                                      mine - theirs))


if __name__ == "__main__":
    main()
