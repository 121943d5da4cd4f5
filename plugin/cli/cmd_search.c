/* cmd_search.c - `xapnews search`: run a query and print the hits. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SNIPPET_BYTES 240
/* Below this many matches a search also offers a spelling correction. */
#define SUGGEST_BELOW 3

static const char help[] =
    "Usage: xapnews search --db DB [OPTIONS] [--] QUERY...\n"
    "Search the database DB (a database directory or a Xapian stub file).\n"
    "Options come before the query; the query's words are joined by spaces.\n"
    "\n"
    "Query syntax:\n"
    "  word             stemmed unless Capitalised (so 'talks' finds 'talk')\n"
    "  \"a phrase\"       the words in this order\n"
    "  cyber-security   also finds 'cyber security' and 'cybersecurity'\n"
    "  Khodor*          every word starting with Khodor (at most 1000 of them)\n"
    "  +word -word      require / exclude a word\n"
    "  a AND b, a OR b, a NOT b, (a OR b) c\n"
    "  word^2  \"a phrase\"^0.5  (a OR b)^3   weigh an item more (or less)\n"
    "  title:WORD  title:\"PHRASE\"  official:NAME  official:\"FULL NAME\"\n"
    "  outlet:NAME  outlet:\"NAME\"  id:ID\n"
    "  date:2016  date:2016-05  date:2016-05-01  date:2016-01-01..2016-06-30\n"
    "  date:..2016-06-30  date:2016-01-01..\n"
    "Words without an operator must all match; --any lets any of them match.\n"
    "A query wholly in capitals is read as lower case (its AND, OR and NOT\n"
    "are words). With the default profile, words like 'the' and 'what' are\n"
    "left out unless every word is one or they are quoted or +required.\n"
    "A query that does not parse (an unclosed parenthesis, say) is searched as\n"
    "plain words and the output says so; --strict makes it an error (status 5).\n"
    "After the options, a word starting with '-' is a query word (-iraq\n"
    "excludes iraq), not an option.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB        the database to search (required)\n"
    "  -n, --limit N      show at most N hits (default 10)\n"
    "      --offset N     skip the first N hits (default 0)\n"
    "      --any          match any word instead of all of them\n"
    "      --profile FILE boost profile (default: schemas/profiles/default.conf;\n"
    "                     'none' for plain BM25 over the text)\n"
    "      --json         print the results as one JSON object\n"
    "      --sort ORDER   relevance (default), newest or oldest (by date, ties\n"
    "                     by relevance; articles without a date come last with\n"
    "                     newest, first with oldest)\n"
    "      --facets LIST  also count the matching articles by outlet, official,\n"
    "                     year and/or month (comma-separated), over all matches;\n"
    "                     years and months in date order\n"
    "      --color WHEN   highlight matches in colour: auto (on a terminal),\n"
    "                     always or never (default auto)\n"
    "      --strict       refuse a query that does not parse\n"
    "      --no-typos     do not also search a rare word as the name it is a\n"
    "                     few letters from (\"Shengkum\" -> Shengkun)\n"
    "      --exact-count  count every match, however many (slower for common\n"
    "                     words); by default up to 1000 matches are counted\n"
    "                     exactly and more are estimated\n"
    "  -h, --help         show this help\n"
    "\n"
    "The first line gives the number of matching articles: \"N articles\"\n"
    "when it is exact, \"about N articles\" when it is an estimate.\n"
    "\n"
    "JSON output: {\"query\":..., \"syntax_error\": why it was searched as\n"
    "plain words or null, \"total_estimate\":N, \"total_exact\":BOOL,\n"
    "\"total_lower\":N, \"total_upper\":N, \"hits\":[{\"id\",\n"
    "\"rank\",\"score\",\"title\",\"date\",\"outlet\",\"url\",\"snippet\"}],\n"
    "\"also_searched\":[{\"word\",\"name\"}]}, with\n"
    "--facets also \"facets\":{\"outlet\":[{\"value\",\"count\"}],...}\n"
    "\n"
    "A search matching fewer than 3 articles whose misspelt words have\n"
    "corrections in the index's spelling data searches the corrected query\n"
    "instead when that matches more, and says so: 'Showing results for\n"
    "CORRECTED. Search instead for: QUERY' (JSON: \"corrected_query\" and\n"
    "\"original_query\", null when not corrected); otherwise it prints 'did you\n"
    "mean: QUERY' (JSON: \"did_you_mean\", null when there is none).\n"
    "--no-typos turns corrections off.\n"
    "\n" EXIT_CODES_HELP;

static const struct {
    const char *name;
    xapnews_facet_t facet;
} facet_names[] = {{"outlet", XAPNEWS_FACET_OUTLET},
                   {"official", XAPNEWS_FACET_OFFICIAL},
                   {"year", XAPNEWS_FACET_YEAR},
                   {"month", XAPNEWS_FACET_MONTH}};
#define N_FACETS (sizeof facet_names / sizeof facet_names[0])

/* Parses "outlet,official,year,month" into a mask; -1 on an unknown name. */
static int parse_facets(const char *list)
{
    int mask = 0;
    char *copy = strdup(list), *save = NULL;
    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < N_FACETS && strcmp(facet_names[k].name, name) != 0) k++;
        if (k == N_FACETS) {
            cli_error("search: unknown facet '%s' (outlet, official, year or month)", name);
            mask = -1;
            break;
        }
        mask |= (int)facet_names[k].facet;
    }
    free(copy);
    return mask;
}

static void print_facets_json(const xapnews_results_t *r, unsigned mask)
{
    fputs(",\"facets\":{", stdout);
    int first = 1;
    for (size_t k = 0; k < N_FACETS; k++) {
        if (!(mask & facet_names[k].facet)) continue;
        printf("%s\"%s\":[", first ? "" : ",", facet_names[k].name);
        first = 0;
        for (size_t i = 0; i < xapnews_results_facet_size(r, facet_names[k].facet); i++) {
            unsigned long count;
            const char *v = xapnews_results_facet_value(r, facet_names[k].facet, i, &count);
            printf("%s{\"value\":", i ? "," : "");
            cli_json_string(stdout, v);
            printf(",\"count\":%lu}", count);
        }
        fputc(']', stdout);
    }
    fputc('}', stdout);
}

static void print_facets_human(const xapnews_results_t *r, unsigned mask)
{
    for (size_t k = 0; k < N_FACETS; k++) {
        if (!(mask & facet_names[k].facet)) continue;
        printf("%s:", facet_names[k].name);
        size_t n = xapnews_results_facet_size(r, facet_names[k].facet);
        for (size_t i = 0; i < n; i++) {
            unsigned long count;
            const char *v = xapnews_results_facet_value(r, facet_names[k].facet, i, &count);
            printf("%s %s (%lu)", i ? "," : "", v, count);
        }
        puts(n ? "" : " -");
    }
}

/* The words also searched as names: "also searched: NAME for WORD". */
static void print_typos(const xapnews_query_t *q, int json)
{
    size_t n = xapnews_query_typo_count(q);
    if (json) fputs(",\"also_searched\":[", stdout);
    for (size_t i = 0; i < n; i++) {
        const char *word, *name;
        xapnews_query_typo(q, i, &word, &name);
        if (!json) {
            printf("also searched: %s for %s\n", name, word);
            continue;
        }
        fputs(i ? ",{\"word\":" : "{\"word\":", stdout);
        cli_json_string(stdout, word);
        fputs(",\"name\":", stdout);
        cli_json_string(stdout, name);
        fputc('}', stdout);
    }
    if (json) fputc(']', stdout);
}

/* A JSON string, or null for NULL. */
static void json_string_or_null(const char *s)
{
    if (s) cli_json_string(stdout, s);
    else fputs("null", stdout);
}

static int print_json(const char *text, const char *original, const xapnews_query_t *q,
                      const xapnews_results_t *r, unsigned facets,
                      const char *suggestion)
{
    fputs("{\"query\":", stdout);
    cli_json_string(stdout, text);
    fputs(",\"corrected_query\":", stdout);
    json_string_or_null(original ? text : NULL);
    fputs(",\"original_query\":", stdout);
    json_string_or_null(original);
    fputs(",\"syntax_error\":", stdout);
    json_string_or_null(xapnews_query_syntax_error(q));
    print_typos(q, 1);
    unsigned long lower, upper;
    xapnews_results_total_bounds(r, &lower, &upper);
    printf(",\"total_estimate\":%lu,\"total_exact\":%s,\"total_lower\":%lu,"
           "\"total_upper\":%lu,\"hits\":[",
           xapnews_results_total_estimate(r),
           xapnews_results_total_exact(r) ? "true" : "false", lower, upper);
    for (unsigned i = 0; i < xapnews_results_count(r); i++) {
        char *snippet = NULL;
        if (xapnews_results_snippet(r, i, SNIPPET_BYTES, "", "", &snippet))
            return EXIT_INTERNAL;
        printf("%s{\"id\":", i ? "," : "");
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_ID));
        printf(",\"rank\":%u,\"score\":%.6g,\"title\":",
               xapnews_results_rank(r, i), xapnews_results_score(r, i));
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_TITLE));
        fputs(",\"date\":", stdout);
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_DATE));
        fputs(",\"outlet\":", stdout);
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_OUTLET));
        fputs(",\"url\":", stdout);
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_URL));
        fputs(",\"snippet\":", stdout);
        cli_json_string(stdout, snippet);
        fputc('}', stdout);
        xapnews_free(snippet);
    }
    fputs("]", stdout);
    if (facets) print_facets_json(r, facets);
    fputs(",\"did_you_mean\":", stdout);
    if (suggestion) cli_json_string(stdout, suggestion);
    else fputs("null", stdout);
    fputs("}\n", stdout);
    return EXIT_OK;
}

static int print_human(const char *text, const xapnews_results_t *r,
                       unsigned offset, int color, unsigned facets,
                       const char *suggestion)
{
    if (suggestion) printf("did you mean: %s\n", suggestion);
    const char *hl_open = color ? "\033[1;33m" : "[", *hl_close = color ? "\033[0m" : "]";
    const char *bold = color ? "\033[1m" : "", *dim = color ? "\033[2m" : "",
               *reset = color ? "\033[0m" : "";
    unsigned n = xapnews_results_count(r);
    unsigned long total = xapnews_results_total_estimate(r);
    char count[64];
    snprintf(count, sizeof count, "%s%lu article%s",
             xapnews_results_total_exact(r) ? "" : "about ", total,
             total == 1 ? "" : "s");
    if (n == 0) {
        if (total) printf("No hits past rank %u of %s for: %s\n", offset, count, text);
        else printf("No articles match: %s\n", text);
        if (facets) print_facets_human(r, facets);
        return EXIT_OK;
    }
    printf("Hits %u-%u of %s for: %s\n\n", xapnews_results_rank(r, 0),
           xapnews_results_rank(r, n - 1), count, text);
    for (unsigned i = 0; i < n; i++) {
        const char *date = xapnews_results_field(r, i, XAPNEWS_FIELD_DATE);
        const char *outlet = xapnews_results_field(r, i, XAPNEWS_FIELD_OUTLET);
        const char *title = xapnews_results_field(r, i, XAPNEWS_FIELD_TITLE);
        char *snippet = NULL;
        if (xapnews_results_snippet(r, i, SNIPPET_BYTES, hl_open, hl_close,
                                    &snippet))
            return EXIT_INTERNAL;
        printf("%2u. %s%s%s\n", xapnews_results_rank(r, i), bold,
               *title ? title : "(no title)", reset);
        printf("    %sscore %.3f | date %s | outlet %s | id %s%s\n", dim,
               xapnews_results_score(r, i), *date ? date : "-",
               *outlet ? outlet : "-",
               xapnews_results_field(r, i, XAPNEWS_FIELD_ID), reset);
        if (*snippet) printf("    %s\n", snippet);
        putchar('\n');
        xapnews_free(snippet);
    }
    if (facets) print_facets_human(r, facets);
    return EXIT_OK;
}

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"any", no_argument, NULL, 'a'},
        {"profile", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"facets", required_argument, NULL, 'F'},
        {"sort", required_argument, NULL, 'O'},
        {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'},
        {"no-typos", no_argument, NULL, 'T'},
        {"strict", no_argument, NULL, 'S'},
        {"exact-count", no_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_path = NULL, *color_when = "auto", *profile = NULL;
    unsigned typos = XAPNEWS_QUERY_TYPOS, strict = 0;
    unsigned limit = 10, offset = 0, flags = XAPNEWS_QUERY_DEFAULT_AND;
    unsigned exact = XAPNEWS_COUNT_DEFAULT;
    int json = 0, c, facets = 0;
    xapnews_sort_t sort = XAPNEWS_SORT_RELEVANCE;
    optind = 1;
    while (!cli_query_starts(argc, argv, "dnh") &&
           (c = getopt_long(argc, argv, "+d:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'n': limit = cli_parse_uint("--limit", optarg); break;
        case 'o': offset = cli_parse_uint("--offset", optarg); break;
        case 'a': flags = XAPNEWS_QUERY_DEFAULT_OR; break;
        case 'T': typos = 0; break;
        case 'S': strict = XAPNEWS_QUERY_STRICT; break;
        case 'E': exact = XAPNEWS_COUNT_ALL; break;
        case 'p': profile = optarg; break;
        case 'j': json = 1; break;
        case 'F':
            if ((facets = parse_facets(optarg)) < 0) return EXIT_USAGE;
            break;
        case 'c': color_when = optarg; break;
        case 'O':
            if (strcmp(optarg, "relevance") == 0) sort = XAPNEWS_SORT_RELEVANCE;
            else if (strcmp(optarg, "newest") == 0) sort = XAPNEWS_SORT_NEWEST;
            else if (strcmp(optarg, "oldest") == 0) sort = XAPNEWS_SORT_OLDEST;
            else {
                cli_error("search: --sort takes relevance, newest or oldest, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews search --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    int color;
    if (strcmp(color_when, "auto") == 0) color = isatty(STDOUT_FILENO);
    else if (strcmp(color_when, "always") == 0) color = 1;
    else if (strcmp(color_when, "never") == 0) color = 0;
    else {
        cli_error("search: --color takes auto, always or never, not '%s'", color_when);
        return EXIT_USAGE;
    }
    if (!db_path) {
        cli_error("search: --db DB is required");
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("search: give a query (see 'xapnews search --help')");
        return EXIT_USAGE;
    }
    char *text = cli_text_args(argc - optind, argv + optind);
    if (!text) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = EXIT_OK;
    char *original = NULL; /* the text as typed, when TEXT is its correction */
    xapnews_database_t *db = NULL;
    xapnews_query_t *query = NULL;
    xapnews_results_t *results = NULL;
    xapnews_status_t st;
    if ((rc = cli_open_database(db_path, &db)) != 0) goto out;
    if ((rc = cli_use_profile(db, profile)) != 0) goto out;
    /* a query matching (almost) nothing is searched as corrected, when
     * the correction finds more */
    char *corrected = NULL;
    if ((st = xapnews_database_correct(db, text, flags | typos | strict, &corrected))) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
        goto out;
    }
    if (corrected) {
        original = text;
        text = corrected;
    }
    if ((st = xapnews_query_parse(db, text, flags | typos | strict, &query)) ||
        (st = xapnews_query_set_facets(query, (unsigned)facets)) ||
        (st = xapnews_query_set_sort(query, sort)) ||
        (st = xapnews_query_set_exact_count(query, exact)) ||
        (st = xapnews_query_search(query, offset, limit, &results))) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
        goto out;
    }
    char *suggestion = NULL; /* no correction is no reason to fail */
    if (!original && xapnews_results_total_estimate(results) < SUGGEST_BELOW &&
        xapnews_database_suggest(db, text, &suggestion))
        suggestion = NULL;
    if (!json && original)
        printf("Showing results for %s. Search instead for: %s\n", text, original);
    if (!json && xapnews_query_syntax_error(query))
        printf("Searched as plain words (%s)\n", xapnews_query_syntax_error(query));
    if (!json) print_typos(query, 0);
    rc = json ? print_json(text, original, query, results, (unsigned)facets, suggestion)
              : print_human(text, results, offset, color, (unsigned)facets, suggestion);
    xapnews_free(suggestion);
out:
    xapnews_results_destroy(results);
    xapnews_query_destroy(query);
    xapnews_database_close(db);
    if (original) { /* TEXT is the correction */
        xapnews_free(text);
        text = original;
    }
    xapnews_free(text);
    return rc;
}
