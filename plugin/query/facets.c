/* facets.c - see facets.h. */
#include "sort.h"
#include "facets.h"
#include "grow.h"
#include "schema.h"
#include "slug.h"
#include "slugset.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

int xn_facet_index(xapnews_facet_t facet)
{
    switch (facet) {
    case XAPNEWS_FACET_OUTLET: return 0;
    case XAPNEWS_FACET_OFFICIAL: return 1;
    case XAPNEWS_FACET_YEAR: return 2;
    case XAPNEWS_FACET_MONTH: return 3;
    }
    return -1;
}

static int push(xn_facet *f, const char *value, size_t len, unsigned long count)
{
    xn_facet_entry *e = realloc(f->e, (f->n + 1) * sizeof *e);
    if (!e) return -1;
    f->e = e;
    if (!(e[f->n].value = malloc(len + 1))) return -1;
    memcpy(e[f->n].value, value, len);
    e[f->n].value[len] = '\0';
    e[f->n].count = count;
    f->n++;
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const xn_facet_entry *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static int by_value(const void *a, const void *b)
{
    const xn_facet_entry *x = a, *y = b;
    return strcmp(x->value, y->value);
}

/* Adds the months of the dates counted as counter K of M to F: a date
 * "YYYYMM" or "YYYYMMDD" counts for "YYYY-MM"; the counts come in byte
 * order, so one month's dates are together. */
static int months_of(const xs_mset *m, size_t k, xn_facet *f)
{
    for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
        unsigned long freq;
        const char *v = xs_mset_count_value(m, k, i, &freq);
        if (strlen(v) < 6) continue;
        char month[8] = {v[0], v[1], v[2], v[3], '-', v[4], v[5], '\0'};
        if (f->n && strcmp(f->e[f->n - 1].value, month) == 0) f->e[f->n - 1].count += freq;
        else if (push(f, month, 7, freq) < 0) return -1;
    }
    return 0;
}

/* Sorts F by count, then value, and keeps its first MAX entries. */
static void sort_and_cut(xn_facet *f, size_t max)
{
    xn_sort(f->e, f->n, sizeof *f->e, by_count);
    for (size_t i = max; i < f->n; i++) free(f->e[i].value);
    if (f->n > max) f->n = max;
}

/* ---- officials' display names ------------------------------------------ */

/* The slugs of the officials table's canonical names, made once per
 * search to name the slugs counted. */
typedef struct {
    xn_strbuf slugs;   /* every entry's slug, one after another */
    size_t *end;       /* per entry: where its slug ends in SLUGS */
    const char **name; /* per entry: the canonical name (owned by the table) */
    size_t n;
} name_index;

static void name_index_free(name_index *ix)
{
    xn_strbuf_free(&ix->slugs);
    free(ix->end);
    free(ix->name);
}

/* Fills IX from the officials of T (may be NULL). Returns 0, or -1 when
 * memory runs out (IX is then freed). */
static int name_index_build(name_index *ix, const xn_tables *t)
{
    memset(ix, 0, sizeof *ix);
    size_t n = t ? xn_names_count(t->officials) : 0;
    ix->end = malloc((n + 1) * sizeof *ix->end);
    ix->name = malloc((n + 1) * sizeof *ix->name);
    if (!ix->end || !ix->name) goto nomem;
    for (; ix->n < n; ix->n++) {
        const char *name = xn_names_get(t->officials, ix->n)->canonical;
        if (xn_slug_append(name, strlen(name), &ix->slugs) < 0) goto nomem;
        ix->end[ix->n] = ix->slugs.len;
        ix->name[ix->n] = name;
    }
    return 0;
nomem:
    name_index_free(ix);
    return -1;
}

/* The display name of an official's slug: the canonical name of the first
 * table entry with that slug, else NULL (the slug is shown). */
static const char *name_index_find(const name_index *ix, const char *slug,
                                   size_t len)
{
    for (size_t i = 0; i < ix->n; i++) {
        size_t start = i ? ix->end[i - 1] : 0;
        if (ix->end[i] - start == len && memcmp(ix->slugs.data + start, slug, len) == 0)
            return ix->name[i];
    }
    return NULL;
}

/* Adds the official SLUG with COUNT to OUT, by its display name. */
static int push_official(xn_facet *out, const name_index *ix, const char *slug,
                         size_t len, unsigned long count)
{
    const char *name = name_index_find(ix, slug, len);
    return name ? push(out, name, strlen(name), count) : push(out, slug, len, count);
}

/* ---- officials by term: one match per official ------------------------- */

typedef struct {
    xs_db *db;
    const xs_query *q;
    const name_index *names;
    xn_facet *out;
    xs_error xe;
    int failed; /* 1: the shim failed (XE), 2: out of memory */
} term_ctx;

static int on_official_term(void *vctx, const char *term, size_t len)
{
    term_ctx *c = vctx;
    unsigned long n;
    if (xs_count_with_term(c->db, c->q, term, len, &n, &c->xe) < 0) {
        c->failed = 1;
        return 1;
    }
    size_t plen = strlen(XN_PREFIX_OFFICIAL);
    if (n && push_official(c->out, c->names, term + plen, len - plen, n) < 0) {
        c->failed = 2;
        return 1;
    }
    return 0;
}

/* Counts into OUT the matches of Q that hold each XN_PREFIX_OFFICIAL term
 * of DB, one match per term. */
static xapnews_status_t officials_by_term(xs_db *db, const xs_query *q,
                                          const name_index *names, xn_facet *out,
                                          xn_error *err)
{
    term_ctx c = {db, q, names, out, {XS_OK, ""}, 0};
    xs_error xe;
    if (xs_db_terms_with_prefix(db, XN_PREFIX_OFFICIAL, on_official_term, &c, &xe) < 0)
        return xn_error_from_shim(err, &xe, "cannot count officials");
    if (c.failed == 1) return xn_error_from_shim(err, &c.xe, "cannot count officials");
    if (c.failed == 2) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

/* ---- officials in one pass: split the counted sets ---------------------- */

typedef struct {
    const char *slug; /* points into the results */
    size_t len;
    unsigned long count;
} slug_count;

typedef struct {
    slug_count *v;
    size_t n, cap;
    unsigned long count; /* of the set being split */
} split_ctx;

static int on_slug(void *vctx, const char *slug, size_t len)
{
    split_ctx *c = vctx;
    slug_count *v = xn_grow(c->v, &c->cap, c->n + 1, sizeof *v, 64);
    if (!v) return -1;
    c->v = v;
    v[c->n++] = (slug_count){slug, len, c->count};
    return 0;
}

static int by_slug(const void *a, const void *b)
{
    const slug_count *x = a, *y = b;
    return xn_bytes_compare(x->slug, x->len, y->slug, y->len);
}

/* Whether every match the K-th counter of M saw holds a set: then the sets
 * count every official of every match. */
static int sets_cover_matches(const xs_mset *m, size_t k)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
        unsigned long freq;
        xs_mset_count_value(m, k, i, &freq);
        sum += freq;
    }
    return sum == xs_mset_count_total(m, k);
}

/* Counts into OUT each official of the sets the K-th counter of M holds
 * (every distinct set with its number of matches): a set's count goes to
 * each official in it. */
static xapnews_status_t officials_from_sets(const xs_mset *m, size_t k,
                                            const name_index *names,
                                            xn_facet *out, xn_error *err)
{
    split_ctx c = {NULL, 0, 0, 0};
    for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
        size_t len;
        const char *set = xs_mset_count_value_len(m, k, i, &len, &c.count);
        if (xn_slugset_each(set, len, on_slug, &c) != 0) goto nomem;
    }
    xn_sort(c.v, c.n, sizeof *c.v, by_slug);
    for (size_t i = 0; i < c.n;) {
        unsigned long count = 0;
        size_t j = i;
        for (; j < c.n && by_slug(&c.v[i], &c.v[j]) == 0; j++) count += c.v[j].count;
        if (push_official(out, names, c.v[i].slug, c.v[i].len, count) < 0) goto nomem;
        i = j;
    }
    free(c.v);
    return XAPNEWS_STATUS_SUCCESS;
nomem:
    free(c.v);
    return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
}

/* The official facet of the search M: from the K-th counter's sets (K < 0:
 * none were counted) when they cover every match, else by term. */
static xapnews_status_t count_officials(xs_db *db, const xs_query *q,
                                        const xs_mset *m, long k,
                                        const xn_tables *tables, xn_facet *out,
                                        xn_officials_method *method,
                                        xn_error *err)
{
    name_index names;
    if (name_index_build(&names, tables) < 0)
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xapnews_status_t st;
    if (k >= 0 && sets_cover_matches(m, (size_t)k)) {
        *method = XN_OFFICIALS_ONE_PASS;
        st = officials_from_sets(m, (size_t)k, &names, out, err);
    } else {
        *method = XN_OFFICIALS_BY_TERM;
        st = officials_by_term(db, q, &names, out, err);
    }
    name_index_free(&names);
    return st;
}

/* ---- declared fields ------------------------------------------------------ */

/* Counts into OUT the values of the declared field FD that the K-th
 * counter of M saw (every value of its slot). */
static xapnews_status_t count_declared(const xs_mset *m, size_t k, const xn_field *fd,
                                       unsigned max_values, xn_facet *out, xn_error *err)
{
    if (fd->kind == XAPNEWS_KIND_KEYWORD) { /* sets of slugs, split */
        name_index none;
        memset(&none, 0, sizeof none);
        xapnews_status_t st = officials_from_sets(m, k, &none, out, err);
        if (!st) sort_and_cut(out, max_values);
        return st;
    }
    for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
        unsigned long freq;
        size_t len;
        const char *v = xs_mset_count_value_len(m, k, i, &len, &freq);
        char text[32];
        if (fd->kind == XAPNEWS_KIND_NUMBER) {
            xn_field_number_text(xs_sortable_unserialise(v, len), text);
        } else { /* a date: its year; the counts come in date order */
            if (len < 4) continue;
            memcpy(text, v, 4);
            text[4] = '\0';
            if (out->n && strcmp(out->e[out->n - 1].value, text) == 0) {
                out->e[out->n - 1].count += freq;
                continue;
            }
        }
        if (push(out, text, strlen(text), freq) < 0)
            return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    if (fd->kind == XAPNEWS_KIND_NUMBER) sort_and_cut(out, max_values);
    return XAPNEWS_STATUS_SUCCESS;
}

/* ---- the search ---------------------------------------------------------- */

xs_mset *xn_facets_search(xs_db *db, const xs_query *q, unsigned offset,
                          unsigned limit, const xs_weighting *w, const xs_sort *sort,
                          const xn_facet_options *opt, const xn_tables *tables,
                          xn_facet out[XN_FACET_COUNT],
                          xn_officials_method *method, xn_error *err)
{
    memset(out, 0, XN_FACET_COUNT * sizeof *out);
    xn_officials_method used = XN_OFFICIALS_NONE;
    unsigned slots[4 + XN_FACET_MAX_FIELDS], max_values[4 + XN_FACET_MAX_FIELDS];
    int facet_of[4 + XN_FACET_MAX_FIELDS];
    size_t n = 0;
    for (size_t f = 0; f < opt->n_fields; f++) memset(&opt->field_out[f], 0, sizeof *opt->field_out);
    if (opt->n_fields > XN_FACET_MAX_FIELDS) {
        xn_error_set(err, XAPNEWS_STATUS_INVALID_ARGUMENT, "at most %d field facets",
                     XN_FACET_MAX_FIELDS);
        return NULL;
    }
    long officials = -1; /* the counter of XN_SLOT_OFFICIALS */
    if (opt->mask & XAPNEWS_FACET_OUTLET) {
        slots[n] = XN_SLOT_OUTLET;
        max_values[n] = opt->max_values;
        facet_of[n++] = 0;
    }
    if (opt->mask & XAPNEWS_FACET_YEAR) { /* a histogram: every year */
        slots[n] = XN_SLOT_YEAR;
        max_values[n] = XS_COUNT_ALL;
        facet_of[n++] = 2;
    }
    long months = -1; /* the counter of XN_SLOT_DATE */
    if (opt->mask & XAPNEWS_FACET_MONTH) {
        months = (long)n;
        slots[n] = XN_SLOT_DATE;
        max_values[n] = XS_COUNT_ALL;
        facet_of[n++] = 3;
    }
    if ((opt->mask & XAPNEWS_FACET_OFFICIAL) && !opt->officials_by_term) {
        /* every set: a set's count is split among its officials */
        officials = (long)n;
        slots[n] = XN_SLOT_OFFICIALS;
        max_values[n] = XS_COUNT_ALL;
        facet_of[n++] = 1;
    }
    size_t first_field = n; /* the declared fields' counters follow */
    for (size_t f = 0; f < opt->n_fields; f++) {
        slots[n] = opt->fields[f]->slot;
        max_values[n] = XS_COUNT_ALL;
        facet_of[n++] = -1;
    }
    xs_error xe;
    xs_mset *m = xs_search_counting(db, q, offset, limit, w, sort, opt->collapse, slots, n,
                                  max_values, &xe);
    if (!m) {
        xn_error_from_shim(err, &xe, "search failed");
        return NULL;
    }
    for (size_t f = 0; f < opt->n_fields; f++)
        if (count_declared(m, first_field + f, opt->fields[f], opt->max_values,
                           &opt->field_out[f], err))
            goto fail;
    for (size_t k = 0; k < first_field; k++) {
        if ((long)k == officials) continue;
        if ((long)k == months) {
            if (months_of(m, k, &out[3]) < 0) {
                xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
                goto fail;
            }
            continue;
        }
        for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
            unsigned long freq;
            const char *v = xs_mset_count_value(m, k, i, &freq);
            if (push(&out[facet_of[k]], v, strlen(v), freq) < 0) {
                xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
                goto fail;
            }
        }
    }
    if ((opt->mask & XAPNEWS_FACET_OFFICIAL) &&
        count_officials(db, q, m, officials, tables, &out[1], &used, err))
        goto fail;
    sort_and_cut(&out[0], opt->max_values);
    sort_and_cut(&out[1], opt->max_values);
    for (int f = 2; f < XN_FACET_COUNT; f++) /* date histograms, in date order */
        xn_sort(out[f].e, out[f].n, sizeof *out[f].e, by_value);
    if (method) *method = used;
    return m;
fail:
    xs_mset_free(m);
    xn_facets_free(out);
    xn_facets_free_n(opt->field_out, opt->n_fields);
    return NULL;
}

void xn_facets_free_n(xn_facet *f, size_t n)
{
    for (size_t k = 0; f && k < n; k++) {
        for (size_t i = 0; i < f[k].n; i++) free(f[k].e[i].value);
        free(f[k].e);
        f[k].e = NULL;
        f[k].n = 0;
    }
}

void xn_facets_free(xn_facet f[XN_FACET_COUNT])
{
    for (int k = 0; k < XN_FACET_COUNT; k++) {
        for (size_t i = 0; i < f[k].n; i++) free(f[k].e[i].value);
        free(f[k].e);
        f[k].e = NULL;
        f[k].n = 0;
    }
}
