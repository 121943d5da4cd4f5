/* check_slugset.c - the set of an article's official slugs as one value
 * (XN_SLOT_OFFICIALS): canonical, so equal sets count as one, and split
 * back into the slugs it was made of. */
#include <check.h>
#include <string.h>

#include "run_suite.h"
#include "slug.h"
#include "slugset.h"
#include "strbuf.h"

static char *encode(const char *const *slugs, size_t n)
{
    xn_slugset_item items[16];
    ck_assert_uint_le(n, 16);
    for (size_t i = 0; i < n; i++) items[i] = (xn_slugset_item){slugs[i], strlen(slugs[i])};
    xn_strbuf out = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_slugset_encode(items, n, &out), 0);
    return xn_strbuf_take(&out);
}

/* The slugs of SET joined by '|'. */
static int join(void *ctx, const char *slug, size_t len)
{
    xn_strbuf *b = ctx;
    if (b->len && xn_strbuf_putc(b, '|') < 0) return -1;
    return xn_strbuf_append(b, slug, len);
}

static char *split(const char *set)
{
    xn_strbuf b = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_slugset_each(set, strlen(set), join, &b), 0);
    return xn_strbuf_take(&b);
}

START_TEST(sorted_without_duplicates_or_empty_slugs)
{
    const char *slugs[] = {"xi-jinping", "guo-shengkun", "", "xi-jinping", "guo", "barack-obama"};
    char *v = encode(slugs, 6);
    ck_assert_str_eq(v, "barack-obama\tguo\tguo-shengkun\txi-jinping");
    char *s = split(v);
    ck_assert_str_eq(s, "barack-obama|guo|guo-shengkun|xi-jinping");
    free(s);
    free(v);
}
END_TEST

START_TEST(any_order_gives_the_same_value)
{
    const char *a[] = {"reagan", "james-baker", "volcker"};
    const char *b[] = {"volcker", "reagan", "james-baker", "reagan"};
    char *x = encode(a, 3), *y = encode(b, 4);
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
}
END_TEST

START_TEST(the_empty_set_is_a_lone_separator)
{
    const char *none[] = {""};
    char *v = encode(NULL, 0), *w = encode(none, 1);
    ck_assert_str_eq(v, "\t");
    ck_assert_str_eq(w, "\t");
    char *s = split(v);
    ck_assert_str_eq(s, ""); /* no slug */
    free(s);
    free(v);
    free(w);
}
END_TEST

START_TEST(one_slug)
{
    const char *one[] = {"reagan"};
    char *v = encode(one, 1);
    ck_assert_str_eq(v, "reagan");
    char *s = split(v);
    ck_assert_str_eq(s, "reagan");
    free(s);
    free(v);
}
END_TEST

static int stop_at_second(void *ctx, const char *slug, size_t len)
{
    (void)slug;
    (void)len;
    return ++*(int *)ctx == 2 ? 7 : 0;
}

START_TEST(a_callback_stops_the_walk)
{
    int calls = 0;
    ck_assert_int_eq(xn_slugset_each("a\tb\tc", 5, stop_at_second, &calls), 7);
    ck_assert_int_eq(calls, 2);
}
END_TEST

/* a slug never holds the separator, whatever the name holds */
START_TEST(slugs_hold_no_separator)
{
    const char *names[] = {"Guo\tShengkun", "Jeh\nJohnson", "Loretta \t Lynch",
                           "Ségolène\tRoyal", "a\x01\tb", "\t\t"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        xn_strbuf b = XN_STRBUF_INIT;
        ck_assert_int_eq(xn_slug_append(names[i], strlen(names[i]), &b), 0);
        ck_assert_msg(b.len == 0 || memchr(b.data, XN_SLUGSET_SEP, b.len) == NULL,
                      "the slug of '%s' holds the separator", names[i]);
        xn_strbuf_free(&b);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("slugset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sorted_without_duplicates_or_empty_slugs);
    tcase_add_test(tc, any_order_gives_the_same_value);
    tcase_add_test(tc, the_empty_set_is_a_lone_separator);
    tcase_add_test(tc, one_slug);
    tcase_add_test(tc, a_callback_stops_the_walk);
    tcase_add_test(tc, slugs_hold_no_separator);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
