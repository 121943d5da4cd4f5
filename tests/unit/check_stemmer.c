/* check_stemmer.c - unit tests of the cached Snowball stemmer
 * (plugin/analysis/stemmer.h), against Snowball's own English test vocabulary
 * (package snowball-data: voc.txt and output.txt, line by line). */
#include <check.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemmer.h"
#include "strbuf.h"
#include "run_suite.h"

#define VOC_DIR "/usr/share/snowball/data/english"
#define VOC_PAIRS 29417

typedef struct {
    char **words, **stems;
    size_t n;
} vocab_t;

static vocab_t vocab;

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

/* Loads both files once; every line of voc.txt pairs with the same line of
 * output.txt. */
static void load_vocab(void)
{
    if (vocab.n) return;
    FILE *v = fopen(VOC_DIR "/voc.txt", "r");
    FILE *o = fopen(VOC_DIR "/output.txt", "r");
    ck_assert_msg(v && o, "cannot open " VOC_DIR "/voc.txt and output.txt "
                          "(install snowball-data)");
    size_t cap = 0;
    char *lv = NULL, *lo = NULL;
    size_t capv = 0, capo = 0;
    for (;;) {
        ssize_t gv = getline(&lv, &capv, v);
        ssize_t go = getline(&lo, &capo, o);
        if (gv < 0 || go < 0) {
            ck_assert_msg(gv < 0 && go < 0,
                          "voc.txt and output.txt differ in length at line %zu",
                          vocab.n + 1);
            break;
        }
        chomp(lv);
        chomp(lo);
        if (vocab.n == cap) {
            cap = cap ? cap * 2 : 32768;
            vocab.words = realloc(vocab.words, cap * sizeof *vocab.words);
            vocab.stems = realloc(vocab.stems, cap * sizeof *vocab.stems);
            ck_assert(vocab.words && vocab.stems);
        }
        vocab.words[vocab.n] = strdup(lv);
        vocab.stems[vocab.n] = strdup(lo);
        vocab.n++;
    }
    free(lv);
    free(lo);
    fclose(v);
    fclose(o);
}

/* Stems every vocabulary word with S; returns the number of mismatches and
 * describes the first few in WHY. */
static size_t run_vocab(xn_stemmer *s, xn_strbuf *why)
{
    size_t bad = 0;
    for (size_t i = 0; i < vocab.n; i++) {
        size_t len = 0;
        const char *stem =
            xn_stemmer_stem(s, vocab.words[i], strlen(vocab.words[i]), &len);
        ck_assert_ptr_nonnull(stem);
        ck_assert_uint_eq(strlen(stem), len); /* NUL terminated at LEN */
        if (len != strlen(vocab.stems[i]) ||
            memcmp(stem, vocab.stems[i], len) != 0) {
            if (bad++ < 5)
                xn_strbuf_printf(why, " line %zu: %s -> %.*s (expected %s);",
                                 i + 1, vocab.words[i], (int)len, stem,
                                 vocab.stems[i]);
        }
    }
    return bad;
}

START_TEST(snowball_english_vocabulary)
{
    load_vocab();
    ck_assert_uint_eq(vocab.n, VOC_PAIRS);
    int unknown = -1;
    xn_stemmer *s = xn_stemmer_new("english", &unknown);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(unknown, 0);
    xn_strbuf why = XN_STRBUF_INIT;
    size_t bad = run_vocab(s, &why);
    ck_assert_msg(bad == 0, "%zu of %zu stems differ:%s", bad, vocab.n,
                  why.data ? why.data : "");
    xn_strbuf_free(&why);
    xn_stemmer_free(s);
}
END_TEST

START_TEST(cache_gives_the_same_stems)
{
    load_vocab();
    xn_stemmer *s = xn_stemmer_new("english", NULL);
    ck_assert_ptr_nonnull(s);
    xn_strbuf why = XN_STRBUF_INIT;
    /* first pass fills the cache, second pass reads from it (and evicts) */
    ck_assert_uint_eq(run_vocab(s, &why), 0);
    size_t bad = run_vocab(s, &why);
    ck_assert_msg(bad == 0, "second pass: %zu stems differ:%s", bad,
                  why.data ? why.data : "");
    /* the same word twice in a row: a cache hit */
    size_t l1, l2;
    const char *a = xn_stemmer_stem(s, "talks", 5, &l1);
    ck_assert_uint_eq(l1, 4);
    ck_assert_str_eq(a, "talk");
    const char *b = xn_stemmer_stem(s, "talks", 5, &l2);
    ck_assert_uint_eq(l2, 4);
    ck_assert_str_eq(b, "talk");
    /* only LEN bytes of the word are read */
    const char *c = xn_stemmer_stem(s, "talkingXYZ", 7, &l1);
    ck_assert_uint_eq(l1, 4);
    ck_assert_str_eq(c, "talk");
    xn_strbuf_free(&why);
    xn_stemmer_free(s);
}
END_TEST

START_TEST(words_too_long_for_the_cache)
{
    /* words of 64 bytes and more bypass the cache; they must still be
     * stemmed as libstemmer stems them */
    struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
    ck_assert_ptr_nonnull(sb);
    xn_stemmer *s = xn_stemmer_new("english", NULL);
    ck_assert_ptr_nonnull(s);
    const char *bases[] = {"internationalization", "connections",
                           "hopefulness", "generously"};
    for (size_t k = 0; k < sizeof bases / sizeof bases[0]; k++) {
        for (size_t total = 60; total <= 130; total += 7) {
            char word[160];
            size_t bl = strlen(bases[k]);
            size_t pad = total > bl ? total - bl : 0;
            memset(word, 'x', pad);
            memcpy(word + pad, bases[k], bl + 1);
            size_t wl = strlen(word);
            const sb_symbol *r =
                sb_stemmer_stem(sb, (const sb_symbol *)word, (int)wl);
            ck_assert_ptr_nonnull(r);
            char expect[200];
            int el = sb_stemmer_length(sb);
            memcpy(expect, r, (size_t)el);
            expect[el] = '\0';
            for (int pass = 0; pass < 2; pass++) {
                size_t len;
                const char *got = xn_stemmer_stem(s, word, wl, &len);
                ck_assert_ptr_nonnull(got);
                ck_assert_uint_eq(len, (size_t)el);
                ck_assert_str_eq(got, expect);
            }
        }
    }
    xn_stemmer_free(s);
    sb_stemmer_delete(sb);
}
END_TEST

START_TEST(languages)
{
    int unknown = -1;
    ck_assert_ptr_null(xn_stemmer_new("klingon", &unknown));
    ck_assert_int_eq(unknown, 1);
    ck_assert_ptr_null(xn_stemmer_new("klingon", NULL)); /* UNKNOWN optional */

    /* the ISO 639 code works as well as the algorithm name */
    unknown = -1;
    xn_stemmer *en = xn_stemmer_new("en", &unknown);
    ck_assert_ptr_nonnull(en);
    ck_assert_int_eq(unknown, 0);
    size_t len;
    ck_assert_str_eq(xn_stemmer_stem(en, "connections", 11, &len), "connect");
    ck_assert_uint_eq(len, 7);
    xn_stemmer_free(en);
    xn_stemmer_free(NULL);

    int has_english = 0;
    for (const char **l = xn_stemmer_languages(); *l; l++)
        if (strcmp(*l, "english") == 0) has_english = 1;
    ck_assert_int_eq(has_english, 1);
}
END_TEST

START_TEST(should_stem)
{
    ck_assert_int_eq(xn_stemmer_should_stem("talks", 5), 1);
    ck_assert_int_eq(xn_stemmer_should_stem("2015", 4), 0);
    ck_assert_int_eq(xn_stemmer_should_stem("", 0), 0);
    ck_assert_int_eq(xn_stemmer_should_stem("\xC3\xA9" "cole", 6), 1); /* école */
    ck_assert_int_eq(xn_stemmer_should_stem("u.s", 3), 1);
    ck_assert_int_eq(xn_stemmer_should_stem("3.5", 3), 0);
    ck_assert_int_eq(xn_stemmer_should_stem("'tis", 4), 0);
    ck_assert_int_eq(xn_stemmer_should_stem("\xFF" "abc", 4), 0); /* bad UTF-8 */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stemmer");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, snowball_english_vocabulary);
    tcase_add_test(tc, cache_gives_the_same_stems);
    tcase_add_test(tc, words_too_long_for_the_cache);
    tcase_add_test(tc, languages);
    tcase_add_test(tc, should_stem);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
