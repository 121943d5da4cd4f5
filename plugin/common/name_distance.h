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

/** One edit, in the units xn_name_distance() returns. */
#define XN_NAME_EDIT 4u

/** The longest word compared, in bytes. */
#define XN_NAME_MAX_BYTES 64

#define XN_NAME_REWRITES 64

/** One rewrite between spellings of a sound, one way round. */
typedef struct {
    char from[4], to[4];
    unsigned char from_len, to_len, cost;
} xn_name_rewrite;

/** The rewrites, ready for xn_name_distance(): fill once with
 *  xn_name_costs_init() (a plain struct, no allocation), then compare any
 *  number of words. */
typedef struct {
    xn_name_rewrite rule[XN_NAME_REWRITES];
    unsigned char first[27]; /* rules by the last letter of FROM */
} xn_name_costs;

void xn_name_costs_init(xn_name_costs *costs);

/** The cost of turning the LEN_A bytes at A into the LEN_B bytes at B,
 *  or MAX + 1 when it is more than MAX (the computation stops early).
 *  Words longer than XN_NAME_MAX_BYTES cost MAX + 1. */
unsigned xn_name_distance(const xn_name_costs *costs, const char *a, size_t len_a,
                          const char *b, size_t len_b, unsigned max);

#endif
