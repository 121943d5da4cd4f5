/* idset.h - the ids a writer has added to a database that was empty when
 * it was opened.
 *
 * Adding a document to a fresh Xapian database is cheaper than replacing
 * one by its id term, which must look the id up first. A writer that knows
 * its database started empty records each id it adds here: an id not in
 * the set cannot be in the database yet, so it is added; an id seen before
 * (or one whose 64-bit hash collides with one seen before) is replaced.
 * Only hashes are kept: 16 bytes per id at most, and a collision can only
 * make an add a replace, never the other way round. */
#ifndef XAPNEWS_IDSET_H
#define XAPNEWS_IDSET_H

#include <stddef.h>

typedef struct xn_idset xn_idset;

/** A new empty set, or NULL when out of memory. Free with xn_idset_free. */
xn_idset *xn_idset_new(void);

/** Releases SET (NULL is fine). */
void xn_idset_free(xn_idset *set);

/** Records ID. Returns 1 if it was new (certainly never recorded before),
 *  0 if it (or an id with the same hash) was recorded already, -1 when out
 *  of memory (the set is unchanged). */
int xn_idset_insert(xn_idset *set, const char *id, size_t len);

#endif
