/* article.c - xapnews_article_t: a bag of owned strings. */
#include "article.h"
#include "grow.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

xapnews_status_t xapnews_article_create(xapnews_article_t **article)
{
    if (!article) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *article = calloc(1, sizeof **article);
    return *article ? XAPNEWS_STATUS_SUCCESS : XAPNEWS_STATUS_OUT_OF_MEMORY;
}

xapnews_status_t xapnews_article_set(xapnews_article_t *a,
                                     xapnews_field_t field, const char *value,
                                     size_t len)
{
    if (!a || !value || (unsigned)field >= XAPNEWS_FIELD_COUNT)
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    char *copy = xn_strndup(value, len);
    if (!copy) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    free(a->field[field]);
    a->field[field] = copy;
    a->field_len[field] = len;
    return XAPNEWS_STATUS_SUCCESS;
}

const char *xapnews_article_get(const xapnews_article_t *a,
                                xapnews_field_t field)
{
    if (!a || (unsigned)field >= XAPNEWS_FIELD_COUNT) return NULL;
    return a->field[field] ? a->field[field] : "";
}

xapnews_status_t xapnews_article_add_official(xapnews_article_t *a,
                                              const char *name)
{
    if (!a || !name) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    char **p = xn_grow(a->officials, &a->cap_officials, a->n_officials + 1, sizeof *p, 4);
    if (!p) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    a->officials = p;
    char *copy = xn_strdup(name);
    if (!copy) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    a->officials[a->n_officials++] = copy;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_article_official_count(const xapnews_article_t *a)
{
    return a ? a->n_officials : 0;
}

const char *xapnews_article_official(const xapnews_article_t *a, size_t i)
{
    return a && i < a->n_officials ? a->officials[i] : NULL;
}

void xapnews_article_clear(xapnews_article_t *a)
{
    if (!a) return;
    for (int f = 0; f < XAPNEWS_FIELD_COUNT; f++) {
        free(a->field[f]);
        a->field[f] = NULL;
        a->field_len[f] = 0;
    }
    for (size_t i = 0; i < a->n_officials; i++) free(a->officials[i]);
    a->n_officials = 0;
}

void xapnews_article_destroy(xapnews_article_t *a)
{
    if (!a) return;
    xapnews_article_clear(a);
    free(a->officials);
    free(a);
}
