/* check_tokenizer.c - unit tests of the tokeniser (plugin/analysis/tokenizer.h).
 *
 * Each test tokenises a text and compares the exact token sequence, written
 * as "term@start-end" separated by spaces, with a leading '+' for a token
 * flagged XN_TOKEN_COLOCATED. Flag tests write "term:FLAGS" with one letter
 * per flag: C colocated, K capitalised, P compound (hyphen part or joined
 * form), A acronym, N number, J CJK n-gram, O bare word of a possessive,
 * M currency code of an amount, W currency word after an amount, H a long
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
     * sign and the number; "US" of "US$" is part of the sign, not "us" */
    EXPECT_TOKENS("US$590", "590@3-6 +usd@0-6");
    EXPECT_FLAGS("US$590", "590:N usd:CM");
    EXPECT_TOKENS("US$590 billion", "590@3-6 +usd@0-6 billion@7-14");
    EXPECT_TOKENS("$60,000 worth", "60000@1-7 +usd@0-7 worth@8-13");
    EXPECT_TOKENS("\xE2\x82\xAC" "5 \xC2\xA3" "6 \xC2\xA5" "7 CN\xC2\xA5" "8",
                  "5@3-4 +eur@0-4 6@7-8 +gbp@5-8 7@11-12 +jpy@9-12 "
                  "8@17-18 +cny@13-18");
    EXPECT_TOKENS("A$9 HK$10 NZ$1 C$2 S$3",
                  "9@2-3 +aud@0-3 10@7-9 +hkd@4-9 1@13-14 +nzd@10-14 "
                  "2@17-18 +cad@15-18 3@21-22 +sgd@19-22");
    /* a currency word after the amount, a scale word allowed between */
    EXPECT_TOKENS("590 billion dollars",
                  "590@0-3 +usd@0-3 billion@4-11 dollars@12-19");
    EXPECT_FLAGS("590 billion dollars", "590:N usd:CM billion: dollars:W");
    EXPECT_TOKENS("22 euros and 3 Yen",
                  "22@0-2 +eur@0-2 euros@3-8 and@9-12 3@13-14 +jpy@13-14 "
                  "yen@15-18");
    /* not amounts: a sign without a number, a sign before a space, a
     * longer word, a hyphenated number, an unknown prefix */
    EXPECT_TOKENS("US$ 5", "us@0-2 5@4-5");
    EXPECT_TOKENS("5 dollarsign", "5@0-1 dollarsign@2-12");
    EXPECT_TOKENS("$5-10", "5@1-2 10@3-5");
    EXPECT_TOKENS("XY$5", "xy@0-2 5@3-4 +usd@2-4");
    EXPECT_TOKENS("US officials", "us@0-2 officials@3-12");
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
