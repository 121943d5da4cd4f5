/* stub.c - see stub.h. */
#include "stub.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define STUB_DEPTH_MAX 8

static int is_regular_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int is_folder(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The stub file PATH stands for, written into STUB: PATH itself, or
 * PATH/XAPIANDB for a folder. Returns 1 when there is one, 0 when not,
 * -1 when memory runs out. */
static int stub_file_of(const char *path, xn_strbuf *stub)
{
    xn_strbuf_reset(stub);
    if (is_regular_file(path)) return xn_strbuf_puts(stub, path) < 0 ? -1 : 1;
    if (!is_folder(path)) return 0;
    if (xn_strbuf_printf(stub, "%s/XAPIANDB", path) < 0) return -1;
    return is_regular_file(stub->data);
}

int xn_stub_file_of(const char *path)
{
    xn_strbuf stub = XN_STRBUF_INIT;
    int is_stub = stub_file_of(path, &stub);
    xn_strbuf_free(&stub);
    return is_stub != 0; /* out of memory: read as a stub, the safe way */
}

typedef struct {
    xn_stub_fn fn;
    void *ctx;
    unsigned n;
    xn_error *err;
} walk;

static xapnews_status_t walk_stub(walk *w, const char *stub, int depth);

/* Hands the database DB, opened from the line WHERE, to W's callback, then
 * closes it. */
static xapnews_status_t visit(walk *w, xs_db *db, const char *where)
{
    w->n++;
    xapnews_status_t st = w->fn(w->ctx, db, where, w->err);
    xs_error xe;
    xs_db_close(db, &xe);
    return st;
}

/* Visits the local database PATH (relative to STUB's folder unless
 * absolute) named at WHERE. */
static xapnews_status_t visit_local(walk *w, const char *stub, const char *path,
                                    const char *where, int depth)
{
    xn_strbuf full = XN_STRBUF_INIT, nested = XN_STRBUF_INIT;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    const char *slash = strrchr(stub, '/');
    int oom = path[0] == '/' || !slash ? xn_strbuf_puts(&full, path) < 0
              : xn_strbuf_printf(&full, "%.*s/%s", (int)(slash - stub), stub, path) < 0;
    int is_stub = oom ? 0 : stub_file_of(full.data, &nested);
    if (oom || is_stub < 0) {
        st = xn_error_set(w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    } else if (is_stub) {
        if (depth >= STUB_DEPTH_MAX)
            st = xn_error_set(w->err, XAPNEWS_STATUS_DATABASE_CORRUPT,
                              "%s: stub files nested more than %d deep", where,
                              STUB_DEPTH_MAX);
        else
            st = walk_stub(w, nested.data, depth + 1);
    } else {
        xs_error xe;
        xs_db *db = xs_db_open_read(full.data, &xe);
        st = db ? visit(w, db, where) : xn_error_from_shim(w->err, &xe, where);
    }
    xn_strbuf_free(&full);
    xn_strbuf_free(&nested);
    return st;
}

static xapnews_status_t visit_remote(walk *w, const char *target, const char *where)
{
    xs_error xe;
    xs_db *db = xs_db_open_remote(target, &xe);
    if (!db && xe.code == XS_INVALID) /* the line is wrong, not the server */
        return xn_error_set(w->err, XAPNEWS_STATUS_DATABASE_CORRUPT, "%s: %s", where,
                            xe.message);
    return db ? visit(w, db, where) : xn_error_from_shim(w->err, &xe, where);
}

static xapnews_status_t walk_stub(walk *w, const char *stub, int depth)
{
    xn_strbuf text = XN_STRBUF_INIT;
    if (xn_strbuf_read_file(&text, stub) < 0) {
        xn_strbuf_free(&text);
        if (errno == ENOMEM)
            return xn_error_set(w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return xn_error_set(w->err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot read: %s", stub,
                            strerror(errno));
    }
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    char *p = text.data ? text.data : "", *end = p + text.len;
    for (unsigned line = 1; p < end && !st; line++) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        char *next = eol + 1;
        while (eol > p && (eol[-1] == '\r' || eol[-1] == ' ' || eol[-1] == '\t')) eol--;
        *eol = '\0';
        while (*p == ' ' || *p == '\t') p++;
        char where[4200];
        snprintf(where, sizeof where, "%s:%u", stub, line);
        if (*p && *p != '#') {
            char *arg = p + strcspn(p, " \t");
            size_t kind = (size_t)(arg - p);
            while (*arg == ' ' || *arg == '\t') arg++;
            if (kind == 8 && memcmp(p, "inmemory", 8) == 0) {
                /* an empty database: nothing to read */
            } else if (*arg && ((kind == 4 && memcmp(p, "auto", 4) == 0) ||
                                (kind == 5 && memcmp(p, "glass", 5) == 0) ||
                                (kind == 5 && memcmp(p, "chert", 5) == 0))) {
                st = visit_local(w, stub, arg, where, depth);
            } else if (*arg && kind == 6 && memcmp(p, "remote", 6) == 0) {
                st = visit_remote(w, arg, where);
            } else {
                st = xn_error_set(w->err, XAPNEWS_STATUS_DATABASE_CORRUPT,
                                  "%s: not a database line (expected 'auto PATH', 'glass "
                                  "PATH', 'chert PATH', 'remote HOST:PORT', 'remote "
                                  ":PROGRAM ARGS' or 'inmemory')",
                                  where);
            }
        }
        p = next;
    }
    xn_strbuf_free(&text);
    return st;
}

xapnews_status_t xn_stub_each(const char *path, xn_stub_fn fn, void *ctx,
                              unsigned *n, xn_error *err)
{
    *n = 0;
    xn_strbuf stub = XN_STRBUF_INIT;
    int is_stub = stub_file_of(path, &stub);
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (is_stub < 0) {
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    } else if (is_stub) {
        walk w = {fn, ctx, 0, err};
        st = walk_stub(&w, stub.data, 0);
        *n = w.n;
    }
    xn_strbuf_free(&stub);
    return st;
}
