/* cmd_index.c - `xapnews index`: read articles and add them to a database. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
    "Usage: xapnews index --db DIR [OPTIONS] PATH...\n"
    "Add articles to the Xapian database DIR (created if missing). Each PATH\n"
    "is a JSON Lines file (one {\"id\",\"title\",\"date\",\"outlet\",\"url\",\n"
    "\"body\",\"officials\":[...]} object per line; only \"id\" is required)\n"
    "or a corpus folder holding manifest.jsonl, whose \"file\" keys name the\n"
    "body texts. An id already in the database is replaced, so indexing the\n"
    "same input twice leaves the same database.\n"
    "\n"
    "Options:\n"
    "  -d, --db DIR          the database to write (required)\n"
    "      --chrome FILE     page-chrome rules (default: schemas/chrome.conf;\n"
    "                        'none' keeps bodies as they are)\n"
    "      --synonyms FILE   variant table, Solr synonyms format (default:\n"
    "                        schemas/synonyms.txt; 'none' for no variants)\n"
    "      --officials FILE  officials table (default: schemas/officials.tsv)\n"
    "      --outlets FILE    outlets table (default: schemas/outlets.tsv)\n"
    "      --language LANG   stemming language (default english; 'none' for\n"
    "                        no stemming)\n"
    "      --batch N         commit every N articles (default 1000)\n"
    "      --strict          stop at the first bad record\n"
    "  -q, --quiet           no progress display, even on a terminal\n"
    "  -h, --help            show this help\n"
    "\n"
    "Bad records are reported as FILE:LINE: reason and skipped; the records\n"
    "around them are indexed. A summary line ends the run.\n"
    "\n" EXIT_CODES_HELP;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    int show;
    double start, last;
    unsigned long long bytes_before, bytes_total;
} progress_t;

static void progress_update(progress_t *p, const xapnews_source_t *src,
                            unsigned long docs, int final)
{
    if (!p->show) return;
    double t = now();
    if (!final && t - p->last < 0.2) return;
    p->last = t;
    unsigned long long done, total;
    xapnews_source_progress(src, &done, &total);
    done += p->bytes_before;
    double elapsed = t - p->start;
    double rate = elapsed > 0 ? (double)docs / elapsed : 0;
    fprintf(stderr, "\r\033[Kindexed %lu articles, %.0f/s", docs, rate);
    if (p->bytes_total && done > 0 && done < p->bytes_total) {
        double eta = elapsed * (double)(p->bytes_total - done) / (double)done;
        fprintf(stderr, ", %.0f%%, ETA %.0fs",
                100.0 * (double)done / (double)p->bytes_total, eta);
    }
    if (final) fputs("\r\033[K", stderr);
    fflush(stderr);
}

int cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"chrome", required_argument, NULL, 'c'},
        {"synonyms", required_argument, NULL, 'S'},
        {"officials", required_argument, NULL, 'O'},
        {"outlets", required_argument, NULL, 'U'},
        {"language", required_argument, NULL, 'l'},
        {"batch", required_argument, NULL, 'b'},
        {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL, *chrome = NULL, *language = "english";
    const char *table_arg[3] = {NULL, NULL, NULL};
    unsigned batch = 1000;
    int strict = 0, quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'c': chrome = optarg; break;
        case 'S': table_arg[XAPNEWS_TABLE_SYNONYMS] = optarg; break;
        case 'O': table_arg[XAPNEWS_TABLE_OFFICIALS] = optarg; break;
        case 'U': table_arg[XAPNEWS_TABLE_OUTLETS] = optarg; break;
        case 'l': language = optarg; break;
        case 'b': batch = cli_parse_uint("--batch", optarg); break;
        case 's': strict = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews index --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!db) {
        cli_error("index: --db DIR is required");
        return EXIT_USAGE;
    }
    int npaths = argc - optind;
    if (npaths <= 0) {
        cli_error("index: give at least one JSON Lines file or corpus folder");
        return EXIT_USAGE;
    }
    char *chrome_path = cli_schema_path(chrome, "chrome.conf");
    static const char *const table_file[3] = {"synonyms.txt", "officials.tsv",
                                              "outlets.tsv"};
    char *table_path[3];
    for (int t = 0; t < 3; t++) table_path[t] = cli_schema_path(table_arg[t], table_file[t]);

    /* open every input and load the rules before writing anything */
    int rc = EXIT_OK;
    xapnews_source_t **sources = calloc((size_t)npaths, sizeof *sources);
    xapnews_article_t *article = NULL;
    xapnews_writer_t *writer = NULL;
    if (!sources || xapnews_article_create(&article)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
        goto out;
    }
    for (int t = 0; t < 3; t++) {
        char *err = NULL;
        xapnews_status_t st;
        if (table_path[t] &&
            (st = xapnews_table_check((xapnews_table_t)t, table_path[t], &err))) {
            cli_error("%s", err ? err : xapnews_status_to_string(st));
            xapnews_free(err);
            rc = cli_exit_code(st);
            goto out;
        }
    }
    unsigned long long total_bytes = 0;
    for (int i = 0; i < npaths; i++) {
        char *err = NULL;
        xapnews_status_t st = xapnews_source_open(argv[optind + i], &sources[i], &err);
        if (st) {
            cli_error("%s", err ? err : xapnews_status_to_string(st));
            xapnews_free(err);
            rc = cli_exit_code(st);
            goto out;
        }
        if (chrome_path &&
            (st = xapnews_source_set_chrome_rules(sources[i], chrome_path))) {
            cli_error("%s", xapnews_source_last_error(sources[i]));
            rc = cli_exit_code(st);
            goto out;
        }
        unsigned long long t;
        xapnews_source_progress(sources[i], NULL, &t);
        total_bytes += t;
    }

    char *err = NULL;
    xapnews_status_t st = xapnews_writer_open(db, &writer, &err);
    if (!st && (st = xapnews_writer_set_language(writer, language)))
        err = strdup(xapnews_writer_last_error(writer));
    if (!st) st = xapnews_writer_set_batch_size(writer, batch);
    for (int t = 0; t < 3 && !st; t++)
        if (table_path[t] &&
            (st = xapnews_writer_load_table(writer, (xapnews_table_t)t, table_path[t])))
            err = strdup(xapnews_writer_last_error(writer));
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        rc = cli_exit_code(st);
        goto out;
    }

    progress_t prog = {!quiet && isatty(STDERR_FILENO), now(), 0, 0, total_bytes};
    unsigned long indexed = 0, skipped = 0;
    for (int i = 0; i < npaths && rc == EXIT_OK; i++) {
        for (;;) {
            st = xapnews_source_next(sources[i], article);
            if (st == XAPNEWS_STATUS_END) break;
            if (st == XAPNEWS_STATUS_BAD_INPUT) {
                progress_update(&prog, sources[i], indexed, 1);
                fprintf(stderr, "%s\n", xapnews_source_last_error(sources[i]));
                skipped++;
                if (strict) {
                    rc = EXIT_INPUT;
                    break;
                }
                continue;
            }
            if (st) {
                cli_error("%s", xapnews_source_last_error(sources[i]));
                rc = cli_exit_code(st);
                break;
            }
            st = xapnews_writer_add(writer, article);
            if (st == XAPNEWS_STATUS_BAD_INPUT) {
                fprintf(stderr, "%s: %s\n", argv[optind + i],
                        xapnews_writer_last_error(writer));
                skipped++;
                if (strict) {
                    rc = EXIT_INPUT;
                    break;
                }
                continue;
            }
            if (st) {
                cli_error("%s", xapnews_writer_last_error(writer));
                rc = cli_exit_code(st);
                break;
            }
            indexed++;
            progress_update(&prog, sources[i], indexed, 0);
        }
        unsigned long long t;
        xapnews_source_progress(sources[i], NULL, &t);
        prog.bytes_before += t;
        progress_update(&prog, sources[i], indexed, 1);
    }
    err = NULL;
    st = xapnews_writer_close(writer, &err);
    writer = NULL;
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        if (rc == EXIT_OK) rc = cli_exit_code(st);
    }
    double secs = now() - prog.start;
    printf("indexed %lu article%s, skipped %lu, into %s in %.2f s\n", indexed,
           indexed == 1 ? "" : "s", skipped, db, secs);
    if (rc == EXIT_OK && skipped) rc = EXIT_PARTIAL;
out:
    if (writer) xapnews_writer_close(writer, NULL);
    for (int i = 0; sources && i < npaths; i++) xapnews_source_close(sources[i]);
    free(sources);
    xapnews_article_destroy(article);
    free(chrome_path);
    for (int t = 0; t < 3; t++) free(table_path[t]);
    return rc;
}
