/* evaluation.h - the inside of xapnews_eval_t, shared with tune.c.
 *
 * Ownership: the handle owns its queries, judgments, the hits and
 * messages of the last run and its mode's description; xapnews_eval_destroy()
 * frees them all.
 *
 * Errors: a query that fails to parse or to search is recorded for that
 * query (ERRORS) and scores as retrieving nothing; only running out of
 * memory or a database that cannot answer stops a run, with ERR set. */
#ifndef XAPNEWS_EVALUATION_H
#define XAPNEWS_EVALUATION_H

#include "error.h"
#include "metrics.h"
#include "strbuf.h"
#include "xapnews.h"

typedef struct {
    xn_ranked *docs; /* docnos owned; in trec_eval's order once evaluated */
    size_t n;
} xn_query_run;

struct xapnews_eval {
    xn_error err;
    xn_queries *queries;
    xn_qrels *qrels;
    size_t n;                      /* queries */
    xapnews_eval_mode_t mode;      /* with the defaults filled in */
    char *mode_text;               /* MODE in words */
    int corrected;                 /* corrected search (xapnews_database_correct()) */
    xn_query_run *runs;            /* per query: the last run's hits */
    unsigned *flags;               /* per query: XAPNEWS_QUERY_* of the last run */
    char **errors;                 /* per query: why the last run failed, or NULL */
    double (*metrics)[XN_M_COUNT]; /* per query */
    unsigned char *counted;        /* per query: judged */
    int has_run;
};

/** METRIC over the counted queries with a non-zero SELECTED entry (all
 *  when SELECTED is NULL), as trec_eval sums or averages it; NaN when
 *  memory runs out. */
double xn_eval_summary_metric(const xapnews_eval_t *ev,
                              const unsigned char *selected, int metric);

/** Appends the lines of xapnews_eval_describe() to OUT; -1 when memory
 *  runs out. */
int xn_eval_describe(const xapnews_eval_t *ev, xn_strbuf *out);

#endif
