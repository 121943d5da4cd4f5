/* spelling.c - see spelling.h. */
#include "spelling.h"
#include "database.h"
#include "query.h"
#include "schema.h"
#include "typos.h"
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

/* Whether the article with id ID holds NAME in its text (not only in a
 * field such as its outlet's name). */
static xapnews_status_t holds(xapnews_database_t *db, const char *name, const char *id,
                              int *yes)
{
    char folded[XN_TOKEN_MAX_BYTES + 1];
    size_t n = xn_fold(name, strlen(name), folded, sizeof folded);
    *yes = 0;
    if (n == (size_t)-1 || n == 0) return XAPNEWS_STATUS_SUCCESS;
    xn_strbuf idterm = XN_STRBUF_INIT;
    if (xn_strbuf_puts(&idterm, XN_PREFIX_ID) < 0 || xn_strbuf_puts(&idterm, id) < 0) {
        xn_strbuf_free(&idterm);
        return xn_error_set(xn_database_error(db), XAPNEWS_STATUS_OUT_OF_MEMORY,
                            "out of memory");
    }
    xs_error xe;
    unsigned long count = 0;
    xs_query *q = xs_query_term(idterm.data, idterm.len, 1, 0, &xe);
    int rc = q ? xs_count_with_term(xn_database_handle(db), q, folded, n, &count, &xe) : -1;
    xs_query_free(q);
    xn_strbuf_free(&idterm);
    if (rc < 0) return xn_error_from_shim(xn_database_error(db), &xe, NULL);
    *yes = count > 0;
    return XAPNEWS_STATUS_SUCCESS;
}

/* The text of Q with each misspelt word replaced by the first of its names
 * (best first) that the article with id ID holds: the correction that
 * article bears out. *OUT is NULL when it holds none of them. */
static xapnews_status_t borne_out(xapnews_database_t *db, const xapnews_query_t *q,
                                  const char *id, char **out)
{
    const xn_typos *t = xn_query_typos(q);
    xn_typos chosen = {calloc(t->n ? t->n : 1, sizeof *t->t), 0};
    xapnews_status_t st = chosen.t ? XAPNEWS_STATUS_SUCCESS
                                   : xn_error_set(xn_database_error(db),
                                                  XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    size_t done_start = (size_t)-1;
    for (size_t k = 0; k < t->n && !st; k++) {
        const xn_typo *typo = &t->t[k];
        if (typo->ordinary || typo->start == done_start) continue;
        int yes;
        if ((st = holds(db, typo->name, id, &yes)) || !yes) continue;
        chosen.t[chosen.n] = *typo;
        chosen.t[chosen.n++].rank = 0;
        done_start = typo->start;
    }
    *out = NULL;
    if (!st && chosen.n && !(*out = xn_typos_rewrite(xn_query_text(q), &chosen)))
        st = xn_error_set(xn_database_error(db), XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    free(chosen.t);
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
    /* the names the best hit of the search with typo tolerance holds, else
     * the best corrections */
    xapnews_query_t *q = NULL;
    xapnews_results_t *r = NULL;
    char *suggestion = NULL;
    st = xapnews_query_parse(db, text, flags, &q);
    if (!st) st = xapnews_query_search(q, 0, 1, &r);
    if (!st && xapnews_results_count(r) > 0)
        st = borne_out(db, q, xapnews_results_field(r, 0, XAPNEWS_FIELD_ID), &suggestion);
    if (!st && !suggestion && xn_query_corrected_text(q, &suggestion) < 0)
        st = xn_error_set(xn_database_error(db), XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    if (st || !suggestion) return st;
    st = count_matches(db, suggestion, flags, &as_corrected);
    if (!st && as_corrected > as_typed) *corrected = suggestion;
    else xapnews_free(suggestion);
    return st;
}
