// xapian_shim.cc - the extern "C" layer over Xapian. See xapian_shim.h.
//
// Every entry point is wrapped in SHIM_TRY / SHIM_CATCH so that no C++
// exception escapes into C code.

#include "xapian_shim_internal.h"
#include "xapian_shim_spelling.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <memory>
#include <thread>
#include <utility>
#include <new>
#include <string>
#include <vector>

struct xs_db {
    Xapian::Database *db;          // always set
    Xapian::WritableDatabase *wdb; // set for writers (same object as db)
    xs_spelling_changes spelling;  // see xs_db_spelling_changes()
};

struct xs_doc {
    Xapian::Document doc;
};

// struct xs_query is in xapian_shim_query.h, shared with xapnews_portal.cc
#include "xapian_shim_query.h"

struct xs_mset {
    Xapian::MSet mset;
    Xapian::Database db; // to read documents again after a writer's commit
    std::vector<Xapian::docid> docids;
    std::vector<double> weights;
    std::vector<Xapian::doccount> collapsed; // MSetIterator::get_collapse_count()
    // fetched on demand: document data can be large and is compressed
    std::vector<std::string> data, value;
    std::vector<char> have_data, have_value;
    unsigned value_slot = 0;
    // per counted slot: (value, frequency), most frequent first or, for
    // XS_COUNT_ALL, every value in byte order; and the documents counted
    std::vector<std::vector<std::pair<std::string, unsigned long>>> counts;
    std::vector<unsigned long> count_totals;
};

void xs_fail(xs_error *err, xs_code code, const std::string &msg)
{
    if (!err) return;
    err->code = code;
    std::snprintf(err->message, sizeof err->message, "%s", msg.c_str());
}

void xs_fail_xapian(xs_error *err, const Xapian::Error &e)
{
    // Xapian::Error is not polymorphic; its type name tells the class.
    static const struct {
        const char *type;
        xs_code code;
    } classes[] = {
        {"DatabaseLockError", XS_LOCKED},
        {"DatabaseNotFoundError", XS_NOT_FOUND},
        {"DocNotFoundError", XS_NOT_FOUND},
        {"DatabaseCorruptError", XS_CORRUPT},
        {"DatabaseOpeningError", XS_OPENING},
        {"DatabaseVersionError", XS_OPENING},
        {"NetworkError", XS_NETWORK},
        {"NetworkTimeoutError", XS_NETWORK},
        {"DatabaseModifiedError", XS_MODIFIED},
        {"InvalidArgumentError", XS_INVALID},
        {"InvalidOperationError", XS_INVALID},
        {"UnimplementedError", XS_INVALID},
        {"QueryParserError", XS_INVALID},
        {"RangeError", XS_INVALID},
        {"WildcardError", XS_QUERY},
    };
    xs_code code = XS_OTHER;
    for (const auto &c : classes)
        if (std::strcmp(e.get_type(), c.type) == 0) code = c.code;
    std::string msg = e.get_msg();
    if (!e.get_context().empty()) msg += " (" + e.get_context() + ")";
    if (e.get_error_string()) msg += std::string(": ") + e.get_error_string();
    xs_fail(err, code, msg.empty() ? e.get_type() : msg);
}

char *xs_dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

#define SHIM_TRY XS_SHIM_TRY
#define SHIM_CATCH(err, failval) XS_SHIM_CATCH(err, failval)

extern "C" {

int xs_no_memory(xs_error *err)
{
    xs_fail(err, XS_NO_MEMORY, "out of memory");
    return -1;
}

xs_db *xs_db_open_read(const char *path, xs_error *err)
{
    SHIM_TRY
    xs_db *h = new xs_db;
    try {
        h->db = new Xapian::Database(path);
    } catch (...) {
        delete h;
        throw;
    }
    h->wdb = nullptr;
    return h;
    SHIM_CATCH(err, nullptr)
}

xs_db *xs_db_open_remote(const char *target, xs_error *err)
{
    SHIM_TRY
    std::string t(target);
    Xapian::Database db;
    if (!t.empty() && t[0] == ':') {
        size_t space = t.find(' ');
        std::string program = t.substr(1, space == std::string::npos ? std::string::npos : space - 1);
        std::string args = space == std::string::npos ? std::string() : t.substr(space + 1);
        if (program.empty()) {
            xs_fail(err, XS_INVALID, "remote: no program after ':'");
            return nullptr;
        }
        db = Xapian::Remote::open(program, args);
    } else {
        size_t colon = t.rfind(':');
        char *end = nullptr;
        unsigned long port = colon == std::string::npos ? 0
                             : std::strtoul(t.c_str() + colon + 1, &end, 10);
        if (colon == std::string::npos || colon == 0 || port == 0 || port > 65535 || *end) {
            xs_fail(err, XS_INVALID, "remote: expected HOST:PORT or :PROGRAM ARGS");
            return nullptr;
        }
        db = Xapian::Remote::open(t.substr(0, colon), static_cast<unsigned>(port));
    }
    xs_db *h = new xs_db;
    h->db = new Xapian::Database(db);
    h->wdb = nullptr;
    return h;
    SHIM_CATCH(err, nullptr)
}

int xs_db_postings_values(xs_db *h, const char *term, size_t term_len,
                          unsigned max_docs, unsigned before, const unsigned *slots,
                          size_t n_slots, int (*want)(void *ctx, unsigned docid),
                          int (*fn)(void *ctx, const char *const *values,
                                    const size_t *lens),
                          void *ctx, xs_error *err)
{
    SHIM_TRY
    if (n_slots > XS_POSTING_SLOTS_MAX) n_slots = XS_POSTING_SLOTS_MAX;
    std::string t(term, term_len);
    // the docids first, then each document's values as FN asks for more:
    // a search that stops at its first candidate reads one document
    std::vector<Xapian::docid> ids = xs_retrying(*h->db, [&] {
        std::vector<Xapian::docid> v;
        for (Xapian::PostingIterator p = h->db->postlist_begin(t);
             p != h->db->postlist_end(t) && v.size() < max_docs && (!before || *p < before);
             ++p)
            v.push_back(*p);
        return v;
    });
    std::string got[XS_POSTING_SLOTS_MAX];
    const char *values[XS_POSTING_SLOTS_MAX];
    size_t lens[XS_POSTING_SLOTS_MAX];
    for (Xapian::docid id : ids) {
        if (want && !want(ctx, id)) continue;
        xs_retrying(*h->db, [&] {
            Xapian::Document doc = h->db->get_document(id, Xapian::DOC_ASSUME_VALID);
            for (size_t k = 0; k < n_slots; ++k) got[k] = doc.get_value(slots[k]);
        });
        for (size_t k = 0; k < n_slots; ++k) {
            values[k] = got[k].c_str();
            lens[k] = got[k].size();
        }
        if (fn(ctx, values, lens)) break;
    }
    return 0;
    SHIM_CATCH(err, -1)
}

xs_db *xs_db_open_write(const char *path, unsigned mode, xs_error *err)
{
    SHIM_TRY
    xs_db *h = new xs_db;
    h->db = h->wdb = nullptr;
    try {
        unsigned how = mode & ~(unsigned)XS_WRITE_NO_SYNC;
        int action = how == XS_WRITE_OVERWRITE ? Xapian::DB_CREATE_OR_OVERWRITE
                     : how == XS_WRITE_CREATE  ? Xapian::DB_CREATE_OR_OPEN
                                               : Xapian::DB_OPEN;
        if (mode & XS_WRITE_NO_SYNC) action |= Xapian::DB_NO_SYNC;
        h->wdb = new Xapian::WritableDatabase(path, action);
        h->db = h->wdb;
        if (how != XS_WRITE_OVERWRITE && !h->wdb->get_metadata(XS_SPELLING_BEHIND_KEY).empty())
            xs_db_spelling_recount(h);
        xs_db_spelling_start(h);
    } catch (...) {
        delete h->wdb;
        delete h;
        throw;
    }
    return h;
    SHIM_CATCH(err, nullptr)
}

int xs_db_close(xs_db *h, xs_error *err)
{
    if (!h) return 0;
    int rc = 0;
    try {
        xs_db_spelling_flush(h);
        h->db->close();
    } catch (const Xapian::Error &e) {
        xs_fail_xapian(err, e);
        rc = -1;
    } catch (...) {
        xs_fail(err, XS_OTHER, "unknown C++ exception while closing");
        rc = -1;
    }
    delete h->db;
    delete h;
    return rc;
}

namespace {
// Resolves metadata held by several sources through the C callback.
class MergingCompactor : public Xapian::Compactor {
  public:
    MergingCompactor(xs_metadata_merge_fn merge, void *ctx) : merge_(merge), ctx_(ctx) {}

    std::string resolve_duplicate_metadata(const std::string &key, size_t num_tags,
                                           const std::string tags[]) override
    {
        std::vector<const char *> values(num_tags);
        std::vector<size_t> lens(num_tags);
        for (size_t i = 0; i < num_tags; ++i) {
            values[i] = tags[i].data();
            lens[i] = tags[i].size();
        }
        // Xapian 1.4's glass compactor passes the key as stored in its
        // table, after the two bytes that mark metadata there
        static const std::string stored_prefix("\0\xc0", 2);
        std::string name = key.compare(0, 2, stored_prefix) == 0 ? key.substr(2) : key;
        char *out = nullptr;
        size_t out_len = 0;
        if (merge_(ctx_, name.c_str(), values.data(), lens.data(), num_tags, &out, &out_len) < 0)
            throw std::bad_alloc();
        std::string kept(out ? out : "", out ? out_len : 0);
        std::free(out);
        return kept;
    }

  private:
    xs_metadata_merge_fn merge_;
    void *ctx_;
};
} // namespace

int xs_db_compact(const char *const *sources, size_t n_sources, const char *destination,
                  xs_metadata_merge_fn merge, void *ctx, xs_error *err)
{
    SHIM_TRY
    Xapian::Database db;
    for (size_t i = 0; i < n_sources; ++i) db.add_database(Xapian::Database(sources[i]));
    if (merge) {
        MergingCompactor compactor(merge, ctx);
        db.compact(destination, 0, 0, compactor);
    } else {
        db.compact(destination);
    }
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_retag(xs_db *h, unsigned docid, const unsigned *slots, const char *const *values,
                const size_t *lens, size_t n_values,
                const char *old_term, size_t old_len, const char *new_term, size_t new_len,
                xs_error *err)
{
    SHIM_TRY
    Xapian::WritableDatabase *wdb = dynamic_cast<Xapian::WritableDatabase *>(h->db);
    if (!wdb) {
        xs_fail(err, XS_INVALID, "documents can only be changed through a writer");
        return -1;
    }
    Xapian::Document doc = wdb->get_document(docid);
    for (size_t k = 0; k < n_values; ++k) doc.add_value(slots[k], std::string(values[k], lens[k]));
    if (old_len) {
        std::string old(old_term, old_len);
        Xapian::TermIterator t = doc.termlist_begin();
        t.skip_to(old);
        if (t != doc.termlist_end() && *t == old) doc.remove_term(old);
    }
    if (new_len) doc.add_boolean_term(std::string(new_term, new_len));
    wdb->replace_document(docid, doc);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_doccount(xs_db *h, unsigned long *count, xs_error *err)
{
    SHIM_TRY
    *count = xs_retrying(*h->db, [&] { return h->db->get_doccount(); });
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_lastdocid(xs_db *h, unsigned *docid, xs_error *err)
{
    SHIM_TRY
    *docid = xs_retrying(*h->db, [&] { return h->db->get_lastdocid(); });
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_reopen(xs_db *h, xs_error *err)
{
    SHIM_TRY
    h->db->reopen();
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_replace(xs_db *h, const char *unique_term, size_t term_len,
                  const xs_doc *doc, xs_error *err)
{
    SHIM_TRY
    if (!h->wdb) {
        xs_fail(err, XS_INVALID, "database is open read-only");
        return -1;
    }
    h->wdb->replace_document(std::string(unique_term, term_len), doc->doc);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_add(xs_db *h, const xs_doc *doc, xs_error *err)
{
    SHIM_TRY
    if (!h->wdb) {
        xs_fail(err, XS_INVALID, "database is open read-only");
        return -1;
    }
    h->wdb->add_document(doc->doc);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_commit(xs_db *h, xs_error *err)
{
    SHIM_TRY
    if (h->wdb) {
        xs_db_spelling_flush(h);
        h->wdb->commit();
    }
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_add_synonym(xs_db *h, const char *term, const char *synonym,
                      xs_error *err)
{
    SHIM_TRY
    if (!h->wdb) {
        xs_fail(err, XS_INVALID, "database is open read-only");
        return -1;
    }
    h->wdb->add_synonym(term, synonym);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_clear_synonyms(xs_db *h, xs_error *err)
{
    SHIM_TRY
    if (!h->wdb) {
        xs_fail(err, XS_INVALID, "database is open read-only");
        return -1;
    }
    std::vector<std::string> keys;
    for (Xapian::TermIterator k = h->wdb->synonym_keys_begin();
         k != h->wdb->synonym_keys_end(); ++k)
        keys.push_back(*k);
    for (const std::string &k : keys) h->wdb->clear_synonyms(k);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_set_metadata(xs_db *h, const char *key, const char *value,
                       size_t value_len, xs_error *err)
{
    SHIM_TRY
    if (!h->wdb) {
        xs_fail(err, XS_INVALID, "database is open read-only");
        return -1;
    }
    h->wdb->set_metadata(key, std::string(value, value_len));
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_get_metadata(xs_db *h, const char *key, char **value,
                       size_t *value_len, xs_error *err)
{
    SHIM_TRY
    std::string v = xs_retrying(*h->db, [&] { return h->db->get_metadata(key); });
    char *p = xs_dup_string(v);
    if (!p) throw std::bad_alloc();
    *value = p;
    if (value_len) *value_len = v.size();
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_metadata_each(xs_db *h, const char *prefix, xs_metadata_fn fn, void *ctx,
                        xs_error *err)
{
    SHIM_TRY
    // the keys and values first, so a retry after a writer's commit
    // never calls FN twice for one key
    std::vector<std::pair<std::string, std::string>> all =
        xs_retrying(*h->db, [&] {
            std::vector<std::pair<std::string, std::string>> kv;
            for (Xapian::TermIterator k = h->db->metadata_keys_begin(prefix);
                 k != h->db->metadata_keys_end(prefix); ++k)
                kv.emplace_back(*k, h->db->get_metadata(*k));
            return kv;
        });
    for (const auto &kv : all) {
        int rc = fn(ctx, kv.first.data(), kv.first.size(), kv.second.data(), kv.second.size());
        if (rc) return rc;
    }
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_metadata_keys_each(xs_db *h, const char *prefix, xs_metadata_key_fn fn, void *ctx,
                             xs_error *err)
{
    SHIM_TRY
    // the keys first, so a retry after a writer's commit never calls FN
    // twice for one key
    std::vector<std::string> keys = xs_retrying(*h->db, [&] {
        std::vector<std::string> ks;
        for (Xapian::TermIterator k = h->db->metadata_keys_begin(prefix);
             k != h->db->metadata_keys_end(prefix); ++k)
            ks.push_back(*k);
        return ks;
    });
    for (const auto &k : keys) {
        int rc = fn(ctx, k.data(), k.size());
        if (rc) return rc;
    }
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_db_termfreq(xs_db *h, const char *term, size_t term_len,
                   unsigned long *freq, xs_error *err)
{
    SHIM_TRY
    *freq = xs_retrying(*h->db, [&] { return h->db->get_termfreq(std::string(term, term_len)); });
    return 0;
    SHIM_CATCH(err, -1)
}

xs_doc *xs_doc_new(xs_error *err)
{
    SHIM_TRY
    return new xs_doc;
    SHIM_CATCH(err, nullptr)
}

void xs_doc_free(xs_doc *doc)
{
    delete doc;
}

int xs_doc_add_posting(xs_doc *doc, const char *term, size_t len,
                       unsigned pos, unsigned wdf_inc, xs_error *err)
{
    SHIM_TRY
    doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_doc_add_term(xs_doc *doc, const char *term, size_t len,
                    unsigned wdf_inc, xs_error *err)
{
    SHIM_TRY
    if (wdf_inc == 0)
        doc->doc.add_boolean_term(std::string(term, len));
    else
        doc->doc.add_term(std::string(term, len), wdf_inc);
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_doc_set_value(xs_doc *doc, unsigned slot, const char *value,
                     size_t len, xs_error *err)
{
    SHIM_TRY
    doc->doc.add_value(slot, std::string(value, len));
    return 0;
    SHIM_CATCH(err, -1)
}

int xs_doc_set_data(xs_doc *doc, const char *data, size_t len, xs_error *err)
{
    SHIM_TRY
    doc->doc.set_data(std::string(data, len));
    return 0;
    SHIM_CATCH(err, -1)
}

size_t xs_sortable_serialise(double value, char out[18])
{
    return Xapian::sortable_serialise_(value, out);
}

double xs_sortable_unserialise(const char *value, size_t len)
{
    try {
        return Xapian::sortable_unserialise(std::string(value, len));
    } catch (...) {
        return 0.0;
    }
}

xs_query *xs_query_term(const char *term, size_t len, unsigned wqf,
                        unsigned pos, xs_error *err)
{
    SHIM_TRY
    return new xs_query(Xapian::Query(std::string(term, len), wqf, pos));
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                            xs_error *err)
{
    SHIM_TRY
    return new xs_query(Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len),
                                      max_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                                      Xapian::Query::OP_SYNONYM));
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_combine(xs_op op, xs_query *const *subs, size_t n,
                           unsigned param, xs_error *err)
{
    SHIM_TRY
    Xapian::Query::op xop;
    switch (op) {
    case XS_OP_AND: xop = Xapian::Query::OP_AND; break;
    case XS_OP_OR: xop = Xapian::Query::OP_OR; break;
    case XS_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
    case XS_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
    case XS_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
    case XS_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
    case XS_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
    case XS_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
    default:
        xs_fail(err, XS_INVALID, "unknown query operator");
        return nullptr;
    }
    std::vector<Xapian::Query> v;
    v.reserve(n);
    for (size_t i = 0; i < n; ++i) v.push_back(subs[i]->query);
    return new xs_query(Xapian::Query(xop, v.begin(), v.end(), param));
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_value_range(unsigned slot, const char *lo, const char *hi,
                               xs_error *err)
{
    return xs_query_value_range_len(slot, lo, lo ? strlen(lo) : 0, hi,
                                    hi ? strlen(hi) : 0, err);
}

xs_query *xs_query_value_range_len(unsigned slot, const char *lo, size_t lo_len,
                                   const char *hi, size_t hi_len, xs_error *err)
{
    SHIM_TRY
    if (lo && hi)
        return new xs_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                          std::string(lo, lo_len), std::string(hi, hi_len)));
    if (lo)
        return new xs_query(
            Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(lo, lo_len)));
    if (hi)
        return new xs_query(
            Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, std::string(hi, hi_len)));
    return new xs_query(Xapian::Query::MatchAll);
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_scale(const xs_query *q, double factor, xs_error *err)
{
    SHIM_TRY
    return new xs_query(
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, factor));
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_match_all(xs_error *err)
{
    SHIM_TRY
    return new xs_query(Xapian::Query::MatchAll);
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_match_nothing(xs_error *err)
{
    SHIM_TRY
    return new xs_query(Xapian::Query::MatchNothing);
    SHIM_CATCH(err, nullptr)
}

void xs_query_free(xs_query *q)
{
    delete q;
}

// See xs_query_matches_at_least().
static Xapian::doccount matches_at_least(const Xapian::Database &db, const Xapian::Query &q,
                                         Xapian::doccount enough)
{
    switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
        Xapian::TermIterator t = q.get_unique_terms_begin();
        return t == q.get_unique_terms_end() ? 0 : db.get_termfreq(*t);
    }
    case Xapian::Query::LEAF_MATCH_ALL:
        return db.get_doccount();
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
        Xapian::doccount most = 0;
        for (size_t i = 0; i < q.get_num_subqueries() && most <= enough; ++i) {
            Xapian::doccount n = matches_at_least(db, q.get_subquery(i), enough);
            if (n > most) most = n;
        }
        return most;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
        return q.get_num_subqueries() ? matches_at_least(db, q.get_subquery(0), enough) : 0;
    default:
        return 0;
    }
}

int xs_query_matches_at_least(xs_db *h, const xs_query *q, unsigned long enough,
                              unsigned long *at_least, xs_error *err)
{
    *at_least = 0;
    SHIM_TRY
    Xapian::doccount most = enough > (Xapian::doccount)-1 ? (Xapian::doccount)-1
                                                          : (Xapian::doccount)enough;
    *at_least = xs_retrying(*h->db, [&] { return matches_at_least(*h->db, q->query, most); });
    return 0;
    SHIM_CATCH(err, -1)
}

char *xs_query_describe(const xs_query *q)
{
    try {
        return xs_dup_string(q->query.get_description());
    } catch (...) {
        return nullptr;
    }
}

xs_query *xs_query_value_map(unsigned slot, const char *const *keys,
                             const double *weights, size_t n,
                             double default_weight, xs_error *err)
{
    SHIM_TRY
    Xapian::ValueMapPostingSource *src = new Xapian::ValueMapPostingSource(slot);
    try {
        for (size_t i = 0; i < n; ++i) src->add_mapping(keys[i], weights[i]);
        src->set_default_weight(default_weight);
    } catch (...) {
        delete src;
        throw;
    }
    return new xs_query(Xapian::Query(src->release()));
    SHIM_CATCH(err, nullptr)
}

xs_query *xs_query_fixed_weight(double w, xs_error *err)
{
    SHIM_TRY
    Xapian::PostingSource *src = new Xapian::FixedWeightPostingSource(w);
    return new xs_query(Xapian::Query(src->release()));
    SHIM_CATCH(err, nullptr)
}

int xs_db_terms_with_prefix(xs_db *h, const char *prefix,
                            int (*fn)(void *ctx, const char *term, size_t len),
                            void *ctx, xs_error *err)
{
    SHIM_TRY
    // the terms are collected first, so a retry never calls FN twice
    std::vector<std::string> terms = xs_retrying(*h->db, [&] {
        std::vector<std::string> v;
        for (Xapian::TermIterator t = h->db->allterms_begin(prefix);
             t != h->db->allterms_end(prefix); ++t)
            v.push_back(*t);
        return v;
    });
    for (const std::string &term : terms)
        if (fn(ctx, term.data(), term.size())) break;
    return 0;
    SHIM_CATCH(err, -1)
}

static Xapian::Weight *make_weight(const xs_weighting *w)
{
    if (!w) return new Xapian::BM25Weight();
    switch (w->scheme) {
    case XS_W_BM25PLUS:
        return new Xapian::BM25PlusWeight(w->k1, 0, 1, w->b, w->min_normlen,
                                          w->delta);
    case XS_W_PL2:
        return new Xapian::PL2Weight(w->pl2_c);
    case XS_W_LM: {
        static const Xapian::Weight::type_smoothing kinds[] = {
            Xapian::Weight::JELINEK_MERCER_SMOOTHING,
            Xapian::Weight::DIRICHLET_SMOOTHING,
            Xapian::Weight::ABSOLUTE_DISCOUNT_SMOOTHING,
            Xapian::Weight::TWO_STAGE_SMOOTHING};
        int k = w->lm_smoothing >= 0 && w->lm_smoothing < 4 ? w->lm_smoothing : 3;
        return new Xapian::LMWeight(0.0, kinds[k], w->lm_param1, w->lm_param2);
    }
    case XS_W_TFIDF:
        return new Xapian::TfIdfWeight();
    case XS_W_BM25:
        break;
    }
    return new Xapian::BM25Weight(w->k1, 0, 1, w->b, w->min_normlen);
}

// Appends to M the values SPY counted: the MAX_VALUES most frequent, or
// every value (in byte order) for XS_COUNT_ALL.
static void keep_counts(const Xapian::ValueCountMatchSpy &spy,
                        unsigned max_values, xs_mset *m)
{
    m->counts.emplace_back();
    auto &out = m->counts.back();
    if (max_values == XS_COUNT_ALL) {
        for (Xapian::TermIterator t = spy.values_begin(); t != spy.values_end(); ++t)
            out.emplace_back(*t, t.get_termfreq());
    } else {
        for (Xapian::TermIterator t = spy.top_values_begin(max_values);
             t != spy.top_values_end(max_values); ++t)
            out.emplace_back(*t, t.get_termfreq());
    }
    m->count_totals.push_back(spy.get_total());
}

static xs_mset *run_search(xs_db *h, const xs_query *q, unsigned offset,
                           unsigned limit, unsigned check_at_least,
                           const xs_weighting *w, const xs_sort *sort,
                           unsigned collapse, const unsigned *slots, size_t n_slots,
                           const unsigned *max_values)
{
    std::unique_ptr<Xapian::Weight> weight(make_weight(w));
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Enquire enquire(*h->db);
            enquire.set_query(q->query);
            enquire.set_weighting_scheme(*weight);
            if (sort) enquire.set_sort_by_value_then_relevance(sort->slot, sort->reverse != 0);
            if (collapse != XS_NO_COLLAPSE) enquire.set_collapse_key(collapse);
            std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
            for (size_t k = 0; k < n_slots; ++k) {
                spies.emplace_back(new Xapian::ValueCountMatchSpy(slots[k]));
                enquire.add_matchspy(spies.back().get());
            }
            Xapian::doccount check = check_at_least == XS_CHECK_ALL
                                         ? h->db->get_doccount() : check_at_least;
            xs_mset *m = new xs_mset;
            m->db = *h->db;
            try {
                m->mset = enquire.get_mset(offset, limit, check);
                for (size_t k = 0; k < spies.size(); ++k)
                    keep_counts(*spies[k], max_values[k], m);
                for (Xapian::MSetIterator it = m->mset.begin();
                     it != m->mset.end(); ++it) {
                    m->docids.push_back(*it);
                    m->weights.push_back(it.get_weight());
                    m->collapsed.push_back(it.get_collapse_count());
                }
                size_t n = m->docids.size();
                m->data.resize(n);
                m->value.resize(n);
                m->have_data.assign(n, 0);
                m->have_value.assign(n, 0);
            } catch (...) {
                delete m;
                throw;
            }
            return m;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= xs_max_retries) throw;
            // let a burst of commits pass before reading again
            if (attempt >= 3)
                std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 20 ? attempt : 20));
            h->db->reopen();
        }
    }
}

xs_mset *xs_search(xs_db *h, const xs_query *q, unsigned offset,
                   unsigned limit, unsigned check_at_least,
                   const xs_weighting *w, const xs_sort *sort, unsigned collapse,
                   xs_error *err)
{
    SHIM_TRY
    return run_search(h, q, offset, limit, check_at_least, w, sort, collapse, nullptr, 0,
                      nullptr);
    SHIM_CATCH(err, nullptr)
}

xs_mset *xs_search_counting(xs_db *h, const xs_query *q, unsigned offset,
                            unsigned limit, const xs_weighting *w, const xs_sort *sort,
                            unsigned collapse, const unsigned *slots, size_t n_slots,
                            const unsigned *max_values, xs_error *err)
{
    SHIM_TRY
    // every match must be seen for the counts to be exact
    return run_search(h, q, offset, limit, XS_CHECK_ALL, w, sort, collapse, slots, n_slots,
                      max_values);
    SHIM_CATCH(err, nullptr)
}

size_t xs_mset_count_size(const xs_mset *m, size_t k)
{
    return k < m->counts.size() ? m->counts[k].size() : 0;
}

const char *xs_mset_count_value(const xs_mset *m, size_t k, size_t i,
                                unsigned long *freq)
{
    return xs_mset_count_value_len(m, k, i, nullptr, freq);
}

const char *xs_mset_count_value_len(const xs_mset *m, size_t k, size_t i,
                                    size_t *len, unsigned long *freq)
{
    if (k >= m->counts.size() || i >= m->counts[k].size()) return nullptr;
    if (freq) *freq = m->counts[k][i].second;
    if (len) *len = m->counts[k][i].first.size();
    return m->counts[k][i].first.c_str();
}

unsigned long xs_mset_count_total(const xs_mset *m, size_t k)
{
    return k < m->count_totals.size() ? m->count_totals[k] : 0;
}

int xs_count_with_term(xs_db *h, const xs_query *q, const char *term,
                       size_t term_len, unsigned long *count, xs_error *err)
{
    SHIM_TRY
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Enquire enquire(*h->db);
            enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q->query,
                                            Xapian::Query(std::string(term, term_len))));
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::MSet mset = enquire.get_mset(0, 0, h->db->get_doccount());
            *count = mset.get_matches_estimated();
            return 0;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= xs_max_retries) throw;
            h->db->reopen();
        }
    }
    SHIM_CATCH(err, -1)
}

void xs_mset_free(xs_mset *m)
{
    delete m;
}

unsigned xs_mset_size(const xs_mset *m)
{
    return static_cast<unsigned>(m->docids.size());
}

unsigned long xs_mset_estimate(const xs_mset *m)
{
    return m->mset.get_matches_estimated();
}

void xs_mset_bounds(const xs_mset *m, unsigned long *lower, unsigned long *upper)
{
    *lower = m->mset.get_matches_lower_bound();
    *upper = m->mset.get_matches_upper_bound();
}

void xs_mset_uncollapsed_bounds(const xs_mset *m, unsigned long *lower, unsigned long *upper)
{
    *lower = m->mset.get_uncollapsed_matches_lower_bound();
    *upper = m->mset.get_uncollapsed_matches_upper_bound();
}

unsigned xs_mset_docid(const xs_mset *m, unsigned i)
{
    return m->docids[i];
}

double xs_mset_weight(const xs_mset *m, unsigned i)
{
    return m->weights[i];
}

unsigned long xs_mset_collapse_count(const xs_mset *m, unsigned i)
{
    return i < m->collapsed.size() ? m->collapsed[i] : 0;
}

// Reads document I of M, from the latest revision when a writer has
// discarded the one the search read.
static Xapian::Document hit_document(xs_mset *m, unsigned i)
{
    for (int attempt = 0;; ++attempt) {
        try {
            return attempt ? m->db.get_document(m->docids[i]) : m->mset[i].get_document();
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= xs_max_retries) throw;
            m->db.reopen();
        }
    }
}

const char *xs_mset_data(xs_mset *m, unsigned i, size_t *len)
{
    try {
        if (!m->have_data[i]) {
            m->data[i] = hit_document(m, i).get_data();
            m->have_data[i] = 1;
        }
    } catch (...) {
        return nullptr;
    }
    if (len) *len = m->data[i].size();
    return m->data[i].c_str();
}

const char *xs_mset_value(xs_mset *m, unsigned i, unsigned slot, size_t *len)
{
    try {
        if (!m->have_value[i] || m->value_slot != slot) {
            if (m->value_slot != slot) m->have_value.assign(m->have_value.size(), 0);
            m->value_slot = slot;
            m->value[i] = hit_document(m, i).get_value(slot);
            m->have_value[i] = 1;
        }
    } catch (...) {
        return nullptr;
    }
    if (len) *len = m->value[i].size();
    return m->value[i].c_str();
}

} // extern "C"

// ---- access for the other shim files (xapian_shim_terms.cc) ---------------
// The Xapian database inside a handle, for C++ code of the shim only.
Xapian::Database *xs_db_xapian(xs_db *h)
{
    return h ? h->db : nullptr;
}

xs_spelling_changes *xs_db_spelling_changes(xs_db *h)
{
    return h && h->wdb ? &h->spelling : nullptr;
}

// The Xapian document inside a handle.
const Xapian::Document &xs_doc_xapian(const xs_doc *d)
{
    return d->doc;
}
// ---- end of access for the other shim files ---------------------------------
