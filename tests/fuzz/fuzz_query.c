/* fuzz_query.c - libFuzzer target: the query pipeline (plugin/query/query_tree.c, query_builder.c).
 *
 * Set up once, as a search of an index built with the shipped tables would
 * be: an english stemmer, the variant, officials and outlets tables of
 * schemas/, and the default boost profile (schemas/profiles/default.conf,
 * which `xapnews search` uses when no --profile is given; it weighs the
 * title, officials and outlet fields too).
 *
 * Each input is one query (NUL-terminated copy; an embedded NUL ends it, as
 * it would in a C string). The default operator follows the input's length
 * (odd: XAPNEWS_QUERY_DEFAULT_OR) so both are fuzzed. The query built is
 * described through the shim and freed, and so is the highlight set. A
 * query refused must be refused as XAPNEWS_STATUS_BAD_QUERY with a message.
 */
#include "error.h"
#include "highlight.h"
#include "profile.h"
#include "query_builder.h"
#include "stemmer.h"
#include "tables.h"

#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static xn_stemmer *stemmer;
static xn_tables tables;
static xapnews_profile_t profile;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    int unknown = 0;
    stemmer = xn_stemmer_new("english", &unknown);
    FUZZ_SETUP(stemmer, "no english stemmer");

    static const struct {
        xapnews_table_t which;
        const char *file;
    } files[] = {{XAPNEWS_TABLE_SYNONYMS, "synonyms.txt"},
                 {XAPNEWS_TABLE_OFFICIALS, "officials.tsv"},
                 {XAPNEWS_TABLE_OUTLETS, "outlets.tsv"}};
    char path[4096];
    xn_error err;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        xn_error_clear(&err);
        fuzz_schema_path(path, sizeof path, files[i].file);
        FUZZ_SETUP(xn_tables_load(&tables, files[i].which, path, &err) ==
                       XAPNEWS_STATUS_SUCCESS,
                   "%s", err.message);
    }

    xn_strbuf text = XN_STRBUF_INIT;
    fuzz_schema_path(path, sizeof path, "profiles/default.conf");
    FUZZ_SETUP(xn_strbuf_read_file(&text, path) == 0, "cannot read %s", path);
    xn_error_clear(&err);
    FUZZ_SETUP(xn_profile_parse(&profile, path, text.data ? text.data : "",
                                text.len, &err) == 0,
               "%s", err.message);
    xn_strbuf_free(&text);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *query = malloc(size + 1);
    if (!query) return 0;
    memcpy(query, data, size);
    query[size] = '\0';
    unsigned flags = (size & 1) ? XAPNEWS_QUERY_DEFAULT_OR : XAPNEWS_QUERY_DEFAULT_AND;

    xn_hlset hl;
    memset(&hl, 0, sizeof hl);
    xn_error err;
    xn_error_clear(&err);
    xs_query *q = xn_query_parse_with(query, flags, stemmer, &tables, &profile,
                                      &hl, &err);
    if (q) {
        FUZZ_CHECK(err.status == XAPNEWS_STATUS_SUCCESS,
                   "query built with status %d: %s", (int)err.status, err.message);
        char *d = xs_query_describe(q);
        FUZZ_CHECK(d != NULL, "no description");
        free(d);
        xs_query_free(q);
    } else {
        /* a refused query is a syntax error; anything else (the shim
         * reporting a Xapian exception, say) is a bug */
        FUZZ_CHECK(err.status == XAPNEWS_STATUS_BAD_QUERY && err.message[0],
                   "no query, status %d: %s", (int)err.status, err.message);
    }
    xn_hlset_free(&hl);
    free(query);
    return 0;
}
