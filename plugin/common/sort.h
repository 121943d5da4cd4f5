/* sort.h - qsort that accepts an empty (possibly NULL) array, which the C
 * standard's qsort does not. */
#ifndef XAPNEWS_SORT_H
#define XAPNEWS_SORT_H

#include <stdlib.h>

static inline void xn_sort(void *base, size_t n, size_t size,
                           int (*cmp)(const void *, const void *))
{
    if (n > 1) qsort(base, n, size, cmp);
}

#endif
