/* suggest.c - see suggest.h. */
#include "suggest.h"

#include "database.h"
#include "distance.h"
#include "docdata.h"
#include "grow.h"
#include "hash.h"
#include "lexicon.h"
#include "phonetic.h"
#include "sort.h"
#include "stemmer.h"
#include "stopwords.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "variants.h"
#include "xapian_shim_terms.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 50
#define DEFAULT_MIN_DOCS 2
#define MIN_CHARS 5            /* shorter words are too easily other words */
#define MAX_CHARS 40
#define MAX_BUCKET 64          /* larger deletion buckets are skipped */
#define CONTEXT_DOCS 16        /* articles sampled per form for its context */
#define CONTEXT_ALIKE 0.1      /* contexts this similar count as alike */
#define SUPPORT_FULL 8.0       /* a variant in this many articles has full support */
#define MIN_CONTEXT_PAIRS 2000 /* pairs whose contexts are compared, at least */
#define NEIGHBOUR_SHARE 50.0   /* a name next to a form is in at most 1 article in 50 */
#define NEIGHBOUR_MIN_DOCS 3   /* ... or in this many */
#define MAX_NEIGHBOURS 32       /* names next to a form compared, at most */
#define COMPOUND_MIN_PART 3    /* code points of each part of a compound */
#define MAX_COMPOUNDS 4000     /* compound splits counted, at most */

/* ---- scoring (pure) ------------------------------------------------------ */

double xn_suggest_score(const xn_pair_evidence *e)
{
    return 1.0 / (1.0 + exp(-(XN_SUGGEST_SLOPE * xn_suggest_evidence_sum(e) +
                               XN_SUGGEST_INTERCEPT)));
}

double xn_suggest_evidence_sum(const xn_pair_evidence *e)
{
    double spelling = e->joined ? 1.0
                      : e->length ? 1.0 - (double)e->distance / (double)e->length
                                  : 0.0;
    if (spelling < 0) spelling = 0;
    double v = (double)e->variant_docs, c = (double)e->canonical_docs;
    double rarity = c + v > 0 ? (c - v) / (c + v) : 0.0;
    if (rarity < 0) rarity = 0;
    double names = e->variant_names < e->canonical_names ? e->variant_names
                                                         : e->canonical_names;
    if (names < 0) names = 0;
    if (names > 1) names = 1;
    /* a context not compared yet (< 0) counts as alike */
    double context = e->context < 0 ? 0 : e->context > 1 ? 1 : e->context;
    /* articles the variant would bring in, saturating at SUPPORT_FULL,
     * while it stays clearly the rarer form */
    double support = log1p(v) / log1p(SUPPORT_FULL);
    if (support > 1) support = 1;
    support *= rarity * 2 < 1 ? rarity * 2 : 1;
    /* how many articles write the variant, and whose name it is, tell
     * little about two forms that are never written alike */
    double alike = e->joined || e->context < 0 || context >= CONTEXT_ALIKE
                       ? 1.0 : context / CONTEXT_ALIKE;
    support *= alike;
    double official = e->official ? alike : 0.0;
    double text = 0.15 * spelling + 0.10 * e->phonetic + 0.25 * context +
                  0.10 * rarity + 0.10 * names + 0.30 * support;
    return 0.85 * text + 0.15 * official;
}

double xn_suggest_phonetic(const char *a, size_t alen, const char *b,
                           size_t blen)
{
    char ka[XN_PHONETIC_MAX + 1], kb[XN_PHONETIC_MAX + 1];
    size_t na = xn_metaphone(a, alen, ka), nb = xn_metaphone(b, blen, kb);
    if (na == 0 || nb == 0) return 0.0;
    unsigned d = xn_distance_utf8(ka, na, kb, nb, 1);
    return d == 0 ? 1.0 : d == 1 ? 0.5 : 0.0;
}

double xn_suggest_cosine(const unsigned *ida, const double *wa, size_t na,
                         const unsigned *idb, const double *wb, size_t nb)
{
    double dot = 0, sa = 0, sb = 0;
    for (size_t i = 0; i < na; i++) sa += wa[i] * wa[i];
    for (size_t j = 0; j < nb; j++) sb += wb[j] * wb[j];
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (ida[i] < idb[j]) i++;
        else if (ida[i] > idb[j]) j++;
        else dot += wa[i++] * wb[j++];
    }
    if (sa <= 0 || sb <= 0) return 0.0;
    return dot / (sqrt(sa) * sqrt(sb));
}

/* ---- what is left out (pure) --------------------------------------------- */

#define NAME_SURE 1.0          /* name_share() of a word surely a name */
#define WORD_NAMES_MAX 0.5     /* an ordinary word is a name less often */
#define ESTABLISHED_DOCS 3     /* a form in this many articles is established */
#define PEOPLE_MIN_NEIGHBOURS 2 /* names beside each form to tell two people */
#define STEM_MIN 4             /* letters of a stem shared by two endings */

/* Endings of word formation and inflection, sorted. */
static const char *const endings[] = {
    "", "able", "al", "ance", "ancy", "ant", "ants", "ary", "ation", "ations",
    "e", "ed", "ee", "ees", "en", "ence", "ency", "ent", "ents", "er",
    "ers", "es", "est", "ful", "ian", "ians", "ible", "ic", "ical", "ing",
    "ings", "ion", "ions", "ism", "ist", "ists", "ity", "ive", "less", "ly",
    "ment", "ments", "ness", "or", "ors", "ory", "ous", "s", "ship",
    "ty", "y",
};

static int is_ending(const char *s)
{
    size_t lo = 0, hi = sizeof endings / sizeof endings[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s, endings[mid]);
        if (!c) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

int xn_suggest_formation(const char *a, const char *b)
{
    size_t p = 0;
    while (a[p] && a[p] == b[p]) p++;
    if (!a[p] && !b[p]) return 0; /* the same word */
    for (size_t k = p; k >= STEM_MIN; k--) {
        const char *x = a + k, *y = b + k;
        size_t xl = strlen(x), yl = strlen(y);
        /* "er" / "r": one letter more or less is a misspelling's way */
        if ((xl == yl + 1 && strcmp(x + 1, y) == 0) || (yl == xl + 1 && strcmp(y + 1, x) == 0))
            continue;
        if (is_ending(x) && is_ending(y)) return 1;
    }
    return 0;
}

/* Whether the middles X and Y (XL, YL bytes) are the two strings S and T,
 * either way round. */
static int middles(const char *x, size_t xl, const char *y, size_t yl, const char *s,
                   const char *t)
{
    size_t sl = strlen(s), tl = strlen(t);
    return (xl == sl && yl == tl && !memcmp(x, s, sl) && !memcmp(y, t, tl)) ||
           (xl == tl && yl == sl && !memcmp(x, t, tl) && !memcmp(y, s, sl));
}

int xn_suggest_regional(const char *a, const char *b, xn_dict_entry ea,
                        xn_dict_entry eb)
{
    if ((ea.word_lists & ~eb.word_lists) && (eb.word_lists & ~ea.word_lists)) return 1;
    size_t la = strlen(a), lb = strlen(b), p = 0, q = 0;
    while (p < la && p < lb && a[p] == b[p]) p++;
    if (p == la && p == lb) return 0;
    while (q < la - p && q < lb - p && a[la - 1 - q] == b[lb - 1 - q]) q++;
    const char *x = a + p, *y = b + p, *after = a + la - q;
    size_t xl = la - p - q, yl = lb - p - q;
    char before = p ? a[p - 1] : '\0', before2 = p > 1 ? a[p - 2] : '\0';
    if (middles(x, xl, y, yl, "z", "s") && (before == 'i' || before == 'y'))
        return 1; /* organize / organise, analyze / analyse */
    if (middles(x, xl, y, yl, "", "u") && before == 'o' && after[0] == 'r')
        return 1; /* color / colour */
    if (middles(x, xl, y, yl, "er", "re")) return 1; /* center / centre */
    if (middles(x, xl, y, yl, "s", "c") && before2 == 'e' && before == 'n' && after[0] == 'e')
        return 1; /* license / licence */
    if (middles(x, xl, y, yl, "", "ue") && before2 == 'o' && before == 'g' &&
        (q == 0 || (q == 1 && after[0] == 's')))
        return 1; /* catalog / catalogue */
    if (middles(x, xl, y, yl, "", "l") && before == 'l') return 1; /* traveled / travelled */
    if (middles(x, xl, y, yl, "", "e") && before2 == 'd' && before == 'g')
        return 1; /* judgment / judgement */
    if ((middles(x, xl, y, yl, "", "a") || middles(x, xl, y, yl, "", "o")) && after[0] == 'e')
        return 1; /* anaemia / anemia, oestrogen / estrogen */
    return 0;
}

int xn_suggest_other_initial(const char *a, const char *b)
{
    static const char *const pairs[] = {"ck", "cq", "kq", "gq", "ij", "iy", "jy", "vw"};
    unsigned char x = (unsigned char)a[0], y = (unsigned char)b[0];
    if (x == y || x >= 0x80 || y >= 0x80) return 0; /* same, or beyond ASCII */
    if (x > y) {
        unsigned char t = x;
        x = y;
        y = t;
    }
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == x && pairs[i][1] == y) return 0;
    return 1;
}

const char *xn_suggest_verdict_name(xn_pair_verdict v)
{
    switch (v) {
    case XN_PAIR_KEEP: return "keep";
    case XN_PAIR_FORMATION: return "formation";
    case XN_PAIR_WORDS: return "words";
    case XN_PAIR_NAME_WORD: return "name-word";
    case XN_PAIR_PHRASE: return "phrase";
    case XN_PAIR_PEOPLE: return "people";
    case XN_PAIR_INITIAL: return "initial";
    }
    return "?";
}

xn_pair_verdict xn_suggest_verdict(const char *variant, const char *canonical,
                                   const xn_pair_evidence *e)
{
    int names_v = e->variant_names >= NAME_SURE, names_c = e->canonical_names >= NAME_SURE;
    if (e->joined) {
        const xn_dict_entry *joined = e->variant_dict.word_lists ? &e->variant_dict
                                                                 : &e->canonical_dict;
        if (e->dictionary && joined->word_lists && e->parts[0].word_lists &&
            e->parts[1].word_lists)
            return XN_PAIR_PHRASE;
        if (e->function_parts) return XN_PAIR_PHRASE;
        return XN_PAIR_KEEP;
    }
    int regional = xn_suggest_regional(variant, canonical, e->variant_dict, e->canonical_dict);
    if (xn_suggest_formation(variant, canonical) && !regional) return XN_PAIR_FORMATION;
    /* contexts compared, unlike, and no name written next to both forms */
    int apart = e->context >= 0 && e->context < CONTEXT_ALIKE && !e->neighbours_shared;
    if (e->dictionary) {
        int word_v = e->variant_dict.word_lists != 0, word_c = e->canonical_dict.word_lists != 0;
        int none_v = !word_v && !e->variant_dict.name_lists;
        int none_c = !word_c && !e->canonical_dict.name_lists;
        if (word_v && word_c && !(names_v && names_c) && !regional) return XN_PAIR_WORDS;
        if (apart && ((word_c && e->canonical_names < WORD_NAMES_MAX && none_v && names_v &&
                       e->variant_docs >= ESTABLISHED_DOCS) ||
                      (word_v && e->variant_names < WORD_NAMES_MAX && none_c && names_c &&
                       e->canonical_docs >= ESTABLISHED_DOCS)))
            return XN_PAIR_NAME_WORD;
    }
    if (names_v && names_c && e->neighbours_shared == 0 &&
        e->neighbours_variant >= PEOPLE_MIN_NEIGHBOURS &&
        e->neighbours_canonical >= PEOPLE_MIN_NEIGHBOURS)
        return XN_PAIR_PEOPLE;
    if (xn_suggest_other_initial(variant, canonical) &&
        e->variant_docs >= ESTABLISHED_DOCS && e->canonical_docs >= ESTABLISHED_DOCS)
        return XN_PAIR_INITIAL;
    return XN_PAIR_KEEP;
}

/* ---- the vocabulary ------------------------------------------------------ */

typedef struct {
    size_t off, len;       /* the term, in the miner's arena */
    unsigned nchars;       /* code points; 0 when not a plain word */
    unsigned long df, cf, caps;
    unsigned long official_docs; /* articles with the word in an official's name */
    int official_table;          /* a word of a name in the officials table */
    int context_done;
    int hyphen_born;       /* 0 unknown, 1 only the joined form of a
                              hyphenation ("two-day" -> "twoday"), 2 not */
    unsigned *ctx_ids;     /* context: word ids, increasing */
    double *ctx_w;
    size_t ctx_n;
    unsigned *nb;          /* names written next to it: word id * 2, + 1
                              when after it; increasing */
    size_t nb_n;
    int dict_done;
    xn_dict_entry dict;    /* what the word lists say of it */
} word_t;

typedef struct {
    xapnews_database_t *d;
    xs_db *db;
    xn_error *err;
    const xapnews_suggest_options_t *opt;
    xn_strbuf arena;
    word_t *w;
    size_t n, cap;
    size_t *slots; /* hash of the terms: index + 1, 0 for empty */
    size_t slots_cap;
    unsigned long doccount;
    xn_stemmer *stemmer;
    const xn_variants *variants;
    xn_lexicon *lexicon;
    xn_strbuf known; /* word pairs of the variant table: "a\tb\n" each */
    const xapnews_dictionary_t *dict; /* NULL: none */
    const xn_stopwords *stop;         /* function words, NULL for none */
} miner;

static const char *word_text(const miner *m, size_t i)
{
    return m->arena.data + m->w[i].off;
}

static void progress(const miner *m, const char *stage, unsigned long done,
                     unsigned long total)
{
    if (m->opt && m->opt->progress) m->opt->progress(m->opt->progress_ctx, stage, done, total);
}

static size_t lookup(const miner *m, const char *s, size_t len)
{
    if (!m->slots_cap) return (size_t)-1;
    size_t mask = m->slots_cap - 1;
    for (size_t i = xn_hash(s, len) & mask; m->slots[i]; i = (i + 1) & mask) {
        const word_t *w = &m->w[m->slots[i] - 1];
        if (w->len == len && memcmp(m->arena.data + w->off, s, len) == 0)
            return m->slots[i] - 1;
    }
    return (size_t)-1;
}

/* Whether the term is a plain word: letters only (ASCII lower case or
 * other scripts), no digits, apostrophes or dots. */
static int plain_word(const char *t, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80 && !(c >= 'a' && c <= 'z')) return 0;
    }
    return 1;
}

static int add_term(void *ctx, const char *term, size_t len,
                    unsigned long tf, unsigned long cf)
{
    miner *m = ctx;
    unsigned char c0 = (unsigned char)term[0];
    if (len == 0 || (c0 >= 'A' && c0 <= 'Z')) return 0; /* prefixed */
    word_t *grown = xn_grow(m->w, &m->cap, m->n + 1, sizeof *m->w, 4096);
    if (!grown) return -1;
    m->w = grown;
    word_t *w = &m->w[m->n];
    memset(w, 0, sizeof *w);
    w->off = m->arena.len;
    w->len = len;
    w->df = tf;
    w->cf = cf;
    if (plain_word(term, len)) {
        uint32_t cps[XN_DISTANCE_MAX_CHARS];
        size_t nc = xn_utf8_decode(term, len, cps, XN_DISTANCE_MAX_CHARS);
        if (nc != (size_t)-1) w->nchars = (unsigned)nc;
    }
    if (xn_strbuf_append(&m->arena, term, len) < 0 || xn_strbuf_putc(&m->arena, '\0') < 0)
        return -1;
    m->n++;
    if ((m->n & 8191) == 0) progress(m, "vocabulary", m->n, 0);
    return 0;
}

static int build_hash(miner *m)
{
    size_t cap = 1;
    while (cap < m->n * 2 + 2) cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) return -1;
    m->slots_cap = cap;
    for (size_t k = 0; k < m->n; k++) {
        size_t mask = cap - 1, i = xn_hash(word_text(m, k), m->w[k].len) & mask;
        while (m->slots[i]) i = (i + 1) & mask;
        m->slots[i] = k + 1;
    }
    return 0;
}

/* ---- pairs one or two edits apart ---------------------------------------- */

typedef struct {
    uint64_t key;
    uint32_t word;
} dkey;

static int cmp_dkey(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->word < y->word ? -1 : x->word > y->word;
}

typedef struct {
    uint32_t a, b;
} wpair;

static int cmp_wpair(const void *x, const void *y)
{
    const wpair *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

static uint64_t hash_cps(const uint32_t *c, size_t n, size_t skip)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        if (i == skip) continue;
        uint32_t v = c[i];
        for (int k = 0; k < 4; k++) {
            h ^= (v >> (8 * k)) & 0xFF;
            h *= 1099511628211ULL;
        }
    }
    return h;
}

/* Every pair of eligible words sharing a deletion key, each once. */
static wpair *spelling_pairs(miner *m, size_t *n_pairs)
{
    *n_pairs = 0;
    size_t nk = 0, capk = 0;
    dkey *keys = NULL;
    for (size_t i = 0; i < m->n; i++) {
        word_t *w = &m->w[i];
        if (w->nchars < MIN_CHARS || w->nchars > MAX_CHARS) continue;
        uint32_t c[XN_DISTANCE_MAX_CHARS];
        size_t nc = xn_utf8_decode(word_text(m, i), w->len, c, XN_DISTANCE_MAX_CHARS);
        dkey *k = xn_grow(keys, &capk, nk + nc + 1, sizeof *keys, 65536);
        if (!k) {
            free(keys);
            return NULL;
        }
        keys = k;
        keys[nk++] = (dkey){hash_cps(c, nc, (size_t)-1), (uint32_t)i};
        for (size_t s = 0; s < nc; s++)
            keys[nk++] = (dkey){hash_cps(c, nc, s), (uint32_t)i};
    }
    xn_sort(keys, nk, sizeof *keys, cmp_dkey);
    size_t np = 0, capp = 0;
    wpair *pairs = NULL;
    for (size_t i = 0; i < nk;) {
        size_t j = i;
        while (j < nk && keys[j].key == keys[i].key) j++;
        if (j - i > 1 && j - i <= MAX_BUCKET) {
            for (size_t a = i; a < j; a++)
                for (size_t b = a + 1; b < j; b++) {
                    if (keys[a].word == keys[b].word) continue;
                    wpair *p = xn_grow(pairs, &capp, np + 1, sizeof *pairs, 65536);
                    if (!p) {
                        free(keys);
                        free(pairs);
                        return NULL;
                    }
                    pairs = p;
                    pairs[np++] = (wpair){keys[a].word, keys[b].word};
                }
        }
        i = j;
    }
    free(keys);
    xn_sort(pairs, np, sizeof *pairs, cmp_wpair);
    size_t u = 0;
    for (size_t i = 0; i < np; i++)
        if (u == 0 || cmp_wpair(&pairs[u - 1], &pairs[i]) != 0) pairs[u++] = pairs[i];
    *n_pairs = u;
    if (!pairs) pairs = malloc(sizeof *pairs); /* an empty, non-NULL result */
    return pairs;
}

/* ---- the stored variant table -------------------------------------------- */

static int note_known(void *ctx, const char *a, size_t alen, const char *b,
                      size_t blen)
{
    xn_strbuf *known = ctx;
    if (xn_strbuf_putc(known, '\n') < 0 || xn_strbuf_append(known, a, alen) < 0 ||
        xn_strbuf_putc(known, '\t') < 0 || xn_strbuf_append(known, b, blen) < 0 ||
        xn_strbuf_putc(known, '\n') < 0)
        return -1;
    return 0;
}

/* The group of the variant table holding exactly the N words, or -1. */
static long group_of(const miner *m, const char *const *words, const size_t *lens,
                     size_t n)
{
    xn_vmatch vm;
    if (!m->variants || !xn_variants_match(m->variants, words, lens, n, &vm) ||
        vm.length != n)
        return -1;
    return (long)vm.group;
}

/* Whether the table already makes the single words A and B equivalent. */
static int known_pair(const miner *m, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    long ga = group_of(m, &a, &la, 1), gb = group_of(m, &b, &lb, 1);
    if (ga >= 0 && ga == gb) return 1;
    if (!m->known.len) return 0;
    char probe[2 * XN_TOKEN_MAX_BYTES + 4];
    snprintf(probe, sizeof probe, "\n%s\t%s\n", a, b);
    if (strstr(m->known.data, probe)) return 1;
    snprintf(probe, sizeof probe, "\n%s\t%s\n", b, a);
    return strstr(m->known.data, probe) != NULL;
}

/* The table line of a group holding one of the forms, 0 for none. */
static unsigned long table_line(const miner *m, const char *const *fa,
                                const size_t *la, size_t na, const char *const *fb,
                                const size_t *lb, size_t nb)
{
    long g = group_of(m, fa, la, na);
    if (g < 0) g = group_of(m, fb, lb, nb);
    return g < 0 ? 0 : xn_variants_line(m->variants, (size_t)g);
}

/* ---- contexts ------------------------------------------------------------ */

typedef struct {
    const miner *m;
    size_t *ids; /* of the primary tokens, (size_t)-1 for unknown words */
    unsigned char *spaced; /* 1 when only blanks part token I from I - 1 */
    size_t n, cap, spaced_cap;
    const char *text;      /* the field tokenised */
    size_t prev_end;       /* where the last primary token ended */
} tokctx;

static int collect_token(void *vctx, const xn_token *t)
{
    tokctx *c = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) {
        /* "Ziyang's": the bare word stands for the possessive */
        if ((t->flags & XN_TOKEN_POSSESSIVE) && c->n)
            c->ids[c->n - 1] = lookup(c->m, t->term, t->len);
        return 0;
    }
    size_t *ids = xn_grow(c->ids, &c->cap, c->n + 1, sizeof *c->ids, 512);
    if (!ids) return -1;
    c->ids = ids;
    unsigned char *sp = xn_grow(c->spaced, &c->spaced_cap, c->n + 1, 1, 512);
    if (!sp) return -1;
    c->spaced = sp;
    int blank = c->n > 0 && t->start > c->prev_end;
    for (size_t k = c->prev_end; blank && k < t->start; k++)
        blank = c->text[k] == ' ' || c->text[k] == '\t' || c->text[k] == '\n';
    c->spaced[c->n] = (unsigned char)blank;
    c->prev_end = t->end;
    c->ids[c->n++] = lookup(c->m, t->term, t->len);
    return 0;
}

typedef struct {
    unsigned id;
    double w;
} cw;

static int cmp_cw(const void *a, const void *b)
{
    const cw *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A context: word ids, increasing, and their weights. */
typedef struct {
    cw *c;
    size_t n, cap;
} bag_t;

static int bag_add(bag_t *b, unsigned id, double w)
{
    cw *c = xn_grow(b->c, &b->cap, b->n + 1, sizeof *b->c, 256);
    if (!c) return -1;
    b->c = c;
    b->c[b->n++] = (cw){id, w};
    return 0;
}

/* Sorts B by word and sums the weights of each word; 0, or -1 when memory
 * ran out for the result's arrays (IDS, W, N). */
static int bag_finish(bag_t *b, unsigned **ids, double **w, size_t *n)
{
    if (!b->n) return 0;
    xn_sort(b->c, b->n, sizeof *b->c, cmp_cw);
    size_t u = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (u && b->c[u - 1].id == b->c[i].id) b->c[u - 1].w += b->c[i].w;
        else b->c[u++] = b->c[i];
    }
    *ids = malloc(u * sizeof **ids);
    *w = malloc(u * sizeof **w);
    if (!*ids || !*w) return -1;
    for (size_t i = 0; i < u; i++) {
        (*ids)[i] = b->c[i].id;
        (*w)[i] = b->c[i].w;
    }
    *n = u;
    return 0;
}

/* Adds to BAG the neighbours of every occurrence of word X in IDS: the
 * words one and two positions away, weighted by their inverse document
 * frequency (half for two positions). */
static int add_neighbours(const miner *m, size_t x, const size_t *ids, size_t n,
                          bag_t *bag)
{
    static const int offsets[] = {-2, -1, 1, 2};
    static const double weights[] = {0.5, 1.0, 1.0, 0.5};
    for (size_t i = 0; i < n; i++) {
        if (ids[i] != x) continue;
        for (size_t k = 0; k < 4; k++) {
            long j = (long)i + offsets[k];
            if (j < 0 || (size_t)j >= n || ids[j] == (size_t)-1 || ids[j] == x) continue;
            const word_t *nw = &m->w[ids[j]];
            double idf = log(((double)m->doccount + 1.0) / ((double)nw->df + 0.5));
            if (idf > 0 && bag_add(bag, (unsigned)ids[j], weights[k] * idf) < 0) return -1;
        }
    }
    return 0;
}

static double name_share(const word_t *w);

/* Whether word I, written next to another word, says whose name that is:
 * a plain word the index writes as a name, in at most one article in
 * NEIGHBOUR_SHARE (or NEIGHBOUR_MIN_DOCS) ("Hans", "Plath"; not "Mr",
 * "President"). */
static int name_neighbour(const miner *m, size_t i)
{
    if (i == (size_t)-1) return 0;
    const word_t *w = &m->w[i];
    double cap = (double)m->doccount / NEIGHBOUR_SHARE;
    if (cap < NEIGHBOUR_MIN_DOCS) cap = NEIGHBOUR_MIN_DOCS;
    return w->nchars >= 2 && (double)w->df <= cap && name_share(w) >= NAME_SURE;
}

/* Adds to NB the names written next to each occurrence of word X in IDS
 * (only blanks between them). */
static int add_name_neighbours(const miner *m, size_t x, const size_t *ids,
                               const unsigned char *spaced, size_t n, bag_t *nb)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i] != x) continue;
        if (i > 0 && spaced[i] && ids[i - 1] != x && name_neighbour(m, ids[i - 1]) &&
            bag_add(nb, (unsigned)ids[i - 1] * 2, 1) < 0)
            return -1;
        if (i + 1 < n && spaced[i + 1] && ids[i + 1] != x && name_neighbour(m, ids[i + 1]) &&
            bag_add(nb, (unsigned)ids[i + 1] * 2 + 1, 1) < 0)
            return -1;
    }
    return 0;
}

/* Fills the context of word X (once). */
static xapnews_status_t context_of(miner *m, size_t x)
{
    word_t *w = &m->w[x];
    if (w->context_done) return XAPNEWS_STATUS_SUCCESS;
    w->context_done = 1;
    unsigned docids[CONTEXT_DOCS];
    size_t nd = 0;
    xs_error xe;
    if (xs_term_docs(m->db, word_text(m, x), w->len, docids, CONTEXT_DOCS, &nd, &xe) < 0)
        return xn_error_from_shim(m->err, &xe, "cannot read the articles of a word");
    tokctx tc;
    memset(&tc, 0, sizeof tc);
    tc.m = m;
    bag_t bag = {NULL, 0, 0}, nb = {NULL, 0, 0};
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (size_t k = 0; k < nd && !st; k++) {
        char *data = NULL;
        size_t len = 0;
        if (xs_doc_data(m->db, docids[k], &data, &len, &xe) < 0) {
            if (xe.code == XS_NOT_FOUND) continue;
            st = xn_error_from_shim(m->err, &xe, "cannot read an article");
            break;
        }
        static const char *const fields[] = {"caption", "body"};
        for (size_t f = 0; f < 2 && !st; f++) {
            size_t vlen;
            const char *v = xn_docdata_find(data, len, fields[f], &vlen);
            if (!v) continue;
            tc.n = 0;
            tc.text = v;
            tc.prev_end = 0;
            if (xn_tokenize(v, vlen, collect_token, &tc) != 0 ||
                add_neighbours(m, x, tc.ids, tc.n, &bag) < 0 ||
                add_name_neighbours(m, x, tc.ids, tc.spaced, tc.n, &nb) < 0)
                st = xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        }
        free(data);
    }
    free(tc.ids);
    free(tc.spaced);
    double *unused = NULL;
    if (!st && (bag_finish(&bag, &w->ctx_ids, &w->ctx_w, &w->ctx_n) < 0 ||
                bag_finish(&nb, &w->nb, &unused, &w->nb_n) < 0))
        st = xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    free(unused);
    free(bag.c);
    free(nb.c);
    return st;
}

/* ---- candidates ---------------------------------------------------------- */

typedef struct {
    size_t variant, canonical; /* word ids; (size_t)-1 for compounds */
    size_t part[2];            /* compounds: the word ids of the parts */
    char *vtext, *ctext;       /* compounds: the two forms */
    xn_pair_evidence e;
    double score;
    unsigned long table_line;
    unsigned long spaced_docs, joined_docs, hyphenated_docs;
} cand;

typedef struct {
    cand *c;
    size_t n, cap;
} cands;

static cand *push_cand(cands *l)
{
    cand *grown = xn_grow(l->c, &l->cap, l->n + 1, sizeof *l->c, 1024);
    if (!grown) return NULL;
    l->c = grown;
    cand *c = &l->c[l->n++];
    memset(c, 0, sizeof *c);
    return c;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    unsigned long dx = x->e.canonical_docs, dy = y->e.canonical_docs;
    return dx > dy ? -1 : dx < dy;
}

/* How surely W is a name: twice the share of its occurrences written
 * capitalised in mid-sentence, at most 1 (a name also starts sentences and
 * headlines, so half of its occurrences in mid-sentence is already sure). */
static double name_share(const word_t *w)
{
    if (!w->cf) return 0;
    double s = 2.0 * (double)w->caps / (double)w->cf;
    return s > 1 ? 1 : s;
}

/* What the word lists say of word I. */
static xn_dict_entry dict_of(miner *m, size_t i)
{
    word_t *w = &m->w[i];
    if (!w->dict_done) {
        w->dict_done = 1;
        w->dict = xn_dictionary_lookup(m->dict, word_text(m, i), w->len);
    }
    return w->dict;
}

/* Whether the phrase A B (word ids) is in some article. */
static xapnews_status_t phrase_written(miner *m, size_t a, size_t b, int *yes)
{
    xs_error xe;
    xs_query *parts[2] = {xs_query_term(word_text(m, a), m->w[a].len, 1, 1, &xe), NULL};
    if (parts[0]) parts[1] = xs_query_term(word_text(m, b), m->w[b].len, 1, 2, &xe);
    xs_query *phrase = parts[1] ? xs_query_combine(XS_OP_PHRASE, parts, 2, 0, &xe) : NULL;
    unsigned long n = 0;
    int rc = phrase ? xs_query_count(m->db, phrase, &n, &xe) : -1;
    xs_query_free(parts[0]);
    xs_query_free(parts[1]);
    xs_query_free(phrase);
    if (rc < 0) return xn_error_from_shim(m->err, &xe, "cannot count a phrase");
    *yes = n > 0;
    return XAPNEWS_STATUS_SUCCESS;
}

/* How many of the names written next to word X (contexts filled) the
 * index also writes next to word Y, at the same side. */
static xapnews_status_t shared_side(miner *m, size_t x, size_t y, unsigned *shared)
{
    const word_t *wx = &m->w[x], *wy = &m->w[y];
    for (size_t i = 0, j = 0; i < wx->nb_n && i < MAX_NEIGHBOURS; i++) {
        while (j < wy->nb_n && wy->nb[j] < wx->nb[i]) j++;
        int yes = j < wy->nb_n && wy->nb[j] == wx->nb[i];
        size_t n = wx->nb[i] / 2;
        xapnews_status_t st;
        if (!yes && (st = wx->nb[i] & 1 ? phrase_written(m, y, n, &yes)
                                        : phrase_written(m, n, y, &yes)))
            return st;
        *shared += (unsigned)yes;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Fills the neighbour evidence of pair C (both contexts filled). */
static xapnews_status_t neighbours_of(miner *m, cand *c)
{
    c->e.neighbours_variant = (unsigned)m->w[c->variant].nb_n;
    c->e.neighbours_canonical = (unsigned)m->w[c->canonical].nb_n;
    c->e.neighbours_shared = 0;
    if (!c->e.neighbours_variant || !c->e.neighbours_canonical) return XAPNEWS_STATUS_SUCCESS;
    xapnews_status_t st = shared_side(m, c->variant, c->canonical, &c->e.neighbours_shared);
    if (!st) st = shared_side(m, c->canonical, c->variant, &c->e.neighbours_shared);
    return st;
}

/* The stem of word I into OUT (CAP bytes); "" without a stemmer. */
static void stem_of(miner *m, size_t i, char *out, size_t cap)
{
    out[0] = '\0';
    if (!m->stemmer) return;
    size_t len;
    const char *s = xn_stemmer_stem(m->stemmer, word_text(m, i), m->w[i].len, &len);
    if (s && len < cap) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
}

/* Whether LONGW (LONG_LEN bytes) is SHORTW (SHORT_LEN bytes, its prefix)
 * with the last letter doubled ("russel" / "russell"): spelling, not an
 * ending. */
static int doubled_last(const char *shortw, size_t short_len, const char *longw,
                        size_t long_len)
{
    return short_len > 0 && long_len == short_len + 1 &&
           (unsigned char)longw[short_len] < 0x80 &&
           longw[short_len] == shortw[short_len - 1];
}

static int evaluate_pair(miner *m, size_t a, size_t b, unsigned min_docs,
                         cands *out)
{
    word_t *wa = &m->w[a], *wb = &m->w[b];
    int a_rarer = wa->df < wb->df || (wa->df == wb->df && (wa->cf < wb->cf ||
                  (wa->cf == wb->cf && strcmp(word_text(m, a), word_text(m, b)) > 0)));
    size_t v = a_rarer ? a : b, c = a_rarer ? b : a;
    const word_t *wv = &m->w[v], *wc = &m->w[c];
    if (wc->df < min_docs) return 0;
    unsigned shorter = wv->nchars < wc->nchars ? wv->nchars : wc->nchars;
    unsigned budget = xn_distance_budget(shorter);
    unsigned d = xn_distance_utf8(word_text(m, v), wv->len, word_text(m, c), wc->len,
                                  budget);
    if (d == 0 || d > budget) return 0;
    /* one form the other plus an ending is word formation, not spelling */
    size_t lv = wv->len, lc = wc->len, shortest = lv < lc ? lv : lc;
    if (lv != lc && memcmp(word_text(m, v), word_text(m, c), shortest) == 0 &&
        !(lv < lc ? doubled_last(word_text(m, v), lv, word_text(m, c), lc)
                  : doubled_last(word_text(m, c), lc, word_text(m, v), lv)))
        return 0;
    char sv[XN_TOKEN_MAX_BYTES * 2 + 8], sc[XN_TOKEN_MAX_BYTES * 2 + 8];
    /* a shared stem joins plain searches already, but not the phrases and
     * official-name searches a name is mostly searched with */
    if (name_share(wv) < NAME_SURE || name_share(wc) < NAME_SURE) {
        stem_of(m, v, sv, sizeof sv);
        stem_of(m, c, sc, sizeof sc);
        if (*sv && strcmp(sv, sc) == 0) return 0;
    }
    if (known_pair(m, word_text(m, v), word_text(m, c))) return 0;
    cand *k = push_cand(out);
    if (!k) return -1;
    k->variant = v;
    k->canonical = c;
    k->e.distance = d;
    k->e.context = -1; /* compared later, for the most promising pairs */
    k->e.length = wv->nchars > wc->nchars ? wv->nchars : wc->nchars;
    k->e.phonetic = xn_suggest_phonetic(word_text(m, v), wv->len, word_text(m, c), wc->len);
    k->e.variant_docs = wv->df;
    k->e.canonical_docs = wc->df;
    k->e.variant_names = name_share(wv);
    k->e.canonical_names = name_share(wc);
    k->e.official_docs = wv->official_docs + wc->official_docs;
    k->e.official = k->e.official_docs > 0 || wv->official_table || wc->official_table;
    k->e.dictionary = m->dict != NULL;
    k->e.variant_dict = dict_of(m, v);
    k->e.canonical_dict = dict_of(m, c);
    if (xn_suggest_verdict(word_text(m, v), word_text(m, c), &k->e) != XN_PAIR_KEEP) {
        out->n--; /* left out */
        return 0;
    }
    k->score = xn_suggest_score(&k->e);
    const char *fv = word_text(m, v), *fc = word_text(m, c);
    k->table_line = table_line(m, &fv, &lv, 1, &fc, &lc, 1);
    return 0;
}

/* ---- compounds ------------------------------------------------------------ */

typedef struct {
    size_t word, split; /* joined word, bytes in its first part */
    unsigned long df;   /* of the joined word */
} split_t;

/* Most frequent joined words first. */
static int cmp_split(const void *a, const void *b)
{
    const split_t *x = a, *y = b;
    if (x->df != y->df) return x->df > y->df ? -1 : 1;
    return x->word < y->word ? -1 : x->word > y->word;
}

static xapnews_status_t compounds(miner *m, unsigned min_docs, cands *out)
{
    split_t *splits = NULL;
    size_t ns = 0, caps = 0;
    for (size_t i = 0; i < m->n; i++) {
        const word_t *w = &m->w[i];
        if (w->nchars < 2 * COMPOUND_MIN_PART + 1 || w->nchars != w->len) continue;
        for (size_t k = COMPOUND_MIN_PART; k + COMPOUND_MIN_PART <= w->len; k++) {
            size_t l = lookup(m, word_text(m, i), k);
            size_t r = lookup(m, word_text(m, i) + k, w->len - k);
            if (l == (size_t)-1 || r == (size_t)-1 || !m->w[l].nchars || !m->w[r].nchars)
                continue;
            split_t *s = xn_grow(splits, &caps, ns + 1, sizeof *splits, 1024);
            if (!s) {
                free(splits);
                return xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            }
            splits = s;
            splits[ns++] = (split_t){i, k, w->df};
        }
    }
    xn_sort(splits, ns, sizeof *splits, cmp_split);
    if (ns > MAX_COMPOUNDS) ns = MAX_COMPOUNDS;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (size_t s = 0; s < ns && !st; s++) {
        if ((s & 255) == 0) progress(m, "compounds", s, ns);
        size_t i = splits[s].word, k = splits[s].split;
        const char *joined = word_text(m, i);
        size_t jl = m->w[i].len;
        xs_error xe;
        xs_query *parts[2] = {xs_query_term(joined, k, 1, 1, &xe), NULL};
        if (parts[0]) parts[1] = xs_query_term(joined + k, jl - k, 1, 2, &xe);
        xs_query *phrase = parts[1] ? xs_query_combine(XS_OP_PHRASE, parts, 2, 0, &xe) : NULL;
        unsigned long spaced = 0, both = 0;
        if (!phrase || xs_query_count(m->db, phrase, &spaced, &xe) < 0 ||
            (spaced && xs_count_with_term(m->db, phrase, joined, jl, &both, &xe) < 0))
            st = xn_error_from_shim(m->err, &xe, "cannot count a compound");
        xs_query_free(parts[0]);
        xs_query_free(parts[1]);
        xs_query_free(phrase);
        if (st || !spaced) continue;
        unsigned long joined_only = m->w[i].df > both ? m->w[i].df - both : 0;
        unsigned long spaced_only = spaced - both;
        if (!joined_only || !spaced_only) continue;
        char spaced_text[2 * XN_TOKEN_MAX_BYTES + 2];
        snprintf(spaced_text, sizeof spaced_text, "%.*s %.*s", (int)k, joined,
                 (int)(jl - k), joined + k);
        const char *two[2] = {joined, joined + k};
        size_t two_len[2] = {k, jl - k};
        long g1 = group_of(m, &joined, &jl, 1), g2 = group_of(m, two, two_len, 2);
        if (g1 >= 0 && g1 == g2) continue;
        unsigned long rare = joined_only < spaced_only ? joined_only : spaced_only;
        unsigned long common = joined_only < spaced_only ? spaced_only : joined_only;
        if (common < min_docs) continue;
        cand *c = push_cand(out);
        if (!c || !(c->vtext = xn_strdup(joined_only < spaced_only ? joined : spaced_text)) ||
            !(c->ctext = xn_strdup(joined_only < spaced_only ? spaced_text : joined))) {
            st = xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            break;
        }
        c->variant = c->canonical = (size_t)-1;
        c->part[0] = lookup(m, joined, k);
        c->part[1] = lookup(m, joined + k, jl - k);
        c->e.joined = 1;
        c->e.phonetic = 1;
        c->e.length = m->w[i].nchars;
        c->e.variant_docs = rare;
        c->e.canonical_docs = common;
        c->spaced_docs = spaced_only;
        c->joined_docs = joined_only;
        c->hyphenated_docs = both;
        c->e.dictionary = m->dict != NULL;
        if (joined_only < spaced_only) c->e.variant_dict = dict_of(m, i);
        else c->e.canonical_dict = dict_of(m, i);
        c->e.parts[0] = dict_of(m, c->part[0]);
        c->e.parts[1] = dict_of(m, c->part[1]);
        c->e.function_parts = xn_stopwords_has(m->stop, joined, k) &&
                              xn_stopwords_has(m->stop, joined + k, jl - k);
        if (xn_suggest_verdict(c->vtext, c->ctext, &c->e) != XN_PAIR_KEEP) {
            free(c->vtext);
            free(c->ctext);
            out->n--; /* left out */
            continue;
        }
        c->score = xn_suggest_score(&c->e);
        c->table_line = g1 >= 0 ? xn_variants_line(m->variants, (size_t)g1)
                        : g2 >= 0 ? xn_variants_line(m->variants, (size_t)g2) : 0;
    }
    free(splits);
    return st;
}

/* Whether word I occurs only as the joined form of hyphenated words: some
 * split of it into two words of the index is written as a phrase in every
 * article holding it ("twoday" from "two-day"). Such a word is no
 * spelling of its own, so its pairs are dropped. Sets *BORN. */
static xapnews_status_t hyphen_born(miner *m, size_t i, int *born)
{
    word_t *w = &m->w[i];
    if (w->hyphen_born) {
        *born = w->hyphen_born == 1;
        return XAPNEWS_STATUS_SUCCESS;
    }
    w->hyphen_born = 2;
    const char *t = word_text(m, i);
    for (size_t k = 1; w->nchars == w->len && k + 1 <= w->len; k++) {
        if (lookup(m, t, k) == (size_t)-1 || lookup(m, t + k, w->len - k) == (size_t)-1)
            continue;
        xs_error xe;
        xs_query *parts[2] = {xs_query_term(t, k, 1, 1, &xe), NULL};
        if (parts[0]) parts[1] = xs_query_term(t + k, w->len - k, 1, 2, &xe);
        xs_query *phrase = parts[1] ? xs_query_combine(XS_OP_PHRASE, parts, 2, 0, &xe) : NULL;
        unsigned long both = 0;
        int rc = phrase ? xs_count_with_term(m->db, phrase, t, w->len, &both, &xe) : -1;
        xs_query_free(parts[0]);
        xs_query_free(parts[1]);
        xs_query_free(phrase);
        if (rc < 0) return xn_error_from_shim(m->err, &xe, "cannot count a compound");
        if (both >= w->df) {
            w->hyphen_born = 1;
            break;
        }
    }
    *born = w->hyphen_born == 1;
    return XAPNEWS_STATUS_SUCCESS;
}

enum { ROLE_NONE, ROLE_VARIANT, ROLE_CANONICAL };

/* Keeps in L the first LIMIT pairs (in order) whose words (for a
 * compound, its parts) are spellings of their own, and where each word is
 * the variant of one canonical form at most: a pair is dropped when a
 * better pair already made its variant the variant of another form, or
 * made either of its words a variant while it needs it as the other role
 * ("baaker" -> "baker" first, so no "barker" -> "baaker", no "baaker" ->
 * "barker"), so the pairs form groups around their canonical forms. */
static xapnews_status_t prune(miner *m, cands *l, size_t limit)
{
    unsigned char *role = calloc(m->n ? m->n : 1, 1);
    if (!role) return xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    size_t kept = 0;
    for (size_t i = 0; i < l->n && kept < limit; i++) {
        cand c = l->c[i];
        int bv = 0, bc = 0;
        xapnews_status_t st;
        if (!c.e.joined && (role[c.variant] != ROLE_NONE ||
                            role[c.canonical] == ROLE_VARIANT)) {
            free(c.vtext);
            free(c.ctext);
            l->c[i].vtext = l->c[i].ctext = NULL;
            continue;
        }
        size_t a = c.e.joined ? c.part[0] : c.variant;
        size_t b = c.e.joined ? c.part[1] : c.canonical;
        if ((st = hyphen_born(m, a, &bv)) || (!bv && (st = hyphen_born(m, b, &bc)))) {
            free(role);
            return st;
        }
        if (bv || bc) {
            free(c.vtext);
            free(c.ctext);
            l->c[i].vtext = l->c[i].ctext = NULL;
            continue;
        }
        if (!c.e.joined) {
            role[c.variant] = ROLE_VARIANT;
            role[c.canonical] = ROLE_CANONICAL;
        }
        l->c[i] = l->c[kept];
        l->c[kept++] = c;
    }
    for (size_t i = kept; i < l->n; i++) {
        free(l->c[i].vtext);
        free(l->c[i].ctext);
    }
    l->n = kept;
    free(role);
    return XAPNEWS_STATUS_SUCCESS;
}

/* ---- the result ---------------------------------------------------------- */

typedef struct {
    char *variant, *canonical, *evidence;
    double score;
    unsigned long docs;
} suggestion;

struct xapnews_suggestions {
    suggestion *s;
    size_t n;
};

/* "word", "name" or "" for what the lists say of a form. */
static const char *dict_label(xn_dict_entry e)
{
    return e.word_lists ? "word" : e.name_lists ? "name" : "";
}

static char *evidence_json(const miner *m, const cand *c)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "edits", json_integer((json_int_t)c->e.distance));
    bad |= json_object_set_new(o, "phonetic", json_real(c->e.phonetic));
    bad |= json_object_set_new(o, "context", json_real(round(c->e.context * 1000) / 1000));
    bad |= json_object_set_new(o, "variant_docs", json_integer((json_int_t)c->e.variant_docs));
    bad |= json_object_set_new(o, "canonical_docs",
                               json_integer((json_int_t)c->e.canonical_docs));
    bad |= json_object_set_new(o, "variant_names",
                               json_real(round(c->e.variant_names * 1000) / 1000));
    bad |= json_object_set_new(o, "canonical_names",
                               json_real(round(c->e.canonical_names * 1000) / 1000));
    bad |= json_object_set_new(o, "official", json_boolean(c->e.official));
    bad |= json_object_set_new(o, "official_docs",
                               json_integer((json_int_t)c->e.official_docs));
    bad |= json_object_set_new(o, "joined", json_boolean(c->e.joined));
    if (c->e.dictionary)
        bad |= json_object_set_new(o, "dictionary", json_pack("[ss]", dict_label(c->e.variant_dict),
                                                              dict_label(c->e.canonical_dict)));
    if (!c->e.joined)
        bad |= json_object_set_new(o, "neighbours",
                                   json_pack("[iii]", (int)c->e.neighbours_variant,
                                             (int)c->e.neighbours_canonical,
                                             (int)c->e.neighbours_shared));
    if (c->e.joined) {
        bad |= json_object_set_new(o, "joined_docs", json_integer((json_int_t)c->joined_docs));
        bad |= json_object_set_new(o, "spaced_docs", json_integer((json_int_t)c->spaced_docs));
        bad |= json_object_set_new(o, "hyphenated_docs",
                                   json_integer((json_int_t)c->hyphenated_docs));
    } else {
        char kv[XN_PHONETIC_MAX + 1], kc[XN_PHONETIC_MAX + 1];
        xn_metaphone(word_text(m, c->variant), m->w[c->variant].len, kv);
        xn_metaphone(word_text(m, c->canonical), m->w[c->canonical].len, kc);
        bad |= json_object_set_new(o, "metaphone", json_pack("[ss]", kv, kc));
    }
    if (c->table_line)
        bad |= json_object_set_new(o, "table_line", json_integer((json_int_t)c->table_line));
    char *text = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(o);
    return text;
}

void xapnews_suggestions_destroy(xapnews_suggestions_t *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->s[i].variant);
        free(s->s[i].canonical);
        free(s->s[i].evidence);
    }
    free(s->s);
    free(s);
}

static xapnews_suggestions_t *make_result(const miner *m, const cands *l, size_t limit)
{
    xapnews_suggestions_t *r = calloc(1, sizeof *r);
    size_t n = l->n < limit ? l->n : limit;
    if (!r || !(r->s = calloc(n ? n : 1, sizeof *r->s))) {
        free(r);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const cand *c = &l->c[i];
        suggestion *s = &r->s[r->n++];
        s->variant = xn_strdup(c->e.joined ? c->vtext : word_text(m, c->variant));
        s->canonical = xn_strdup(c->e.joined ? c->ctext : word_text(m, c->canonical));
        s->evidence = evidence_json(m, c);
        s->score = c->score;
        s->docs = c->e.variant_docs;
        if (!s->variant || !s->canonical || !s->evidence) {
            xapnews_suggestions_destroy(r);
            return NULL;
        }
    }
    return r;
}

/* ---- the whole ------------------------------------------------------------ */

static void miner_free(miner *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->w[i].ctx_ids);
        free(m->w[i].ctx_w);
        free(m->w[i].nb);
    }
    free(m->w);
    free(m->slots);
    xn_strbuf_free(&m->arena);
    xn_strbuf_free(&m->known);
    xn_stemmer_free(m->stemmer);
    xn_lexicon_free(m->lexicon);
}

static int add_caps(void *ctx, const char *word, size_t len, unsigned long count)
{
    miner *m = ctx;
    size_t i = lookup(m, word, len);
    if (i != (size_t)-1) m->w[i].caps += count;
    return 0;
}

/* XO terms: the words of the officials the articles name. */
static int add_official_word(void *ctx, const char *term, size_t len,
                             unsigned long tf, unsigned long cf)
{
    miner *m = ctx;
    (void)cf;
    if (len <= 2) return 0;
    unsigned char c0 = (unsigned char)term[2];
    if (c0 >= 'A' && c0 <= 'Z') return 0; /* XOFFICIAL:, XOUTLET: */
    size_t i = lookup(m, term + 2, len - 2);
    if (i != (size_t)-1) m->w[i].official_docs += tf;
    return 0;
}

static int mark_table_word(void *ctx, const xn_token *t)
{
    miner *m = ctx;
    size_t i = lookup(m, t->term, t->len);
    if (i != (size_t)-1) m->w[i].official_table = 1;
    return 0;
}

/* Marks the words of the officials table's names and aliases. */
static int mark_officials_table(miner *m)
{
    const xn_names *t = xn_database_tables(m->d)->officials;
    size_t n = t ? xn_names_count(t) : 0;
    for (size_t i = 0; i < n; i++) {
        const xn_name *e = xn_names_get(t, i);
        if (xn_tokenize(e->canonical, strlen(e->canonical), mark_table_word, m) < 0)
            return -1;
        for (size_t j = 0; j < e->n_variants; j++)
            if (xn_tokenize(e->variants[j], strlen(e->variants[j]), mark_table_word, m) < 0)
                return -1;
    }
    return 0;
}

static xapnews_status_t mine(miner *m, unsigned min_docs, size_t limit,
                             xapnews_suggestions_t **out)
{
    xs_error xe;
    xapnews_status_t st;
    if (xs_db_doccount(m->db, &m->doccount, &xe) < 0)
        return xn_error_from_shim(m->err, &xe, xn_database_path(m->d));
    if (xs_terms_each(m->db, "", add_term, m, &xe) < 0)
        return xn_error_from_shim(m->err, &xe, "cannot read the vocabulary");
    if (m->n && !m->arena.data)
        return xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (build_hash(m) < 0 || xn_lexicon_each(m->lexicon, add_caps, m) < 0 ||
        mark_officials_table(m) < 0)
        return xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (xs_terms_each(m->db, "XO", add_official_word, m, &xe) < 0)
        return xn_error_from_shim(m->err, &xe, "cannot read the officials' words");
    progress(m, "vocabulary", m->n, m->n);

    size_t np = 0;
    wpair *pairs = spelling_pairs(m, &np);
    if (!pairs) return xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    cands l = {NULL, 0, 0};
    st = XAPNEWS_STATUS_SUCCESS;
    for (size_t i = 0; i < np && !st; i++) {
        if ((i & 4095) == 0) progress(m, "pairs", i, np);
        if (evaluate_pair(m, pairs[i].a, pairs[i].b, min_docs, &l) < 0)
            st = xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    free(pairs);
    progress(m, "pairs", np, np);

    /* compare the contexts of the most promising pairs */
    if (!st) {
        xn_sort(l.c, l.n, sizeof *l.c, cmp_cand);
        size_t k = limit * 40 > MIN_CONTEXT_PAIRS ? limit * 40 : MIN_CONTEXT_PAIRS;
        if (k > l.n) k = l.n;
        for (size_t i = 0; i < k && !st; i++) {
            if ((i & 63) == 0) progress(m, "contexts", i, k);
            cand *c = &l.c[i];
            if ((st = context_of(m, c->variant)) || (st = context_of(m, c->canonical)))
                break;
            const word_t *a = &m->w[c->variant], *b = &m->w[c->canonical];
            c->e.context = xn_suggest_cosine(a->ctx_ids, a->ctx_w, a->ctx_n,
                                             b->ctx_ids, b->ctx_w, b->ctx_n);
            if ((c->e.variant_names >= NAME_SURE || c->e.canonical_names >= NAME_SURE) &&
                (st = neighbours_of(m, c)))
                break;
            c->score = xn_suggest_score(&c->e);
        }
        /* leave out the pairs their neighbours now tell apart */
        size_t kept = 0;
        for (size_t i = 0; i < l.n; i++) {
            const cand *c = &l.c[i];
            if (i < k && xn_suggest_verdict(word_text(m, c->variant),
                                            word_text(m, c->canonical), &c->e) != XN_PAIR_KEEP) {
                continue;
            }
            l.c[kept++] = l.c[i];
        }
        size_t dropped = l.n - kept;
        l.n = kept;
        k -= dropped;
        for (size_t i = k; i < l.n; i++) {
            l.c[i].e.context = 0;
            l.c[i].score = xn_suggest_score(&l.c[i].e);
        }
        progress(m, "contexts", k, k);
    }
    if (!st) st = compounds(m, min_docs, &l);
    if (!st) {
        xn_sort(l.c, l.n, sizeof *l.c, cmp_cand);
        st = prune(m, &l, limit);
    }
    if (!st) {
        *out = make_result(m, &l, limit);
        if (!*out) st = xn_error_set(m->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.c[i].vtext);
        free(l.c[i].ctext);
    }
    free(l.c);
    return st;
}

xapnews_status_t xapnews_suggest(xapnews_database_t *d,
                                 const xapnews_suggest_options_t *opt,
                                 xapnews_suggestions_t **out)
{
    if (!d || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xn_error *err = xn_database_error(d);
    xn_error_clear(err);
    miner m;
    memset(&m, 0, sizeof m);
    m.d = d;
    m.db = xn_database_handle(d);
    m.err = err;
    m.opt = opt;
    m.variants = xn_database_tables(d)->synonyms;
    m.dict = opt ? opt->dictionary : NULL;
    if (m.dict && !xn_dictionary_lists(m.dict)) m.dict = NULL;
    unsigned min_docs = opt && opt->min_docs ? opt->min_docs : DEFAULT_MIN_DOCS;
    size_t limit = opt && opt->limit ? opt->limit : DEFAULT_LIMIT;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    const char *language = xn_database_language(d);
    m.stop = xn_stopwords_for(language);
    if (strcmp(language, "none") != 0) {
        int unknown;
        if (!(m.stemmer = xn_stemmer_new(language, &unknown)))
            st = xn_error_set(err, unknown ? XAPNEWS_STATUS_DATABASE_CORRUPT
                                           : XAPNEWS_STATUS_OUT_OF_MEMORY,
                              "%s: unknown stemming language '%s'",
                              xn_database_path(d), language);
    }
    if (!st && m.variants &&
        xn_variants_each_word_pair(m.variants, note_known, &m.known) != 0)
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (!st) st = xn_lexicon_load(m.db, xn_database_path(d), &m.lexicon, err);
    if (!st) st = mine(&m, min_docs, limit, out);
    miner_free(&m);
    return st;
}

size_t xapnews_suggestions_count(const xapnews_suggestions_t *s)
{
    return s ? s->n : 0;
}

const char *xapnews_suggestion_variant(const xapnews_suggestions_t *s, size_t i)
{
    return s && i < s->n ? s->s[i].variant : NULL;
}

const char *xapnews_suggestion_canonical(const xapnews_suggestions_t *s, size_t i)
{
    return s && i < s->n ? s->s[i].canonical : NULL;
}

double xapnews_suggestion_score(const xapnews_suggestions_t *s, size_t i)
{
    return s && i < s->n ? s->s[i].score : 0.0;
}

unsigned long xapnews_suggestion_docs(const xapnews_suggestions_t *s, size_t i)
{
    return s && i < s->n ? s->s[i].docs : 0;
}

const char *xapnews_suggestion_evidence(const xapnews_suggestions_t *s, size_t i)
{
    return s && i < s->n ? s->s[i].evidence : NULL;
}
