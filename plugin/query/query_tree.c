/* query_tree.c - see query_tree.h.
 *
 * A recursive-descent parser: or := and (OR and)*; and := item*, items
 * joined by AND, NOT or nothing; item := group, phrase, field or a run
 * of plain words (one text, so names and terms of several words are
 * recognised across the run).
 */
#include "query_tree.h"
#include "terms.h"
#include "xapian_shim.h"
#include "date.h"
#include "grow.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len, i;
    unsigned depth;
    xn_error *err;
    int failed;
    int words_only; /* AND, OR and NOT are words (a query in capitals) */
    const xn_fields *fields; /* the declared fields too (NULL: none) */
} lexer_t;

static int fail_nomem(lexer_t *p)
{
    if (!p->failed) xn_error_set(p->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    p->failed = 1;
    return -1;
}

static int fail_syntax(lexer_t *p, size_t at, const char *msg)
{
    if (!p->failed)
        xn_error_set(p->err, XAPNEWS_STATUS_BAD_QUERY,
                     "query syntax error at column %zu: %s", at + 1, msg);
    p->failed = 1;
    return -1;
}

/* ---- nodes ------------------------------------------------------------- */

static void node_free(xn_qnode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n_child; i++) node_free(n->child[i]);
    free(n->child);
    if (n->owned) free((char *)n->text);
    for (size_t k = 0; k < XN_QNODE_CORRECTIONS; k++) free(n->corrected[k]);
    free(n->term);
    for (size_t k = 0; k < n->n_like; k++) free(n->like_terms[k]);
    free(n->like_terms);
    free(n->like_weights);
    free(n->like_story);
    free(n);
}

static xn_qnode *node_new(lexer_t *p, xn_qnode_kind kind, size_t at)
{
    xn_qnode *n = calloc(1, sizeof *n);
    if (!n) {
        fail_nomem(p);
        return NULL;
    }
    n->kind = kind;
    n->at = at;
    return n;
}

/* Adds C (owned; NULL is a recorded failure) to N's children. */
static int add_child(lexer_t *p, xn_qnode *n, xn_qnode *c)
{
    if (!c) return -1;
    size_t cap = n->n_child; /* grown one at a time: nodes are few */
    xn_qnode **grown = xn_grow(n->child, &cap, n->n_child + 1, sizeof *grown, 1);
    if (!grown) {
        node_free(c);
        return fail_nomem(p);
    }
    n->child = grown;
    n->child[n->n_child++] = c;
    return 0;
}

static xn_qnode *text_node(lexer_t *p, xn_qfield field, size_t at,
                           const char *text, size_t len, int quoted)
{
    xn_qnode *n = node_new(p, XN_QNODE_TEXT, at);
    if (!n) return NULL;
    n->field = field;
    n->text = text;
    n->len = len;
    n->quoted = quoted;
    return n;
}

/* Whether the LEN bytes of a bare word at TEXT end with the '*' of a
 * prefix ("Khodor*"; a lone "*" is no prefix). */
static int is_wildcard(const char *text, size_t len)
{
    return len > 1 && text[len - 1] == '*' && text[len - 2] != '*';
}

/* A text node for the bare word TEXT, or its prefix when it ends with
 * '*'. */
static xn_qnode *word_node(lexer_t *p, xn_qfield field, size_t at, const char *text,
                           size_t len)
{
    int wildcard = is_wildcard(text, len);
    xn_qnode *n = text_node(p, field, at, text, wildcard ? len - 1 : len, 0);
    if (n) n->wildcard = wildcard;
    return n;
}

/* ---- lexing ------------------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static void skip_space(lexer_t *p)
{
    while (p->i < p->len && is_space(p->s[p->i])) p->i++;
}

/* Whether a boost suffix ("^2", "^0.5") starts at I: a caret right after
 * an item and before anything but white space or a closing parenthesis,
 * so that "^-1" or "^abc" is a boost read_boost() refuses rather than
 * text searched as words. */
static int at_boost(const lexer_t *p, size_t i)
{
    return i + 1 < p->len && p->s[i] == '^' && !is_space(p->s[i + 1]) && p->s[i + 1] != ')';
}

/* End of a bare word starting at I: white space, a parenthesis, a quote
 * or a boost suffix. */
static size_t word_end(const lexer_t *p, size_t i)
{
    while (i < p->len && !is_space(p->s[i]) && p->s[i] != '(' &&
           p->s[i] != ')' && p->s[i] != '"' && !at_boost(p, i))
        i++;
    return i;
}

/* Reads a boost suffix after an item into N, if there is one. */
static int read_boost(lexer_t *p, xn_qnode *n)
{
    if (!at_boost(p, p->i)) return 0;
    size_t at = p->i++;
    /* decimal digits and one point only: strtod() would take "nan", "inf"
     * and hexadecimal too */
    size_t stop = p->i, points = 0;
    while (stop < p->len && ((p->s[stop] >= '0' && p->s[stop] <= '9') || p->s[stop] == '.'))
        points += p->s[stop++] == '.';
    double b = stop > p->i && points <= 1 ? strtod(p->s + p->i, NULL) : 0;
    if (!(b > 0 && b <= 1000) ||
        (stop < p->len && !is_space(p->s[stop]) && p->s[stop] != ')'))
        return fail_syntax(p, at, "a boost (^N) takes a number above 0, at most 1000");
    n->boost = b;
    p->i = stop;
    return 0;
}

static int at_keyword(const lexer_t *p, const char *kw)
{
    size_t n = strlen(kw);
    return !p->words_only && p->i + n <= p->len && memcmp(p->s + p->i, kw, n) == 0 &&
           word_end(p, p->i) == p->i + n;
}

/* Reads a value: "a phrase" (an unclosed quote runs to the end) or a
 * bare word. */
static void read_value(lexer_t *p, const char **v, size_t *vlen, int *quoted)
{
    if (p->i < p->len && p->s[p->i] == '"') {
        size_t start = ++p->i;
        const char *q = memchr(p->s + start, '"', p->len - start);
        size_t end = q ? (size_t)(q - p->s) : p->len;
        *v = p->s + start;
        *vlen = end - start;
        *quoted = 1;
        p->i = q ? end + 1 : p->len;
        return;
    }
    size_t end = word_end(p, p->i);
    *v = p->s + p->i;
    *vlen = end - p->i;
    *quoted = 0;
    p->i = end;
}

/* ---- fields ------------------------------------------------------------- */

static const struct {
    const char *name;
    xn_qfield field;
} fields[] = {
    {"title", XN_QFIELD_TITLE}, {"official", XN_QFIELD_OFFICIAL},
    {"outlet", XN_QFIELD_OUTLET}, {"id", XN_QFIELD_ID}, {"date", XN_QFIELD_DATE},
    {"like", XN_QFIELD_LIKE},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

/* Whether the declared field FD is a field of queries: a searchable
 * text, a filterable keyword, date or number. */
static int queried(const xn_field *fd)
{
    if (xn_field_is_builtin(fd)) return 0;
    return fd->kind == XAPNEWS_KIND_TEXT ? (fd->flags & XAPNEWS_FIELD_SEARCHABLE) != 0
                                         : (fd->flags & XAPNEWS_FIELD_FILTERABLE) != 0;
}

/* The field whose "name:" starts at I: K < N_FIELDS for a built-in one,
 * N_FIELDS + its index in the schema for a declared one; or -1. */
static int field_at(const lexer_t *p, size_t i)
{
    for (size_t k = 0; k < N_FIELDS; k++) {
        size_t n = strlen(fields[k].name);
        if (i + n < p->len && memcmp(p->s + i, fields[k].name, n) == 0 &&
            p->s[i + n] == ':')
            return (int)k;
    }
    for (size_t k = XN_FIELDS_BUILTIN; p->fields && k < p->fields->n; k++) {
        const xn_field *fd = &p->fields->f[k];
        size_t n = strlen(fd->name);
        if (queried(fd) && i + n < p->len && memcmp(p->s + i, fd->name, n) == 0 &&
            p->s[i + n] == ':')
            return (int)(N_FIELDS + k);
    }
    return -1;
}

/* The name of field K of field_at(). */
static const char *field_name(const lexer_t *p, int k)
{
    return k < (int)N_FIELDS ? fields[k].name : p->fields->f[k - (int)N_FIELDS].name;
}

/* Parses one end of a date range into compact form; HIGH pads it so that
 * every date inside the given period sorts before it. */
static int date_bound(lexer_t *p, size_t at, const char *v, size_t len,
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

static int date_range(lexer_t *p, xn_qnode *n, const char *v, size_t len)
{
    size_t at = n->at;
    if (len == 0)
        return fail_syntax(p, at, "date: needs a date or a range (e.g. date:2016-01-01..2016-06-30)");
    const char *dots = NULL;
    for (size_t k = 0; k + 1 < len && !dots; k++)
        if (v[k] == '.' && v[k + 1] == '.') dots = v + k;
    if (!dots)
        return date_bound(p, at, v, len, 0, n->lo) < 0 ||
                       date_bound(p, at, v, len, 1, n->hi) < 0 ? -1 : 0;
    size_t llen = (size_t)(dots - v), hlen = len - llen - 2;
    if (llen == 0 && hlen == 0)
        return fail_syntax(p, at, "date range '..' needs at least one end");
    if (llen && date_bound(p, at, v, llen, 0, n->lo) < 0) return -1;
    if (hlen && date_bound(p, at, dots + 2, hlen, 1, n->hi) < 0) return -1;
    if (llen && hlen && strncmp(n->lo, n->hi, strlen(n->lo)) > 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "date range '%.*s' ends before it starts",
                 (int)len, v);
        return fail_syntax(p, at, msg);
    }
    return 0;
}

/* One end of a number range into its sortable form: OUT, *LEN bytes. */
static int number_bound(lexer_t *p, size_t at, const char *name, const char *v,
                        size_t len, char out[20], size_t *out_len)
{
    char text[72], msg[160];
    double d;
    if (len >= sizeof text - 8 || (memcpy(text, v, len), text[len] = '\0',
                                   xn_field_parse_number(text, &d) < 0)) {
        snprintf(msg, sizeof msg, "%s: '%.*s' is not a number", name, (int)(len < 64 ? len : 64),
                 v);
        return fail_syntax(p, at, msg);
    }
    *out_len = xs_sortable_serialise(d, out);
    return 0;
}

/* NAME:12, NAME:1..5, NAME:..5, NAME:1.. of a number field. */
static int number_range(lexer_t *p, xn_qnode *n, const char *name, const char *v,
                        size_t len)
{
    size_t at = n->at;
    const char *dots = NULL;
    for (size_t k = 0; k + 1 < len && !dots; k++)
        if (v[k] == '.' && v[k + 1] == '.') dots = v + k;
    if (!dots)
        return number_bound(p, at, name, v, len, n->lo, &n->lo_len) < 0 ||
                       number_bound(p, at, name, v, len, n->hi, &n->hi_len) < 0 ? -1 : 0;
    size_t llen = (size_t)(dots - v), hlen = len - llen - 2;
    char msg[160];
    if (llen == 0 && hlen == 0) {
        snprintf(msg, sizeof msg, "%s: range '..' needs at least one end", name);
        return fail_syntax(p, at, msg);
    }
    if (llen && number_bound(p, at, name, v, llen, n->lo, &n->lo_len) < 0) return -1;
    if (hlen && number_bound(p, at, name, dots + 2, hlen, n->hi, &n->hi_len) < 0) return -1;
    if (llen && hlen &&
        xs_sortable_unserialise(n->lo, n->lo_len) > xs_sortable_unserialise(n->hi, n->hi_len)) {
        snprintf(msg, sizeof msg, "%s: range '%.*s' ends before it starts", name,
                 (int)(len < 64 ? len : 64), v);
        return fail_syntax(p, at, msg);
    }
    return 0;
}

/* The node of the declared field FD (at START, its value V, VLEN bytes). */
static xn_qnode *declared_field(lexer_t *p, const xn_field *fd, size_t index, size_t start,
                                const char *v, size_t vlen, int quoted)
{
    if (vlen == 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s: needs a value", fd->name);
        fail_syntax(p, start, msg);
        return NULL;
    }
    xn_qnode *n;
    if (fd->kind == XAPNEWS_KIND_TEXT) { /* words, or a prefix as title: takes them */
        n = quoted ? text_node(p, XN_QFIELD_DECLARED, start, v, vlen, 1)
                   : word_node(p, XN_QFIELD_DECLARED, start, v, vlen);
    } else {
        n = node_new(p, fd->kind == XAPNEWS_KIND_KEYWORD ? XN_QNODE_FILTER : XN_QNODE_DATE,
                     start);
        if (n) {
            n->field = XN_QFIELD_DECLARED;
            n->text = v;
            n->len = vlen;
            n->quoted = quoted;
        }
    }
    if (!n) return NULL;
    n->def = fd;
    n->def_index = index;
    int rc = 0;
    if (fd->kind == XAPNEWS_KIND_DATE) rc = date_range(p, n, v, vlen);
    if (fd->kind == XAPNEWS_KIND_NUMBER) rc = number_range(p, n, fd->name, v, vlen);
    if (rc < 0) {
        node_free(n);
        return NULL;
    }
    return n;
}

/* Parses the field K (of field_at()) whose name starts at I. */
static xn_qnode *parse_field(lexer_t *p, int k)
{
    size_t start = p->i;
    p->i += strlen(field_name(p, k)) + 1;
    const char *v;
    size_t vlen;
    int quoted;
    read_value(p, &v, &vlen, &quoted);
    if (k >= (int)N_FIELDS) {
        size_t index = (size_t)k - N_FIELDS;
        return declared_field(p, &p->fields->f[index], index, start, v, vlen, quoted);
    }
    xn_qfield f = fields[k].field;
    if (vlen == 0 && f != XN_QFIELD_DATE) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s: needs a value", fields[k].name);
        fail_syntax(p, start, msg);
        return NULL;
    }
    if (f == XN_QFIELD_TITLE || f == XN_QFIELD_OFFICIAL)
        return quoted ? text_node(p, f, start, v, vlen, 1) : word_node(p, f, start, v, vlen);
    xn_qnode *n = node_new(p, f == XN_QFIELD_DATE   ? XN_QNODE_DATE
                              : f == XN_QFIELD_LIKE ? XN_QNODE_LIKE
                                                    : XN_QNODE_FILTER,
                           start);
    if (!n) return NULL;
    n->field = f;
    n->text = v;
    n->len = vlen;
    n->quoted = quoted;
    if (f == XN_QFIELD_DATE && date_range(p, n, v, vlen) < 0) {
        node_free(n);
        return NULL;
    }
    return n;
}

/* Whether a plain word (no operator, sign, quote, group or field) starts
 * at I. */
static int is_plain_word(const lexer_t *p, size_t i)
{
    static const char *const keywords[] = {"AND", "OR", "NOT"};
    char c = p->s[i];
    if (c == '(' || c == ')' || c == '"' || c == '+' || c == '-') return 0;
    size_t end = word_end(p, i);
    if (is_wildcard(p->s + i, end - i)) return 0; /* a prefix is an item of its own */
    for (size_t k = 0; k < 3; k++)
        if (end - i == strlen(keywords[k]) &&
            memcmp(p->s + i, keywords[k], end - i) == 0)
            return 0;
    return field_at(p, i) < 0 && !at_boost(p, end);
}

/* ---- grammar ------------------------------------------------------------ */

static xn_qnode *parse_or(lexer_t *p);

/* One item after a sign or operator: a group, a phrase, a field or a word. */
static xn_qnode *parse_item(lexer_t *p)
{
    skip_space(p);
    size_t start = p->i;
    char c = p->s[p->i];
    if (c == '(') {
        p->i++;
        if (++p->depth > XN_QUERY_MAX_DEPTH) {
            char msg[64];
            snprintf(msg, sizeof msg, "parentheses nested more than %d deep",
                     XN_QUERY_MAX_DEPTH);
            fail_syntax(p, start, msg);
            return NULL;
        }
        xn_qnode *q = parse_or(p);
        p->depth--;
        if (p->failed) {
            node_free(q);
            return NULL;
        }
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] != ')') {
            node_free(q);
            fail_syntax(p, start, "'(' is never closed");
            return NULL;
        }
        p->i++;
        return q ? q : node_new(p, XN_QNODE_AND, start); /* "()" holds nothing */
    }
    if (c == '"') {
        const char *v;
        size_t vlen;
        int quoted;
        read_value(p, &v, &vlen, &quoted);
        return text_node(p, XN_QFIELD_BODY, start, v, vlen, 1);
    }
    int k = field_at(p, p->i);
    if (k >= 0) return parse_field(p, k);
    p->i = word_end(p, p->i);
    return word_node(p, XN_QFIELD_BODY, start, p->s + start, p->i - start);
}

/* A run of plain words starting at I, as one text. */
static xn_qnode *parse_run(lexer_t *p)
{
    size_t start = p->i, end = word_end(p, p->i);
    for (;;) {
        size_t k = end;
        while (k < p->len && is_space(p->s[k])) k++;
        if (k >= p->len || !is_plain_word(p, k)) break;
        end = word_end(p, k);
    }
    p->i = end;
    return text_node(p, XN_QFIELD_BODY, start, p->s + start, end - start, 0);
}

/* Makes the last item of AND required; of a run of plain words, only
 * its last word, which is split off. */
static int require_last(lexer_t *p, xn_qnode *and)
{
    xn_qnode *last = and->child[and->n_child - 1];
    if (last->role != XN_QROLE_DEFAULT) return 0;
    size_t cut = last->len;
    if (last->kind == XN_QNODE_TEXT && !last->quoted && last->field == XN_QFIELD_BODY)
        while (cut > 0 && !is_space(last->text[cut - 1])) cut--;
    if (cut == 0) {
        last->role = XN_QROLE_REQUIRED;
        return 0;
    }
    xn_qnode *word = text_node(p, XN_QFIELD_BODY, last->at + cut,
                               last->text + cut, last->len - cut, 0);
    if (!word) return -1;
    word->role = XN_QROLE_REQUIRED;
    last->len = cut;
    while (last->len > 0 && is_space(last->text[last->len - 1])) last->len--;
    return add_child(p, and, word);
}

/* A sequence of items joined by AND, NOT or nothing. Returns NULL without
 * failing when there is none. */
static xn_qnode *parse_and(lexer_t *p)
{
    xn_qnode *and = node_new(p, XN_QNODE_AND, p->i);
    if (!and) return NULL;
    xn_qrole next_role = XN_QROLE_DEFAULT;
    for (;;) {
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] == ')' || at_keyword(p, "OR")) break;
        if (at_keyword(p, "AND")) {
            p->i += 3;
            /* "a AND b": the item before is required as well (of a run
             * of words, its last word) */
            if (and->n_child && require_last(p, and) < 0) {
                node_free(and);
                return NULL;
            }
            next_role = XN_QROLE_REQUIRED;
            continue;
        }
        if (at_keyword(p, "NOT")) {
            p->i += 3;
            next_role = XN_QROLE_EXCLUDED;
            continue;
        }
        xn_qrole role = next_role;
        next_role = XN_QROLE_DEFAULT;
        char c = p->s[p->i];
        xn_qnode *item;
        if (is_plain_word(p, p->i)) {
            item = parse_run(p);
        } else if ((c == '+' || c == '-') && p->i + 1 < p->len &&
                   !is_space(p->s[p->i + 1])) {
            role = c == '+' ? XN_QROLE_REQUIRED : XN_QROLE_EXCLUDED;
            p->i++;
            item = parse_item(p);
        } else if (c == '+' || c == '-') {
            p->i++; /* a lone sign is not a word */
            continue;
        } else {
            item = parse_item(p);
        }
        if (!item || read_boost(p, item) < 0) {
            node_free(item);
            node_free(and);
            return NULL;
        }
        item->role = role;
        if (add_child(p, and, item) < 0) {
            node_free(and);
            return NULL;
        }
    }
    if (and->n_child == 0) {
        node_free(and);
        return NULL;
    }
    return and;
}

static xn_qnode *parse_or(lexer_t *p)
{
    xn_qnode *or = NULL, *first = NULL;
    for (;;) {
        xn_qnode *q = parse_and(p);
        if (p->failed) {
            node_free(or ? or : first);
            return NULL;
        }
        if (q) {
            if (!first && !or) {
                first = q;
            } else {
                if (!or) {
                    if (!(or = node_new(p, XN_QNODE_OR, first->at)) ||
                        add_child(p, or, first) < 0) {
                        if (!or) node_free(first);
                        node_free(or);
                        node_free(q);
                        return NULL;
                    }
                    first = NULL;
                }
                if (add_child(p, or, q) < 0) {
                    node_free(or);
                    return NULL;
                }
            }
        }
        skip_space(p);
        if (!at_keyword(p, "OR")) break;
        p->i += 2;
    }
    return or ? or : first;
}

/* Copies TEXT into TREE, checking its length. */
static int copy_text(const char *text, xn_qtree *tree, xn_error *err)
{
    memset(tree, 0, sizeof *tree);
    size_t len = strlen(text);
    if (len > XN_QUERY_MAX_BYTES) {
        xn_error_set(err, XAPNEWS_STATUS_BAD_QUERY,
                     "query is %zu bytes long; the limit is %d bytes", len,
                     XN_QUERY_MAX_BYTES);
        return -1;
    }
    if (!(tree->text = malloc(len + 1))) {
        xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return -1;
    }
    memcpy(tree->text, text, len + 1);
    tree->len = len;
    return 0;
}

int xn_qtree_parse(const char *text, xn_qtree *tree, xn_error *err)
{
    return xn_qtree_parse_fields(text, NULL, tree, err);
}

int xn_qtree_parse_fields(const char *text, const xn_fields *schema, xn_qtree *tree,
                          xn_error *err)
{
    if (copy_text(text, tree, err) < 0) return -1;
    size_t len = tree->len;
    lexer_t p = {tree->text, len, 0, 0, err, 0, 0, schema};
    int capitals = xn_text_in_capitals(tree->text, len);
    if (capitals < 0) fail_nomem(&p);
    p.words_only = tree->capitals = capitals > 0;
    xn_qnode *root = p.failed ? NULL : parse_or(&p);
    if (!p.failed) {
        skip_space(&p);
        if (p.i < p.len) /* only an unmatched ')' stops parse_or early */
            fail_syntax(&p, p.i, "')' without a matching '('");
    }
    if (p.failed) {
        node_free(root);
        xn_qtree_free(tree);
        return -1;
    }
    tree->root = root;
    return 0;
}

int xn_qtree_parse_words(const char *text, xn_qtree *tree, xn_error *err)
{
    if (copy_text(text, tree, err) < 0) return -1;
    lexer_t p = {tree->text, tree->len, 0, 0, err, 0, 1, NULL};
    int capitals = xn_text_in_capitals(tree->text, tree->len);
    tree->capitals = capitals > 0;
    xn_qnode *and = capitals < 0 ? (fail_nomem(&p), NULL) : node_new(&p, XN_QNODE_AND, 0);
    if (!and || add_child(&p, and, text_node(&p, XN_QFIELD_BODY, 0, tree->text,
                                             tree->len, 0)) < 0) {
        node_free(and);
        xn_qtree_free(tree);
        return -1;
    }
    tree->root = and;
    return 0;
}

int xn_qtree_like(const char *id, xn_qtree *tree, xn_error *err)
{
    if (copy_text(id, tree, err) < 0) return -1;
    lexer_t p = {tree->text, tree->len, 0, 0, err, 0, 0, NULL};
    xn_qnode *n = node_new(&p, XN_QNODE_LIKE, 0);
    if (!n) {
        xn_qtree_free(tree);
        return -1;
    }
    n->field = XN_QFIELD_LIKE;
    n->text = tree->text;
    n->len = tree->len;
    tree->root = n;
    return 0;
}

void xn_qtree_free(xn_qtree *tree)
{
    node_free(tree->root);
    free(tree->text);
    memset(tree, 0, sizeof *tree);
}

static int each_searched(xn_qnode *n, int (*fn)(void *, xn_qnode *), void *ctx)
{
    if (n->role == XN_QROLE_EXCLUDED) return 0;
    if (n->kind == XN_QNODE_TEXT) return fn(ctx, n);
    for (size_t i = 0; i < n->n_child; i++) {
        int rc = each_searched(n->child[i], fn, ctx);
        if (rc) return rc;
    }
    return 0;
}

int xn_qtree_each_searched_text(xn_qtree *tree,
                                int (*fn)(void *ctx, xn_qnode *text), void *ctx)
{
    return tree->root ? each_searched(tree->root, fn, ctx) : 0;
}

static int each_node(xn_qnode *n, int (*fn)(void *, xn_qnode *), void *ctx)
{
    for (size_t i = 0; i < n->n_child; i++) {
        int rc = each_node(n->child[i], fn, ctx);
        if (rc) return rc;
    }
    return fn(ctx, n);
}

int xn_qtree_each_node(xn_qtree *tree, int (*fn)(void *ctx, xn_qnode *n), void *ctx)
{
    return tree->root ? each_node(tree->root, fn, ctx) : 0;
}
