/* check_index_parts.c - the plans that cut the input of `index --jobs J`
 * into J runs (plugin/cli/index_parts.h): every record is indexed by
 * exactly one job, the runs follow each other in input order, later runs
 * are shorter by what reading past the earlier ones costs, and a record
 * whose id an earlier run holds is deferred to the replay, in order. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index_parts.h"
#include "run_suite.h"

#define RECORDS 3000

static unsigned rng = 1;
static unsigned next_random(unsigned n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) % n;
}

/* Record sizes (bytes) and ids: distinct ids, or with REPEATS some ids of
 * earlier records given again. */
static void make_input(unsigned long long *end, char (*id)[16], int repeats)
{
    unsigned long long done = 0;
    for (unsigned r = 0; r < RECORDS; r++) {
        done += 50 + next_random(2000);
        end[r] = done;
        if (repeats && r > 10 && next_random(20) == 0)
            snprintf(id[r], sizeof id[r], "a%u", next_random(r));
        else
            snprintf(id[r], sizeof id[r], "a%u", r);
    }
}

/* Each record is taken by one job, runs in order, nearly equal work. */
START_TEST(every_record_goes_to_one_run_in_order)
{
    unsigned jobs = 1 + (unsigned)_i;
    rng = 7u + (unsigned)_i;
    static unsigned long long end[RECORDS];
    static char id[RECORDS][16];
    make_input(end, id, 0);
    unsigned long long total = end[RECORDS - 1];
    int owner[RECORDS];
    for (unsigned r = 0; r < RECORDS; r++) owner[r] = -1;
    double work[8] = {0}, start[8] = {0}, len[8] = {0};
    for (unsigned j = 0; j < jobs; j++) {
        part_plan *p = part_plan_new(j, jobs, total);
        ck_assert_ptr_nonnull(p);
        int stopped = 0, started = 0;
        for (unsigned r = 0; r < RECORDS && !stopped; r++) {
            record_take take;
            ck_assert_int_eq(part_plan_take(p, 0, r, end[r], id[r], &take), 0);
            if (take == RECORD_STOP) stopped = 1;
            if (take != RECORD_TAKE) {
                /* nothing is passed once the run has started */
                ck_assert_msg(!started || take == RECORD_STOP, "job %u record %u", j, r);
                continue;
            }
            ck_assert_msg(owner[r] == -1, "record %u taken twice", r);
            owner[r] = (int)j;
            if (!started) start[j] = r ? (double)end[r - 1] : 0.0;
            started = 1;
            len[j] += (double)(end[r] - (r ? end[r - 1] : 0));
        }
        ck_assert_uint_eq(part_plan_deferred(p), 0);
        part_plan_free(p);
        work[j] = len[j] + PART_PASS_COST * start[j];
    }
    for (unsigned r = 0; r < RECORDS; r++) {
        ck_assert_msg(owner[r] >= 0, "record %u taken by no job", r);
        if (r) ck_assert_int_ge(owner[r], owner[r - 1]);
    }
    /* a later run is shorter, the work the same to a record or two */
    for (unsigned j = 1; j < jobs; j++) {
        ck_assert_msg(len[j] < len[j - 1] + 4100.0, "run %u: %.0f after %.0f", j, len[j], len[j - 1]);
        double gap = work[j] - work[0];
        ck_assert_msg(gap < 4200.0 && gap > -4200.0, "job %u: work %.0f against %.0f", j,
                      work[j], work[0]);
    }
    if (jobs == 2) ck_assert(len[0] > len[1]);
}
END_TEST

/* An id an earlier run holds is deferred by the job of its run and taken,
 * in input order, by the replay. */
/* What a job reports of its run read adds up, over the jobs, to what
 * was read: each run counts from 0 to its length, in step with the input. */
START_TEST(the_runs_read_add_up_to_the_input_read)
{
    const unsigned long long total = 1000003;
    for (unsigned n = 1; n <= 4; n++) {
        part_plan *p[4];
        for (unsigned j = 0; j < n; j++) ck_assert_ptr_nonnull(p[j] = part_plan_new(j, n, total));
        unsigned long long last[4] = {0, 0, 0, 0};
        for (unsigned long long done = 0; done <= total; done += 997 + next_random(5000)) {
            unsigned long long sum = 0;
            for (unsigned j = 0; j < n; j++) {
                unsigned long long got = part_plan_run_done(p[j], done);
                ck_assert_uint_ge(got, last[j]);
                last[j] = got;
                sum += got;
            }
            ck_assert_msg(sum + n >= done && sum <= done, "%u jobs at %llu: %llu", n, done, sum);
        }
        unsigned long long sum = 0;
        for (unsigned j = 0; j < n; j++) {
            sum += part_plan_run_done(p[j], total);
            ck_assert_uint_eq(part_plan_run_done(p[j], 0), 0);
            part_plan_free(p[j]);
        }
        ck_assert_uint_ge(sum + n, total);
        ck_assert_uint_le(sum, total);
    }
    part_plan *replay = part_plan_replay();
    ck_assert_uint_eq(part_plan_run_done(replay, 12345), 12345);
    part_plan_free(replay);
}
END_TEST

START_TEST(an_id_of_an_earlier_run_is_replayed)
{
    rng = 99u;
    static unsigned long long end[RECORDS];
    static char id[RECORDS][16];
    make_input(end, id, 1);
    unsigned long long total = end[RECORDS - 1];
    unsigned jobs = 3;
    part_plan *replay = part_plan_replay();
    ck_assert_ptr_nonnull(replay);
    int run_of[RECORDS];
    for (unsigned j = 0; j < jobs; j++) {
        part_plan *p = part_plan_new(j, jobs, total);
        for (unsigned r = 0; r < RECORDS; r++) {
            if (part_plan_holds(p, end[r])) run_of[r] = (int)j;
            record_take take;
            ck_assert_int_eq(part_plan_take(p, 0, r, end[r], id[r], &take), 0);
            if (take == RECORD_STOP) break;
        }
        int fds[2];
        ck_assert_int_eq(pipe(fds), 0);
        ck_assert_int_eq(part_plan_write_deferred(p, fds[1]), 0);
        close(fds[1]);
        ck_assert_int_eq(part_plan_read_deferred(replay, fds[0]), 0);
        close(fds[0]);
        part_plan_free(p);
    }
    /* the records deferred: those whose id a record of an earlier run has */
    size_t want = 0;
    int deferred[RECORDS];
    for (unsigned r = 0; r < RECORDS; r++) {
        deferred[r] = 0;
        for (unsigned e = 0; e < r && !deferred[r]; e++)
            deferred[r] = run_of[e] < run_of[r] && strcmp(id[e], id[r]) == 0;
        want += (size_t)deferred[r];
    }
    ck_assert_uint_gt(want, 0);
    ck_assert_uint_eq(part_plan_deferred(replay), want);
    size_t taken = 0;
    for (unsigned r = 0; r < RECORDS; r++) {
        record_take take;
        ck_assert_int_eq(part_plan_take(replay, 0, r, end[r], id[r], &take), 0);
        /* past the last deferred record, the replay stops */
        record_take expect = deferred[r] ? RECORD_TAKE : taken == want ? RECORD_STOP : RECORD_PASS;
        ck_assert_msg(take == expect, "record %u: %d, not %d", r, (int)take, (int)expect);
        taken += take == RECORD_TAKE;
        if (take == RECORD_STOP) break;
    }
    ck_assert_uint_eq(taken, want);
    part_plan_free(replay);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("index_parts");
    TCase *tc = tcase_create("plans");
    tcase_add_loop_test(tc, every_record_goes_to_one_run_in_order, 0, 4);
    tcase_add_test(tc, an_id_of_an_earlier_run_is_replayed);
    tcase_add_test(tc, the_runs_read_add_up_to_the_input_read);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
