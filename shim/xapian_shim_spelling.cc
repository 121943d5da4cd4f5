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

} // namespace

extern "C" {

int xs_db_sync_spelling(xs_db *h, xs_error *err)
{
    XS_SHIM_TRY
        Xapian::WritableDatabase *wdb =
            dynamic_cast<Xapian::WritableDatabase *>(xs_db_xapian(h));
        if (!wdb) {
            xs_fail(err, XS_INVALID, "spelling data can only be written through a writer");
            return -1;
        }
        wdb->commit(); // the vocabulary as the documents now have it
        std::vector<std::pair<std::string, Xapian::doccount>> old;
        for (Xapian::TermIterator s = wdb->spellings_begin(); s != wdb->spellings_end(); ++s)
            old.emplace_back(*s, s.get_termfreq());
        size_t k = 0;
        Xapian::TermIterator t = wdb->allterms_begin();
        // unprefixed words start with a lower-case letter or a UTF-8 byte:
        // everything before "a" is a number or has a capital prefix
        t.skip_to("a");
        for (; t != wdb->allterms_end(); ++t) {
            const std::string term = *t;
            if (!spelling_word(term)) continue;
            Xapian::doccount want = t.get_termfreq();
            while (k < old.size() && old[k].first < term) {
                wdb->remove_spelling(old[k].first, old[k].second);
                ++k;
            }
            Xapian::doccount have = 0;
            if (k < old.size() && old[k].first == term) have = old[k++].second;
            if (want > have) wdb->add_spelling(term, want - have);
            else if (want < have) wdb->remove_spelling(term, have - want);
        }
        for (; k < old.size(); ++k) wdb->remove_spelling(old[k].first, old[k].second);
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
