/* check_docdata.c - unit tests of the stored document data
 * (plugin/index/docdata.h) and of name slugs (plugin/common/slug.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "slug.h"
#include "strbuf.h"
#include "xapnews.h"
#include "run_suite.h"

static xapnews_article_t *article(const char *id, const char *title,
                                  const char *outlet, const char *url,
                                  const char *body)
{
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    const struct {
        xapnews_field_t f;
        const char *v;
    } fields[] = {{XAPNEWS_FIELD_ID, id},
                  {XAPNEWS_FIELD_TITLE, title},
                  {XAPNEWS_FIELD_OUTLET, outlet},
                  {XAPNEWS_FIELD_URL, url},
                  {XAPNEWS_FIELD_BODY, body}};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
        if (fields[k].v)
            ck_assert_int_eq(xapnews_article_set(a, fields[k].f, fields[k].v,
                                                 strlen(fields[k].v)),
                             XAPNEWS_STATUS_SUCCESS);
    return a;
}

/* Encodes A as the writer does when no table renames its outlet or
 * officials: the article's own outlet and officials. */
static int encode(const xapnews_article_t *a, const char *iso_date,
                  xn_strbuf *out)
{
    const char *officials[16];
    size_t n = xapnews_article_official_count(a);
    ck_assert_uint_le(n, 16);
    for (size_t i = 0; i < n; i++) officials[i] = xapnews_article_official(a, i);
    return xn_docdata_encode(a, iso_date,
                             xapnews_article_get(a, XAPNEWS_FIELD_OUTLET),
                             officials, n, out);
}

/* The value of field NAME in DATA, as a new string; NULL when absent. */
static char *field(const xn_strbuf *data, const char *name)
{
    size_t vlen = 12345;
    const char *v = xn_docdata_find(data->data, data->len, name, &vlen);
    if (!v) return NULL;
    char *s = malloc(vlen + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, v, vlen);
    s[vlen] = '\0';
    return s;
}

#define EXPECT_FIELD(data, name, expected)                                  \
    do {                                                                    \
        char *v_ = field((data), (name));                                   \
        ck_assert_msg(v_ != NULL, "field '%s' missing", (name));            \
        ck_assert_str_eq(v_, (expected));                                   \
        free(v_);                                                           \
    } while (0)

START_TEST(encodes_every_field)
{
    xapnews_article_t *a =
        article("001_79cea76adbd33e7d", "China, US Talks",
                "Gadgets 360", "https://example.com/a?x=1&y=2",
                "First line.\nSecond line.\r\n\tThird.");
    ck_assert_int_eq(xapnews_article_add_official(a, "Guo Shengkun"), 0);
    ck_assert_int_eq(xapnews_article_add_official(a, "Jeh Johnson"), 0);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(a, "2016-12-12", &d), 0);
    /* Omega's format, field by field, in the documented order */
    ck_assert_str_eq(d.data,
                     "url=https://example.com/a?x=1&y=2\n"
                     "caption=China, US Talks\n"
                     "sample=First line. Second line.   Third.\n"
                     "id=001_79cea76adbd33e7d\n"
                     "date=2016-12-12\n"
                     "outlet=Gadgets 360\n"
                     "officials=Guo Shengkun; Jeh Johnson\n"
                     "body=First line. Second line.   Third.\n");
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(finds_fields_back)
{
    xapnews_article_t *a = article("a1", "Title = with equals", "China Digital Times",
                                   "", "Line one.\nLine two.\n");
    ck_assert_int_eq(xapnews_article_add_official(a, "Xi Jinping"), 0);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(a, "2015", &d), 0);
    EXPECT_FIELD(&d, "url", "");
    EXPECT_FIELD(&d, "caption", "Title = with equals");
    EXPECT_FIELD(&d, "sample", "Line one. Line two. ");
    EXPECT_FIELD(&d, "id", "a1");
    EXPECT_FIELD(&d, "date", "2015");
    EXPECT_FIELD(&d, "outlet", "China Digital Times");
    EXPECT_FIELD(&d, "officials", "Xi Jinping");
    EXPECT_FIELD(&d, "body", "Line one. Line two. ");
    /* absent names and prefixes of names are not found */
    size_t vlen = 99;
    ck_assert_ptr_null(xn_docdata_find(d.data, d.len, "title", &vlen));
    ck_assert_ptr_null(xn_docdata_find(d.data, d.len, "out", &vlen));
    ck_assert_ptr_null(xn_docdata_find(d.data, d.len, "cap", &vlen));
    ck_assert_ptr_null(xn_docdata_find(d.data, d.len, "", &vlen));
    ck_assert_ptr_null(xn_docdata_find("", 0, "id", &vlen));
    /* only the first LEN bytes are searched */
    const char *only = "id=x\nbody=y\n";
    ck_assert_ptr_null(xn_docdata_find(only, 5, "body", &vlen));
    /* a last line without its newline is found */
    const char *v = xn_docdata_find("id=x\nbody=tail", 14, "body", &vlen);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(vlen, 4);
    ck_assert_int_eq(memcmp(v, "tail", 4), 0);
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(empty_article)
{
    xapnews_article_t *a = article("only-id", NULL, NULL, NULL, NULL);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(a, "", &d), 0);
    ck_assert_str_eq(d.data, "url=\ncaption=\nsample=\nid=only-id\ndate=\n"
                             "outlet=\nofficials=\nbody=\n");
    EXPECT_FIELD(&d, "officials", "");
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(newlines_in_every_value_become_spaces)
{
    xapnews_article_t *a = article("i\nd", "two\nlines", "out\rlet", "u\nrl",
                                   "b\no\nd\ny");
    ck_assert_int_eq(xapnews_article_add_official(a, "Jeh\nJohnson"), 0);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(a, "2016", &d), 0);
    ck_assert_str_eq(d.data, "url=u rl\ncaption=two lines\nsample=b o d y\n"
                             "id=i d\ndate=2016\noutlet=out let\n"
                             "officials=Jeh Johnson\nbody=b o d y\n");
    /* so a value can never fake another field */
    xapnews_article_t *evil = article("x", "t\nid=evil", NULL, NULL, NULL);
    xn_strbuf e = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(evil, "", &e), 0);
    EXPECT_FIELD(&e, "id", "x");
    EXPECT_FIELD(&e, "caption", "t id=evil");
    xn_strbuf_free(&e);
    xapnews_article_destroy(evil);
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}
END_TEST

/* Checks that the sample of BODY is exactly its first EXPECT_LEN bytes. */
static void expect_sample(const char *body, size_t expect_len)
{
    xapnews_article_t *a = article("s", NULL, NULL, NULL, body);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(encode(a, "", &d), 0);
    size_t vlen;
    const char *v = xn_docdata_find(d.data, d.len, "sample", &vlen);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_le(vlen, XN_SAMPLE_BYTES);
    ck_assert_uint_eq(vlen, expect_len);
    ck_assert_int_eq(memcmp(v, body, vlen), 0);
    /* the whole body is stored as well */
    const char *b = xn_docdata_find(d.data, d.len, "body", &vlen);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(vlen, strlen(body));
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}

START_TEST(sample_is_bounded_and_utf8_safe)
{
    char body[1024];
    /* ASCII: exactly XN_SAMPLE_BYTES */
    memset(body, 'a', 400);
    body[400] = '\0';
    expect_sample(body, XN_SAMPLE_BYTES);
    /* a short body is its own sample */
    expect_sample("short body", 10);
    /* exactly XN_SAMPLE_BYTES bytes */
    memset(body, 'b', XN_SAMPLE_BYTES);
    body[XN_SAMPLE_BYTES] = '\0';
    expect_sample(body, XN_SAMPLE_BYTES);
    /* a 2-byte character across the limit (bytes 299-300) is left out */
    memset(body, 'c', 299);
    strcpy(body + 299, "\xC3\xA9" "and more text after it");
    expect_sample(body, 299);
    /* a 3-byte character at 298-300 is left out */
    memset(body, 'd', 298);
    strcpy(body + 298, "\xE2\x80\x94" "more");
    expect_sample(body, 298);
    /* a 4-byte character at 297-300 is left out */
    memset(body, 'e', 297);
    strcpy(body + 297, "\xF0\x9F\x93\xB0" "more");
    expect_sample(body, 297);
    /* a character ending exactly at the limit is kept */
    memset(body, 'f', 298);
    strcpy(body + 298, "\xC3\xA9" "x");
    expect_sample(body, XN_SAMPLE_BYTES);
    /* all multi-byte text: never cut inside a sequence */
    body[0] = '\0';
    for (int i = 0; i < 150; i++) strcat(body, "\xE4\xB8\xAD"); /* 450 bytes */
    expect_sample(body, XN_SAMPLE_BYTES); /* 100 whole characters */
    body[0] = '\0';
    strcat(body, "a");
    for (int i = 0; i < 150; i++) strcat(body, "\xE4\xB8\xAD"); /* 451 bytes */
    expect_sample(body, 298);
}
END_TEST

/* ---- slugs ------------------------------------------------------------ */

#define EXPECT_SLUG(text, expected)                                         \
    do {                                                                    \
        xn_strbuf b_ = XN_STRBUF_INIT;                                      \
        ck_assert_int_eq(xn_slug_append((text), strlen(text), &b_), 0);     \
        ck_assert_str_eq(b_.data ? b_.data : "", (expected));               \
        xn_strbuf_free(&b_);                                                \
    } while (0)

START_TEST(slugs)
{
    EXPECT_SLUG("Guo  Shengkun", "guo-shengkun");
    EXPECT_SLUG("China Digital Times", "china-digital-times");
    EXPECT_SLUG("Loretta E. Lynch", "loretta-e-lynch");
    EXPECT_SLUG("Gadgets 360", "gadgets-360");
    EXPECT_SLUG("  The Hill  ", "the-hill");
    EXPECT_SLUG("Jos\xC3\xA9 Mar\xC3\xAD" "a", "jose-maria");
    EXPECT_SLUG("cyber-security", "cyber-security");
    EXPECT_SLUG("U.S. Department", "u.s-department");
    EXPECT_SLUG("", "");
    EXPECT_SLUG("!!! --- ...", "");
    /* appending keeps what was there, with no leading '-' */
    xn_strbuf b = XN_STRBUF_INIT;
    xn_strbuf_puts(&b, "XOUTLET:");
    ck_assert_int_eq(xn_slug_append("The Hill", 8, &b), 0);
    ck_assert_str_eq(b.data, "XOUTLET:the-hill");
    ck_assert_int_eq(xn_slug_append("!", 1, &b), 0);
    ck_assert_str_eq(b.data, "XOUTLET:the-hill");
    xn_strbuf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("docdata");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, encodes_every_field);
    tcase_add_test(tc, finds_fields_back);
    tcase_add_test(tc, empty_article);
    tcase_add_test(tc, newlines_in_every_value_become_spaces);
    tcase_add_test(tc, sample_is_bounded_and_utf8_safe);
    tcase_add_test(tc, slugs);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
