/* query_rewrite.c - see query_rewrite.h. */
#include "query_rewrite.h"
#include "names.h"
#include "schema.h"
#include "slug.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Replaces N's text by the canonical name of its entry in TABLE, if any. */
static int use_canonical(xn_qnode *n, const xn_names *table)
{
    long entry = table ? xn_names_lookup(table, n->text, n->len) : -1;
    if (entry < 0) return 0;
    char *name = xn_strdup(xn_names_get(table, (size_t)entry)->canonical);
    if (!name) return -1;
    if (n->owned) free((char *)n->text);
    n->text = name;
    n->len = strlen(name);
    n->owned = 1;
    n->quoted = 1;
    return 0;
}

/* Sets N's term: PREFIX and its value, slugged when SLUG is set (NULL
 * for a value with nothing to slug). */
static int set_term(xn_qnode *n, const char *prefix, int slug)
{
    xn_strbuf b = XN_STRBUF_INIT;
    if (xn_strbuf_puts(&b, prefix) < 0 ||
        (slug ? xn_slug_append(n->text, n->len, &b)
              : xn_strbuf_append(&b, n->text, n->len)) < 0) {
        xn_strbuf_free(&b);
        return -1;
    }
    free(n->term);
    n->term = b.len > strlen(prefix) ? xn_strbuf_take(&b) : NULL;
    xn_strbuf_free(&b);
    return 0;
}

static int resolve(void *ctx, xn_qnode *n)
{
    const xn_tables *t = ctx;
    switch (n->kind == XN_QNODE_DATE ? XN_QFIELD_DATE : n->field) {
    case XN_QFIELD_OFFICIAL: /* a prefix names nobody in full */
        return n->wildcard ? 0 : use_canonical(n, t ? t->officials : NULL);
    case XN_QFIELD_OUTLET:
        return use_canonical(n, t ? t->outlets : NULL) < 0 ? -1
               : set_term(n, XN_PREFIX_OUTLET, 1);
    case XN_QFIELD_ID:
        return set_term(n, XN_PREFIX_ID, 0);
    case XN_QFIELD_DECLARED: /* a keyword's value, folded as indexed */
        return n->kind == XN_QNODE_FILTER ? set_term(n, n->def->prefix, 1) : 0;
    default:
        return 0;
    }
}

int xn_qtree_resolve_fields(xn_qtree *tree, const xn_tables *tables, xn_error *err)
{
    if (xn_qtree_each_node(tree, resolve, (void *)tables) == 0) return 0;
    xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return -1;
}
