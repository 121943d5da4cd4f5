/* check_variants.c - unit tests of the variant table (plugin/analysis/variants.h),
 * the officials and outlets tables (plugin/analysis/names.h) and the analysis that
 * lays variants into a text (plugin/analysis/terms.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "terms.h"
#include "error.h"
#include "names.h"
#include "strbuf.h"
#include "variants.h"
#include "run_suite.h"

static xn_variants *parse_ok(const char *text)
{
    xn_error err;
    xn_error_clear(&err);
    xn_variants *v = xn_variants_parse("t.txt", text, strlen(text), &err);
    ck_assert_msg(v != NULL, "parse failed: %s", err.message);
    return v;
}

static void parse_fails(const char *text, const char *message)
{
    xn_error err;
    xn_error_clear(&err);
    xn_variants *v = xn_variants_parse("t.txt", text, strlen(text), &err);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(err.message, message);
}

/* The form of group G numbered F, words joined by spaces. */
static char *form_text(const xn_variants *v, size_t g, size_t f)
{
    xn_strbuf b = XN_STRBUF_INIT;
    xn_form form = xn_variants_form(v, g, f);
    for (size_t k = 0; k < form.n; k++) {
        if (k) xn_strbuf_putc(&b, ' ');
        xn_strbuf_append(&b, form.words[k], form.lens[k]);
    }
    return xn_strbuf_take(&b);
}

/* Matches the words of TEXT (split at spaces) at their start. */
static int match_words(const xn_variants *v, const char *text, xn_vmatch *m)
{
    char buf[256];
    const char *words[16];
    size_t lens[16], n = 0;
    strcpy(buf, text);
    for (char *w = strtok(buf, " "); w && n < 16; w = strtok(NULL, " ")) {
        words[n] = w;
        lens[n++] = strlen(w);
    }
    return xn_variants_match(v, words, lens, n, m);
}

START_TEST(equivalences_and_mappings)
{
    xn_variants *v = parse_ok("# names\n"
                              "Guo Shengkun, Guo Shengkum\n"
                              "\n"
                              "  cybersecurity , Cyber-Security, cyber security  \n"
                              "POTUS, potus.gov => President\n"
                              "Smith\\, Jr., Smith Junior\n");
    ck_assert_uint_eq(xn_variants_groups(v), 4);
    ck_assert_uint_eq(xn_variants_line(v, 0), 2);
    ck_assert_uint_eq(xn_variants_line(v, 1), 4);
    char *t = form_text(v, 1, 1);
    ck_assert_str_eq(t, "cyber security"); /* folded, hyphen split */
    free(t);
    t = form_text(v, 3, 0);
    ck_assert_str_eq(t, "smith jr"); /* the escaped comma is inside */
    free(t);
    ck_assert(!xn_variants_is_mapping(v, 0));
    ck_assert(xn_variants_is_mapping(v, 2));
    /* canonical: the fewest words, the first of those; a mapping's target */
    ck_assert_uint_eq(xn_variants_canonical(v, 0), 0);
    ck_assert_uint_eq(xn_variants_canonical(v, 1), 0);
    ck_assert_uint_eq(xn_variants_canonical(v, 2), 2);
    /* equivalences expand every way; mappings only left to right */
    ck_assert(xn_variants_expands(v, 0, 1, 0) && xn_variants_expands(v, 0, 0, 1));
    ck_assert(!xn_variants_expands(v, 0, 0, 0));
    ck_assert(xn_variants_expands(v, 2, 0, 2) && !xn_variants_expands(v, 2, 2, 0));
    xn_variants_free(v);
}
END_TEST

START_TEST(longest_match_wins)
{
    xn_variants *v = parse_ok("Loretta Lynch, Loretta E. Lynch\nLynch, Lynch Jr\n");
    xn_vmatch m;
    ck_assert(match_words(v, "loretta e lynch said", &m));
    ck_assert_uint_eq(m.group, 0);
    ck_assert_uint_eq(m.form, 1);
    ck_assert_uint_eq(m.length, 3);
    ck_assert(match_words(v, "lynch jr said", &m));
    ck_assert_uint_eq(m.length, 2);
    ck_assert(match_words(v, "lynch said", &m));
    ck_assert_uint_eq(m.length, 1);
    ck_assert(!match_words(v, "loretta said", &m));
    ck_assert(!match_words(v, "said lynch", &m));
    xn_variants_free(v);
}
END_TEST

START_TEST(malformed_lines_refuse_the_file)
{
    parse_fails("a, b\nc, , d\n",
                "t.txt:2: empty entry (two commas in a row, or a comma at an end)");
    parse_fails("a, b,\n", "t.txt:1: empty entry (two commas in a row, or a comma at an end)");
    parse_fails("lonely\n",
                "t.txt:1: a line needs two or more equivalent forms, or 'a => b'");
    parse_fails("a => b => c\n", "t.txt:1: '=>' appears more than once");
    parse_fails(" => b\n", "t.txt:1: nothing before '=>'");
    parse_fails("a =>  \n", "t.txt:1: nothing after '=>'");
    parse_fails("a, !!!\n", "t.txt:1: entry has no words: '!!!'");
    parse_fails("# x\nGuo Shengkun, Guo Shengkum\nGUO SHENGKUM, G. Shengkum\n",
                "t.txt:3: a form on this line already belongs to the group on line 2");
    parse_fails("ok, fine\nbad\xff, x\n", "t.txt:2: invalid UTF-8");
    parse_fails("U.S., =Us\n", "t.txt:1: a case-sensitive form is one word of 2 to 5 "
                "capital letters A-Z, not '=Us'");
    parse_fails("x, y\nUnited States, =U S\n", "t.txt:2: a case-sensitive form is one "
                "word of 2 to 5 capital letters A-Z, not '=U S'");
    parse_fails("a, =ABCDEF\n", "t.txt:1: a case-sensitive form is one word of 2 to 5 "
                "capital letters A-Z, not '=ABCDEF'");
}
END_TEST


START_TEST(natural_expansion_only_for_spelling_variants)
{
    xn_variants *v = parse_ok("Guo Shengkun, Guo Shengkum\n"
                              "cybersecurity, cyber security\n"
                              "United States, U.S., USA, U.S.A.\n"
                              "Bill Evanina, William Evanina\n"
                              "Loretta Lynch, Loretta E. Lynch\n"
                              "POTUS => President\n");
    ck_assert(xn_variants_natural(v, 0, 1, 0));  /* shengkum -> shengkun */
    ck_assert(xn_variants_natural(v, 1, 1, 0));  /* same letters */
    ck_assert(xn_variants_natural(v, 1, 0, 1));
    ck_assert(!xn_variants_natural(v, 2, 1, 0)); /* u.s -> united states */
    ck_assert(xn_variants_natural(v, 2, 2, 3));  /* usa -> u.s.a */
    ck_assert(!xn_variants_natural(v, 3, 0, 1)); /* bill -> william */
    ck_assert(xn_variants_natural(v, 4, 1, 0));  /* drops a word only */
    ck_assert(xn_variants_natural(v, 5, 0, 1));  /* a mapping asks for it */
    xn_variants_free(v);
}
END_TEST

static int collect_pair(void *ctx, const char *a, size_t alen, const char *b,
                        size_t blen)
{
    xn_strbuf *out = ctx;
    xn_strbuf_printf(out, "%.*s>%.*s ", (int)alen, a, (int)blen, b);
    return 0;
}

START_TEST(word_pairs_for_xapian_synonyms)
{
    xn_variants *v = parse_ok("Guo Shengkun, Guo Shengkum\n"
                              "Bill Evanina, William Evanina\n"
                              "USA, U.S.\n");
    xn_strbuf out = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_variants_each_word_pair(v, collect_pair, &out), 0);
    ck_assert_str_eq(out.data, "shengkun>shengkum shengkum>shengkun usa>u.s u.s>usa ");
    xn_strbuf_free(&out);
    xn_variants_free(v);
}
END_TEST

/* "term@pos/kind" of every token of TEXT. */
static char *analysed(const xn_variants *v, const char *text)
{
    xn_tokens l = XN_TOKENS_INIT;
    ck_assert_uint_ne(xn_analyze(text, strlen(text), v, 0, &l), (unsigned)-1);
    xn_strbuf out = XN_STRBUF_INIT;
    for (size_t i = 0; i < l.n; i++)
        xn_strbuf_printf(&out, "%s%s@%u%s", i ? " " : "", xn_tokens_term(&l, i),
                         l.t[i].pos,
                         (l.t[i].flags & XN_TOKEN_CANONICAL) ? "/c"
                         : (l.t[i].flags & XN_TOKEN_VARIANT) ? "/v" : "");
    xn_tokens_free(&l);
    return xn_strbuf_take(&out);
}

START_TEST(analysis_writes_plain_and_canonical_streams)
{
    xn_variants *v = parse_ok("Loretta Lynch, Loretta E. Lynch\nU.S., United States\n"
                              "cybersecurity, cyber security\n");
    /* plain stream: the text's own positions, then the spelling laid from
     * both ends of the span; canonical stream: the span as its canonical
     * form, the words after it shifted up */
    char *a = analysed(v, "AG Loretta E. Lynch said");
    ck_assert_str_eq(a, "ag@1 loretta@2 e@3 lynch@3/v loretta@3/v lynch@4 said@5 "
                        "ag@1/c loretta@2/c lynch@3/c said@4/c");
    free(a);
    /* forms of other words are not laid as plain words */
    a = analysed(v, "the United States said");
    ck_assert_str_eq(a, "the@1 united@2 states@3 said@4 the@1/c u.s@2/c said@3/c");
    free(a);
    /* a longer spelling is never laid over the words after a span */
    a = analysed(v, "The cybersecurity experts met");
    ck_assert_str_eq(a, "the@1 cybersecurity@2 experts@3 met@4 "
                        "the@1/c cybersecurity@2/c experts@3/c met@4/c");
    free(a);
    /* no form: no canonical stream */
    a = analysed(v, "Xi Jinping's visit");
    ck_assert_str_eq(a, "xi@1 jinping's@2 jinping@2 visit@3");
    free(a);
    a = analysed(NULL, "Xi Jinping's visit");
    ck_assert_str_eq(a, "xi@1 jinping's@2 jinping@2 visit@3");
    free(a);
    xn_variants_free(v);
}
END_TEST

/* "=US" is the United States where US is written in capitals in
 * mixed-case text, and then indexed as the canonical word; "us", "Us"
 * and text in capitals are left alone */
START_TEST(case_sensitive_forms)
{
    xn_variants *v = parse_ok("United States, U.S., USA, =US\n");
    char *a = analysed(v, "The US said");
    ck_assert_str_eq(a, "the@1 u.s@2 said@3 the@1/c u.s@2/c said@3/c");
    free(a);
    a = analysed(v, "Let us go");
    ck_assert_str_eq(a, "let@1 us@2 go@3");
    free(a);
    a = analysed(v, "Us and them");
    ck_assert_str_eq(a, "us@1 and@2 them@3");
    free(a);
    a = analysed(v, "LET US GO NOW");
    ck_assert_str_eq(a, "let@1 us@2 go@3 now@4");
    free(a);
    /* a word of its own, in a compound too, but not inside a code */
    a = analysed(v, "US-China talks");
    ck_assert_str_eq(a, "u.s@1 uschina@1 china@2 uschina@2 talks@3 "
                        "u.s@1/c china@2/c uschina@2/c talks@3/c");
    free(a);
    a = analysed(v, "Unilever <US.AS> fell");
    ck_assert_str_eq(a, "unilever@1 us@2 as@3 fell@4");
    free(a);
    /* never a canonical form, never a pair for Xapian's synonym table */
    xn_form f = xn_variants_form(v, 0, xn_variants_canonical(v, 0));
    ck_assert(!f.cased);
    ck_assert_str_eq(f.words[0], "u.s");
    xn_variants_free(v);
}
END_TEST

START_TEST(joined_pairs_are_multiword_keys)
{
    xn_variants *v = parse_ok("cybersecurity, cyber security, cyber-security\n"
                              "U.S., United States\nPOTUS => President\n");
    xn_strbuf out = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_variants_each_joined_pair(v, collect_pair, &out), 0);
    ck_assert_str_eq(out.data, "cyber security>cybersecurity ");
    xn_strbuf_free(&out);
    xn_variants_free(v);
}
END_TEST

START_TEST(names_tables)
{
    const char *text = "# officials\n"
                       "Guo Shengkun\tGuo Shengkum|Shengkun Guo\tMinister\tChina\tGuo\n"
                       "Jeh Johnson\tJeh Jonson\tSecretary\tUnited States\n";
    xn_error err;
    xn_error_clear(&err);
    xn_names *t = xn_names_parse("o.tsv", text, strlen(text), XN_NAMES_OFFICIALS, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_uint_eq(xn_names_count(t), 2);
    const xn_name *guo = xn_names_get(t, 0);
    ck_assert_str_eq(guo->canonical, "Guo Shengkun");
    ck_assert_uint_eq(guo->n_variants, 2);
    ck_assert_str_eq(guo->variants[1], "Shengkun Guo");
    ck_assert_str_eq(guo->role, "Minister");
    ck_assert_str_eq(guo->surname, "guo");
    ck_assert_str_eq(xn_names_get(t, 1)->surname, "johnson"); /* last word */
    ck_assert_int_eq(xn_names_lookup(t, "GUO  shengkum", 13), 0);
    ck_assert_int_eq(xn_names_lookup(t, "Jeh Jonson", 10), 1);
    ck_assert_int_eq(xn_names_lookup(t, "Jeh", 3), -1);
    ck_assert_int_eq(xn_names_lookup(t, "Jeh Jonson Jr", 13), -1);
    xn_names_free(t);

    const char *bad = "A\tB\n\tnameless\n";
    t = xn_names_parse("o.tsv", bad, strlen(bad), XN_NAMES_OUTLETS, &err);
    ck_assert_ptr_null(t);
    ck_assert_str_eq(err.message, "o.tsv:2: the canonical name (first column) is empty");
    const char *dup = "Reuters\tThomson Reuters\nThomson Reuters\t\n";
    t = xn_names_parse("o.tsv", dup, strlen(dup), XN_NAMES_OUTLETS, &err);
    ck_assert_ptr_null(t);
    ck_assert_str_eq(err.message,
                     "o.tsv:2: this name is already listed on an earlier line: 'Thomson Reuters'");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("variants");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, equivalences_and_mappings);
    tcase_add_test(tc, longest_match_wins);
    tcase_add_test(tc, malformed_lines_refuse_the_file);
    tcase_add_test(tc, case_sensitive_forms);
    tcase_add_test(tc, natural_expansion_only_for_spelling_variants);
    tcase_add_test(tc, word_pairs_for_xapian_synonyms);
    tcase_add_test(tc, analysis_writes_plain_and_canonical_streams);
    tcase_add_test(tc, joined_pairs_are_multiword_keys);
    tcase_add_test(tc, names_tables);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
