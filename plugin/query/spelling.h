/* spelling.h - "did you mean" and corrected search.
 *
 * Corrections are those of the query's typo pass (typos.h):
 * xapnews_database_suggest() writes the query with each misspelt word
 * replaced by its best correction, and xapnews_database_correct() decides
 * whether a search should run as corrected: when the query as typed
 * (without typo tolerance) matches fewer than XAPNEWS_CORRECT_BELOW
 * articles and the correction matches more.
 */
#ifndef XAPNEWS_SPELLING_H
#define XAPNEWS_SPELLING_H

#include "error.h"

#endif
