/* cli.h - shared pieces of the xapnews command-line tool.
 *
 * The CLI is a thin layer over libxapnews: option parsing, output
 * formatting and exit codes live here; everything else is the library's.
 */
#ifndef XAPNEWS_CLI_H
#define XAPNEWS_CLI_H

#include <stdio.h>

#include "xapnews.h"

/* Exit codes (documented in --help and the README). */
enum {
    EXIT_OK = 0,
    EXIT_PARTIAL = 1,   /* finished, but some input records were skipped,
                           or an input held no record */
    EXIT_USAGE = 2,     /* bad command line, or settings the database refuses */
    EXIT_INPUT = 3,     /* input or configuration cannot be read or is malformed */
    EXIT_DATABASE = 4,  /* database missing, locked, damaged or failing */
    EXIT_QUERY = 5,     /* the query cannot be parsed, or names no article
                           (similar ID, like:ID, --duplicates-of ID) */
    EXIT_INTERNAL = 6   /* out of memory or a bug */
};

#define EXIT_CODES_HELP \
    "Exit status:\n" \
    "  0  success\n" \
    "  1  finished, but some input records were skipped, or an input held\n" \
    "     no articles (see stderr)\n" \
    "  2  bad command line, or index options that differ from the database's\n" \
    "     stored language, tables or fields schema\n" \
    "  3  input or configuration missing, unreadable or malformed\n" \
    "  4  database missing, locked by another writer, damaged or failing\n" \
    "  5  the query cannot be parsed, or names an article the database does\n" \
    "     not hold (similar ID, like:ID, --duplicates-of ID)\n" \
    "  6  out of memory or internal error\n"

/** Maps a library status to an exit code. */
int cli_exit_code(xapnews_status_t status);

/** Prints "xapnews: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Finds a file of the default schemas (e.g. "chrome.conf"): in
 *  $XAPNEWS_SCHEMAS, then in the installed data directory, then in the
 *  source tree the binary was built from. Returns a malloc'd path, or NULL
 *  when none exists. */
char *cli_find_schema(const char *name);

/** The file to use for a schema option: ARG itself, NULL for "none", or
 *  the default schema file DEFAULT_NAME when ARG is NULL (found as by
 *  cli_find_schema()). The result is malloc'd. */
char *cli_schema_path(const char *arg, const char *default_name);

/** Loads the profile for --profile ARG (NULL: the default profile file,
 *  "none": the built-in defaults) and sets it on DB. On failure prints the
 *  error and returns the exit code; 0 on success. */
int cli_use_profile(xapnews_database_t *db, const char *arg);

/* Opens the database at PATH into *DB; on failure prints why and returns
 * the exit code (*DB NULL), else 0. */
int cli_open_database(const char *path, xapnews_database_t **db);

/** Parses a non-negative integer option value; exits with EXIT_USAGE on a
 *  bad value. */
unsigned cli_parse_uint(const char *option, const char *value);

/** Whether the query starts at ARGV[optind] although it begins with '-'
 *  ("-iraq"): a word starting with one dash that is not one of the short
 *  options SHORTS ("-d", "-n5") is a query word, not an unknown option.
 *  "--" and long options are left to getopt. */
int cli_query_starts(int argc, char **argv, const char *shorts);

/** The ARGC arguments joined by spaces, invalid UTF-8 replaced by U+FFFD
 *  (release with xapnews_free(); NULL without memory). */
char *cli_text_args(int argc, char **argv);

/** Writes S as a JSON string literal (quoted, escaped) to F. */
void cli_json_string(FILE *f, const char *s);

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_analyse(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_tune(int argc, char **argv);
int cmd_compact(int argc, char **argv);
int cmd_synonyms(int argc, char **argv);
int cmd_fields(int argc, char **argv);

#endif
