/* docdata.h - the document data stored with each article.
 *
 * Omega's format: one "name=value" line per field, so Omega templates can
 * show $field{caption}, $field{sample} and $field{url}. xapnews writes
 *   url= caption= (the title) sample= (the body's start) id= date= outlet=
 *   officials= (names joined by "; ") body= (the whole cleaned body)
 * Line breaks inside values are written as spaces.
 */
#ifndef XAPNEWS_DOCDATA_H
#define XAPNEWS_DOCDATA_H

#include "xapnews.h"
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

/** Finds field NAME in DATA (LEN bytes). Returns a pointer to its value
 *  and its length through *VLEN, or NULL when absent. */
const char *xn_docdata_find(const char *data, size_t len, const char *name,
                            size_t *vlen);

#endif
