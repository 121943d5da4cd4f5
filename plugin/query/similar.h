/* similar.h - similar articles ("more like this"): like:ID in a query,
 * and xapnews_query_similar().
 *
 * The articles like an article are those that hold the words telling it
 * apart: its best XAPNEWS_SIMILAR_TERMS expand terms (xapnews.h; the
 * README's "Similar articles" says how the number was chosen) by Xapian's relevance
 * feedback (Enquire::get_eset with an RSet of that article alone,
 * xapian_shim_expand.h), OR'd, as Omega's similar search does. Only the
 * index's plain word terms are used (the body's and title's words as
 * written, not stems, field terms or filters). The article itself (its
 * id term, Q + id) and its near duplicates (its story term, XDUP: + the
 * story key of value slot 8, when it has one) are excluded.
 *
 * This module looks the article up and fills the LIKE nodes of a parsed
 * tree (query_tree.h): a rewrite pass between parsing and building, as
 * the typo pass is. The query builder (query_builder.h) turns each
 * resolved node into its Xapian query. like: values are ids, never words:
 * the typo pass, did you mean and corrected search leave them alone.
 */
#ifndef XAPNEWS_SIMILAR_H
#define XAPNEWS_SIMILAR_H

#include "error.h"
#include "query_tree.h"
#include "xapian_shim.h"

/** Fills every LIKE node of TREE (excluded ones too) from DB: the id
 *  term, the story term and the expand terms of the article whose id is
 *  the node's text. Returns 0, or -1 with ERR set:
 *  XAPNEWS_STATUS_ARTICLE_NOT_FOUND with "no article with id 'ID'" for an
 *  id no article has, XAPNEWS_STATUS_OUT_OF_MEMORY, or the database's
 *  error. */
int xn_similar_resolve(xs_db *db, xn_qtree *tree, xn_error *err);

#endif
