/* typos.c - see typos.h. */
#include "typos.h"
#include "grow.h"

#include "distance.h"
#include "lexicon.h"
#include "names.h"
#include "strbuf.h"
#include "tokenizer.h"

#include <utf8proc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void xn_typos_free(xn_typos *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->t[i].word);
        free(t->t[i].name);
    }
    free(t->t);
    t->t = NULL;
    t->n = 0;
}

/* A query word that may be searched also as a name. */
typedef struct {
    char term[XN_TOKEN_MAX_BYTES + 1];
    size_t len, start, end;
    int capitalised;
} qword;

typedef struct {
    size_t offset;     /* of the text being read, in the query */
    const char *query; /* the query text */
    qword *w;
    size_t n, cap;
    int lower_case; /* the query is in capitals: no word is a name */
} qwords;

static int collect(void *vctx, const xn_token *t)
{
    qwords *c = vctx;
    if (t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_NUMBER | XN_TOKEN_ACRONYM |
                    XN_TOKEN_CJK | XN_TOKEN_CURRENCY | XN_TOKEN_CURRENCY_WORD |
                    XN_TOKEN_SCALE_WORD))
        return 0;
    for (size_t i = 0; i < t->len; i++) {
        unsigned char ch = (unsigned char)t->term[i];
        if (ch < 0x80 && !(ch >= 'a' && ch <= 'z')) return 0;
    }
    qword *grown = xn_grow(c->w, &c->cap, c->n + 1, sizeof *grown, 8);
    if (!grown) return -1;
    c->w = grown;
    qword *w = &c->w[c->n++];
    memcpy(w->term, t->term, t->len);
    w->term[t->len] = '\0';
    w->len = t->len;
    w->start = c->offset + t->start;
    w->end = c->offset + t->end;
    w->capitalised = !c->lower_case && (t->flags & XN_TOKEN_CAPITALISED) != 0;
    return 0;
}

/* One word that typo tolerance may offer as a name. */
typedef struct {
    const char *word; /* folded, in its lexicon's storage */
    uint32_t letters; /* its ASCII letters, one bit each */
    uint8_t len;      /* bytes */
} name_entry;

/* Words grouped by length: those of N code points are e[first[N]] to
 * e[first[N + 1] - 1]. */
typedef struct {
    name_entry *e;
    size_t first[XN_DISTANCE_MAX_CHARS + 2];
} name_group;

/* A group being built from a lexicon. */
typedef struct {
    name_group *g;
    unsigned long min_count; /* the fewest counts taken */
    size_t at[XN_DISTANCE_MAX_CHARS + 1]; /* next free entry per length */
} group_fill;

struct xn_typo_names {
    xn_lexicon *lex;       /* the database's name lexicon */
    xn_lexicon *officials; /* the words of the officials' names */
    name_group lexicon_names, official_names;
};

void xn_typo_names_free(xn_typo_names *n)
{
    if (!n) return;
    xn_lexicon_free(n->lex);
    xn_lexicon_free(n->officials);
    free(n->lexicon_names.e);
    free(n->official_names.e);
    free(n);
}

/* The ASCII letters of S, one bit each. */
static uint32_t letter_set(const char *s, size_t len)
{
    uint32_t set = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'a' && ch <= 'z') set |= 1u << (ch - 'a');
    }
    return set;
}

/* The length of WORD in code points, or 0 when it cannot be offered:
 * counted fewer than F's minimum, too long to compare, or not UTF-8. */
static size_t name_chars(const group_fill *f, const char *word, size_t len,
                         unsigned long count)
{
    if (count < f->min_count || len == 0 || len > XN_TOKEN_MAX_BYTES) return 0;
    uint32_t cps[XN_DISTANCE_MAX_CHARS];
    size_t nc = xn_utf8_decode(word, len, cps, XN_DISTANCE_MAX_CHARS);
    return nc == (size_t)-1 ? 0 : nc;
}

static int count_name(void *vctx, const char *word, size_t len, unsigned long count)
{
    group_fill *f = vctx;
    size_t nc = name_chars(f, word, len, count);
    if (nc) f->g->first[nc + 1]++;
    return 0;
}

static int place_name(void *vctx, const char *word, size_t len, unsigned long count)
{
    group_fill *f = vctx;
    size_t nc = name_chars(f, word, len, count);
    if (!nc) return 0;
    name_entry *e = &f->g->e[f->at[nc]++];
    e->word = word;
    e->len = (uint8_t)len;
    e->letters = letter_set(word, len);
    return 0;
}

/* Fills G with the words of LEX counted at least MIN_COUNT times (LEX
 * must outlive G). Returns 0, or -1 when memory runs out. */
static int group_build(name_group *g, const xn_lexicon *lex, unsigned long min_count)
{
    memset(g, 0, sizeof *g);
    group_fill f = {g, min_count, {0}};
    xn_lexicon_each(lex, count_name, &f);
    for (size_t k = 1; k < XN_DISTANCE_MAX_CHARS + 2; k++) g->first[k] += g->first[k - 1];
    size_t total = g->first[XN_DISTANCE_MAX_CHARS + 1];
    g->e = malloc((total ? total : 1) * sizeof *g->e);
    if (!g->e) return -1;
    memcpy(f.at, g->first, sizeof f.at);
    xn_lexicon_each(lex, place_name, &f);
    return 0;
}

static int add_official_word(void *vctx, const xn_token *t)
{
    if (t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_NUMBER)) return 0;
    return xn_lexicon_add(vctx, t->term, t->len, 1);
}

/* Loads the name lexicon of DB (opened from PATH) and the words of the
 * officials' names in TABLES (may be NULL), each grouped by length. */
static xapnews_status_t names_load(xs_db *db, const char *path, const xn_tables *tables,
                                   xn_typo_names **out, xn_error *err)
{
    xn_typo_names *n = calloc(1, sizeof *n);
    if (!n) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xapnews_status_t st = xn_lexicon_load(db, path, &n->lex, err);
    if (st) {
        free(n);
        return st;
    }
    int bad = !(n->officials = xn_lexicon_new());
    const xn_names *officials = tables ? tables->officials : NULL;
    for (size_t k = 0; k < xn_names_count(officials) && !bad; k++) {
        const xn_name *e = xn_names_get(officials, k);
        for (size_t v = 0; v <= e->n_variants && !bad; v++) {
            const char *name = v == 0 ? e->canonical : e->variants[v - 1];
            bad = xn_tokenize(name, strlen(name), add_official_word, n->officials) != 0;
        }
    }
    if (bad || group_build(&n->lexicon_names, n->lex, XN_TYPO_NAME_MIN) < 0 ||
        group_build(&n->official_names, n->officials, 0) < 0) {
        xn_typo_names_free(n);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    *out = n;
    return XAPNEWS_STATUS_SUCCESS;
}

typedef struct {
    xs_db *db;
    xn_stemmer *stemmer;
    const qword *word;
    unsigned long word_df;
    unsigned budget;
    char best[XN_TOKEN_MAX_BYTES + 1];
    unsigned best_distance;
    unsigned long best_df;
    xn_error *err;
    int failed;
    uint32_t letters; /* the ASCII letters of the word, one bit each */
    size_t nchars;    /* the word's length in code points */
} search_ctx;

static unsigned bit_count(uint32_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_popcount(x);
#else
    unsigned n = 0;
    for (; x; x &= x - 1) n++;
    return n;
#endif
}

/* Whether a name of ASCII letters SET may be within C's edit budget of
 * the word, by a cheap test that never rejects a name within it: each edit
 * adds or removes at most one distinct letter. */
static int letters_close(const search_ctx *c, uint32_t set)
{
    return bit_count(set & ~c->letters) <= c->budget &&
           bit_count(c->letters & ~set) <= c->budget;
}

static int same_stem(xn_stemmer *s, const char *a, size_t alen, const char *b,
                     size_t blen)
{
    if (!s) return 0;
    char sa[XN_TOKEN_MAX_BYTES * 2 + 8];
    size_t n;
    const char *x = xn_stemmer_stem(s, a, alen, &n);
    if (!x || n >= sizeof sa) return 0;
    memcpy(sa, x, n);
    const char *y = xn_stemmer_stem(s, b, blen, &blen);
    return y && blen == n && memcmp(sa, y, n) == 0;
}

/* Considers NAME (LEN bytes, folded, NCHARS code points), which passed
 * the cheap tests, for the current word. */
static int consider_close(search_ctx *c, const char *name, size_t len, size_t nchars)
{
    if (len == c->word->len && memcmp(name, c->word->term, len) == 0) return 0;
    unsigned d = xn_distance_utf8(c->word->term, c->word->len, name, len, c->budget);
    if (d == 0 || d > c->budget || d > c->best_distance) return 0;
    if (xn_distance_budget(nchars) < d) return 0;
    if (same_stem(c->stemmer, c->word->term, c->word->len, name, len)) return 0;
    unsigned long df = 0;
    xs_error xe;
    if (xs_db_termfreq(c->db, name, len, &df, &xe) < 0) {
        xn_error_from_shim(c->err, &xe, NULL);
        c->failed = 1;
        return -1;
    }
    if (df < 2 || df <= c->word_df) return 0;
    if (d < c->best_distance || df > c->best_df ||
        (df == c->best_df && strcmp(name, c->best) < 0)) {
        memcpy(c->best, name, len);
        c->best[len] = '\0';
        c->best_distance = d;
        c->best_df = df;
    }
    return 0;
}

/* Considers the words of G within C's edit budget of the word in length
 * and letters. */
static int consider_group(search_ctx *c, const name_group *g)
{
    size_t lo = c->nchars > c->budget ? c->nchars - c->budget : 0;
    size_t hi = c->nchars + c->budget;
    if (hi > XN_DISTANCE_MAX_CHARS) hi = XN_DISTANCE_MAX_CHARS;
    for (size_t nc = lo; nc <= hi && !c->failed; nc++) {
        for (size_t i = g->first[nc]; i < g->first[nc + 1]; i++) {
            const name_entry *e = &g->e[i];
            if (letters_close(c, e->letters) && consider_close(c, e->word, e->len, nc) < 0)
                return -1;
        }
    }
    return 0;
}

/* Whether the lexicon's word is a name: capitalised in most of its
 * occurrences. Checked only for the chosen word, which is cheap. */
static int mostly_capitalised(xs_db *db, const xn_lexicon *lex, const char *w,
                              int *is_name, xn_error *err)
{
    unsigned long caps = xn_lexicon_get(lex, w, strlen(w));
    *is_name = 0;
    if (caps < XN_TYPO_NAME_MIN) return 0;
    /* occurrences: the sum of the word's wdf is not in the shim; documents
     * are a lower bound of occurrences, so compare with those */
    unsigned long df = 0;
    xs_error xe;
    if (xs_db_termfreq(db, w, strlen(w), &df, &xe) < 0) {
        xn_error_from_shim(err, &xe, NULL);
        return -1;
    }
    *is_name = caps * 2 >= df;
    return 0;
}

/* A copy of the folded WORD with its first letter in upper case, as the
 * query word was typed (malloc'd; NULL when memory runs out). */
static char *capitalised(const char *word)
{
    utf8proc_int32_t cp;
    size_t len = strlen(word);
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)word,
                                          (utf8proc_ssize_t)(len > 4 ? 4 : len), &cp);
    if (n <= 0) return xn_strdup(word);
    utf8proc_uint8_t upper[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), upper);
    char *out = malloc(len - (size_t)n + (size_t)m + 1);
    if (!out) return NULL;
    memcpy(out, upper, (size_t)m);
    memcpy(out + m, word + n, len - (size_t)n + 1);
    return out;
}

/* Collects the words of a searched text node: values of id:, date: and
 * outlet: are filters and excluded words are not searched, so neither is
 * read; a field value replaced by a canonical name needs no correction. */
static int collect_node(void *ctx, xn_qnode *n)
{
    qwords *words = ctx;
    if (n->owned) return 0;
    words->offset = (size_t)(n->text - words->query);
    return xn_tokenize(n->text, n->len, collect, words) != 0;
}

xapnews_status_t xn_typos_find(xs_db *db, const char *path,
                               xn_typo_names **names, const xn_tables *tables, xn_stemmer *stemmer,
                               xn_qtree *tree, xn_typos *out, xn_error *err)
{
    xn_typos_free(out);
    qwords words = {0, tree->text, NULL, 0, 0, tree->capitals};
    if (xn_qtree_each_searched_text(tree, collect_node, &words) != 0) {
        free(words.w);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    const char *text = tree->text;
    xn_typo_names *known = *names;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (size_t i = 0; i < words.n && !st; i++) {
        const qword *w = &words.w[i];
        uint32_t cps[XN_DISTANCE_MAX_CHARS];
        size_t nc = xn_utf8_decode(w->term, w->len, cps, XN_DISTANCE_MAX_CHARS);
        if (nc == (size_t)-1 || xn_distance_budget(nc) == 0) continue;
        unsigned long df = 0;
        xs_error xe;
        if (xs_db_termfreq(db, w->term, w->len, &df, &xe) < 0) {
            st = xn_error_from_shim(err, &xe, NULL);
            break;
        }
        if (df > XN_TYPO_RARE_DOCS) continue;
        if (!known && (st = names_load(db, path, tables, &known, err))) break;
        const xn_lexicon *lex = known->lex;
        /* a lower-case word the index holds, and not as a name, is an
         * ordinary word */
        if (df > 0 && !w->capitalised && xn_lexicon_get(lex, w->term, w->len) * 2 < df)
            continue;
        search_ctx c = {db, stemmer, w, df, xn_distance_budget(nc), "", 1000, 0, err, 0, 0, nc};
        c.letters = letter_set(w->term, w->len);
        /* the officials' names first, then the lexicon's */
        consider_group(&c, &known->official_names);
        char official[XN_TOKEN_MAX_BYTES + 1];
        unsigned official_distance = c.best_distance;
        strcpy(official, c.best);
        if (!c.failed) consider_group(&c, &known->lexicon_names);
        if (c.failed) st = err->status;
        if (st || !*c.best) continue;
        if (strcmp(c.best, official) != 0 || official_distance != c.best_distance) {
            int is_name;
            if (mostly_capitalised(db, lex, c.best, &is_name, err) < 0) {
                st = err->status;
                break;
            }
            if (!is_name) {
                if (!*official) continue;
                strcpy(c.best, official);
            }
        }
        xn_typo *grown = realloc(out->t, (out->n + 1) * sizeof *grown);
        if (!grown) {
            st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            break;
        }
        out->t = grown;
        xn_typo *t = &out->t[out->n];
        t->word = xn_strndup(text + w->start, w->end - w->start);
        t->name = w->capitalised ? capitalised(c.best) : xn_strdup(c.best);
        t->start = w->start;
        t->end = w->end;
        if (!t->word || !t->name) {
            free(t->word);
            free(t->name);
            st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            break;
        }
        out->n++;
    }
    *names = known;
    free(words.w);
    if (st) xn_typos_free(out);
    return st;
}

char *xn_typos_rewrite(const char *text, const xn_typos *t)
{
    xn_strbuf b = XN_STRBUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->t[i].start < at) continue;
        if (xn_strbuf_append(&b, text + at, t->t[i].start - at) < 0 ||
            xn_strbuf_puts(&b, t->t[i].name) < 0) {
            xn_strbuf_free(&b);
            return NULL;
        }
        at = t->t[i].end;
    }
    if (xn_strbuf_puts(&b, text + at) < 0) {
        xn_strbuf_free(&b);
        return NULL;
    }
    return xn_strbuf_take(&b);
}

typedef struct {
    const char *query;
    const xn_typos *t;
} correct_ctx;

/* Gives text node N its corrected text when a typo lies in it. */
static int correct_node(void *vctx, xn_qnode *n)
{
    correct_ctx *c = vctx;
    if (n->owned) return 0;
    size_t from = (size_t)(n->text - c->query), to = from + n->len;
    xn_strbuf b = XN_STRBUF_INIT;
    size_t at = from;
    for (size_t i = 0; i < c->t->n; i++) {
        const xn_typo *t = &c->t->t[i];
        if (t->start < at || t->end > to) continue;
        if (xn_strbuf_append(&b, c->query + at, t->start - at) < 0 ||
            xn_strbuf_puts(&b, t->name) < 0)
            goto nomem;
        at = t->end;
    }
    if (at == from) return 0;
    if (xn_strbuf_append(&b, c->query + at, to - at) < 0) goto nomem;
    free(n->corrected);
    n->corrected = xn_strbuf_take(&b);
    return 0;
nomem:
    xn_strbuf_free(&b);
    return -1;
}

int xn_qtree_correct(xn_qtree *tree, const xn_typos *t, xn_error *err)
{
    correct_ctx c = {tree->text, t};
    if (!t->n || xn_qtree_each_searched_text(tree, correct_node, &c) == 0) return 0;
    xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return -1;
}
