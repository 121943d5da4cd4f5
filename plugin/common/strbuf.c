/* strbuf.c - see strbuf.h. */
#include "strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(xn_strbuf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int xn_strbuf_append(xn_strbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0) return -1;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int xn_strbuf_puts(xn_strbuf *b, const char *s)
{
    return xn_strbuf_append(b, s, strlen(s));
}

int xn_strbuf_putc(xn_strbuf *b, char c)
{
    return xn_strbuf_append(b, &c, 1);
}

int xn_strbuf_printf(xn_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void xn_strbuf_reset(xn_strbuf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

char *xn_strbuf_take(xn_strbuf *b)
{
    if (!b->data) {
        if (reserve(b, 0) < 0) return NULL;
        b->data[0] = '\0';
    }
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void xn_strbuf_free(xn_strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int xn_strbuf_read_file(xn_strbuf *b, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return -1;
    char buf[65536];
    size_t got;
    int rc = 0;
    while (rc == 0 && (got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (xn_strbuf_append(b, buf, got) < 0) {
            errno = ENOMEM;
            rc = -1;
        }
    if (rc == 0 && ferror(fp)) {
        errno = EIO;
        rc = -1;
    }
    int saved = errno;
    fclose(fp);
    errno = saved;
    return rc;
}
