/* facet_bench.c - the cost of facets in libxapnews, for bench/facets.py.
 *
 *   facet_bench DB FACETS PASSES < QUERIES
 *
 * Opens DB once and, for each line of QUERIES, times PASSES runs (after
 * one untimed warm-up) of xapnews_query_parse() + xapnews_query_search()
 * of the top 10 (default operator AND, as `xapnews search --no-typos`
 * runs them) counting FACETS, a comma-separated list of outlet, official
 * and year ("none" for none). Prints one line per query:
 * "median microseconds<TAB>estimate<TAB>facets", the facets as
 * "name:value=count;..." to compare builds. Only the public API
 * <xapnews.h>, so it links against any build of libxapnews.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xapnews.h>

static const struct {
    const char *name;
    xapnews_facet_t facet;
} facets[] = {{"outlet", XAPNEWS_FACET_OUTLET},
              {"official", XAPNEWS_FACET_OFFICIAL},
              {"year", XAPNEWS_FACET_YEAR}};
#define N_FACETS (sizeof facets / sizeof facets[0])

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static unsigned parse_mask(const char *list)
{
    unsigned mask = 0;
    for (size_t k = 0; k < N_FACETS; k++)
        if (strstr(list, facets[k].name)) mask |= (unsigned)facets[k].facet;
    return mask;
}

static void print_facets(const xapnews_results_t *r, unsigned mask)
{
    for (size_t k = 0; k < N_FACETS; k++) {
        if (!(mask & facets[k].facet)) continue;
        for (size_t i = 0; i < xapnews_results_facet_size(r, facets[k].facet); i++) {
            unsigned long count;
            const char *v = xapnews_results_facet_value(r, facets[k].facet, i, &count);
            printf("%s:%s=%lu;", facets[k].name, v, count);
        }
    }
}

/* Runs QUERY once; prints its estimate and facets when PRINT. Returns the
 * microseconds taken, or -1. */
static double run(xapnews_database_t *db, const char *query, unsigned mask, int print)
{
    xapnews_query_t *q = NULL;
    xapnews_results_t *r = NULL;
    double t0 = now_us();
    if (xapnews_query_parse(db, query, XAPNEWS_QUERY_DEFAULT_AND, &q) ||
        xapnews_query_set_facets(q, mask) || xapnews_query_search(q, 0, 10, &r)) {
        fprintf(stderr, "facet_bench: %s: %s\n", query, xapnews_database_last_error(db));
        xapnews_query_destroy(q);
        return -1;
    }
    double us = now_us() - t0;
    if (print) {
        printf("\t%lu\t", xapnews_results_total_estimate(r));
        print_facets(r, mask);
        putchar('\n');
    }
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return us;
}

int main(int argc, char **argv)
{
    if (argc != 4 || atoi(argv[3]) < 1) {
        fprintf(stderr, "usage: facet_bench DB FACETS PASSES < QUERIES\n");
        return 2;
    }
    int passes = atoi(argv[3]);
    unsigned mask = parse_mask(argv[2]);
    char *err = NULL;
    xapnews_database_t *db;
    if (xapnews_database_open(argv[1], &db, &err)) {
        fprintf(stderr, "facet_bench: %s\n", err ? err : "cannot open");
        return 4;
    }
    double *t = malloc((size_t)passes * sizeof *t);
    if (!t) return 6;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        if (run(db, line, mask, 0) < 0) { /* warm-up */
            rc = 1;
            continue;
        }
        for (int p = 0; p < passes; p++) t[p] = run(db, line, mask, 0);
        qsort(t, (size_t)passes, sizeof *t, cmp_double);
        printf("%.1f", t[passes / 2]);
        run(db, line, mask, 1);
    }
    free(t);
    free(line);
    xapnews_database_close(db);
    return rc;
}
