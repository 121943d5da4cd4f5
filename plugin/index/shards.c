/* shards.c - see shards.h; also xapnews_shards_create() and
 * xapnews_database_compact(). */
#include "shards.h"
#include "lexicon.h"
#include "story.h"
#include "strbuf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STUB_NAME "XAPIANDB"

void xn_shard_path(const char *path, unsigned s, char *out, size_t cap)
{
    snprintf(out, cap, "%s/shard-%03u", path, s);
}

unsigned xn_shard_of(const char *id, size_t len, unsigned n)
{
    if (n <= 1) return 0;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)id[i];
        h *= 1099511628211ULL;
    }
    return (unsigned)(h % n);
}

xapnews_status_t xn_shards_count(const char *path, unsigned *n, xn_error *err)
{
    *n = 0;
    xn_strbuf stub = XN_STRBUF_INIT, text = XN_STRBUF_INIT;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (xn_strbuf_printf(&stub, "%s/%s", path, STUB_NAME) < 0) {
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto out;
    }
    if (xn_strbuf_read_file(&text, stub.data) < 0) {
        if (errno == ENOMEM)
            st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        goto out; /* no stub: not sharded */
    }
    /* every line must be "auto shard-NNN" with NNN counting from 0 */
    const char *p = text.data ? text.data : "", *end = p + text.len;
    unsigned line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        char expect[64];
        snprintf(expect, sizeof expect, "auto shard-%03u", *n);
        line++;
        if ((size_t)(eol - p) != strlen(expect) || memcmp(p, expect, strlen(expect)) != 0) {
            st = xn_error_set(err, XAPNEWS_STATUS_DATABASE_CORRUPT,
                              "%s:%u: not a xapnews shard list (expected '%s')",
                              stub.data, line, expect);
            goto out;
        }
        (*n)++;
        p = eol + 1;
    }
out:
    xn_strbuf_free(&stub);
    xn_strbuf_free(&text);
    return st;
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

xapnews_status_t xapnews_shards_create(const char *path, unsigned nshards,
                                       char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!path || nshards < 1 || nshards > XN_SHARDS_MAX) {
        xn_error_set(&err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                     "the number of shards must be from 1 to %d", XN_SHARDS_MAX);
        xn_error_export(&err, error);
        return err.status;
    }
    unsigned have = 0;
    xapnews_status_t st = xn_shards_count(path, &have, &err);
    char buf[4096];
    if (!st && have && have != nshards)
        st = xn_error_set(&err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                          "%s already has %u shards, not %u: articles would go to other "
                          "shards than before (index into a new folder, then compact)",
                          path, have, nshards);
    snprintf(buf, sizeof buf, "%s/iamglass", path);
    if (!st && !have && (access(buf, F_OK) == 0 || (snprintf(buf, sizeof buf, "%s/iamchert", path), access(buf, F_OK) == 0)))
        st = xn_error_set(&err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                          "%s is a single database; shard into a new folder", path);
    if (!st && !is_dir(path) && mkdir(path, 0777) != 0)
        st = xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot create: %s",
                          path, strerror(errno));
    for (unsigned s = 0; !st && s < nshards; s++) {
        xn_shard_path(path, s, buf, sizeof buf);
        xs_error xe;
        xs_db *db = xs_db_open_write(buf, XS_WRITE_CREATE, &xe);
        if (!db || xs_db_close(db, &xe) < 0)
            st = xe.code == XS_LOCKED
                     ? xn_error_set(&err, XAPNEWS_STATUS_DATABASE_LOCKED,
                                    "%s: database is locked by another writer (wait for it to finish)",
                                    buf)
                     : xn_error_from_shim(&err, &xe, buf);
    }
    if (!st && !have) {
        /* the stub last, written whole then renamed into place */
        char tmp[4096], stub[4096];
        snprintf(tmp, sizeof tmp, "%s/%s.tmp", path, STUB_NAME);
        snprintf(stub, sizeof stub, "%s/%s", path, STUB_NAME);
        FILE *f = fopen(tmp, "w");
        for (unsigned s = 0; f && s < nshards; s++) fprintf(f, "auto shard-%03u\n", s);
        if (!f || fclose(f) != 0 || rename(tmp, stub) != 0)
            st = xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot write: %s",
                              stub, strerror(errno));
    }
    if (st) xn_error_export(&err, error);
    return st;
}

/* Compaction keeps the first shard's value of a metadata key, except for
 * the name lexicon, which each shard keeps for its own articles: their
 * counts are added up (a word's key, or the single value of older
 * databases). */
static int merge_metadata(void *ctx, const char *key, const char *const *values,
                          const size_t *lens, size_t n, char **out, size_t *out_len)
{
    (void)ctx;
    xn_strbuf b = XN_STRBUF_INIT;
    int rc = xn_lexicon_merge_values(key, values, lens, n, &b);
    if (rc == 0) rc = xn_strbuf_append(&b, values[0], lens[0]);
    if (rc < 0) {
        xn_strbuf_free(&b);
        return -1;
    }
    *out_len = b.len;
    *out = b.data ? xn_strbuf_take(&b) : calloc(1, 1);
    return *out ? 0 : -1;
}

/* Refuses an existing DESTINATION. */
static xapnews_status_t check_new(const char *destination, xn_error *err)
{
    struct stat sb;
    if (stat(destination, &sb) == 0)
        return xn_error_set(err, XAPNEWS_STATUS_FILE_ERROR,
                            "%s already exists: compact into a new path", destination);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_database_compact(const char *source,
                                          const char *destination, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!source || !destination) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xs_error xe;
    if (!check_new(destination, &err) &&
        xs_db_compact(&source, 1, destination, merge_metadata, NULL, &xe) < 0)
        xn_error_from_shim(&err, &xe, source);
    if (err.status) xn_error_export(&err, error);
    return err.status;
}

/* The number of articles in database PATH. */
static xapnews_status_t count_articles(const char *path, unsigned long *n, xn_error *err)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe);
    if (!db || xs_db_doccount(db, n, &xe) < 0) {
        xn_error_from_shim(err, &xe, path);
        xs_db_close(db, &xe);
        return err->status;
    }
    xs_db_close(db, &xe);
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_database_join(const char *const *parts, size_t n_parts,
                                       const char *destination, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!parts || !n_parts || !destination) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    unsigned *starts = calloc(n_parts, sizeof *starts);
    if (!starts) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    unsigned long before = 0;
    xs_error xe;
    xs_db *db = NULL;
    if (!check_new(destination, &err)) /* where each later part's articles start */
        for (size_t k = 0; k + 1 < n_parts && !err.status; k++) {
            unsigned long n = 0;
            if (!count_articles(parts[k], &n, &err)) starts[k] = (unsigned)((before += n) + 1);
        }
    if (!err.status && xs_db_compact(parts, n_parts, destination, merge_metadata, NULL, &xe) < 0)
        xn_error_from_shim(&err, &xe, parts[0]);
    /* the first part's articles were keyed as one writer keys them */
    if (!err.status && n_parts > 1 &&
        (!(db = xs_db_open_write(destination, XS_WRITE_OPEN, &xe)) ||
         xn_story_settle(db, starts, n_parts - 1, &xe) < 0))
        xn_error_from_shim(&err, &xe, destination);
    free(starts);
    if (db && xs_db_close(db, &xe) < 0 && !err.status) xn_error_from_shim(&err, &xe, destination);
    if (err.status) xn_error_export(&err, error);
    return err.status;
}
