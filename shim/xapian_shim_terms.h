/* xapian_shim_terms.h - reading a database's vocabulary and documents.
 *
 * The part of the shim that walks every term of a database with its
 * frequencies, lists the documents of a term, reads a document's data and
 * counts the documents a query matches, for the tools that mine an index
 * (plugin/discovery/suggest.h). The rules of xapian_shim.h hold: no C++ exception
 * crosses this interface, failures return -1 with ERR set, and every
 * function retries after reopening when a writer discarded the revision
 * being read.
 */
#ifndef XAPNEWS_XAPIAN_SHIM_TERMS_H
#define XAPNEWS_XAPIAN_SHIM_TERMS_H

#include <stddef.h>

#include "xapian_shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Calls FN with every term of DB starting with PREFIX ("" for all), in
 *  order, with the number of documents holding it (TERMFREQ) and its
 *  number of occurrences (COLLFREQ). A non-zero return from FN stops the
 *  walk. The terms are read first, so FN never sees a term twice. */
int xs_terms_each(xs_db *db, const char *prefix,
                  int (*fn)(void *ctx, const char *term, size_t len,
                            unsigned long termfreq, unsigned long collfreq),
                  void *ctx, xs_error *err);

/** Calls FN with the documents (by id, ascending) of each term of DB
 *  starting with PREFIX that at least two documents hold, term by term in
 *  order. DOCIDS is valid during the call only; a non-zero return from FN
 *  stops the walk. */
int xs_terms_shared(xs_db *db, const char *prefix,
                    int (*fn)(void *ctx, const unsigned *docids, size_t n), void *ctx,
                    xs_error *err);

/** Calls FN(CTX, VALUES, LENS) once with the values of the N_SLOTS SLOTS
 *  (at most XS_POSTING_SLOTS_MAX; a value the document lacks is "") of
 *  document DOCID, a document of DB as its posting lists give them: it is
 *  not looked up first (a B-tree read of its own), so a missing document
 *  reads as one with no values. */
int xs_doc_values(xs_db *db, unsigned docid, const unsigned *slots, size_t n_slots,
                  int (*fn)(void *ctx, const char *const *values, const size_t *lens),
                  void *ctx, xs_error *err);

/** Writes to DOCIDS (room for MAX) the first documents (by id) holding
 *  TERM and sets *N to their number (0 when the term is absent). */
int xs_term_docs(xs_db *db, const char *term, size_t len, unsigned *docids,
                 size_t max, size_t *n, xs_error *err);

/** The data of document DOCID: *DATA is malloc'd (caller frees) and NUL
 *  terminated. A missing document fails with XS_NOT_FOUND. */
int xs_doc_data(xs_db *db, unsigned docid, char **data, size_t *len,
                xs_error *err);

/** The exact number of documents matching Q. */
int xs_query_count(xs_db *db, const xs_query *q, unsigned long *count,
                   xs_error *err);

#ifdef __cplusplus
}
#endif

#endif
