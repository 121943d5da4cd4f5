/* stemmer.h - Snowball stemming through libstemmer, with a cache.
 *
 * One xn_stemmer per writer or database handle (libstemmer objects are not
 * thread-safe). Stems of recently seen words are cached; the cache holds at
 * most a fixed number of entries and is emptied when full.
 */
#ifndef XAPNEWS_STEMMER_H
#define XAPNEWS_STEMMER_H

#include <stddef.h>

typedef struct xn_stemmer xn_stemmer;

/** Creates a stemmer for LANGUAGE (a libstemmer algorithm name or ISO 639
 *  code, e.g. "english" or "en"). Returns NULL when the language is unknown
 *  or memory runs out; *UNKNOWN tells which (1 = unknown language). */
xn_stemmer *xn_stemmer_new(const char *language, int *unknown);

/** The stem of the LEN-byte folded WORD. The returned string is valid until
 *  the next call on STEMMER; *OUT_LEN receives its length. Returns NULL only
 *  when memory runs out. */
const char *xn_stemmer_stem(xn_stemmer *stemmer, const char *word, size_t len,
                            size_t *out_len);

/** Whether Xapian would stem TERM (it starts with a letter): numbers and
 *  other terms are indexed without a Z form, as Xapian's TermGenerator does;
 *  so is a long word's term (xn_term_is_hashed()). */
int xn_stemmer_should_stem(const char *term, size_t len);

/** The language STEMMER was created for, as given to xn_stemmer_new(). */
const char *xn_stemmer_language(const xn_stemmer *stemmer);

/** The names of the available languages, NULL terminated (static). */
const char **xn_stemmer_languages(void);

void xn_stemmer_free(xn_stemmer *stemmer);

#endif
