/* tokenizer.h - splits UTF-8 text into folded index terms.
 *
 * One tokeniser serves indexing, query parsing, snippets and analysis, so a
 * word is always turned into the same terms wherever it appears. The
 * interface follows SQLite FTS5's xTokenize: the caller passes a callback
 * that receives each token in order; a token flagged XN_TOKEN_COLOCATED
 * occupies the same position as the token before it (an alternative form,
 * such as the joined "cybersecurity" beside "cyber" "security").
 *
 * Rules (word boundaries come from Unicode categories, via utf8proc):
 *  - a word is a run of letters, digits and combining marks;
 *  - terms are NFKC-normalised, case-folded and stripped of accents;
 *  - an apostrophe (' U+2019 U+02BC) between letters stays in the word,
 *    written as ' ("China's" -> "china's", as Xapian does), and a
 *    possessive 's also gives the bare word colocated ("china"), so "Xi
 *    Jinping" finds "Xi Jinping's";
 *  - single letters joined by dots form an acronym kept with its inner dots
 *    ("U.S." and "U.S" -> "u.s"), never the word "us";
 *  - digits joined by '.' stay one number ("3.5"); a comma followed by three
 *    digits is a thousands separator and dropped ("22,000" -> "22000");
 *  - words joined by hyphens (- U+2010 U+2011) give each part at its own
 *    position, and when every part is alphabetic the joined form colocated
 *    with the first and with the last part, so "cyber-security",
 *    "cyber security" and "cybersecurity" match each other, in phrases too;
 *  - dashes (U+2013, U+2014), NBSP, quotes and other punctuation separate;
 *  - amounts of money and scaled numbers: see "Amounts" below;
 *  - CJK ideographs, kana and hangul give one term per character plus the
 *    bigram of each adjacent pair, colocated (as Xapian's CJK n-grams);
 *  - a folded word (or joined form) of up to XN_TOKEN_MAX_BYTES bytes is
 *    its own term; a longer one is cut to a fixed-size term by
 *    xn_long_term() (its first bytes, '#' and a hash of the whole word),
 *    flagged XN_TOKEN_HASHED, so the same long word gives the same term in
 *    a text and in a query, and no word is lost. Letters run together
 *    without spaces (Thai, a long German compound) are one word;
 *  - invalid UTF-8 bytes separate words and are otherwise ignored.
 *
 * Amounts. Every style outlets write an amount in gives the same terms, so
 * "$1.13bn", "$1.13 billion", "US$1,130 million", "USD 1.13 billion" and
 * "1.13 billion U.S. dollars" find each other, and "£1.13bn" none of them.
 * An amount is a number word with a currency, a scale, or both:
 *  - the currency: a sign before the number ($ US$ A$ AU$ C$ CA$ HK$ NZ$
 *    S$ NT$ R$, € £ ¥ JP¥ CN¥ ₹ ₩; "$" alone is the US dollar, "¥" the
 *    yen), or an ISO 4217 code before it, apart ("USD 5", also "RMB" and
 *    "Rs"/"Rs."), or a currency name or code after the number and its
 *    scale: dollar(s), dlr(s), euro(s), pound(s) [sterling], sterling,
 *    stg, yen, yuan, renminbi, rupee(s), USD, EUR, GBP, JPY, CNY, RMB,
 *    AUD, CAD, HKD, NZD, SGD, TWD, CHF, INR, KRW, BRL, and dollar(s) /
 *    dlr(s) after a country (US, U.S., American, Canadian, Australian,
 *    Singapore, Hong Kong, New Zealand, N.Z., Taiwan, New Taiwan: "5
 *    billion Canadian dollars" is cad), pound(s) after British, yen after
 *    Japanese, yuan after Chinese, rupee(s) after Indian, franc(s) only
 *    after Swiss (chf). A sign or code before the number is the currency;
 *    no name is looked for after it. A code between two numbers ("7 USD
 *    140", as rate tables write) ends the first amount and starts the
 *    second: its position holds the terms of both;
 *  - the scale: a suffix of the number (k m b t: only beside a currency,
 *    so a bare "3m" or "4K" stays a word; mn mln bn bln tn trn: always) or
 *    a word after it (thousand million billion trillion mn mln bn bln tn
 *    trn lakh(s) crore(s)); one scale at most;
 *  - the number: digits with thousands commas and one decimal point; a
 *    number in a hyphenated compound ("$5-10", "B-52", "5-year") and
 *    any other suffix ("1990s", "5G") is no amount; the words of an
 *    amount are apart only by white space (one line break at most).
 * The value of an amount is its number times its scale, in digits without
 * thousands separators, leading zeros or trailing zeros after a point
 * ("1130000000", "0.5", "1.5" for "$1.50"); its term is the ISO code, a
 * colon and the value ("usd:1130000000"), or, without a currency, the value
 * alone ("1130000000"). The words stay as written, each at its own
 * position (what plain Xapian indexes): the currency words are flagged
 * XN_TOKEN_CURRENCY_WORD, the scale word XN_TOKEN_SCALE_WORD. After them
 * come colocated terms spanning the whole amount (the code: the sign or
 * code and the number):
 *  - at every position of the amount, its term (XN_TOKEN_AMOUNT), and with
 *    a scale and a currency, the value too. At the positions other than
 *    the number's they are flagged XN_TOKEN_AMOUNT_MORE (indexed with wdf
 *    0: an amount counts once). The term is what a query searches for an
 *    amount, so one in any style finds every other; in a phrase, the term
 *    on each position lets an amount match at any width: "$1.13bn in" is
 *    the term then "in", which "1.13 billion dollars in" holds too (the
 *    query builder tries each width up to XN_AMOUNT_MAX_WORDS inside a
 *    phrase);
 *  - at the number, also the ISO code ("usd", XN_TOKEN_CURRENCY: the
 *    query "usd" finds the dollar amounts) and, with a scale and a
 *    currency, the code and the number as written ("usd:1.13",
 *    XN_TOKEN_AMOUNT_WRITTEN; at a code written before the number too),
 *    so a query "$1.13" (term usd:1.13) finds "$1.13 billion", the number
 *    written there. A value equal to the number word is not repeated.
 * So a currency never matches another ("£1.13bn" is gbp:1130000000), a
 * scaled number without currency matches its value in any currency and
 * any style ("1.13 billion" finds "$1.13bn" and "€1,130 million"), and a
 * number with neither is only its word: "2016", "1.5", "22,000" (22000),
 * "3m", "B-52", "555-1234" (the word "1500000" is also the value of "1.5
 * mln", so "1,500,000" finds it).
 */
#ifndef XAPNEWS_TOKENIZER_H
#define XAPNEWS_TOKENIZER_H

#include <stddef.h>

#include "schema.h"

/* The longest term the tokeniser gives, in bytes: what fits in Xapian's
 * term limit with the longest prefix a word is indexed under. */
#define XN_TOKEN_MAX_BYTES (XN_TERM_MAX_BYTES - XN_WORD_PREFIX_MAX_BYTES)

/* The end of a long word's term: '#' and 16 hex digits of its hash. */
#define XN_TOKEN_HASH_BYTES 17

enum {
    XN_TOKEN_COLOCATED = 1u << 0,   /* same position as the previous token */
    XN_TOKEN_CAPITALISED = 1u << 1, /* the raw word starts with a capital */
    XN_TOKEN_COMPOUND = 1u << 2,    /* part or joined form of a hyphenation */
    XN_TOKEN_ACRONYM = 1u << 3,     /* dotted acronym */
    XN_TOKEN_NUMBER = 1u << 4,      /* starts with a digit */
    XN_TOKEN_CJK = 1u << 5,         /* CJK n-gram */
    XN_TOKEN_POSSESSIVE = 1u << 6,  /* the bare word of a possessive */
    XN_TOKEN_CURRENCY = 1u << 7,    /* a currency code beside an amount */
    XN_TOKEN_CURRENCY_WORD = 1u << 8, /* a word of an amount naming its
                                         currency: "dollars", "U.S.", "USD" */
    XN_TOKEN_SCALE_WORD = 1u << 9,  /* "billion" etc. after an amount's number */
    XN_TOKEN_AMOUNT = 1u << 10,     /* the term of a whole amount */
    XN_TOKEN_AMOUNT_MORE = 1u << 11, /* an amount's term again at one of its
                                        later positions */
    XN_TOKEN_AMOUNT_WRITTEN = 1u << 12, /* code and number as written, "usd:1.13" */
    XN_TOKEN_HASHED = 1u << 13      /* a long word's term (xn_long_term()) */
};

/* Terms never indexed with a stem: an amount's ("usd:1130000000"). */
#define XN_TOKEN_UNSTEMMED (XN_TOKEN_AMOUNT | XN_TOKEN_AMOUNT_WRITTEN)

/* The most words (positions) an amount has: "5 billion New Taiwan dollars". */
#define XN_AMOUNT_MAX_WORDS 5

typedef struct {
    const char *term; /* folded form, valid only during the callback */
    size_t len;
    size_t start, end; /* byte span [start, end) of the raw word in the input */
    unsigned flags;
} xn_token;

/** Called for each token; a non-zero return stops tokenising and becomes
 *  the return value of xn_tokenize(). */
typedef int (*xn_token_fn)(void *ctx, const xn_token *token);

/** Tokenises the LEN bytes at TEXT. Returns 0 when every token was passed
 *  on, the callback's non-zero value if it stopped early, or -1 when memory
 *  ran out. */
int xn_tokenize(const char *text, size_t len, xn_token_fn fn, void *ctx);

/** Folds LEN bytes of UTF-8 as the tokeniser folds a word (NFKC, case fold,
 *  accents stripped) into OUT (CAP bytes, NUL terminated). Returns the
 *  folded length, or (size_t)-1 if it does not fit or memory ran out. */
size_t xn_fold(const char *text, size_t len, char *out, size_t cap);

/** The term of the LEN-byte folded WORD, written to OUT (NUL terminated):
 *  WORD itself when LEN <= XN_TOKEN_MAX_BYTES; else its first bytes (cut
 *  at a character boundary), '#' and 16 lower-case hex digits of a 64-bit
 *  FNV-1a hash of all of WORD, XN_TOKEN_MAX_BYTES bytes at most. Returns
 *  the term's length. (Omega's scriptindex "hash" action does the same for
 *  terms over its limit.) */
size_t xn_long_term(const char *word, size_t len, char out[XN_TOKEN_MAX_BYTES + 1]);

/** Whether the LEN-byte TERM is a long word's term made by xn_long_term()
 *  (no word's own term holds '#'). Such terms are not stemmed. */
int xn_term_is_hashed(const char *term, size_t len);

#endif
