/* spelling.c - see spelling.h. */
#include "spelling.h"
#include "database.h"
#include "query.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "xapian_shim_spelling.h"

#include <stdlib.h>
#include <string.h>

xapnews_status_t xapnews_database_suggest(xapnews_database_t *db,
                                          const char *text, char **suggestion)
{
    if (!db || !text || !suggestion) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *suggestion = NULL;
    xapnews_query_t *q = NULL;
    xapnews_status_t st = xapnews_query_parse(db, text, XAPNEWS_QUERY_TYPOS, &q);
    if (!st && xn_query_corrected_text(q, suggestion) < 0)
        st = xn_error_set(xn_database_error(db), XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xapnews_query_destroy(q);
    return st;
}

/* The number of articles TEXT matches with FLAGS, in *COUNT. */
static xapnews_status_t count_matches(xapnews_database_t *db, const char *text,
                                      unsigned flags, unsigned long *count)
{
    xapnews_query_t *q = NULL;
    xapnews_results_t *r = NULL;
    xapnews_status_t st = xapnews_query_parse(db, text, flags, &q);
    if (!st) st = xapnews_query_search(q, 0, 1, &r);
    *count = st ? 0 : xapnews_results_total_estimate(r);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return st;
}

xapnews_status_t xapnews_database_correct(xapnews_database_t *db, const char *text,
                                          unsigned flags, char **corrected)
{
    if (!db || !text || !corrected) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *corrected = NULL;
    if (!(flags & XAPNEWS_QUERY_TYPOS)) return XAPNEWS_STATUS_SUCCESS;
    unsigned long as_typed, as_corrected;
    xapnews_status_t st = count_matches(db, text, flags & ~(unsigned)XAPNEWS_QUERY_TYPOS,
                                        &as_typed);
    if (st || as_typed >= XAPNEWS_CORRECT_BELOW) return st;
    char *suggestion = NULL;
    if ((st = xapnews_database_suggest(db, text, &suggestion)) || !suggestion) return st;
    st = count_matches(db, suggestion, flags, &as_corrected);
    if (!st && as_corrected > as_typed) *corrected = suggestion;
    else xapnews_free(suggestion);
    return st;
}
