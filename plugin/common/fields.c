/* fields.c - see fields.h. */
#include "fields.h"
#include "schema.h"
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S XAPNEWS_FIELD_SEARCHABLE
#define F XAPNEWS_FIELD_FILTERABLE
#define C XAPNEWS_FIELD_FACETABLE
#define O XAPNEWS_FIELD_SORTABLE
#define M XAPNEWS_FIELD_MULTIPLE
#define B XAPNEWS_FIELD_BUILTIN

/* The built-in fields as schemas/fields.conf declares them. Their terms
 * and values are the index's own (schema.h): the date also has Y and M
 * terms, the officials' words are under XO; the slot given is the one a
 * portal sorts by. */
static xn_field builtin_fields[XN_FIELDS_BUILTIN] = {
    {"id", XAPNEWS_KIND_KEYWORD, XN_PREFIX_ID, B | F, XAPNEWS_NO_SLOT},
    {"title", XAPNEWS_KIND_TEXT, XN_PREFIX_TITLE, B | S, XAPNEWS_NO_SLOT},
    {"body", XAPNEWS_KIND_TEXT, "", B | S, XAPNEWS_NO_SLOT},
    {"date", XAPNEWS_KIND_DATE, XN_PREFIX_DAY, B | F | C | O, XN_SLOT_DATE},
    {"outlet", XAPNEWS_KIND_KEYWORD, XN_PREFIX_OUTLET, B | F | C, XN_SLOT_OUTLET},
    {"officials", XAPNEWS_KIND_KEYWORD, XN_PREFIX_OFFICIAL, B | S | C | M,
     XN_SLOT_OFFICIALS},
    {"url", XAPNEWS_KIND_KEYWORD, "", B, XAPNEWS_NO_SLOT},
};
static const xn_fields builtin = {builtin_fields, XN_FIELDS_BUILTIN};

/* Names a declared field cannot take: the query's own field and facet
 * names, the sort orders, the corpus manifest's "file" and the document
 * data's own lines (docdata.h). */
static const char *const reserved[] = {"official", "year", "month", "file", "like",
                                       "relevance", "newest", "oldest",
                                       "caption", "sample"};

/* Prefixes the index writes that a declared field cannot take (compared
 * without a final ':'). */
static const char *const taken_prefixes[] = {
    XN_PREFIX_STEM, XN_PREFIX_TITLE, XN_PREFIX_ID, XN_PREFIX_DAY,
    XN_PREFIX_MONTH, XN_PREFIX_YEAR, XN_PREFIX_OFFICIAL_TEXT, XN_PREFIX_OFFICIAL,
    XN_PREFIX_OUTLET, XN_PREFIX_OUTLET_TEXT, XN_PREFIX_ACRONYM, XN_PREFIX_CANONICAL};

static const struct {
    const char *name;
    unsigned flag;
} options[] = {{"searchable", S}, {"filterable", F}, {"facetable", C},
               {"sortable", O},   {"multiple", M}};
#define N_OPTIONS (sizeof options / sizeof options[0])

static const char *const kind_names[] = {"text", "keyword", "date", "number"};

const char *xn_field_kind_name(xapnews_field_kind_t kind)
{
    return (unsigned)kind < 4 ? kind_names[kind] : "?";
}

const xn_fields *xn_fields_builtin(void)
{
    return &builtin;
}

const xn_fields *xn_fields_or_builtin(const xn_fields *f)
{
    return f ? f : &builtin;
}

int xn_field_is_builtin(const xn_field *field)
{
    return (field->flags & B) != 0;
}

const xn_field *xn_fields_find(const xn_fields *f, const char *name, size_t len)
{
    f = xn_fields_or_builtin(f);
    for (size_t i = 0; i < f->n; i++)
        if (strlen(f->f[i].name) == len && memcmp(f->f[i].name, name, len) == 0)
            return &f->f[i];
    return NULL;
}

void xn_fields_free(xn_fields *f)
{
    if (!f) return;
    free(f->f);
    free(f);
}

xn_fields *xn_fields_copy(const xn_fields *f)
{
    f = xn_fields_or_builtin(f);
    xn_fields *c = malloc(sizeof *c);
    if (!c) return NULL;
    c->n = f->n;
    if (!(c->f = malloc(f->n * sizeof *c->f))) {
        free(c);
        return NULL;
    }
    memcpy(c->f, f->f, f->n * sizeof *c->f);
    return c;
}

int xn_field_describe(const xn_field *field, xn_strbuf *out)
{
    if (xn_strbuf_printf(out, "%s %s %s", field->name, xn_field_kind_name(field->kind),
                         *field->prefix ? field->prefix : "-") < 0)
        return -1;
    for (size_t k = 0; k < N_OPTIONS; k++)
        if ((field->flags & options[k].flag) &&
            xn_strbuf_printf(out, " %s", options[k].name) < 0)
            return -1;
    return 0;
}

int xn_field_parse_number(const char *text, double *out)
{
    size_t n = strlen(text);
    if (n == 0 || n > 64 || strspn(text, "0123456789+-.eE") != n) return -1;
    char *end;
    double d = strtod(text, &end);
    if (*end != '\0' || !isfinite(d)) return -1;
    *out = d == 0 ? 0.0 : d; /* no negative zero */
    return 0;
}

const char *xn_field_number_text(double d, char out[32])
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, 32, "%.*g", digits, d);
        if (strtod(out, NULL) == d) break;
    }
    return out;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct {
    const char *file;
    unsigned long line;
    xn_error *err;
} where_t;

static int bad(const where_t *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets "FILE:LINE: reason" as the error; returns -1. */
static int bad(const where_t *w, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    xn_error_set(w->err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s", w->file, w->line, msg);
    return -1;
}

static int valid_name(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z')) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

/* 'X' and upper-case letters, a ':' at the end allowed. */
static int valid_prefix(const char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == ':') n--;
    if (n < 2 || s[0] != 'X') return 0;
    for (size_t i = 1; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z')) return 0;
    return 1;
}

/* Whether prefixes A and B are the same but for a final ':' (Omega names
 * both the same). */
static int same_prefix(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na && a[na - 1] == ':') na--;
    if (nb && b[nb - 1] == ':') nb--;
    return na == nb && memcmp(a, b, na) == 0;
}

/* The options' names for a message: "filterable and facetable". */
static void option_names(unsigned flags, char *out, size_t cap)
{
    out[0] = '\0';
    size_t n = 0, k;
    for (k = 0; k < N_OPTIONS; k++) n += (flags & options[k].flag) != 0;
    size_t done = 0;
    for (k = 0; k < N_OPTIONS; k++) {
        if (!(flags & options[k].flag)) continue;
        const char *sep = done == 0 ? "" : done + 1 == n ? " and " : ", ";
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", sep, options[k].name);
        done++;
    }
}

/* Checks what the declared field FD may be, and gives it its slot. */
static int check_field(const where_t *w, xn_field *fd, unsigned *next_slot)
{
    char names[96];
    unsigned allowed;
    switch (fd->kind) {
    case XAPNEWS_KIND_TEXT: allowed = S | O | M; break;
    case XAPNEWS_KIND_KEYWORD: allowed = F | C | O | M; break;
    default: allowed = F | C | O; break;
    }
    unsigned refused = fd->flags & ~allowed;
    if (refused & (F | C) && fd->kind == XAPNEWS_KIND_TEXT) {
        option_names(refused & (F | C), names, sizeof names);
        return bad(w, "\"%s\" is text, which cannot be %s: declare it as keyword to filter on "
                      "or count its values",
                   fd->name, names);
    }
    if (refused & S)
        return bad(w, "\"%s\" is %s, which is filterable, not searchable: declare it as text "
                      "to search its words",
                   fd->name, xn_field_kind_name(fd->kind));
    if (refused & M)
        return bad(w, "\"%s\" is a %s, which holds one value: it cannot be multiple", fd->name,
                   xn_field_kind_name(fd->kind));
    int terms = (fd->flags & S) || ((fd->flags & F) && fd->kind != XAPNEWS_KIND_NUMBER);
    if (!*fd->prefix && ((fd->flags & S) || ((fd->flags & F) && fd->kind == XAPNEWS_KIND_KEYWORD)))
        return bad(w, "\"%s\" is %s and needs a prefix for its terms (X and upper-case letters, "
                      "such as X%c...)",
                   fd->name, fd->flags & S ? "searchable" : "filterable",
                   fd->name[0] - 'a' + 'A');
    if (*fd->prefix && fd->kind == XAPNEWS_KIND_NUMBER)
        return bad(w, "\"%s\" is a number, which has no terms: its prefix is '-'", fd->name);
    if (*fd->prefix && !terms)
        return bad(w, "\"%s\" is neither searchable nor filterable, so it has no terms: its "
                      "prefix is '-'",
                   fd->name);
    int needs_slot = (fd->flags & (C | O)) ||
                     ((fd->flags & F) && (fd->kind == XAPNEWS_KIND_DATE ||
                                          fd->kind == XAPNEWS_KIND_NUMBER));
    fd->slot = needs_slot ? (*next_slot)++ : XAPNEWS_NO_SLOT;
    return 0;
}

/* Splits LINE (modified) into at most MAX words; returns their number. */
static size_t split_words(char *line, char **words, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        if (n < max) words[n] = p;
        n++;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (*p) *p++ = '\0';
    }
    return n;
}

/* Parses one line's words into FD; 1 for a built-in field's line (checked
 * against it, nothing to add). */
static int parse_line(const where_t *w, char **words, size_t n, const xn_fields *sofar,
                      xn_field *fd, unsigned *next_slot)
{
    if (n < 3)
        return bad(w, "expected NAME KIND PREFIX [OPTION...], found %zu word%s", n,
                   n == 1 ? "" : "s");
    memset(fd, 0, sizeof *fd);
    const char *name = words[0];
    if (strlen(name) > XN_FIELD_NAME_MAX || !valid_name(name))
        return bad(w, "bad field name '%.*s': use lower-case letters, digits and '_', "
                      "starting with a letter, at most %d bytes",
                   64, name, XN_FIELD_NAME_MAX);
    snprintf(fd->name, sizeof fd->name, "%s", name);
    size_t k;
    for (k = 0; k < 4 && strcmp(words[1], kind_names[k]) != 0; k++) continue;
    if (k == 4)
        return bad(w, "unknown kind '%.*s' of \"%s\" (text, keyword, date or number)", 32,
                   words[1], name);
    fd->kind = (xapnews_field_kind_t)k;
    const char *prefix = strcmp(words[2], "-") == 0 ? "" : words[2];
    for (size_t i = 3; i < n && i < 3 + 16; i++) {
        for (k = 0; k < N_OPTIONS && strcmp(words[i], options[k].name) != 0; k++) continue;
        if (k == N_OPTIONS)
            return bad(w, "unknown option '%.*s' of \"%s\" (searchable, filterable, facetable, "
                          "sortable or multiple)",
                       32, words[i], name);
        fd->flags |= options[k].flag;
    }
    for (size_t i = 0; i < sofar->n; i++) {
        const xn_field *b = &sofar->f[i];
        if (strcmp(b->name, name) != 0) continue;
        if (!xn_field_is_builtin(b))
            return bad(w, "\"%s\" is declared twice", name);
        if (b->kind != fd->kind || strcmp(b->prefix, prefix) != 0 ||
            (b->flags & ~B) != fd->flags) {
            xn_strbuf d = XN_STRBUF_INIT;
            int rc = xn_field_describe(b, &d) < 0
                         ? (xn_error_set(w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory"), -1)
                         : bad(w, "\"%s\" is built in and cannot change: declare it as '%s' or "
                                  "leave the line out",
                               name, d.data);
            xn_strbuf_free(&d);
            return rc;
        }
        return 1;
    }
    for (k = 0; k < sizeof reserved / sizeof reserved[0]; k++)
        if (strcmp(name, reserved[k]) == 0)
            return bad(w, "\"%s\" is a name searches use for something else; choose another",
                       name);
    if (*prefix) {
        if (strlen(prefix) > XN_FIELD_PREFIX_MAX || !valid_prefix(prefix))
            return bad(w, "bad prefix '%.*s' of \"%s\": a declared field's prefix is 'X' and "
                          "upper-case letters (X%c...), or '-' for none",
                       32, prefix, name, name[0] - 'a' + 'A');
        if (strncmp(prefix, XN_PREFIX_CANONICAL "X", strlen(XN_PREFIX_CANONICAL) + 1) == 0)
            return bad(w, "prefix %s of \"%s\" starts as the canonical stream of another "
                          "field's terms (XV and a prefix): choose another",
                       prefix, name);
        for (k = 0; k < sizeof taken_prefixes / sizeof taken_prefixes[0]; k++)
            if (same_prefix(prefix, taken_prefixes[k]))
                return bad(w, "prefix %s of \"%s\" is one the index uses for its own terms",
                           prefix, name);
        for (size_t i = XN_FIELDS_BUILTIN; i < sofar->n; i++)
            if (*sofar->f[i].prefix && same_prefix(prefix, sofar->f[i].prefix))
                return bad(w, "prefix %s of \"%s\" is already that of \"%s\"", prefix, name,
                           sofar->f[i].name);
        snprintf(fd->prefix, sizeof fd->prefix, "%s", prefix);
    }
    return check_field(w, fd, next_slot);
}

xn_fields *xn_fields_parse(const char *name, const char *text, size_t len, xn_error *err)
{
    xn_fields *f = malloc(sizeof *f);
    size_t cap = XN_FIELDS_BUILTIN + XN_FIELDS_MAX;
    if (!f || !(f->f = malloc(cap * sizeof *f->f))) {
        free(f);
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    memcpy(f->f, builtin_fields, sizeof builtin_fields);
    f->n = XN_FIELDS_BUILTIN;
    where_t w = {name, 0, err};
    unsigned next_slot = XN_SLOT_CUSTOM_FIRST;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* a BOM */
    char line[1024];
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        size_t n = (size_t)(eol - p);
        w.line++;
        const char *next = eol < end ? eol + 1 : end;
        if (memchr(p, '\0', n)) {
            bad(&w, "the line holds a NUL byte");
            goto fail;
        }
        if (n >= sizeof line) {
            bad(&w, "line longer than %zu bytes", sizeof line - 1);
            goto fail;
        }
        memcpy(line, p, n);
        line[n] = '\0';
        p = next;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        for (char *c = line; *c; c++)
            if (*c == '\r') *c = ' ';
        char *words[24];
        size_t nw = split_words(line, words, 24);
        if (nw == 0) continue;
        if (nw > 24) nw = 24;
        if (f->n == cap && xn_fields_find(f, words[0], strlen(words[0])) == NULL) {
            bad(&w, "more than %d declared fields", XN_FIELDS_MAX);
            goto fail;
        }
        int rc = parse_line(&w, words, nw, f, &f->f[f->n], &next_slot);
        if (rc < 0) goto fail;
        if (rc == 0) f->n++;
    }
    return f;
fail:
    xn_fields_free(f);
    return NULL;
}

/* ---- the public handle ---------------------------------------------------- */

xapnews_status_t xapnews_fields_load(const char *path, xapnews_fields_t **fields,
                                     char **error)
{
    if (!path || !fields) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *fields = NULL;
    xn_error err;
    xn_error_clear(&err);
    xn_strbuf text = XN_STRBUF_INIT;
    xapnews_status_t st = xn_read_text(path, &text, &err);
    if (!st && !(*fields = xn_fields_parse(path, text.data ? text.data : "", text.len, &err)))
        st = err.status;
    xn_strbuf_free(&text);
    if (st) xn_error_export(&err, error);
    return st;
}

xapnews_status_t xapnews_fields_copy(const xapnews_fields_t *fields,
                                     xapnews_fields_t **copy)
{
    if (!copy) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *copy = xn_fields_copy(fields);
    return *copy ? XAPNEWS_STATUS_SUCCESS : XAPNEWS_STATUS_OUT_OF_MEMORY;
}

void xapnews_fields_destroy(xapnews_fields_t *fields)
{
    xn_fields_free(fields);
}

size_t xapnews_fields_count(const xapnews_fields_t *fields)
{
    return xn_fields_or_builtin(fields)->n;
}

long xapnews_fields_find(const xapnews_fields_t *fields, const char *name)
{
    if (!name) return -1;
    const xn_field *fd = xn_fields_find(fields, name, strlen(name));
    return fd ? (long)(fd - xn_fields_or_builtin(fields)->f) : -1;
}

static const xn_field *nth(const xapnews_fields_t *fields, size_t i)
{
    const xn_fields *f = xn_fields_or_builtin(fields);
    return i < f->n ? &f->f[i] : NULL;
}

const char *xapnews_fields_name(const xapnews_fields_t *fields, size_t i)
{
    const xn_field *fd = nth(fields, i);
    return fd ? fd->name : NULL;
}

xapnews_field_kind_t xapnews_fields_kind(const xapnews_fields_t *fields, size_t i)
{
    const xn_field *fd = nth(fields, i);
    return fd ? fd->kind : XAPNEWS_KIND_TEXT;
}

const char *xapnews_fields_prefix(const xapnews_fields_t *fields, size_t i)
{
    const xn_field *fd = nth(fields, i);
    return fd ? fd->prefix : NULL;
}

unsigned xapnews_fields_flags(const xapnews_fields_t *fields, size_t i)
{
    const xn_field *fd = nth(fields, i);
    return fd ? fd->flags : 0;
}

unsigned xapnews_fields_slot(const xapnews_fields_t *fields, size_t i)
{
    const xn_field *fd = nth(fields, i);
    return fd ? fd->slot : XAPNEWS_NO_SLOT;
}
