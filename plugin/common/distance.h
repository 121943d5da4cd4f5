/* distance.h - edit distance between words.
 *
 * Words are compared by Unicode code point, not by byte, so "café" and
 * "cafe" are one edit apart. The distance is Damerau-Levenshtein in its
 * "optimal string alignment" form: the fewest insertions, deletions,
 * substitutions and transpositions of two adjacent characters that turn one
 * word into the other, no substring edited twice (so "ca" -> "abc" is 3).
 * Pure functions: no allocation, no state.
 */
#ifndef XAPNEWS_DISTANCE_H
#define XAPNEWS_DISTANCE_H

#include <stddef.h>
#include <stdint.h>

/** The longest word compared, in code points; longer words are cut. */
#define XN_DISTANCE_MAX_CHARS 64

/** Decodes LEN bytes of UTF-8 at S into OUT (room for CAP code points).
 *  Returns the number of code points, or (size_t)-1 for invalid UTF-8 or
 *  a word longer than CAP. */
size_t xn_utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap);

/** The distance between A (NA code points) and B (NB), or MAX + 1 when it
 *  is larger than MAX (computation stops early). Words longer than
 *  XN_DISTANCE_MAX_CHARS are compared on their first
 *  XN_DISTANCE_MAX_CHARS code points. */
unsigned xn_distance(const uint32_t *a, size_t na, const uint32_t *b,
                     size_t nb, unsigned max);

/** The same for two UTF-8 words; invalid UTF-8 or a word longer than
 *  XN_DISTANCE_MAX_CHARS code points gives MAX + 1. */
unsigned xn_distance_utf8(const char *a, size_t alen, const char *b,
                          size_t blen, unsigned max);

/** The edits allowed between a word of NCHARS code points and a spelling
 *  variant of it: 0 below 5 (short words are too easily other words),
 *  1 from 5 to 8, 2 from 9 on. */
unsigned xn_distance_budget(size_t nchars);

#endif
