// xapian_shim_spelling.cc - see xapian_shim_spelling.h.

#include "xapian_shim_spelling.h"
#include "xapian_shim_internal.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace {

// Whether TERM is a word the spelling data should know: unprefixed, made
// of lower-case ASCII letters and characters of two-byte UTF-8 sequences
// (Greek, Cyrillic, ...), at least two bytes long.
bool spelling_word(const std::string &term)
{
    if (term.size() < 2 || term.size() > 40) return false;
    for (unsigned char c : term)
        if (!((c >= 'a' && c <= 'z') || (c >= 0x80 && c < 0xe0))) return false;
    return true;
}

// The writer inside H, or nullptr (and ERR set) for a reader.
Xapian::WritableDatabase *writer_of(xs_db *h, xs_error *err)
{
    Xapian::WritableDatabase *wdb = dynamic_cast<Xapian::WritableDatabase *>(xs_db_xapian(h));
    if (!wdb) xs_fail(err, XS_INVALID, "spelling data can only be written through a writer");
    return wdb;
}

} // namespace

extern "C" {

int xs_db_spelling_add_doc(xs_db *h, const xs_doc *doc, xs_error *err)
{
    XS_SHIM_TRY
        Xapian::WritableDatabase *wdb = writer_of(h, err);
        if (!wdb) return -1;
        const Xapian::Document &d = xs_doc_xapian(doc);
        Xapian::TermIterator t = d.termlist_begin();
        // unprefixed words start with a lower-case letter or a UTF-8 byte:
        // everything before "a" is a number or has a capital prefix
        t.skip_to("a");
        for (; t != d.termlist_end(); ++t) {
            const std::string term = *t;
            if (spelling_word(term)) wdb->add_spelling(term, 1);
        }
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_spelling_forget(xs_db *h, const char *unique_term, size_t len, xs_error *err)
{
    XS_SHIM_TRY
        Xapian::WritableDatabase *wdb = writer_of(h, err);
        if (!wdb) return -1;
        const std::string key(unique_term, len);
        for (Xapian::PostingIterator p = wdb->postlist_begin(key); p != wdb->postlist_end(key);
             ++p) {
            Xapian::TermIterator t = wdb->termlist_begin(*p);
            t.skip_to("a");
            for (; t != wdb->termlist_end(*p); ++t) {
                const std::string term = *t;
                if (spelling_word(term)) wdb->remove_spelling(term, 1);
            }
        }
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_spelling_suggestion(xs_db *h, const char *word, unsigned max_edits,
                              char **out, xs_error *err)
{
    *out = nullptr;
    XS_SHIM_TRY
        Xapian::Database *db = xs_db_xapian(h);
        std::string s =
            xs_retrying(*db, [&] { return db->get_spelling_suggestion(word, max_edits); });
        char *p = xs_dup_string(s);
        if (!p) {
            xs_fail(err, XS_NO_MEMORY, "out of memory");
            return -1;
        }
        *out = p;
        return 0;
    XS_SHIM_CATCH(err, -1)
}

} // extern "C"
