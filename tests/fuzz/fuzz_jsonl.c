/* fuzz_jsonl.c - libFuzzer target: the JSON Lines reader (plugin/source.c).
 *
 * The reader opens a path, so each input is written to a temporary file
 * that belongs to this process (created once, rewritten every run) and read
 * with xapnews_source_open() / xapnews_source_next() until
 * XAPNEWS_STATUS_END, as `xapnews index FILE.jsonl` reads it, with the
 * page-chrome rules of schemas/chrome.conf.
 *
 * The chrome rules are compiled once: the target is linked with
 * -Wl,--wrap=xn_chrome_load,--wrap=xn_chrome_free, so the reader's
 * xapnews_source_set_chrome_rules() gets the rules loaded at start-up and
 * xapnews_source_close() leaves them alone. Every other call is the real
 * one.
 *
 * Beyond sanitizer reports, every record returned must hold what the API
 * promises: a non-empty id, valid UTF-8 without NUL bytes in every field
 * (invalid UTF-8 is repaired, bodies are cleaned of chrome).
 */
#include "chrome.h"
#include "error.h"
#include "utf8.h"
#include "xapnews.h"

#include "fuzz_common.h"

#include <stdint.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

xn_chrome *__real_xn_chrome_load(const char *path, xn_error *err);
void __real_xn_chrome_free(xn_chrome *rules);
xn_chrome *__wrap_xn_chrome_load(const char *path, xn_error *err);
void __wrap_xn_chrome_free(xn_chrome *rules);

static char chrome_path[4096];
static xn_chrome *chrome_rules; /* compiled once, shared by every source */
static char tmp_path[4096];
static int tmp_fd = -1;

xn_chrome *__wrap_xn_chrome_load(const char *path, xn_error *err)
{
    if (chrome_rules && strcmp(path, chrome_path) == 0) return chrome_rules;
    return __real_xn_chrome_load(path, err);
}

void __wrap_xn_chrome_free(xn_chrome *rules)
{
    if (rules != chrome_rules) __real_xn_chrome_free(rules);
}

static void remove_tmp(void)
{
    if (tmp_fd >= 0) close(tmp_fd);
    if (tmp_path[0]) unlink(tmp_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_schema_path(chrome_path, sizeof chrome_path, "chrome.conf");
    xn_error err;
    xn_error_clear(&err);
    chrome_rules = __real_xn_chrome_load(chrome_path, &err);
    FUZZ_SETUP(chrome_rules, "%s", err.message);

    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    int n = snprintf(tmp_path, sizeof tmp_path, "%s/xapnews-fuzz-jsonl-XXXXXX",
                     dir);
    FUZZ_SETUP(n > 0 && (size_t)n < sizeof tmp_path, "TMPDIR too long");
    tmp_fd = mkstemp(tmp_path);
    FUZZ_SETUP(tmp_fd >= 0, "cannot create a file in %s", dir);
    atexit(remove_tmp);
    return 0;
}

static void write_input(const uint8_t *data, size_t size)
{
    FUZZ_SETUP(ftruncate(tmp_fd, 0) == 0, "cannot truncate %s", tmp_path);
    size_t done = 0;
    while (done < size) {
        ssize_t w = pwrite(tmp_fd, data + done, size - done, (off_t)done);
        FUZZ_SETUP(w > 0, "cannot write %s", tmp_path);
        done += (size_t)w;
    }
}

static void check_text(const char *what, const char *s)
{
    FUZZ_CHECK(s != NULL, "%s is NULL", what);
    FUZZ_CHECK(xn_utf8_valid(s, strlen(s)), "%s is not valid UTF-8", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_input(data, size);

    xapnews_source_t *src = NULL;
    char *error = NULL;
    xapnews_status_t st = xapnews_source_open(tmp_path, &src, &error);
    FUZZ_SETUP(st == XAPNEWS_STATUS_SUCCESS, "cannot open %s: %s", tmp_path,
               error ? error : "?");
    st = xapnews_source_set_chrome_rules(src, chrome_path);
    FUZZ_SETUP(st == XAPNEWS_STATUS_SUCCESS, "chrome rules refused: %s",
               xapnews_source_last_error(src));

    xapnews_article_t *a = NULL;
    FUZZ_SETUP(xapnews_article_create(&a) == XAPNEWS_STATUS_SUCCESS, "no memory");

    /* every call reads at least one line, so there are at most size + 1 */
    size_t calls = 0;
    while ((st = xapnews_source_next(src, a)) != XAPNEWS_STATUS_END) {
        FUZZ_CHECK(++calls <= size + 1, "source_next does not advance");
        FUZZ_CHECK(st == XAPNEWS_STATUS_SUCCESS || st == XAPNEWS_STATUS_BAD_INPUT,
                   "unexpected status %d: %s", (int)st,
                   xapnews_source_last_error(src));
        if (st == XAPNEWS_STATUS_BAD_INPUT) {
            const char *msg = xapnews_source_last_error(src);
            FUZZ_CHECK(msg && *msg, "BAD_INPUT without a message");
            continue;
        }
        FUZZ_CHECK(*xapnews_article_get(a, XAPNEWS_FIELD_ID) != '\0',
                   "record without an id");
        for (int f = 0; f < XAPNEWS_FIELD_COUNT; f++)
            check_text("a field", xapnews_article_get(a, (xapnews_field_t)f));
        size_t n = xapnews_article_official_count(a);
        for (size_t i = 0; i < n; i++)
            check_text("an official", xapnews_article_official(a, i));
        const char *warning = xapnews_source_warning(src);
        if (warning) FUZZ_CHECK(*warning, "empty warning");
    }
    unsigned long long done = 0, total = 0;
    xapnews_source_progress(src, &done, &total);
    FUZZ_CHECK(total == size && done == size,
               "progress %llu/%llu after reading %zu bytes", done, total, size);

    xapnews_article_destroy(a);
    xapnews_source_close(src);
    return 0;
}
