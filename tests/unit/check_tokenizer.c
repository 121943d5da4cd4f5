/* check_tokenizer.c - unit tests of the tokeniser (plugin/analysis/tokenizer.h).
 *
 * Each test tokenises a text and compares the exact token sequence, written
 * as "term@start-end" separated by spaces, with a leading '+' for a token
 * flagged XN_TOKEN_COLOCATED. Flag tests write "term:FLAGS" with one letter
 * per flag: C colocated, K capitalised, P compound (hyphen part or joined
 * form), A acronym, N number, J CJK n-gram, O bare word of a possessive,
 * M currency code of an amount, W currency word of an amount, S scale
 * word of an amount, T an amount's term, R an amount's term again at a
 * later position, V an amount's currency and number as written, H a long
 * word's hashed term.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "tokenizer.h"
#include "run_suite.h"

typedef struct {
    xn_strbuf out;
    int with_flags; /* write "term:FLAGS" instead of "term@start-end" */
    int calls;
    int stop_at;  /* return STOP_RC from this call (1-based), 0 = never */
    int stop_rc;
} rec_t;

static void put_flags(xn_strbuf *b, unsigned f)
{
    if (f & XN_TOKEN_COLOCATED) xn_strbuf_putc(b, 'C');
    if (f & XN_TOKEN_CAPITALISED) xn_strbuf_putc(b, 'K');
    if (f & XN_TOKEN_COMPOUND) xn_strbuf_putc(b, 'P');
    if (f & XN_TOKEN_ACRONYM) xn_strbuf_putc(b, 'A');
    if (f & XN_TOKEN_NUMBER) xn_strbuf_putc(b, 'N');
    if (f & XN_TOKEN_CJK) xn_strbuf_putc(b, 'J');
    if (f & XN_TOKEN_POSSESSIVE) xn_strbuf_putc(b, 'O');
    if (f & XN_TOKEN_CURRENCY) xn_strbuf_putc(b, 'M');
    if (f & XN_TOKEN_CURRENCY_WORD) xn_strbuf_putc(b, 'W');
    if (f & XN_TOKEN_SCALE_WORD) xn_strbuf_putc(b, 'S');
    if (f & XN_TOKEN_AMOUNT) xn_strbuf_putc(b, 'T');
    if (f & XN_TOKEN_AMOUNT_MORE) xn_strbuf_putc(b, 'R');
    if (f & XN_TOKEN_AMOUNT_WRITTEN) xn_strbuf_putc(b, 'V');
    if (f & XN_TOKEN_HASHED) xn_strbuf_putc(b, 'H');
}

static int record(void *vctx, const xn_token *t)
{
    rec_t *r = vctx;
    r->calls++;
    /* the term is NUL-free UTF-8 of the stated length */
    ck_assert_uint_gt(t->len, 0);
    ck_assert_uint_le(t->len, XN_TOKEN_MAX_BYTES);
    ck_assert_ptr_null(memchr(t->term, '\0', t->len));
    ck_assert_uint_le(t->start, t->end);
    if (r->out.len) xn_strbuf_putc(&r->out, ' ');
    if (r->with_flags) {
        xn_strbuf_append(&r->out, t->term, t->len);
        xn_strbuf_putc(&r->out, ':');
        put_flags(&r->out, t->flags);
    } else {
        if (t->flags & XN_TOKEN_COLOCATED) xn_strbuf_putc(&r->out, '+');
        xn_strbuf_append(&r->out, t->term, t->len);
        xn_strbuf_printf(&r->out, "@%zu-%zu", t->start, t->end);
    }
    if (r->stop_at && r->calls == r->stop_at) return r->stop_rc;
    return 0;
}

/* The token sequence of LEN bytes at TEXT (caller frees). */
static char *tokens_n(const char *text, size_t len, int with_flags)
{
    rec_t r = {XN_STRBUF_INIT, with_flags, 0, 0, 0};
    ck_assert_int_eq(xn_tokenize(text, len, record, &r), 0);
    char *s = xn_strbuf_take(&r.out);
    ck_assert_ptr_nonnull(s);
    return s;
}

#define EXPECT_TOKENS_N(text, len, expected)                                \
    do {                                                                    \
        char *got_ = tokens_n((text), (len), 0);                            \
        ck_assert_str_eq(got_, (expected));                                 \
        free(got_);                                                         \
    } while (0)
#define EXPECT_TOKENS(text, expected) \
    EXPECT_TOKENS_N((text), strlen(text), (expected))
#define EXPECT_FLAGS(text, expected)                                        \
    do {                                                                    \
        char *got_ = tokens_n((text), strlen(text), 1);                     \
        ck_assert_str_eq(got_, (expected));                                 \
        free(got_);                                                         \
    } while (0)

/* The terms of the amounts in TEXT (XN_TOKEN_AMOUNT), one per amount:
 * at the first position of each, space-separated. */
static int record_amount(void *vctx, const xn_token *t)
{
    rec_t *r = vctx;
    if ((t->flags & XN_TOKEN_AMOUNT) && !(t->flags & XN_TOKEN_AMOUNT_MORE)) {
        if (r->out.len) xn_strbuf_putc(&r->out, ' ');
        xn_strbuf_append(&r->out, t->term, t->len);
    }
    return 0;
}

static char *amounts(const char *text)
{
    rec_t r = {XN_STRBUF_INIT, 0, 0, 0, 0};
    ck_assert_int_eq(xn_tokenize(text, strlen(text), record_amount, &r), 0);
    char *s = xn_strbuf_take(&r.out);
    ck_assert_ptr_nonnull(s);
    return s;
}

#define EXPECT_AMOUNTS(text, expected)                                      \
    do {                                                                    \
        char *got_ = amounts(text);                                         \
        ck_assert_msg(strcmp(got_, (expected)) == 0,                        \
                      "'%s' has amounts '%s', not '%s'", (text), got_,      \
                      (expected));                                          \
        free(got_);                                                         \
    } while (0)

/* A string of N copies of C followed by TAIL (caller frees). */
static char *repeat(char c, size_t n, const char *tail)
{
    size_t tl = strlen(tail);
    char *s = malloc(n + tl + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, c, n);
    memcpy(s + n, tail, tl + 1);
    return s;
}

/* ---- words and case ------------------------------------------------- */

START_TEST(plain_words_and_case_folding)
{
    EXPECT_TOKENS("The quick  Brown fox",
                  "the@0-3 quick@4-9 brown@11-16 fox@17-20");
    EXPECT_FLAGS("The quick  Brown fox", "the:K quick: brown:K fox:");
    EXPECT_TOKENS("HELLO World", "hello@0-5 world@6-11");
    EXPECT_TOKENS("a\tb\nc\r\nd", "a@0-1 b@2-3 c@4-5 d@7-8");
    EXPECT_TOKENS("  leading and trailing  ",
                  "leading@2-9 and@10-13 trailing@14-22");
    EXPECT_TOKENS("", "");
    EXPECT_TOKENS(" ,;:!? ", "");
}
END_TEST

START_TEST(accents_are_stripped)
{
    EXPECT_TOKENS("caf\xC3\xA9", "cafe@0-5");                /* precomposed é */
    EXPECT_TOKENS("cafe\xCC\x81", "cafe@0-6");               /* e + U+0301 */
    EXPECT_TOKENS("CAF\xC3\x89 cr\xC3\xA8me", "cafe@0-5 creme@6-12");
    EXPECT_TOKENS("na\xC3\xAFve", "naive@0-6");
    EXPECT_TOKENS("Stra\xC3\x9F" "e", "strasse@0-7");          /* case fold ß */
    EXPECT_TOKENS("\xEF\xAC\x81ne", "fine@0-5");               /* NFKC ligature */
    EXPECT_TOKENS("\xEF\xBD\x86\xEF\xBD\x95\xEF\xBD\x8C\xEF\xBD\x8C",
                  "full@0-12"); /* fullwidth letters */
    /* the accented word is the same term as the plain one */
    EXPECT_TOKENS("caf\xC3\xA9 cafe\xCC\x81 cafe",
                  "cafe@0-5 cafe@6-12 cafe@13-17");
}
END_TEST

/* ---- apostrophes ---------------------------------------------------- */

START_TEST(apostrophes_stay_in_words)
{
    EXPECT_TOKENS("China's", "china's@0-7 +china@0-7");
    EXPECT_TOKENS("China\xE2\x80\x99s", "china's@0-9 +china@0-9"); /* U+2019 */
    EXPECT_FLAGS("China's", "china's:K china:CKO");
    EXPECT_TOKENS("Xi Jinping\xE2\x80\x99s visit",
                  "xi@0-2 jinping's@3-14 +jinping@3-14 visit@15-20");
    EXPECT_TOKENS("rock'n'roll", "rock'n'roll@0-11");
    /* an apostrophe not between letters separates */
    EXPECT_TOKENS("students' union", "students@0-8 union@10-15");
    EXPECT_TOKENS("'tis", "tis@1-4");
    EXPECT_TOKENS("1990's", "1990@0-4 s@5-6");
}
END_TEST

START_TEST(apostrophe_u02bc_is_an_apostrophe)
{
    /* tokenizer.h lists U+02BC MODIFIER LETTER APOSTROPHE with ' and U+2019 */
    EXPECT_TOKENS("China\xCA\xBCs", "china's@0-8 +china@0-8");
}
END_TEST

/* ---- acronyms ------------------------------------------------------- */

START_TEST(dotted_acronyms)
{
    EXPECT_TOKENS("U.S.", "u.s@0-4");
    EXPECT_TOKENS("U.S", "u.s@0-3");
    EXPECT_FLAGS("U.S.", "u.s:KA");
    EXPECT_FLAGS("U.S", "u.s:KA");
    EXPECT_TOKENS("the U.S. and China", "the@0-3 u.s@4-8 and@9-12 china@13-18");
    EXPECT_TOKENS("Washington, D.C., in",
                  "washington@0-10 d.c@12-16 in@18-20");
    EXPECT_FLAGS("Washington, D.C., in", "washington:K d.c:KA in:");
    EXPECT_TOKENS("e.g. U.S.A.", "e.g@0-4 u.s.a@5-11");
    EXPECT_FLAGS("e.g.", "e.g:A");
    /* a single letter with a dot is an ordinary word */
    EXPECT_TOKENS("I. Smith", "i@0-1 smith@3-8");
    EXPECT_TOKENS("Loretta E. Lynch", "loretta@0-7 e@8-9 lynch@11-16");
    /* "US" without dots is the plain word */
    EXPECT_TOKENS("US officials", "us@0-2 officials@3-12");
}
END_TEST

START_TEST(acronym_after_an_overlong_word)
{
    /* a word longer than a term: its hashed term, then the acronym */
    char *text = repeat('a', 300, " U.S. talks");
    char *expect = repeat('a', XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES,
                          "#ee7717eba7a17e21@0-300 u.s@301-305 talks@306-311");
    EXPECT_TOKENS(text, expect);
    free(text);
    free(expect);
}
END_TEST

/* ---- hyphens -------------------------------------------------------- */

START_TEST(hyphenated_words)
{
    EXPECT_TOKENS("cyber-security",
                  "cyber@0-5 +cybersecurity@0-14 security@6-14 "
                  "+cybersecurity@0-14");
    EXPECT_FLAGS("cyber-security",
                 "cyber:P cybersecurity:CP security:P cybersecurity:CP");
    EXPECT_FLAGS("Cyber-security",
                 "cyber:KP cybersecurity:CKP security:P cybersecurity:CKP");
    /* U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN */
    EXPECT_TOKENS("cyber\xE2\x80\x90security",
                  "cyber@0-5 +cybersecurity@0-16 security@8-16 "
                  "+cybersecurity@0-16");
    EXPECT_TOKENS("cyber\xE2\x80\x91security",
                  "cyber@0-5 +cybersecurity@0-16 security@8-16 "
                  "+cybersecurity@0-16");
    EXPECT_TOKENS("state-of-the-art",
                  "state@0-5 +stateoftheart@0-16 of@6-8 the@9-12 art@13-16 "
                  "+stateoftheart@0-16");
    /* parts that are not all alphabetic get no joined form */
    EXPECT_TOKENS("U.S.-China", "u.s@0-4 china@5-10");
    EXPECT_FLAGS("U.S.-China", "u.s:KPA china:KP");
    EXPECT_TOKENS("COVID-19", "covid@0-5 19@6-8");
    /* a hyphen not between words separates */
    EXPECT_TOKENS("cyber- security", "cyber@0-5 security@7-15");
    EXPECT_TOKENS("-word", "word@1-5");
    EXPECT_TOKENS("U.S. - China", "u.s@0-4 china@7-12");
}
END_TEST

/* ---- numbers -------------------------------------------------------- */

START_TEST(numbers)
{
    EXPECT_TOKENS("22,000", "22000@0-6");
    EXPECT_FLAGS("22,000", "22000:N");
    EXPECT_TOKENS("3.5", "3.5@0-3");
    EXPECT_FLAGS("3.5", "3.5:N");
    EXPECT_TOKENS("1,000,000", "1000000@0-9");
    /* a comma not followed by exactly three digits separates */
    EXPECT_TOKENS("12,34", "12@0-2 34@3-5");
    EXPECT_TOKENS("1,0000", "1@0-1 0000@2-6");
    EXPECT_TOKENS("in 2015.", "in@0-2 2015@3-7");
    EXPECT_TOKENS("v2 x86", "v2@0-2 x86@3-6");
}
END_TEST

START_TEST(amounts_of_money)
{
    /* a currency sign gives the ISO code colocated with the number, over the
     * sign and the number, and the amount's term over the whole amount;
     * "US" of "US$" is part of the sign, not "us" */
    EXPECT_TOKENS("US$590", "590@3-6 +usd@0-6 +usd:590@0-6");
    EXPECT_FLAGS("US$590", "590:N usd:CM usd:590:CT");
    EXPECT_TOKENS("$60,000 worth", "60000@1-7 +usd@0-7 +usd:60000@0-7 worth@8-13");
    EXPECT_TOKENS("\xE2\x82\xAC" "5 \xC2\xA3" "6 \xC2\xA5" "7 CN\xC2\xA5" "8",
                  "5@3-4 +eur@0-4 +eur:5@0-4 6@7-8 +gbp@5-8 +gbp:6@5-8 "
                  "7@11-12 +jpy@9-12 +jpy:7@9-12 8@17-18 +cny@13-18 +cny:8@13-18");
    EXPECT_AMOUNTS("A$9 AU$9 HK$10 NZ$1 C$2 CA$2 S$3 NT$4 R$5 JP\xC2\xA5" "6 "
                   "\xE2\x82\xB9" "7 \xE2\x82\xA9" "8",
                   "aud:9 aud:9 hkd:10 nzd:1 cad:2 cad:2 sgd:3 twd:4 brl:5 jpy:6 "
                   "inr:7 krw:8");
    /* with a scale: the number word as written, then at the number the
     * code, the value and the code with the number as written; the
     * amount's term and the value at every position of the amount */
    EXPECT_TOKENS("US$590 billion",
                  "590@3-6 +usd@0-6 +590000000000@0-14 +usd:590@0-14 "
                  "+usd:590000000000@0-14 billion@7-14 +590000000000@0-14 "
                  "+usd:590000000000@0-14");
    EXPECT_FLAGS("US$590 billion",
                 "590:N usd:CM 590000000000:CN usd:590:CV usd:590000000000:CT "
                 "billion:S 590000000000:CNR usd:590000000000:CTR");
    /* a currency word after the amount, a scale word allowed between */
    EXPECT_TOKENS("590 billion dollars",
                  "590@0-3 +usd@0-3 +590000000000@0-19 +usd:590@0-19 "
                  "+usd:590000000000@0-19 billion@4-11 +590000000000@0-19 "
                  "+usd:590000000000@0-19 dollars@12-19 +590000000000@0-19 "
                  "+usd:590000000000@0-19");
    EXPECT_FLAGS("590 billion dollars",
                 "590:N usd:CM 590000000000:CN usd:590:CV usd:590000000000:CT "
                 "billion:S 590000000000:CNR usd:590000000000:CTR "
                 "dollars:W 590000000000:CNR usd:590000000000:CTR");
    EXPECT_TOKENS("22 euros and 3 Yen",
                  "22@0-2 +eur@0-2 +eur:22@0-8 euros@3-8 +eur:22@0-8 and@9-12 "
                  "3@13-14 +jpy@13-14 +jpy:3@13-18 yen@15-18 +jpy:3@13-18");
    /* a code written before the number is a word of the amount */
    EXPECT_FLAGS("USD 5", "usd:KW usd:5:CTR 5:N usd:CM usd:5:CT");
    /* not amounts: a sign without a number, a sign before a space, a
     * longer word, a hyphenated number, an unknown prefix */
    EXPECT_TOKENS("US$ 5", "us@0-2 5@4-5");
    EXPECT_TOKENS("5 dollarsign", "5@0-1 dollarsign@2-12");
    EXPECT_TOKENS("$5-10", "5@1-2 10@3-5");
    EXPECT_TOKENS("US$5-10", "5@3-4 10@5-7");
    EXPECT_TOKENS("XY$5", "xy@0-2 5@3-4 +usd@2-4 +usd:5@2-4");
    EXPECT_TOKENS("US officials", "us@0-2 officials@3-12");
}
END_TEST

START_TEST(amounts_in_every_style)
{
    /* one amount, every style outlets write it in: one term */
    static const char *const styles[] = {
        "$1.13bn", "$1.13 bn", "$1.13b", "$1.13 billion", "$1.13 BILLION",
        "US$1.13 billion", "US$1,130 million", "US$1,130m", "$1130mn",
        "$1,130,000,000", "$1.13 bln", "USD 1.13 billion", "usd 1.13bn",
        "1.13 billion dollars", "1.13bn dollars", "1.13 billion USD",
        "1.13bn USD", "1.13 billion U.S. dollars", "1.13 billion US dollars",
        "1.13 billion American dollars", "1.13 bln dlrs", "1,130 mln dlrs",
        "1.13 billion dlr", "1.130 billion dollars", "$01.130bn",
        "$1.13\nbillion", "$1.13\xC2\xA0" "billion", "1.13 billion\ndollars",
        "$1,130,000 thousand", "$0.00113 trillion", "$0.00113tn"};
    for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++)
        EXPECT_AMOUNTS(styles[k], "usd:1130000000");
    /* the same value in other currencies */
    EXPECT_AMOUNTS("\xC2\xA3" "1.13bn", "gbp:1130000000");
    EXPECT_AMOUNTS("1.13 billion pounds", "gbp:1130000000");
    EXPECT_AMOUNTS("1.13 billion pounds sterling", "gbp:1130000000");
    EXPECT_AMOUNTS("1.13 billion sterling", "gbp:1130000000");
    EXPECT_AMOUNTS("1,130 mln stg", "gbp:1130000000");
    EXPECT_AMOUNTS("GBP 1.13bn", "gbp:1130000000");
    EXPECT_AMOUNTS("1.13 billion British pounds", "gbp:1130000000");
    EXPECT_AMOUNTS("\xE2\x82\xAC" "1.13bn", "eur:1130000000");
    EXPECT_AMOUNTS("1.13 billion euros", "eur:1130000000");
    EXPECT_AMOUNTS("EUR 1.13bn", "eur:1130000000");
    EXPECT_AMOUNTS("\xC2\xA5" "1.13bn", "jpy:1130000000");
    EXPECT_AMOUNTS("1.13 billion Japanese yen", "jpy:1130000000");
    EXPECT_AMOUNTS("1.13 billion yuan", "cny:1130000000");
    EXPECT_AMOUNTS("RMB 1.13 billion", "cny:1130000000");
    EXPECT_AMOUNTS("1.13 billion Chinese yuan", "cny:1130000000");
    EXPECT_AMOUNTS("1.13 billion renminbi", "cny:1130000000");
    EXPECT_AMOUNTS("1.13 billion Canadian dollars", "cad:1130000000");
    EXPECT_AMOUNTS("C$1.13bn", "cad:1130000000");
    EXPECT_AMOUNTS("1.13 billion Australian dlrs", "aud:1130000000");
    EXPECT_AMOUNTS("1.13 billion Hong Kong dollars", "hkd:1130000000");
    EXPECT_AMOUNTS("HK$1.13bn", "hkd:1130000000");
    EXPECT_AMOUNTS("1.13 billion New Zealand dollars", "nzd:1130000000");
    EXPECT_AMOUNTS("4.37 billion N.Z. Dlrs", "nzd:4370000000");
    EXPECT_AMOUNTS("1.13 billion Singapore dollars", "sgd:1130000000");
    EXPECT_AMOUNTS("1.13 billion New Taiwan dollars", "twd:1130000000");
    EXPECT_AMOUNTS("1.13 billion Swiss francs", "chf:1130000000");
    EXPECT_AMOUNTS("Rs 113 crore", "inr:1130000000");
    EXPECT_AMOUNTS("Rs. 113 crore", "inr:1130000000");
    EXPECT_AMOUNTS("\xE2\x82\xB9" "113 crore", "inr:1130000000");
    EXPECT_AMOUNTS("11,300 lakh rupees", "inr:1130000000");
    EXPECT_AMOUNTS("1.13 billion Indian rupees", "inr:1130000000");
    /* other amounts, as wires write them */
    EXPECT_AMOUNTS("\xC2\xA3" "600m", "gbp:600000000");
    EXPECT_AMOUNTS("\xE2\x82\xAC" "5bn", "eur:5000000000");
    EXPECT_AMOUNTS("\xC2\xA5" "2tn", "jpy:2000000000000");
    EXPECT_AMOUNTS("1.5mn", "1500000");
    EXPECT_AMOUNTS("US$1.5 billion", "usd:1500000000");
    EXPECT_AMOUNTS("$639m year-earlier", "usd:639000000");
    EXPECT_AMOUNTS("446 mln Canadian dlrs", "cad:446000000");
    EXPECT_AMOUNTS("$1.13m", "usd:1130000");
    EXPECT_AMOUNTS("$1.13 million", "usd:1130000");
    EXPECT_AMOUNTS("$11.3bn", "usd:11300000000");
    EXPECT_AMOUNTS("$1.13tn", "usd:1130000000000");
    EXPECT_AMOUNTS("$1.13 trillion", "usd:1130000000000");
    EXPECT_AMOUNTS("$1.13k", "usd:1130");
    EXPECT_AMOUNTS("$5K", "usd:5000");
    EXPECT_AMOUNTS("$1.13", "usd:1.13");
    EXPECT_AMOUNTS("$1.50 a share", "usd:1.5");
    EXPECT_AMOUNTS("$0.5bn", "usd:500000000");
    EXPECT_AMOUNTS("$007", "usd:7");
    EXPECT_AMOUNTS("$2,000.50", "usd:2000.5");
    EXPECT_AMOUNTS("$1.5 and \xC2\xA3" "2bn and 3 yen", "usd:1.5 gbp:2000000000 jpy:3");
    /* a code between two numbers ends one amount and starts the next */
    EXPECT_AMOUNTS("APRIL 7\n USD   140.285/140.639", "usd:7 usd:140.285");
    EXPECT_TOKENS("7 USD 140",
                  "7@0-1 +usd@0-1 +usd:7@0-5 usd@2-5 +usd:7@0-5 +usd:140@2-9 "
                  "140@6-9 +usd@2-9 +usd:140@2-9");
}
END_TEST

START_TEST(scaled_numbers)
{
    /* a scale without a currency: the value, alone, is the amount's term */
    EXPECT_TOKENS("1.5mn people",
                  "1.5mn@0-5 +1500000@0-5 people@6-12");
    EXPECT_FLAGS("1.5mn people", "1.5mn:N 1500000:CNT people:");
    EXPECT_TOKENS("1.13 billion visitors",
                  "1.13@0-4 +1130000000@0-12 billion@5-12 +1130000000@0-12 "
                  "visitors@13-21");
    EXPECT_FLAGS("1.13 billion", "1.13:N 1130000000:CNT billion:S 1130000000:CNTR");
    EXPECT_AMOUNTS("1.13bn", "1130000000");
    EXPECT_AMOUNTS("1,130 million", "1130000000");
    EXPECT_AMOUNTS("1.2345 thousand", "1234.5");
    EXPECT_AMOUNTS("22 trn", "22000000000000");
    EXPECT_AMOUNTS("500 crore", "5000000000");
    /* a one-letter suffix is a scale only beside a currency: "3m" may be
     * metres, "4K" a screen */
    EXPECT_TOKENS("3m", "3m@0-2");
    EXPECT_TOKENS("4K screens", "4k@0-2 screens@3-10");
    EXPECT_AMOUNTS("$3m", "usd:3000000");
    EXPECT_AMOUNTS("3m euros", "eur:3000000");
    EXPECT_AMOUNTS("3m", "");
    /* one scale at most, and only a scale word after the number */
    EXPECT_AMOUNTS("5bn million", "5000000000");
    EXPECT_AMOUNTS("million 5", "");
}
END_TEST

START_TEST(numbers_that_are_no_amounts)
{
    /* a number without currency or scale is only its word */
    EXPECT_TOKENS("2016", "2016@0-4");
    EXPECT_TOKENS("1.5", "1.5@0-3");
    EXPECT_TOKENS("22,000 troops", "22000@0-6 troops@7-13");
    EXPECT_TOKENS("call 555-1234", "call@0-4 555@5-8 1234@9-13");
    EXPECT_TOKENS("+44 20 7946 0958", "44@1-3 20@4-6 7946@7-11 0958@12-16");
    EXPECT_TOKENS("B-52 bombers", "b@0-1 52@2-4 bombers@5-12");
    EXPECT_TOKENS("a 5-year plan", "a@0-1 5@2-3 year@4-8 plan@9-13");
    EXPECT_TOKENS("the 1990s", "the@0-3 1990s@4-9");
    EXPECT_TOKENS("5G", "5g@0-2");
    /* a zero scaled is still zero; a hyphenated scale word is no scale;
     * no more than one line break between the words; a code needs a
     * space before the number */
    EXPECT_AMOUNTS("0 million", "");
    EXPECT_AMOUNTS("a 5 million-dollar deal", "");
    EXPECT_AMOUNTS("5\n\nbillion dollars", "");
    EXPECT_TOKENS("USD5", "usd5@0-4");
    EXPECT_AMOUNTS("USDA 5", "");
    /* words that name a currency only after a qualifier, or only before */
    EXPECT_AMOUNTS("5 francs", "");
    EXPECT_AMOUNTS("3 Canadian geese", "");
    EXPECT_AMOUNTS("dollars 5", "");
    /* after a sign, the currency is the sign's: a name after it stays a
     * word of its own */
    EXPECT_TOKENS("$5 dollars", "5@1-2 +usd@0-2 +usd:5@0-2 dollars@3-10");
    /* numbers too long to write are no amounts */
    char *big = repeat('9', 60, " trillion dollars");
    EXPECT_AMOUNTS(big, "");
    free(big);
}
END_TEST

/* ---- separators ----------------------------------------------------- */

START_TEST(dashes_spaces_and_quotes_separate)
{
    EXPECT_TOKENS("talks\xE2\x80\x94" "China", "talks@0-5 china@8-13"); /* em */
    EXPECT_TOKENS("2015\xE2\x80\x93" "2016", "2015@0-4 2016@7-11");     /* en */
    EXPECT_TOKENS("cyber\xE2\x80\x93security", "cyber@0-5 security@8-16");
    EXPECT_TOKENS("Xi\xC2\xA0Jinping", "xi@0-2 jinping@4-11");          /* NBSP */
    EXPECT_TOKENS("\xE2\x80\x9Cgrading\xE2\x80\x9D", "grading@3-10");
    EXPECT_TOKENS("\xE2\x80\x98word\xE2\x80\x99 next", "word@3-7 next@11-15");
    EXPECT_TOKENS("\"quoted\" text", "quoted@1-7 text@9-13");
    EXPECT_TOKENS("a/b (c) [d]", "a@0-1 b@2-3 c@5-6 d@9-10");
    EXPECT_TOKENS("\xE2\x80\xA6" "and", "and@3-6"); /* ellipsis */
}
END_TEST

/* ---- CJK ------------------------------------------------------------ */

START_TEST(cjk_unigrams_and_bigrams)
{
    /* 中国网络: each character is 3 bytes */
    EXPECT_TOKENS("\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xBD\x91\xE7\xBB\x9C",
                  "\xE4\xB8\xAD@0-3 \xE5\x9B\xBD@3-6 "
                  "+\xE4\xB8\xAD\xE5\x9B\xBD@0-6 "
                  "\xE7\xBD\x91@6-9 +\xE5\x9B\xBD\xE7\xBD\x91@3-9 "
                  "\xE7\xBB\x9C@9-12 +\xE7\xBD\x91\xE7\xBB\x9C@6-12");
    EXPECT_FLAGS("\xE4\xB8\xAD\xE5\x9B\xBD",
                 "\xE4\xB8\xAD:J \xE5\x9B\xBD:J \xE4\xB8\xAD\xE5\x9B\xBD:CJ");
    /* a run of CJK next to Latin letters */
    EXPECT_TOKENS("AI\xE4\xB8\xAD\xE5\x9B\xBD ok",
                  "ai@0-2 \xE4\xB8\xAD@2-5 \xE5\x9B\xBD@5-8 "
                  "+\xE4\xB8\xAD\xE5\x9B\xBD@2-8 ok@9-11");
    /* a single character has no bigram */
    EXPECT_TOKENS("\xE4\xB8\xAD", "\xE4\xB8\xAD@0-3");
    /* hangul: 한국 */
    EXPECT_TOKENS("\xED\x95\x9C\xEA\xB5\xAD",
                  "\xED\x95\x9C@0-3 \xEA\xB5\xAD@3-6 "
                  "+\xED\x95\x9C\xEA\xB5\xAD@0-6");
}
END_TEST

/* ---- limits and bad input ------------------------------------------- */

START_TEST(long_words_get_a_hashed_term)
{
    ck_assert_uint_eq(XN_TOKEN_MAX_BYTES, 241); /* 245 less "XVXO" */
    /* exactly XN_TOKEN_MAX_BYTES bytes is the word itself */
    char *keep = repeat('b', XN_TOKEN_MAX_BYTES, "");
    char *expect = repeat('b', XN_TOKEN_MAX_BYTES, "@0-241");
    EXPECT_TOKENS(keep, expect);
    free(keep);
    free(expect);
    /* one more byte: the first 224 bytes, '#' and the hash of the whole */
    char *one_more = repeat('B', XN_TOKEN_MAX_BYTES + 1, " x");
    expect = repeat('b', XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES,
                    "#ceb0a656954e0525@0-242 x@243-244");
    EXPECT_TOKENS(one_more, expect);
    free(expect);
    expect = repeat('b', XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES, "#ceb0a656954e0525:KH x:");
    EXPECT_FLAGS(one_more, expect);
    free(expect);
    free(one_more);
    /* xn_long_term() gives the same term, and tells words apart by all of
     * their bytes, not the kept ones only */
    char term[XN_TOKEN_MAX_BYTES + 1], other[XN_TOKEN_MAX_BYTES + 1];
    char *w300 = repeat('b', 300, ""), *w301 = repeat('b', 301, "");
    ck_assert_uint_eq(xn_long_term(w300, 300, term), XN_TOKEN_MAX_BYTES);
    ck_assert_str_eq(term + XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES, "#d6e6622da9911f25");
    ck_assert_int_eq(xn_term_is_hashed(term, strlen(term)), 1);
    ck_assert_uint_eq(xn_long_term(w301, 301, other), XN_TOKEN_MAX_BYTES);
    ck_assert_str_ne(term, other);
    ck_assert_uint_eq(xn_long_term("short", 5, term), 5);
    ck_assert_str_eq(term, "short");
    ck_assert_int_eq(xn_term_is_hashed("short", 5), 0);
    ck_assert_int_eq(xn_term_is_hashed("c#0123456789abcdeg", 18), 0);
    free(w300);
    free(w301);
}
END_TEST

/* The one token of TEXT, which must be a hashed term (caller frees). */
static char *only_hashed_term(const char *text)
{
    char *got = tokens_n(text, strlen(text), 1);
    char *flags = strrchr(got, ':');
    ck_assert_msg(flags && strchr(flags, 'H') && !strchr(got, ' '),
                  "not one hashed term: %s", got);
    *flags = '\0';
    return got;
}

START_TEST(long_words_fold_before_they_are_hashed)
{
    /* case and accents fold first, so every spelling gives one term */
    xn_strbuf upper = XN_STRBUF_INIT, lower = XN_STRBUF_INIT, plain = XN_STRBUF_INIT;
    for (int i = 0; i < 5; i++) {
        xn_strbuf_puts(&upper, "GRUNDSTÜCKSVERKEHRSGENEHMIGUNGSZUSTÄNDIGKEITSÜBERTRAGUNGSVERORDNUNG");
        xn_strbuf_puts(&lower, "grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung");
        xn_strbuf_puts(&plain, "grundstucksverkehrsgenehmigungszustandigkeitsubertragungsverordnung");
    }
    char *a = only_hashed_term(upper.data), *b = only_hashed_term(lower.data);
    char *c = tokens_n(plain.data, plain.len, 0);
    ck_assert_str_eq(a, b);
    ck_assert_uint_eq(strlen(a), XN_TOKEN_MAX_BYTES);
    ck_assert_int_eq(strncmp(a, c, XN_TOKEN_MAX_BYTES), 0);
    free(a);
    free(b);
    free(c);
    xn_strbuf_free(&upper);
    xn_strbuf_free(&lower);
    xn_strbuf_free(&plain);
}
END_TEST

START_TEST(thai_runs_are_one_word)
{
    /* Thai has no spaces between words: a run of it is one word, kept as
     * it is up to XN_TOKEN_MAX_BYTES bytes (80 characters), hashed after,
     * cut at a character boundary */
    const char *thai = "\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB9\x80\xE0\xB8\x97\xE0\xB8\xA8"; /* ประเทศ */
    EXPECT_TOKENS(thai, "\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB9\x80\xE0\xB8\x97\xE0\xB8\xA8@0-18");
    xn_strbuf run = XN_STRBUF_INIT;
    for (int i = 0; i < 14; i++) xn_strbuf_puts(&run, thai); /* 252 bytes */
    char *term = only_hashed_term(run.data);
    size_t n = strlen(term);
    ck_assert_uint_le(n, XN_TOKEN_MAX_BYTES);
    ck_assert_int_eq(xn_term_is_hashed(term, n), 1);
    /* the kept part ends on a whole character: 222 of its 224 bytes */
    ck_assert_uint_eq(n, 222 + XN_TOKEN_HASH_BYTES);
    ck_assert_int_eq(memcmp(term, run.data, 222), 0);
    free(term);
    xn_strbuf_free(&run);
}
END_TEST

START_TEST(long_parts_of_compounds)
{
    /* a long part is hashed and the joined form too; the other part stays */
    char *comp = repeat('c', 300, "-security");
    char *expect = repeat('c', XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES, "");
    xn_strbuf want = XN_STRBUF_INIT;
    xn_strbuf_printf(&want, "%s#12796811dfcd1581:PH %s#dd66ba11b09ee1cf:CPH security:P "
                     "%s#dd66ba11b09ee1cf:CPH", expect, expect, expect);
    char *got = tokens_n(comp, strlen(comp), 1);
    ck_assert_str_eq(got, want.data);
    free(got);
    free(comp);
    free(expect);
    xn_strbuf_free(&want);
}
END_TEST

START_TEST(invalid_utf8_separates)
{
    EXPECT_TOKENS("abc\xFF" "def", "abc@0-3 def@4-7");
    EXPECT_TOKENS("ab\xC3" "cd", "ab@0-2 cd@3-5");        /* truncated sequence */
    EXPECT_TOKENS("\x80\x80x", "x@2-3");                  /* stray continuations */
    EXPECT_TOKENS("ab\xE4\xB8", "ab@0-2");                /* cut at the end */
    EXPECT_TOKENS("a\xC0\xAF" "b", "a@0-1 b@3-4");        /* overlong '/' */
    /* an embedded NUL byte is a separator too */
    EXPECT_TOKENS_N("ab\0cd", 5, "ab@0-2 cd@3-5");
}
END_TEST

START_TEST(callback_stops_tokenising)
{
    rec_t r = {XN_STRBUF_INIT, 0, 0, 3, 42};
    const char *text = "one two three four five";
    ck_assert_int_eq(xn_tokenize(text, strlen(text), record, &r), 42);
    ck_assert_int_eq(r.calls, 3);
    ck_assert_str_eq(r.out.data, "one@0-3 two@4-7 three@8-13");
    xn_strbuf_free(&r.out);

    /* a stop inside a compound (on its joined form) stops at once too */
    rec_t r2 = {XN_STRBUF_INIT, 0, 0, 2, -7};
    ck_assert_int_eq(xn_tokenize("cyber-security x", 16, record, &r2), -7);
    ck_assert_int_eq(r2.calls, 2);
    xn_strbuf_free(&r2.out);

    /* no token, no call */
    rec_t r3 = {XN_STRBUF_INIT, 0, 0, 1, 1};
    ck_assert_int_eq(xn_tokenize("", 0, record, &r3), 0);
    ck_assert_int_eq(r3.calls, 0);
    xn_strbuf_free(&r3.out);
}
END_TEST

/* ---- xn_fold -------------------------------------------------------- */

#define EXPECT_FOLD(text, expected)                                         \
    do {                                                                    \
        char out_[128];                                                     \
        size_t n_ = xn_fold((text), strlen(text), out_, sizeof out_);       \
        ck_assert_uint_eq(n_, strlen(expected));                            \
        ck_assert_str_eq(out_, (expected));                                 \
    } while (0)

START_TEST(fold)
{
    EXPECT_FOLD("ABC def", "abc def");
    EXPECT_FOLD("\xC3\x89" "COLE", "ecole");
    EXPECT_FOLD("cafe\xCC\x81", "cafe");
    EXPECT_FOLD("Stra\xC3\x9F" "e", "strasse");
    EXPECT_FOLD("\xEF\xAC\x81", "fi");
    EXPECT_FOLD("\xEF\xBC\xA1\xEF\xBC\xA2", "ab"); /* fullwidth AB */
    EXPECT_FOLD("", "");
    /* the output must fit with its NUL */
    char out[8];
    ck_assert_uint_eq(xn_fold("ABC", 3, out, 4), 3);
    ck_assert_str_eq(out, "abc");
    ck_assert_uint_eq(xn_fold("ABCD", 4, out, 4), (size_t)-1);
    ck_assert_uint_eq(xn_fold("caf\xC3\xA9", 5, out, 5), 4);
    ck_assert_str_eq(out, "cafe");
    ck_assert_uint_eq(xn_fold("caf\xC3\xA9", 5, out, 4), (size_t)-1);
    /* only LEN bytes are read */
    ck_assert_uint_eq(xn_fold("ABCDEF", 2, out, sizeof out), 2);
    ck_assert_str_eq(out, "ab");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tokenizer");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_words_and_case_folding);
    tcase_add_test(tc, accents_are_stripped);
    tcase_add_test(tc, apostrophes_stay_in_words);
    tcase_add_test(tc, apostrophe_u02bc_is_an_apostrophe);
    tcase_add_test(tc, dotted_acronyms);
    tcase_add_test(tc, acronym_after_an_overlong_word);
    tcase_add_test(tc, hyphenated_words);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, amounts_of_money);
    tcase_add_test(tc, amounts_in_every_style);
    tcase_add_test(tc, scaled_numbers);
    tcase_add_test(tc, numbers_that_are_no_amounts);
    tcase_add_test(tc, dashes_spaces_and_quotes_separate);
    tcase_add_test(tc, cjk_unigrams_and_bigrams);
    tcase_add_test(tc, long_words_get_a_hashed_term);
    tcase_add_test(tc, long_words_fold_before_they_are_hashed);
    tcase_add_test(tc, thai_runs_are_one_word);
    tcase_add_test(tc, long_parts_of_compounds);
    tcase_add_test(tc, invalid_utf8_separates);
    tcase_add_test(tc, callback_stops_tokenising);
    tcase_add_test(tc, fold);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
