/* strbuf.h - a growable, always NUL-terminated byte buffer.
 *
 * Append functions return 0, or -1 when memory runs out (the buffer then
 * keeps what it had). xn_strbuf_take() hands the bytes to the caller.
 */
#ifndef XAPNEWS_STRBUF_H
#define XAPNEWS_STRBUF_H

#include <stddef.h>

typedef struct {
    char *data; /* NUL terminated when non-NULL */
    size_t len;
    size_t cap;
} xn_strbuf;

#define XN_STRBUF_INIT {NULL, 0, 0}

int xn_strbuf_append(xn_strbuf *b, const char *s, size_t n);
int xn_strbuf_puts(xn_strbuf *b, const char *s);
int xn_strbuf_putc(xn_strbuf *b, char c);
int xn_strbuf_printf(xn_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Appends the whole content of the file at PATH. Returns 0, or -1 with
 *  errno set (ENOMEM when memory runs out). */
int xn_strbuf_read_file(xn_strbuf *b, const char *path);

/** Empties the buffer, keeping its memory. */
void xn_strbuf_reset(xn_strbuf *b);
/** Returns the contents (never NULL; "" when empty) and leaves B empty and
 *  unallocated; NULL if memory runs out. The caller frees the result. */
char *xn_strbuf_take(xn_strbuf *b);
void xn_strbuf_free(xn_strbuf *b);

#endif
