/* stopwords.h - function words a natural-language query may leave out.
 *
 * "what", "of", "the" and "are" say how a question is phrased, not what it
 * is about. Xapian weighs a query word by how rare it is in the articles,
 * and a question word that articles seldom write ("what", "how") then
 * weighs as much as the subject. A profile with `stopwords = on` leaves
 * these words out of a query's words without operator (query_builder.h);
 * the index keeps every word, so phrases still match them.
 *
 * A list is built in for English only; for any other language there is
 * none and nothing is left out. Words that are also names or subjects in
 * news ("may", "will", "us", "it" written in capitals) are not listed.
 *
 * The lists are constant: nothing to create or free.
 */
#ifndef XAPNEWS_STOPWORDS_H
#define XAPNEWS_STOPWORDS_H

#include <stddef.h>

typedef struct xn_stopwords xn_stopwords;

/** The list for LANGUAGE (a libstemmer name or ISO 639 code, as
 *  xn_stemmer_new() takes), or NULL when there is none. */
const xn_stopwords *xn_stopwords_for(const char *language);

/** Whether the LEN-byte folded WORD (as the tokeniser gives it) is listed
 *  in LIST (NULL: no list, never). */
int xn_stopwords_has(const xn_stopwords *list, const char *word, size_t len);

#endif
