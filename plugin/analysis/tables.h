/* tables.h - the variant table, officials, outlets, nicknames and fields
 * schema used by an index.
 *
 * A writer loads them from files and stores their text in the database's
 * metadata (keys "xapnews:synonyms", "xapnews:officials",
 * "xapnews:outlets", "xapnews:nicknames", "xapnews:fields"), so every
 * later search of that database, local or remote, interprets queries with
 * the same tables that built it.
 *
 * With both officials and nicknames, the officials get their nickname
 * names and the variant table their equivalences (see nicknames.h):
 * SYNONYMS and OFFICIALS then hold the tables as loaded plus what the
 * nicknames add, rebuilt whenever one of the three changes.
 */
#ifndef XAPNEWS_TABLES_H
#define XAPNEWS_TABLES_H

#include "error.h"
#include "acronyms.h"
#include "fields.h"
#include "names.h"
#include "nicknames.h"
#include "variants.h"
#include "xapnews.h"

#define XN_TABLE_COUNT 5

typedef struct {
    xn_variants *synonyms;
    xn_names *officials;
    xn_names *outlets;
    xn_nicknames *nicknames;
    xn_fields *fields;     /* NULL: the built-in fields alone */
    xn_acronyms *acronyms; /* found in the articles (not a file); set by
                              whoever opens a database, may be NULL */
    char *text[XN_TABLE_COUNT]; /* source text of each table, or NULL */
    size_t text_len[XN_TABLE_COUNT];
} xn_tables;

/** The metadata key under which table WHICH is stored. */
const char *xn_table_key(xapnews_table_t which);

/** How messages name table WHICH: "variant table (synonyms)", "officials
 *  table", "outlets table", "nicknames table", "fields schema" (static). */
const char *xn_table_label(xapnews_table_t which);

/** Parses TEXT as table WHICH (messages name it NAME) and, when it is
 *  valid, replaces the current one. On error nothing changes. */
xapnews_status_t xn_tables_set(xn_tables *t, xapnews_table_t which,
                               const char *name, const char *text, size_t len,
                               xn_error *err);

/** Leaves table WHICH out: the others are rebuilt without it (and
 *  without what it added through the nicknames). On failure (no memory)
 *  nothing changes. */
xapnews_status_t xn_tables_clear(xn_tables *t, xapnews_table_t which,
                                 xn_error *err);

/** Reads PATH and calls xn_tables_set(). */
xapnews_status_t xn_tables_load(xn_tables *t, xapnews_table_t which,
                                const char *path, xn_error *err);

/** Reads the N files PATHS (N >= 1) as one table WHICH into TEXT (emptied
 *  first): one file's text, or, for the officials and outlets tables, each
 *  file's entries added to those before (xn_names_combine()). NAME
 *  receives how messages name the table: the paths joined by " + ". Each
 *  file must be a valid table; several files of another table are
 *  XAPNEWS_STATUS_INVALID_ARGUMENT. On failure ERR says why. */
xapnews_status_t xn_tables_read_files(xapnews_table_t which,
                                      const char *const *paths, size_t n,
                                      xn_strbuf *text, xn_strbuf *name,
                                      xn_error *err);

/** xn_tables_read_files(), then xn_tables_set(). */
xapnews_status_t xn_tables_load_files(xn_tables *t, xapnews_table_t which,
                                      const char *const *paths, size_t n,
                                      xn_error *err);

void xn_tables_free(xn_tables *t);

#endif
