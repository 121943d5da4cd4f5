/* tokenizer.c - see tokenizer.h for the rules. */
#include "tokenizer.h"
#include "strbuf.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_PARTS 16 /* hyphenated parts joined at most */

typedef struct {
    char *raw; /* the word as written, apostrophes as ', without thousands
                  separators; grown as needed, kept across words */
    size_t raw_len, raw_cap;
    int nomem; /* RAW could not grow */
    size_t start, end;
    unsigned flags;
    int alphabetic; /* only letters and marks */
    int possessive; /* ends in 's after at least two letters */
} part_t;

/* Decodes one code point at S (N bytes left). Returns its length in bytes
 * and stores it in *CP, or returns 0 (with *CP = -1) for an invalid byte. */
static size_t decode(const char *s, size_t n, utf8proc_int32_t *cp)
{
    if (n == 0) {
        *cp = -1;
        return 0;
    }
    if ((unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)(n > 4 ? 4 : n), cp);
    if (k <= 0) {
        *cp = -1;
        return 0;
    }
    return (size_t)k;
}

static int is_cjk(utf8proc_int32_t c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0x3100 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static int is_letter(utf8proc_int32_t c)
{
    if (c < 0) return 0;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(utf8proc_int32_t c)
{
    if (c < 0) return 0;
    if (c < 0x80) return c >= '0' && c <= '9';
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO;
}

static int is_mark(utf8proc_int32_t c)
{
    if (c < 0x300) return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME;
}

static int is_upper(utf8proc_int32_t c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_apostrophe(utf8proc_int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_hyphen(utf8proc_int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Word characters that can start a word (CJK handled separately; U+02BC,
 * a letter to Unicode, is an apostrophe in running text). */
static int starts_word(utf8proc_int32_t c)
{
    if (c >= 0 && c < 0x80) /* most text: no table lookups */
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !is_cjk(c) && c != 0x02BC && (is_letter(c) || is_digit(c));
}

static int continues_word(utf8proc_int32_t c)
{
    return starts_word(c) || (c >= 0 && is_mark(c));
}

/* Code point at offset I (or -1 at the end or on an invalid byte). */
static utf8proc_int32_t peek(const char *t, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t c = -1;
    size_t k = i < len ? decode(t + i, len - i, &c) : 0;
    if (n) *n = k;
    return c;
}

static void raw_append(part_t *p, const char *s, size_t n)
{
    if (p->raw_len + n > p->raw_cap) {
        size_t cap = p->raw_cap ? p->raw_cap : 64;
        while (cap < p->raw_len + n) cap *= 2;
        char *r = realloc(p->raw, cap);
        if (!r) {
            p->nomem = 1;
            return;
        }
        p->raw = r;
        p->raw_cap = cap;
    }
    memcpy(p->raw + p->raw_len, s, n);
    p->raw_len += n;
}

/* Tries to read a dotted acronym ("U.S.", "U.S", "e.g.") at I. On success
 * fills P and returns the offset after it; otherwise returns I. */
static size_t read_acronym(const char *t, size_t len, size_t i, part_t *p)
{
    size_t j = i, n, letters = 0, last_end = i;
    p->raw_len = 0;
    p->nomem = 0;
    for (;;) {
        utf8proc_int32_t c = peek(t, len, j, &n);
        if (!is_letter(c) || is_cjk(c)) break;
        size_t after = j + n, n2;
        /* a single letter: the next character must not continue the word */
        utf8proc_int32_t d = peek(t, len, after, &n2);
        if (continues_word(d) || is_apostrophe(d)) break;
        if (letters) raw_append(p, ".", 1);
        raw_append(p, t + j, n);
        letters++;
        last_end = after;
        if (d != '.') break;
        last_end = after + 1; /* the dot belongs to the acronym */
        j = after + 1;
    }
    if (letters < 2) return i;
    /* "U.S" without a final dot ends after its last letter */
    p->start = i;
    p->end = last_end;
    p->flags = XN_TOKEN_ACRONYM;
    p->alphabetic = 0;
    p->possessive = 0;
    if (is_upper(peek(t, len, i, NULL))) p->flags |= XN_TOKEN_CAPITALISED;
    return last_end;
}

/* Reads one word (part of a possible compound) starting at I. */
static size_t read_word(const char *t, size_t len, size_t i, part_t *p)
{
    size_t j = read_acronym(t, len, i, p);
    if (j != i) return j;

    size_t n;
    utf8proc_int32_t first = peek(t, len, i, &n);
    p->raw_len = 0;
    p->nomem = 0;
    p->start = i;
    p->flags = 0;
    p->alphabetic = 1;
    if (is_upper(first)) p->flags |= XN_TOKEN_CAPITALISED;
    if (is_digit(first)) p->flags |= XN_TOKEN_NUMBER;

    j = i;
    utf8proc_int32_t prev = -1;
    for (;;) {
        utf8proc_int32_t c = peek(t, len, j, &n);
        if (c < 0) break;
        if (continues_word(c)) {
            if (is_digit(c)) p->alphabetic = 0;
            raw_append(p, t + j, n);
            prev = c;
            j += n;
            continue;
        }
        size_t n2;
        utf8proc_int32_t next = peek(t, len, j + n, &n2);
        if (is_apostrophe(c) && is_letter(prev) && is_letter(next) &&
            !is_cjk(next)) {
            raw_append(p, "'", 1);
            prev = c;
            j += n;
            continue;
        }
        if (c == '.' && is_digit(prev) && is_digit(next)) {
            raw_append(p, ".", 1);
            prev = c;
            j += n;
            continue;
        }
        if (c == ',' && is_digit(prev)) {
            /* thousands separator: exactly three digits follow */
            size_t k = j + 1, digits = 0;
            while (digits < 4 && is_digit(peek(t, len, k, NULL))) {
                k++;
                digits++;
            }
            if (digits == 3) {
                prev = ',';
                j += 1;
                continue;
            }
        }
        break;
    }
    p->end = j;
    p->possessive = p->raw_len > 3 && p->raw[p->raw_len - 2] == '\'' &&
                    (p->raw[p->raw_len - 1] == 's' || p->raw[p->raw_len - 1] == 'S');
    return j;
}

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

size_t xn_fold(const char *text, size_t len, char *out, size_t cap)
{
    if (is_ascii(text, len)) {
        if (len + 1 > cap) return (size_t)-1;
        for (size_t i = 0; i < len; i++) {
            char c = text[i];
            out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out[len] = '\0';
        return len;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map(
        (const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &dst,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
            UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (r < 0) return (size_t)-1;
    size_t m = (size_t)r;
    if (m + 1 > cap) {
        free(dst);
        return (size_t)-1;
    }
    memcpy(out, dst, m);
    out[m] = '\0';
    free(dst);
    return m;
}

size_t xn_long_term(const char *word, size_t len, char out[XN_TOKEN_MAX_BYTES + 1])
{
    if (len <= XN_TOKEN_MAX_BYTES) {
        memcpy(out, word, len);
        out[len] = '\0';
        return len;
    }
    uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a, 64 bits */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)word[i];
        h *= UINT64_C(1099511628211);
    }
    size_t keep = XN_TOKEN_MAX_BYTES - XN_TOKEN_HASH_BYTES;
    while (keep > 0 && ((unsigned char)word[keep] & 0xC0) == 0x80) keep--;
    memcpy(out, word, keep);
    snprintf(out + keep, XN_TOKEN_HASH_BYTES + 1, "#%016" PRIx64, h);
    return keep + XN_TOKEN_HASH_BYTES;
}

int xn_term_is_hashed(const char *term, size_t len)
{
    if (len <= XN_TOKEN_HASH_BYTES || term[len - XN_TOKEN_HASH_BYTES] != '#') return 0;
    for (size_t i = len - XN_TOKEN_HASH_BYTES + 1; i < len; i++)
        if (!((term[i] >= '0' && term[i] <= '9') || (term[i] >= 'a' && term[i] <= 'f')))
            return 0;
    return 1;
}

/* What one xn_tokenize() call holds: the callback, the parts of the word
 * being read, their folded forms and the joined form. */
typedef struct {
    xn_token_fn fn;
    void *ctx;
    part_t parts[MAX_PARTS];
    xn_strbuf folded[MAX_PARTS];
    xn_strbuf joined;
} emitter_t;

/* Passes the LEN-byte folded WORD on as a token: its own term, or a long
 * word's (xn_long_term()). */
static int emit(emitter_t *em, const char *term, size_t len, size_t start,
                size_t end, unsigned flags)
{
    if (len == 0) return 0;
    char cut[XN_TOKEN_MAX_BYTES + 1];
    if (len > XN_TOKEN_MAX_BYTES) {
        len = xn_long_term(term, len, cut);
        term = cut;
        flags |= XN_TOKEN_HASHED;
    }
    xn_token tok = {term, len, start, end, flags};
    return em->fn(em->ctx, &tok);
}

/* Folds P's word, however long, into OUT (emptied first; left empty when
 * utf8proc refuses the word). Returns 0, or -1 when memory runs out. */
static int fold_part(const part_t *p, xn_strbuf *out)
{
    xn_strbuf_reset(out);
    if (p->nomem) return -1;
    if (is_ascii(p->raw, p->raw_len)) {
        if (xn_strbuf_append(out, p->raw, p->raw_len) < 0) return -1;
        for (size_t i = 0; i < out->len; i++)
            if (out->data[i] >= 'A' && out->data[i] <= 'Z') out->data[i] += 32;
        return 0;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map(
        (const utf8proc_uint8_t *)p->raw, (utf8proc_ssize_t)p->raw_len, &dst,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
            UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (r == UTF8PROC_ERROR_NOMEM) return -1;
    int rc = r > 0 ? xn_strbuf_append(out, (const char *)dst, (size_t)r) : 0;
    free(dst);
    return rc;
}

/* Emits the NPARTS parts of one (possibly hyphenated) word. */
static int emit_parts(emitter_t *em, size_t nparts)
{
    part_t *parts = em->parts;
    xn_strbuf *folded = em->folded;
    int joinable = nparts > 1;
    for (size_t k = 0; k < nparts; k++) {
        if (fold_part(&parts[k], &folded[k]) < 0) return -1;
        if (folded[k].len == 0 || !parts[k].alphabetic) joinable = 0;
    }
    xn_strbuf_reset(&em->joined);
    for (size_t k = 0; joinable && k < nparts; k++)
        if (xn_strbuf_append(&em->joined, folded[k].data, folded[k].len) < 0) return -1;
    for (size_t k = 0; k < nparts; k++) {
        unsigned flags = parts[k].flags | (nparts > 1 ? XN_TOKEN_COMPOUND : 0);
        int rc = emit(em, folded[k].data, folded[k].len, parts[k].start, parts[k].end,
                      flags);
        if (rc) return rc;
        if (parts[k].possessive && folded[k].len > 2) {
            rc = emit(em, folded[k].data, folded[k].len - 2, parts[k].start,
                      parts[k].end, flags | XN_TOKEN_COLOCATED | XN_TOKEN_POSSESSIVE);
            if (rc) return rc;
        }
        if (joinable && (k == 0 || k == nparts - 1)) {
            rc = emit(em, em->joined.data, em->joined.len, parts[0].start,
                      parts[nparts - 1].end,
                      XN_TOKEN_COLOCATED | XN_TOKEN_COMPOUND |
                          (parts[0].flags & XN_TOKEN_CAPITALISED));
            if (rc) return rc;
        }
    }
    return 0;
}

/* Emits the n-grams of a run of CJK characters starting at I; returns the
 * offset after the run through *NEXT. */
static int emit_cjk(emitter_t *em, const char *t, size_t len, size_t i,
                    size_t *next)
{
    size_t prev_start = 0, n;
    int have_prev = 0;
    char buf[16];
    for (;;) {
        utf8proc_int32_t c = peek(t, len, i, &n);
        if (c < 0 || !is_cjk(c)) break;
        char one[8];
        size_t olen = xn_fold(t + i, n, one, sizeof one);
        if (olen != (size_t)-1) {
            int rc = emit(em, one, olen, i, i + n, XN_TOKEN_CJK);
            if (rc) return rc;
            if (have_prev) {
                size_t blen = xn_fold(t + prev_start, i + n - prev_start, buf,
                                      sizeof buf);
                if (blen != (size_t)-1) {
                    rc = emit(em, buf, blen, prev_start, i + n,
                              XN_TOKEN_CJK | XN_TOKEN_COLOCATED);
                    if (rc) return rc;
                }
            }
        }
        prev_start = i;
        have_prev = 1;
        i += n;
    }
    *next = i;
    return 0;
}

/* ---- money ------------------------------------------------------------ */

/* Whether a hyphen joining another word follows at J: the word before it
 * is then part of a compound (as the main loop reads it). */
static int compound_follows(const char *t, size_t len, size_t j)
{
    size_t hn;
    utf8proc_int32_t h = peek(t, len, j, &hn);
    return is_hyphen(h) && starts_word(peek(t, len, j + hn, NULL));
}

/* The currency of sign C written after PREFIX (PLEN ASCII capitals), or
 * NULL. */
static const char *currency_of_sign(utf8proc_int32_t c, const char *prefix,
                                    size_t plen)
{
    static const struct {
        const char *prefix, *code;
    } dollars[] = {{"", "usd"},  {"US", "usd"}, {"A", "aud"},  {"AU", "aud"},
                   {"C", "cad"}, {"CA", "cad"}, {"HK", "hkd"}, {"NZ", "nzd"},
                   {"S", "sgd"}, {"NT", "twd"}, {"R", "brl"}};
    if (c == '$') {
        for (size_t k = 0; k < sizeof dollars / sizeof dollars[0]; k++)
            if (strlen(dollars[k].prefix) == plen &&
                memcmp(dollars[k].prefix, prefix, plen) == 0)
                return dollars[k].code;
        return NULL;
    }
    if (c == 0xA5) { /* yen sign: Japanese unless written CN¥ */
        if (plen == 0 || (plen == 2 && memcmp(prefix, "JP", 2) == 0)) return "jpy";
        if (plen == 2 && memcmp(prefix, "CN", 2) == 0) return "cny";
        return NULL;
    }
    if (plen) return NULL;
    if (c == 0x20AC) return "eur";
    if (c == 0xA3) return "gbp";
    if (c == 0x20B9) return "inr";
    if (c == 0x20A9) return "krw";
    return NULL;
}

/* If a currency sign (optionally after up to three capitals, as in US$)
 * starts at I and a digit follows it, returns the currency and sets *AFTER
 * to the offset of the digit. */
static const char *currency_sign_at(const char *t, size_t len, size_t i,
                                    size_t *after)
{
    size_t k = i;
    while (k < len && k - i < 3 && t[k] >= 'A' && t[k] <= 'Z') k++;
    size_t n;
    utf8proc_int32_t c = peek(t, len, k, &n);
    if (c < 0 || !is_digit(peek(t, len, k + n, NULL))) return NULL;
    const char *code = currency_of_sign(c, t + i, k - i);
    if (code) *after = k + n;
    return code;
}

/* ISO 4217 codes written as words, before or after an amount. */
static const char *currency_of_code(const char *w)
{
    static const char *const codes[] = {"usd", "eur", "gbp", "jpy", "cny",
                                        "aud", "cad", "hkd", "nzd", "sgd",
                                        "twd", "chf", "inr", "krw", "brl"};
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
        if (strcmp(w, codes[k]) == 0) return codes[k];
    if (strcmp(w, "rmb") == 0) return "cny";
    return NULL;
}

/* Skips the white space between two words of an amount at *I: at least
 * one character, at most one line break. Returns 0 when there is none. */
static int skip_gap(const char *t, size_t len, size_t *i)
{
    size_t k = *i, n;
    int breaks = 0;
    for (;;) {
        utf8proc_int32_t c = peek(t, len, k, &n);
        if (c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x2009 ||
            c == 0x202F)
            k += n;
        else if (c == '\n' && breaks++ == 0)
            k += n;
        else
            break;
    }
    if (k == *i) return 0;
    *i = k;
    return 1;
}

/* A word that may belong to an amount, folded to lower-case ASCII. */
typedef struct {
    char w[16];
    size_t start, end;
} aword;

/* Reads the word at AT as read_word() does, its raw form (NUL terminated)
 * into BUF of CAP bytes; *RLEN receives its length, or (size_t)-1 when it
 * does not fit or memory ran out; *FLAGS (if given) its flags. Returns the
 * end of the word. */
static size_t read_short_word(const char *t, size_t len, size_t at, char *buf,
                              size_t cap, size_t *rlen, unsigned *flags)
{
    part_t p;
    memset(&p, 0, sizeof p);
    size_t j = read_word(t, len, at, &p);
    if (p.nomem || p.raw_len + 1 > cap) {
        *rlen = (size_t)-1;
    } else {
        memcpy(buf, p.raw, p.raw_len);
        buf[p.raw_len] = '\0';
        *rlen = p.raw_len;
    }
    if (flags) *flags = p.flags;
    free(p.raw);
    return j;
}

/* Reads the word after the white space at AT: letters (or a dotted
 * acronym, "u.s") that are not part of a hyphenated compound. */
static int amount_word(const char *t, size_t len, size_t at, aword *w)
{
    if (!skip_gap(t, len, &at) || !starts_word(peek(t, len, at, NULL))) return 0;
    size_t n;
    size_t j = read_short_word(t, len, at, w->w, sizeof w->w, &n, NULL);
    if (n == (size_t)-1 || compound_follows(t, len, j)) return 0;
    for (size_t k = 0; k < n; k++) {
        char ch = w->w[k];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        else if (!(ch >= 'a' && ch <= 'z') && ch != '.') return 0;
        w->w[k] = ch;
    }
    w->start = at;
    w->end = j;
    return 1;
}

/* An amount of money, or a number with a scale, as read ahead of the
 * tokens it gives (see tokenizer.h). */
#define AMOUNT_DIGITS 56 /* longest canonical number; longer ones are no amount */

typedef struct {
    size_t start, end;             /* the whole amount, in bytes */
    size_t number_at, number_end;  /* its number */
    size_t word_at[XN_AMOUNT_MAX_WORDS];  /* the start of each of its words */
    unsigned word_flags[XN_AMOUNT_MAX_WORDS]; /* and the flag each gets */
    size_t n_words;
    const char *code;              /* ISO 4217 in lower case, or NULL */
    int scaled;                    /* it has a scale */
    char number[XN_TOKEN_MAX_BYTES + 1];    /* the number word, folded */
    char canonical[AMOUNT_DIGITS + 1];      /* the value: 1130000000 */
    char term[XN_TOKEN_MAX_BYTES + 1];      /* usd:1130000000, or the value */
    char written[XN_TOKEN_MAX_BYTES + 1];   /* usd:1.13 when scaled, or "" */
} amount_t;

static void add_word(amount_t *a, size_t at, unsigned flags)
{
    if (a->n_words < XN_AMOUNT_MAX_WORDS) {
        a->word_at[a->n_words] = at;
        a->word_flags[a->n_words++] = flags;
    }
}

/* Scale words written after a number, and their powers of ten. */
static int scale_of_word(const char *w)
{
    static const struct {
        const char *word;
        int exp;
    } scales[] = {{"thousand", 3}, {"million", 6}, {"billion", 9},
                  {"trillion", 12}, {"mn", 6},     {"mln", 6},
                  {"bn", 9},        {"bln", 9},    {"tn", 12},
                  {"trn", 12},      {"lakh", 5},   {"lakhs", 5},
                  {"crore", 7},     {"crores", 7}};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
        if (strcmp(w, scales[k].word) == 0) return scales[k].exp;
    return 0;
}

/* Reads the folded number word W of N bytes: integer digits, an optional
 * fraction, an optional scale suffix ("1.13bn", "600m"). *ALONE is 0 for
 * a one-letter suffix, which is a scale only beside a currency. */
static int parse_number(const char *w, size_t n, size_t *int_len,
                        size_t *frac_at, size_t *frac_len, int *exp, int *alone)
{
    static const struct {
        const char *suffix;
        int exp;
    } suffixes[] = {{"k", 3},   {"m", 6},    {"b", 9},   {"t", 12},
                    {"mn", 6},  {"mln", 6},  {"bn", 9},  {"bln", 9},
                    {"tn", 12}, {"trn", 12}};
    size_t k = 0;
    while (k < n && w[k] >= '0' && w[k] <= '9') k++;
    if (k == 0) return 0;
    *int_len = k;
    *frac_at = k;
    *frac_len = 0;
    if (k < n && w[k] == '.') {
        size_t f = ++k;
        while (k < n && w[k] >= '0' && w[k] <= '9') k++;
        if (k == f) return 0;
        *frac_at = f;
        *frac_len = k - f;
    }
    *exp = 0;
    *alone = 1;
    if (k == n) return 1;
    for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++)
        if (strlen(suffixes[s].suffix) == n - k && memcmp(w + k, suffixes[s].suffix, n - k) == 0) {
            *exp = suffixes[s].exp;
            *alone = n - k > 1;
            return 1;
        }
    return 0;
}

/* Writes INT.FRAC times 10^EXP into OUT (CAP bytes) in its shortest form:
 * no leading zeros before the point nor trailing zeros after it ("0.5",
 * "1130000000", "3.5"). Returns 0 when it does not fit. */
static int decimal(const char *w, size_t int_len, size_t frac_at,
                   size_t frac_len, int exp, char *out, size_t cap)
{
    char d[AMOUNT_DIGITS + 16];
    if (int_len + frac_len + (size_t)exp > AMOUNT_DIGITS) return 0;
    memcpy(d, w, int_len);
    memcpy(d + int_len, w + frac_at, frac_len);
    size_t nd = int_len + frac_len, point = int_len + (size_t)exp;
    while (nd < point) d[nd++] = '0';
    size_t s = 0, e = nd;
    while (s + 1 < point && d[s] == '0') s++;
    while (e > point && d[e - 1] == '0') e--;
    size_t o = point - s;
    if (o + (e > point ? 1 + e - point : 0) + 1 > cap) return 0;
    memcpy(out, d + s, o);
    if (e > point) {
        out[o++] = '.';
        memcpy(out + o, d + point, e - point);
        o += e - point;
    }
    out[o] = '\0';
    return 1;
}

/* The currency named by the words after AT ("dollars", "U.S. dollars",
 * "pounds sterling", "EUR"), which are added to A; *END receives the end
 * of the last. */
static const char *currency_after(const char *t, size_t len, size_t at,
                                  amount_t *a, size_t *end)
{
    enum { ANY, DOLLAR, POUND, YEN, YUAN, RUPEE, FRANC };
    static const struct {
        const char *word;
        int kind;
        const char *code; /* NULL: only after a qualifier */
    } names[] = {{"dollar", DOLLAR, "usd"}, {"dollars", DOLLAR, "usd"},
                 {"dlr", DOLLAR, "usd"},    {"dlrs", DOLLAR, "usd"},
                 {"euro", ANY, "eur"},      {"euros", ANY, "eur"},
                 {"pound", POUND, "gbp"},   {"pounds", POUND, "gbp"},
                 {"sterling", POUND, "gbp"}, {"stg", POUND, "gbp"},
                 {"yen", YEN, "jpy"},       {"yuan", YUAN, "cny"},
                 {"renminbi", YUAN, "cny"}, {"rupee", RUPEE, "inr"},
                 {"rupees", RUPEE, "inr"},  {"franc", FRANC, NULL},
                 {"francs", FRANC, NULL}};
    static const struct {
        const char *first, *second; /* SECOND may be NULL */
        int kind;
        const char *code;
    } qualifiers[] = {
        {"us", NULL, DOLLAR, "usd"},        {"u.s", NULL, DOLLAR, "usd"},
        {"american", NULL, DOLLAR, "usd"},  {"canadian", NULL, DOLLAR, "cad"},
        {"australian", NULL, DOLLAR, "aud"}, {"singapore", NULL, DOLLAR, "sgd"},
        {"hong", "kong", DOLLAR, "hkd"},    {"new", "zealand", DOLLAR, "nzd"},
        {"n.z", NULL, DOLLAR, "nzd"},       {"taiwan", NULL, DOLLAR, "twd"},
        {"new", "taiwan", DOLLAR, "twd"},   {"british", NULL, POUND, "gbp"},
        {"japanese", NULL, YEN, "jpy"},     {"chinese", NULL, YUAN, "cny"},
        {"indian", NULL, RUPEE, "inr"},     {"swiss", NULL, FRANC, "chf"}};
    const size_t n_names = sizeof names / sizeof names[0];
    aword w[3];
    if (!amount_word(t, len, at, &w[0])) return NULL;
    const char *code = currency_of_code(w[0].w);
    if (code) {
        add_word(a, w[0].start, XN_TOKEN_CURRENCY_WORD);
        *end = w[0].end;
        return code;
    }
    for (size_t k = 0; k < n_names; k++) {
        if (!names[k].code || strcmp(w[0].w, names[k].word) != 0) continue;
        add_word(a, w[0].start, XN_TOKEN_CURRENCY_WORD);
        *end = w[0].end;
        /* "pounds sterling" */
        if (names[k].kind == POUND && strcmp(w[0].w, "sterling") != 0 &&
            strcmp(w[0].w, "stg") != 0 && amount_word(t, len, w[0].end, &w[1]) &&
            strcmp(w[1].w, "sterling") == 0) {
            add_word(a, w[1].start, XN_TOKEN_CURRENCY_WORD);
            *end = w[1].end;
        }
        return names[k].code;
    }
    for (size_t q = 0; q < sizeof qualifiers / sizeof qualifiers[0]; q++) {
        if (strcmp(w[0].w, qualifiers[q].first) != 0 ||
            !amount_word(t, len, w[0].end, &w[1]))
            continue;
        size_t head = 1;
        if (qualifiers[q].second) {
            if (strcmp(w[1].w, qualifiers[q].second) != 0 ||
                !amount_word(t, len, w[1].end, &w[2]))
                continue;
            head = 2;
        }
        for (size_t k = 0; k < n_names; k++)
            if (names[k].kind == qualifiers[q].kind &&
                strcmp(w[head].w, names[k].word) == 0) {
                for (size_t h = 0; h <= head; h++)
                    add_word(a, w[h].start, XN_TOKEN_CURRENCY_WORD);
                *end = w[head].end;
                return qualifiers[q].code;
            }
    }
    return NULL;
}

/* Reads an amount whose number starts at NUM_AT. START is where the amount
 * starts: at the number, at a currency sign (CODE given) or at a currency
 * code written before the number (CODE given, PREFIX_WORD set). Fills A and
 * returns 1 for an amount of money or a number with a scale (see
 * tokenizer.h); returns 0 otherwise. */
static int read_amount(const char *t, size_t len, size_t start, size_t num_at,
                       const char *code, int prefix_word, amount_t *a)
{
    size_t n;
    unsigned flags;
    size_t j = read_short_word(t, len, num_at, a->number, sizeof a->number, &n, &flags);
    if (!(flags & XN_TOKEN_NUMBER) || n == (size_t)-1 || compound_follows(t, len, j))
        return 0;
    for (size_t k = 0; k < n; k++) {
        char ch = a->number[k];
        if ((unsigned char)ch >= 0x80) return 0;
        a->number[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
    }
    size_t int_len, frac_at, frac_len;
    int exp, alone;
    if (!parse_number(a->number, n, &int_len, &frac_at, &frac_len,
                      &exp, &alone))
        return 0;
    a->n_words = 0;
    if (prefix_word) add_word(a, start, XN_TOKEN_CURRENCY_WORD);
    add_word(a, num_at, 0);
    a->start = start;
    a->number_at = num_at;
    a->number_end = j;
    aword w;
    if (exp == 0 && amount_word(t, len, j, &w) && (exp = scale_of_word(w.w)) > 0) {
        add_word(a, w.start, XN_TOKEN_SCALE_WORD);
        j = w.end;
    }
    if (!code) code = currency_after(t, len, j, a, &j);
    if (!code && (exp == 0 || !alone)) return 0;
    if (!decimal(a->number, int_len, frac_at, frac_len, exp, a->canonical,
                 sizeof a->canonical))
        return 0;
    if (!code && strcmp(a->canonical, a->number) == 0) return 0; /* "0 million" */
    a->code = code;
    a->scaled = exp > 0;
    a->written[0] = '\0';
    if (code) {
        char w0[AMOUNT_DIGITS + 1];
        snprintf(a->term, sizeof a->term, "%s:%s", code, a->canonical);
        if (exp && decimal(a->number, int_len, frac_at, frac_len, 0, w0, sizeof w0))
            snprintf(a->written, sizeof a->written, "%s:%s", code, w0);
    } else {
        snprintf(a->term, sizeof a->term, "%s", a->canonical);
    }
    a->end = j;
    return 1;
}

/* Reads an amount starting with the word at I: its number, or a currency
 * code written before it ("USD 1.13bn", "Rs 500 crore"). */
static int amount_at(const char *t, size_t len, size_t i, amount_t *a)
{
    unsigned char ch = (unsigned char)t[i];
    if (ch >= '0' && ch <= '9') return read_amount(t, len, i, i, NULL, 0, a);
    char w[4];
    size_t k = i;
    while (k < len && k - i < 4 && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) {
        if (k - i < 3) w[k - i] = (char)(t[k] >= 'A' && t[k] <= 'Z' ? t[k] + 32 : t[k]);
        k++;
    }
    if (k - i < 2 || k - i > 3) return 0;
    w[k - i] = '\0';
    int rupees = strcmp(w, "rs") == 0;
    if (rupees && k < len && t[k] == '.') k++; /* "Rs." */
    /* a number must follow: checked before the (dearer) code lookup */
    utf8proc_int32_t c = peek(t, len, k, NULL);
    if (continues_word(c) || is_apostrophe(c) || is_hyphen(c) ||
        !skip_gap(t, len, &k) || k >= len || t[k] < '0' || t[k] > '9')
        return 0;
    const char *code = rupees ? "inr" : currency_of_code(w);
    if (!code) return 0;
    return read_amount(t, len, i, k, code, 1, a);
}

/* Emits, after the amount's word at AT, the amount's terms at that
 * position (see tokenizer.h). */
static int emit_amount(emitter_t *em, const amount_t *a, size_t at)
{
    int first = at == a->number_at;
    unsigned more = first ? 0 : XN_TOKEN_AMOUNT_MORE;
    int rc = 0;
    if (a->code && first)
        rc = emit(em, a->code, 3, a->start, a->number_end,
                  XN_TOKEN_COLOCATED | XN_TOKEN_CURRENCY);
    if (rc == 0 && a->scaled && (!first || strcmp(a->canonical, a->number) != 0))
        rc = emit(em, a->canonical, strlen(a->canonical), a->start, a->end,
                  XN_TOKEN_COLOCATED | XN_TOKEN_NUMBER | more |
                      (a->code ? 0 : XN_TOKEN_AMOUNT));
    if (rc == 0 && a->written[0] && at <= a->number_at) /* "USD" of "USD 5bn" too */
        rc = emit(em, a->written, strlen(a->written), a->start, a->end,
                  XN_TOKEN_COLOCATED | XN_TOKEN_AMOUNT_WRITTEN | more);
    if (rc == 0 && a->code)
        rc = emit(em, a->term, strlen(a->term), a->start, a->end,
                  XN_TOKEN_COLOCATED | XN_TOKEN_AMOUNT | more);
    return rc;
}

static int tokenize(emitter_t *em, const char *text, size_t len)
{
    part_t *parts = em->parts;
    amount_t am; /* the amount being read; none while am.end <= i */
    am.end = 0;
    size_t i = 0;
    while (i < len) {
        size_t n;
        utf8proc_int32_t c = peek(text, len, i, &n);
        if (c < 0) {
            i++; /* invalid byte: a separator */
            continue;
        }
        size_t digit_at;
        const char *code = i >= am.end ? currency_sign_at(text, len, i, &digit_at) : NULL;
        if (code) {
            /* the sign (and its capitals) is no word, amount or not */
            if (!read_amount(text, len, i, digit_at, code, 0, &am)) am.end = 0;
            i = digit_at;
            continue;
        }
        if (is_cjk(c)) {
            int rc = emit_cjk(em, text, len, i, &i);
            if (rc) return rc;
            continue;
        }
        if (!starts_word(c)) {
            i += n;
            continue;
        }
        if (i >= am.end && !amount_at(text, len, i, &am)) am.end = 0;
        size_t nparts = 0;
        size_t j = i;
        for (;;) {
            j = read_word(text, len, j, &parts[nparts]);
            nparts++;
            size_t hn, wn;
            utf8proc_int32_t h = peek(text, len, j, &hn);
            if (nparts == MAX_PARTS || !is_hyphen(h)) break;
            utf8proc_int32_t w = peek(text, len, j + hn, &wn);
            if (!starts_word(w)) break;
            j += hn;
        }
        int in_amount = 0;
        for (size_t k = 0; nparts == 1 && i < am.end && k < am.n_words && !in_amount; k++)
            if (am.word_at[k] == parts[0].start) {
                parts[0].flags |= am.word_flags[k];
                in_amount = 1;
            }
        int rc = emit_parts(em, nparts);
        if (rc == 0 && in_amount) rc = emit_amount(em, &am, parts[0].start);
        /* a code between two numbers ("7 USD 140") ends one amount and
         * starts the next: its position holds both */
        amount_t next;
        if (rc == 0 && in_amount && parts[0].end >= am.end &&
            (parts[0].flags & XN_TOKEN_CURRENCY_WORD) &&
            amount_at(text, len, parts[0].start, &next)) {
            am = next;
            rc = emit_amount(em, &am, parts[0].start);
        }
        if (rc) return rc;
        i = j > i ? j : i + n;
    }
    return 0;
}

int xn_tokenize(const char *text, size_t len, xn_token_fn fn, void *ctx)
{
    emitter_t em;
    memset(&em, 0, sizeof em);
    em.fn = fn;
    em.ctx = ctx;
    int rc = tokenize(&em, text, len);
    for (size_t k = 0; k < MAX_PARTS; k++) {
        free(em.parts[k].raw);
        xn_strbuf_free(&em.folded[k]);
    }
    xn_strbuf_free(&em.joined);
    return rc;
}
