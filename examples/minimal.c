/* minimal.c - search a xapnews index from C: xapnews DB QUERY */
#include <stdio.h>
#include <xapnews.h>

int main(int argc, char **argv)
{
    xapnews_database_t *db;
    xapnews_query_t *query;
    xapnews_results_t *results;
    char *error = NULL;

    if (argc != 3) {
        fprintf(stderr, "usage: %s DB QUERY\n", argv[0]);
        return 2;
    }
    if (xapnews_database_open(argv[1], &db, &error) != XAPNEWS_STATUS_SUCCESS) {
        fprintf(stderr, "%s\n", error);
        xapnews_free(error);
        return 1;
    }
    if (xapnews_query_parse(db, argv[2], XAPNEWS_QUERY_DEFAULT_AND, &query) ||
        xapnews_query_search(query, 0, 10, &results)) {
        fprintf(stderr, "%s\n", xapnews_database_last_error(db));
        xapnews_database_close(db);
        return 1;
    }
    for (unsigned i = 0; i < xapnews_results_count(results); i++) {
        char *snippet = NULL;
        xapnews_results_snippet(results, i, 160, "<b>", "</b>", &snippet);
        printf("%u. %s [%s]\n   %s\n", xapnews_results_rank(results, i),
               xapnews_results_field(results, i, XAPNEWS_FIELD_TITLE),
               xapnews_results_field(results, i, XAPNEWS_FIELD_ID),
               snippet ? snippet : "");
        xapnews_free(snippet);
    }
    xapnews_results_destroy(results);
    xapnews_query_destroy(query);
    xapnews_database_close(db);
    return 0;
}
