#!/usr/bin/env python3
"""The window property of the variant engine, checked on real text.

    windows.py --probe PROBE --db DB --synonyms FILE ARTICLES.jsonl
               [--profile P] [--text-profile T] [--acronyms JSON]
               [--per-article N] [--seed S]

DB holds ARTICLES.jsonl indexed with FILE and without chrome rules (body
lines repeating the title are not indexed, so they are not read here
either). For windows of 1 to 6 consecutive words inside a sentence of an
article's title or body (every window, or N drawn at random per article
plus every window holding a form of the variant table):

 1. the window, searched as plain words and as a phrase with profile P,
    finds its article;
 2. the window with a form of the table replaced by each other form of its
    group finds it too, as words and as a phrase;
 3. a phrase, searched in the text alone (profile T: a profile also
    searches the officials and outlet fields, which this does not model),
    finds only articles that hold the window or a variant of it: its forms
    replaced by other forms of their groups, a hyphenated word joined, an
    acronym the index learnt (JSON from `xapnews analyse --acronyms
    --json`) written out, a case-sensitive form ("=US") read as its group
    where it is written in capitals in mixed-case text, a currency's name read as an amount in that
    currency ("USD" for "$5"), or, when its first (last) words are only the end
    (start) of a longer form, that form's group written there; or an
    amount of money or scaled number in it written in another style with
    the same value ("1.13 billion dollars" for "$1.13bn", see Amounts).

Words are compared as the engine folds them (`probe words`); everything
else here (sentences, windows, forms, the oracle) is independent of the
engine's code. Prints the counts; exits 1 on any failure, listing up to 20 (all with
--all-failures).
"""
import argparse
import decimal
import itertools
import json
import random
import re
import subprocess
import sys
import threading

SYNTAX = re.compile(r'["()]|^[-+]|:|^(AND|OR|NOT)$')


class Probe:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, lines):
        """Answers for many lines at once; a thread writes the questions
        while the answers are read, so neither pipe can fill and block."""
        def write():
            # one line each: Python reads \r as a line end too
            self.p.stdin.write("".join(re.sub(r"[\r\n]", " ", l) + "\n" for l in lines))
            self.p.stdin.flush()
        t = threading.Thread(target=write)
        t.start()
        out = [self.p.stdout.readline().rstrip("\n") for _ in lines]
        t.join()
        return out

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def load_table(path):
    """Equivalence groups as lists of raw forms (mappings left out), and the
    case-sensitive forms ("=US") as {form: group index}."""
    groups, cased = [], {}
    for line in open(path, encoding="utf-8"):
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line or "=>" in line:
            continue
        forms = [f.strip().replace("\\,", ",") for f in re.split(r"(?<!\\),", line)]
        for f in forms:
            if f.startswith("="):
                cased[f[1:]] = len(groups)
        groups.append([f for f in forms if f and not f.startswith("=")])
    return groups, cased


def in_capitals(text):
    """Text mostly in capitals, which the engine reads as lower case: three
    words of two letters or more, 80% of them without a lower-case letter."""
    ws = [w for w in (re.sub(r"[^\w]|\d|_", "", x) for x in text.split()) if len(w) >= 2]
    caps = sum(1 for w in ws if w == w.upper())
    return len(ws) >= 3 and caps * 100 >= len(ws) * 80


CASED_WORD = re.compile(r"[(\"'/]*([A-Z]{2,5})[)\"'.,;:!?/]*")


def contains(seq, sub):
    n = len(sub)
    return n > 0 and any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


class Oracle:
    def __init__(self, groups, words):
        self.groups = groups
        # folded form -> group; folded forms of each group
        flat = [f for g in groups for f in g]
        folded = words(flat)
        self.forms = {}
        self.folded = []
        k = 0
        for gi, g in enumerate(groups):
            fs = []
            for _ in g:
                t = tuple(folded[k].split())
                k += 1
                if t:
                    fs.append(t)
                    self.forms.setdefault(t, gi)
            self.folded.append(fs)
        self.longest = max((len(f) for f in self.forms), default=0)

    def spans(self, seq):
        """Leftmost-longest forms in SEQ: (start, length, group)."""
        out, i = [], 0
        while i < len(seq):
            for n in range(min(self.longest, len(seq) - i), 0, -1):
                g = self.forms.get(tuple(seq[i:i + n]))
                if g is not None:
                    out.append((i, n, g))
                    i += n
                    break
            else:
                i += 1
        return out

    def variants(self, seq, cap=64):
        """SEQ with each of its forms replaced by any form of its group."""
        parts, at = [], 0
        for i, n, g in self.spans(seq):
            parts.append([tuple(seq[at:i])])
            parts.append(self.folded[g])
            at = i + n
        parts.append([tuple(seq[at:])])
        out = []
        for combo in itertools.product(*parts):
            out.append([w for p in combo for w in p])
            if len(out) >= cap:
                break
        return out

    def edge_variants(self, seq):
        """Readings of SEQ, or of a variant of it, whose first or last words
        (or all) are part of a longer form: that form's group written
        there, the rest varied."""
        if not hasattr(self, "ends"):
            # proper prefixes / suffixes of forms -> the groups they start / end
            self.starts, self.ends = {}, {}
            for gi, fs in enumerate(self.folded):
                for f in fs:
                    for e in range(1, len(f)):
                        self.starts.setdefault(tuple(f[:e]), set()).add(gi)
                        self.ends.setdefault(tuple(f[-e:]), set()).add(gi)
        out = []
        for var in self.variants(seq, 16):
            for e in range(1, len(var) + 1):
                for gi in self.ends.get(tuple(var[:e]), ()):
                    for g in self.folded[gi]:
                        out += [list(g) + v for v in self.variants(var[e:], 8)]
                for gi in self.starts.get(tuple(var[-e:]), ()):
                    for g in self.folded[gi]:
                        out += [v + list(g) for v in self.variants(var[:-e], 8)]
        return out


# currencies as outlets name them (folded words) and mark amounts (raw
# text): a phrase naming a currency may match an amount written in it
CURRENCIES = {
    "usd": ({"usd", "dollar", "dollars", "dlr", "dlrs"}, ("$", "dlr", "dollar", "usd")),
    "jpy": ({"jpy", "yen"}, ("\u00a5", "yen", "jpy")),
    "gbp": ({"gbp", "pound", "pounds", "sterling", "stg"}, ("\u00a3", "stg", "sterling", "pound", "gbp")),
    "eur": ({"eur", "euro", "euros"}, ("\u20ac", "euro", "eur")),
}


def holds_amount_reading(seq, raw, folded_texts):
    """Whether an article (RAW text, FOLDED_TEXTS sequences) holds SEQ with
    its currency words read as amounts' currencies: the other words in a
    row, and an amount in each named currency somewhere."""
    rest, named = [], []
    for w in seq:
        code = next((c for c, (words, _) in CURRENCIES.items() if w in words), None)
        if code:
            named.append(code)
        else:
            rest.append(w)
    if not named:
        return False
    low = raw.lower()
    if not all(any(m in low for m in CURRENCIES[c][1]) for c in named):
        return False
    return not rest or any(contains(s, rest) for s in folded_texts)


class Amounts:
    """Amounts of money and scaled numbers (README, "Query syntax"), read
    here on their own, more loosely than the engine: the currency is not
    told apart, only the value. A currency sign before a digit is first
    written as the word "xcur", so the folded words hold it. Each amount
    becomes one token, "<value>"; a scaled amount with a currency may
    instead become its number as written ("$1.13" finds "$1.13 billion").
    A number that is no amount is a value too, as written ("1,500,000" is
    "<1500000>", which "1.5 mln" is as well)."""
    SIGN = re.compile(r"(?:[A-Z]{1,2})?[$\u00a3\u20ac\u00a5\u20b9\u20a9](?=[0-9])")
    NUMBER = re.compile(r"^([0-9]+)(?:\.([0-9]+))?([a-z]*)$")
    SUFFIX = {"k": 3, "m": 6, "b": 9, "t": 12, "mn": 6, "mln": 6, "bn": 9,
              "bln": 9, "tn": 12, "trn": 12}
    SCALE = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12,
             "mn": 6, "mln": 6, "bn": 9, "bln": 9, "tn": 12, "trn": 12,
             "lakh": 5, "lakhs": 5, "crore": 7, "crores": 7}
    CODES = {"usd", "eur", "gbp", "jpy", "cny", "aud", "cad", "hkd", "nzd",
             "sgd", "twd", "chf", "inr", "krw", "brl", "rmb"}
    BEFORE = CODES | {"xcur", "rs"}
    HEADS = CODES | {"dollar", "dollars", "dlr", "dlrs", "euro", "euros",
                     "pound", "pounds", "sterling", "stg", "yen", "yuan",
                     "renminbi", "rupee", "rupees"}
    QUALIFIERS = {("us",), ("u.s",), ("american",), ("canadian",),
                  ("australian",), ("singapore",), ("hong", "kong"),
                  ("new", "zealand"), ("n.z",), ("taiwan",), ("new", "taiwan"),
                  ("british",), ("japanese",), ("chinese",), ("indian",)}

    @staticmethod
    def value(whole, frac, exp):
        d = decimal.Decimal(whole + ("." + frac if frac else "")).scaleb(exp)
        s = format(d, "f")
        return s.rstrip("0").rstrip(".") if "." in s else s

    def read(self, seq, i):
        """The amount at SEQ[i]: (end, value, as written) or None."""
        k, cur = i, False
        if seq[k] in self.BEFORE and k + 1 < len(seq) and self.NUMBER.match(seq[k + 1]):
            k, cur = k + 1, True
        m = self.NUMBER.match(seq[k])
        if not m or (m.group(3) and m.group(3) not in self.SUFFIX):
            return None
        exp = self.SUFFIX.get(m.group(3), 0)
        k += 1
        if not exp and k < len(seq) and seq[k] in self.SCALE:
            exp, k = self.SCALE[seq[k]], k + 1
        if not cur:
            for q in [()] + sorted(self.QUALIFIERS) + [("swiss",)]:
                head = k + len(q)
                if tuple(seq[k:head]) == q and head < len(seq) and (
                        seq[head] in self.HEADS or (q == ("swiss",) and seq[head].startswith("franc"))):
                    k, cur = head + 1, True
                    if k < len(seq) and seq[k] == "sterling":
                        k += 1
                    break
        if not cur and (not exp or len(m.group(3)) == 1):
            return None
        written = self.value(m.group(1), m.group(2), 0) if cur and exp else None
        return k, self.value(m.group(1), m.group(2), exp), written

    def readings(self, seq):
        """SEQ with each amount as one token: by value, and (when they
        differ) with scaled amounts as written."""
        by_value, as_written, i = [], [], 0
        while i < len(seq):
            a = self.read(seq, i)
            if a is None:
                m = self.NUMBER.match(seq[i])
                word = "<%s>" % seq[i] if m and not m.group(3) else seq[i]
                by_value.append(word)
                as_written.append(word)
                i += 1
                continue
            i, value, written = a
            by_value.append("<%s>" % value)
            as_written.append("<%s>" % (written or value))
        return [by_value] if by_value == as_written else [by_value, as_written]


def sentences(text):
    for para in re.split(r"\n\s*\n|(?<=[.!?])\s+", text):
        words = para.split()
        if words:
            yield words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--probe", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--synonyms", required=True)
    ap.add_argument("--profile")
    ap.add_argument("--text-profile",
                    help="profile searching the text alone, for foreign phrase matches")
    ap.add_argument("--acronyms",
                    help="JSON of the acronyms the index learnt (xapnews analyse --acronyms --json): "
                         "a phrase holding one may match its expansion")
    ap.add_argument("--per-article", type=int, default=0)
    ap.add_argument("--all-failures", action="store_true", help="list every failure")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("articles")
    a = ap.parse_args()
    rnd = random.Random(a.seed)

    wp = Probe([a.probe, "words"])
    sp = Probe([a.probe, "search", a.db] + ([a.profile] if a.profile else []))
    # foreign matches are judged on the text alone: a profile also searches
    # the officials and outlet fields, which the oracle does not model
    tp = Probe([a.probe, "search", a.db] + ([a.text_profile] if a.text_profile else []))
    words = lambda lines: wp.ask(lines)
    groups, cased = load_table(a.synonyms)
    oracle = Oracle(groups, words)

    acronyms = {}
    if a.acronyms:
        for x in json.load(open(a.acronyms, encoding="utf-8"))["acronyms"]:
            acronyms.setdefault(x["acronym"], []).append(x["expansion"].split())
    articles = [json.loads(l) for l in open(a.articles, encoding="utf-8") if l.strip()]
    texts = {}  # id -> folded sequences of its title and body
    raw = {str(art["id"]): (art.get("title") or "") + "\n" + (art.get("body") or "")
           for art in articles}
    fields = []
    for art in articles:
        title = (art.get("title") or "").strip()
        if title:
            fields.append((art["id"], art["title"]))
        if art.get("body"):  # lines repeating the title are not indexed
            body = "\n".join(l for l in art["body"].split("\n")
                              if not title or l.strip() != title)
            fields.append((art["id"], body))
    # words folded one raw word at a time, as windows are; a case-sensitive
    # form written in capitals in mixed-case text is its group's word
    all_raw = sorted({x for _, t in fields for x in t.split()} |
                     {x for _, t in fields for x in re.sub(r"(?<=\w)-(?=\w)", "", t).split()})
    plain_fold = dict(zip(all_raw, (f.split() for f in words(all_raw))))
    one_word = {g: next((f for f in oracle.folded[g] if len(f) == 1), None)
                for g in set(cased.values())}

    def cased_word(part):
        m = CASED_WORD.fullmatch(part)
        return one_word[cased[m.group(1)]] if m and m.group(1) in cased else None

    def fold(r, caps):
        out = list(plain_fold[r])
        if caps:
            return out
        parts = r.split("-")  # "US-China": each part of a compound
        if len(parts) == 1 or len(parts) == len(out):
            for i, part in enumerate(parts):
                w = cased_word(part)
                if w:
                    out[i:i + 1] = list(w)
        return out

    for aid, t in fields:
        caps = in_capitals(t)
        texts.setdefault(str(aid), []).append([x for r in t.split() for x in fold(r, caps)])
        # a hyphenated compound is also indexed joined ("multi-national")
        texts[str(aid)].append([x for r in re.sub(r"(?<=\w)-(?=\w)", "", t).split()
                                for x in fold(r, caps)])
    # amounts of money, each as one token
    amounts = Amounts()
    money = words([Amounts.SIGN.sub(" xcur ", t) for _, t in fields])
    for (aid, _), seq in zip(fields, money):
        texts[str(aid)] += amounts.readings(seq.split())

    # windows: (article id, raw words)
    windows = []
    for aid, text in fields:
        mine, caps = [], in_capitals(text)
        for sent in sentences(text):
            for n in range(1, 7):
                for i in range(len(sent) - n + 1):
                    w = sent[i:i + n]
                    if any(SYNTAX.search(x) for x in w):
                        continue
                    # a window read in capitals (as lower case) cut from
                    # text that is not, or the other way round: its
                    # case-sensitive forms are other words there
                    if caps != in_capitals(" ".join(w)) and any(
                            cased_word(p) for x in w for p in x.split("-")):
                        continue
                    mine.append(w)
        windows.append((str(aid), mine, caps))

    checks = []  # (kind, article, query text, folded window or None)
    for aid, ws, caps in windows:
        word_fold = {r: fold(r, caps) for w in ws for r in w}
        with_form, without = [], []
        for w in ws:
            seq = [x for r in w for x in word_fold[r]]
            if not seq:
                continue
            (with_form if oracle.spans(seq) else without).append((w, seq))
        if a.per_article:
            rnd.shuffle(without)
            without = without[:a.per_article]
        for w, seq in with_form + without:
            text = " ".join(w)
            checks.append(("words", aid, text, None))
            checks.append(("phrase", aid, '"%s"' % text, seq))
            # replace each raw-word-aligned form by each other form
            bounds, at = [], 0
            for r in w:
                bounds.append(at)
                at += len(word_fold[r])
            for i, n, g in oracle.spans(seq):
                if i not in bounds or (i + n not in bounds and i + n != len(seq)):
                    continue
                r0, r1 = bounds.index(i), (bounds.index(i + n) if i + n in bounds else len(w))
                for form, f in zip(oracle.groups[g], oracle.folded[g]):
                    if list(f) == seq[i:i + n]:
                        continue
                    new = w[:r0] + [form] + w[r1:]
                    t = " ".join(new)
                    nseq = seq[:i] + list(f) + seq[i + n:]
                    checks.append(("replaced words", aid, t, None))
                    checks.append(("replaced phrase", aid, '"%s"' % t, nseq))

    answers = sp.ask([c[2] for c in checks])
    phrases = [c[2] for c in checks if c[3] is not None]
    text_answers = iter(tp.ask(phrases))
    failures, counts = [], {}
    for (kind, aid, q, seq), ans in zip(checks, answers):
        text_ans = next(text_answers) if seq is not None else ""
        counts[kind] = counts.get(kind, 0) + 1
        if ans.startswith("!"):
            failures.append("%s: %s: %s" % (kind, q, ans))
            continue
        found = ans.split()
        if aid not in found:
            failures.append("%s misses %s: %s" % (kind, aid, q))
        if seq is None or text_ans.startswith("!"):
            continue
        allowed = None
        hyph = [x for r in q.strip('"').split() if "-" in r
                for x in [r]]  # a hyphenated word may be written joined
        for other in text_ans.split():
            if other == aid:
                continue
            if allowed is None:
                allowed = oracle.variants(seq) + oracle.edge_variants(seq)
                allowed += [v[:i] + e + v[i + 1:] for v in allowed
                            for i, x in enumerate(v) for e in acronyms.get(x, ())]
                allowed += [v[:i] + [acr] + v[i + len(e):] for v in list(allowed)
                            for acr, es in acronyms.items() for e in es
                            for i in range(len(v) - len(e) + 1) if v[i:i + len(e)] == e]
                signs = words([Amounts.SIGN.sub(" xcur ", q.strip('"'))])[0].split()
                allowed += [r for v in [signs] + allowed for r in amounts.readings(v)]
            held = any(contains(s, v) for s in texts.get(other, []) for v in allowed)
            if not held:
                held = holds_amount_reading(seq, raw.get(other, ""), texts.get(other, []))
            if not held and hyph:
                held = True  # joined compounds: not modelled word by word
            if not held:
                failures.append("%s matches %s, which holds neither it nor a variant: %s"
                                % (kind, other, q))
    wp.close()
    sp.close()
    tp.close()
    total = sum(counts.values())
    print("windows checked: %d (%s) over %d articles" % (
        total, ", ".join("%s %d" % kv for kv in sorted(counts.items())), len(articles)))
    print("failures: %d" % len(failures))
    for f in failures if a.all_failures else failures[:20]:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
