/* metrics.h - relevance judgments, query files and ranking metrics computed
 * exactly as trec_eval 9.0 computes them with its default options.
 *
 * Three independent objects:
 *
 *   xn_qrels    TREC qrels ("qid iter docno rel" lines), looked up by qid
 *               and docno;
 *   xn_queries  query files ("qid<TAB>text" lines) to run through the
 *               engine;
 *   the metrics map, P_5, P_10, recall_100, ndcg_cut_10, recip_rank,
 *               num_ret, num_rel and num_rel_ret of one query
 *               (xn_eval_query) and their summary over queries
 *               (xn_eval_summary).
 *
 * Ownership: the parse/load functions return objects the caller frees with
 * the matching _free function (NULL is accepted there). Every string an
 * object hands out (qids, texts) belongs to the object and lives until it
 * is freed. The parse functions copy TEXT; the caller keeps its own buffer.
 * Nothing here keeps global state: distinct objects may be used from
 * distinct threads, and a const object from several threads at once.
 *
 * Errors: parse and load functions return NULL and fill ERR. A malformed
 * line refuses the whole file with XAPNEWS_STATUS_BAD_INPUT and the message
 * "NAME:LINE: reason" (LINE counts from 1, blank and comment lines
 * included); an unreadable file gives XAPNEWS_STATUS_FILE_ERROR with
 * "PATH: cannot read: reason"; running out of memory gives
 * XAPNEWS_STATUS_OUT_OF_MEMORY with "NAME: out of memory".
 *
 * How the scores follow trec_eval 9.0 (default options: relevance level
 * 1, no -c, no -J, no -M):
 *
 *   - A retrieved document's relevance is its value in the qrels when that
 *     value is 0 or more; a document absent from the qrels of the query,
 *     or judged with a negative value ("in the pool but unjudged" for
 *     trec_eval), counts as not relevant and has gain 0. A document is
 *     relevant when its relevance is at least 1.
 *   - num_rel counts the query's judgments with relevance >= 1, retrieved
 *     or not; negative judgments never count.
 *   - map: the sum, over the relevant retrieved documents, of the precision
 *     at their rank, divided by num_rel (0 when none is retrieved).
 *   - P_k: relevant documents among the first k, divided by k even when
 *     fewer than k were retrieved.
 *   - recall_100: relevant documents among the first 100 over num_rel
 *     (0 when num_rel is 0).
 *   - ndcg_cut_10: DCG over the first 10 ranks, the gain of a document
 *     being its relevance value itself (not 2^rel - 1) when positive and 0
 *     otherwise, discounted by log2(rank + 1); divided by the ideal DCG:
 *     the same sum over the query's positive judgments sorted by
 *     decreasing value, cut at 10. 0 when the ideal DCG is 0.
 *   - recip_rank: 1 / rank of the first relevant document, 0 if none.
 *
 * A query with judgments but no relevant document (only 0 or negative
 * values) is still evaluated, as trec_eval does: every rate measure is 0,
 * num_rel and num_rel_ret are 0, num_ret is the number retrieved, and the
 * query counts in the summary means (pulling them down). (trec_eval 9.0
 * itself fails or misbehaves on a query whose judgments are all negative;
 * here such a query is scored like any query without relevant documents.)
 */
#ifndef XAPNEWS_METRICS_H
#define XAPNEWS_METRICS_H

#include <stddef.h>

#include "error.h"

/* ---- qrels ---------------------------------------------------------------- */

typedef struct xn_qrels xn_qrels;

/** Parses TREC qrels from the LEN bytes of TEXT: lines "qid iter docno rel",
 *  fields separated by white space, iter ignored, rel an integer (negative
 *  or graded values allowed). Lines holding only white space are ignored.
 *  NAME names the text in error messages. Refuses the file (NULL, ERR set to
 *  "NAME:LINE: reason", XAPNEWS_STATUS_BAD_INPUT) on a line without exactly
 *  four fields, a rel that is not an integer in int range, a NUL byte, or a
 *  second judgment of the same docno for the same qid (trec_eval 9.0 stops
 *  with "duplicate docs" on such a query; the message names the later
 *  line). Slightly different from trec_eval 9.0, which refuses blank lines
 *  and reads a rel such as "1.5" or "x" with atol(). */
xn_qrels *xn_qrels_parse(const char *name, const char *text, size_t len,
                         xn_error *err);

/** Reads and parses the qrels file at PATH (PATH names it in messages). */
xn_qrels *xn_qrels_load(const char *path, xn_error *err);

void xn_qrels_free(xn_qrels *q);

/** Number of distinct qids. */
size_t xn_qrels_count(const xn_qrels *q);

/** The I-th qid (I < xn_qrels_count(); NULL otherwise), in the file order
 *  of each qid's first line. */
const char *xn_qrels_qid(const xn_qrels *q, size_t i);

/** Returns 1 and stores the judgment in *REL (REL may be NULL) when DOCNO
 *  is judged for QID, 0 otherwise. */
int xn_qrels_judgment(const xn_qrels *q, const char *qid, const char *docno,
                      int *rel);

/** Number of documents judged relevant (rel >= 1) for QID; 0 when QID has
 *  no judgments. */
size_t xn_qrels_num_rel(const xn_qrels *q, const char *qid);

/* ---- query files ---------------------------------------------------------- */

typedef struct {
    const char *qid;
    const char *text;
} xn_query_line;

typedef struct xn_queries xn_queries;

/** Parses a query file from the LEN bytes of TEXT: one "qid<TAB>text" per
 *  line, split at the first tab; TEXT is the rest of the line, kept as is
 *  (it may be empty) except that a final carriage return is dropped. Lines
 *  starting with '#' and lines holding only white space are ignored.
 *  Refuses the file ("NAME:LINE: reason", XAPNEWS_STATUS_BAD_INPUT) on a
 *  line without a tab, an empty qid, a qid holding white space (it could
 *  not appear in a run file), a qid seen on an earlier line (the message
 *  names the later line), or a NUL byte. */
xn_queries *xn_queries_parse(const char *name, const char *text, size_t len,
                             xn_error *err);

/** Reads and parses the query file at PATH. */
xn_queries *xn_queries_load(const char *path, xn_error *err);

/** Number of queries, and the I-th (I < count; {NULL, NULL} otherwise) in
 *  file order. */
size_t xn_queries_count(const xn_queries *q);
xn_query_line xn_queries_get(const xn_queries *q, size_t i);

void xn_queries_free(xn_queries *q);

/* ---- metrics -------------------------------------------------------------- */

enum {
    XN_M_MAP,
    XN_M_P_5,
    XN_M_P_10,
    XN_M_RECALL_100,
    XN_M_NDCG_CUT_10,
    XN_M_RECIP_RANK,
    XN_M_NUM_RET,
    XN_M_NUM_REL,
    XN_M_NUM_REL_RET,
    XN_M_COUNT
};

/** trec_eval's name of METRIC ("map", "P_5", "P_10", "recall_100",
 *  "ndcg_cut_10", "recip_rank", "num_ret", "num_rel", "num_rel_ret");
 *  NULL when METRIC is out of range. */
const char *xn_metric_name(int metric);

/** The metric called NAME, or -1 when unknown. */
int xn_metric_lookup(const char *name);

/** Whether METRIC is summed rather than averaged over queries (num_ret,
 *  num_rel, num_rel_ret); such values are integers. */
int xn_metric_is_count(int metric);

typedef struct {
    const char *docno;
    double score;
} xn_ranked;

/** Evaluates the N documents DOCS retrieved for QID (in any order; N may be
 *  0) against Q, as trec_eval 9.0 does with default options, and fills OUT.
 *
 *  DOCS is re-sorted in place the way trec_eval orders a run: by score
 *  descending, the scores being compared after conversion to float (trec_eval
 *  9.0 keeps scores as float), and equal scores by docno in DEcreasing strcmp
 *  order ("b" ranks before "a"). NaN scores, which trec_eval cannot order,
 *  rank last here. The evaluation uses every document; there is no cut-off.
 *  To get the same numbers from trec_eval on a run file written from DOCS,
 *  write scores with enough digits to survive the trip through float
 *  ("%.9g" does), or trec_eval sees ties that were not ties here.
 *
 *  Returns 1 when QID has judgments in Q: OUT is filled. Returns 0 when QID
 *  has no judgments (trec_eval skips such a query): OUT is untouched.
 *  Returns -1 when QID has judgments and DOCS names the same docno twice:
 *  trec_eval 9.0 refuses such a run ("duplicate docs"), so there is no
 *  value to give; OUT is untouched and DOCS is still sorted as above.
 *  Callers should drop the repeated documents (for instance keep the
 *  first, best-ranked, occurrence) before writing a run file.
 *
 *  With N == 0 every value is 0 except num_rel. trec_eval never evaluates
 *  such a query by default, because a query that retrieved nothing has no
 *  line in the run file; see xn_eval_summary(). */
int xn_eval_query(const xn_qrels *q, const char *qid, xn_ranked *docs,
                  size_t n, double out[XN_M_COUNT]);

/** The summary over the N rows of PER_QUERY as trec_eval 9.0 prints it for
 *  "all": the mean of each rate measure (map, P_*, recall_100, ndcg_cut_10,
 *  recip_rank) and the sum of num_ret, num_rel and num_rel_ret. With N == 0
 *  (trec_eval then stops with "No queries with both results and relevance
 *  info") OUT is all 0.
 *
 *  Which rows to pass decides which trec_eval invocation is matched:
 *    - plain `trec_eval qrels run` averages over the queries that are both
 *      in the qrels and in the run file. Pass the rows of the queries for
 *      which xn_eval_query() returned 1 AND that retrieved at least one
 *      document: a query with zero retrieved documents has no line in a
 *      run file, so trec_eval ignores it. Leave such queries out here.
 *    - `trec_eval -c qrels run` averages over every qid of the qrels, a
 *      query missing from the run contributing 0 to every measure but
 *      num_rel. Pass one row per qid of xn_qrels_count(), computing the
 *      queries that were not run or retrieved nothing with
 *      xn_eval_query(..., 0, ...).
 *  trec_eval adds the rows in strcmp order of qid; pass them in that order
 *  to reproduce its sums to the last bit (other orders can differ by a few
 *  ulps, far below the 4 decimals trec_eval prints). */
void xn_eval_summary(const double (*per_query)[XN_M_COUNT], size_t n,
                     double out[XN_M_COUNT]);

#endif
