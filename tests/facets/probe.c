/* probe.c - the engine's side of the official facet test (tests/cli/facets.sh).
 *
 *   probe DB   each line of stdin is a query; prints two lines for it:
 *                QUERY <tab> METHOD <tab> MATCHES <tab> FACET
 *              first as searches count officials (METHOD "one-pass", or
 *              "by-term" where a match lacks the officials slot), then
 *              counted by term, one match per official (METHOD "oracle").
 *              FACET is every official with its count ("name=count",
 *              joined by "; "), most frequent first, not cut to the
 *              facet's usual length. A query that does not parse prints
 *              "QUERY <tab> ! message".
 */
#include "database.h"
#include "facets.h"
#include "query.h"
#include "xapnews.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *method_name(xn_officials_method m, int oracle)
{
    if (oracle) return "oracle";
    return m == XN_OFFICIALS_ONE_PASS ? "one-pass" : m == XN_OFFICIALS_BY_TERM ? "by-term" : "none";
}

/* Prints QUERY's line for one way of counting; returns 0, or 1 on failure. */
static int print_facet(xapnews_database_t *db, const xapnews_query_t *q,
                       const char *text, int oracle)
{
    xn_facet_options opt = {XAPNEWS_FACET_OFFICIAL, UINT_MAX, oracle, NULL, 0, NULL,
                            XS_NO_COLLAPSE};
    xn_facet out[XN_FACET_COUNT];
    xn_officials_method used;
    xn_error err;
    xn_error_clear(&err);
    xs_mset *m = xn_facets_search(xn_database_handle(db), xn_query_handle(q), 0, 0,
                                  xn_query_weighting(q), NULL, &opt, xn_database_tables(db),
                                  out, &used, &err);
    if (!m) {
        fprintf(stderr, "probe: %s: %s\n", text, err.message);
        return 1;
    }
    printf("%s\t%s\t%lu\t", text, method_name(used, oracle), xs_mset_estimate(m));
    const xn_facet *f = &out[xn_facet_index(XAPNEWS_FACET_OFFICIAL)];
    for (size_t i = 0; i < f->n; i++)
        printf("%s%s=%lu", i ? "; " : "", f->e[i].value, f->e[i].count);
    putchar('\n');
    xn_facets_free(out);
    xs_mset_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: probe DB < queries\n");
        return 2;
    }
    xapnews_database_t *db;
    char *error = NULL;
    if (xapnews_database_open(argv[1], &db, &error)) {
        fprintf(stderr, "probe: %s\n", error);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = '\0';
        xapnews_query_t *q;
        if (xapnews_query_parse(db, line, 0, &q)) {
            printf("%s\t! %s\n", line, xapnews_database_last_error(db));
            continue;
        }
        rc = print_facet(db, q, line, 0) || print_facet(db, q, line, 1);
        fflush(stdout);
        xapnews_query_destroy(q);
    }
    free(line);
    xapnews_database_close(db);
    return rc;
}
