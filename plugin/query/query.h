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

struct xn_typos;

/** The corrections of QUERY's typo pass (typos.h; owned by QUERY). */
const struct xn_typos *xn_query_typos(const xapnews_query_t *query);

/** The text QUERY was parsed from (owned by QUERY). */
const char *xn_query_text(const xapnews_query_t *query);

/** The text QUERY was parsed from with each misspelt word replaced by its
 *  best correction (query typos, typos.h), malloc'd; *OUT is NULL when
 *  there is none. Returns 0, or -1 when memory runs out. */
int xn_query_corrected_text(const xapnews_query_t *query, char **out);

/** A query of DB that runs XQ (taken over, released even on failure), for
 *  searches a module builds itself rather than parses (no text, no typos,
 *  nothing highlighted), with DB's weighting. On failure sets DB's error
 *  and returns its status. */
xapnews_status_t xn_query_wrap(xapnews_database_t *db, xs_query *xq, xapnews_query_t **out);

#endif
