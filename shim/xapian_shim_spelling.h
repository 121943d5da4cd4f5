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

/** Writers: commits, then makes Xapian's spelling data hold exactly the
 *  unprefixed alphabetic word terms of DB (lower-case letters, alphabets
 *  of two-byte UTF-8 characters; no numbers, no CJK n-grams), each with
 *  the number of documents holding it, so Database::get_spelling_suggestion()
 *  works for any Xapian client. One walk over the words and the spelling
 *  list: O(vocabulary), whatever was indexed. Words no document holds any
 *  more leave the spelling data. Fails with XS_INVALID for a reader. */
int xs_db_sync_spelling(xs_db *db, xs_error *err);

/** The most frequent word of DB's spelling data within MAX_EDITS edits of
 *  WORD (Xapian's get_spelling_suggestion), "" when there is none: *OUT is
 *  malloc'd (caller frees). */
int xs_db_spelling_suggestion(xs_db *db, const char *word, unsigned max_edits,
                              char **out, xs_error *err);

#ifdef __cplusplus
}
#endif

#endif
