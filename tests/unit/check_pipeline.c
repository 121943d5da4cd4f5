/* check_pipeline.c - the queue that hands items to a worker thread:
 * order, draining, and what happens to items once the worker fails. */
#include <check.h>
#include <stdlib.h>

#include "pipeline.h"
#include "run_suite.h"

typedef struct {
    int seen[1000];
    int n_seen;     /* consumed, in order (worker only until drained) */
    int released;   /* released, consumed or not */
    int fail_at;    /* consume fails on this value; -1: never */
} record_t;

static int consume(void *ctx, void *item)
{
    record_t *r = ctx;
    int v = *(int *)item;
    if (v == r->fail_at) return -1;
    r->seen[r->n_seen++] = v;
    return 0;
}

static void release(void *ctx, void *item)
{
    record_t *r = ctx;
    __atomic_add_fetch(&r->released, 1, __ATOMIC_SEQ_CST);
    free(item);
}

static int *boxed(int v)
{
    int *p = malloc(sizeof *p);
    ck_assert_ptr_nonnull(p);
    *p = v;
    return p;
}

START_TEST(consumes_in_order_and_drains)
{
    record_t r = {.fail_at = -1};
    xn_pipeline *p = xn_pipeline_new(4, consume, release, &r);
    ck_assert_ptr_nonnull(p);
    for (int i = 0; i < 500; i++) ck_assert_int_eq(xn_pipeline_push(p, boxed(i)), 0);
    ck_assert_int_eq(xn_pipeline_drain(p), 0);
    ck_assert_int_eq(r.n_seen, 500);
    for (int i = 0; i < 500; i++) ck_assert_int_eq(r.seen[i], i);
    ck_assert_int_eq(xn_pipeline_push(p, boxed(500)), 0);
    ck_assert_int_eq(xn_pipeline_free(p), 0);
    ck_assert_int_eq(r.n_seen, 501);
    ck_assert_int_eq(r.released, 501);
    ck_assert_int_eq(xn_pipeline_free(NULL), 0);
}
END_TEST

START_TEST(a_failure_stops_consuming_and_is_reported)
{
    record_t r = {.fail_at = 10};
    xn_pipeline *p = xn_pipeline_new(2, consume, release, &r);
    ck_assert_ptr_nonnull(p);
    int refused = 0;
    for (int i = 0; i < 50; i++)
        if (xn_pipeline_push(p, boxed(i)) < 0) refused++;
    ck_assert_int_eq(xn_pipeline_drain(p), -1);
    ck_assert_int_gt(refused, 0);
    /* nothing after the failing item was consumed */
    ck_assert_int_eq(r.n_seen, 10);
    for (int i = 0; i < 10; i++) ck_assert_int_eq(r.seen[i], i);
    ck_assert_int_eq(xn_pipeline_push(p, boxed(99)), -1);
    ck_assert_int_eq(xn_pipeline_free(p), -1);
    /* every item was released exactly once, consumed or not */
    ck_assert_int_eq(r.released, 51);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pipeline");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, consumes_in_order_and_drains);
    tcase_add_test(tc, a_failure_stops_consuming_and_is_reported);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
