/* cmd_index.c - `xapnews index`: read articles and add them to a database,
 * a single one or shards built by parallel jobs. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE    /* getloadavg() */
#include "cli.h"
#include "index_parts.h"
#include "interrupt.h"
#include "parts_dir.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
    "A database keeps the stemming language, tables and fields schema it was\n"
    "first indexed with: indexing into it again uses them. An option left out takes the\n"
    "stored setting; a --language or table option that differs from it is\n"
    "refused before anything is written. To change them, re-index\n"
    "everything with --reindex.\n"
    "\n"
    "Options:\n"
    "  -d, --db DIR          the database to write (required)\n"
    "      --shards N        make DIR a folder of N shard databases plus a\n"
    "                        Xapian stub file (DIR/XAPIANDB), opened by any\n"
    "                        Xapian client as one database; new articles go to\n"
    "                        shards by a hash of their id (an existing sharded\n"
    "                        DIR is written without this option: an article\n"
    "                        stays in its shard, new ones go to the emptiest)\n"
    "  -j, --jobs J          use J processes (default: 2 while a second core is\n"
    "                        idle, for a new database of 4 MiB of input or more\n"
    "                        and for an existing one; else 1); with J 2 or\n"
    "                        more: with --shards, each\n"
    "                        builds every J-th shard; a new database (DIR\n"
    "                        missing or an empty folder) is built as J parts,\n"
    "                        each from a J-th of the input (a job done early\n"
    "                        takes over the end of a slower one's into one\n"
    "                        more part), joined at the end into the database\n"
    "                        one process would build (same\n"
    "                        articles, order and story keys; not with --strict);\n"
    "                        an existing database is written by one process,\n"
    "                        analysing on one thread while a second stores\n"
    "      --chrome FILE     page-chrome rules (default: schemas/chrome.conf;\n"
    "                        'none' keeps bodies as they are)\n"
    "      --synonyms FILE   variant table, Solr synonyms format\n"
    "      --officials FILE  officials: the shipped table plus FILE's entries\n"
    "                        (an entry of FILE with the canonical name of a\n"
    "                        shipped one replaces it)\n"
    "      --officials-only FILE  officials: FILE's entries alone\n"
    "      --outlets FILE    outlets table\n"
    "      --nicknames FILE  given names' nicknames, for officials' first names\n"
    "                        ('none' leaves a table out; default: the table the\n"
    "                        database stores, for a new database\n"
    "                        schemas/synonyms.txt, officials.tsv, outlets.tsv,\n"
    "                        nicknames.csv)\n"
    "      --fields FILE     the fields records hold besides the built-in ones\n"
    "                        (default: the database's, for a new one\n"
    "                        schemas/fields.conf: the built-in fields alone);\n"
    "                        a record key no field declares is ignored, with\n"
    "                        a note once per run\n"
    "      --language LANG   stemming language ('none' for no stemming;\n"
    "                        default: the database's, for a new one english)\n"
    "      --reindex         empty DIR first (every article, its stored\n"
    "                        language and tables, spelling and synonym data)\n"
    "                        and index PATH... with this run's language and\n"
    "                        tables: give all the input again\n"
    "      --batch N         commit every N articles (default 1000, or a\n"
    "                        fiftieth of the database's articles up to 10000)\n"
    "      --max-field-bytes N  keep at most N bytes of a text field (default\n"
    "                        4194304); longer fields are cut with a warning,\n"
    "                        records longer than 8N + 64 KiB skipped\n"
    "      --strict          a record with a malformed \"date\" is a bad record\n"
    "                        (without it, it is kept without its date); stop\n"
    "                        at the first bad record\n"
    "  -q, --quiet           no progress display, even on a terminal\n"
    "  -h, --help            show this help\n"
    "\n"
    "Bad records are reported as FILE:LINE: reason and skipped; the records\n"
    "around them are indexed. Repairable faults keep the record, with a\n"
    "FILE:LINE warning: invalid UTF-8, NUL characters (\\u0000) and lone\n"
    "UTF-16 surrogate escapes (\\ud800) become U+FFFD, a malformed \"date\" is\n"
    "dropped, an overlong field is cut. A byte order mark starting a file is\n"
    "skipped. An \"id\" may be a whole number (7 is the id \"7\"). A PATH\n"
    "without any record is reported as PATH: no articles (exit status 1). A\n"
    "summary line ends the run, counting indexed, repaired and skipped\n"
    "records.\n"
    "\n" EXIT_CODES_HELP;

#define N_TABLES 5 /* xapnews_table_t */
static const char *const table_file[N_TABLES] = {"synonyms.txt", "officials.tsv",
                                                 "outlets.tsv", "nicknames.csv",
                                                 "fields.conf"};

/* How messages name each table, and its option. */
static const char *const table_label[N_TABLES] = {"variant table (synonyms)",
                                                  "officials table", "outlets table",
                                                  "nicknames table", "fields schema"};
static const char *const table_option[N_TABLES] = {"synonyms", "officials", "outlets",
                                                   "nicknames", "fields"};

#define REINDEX_HINT \
    "or re-index everything with --reindex (it empties the database first: give all the input again)"

/* The files one table is loaded from (none: no table) and how messages
 * name them. */
typedef struct {
    char *path[2];
    size_t n;
    char *asked; /* the paths joined by " + ", or "none" */
} table_files;

typedef struct {
    const char *db;
    const char *language;              /* --language, or NULL */
    const char *table_arg[N_TABLES];   /* each table option, or NULL */
    int officials_only;                /* --officials-only: no shipped table */
    char *chrome_path;
    table_files files[N_TABLES];       /* the files to load */
    unsigned batch, shards, jobs, max_field;
    int jobs_set;  /* --jobs given; else chosen (auto_jobs()) */
    int parts;     /* a new database built as JOBS parts (run_parts()) */
    int batch_set; /* --batch given: exactly that; else the library's default */
    int reindex;
    int strict, quiet;
    char **paths;
    int npaths;
} index_args;

typedef struct {
    unsigned long indexed, repaired, skipped;
    unsigned long empty; /* inputs that held no record at all */
    int rc;
    unsigned parts;      /* a build in parts: the parts joined */
} index_counts;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What one job of a build in parts publishes for the command to show
 * (shared memory): the articles it indexed, and the bytes of its run read. */
typedef struct {
    unsigned long articles;
    unsigned long long bytes;
} progress_slot;

typedef struct {
    int show;
    double start, last;
    unsigned long long bytes_before, bytes_total;
    volatile progress_slot *slot; /* a job's: published there, not shown */
    const part_plan *plan;        /* the job's, whose run the bytes are of */
} progress_t;

/* Draws the progress line: DOCS articles indexed, DONE of P's input bytes
 * read, at time T; FINAL clears it for what is written next. */
static void progress_draw(progress_t *p, unsigned long docs, unsigned long long done, double t,
                          int final)
{
    p->last = t;
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

static void progress_update(progress_t *p, const xapnews_source_t *src,
                            unsigned long docs, int final)
{
    if (!p->show && !p->slot) return;
    unsigned long long done;
    xapnews_source_progress(src, &done, NULL);
    done += p->bytes_before;
    if (p->slot) {
        p->slot->articles = docs;
        p->slot->bytes = p->plan ? part_plan_run_done(p->plan, done) : done;
        return;
    }
    double t = now();
    if (final || t - p->last >= 0.2) progress_draw(p, docs, done, t, final);
}

/* Shows the progress of the N jobs of a build in parts, as one. */
static void progress_of_parts(progress_t *p, const volatile progress_slot *slots, unsigned n)
{
    unsigned long docs = 0;
    unsigned long long done = 0;
    for (unsigned j = 0; j < n; j++) {
        docs += slots[j].articles;
        done += slots[j].bytes;
    }
    progress_draw(p, docs, done, now(), 0);
}

/* Opens every input with the chrome rules; with REPORT, errors are
 * printed. Returns 0 or an exit code (sources opened so far are closed). */
static int open_sources(const index_args *a, xapnews_source_t **sources,
                        unsigned long long *total_bytes, int report)
{
    *total_bytes = 0;
    for (int i = 0; i < a->npaths; i++) {
        char *err = NULL;
        xapnews_status_t st = xapnews_source_open(a->paths[i], &sources[i], &err);
        if (!st && a->max_field)
            st = xapnews_source_set_max_field_bytes(sources[i], a->max_field);
        if (!st && a->strict)
            st = xapnews_source_set_flags(sources[i], XAPNEWS_SOURCE_STRICT_DATES);
        if (!st && a->chrome_path &&
            (st = xapnews_source_set_chrome_rules(sources[i], a->chrome_path)) && report)
            cli_error("%s", xapnews_source_last_error(sources[i]));
        else if (st && report)
            cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        if (st) {
            for (int k = 0; k <= i; k++) {
                xapnews_source_close(sources[k]);
                sources[k] = NULL;
            }
            return cli_exit_code(st);
        }
        unsigned long long t;
        xapnews_source_progress(sources[i], NULL, &t);
        *total_bytes += t;
    }
    return 0;
}

/* Says why W refused table T of the run. */
static void table_refused(const index_args *a, xapnews_writer_t *w, int t)
{
    const char *asked = a->files[t].asked;
    const char *option = t == XAPNEWS_TABLE_OFFICIALS && a->officials_only
                             ? "officials-only"
                             : table_option[t];
    if (!xapnews_writer_has_table(w, (xapnews_table_t)t))
        cli_error("database %s was indexed with no %s; this run asks for %s. Index "
                  "without --%s (or with --%s none) to keep it so, " REINDEX_HINT,
                  a->db, table_label[t], asked, option, option);
    else if (!a->files[t].n)
        cli_error("database %s stores the %s it was indexed with; this run asks for "
                  "none. Index without --%s to keep it, " REINDEX_HINT,
                  a->db, table_label[t], option);
    else
        cli_error("database %s stores a different %s than %s. Index without --%s to "
                  "keep the stored one, " REINDEX_HINT,
                  a->db, table_label[t], asked, option);
}

/* Gives W the run's language and tables: those of the options, and the
 * default tables when the database is new (a settled one keeps its own).
 * Every setting the database refuses is reported. Returns 0 or the exit
 * code. */
static int apply_settings(const index_args *a, xapnews_writer_t *w)
{
    int rc = 0;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (a->language && (st = xapnews_writer_set_language(w, a->language))) {
        if (st != XAPNEWS_STATUS_SETTINGS_MISMATCH) goto failed;
        cli_error("database %s was indexed with stemming language '%s'; this run asks "
                  "for '%s'. Index without --language (or with --language %s) to keep "
                  "it, " REINDEX_HINT,
                  a->db, xapnews_writer_language(w), a->language, xapnews_writer_language(w));
        rc = cli_exit_code(st);
    }
    int is_new = xapnews_writer_is_new(w);
    for (int t = 0; t < N_TABLES; t++) {
        const table_files *f = &a->files[t];
        if (!a->table_arg[t] && (!is_new || !f->n)) continue;
        st = f->n ? xapnews_writer_load_table_files(w, (xapnews_table_t)t,
                                                    (const char *const *)f->path, f->n)
                  : xapnews_writer_clear_table(w, (xapnews_table_t)t);
        if (st && st != XAPNEWS_STATUS_SETTINGS_MISMATCH) goto failed;
        if (st) {
            table_refused(a, w, t);
            rc = cli_exit_code(st);
        }
    }
    return rc;
failed:
    cli_error("%s", xapnews_writer_last_error(w));
    return cli_exit_code(st);
}

/* Opens the writer of job JOB of NJOBS: on PART when it is not NULL (a
 * part of a new database, written by one thread), else on the database. */
static int open_writer(const index_args *a, const char *part, unsigned job, unsigned njobs,
                       xapnews_writer_t **w)
{
    char *err = NULL;
    unsigned flags = a->reindex ? XAPNEWS_WRITER_REINDEX : 0;
    xapnews_status_t st =
        part        ? xapnews_writer_open_flags(part, XAPNEWS_WRITER_NO_SYNC, w, &err)
        : a->shards ? xapnews_writer_open_shards_flags(a->db, job, njobs, flags, w, &err)
                    : xapnews_writer_open_flags(a->db, flags, w, &err);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        return cli_exit_code(st);
    }
    int rc = apply_settings(a, *w);
    if (rc) return rc;
    if (a->batch_set) st = xapnews_writer_set_batch_size(*w, a->batch);
    /* without shards, --jobs puts the storing on a second thread */
    if (!st && !a->shards && !part && a->jobs > 1) st = xapnews_writer_set_threads(*w, 2);
    if (st) {
        cli_error("%s", xapnews_writer_last_error(*w));
        return cli_exit_code(st);
    }
    return 0;
}

/* Before parallel jobs: opens the whole database once, emptied with
 * --reindex, and gives it the run's settings, so a refusal is reported
 * once and before any job writes, and every job finds the settings
 * stored. Returns 0 or the exit code. */
static int settle_shards(const index_args *a)
{
    xapnews_writer_t *w = NULL;
    int rc = open_writer(a, NULL, 0, 1, &w);
    char *err = NULL;
    xapnews_status_t st = xapnews_writer_close(w, &err);
    if (st && !rc) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        rc = cli_exit_code(st);
    }
    xapnews_free(err);
    return rc;
}

/* The record keys no field declares that a run has noted. */
typedef struct {
    char **key;
    size_t n;
} noted_keys;

/* Notes, once per run, each key SRC has met that no field declares. */
static void note_undeclared(const xapnews_source_t *src, noted_keys *noted, int report)
{
    for (size_t i = 0; i < xapnews_source_undeclared_count(src); i++) {
        unsigned long line;
        const char *key = xapnews_source_undeclared(src, i, &line);
        size_t k = 0;
        while (k < noted->n && strcmp(noted->key[k], key) != 0) k++;
        if (k < noted->n) continue;
        char **grown = realloc(noted->key, (noted->n + 1) * sizeof *grown);
        char *copy = grown ? strdup(key) : NULL;
        if (grown) noted->key = grown;
        if (!copy) return; /* no memory for the note: it is only a note */
        noted->key[noted->n++] = copy;
        if (report)
            fprintf(stderr,
                    "%s:%lu: note: \"%s\" is not a declared field and is ignored "
                    "(declare it in a fields schema, --fields FILE, to index it)\n",
                    xapnews_source_path(src), line, key);
    }
}

/* Has every input of A read the fields WRITER indexes with. Returns 0,
 * or -1 when memory runs out (said, with C's exit code). */
static int read_writer_fields(const index_args *a, xapnews_source_t **sources,
                              const xapnews_writer_t *writer, index_counts *c)
{
    for (int i = 0; i < a->npaths; i++)
        if (xapnews_source_set_fields(sources[i], xapnews_writer_fields(writer))) {
            cli_error("out of memory");
            c->rc = EXIT_INTERNAL;
            return -1;
        }
    return 0;
}

/* A job of a build in parts, in its own process (run_part_job()). */
typedef struct {
    part_board *board;
    unsigned job;
    unsigned run;                  /* the run it indexes now */
    char (*path)[4200];            /* each run's part */
    FILE **logs;                   /* each run's messages */
    volatile progress_slot *slots; /* each run's progress */
} part_job;

/* Job PJ, whose run ended at the record ending AT bytes into the inputs,
 * goes on into the end of a run ahead when part_board_steal() gives it
 * one: its plan PLAN turns to that run, *WRITER is closed and the run's
 * part opened in its place, and its messages go to the run's file.
 * Returns 1 then, 0 when there is nothing to take or the part cannot be
 * opened (said, with C's exit code). */
static int go_on_ahead(const index_args *a, part_job *pj, part_plan *plan, unsigned long long at,
                       xapnews_source_t **sources, xapnews_writer_t **writer, index_counts *c)
{
    unsigned run;
    if (!part_board_steal(pj->board, pj->job, at, &run)) return 0;
    char *err = NULL;
    xapnews_status_t st = xapnews_writer_close(*writer, &err);
    *writer = NULL;
    fflush(NULL);
    dup2(fileno(pj->logs[run]), STDERR_FILENO);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        c->rc = cli_exit_code(st);
    }
    xapnews_free(err);
    if (c->rc || (c->rc = open_writer(a, pj->path[run], 0, 1, writer)) ||
        read_writer_fields(a, sources, *writer, c) < 0)
        return 0;
    part_plan_continue(plan, run);
    pj->run = run;
    return 1;
}

/* Indexes every input into the shards of job JOB of NJOBS (or the whole
 * database, or PART), or with PLAN only the records it takes. Only a
 * REPORTing job prints bad records and progress, and only of records it
 * takes; with SLOT, a job of a build in parts, its progress is published
 * there instead, and with PJ, such a job goes on into the end of a run
 * ahead when its own ends (go_on_ahead()). */
static void run_index(const index_args *a, const char *part, part_plan *plan, unsigned job,
                      unsigned njobs, int report, volatile progress_slot *slot, part_job *pj,
                      index_counts *c)
{
    memset(c, 0, sizeof *c);
    xapnews_source_t **sources = calloc((size_t)a->npaths, sizeof *sources);
    xapnews_article_t *article = NULL;
    xapnews_writer_t *writer = NULL;
    unsigned long long total_bytes = 0;
    if (!sources || xapnews_article_create(&article)) {
        cli_error("out of memory");
        c->rc = EXIT_INTERNAL;
        goto out;
    }
    if ((c->rc = open_sources(a, sources, &total_bytes, report)) ||
        (c->rc = open_writer(a, part, job, njobs, &writer)))
        goto out;
    /* the sources read the fields the database is indexed with */
    if (read_writer_fields(a, sources, writer, c) < 0) goto out;
    progress_t prog = {report && !slot && !a->quiet && isatty(STDERR_FILENO), now(), 0, 0,
                       total_bytes, slot, plan};
    unsigned long seen = 0; /* articles shown: in a job, those of its slot's run */
    noted_keys noted = {NULL, 0};
    int stop = 0;
    for (int i = 0; i < a->npaths && c->rc == EXIT_OK && !stop; i++) {
        unsigned long records = 0;
        size_t undeclared_seen = 0;
        for (;; records++) {
            xapnews_status_t st = xapnews_source_next(sources[i], article);
            record_take take = RECORD_TAKE;
            if (st != XAPNEWS_STATUS_END && plan &&
                (st == XAPNEWS_STATUS_SUCCESS || st == XAPNEWS_STATUS_BAD_INPUT)) {
                unsigned long long done;
                xapnews_source_progress(sources[i], &done, NULL);
                const char *id = st ? NULL : xapnews_article_get(article, XAPNEWS_FIELD_ID);
                int taking;
                for (;;) {
                    taking = part_plan_take(plan, i, records, prog.bytes_before + done, id, &take);
                    if (taking < 0 || take != RECORD_STOP) break;
                    progress_update(&prog, sources[i], seen, 1); /* where the run ended */
                    if (!pj || !go_on_ahead(a, pj, plan, prog.bytes_before + done, sources,
                                            &writer, c))
                        break;
                    prog.slot = &pj->slots[pj->run]; /* the run gone on into */
                    seen = 0;
                }
                if (taking < 0) {
                    cli_error("out of memory");
                    c->rc = EXIT_INTERNAL;
                    break;
                }
                if (c->rc) break;
                if (take == RECORD_STOP) {
                    stop = 1;
                    break;
                }
            }
            if (xapnews_source_undeclared_count(sources[i]) > undeclared_seen) {
                progress_update(&prog, sources[i], seen, 1);
                /* a key met before the run was noted by the job that took it */
                note_undeclared(sources[i], &noted, report && take == RECORD_TAKE);
                undeclared_seen = xapnews_source_undeclared_count(sources[i]);
            }
            if (st == XAPNEWS_STATUS_END) break;
            if (take == RECORD_PASS) continue;
            if (st == XAPNEWS_STATUS_BAD_INPUT) {
                progress_update(&prog, sources[i], seen, 1);
                if (report) fprintf(stderr, "%s\n", xapnews_source_last_error(sources[i]));
                c->skipped++;
                if (a->strict) {
                    c->rc = EXIT_INPUT;
                    break;
                }
                continue;
            }
            if (st) {
                if (report) cli_error("%s", xapnews_source_last_error(sources[i]));
                c->rc = cli_exit_code(st);
                break;
            }
            seen++;
            const char *warning = xapnews_source_warning(sources[i]);
            if (warning) {
                if (report) {
                    progress_update(&prog, sources[i], seen, 1);
                    fprintf(stderr, "%s\n", warning);
                }
                c->repaired++;
            }
            int mine = xapnews_writer_owns(writer, xapnews_article_get(article, XAPNEWS_FIELD_ID));
            st = xapnews_writer_add(writer, article);
            if (st == XAPNEWS_STATUS_BAD_INPUT) {
                if (report)
                    fprintf(stderr, "%s: %s\n", a->paths[i], xapnews_writer_last_error(writer));
                c->skipped++;
                if (a->strict) {
                    c->rc = EXIT_INPUT;
                    break;
                }
                continue;
            }
            if (st) {
                cli_error("%s", xapnews_writer_last_error(writer));
                c->rc = cli_exit_code(st);
                break;
            }
            if (mine) c->indexed++;
            progress_update(&prog, sources[i], seen, 0);
        }
        if (stop) break;
        unsigned long long t;
        xapnews_source_progress(sources[i], NULL, &t);
        prog.bytes_before += t;
        progress_update(&prog, sources[i], seen, 1);
        /* an empty file, or the wrong one (with a plan: where its run has it) */
        if (!records && c->rc == EXIT_OK && (!plan || part_plan_holds(plan, prog.bytes_before))) {
            if (report) fprintf(stderr, "%s: no articles\n", a->paths[i]);
            c->empty++;
        }
    }
    for (size_t k = 0; k < noted.n; k++) free(noted.key[k]);
    free(noted.key);
out:;
    char *err = NULL;
    xapnews_status_t st = xapnews_writer_close(writer, &err);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        if (c->rc == EXIT_OK) c->rc = cli_exit_code(st);
    }
    xapnews_free(err);
    for (int i = 0; sources && i < a->npaths; i++) xapnews_source_close(sources[i]);
    free(sources);
    xapnews_article_destroy(article);
}

/* Reads LEN bytes of a job's report from FD; -1 when the job ended
 * first or the command was interrupted. */
static int read_report(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR && !cli_interrupt_signal()) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Starts job J (counted from 0) of the command PARENT, with a pipe for
 * its report. Returns 0 in the job, its end of the pipe in *FD; 1 in the
 * command, the job in *PID and the command's end in *FD; -1 when it
 * cannot start (said on stderr). */
static int start_job(unsigned j, pid_t parent, pid_t *pid, int *fd)
{
    int p[2];
    if (pipe(p) != 0 || (*pid = fork()) < 0) {
        cli_error("cannot start job %u: %s", j + 1, strerror(errno));
        *pid = 0;
        *fd = -1;
        return -1;
    }
    if (*pid == 0) {
        cli_interrupt_in_job(parent);
        close(p[0]);
        *fd = p[1];
        return 0;
    }
    close(p[1]);
    *fd = p[0];
    return 1;
}

/* Runs NJOBS processes, each building its shards; sums their counts.
 * Interrupted (SIGINT, SIGTERM, SIGHUP), it stops them and dies of the
 * signal: each shard keeps what its job committed. */
static void run_jobs(const index_args *a, index_counts *total)
{
    memset(total, 0, sizeof *total);
    pid_t *pids = calloc(a->jobs, sizeof *pids);
    int *fds = calloc(a->jobs, sizeof *fds);
    if (!pids || !fds) {
        cli_error("out of memory");
        total->rc = EXIT_INTERNAL;
        free(pids);
        free(fds);
        return;
    }
    fflush(NULL);
    cli_interrupt_catch();
    pid_t parent = getpid();
    for (unsigned j = 0; j < a->jobs; j++) {
        int started = start_job(j, parent, &pids[j], &fds[j]);
        if (started < 0) total->rc = EXIT_INTERNAL;
        if (started == 0) {
            index_counts c;
            run_index(a, NULL, NULL, j, a->jobs, j == 0, NULL, NULL, &c);
            ssize_t ignored = write(fds[j], &c, sizeof c);
            (void)ignored;
            _exit(c.rc);
        }
    }
    for (unsigned j = 0; j < a->jobs && !cli_interrupt_signal(); j++) {
        index_counts c;
        if (fds[j] < 0) continue;
        int got = read_report(fds[j], &c, sizeof c) == 0;
        if (cli_interrupt_signal()) break;
        close(fds[j]);
        waitpid(pids[j], NULL, 0);
        pids[j] = 0;
        if (!got) {
            cli_error("job %u ended without a report", j + 1);
            c.rc = EXIT_INTERNAL;
            c.indexed = c.skipped = c.empty = 0;
        }
        total->indexed += c.indexed;
        if (j == 0) { /* every job sees every bad record and input */
            total->skipped = c.skipped;
            total->repaired = c.repaired;
            total->empty = c.empty;
        }
        if (c.rc > total->rc) total->rc = c.rc;
    }
    if (cli_interrupt_signal()) {
        cli_interrupt_stop(pids, a->jobs);
        cli_error("interrupted: each shard of %s keeps what its job committed", a->db);
        cli_interrupt_die();
    }
    cli_interrupt_release();
    free(pids);
    free(fds);
}


/* Copies what FILE holds to stderr and closes it. */
static void replay_messages(FILE *file)
{
    if (!file) return;
    char buf[8192];
    size_t n;
    fflush(file);
    rewind(file);
    while ((n = fread(buf, 1, sizeof buf, file)) > 0) fwrite(buf, 1, n, stderr);
    fclose(file);
}

/* Waits until job report FD can be read, showing the progress of the N
 * jobs of SLOTS meanwhile when P shows it; -1 when interrupted. */
static int wait_report(int fd, progress_t *p, const volatile progress_slot *slots, unsigned n)
{
    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, p->show ? 200 : -1);
        if (r > 0) return 0;
        if (r < 0 && errno != EINTR) return 0; /* the read says what is wrong */
        if (cli_interrupt_signal()) return -1;
        if (r == 0) progress_of_parts(p, slots, n);
    }
}

/* An interrupted build in parts: stops the jobs still running (N of
 * PIDS), removes the parts folder DIR (its lock LOCK_FD, -1 once closed)
 * and the database, made new (DB, an empty folder before when
 * WAS_FOLDER), and dies of the signal, clearing the progress line SHOWN
 * draws. */
static void give_up_parts(const char *db, int was_folder, const char *dir, int lock_fd,
                          const pid_t *pids, unsigned n, const progress_t *shown)
{
    if (shown->show) fputs("\r\033[K", stderr);
    cli_interrupt_stop(pids, n);
    parts_remove_tree(dir);
    if (lock_fd >= 0) close(lock_fd);
    parts_remove_tree(db);
    if (was_folder) mkdir(db, 0777);
    cli_error("interrupted: %s was not built; its parts are removed", db);
    cli_interrupt_die();
}

/* Job J of a build in parts, in its own process: indexes its run of the
 * board B into its part, going on into the end of a run ahead when worth
 * it (go_on_ahead()); at the inputs' end, it may take over the end of a
 * run behind into one more part, reading the inputs again. Each run's
 * messages go to its own LOGS file and its progress to its SLOTS entry.
 * Reports its counts, summed, then its two plans' deferred records, on
 * FD. */
static void run_part_job(const index_args *a, part_board *b, unsigned j, char (*path)[4200],
                         FILE **logs, volatile progress_slot *slots, int fd)
{
    index_counts sum = {0, 0, 0, 0, EXIT_OK, 0};
    part_plan *plan[2] = {NULL, NULL};
    part_job pj = {b, j, j, path, logs, slots};
    for (int k = 0; k < 2 && sum.rc == EXIT_OK; k++) {
        fflush(NULL);
        dup2(fileno(logs[pj.run]), STDERR_FILENO);
        index_counts c;
        if (!(plan[k] = part_plan_new(b, pj.run))) {
            cli_error("out of memory");
            sum.rc = EXIT_INTERNAL;
            break;
        }
        run_index(a, path[pj.run], plan[k], 0, 1, 1, &slots[pj.run], k ? NULL : &pj, &c);
        sum.indexed += c.indexed;
        sum.repaired += c.repaired;
        sum.skipped += c.skipped;
        sum.empty += c.empty;
        sum.rc = c.rc;
        if (c.rc != EXIT_OK || !part_board_steal(b, j, ULLONG_MAX, &pj.run)) break;
    }
    fflush(NULL);
    if (write(fd, &sum, sizeof sum) != (ssize_t)sizeof sum) sum.rc = EXIT_INTERNAL;
    for (int k = 0; k < 2; k++) {
        part_plan *p = plan[k] ? plan[k] : part_plan_replay(); /* an empty list */
        if (!p || part_plan_write_deferred(p, fd) < 0) sum.rc = EXIT_INTERNAL;
        part_plan_free(p);
    }
    _exit(sum.rc);
}

/* A new database with --jobs J and no --shards: J processes each index
 * one run of the inputs (TOTAL_BYTES in all; see index_parts.h) into a
 * part in a folder beside the database (parts_dir.h), a job done early
 * taking over the end of a run with much left into one more part; the
 * parts are joined in input order into the database, the folder is
 * removed, and the records the jobs deferred are added again. The jobs'
 * messages come out in input order. Sums the jobs' counts into TOTAL.
 * Interrupted (SIGINT, SIGTERM, SIGHUP) before the records are added
 * again, it stops the jobs, removes the parts and the database, and dies
 * of the signal. */
static void run_parts(const index_args *a, unsigned long long total_bytes,
                      index_counts *total)
{
    memset(total, 0, sizeof *total);
    unsigned n = a->jobs, cap = 2 * n, nruns = 0;
    part_board *board = part_board_new(n, total_bytes);
    char (*path)[4200] = calloc(cap, sizeof *path), *dir = NULL;
    const char **paths = calloc(cap, sizeof *paths);
    unsigned *order = calloc(cap, sizeof *order);
    pid_t *pids = calloc(n, sizeof *pids);
    int *fds = calloc(n, sizeof *fds);
    FILE **logs = calloc(cap, sizeof *logs);
    part_plan *replay = part_plan_replay();
    struct stat sb;
    int was_folder = stat(a->db, &sb) == 0, lock_fd = -1;
    /* each run's progress, shown as one by this process */
    volatile progress_slot *slots = mmap(NULL, cap * sizeof *slots, PROT_READ | PROT_WRITE,
                                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    progress_t shown = {!a->quiet && isatty(STDERR_FILENO), now(), 0, 0, total_bytes, NULL, NULL};
    if (slots == MAP_FAILED) slots = NULL;
    if (!board || !path || !paths || !order || !pids || !fds || !logs || !replay || !slots) {
        cli_error("out of memory");
        total->rc = EXIT_INTERNAL;
        goto out;
    }
    if (!(dir = parts_dir_make(a->db, &lock_fd))) {
        cli_error("%s.parts-%ld: cannot create: %s", a->db, (long)getpid(), strerror(errno));
        total->rc = cli_exit_code(XAPNEWS_STATUS_FILE_ERROR);
        goto out;
    }
    for (unsigned r = 0; r < cap; r++) {
        snprintf(path[r], sizeof path[r], "%s/part-%03u", dir, r);
        if (!(logs[r] = tmpfile())) {
            cli_error("cannot start the jobs: %s", strerror(errno));
            total->rc = EXIT_INTERNAL;
            parts_remove_tree(dir);
            goto out;
        }
    }
    fflush(NULL);
    cli_interrupt_catch();
    pid_t parent = getpid();
    for (unsigned j = 0; j < n; j++) {
        int started = start_job(j, parent, &pids[j], &fds[j]);
        if (started < 0) total->rc = EXIT_INTERNAL;
        if (started == 0) run_part_job(a, board, j, path, logs, slots, fds[j]);
    }
    for (unsigned j = 0; j < n && !cli_interrupt_signal(); j++) {
        index_counts c;
        if (fds[j] < 0) continue;
        int got = wait_report(fds[j], &shown, slots, cap) == 0 &&
                  read_report(fds[j], &c, sizeof c) == 0 &&
                  part_plan_read_deferred(replay, fds[j]) == 0 &&
                  part_plan_read_deferred(replay, fds[j]) == 0;
        if (cli_interrupt_signal()) break;
        close(fds[j]);
        fds[j] = -1;
        waitpid(pids[j], NULL, 0);
        pids[j] = 0;
        if (!got) {
            cli_error("job %u ended without a report", j + 1);
            c.rc = EXIT_INTERNAL;
            c.indexed = c.repaired = c.skipped = c.empty = 0;
        }
        total->indexed += c.indexed;
        total->repaired += c.repaired;
        total->skipped += c.skipped;
        total->empty += c.empty;
        if (c.rc > total->rc) total->rc = c.rc;
    }
    if (cli_interrupt_signal()) give_up_parts(a->db, was_folder, dir, lock_fd, pids, n, &shown);
    if (shown.show) progress_of_parts(&shown, slots, cap); /* where the jobs ended */
    nruns = part_board_order(board, order);
    for (unsigned k = 0; k < nruns; k++) {
        paths[k] = path[order[k]];
        if (shown.show && ftell(logs[order[k]]) > 0) fputs("\r\033[K", stderr);
        replay_messages(logs[order[k]]);
        logs[order[k]] = NULL;
    }
    total->parts = nruns;
    if (total->rc == EXIT_OK) {
        char *err = NULL;
        if (shown.show) {
            fprintf(stderr, "\r\033[Kjoining %u parts into %s", nruns, a->db);
            fflush(stderr);
        }
        rmdir(a->db); /* an empty folder given as the database */
        xapnews_status_t st = xapnews_database_join(paths, nruns, a->db, &err);
        if (st) {
            cli_error("%s", err ? err : xapnews_status_to_string(st));
            total->rc = cli_exit_code(st);
        }
        xapnews_free(err);
    }
    if (shown.show) fputs("\r\033[K", stderr);
    parts_remove_tree(dir);
    close(lock_fd);
    lock_fd = -1;
    if (cli_interrupt_signal()) give_up_parts(a->db, was_folder, dir, -1, pids, 0, &shown);
    cli_interrupt_release(); /* from here on, one writer: stopped, it keeps its commits */
    if (total->rc == EXIT_OK && part_plan_deferred(replay)) {
        /* ids an earlier run held: replaced in place, as one writer does */
        index_counts c;
        run_index(a, a->db, replay, 0, 1, 1, NULL, NULL, &c);
        total->indexed += c.indexed;
        total->repaired += c.repaired;
        total->skipped += c.skipped;
        total->rc = c.rc;
    }
out:
    for (unsigned r = 0; logs && r < cap; r++) replay_messages(logs[r]);
    if (lock_fd >= 0) close(lock_fd);
    part_plan_free(replay);
    part_board_free(board);
    free(dir);
    free(path);
    free(paths);
    free(order);
    free(pids);
    free(fds);
    free(logs);
    if (slots) munmap((void *)slots, cap * sizeof *slots);
}

/* The line that ends a run: what was indexed, where, and how fast. */
static void print_summary(const index_args *a, const index_counts *t, double seconds)
{
    printf("indexed %lu article%s, repaired %lu, skipped %lu, into %s", t->indexed,
           t->indexed == 1 ? "" : "s", t->repaired, t->skipped, a->db);
    if (a->shards)
        printf(" (%u shards, %u job%s)", a->shards, a->jobs, a->jobs == 1 ? "" : "s");
    else if (a->parts && t->parts > a->jobs)
        printf(" (%u jobs, %u parts)", a->jobs, t->parts);
    else if (a->parts)
        printf(" (%u jobs)", a->jobs);
    else if (a->jobs > 1)
        printf(" (2 threads)");
    printf(" in %.2f s\n", seconds);
}
/* Whether PATH and OTHER name the same file. */
static int same_file(const char *path, const char *other)
{
    struct stat a, b;
    return strcmp(path, other) == 0 ||
           (stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev &&
            a.st_ino == b.st_ino);
}

/* The files of table T for the options A: the option's file, or the
 * default one when it is left out, or none; --officials FILE is the
 * shipped officials table and FILE (FILE alone when it is the shipped
 * file). Returns 0, or -1 when memory runs out. */
static int table_files_of(const index_args *a, int t, table_files *f)
{
    const char *arg = a->table_arg[t];
    memset(f, 0, sizeof *f);
    if (t == XAPNEWS_TABLE_OFFICIALS && arg && !a->officials_only &&
        strcmp(arg, "none") != 0) {
        char *shipped = cli_find_schema(table_file[t]);
        if (shipped && !same_file(shipped, arg)) f->path[f->n++] = shipped;
        else free(shipped);
    }
    char *own = cli_schema_path(arg, table_file[t]);
    if (own) f->path[f->n++] = own;
    size_t len = 5;
    for (size_t i = 0; i < f->n; i++) len += strlen(f->path[i]) + 3;
    if (!(f->asked = malloc(len))) return -1;
    strcpy(f->asked, f->n ? "" : "none");
    for (size_t i = 0; i < f->n; i++) {
        if (i) strcat(f->asked, " + ");
        strcat(f->asked, f->path[i]);
    }
    return arg && strcmp(arg, "none") != 0 && !own ? -1 : 0;
}

/* Whether PATH does not exist yet, or is an empty folder. */
static int is_new_path(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return errno == ENOENT;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) empty = 0;
    closedir(d);
    return empty;
}

/* Input of this many bytes or more into a new database is indexed in two
 * parts by default, when two cores are free: below it, the jobs and the
 * join are not worth starting. */
#define AUTO_PARTS_MIN_BYTES (4ULL << 20)

/* procs_running of /proc/stat (Linux): the threads running or ready to
 * run, the caller's included; -1 when it cannot be read. */
static long procs_running(void)
{
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return -1;
    char line[256];
    long running = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "procs_running %ld", &running) == 1) break;
    fclose(f);
    return running;
}

/* Samples of the running threads taken, and the pause between two. */
#define BUSY_SAMPLES 5
#define BUSY_SAMPLE_GAP_NS 2000000L

/* The threads other than the caller's that keep running (the fewest
 * running or ready over up to BUSY_SAMPLES looks, 8 ms in all, ending at
 * the first that shows the caller alone: a thread that only passes by,
 * such as the shell that started this command, is not counted), or where
 * that is not to be had, the load average of the last minute; -1 when
 * neither is. The running count describes the cores as
 * they are: the load average still counts, for a minute after, work that
 * has ended (the build that ran just before a daily append). */
static double busy_threads(void)
{
    long fewest = -1;
    for (int i = 0; i < BUSY_SAMPLES; i++) {
        if (i) {
            struct timespec gap = {0, BUSY_SAMPLE_GAP_NS};
            nanosleep(&gap, NULL);
        }
        long running = procs_running();
        if (running < 1) break;
        if (fewest < 0 || running < fewest) fewest = running;
        if (fewest == 1) break; /* the caller alone: no look can show fewer */
    }
    if (fewest >= 1) return (double)(fewest - 1);
    double load[1];
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

/* The jobs of a run without --jobs (no --shards, no --strict): 2 on a
 * machine of two cores or more where, besides the core a single job would
 * take, one is idle (busy_threads()), for a new database of
 * AUTO_PARTS_MIN_BYTES of input (TOTAL_BYTES) or more (built in parts)
 * and for an existing database (a second thread stores while the first
 * analyses); else 1. */
static unsigned auto_jobs(const index_args *a, unsigned long long total_bytes)
{
    if (a->shards || a->strict || (total_bytes < AUTO_PARTS_MIN_BYTES && is_new_path(a->db)))
        return 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 2) return 1;
    double busy = busy_threads();
    if (busy < 0) return 1;
    return (double)cores - busy >= 2.0 ? 2 : 1;
}

static void free_args(index_args *a)
{
    free(a->chrome_path);
    for (int t = 0; t < N_TABLES; t++) {
        for (size_t i = 0; i < a->files[t].n; i++) free(a->files[t].path[i]);
        free(a->files[t].asked);
    }
}

int cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"shards", required_argument, NULL, 'N'},
        {"jobs", required_argument, NULL, 'j'},
        {"chrome", required_argument, NULL, 'c'},
        {"synonyms", required_argument, NULL, 'S'},
        {"officials", required_argument, NULL, 'O'},
        {"officials-only", required_argument, NULL, 'o'},
        {"outlets", required_argument, NULL, 'U'},
        {"nicknames", required_argument, NULL, 'K'},
        {"fields", required_argument, NULL, 'F'},
        {"language", required_argument, NULL, 'l'},
        {"reindex", no_argument, NULL, 'R'},
        {"batch", required_argument, NULL, 'b'},
        {"strict", no_argument, NULL, 's'},
        {"max-field-bytes", required_argument, NULL, 'M'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    index_args a;
    memset(&a, 0, sizeof a);
    a.batch = 1000;
    a.jobs = 1;
    const char *chrome = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': a.db = optarg; break;
        case 'N': a.shards = cli_parse_uint("--shards", optarg); break;
        case 'j':
            a.jobs = cli_parse_uint("--jobs", optarg);
            a.jobs_set = 1;
            break;
        case 'c': chrome = optarg; break;
        case 'S': a.table_arg[XAPNEWS_TABLE_SYNONYMS] = optarg; break;
        case 'O':
        case 'o':
            if (a.table_arg[XAPNEWS_TABLE_OFFICIALS] && a.officials_only != (c == 'o')) {
                cli_error("index: give --officials or --officials-only, not both");
                return EXIT_USAGE;
            }
            a.table_arg[XAPNEWS_TABLE_OFFICIALS] = optarg;
            a.officials_only = c == 'o';
            break;
        case 'U': a.table_arg[XAPNEWS_TABLE_OUTLETS] = optarg; break;
        case 'K': a.table_arg[XAPNEWS_TABLE_NICKNAMES] = optarg; break;
        case 'F': a.table_arg[XAPNEWS_TABLE_FIELDS] = optarg; break;
        case 'l': a.language = optarg; break;
        case 'R': a.reindex = 1; break;
        case 'b':
            a.batch = cli_parse_uint("--batch", optarg);
            a.batch_set = 1;
            break;
        case 's': a.strict = 1; break;
        case 'M':
            a.max_field = cli_parse_uint("--max-field-bytes", optarg);
            if (a.max_field < 64) {
                cli_error("index: --max-field-bytes must be at least 64");
                return EXIT_USAGE;
            }
            break;
        case 'q': a.quiet = 1; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews index --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!a.db) {
        cli_error("index: --db DIR is required");
        return EXIT_USAGE;
    }
    a.npaths = argc - optind;
    a.paths = argv + optind;
    if (a.npaths <= 0) {
        cli_error("index: give at least one JSON Lines file or corpus folder");
        return EXIT_USAGE;
    }
    if (a.jobs < 1 || a.jobs > 256) {
        cli_error("index: --jobs takes 1 to 256");
        return EXIT_USAGE;
    }
    if (a.shards && a.jobs > a.shards) a.jobs = a.shards;

    a.chrome_path = cli_schema_path(chrome, "chrome.conf");
    for (int t = 0; t < N_TABLES; t++)
        if (table_files_of(&a, t, &a.files[t]) < 0) {
            cli_error("out of memory");
            free_args(&a);
            return EXIT_INTERNAL;
        }

    /* refuse bad configuration and missing inputs before writing anything:
     * the tables given, and the shipped ones where a new or re-indexed
     * database takes them (an existing one keeps the tables it stores) */
    int rc = EXIT_OK;
    double start = now();
    int takes_shipped = a.reindex || is_new_path(a.db);
    for (int t = 0; t < N_TABLES && rc == EXIT_OK; t++) {
        char *err = NULL;
        xapnews_status_t st;
        const table_files *f = &a.files[t];
        if (f->n && (a.table_arg[t] || takes_shipped) &&
            (st = xapnews_table_check_files((xapnews_table_t)t,
                                                    (const char *const *)f->path, f->n,
                                                    &err))) {
            cli_error("%s", err ? err : xapnews_status_to_string(st));
            rc = cli_exit_code(st);
        }
        xapnews_free(err);
    }
    xapnews_source_t **sources = calloc((size_t)a.npaths, sizeof *sources);
    unsigned long long bytes;
    if (rc == EXIT_OK && !sources) rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && (rc = open_sources(&a, sources, &bytes, 1)) == EXIT_OK)
        for (int i = 0; i < a.npaths; i++) xapnews_source_close(sources[i]);
    free(sources);
    if (rc == EXIT_OK && !a.jobs_set) a.jobs = auto_jobs(&a, bytes);
    /* a new database is built in parts, one per job, joined at the end */
    a.parts = !a.shards && a.jobs > 1 && !a.strict && is_new_path(a.db);
    if (rc == EXIT_OK && a.shards) {
        char *err = NULL;
        xapnews_status_t st = xapnews_shards_create(a.db, a.shards, &err);
        if (st) {
            cli_error("%s", err ? err : xapnews_status_to_string(st));
            rc = cli_exit_code(st);
        }
        xapnews_free(err);
    }

    index_counts total = {0, 0, 0, 0, rc, 0};
    if (rc == EXIT_OK) {
        parts_remove_stale(a.db); /* of builds in parts killed outright */
        if (a.parts) {
            run_parts(&a, bytes, &total);
        } else if (a.jobs > 1 && a.shards) {
            if ((total.rc = settle_shards(&a)) == EXIT_OK) {
                a.reindex = 0; /* emptied once, above */
                run_jobs(&a, &total);
            }
        } else {
            run_index(&a, NULL, NULL, 0, 1, 1, NULL, NULL, &total);
        }
        rc = total.rc;
        /* a run that failed before it read an article (a locked or
         * mismatched database) has nothing to sum up */
        if (rc == EXIT_OK || total.indexed || total.repaired || total.skipped)
            print_summary(&a, &total, now() - start);
        if (rc == EXIT_OK && (total.skipped || total.empty)) rc = EXIT_PARTIAL;
    }
    free_args(&a);
    return rc;
}

static const char compact_help[] =
    "Usage: xapnews compact --db SRC --out DST\n"
    "Merge the database SRC (a single or sharded database, or a stub file)\n"
    "into a new, compact single database DST with Xapian's compactor.\n"
    "\n" EXIT_CODES_HELP;

int cmd_compact(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"out", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *src = NULL, *dst = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': src = optarg; break;
        case 'o': dst = optarg; break;
        case 'h': fputs(compact_help, stdout); return EXIT_OK;
        default:
            fputs("Try 'xapnews compact --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!src || !dst) {
        cli_error("compact: --db SRC and --out DST are required");
        return EXIT_USAGE;
    }
    double start = now();
    char *err = NULL;
    xapnews_status_t st = xapnews_database_compact(src, dst, &err);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        return cli_exit_code(st);
    }
    printf("compacted %s into %s in %.2f s\n", src, dst, now() - start);
    return EXIT_OK;
}
