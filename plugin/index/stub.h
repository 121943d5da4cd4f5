/* stub.h - the databases a Xapian stub file lists, one by one.
 *
 * A stub file names one database per line, in Xapian's format: "auto
 * PATH", "glass PATH" or "chert PATH" (a path relative to the stub's
 * folder unless absolute; it may be another stub file), "remote HOST:PORT"
 * or "remote :PROGRAM ARGS", and "inmemory" (an empty database). Blank
 * lines and lines starting with '#' are skipped. A folder holding a stub
 * named XAPIANDB (as a sharded xapnews database does) counts as that stub.
 *
 * Xapian opens a stub as one database, and reads user metadata from its
 * first database only; what xapnews keeps per shard in metadata (the name
 * lexicon) is read from each database with xn_stub_each().
 */
#ifndef XAPNEWS_STUB_H
#define XAPNEWS_STUB_H

#include "error.h"
#include "xapian_shim.h"

/** Called with each database a stub lists, open read-only (closed after
 *  the call), and WHERE, "STUB:LINE" naming its line. A non-zero status
 *  stops the walk and is returned. */
typedef xapnews_status_t (*xn_stub_fn)(void *ctx, xs_db *db, const char *where,
                                       xn_error *err);

/** Whether PATH is a stub file, or a folder holding one (XAPIANDB). */
int xn_stub_file_of(const char *path);

/** When PATH is a stub file, or a folder holding one, calls FN for each
 *  database it lists (nested stubs followed, 8 deep at most) and sets *N
 *  to their number; otherwise sets *N to 0 and calls nothing. Errors, with
 *  "STUB:LINE: " before the message: a line that names no database kind
 *  (XAPNEWS_STATUS_DATABASE_CORRUPT), a database that cannot be opened or
 *  reached (the status of the failure), or FN's own. */
xapnews_status_t xn_stub_each(const char *path, xn_stub_fn fn, void *ctx,
                              unsigned *n, xn_error *err);

#endif
