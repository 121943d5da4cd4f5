/* name_distance.h - how far apart two spellings of a name are, knowing
 * how names are transliterated.
 *
 * "Khodorkovsky" and "Khodorkovski", "Gorbachev" and "Gorbachov",
 * "Mohammed" and "Muhammad", "Zelensky" and "Zelenskyy" are the same name
 * written by two outlets. A plain edit distance counts each difference as
 * one edit, as it does for "Putin" and "Patin"; this one charges the
 * differences transliteration makes half an edit or less:
 *
 *  - letters that stand for one sound in another script: c/k/q, c/s, g/k,
 *    i/y/j, v/w, f/v, z/s, and one vowel for another;
 *  - a doubled letter written once ("Mohamed", "Zelenskyy");
 *  - an h after a consonant (kh/h, dh/d, th/t, gh/g, zh/z), and kh/ch;
 *  - a final e after a consonant ("Poutine", "Putin");
 *  - the spellings of one sound: ph/f, ou/u, oo/u, ee/i, ck/k, x/ks,
 *    tz/ts, sch/sh, tch/ch, ie/y, dj/j, zh/j, v/ff (-ov/-off), iy/y
 *    (-skiy/-sky).
 * Any other difference is one edit (insertion, deletion, substitution or
 * transposition of adjacent letters, as xn_distance()). Both words are
 * folded (lower case, accents stripped); letters outside a-z only match
 * themselves. The first letter matters as much as any other.
 *
 * Costs are in quarters of an edit (XN_NAME_EDIT is one edit). No
 * allocation, no state beyond the caller's xn_name_costs.
 */
#ifndef XAPNEWS_NAME_DISTANCE_H
#define XAPNEWS_NAME_DISTANCE_H

#include <stddef.h>
#include <stdint.h>

/** One edit, in the units xn_name_distance() returns. */
#define XN_NAME_EDIT 4u

/** The longest word compared, in bytes. */
#define XN_NAME_MAX_BYTES 64

#define XN_NAME_REWRITES 64

/** Two spellings of one sound, A and B, and what rewriting one as the
 *  other costs, either way round. */
typedef struct {
    const char *a, *b;
    unsigned cost;
} xn_name_sound;

/** The spellings of a sound xn_name_distance() rewrites (the list above:
 *  *N of them, static, not to be freed). */
const xn_name_sound *xn_name_sounds(size_t *n);

/** One rewrite between spellings of a sound, one way round. */
typedef struct {
    char from[4], to[4];
    unsigned char from_len, to_len, cost;
} xn_name_rewrite;

/** The rewrites for reading words one way (front to back, or back to
 *  front with every spelling reversed). */
typedef struct {
    xn_name_rewrite rule[XN_NAME_REWRITES];
    /* the first[26] rules by the last letter of TO: those ending in L are
     * rule[first[L]] .. rule[first[L + 1] - 1] */
    unsigned char first[26 + 1];
    /* what can reach past a row of the table with no live cell (see
     * xn_name_trie_search()), as bits (bit L for 'a' + L): the letters a
     * rewrite from two or three letters starts with (LONG_FROM), and for
     * each letter L those that follow it at the start of a rewrite from
     * three (FROM3[L]); rewrites are of the letters a-z only */
    uint32_t long_from, from3[26];
} xn_name_rules;

/** The rewrites, ready for xn_name_distance(): fill once with
 *  xn_name_costs_init() (a plain struct, no allocation), then compare any
 *  number of words. */
typedef struct {
    xn_name_rules ahead; /* as written */
    xn_name_rules back;  /* every spelling back to front, for the trie
                          * search's second pass over reversed names */
} xn_name_costs;

void xn_name_costs_init(xn_name_costs *costs);

/** The cost of turning the LEN_A bytes at A into the LEN_B bytes at B,
 *  or MAX + 1 when it is more than MAX (the computation stops early).
 *  Words longer than XN_NAME_MAX_BYTES cost MAX + 1. */
unsigned xn_name_distance(const xn_name_costs *costs, const char *a, size_t len_a,
                          const char *b, size_t len_b, unsigned max);

/* ---- many names at once ------------------------------------------------
 * A set of names in a trie: names sharing a prefix share the rows of the
 * computation above, and a branch is left as soon as its rows cost more
 * than asked and no rewrite reaching back over them can follow, so a word
 * is compared with thousands of names without computing each. The costs
 * found are exactly xn_name_distance()'s.
 *
 * For a budget of an edit or more, one walk would go on under every
 * prefix a few cheap differences away. The search splits the word in two
 * instead: a name within MAX either matches the first half within about
 * MAX / 2, or its second half does, so one walk over the names keeps to
 * half the budget until the middle of the word, and a second over the
 * names written back to front does the same from the end; the names
 * either walk finds are then compared one by one. */

typedef struct xn_name_trie xn_name_trie;

/** An empty set (NULL when memory runs out). */
xn_name_trie *xn_name_trie_new(void);

/** Adds NAME (LEN bytes, folded) with the caller's TAGS (non-zero bits,
 *  ORed with those of an earlier add of the same name) and WEIGHT (any
 *  measure of the caller's, a frequency say; the larger of an earlier
 *  add's and this one is kept): a search can leave out names weighing
 *  less than it needs, and every branch holding only such names. A name
 *  longer than XN_NAME_MAX_BYTES, or empty, is not added. Returns 0, or
 *  -1 when memory runs out (the set is as it was, or holds a prefix of
 *  NAME without tags). */
int xn_name_trie_add(xn_name_trie *trie, const char *name, size_t len, unsigned tags,
                     unsigned weight);

/** Lays the set out in memory for searching, once the names are in: a
 *  search finds the names added before the last call (none before the
 *  first). Returns 0, or -1 when memory runs out (the search finds what
 *  it found before). */
int xn_name_trie_finish(xn_name_trie *trie);

/** The number of names in the set. */
size_t xn_name_trie_count(const xn_name_trie *trie);

/** Called for a name found: its bytes (valid during the call only), its
 *  tags and its cost; non-zero stops the search. */
typedef int (*xn_name_found_fn)(void *ctx, const char *name, size_t len, unsigned tags,
                                unsigned cost);

/** Calls FN for every name of TRIE of MIN_LEN to MAX_LEN bytes weighing
 *  MIN_WEIGHT or more whose xn_name_distance() from WORD (LEN bytes) is
 *  at most MAX, the word itself included, in byte order (of unsigned
 *  bytes). Returns 0, 1 when FN stopped it, or -1 when memory runs out. */
int xn_name_trie_search(const xn_name_costs *costs, const xn_name_trie *trie,
                        const char *word, size_t len, unsigned max, size_t min_len,
                        size_t max_len, unsigned min_weight, xn_name_found_fn fn, void *ctx);

void xn_name_trie_free(xn_name_trie *trie);

#endif
