// plain_xapian.cc - the "plain Xapian" contender of bench/run.sh.
//
//   plain_xapian index DB JSONL... [--commit-every N] [--spelling]
//       TermGenerator (english stemmer, STEM_SOME) over title (also with the
//       S prefix) and body, one WritableDatabase, replace_document by a Q id
//       term; document data id=, title=, date=, body= (xapnews also keeps the
//       body, for snippets). N = 0 (default): Xapian's own flushing. An
//       existing DB is opened and added to (an append); one commit at the
//       end in any case. --spelling: the words go to the spelling data too
//       (TermGenerator's FLAG_SPELLING), for QueryParser's corrections.
//   plain_xapian query DB QUERIES [PASSES [and|or|and-spelling [COUNT]]]
//       QueryParser (english, STEM_SOME, default operator AND as xapnews,
//       or OR with "or"), Enquire with BM25, top 10, reading each hit's
//       data; with COUNT, the first COUNT matches counted exactly (Enquire
//       checks at least COUNT + 1 of them, as xapnews does by default with
//       1000). One untimed warm-up pass, then PASSES timed passes (default
//       1); prints one line per query and pass:
//       "microseconds<TAB>hits<TAB>estimate". "and-spelling": Xapian's own
//       typo tolerance, as a portal over a database with spelling data
//       uses it: the query parsed with FLAG_SPELLING_CORRECTION, and when
//       QueryParser offers a corrected query, that one searched instead.
//   plain_xapian floor DB QUERIES [PASSES [and|or]]
//       The least any program answering from a Xapian database can spend on
//       these queries: each parsed beforehand (untimed), then timed from
//       set_query to the top 10's document ids only (no parsing, no
//       document read). Same output as query.
//   plain_xapian doccount DB
//       Prints the number of documents of DB (a database or a stub, such as
//       a sharded xapnews database).
//   plain_xapian tokenize [--stem] [--passes N] JSONL
//       TermGenerator without a database: index_text of every title and body
//       into a fresh Document (english stemmer, STEM_SOME with --stem, else
//       STEM_NONE), N passes (default 5); prints "bytes seconds" per pass.
//
// Build: g++ -O2 plain_xapian.cc $(pkg-config --cflags --libs xapian-core jansson)
#include <xapian.h>
#include <jansson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

struct Article {
    std::string id, title, date, body;
};

const char *str_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

// Calls FN(article) for each JSON Lines record of PATH that has an id.
template <class Fn> size_t read_jsonl(const char *path, Fn fn)
{
    FILE *f = std::fopen(path, "r");
    if (!f) {
        std::perror(path);
        std::exit(3);
    }
    char *line = nullptr;
    size_t cap = 0, n = 0;
    ssize_t len;
    Article a;
    while ((len = getline(&line, &cap, f)) > 0) {
        json_error_t err;
        json_t *obj = json_loadb(line, (size_t)len, 0, &err);
        if (!obj || !json_is_object(obj)) {
            json_decref(obj);
            continue;
        }
        a.id = str_field(obj, "id");
        a.title = str_field(obj, "title");
        a.date = str_field(obj, "date");
        a.body = str_field(obj, "body");
        json_decref(obj);
        if (a.id.empty()) continue;
        fn(a);
        n++;
    }
    std::free(line);
    std::fclose(f);
    return n;
}

int cmd_index(int argc, char **argv)
{
    unsigned commit_every = 0;
    bool spelling = false;
    std::vector<const char *> inputs;
    const char *dbpath = nullptr;
    for (int i = 0; i < argc; i++) {
        if (!std::strcmp(argv[i], "--commit-every") && i + 1 < argc)
            commit_every = (unsigned)std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--spelling"))
            spelling = true;
        else if (!dbpath)
            dbpath = argv[i];
        else
            inputs.push_back(argv[i]);
    }
    if (!dbpath || inputs.empty()) {
        std::fprintf(stderr,
                     "usage: plain_xapian index DB JSONL... [--commit-every N] [--spelling]\n");
        return 2;
    }
    auto t0 = Clock::now();
    Xapian::WritableDatabase db(dbpath, Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    if (spelling) {
        tg.set_database(db);
        tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    }
    size_t total = 0, added = 0;
    for (const char *in : inputs) {
        total += read_jsonl(in, [&](const Article &a) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(a.title, 1, "S");
            tg.index_text(a.title);
            tg.increase_termpos();
            tg.index_text(a.body);
            std::string idterm = "Q" + a.id;
            doc.add_boolean_term(idterm);
            doc.set_data("id=" + a.id + "\ntitle=" + a.title + "\ndate=" + a.date +
                         "\nbody=" + a.body);
            db.replace_document(idterm, doc);
            if (commit_every && (++added % commit_every) == 0) db.commit();
        });
    }
    db.commit();
    db.close();
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    std::fprintf(stderr, "plain_xapian: indexed %zu articles into %s in %.2f s\n",
                 total, dbpath, secs);
    return 0;
}

std::vector<std::string> read_queries(const char *path)
{
    std::ifstream in(path);
    if (!in) {
        std::perror(path);
        std::exit(3);
    }
    std::vector<std::string> qs;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') qs.push_back(line);
    return qs;
}

// The parser of the query modes: English stemming of some words, AND (or
// OR when ANY).
Xapian::QueryParser parser_for(const Xapian::Database &db, bool any)
{
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    return qp;
}

// query and floor: FLOOR parses every query beforehand (untimed) and reads
// only the hits' document ids.
int cmd_query(int argc, char **argv, bool floor)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: plain_xapian %s DB QUERIES [PASSES [and|or%s%s]]\n",
                     floor ? "floor" : "query", floor ? "" : "|and-spelling", floor ? "" : " [COUNT]");
        return 2;
    }
    int passes = argc > 2 ? std::atoi(argv[2]) : 1;
    std::vector<std::string> qs = read_queries(argv[1]);
    Xapian::Database db(argv[0]);
    bool any = argc > 3 && !std::strcmp(argv[3], "or");
    bool spelling = !floor && argc > 3 && !std::strcmp(argv[3], "and-spelling");
    Xapian::doccount check = !floor && argc > 4 ? (Xapian::doccount)std::atol(argv[4]) + 1 : 0;
    Xapian::QueryParser qp = parser_for(db, any);
    std::vector<Xapian::Query> parsed;
    if (floor)
        for (const std::string &q : qs)
            parsed.push_back(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    size_t sink = 0;
    for (int pass = -1; pass < passes; pass++) {
        for (size_t i = 0; i < qs.size(); i++) {
            auto t0 = Clock::now();
            if (floor) {
                enquire.set_query(parsed[i]);
            } else if (spelling) {
                Xapian::Query q = qp.parse_query(
                    qs[i], Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
                std::string corrected = qp.get_corrected_query_string();
                enquire.set_query(corrected.empty()
                                      ? q
                                      : qp.parse_query(corrected, Xapian::QueryParser::FLAG_DEFAULT));
            } else {
                enquire.set_query(qp.parse_query(qs[i], Xapian::QueryParser::FLAG_DEFAULT));
            }
            Xapian::MSet mset = enquire.get_mset(0, 10, check);
            unsigned hits = 0;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
                sink += floor ? *it : it.get_document().get_data().size();
                hits++;
            }
            double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
            if (pass >= 0)
                std::printf("%.1f\t%u\t%u\n", us, hits, (unsigned)mset.get_matches_estimated());
        }
    }
    if (sink == 1) std::fprintf(stderr, "?\n");
    return 0;
}

int cmd_tokenize(int argc, char **argv)
{
    bool stem = false;
    int passes = 5;
    const char *path = nullptr;
    for (int i = 0; i < argc; i++) {
        if (!std::strcmp(argv[i], "--stem"))
            stem = true;
        else if (!std::strcmp(argv[i], "--passes") && i + 1 < argc)
            passes = std::atoi(argv[++i]);
        else
            path = argv[i];
    }
    if (!path) {
        std::fprintf(stderr, "usage: plain_xapian tokenize [--stem] [--passes N] JSONL\n");
        return 2;
    }
    std::vector<std::string> texts;
    size_t bytes = 0;
    read_jsonl(path, [&](const Article &a) {
        texts.push_back(a.title);
        texts.push_back(a.body);
        bytes += a.title.size() + a.body.size();
    });
    Xapian::TermGenerator tg;
    if (stem) {
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    } else {
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    }
    size_t terms = 0;
    for (int pass = 0; pass < passes; pass++) {
        auto t0 = Clock::now();
        for (size_t i = 0; i < texts.size(); i += 2) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(texts[i]);
            tg.increase_termpos();
            tg.index_text(texts[i + 1]);
            terms += doc.termlist_count();
        }
        double secs = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("%zu %.6f\n", bytes, secs);
    }
    std::fprintf(stderr, "plain_xapian tokenize: %zu distinct terms per pass\n", terms / (size_t)passes);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: plain_xapian index|query|floor|doccount|tokenize ...\n");
        return 2;
    }
    try {
        if (!std::strcmp(argv[1], "index")) return cmd_index(argc - 2, argv + 2);
        if (!std::strcmp(argv[1], "query")) return cmd_query(argc - 2, argv + 2, false);
        if (!std::strcmp(argv[1], "floor")) return cmd_query(argc - 2, argv + 2, true);
        if (!std::strcmp(argv[1], "tokenize")) return cmd_tokenize(argc - 2, argv + 2);
        if (!std::strcmp(argv[1], "doccount") && argc == 3) {
            std::printf("%u\n", (unsigned)Xapian::Database(argv[2]).get_doccount());
            return 0;
        }
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "plain_xapian: %s\n", e.get_description().c_str());
        return 4;
    }
    std::fprintf(stderr, "plain_xapian: unknown mode %s\n", argv[1]);
    return 2;
}
