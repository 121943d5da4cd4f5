/* stemmer.c - see stemmer.h. */
#include "stemmer.h"
#include "hash.h"
#include "tokenizer.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define CACHE_SLOTS 8192 /* power of two */
#define CACHE_MAX_WORD 64

typedef struct {
    unsigned char wlen, slen; /* 0 wlen = empty slot */
    char word[CACHE_MAX_WORD];
    char stem[CACHE_MAX_WORD];
} cache_entry;

struct xn_stemmer {
    struct sb_stemmer *sb;
    cache_entry *cache;
    char scratch[CACHE_MAX_WORD * 4 + 1];
    char language[32];
};

xn_stemmer *xn_stemmer_new(const char *language, int *unknown)
{
    if (unknown) *unknown = 0;
    struct sb_stemmer *sb = sb_stemmer_new(language, NULL);
    if (!sb) {
        /* libstemmer returns NULL for an unknown language or no memory */
        int known = 0;
        for (const char **l = sb_stemmer_list(); *l; l++)
            if (strcmp(*l, language) == 0) known = 1;
        if (unknown) *unknown = !known;
        return NULL;
    }
    xn_stemmer *s = calloc(1, sizeof *s);
    cache_entry *cache = calloc(CACHE_SLOTS, sizeof *cache);
    if (!s || !cache) {
        free(s);
        free(cache);
        sb_stemmer_delete(sb);
        return NULL;
    }
    s->sb = sb;
    s->cache = cache;
    snprintf(s->language, sizeof s->language, "%s", language);
    return s;
}

const char *xn_stemmer_stem(xn_stemmer *s, const char *word, size_t len,
                            size_t *out_len)
{
    cache_entry *e = NULL;
    if (len > 0 && len < CACHE_MAX_WORD) {
        e = &s->cache[xn_hash(word, len) & (CACHE_SLOTS - 1)];
        if (e->wlen == len && memcmp(e->word, word, len) == 0) {
            *out_len = e->slen;
            return e->stem;
        }
    }
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
    if (!r) return NULL;
    size_t rlen = (size_t)sb_stemmer_length(s->sb);
    if (e && rlen < CACHE_MAX_WORD) {
        /* direct-mapped: a new word simply replaces the slot's old one */
        memcpy(e->word, word, len);
        e->wlen = (unsigned char)len;
        memcpy(e->stem, r, rlen);
        e->stem[rlen] = '\0';
        e->slen = (unsigned char)rlen;
        *out_len = rlen;
        return e->stem;
    }
    if (rlen >= sizeof s->scratch) rlen = sizeof s->scratch - 1;
    memcpy(s->scratch, r, rlen);
    s->scratch[rlen] = '\0';
    *out_len = rlen;
    return s->scratch;
}

int xn_stemmer_should_stem(const char *term, size_t len)
{
    utf8proc_int32_t c;
    if (len == 0 || xn_term_is_hashed(term, len)) return 0;
    if (utf8proc_iterate((const utf8proc_uint8_t *)term,
                         (utf8proc_ssize_t)(len > 4 ? 4 : len), &c) <= 0)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO;
}

const char **xn_stemmer_languages(void)
{
    return sb_stemmer_list();
}

void xn_stemmer_free(xn_stemmer *s)
{
    if (!s) return;
    sb_stemmer_delete(s->sb);
    free(s->cache);
    free(s);
}

const char *xn_stemmer_language(const xn_stemmer *stemmer)
{
    return stemmer->language;
}
