/* phonetic_index.h - names grouped by how they sound.
 *
 * A set of names, each kept with the caller's tags and weight, looked up
 * by Metaphone key (phonetic.h): every name that sounds like a word, in
 * one hash lookup. Typo tolerance (plugin/query/typos.h) gives a name
 * that sounds like the query word half an edit off; it finds the names
 * within its budget in the name trie (name_distance.h) and the ones the
 * half edit brings in here, so its trie walk keeps the smaller budget.
 *
 * Add the names, call xn_phonetic_index_finish() once, then look up any
 * number of keys. The index owns copies of the names.
 */
#ifndef XAPNEWS_PHONETIC_INDEX_H
#define XAPNEWS_PHONETIC_INDEX_H

#include <stddef.h>

#include "phonetic.h"

typedef struct xn_phonetic_index xn_phonetic_index;

/** An empty index (NULL when memory runs out). */
xn_phonetic_index *xn_phonetic_index_new(void);

/** Adds NAME (LEN bytes, folded) with TAGS and WEIGHT, under its key. A
 *  name without letters a-z has no key and is not added; a name added
 *  twice is found twice. Returns 0, or -1 when memory runs out (the index
 *  is as it was). */
int xn_phonetic_index_add(xn_phonetic_index *ix, const char *name, size_t len,
                          unsigned tags, unsigned weight);

/** Makes the names findable by key, once they are in (names added after
 *  it are not found until it is called again). Returns 0, or -1 when
 *  memory runs out (the index finds what it found before). */
int xn_phonetic_index_finish(xn_phonetic_index *ix);

/** Called for a name of the key looked up: its bytes (valid while the
 *  index lives), its tags and weight; non-zero stops the lookup. */
typedef int (*xn_phonetic_found_fn)(void *ctx, const char *name, size_t len, unsigned tags,
                                    unsigned weight);

/** Calls FN for every name whose key is KEY (NUL terminated, as
 *  xn_metaphone() writes it), in the order they were added. Returns 0, or
 *  1 when FN stopped it. */
int xn_phonetic_index_each(const xn_phonetic_index *ix, const char *key,
                           xn_phonetic_found_fn fn, void *ctx);

/** The number of names in the index. */
size_t xn_phonetic_index_count(const xn_phonetic_index *ix);

void xn_phonetic_index_free(xn_phonetic_index *ix);

#endif
