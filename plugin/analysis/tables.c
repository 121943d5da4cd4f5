/* tables.c - see tables.h. */
#include "tables.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *xn_table_key(xapnews_table_t which)
{
    switch (which) {
    case XAPNEWS_TABLE_SYNONYMS: return "xapnews:synonyms";
    case XAPNEWS_TABLE_OFFICIALS: return "xapnews:officials";
    case XAPNEWS_TABLE_OUTLETS: return "xapnews:outlets";
    case XAPNEWS_TABLE_NICKNAMES: return "xapnews:nicknames";
    case XAPNEWS_TABLE_FIELDS: return "xapnews:fields";
    }
    return NULL;
}

const char *xn_table_label(xapnews_table_t which)
{
    switch (which) {
    case XAPNEWS_TABLE_SYNONYMS: return "variant table (synonyms)";
    case XAPNEWS_TABLE_OFFICIALS: return "officials table";
    case XAPNEWS_TABLE_OUTLETS: return "outlets table";
    case XAPNEWS_TABLE_NICKNAMES: return "nicknames table";
    case XAPNEWS_TABLE_FIELDS: return "fields schema";
    }
    return "table";
}

/* Rebuilds SYNONYMS and OFFICIALS from their text with the nicknames
 * applied (nothing to do without both officials and nicknames). */
static xapnews_status_t apply_nicknames(xn_tables *t, xn_error *err)
{
    if (!t->nicknames || !t->officials) return XAPNEWS_STATUS_SUCCESS;
    const char *key = xn_table_key(XAPNEWS_TABLE_SYNONYMS);
    xn_variants *v = t->text[XAPNEWS_TABLE_SYNONYMS]
                         ? xn_variants_parse(key, t->text[XAPNEWS_TABLE_SYNONYMS],
                                             t->text_len[XAPNEWS_TABLE_SYNONYMS], err)
                         : xn_variants_new();
    key = xn_table_key(XAPNEWS_TABLE_OFFICIALS);
    xn_names *o = v ? xn_names_parse(key, t->text[XAPNEWS_TABLE_OFFICIALS],
                                     t->text_len[XAPNEWS_TABLE_OFFICIALS],
                                     XN_NAMES_OFFICIALS, err)
                    : NULL;
    if (!v || !o || xn_nicknames_apply(t->nicknames, o, v) < 0) {
        xn_variants_free(v);
        xn_names_free(o);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    xn_variants_free(t->synonyms);
    t->synonyms = v;
    xn_names_free(t->officials);
    t->officials = o;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_tables_set(xn_tables *t, xapnews_table_t which,
                               const char *name, const char *text, size_t len,
                               xn_error *err)
{
    if ((unsigned)which >= XN_TABLE_COUNT)
        return xn_error_set(err, XAPNEWS_STATUS_INVALID_ARGUMENT, "unknown table");
    char *copy = xn_strndup(text, len);
    if (!copy)
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (which == XAPNEWS_TABLE_SYNONYMS) {
        xn_variants *v = xn_variants_parse(name, text, len, err);
        if (!v) goto fail;
        xn_variants_free(t->synonyms);
        t->synonyms = v;
    } else if (which == XAPNEWS_TABLE_FIELDS) {
        xn_fields *f = xn_fields_parse(name, text, len, err);
        if (!f) goto fail;
        xn_fields_free(t->fields);
        t->fields = f;
    } else if (which == XAPNEWS_TABLE_NICKNAMES) {
        xn_nicknames *n = xn_nicknames_parse(name, text, len, err);
        if (!n) goto fail;
        xn_nicknames_free(t->nicknames);
        t->nicknames = n;
    } else {
        xn_names *n = xn_names_parse(name, text, len,
                                     which == XAPNEWS_TABLE_OFFICIALS
                                         ? XN_NAMES_OFFICIALS
                                         : XN_NAMES_OUTLETS,
                                     err);
        if (!n) goto fail;
        xn_names **slot = which == XAPNEWS_TABLE_OFFICIALS ? &t->officials
                                                            : &t->outlets;
        xn_names_free(*slot);
        *slot = n;
    }
    free(t->text[which]);
    t->text[which] = copy;
    t->text_len[which] = len;
    if (which != XAPNEWS_TABLE_OUTLETS && which != XAPNEWS_TABLE_FIELDS)
        return apply_nicknames(t, err);
    return XAPNEWS_STATUS_SUCCESS;
fail:
    free(copy);
    return err->status;
}

xapnews_status_t xn_tables_clear(xn_tables *t, xapnews_table_t which,
                                 xn_error *err)
{
    if ((unsigned)which >= XN_TABLE_COUNT)
        return xn_error_set(err, XAPNEWS_STATUS_INVALID_ARGUMENT, "unknown table");
    if (!t->text[which]) return XAPNEWS_STATUS_SUCCESS;
    xn_tables rest;
    memset(&rest, 0, sizeof rest);
    for (int i = 0; i < XN_TABLE_COUNT; i++) {
        if (i == (int)which || !t->text[i]) continue;
        xapnews_status_t st = xn_tables_set(&rest, (xapnews_table_t)i,
                                            xn_table_key((xapnews_table_t)i),
                                            t->text[i], t->text_len[i], err);
        if (st) {
            xn_tables_free(&rest);
            return st;
        }
    }
    rest.acronyms = t->acronyms;
    t->acronyms = NULL;
    xn_tables_free(t);
    *t = rest;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_tables_load(xn_tables *t, xapnews_table_t which,
                                const char *path, xn_error *err)
{
    xn_strbuf text = XN_STRBUF_INIT;
    xapnews_status_t st = xn_read_text(path, &text, err);
    if (!st) st = xn_tables_set(t, which, path, text.data ? text.data : "", text.len, err);
    xn_strbuf_free(&text);
    return st;
}

/* Checks that TEXT (LEN bytes) is a valid table WHICH, named NAME. */
static xapnews_status_t check_text(xapnews_table_t which, const char *name,
                                   const char *text, size_t len, xn_error *err)
{
    xn_tables scratch;
    memset(&scratch, 0, sizeof scratch);
    xapnews_status_t st = xn_tables_set(&scratch, which, name, text, len, err);
    xn_tables_free(&scratch);
    return st;
}

xapnews_status_t xn_tables_read_files(xapnews_table_t which,
                                      const char *const *paths, size_t n,
                                      xn_strbuf *text, xn_strbuf *name,
                                      xn_error *err)
{
    int names = which == XAPNEWS_TABLE_OFFICIALS || which == XAPNEWS_TABLE_OUTLETS;
    xn_strbuf_reset(text);
    xn_strbuf_reset(name);
    if (n == 0 || (n > 1 && !names))
        return xn_error_set(err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "only the officials and outlets tables combine files");
    xn_strbuf file = XN_STRBUF_INIT, sum = XN_STRBUF_INIT;
    xapnews_status_t st = xn_read_text(paths[0], text, err);
    if (!st && xn_strbuf_puts(name, paths[0]) < 0) goto nomem;
    if (!st && n > 1) st = check_text(which, paths[0], text->data ? text->data : "",
                                      text->len, err);
    for (size_t i = 1; !st && i < n; i++) {
        xn_strbuf_reset(&file);
        st = xn_read_text(paths[i], &file, err);
        const char *f = file.data ? file.data : "", *t = text->data ? text->data : "";
        if (!st) st = check_text(which, paths[i], f, file.len, err);
        if (!st)
            st = xn_names_combine(which == XAPNEWS_TABLE_OFFICIALS ? XN_NAMES_OFFICIALS
                                                                   : XN_NAMES_OUTLETS,
                                  name->data, t, text->len, paths[i], f, file.len,
                                  &sum, err);
        if (st) break;
        xn_strbuf swap = *text;
        *text = sum;
        sum = swap;
        if (xn_strbuf_printf(name, " + %s", paths[i]) < 0) goto nomem;
    }
    xn_strbuf_free(&file);
    xn_strbuf_free(&sum);
    return st;
nomem:
    xn_strbuf_free(&file);
    xn_strbuf_free(&sum);
    return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
}

xapnews_status_t xn_tables_load_files(xn_tables *t, xapnews_table_t which,
                                      const char *const *paths, size_t n,
                                      xn_error *err)
{
    xn_strbuf text = XN_STRBUF_INIT, name = XN_STRBUF_INIT;
    xapnews_status_t st = xn_tables_read_files(which, paths, n, &text, &name, err);
    if (!st)
        st = xn_tables_set(t, which, name.data, text.data ? text.data : "", text.len, err);
    xn_strbuf_free(&text);
    xn_strbuf_free(&name);
    return st;
}

void xn_tables_free(xn_tables *t)
{
    xn_variants_free(t->synonyms);
    xn_names_free(t->officials);
    xn_names_free(t->outlets);
    xn_nicknames_free(t->nicknames);
    xn_fields_free(t->fields);
    xn_acronyms_free(t->acronyms);
    for (int i = 0; i < XN_TABLE_COUNT; i++) free(t->text[i]);
    memset(t, 0, sizeof *t);
}

xapnews_status_t xapnews_table_check(xapnews_table_t which, const char *path,
                                     char **error)
{
    if (!path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    return xapnews_table_check_files(which, &path, 1, error);
}

xapnews_status_t xapnews_table_check_files(xapnews_table_t which,
                                           const char *const *paths, size_t n,
                                           char **error)
{
    if (!paths || n == 0 || (unsigned)which >= XN_TABLE_COUNT)
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    for (size_t i = 0; i < n; i++)
        if (!paths[i]) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_tables t;
    xn_error err;
    memset(&t, 0, sizeof t);
    xn_error_clear(&err);
    xapnews_status_t st = xn_tables_load_files(&t, which, paths, n, &err);
    xn_tables_free(&t);
    if (st) xn_error_export(&err, error);
    return st;
}
