/* article_ref.h - one indexed article looked up by its id: its document
 * and its story key, for the queries built around an article (near
 * duplicates, similar articles).
 *
 * Errors: an id no article has gives XAPNEWS_STATUS_ARTICLE_NOT_FOUND and
 * "no article with id 'ID'"; a database that cannot be read, the shim's
 * error; no memory, XAPNEWS_STATUS_OUT_OF_MEMORY.
 */
#ifndef XAPNEWS_ARTICLE_REF_H
#define XAPNEWS_ARTICLE_REF_H

#include <stddef.h>

#include "error.h"
#include "xapian_shim.h"

typedef struct {
    unsigned docid;  /* in the database looked up (a stub's own numbering) */
    char *id_term;   /* XN_PREFIX_ID and the id, malloc'd */
    char *story;     /* the story key, malloc'd ("" when none was stored) */
    size_t story_len;
} xn_article_ref;

#define XN_ARTICLE_REF_INIT {0, NULL, NULL, 0}

/** Looks up the article of DB with the LEN-byte ID into *OUT (freed with
 *  xn_article_ref_free(), also after a failure): invalid UTF-8 in ID is
 *  read as U+FFFD, as the indexer stores it. On failure sets ERR and
 *  returns its status. */
xapnews_status_t xn_article_ref_find(xs_db *db, const char *id, size_t len,
                                     xn_article_ref *out, xn_error *err);

void xn_article_ref_free(xn_article_ref *a);

/** PREFIX and the LEN bytes of VALUE as one malloc'd term, or NULL when
 *  memory runs out. */
char *xn_prefixed_term(const char *prefix, const char *value, size_t len);

#endif
