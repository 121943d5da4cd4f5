/* xapian_shim_expand.h - "more like this": the terms that best describe
 * a set of documents, from Xapian's relevance feedback.
 *
 * Xapian::Enquire::get_eset() with an RSet of the given documents ranks
 * every term they hold by how much more often it occurs in them than in
 * the rest of the database (Xapian's ExpandWeight); a "more like this"
 * search is then an OR of the best of them, as Omega's similar and
 * MORELIKE do. The rules of xapian_shim.h hold: no C++ exception crosses
 * this interface, failures return -1 with ERR set, and every function
 * retries after reopening when a writer discarded the revision being
 * read.
 */
#ifndef XAPNEWS_XAPIAN_SHIM_EXPAND_H
#define XAPNEWS_XAPIAN_SHIM_EXPAND_H

#include <stddef.h>

#include "xapian_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Calls FN with the best MAX_TERMS expand terms of the N documents
 *  DOCIDS, best first, each with its ExpandWeight (a non-zero return
 *  from FN stops the calls). Only the index's word terms are offered:
 *  unprefixed terms (the text's own words, which hold the title's words
 *  too) that are not amounts or values ("usd:1130000000", holding ':')
 *  or hashed long words ('#'), and that some document outside DOCIDS
 *  holds (a term only they hold can find nothing else). Prefixed terms
 *  (stems Z, title S, boolean Q D M Y X...) are left out: a stem would
 *  count its word's evidence twice, and the boolean terms are filters,
 *  not content. Term frequencies are exact over shards too
 *  (Enquire::USE_EXACT_TERMFREQ), so a sharded database (local or remote)
 *  gives the terms the same documents in one database give. A DOCIDS
 *  entry the database does not hold fails with XS_NOT_FOUND. */
int xs_expand_terms(xs_db *db, const unsigned *docids, size_t n, unsigned max_terms,
                    int (*fn)(void *ctx, const char *term, size_t len, double weight),
                    void *ctx, xs_error *err);

/** The value in SLOT of document DOCID: *VALUE is malloc'd (caller frees)
 *  and NUL terminated, "" with *LEN 0 when the document has none. A
 *  missing document fails with XS_NOT_FOUND. */
int xs_doc_value(xs_db *db, unsigned docid, unsigned slot, char **value, size_t *len,
                 xs_error *err);

#ifdef __cplusplus
}
#endif

#endif
