/* database.h - what other modules may read of an open database. */
#ifndef XAPNEWS_DATABASE_H
#define XAPNEWS_DATABASE_H

#include "tables.h"
#include "xapnews.h"

/** The tables the database was built with (owned by DB). */
const xn_tables *xn_database_tables(const xapnews_database_t *db);

/** The stemming language the database was built with ("none" for none). */
const char *xn_database_language(const xapnews_database_t *db);

#endif
