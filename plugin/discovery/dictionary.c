/* dictionary.c - see dictionary.h. */
#include "config.h"
#include "dictionary.h"

#include "grow.h"
#include "hash.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#ifndef XAPNEWS_DICTIONARY_DIR
#define XAPNEWS_DICTIONARY_DIR "/usr/share/dict"
#endif

typedef struct {
    size_t off, len; /* the folded word, in the arena */
    xn_dict_entry e;
} dict_word;

struct xapnews_dictionary {
    xn_error err;
    xn_strbuf arena;
    dict_word *w;
    size_t n, cap;
    size_t *slots; /* index + 1, 0 for empty */
    size_t slots_cap;
    size_t lists;
};

xapnews_status_t xapnews_dictionary_create(xapnews_dictionary_t **out, char **error)
{
    if (error) *error = NULL;
    if (!out) {
        if (error) *error = xn_strdup("no place for the dictionary");
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    }
    *out = calloc(1, sizeof **out);
    if (!*out) {
        if (error) *error = xn_strdup("out of memory");
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

void xapnews_dictionary_destroy(xapnews_dictionary_t *d)
{
    if (!d) return;
    xn_strbuf_free(&d->arena);
    free(d->w);
    free(d->slots);
    free(d);
}

const char *xapnews_dictionary_last_error(const xapnews_dictionary_t *d)
{
    return d ? d->err.message : "no dictionary";
}

const char *xapnews_dictionary_default_dir(void)
{
    return XAPNEWS_DICTIONARY_DIR;
}

size_t xapnews_dictionary_list_count(const xapnews_dictionary_t *d)
{
    return d ? d->lists : 0;
}

size_t xapnews_dictionary_word_count(const xapnews_dictionary_t *d)
{
    return d ? d->n : 0;
}

size_t xn_dictionary_lists(const xapnews_dictionary_t *d)
{
    return d ? d->lists : 0;
}

static size_t find(const xapnews_dictionary_t *d, const char *s, size_t len)
{
    if (!d || !d->slots_cap) return (size_t)-1;
    size_t mask = d->slots_cap - 1;
    for (size_t i = xn_hash(s, len) & mask; d->slots[i]; i = (i + 1) & mask) {
        const dict_word *w = &d->w[d->slots[i] - 1];
        if (w->len == len && memcmp(d->arena.data + w->off, s, len) == 0)
            return d->slots[i] - 1;
    }
    return (size_t)-1;
}

xn_dict_entry xn_dictionary_lookup(const xapnews_dictionary_t *d, const char *word,
                                   size_t len)
{
    xn_dict_entry none = {0, 0};
    size_t i = find(d, word, len);
    return i == (size_t)-1 ? none : d->w[i].e;
}

int xapnews_dictionary_lookup(const xapnews_dictionary_t *d, const char *word)
{
    if (!d || !word) return 0;
    char folded[XN_DICT_MAX_LINE * 4];
    size_t n = xn_fold(word, strlen(word), folded, sizeof folded);
    if (n == (size_t)-1) return 0;
    xn_dict_entry e = xn_dictionary_lookup(d, folded, n);
    return (e.word_lists ? XAPNEWS_DICTIONARY_WORD : 0) |
           (e.name_lists ? XAPNEWS_DICTIONARY_NAME : 0);
}

/* Grows the hash to hold N more words; -1 when memory ran out. */
static int reserve(xapnews_dictionary_t *d, size_t more)
{
    size_t need = (d->n + more) * 2 + 2, cap = d->slots_cap ? d->slots_cap : 1024;
    if (need <= d->slots_cap) return 0;
    while (cap < need) cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t k = 0; k < d->n; k++) {
        size_t i = xn_hash(d->arena.data + d->w[k].off, d->w[k].len) & (cap - 1);
        while (slots[i]) i = (i + 1) & (cap - 1);
        slots[i] = k + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->slots_cap = cap;
    dict_word *w = xn_grow(d->w, &d->cap, d->n + more, sizeof *d->w, 4096);
    if (!w) return -1;
    d->w = w;
    return 0;
}

/* Adds WORD (folded, LEN bytes) with the masks of E; -1 when memory ran
 * out (after reserve(), only the arena can fail). */
static int add_word(xapnews_dictionary_t *d, const char *word, size_t len,
                    xn_dict_entry e)
{
    size_t i = find(d, word, len);
    if (i != (size_t)-1) {
        d->w[i].e.word_lists |= e.word_lists;
        d->w[i].e.name_lists |= e.name_lists;
        return 0;
    }
    dict_word *w = &d->w[d->n];
    w->off = d->arena.len;
    w->len = len;
    w->e = e;
    if (xn_strbuf_append(&d->arena, word, len) < 0 || xn_strbuf_putc(&d->arena, '\0') < 0)
        return -1;
    size_t mask = d->slots_cap - 1, s = xn_hash(word, len) & mask;
    while (d->slots[s]) s = (s + 1) & mask;
    d->slots[s] = ++d->n;
    return 0;
}

/* Whether the entry LINE (LEN bytes of valid UTF-8) starts with a capital. */
static int capitalised(const char *line, size_t len)
{
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)line, (utf8proc_ssize_t)len, &c) <= 0)
        return 0;
    return utf8proc_tolower(c) != c;
}

/* Whether the folded word holds letters only: a-z, or any character
 * beyond ASCII (accents are stripped by folding). */
static int letters_only(const char *w, size_t len)
{
    if (!len) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c < 0x80 && !(c >= 'a' && c <= 'z')) return 0;
    }
    return 1;
}

typedef struct {
    size_t off, len;
    int name;
} pending;

xapnews_status_t xapnews_dictionary_load(xapnews_dictionary_t *d, const char *path)
{
    if (!d) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&d->err);
    if (!path) return xn_error_set(&d->err, XAPNEWS_STATUS_INVALID_ARGUMENT, "no word list given");
    if (d->lists >= XN_DICT_MAX_LISTS)
        return xn_error_set(&d->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "%s: too many word lists (%d at most)", path, XN_DICT_MAX_LISTS);
    xn_strbuf text = {0}, folded = {0};
    xapnews_status_t st = xn_read_text(path, &text, &d->err);
    pending *words = NULL;
    size_t nw = 0, capw = 0;
    unsigned long lineno = 0;
    for (size_t pos = 0; !st && pos < text.len;) {
        const char *line = text.data + pos;
        const char *nl = memchr(line, '\n', text.len - pos);
        size_t len = nl ? (size_t)(nl - line) : text.len - pos;
        pos += len + (nl ? 1 : 0);
        lineno++;
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
            len--;
        while (len && (line[0] == ' ' || line[0] == '\t')) line++, len--;
        if (!len || line[0] == '#') continue;
        if (memchr(line, '\0', len))
            st = xn_error_set(&d->err, XAPNEWS_STATUS_BAD_INPUT,
                              "%s:%lu: a NUL byte (a word list is a text file)", path, lineno);
        else if (len > XN_DICT_MAX_LINE)
            st = xn_error_set(&d->err, XAPNEWS_STATUS_BAD_INPUT,
                              "%s:%lu: a line of more than %d bytes (a word list has one word a line)",
                              path, lineno, XN_DICT_MAX_LINE);
        else if (!xn_utf8_valid(line, len))
            st = xn_error_set(&d->err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: not UTF-8", path,
                              lineno);
        else if (memchr(line, ' ', len) || memchr(line, '\t', len))
            st = xn_error_set(&d->err, XAPNEWS_STATUS_BAD_INPUT,
                              "%s:%lu: '%.*s' is more than one word (a word list has one word a line)",
                              path, lineno, (int)len, line);
        if (st) break;
        char buf[XN_DICT_MAX_LINE * 4];
        size_t fl = xn_fold(line, len, buf, sizeof buf);
        if (fl == (size_t)-1 || !letters_only(buf, fl)) continue;
        pending *grown = xn_grow(words, &capw, nw + 1, sizeof *words, 4096);
        if (!grown) {
            st = xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
            break;
        }
        words = grown;
        words[nw++] = (pending){folded.len, fl, capitalised(line, len)};
        if (xn_strbuf_append(&folded, buf, fl) < 0)
            st = xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    if (!st && !nw)
        st = xn_error_set(&d->err, XAPNEWS_STATUS_BAD_INPUT,
                          "%s: no words (a word list has one word a line)", path);
    if (!st && reserve(d, nw) < 0)
        st = xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    uint32_t bit = (uint32_t)1 << d->lists;
    for (size_t i = 0; !st && i < nw; i++) {
        xn_dict_entry e = {words[i].name ? 0 : bit, words[i].name ? bit : 0};
        if (add_word(d, folded.data + words[i].off, words[i].len, e) < 0)
            st = xn_error_set(&d->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    if (!st) d->lists++;
    free(words);
    xn_strbuf_free(&text);
    xn_strbuf_free(&folded);
    return st;
}

xapnews_status_t xapnews_dictionary_load_defaults(xapnews_dictionary_t *d, const char *dir,
                                                  unsigned *loaded)
{
    static const char *const names[] = {"american-english", "british-english"};
    if (loaded) *loaded = 0;
    if (!d) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&d->err);
    if (!dir) dir = XAPNEWS_DICTIONARY_DIR;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path)
            return xn_error_set(&d->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                                "%s: folder name too long", dir);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fclose(f);
        xapnews_status_t st = xapnews_dictionary_load(d, path);
        if (st) return st;
        if (loaded) ++*loaded;
    }
    return XAPNEWS_STATUS_SUCCESS;
}
