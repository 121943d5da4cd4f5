/* acronyms.c - see acronyms.h. */
#include "acronyms.h"
#include "grow.h"
#include "database.h"
#include "schema.h"
#include "sort.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "xapian_shim_terms.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TERM_BYTES 245 /* Xapian's limit on a term */
#define MAX_PAREN_BYTES 240 /* the longest "(expansion)" looked at */

/* ---- finding definitions --------------------------------------------- */

typedef struct {
    size_t start, end;
} span_t;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters that end an expansion. */
static int is_stop(unsigned char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == '"' || c == '(' || c == ')' || c == '[' ||
           c == ']' || c == '{' || c == '}';
}

/* Characters between two words of one expansion other than spaces. */
static int is_joiner(unsigned char c)
{
    return c == '-' || c == '/';
}

static int in_word(unsigned char c)
{
    return !is_space(c) && !is_stop(c) && !is_joiner(c);
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether S (N bytes) may be an acronym: 2 to 10 ASCII letters, the first
 * a capital, at least two capitals. */
static int is_acronym(const char *s, size_t n)
{
    if (n < 2 || n > XN_ACRONYM_MAX_LETTERS || !is_upper((unsigned char)s[0]))
        return 0;
    int capitals = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_upper(c)) capitals++;
        else if (!(c >= 'a' && c <= 'z')) return 0;
    }
    return capitals >= 2;
}

/* The small words an expansion may hold between its capitalised words. */
static int is_function_word(const char *s, size_t n)
{
    static const char *const words[] = {"of", "the", "and", "for", "on", "in",
                                        "at", "to", "by", "a", "an", "de", "&"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0) return 1;
    return 0;
}

/* What spells() found for (I, J): 0 not yet known, 1 yes, 2 no. Small
 * words may stand for a letter or not, so without it a run of them would
 * take exponential time. */
typedef unsigned char spell_memo[XN_ACRONYM_MAX_LETTERS + 1][XN_ACRONYM_MAX_WORDS + 1];

/* Whether the words W[J..M) of TEXT spell the letters L[I..K). */
static int spells(const char *L, size_t k, size_t i, const char *text,
                  const span_t *w, size_t j, size_t m, spell_memo memo)
{
    if (j == m) return i == k;
    if (memo[i][j]) return memo[i][j] == 1;
    const char *s = text + w[j].start;
    size_t n = w[j].end - w[j].start;
    int ok;
    if (is_function_word(s, n))
        ok = spells(L, k, i, text, w, j + 1, m, memo) ||
             (i < k && lower((unsigned char)L[i]) == lower((unsigned char)s[0]) &&
              spells(L, k, i + 1, text, w, j + 1, m, memo));
    else /* a capitalised word stands for the next letter */
        ok = is_upper((unsigned char)s[0]) && i < k &&
             lower((unsigned char)L[i]) == lower((unsigned char)s[0]) &&
             spells(L, k, i + 1, text, w, j + 1, m, memo);
    memo[i][j] = ok ? 1 : 2;
    return ok;
}

/* "Office of Personnel Management (OPM)": the '(' at P, ')' at Q. */
static int define_before(const char *text, size_t p, size_t q,
                         xn_acronym_def *d)
{
    const char *L = text + p + 1;
    size_t k = q - p - 1;
    if (!is_acronym(L, k)) return 0;
    span_t w[XN_ACRONYM_MAX_WORDS];
    size_t m = 0, max = 2 * k + 2;
    if (max > XN_ACRONYM_MAX_WORDS) max = XN_ACRONYM_MAX_WORDS;
    size_t x = p;
    while (m < max) {
        while (x > 0 && is_space((unsigned char)text[x - 1])) x--;
        if (x == 0 || !in_word((unsigned char)text[x - 1])) break;
        size_t end = x;
        while (x > 0 && in_word((unsigned char)text[x - 1])) x--;
        w[m++] = (span_t){x, end};
        if (x > 0 && is_joiner((unsigned char)text[x - 1])) x--;
        else if (x > 0 && !is_space((unsigned char)text[x - 1])) break;
    }
    /* W runs backwards: put it in text order */
    for (size_t i = 0; i < m / 2; i++) {
        span_t t = w[i];
        w[i] = w[m - 1 - i];
        w[m - 1 - i] = t;
    }
    if (m == 0 || is_function_word(text + w[m - 1].start, w[m - 1].end - w[m - 1].start))
        return 0; /* "Bank of (BO)": an expansion ends with a word of its own */
    spell_memo memo;
    memset(memo, 0, sizeof memo);
    for (size_t s = m; s-- > 0;) {
        const char *first = text + w[s].start;
        if (is_function_word(first, w[s].end - w[s].start) ||
            lower((unsigned char)first[0]) != lower((unsigned char)L[0]))
            continue;
        if (spells(L, k, 0, text, w, s, m, memo)) {
            *d = (xn_acronym_def){p + 1, k, w[s].start, w[m - 1].end - w[s].start};
            return 1;
        }
    }
    return 0;
}

/* "OPM (Office of Personnel Management)": the '(' at P, ')' at Q. */
static int define_inside(const char *text, size_t p, size_t q,
                         xn_acronym_def *d)
{
    size_t x = p;
    while (x > 0 && is_space((unsigned char)text[x - 1])) x--;
    size_t end = x;
    while (x > 0 && in_word((unsigned char)text[x - 1])) x--;
    if (!is_acronym(text + x, end - x)) return 0;
    const char *L = text + x;
    size_t k = end - x;
    span_t w[XN_ACRONYM_MAX_WORDS];
    size_t m = 0;
    for (size_t i = p + 1; i < q;) {
        unsigned char c = (unsigned char)text[i];
        if (is_space(c) || is_joiner(c)) {
            i++;
            continue;
        }
        if (is_stop(c) || m == XN_ACRONYM_MAX_WORDS) return 0;
        size_t start = i;
        while (i < q && in_word((unsigned char)text[i])) i++;
        w[m++] = (span_t){start, i};
    }
    spell_memo memo;
    memset(memo, 0, sizeof memo);
    if (m < 2 || is_function_word(text + w[0].start, w[0].end - w[0].start) ||
        is_function_word(text + w[m - 1].start, w[m - 1].end - w[m - 1].start) ||
        !spells(L, k, 0, text, w, 0, m, memo))
        return 0;
    *d = (xn_acronym_def){x, k, w[0].start, w[m - 1].end - w[0].start};
    return 1;
}

int xn_acronyms_scan(const char *text, size_t len,
                     int (*fn)(void *ctx, const xn_acronym_def *d), void *ctx)
{
    const char *p = text, *end = text + len;
    while (p < end && (p = memchr(p, '(', (size_t)(end - p))) != NULL) {
        size_t at = (size_t)(p - text);
        size_t limit = len - at > MAX_PAREN_BYTES ? MAX_PAREN_BYTES : len - at;
        const char *close = memchr(p + 1, ')', limit - 1);
        p++;
        if (!close) continue;
        size_t q = (size_t)(close - text);
        xn_acronym_def d;
        if (define_before(text, at, q, &d) || define_inside(text, at, q, &d)) {
            int rc = fn(ctx, &d);
            if (rc) return rc;
        }
    }
    return 0;
}

/* ---- storing them ------------------------------------------------------- */

typedef struct {
    xn_strbuf *out;
    int words, failed;
} join_ctx;

static int join_word(void *vctx, const xn_token *t)
{
    join_ctx *c = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if ((c->words++ && xn_strbuf_putc(c->out, ' ') < 0) ||
        xn_strbuf_append(c->out, t->term, t->len) < 0) {
        c->failed = 1;
        return 1;
    }
    return 0;
}

size_t xn_acronyms_term(const char *text, const xn_acronym_def *d,
                        xn_strbuf *out)
{
    char folded[XN_ACRONYM_MAX_LETTERS * 4 + 1];
    size_t n = xn_fold(text + d->acronym_start, d->acronym_len, folded, sizeof folded);
    xn_strbuf_reset(out);
    if (n == (size_t)-1 || n == 0 || xn_strbuf_puts(out, XN_PREFIX_ACRONYM) < 0 ||
        xn_strbuf_append(out, folded, n) < 0 || xn_strbuf_putc(out, ' ') < 0)
        return 0;
    join_ctx c = {out, 0, 0};
    xn_tokenize(text + d->expansion_start, d->expansion_len, join_word, &c);
    if (c.failed || c.words < 2 || out->len > MAX_TERM_BYTES) return 0;
    return out->len;
}

typedef struct {
    xs_doc *doc;
    const char *text;
    xn_strbuf term;
    xs_error xe;
    int failed;
} index_ctx;

static int index_one(void *vctx, const xn_acronym_def *d)
{
    index_ctx *c = vctx;
    size_t n = xn_acronyms_term(c->text, d, &c->term);
    if (n && xs_doc_add_term(c->doc, c->term.data, n, 0, &c->xe) < 0) {
        c->failed = 1;
        return 1;
    }
    return 0;
}

xapnews_status_t xn_acronyms_index(xs_doc *doc, const char *text, size_t len,
                                   xn_error *err)
{
    index_ctx c = {doc, text, XN_STRBUF_INIT, {XS_OK, ""}, 0};
    xn_acronyms_scan(text, len, index_one, &c);
    xn_strbuf_free(&c.term);
    if (c.failed) return xn_error_from_shim(err, &c.xe, "cannot record an acronym");
    return XAPNEWS_STATUS_SUCCESS;
}

/* ---- the table of a database ------------------------------------------------ */

typedef struct {
    char *acronym;   /* one allocation: acronym, NUL, expansion, NUL */
    char *expansion;
    unsigned long count;
    int dominant; /* the acronym's most frequent definition (or tied) */
} def_t;

struct xn_acronyms {
    def_t *d; /* by acronym, then count (descending), then expansion */
    size_t n, cap;
    const def_t **by_expansion; /* the dominant definitions, by expansion */
    size_t n_by_expansion;
    size_t max_words; /* most words of an expansion */
};

xn_acronyms *xn_acronyms_new(void)
{
    return calloc(1, sizeof(xn_acronyms));
}

void xn_acronyms_free(xn_acronyms *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) free(t->d[i].acronym);
    free(t->d);
    free(t->by_expansion);
    free(t);
}

int xn_acronyms_add(xn_acronyms *t, const char *def, size_t len,
                    unsigned long count)
{
    const char *space = memchr(def, ' ', len);
    if (!space || space == def || space + 1 == def + len) return 1;
    def_t *d = xn_grow(t->d, &t->cap, t->n + 1, sizeof *d, 64);
    if (!d) return -1;
    t->d = d;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, def, len);
    copy[len] = '\0';
    size_t alen = (size_t)(space - def);
    copy[alen] = '\0';
    t->d[t->n++] = (def_t){copy, copy + alen + 1, count, 0};
    return 0;
}

static int cmp_def(const void *a, const void *b)
{
    const def_t *x = a, *y = b;
    int c = strcmp(x->acronym, y->acronym);
    if (c) return c;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->expansion, y->expansion);
}

static int cmp_expansion(const void *a, const void *b)
{
    const def_t *x = *(const def_t *const *)a, *y = *(const def_t *const *)b;
    int c = strcmp(x->expansion, y->expansion);
    return c ? c : strcmp(x->acronym, y->acronym);
}

int xn_acronyms_finish(xn_acronyms *t)
{
    if (!t->n) return 0;
    /* merge repeated definitions (a term read from several shards) */
    for (int pass = 0; pass < 2; pass++) {
        qsort(t->d, t->n, sizeof *t->d, cmp_def);
        size_t out = 0;
        for (size_t i = 0; i < t->n; i++) {
            if (out && strcmp(t->d[out - 1].acronym, t->d[i].acronym) == 0 &&
                strcmp(t->d[out - 1].expansion, t->d[i].expansion) == 0) {
                t->d[out - 1].count += t->d[i].count;
                free(t->d[i].acronym);
                continue;
            }
            t->d[out++] = t->d[i];
        }
        t->n = out;
    }
    t->n_by_expansion = 0;
    free(t->by_expansion);
    if (!(t->by_expansion = malloc(t->n * sizeof *t->by_expansion))) return -1;
    for (size_t i = 0; i < t->n;) {
        size_t j = i;
        while (j < t->n && strcmp(t->d[j].acronym, t->d[i].acronym) == 0) {
            t->d[j].dominant = t->d[j].count == t->d[i].count;
            if (t->d[j].dominant) t->by_expansion[t->n_by_expansion++] = &t->d[j];
            size_t words = 1;
            for (const char *s = t->d[j].expansion; *s; s++) words += *s == ' ';
            if (words > t->max_words) t->max_words = words;
            j++;
        }
        i = j;
    }
    qsort(t->by_expansion, t->n_by_expansion, sizeof *t->by_expansion, cmp_expansion);
    return 0;
}

size_t xn_acronyms_count(const xn_acronyms *t)
{
    return t ? t->n : 0;
}

void xn_acronyms_get(const xn_acronyms *t, size_t i, const char **acronym,
                     const char **expansion, unsigned long *count)
{
    *acronym = t->d[i].acronym;
    *expansion = t->d[i].expansion;
    *count = t->d[i].count;
}

typedef struct {
    xn_acronyms *t;
    size_t prefix_len;
    int nomem;
} load_ctx;

static int load_term(void *vctx, const char *term, size_t len,
                     unsigned long termfreq, unsigned long collfreq)
{
    load_ctx *c = vctx;
    (void)collfreq;
    if (termfreq == 0) return 0;
    if (xn_acronyms_add(c->t, term + c->prefix_len, len - c->prefix_len, termfreq) < 0) {
        c->nomem = 1;
        return 1;
    }
    return 0;
}

xapnews_status_t xn_acronyms_load(xs_db *db, xn_acronyms **out, xn_error *err)
{
    *out = NULL;
    load_ctx c = {xn_acronyms_new(), strlen(XN_PREFIX_ACRONYM), 0};
    if (!c.t) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xs_error xe;
    if (xs_terms_each(db, XN_PREFIX_ACRONYM, load_term, &c, &xe) < 0 && !c.nomem) {
        xn_acronyms_free(c.t);
        return xn_error_from_shim(err, &xe, "cannot read the acronyms of the index");
    }
    if (c.nomem || xn_acronyms_finish(c.t) < 0) {
        xn_acronyms_free(c.t);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    if (c.t->n == 0) xn_acronyms_free(c.t);
    else *out = c.t;
    return XAPNEWS_STATUS_SUCCESS;
}

/* The first definition whose acronym is KEY (LEN bytes), or T->N. */
static size_t find_acronym(const xn_acronyms *t, const char *key, size_t len)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *a = t->d[mid].acronym;
        size_t al = strlen(a);
        if (xn_bytes_compare(a, al, key, len) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

size_t xn_acronyms_match(const xn_acronyms *t, const char *const *words,
                         const size_t *lens, size_t n, int acronym_ok,
                         size_t *length, const char **alts, size_t max)
{
    if (!t || n == 0 || max == 0) return 0;
    /* an expansion, the longest first */
    char key[MAX_TERM_BYTES + 1];
    size_t most = n < t->max_words ? n : t->max_words;
    for (size_t len = most; len >= 2; len--) {
        size_t klen = 0;
        int fits = 1;
        for (size_t i = 0; i < len && fits; i++) {
            if (klen + lens[i] + 1 > sizeof key) fits = 0;
            else {
                if (i) key[klen++] = ' ';
                memcpy(key + klen, words[i], lens[i]);
                klen += lens[i];
            }
        }
        if (!fits) continue;
        key[klen] = '\0';
        size_t lo = 0, hi = t->n_by_expansion;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(t->by_expansion[mid]->expansion, key) < 0) lo = mid + 1;
            else hi = mid;
        }
        size_t got = 0;
        for (size_t k = lo; k < t->n_by_expansion && got < max &&
                            strcmp(t->by_expansion[k]->expansion, key) == 0;
             k++)
            alts[got++] = t->by_expansion[k]->acronym;
        if (got) {
            *length = len;
            return got;
        }
    }
    /* an acronym */
    size_t got = 0;
    if (!acronym_ok) return 0;
    for (size_t k = find_acronym(t, words[0], lens[0]);
         k < t->n && got < max && strlen(t->d[k].acronym) == lens[0] &&
         memcmp(t->d[k].acronym, words[0], lens[0]) == 0;
         k++)
        alts[got++] = t->d[k].expansion;
    if (got) *length = 1;
    return got;
}

/* ---- the public listing (xapnews.h) -------------------------------------- */

size_t xapnews_database_acronym_count(const xapnews_database_t *db)
{
    return db ? xn_acronyms_count(xn_database_tables(db)->acronyms) : 0;
}

const char *xapnews_database_acronym(const xapnews_database_t *db, size_t i,
                                     const char **expansion,
                                     unsigned long *count)
{
    const xn_acronyms *t = db ? xn_database_tables(db)->acronyms : NULL;
    if (!t || i >= t->n || !expansion || !count) return NULL;
    const char *acronym;
    xn_acronyms_get(t, i, &acronym, expansion, count);
    return acronym;
}
