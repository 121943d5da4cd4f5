/* nicknames.c - see nicknames.h. */
#include "nicknames.h"
#include "grow.h"
#include "strbuf.h"
#include "tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *formal, *nick; /* folded; both in one allocation (formal first) */
} pair_t;

struct xn_nicknames {
    pair_t *p; /* sorted by formal name, then nickname */
    size_t n, cap;
};

void xn_nicknames_free(xn_nicknames *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) free(t->p[i].formal);
    free(t->p);
    free(t);
}

size_t xn_nicknames_count(const xn_nicknames *t)
{
    return t ? t->n : 0;
}

const char *xn_nicknames_nick(const xn_nicknames *t, size_t i)
{
    return t->p[i].nick;
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct {
    char word[XN_TOKEN_MAX_BYTES + 1];
    int count;
} one_word;

static int take_word(void *vctx, const xn_token *t)
{
    one_word *w = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (++w->count == 1) {
        memcpy(w->word, t->term, t->len);
        w->word[t->len] = '\0';
    }
    return 0;
}

static int bad(xn_error *err, const char *name, unsigned long line,
               const char *msg, const char *arg, size_t arglen)
{
    if (arg)
        xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s '%.*s'", name,
                     line, msg, (int)(arglen > 100 ? 100 : arglen), arg);
    else
        xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s", name, line, msg);
    return -1;
}

/* The tokeniser's word for N bytes of ASCII letters is the letters in
 * lower case (tests/unit/check_nicknames.c compares the two): most of a
 * nickname table, read at every writer's open, takes this path. Returns
 * -1 for anything else. */
static int ascii_letters_to_word(const char *s, size_t n, one_word *w)
{
    if (n > 32) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        else if (c < 'a' || c > 'z') return -1;
        w->word[i] = c;
    }
    w->word[n] = '\0';
    w->count = 1;
    return 0;
}

/* Folds one field into W; it must be a single word. */
static int one_name(const char *name, unsigned long line, const char *what,
                    const char *s, size_t n, one_word *w, xn_error *err)
{
    char msg[96];
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n == 0) {
        snprintf(msg, sizeof msg, "the %s is empty", what);
        return bad(err, name, line, msg, NULL, 0);
    }
    w->count = 0;
    if (ascii_letters_to_word(s, n, w) < 0) xn_tokenize(s, n, take_word, w);
    if (w->count != 1) {
        snprintf(msg, sizeof msg, "the %s must be one word, not", what);
        return bad(err, name, line, msg, s, n);
    }
    return 0;
}

static int add_pair(xn_nicknames *t, const char *formal, const char *nick)
{
    pair_t *p = xn_grow(t->p, &t->cap, t->n + 1, sizeof *p, 256);
    if (!p) return -1;
    t->p = p;
    size_t fl = strlen(formal), nl = strlen(nick);
    char *both = malloc(fl + nl + 2);
    if (!both) return -1;
    memcpy(both, formal, fl + 1);
    memcpy(both + fl + 1, nick, nl + 1);
    t->p[t->n].formal = both;
    t->p[t->n].nick = both + fl + 1;
    t->n++;
    return 0;
}

/* Parses one line (without its end of line). Returns 0, -1 on a bad line
 * (ERR set), -2 when memory runs out. */
static int parse_line(xn_nicknames *t, const char *name, unsigned long line,
                      const char *s, size_t n, xn_error *err)
{
    const char *field[3];
    size_t flen[3];
    int nf = 0;
    for (size_t i = 0, start = 0; i <= n; i++) {
        if (i < n && s[i] != ',') continue;
        if (nf == 3)
            return bad(err, name, line,
                       "expected 'formal,has_nickname,nickname' (3 comma-separated fields), found more",
                       NULL, 0);
        field[nf] = s + start;
        flen[nf++] = i - start;
        start = i + 1;
    }
    if (nf != 3)
        return bad(err, name, line,
                   "expected 'formal,has_nickname,nickname' (3 comma-separated fields)",
                   NULL, 0);
    const char *rel = field[1];
    size_t rlen = flen[1];
    while (rlen && (*rel == ' ' || *rel == '\t')) rel++, rlen--;
    while (rlen && (rel[rlen - 1] == ' ' || rel[rlen - 1] == '\t')) rlen--;
    if (rlen != 12 || memcmp(rel, "has_nickname", 12) != 0)
        return bad(err, name, line, "unknown relationship (only has_nickname is known):",
                   rel, rlen);
    one_word formal, nick;
    if (one_name(name, line, "formal name", field[0], flen[0], &formal, err) < 0 ||
        one_name(name, line, "nickname", field[2], flen[2], &nick, err) < 0)
        return -1;
    if (strcmp(formal.word, nick.word) == 0)
        return bad(err, name, line, "a name cannot be its own nickname:",
                   formal.word, strlen(formal.word));
    return add_pair(t, formal.word, nick.word) < 0 ? -2 : 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    int c = strcmp(x->formal, y->formal);
    return c ? c : strcmp(x->nick, y->nick);
}

xn_nicknames *xn_nicknames_parse(const char *name, const char *text,
                                 size_t len, xn_error *err)
{
    xn_nicknames *t = calloc(1, sizeof *t);
    if (!t) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
        return NULL;
    }
    const char *p = text, *end = text + len;
    unsigned long line = 0;
    int seen_row = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        line++;
        const char *s = p;
        size_t n = (size_t)(eol - p);
        p = eol + 1;
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        while (n && (*s == ' ' || *s == '\t')) s++, n--;
        if (n == 0 || *s == '#') continue;
        if (!seen_row++ && n == 24 && memcmp(s, "name1,relationship,name2", 24) == 0)
            continue; /* the header */
        int rc = parse_line(t, name, line, s, n, err);
        if (rc == -2)
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
        if (rc) {
            xn_nicknames_free(t);
            return NULL;
        }
    }
    if (t->n) qsort(t->p, t->n, sizeof *t->p, cmp_pair);
    /* drop repeated pairs */
    size_t out = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (out && cmp_pair(&t->p[out - 1], &t->p[i]) == 0) {
            free(t->p[i].formal);
            continue;
        }
        t->p[out++] = t->p[i];
    }
    t->n = out;
    return t;
}

size_t xn_nicknames_of(const xn_nicknames *t, const char *word, size_t len,
                       size_t *first)
{
    if (!t || t->n == 0 || len > XN_TOKEN_MAX_BYTES) return 0;
    char key[XN_TOKEN_MAX_BYTES + 1];
    memcpy(key, word, len);
    key[len] = '\0';
    size_t lo = 0, hi = t->n; /* first pair whose formal name >= KEY */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->p[mid].formal, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < t->n && strcmp(t->p[k].formal, key) == 0) k++;
    *first = lo;
    return k - lo;
}

/* ---- applying to officials --------------------------------------------- */

typedef struct {
    char *derived; /* "nick rest of the name", folded words */
    const char *base; /* the listed name it comes from (owned by the table) */
    size_t entry;
} derived_t;

typedef struct {
    derived_t *d;
    size_t n, cap;
} derived_list;

typedef struct {
    xn_strbuf words; /* folded words, each followed by a space */
    size_t first_len, count;
} name_words;

static int collect_word(void *vctx, const xn_token *t)
{
    name_words *w = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (w->count++ == 0) w->first_len = t->len;
    if (xn_strbuf_append(&w->words, t->term, t->len) < 0 ||
        xn_strbuf_putc(&w->words, ' ') < 0)
        return -1;
    return 0;
}

/* Adds to L the names derived from NAME, a name of official ENTRY. */
static int derive(const xn_nicknames *t, const char *name, size_t entry,
                  derived_list *l)
{
    name_words w = {XN_STRBUF_INIT, 0, 0};
    int rc = 0;
    if (xn_tokenize(name, strlen(name), collect_word, &w) != 0) rc = -1;
    size_t first, count = 0;
    if (rc == 0 && w.count >= 2)
        count = xn_nicknames_of(t, w.words.data, w.first_len, &first);
    const char *rest = count ? w.words.data + w.first_len : NULL;
    size_t rest_len = count ? w.words.len - w.first_len - 1 : 0; /* no last space */
    for (size_t k = 0; k < count && rc == 0; k++) {
        const char *nick = t->p[first + k].nick;
        size_t nl = strlen(nick);
        char *d = malloc(nl + rest_len + 1);
        if (!d) {
            rc = -1;
            break;
        }
        memcpy(d, nick, nl);
        memcpy(d + nl, rest, rest_len);
        d[nl + rest_len] = '\0';
        derived_t *g = xn_grow(l->d, &l->cap, l->n + 1, sizeof *g, 64);
        if (!g) {
            free(d);
            rc = -1;
            break;
        }
        l->d = g;
        l->d[l->n++] = (derived_t){d, name, entry};
    }
    xn_strbuf_free(&w.words);
    return rc;
}

static int cmp_derived(const void *a, const void *b)
{
    const derived_t *x = a, *y = b;
    int c = strcmp(x->derived, y->derived);
    if (c) return c;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

int xn_nicknames_apply(const xn_nicknames *t, xn_names *officials,
                       xn_variants *variants)
{
    if (!t || !t->n || !officials) return 0;
    derived_list l = {NULL, 0, 0};
    int rc = 0;
    size_t count = xn_names_count(officials);
    for (size_t e = 0; e < count && rc == 0; e++) {
        const xn_name *o = xn_names_get(officials, e);
        rc = derive(t, o->canonical, e, &l);
        for (size_t v = 0; v < o->n_variants && rc == 0; v++)
            rc = derive(t, o->variants[v], e, &l);
    }
    if (rc == 0 && l.n) qsort(l.d, l.n, sizeof *l.d, cmp_derived);
    for (size_t i = 0; i < l.n && rc == 0;) {
        size_t j = i + 1;
        int shared = 0;
        while (j < l.n && strcmp(l.d[j].derived, l.d[i].derived) == 0) {
            if (l.d[j].entry != l.d[i].entry) shared = 1;
            j++;
        }
        /* a name two officials would share names neither; a name the
         * tables already give to someone stays theirs */
        if (!shared &&
            xn_names_lookup(officials, l.d[i].derived, strlen(l.d[i].derived)) < 0) {
            if (xn_names_add_alias(officials, l.d[i].entry, l.d[i].derived) < 0 ||
                (variants &&
                 xn_variants_add_equivalent(variants, l.d[i].base, l.d[i].derived) < 0))
                rc = -1;
        }
        i = j;
    }
    for (size_t i = 0; i < l.n; i++) free(l.d[i].derived);
    free(l.d);
    return rc;
}
