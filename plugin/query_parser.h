/* query_parser.h - turns query text into a Xapian query.
 *
 * Syntax (documented for users in the README):
 *   word            a word; stemmed unless it starts with a capital letter
 *   "a phrase"      the words in order, unstemmed
 *   a-b             a hyphenated word matches "a-b", "a b" and "ab"
 *   +word -word     the word is required / excluded
 *   a AND b, a OR b, a NOT b, ( ... )   operators (upper case) and groups
 *   title:WORD  title:"PHRASE"     words of the title
 *   official:WORD  official:"NAME" words of an official's name
 *   outlet:NAME  outlet:"NAME"     articles from that outlet
 *   id:ID                          the article with that id
 *   date:2016  date:2016-05  date:2016-05-01
 *   date:A..B  date:..B  date:A..  an inclusive date range
 * Words not joined by an operator must all match (AND), or any may match
 * with XAPNEWS_QUERY_DEFAULT_OR. Unknown "name:" prefixes are plain text.
 */
#ifndef XAPNEWS_QUERY_PARSER_H
#define XAPNEWS_QUERY_PARSER_H

#include "error.h"
#include "highlight.h"
#include "stemmer.h"
#include "tables.h"

/** The longest query text accepted, in bytes. */
#define XN_QUERY_MAX_BYTES 65536
/** The most words (terms) a query may hold. */
#define XN_QUERY_MAX_TERMS 1024

/** Parses TEXT. Returns the query (owned by the caller; free with
 *  xs_query_free), or NULL with ERR set (XAPNEWS_STATUS_BAD_QUERY and a
 *  message naming the column for syntax errors). A query without any word
 *  gives a query that matches nothing. Words searched for are added to HL
 *  (may be NULL). STEMMER may be NULL (no stemming). */
xs_query *xn_query_parse(const char *text, unsigned flags, xn_stemmer *stemmer,
                         xn_hlset *hl, xn_error *err);

/** The same, with the index's tables: forms of the variant table are
 *  searched by their canonical form (which the indexer put wherever any
 *  form occurs), and official: and outlet: values named in the officials
 *  and outlets tables are searched by their canonical name. With PROFILE,
 *  each word or phrase searched in the text is also searched in the
 *  title, officials and outlet fields the profile weighs, every field
 *  scaled by its weight. TABLES and PROFILE may be NULL. */
xs_query *xn_query_parse_with(const char *text, unsigned flags,
                              xn_stemmer *stemmer, const xn_tables *tables,
                              const xapnews_profile_t *profile, xn_hlset *hl,
                              xn_error *err);

#endif
