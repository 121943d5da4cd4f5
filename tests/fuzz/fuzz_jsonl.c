/* fuzz_jsonl.c - libFuzzer target: the JSON Lines reader (plugin/index/source.c).
 *
 * The reader opens a path, so each input is written to a temporary file
 * that belongs to this process (created once, rewritten every run, opened
 * as /proc/self/fd/N once its name is removed) and read
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
 * Text fields are capped at MAX_FIELD bytes (the smallest cap allowed), so
 * the cutting of long fields is fuzzed too.
 *
 * Beyond sanitizer reports, the reader must keep what the API promises:
 *  - each non-blank line is one record, returned as SUCCESS or BAD_INPUT,
 *    and a line too long to hold (8 * MAX_FIELD + 64 KiB bytes or more,
 *    its newline included) is one BAD_INPUT record;
 *  - errors and warnings name the record's own line ("FILE:LINE: ...");
 *  - a record returned has a non-empty id, and every field and official is
 *    valid UTF-8 (invalid UTF-8 is repaired) of at most MAX_FIELD bytes;
 *  - every byte is read by the end.
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
    /* Where /proc is mounted, read the file through its descriptor and
     * remove its name at once, so no file is left behind when a finding
     * aborts the process; elsewhere remove it at a normal exit. */
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", tmp_fd);
    FILE *probe = fopen(proc, "rb");
    if (probe) {
        fclose(probe);
        unlink(tmp_path);
        snprintf(tmp_path, sizeof tmp_path, "%s", proc);
    } else {
        atexit(remove_tmp);
    }
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

#define MAX_FIELD 64
#define MAX_LINE (MAX_FIELD * 8 + 65536) /* as source.c holds a line */

static void check_text(const char *what, const char *s, size_t max)
{
    FUZZ_CHECK(s != NULL, "%s is NULL", what);
    size_t len = strlen(s);
    FUZZ_CHECK(xn_utf8_valid(s, len), "%s is not valid UTF-8", what);
    FUZZ_CHECK(len <= max, "%s of %zu bytes (cap %zu)", what, len, max);
}

/* Whether the line [P, P + N) (its newline included) is a record. */
static int is_record(const uint8_t *p, size_t n)
{
    if (n >= MAX_LINE) return 1; /* too long to hold: a bad record */
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') return 1;
    return 0;
}

/* The line number of the next record at or after *AT, or 0 at the end. */
static unsigned long next_record(const uint8_t *data, size_t size, size_t *at,
                                 unsigned long *line)
{
    while (*at < size) {
        const uint8_t *nl = memchr(data + *at, '\n', size - *at);
        size_t n = nl ? (size_t)(nl - (data + *at)) + 1 : size - *at;
        const uint8_t *p = data + *at;
        *at += n;
        ++*line;
        if (is_record(p, n)) return *line;
    }
    return 0;
}

/* Whether MSG starts with "PATH:LINE:". */
static int names_line(const char *msg, unsigned long line)
{
    char want[4200];
    snprintf(want, sizeof want, "%s:%lu:", tmp_path, line);
    return strncmp(msg, want, strlen(want)) == 0;
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
    st = xapnews_source_set_max_field_bytes(src, MAX_FIELD);
    FUZZ_SETUP(st == XAPNEWS_STATUS_SUCCESS, "max field refused");

    xapnews_article_t *a = NULL;
    FUZZ_SETUP(xapnews_article_create(&a) == XAPNEWS_STATUS_SUCCESS, "no memory");

    size_t at = 0;
    unsigned long line = 0;
    while ((st = xapnews_source_next(src, a)) != XAPNEWS_STATUS_END) {
        unsigned long expected = next_record(data, size, &at, &line);
        FUZZ_CHECK(expected != 0, "a record after the last line (status %d: %s)",
                   (int)st, st ? xapnews_source_last_error(src) : "");
        FUZZ_CHECK(st == XAPNEWS_STATUS_SUCCESS || st == XAPNEWS_STATUS_BAD_INPUT,
                   "unexpected status %d: %s", (int)st,
                   xapnews_source_last_error(src));
        if (st == XAPNEWS_STATUS_BAD_INPUT) {
            const char *msg = xapnews_source_last_error(src);
            FUZZ_CHECK(msg && names_line(msg, expected),
                       "the error for line %lu says: %s", expected, msg ? msg : "NULL");
            continue;
        }
        FUZZ_CHECK(*xapnews_article_get(a, XAPNEWS_FIELD_ID) != '\0',
                   "record without an id");
        for (int f = 0; f < XAPNEWS_FIELD_COUNT; f++)
            check_text("a field", xapnews_article_get(a, (xapnews_field_t)f),
                       f == XAPNEWS_FIELD_ID ? (size_t)-1 : MAX_FIELD);
        size_t n = xapnews_article_official_count(a);
        for (size_t i = 0; i < n; i++)
            check_text("an official", xapnews_article_official(a, i), (size_t)-1);
        const char *warning = xapnews_source_warning(src);
        if (warning)
            FUZZ_CHECK(names_line(warning, expected),
                       "the warning for line %lu says: %s", expected, warning);
    }
    unsigned long missed = next_record(data, size, &at, &line);
    FUZZ_CHECK(missed == 0, "the record on line %lu was never returned", missed);
    unsigned long long done = 0, total = 0;
    xapnews_source_progress(src, &done, &total);
    FUZZ_CHECK(total == size && done == size,
               "progress %llu/%llu after reading %zu bytes", done, total, size);

    xapnews_article_destroy(a);
    xapnews_source_close(src);
    return 0;
}
