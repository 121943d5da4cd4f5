/* query.h - what other modules (and tests) may read of a parsed query. */
#ifndef XAPNEWS_QUERY_H
#define XAPNEWS_QUERY_H

#include "error.h"
#include "xapnews.h"

/** The Xapian query QUERY runs (owned by QUERY). */
const xs_query *xn_query_handle(const xapnews_query_t *query);

/** The weighting QUERY runs with: its database's profile when it was
 *  parsed (owned by QUERY). */
const xs_weighting *xn_query_weighting(const xapnews_query_t *query);

#endif
