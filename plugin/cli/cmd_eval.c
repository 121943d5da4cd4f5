/* cmd_eval.c - `xapnews eval` and `xapnews tune`: judged queries. */
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MODE_HELP \
    "      --all            every query: every word must match (search's default)\n" \
    "      --any            every query: any word may match (search --any)\n" \
    "      --short-words N  without --all or --any: queries of more than N words\n" \
    "                       (default 3) run as with --any, the others as with --all\n" \
    "      --no-typos       no typo tolerance (search --no-typos); --typos: on (default)\n" \
    "      --corrected      a query matching (almost) nothing runs as its spelling\n" \
    "                       correction when that matches more, as search does\n"

static const char eval_help[] =
    "Usage: xapnews eval --db DB --queries Q.tsv --qrels QRELS [OPTIONS]\n"
    "Run judged queries and measure the ranking as trec_eval 9.0 does.\n"
    "Q.tsv holds 'qid<TAB>query' lines; QRELS is a TREC qrels file ('qid 0\n"
    "docid relevance', graded). Each query keeps its 1000 best hits. By\n"
    "default a query of up to 3 words runs as 'xapnews search' runs it (every\n"
    "word must match, typo tolerance on) and a longer one as natural language\n"
    "(any word may match, typo tolerance on).\n"
    "\n"
    "Options:\n"
    "  -d, --db DB          the database\n"
    "      --queries FILE   the queries\n"
    "      --qrels FILE     the judgments\n"
    "      --profile FILE   boost profile (default: schemas/profiles/default.conf;\n"
    "                       'none' for plain BM25 over the text)\n"
    MODE_HELP
    "      --run FILE       also write a TREC run file (qid Q0 docid rank score tag)\n"
    "      --tag TAG        the run's tag (default xapnews)\n"
    "      --per-query      print each query's metrics too\n"
    "      --json           print {\"mode\":{...}, \"failed\":[{\"qid\",\"error\"}],\n"
    "                       \"no_hits\":[QID...], \"metrics\":{...}, \"queries\":N,\n"
    "                       \"per_query\":{...}}\n"
    "  -h, --help           show this help\n"
    "\n"
    "The output starts with '# ' lines: the mode (and how many queries ran\n"
    "with AND and with OR), the queries that failed and those that retrieved\n"
    "nothing. A query that fails (one that cannot be parsed, say) is reported\n"
    "on stderr with its qid and the reason, and counts as retrieving nothing;\n"
    "the exit status is then 1.\n"
    "\n"
    "Metrics: map P_5 P_10 recall_100 ndcg_cut_10 recip_rank (means over the\n"
    "queries that have judgments, 0 for one that retrieved nothing, as\n"
    "'trec_eval -c') and num_ret num_rel num_rel_ret (sums).\n"
    "\n" EXIT_CODES_HELP;

static const char tune_help[] =
    "Usage: xapnews tune --db DB --queries Q.tsv --qrels QRELS --out PROFILE [OPTIONS]\n"
    "Search boost-profile settings with k-fold cross-validation over judged\n"
    "queries and write the profile chosen. For each fold the best profile on\n"
    "the other folds is scored on the fold's own queries, which estimates how\n"
    "the tuning does on queries it never saw; the profile written is the one\n"
    "nearest the starting profile among those within one standard error of\n"
    "the best on all queries, so small query sets are not overfitted.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB          the database\n"
    "      --queries FILE   the queries ('qid<TAB>query')\n"
    "      --qrels FILE     the judgments (TREC qrels)\n"
    "      --out FILE       where to write the chosen profile\n"
    "      --profile FILE   the starting profile (default: schemas/profiles/default.conf)\n"
    "      --folds K        cross-validation folds (default 5)\n"
    "      --metric M       the metric to raise (default ndcg_cut_10)\n"
    "      --budget N       profiles to try, the start included (default 40)\n"
    "      --seed S         random seed (default 1); same seed, same result\n"
    MODE_HELP
    "  -h, --help           show this help\n"
    "\n"
    "Queries run as with 'xapnews eval' (the same mode options); the report\n"
    "starts with the mode and the queries that failed or retrieved nothing.\n"
    "\n" EXIT_CODES_HELP;

typedef struct {
    const char *db, *queries, *qrels, *profile, *run, *tag, *out, *metric;
    int per_query, json;
    unsigned folds, budget;
    unsigned long seed;
    xapnews_eval_mode_t mode;
    int corrected;
} eval_args;

/* Takes a mode option (--all, --any, --short-words, --typos, --no-typos,
 * --corrected);
 * 0 when OPT is none, 1 when taken, EXIT_USAGE for a conflict. */
static int mode_option(int opt, const char *cmd, eval_args *a)
{
    xapnews_eval_match_t match = opt == 'A' ? XAPNEWS_EVAL_ALL : XAPNEWS_EVAL_ANY;
    switch (opt) {
    case 'A':
    case 'Y':
        if (a->mode.match != XAPNEWS_EVAL_AUTO && a->mode.match != match) {
            cli_error("%s: --all and --any exclude each other", cmd);
            return EXIT_USAGE;
        }
        a->mode.match = match;
        return 1;
    case 'W':
        if (!(a->mode.short_words = cli_parse_uint("--short-words", optarg))) {
            cli_error("%s: --short-words takes a number of words from 1", cmd);
            return EXIT_USAGE;
        }
        return 1;
    case 'T': a->mode.no_typos = 0; return 1;
    case 'N': a->mode.no_typos = 1; return 1;
    case 'C': a->corrected = 1; return 1;
    default: return 0;
    }
}

static int parse_args(int argc, char **argv, int tune, eval_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"queries", required_argument, NULL, 'Q'},
        {"qrels", required_argument, NULL, 'R'},
        {"profile", required_argument, NULL, 'p'},
        {"run", required_argument, NULL, 'r'},
        {"tag", required_argument, NULL, 't'},
        {"per-query", no_argument, NULL, 'P'},
        {"json", no_argument, NULL, 'j'},
        {"out", required_argument, NULL, 'o'},
        {"folds", required_argument, NULL, 'k'},
        {"metric", required_argument, NULL, 'm'},
        {"budget", required_argument, NULL, 'b'},
        {"seed", required_argument, NULL, 's'},
        {"all", no_argument, NULL, 'A'},
        {"any", no_argument, NULL, 'Y'},
        {"short-words", required_argument, NULL, 'W'},
        {"typos", no_argument, NULL, 'T'},
        {"no-typos", no_argument, NULL, 'N'},
        {"corrected", no_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *cmd = tune ? "tune" : "eval";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
        int tune_only = c == 'o' || c == 'k' || c == 'm' || c == 'b' || c == 's';
        int eval_only = c == 'r' || c == 't' || c == 'P' || c == 'j';
        if ((tune && eval_only) || (!tune && tune_only)) {
            cli_error("%s: option '%s' belongs to 'xapnews %s'", cmd, argv[optind - 1],
                      tune ? "eval" : "tune");
            return EXIT_USAGE;
        }
        int taken = mode_option(c, cmd, a);
        if (taken == EXIT_USAGE) return EXIT_USAGE;
        if (taken) continue;
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'Q': a->queries = optarg; break;
        case 'R': a->qrels = optarg; break;
        case 'p': a->profile = optarg; break;
        case 'r': a->run = optarg; break;
        case 't': a->tag = optarg; break;
        case 'P': a->per_query = 1; break;
        case 'j': a->json = 1; break;
        case 'o': a->out = optarg; break;
        case 'k': a->folds = cli_parse_uint("--folds", optarg); break;
        case 'm': a->metric = optarg; break;
        case 'b': a->budget = cli_parse_uint("--budget", optarg); break;
        case 's': a->seed = cli_parse_uint("--seed", optarg); break;
        case 'h': fputs(tune ? tune_help : eval_help, stdout); return -1;
        default:
            fprintf(stderr, "Try 'xapnews %s --help'.\n", cmd);
            return EXIT_USAGE;
        }
    }
    const char *missing = !a->db ? "--db DB" : !a->queries ? "--queries FILE"
                          : !a->qrels ? "--qrels FILE" : tune && !a->out ? "--out FILE" : NULL;
    if (missing) {
        cli_error("%s: %s is required", cmd, missing);
        return EXIT_USAGE;
    }
    if (optind < argc) {
        cli_error("%s: unexpected argument '%s'", cmd, argv[optind]);
        return EXIT_USAGE;
    }
    if (a->mode.short_words && a->mode.match != XAPNEWS_EVAL_AUTO) {
        cli_error("%s: --short-words chooses between AND and OR, which --%s fixes",
                  cmd, a->mode.match == XAPNEWS_EVAL_ALL ? "all" : "any");
        return EXIT_USAGE;
    }
    return 0;
}

/* Opens the database, its profile and the judged queries. */
static int open_all(const eval_args *a, xapnews_database_t **db,
                    xapnews_eval_t **ev)
{
    char *err = NULL;
    xapnews_status_t st = xapnews_database_open(a->db, db, &err);
    if (!st) {
        int rc = cli_use_profile(*db, a->profile);
        if (rc) return rc;
        st = xapnews_eval_open(a->queries, a->qrels, ev, &err);
        if (!st) st = xapnews_eval_set_mode(*ev, &a->mode);
        if (!st) st = xapnews_eval_set_corrected(*ev, a->corrected);
    }
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        xapnews_free(err);
        return cli_exit_code(st);
    }
    return 0;
}

/* Reports each failed query on stderr; returns how many failed. */
static size_t report_failures(const xapnews_eval_t *ev)
{
    size_t n = 0;
    for (size_t i = 0; i < xapnews_eval_query_count(ev); i++) {
        const char *why = xapnews_eval_query_error(ev, i);
        if (!why) continue;
        cli_error("query %s failed, counted as retrieving nothing: %s",
                  xapnews_eval_query_id(ev, i), why);
        n++;
    }
    return n;
}

/* The lines of xapnews_eval_describe(), each after PREFIX. */
static int print_description(const xapnews_eval_t *ev, const char *prefix)
{
    char *text = xapnews_eval_describe(ev);
    if (!text) return EXIT_INTERNAL;
    for (char *line = text, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        printf("%s%.*s\n", prefix, (int)(end - line), line);
    }
    xapnews_free(text);
    return EXIT_OK;
}

static void print_metric_value(const char *name, double v)
{
    if (strncmp(name, "num_", 4) == 0) printf("%.0f", v);
    else printf("%.4f", v);
}

/* "mode":{...},"failed":[...],"no_hits":[...], for --json */
static void print_json_run(const xapnews_eval_t *ev)
{
    static const char *const matches[] = {"auto", "all", "any"};
    xapnews_eval_mode_t mode;
    xapnews_eval_get_mode(ev, &mode);
    size_t nq = xapnews_eval_query_count(ev), any = 0;
    for (size_t i = 0; i < nq; i++)
        any += (xapnews_eval_query_flags(ev, i) & XAPNEWS_QUERY_DEFAULT_OR) != 0;
    printf("\"mode\":{\"match\":\"%s\",\"short_words\":%u,\"typos\":%s,"
           "\"corrected\":%s,\"description\":",
           matches[mode.match], mode.short_words, mode.no_typos ? "false" : "true",
           xapnews_eval_get_corrected(ev) ? "true" : "false");
    cli_json_string(stdout, xapnews_eval_mode_describe(ev));
    printf(",\"and_queries\":%zu,\"or_queries\":%zu},\"failed\":[", nq - any, any);
    const char *sep = "";
    for (size_t i = 0; i < nq; i++) {
        const char *why = xapnews_eval_query_error(ev, i);
        if (!why) continue;
        printf("%s{\"qid\":", sep);
        cli_json_string(stdout, xapnews_eval_query_id(ev, i));
        fputs(",\"error\":", stdout);
        cli_json_string(stdout, why);
        fputc('}', stdout);
        sep = ",";
    }
    fputs("],\"no_hits\":[", stdout);
    sep = "";
    for (size_t i = 0; i < nq; i++) {
        if (xapnews_eval_query_error(ev, i) || xapnews_eval_query_hits(ev, i)) continue;
        fputs(sep, stdout);
        cli_json_string(stdout, xapnews_eval_query_id(ev, i));
        sep = ",";
    }
    fputc(']', stdout);
}

static int print_json(const xapnews_eval_t *ev, int per_query)
{
    const char *const *names = xapnews_eval_metric_names();
    size_t nq = xapnews_eval_query_count(ev);
    fputc('{', stdout);
    print_json_run(ev);
    fputs(",\"metrics\":{", stdout);
    for (size_t m = 0; names[m]; m++)
        printf("%s\"%s\":%.6g", m ? "," : "", names[m],
               xapnews_eval_summary(ev, NULL, names[m]));
    printf("},\"queries\":%zu,\"per_query\":{", xapnews_eval_counted(ev));
    const char *sep = "";
    for (size_t i = 0; per_query && i < nq; i++) {
        if (!xapnews_eval_query_counted(ev, i)) continue;
        fputs(sep, stdout);
        sep = ",";
        cli_json_string(stdout, xapnews_eval_query_id(ev, i));
        fputs(":{", stdout);
        for (size_t m = 0; names[m]; m++)
            printf("%s\"%s\":%.6g", m ? "," : "", names[m],
                   xapnews_eval_query_metric(ev, i, names[m]));
        fputc('}', stdout);
    }
    fputs("}}\n", stdout);
    return EXIT_OK;
}

/* The run in '# ' lines, then trec_eval's layout: measure, query (or
 * all), value. */
static int print_text(const xapnews_eval_t *ev, int per_query)
{
    const char *const *names = xapnews_eval_metric_names();
    size_t nq = xapnews_eval_query_count(ev);
    if (print_description(ev, "# ")) return EXIT_INTERNAL;
    for (size_t i = 0; per_query && i < nq; i++) {
        if (!xapnews_eval_query_counted(ev, i)) continue;
        for (size_t m = 0; names[m]; m++) {
            printf("%-22s\t%s\t", names[m], xapnews_eval_query_id(ev, i));
            print_metric_value(names[m], xapnews_eval_query_metric(ev, i, names[m]));
            putchar('\n');
        }
    }
    printf("%-22s\tall\t%zu\n", "num_q", xapnews_eval_counted(ev));
    for (size_t m = 0; names[m]; m++) {
        printf("%-22s\tall\t", names[m]);
        print_metric_value(names[m], xapnews_eval_summary(ev, NULL, names[m]));
        putchar('\n');
    }
    return EXIT_OK;
}

int cmd_eval(int argc, char **argv)
{
    eval_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, 0, &a);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    xapnews_database_t *db = NULL;
    xapnews_eval_t *ev = NULL;
    if ((rc = open_all(&a, &db, &ev))) goto out;
    xapnews_status_t st = xapnews_eval_run(ev, db, 0);
    char *err = NULL;
    if (!st && a.run) st = xapnews_eval_write_run(ev, a.run, a.tag, &err);
    if (st) {
        cli_error("%s", err ? err : xapnews_eval_last_error(ev));
        xapnews_free(err);
        rc = cli_exit_code(st);
        goto out;
    }
    size_t failures = report_failures(ev);
    rc = a.json ? print_json(ev, a.per_query) : print_text(ev, a.per_query);
    if (!rc && failures) rc = EXIT_PARTIAL;
out:
    xapnews_eval_destroy(ev);
    xapnews_database_close(db);
    return rc;
}

static void tune_progress(void *ctx, unsigned done, unsigned total)
{
    const double *start = ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double elapsed = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - *start;
    double eta = done ? elapsed * (total - done) / done : 0;
    fprintf(stderr, "\r\033[Ktuning: %u of %u profiles, ETA %.0fs", done, total, eta);
    if (done == total) fputs("\r\033[K", stderr);
    fflush(stderr);
}

int cmd_tune(int argc, char **argv)
{
    eval_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, 1, &a);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    xapnews_database_t *db = NULL;
    xapnews_eval_t *ev = NULL;
    xapnews_profile_t *base = NULL, *best = NULL;
    char *report = NULL, *err = NULL;
    if ((rc = open_all(&a, &db, &ev))) goto out;
    char *path = cli_schema_path(a.profile, "profiles/default.conf");
    xapnews_status_t st = path ? xapnews_profile_load(path, &base, &err)
                               : xapnews_profile_create(&base);
    free(path);
    if (st) {
        cli_error("%s", err ? err : xapnews_status_to_string(st));
        rc = cli_exit_code(st);
        goto out;
    }
    xapnews_tune_options_t o = {a.folds, a.metric, a.budget, a.seed, 0};
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double start = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    st = xapnews_tune(db, ev, base, &o, isatty(STDERR_FILENO) ? tune_progress : NULL,
                      &start, &best, &report);
    if (!st) {
        fputs(report, stdout);
        st = xapnews_profile_save(best, a.out, report, &err);
    }
    if (st) {
        cli_error("%s", err ? err : xapnews_eval_last_error(ev));
        rc = cli_exit_code(st);
        goto out;
    }
    printf("profile written to %s\n", a.out);
    if (report_failures(ev)) rc = EXIT_PARTIAL;
out:
    xapnews_free(err);
    xapnews_free(report);
    xapnews_profile_destroy(base);
    xapnews_profile_destroy(best);
    xapnews_eval_destroy(ev);
    xapnews_database_close(db);
    return rc;
}
