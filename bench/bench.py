#!/usr/bin/env python3
"""The measurements of bench/run.sh (which builds the helpers and calls this).

Every phase alternates its contenders (the order rotates each repetition)
and reports medians over the repetitions. Standard library only. Writes
RESULTS/results.json and RESULTS/table.txt, prints the table, and draws
RESULTS/bench.png with gnuplot when gnuplot is there.
"""
import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

T0 = time.time()
ARGS = None


def log(msg):
    print("[%5.0fs] %s" % (time.time() - T0 + ARGS.started_ago, msg), file=sys.stderr, flush=True)


def elapsed():
    return time.time() - T0 + ARGS.started_ago


def rotate(items, k):
    k %= len(items)
    return items[k:] + items[:k]


def median(xs):
    return statistics.median(xs) if xs else None


def percentile(xs, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def du(path):
    if not os.path.exists(path):
        return None
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def rmrf(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def timed(cmd, stdout=subprocess.DEVNULL, env=None, precise=False):
    """Runs CMD; returns (wall seconds, peak RSS in KiB of the largest process).
    Uses /usr/bin/time -f '%e %M' when there is one, else os.wait4's rusage.
    PRECISE: the wall time from time.perf_counter around the command (GNU
    time's %e has 10 ms steps), for short commands."""
    subprocess.run(["sync"], check=False)
    if ARGS.gnu_time:
        tf = os.path.join(ARGS.work, "time.out")
        start = time.perf_counter()
        p = subprocess.run([ARGS.gnu_time, "-f", "%e %M", "-o", tf] + cmd,
                           stdout=stdout, stderr=subprocess.PIPE, env=env)
        pc = time.perf_counter() - start
        with open(tf) as f:
            last = f.read().strip().splitlines()[-1].split()
        wall, rss = (pc if precise else float(last[0])), int(last[1])
    else:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        p.stderr = err
        wall, rss = time.perf_counter() - start, ru.ru_maxrss
    if p.returncode not in (0,):
        msg = p.stderr.decode(errors="replace") if isinstance(p.stderr, bytes) else str(p.stderr)
        raise SystemExit("bench: %s failed (%d):\n%s" % (" ".join(cmd), p.returncode, msg[-2000:]))
    return wall, rss


def with_io_counts(cmd, out):
    """CMD wrapped so that its read and write system calls (pread and
    pwrite of Xapian's blocks among them) are written to the file OUT: a
    shell's /proc/PID/io adds up those of the children it has waited for."""
    return ["sh", "-c", '"$@"; s=$?; grep "^sysc" /proc/$$/io > "%s"; exit $s' % out,
            "sh"] + list(cmd)


def io_counts(path):
    """{"read_calls": N, "write_calls": N} from a file with_io_counts()
    wrote, or {} when /proc gave none."""
    got = {}
    try:
        with open(path) as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("syscr", "syscw"):
                    got["read_calls" if key.strip() == "syscr" else "write_calls"] = int(value)
    except OSError:
        pass
    return got


def output_of(cmd, env=None, cpu=None):
    """CMD's standard output; CPU: the one CPU it runs on (None: any)."""
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       preexec_fn=pin)
    if p.returncode != 0:
        raise SystemExit("bench: %s failed (%d):\n%s" %
                         (" ".join(cmd), p.returncode, p.stderr.decode(errors="replace")[-2000:]))
    return p.stdout.decode()


# --------------------------------------------------------------------------
def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        info["nproc"] = int(subprocess.run(["nproc"], stdout=subprocess.PIPE).stdout)
    except (OSError, ValueError):
        pass
    with open("/proc/cpuinfo") as f:
        m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
        info["cpu_model"] = m.group(1) if m else None
    with open("/proc/meminfo") as f:
        m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
        info["ram_gib"] = round(int(m.group(1)) / 1048576, 1) if m else None
    with open("/proc/loadavg") as f:
        info["loadavg_start"] = f.read().split()[:3]
    versions = {}
    for name, cmd in [("xapian", ["pkg-config", "--modversion", "xapian-core"]),
                      ("gcc", ["gcc", "-dumpfullversion"]),
                      ("xapnews", [ARGS.xapnews, "--version"])]:
        try:
            versions[name] = subprocess.run(cmd, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL).stdout.decode().strip()
        except OSError:
            versions[name] = None
    versions["sqlite"] = sqlite3.sqlite_version
    versions["python"] = platform.python_version()
    info["versions"] = versions
    try:
        rev = subprocess.run(["git", "-C", ARGS.top, "rev-parse", "--short", "HEAD"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().strip()
        dirty = subprocess.run(["git", "-C", ARGS.top, "status", "--porcelain", "--untracked-files=no"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode().strip()
        info["git"] = rev + ("-dirty" if dirty else "")
    except OSError:
        pass
    return info


# --------------------------------------------------------------------------
def phase_convert(res):
    log("converting Reuters-21578 to JSON Lines")
    r1 = os.path.join(ARGS.work, "reuters.jsonl")
    t, _ = timed(["python3", os.path.join(ARGS.bench, "reuters.py"), ARGS.reuters, r1])
    n = sum(1 for _ in open(r1, encoding="utf-8"))
    text_bytes = 0
    with open(r1, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text_bytes += len(rec.get("title", "").encode()) + len(rec.get("body", "").encode())
    res["corpus"] = {"articles": n, "jsonl_bytes": os.path.getsize(r1),
                     "title_body_bytes": text_bytes, "convert_seconds": round(t, 2)}
    return r1, n


def xapnews_cmd(*args):
    return [ARGS.xapnews] + list(args)


def phase_index(res, r1, n):
    work = ARGS.work
    paths = {"xapnews": os.path.join(work, "x1.db"), "xapnews_jobs2": os.path.join(work, "xt.db"),
             "xapnews_2shards": os.path.join(work, "xs.db"),
             "xapnews_2shards_compact": os.path.join(work, "xc.db"),
             "plain_xapian": os.path.join(work, "p1.db"),
             "plain_xapian_commit1000": os.path.join(work, "p1c.db"), "fts5": os.path.join(work, "f1.sqlite"),
             "plain_xapian_spelling": os.path.join(work, "p1s.db")}

    def run(name):
        if name == "xapnews":
            rmrf(paths[name])
            t, rss = timed(xapnews_cmd("index", "--quiet", "--jobs", "1", "--db", paths[name], r1))
            return {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}
        if name == "xapnews_jobs2":
            rmrf(paths[name])
            summary = os.path.join(work, "jobs2.out")
            with open(summary, "w") as out:
                t, rss = timed(xapnews_cmd("index", "--quiet", "--jobs", "2", "--db", paths[name], r1),
                               stdout=out)
            # "(2 jobs, 3 parts)" when a job took over the end of the other's run
            m = re.search(r"\(2 jobs, (\d+) parts\)", open(summary).read())
            # kept: the database the default command leaves here, queried below
            return {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name]),
                    "parts": int(m.group(1)) if m else 2}
        if name == "xapnews_2shards":
            rmrf(paths[name])
            rmrf(paths["xapnews_2shards_compact"])
            t1, rss1 = timed(xapnews_cmd("index", "--quiet", "--db", paths[name],
                                         "--shards", "2", "--jobs", "2", r1))
            t2, rss2 = timed(xapnews_cmd("compact", "--db", paths[name],
                                         "--out", paths["xapnews_2shards_compact"]))
            return {"seconds": t1 + t2, "index_seconds": t1, "compact_seconds": t2,
                    "peak_rss_kib": max(rss1, rss2), "db_bytes": du(paths[name]),
                    "compact_db_bytes": du(paths["xapnews_2shards_compact"])}
        if name == "plain_xapian":
            rmrf(paths[name])
            t, rss = timed([ARGS.plain, "index", paths[name], r1])
            return {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}
        if name == "plain_xapian_commit1000":
            rmrf(paths[name])
            t, rss = timed([ARGS.plain, "index", paths[name], r1, "--commit-every", "1000"])
            r = {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}
            rmrf(paths[name])
            return r
        if name == "fts5":
            rmrf(paths[name])
            t, rss = timed(["python3", os.path.join(ARGS.bench, "fts5_bench.py"), "index",
                            paths[name], r1])
            return {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}

    contenders = ["xapnews", "xapnews_jobs2", "xapnews_2shards", "plain_xapian",
                  "plain_xapian_commit1000"] + \
        (["fts5"] if ARGS.fts5 else [])
    runs = {c: [] for c in contenders}
    for rep in range(ARGS.index_reps):
        for c in rotate(contenders, rep):
            la = loadavg()
            r = run(c)
            r["loadavg_before"] = la
            runs[c].append(r)
            log("index x1 rep %d %-24s %6.2f s  %7.1f MiB  (load %.2f)" %
                (rep + 1, c, r["seconds"], r["peak_rss_kib"] / 1024, la))
    out = {}
    for c, rs in runs.items():
        d = {"runs_seconds": [round(r["seconds"], 2) for r in rs],
             "median_seconds": round(median([r["seconds"] for r in rs]), 2),
             "median_peak_rss_mib": round(median([r["peak_rss_kib"] for r in rs]) / 1024, 1),
             "articles_per_second": round(n / median([r["seconds"] for r in rs]), 1),
             "db_bytes": rs[-1]["db_bytes"],
             "loadavg_before_runs": [r["loadavg_before"] for r in rs]}
        for k in ("index_seconds", "compact_seconds"):
            if k in rs[0]:
                d["median_" + k] = round(median([r[k] for r in rs]), 2)
                d[k] = d["median_" + k]
        if "compact_db_bytes" in rs[-1]:
            d["compact_db_bytes"] = rs[-1]["compact_db_bytes"]
        if "parts" in rs[0]:
            d["runs_parts"] = [r["parts"] for r in rs]
        if c != "plain_xapian":
            # each run over plain Xapian's of the same repetition: the
            # machine's speed moves less within a repetition than across
            d["median_ratio_to_plain_same_rep"] = round(median(
                [r["seconds"] / p["seconds"] for r, p in zip(rs, runs["plain_xapian"])]), 3)
        out[c] = d
    out["repetitions"] = ARGS.index_reps
    out["note"] = ("wall time and peak RSS of the largest process (/usr/bin/time %e %M); "
                   "xapnews: index --jobs 1, all features on (default chrome rules, variant table, officials, "
                   "outlets; commits every 1000 articles); xapnews_jobs2: index --jobs 2 into a "
                   "new database (two processes each index about half the input into a part, "
                   "a job done early taking over the end of the other's run into a third; the "
                   "parts are joined into one database, in input order, story keys settled); "
                   "xapnews_2shards: index --shards 2 "
                   "--jobs 2 then compact (sum); plain_xapian: Xapian's default flushing "
                   "(every 10000 documents); plain_xapian_commit1000: the same committing every 1000 "
                   "articles like xapnews; fts5: one transaction (reference)")
    # plain Xapian with spelling data, for Xapian's own typo tolerance on the
    # names kind (built once, not a contender of the indexing ratios)
    rmrf(paths["plain_xapian_spelling"])
    t, rss = timed([ARGS.plain, "index", paths["plain_xapian_spelling"], r1, "--spelling"])
    log("index x1 plain Xapian with spelling data %6.2f s  %7.1f MiB" % (t, rss / 1024))
    res["index_x1_plain_spelling"] = {"seconds": round(t, 2), "peak_rss_mib": round(rss / 1024, 1),
                                      "db_bytes": du(paths["plain_xapian_spelling"]),
                                      "note": "plain_xapian index --spelling (TermGenerator "
                                              "FLAG_SPELLING), once, for the names kind's "
                                              "plain_xapian_spelling contender"}
    res["index_x1"] = out
    return paths


# the query kinds: (name, label); query_file() and query_operator() say
# what each searches and how
QUERY_KINDS = (("and", "short AND"), ("or", "long OR"), ("names", "names"))


def query_file(kind):
    return {"and": ARGS.queries, "or": ARGS.titles, "names": ARGS.names}[kind]


def query_operator(kind):
    """The default operator of KIND's queries: "or" for whole titles,
    "and" for the others."""
    return "or" if kind == "or" else "and"


def query_run(name, paths, kind, cpu=None):
    """One run of contender NAME over the queries of KIND ("and": short
    queries, default operator AND; "or": whole titles, default operator OR;
    "names": people's names, as written or misspelt, default operator AND),
    on CPU (None: any)."""
    qfile, passes = query_file(kind), str(ARGS.query_passes)
    kind = query_operator(kind)
    # query_bench's EXACT argument (matches counted exactly) at its default,
    # 1000, so that the kind can follow it
    exact = "1000"
    if name == "xapnews":
        cmd = [ARGS.query_bench, paths["xapnews_jobs2"], qfile, ARGS.profile, passes, exact, kind]
    elif name == "xapnews_jobs1_db":
        cmd = [ARGS.query_bench, paths["xapnews"], qfile, ARGS.profile, passes, exact, kind]
    elif name == "xapnews_2shards":
        cmd = [ARGS.query_bench, paths["xapnews_2shards"], qfile, ARGS.profile, passes, exact, kind]
    elif name == "xapnews_plain_profile":
        cmd = [ARGS.query_bench, paths["xapnews_jobs2"], qfile,
               os.path.join(os.path.dirname(ARGS.profile), "plain.conf"), passes, exact, kind]
    elif name == "plain_xapian":
        cmd = [ARGS.plain, "query", paths["plain_xapian"], qfile, passes, kind]
    elif name == "plain_xapian_spelling":
        cmd = [ARGS.plain, "query", paths["plain_xapian_spelling"], qfile, passes, kind + "-spelling"]
    elif name == "plain_xapian_counting":
        cmd = [ARGS.plain, "query", paths["plain_xapian"], qfile, passes, kind, exact]
    elif name == "xapian_floor":
        cmd = [ARGS.plain, "floor", paths["plain_xapian"], qfile, passes, kind]
    else:
        cmd = ["python3", os.path.join(ARGS.bench, "fts5_bench.py"), "query", paths["fts5"],
               qfile, passes, kind]
    lines = [l.split("\t") for l in output_of(cmd, cpu=cpu).splitlines() if l.strip()]
    per_line = [None if l[0] == "nan" else float(l[0]) for l in lines]
    hits = [int(l[1]) for l in lines]
    return per_line, hits, sum(1 for t in per_line if t is None)


def count_queries(path):
    return sum(1 for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#"))


def phase_query(res, paths):
    contenders = ["xapnews", "plain_xapian"] + (["fts5"] if ARGS.fts5 else []) + \
        ["xapnews_jobs1_db", "xapnews_2shards", "xapnews_plain_profile", "plain_xapian_counting",
         "xapian_floor"]
    # every contender of a repetition runs on the same CPU, the next
    # repetition on the next CPU: the CPUs of a virtual machine can differ
    # in speed (a busy neighbour on the host), by half at times, and a
    # process stays where it starts
    cpus = sorted(os.sched_getaffinity(0))
    out = {"timed_passes_per_run": ARGS.query_passes, "repetitions": ARGS.reps,
           "note": ("per kind and contender, p50/p95/p99/mean: percentiles (and the mean) over "
                    "the queries of each query's median time over "
                    "every timed pass of every repetition (so a burst of load on the machine during one "
                    "pass does not move them; 'runs' keeps each run's percentiles over all its "
                    "timings); "
                    "microseconds per query: parse + top-10 search + reading each hit's id and "
                    "title (xapnews: from its summary value slot; plain Xapian: from the document data, "
                    "which holds the body too, as a simple indexer stores it; FTS5: its content "
                    "table), database opened once, one untimed warm-up pass; "
                    "kinds: 'and' = short queries (queries file), default operator AND for all; "
                    "'or' = whole Reuters titles (titles file), default operator OR for all "
                    "(FTS5: quoted words joined by OR); 'names' = people's names (names file: "
                    "the people tagged in the articles, capitalised, as written, with the "
                    "surname misspelt, or the surname alone misspelt), default operator AND for "
                    "all: plain Xapian and FTS5 search the words as typed, and find nothing for "
                    "most misspellings, while xapnews compares each word no article holds with "
                    "the names it knows (and asks the spelling data); plain_xapian_spelling "
                    "(names only): Xapian's own typo tolerance, QueryParser with "
                    "FLAG_SPELLING_CORRECTION over plain Xapian's database built with spelling "
                    "data, searching the corrected query where it offers one; xapnews with "
                    "schemas/profiles/default.conf on the database `xapnews index` leaves by "
                    "default on this input with a second core idle (--jobs 2: parts joined by "
                    "Xapian's compaction) (each word searched in "
                    "text, title, officials and outlet: 4 weighted terms), name-aware typo "
                    "tolerance on and 1000 matches counted exactly (query_bench's defaults, as "
                    "`xapnews search` runs); xapnews_jobs1_db: the same over the --jobs 1 "
                    "database (written in batches of 1000, not compacted); xapnews_2shards: the "
                    "same over the 2-shard stub database; xapnews_plain_profile: "
                    "schemas/profiles/plain.conf (plain BM25, one term per word) on the default "
                    "database; plain_xapian: QueryParser english "
                    "STEM_SOME, BM25; fts5: porter unicode61, ORDER BY bm25() LIMIT 10 "
                    "through python3's sqlite3; xapian_floor: the least any program answering "
                    "from a Xapian database spends, over plain Xapian's database: queries "
                    "parsed beforehand, timed from set_query to the top 10's document ids, "
                    "no document read (bench/plain_xapian.cc floor); plain_xapian_counting: "
                    "plain Xapian counting the first 1000 matches of every query exactly "
                    "(Enquire's check_at_least 1001), for reference: xapnews does so for a "
                    "short AND query, but not where a word ORed into the query is in more "
                    "than 1000 articles (no count can be exact then), so over long OR "
                    "queries this contender does more than xapnews; every contender of a "
                    "repetition runs pinned to one CPU, repetition R on CPU R modulo the CPUs "
                    "this run may use (cpu_by_repetition)"),
           "cpu_by_repetition": [cpus[r % len(cpus)] for r in range(ARGS.reps)]}
    for kind, label in QUERY_KINDS:
        qfile = query_file(kind)
        nq = count_queries(qfile)
        # Xapian's own typo tolerance, for the names only
        kind_contenders = contenders + (["plain_xapian_spelling"] if kind == "names" else [])
        runs = {c: [] for c in kind_contenders}
        # each query's times over every timed pass of every repetition
        per_query = {c: [[] for _ in range(nq)] for c in kind_contenders}
        for rep in range(ARGS.reps):
            cpu = cpus[rep % len(cpus)]
            for c in rotate(kind_contenders, rep):
                per_line, hits, failed = query_run(c, paths, kind, cpu)
                for i, t in enumerate(per_line):
                    if t is not None:
                        per_query[c][i % nq].append(t)
                us = [t for t in per_line if t is not None]
                r = {"p50": percentile(us, 50), "p95": percentile(us, 95), "p99": percentile(us, 99),
                     "mean": statistics.mean(us), "zero_hit_queries": sum(1 for h in hits if h == 0)
                     // ARGS.query_passes, "failed": failed}
                runs[c].append(r)
                log("query %s rep %d cpu %d %-21s p50 %7.1f us  p95 %7.1f us  p99 %7.1f us" %
                    (kind, rep + 1, cpu, c, r["p50"], r["p95"], r["p99"]))
        k = {"label": label, "queries": nq, "queries_file": os.path.relpath(qfile, ARGS.top),
             "default_operator": query_operator(kind).upper()}
        for c, rs in runs.items():
            typical = [median(ts) for ts in per_query[c] if ts]
            k[c] = {p: round(percentile(typical, int(p[1:])), 1) for p in ("p50", "p95", "p99")}
            k[c]["mean"] = round(statistics.mean(typical), 1)
            k[c]["runs"] = [{p: round(r[p], 1) for p in ("p50", "p95", "p99")} for r in rs]
            k[c]["zero_hit_queries"] = rs[-1]["zero_hit_queries"]
            k[c]["failed_queries"] = rs[-1]["failed"]
        out[kind] = k
    res["query"] = out


def phase_tokenize(res, r1):
    passes = str(ARGS.tok_passes)
    contenders = ["xapnews", "termgenerator", "termgenerator_stem"]
    runs = {"xn_tokenize": [], "xapnews_analyzer": [], "termgenerator": [], "termgenerator_stem": []}
    for rep in range(ARGS.reps):
        for c in rotate(contenders, rep):
            if c == "xapnews":
                out = output_of([ARGS.tokenize_bench, r1, ARGS.synonyms, passes])
                by = {"tokenize": [], "analyzer": []}
                for l in out.splitlines():
                    mode, b, s = l.split()
                    by[mode].append(int(b) / float(s) / 1e6)
                runs["xn_tokenize"].append(median(by["tokenize"]))
                runs["xapnews_analyzer"].append(median(by["analyzer"]))
                log("tokenise rep %d xn_tokenize %.1f MB/s, xapnews analyzer %.1f MB/s" %
                    (rep + 1, runs["xn_tokenize"][-1], runs["xapnews_analyzer"][-1]))
            else:
                cmd = [ARGS.plain, "tokenize", "--passes", passes] + \
                      (["--stem"] if c.endswith("stem") else []) + [r1]
                mbs = [int(b) / float(s) / 1e6 for b, s in
                       (l.split() for l in output_of(cmd).splitlines())]
                runs[c].append(median(mbs))
                log("tokenise rep %d %s %.1f MB/s" % (rep + 1, c, runs[c][-1]))
    out = {k: {"median_mb_per_s": round(median(v), 1), "runs": [round(x, 1) for x in v]}
           for k, v in runs.items()}
    out["note"] = ("MB/s of title+body text (10^6 bytes), median of %s in-memory passes per run, "
                   "median over the repetitions. xn_tokenize: the tokeniser alone (callback "
                   "counts tokens); xapnews_analyzer: xapnews_analyzer_run (tokeniser + english "
                   "stemmer + variant table), no database; termgenerator: Xapian TermGenerator "
                   "index_text into a fresh Document per article, STEM_NONE; termgenerator_stem: "
                   "the same with the english stemmer, STEM_SOME" % passes)
    res["tokenize"] = out


def phase_eval(res):
    if not os.path.isdir(ARGS.cranfield):
        log("no Cranfield collection at %s: eval skipped" % ARGS.cranfield)
        res["eval_cranfield"] = {"skipped": "no data at " + ARGS.cranfield}
        return
    log("Cranfield: converting, indexing, eval x3")
    d = os.path.join(ARGS.work, "cranfield")
    os.makedirs(d, exist_ok=True)
    subprocess.run(["python3", os.path.join(ARGS.top, "scripts", "cranfield.py"), ARGS.cranfield, d],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = os.path.join(d, "db")
    rmrf(db)
    subprocess.run(xapnews_cmd("index", "--quiet", "--db", db, os.path.join(d, "cranfield.jsonl")),
                   check=True, stdout=subprocess.DEVNULL)
    times = []
    out = ""
    for _ in range(3):
        start = time.perf_counter()
        p = subprocess.run(xapnews_cmd("eval", "--db", db, "--queries", os.path.join(d, "queries.tsv"),
                                       "--qrels", os.path.join(d, "cranfield.qrels"),
                                       "--profile", ARGS.profile),
                           check=True, stdout=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        out = p.stdout.decode()
    metrics = {}
    for l in out.splitlines():
        f = l.split()
        if len(f) >= 3 and f[0] in ("map", "ndcg_cut_10", "P_10"):
            metrics[f[0]] = float(f[2])
    res["eval_cranfield"] = {"queries": 225, "hits_per_query": 1000,
                             "best_seconds": round(min(times), 3),
                             "runs_seconds": [round(t, 3) for t in times], "metrics": metrics}
    log("eval best of 3: %.3f s" % min(times))


def phase_perf(res, r1, x1_seconds, plain_seconds):
    perf = shutil.which("perf")
    if not perf or ARGS.perf == "skip":
        res["perf"] = {"skipped": "perf not found" if not perf else "BENCH_PERF=skip"}
        return
    # keep time for the scale phase (xapnews and plain Xapian at both sizes,
    # about COPIES times x1 each)
    reserve = sum(ARGS.scale_copies) * (x1_seconds + plain_seconds) * 1.1 + 60
    if ARGS.perf == "auto" and elapsed() + 1.3 * x1_seconds + 10 > ARGS.budget - reserve:
        res["perf"] = {"skipped": "not enough time left in the budget"}
        log("perf skipped (budget)")
        return
    log("perf record of xapnews index (x1)")
    db = os.path.join(ARGS.work, "perf.db")
    data = os.path.join(ARGS.work, "perf.data")
    rmrf(db)
    p = subprocess.run([perf, "record", "-F", "499", "-o", data, "--"] +
                       xapnews_cmd("index", "--quiet", "--db", db, r1),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        res["perf"] = {"skipped": "perf record failed: " + p.stderr.decode(errors="replace")[-300:]}
        log("perf record failed")
        return
    rmrf(db)

    def report(sort, extra=()):
        q = subprocess.run([perf, "report", "-i", data, "--no-children", "--sort", sort,
                            "--stdio", "--percent-limit", "0.5"] + list(extra),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        rows = []
        for l in q.stdout.decode(errors="replace").splitlines():
            m = re.match(r"\s*([\d.]+)%\s+(.*\S)", l)
            if m and not l.startswith("#"):
                rows.append((float(m.group(1)), re.sub(r"\s+", " ", m.group(2))))
        return rows
    by_dso = report("dso")
    by_sym = report("dso,sym")
    with open(os.path.join(ARGS.results, "perf.txt"), "w") as f:
        f.write("perf record -F 499 of: xapnews index --quiet --db DB reuters.jsonl (%d articles)\n\n"
                % res["corpus"]["articles"])
        f.write("by shared object:\n")
        for pct, name in by_dso:
            f.write("  %6.2f%%  %s\n" % (pct, name))
        f.write("\nby symbol (>= 0.5%; libxapian is stripped, so its symbols are addresses):\n")
        for pct, name in by_sym[:40]:
            f.write("  %6.2f%%  %s\n" % (pct, name))
    res["perf"] = {"by_dso_percent": {name: pct for pct, name in by_dso},
                   "top_symbols": [{"percent": pct, "symbol": name} for pct, name in by_sym[:15]],
                   "report": "results/perf.txt"}
    rmrf(data)
    log("perf: " + ", ".join("%s %.1f%%" % (n, p) for p, n in by_dso[:6]))


APPEND_SIZES = (100, 1000)
# the databases appended to at each scale size: as built, and compacted
CONTENDERS_APPENDED = ("xapnews", "plain_xapian", "xapnews_compacted", "plain_xapian_compacted")


def read_through(path):
    """Reads every file under PATH once (into the page cache)."""
    for top, _, names in os.walk(path):
        for name in names:
            with open(os.path.join(top, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def doccount(db):
    return int(output_of([ARGS.plain, "doccount", db]).strip())


def phase_scale(res, n1, x1):
    """Daily ingest at two archive sizes (Reuters x10 and x50 by default,
    BENCH_SCALE_COPIES): at each, a new xapnews database (--shards J --jobs J)
    and a new plain Xapian database are built from the same copies (new ids
    per copy); then, in ARGS.append_rounds rounds, each gets 100 new
    articles appended, then 1000 more (other articles each round), each
    append its own timed command (xapnews index without --shards: an
    existing sharded database is written shard by shard; plain_xapian index
    DB FILE, one commit at the end), whose read and write system calls are
    counted too (with_io_counts(): nearly the same in every run, where times
    move with the machine). The contenders alternate within each round, the
    first of them changing from round to round, so that both meet the same
    machine; each append's time is the median over the rounds. The builds
    also give the time per 1000 articles as the archive grows."""
    small_c, large_c = ARGS.scale_copies
    small, large = "x%d" % small_c, "x%d" % large_c
    out = {"x1": {"articles": n1, "xapnews_seconds": x1["xapnews"]["median_seconds"],
                  "xapnews_peak_rss_mib": x1["xapnews"]["median_peak_rss_mib"],
                  "plain_xapian_seconds": x1["plain_xapian"]["median_seconds"],
                  "plain_xapian_peak_rss_mib": x1["plain_xapian"]["median_peak_rss_mib"]}}
    for k in ("xapnews", "plain_xapian"):
        out["x1"][k + "_seconds_per_1000"] = round(1000 * out["x1"][k + "_seconds"] / n1, 3)
    jobs = max(1, ARGS.scale_jobs)
    # with J jobs, J shards built in parallel (one per core), as the x1
    # xapnews_2shards contender without the compaction
    scale_args = ["--shards", str(jobs), "--jobs", str(jobs)] if jobs > 1 else []
    out["xapnews_jobs"] = jobs
    if jobs == 2 and "median_index_seconds" in x1.get("xapnews_2shards", {}):
        out["x1"]["xapnews_seconds"] = x1["xapnews_2shards"]["median_index_seconds"]
        out["x1"]["xapnews_seconds_per_1000"] = round(1000 * out["x1"]["xapnews_seconds"] / n1, 3)
        out["x1"]["xapnews_peak_rss_mib"] = x1["xapnews_2shards"]["median_peak_rss_mib"]
    out["sizes"] = [small, large]
    out["append_articles"] = list(APPEND_SIZES)
    out["method"] = (
        "at each size: a new database of COPIES copies of Reuters (copy c with ids "
        "reuters-c<c>-NEWID), built in one run (xapnews: index --quiet --shards %d --jobs %d; "
        "plain Xapian: plain_xapian index DB FILES); then %d new articles appended, then %d "
        "more (copies numbered from %d, new to both sizes, the same articles at both sizes), "
        "each append one timed command: xapnews index --quiet --db DB FILE (no --shards), "
        "plain_xapian index DB FILE; wall time (time.perf_counter around the command) "
        "including starting, opening, writing and committing, with its read and write "
        "system calls (/proc/PID/io of a shell around it); the document count checked "
        "before and after; every database read through once after the builds; %d rounds, "
        "each with other new articles, the databases "
        "appended to in turn (the order reversed every other round); "
        "seconds and system calls are the medians over the rounds; %s"
        % (jobs, jobs, APPEND_SIZES[0], APPEND_SIZES[1], large_c, ARGS.append_rounds,
           "no compacted copies (--no-compacted)" if ARGS.no_compacted else
           "the same appends to a compacted copy of each database, made after both builds "
           "(xapnews compact: one database, as index --jobs 2 leaves it; xapian-compact), "
           "appended to in the same rounds"))
    res["scale"] = out
    if ARGS.x50 == "skip-all":
        out["skipped"] = "BENCH_X50=skip-all"
        return

    files = []   # the chunk files written so far: (path, first copy, copies)

    def ensure_copies(total):
        """Writes chunk files of up to SMALL_C copies until copies 0 .. TOTAL-1
        are on disk; returns their paths and the seconds spent."""
        t0 = time.time()
        have = sum(f[2] for f in files)
        while have < total:
            k = min(small_c, total - have)
            path = os.path.join(ARGS.work, "chunk%d.jsonl" % len(files))
            subprocess.run(["python3", os.path.join(ARGS.bench, "reuters.py"), ARGS.reuters,
                            path, "--copies", str(k), "--first-copy", str(have)],
                           check=True, stderr=subprocess.DEVNULL)
            files.append((path, have, k))
            have += k
        return [f[0] for f in files if f[1] < total], time.time() - t0

    # the appended articles: copies from LARGE_C on, new to both sizes;
    # app_files[round] is [(articles, file)] in the order appended
    rounds = max(1, ARGS.append_rounds)
    need = rounds * sum(APPEND_SIZES)
    app_src = os.path.join(ARGS.work, "append-src.jsonl")
    subprocess.run(["python3", os.path.join(ARGS.bench, "reuters.py"), ARGS.reuters, app_src,
                    "--copies", str(-(-need // n1)), "--first-copy", str(large_c)],
                   check=True, stderr=subprocess.DEVNULL)
    app_files = []
    with open(app_src, encoding="utf-8") as f:
        lines = f.readlines()
    start = 0
    for rnd in range(rounds):
        app_files.append([])
        for n in APPEND_SIZES:
            path = os.path.join(ARGS.work, "append%d-%d.jsonl" % (rnd, n))
            with open(path, "w", encoding="utf-8") as g:
                g.writelines(lines[start:start + n])
            app_files[rnd].append((n, path))
            start += n
    rmrf(app_src)

    def build(size, copies, contender, inputs):
        """A new database of CONTENDER from INPUTS; returns its path and a
        dict of the measurements."""
        db = os.path.join(ARGS.work, "%s-%s.db" % (contender, size))
        rmrf(db)
        n = copies * n1
        log("index %s %s (%d articles)" % (size, contender, n))
        if contender == "xapnews":
            t, rss = timed(xapnews_cmd("index", "--quiet", "--db", db, *scale_args, *inputs))
        else:
            t, rss = timed([ARGS.plain, "index", db, *inputs])
        r = {contender + "_seconds": round(t, 2), contender + "_peak_rss_mib": round(rss / 1024, 1),
             contender + "_seconds_per_1000": round(1000 * t / n, 3), contender + "_db_bytes": du(db)}
        log("index %s %s %.1f s (%.3f s per 1000), %.1f MiB"
            % (size, contender, t, 1000 * t / n, rss / 1024))
        r[contender + "_doccount"] = doccount(db)
        return db, r

    def append_once(size, contender, db, k, path):
        """Appends the K articles of PATH to DB; returns the measurements."""
        io_file = os.path.join(ARGS.work, "append.io")
        xn = contender.startswith("xapnews")
        if xn:
            cmd = xapnews_cmd("index", "--quiet", "--db", db, path)
        else:
            cmd = [ARGS.plain, "index", db, path]
        rmrf(io_file)
        before = doccount(db)
        out_file = os.path.join(ARGS.work, "append.out")
        with open(out_file, "w") as out:
            t, rss = timed(with_io_counts(cmd, io_file), stdout=out, precise=True)
        after = doccount(db)
        a = {"seconds": t, "peak_rss_mib": rss / 1024, "articles_before": before,
             "articles_after": after, "all_new": after - before == k}
        a.update(io_counts(io_file))
        if xn:
            # the summary names the threads the default chose ("(2 threads)")
            with open(out_file, encoding="utf-8", errors="replace") as f:
                m = re.search(r"\((\d+) threads\)", f.read())
            a["threads"] = int(m.group(1)) if m else 1
        log("append %d to %s %s: %.3f s, %.1f MiB, %s read and %s write calls%s%s"
            % (k, size, contender, t, rss / 1024, a.get("read_calls", "?"),
               a.get("write_calls", "?"),
               ", %d thread%s" % (a["threads"], "s" if a["threads"] > 1 else "")
               if "threads" in a else "",
               "" if after - before == k else
               " (WARNING: %d articles added, not %d)" % (after - before, k)))
        return a

    def append_rounds(size, dbs):
        """The appends to the databases DBS ({contender: path}), in rounds;
        returns {contender + "_appends": {str(articles): medians}}."""
        order = list(dbs)
        got = {c: {} for c in order}
        # the databases were built one after the other: read each through
        # once so that neither starts colder than the other (the page
        # cache holds what the last build wrote, not the first)
        for c in order:
            t0 = time.time()
            read_through(dbs[c])
            log("read %s's database at %s through in %.1f s" % (c, size, time.time() - t0))
        for rnd in range(rounds):
            turn = order if rnd % 2 == 0 else order[::-1]
            log("append round %d of %d at %s: %s" % (rnd + 1, rounds, size, ", ".join(turn)))
            for c in turn:
                for k, path in app_files[rnd]:
                    got[c].setdefault(k, []).append(append_once(size, c, dbs[c], k, path))
        res = {}
        for c in order:
            appends = {}
            for k, runs in got[c].items():
                a = {"seconds": round(median([x["seconds"] for x in runs]), 3),
                     "rounds_seconds": [round(x["seconds"], 3) for x in runs],
                     "peak_rss_mib": round(median([x["peak_rss_mib"] for x in runs]), 1),
                     "articles_before": runs[0]["articles_before"],
                     "articles_after": runs[0]["articles_after"],
                     "all_new": all(x["all_new"] for x in runs)}
                if all("threads" in x for x in runs):
                    a["rounds_threads"] = [x["threads"] for x in runs]
                for key in ("read_calls", "write_calls"):
                    if all(key in x for x in runs):
                        a[key] = int(median([x[key] for x in runs]))
                appends[str(k)] = a
            res[c + "_appends"] = appends
        return res

    def compacted(size, contender, db):
        """A compacted copy of CONTENDER's DB: for xapnews, `xapnews compact`,
        one database laid out as the join of `index --jobs 2` leaves it
        (every B-tree block full); for plain Xapian, xapian-compact. Returns
        its path and the measurements, or (None, {}) without xapian-compact."""
        name = contender + "_compacted"
        to = os.path.join(ARGS.work, "%s-%s.db" % (name, size))
        rmrf(to)
        if contender == "xapnews":
            cmd = xapnews_cmd("compact", "--db", db, "--out", to)
        elif shutil.which("xapian-compact"):
            cmd = ["xapian-compact", db, to]
        else:
            log("%s: no xapian-compact, plain Xapian's compacted database left out" % size)
            return None, {}
        t, _ = timed(cmd)
        log("compact %s %s: %.1f s, %s bytes" % (size, contender, t, du(to)))
        return to, {name + "_compact_seconds": round(t, 1), name + "_db_bytes": du(to)}

    def run_size(size, copies, contenders):
        """Builds CONTENDERS' databases at SIZE (both on disk at once), and
        a compacted copy of each, then appends to them in rounds."""
        files_now, tw = ensure_copies(copies)
        log("%s: %d copies written in %.0f s" % (size, copies, tw))
        d = out.setdefault(size, {})
        d.update({"articles": copies * n1, "copies": copies, "write_seconds": round(tw, 1)})
        dbs = {}
        for c in contenders:
            dbs[c], r = build(size, copies, c, files_now)
            d.update(r)
        if not ARGS.no_compacted:
            for c in contenders:
                to, r = compacted(size, c, dbs[c])
                if to:
                    dbs[c + "_compacted"] = to
                    d.update(r)
        d.update(append_rounds(size, dbs))
        for db in dbs.values():
            rmrf(db)
        return d

    run_size(small, small_c, ("xapnews", "plain_xapian"))
    if ARGS.scale_extra:
        p10 = os.path.join(ARGS.work, "p10c.db")
        rmrf(p10)
        files_now, _ = ensure_copies(small_c)
        log("index %s plain Xapian committing every 1000 (BENCH_SCALE_EXTRA=1)" % small)
        tp, rssp = timed([ARGS.plain, "index", p10, *files_now, "--commit-every", "1000"])
        out[small].update({"plain_xapian_commit1000_seconds": round(tp, 2),
                           "plain_xapian_commit1000_peak_rss_mib": round(rssp / 1024, 1),
                           "plain_xapian_commit1000_seconds_per_1000":
                               round(1000 * tp / (small_c * n1), 3)})
        rmrf(p10)

    # the larger size, when the budget allows (estimated from the smaller)
    sd = out[small]
    f = large_c / float(small_c)
    append_s = rounds * sum(a["seconds"] for c in CONTENDERS_APPENDED
                            for a in sd.get(c + "_appends", {}).values())
    need_x = (f * sd["xapnews_seconds"] * 1.25 + 2 * append_s +
              f * sd.get("xapnews_compacted_compact_seconds", 0) * 1.3 +
              (f - 1) * sd["write_seconds"] * 1.2 + 30)
    need_p = (f * sd["plain_xapian_seconds"] * 1.3 + 2 * append_s +
              f * sd.get("plain_xapian_compacted_compact_seconds", 0) * 1.3 + 30)
    left = ARGS.budget - elapsed()
    if ARGS.x50 == "skip":
        out[large] = {"skipped": "BENCH_X50=skip"}
        contenders = ()
    elif ARGS.x50 == "full" or need_x + need_p <= left:
        contenders = ("xapnews", "plain_xapian")
    elif need_x <= left:
        contenders = ("xapnews",)
        out[large] = {"plain_xapian_skipped":
                      "plain Xapian over the %d s budget (about %.0f s more; BENCH_X50=full)"
                      % (ARGS.budget, need_p)}
    else:
        contenders = ()
        out[large] = {"skipped": "over the %d s budget (about %.0f s needed, %.0f s left; "
                                 "BENCH_X50=full)" % (ARGS.budget, need_x + need_p, max(0, left))}
    if contenders:
        log("%s (%s): about %.0f s needed, %.0f s left of the budget"
            % (large, ", ".join(contenders),
               need_x + (need_p if len(contenders) == 2 else 0), left))
        run_size(large, large_c, contenders)
    else:
        log("%s skipped: %s" % (large, out[large]["skipped"]))
    for path, _, _ in files:
        rmrf(path)
    for _, path in (f for each_round in app_files for f in each_round):
        rmrf(path)


# --------------------------------------------------------------------------
def ratio(a, b, nd=2):
    if a is None or b is None or b == 0:
        return None
    return round(a / b, nd)


QUERY_CONTENDERS = (("xapnews", "xapnews (default.conf)"),
                    ("xapnews_jobs1_db", "xapnews, --jobs 1 database"), ("xapnews_2shards", "xapnews, 2 shards"),
                    ("xapnews_plain_profile", "xapnews (plain.conf)"), ("plain_xapian", "plain Xapian"),
                    ("plain_xapian_counting", "plain Xapian counting 1000"),
                    ("xapian_floor", "Xapian's floor"), ("fts5", "FTS5"),
                    ("plain_xapian_spelling", "plain Xapian, spelling correction"))


def fmt_s(x):
    return "%.3f s" % x if x < 10 else "%.1f s" % x


def targets(res):
    """The performance targets with their verdicts, in order: a dict id ->
    {measure, values, ratio, target, met, verdict[, reason]}."""
    q, ix, sc = res["query"], res["index_x1"], res.get("scale", {})
    out = {}

    def add(tid, measure, a, b, unit, op, bound, reason=None):
        t = {"measure": measure, "target": "%s %s" % (op, bound)}
        if a is None or b is None or b == 0:
            t.update({"values": "", "ratio": None, "met": None, "verdict": "not measured",
                      "reason": reason or "not measured"})
        else:
            r = round(a / b, 3)
            met = {"<=": r <= bound, ">=": r >= bound, ">": r > bound}[op]
            fa = (lambda x: "%.0f us" % x) if unit == "us" else fmt_s
            t.update({"values": "%s / %s" % (fa(a), fa(b)), "ratio": r, "met": met,
                      "verdict": "met" if met else "NOT MET"})
        out[tid] = t

    for kind, label in QUERY_KINDS:
        k = q[kind]
        for p in ("p50", "p99"):
            add("query_%s_%s_xapnews_over_plain" % (kind, p),
                "query %s %s, xapnews / plain Xapian" % (label, p),
                k["xapnews"][p], k["plain_xapian"][p], "us", "<=", 1.2)
    no_fts = "FTS5 left out (python3's sqlite3 has no FTS5)"
    for kind, p, op, bound in (("and", "p50", ">", 1), ("and", "p99", ">=", 10), ("or", "p50", ">=", 10)):
        k = q[kind]
        add("query_%s_%s_fts5_over_xapnews" % (kind, p),
            "query %s %s, FTS5 / xapnews" % (dict(QUERY_KINDS)[kind], p),
            k["fts5"][p] if "fts5" in k else None, k["xapnews"][p], "us", op, bound, no_fts)
    add("index_x1_xapnews_jobs2_over_plain",
        "indexing x1, xapnews --jobs 2 / plain Xapian",
        ix["xapnews_jobs2"]["median_seconds"], ix["plain_xapian"]["median_seconds"], "s", "<=", 0.6)

    def append_s(size, contender, n):
        a = sc.get(size, {}).get(contender + "_appends", {}).get(str(n))
        return a["seconds"] if a else None

    def why(size, contender=None):
        d = sc.get(size, {})
        if "skipped" in sc:
            return "scale phase skipped (%s)" % sc["skipped"]
        if "skipped" in d:
            return "%s skipped: %s" % (size, d["skipped"])
        if contender and contender + "_skipped" in d:
            return "%s: %s" % (size, d[contender + "_skipped"])
        return "not measured"

    sizes = sc.get("sizes", [])
    for size in sizes:
        for n in APPEND_SIZES:
            add("append_%s_%d_xapnews_over_plain" % (size, n),
                "append %d articles to %s, xapnews / plain Xapian" % (n, size),
                append_s(size, "xapnews", n), append_s(size, "plain_xapian", n), "s", "<=", 1.2,
                why(size, "plain_xapian"))
    if len(sizes) == 2:
        for n in APPEND_SIZES:
            add("append_%d_xapnews_growth_%s_over_%s" % (n, sizes[1], sizes[0]),
                "append %d growth, xapnews at %s / at %s" % (n, sizes[1], sizes[0]),
                append_s(sizes[1], "xapnews", n), append_s(sizes[0], "xapnews", n), "s", "<=", 1.2,
                why(sizes[1]) if append_s(sizes[0], "xapnews", n) is not None else why(sizes[0]))
    return out


def format_rows(header, rows):
    w = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join("%-*s" % (w[i], header[i]) for i in range(len(header))).rstrip(),
             "  ".join("-" * w[i] for i in range(len(header)))]
    for r in rows:
        lines.append("  ".join("%-*s" % (w[i], "" if r[i] is None else r[i])
                               for i in range(len(header))).rstrip())
    return lines


def table(res):
    ix, q, tk = res["index_x1"], res["query"], res["tokenize"]
    rows = []
    rows.append(("indexing time x1, xapnews --jobs 1 / plain Xapian",
                 "%.2f s / %.2f s" % (ix["xapnews"]["median_seconds"], ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    rows.append(("indexing time x1, xapnews --jobs 2 (parts joined) / plain Xapian",
                 "%.2f s / %.2f s" % (ix["xapnews_jobs2"]["median_seconds"],
                                      ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews_jobs2"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    if "median_ratio_to_plain_same_rep" in ix["xapnews_jobs2"]:
        rows.append(("  the same, median of each repetition's ratio",
                     " ".join("%.2f" % (x / p) for x, p in zip(ix["xapnews_jobs2"]["runs_seconds"],
                                                                ix["plain_xapian"]["runs_seconds"])),
                     round(ix["xapnews_jobs2"]["median_ratio_to_plain_same_rep"], 2)))
    if "runs_parts" in ix["xapnews_jobs2"]:
        rows.append(("  the same, parts joined in each repetition",
                     " ".join("%d" % k for k in ix["xapnews_jobs2"]["runs_parts"]), None))
    rows.append(("indexing time x1, xapnews 2 shards 2 jobs + compact / plain",
                 "%.2f s / %.2f s" % (ix["xapnews_2shards"]["median_seconds"],
                                      ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews_2shards"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    rows.append(("indexing time x1, xapnews --jobs 1 / plain Xapian committing every 1000",
                 "%.2f s / %.2f s" % (ix["xapnews"]["median_seconds"],
                                      ix["plain_xapian_commit1000"]["median_seconds"]),
                 ratio(ix["xapnews"]["median_seconds"], ix["plain_xapian_commit1000"]["median_seconds"])))
    rows.append(("indexing peak RSS x1, xapnews / plain Xapian",
                 "%.1f MiB / %.1f MiB" % (ix["xapnews"]["median_peak_rss_mib"],
                                          ix["plain_xapian"]["median_peak_rss_mib"]),
                 ratio(ix["xapnews"]["median_peak_rss_mib"], ix["plain_xapian"]["median_peak_rss_mib"])))
    for kind, label in QUERY_KINDS:
        k = q[kind]
        for p in ("p50", "p95", "p99", "mean"):
            rows.append(("query %s %s, xapnews / plain Xapian" % (label, p),
                         "%.0f us / %.0f us" % (k["xapnews"][p], k["plain_xapian"][p]),
                         ratio(k["xapnews"][p], k["plain_xapian"][p])))
        if "xapnews_jobs1_db" in k:
            for p in ("p50", "p99"):
                rows.append(("query %s %s, xapnews on its --jobs 1 database / plain Xapian" % (label, p),
                             "%.0f us / %.0f us" % (k["xapnews_jobs1_db"][p], k["plain_xapian"][p]),
                             ratio(k["xapnews_jobs1_db"][p], k["plain_xapian"][p])))
        if "plain_xapian_counting" in k and kind == "and":
            for p in ("p50", "p99"):
                rows.append(("query %s %s, xapnews / plain Xapian counting 1000 matches exactly as "
                             "xapnews does" % (label, p),
                             "%.0f us / %.0f us" % (k["xapnews"][p], k["plain_xapian_counting"][p]),
                             ratio(k["xapnews"][p], k["plain_xapian_counting"][p])))
        if "plain_xapian_spelling" in k:
            for p in ("p50", "p99", "mean"):
                rows.append(("query %s %s, xapnews / plain Xapian with its spelling correction"
                             % (label, p),
                             "%.0f us / %.0f us" % (k["xapnews"][p], k["plain_xapian_spelling"][p]),
                             ratio(k["xapnews"][p], k["plain_xapian_spelling"][p])))
        if "xapnews_plain_profile" in k:
            for p in ("p50", "p99"):
                rows.append(("query %s %s, xapnews with plain.conf / plain Xapian" % (label, p),
                             "%.0f us / %.0f us" % (k["xapnews_plain_profile"][p], k["plain_xapian"][p]),
                             ratio(k["xapnews_plain_profile"][p], k["plain_xapian"][p])))
        if "fts5" in k:
            for p in ("p50", "p95", "p99", "mean"):
                rows.append(("query %s %s, FTS5 / xapnews" % (label, p),
                             "%.0f us / %.0f us" % (k["fts5"][p], k["xapnews"][p]),
                             ratio(k["fts5"][p], k["xapnews"][p])))
            if "xapian_floor" in k:
                for p in ("p50", "p95", "p99"):
                    rows.append(("query %s %s, FTS5 / Xapian's floor (the most any Xapian program "
                                 "can reach)" % (label, p),
                                 "%.0f us / %.0f us" % (k["fts5"][p], k["xapian_floor"][p]),
                                 ratio(k["fts5"][p], k["xapian_floor"][p])))
    rows.append(("tokeniser MB/s, xn_tokenize / TermGenerator (no stemmer)",
                 "%.1f / %.1f" % (tk["xn_tokenize"]["median_mb_per_s"], tk["termgenerator"]["median_mb_per_s"]),
                 ratio(tk["xn_tokenize"]["median_mb_per_s"], tk["termgenerator"]["median_mb_per_s"])))
    rows.append(("analysis MB/s, xapnews analyzer / TermGenerator + stemmer",
                 "%.1f / %.1f" % (tk["xapnews_analyzer"]["median_mb_per_s"],
                                  tk["termgenerator_stem"]["median_mb_per_s"]),
                 ratio(tk["xapnews_analyzer"]["median_mb_per_s"], tk["termgenerator_stem"]["median_mb_per_s"])))
    sc = res.get("scale", {})
    jobs = sc.get("xapnews_jobs", 1)
    how = " (%d shards, %d jobs)" % (jobs, jobs) if jobs > 1 else ""
    sizes = ["x1"] + sc.get("sizes", [])
    for k in sizes:
        s = sc.get(k, {})
        for c, name in (("xapnews", "xapnews index" + how), ("plain_xapian", "plain Xapian index")):
            if c + "_seconds" in s:
                rows.append(("%s %s: s per 1000 articles" % (name, k),
                             "%.1f s, %.0f MiB" % (s[c + "_seconds"], s[c + "_peak_rss_mib"]),
                             s[c + "_seconds_per_1000"]))
        if k != "x1" and "plain_xapian_seconds" in s and "xapnews_seconds" in s:
            rows.append(("indexing time %s, xapnews%s / plain Xapian" % (k, how),
                         "%.1f s / %.1f s" % (s["xapnews_seconds"], s["plain_xapian_seconds"]),
                         ratio(s["xapnews_seconds"], s["plain_xapian_seconds"])))
        if "plain_xapian_commit1000_seconds" in s:
            rows.append(("plain Xapian commit/1000 index %s: s per 1000 articles" % k,
                         "%.1f s, %.0f MiB" % (s["plain_xapian_commit1000_seconds"],
                                               s["plain_xapian_commit1000_peak_rss_mib"]),
                         s["plain_xapian_commit1000_seconds_per_1000"]))
    if len(sizes) == 3:
        for c, name in (("xapnews", "xapnews"), ("plain_xapian", "plain Xapian")):
            a, b = sc.get(sizes[2], {}), sc.get(sizes[1], {})
            if c + "_seconds_per_1000" in a and c + "_seconds_per_1000" in b:
                rows.append(("%s linearity: s per 1000 at %s / at %s (1 = linear)" % (name, sizes[2], sizes[1]),
                             "", ratio(a[c + "_seconds_per_1000"], b[c + "_seconds_per_1000"])))
    # (contender, other, how the row names them, a row when only one was
    # measured, rows of their system calls)
    append_pairs = (("xapnews", "plain_xapian", "xapnews / plain Xapian", True, True),
                    ("xapnews_compacted", "plain_xapian_compacted",
                     "compacted (as index --jobs 2 leaves it), xapnews / plain Xapian",
                     False, True),
                    ("xapnews_compacted", "plain_xapian",
                     "xapnews compacted / plain Xapian as built", False, False))
    for k in sizes[1:]:
        s = sc.get(k, {})
        for n in APPEND_SIZES:
            for c1, c2, name, either, with_calls in append_pairs:
                vals = []
                for c in (c1, c2):
                    a = s.get(c + "_appends", {}).get(str(n))
                    vals.append(a["seconds"] if a else None)
                if None not in vals or either and vals != [None, None]:
                    rows.append(("append %d articles to %s: %s" % (n, k, name),
                                 " / ".join("-" if v is None else fmt_s(v) for v in vals),
                                 ratio(vals[0], vals[1])))
                if not with_calls:
                    continue
                # system calls: the same in every run, where times move with the machine
                for key, what in (("read_calls", "read"), ("write_calls", "write")):
                    calls = [s.get(c + "_appends", {}).get(str(n), {}).get(key) for c in (c1, c2)]
                    if None not in calls:
                        rows.append(("append %d to %s: %s system calls, %s" % (n, k, what, name),
                                     "%d / %d" % tuple(calls), ratio(calls[0], calls[1])))
    if len(sizes) == 3:
        for n in APPEND_SIZES:
            a = sc.get(sizes[2], {}).get("plain_xapian_appends", {}).get(str(n))
            b = sc.get(sizes[1], {}).get("plain_xapian_appends", {}).get(str(n))
            if a and b:
                rows.append(("append %d growth, plain Xapian at %s / at %s" % (n, sizes[2], sizes[1]),
                             "%s / %s" % (fmt_s(a["seconds"]), fmt_s(b["seconds"])),
                             ratio(a["seconds"], b["seconds"])))
            # whether what xapnews adds to Xapian's append grows with the archive
            r = [ratio(*(sc.get(k, {}).get(c + "_appends", {}).get(str(n), {}).get("seconds")
                         for c in ("xapnews", "plain_xapian")))
                 for k in (sizes[2], sizes[1])]
            if None not in r:
                rows.append(("append %d growth of xapnews / plain Xapian, at %s / at %s"
                             % (n, sizes[2], sizes[1]), "%s / %s" % tuple(r), ratio(r[0], r[1])))
    if "skipped" in sc:
        rows.append(("scale phase skipped: %s" % sc["skipped"], "", None))
    for k in sizes[1:]:
        s = sc.get(k, {})
        for why in ([s["skipped"]] if "skipped" in s else []) + \
                ([s["plain_xapian_skipped"]] if "plain_xapian_skipped" in s else []):
            rows.append(("%s not measured: %s" % (k, why), "", None))
    for k in sizes[1:]:
        s = sc.get(k, {})
        bad = ["%s %s" % (c, n) for c in CONTENDERS_APPENDED
               for n, a in s.get(c + "_appends", {}).items() if not a["all_new"]]
        if bad:
            rows.append(("WARNING: appends to %s that did not add every article: %s"
                         % (k, ", ".join(bad)), "", None))
    ev = res.get("eval_cranfield", {})
    if "best_seconds" in ev:
        rows.append(("xapnews eval, Cranfield 225 queries x 1000 hits (best of 3)",
                     "%.3f s" % ev["best_seconds"], None))
    res["ratios"] = {name: r for name, _, r in rows if r is not None}

    lines = format_rows(("measure", "values", "ratio"), rows)

    # each contender's latencies, per query kind
    lat = []
    for kind, label in QUERY_KINDS:
        k = q[kind]
        for c, name in QUERY_CONTENDERS:
            if c in k:
                lat.append(("%s (%d)" % (label, k["queries"]), name) +
                           tuple("%.0f" % k[c][p] for p in ("p50", "p95", "p99", "mean")))
    lines += ["", "query latency in microseconds: percentiles over the queries of each query's "
              "median over %d repetitions x %d passes" % (q["repetitions"], q["timed_passes_per_run"]), ""]
    lines += format_rows(("kind (queries)", "contender", "p50", "p95", "p99", "mean"), lat)

    tg = targets(res)
    res["targets"] = tg
    trows = [(t["measure"], t["values"] or t.get("reason", ""), "" if t["ratio"] is None else t["ratio"],
              t["target"], t["verdict"]) for t in tg.values()]
    met = sum(1 for t in tg.values() if t["met"] is True)
    notm = sum(1 for t in tg.values() if t["met"] is None)
    lines += ["", "targets: %d of %d met, %d not met, %d not measured"
              % (met, len(tg), len(tg) - met - notm, notm), ""]
    lines += format_rows(("measure", "values", "ratio", "target", "verdict"), trows)
    return "\n".join(lines)


def plot(res):
    gp = shutil.which("gnuplot")
    png = os.path.join(ARGS.results, "bench.png")
    if not gp:
        print("bench: gnuplot not found, no plot (apt-get install -y gnuplot-nox)", file=sys.stderr)
        return None
    d = os.path.join(ARGS.work, "plot")
    os.makedirs(d, exist_ok=True)
    ix, q, tk, sc = res["index_x1"], res["query"], res["tokenize"], res.get("scale", {})
    with open(os.path.join(d, "index.dat"), "w") as f:
        for label, k in (("xapnews", "xapnews"), ("xapnews\\n--jobs 2", "xapnews_jobs2"),
                         ("xapnews\\n2 shards\\n+compact", "xapnews_2shards"),
                         ("plain\\nXapian", "plain_xapian"),
                         ("plain Xapian\\ncommit/1000", "plain_xapian_commit1000"), ("FTS5", "fts5")):
            if k in ix:
                f.write('"%s" %s %s\n' % (label, ix[k]["median_seconds"], ix[k]["median_peak_rss_mib"]))
    for kind, _ in QUERY_KINDS:
        with open(os.path.join(d, "query_%s.dat" % kind), "w") as f:
            for label, k in (("xapnews", "xapnews"), ("xapnews\\n--jobs 1 db", "xapnews_jobs1_db"),
                             ("xapnews\\n2 shards", "xapnews_2shards"),
                             ("xapnews\\nplain.conf", "xapnews_plain_profile"),
                             ("plain\\nXapian", "plain_xapian"), ("Xapian\\nfloor", "xapian_floor"),
                             ("FTS5", "fts5"), ("plain Xapian\\nspelling", "plain_xapian_spelling")):
                if k in q[kind]:
                    f.write('"%s" %s %s\n' % (label, q[kind][k]["p50"], q[kind][k]["p99"]))
    with open(os.path.join(d, "tok.dat"), "w") as f:
        for label, k in (("xn\\\\_tokenize", "xn_tokenize"), ("xapnews\\nanalyzer", "xapnews_analyzer"),
                         ("Term-\\nGenerator", "termgenerator"), ("Term-\\nGenerator\\n+stemmer", "termgenerator_stem")):
            f.write('"%s" %s\n' % (label, tk[k]["median_mb_per_s"]))
    sizes = ["x1"] + sc.get("sizes", [])
    for c, fn in (("xapnews", "scale_x.dat"), ("plain_xapian", "scale_p.dat")):
        with open(os.path.join(d, fn), "w") as f:
            for k in sizes:
                if c + "_seconds_per_1000" in sc.get(k, {}):
                    f.write("%d %s\n" % (sc[k]["articles"], sc[k][c + "_seconds_per_1000"]))
    have_appends = any(sc.get(k, {}).get(c + "_appends") for k in sizes[1:]
                       for c in ("xapnews", "plain_xapian"))
    # the databases as built, then their compacted copies when measured
    bars = [("xapnews", "xapnews", "#4472c4"), ("plain_xapian", "plain Xapian", "#a5a5a5")]
    if any(sc.get(k, {}).get("xapnews_compacted_appends") for k in sizes[1:]):
        bars += [("xapnews_compacted", "xapnews compacted", "#9dc3e6"),
                 ("plain_xapian_compacted", "plain Xapian compacted", "#dbdbdb")]
    with open(os.path.join(d, "append.dat"), "w") as f:
        for k in sizes[1:]:
            for n in APPEND_SIZES:
                vals = []
                for c, _, _ in bars:
                    a = sc.get(k, {}).get(c + "_appends", {}).get(str(n))
                    vals.append("%s" % a["seconds"] if a else "?")
                f.write('"%d to %s" %s\n' % (n, k, " ".join(vals)))
    if have_appends:
        # histogram bars of a cluster: width 1 / (bars + gap 1), centred
        width = 1.0 / (len(bars) + 1)
        series = []
        for i, (_, name, colour) in enumerate(bars):
            series.append("%s using %d%s title \"%s\" lc rgb \"%s\""
                          % ("'%s/append.dat'" % d if i == 0 else "''", i + 2,
                             ":xtic(1)" if i == 0 else "", name, colour))
        for i in range(len(bars)):
            off = (i - (len(bars) - 1) / 2.0) * width
            series.append("'' using ($0%+.3f):%d:(sprintf(\"%%.2f\", $%d)) with labels "
                          "offset 0,0.6 font \",7\" notitle" % (off, i + 2, i + 2))
        append_plot = "plot " + ", \\\n     ".join(series)
    else:
        append_plot = ("set label 1 \"appends not measured (scale phase skipped)\" at graph 0.5, 0.5 center\n"
                       "unset key\nplot [0:1] [0:1] NaN notitle\nunset label 1\nset key")
    m = res["machine"]
    title = "xapnews bench, Reuters-21578 (%s, %s cores, %s GiB)" % (m["cpu_model"], m["nproc"], m["ram_gib"])
    script = r"""
set terminal pngcairo size 2300,1000 font ",10"
set output '%(png)s'
set datafile missing "?"
set multiplot layout 2,4 title "%(title)s"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set grid ytics
set key top left
set bmargin 4
set title "indexing x1 (%(n1)s articles): median wall time, peak RSS"
set ylabel "seconds"
set yrange [0:*]
set offsets 0, 0, graph 0.15, 0
plot '%(d)s/index.dat' using 2:xtic(1) title "wall s" lc rgb "#4472c4", \
     '' using 0:2:(sprintf("%%.1f s\n%%.0f MiB", $2, $3)) with labels offset 0,1.7 notitle
set offsets 0, 0, 0, 0
set style histogram clustered gap 1
set ylabel "microseconds (log scale)"
set logscale y
set yrange [*:*]
set title "query latency, short AND (%(nq_and)s queries, top 10)"
plot '%(d)s/query_and.dat' using 2:xtic(1) title "p50" lc rgb "#70ad47", \
     '' using 3 title "p99" lc rgb "#c00000", \
     '' using ($0-0.15):2:(sprintf("%%.0f", $2)) with labels offset 0,0.6 font ",8" notitle, \
     '' using ($0+0.15):3:(sprintf("%%.0f", $3)) with labels offset 0,0.6 font ",8" notitle
set title "query latency, long OR (%(nq_or)s whole titles, top 10)"
plot '%(d)s/query_or.dat' using 2:xtic(1) title "p50" lc rgb "#70ad47", \
     '' using 3 title "p99" lc rgb "#c00000", \
     '' using ($0-0.15):2:(sprintf("%%.0f", $2)) with labels offset 0,0.6 font ",8" notitle, \
     '' using ($0+0.15):3:(sprintf("%%.0f", $3)) with labels offset 0,0.6 font ",8" notitle
set title "query latency, names (%(nq_names)s, as written or misspelt, top 10)"
plot '%(d)s/query_names.dat' using 2:xtic(1) title "p50" lc rgb "#70ad47", \
     '' using 3 title "p99" lc rgb "#c00000", \
     '' using ($0-0.15):2:(sprintf("%%.0f", $2)) with labels offset 0,0.6 font ",8" notitle, \
     '' using ($0+0.15):3:(sprintf("%%.0f", $3)) with labels offset 0,0.6 font ",8" notitle
unset logscale y
set title "tokeniser / analysis throughput"
set ylabel "MB/s"
set yrange [0:*]
set style histogram clustered
set offsets 0, 0, graph 0.08, 0
plot '%(d)s/tok.dat' using 2:xtic(1) title "MB/s" lc rgb "#4472c4", \
     '' using 0:2:(sprintf("%%.1f", $2)) with labels offset 0,0.7 notitle
set offsets 0, 0, 0, 0
set title "appending new articles to a built archive (one command each)"
set ylabel "seconds"
set yrange [0:*]
set offsets 0, 0, graph 0.35, 0
set style histogram clustered gap 1
set key top left maxrows 2 width -2
%(append_plot)s
set offsets 0, 0, 0, 0
set title "indexing scale: seconds per 1,000 articles (flat = linear)"
set style data linespoints
set xlabel "articles indexed (a new database each)"
set ylabel "s per 1000 articles"
set logscale x
set xrange [*:*]
set offsets graph 0.05, graph 0.05, 0, 0
set yrange [0:*]
set key bottom right
plot '%(d)s/scale_x.dat' using 1:2 title "xapnews" lw 2 pt 7 lc rgb "#4472c4", \
     '%(d)s/scale_p.dat' using 1:2 title "plain Xapian" lw 2 pt 5 lc rgb "#a5a5a5"
unset multiplot
""" % {"png": png, "title": title, "d": d, "append_plot": append_plot, "nq_and": q["and"]["queries"], "nq_or": q["or"]["queries"],
       "nq_names": q["names"]["queries"],
       "n1": "{:,}".format(res["corpus"]["articles"])}
    gpf = os.path.join(d, "bench.gp")
    with open(gpf, "w") as f:
        f.write(script)
    p = subprocess.run([gp, gpf], stderr=subprocess.PIPE)
    if p.returncode != 0:
        print("bench: gnuplot failed:\n" + p.stderr.decode(errors="replace"), file=sys.stderr)
        return None
    return png


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    for a in ("top", "bench", "work", "results", "reuters", "cranfield", "xapnews", "plain",
              "query_bench", "tokenize_bench", "queries", "titles", "names", "profile", "synonyms"):
        ap.add_argument("--" + a.replace("_", "-"), required=True)
    ap.add_argument("--gnu-time", default=None)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--index-reps", type=int, default=5,
                    help="repetitions of the x1 builds (phase 2)")
    ap.add_argument("--query-passes", type=int, default=3)
    ap.add_argument("--tok-passes", type=int, default=3)
    ap.add_argument("--budget", type=int, default=3600)
    ap.add_argument("--x50", choices=("auto", "full", "skip", "skip-all"), default="auto")
    ap.add_argument("--perf", choices=("auto", "on", "skip"), default="auto")
    ap.add_argument("--started-ago", type=float, default=0.0)
    ap.add_argument("--fts5", type=int, default=1)
    ap.add_argument("--scale-extra", type=int, default=0)
    ap.add_argument("--scale-jobs", type=int, default=2)
    ap.add_argument("--append-rounds", type=int, default=3)
    ap.add_argument("--no-compacted", action="store_true",
                    help="no appends to compacted copies in the scale phase")
    ap.add_argument("--scale-copies", default="10 50",
                    help="the two archive sizes of the scale phase, in copies of Reuters")
    ARGS = ap.parse_args()
    try:
        ARGS.scale_copies = tuple(int(x) for x in ARGS.scale_copies.replace(",", " ").split())
    except ValueError:
        ARGS.scale_copies = ()
    if len(ARGS.scale_copies) != 2 or not 0 < ARGS.scale_copies[0] < ARGS.scale_copies[1]:
        ap.error("--scale-copies takes two numbers of copies, the smaller first (e.g. '10 50')")
    os.makedirs(ARGS.results, exist_ok=True)

    res = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "settings": {"repetitions": ARGS.reps, "index_repetitions": ARGS.index_reps,
                        "budget_seconds": ARGS.budget, "x50": ARGS.x50,
                        "scale_copies": list(ARGS.scale_copies),
                        "queries_file": os.path.relpath(ARGS.queries, ARGS.top),
                        "titles_file": os.path.relpath(ARGS.titles, ARGS.top),
                        "names_file": os.path.relpath(ARGS.names, ARGS.top),
                        "profile": os.path.relpath(ARGS.profile, ARGS.top)}}
    la = float(res["machine"]["loadavg_start"][0])
    if la > 0.5:
        log("warning: load average %.2f at the start: other processes share the %d cores, "
            "timings will be noisy" % (la, res["machine"]["nproc"]))
    r1, n1 = phase_convert(res)
    paths = phase_index(res, r1, n1)
    phase_query(res, paths)
    phase_tokenize(res, r1)
    phase_eval(res)
    ix = res["index_x1"]
    scale_x1 = ix["xapnews"]["median_seconds"]
    if ARGS.scale_jobs == 2 and "median_index_seconds" in ix.get("xapnews_2shards", {}):
        scale_x1 = ix["xapnews_2shards"]["median_index_seconds"]
    phase_perf(res, r1, scale_x1, ix["plain_xapian"]["median_seconds"])
    for k in ("xapnews_jobs2", "xapnews_2shards", "xapnews_2shards_compact", "plain_xapian", "fts5"):
        rmrf(paths[k])
    rmrf(paths["xapnews"])
    phase_scale(res, n1, res["index_x1"])

    with open("/proc/loadavg") as f:
        res["machine"]["loadavg_end"] = f.read().split()[:3]
    res["run_seconds"] = round(elapsed(), 1)
    text = table(res)
    png = plot(res)
    res["plot"] = os.path.relpath(png, ARGS.top) if png else None
    with open(os.path.join(ARGS.results, "results.json"), "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")
    with open(os.path.join(ARGS.results, "table.txt"), "w") as f:
        f.write(text + "\n")
    m = res["machine"]
    print("machine: %s cores, %s, %s GiB RAM; load average %s at start, %s at end" %
          (m["nproc"], m["cpu_model"], m["ram_gib"], " ".join(m["loadavg_start"]),
           " ".join(m["loadavg_end"])))
    print(text)
    print("\nrun time %.0f s; results in %s/results.json%s" %
          (res["run_seconds"], os.path.relpath(ARGS.results, os.getcwd()),
           ", plot in " + os.path.relpath(png, os.getcwd()) if png else ""))


if __name__ == "__main__":
    main()
