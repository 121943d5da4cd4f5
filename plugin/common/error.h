/* error.h - status plus message, carried by every library handle.
 *
 * Each handle embeds one xn_error; functions that fail fill it with a
 * status and a message meant for the user (FILE:LINE first for bad input).
 * No allocation: the message lives inside the struct and is truncated if
 * longer than the buffer.
 */
#ifndef XAPNEWS_ERROR_H
#define XAPNEWS_ERROR_H

#include "xapnews.h"
#include "xapian_shim.h"
#include "strbuf.h"

typedef struct {
    xapnews_status_t status;
    char message[1024];
} xn_error;

/** Clears E to success with an empty message. */
void xn_error_clear(xn_error *e);

/** Sets E to STATUS with a printf-style message; returns STATUS. */
xapnews_status_t xn_error_set(xn_error *e, xapnews_status_t status,
                              const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Sets E from a shim error, prefixing the message with CONTEXT (may be
 *  NULL); returns the mapped status. */
xapnews_status_t xn_error_from_shim(xn_error *e, const xs_error *xe,
                                    const char *context);

/** Copies E's message into a new string for a `char **error` out argument
 *  (does nothing when OUT is NULL). */
void xn_error_export(const xn_error *e, char **out);

/** Appends the whole file at PATH to OUT. On failure sets E to
 *  "PATH: cannot read: reason" (XAPNEWS_STATUS_FILE_ERROR, or
 *  OUT_OF_MEMORY) and returns its status. */
xapnews_status_t xn_read_text(const char *path, xn_strbuf *out, xn_error *e);

/** strdup that returns NULL on failure (C99 has no strdup). */
char *xn_strdup(const char *s);
char *xn_strndup(const char *s, size_t n);

#endif
