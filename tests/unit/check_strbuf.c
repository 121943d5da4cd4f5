/* check_strbuf.c - unit tests of the growable string buffer. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "run_suite.h"

START_TEST(appends_and_grows)
{
    xn_strbuf b = XN_STRBUF_INIT;
    for (int i = 0; i < 1000; i++) ck_assert_int_eq(xn_strbuf_puts(&b, "ab"), 0);
    ck_assert_uint_eq(b.len, 2000);
    ck_assert_int_eq(b.data[2000], '\0');
    ck_assert_int_eq(xn_strbuf_printf(&b, "%d-%s", 42, "x"), 0);
    ck_assert_str_eq(b.data + 2000, "42-x");
    xn_strbuf_free(&b);
}
END_TEST

START_TEST(take_hands_over_and_empties)
{
    xn_strbuf b = XN_STRBUF_INIT;
    char *empty = xn_strbuf_take(&b);
    ck_assert_str_eq(empty, "");
    free(empty);
    xn_strbuf_puts(&b, "hello");
    char *s = xn_strbuf_take(&b);
    ck_assert_str_eq(s, "hello");
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    free(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("strbuf");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, appends_and_grows);
    tcase_add_test(tc, take_hands_over_and_empties);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
