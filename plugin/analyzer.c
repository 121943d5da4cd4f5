/* analyzer.c - see analyzer.h. */
#include "analyzer.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

void xn_tokens_reset(xn_tokens *l)
{
    l->n = 0;
    xn_strbuf_reset(&l->text);
}

void xn_tokens_free(xn_tokens *l)
{
    free(l->t);
    l->t = NULL;
    l->n = l->cap = 0;
    xn_strbuf_free(&l->text);
}

static int push(xn_tokens *l, const char *term, size_t len, unsigned pos,
                size_t start, size_t end, unsigned flags)
{
    xn_atoken *t = xn_grow(l->t, &l->cap, l->n + 1, sizeof *t, 64);
    if (!t) return -1;
    l->t = t;
    size_t off = l->text.len;
    if (xn_strbuf_append(&l->text, term, len) < 0 ||
        xn_strbuf_putc(&l->text, '\0') < 0)
        return -1;
    xn_atoken *a = &l->t[l->n++];
    a->term = off;
    a->len = len;
    a->pos = pos;
    a->start = start;
    a->end = end;
    a->flags = flags;
    return 0;
}

typedef struct {
    xn_tokens *l;
    unsigned pos;
} collect_ctx;

static int on_token(void *vctx, const xn_token *t)
{
    collect_ctx *c = vctx;
    if (!(t->flags & XN_TOKEN_COLOCATED) || c->l->n == 0) c->pos++;
    return push(c->l, t->term, t->len, c->pos, t->start, t->end, t->flags);
}

size_t xn_tokens_primaries(const xn_tokens *l, const char ***words,
                           size_t **lens, size_t **index)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!(l->t[i].flags & (XN_TOKEN_COLOCATED | XN_TOKEN_VARIANT))) n++;
    *words = malloc((n ? n : 1) * sizeof **words);
    *lens = malloc((n ? n : 1) * sizeof **lens);
    *index = malloc((n ? n : 1) * sizeof **index);
    if (!*words || !*lens || !*index) {
        free(*words);
        free(*lens);
        free(*index);
        return (size_t)-1;
    }
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->t[i].flags & (XN_TOKEN_COLOCATED | XN_TOKEN_VARIANT)) continue;
        /* a possessive is matched by its bare word: "Xi Jinping's" names
         * Xi Jinping */
        size_t w = i + 1 < l->n && (l->t[i + 1].flags & XN_TOKEN_POSSESSIVE) ? i + 1 : i;
        (*words)[k] = xn_tokens_term(l, w);
        (*lens)[k] = l->t[w].len;
        (*index)[k] = i;
        k++;
    }
    return n;
}

/* Lays the words of form F from position FIRST onwards. */
static int lay_from(xn_tokens *l, xn_form f, unsigned first, size_t start,
                    size_t end, unsigned flags)
{
    for (size_t w = 0; w < f.n; w++)
        if (push(l, f.words[w], f.lens[w], first + (unsigned)w, start, end,
                 XN_TOKEN_VARIANT | XN_TOKEN_COLOCATED | flags) < 0)
            return -1;
    return 0;
}

/* Lays F over the span of positions [P0, P1]: from its start, and also
 * ending at its end when F is shorter, so phrases match on both sides. */
static int lay(xn_tokens *l, xn_form f, unsigned p0, unsigned p1,
               size_t start, size_t end, unsigned flags)
{
    if (lay_from(l, f, p0, start, end, flags) < 0) return -1;
    if (f.n < p1 - p0 + 1)
        return lay_from(l, f, p1 + 1 - (unsigned)f.n, start, end, flags);
    return 0;
}

static int expand_variants(xn_tokens *l, const xn_variants *v)
{
    const char **words;
    size_t *lens, *index;
    size_t n = xn_tokens_primaries(l, &words, &lens, &index);
    if (n == (size_t)-1) return -1;
    /* laying forms appends to L's text, which may move: match on a copy */
    xn_strbuf copy = XN_STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = xn_strbuf_append(&copy, words[i], lens[i] + 1); /* with the NUL */
    for (size_t i = 0, at = 0; i < n && rc == 0; at += lens[i] + 1, i++)
        words[i] = copy.data + at;
    for (size_t i = 0; i < n && rc == 0;) {
        xn_vmatch m;
        if (!xn_variants_match(v, words + i, lens + i, n - i, &m)) {
            i++;
            continue;
        }
        /* copy what is needed: pushing may move the token array */
        unsigned p0 = l->t[index[i]].pos;
        unsigned p1 = l->t[index[i + m.length - 1]].pos;
        size_t start = l->t[index[i]].start;
        size_t end = l->t[index[i + m.length - 1]].end;
        if (!xn_variants_is_mapping(v, m.group))
            rc = lay(l, xn_variants_form(v, m.group, xn_variants_canonical(v, m.group)),
                     p0, p1, start, end, XN_TOKEN_CANONICAL);
        for (size_t h = 0; h < xn_variants_form_count(v, m.group) && rc == 0; h++)
            if (xn_variants_natural(v, m.group, m.form, h))
                rc = lay(l, xn_variants_form(v, m.group, h), p0, p1, start, end, 0);
        i += m.length;
    }
    free(words);
    free(lens);
    free(index);
    xn_strbuf_free(&copy);
    return rc;
}

unsigned xn_analyze(const char *text, size_t len, const xn_variants *variants,
                    unsigned first_pos, xn_tokens *l)
{
    xn_tokens_reset(l);
    collect_ctx c = {l, first_pos};
    if (xn_tokenize(text, len, on_token, &c) != 0) return (unsigned)-1;
    size_t own = l->n;
    if (variants && xn_variants_groups(variants) && expand_variants(l, variants) < 0)
        return (unsigned)-1;
    if (l->n > own) {
        /* stable: insertion sort of the added tokens into the ordered list */
        for (size_t i = own; i < l->n; i++) {
            xn_atoken t = l->t[i];
            size_t j = i;
            while (j > 0 && (l->t[j - 1].pos > t.pos)) {
                l->t[j] = l->t[j - 1];
                j--;
            }
            l->t[j] = t;
        }
        /* drop an added form equal to a term already at its position */
        size_t out = 0;
        for (size_t i = 0; i < l->n; i++) {
            int dup = 0;
            if (l->t[i].flags & XN_TOKEN_VARIANT)
                for (size_t k = out; k-- > 0 && l->t[k].pos == l->t[i].pos;)
                    if (l->t[k].len == l->t[i].len &&
                        (l->t[k].flags & XN_TOKEN_CANONICAL) ==
                            (l->t[i].flags & XN_TOKEN_CANONICAL) &&
                        memcmp(xn_tokens_term(l, k), xn_tokens_term(l, i),
                               l->t[i].len) == 0) {
                        dup = 1;
                        break;
                    }
            if (!dup) l->t[out++] = l->t[i];
        }
        l->n = out;
    }
    return c.pos;
}
