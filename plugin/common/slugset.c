/* slugset.c - see slugset.h. */
#include "slugset.h"
#include "sort.h"

#include <string.h>

static int by_bytes(const void *a, const void *b)
{
    const xn_slugset_item *x = a, *y = b;
    return xn_bytes_compare(x->s, x->len, y->s, y->len);
}

int xn_slugset_encode(xn_slugset_item *items, size_t n, xn_strbuf *out)
{
    xn_sort(items, n, sizeof *items, by_bytes);
    size_t start = out->len;
    const xn_slugset_item *last = NULL;
    for (size_t i = 0; i < n; i++) {
        if (items[i].len == 0 || (last && by_bytes(last, &items[i]) == 0)) continue;
        if ((last && xn_strbuf_putc(out, XN_SLUGSET_SEP) < 0) ||
            xn_strbuf_append(out, items[i].s, items[i].len) < 0)
            return -1;
        last = &items[i];
    }
    if (out->len == start && xn_strbuf_putc(out, XN_SLUGSET_SEP) < 0) return -1;
    return 0;
}

int xn_slugset_each(const char *value, size_t len,
                    int (*fn)(void *ctx, const char *slug, size_t len),
                    void *ctx)
{
    const char *end = value + len;
    while (value < end) {
        const char *sep = memchr(value, XN_SLUGSET_SEP, (size_t)(end - value));
        size_t n = (size_t)((sep ? sep : end) - value);
        if (n) {
            int rc = fn(ctx, value, n);
            if (rc) return rc;
        }
        value += n + (sep != NULL);
    }
    return 0;
}
