/* distance.c - see distance.h. */
#include "distance.h"

size_t xn_utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
        uint32_t c = p[i];
        size_t extra;
        if (c < 0x80) extra = 0;
        else if ((c & 0xE0) == 0xC0) { c &= 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { c &= 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { c &= 0x07; extra = 3; }
        else return (size_t)-1;
        if (extra && i + extra >= len) return (size_t)-1;
        for (size_t k = 1; k <= extra; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return (size_t)-1;
            c = (c << 6) | (p[i + k] & 0x3F);
        }
        if (n == cap) return (size_t)-1;
        out[n++] = c;
        i += extra + 1;
    }
    return n;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

unsigned xn_distance(const uint32_t *a, size_t na, const uint32_t *b,
                     size_t nb, unsigned max)
{
    if (na > XN_DISTANCE_MAX_CHARS) na = XN_DISTANCE_MAX_CHARS;
    if (nb > XN_DISTANCE_MAX_CHARS) nb = XN_DISTANCE_MAX_CHARS;
    size_t diff = na > nb ? na - nb : nb - na;
    if (diff > max) return max + 1;
    /* three rows of the dynamic programme: i-2, i-1, i */
    unsigned rows[3][XN_DISTANCE_MAX_CHARS + 1];
    unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++) prev[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = (unsigned)i;
        unsigned best = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < best) best = d;
        }
        if (best > max) return max + 1;
        unsigned *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb] > max ? max + 1 : prev[nb];
}

unsigned xn_distance_utf8(const char *a, size_t alen, const char *b,
                          size_t blen, unsigned max)
{
    uint32_t ca[XN_DISTANCE_MAX_CHARS], cb[XN_DISTANCE_MAX_CHARS];
    size_t na = xn_utf8_decode(a, alen, ca, XN_DISTANCE_MAX_CHARS);
    size_t nb = xn_utf8_decode(b, blen, cb, XN_DISTANCE_MAX_CHARS);
    if (na == (size_t)-1 || nb == (size_t)-1) return max + 1;
    return xn_distance(ca, na, cb, nb, max);
}

unsigned xn_distance_budget(size_t nchars)
{
    return nchars < 5 ? 0 : nchars < 9 ? 1 : 2;
}
