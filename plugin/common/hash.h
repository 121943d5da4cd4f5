/* hash.h - FNV-1a, the hash of the library's small hash tables. */
#ifndef XAPNEWS_HASH_H
#define XAPNEWS_HASH_H

#include <stddef.h>

static inline size_t xn_hash(const char *s, size_t n)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

#endif
