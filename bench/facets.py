#!/usr/bin/env python3
"""Time facets on Reuters-21578, on one database and over remote shards.

    bench/facets.py REUTERS.jsonl [--articles N] [--passes P] [--build DIR]
                    [--old-build DIR] [--work DIR]

Indexes the first N articles (default 2500) of REUTERS.jsonl (made by
bench/reuters.py) with the xapnews of the build tree DIR (default: this
tree) into one database and into 2 shards, serves the shards with stock
xapian-tcpsrv on 127.0.0.1, and times the queries of QUERIES with
bench/facet_bench.c (the library, one process, median of P runs, default
21) counting outlet and year (one match, the reference), then official.
With --old-build DIR (a build tree from before the official facet took
one pass) the same runs with that build on an index it built, and with
the new build on that older index (which lacks the officials slot: its
fallback, by term). The facets every run prints must be the same.
Python 3 standard library only.
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile

QUERIES = ["said", "oil", "trade OR bank", "Reagan", "dollar AND yen"]
HERE = os.path.dirname(os.path.abspath(__file__))


def build_bench(build, out):
    """Compiles facet_bench.c against the libxapnews of BUILD."""
    libs = os.path.join(build, ".libs")
    subprocess.run([os.environ.get("CC", "cc"), "-O2", "-std=c11",
                    "-I", os.path.join(HERE, "..", "plugin"), "-o", out,
                    os.path.join(HERE, "facet_bench.c"), "-L" + libs, "-lxapnews",
                    "-Wl,-rpath," + libs], check=True)


def index(build, db, src, shards=None):
    cmd = [os.path.join(build, "xapnews"), "index", "-q", "--db", db]
    subprocess.run(cmd + (["--shards", str(shards)] if shards else []) + [src],
                   check=True, stdout=subprocess.DEVNULL)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def serve(folder, stub, servers):
    """Serves every shard of FOLDER with xapian-tcpsrv, listed in STUB."""
    with open(stub, "w") as f:
        for shard in sorted(d for d in os.listdir(folder) if d.startswith("shard-")):
            port = free_port()
            servers.append(subprocess.Popen(
                ["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", str(port),
                 os.path.join(folder, shard)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL))
            f.write("remote 127.0.0.1:%d\n" % port)


def bench(tool, db, facets, passes, queries):
    """[(microseconds, estimate, facets)] per query."""
    for _ in range(100):  # the servers may still be starting
        r = subprocess.run([tool, db, facets, str(passes)], input="\n".join(queries) + "\n",
                           capture_output=True, text=True)
        if r.returncode == 0:
            return [line.split("\t") for line in r.stdout.splitlines()]
        if "network" not in r.stderr.lower() and "connect" not in r.stderr.lower():
            break
    sys.exit("bench/facets.py: %s %s: %s" % (tool, db, r.stderr.strip()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl")
    ap.add_argument("--articles", type=int, default=2500)
    ap.add_argument("--passes", type=int, default=21)
    ap.add_argument("--build", default=os.path.join(HERE, ".."))
    ap.add_argument("--old-build")
    ap.add_argument("--work", help="folder for the databases (default: a temporary one, removed)")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="xapnews-facets-")
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "articles.jsonl")
    with open(a.jsonl, encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= a.articles:
                break
            out.write(line)
    builds = {"new": a.build}
    if a.old_build:
        builds["old"] = a.old_build
    servers, dbs, tools = [], {}, {}
    try:
        for name, build in builds.items():
            tools[name] = os.path.join(work, "facet_bench-" + name)
            build_bench(build, tools[name])
            one, sharded = os.path.join(work, name + ".db"), os.path.join(work, name + "-shards.db")
            for d in (one, sharded):
                shutil.rmtree(d, ignore_errors=True)
            index(build, one, src)
            index(build, sharded, src, shards=2)
            stub = os.path.join(work, name + "-remote.stub")
            serve(sharded, stub, servers)
            dbs[name] = [("one database", one), ("2 remote shards", stub)]
        officials = subprocess.run(
            ["/usr/bin/python3", "-c", "import sys, xapian; print(sum(1 for _ in "
             "xapian.Database(sys.argv[1]).allterms('XOFFICIAL:')))", dbs["new"][0][1]],
            capture_output=True, text=True).stdout.strip() or "?"
        print("%d articles, %s officials (XOFFICIAL: terms); libxapnews, median of %d runs, "
              "milliseconds per search (top 10 + facets)" % (a.articles, officials, a.passes))
        print("%-34s %-16s %-15s %8s %11s %9s" % ("build, index", "database", "query",
                                                 "matches", "outlet,year", "official"))
        runs = [("new build, new index", "new", "new")]
        if a.old_build:
            runs += [("old build, old index", "old", "old"),
                     ("new build, old index (by term)", "new", "old")]
        seen = {}
        for label, tool, index_name in runs:
            for where, db in dbs[index_name]:
                base = bench(tools[tool], db, "outlet,year", a.passes, QUERIES)
                off = bench(tools[tool], db, "official", a.passes, QUERIES)
                for q, b, o in zip(QUERIES, base, off):
                    seen.setdefault(q, set()).add(o[2])
                    print("%-34s %-16s %-15s %8s %11.2f %9.2f" % (label, where, q, o[1],
                                                                  float(b[0]) / 1000,
                                                                  float(o[0]) / 1000))
        same = all(len(v) == 1 for v in seen.values())
        print("official facets the same in every run:", "yes" if same else "NO")
        return 0 if same else 1
    finally:
        for s in servers:
            s.kill()
            s.wait()
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
