/* query_rewrite.h - rewrite passes over a parsed query (query_tree.h)
 * that need the index's tables.
 *
 * The typo pass lives with typo tolerance (typos.h); variant forms and
 * acronyms are found by the builder (query_builder.h), which analyses
 * each text as the indexer does.
 */
#ifndef XAPNEWS_QUERY_REWRITE_H
#define XAPNEWS_QUERY_REWRITE_H

#include "query_tree.h"
#include "tables.h"

/** Resolves field values: an official: or outlet: value naming an entry
 *  of the officials or outlets table (TABLES may be NULL) is replaced by
 *  the entry's canonical name (an official's then searched as a phrase);
 *  outlet: and id: filters get their terms, and so do the filters of
 *  declared keyword fields (their prefix and the value's slug). Returns 0, or -1 with ERR
 *  set (XAPNEWS_STATUS_OUT_OF_MEMORY). */
int xn_qtree_resolve_fields(xn_qtree *tree, const xn_tables *tables,
                            xn_error *err);

#endif
