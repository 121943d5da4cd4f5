/* portal.c - what a C web portal does with libxapnews, in one program:
 * open the index, combine the user's words with filters, count facets,
 * show one page of hits with highlighted snippets.
 *
 *   portal DB WORDS [OUTLET] [PAGE]
 *
 * OUTLET (may be "") restricts the hits to one outlet, PAGE (from 1)
 * picks the page of PAGE_SIZE hits. Uses only the public header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xapnews.h>

#define PAGE_SIZE 2

static void print_facet(const xapnews_results_t *r, xapnews_facet_t f,
                        const char *name)
{
    printf("facet %s:", name);
    for (size_t i = 0; i < xapnews_results_facet_size(r, f); i++) {
        unsigned long count;
        const char *value = xapnews_results_facet_value(r, f, i, &count);
        printf(" %s=%lu;", value, count);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: %s DB WORDS [OUTLET] [PAGE]\n", argv[0]);
        return 2;
    }
    const char *outlet = argc > 3 ? argv[3] : "";
    unsigned page = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 10) : 1;
    if (page < 1) page = 1;

    xapnews_database_t *db = NULL;
    xapnews_query_t *query = NULL;
    xapnews_results_t *results = NULL;
    char *error = NULL;
    int rc = 1;
    if (xapnews_database_open(argv[1], &db, &error)) {
        fprintf(stderr, "%s\n", error);
        xapnews_free(error);
        return 1;
    }

    /* the user's words, with the outlet filter added as query syntax */
    size_t n = strlen(argv[2]) + strlen(outlet) + 32;
    char *text = malloc(n);
    if (!text) goto out;
    if (*outlet) snprintf(text, n, "(%s) outlet:\"%s\"", argv[2], outlet);
    else snprintf(text, n, "%s", argv[2]);

    if (xapnews_query_parse(db, text, XAPNEWS_QUERY_DEFAULT_AND, &query) ||
        xapnews_query_set_facets(query, XAPNEWS_FACET_OUTLET | XAPNEWS_FACET_OFFICIAL |
                                            XAPNEWS_FACET_YEAR) ||
        xapnews_query_search(query, (page - 1) * PAGE_SIZE, PAGE_SIZE, &results)) {
        fprintf(stderr, "%s\n", xapnews_database_last_error(db));
        goto out;
    }
    unsigned long total = xapnews_results_total_estimate(results);
    printf("page %u of %s%lu match%s\n", page,
           xapnews_results_total_exact(results) ? "" : "about ", total,
           total == 1 ? "" : "es");
    for (unsigned i = 0; i < xapnews_results_count(results); i++) {
        char *snippet = NULL;
        if (xapnews_results_snippet(results, i, 120, "<b>", "</b>", &snippet)) goto out;
        printf("%u %s | %s | %s\n   %s\n", xapnews_results_rank(results, i),
               xapnews_results_field(results, i, XAPNEWS_FIELD_ID),
               xapnews_results_field(results, i, XAPNEWS_FIELD_OUTLET),
               xapnews_results_field(results, i, XAPNEWS_FIELD_TITLE), snippet);
        xapnews_free(snippet);
    }
    print_facet(results, XAPNEWS_FACET_OUTLET, "outlet");
    print_facet(results, XAPNEWS_FACET_OFFICIAL, "official");
    print_facet(results, XAPNEWS_FACET_YEAR, "year");
    rc = 0;
out:
    free(text);
    xapnews_results_destroy(results);
    xapnews_query_destroy(query);
    xapnews_database_close(db);
    return rc;
}
