#!/usr/bin/env python3
"""Convert the Cranfield 1400 test collection (SMART format) for xapnews.

Usage: python3 scripts/cranfield.py SRC_DIR OUT_DIR

SRC_DIR holds cran.all.1400, cran.qry and cranqrel. Written into OUT_DIR
(created if missing):

  cranfield.jsonl   one article per document: "id" (the .I number as a
                    string), "title" (.T) and "body" (.W), whitespace
                    normalised. Authors (.A) and the bibliographic source
                    (.B) are left out; there are no dates.
  queries.tsv       qid TAB query text, one query a line. The qid is the
                    query's 1-based position in cran.qry, which is the number
                    cranqrel uses (the .I numbers in cran.qry are not).
  queries.even.tsv  the queries with an even qid
  queries.odd.tsv   the queries with an odd qid
  cranfield.qrels   TREC qrels, "qid 0 docid rel", with rel = 5 - code
                    (Cleverdon's code 1 "complete answer" -> 4 ... code 4
                    "minimum interest" -> 1); the -1 lines are left out.

Standard library only. Known damage in cran.all.1400 is handled and
reported on stderr: records with no text at all (written with an empty
title and body, so that the ids stay complete) and field markers that turn
up again after .W (the lines after them are abstract text, so they stay in
the body). Anything else unexpected stops the run with FILE:LINE.
"""

import json
import os
import re
import sys
from collections import Counter

RECORD = re.compile(r"^\.I\s+(\d+)\s*$")
MARKER = re.compile(r"^\.([A-Z])\s*$")


def warn(msg):
    print("cranfield.py: " + msg, file=sys.stderr)


def fail(msg):
    print("cranfield.py: " + msg, file=sys.stderr)
    sys.exit(1)


def norm(lines):
    """Join lines and collapse all runs of whitespace to one space."""
    return " ".join(" ".join(lines).split())


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    except OSError as e:
        fail("%s: %s" % (path, e.strerror or e))


def parse_smart(path, fields):
    """Return [(number, {field: [lines]})] for the .I records of a file.

    A marker seen again after .W is damage inside the abstract: its lines
    are kept as body text and a warning is printed.
    """
    records = []
    rec, cur, seen = None, None, set()
    for lineno, line in enumerate(read_lines(path), 1):
        where = "%s:%d" % (path, lineno)
        m = RECORD.match(line)
        if m:
            rec = {f: [] for f in fields}
            records.append((int(m.group(1)), rec))
            cur, seen = None, set()
            continue
        m = MARKER.match(line)
        if m:
            field = m.group(1)
            if rec is None or field not in fields:
                fail("%s: unexpected marker %r" % (where, line.strip()))
            if "W" in seen:
                warn("%s: stray .%s after .W in record %d; its text is kept "
                     "in the body" % (where, field, records[-1][0]))
                cur = "W"
            elif field in seen:
                warn("%s: repeated .%s in record %d; text appended"
                     % (where, field, records[-1][0]))
                cur = field
            else:
                cur = field
                seen.add(field)
            continue
        if cur is None:
            if line.strip():
                fail("%s: text outside any field" % where)
            continue
        rec[cur].append(line)
    return records


def parse_docs(path):
    docs, ids = [], set()
    for number, rec in parse_smart(path, "TABW"):
        docid = str(number)
        if docid in ids:
            fail("%s: document %s appears twice" % (path, docid))
        ids.add(docid)
        title, body = norm(rec["T"]), norm(rec["W"])
        if not title and not body:
            warn("%s: document %s has no title and no text; written empty"
                 % (path, docid))
        docs.append({"id": docid, "title": title, "body": body})
    return docs


def parse_queries(path):
    queries = []
    for pos, (number, rec) in enumerate(parse_smart(path, "W"), 1):
        text = norm(rec["W"])
        if not text:
            fail("%s: query .I %03d (position %d) has no text"
                 % (path, number, pos))
        queries.append((str(pos), text))
    return queries


def parse_qrels(path, nqueries, docids):
    """Return ([(qid, docid, rel)], number of -1 lines, lines read)."""
    judged, skipped, read = [], 0, 0
    pairs = set()
    for lineno, line in enumerate(read_lines(path), 1):
        where = "%s:%d" % (path, lineno)
        parts = line.split()
        if not parts:
            continue
        read += 1
        if len(parts) != 3:
            fail("%s: expected 'query doc code', got %r" % (where, line))
        try:
            q, d, code = (int(p) for p in parts)
        except ValueError:
            fail("%s: not three integers: %r" % (where, line))
        if not 1 <= q <= nqueries:
            fail("%s: query %d is not a position 1..%d" % (where, q, nqueries))
        if str(d) not in docids:
            fail("%s: unknown document %d" % (where, d))
        if code == -1:
            skipped += 1
            continue
        if code not in (1, 2, 3, 4):
            fail("%s: relevance code %d is not 1..4 or -1" % (where, code))
        if (q, d) in pairs:
            fail("%s: query %d, document %d judged twice" % (where, q, d))
        pairs.add((q, d))
        judged.append((str(q), str(d), 5 - code))
    return judged, skipped, read


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    docs = parse_docs(os.path.join(src, "cran.all.1400"))
    queries = parse_queries(os.path.join(src, "cran.qry"))
    judged, minus1, read = parse_qrels(os.path.join(src, "cranqrel"),
                                       len(queries),
                                       {d["id"] for d in docs})

    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "cranfield.jsonl"),
          (json.dumps(d, ensure_ascii=False) for d in docs))
    write(os.path.join(out, "queries.tsv"),
          ("%s\t%s" % q for q in queries))
    write(os.path.join(out, "queries.even.tsv"),
          ("%s\t%s" % q for q in queries if int(q[0]) % 2 == 0))
    write(os.path.join(out, "queries.odd.tsv"),
          ("%s\t%s" % q for q in queries if int(q[0]) % 2 == 1))
    write(os.path.join(out, "cranfield.qrels"),
          ("%s 0 %s %d" % j for j in judged))

    grades = Counter(rel for _, _, rel in judged)
    with_rel = {q for q, _, _ in judged}
    even = sum(1 for q, _ in queries if int(q) % 2 == 0)
    print("documents:  %d (%d with no text)" % (
        len(docs), sum(1 for d in docs if not d["title"] and not d["body"])))
    print("queries:    %d (%d even, %d odd; %d with a relevant document)" % (
        len(queries), even, len(queries) - even, len(with_rel)))
    print("judgments:  %d lines read, %d with code -1 left out, %d written"
          % (read, minus1, len(judged)))
    print("relevant:   " + ", ".join(
        "rel %d (code %d): %d" % (r, 5 - r, grades[r]) for r in (4, 3, 2, 1)))
    print("written to: %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
