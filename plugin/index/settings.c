/* settings.c - see settings.h. */
#include "settings.h"
#include "schema.h"
#include "tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads metadata KEY of DB into *VALUE (NULL when not set) and *LEN. */
static xapnews_status_t read_key(xs_db *db, const char *key, const char *where,
                                 char **value, size_t *len, xn_error *err)
{
    xs_error xe;
    *value = NULL;
    *len = 0;
    if (xs_db_get_metadata(db, key, value, len, &xe) < 0)
        return xn_error_from_shim(err, &xe, where);
    if (*len == 0) {
        free(*value);
        *value = NULL;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_settings_read(xs_db *db, const char *where, xn_settings *s,
                                  xn_error *err)
{
    memset(s, 0, sizeof *s);
    xs_error xe;
    unsigned long docs = 0;
    if (xs_db_doccount(db, &docs, &xe) < 0) return xn_error_from_shim(err, &xe, where);
    size_t len;
    xapnews_status_t st = read_key(db, XN_LANGUAGE_KEY, where, &s->language, &len, err);
    for (int t = 0; !st && t < XN_TABLE_COUNT; t++)
        st = read_key(db, xn_table_key((xapnews_table_t)t), where, &s->text[t],
                      &s->len[t], err);
    if (st) return st;
    s->settled = docs > 0 || s->language != NULL;
    for (int t = 0; t < XN_TABLE_COUNT; t++)
        if (s->text[t]) s->settled = 1;
    if (s->settled && !s->language && !(s->language = xn_strdup("english")))
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

int xn_settings_same_text(const char *a, size_t alen, const char *b,
                          size_t blen)
{
    if (!a) alen = 0;
    if (!b) blen = 0;
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

const char *xn_settings_difference(const xn_settings *a, const xn_settings *b,
                                   char *buf, size_t cap)
{
    if (strcmp(a->language, b->language) != 0) {
        snprintf(buf, cap, "stemming language '%s' and '%s'", a->language,
                 b->language);
        return buf;
    }
    for (int t = 0; t < XN_TABLE_COUNT; t++)
        if (!xn_settings_same_text(a->text[t], a->len[t], b->text[t], b->len[t])) {
            snprintf(buf, cap, "the %s", xn_table_label((xapnews_table_t)t));
            return buf;
        }
    return NULL;
}

typedef struct {
    xs_db *db;
    xs_error xe;
} synonym_ctx;

static int add_xapian_synonym(void *vctx, const char *a, size_t alen,
                              const char *b, size_t blen)
{
    synonym_ctx *c = vctx;
    char key[XN_TERM_MAX_BYTES + 1], value[XN_TOKEN_MAX_BYTES + 1];
    if (alen > XN_TERM_MAX_BYTES || blen > XN_TOKEN_MAX_BYTES) return 0;
    memcpy(key, a, alen);
    key[alen] = '\0';
    memcpy(value, b, blen);
    value[blen] = '\0';
    return xs_db_add_synonym(c->db, key, value, &c->xe) < 0 ? -1 : 0;
}

/* Replaces Xapian's synonym table of DB by the word pairs and joined
 * forms of VARIANTS (may be NULL: none). */
static xapnews_status_t store_xapian_synonyms(xs_db *db, const xn_variants *variants,
                                              xn_error *err)
{
    synonym_ctx c = {db, {XS_OK, ""}};
    if (xs_db_clear_synonyms(db, &c.xe) == 0 &&
        xn_variants_each_word_pair(variants, add_xapian_synonym, &c) == 0 &&
        xn_variants_each_joined_pair(variants, add_xapian_synonym, &c) == 0)
        return XAPNEWS_STATUS_SUCCESS;
    if (c.xe.code == XS_OK) /* the walk itself ran out of memory */
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return xn_error_from_shim(err, &c.xe, "cannot store the synonyms");
}

xapnews_status_t xn_settings_store(xs_db *db, const char *language,
                                   const xn_tables *t, xn_error *err)
{
    xs_error xe;
    if (xs_db_set_metadata(db, XN_LANGUAGE_KEY, language, strlen(language), &xe) < 0)
        return xn_error_from_shim(err, &xe, "cannot store the stemming language");
    for (int i = 0; i < XN_TABLE_COUNT; i++) {
        const char *text = t->text[i] ? t->text[i] : "";
        if (xs_db_set_metadata(db, xn_table_key((xapnews_table_t)i), text,
                               t->text[i] ? t->text_len[i] : 0, &xe) < 0)
            return xn_error_from_shim(err, &xe, "cannot store the tables");
    }
    return store_xapian_synonyms(db, t->synonyms, err);
}

void xn_settings_free(xn_settings *s)
{
    free(s->language);
    for (int t = 0; t < XN_TABLE_COUNT; t++) free(s->text[t]);
    memset(s, 0, sizeof *s);
}
