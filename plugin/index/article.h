/* article.h - the article record (xapnews_article_t); see xapnews.h. */
#ifndef XAPNEWS_ARTICLE_H
#define XAPNEWS_ARTICLE_H

#include "xapnews.h"

/* A value of a declared field. */
typedef struct {
    char *name;
    char *value;
    size_t len;
} xn_article_value;

struct xapnews_article {
    char *field[XAPNEWS_FIELD_COUNT]; /* NULL when unset */
    size_t field_len[XAPNEWS_FIELD_COUNT];
    char **officials;
    size_t n_officials, cap_officials;
    xn_article_value *values; /* the declared fields' values, in the order
                                 added */
    size_t n_values, cap_values;
};

#endif
