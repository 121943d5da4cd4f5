/* boost.c - see boost.h. */
#include "boost.h"
#include "terms.h"
#include "date.h"
#include "schema.h"
#include "slug.h"
#include "strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void xn_profile_weighting(const xapnews_profile_t *p, xs_weighting *w)
{
    static const xs_scheme schemes[] = {XS_W_BM25, XS_W_BM25PLUS, XS_W_PL2,
                                        XS_W_LM, XS_W_TFIDF};
    /* the shim numbers LM smoothings as the profile does */
    w->scheme = schemes[p->weighting];
    w->k1 = p->k1;
    w->b = p->b;
    w->min_normlen = p->min_normlen;
    w->delta = p->delta;
    w->pl2_c = p->pl2_c;
    w->lm_smoothing = (int)p->lm_smoothing;
    w->lm_param1 = p->lm_param1;
    w->lm_param2 = p->lm_param2;
}

/* ---- recency ------------------------------------------------------------ */

typedef struct {
    char **keys;
    double *days; /* the day each key stands for */
    size_t n, cap;
    size_t prefix_len;
    int nomem;
} date_keys;

/* Collects the dates of D, M or Y terms: a month stands for its 15th, a
 * year for its 1st of July. */
static int on_date_term(void *vctx, const char *term, size_t len)
{
    date_keys *k = vctx;
    char value[16];
    size_t vlen = len - k->prefix_len;
    if (vlen >= sizeof value) return 0;
    memcpy(value, term + k->prefix_len, vlen);
    value[vlen] = '\0';
    xn_date d = {0, 0, 0};
    if (vlen == 8) sscanf(value, "%4d%2d%2d", &d.year, &d.month, &d.day);
    else if (vlen == 6) {
        sscanf(value, "%4d%2d", &d.year, &d.month);
        d.day = 15;
    } else if (vlen == 4) {
        sscanf(value, "%4d", &d.year);
        d.month = 7;
        d.day = 1;
    } else {
        return 0;
    }
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return 0;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        char **keys = realloc(k->keys, cap * sizeof *keys);
        if (keys) k->keys = keys;
        double *days = realloc(k->days, cap * sizeof *days);
        if (days) k->days = days;
        if (!keys || !days) {
            k->nomem = 1;
            return 1;
        }
        k->cap = cap;
    }
    if (!(k->keys[k->n] = strdup(value))) {
        k->nomem = 1;
        return 1;
    }
    k->days[k->n++] = (double)xn_date_days(&d);
    return 0;
}

/* Year-only and month-only documents hold "YYYY" / "YYYYMM" in slot 0 and
 * no D term, so the Y and M terms are read too; a key already listed from
 * a finer term is harmless (the map keeps the last). */
static xs_query *recency_query(xs_db *db, const xapnews_profile_t *p,
                               xn_error *err)
{
    date_keys k = {NULL, NULL, 0, 0, 0, 0};
    static const char *const prefixes[] = {XN_PREFIX_DAY, XN_PREFIX_MONTH,
                                           XN_PREFIX_YEAR};
    xs_error xe;
    xs_query *q = NULL;
    for (int i = 0; i < 3; i++) {
        k.prefix_len = strlen(prefixes[i]);
        if (xs_db_terms_with_prefix(db, prefixes[i], on_date_term, &k, &xe) < 0) {
            xn_error_from_shim(err, &xe, "cannot read the dates for the recency boost");
            goto out;
        }
        if (k.nomem) {
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            goto out;
        }
    }
    if (k.n == 0) {
        q = xs_query_match_nothing(&xe);
        if (!q) xn_error_from_shim(err, &xe, NULL);
        goto out;
    }
    double ref = -INFINITY;
    if (p->recency_reference[0]) {
        xn_date d;
        xn_date_parse(p->recency_reference, &d, NULL, 0);
        ref = (double)xn_date_days(&d);
    } else {
        for (size_t i = 0; i < k.n; i++)
            if (k.days[i] > ref) ref = k.days[i];
    }
    double *weights = malloc(k.n * sizeof *weights);
    if (!weights) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < k.n; i++) {
        double age = ref - k.days[i];
        if (age < 0) age = 0;
        weights[i] = p->recency_weight * pow(0.5, age / p->recency_half_life);
    }
    q = xs_query_value_map(XN_SLOT_DATE, (const char *const *)k.keys, weights,
                           k.n, 0.0, &xe);
    if (!q) xn_error_from_shim(err, &xe, NULL);
    free(weights);
out:
    for (size_t i = 0; i < k.n; i++) free(k.keys[i]);
    free(k.keys);
    free(k.days);
    return q;
}

/* ---- officials and outlets ------------------------------------------------ */

/* FixedWeight(W) filtered by PREFIX + slug of NAME. */
static xs_query *named_boost(const char *prefix, const char *name, double w,
                             xn_error *err)
{
    xn_strbuf term = XN_STRBUF_INIT;
    xs_error xe;
    xs_query *r = NULL, *fixed = NULL, *filter = NULL;
    if (xn_strbuf_puts(&term, prefix) < 0 ||
        xn_slug_append(name, strlen(name), &term) < 0) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto out;
    }
    if (!(fixed = xs_query_fixed_weight(w, &xe)) ||
        !(filter = xs_query_term(term.data, term.len, 1, 0, &xe))) {
        xn_error_from_shim(err, &xe, NULL);
        goto out;
    }
    xs_query *pair[2] = {fixed, filter};
    if (!(r = xs_query_combine(XS_OP_FILTER, pair, 2, 0, &xe)))
        xn_error_from_shim(err, &xe, NULL);
out:
    xs_query_free(fixed);
    xs_query_free(filter);
    xn_strbuf_free(&term);
    return r;
}

typedef struct {
    const xapnews_profile_t *p;
    const xn_tables *t;
    xs_query ***boosts;
    size_t *n;
    xn_error *err;
} official_ctx;

static int on_official(void *vctx, size_t first, size_t length, size_t entry)
{
    official_ctx *c = vctx;
    (void)first;
    (void)length;
    xs_query *b = named_boost(XN_PREFIX_OFFICIAL,
                              xn_names_get(c->t->officials, entry)->canonical,
                              c->p->official_boost, c->err);
    xs_query **grown = b ? realloc(*c->boosts, (*c->n + 1) * sizeof **c->boosts) : NULL;
    if (!grown) {
        if (b) xn_error_set(c->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        xs_query_free(b);
        return -1;
    }
    *c->boosts = grown;
    (*c->boosts)[(*c->n)++] = b;
    return 0;
}

/* Adds to C's boosts one query per official of its tables named in text
 * node N. */
static int node_officials(void *vctx, xn_qnode *n)
{
    official_ctx *c = vctx;
    xn_tokens toks = XN_TOKENS_INIT;
    const char **words = NULL;
    size_t *lens = NULL, *index = NULL, nw;
    if (xn_analyze(n->text, n->len, NULL, 0, &toks) == (unsigned)-1 ||
        (nw = xn_tokens_primaries(&toks, &words, &lens, &index)) == (size_t)-1) {
        xn_tokens_free(&toks);
        xn_error_set(c->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return -1;
    }
    int rc = xn_names_mentions(c->t->officials, words, lens, nw, on_official, c);
    free(words);
    free(lens);
    free(index);
    xn_tokens_free(&toks);
    return rc;
}

/* Adds to BOOSTS one query per official of TABLES named in the searched
 * texts of TREE (not in excluded words nor filters). */
static int official_boosts(const xapnews_profile_t *p, const xn_tables *t,
                           xn_qtree *tree, xs_query ***boosts, size_t *n,
                           xn_error *err)
{
    if (!t || !t->officials) return 0;
    official_ctx c = {p, t, boosts, n, err};
    return xn_qtree_each_searched_text(tree, node_officials, &c) ? -1 : 0;
}

xs_query *xn_boost_query(xs_db *db, const xapnews_profile_t *p,
                         const xn_tables *t, xn_qtree *tree, xs_query *q,
                         xn_error *err)
{
    xs_query **boosts = NULL;
    size_t n = 0;
    int failed = 0;
    if (p->recency_weight > 0) {
        xs_query *r = recency_query(db, p, err);
        if (!r || !(boosts = malloc(sizeof *boosts))) {
            if (r) xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            xs_query_free(r);
            failed = 1;
        } else {
            boosts[n++] = r;
        }
    }
    if (!failed && p->official_boost > 0 &&
        official_boosts(p, t, tree, &boosts, &n, err) < 0)
        failed = 1;
    for (size_t i = 0; !failed && i < p->n_outlets; i++) {
        const char *name = p->outlets[i].name;
        long k = t && t->outlets ? xn_names_lookup(t->outlets, name, strlen(name)) : -1;
        if (k >= 0) name = xn_names_get(t->outlets, (size_t)k)->canonical;
        xs_query *b = named_boost(XN_PREFIX_OUTLET, name, p->outlets[i].weight, err);
        xs_query **grown = b ? realloc(boosts, (n + 1) * sizeof *boosts) : NULL;
        if (!grown) {
            if (b) xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            xs_query_free(b);
            failed = 1;
            break;
        }
        boosts = grown;
        boosts[n++] = b;
    }
    xs_query *result = NULL;
    if (!failed && n == 0) {
        result = q;
        q = NULL;
    } else if (!failed) {
        /* one AND_MAYBE per boost: (an OR of posting sources under one
         * AND_MAYBE lost weight after compaction with Xapian 1.4.22) */
        xs_error xe;
        result = q;
        q = NULL;
        for (size_t i = 0; i < n && result; i++) {
            xs_query *pair[2] = {result, boosts[i]};
            xs_query *next = xs_query_combine(XS_OP_AND_MAYBE, pair, 2, 0, &xe);
            xs_query_free(result);
            result = next;
        }
        if (!result) xn_error_from_shim(err, &xe, "cannot apply the profile's boosts");
    }
    for (size_t i = 0; i < n; i++) xs_query_free(boosts[i]);
    free(boosts);
    xs_query_free(q);
    return result;
}
