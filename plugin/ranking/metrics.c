/* metrics.c - see metrics.h. Metrics follow trec_eval 9.0 with default options. */
#include "sort.h"
#include "config.h"
#include "metrics.h"
#include "grow.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* The ranks the fixed metrics look at. */
enum { CUT_P_5 = 5, CUT_P_10 = 10, CUT_RECALL = 100, CUT_NDCG = 10 };

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static xapnews_status_t nomem(xn_error *err, const char *name)
{
    return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory",
                        name);
}

/* Reads PATH whole; returns 0, or -1 with ERR set. */
static int read_whole(const char *path, xn_strbuf *text, xn_error *err)
{
    if (xn_read_text(path, text, err) == XAPNEWS_STATUS_SUCCESS) return 0;
    xn_strbuf_free(text);
    return -1;
}

/* Walks the lines of a private, NUL-terminated copy of a file. */
typedef struct {
    char *p;   /* start of the next line */
    char *end; /* end of the text */
    unsigned long line;
} line_iter;

/* Stores the next line (NUL-terminated in place, newline removed) in *LINE
 *  and its length in *LEN; returns 0 at the end of the text. */
static int next_line(line_iter *it, char **line, size_t *len)
{
    if (it->p >= it->end) return 0;
    char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    char *stop = nl ? nl : it->end;
    *line = it->p;
    *len = (size_t)(stop - it->p);
    *stop = '\0';
    it->p = nl ? nl + 1 : it->end;
    it->line++;
    return 1;
}

/* ---- qrels ---------------------------------------------------------------- */

typedef struct {
    const char *qid;
    const char *docno;
    int rel;
    unsigned long line;
} judgment;

typedef struct {
    const char *qid;
    const judgment *j; /* sorted by docno, no duplicates */
    size_t n;
    size_t num_rel;     /* judgments with rel >= 1 */
    double ideal_dcg;   /* over the first CUT_NDCG positive gains */
    unsigned long first_line;
} qrels_query;

struct xn_qrels {
    char *buf;          /* the file's text; fields point into it */
    judgment *j;        /* sorted by qid, docno */
    qrels_query *q;     /* sorted by qid */
    size_t nq;
    size_t *file_order; /* file_order[i] indexes q */
};

static int cmp_judgment(const void *a, const void *b)
{
    const judgment *x = a, *y = b;
    int c = strcmp(x->qid, y->qid);
    if (c) return c;
    c = strcmp(x->docno, y->docno);
    if (c) return c;
    return (x->line > y->line) - (x->line < y->line);
}

static int cmp_int_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* Sorts file_order by first line; used through a context-free qsort, so the
 *  keys are copied next to the indexes. */
typedef struct {
    unsigned long line;
    size_t index;
} order_key;

static int cmp_order_key(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static int bad_line(xn_error *err, const char *name, unsigned long line,
                    const char *reason)
{
    xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "%s:%lu: %s", name, line,
                 reason);
    return -1;
}

/* Splits LINE into at most MAX white-space separated fields (NUL-terminating
 *  them in place); returns the number of fields found, MAX + 1 if more. */
static size_t split_fields(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        while (*p && is_space(*p)) p++;
        if (!*p) return n;
        if (n == max) return max + 1;
        fields[n++] = p;
        while (*p && !is_space(*p)) p++;
        if (*p) *p++ = '\0';
    }
}

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno == ERANGE || v < INT_MIN || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

/* The ideal DCG cut at CUT_NDCG: the positive gains in decreasing order,
 *  discounted by log2(rank + 1), summed in rank order (as trec_eval 9.0
 *  does). */
static double ideal_dcg(const judgment *j, size_t n, int *scratch)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (j[i].rel > 0) scratch[m++] = j[i].rel;
    xn_sort(scratch, m, sizeof *scratch, cmp_int_desc);
    double sum = 0.0;
    for (size_t i = 0; i < m && i < CUT_NDCG; i++)
        sum += (double)scratch[i] / log2((double)(i + 2));
    return sum;
}

void xn_qrels_free(xn_qrels *q)
{
    if (!q) return;
    free(q->buf);
    free(q->j);
    free(q->q);
    free(q->file_order);
    free(q);
}

/* Builds the per-query index of Q (whose j holds NJ sorted judgments). */
static int index_queries(xn_qrels *q, size_t nj, const char *name,
                         xn_error *err)
{
    size_t nq = 0;
    for (size_t i = 0; i < nj; i++)
        if (i == 0 || strcmp(q->j[i - 1].qid, q->j[i].qid)) nq++;
    q->q = calloc(nq ? nq : 1, sizeof *q->q);
    q->file_order = calloc(nq ? nq : 1, sizeof *q->file_order);
    order_key *keys = calloc(nq ? nq : 1, sizeof *keys);
    int *scratch = calloc(nj ? nj : 1, sizeof *scratch);
    if (!q->q || !q->file_order || !keys || !scratch) {
        free(keys);
        free(scratch);
        nomem(err, name);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < nj;) {
        size_t start = i;
        qrels_query *qq = &q->q[k];
        qq->qid = q->j[i].qid;
        qq->j = &q->j[i];
        qq->first_line = q->j[i].line;
        for (; i < nj && strcmp(q->j[i].qid, qq->qid) == 0; i++) {
            if (q->j[i].line < qq->first_line) qq->first_line = q->j[i].line;
            if (q->j[i].rel >= 1) qq->num_rel++;
        }
        qq->n = i - start;
        qq->ideal_dcg = ideal_dcg(qq->j, qq->n, scratch);
        keys[k].line = qq->first_line;
        keys[k].index = k;
        k++;
    }
    q->nq = nq;
    xn_sort(keys, nq, sizeof *keys, cmp_order_key);
    for (size_t i = 0; i < nq; i++) q->file_order[i] = keys[i].index;
    free(keys);
    free(scratch);
    return 0;
}

xn_qrels *xn_qrels_parse(const char *name, const char *text, size_t len,
                         xn_error *err)
{
    xn_qrels *q = calloc(1, sizeof *q);
    if (!q || !(q->buf = malloc(len + 1))) goto oom;
    memcpy(q->buf, text, len);
    q->buf[len] = '\0';

    size_t nj = 0, cap = 0;
    line_iter it = {q->buf, q->buf + len, 0};
    char *line;
    size_t llen;
    while (next_line(&it, &line, &llen)) {
        if (strlen(line) != llen) {
            bad_line(err, name, it.line, "NUL byte in line");
            goto fail;
        }
        char *f[4];
        size_t nf = split_fields(line, f, 4);
        if (nf == 0) continue;
        if (nf != 4) {
            bad_line(err, name, it.line,
                     nf > 4 ? "more than 4 fields (expected: qid iter docno rel)"
                            : "fewer than 4 fields (expected: qid iter docno rel)");
            goto fail;
        }
        int rel;
        if (parse_int(f[3], &rel) < 0) {
            xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                         "%s:%lu: relevance '%s' is not an integer", name,
                         it.line, f[3]);
            goto fail;
        }
        judgment *nj_ = xn_grow(q->j, &cap, nj + 1, sizeof *nj_, 64);
        if (!nj_) goto oom;
        q->j = nj_;
        q->j[nj++] = (judgment){f[0], f[2], rel, it.line};
    }

    xn_sort(q->j, nj, sizeof *q->j, cmp_judgment);
    /* A docno judged twice for a qid: report the earliest repeating line. */
    const judgment *dup = NULL, *first = NULL;
    for (size_t i = 1; i < nj; i++) {
        if (strcmp(q->j[i].qid, q->j[i - 1].qid) ||
            strcmp(q->j[i].docno, q->j[i - 1].docno))
            continue;
        if (!dup || q->j[i].line < dup->line) {
            dup = &q->j[i];
            /* the first occurrence is the start of this run of equals */
            size_t s = i - 1;
            while (s > 0 && strcmp(q->j[s - 1].qid, dup->qid) == 0 &&
                   strcmp(q->j[s - 1].docno, dup->docno) == 0)
                s--;
            first = &q->j[s];
        }
    }
    if (dup) {
        xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                     "%s:%lu: document '%s' judged again for query '%s' "
                     "(first on line %lu)",
                     name, dup->line, dup->docno, dup->qid, first->line);
        goto fail;
    }
    if (index_queries(q, nj, name, err) < 0) goto fail;
    return q;
oom:
    nomem(err, name);
fail:
    xn_qrels_free(q);
    return NULL;
}

xn_qrels *xn_qrels_load(const char *path, xn_error *err)
{
    xn_strbuf text = XN_STRBUF_INIT;
    if (read_whole(path, &text, err) < 0) return NULL;
    xn_qrels *q = xn_qrels_parse(path, text.data ? text.data : "", text.len,
                                 err);
    xn_strbuf_free(&text);
    return q;
}

size_t xn_qrels_count(const xn_qrels *q)
{
    return q->nq;
}

const char *xn_qrels_qid(const xn_qrels *q, size_t i)
{
    return i < q->nq ? q->q[q->file_order[i]].qid : NULL;
}

static int cmp_qid_key(const void *key, const void *elem)
{
    return strcmp(key, ((const qrels_query *)elem)->qid);
}

static int cmp_docno_key(const void *key, const void *elem)
{
    return strcmp(key, ((const judgment *)elem)->docno);
}

static const qrels_query *find_query(const xn_qrels *q, const char *qid)
{
    return bsearch(qid, q->q, q->nq, sizeof *q->q, cmp_qid_key);
}

static const judgment *find_judgment(const qrels_query *qq, const char *docno)
{
    return bsearch(docno, qq->j, qq->n, sizeof *qq->j, cmp_docno_key);
}

int xn_qrels_judgment(const xn_qrels *q, const char *qid, const char *docno,
                      int *rel)
{
    const qrels_query *qq = find_query(q, qid);
    const judgment *j = qq ? find_judgment(qq, docno) : NULL;
    if (!j) return 0;
    if (rel) *rel = j->rel;
    return 1;
}

size_t xn_qrels_num_rel(const xn_qrels *q, const char *qid)
{
    const qrels_query *qq = find_query(q, qid);
    return qq ? qq->num_rel : 0;
}

/* ---- query files ---------------------------------------------------------- */

struct xn_queries {
    char *buf;
    xn_query_line *lines;
    unsigned long *lineno; /* source line of each query */
    size_t n;
};

void xn_queries_free(xn_queries *q)
{
    if (!q) return;
    free(q->buf);
    free(q->lines);
    free(q->lineno);
    free(q);
}

typedef struct {
    const char *qid;
    unsigned long line;
} qid_key;

static int cmp_qid_line(const void *a, const void *b)
{
    const qid_key *x = a, *y = b;
    int c = strcmp(x->qid, y->qid);
    if (c) return c;
    return (x->line > y->line) - (x->line < y->line);
}

/* Refuses Q when a qid repeats; returns 0 or -1 with ERR set. */
static int check_unique(const xn_queries *q, const char *name, xn_error *err)
{
    if (q->n < 2) return 0;
    qid_key *k = malloc(q->n * sizeof *k);
    if (!k) {
        nomem(err, name);
        return -1;
    }
    for (size_t i = 0; i < q->n; i++) k[i] = (qid_key){q->lines[i].qid, q->lineno[i]};
    xn_sort(k, q->n, sizeof *k, cmp_qid_line);
    const qid_key *dup = NULL, *first = NULL;
    for (size_t i = 1, s = 0; i < q->n; i++) {
        if (strcmp(k[i].qid, k[i - 1].qid)) {
            s = i;
            continue;
        }
        if (!dup || k[i].line < dup->line) {
            dup = &k[i];
            first = &k[s];
        }
    }
    int rc = 0;
    if (dup) {
        xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                     "%s:%lu: duplicate query id '%s' (first on line %lu)",
                     name, dup->line, dup->qid, first->line);
        rc = -1;
    }
    free(k);
    return rc;
}

xn_queries *xn_queries_parse(const char *name, const char *text, size_t len,
                             xn_error *err)
{
    xn_queries *q = calloc(1, sizeof *q);
    if (!q || !(q->buf = malloc(len + 1))) goto oom;
    memcpy(q->buf, text, len);
    q->buf[len] = '\0';

    size_t cap = 0;
    line_iter it = {q->buf, q->buf + len, 0};
    char *line;
    size_t llen;
    while (next_line(&it, &line, &llen)) {
        if (strlen(line) != llen) {
            bad_line(err, name, it.line, "NUL byte in line");
            goto fail;
        }
        if (llen > 0 && line[llen - 1] == '\r') line[--llen] = '\0';
        size_t i = 0;
        while (i < llen && is_space(line[i])) i++;
        if (i == llen || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            bad_line(err, name, it.line,
                     "no tab between query id and query text");
            goto fail;
        }
        *tab = '\0';
        if (tab == line) {
            bad_line(err, name, it.line, "empty query id");
            goto fail;
        }
        for (const char *p = line; *p; p++)
            if (is_space(*p)) {
                xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                             "%s:%lu: query id '%s' contains white space",
                             name, it.line, line);
                goto fail;
            }
        if (q->n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            xn_query_line *nl = realloc(q->lines, ncap * sizeof *nl);
            if (!nl) goto oom;
            q->lines = nl;
            unsigned long *nn = realloc(q->lineno, ncap * sizeof *nn);
            if (!nn) goto oom;
            q->lineno = nn;
            cap = ncap;
        }
        q->lines[q->n] = (xn_query_line){line, tab + 1};
        q->lineno[q->n] = it.line;
        q->n++;
    }
    if (check_unique(q, name, err) < 0) goto fail;
    return q;
oom:
    nomem(err, name);
fail:
    xn_queries_free(q);
    return NULL;
}

xn_queries *xn_queries_load(const char *path, xn_error *err)
{
    xn_strbuf text = XN_STRBUF_INIT;
    if (read_whole(path, &text, err) < 0) return NULL;
    xn_queries *q = xn_queries_parse(path, text.data ? text.data : "",
                                     text.len, err);
    xn_strbuf_free(&text);
    return q;
}

size_t xn_queries_count(const xn_queries *q)
{
    return q->n;
}

xn_query_line xn_queries_get(const xn_queries *q, size_t i)
{
    if (i >= q->n) return (xn_query_line){NULL, NULL};
    return q->lines[i];
}

/* ---- metrics -------------------------------------------------------------- */

static const char *const metric_names[XN_M_COUNT] = {
    [XN_M_MAP] = "map",
    [XN_M_P_5] = "P_5",
    [XN_M_P_10] = "P_10",
    [XN_M_RECALL_100] = "recall_100",
    [XN_M_NDCG_CUT_10] = "ndcg_cut_10",
    [XN_M_RECIP_RANK] = "recip_rank",
    [XN_M_NUM_RET] = "num_ret",
    [XN_M_NUM_REL] = "num_rel",
    [XN_M_NUM_REL_RET] = "num_rel_ret",
};

const char *xn_metric_name(int metric)
{
    return metric >= 0 && metric < XN_M_COUNT ? metric_names[metric] : NULL;
}

int xn_metric_lookup(const char *name)
{
    if (!name) return -1;
    for (int m = 0; m < XN_M_COUNT; m++)
        if (strcmp(name, metric_names[m]) == 0) return m;
    return -1;
}

int xn_metric_is_count(int metric)
{
    return metric == XN_M_NUM_RET || metric == XN_M_NUM_REL ||
           metric == XN_M_NUM_REL_RET;
}

/* The run order of trec_eval 9.0: score (as float) descending, then docno
 *  in decreasing strcmp order. NaN, which it cannot order, goes last so the
 *  comparison stays a total order. */
static int cmp_run_order(const void *a, const void *b)
{
    const xn_ranked *x = a, *y = b;
    float fx = (float)x->score, fy = (float)y->score;
    int nx = isnan(fx), ny = isnan(fy);
    if (nx != ny) return nx - ny;
    if (!nx) {
        if (fx > fy) return -1;
        if (fx < fy) return 1;
    }
    return strcmp(y->docno, x->docno);
}

static int cmp_ranked_docno(const void *a, const void *b)
{
    return strcmp(((const xn_ranked *)a)->docno, ((const xn_ranked *)b)->docno);
}

int xn_eval_query(const xn_qrels *q, const char *qid, xn_ranked *docs,
                  size_t n, double out[XN_M_COUNT])
{
    const qrels_query *qq = find_query(q, qid);
    if (!qq) return 0;

    int duplicated = 0;
    if (n > 1) {
        xn_sort(docs, n, sizeof *docs, cmp_ranked_docno);
        for (size_t i = 1; i < n && !duplicated; i++)
            duplicated = strcmp(docs[i - 1].docno, docs[i].docno) == 0;
        xn_sort(docs, n, sizeof *docs, cmp_run_order);
    }
    if (duplicated) return -1;

    size_t rel_so_far = 0, rel_at_5 = 0, rel_at_10 = 0, rel_at_100 = 0;
    size_t first_rel = 0; /* rank of the first relevant document, 0 if none */
    double ap_sum = 0.0, dcg = 0.0;
    for (size_t i = 0; i < n; i++) {
        const judgment *j = find_judgment(qq, docs[i].docno);
        int rel = j && j->rel >= 0 ? j->rel : -1; /* -1: not relevant */
        if (i < CUT_NDCG && rel > 0)
            dcg += (double)rel / log2((double)(i + 2));
        if (rel >= 1) {
            rel_so_far++;
            ap_sum += (double)rel_so_far / (double)(i + 1);
            if (!first_rel) first_rel = i + 1;
        }
        if (i + 1 == CUT_P_5) rel_at_5 = rel_so_far;
        if (i + 1 == CUT_P_10) rel_at_10 = rel_so_far;
        if (i + 1 == CUT_RECALL) rel_at_100 = rel_so_far;
    }
    /* cut-offs beyond the ranking: the missing ranks are not relevant */
    if (n < CUT_P_5) rel_at_5 = rel_so_far;
    if (n < CUT_P_10) rel_at_10 = rel_so_far;
    if (n < CUT_RECALL) rel_at_100 = rel_so_far;

    double num_rel = (double)qq->num_rel;
    out[XN_M_MAP] = rel_so_far ? ap_sum / num_rel : 0.0;
    out[XN_M_P_5] = (double)rel_at_5 / (double)CUT_P_5;
    out[XN_M_P_10] = (double)rel_at_10 / (double)CUT_P_10;
    out[XN_M_RECALL_100] = qq->num_rel ? (double)rel_at_100 / num_rel : 0.0;
    out[XN_M_NDCG_CUT_10] = qq->ideal_dcg > 0.0 ? dcg / qq->ideal_dcg : dcg;
    out[XN_M_RECIP_RANK] = first_rel ? 1.0 / (double)first_rel : 0.0;
    out[XN_M_NUM_RET] = (double)n;
    out[XN_M_NUM_REL] = num_rel;
    out[XN_M_NUM_REL_RET] = (double)rel_so_far;
    return 1;
}

void xn_eval_summary(const double (*per_query)[XN_M_COUNT], size_t n,
                     double out[XN_M_COUNT])
{
    for (int m = 0; m < XN_M_COUNT; m++) {
        double sum = 0.0;
        for (size_t i = 0; i < n; i++) sum += per_query[i][m];
        out[m] = xn_metric_is_count(m) || n == 0 ? sum : sum / (double)n;
    }
}
