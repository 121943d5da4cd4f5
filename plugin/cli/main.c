/* main.c - the xapnews command: dispatches to a subcommand. */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "Usage: xapnews COMMAND [OPTIONS] [ARGS]\n"
    "Search news archives whose outlets spell the same people and terms\n"
    "differently.\n"
    "\n"
    "Commands:\n"
    "  index   add articles (JSON Lines files or corpus folders) to a database\n"
    "  search  search a database\n"
    "  similar list the articles like one article (more like this)\n"
    "  analyse show how text is turned into index terms\n"
    "  eval    measure ranking quality on judged queries (trec_eval metrics)\n"
    "  tune    find a better boost profile with cross-validation\n"
    "  compact merge a (sharded) database into one compact database\n"
    "  synonyms suggest  list likely spelling variants found in a database\n"
    "  fields  show the fields of a database or fields schema\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help (or 'xapnews COMMAND --help')\n"
    "  -V, --version  show the version\n"
    "\n" EXIT_CODES_HELP;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("xapnews %s\n", xapnews_version());
        return EXIT_OK;
    }
    if (strcmp(cmd, "index") == 0) return cmd_index(argc - 1, argv + 1);
    if (strcmp(cmd, "search") == 0) return cmd_search(argc - 1, argv + 1);
    if (strcmp(cmd, "similar") == 0) return cmd_similar(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0) return cmd_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "tune") == 0) return cmd_tune(argc - 1, argv + 1);
    if (strcmp(cmd, "compact") == 0) return cmd_compact(argc - 1, argv + 1);
    if (strcmp(cmd, "synonyms") == 0) return cmd_synonyms(argc - 1, argv + 1);
    if (strcmp(cmd, "fields") == 0) return cmd_fields(argc - 1, argv + 1);
    if (strcmp(cmd, "analyse") == 0 || strcmp(cmd, "analyze") == 0)
        return cmd_analyse(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try 'xapnews --help')", cmd);
    return EXIT_USAGE;
}
