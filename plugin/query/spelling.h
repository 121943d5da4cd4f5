/* spelling.h - "did you mean": a query with its misspelt words corrected.
 *
 * Corrections come from Xapian's spelling data, which the writer builds
 * from the index's own words when it closes (xs_db_sync_spelling()), so
 * a stock Xapian portal (Database::get_spelling_suggestion, Omega's
 * $suggestion) offers the same ones.
 *
 * A word of the query is corrected when it has at least three letters,
 * no article holds it, and the spelling data has a more frequent word
 * within two edits. Operators (AND OR NOT), field names and the values of
 * id:, date: and outlet: are kept as written, and so is everything
 * between the words; a corrected word keeps the case of the first letter
 * (or all capitals) of the word it replaces, so a Capitalised word stays
 * unstemmed.
 */
#ifndef XAPNEWS_SPELLING_H
#define XAPNEWS_SPELLING_H

#include "error.h"

/** Sets *OUT to TEXT with its misspelt words corrected (malloc'd, the
 *  caller frees), or NULL when no word changes. On failure sets ERR and
 *  returns its status. */
xapnews_status_t xn_spelling_correct(xs_db *db, const char *text, char **out,
                                     xn_error *err);

#endif
