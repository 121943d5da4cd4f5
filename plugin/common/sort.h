/* sort.h - qsort that accepts an empty (possibly NULL) array, which the C
 * standard's qsort does not, and the byte order strings of a given length
 * are sorted and searched in. */
#ifndef XAPNEWS_SORT_H
#define XAPNEWS_SORT_H

#include <stdlib.h>
#include <string.h>

/** Compares the LEN_A bytes at A with the LEN_B bytes at B as unsigned
 *  bytes, a string that starts the other first: the order of Xapian's
 *  terms and keys. Negative, 0 or positive, as memcmp(). */
static inline int xn_bytes_compare(const char *a, size_t len_a, const char *b, size_t len_b)
{
    int c = memcmp(a, b, len_a < len_b ? len_a : len_b);
    return c ? c : (len_a > len_b) - (len_a < len_b);
}

static inline void xn_sort(void *base, size_t n, size_t size,
                           int (*cmp)(const void *, const void *))
{
    if (n > 1) qsort(base, n, size, cmp);
}

#endif
