/* analyzer.c - xapnews_analyzer_t: the analysis pipeline made visible. */
#include "terms.h"
#include "database.h"
#include "error.h"
#include "schema.h"
#include "stemmer.h"
#include "strbuf.h"
#include "tables.h"
#include "xapnews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xapnews_analyzer {
    xn_error err;
    xn_stemmer *stemmer; /* NULL: no stemming */
    xn_tables tables;
    xn_tokens toks;
    xapnews_token_t *out;
    size_t n_out, cap_out;
    xn_strbuf strings; /* folded, stem, term and stem term of each token */
};

xapnews_status_t xapnews_analyzer_create(const char *language,
                                         xapnews_analyzer_t **out, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (!language) language = "english";
    xapnews_analyzer_t *a = calloc(1, sizeof *a);
    if (!a) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    if (strcmp(language, "none") != 0) {
        int unknown;
        a->stemmer = xn_stemmer_new(language, &unknown);
        if (!a->stemmer) {
            if (unknown)
                xn_error_set(&err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                             "unknown stemming language '%s'", language);
            else
                xn_error_set(&err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            xn_error_export(&err, error);
            free(a);
            return err.status;
        }
    }
    *out = a;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_analyzer_load_table(xapnews_analyzer_t *a,
                                             xapnews_table_t which,
                                             const char *path)
{
    if (!a || !path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    return xn_tables_load(&a->tables, which, path, &a->err);
}

xapnews_status_t xapnews_database_analyzer(xapnews_database_t *db,
                                           xapnews_analyzer_t **out)
{
    if (!db || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    char *error = NULL;
    xapnews_status_t st = xapnews_analyzer_create(xn_database_language(db), out, &error);
    xapnews_free(error);
    const xn_tables *t = xn_database_tables(db);
    for (int which = 0; which < XN_TABLE_COUNT && !st; which++)
        if (t->text[which])
            st = xn_tables_set(&(*out)->tables, (xapnews_table_t)which,
                               xn_table_key((xapnews_table_t)which),
                               t->text[which], t->text_len[which], &(*out)->err);
    if (st) {
        xapnews_analyzer_destroy(*out);
        *out = NULL;
    }
    return st;
}

/* Appends P1 P2 S (LEN bytes) and a NUL to the string arena; returns its
 * offset or (size_t)-1. */
static size_t keep2(xapnews_analyzer_t *a, const char *p1, const char *p2,
                    const char *s, size_t len)
{
    size_t off = a->strings.len;
    if (xn_strbuf_puts(&a->strings, p1) < 0 ||
        xn_strbuf_puts(&a->strings, p2) < 0 ||
        xn_strbuf_append(&a->strings, s, len) < 0 ||
        xn_strbuf_putc(&a->strings, '\0') < 0)
        return (size_t)-1;
    return off;
}

static size_t keep(xapnews_analyzer_t *a, const char *p1, const char *s,
                   size_t len)
{
    return keep2(a, p1, "", s, len);
}

xapnews_status_t xapnews_analyzer_run(xapnews_analyzer_t *a,
                                      xapnews_field_t field, const char *text,
                                      size_t len)
{
    if (!a || !text) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&a->err);
    const char *prefix = field == XAPNEWS_FIELD_TITLE ? XN_PREFIX_TITLE
                         : field == XAPNEWS_FIELD_BODY ? ""
                         : field == XAPNEWS_FIELD_COUNT ? XN_PREFIX_OFFICIAL_TEXT
                                                        : NULL;
    if (!prefix)
        return xn_error_set(&a->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "only the title, body and officials fields are analysed");
    a->n_out = 0;
    xn_strbuf_reset(&a->strings);
    if (xn_analyze(text, len, a->tables.synonyms, 0, &a->toks) == (unsigned)-1)
        goto nomem;
    /* the terms the index holds: the canonical stream only when needed */
    if (a->toks.n_spans && !xn_tokens_canonical_needed(&a->toks, a->tables.synonyms))
        a->toks.n = a->toks.n_plain;
    if (a->toks.n > a->cap_out) {
        xapnews_token_t *o = realloc(a->out, a->toks.n * sizeof *o);
        if (!o) goto nomem;
        a->out = o;
        a->cap_out = a->toks.n;
    }
    /* offsets first: the arena may move while it grows */
    size_t (*offs)[4] = malloc((a->toks.n ? a->toks.n : 1) * sizeof *offs);
    if (!offs) goto nomem;
    for (size_t i = 0; i < a->toks.n; i++) {
        const xn_atoken *t = &a->toks.t[i];
        const char *word = xn_tokens_term(&a->toks, i);
        const char *stem = "";
        size_t stem_len = 0;
        int canonical = (t->flags & XN_TOKEN_CANONICAL) != 0;
        if (!canonical && !(t->flags & XN_TOKEN_UNSTEMMED) && a->stemmer &&
            xn_stemmer_should_stem(word, t->len)) {
            stem = xn_stemmer_stem(a->stemmer, word, t->len, &stem_len);
            if (!stem) goto nomem_offs;
        }
        char zprefix[16];
        snprintf(zprefix, sizeof zprefix, "%s%s", XN_PREFIX_STEM, prefix);
        if ((offs[i][0] = keep(a, "", word, t->len)) == (size_t)-1 ||
            (offs[i][1] = keep(a, "", stem, stem_len)) == (size_t)-1 ||
            (offs[i][2] = keep2(a, canonical ? XN_PREFIX_CANONICAL : "", prefix,
                                word, t->len)) == (size_t)-1 ||
            (offs[i][3] = stem_len ? keep(a, zprefix, stem, stem_len)
                                   : keep(a, "", "", 0)) == (size_t)-1)
            goto nomem_offs;
        xapnews_token_t *o = &a->out[i];
        o->position = t->pos;
        o->start = t->start;
        o->end = t->end;
        o->kind = canonical                         ? XAPNEWS_TOKEN_CANONICAL
                  : (t->flags & XN_TOKEN_VARIANT)   ? XAPNEWS_TOKEN_VARIANT
                  : (t->flags & XN_TOKEN_COLOCATED) ? XAPNEWS_TOKEN_COLOCATED
                                                    : XAPNEWS_TOKEN_WORD;
    }
    for (size_t i = 0; i < a->toks.n; i++) {
        a->out[i].folded = a->strings.data + offs[i][0];
        a->out[i].stem = a->strings.data + offs[i][1];
        a->out[i].term = a->strings.data + offs[i][2];
        a->out[i].stem_term = a->strings.data + offs[i][3];
    }
    free(offs);
    a->n_out = a->toks.n;
    return XAPNEWS_STATUS_SUCCESS;
nomem_offs:
    free(offs);
nomem:
    return xn_error_set(&a->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
}

size_t xapnews_analyzer_count(const xapnews_analyzer_t *a)
{
    return a ? a->n_out : 0;
}

const xapnews_token_t *xapnews_analyzer_token(const xapnews_analyzer_t *a,
                                              size_t i)
{
    return a && i < a->n_out ? &a->out[i] : NULL;
}

const char *xapnews_analyzer_last_error(const xapnews_analyzer_t *a)
{
    return a ? a->err.message : "no analyzer";
}

void xapnews_analyzer_destroy(xapnews_analyzer_t *a)
{
    if (!a) return;
    xn_stemmer_free(a->stemmer);
    xn_tables_free(&a->tables);
    xn_tokens_free(&a->toks);
    xn_strbuf_free(&a->strings);
    free(a->out);
    free(a);
}
