/* settings.h - the stemming language and tables a database is indexed
 * with, as its metadata stores them.
 *
 * Every term of an index depends on them, so a database keeps one set
 * (the rules are in xapnews.h, "Writing an index"): a writer reads them
 * with xn_settings_read() to adopt them and stores its own with
 * xn_settings_store(). The language is under XN_LANGUAGE_KEY, each
 * table's text under its xn_table_key(); a table left out has no key, and
 * an empty table text is the same as none.
 */
#ifndef XAPNEWS_SETTINGS_H
#define XAPNEWS_SETTINGS_H

#include <stddef.h>

#include "error.h"
#include "tables.h"
#include "xapian_shim.h"

#define XN_LANGUAGE_KEY "xapnews:language"

/** What one database stores. */
typedef struct {
    int settled;    /* it holds articles or stored settings */
    char *language; /* the stored language ("english" for a settled
                       database that stores none: what searches use);
                       NULL when not settled */
    char *text[XN_TABLE_COUNT]; /* each table's text; NULL: none */
    size_t len[XN_TABLE_COUNT];
} xn_settings;

/** Reads what DB stores into S (released with xn_settings_free(), also
 *  on failure). On failure sets ERR, its message starting with WHERE, and
 *  returns its status. */
xapnews_status_t xn_settings_read(xs_db *db, const char *where, xn_settings *s,
                                  xn_error *err);

/** Whether the texts A (ALEN bytes) and B (BLEN bytes) are the same table;
 *  NULL or empty is none. */
int xn_settings_same_text(const char *a, size_t alen, const char *b,
                          size_t blen);

/** What differs between the settled A and B, for a message ("stemming
 *  language 'english' and 'french'", "the variant table (synonyms)"),
 *  written to BUF (CAP bytes); NULL when nothing differs. */
const char *xn_settings_difference(const xn_settings *a, const xn_settings *b,
                                   char *buf, size_t cap);

/** Stores LANGUAGE and the tables of T in DB (durable with DB's next
 *  commit), and the variant table's word pairs and joined forms in
 *  Xapian's synonym table, replacing what was there, for stock
 *  QueryParsers (FLAG_AUTO_SYNONYMS, FLAG_AUTO_MULTIWORD_SYNONYMS). On
 *  failure sets ERR and returns its status. */
xapnews_status_t xn_settings_store(xs_db *db, const char *language,
                                   const xn_tables *t, xn_error *err);

void xn_settings_free(xn_settings *s);

#endif
