/* facets.h - counts of matching articles by outlet, official and year. */
#ifndef XAPNEWS_FACETS_H
#define XAPNEWS_FACETS_H

#include "error.h"
#include "tables.h"
#include "xapnews.h"

#define XN_FACET_COUNT 3      /* outlet, official, year */
#define XN_FACET_MAX_VALUES 50 /* values kept per facet */

typedef struct {
    char *value;
    unsigned long count;
} xn_facet_entry;

typedef struct {
    xn_facet_entry *e;
    size_t n;
} xn_facet;

/** The index (0..2) of FACET, or -1. */
int xn_facet_index(xapnews_facet_t facet);

/** Runs Q over DB for hits OFFSET..OFFSET+LIMIT-1 with weighting W,
 *  counting the facets of MASK into OUT: outlets and years with match
 *  spies over their value slots, officials by counting the matches that
 *  carry each XOFFICIAL: term (named by the officials table's canonical
 *  name when it knows the official). Returns the results, or NULL with
 *  ERR set. */
xs_mset *xn_facets_search(xs_db *db, const xs_query *q, unsigned offset,
                          unsigned limit, const xs_weighting *w, unsigned mask,
                          const xn_tables *tables, xn_facet out[XN_FACET_COUNT],
                          xn_error *err);

void xn_facets_free(xn_facet f[XN_FACET_COUNT]);

#endif
