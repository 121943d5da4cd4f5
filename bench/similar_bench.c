/* similar_bench.c - the cost of similar articles in libxapnews, for
 * bench/similar.py.
 *
 *   similar_bench DB < IDS
 *
 * Opens DB once and, for each article id of IDS (one a line), times one
 * xapnews_database_similar() of the top 10 and reads their ids (after
 * one untimed warm-up of the first id). Prints one line per id: "the
 * microseconds<TAB>id<TAB>the hits' ids, space-separated". Only the
 * public API <xapnews.h>, so it links against any build of libxapnews.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xapnews.h>

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* One similar() of ID, its hits' ids printed when OUT is not NULL;
 * returns the status. */
static xapnews_status_t similar(xapnews_database_t *db, const char *id, FILE *out)
{
    xapnews_results_t *r = NULL;
    double start = now_us();
    xapnews_status_t st = xapnews_database_similar(db, id, 0, 10, &r);
    unsigned n = st ? 0 : xapnews_results_count(r);
    for (unsigned i = 0; i < n; i++) xapnews_results_field(r, i, XAPNEWS_FIELD_ID);
    double took = now_us() - start;
    if (!st && out) {
        fprintf(out, "%.0f\t%s\t", took, id);
        for (unsigned i = 0; i < n; i++)
            fprintf(out, "%s%s", i ? " " : "", xapnews_results_field(r, i, XAPNEWS_FIELD_ID));
        fputc('\n', out);
    }
    xapnews_results_destroy(r);
    return st;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: similar_bench DB < IDS\n", stderr);
        return 2;
    }
    xapnews_database_t *db = NULL;
    char *error = NULL;
    if (xapnews_database_open(argv[1], &db, &error)) {
        fprintf(stderr, "similar_bench: %s\n", error);
        return 1;
    }
    char line[1024];
    int first = 1;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!*line) continue;
        if ((first && similar(db, line, NULL)) || similar(db, line, stdout)) {
            fprintf(stderr, "similar_bench: %s\n", xapnews_database_last_error(db));
            xapnews_database_close(db);
            return 1;
        }
        first = 0;
    }
    xapnews_database_close(db);
    return 0;
}
