/* terms.c - see terms.h. */
#include "terms.h"
#include "grow.h"

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

void xn_tokens_reset(xn_tokens *l)
{
    l->n = 0;
    l->n_plain = 0;
    l->n_spans = 0;
    l->last_canonical = 0;
    xn_strbuf_reset(&l->text);
}

void xn_tokens_free(xn_tokens *l)
{
    free(l->t);
    free(l->spans);
    l->t = NULL;
    l->spans = NULL;
    l->n = l->cap = l->n_plain = l->n_spans = l->cap_spans = 0;
    xn_strbuf_free(&l->text);
}

/* Stores the LEN bytes of TERM, NUL-terminated, in L's text; returns its
 * offset there, or (size_t)-1 when memory runs out. */
static size_t store_term(xn_tokens *l, const char *term, size_t len)
{
    size_t off = l->text.len;
    if (xn_strbuf_append(&l->text, term, len) < 0 ||
        xn_strbuf_putc(&l->text, '\0') < 0)
        return (size_t)-1;
    return off;
}

static int push(xn_tokens *l, const char *term, size_t len, unsigned pos,
                size_t start, size_t end, unsigned flags)
{
    xn_atoken *t = xn_grow(l->t, &l->cap, l->n + 1, sizeof *t, 64);
    if (!t) return -1;
    l->t = t;
    size_t off = store_term(l, term, len);
    if (off == (size_t)-1) return -1;
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

static int own_word(const xn_atoken *t)
{
    return !(t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_VARIANT));
}

size_t xn_tokens_primaries(const xn_tokens *l, const char ***words,
                           size_t **lens, size_t **index)
{
    size_t n = 0, end = l->n_plain ? l->n_plain : l->n;
    for (size_t i = 0; i < end; i++)
        if (own_word(&l->t[i])) n++;
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
    for (size_t i = 0; i < end; i++) {
        if (!own_word(&l->t[i])) continue;
        /* a possessive is matched by its bare word: "Xi Jinping's" names
         * Xi Jinping */
        size_t w = i + 1 < end && (l->t[i + 1].flags & XN_TOKEN_POSSESSIVE) ? i + 1 : i;
        (*words)[k] = xn_tokens_term(l, w);
        (*lens)[k] = l->t[w].len;
        (*index)[k] = i;
        k++;
    }
    return n;
}

/* Lays the words of form F from plain position FIRST onwards. */
static int lay_from(xn_tokens *l, xn_form f, unsigned first, size_t start,
                    size_t end)
{
    for (size_t w = 0; w < f.n; w++)
        if (push(l, f.words[w], f.lens[w], first + (unsigned)w, start, end,
                 XN_TOKEN_VARIANT | XN_TOKEN_COLOCATED) < 0)
            return -1;
    return 0;
}

typedef struct {
    xn_tokens *l;
    const xn_variants *v;
    const size_t *index; /* token of each primary */
} span_ctx;

/* Records a span and lays the spellings it stands for in the plain
 * stream. */
static int on_span(void *vctx, size_t first, const xn_vmatch *m)
{
    span_ctx *c = vctx;
    xn_tokens *l = c->l;
    xn_vspan *s = xn_grow(l->spans, &l->cap_spans, l->n_spans + 1, sizeof *s, 8);
    if (!s) return -1;
    l->spans = s;
    /* copy what is needed: pushing may move the token array */
    const xn_atoken *a = &l->t[c->index[first]], *b = &l->t[c->index[first + m->length - 1]];
    xn_vspan sp = {a->pos, b->pos, 0, 0, a->start, b->end, m->group, m->form};
    l->spans[l->n_spans++] = sp;
    if (xn_variants_form(c->v, m->group, m->form).cased) {
        /* "US" written for the United States is indexed as its canonical
         * word ("u.s"), never as the pronoun */
        xn_form f = xn_variants_form(c->v, m->group, xn_variants_canonical(c->v, m->group));
        size_t k = c->index[first];
        if (f.n == 1) {
            size_t off = store_term(l, f.words[0], f.lens[0]);
            if (off == (size_t)-1) return -1;
            l->t[k].term = off;
            l->t[k].len = f.lens[0];
        }
    }
    unsigned width = sp.last - sp.first + 1;
    for (size_t h = 0; h < xn_variants_form_count(c->v, m->group); h++) {
        xn_form f = xn_variants_form(c->v, m->group, h);
        if (f.n > width || !xn_variants_natural(c->v, m->group, m->form, h)) continue;
        if (lay_from(l, f, sp.first, sp.start, sp.end) < 0 ||
            (f.n < width &&
             lay_from(l, f, sp.last + 1 - (unsigned)f.n, sp.start, sp.end) < 0))
            return -1;
    }
    return 0;
}

/* Sorts the laid tokens [OWN, n) into the ordered plain stream and drops a
 * laid form equal to a term already at its position. */
static void merge_laid(xn_tokens *l, size_t own)
{
    for (size_t i = own; i < l->n; i++) { /* stable insertion */
        xn_atoken t = l->t[i];
        size_t j = i;
        while (j > 0 && l->t[j - 1].pos > t.pos) {
            l->t[j] = l->t[j - 1];
            j--;
        }
        l->t[j] = t;
    }
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++) {
        int dup = 0;
        if (l->t[i].flags & XN_TOKEN_VARIANT)
            for (size_t k = out; k-- > 0 && l->t[k].pos == l->t[i].pos;)
                if (l->t[k].len == l->t[i].len &&
                    memcmp(xn_tokens_term(l, k), xn_tokens_term(l, i), l->t[i].len) == 0) {
                    dup = 1;
                    break;
                }
        if (!dup) l->t[out++] = l->t[i];
    }
    l->n = out;
}

int xn_tokens_canonical_needed(const xn_tokens *l, const xn_variants *v)
{
    for (size_t k = 0; k < l->n_spans; k++) {
        const xn_vspan *sp = &l->spans[k];
        size_t c = xn_variants_canonical(v, sp->group);
        if (sp->form == c) continue;
        xn_form f = xn_variants_form(v, sp->group, sp->form), cf = xn_variants_form(v, sp->group, c);
        unsigned width = sp->last - sp->first + 1;
        if (cf.n == width && (xn_variants_natural(v, sp->group, sp->form, c) ||
                              (f.cased && width == 1)))
            continue; /* laid at the span's positions (on_span()) */
        return 1;
    }
    return 0;
}

/* Appends the canonical stream after the plain one (see terms.h). */
static int write_canonical(xn_tokens *l, const xn_variants *v, unsigned first_pos)
{
    unsigned cpos = first_pos;
    size_t plain = l->n, s = 0;
    for (size_t i = 0; i < plain;) {
        unsigned pos = l->t[i].pos;
        if (s < l->n_spans && l->spans[s].first == pos) {
            xn_vspan *sp = &l->spans[s++];
            xn_form f = xn_variants_form(v, sp->group, xn_variants_canonical(v, sp->group));
            sp->cfirst = cpos + 1;
            for (size_t w = 0; w < f.n; w++)
                if (push(l, f.words[w], f.lens[w], ++cpos, sp->start, sp->end,
                         XN_TOKEN_CANONICAL | XN_TOKEN_VARIANT) < 0)
                    return -1;
            sp->clast = cpos;
            while (i < plain && l->t[i].pos <= sp->last) i++;
            continue;
        }
        cpos++;
        for (; i < plain && l->t[i].pos == pos; i++) {
            if (l->t[i].flags & XN_TOKEN_VARIANT) continue;
            /* pushing may move the array and the text */
            xn_atoken t = l->t[i];
            char term[XN_TOKEN_MAX_BYTES + 1];
            memcpy(term, l->text.data + t.term, t.len);
            if (push(l, term, t.len, cpos, t.start, t.end,
                     t.flags | XN_TOKEN_CANONICAL | XN_TOKEN_VARIANT) < 0)
                return -1;
        }
    }
    l->last_canonical = cpos;
    return 0;
}

/* Whether the raw word RAW (LEN bytes) is written in capitals: two letters
 * or more, none of them lower case. -1 for a word of fewer letters. */
static int written_in_capitals(const char *raw, size_t len)
{
    size_t letters = 0, lower = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)raw + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) break;
        i += (size_t)n;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) letters++;
        else if (cat == UTF8PROC_CATEGORY_LL) letters++, lower++;
    }
    return letters < 2 ? -1 : lower == 0;
}

/* Words of two letters or more, and how many of them are in capitals. */
typedef struct {
    const char *text;
    size_t words, capitals;
} capitals_count;

static void count_capitals(capitals_count *c, const xn_token *t)
{
    if (t->flags & XN_TOKEN_COLOCATED) return;
    int caps = written_in_capitals(c->text + t->start, t->end - t->start);
    if (caps < 0) return;
    c->words++;
    c->capitals += (size_t)caps;
}

static int mostly_capitals(const capitals_count *c)
{
    return c->words >= XN_CAPITALS_MIN_WORDS &&
           c->capitals * 100 >= c->words * XN_CAPITALS_PERCENT;
}

/* Text wholly or mostly in capitals (old wire copy, headlines, a query
 * typed in capitals) is read as lower case: its capitals say nothing of
 * names, so its words are not taken as names and queries stem them. */
static void read_capitals_as_lower_case(const char *text, xn_tokens *l)
{
    capitals_count c = {text, 0, 0};
    for (size_t i = 0; i < l->n; i++) {
        xn_token t = {NULL, 0, l->t[i].start, l->t[i].end, l->t[i].flags};
        count_capitals(&c, &t);
    }
    if (mostly_capitals(&c)) xn_tokens_lower_case(l);
}

void xn_tokens_lower_case(xn_tokens *l)
{
    for (size_t i = 0; i < l->n; i++) l->t[i].flags &= ~(unsigned)XN_TOKEN_CAPITALISED;
}

static int on_capitals_token(void *ctx, const xn_token *t)
{
    count_capitals(ctx, t);
    return 0;
}

int xn_text_in_capitals(const char *text, size_t len)
{
    capitals_count c = {text, 0, 0};
    if (xn_tokenize(text, len, on_capitals_token, &c) != 0) return -1;
    return mostly_capitals(&c);
}

/* Whether the LEN bytes at START of TEXT stand as a word of their own:
 * after white space, an opening bracket or quote, or a hyphen ("US-China"),
 * and before white space, closing punctuation, a hyphen or a full stop
 * that ends the word ("the US."), never inside a code like "<UN.AS>". */
static int stands_alone(const char *text, size_t len, size_t start, size_t end)
{
    unsigned char b = start ? (unsigned char)text[start - 1] : ' ';
    if (!(b >= 0x80 || strchr(" \t\n\r\f\v(\"'-/", b))) return 0;
    if (end >= len) return 1;
    unsigned char a = (unsigned char)text[end];
    if (a == '.') {
        unsigned char next = end + 1 < len ? (unsigned char)text[end + 1] : ' ';
        return next >= 0x80 || strchr(" \t\n\r\f\v)\"'", next) != NULL;
    }
    return a >= 0x80 || strchr(" \t\n\r\f\v)\"',;:!?-/", a) != NULL;
}

/* Each primary word (token INDEX[K]) as written when it is in capitals
 * and may be a case-sensitive form (XN_CASED_MIN to XN_CASED_MAX letters
 * A-Z standing alone, in text not read as lower case), else NULL; the
 * words are copied into BUF. NULL when memory runs out. */
static const char **capitals_of(const char *text, size_t text_len, const xn_tokens *l,
                                const size_t *index, size_t n, xn_strbuf *buf);

static const char **capitals_of(const char *text, size_t text_len, const xn_tokens *l,
                                const size_t *index, size_t n, xn_strbuf *buf)
{
    const char **out = calloc(n ? n : 1, sizeof *out);
    size_t *at = calloc(n ? n : 1, sizeof *at);
    if (!out || !at) {
        free(out);
        free(at);
        return NULL;
    }
    for (size_t k = 0; k < n; k++) {
        const xn_atoken *t = &l->t[index[k]];
        size_t len = t->end - t->start;
        int caps = (t->flags & XN_TOKEN_CAPITALISED) && len >= XN_CASED_MIN &&
                   len <= XN_CASED_MAX;
        for (size_t i = 0; i < len && caps; i++)
            caps = text[t->start + i] >= 'A' && text[t->start + i] <= 'Z';
        caps = caps && stands_alone(text, text_len, t->start, t->end);
        at[k] = (size_t)-1;
        if (!caps) continue;
        at[k] = buf->len;
        if (xn_strbuf_append(buf, text + t->start, len) < 0 || xn_strbuf_putc(buf, '\0') < 0) {
            free(out);
            free(at);
            return NULL;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (at[k] != (size_t)-1) out[k] = buf->data + at[k];
    free(at);
    return out;
}

unsigned xn_analyze(const char *text, size_t len, const xn_variants *variants,
                    unsigned first_pos, xn_tokens *l)
{
    xn_tokens_reset(l);
    l->last_canonical = first_pos;
    collect_ctx c = {l, first_pos};
    if (xn_tokenize(text, len, on_token, &c) != 0) return (unsigned)-1;
    read_capitals_as_lower_case(text, l);
    size_t own = l->n;
    l->n_plain = l->n;
    if (!variants || !xn_variants_groups(variants) || own == 0) return c.pos;
    const char **words;
    size_t *lens, *index;
    size_t n = xn_tokens_primaries(l, &words, &lens, &index);
    if (n == (size_t)-1) return (unsigned)-1;
    /* laying forms appends to L's text, which may move: match on a copy */
    xn_strbuf copy = XN_STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = xn_strbuf_append(&copy, words[i], lens[i] + 1); /* with the NUL */
    for (size_t i = 0, at = 0; i < n && rc == 0; at += lens[i] + 1, i++)
        words[i] = copy.data + at;
    span_ctx sc = {l, variants, index};
    xn_strbuf caps = XN_STRBUF_INIT;
    const char **capitals = rc == 0 ? capitals_of(text, len, l, index, n, &caps) : NULL;
    if (rc == 0 && !capitals) rc = -1;
    if (rc == 0) rc = xn_variants_spans_cased(variants, words, lens, capitals, n, on_span, &sc);
    free(capitals);
    xn_strbuf_free(&caps);
    free(words);
    free(lens);
    free(index);
    xn_strbuf_free(&copy);
    if (rc != 0) return (unsigned)-1;
    if (l->n > own) merge_laid(l, own);
    l->n_plain = l->n;
    if (l->n_spans && write_canonical(l, variants, first_pos) < 0) return (unsigned)-1;
    return c.pos;
}
