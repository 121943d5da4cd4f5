/* check_profile.c - unit tests of boost profiles (plugin/ranking/profile.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "profile.h"
#include "run_suite.h"

static void parse_fails(const char *text, const char *message)
{
    xapnews_profile_t p;
    xn_error err;
    xn_profile_defaults(&p);
    xn_error_clear(&err);
    ck_assert_int_eq(xn_profile_parse(&p, "p.conf", text, strlen(text), &err), -1);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(err.message, message);
    xn_profile_clear(&p);
}

START_TEST(defaults_are_plain_bm25)
{
    xapnews_profile_t p;
    xn_profile_defaults(&p);
    ck_assert_int_eq(p.weighting, XN_WEIGHT_BM25);
    ck_assert_double_eq(p.k1, 1.2);
    ck_assert_double_eq(p.b, 0.75);
    ck_assert_double_eq(p.field_body, 1.0);
    ck_assert_double_eq(p.field_title, 0.0);
    ck_assert_double_eq(p.recency_weight, 0.0);
    ck_assert_uint_eq(p.n_outlets, 0);
}
END_TEST

START_TEST(settings_comments_and_outlets)
{
    const char *text = "# a profile\n"
                       "weighting = pl2   # trailing comment\n"
                       "  pl2.c=2.5\n"
                       "\n"
                       "field.title = 1.5\n"
                       "recency.reference = 2016-12-31\n"
                       "lm.smoothing = dirichlet\n"
                       "outlet.boost = China Digital Times: 0.25\n"
                       "outlet.boost = Reuters:1\n";
    xapnews_profile_t p;
    xn_error err;
    xn_profile_defaults(&p);
    ck_assert_int_eq(xn_profile_parse(&p, "p.conf", text, strlen(text), &err), 0);
    ck_assert_int_eq(p.weighting, XN_WEIGHT_PL2);
    ck_assert_double_eq(p.pl2_c, 2.5);
    ck_assert_double_eq(p.field_title, 1.5);
    ck_assert_str_eq(p.recency_reference, "2016-12-31");
    ck_assert_int_eq(p.lm_smoothing, XN_LM_DIRICHLET);
    ck_assert_uint_eq(p.n_outlets, 2);
    ck_assert_str_eq(p.outlets[0].name, "China Digital Times");
    ck_assert_double_eq(p.outlets[0].weight, 0.25);
    ck_assert_double_eq(p.outlets[1].weight, 1.0);

    /* written out and read back, it is the same profile */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(xn_profile_write(&p, f), 0);
    fclose(f);
    xapnews_profile_t q;
    xn_profile_defaults(&q);
    ck_assert_int_eq(xn_profile_parse(&q, "again", buf, len, &err), 0);
    ck_assert_int_eq(q.weighting, p.weighting);
    ck_assert_double_eq(q.pl2_c, p.pl2_c);
    ck_assert_str_eq(q.recency_reference, p.recency_reference);
    ck_assert_uint_eq(q.n_outlets, 2);
    ck_assert_str_eq(q.outlets[1].name, "Reuters");
    free(buf);
    xn_profile_clear(&p);
    xn_profile_clear(&q);
}
END_TEST

START_TEST(bad_lines_are_refused)
{
    parse_fails("weighting = bm25\nbm25.k1 = fast\n",
                "p.conf:2: 'bm25.k1' needs a number from 0 to 1000, not 'fast'");
    parse_fails("bm25.b = 1.5\n", "p.conf:1: 'bm25.b' needs a number from 0 to 1, not '1.5'");
    parse_fails("bm25.k1 = -1\n", "p.conf:1: 'bm25.k1' needs a number from 0 to 1000, not '-1'");
    parse_fails("bm25.k1 = nan\n", "p.conf:1: 'bm25.k1' needs a number from 0 to 1000, not 'nan'");
    parse_fails("weighting = bm26\n",
                "p.conf:1: unknown weighting 'bm26' (bm25, bm25+, pl2, lm or tfidf)");
    parse_fails("title = 2\n", "p.conf:1: unknown setting 'title'");
    parse_fails("field.title 2\n", "p.conf:1: expected 'setting = value', not 'field.title 2'");
    parse_fails("field.title =\n", "p.conf:1: 'field.title' has no value");
    parse_fails("recency.reference = 2016\n",
                "p.conf:1: 'recency.reference' takes 'latest' or YYYY-MM-DD, not '2016'");
    parse_fails("outlet.boost = : 2\n", "p.conf:1: 'outlet.boost' needs an outlet name before ':'");
    parse_fails("outlet.boost = Reuters: lots\n",
                "p.conf:1: 'outlet.boost' takes 'OUTLET NAME: WEIGHT', not 'Reuters: lots'");
}
END_TEST

START_TEST(public_setter)
{
    xapnews_profile_t *p = NULL;
    char *err = NULL;
    ck_assert_int_eq(xapnews_profile_create(&p), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_profile_set(p, "bm25.k1", "0.9", &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_double_eq(p->k1, 0.9);
    ck_assert_int_eq(xapnews_profile_set(p, "bm25.k1", "x", &err),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_str_eq(err, "'bm25.k1' needs a number from 0 to 1000, not 'x'");
    ck_assert_double_eq(p->k1, 0.9);
    xapnews_free(err);
    xapnews_profile_destroy(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("profile");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, defaults_are_plain_bm25);
    tcase_add_test(tc, settings_comments_and_outlets);
    tcase_add_test(tc, bad_lines_are_refused);
    tcase_add_test(tc, public_setter);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
