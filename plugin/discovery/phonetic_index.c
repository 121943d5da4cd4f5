/* phonetic_index.c - see phonetic_index.h. */
#include "phonetic_index.h"
#include "grow.h"
#include "hash.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char key[XN_PHONETIC_MAX + 1];
    size_t at, len; /* the name: bytes AT .. AT + LEN - 1 of the arena */
    size_t next;    /* the next entry of the same hash slot; N: none */
    unsigned tags, weight;
} entry;

struct xn_phonetic_index {
    entry *e;
    size_t n, cap;
    char *bytes; /* the names, one after another */
    size_t used, room;
    size_t *slot; /* by the key's hash: the first entry, or N for none */
    size_t slots; /* a power of two, 0 before xn_phonetic_index_finish() */
};

xn_phonetic_index *xn_phonetic_index_new(void)
{
    return calloc(1, sizeof(xn_phonetic_index));
}

void xn_phonetic_index_free(xn_phonetic_index *ix)
{
    if (!ix) return;
    free(ix->e);
    free(ix->bytes);
    free(ix->slot);
    free(ix);
}

size_t xn_phonetic_index_count(const xn_phonetic_index *ix)
{
    return ix ? ix->n : 0;
}

int xn_phonetic_index_add(xn_phonetic_index *ix, const char *name, size_t len, unsigned tags,
                          unsigned weight)
{
    char key[XN_PHONETIC_MAX + 1];
    if (xn_metaphone(name, len, key) == 0) return 0;
    char *bytes = xn_grow(ix->bytes, &ix->room, ix->used + len, 1, 4096);
    if (!bytes) return -1;
    ix->bytes = bytes;
    entry *e = xn_grow(ix->e, &ix->cap, ix->n + 1, sizeof *e, 256);
    if (!e) return -1;
    ix->e = e;
    e = &ix->e[ix->n++];
    memcpy(e->key, key, sizeof key);
    e->at = ix->used;
    e->len = len;
    e->tags = tags;
    e->weight = weight;
    memcpy(ix->bytes + ix->used, name, len);
    ix->used += len;
    return 0;
}

static size_t slot_of(const xn_phonetic_index *ix, const char *key)
{
    return xn_hash(key, strlen(key)) & (ix->slots - 1);
}

int xn_phonetic_index_finish(xn_phonetic_index *ix)
{
    size_t slots = 16;
    while (slots < 2 * ix->n) slots *= 2;
    size_t *slot = malloc(slots * sizeof *slot);
    if (!slot) return -1;
    free(ix->slot);
    ix->slot = slot;
    ix->slots = slots;
    for (size_t s = 0; s < slots; s++) slot[s] = ix->n;
    for (size_t k = ix->n; k-- > 0;) { /* each chain in the order of the adds */
        size_t s = slot_of(ix, ix->e[k].key);
        ix->e[k].next = slot[s];
        slot[s] = k;
    }
    return 0;
}

int xn_phonetic_index_each(const xn_phonetic_index *ix, const char *key,
                           xn_phonetic_found_fn fn, void *ctx)
{
    if (!ix->slots) return 0;
    for (size_t k = ix->slot[slot_of(ix, key)]; k < ix->n; k = ix->e[k].next) {
        const entry *e = &ix->e[k];
        if (strcmp(e->key, key) == 0 && fn(ctx, ix->bytes + e->at, e->len, e->tags, e->weight))
            return 1;
    }
    return 0;
}
