/* check_acronyms.c - unit tests of acronym definitions (plugin/analysis/acronyms.h):
 * what the detector takes and refuses, the terms that record definitions,
 * and the table searches look them up in. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "acronyms.h"
#include "schema.h"
#include "strbuf.h"
#include "xapnews.h"
#include "run_suite.h"

#include <stdio.h>
#include <unistd.h>

typedef struct {
    xn_strbuf found; /* "ACRONYM=expansion|..." as written */
    const char *text;
} found_ctx;

static int on_def(void *vctx, const xn_acronym_def *d)
{
    found_ctx *c = vctx;
    if (c->found.len) xn_strbuf_putc(&c->found, '|');
    xn_strbuf_append(&c->found, c->text + d->acronym_start, d->acronym_len);
    xn_strbuf_putc(&c->found, '=');
    xn_strbuf_append(&c->found, c->text + d->expansion_start, d->expansion_len);
    return 0;
}

/* The definitions found in TEXT, as "ACRONYM=expansion|...". */
static char *defs(const char *text)
{
    found_ctx c = {XN_STRBUF_INIT, text};
    ck_assert_int_eq(xn_acronyms_scan(text, strlen(text), on_def, &c), 0);
    return xn_strbuf_take(&c.found);
}

static void expect(const char *text, const char *want)
{
    char *got = defs(text);
    ck_assert_msg(strcmp(got, want) == 0, "in \"%s\": got \"%s\", expected \"%s\"",
                  text, got, want);
    free(got);
}

START_TEST(expansion_then_acronym)
{
    expect("The Office of Personnel Management (OPM) said", "OPM=Office of Personnel Management");
    expect("Department of Homeland Security (DHS)", "DHS=Department of Homeland Security");
    expect("the National Aeronautics and Space Administration (NASA) launched",
           "NASA=National Aeronautics and Space Administration");
    expect("at the Department of Defense (DoD).", "DoD=Department of Defense");
    expect("Department of Defense (DOD)", "DOD=Department of Defense");
    expect("People's Liberation Army (PLA)", "PLA=People's Liberation Army");
    expect("Anti-Money Laundering (AML) rules", "AML=Anti-Money Laundering");
    expect("said: Federal Bureau of Investigation (FBI) agents",
           "FBI=Federal Bureau of Investigation");
}
END_TEST

START_TEST(acronym_then_expansion)
{
    expect("OPM (Office of Personnel Management) was hacked",
           "OPM=Office of Personnel Management");
    expect("officials at DHS (Department of Homeland Security) said",
           "DHS=Department of Homeland Security");
}
END_TEST

START_TEST(several_in_one_text)
{
    expect("The Office of Personnel Management (OPM) and the Central Intelligence "
           "Agency (CIA) met; OPM (Office of Personnel Management) again.",
           "OPM=Office of Personnel Management|CIA=Central Intelligence Agency|"
           "OPM=Office of Personnel Management");
}
END_TEST

START_TEST(not_definitions)
{
    /* initials that do not spell the acronym */
    expect("the report said on Monday (AP) that", "");
    expect("Guo Shengkun met officials (AP)", "");
    /* numbers, single letters, lower case */
    expect("in the year (1998) the Office", "");
    expect("the Office of Personnel Management (A) said", "");
    expect("the office of personnel management (OPM) said", "");
    expect("the Office of personnel Management (OPM) said", "");
    expect("OPM (office of personnel management)", "");
    expect("the Office of Personnel Management (opm) said", "");
    /* an expansion does not cross punctuation */
    expect("Office of Personnel. Management (OPM)", "");
    expect("Office, Personnel, Management (OPM)", "");
    /* unclosed, empty, nested */
    expect("Office of Personnel Management (OPM", "");
    expect("Office of Personnel Management () (", "");
    expect("(", "");
    expect("", "");
    /* an expansion starts and ends with a word of its own */
    expect("the Bank of (BO) said", "");
    expect("BO (Bank of)", "");
    expect("BO (of Bank)", "");
    /* an acronym with digits, too long an acronym */
    expect("Group of Twenty (G20)", "");
    expect("A B C D E F G H I J K (ABCDEFGHIJK)", "");
}
END_TEST

static int keep_first(void *vctx, const xn_acronym_def *d)
{
    *(xn_acronym_def *)vctx = *d;
    return 1;
}

START_TEST(terms)
{
    const char *text = "The Office of Personnel-Management (OPM) said";
    xn_acronym_def d;
    ck_assert_int_eq(xn_acronyms_scan(text, strlen(text), keep_first, &d), 1);
    xn_strbuf term = XN_STRBUF_INIT;
    ck_assert_uint_gt(xn_acronyms_term(text, &d, &term), 0);
    ck_assert_str_eq(term.data, XN_PREFIX_ACRONYM "opm office of personnel management");
    xn_strbuf_free(&term);
}
END_TEST

static xn_acronyms *table(void)
{
    xn_acronyms *t = xn_acronyms_new();
    static const struct {
        const char *def;
        unsigned long count;
    } rows[] = {{"opm office of personnel management", 3},
                {"pla people's liberation army", 40},
                {"pla philippine library association", 2},
                {"dod department of defense", 5},
                {"dod department of defence", 5},
                {"malformed", 1}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        xn_acronyms_add(t, rows[i].def, strlen(rows[i].def), rows[i].count);
    ck_assert_int_eq(xn_acronyms_finish(t), 0);
    return t;
}

/* The alternatives for the words of TEXT (space separated), "|" joined,
 * and the words matched. */
static char *alternatives(const xn_acronyms *t, const char *text, int capitalised,
                          size_t *length)
{
    char copy[256];
    const char *words[16];
    size_t lens[16], n = 0;
    strcpy(copy, text);
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
        words[n] = w;
        lens[n++] = strlen(w);
    }
    const char *alts[4];
    *length = 0;
    size_t got = xn_acronyms_match(t, words, lens, n, capitalised, length, alts, 4);
    xn_strbuf b = XN_STRBUF_INIT;
    for (size_t i = 0; i < got; i++) {
        if (i) xn_strbuf_putc(&b, '|');
        xn_strbuf_puts(&b, alts[i]);
    }
    return xn_strbuf_take(&b);
}

START_TEST(lookups_and_conflicts)
{
    xn_acronyms *t = table();
    ck_assert_uint_eq(xn_acronyms_count(t), 5);
    size_t len;
    char *a;
    a = alternatives(t, "opm", 1, &len);
    ck_assert_str_eq(a, "office of personnel management");
    ck_assert_uint_eq(len, 1);
    free(a);
    /* a lower-case query word is a word, not an acronym */
    a = alternatives(t, "opm", 0, &len);
    ck_assert_str_eq(a, "");
    free(a);
    a = alternatives(t, "office of personnel management hack", 0, &len);
    ck_assert_str_eq(a, "opm");
    ck_assert_uint_eq(len, 4);
    free(a);
    /* every meaning of an acronym, the most frequent first */
    a = alternatives(t, "pla", 1, &len);
    ck_assert_str_eq(a, "people's liberation army|philippine library association");
    free(a);
    /* an expansion finds the acronym only as its most frequent meaning */
    a = alternatives(t, "people's liberation army", 0, &len);
    ck_assert_str_eq(a, "pla");
    free(a);
    a = alternatives(t, "philippine library association", 0, &len);
    ck_assert_str_eq(a, "");
    free(a);
    /* tied meanings both count */
    a = alternatives(t, "department of defence", 0, &len);
    ck_assert_str_eq(a, "dod");
    free(a);
    a = alternatives(t, "department of defense", 0, &len);
    ck_assert_str_eq(a, "dod");
    free(a);
    a = alternatives(t, "office of personnel", 0, &len);
    ck_assert_str_eq(a, "");
    free(a);
    const char *acr, *exp;
    unsigned long count;
    xn_acronyms_get(t, 3, &acr, &exp, &count);
    ck_assert_str_eq(acr, "pla");
    ck_assert_str_eq(exp, "people's liberation army");
    ck_assert_uint_eq(count, 40);
    xn_acronyms_free(t);
}
END_TEST

START_TEST(repeated_definitions_add_up)
{
    xn_acronyms *t = xn_acronyms_new();
    const char *d = "opm office of personnel management";
    xn_acronyms_add(t, d, strlen(d), 2);
    xn_acronyms_add(t, d, strlen(d), 3); /* the same term in another shard */
    ck_assert_int_eq(xn_acronyms_finish(t), 0);
    ck_assert_uint_eq(xn_acronyms_count(t), 1);
    const char *acr, *exp;
    unsigned long count;
    xn_acronyms_get(t, 0, &acr, &exp, &count);
    ck_assert_uint_eq(count, 5);
    xn_acronyms_free(t);
}
END_TEST

/* Through the public API: a writer stores the definitions, a database
 * lists them, and the spelling data the writer leaves corrects a query. */
START_TEST(public_api)
{
    char dir[] = "/tmp/check_acronyms_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/db", dir);
    static const char *const bodies[] = {
        "The Office of Personnel Management (OPM) was hacked.",
        "Personnel records of the government were stolen.",
        "OPM (Office of Personnel Management) said little."};
    xapnews_writer_t *w;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "d%d", i);
        xapnews_article_clear(a);
        xapnews_article_set(a, XAPNEWS_FIELD_ID, id, strlen(id));
        xapnews_article_set(a, XAPNEWS_FIELD_BODY, bodies[i], strlen(bodies[i]));
        ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    }
    xapnews_article_destroy(a);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db;
    ck_assert_int_eq(xapnews_database_open(path, &db, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_database_acronym_count(db), 1);
    const char *expansion;
    unsigned long count;
    ck_assert_str_eq(xapnews_database_acronym(db, 0, &expansion, &count), "opm");
    ck_assert_str_eq(expansion, "office of personnel management");
    ck_assert_uint_eq(count, 2);
    ck_assert_ptr_null(xapnews_database_acronym(db, 1, &expansion, &count));

    char *suggestion = NULL;
    ck_assert_int_eq(xapnews_database_suggest(db, "Persnnel AND \"recrds\" date:2016",
                                              &suggestion),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(suggestion, "Personnel AND \"records\" date:2016");
    xapnews_free(suggestion);
    ck_assert_int_eq(xapnews_database_suggest(db, "personnel records", &suggestion),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(suggestion); /* nothing to correct */
    xapnews_database_close(db);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("acronyms");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, expansion_then_acronym);
    tcase_add_test(tc, acronym_then_expansion);
    tcase_add_test(tc, several_in_one_text);
    tcase_add_test(tc, not_definitions);
    tcase_add_test(tc, terms);
    tcase_add_test(tc, lookups_and_conflicts);
    tcase_add_test(tc, repeated_definitions_add_up);
    tcase_add_test(tc, public_api);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
