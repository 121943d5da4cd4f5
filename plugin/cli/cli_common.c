/* cli_common.c - see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

int cli_exit_code(xapnews_status_t status)
{
    switch (status) {
    case XAPNEWS_STATUS_SUCCESS:
    case XAPNEWS_STATUS_END: return EXIT_OK;
    case XAPNEWS_STATUS_INVALID_ARGUMENT:
    case XAPNEWS_STATUS_SETTINGS_MISMATCH: return EXIT_USAGE;
    case XAPNEWS_STATUS_FILE_ERROR:
    case XAPNEWS_STATUS_BAD_INPUT: return EXIT_INPUT;
    case XAPNEWS_STATUS_BAD_QUERY:
    case XAPNEWS_STATUS_ARTICLE_NOT_FOUND: return EXIT_QUERY;
    case XAPNEWS_STATUS_DATABASE_NOT_FOUND:
    case XAPNEWS_STATUS_DATABASE_LOCKED:
    case XAPNEWS_STATUS_DATABASE_CORRUPT:
    case XAPNEWS_STATUS_DATABASE_ERROR:
    case XAPNEWS_STATUS_NETWORK_ERROR: return EXIT_DATABASE;
    case XAPNEWS_STATUS_OUT_OF_MEMORY:
    case XAPNEWS_STATUS_INTERNAL_ERROR: break;
    }
    return EXIT_INTERNAL;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("xapnews: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static char *join(const char *dir, const char *sub, const char *name)
{
    size_t n = strlen(dir) + strlen(sub) + strlen(name) + 3;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s%s%s/%s", dir, *sub ? "/" : "", sub, name);
    return p;
}

char *cli_find_schema(const char *name)
{
    const char *env = getenv("XAPNEWS_SCHEMAS");
    char *candidates[3] = {
        env && *env ? join(env, "", name) : NULL,
        join(XAPNEWS_PKGDATADIR, "schemas", name),
        join(XAPNEWS_SRCDIR, "schemas", name),
    };
    char *found = NULL;
    for (int i = 0; i < 3; i++) {
        if (!found && candidates[i] && access(candidates[i], R_OK) == 0)
            found = candidates[i];
        else
            free(candidates[i]);
    }
    return found;
}

char *cli_schema_path(const char *arg, const char *default_name)
{
    if (!arg) return cli_find_schema(default_name);
    if (strcmp(arg, "none") == 0) return NULL;
    return strdup(arg);
}

int cli_use_profile(xapnews_database_t *db, const char *arg)
{
    char *path = cli_schema_path(arg, "profiles/default.conf");
    xapnews_profile_t *profile = NULL;
    char *err = NULL;
    xapnews_status_t st = path ? xapnews_profile_load(path, &profile, &err)
                               : xapnews_profile_create(&profile);
    if (!st) st = xapnews_database_set_profile(db, profile);
    if (st) cli_error("%s", err ? err : xapnews_status_to_string(st));
    xapnews_free(err);
    xapnews_profile_destroy(profile);
    free(path);
    return st ? cli_exit_code(st) : 0;
}

unsigned cli_parse_uint(const char *option, const char *value)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(value, &end, 10);
    if (errno || end == value || *end || value[0] == '-' || v > 100000000UL) {
        cli_error("%s: expected a whole number from 0 to 100000000, got '%s'",
                  option, value);
        exit(EXIT_USAGE);
    }
    return (unsigned)v;
}

char *cli_text_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++) n += strlen(argv[i]) + 1;
    char *joined = malloc(n);
    if (!joined) return NULL;
    joined[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i) strcat(joined, " ");
        strcat(joined, argv[i]);
    }
    char *text = xapnews_utf8_clean(joined);
    free(joined);
    return text;
}

void cli_json_string(FILE *f, const char *s)
{
    /* JSON text is UTF-8: bytes that are not (a query id or --marks as
     * given) go out as U+FFFD, so the output always parses */
    char *clean = xapnews_utf8_clean(s);
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(clean ? clean : s); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20) fprintf(f, "\\u%04x", *p);
            else if (*p >= 0x80 && !clean) fputs("\\ufffd", f); /* out of memory: no bytes unchecked */
            else fputc(*p, f);
        }
    }
    fputc('"', f);
    xapnews_free(clean);
}

int cli_open_database(const char *path, xapnews_database_t **db)
{
    char *err = NULL;
    xapnews_status_t st = xapnews_database_open(path, db, &err);
    if (!st) return 0;
    cli_error("%s", err ? err : xapnews_status_to_string(st));
    xapnews_free(err);
    return cli_exit_code(st);
}

int cli_query_starts(int argc, char **argv, const char *shorts)
{
    if (optind >= argc) return 0;
    const char *a = argv[optind];
    if (a[0] != '-' || a[1] == '\0' || a[1] == '-') return 0;
    if (!strchr(shorts, a[1])) return 1;
    /* "-d" or "-n" with their value apart, "-n5", "-h" */
    if (a[2] == '\0') return 0;
    for (const char *c = a + 2; *c; c++)
        if (*c < '0' || *c > '9') return 1;
    return a[1] != 'n';
}
