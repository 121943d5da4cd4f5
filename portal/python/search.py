#!/usr/bin/python3
"""A small search portal over an index built by `xapnews index`, using only
stock Xapian (python3-xapian): the query parser that ships with Xapian, with
the prefixes documented in schemas/index.schema, finds every spelling
variant because the indexer wrote variants as plain words and into the
database's synonym table.

    search.py --db DB [--outlet SLUG]... [--official SLUG]...
              [--from DATE] [--to DATE] [--any] [--limit N] [--facets]
              QUERY...

Prints the id of each hit, one per line, best first. Query syntax is
Xapian's (AND by default, "phrases", +/-, AND/OR/NOT) with the prefixes
title: and official: (free text), outlet: and id: (boolean: outlet:the-hill,
id:003_366b0afce615304f) and date:A..B, where A and B are YYYY, YYYY-MM or
YYYY-MM-DD and either may be left out. --outlet and --official filter on
the XOUTLET: and XOFFICIAL: terms, as Omega's B= parameter does (several
--outlet: any of them; several --official: all of them). --from/--to are
the same date range as date:FROM..TO. --facets prints, after the ids,
"facet=outlet:SLUG count=N" (also official:, year:) counted over all
matches. Exit status: 0 success, 2 bad usage, 4 database error, 5 bad query.
"""

import argparse
import re
import sys

try:
    import xapian
except ImportError:
    sys.stderr.write("search.py: the xapian module is missing "
                     "(install python3-xapian, run with /usr/bin/python3)\n")
    sys.exit(4)

DATE_SLOT = 0  # YYYY, YYYYMM or YYYYMMDD, as precise as the article's date
DATE_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?|[0-9]{6}|[0-9]{8}")
FACET_PREFIXES = (("XOFFICIAL:", "official:"), ("XOUTLET:", "outlet:"),
                  ("Y", "year:"))


def date_bound(text):
    """'2016-12' -> '201612'; None when TEXT is not YYYY[-MM[-DD]]."""
    if not DATE_RE.fullmatch(text):
        return None
    return text.replace("-", "")


def date_range_query(begin, end):
    """Slot 0 holds dates at mixed precision, so compare as strings: the
    range starts at BEGIN and runs to just past every value starting with
    END ('~' sorts after digits), so date:2015..2015 finds "2015" and
    "20151231" alike (as Omega's START.0/END.0 do)."""
    lo = date_bound(begin) if begin else ""
    hi = date_bound(end) if end else ""
    if lo is None or hi is None:
        raise ValueError("a date is YYYY, YYYY-MM or YYYY-MM-DD")
    if not hi:
        return xapian.Query(xapian.Query.OP_VALUE_GE, DATE_SLOT, lo)
    hi += "~"
    if not lo:
        return xapian.Query(xapian.Query.OP_VALUE_LE, DATE_SLOT, hi)
    return xapian.Query(xapian.Query.OP_VALUE_RANGE, DATE_SLOT, lo, hi)


class DateRange(xapian.RangeProcessor):
    """date:A..B in the query string."""

    def __init__(self):
        xapian.RangeProcessor.__init__(self, DATE_SLOT, "date:")

    def __call__(self, begin, end):
        try:
            return date_range_query(begin.decode("utf-8", "replace"),
                                    end.decode("utf-8", "replace"))
        except ValueError:
            return xapian.Query(xapian.Query.OP_INVALID)


def filter_query(terms, op):
    if not terms:
        return None
    return xapian.Query(op, [xapian.Query(t) for t in terms])


def main():
    ap = argparse.ArgumentParser(prog="search.py",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the xapnews index")
    ap.add_argument("--outlet", action="append", default=[],
                    help="outlet slug (china-digital-times); repeatable: any")
    ap.add_argument("--official", action="append", default=[],
                    help="official slug (guo-shengkun); repeatable: all")
    ap.add_argument("--from", dest="date_from", help="YYYY[-MM[-DD]]")
    ap.add_argument("--to", dest="date_to", help="YYYY[-MM[-DD]]")
    ap.add_argument("--any", action="store_true",
                    help="any word may match (default: all)")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--facets", action="store_true",
                    help="print outlet, official and year counts")
    ap.add_argument("query", nargs="*")
    args = ap.parse_args()
    if args.limit < 0:
        ap.error("--limit must be >= 0")

    try:
        db = xapian.Database(args.db)
    except xapian.Error as e:
        sys.stderr.write("search.py: %s: %s\n" % (args.db, e.get_msg()))
        return 4

    qp = xapian.QueryParser()
    qp.set_database(db)  # the synonym table
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_OR if args.any else xapian.Query.OP_AND)
    qp.add_prefix("title", "S")
    qp.add_prefix("official", "XO")
    qp.add_boolean_prefix("outlet", "XOUTLET:")
    qp.add_boolean_prefix("id", "Q")
    date_range = DateRange()  # keep a reference while qp uses it
    qp.add_rangeprocessor(date_range)
    flags = (xapian.QueryParser.FLAG_DEFAULT |
             xapian.QueryParser.FLAG_AUTO_MULTIWORD_SYNONYMS)

    text = " ".join(args.query)
    try:
        query = qp.parse_query(text, flags) if text.strip() else \
            xapian.Query.MatchAll
    except xapian.QueryParserError as e:
        sys.stderr.write("search.py: bad query: %s\n" % e.get_msg())
        return 5

    filters = [q for q in (
        filter_query(["XOUTLET:" + s for s in args.outlet],
                     xapian.Query.OP_OR),
        filter_query(["XOFFICIAL:" + s for s in args.official],
                     xapian.Query.OP_AND)) if q is not None]
    if args.date_from or args.date_to:
        try:
            filters.append(date_range_query(args.date_from, args.date_to))
        except ValueError as e:
            ap.error("--from/--to: %s" % e)
    for f in filters:
        query = xapian.Query(xapian.Query.OP_FILTER, query, f)

    try:
        enquire = xapian.Enquire(db)
        enquire.set_query(query)
        # facets count every match, so fetch them all in that case
        mset = enquire.get_mset(0, db.get_doccount() if args.facets
                                else args.limit)
        out = []
        counts = {}
        for i, m in enumerate(mset):
            doc = m.document
            if i < args.limit:
                out.append(doc.get_value(4).decode("utf-8"))
            if args.facets:
                for t in doc.termlist():
                    term = t.term.decode("utf-8")
                    for prefix, name in FACET_PREFIXES:
                        if term.startswith(prefix) and (
                                prefix != "Y" or len(term) == 5):
                            key = name + term[len(prefix):]
                            counts[key] = counts.get(key, 0) + 1
    except xapian.Error as e:
        sys.stderr.write("search.py: %s\n" % e.get_msg())
        return 4
    for docid in out:
        print(docid)
    for key in sorted(counts):
        print("facet=%s count=%d" % (key, counts[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
