/* check_utf8.c - unit tests of UTF-8 checking and repair (plugin/analysis/utf8.h). */
#include <check.h>
#include <string.h>

#include "run_suite.h"
#include "strbuf.h"
#include "utf8.h"

static void repaired(const char *in, size_t len, const char *want, size_t want_fixed)
{
    xn_strbuf out = XN_STRBUF_INIT;
    size_t fixed = 99;
    ck_assert_int_eq(xn_utf8_repair(in, len, &out, &fixed), 0);
    ck_assert_uint_eq(fixed, want_fixed);
    if (want_fixed) ck_assert_str_eq(out.data, want);
    else ck_assert_ptr_null(out.data); /* valid input is left alone */
    xn_strbuf_free(&out);
}

START_TEST(valid_text_is_untouched)
{
    ck_assert(xn_utf8_valid("plain", 5));
    ck_assert(xn_utf8_valid("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80", 14));
    repaired("caf\xc3\xa9", 5, NULL, 0);
}
END_TEST

START_TEST(invalid_sequences_become_one_replacement_each)
{
    repaired("caf\xe9!", 5, "caf\xef\xbf\xbd!", 1);                /* Latin-1 byte */
    repaired("a\xc3", 2, "a\xef\xbf\xbd", 1);                       /* cut sequence */
    repaired("\xc0\xaf", 2, "\xef\xbf\xbd", 1);                      /* overlong '/' */
    repaired("\xed\xa0\x80x", 4, "\xef\xbf\xbdx", 1);                /* surrogate */
    repaired("\xf4\x90\x80\x80", 4, "\xef\xbf\xbd", 1);              /* above U+10FFFF */
    repaired("\x80\x80 \xff", 4, "\xef\xbf\xbd \xef\xbf\xbd", 2);     /* stray bytes */
    ck_assert(!xn_utf8_valid("\xed\xa0\x80", 3));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, valid_text_is_untouched);
    tcase_add_test(tc, invalid_sequences_become_one_replacement_each);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
