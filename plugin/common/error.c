/* error.c - see error.h; also the status strings and xapnews_free(). */
#include "config.h"
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xn_error_clear(xn_error *e)
{
    e->status = XAPNEWS_STATUS_SUCCESS;
    e->message[0] = '\0';
}

xapnews_status_t xn_error_set(xn_error *e, xapnews_status_t status,
                              const char *fmt, ...)
{
    va_list ap;
    e->status = status;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return status;
}

static xapnews_status_t status_from_shim(xs_code code)
{
    switch (code) {
    case XS_OK: return XAPNEWS_STATUS_SUCCESS;
    case XS_NO_MEMORY: return XAPNEWS_STATUS_OUT_OF_MEMORY;
    case XS_NOT_FOUND: return XAPNEWS_STATUS_DATABASE_NOT_FOUND;
    case XS_LOCKED: return XAPNEWS_STATUS_DATABASE_LOCKED;
    case XS_CORRUPT:
    case XS_OPENING: return XAPNEWS_STATUS_DATABASE_CORRUPT;
    case XS_NETWORK: return XAPNEWS_STATUS_NETWORK_ERROR;
    case XS_INVALID: return XAPNEWS_STATUS_INVALID_ARGUMENT;
    case XS_QUERY: return XAPNEWS_STATUS_BAD_QUERY;
    case XS_MODIFIED:
    case XS_OTHER: break;
    }
    return XAPNEWS_STATUS_DATABASE_ERROR;
}

xapnews_status_t xn_error_from_shim(xn_error *e, const xs_error *xe,
                                    const char *context)
{
    xapnews_status_t s = status_from_shim(xe->code);
    if (context)
        return xn_error_set(e, s, "%s: %s", context, xe->message);
    return xn_error_set(e, s, "%s", xe->message);
}

xapnews_status_t xn_read_text(const char *path, xn_strbuf *out, xn_error *e)
{
    if (xn_strbuf_read_file(out, path) == 0) return XAPNEWS_STATUS_SUCCESS;
    int code = errno;
    return xn_error_set(e, code == ENOMEM ? XAPNEWS_STATUS_OUT_OF_MEMORY
                                          : XAPNEWS_STATUS_FILE_ERROR,
                        "%s: cannot read: %s", path, strerror(code));
}

void xn_error_export(const xn_error *e, char **out)
{
    if (out) *out = xn_strdup(e->message);
}

char *xn_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *xn_strdup(const char *s)
{
    return xn_strndup(s, strlen(s));
}

const char *xapnews_status_to_string(xapnews_status_t status)
{
    switch (status) {
    case XAPNEWS_STATUS_SUCCESS: return "success";
    case XAPNEWS_STATUS_OUT_OF_MEMORY: return "out of memory";
    case XAPNEWS_STATUS_INVALID_ARGUMENT: return "invalid argument";
    case XAPNEWS_STATUS_FILE_ERROR: return "file error";
    case XAPNEWS_STATUS_BAD_INPUT: return "bad input";
    case XAPNEWS_STATUS_BAD_QUERY: return "bad query";
    case XAPNEWS_STATUS_DATABASE_NOT_FOUND: return "database not found";
    case XAPNEWS_STATUS_DATABASE_LOCKED: return "database locked";
    case XAPNEWS_STATUS_DATABASE_CORRUPT: return "database unusable";
    case XAPNEWS_STATUS_DATABASE_ERROR: return "database error";
    case XAPNEWS_STATUS_NETWORK_ERROR: return "network error";
    case XAPNEWS_STATUS_END: return "end of input";
    case XAPNEWS_STATUS_INTERNAL_ERROR: return "internal error";
    case XAPNEWS_STATUS_SETTINGS_MISMATCH: return "settings differ from the database's";
    case XAPNEWS_STATUS_ARTICLE_NOT_FOUND: return "no article with that id";
    }
    return "unknown status";
}

const char *xapnews_version(void)
{
    return PACKAGE_VERSION;
}

void xapnews_free(void *ptr)
{
    free(ptr);
}
