/* similar.c - see similar.h. */
#include "similar.h"

#include "article_ref.h"
#include "schema.h"
#include "xapian_shim_expand.h"

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

typedef struct {
    xs_db *db;
    xn_error *err;
} resolver;

static int resolve(void *ctx, xn_qnode *n)
{
    resolver *r = ctx;
    if (n->kind != XN_QNODE_LIKE || n->like_resolved) return 0;
    xn_article_ref a;
    if (xn_article_ref_find(r->db, n->text, n->len, &a, r->err)) {
        xn_article_ref_free(&a);
        return -1;
    }
    free(n->term);
    free(n->like_story);
    n->term = a.id_term;
    n->like_story = a.story_len ? xn_prefixed_term(XN_PREFIX_STORY, a.story, a.story_len) : NULL;
    unsigned docid = a.docid;
    a.id_term = NULL;
    int nomem = a.story_len && !n->like_story;
    xn_article_ref_free(&a);
    if (nomem) goto nomem;
    xs_error xe;
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
