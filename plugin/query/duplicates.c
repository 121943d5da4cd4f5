/* duplicates.c - the other articles of an article's story
 * (xapnews_database_duplicates(); story.h says how stories are found). */
#include "article_ref.h"
#include "database.h"
#include "error.h"
#include "query.h"
#include "schema.h"
#include "sketch.h"
#include "story.h"
#include "xapian_shim_expand.h"
#include "xapnews.h"

#include <stdlib.h>
#include <string.h>

/* The boolean term PREFIX + TEXT as a query, or NULL (with XE set). */
static xs_query *boolean_term(const char *prefix, const char *text, size_t len, xs_error *xe)
{
    char *t = xn_prefixed_term(prefix, text, len);
    xs_query *q = t ? xs_query_term(t, strlen(t), 1, 0, xe) : NULL;
    if (!t) xs_no_memory(xe);
    free(t);
    return q;
}

/* The articles found so far: their id terms as queries, ORed at the end. */
typedef struct {
    xs_query **q;
    size_t n, cap;
    xs_error *xe;
} found_set;

static int add_found(found_set *f, xs_query *q)
{
    if (!q) return -1;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        xs_query **grown = realloc(f->q, cap * sizeof *grown);
        if (!grown) {
            xs_query_free(q);
            return xs_no_memory(f->xe);
        }
        f->q = grown;
        f->cap = cap;
    }
    f->q[f->n++] = q;
    return 0;
}

static int on_near(void *ctx, const char *id, size_t id_len, const char *key, size_t key_len,
                   double overlap)
{
    (void)key, (void)key_len, (void)overlap;
    found_set *f = ctx;
    return add_found(f, boolean_term(XN_PREFIX_ID, id, id_len, f->xe)) < 0;
}

/* The stored sketch of document DOCID of DB into *OUT (empty, matching
 * nothing, for an article indexed without one). 0, or -1 with XE set. */
static int read_sketch(xs_db *db, unsigned docid, xn_sketch *out, xs_error *xe)
{
    char *bytes = NULL;
    size_t n_bytes = 0;
    if (xs_doc_value(db, docid, XN_SLOT_SKETCH, &bytes, &n_bytes, xe) < 0) return -1;
    const char *key, *id;
    size_t key_len, id_len;
    xn_story_record_decode(bytes, n_bytes, out, &key, &key_len, &id, &id_len);
    free(bytes);
    return 0;
}

/* The query for the others of the story of article A of DB, or NULL with
 * XE set. */
static xs_query *story_query(xs_db *db, const xn_article_ref *a, xs_error *xe)
{
    size_t skip = strlen(XN_PREFIX_ID);
    found_set f = {NULL, 0, 0, xe};
    xs_query *q = NULL, *self = NULL;
    if (a->story_len && add_found(&f, boolean_term(XN_PREFIX_STORY, a->story, a->story_len, xe)) < 0)
        goto out;
    xn_sketch sketch;
    if (read_sketch(db, a->docid, &sketch, xe) < 0 ||
        (sketch.shingles &&
         xn_story_near(&db, 1, &sketch, a->id_term + skip, strlen(a->id_term + skip),
                       XN_STORY_MIN_OVERLAP, on_near, &f, xe) < 0))
        goto out;
    if (!(self = xs_query_term(a->id_term, strlen(a->id_term), 1, 0, xe))) goto out;
    xs_query *any = f.n ? xs_query_combine(XS_OP_OR, f.q, f.n, 0, xe) : xs_query_match_nothing(xe);
    if (any) {
        xs_query *pair[2] = {any, self};
        q = xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, xe);
        xs_query_free(any);
    }
out:
    for (size_t i = 0; i < f.n; i++) xs_query_free(f.q[i]);
    free(f.q);
    xs_query_free(self);
    return q;
}

xapnews_status_t xapnews_database_duplicates(xapnews_database_t *db, const char *id,
                                             unsigned offset, unsigned limit,
                                             xapnews_results_t **results)
{
    if (!db || !id || !results) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *results = NULL;
    xn_error *err = xn_database_error(db);
    xn_error_clear(err);
    xs_error xe = {XS_OK, ""};
    xn_article_ref a;
    xapnews_status_t found = xn_article_ref_find(xn_database_handle(db), id, strlen(id), &a, err);
    xs_query *xq = found ? NULL : story_query(xn_database_handle(db), &a, &xe);
    xn_article_ref_free(&a);
    if (found) return found;
    if (!xq) return xn_error_from_shim(err, &xe, "cannot read the article's story");
    xapnews_query_t *q;
    xapnews_status_t st = xn_query_wrap(db, xq, &q);
    if (!st) st = xapnews_query_set_sort(q, XAPNEWS_SORT_OLDEST);
    if (!st) st = xapnews_query_search(q, offset, limit, results);
    xapnews_query_destroy(q);
    return st;
}
