/* u64set.h - a set of non-zero 64-bit keys, kept exactly.
 *
 * Open addressing with linear probing, at most half full, growing by
 * doubling. The struct is the caller's (zero-initialised, or
 * XN_U64SET_INIT, is empty); the slots it points to are owned by it and
 * released by xn_u64set_free(). */
#ifndef XAPNEWS_U64SET_H
#define XAPNEWS_U64SET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *slots; /* CAP of them, 0 marks an empty one */
    size_t n, cap;
} xn_u64set;

#define XN_U64SET_INIT {NULL, 0, 0}

/** Adds KEY (not 0). Returns 1 when it is new, 0 when the set held it,
 *  -1 when memory runs out (the set is unchanged). */
int xn_u64set_insert(xn_u64set *s, uint64_t key);

/** Releases S's slots; S is empty again. */
void xn_u64set_free(xn_u64set *s);

#endif
