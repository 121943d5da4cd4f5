// xapian_shim_spelling.cc - see xapian_shim_spelling.h.

#include "xapian_shim_spelling.h"
#include "xapian_shim_internal.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <algorithm>
#include <string>
#include <unordered_map>
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

// Gives WDB's spelling data the CHANGES (word: documents gained, < 0 lost).
void give_spelling(Xapian::WritableDatabase &wdb,
                   const std::vector<std::pair<std::string, long>> &changes)
{
    for (const auto &c : changes) {
        if (c.second > 0) wdb.add_spelling(c.first, (Xapian::termcount)c.second);
        if (c.second < 0) wdb.remove_spelling(c.first, (Xapian::termcount)-c.second);
    }
}

// The pending spelling changes of writer H, or nullptr (and ERR set).
std::unordered_map<std::string, long> *changes_of(xs_db *h, xs_error *err)
{
    return writer_of(h, err) ? &xs_db_spelling_changes(h)->words : nullptr;
}

// Calls OP(word) for each spelling word of the termlist from T to END.
// Unprefixed words start with a lower-case letter or a UTF-8 byte:
// everything before "a" is a number or has a capital prefix.
template <typename Op>
void each_spelling_word(Xapian::TermIterator t, const Xapian::TermIterator &end, Op op)
{
    t.skip_to("a");
    for (; t != end; ++t) {
        const std::string term = *t;
        if (spelling_word(term)) op(term);
    }
}

// Gives WDB's spelling data the differences between it and the spelling
// words of WDB's vocabulary with their term frequencies (pending changes
// to the documents included: Xapian flushes them for the walk). Reads
// the whole vocabulary and the whole spelling table once, both in word
// order.
void count_from_vocabulary(Xapian::WritableDatabase &wdb)
{
    std::vector<std::pair<std::string, long>> differ;
    Xapian::TermIterator t = wdb.allterms_begin(), t_end = wdb.allterms_end();
    Xapian::TermIterator s = wdb.spellings_begin(), s_end = wdb.spellings_end();
    t.skip_to("a");
    auto next_word = [&] {
        while (t != t_end && !spelling_word(*t)) ++t;
    };
    for (next_word(); t != t_end || s != s_end;) {
        int cmp = t == t_end ? 1 : s == s_end ? -1 : (*t).compare(*s);
        if (cmp <= 0) {
            long have = cmp == 0 ? (long)s.get_termfreq() : 0;
            if ((long)t.get_termfreq() != have)
                differ.emplace_back(*t, (long)t.get_termfreq() - have);
            ++t;
            next_word();
        } else {
            differ.emplace_back(*s, -(long)s.get_termfreq());
        }
        if (cmp >= 0) ++s;
    }
    give_spelling(wdb, differ);
}

} // namespace

void xs_db_spelling_start(xs_db *h)
{
    xs_spelling_changes *changes = xs_db_spelling_changes(h);
    Xapian::WritableDatabase *wdb = writer_of(h, nullptr);
    if (changes && wdb) changes->from_vocabulary = wdb->get_doccount() == 0;
}

void xs_db_spelling_flush(xs_db *h)
{
    xs_spelling_changes *changes = xs_db_spelling_changes(h);
    if (!changes) return;
    Xapian::WritableDatabase *wdb = writer_of(h, nullptr);
    if (!wdb) return;
    if (changes->from_vocabulary) {
        // the vocabulary is what this writer wrote: one walk of it in
        // word order takes the place of counting each document's words
        changes->words.clear();
        count_from_vocabulary(*wdb);
        changes->from_vocabulary = false;
    } else {
        // taken out first: a failure part way loses the batch, never
        // counts twice (and leaves the key set, so the next writer recounts)
        std::unordered_map<std::string, long> pending;
        pending.swap(changes->words);
        std::vector<std::pair<std::string, long>> sorted(pending.begin(), pending.end());
        std::sort(sorted.begin(), sorted.end());
        give_spelling(*wdb, sorted);
    }
    if (changes->marked_behind) {
        wdb->set_metadata(XS_SPELLING_BEHIND_KEY, "");
        changes->marked_behind = false;
    }
}

void xs_db_spelling_recount(xs_db *h)
{
    Xapian::WritableDatabase *wdb = writer_of(h, nullptr);
    if (!wdb) return;
    count_from_vocabulary(*wdb);
    wdb->set_metadata(XS_SPELLING_BEHIND_KEY, "");
    wdb->commit();
}

extern "C" {

struct xs_spelling_counts {
    std::unordered_map<std::string, long> words;
};

xs_spelling_counts *xs_spelling_counts_new(void)
{
    return new (std::nothrow) xs_spelling_counts;
}

void xs_spelling_counts_free(xs_spelling_counts *counts)
{
    delete counts;
}

int xs_db_spelling_per_document(xs_db *h)
{
    xs_spelling_changes *changes = xs_db_spelling_changes(h);
    return changes && !changes->from_vocabulary;
}

int xs_spelling_counts_add_doc(xs_spelling_counts *counts, const xs_doc *doc, xs_error *err)
{
    XS_SHIM_TRY
        const Xapian::Document &d = xs_doc_xapian(doc);
        each_spelling_word(d.termlist_begin(), d.termlist_end(),
                           [&](const std::string &w) { ++counts->words[w]; });
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_spelling_take(xs_db *h, xs_spelling_counts *counts, xs_error *err)
{
    XS_SHIM_TRY
        std::unordered_map<std::string, long> *changes = changes_of(h, err);
        if (!changes) return -1;
        if (changes->empty()) {
            changes->swap(counts->words);
        } else {
            for (const auto &c : counts->words) (*changes)[c.first] += c.second;
        }
        counts->words.clear();
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_commit_holding_spelling(xs_db *h, xs_error *err)
{
    XS_SHIM_TRY
        Xapian::WritableDatabase *wdb = writer_of(h, err);
        if (!wdb) return -1;
        xs_spelling_changes &held = *xs_db_spelling_changes(h);
        if (held.words.size() >= XS_SPELLING_HELD_MAX && !held.from_vocabulary) {
            xs_db_spelling_flush(h);
        } else if ((held.from_vocabulary || !held.words.empty()) && !held.marked_behind) {
            wdb->set_metadata(XS_SPELLING_BEHIND_KEY, "1");
            held.marked_behind = true;
        }
        wdb->commit();
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_replace_counted(xs_db *h, const char *unique_term, size_t len, const xs_doc *doc,
                          unsigned slot, char **old, size_t *old_len, xs_error *err)
{
    *old = nullptr;
    *old_len = 0;
    XS_SHIM_TRY
        Xapian::WritableDatabase *wdb = writer_of(h, err);
        if (!wdb) return -1;
        std::unordered_map<std::string, long> &changes = xs_db_spelling_changes(h)->words;
        const std::string key(unique_term, len);
        std::vector<Xapian::docid> replaced;
        for (Xapian::PostingIterator p = wdb->postlist_begin(key); p != wdb->postlist_end(key);
             ++p)
            replaced.push_back(*p);
        const Xapian::Document &d = xs_doc_xapian(doc);
        if (replaced.empty()) {
            wdb->add_document(d);
            return 0;
        }
        std::string value = wdb->get_document(replaced[0], Xapian::DOC_ASSUME_VALID).get_value(slot);
        if (!xs_db_spelling_changes(h)->from_vocabulary)
            for (Xapian::docid id : replaced)
                each_spelling_word(wdb->termlist_begin(id), wdb->termlist_end(id),
                                   [&](const std::string &w) { --changes[w]; });
        // as replace_document(term, doc): the first is replaced, the others go
        wdb->replace_document(replaced[0], d);
        for (size_t i = 1; i < replaced.size(); ++i) wdb->delete_document(replaced[i]);
        if (!value.empty()) {
            char *copy = xs_dup_string(value);
            if (!copy) throw std::bad_alloc();
            *old = copy;
            *old_len = value.size();
        }
        return 0;
    XS_SHIM_CATCH(err, -1)
}

int xs_db_spelling_frequency(xs_db *h, const char *word, unsigned long *freq, xs_error *err)
{
    *freq = 0;
    XS_SHIM_TRY
        Xapian::Database *db = xs_db_xapian(h);
        const std::string w(word);
        *freq = xs_retrying(*db, [&] {
            Xapian::TermIterator s = db->spellings_begin();
            s.skip_to(w);
            return s != db->spellings_end() && *s == w ? (unsigned long)s.get_termfreq() : 0ul;
        });
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
