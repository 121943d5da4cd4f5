/* query_bench.c - query latency of libxapnews, for bench/run.sh.
 *
 *   query_bench DB QUERIES PROFILE [PASSES [EXACT [and|or]]]
 *
 * Opens DB once, uses PROFILE (a profile file, or "none" for the built-in
 * plain BM25), and for each line of QUERIES times xapnews_query_parse() +
 * xapnews_query_search() of the top 10 with the default operator AND and
 * name-aware typo tolerance (as `xapnews search` runs them), plus reading
 * each hit's id and title. One untimed warm-up pass, then PASSES
 * timed passes (default 1); "or" as the last argument makes the default
 * operator OR (any word may match) instead. EXACT is the number of matches counted exactly
 * (xapnews_query_set_exact_count(): default 1000, "all" for every match,
 * 0 for only the page and 100 more). Prints one line per query and pass:
 * "microseconds<TAB>hits<TAB>estimate". Only the public API <xapnews.h>.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xapnews.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: query_bench DB QUERIES PROFILE [PASSES [EXACT [and|or]]]\n");
        return 2;
    }
    int passes = argc > 4 ? atoi(argv[4]) : 1;
    unsigned op = argc > 6 && strcmp(argv[6], "or") == 0 ? XAPNEWS_QUERY_DEFAULT_OR
                                                          : XAPNEWS_QUERY_DEFAULT_AND;
    unsigned exact = argc <= 5 ? XAPNEWS_COUNT_DEFAULT
                     : strcmp(argv[5], "all") == 0 ? XAPNEWS_COUNT_ALL
                     : (unsigned)strtoul(argv[5], NULL, 10);
    char *err = NULL;
    xapnews_database_t *db;
    if (xapnews_database_open(argv[1], &db, &err)) {
        fprintf(stderr, "query_bench: %s\n", err ? err : "cannot open");
        return 4;
    }
    if (strcmp(argv[3], "none") != 0) {
        xapnews_profile_t *profile;
        if (xapnews_profile_load(argv[3], &profile, &err) ||
            xapnews_database_set_profile(db, profile)) {
            fprintf(stderr, "query_bench: %s\n", err ? err : "bad profile");
            return 3;
        }
        xapnews_profile_destroy(profile);
    }

    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 3;
    }
    char **queries = NULL;
    size_t nq = 0, capq = 0, cap = 0;
    char *line = NULL;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        if (nq == capq) {
            capq = capq ? 2 * capq : 512;
            queries = realloc(queries, capq * sizeof *queries);
            if (!queries) return 6;
        }
        queries[nq++] = strdup(line);
    }
    free(line);
    fclose(f);

    size_t sink = 0;
    for (int pass = -1; pass < passes; pass++) {
        for (size_t i = 0; i < nq; i++) {
            xapnews_query_t *q = NULL;
            xapnews_results_t *r = NULL;
            double t0 = now_us();
            if (xapnews_query_parse(db, queries[i],
                                    op | XAPNEWS_QUERY_TYPOS, &q) ||
                xapnews_query_set_exact_count(q, exact) ||
                xapnews_query_search(q, 0, 10, &r)) {
                fprintf(stderr, "query_bench: %s: %s\n", queries[i],
                        xapnews_database_last_error(db));
                xapnews_query_destroy(q);
                if (pass >= 0) printf("nan\t0\t0\n");
                continue;
            }
            unsigned hits = xapnews_results_count(r);
            for (unsigned h = 0; h < hits; h++) {
                sink += strlen(xapnews_results_field(r, h, XAPNEWS_FIELD_ID));
                sink += strlen(xapnews_results_field(r, h, XAPNEWS_FIELD_TITLE));
            }
            unsigned long est = xapnews_results_total_estimate(r);
            xapnews_results_destroy(r);
            xapnews_query_destroy(q);
            double us = now_us() - t0;
            if (pass >= 0) printf("%.1f\t%u\t%lu\n", us, hits, est);
        }
    }
    if (sink == 1) fprintf(stderr, "?\n");
    for (size_t i = 0; i < nq; i++) free(queries[i]);
    free(queries);
    xapnews_database_close(db);
    return 0;
}
