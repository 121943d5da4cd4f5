/* sketch.h - MinHash sketches of a text's word shingles, to find near
 * duplicates.
 *
 * A text's shingles are its runs of XN_SKETCH_SHINGLE consecutive words.
 * The sketch keeps, for each of XN_SKETCH_HASHES hash functions, the least
 * hash over the shingles; the share of positions where two sketches agree
 * estimates the Jaccard overlap of their shingle sets (Broder, 1997), to
 * within about 0.06 at 64 hashes. A changed headline, a dateline or an
 * added paragraph changes few shingles of a story, so its republished
 * copies keep most of its sketch.
 *
 * For finding candidates without comparing every pair, the sketch is cut
 * into XN_SKETCH_BANDS bands of XN_SKETCH_ROWS hashes (locality-sensitive
 * hashing; the first 16 hashes): two texts share a band with probability
 * 1 - (1 - J^2)^8 for an overlap J, 0.995 at J = 0.7, 0.90 at J = 0.5 and
 * 0.28 at J = 0.2; the whole sketch then decides. Eight short bands rather
 * than sixteen of four hashes: each band is one unique term per article,
 * and those terms were a third of the indexing time, while the looser
 * bands only add candidates to compare.
 *
 * Everything here is pure computation on caller-owned memory.
 */
#ifndef XAPNEWS_SKETCH_H
#define XAPNEWS_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#define XN_SKETCH_SHINGLE 4
#define XN_SKETCH_HASHES 64
#define XN_SKETCH_BANDS 8
#define XN_SKETCH_ROWS 2
/* Bytes of a sketch as stored (XN_SLOT_SKETCH): 4 per hash, big endian. */
#define XN_SKETCH_BYTES (4 * XN_SKETCH_HASHES)
/* The longest band key xn_sketch_band() writes, NUL included: the band
 * number, ':' and 8 hex digits. */
#define XN_SKETCH_BAND_MAX 16

typedef struct {
    uint32_t h[XN_SKETCH_HASHES];
    size_t shingles; /* 0: the text has fewer than XN_SKETCH_SHINGLE words */
} xn_sketch;

/** A 64-bit hash of one (folded) word, the unit xn_sketch_compute() takes. */
uint64_t xn_sketch_word_hash(const char *word, size_t len);

/** The sketch of a text of N words, given as their xn_sketch_word_hash()
 *  values in text order. Fewer than XN_SKETCH_SHINGLE words give an empty
 *  sketch (shingles 0), which matches nothing. */
void xn_sketch_compute(const uint64_t *words, size_t n, xn_sketch *out);

/** xn_sketch_compute() without vector instructions, which it uses where
 *  the CPU has them (AVX-512): the same sketch, for tests to compare. */
void xn_sketch_compute_portable(const uint64_t *words, size_t n, xn_sketch *out);

/** The estimated overlap (Jaccard) of the texts of A and B, in [0, 1]; 0
 *  when either is empty. */
double xn_sketch_similarity(const xn_sketch *a, const xn_sketch *b);

/** Writes S as XN_SKETCH_BYTES bytes into OUT. */
void xn_sketch_encode(const xn_sketch *s, unsigned char out[XN_SKETCH_BYTES]);

/** Reads a sketch written by xn_sketch_encode(); -1 (and an empty sketch)
 *  when DATA is not LEN == XN_SKETCH_BYTES bytes (an article indexed
 *  without one). */
int xn_sketch_decode(const void *data, size_t len, xn_sketch *out);

/** Band B (0 .. XN_SKETCH_BANDS - 1) of S as text: "B:" and 8 hex digits
 *  of a hash of its rows, into OUT (XN_SKETCH_BAND_MAX bytes); returns its
 *  length. */
size_t xn_sketch_band(const xn_sketch *s, unsigned b, char out[XN_SKETCH_BAND_MAX]);

#endif
