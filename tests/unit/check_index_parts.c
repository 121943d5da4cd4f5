/* check_index_parts.c - the plans that cut the input of `index --jobs J`
 * into J runs (plugin/cli/index_parts.h): every record is indexed by
 * exactly one job, the runs follow each other in input order, later runs
 * are shorter by what reading past the earlier ones costs, and a record
 * whose id an earlier run holds is deferred to the replay, in order. */
#include <check.h>
#include <limits.h>
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
    part_board *b = part_board_new(jobs, total);
    ck_assert_ptr_nonnull(b);
    for (unsigned j = 0; j < jobs; j++) {
        part_plan *p = part_plan_new(b, j);
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
    part_board_free(b);
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
        part_board *b = part_board_new(n, total);
        for (unsigned j = 0; j < n; j++) ck_assert_ptr_nonnull(p[j] = part_plan_new(b, j));
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
        part_board_free(b);
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
    part_board *b = part_board_new(jobs, total);
    for (unsigned j = 0; j < jobs; j++) {
        part_plan *p = part_plan_new(b, j);
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
    part_board_free(b);
}
END_TEST

/* Jobs running at SPEED[j] bytes a second (reading past a record costing
 * PART_PASS_COST of taking it), simulated on a clock of their own: a job
 * done early goes on into the end of a slower one's run, or reads the
 * inputs again for it, and still every record is taken once, by runs in
 * input order, and a record whose id an earlier run holds is deferred. */
static double fake_now;
static double fake_clock(void)
{
    return fake_now;
}

typedef struct {
    part_plan *plan[2];
    int nplans;
    unsigned run;  /* the run its plan is on */
    unsigned r;    /* the next record it reads */
    double at;     /* when it has read it */
    int done;
} sim_job;

static int simulate(unsigned jobs, const double *speed, int repeats, double *ended)
{
    static unsigned long long end[RECORDS];
    static char id[RECORDS][16];
    static int owner[RECORDS];
    make_input(end, id, repeats);
    unsigned long long total = end[RECORDS - 1];
    part_board *b = part_board_new(jobs, total);
    ck_assert_ptr_nonnull(b);
    part_board_set_clock(b, fake_clock);
    part_plan *replay = part_plan_replay();
    sim_job job[4];
    for (unsigned j = 0; j < jobs; j++) {
        job[j] = (sim_job){{part_plan_new(b, j), NULL}, 1, j, 0, 0.0, 0};
        ck_assert_ptr_nonnull(job[j].plan[0]);
    }
    for (unsigned r = 0; r < RECORDS; r++) owner[r] = -1;
    for (;;) {
        sim_job *o = NULL;
        for (unsigned j = 0; j < jobs; j++)
            if (!job[j].done && (!o || job[j].at < o->at)) o = &job[j];
        if (!o) break;
        unsigned j = (unsigned)(o - job);
        fake_now = o->at;
        part_plan *p = o->plan[o->nplans - 1];
        if (o->r == RECORDS) { /* the inputs' end */
            unsigned run;
            ended[j] = fake_now;
            if (o->nplans == 2 || !part_board_steal(b, j, ULLONG_MAX, &run)) {
                o->done = 1;
                continue;
            }
            ck_assert_ptr_nonnull(o->plan[1] = part_plan_new(b, run));
            o->nplans = 2;
            o->run = run;
            o->r = 0;
            continue;
        }
        record_take take;
        unsigned r = o->r;
        ck_assert_int_eq(part_plan_take(p, 0, r, end[r], id[r], &take), 0);
        if (take == RECORD_STOP) {
            unsigned run;
            ended[j] = fake_now;
            if (o->nplans == 1 && part_board_steal(b, j, end[r], &run)) {
                part_plan_continue(p, run);
                o->run = run;
            } else {
                o->r = RECORDS;
            }
            continue;
        }
        double size = (double)(end[r] - (r ? end[r - 1] : 0));
        if (take == RECORD_TAKE) {
            ck_assert_msg(owner[r] == -1, "record %u taken twice", r);
            owner[r] = (int)o->run;
        }
        o->at += (take == RECORD_TAKE ? 1.0 : PART_PASS_COST) * size / speed[j];
        o->r++;
    }
    /* the runs in input order, each record in one of them */
    unsigned order[8], place[8], n = part_board_order(b, order);
    for (unsigned k = 0; k < n; k++) place[order[k]] = k;
    for (unsigned j = 0; j < jobs; j++)
        for (int k = 0; k < job[j].nplans; k++) {
            int fds[2];
            ck_assert_int_eq(pipe(fds), 0);
            ck_assert_int_eq(part_plan_write_deferred(job[j].plan[k], fds[1]), 0);
            close(fds[1]);
            ck_assert_int_eq(part_plan_read_deferred(replay, fds[0]), 0);
            close(fds[0]);
            part_plan_free(job[j].plan[k]);
        }
    size_t want = 0;
    for (unsigned r = 0; r < RECORDS; r++) {
        int deferred = 0;
        for (unsigned e = 0; e < r && !deferred && owner[r] >= 0; e++)
            deferred = owner[e] >= 0 && place[owner[e]] < place[owner[r]] && strcmp(id[e], id[r]) == 0;
        ck_assert_msg(owner[r] >= 0 || repeats, "record %u taken by no job", r);
        if (owner[r] < 0) {
            /* deferred: its id is in an earlier run */
            int earlier = 0;
            for (unsigned e = 0; e < r && !earlier; e++) earlier = strcmp(id[e], id[r]) == 0;
            ck_assert_msg(earlier, "record %u neither taken nor deferred", r);
            want++;
        }
        ck_assert_msg(!deferred, "record %u taken though an earlier run holds its id", r);
        if (r && owner[r] >= 0) {
            unsigned k = r - 1;
            while (k > 0 && owner[k] < 0) k--;
            if (owner[k] >= 0) ck_assert_uint_ge(place[owner[r]], place[owner[k]]);
        }
    }
    ck_assert_uint_eq(part_plan_deferred(replay), want);
    part_plan_free(replay);
    part_board_free(b);
    return (int)n;
}

/* the jobs ended within 2% of each other (the stretch a job claims at a
 * time, 1/256 of the input, can leave the victim a little more) */
static void ended_together(unsigned jobs, const double *ended)
{
    double first = ended[0], last = ended[0];
    for (unsigned j = 1; j < jobs; j++) {
        if (ended[j] < first) first = ended[j];
        if (ended[j] > last) last = ended[j];
    }
    ck_assert_msg(last - first < 0.02 * last, "the jobs ended %.4f s apart, in %.4f s",
                  last - first, last);
}

START_TEST(a_job_done_early_takes_over_the_end_of_a_slower_run)
{
    double ended[4];
    /* the later job slower: the first goes on into its run's end; or the
     * first job slower: the later one reads the inputs again for it */
    double two[2][2] = {{3e6, 1.5e6}, {1.5e6, 3e6}};
    for (int k = 0; k < 2; k++)
        for (int repeats = 0; repeats <= 1; repeats++) {
            rng = 5u + (unsigned)k;
            ck_assert_int_eq(simulate(2, two[k], repeats, ended), 3);
            ended_together(2, ended);
        }
    /* the middle job quickest: it goes on into the run after its own, and
     * the last job reads the inputs again for the first one's end */
    double three[3] = {1e6, 3e6, 2e6};
    for (unsigned seed = 1; seed <= 5; seed++) {
        rng = seed;
        ck_assert_int_eq(simulate(3, three, 1, ended), 5);
    }
}
END_TEST

START_TEST(jobs_of_one_speed_keep_their_runs)
{
    double ended[4], even[3] = {2e6, 2e6, 2e6};
    for (unsigned jobs = 2; jobs <= 3; jobs++) {
        rng = 11 + jobs;
        ck_assert_int_eq(simulate(jobs, even, 1, ended), (int)jobs);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("index_parts");
    TCase *tc = tcase_create("plans");
    tcase_add_loop_test(tc, every_record_goes_to_one_run_in_order, 0, 4);
    tcase_add_test(tc, an_id_of_an_earlier_run_is_replayed);
    tcase_add_test(tc, the_runs_read_add_up_to_the_input_read);
    tcase_add_test(tc, a_job_done_early_takes_over_the_end_of_a_slower_run);
    tcase_add_test(tc, jobs_of_one_speed_keep_their_runs);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
