/* writer.c - xapnews_writer_t: turns articles into Xapian documents.
 *
 * The terms, values and data follow schema.h (documented in
 * schemas/index.schema). Every word goes through the one tokeniser.
 */
#include "article.h"
#include "date.h"
#include "docdata.h"
#include "error.h"
#include "schema.h"
#include "slug.h"
#include "stemmer.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "xapnews.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_BATCH 1000
#define MAX_ID_BYTES 240 /* Xapian terms are at most 245 bytes */

struct xapnews_writer {
    xn_error err;
    xs_db *db;
    xn_stemmer *stemmer; /* NULL: no stemming */
    char language[32];
    int language_recorded;
    unsigned batch, pending;
    xn_strbuf term, data;
};

xapnews_status_t xapnews_writer_open(const char *path,
                                     xapnews_writer_t **writer, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!path || !writer) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *writer = NULL;
    xapnews_writer_t *w = calloc(1, sizeof *w);
    if (!w) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    w->batch = DEFAULT_BATCH;
    xs_error xe;
    w->db = xs_db_open_write(path, 1, &xe);
    if (!w->db) {
        if (xe.code == XS_LOCKED)
            xn_error_set(&err, XAPNEWS_STATUS_DATABASE_LOCKED,
                         "%s: database is locked by another writer (wait for it to finish)",
                         path);
        else
            xn_error_from_shim(&err, &xe, path);
        xn_error_export(&err, error);
        free(w);
        return err.status;
    }
    xapnews_status_t st = xapnews_writer_set_language(w, "english");
    if (st) {
        xn_error_export(&w->err, error);
        xapnews_writer_close(w, NULL);
        return st;
    }
    *writer = w;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_set_language(xapnews_writer_t *w,
                                             const char *language)
{
    if (!w || !language || strlen(language) >= sizeof w->language)
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_stemmer *s = NULL;
    if (strcmp(language, "none") != 0) {
        int unknown;
        s = xn_stemmer_new(language, &unknown);
        if (!s && unknown)
            return xn_error_set(&w->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                                "unknown stemming language '%s'", language);
        if (!s)
            return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                                "out of memory");
    }
    xn_stemmer_free(w->stemmer);
    w->stemmer = s;
    strcpy(w->language, language);
    w->language_recorded = 0;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_set_batch_size(xapnews_writer_t *w,
                                               unsigned batch)
{
    if (!w) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    w->batch = batch;
    return XAPNEWS_STATUS_SUCCESS;
}

typedef struct {
    xapnews_writer_t *w;
    xs_doc *doc;
    const char *prefixes[2];
    size_t n_prefixes;
    unsigned pos;
    xs_error xe;
} index_ctx;

/* Builds PREFIX + BODY in the writer's term buffer. */
static int make_term(xapnews_writer_t *w, const char *p1, const char *p2,
                     const char *body, size_t len)
{
    xn_strbuf_reset(&w->term);
    if (xn_strbuf_puts(&w->term, p1) < 0 || xn_strbuf_puts(&w->term, p2) < 0 ||
        xn_strbuf_append(&w->term, body, len) < 0)
        return -1;
    return 0;
}

static int on_token(void *vctx, const xn_token *t)
{
    index_ctx *c = vctx;
    xapnews_writer_t *w = c->w;
    if (!(t->flags & XN_TOKEN_COLOCATED) || c->pos == 0) c->pos++;
    const char *stem = NULL;
    size_t stem_len = 0;
    if (w->stemmer && xn_stemmer_should_stem(t->term, t->len)) {
        stem = xn_stemmer_stem(w->stemmer, t->term, t->len, &stem_len);
        if (!stem) return -1;
    }
    for (size_t k = 0; k < c->n_prefixes; k++) {
        if (make_term(w, "", c->prefixes[k], t->term, t->len) < 0 ||
            xs_doc_add_posting(c->doc, w->term.data, w->term.len, c->pos, 1,
                               &c->xe) < 0)
            return -1;
        if (stem && (make_term(w, XN_PREFIX_STEM, c->prefixes[k], stem,
                               stem_len) < 0 ||
                     xs_doc_add_term(c->doc, w->term.data, w->term.len, 1,
                                     &c->xe) < 0))
            return -1;
    }
    return 0;
}

/* Indexes TEXT with the given prefixes starting after position *POS. */
static xapnews_status_t index_text(xapnews_writer_t *w, xs_doc *doc,
                                   const char *text, size_t len,
                                   const char *p1, const char *p2,
                                   unsigned *pos)
{
    index_ctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.doc = doc;
    c.prefixes[c.n_prefixes++] = p1;
    if (p2) c.prefixes[c.n_prefixes++] = p2;
    c.pos = *pos;
    c.xe.code = XS_OK;
    if (xn_tokenize(text, len, on_token, &c) != 0) {
        if (c.xe.code != XS_OK) return xn_error_from_shim(&w->err, &c.xe, NULL);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    *pos = c.pos;
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t add_boolean(xapnews_writer_t *w, xs_doc *doc,
                                    const char *prefix, const char *value,
                                    size_t len)
{
    xs_error xe;
    if (make_term(w, prefix, "", value, len) < 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (w->term.len > 245) return XAPNEWS_STATUS_SUCCESS; /* too long to be a term */
    if (xs_doc_add_term(doc, w->term.data, w->term.len, 0, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t add_slug_term(xapnews_writer_t *w, xs_doc *doc,
                                      const char *prefix, const char *name)
{
    xn_strbuf slug = XN_STRBUF_INIT;
    if (xn_slug_append(name, strlen(name), &slug) < 0) {
        xn_strbuf_free(&slug);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (slug.len) st = add_boolean(w, doc, prefix, slug.data, slug.len);
    xn_strbuf_free(&slug);
    return st;
}

static xapnews_status_t add_value(xapnews_writer_t *w, xs_doc *doc,
                                  unsigned slot, const char *v, size_t len)
{
    xs_error xe;
    if (xs_doc_set_value(doc, slot, v, len, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t add_date(xapnews_writer_t *w, xs_doc *doc,
                                 const xn_date *d)
{
    char compact[9], days[18];
    xn_date_compact(d, compact);
    xapnews_status_t st;
    if ((st = add_boolean(w, doc, XN_PREFIX_YEAR, compact, 4)) ||
        (d->month && (st = add_boolean(w, doc, XN_PREFIX_MONTH, compact, 6))) ||
        (d->day && (st = add_boolean(w, doc, XN_PREFIX_DAY, compact, 8))) ||
        (st = add_value(w, doc, XN_SLOT_DATE, compact, strlen(compact))) ||
        (st = add_value(w, doc, XN_SLOT_YEAR, compact, 4)))
        return st;
    if (d->day) {
        size_t n = xs_sortable_serialise((double)xn_date_days(d), days);
        if ((st = add_value(w, doc, XN_SLOT_DAYS, days, n))) return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t record_language(xapnews_writer_t *w)
{
    xs_error xe;
    if (w->language_recorded) return XAPNEWS_STATUS_SUCCESS;
    if (xs_db_set_metadata(w->db, "xapnews:language", w->language,
                           strlen(w->language), &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    w->language_recorded = 1;
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t build_document(xapnews_writer_t *w,
                                       const xapnews_article_t *a,
                                       const xn_date *date, xs_doc *doc)
{
    xapnews_status_t st;
    unsigned pos = 0;
    const char *title = xapnews_article_get(a, XAPNEWS_FIELD_TITLE);
    if ((st = index_text(w, doc, title, a->field_len[XAPNEWS_FIELD_TITLE], "",
                         XN_PREFIX_TITLE, &pos)))
        return st;
    pos += XN_FIELD_GAP;
    if ((st = index_text(w, doc, xapnews_article_get(a, XAPNEWS_FIELD_BODY),
                         a->field_len[XAPNEWS_FIELD_BODY], "", NULL, &pos)))
        return st;
    unsigned opos = 0;
    for (size_t i = 0; i < a->n_officials; i++) {
        const char *name = a->officials[i];
        if ((st = index_text(w, doc, name, strlen(name),
                             XN_PREFIX_OFFICIAL_TEXT, NULL, &opos)) ||
            (st = add_slug_term(w, doc, XN_PREFIX_OFFICIAL, name)))
            return st;
        opos += XN_FIELD_GAP;
    }
    const char *outlet = xapnews_article_get(a, XAPNEWS_FIELD_OUTLET);
    if (*outlet && ((st = add_slug_term(w, doc, XN_PREFIX_OUTLET, outlet)) ||
                    (st = add_value(w, doc, XN_SLOT_OUTLET, outlet,
                                    a->field_len[XAPNEWS_FIELD_OUTLET]))))
        return st;
    char iso[11] = "";
    if (date) {
        if ((st = add_date(w, doc, date))) return st;
        xn_date_iso(date, iso);
    }
    xn_strbuf_reset(&w->data);
    if (xn_docdata_encode(a, iso, &w->data) < 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xs_error xe;
    if (xs_doc_set_data(doc, w->data.data, w->data.len, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_add(xapnews_writer_t *w,
                                    const xapnews_article_t *a)
{
    if (!w || !a) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    const char *id = xapnews_article_get(a, XAPNEWS_FIELD_ID);
    size_t id_len = a->field_len[XAPNEWS_FIELD_ID];
    if (id_len == 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                            "article has no id");
    if (id_len > MAX_ID_BYTES)
        return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                            "article id is %zu bytes long; the limit is %d",
                            id_len, MAX_ID_BYTES);
    xn_date date, *datep = NULL;
    const char *date_text = xapnews_article_get(a, XAPNEWS_FIELD_DATE);
    if (*date_text) {
        char why[128];
        if (xn_date_parse(date_text, &date, why, sizeof why) < 0)
            return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                "article '%s': bad date '%s': %s", id,
                                date_text, why);
        datep = &date;
    }
    xapnews_status_t st = record_language(w);
    if (st) return st;
    xs_error xe;
    xs_doc *doc = xs_doc_new(&xe);
    if (!doc) return xn_error_from_shim(&w->err, &xe, NULL);
    st = build_document(w, a, datep, doc);
    if (!st && (st = add_boolean(w, doc, XN_PREFIX_ID, id, id_len)) == 0) {
        if (make_term(w, XN_PREFIX_ID, "", id, id_len) < 0)
            st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        else if (xs_db_replace(w->db, w->term.data, w->term.len, doc, &xe) < 0)
            st = xn_error_from_shim(&w->err, &xe, "cannot add the article");
    }
    xs_doc_free(doc);
    if (st) return st;
    if (w->batch && ++w->pending >= w->batch) return xapnews_writer_commit(w);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_commit(xapnews_writer_t *w)
{
    if (!w) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xs_error xe;
    if (xs_db_commit(w->db, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, "commit failed");
    w->pending = 0;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_close(xapnews_writer_t *w, char **error)
{
    if (!w) return XAPNEWS_STATUS_SUCCESS;
    xs_error xe;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (xs_db_close(w->db, &xe) < 0) {
        st = xn_error_from_shim(&w->err, &xe, "commit on close failed");
        xn_error_export(&w->err, error);
    }
    xn_stemmer_free(w->stemmer);
    xn_strbuf_free(&w->term);
    xn_strbuf_free(&w->data);
    free(w);
    return st;
}

const char *xapnews_writer_last_error(const xapnews_writer_t *w)
{
    return w ? w->err.message : "no writer";
}
