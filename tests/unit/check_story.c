/* check_story.c - the word sample of a story probe (plugin/index/story.h):
 * fed random words in random order with repeats, it must hold exactly the
 * XN_STORY_PROBE_WORDS least distinct hashes of the words short enough to
 * keep, each with its own text, whatever the order of the feed. */
#include "story.h"
#include "run_suite.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

typedef struct {
    char text[XN_STORY_WORD_MAX + 8];
    size_t len;
    uint64_t hash;
} word;

/* Word I of a vocabulary: "w" and its number, padded past the longest
 * kept word for every seventh. */
static void make_word(word *w, unsigned i)
{
    int n = snprintf(w->text, sizeof w->text, "w%u", i);
    w->len = (size_t)n;
    if (i % 7 == 3) {
        memset(w->text + n, 'x', XN_STORY_WORD_MAX + 1 - (size_t)n);
        w->len = XN_STORY_WORD_MAX + 1;
    }
    w->hash = xn_sketch_word_hash(w->text, w->len);
}

static int by_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

START_TEST(keeps_the_least_distinct_hashes)
{
    for (int trial = 0; trial < 300; trial++) {
        unsigned vocab = 1 + (unsigned)(next_random() % 80);
        size_t n = next_random() % 200;
        word *v = calloc(vocab, sizeof *v);
        uint64_t *expect = calloc(vocab, sizeof *expect);
        ck_assert(v && expect);
        for (unsigned i = 0; i < vocab; i++) make_word(&v[i], i);
        int *used = calloc(vocab, sizeof *used);
        xn_story_probe p;
        xn_story_probe_clear(&p);
        for (size_t k = 0; k < n; k++) {
            unsigned i = (unsigned)(next_random() % vocab);
            used[i] = 1;
            xn_story_probe_add(&p, v[i].text, v[i].len, v[i].hash);
        }
        size_t n_expect = 0;
        for (unsigned i = 0; i < vocab; i++)
            if (used[i] && v[i].len <= XN_STORY_WORD_MAX) expect[n_expect++] = v[i].hash;
        qsort(expect, n_expect, sizeof *expect, by_hash);
        if (n_expect > XN_STORY_PROBE_WORDS) n_expect = XN_STORY_PROBE_WORDS;
        ck_assert_uint_eq(p.n_words, n_expect);
        for (unsigned k = 0; k < p.n_words; k++) {
            ck_assert(p.hash[k] == expect[k]);
            /* the text kept is the word of that hash */
            ck_assert(xn_sketch_word_hash(p.word[k], p.len[k]) == p.hash[k]);
        }
        free(used);
        free(v);
        free(expect);
    }
}
END_TEST

START_TEST(clear_empties_the_sample)
{
    xn_story_probe p;
    xn_story_probe_clear(&p);
    xn_story_probe_add(&p, "talks", 5, xn_sketch_word_hash("talks", 5));
    xn_story_probe_add(&p, "", 0, xn_sketch_word_hash("", 0));
    ck_assert_uint_eq(p.n_words, 1);
    xn_story_probe_clear(&p);
    ck_assert_uint_eq(p.n_words, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("story");
    TCase *tc = tcase_create("probe");
    tcase_add_test(tc, keeps_the_least_distinct_hashes);
    tcase_add_test(tc, clear_empties_the_sample);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
