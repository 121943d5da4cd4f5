/* tables.h - the variant table, officials and outlets used by an index.
 *
 * A writer loads them from files and stores their text in the database's
 * metadata (keys "xapnews:synonyms", "xapnews:officials",
 * "xapnews:outlets"), so every later search of that database, local or
 * remote, interprets queries with the same tables that built it.
 */
#ifndef XAPNEWS_TABLES_H
#define XAPNEWS_TABLES_H

#include "error.h"
#include "names.h"
#include "variants.h"
#include "xapnews.h"

#define XN_TABLE_COUNT 3

typedef struct {
    xn_variants *synonyms;
    xn_names *officials;
    xn_names *outlets;
    char *text[XN_TABLE_COUNT]; /* source text of each table, or NULL */
    size_t text_len[XN_TABLE_COUNT];
} xn_tables;

/** The metadata key under which table WHICH is stored. */
const char *xn_table_key(xapnews_table_t which);

/** Parses TEXT as table WHICH (messages name it NAME) and, when it is
 *  valid, replaces the current one. On error nothing changes. */
xapnews_status_t xn_tables_set(xn_tables *t, xapnews_table_t which,
                               const char *name, const char *text, size_t len,
                               xn_error *err);

/** Reads PATH and calls xn_tables_set(). */
xapnews_status_t xn_tables_load(xn_tables *t, xapnews_table_t which,
                                const char *path, xn_error *err);

void xn_tables_free(xn_tables *t);

#endif
