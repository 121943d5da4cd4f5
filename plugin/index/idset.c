/* idset.c - a set of 64-bit id hashes, open addressing, linear probing. */
#include "idset.h"
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>

struct xn_idset {
    uint64_t *slots; /* 0 marks an empty slot */
    size_t cap;      /* a power of two */
    size_t n;
};

xn_idset *xn_idset_new(void)
{
    return calloc(1, sizeof(xn_idset));
}

void xn_idset_free(xn_idset *set)
{
    if (!set) return;
    free(set->slots);
    free(set);
}

/* The library's FNV-1a with a final mix, never 0 (0 marks an empty
 * slot). */
static uint64_t id_hash(const char *id, size_t len)
{
    uint64_t h = (uint64_t)xn_hash(id, len);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

static void put(uint64_t *slots, size_t cap, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = h;
}

static int grow(xn_idset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    if (cap < set->cap) return -1;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i]) put(slots, cap, set->slots[i]);
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int xn_idset_insert(xn_idset *set, const char *id, size_t len)
{
    uint64_t h = id_hash(id, len);
    if (set->cap) {
        size_t i = (size_t)h & (set->cap - 1);
        for (; set->slots[i]; i = (i + 1) & (set->cap - 1))
            if (set->slots[i] == h) return 0;
    }
    /* keep the load at most one half */
    if ((set->n + 1) * 2 > set->cap && grow(set) < 0) return -1;
    put(set->slots, set->cap, h);
    set->n++;
    return 1;
}
