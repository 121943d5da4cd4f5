/* database.h - what other modules may read of an open database. */
#ifndef XAPNEWS_DATABASE_H
#define XAPNEWS_DATABASE_H

#include "error.h"
#include "tables.h"
#include "xapnews.h"

/** The tables the database was built with (owned by DB). */
const xn_tables *xn_database_tables(const xapnews_database_t *db);

/** The stemming language the database was built with ("none" for none). */
const char *xn_database_language(const xapnews_database_t *db);

/** The open Xapian database (owned by DB). */
xs_db *xn_database_handle(const xapnews_database_t *db);

/** The path DB was opened from (owned by DB). */
const char *xn_database_path(const xapnews_database_t *db);

/** DB's last error, which xapnews_database_last_error() reports. */
xn_error *xn_database_error(xapnews_database_t *db);

#endif
