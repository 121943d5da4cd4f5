/* index_parts.c - see index_parts.h. */
#include "index_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    int input;
    unsigned long record;
} record_ref;

struct part_plan {
    unsigned part, nparts; /* nparts 0: a replay */
    unsigned long long total;
    double *start;         /* where each run starts, in input bytes;
                              start[nparts] is the total */
    uint64_t *earlier;     /* hashes of the ids before the run */
    size_t n_earlier, cap_earlier;
    int sorted;
    record_ref *deferred;  /* in input order */
    size_t n_deferred, cap_deferred;
    size_t next;           /* a replay: the next deferred record to take */
};

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

part_plan *part_plan_new(unsigned part, unsigned nparts, unsigned long long total)
{
    part_plan *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->part = part;
    p->nparts = nparts ? nparts : 1;
    p->total = total;
    if (!(p->start = malloc((p->nparts + 1) * sizeof *p->start))) {
        free(p);
        return NULL;
    }
    /* run j costs len_j + PART_PASS_COST * start_j, the same for every j:
     * start_{j+1} = c + (1 - PART_PASS_COST) * start_j, start_nparts = total */
    double keep = 1.0 - PART_PASS_COST, c = 0.0, k = 1.0;
    for (unsigned j = 0; j < p->nparts; j++) {
        c += k;
        k *= keep;
    }
    c = (double)total / c;
    p->start[0] = 0.0;
    for (unsigned j = 0; j < p->nparts; j++) p->start[j + 1] = c + keep * p->start[j];
    p->start[p->nparts] = (double)total;
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
    free(p->start);
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

/* The part a record ending DONE bytes into the inputs belongs to. */
static unsigned part_of(const part_plan *p, unsigned long long done)
{
    if (!p->total) return 0;
    if (done >= p->total) return p->nparts - 1;
    unsigned q = 0;
    while (q + 1 < p->nparts && (double)done >= p->start[q + 1]) q++;
    return q;
}

static int replay_take(part_plan *p, int input, unsigned long record, record_take *take)
{
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
    if (!p->nparts) return replay_take(p, input, record, take);
    unsigned q = part_of(p, done);
    if (q > p->part) {
        *take = RECORD_STOP;
        return 0;
    }
    if (q < p->part) { /* before the run: its id may come again in the run */
        *take = RECORD_PASS;
        if (!id || !*id) return 0;
        if (grow((void **)&p->earlier, &p->cap_earlier, p->n_earlier, sizeof *p->earlier) < 0)
            return -1;
        p->earlier[p->n_earlier++] = id_hash(id);
        return 0;
    }
    if (!p->sorted) {
        if (p->n_earlier) qsort(p->earlier, p->n_earlier, sizeof *p->earlier, by_hash);
        p->sorted = 1;
    }
    *take = RECORD_TAKE;
    if (id && *id && p->n_earlier) {
        uint64_t h = id_hash(id);
        if (bsearch(&h, p->earlier, p->n_earlier, sizeof h, by_hash)) {
            *take = RECORD_PASS;
            return defer(p, input, record);
        }
    }
    return 0;
}

int part_plan_holds(const part_plan *p, unsigned long long done)
{
    return p->nparts && part_of(p, done) == p->part;
}

unsigned long long part_plan_run_done(const part_plan *p, unsigned long long done)
{
    if (!p->nparts) return done;
    double from = p->start[p->part], to = p->start[p->part + 1], at = (double)done;
    if (at <= from) return 0;
    return (unsigned long long)((at < to ? at : to) - from);
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
