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


def timed(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs CMD; returns (wall seconds, peak RSS in KiB of the largest process,
    exit status). Uses /usr/bin/time -f '%e %M' when there is one, else
    os.wait4's rusage."""
    subprocess.run(["sync"], check=False)
    if ARGS.gnu_time:
        tf = os.path.join(ARGS.work, "time.out")
        p = subprocess.run([ARGS.gnu_time, "-f", "%e %M", "-o", tf] + cmd,
                           stdout=stdout, stderr=subprocess.PIPE, env=env)
        with open(tf) as f:
            last = f.read().strip().splitlines()[-1].split()
        wall, rss = float(last[0]), int(last[1])
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


def output_of(cmd, env=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
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
    paths = {"xapnews": os.path.join(work, "x1.db"), "xapnews_2threads": os.path.join(work, "xt.db"),
             "xapnews_2shards": os.path.join(work, "xs.db"),
             "xapnews_2shards_compact": os.path.join(work, "xc.db"),
             "plain_xapian": os.path.join(work, "p1.db"),
             "plain_xapian_commit1000": os.path.join(work, "p1c.db"), "fts5": os.path.join(work, "f1.sqlite")}

    def run(name):
        if name == "xapnews":
            rmrf(paths[name])
            t, rss = timed(xapnews_cmd("index", "--quiet", "--db", paths[name], r1))
            return {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}
        if name == "xapnews_2threads":
            rmrf(paths[name])
            t, rss = timed(xapnews_cmd("index", "--quiet", "--jobs", "2", "--db", paths[name], r1))
            r = {"seconds": t, "peak_rss_kib": rss, "db_bytes": du(paths[name])}
            rmrf(paths[name])
            return r
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

    contenders = ["xapnews", "xapnews_2threads", "xapnews_2shards", "plain_xapian",
                  "plain_xapian_commit1000"] + \
        (["fts5"] if ARGS.fts5 else [])
    runs = {c: [] for c in contenders}
    for rep in range(ARGS.reps):
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
        out[c] = d
    out["note"] = ("wall time and peak RSS of the largest process (/usr/bin/time %e %M); "
                   "xapnews: all features on (default chrome rules, variant table, officials, "
                   "outlets; commits every 1000 articles); xapnews_2threads: index --jobs 2 (one "
                   "database; analysis on one thread, Xapian storing on another); "
                   "xapnews_2shards: index --shards 2 "
                   "--jobs 2 then compact (sum); plain_xapian: Xapian's default flushing "
                   "(every 10000 documents); plain_xapian_commit1000: the same committing every 1000 "
                   "articles like xapnews; fts5: one transaction (reference)")
    res["index_x1"] = out
    return paths


def query_run(name, paths):
    qfile = ARGS.queries
    if name == "xapnews":
        cmd = [ARGS.query_bench, paths["xapnews"], qfile, ARGS.profile, str(ARGS.query_passes)]
    elif name == "xapnews_2shards":
        cmd = [ARGS.query_bench, paths["xapnews_2shards"], qfile, ARGS.profile, str(ARGS.query_passes)]
    elif name == "xapnews_plain_profile":
        cmd = [ARGS.query_bench, paths["xapnews"], qfile,
               os.path.join(os.path.dirname(ARGS.profile), "plain.conf"), str(ARGS.query_passes)]
    elif name == "plain_xapian":
        cmd = [ARGS.plain, "query", paths["plain_xapian"], qfile, str(ARGS.query_passes)]
    elif name == "xapian_floor":
        cmd = [ARGS.plain, "floor", paths["plain_xapian"], qfile, str(ARGS.query_passes)]
    else:
        cmd = ["python3", os.path.join(ARGS.bench, "fts5_bench.py"), "query", paths["fts5"],
               qfile, str(ARGS.query_passes)]
    lines = [l.split("\t") for l in output_of(cmd).splitlines() if l.strip()]
    per_line = [None if l[0] == "nan" else float(l[0]) for l in lines]
    hits = [int(l[1]) for l in lines]
    return per_line, hits, sum(1 for t in per_line if t is None)


def phase_query(res, paths):
    nq = sum(1 for l in open(ARGS.queries, encoding="utf-8") if l.strip() and not l.startswith("#"))
    contenders = ["xapnews", "plain_xapian"] + (["fts5"] if ARGS.fts5 else []) + \
        ["xapnews_2shards", "xapnews_plain_profile", "xapian_floor"]
    runs = {c: [] for c in contenders}
    # each query's times over every timed pass of every repetition
    per_query = {c: [[] for _ in range(nq)] for c in contenders}
    for rep in range(ARGS.reps):
        for c in rotate(contenders, rep):
            per_line, hits, failed = query_run(c, paths)
            for i, t in enumerate(per_line):
                if t is not None:
                    per_query[c][i % nq].append(t)
            us = [t for t in per_line if t is not None]
            r = {"p50": percentile(us, 50), "p95": percentile(us, 95), "p99": percentile(us, 99),
                 "mean": statistics.mean(us), "zero_hit_queries": sum(1 for h in hits if h == 0)
                 // ARGS.query_passes, "failed": failed}
            runs[c].append(r)
            log("query rep %d %-21s p50 %7.1f us  p95 %7.1f us  p99 %7.1f us" %
                (rep + 1, c, r["p50"], r["p95"], r["p99"]))
    out = {"queries": nq, "timed_passes_per_run": ARGS.query_passes,
           "note": ("p50/p95/p99: percentiles over the queries of each query's median time over "
                    "every timed pass of every repetition (so a burst of load on the machine during one "
                    "pass does not move them; 'runs' keeps each run's percentiles over all its "
                    "timings); "
                    "microseconds per query: parse + top-10 search + reading each hit's id and "
                    "title (xapnews: from its summary value slot; plain Xapian: from the document data, "
                    "which holds the body too, as a simple indexer stores it; FTS5: its content "
                    "table), database opened once, one untimed warm-up pass; "
                    "default operator AND for all; xapnews with "
                    "schemas/profiles/default.conf on the 1-job database (each word searched in "
                    "text, title, officials and outlet: 4 weighted terms) and name-aware typo "
                    "tolerance on, as `xapnews search` runs; xapnews_2shards: the "
                    "same over the 2-shard stub database; xapnews_plain_profile: "
                    "schemas/profiles/plain.conf (plain BM25, one term per word); plain_xapian: QueryParser english "
                    "STEM_SOME, BM25; fts5: porter unicode61, ORDER BY bm25() LIMIT 10 "
                    "through python3's sqlite3; xapian_floor: the least any program answering "
                    "from a Xapian database spends, over plain Xapian's database: queries "
                    "parsed beforehand, timed from set_query to the top 10's document ids, "
                    "no document read (bench/plain_xapian.cc floor)")}
    for c, rs in runs.items():
        typical = [median(ts) for ts in per_query[c] if ts]
        out[c] = {k: round(percentile(typical, int(k[1:])), 1) for k in ("p50", "p95", "p99")}
        out[c]["mean"] = round(statistics.mean(typical), 1)
        out[c]["runs"] = [{k: round(r[k], 1) for k in ("p50", "p95", "p99")} for r in rs]
        out[c]["zero_hit_queries"] = rs[-1]["zero_hit_queries"]
        out[c]["failed_queries"] = rs[-1]["failed"]
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
    # keep time for x10 (xapnews and plain Xapian, about 10 times x1 each)
    reserve = 10 * (x1_seconds + plain_seconds) * 1.1 + 20
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


def phase_scale(res, n1, x1):
    """Fresh builds at x10 (xapnews, plain Xapian) and x50 (xapnews, the five
    x10 chunks in one run): time per 1000 articles as the corpus grows. Then
    the cost of growing an index: one more copy appended to the x10 one."""
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
    res["scale"] = out
    if ARGS.x50 == "skip-all":
        out["skipped"] = "BENCH_SCALE=skip"
        return

    def chunk_path(k):
        return os.path.join(ARGS.work, "chunk%d.jsonl" % k)

    def make_chunk(k, copies=10):
        """Copies 10k .. 10k + copies - 1 of Reuters, with new ids."""
        subprocess.run(["python3", os.path.join(ARGS.bench, "reuters.py"), ARGS.reuters,
                        chunk_path(k), "--copies", str(copies), "--first-copy", str(10 * k)],
                       check=True, stderr=subprocess.DEVNULL)

    log("writing Reuters x10 (copies 0-9)")
    make_chunk(0)
    n10 = 10 * n1
    x10db = os.path.join(ARGS.work, "x10.db")
    rmrf(x10db)
    log("index x10 xapnews (%d articles)" % n10)
    t10, rss = timed(xapnews_cmd("index", "--quiet", "--db", x10db, *scale_args, chunk_path(0)))
    out["x10"] = {"articles": n10, "xapnews_seconds": round(t10, 2),
                  "xapnews_peak_rss_mib": round(rss / 1024, 1),
                  "xapnews_seconds_per_1000": round(1000 * t10 / n10, 3),
                  "xapnews_db_bytes": du(x10db)}
    log("index x10 xapnews %.1f s, %.1f MiB" % (t10, rss / 1024))

    # growing an index: one more copy (new ids) appended to the x10 one
    make_chunk(5, copies=1)
    log("append x1 (copy 50) to the x10 database")
    ta, rssa = timed(xapnews_cmd("index", "--quiet", "--db", x10db, *scale_args, chunk_path(5)))
    out["append_x1_to_x10"] = {"articles_before": n10, "articles": n1, "seconds": round(ta, 2),
                               "seconds_per_1000": round(1000 * ta / n1, 3),
                               "peak_rss_mib": round(rssa / 1024, 1)}
    log("  %.1f s (%.3f s per 1000), %.1f MiB" % (ta, 1000 * ta / n1, rssa / 1024))
    rmrf(x10db)
    rmrf(chunk_path(5))

    if ARGS.x50 == "skip":
        out["x10"]["plain_xapian"] = "skipped (BENCH_X50=skip)"
        out["x50"] = {"skipped": "BENCH_X50=skip"}
        return
    p10 = os.path.join(ARGS.work, "p10.db")
    rmrf(p10)
    log("index x10 plain Xapian")
    tp, rssp = timed([ARGS.plain, "index", p10, chunk_path(0)])
    out["x10"].update({"plain_xapian_seconds": round(tp, 2),
                       "plain_xapian_peak_rss_mib": round(rssp / 1024, 1),
                       "plain_xapian_seconds_per_1000": round(1000 * tp / n10, 3),
                       "plain_xapian_db_bytes": du(p10)})
    rmrf(p10)
    log("index x10 plain Xapian %.1f s, %.1f MiB" % (tp, rssp / 1024))
    if ARGS.scale_extra:
        log("index x10 plain Xapian committing every 1000 (BENCH_SCALE_EXTRA=1)")
        tp, rssp = timed([ARGS.plain, "index", p10, chunk_path(0), "--commit-every", "1000"])
        out["x10"].update({"plain_xapian_commit1000_seconds": round(tp, 2),
                           "plain_xapian_commit1000_peak_rss_mib": round(rssp / 1024, 1),
                           "plain_xapian_commit1000_seconds_per_1000": round(1000 * tp / n10, 3)})
        rmrf(p10)
        log("index x10 plain Xapian commit/1000 %.1f s, %.1f MiB" % (tp, rssp / 1024))

    # x50: a fresh build of the five x10 chunks, one run
    need = 5 * t10 * 1.2 + 60
    if ARGS.x50 == "auto" and elapsed() + need > ARGS.budget:
        out["x50"] = {"skipped": "about %.0f s needed, over the %d s budget (BENCH_X50=full "
                                 "runs it)" % (need, ARGS.budget)}
        log("x50 skipped: " + out["x50"]["skipped"])
        rmrf(chunk_path(0))
        return
    log("writing Reuters copies 10-49")
    for k in range(1, 5):
        make_chunk(k)
    x50db = os.path.join(ARGS.work, "x50.db")
    rmrf(x50db)
    log("index x50 xapnews (%d articles, one run over five files)" % (5 * n10))
    t50, rss50 = timed(xapnews_cmd("index", "--quiet", "--db", x50db, *scale_args,
                                   *[chunk_path(k) for k in range(5)]))
    out["x50"] = {"articles": 5 * n10, "complete": True, "xapnews_seconds": round(t50, 2),
                  "xapnews_peak_rss_mib": round(rss50 / 1024, 1),
                  "xapnews_seconds_per_1000": round(1000 * t50 / (5 * n10), 3),
                  "xapnews_db_bytes": du(x50db),
                  "method": ("one xapnews index run (%s) over five files of 10 copies each, "
                             "new ids, into a new database; measured once"
                             % ("--shards %d --jobs %d" % (jobs, jobs) if jobs > 1 else "one job"))}
    log("index x50 xapnews %.1f s (%.3f s per 1000), %.1f MiB"
        % (t50, 1000 * t50 / (5 * n10), rss50 / 1024))
    rmrf(x50db)
    if ARGS.x50 == "full":
        # plain Xapian at x50: about 13 minutes more, so only when asked
        p50 = os.path.join(ARGS.work, "p50.db")
        rmrf(p50)
        log("index x50 plain Xapian (BENCH_X50=full)")
        tp, rssp = timed([ARGS.plain, "index", p50, *[chunk_path(k) for k in range(5)]])
        out["x50"].update({"plain_xapian_seconds": round(tp, 2),
                           "plain_xapian_peak_rss_mib": round(rssp / 1024, 1),
                           "plain_xapian_seconds_per_1000": round(1000 * tp / (5 * n10), 3)})
        log("index x50 plain Xapian %.1f s, %.1f MiB" % (tp, rssp / 1024))
        rmrf(p50)
    for k in range(5):
        rmrf(chunk_path(k))


# --------------------------------------------------------------------------
def ratio(a, b, nd=2):
    if a is None or b is None or b == 0:
        return None
    return round(a / b, nd)


def table(res):
    ix, q, tk = res["index_x1"], res["query"], res["tokenize"]
    rows = []
    rows.append(("indexing time x1, xapnews / plain Xapian",
                 "%.2f s / %.2f s" % (ix["xapnews"]["median_seconds"], ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    rows.append(("indexing time x1, xapnews --jobs 2 (2 threads) / plain Xapian",
                 "%.2f s / %.2f s" % (ix["xapnews_2threads"]["median_seconds"],
                                      ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews_2threads"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    rows.append(("indexing time x1, xapnews 2 shards 2 jobs + compact / plain",
                 "%.2f s / %.2f s" % (ix["xapnews_2shards"]["median_seconds"],
                                      ix["plain_xapian"]["median_seconds"]),
                 ratio(ix["xapnews_2shards"]["median_seconds"], ix["plain_xapian"]["median_seconds"])))
    rows.append(("indexing time x1, xapnews / plain Xapian committing every 1000",
                 "%.2f s / %.2f s" % (ix["xapnews"]["median_seconds"],
                                      ix["plain_xapian_commit1000"]["median_seconds"]),
                 ratio(ix["xapnews"]["median_seconds"], ix["plain_xapian_commit1000"]["median_seconds"])))
    rows.append(("indexing peak RSS x1, xapnews / plain Xapian",
                 "%.1f MiB / %.1f MiB" % (ix["xapnews"]["median_peak_rss_mib"],
                                          ix["plain_xapian"]["median_peak_rss_mib"]),
                 ratio(ix["xapnews"]["median_peak_rss_mib"], ix["plain_xapian"]["median_peak_rss_mib"])))
    for p in ("p50", "p95", "p99"):
        rows.append(("query %s, xapnews / plain Xapian" % p,
                     "%.0f us / %.0f us" % (q["xapnews"][p], q["plain_xapian"][p]),
                     ratio(q["xapnews"][p], q["plain_xapian"][p])))
    if "xapnews_plain_profile" in q:
        for p in ("p50", "p99"):
            rows.append(("query %s, xapnews with plain.conf / plain Xapian" % p,
                         "%.0f us / %.0f us" % (q["xapnews_plain_profile"][p], q["plain_xapian"][p]),
                         ratio(q["xapnews_plain_profile"][p], q["plain_xapian"][p])))
    rows.append(("tokeniser MB/s, xn_tokenize / TermGenerator (no stemmer)",
                 "%.1f / %.1f" % (tk["xn_tokenize"]["median_mb_per_s"], tk["termgenerator"]["median_mb_per_s"]),
                 ratio(tk["xn_tokenize"]["median_mb_per_s"], tk["termgenerator"]["median_mb_per_s"])))
    rows.append(("analysis MB/s, xapnews analyzer / TermGenerator + stemmer",
                 "%.1f / %.1f" % (tk["xapnews_analyzer"]["median_mb_per_s"],
                                  tk["termgenerator_stem"]["median_mb_per_s"]),
                 ratio(tk["xapnews_analyzer"]["median_mb_per_s"], tk["termgenerator_stem"]["median_mb_per_s"])))
    if "fts5" in q:
        for p in ("p50", "p95", "p99"):
            rows.append(("query %s, FTS5 / xapnews" % p,
                         "%.0f us / %.0f us" % (q["fts5"][p], q["xapnews"][p]),
                         ratio(q["fts5"][p], q["xapnews"][p])))
        if "xapian_floor" in q:
            for p in ("p50", "p95", "p99"):
                rows.append(("query %s, FTS5 / Xapian's floor (the most any Xapian program can reach)" % p,
                             "%.0f us / %.0f us" % (q["fts5"][p], q["xapian_floor"][p]),
                             ratio(q["fts5"][p], q["xapian_floor"][p])))
    sc = res.get("scale", {})
    for k in ("x1", "x10", "x50"):
        if k in sc and "xapnews_seconds" in sc[k]:
            s = sc[k]
            extra = ""
            jobs = sc.get("xapnews_jobs", 1)
            how = " (%d shards, %d jobs)" % (jobs, jobs) if jobs > 1 else ""
            rows.append(("xapnews index%s %s: s per 1000 articles%s" % (how, k, extra),
                         "%.1f s, %.0f MiB" % (s["xapnews_seconds"], s["xapnews_peak_rss_mib"]),
                         s["xapnews_seconds_per_1000"]))
    if "x50" in sc and "xapnews_seconds_per_1000" in sc["x50"] and "x10" in sc:
        rows.append(("linearity: s per 1000 at x50 / at x10 (1 = linear)", "",
                     ratio(sc["x50"]["xapnews_seconds_per_1000"], sc["x10"]["xapnews_seconds_per_1000"])))
    if "plain_xapian_seconds_per_1000" in sc.get("x50", {}):
        s = sc["x50"]
        rows.append(("plain Xapian index x50: s per 1000 articles",
                     "%.1f s, %.0f MiB" % (s["plain_xapian_seconds"], s["plain_xapian_peak_rss_mib"]),
                     s["plain_xapian_seconds_per_1000"]))
        rows.append(("plain Xapian linearity: s per 1000 at x50 / at x10", "",
                     ratio(s["plain_xapian_seconds_per_1000"],
                           sc["x10"].get("plain_xapian_seconds_per_1000"))))
    if "append_x1_to_x10" in sc:
        s = sc["append_x1_to_x10"]
        rows.append(("append x1 to the x10 index: s per 1000 articles",
                     "%.1f s, %.0f MiB" % (s["seconds"], s["peak_rss_mib"]), s["seconds_per_1000"]))
    if "x10" in sc and "plain_xapian_seconds" in sc["x10"]:
        s = sc["x10"]
        rows.append(("plain Xapian index x10: s per 1000 articles",
                     "%.1f s, %.0f MiB" % (s["plain_xapian_seconds"], s["plain_xapian_peak_rss_mib"]),
                     s["plain_xapian_seconds_per_1000"]))
        rows.append(("indexing time x10, xapnews%s / plain Xapian" % (
                         " (%d jobs)" % sc["xapnews_jobs"] if sc.get("xapnews_jobs", 1) > 1 else ""), "",
                     ratio(sc["x10"]["xapnews_seconds"], s["plain_xapian_seconds"])))
    if "x10" in sc and "plain_xapian_commit1000_seconds" in sc["x10"]:
        s = sc["x10"]
        rows.append(("plain Xapian commit/1000 index x10: s per 1000 articles",
                     "%.1f s, %.0f MiB" % (s["plain_xapian_commit1000_seconds"],
                                           s["plain_xapian_commit1000_peak_rss_mib"]),
                     s["plain_xapian_commit1000_seconds_per_1000"]))
    ev = res.get("eval_cranfield", {})
    if "best_seconds" in ev:
        rows.append(("xapnews eval, Cranfield 225 queries x 1000 hits (best of 3)",
                     "%.3f s" % ev["best_seconds"], None))
    w = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    lines = ["%-*s  %-*s  %s" % (w, "measure", w2, "values", "ratio"),
             "%s  %s  %s" % ("-" * w, "-" * w2, "-----")]
    for name, vals, r in rows:
        lines.append("%-*s  %-*s  %s" % (w, name, w2, vals, "" if r is None else r))
    res["ratios"] = {name: r for name, _, r in rows if r is not None}
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
        for label, k in (("xapnews", "xapnews"), ("xapnews\\n2 threads", "xapnews_2threads"),
                         ("xapnews\\n2 shards\\n+compact", "xapnews_2shards"),
                         ("plain Xapian", "plain_xapian"),
                         ("plain Xapian\\ncommit/1000", "plain_xapian_commit1000"), ("FTS5", "fts5")):
            if k in ix:
                f.write('"%s" %s %s\n' % (label, ix[k]["median_seconds"], ix[k]["median_peak_rss_mib"]))
    with open(os.path.join(d, "query.dat"), "w") as f:
        for label, k in (("xapnews", "xapnews"), ("xapnews 2 shards", "xapnews_2shards"),
                         ("xapnews\\nplain.conf", "xapnews_plain_profile"),
                         ("plain Xapian", "plain_xapian"), ("Xapian floor", "xapian_floor"),
                         ("FTS5", "fts5")):
            if k in q:
                f.write('"%s" %s %s %s\n' % (label, q[k]["p50"], q[k]["p95"], q[k]["p99"]))
    with open(os.path.join(d, "tok.dat"), "w") as f:
        for label, k in (("xn\\\\_tokenize", "xn_tokenize"), ("xapnews analyzer", "xapnews_analyzer"),
                         ("TermGenerator", "termgenerator"), ("TermGenerator\\n+stemmer", "termgenerator_stem")):
            f.write('"%s" %s\n' % (label, tk[k]["median_mb_per_s"]))
    with open(os.path.join(d, "scale_x.dat"), "w") as f:
        if "x1" in sc:
            f.write("%d %s\n" % (sc["x1"]["articles"], sc["x1"]["xapnews_seconds_per_1000"]))
        for k in ("x10", "x50"):
            if "xapnews_seconds_per_1000" in sc.get(k, {}):
                f.write("%d %s\n" % (sc[k]["articles"], sc[k]["xapnews_seconds_per_1000"]))
    with open(os.path.join(d, "scale_p.dat"), "w") as f:
        if "x1" in sc:
            f.write("%d %s\n" % (sc["x1"]["articles"], sc["x1"]["plain_xapian_seconds_per_1000"]))
        for k in ("x10", "x50"):
            if "plain_xapian_seconds_per_1000" in sc.get(k, {}):
                f.write("%d %s\n" % (sc[k]["articles"], sc[k]["plain_xapian_seconds_per_1000"]))
    m = res["machine"]
    title = "xapnews bench, Reuters-21578 (%s, %s cores, %s GiB)" % (m["cpu_model"], m["nproc"], m["ram_gib"])
    script = r"""
set terminal pngcairo size 1400,1000 font ",10"
set output '%(png)s'
set multiplot layout 2,2 title "%(title)s"
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
set title "query latency (top 10, %(nq)s queries)"
set ylabel "microseconds"
set style histogram clustered gap 1
plot '%(d)s/query.dat' using 2:xtic(1) title "p50" lc rgb "#70ad47", \
     '' using 3 title "p95" lc rgb "#ffc000", '' using 4 title "p99" lc rgb "#c00000"
set title "tokeniser / analysis throughput"
set ylabel "MB/s"
set style histogram clustered
set offsets 0, 0, graph 0.08, 0
plot '%(d)s/tok.dat' using 2:xtic(1) title "MB/s" lc rgb "#4472c4", \
     '' using 0:2:(sprintf("%%.1f", $2)) with labels offset 0,0.7 notitle
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
""" % {"png": png, "title": title, "d": d, "nq": q["queries"],
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
              "query_bench", "tokenize_bench", "queries", "profile", "synonyms"):
        ap.add_argument("--" + a.replace("_", "-"), required=True)
    ap.add_argument("--gnu-time", default=None)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--query-passes", type=int, default=3)
    ap.add_argument("--tok-passes", type=int, default=3)
    ap.add_argument("--budget", type=int, default=1080)
    ap.add_argument("--x50", choices=("auto", "full", "skip", "skip-all"), default="auto")
    ap.add_argument("--perf", choices=("auto", "on", "skip"), default="auto")
    ap.add_argument("--started-ago", type=float, default=0.0)
    ap.add_argument("--fts5", type=int, default=1)
    ap.add_argument("--scale-extra", type=int, default=0)
    ap.add_argument("--scale-jobs", type=int, default=2)
    ARGS = ap.parse_args()
    os.makedirs(ARGS.results, exist_ok=True)

    res = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
           "settings": {"repetitions": ARGS.reps, "budget_seconds": ARGS.budget, "x50": ARGS.x50,
                        "queries_file": os.path.relpath(ARGS.queries, ARGS.top),
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
    for k in ("xapnews_2shards", "xapnews_2shards_compact", "plain_xapian", "fts5"):
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
