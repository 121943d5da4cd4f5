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
    "  like:ID          articles like the article ID (as 'xapnews similar'),\n"
    "                   without it and its near duplicates; with other words\n"
    "                   and filters as any item: like:ID china, like:ID -trade\n"
    "  date:2016  date:2016-05  date:2016-05-01  date:2016-01-01..2016-06-30\n"
    "  date:..2016-06-30  date:2016-01-01..\n"
    "  NAME:...         a field of the database's fields schema (xapnews\n"
    "                   fields --db DB): a searchable text field's words, a\n"
    "                   filterable keyword's value (category:sport), date (as\n"
    "                   date:) or number (pages:12, pages:10..20, pages:..5)\n"
    "Words without an operator must all match; --any lets any of them match.\n"
    "A query wholly in capitals is read as lower case (its AND, OR and NOT\n"
    "are words). With the default profile, words like 'the' and 'what' are\n"
    "left out unless every word is one or they are quoted or +required.\n"
    "A query that does not parse (an unclosed parenthesis, say) is searched as\n"
    "plain words and the output says so; --strict makes it an error (status 5).\n"
    "A query is refused (status 5) past 65536 bytes or 1024 words.\n"
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
    "                     newest, first with oldest), or a sortable field:\n"
    "                     FIELD (ascending) or FIELD:desc, articles without a\n"
    "                     value first ascending, last descending\n"
    "      --facets LIST  also count the matching articles by outlet, official,\n"
    "                     year, month and/or a facetable field of the fields\n"
    "                     schema (comma-separated), over all matches; years and\n"
    "                     months in date order\n"
    "      --collapse     one hit per story: near-duplicate copies of an article\n"
    "                     (bodies overlapping by an estimated 0.7 or more) are\n"
    "                     shown once, the best ranked, with \"N more like it\";\n"
    "                     the count is of stories\n"
    "      --duplicates-of ID  instead of a query: the other articles of the\n"
    "                     story of article ID, oldest first\n"
    "      --marks OPEN,CLOSE  mark the highlighted words with OPEN and CLOSE\n"
    "                     (such as '<b>,</b>'): in JSON snippets, which have no\n"
    "                     marks without it, and instead of [ ] or colour\n"
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
    "\"rank\",\"score\",\"title\",\"date\",\"outlet\",\"url\",\"fields\":{NAME:...},\n"
    "\"story\",\"snippet\",\"highlights\":[[START,END],...]}], \"also_searched\":[{\"word\",\n"
    "\"name\"}]}, with --facets also \"facets\":{\"outlet\":[{\"value\",\"count\"}],\n"
    "...}. A value the article does not have is null (title, date, outlet,\n"
    "url, snippet, and each declared field in \"fields\": a string, a number\n"
    "for a number field, an array for a multiple one). \"highlights\" are the\n"
    "byte offsets of the highlighted words in \"snippet\" (between the marks\n"
    "with --marks). \"story\" is the article's story key (the id of the\n"
    "first article of its near duplicates); with --collapse each hit also has\n"
    "\"more_like_it\":N. --duplicates-of gives \"query\":null and\n"
    "\"duplicates_of\":ID.\n"
    "\n"
    "A search matching fewer than 3 articles whose misspelt words have\n"
    "corrections in the index's spelling data searches the corrected query\n"
    "instead when that matches more, and says so: 'Showing results for\n"
    "CORRECTED. Search instead for: QUERY' (JSON: \"corrected_query\" and\n"
    "\"original_query\", null when not corrected); otherwise it prints 'did you\n"
    "mean: QUERY' (JSON: \"did_you_mean\", null when there is none).\n"
    "--no-typos turns corrections off.\n"
    "\n" EXIT_CODES_HELP;

static const char similar_help[] =
    "Usage: xapnews similar --db DB [OPTIONS] [--] ID\n"
    "List the articles of DB like the article whose id is ID (\"more like\n"
    "this\"), best first, as 'xapnews search' lists hits; the same as\n"
    "searching like:ID.\n"
    "\n"
    "The article's 40 words that best tell it apart (by Xapian's relevance\n"
    "feedback, its expand set: words it holds often that few articles hold)\n"
    "are searched, any of them, weighted as a search's words are. The\n"
    "article itself and its near duplicates (the articles of its story) are\n"
    "left out. Only plain words count: not stems, fields or filters.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB        the database (required)\n"
    "  -n, --limit N      show at most N articles (default 10)\n"
    "      --offset N     skip the first N articles (default 0)\n"
    "      --profile FILE boost profile (default: schemas/profiles/default.conf;\n"
    "                     'none' for plain BM25)\n"
    "      --json         print the results as one JSON object, as search does\n"
    "                     (\"query\" is \"like:ID\")\n"
    "      --sort ORDER   relevance (default), newest, oldest or a sortable\n"
    "                     field, as for search\n"
    "      --facets LIST  also count the articles by outlet, official, year,\n"
    "                     month and/or a facetable field, as for search\n"
    "      --marks OPEN,CLOSE  mark the highlighted words, as for search\n"
    "      --color WHEN   auto, always or never (default auto)\n"
    "      --exact-count  count every match, however many\n"
    "  -h, --help         show this help\n"
    "\n"
    "An ID no article has is exit status 5: \"no article with id 'ID'\".\n"
    "\n" EXIT_CODES_HELP;

static const struct {
    const char *name;
    xapnews_facet_t facet;
} facet_names[] = {{"outlet", XAPNEWS_FACET_OUTLET},
                   {"official", XAPNEWS_FACET_OFFICIAL},
                   {"year", XAPNEWS_FACET_YEAR},
                   {"month", XAPNEWS_FACET_MONTH}};
#define N_FACETS (sizeof facet_names / sizeof facet_names[0])

/* The most declared fields one search counts (xapnews.h). */
#define MAX_FIELD_FACETS 16

/* What --facets asks for: the built-in facets as a mask, and the names of
 * declared fields, checked once the database is open. */
typedef struct {
    unsigned mask;
    char *list; /* the option's copy that NAMES point into */
    const char *names[MAX_FIELD_FACETS];
    size_t n;
} facet_request;

/* Parses "outlet,official,year,month,FIELD..." into R; -1 (with the error
 * printed) for too many fields. */
static int parse_facets(const char *list, facet_request *r)
{
    free(r->list);
    memset(r, 0, sizeof *r);
    char *save = NULL;
    if (!(r->list = strdup(list))) return -1;
    for (char *name = strtok_r(r->list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < N_FACETS && strcmp(facet_names[k].name, name) != 0) k++;
        if (k < N_FACETS) {
            r->mask |= (unsigned)facet_names[k].facet;
            continue;
        }
        if (r->n == MAX_FIELD_FACETS) {
            cli_error("search: at most %d field facets", MAX_FIELD_FACETS);
            return -1;
        }
        r->names[r->n++] = name;
    }
    return 0;
}

/* The declared facetable fields of FIELDS, ", "-joined, into OUT. */
static void facetable_names(const xapnews_fields_t *fields, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < xapnews_fields_count(fields); i++) {
        unsigned flags = xapnews_fields_flags(fields, i);
        if (!(flags & XAPNEWS_FIELD_FACETABLE) || (flags & XAPNEWS_FIELD_BUILTIN)) continue;
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? ", " : "", xapnews_fields_name(fields, i));
    }
}

/* Asks Q for the declared fields' facets of R, which DB's schema must
 * declare facetable. Returns 0 or the exit code (the error printed). */
static int ask_field_facets(xapnews_database_t *db, xapnews_query_t *q, const facet_request *r)
{
    const xapnews_fields_t *fields = xapnews_database_fields(db);
    for (size_t k = 0; k < r->n; k++) {
        long i = xapnews_fields_find(fields, r->names[k]);
        unsigned flags = i >= 0 ? xapnews_fields_flags(fields, (size_t)i) : 0;
        if (i < 0 || (flags & XAPNEWS_FIELD_BUILTIN)) {
            char names[512];
            facetable_names(fields, names, sizeof names);
            if (*names)
                cli_error("search: unknown facet '%s' (outlet, official, year or month, or a "
                          "facetable field of the database: %s)",
                          r->names[k], names);
            else
                cli_error("search: unknown facet '%s' (outlet, official, year or month)",
                          r->names[k]);
            return EXIT_USAGE;
        }
        if (!(flags & XAPNEWS_FIELD_FACETABLE)) {
            cli_error("search: field '%s' is not facetable (declare it facetable in the "
                      "fields schema and index again with --reindex)",
                      r->names[k]);
            return EXIT_USAGE;
        }
        xapnews_status_t st = xapnews_query_add_facet_field(q, r->names[k]);
        if (st) {
            cli_error("search: %s", xapnews_database_last_error(db));
            return cli_exit_code(st);
        }
    }
    return 0;
}

static void print_facet_values_json(const xapnews_results_t *r, xapnews_facet_t facet,
                                    const char *field)
{
    size_t n = field ? xapnews_results_field_facet_size(r, field)
                     : xapnews_results_facet_size(r, facet);
    for (size_t i = 0; i < n; i++) {
        unsigned long count;
        const char *v = field ? xapnews_results_field_facet_value(r, field, i, &count)
                              : xapnews_results_facet_value(r, facet, i, &count);
        printf("%s{\"value\":", i ? "," : "");
        cli_json_string(stdout, v);
        printf(",\"count\":%lu}", count);
    }
}

static void print_facets_json(const xapnews_results_t *r, const facet_request *f)
{
    fputs(",\"facets\":{", stdout);
    int first = 1;
    for (size_t k = 0; k < N_FACETS; k++) {
        if (!(f->mask & facet_names[k].facet)) continue;
        printf("%s\"%s\":[", first ? "" : ",", facet_names[k].name);
        first = 0;
        print_facet_values_json(r, facet_names[k].facet, NULL);
        fputc(']', stdout);
    }
    for (size_t k = 0; k < f->n; k++) {
        fputs(first ? "" : ",", stdout);
        cli_json_string(stdout, f->names[k]);
        fputs(":[", stdout);
        first = 0;
        print_facet_values_json(r, 0, f->names[k]);
        fputc(']', stdout);
    }
    fputc('}', stdout);
}

static void print_facet_values_human(const xapnews_results_t *r, xapnews_facet_t facet,
                                     const char *field, const char *name)
{
    printf("%s:", name);
    size_t n = field ? xapnews_results_field_facet_size(r, field)
                     : xapnews_results_facet_size(r, facet);
    for (size_t i = 0; i < n; i++) {
        unsigned long count;
        const char *v = field ? xapnews_results_field_facet_value(r, field, i, &count)
                              : xapnews_results_facet_value(r, facet, i, &count);
        printf("%s %s (%lu)", i ? "," : "", v, count);
    }
    puts(n ? "" : " -");
}

static void print_facets_human(const xapnews_results_t *r, const facet_request *f)
{
    for (size_t k = 0; k < N_FACETS; k++)
        if (f->mask & facet_names[k].facet)
            print_facet_values_human(r, facet_names[k].facet, NULL, facet_names[k].name);
    for (size_t k = 0; k < f->n; k++) print_facet_values_human(r, 0, f->names[k], f->names[k]);
}

/* Sets the order --sort asks for: relevance, newest, oldest, or a
 * sortable field, FIELD or FIELD:asc or FIELD:desc. Returns 0 or the exit
 * code (the error printed). */
static int set_sort(xapnews_database_t *db, xapnews_query_t *q, const char *order)
{
    if (!order || strcmp(order, "relevance") == 0) return 0;
    if (strcmp(order, "newest") == 0 || strcmp(order, "oldest") == 0)
        return xapnews_query_set_sort(q, strcmp(order, "newest") == 0 ? XAPNEWS_SORT_NEWEST
                                                                     : XAPNEWS_SORT_OLDEST)
                   ? EXIT_INTERNAL
                   : 0;
    char name[64];
    const char *colon = strchr(order, ':');
    size_t len = colon ? (size_t)(colon - order) : strlen(order);
    int descending = colon && strcmp(colon + 1, "desc") == 0;
    const xapnews_fields_t *fields = xapnews_database_fields(db);
    long i = -1;
    if (len < sizeof name && (!colon || descending || strcmp(colon + 1, "asc") == 0)) {
        memcpy(name, order, len);
        name[len] = '\0';
        i = xapnews_fields_find(fields, name);
    }
    if (i < 0 || !(xapnews_fields_flags(fields, (size_t)i) & XAPNEWS_FIELD_SORTABLE)) {
        char names[512] = "";
        for (size_t k = 0; k < xapnews_fields_count(fields); k++) {
            if (!(xapnews_fields_flags(fields, k) & XAPNEWS_FIELD_SORTABLE)) continue;
            size_t at = strlen(names);
            snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "",
                     xapnews_fields_name(fields, k));
        }
        if (i >= 0)
            cli_error("search: field '%s' is not sortable (the sortable fields: %s)", name,
                      names);
        else
            cli_error("search: --sort takes relevance, newest, oldest, or a sortable field as "
                      "FIELD or FIELD:desc (%s), not '%s'",
                      names, order);
        return EXIT_USAGE;
    }
    xapnews_status_t st = xapnews_query_set_sort_field(q, name, descending);
    if (st) cli_error("search: %s", xapnews_database_last_error(db));
    return st ? cli_exit_code(st) : 0;
}

/* The declared fields of DB's schema that hits show: those not built in. */
static int declared(const xapnews_fields_t *fields, size_t i)
{
    return !(xapnews_fields_flags(fields, i) & XAPNEWS_FIELD_BUILTIN);
}

/* A declared field's value as JSON: a number for a number field, else a
 * string. */
static void json_value(const xapnews_fields_t *fields, size_t i, const char *v)
{
    if (xapnews_fields_kind(fields, i) == XAPNEWS_KIND_NUMBER) fputs(v, stdout);
    else cli_json_string(stdout, v);
}

/* The "fields" object of hit I: every declared field, null when the
 * article has no value, an array for a multiple field. */
static void print_fields_json(const xapnews_database_t *db, const xapnews_results_t *r,
                              unsigned i)
{
    const xapnews_fields_t *fields = xapnews_database_fields(db);
    fputs(",\"fields\":{", stdout);
    int first = 1;
    for (size_t k = 0; k < xapnews_fields_count(fields); k++) {
        if (!declared(fields, k)) continue;
        const char *name = xapnews_fields_name(fields, k);
        fputs(first ? "" : ",", stdout);
        first = 0;
        cli_json_string(stdout, name);
        fputc(':', stdout);
        size_t n = xapnews_results_value_count(r, i, name);
        if (n == 0) {
            fputs("null", stdout);
            continue;
        }
        int multiple = (xapnews_fields_flags(fields, k) & XAPNEWS_FIELD_MULTIPLE) != 0;
        if (multiple) fputc('[', stdout);
        for (size_t v = 0; v < (multiple ? n : 1); v++) {
            if (v) fputc(',', stdout);
            json_value(fields, k, xapnews_results_value(r, i, name, v));
        }
        if (multiple) fputc(']', stdout);
    }
    fputc('}', stdout);
}

/* The declared fields' values of hit I, for people: "category: Sport |
 * tags: Cup, Wembley", or nothing when it has none. */
static void print_fields_human(const xapnews_database_t *db, const xapnews_results_t *r,
                               unsigned i, const char *dim, const char *reset)
{
    const xapnews_fields_t *fields = xapnews_database_fields(db);
    int any = 0;
    for (size_t k = 0; k < xapnews_fields_count(fields); k++) {
        if (!declared(fields, k)) continue;
        const char *name = xapnews_fields_name(fields, k);
        size_t n = xapnews_results_value_count(r, i, name);
        if (!n) continue;
        printf("%s%s%s", any ? " | " : "    ", any ? "" : dim, name);
        for (size_t v = 0; v < n; v++)
            printf("%s%s", v ? ", " : ": ", xapnews_results_value(r, i, name, v));
        any = 1;
    }
    if (any) printf("%s\n", reset);
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

/* A JSON string, or null for "" (a value the article does not have). */
static void json_string_or_null_empty(const char *s)
{
    json_string_or_null(s && *s ? s : NULL);
}

/* Where --marks puts highlight marks, and what they are. */
typedef struct {
    const char *open, *close; /* NULL: none given */
    char *copy;
} marks_t;

/* What the command line asks for. */
typedef struct {
    const char *db_path, *color_when, *profile, *sort;
    const char *duplicates_of; /* --duplicates-of ID: list ID's story */
    unsigned flags, limit, offset, exact;
    int json, collapse;
    int similar; /* `xapnews similar`: the one argument is an article id */
    facet_request facets;
    marks_t marks;
} search_request;

/* The results R as JSON: of the query Q parsed from TEXT (ORIGINAL: the
 * text as typed when TEXT is its correction), or, with Q NULL, of the
 * story of the article whose id is TEXT (--duplicates-of). */
static int print_json(const xapnews_database_t *db, const char *text, const char *original,
                      const xapnews_query_t *q, const xapnews_results_t *r,
                      const search_request *a, const char *suggestion)
{
    const facet_request *facets = &a->facets;
    const marks_t *marks = &a->marks;
    fputs("{\"query\":", stdout);
    json_string_or_null(q ? text : NULL);
    if (!q) {
        fputs(",\"duplicates_of\":", stdout);
        cli_json_string(stdout, text);
    }
    fputs(",\"corrected_query\":", stdout);
    json_string_or_null(original ? text : NULL);
    fputs(",\"original_query\":", stdout);
    json_string_or_null(original);
    fputs(",\"syntax_error\":", stdout);
    json_string_or_null(q ? xapnews_query_syntax_error(q) : NULL);
    if (q) print_typos(q, 1);
    else fputs(",\"also_searched\":[]", stdout);
    unsigned long lower, upper;
    xapnews_results_total_bounds(r, &lower, &upper);
    printf(",\"total_estimate\":%lu,\"total_exact\":%s,\"total_lower\":%lu,"
           "\"total_upper\":%lu,\"hits\":[",
           xapnews_results_total_estimate(r),
           xapnews_results_total_exact(r) ? "true" : "false", lower, upper);
    for (unsigned i = 0; i < xapnews_results_count(r); i++) {
        char *snippet = NULL;
        xapnews_span_t *spans = NULL;
        size_t n_spans = 0;
        if (xapnews_results_snippet_spans(r, i, SNIPPET_BYTES, marks->open ? marks->open : "",
                                          marks->close ? marks->close : "", &snippet, &spans,
                                          &n_spans))
            return EXIT_INTERNAL;
        printf("%s{\"id\":", i ? "," : "");
        cli_json_string(stdout, xapnews_results_field(r, i, XAPNEWS_FIELD_ID));
        printf(",\"rank\":%u,\"score\":%.6g,\"title\":",
               xapnews_results_rank(r, i), xapnews_results_score(r, i));
        json_string_or_null_empty(xapnews_results_field(r, i, XAPNEWS_FIELD_TITLE));
        fputs(",\"date\":", stdout);
        json_string_or_null_empty(xapnews_results_field(r, i, XAPNEWS_FIELD_DATE));
        fputs(",\"outlet\":", stdout);
        json_string_or_null_empty(xapnews_results_field(r, i, XAPNEWS_FIELD_OUTLET));
        fputs(",\"url\":", stdout);
        json_string_or_null_empty(xapnews_results_field(r, i, XAPNEWS_FIELD_URL));
        print_fields_json(db, r, i);
        fputs(",\"story\":", stdout);
        json_string_or_null_empty(xapnews_results_story(r, i));
        if (a->collapse) printf(",\"more_like_it\":%lu", xapnews_results_more_like_it(r, i));
        fputs(",\"snippet\":", stdout);
        json_string_or_null_empty(snippet);
        fputs(",\"highlights\":[", stdout);
        for (size_t k = 0; k < n_spans; k++)
            printf("%s[%zu,%zu]", k ? "," : "", spans[k].start, spans[k].end);
        fputs("]}", stdout);
        xapnews_free(snippet);
        xapnews_free(spans);
    }
    fputs("]", stdout);
    if (facets->mask || facets->n) print_facets_json(r, facets);
    fputs(",\"did_you_mean\":", stdout);
    if (suggestion) cli_json_string(stdout, suggestion);
    else fputs("null", stdout);
    fputs("}\n", stdout);
    return EXIT_OK;
}

/* The results R for people; TEXT as print_json() takes it, with
 * DUPLICATES set for --duplicates-of. */
static int print_human(const xapnews_database_t *db, const char *text, int duplicates,
                       const xapnews_results_t *r, const search_request *a, int color,
                       const char *suggestion)
{
    const facet_request *facets = &a->facets;
    const marks_t *marks = &a->marks;
    unsigned offset = a->offset;
    if (suggestion) printf("did you mean: %s\n", suggestion);
    const char *hl_open = color ? "\033[1;33m" : "[", *hl_close = color ? "\033[0m" : "]";
    if (marks->open) {
        hl_open = marks->open;
        hl_close = marks->close;
    }
    const char *bold = color ? "\033[1m" : "", *dim = color ? "\033[2m" : "",
               *reset = color ? "\033[0m" : "";
    unsigned n = xapnews_results_count(r);
    unsigned long total = xapnews_results_total_estimate(r);
    char count[64];
    snprintf(count, sizeof count, "%s%lu %s", xapnews_results_total_exact(r) ? "" : "about ",
             total, a->collapse ? (total == 1 ? "story" : "stories")
                                : (total == 1 ? "article" : "articles"));
    int any_facets = facets->mask || facets->n;
    const char *what = duplicates ? "the story of " : "";
    if (n == 0) {
        if (total) printf("No hits past rank %u of %s for: %s%s\n", offset, count, what, text);
        else if (duplicates) printf("No other articles of the story of: %s\n", text);
        else printf("No articles match: %s\n", text);
        if (any_facets) print_facets_human(r, facets);
        return EXIT_OK;
    }
    printf("Hits %u-%u of %s for: %s%s\n\n", xapnews_results_rank(r, 0),
           xapnews_results_rank(r, n - 1), count, what, text);
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
        print_fields_human(db, r, i, dim, reset);
        if (*snippet) printf("    %s\n", snippet);
        unsigned long more = xapnews_results_more_like_it(r, i);
        if (more)
            printf("    %s%lu more like it: xapnews search --db %s --duplicates-of %s%s\n", dim,
                   more, a->db_path, xapnews_results_field(r, i, XAPNEWS_FIELD_ID), reset);
        putchar('\n');
        xapnews_free(snippet);
    }
    if (any_facets) print_facets_human(r, facets);
    return EXIT_OK;
}

static int search_with(int argc, char **argv, const search_request *a);

static void request_free(search_request *a)
{
    free(a->facets.list);
    free(a->marks.copy);
}

/* `xapnews search`, or with SIMILAR `xapnews similar` (its options, its
 * one argument an article id). */
static int search_or_similar(int argc, char **argv, int similar)
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
        {"marks", required_argument, NULL, 'm'},
        {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'},
        {"no-typos", no_argument, NULL, 'T'},
        {"strict", no_argument, NULL, 'S'},
        {"exact-count", no_argument, NULL, 'E'},
        {"collapse", no_argument, NULL, 'C'},
        {"duplicates-of", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    search_request a;
    memset(&a, 0, sizeof a);
    a.similar = similar;
    a.color_when = "auto";
    a.limit = 10;
    a.exact = XAPNEWS_COUNT_DEFAULT;
    unsigned typos = XAPNEWS_QUERY_TYPOS, strict = 0, any = XAPNEWS_QUERY_DEFAULT_AND;
    int c;
    optind = 1;
    while (!cli_query_starts(argc, argv, "dnh") &&
           (c = getopt_long(argc, argv, "+d:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': a.db_path = optarg; break;
        case 'n': a.limit = cli_parse_uint("--limit", optarg); break;
        case 'o': a.offset = cli_parse_uint("--offset", optarg); break;
        case 'a': any = XAPNEWS_QUERY_DEFAULT_OR; break;
        case 'T': typos = 0; break;
        case 'S': strict = XAPNEWS_QUERY_STRICT; break;
        case 'E': a.exact = XAPNEWS_COUNT_ALL; break;
        case 'C': a.collapse = 1; break;
        case 'D': a.duplicates_of = optarg; break;
        case 'p': a.profile = optarg; break;
        case 'j': a.json = 1; break;
        case 'F':
            if (parse_facets(optarg, &a.facets) < 0) {
                request_free(&a);
                return EXIT_USAGE;
            }
            break;
        case 'm': {
            free(a.marks.copy);
            char *comma = (a.marks.copy = strdup(optarg)) ? strchr(a.marks.copy, ',') : NULL;
            if (!comma) {
                cli_error("search: --marks takes OPEN,CLOSE (such as '<b>,</b>'), not '%s'",
                          optarg);
                request_free(&a);
                return EXIT_USAGE;
            }
            *comma = '\0';
            a.marks.open = a.marks.copy;
            a.marks.close = comma + 1;
            break;
        }
        case 'c': a.color_when = optarg; break;
        case 'O': a.sort = optarg; break;
        case 'h': fputs(similar ? similar_help : help, stdout); return EXIT_OK;
        default:
            fprintf(stderr, "Try 'xapnews %s --help'.\n", similar ? "similar" : "search");
            request_free(&a);
            return EXIT_USAGE;
        }
    }
    if (similar && (any != XAPNEWS_QUERY_DEFAULT_AND || !typos || strict || a.collapse ||
                    a.duplicates_of)) {
        cli_error("similar: --any, --no-typos, --strict, --collapse and --duplicates-of are "
                  "options of search: an id is searched as it is");
        request_free(&a);
        return EXIT_USAGE;
    }
    a.flags = any | typos | strict;
    int rc = search_with(argc, argv, &a);
    request_free(&a);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    return search_or_similar(argc, argv, 0);
}

int cmd_similar(int argc, char **argv)
{
    return search_or_similar(argc, argv, 1);
}

/* like:ID, the query searching what `similar ID` lists; like:"ID" when ID
 * holds a space, a quote or a parenthesis (malloc'd; NULL without memory). */
static char *like_text(const char *id)
{
    int quote = strpbrk(id, " \t\"()") != NULL;
    size_t n = strlen(id) + 8;
    char *t = malloc(n);
    if (t) snprintf(t, n, quote ? "like:\"%s\"" : "like:%s", id);
    return t;
}

/* --duplicates-of ID: the other articles of ID's story, oldest first. */
static int list_duplicates(xapnews_database_t *db, const search_request *a, int color)
{
    xapnews_results_t *results = NULL;
    xapnews_status_t st =
        xapnews_database_duplicates(db, a->duplicates_of, a->offset, a->limit, &results);
    if (st) {
        cli_error("%s", xapnews_database_last_error(db));
        return cli_exit_code(st);
    }
    int rc = a->json ? print_json(db, a->duplicates_of, NULL, NULL, results, a, NULL)
                     : print_human(db, a->duplicates_of, 1, results, a, color, NULL);
    xapnews_results_destroy(results);
    return rc;
}

/* The search of cmd_search(), its options read; with A->similar, of
 * cmd_similar(). */
static int search_with(int argc, char **argv, const search_request *a)
{
    int similar = a->similar;
    const char *cmd = similar ? "similar" : "search";
    int color;
    const char *color_when = a->color_when;
    unsigned flags = a->flags;
    if (strcmp(color_when, "auto") == 0) color = isatty(STDOUT_FILENO);
    else if (strcmp(color_when, "always") == 0) color = 1;
    else if (strcmp(color_when, "never") == 0) color = 0;
    else {
        cli_error("%s: --color takes auto, always or never, not '%s'", cmd, color_when);
        return EXIT_USAGE;
    }
    if (!a->db_path) {
        cli_error("%s: --db DB is required", cmd);
        return EXIT_USAGE;
    }
    if (a->duplicates_of) {
        if (optind < argc || a->collapse || a->sort || a->facets.mask || a->facets.n) {
            cli_error("search: --duplicates-of ID takes no query, --collapse, --sort or "
                      "--facets (it lists the story's other articles, oldest first)");
            return EXIT_USAGE;
        }
        xapnews_database_t *db = NULL;
        int rc = cli_open_database(a->db_path, &db);
        if (!rc) rc = list_duplicates(db, a, color);
        xapnews_database_close(db);
        return rc;
    }
    if (optind >= argc) {
        if (similar) cli_error("similar: give an article id (see 'xapnews similar --help')");
        else cli_error("search: give a query (see 'xapnews search --help')");
        return EXIT_USAGE;
    }
    if (similar && argc - optind > 1) {
        cli_error("similar: give one article id, not %d words (quote an id holding "
                  "spaces)", argc - optind);
        return EXIT_USAGE;
    }
    const facet_request *facets = &a->facets;
    char *text = similar ? xapnews_utf8_clean(argv[optind])
                         : cli_text_args(argc - optind, argv + optind);
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
    if ((rc = cli_open_database(a->db_path, &db)) != 0) goto out;
    if ((rc = cli_use_profile(db, a->profile)) != 0) goto out;
    /* a query matching (almost) nothing is searched as corrected, when
     * the correction finds more */
    char *corrected = NULL;
    if (!similar && (st = xapnews_database_correct(db, text, flags, &corrected))) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
        goto out;
    }
    if (corrected) {
        original = text;
        text = corrected;
    }
    if ((st = similar ? xapnews_query_similar(db, text, &query)
                      : xapnews_query_parse(db, text, flags, &query)) ||
        (st = xapnews_query_set_facets(query, facets->mask))) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
        goto out;
    }
    if ((rc = ask_field_facets(db, query, facets)) || (rc = set_sort(db, query, a->sort)))
        goto out;
    if ((st = xapnews_query_set_exact_count(query, a->exact)) ||
        (st = xapnews_query_set_collapse(query, a->collapse)) ||
        (st = xapnews_query_search(query, a->offset, a->limit, &results))) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
        goto out;
    }
    char *suggestion = NULL; /* no correction is no reason to fail */
    if (!similar && !original && xapnews_results_total_estimate(results) < SUGGEST_BELOW &&
        xapnews_database_suggest(db, text, &suggestion))
        suggestion = NULL;
    if (!a->json && original)
        printf("Showing results for %s. Search instead for: %s\n", text, original);
    if (!a->json && xapnews_query_syntax_error(query))
        printf("Searched as plain words (%s)\n", xapnews_query_syntax_error(query));
    if (!a->json) print_typos(query, 0);
    /* a similar search shows the query it is: like:ID */
    char *shown = similar ? like_text(text) : NULL;
    if (similar && !shown) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    } else {
        const char *t = shown ? shown : text;
        rc = a->json ? print_json(db, t, original, query, results, a, suggestion)
                     : print_human(db, t, 0, results, a, color, suggestion);
    }
    free(shown);
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
