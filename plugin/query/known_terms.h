/* known_terms.h - the terms a database holds under a few small prefixes,
 * kept in memory so a query leaves out the ones it does not hold.
 *
 * The default profile searches each word in the officials' names (XO) and
 * the outlet's name (XU) besides the text. Few words are either, yet each
 * term the matcher opens costs a lookup in the database's B-tree. The
 * words under these prefixes number in the hundreds, so the builder
 * (query_builder.h) checks them here and searches only those the database
 * holds: the results are the same, a term no article holds matching
 * nothing and weighing nothing.
 *
 * A set is read once from the database and owned by the caller; it is a
 * snapshot (drop it when the database is reopened).
 */
#ifndef XAPNEWS_KNOWN_TERMS_H
#define XAPNEWS_KNOWN_TERMS_H

#include "error.h"
#include "xapian_shim.h"

#include <stddef.h>

typedef struct xn_known_terms xn_known_terms;

/* A database with more terms than this under the prefixes is not read:
 * no set, and every term is searched. */
#define XN_KNOWN_TERMS_MAX 100000

/** Reads the terms of DB under each of the N PREFIXES (given in full,
 *  such as "ZXO"; a longer prefix starting with another, such as "XO" and
 *  "XOFFICIAL:", is read with it). *OUT is the set, or NULL when there are
 *  more than XN_KNOWN_TERMS_MAX of them. Returns 0, or -1 with ERR set. */
int xn_known_terms_load(xs_db *db, const char *const *prefixes, size_t n,
                        xn_known_terms **out, xn_error *err);

/** Whether terms under PREFIX (exactly: "XO" is not "ZXO") are in SET:
 *  only then does xn_known_terms_has() say anything. A NULL SET covers
 *  none. */
int xn_known_terms_covers(const xn_known_terms *set, const char *prefix);

/** Whether the database held the LEN bytes of TERM when SET was read. */
int xn_known_terms_has(const xn_known_terms *set, const char *term, size_t len);

void xn_known_terms_free(xn_known_terms *set);

#endif
