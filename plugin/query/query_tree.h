/* query_tree.h - query text parsed into a syntax tree.
 *
 * The query pipeline has three stages, each in its own module:
 *   1. xn_qtree_parse() (here) reads the syntax into a tree and knows
 *      nothing of tables, stems or Xapian;
 *   2. rewrite passes change the tree: xn_qtree_resolve_fields()
 *      (query_rewrite.h) puts the canonical names of officials and
 *      outlets into field values, xn_typos_find() (typos.h) reads the
 *      words a typo may be in and xn_qtree_correct() gives each text the
 *      corrected spelling as an alternative;
 *   3. xn_query_build() (query_builder.h) turns the tree into one Xapian
 *      query, finding variant forms and acronyms in each text as the
 *      indexer does.
 * Syntax (documented for users in the README):
 *   word            a word; stemmed unless it starts with a capital letter
 *   "a phrase"      the words in order, unstemmed
 *   a-b             a hyphenated word matches "a-b", "a b" and "ab"
 *   +word -word     the word is required / excluded
 *   a AND b, a OR b, a NOT b, ( ... )   operators (upper case) and groups
 *   word^2  "a phrase"^0.5  (...)^3    the item weighs that much more
 *   title:WORD  title:"PHRASE"     words of the title
 *   official:WORD  official:"NAME" words of an official's name
 *   outlet:NAME  outlet:"NAME"     articles from that outlet (a filter)
 *   id:ID                          the article with that id (a filter)
 *   like:ID                        articles like the article with that id
 *                                  (similar.h), scored, not a filter
 *   date:2016  date:2016-05  date:2016-05-01
 *   date:A..B  date:..B  date:A..  an inclusive date range (a filter)
 *   NAME:...                       a field the schema declares (fields.h):
 *                                  a searchable text's words, a filterable
 *                                  keyword's value (a filter), a filterable
 *                                  date as date:, a filterable number:
 *                                  NAME:12, NAME:1..5, NAME:..5, NAME:1..
 * Words not joined by an operator must all match (AND), or any may match
 * with XAPNEWS_QUERY_DEFAULT_OR. Filters restrict the matches whatever
 * the default operator, as Xapian's boolean prefixes do: filters of one
 * field are alternatives, filters of different fields all apply. Unknown
 * "name:" prefixes are plain text.
 */
#ifndef XAPNEWS_QUERY_TREE_H
#define XAPNEWS_QUERY_TREE_H

#include <stddef.h>

#include "error.h"
#include "fields.h"

/** The longest query text accepted, in bytes. */
#define XN_QUERY_MAX_BYTES 65536
/** The deepest nesting of parentheses accepted. */
#define XN_QUERY_MAX_DEPTH 64

/** The corrections a text node holds: a misspelt word's best few. */
#define XN_QNODE_CORRECTIONS 3

typedef enum {
    XN_QNODE_TEXT,   /* words, or a phrase, searched in a text field */
    XN_QNODE_FILTER, /* a boolean filter: outlet:, id: */
    XN_QNODE_DATE,   /* a date range filter */
    XN_QNODE_LIKE,   /* like:ID, the articles like that one: TEXT is the
                        id; xn_similar_resolve() (similar.h) fills LIKE */
    XN_QNODE_AND,    /* items joined by AND, NOT or nothing */
    XN_QNODE_OR      /* alternatives joined by OR */
} xn_qnode_kind;

/** What an item of an AND node does. */
typedef enum {
    XN_QROLE_DEFAULT,  /* required, or optional under DEFAULT_OR (filters: a filter) */
    XN_QROLE_REQUIRED, /* +item, or joined by AND */
    XN_QROLE_EXCLUDED  /* -item, or after NOT */
} xn_qrole;

/** The fields a node searches. */
typedef enum {
    XN_QFIELD_BODY, /* the article's text, and the fields a profile adds */
    XN_QFIELD_TITLE,
    XN_QFIELD_OFFICIAL,
    XN_QFIELD_OUTLET,
    XN_QFIELD_ID,
    XN_QFIELD_DATE,
    XN_QFIELD_DECLARED, /* a field the schema declares: see xn_qnode.def */
    XN_QFIELD_LIKE      /* like: */
} xn_qfield;

typedef struct xn_qnode xn_qnode;

struct xn_qnode {
    xn_qnode_kind kind;
    xn_qrole role;   /* in its AND parent; XN_QROLE_DEFAULT elsewhere */
    xn_qfield field; /* TEXT, FILTER and DATE */
    size_t at;       /* byte offset of the item in the query text */
    double boost;    /* ITEM^BOOST: its weight multiplied (0: as is) */
    /* TEXT: a run of plain words, a phrase or a field's value. TEXT
     * points into the tree's copy of the query, or to a replacement the
     * node owns (OWNED set); for a quoted text, CORRECTED[K] (owned, may
     * be NULL) is the text with misspelt words replaced by their K-th
     * correction (see xn_qtree_correct()). */
    const char *text;
    size_t len;
    int quoted, owned;
    int wildcard; /* a bare word written with a final '*': TEXT is the prefix */
    char *corrected[XN_QNODE_CORRECTIONS];
    /* FILTER: the value as written (TEXT, LEN) and, once resolved, the
     * whole term with its prefix (owned; NULL for a value that names
     * nothing, which matches nothing). */
    char *term;
    /* DATE: compact bounds ("" for an open end); of a number field, its
     * sortable_serialise()d bounds of LO_LEN and HI_LEN bytes (0 for an
     * open end) */
    char lo[20], hi[20];
    size_t lo_len, hi_len;
    /* DECLARED: the field (owned by the schema, which outlives the tree)
     * and its index in the schema */
    const xn_field *def;
    size_t def_index;
    /* LIKE, once resolved (similar.h; all owned): the article's best
     * expand terms, best first, with their weights; TERM is its id term
     * (Q + id) and LIKE_STORY its story term (XDUP: + key), or NULL when
     * it has no story key. Both are excluded. */
    char **like_terms;
    double *like_weights;
    size_t n_like;
    char *like_story;
    int like_resolved;
    /* AND, OR */
    xn_qnode **child;
    size_t n_child;
};

/** A parsed query; owns its nodes and a copy of the text. */
typedef struct {
    char *text;
    size_t len;
    xn_qnode *root; /* NULL for a query without any item */
    /* the query is written in capitals (terms.h: xn_text_in_capitals()):
     * AND, OR and NOT are words, and no word is read as a name */
    int capitals;
    /* the typo pass's corrections (typos.h; not owned, may be NULL) */
    const struct xn_typos *typos;
} xn_qtree;

/** Parses TEXT (NUL-terminated) into *TREE. Returns 0, or -1 with ERR
 *  set: XAPNEWS_STATUS_BAD_QUERY with "query syntax error at column N:
 *  reason" for bad syntax, XAPNEWS_STATUS_OUT_OF_MEMORY. *TREE is empty
 *  on failure; release it with xn_qtree_free() either way. Only the
 *  built-in fields are fields. */
int xn_qtree_parse(const char *text, xn_qtree *tree, xn_error *err);

/** xn_qtree_parse() with the declared fields of FIELDS (NULL: none) as
 *  fields too: a searchable text field's NAME:, and a filterable keyword,
 *  date or number field's. FIELDS must outlive the tree. */
int xn_qtree_parse_fields(const char *text, const xn_fields *fields, xn_qtree *tree,
                          xn_error *err);

/** TEXT as plain words, whatever syntax it holds: one text searched
 *  with the default operator. For a query that does not parse, searched
 *  the way Xapian's QueryParser and Omega fall back. Fails only when
 *  TEXT is too long or memory runs out. */
int xn_qtree_parse_words(const char *text, xn_qtree *tree, xn_error *err);

/** A tree of one LIKE node for the article id ID (NUL-terminated, taken
 *  as it is, whatever it holds): what like:ID parses to, for
 *  xapnews_query_similar(). Returns 0, or -1 with ERR set
 *  (XAPNEWS_STATUS_OUT_OF_MEMORY); release with xn_qtree_free(). */
int xn_qtree_like(const char *id, xn_qtree *tree, xn_error *err);

void xn_qtree_free(xn_qtree *tree);

/** Calls FN for every TEXT node that is not excluded (by -, NOT or an
 *  excluded ancestor), in query order, until FN returns non-zero (which
 *  is returned). */
int xn_qtree_each_searched_text(xn_qtree *tree,
                                int (*fn)(void *ctx, xn_qnode *text),
                                void *ctx);

/** Calls FN for every node, children before their parents. */
int xn_qtree_each_node(xn_qtree *tree, int (*fn)(void *ctx, xn_qnode *n),
                       void *ctx);

#endif
