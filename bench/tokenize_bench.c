/* tokenize_bench.c - tokeniser throughput of xapnews, for bench/run.sh.
 *
 *   tokenize_bench JSONL [SYNONYMS|none] [PASSES]
 *
 * Loads the title and body of every record of JSONL into memory, then,
 * PASSES passes each (default 5), prints "MODE bytes seconds" for:
 *   tokenize  xn_tokenize() (internal API, plugin/analysis/tokenizer.h) over each
 *             title and body, the callback only counting tokens;
 *   analyzer  xapnews_analyzer_run() (public API) over each title and body
 *             as XAPNEWS_FIELD_BODY, english stemmer, with the variant table
 *             SYNONYMS if given: tokeniser + stemmer + variants, as indexing
 *             does, without the database.
 * Linked with the build tree's .libs/libxapnews_core.a (or built from
 * plugin/analysis/tokenizer.c and linked with libxapnews.so).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "tokenizer.h"
#include "xapnews.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count_token(void *ctx, const xn_token *t)
{
    size_t *n = ctx;
    n[0] += 1;
    n[1] += t->len; /* touch the token */
    return 0;
}

typedef struct {
    char *text;
    size_t len;
} text_t;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tokenize_bench JSONL [SYNONYMS|none] [PASSES]\n");
        return 2;
    }
    int passes = argc > 3 ? atoi(argv[3]) : 5;
    if (passes < 1) passes = 1;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 3;
    }
    text_t *texts = NULL;
    size_t nt = 0, capt = 0, cap = 0, bytes = 0;
    char *line = NULL;
    ssize_t len;
    static const char *const keys[] = {"title", "body"};
    while ((len = getline(&line, &cap, f)) > 0) {
        json_error_t err;
        json_t *obj = json_loadb(line, (size_t)len, 0, &err);
        if (!obj) continue;
        for (int k = 0; k < 2; k++) {
            json_t *v = json_object_get(obj, keys[k]);
            const char *s = json_is_string(v) ? json_string_value(v) : "";
            if (nt == capt) {
                capt = capt ? 2 * capt : 4096;
                texts = realloc(texts, capt * sizeof *texts);
                if (!texts) return 6;
            }
            texts[nt].text = strdup(s);
            texts[nt].len = strlen(s);
            bytes += texts[nt].len;
            nt++;
        }
        json_decref(obj);
    }
    free(line);
    fclose(f);

    size_t tokens[2] = {0, 0};
    for (int pass = 0; pass < passes; pass++) {
        double t0 = now_s();
        for (size_t i = 0; i < nt; i++)
            if (xn_tokenize(texts[i].text, texts[i].len, count_token, tokens) < 0)
                return 6;
        printf("tokenize %zu %.6f\n", bytes, now_s() - t0);
    }
    fprintf(stderr, "tokenize_bench: %zu tokens per pass\n", tokens[0] / (size_t)passes);

    xapnews_analyzer_t *an;
    char *err = NULL;
    if (xapnews_analyzer_create("english", &an, &err)) {
        fprintf(stderr, "tokenize_bench: %s\n", err ? err : "analyzer");
        return 6;
    }
    if (argc > 2 && strcmp(argv[2], "none") != 0 &&
        xapnews_analyzer_load_table(an, XAPNEWS_TABLE_SYNONYMS, argv[2])) {
        fprintf(stderr, "tokenize_bench: %s\n", xapnews_analyzer_last_error(an));
        return 3;
    }
    size_t atoks = 0;
    for (int pass = 0; pass < passes; pass++) {
        double t0 = now_s();
        for (size_t i = 0; i < nt; i++) {
            if (xapnews_analyzer_run(an, XAPNEWS_FIELD_BODY, texts[i].text, texts[i].len)) {
                fprintf(stderr, "tokenize_bench: %s\n", xapnews_analyzer_last_error(an));
                return 6;
            }
            atoks += xapnews_analyzer_count(an);
        }
        printf("analyzer %zu %.6f\n", bytes, now_s() - t0);
    }
    fprintf(stderr, "tokenize_bench: analyzer %zu tokens per pass\n", atoks / (size_t)passes);
    xapnews_analyzer_destroy(an);
    for (size_t i = 0; i < nt; i++) free(texts[i].text);
    free(texts);
    return 0;
}
