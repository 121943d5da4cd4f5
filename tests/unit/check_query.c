/* check_query.c - unit tests of the query pipeline
 * (plugin/query/query_builder.h): the exact Xapian query built for each piece of
 * syntax, and the exact error for each kind of bad query.
 *
 * The expected descriptions were printed once and checked by reading
 * query_parser.c: words are stemmed (Z prefix) unless capitalised or
 * quoted; every word of a text starts at query position 1; phrases are
 * OP_PHRASE with a window of their length; boolean fields are scaled by 0
 * (a value range has no weight already, so Xapian shows no scale there);
 * date ranges pad the upper end with 9s so a year or month includes all
 * its days.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "highlight.h"
#include "query_builder.h"
#include "query_rewrite.h"
#include "query_tree.h"
#include "typos.h"
#include "stemmer.h"
#include "tokenizer.h"
#include "run_suite.h"

static xn_stemmer *english(void)
{
    int unknown;
    xn_stemmer *s = xn_stemmer_new("english", &unknown);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Parses TEXT and returns Xapian's description (caller frees). */
static char *describe(const char *text, unsigned flags)
{
    xn_stemmer *st = english();
    xn_error err;
    xn_error_clear(&err);
    xs_query *q = xn_query_parse(text, flags, st, NULL, &err);
    ck_assert_msg(q != NULL, "'%s' refused: %s", text, err.message);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_SUCCESS);
    char *d = xs_query_describe(q);
    ck_assert_ptr_nonnull(d);
    xs_query_free(q);
    xn_stemmer_free(st);
    return d;
}

/* How many times NEEDLE occurs in HAY. */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

#define EXPECT_QUERY_F(text, flags, expected)                               \
    do {                                                                    \
        char *d_ = describe((text), (flags));                               \
        ck_assert_str_eq(d_, (expected));                                   \
        free(d_);                                                           \
    } while (0)
#define EXPECT_QUERY(text, expected) \
    EXPECT_QUERY_F((text), XAPNEWS_QUERY_DEFAULT_AND, (expected))

/* Checks TEXT is refused with BAD_QUERY and exactly MESSAGE. */
static void expect_error(const char *text, const char *message)
{
    xn_stemmer *st = english();
    xn_error err;
    xn_error_clear(&err);
    xn_hlset hl = {0};
    xs_query *q = xn_query_parse(text, 0, st, &hl, &err);
    ck_assert_msg(q == NULL, "'%.60s' accepted", text);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_QUERY);
    ck_assert_str_eq(err.message, message);
    xn_hlset_free(&hl);
    xn_stemmer_free(st);
}

/* ---- words -------------------------------------------------------------- */

START_TEST(words)
{
    EXPECT_QUERY("talks", "Query(Ztalk@1)");
    EXPECT_QUERY("Talks", "Query(talks@1)");
    EXPECT_QUERY("talks china", "Query((Ztalk@1 AND Zchina@1))");
    EXPECT_QUERY_F("talks china", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 OR Zchina@1))");
    EXPECT_QUERY("  talks\t\n", "Query(Ztalk@1)");
    /* a query in capitals is read as lower case (three words or more, 80%
     * of them in capitals); fewer words keep their capitals */
    EXPECT_QUERY("TALKS BEGIN TUESDAY", "Query((Ztalk@1 AND Zbegin@1 AND Ztuesday@1))");
    EXPECT_QUERY("AIRCRAFT WINGS IN SUPERSONIC FLOW A",
                 "Query((Zaircraft@1 AND Zwing@1 AND Zin@1 AND Zsuperson@1 AND "
                 "Zflow@1 AND Za@1))");
    EXPECT_QUERY("NATO TALKS", "Query((nato@1 AND talks@1))");
    EXPECT_QUERY("NATO talks Begin", "Query((nato@1 AND Ztalk@1 AND begin@1))");
    /* numbers and acronyms are not stemmed */
    EXPECT_QUERY("2015", "Query(2015@1)");
    EXPECT_QUERY("U.S.", "Query(u.s@1)");
    /* a possessive also searches the bare word at the same position */
    EXPECT_QUERY("China's", "Query((china's@1 SYNONYM china@1))");
}
END_TEST

START_TEST(phrases)
{
    EXPECT_QUERY("\"Jeh Johnson\"", "Query((jeh@1 PHRASE 2 johnson@2))");
    /* quoted words are never stemmed */
    EXPECT_QUERY("\"talks\"", "Query(talks@1)");
    EXPECT_QUERY("\"cyber talks\" china",
                 "Query(((cyber@1 PHRASE 2 talks@2) AND Zchina@1))");
    /* an unterminated quote runs to the end */
    EXPECT_QUERY("\"Jeh Johnson", "Query((jeh@1 PHRASE 2 johnson@2))");
}
END_TEST

START_TEST(hyphenated_words)
{
    /* the phrase of the parts, or the joined form, or its stem */
    EXPECT_QUERY("cyber-security",
                 "Query((((cyber@1 PHRASE 2 security@2) OR cybersecurity@1) OR "
                 "Zcybersecur@1))");
    EXPECT_QUERY("title:cyber-security",
                 "Query((((Scyber@1 PHRASE 2 Ssecurity@2) OR Scybersecurity@1) "
                 "OR ZScybersecur@1))");
    EXPECT_QUERY("\"cyber-security talks\"",
                 "Query(((cyber@1 PHRASE 3 security@2 PHRASE 3 talks@3) OR "
                 "(cybersecurity@1 PHRASE 2 talks@2)))");
    /* parts that are not all letters have no joined form */
    EXPECT_QUERY("U.S.-China", "Query((u.s@1 PHRASE 2 china@2))");
}
END_TEST

START_TEST(amounts_of_money)
{
    /* an amount is searched as its term, whatever the style: the code and
     * the value, which the indexer lays on every position of the amount */
    static const char *const styles[] = {
        "$1.13bn", "US$1.13 billion", "US$1,130 million", "USD 1.13 billion",
        "1.13 billion dollars", "1.13bn USD", "1.13 billion U.S. dollars",
        "1,130 mln dlrs", "$1,130,000,000", "\"$1.13bn\"",
        "\"1.13 billion dollars\""};
    for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++)
        EXPECT_QUERY(styles[k], "Query(usd:1130000000@1)");
    EXPECT_QUERY("US$590", "Query(usd:590@1)");
    EXPECT_QUERY("590 billion dollars", "Query(usd:590000000000@1)");
    /* never another currency's */
    EXPECT_QUERY("\xC2\xA3" "1.13bn", "Query(gbp:1130000000@1)");
    EXPECT_QUERY("1.13 billion euros", "Query(eur:1130000000@1)");
    /* a scaled number without currency: its value, in any currency; a
     * number without scale: as written */
    EXPECT_QUERY("1.13bn", "Query(1130000000@1)");
    EXPECT_QUERY("1.13 billion", "Query(1130000000@1)");
    EXPECT_QUERY("1.13", "Query(1.13@1)");
    EXPECT_QUERY("3m", "Query(3m@1)");
    /* with other words, in fields, excluded */
    EXPECT_QUERY("paid $1.13bn", "Query((Zpaid@1 AND usd:1130000000@1))");
    EXPECT_QUERY("title:$5", "Query(Susd:5@1)");
    EXPECT_QUERY("talks -$5", "Query((Ztalk@1 AND_NOT usd:5@1))");
    /* the code alone is a word */
    EXPECT_QUERY("usd", "Query(Zusd@1)");
    /* in a phrase: the term once at either end (it is on every position of
     * the amount), inside it once for each width an amount may take */
    EXPECT_QUERY("\"paid $5\"", "Query((paid@1 PHRASE 2 usd:5@2))");
    EXPECT_QUERY("\"5 dollars paid\"", "Query((usd:5@1 PHRASE 2 paid@2))");
    EXPECT_QUERY("\"a $5 b\"",
                 "Query(((a@1 PHRASE 3 usd:5@2 PHRASE 3 b@3) OR "
                 "(a@1 PHRASE 4 usd:5@2 PHRASE 4 usd:5@3 PHRASE 4 b@4) OR "
                 "(a@1 PHRASE 5 usd:5@2 PHRASE 5 usd:5@3 PHRASE 5 usd:5@4 "
                 "PHRASE 5 b@5) OR "
                 "(a@1 PHRASE 6 usd:5@2 PHRASE 6 usd:5@3 PHRASE 6 usd:5@4 "
                 "PHRASE 6 usd:5@5 PHRASE 6 b@6) OR "
                 "(a@1 PHRASE 7 usd:5@2 PHRASE 7 usd:5@3 PHRASE 7 usd:5@4 "
                 "PHRASE 7 usd:5@5 PHRASE 7 usd:5@6 PHRASE 7 b@7)))");
    /* written in any style, the phrase is the same */
    char *a = describe("\"a 5 U.S. dollars b\"", 0);
    char *b = describe("\"a USD 5 b\"", 0);
    char *c = describe("\"a $5 b\"", 0);
    ck_assert_str_eq(a, c);
    ck_assert_str_eq(b, c);
    free(a);
    free(b);
    free(c);
    /* two amounts inside a phrase: every combination of their widths, as
     * many phrases as MAX_AMOUNT_PHRASES (25) allows */
    char *d = describe("\"a $5 b $6 c\"", 0);
    ck_assert_uint_eq(count_of(d, "(a@1 PHRASE "), 25);
    ck_assert_ptr_nonnull(strstr(d, "(a@1 PHRASE 5 usd:5@2 PHRASE 5 b@3 PHRASE 5 "
                                    "usd:6@4 PHRASE 5 c@5)"));
    ck_assert_ptr_nonnull(strstr(d, "(a@1 PHRASE 6 usd:5@2 PHRASE 6 b@3 PHRASE 6 "
                                    "usd:6@4 PHRASE 6 usd:6@5 PHRASE 6 c@6)"));
    ck_assert_ptr_nonnull(strstr(d, "(a@1 PHRASE 13 usd:5@2 PHRASE 13 usd:5@3 "
                                    "PHRASE 13 usd:5@4 PHRASE 13 usd:5@5 PHRASE 13 "
                                    "usd:5@6 PHRASE 13 b@7 PHRASE 13 usd:6@8 PHRASE 13 "
                                    "usd:6@9 PHRASE 13 usd:6@10 PHRASE 13 usd:6@11 "
                                    "PHRASE 13 usd:6@12 PHRASE 13 c@13)"));
    free(d);
    /* a further amount keeps the width it is written with: the widths of
     * all three would make too many phrases */
    d = describe("\"a $5 b $6 c $7 d\"", 0);
    ck_assert_uint_eq(count_of(d, "(a@1 PHRASE "), 25);
    ck_assert_uint_eq(count_of(d, "usd:7@"), 25);
    free(d);
}
END_TEST

/* ---- operators ---------------------------------------------------------- */

START_TEST(operators)
{
    EXPECT_QUERY("+talks -china", "Query((Ztalk@1 AND_NOT Zchina@1))");
    EXPECT_QUERY("talks OR china", "Query((Ztalk@1 OR Zchina@1))");
    EXPECT_QUERY("talks NOT china", "Query((Ztalk@1 AND_NOT Zchina@1))");
    EXPECT_QUERY("talks AND china", "Query((Ztalk@1 AND Zchina@1))");
    EXPECT_QUERY("(talks OR china) hacking",
                 "Query(((Ztalk@1 OR Zchina@1) AND Zhack@1))");
    EXPECT_QUERY("talks (china OR russia)",
                 "Query((Ztalk@1 AND (Zchina@1 OR Zrussia@1)))");
    /* with DEFAULT_OR, + makes a word required and the rest optional */
    EXPECT_QUERY_F("+talks china", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 AND_MAYBE Zchina@1))");
    EXPECT_QUERY_F("talks AND china", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 AND Zchina@1))");
    /* only exclusions: everything but them */
    EXPECT_QUERY("-china", "Query((<alldocuments> AND_NOT Zchina@1))");
    EXPECT_QUERY("NOT china", "Query((<alldocuments> AND_NOT Zchina@1))");
    /* operators are upper case only; lower case they are words */
    EXPECT_QUERY("talks or china", "Query((Ztalk@1 AND Zor@1 AND Zchina@1))");
    /* a lone sign is not a word */
    EXPECT_QUERY("talks - china", "Query((Ztalk@1 AND Zchina@1))");
    /* AND binds the last word of a run before it, as Xapian's does */
    EXPECT_QUERY_F("talks china AND hacking", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query(((Zchina@1 AND Zhack@1) AND_MAYBE Ztalk@1))");
}
END_TEST

/* Filters apply under both default operators: one field's filters are
 * alternatives, different fields' filters all apply. */
START_TEST(filters_under_any)
{
    EXPECT_QUERY_F("talks date:2016", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 FILTER VALUE_RANGE 0 2016 20169999))");
    EXPECT_QUERY_F("talks china id:a1 id:a2 date:2016", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query(((Ztalk@1 OR Zchina@1) FILTER ((0 * Qa1 OR 0 * Qa2) AND "
                   "VALUE_RANGE 0 2016 20169999)))");
    EXPECT_QUERY_F("id:a1", XAPNEWS_QUERY_DEFAULT_OR, "Query(0 * Qa1)");
    EXPECT_QUERY_F("talks -id:a1", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 AND_NOT Qa1))");
    EXPECT_QUERY_F("talks OR id:a1", XAPNEWS_QUERY_DEFAULT_OR,
                   "Query((Ztalk@1 OR 0 * Qa1))");
}
END_TEST

/* ---- the tree and its passes ------------------------------------------ */

static const xn_qnode *child(const xn_qnode *n, size_t i)
{
    ck_assert_uint_gt(n->n_child, i);
    return n->child[i];
}

static void expect_text(const xn_qnode *n, xn_qfield field, xn_qrole role,
                        const char *text, int quoted, size_t at)
{
    ck_assert_int_eq(n->kind, XN_QNODE_TEXT);
    ck_assert_int_eq(n->field, field);
    ck_assert_int_eq(n->role, role);
    ck_assert_uint_eq(n->len, strlen(text));
    ck_assert(memcmp(n->text, text, n->len) == 0);
    ck_assert_int_eq(n->quoted, quoted);
    ck_assert_uint_eq(n->at, at);
}

START_TEST(syntax_tree)
{
    xn_qtree t;
    xn_error err;
    xn_error_clear(&err);
    const char *q = "Guo Shengkum -\"cyber talks\" title:China date:2016 OR (a +b)";
    ck_assert_int_eq(xn_qtree_parse(q, &t, &err), 0);
    const xn_qnode *or = t.root;
    ck_assert_int_eq(or->kind, XN_QNODE_OR);
    ck_assert_uint_eq(or->n_child, 2);
    const xn_qnode *and = child(or, 0);
    ck_assert_int_eq(and->kind, XN_QNODE_AND);
    ck_assert_uint_eq(and->n_child, 4);
    expect_text(child(and, 0), XN_QFIELD_BODY, XN_QROLE_DEFAULT, "Guo Shengkum", 0, 0);
    expect_text(child(and, 1), XN_QFIELD_BODY, XN_QROLE_EXCLUDED, "cyber talks", 1, 14);
    expect_text(child(and, 2), XN_QFIELD_TITLE, XN_QROLE_DEFAULT, "China", 0, 28);
    const xn_qnode *date = child(and, 3);
    ck_assert_int_eq(date->kind, XN_QNODE_DATE);
    ck_assert_str_eq(date->lo, "2016");
    ck_assert_str_eq(date->hi, "20169999");
    const xn_qnode *group = child(child(or, 1), 0);
    ck_assert_int_eq(group->kind, XN_QNODE_AND);
    expect_text(child(group, 0), XN_QFIELD_BODY, XN_QROLE_DEFAULT, "a", 0, 54);
    expect_text(child(group, 1), XN_QFIELD_BODY, XN_QROLE_REQUIRED, "b", 0, 57);
    xn_qtree_free(&t);
    /* nothing to search: no tree root, no failure */
    ck_assert_int_eq(xn_qtree_parse("  ( ) ", &t, &err), 0);
    xn_qtree_free(&t);
}
END_TEST

static int count_text(void *ctx, xn_qnode *n)
{
    (void)n;
    ++*(int *)ctx;
    return 0;
}

/* The typo pass reads only searched texts and corrects each text node
 * holding a misspelt word, leaving the query text and the rest alone. */
START_TEST(typo_pass_corrects_searched_texts)
{
    xn_qtree t;
    xn_error err;
    xn_error_clear(&err);
    const char *q = "Guo Shengkum talks -Jhonson outlet:Reuters (\"Shengkum talks\" OR x)";
    ck_assert_int_eq(xn_qtree_parse(q, &t, &err), 0);
    int n = 0;
    xn_qtree_each_searched_text(&t, count_text, &n);
    ck_assert_int_eq(n, 3); /* not -Jhonson, not the outlet */
    xn_typo typo[3] = {{"Shengkum", "Shengkun", 4, 12, 0, 4, 0},
                       {"Shengkum", "Shengkung", 4, 12, 1, 6, 0},
                       {"Shengkum", "Shengkun", 45, 53, 0, 4, 0}};
    xn_typos list = {typo, 3};
    ck_assert_int_eq(xn_qtree_correct(&t, &list, &err), 0);
    ck_assert_ptr_eq(t.typos, &list);
    const xn_qnode *and = t.root;
    /* plain words are given their names by the builder, a quoted text its
     * corrected texts */
    ck_assert_ptr_null(child(and, 0)->corrected[0]);
    const xn_qnode *phrase = child(child(child(and, 3), 0), 0);
    ck_assert_str_eq(phrase->corrected[0], "Shengkun talks");
    ck_assert_ptr_null(phrase->corrected[1]);
    ck_assert_str_eq(t.text, q);
    /* each misspelt word as typed OR its names, weighted 0.5 for the best
     * and less for the next (a sixteenth less for its rank, half for its
     * one edit more); the query with the phrase corrected OR'd in,
     * weighted 0.5 */
    ck_assert_int_eq(xn_qtree_resolve_fields(&t, NULL, &err), 0);
    xs_query *built = xn_query_build(&t, 0, NULL, NULL, NULL, NULL, NULL, &err);
    char *d = xs_query_describe(built);
    ck_assert_str_eq(d, "Query(((((guo@1 AND (shengkum@1 OR 0.5 * shengkun@1 OR 0.234375 * "
                        "shengkung@1) AND talks@1 AND ((shengkum@1 PHRASE 2 talks@2) OR x@1)) "
                        "FILTER 0 * XOUTLET:reuters) AND_NOT jhonson@1) OR 0.5 * "
                        "(((guo@1 AND shengkum@1 AND talks@1 AND ((shengkun@1 PHRASE 2 talks@2) "
                        "OR x@1)) FILTER 0 * XOUTLET:reuters) AND_NOT jhonson@1)))");
    free(d);
    xs_query_free(built);
    xn_qtree_free(&t);
}
END_TEST

/* ---- fields ------------------------------------------------------------- */

START_TEST(fields)
{
    EXPECT_QUERY("title:talks", "Query(ZStalk@1)");
    EXPECT_QUERY("title:Talks", "Query(Stalks@1)");
    EXPECT_QUERY("title:\"cyber talks\"", "Query((Scyber@1 PHRASE 2 Stalks@2))");
    EXPECT_QUERY("official:\"Jeh Johnson\"",
                 "Query((XOjeh@1 PHRASE 2 XOjohnson@2))");
    EXPECT_QUERY("official:Lynch", "Query(XOlynch@1)");
    EXPECT_QUERY("outlet:\"China Digital Times\"",
                 "Query(0 * XOUTLET:china-digital-times)");
    EXPECT_QUERY("outlet:Gadgets", "Query(0 * XOUTLET:gadgets)");
    EXPECT_QUERY("id:003_366b0afce615304f", "Query(0 * Q003_366b0afce615304f)");
    EXPECT_QUERY("talks id:a1", "Query((Ztalk@1 FILTER 0 * Qa1))");
    /* unknown prefixes are plain text */
    EXPECT_QUERY("foo:bar", "Query((foo@1 PHRASE 2 bar@2))");
    EXPECT_QUERY("Title:talks", "Query((title@1 PHRASE 2 talks@2))");
}
END_TEST

START_TEST(dates)
{
    EXPECT_QUERY("date:2016", "Query(VALUE_RANGE 0 2016 20169999)");
    EXPECT_QUERY("date:2016-05", "Query(VALUE_RANGE 0 201605 20160599)");
    EXPECT_QUERY("date:2016-05-01", "Query(VALUE_RANGE 0 20160501 20160501)");
    EXPECT_QUERY("date:2016-05..2016-06-30",
                 "Query(VALUE_RANGE 0 201605 20160630)");
    EXPECT_QUERY("date:2015..2016", "Query(VALUE_RANGE 0 2015 20169999)");
    EXPECT_QUERY("date:..2016-06-30", "Query(VALUE_LE 0 20160630)");
    EXPECT_QUERY("date:2016-05..", "Query(VALUE_GE 0 201605)");
    EXPECT_QUERY("date:2016-05-01T10:00", "Query(VALUE_RANGE 0 20160501 20160501)");
    EXPECT_QUERY("talks date:2016",
                 "Query((Ztalk@1 FILTER VALUE_RANGE 0 2016 20169999))");
}
END_TEST

START_TEST(nothing_to_search)
{
    EXPECT_QUERY("", "Query()");
    EXPECT_QUERY("   ", "Query()");
    EXPECT_QUERY("!!! ... ---", "Query()");
    EXPECT_QUERY("\"\xE2\x80\x94\"", "Query()");
    EXPECT_QUERY("()", "Query()");
    EXPECT_QUERY("title:!!!", "Query()");
    EXPECT_QUERY("OR", "Query()");
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

START_TEST(errors)
{
    expect_error("(talks", "query syntax error at column 1: '(' is never closed");
    expect_error("talks (china OR (russia)",
                 "query syntax error at column 7: '(' is never closed");
    expect_error("talks)",
                 "query syntax error at column 6: ')' without a matching '('");
    expect_error("date:2016-06..2016-05",
                 "query syntax error at column 1: date range "
                 "'2016-06..2016-05' ends before it starts");
    expect_error("talks date:2016..2015-12",
                 "query syntax error at column 7: date range "
                 "'2016..2015-12' ends before it starts");
    expect_error("date:2016-13",
                 "query syntax error at column 1: bad date '2016-13': "
                 "month 13 out of range 01-12");
    expect_error("date:2016-01..2016-02-30",
                 "query syntax error at column 1: bad date '2016-02-30': "
                 "day 30 out of range for 2016-02");
    expect_error("date:..", "query syntax error at column 1: date range '..' "
                            "needs at least one end");
    expect_error("date:", "query syntax error at column 1: date: needs a date "
                          "or a range (e.g. date:2016-01-01..2016-06-30)");
    expect_error("title:", "query syntax error at column 1: title: needs a value");
    expect_error("china official:",
                 "query syntax error at column 7: official: needs a value");
    expect_error("title:\"\"", "query syntax error at column 1: title: needs a value");
}
END_TEST

START_TEST(limits)
{
    size_t n = XN_QUERY_MAX_BYTES + 1;
    char *big = malloc(n + 1);
    ck_assert_ptr_nonnull(big);
    memset(big, 'a', n);
    big[n] = '\0';
    expect_error(big, "query is 65537 bytes long; the limit is 65536 bytes");
    /* the limit itself is accepted: one long word, searched as its
     * long-word term (its first bytes and a hash of the whole) */
    big[XN_QUERY_MAX_BYTES] = '\0';
    char want[XN_TOKEN_MAX_BYTES + 16];
    snprintf(want, sizeof want, "Query(%.*s#1f0c0019bbd72325@1)",
             XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES, big);
    EXPECT_QUERY(big, want);
    free(big);

    /* more than XN_QUERY_MAX_WORDS words */
    char *many = malloc(2 * (XN_QUERY_MAX_WORDS + 1) + 1);
    ck_assert_ptr_nonnull(many);
    for (int i = 0; i <= XN_QUERY_MAX_WORDS; i++) memcpy(many + 2 * i, "a ", 2);
    many[2 * (XN_QUERY_MAX_WORDS + 1)] = '\0';
    expect_error(many, "query syntax error at column 2049: the query has "
                       "more than 1024 words");
    free(many);

    /* nesting deeper than 64 */
    char deep[200];
    memset(deep, '(', 65);
    strcpy(deep + 65, "a");
    memset(deep + 66, ')', 65);
    deep[131] = '\0';
    expect_error(deep, "query syntax error at column 65: parentheses nested "
                       "more than 64 deep");
}
END_TEST

/* ---- highlight words ---------------------------------------------------- */

START_TEST(records_words_to_highlight)
{
    xn_stemmer *st = english();
    xn_error err;
    xn_error_clear(&err);
    xn_hlset hl = {0};
    xs_query *q = xn_query_parse("talks \"Guo Shengkun\" date:2016 talks",
                                 0, st, &hl, &err);
    ck_assert_ptr_nonnull(q);
    ck_assert_uint_eq(hl.n_words, 3);
    ck_assert_str_eq(hl.words[0], "talks");
    ck_assert_str_eq(hl.words[1], "guo");
    ck_assert_str_eq(hl.words[2], "shengkun");
    ck_assert_uint_eq(hl.n_stems, 1);
    ck_assert_str_eq(hl.stems[0], "talk");
    xs_query_free(q);
    xn_hlset_free(&hl);
    xn_stemmer_free(st);
}
END_TEST

START_TEST(without_a_stemmer)
{
    xn_error err;
    xn_error_clear(&err);
    xs_query *q = xn_query_parse("talks", 0, NULL, NULL, &err);
    ck_assert_ptr_nonnull(q);
    char *d = xs_query_describe(q);
    ck_assert_str_eq(d, "Query(talks@1)");
    free(d);
    xs_query_free(q);
}
END_TEST

/* Regression (tests/fuzz/crashers/query/uaf-collect-prev-after-realloc):
 * a run of nine words grew the positions array while a pointer into it
 * was held; the sanitizer build turns the old bug into a failure here. */
START_TEST(many_words_in_a_run)
{
    EXPECT_QUERY("a b c d e f g h i",
                 "Query((Za@1 AND Zb@1 AND Zc@1 AND Zd@1 AND Ze@1 AND Zf@1 AND "
                 "Zg@1 AND Zh@1 AND Zi@1))");
    char text[4096] = ""; /* 100 x 6 + 100 x 15 bytes */
    for (int i = 0; i < 200; i++) strcat(text, i % 2 ? "cyber-security " : "talks ");
    char *d = describe(text, XAPNEWS_QUERY_DEFAULT_OR);
    ck_assert_ptr_nonnull(strstr(d, "cybersecurity"));
    free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("query");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, words);
    tcase_add_test(tc, phrases);
    tcase_add_test(tc, hyphenated_words);
    tcase_add_test(tc, amounts_of_money);
    tcase_add_test(tc, operators);
    tcase_add_test(tc, fields);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, nothing_to_search);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, limits);
    tcase_add_test(tc, records_words_to_highlight);
    tcase_add_test(tc, without_a_stemmer);
    tcase_add_test(tc, many_words_in_a_run);
    tcase_add_test(tc, filters_under_any);
    tcase_add_test(tc, syntax_tree);
    tcase_add_test(tc, typo_pass_corrects_searched_texts);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
