/* cmd_fields.c - `xapnews fields`: the fields of a database or a fields
 * schema, as a schema or as OmegaScript for the Omega templates. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: xapnews fields [--db DB | --file FILE] [--omega]\n"
    "Print the fields of the database DB (the fields schema it was indexed\n"
    "with), of the fields schema FILE, or of the shipped schemas/fields.conf:\n"
    "one line per field, as a fields schema declares it, the built-in fields\n"
    "first, each followed by its value slot when it has one (# slot N), so\n"
    "a portal knows what to sort by (Xapian's Enquire::set_sort_by_value(),\n"
    "Omega's SORT=N).\n"
    "\n"
    "Options:\n"
    "  -d, --db DB     the database whose fields to print\n"
    "  -f, --file FILE a fields schema file to check and print\n"
    "      --omega     print instead the OmegaScript that the Omega templates\n"
    "                  (portal/omega/templates) include from Omega's\n"
    "                  template_dir as xapnews-fields-DBNAME, or xapnews-fields\n"
    "                  for every database: NAME:value for the declared\n"
    "                  searchable and filterable fields, and the facet lines of\n"
    "                  the declared keyword fields that are filterable and\n"
    "                  facetable\n"
    "  -h, --help      show this help\n"
    "\n"
    "A bad line of FILE is reported as FILE:LINE: reason (exit status 3).\n"
    "\n" EXIT_CODES_HELP;

/* The prefix P without a final ':', as Omega's $termprefix names it. */
static void omega_prefix(const char *p, char *out, size_t cap)
{
    size_t n = strlen(p);
    if (n && p[n - 1] == ':') n--;
    snprintf(out, cap, "%.*s", (int)n, p);
}

/* Prints one $setmap{MAP,...} of the declared fields FLAG selects
 * (KIND: a kind they must have, or -1 for any); nothing when there is
 * none. With BY_PREFIX, the map goes from Omega's prefix to the name. */
static void print_map(const xapnews_fields_t *f, const char *map, unsigned flags, int kind,
                      int by_prefix)
{
    int any = 0;
    for (size_t i = 0; i < xapnews_fields_count(f); i++) {
        unsigned fl = xapnews_fields_flags(f, i);
        if ((fl & XAPNEWS_FIELD_BUILTIN) || (fl & flags) != flags ||
            !*xapnews_fields_prefix(f, i) ||
            (kind >= 0 && xapnews_fields_kind(f, i) != (xapnews_field_kind_t)kind))
            continue;
        char prefix[64];
        omega_prefix(xapnews_fields_prefix(f, i), prefix, sizeof prefix);
        printf("%s", any ? "," : "$setmap{");
        if (!any) printf("%s,", map);
        if (by_prefix) printf("%s,%s", prefix, xapnews_fields_name(f, i));
        else printf("%s,%s", xapnews_fields_name(f, i), xapnews_fields_prefix(f, i));
        any = 1;
    }
    if (any) fputs("}${\n}", stdout);
}

/* The OmegaScript has no text outside ${...} comments, so including it
 * adds nothing to a page: every line break is inside one, and there is
 * none at the end. */
static void print_omega(const xapnews_fields_t *f)
{
    fputs("${ The declared fields of an index for the xapnews Omega templates,\n"
          "  written by \"xapnews fields --omega\": free-text prefixes,\n"
          "  boolean filter prefixes, and facets tallied from the hits' terms\n"
          "  (prefix, name).\n}",
          stdout);
    print_map(f, "prefix", XAPNEWS_FIELD_SEARCHABLE, XAPNEWS_KIND_TEXT, 0);
    print_map(f, "boolprefix", XAPNEWS_FIELD_FILTERABLE, XAPNEWS_KIND_KEYWORD, 0);
    print_map(f, "xapnews_facet", XAPNEWS_FIELD_FILTERABLE | XAPNEWS_FIELD_FACETABLE,
              XAPNEWS_KIND_KEYWORD, 1);
}

static void print_schema(const xapnews_fields_t *f)
{
    static const char *const kinds[] = {"text", "keyword", "date", "number"};
    static const struct {
        unsigned flag;
        const char *name;
    } options[] = {{XAPNEWS_FIELD_SEARCHABLE, "searchable"},
                   {XAPNEWS_FIELD_FILTERABLE, "filterable"},
                   {XAPNEWS_FIELD_FACETABLE, "facetable"},
                   {XAPNEWS_FIELD_SORTABLE, "sortable"},
                   {XAPNEWS_FIELD_MULTIPLE, "multiple"}};
    size_t n_fields = xapnews_fields_count(f), width = 0;
    char(*lines)[256] = malloc((n_fields + 1) * sizeof *lines);
    if (!lines) return;
    for (size_t i = 0; i < n_fields; i++) {
        const char *prefix = xapnews_fields_prefix(f, i);
        char *line = lines[i];
        int n = snprintf(line, sizeof lines[i], "%-10s %-8s %-11s", xapnews_fields_name(f, i),
                         kinds[xapnews_fields_kind(f, i)], *prefix ? prefix : "-");
        unsigned flags = xapnews_fields_flags(f, i);
        for (size_t k = 0; k < sizeof options / sizeof options[0]; k++)
            if (flags & options[k].flag && n > 0 && (size_t)n < sizeof lines[i])
                n += snprintf(line + n, sizeof lines[i] - (size_t)n, " %s", options[k].name);
        n = (int)strlen(line);
        while (n > 0 && line[n - 1] == ' ') line[--n] = '\0';
        if ((size_t)n > width) width = (size_t)n;
    }
    for (size_t i = 0; i < n_fields; i++) { /* the slots in a column */
        unsigned slot = xapnews_fields_slot(f, i);
        if (slot != XAPNEWS_NO_SLOT) printf("%-*s  # slot %u\n", (int)width, lines[i], slot);
        else printf("%s\n", lines[i]);
    }
    free(lines);
}

int cmd_fields(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"file", required_argument, NULL, 'f'},
                                         {"omega", no_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db_path = NULL, *file = NULL;
    int omega = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'f': file = optarg; break;
        case 'o': omega = 1; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews fields --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc || (db_path && file)) {
        cli_error("fields: give --db DB or --file FILE (or neither), and nothing else");
        return EXIT_USAGE;
    }
    if (db_path) {
        xapnews_database_t *db = NULL;
        int rc = cli_open_database(db_path, &db);
        if (rc) return rc;
        if (omega) print_omega(xapnews_database_fields(db));
        else print_schema(xapnews_database_fields(db));
        xapnews_database_close(db);
        return EXIT_OK;
    }
    char *path = file ? strdup(file) : cli_find_schema("fields.conf");
    if (!path) {
        cli_error("fields: no schemas/fields.conf found (give --file FILE)");
        return EXIT_INPUT;
    }
    xapnews_fields_t *f = NULL;
    char *err = NULL;
    xapnews_status_t st = xapnews_fields_load(path, &f, &err);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        free(path);
        return cli_exit_code(st);
    }
    if (omega) print_omega(f);
    else print_schema(f);
    xapnews_fields_destroy(f);
    free(path);
    return EXIT_OK;
}
