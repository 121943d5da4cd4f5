/* highlight.c - see highlight.h. */
#include "highlight.h"
#include "grow.h"
#include "error.h"
#include "tokenizer.h"

#include <stdlib.h>
#include <string.h>

static int contains(char **list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0) return 1;
    return 0;
}

static int push(char ***list, size_t *n, size_t *cap, const char *s, size_t len)
{
    if (contains(*list, *n, s, len)) return 0;
    char **p = xn_grow(*list, cap, *n + 1, sizeof *p, 8);
    if (!p) return -1;
    *list = p;
    char *copy = xn_strndup(s, len);
    if (!copy) return -1;
    (*list)[(*n)++] = copy;
    return 0;
}

int xn_hlset_add(xn_hlset *h, const char *s, size_t len, int is_stem)
{
    return is_stem ? push(&h->stems, &h->n_stems, &h->cap_stems, s, len)
                   : push(&h->words, &h->n_words, &h->cap_words, s, len);
}

int xn_hlset_copy(xn_hlset *dst, const xn_hlset *src)
{
    for (size_t i = 0; i < src->n_words; i++)
        if (xn_hlset_add(dst, src->words[i], strlen(src->words[i]), 0) < 0)
            return -1;
    for (size_t i = 0; i < src->n_stems; i++)
        if (xn_hlset_add(dst, src->stems[i], strlen(src->stems[i]), 1) < 0)
            return -1;
    return 0;
}

void xn_hlset_free(xn_hlset *h)
{
    for (size_t i = 0; i < h->n_words; i++) free(h->words[i]);
    for (size_t i = 0; i < h->n_stems; i++) free(h->stems[i]);
    free(h->words);
    free(h->stems);
    memset(h, 0, sizeof *h);
}

typedef struct {
    size_t start, end;
} span_t;

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int only_space(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_space(t[i])) return 0;
    return 1;
}

typedef struct {
    const xn_hlset *h;
    xn_stemmer *stemmer;
    const char *text;
    span_t *spans;
    size_t n, cap;
} match_ctx;

static int on_token(void *vctx, const xn_token *t)
{
    match_ctx *c = vctx;
    int hit = contains(c->h->words, c->h->n_words, t->term, t->len);
    if (!hit && c->stemmer && c->h->n_stems &&
        xn_stemmer_should_stem(t->term, t->len)) {
        size_t slen;
        const char *stem = xn_stemmer_stem(c->stemmer, t->term, t->len, &slen);
        if (!stem) return -1;
        hit = contains(c->h->stems, c->h->n_stems, stem, slen);
    }
    if (!hit) return 0;
    /* a colocated form covers the same words as the tokens around it, and
     * matches separated only by white space are shown as one */
    if (c->n && (c->spans[c->n - 1].end > t->start ||
                 only_space(c->text, c->spans[c->n - 1].end, t->start))) {
        if (t->end > c->spans[c->n - 1].end) c->spans[c->n - 1].end = t->end;
        return 0;
    }
    span_t *p = xn_grow(c->spans, &c->cap, c->n + 1, sizeof *p, 16);
    if (!p) return -1;
    c->spans = p;
    c->spans[c->n].start = t->start;
    c->spans[c->n].end = t->end;
    c->n++;
    return 0;
}

/* Moves I back to the start of a UTF-8 sequence. */
static size_t char_start(const char *t, size_t i)
{
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80) i--;
    return i;
}

/* Appends T[from, to) with white space runs collapsed to one space. */
static int put_text(xn_strbuf *out, const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (is_space(t[i])) {
            if (out->len && out->data[out->len - 1] == ' ') continue;
            if (xn_strbuf_putc(out, ' ') < 0) return -1;
        } else if (xn_strbuf_putc(out, t[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

int xn_snippet(const xn_hlset *h, xn_stemmer *stemmer, const char *text,
               size_t len, size_t max_bytes, const char *open,
               const char *close, xn_strbuf *out, xapnews_span_t **spans,
               size_t *n_spans)
{
    match_ctx c = {h, stemmer, text, NULL, 0, 0};
    int rc = -1;
    xapnews_span_t *marked = NULL;
    size_t n_marked = 0, cap_marked = 0;
    if (spans) {
        *spans = NULL;
        *n_spans = 0;
    }
    if (xn_tokenize(text, len, on_token, &c) != 0) goto done;

    /* the window [from, to) holding the most matches */
    size_t from = 0, best = 0;
    for (size_t i = 0; i < c.n; i++) {
        size_t lead = max_bytes / 4;
        size_t w0 = c.spans[i].start > lead ? c.spans[i].start - lead : 0;
        size_t count = 0;
        for (size_t j = i; j < c.n && c.spans[j].end <= w0 + max_bytes; j++)
            count++;
        if (count > best) {
            best = count;
            from = w0;
        }
    }
    size_t to = from + max_bytes < len ? from + max_bytes : len;
    if (to - from < max_bytes && from > 0) /* near the end: use the room */
        from = len > max_bytes ? len - max_bytes : 0;
    /* cut at word boundaries */
    if (from > 0) {
        while (from < to && !is_space(text[from - 1])) from++;
    }
    if (to < len) {
        size_t k = to;
        while (k > from && !is_space(text[k])) k--;
        if (k > from) to = k;
        else to = char_start(text, to);
    }
    while (from < to && is_space(text[from])) from++;

    if (from > 0 && xn_strbuf_puts(out, "...") < 0) goto done;
    size_t at = from;
    for (size_t i = 0; i < c.n; i++) {
        if (c.spans[i].start < at || c.spans[i].end > to) continue;
        if (put_text(out, text, at, c.spans[i].start) < 0 ||
            xn_strbuf_puts(out, open) < 0)
            goto done;
        size_t start = out->len;
        if (put_text(out, text, c.spans[i].start, c.spans[i].end) < 0) goto done;
        if (spans) {
            xapnews_span_t *p = xn_grow(marked, &cap_marked, n_marked + 1, sizeof *p, 8);
            if (!p) goto done;
            marked = p;
            marked[n_marked++] = (xapnews_span_t){start, out->len};
        }
        if (xn_strbuf_puts(out, close) < 0) goto done;
        at = c.spans[i].end;
    }
    if (put_text(out, text, at, to) < 0) goto done;
    while (out->len && out->data[out->len - 1] == ' ') out->data[--out->len] = '\0';
    if (to < len && xn_strbuf_puts(out, "...") < 0) goto done;
    rc = 0;
    if (spans) {
        *spans = marked;
        *n_spans = n_marked;
        marked = NULL;
    }
done:
    free(c.spans);
    free(marked);
    return rc;
}
