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

xapnews_status_t xapnews_article_add_value(xapnews_article_t *a, const char *name,
                                           const char *value, size_t len)
{
    if (!a || !name || !value) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_article_value *p = xn_grow(a->values, &a->cap_values, a->n_values + 1, sizeof *p, 4);
    if (!p) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    a->values = p;
    xn_article_value v = {xn_strdup(name), xn_strndup(value, len), len};
    if (!v.name || !v.value) {
        free(v.name);
        free(v.value);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    a->values[a->n_values++] = v;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_article_value_count(const xapnews_article_t *a, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; a && name && i < a->n_values; i++)
        n += strcmp(a->values[i].name, name) == 0;
    return n;
}

const char *xapnews_article_value(const xapnews_article_t *a, const char *name, size_t k)
{
    for (size_t i = 0; a && name && i < a->n_values; i++)
        if (strcmp(a->values[i].name, name) == 0 && k-- == 0) return a->values[i].value;
    return NULL;
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
    for (size_t i = 0; i < a->n_values; i++) {
        free(a->values[i].name);
        free(a->values[i].value);
    }
    a->n_values = 0;
}

void xapnews_article_destroy(xapnews_article_t *a)
{
    if (!a) return;
    xapnews_article_clear(a);
    free(a->officials);
    free(a->values);
    free(a);
}
