/* facets.h - counts of matching articles by outlet, official, year and
 * month. */
#ifndef XAPNEWS_FACETS_H
#define XAPNEWS_FACETS_H

#include "error.h"
#include "fields.h"
#include "tables.h"
#include "xapnews.h"

#define XN_FACET_COUNT 4      /* outlet, official, year, month */
#define XN_FACET_MAX_VALUES 50 /* values kept per facet */

typedef struct {
    char *value;
    unsigned long count;
} xn_facet_entry;

typedef struct {
    xn_facet_entry *e;
    size_t n;
} xn_facet;

/** How the official facet was counted. */
typedef enum {
    XN_OFFICIALS_NONE,     /* not asked for */
    XN_OFFICIALS_ONE_PASS, /* from the sets in XN_SLOT_OFFICIALS, counted in
                              the search itself */
    XN_OFFICIALS_BY_TERM   /* one more match per XN_PREFIX_OFFICIAL term:
                              for matches indexed before the slot existed */
} xn_officials_method;

/** The most declared fields one search counts. */
#define XN_FACET_MAX_FIELDS 16

typedef struct {
    unsigned mask;         /* the xapnews_facet_t values to count */
    unsigned max_values;   /* values kept per facet (XN_FACET_MAX_VALUES) */
    int officials_by_term; /* count officials by term even where the slot
                              would do (tests compare the two) */
    /* declared facetable fields to count (at most XN_FACET_MAX_FIELDS),
     * each into the entry of FIELD_OUT of the same index */
    const xn_field *const *fields;
    size_t n_fields;
    xn_facet *field_out;
    unsigned collapse;     /* XS_NO_COLLAPSE, or the slot hits collapse on
                              (the facets count every match all the same) */
} xn_facet_options;

/** The index (0..XN_FACET_COUNT-1) of FACET, or -1. */
int xn_facet_index(xapnews_facet_t facet);

/** Runs Q over DB for hits OFFSET..OFFSET+LIMIT-1 with weighting W, in
 *  the order of SORT (NULL: relevance), counting the facets OPT asks for
 *  into OUT: outlets and officials sorted by count, then value, and cut
 *  to OPT->max_values; years and months ("YYYY-MM") a histogram in date
 *  order, every value kept. One match counts them all: outlets and years
 *  by match spies on their value slots, months by one on the date slot
 *  (dates of a year only count for no month), officials by a spy on
 *  XN_SLOT_OFFICIALS whose sets are split and added up per official. When
 *  some match lacks that slot (indexed before it existed), officials are
 *  counted by term instead, one more match each. Declared fields are
 *  counted in the same match, by a spy on each one's slot: a keyword by
 *  its slugs (a multiple field's sets split as the officials' are), most
 *  frequent first, cut to OPT->max_values; a number by value, the same
 *  way; a date by year, a histogram in date order. Officials are named by
 *  the officials table's canonical name when TABLES (may be NULL) knows
 *  them, else by slug. *METHOD (METHOD may be NULL) receives how
 *  officials were counted. Returns the results, or NULL with ERR set
 *  (OUT then holds nothing). */
xs_mset *xn_facets_search(xs_db *db, const xs_query *q, unsigned offset,
                          unsigned limit, const xs_weighting *w, const xs_sort *sort,
                          const xn_facet_options *opt, const xn_tables *tables,
                          xn_facet out[XN_FACET_COUNT],
                          xn_officials_method *method, xn_error *err);

void xn_facets_free(xn_facet f[XN_FACET_COUNT]);

/** Frees the N facets F (a declared field's). */
void xn_facets_free_n(xn_facet *f, size_t n);

#endif
