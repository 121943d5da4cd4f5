/* cmd_suggest.c - `xapnews synonyms suggest`: mine an index for spellings
 * that are likely the same name or term, for review and addition to the
 * variant table. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Indexes at least this large show progress on a terminal. */
#define PROGRESS_MIN_DOCS 5000

static const char synonyms_help[] =
    "Usage: xapnews synonyms SUBCOMMAND [OPTIONS]\n"
    "Work with the variant table (schemas/synonyms.txt).\n"
    "\n"
    "Subcommands:\n"
    "  suggest  list pairs of spellings in DB that are likely the same name or\n"
    "           term, best first ('xapnews synonyms suggest --help')\n"
    "\n" EXIT_CODES_HELP;

static const char suggest_help[] =
    "Usage: xapnews synonyms suggest --db DB [OPTIONS]\n"
    "List pairs of spellings that the database DB holds and that are likely\n"
    "the same name or term (\"Shengkum\" / \"Shengkun\", \"cyber security\" /\n"
    "\"cybersecurity\"), best first. Each pair is scored from its evidence:\n"
    "few edits apart, the same Metaphone key, the same words around both\n"
    "forms, a rare form beside a frequent one, both written as names\n"
    "(capitalised in mid-sentence). The score estimates how likely the pair\n"
    "is a genuine variant: about half of the pairs scored 0.5 are. Pairs\n"
    "that the variant table DB was built with already joins are left out,\n"
    "and so are word formation (\"weaken\" / \"weaker\"), two dictionary\n"
    "words that are not a US / British pair, a name beside a dictionary\n"
    "word, two names written next to different names (two people), and two\n"
    "established names with other first letters.\n"
    "\n"
    "Options:\n"
    "  -d, --db DB         the database to mine (required)\n"
    "  -n, --limit N       list at most N pairs (default 50)\n"
    "      --min-docs N    the more frequent form must be in at least N\n"
    "                      articles (default 2)\n"
    "      --json          print a JSON list of {\"variant\",\"canonical\",\n"
    "                      \"score\",\"docs\",\"evidence\":{...}}\n"
    "      --format solr   print lines in the variant table's format, to\n"
    "                      review and append to schemas/synonyms.txt\n"
    "      --dictionary FILE  a word list (one word a line), instead of the\n"
    "                      default lists american-english and british-english\n"
    "                      of the dictionary folder (below); repeatable\n"
    "      --no-dictionary judge the pairs without word lists\n"
    "  -q, --quiet         no progress display, even on a terminal\n"
    "  -h, --help          show this help\n"
    "\n" EXIT_CODES_HELP;

static void print_suggest_help(void)
{
    fputs(suggest_help, stdout);
    printf("\nDictionary folder: %s\n", xapnews_dictionary_default_dir());
}

typedef struct {
    int on;
    time_t last;
    int shown;
} progress_t;

static void show_progress(void *ctx, const char *stage, unsigned long done,
                          unsigned long total)
{
    progress_t *p = ctx;
    time_t now = time(NULL);
    if (!p->on || (now == p->last && done != total)) return;
    p->last = now;
    if (total)
        fprintf(stderr, "\rsuggest: %-10s %lu/%lu   ", stage, done, total);
    else
        fprintf(stderr, "\rsuggest: %-10s %lu        ", stage, done);
    p->shown = 1;
}

/* Prints the evidence object TEXT ({"k":v,...}) as "k v, k v", leaving out
 * the counts the table shows in its own columns. */
static void print_evidence(const char *text)
{
    int first = 1, in_string = 0, skip = 0;
    const char *p = text;
    if (*p == '{') p++;
    while (*p && *p != '}') {
        /* one "key":value member */
        const char *key = p + 1, *kend = strchr(key, '"');
        if (*p != '"' || !kend) break;
        size_t klen = (size_t)(kend - key);
        skip = (klen == 12 && strncmp(key, "variant_docs", 12) == 0) ||
               (klen == 14 && strncmp(key, "canonical_docs", 14) == 0);
        p = kend + 2; /* past '":' */
        if (!skip) printf("%s%.*s ", first ? "" : ", ", (int)klen, key);
        first = first && skip;
        int depth = 0;
        for (; *p && (in_string || depth || (*p != ',' && *p != '}')); p++) {
            if (*p == '"') in_string = !in_string;
            else if (!in_string && *p == '[') depth++;
            else if (!in_string && *p == ']') depth--;
            if (!skip && *p != '"') putchar(*p == ',' ? '/' : *p);
        }
        if (*p == ',') p++;
    }
    putchar('\n');
}

static void print_table(const xapnews_suggestions_t *s)
{
    size_t n = xapnews_suggestions_count(s);
    if (n == 0) {
        puts("No likely variant pairs found.");
        return;
    }
    printf("%4s  %-6s  %-24s  %-24s  %6s  %s\n", "rank", "score", "variant",
           "canonical", "docs", "evidence");
    for (size_t i = 0; i < n; i++) {
        printf("%4zu  %6.3f  %-24s  %-24s  %6lu  ", i + 1,
               xapnews_suggestion_score(s, i), xapnews_suggestion_variant(s, i),
               xapnews_suggestion_canonical(s, i), xapnews_suggestion_docs(s, i));
        print_evidence(xapnews_suggestion_evidence(s, i));
    }
}

static void print_json(const xapnews_suggestions_t *s)
{
    size_t n = xapnews_suggestions_count(s);
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n {\"variant\":" : "{\"variant\":", stdout);
        cli_json_string(stdout, xapnews_suggestion_variant(s, i));
        fputs(",\"canonical\":", stdout);
        cli_json_string(stdout, xapnews_suggestion_canonical(s, i));
        printf(",\"score\":%.4f,\"docs\":%lu,\"evidence\":%s}",
               xapnews_suggestion_score(s, i), xapnews_suggestion_docs(s, i),
               xapnews_suggestion_evidence(s, i));
    }
    puts("]");
}

/* A number field of the evidence object, or -1. */
static double evidence_number(const char *evidence, const char *key)
{
    char probe[64];
    snprintf(probe, sizeof probe, "\"%s\":", key);
    const char *p = strstr(evidence, probe);
    return p ? strtod(p + strlen(probe), NULL) : -1;
}

/* Prints FORM, each word capitalised when NAME is set. */
static void print_form(const char *form, int name)
{
    int start = 1;
    for (const char *p = form; *p; p++) {
        putchar(name && start && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        start = *p == ' ';
    }
}

/* Solr lines: pairs sharing a form are joined into one line (the table
 * refuses a form on two lines), the most frequent form first. */
static void print_solr(const xapnews_suggestions_t *s, const char *db_path)
{
    size_t n = xapnews_suggestions_count(s);
    size_t *group = malloc((n ? n : 1) * sizeof *group);
    char *done = calloc(n ? n : 1, 1);
    if (!group || !done) {
        free(group);
        free(done);
        cli_error("out of memory");
        return;
    }
    printf("# Spelling variants suggested by 'xapnews synonyms suggest' from %s.\n"
           "# Review each line before appending it to schemas/synonyms.txt.\n",
           db_path);
    for (size_t i = 0; i < n; i++) group[i] = i;
    /* join pairs that share a form, in rank order */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++) {
            const char *fi[2] = {xapnews_suggestion_variant(s, i), xapnews_suggestion_canonical(s, i)};
            const char *fj[2] = {xapnews_suggestion_variant(s, j), xapnews_suggestion_canonical(s, j)};
            int shared = 0;
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++) shared |= strcmp(fi[a], fj[b]) == 0;
            if (shared) {
                size_t gi = group[i], gj = group[j];
                for (size_t k = 0; k < n; k++)
                    if (group[k] == gi) group[k] = gj;
            }
        }
    for (size_t i = 0; i < n; i++) {
        if (done[i]) continue;
        const char *ev = xapnews_suggestion_evidence(s, i);
        double line = evidence_number(ev, "table_line");
        if (line > 0) {
            done[i] = 1;
            printf("# '%s' and '%s' (score %.3f): line %.0f of the variant table holds one of them; add the other there\n",
                   xapnews_suggestion_variant(s, i), xapnews_suggestion_canonical(s, i),
                   xapnews_suggestion_score(s, i), line);
            continue;
        }
        /* the forms of the group, canonical of its best pair first */
        const char *forms[64];
        size_t nf = 0;
        double best = xapnews_suggestion_score(s, i);
        int name = evidence_number(ev, "variant_names") >= 0.5 &&
                   evidence_number(ev, "canonical_names") >= 0.5;
        for (size_t k = i; k < n; k++) {
            if (group[k] != group[i] || done[k]) continue;
            done[k] = 1;
            const char *f[2] = {xapnews_suggestion_canonical(s, k), xapnews_suggestion_variant(s, k)};
            for (int a = 0; a < 2; a++) {
                size_t x = 0;
                while (x < nf && strcmp(forms[x], f[a]) != 0) x++;
                if (x == nf && nf < 64) forms[nf++] = f[a];
            }
        }
        printf("# score %.3f\n", best);
        for (size_t x = 0; x < nf; x++) {
            if (x) fputs(", ", stdout);
            print_form(forms[x], name);
        }
        putchar('\n');
    }
    free(group);
    free(done);
}

static int cmd_suggest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"min-docs", required_argument, NULL, 'm'},
        {"json", no_argument, NULL, 'j'},
        {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"dictionary", required_argument, NULL, 'D'},
        {"no-dictionary", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db_path = NULL, *format = NULL;
    const char *lists[32];
    size_t n_lists = 0;
    xapnews_suggest_options_t options = {50, 2, NULL, NULL, NULL};
    int json = 0, quiet = 0, no_dictionary = 0, no_lists = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:n:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'n':
            options.limit = cli_parse_uint("--limit", optarg);
            if (options.limit == 0) {
                cli_error("synonyms suggest: --limit must be at least 1");
                return EXIT_USAGE;
            }
            break;
        case 'm':
            options.min_docs = cli_parse_uint("--min-docs", optarg);
            if (options.min_docs == 0) options.min_docs = 1;
            break;
        case 'j': json = 1; break;
        case 'f': format = optarg; break;
        case 'q': quiet = 1; break;
        case 'D':
            if (n_lists == sizeof lists / sizeof lists[0]) {
                cli_error("synonyms suggest: --dictionary: %zu word lists at most", n_lists);
                return EXIT_USAGE;
            }
            lists[n_lists++] = optarg;
            break;
        case 'N': no_dictionary = 1; break;
        case 'h': print_suggest_help(); return EXIT_OK;
        default:
            fputs("Try 'xapnews synonyms suggest --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (format && strcmp(format, "solr") != 0) {
        cli_error("synonyms suggest: --format takes solr, not '%s'", format);
        return EXIT_USAGE;
    }
    if (format && json) {
        cli_error("synonyms suggest: give --json or --format solr, not both");
        return EXIT_USAGE;
    }
    if (optind < argc) {
        cli_error("synonyms suggest: unexpected argument '%s' (see 'xapnews synonyms suggest --help')",
                  argv[optind]);
        return EXIT_USAGE;
    }
    if (!db_path) {
        cli_error("synonyms suggest: --db DB is required");
        return EXIT_USAGE;
    }
    if (no_dictionary && n_lists) {
        cli_error("synonyms suggest: give --dictionary or --no-dictionary, not both");
        return EXIT_USAGE;
    }
    xapnews_dictionary_t *dict = NULL;
    if (!no_dictionary) {
        char *error = NULL;
        xapnews_status_t dst = xapnews_dictionary_create(&dict, &error);
        if (dst) {
            cli_error("%s", error ? error : xapnews_status_to_string(dst));
            xapnews_free(error);
            return cli_exit_code(dst);
        }
        unsigned found = 0;
        for (size_t i = 0; i < n_lists && !dst; i++) dst = xapnews_dictionary_load(dict, lists[i]);
        if (!n_lists && !dst) dst = xapnews_dictionary_load_defaults(dict, NULL, &found);
        if (dst) {
            cli_error("synonyms suggest: %s", xapnews_dictionary_last_error(dict));
            xapnews_dictionary_destroy(dict);
            return cli_exit_code(dst);
        }
        no_lists = !n_lists && !found;
        options.dictionary = dict;
    }
    xapnews_database_t *db = NULL;
    int rc = cli_open_database(db_path, &db);
    if (rc) {
        xapnews_dictionary_destroy(dict);
        return rc;
    }
    unsigned long docs = 0;
    progress_t prog = {0, 0, 0};
    if (!quiet && isatty(STDERR_FILENO) && xapnews_database_count(db, &docs) == 0 &&
        docs >= PROGRESS_MIN_DOCS) {
        prog.on = 1;
        options.progress = show_progress;
        options.progress_ctx = &prog;
    }
    xapnews_suggestions_t *s = NULL;
    xapnews_status_t st = xapnews_suggest(db, &options, &s);
    if (prog.shown) fputs("\r\033[K", stderr);
    if (st) {
        cli_error("%s", xapnews_database_last_error(db));
        rc = cli_exit_code(st);
    } else if (json) {
        print_json(s);
    } else if (format) {
        print_solr(s, db_path);
    } else {
        print_table(s);
    }
    if (!st && no_lists && !quiet)
        fprintf(stderr, "xapnews: synonyms suggest: no word lists in %s (install wamerican "
                        "and wbritish, or give --dictionary FILE); pairs were judged "
                        "without them\n", xapnews_dictionary_default_dir());
    xapnews_suggestions_destroy(s);
    xapnews_database_close(db);
    xapnews_dictionary_destroy(dict);
    return rc;
}

int cmd_synonyms(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("synonyms: give a subcommand: suggest (see 'xapnews synonyms --help')");
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(synonyms_help, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "suggest") == 0) return cmd_suggest(argc - 1, argv + 1);
    cli_error("synonyms: unknown subcommand '%s' (the subcommand is suggest)", argv[1]);
    return EXIT_USAGE;
}
