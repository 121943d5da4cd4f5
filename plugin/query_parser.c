/* query_parser.c - see query_parser.h.
 *
 * A recursive-descent parser that builds the Xapian query directly through
 * the shim. Words go through the same tokeniser as indexing, so a query
 * word yields exactly the terms the indexer stored for it.
 */
#include "query_parser.h"
#include "date.h"
#include "schema.h"
#include "slug.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "xapnews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len, i;
    unsigned flags;
    xn_stemmer *stemmer;
    xn_hlset *hl;
    xn_error *err;
    unsigned n_terms;
    unsigned depth;
    int failed;
} parser_t;

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

static int fail_nomem(parser_t *p)
{
    if (!p->failed)
        xn_error_set(p->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    p->failed = 1;
    return -1;
}

static int fail_syntax(parser_t *p, size_t at, const char *msg)
{
    if (!p->failed)
        xn_error_set(p->err, XAPNEWS_STATUS_BAD_QUERY,
                     "query syntax error at column %zu: %s", at + 1, msg);
    p->failed = 1;
    return -1;
}

static int fail_shim(parser_t *p, const xs_error *xe)
{
    if (!p->failed) xn_error_from_shim(p->err, xe, "cannot build the query");
    p->failed = 1;
    return -1;
}

/* Takes ownership of Q (NULL means a failure already recorded). */
static int qlist_push(parser_t *p, qlist_t *l, xs_query *q)
{
    if (!q) return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        xs_query **n = realloc(l->q, cap * sizeof *n);
        if (!n) {
            xs_query_free(q);
            return fail_nomem(p);
        }
        l->q = n;
        l->cap = cap;
    }
    l->q[l->n++] = q;
    return 0;
}

/* Combines the queries of L with OP (a single query is returned as is) and
 * empties L. Returns NULL for an empty list without failing. */
static xs_query *qlist_combine(parser_t *p, qlist_t *l, xs_op op,
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

static xs_query *make_term(parser_t *p, const char *prefix, const char *body,
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
        snprintf(msg, sizeof msg, "the query has more than %d words",
                 XN_QUERY_MAX_TERMS);
        fail_syntax(p, p->i, msg);
        return NULL;
    }
    xs_error xe;
    xs_query *q = xs_query_term(b.data, b.len, 1, pos, &xe);
    xn_strbuf_free(&b);
    if (!q) fail_shim(p, &xe);
    return q;
}

/* ---- text: words and phrases ------------------------------------- */

typedef struct {
    char term[XN_TOKEN_MAX_BYTES + 1];
    size_t len;
    unsigned flags;
} qtok_t;

typedef struct {
    qtok_t *t;
    size_t n, cap;
    int nomem;
} qtoks_t;

static int collect(void *vctx, const xn_token *t)
{
    qtoks_t *c = vctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        qtok_t *n = realloc(c->t, cap * sizeof *n);
        if (!n) {
            c->nomem = 1;
            return -1;
        }
        c->t = n;
        c->cap = cap;
    }
    memcpy(c->t[c->n].term, t->term, t->len);
    c->t[c->n].term[t->len] = '\0';
    c->t[c->n].len = t->len;
    c->t[c->n].flags = t->flags;
    c->n++;
    return 0;
}

/* A single word: stemmed (Z prefix) unless capitalised or quoted. */
static xs_query *word_query(parser_t *p, const char *prefix, const qtok_t *t,
                            int may_stem, unsigned pos)
{
    if (p->hl && xn_hlset_add(p->hl, t->term, t->len, 0) < 0) {
        fail_nomem(p);
        return NULL;
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

/* A phrase over the tokens of T; with JOINED, each hyphenated compound is
 * replaced by its joined form. Returns NULL without failing when JOINED is
 * set and the text has no compound. */
static xs_query *phrase_query(parser_t *p, const char *prefix,
                              const qtoks_t *t, int joined)
{
    qlist_t parts = {0};
    int used_joined = 0;
    unsigned pos = 0;
    for (size_t k = 0; k < t->n; k++) {
        const qtok_t *tok = &t->t[k];
        if (tok->flags & XN_TOKEN_COLOCATED) {
            if (!joined || !(tok->flags & XN_TOKEN_COMPOUND)) continue;
            /* the joined form follows the compound's first part: replace
             * that part, and skip the parts up to the joined form's second
             * appearance */
            xs_query_free(parts.q[--parts.n]);
            if (qlist_push(p, &parts, word_query(p, prefix, tok, 0, pos)) < 0)
                goto fail;
            used_joined = 1;
            size_t m = k + 1;
            while (m < t->n && !(t->t[m].len == tok->len &&
                                 memcmp(t->t[m].term, tok->term, tok->len) == 0))
                m++;
            k = m; /* past the second appearance (or the end) */
            continue;
        }
        if (qlist_push(p, &parts, word_query(p, prefix, tok, 0, ++pos)) < 0)
            goto fail;
    }
    if (joined && !used_joined) {
        qlist_free(&parts);
        return NULL;
    }
    return qlist_combine(p, &parts, XS_OP_PHRASE, (unsigned)parts.n);
fail:
    qlist_free(&parts);
    return NULL;
}

/* Builds the query for text that is searched in field PREFIX. QUOTED text
 * is a phrase. Returns NULL (without failing) for text without words. */
static xs_query *text_query(parser_t *p, const char *prefix, const char *text,
                            size_t len, int quoted)
{
    qtoks_t toks = {0};
    xs_query *result = NULL;
    int rc = xn_tokenize(text, len, collect, &toks);
    if (rc != 0 || toks.nomem) {
        fail_nomem(p);
        goto out;
    }
    size_t positions = 0;
    for (size_t k = 0; k < toks.n; k++)
        if (!(toks.t[k].flags & XN_TOKEN_COLOCATED)) positions++;
    if (positions == 0) goto out;
    if (positions == 1) {
        qlist_t alts = {0};
        for (size_t k = 0; k < toks.n; k++)
            if (qlist_push(p, &alts, word_query(p, prefix, &toks.t[k], !quoted,
                                                1)) < 0) {
                qlist_free(&alts);
                goto out;
            }
        result = qlist_combine(p, &alts, XS_OP_SYNONYM, 0);
        goto out;
    }
    qlist_t alts = {0};
    if (qlist_push(p, &alts, phrase_query(p, prefix, &toks, 0)) < 0) goto out;
    xs_query *j = phrase_query(p, prefix, &toks, 1);
    if (j) qlist_push(p, &alts, j);
    if (p->failed) {
        qlist_free(&alts);
        goto out;
    }
    result = qlist_combine(p, &alts, XS_OP_OR, 0);
out:
    free(toks.t);
    return result;
}

/* ---- lexing helpers ------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static void skip_space(parser_t *p)
{
    while (p->i < p->len && is_space(p->s[p->i])) p->i++;
}

/* End of a bare word starting at I: white space, a parenthesis or a quote. */
static size_t word_end(const parser_t *p, size_t i)
{
    while (i < p->len && !is_space(p->s[i]) && p->s[i] != '(' &&
           p->s[i] != ')' && p->s[i] != '"')
        i++;
    return i;
}

static int at_keyword(const parser_t *p, const char *kw)
{
    size_t n = strlen(kw);
    return p->i + n <= p->len && memcmp(p->s + p->i, kw, n) == 0 &&
           word_end(p, p->i) == p->i + n;
}

/* Reads a field value: "a phrase" or a bare word. */
static int read_value(parser_t *p, const char **v, size_t *vlen, int *quoted)
{
    if (p->i < p->len && p->s[p->i] == '"') {
        size_t start = ++p->i;
        const char *q = memchr(p->s + start, '"', p->len - start);
        size_t end = q ? (size_t)(q - p->s) : p->len;
        *v = p->s + start;
        *vlen = end - start;
        *quoted = 1;
        p->i = q ? end + 1 : p->len;
        return 0;
    }
    size_t end = word_end(p, p->i);
    *v = p->s + p->i;
    *vlen = end - p->i;
    *quoted = 0;
    p->i = end;
    return 0;
}

/* ---- fields ----------------------------------------------------------- */

static xs_query *boolean_query(parser_t *p, const char *prefix,
                               const char *value, size_t len)
{
    xs_query *t = make_term(p, prefix, value, len, 0);
    if (!t) return NULL;
    xs_error xe;
    xs_query *q = xs_query_scale(t, 0.0, &xe);
    xs_query_free(t);
    if (!q) fail_shim(p, &xe);
    return q;
}

static xs_query *slug_query(parser_t *p, const char *prefix, const char *v,
                            size_t len)
{
    xn_strbuf slug = XN_STRBUF_INIT;
    xs_query *q = NULL;
    if (xn_slug_append(v, len, &slug) < 0) fail_nomem(p);
    else if (slug.len) q = boolean_query(p, prefix, slug.data, slug.len);
    xn_strbuf_free(&slug);
    return q;
}

/* Parses one end of a date range into compact form; HIGH pads it so that
 * every date inside the given period sorts before it. */
static int date_bound(parser_t *p, size_t at, const char *v, size_t len,
                      int high, char out[16])
{
    char text[32], why[128], msg[192];
    if (len >= sizeof text) return fail_syntax(p, at, "date too long (expected YYYY-MM-DD)");
    memcpy(text, v, len);
    text[len] = '\0';
    xn_date d;
    if (xn_date_parse(text, &d, why, sizeof why) < 0) {
        snprintf(msg, sizeof msg, "bad date '%s': %s", text, why);
        return fail_syntax(p, at, msg);
    }
    xn_date_compact(&d, out);
    if (high) strcat(out, "99999999" + strlen(out));
    return 0;
}

static xs_query *date_query(parser_t *p, size_t at, const char *v, size_t len)
{
    char lo[16] = "", hi[16] = "";
    const char *dots = NULL;
    for (size_t k = 0; k + 1 < len; k++)
        if (v[k] == '.' && v[k + 1] == '.') {
            dots = v + k;
            break;
        }
    if (len == 0) {
        fail_syntax(p, at, "date: needs a date or a range (e.g. date:2016-01-01..2016-06-30)");
        return NULL;
    }
    if (!dots) {
        if (date_bound(p, at, v, len, 0, lo) < 0 ||
            date_bound(p, at, v, len, 1, hi) < 0)
            return NULL;
    } else {
        size_t llen = (size_t)(dots - v), hlen = len - llen - 2;
        if (llen == 0 && hlen == 0) {
            fail_syntax(p, at, "date range '..' needs at least one end");
            return NULL;
        }
        if (llen && date_bound(p, at, v, llen, 0, lo) < 0) return NULL;
        if (hlen && date_bound(p, at, dots + 2, hlen, 1, hi) < 0) return NULL;
        if (llen && hlen && strncmp(lo, hi, strlen(lo)) > 0) {
            char msg[160];
            snprintf(msg, sizeof msg, "date range '%.*s' ends before it starts",
                     (int)len, v);
            fail_syntax(p, at, msg);
            return NULL;
        }
    }
    xs_error xe;
    xs_query *r = xs_query_value_range(XN_SLOT_DATE, *lo ? lo : NULL,
                                       *hi ? hi : NULL, &xe);
    if (!r) {
        fail_shim(p, &xe);
        return NULL;
    }
    xs_query *q = xs_query_scale(r, 0.0, &xe);
    xs_query_free(r);
    if (!q) fail_shim(p, &xe);
    return q;
}

/* If the text at I is a known "field:", parses the field and its value.
 * Returns 1 when a field was parsed (*OUT may be NULL for an empty value),
 * 0 when the text is not a field, -1 on failure. */
static int parse_field(parser_t *p, xs_query **out)
{
    static const char *const names[] = {"title", "official", "outlet", "id",
                                        "date"};
    size_t start = p->i;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t n = strlen(names[k]);
        if (p->i + n >= p->len || memcmp(p->s + p->i, names[k], n) != 0 ||
            p->s[p->i + n] != ':')
            continue;
        p->i += n + 1;
        const char *v;
        size_t vlen;
        int quoted;
        read_value(p, &v, &vlen, &quoted);
        if (vlen == 0 && strcmp(names[k], "date") != 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "%s: needs a value", names[k]);
            return fail_syntax(p, start, msg);
        }
        switch (k) {
        case 0: *out = text_query(p, XN_PREFIX_TITLE, v, vlen, quoted); break;
        case 1: *out = text_query(p, XN_PREFIX_OFFICIAL_TEXT, v, vlen, quoted); break;
        case 2: *out = slug_query(p, XN_PREFIX_OUTLET, v, vlen); break;
        case 3: *out = boolean_query(p, XN_PREFIX_ID, v, vlen); break;
        default: *out = date_query(p, start, v, vlen); break;
        }
        return p->failed ? -1 : 1;
    }
    return 0;
}

/* ---- grammar ------------------------------------------------------------ */

static xs_query *parse_or(parser_t *p);

/* One item: a group, a phrase, a field or a word. Sets *EMPTY when the
 * item holds no word (the caller then ignores it). */
static xs_query *parse_item(parser_t *p)
{
    skip_space(p);
    char c = p->s[p->i];
    if (c == '(') {
        size_t open = p->i++;
        if (++p->depth > 64) {
            fail_syntax(p, open, "parentheses nested more than 64 deep");
            return NULL;
        }
        xs_query *q = parse_or(p);
        p->depth--;
        if (p->failed) {
            xs_query_free(q);
            return NULL;
        }
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] != ')') {
            xs_query_free(q);
            fail_syntax(p, open, "'(' is never closed");
            return NULL;
        }
        p->i++;
        return q;
    }
    if (c == '"') {
        const char *v;
        size_t vlen;
        int quoted;
        read_value(p, &v, &vlen, &quoted);
        return text_query(p, "", v, vlen, 1);
    }
    xs_query *q = NULL;
    int f = parse_field(p, &q);
    if (f != 0) return q;
    size_t end = word_end(p, p->i);
    size_t start = p->i;
    p->i = end;
    return text_query(p, "", p->s + start, end - start, 0);
}

enum { ROLE_DEFAULT, ROLE_REQUIRED, ROLE_EXCLUDED };

/* A sequence of items joined by AND, NOT or nothing. */
static xs_query *parse_and(parser_t *p)
{
    qlist_t required = {0}, optional = {0}, excluded = {0};
    int next_role = ROLE_DEFAULT;
    for (;;) {
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] == ')' || at_keyword(p, "OR")) break;
        if (at_keyword(p, "AND")) {
            p->i += 3;
            /* "a AND b": the item before becomes required as well */
            if (optional.n && qlist_push(p, &required,
                                         optional.q[--optional.n]) < 0)
                goto fail;
            next_role = ROLE_REQUIRED;
            continue;
        }
        if (at_keyword(p, "NOT")) {
            p->i += 3;
            next_role = ROLE_EXCLUDED;
            continue;
        }
        int role = next_role;
        next_role = ROLE_DEFAULT;
        char c = p->s[p->i];
        if ((c == '+' || c == '-') && p->i + 1 < p->len &&
            !is_space(p->s[p->i + 1])) {
            role = c == '+' ? ROLE_REQUIRED : ROLE_EXCLUDED;
            p->i++;
        } else if (c == '+' || c == '-') {
            p->i++; /* a lone sign is not a word */
            continue;
        }
        xs_query *q = parse_item(p);
        if (p->failed) {
            xs_query_free(q);
            goto fail;
        }
        if (!q) continue;
        if (role == ROLE_DEFAULT &&
            !(p->flags & XAPNEWS_QUERY_DEFAULT_OR))
            role = ROLE_REQUIRED;
        qlist_t *l = role == ROLE_REQUIRED ? &required
                     : role == ROLE_EXCLUDED ? &excluded : &optional;
        if (qlist_push(p, l, q) < 0) goto fail;
    }
    {
        xs_query *req = qlist_combine(p, &required, XS_OP_AND, 0);
        xs_query *opt = qlist_combine(p, &optional, XS_OP_OR, 0);
        xs_query *exc = qlist_combine(p, &excluded, XS_OP_OR, 0);
        xs_query *pos = NULL;
        xs_error xe;
        if (p->failed) {
            xs_query_free(req);
            xs_query_free(opt);
            xs_query_free(exc);
            return NULL;
        }
        if (req && opt) {
            xs_query *pair[2] = {req, opt};
            pos = xs_query_combine(XS_OP_AND_MAYBE, pair, 2, 0, &xe);
            xs_query_free(req);
            xs_query_free(opt);
            if (!pos) goto shim_fail;
        } else {
            pos = req ? req : opt;
        }
        if (!exc) return pos;
        if (!pos) { /* only exclusions: everything but them */
            pos = xs_query_match_all(&xe);
            if (!pos) {
                xs_query_free(exc);
                goto shim_fail;
            }
        }
        xs_query *pair[2] = {pos, exc};
        xs_query *r = xs_query_combine(XS_OP_AND_NOT, pair, 2, 0, &xe);
        xs_query_free(pos);
        xs_query_free(exc);
        if (!r) goto shim_fail;
        return r;
    shim_fail:
        fail_shim(p, &xe);
        return NULL;
    }
fail:
    qlist_free(&required);
    qlist_free(&optional);
    qlist_free(&excluded);
    return NULL;
}

static xs_query *parse_or(parser_t *p)
{
    qlist_t alts = {0};
    for (;;) {
        xs_query *q = parse_and(p);
        if (p->failed) {
            xs_query_free(q);
            qlist_free(&alts);
            return NULL;
        }
        if (q && qlist_push(p, &alts, q) < 0) {
            qlist_free(&alts);
            return NULL;
        }
        skip_space(p);
        if (!at_keyword(p, "OR")) break;
        p->i += 2;
    }
    return qlist_combine(p, &alts, XS_OP_OR, 0);
}

xs_query *xn_query_parse(const char *text, unsigned flags, xn_stemmer *stemmer,
                         xn_hlset *hl, xn_error *err)
{
    parser_t p;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = strlen(text);
    p.flags = flags;
    p.stemmer = stemmer;
    p.hl = hl;
    p.err = err;
    if (p.len > XN_QUERY_MAX_BYTES) {
        xn_error_set(err, XAPNEWS_STATUS_BAD_QUERY,
                     "query is %zu bytes long; the limit is %d bytes", p.len,
                     XN_QUERY_MAX_BYTES);
        return NULL;
    }
    xs_query *q = parse_or(&p);
    if (p.failed) {
        xs_query_free(q);
        return NULL;
    }
    skip_space(&p);
    if (p.i < p.len) { /* only an unmatched ')' stops parse_or early */
        xs_query_free(q);
        fail_syntax(&p, p.i, "')' without a matching '('");
        return NULL;
    }
    if (!q) {
        xs_error xe;
        q = xs_query_match_nothing(&xe);
        if (!q) xn_error_from_shim(err, &xe, NULL);
    }
    return q;
}
