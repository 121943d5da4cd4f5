/* similar.c - see similar.h. */
#include "similar.h"
#include "schema.h"
#include "strbuf.h"
#include "xapian_shim_expand.h"
#include "xapian_shim_terms.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    xn_qnode *n;
    int nomem;
} collector;

/* Appends TERM (LEN bytes) and its WEIGHT to the node's expand terms. */
static int collect(void *ctx, const char *term, size_t len, double weight)
{
    collector *c = ctx;
    xn_qnode *n = c->n;
    char **terms = realloc(n->like_terms, (n->n_like + 1) * sizeof *terms);
    if (terms) n->like_terms = terms;
    double *weights = realloc(n->like_weights, (n->n_like + 1) * sizeof *weights);
    if (weights) n->like_weights = weights;
    char *copy = terms && weights ? xn_strndup(term, len) : NULL;
    if (!copy) {
        c->nomem = 1;
        return 1;
    }
    n->like_terms[n->n_like] = copy;
    n->like_weights[n->n_like++] = weight;
    return 0;
}

/* PREFIX and the LEN bytes of VALUE as one malloc'd term, or NULL. */
static char *prefixed(const char *prefix, const char *value, size_t len)
{
    xn_strbuf b = XN_STRBUF_INIT;
    if (xn_strbuf_puts(&b, prefix) < 0 || xn_strbuf_append(&b, value, len) < 0) {
        xn_strbuf_free(&b);
        return NULL;
    }
    return xn_strbuf_take(&b);
}

typedef struct {
    xs_db *db;
    xn_error *err;
} resolver;

static int resolve(void *ctx, xn_qnode *n)
{
    resolver *r = ctx;
    if (n->kind != XN_QNODE_LIKE || n->like_resolved) return 0;
    free(n->term);
    if (!(n->term = prefixed(XN_PREFIX_ID, n->text, n->len))) goto nomem;
    xs_error xe;
    unsigned docid = 0;
    size_t found = 0;
    if (xs_term_docs(r->db, n->term, strlen(n->term), &docid, 1, &found, &xe) < 0) {
        xn_error_from_shim(r->err, &xe, "cannot look the article up");
        return -1;
    }
    if (!found) {
        xn_error_set(r->err, XAPNEWS_STATUS_ARTICLE_NOT_FOUND, "no article with id '%.*s'",
                     (int)n->len, n->text);
        return -1;
    }
    char *story = NULL;
    size_t story_len = 0;
    if (xs_doc_value(r->db, docid, XN_SLOT_STORY, &story, &story_len, &xe) < 0) {
        xn_error_from_shim(r->err, &xe, "cannot read the article's story key");
        return -1;
    }
    free(n->like_story);
    n->like_story = story_len ? prefixed(XN_PREFIX_STORY, story, story_len) : NULL;
    free(story);
    if (story_len && !n->like_story) goto nomem;
    collector c = {n, 0};
    if (xs_expand_terms(r->db, &docid, 1, XAPNEWS_SIMILAR_TERMS, collect, &c, &xe) < 0) {
        xn_error_from_shim(r->err, &xe, "cannot find the article's terms");
        return -1;
    }
    if (c.nomem) goto nomem;
    n->like_resolved = 1;
    return 0;
nomem:
    xn_error_set(r->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return -1;
}

int xn_similar_resolve(xs_db *db, xn_qtree *tree, xn_error *err)
{
    resolver r = {db, err};
    return xn_qtree_each_node(tree, resolve, &r) ? -1 : 0;
}
