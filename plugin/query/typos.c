/* typos.c - see typos.h. */
#include "typos.h"
#include "grow.h"

#include "distance.h"
#include "lexicon.h"
#include "name_distance.h"
#include "phonetic.h"
#include "phonetic_index.h"
#include "schema.h"
#include "xapian_shim_spelling.h"
#include "names.h"
#include "strbuf.h"
#include "tokenizer.h"

#include <utf8proc.h>

#include <stdint.h>
#include <limits.h>
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

/* The longest name compared, in bytes (as xn_name_distance()). */
#define NAME_MAX_BYTES XN_NAME_MAX_BYTES

/* The tags of the names in the trie: a word of an official's name (a name
 * whatever its case in the text), a word of the name lexicon. */
enum { TAG_OFFICIAL = 1, TAG_LEXICON = 2 };

struct xn_typo_names {
    xn_name_costs costs;   /* of xn_name_distance(), made once */
    xn_lexicon_reader *lex; /* the database's name lexicon */
    xn_lexicon *officials;  /* the words of the officials' names */
    /* both, tagged (TAG_*), made when a word is first compared with them */
    xn_name_trie *names;
    xn_phonetic_index *sounds; /* the same names, by sound */
    /* whether NAMES weigh their counts (see names_fill()), and else the
     * words whose walk over them the counts would have cut short */
    int weighed;
    unsigned light_walks;
};

/* The walks without counts a set of names takes before reading them. */
#define UNWEIGHED_WALKS 64

void xn_typo_names_free(xn_typo_names *n)
{
    if (!n) return;
    xn_lexicon_reader_free(n->lex);
    xn_lexicon_free(n->officials);
    xn_name_trie_free(n->names);
    xn_phonetic_index_free(n->sounds);
    free(n);
}

int xn_typo_names_weighed(const xn_typo_names *n)
{
    return n && n->names && n->weighed;
}

typedef struct {
    xn_typo_names *names;
    unsigned tag;
    size_t uncounted; /* names given without their count */
} trie_fill;

/* A lexicon name weighs its count (capitalised articles), an official's
 * word and a name whose count is not read (consider_name() reads it) the
 * most: see consider_names(). */
static int add_name(void *vctx, const char *word, size_t len, unsigned long count)
{
    trie_fill *f = vctx;
    if (count == 0) return 0;
    if (count == XN_LEXICON_UNCOUNTED) f->uncounted++;
    unsigned weight = f->tag == TAG_OFFICIAL || count > UINT_MAX ? UINT_MAX : (unsigned)count;
    return xn_name_trie_add(f->names->names, word, len, f->tag, weight) < 0 ||
           xn_phonetic_index_add(f->names->sounds, word, len, f->tag, weight) < 0;
}

static int add_official_word(void *vctx, const xn_token *t)
{
    if (t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_NUMBER)) return 0;
    return xn_lexicon_add(vctx, t->term, t->len, 1);
}

/* Opens the name lexicon of DB (opened from PATH) and gathers the words of
 * the officials' names in TABLES (may be NULL); the trie is made by
 * names_fill() on first need. */
static xapnews_status_t names_open(xs_db *db, const char *path, const xn_tables *tables,
                                   xn_typo_names **out, xn_error *err)
{
    xn_typo_names *n = calloc(1, sizeof *n);
    if (!n) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xn_name_costs_init(&n->costs);
    xapnews_status_t st = xn_lexicon_reader_open(db, path, &n->lex, err);
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
    if (bad) {
        xn_typo_names_free(n);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    *out = n;
    return XAPNEWS_STATUS_SUCCESS;
}

/* Puts the officials' words and the lexicon's words of N in one trie and
 * one index of sounds. The first time, the lexicon's words come from their
 * keys alone (what a single search needs: it reads the counts of the
 * names it finds). Without counts, a walk for a word in an article or two
 * goes through the names in no more articles than the word too, which
 * consider_names() leaves out by their weight; once UNWEIGHED_WALKS such
 * walks were taken (a long-lived handle, such as a portal's), every count
 * is read at once and the names put in again, weighing their counts. */
static xapnews_status_t names_fill(xn_typo_names *n, xn_error *err)
{
    if (n->names && (n->weighed || n->light_walks < UNWEIGHED_WALKS))
        return XAPNEWS_STATUS_SUCCESS;
    if (n->names) {
        xapnews_status_t st = xn_lexicon_reader_read_whole(n->lex, err);
        if (st) return st;
        xn_name_trie_free(n->names);
        xn_phonetic_index_free(n->sounds);
    }
    n->names = xn_name_trie_new();
    n->sounds = xn_phonetic_index_new();
    trie_fill officials_fill = {n, TAG_OFFICIAL, 0}, lexicon_fill = {n, TAG_LEXICON, 0};
    int rc = !n->names || !n->sounds ||
             xn_lexicon_each(n->officials, add_name, &officials_fill) != 0;
    if (!rc) rc = xn_lexicon_reader_each(n->lex, add_name, &lexicon_fill, err);
    if (!rc && (xn_name_trie_finish(n->names) < 0 || xn_phonetic_index_finish(n->sounds) < 0))
        rc = 1;
    if (rc) {
        xn_name_trie_free(n->names);
        xn_phonetic_index_free(n->sounds);
        n->names = NULL;
        n->sounds = NULL;
        return rc < 0 ? err->status
                      : xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    n->weighed = lexicon_fill.uncounted == 0;
    return XAPNEWS_STATUS_SUCCESS;
}

/* A name (or word) the current query word may stand for. */
typedef struct {
    char word[XN_TOKEN_MAX_BYTES + 1];
    size_t len;
    unsigned cost;     /* xn_name_distance() units, phonetic bonus taken */
    unsigned long df;
    int ordinary;      /* a word of the spelling data, not a name */
} candidate;

typedef struct {
    xs_db *db;
    const xn_name_costs *costs;
    xn_lexicon_reader *lex;
    xn_stemmer *stemmer;
    const qword *word;
    unsigned long word_df;
    unsigned budget; /* the most a name may cost (name_distance.h units) */
    char key[XN_PHONETIC_MAX + 1]; /* the word's phonetic key */
    candidate best[XN_TYPO_MAX_NAMES];
    size_t n_best;
    xn_error *err;
    int failed;
} search_ctx;

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

/* COST in whole edits, rounded up. */
static unsigned edits(unsigned cost)
{
    return (cost + XN_NAME_EDIT - 1) / XN_NAME_EDIT;
}

/* Whether candidate X ranks before Y: fewer edits (counted whole), then
 * in more articles (a name many articles write is the likelier target),
 * then cheaper, then first in byte order. */
static int ranks_before(const candidate *x, const candidate *y)
{
    if (edits(x->cost) != edits(y->cost)) return edits(x->cost) < edits(y->cost);
    if (x->df != y->df) return x->df > y->df;
    if (x->cost != y->cost) return x->cost < y->cost;
    if (x->df != y->df) return x->df > y->df;
    return strcmp(x->word, y->word) < 0;
}

/* Puts X among C's best candidates when it ranks among them (once: an
 * official's word may be in the lexicon too). */
static void keep(search_ctx *c, const candidate *x)
{
    for (size_t k = 0; k < c->n_best; k++)
        if (strcmp(c->best[k].word, x->word) == 0) return;
    size_t at = c->n_best;
    while (at > 0 && ranks_before(x, &c->best[at - 1])) at--;
    if (at >= XN_TYPO_MAX_NAMES) return;
    size_t n = c->n_best < XN_TYPO_MAX_NAMES ? c->n_best : XN_TYPO_MAX_NAMES - 1;
    memmove(&c->best[at + 1], &c->best[at], (n - at) * sizeof *c->best);
    c->best[at] = *x;
    if (c->n_best < XN_TYPO_MAX_NAMES) c->n_best++;
}

static int termfreq(search_ctx *c, const char *w, size_t len, unsigned long *df)
{
    xs_error xe;
    if (xs_db_termfreq(c->db, w, len, df, &xe) < 0) {
        xn_error_from_shim(c->err, &xe, NULL);
        c->failed = 1;
        return -1;
    }
    return 0;
}

/* Considers NAME (LEN bytes, folded), COST from the current word, for
 * it; IS_OFFICIAL: a word of an official's name, a name whatever its case
 * in the text. */
static int consider_name(search_ctx *c, const char *name, size_t len, unsigned cost,
                         int is_official)
{
    const qword *w = c->word;
    if (len == w->len && memcmp(name, w->term, len) == 0) return 0;
    if (*c->key) { /* sounding alike is worth half an edit */
        char key[XN_PHONETIC_MAX + 1];
        xn_metaphone(name, len, key);
        if (strcmp(key, c->key) == 0) cost = cost > XN_NAME_EDIT / 2 ? cost - XN_NAME_EDIT / 2 : 1;
    }
    if (cost > c->budget) return 0;
    candidate x = {"", len, cost, 0, 0};
    if (c->n_best == XN_TYPO_MAX_NAMES &&
        edits(x.cost) > edits(c->best[XN_TYPO_MAX_NAMES - 1].cost))
        return 0; /* cannot rank: spare the lookups */
    /* a lower-case word is searched stemmed: a name of the same stem is
     * found already */
    if (!w->capitalised && same_stem(c->stemmer, w->term, w->len, name, len)) return 0;
    if (termfreq(c, name, len, &x.df) < 0) return -1;
    if (x.df == 0 || x.df <= c->word_df) return 0;
    if (!is_official) { /* a name: capitalised in most of its occurrences */
        unsigned long caps;
        if (xn_lexicon_reader_count(c->lex, name, len, &caps, c->err)) {
            c->failed = 1;
            return -1;
        }
        if (caps * 2 <= x.df) return 0;
    }
    memcpy(x.word, name, len);
    x.word[len] = '\0';
    keep(c, &x);
    return 0;
}

/* A name the trie search found within reach, considered as an
 * official's word, then as a lexicon name. */
static int on_name(void *vctx, const char *name, size_t len, unsigned tags, unsigned cost)
{
    search_ctx *c = vctx;
    if ((tags & TAG_OFFICIAL) && consider_name(c, name, len, cost, 1) < 0) return 1;
    if ((tags & TAG_LEXICON) && consider_name(c, name, len, cost, 0) < 0) return 1;
    return 0;
}

/* The lengths and weight a name needs for consider_names() (below). */
typedef struct {
    search_ctx *c;
    size_t min_len, max_len;
    unsigned min_weight;
} sound_reach;

/* A name that sounds like the word: considered when it costs more than
 * the budget and the half edit of sounding alike brings it within (the
 * trie search found the others). */
static int on_sound(void *vctx, const char *name, size_t len, unsigned tags, unsigned weight)
{
    sound_reach *r = vctx;
    search_ctx *c = r->c;
    if (len < r->min_len || len > r->max_len || weight < r->min_weight) return 0;
    unsigned max = c->budget + XN_NAME_EDIT / 2;
    unsigned cost = xn_name_distance(c->costs, name, len, c->word->term, c->word->len, max);
    if (cost <= c->budget || cost > max) return 0;
    return on_name(c, name, len, tags, cost);
}

/* Considers every name of NAMES within C's budget of the word, the
 * phonetic bonus included: those within the budget itself from the trie
 * (xn_name_trie_search()), those sounding like the word half an edit
 * further from the index of sounds. Only names within reach in length
 * (each half edit changes the length by one byte at most) that
 * consider_name() could keep: a lexicon name needs more articles than the
 * word (DF > WORD_DF) and capitals in more than half of them (2 x COUNT >
 * DF), so a COUNT of (WORD_DF + 3) / 2 at least; the lighter names, most
 * of the lexicon, are not walked. */
static int consider_names(search_ctx *c, xn_typo_names *names)
{
    size_t reach = 2 * c->budget / XN_NAME_EDIT + 1, n = c->word->len;
    unsigned long need = (c->word_df + 3) / 2;
    sound_reach r = {c, n > reach ? n - reach : 1, n + reach,
                     need > UINT_MAX ? UINT_MAX : (unsigned)need};
    if (!names->weighed && need > 1) names->light_walks++;
    int rc = xn_name_trie_search(c->costs, names->names, c->word->term, n, c->budget,
                                 r.min_len, r.max_len, r.min_weight, on_name, c);
    if (rc < 0) {
        xn_error_set(c->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        c->failed = 1;
    }
    if (!c->failed && *c->key) xn_phonetic_index_each(names->sounds, c->key, on_sound, &r);
    return c->failed ? -1 : 0;
}

/* The ordinary word the spelling data offers for the current word (two
 * edits at most), kept when it costs less than every name found (or, for
 * a word typed in lower case, no more). */
static int consider_ordinary(search_ctx *c)
{
    const qword *w = c->word;
    char *better = NULL;
    xs_error xe;
    if (xs_db_spelling_suggestion(c->db, w->term, 2, &better, &xe) < 0) {
        xn_error_from_shim(c->err, &xe, "cannot look for spelling corrections");
        c->failed = 1;
        return -1;
    }
    size_t len = better ? strlen(better) : 0;
    if (!len || len > XN_TOKEN_MAX_BYTES || (len == w->len && !memcmp(better, w->term, len))) {
        free(better);
        return 0;
    }
    candidate x = {"", len, xn_name_distance(c->costs, w->term, w->len, better, len, 1000), 0, 1};
    memcpy(x.word, better, len + 1);
    free(better);
    for (size_t k = 0; k < c->n_best; k++)
        if (strcmp(c->best[k].word, x.word) == 0) return 0; /* a name already */
    if (termfreq(c, x.word, len, &x.df) < 0) return -1;
    int wins = c->n_best == 0 || x.cost < c->best[0].cost ||
               (!w->capitalised && x.cost == c->best[0].cost);
    if (x.df > 0 && wins) { /* offered first; the names are still searched */
        size_t n = c->n_best < XN_TYPO_MAX_NAMES ? c->n_best : XN_TYPO_MAX_NAMES - 1;
        memmove(&c->best[1], &c->best[0], n * sizeof *c->best);
        c->best[0] = x;
        c->n_best = n + 1;
    }
    return 0;
}

/* Raises *DF to the articles holding W as written. */
static int raw_df(xs_db *db, const qword *w, unsigned long *df, xs_error *xe)
{
    unsigned long n = 0;
    if (xs_db_termfreq(db, w->term, w->len, &n, xe) < 0) return -1;
    if (n > *df) *df = n;
    return 0;
}

/* Raises *DF to the articles holding W's stem (Z term), which a word
 * typed in lower case is searched as: "breach" is no typo where articles
 * write only "breaches". */
static int stem_df(xs_db *db, xn_stemmer *stemmer, const qword *w, unsigned long *df,
                   xs_error *xe)
{
    if (!stemmer || !xn_stemmer_should_stem(w->term, w->len)) return 0;
    size_t n;
    const char *stem = xn_stemmer_stem(stemmer, w->term, w->len, &n);
    char term[XN_TOKEN_MAX_BYTES * 2 + 8];
    size_t p = strlen(XN_PREFIX_STEM);
    if (!stem || p + n >= sizeof term) return 0;
    memcpy(term, XN_PREFIX_STEM, p);
    memcpy(term + p, stem, n);
    unsigned long sdf = 0;
    if (xs_db_termfreq(db, term, p + n, &sdf, xe) < 0) return -1;
    if (sdf > *df) *df = sdf;
    return 0;
}

/* The most a name may cost for a word of NCHARS code points: one edit up
 * to five letters, two up to eight, three beyond; none below four. A word
 * typed in lower case keeps xn_distance_budget()'s plain edits. */
static unsigned name_budget(size_t nchars, int capitalised)
{
    if (!capitalised) return xn_distance_budget(nchars) * XN_NAME_EDIT;
    return nchars < 4 ? 0 : nchars <= 5 ? XN_NAME_EDIT : nchars <= 8 ? 2 * XN_NAME_EDIT
                                                                     : 3 * XN_NAME_EDIT;
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
    if (n->owned || n->wildcard) return 0; /* a prefix is no misspelling */
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
        if (nc == (size_t)-1 || nc < 3 || w->len > NAME_MAX_BYTES) continue;
        unsigned budget = name_budget(nc, w->capitalised);
        /* a word in lower case is searched stemmed: its stem, which the
         * search reads next, is looked up first, and most words end there */
        unsigned long df = 0;
        xs_error xe;
        if ((!w->capitalised && stem_df(db, stemmer, w, &df, &xe) < 0) ||
            (df <= XN_TYPO_RARE_DOCS && raw_df(db, w, &df, &xe) < 0)) {
            st = xn_error_from_shim(err, &xe, NULL);
            break;
        }
        if (df > XN_TYPO_RARE_DOCS || (budget == 0 && df > 0)) continue;
        if (!known && (st = names_open(db, path, tables, &known, err))) break;
        /* a lower-case word the index holds, and not as a name, is an
         * ordinary word */
        unsigned long caps = 0;
        if (df > 0 && !w->capitalised &&
            (st = xn_lexicon_reader_count(known->lex, w->term, w->len, &caps, err)))
            break;
        if (df > 0 && !w->capitalised && caps * 2 < df) continue;
        if (budget > 0 && (st = names_fill(known, err))) break;
        search_ctx c = {.db = db, .costs = &known->costs, .lex = known->lex, .stemmer = stemmer, .word = w,
                        .word_df = df, .budget = budget, .err = err};
        xn_metaphone(w->term, w->len, c.key);
        /* the officials' names, the lexicon's names, then (for a word no
         * article holds) an ordinary word when it costs less */
        if ((budget == 0 || consider_names(&c, known) == 0) &&
            df == 0)
            consider_ordinary(&c);
        if (c.failed) {
            st = err->status;
            break;
        }
        /* the best, and those at most one edit worse */
        unsigned rank = 0;
        for (size_t k = 0; k < c.n_best && !st; k++) {
            if (c.best[k].cost > c.best[0].cost + XN_NAME_EDIT) continue;
            xn_typo *grown = realloc(out->t, (out->n + 1) * sizeof *grown);
            if (!grown) {
                st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
                break;
            }
            out->t = grown;
            xn_typo *t = &out->t[out->n];
            t->word = xn_strndup(text + w->start, w->end - w->start);
            t->name = w->capitalised ? capitalised(c.best[k].word) : xn_strdup(c.best[k].word);
            t->start = w->start;
            t->end = w->end;
            t->rank = rank++;
            t->cost = c.best[k].cost;
            t->ordinary = c.best[k].ordinary;
            if (!t->word || !t->name) {
                free(t->word);
                free(t->name);
                st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
                break;
            }
            out->n++;
        }
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
        if (t->t[i].rank != 0 || t->t[i].start < at) continue;
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
    unsigned rank;
} correct_ctx;

/* Gives quoted text node N its text with each misspelt word replaced by
 * its correction of C's rank, when one lies in it. */
static int correct_node(void *vctx, xn_qnode *n)
{
    correct_ctx *c = vctx;
    if (n->owned || !n->quoted) return 0;
    size_t from = (size_t)(n->text - c->query), to = from + n->len;
    xn_strbuf b = XN_STRBUF_INIT;
    size_t at = from;
    for (size_t i = 0; i < c->t->n; i++) {
        const xn_typo *t = &c->t->t[i];
        if (t->ordinary || t->rank != c->rank || t->start < at || t->end > to) continue;
        if (xn_strbuf_append(&b, c->query + at, t->start - at) < 0 ||
            xn_strbuf_puts(&b, t->name) < 0)
            goto nomem;
        at = t->end;
    }
    if (at == from) return 0;
    if (xn_strbuf_append(&b, c->query + at, to - at) < 0) goto nomem;
    free(n->corrected[c->rank]);
    n->corrected[c->rank] = xn_strbuf_take(&b);
    return 0;
nomem:
    xn_strbuf_free(&b);
    return -1;
}

int xn_qtree_correct(xn_qtree *tree, const xn_typos *t, xn_error *err)
{
    tree->typos = t;
    for (unsigned k = 0; k < XN_QNODE_CORRECTIONS && t->n; k++) {
        correct_ctx c = {tree->text, t, k};
        if (xn_qtree_each_searched_text(tree, correct_node, &c) != 0) {
            xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            return -1;
        }
    }
    return 0;
}
