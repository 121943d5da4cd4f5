/* source.c - xapnews_source_t: articles from JSON Lines or a corpus folder.
 *
 * Records are parsed with jansson, one line at a time, so every problem is
 * reported as FILE:LINE and the records around a bad one are still read.
 */
#include "article.h"
#include "chrome.h"
#include "date.h"
#include "error.h"
#include "fields.h"
#include "grow.h"
#include "strbuf.h"
#include "utf8.h"
#include "xapnews.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MANIFEST_NAME "manifest.jsonl"

struct xapnews_source {
    xn_error err;
    char *path;     /* the JSON Lines file being read */
    char *dir;      /* corpus folder (bodies are files in it), or NULL */
    FILE *fp;
    unsigned long lineno;
    char *line;
    size_t line_cap;
    unsigned long long done, total;
    xn_chrome *chrome;
    xn_strbuf scratch;
    xn_strbuf repaired; /* the current line with invalid UTF-8 replaced */
    xn_strbuf unpaired; /* the current line with lone surrogate escapes replaced */
    xn_strbuf unnul;    /* a string value with its NULs replaced */
    xn_strbuf warnings; /* about the last record returned: one line per
                           repair, "" for none */
    size_t max_field;   /* bytes kept of a text field */
    unsigned flags;     /* xapnews_source_flags_t */
    xn_fields *fields;  /* the schema read (NULL: the built-in fields) */
    struct undeclared {
        char *key;
        unsigned long line;
    } *undeclared;      /* keys no field declares, in the order met */
    size_t n_undeclared, cap_undeclared;
};

/* Undeclared keys kept at most (a hostile input could hold many). */
#define MAX_UNDECLARED 1000

#define DEFAULT_MAX_FIELD (4u << 20)
/* A line may hold a record of several capped fields and JSON escapes. */
#define MAX_LINE(max_field) ((max_field) * 8 + 65536)

/* Reads one line of at most LIMIT bytes into S->line. Returns its length,
 * -1 at the end of the file or on an error, or -2 for a longer line, which
 * is then consumed without being kept (memory stays bounded). */
static ssize_t read_line(xapnews_source_t *s, size_t limit)
{
    size_t n = 0;
    int c;
    /* a source is read by one thread at a time: no locking per byte */
    while ((c = getc_unlocked(s->fp)) != EOF) {
        if (n + 2 > s->line_cap) {
            if (n + 2 > limit) { /* too long: skip the rest of it */
                size_t skipped = n + 1;
                /* C may itself be the newline that ends this line */
                while (c != '\n' && (c = getc_unlocked(s->fp)) != EOF) skipped++;
                s->done += skipped;
                return -2;
            }
            size_t cap = s->line_cap ? s->line_cap * 2 : 4096;
            if (cap > limit) cap = limit;
            char *p = realloc(s->line, cap);
            if (!p) return -3;
            s->line = p;
            s->line_cap = cap;
        }
        s->line[n++] = (char)c;
        if (c == '\n') break;
    }
    if (n == 0) return -1;
    s->line[n] = '\0';
    return (ssize_t)n;
}

/* "FILE:LINE: " and the formatted message about the current record, in
 * OUT. */
static void located(const xapnews_source_t *s, char *out, size_t size,
                    const char *fmt, va_list ap)
{
    int n = snprintf(out, size, "%s:%lu: ", s->path, s->lineno);
    if (n >= 0 && (size_t)n < size) vsnprintf(out + n, size - (size_t)n, fmt, ap);
}

static xapnews_status_t warn(xapnews_source_t *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds the line "FILE:LINE: message" to the warnings about the current
 * record. Fails only when memory runs out. */
static xapnews_status_t warn(xapnews_source_t *s, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    located(s, msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (xn_strbuf_printf(&s->warnings, "%s%s", s->warnings.len ? "\n" : "", msg) < 0)
        return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

/* TEXT for a message: at most QUOTE_MAX bytes, cut at a character boundary,
 * "..." marking a cut, in OUT. */
#define QUOTE_MAX 64
static const char *quoted(const char *text, char out[QUOTE_MAX + 4])
{
    size_t n = strlen(text);
    if (n <= QUOTE_MAX) return text;
    n = QUOTE_MAX;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    memcpy(out, text, n);
    memcpy(out + n, "...", 4);
    return out;
}

/* Keeps at most S->max_field bytes of FIELD of A, cut at a character
 * boundary, with a warning. */
static xapnews_status_t cap_field(xapnews_source_t *s, xapnews_article_t *a,
                                  xapnews_field_t field, const char *name)
{
    size_t len = a->field_len[field];
    if (len <= s->max_field) return XAPNEWS_STATUS_SUCCESS;
    size_t keep = s->max_field;
    while (keep > 0 && ((unsigned char)a->field[field][keep] & 0xC0) == 0x80) keep--;
    a->field[field][keep] = '\0';
    a->field_len[field] = keep;
    return warn(s, "\"%s\" is %zu bytes; kept the first %zu (--max-field-bytes)",
                name, len, keep);
}

static const struct {
    const char *key;
    xapnews_field_t field;
} text_keys[] = {
    {"title", XAPNEWS_FIELD_TITLE},   {"date", XAPNEWS_FIELD_DATE},
    {"outlet", XAPNEWS_FIELD_OUTLET}, {"url", XAPNEWS_FIELD_URL},
    {"body", XAPNEWS_FIELD_BODY},
};

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

xapnews_status_t xapnews_source_open(const char *path,
                                     xapnews_source_t **source, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!source || !path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *source = NULL;
    xapnews_source_t *s = calloc(1, sizeof *s);
    if (!s) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    if (is_dir(path)) {
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/') n--;
        s->dir = xn_strndup(path, n);
        xn_strbuf b = XN_STRBUF_INIT;
        if (s->dir && xn_strbuf_printf(&b, "%s/%s", s->dir, MANIFEST_NAME) == 0)
            s->path = xn_strbuf_take(&b);
        xn_strbuf_free(&b);
    } else {
        s->path = xn_strdup(path);
    }
    if (!s->path) {
        xapnews_source_close(s);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    s->fp = fopen(s->path, "rb");
    if (!s->fp) {
        if (s->dir && errno == ENOENT)
            xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR,
                         "%s: not a corpus folder: it has no %s", s->dir,
                         MANIFEST_NAME);
        else
            xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot open: %s",
                         s->path, strerror(errno));
        xn_error_export(&err, error);
        xapnews_source_close(s);
        return err.status;
    }
    struct stat st;
    if (fstat(fileno(s->fp), &st) == 0) s->total = (unsigned long long)st.st_size;
    s->max_field = DEFAULT_MAX_FIELD;
    *source = s;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_source_set_chrome_rules(xapnews_source_t *s,
                                                 const char *rules_path)
{
    if (!s || !rules_path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_chrome *c = xn_chrome_load(rules_path, &s->err);
    if (!c) return s->err.status;
    xn_chrome_free(s->chrome);
    s->chrome = c;
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t bad(xapnews_source_t *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records "FILE:LINE: reason" for the current record. */
static xapnews_status_t bad(xapnews_source_t *s, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    located(s, msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xn_error_set(&s->err, XAPNEWS_STATUS_BAD_INPUT, "%s", msg);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Reads the body file named by the manifest into A's body, cleaned. */
static xapnews_status_t read_body_file(xapnews_source_t *s, const char *file,
                                       xapnews_article_t *a)
{
    if (strstr(file, "..") || file[0] == '/')
        return bad(s, "\"file\" must name a file inside the corpus folder, not '%s'",
                   file);
    xn_strbuf path = XN_STRBUF_INIT, text = XN_STRBUF_INIT;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (xn_strbuf_printf(&path, "%s/%s", s->dir, file) < 0) goto nomem;
    if (xn_strbuf_read_file(&text, path.data) < 0) {
        if (errno == ENOMEM) goto nomem;
        st = bad(s, "cannot read body file '%s': %s", path.data, strerror(errno));
        goto out;
    }
    size_t fixed = 0;
    if (xn_utf8_repair(text.data ? text.data : "", text.len, &s->repaired, &fixed) < 0)
        goto nomem;
    if (fixed) {
        xn_strbuf t = text;
        text = s->repaired;
        s->repaired = t;
        st = warn(s, "invalid UTF-8 in body file '%s' replaced by U+FFFD (%zu sequence%s); record kept",
                  file, fixed, fixed == 1 ? "" : "s");
        if (st) goto out;
    }
    if (memchr(text.data ? text.data : "", '\0', text.len)) {
        st = bad(s, "body file '%s' holds NUL bytes", path.data);
        goto out;
    }
    st = xapnews_article_set(a, XAPNEWS_FIELD_BODY, text.data ? text.data : "",
                             text.len);
    goto out;
nomem:
    st = xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
out:
    xn_strbuf_free(&path);
    xn_strbuf_free(&text);
    return st;
}

/* The text of the JSON string V, named NAME in messages, and its length in
 * *LEN: a NUL (\u0000, which JSON allows) is replaced by U+FFFD, as
 * invalid UTF-8 is, with a warning. NULL when memory runs out. The text is
 * V's own, or S's until the next call. */
static const char *string_text(xapnews_source_t *s, const json_t *v,
                               const char *name, size_t *len)
{
    const char *p = json_string_value(v);
    size_t n = json_string_length(v), nuls = 0;
    for (const char *q = p; (q = memchr(q, '\0', n - (size_t)(q - p))); q++) nuls++;
    *len = n;
    if (!nuls) return p;
    xn_strbuf_reset(&s->unnul);
    for (size_t i = 0; i < n; i++) {
        int rc = p[i] ? xn_strbuf_putc(&s->unnul, p[i])
                      : xn_strbuf_append(&s->unnul, "\xEF\xBF\xBD", 3);
        if (rc < 0) goto nomem;
    }
    if (warn(s, "NUL (\\u0000) in %s replaced by U+FFFD (%zu character%s); record kept",
             name, nuls, nuls == 1 ? "" : "s"))
        return NULL;
    *len = s->unnul.len;
    return s->unnul.data;
nomem:
    xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return NULL;
}

/* Sets FIELD of A to the JSON string V, named NAME in messages. */
static xapnews_status_t set_string(xapnews_source_t *s, xapnews_article_t *a,
                                   xapnews_field_t field, const json_t *v,
                                   const char *name)
{
    size_t len;
    const char *text = string_text(s, v, name, &len);
    if (!text) return s->err.status;
    return xapnews_article_set(a, field, text, len);
}

/* The shortest decimal text of D that reads back as D, in OUT. */
#define number_text xn_field_number_text

/* The largest magnitude below which every whole double is exact. */
#define EXACT_WHOLE 9007199254740992.0 /* 2^53 */

/* Sets A's id from "id": a string, or a whole number as its decimal text
 * ("id": 7 and "id": 7.0 are the id "7"). */
static xapnews_status_t read_id(xapnews_source_t *s, const json_t *obj,
                                xapnews_article_t *a)
{
    json_t *id = json_object_get(obj, "id");
    char text[32];
    if (!id) return bad(s, "missing \"id\"");
    if (json_is_integer(id)) {
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        return xapnews_article_set(a, XAPNEWS_FIELD_ID, text, strlen(text));
    }
    if (json_is_real(id)) {
        double d = json_real_value(id);
        if (d != floor(d))
            return bad(s, "\"id\" must be a string or a whole number, not %s",
                       number_text(d, text));
        if (fabs(d) >= EXACT_WHOLE)
            return bad(s, "\"id\" %s is too large to be read exactly; write it as a string",
                       number_text(d, text));
        snprintf(text, sizeof text, "%.0f", d == 0 ? 0.0 : d);
        return xapnews_article_set(a, XAPNEWS_FIELD_ID, text, strlen(text));
    }
    if (!json_is_string(id))
        return bad(s, "\"id\" must be a string or a whole number, not %s",
                   type_name(id));
    if (json_string_length(id) == 0) return bad(s, "empty \"id\"");
    return set_string(s, a, XAPNEWS_FIELD_ID, id, "\"id\"");
}

/* Checks A's date: a malformed one is a bad record with
 * XAPNEWS_SOURCE_STRICT_DATES, else dropped with a warning. */
static xapnews_status_t check_date(xapnews_source_t *s, xapnews_article_t *a)
{
    const char *date = xapnews_article_get(a, XAPNEWS_FIELD_DATE);
    xn_date d;
    char why[128], q[QUOTE_MAX + 4];
    if (!*date || xn_date_parse(date, &d, why, sizeof why) == 0)
        return XAPNEWS_STATUS_SUCCESS;
    if (s->flags & XAPNEWS_SOURCE_STRICT_DATES)
        return bad(s, "bad \"date\" '%s': %s", quoted(date, q), why);
    xapnews_status_t st = warn(s, "bad \"date\" '%s': %s; record kept without a date",
                               quoted(date, q), why);
    return st ? st : xapnews_article_set(a, XAPNEWS_FIELD_DATE, "", 0);
}

/* Notes KEY as a key no field declares, the first time it is met. */
static xapnews_status_t note_undeclared(xapnews_source_t *s, const char *key)
{
    for (size_t i = 0; i < s->n_undeclared; i++)
        if (strcmp(s->undeclared[i].key, key) == 0) return XAPNEWS_STATUS_SUCCESS;
    if (s->n_undeclared >= MAX_UNDECLARED) return XAPNEWS_STATUS_SUCCESS;
    struct undeclared *u = xn_grow(s->undeclared, &s->cap_undeclared, s->n_undeclared + 1,
                                   sizeof *u, 8);
    char *copy = u ? xn_strdup(key) : NULL;
    if (!copy) {
        if (u) s->undeclared = u;
        return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    s->undeclared = u;
    s->undeclared[s->n_undeclared].key = copy;
    s->undeclared[s->n_undeclared++].line = s->lineno;
    return XAPNEWS_STATUS_SUCCESS;
}

/* Adds the LEN bytes at TEXT to the declared field FD of A, the first
 * S->max_field bytes of a longer text (cut at a character boundary, with a
 * warning). */
static xapnews_status_t add_declared(xapnews_source_t *s, xapnews_article_t *a,
                                     const xn_field *fd, const char *text, size_t len)
{
    if (len == 0) return XAPNEWS_STATUS_SUCCESS;
    if (len > s->max_field) {
        size_t keep = s->max_field;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80) keep--;
        xapnews_status_t st = warn(s, "\"%s\" is %zu bytes; kept the first %zu (--max-field-bytes)",
                                   fd->name, len, keep);
        if (st) return st;
        len = keep;
    }
    xapnews_status_t st = xapnews_article_add_value(a, fd->name, text, len);
    if (st) xn_error_set(&s->err, st, "out of memory");
    return st;
}

/* The value V of a text or keyword field: a string, or a number as its
 * decimal text; NAME names it in messages. */
static xapnews_status_t read_word_value(xapnews_source_t *s, xapnews_article_t *a,
                                        const xn_field *fd, const json_t *v,
                                        const char *name)
{
    char text[32];
    if (json_is_integer(v)) {
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return add_declared(s, a, fd, text, strlen(text));
    }
    if (json_is_real(v)) {
        number_text(json_real_value(v), text);
        return add_declared(s, a, fd, text, strlen(text));
    }
    size_t len;
    const char *t = string_text(s, v, name, &len);
    return t ? add_declared(s, a, fd, t, len) : s->err.status;
}

/* A number field's value V: a JSON number, or a string holding one (a
 * malformed one is dropped with a warning, or a bad record with
 * XAPNEWS_SOURCE_STRICT_DATES). */
static xapnews_status_t read_number(xapnews_source_t *s, xapnews_article_t *a,
                                    const xn_field *fd, const json_t *v)
{
    char text[32], q[QUOTE_MAX + 4];
    if (json_is_integer(v)) {
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return add_declared(s, a, fd, text, strlen(text));
    }
    /* (the text is written before its length is taken: the order in which
     * a call's arguments are evaluated is unspecified) */
    if (json_is_real(v)) {
        number_text(json_real_value(v), text);
        return add_declared(s, a, fd, text, strlen(text));
    }
    const char *str = json_string_value(v);
    double d;
    if (!*str) return XAPNEWS_STATUS_SUCCESS;
    if (xn_field_parse_number(str, &d) == 0) {
        number_text(d, text);
        return add_declared(s, a, fd, text, strlen(text));
    }
    if (s->flags & XAPNEWS_SOURCE_STRICT_DATES)
        return bad(s, "\"%s\" '%s' is not a number", fd->name, quoted(str, q));
    return warn(s, "\"%s\" '%s' is not a number; record kept without it", fd->name,
                quoted(str, q));
}

/* A date field's value V (a string; a malformed date is dropped with a
 * warning, or a bad record with XAPNEWS_SOURCE_STRICT_DATES). */
static xapnews_status_t read_date(xapnews_source_t *s, xapnews_article_t *a,
                                  const xn_field *fd, const json_t *v)
{
    size_t len;
    const char *text = string_text(s, v, fd->name, &len);
    if (!text) return s->err.status;
    xn_date d;
    char why[128], q[QUOTE_MAX + 4];
    if (len == 0 || (strlen(text) == len && xn_date_parse(text, &d, why, sizeof why) == 0))
        return add_declared(s, a, fd, text, len);
    if (strlen(text) != len) snprintf(why, sizeof why, "it holds a NUL");
    if (s->flags & XAPNEWS_SOURCE_STRICT_DATES)
        return bad(s, "bad \"%s\" '%s': %s", fd->name, quoted(text, q), why);
    return warn(s, "bad \"%s\" '%s': %s; record kept without it", fd->name, quoted(text, q),
                why);
}

/* Reads the value V of the declared field FD into A. */
static xapnews_status_t read_field(xapnews_source_t *s, xapnews_article_t *a,
                                   const xn_field *fd, json_t *v)
{
    char name[64];
    snprintf(name, sizeof name, "\"%s\"", fd->name);
    switch (fd->kind) {
    case XAPNEWS_KIND_NUMBER:
        if (!json_is_number(v) && !json_is_string(v))
            return bad(s, "\"%s\" must be a number, not %s", fd->name, type_name(v));
        return read_number(s, a, fd, v);
    case XAPNEWS_KIND_DATE:
        if (!json_is_string(v))
            return bad(s, "\"%s\" must be a date (a string), not %s", fd->name, type_name(v));
        return read_date(s, a, fd, v);
    default:
        break;
    }
    int multiple = (fd->flags & XAPNEWS_FIELD_MULTIPLE) != 0;
    if (json_is_string(v) || json_is_number(v)) return read_word_value(s, a, fd, v, name);
    if (!json_is_array(v) || !multiple)
        return bad(s, "\"%s\" must be a string%s, not %s", fd->name,
                   multiple ? " or an array of strings" : "", type_name(v));
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (!json_is_string(item) && !json_is_number(item))
            return bad(s, "\"%s\" must hold strings; item %zu is %s", fd->name, i + 1,
                       type_name(item));
        char iname[96];
        snprintf(iname, sizeof iname, "\"%s\" item %zu", fd->name, i + 1);
        xapnews_status_t st = read_word_value(s, a, fd, item, iname);
        if (st) return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* The built-in keys of a record, read by fill_article(). */
static int builtin_key(const xapnews_source_t *s, const char *key)
{
    static const char *const keys[] = {"id", "title", "date", "outlet", "url",
                                       "body", "officials"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (strcmp(key, keys[k]) == 0) return 1;
    return s->dir && strcmp(key, "file") == 0;
}

/* Reads the declared fields of OBJ into A and notes the keys no field
 * declares. */
static xapnews_status_t read_declared(xapnews_source_t *s, json_t *obj,
                                      xapnews_article_t *a)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (builtin_key(s, key)) continue;
        const xn_field *fd = xn_fields_find(s->fields, key, strlen(key));
        xapnews_status_t st = fd ? (json_is_null(v) ? XAPNEWS_STATUS_SUCCESS
                                                    : read_field(s, a, fd, v))
                                 : note_undeclared(s, key);
        if (st) return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t fill_article(xapnews_source_t *s, json_t *obj,
                                     xapnews_article_t *a)
{
    if (!json_is_object(obj))
        return bad(s, "expected a JSON object, found %s", type_name(obj));
    xapnews_status_t st = read_id(s, obj, a);
    if (st) return st;
    for (size_t k = 0; k < sizeof text_keys / sizeof text_keys[0]; k++) {
        json_t *v = json_object_get(obj, text_keys[k].key);
        if (!v || json_is_null(v)) continue;
        if (!json_is_string(v))
            return bad(s, "\"%s\" must be a string, not %s", text_keys[k].key,
                       type_name(v));
        char name[32];
        snprintf(name, sizeof name, "\"%s\"", text_keys[k].key);
        if ((st = set_string(s, a, text_keys[k].field, v, name))) return st;
    }
    if ((st = check_date(s, a))) return st;
    json_t *officials = json_object_get(obj, "officials");
    if (officials && !json_is_null(officials)) {
        if (!json_is_array(officials))
            return bad(s, "\"officials\" must be an array of strings, not %s",
                       type_name(officials));
        size_t i;
        json_t *o;
        json_array_foreach(officials, i, o) {
            if (!json_is_string(o)) {
                char item[32];
                snprintf(item, sizeof item, "%zu", i + 1);
                return bad(s, "\"officials\" must hold strings; item %s is %s",
                           item, type_name(o));
            }
            if (json_string_length(o) == 0) continue;
            char name[48];
            size_t len;
            snprintf(name, sizeof name, "\"officials\" item %zu", i + 1);
            const char *text = string_text(s, o, name, &len);
            if (!text) return s->err.status;
            st = xapnews_article_add_official(a, text);
            if (st) return st;
        }
    }
    if ((st = read_declared(s, obj, a))) return st;
    json_t *file = json_object_get(obj, "file");
    if (s->dir && file && !json_is_null(file)) {
        if (!json_is_string(file))
            return bad(s, "\"file\" must be a string, not %s", type_name(file));
        if (json_object_get(obj, "body"))
            return bad(s, "give either \"body\" or \"file\", not both");
        size_t len;
        const char *name = string_text(s, file, "\"file\"", &len);
        if (!name) return s->err.status;
        st = read_body_file(s, name, a);
        if (st) return st;
    }
    /* remove page chrome and lines repeating the title */
    const char *body = xapnews_article_get(a, XAPNEWS_FIELD_BODY);
    if (*body) {
        xn_strbuf_reset(&s->scratch);
        if (xn_chrome_clean(s->chrome, body, a->field_len[XAPNEWS_FIELD_BODY],
                            xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                            &s->scratch) < 0)
            return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                                "out of memory");
        st = xapnews_article_set(a, XAPNEWS_FIELD_BODY,
                                 s->scratch.data ? s->scratch.data : "",
                                 s->scratch.len);
        if (st) return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* The value of the 4 hex digits at P, or -1. */
static long hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The escape \uXXXX at LINE[I] (LEN bytes in all) when it is one of a
 * UTF-16 surrogate: 1 for a high one, 2 for a low one; else 0. */
static int surrogate_at(const char *line, size_t len, size_t i)
{
    if (i + 6 > len || line[i] != '\\' || line[i + 1] != 'u') return 0;
    long v = hex4(line + i + 2);
    return v >= 0xD800 && v <= 0xDBFF ? 1 : v >= 0xDC00 && v <= 0xDFFF ? 2 : 0;
}

/* JSON escapes a character past U+FFFF as two surrogates, high then low;
 * jansson refuses either alone. Into OUT: LINE (LEN bytes) with each lone
 * one written \ufffd (as long), their number in *FIXED (OUT untouched
 * when 0). -1 when memory runs out. */
static int repair_surrogates(const char *line, size_t len, xn_strbuf *out, size_t *fixed)
{
    *fixed = 0;
    if (!memchr(line, '\\', len)) return 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] != '\\' || i + 1 >= len) continue;
        int kind = surrogate_at(line, len, i);
        if (kind == 1 && surrogate_at(line, len, i + 6) == 2) {
            i += 11; /* a pair */
            continue;
        }
        if (kind) {
            if (!*fixed && (xn_strbuf_reset(out), xn_strbuf_append(out, line, len) < 0)) return -1;
            memcpy(out->data + i, "\\ufffd", 6);
            ++*fixed;
            i += 5;
            continue;
        }
        i++; /* the escaped character: an escaped backslash starts no escape */
    }
    return 0;
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

xapnews_status_t xapnews_source_next(xapnews_source_t *s,
                                     xapnews_article_t *a)
{
    if (!s || !a) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xapnews_article_clear(a);
    xn_error_clear(&s->err);
    xn_strbuf_reset(&s->warnings);
    for (;;) {
        errno = 0;
        ssize_t got = read_line(s, MAX_LINE(s->max_field));
        if (got == -3)
            return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        if (got == -2) {
            s->lineno++;
            return bad(s, "record longer than %zu bytes; skipped (raise --max-field-bytes)",
                       MAX_LINE(s->max_field));
        }
        if (got < 0) {
            if (ferror(s->fp))
                return xn_error_set(&s->err, XAPNEWS_STATUS_FILE_ERROR,
                                    "%s:%lu: read error: %s", s->path,
                                    s->lineno + 1, strerror(errno));
            return XAPNEWS_STATUS_END;
        }
        s->lineno++;
        s->done += (unsigned long long)got;
        const char *line = s->line;
        size_t line_len = (size_t)got;
        /* a byte order mark, as some editors start a UTF-8 file with */
        if (s->lineno == 1 && line_len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            line_len -= 3;
        }
        if (blank(line, line_len)) continue;
        size_t fixed = 0;
        if (xn_utf8_repair(line, line_len, &s->repaired, &fixed) < 0)
            return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        if (fixed) {
            line = s->repaired.data;
            line_len = s->repaired.len;
            xapnews_status_t st =
                warn(s, "invalid UTF-8 replaced by U+FFFD (%zu sequence%s); record kept",
                     fixed, fixed == 1 ? "" : "s");
            if (st) return st;
        }
        if (repair_surrogates(line, line_len, &s->unpaired, &fixed) < 0)
            return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        if (fixed) {
            line = s->unpaired.data;
            line_len = s->unpaired.len;
            xapnews_status_t st =
                warn(s, "lone UTF-16 surrogate escape (\\uD800-\\uDFFF) replaced by U+FFFD "
                        "(%zu); record kept", fixed);
            if (st) return st;
        }
        json_error_t jerr;
        json_t *obj = json_loadb(line, line_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
                                 &jerr);
        if (!obj && jerr.position >= (int)line_len - (line[line_len - 1] == '\n'))
            return bad(s, "malformed JSON: the line ends before the record is complete");
        if (!obj)
            return bad(s, "malformed JSON at column %d: %s", jerr.column, jerr.text);
        xapnews_status_t st = fill_article(s, obj, a);
        json_decref(obj);
        for (size_t k = 0; !st && k < sizeof text_keys / sizeof text_keys[0]; k++)
            st = cap_field(s, a, text_keys[k].field, text_keys[k].key);
        if (st) {
            xapnews_article_clear(a);
            xn_strbuf_reset(&s->warnings);
        }
        return st;
    }
}

void xapnews_source_progress(const xapnews_source_t *s,
                             unsigned long long *done,
                             unsigned long long *total)
{
    if (done) *done = s ? s->done : 0;
    if (total) *total = s ? s->total : 0;
}

xapnews_status_t xapnews_source_set_max_field_bytes(xapnews_source_t *s,
                                                   size_t max)
{
    if (!s || max < 64) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    s->max_field = max;
    return XAPNEWS_STATUS_SUCCESS;
}

const char *xapnews_source_warning(const xapnews_source_t *s)
{
    return s && s->warnings.len ? s->warnings.data : NULL;
}

xapnews_status_t xapnews_source_set_flags(xapnews_source_t *s, unsigned flags)
{
    if (!s || (flags & ~(unsigned)XAPNEWS_SOURCE_STRICT_DATES))
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    s->flags = flags;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_source_set_fields(xapnews_source_t *s,
                                           const xapnews_fields_t *fields)
{
    if (!s) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_fields *copy = NULL;
    if (fields && !(copy = xn_fields_copy(fields)))
        return xn_error_set(&s->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xn_fields_free(s->fields);
    s->fields = copy;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_source_undeclared_count(const xapnews_source_t *s)
{
    return s ? s->n_undeclared : 0;
}

const char *xapnews_source_undeclared(const xapnews_source_t *s, size_t i,
                                      unsigned long *line)
{
    if (!s || i >= s->n_undeclared) return NULL;
    if (line) *line = s->undeclared[i].line;
    return s->undeclared[i].key;
}

const char *xapnews_source_path(const xapnews_source_t *s)
{
    return s ? s->path : NULL;
}

const char *xapnews_source_last_error(const xapnews_source_t *s)
{
    return s ? s->err.message : "no source";
}

void xapnews_source_close(xapnews_source_t *s)
{
    if (!s) return;
    if (s->fp) fclose(s->fp);
    xn_chrome_free(s->chrome);
    xn_fields_free(s->fields);
    for (size_t i = 0; i < s->n_undeclared; i++) free(s->undeclared[i].key);
    free(s->undeclared);
    xn_strbuf_free(&s->scratch);
    xn_strbuf_free(&s->unpaired);
    xn_strbuf_free(&s->repaired);
    xn_strbuf_free(&s->unnul);
    xn_strbuf_free(&s->warnings);
    free(s->line);
    free(s->path);
    free(s->dir);
    free(s);
}
