/* xapian_shim_spelling.h - Xapian's spelling data: built from the
 * vocabulary, asked for corrections.
 *
 * The rules of xapian_shim.h hold: no C++ exception crosses this
 * interface, failures return -1 with ERR set.
 *
 * Xapian 1.4 keeps spelling data per database. Searching a stub of local
 * shards merges the shards' data (their frequencies add up), so every
 * writer keeps the data of its own shards; over the remote backend
 * Xapian 1.4 gives no suggestions at all.
 */
#ifndef XAPNEWS_XAPIAN_SHIM_SPELLING_H
#define XAPNEWS_XAPIAN_SHIM_SPELLING_H

#include <stddef.h>

#include "xapian_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writers keep Xapian's spelling data equal to the unprefixed alphabetic
 * word terms of their database (lower-case letters, alphabets of two-byte
 * UTF-8 characters, 2 to 40 bytes; no numbers, no CJK n-grams), each with
 * the number of documents holding it, so Database::get_spelling_suggestion()
 * works for any Xapian client. The cost follows what is written, never the
 * vocabulary of a database written to before:
 *   - a writer of a database that was empty when opened counts the data
 *     from the vocabulary at its first xs_db_commit() or its close (one
 *     walk of what it wrote, in word order; the batch commits of
 *     xs_db_commit_holding_spelling() set XS_SPELLING_BEHIND_KEY until
 *     then). xs_db_spelling_per_document() tells when that is so.
 *   - otherwise documents are counted one at a time: the calls below count
 *     each word's change in the handle, and the next xs_db_commit() or
 *     xs_db_close() gives the changes to Xapian in word order (each block
 *     of the spelling table is then read once per batch, not once per
 *     word).
 * Either way the writer's own suggestions see them after a commit. The
 * calls fail with XS_INVALID for a reader. */

/** Whether writer DB counts the spelling words of each document it adds
 *  (xs_spelling_counts_add_doc()); 0 while it will count them from its
 *  vocabulary instead, and for a reader. */
int xs_db_spelling_per_document(xs_db *db);

/* The words of documents about to be added, counted apart from the
 * database (the writer's analysing thread counts while its storing thread
 * writes), then handed to it with xs_db_spelling_take(). */
typedef struct xs_spelling_counts xs_spelling_counts;

/** New empty counts (free with xs_spelling_counts_free()), or NULL when
 *  memory runs out. */
xs_spelling_counts *xs_spelling_counts_new(void);
void xs_spelling_counts_free(xs_spelling_counts *counts);

/** Counts once each spelling word of DOC, a document about to be added to
 *  a database (or to replace another through xs_db_replace_counted()). */
int xs_spelling_counts_add_doc(xs_spelling_counts *counts, const xs_doc *doc, xs_error *err);

/** Adds COUNTS to DB's changes, to be given to Xapian at its next commit,
 *  and empties COUNTS. */
int xs_db_spelling_take(xs_db *db, xs_spelling_counts *counts, xs_error *err);

/** The user metadata key a writer sets, in the commits it makes through
 *  xs_db_commit_holding_spelling(), while it holds spelling changes back;
 *  its next other commit or its close clears it. A writer opening a
 *  database with the key set (its last writer was killed before closing)
 *  first recounts the spelling data from the vocabulary, which reads the
 *  whole vocabulary once, and commits. */
#define XS_SPELLING_BEHIND_KEY "xapnews:spelling-behind"

/** The most words whose changes xs_db_commit_holding_spelling() holds
 *  back: at this many it gives them to Xapian. */
#define XS_SPELLING_HELD_MAX 262144

/** Commits DB's documents (and all else) as xs_db_commit() does, but
 *  holds the spelling changes back in the handle while they name fewer
 *  than XS_SPELLING_HELD_MAX words, for a later commit or the close to
 *  give to Xapian in one merge. Xapian rewrites, compressed, every entry
 *  of the spelling table a merge touches, so merging at each of a large
 *  build's commits costs it several percent of its time. Other clients
 *  see the held-back words at that later commit. */
int xs_db_commit_holding_spelling(xs_db *db, xs_error *err);

/** Replaces the documents of DB indexed by the LEN-byte UNIQUE_TERM by
 *  DOC, as xs_db_replace() does (DOC is added when none is; it stays the
 *  caller's), looking the term up once: first takes away once each
 *  spelling word of each document replaced (when DB counts per document),
 *  and sets *OLD (malloc'd, caller frees; NULL with *OLD_LEN 0 when there
 *  was no document or no value) to the value in SLOT of the first of them. */
int xs_db_replace_counted(xs_db *db, const char *unique_term, size_t len, const xs_doc *doc,
                          unsigned slot, char **old, size_t *old_len, xs_error *err);

/** The most frequent word of DB's spelling data within MAX_EDITS edits of
 *  WORD (Xapian's get_spelling_suggestion), "" when there is none: *OUT is
 *  malloc'd (caller frees). */
int xs_db_spelling_suggestion(xs_db *db, const char *word, unsigned max_edits,
                              char **out, xs_error *err);

/** The frequency of WORD in DB's spelling data (the number of documents
 *  holding it; 0 for a word it lacks) into *FREQ. */
int xs_db_spelling_frequency(xs_db *db, const char *word, unsigned long *freq, xs_error *err);

#ifdef __cplusplus
}
#endif

#endif
