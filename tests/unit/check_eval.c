/* check_eval.c - unit tests of the evaluation module (plugin/ranking/metrics.h):
 * qrels and query files (and refusing malformed ones), the per-query
 * metrics against values computed by hand the way trec_eval 9.0 computes
 * them, and the summary over queries; and xapnews_eval_t end to end on a
 * tiny judged database: modes, failed and zero-hit queries.
 *
 * Notation in the comments: "rank: docno(rel)" lists the ranking trec_eval
 * builds; L(k) stands for log2(k), the DCG discount of rank k - 1. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "metrics.h"
#include "strbuf.h"
#include "xapnews.h"
#include "run_suite.h"
#include "temp_dir.h"

#define TOL 1e-9
#define L(k) log2((double)(k))
#define N(a) (sizeof (a) / sizeof (a)[0])

static const char QRELS[] =
    /* q1: binary, 3 relevant (d1 d3 d4), 2 judged non-relevant */
    "q1 0 d1 1\n"
    "q1 0 d2 0\n"
    "q1 0 d3 1\n"
    "q1 0 d4 1\n"
    "q1 0 d9 0\n"
    "\n"
    /* q2: one relevant document, for the tie tests */
    "q2 0 c 1\n"
    "q2 0 d9 1\n"
    /* q3: graded, 4 relevant (gains 3 2 1 1), one 0, one negative */
    "q3 0 g3 3\n"
    "q3 0 g2 2\n"
    "q3 0 g1 1\n"
    "q3 0 g1b 1\n"
    "q3 0 n0 0\n"
    "q3 0 neg -1\n"
    /* q4: judged, but nothing relevant */
    "q4 0 z1 0\n"
    "q4 0 z2 0\n"
    "q4 0 z3 -1\n"
    /* q5: only a negative judgment */
    "q5 0 w -1\n";

static xn_qrels *qrels(void)
{
    xn_error err;
    xn_error_clear(&err);
    xn_qrels *q = xn_qrels_parse("test.qrels", QRELS, strlen(QRELS), &err);
    ck_assert_msg(q != NULL, "parsing qrels: %s", err.message);
    return q;
}

static void assert_out(const double *out, double map, double p5, double p10,
                       double r100, double ndcg10, double rr, double ret,
                       double rel, double relret)
{
    ck_assert_double_eq_tol(out[XN_M_MAP], map, TOL);
    ck_assert_double_eq_tol(out[XN_M_P_5], p5, TOL);
    ck_assert_double_eq_tol(out[XN_M_P_10], p10, TOL);
    ck_assert_double_eq_tol(out[XN_M_RECALL_100], r100, TOL);
    ck_assert_double_eq_tol(out[XN_M_NDCG_CUT_10], ndcg10, TOL);
    ck_assert_double_eq_tol(out[XN_M_RECIP_RANK], rr, TOL);
    ck_assert_double_eq_tol(out[XN_M_NUM_RET], ret, TOL);
    ck_assert_double_eq_tol(out[XN_M_NUM_REL], rel, TOL);
    ck_assert_double_eq_tol(out[XN_M_NUM_REL_RET], relret, TOL);
}

/* ---- qrels and query files ------------------------------------------------ */

START_TEST(qrels_lookup_and_order)
{
    xn_qrels *q = qrels();
    ck_assert_uint_eq(xn_qrels_count(q), 5);
    const char *want[] = {"q1", "q2", "q3", "q4", "q5"};
    for (size_t i = 0; i < N(want); i++) ck_assert_str_eq(xn_qrels_qid(q, i), want[i]);
    ck_assert_ptr_null(xn_qrels_qid(q, 5));
    int rel = 99;
    ck_assert_int_eq(xn_qrels_judgment(q, "q3", "g3", &rel), 1);
    ck_assert_int_eq(rel, 3);
    ck_assert_int_eq(xn_qrels_judgment(q, "q3", "neg", &rel), 1);
    ck_assert_int_eq(rel, -1);
    ck_assert_int_eq(xn_qrels_judgment(q, "q3", "n0", &rel), 1);
    ck_assert_int_eq(rel, 0);
    rel = 99;
    ck_assert_int_eq(xn_qrels_judgment(q, "q3", "d1", &rel), 0);
    ck_assert_int_eq(xn_qrels_judgment(q, "nope", "d1", &rel), 0);
    ck_assert_int_eq(rel, 99);
    ck_assert_int_eq(xn_qrels_judgment(q, "q1", "d1", NULL), 1);
    ck_assert_uint_eq(xn_qrels_num_rel(q, "q1"), 3);
    ck_assert_uint_eq(xn_qrels_num_rel(q, "q3"), 4);
    ck_assert_uint_eq(xn_qrels_num_rel(q, "q4"), 0);
    ck_assert_uint_eq(xn_qrels_num_rel(q, "nope"), 0);
    xn_qrels_free(q);
}
END_TEST

START_TEST(qrels_file_order_not_sorted)
{
    /* qids keep the order of their first line, not strcmp order; lines of
     * one qid need not be adjacent; CRLF, tabs and a missing final newline
     * are fine */
    static const char text[] = "q10 0 a 1\r\nq2\tQ0\tb\t0\r\nq10 0 c 2\nq1 0 d 1";
    xn_error err;
    xn_error_clear(&err);
    xn_qrels *q = xn_qrels_parse("x", text, strlen(text), &err);
    ck_assert_msg(q != NULL, "%s", err.message);
    ck_assert_uint_eq(xn_qrels_count(q), 3);
    ck_assert_str_eq(xn_qrels_qid(q, 0), "q10");
    ck_assert_str_eq(xn_qrels_qid(q, 1), "q2");
    ck_assert_str_eq(xn_qrels_qid(q, 2), "q1");
    int rel;
    ck_assert_int_eq(xn_qrels_judgment(q, "q10", "c", &rel), 1);
    ck_assert_int_eq(rel, 2);
    ck_assert_int_eq(xn_qrels_judgment(q, "q2", "b", &rel), 1);
    ck_assert_int_eq(rel, 0);
    ck_assert_int_eq(xn_qrels_judgment(q, "q1", "d", &rel), 1);
    xn_qrels_free(q);

    q = xn_qrels_parse("empty", "", 0, &err);
    ck_assert_ptr_nonnull(q);
    ck_assert_uint_eq(xn_qrels_count(q), 0);
    xn_qrels_free(q);
    xn_qrels_free(NULL);
}
END_TEST

static void qrels_refused(const char *text, const char *message)
{
    xn_error err;
    xn_error_clear(&err);
    xn_qrels *q = xn_qrels_parse("bad.qrels", text, strlen(text), &err);
    ck_assert_ptr_null(q);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(err.message, message);
}

START_TEST(qrels_malformed)
{
    qrels_refused("q1 0 d1 1\nq1 0 d2\n",
                  "bad.qrels:2: fewer than 4 fields (expected: qid iter docno rel)");
    /* blank lines are ignored but counted */
    qrels_refused("\n   \nq1 0 d1 1 extra\n",
                  "bad.qrels:3: more than 4 fields (expected: qid iter docno rel)");
    qrels_refused("q1 0 d1 x\n", "bad.qrels:1: relevance 'x' is not an integer");
    qrels_refused("q1 0 d1 1\nq1 0 d2 1.5\n",
                  "bad.qrels:2: relevance '1.5' is not an integer");
    qrels_refused("q1 0 d1 99999999999999999999\n",
                  "bad.qrels:1: relevance '99999999999999999999' is not an integer");
    /* the same docno judged twice for one qid: the later line is named */
    qrels_refused("q1 0 d1 1\nq2 0 d1 1\n\nq1 0 d1 0\nq1 0 d1 2\n",
                  "bad.qrels:4: document 'd1' judged again for query 'q1' (first on line 1)");
    static const char nul[] = "q1 0 d1 1\nq1 0 d\0 1\n";
    xn_error err;
    xn_error_clear(&err);
    ck_assert_ptr_null(xn_qrels_parse("bad.qrels", nul, sizeof nul - 1, &err));
    ck_assert_str_eq(err.message, "bad.qrels:2: NUL byte in line");
}
END_TEST

START_TEST(queries_parse)
{
    static const char text[] =
        "# topics\n"
        "301\tinternational organized crime\r\n"
        "\n"
        "  \t \n"
        "302\tpoliomyelitis\tand post-polio\n"
        "# another comment\n"
        "303\t\n"
        "10\tlast line without newline";
    xn_error err;
    xn_error_clear(&err);
    xn_queries *q = xn_queries_parse("topics.tsv", text, strlen(text), &err);
    ck_assert_msg(q != NULL, "%s", err.message);
    ck_assert_uint_eq(xn_queries_count(q), 4);
    xn_query_line l = xn_queries_get(q, 0);
    ck_assert_str_eq(l.qid, "301");
    ck_assert_str_eq(l.text, "international organized crime");
    l = xn_queries_get(q, 1);
    ck_assert_str_eq(l.qid, "302");
    ck_assert_str_eq(l.text, "poliomyelitis\tand post-polio"); /* first tab splits */
    l = xn_queries_get(q, 2);
    ck_assert_str_eq(l.qid, "303");
    ck_assert_str_eq(l.text, "");
    l = xn_queries_get(q, 3);
    ck_assert_str_eq(l.qid, "10");
    ck_assert_str_eq(l.text, "last line without newline");
    ck_assert_ptr_null(xn_queries_get(q, 4).qid);
    xn_queries_free(q);
    xn_queries_free(NULL);
}
END_TEST

static void queries_refused(const char *text, const char *message)
{
    xn_error err;
    xn_error_clear(&err);
    xn_queries *q = xn_queries_parse("topics.tsv", text, strlen(text), &err);
    ck_assert_ptr_null(q);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(err.message, message);
}

START_TEST(queries_malformed)
{
    queries_refused("# c\n301\tok\n302 no tab here\n",
                    "topics.tsv:3: no tab between query id and query text");
    queries_refused("\n\tno id\n", "topics.tsv:2: empty query id");
    queries_refused("301\ta\n# c\n\n301\tb\n302\tc\n302\td\n",
                    "topics.tsv:4: duplicate query id '301' (first on line 1)");
    queries_refused("3 01\ta\n", "topics.tsv:1: query id '3 01' contains white space");
}
END_TEST

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/check_eval_XXXXXX");
    ck_assert_ptr_nonnull(path);
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    size_t n = strlen(text);
    ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

START_TEST(load_files)
{
    xn_error err;
    xn_error_clear(&err);
    char *qp = write_temp("q1 0 d1 1\nq1 0 d2\n");
    ck_assert_ptr_null(xn_qrels_load(qp, &err));
    char want[512];
    snprintf(want, sizeof want, "%s:2: fewer than 4 fields (expected: qid iter docno rel)", qp);
    ck_assert_str_eq(err.message, want);
    unlink(qp);
    free(qp);

    qp = write_temp("q1 0 d1 1\n");
    xn_qrels *q = xn_qrels_load(qp, &err);
    ck_assert_msg(q != NULL, "%s", err.message);
    ck_assert_uint_eq(xn_qrels_count(q), 1);
    xn_qrels_free(q);
    unlink(qp);
    free(qp);

    char *tp = write_temp("q1\tsome words\n");
    xn_queries *t = xn_queries_load(tp, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ck_assert_str_eq(xn_queries_get(t, 0).text, "some words");
    xn_queries_free(t);
    unlink(tp);
    free(tp);

    ck_assert_ptr_null(xn_qrels_load("/nonexistent/eval.qrels", &err));
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_FILE_ERROR);
    ck_assert_str_eq(err.message, "/nonexistent/eval.qrels: cannot read: No such file or directory");
    ck_assert_ptr_null(xn_queries_load("/nonexistent/q.tsv", &err));
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_FILE_ERROR);
}
END_TEST

START_TEST(metric_names)
{
    static const char *names[XN_M_COUNT] = {
        "map", "P_5", "P_10", "recall_100", "ndcg_cut_10", "recip_rank",
        "num_ret", "num_rel", "num_rel_ret"};
    for (int m = 0; m < XN_M_COUNT; m++) {
        ck_assert_str_eq(xn_metric_name(m), names[m]);
        ck_assert_int_eq(xn_metric_lookup(names[m]), m);
    }
    ck_assert_ptr_null(xn_metric_name(-1));
    ck_assert_ptr_null(xn_metric_name(XN_M_COUNT));
    ck_assert_int_eq(xn_metric_lookup("P5"), -1);
    ck_assert_int_eq(xn_metric_lookup("MAP"), -1);
    ck_assert_int_eq(xn_metric_is_count(XN_M_NUM_RET), 1);
    ck_assert_int_eq(xn_metric_is_count(XN_M_MAP), 0);
}
END_TEST

/* ---- per-query metrics ---------------------------------------------------- */

START_TEST(binary_short_ranking)
{
    xn_qrels *q = qrels();
    /* given out of order; "x1" is not in the qrels (unjudged) */
    xn_ranked docs[] = {{"d3", 1.0}, {"x1", 2.0}, {"d2", 3.0}, {"d1", 2.5}};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "q1", docs, N(docs), out), 1);
    /* 1: d2(0)  2: d1(1)  3: x1(unjudged)  4: d3(1);  num_rel = 3 (d4 not
     * retrieved)
     *   map         = (1/2 + 2/4) / 3                      = 0.333333
     *   P_5         = 2/5 (only 4 retrieved: divides by 5)  = 0.4
     *   P_10        = 2/10                                 = 0.2
     *   recall_100  = 2/3
     *   ndcg_cut_10 = (1/L(3) + 1/L(5)) / (1/L(2) + 1/L(3) + 1/L(4))
     *               = (0.630930 + 0.430677) / 2.130930      = 0.498189
     *   recip_rank  = 1/2 */
    assert_out(out, (1.0 / 2 + 2.0 / 4) / 3, 2.0 / 5, 2.0 / 10, 2.0 / 3,
               (1 / L(3) + 1 / L(5)) / (1 / L(2) + 1 / L(3) + 1 / L(4)), 0.5,
               4, 3, 2);
    ck_assert_double_eq_tol(out[XN_M_NDCG_CUT_10], 0.4981892, 1e-7);
    const char *order[] = {"d2", "d1", "x1", "d3"};
    for (size_t i = 0; i < N(order); i++) ck_assert_str_eq(docs[i].docno, order[i]);
    xn_qrels_free(q);
}
END_TEST

START_TEST(ties_broken_by_decreasing_docno)
{
    xn_qrels *q = qrels();
    /* equal scores rank by docno in DEcreasing strcmp order: c before b
     * before a, and "d9" before "d10" ("d9" > "d10" byte-wise) */
    xn_ranked docs[] = {{"a", 1.0}, {"b", 1.0}, {"c", 1.0}, {"top", 2.0},
                        {"d10", 0.5}, {"d9", 0.5}};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "q2", docs, N(docs), out), 1);
    const char *order[] = {"top", "c", "b", "a", "d9", "d10"};
    for (size_t i = 0; i < N(order); i++) ck_assert_str_eq(docs[i].docno, order[i]);
    /* 1: top  2: c(1)  3: b  4: a  5: d9(1)  6: d10;  num_rel = 2
     *   map         = (1/2 + 2/5) / 2                       = 0.45
     *   P_5 = 2/5, P_10 = 2/10, recall_100 = 2/2, recip_rank = 1/2
     *   ndcg_cut_10 = (1/L(3) + 1/L(6)) / (1/L(2) + 1/L(3))
     *               = (0.630930 + 0.386853) / 1.630930      = 0.624051
     * (ascending ties would give top a b c d10 d9: c at 4, d9 at 6) */
    assert_out(out, (1.0 / 2 + 2.0 / 5) / 2, 2.0 / 5, 2.0 / 10, 1.0,
               (1 / L(3) + 1 / L(6)) / (1 / L(2) + 1 / L(3)), 0.5, 6, 2, 2);
    xn_qrels_free(q);
}
END_TEST

START_TEST(scores_compared_as_float)
{
    xn_qrels *q = qrels();
    /* 1.0 + 1e-12 and 1.0 are the same float: trec_eval 9.0 sees a tie and
     * puts c (greater docno) first, although a's double is larger */
    xn_ranked docs[] = {{"a", 1.0 + 1e-12}, {"c", 1.0}};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "q2", docs, N(docs), out), 1);
    ck_assert_str_eq(docs[0].docno, "c");
    ck_assert_str_eq(docs[1].docno, "a");
    ck_assert_double_eq_tol(out[XN_M_RECIP_RANK], 1.0, TOL);
    /* a difference float does keep still counts */
    xn_ranked docs2[] = {{"a", 1.0 + 1e-6}, {"c", 1.0}};
    ck_assert_int_eq(xn_eval_query(q, "q2", docs2, N(docs2), out), 1);
    ck_assert_str_eq(docs2[0].docno, "a");
    ck_assert_double_eq_tol(out[XN_M_RECIP_RANK], 0.5, TOL);
    xn_qrels_free(q);
}
END_TEST

START_TEST(graded_with_negative_judgment)
{
    xn_qrels *q = qrels();
    xn_ranked docs[] = {{"g2", 0.5}, {"unj", 1.0}, {"g3", 2.0},
                        {"n0", 3.0}, {"g1", 4.0}, {"neg", 5.0}};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "q3", docs, N(docs), out), 1);
    /* 1: neg(-1: gain 0, not relevant)  2: g1(1)  3: n0(0)  4: g3(3)
     * 5: unj(unjudged)  6: g2(2);  num_rel = 4 (g3 g2 g1 g1b; n0 and neg
     * do not count)
     *   map         = (1/2 + 2/4 + 3/6) / 4                  = 0.375
     *   P_5         = 2/5,  P_10 = 3/10,  recall_100 = 3/4,  recip_rank = 1/2
     *   DCG@10      = 1/L(3) + 3/L(5) + 2/L(7)
     *               = 0.630930 + 1.292030 + 0.712414         = 2.635374
     *   IDCG@10     = 3/L(2) + 2/L(3) + 1/L(4) + 1/L(5)  (gains 3 2 1 1)
     *               = 3 + 1.261860 + 0.5 + 0.430677          = 5.192537
     *   ndcg_cut_10 = 2.635374 / 5.192537                    = 0.507531
     * gains are the rel values themselves, not 2^rel - 1 */
    double dcg = 1 / L(3) + 3 / L(5) + 2 / L(7);
    double idcg = 3 / L(2) + 2 / L(3) + 1 / L(4) + 1 / L(5);
    assert_out(out, (1.0 / 2 + 2.0 / 4 + 3.0 / 6) / 4, 2.0 / 5, 3.0 / 10,
               3.0 / 4, dcg / idcg, 0.5, 6, 4, 3);
    ck_assert_double_eq_tol(out[XN_M_NDCG_CUT_10], 0.5075312, 1e-7);
    xn_qrels_free(q);
}
END_TEST

START_TEST(ndcg_cut_at_ten_on_both_sides)
{
    /* 12 documents of gain 1 plus one of gain 2 at rank 11: neither the DCG
     * nor the ideal DCG looks past rank 10 */
    xn_strbuf b = XN_STRBUF_INIT;
    for (int i = 0; i < 12; i++) xn_strbuf_printf(&b, "t 0 r%02d 1\n", i);
    xn_strbuf_puts(&b, "t 0 big 2\n");
    xn_error err;
    xn_qrels *q = xn_qrels_parse("x", b.data, b.len, &err);
    ck_assert_msg(q != NULL, "%s", err.message);
    xn_strbuf_free(&b);
    /* ranking: 1: r00(1)  2..10: nine unjudged  11: big(2)  12: r01(1) */
    xn_ranked docs[12];
    char names[9][8];
    docs[0] = (xn_ranked){"r00", 100};
    for (int i = 0; i < 9; i++) {
        snprintf(names[i], sizeof names[i], "u%d", i);
        docs[1 + i] = (xn_ranked){names[i], 50 - i};
    }
    docs[10] = (xn_ranked){"big", 10};
    docs[11] = (xn_ranked){"r01", 5};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "t", docs, 12, out), 1);
    /* DCG@10 = 1/L(2) = 1
     * IDCG@10 = 2/L(2) + 1/L(3) + ... + 1/L(11)   (gains 2 then nine 1s)
     * num_rel = 13;  map = (1/1 + 2/11 + 3/12) / 13 = 0.110140
     * P_5 = 1/5, P_10 = 1/10, recall_100 = 3/13 */
    double idcg = 2.0;
    for (int k = 3; k <= 11; k++) idcg += 1 / L(k);
    assert_out(out, (1.0 + 2.0 / 11 + 3.0 / 12) / 13, 1.0 / 5, 1.0 / 10,
               3.0 / 13, 1.0 / idcg, 1.0, 12, 13, 3);
    xn_qrels_free(q);
}
END_TEST

START_TEST(recall_100_with_150_retrieved)
{
    /* 5 relevant documents, retrieved at ranks 1, 50, 100, 101 and 150 */
    static const char text[] = "r 0 d001 1\nr 0 d050 1\nr 0 d100 1\n"
                               "r 0 d101 1\nr 0 d150 1\nr 0 d002 0\n";
    xn_error err;
    xn_qrels *q = xn_qrels_parse("x", text, strlen(text), &err);
    ck_assert_msg(q != NULL, "%s", err.message);
    xn_ranked docs[150];
    char names[150][8];
    for (int i = 0; i < 150; i++) { /* handed over in reverse rank order */
        snprintf(names[i], sizeof names[i], "d%03d", 150 - i);
        docs[i] = (xn_ranked){names[i], (double)i};
    }
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "r", docs, 150, out), 1);
    ck_assert_str_eq(docs[0].docno, "d001");
    ck_assert_str_eq(docs[149].docno, "d150");
    /*   recall_100  = 3/5 (d001 d050 d100 in the first 100)  = 0.6
     *   map         = (1/1 + 2/50 + 3/100 + 4/101 + 5/150) / 5 = 0.228588
     *   P_5 = 1/5, P_10 = 1/10, recip_rank = 1
     *   ndcg_cut_10 = 1/L(2) / (1/L(2) + 1/L(3) + 1/L(4) + 1/L(5) + 1/L(6))
     *               = 1 / 2.948459                            = 0.339160 */
    assert_out(out, (1.0 + 2.0 / 50 + 3.0 / 100 + 4.0 / 101 + 5.0 / 150) / 5,
               1.0 / 5, 1.0 / 10, 3.0 / 5,
               1.0 / (1 + 1 / L(3) + 1 / L(4) + 1 / L(5) + 1 / L(6)), 1.0, 150,
               5, 5);
    ck_assert_double_eq_tol(out[XN_M_MAP], 0.2285875, 1e-7);
    xn_qrels_free(q);
}
END_TEST

START_TEST(judged_but_nothing_relevant)
{
    xn_qrels *q = qrels();
    xn_ranked docs[] = {{"z1", 3}, {"z3", 2}, {"other", 1}};
    double out[XN_M_COUNT];
    /* evaluated (returns 1): every rate is 0, num_rel 0 */
    ck_assert_int_eq(xn_eval_query(q, "q4", docs, N(docs), out), 1);
    assert_out(out, 0, 0, 0, 0, 0, 0, 3, 0, 0);
    /* only a negative judgment: scored the same way */
    xn_ranked docs5[] = {{"w", 1}};
    ck_assert_int_eq(xn_eval_query(q, "q5", docs5, N(docs5), out), 1);
    assert_out(out, 0, 0, 0, 0, 0, 0, 1, 0, 0);
    xn_qrels_free(q);
}
END_TEST

START_TEST(query_absent_from_qrels)
{
    xn_qrels *q = qrels();
    xn_ranked docs[] = {{"d1", 1}, {"d1", 1}};
    double out[XN_M_COUNT];
    for (int m = 0; m < XN_M_COUNT; m++) out[m] = -7;
    /* no judgments: skipped, OUT untouched (even with a duplicate: trec_eval
     * only checks duplicates of the queries it evaluates) */
    ck_assert_int_eq(xn_eval_query(q, "q99", docs, N(docs), out), 0);
    ck_assert_int_eq(xn_eval_query(q, "q99", NULL, 0, out), 0);
    for (int m = 0; m < XN_M_COUNT; m++) ck_assert_double_eq(out[m], -7);
    xn_qrels_free(q);
}
END_TEST

START_TEST(duplicate_docno_refused)
{
    xn_qrels *q = qrels();
    /* trec_eval 9.0 stops on "duplicate docs": no value, OUT untouched,
     * DOCS still sorted in run order */
    xn_ranked docs[] = {{"d3", 1}, {"d1", 5}, {"d3", 2}};
    double out[XN_M_COUNT];
    for (int m = 0; m < XN_M_COUNT; m++) out[m] = -7;
    ck_assert_int_eq(xn_eval_query(q, "q1", docs, N(docs), out), -1);
    for (int m = 0; m < XN_M_COUNT; m++) ck_assert_double_eq(out[m], -7);
    ck_assert_str_eq(docs[0].docno, "d1");
    ck_assert_double_eq(docs[1].score, 2);
    ck_assert_double_eq(docs[2].score, 1);
    xn_qrels_free(q);
}
END_TEST

START_TEST(nothing_retrieved)
{
    xn_qrels *q = qrels();
    double out[XN_M_COUNT];
    /* what trec_eval -c counts for a query missing from the run */
    ck_assert_int_eq(xn_eval_query(q, "q1", NULL, 0, out), 1);
    assert_out(out, 0, 0, 0, 0, 0, 0, 0, 3, 0);
    xn_qrels_free(q);
}
END_TEST

START_TEST(single_relevant_at_rank_3)
{
    xn_qrels *q = qrels();
    /* fewer than 5 retrieved: 1: d2(0)  2: d9(0)  3: d4(1) */
    xn_ranked docs[] = {{"d4", 0.1}, {"d9", 0.2}, {"d2", 0.3}};
    double out[XN_M_COUNT];
    ck_assert_int_eq(xn_eval_query(q, "q1", docs, N(docs), out), 1);
    /*   map = (1/3) / 3,  P_5 = 1/5,  P_10 = 1/10,  recall_100 = 1/3,
     *   recip_rank = 1/3,  ndcg_cut_10 = (1/L(4)) / (1 + 1/L(3) + 1/L(4))
     *                                  = 0.5 / 2.130930 = 0.234639 */
    assert_out(out, 1.0 / 9, 0.2, 0.1, 1.0 / 3,
               (1 / L(4)) / (1 / L(2) + 1 / L(3) + 1 / L(4)), 1.0 / 3, 3, 3, 1);
    xn_qrels_free(q);
}
END_TEST

/* ---- summary -------------------------------------------------------------- */

START_TEST(summary_means_and_sums)
{
    xn_qrels *q = qrels();
    double rows[3][XN_M_COUNT];
    xn_ranked d1[] = {{"d3", 1.0}, {"x1", 2.0}, {"d2", 3.0}, {"d1", 2.5}};
    xn_ranked d3[] = {{"g2", 0.5}, {"unj", 1.0}, {"g3", 2.0},
                      {"n0", 3.0}, {"g1", 4.0}, {"neg", 5.0}};
    xn_ranked d4[] = {{"z1", 3}, {"z3", 2}, {"other", 1}};
    ck_assert_int_eq(xn_eval_query(q, "q1", d1, N(d1), rows[0]), 1);
    ck_assert_int_eq(xn_eval_query(q, "q3", d3, N(d3), rows[1]), 1);
    ck_assert_int_eq(xn_eval_query(q, "q4", d4, N(d4), rows[2]), 1);
    double all[XN_M_COUNT];
    xn_eval_summary((const double (*)[XN_M_COUNT])rows, 3, all);
    /* means over 3 queries (q4 counts, with zeros):
     *   map         = (1/3 + 0.375 + 0) / 3                  = 0.236111
     *   P_5         = (0.4 + 0.4 + 0) / 3                    = 0.266667
     *   P_10        = (0.2 + 0.3 + 0) / 3                    = 0.166667
     *   recall_100  = (2/3 + 3/4 + 0) / 3                    = 0.472222
     *   ndcg_cut_10 = (0.498189 + 0.507531 + 0) / 3          = 0.335240
     *   recip_rank  = (1/2 + 1/2 + 0) / 3                    = 0.333333
     * sums: num_ret = 4 + 6 + 3 = 13, num_rel = 3 + 4 + 0 = 7,
     *       num_rel_ret = 2 + 3 + 0 = 5 */
    double ndcg1 = (1 / L(3) + 1 / L(5)) / (1 / L(2) + 1 / L(3) + 1 / L(4));
    double ndcg3 = (1 / L(3) + 3 / L(5) + 2 / L(7)) /
                   (3 / L(2) + 2 / L(3) + 1 / L(4) + 1 / L(5));
    assert_out(all, (1.0 / 3 + 0.375) / 3, 0.8 / 3, 0.5 / 3,
               (2.0 / 3 + 3.0 / 4) / 3, (ndcg1 + ndcg3) / 3, 1.0 / 3, 13, 7, 5);
    ck_assert_double_eq_tol(all[XN_M_NDCG_CUT_10], 0.3352401, 1e-7);

    /* no rows: all 0 */
    xn_eval_summary(NULL, 0, all);
    for (int m = 0; m < XN_M_COUNT; m++) ck_assert_double_eq(all[m], 0);
    xn_qrels_free(q);
}
END_TEST

/* ---- xapnews_eval_t on a tiny judged database ------------------------------ */

/* Four articles; the queries: q1 one word, q2 too long to search, q3 a word no
 * article holds, q4 five words of which only "durian" is indexed, q5
 * without judgments. q6 is judged but not in the query file. */
static const char *const DOCS[][2] = {
    {"d1", "apple apple banana"}, {"d2", "apple cherry"},
    {"d3", "banana cherry"}, {"d4", "durian"}};
/* q2: more words than a query may hold (XN_QUERY_MAX_WORDS), which no
 * fallback can search */
static char TINY_QUERIES[16 + 6 * 1025 + 64];

static void make_tiny_queries(void)
{
    strcpy(TINY_QUERIES, "q1\tapple\nq2\t");
    for (int i = 0; i < 1025; i++) strcat(TINY_QUERIES, i ? " apple" : "apple");
    strcat(TINY_QUERIES, "\nq3\tzebra\nq4\tdurian fig grape kiwi lime\nq5\tbanana\n");
}
static const char TINY_QRELS[] =
    "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 1\n"
    "q2 0 d1 1\n"
    "q3 0 d4 2\n"
    "q4 0 d4 1\n"
    "q6 0 d2 1\n";

/* Made before the tests run (each in its own child) and removed after
 * them, even when a test fails. */
static char base_dir[] = "/tmp/check_eval_XXXXXX";

typedef struct {
    char dir[64];
    xapnews_database_t *db;
    xapnews_eval_t *ev;
} tiny;

static void add_doc(xapnews_writer_t *w, const char *id, const char *body)
{
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, id, strlen(id)), 0);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, body, strlen(body)), 0);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_destroy(a);
}

/* Indexes DOCS and opens the judged queries, in a new folder. */
static void tiny_open(tiny *t)
{
    snprintf(t->dir, sizeof t->dir, "%s/db_XXXXXX", base_dir);
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    char db[128], q[128], r[128];
    snprintf(db, sizeof db, "%s/db", t->dir);
    snprintf(q, sizeof q, "%s/q.tsv", t->dir);
    snprintf(r, sizeof r, "%s/qrels", t->dir);
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(db, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    for (size_t k = 0; k < N(DOCS); k++) add_doc(w, DOCS[k][0], DOCS[k][1]);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    make_tiny_queries();
    ck_assert_int_eq(temp_dir_write(q, TINY_QUERIES), 0);
    ck_assert_int_eq(temp_dir_write(r, TINY_QRELS), 0);
    ck_assert_int_eq(xapnews_database_open(db, &t->db, NULL), XAPNEWS_STATUS_SUCCESS);
    char *err = NULL;
    ck_assert_int_eq(xapnews_eval_open(q, r, &t->ev, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(err);
}

static void tiny_close(tiny *t)
{
    xapnews_eval_destroy(t->ev);
    xapnews_database_close(t->db);
}

static void assert_summary(const xapnews_eval_t *ev, double map, double p5,
                           double p10, double r100, double ndcg10, double rr,
                           double ret, double rel, double relret)
{
    const char *const *names = xapnews_eval_metric_names();
    double want[] = {map, p5, p10, r100, ndcg10, rr, ret, rel, relret};
    for (size_t m = 0; names[m]; m++)
        ck_assert_msg(fabs(xapnews_eval_summary(ev, NULL, names[m]) - want[m]) < TOL,
                      "%s: %.9g, expected %.9g", names[m],
                      xapnews_eval_summary(ev, NULL, names[m]), want[m]);
}

static void assert_description(const xapnews_eval_t *ev, const char *want)
{
    char *text = xapnews_eval_describe(ev);
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, want);
    xapnews_free(text);
}

START_TEST(failed_and_zero_hit_queries_count_as_retrieving_nothing)
{
    tiny t;
    tiny_open(&t);
    ck_assert_str_eq(xapnews_eval_mode_describe(t.ev),
                     "AND for queries of up to 3 words, OR for longer ones; typos on");
    assert_description(t.ev, "mode: AND for queries of up to 3 words, OR for longer ones; typos on\n");
    ck_assert_int_eq(xapnews_eval_run(t.ev, t.db, 0), XAPNEWS_STATUS_SUCCESS);

    /* q2 failed, and the run went on */
    ck_assert_str_eq(xapnews_eval_query_error(t.ev, 1),
                     "query syntax error at column 6145: the query has more than 1024 words");
    for (size_t i = 0; i < 5; i++)
        if (i != 1) ck_assert_ptr_null(xapnews_eval_query_error(t.ev, i));
    /* short queries as search runs them, q2 and q4 as natural language */
    unsigned and_typos = XAPNEWS_QUERY_DEFAULT_AND | XAPNEWS_QUERY_TYPOS;
    ck_assert_uint_eq(xapnews_eval_query_flags(t.ev, 0), and_typos);
    ck_assert_uint_eq(xapnews_eval_query_flags(t.ev, 1),
                      XAPNEWS_QUERY_DEFAULT_OR | XAPNEWS_QUERY_TYPOS);
    ck_assert_uint_eq(xapnews_eval_query_flags(t.ev, 2), and_typos);
    ck_assert_uint_eq(xapnews_eval_query_flags(t.ev, 3),
                      XAPNEWS_QUERY_DEFAULT_OR | XAPNEWS_QUERY_TYPOS);
    /* hits: q1 d1 d2, q2 none (failed), q3 none, q4 d4, q5 d1 d3 */
    static const size_t hits[] = {2, 0, 0, 1, 2};
    for (size_t i = 0; i < 5; i++) ck_assert_uint_eq(xapnews_eval_query_hits(t.ev, i), hits[i]);
    /* the judged queries count, whatever they retrieved; q5 has no
     * judgments, q6 was not run */
    static const int counted[] = {1, 1, 1, 1, 0};
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(xapnews_eval_query_counted(t.ev, i), counted[i]);
    ck_assert_uint_eq(xapnews_eval_counted(t.ev), 4);
    assert_description(t.ev,
                       "mode: AND for queries of up to 3 words, OR for longer ones; typos on (3 AND, 2 OR)\n"
                       "failed: 1 (q2), counted as retrieving nothing\n"
                       "no hits: 1 (q3)\n");

    /* by hand:
     *   q1  1: d1(1)  2: d2(0); num_rel 2 (d1 d3)
     *       map 1/2, P_5 1/5, P_10 1/10, recall_100 1/2, recip_rank 1,
     *       ndcg_cut_10 1 / (1 + 1/L(3))
     *   q2, q3  nothing retrieved: 0 everywhere, num_rel 1 each
     *   q4  1: d4(1); num_rel 1: map 1, P_5 1/5, P_10 1/10, recall 1,
     *       ndcg 1, recip_rank 1
     * means over 4 queries, sums of the counts */
    double ndcg1 = 1 / (1 + 1 / L(3));
    ck_assert_double_eq_tol(xapnews_eval_query_metric(t.ev, 0, "ndcg_cut_10"), ndcg1, TOL);
    ck_assert_double_eq_tol(xapnews_eval_query_metric(t.ev, 1, "num_rel"), 1, TOL);
    ck_assert_double_eq_tol(xapnews_eval_query_metric(t.ev, 2, "map"), 0, TOL);
    ck_assert(isnan(xapnews_eval_query_metric(t.ev, 4, "map")));
    assert_summary(t.ev, (0.5 + 1) / 4, 0.4 / 4, 0.2 / 4, (0.5 + 1) / 4,
                   (ndcg1 + 1) / 4, 2.0 / 4, 3, 5, 2);
    ck_assert_double_eq_tol(xapnews_eval_summary(t.ev, NULL, "ndcg_cut_10"), 0.40328680, 1e-8);
    tiny_close(&t);
}
END_TEST

START_TEST(modes_all_and_any)
{
    tiny t;
    tiny_open(&t);
    /* every word required: q4 retrieves nothing too */
    xapnews_eval_mode_t all = {XAPNEWS_EVAL_ALL, 0, 0};
    ck_assert_int_eq(xapnews_eval_set_mode(t.ev, &all), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_eval_mode_describe(t.ev), "AND; typos on");
    ck_assert_int_eq(xapnews_eval_run(t.ev, t.db, 0), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_eval_query_hits(t.ev, 3), 0);
    assert_description(t.ev, "mode: AND; typos on (5 AND, 0 OR)\n"
                             "failed: 1 (q2), counted as retrieving nothing\n"
                             "no hits: 2 (q3 q4)\n");
    double ndcg1 = 1 / (1 + 1 / L(3));
    assert_summary(t.ev, 0.5 / 4, 0.2 / 4, 0.1 / 4, 0.5 / 4, ndcg1 / 4, 1.0 / 4, 2, 5, 1);

    /* any word, no typo tolerance: q1 and q4 as in the default mode */
    xapnews_eval_mode_t any = {XAPNEWS_EVAL_ANY, 0, 1};
    ck_assert_int_eq(xapnews_eval_set_mode(t.ev, &any), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_eval_run(t.ev, t.db, 0), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_eval_query_flags(t.ev, 0), XAPNEWS_QUERY_DEFAULT_OR);
    assert_description(t.ev, "mode: OR; typos off (0 AND, 5 OR)\n"
                             "failed: 1 (q2), counted as retrieving nothing\n"
                             "no hits: 1 (q3)\n");
    assert_summary(t.ev, 1.5 / 4, 0.4 / 4, 0.2 / 4, 1.5 / 4, (ndcg1 + 1) / 4, 2.0 / 4, 3, 5, 2);

    /* a short query limit of 5 words: q4 is short, so required in full */
    xapnews_eval_mode_t five = {XAPNEWS_EVAL_AUTO, 5, 0};
    ck_assert_int_eq(xapnews_eval_set_mode(t.ev, &five), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_eval_mode_describe(t.ev),
                     "AND for queries of up to 5 words, OR for longer ones; typos on");
    ck_assert_int_eq(xapnews_eval_run(t.ev, t.db, 0), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_eval_query_hits(t.ev, 3), 0);
    xapnews_eval_mode_t got;
    xapnews_eval_get_mode(t.ev, &got);
    ck_assert_int_eq(got.match, XAPNEWS_EVAL_AUTO);
    ck_assert_uint_eq(got.short_words, 5);

    /* NULL: the defaults again; a bad match mode is refused */
    ck_assert_int_eq(xapnews_eval_set_mode(t.ev, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_eval_get_mode(t.ev, &got);
    ck_assert_uint_eq(got.short_words, XAPNEWS_EVAL_SHORT_WORDS);
    xapnews_eval_mode_t bad = {(xapnews_eval_match_t)7, 0, 0};
    ck_assert_int_eq(xapnews_eval_set_mode(t.ev, &bad), XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_str_eq(xapnews_eval_last_error(t.ev),
                     "unknown match mode 7 (XAPNEWS_EVAL_AUTO, _ALL or _ANY)");
    ck_assert_str_eq(xapnews_eval_mode_describe(t.ev),
                     "AND for queries of up to 3 words, OR for longer ones; typos on");
    tiny_close(&t);
}
END_TEST

START_TEST(run_file_leaves_out_queries_that_retrieved_nothing)
{
    tiny t;
    tiny_open(&t);
    ck_assert_int_eq(xapnews_eval_run(t.ev, t.db, 0), XAPNEWS_STATUS_SUCCESS);
    char path[128];
    snprintf(path, sizeof path, "%s/run", t.dir);
    ck_assert_int_eq(xapnews_eval_write_run(t.ev, path, "t", NULL), XAPNEWS_STATUS_SUCCESS);
    xn_strbuf b = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_strbuf_read_file(&b, path), 0);
    /* qid Q0 docid rank score tag: q1 d1 d2, q4 d4, q5 d3 d1 (the
     * shorter text first) */
    char ids[256] = "";
    for (char *line = b.data; line && *line; line = strchr(line, '\n') + 1) {
        char qid[8], doc[8];
        ck_assert_int_eq(sscanf(line, "%7s Q0 %7s", qid, doc), 2);
        strcat(ids, qid), strcat(ids, ":"), strcat(ids, doc), strcat(ids, " ");
    }
    ck_assert_str_eq(ids, "q1:d1 q1:d2 q4:d4 q5:d3 q5:d1 ");
    xn_strbuf_free(&b);
    tiny_close(&t);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("eval");
    TCase *files = tcase_create("files");
    tcase_add_test(files, qrels_lookup_and_order);
    tcase_add_test(files, qrels_file_order_not_sorted);
    tcase_add_test(files, qrels_malformed);
    tcase_add_test(files, queries_parse);
    tcase_add_test(files, queries_malformed);
    tcase_add_test(files, load_files);
    tcase_add_test(files, metric_names);
    suite_add_tcase(s, files);
    TCase *metrics = tcase_create("metrics");
    tcase_add_test(metrics, binary_short_ranking);
    tcase_add_test(metrics, ties_broken_by_decreasing_docno);
    tcase_add_test(metrics, scores_compared_as_float);
    tcase_add_test(metrics, graded_with_negative_judgment);
    tcase_add_test(metrics, ndcg_cut_at_ten_on_both_sides);
    tcase_add_test(metrics, recall_100_with_150_retrieved);
    tcase_add_test(metrics, judged_but_nothing_relevant);
    tcase_add_test(metrics, query_absent_from_qrels);
    tcase_add_test(metrics, duplicate_docno_refused);
    tcase_add_test(metrics, nothing_retrieved);
    tcase_add_test(metrics, single_relevant_at_rank_3);
    tcase_add_test(metrics, summary_means_and_sums);
    suite_add_tcase(s, metrics);
    TCase *runs = tcase_create("runs");
    tcase_set_timeout(runs, 30);
    tcase_add_test(runs, failed_and_zero_hit_queries_count_as_retrieving_nothing);
    tcase_add_test(runs, modes_all_and_any);
    tcase_add_test(runs, run_file_leaves_out_queries_that_retrieved_nothing);
    suite_add_tcase(s, runs);
    int status = run_suite(s);
    temp_dir_remove(base_dir);
    return status;
}
