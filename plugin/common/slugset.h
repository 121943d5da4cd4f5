/* slugset.h - a set of slugs (slug.h) as one string, for a value slot that
 * a match spy counts (XN_SLOT_OFFICIALS).
 *
 * The slugs are sorted by bytes, without duplicates, and joined by
 * XN_SLUGSET_SEP, a tab, which no slug holds (its words are letters,
 * digits and marks). The empty set is a lone separator: Xapian keeps no
 * empty value, and this way every document written with the slot carries
 * it, which tells it from a document written before the slot existed.
 * Equal sets give equal strings, so a count per string is a count per set.
 */
#ifndef XAPNEWS_SLUGSET_H
#define XAPNEWS_SLUGSET_H

#include <stddef.h>

#include "strbuf.h"

#define XN_SLUGSET_SEP '\t'

typedef struct {
    const char *s; /* not NUL terminated */
    size_t len;
} xn_slugset_item;

/** Appends to OUT the set of the N slugs ITEMS (any order, duplicates and
 *  empty slugs allowed; ITEMS is sorted in place, the bytes they point at
 *  are not touched). Returns 0, or -1 when memory runs out. */
int xn_slugset_encode(xn_slugset_item *items, size_t n, xn_strbuf *out);

/** Calls FN with each slug of the set VALUE (LEN bytes), in order; a
 *  non-zero return from FN stops the walk and is returned. The slugs point
 *  into VALUE. Returns 0 after the last slug. */
int xn_slugset_each(const char *value, size_t len,
                    int (*fn)(void *ctx, const char *slug, size_t len),
                    void *ctx);

#endif
