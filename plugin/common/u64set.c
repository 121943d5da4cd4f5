/* u64set.c - see u64set.h. */
#include "u64set.h"

#include <stdlib.h>

/* The first slot to probe for KEY among CAP (a power of two): Fibonacci
 * hashing, so keys that differ in their high bits only spread too. */
static size_t home(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & (cap - 1);
}

static void put(uint64_t *slots, size_t cap, uint64_t key)
{
    size_t i = home(key, cap);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = key;
}

int xn_u64set_insert(xn_u64set *s, uint64_t key)
{
    if (s->cap)
        for (size_t i = home(key, s->cap); s->slots[i]; i = (i + 1) & (s->cap - 1))
            if (s->slots[i] == key) return 0;
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        if (cap < s->cap) return -1;
        uint64_t *slots = calloc(cap, sizeof *slots);
        if (!slots) return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i]) put(slots, cap, s->slots[i]);
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    put(s->slots, s->cap, key);
    s->n++;
    return 1;
}

void xn_u64set_free(xn_u64set *s)
{
    free(s->slots);
    s->slots = NULL;
    s->n = s->cap = 0;
}
