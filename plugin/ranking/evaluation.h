/* evaluation.h - the inside of xapnews_eval_t, shared with tune.c. */
#ifndef XAPNEWS_EVALUATION_H
#define XAPNEWS_EVALUATION_H

#include "error.h"
#include "metrics.h"
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
    xn_query_run *runs;            /* per query: the last run's hits */
    double (*metrics)[XN_M_COUNT]; /* per query */
    unsigned char *counted;        /* per query: judged and retrieved */
    int has_run;
};

/** METRIC over the counted queries with a non-zero SELECTED entry (all
 *  when SELECTED is NULL), as trec_eval sums or averages it; NaN when
 *  memory runs out. */
double xn_eval_summary_metric(const xapnews_eval_t *ev,
                              const unsigned char *selected, int metric);

#endif
