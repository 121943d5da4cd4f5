/* utf8.c - see utf8.h. */
#include "utf8.h"
#include "error.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at S (N bytes left), or 0. */
static size_t valid_at(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; } /* no surrogates */
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; } /* up to U+10FFFF */
    else return 0;
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return len;
}

int xn_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t k = valid_at(p + i, len - i);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

int xn_utf8_repair(const char *s, size_t len, xn_strbuf *out, size_t *fixed)
{
    *fixed = 0;
    if (xn_utf8_valid(s, len)) return 0;
    const unsigned char *p = (const unsigned char *)s;
    xn_strbuf_reset(out);
    for (size_t i = 0; i < len;) {
        size_t k = valid_at(p + i, len - i);
        if (k) {
            if (xn_strbuf_append(out, s + i, k) < 0) return -1;
            i += k;
            continue;
        }
        /* one replacement for the run of bytes that start no sequence */
        if (xn_strbuf_append(out, "\xEF\xBF\xBD", 3) < 0) return -1;
        (*fixed)++;
        i++;
        while (i < len && !valid_at(p + i, len - i) && (p[i] & 0xC0) == 0x80) i++;
    }
    return 0;
}

char *xapnews_utf8_clean(const char *text)
{
    if (!text) return NULL;
    size_t len = strlen(text), fixed;
    xn_strbuf out = XN_STRBUF_INIT;
    if (xn_utf8_repair(text, len, &out, &fixed) < 0) {
        xn_strbuf_free(&out);
        return NULL;
    }
    return fixed ? xn_strbuf_take(&out) : xn_strdup(text);
}
