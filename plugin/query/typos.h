/* typos.h - name-aware typo tolerance for searches.
 *
 * A query word that is rare or absent in the index (in at most
 * XN_TYPO_RARE_DOCS articles; for a word typed in lower case, counting
 * its stem) is compared with the names the index knows: the words of the
 * officials table, and every word of the name lexicon
 * (plugin/index/lexicon.h) capitalised in mid-sentence in most of its
 * articles, even a name written once. The cost of a name is
 * xn_name_distance() (plugin/common/name_distance.h), which charges
 * transliteration differences (Zelensky/Zelenskyy, Khodorkovski/
 * Khodorkovsky, Gorbachov/Gorbachev) half an edit, less half an edit when
 * the two sound alike (xn_metaphone()). A capitalised word may reach
 * names one edit away up to five letters, two up to eight, three beyond
 * (none below four); a word typed in lower case, xn_distance_budget()'s
 * edits. A name must be in more articles than the word, and a word typed
 * in lower case leaves alone a name of its own stem, which its stemmed
 * search finds already (a capitalised word is searched unstemmed, so
 * "Khodorkovski" does reach "Khodorkovsky").
 *
 * The best XN_TYPO_MAX_NAMES names, ranked by whole edits, then by the
 * articles that write them, then by cost, and at most one edit worse than
 * the best, are searched besides the word (query_builder.h): the word as
 * typed OR each name, the best weighing XN_TYPO_WEIGHT and each next less,
 * so articles that match as typed still rank first, and a given name
 * written right with a surname misspelt meets its article. A word no
 * article holds and no name is near gets, when the spelling data has a
 * word within two edits that costs less than every name (for a word typed
 * in lower case: no more), that ordinary word: offered ("did you mean",
 * corrected search), never searched, so a query ranks alike on remote
 * shards, which have no spelling data.
 *
 * A word typed in lower case that the index holds, and mostly not
 * capitalised, is an ordinary word and is left alone, as are words of id:,
 * date: and outlet: values and excluded (-word) words, and every word of a
 * query wholly in capitals is read as typed in lower case.
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

/** The names query words are compared with: the words of the officials'
 *  names and the words of the database's name lexicon, in a trie and an
 *  index of sounds (plugin/common/name_distance.h). Built by
 *  xn_typos_find() on first need, from the tables it is then given, and
 *  kept by the caller for later searches with the same database and
 *  tables. The lexicon's words are read from their keys alone; the count
 *  of a name is read when it is found within reach of a word, and a
 *  lower-case word's own count before any name is read
 *  (xn_lexicon_reader_open()). */
typedef struct xn_typo_names xn_typo_names;

void xn_typo_names_free(xn_typo_names *n);

/** Whether N's names weigh their counts: read whole from the start (a
 *  stub), or after enough searches without them (see typos.c). */
int xn_typo_names_weighed(const xn_typo_names *n);

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
