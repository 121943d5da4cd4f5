// xapian_shim_terms.cc - see xapian_shim_terms.h.
#include "xapian_shim_terms.h"
#include "xapian_shim_internal.h"
#include "xapian_shim_query.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

struct term_entry {
    std::string term;
    unsigned long termfreq, collfreq;
};

extern "C" {

int xs_terms_each(xs_db *h, const char *prefix,
                  int (*fn)(void *ctx, const char *term, size_t len,
                            unsigned long termfreq, unsigned long collfreq),
                  void *ctx, xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::vector<term_entry> terms = xs_retrying(*db, [&] {
        std::vector<term_entry> v;
        for (Xapian::TermIterator t = db->allterms_begin(prefix);
             t != db->allterms_end(prefix); ++t) {
            std::string term = *t;
            unsigned long cf = db->get_collection_freq(term);
            v.push_back(term_entry{term, t.get_termfreq(), cf});
        }
        return v;
    });
    for (const term_entry &e : terms)
        if (fn(ctx, e.term.data(), e.term.size(), e.termfreq, e.collfreq)) break;
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_terms_shared(xs_db *h, const char *prefix,
                    int (*fn)(void *ctx, const unsigned *docids, size_t n), void *ctx,
                    xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::vector<std::vector<unsigned>> lists = xs_retrying(*db, [&] {
        std::vector<std::vector<unsigned>> v;
        for (Xapian::TermIterator t = db->allterms_begin(prefix);
             t != db->allterms_end(prefix); ++t) {
            if (t.get_termfreq() < 2) continue;
            std::vector<unsigned> docs;
            for (Xapian::PostingIterator p = db->postlist_begin(*t); p != db->postlist_end(*t);
                 ++p)
                docs.push_back(*p);
            v.push_back(std::move(docs));
        }
        return v;
    });
    for (const std::vector<unsigned> &docs : lists)
        if (fn(ctx, docs.data(), docs.size())) break;
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_doc_values(xs_db *h, unsigned docid, const unsigned *slots, size_t n_slots,
                  int (*fn)(void *ctx, const char *const *values, const size_t *lens),
                  void *ctx, xs_error *err)
{
    XS_SHIM_TRY
    if (n_slots > XS_POSTING_SLOTS_MAX) n_slots = XS_POSTING_SLOTS_MAX;
    Xapian::Database *db = xs_db_xapian(h);
    std::vector<std::string> got = xs_retrying(*db, [&] {
        // a posting list gave DOCID: no lookup of its own to prove it is there
        Xapian::Document doc = db->get_document(docid, Xapian::DOC_ASSUME_VALID);
        std::vector<std::string> v;
        for (size_t k = 0; k < n_slots; ++k) v.push_back(doc.get_value(slots[k]));
        return v;
    });
    const char *values[XS_POSTING_SLOTS_MAX];
    size_t lens[XS_POSTING_SLOTS_MAX];
    for (size_t k = 0; k < n_slots; ++k) {
        values[k] = got[k].c_str();
        lens[k] = got[k].size();
    }
    fn(ctx, values, lens);
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_term_docs(xs_db *h, const char *term, size_t len, unsigned *docids,
                 size_t max, size_t *n, xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::string t(term, len);
    *n = xs_retrying(*db, [&] {
        size_t k = 0;
        for (Xapian::PostingIterator p = db->postlist_begin(t);
             k < max && p != db->postlist_end(t); ++p)
            docids[k++] = *p;
        return k;
    });
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_doc_data(xs_db *h, unsigned docid, char **data, size_t *len,
                xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    std::string d = xs_retrying(*db, [&] { return db->get_document(docid).get_data(); });
    char *p = xs_dup_string(d);
    if (!p) throw std::bad_alloc();
    *data = p;
    if (len) *len = d.size();
    return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_query_count(xs_db *h, const xs_query *q, unsigned long *count,
                   xs_error *err)
{
    XS_SHIM_TRY
    Xapian::Database *db = xs_db_xapian(h);
    *count = xs_retrying(*db, [&] {
        Xapian::Enquire enquire(*db);
        enquire.set_query(q->query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet mset = enquire.get_mset(0, 0, db->get_doccount());
        return (unsigned long)mset.get_matches_estimated();
    });
    return 0;
    XS_SHIM_CATCH(err, -1)
}

} // extern "C"
