/* variants.c - see variants.h.
 *
 * Forms are found through a hash table keyed by their words joined with
 * 0x1F; a second table of first words lets most positions be skipped with
 * one lookup.
 */
#include "variants.h"
#include "grow.h"
#include "hash.h"
#include "strbuf.h"
#include "tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define SEP '\x1f'

typedef struct {
    char **words;
    size_t *lens;
    size_t n;
    int derived; /* added by xn_variants_add_equivalent() */
    int cased;   /* "=US": one word matched only as written in capitals */
} form_t;

typedef struct {
    form_t *forms;
    size_t n_forms, cap_forms;
    size_t n_sources; /* mapping: forms [0, n_sources) are the left-hand side */
    int mapping;
    unsigned long line;
} group_t;

typedef struct {
    char *key; /* NULL: empty slot */
    size_t klen;
    size_t group, form;
} slot_t;

typedef struct {
    slot_t *slots;
    size_t cap, used; /* cap is a power of two */
} table_t;

struct xn_variants {
    group_t *groups;
    size_t n_groups, cap_groups;
    table_t forms;  /* full form -> (group, form) */
    table_t firsts; /* first word -> anything */
    size_t max_words;
};

static slot_t *table_find(const table_t *t, const char *key, size_t klen)
{
    if (!t->cap) return NULL;
    for (size_t i = xn_hash(key, klen) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        slot_t *s = &t->slots[i];
        if (!s->key) return NULL;
        if (s->klen == klen && memcmp(s->key, key, klen) == 0) return s;
    }
}

static int table_grow(table_t *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < t->cap; i++) {
        slot_t *s = &t->slots[i];
        if (!s->key) continue;
        size_t j = xn_hash(s->key, s->klen) & (cap - 1);
        while (slots[j].key) j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* Inserts KEY (copied); KEY must not be present. */
static int table_insert(table_t *t, const char *key, size_t klen, size_t group,
                        size_t form)
{
    if ((t->used + 1) * 2 > t->cap && table_grow(t) < 0) return -1;
    char *copy = malloc(klen ? klen : 1);
    if (!copy) return -1;
    memcpy(copy, key, klen);
    size_t i = xn_hash(key, klen) & (t->cap - 1);
    while (t->slots[i].key) i = (i + 1) & (t->cap - 1);
    t->slots[i].key = copy;
    t->slots[i].klen = klen;
    t->slots[i].group = group;
    t->slots[i].form = form;
    t->used++;
    return 0;
}

static void table_free(table_t *t)
{
    for (size_t i = 0; i < t->cap; i++) free(t->slots[i].key);
    free(t->slots);
}

xn_variants *xn_variants_new(void)
{
    return calloc(1, sizeof(xn_variants));
}

static void form_free(form_t *f)
{
    for (size_t i = 0; i < f->n; i++) free(f->words[i]);
    free(f->words);
    free(f->lens);
}

void xn_variants_free(xn_variants *v)
{
    if (!v) return;
    for (size_t g = 0; g < v->n_groups; g++) {
        for (size_t f = 0; f < v->groups[g].n_forms; f++)
            form_free(&v->groups[g].forms[f]);
        free(v->groups[g].forms);
    }
    free(v->groups);
    table_free(&v->forms);
    table_free(&v->firsts);
    free(v);
}

/* ---- tokenising entries ---------------------------------------------- */

typedef struct {
    form_t f;
    size_t cap;
    int nomem;
} form_builder;

static int on_word(void *vctx, const xn_token *t)
{
    form_builder *b = vctx;
    if ((t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_POSSESSIVE)) ==
            (XN_TOKEN_COLOCATED | XN_TOKEN_POSSESSIVE) && b->f.n) {
        /* a possessive stands for its bare word, as in analysed text
         * (xn_tokens_primaries()): "People's Liberation Army" */
        char *bare = xn_strndup(t->term, t->len);
        if (!bare) {
            b->nomem = 1;
            return -1;
        }
        free(b->f.words[b->f.n - 1]);
        b->f.words[b->f.n - 1] = bare;
        b->f.lens[b->f.n - 1] = t->len;
        return 0;
    }
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (b->f.n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4;
        char **w = realloc(b->f.words, cap * sizeof *w);
        if (w) b->f.words = w;
        size_t *l = realloc(b->f.lens, cap * sizeof *l);
        if (l) b->f.lens = l;
        if (!w || !l) {
            b->nomem = 1;
            return -1;
        }
        b->cap = cap;
    }
    char *copy = xn_strndup(t->term, t->len);
    if (!copy) {
        b->nomem = 1;
        return -1;
    }
    b->f.words[b->f.n] = copy;
    b->f.lens[b->f.n] = t->len;
    b->f.n++;
    return 0;
}

/* Tokenises TEXT into F. Returns 0, or -1 when memory runs out. */
static int make_form(const char *text, size_t len, form_t *f)
{
    form_builder b;
    memset(&b, 0, sizeof b);
    xn_tokenize(text, len, on_word, &b);
    if (b.nomem) {
        form_free(&b.f);
        return -1;
    }
    *f = b.f;
    return 0;
}

static int form_key(const char *const *words, const size_t *lens, size_t n,
                    xn_strbuf *key)
{
    xn_strbuf_reset(key);
    for (size_t i = 0; i < n; i++)
        if ((i && xn_strbuf_putc(key, SEP) < 0) ||
            xn_strbuf_append(key, words[i], lens[i]) < 0)
            return -1;
    return 0;
}

/* ---- building ------------------------------------------------------------ */

static group_t *new_group(xn_variants *v, int mapping, unsigned long line)
{
    group_t *grown = xn_grow(v->groups, &v->cap_groups, v->n_groups + 1, sizeof *grown, 16);
    if (!grown) return NULL;
    v->groups = grown;
    group_t *g = &v->groups[v->n_groups++];
    memset(g, 0, sizeof *g);
    g->mapping = mapping;
    g->line = line;
    return g;
}

static int add_form(group_t *g, form_t *f)
{
    form_t *n = xn_grow(g->forms, &g->cap_forms, g->n_forms + 1, sizeof *n, 4);
    if (!n) return -1;
    g->forms = n;
    g->forms[g->n_forms++] = *f;
    return 0;
}

/* Makes the forms of the last group findable. A form already in another
 * group is a conflict: returns 1 and sets *OTHER to that group's line. */
static int index_group(xn_variants *v, unsigned long *other)
{
    size_t gi = v->n_groups - 1;
    group_t *g = &v->groups[gi];
    size_t indexed = g->mapping ? g->n_sources : g->n_forms;
    xn_strbuf key = XN_STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < indexed && rc == 0; i++) {
        form_t *f = &g->forms[i];
        if (form_key((const char *const *)f->words, f->lens, f->n, &key) < 0) {
            rc = -1;
            break;
        }
        slot_t *s = table_find(&v->forms, key.data, key.len);
        if (s && s->group == (size_t)-1) { /* left by a dropped group */
            s->group = gi;
            s->form = i;
            continue;
        }
        if (s && s->group == gi) continue; /* the same form twice in a line */
        if (s) {
            *other = v->groups[s->group].line;
            rc = 1;
            break;
        }
        if (table_insert(&v->forms, key.data, key.len, gi, i) < 0 ||
            (!table_find(&v->firsts, f->words[0], f->lens[0]) &&
             table_insert(&v->firsts, f->words[0], f->lens[0], 0, 0) < 0)) {
            rc = -1;
            break;
        }
        if (f->n > v->max_words) v->max_words = f->n;
    }
    xn_strbuf_free(&key);
    return rc;
}

/* Drops the last group (after a conflict while indexing it): its forms are
 * removed from the table again. */
static void drop_last_group(xn_variants *v)
{
    size_t gi = v->n_groups - 1;
    group_t *g = &v->groups[gi];
    for (size_t i = 0; i < v->forms.cap; i++) {
        slot_t *s = &v->forms.slots[i];
        if (s->key && s->group == gi) s->group = (size_t)-1; /* unused */
    }
    for (size_t f = 0; f < g->n_forms; f++) form_free(&g->forms[f]);
    free(g->forms);
    v->n_groups--;
}

int xn_variants_add_mapping(xn_variants *v, const char *source,
                            const char *target)
{
    form_t from, to;
    if (make_form(source, strlen(source), &from) < 0) return -1;
    if (from.n == 0) {
        form_free(&from);
        return 1;
    }
    if (make_form(target, strlen(target), &to) < 0) {
        form_free(&from);
        return -1;
    }
    group_t *g = new_group(v, 1, 0);
    if (!g) {
        form_free(&from);
        form_free(&to);
        return -1;
    }
    if (add_form(g, &from) < 0) {
        form_free(&from);
        form_free(&to);
        v->n_groups--;
        return -1;
    }
    g->n_sources = 1;
    if (add_form(g, &to) < 0) {
        form_free(&to);
        drop_last_group(v);
        return -1;
    }
    unsigned long other;
    int rc = index_group(v, &other);
    if (rc != 0) drop_last_group(v);
    return rc;
}

/* ---- parsing the Solr format ------------------------------------------------ */

typedef struct {
    const char *name;
    unsigned long line;
    xn_error *err;
} parse_ctx;

static int syntax(parse_ctx *c, const char *msg, const char *arg)
{
    xn_error_set(c->err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s%s%s%s", c->name,
                 c->line, msg, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
    return -1;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* A case-sensitive form: "=US" is the word US written in capitals, not
 * "us" or "Us". Returns 0, -1 on a syntax error (ERR set), -2 when memory
 * runs out. */
static int make_cased_form(parse_ctx *c, const char *e, size_t len, form_t *f)
{
    int ok = len >= XN_CASED_MIN && len <= XN_CASED_MAX;
    for (size_t i = 0; i < len && ok; i++) ok = e[i] >= 'A' && e[i] <= 'Z';
    if (!ok) {
        char shown[128], msg[160];
        snprintf(shown, sizeof shown, "=%.*s", (int)(len > 100 ? 100 : len), e);
        snprintf(msg, sizeof msg, "a case-sensitive form is one word of %d to %d capital letters A-Z, not",
                 XN_CASED_MIN, XN_CASED_MAX);
        return syntax(c, msg, shown);
    }
    memset(f, 0, sizeof *f);
    f->words = malloc(sizeof *f->words);
    f->lens = malloc(sizeof *f->lens);
    if (!f->words || !f->lens || !(f->words[0] = xn_strndup(e, len))) {
        free(f->words);
        free(f->lens);
        return -2;
    }
    f->lens[0] = len;
    f->n = 1;
    f->cased = 1;
    return 0;
}

/* Splits one side of a line at unescaped commas into forms of G. */
static int parse_side(parse_ctx *c, const char *s, size_t n, group_t *g,
                      size_t *count)
{
    xn_strbuf entry = XN_STRBUF_INIT;
    int rc = 0;
    *count = 0;
    for (size_t i = 0; i <= n && rc == 0; i++) {
        if (i < n && s[i] == '\\' && i + 1 < n) {
            rc = xn_strbuf_putc(&entry, s[++i]);
            continue;
        }
        if (i < n && s[i] != ',') {
            rc = xn_strbuf_putc(&entry, s[i]);
            continue;
        }
        /* end of an entry */
        const char *e = entry.data ? entry.data : "";
        size_t elen = entry.len;
        while (elen && is_blank(*e)) e++, elen--;
        while (elen && is_blank(e[elen - 1])) elen--;
        if (elen == 0) {
            rc = syntax(c, "empty entry (two commas in a row, or a comma at an end)", NULL);
            break;
        }
        form_t f;
        if (*e == '=') {
            if ((rc = make_cased_form(c, e + 1, elen - 1, &f)) != 0) break;
        } else if (make_form(e, elen, &f) < 0) {
            rc = -2;
            break;
        }
        if (f.n == 0) {
            char shown[128];
            snprintf(shown, sizeof shown, "%.*s", (int)(elen > 100 ? 100 : elen), e);
            form_free(&f);
            rc = syntax(c, "entry has no words:", shown);
            break;
        }
        if (add_form(g, &f) < 0) {
            form_free(&f);
            rc = -2;
            break;
        }
        (*count)++;
        xn_strbuf_reset(&entry);
    }
    xn_strbuf_free(&entry);
    return rc;
}

/* Parses one non-comment line. Returns 0, -1 on a syntax error (ERR set),
 * -2 when memory runs out. */
static int parse_line(xn_variants *v, parse_ctx *c, const char *s, size_t n)
{
    const char *arrow = NULL;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == '=' && s[i + 1] == '>') {
            if (arrow) return syntax(c, "'=>' appears more than once", NULL);
            arrow = s + i;
        }
    }
    group_t *g = new_group(v, arrow != NULL, c->line);
    if (!g) return -2;
    size_t left, right = 0;
    int rc;
    if (arrow) {
        size_t llen = (size_t)(arrow - s);
        const char *r = arrow + 2;
        size_t rlen = n - llen - 2;
        size_t k = 0;
        while (k < llen && is_blank(s[k])) k++;
        if (k == llen) rc = syntax(c, "nothing before '=>'", NULL);
        else {
            k = 0;
            while (k < rlen && is_blank(r[k])) k++;
            if (k == rlen) rc = syntax(c, "nothing after '=>'", NULL);
            else {
                rc = parse_side(c, s, llen, g, &left);
                if (rc == 0) rc = parse_side(c, r, rlen, g, &right);
                g->n_sources = left;
            }
        }
    } else {
        rc = parse_side(c, s, n, g, &left);
        if (rc == 0 && left < 2)
            rc = syntax(c, "a line needs two or more equivalent forms, or 'a => b'", NULL);
    }
    if (rc != 0) {
        drop_last_group(v);
        return rc;
    }
    unsigned long other = 0;
    rc = index_group(v, &other);
    if (rc == 1) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "a form on this line already belongs to the group on line %lu",
                 other);
        drop_last_group(v);
        return syntax(c, msg, NULL);
    }
    if (rc < 0) {
        drop_last_group(v);
        return -2;
    }
    return 0;
}

xn_variants *xn_variants_parse(const char *name, const char *text, size_t len,
                               xn_error *err)
{
    xn_variants *v = xn_variants_new();
    if (!v) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
        return NULL;
    }
    parse_ctx c = {name, 0, err};
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        c.line++;
        size_t n = (size_t)(eol - p);
        const char *s = p;
        p = eol + 1;
        while (n && is_blank(*s)) s++, n--;
        while (n && is_blank(s[n - 1])) n--;
        if (n == 0 || *s == '#') continue;
        /* refuse invalid UTF-8 rather than guess */
        utf8proc_int32_t cp;
        for (size_t i = 0; i < n;) {
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) {
                syntax(&c, "invalid UTF-8", NULL);
                xn_variants_free(v);
                return NULL;
            }
            i += (size_t)k;
        }
        int rc = parse_line(v, &c, s, n);
        if (rc == -2) {
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", name);
        }
        if (rc != 0) {
            xn_variants_free(v);
            return NULL;
        }
    }
    return v;
}

/* ---- lookups ------------------------------------------------------------------ */

size_t xn_variants_groups(const xn_variants *v)
{
    return v ? v->n_groups : 0;
}

int xn_variants_match(const xn_variants *v, const char *const *words,
                      const size_t *lens, size_t n, xn_vmatch *m)
{
    if (!v || n == 0 || !v->firsts.used ||
        !table_find(&v->firsts, words[0], lens[0]))
        return 0;
    char stack[512];
    size_t max = n < v->max_words ? n : v->max_words;
    for (size_t len = max; len >= 1; len--) {
        /* the key of WORDS[0..len) */
        size_t klen = len - 1;
        for (size_t i = 0; i < len; i++) klen += lens[i];
        if (klen > sizeof stack) continue;
        size_t at = 0;
        for (size_t i = 0; i < len; i++) {
            if (i) stack[at++] = SEP;
            memcpy(stack + at, words[i], lens[i]);
            at += lens[i];
        }
        slot_t *s = table_find(&v->forms, stack, klen);
        if (s && s->group != (size_t)-1) {
            m->group = s->group;
            m->form = s->form;
            m->length = len;
            return 1;
        }
    }
    return 0;
}

int xn_variants_spans(const xn_variants *v, const char *const *words,
                      const size_t *lens, size_t n, xn_span_fn fn, void *ctx)
{
    return xn_variants_spans_cased(v, words, lens, NULL, n, fn, ctx);
}

int xn_variants_spans_cased(const xn_variants *v, const char *const *words,
                            const size_t *lens, const char *const *capitals,
                            size_t n, xn_span_fn fn, void *ctx)
{
    for (size_t i = 0; i < n;) {
        xn_vmatch m;
        size_t clen = capitals && capitals[i] ? strlen(capitals[i]) : 0;
        if (!xn_variants_match(v, words + i, lens + i, n - i, &m) &&
            !(clen && xn_variants_match(v, capitals + i, &clen, 1, &m))) {
            i++;
            continue;
        }
        int rc = fn(ctx, i, &m);
        if (rc) return rc;
        i += m.length;
    }
    return 0;
}

size_t xn_variants_form_count(const xn_variants *v, size_t group)
{
    return v->groups[group].n_forms;
}

xn_form xn_variants_form(const xn_variants *v, size_t group, size_t i)
{
    const form_t *f = &v->groups[group].forms[i];
    xn_form r = {(const char *const *)f->words, f->lens, f->n, f->cased};
    return r;
}

size_t xn_variants_canonical(const xn_variants *v, size_t group)
{
    const group_t *g = &v->groups[group];
    if (g->mapping) return g->n_sources;
    /* the form with the fewest words, so that it fits inside the span of
     * every other form and phrases around it still match */
    size_t best = 0;
    while (best + 1 < g->n_forms && g->forms[best].cased) best++;
    for (size_t f = best + 1; f < g->n_forms; f++)
        if (!g->forms[f].cased && g->forms[f].n < g->forms[best].n) best = f;
    return best;
}

int xn_variants_expands(const xn_variants *v, size_t group, size_t from,
                        size_t to)
{
    const group_t *g = &v->groups[group];
    if (g->mapping) return from < g->n_sources && to >= g->n_sources;
    return from != to;
}

int xn_variants_is_mapping(const xn_variants *v, size_t group)
{
    return v->groups[group].mapping;
}

unsigned long xn_variants_line(const xn_variants *v, size_t group)
{
    return v->groups[group].line;
}

/* Whether two words differ by a few edits only: at most one per four
 * bytes of the shorter word, and at least one (Levenshtein distance). */
static int spelling_variants(const char *a, size_t an, const char *b, size_t bn)
{
    size_t row[XN_TOKEN_MAX_BYTES + 2];
    if (an > XN_TOKEN_MAX_BYTES || bn > XN_TOKEN_MAX_BYTES) return 0;
    for (size_t j = 0; j <= bn; j++) row[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= bn; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t shorter = an < bn ? an : bn;
    size_t allowed = shorter / 4 ? shorter / 4 : 1;
    return row[bn] <= allowed;
}

int xn_variants_each_word_pair(const xn_variants *v,
                               int (*fn)(void *ctx, const char *a, size_t alen,
                                         const char *b, size_t blen),
                               void *ctx)
{
    for (size_t g = 0; v && g < v->n_groups; g++) {
        const group_t *grp = &v->groups[g];
        for (size_t from = 0; from < grp->n_forms; from++)
            for (size_t to = 0; to < grp->n_forms; to++) {
                const form_t *a = &grp->forms[from], *b = &grp->forms[to];
                if (!xn_variants_expands(v, g, from, to) || a->n != b->n ||
                    a->derived || b->derived || a->cased || b->cased)
                    continue;
                for (size_t k = 0; k < a->n; k++) {
                    if (a->lens[k] == b->lens[k] &&
                        memcmp(a->words[k], b->words[k], a->lens[k]) == 0)
                        continue;
                    /* inside longer forms only spelling variants pair up:
                     * "Bill Evanina" / "William Evanina" must not make
                     * every "bill" a "william" */
                    if (a->n > 1 && !spelling_variants(a->words[k], a->lens[k],
                                                       b->words[k], b->lens[k]))
                        continue;
                    int rc = fn(ctx, a->words[k], a->lens[k], b->words[k], b->lens[k]);
                    if (rc) return rc;
                }
            }
    }
    return 0;
}

/* Whether a form before FORM in G has the same words ("cyber-security"
 * and "cyber security"). */
static int written_before(const group_t *g, size_t form)
{
    const form_t *f = &g->forms[form];
    for (size_t e = 0; e < form; e++) {
        const form_t *o = &g->forms[e];
        size_t k = 0;
        while (k < f->n && o->n == f->n && o->lens[k] == f->lens[k] &&
               memcmp(o->words[k], f->words[k], f->lens[k]) == 0)
            k++;
        if (o->n == f->n && k == f->n) return 1;
    }
    return 0;
}

int xn_variants_each_joined_pair(const xn_variants *v,
                                 int (*fn)(void *ctx, const char *a, size_t alen,
                                           const char *b, size_t blen),
                                 void *ctx)
{
    xn_strbuf key = XN_STRBUF_INIT;
    int rc = 0;
    for (size_t g = 0; v && g < v->n_groups && rc == 0; g++) {
        const group_t *grp = &v->groups[g];
        for (size_t from = 0; from < grp->n_forms && rc == 0; from++)
            for (size_t to = 0; to < grp->n_forms && rc == 0; to++) {
                const form_t *a = &grp->forms[from], *b = &grp->forms[to];
                if (a->n < 2 || b->n != 1 || a->derived || b->derived ||
                    !xn_variants_expands(v, g, from, to) ||
                    !xn_variants_natural(v, g, from, to) ||
                    written_before(grp, from))
                    continue;
                xn_strbuf_reset(&key);
                for (size_t k = 0; k < a->n && rc == 0; k++)
                    if ((k && xn_strbuf_putc(&key, ' ') < 0) ||
                        xn_strbuf_append(&key, a->words[k], a->lens[k]) < 0)
                        rc = -1;
                if (rc == 0) rc = fn(ctx, key.data, key.len, b->words[0], b->lens[0]);
            }
    }
    xn_strbuf_free(&key);
    return rc;
}

/* A form's words joined without separators or inner dots and apostrophes
 * ("cyber security" and "cyber-security" -> "cybersecurity", "u.s.a" ->
 * "usa"). Returns 0, or -1 when memory runs out. */
static int squeeze(const form_t *f, xn_strbuf *out)
{
    xn_strbuf_reset(out);
    for (size_t k = 0; k < f->n; k++)
        for (size_t i = 0; i < f->lens[k]; i++)
            if (f->words[k][i] != '.' && f->words[k][i] != '\'' &&
                xn_strbuf_putc(out, f->words[k][i]) < 0)
                return -1;
    return 0;
}

int xn_variants_natural(const xn_variants *v, size_t group, size_t from,
                        size_t to)
{
    if (!xn_variants_expands(v, group, from, to)) return 0;
    const group_t *g = &v->groups[group];
    if (g->mapping) return 1;
    const form_t *a = &g->forms[from], *b = &g->forms[to];
    if (a->derived || b->derived || b->cased) return 0;
    xn_strbuf sa = XN_STRBUF_INIT, sb = XN_STRBUF_INIT;
    int same = squeeze(a, &sa) == 0 && squeeze(b, &sb) == 0 && sa.len &&
               sa.len == sb.len && memcmp(sa.data, sb.data, sa.len) == 0;
    xn_strbuf_free(&sa);
    xn_strbuf_free(&sb);
    if (same) return 1;
    /* every word of B is a word of A or a spelling variant of one */
    for (size_t j = 0; j < b->n; j++) {
        int found = 0;
        for (size_t i = 0; i < a->n && !found; i++)
            found = (a->lens[i] == b->lens[j] &&
                     memcmp(a->words[i], b->words[j], a->lens[i]) == 0) ||
                    spelling_variants(a->words[i], a->lens[i], b->words[j],
                                      b->lens[j]);
        if (!found) return 0;
    }
    return 1;
}

/* ---- forms derived from other tables ------------------------------------- */

int xn_variants_add_equivalent(xn_variants *v, const char *base,
                               const char *form)
{
    form_t b, f;
    if (make_form(base, strlen(base), &b) < 0) return -1;
    if (make_form(form, strlen(form), &f) < 0) {
        form_free(&b);
        return -1;
    }
    f.derived = 1;
    int rc = 1;
    xn_strbuf key = XN_STRBUF_INIT;
    if (b.n == 0 || f.n == 0) goto out;
    rc = -1;
    if (form_key((const char *const *)f.words, f.lens, f.n, &key) < 0) goto out;
    slot_t *s = table_find(&v->forms, key.data, key.len);
    rc = 1;
    if (s && s->group != (size_t)-1) goto out; /* FORM already means something */
    rc = -1;
    if (form_key((const char *const *)b.words, b.lens, b.n, &key) < 0) goto out;
    s = table_find(&v->forms, key.data, key.len);
    size_t gi;
    if (s && s->group != (size_t)-1) {
        gi = s->group;
        rc = 1;
        if (v->groups[gi].mapping) goto out;
    } else {
        group_t *g = new_group(v, 0, 0);
        if (!g) goto out;
        if (add_form(g, &b) < 0) {
            v->n_groups--;
            goto out;
        }
        b.n = 0; /* owned by the group now */
        b.words = NULL;
        b.lens = NULL;
        gi = v->n_groups - 1;
        unsigned long other;
        if (index_group(v, &other) != 0) {
            drop_last_group(v);
            goto out;
        }
    }
    rc = -1;
    group_t *g = &v->groups[gi];
    if (add_form(g, &f) < 0) goto out;
    size_t fi = g->n_forms - 1;
    f.n = 0;
    f.words = NULL;
    f.lens = NULL;
    const form_t *added = &g->forms[fi];
    if (form_key((const char *const *)added->words, added->lens, added->n, &key) < 0)
        goto out;
    s = table_find(&v->forms, key.data, key.len);
    if (s) {
        s->group = gi;
        s->form = fi;
    } else if (table_insert(&v->forms, key.data, key.len, gi, fi) < 0 ||
               (!table_find(&v->firsts, added->words[0], added->lens[0]) &&
                table_insert(&v->firsts, added->words[0], added->lens[0], 0, 0) < 0)) {
        goto out;
    }
    if (added->n > v->max_words) v->max_words = added->n;
    rc = 0;
out:
    form_free(&b);
    form_free(&f);
    xn_strbuf_free(&key);
    return rc;
}
