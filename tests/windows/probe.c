/* probe.c - the engine's side of the window property test (windows.py).
 *
 *   probe words                 each line of stdin: its words as the
 *                               indexer sees them (one per position, the
 *                               bare word of a possessive), space-separated
 *   probe search DB [PROFILE]   each line of stdin is a query (AND, no typo
 *                               tolerance): the ids of every article it
 *                               matches, sorted, space-separated; a query
 *                               that does not parse prints "! message"
 */
#include "terms.h"
#include "xapnews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int words(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    xn_tokens l = XN_TOKENS_INIT;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = '\0';
        const char **w;
        size_t *lens, *index;
        if (xn_analyze(line, (size_t)n, NULL, 0, &l) == (unsigned)-1) return 1;
        size_t k = xn_tokens_primaries(&l, &w, &lens, &index);
        if (k == (size_t)-1) return 1;
        for (size_t i = 0; i < k; i++) printf("%s%.*s", i ? " " : "", (int)lens[i], w[i]);
        putchar('\n');
        fflush(stdout);
        free(w);
        free(lens);
        free(index);
    }
    xn_tokens_free(&l);
    free(line);
    return 0;
}

static int search(const char *path, const char *profile_path)
{
    xapnews_database_t *db;
    char *error = NULL;
    if (xapnews_database_open(path, &db, &error)) {
        fprintf(stderr, "probe: %s\n", error);
        return 1;
    }
    if (profile_path) {
        xapnews_profile_t *profile;
        if (xapnews_profile_load(profile_path, &profile, &error) ||
            xapnews_database_set_profile(db, profile)) {
            fprintf(stderr, "probe: %s\n", error ? error : "cannot set the profile");
            return 1;
        }
        xapnews_profile_destroy(profile);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = '\0';
        xapnews_query_t *q;
        xapnews_results_t *r;
        if (xapnews_query_parse(db, line, 0, &q)) {
            printf("! %s\n", xapnews_database_last_error(db));
            continue;
        }
        if (xapnews_query_search(q, 0, 1000000, &r)) {
            printf("! %s\n", xapnews_database_last_error(db));
            xapnews_query_destroy(q);
            continue;
        }
        unsigned count = xapnews_results_count(r);
        const char **ids = malloc((count ? count : 1) * sizeof *ids);
        if (!ids) return 1;
        for (unsigned i = 0; i < count; i++)
            ids[i] = xapnews_results_field(r, i, XAPNEWS_FIELD_ID);
        qsort(ids, count, sizeof *ids, cmp_str);
        for (unsigned i = 0; i < count; i++) printf("%s%s", i ? " " : "", ids[i]);
        putchar('\n');
        fflush(stdout);
        free(ids);
        xapnews_results_destroy(r);
        xapnews_query_destroy(q);
    }
    free(line);
    xapnews_database_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "words") == 0) return words();
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "search") == 0)
        return search(argv[2], argc == 4 ? argv[3] : NULL);
    fprintf(stderr, "usage: probe words | probe search DB [PROFILE]\n");
    return 2;
}
