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
 *  - an amount of money gives its number and, colocated, the ISO 4217 code
 *    of its currency in lower case, so "US$590 billion", "$590 billion" and
 *    "590 billion dollars" all hold 590, usd and billion: a currency sign
 *    before the number ($ US$ A$ C$ HK$ NZ$ S$ € £ ¥), or a currency word
 *    after it, a scale word (thousand, million, billion, trillion) allowed
 *    between; that word is flagged XN_TOKEN_CURRENCY_WORD;
 *  - CJK ideographs, kana and hangul give one term per character plus the
 *    bigram of each adjacent pair, colocated (as Xapian's CJK n-grams);
 *  - a folded word (or joined form) of up to XN_TOKEN_MAX_BYTES bytes is
 *    its own term; a longer one is cut to a fixed-size term by
 *    xn_long_term() (its first bytes, '#' and a hash of the whole word),
 *    flagged XN_TOKEN_HASHED, so the same long word gives the same term in
 *    a text and in a query, and no word is lost. Letters run together
 *    without spaces (Thai, a long German compound) are one word;
 *  - invalid UTF-8 bytes separate words and are otherwise ignored.
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
    XN_TOKEN_CURRENCY_WORD = 1u << 8, /* "dollars" etc. after an amount */
    XN_TOKEN_HASHED = 1u << 9        /* a long word's term (xn_long_term()) */
};

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
