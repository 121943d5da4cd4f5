/* facets.c - see facets.h. */
#include "sort.h"
#include "facets.h"
#include "schema.h"
#include "slug.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

int xn_facet_index(xapnews_facet_t facet)
{
    switch (facet) {
    case XAPNEWS_FACET_OUTLET: return 0;
    case XAPNEWS_FACET_OFFICIAL: return 1;
    case XAPNEWS_FACET_YEAR: return 2;
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

typedef struct {
    xs_db *db;
    const xs_query *q;
    const xn_tables *tables;
    xn_facet *out;
    xs_error xe;
    int failed;
} official_ctx;

/* The display name of an official's slug: the canonical name of the table
 * entry with that slug, else the slug itself. */
static const char *official_name(const xn_tables *t, const char *slug, size_t len)
{
    for (size_t i = 0; t && i < xn_names_count(t->officials); i++) {
        const char *name = xn_names_get(t->officials, i)->canonical;
        xn_strbuf b = XN_STRBUF_INIT;
        int same = xn_slug_append(name, strlen(name), &b) == 0 && b.len == len &&
                   memcmp(b.data, slug, len) == 0;
        xn_strbuf_free(&b);
        if (same) return name;
    }
    return NULL;
}

static int on_official(void *vctx, const char *term, size_t len)
{
    official_ctx *c = vctx;
    unsigned long n;
    if (xs_count_with_term(c->db, c->q, term, len, &n, &c->xe) < 0) {
        c->failed = 1;
        return 1;
    }
    if (n == 0) return 0;
    size_t plen = strlen(XN_PREFIX_OFFICIAL);
    const char *name = official_name(c->tables, term + plen, len - plen);
    if ((name ? push(c->out, name, strlen(name), n)
              : push(c->out, term + plen, len - plen, n)) < 0) {
        c->failed = 2;
        return 1;
    }
    return 0;
}

xs_mset *xn_facets_search(xs_db *db, const xs_query *q, unsigned offset,
                          unsigned limit, const xs_weighting *w, unsigned mask,
                          const xn_tables *tables, xn_facet out[XN_FACET_COUNT],
                          xn_error *err)
{
    memset(out, 0, XN_FACET_COUNT * sizeof *out);
    unsigned slots[2];
    int facet_of[2];
    size_t n = 0;
    if (mask & XAPNEWS_FACET_OUTLET) {
        slots[n] = XN_SLOT_OUTLET;
        facet_of[n++] = 0;
    }
    if (mask & XAPNEWS_FACET_YEAR) {
        slots[n] = XN_SLOT_YEAR;
        facet_of[n++] = 2;
    }
    xs_error xe;
    xs_mset *m = xs_search_counting(db, q, offset, limit, w, slots, n,
                                    XN_FACET_MAX_VALUES, &xe);
    if (!m) {
        xn_error_from_shim(err, &xe, "search failed");
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < xs_mset_count_size(m, k); i++) {
            unsigned long freq;
            const char *v = xs_mset_count_value(m, k, i, &freq);
            if (push(&out[facet_of[k]], v, strlen(v), freq) < 0) goto nomem;
        }
    if (mask & XAPNEWS_FACET_OFFICIAL) {
        official_ctx c = {db, q, tables, &out[1], {XS_OK, ""}, 0};
        if (xs_db_terms_with_prefix(db, XN_PREFIX_OFFICIAL, on_official, &c, &xe) < 0) {
            xn_error_from_shim(err, &xe, "cannot count officials");
            goto fail;
        }
        if (c.failed == 1) {
            xn_error_from_shim(err, &c.xe, "cannot count officials");
            goto fail;
        }
        if (c.failed == 2) goto nomem;
        xn_sort(out[1].e, out[1].n, sizeof *out[1].e, by_count);
        if (out[1].n > XN_FACET_MAX_VALUES) {
            for (size_t i = XN_FACET_MAX_VALUES; i < out[1].n; i++) free(out[1].e[i].value);
            out[1].n = XN_FACET_MAX_VALUES;
        }
    }
    for (int f = 0; f < XN_FACET_COUNT; f++)
        xn_sort(out[f].e, out[f].n, sizeof *out[f].e, by_count);
    return m;
nomem:
    xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
fail:
    xs_mset_free(m);
    xn_facets_free(out);
    return NULL;
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
