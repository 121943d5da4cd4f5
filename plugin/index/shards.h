/* shards.h - a database split into shards.
 *
 * A sharded database is a folder holding shard-000, shard-001, ... (each a
 * Xapian database) and a stub file XAPIANDB listing them ("auto
 * shard-000" lines), so any Xapian client opens the folder as one
 * database. xn_shard_of() is the stable hash (64-bit FNV-1a modulo the
 * number of shards) that places a new article in a build or with parallel
 * jobs; the writer (writer.c, "where an article goes") keeps an article
 * stored in its shard, and an append by one writer puts new articles in
 * one shard.
 */
#ifndef XAPNEWS_SHARDS_H
#define XAPNEWS_SHARDS_H

#include <stddef.h>

#include "error.h"

#define XN_SHARDS_MAX 1024

/** Number of shards of the database at PATH: 0 when PATH is missing or a
 *  plain database; an error for a stub that is not xapnews's. */
xapnews_status_t xn_shards_count(const char *path, unsigned *n, xn_error *err);

/** Writes PATH/shard-NNN for shard S into OUT (CAP bytes). */
void xn_shard_path(const char *path, unsigned s, char *out, size_t cap);

/** The shard of the LEN-byte ID among N. */
unsigned xn_shard_of(const char *id, size_t len, unsigned n);

#endif
