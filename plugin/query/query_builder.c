/* query_builder.c - see query_builder.h.
 *
 * Builds the Xapian query of a parsed query tree through the shim. Each
 * text goes through the same analyser as indexing (xn_analyze()), so a
 * query word yields exactly the terms the indexer stored for it, and the
 * variant forms and acronyms of the text are found as the indexer finds
 * them.
 */
#include "query_builder.h"
#include "grow.h"
#include "known_terms.h"
#include "name_distance.h"
#include "profile.h"
#include "query_rewrite.h"
#include "schema.h"
#include "strbuf.h"
#include "tables.h"
#include "acronyms.h"
#include "terms.h"
#include "tokenizer.h"
#include "stopwords.h"
#include "typos.h"
#include "xapnews.h"

#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned flags;
    xn_stemmer *stemmer;
    const xn_tables *tables; /* may be NULL */
    const xapnews_profile_t *profile; /* field weights; NULL: text only */
    const xn_known_terms *known; /* terms the database holds (may be NULL) */
    xn_hlset *hl;
    xn_error *err;
    const char *query; /* the tree's text */
    unsigned corrected; /* K: build texts with their (K-1)-th corrections
                         * (xn_qnode.corrected); 0: as typed */
    int capitals;   /* the query is in capitals: read it as lower case */
    size_t at;      /* offset in the query of what is being built, for messages */
    size_t text_at; /* offset in the query of the text being analysed */
    unsigned n_terms; /* terms built, expansions included */
    const char *wildcard; /* building a prefix: its folded text, else NULL */
    size_t n_words;   /* words of the query's texts */
    const xn_typos *typos; /* names to search misspelt words as (may be NULL) */
    const xn_stopwords *stopwords; /* left out of words without operator */
    int may_drop;     /* building words without operator */
    unsigned dropped, kept; /* stopwords left out, other words without
                             * operator kept (a group of only stopwords
                             * keeps them) */
    int failed;
} builder_t;

/* A growable list of owned subqueries. */
typedef struct {
    xs_query **q;
    size_t n, cap;
} qlist_t;

static void qlist_free(qlist_t *l)
{
    for (size_t i = 0; i < l->n; i++) xs_query_free(l->q[i]);
    free(l->q);
    l->q = NULL;
    l->n = l->cap = 0;
}

static int fail_nomem(builder_t *p)
{
    if (!p->failed)
        xn_error_set(p->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    p->failed = 1;
    return -1;
}

static int fail_syntax(builder_t *p, size_t at, const char *msg)
{
    if (!p->failed)
        xn_error_set(p->err, XAPNEWS_STATUS_BAD_QUERY,
                     "query syntax error at column %zu: %s", at + 1, msg);
    p->failed = 1;
    return -1;
}

static int fail_shim(builder_t *p, const xs_error *xe)
{
    if (!p->failed) xn_error_from_shim(p->err, xe, "cannot build the query");
    p->failed = 1;
    return -1;
}

/* Takes ownership of Q (NULL means a failure already recorded). */
static int qlist_push(builder_t *p, qlist_t *l, xs_query *q)
{
    if (!q) return -1;
    xs_query **n = xn_grow(l->q, &l->cap, l->n + 1, sizeof *n, 4);
    if (!n) {
        xs_query_free(q);
        return fail_nomem(p);
    }
    l->q = n;
    l->q[l->n++] = q;
    return 0;
}

/* Combines the queries of L with OP (a single query is returned as is) and
 * empties L. Returns NULL for an empty list without failing. */
static xs_query *qlist_combine(builder_t *p, qlist_t *l, xs_op op,
                               unsigned param)
{
    xs_query *r = NULL;
    if (l->n == 1) {
        r = l->q[0];
        l->n = 0;
    } else if (l->n > 1) {
        xs_error xe;
        r = xs_query_combine(op, l->q, l->n, param, &xe);
        if (!r) fail_shim(p, &xe);
    }
    qlist_free(l);
    return r;
}

static xs_query *make_term(builder_t *p, const char *prefix, const char *body,
                           size_t len, unsigned pos)
{
    xn_strbuf b = XN_STRBUF_INIT;
    if (xn_strbuf_puts(&b, prefix) < 0 || xn_strbuf_append(&b, body, len) < 0) {
        xn_strbuf_free(&b);
        fail_nomem(p);
        return NULL;
    }
    if (++p->n_terms > XN_QUERY_MAX_TERMS) {
        xn_strbuf_free(&b);
        char msg[96];
        snprintf(msg, sizeof msg, "the query expands to more than %d terms",
                 XN_QUERY_MAX_TERMS);
        fail_syntax(p, p->at, msg);
        return NULL;
    }
    xs_error xe;
    xs_query *q = p->known && xn_known_terms_covers(p->known, prefix) &&
                          !xn_known_terms_has(p->known, b.data, b.len)
                      ? xs_query_match_nothing(&xe)
                      : xs_query_term(b.data, b.len, 1, pos, &xe);
    xn_strbuf_free(&b);
    if (!q) fail_shim(p, &xe);
    return q;
}

/* ---- text: words and phrases ------------------------------------- */

typedef struct {
    char term[XN_TOKEN_MAX_BYTES + 1];
    size_t len;
    unsigned flags;
    size_t start, end;
} qtok_t;

#define MAX_ALTS 4

/* One position of the query text: its own word, the forms colocated with
 * it, the hyphenated compound it belongs to, and the term of the amount of
 * money it is part of (see tokenizer.h). */
typedef struct {
    qtok_t word;
    qtok_t alts[MAX_ALTS];
    size_t n_alts;
    long compound;   /* id of the raw word it shares with others, or -1 */
    qtok_t joined;   /* the compound's joined form (on its first position) */
    int has_joined;
    qtok_t amount;   /* XN_TOKEN_AMOUNT: the same on each of its positions */
    int has_amount;
} qpos_t;

typedef struct {
    qpos_t *p;
    size_t n, cap;
    const char *text;
    long next_compound;
    int nomem;
} qposs_t;

static qpos_t *new_position(qposs_t *c)
{
    qpos_t *n = xn_grow(c->p, &c->cap, c->n + 1, sizeof *n, 8);
    if (!n) {
        c->nomem = 1;
        return NULL;
    }
    c->p = n;
    qpos_t *q = &c->p[c->n++];
    memset(q, 0, sizeof *q);
    q->compound = -1;
    return q;
}

static void set_tok(qtok_t *q, const char *term, size_t len, unsigned flags,
                    size_t start, size_t end)
{
    memcpy(q->term, term, len);
    q->term[len] = '\0';
    q->len = len;
    q->flags = flags;
    q->start = start;
    q->end = end;
}

/* Whether the raw text between two words holds no white space: they were
 * written as one word ("cyber-security", "U.S.-China", "foo:bar") and are
 * searched as a phrase, as Xapian's QueryParser does. A slash between two
 * words that do not start with a digit separates them instead: it lists
 * alternatives ("Mergers/Acquisitions", "Money/Foreign Exchange", "and/or")
 * far more often than it joins a phrase, while "24/7" and "9/11" stay one. */
static int same_raw_word(const char *text, size_t from, size_t to)
{
    int slash = 0;
    for (size_t i = from; i < to; i++) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')
            return 0;
        if (text[i] == '/') slash = 1;
    }
    if (slash && from > 0 && !isdigit((unsigned char)text[to]) &&
        !isdigit((unsigned char)text[from - 1]))
        return 0;
    return 1;
}

static int collect(void *vctx, const xn_token *t)
{
    qposs_t *c = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) {
        if (c->n == 0) return 0;
        qpos_t *last = &c->p[c->n - 1];
        if (t->flags & XN_TOKEN_AMOUNT) {
            if (!last->has_amount)
                set_tok(&last->amount, t->term, t->len, t->flags, t->start, t->end);
            last->has_amount = 1;
        } else if (t->flags & XN_TOKEN_COMPOUND) {
            /* the joined form belongs on the compound's first position */
            size_t first = c->n - 1;
            while (first > 0 && c->p[first - 1].compound == last->compound) first--;
            if (last->compound >= 0 && !c->p[first].has_joined) {
                set_tok(&c->p[first].joined, t->term, t->len, t->flags, t->start, t->end);
                c->p[first].has_joined = 1;
            }
        } else if (last->n_alts < MAX_ALTS) {
            set_tok(&last->alts[last->n_alts++], t->term, t->len, t->flags,
                    t->start, t->end);
        }
        return 0;
    }
    size_t had = c->n;
    qpos_t *q = new_position(c); /* may move the array: find PREV after */
    if (!q) return -1;
    qpos_t *prev = had ? &c->p[had - 1] : NULL;
    set_tok(&q->word, t->term, t->len, t->flags, t->start, t->end);
    if (prev && same_raw_word(c->text, prev->word.end, t->start)) {
        if (prev->compound < 0) prev->compound = c->next_compound++;
        q->compound = prev->compound;
    }
    return 0;
}

/* Appends to C the positions of tokens [FROM, TO) of L, as collect()
 * makes them from the tokeniser: plain-stream tokens laid from the variant
 * table are left out (they serve stock clients); FLAGS are added to each
 * token and CLEAR taken away. */
static int positions_of(const xn_tokens *l, size_t from, size_t to,
                        unsigned flags, unsigned clear, qposs_t *c)
{
    for (size_t i = from; i < to; i++) {
        const xn_atoken *a = &l->t[i];
        if ((a->flags & (XN_TOKEN_VARIANT | XN_TOKEN_CANONICAL)) == XN_TOKEN_VARIANT)
            continue;
        xn_token t = {xn_tokens_term(l, i), a->len, a->start, a->end,
                      (a->flags | flags) & ~clear};
        if (collect(c, &t) != 0 || c->nomem) return -1;
    }
    return 0;
}

/* A single word, with the forms colocated with it as synonyms. Stemmed
 * (Z prefix) unless capitalised or MAY_STEM is 0. */
static xs_query *word_query(builder_t *p, const char *prefix, const qtok_t *t,
                            int may_stem, unsigned pos)
{
    if (p->hl && xn_hlset_add(p->hl, t->term, t->len, 0) < 0) {
        fail_nomem(p);
        return NULL;
    }
    p->at = p->text_at + t->start;
    if (t->flags & XN_TOKEN_CANONICAL) {
        char pre[32];
        snprintf(pre, sizeof pre, "%s%s", XN_PREFIX_CANONICAL, prefix);
        return make_term(p, pre, t->term, t->len, pos);
    }
    if (may_stem && p->stemmer && !(t->flags & XN_TOKEN_CAPITALISED) &&
        xn_stemmer_should_stem(t->term, t->len)) {
        size_t slen;
        const char *stem = xn_stemmer_stem(p->stemmer, t->term, t->len, &slen);
        if (!stem) {
            fail_nomem(p);
            return NULL;
        }
        if (p->hl && xn_hlset_add(p->hl, stem, slen, 1) < 0) {
            fail_nomem(p);
            return NULL;
        }
        xn_strbuf pre = XN_STRBUF_INIT;
        if (xn_strbuf_puts(&pre, XN_PREFIX_STEM) < 0 ||
            xn_strbuf_puts(&pre, prefix) < 0) {
            xn_strbuf_free(&pre);
            fail_nomem(p);
            return NULL;
        }
        xs_query *q = make_term(p, pre.data, stem, slen, pos);
        xn_strbuf_free(&pre);
        return q;
    }
    return make_term(p, prefix, t->term, t->len, pos);
}

/* The amount of money at positions [I, TO): the positions from I on that
 * hold the same amount (see tokenizer.h). Returns the end of the run. */
static size_t amount_end(const qpos_t *q, size_t i, size_t to)
{
    size_t j = i + 1;
    while (j < to && q[j].has_amount && q[j].amount.start == q[i].amount.start &&
           q[j].amount.end == q[i].amount.end && q[j].amount.len == q[i].amount.len &&
           memcmp(q[j].amount.term, q[i].amount.term, q[i].amount.len) == 0)
        j++;
    return j;
}

/* The term of the amount at Q: "$1.13bn", "1.13 billion dollars" and
 * "USD 1.13 billion" all search usd:1130000000, never stemmed. */
static xs_query *amount_query(builder_t *p, const char *prefix, const qpos_t *q,
                              unsigned pos)
{
    return word_query(p, prefix, &q->amount, 0, pos);
}

static xs_query *position_query(builder_t *p, const char *prefix,
                                const qpos_t *q, int may_stem, unsigned pos)
{
    if (q->has_amount) return amount_query(p, prefix, q, pos);
    qlist_t alts = {0};
    if (qlist_push(p, &alts, word_query(p, prefix, &q->word, may_stem, pos)) < 0)
        return NULL;
    int stemmed = may_stem && p->stemmer && !(q->word.flags & XN_TOKEN_CAPITALISED);
    for (size_t k = 0; k < q->n_alts; k++)
        if (!(q->alts[k].flags & XN_TOKEN_CURRENCY) &&
            /* a stemmed possessive already has the bare word's stem */
            !(stemmed && (q->alts[k].flags & XN_TOKEN_POSSESSIVE)) &&
            qlist_push(p, &alts, word_query(p, prefix, &q->alts[k], may_stem,
                                            pos)) < 0) {
            qlist_free(&alts);
            return NULL;
        }
    return qlist_combine(p, &alts, XS_OP_SYNONYM, 0);
}

/* A phrase over positions [from, to); with JOINED, each compound that has
 * a joined form is replaced by it. An amount of money is its term
 * repeated: once at either end of the phrase (the term is on each of the
 * amount's positions), else WIDTHS[k] times for the k-th amount inside it
 * (the number of positions the amount takes in the texts searched), or as
 * many times as the query writes positions for it past N_WIDTHS. */
static xs_query *phrase_of(builder_t *p, const char *prefix, const qpos_t *q,
                           size_t from, size_t to, int joined,
                           const unsigned *widths, size_t n_widths)
{
    qlist_t parts = {0};
    unsigned pos = 0;
    size_t inner = 0;
    for (size_t i = from; i < to; i++) {
        if (q[i].has_amount) {
            size_t j = amount_end(q, i, to);
            unsigned w = 1;
            if (i > from && j < to) {
                w = inner < n_widths ? widths[inner] : (unsigned)(j - i);
                inner++;
            }
            for (unsigned k = 0; k < w; k++)
                if (qlist_push(p, &parts, amount_query(p, prefix, &q[i], ++pos)) < 0) {
                    qlist_free(&parts);
                    return NULL;
                }
            i = j - 1;
            continue;
        }
        xs_query *part;
        if (joined && q[i].has_joined) {
            part = word_query(p, prefix, &q[i].joined, 0, ++pos);
            while (i + 1 < to && q[i + 1].compound == q[i].compound) i++;
        } else {
            part = word_query(p, prefix, &q[i].word, 0, ++pos);
        }
        if (qlist_push(p, &parts, part) < 0) {
            qlist_free(&parts);
            return NULL;
        }
    }
    return qlist_combine(p, &parts, XS_OP_PHRASE, (unsigned)parts.n);
}

#define MAX_AMOUNT_PHRASES 25 /* phrases tried for the widths of amounts */

/* A phrase over positions [from, to) (see phrase_of()) that matches an
 * amount of money inside it however the text writes it: "$1.13bn" takes
 * one position, "1.13 billion dollars" three, "5 billion New Taiwan
 * dollars" XN_AMOUNT_MAX_WORDS; the phrase is tried with each width of
 * each amount inside it (an amount at either end needs none), as long as
 * there are at most MAX_AMOUNT_PHRASES phrases and their terms take at
 * most an eighth of the query's terms left (the fields searched and the
 * alternatives of the text build the phrase again); further amounts keep
 * the width the query writes. As the term is on every position of an
 * amount, a word beside the amount also matches a word inside a longer
 * writing of it ("100 mln dlrs U.S." finds "100 mln U.S. dlrs"). */
static xs_query *phrase_query(builder_t *p, const char *prefix,
                              const qpos_t *q, size_t from, size_t to,
                              int joined)
{
    unsigned widths[8];
    size_t n_widths = 0, combos = 1;
    size_t budget = p->n_terms < XN_QUERY_MAX_TERMS ? (XN_QUERY_MAX_TERMS - p->n_terms) / 8 : 0;
    for (size_t i = from; i < to; i++) {
        if (!q[i].has_amount) continue;
        size_t j = amount_end(q, i, to);
        if (i > from && j < to && n_widths < sizeof widths / sizeof widths[0] &&
            combos * XN_AMOUNT_MAX_WORDS <= MAX_AMOUNT_PHRASES &&
            combos * XN_AMOUNT_MAX_WORDS *
                    (to - from + XN_AMOUNT_MAX_WORDS * (n_widths + 1)) <= budget) {
            widths[n_widths++] = 1;
            combos *= XN_AMOUNT_MAX_WORDS;
        }
        i = j - 1;
    }
    qlist_t alts = {0};
    for (;;) { /* every combination of widths, the first amount slowest */
        if (qlist_push(p, &alts, phrase_of(p, prefix, q, from, to, joined, widths,
                                           n_widths)) < 0) {
            qlist_free(&alts);
            return NULL;
        }
        size_t k = n_widths;
        while (k > 0 && widths[k - 1] == XN_AMOUNT_MAX_WORDS) widths[--k] = 1;
        if (k == 0) break;
        widths[k - 1]++;
    }
    return qlist_combine(p, &alts, XS_OP_OR, 0);
}

static int any_joined(const qpos_t *q, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (q[i].has_joined) return 1;
    return 0;
}

/* The phrase over [from, to), or that phrase OR the one with compounds
 * joined. */
static xs_query *phrase_or_joined(builder_t *p, const char *prefix,
                                  const qpos_t *q, size_t from, size_t to)
{
    qlist_t alts = {0};
    if (qlist_push(p, &alts, phrase_query(p, prefix, q, from, to, 0)) < 0)
        return NULL;
    if (any_joined(q, from, to) &&
        qlist_push(p, &alts, phrase_query(p, prefix, q, from, to, 1)) < 0) {
        qlist_free(&alts);
        return NULL;
    }
    return qlist_combine(p, &alts, XS_OP_OR, 0);
}

/* Turns TEXT, searched in field PREFIX, into queries appended to UNITS:
 * one per word (a hyphenated compound counts as one word) for plain text,
 * a single phrase for QUOTED text. Text without words adds nothing. */
/* The query for positions [i, j) of C in field PREFIX: a phrase when
 * QUOTED or when they were written as one word, else one word. */
static xs_query *unit_in_field(builder_t *p, const char *prefix, const qposs_t *c,
                               size_t i, size_t j, int quoted)
{
    if (p->wildcard) { /* every word of the field starting with the prefix */
        xn_strbuf pattern = XN_STRBUF_INIT;
        xs_error xe;
        xs_query *q = NULL;
        if (xn_strbuf_puts(&pattern, prefix) < 0 || xn_strbuf_puts(&pattern, p->wildcard) < 0)
            fail_nomem(p);
        else if (!(q = xs_query_wildcard(pattern.data, pattern.len, XN_WILDCARD_MAX, &xe)))
            fail_shim(p, &xe);
        xn_strbuf_free(&pattern);
        return q;
    }
    if (j - i == 1 || (c->p[i].has_amount && amount_end(c->p, i, j) == j))
        return position_query(p, prefix, &c->p[i], !quoted, 1);
    xs_query *q = phrase_or_joined(p, prefix, c->p, i, j);
    if (q && !quoted && c->p[i].has_joined) {
        /* the joined form alone, stemmed, also stands for the compound */
        qlist_t alts = {0};
        qlist_push(p, &alts, q);
        qlist_push(p, &alts, word_query(p, prefix, &c->p[i].joined, 1, 1));
        q = p->failed ? NULL : qlist_combine(p, &alts, XS_OP_OR, 0);
        if (p->failed) qlist_free(&alts);
    }
    return q;
}

static xs_query *pair(builder_t *p, xs_op op, xs_query *a, xs_query *b);

/* The unit over the default field: the text, plus the title, officials and
 * outlet fields when the profile weighs them, each scaled by its weight.
 * The title's words are in the text too (at the same positions), so the
 * title's match can only add weight to the text's: TEXT AND_MAYBE TITLE
 * scores every article as TEXT OR TITLE does, and the matcher reads the
 * title's postings only for articles the text matches. Officials and
 * outlet are metadata the text need not hold: ORed. */
static xs_query *unit_query(builder_t *p, const char *prefix, const qposs_t *c,
                            size_t i, size_t j, int quoted)
{
    const xapnews_profile_t *pr = p->profile;
    if (*prefix || !pr) return unit_in_field(p, prefix, c, i, j, quoted);
    const struct {
        const char *prefix;
        double weight;
    } fields[] = {{"", pr->field_body},
                  {XN_PREFIX_TITLE, pr->field_title},
                  {XN_PREFIX_OFFICIAL_TEXT, pr->field_officials},
                  {XN_PREFIX_OUTLET_TEXT, pr->field_outlet}};
    qlist_t alts = {0};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        if (fields[f].weight <= 0 && f > 0) continue;
        xs_query *q = unit_in_field(p, fields[f].prefix, c, i, j, quoted);
        if (q && fields[f].weight != 1.0) {
            xs_error xe;
            xs_query *scaled = xs_query_scale(q, fields[f].weight, &xe);
            xs_query_free(q);
            if (!scaled) fail_shim(p, &xe);
            q = scaled;
        }
        if (f == 1) { /* the title, inside the text: see above */
            xs_query *text = alts.n ? alts.q[--alts.n] : NULL;
            q = pair(p, XS_OP_AND_MAYBE, text, q);
        }
        if (qlist_push(p, &alts, q) < 0) {
            qlist_free(&alts);
            return NULL;
        }
    }
    return qlist_combine(p, &alts, XS_OP_OR, 0);
}

/* ---- acronyms the index's articles define (see acronyms.h) ------------- */

#define MAX_ACRONYM_ALTS 4
#define MAX_ACRONYM_PHRASES 8

/* The units of positions [FROM, TO) of C, as text_units() makes them: an
 * amount of money is one unit, its term (its words add nothing). */
/* Whether the word at position I of C is a function word to leave out: a
 * stopword (stopwords.h) not written in capitals ("WHO", "IT" in mixed
 * case are acronyms; a query wholly in capitals was read as lower case). */
static int is_stopword(const builder_t *p, const qposs_t *c, size_t i)
{
    const qtok_t *w = &c->p[i].word;
    if (!xn_stopwords_has(p->stopwords, w->term, w->len)) return 0;
    if (!(w->flags & XN_TOKEN_CAPITALISED) || w->end - w->start < 2) return 1;
    return !isupper((unsigned char)c->text[w->start + 1]);
}

/* UNIT, the word at position I of C as typed, OR each name the typo pass
 * gives that word (typos.h), the first weighing XN_TYPO_WEIGHT, each next
 * a sixteenth less, and half as much for each whole edit it costs more
 * than the first. Takes UNIT. */
static xs_query *with_names(builder_t *p, const char *prefix, const qposs_t *c, size_t i,
                            xs_query *unit)
{
    const xn_typos *t = p->typos;
    if (!unit || !t || !t->n || p->corrected) return unit;
    size_t at = p->text_at + c->p[i].word.start;
    unsigned best = (unsigned)-1; /* the cost of the word's best name */
    for (size_t k = 0; k < t->n; k++)
        if (t->t[k].start == at && !t->t[k].ordinary && t->t[k].cost < best) best = t->t[k].cost;
    if (best == (unsigned)-1) return unit;
    qlist_t alts = {0};
    if (qlist_push(p, &alts, unit) < 0) return NULL;
    for (size_t k = 0; k < t->n && !p->failed; k++) {
        const xn_typo *typo = &t->t[k];
        if (typo->start != at || typo->ordinary) continue;
        qposs_t w = {NULL, 0, 0, typo->name, 0, 0};
        if (xn_tokenize(typo->name, strlen(typo->name), collect, &w) != 0 || w.nomem) {
            free(w.p);
            fail_nomem(p);
            break;
        }
        xs_query *q = w.n ? unit_query(p, prefix, &w, 0, w.n, 0) : NULL;
        free(w.p);
        if (!q) continue;
        xs_error xe;
        /* half the weight for each whole edit more than the best */
        unsigned worse = (typo->cost + XN_NAME_EDIT - 1) / XN_NAME_EDIT -
                         (best + XN_NAME_EDIT - 1) / XN_NAME_EDIT;
        double weight = XN_TYPO_WEIGHT * (1.0 - typo->rank / 16.0) / (double)(1u << worse);
        xs_query *scaled = xs_query_scale(q, weight, &xe);
        xs_query_free(q);
        if (!scaled) fail_shim(p, &xe);
        else qlist_push(p, &alts, scaled);
    }
    xs_query *r = qlist_combine(p, &alts, XS_OP_OR, 0);
    if (p->failed) {
        xs_query_free(r);
        return NULL;
    }
    return r;
}

static int plain_units(builder_t *p, const char *prefix, const qposs_t *c,
                       size_t from, size_t to, qlist_t *units)
{
    int rc = 0;
    for (size_t i = from; i < to && rc == 0;) {
        size_t j = i + 1;
        if (c->p[i].has_amount)
            j = amount_end(c->p, i, to);
        else if (c->p[i].compound >= 0)
            while (j < to && c->p[j].compound == c->p[i].compound) j++;
        if (p->may_drop && j == i + 1 && is_stopword(p, c, i)) {
            p->dropped++;
        } else {
            p->kept += p->may_drop;
            xs_query *unit = unit_query(p, prefix, c, i, j, 0);
            if (j == i + 1 && !c->p[i].has_amount) unit = with_names(p, prefix, c, i, unit);
            rc = qlist_push(p, units, unit);
        }
        i = j;
    }
    return rc;
}

typedef struct {
    size_t at, len, n_alts;
    const char *alts[MAX_ACRONYM_ALTS];
} acronym_span;

/* The words of ALT as one phrase (or one word) in field PREFIX; with
 * IN_CONTEXT, between C's positions [0, FROM) and [TO, n). */
static xs_query *acronym_alternative(builder_t *p, const char *prefix,
                                     const qposs_t *c, size_t from, size_t to,
                                     const char *alt, int in_context)
{
    qposs_t w = {NULL, 0, 0, alt, c->next_compound + 2000000, 0};
    qposs_t a = {NULL, 0, 0, alt, 0, 0};
    xs_query *q = NULL;
    if (xn_tokenize(alt, strlen(alt), collect, &w) != 0) w.nomem = 1;
    for (size_t i = 0; in_context && i < from && !a.nomem; i++) {
        qpos_t *n = new_position(&a);
        if (n) *n = c->p[i];
    }
    for (size_t i = 0; i < w.n && !a.nomem; i++) {
        qpos_t *n = new_position(&a);
        if (n) *n = w.p[i];
    }
    for (size_t i = to; in_context && i < c->n && !a.nomem; i++) {
        qpos_t *n = new_position(&a);
        if (n) *n = c->p[i];
    }
    if (a.nomem || w.nomem) fail_nomem(p);
    else if (a.n) q = unit_query(p, prefix, &a, 0, a.n, 1);
    free(w.p);
    free(a.p);
    return q;
}

/* Searches each acronym of C also as its expansions and each expansion
 * also as its acronym. Returns 1 when it appended C's units to UNITS, 0
 * when C holds no acronym or expansion (nothing done), -1 on failure. */
static int acronym_units(builder_t *p, const char *prefix, const qposs_t *c,
                         int quoted, qlist_t *units)
{
    const xn_acronyms *t = p->tables ? p->tables->acronyms : NULL;
    if (!t || c->n == 0) return 0;
    const char **words = malloc(c->n * sizeof *words);
    size_t *lens = malloc(c->n * sizeof *lens);
    acronym_span *spans = malloc(c->n * sizeof *spans);
    size_t n_spans = 0;
    int rc = 0;
    if (!words || !lens || !spans) {
        rc = fail_nomem(p);
        goto out;
    }
    for (size_t i = 0; i < c->n; i++) {
        words[i] = c->p[i].word.term;
        lens[i] = c->p[i].word.len;
    }
    for (size_t i = 0; i < c->n;) {
        acronym_span *s = &spans[n_spans];
        size_t len = 0;
        /* an amount's words are the amount, never an acronym's */
        int starts = !c->p[i].has_amount &&
                     (c->p[i].compound < 0 || i == 0 ||
                      c->p[i - 1].compound != c->p[i].compound);
        s->n_alts = starts ? xn_acronyms_match(t, words + i, lens + i, c->n - i,
                                               (c->p[i].word.flags & XN_TOKEN_CAPITALISED) != 0,
                                               &len, s->alts, MAX_ACRONYM_ALTS)
                           : 0;
        size_t j = i + len;
        int whole = s->n_alts && (j == c->n || c->p[j].compound < 0 ||
                                  c->p[j].compound != c->p[j - 1].compound);
        if (!whole) {
            i++;
            continue;
        }
        s->at = i;
        s->len = len;
        n_spans++;
        i = j;
    }
    if (n_spans == 0) goto out;
    rc = 1;
    if (quoted) { /* the phrase, and the phrase with one span replaced */
        qlist_t alts = {0};
        int r = qlist_push(p, &alts, unit_query(p, prefix, c, 0, c->n, 1));
        for (size_t s = 0; s < n_spans && r == 0; s++)
            for (size_t k = 0; k < spans[s].n_alts && r == 0 &&
                               alts.n < MAX_ACRONYM_PHRASES;
                 k++)
                r = qlist_push(p, &alts,
                               acronym_alternative(p, prefix, c, spans[s].at,
                                                   spans[s].at + spans[s].len,
                                                   spans[s].alts[k], 1));
        if (r < 0 || qlist_push(p, units, qlist_combine(p, &alts, XS_OP_OR, 0)) < 0)
            rc = -1;
        qlist_free(&alts);
        goto out;
    }
    size_t done = 0;
    for (size_t s = 0; s < n_spans && rc == 1; s++) {
        qlist_t as_written = {0}, alts = {0};
        size_t at = spans[s].at, end = at + spans[s].len;
        if (plain_units(p, prefix, c, done, at, units) < 0 ||
            plain_units(p, prefix, c, at, end, &as_written) < 0 ||
            qlist_push(p, &alts, qlist_combine(p, &as_written, XS_OP_AND, 0)) < 0)
            rc = -1;
        for (size_t k = 0; k < spans[s].n_alts && rc == 1; k++)
            if (qlist_push(p, &alts, acronym_alternative(p, prefix, c, at, end,
                                                         spans[s].alts[k], 0)) < 0)
                rc = -1;
        if (rc == 1 && qlist_push(p, units, qlist_combine(p, &alts, XS_OP_OR, 0)) < 0)
            rc = -1;
        qlist_free(&as_written);
        qlist_free(&alts);
        done = end;
    }
    if (rc == 1 && plain_units(p, prefix, c, done, c->n, units) < 0) rc = -1;
out:
    free(words);
    free(lens);
    free(spans);
    return rc;
}

/* ---- variant forms: the canonical stream (see terms.h) -------------- */

#define MAX_EDGE_ALTS 8

/* The analysis of a query text: its plain positions, its canonical stream
 * and where each plain position lies in it. */
typedef struct {
    xn_tokens l;
    qposs_t plain, canon;
    unsigned *cfirst, *clast; /* per plain position, 1-based canonical range */
    long *span;               /* per plain position, its span or -1 */
} analysed_t;

static void analysed_free(analysed_t *a)
{
    xn_tokens_free(&a->l);
    free(a->plain.p);
    free(a->canon.p);
    free(a->cfirst);
    free(a->clast);
    free(a->span);
}

/* Analyses TEXT with the variant table V (may be NULL). */
static int analyse_text(builder_t *p, const xn_variants *v, const char *text,
                        size_t len, analysed_t *a)
{
    memset(a, 0, sizeof *a);
    a->plain.text = a->canon.text = text;
    a->canon.next_compound = 1000000; /* ids apart from the plain ones */
    if (xn_analyze(text, len, v, 0, &a->l) == (unsigned)-1) return fail_nomem(p);
    if (p->capitals) xn_tokens_lower_case(&a->l);
    if (positions_of(&a->l, 0, a->l.n_plain, 0, 0, &a->plain) < 0 ||
        positions_of(&a->l, a->l.n_plain, a->l.n, 0, 0, &a->canon) < 0)
        return fail_nomem(p);
    /* a possessive is searched in the canonical stream by its bare word,
     * which is there whether the word was copied (with its bare word
     * colocated) or ends a form written as its canonical words */
    for (size_t i = 0; i < a->canon.n; i++) {
        qpos_t *q = &a->canon.p[i];
        for (size_t k = 0; k < q->n_alts; k++)
            if (q->alts[k].flags & XN_TOKEN_POSSESSIVE) {
                qtok_t word = q->word;
                q->word = q->alts[k];
                q->alts[k] = word;
                break;
            }
    }
    size_t n = a->plain.n ? a->plain.n : 1;
    a->cfirst = malloc(n * sizeof *a->cfirst);
    a->clast = malloc(n * sizeof *a->clast);
    a->span = malloc(n * sizeof *a->span);
    if (!a->cfirst || !a->clast || !a->span) return fail_nomem(p);
    unsigned cpos = 0;
    for (size_t k = 0, s = 0; k < a->plain.n; k++) {
        const xn_vspan *sp = s < a->l.n_spans ? &a->l.spans[s] : NULL;
        if (sp && k + 1 >= sp->first && k + 1 <= sp->last) {
            a->cfirst[k] = sp->cfirst;
            a->clast[k] = sp->clast;
            a->span[k] = (long)s;
            cpos = sp->clast;
            if (k + 1 == sp->last) s++;
        } else {
            a->cfirst[k] = a->clast[k] = ++cpos;
            a->span[k] = -1;
        }
    }
    return 0;
}

/* Adds to W (one position each) the words of every form of the groups of
 * A's spans over plain positions [FROM, TO), once each. */
static int group_words(builder_t *p, const xn_variants *v, const analysed_t *a,
                       size_t from, size_t to, qposs_t *w)
{
    long last = -1;
    for (size_t k = from; k < to; k++) {
        if (a->span[k] < 0 || a->span[k] == last) continue;
        last = a->span[k];
        const xn_vspan *sp = &a->l.spans[last];
        for (size_t f = 0; f < xn_variants_form_count(v, sp->group); f++) {
            xn_form form = xn_variants_form(v, sp->group, f);
            if (p->hl && form.n == 1 &&
                xn_hlset_add(p->hl, form.words[0], form.lens[0], 0) < 0)
                return fail_nomem(p);
            for (size_t i = 0; i < form.n; i++) {
                int seen = 0;
                for (size_t j = 0; j < w->n && !seen; j++)
                    seen = w->p[j].word.len == form.lens[i] &&
                           memcmp(w->p[j].word.term, form.words[i], form.lens[i]) == 0;
                qpos_t *q = seen ? NULL : new_position(w);
                if (!seen && !q) return fail_nomem(p);
                if (q) set_tok(&q->word, form.words[i], form.lens[i], 0, 0, 0);
            }
        }
    }
    return 0;
}

/* Whether the words of plain positions [FROM, FROM + N) of A equal words
 * [AT, AT + N) of form F. */
static int words_equal(const analysed_t *a, size_t from, xn_form f, size_t at,
                       size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const qtok_t *t = &a->plain.p[from + i].word;
        if (t->len != f.lens[at + i] || memcmp(t->term, f.words[at + i], t->len) != 0)
            return 0;
    }
    return 1;
}

/* The canonical stream of the query's words written between byte offsets
 * START and END, flagged canonical, appended to OUT. */
static int canonical_of(builder_t *p, const xn_variants *v, const char *text,
                        size_t start, size_t end, qposs_t *out)
{
    analysed_t a;
    int rc = analyse_text(p, v, text + start, end - start, &a);
    if (rc == 0) {
        size_t from = a.l.n_spans ? a.l.n_plain : 0, to = a.l.n_spans ? a.l.n : a.l.n_plain;
        qposs_t tmp = {NULL, 0, 0, text + start, out->next_compound, 0};
        if (positions_of(&a.l, from, to, XN_TOKEN_CANONICAL, 0, &tmp) < 0) rc = fail_nomem(p);
        for (size_t i = 0; rc == 0 && i < tmp.n; i++) {
            qpos_t *q = new_position(out);
            if (!q) rc = fail_nomem(p);
            else *q = tmp.p[i];
        }
        out->next_compound = tmp.next_compound + 1;
        free(tmp.p);
    }
    analysed_free(&a);
    return rc;
}

/* Appends canonical form F of GROUP, as one phrase, to OUT. */
static int canonical_form(builder_t *p, const xn_variants *v, size_t group,
                          qposs_t *out)
{
    xn_form f = xn_variants_form(v, group, xn_variants_canonical(v, group));
    long id = out->next_compound++;
    for (size_t i = 0; i < f.n; i++) {
        qpos_t *q = new_position(out);
        if (!q) return fail_nomem(p);
        set_tok(&q->word, f.words[i], f.lens[i], XN_TOKEN_CANONICAL | XN_TOKEN_VARIANT, 0, 0);
        q->compound = f.n > 1 ? id : -1;
    }
    return 0;
}

/* Pushes to LIST the phrase of canonical positions [FROM, TO) of C in the
 * canonical stream, and the same words as plain words: a text that needs
 * no canonical stream holds them in its plain stream (terms.h), and a
 * mapping's canonical words count as plain words of the text anyway. */
static int push_both_streams(builder_t *p, const char *prefix, const qposs_t *c, size_t from,
                             size_t to, qlist_t *list)
{
    const unsigned both = XN_TOKEN_CANONICAL | XN_TOKEN_VARIANT;
    qposs_t plain = {NULL, 0, 0, c->text, 0, 0};
    int rc = qlist_push(p, list, unit_query(p, prefix, c, from, to, 1));
    for (size_t i = from; i < to && rc == 0; i++) {
        qpos_t *q = new_position(&plain);
        if (!q) {
            rc = fail_nomem(p);
            break;
        }
        *q = c->p[i];
        q->word.flags &= ~both;
        q->joined.flags &= ~both;
        q->amount.flags &= ~both;
        for (size_t k = 0; k < q->n_alts; k++) q->alts[k].flags &= ~both;
    }
    if (rc == 0) rc = qlist_push(p, list, unit_query(p, prefix, &plain, 0, plain.n, 1));
    free(plain.p);
    return rc;
}

/* A phrase whose first (LEFT) or last words are only part of a form the
 * text holds in full: the text's canonical stream has that form's
 * canonical words there. Adds to ALTS, for each form F whose last (first)
 * EDGE words are the phrase's first (last), the phrase with those words
 * read as F, in the canonical stream. */
static int edge_alternatives(builder_t *p, const char *prefix,
                             const xn_variants *v, const analysed_t *a,
                             qlist_t *alts)
{
    size_t n = a->plain.n, made = 0;
    for (int left = 1; left >= 0; left--)
        for (size_t e = 1; e < n && made < MAX_EDGE_ALTS; e++)
            for (size_t g = 0; g < xn_variants_groups(v) && made < MAX_EDGE_ALTS; g++)
                for (size_t f = 0; f < xn_variants_form_count(v, g) && made < MAX_EDGE_ALTS; f++) {
                    xn_form form = xn_variants_form(v, g, f);
                    if (form.n <= e ||
                        !words_equal(a, left ? 0 : n - e, form, left ? form.n - e : 0, e))
                        continue;
                    qposs_t alt = {NULL, 0, 0, a->plain.text, 0, 0};
                    size_t cut = left ? a->plain.p[e].word.start : a->plain.p[n - e - 1].word.end;
                    int rc = left ? canonical_form(p, v, g, &alt)
                                  : canonical_of(p, v, a->plain.text, 0, cut, &alt);
                    if (rc == 0)
                        rc = left ? canonical_of(p, v, a->plain.text, cut,
                                                 a->plain.p[n - 1].word.end, &alt)
                                  : canonical_form(p, v, g, &alt);
                    if (rc == 0 && alt.n) rc = push_both_streams(p, prefix, &alt, 0, alt.n, alts);
                    free(alt.p);
                    if (rc < 0) return -1;
                    made++;
                }
    return 0;
}

/* The query for plain positions [FROM, TO) of A through the canonical
 * stream: their canonical words as a phrase, in both streams
 * (push_both_streams()), plus with WHOLE the edge alternatives, matched as
 * a filter; the weight comes from the words of the forms' groups as one
 * synonym, which a text holds with their own counts (the canonical stream
 * has wdf 0). */
static xs_query *canonical_query(builder_t *p, const char *prefix,
                                 const xn_variants *v, const analysed_t *a,
                                 size_t from, size_t to, int whole)
{
    qlist_t match = {0}, weight = {0};
    qposs_t words = {NULL, 0, 0, a->plain.text, 0, 0};
    size_t c0 = a->cfirst[from] - 1, c1 = a->clast[to - 1];
    xs_query *r = NULL;
    int rc = push_both_streams(p, prefix, &a->canon, c0, c1, &match);
    if (rc == 0 && whole) rc = edge_alternatives(p, prefix, v, a, &match);
    if (rc == 0) rc = group_words(p, v, a, from, to, &words);
    for (size_t k = from; k < to && rc == 0 && whole; k++) { /* words outside forms */
        if (a->span[k] >= 0) continue;
        qpos_t *q = new_position(&words);
        if (!q) rc = fail_nomem(p);
        else {
            *q = a->plain.p[k];
            q->compound = -1;
            q->has_joined = 0;
        }
    }
    for (size_t i = 0; i < words.n && rc == 0; i++)
        rc = qlist_push(p, &weight, word_query(p, prefix, &words.p[i].word, 0, 0));
    if (rc == 0) {
        xs_error xe;
        xs_query *m = qlist_combine(p, &match, XS_OP_OR, 0);
        xs_query *filter = m ? xs_query_scale(m, 0.0, &xe) : NULL;
        if (m && !filter) fail_shim(p, &xe);
        xs_query_free(m);
        xs_query *w = filter ? qlist_combine(p, &weight, XS_OP_SYNONYM, 0) : NULL;
        if (filter && w) {
            xs_query *pair[2] = {filter, w};
            r = xs_query_combine(XS_OP_AND, pair, 2, 0, &xe);
            if (!r) fail_shim(p, &xe);
        } else if (filter && !p->failed) {
            r = filter;
            filter = NULL;
        }
        xs_query_free(filter);
        xs_query_free(w);
    }
    qlist_free(&match);
    qlist_free(&weight);
    free(words.p);
    return r;
}

/* Appends to UNITS the words of plain positions [FROM, TO) of C as typed:
 * each word or compound one unit, acronyms' expansions as alternatives;
 * with QUOTED one phrase. */
static int typed_units(builder_t *p, const char *prefix, const qposs_t *c,
                       size_t from, size_t to, int quoted, qlist_t *units)
{
    qposs_t sub = *c;
    sub.p = c->p + from;
    sub.n = to - from;
    int rc = acronym_units(p, prefix, &sub, quoted, units);
    if (rc == 0)
        rc = quoted ? qlist_push(p, units, unit_query(p, prefix, &sub, 0, sub.n, 1))
                    : plain_units(p, prefix, &sub, 0, sub.n, units);
    return rc < 0 ? -1 : 0;
}

/* The same units combined with AND. */
static xs_query *typed_query(builder_t *p, const char *prefix, const qposs_t *c,
                             size_t from, size_t to, int quoted)
{
    qlist_t units = {0};
    if (typed_units(p, prefix, c, from, to, quoted, &units) < 0) {
        qlist_free(&units);
        return NULL;
    }
    return qlist_combine(p, &units, XS_OP_AND, 0);
}

/* End of the component of plain positions starting at I: the positions
 * joined to it by a compound or a form of the variant table. */
static size_t component_end(const analysed_t *a, size_t i)
{
    size_t j = i + 1;
    for (;;) {
        size_t k = j - 1;
        if (j < a->plain.n && a->plain.p[k].compound >= 0 &&
            a->plain.p[j].compound == a->plain.p[k].compound)
            j++;
        else if (j < a->plain.n && a->span[k] >= 0 && a->span[j] == a->span[k])
            j++;
        else
            return j;
    }
}

/* Turns TEXT, searched in field PREFIX, into queries appended to UNITS:
 * one per word (words written as one, like a hyphenated compound, count as
 * one) for plain text, a single phrase for QUOTED text. A form of the
 * variant table is searched as typed OR through the canonical stream, so
 * its words still match apart and stemmed, and every other form of its
 * group matches too, in phrases with the words around it. Text without
 * words adds nothing. */
static int text_units(builder_t *p, const char *prefix, const char *text,
                      size_t len, int quoted, qlist_t *units)
{
    const xn_variants *v = p->tables ? p->tables->synonyms : NULL;
    analysed_t a;
    int rc = analyse_text(p, v, text, len, &a);
    size_t n = a.plain.n;
    if (rc < 0 || n == 0) goto out;
    if ((p->n_words += n) > XN_QUERY_MAX_WORDS) { /* the words written */
        char msg[96];
        snprintf(msg, sizeof msg, "the query has more than %d words", XN_QUERY_MAX_WORDS);
        rc = fail_syntax(p, p->text_at + a.plain.p[n - (p->n_words - XN_QUERY_MAX_WORDS)].word.start,
                         msg);
        goto out;
    }
    if (a.l.n_spans == 0) {
        rc = typed_units(p, prefix, &a.plain, 0, n, quoted, units);
        goto out;
    }
    if (quoted) {
        qlist_t alts = {0};
        rc = qlist_push(p, &alts, typed_query(p, prefix, &a.plain, 0, n, 1));
        if (rc == 0) rc = qlist_push(p, &alts, canonical_query(p, prefix, v, &a, 0, n, 1));
        if (rc == 0) rc = qlist_push(p, units, qlist_combine(p, &alts, XS_OP_OR, 0));
        qlist_free(&alts);
        goto out;
    }
    for (size_t i = 0, free_from = 0; i <= n && rc == 0;) {
        size_t j = i < n ? component_end(&a, i) : n;
        int variant = 0; /* a form inside an amount is searched as the amount */
        for (size_t k = i; k < j && !variant; k++)
            variant = a.span[k] >= 0 && !a.plain.p[k].has_amount;
        if (!variant && i < n) {
            i = j;
            continue;
        }
        if (free_from < i) /* the words before, with their acronyms */
            rc = typed_units(p, prefix, &a.plain, free_from, i, 0, units);
        if (i == n || rc < 0) break;
        qlist_t alts = {0};
        rc = qlist_push(p, &alts, typed_query(p, prefix, &a.plain, i, j, 0));
        if (rc == 0) rc = qlist_push(p, &alts, canonical_query(p, prefix, v, &a, i, j, 0));
        if (rc == 0) rc = qlist_push(p, units, qlist_combine(p, &alts, XS_OP_OR, 0));
        qlist_free(&alts);
        i = free_from = j;
    }
out:
    analysed_free(&a);
    return p->failed ? -1 : (rc < 0 ? -1 : 0);
}

/* ---- the tree ------------------------------------------------------------ */

static xs_query *build_node(builder_t *p, const xn_qnode *n);

static const char *field_prefix(const xn_qnode *n)
{
    return n->field == XN_QFIELD_TITLE      ? XN_PREFIX_TITLE
           : n->field == XN_QFIELD_OFFICIAL ? XN_PREFIX_OFFICIAL_TEXT
           : n->field == XN_QFIELD_DECLARED ? n->def->prefix
                                            : "";
}

/* The units of text node N, as typed or as corrected. */
static int node_units(builder_t *p, const xn_qnode *n, qlist_t *units)
{
    p->at = n->at;
    p->text_at = n->owned ? n->at : (size_t)(n->text - p->query);
    const char *fixed = p->corrected ? n->corrected[p->corrected - 1] : NULL;
    const char *text = fixed ? fixed : n->text;
    size_t len = fixed ? strlen(fixed) : n->len;
    return text_units(p, field_prefix(n), text, len, n->quoted, units);
}

/* Q scaled to weigh nothing (a filter). Takes Q. */
static xs_query *weightless(builder_t *p, xs_query *q)
{
    if (!q) return NULL;
    xs_error xe;
    xs_query *r = xs_query_scale(q, 0.0, &xe);
    xs_query_free(q);
    if (!r) fail_shim(p, &xe);
    return r;
}

static xs_query *filter_query(builder_t *p, const xn_qnode *n)
{
    xs_error xe;
    xs_query *q;
    p->at = n->at;
    if (n->kind == XN_QNODE_DATE) { /* date:, or a declared date or number */
        int number = n->def && n->def->kind == XAPNEWS_KIND_NUMBER;
        size_t lo = number ? n->lo_len : strlen(n->lo), hi = number ? n->hi_len : strlen(n->hi);
        q = xs_query_value_range_len(n->def ? n->def->slot : XN_SLOT_DATE, lo ? n->lo : NULL,
                                     lo, hi ? n->hi : NULL, hi, &xe);
    } else if (n->term) {
        return weightless(p, make_term(p, "", n->term, strlen(n->term), 0));
    } else { /* a value that names nothing */
        q = xs_query_match_nothing(&xe);
    }
    if (!q) fail_shim(p, &xe);
    return weightless(p, q);
}

/* Combines A and B (both taken; either may be NULL) with OP. */
static xs_query *pair(builder_t *p, xs_op op, xs_query *a, xs_query *b)
{
    if (!a || !b) return a ? a : b;
    xs_error xe;
    xs_query *both[2] = {a, b};
    xs_query *r = xs_query_combine(op, both, 2, 0, &xe);
    xs_query_free(a);
    xs_query_free(b);
    if (!r) fail_shim(p, &xe);
    return r;
}

/* outlet, id, date, then the schema's fields by their index */
#define N_FILTER_FIELDS (3 + XN_FIELDS_BUILTIN + XN_FIELDS_MAX)

static int filter_slot(const xn_qnode *n)
{
    if (n->field == XN_QFIELD_DECLARED) return 3 + (int)n->def_index;
    return n->kind == XN_QNODE_DATE ? 2 : n->field == XN_QFIELD_ID ? 1 : 0;
}

/* Items joined by AND, NOT or nothing: the required ones AND the optional
 * ones (AND_MAYBE), restricted by the filters (those of one field OR'd,
 * the fields AND'd, whatever the default operator), less the excluded. */
static xs_query *and_query(builder_t *p, const xn_qnode *n)
{
    qlist_t required = {0}, optional = {0}, excluded = {0};
    qlist_t filters[N_FILTER_FIELDS] = {{0}};
    int any = (p->flags & XAPNEWS_QUERY_DEFAULT_OR) != 0;
    unsigned dropped = p->dropped, kept = p->kept;
    for (size_t i = 0; i < n->n_child && !p->failed; i++) {
        const xn_qnode *c = n->child[i];
        int filter = c->kind == XN_QNODE_FILTER || c->kind == XN_QNODE_DATE;
        if (filter && c->role != XN_QROLE_EXCLUDED) {
            qlist_push(p, &filters[filter_slot(c)], filter_query(p, c));
        } else if (c->kind == XN_QNODE_TEXT && !c->quoted && !c->boost && !c->wildcard &&
                   c->role == XN_QROLE_DEFAULT) { /* each word a unit */
            p->may_drop = p->stopwords != NULL;
            node_units(p, c, any ? &optional : &required);
            p->may_drop = 0;
        } else {
            xs_query *q = build_node(p, c);
            if (!q) continue; /* nothing to search, or a failure */
            qlist_t *l = c->role == XN_QROLE_EXCLUDED ? &excluded
                         : c->role == XN_QROLE_REQUIRED || !any ? &required
                                                                : &optional;
            qlist_push(p, l, q);
        }
    }
    if (p->dropped > dropped && p->kept == kept && !required.n && !optional.n)
        for (size_t i = 0; i < n->n_child && !p->failed; i++) { /* only stopwords */
            const xn_qnode *c = n->child[i];
            if (c->kind == XN_QNODE_TEXT && !c->quoted && !c->boost && !c->wildcard &&
                c->role == XN_QROLE_DEFAULT)
                node_units(p, c, any ? &optional : &required);
        }
    xs_query *filter = NULL;
    for (int f = 0; f < N_FILTER_FIELDS; f++)
        filter = pair(p, XS_OP_AND, filter, qlist_combine(p, &filters[f], XS_OP_OR, 0));
    xs_query *req = qlist_combine(p, &required, XS_OP_AND, 0);
    xs_query *opt = qlist_combine(p, &optional, XS_OP_OR, 0);
    xs_query *exc = qlist_combine(p, &excluded, XS_OP_OR, 0);
    xs_query *pos = pair(p, XS_OP_AND_MAYBE, req, opt);
    pos = pos ? pair(p, XS_OP_FILTER, pos, filter) : filter;
    if (exc && !pos) { /* only exclusions: everything but them */
        xs_error xe;
        if (!(pos = xs_query_match_all(&xe))) fail_shim(p, &xe);
    }
    xs_query *r = pos ? pair(p, XS_OP_AND_NOT, pos, exc) : NULL;
    if (!pos) xs_query_free(exc);
    for (int f = 0; f < N_FILTER_FIELDS; f++) qlist_free(&filters[f]);
    if (p->failed) {
        xs_query_free(r);
        return NULL;
    }
    return r;
}

static xs_query *or_query(builder_t *p, const xn_qnode *n)
{
    qlist_t alts = {0};
    for (size_t i = 0; i < n->n_child && !p->failed; i++) {
        xs_query *q = build_node(p, n->child[i]);
        if (q) qlist_push(p, &alts, q);
    }
    if (p->failed) {
        qlist_free(&alts);
        return NULL;
    }
    return qlist_combine(p, &alts, XS_OP_OR, 0);
}

static xs_query *build_unboosted(builder_t *p, const xn_qnode *n);

/* like:ID (similar.h): the article's expand terms OR'd, as Omega's
 * similar search and MORELIKE do, less the article itself and its story
 * (its near duplicates). Each term is highlighted. */
static xs_query *like_query(builder_t *p, const xn_qnode *n)
{
    p->at = n->at;
    if (!n->like_resolved) { /* a pipeline without a database */
        fail_syntax(p, n->at, "like: needs the database to look the article up "
                              "(xapnews_query_parse() reads it)");
        return NULL;
    }
    qlist_t terms = {0}, excluded = {0};
    for (size_t k = 0; k < n->n_like && !p->failed; k++) {
        const char *t = n->like_terms[k];
        if (qlist_push(p, &terms, make_term(p, "", t, strlen(t), 0)) == 0 && p->hl &&
            xn_hlset_add(p->hl, t, strlen(t), 0) < 0)
            fail_nomem(p);
    }
    xs_query *like = qlist_combine(p, &terms, XS_OP_OR, 0);
    if (!like && !p->failed) { /* an article without words of its own */
        xs_error xe;
        if (!(like = xs_query_match_nothing(&xe))) fail_shim(p, &xe);
    }
    if (n->term) qlist_push(p, &excluded, make_term(p, "", n->term, strlen(n->term), 0));
    if (n->like_story)
        qlist_push(p, &excluded, make_term(p, "", n->like_story, strlen(n->like_story), 0));
    xs_query *r = pair(p, XS_OP_AND_NOT, like, qlist_combine(p, &excluded, XS_OP_OR, 0));
    if (p->failed) {
        xs_query_free(r);
        return NULL;
    }
    return r;
}

/* The words starting with the prefix of wildcard node N ("Khodor*"), in
 * its field (or the fields the profile weighs). A prefix that folds to no
 * letters or digits, or holds several words, is searched as its words. */
static xs_query *prefix_query(builder_t *p, const xn_qnode *n)
{
    p->at = n->at;
    char folded[XN_TOKEN_MAX_BYTES + 1];
    size_t len = xn_fold(n->text, n->len, folded, sizeof folded);
    int one_word = len != (size_t)-1 && len > 0;
    for (size_t k = 0; one_word && k < len; k++)
        if (folded[k] == ' ') one_word = 0;
    if (!one_word) {
        qlist_t units = {0};
        if (node_units(p, n, &units) < 0) {
            qlist_free(&units);
            return NULL;
        }
        return qlist_combine(p, &units, XS_OP_AND, 0);
    }
    qposs_t none = {NULL, 0, 0, n->text, 0, 0};
    p->wildcard = folded;
    xs_query *q = unit_query(p, field_prefix(n), &none, 0, 1, 0);
    p->wildcard = NULL;
    return q;
}

/* The query of node N, weighted by its boost; NULL without failing for a
 * node without words. */
static xs_query *build_node(builder_t *p, const xn_qnode *n)
{
    xs_query *q = build_unboosted(p, n);
    if (!q || !n->boost || n->boost == 1.0) return q;
    xs_error xe;
    xs_query *scaled = xs_query_scale(q, n->boost, &xe);
    xs_query_free(q);
    if (!scaled) fail_shim(p, &xe);
    return scaled;
}

static xs_query *build_unboosted(builder_t *p, const xn_qnode *n)
{
    switch (n->kind) {
    case XN_QNODE_TEXT: {
        if (n->wildcard) return prefix_query(p, n);
        qlist_t units = {0};
        if (node_units(p, n, &units) < 0) {
            qlist_free(&units);
            return NULL;
        }
        return qlist_combine(p, &units, XS_OP_AND, 0);
    }
    case XN_QNODE_FILTER:
    case XN_QNODE_DATE: return filter_query(p, n);
    case XN_QNODE_LIKE: return like_query(p, n);
    case XN_QNODE_AND: return and_query(p, n);
    case XN_QNODE_OR: return or_query(p, n);
    }
    return NULL;
}

static int has_correction(void *ctx, xn_qnode *n)
{
    return n->corrected[*(const unsigned *)ctx] != NULL;
}

xs_query *xn_query_build(xn_qtree *tree, unsigned flags, xn_stemmer *stemmer,
                         const xn_tables *tables, const xapnews_profile_t *profile,
                         const xn_known_terms *known, xn_hlset *hl, xn_error *err)
{
    builder_t p = {.flags = flags, .stemmer = stemmer, .tables = tables,
                   .profile = profile, .known = known, .hl = hl, .err = err, .query = tree->text,
                   .capitals = tree->capitals, .typos = tree->typos};
    if (profile && profile->stopwords && stemmer)
        p.stopwords = xn_stopwords_for(xn_stemmer_language(stemmer));
    xs_query *q = tree->root ? build_node(&p, tree->root) : NULL;

    /* as typed OR as corrected with each rank of corrections, each
     * weighing less: XN_TYPO_WEIGHT, then a quarter less per rank (binary
     * fractions, so the description shows them exactly) */
    qlist_t alts = {0};
    if (q && !p.failed) qlist_push(&p, &alts, q);
    for (unsigned k = 0; k < XN_QNODE_CORRECTIONS && !p.failed && q; k++) {
        if (!xn_qtree_each_searched_text(tree, has_correction, &k)) continue;
        p.corrected = k + 1;
        p.n_terms = 0;
        p.n_words = 0;
        xs_query *alt = build_node(&p, tree->root);
        xs_error xe;
        double weight = XN_TYPO_WEIGHT * (1.0 - 0.25 * k);
        xs_query *scaled = alt ? xs_query_scale(alt, weight, &xe) : NULL;
        if (alt && !scaled) fail_shim(&p, &xe);
        xs_query_free(alt);
        if (scaled) qlist_push(&p, &alts, scaled);
    }
    q = qlist_combine(&p, &alts, XS_OP_OR, 0);
    if (p.failed) {
        xs_query_free(q);
        return NULL;
    }
    if (!q) {
        xs_error xe;
        q = xs_query_match_nothing(&xe);
        if (!q) xn_error_from_shim(err, &xe, NULL);
    }
    return q;
}

xs_query *xn_query_parse(const char *text, unsigned flags, xn_stemmer *stemmer,
                         xn_hlset *hl, xn_error *err)
{
    return xn_query_parse_with(text, flags, stemmer, NULL, NULL, hl, err);
}

xs_query *xn_query_parse_with(const char *text, unsigned flags,
                              xn_stemmer *stemmer, const xn_tables *tables,
                              const xapnews_profile_t *profile, xn_hlset *hl,
                              xn_error *err)
{
    xn_qtree tree;
    xs_query *q = NULL;
    if (xn_qtree_parse_fields(text, tables ? tables->fields : NULL, &tree, err) == 0 &&
        xn_qtree_resolve_fields(&tree, tables, err) == 0)
        q = xn_query_build(&tree, flags, stemmer, tables, profile, NULL, hl, err);
    xn_qtree_free(&tree);
    return q;
}
