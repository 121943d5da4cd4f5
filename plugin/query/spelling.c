/* spelling.c - see spelling.h. */
#include "spelling.h"
#include "database.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "xapian_shim_spelling.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EDITS 2
#define MIN_LETTERS 3

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Whether the LEN bytes at S are a query operator. */
static int is_operator(const char *s, size_t len)
{
    return (len == 3 && (memcmp(s, "AND", 3) == 0 || memcmp(s, "NOT", 3) == 0)) ||
           (len == 2 && memcmp(s, "OR", 2) == 0);
}

/* The end of the value of a field starting at I: a "phrase" or up to white
 * space. */
static size_t value_end(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '"') {
        const char *q = memchr(s + i + 1, '"', len - i - 1);
        return q ? (size_t)(q - s) + 1 : len;
    }
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != ')') i++;
    return i;
}

/* Appends to OUT the correction of the word W (LEN bytes) or W itself;
 * sets *CHANGED when it was corrected. */
static xapnews_status_t correct_word(xs_db *db, const char *w, size_t len,
                                     xn_strbuf *out, int *changed, xn_error *err)
{
    char folded[XN_TOKEN_MAX_BYTES + 1];
    size_t n = len >= MIN_LETTERS ? xn_fold(w, len, folded, sizeof folded) : (size_t)-1;
    unsigned long freq = 1;
    char *better = NULL;
    xs_error xe;
    if (n != (size_t)-1 && n >= MIN_LETTERS) {
        if (xs_db_termfreq(db, folded, n, &freq, &xe) < 0 ||
            (freq == 0 &&
             xs_db_spelling_suggestion(db, folded, MAX_EDITS, &better, &xe) < 0))
            return xn_error_from_shim(err, &xe, "cannot look for spelling corrections");
    }
    int rc;
    if (better && *better && strcmp(better, folded) != 0) {
        size_t at = out->len;
        rc = xn_strbuf_puts(out, better);
        int all_caps = len > 1;
        for (size_t i = 0; i < len && all_caps; i++)
            if (!is_upper((unsigned char)w[i])) all_caps = 0;
        for (size_t i = at; rc == 0 && i < out->len; i++) {
            if (!all_caps && i > at) break;
            if (is_upper((unsigned char)w[0]) && out->data[i] >= 'a' && out->data[i] <= 'z')
                out->data[i] = (char)(out->data[i] - 'a' + 'A');
        }
        *changed = 1;
    } else {
        rc = xn_strbuf_append(out, w, len);
    }
    free(better);
    if (rc < 0) return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xn_spelling_correct(xs_db *db, const char *text, char **out,
                                     xn_error *err)
{
    static const char *const fields[] = {"title", "official", "outlet", "id", "date"};
    *out = NULL;
    size_t len = strlen(text);
    xn_strbuf b = XN_STRBUF_INIT;
    int changed = 0, rc = 0;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (size_t i = 0; i < len && !st && rc == 0;) {
        if (!is_letter((unsigned char)text[i])) {
            rc = xn_strbuf_putc(&b, text[i++]);
            continue;
        }
        size_t j = i;
        while (j < len && (is_letter((unsigned char)text[j]) ||
                           (text[j] >= '0' && text[j] <= '9')))
            j++;
        int field = -1;
        for (int f = 0; f < 5 && j < len && text[j] == ':'; f++)
            if (strlen(fields[f]) == j - i && memcmp(text + i, fields[f], j - i) == 0)
                field = f;
        if (field >= 2) { /* outlet:, id:, date: values are kept */
            size_t end = value_end(text, len, j + 1);
            rc = xn_strbuf_append(&b, text + i, end - i);
            i = end;
            continue;
        }
        int digits = 0;
        for (size_t k = i; k < j; k++) digits |= text[k] >= '0' && text[k] <= '9';
        if (field >= 0 || digits || is_operator(text + i, j - i) ||
            (i > 0 && (text[i - 1] == '.' || text[i - 1] == '\'' ||
                       (text[i - 1] >= '0' && text[i - 1] <= '9'))))
            rc = xn_strbuf_append(&b, text + i, j - i);
        else
            st = correct_word(db, text + i, j - i, &b, &changed, err);
        i = j;
    }
    if (rc < 0) st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (!st && changed && !(*out = xn_strbuf_take(&b)))
        st = xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xn_strbuf_free(&b);
    return st;
}

xapnews_status_t xapnews_database_suggest(xapnews_database_t *db,
                                          const char *text, char **suggestion)
{
    if (!db || !text || !suggestion) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error *err = xn_database_error(db);
    xn_error_clear(err);
    return xn_spelling_correct(xn_database_handle(db), text, suggestion, err);
}

/* The number of articles TEXT matches with FLAGS, in *COUNT. */
static xapnews_status_t count_matches(xapnews_database_t *db, const char *text,
                                      unsigned flags, unsigned long *count)
{
    xapnews_query_t *q = NULL;
    xapnews_results_t *r = NULL;
    xapnews_status_t st = xapnews_query_parse(db, text, flags, &q);
    if (!st) st = xapnews_query_search(q, 0, 1, &r);
    *count = st ? 0 : xapnews_results_total_estimate(r);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return st;
}

xapnews_status_t xapnews_database_correct(xapnews_database_t *db, const char *text,
                                          unsigned flags, char **corrected)
{
    if (!db || !text || !corrected) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *corrected = NULL;
    if (!(flags & XAPNEWS_QUERY_TYPOS)) return XAPNEWS_STATUS_SUCCESS;
    unsigned long as_typed, as_corrected;
    xapnews_status_t st = count_matches(db, text, flags, &as_typed);
    if (st || as_typed >= XAPNEWS_CORRECT_BELOW) return st;
    char *suggestion = NULL;
    if ((st = xapnews_database_suggest(db, text, &suggestion)) || !suggestion) return st;
    st = count_matches(db, suggestion, flags, &as_corrected);
    if (!st && as_corrected > as_typed) *corrected = suggestion;
    else xapnews_free(suggestion);
    return st;
}
