/* known_terms.c - see known_terms.h. */
#include "known_terms.h"

#include "sort.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PREFIXES 8

struct xn_known_terms {
    char *prefix[MAX_PREFIXES];
    size_t n_prefixes;
    char **term; /* sorted, each NUL terminated (terms hold no NUL here) */
    size_t n, cap;
    int too_many;
    int failed; /* out of memory */
};

static int add_term(void *ctx, const char *term, size_t len)
{
    xn_known_terms *s = ctx;
    if (s->n == XN_KNOWN_TERMS_MAX) {
        s->too_many = 1;
        return 1;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        char **grown = realloc(s->term, cap * sizeof *grown);
        if (!grown) {
            s->failed = 1;
            return 1;
        }
        s->term = grown;
        s->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        s->failed = 1;
        return 1;
    }
    memcpy(copy, term, len);
    copy[len] = '\0';
    s->term[s->n++] = copy;
    return 0;
}

static int cmp_terms(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int xn_known_terms_load(xs_db *db, const char *const *prefixes, size_t n, xn_known_terms **out,
                        xn_error *err)
{
    *out = NULL;
    xn_known_terms *s = calloc(1, sizeof *s);
    if (!s || n > MAX_PREFIXES) {
        free(s);
        xn_error_set(err, s ? XAPNEWS_STATUS_INVALID_ARGUMENT : XAPNEWS_STATUS_OUT_OF_MEMORY,
                     s ? "too many prefixes" : "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        xs_error xe = {XS_OK, ""};
        if (!(s->prefix[s->n_prefixes++] = xn_strdup(prefixes[i])) ||
            xs_db_terms_with_prefix(db, prefixes[i], add_term, s, &xe) < 0 || s->failed) {
            if (xe.code != XS_OK) xn_error_from_shim(err, &xe, "cannot read the index's terms");
            else xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            xn_known_terms_free(s);
            return -1;
        }
        if (s->too_many) {
            xn_known_terms_free(s);
            return 0;
        }
    }
    xn_sort(s->term, s->n, sizeof *s->term, cmp_terms);
    *out = s;
    return 0;
}

int xn_known_terms_covers(const xn_known_terms *s, const char *prefix)
{
    if (!s) return 0;
    for (size_t i = 0; i < s->n_prefixes; i++)
        if (strcmp(s->prefix[i], prefix) == 0) return 1;
    return 0;
}

int xn_known_terms_has(const xn_known_terms *s, const char *term, size_t len)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *t = s->term[mid];
        int c = strncmp(t, term, len);
        if (c == 0) c = t[len] == '\0' ? 0 : 1;
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

void xn_known_terms_free(xn_known_terms *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_prefixes; i++) free(s->prefix[i]);
    for (size_t i = 0; i < s->n; i++) free(s->term[i]);
    free(s->term);
    free(s);
}
