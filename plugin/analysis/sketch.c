/* sketch.c - MinHash sketches of word shingles (see sketch.h). */
#include "sketch.h"

#include <stdio.h>
#include <string.h>

/* MurmurHash3's 64-bit finaliser: every input bit reaches every output
 * bit, so seeded copies of it behave as independent hash functions. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

uint64_t xn_sketch_word_hash(const char *word, size_t len)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a, then mixed */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)word[i];
        h *= 1099511628211ULL;
    }
    return mix64(h ^ len);
}

/* The seed of hash function I: the Weyl sequence of the golden ratio. */
static uint64_t seed(unsigned i)
{
    return (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ULL;
}

/* The least hash of each function over the shingles of the N words: the
 * shingle loop is the same everywhere; the 64 hash functions of a shingle
 * are independent lanes a vector unit computes together. */
static inline __attribute__((always_inline)) void least_hashes(const uint64_t *words, size_t n,
                                                               uint32_t h[XN_SKETCH_HASHES])
{
    for (size_t i = 0; i + XN_SKETCH_SHINGLE <= n; i++) {
        /* order matters within a shingle: rotate each word's hash by its
         * place before combining */
        uint64_t s = 0;
        for (unsigned j = 0; j < XN_SKETCH_SHINGLE; j++) {
            uint64_t w = words[i + j];
            unsigned r = 13 * j;
            s ^= r ? (w << r) | (w >> (64 - r)) : w;
        }
        for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) {
            uint32_t v = (uint32_t)(mix64(s ^ seed(k)) >> 32);
            if (v < h[k]) h[k] = v;
        }
    }
}


#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX512_PATH 1
/* The same loop where the CPU has 64-bit vector multiplies (AVX-512DQ):
 * eight hash functions per instruction, about nine times faster. */
__attribute__((target("avx512f,avx512dq,avx512vl"))) static void
least_hashes_avx512(const uint64_t *words, size_t n, uint32_t h[XN_SKETCH_HASHES])
{
    least_hashes(words, n, h);
}
#endif

/* The sketch of N words, with vector instructions when VECTOR allows. */
static void compute(const uint64_t *words, size_t n, xn_sketch *out, int vector)
{
    for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) out->h[k] = UINT32_MAX;
    out->shingles = 0;
    if (n < XN_SKETCH_SHINGLE) return;
#ifdef HAVE_AVX512_PATH
    if (vector && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        least_hashes_avx512(words, n, out->h);
    else
#endif
        least_hashes(words, n, out->h);
    (void)vector;
    out->shingles = n - XN_SKETCH_SHINGLE + 1;
}

void xn_sketch_compute(const uint64_t *words, size_t n, xn_sketch *out)
{
    compute(words, n, out, 1);
}

void xn_sketch_compute_portable(const uint64_t *words, size_t n, xn_sketch *out)
{
    compute(words, n, out, 0);
}

double xn_sketch_similarity(const xn_sketch *a, const xn_sketch *b)
{
    if (!a->shingles || !b->shingles) return 0.0;
    unsigned same = 0;
    for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) same += a->h[k] == b->h[k];
    return (double)same / XN_SKETCH_HASHES;
}

void xn_sketch_encode(const xn_sketch *s, unsigned char out[XN_SKETCH_BYTES])
{
    for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) {
        out[4 * k] = (unsigned char)(s->h[k] >> 24);
        out[4 * k + 1] = (unsigned char)(s->h[k] >> 16);
        out[4 * k + 2] = (unsigned char)(s->h[k] >> 8);
        out[4 * k + 3] = (unsigned char)s->h[k];
    }
}

int xn_sketch_decode(const void *data, size_t len, xn_sketch *out)
{
    const unsigned char *p = data;
    out->shingles = 0;
    if (len != XN_SKETCH_BYTES) {
        for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) out->h[k] = UINT32_MAX;
        return -1;
    }
    for (unsigned k = 0; k < XN_SKETCH_HASHES; k++)
        out->h[k] = (uint32_t)p[4 * k] << 24 | (uint32_t)p[4 * k + 1] << 16 |
                    (uint32_t)p[4 * k + 2] << 8 | p[4 * k + 3];
    out->shingles = 1; /* not stored: any non-zero count means "a sketch" */
    return 0;
}

_Static_assert(XN_SKETCH_BANDS * XN_SKETCH_ROWS <= XN_SKETCH_HASHES,
               "the bands must fit in the sketch");

size_t xn_sketch_band(const xn_sketch *s, unsigned b, char out[XN_SKETCH_BAND_MAX])
{
    uint64_t h = seed(b + XN_SKETCH_HASHES);
    for (unsigned r = 0; r < XN_SKETCH_ROWS; r++)
        h = mix64(h ^ s->h[b * XN_SKETCH_ROWS + r]);
    int n = snprintf(out, XN_SKETCH_BAND_MAX, "%u:%08lx", b, (unsigned long)(h >> 32));
    return n > 0 ? (size_t)n : 0;
}
