/* check_date.c - unit tests of ISO 8601 date parsing (plugin/common/date.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "run_suite.h"

#define EXPECT_DATE(text, y, m, d)                                          \
    do {                                                                    \
        xn_date dt_;                                                        \
        char why_[128] = "untouched";                                       \
        ck_assert_msg(xn_date_parse((text), &dt_, why_, sizeof why_) == 0,  \
                      "'%s' refused: %s", (text), why_);                    \
        ck_assert_int_eq(dt_.year, (y));                                    \
        ck_assert_int_eq(dt_.month, (m));                                   \
        ck_assert_int_eq(dt_.day, (d));                                     \
    } while (0)

#define EXPECT_BAD(text, reason)                                            \
    do {                                                                    \
        xn_date dt_;                                                        \
        char why_[128] = "";                                                \
        ck_assert_msg(xn_date_parse((text), &dt_, why_, sizeof why_) == -1, \
                      "'%s' accepted", (text));                             \
        ck_assert_str_eq(why_, (reason));                                   \
    } while (0)

START_TEST(valid_dates)
{
    EXPECT_DATE("2016", 2016, 0, 0);
    EXPECT_DATE("2016-05", 2016, 5, 0);
    EXPECT_DATE("2016-05-01", 2016, 5, 1);
    EXPECT_DATE("2016-12-31", 2016, 12, 31);
    EXPECT_DATE("0001", 1, 0, 0);
    EXPECT_DATE("9999-12-31", 9999, 12, 31);
}
END_TEST

START_TEST(time_suffix_is_ignored)
{
    EXPECT_DATE("2016-05-01T10:30", 2016, 5, 1);
    EXPECT_DATE("2016-05-01T10:30:59", 2016, 5, 1);
    EXPECT_DATE("2016-05-01T10:30:59Z", 2016, 5, 1);
    EXPECT_DATE("2016-05-01T23:59:00+08:00", 2016, 5, 1);
    EXPECT_DATE("2016-05-01 00:00", 2016, 5, 1);
    EXPECT_BAD("2016-05-01T24:00", "malformed time after the date (expected THH:MM)");
    EXPECT_BAD("2016-05-01T10:60", "malformed time after the date (expected THH:MM)");
    EXPECT_BAD("2016-05-01T1030", "malformed time after the date (expected THH:MM)");
    EXPECT_BAD("2016-05-01T", "malformed time after the date (expected THH:MM)");
    EXPECT_BAD("2016-05-01 extra", "malformed time after the date (expected THH:MM)");
    /* everything after the time is checked too */
    EXPECT_DATE("2016-05-01T10:30:15.123+02:00", 2016, 5, 1);
    EXPECT_DATE("2016-05-01T10:30-0500", 2016, 5, 1);
    EXPECT_BAD("2016-05-01T10:30garbage", "unexpected characters after the date");
    EXPECT_BAD("2016-05-01T10:30:7", "malformed seconds (expected :SS)");
    EXPECT_BAD("2016-05-01T10:30:15.", "malformed fraction of a second");
    EXPECT_BAD("2016-05-01T10:30+25:00", "malformed time zone (expected +HH:MM)");
}
END_TEST

START_TEST(leap_days)
{
    EXPECT_DATE("2016-02-29", 2016, 2, 29);
    EXPECT_DATE("2000-02-29", 2000, 2, 29);
    EXPECT_BAD("2015-02-29", "day 29 out of range for 2015-02");
    EXPECT_BAD("1900-02-29", "day 29 out of range for 1900-02");
    EXPECT_BAD("2016-02-30", "day 30 out of range for 2016-02");
    EXPECT_DATE("2015-02-28", 2015, 2, 28);
    EXPECT_BAD("2016-04-31", "day 31 out of range for 2016-04");
    EXPECT_DATE("2016-07-31", 2016, 7, 31);
}
END_TEST

START_TEST(errors)
{
    EXPECT_BAD("2016-13", "month 13 out of range 01-12");
    EXPECT_BAD("2016-13-01", "month 13 out of range 01-12");
    EXPECT_BAD("2016-00", "month 00 out of range 01-12");
    EXPECT_BAD("2016-01-32", "day 32 out of range for 2016-01");
    EXPECT_BAD("2016-01-00", "day 00 out of range for 2016-01");
    EXPECT_BAD("garbage", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_BAD("", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_BAD("201", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_BAD("16-05-01", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    EXPECT_BAD("0000", "year 0000 is not a valid year");
    EXPECT_BAD("2016-05-01x", "unexpected characters after the date");
    EXPECT_BAD("2016x", "unexpected characters after the date");
    EXPECT_BAD("20160", "unexpected characters after the date");
    EXPECT_BAD("2016-05x", "unexpected characters after the date");
    EXPECT_BAD("2016/05/01", "unexpected characters after the date");
    EXPECT_BAD("2016-5", "expected two digits for the month after YYYY-");
    EXPECT_BAD("2016-", "expected two digits for the month after YYYY-");
    EXPECT_BAD("2016-05-1", "expected two digits for the day after YYYY-MM-");
    EXPECT_BAD("2016-05-", "expected two digits for the day after YYYY-MM-");
}
END_TEST

START_TEST(why_is_optional_and_truncated)
{
    xn_date d;
    ck_assert_int_eq(xn_date_parse("2016-13", &d, NULL, 0), -1);
    char small[10];
    ck_assert_int_eq(xn_date_parse("2016-13", &d, small, sizeof small), -1);
    ck_assert_str_eq(small, "month 13 ");
    /* a failed parse leaves no stale fields from an earlier date */
    ck_assert_int_eq(xn_date_parse("2016-05-01", &d, NULL, 0), 0);
    ck_assert_int_eq(xn_date_parse("2017", &d, NULL, 0), 0);
    ck_assert_int_eq(d.year, 2017);
    ck_assert_int_eq(d.month, 0);
    ck_assert_int_eq(d.day, 0);
}
END_TEST

START_TEST(compact_and_iso_forms)
{
    char c[9], iso[11];
    xn_date y = {2016, 0, 0}, m = {2016, 5, 0}, d = {2016, 5, 1};
    xn_date_compact(&y, c);
    ck_assert_str_eq(c, "2016");
    xn_date_iso(&y, iso);
    ck_assert_str_eq(iso, "2016");
    xn_date_compact(&m, c);
    ck_assert_str_eq(c, "201605");
    xn_date_iso(&m, iso);
    ck_assert_str_eq(iso, "2016-05");
    xn_date_compact(&d, c);
    ck_assert_str_eq(c, "20160501");
    xn_date_iso(&d, iso);
    ck_assert_str_eq(iso, "2016-05-01");
    xn_date early = {987, 1, 2};
    xn_date_compact(&early, c);
    ck_assert_str_eq(c, "09870102");
    xn_date_iso(&early, iso);
    ck_assert_str_eq(iso, "0987-01-02");
    /* parse and print round trip */
    xn_date p;
    ck_assert_int_eq(xn_date_parse("2016-12-12T08:00Z", &p, NULL, 0), 0);
    xn_date_iso(&p, iso);
    ck_assert_str_eq(iso, "2016-12-12");
    xn_date_compact(&p, c);
    ck_assert_str_eq(c, "20161212");
}
END_TEST

static long days_of(int y, int m, int d)
{
    xn_date dt = {y, m, d};
    return xn_date_days(&dt);
}

START_TEST(days_since_epoch)
{
    ck_assert_int_eq(days_of(1970, 1, 1), 0);
    ck_assert_int_eq(days_of(2016, 12, 12), 17147);
    ck_assert_int_eq(days_of(1969, 12, 31), -1);
    ck_assert_int_eq(days_of(2000, 2, 29), 11016);
    ck_assert_int_eq(days_of(2000, 3, 1), 11017);
    ck_assert_int_eq(days_of(2016, 2, 29), 16860);
    ck_assert_int_eq(days_of(1600, 1, 1), -135140);
    ck_assert_int_eq(days_of(2400, 12, 31), 157419);
    /* consecutive days of a year differ by one */
    for (int m = 1; m <= 12; m++) {
        static const int len[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        ck_assert_int_eq(days_of(2016, m, len[m - 1]) + 1,
                         m < 12 ? days_of(2016, m + 1, 1) : days_of(2017, 1, 1));
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, valid_dates);
    tcase_add_test(tc, time_suffix_is_ignored);
    tcase_add_test(tc, leap_days);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, why_is_optional_and_truncated);
    tcase_add_test(tc, compact_and_iso_forms);
    tcase_add_test(tc, days_since_epoch);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
