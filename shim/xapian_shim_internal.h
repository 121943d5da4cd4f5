// xapian_shim_internal.h - what the shim's C++ files share: error
// reporting, the exception barrier and the database inside a handle.
// C++ only, not installed.
#ifndef XAPNEWS_XAPIAN_SHIM_INTERNAL_H
#define XAPNEWS_XAPIAN_SHIM_INTERNAL_H

#include "xapian_shim.h"

#include <xapian.h>

#include <new>
#include <string>
#include <unordered_map>

/** Sets ERR (may be NULL) to CODE with message MSG. */
void xs_fail(xs_error *err, xs_code code, const std::string &msg);

/** Sets ERR (may be NULL) from a Xapian exception: the code its class
 *  maps to, its message, context and system error. */
void xs_fail_xapian(xs_error *err, const Xapian::Error &e);

/** How often a reader whose revision a writer has discarded reopens and
 *  tries again; a writer committing every few milliseconds can need
 *  several tries. */
const int xs_max_retries = 100;

/** A malloc'd, NUL-terminated copy of S (which may hold NULs), or NULL
 *  when memory runs out. */
char *xs_dup_string(const std::string &s);

/** The Xapian database inside handle H (owned by H). */
Xapian::Database *xs_db_xapian(xs_db *h);

/** A writer's spelling changes not yet given to Xapian. */
struct xs_spelling_changes {
    std::unordered_map<std::string, long> words; // documents gained (< 0: lost)
    bool marked_behind = false; // XS_SPELLING_BEHIND_KEY is set in the writer's changes
    // the database was empty when opened and the writer has not committed
    // on its caller's word since: its first such commit (or its close)
    // counts the spelling data from the vocabulary, and documents are
    // counted one by one from then on (xs_db_spelling_per_document())
    bool from_vocabulary = false;
};

/** H's spelling changes, owned by H; NULL for a reader. */
xs_spelling_changes *xs_db_spelling_changes(xs_db *h);

/** Gives Xapian H's spelling changes in word order, so that each block of
 *  the spelling table is read once per batch, and clears the database's
 *  XS_SPELLING_BEHIND_KEY if H set it (xapian_shim_spelling.cc); for a
 *  writer of a database that was empty (from_vocabulary), counts the
 *  spelling data from the vocabulary instead, once. Called before every
 *  commit and close but those xs_db_commit_holding_spelling() makes;
 *  throws as Xapian does. */
void xs_db_spelling_flush(xs_db *h);

/** Notes whether writer H's database is empty, just opened: its writer
 *  then counts the spelling data from the vocabulary at its first commit
 *  (from_vocabulary). Throws as Xapian does. */
void xs_db_spelling_start(xs_db *h);

/** Makes the spelling data of writer H equal to the spelling words of
 *  its vocabulary and their term frequencies again, clears
 *  XS_SPELLING_BEHIND_KEY and commits: for a database a writer left with
 *  spelling changes held back (killed before its close). Reads the whole
 *  vocabulary; throws as Xapian does. */
void xs_db_spelling_recount(xs_db *h);

/** The Xapian document inside handle D (owned by D). */
const Xapian::Document &xs_doc_xapian(const xs_doc *d);

/** Runs OP, reopening DB and trying again (xs_max_retries times at most)
 *  when a writer discarded the revision being read. */
template <typename Op>
auto xs_retrying(Xapian::Database &db, Op op) -> decltype(op())
{
    for (int attempt = 0;; ++attempt) {
        try {
            return op();
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= xs_max_retries) throw;
            db.reopen();
        }
    }
}

// The exception barrier of every extern "C" entry point: no C++ exception
// crosses into C; each becomes ERR and the function returns FAILVAL.
#define XS_SHIM_TRY try {
#define XS_SHIM_CATCH(err, failval)                                         \
    }                                                                       \
    catch (const Xapian::Error &e) {                                        \
        xs_fail_xapian((err), e);                                           \
        return failval;                                                     \
    }                                                                       \
    catch (const std::bad_alloc &) {                                        \
        xs_fail((err), XS_NO_MEMORY, "out of memory");                      \
        return failval;                                                     \
    }                                                                       \
    catch (const std::exception &e) {                                       \
        xs_fail((err), XS_OTHER, e.what());                                 \
        return failval;                                                     \
    }                                                                       \
    catch (...) {                                                           \
        xs_fail((err), XS_OTHER, "unknown C++ exception");                  \
        return failval;                                                     \
    }

#endif
