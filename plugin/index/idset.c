/* idset.c - the ids as 64-bit hashes in a u64set (see idset.h). */
#include "idset.h"
#include "hash.h"
#include "u64set.h"

#include <stdint.h>
#include <stdlib.h>

struct xn_idset {
    xn_u64set hashes;
};

xn_idset *xn_idset_new(void)
{
    return calloc(1, sizeof(xn_idset));
}

void xn_idset_free(xn_idset *set)
{
    if (!set) return;
    xn_u64set_free(&set->hashes);
    free(set);
}

/* The library's FNV-1a with a final mix, never 0 (which the set refuses). */
static uint64_t id_hash(const char *id, size_t len)
{
    uint64_t h = (uint64_t)xn_hash(id, len);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

int xn_idset_insert(xn_idset *set, const char *id, size_t len)
{
    return xn_u64set_insert(&set->hashes, id_hash(id, len));
}
