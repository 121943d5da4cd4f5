/* check_dictionary.c - unit tests of the word lists of `synonyms suggest`
 * (plugin/discovery/dictionary.h): loading, bad input with FILE:LINE
 * messages, and, with Debian's wamerican and wbritish installed, what the
 * lists say of the pairs the issue lists and the verdict on each. Without
 * those lists it runs the rest and exits 77 (skipped). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dictionary.h"
#include "suggest.h"
#include "xapnews.h"
#include "run_suite.h"

static char tmpdir[] = "/tmp/xapnews-dict.XXXXXX";

/* Writes LEN bytes of TEXT to a file of the temporary folder; its path. */
static const char *write_list(const char *name, const char *text, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

static xapnews_dictionary_t *fresh(void)
{
    xapnews_dictionary_t *d = NULL;
    ck_assert_int_eq(xapnews_dictionary_create(&d, NULL), XAPNEWS_STATUS_SUCCESS);
    return d;
}

START_TEST(loads_lists)
{
    xapnews_dictionary_t *d = fresh();
    const char *us = "color\ncenter\nAnderson\nabbey's\n\n# a comment\r\nfrontier\r\n";
    ck_assert_int_eq(xapnews_dictionary_load(d, write_list("us", us, strlen(us))),
                     XAPNEWS_STATUS_SUCCESS);
    const char *uk = "colour\ncentre\n\xc3\x89lys\xc3\xa9" "e\nfrontier\n";
    ck_assert_int_eq(xapnews_dictionary_load(d, write_list("uk", uk, strlen(uk))),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_dictionary_list_count(d), 2);
    ck_assert_uint_eq(xapnews_dictionary_word_count(d), 7); /* not "abbey's" */
    ck_assert_int_eq(xapnews_dictionary_lookup(d, "Color"), XAPNEWS_DICTIONARY_WORD);
    ck_assert_int_eq(xapnews_dictionary_lookup(d, "anderson"), XAPNEWS_DICTIONARY_NAME);
    ck_assert_int_eq(xapnews_dictionary_lookup(d, "elysee"), XAPNEWS_DICTIONARY_NAME);
    ck_assert_int_eq(xapnews_dictionary_lookup(d, "abbey's"), 0);
    ck_assert_int_eq(xapnews_dictionary_lookup(d, "fronter"), 0);
    xn_dict_entry e = xn_dictionary_lookup(d, "frontier", 8);
    ck_assert_uint_eq(e.word_lists, 3);
    e = xn_dictionary_lookup(d, "colour", 6);
    ck_assert_uint_eq(e.word_lists, 2);
    ck_assert(xn_suggest_regional("color", "colour", xn_dictionary_lookup(d, "color", 5),
                                  xn_dictionary_lookup(d, "colour", 6)));
    xapnews_dictionary_destroy(d);
    xapnews_dictionary_destroy(NULL);
}
END_TEST

/* Loads TEXT and expects STATUS and the message MESSAGE (%s: the path). */
static void expect_bad(const char *text, size_t len, xapnews_status_t status,
                       const char *message)
{
    xapnews_dictionary_t *d = fresh();
    const char *path = write_list("bad", text, len);
    ck_assert_int_eq(xapnews_dictionary_load(d, path), status);
    char want[512];
    snprintf(want, sizeof want, message, path);
    ck_assert_str_eq(xapnews_dictionary_last_error(d), want);
    ck_assert_uint_eq(xapnews_dictionary_list_count(d), 0);
    ck_assert_uint_eq(xapnews_dictionary_word_count(d), 0);
    xapnews_dictionary_destroy(d);
}

START_TEST(bad_input)
{
    expect_bad("one\ntw\xff\n", 8, XAPNEWS_STATUS_BAD_INPUT, "%s:2: not UTF-8");
    expect_bad("one\ntwo three\n", 14, XAPNEWS_STATUS_BAD_INPUT,
               "%s:2: 'two three' is more than one word (a word list has one word a line)");
    expect_bad("one\n\ntwo\0\n", 10, XAPNEWS_STATUS_BAD_INPUT,
               "%s:3: a NUL byte (a word list is a text file)");
    char longline[300];
    memset(longline, 'a', sizeof longline);
    longline[299] = '\n';
    expect_bad(longline, sizeof longline, XAPNEWS_STATUS_BAD_INPUT,
               "%s:1: a line of more than 256 bytes (a word list has one word a line)");
    expect_bad("\n# nothing\n", 11, XAPNEWS_STATUS_BAD_INPUT,
               "%s: no words (a word list has one word a line)");
    xapnews_dictionary_t *d = fresh();
    char path[256];
    snprintf(path, sizeof path, "%s/none", tmpdir);
    ck_assert_int_eq(xapnews_dictionary_load(d, path), XAPNEWS_STATUS_FILE_ERROR);
    char want[512];
    snprintf(want, sizeof want, "%s: cannot read: No such file or directory", path);
    ck_assert_str_eq(xapnews_dictionary_last_error(d), want);
    /* a folder without the default lists: none loaded, no error */
    unsigned loaded = 9;
    ck_assert_int_eq(xapnews_dictionary_load_defaults(d, tmpdir, &loaded),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(loaded, 0);
    ck_assert_int_eq(xapnews_dictionary_load(NULL, path), XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_dictionary_load(d, NULL), XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_dictionary_lookup(NULL, "word"), 0);
    xapnews_dictionary_destroy(d);
}
END_TEST

/* ---- with the installed Debian lists ------------------------------------ */

static xapnews_dictionary_t *debian;

static xn_dict_entry entry(const char *w)
{
    return xn_dictionary_lookup(debian, w, strlen(w));
}

START_TEST(debian_entries)
{
    ck_assert_uint_eq(xapnews_dictionary_list_count(debian), 2);
    /* ordinary words of both lists */
    static const char *const both[] = {"billions", "millions", "premises", "promises",
                                       "looming", "looking", "weaken", "weaker",
                                       "scorer", "scored", "telephony", "telephone",
                                       "everyone", "every", "one", "foundation",
                                       "frontier", "licence", "license"};
    for (size_t i = 0; i < sizeof both / sizeof both[0]; i++)
        ck_assert_msg(entry(both[i]).word_lists == 3, "%s", both[i]);
    /* names of both lists */
    static const char *const names[] = {"bollywood", "hollywood", "venice", "andersen",
                                        "anderson", "silvia", "sylvia", "mohammad",
                                        "mohammed"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(entry(names[i]).word_lists == 0 && entry(names[i]).name_lists == 3,
                      "%s", names[i]);
    /* in neither */
    static const char *const none[] = {"fronter", "fondation", "fenice", "costas",
                                       "kostas", "almunia", "alumnia"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        ck_assert_msg(!entry(none[i]).word_lists && !entry(none[i]).name_lists, "%s", none[i]);
    /* one list each */
    ck_assert_uint_eq(entry("organization").word_lists, 1);
    ck_assert_uint_eq(entry("organisation").word_lists, 2);
}
END_TEST

static xn_pair_verdict judge(const char *v, const char *c, double nv, double nc,
                             unsigned long dv, unsigned long dc)
{
    xn_pair_evidence e = {.distance = 1, .length = 8, .phonetic = 1, .context = 0.3,
                          .variant_docs = dv, .canonical_docs = dc, .variant_names = nv,
                          .canonical_names = nc, .dictionary = 1,
                          .variant_dict = entry(v), .canonical_dict = entry(c)};
    return xn_suggest_verdict(v, c, &e);
}

START_TEST(debian_verdicts)
{
    ck_assert_int_eq(judge("billions", "millions", 0, 0, 12, 90), XN_PAIR_WORDS);
    ck_assert_int_eq(judge("premises", "promises", 0, 0, 5, 9), XN_PAIR_WORDS);
    ck_assert_int_eq(judge("looming", "looking", 0, 0, 4, 40), XN_PAIR_WORDS);
    ck_assert_int_eq(judge("weaken", "weaker", 0, 0, 3, 20), XN_PAIR_FORMATION);
    ck_assert_int_eq(judge("scorer", "scored", 0, 0, 2, 30), XN_PAIR_FORMATION);
    ck_assert_int_eq(judge("telephony", "telephone", 0, 0, 2, 40), XN_PAIR_FORMATION);
    ck_assert_int_eq(judge("bollywood", "hollywood", 1, 1, 8, 60), XN_PAIR_INITIAL);
    ck_assert_int_eq(judge("fenice", "venice", 1, 1, 3, 25), XN_PAIR_INITIAL);
    xn_pair_evidence every = {.length = 8, .phonetic = 1, .variant_docs = 3,
                              .canonical_docs = 60, .joined = 1, .dictionary = 1,
                              .canonical_dict = entry("everyone"),
                              .parts = {entry("every"), entry("one")}};
    ck_assert_int_eq(xn_suggest_verdict("every one", "everyone", &every), XN_PAIR_PHRASE);
    xn_pair_evidence fond = {.distance = 1, .length = 10, .phonetic = 1, .context = 0.04,
                             .variant_docs = 4, .canonical_docs = 40, .variant_names = 1,
                             .canonical_names = 0.2, .dictionary = 1,
                             .variant_dict = entry("fondation"),
                             .canonical_dict = entry("foundation"),
                             .neighbours_variant = 2, .neighbours_canonical = 3};
    ck_assert_int_eq(xn_suggest_verdict("fondation", "foundation", &fond), XN_PAIR_NAME_WORD);
    /* kept */
    ck_assert_int_eq(judge("fronter", "frontier", 0, 0, 2, 40), XN_PAIR_KEEP);
    ck_assert_int_eq(judge("organisation", "organization", 0, 0, 5, 60), XN_PAIR_KEEP);
    ck_assert_int_eq(judge("licence", "license", 0, 0, 5, 20), XN_PAIR_KEEP);
    ck_assert_int_eq(judge("costas", "kostas", 1, 1, 6, 9), XN_PAIR_KEEP);
    ck_assert_int_eq(judge("alumnia", "almunia", 1, 1, 1, 14), XN_PAIR_KEEP);
    ck_assert_int_eq(judge("mohammad", "mohammed", 1, 1, 7, 20), XN_PAIR_KEEP);
    /* names written next to different names are two people */
    xn_pair_evidence people = {.distance = 1, .length = 8, .phonetic = 1, .context = 0.3,
                               .variant_docs = 4, .canonical_docs = 12, .variant_names = 1,
                               .canonical_names = 1, .dictionary = 1,
                               .variant_dict = entry("andersen"),
                               .canonical_dict = entry("anderson"),
                               .neighbours_variant = 2, .neighbours_canonical = 5};
    ck_assert_int_eq(xn_suggest_verdict("andersen", "anderson", &people), XN_PAIR_PEOPLE);
    people.variant_dict = entry("silvia");
    people.canonical_dict = entry("sylvia");
    ck_assert_int_eq(xn_suggest_verdict("silvia", "sylvia", &people), XN_PAIR_PEOPLE);
}
END_TEST

static Suite *suite(int with_debian)
{
    Suite *s = suite_create("dictionary");
    TCase *t = tcase_create("core");
    tcase_add_test(t, loads_lists);
    tcase_add_test(t, bad_input);
    if (with_debian) {
        tcase_add_test(t, debian_entries);
        tcase_add_test(t, debian_verdicts);
    }
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    const char *dir = xapnews_dictionary_default_dir();
    char us[512], uk[512];
    snprintf(us, sizeof us, "%s/american-english", dir);
    snprintf(uk, sizeof uk, "%s/british-english", dir);
    int with_debian = access(us, R_OK) == 0 && access(uk, R_OK) == 0;
    unsigned loaded = 0;
    if (!mkdtemp(tmpdir)) return EXIT_FAILURE;
    if (with_debian && (xapnews_dictionary_create(&debian, NULL) ||
                        xapnews_dictionary_load_defaults(debian, NULL, &loaded) ||
                        loaded != 2)) {
        fprintf(stderr, "cannot load the lists: %s\n", xapnews_dictionary_last_error(debian));
        return EXIT_FAILURE;
    }
    int rc = run_suite(suite(with_debian));
    xapnews_dictionary_destroy(debian);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) rc = EXIT_FAILURE;
    if (rc == EXIT_SUCCESS && !with_debian) {
        printf("skipped the tests of the Debian lists: no %s or %s (install wamerican "
               "and wbritish: scripts/install-deps.sh)\n", us, uk);
        return 77;
    }
    return rc;
}
