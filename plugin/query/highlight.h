/* highlight.h - the words a query matched, and snippets that show them.
 *
 * A query records the folded words it searched for and the stems of the
 * words it searched stemmed; a body word is highlighted when its folded
 * form, or its stem, is among them.
 */
#ifndef XAPNEWS_HIGHLIGHT_H
#define XAPNEWS_HIGHLIGHT_H

#include <stddef.h>

#include "stemmer.h"
#include "strbuf.h"
#include "xapnews.h"

typedef struct {
    char **words;
    size_t n_words, cap_words;
    char **stems;
    size_t n_stems, cap_stems;
} xn_hlset;

/** Adds a copy of a folded word (or stem, with IS_STEM) unless present.
 *  Returns 0, or -1 when memory runs out. */
int xn_hlset_add(xn_hlset *h, const char *s, size_t len, int is_stem);

/** Copies SRC into DST (DST must be empty). Returns 0 or -1. */
int xn_hlset_copy(xn_hlset *dst, const xn_hlset *src);

void xn_hlset_free(xn_hlset *h);

/** Appends to OUT a snippet of TEXT (LEN bytes) of about MAX_BYTES around
 *  the best cluster of highlighted words, each wrapped in OPEN and CLOSE,
 *  with "..." where text was cut and white space runs collapsed. STEMMER
 *  may be NULL. When SPANS is not NULL, *SPANS receives (malloc'd; NULL
 *  for none) the *N_SPANS byte ranges of OUT between each OPEN and its
 *  CLOSE, in order. Returns 0, or -1 when memory runs out. */
int xn_snippet(const xn_hlset *h, xn_stemmer *stemmer, const char *text,
               size_t len, size_t max_bytes, const char *open,
               const char *close, xn_strbuf *out, xapnews_span_t **spans,
               size_t *n_spans);

#endif
