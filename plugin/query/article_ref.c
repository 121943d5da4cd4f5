/* article_ref.c - see article_ref.h. */
#include "article_ref.h"

#include "schema.h"
#include "strbuf.h"
#include "utf8.h"
#include "xapian_shim_expand.h"
#include "xapian_shim_terms.h"

#include <stdlib.h>
#include <string.h>

char *xn_prefixed_term(const char *prefix, const char *value, size_t len)
{
    xn_strbuf b = XN_STRBUF_INIT;
    if (xn_strbuf_puts(&b, prefix) < 0 || xn_strbuf_append(&b, value, len) < 0) {
        xn_strbuf_free(&b);
        return NULL;
    }
    return xn_strbuf_take(&b);
}

/* xn_article_ref_find() once OUT holds the id's term. */
static xapnews_status_t find_by_term(xs_db *db, const char *id, size_t len,
                                     xn_article_ref *out, xn_error *err)
{
    xs_error xe;
    size_t found = 0;
    if (xs_term_docs(db, out->id_term, strlen(out->id_term), &out->docid, 1, &found, &xe) < 0)
        return xn_error_from_shim(err, &xe, "cannot look the article up");
    if (!found)
        return xn_error_set(err, XAPNEWS_STATUS_ARTICLE_NOT_FOUND, "no article with id '%.*s'",
                            (int)len, id);
    if (xs_doc_value(db, out->docid, XN_SLOT_STORY, &out->story, &out->story_len, &xe) < 0)
        return xn_error_from_shim(err, &xe, "cannot read the article's story");
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_article_ref_find(xs_db *db, const char *id, size_t len,
                                     xn_article_ref *out, xn_error *err)
{
    *out = (xn_article_ref)XN_ARTICLE_REF_INIT;
    /* the indexer stores an id's invalid UTF-8 as U+FFFD: so is it looked up */
    xn_strbuf repaired = XN_STRBUF_INIT;
    size_t fixed = 0;
    if (xn_utf8_repair(id, len, &repaired, &fixed) < 0)
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (fixed) {
        id = repaired.data;
        len = repaired.len;
    }
    out->id_term = xn_prefixed_term(XN_PREFIX_ID, id, len);
    if (!out->id_term) {
        xn_strbuf_free(&repaired);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    xapnews_status_t st = find_by_term(db, id, len, out, err);
    xn_strbuf_free(&repaired);
    return st;
}

void xn_article_ref_free(xn_article_ref *a)
{
    free(a->id_term);
    free(a->story);
    *a = (xn_article_ref)XN_ARTICLE_REF_INIT;
}
