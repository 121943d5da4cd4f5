#!/usr/bin/env python3
"""SQLite FTS5 contender of bench/run.sh (python3's sqlite3 module).

    fts5_bench.py index DB.sqlite JSONL
        one table fts5(id UNINDEXED, title, body, tokenize='porter unicode61'),
        every record inserted in one transaction.
    fts5_bench.py query DB.sqlite QUERIES [PASSES [and|or]]
        for each query (words, read as an AND of quoted words, as the other
        contenders read them; with "or", quoted words joined by OR, any of
        them may match): the top 10 by bm25() with their id and title,
        timed in-process with time.perf_counter. One untimed warm-up pass,
        then PASSES timed passes (default 1); prints one line per query and
        pass: "microseconds<TAB>hits<TAB>-".
    fts5_bench.py check
        exits 0 when this sqlite3 module has FTS5.
"""
import json
import re
import sqlite3
import sys
import time


def check():
    try:
        c = sqlite3.connect(":memory:")
        c.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='porter unicode61')")
        return True
    except sqlite3.OperationalError:
        return False


def index(db, jsonl):
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                "tokenize='porter unicode61')")

    def rows():
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                yield r["id"], r.get("title", ""), r.get("body", "")
    with con:
        con.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)", rows())
    n = con.execute("SELECT count(*) FROM docs").fetchone()[0]
    con.close()
    print("fts5_bench: indexed %d articles into %s" % (n, db), file=sys.stderr)


def fts_query(text, any_word=False):
    words = re.findall(r"\w+", text)
    return (" OR " if any_word else " ").join('"%s"' % w for w in words)


def query(db, queries, passes, any_word=False):
    con = sqlite3.connect(db)
    with open(queries, encoding="utf-8") as f:
        qs = [fts_query(l, any_word) for l in f if l.strip() and not l.startswith("#")]
    sql = ("SELECT id, title FROM docs WHERE docs MATCH ? "
           "ORDER BY bm25(docs) LIMIT 10")
    out = []
    for p in range(-1, passes):
        for q in qs:
            t0 = time.perf_counter()
            rows = con.execute(sql, (q,)).fetchall()
            us = (time.perf_counter() - t0) * 1e6
            if p >= 0:
                out.append("%.1f\t%d\t-" % (us, len(rows)))
    print("\n".join(out))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        sys.exit(0 if check() else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        return index(sys.argv[2], sys.argv[3])
    if len(sys.argv) in (4, 5, 6) and sys.argv[1] == "query" and \
            (len(sys.argv) < 6 or sys.argv[5] in ("and", "or")):
        return query(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) >= 5 else 1,
                     len(sys.argv) == 6 and sys.argv[5] == "or")
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
