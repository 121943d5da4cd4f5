// xapian_shim_expand.cc - see xapian_shim_expand.h.
#include "xapian_shim_expand.h"
#include "xapian_shim_internal.h"

#include <xapian.h>

#include <cstdlib>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace {

// The word terms a "more like this" query may use (xapian_shim_expand.h).
class WordTerms : public Xapian::ExpandDecider {
    const Xapian::Database &db;
    Xapian::doccount n_rset;

  public:
    WordTerms(const Xapian::Database &d, Xapian::doccount n) : db(d), n_rset(n) {}

    bool operator()(const std::string &term) const override
    {
        if (term.empty()) return false;
        unsigned char c = static_cast<unsigned char>(term[0]);
        if (c >= 'A' && c <= 'Z') return false; // a prefix: stems, fields, filters
        if (term.find_first_of(":#") != std::string::npos) return false;
        return db.get_termfreq(term) > n_rset; // found elsewhere too
    }
};

} // namespace

extern "C" {

int xs_expand_terms(xs_db *h, const unsigned *docids, size_t n, unsigned max_terms,
                    int (*fn)(void *ctx, const char *term, size_t len, double weight),
                    void *ctx, xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::vector<std::pair<std::string, double>> terms = xs_retrying(*db, [&] {
        Xapian::RSet rset;
        for (size_t i = 0; i < n; i++) {
            db->get_document(docids[i]); // throws DocNotFoundError
            rset.add_document(docids[i]);
        }
        std::vector<std::pair<std::string, double>> v;
        if (rset.empty() || max_terms == 0) return v;
        Xapian::Enquire enquire(*db);
        WordTerms decider(*db, static_cast<Xapian::doccount>(rset.size()));
        // exact term frequencies: over shards Xapian otherwise estimates
        // them, and a sharded index would pick other words than the same
        // index in one database
        Xapian::ESet eset = enquire.get_eset(max_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
                                             &decider);
        for (Xapian::ESetIterator e = eset.begin(); e != eset.end(); ++e)
            v.emplace_back(*e, e.get_weight());
        return v;
    });
    for (const auto &t : terms)
        if (fn(ctx, t.first.data(), t.first.size(), t.second)) break;
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_doc_value(xs_db *h, unsigned docid, unsigned slot, char **value, size_t *len,
                 xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::string v = xs_retrying(*db, [&] { return db->get_document(docid).get_value(slot); });
    char *p = xs_dup_string(v);
    if (!p) throw std::bad_alloc();
    *value = p;
    if (len) *len = v.size();
    return 0;
    XS_SHIM_CATCH(err, -1)
}

} // extern "C"
