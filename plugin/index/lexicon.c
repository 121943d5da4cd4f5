/* lexicon.c - see lexicon.h. */
#include "lexicon.h"

#include "hash.h"
#include "sort.h"
#include "stub.h"
#include "tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t off; /* of the word in the arena; (size_t)-1 for an empty slot */
    size_t len;
    unsigned long count;
} entry;

struct xn_lexicon {
    entry *slots;
    size_t cap, n; /* cap is a power of two */
    xn_strbuf words;
};

xn_lexicon *xn_lexicon_new(void)
{
    xn_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return NULL;
    lex->cap = 64;
    lex->slots = malloc(lex->cap * sizeof *lex->slots);
    if (!lex->slots) {
        free(lex);
        return NULL;
    }
    for (size_t i = 0; i < lex->cap; i++) lex->slots[i].off = (size_t)-1;
    return lex;
}

void xn_lexicon_free(xn_lexicon *lex)
{
    if (!lex) return;
    free(lex->slots);
    xn_strbuf_free(&lex->words);
    free(lex);
}

void xn_lexicon_clear(xn_lexicon *lex)
{
    for (size_t i = 0; i < lex->cap; i++) lex->slots[i].off = (size_t)-1;
    lex->n = 0;
    xn_strbuf_reset(&lex->words);
}

static entry *find(const xn_lexicon *lex, const char *word, size_t len)
{
    size_t mask = lex->cap - 1;
    for (size_t i = xn_hash(word, len) & mask;; i = (i + 1) & mask) {
        entry *e = &lex->slots[i];
        if (e->off == (size_t)-1 ||
            (e->len == len && memcmp(lex->words.data + e->off, word, len) == 0))
            return e;
    }
}

static int grow(xn_lexicon *lex)
{
    size_t cap = lex->cap * 2;
    entry *slots = malloc(cap * sizeof *slots), *old = lex->slots;
    if (!slots) return -1;
    for (size_t i = 0; i < cap; i++) slots[i].off = (size_t)-1;
    size_t old_cap = lex->cap;
    lex->slots = slots;
    lex->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].off != (size_t)-1)
            *find(lex, lex->words.data + old[i].off, old[i].len) = old[i];
    free(old);
    return 0;
}

int xn_lexicon_add(xn_lexicon *lex, const char *word, size_t len,
                   unsigned long count)
{
    if (len == 0) return 0;
    entry *e = find(lex, word, len);
    if (e->off != (size_t)-1) {
        e->count += count;
        return 0;
    }
    if ((lex->n + 1) * 2 > lex->cap) {
        if (grow(lex) < 0) return -1;
        e = find(lex, word, len);
    }
    size_t off = lex->words.len;
    if (xn_strbuf_append(&lex->words, word, len) < 0 ||
        xn_strbuf_putc(&lex->words, '\0') < 0)
        return -1;
    *e = (entry){off, len, count};
    lex->n++;
    return 0;
}

unsigned long xn_lexicon_get(const xn_lexicon *lex, const char *word,
                             size_t len)
{
    if (!lex || len == 0 || !lex->words.data) return 0;
    const entry *e = find(lex, word, len);
    return e->off == (size_t)-1 ? 0 : e->count;
}

size_t xn_lexicon_size(const xn_lexicon *lex)
{
    return lex ? lex->n : 0;
}

int xn_lexicon_each(const xn_lexicon *lex,
                    int (*fn)(void *ctx, const char *word, size_t len,
                              unsigned long count),
                    void *ctx)
{
    for (size_t i = 0; lex && i < lex->cap; i++) {
        const entry *e = &lex->slots[i];
        if (e->off == (size_t)-1) continue;
        int rc = fn(ctx, lex->words.data + e->off, e->len, e->count);
        if (rc) return rc;
    }
    return 0;
}

/* Whether the raw word [START, END) of TEXT is in capitals throughout
 * (two ASCII letters at least and no lower-case one). */
static int all_capitals(const char *text, size_t start, size_t end)
{
    size_t upper = 0;
    for (size_t i = start; i < end; i++) {
        if (text[i] >= 'a' && text[i] <= 'z') return 0;
        if (text[i] >= 'A' && text[i] <= 'Z') upper++;
    }
    return upper >= 2;
}

/* Whether a sentence may end between END and START of TEXT. */
static int sentence_break(const char *text, size_t end, size_t start)
{
    for (size_t i = end; i < start; i++)
        if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == ':')
            return 1;
    return 0;
}

int xn_lexicon_note(xn_lexicon *lex, const char *text, size_t len,
                    const xn_tokens *toks)
{
    const unsigned skip = XN_TOKEN_COLOCATED | XN_TOKEN_VARIANT |
                          XN_TOKEN_CANONICAL | XN_TOKEN_ACRONYM |
                          XN_TOKEN_NUMBER | XN_TOKEN_CJK | XN_TOKEN_HASHED;
    size_t prev_end = (size_t)-1;
    for (size_t i = 0; i < toks->n; i++) {
        const xn_atoken *t = &toks->t[i];
        if (t->flags & (XN_TOKEN_COLOCATED | XN_TOKEN_VARIANT)) continue;
        size_t last = prev_end;
        prev_end = t->end;
        if (!(t->flags & XN_TOKEN_CAPITALISED) || (t->flags & skip) ||
            last == (size_t)-1 || t->end > len || last > t->start ||
            sentence_break(text, last, t->start) ||
            all_capitals(text, t->start, t->end))
            continue;
        const char *w = xn_tokens_term(toks, i);
        size_t wlen = t->len;
        if (wlen > 2 && w[wlen - 2] == '\'' && w[wlen - 1] == 's') wlen -= 2;
        if (xn_lexicon_add(lex, w, wlen, 1) < 0) return -1;
    }
    return 0;
}

/* A stored count: the LEN decimal digits at V into *COUNT. -1 (and
 * *COUNT 0) when there are none or anything else is there. */
static int parse_count(const char *v, size_t len, unsigned long *count)
{
    *count = 0;
    if (!len) return -1;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9') {
            *count = 0;
            return -1;
        }
        *count = *count * 10 + (unsigned long)(v[i] - '0');
    }
    return 0;
}

int xn_lexicon_merge_text(xn_lexicon *lex, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        static const char header[] = "xapnews-lexicon ";
        if (n >= sizeof header - 1 && memcmp(line, header, sizeof header - 1) == 0)
            continue;
        const char *sp = memchr(line, ' ', n);
        if (!sp || sp == line) continue;
        unsigned long count;
        if (parse_count(sp + 1, (size_t)(line + n - (sp + 1)), &count) < 0 ||
            (size_t)(sp - line) > XN_TOKEN_MAX_BYTES)
            continue;
        if (xn_lexicon_add(lex, line, (size_t)(sp - line), count) < 0) return -1;
    }
    return 0;
}

static int by_offset(const void *a, const void *b)
{
    size_t x = (*(const entry *const *)a)->off, y = (*(const entry *const *)b)->off;
    return (x > y) - (x < y);
}

int xn_lexicon_serialise_counts(const xn_lexicon *lex, xn_strbuf *out)
{
    /* in the order the words came, whatever the table's history */
    const entry **order = malloc((lex->n ? lex->n : 1) * sizeof *order);
    if (!order) return -1;
    size_t n = 0;
    for (size_t i = 0; i < lex->cap && n < lex->n; i++)
        if (lex->slots[i].off != (size_t)-1) order[n++] = &lex->slots[i];
    qsort(order, n, sizeof *order, by_offset);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const entry *e = order[i];
        if (e->count == 0) continue;
        if (xn_strbuf_append(out, lex->words.data + e->off, e->len) < 0 ||
            xn_strbuf_printf(out, " %lu\n", e->count) < 0)
            rc = -1;
    }
    free(order);
    return rc;
}

int xn_lexicon_serialise(const xn_lexicon *lex, xn_strbuf *out)
{
    if (xn_strbuf_puts(out, "xapnews-lexicon 1\n") < 0) return -1;
    return xn_lexicon_serialise_counts(lex, out);
}

/* The word whose key is KEY (KEY_LEN bytes, XN_LEXICON_WORD_PREFIX and
 * the word) into *WORD and *LEN; 0 for a key that holds no word (none,
 * or one longer than a token). */
static int word_of_key(const char *key, size_t key_len, const char **word, size_t *len)
{
    size_t skip = strlen(XN_LEXICON_WORD_PREFIX);
    if (key_len <= skip || key_len - skip > XN_TOKEN_MAX_BYTES) return 0;
    *word = key + skip;
    *len = key_len - skip;
    return 1;
}

/* The count stored for the LEN-byte WORD in DB into *COUNT (0 when there
 * is none, or it is not a count), its key left in KEY. On failure sets
 * ERR (WHAT, may be NULL, before the reason) and returns its status. */
static xapnews_status_t stored_count(xs_db *db, const char *word, size_t len, xn_strbuf *key,
                                     unsigned long *count, xn_error *err, const char *what)
{
    *count = 0;
    xn_strbuf_reset(key);
    if (xn_strbuf_puts(key, XN_LEXICON_WORD_PREFIX) < 0 || xn_strbuf_append(key, word, len) < 0)
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    char *value = NULL;
    size_t value_len = 0;
    xs_error xe;
    if (xs_db_get_metadata(db, key->data, &value, &value_len, &xe) < 0)
        return xn_error_from_shim(err, &xe, what);
    parse_count(value, value_len, count); /* 0 when it is not a count */
    free(value);
    return XAPNEWS_STATUS_SUCCESS;
}

static int merge_word_key(void *ctx, const char *key, size_t key_len, const char *value,
                          size_t value_len)
{
    const char *word;
    size_t len;
    unsigned long count;
    parse_count(value, value_len, &count); /* 0 when it is not a count */
    if (!word_of_key(key, key_len, &word, &len) || !count) return 0;
    return xn_lexicon_add(ctx, word, len, count) < 0 ? 1 : 0;
}

/* Adds the lexicon stored in DB to LEX: one key per word, and the single
 * value of databases written before those (XN_LEXICON_KEY). */
static xapnews_status_t merge_stored(xn_lexicon *lex, xs_db *db, const char *name,
                                     xn_error *err)
{
    char *text = NULL;
    size_t len = 0;
    xs_error xe;
    if (xs_db_get_metadata(db, XN_LEXICON_KEY, &text, &len, &xe) < 0)
        return xn_error_from_shim(err, &xe, name);
    int rc = xn_lexicon_merge_text(lex, text, len);
    free(text);
    if (rc == 0) rc = xs_db_metadata_each(db, XN_LEXICON_WORD_PREFIX, merge_word_key, lex, &xe);
    if (rc < 0) return xn_error_from_shim(err, &xe, name);
    if (rc) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t merge_listed(void *ctx, xs_db *db, const char *where, xn_error *err)
{
    return merge_stored(ctx, db, where, err);
}

xapnews_status_t xn_lexicon_load(xs_db *db, const char *path, xn_lexicon **out,
                                 xn_error *err)
{
    *out = NULL;
    xn_lexicon *lex = xn_lexicon_new();
    if (!lex) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    /* Xapian reads metadata from the first database of a stub only: read
     * each one's (every shard, local or remote) */
    unsigned listed = 0;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (path) st = xn_stub_each(path, merge_listed, lex, &listed, err);
    if (!st && !listed) st = merge_stored(lex, db, path, err);
    if (st) {
        xn_lexicon_free(lex);
        return st;
    }
    *out = lex;
    return XAPNEWS_STATUS_SUCCESS;
}

struct xn_lexicon_reader {
    xs_db *db;          /* read a key at a time, when WHOLE is NULL */
    xn_lexicon *whole;  /* or read at once (a stub, the single value) */
    xn_lexicon *read;   /* the counts read a key at a time, each plus 1 (a
                         * word counted 0 is read once too) */
    xn_strbuf key;      /* a word's key, reused */
};

xapnews_status_t xn_lexicon_reader_open(xs_db *db, const char *path, xn_lexicon_reader **out,
                                        xn_error *err)
{
    *out = NULL;
    xn_lexicon_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->read = xn_lexicon_new())) {
        free(r);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    r->db = db;
    char *single = NULL;
    size_t single_len = 0;
    xs_error xe;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    /* a stub's shards are each read by xn_lexicon_load(); a database with
     * the single value has its counts there */
    int at_once = path && xn_stub_file_of(path);
    if (!at_once && xs_db_get_metadata(db, XN_LEXICON_KEY, &single, &single_len, &xe) < 0)
        st = xn_error_from_shim(err, &xe, path);
    free(single);
    if (!st && (at_once || single_len)) st = xn_lexicon_load(db, path, &r->whole, err);
    if (st) {
        xn_lexicon_reader_free(r);
        return st;
    }
    *out = r;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_lexicon_reader_read_whole(xn_lexicon_reader *r, xn_error *err)
{
    if (r->whole) return XAPNEWS_STATUS_SUCCESS;
    return xn_lexicon_load(r->db, NULL, &r->whole, err);
}

void xn_lexicon_reader_free(xn_lexicon_reader *r)
{
    if (!r) return;
    xn_lexicon_free(r->whole);
    xn_lexicon_free(r->read);
    xn_strbuf_free(&r->key);
    free(r);
}

typedef struct {
    int (*fn)(void *ctx, const char *word, size_t len, unsigned long count);
    void *ctx;
} word_walk;

static int walk_word_key(void *vctx, const char *key, size_t key_len)
{
    word_walk *w = vctx;
    const char *word;
    size_t len;
    if (!word_of_key(key, key_len, &word, &len)) return 0;
    return w->fn(w->ctx, word, len, XN_LEXICON_UNCOUNTED);
}

int xn_lexicon_reader_each(xn_lexicon_reader *r,
                           int (*fn)(void *ctx, const char *word, size_t len,
                                     unsigned long count),
                           void *ctx, xn_error *err)
{
    if (r->whole) return xn_lexicon_each(r->whole, fn, ctx);
    word_walk w = {fn, ctx};
    xs_error xe;
    int rc = xs_db_metadata_keys_each(r->db, XN_LEXICON_WORD_PREFIX, walk_word_key, &w, &xe);
    if (rc < 0) xn_error_from_shim(err, &xe, NULL);
    return rc;
}

xapnews_status_t xn_lexicon_reader_count(xn_lexicon_reader *r, const char *word, size_t len,
                                         unsigned long *count, xn_error *err)
{
    *count = 0;
    if (r->whole) {
        *count = xn_lexicon_get(r->whole, word, len);
        return XAPNEWS_STATUS_SUCCESS;
    }
    unsigned long known = xn_lexicon_get(r->read, word, len);
    if (known) {
        *count = known - 1;
        return XAPNEWS_STATUS_SUCCESS;
    }
    xapnews_status_t st = stored_count(r->db, word, len, &r->key, count, err, NULL);
    if (st) return st;
    if (*count < (unsigned long)-1 && xn_lexicon_add(r->read, word, len, *count + 1) < 0)
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

int xn_lexicon_merge_values(const char *key, const char *const *values, const size_t *lens,
                            size_t n, xn_strbuf *out)
{
    if (strncmp(key, XN_LEXICON_WORD_PREFIX, strlen(XN_LEXICON_WORD_PREFIX)) == 0) {
        unsigned long sum = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned long count;
            parse_count(values[i], lens[i], &count); /* 0 when it is not a count */
            sum += count;
        }
        return xn_strbuf_printf(out, "%lu", sum) < 0 ? -1 : 1;
    }
    if (strcmp(key, XN_LEXICON_KEY) != 0) return 0;
    xn_lexicon *lex = xn_lexicon_new();
    int rc = lex ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) rc = xn_lexicon_merge_text(lex, values[i], lens[i]);
    if (rc == 0) rc = xn_lexicon_serialise(lex, out);
    xn_lexicon_free(lex);
    return rc < 0 ? -1 : 1;
}

/* ---- writers ------------------------------------------------------------ */

struct xn_lexicon_pending {
    xs_db **dbs;
    xn_lexicon **lex;  /* per database: counts to add */
    xn_lexicon **gone; /* per database: counts to take away */
    size_t n;
};

xn_lexicon_pending *xn_lexicon_pending_new(void)
{
    return calloc(1, sizeof(xn_lexicon_pending));
}

void xn_lexicon_pending_free(xn_lexicon_pending *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) {
        xn_lexicon_free(p->lex[i]);
        xn_lexicon_free(p->gone[i]);
    }
    free(p->dbs);
    free(p->lex);
    free(p->gone);
    free(p);
}

/* The slot of DB in P, or (size_t)-1. */
static size_t find_slot(const xn_lexicon_pending *p, const xs_db *db)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (p->dbs[i] == db) return i;
    return (size_t)-1;
}

/* The slot of DB in P, made when missing; (size_t)-1 when memory runs
 * out. */
static size_t slot_of(xn_lexicon_pending *p, xs_db *db)
{
    size_t k = find_slot(p, db);
    if (k != (size_t)-1) return k;
    xs_db **dbs = realloc(p->dbs, (p->n + 1) * sizeof *dbs);
    if (!dbs) return (size_t)-1;
    p->dbs = dbs;
    xn_lexicon **lex = realloc(p->lex, (p->n + 1) * sizeof *lex);
    if (!lex) return (size_t)-1;
    p->lex = lex;
    xn_lexicon **gone = realloc(p->gone, (p->n + 1) * sizeof *gone);
    if (!gone) return (size_t)-1;
    p->gone = gone;
    p->lex[p->n] = xn_lexicon_new();
    p->gone[p->n] = xn_lexicon_new();
    if (!p->lex[p->n] || !p->gone[p->n]) {
        xn_lexicon_free(p->lex[p->n]);
        xn_lexicon_free(p->gone[p->n]);
        return (size_t)-1;
    }
    p->dbs[p->n] = db;
    return p->n++;
}

/* Adds every count of FROM to LEX. Returns 0, or -1 when memory runs out. */
static int add_all(xn_lexicon *lex, const xn_lexicon *from)
{
    for (size_t i = 0; i < from->cap; i++) {
        const entry *e = &from->slots[i];
        if (e->off != (size_t)-1 &&
            xn_lexicon_add(lex, from->words.data + e->off, e->len, e->count) < 0)
            return -1;
    }
    return 0;
}

int xn_lexicon_pending_add(xn_lexicon_pending *p, xs_db *db, const xn_lexicon *counts)
{
    size_t k = slot_of(p, db);
    return k == (size_t)-1 ? -1 : add_all(p->lex[k], counts);
}

int xn_lexicon_pending_forget(xn_lexicon_pending *p, xs_db *db, const char *stored,
                              size_t len)
{
    size_t k = slot_of(p, db);
    return k == (size_t)-1 ? -1 : xn_lexicon_merge_text(p->gone[k], stored, len);
}

/* The change to one word's stored count, and where its key is built. */
typedef struct {
    xs_db *db;
    const xn_lexicon *add, *gone;
    xn_strbuf key;
    xn_error *err;
    xapnews_status_t st;
} word_update;

/* Stores the count of WORD: as stored, plus its count in U->add, minus
 * that in U->gone (never below 0); a count of 0 removes the key. */
static int update_word(word_update *u, const char *word, size_t len)
{
    unsigned long have;
    if ((u->st = stored_count(u->db, word, len, &u->key, &have, u->err,
                              "cannot read the name lexicon")))
        return 1;
    unsigned long plus = u->add ? xn_lexicon_get(u->add, word, len) : 0;
    unsigned long minus = u->gone ? xn_lexicon_get(u->gone, word, len) : 0;
    unsigned long want = have + plus > minus ? have + plus - minus : 0;
    if (want == have) return 0;
    char digits[32];
    int n = want ? snprintf(digits, sizeof digits, "%lu", want) : 0;
    xs_error xe;
    /* Xapian removes a key set to the empty value */
    if (xs_db_set_metadata(u->db, u->key.data, digits, (size_t)n, &xe) < 0) {
        u->st = xn_error_from_shim(u->err, &xe, "cannot store the name lexicon");
        return 1;
    }
    return 0;
}

/* A word of a lexicon's arena. */
typedef struct {
    const char *word;
    size_t len;
} word_ref;

/* Byte order, shorter first where one word starts the other: the order
 * of Xapian's keys. */
static int by_bytes(const void *va, const void *vb)
{
    const word_ref *a = va, *b = vb;
    return xn_bytes_compare(a->word, a->len, b->word, b->len);
}

/* Appends to *REFS (N of them) the words of LEX not in SEEN (may be NULL). */
static void note_words(word_ref *refs, size_t *n, const xn_lexicon *lex, const xn_lexicon *seen)
{
    for (size_t i = 0; lex && i < lex->cap; i++) {
        const entry *e = &lex->slots[i];
        if (e->off == (size_t)-1) continue;
        const char *w = lex->words.data + e->off;
        if (!seen || !xn_lexicon_get(seen, w, e->len)) refs[(*n)++] = (word_ref){w, e->len};
    }
}

/* Calls update_word() for every word of U->add and U->gone, once, in the
 * order of their keys: neighbouring keys share the B-tree's blocks, so a
 * commit reads and writes each block of the lexicon it changes once, where
 * the order of a hash table moved from block to block for every word.
 * Returns non-zero when one failed (U->st says why) or memory ran out. */
static int update_words(word_update *u)
{
    size_t n = 0, most = xn_lexicon_size(u->add) + xn_lexicon_size(u->gone);
    word_ref *refs = malloc((most ? most : 1) * sizeof *refs);
    if (!refs) {
        u->st = xn_error_set(u->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        return 1;
    }
    note_words(refs, &n, u->add, NULL);
    note_words(refs, &n, u->gone, u->add);
    xn_sort(refs, n, sizeof *refs, by_bytes);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) rc = update_word(u, refs[i].word, refs[i].len);
    free(refs);
    return rc;
}

xapnews_status_t xn_lexicon_pending_flush(xn_lexicon_pending *added,
                                          xn_lexicon_pending *removed, xs_db *db,
                                          xn_error *err)
{
    size_t ka = find_slot(added, db), kr = find_slot(removed, db);
    xn_lexicon *add = ka == (size_t)-1 ? NULL : added->lex[ka];
    xn_lexicon *gone = kr == (size_t)-1 ? NULL : removed->gone[kr];
    if (xn_lexicon_size(add) == 0 && xn_lexicon_size(gone) == 0)
        return XAPNEWS_STATUS_SUCCESS;
    /* a database written before the lexicon had a key per word holds it
     * in one value: its counts join those to add, once, and it goes */
    char *blob = NULL;
    size_t blob_len = 0;
    xs_error xe;
    if (xs_db_get_metadata(db, XN_LEXICON_KEY, &blob, &blob_len, &xe) < 0)
        return xn_error_from_shim(err, &xe, "cannot read the name lexicon");
    xn_lexicon *own = NULL;
    if (blob_len && !add) add = own = xn_lexicon_new();
    int oom = blob_len && (!add || xn_lexicon_merge_text(add, blob, blob_len) < 0);
    free(blob);
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (oom) st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    /* every word added or taken away, once */
    word_update u = {db, add, gone, XN_STRBUF_INIT, err, XAPNEWS_STATUS_SUCCESS};
    if (!st && update_words(&u)) st = u.st;
    xn_strbuf_free(&u.key);
    xn_lexicon_free(own);
    if (!st && blob_len && xs_db_set_metadata(db, XN_LEXICON_KEY, "", 0, &xe) < 0)
        st = xn_error_from_shim(err, &xe, "cannot store the name lexicon");
    if (!st) {
        if (add) xn_lexicon_clear(add);
        if (gone) xn_lexicon_clear(gone);
    }
    return st;
}
