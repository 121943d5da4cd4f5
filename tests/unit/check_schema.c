/* check_schema.c - schemas/index.schema (the documented index layout) must
 * agree with the constants the code uses (plugin/common/schema.h, docdata.h), so
 * the documentation cannot drift from the code. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "schema.h"
#include "strbuf.h"
#include "xapnews.h"
#include "run_suite.h"

#define SCHEMA_FILE TOP_SRCDIR "/schemas/index.schema"

#define STR_(x) #x
#define STR(x) STR_(x)

typedef struct {
    char kind[16], name[64], field[64], how[256];
    int used;
} row_t;

static row_t rows[64];
static size_t n_rows;
static char *header; /* the '#' comment lines, joined */

static void load_schema(void)
{
    FILE *fp = fopen(SCHEMA_FILE, "r");
    ck_assert_msg(fp != NULL, "cannot open %s", SCHEMA_FILE);
    char line[1024];
    xn_strbuf h = XN_STRBUF_INIT;
    n_rows = 0;
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#') {
            xn_strbuf_puts(&h, line);
            xn_strbuf_putc(&h, '\n');
            continue;
        }
        if (strspn(line, " \t") == strlen(line)) continue;
        ck_assert_uint_lt(n_rows, sizeof rows / sizeof rows[0]);
        row_t *r = &rows[n_rows];
        int consumed = 0;
        int got = sscanf(line, "%15s %63s %63s %n", r->kind, r->name, r->field,
                         &consumed);
        ck_assert_msg(got == 3, "malformed schema line: %s", line);
        snprintf(r->how, sizeof r->how, "%s", line + consumed);
        r->used = 0;
        n_rows++;
    }
    fclose(fp);
    free(header); /* from the previous test's load */
    header = xn_strbuf_take(&h);
}

/* Finds the unused row KIND NAME FIELD whose "how" starts with HOW; marks
 * it used. */
static void expect_row(const char *kind, const char *name, const char *field,
                       const char *how)
{
    for (size_t i = 0; i < n_rows; i++) {
        row_t *r = &rows[i];
        if (!r->used && strcmp(r->kind, kind) == 0 &&
            strcmp(r->name, name) == 0 && strcmp(r->field, field) == 0 &&
            strncmp(r->how, how, strlen(how)) == 0) {
            r->used = 1;
            return;
        }
    }
    ck_abort_msg("index.schema has no row '%s %s %s %s...' (the code uses it)",
                 kind, name, field, how);
}

START_TEST(term_prefixes_match_schema_h)
{
    load_schema();
    expect_row("term", "(none)", "title", "words, positional");
    expect_row("term", "(none)", "body", "words, positional");
    expect_row("term", XN_PREFIX_STEM, "title,body", "stems of words");
    expect_row("term", XN_PREFIX_TITLE, "title", "title words, positional");
    expect_row("term", XN_PREFIX_STEM XN_PREFIX_TITLE, "title",
               "stems of title words");
    expect_row("term", XN_PREFIX_OFFICIAL_TEXT, "officials", "words of each");
    expect_row("term", XN_PREFIX_STEM XN_PREFIX_OFFICIAL_TEXT, "officials",
               "stems of official-name words");
    expect_row("term", XN_PREFIX_OFFICIAL, "officials", "one boolean term");
    expect_row("term", XN_PREFIX_OUTLET, "outlet", "one boolean term");
    expect_row("term", XN_PREFIX_ID, "id", "the unique id");
    expect_row("term", XN_PREFIX_YEAR, "date", "YYYY (boolean)");
    expect_row("term", XN_PREFIX_MONTH, "date", "YYYYMM (boolean");
    expect_row("term", XN_PREFIX_DAY, "date", "YYYYMMDD (boolean");
}
END_TEST

START_TEST(value_slots_match_schema_h)
{
    load_schema();
    expect_row("value", STR(XN_SLOT_DATE), "date", "YYYY, YYYYMM or YYYYMMDD");
    expect_row("value", STR(XN_SLOT_DAYS), "date", "sortable_serialise(days");
    expect_row("value", STR(XN_SLOT_OUTLET), "outlet", "the outlet's name");
    expect_row("value", STR(XN_SLOT_YEAR), "date", "YYYY");
    expect_row("value", STR(XN_SLOT_ID), "id", "the id");
    expect_row("value", STR(XN_SLOT_SUMMARY), "summary", "the url=, caption=");
    expect_row("value", STR(XN_SLOT_NAMES), "body", "the body's words");
    expect_row("value", STR(XN_SLOT_OFFICIALS), "officials", "the set of the XOFFICIAL: slugs");
    /* the slots are distinct */
    int slots[] = {XN_SLOT_DATE, XN_SLOT_DAYS, XN_SLOT_OUTLET, XN_SLOT_YEAR,
                   XN_SLOT_ID, XN_SLOT_SUMMARY, XN_SLOT_NAMES, XN_SLOT_OFFICIALS};
    int n = (int)(sizeof slots / sizeof slots[0]);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) ck_assert_int_ne(slots[i], slots[j]);
}
END_TEST

/* ---- both directions, from the text of plugin/common/schema.h ----------------- */

typedef struct {
    char name[64];  /* XN_PREFIX_TITLE */
    char value[64]; /* "S" or "0" */
} macro_t;

/* Reads every "#define XN_<KIND>_NAME VALUE" of plugin/common/schema.h, so a
 * constant added there without documentation is noticed. */
static size_t read_macros(const char *kind, macro_t *out, size_t cap)
{
    FILE *fp = fopen(TOP_SRCDIR "/plugin/common/schema.h", "r");
    ck_assert_ptr_nonnull(fp);
    char line[512], want[32];
    snprintf(want, sizeof want, "XN_%s_", kind);
    size_t n = 0;
    while (fgets(line, sizeof line, fp)) {
        char name[64], value[64];
        if (sscanf(line, "#define %63s %63s", name, value) != 2) continue;
        if (strncmp(name, want, strlen(want)) != 0) continue;
        ck_assert_uint_lt(n, cap);
        snprintf(out[n].name, sizeof out[n].name, "%s", name);
        size_t vl = strlen(value);
        if (value[0] == '"') { /* a string: strip the quotes */
            ck_assert_msg(vl >= 2 && value[vl - 1] == '"', "%s", line);
            snprintf(out[n].value, sizeof out[n].value, "%.*s", (int)(vl - 2),
                     value + 1);
        } else {
            snprintf(out[n].value, sizeof out[n].value, "%s", value);
        }
        n++;
    }
    fclose(fp);
    return n;
}

/* Whether NAME is a concatenation of the prefix values in M. */
static int is_prefix_chain(const char *name, const macro_t *m, size_t n)
{
    if (*name == '\0') return 1;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(m[i].value);
        if (l && strncmp(name, m[i].value, l) == 0 &&
            is_prefix_chain(name + l, m, n))
            return 1;
    }
    return 0;
}

START_TEST(every_prefix_is_documented_and_back)
{
    load_schema();
    macro_t m[32];
    size_t n = read_macros("PREFIX", m, 32);
    ck_assert_uint_ge(n, 9);
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t r = 0; r < n_rows; r++)
            if (strcmp(rows[r].kind, "term") == 0 &&
                strcmp(rows[r].name, m[i].value) == 0)
                found = 1;
        ck_assert_msg(found, "%s (\"%s\") in plugin/common/schema.h has no term row in "
                             "schemas/index.schema", m[i].name, m[i].value);
    }
    for (size_t r = 0; r < n_rows; r++) {
        if (strcmp(rows[r].kind, "term") != 0 || strcmp(rows[r].name, "(none)") == 0)
            continue;
        ck_assert_msg(is_prefix_chain(rows[r].name, m, n),
                      "index.schema documents prefix '%s', which is not made of "
                      "the XN_PREFIX_* constants", rows[r].name);
    }
}
END_TEST

START_TEST(every_slot_is_documented_and_back)
{
    load_schema();
    macro_t m[32];
    size_t n = read_macros("SLOT", m, 32);
    ck_assert_uint_ge(n, 4);
    size_t values = 0;
    for (size_t r = 0; r < n_rows; r++) {
        if (strcmp(rows[r].kind, "value") != 0) continue;
        values++;
        int found = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(rows[r].name, m[i].value) == 0) found = 1;
        ck_assert_msg(found, "index.schema documents value slot %s, which no "
                             "XN_SLOT_* constant names", rows[r].name);
    }
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t r = 0; r < n_rows; r++)
            if (strcmp(rows[r].kind, "value") == 0 &&
                strcmp(rows[r].name, m[i].value) == 0)
                found = 1;
        ck_assert_msg(found, "%s (%s) in plugin/common/schema.h has no value row in "
                             "schemas/index.schema", m[i].name, m[i].value);
    }
    ck_assert_uint_eq(values, n);
}
END_TEST

START_TEST(prefixes_are_distinct_and_well_formed)
{
    macro_t m[32];
    size_t n = read_macros("PREFIX", m, 32);
    for (size_t i = 0; i < n; i++) {
        const char *p = m[i].value;
        /* Xapian convention: prefixes are capital letters, and a multi-letter
         * one starts with X */
        ck_assert_msg(p[0] >= 'A' && p[0] <= 'Z', "%s '%s'", m[i].name, p);
        if (strlen(p) > 1)
            ck_assert_msg(p[0] == 'X', "%s '%s'", m[i].name, p);
        for (size_t j = i + 1; j < n; j++) ck_assert_str_ne(p, m[j].value);
    }
}
END_TEST

START_TEST(every_word_prefix_fits_the_longest)
{
    /* the prefixes a word of text is indexed under, with the canonical
     * stream's before a field's, and the stems' */
    const char *fields[] = {"", XN_PREFIX_TITLE, XN_PREFIX_OFFICIAL_TEXT,
                            XN_PREFIX_OUTLET_TEXT};
    size_t longest = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        size_t canonical = strlen(XN_PREFIX_CANONICAL) + strlen(fields[i]);
        size_t stem = strlen(XN_PREFIX_STEM) + strlen(fields[i]);
        if (canonical > longest) longest = canonical;
        if (stem > longest) longest = stem;
    }
    ck_assert_uint_eq(longest, XN_WORD_PREFIX_MAX_BYTES);
}
END_TEST

START_TEST(header_examples_match_schema_h)
{
    load_schema();
    char want[256];
    snprintf(want, sizeof want, "add_prefix(\"title\", \"%s\")", XN_PREFIX_TITLE);
    ck_assert_msg(strstr(header, want) != NULL, "header lacks %s", want);
    snprintf(want, sizeof want, "add_prefix(\"official\", \"%s\")",
             XN_PREFIX_OFFICIAL_TEXT);
    ck_assert_msg(strstr(header, want) != NULL, "header lacks %s", want);
    snprintf(want, sizeof want, "add_boolean_prefix(\"outlet\", \"%s\")",
             XN_PREFIX_OUTLET);
    ck_assert_msg(strstr(header, want) != NULL, "header lacks %s", want);
    snprintf(want, sizeof want, "add_boolean_prefix(\"id\", \"%s\")",
             XN_PREFIX_ID);
    ck_assert_msg(strstr(header, want) != NULL, "header lacks %s", want);
    snprintf(want, sizeof want, "DateRangeProcessor on value slot %d",
             XN_SLOT_DATE);
    ck_assert_msg(strstr(header, want) != NULL, "header lacks %s", want);
}
END_TEST

START_TEST(gap_and_sample_size_match)
{
    load_schema();
    char want[128];
    snprintf(want, sizeof want, "after a gap of %d)", XN_FIELD_GAP);
    int found = 0;
    for (size_t i = 0; i < n_rows; i++)
        if (strstr(rows[i].how, want)) found = 1;
    ck_assert_msg(found, "no row says '%s'", want);
    snprintf(want, sizeof want, "the first %d bytes of the body", XN_SAMPLE_BYTES);
    found = 0;
    for (size_t i = 0; i < n_rows; i++)
        if (strcmp(rows[i].kind, "data") == 0 &&
            strcmp(rows[i].name, "sample") == 0 && strstr(rows[i].how, want))
            found = 1;
    ck_assert_msg(found, "the sample row does not say '%s'", want);
}
END_TEST

START_TEST(data_fields_match_the_encoder)
{
    /* the names the encoder writes, in order, are the schema's data rows */
    load_schema();
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, "x", 1), 0);
    xn_strbuf d = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_docdata_encode(a, "", "", NULL, 0, &d), 0);
    xn_strbuf names = XN_STRBUF_INIT;
    for (const char *p = d.data; *p;) {
        const char *eq = strchr(p, '=');
        const char *nl = strchr(p, '\n');
        ck_assert(eq && nl && eq < nl);
        if (names.len) xn_strbuf_putc(&names, ' ');
        xn_strbuf_append(&names, p, (size_t)(eq - p));
        p = nl + 1;
    }
    xn_strbuf documented = XN_STRBUF_INIT;
    for (size_t i = 0; i < n_rows; i++)
        if (strcmp(rows[i].kind, "data") == 0) {
            if (documented.len) xn_strbuf_putc(&documented, ' ');
            xn_strbuf_puts(&documented, rows[i].name);
        }
    ck_assert_str_eq(documented.data, names.data);
    xn_strbuf_free(&names);
    xn_strbuf_free(&documented);
    xn_strbuf_free(&d);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(only_known_kinds)
{
    load_schema();
    int language = 0;
    for (size_t i = 0; i < n_rows; i++) {
        const char *k = rows[i].kind;
        if (strcmp(k, "term") != 0 && strcmp(k, "value") != 0 &&
            strcmp(k, "data") != 0 && strcmp(k, "metadata") != 0)
            ck_abort_msg("unknown kind '%s' in index.schema", k);
        if (strcmp(k, "metadata") == 0 &&
            strcmp(rows[i].name, "xapnews:language") == 0)
            language = 1;
    }
    ck_assert_msg(language, "index.schema does not document xapnews:language");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, term_prefixes_match_schema_h);
    tcase_add_test(tc, value_slots_match_schema_h);
    tcase_add_test(tc, every_prefix_is_documented_and_back);
    tcase_add_test(tc, every_slot_is_documented_and_back);
    tcase_add_test(tc, prefixes_are_distinct_and_well_formed);
    tcase_add_test(tc, every_word_prefix_fits_the_longest);
    tcase_add_test(tc, header_examples_match_schema_h);
    tcase_add_test(tc, gap_and_sample_size_match);
    tcase_add_test(tc, data_fields_match_the_encoder);
    tcase_add_test(tc, only_known_kinds);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
