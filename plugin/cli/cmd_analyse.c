/* cmd_analyse.c - `xapnews analyse`: show how text becomes terms. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: xapnews analyse [OPTIONS] [--] TEXT...\n"
    "       xapnews analyse --db DB --acronyms [--json]\n"
    "Show how TEXT is turned into index terms: each token with its position,\n"
    "byte offsets, raw text, folded form, stem, the term indexed and the\n"
    "forms the variant table adds (like Elasticsearch's _analyze).\n"
    "\n"
    "Options:\n"
    "  -d, --db DB          use the language and tables DB was built with\n"
    "      --field F        title, body (default) or official\n"
    "      --synonyms FILE  variant table (default: schemas/synonyms.txt;\n"
    "                       'none' for none; ignored with --db)\n"
    "      --language LANG  stemming language (default english; ignored\n"
    "                       with --db)\n"
    "      --acronyms       list the acronyms DB's articles define, with\n"
    "                       their expansions and how many articles define\n"
    "                       each (JSON: {\"acronyms\":[{\"acronym\",\n"
    "                       \"expansion\",\"articles\"}]})\n"
    "      --json           print one JSON object\n"
    "  -h, --help           show this help\n"
    "\n"
    "JSON output: {\"text\":..., \"field\":..., \"tokens\":[{\"position\",\n"
    "\"start\",\"end\",\"raw\",\"folded\",\"stem\",\"term\",\"stem_term\",\"type\"}]}\n"
    "where type is word, colocated, variant or canonical.\n"
    "\n" EXIT_CODES_HELP;

static const char *const kind_names[] = {"word", "colocated", "variant",
                                         "canonical"};

static void print_json(const char *text, const char *field,
                       const xapnews_analyzer_t *a)
{
    fputs("{\"text\":", stdout);
    cli_json_string(stdout, text);
    fputs(",\"field\":", stdout);
    cli_json_string(stdout, field);
    fputs(",\"tokens\":[", stdout);
    for (size_t i = 0; i < xapnews_analyzer_count(a); i++) {
        const xapnews_token_t *t = xapnews_analyzer_token(a, i);
        char *raw = strndup(text + t->start, t->end - t->start);
        printf("%s{\"position\":%u,\"start\":%zu,\"end\":%zu,\"raw\":", i ? "," : "",
               t->position, t->start, t->end);
        cli_json_string(stdout, raw ? raw : "");
        fputs(",\"folded\":", stdout);
        cli_json_string(stdout, t->folded);
        fputs(",\"stem\":", stdout);
        cli_json_string(stdout, t->stem);
        fputs(",\"term\":", stdout);
        cli_json_string(stdout, t->term);
        fputs(",\"stem_term\":", stdout);
        cli_json_string(stdout, t->stem_term);
        printf(",\"type\":\"%s\"}", kind_names[t->kind]);
        free(raw);
    }
    fputs("]}\n", stdout);
}

/* `--acronyms`: the definitions stored in DB_PATH. */
static int list_acronyms(const char *db_path, int json)
{
    if (!db_path) {
        cli_error("analyse: --acronyms needs --db DB");
        return EXIT_USAGE;
    }
    xapnews_database_t *db = NULL;
    int rc = cli_open_database(db_path, &db);
    if (rc) return rc;
    size_t n = xapnews_database_acronym_count(db);
    if (json) fputs("{\"acronyms\":[", stdout);
    for (size_t i = 0; i < n; i++) {
        const char *expansion;
        unsigned long count;
        const char *acronym = xapnews_database_acronym(db, i, &expansion, &count);
        if (!json) {
            printf("%s\t%s\t%lu\n", acronym, expansion, count);
            continue;
        }
        fputs(i ? ",{\"acronym\":" : "{\"acronym\":", stdout);
        cli_json_string(stdout, acronym);
        fputs(",\"expansion\":", stdout);
        cli_json_string(stdout, expansion);
        printf(",\"articles\":%lu}", count);
    }
    if (json) fputs("]}\n", stdout);
    xapnews_database_close(db);
    return EXIT_OK;
}

static void print_table(const char *text, const xapnews_analyzer_t *a)
{
    printf("%-4s %-9s %-20s %-18s %-14s %-20s %s\n", "pos", "bytes", "raw",
           "folded", "stem", "term", "type");
    for (size_t i = 0; i < xapnews_analyzer_count(a); i++) {
        const xapnews_token_t *t = xapnews_analyzer_token(a, i);
        char span[32];
        snprintf(span, sizeof span, "%zu-%zu", t->start, t->end);
        printf("%-4u %-9s %-20.*s %-18s %-14s %-20s %s\n", t->position, span,
               (int)(t->end - t->start), text + t->start, t->folded,
               *t->stem ? t->stem : "-", t->term, kind_names[t->kind]);
    }
}

int cmd_analyse(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"field", required_argument, NULL, 'f'},
        {"synonyms", required_argument, NULL, 'S'},
        {"language", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"acronyms", no_argument, NULL, 'A'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_path = NULL, *field = "body", *synonyms = NULL,
               *language = "english";
    int json = 0, acronyms = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'f': field = optarg; break;
        case 'S': synonyms = optarg; break;
        case 'l': language = optarg; break;
        case 'j': json = 1; break;
        case 'A': acronyms = 1; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews analyse --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (acronyms) return list_acronyms(db_path, json);
    xapnews_field_t f;
    if (strcmp(field, "body") == 0) f = XAPNEWS_FIELD_BODY;
    else if (strcmp(field, "title") == 0) f = XAPNEWS_FIELD_TITLE;
    else if (strcmp(field, "official") == 0) f = XAPNEWS_FIELD_COUNT;
    else {
        cli_error("analyse: --field takes title, body or official, not '%s'", field);
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("analyse: give the text to analyse");
        return EXIT_USAGE;
    }
    char *text = cli_text_args(argc - optind, argv + optind);
    if (!text) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }

    int rc = EXIT_OK;
    xapnews_database_t *db = NULL;
    xapnews_analyzer_t *a = NULL;
    char *err = NULL, *table = NULL;
    xapnews_status_t st;
    if (db_path) {
        st = xapnews_database_open(db_path, &db, &err);
        if (!st) st = xapnews_database_analyzer(db, &a);
        if (st && !err && db) err = strdup(xapnews_database_last_error(db));
    } else {
        st = xapnews_analyzer_create(language, &a, &err);
        table = cli_schema_path(synonyms, "synonyms.txt");
        if (!st && table &&
            (st = xapnews_analyzer_load_table(a, XAPNEWS_TABLE_SYNONYMS, table)))
            err = strdup(xapnews_analyzer_last_error(a));
    }
    if (!st && (st = xapnews_analyzer_run(a, f, text, strlen(text))))
        err = strdup(xapnews_analyzer_last_error(a));
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        rc = cli_exit_code(st);
    } else if (json) {
        print_json(text, field, a);
    } else {
        print_table(text, a);
    }
    xapnews_free(err);
    free(table);
    xapnews_analyzer_destroy(a);
    xapnews_database_close(db);
    xapnews_free(text);
    return rc;
}
