/* evaluation.c - xapnews_eval_t: judged queries run through a database and
 * scored with the trec_eval metrics of metrics.h. */
#include "sort.h"
#include "evaluation.h"
#include "metrics.h"
#include "hash.h"
#include "strbuf.h"
#include "tokenizer.h"

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
    size_t slots = ev->n ? ev->n : 1;
    ev->runs = calloc(slots, sizeof *ev->runs);
    ev->flags = calloc(slots, sizeof *ev->flags);
    ev->errors = calloc(slots, sizeof *ev->errors);
    ev->metrics = calloc(slots, sizeof *ev->metrics);
    ev->counted = calloc(slots, 1);
    if (!ev->runs || !ev->flags || !ev->errors || !ev->metrics || !ev->counted ||
        xapnews_eval_set_mode(ev, NULL)) {
        xapnews_eval_destroy(ev);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    *out = ev;
    return XAPNEWS_STATUS_SUCCESS;
}

/* MODE in words (malloc'd), or NULL without memory; CORRECTED: corrected
 * search is on. */
static char *describe_mode(const xapnews_eval_mode_t *mode, int corrected)
{
    xn_strbuf b = XN_STRBUF_INIT;
    int rc = mode->match == XAPNEWS_EVAL_AUTO
                 ? xn_strbuf_printf(&b, "AND for queries of up to %u word%s, OR for longer ones",
                                    mode->short_words, mode->short_words == 1 ? "" : "s")
                 : xn_strbuf_puts(&b, mode->match == XAPNEWS_EVAL_ALL ? "AND" : "OR");
    rc |= xn_strbuf_printf(&b, "; typos %s", mode->no_typos ? "off" : "on");
    if (corrected && !mode->no_typos) rc |= xn_strbuf_puts(&b, "; corrected search");
    if (rc < 0) {
        xn_strbuf_free(&b);
        return NULL;
    }
    return xn_strbuf_take(&b);
}

xapnews_status_t xapnews_eval_set_mode(xapnews_eval_t *ev,
                                       const xapnews_eval_mode_t *mode)
{
    if (!ev) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xapnews_eval_mode_t m = {XAPNEWS_EVAL_AUTO, XAPNEWS_EVAL_SHORT_WORDS, 0};
    if (mode) {
        if ((unsigned)mode->match > XAPNEWS_EVAL_ANY)
            return xn_error_set(&ev->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                                "unknown match mode %d (XAPNEWS_EVAL_AUTO, _ALL or _ANY)",
                                (int)mode->match);
        m.match = mode->match;
        if (mode->short_words) m.short_words = mode->short_words;
        m.no_typos = mode->no_typos != 0;
    }
    char *text = describe_mode(&m, ev->corrected);
    if (!text) return xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    free(ev->mode_text);
    ev->mode_text = text;
    ev->mode = m;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_eval_set_corrected(xapnews_eval_t *ev, int corrected)
{
    if (!ev) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    ev->corrected = corrected != 0;
    xapnews_eval_mode_t m = ev->mode;
    return xapnews_eval_set_mode(ev, &m);
}

int xapnews_eval_get_corrected(const xapnews_eval_t *ev)
{
    return ev ? ev->corrected : 0;
}

void xapnews_eval_get_mode(const xapnews_eval_t *ev, xapnews_eval_mode_t *mode)
{
    if (ev && mode) *mode = ev->mode;
}

const char *xapnews_eval_mode_describe(const xapnews_eval_t *ev)
{
    return ev ? ev->mode_text : NULL;
}

static int count_word(void *ctx, const xn_token *token)
{
    if (!(token->flags & XN_TOKEN_COLOCATED)) ++*(unsigned *)ctx;
    return 0;
}

/* The words of TEXT as the index splits it (a joined form beside the
 * parts of "US-China" is no word of its own). */
static unsigned count_words(const char *text)
{
    unsigned n = 0;
    xn_tokenize(text, strlen(text), count_word, &n); /* without memory: a guess */
    return n;
}

/* The XAPNEWS_QUERY_* flags MODE runs TEXT with. */
static unsigned query_flags(const xapnews_eval_mode_t *mode, const char *text)
{
    unsigned typos = mode->no_typos ? 0 : XAPNEWS_QUERY_TYPOS;
    int any = mode->match == XAPNEWS_EVAL_ANY ||
              (mode->match == XAPNEWS_EVAL_AUTO && count_words(text) > mode->short_words);
    return (any ? XAPNEWS_QUERY_DEFAULT_OR : XAPNEWS_QUERY_DEFAULT_AND) | typos;
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

/* Parses TEXT with FLAGS and searches DB for its DEPTH best hits; with
 * CORRECTED, as its correction when search would run that instead
 * (xapnews_database_correct()). */
static xapnews_status_t search_one(xapnews_database_t *db, const char *text,
                                   unsigned flags, int corrected, unsigned depth,
                                   xapnews_results_t **results)
{
    char *fixed = NULL;
    xapnews_status_t st = corrected ? xapnews_database_correct(db, text, flags, &fixed)
                                    : XAPNEWS_STATUS_SUCCESS;
    xapnews_query_t *query = NULL;
    if (!st) st = xapnews_query_parse(db, fixed ? fixed : text, flags, &query);
    if (!st) st = xapnews_query_search(query, 0, depth, results);
    xapnews_query_destroy(query); /* results do not need it */
    xapnews_free(fixed);
    return st;
}

/* Whether a query's failure STATUS stops the run: memory or the database
 * failed, not the query, and every other query would fail the same way. */
static int stops_run(xapnews_status_t status)
{
    return status == XAPNEWS_STATUS_OUT_OF_MEMORY ||
           status == XAPNEWS_STATUS_NETWORK_ERROR ||
           status == XAPNEWS_STATUS_DATABASE_CORRUPT ||
           status == XAPNEWS_STATUS_DATABASE_NOT_FOUND;
}

/* Runs query I and scores it; a failure of the query itself is kept as
 * its error, and it scores as retrieving nothing. */
static xapnews_status_t run_one(xapnews_eval_t *ev, size_t i,
                                xapnews_database_t *db, unsigned depth)
{
    xn_query_line line = xn_queries_get(ev->queries, i);
    clear_run(&ev->runs[i]);
    free(ev->errors[i]);
    ev->errors[i] = NULL;
    ev->flags[i] = query_flags(&ev->mode, line.text);
    xapnews_results_t *results = NULL;
    xapnews_status_t st = search_one(db, line.text, ev->flags[i], ev->corrected, depth,
                                     &results);
    if (st && stops_run(st))
        return xn_error_set(&ev->err, st, "query %s: %s", line.qid,
                            xapnews_database_last_error(db));
    if (st) {
        const char *why = xapnews_database_last_error(db);
        if (!(ev->errors[i] = xn_strdup(*why ? why : xapnews_status_to_string(st))))
            return xn_error_set(&ev->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    } else {
        st = keep_hits(ev, i, results);
        xapnews_results_destroy(results);
        if (st) return xn_error_set(&ev->err, st, "out of memory");
    }
    xn_query_run *r = &ev->runs[i];
    /* (no document twice: keep_hits() kept the first of each) */
    ev->counted[i] = xn_eval_query(ev->qrels, line.qid, r->docs, r->n, ev->metrics[i]) == 1;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_eval_run(xapnews_eval_t *ev, xapnews_database_t *db,
                                  unsigned depth)
{
    if (!ev || !db) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&ev->err);
    if (!depth) depth = DEFAULT_DEPTH;
    ev->has_run = 0;
    for (size_t i = 0; i < ev->n; i++) {
        xapnews_status_t st = run_one(ev, i, db, depth);
        if (st) return st;
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

unsigned xapnews_eval_query_flags(const xapnews_eval_t *ev, size_t i)
{
    return ev && ev->has_run && i < ev->n ? ev->flags[i] : 0;
}

const char *xapnews_eval_query_error(const xapnews_eval_t *ev, size_t i)
{
    return ev && ev->has_run && i < ev->n ? ev->errors[i] : NULL;
}

size_t xapnews_eval_query_hits(const xapnews_eval_t *ev, size_t i)
{
    return ev && ev->has_run && i < ev->n ? ev->runs[i].n : 0;
}

static int failed(const xapnews_eval_t *ev, size_t i)
{
    return ev->errors[i] != NULL;
}

static int no_hits(const xapnews_eval_t *ev, size_t i)
{
    return !ev->errors[i] && ev->runs[i].n == 0;
}

/* Appends "LABEL: N (QID ...)" for the queries WANTED picks, and SUFFIX
 * when there are any; 0, or -1 when memory runs out. */
static int describe_queries(const xapnews_eval_t *ev, xn_strbuf *out,
                            const char *label,
                            int (*wanted)(const xapnews_eval_t *, size_t),
                            const char *suffix)
{
    size_t n = 0;
    for (size_t i = 0; i < ev->n; i++) n += wanted(ev, i) != 0;
    int rc = xn_strbuf_printf(out, "%s: %zu", label, n);
    const char *sep = " (";
    for (size_t i = 0; i < ev->n; i++) {
        if (!wanted(ev, i)) continue;
        rc |= xn_strbuf_printf(out, "%s%s", sep, xn_queries_get(ev->queries, i).qid);
        sep = " ";
    }
    if (n) rc |= xn_strbuf_printf(out, ")%s", suffix);
    return rc | xn_strbuf_putc(out, '\n');
}

int xn_eval_describe(const xapnews_eval_t *ev, xn_strbuf *out)
{
    int rc = xn_strbuf_printf(out, "mode: %s", ev->mode_text);
    if (!ev->has_run) return rc | xn_strbuf_putc(out, '\n');
    size_t any = 0;
    for (size_t i = 0; i < ev->n; i++)
        any += (ev->flags[i] & XAPNEWS_QUERY_DEFAULT_OR) != 0;
    rc |= xn_strbuf_printf(out, " (%zu AND, %zu OR)\n", ev->n - any, any);
    rc |= describe_queries(ev, out, "failed", failed, ", counted as retrieving nothing");
    return rc | describe_queries(ev, out, "no hits", no_hits, "");
}

char *xapnews_eval_describe(const xapnews_eval_t *ev)
{
    if (!ev) return NULL;
    xn_strbuf b = XN_STRBUF_INIT;
    if (xn_eval_describe(ev, &b) < 0) {
        xn_strbuf_free(&b);
        return NULL;
    }
    return xn_strbuf_take(&b);
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
    for (size_t i = 0; ev->errors && i < ev->n; i++) free(ev->errors[i]);
    free(ev->runs);
    free(ev->flags);
    free(ev->errors);
    free(ev->mode_text);
    free(ev->metrics);
    free(ev->counted);
    xn_queries_free(ev->queries);
    xn_qrels_free(ev->qrels);
    free(ev);
}
