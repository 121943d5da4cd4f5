/* duplicates.c - the other articles of an article's story
 * (xapnews_database_duplicates(); story.h says how stories are found). */
#include "database.h"
#include "error.h"
#include "query.h"
#include "schema.h"
#include "sketch.h"
#include "story.h"
#include "strbuf.h"
#include "xapnews.h"

#include <stdlib.h>
#include <string.h>

/* The boolean term PREFIX + TEXT as a query, or NULL (with XE set). */
static xs_query *boolean_term(const char *prefix, const char *text, size_t len, xs_error *xe)
{
    xn_strbuf t = XN_STRBUF_INIT;
    xs_query *q = NULL;
    if (xn_strbuf_puts(&t, prefix) < 0 || xn_strbuf_append(&t, text, len) < 0) {
        xe->code = XS_NO_MEMORY;
        strcpy(xe->message, "out of memory");
    } else {
        q = xs_query_term(t.data, t.len, 1, 0, xe);
    }
    xn_strbuf_free(&t);
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
            f->xe->code = XS_NO_MEMORY;
            strcpy(f->xe->message, "out of memory");
            return -1;
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

/* The query for the others of ID's story into *OUT, or NULL with XE set
 * (XE's code XS_OK and *MISSING 1 when no article has ID). */
static xs_query *story_query(xs_db *db, const char *id, int *missing, xs_error *xe)
{
    size_t id_len = strlen(id);
    found_set f = {NULL, 0, 0, xe};
    xs_query *q = NULL, *self = NULL;
    char *key = NULL, *bytes = NULL;
    size_t key_len = 0, n_bytes = 0;
    unsigned long freq = 0;
    xn_strbuf term = XN_STRBUF_INIT;
    *missing = 0;
    if (xn_strbuf_puts(&term, XN_PREFIX_ID) < 0 || xn_strbuf_append(&term, id, id_len) < 0) {
        xe->code = XS_NO_MEMORY;
        strcpy(xe->message, "out of memory");
        goto out;
    }
    if (xs_db_termfreq(db, term.data, term.len, &freq, xe) < 0) goto out;
    if (!freq) {
        *missing = 1;
        goto out;
    }
    if (xs_db_unique_value(db, term.data, term.len, XN_SLOT_STORY, &key, &key_len, xe) < 0 ||
        xs_db_unique_value(db, term.data, term.len, XN_SLOT_SKETCH, &bytes, &n_bytes, xe) < 0)
        goto out;
    if (key_len && add_found(&f, boolean_term(XN_PREFIX_STORY, key, key_len, xe)) < 0) goto out;
    xn_sketch s;
    if (bytes && xn_sketch_decode(bytes, n_bytes, &s) == 0 &&
        xn_story_near(&db, 1, &s, id, id_len, XN_STORY_MIN_OVERLAP, on_near, &f, xe) < 0)
        goto out;
    if (!(self = xs_query_term(term.data, term.len, 1, 0, xe))) goto out;
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
    free(key);
    free(bytes);
    xn_strbuf_free(&term);
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
    int missing;
    xs_query *xq = story_query(xn_database_handle(db), id, &missing, &xe);
    if (!xq) {
        if (missing)
            return xn_error_set(err, XAPNEWS_STATUS_ARTICLE_NOT_FOUND, "no article with id '%s'",
                                id);
        return xn_error_from_shim(err, &xe, "cannot read the article's story");
    }
    xapnews_query_t *q;
    xapnews_status_t st = xn_query_wrap(db, xq, &q);
    if (!st) st = xapnews_query_set_sort(q, XAPNEWS_SORT_OLDEST);
    if (!st) st = xapnews_query_search(q, offset, limit, results);
    xapnews_query_destroy(q);
    return st;
}
