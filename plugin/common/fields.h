/* fields.h - the fields of an article: the seven built in and those a
 * fields schema declares (xapnews_fields_t; schemas/fields.conf).
 *
 * A schema is a small text file, one field a line:
 *
 *   NAME  KIND  PREFIX  [OPTION...]      # comment
 *
 *   NAME    the record key: lower-case letters, digits and '_', starting
 *           with a letter, at most XN_FIELD_NAME_MAX bytes; it is also the
 *           field's name in queries (NAME:value), facets, sorting and JSON
 *   KIND    text (words, searched), keyword (values, filtered and
 *           counted), date (ISO 8601, as "date") or number
 *   PREFIX  the term prefix, Omega's way: 'X' and upper-case letters
 *           (XCATEGORY), an optional ':' at the end; '-' for none
 *   OPTION  searchable (text: NAME:word searches its words), filterable
 *           (keyword, date, number: NAME:value restricts the matches),
 *           facetable (keyword, date, number: counted by --facets NAME),
 *           sortable (any kind: --sort NAME), multiple (text, keyword: a
 *           record may give a list of values)
 *
 * The built-in fields (id, title, body, date, outlet, officials, url) are
 * always there; a line naming one must describe it as the shipped file
 * does. Every other field gets, in the order declared, the value slot
 * it needs (facetable, sortable, or a filterable date or number) from
 * XN_SLOT_CUSTOM_FIRST (schema.h) on. What each kind and option writes is in
 * schemas/index.schema and the README.
 *
 * A bad line refuses the whole file with "FILE:LINE: reason".
 */
#ifndef XAPNEWS_FIELDS_H
#define XAPNEWS_FIELDS_H

#include <stddef.h>

#include "error.h"
#include "xapnews.h"

#define XN_FIELD_NAME_MAX 32
#define XN_FIELD_PREFIX_MAX 24
/** The most fields a schema may declare besides the built-in ones. */
#define XN_FIELDS_MAX 64
/** The built-in fields: id, title, body, date, outlet, officials, url. */
#define XN_FIELDS_BUILTIN 7

typedef struct {
    char name[XN_FIELD_NAME_MAX + 1];
    xapnews_field_kind_t kind;
    char prefix[XN_FIELD_PREFIX_MAX + 1]; /* "" for none */
    unsigned flags;  /* xapnews_field_flags_t */
    unsigned slot;   /* XAPNEWS_NO_SLOT when it has none */
} xn_field;

/** A schema: the built-in fields first (XN_FIELDS_BUILTIN of them, in the
 *  order above), then the declared ones. */
struct xapnews_fields {
    xn_field *f;
    size_t n;
};
typedef struct xapnews_fields xn_fields;

/** Parses TEXT (LEN bytes; messages name it NAME) as a schema. Returns it
 *  (free with xn_fields_free()), or NULL with ERR set:
 *  XAPNEWS_STATUS_BAD_INPUT and "NAME:LINE: reason" for a bad line,
 *  XAPNEWS_STATUS_OUT_OF_MEMORY. */
xn_fields *xn_fields_parse(const char *name, const char *text, size_t len,
                           xn_error *err);

/** The built-in fields alone (static): the schema of a database that
 *  stores none. */
const xn_fields *xn_fields_builtin(void);

/** F, or the built-in fields when F is NULL. */
const xn_fields *xn_fields_or_builtin(const xn_fields *f);

/** The field named NAME (LEN bytes) in F (NULL: the built-in fields), or
 *  NULL. */
const xn_field *xn_fields_find(const xn_fields *f, const char *name, size_t len);

/** A copy of F (NULL when memory runs out; F NULL gives the built-in
 *  fields). */
xn_fields *xn_fields_copy(const xn_fields *f);

/** Whether FIELD is one of the built-in fields. */
int xn_field_is_builtin(const xn_field *field);

/** The kind's name: "text", "keyword", "date", "number" (static). */
const char *xn_field_kind_name(xapnews_field_kind_t kind);

/** FIELD as a schema line would declare it ("category keyword XCATEGORY
 *  filterable facetable"), appended to OUT. Returns 0, or -1 when memory
 *  runs out. */
int xn_field_describe(const xn_field *field, xn_strbuf *out);

/** Reads TEXT as a number (decimal, an optional sign, fraction and
 *  exponent; finite) into *OUT. Returns 0, or -1 when it is not one. */
int xn_field_parse_number(const char *text, double *out);

/** The shortest decimal text of D that reads back as D ("12", "1.5"), in
 *  OUT, which is returned. */
const char *xn_field_number_text(double d, char out[32]);

void xn_fields_free(xn_fields *f);

#endif
