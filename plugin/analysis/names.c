/* names.c - see names.h. */
#include "names.h"
#include "grow.h"
#include "strbuf.h"
#include "tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    xn_name pub;
    char *fields; /* one allocation holding the strings of the line */
    char **variants;
    char *surname; /* folded, or NULL */
} entry_t;

struct xn_names {
    entry_t *e;
    size_t n, cap;
    xn_variants *matcher; /* every name => the canonical name */
    size_t *group_entry;  /* matcher group -> entry */
    size_t n_groups, cap_groups;
};

void xn_names_free(xn_names *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].fields);
        free(t->e[i].variants);
        free(t->e[i].surname);
    }
    free(t->e);
    xn_variants_free(t->matcher);
    free(t->group_entry);
    free(t);
}

size_t xn_names_count(const xn_names *t)
{
    return t ? t->n : 0;
}

const xn_name *xn_names_get(const xn_names *t, size_t i)
{
    return &t->e[i].pub;
}

static int fail(xn_error *err, const char *name, unsigned long line,
                const char *msg, const char *arg)
{
    xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s%s%s%s", name, line,
                 msg, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

typedef struct {
    char *out;
    size_t cap;
    int count;
} one_word;

static int first_word(void *vctx, const xn_token *t)
{
    one_word *w = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (++w->count == 1 && t->len < w->cap) {
        memcpy(w->out, t->term, t->len);
        w->out[t->len] = '\0';
    }
    return 0;
}

/* Registers NAME as naming entry K. Returns 0, 1 when it has no words or
 * already names another entry, -1 when memory runs out. */
static int add_name(xn_names *t, const char *name, size_t k)
{
    int rc = xn_variants_add_mapping(t->matcher, name, t->e[k].pub.canonical);
    if (rc != 0) return rc;
    size_t *g = xn_grow(t->group_entry, &t->cap_groups, t->n_groups + 1, sizeof *g, 32);
    if (!g) return -1;
    t->group_entry = g;
    t->group_entry[t->n_groups++] = k;
    return 0;
}

/* Parses one line (a writable copy) into a new entry. */
static int parse_line(xn_names *t, const char *name, unsigned long line,
                      char *copy, xn_names_kind kind, xn_error *err)
{
    char *col[6] = {0};
    int ncol = 0;
    for (char *p = copy; ncol < 6;) {
        col[ncol++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    int max = kind == XN_NAMES_OFFICIALS ? 5 : 2;
    if (ncol > max) {
        char msg[160];
        snprintf(msg, sizeof msg, "too many tab-separated columns (at most %d: %s)",
                 max, kind == XN_NAMES_OFFICIALS
                          ? "canonical name, variants, role, country, surname"
                          : "canonical name, aliases");
        return fail(err, name, line, msg, NULL);
    }
    for (int i = 0; i < ncol; i++) col[i] = trim(col[i]);
    if (!*col[0]) return fail(err, name, line, "the canonical name (first column) is empty", NULL);
    entry_t *grown = xn_grow(t->e, &t->cap, t->n + 1, sizeof *grown, 16);
    if (!grown) return -2;
    t->e = grown;
    entry_t *e = &t->e[t->n];
    memset(e, 0, sizeof *e);
    e->fields = copy;
    e->pub.canonical = col[0];
    e->pub.role = ncol > 2 ? col[2] : "";
    e->pub.country = ncol > 3 ? col[3] : "";
    e->pub.line = line;
    /* variants, split at '|' in place */
    size_t nv = 0;
    if (ncol > 1 && *col[1]) {
        nv = 1;
        for (char *p = col[1]; *p; p++) nv += *p == '|';
        e->variants = malloc(nv * sizeof *e->variants);
        if (!e->variants) return -2;
        size_t k = 0;
        for (char *p = col[1];;) {
            char *bar = strchr(p, '|');
            if (bar) *bar = '\0';
            char *v = trim(p);
            if (*v) e->variants[k++] = v;
            if (!bar) break;
            p = bar + 1;
        }
        nv = k;
    }
    e->pub.variants = (const char *const *)e->variants;
    e->pub.n_variants = nv;
    t->n++;
    /* the surname: given, or the canonical name's last word */
    static char empty[1];
    e->pub.surname = empty;
    const char *surname = ncol > 4 && *col[4] ? col[4] : NULL;
    char buf[XN_TOKEN_MAX_BYTES + 1];
    one_word w = {buf, sizeof buf, 0};
    if (surname) {
        xn_tokenize(surname, strlen(surname), first_word, &w);
        if (w.count != 1)
            return fail(err, name, line, "the surname must be one word, not", surname);
    } else if (kind == XN_NAMES_OFFICIALS) {
        /* the last word of the canonical name */
        const char *last = col[0];
        for (const char *p = col[0]; *p; p++)
            if (*p == ' ') last = p + 1;
        xn_tokenize(last, strlen(last), first_word, &w);
        if (w.count != 1) w.count = 0;
    }
    if (w.count == 1) {
        e->surname = malloc(strlen(buf) + 1);
        if (!e->surname) return -2;
        strcpy(e->surname, buf);
        e->pub.surname = e->surname;
    }
    /* every name, canonical first */
    int rc = add_name(t, col[0], t->n - 1);
    if (rc == 1) return fail(err, name, line, "this name is already listed on an earlier line:", col[0]);
    if (rc < 0) return -2;
    for (size_t k = 0; k < nv; k++) {
        rc = add_name(t, e->variants[k], t->n - 1);
        if (rc == 1) return fail(err, name, line, "this name is already listed:", e->variants[k]);
        if (rc < 0) return -2;
    }
    return 0;
}

xn_names *xn_names_parse(const char *name, const char *text, size_t len,
                         xn_names_kind kind, xn_error *err)
{
    xn_names *t = calloc(1, sizeof *t);
    if (!t || !(t->matcher = xn_variants_new())) {
        xn_names_free(t);
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
        return NULL;
    }
    const char *p = text, *end = text + len;
    unsigned long line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        line++;
        size_t n = (size_t)(eol - p);
        const char *s = p;
        p = eol + 1;
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
        if (k == n || s[k] == '#') continue;
        char *copy = malloc(n + 1);
        if (!copy) {
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
            xn_names_free(t);
            return NULL;
        }
        memcpy(copy, s, n);
        copy[n] = '\0';
        size_t before = t->n;
        int rc = parse_line(t, name, line, copy, kind, err);
        if (t->n == before) free(copy); /* not owned by an entry yet */
        if (rc != 0) {
            if (rc == -2)
                xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
            xn_names_free(t);
            return NULL;
        }
    }
    return t;
}

long xn_names_match(const xn_names *t, const char *const *words,
                    const size_t *lens, size_t n, size_t *length)
{
    xn_vmatch m;
    if (!t || !xn_variants_match(t->matcher, words, lens, n, &m)) return -1;
    *length = m.length;
    return (long)t->group_entry[m.group];
}

typedef struct {
    const xn_names *t;
    xn_mention_fn fn;
    void *ctx;
} mention_ctx;

static int on_mention(void *vctx, size_t first, const xn_vmatch *m)
{
    mention_ctx *c = vctx;
    return c->fn(c->ctx, first, m->length, c->t->group_entry[m->group]);
}

int xn_names_mentions(const xn_names *t, const char *const *words,
                      const size_t *lens, size_t n, xn_mention_fn fn, void *ctx)
{
    if (!t) return 0;
    mention_ctx c = {t, fn, ctx};
    return xn_variants_spans(t->matcher, words, lens, n, on_mention, &c);
}

typedef struct {
    const char *words[64];
    size_t lens[64];
    char store[64][XN_TOKEN_MAX_BYTES + 1];
    size_t n;
} word_list;

static int collect(void *vctx, const xn_token *t)
{
    word_list *w = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (w->n == 64) return 1;
    memcpy(w->store[w->n], t->term, t->len);
    w->store[w->n][t->len] = '\0';
    w->words[w->n] = w->store[w->n];
    w->lens[w->n] = t->len;
    w->n++;
    return 0;
}

long xn_names_lookup(const xn_names *t, const char *text, size_t len)
{
    if (!t) return -1;
    word_list *w = malloc(sizeof *w);
    if (!w) return -1;
    w->n = 0;
    long r = -1;
    size_t matched;
    if (xn_tokenize(text, len, collect, w) == 0 && w->n > 0) {
        r = xn_names_match(t, w->words, w->lens, w->n, &matched);
        if (r >= 0 && matched != w->n) r = -1;
    }
    free(w);
    return r;
}

int xn_names_add_alias(xn_names *t, size_t entry, const char *name)
{
    if (!t || entry >= t->n) return 1;
    return add_name(t, name, entry);
}

static int key_word(void *vctx, const xn_token *t)
{
    xn_strbuf *key = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (key->len && xn_strbuf_putc(key, ' ') < 0) return -1;
    return xn_strbuf_append(key, t->term, t->len) < 0 ? -1 : 0;
}

/* NAME folded like all names: its words, joined by spaces, in KEY
 * (empty for a name without words). Returns 0, or -1 when memory runs
 * out. */
static int name_key(const char *name, xn_strbuf *key)
{
    xn_strbuf_reset(key);
    return xn_tokenize(name, strlen(name), key_word, key) == 0 ? 0 : -1;
}

/* Marks in REPLACED the entries of B whose canonical name is that of an
 * entry of A. */
static int mark_replaced(const xn_names *b, const xn_names *a, char *replaced)
{
    xn_strbuf kb = XN_STRBUF_INIT, ka = XN_STRBUF_INIT;
    int rc = 0;
    for (size_t k = 0; !rc && k < b->n; k++) {
        if (name_key(b->e[k].pub.canonical, &kb) < 0) rc = -1;
        for (size_t j = 0; !rc && j < a->n && !replaced[k]; j++) {
            if (name_key(a->e[j].pub.canonical, &ka) < 0) rc = -1;
            else if (ka.len && ka.len == kb.len && memcmp(ka.data, kb.data, ka.len) == 0)
                replaced[k] = 1;
        }
    }
    xn_strbuf_free(&kb);
    xn_strbuf_free(&ka);
    return rc;
}

/* Refuses a name of A's entries that names an entry of B (named
 * BASE) that A does not replace. */
static xapnews_status_t check_names(const xn_names *b, const char *base,
                                    const xn_names *a, const char *add,
                                    const char *replaced, xn_error *err)
{
    for (size_t j = 0; j < a->n; j++) {
        const xn_name *e = &a->e[j].pub;
        for (size_t v = 0; v <= e->n_variants; v++) {
            const char *name = v == 0 ? e->canonical : e->variants[v - 1];
            long k = xn_names_lookup(b, name, strlen(name));
            if (k < 0 || replaced[k]) continue;
            const xn_name *other = &b->e[k].pub;
            return xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                                "%s:%lu: '%s' already names '%s' (%s:%lu); an entry "
                                "replaces one of %s only under the same canonical name",
                                add, e->line, name, other->canonical, base, other->line,
                                base);
        }
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Appends the lines of TEXT (LEN bytes) to OUT, but those whose entry of
 * B is marked in REPLACED, with a final newline. */
static int keep_lines(const char *text, size_t len, const xn_names *b,
                      const char *replaced, xn_strbuf *out)
{
    const char *p = text, *end = text + len;
    size_t next = 0; /* entries are in line order */
    for (unsigned long line = 1; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
        while (next < b->n && b->e[next].pub.line < line) next++;
        int drop = next < b->n && b->e[next].pub.line == line && replaced[next];
        if (!drop && (xn_strbuf_append(out, p, n) < 0 || xn_strbuf_putc(out, '\n') < 0))
            return -1;
        p += n + 1;
    }
    return 0;
}

xapnews_status_t xn_names_combine(xn_names_kind kind, const char *base,
                                  const char *base_text, size_t base_len,
                                  const char *add, const char *add_text,
                                  size_t add_len, xn_strbuf *out, xn_error *err)
{
    xn_strbuf_reset(out);
    if (base_len == add_len && memcmp(base_text, add_text, base_len) == 0)
        return xn_strbuf_append(out, base_text, base_len) < 0
                   ? xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory")
                   : XAPNEWS_STATUS_SUCCESS;
    xn_names *b = xn_names_parse(base, base_text, base_len, kind, err);
    xn_names *a = b ? xn_names_parse(add, add_text, add_len, kind, err) : NULL;
    if (!a) {
        xn_names_free(b);
        return err->status;
    }
    char *replaced = calloc(b->n + 1, 1);
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (!replaced || mark_replaced(b, a, replaced) < 0)
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (!st) st = check_names(b, base, a, add, replaced, err);
    if (!st && (keep_lines(base_text, base_len, b, replaced, out) < 0 ||
                xn_strbuf_append(out, add_text, add_len) < 0))
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    free(replaced);
    xn_names_free(a);
    xn_names_free(b);
    return st;
}
