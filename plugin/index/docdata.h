/* docdata.h - the document data stored with each article.
 *
 * Omega's format: one "name=value" line per field, so Omega templates can
 * show $field{caption}, $field{sample} and $field{url}. xapnews writes
 *   url= caption= (the title) sample= (the body's start) id= date= outlet=
 *   officials= (names joined by "; ") body= (the whole cleaned body)
 * then one NAME=value line per value of each declared field (fields.h),
 * in the order the schema declares them: a multiple field's values are
 * repeated lines, which Omega's $field{NAME} reads as a list.
 * Line breaks inside values are written as spaces.
 */
#ifndef XAPNEWS_DOCDATA_H
#define XAPNEWS_DOCDATA_H

#include "xapnews.h"
#include "fields.h"
#include "strbuf.h"

#define XN_SAMPLE_BYTES 300

/** Appends the data of article A to OUT, with its date normalised to ISO
 *  (ISO_DATE), its outlet and officials as the index names them. Returns
 *  0, or -1 when memory runs out. */
int xn_docdata_encode(const xapnews_article_t *a, const char *iso_date,
                      const char *outlet, const char *const *officials,
                      size_t n_officials, xn_strbuf *out);

/** Appends the fields a result list shows (url, caption, id, date, outlet),
 *  as xn_docdata_encode writes them, to OUT: the summary kept in a value
 *  slot. Returns 0, or -1 when memory runs out. */
int xn_docdata_encode_summary(const xapnews_article_t *a, const char *iso_date,
                              const char *outlet, xn_strbuf *out);

/** Appends the NAME=value lines of A's values of the declared fields of F
 *  (a date as ISO 8601, a number as its shortest decimal text; the writer
 *  checked them) to OUT, for the data and the summary alike. Returns 0,
 *  or -1 when memory runs out. */
int xn_docdata_encode_values(const xapnews_article_t *a, const xn_fields *f,
                             xn_strbuf *out);

/** Finds field NAME in DATA (LEN bytes). Returns a pointer to its value
 *  and its length through *VLEN, or NULL when absent. */
const char *xn_docdata_find(const char *data, size_t len, const char *name,
                            size_t *vlen);

/** Like xn_docdata_find(), for the K-th line of field NAME (0 is the
 *  first). */
const char *xn_docdata_find_nth(const char *data, size_t len, const char *name,
                                size_t k, size_t *vlen);

#endif
