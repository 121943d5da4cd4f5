/* typos.h - name-aware typo tolerance for searches.
 *
 * A query word that is rare or absent in the index (in at most
 * XN_TYPO_RARE_DOCS articles) and a few edits from a name the index knows
 * is also searched as that name: "Shengkum" also searches "Shengkun". The
 * names are the words of the officials table and the words of the name
 * lexicon (plugin/index/lexicon.h) capitalised in mid-sentence at least
 * XN_TYPO_NAME_MIN times, and in most of their occurrences. The edits
 * allowed grow with the word's length (xn_distance_budget(): none below
 * five letters). The name must be in more articles than the word, and
 * must not share its stem. A word typed in lower case that the index
 * holds, and mostly not capitalised, is an ordinary word and is left
 * alone, as are words of id:, date: and outlet: values and excluded
 * (-word) words.
 *
 * The query is then searched as typed OR with the names put in (weighted
 * XN_TYPO_WEIGHT), so articles that match as typed still rank first.
 */
#ifndef XAPNEWS_TYPOS_H
#define XAPNEWS_TYPOS_H

#include <stddef.h>

#include "error.h"
#include "highlight.h"
#include "lexicon.h"
#include "query_tree.h"
#include "stemmer.h"
#include "tables.h"

#define XN_TYPO_RARE_DOCS 2
#define XN_TYPO_MAX_NAMES 8
#define XN_TYPO_WEIGHT 0.5

/** One word also searched as a name (or an ordinary word). A word may
 *  have several, best first (RANK 0). */
typedef struct {
    char *word; /* as typed */
    char *name; /* as searched, capitalised like the word */
    size_t start, end; /* bytes of the word in the query text */
    unsigned rank;     /* 0 for the word's best, 1 for the next... */
    unsigned cost;     /* xn_name_distance() units */
    int ordinary;      /* a word of the spelling data, not a name: offered
                        * ("did you mean"), not searched */
} xn_typo;

typedef struct xn_typos {
    xn_typo *t;
    size_t n;
} xn_typos;

#define XN_TYPOS_INIT {NULL, 0}

void xn_typos_free(xn_typos *t);

/** The names query words are compared with: the words of the
 *  officials' names and the words of the database's name lexicon counted
 *  at least XN_TYPO_NAME_MIN times, each grouped by length, so that a
 *  word is compared only with the names a few edits away in length (and
 *  then in letters). Built by xn_typos_find() on first need, from the
 *  tables it is then given, and kept by the caller for later searches
 *  with the same database and tables. */
typedef struct xn_typo_names xn_typo_names;

void xn_typo_names_free(xn_typo_names *n);

/** Finds the words of TREE's searched texts (not filter values nor
 *  excluded words) to search also as names, over the database DB
 *  opened from PATH (for the lexicon of a sharded database; may be NULL)
 *  with TABLES and STEMMER (may be NULL). *NAMES caches the database's
 *  names: when NULL they are loaded on first need and left there for
 *  later calls (the caller frees them with xn_typo_names_free()). Fills
 *  OUT (emptied first); offsets are in the query text. On failure sets
 *  ERR and returns its status. */
xapnews_status_t xn_typos_find(xs_db *db, const char *path, xn_typo_names **names,
                               const xn_tables *tables, xn_stemmer *stemmer,
                               xn_qtree *tree, xn_typos *out, xn_error *err);

/** TEXT with every word of T replaced by its name (malloc'd; NULL when
 *  memory runs out). */
char *xn_typos_rewrite(const char *text, const xn_typos *t);

/** The typo pass of the query pipeline: gives TREE the names of T (found
 *  in TREE by xn_typos_find(); T must outlive TREE's use), so the builder
 *  searches each misspelt word as typed OR as its names, each rank
 *  weighing less (query_builder.h); a quoted text holding a misspelt word
 *  gets its text with the names of each rank put in (up to
 *  XN_QNODE_CORRECTIONS), searched as alternative phrases. Returns 0, or
 *  -1 with ERR set when memory runs out. */
int xn_qtree_correct(xn_qtree *tree, const xn_typos *t, xn_error *err);

#endif
