/* boost.h - a profile's boosts applied to a parsed query.
 *
 * Boosts add weight to documents the query already matches, never change
 * which documents match (OP_AND_MAYBE), and are built from posting sources
 * Xapian's remote protocol knows:
 *  - recency: a ValueMapPostingSource over the date value (slot 0) that
 *    maps each date in the database to WEIGHT * 0.5^(age / HALF_LIFE),
 *    age counted in days back from the reference date;
 *  - officials the query's searched texts name (not excluded words nor
 *    filters): FixedWeightPostingSource filtered by the official's
 *    XOFFICIAL: term;
 *  - outlets named in the profile: the same, filtered by XOUTLET:.
 */
#ifndef XAPNEWS_BOOST_H
#define XAPNEWS_BOOST_H

#include "error.h"
#include "profile.h"
#include "query_tree.h"
#include "stemmer.h"
#include "tables.h"

/** Returns Q, the query built from TREE, with PROFILE's boosts added;
 *  takes ownership of Q (released on failure too). NULL with ERR set on
 *  failure. */
xs_query *xn_boost_query(xs_db *db, const xapnews_profile_t *profile,
                         const xn_tables *tables, xn_qtree *tree,
                         xs_query *q, xn_error *err);

/** The weighting scheme of PROFILE for the shim. */
void xn_profile_weighting(const xapnews_profile_t *profile, xs_weighting *w);

#endif
