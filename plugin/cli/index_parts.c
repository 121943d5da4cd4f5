/* index_parts.c - see index_parts.h. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "index_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sched.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int input;
    unsigned long record;
} record_ref;

/* A run on the board: records whose end lies in [from, to) are its. */
typedef struct {
    unsigned long long from, to; /* to: ULLONG_MAX for the last run */
    unsigned long long granted;  /* its job takes records ending before this
                                    without the lock; a steal leaves them */
    unsigned long long done;     /* the end of the record granted last */
    double took_at, done_at;     /* when its first and that record came */
    int job;                     /* the job indexing it, -1 unused */
    int ended, taken_over;       /* a run taken over is not divided again */
} board_run;

struct part_board {
    volatile char lock;
    unsigned njobs;
    unsigned long long total;
    unsigned long long stretch; /* bytes claimed at a time */
    double (*clock)(void);
    board_run run[];            /* njobs runs, then one per job's steal */
};

struct part_plan {
    part_board *board;     /* NULL: a replay */
    board_run *run;
    int sorted;            /* earlier[0, n_sorted) sorted (a replay:
                              deferred sorted) */
    uint64_t *earlier;     /* hashes of the ids before the run, then of
                              those the run took */
    size_t n_earlier, cap_earlier, n_sorted;
    record_ref *deferred;  /* in input order once sorted */
    size_t n_deferred, cap_deferred;
    size_t next;           /* a replay: the next deferred record to take */
};

static double monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void board_lock(part_board *b)
{
    while (__atomic_test_and_set(&b->lock, __ATOMIC_ACQUIRE)) sched_yield();
}

static void board_unlock(part_board *b)
{
    __atomic_clear(&b->lock, __ATOMIC_RELEASE);
}

static uint64_t id_hash(const char *id)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *id; id++) {
        h ^= (unsigned char)*id;
        h *= 1099511628211ULL;
    }
    return h;
}

static int by_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

part_board *part_board_new(unsigned njobs, unsigned long long total)
{
    if (!njobs) njobs = 1;
    size_t size = sizeof(part_board) + 2 * njobs * sizeof(board_run);
    part_board *b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (b == MAP_FAILED) return NULL;
    memset(b, 0, size);
    b->njobs = njobs;
    b->total = total;
    b->clock = monotonic;
    /* a few hundred stretches a build: the lock is rarely taken, and a
     * steal leaves little of its run to the job it divides */
    b->stretch = total / 256;
    if (b->stretch < 4096) b->stretch = 4096;
    if (b->stretch > (1u << 20)) b->stretch = 1u << 20;
    /* run j costs len_j + PART_PASS_COST * start_j, the same for every j:
     * start_{j+1} = c + (1 - PART_PASS_COST) * start_j, start_njobs = total */
    double keep = 1.0 - PART_PASS_COST, c = 0.0, k = 1.0, start = 0.0;
    for (unsigned j = 0; j < njobs; j++) {
        c += k;
        k *= keep;
    }
    c = (double)total / c;
    for (unsigned j = 0; j < 2 * njobs; j++) b->run[j].job = -1;
    for (unsigned j = 0; j < njobs; j++) {
        board_run *r = &b->run[j];
        r->job = (int)j;
        r->from = j ? (unsigned long long)start : 0;
        start = c + keep * start;
        r->to = j + 1 < njobs ? (unsigned long long)start : ULLONG_MAX;
        r->granted = r->from;
    }
    return b;
}

void part_board_free(part_board *b)
{
    if (b) munmap(b, sizeof(part_board) + 2 * b->njobs * sizeof(board_run));
}

void part_board_set_clock(part_board *b, double (*clock)(void))
{
    b->clock = clock;
}

unsigned part_board_order(const part_board *b, unsigned *order)
{
    unsigned n = 0;
    for (unsigned j = 0; j < 2 * b->njobs; j++) {
        if (b->run[j].job < 0) continue;
        unsigned k = n++;
        for (; k > 0 && b->run[order[k - 1]].from > b->run[j].from; k--) order[k] = order[k - 1];
        order[k] = j;
    }
    return n;
}

/* The bytes of run R, the input's end for the last. */
static unsigned long long run_end(const part_board *b, const board_run *r)
{
    return r->to < b->total ? r->to : b->total;
}

int part_board_steal(part_board *b, unsigned job, unsigned long long at, unsigned *run)
{
    board_lock(b);
    double now = b->clock();
    board_run *mine = &b->run[job], *over = &b->run[b->njobs + job];
    mine->ended = 1;
    /* bytes per second through its run, from its first record to its end */
    double rate = mine->took_at > 0 && now > mine->took_at
                      ? (double)(run_end(b, mine) - mine->from) / (now - mine->took_at) : 0.0;
    int took = 0;
    if (over->job < 0 && rate > 0) {
        /* the run that would end last, of those this job can read */
        board_run *victim = NULL;
        double left = 0, vrate = 0, here = 0;
        for (unsigned k = 0; k < 2 * b->njobs; k++) {
            board_run *r = &b->run[k];
            if (r->job < 0 || r->ended || r->taken_over || r->done_at <= r->took_at) continue;
            if (at != ULLONG_MAX && r->from < mine->to) continue; /* behind */
            /* where it is now, going on at its rate */
            double rk = (double)(r->done - r->from) / (r->done_at - r->took_at);
            double end = (double)run_end(b, r), now_at = (double)r->done + rk * (now - r->done_at);
            if (now_at > end) now_at = end;
            if ((end - now_at) / rk > left) {
                left = (end - now_at) / rk;
                victim = r;
                vrate = rk;
                here = now_at;
            }
        }
        if (victim) {
            /* divide at T so that both end together: the victim's
             * (T - here) / vrate against this job's pass over the bytes
             * from where it reads (0 when it must open the inputs again)
             * to T and the rest of the run; worth it when the victim
             * saves more than one more part costs to join */
            double from = at != ULLONG_MAX ? (double)at : 0.0;
            double end = (double)run_end(b, victim), join = PART_JOIN_COST * (double)b->total / rate;
            double t = ((end - PART_PASS_COST * from) / rate + here / vrate) /
                       (1.0 / vrate + (1.0 - PART_PASS_COST) / rate);
            if (t < (double)victim->granted) t = (double)victim->granted;
            unsigned long long cut = (unsigned long long)t;
            if (cut < run_end(b, victim) && (end - (double)cut) / vrate > join &&
                run_end(b, victim) - cut >= b->stretch) {
                *over = (board_run){cut, victim->to, cut, cut, 0, 0, (int)job, 0, 1};
                victim->to = cut;
                *run = b->njobs + job;
                took = 1;
            }
        }
    }
    board_unlock(b);
    return took;
}

part_plan *part_plan_new(part_board *b, unsigned run)
{
    part_plan *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->board = b;
    p->run = &b->run[run];
    return p;
}

part_plan *part_plan_replay(void)
{
    return calloc(1, sizeof(part_plan));
}

void part_plan_free(part_plan *p)
{
    if (!p) return;
    free(p->earlier);
    free(p->deferred);
    free(p);
}

static int grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return 0;
    size_t c = *cap ? 2 * *cap : 64;
    void *g = realloc(*items, c * size);
    if (!g) return -1;
    *items = g;
    *cap = c;
    return 0;
}

static int defer(part_plan *p, int input, unsigned long record)
{
    if (grow((void **)&p->deferred, &p->cap_deferred, p->n_deferred, sizeof *p->deferred) < 0)
        return -1;
    p->deferred[p->n_deferred++] = (record_ref){input, record};
    return 0;
}

typedef enum { BEFORE_RUN, IN_RUN, AFTER_RUN } run_place;

/* Where a record ending DONE bytes into the inputs lies against P's run;
 * one in the run is claimed, with the stretch after it, so that no job
 * taking over the run's end takes it too. */
static run_place claim(part_plan *p, unsigned long long done)
{
    board_run *r = p->run;
    if (done < r->from) return BEFORE_RUN;
    if (done < r->granted) return IN_RUN;
    part_board *b = p->board;
    board_lock(b);
    run_place at = AFTER_RUN;
    if (done < r->to) {
        at = IN_RUN;
        double now = b->clock();
        if (!r->took_at) r->took_at = now;
        r->done = done;
        r->done_at = now;
        r->granted = r->to - done > b->stretch ? done + b->stretch : r->to;
    }
    board_unlock(b);
    return at;
}

static int by_record(const void *a, const void *b)
{
    const record_ref *x = a, *y = b;
    if (x->input != y->input) return (x->input > y->input) - (x->input < y->input);
    return (x->record > y->record) - (x->record < y->record);
}

static int replay_take(part_plan *p, int input, unsigned long record, record_take *take)
{
    if (!p->sorted) {
        if (p->n_deferred) qsort(p->deferred, p->n_deferred, sizeof *p->deferred, by_record);
        p->sorted = 1;
    }
    if (p->next == p->n_deferred) {
        *take = RECORD_STOP;
        return 0;
    }
    const record_ref *r = &p->deferred[p->next];
    *take = RECORD_PASS;
    if (r->input == input && r->record == record) {
        p->next++;
        *take = RECORD_TAKE;
    }
    return 0;
}

int part_plan_take(part_plan *p, int input, unsigned long record, unsigned long long done,
                   const char *id, record_take *take)
{
    if (!p->board) return replay_take(p, input, record, take);
    run_place at = claim(p, done);
    if (at == AFTER_RUN) {
        *take = RECORD_STOP;
        return 0;
    }
    if (at == BEFORE_RUN) { /* before the run: its id may come again in the run */
        *take = RECORD_PASS;
        if (!id || !*id) return 0;
        if (grow((void **)&p->earlier, &p->cap_earlier, p->n_earlier, sizeof *p->earlier) < 0)
            return -1;
        p->earlier[p->n_earlier++] = id_hash(id);
        return 0;
    }
    if (!p->sorted) {
        if (p->n_earlier) qsort(p->earlier, p->n_earlier, sizeof *p->earlier, by_hash);
        p->n_sorted = p->n_earlier;
        p->sorted = 1;
    }
    *take = RECORD_TAKE;
    if (!id || !*id) return 0;
    uint64_t h = id_hash(id);
    if (p->n_sorted && bsearch(&h, p->earlier, p->n_sorted, sizeof h, by_hash)) {
        *take = RECORD_PASS;
        return defer(p, input, record);
    }
    /* before any run this plan goes on to */
    if (grow((void **)&p->earlier, &p->cap_earlier, p->n_earlier, sizeof *p->earlier) < 0)
        return -1;
    p->earlier[p->n_earlier++] = h;
    return 0;
}

void part_plan_continue(part_plan *p, unsigned run)
{
    p->run = &p->board->run[run];
    p->sorted = 0;
}

int part_plan_holds(part_plan *p, unsigned long long done)
{
    return p->board && claim(p, done) == IN_RUN;
}

unsigned long long part_plan_run_done(const part_plan *p, unsigned long long done)
{
    if (!p->board) return done;
    unsigned long long from = p->run->from, to = __atomic_load_n(&p->run->to, __ATOMIC_RELAXED);
    if (to > p->board->total) to = p->board->total;
    if (done <= from) return 0;
    return (done < to ? done : to) - from;
}

size_t part_plan_deferred(const part_plan *p)
{
    return p->n_deferred;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *b = buf;
    while (len) {
        ssize_t n = write(fd, b, len);
        if (n <= 0) return -1;
        b += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *b = buf;
    while (len) {
        ssize_t n = read(fd, b, len);
        if (n <= 0) return -1;
        b += n;
        len -= (size_t)n;
    }
    return 0;
}

int part_plan_write_deferred(const part_plan *p, int fd)
{
    uint64_t n = p->n_deferred;
    if (write_all(fd, &n, sizeof n) < 0) return -1;
    return n ? write_all(fd, p->deferred, p->n_deferred * sizeof *p->deferred) : 0;
}

int part_plan_read_deferred(part_plan *p, int fd)
{
    uint64_t n;
    if (read_all(fd, &n, sizeof n) < 0) return -1;
    for (uint64_t i = 0; i < n; i++) {
        record_ref r;
        if (read_all(fd, &r, sizeof r) < 0 || defer(p, r.input, r.record) < 0) return -1;
    }
    return 0;
}
