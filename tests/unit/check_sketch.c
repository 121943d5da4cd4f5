/* check_sketch.c - MinHash sketches (plugin/analysis/sketch.h), checked
 * against the exact overlap of the shingle sets they estimate, over
 * generated texts and random edits of them. */
#include "sketch.h"
#include "run_suite.h"

#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A small deterministic generator (xorshift64), so failures repeat. */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A text of N words drawn from a vocabulary of VOCAB, as word hashes. */
static void random_text(uint64_t *w, size_t n, unsigned vocab)
{
    for (size_t i = 0; i < n; i++) {
        char word[16];
        int len = snprintf(word, sizeof word, "w%u", (unsigned)(next_random() % vocab));
        w[i] = xn_sketch_word_hash(word, (size_t)len);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The oracle: the exact Jaccard overlap of the shingle sets of A and B,
 * shingles compared word by word (through sorted lists of their hashes
 * combined without the sketch's own code). */
static size_t shingles_of(const uint64_t *w, size_t n, uint64_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i + XN_SKETCH_SHINGLE <= n; i++) {
        uint64_t h = 1469598103934665603ULL;
        for (unsigned j = 0; j < XN_SKETCH_SHINGLE; j++) h = (h ^ w[i + j]) * 1099511628211ULL;
        out[k++] = h;
    }
    qsort(out, k, sizeof *out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || out[u - 1] != out[i]) out[u++] = out[i];
    return u;
}

static double exact_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    uint64_t *sa = malloc((na + 1) * sizeof *sa), *sb = malloc((nb + 1) * sizeof *sb);
    size_t ka = shingles_of(a, na, sa), kb = shingles_of(b, nb, sb), i = 0, j = 0, both = 0;
    while (i < ka && j < kb) {
        if (sa[i] == sb[j]) both++, i++, j++;
        else if (sa[i] < sb[j]) i++;
        else j++;
    }
    free(sa);
    free(sb);
    return ka + kb - both ? (double)both / (double)(ka + kb - both) : 0.0;
}

/* The definition, written out plainly: hash function K of a shingle is
 * MurmurHash3's finaliser of the shingle's combined word hashes XOR the
 * K-th Weyl seed, its high 32 bits; the sketch keeps each function's
 * least over the shingles. Every way xn_sketch_compute() takes (vector
 * instructions or not) must agree with it, for texts of every length. */
static uint64_t ref_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

START_TEST(every_path_computes_the_definition)
{
    uint64_t words[700];
    for (size_t n = 0; n < 700; n += 1 + n / 8) {
        for (size_t i = 0; i < n; i++) words[i] = next_random();
        uint32_t want[XN_SKETCH_HASHES];
        for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) want[k] = UINT32_MAX;
        for (size_t i = 0; i + XN_SKETCH_SHINGLE <= n; i++) {
            uint64_t s = 0;
            for (unsigned j = 0; j < XN_SKETCH_SHINGLE; j++) {
                unsigned r = 13 * j;
                s ^= r ? (words[i + j] << r) | (words[i + j] >> (64 - r)) : words[i + j];
            }
            for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) {
                uint32_t v = (uint32_t)(ref_mix(s ^ ((uint64_t)(k + 1) * 0x9e3779b97f4a7c15ULL)) >> 32);
                if (v < want[k]) want[k] = v;
            }
        }
        xn_sketch fast, portable;
        xn_sketch_compute(words, n, &fast);
        xn_sketch_compute_portable(words, n, &portable);
        size_t shingles = n >= XN_SKETCH_SHINGLE ? n - XN_SKETCH_SHINGLE + 1 : 0;
        ck_assert_uint_eq(fast.shingles, shingles);
        ck_assert_uint_eq(portable.shingles, shingles);
        for (unsigned k = 0; k < XN_SKETCH_HASHES; k++) {
            ck_assert_msg(fast.h[k] == want[k], "%zu words, hash %u: %u, not %u", n, k,
                          fast.h[k], want[k]);
            ck_assert_msg(portable.h[k] == want[k], "%zu words, hash %u (portable)", n, k);
        }
    }
}
END_TEST

START_TEST(estimates_the_exact_overlap)
{
    /* texts of 50 to 800 words, edited at rates from none to all; the
     * estimate's standard error at 64 hashes is at most 0.0625 */
    enum { MAXW = 900 };
    uint64_t a[MAXW], b[MAXW];
    double worst = 0, sum = 0;
    int trials = 0;
    for (int t = 0; t < 300; t++) {
        size_t n = 50 + next_random() % 750;
        random_text(a, n, 2000);
        memcpy(b, a, n * sizeof *a);
        size_t nb = n;
        unsigned rate = (unsigned)(next_random() % 41); /* percent of words replaced */
        for (size_t i = 0; i < n; i++)
            if (next_random() % 100 < rate) random_text(b + i, 1, 2000);
        if (t % 3 == 0) { /* and a paragraph added at the end */
            size_t extra = next_random() % 60;
            random_text(b + nb, extra, 2000);
            nb += extra;
        }
        xn_sketch sa, sb;
        xn_sketch_compute(a, n, &sa);
        xn_sketch_compute(b, nb, &sb);
        double est = xn_sketch_similarity(&sa, &sb), exact = exact_overlap(a, n, b, nb);
        double err = est > exact ? est - exact : exact - est;
        ck_assert_msg(err < 0.25, "trial %d: estimate %.3f, exact %.3f", t, est, exact);
        if (err > worst) worst = err;
        sum += err;
        trials++;
    }
    ck_assert_msg(sum / trials < 0.06, "mean error %.3f", sum / trials);
}
END_TEST

START_TEST(same_text_same_sketch_and_bands)
{
    uint64_t a[200];
    random_text(a, 200, 500);
    xn_sketch s1, s2;
    xn_sketch_compute(a, 200, &s1);
    xn_sketch_compute(a, 200, &s2);
    ck_assert(xn_sketch_similarity(&s1, &s2) == 1.0);
    for (unsigned b = 0; b < XN_SKETCH_BANDS; b++) {
        char x[XN_SKETCH_BAND_MAX], y[XN_SKETCH_BAND_MAX];
        size_t lx = xn_sketch_band(&s1, b, x), ly = xn_sketch_band(&s2, b, y);
        ck_assert_uint_eq(lx, ly);
        ck_assert_str_eq(x, y);
        ck_assert_uint_eq(lx, (b < 10 ? 2 : 3) + 8);
    }
    /* bands of different texts differ */
    uint64_t c[200];
    random_text(c, 200, 500);
    xn_sketch s3;
    xn_sketch_compute(c, 200, &s3);
    int same = 0;
    for (unsigned b = 0; b < XN_SKETCH_BANDS; b++) {
        char x[XN_SKETCH_BAND_MAX], y[XN_SKETCH_BAND_MAX];
        xn_sketch_band(&s1, b, x);
        xn_sketch_band(&s3, b, y);
        same += strcmp(x, y) == 0;
    }
    ck_assert_int_eq(same, 0);
}
END_TEST

START_TEST(word_order_matters)
{
    /* the same words in reverse make other shingles */
    uint64_t a[100], b[100];
    random_text(a, 100, 1000000);
    for (size_t i = 0; i < 100; i++) b[i] = a[99 - i];
    xn_sketch sa, sb;
    xn_sketch_compute(a, 100, &sa);
    xn_sketch_compute(b, 100, &sb);
    ck_assert(xn_sketch_similarity(&sa, &sb) < 0.1);
}
END_TEST

START_TEST(short_texts_have_no_sketch)
{
    uint64_t a[4];
    random_text(a, 4, 10);
    xn_sketch s, t;
    for (size_t n = 0; n < XN_SKETCH_SHINGLE; n++) {
        xn_sketch_compute(a, n, &s);
        ck_assert_uint_eq(s.shingles, 0);
        ck_assert(xn_sketch_similarity(&s, &s) == 0.0);
    }
    xn_sketch_compute(a, 4, &t);
    ck_assert_uint_eq(t.shingles, 1);
    ck_assert(xn_sketch_similarity(&t, &t) == 1.0);
}
END_TEST

START_TEST(encodes_and_decodes)
{
    uint64_t a[300];
    random_text(a, 300, 800);
    xn_sketch s, back;
    xn_sketch_compute(a, 300, &s);
    unsigned char bytes[XN_SKETCH_BYTES];
    xn_sketch_encode(&s, bytes);
    ck_assert_int_eq(xn_sketch_decode(bytes, sizeof bytes, &back), 0);
    ck_assert_mem_eq(back.h, s.h, sizeof s.h);
    ck_assert(xn_sketch_similarity(&s, &back) == 1.0);
    /* big endian: the first hash's top byte first */
    ck_assert_uint_eq(bytes[0], s.h[0] >> 24);
    /* anything but XN_SKETCH_BYTES bytes is no sketch */
    ck_assert_int_eq(xn_sketch_decode(bytes, sizeof bytes - 1, &back), -1);
    ck_assert_uint_eq(back.shingles, 0);
    ck_assert_int_eq(xn_sketch_decode("", 0, &back), -1);
    ck_assert(xn_sketch_similarity(&s, &back) == 0.0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sketch");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, estimates_the_exact_overlap);
    tcase_add_test(tc, same_text_same_sketch_and_bands);
    tcase_add_test(tc, word_order_matters);
    tcase_add_test(tc, short_texts_have_no_sketch);
    tcase_add_test(tc, encodes_and_decodes);
    tcase_add_test(tc, every_path_computes_the_definition);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
