/* query_builder.h - the Xapian query of a parsed query (query_tree.h).
 *
 * The one place that builds Xapian queries from query text. Each text of
 * the tree is analysed as the indexer analyses articles (terms.h):
 *   - a word is searched stemmed (Z prefix) unless capitalised or
 *     quoted, with the forms the tokeniser colocates with it;
 *   - a phrase, or words written as one ("cyber-security"), is a phrase;
 *   - a form of the variant table is searched as typed OR through the
 *     canonical stream (XV prefix), so its words still match apart and
 *     stemmed, every other form of its group matches, and phrases match
 *     across it;
 *   - an acronym the index's articles define also searches its meaning;
 *   - with a profile, each word or phrase of the default field is also
 *     searched in the title, officials and outlet fields the profile
 *     weighs, every field scaled by its weight.
 * Filters (outlet:, id:, date:) restrict the matches under both default
 * operators. When a text of the tree has a corrected spelling
 * (xn_qtree_correct()), the query is the tree as typed OR the tree as
 * corrected, the latter weighted XN_TYPO_WEIGHT.
 */
#ifndef XAPNEWS_QUERY_BUILDER_H
#define XAPNEWS_QUERY_BUILDER_H

#include "error.h"
#include "highlight.h"
#include "query_tree.h"
#include "stemmer.h"
#include "tables.h"

/** The most words a query's texts may hold, as written. */
#define XN_QUERY_MAX_WORDS 1024
/** The most words a prefix ("Khodor*") may stand for: a search where one
 *  stands for more fails with "Wildcard khodor* expands to more than 1000
 *  terms" (XAPNEWS_STATUS_BAD_QUERY). */
#define XN_WILDCARD_MAX 1000
/** The most terms a query may expand to (variants, fields, acronyms,
 *  corrections): a guard against pathological expansion only. */
#define XN_QUERY_MAX_TERMS 65536

struct xn_known_terms;

/** Builds TREE's query with FLAGS (XAPNEWS_QUERY_*), STEMMER (may be
 *  NULL: no stemming), TABLES and PROFILE (may be NULL). A term under a
 *  prefix KNOWN covers (known_terms.h; may be NULL) that KNOWN does not
 *  hold is left out: it would match nothing. With the
 *  profile's `stopwords = on`, the stopwords of the stemmer's language
 *  (stopwords.h) are left out of each group's words typed without an
 *  operator, unless the group has nothing else to search: quoted,
 *  required (+), excluded, boosted and field words keep them, as does a
 *  word written in capitals inside mixed-case text ("WHO"). Words searched
 *  for go into HL (may be NULL). Returns the query (free with
 *  xs_query_free()); a tree without any word gives a query that matches
 *  nothing. NULL with ERR set on failure: XAPNEWS_STATUS_BAD_QUERY
 *  naming the column when the query has more than XN_QUERY_MAX_WORDS
 *  words or expands to more than XN_QUERY_MAX_TERMS terms, or holds a
 *  like: that xn_similar_resolve() (similar.h) has not resolved,
 *  XAPNEWS_STATUS_OUT_OF_MEMORY, or a Xapian error. */
xs_query *xn_query_build(xn_qtree *tree, unsigned flags, xn_stemmer *stemmer,
                         const xn_tables *tables, const xapnews_profile_t *profile,
                         const struct xn_known_terms *known, xn_hlset *hl, xn_error *err);

/** Parses TEXT, resolves its fields (query_rewrite.h) and builds its
 *  query, without typo tolerance: the pipeline in one call, without a
 *  database (a like: is BAD_QUERY). */
xs_query *xn_query_parse_with(const char *text, unsigned flags,
                              xn_stemmer *stemmer, const xn_tables *tables,
                              const xapnews_profile_t *profile, xn_hlset *hl,
                              xn_error *err);

/** xn_query_parse_with() without tables or profile. */
xs_query *xn_query_parse(const char *text, unsigned flags, xn_stemmer *stemmer,
                         xn_hlset *hl, xn_error *err);

#endif
