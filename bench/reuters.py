#!/usr/bin/env python3
"""Convert Reuters-21578 (SGML) to xapnews JSON Lines.

    bench/reuters.py SRC_DIR OUT.jsonl [--copies K] [--first-copy C]

One object per <REUTERS> element:
  id        "reuters-" + NEWID; copy c > 0 (of --copies K, numbered from
            --first-copy C, default 0): "reuters-c<c>-" + NEWID
  title     <TITLE>
  date      ISO date from <DATE> ("26-FEB-1987 15:01:01.79" -> "1987-02-26")
  body      <BODY>, or the whole <TEXT> of TYPE="UNPROC" articles
  officials the <PEOPLE> names, as given (lower-case slugs like "reagan")
  outlet    "Reuters"
SGML entities are decoded and control characters (the &#3; ending each
body, &#2;, ...) dropped. Files are read as Latin-1. Python 3 standard
library only. Prints the number of articles written to stderr.
"""
import argparse
import glob
import html
import json
import os
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

REUTERS_RE = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID_RE = re.compile(r'NEWID="(\d+)"')
DATE_RE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def element(name, text):
    m = re.search(r"<%s\b[^>]*>(.*?)</%s>" % (name, name), text, re.S)
    return m.group(1) if m else None


def clean(raw):
    if raw is None:
        return ""
    text = CONTROL_RE.sub("", html.unescape(raw))
    return text.strip()


def iso_date(raw):
    m = DATE_RE.search(raw or "")
    if not m or m.group(2).upper() not in MONTHS:
        return None
    return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2).upper()], int(m.group(1)))


def articles(src):
    files = sorted(glob.glob(os.path.join(src, "reut2-*.sgm")))
    if not files:
        sys.exit("reuters.py: no reut2-*.sgm files in %s" % src)
    for path in files:
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in REUTERS_RE.finditer(data):
            attrs, inner = m.group(1), m.group(2)
            newid = NEWID_RE.search(attrs).group(1)
            text_m = re.search(r"<TEXT\b([^>]*)>(.*?)</TEXT>", inner, re.S)
            text_attrs, text = (text_m.group(1), text_m.group(2)) if text_m else ("", "")
            title = clean(element("TITLE", text))
            if 'TYPE="UNPROC"' in text_attrs:
                body = clean(text)
            else:
                body = clean(element("BODY", text))
            people = element("PEOPLE", inner) or ""
            officials = [clean(d) for d in re.findall(r"<D>(.*?)</D>", people, re.S)]
            rec = {"id": "reuters-" + newid, "title": title}
            date = iso_date(element("DATE", inner))
            if date:
                rec["date"] = date
            rec["outlet"] = "Reuters"
            rec["body"] = body
            if officials:
                rec["officials"] = [o for o in officials if o]
            yield newid, rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", help="folder holding reut2-*.sgm")
    ap.add_argument("out", help="JSON Lines file to write ('-' for stdout)")
    ap.add_argument("--copies", type=int, default=1, metavar="K",
                    help="write K copies, copy c>0 with ids reuters-c<c>-NEWID")
    ap.add_argument("--first-copy", type=int, default=0, metavar="C",
                    help="number the copies from C (to write more copies later)")
    args = ap.parse_args()
    if args.copies < 1 or args.first_copy < 0:
        ap.error("--copies must be at least 1 and --first-copy at least 0")
    lines = [(newid, rec) for newid, rec in articles(args.src)]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    n = 0
    with out:
        for c in range(args.first_copy, args.first_copy + args.copies):
            for newid, rec in lines:
                if c:
                    rec = dict(rec, id="reuters-c%d-%s" % (c, newid))
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print("reuters.py: %d articles (%d x %d) -> %s" % (n, len(lines), args.copies, args.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
