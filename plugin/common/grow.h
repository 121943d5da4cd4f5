/* grow.h - room in the library's growable arrays. */
#ifndef XAPNEWS_GROW_H
#define XAPNEWS_GROW_H

#include <stdlib.h>

/** Makes room for at least NEED elements of SIZE bytes in ARRAY, whose
 *  capacity is *CAP: doubles the capacity (from FIRST when it is 0) until
 *  NEED fit. Returns the array to use from now on (ARRAY itself when it
 *  had room), or NULL when memory runs out; ARRAY and *CAP are then left
 *  as they were, and ARRAY stays the caller's to free. */
static inline void *xn_grow(void *array, size_t *cap, size_t need, size_t size,
                            size_t first)
{
    if (need <= *cap) return array;
    size_t c = *cap ? *cap : first;
    while (c < need) c *= 2;
    void *p = realloc(array, c * size);
    if (p) *cap = c;
    return p;
}

#endif
