/* check_nicknames.c - unit tests of the nicknames table (plugin/analysis/nicknames.h):
 * the loader's messages, lookups, and how nicknames reach officials and the
 * variant table. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "names.h"
#include "nicknames.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "variants.h"
#include "run_suite.h"

static xn_nicknames *parse_ok(const char *text)
{
    xn_error err;
    xn_error_clear(&err);
    xn_nicknames *t = xn_nicknames_parse("n.csv", text, strlen(text), &err);
    ck_assert_msg(t != NULL, "parse failed: %s", err.message);
    return t;
}

static void parse_fails(const char *text, const char *message)
{
    xn_error err;
    xn_error_clear(&err);
    xn_nicknames *t = xn_nicknames_parse("n.csv", text, strlen(text), &err);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(err.message, message);
}

/* The nicknames of FORMAL, space separated. */
static char *nicks(const xn_nicknames *t, const char *formal)
{
    size_t first, n = xn_nicknames_of(t, formal, strlen(formal), &first);
    xn_strbuf b = XN_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) xn_strbuf_putc(&b, ' ');
        xn_strbuf_puts(&b, xn_nicknames_nick(t, first + i));
    }
    return xn_strbuf_take(&b);
}

START_TEST(loads_the_format)
{
    xn_nicknames *t = parse_ok("name1,relationship,name2\r\n"
                               "william,has_nickname,will\r\n"
                               "# a comment\n"
                               "\n"
                               "William,has_nickname,Bill\n"
                               "william,has_nickname,bill\n" /* repeated */
                               "albert,has_nickname,al\n"
                               "alfred,has_nickname,al");
    ck_assert_uint_eq(xn_nicknames_count(t), 4);
    char *s = nicks(t, "william");
    ck_assert_str_eq(s, "bill will");
    free(s);
    s = nicks(t, "al");
    ck_assert_str_eq(s, "");
    free(s);
    s = nicks(t, "bill");
    ck_assert_str_eq(s, "");
    free(s);
    xn_nicknames_free(t);
}
END_TEST

START_TEST(the_shipped_table_loads)
{
    xn_strbuf text = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_strbuf_read_file(&text, TOP_SRCDIR "/schemas/nicknames.csv"), 0);
    xn_nicknames *t = parse_ok(text.data);
    ck_assert_uint_eq(xn_nicknames_count(t), 2691);
    char *s = nicks(t, "william");
    ck_assert_msg(strstr(s, "bill") && strstr(s, "will"), "william: %s", s);
    free(s);
    xn_nicknames_free(t);
    xn_strbuf_free(&text);
}
END_TEST

/* The tokeniser's words of a text: the first, and how many. */
typedef struct {
    xn_strbuf first;
    int count;
} words_seen;

static int see_word(void *ctx, const xn_token *t)
{
    words_seen *w = ctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (w->count++ == 0) xn_strbuf_append(&w->first, t->term, t->len);
    return 0;
}

/* Names of ASCII letters take a short path to their word: it must be the
 * tokeniser's, for every name of the shipped table and random ones. */
START_TEST(names_fold_as_the_tokeniser_folds_them)
{
    xn_strbuf text = XN_STRBUF_INIT, line = XN_STRBUF_INIT;
    words_seen want = {XN_STRBUF_INIT, 0};
    ck_assert_int_eq(xn_strbuf_read_file(&text, TOP_SRCDIR "/schemas/nicknames.csv"), 0);
    srand(11);
    char name[48];
    for (int trial = 0; trial < 4000; trial++) {
        size_t n;
        if (trial < 2000) { /* a formal name of the shipped table */
            const char *p = text.data;
            for (int skip = 1 + trial % 2600; skip > 0 && p; skip--) p = strchr(p + 1, '\n');
            if (!p) continue;
            n = strcspn(p + 1, ",");
            if (n >= sizeof name) continue;
            memcpy(name, p + 1, n);
        } else { /* random letters, any case, some too long for the path */
            n = 1 + (size_t)rand() % 40;
            for (size_t i = 0; i < n; i++)
                name[i] = (char)((rand() % 2 ? 'a' : 'A') + rand() % 26);
        }
        name[n] = '\0';
        xn_strbuf_reset(&want.first);
        want.count = 0;
        xn_tokenize(name, n, see_word, &want);
        if (want.count != 1) continue; /* refused either way */
        xn_strbuf_reset(&line);
        xn_strbuf_puts(&line, name);
        xn_strbuf_puts(&line, ",has_nickname,zzzq");
        xn_nicknames *t = parse_ok(line.data);
        ck_assert_uint_eq(xn_nicknames_count(t), 1);
        char *got = nicks(t, want.first.data);
        ck_assert_msg(strcmp(got, "zzzq") == 0, "'%s': the tokeniser says '%s'", name,
                      want.first.data);
        free(got);
        xn_nicknames_free(t);
    }
    xn_strbuf_free(&text);
    xn_strbuf_free(&want.first);
    xn_strbuf_free(&line);
}
END_TEST

START_TEST(bad_lines_name_file_and_line)
{
    parse_fails("william,has_nickname,bill\nwilliam,bill\n",
                "n.csv:2: expected 'formal,has_nickname,nickname' (3 comma-separated fields)");
    parse_fails("william,has_nickname,bill,billy\n",
                "n.csv:1: expected 'formal,has_nickname,nickname' (3 comma-separated fields), found more");
    parse_fails("# header\n\nwilliam,is_father_of,bill\n",
                "n.csv:3: unknown relationship (only has_nickname is known): 'is_father_of'");
    parse_fails("william,has_nickname,\n", "n.csv:1: the nickname is empty");
    parse_fails(" ,has_nickname,bill\n", "n.csv:1: the formal name is empty");
    parse_fails("mary ann,has_nickname,molly\n",
                "n.csv:1: the formal name must be one word, not 'mary ann'");
    parse_fails("robert,has_nickname,bob by\n",
                "n.csv:1: the nickname must be one word, not 'bob by'");
    parse_fails("bill,has_nickname,Bill\n", "n.csv:1: a name cannot be its own nickname: 'bill'");
    /* the header is only a header on the first line */
    parse_fails("william,has_nickname,bill\nname1,relationship,name2\n",
                "n.csv:2: unknown relationship (only has_nickname is known): 'relationship'");
}
END_TEST

static xn_names *officials(const char *text)
{
    xn_error err;
    xn_error_clear(&err);
    xn_names *o = xn_names_parse("o.tsv", text, strlen(text), XN_NAMES_OFFICIALS, &err);
    ck_assert_msg(o != NULL, "%s", err.message);
    return o;
}

static long lookup(const xn_names *o, const char *name)
{
    return xn_names_lookup(o, name, strlen(name));
}

START_TEST(officials_get_their_nicknames)
{
    xn_nicknames *t = parse_ok("william,has_nickname,bill\n"
                               "william,has_nickname,will\n"
                               "albert,has_nickname,al\n"
                               "alfred,has_nickname,al\n"
                               "robert,has_nickname,bob\n"
                               "elizabeth,has_nickname,liz\n");
    xn_names *o = officials("William Burns\tWilliam J. Burns\tDirector\tUS\n"
                            "Albert Gore\t\tVice President\tUS\n"
                            "Robert Smith\t\tSenator\tUS\n"
                            "Bob Smith\t\tMayor\tUS\n"
                            "Elizabeth Jones\t\tJudge\tUS\n"
                            "Elizabeth Brown\t\tJudge\tUS\n");
    xn_variants *v = xn_variants_new();
    ck_assert_int_eq(xn_nicknames_apply(t, o, v), 0);
    ck_assert_int_eq(lookup(o, "Bill Burns"), 0);
    ck_assert_int_eq(lookup(o, "Will Burns"), 0);
    ck_assert_int_eq(lookup(o, "Bill J. Burns"), 0);
    /* "al" is a nickname of Albert and Alfred: Al Gore is Albert Gore */
    ck_assert_int_eq(lookup(o, "Al Gore"), 1);
    /* a name the table gives someone else stays theirs */
    ck_assert_int_eq(lookup(o, "Bob Smith"), 3);
    ck_assert_int_eq(lookup(o, "Liz Jones"), 4);
    ck_assert_int_eq(lookup(o, "Liz Brown"), 5);
    /* nicknames apply to first names only, and not the other way round */
    ck_assert_int_eq(lookup(o, "Bill"), -1);
    ck_assert_int_eq(lookup(o, "William Bill"), -1);
    ck_assert_int_eq(lookup(o, "Burns Bill"), -1);
    /* the variant table meets the names through canonical terms only */
    const char *words[] = {"bill", "burns"};
    size_t lens[] = {4, 5};
    xn_vmatch m;
    ck_assert_int_eq(xn_variants_match(v, words, lens, 2, &m), 1);
    ck_assert_uint_eq(m.length, 2);
    xn_form canon = xn_variants_form(v, m.group, xn_variants_canonical(v, m.group));
    ck_assert_uint_eq(canon.n, 2);
    ck_assert_str_eq(canon.words[0], "william");
    for (size_t f = 0; f < xn_variants_form_count(v, m.group); f++)
        ck_assert_int_eq(xn_variants_natural(v, m.group, m.form, f), 0);
    ck_assert_int_eq(xn_variants_match(v, words, lens, 1, &m), 0);
    xn_variants_free(v);
    xn_names_free(o);
    xn_nicknames_free(t);
}
END_TEST

START_TEST(a_name_two_officials_would_share_names_neither)
{
    xn_nicknames *t = parse_ok("albert,has_nickname,al\nalfred,has_nickname,al\n");
    xn_names *o = officials("Albert Smith\t\tSenator\tUS\nAlfred Smith\t\tGovernor\tUS\n");
    xn_variants *v = xn_variants_new();
    ck_assert_int_eq(xn_nicknames_apply(t, o, v), 0);
    ck_assert_int_eq(lookup(o, "Al Smith"), -1);
    ck_assert_int_eq(lookup(o, "Albert Smith"), 0);
    ck_assert_int_eq(lookup(o, "Alfred Smith"), 1);
    ck_assert_uint_eq(xn_variants_groups(v), 0);
    xn_variants_free(v);
    xn_names_free(o);
    xn_nicknames_free(t);
}
END_TEST

START_TEST(joins_a_group_of_the_variant_table)
{
    xn_nicknames *t = parse_ok("william,has_nickname,will\n");
    xn_names *o = officials("Bill Evanina\tWilliam Evanina\tExecutive\tUS\n");
    xn_error err;
    const char *syn = "Bill Evanina, William Evanina\n";
    xn_variants *v = xn_variants_parse("s.txt", syn, strlen(syn), &err);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(xn_nicknames_apply(t, o, v), 0);
    ck_assert_uint_eq(xn_variants_groups(v), 1);
    ck_assert_uint_eq(xn_variants_form_count(v, 0), 3);
    ck_assert_int_eq(lookup(o, "Will Evanina"), 0);
    xn_variants_free(v);
    xn_names_free(o);
    xn_nicknames_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("nicknames");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, loads_the_format);
    tcase_add_test(tc, the_shipped_table_loads);
    tcase_add_test(tc, names_fold_as_the_tokeniser_folds_them);
    tcase_add_test(tc, bad_lines_name_file_and_line);
    tcase_add_test(tc, officials_get_their_nicknames);
    tcase_add_test(tc, a_name_two_officials_would_share_names_neither);
    tcase_add_test(tc, joins_a_group_of_the_variant_table);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
