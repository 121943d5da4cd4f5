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

/* The currency of sign C written after PREFIX (PLEN ASCII letters), or
 * NULL. */
static const char *currency_of_sign(utf8proc_int32_t c, const char *prefix,
                                    size_t plen)
{
    static const struct {
        const char *prefix, *code;
    } dollars[] = {{"", "usd"}, {"US", "usd"}, {"A", "aud"}, {"AU", "aud"},
                   {"C", "cad"}, {"CA", "cad"}, {"HK", "hkd"}, {"NZ", "nzd"},
                   {"S", "sgd"}};
    if (c == '$') {
        for (size_t k = 0; k < sizeof dollars / sizeof dollars[0]; k++)
            if (strlen(dollars[k].prefix) == plen &&
                memcmp(dollars[k].prefix, prefix, plen) == 0)
                return dollars[k].code;
        return NULL;
    }
    if (plen == 2 && memcmp(prefix, "CN", 2) == 0 && c == 0xA5) return "cny";
    if (plen) return NULL;
    if (c == 0x20AC) return "eur";
    if (c == 0xA3) return "gbp";
    if (c == 0xA5) return "jpy";
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

/* Reads the ASCII letters of a word at *I (after spaces) into W. */
static size_t next_ascii_word(const char *t, size_t len, size_t *i, char *w,
                              size_t cap)
{
    while (*i < len && (t[*i] == ' ' || t[*i] == '\t' || t[*i] == '\n')) (*i)++;
    size_t n = 0;
    while (*i + n < len && n + 1 < cap &&
           ((t[*i + n] >= 'a' && t[*i + n] <= 'z') ||
            (t[*i + n] >= 'A' && t[*i + n] <= 'Z'))) {
        char ch = t[*i + n];
        w[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
    }
    w[n] = '\0';
    return n;
}

/* The currency named by a word after an amount at J ("590 billion
 * dollars"); *WORD_AT receives the offset of that word. */
static const char *currency_word_after(const char *t, size_t len, size_t j,
                                       size_t *word_at)
{
    static const char *const scales[] = {"thousand", "million", "billion",
                                         "trillion", "bn", "mn"};
    static const struct {
        const char *word, *code;
    } words[] = {{"dollar", "usd"}, {"dollars", "usd"}, {"euro", "eur"},
                 {"euros", "eur"}, {"pound", "gbp"}, {"pounds", "gbp"},
                 {"yen", "jpy"}, {"yuan", "cny"}, {"renminbi", "cny"}};
    char w[16];
    size_t at = j;
    if (!next_ascii_word(t, len, &at, w, sizeof w)) return NULL;
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
        if (strcmp(w, scales[k]) == 0) {
            at += strlen(w);
            if (!next_ascii_word(t, len, &at, w, sizeof w)) return NULL;
            break;
        }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(w, words[k].word) == 0) {
            /* the word must end there */
            if (continues_word(peek(t, len, at + strlen(w), NULL))) return NULL;
            *word_at = at;
            return words[k].code;
        }
    return NULL;
}

static int tokenize(emitter_t *em, const char *text, size_t len)
{
    part_t *parts = em->parts;
    size_t i = 0;
    const char *sign_code = NULL; /* currency sign just before a number */
    size_t sign_at = 0;
    size_t currency_word_at = (size_t)-1;
    while (i < len) {
        size_t n;
        utf8proc_int32_t c = peek(text, len, i, &n);
        if (c < 0) {
            i++; /* invalid byte: a separator */
            continue;
        }
        size_t digit_at;
        const char *code = currency_sign_at(text, len, i, &digit_at);
        if (code) {
            sign_code = code;
            sign_at = i;
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
        if (parts[0].start == currency_word_at) parts[0].flags |= XN_TOKEN_CURRENCY_WORD;
        int rc = emit_parts(em, nparts);
        if (rc) return rc;
        if (nparts == 1 && (parts[0].flags & XN_TOKEN_NUMBER)) {
            size_t word_at = 0;
            const char *cur = sign_code ? sign_code
                                        : currency_word_after(text, len, j, &word_at);
            if (cur) {
                if (!sign_code) currency_word_at = word_at;
                rc = emit(em, cur, 3, sign_code ? sign_at : parts[0].start,
                          parts[0].end, XN_TOKEN_COLOCATED | XN_TOKEN_CURRENCY);
                if (rc) return rc;
            }
        }
        sign_code = NULL;
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
