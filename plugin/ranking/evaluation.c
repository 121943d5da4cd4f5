/* evaluation.c - xapnews_eval_t: judged queries run through a database and
 * scored with the trec_eval metrics of metrics.h. */
#include "sort.h"
#include "evaluation.h"
#include "metrics.h"
#include "hash.h"
#include "strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DEPTH 1000

static const char *const metric_names[XN_M_COUNT + 1] = {
    "map", "P_5", "P_10", "recall_100", "ndcg_cut_10", "recip_rank",
    "num_ret", "num_rel", "num_rel_ret", NULL};

const char *const *xapnews_eval_metric_names(void)
{
    return metric_names;
}

xapnews_status_t xapnews_eval_open(const char *queries, const char *qrels,
                                   xapnews_eval_t **out, char **error)
{
    xn_error err;
    xn_error_clear(&err);
    if (!queries || !qrels || !out) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    xapnews_eval_t *ev = calloc(1, sizeof *ev);
    if (!ev) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    if (!(ev->queries = xn_queries_load(queries, &err)) ||
        !(ev->qrels = xn_qrels_load(qrels, &err))) {
        xn_error_export(&err, error);
        xapnews_eval_destroy(ev);
        return err.status;
    }
    ev->n = xn_queries_count(ev->queries);
    ev->runs = calloc(ev->n ? ev->n : 1, sizeof *ev->runs);
    ev->metrics = calloc(ev->n ? ev->n : 1, sizeof *ev->metrics);
    ev->counted = calloc(ev->n ? ev->n : 1, 1);
    if (!ev->runs || !ev->metrics || !ev->counted) {
        xapnews_eval_destroy(ev);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    *out = ev;
    return XAPNEWS_STATUS_SUCCESS;
}

static void clear_run(xn_query_run *r)
{
    for (size_t k = 0; k < r->n; k++) free((char *)r->docs[k].docno);
    free(r->docs);
    memset(r, 0, sizeof *r);
}

/* Keeps the hits of RESULTS as query I's run, first occurrence of an id
 * only (trec_eval refuses a run naming a document twice). */
static xapnews_status_t keep_hits(xapnews_eval_t *ev, size_t i,
                                  const xapnews_results_t *results)
{
    xn_query_run *r = &ev->runs[i];
    clear_run(r);
    unsigned n = xapnews_results_count(results);
    r->docs = calloc(n ? n : 1, sizeof *r->docs);
    if (!r->docs) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    /* ids seen so far, in an open-addressing table of twice the hits */
    size_t cap = 16;
    while (cap < 2 * (size_t)n) cap *= 2;
    const char **seen = calloc(cap, sizeof *seen);
    if (!seen) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (unsigned k = 0; k < n && !st; k++) {
        const char *id = xapnews_results_field(results, k, XAPNEWS_FIELD_ID);
        size_t slot = xn_hash(id, strlen(id)) & (cap - 1);
        while (seen[slot] && strcmp(seen[slot], id) != 0) slot = (slot + 1) & (cap - 1);
        if (seen[slot]) continue;
        char *copy = strdup(id);
        if (!copy) {
            st = XAPNEWS_STATUS_OUT_OF_MEMORY;
            break;
        }
        seen[slot] = copy;
        r->docs[r->n].docno = copy;
        r->docs[r->n].score = xapnews_results_score(results, k);
        r->n++;
    }
    free(seen);
    return st;
}

xapnews_status_t xapnews_eval_run(xapnews_eval_t *ev, xapnews_database_t *db,
                                  unsigned depth)
{
    if (!ev || !db) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&ev->err);
    if (!depth) depth = DEFAULT_DEPTH;
    for (size_t i = 0; i < ev->n; i++) {
        xn_query_line line = xn_queries_get(ev->queries, i);
        xapnews_query_t *query = NULL;
        xapnews_results_t *results = NULL;
        xapnews_status_t st = xapnews_query_parse(db, line.text,
                                                  XAPNEWS_QUERY_DEFAULT_OR, &query);
        if (!st) st = xapnews_query_search(query, 0, depth, &results);
        if (st) {
            xn_error_set(&ev->err, st, "query %s: %s", line.qid,
                         xapnews_database_last_error(db));
            xapnews_query_destroy(query);
            return st;
        }
        st = keep_hits(ev, i, results);
        xapnews_results_destroy(results);
        xapnews_query_destroy(query);
        if (st) return xn_error_set(&ev->err, st, "out of memory");
        xn_query_run *r = &ev->runs[i];
        int judged = xn_eval_query(ev->qrels, line.qid, r->docs, r->n, ev->metrics[i]);
        ev->counted[i] = judged == 1 && r->n > 0;
    }
    ev->has_run = 1;
    return XAPNEWS_STATUS_SUCCESS;
}

size_t xapnews_eval_query_count(const xapnews_eval_t *ev)
{
    return ev ? ev->n : 0;
}

const char *xapnews_eval_query_id(const xapnews_eval_t *ev, size_t i)
{
    return ev && i < ev->n ? xn_queries_get(ev->queries, i).qid : NULL;
}

int xapnews_eval_query_counted(const xapnews_eval_t *ev, size_t i)
{
    return ev && ev->has_run && i < ev->n && ev->counted[i];
}

size_t xapnews_eval_counted(const xapnews_eval_t *ev)
{
    size_t n = 0;
    for (size_t i = 0; ev && ev->has_run && i < ev->n; i++) n += ev->counted[i];
    return n;
}

double xapnews_eval_query_metric(const xapnews_eval_t *ev, size_t i,
                                 const char *name)
{
    int m = name ? xn_metric_lookup(name) : -1;
    if (m < 0 || !xapnews_eval_query_counted(ev, i)) return NAN;
    return ev->metrics[i][m];
}

/* Rows of the counted (and selected) queries go to the summary in strcmp
 * order of qid, as trec_eval adds them. */
typedef struct {
    const xapnews_eval_t *ev;
    size_t i;
} row_ref;

static int cmp_rows(const void *a, const void *b)
{
    const row_ref *x = a, *y = b;
    return strcmp(xn_queries_get(x->ev->queries, x->i).qid,
                  xn_queries_get(y->ev->queries, y->i).qid);
}

double xn_eval_summary_metric(const xapnews_eval_t *ev,
                              const unsigned char *selected, int metric)
{
    size_t n = 0;
    row_ref *rows = malloc((ev->n ? ev->n : 1) * sizeof *rows);
    double (*table)[XN_M_COUNT] = malloc((ev->n ? ev->n : 1) * sizeof *table);
    double out[XN_M_COUNT];
    double v = NAN;
    if (!rows || !table) goto done;
    for (size_t i = 0; i < ev->n; i++)
        if (ev->has_run && ev->counted[i] && (!selected || selected[i]))
            rows[n++] = (row_ref){ev, i};
    xn_sort(rows, n, sizeof *rows, cmp_rows);
    for (size_t k = 0; k < n; k++) memcpy(table[k], ev->metrics[rows[k].i], sizeof table[k]);
    xn_eval_summary((const double (*)[XN_M_COUNT])table, n, out);
    v = out[metric];
done:
    free(rows);
    free(table);
    return v;
}

double xapnews_eval_summary(const xapnews_eval_t *ev,
                            const unsigned char *selected, const char *name)
{
    int m = name ? xn_metric_lookup(name) : -1;
    if (!ev || m < 0) return NAN;
    return xn_eval_summary_metric(ev, selected, m);
}

xapnews_status_t xapnews_eval_write_run(const xapnews_eval_t *ev,
                                        const char *path, const char *tag,
                                        char **error)
{
    xn_error err;
    if (!ev || !path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    FILE *out = fopen(path, "w");
    if (!out) {
        xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot write: %s", path,
                     strerror(errno));
        xn_error_export(&err, error);
        return err.status;
    }
    for (size_t i = 0; i < ev->n; i++) {
        const xn_query_run *r = &ev->runs[i];
        const char *qid = xn_queries_get(ev->queries, i).qid;
        /* the runs are kept in trec_eval's order once evaluated */
        for (size_t k = 0; k < r->n; k++)
            fprintf(out, "%s Q0 %s %zu %.9g %s\n", qid, r->docs[k].docno, k + 1,
                    r->docs[k].score, tag ? tag : "xapnews");
    }
    if (fclose(out) != 0) {
        xn_error_set(&err, XAPNEWS_STATUS_FILE_ERROR, "%s: cannot write: %s", path,
                     strerror(errno));
        xn_error_export(&err, error);
        return err.status;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

const char *xapnews_eval_last_error(const xapnews_eval_t *ev)
{
    return ev ? ev->err.message : "no evaluation";
}

void xapnews_eval_destroy(xapnews_eval_t *ev)
{
    if (!ev) return;
    for (size_t i = 0; ev->runs && i < ev->n; i++) clear_run(&ev->runs[i]);
    free(ev->runs);
    free(ev->metrics);
    free(ev->counted);
    xn_queries_free(ev->queries);
    xn_qrels_free(ev->qrels);
    free(ev);
}
