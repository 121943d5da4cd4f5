/* check_api.c - the public API (plugin/xapnews.h) end to end, on temporary
 * databases: writing, reopening, searching, fields, ranks, snippets,
 * replacing, refusing bad articles, database errors, and reading articles
 * from a corpus folder and from JSON Lines. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema.h"
#include "story.h"
#include "strbuf.h"
#include "xapian_shim.h"
#include "xapian_shim_terms.h"
#include "xapnews.h"
#include "run_suite.h"
#include "temp_dir.h"

#define CORPUS TOP_SRCDIR "/corpus"
#define REUTERS TOP_SRCDIR "/tests/data/reuters-people.jsonl"
#define CHROME_CONF TOP_SRCDIR "/schemas/chrome.conf"

/* ---- temporary directories -------------------------------------------- */

/* Made in the parent process before the tests run and removed after them,
 * even when a test fails (each test runs in its own child). */
static char base_dir[] = "/tmp/check_api_XXXXXX";

/* A path under the base directory. */
static const char *tmp_path(const char *name) { return temp_dir_path(base_dir, name); }


/* ---- articles ---------------------------------------------------------- */

typedef struct {
    const char *id, *title, *date, *outlet, *url, *body;
    const char *officials[4];
} art_t;

static const art_t A1 = {
    "a1", "Cyber talks begin in Washington", "2016-12-12", "China Digital Times",
    "https://example.com/a1",
    "Officials met to discuss cybersecurity.\nGuo Shengkun attended the talks.",
    {"Guo Shengkun", NULL}};
static const art_t A2 = {
    "a2", "Trade ties", "2015", "Gadgets 360", "https://example.com/a2",
    "Trade between the two countries grew. No talks were held about hacking.",
    {NULL}};
static const art_t A3 = {
    "a3", "Hacking report", "2016-05", "", "",
    "A report on hacking groups.\n\nTheir talks, talks and more talks.",
    {"Jeh Johnson", "Loretta E. Lynch", NULL}};

static xapnews_article_t *make_article(const art_t *s)
{
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    const char *v[XAPNEWS_FIELD_COUNT] = {s->id, s->title, s->date,
                                          s->outlet, s->url, s->body};
    for (int f = 0; f < XAPNEWS_FIELD_COUNT; f++)
        if (v[f])
            ck_assert_int_eq(xapnews_article_set(a, (xapnews_field_t)f, v[f],
                                                 strlen(v[f])),
                             XAPNEWS_STATUS_SUCCESS);
    for (int k = 0; s->officials[k]; k++)
        ck_assert_int_eq(xapnews_article_add_official(a, s->officials[k]),
                         XAPNEWS_STATUS_SUCCESS);
    return a;
}

static void add(xapnews_writer_t *w, const art_t *s)
{
    xapnews_article_t *a = make_article(s);
    xapnews_status_t st = xapnews_writer_add(w, a);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "adding %s: %s", s->id,
                  xapnews_writer_last_error(w));
    xapnews_article_destroy(a);
}

/* Creates database NAME holding A1, A2, A3; returns its path. */
static const char *make_db(const char *name)
{
    const char *path = tmp_path(name);
    xapnews_writer_t *w = NULL;
    char *error = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, &error),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(error);
    add(w, &A1);
    add(w, &A2);
    add(w, &A3);
    ck_assert_int_eq(xapnews_writer_close(w, &error), XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(error);
    return path;
}

static xapnews_database_t *open_db(const char *path)
{
    xapnews_database_t *db = NULL;
    char *error = NULL;
    xapnews_status_t st = xapnews_database_open(path, &db, &error);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "open %s: %s", path,
                  error ? error : "?");
    ck_assert_ptr_nonnull(db);
    return db;
}

static xapnews_results_t *search(xapnews_database_t *db, const char *text,
                                 unsigned flags, unsigned offset,
                                 unsigned limit)
{
    xapnews_query_t *q = NULL;
    xapnews_status_t st = xapnews_query_parse(db, text, flags, &q);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "parse '%s': %s", text,
                  xapnews_database_last_error(db));
    xapnews_results_t *r = NULL;
    st = xapnews_query_search(q, offset, limit, &r);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "search '%s': %s", text,
                  xapnews_database_last_error(db));
    xapnews_query_destroy(q); /* results do not depend on the query */
    return r;
}

/* The hit ids of R joined by spaces, in rank order (caller frees). */
static char *hit_ids(const xapnews_results_t *r)
{
    xn_strbuf b = XN_STRBUF_INIT;
    for (unsigned i = 0; i < xapnews_results_count(r); i++) {
        if (i) xn_strbuf_putc(&b, ' ');
        xn_strbuf_puts(&b, xapnews_results_field(r, i, XAPNEWS_FIELD_ID));
    }
    return xn_strbuf_take(&b);
}

/* The hit ids of R sorted, joined by spaces (caller frees). */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *sorted_ids(const xapnews_results_t *r)
{
    unsigned n = xapnews_results_count(r);
    const char **ids = calloc(n + 1, sizeof *ids);
    ck_assert_ptr_nonnull(ids);
    for (unsigned i = 0; i < n; i++)
        ids[i] = xapnews_results_field(r, i, XAPNEWS_FIELD_ID);
    qsort(ids, n, sizeof *ids, cmp_str);
    xn_strbuf b = XN_STRBUF_INIT;
    for (unsigned i = 0; i < n; i++) {
        if (i) xn_strbuf_putc(&b, ' ');
        xn_strbuf_puts(&b, ids[i]);
    }
    free(ids);
    return xn_strbuf_take(&b);
}

#define EXPECT_HITS(db, text, expected)                                     \
    do {                                                                    \
        xapnews_results_t *r_ = search((db), (text), 0, 0, 10);             \
        char *ids_ = sorted_ids(r_);                                        \
        ck_assert_msg(strcmp(ids_, (expected)) == 0,                        \
                      "query '%s': hits '%s', expected '%s'", (text), ids_, \
                      (expected));                                          \
        free(ids_);                                                         \
        xapnews_results_destroy(r_);                                        \
    } while (0)

/* ---- writing and searching --------------------------------------------- */

START_TEST(index_reopen_and_search)
{
    const char *path = make_db("search.db");
    xapnews_database_t *db = open_db(path);
    unsigned long count = 0;
    ck_assert_int_eq(xapnews_database_count(db, &count), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(count, 3);

    EXPECT_HITS(db, "Shengkun", "a1");
    EXPECT_HITS(db, "hacking", "a2 a3");
    EXPECT_HITS(db, "hack", "a2 a3");
    EXPECT_HITS(db, "talk", "a1 a2 a3");
    EXPECT_HITS(db, "cybersecurity", "a1");
    EXPECT_HITS(db, "cyber-security", "a1");
    EXPECT_HITS(db, "\"cyber talks\"", "a1");
    EXPECT_HITS(db, "\"begin in Washington\"", "a1");
    /* no phrase runs from the title into the body, or across officials */
    EXPECT_HITS(db, "\"Washington Officials\"", "");
    EXPECT_HITS(db, "official:\"Johnson Loretta\"", "");
    EXPECT_HITS(db, "official:\"Loretta E. Lynch\"", "a3");
    EXPECT_HITS(db, "talks -hacking", "a1");
    EXPECT_HITS(db, "Trade ties", "a2");
    EXPECT_HITS(db, "title:talks", "a1");
    EXPECT_HITS(db, "title:hacking", "a3");
    EXPECT_HITS(db, "official:\"Guo Shengkun\"", "a1");
    EXPECT_HITS(db, "official:Lynch", "a3");
    EXPECT_HITS(db, "outlet:\"Gadgets 360\"", "a2");
    EXPECT_HITS(db, "outlet:\"china digital times\"", "a1");
    EXPECT_HITS(db, "id:a2", "a2");
    EXPECT_HITS(db, "date:2016", "a1 a3");
    EXPECT_HITS(db, "date:2015", "a2");
    EXPECT_HITS(db, "date:2016-05", "a3");
    EXPECT_HITS(db, "date:2016-06..2016-12-31", "a1");
    EXPECT_HITS(db, "date:..2016-05-31", "a2 a3");
    EXPECT_HITS(db, "Washington OR Trade", "a1 a2");
    EXPECT_HITS(db, "nonexistentword", "");
    EXPECT_HITS(db, "!!!", "");

    /* the stored fields of a hit */
    xapnews_results_t *r = search(db, "Shengkun", 0, 0, 10);
    ck_assert_uint_eq(xapnews_results_count(r), 1);
    ck_assert_uint_eq(xapnews_results_total_estimate(r), 1);
    ck_assert_uint_eq(xapnews_results_rank(r, 0), 1);
    ck_assert(xapnews_results_score(r, 0) > 0.0);
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_ID), "a1");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_TITLE),
                     "Cyber talks begin in Washington");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_DATE),
                     "2016-12-12");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_OUTLET),
                     "China Digital Times");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_URL),
                     "https://example.com/a1");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_BODY),
                     "Officials met to discuss cybersecurity. Guo Shengkun "
                     "attended the talks.");
    /* bad arguments */
    ck_assert_ptr_null(xapnews_results_field(r, 1, XAPNEWS_FIELD_ID));
    ck_assert_ptr_null(xapnews_results_field(r, 0, XAPNEWS_FIELD_COUNT));
    ck_assert_uint_eq(xapnews_results_rank(r, 1), 0);
    xapnews_results_destroy(r);

    /* dates come back in ISO form at their own precision; missing fields
     * are "" */
    r = search(db, "id:a3", 0, 0, 10);
    ck_assert_uint_eq(xapnews_results_count(r), 1);
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_DATE), "2016-05");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_OUTLET), "");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_URL), "");
    xapnews_results_destroy(r);
    r = search(db, "id:a2", 0, 0, 10);
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_DATE), "2015");
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_OUTLET),
                     "Gadgets 360");
    xapnews_results_destroy(r);

    /* the query's description is Xapian's */
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_query_describe(q), "Query(Ztalk@1)");
    xapnews_query_destroy(q);

    /* a query that does not parse is searched as plain words, and says
     * why; strict, it is reported through the database */
    ck_assert_int_eq(xapnews_query_parse(db, "(talks", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_query_describe(q), "Query(Ztalk@1)");
    ck_assert_str_eq(xapnews_query_syntax_error(q),
                     "query syntax error at column 1: '(' is never closed");
    xapnews_query_destroy(q);
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(xapnews_query_syntax_error(q));
    xapnews_query_destroy(q);
    q = (xapnews_query_t *)1;
    ck_assert_int_eq(xapnews_query_parse(db, "(talks", XAPNEWS_QUERY_STRICT, &q),
                     XAPNEWS_STATUS_BAD_QUERY);
    ck_assert_ptr_null(q);
    ck_assert_str_eq(xapnews_database_last_error(db),
                     "query syntax error at column 1: '(' is never closed");
    xapnews_database_close(db);
}
END_TEST

START_TEST(ranks_and_offsets)
{
    const char *path = make_db("rank.db");
    xapnews_database_t *db = open_db(path);
    xapnews_results_t *all = search(db, "talks", 0, 0, 10);
    ck_assert_uint_eq(xapnews_results_count(all), 3);
    ck_assert_uint_eq(xapnews_results_total_estimate(all), 3);
    char *ids = hit_ids(all);
    /* a3 says "talks" three times in a short text; a2 once in a long one */
    ck_assert_str_eq(ids, "a3 a1 a2");
    for (unsigned i = 0; i < 3; i++) {
        ck_assert_uint_eq(xapnews_results_rank(all, i), i + 1);
        if (i)
            ck_assert(xapnews_results_score(all, i - 1) >=
                      xapnews_results_score(all, i));
    }

    /* a page from offset 1: ranks go on from the offset, same order */
    xapnews_results_t *page = search(db, "talks", 0, 1, 2);
    ck_assert_uint_eq(xapnews_results_count(page), 2);
    ck_assert_uint_eq(xapnews_results_rank(page, 0), 2);
    ck_assert_uint_eq(xapnews_results_rank(page, 1), 3);
    char *pids = hit_ids(page);
    ck_assert_str_eq(pids, "a1 a2");
    ck_assert_uint_eq(xapnews_results_total_estimate(page), 3);

    /* offset past the end: nothing */
    xapnews_results_t *none = search(db, "talks", 0, 5, 10);
    ck_assert_uint_eq(xapnews_results_count(none), 0);
    ck_assert_uint_eq(xapnews_results_rank(none, 0), 0);

    /* limit 1 */
    xapnews_results_t *one = search(db, "talks", 0, 2, 1);
    ck_assert_uint_eq(xapnews_results_count(one), 1);
    ck_assert_uint_eq(xapnews_results_rank(one, 0), 3);
    ck_assert_str_eq(xapnews_results_field(one, 0, XAPNEWS_FIELD_ID), "a2");

    /* DEFAULT_OR ranks documents matching more words first */
    xapnews_results_t *any = search(db, "Shengkun hacking", XAPNEWS_QUERY_DEFAULT_OR,
                                    0, 10);
    char *sorted = sorted_ids(any);
    ck_assert_str_eq(sorted, "a1 a2 a3");
    xapnews_results_t *both = search(db, "Shengkun hacking", 0, 0, 10);
    ck_assert_uint_eq(xapnews_results_count(both), 0);

    free(ids);
    free(pids);
    free(sorted);
    xapnews_results_destroy(all);
    xapnews_results_destroy(page);
    xapnews_results_destroy(none);
    xapnews_results_destroy(one);
    xapnews_results_destroy(any);
    xapnews_results_destroy(both);
    xapnews_database_close(db);
}
END_TEST

static char *snippet_of(xapnews_database_t *db, const char *query,
                        size_t max_bytes, const char *open, const char *close)
{
    xapnews_results_t *r = search(db, query, 0, 0, 1);
    ck_assert_uint_eq(xapnews_results_count(r), 1);
    char *s = NULL;
    ck_assert_int_eq(xapnews_results_snippet(r, 0, max_bytes, open, close, &s),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_nonnull(s);
    xapnews_results_destroy(r);
    return s;
}

#define EXPECT_SNIPPET(db, query, max, open, close, expected)               \
    do {                                                                    \
        char *s_ = snippet_of((db), (query), (max), (open), (close));       \
        ck_assert_str_eq(s_, (expected));                                   \
        xapnews_free(s_);                                                   \
    } while (0)

/* The ids of the hits of TEXT in ORDER (malloc'd). */
static char *ids_in_order(xapnews_database_t *db, const char *text, xapnews_sort_t order)
{
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, text, 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_sort(q, order), XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    char *ids = hit_ids(r);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return ids;
}

START_TEST(sorts_by_date_and_counts_months)
{
    xapnews_database_t *db = open_db(make_db("sort.db"));
    /* a1 2016-12-12, a3 2016-05, a2 2015; by relevance a3 a1 a2 */
    char *newest = ids_in_order(db, "talks", XAPNEWS_SORT_NEWEST);
    char *oldest = ids_in_order(db, "talks", XAPNEWS_SORT_OLDEST);
    char *relevance = ids_in_order(db, "talks", XAPNEWS_SORT_RELEVANCE);
    ck_assert_str_eq(newest, "a1 a3 a2");
    ck_assert_str_eq(oldest, "a2 a3 a1");
    ck_assert_str_eq(relevance, "a3 a1 a2");
    free(newest);
    free(oldest);
    free(relevance);
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_sort(q, (xapnews_sort_t)7),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_query_set_facets(q, XAPNEWS_FACET_MONTH | XAPNEWS_FACET_YEAR),
                     XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    /* months in date order; a2's date is a year only: no month */
    ck_assert_uint_eq(xapnews_results_facet_size(r, XAPNEWS_FACET_MONTH), 2);
    unsigned long count = 0;
    ck_assert_str_eq(xapnews_results_facet_value(r, XAPNEWS_FACET_MONTH, 0, &count), "2016-05");
    ck_assert_uint_eq(count, 1);
    ck_assert_str_eq(xapnews_results_facet_value(r, XAPNEWS_FACET_MONTH, 1, &count), "2016-12");
    ck_assert_uint_eq(count, 1);
    /* years too, in date order (not by count: 2016 has two) */
    ck_assert_str_eq(xapnews_results_facet_value(r, XAPNEWS_FACET_YEAR, 0, &count), "2015");
    ck_assert_uint_eq(count, 1);
    ck_assert_str_eq(xapnews_results_facet_value(r, XAPNEWS_FACET_YEAR, 1, &count), "2016");
    ck_assert_uint_eq(count, 2);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
}
END_TEST

/* A story told three times: the wire's text (d1), a copy with a dateline
 * and a trailing line (d2), one with a word changed and another headline
 * (d3); and an unrelated article (d4). */
static const char STORY[] =
    "The two governments agreed on Friday to set up a hotline for reporting "
    "attacks on computer networks, and to meet twice a year to review cases "
    "of hacking that either side raises, officials said after two days of "
    "talks in the capital. The agreement follows months of tension over the "
    "theft of commercial secrets and the indictment of five officers last "
    "year, and it was welcomed by industry groups who had pressed for it.";

/* "More like it" of a collapsed page: counted in one pass over the matches
 * for a page of STORY_PASS_HITS hits or more, by a search per hit for a
 * smaller one; both give every hit the same count, over random stories
 * of one to four copies. */
START_TEST(more_like_it_in_one_pass_or_per_hit)
{
    const char *path = tmp_path("morelike.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    static const char *const words[] = {"trade", "tariff", "steel", "grain", "bank", "rate",
                                        "oil", "price", "export", "yen", "bond", "gold",
                                        "market", "deficit", "budget", "wheat"};
    srand(7);
    unsigned n_articles = 0;
    for (unsigned story = 0; story < 70; story++) {
        char body[2048] = "";
        size_t at = 0;
        for (int k = 0; k < 60; k++)
            at += (size_t)snprintf(body + at, sizeof body - at, "%s%s%u ", k % 9 ? "" : "talks ",
                                   words[rand() % 16], (unsigned)rand() % 50);
        for (int copy = 0, copies = 1 + rand() % 4; copy < copies; copy++) {
            char text[2200], id[16];
            snprintf(text, sizeof text, "%s%s", copy ? "LONDON (Wire) - " : "", body);
            snprintf(id, sizeof id, "s%u-%d", story, copy);
            art_t a = {id, "Talks", "2015-12-02", "Wire", "", text, {NULL}};
            add(w, &a);
            n_articles++;
        }
    }
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_t *db = open_db(path);
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_collapse(q, 1), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_exact_count(q, 0), XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *all = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 70, &all), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(all), 70);
    ck_assert_int_eq(xapnews_results_total_exact(all), 1);
    ck_assert_uint_eq(xapnews_results_total_estimate(all), 70);
    unsigned long counted = 0;
    for (unsigned i = 0; i < 70; i++) counted += 1 + xapnews_results_more_like_it(all, i);
    ck_assert_uint_eq(counted, n_articles);
    for (unsigned offset = 0; offset < 70; offset += 10) {
        xapnews_results_t *page = NULL;
        ck_assert_int_eq(xapnews_query_search(q, offset, 10, &page), XAPNEWS_STATUS_SUCCESS);
        ck_assert_uint_eq(xapnews_results_count(page), 10);
        for (unsigned i = 0; i < 10; i++) {
            const char *id = xapnews_results_field(page, i, XAPNEWS_FIELD_ID);
            ck_assert_str_eq(id, xapnews_results_field(all, offset + i, XAPNEWS_FIELD_ID));
            ck_assert_msg(xapnews_results_more_like_it(page, i) ==
                              xapnews_results_more_like_it(all, offset + i),
                          "%s: %lu more in a page of 10, %lu in one of 70", id,
                          xapnews_results_more_like_it(page, i),
                          xapnews_results_more_like_it(all, offset + i));
        }
        xapnews_results_destroy(page);
    }
    xapnews_results_destroy(all);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
}
END_TEST

START_TEST(collapses_near_duplicate_stories)
{
    const char *path = tmp_path("dups.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    char copy2[sizeof STORY + 80], copy3[sizeof STORY];
    snprintf(copy2, sizeof copy2, "BEIJING (Wire) - %s Reporting by a correspondent.", STORY);
    memcpy(copy3, STORY, sizeof STORY);
    memcpy(strstr(copy3, "Friday"), "Monday", 6);
    art_t d1 = {"d1", "Hotline agreed", "2015-12-02", "Wire", "", STORY, {NULL}};
    art_t d2 = {"d2", "Cyber hotline", "2015-12-03", "Paper", "", copy2, {NULL}};
    art_t d3 = {"d3", "Talks end", "2015-12-01", "Site", "", copy3, {NULL}};
    art_t d4 = {"d4", "Trade", "2015-12-04", "Wire", "",
                "Trade between the two countries grew by a tenth last year, and talks "
                "on tariffs will resume in the spring.", {NULL}};
    add(w, &d1);
    add(w, &d2);
    add(w, &d3);
    add(w, &d4);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_t *db = open_db(path);

    /* collapsed: one hit per story, the others counted */
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_collapse(q, 1), XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 2);
    ck_assert_uint_eq(xapnews_results_total_estimate(r), 2);
    ck_assert_int_eq(xapnews_results_total_exact(r), 1);
    unsigned story = strcmp(xapnews_results_field(r, 0, XAPNEWS_FIELD_ID), "d4") == 0;
    ck_assert_str_eq(xapnews_results_story(r, story), "d1");
    ck_assert_uint_eq(xapnews_results_more_like_it(r, story), 2);
    ck_assert_str_eq(xapnews_results_story(r, !story), "d4");
    ck_assert_uint_eq(xapnews_results_more_like_it(r, !story), 0);
    ck_assert_ptr_null(xapnews_results_story(r, 2));
    xapnews_results_destroy(r);
    /* counted without the stories' pass (none when the matches are not
     * all counted exactly), each hit's count is the same */
    ck_assert_int_eq(xapnews_query_set_exact_count(q, 0), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 2);
    story = strcmp(xapnews_results_field(r, 0, XAPNEWS_FIELD_ID), "d4") == 0;
    ck_assert_str_eq(xapnews_results_story(r, story), "d1");
    ck_assert_uint_eq(xapnews_results_more_like_it(r, story), 2);
    ck_assert_uint_eq(xapnews_results_more_like_it(r, !story), 0);
    xapnews_results_destroy(r);
    ck_assert_int_eq(xapnews_query_set_exact_count(q, XAPNEWS_COUNT_DEFAULT),
                     XAPNEWS_STATUS_SUCCESS);
    /* a page of one still counts the stories exactly */
    ck_assert_int_eq(xapnews_query_search(q, 0, 1, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_total_estimate(r), 2);
    ck_assert_int_eq(xapnews_results_total_exact(r), 1);
    xapnews_results_destroy(r);
    /* not collapsed: every article, no counts */
    ck_assert_int_eq(xapnews_query_set_collapse(q, 0), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 4);
    ck_assert_uint_eq(xapnews_results_more_like_it(r, 0), 0);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    ck_assert_int_eq(xapnews_query_set_collapse(NULL, 1), XAPNEWS_STATUS_INVALID_ARGUMENT);

    /* the others of a story, oldest first */
    const char *expect[][2] = {{"d1", "d3 d2"}, {"d2", "d3 d1"}, {"d3", "d1 d2"}, {"d4", ""}};
    for (size_t k = 0; k < 4; k++) {
        ck_assert_int_eq(xapnews_database_duplicates(db, expect[k][0], 0, 10, &r),
                         XAPNEWS_STATUS_SUCCESS);
        char *got = hit_ids(r);
        ck_assert_msg(strcmp(got, expect[k][1]) == 0, "duplicates of %s: '%s'", expect[k][0], got);
        free(got);
        xapnews_results_destroy(r);
    }
    ck_assert_int_eq(xapnews_database_duplicates(db, "d1", 1, 10, &r), XAPNEWS_STATUS_SUCCESS);
    char *page = hit_ids(r);
    ck_assert_str_eq(page, "d2");
    free(page);
    xapnews_results_destroy(r);
    r = (xapnews_results_t *)1;
    ck_assert_int_eq(xapnews_database_duplicates(db, "d9", 0, 10, &r),
                     XAPNEWS_STATUS_ARTICLE_NOT_FOUND);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(xapnews_database_last_error(db), "no article with id 'd9'");
    ck_assert_str_eq(xapnews_status_to_string(XAPNEWS_STATUS_ARTICLE_NOT_FOUND), "no such article");
    xapnews_database_close(db);
}
END_TEST

/* Writes the articles IN[p] (up to 3, NULL after the last) into part
 * PARTS[p] each, joins the N parts into PATH and opens it. */
static xapnews_database_t *join_parts(const char *const *parts, const art_t *const in[][3],
                                      size_t n, const char *path)
{
    for (size_t p = 0; p < n; p++) {
        xapnews_writer_t *w = NULL;
        /* as `xapnews index --jobs` writes its parts */
        ck_assert_int_eq(xapnews_writer_open_flags(parts[p], XAPNEWS_WRITER_NO_SYNC, &w, NULL),
                         XAPNEWS_STATUS_SUCCESS);
        for (size_t k = 0; k < 3 && in[p][k]; k++) add(w, in[p][k]);
        ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    }
    ck_assert_int_eq(xapnews_database_join(parts, n, path, NULL), XAPNEWS_STATUS_SUCCESS);
    return open_db(path);
}

static int record_agrees(void *ctx, const char *const *v, const size_t *len)
{
    (void)ctx;
    xn_sketch s;
    const char *key, *id;
    size_t key_len, id_len;
    int form = xn_story_record_decode(v[2], len[2], &s, &key, &key_len, &id, &id_len);
    ck_assert_int_eq(form, len[2] ? 1 : -1);
    if (form == 1)
        ck_assert_msg(key_len == len[1] && memcmp(key, v[1], key_len) == 0 && id_len == len[0] &&
                          memcmp(id, v[0], id_len) == 0,
                      "%.*s: record key '%.*s', story slot '%.*s'", (int)len[0], v[0],
                      (int)key_len, key, (int)len[1], v[1]);
    return 0;
}

/* Copies two values, as strings, into CTX (char[2][64]). */
static int copy_two(void *ctx, const char *const *v, const size_t *len)
{
    char (*out)[64] = ctx;
    for (int k = 0; k < 2; k++) {
        ck_assert_uint_lt(len[k], 64);
        memcpy(out[k], v[k], len[k]);
        out[k][len[k]] = '\0';
    }
    return 0;
}

/* Every article of the database at PATH holds in its story record the
 * story key and id its own slots hold: keying an article again rewrites
 * both. */
static void records_agree(const char *path)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    unsigned long n = 0;
    ck_assert_int_eq(xs_db_doccount(db, &n, &xe), 0);
    static const unsigned slots[] = {XN_SLOT_ID, XN_SLOT_STORY, XN_SLOT_SKETCH};
    for (unsigned d = 1; d <= n; d++)
        ck_assert_int_eq(xs_doc_values(db, d, slots, 3, record_agrees, NULL, &xe), 0);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}

/* xs_doc_values() reads the slots of a document a posting list gives
 * without looking it up first: a document that is not there reads as one
 * without values, and is no error. */
START_TEST(doc_values_of_listed_and_missing_documents)
{
    const char *path = make_db("docvalues.db");
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    unsigned ids[4];
    size_t n = 0;
    char term[64];
    snprintf(term, sizeof term, "%s%s", XN_PREFIX_ID, A2.id);
    ck_assert_int_eq(xs_term_docs(db, term, strlen(term), ids, 4, &n, &xe), 0);
    ck_assert_uint_eq(n, 1);
    static const unsigned slots[] = {XN_SLOT_ID, XN_SLOT_CUSTOM_FIRST + 40};
    char got[2][64];
    ck_assert_int_eq(xs_doc_values(db, ids[0], slots, 2, copy_two, got, &xe), 0);
    ck_assert_str_eq(got[0], A2.id);
    ck_assert_str_eq(got[1], "");
    ck_assert_int_eq(xs_doc_values(db, 1000, slots, 2, copy_two, got, &xe), 0);
    ck_assert_str_eq(got[0], "");
    ck_assert_str_eq(got[1], "");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

START_TEST(joined_parts_are_keyed_as_one_writer_keys)
{
    /* the original in the first part, its copies in the second: written
     * apart, neither writer saw the other's articles */
    char copy[sizeof STORY + 80];
    snprintf(copy, sizeof copy, "BEIJING (Wire) - %s Reporting by a correspondent.", STORY);
    art_t d1 = {"d1", "Hotline agreed", "2015-12-02", "Wire", "", STORY, {NULL}};
    art_t d2 = {"d2", "Cyber hotline", "2015-12-03", "Paper", "", copy, {NULL}};
    art_t d3 = {"d3", "Trade", "2015-12-04", "Wire", "",
                "Trade between the two countries grew by a tenth last year, and talks "
                "on tariffs will resume in the spring.", {NULL}};
    art_t d4 = {"d4", "Hotline again", "2015-12-05", "Site", "", STORY, {NULL}};
    const char *parts[] = {tmp_path("part0.db"), tmp_path("part1.db")};
    const art_t *in[2][3] = {{&d1, NULL}, {&d2, &d3, &d4}};
    const char *path = tmp_path("joined.db");
    xapnews_database_t *db = join_parts(parts, in, 2, path);
    xapnews_results_t *r = NULL;
    /* one story across the parts, its articles in input order */
    ck_assert_int_eq(xapnews_database_duplicates(db, "d1", 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    char *got = hit_ids(r);
    ck_assert_str_eq(got, "d2 d4");
    free(got);
    xapnews_results_destroy(r);
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "hotline OR trade", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_collapse(q, 1), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 2);
    for (unsigned i = 0; i < 2; i++) {
        int trade = strcmp(xapnews_results_field(r, i, XAPNEWS_FIELD_ID), "d3") == 0;
        ck_assert_str_eq(xapnews_results_story(r, i), trade ? "d3" : "d1");
    }
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
    records_agree(path);

    /* three parts: a copy whose original is in the part just before it,
     * and a copy of that copy in the same part, are keyed across */
    const char *three[] = {tmp_path("part3a.db"), tmp_path("part3b.db"), tmp_path("part3c.db")};
    art_t d5 = {"d5", "Hotline copy", "2015-12-06", "Site", "", copy, {NULL}};
    const art_t *in3[3][3] = {{&d3, NULL}, {&d1, NULL}, {&d2, &d5, NULL}};
    db = join_parts(three, in3, 3, tmp_path("joined3.db"));
    records_agree(tmp_path("joined3.db"));
    ck_assert_int_eq(xapnews_query_parse(db, "hotline", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 3);
    for (unsigned i = 0; i < 3; i++)
        ck_assert_msg(strcmp(xapnews_results_story(r, i), "d1") == 0, "%s: story %s",
                      xapnews_results_field(r, i, XAPNEWS_FIELD_ID), xapnews_results_story(r, i));
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);

    /* a destination that exists, or a part that does not: nothing made */
    char *err = NULL;
    ck_assert_int_eq(xapnews_database_join(parts, 2, path, &err), XAPNEWS_STATUS_FILE_ERROR);
    char want[4200];
    snprintf(want, sizeof want, "%s already exists: compact into a new path", path);
    ck_assert_str_eq(err, want);
    xapnews_free(err);
    const char *missing[] = {tmp_path("no-such-part.db"), parts[1]};
    const char *other = tmp_path("joined2.db");
    err = NULL;
    ck_assert_int_ne(xapnews_database_join(missing, 2, other, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_nonnull(strstr(err, "no-such-part.db"));
    xapnews_free(err);
    ck_assert_int_ne(access(other, F_OK), 0);
    ck_assert_int_eq(xapnews_database_join(NULL, 2, other, NULL), XAPNEWS_STATUS_INVALID_ARGUMENT);
}
END_TEST

START_TEST(snippets)
{
    const char *path = make_db("snippet.db");
    xapnews_database_t *db = open_db(path);
    EXPECT_SNIPPET(db, "Shengkun", 200, "<b>", "</b>",
                   "Officials met to discuss cybersecurity. Guo <b>Shengkun</b> "
                   "attended the talks.");
    /* a stemmed query marks the forms with the same stem */
    EXPECT_SNIPPET(db, "talk id:a1", 200, "[", "]",
                   "Officials met to discuss cybersecurity. Guo Shengkun "
                   "attended the [talks].");
    /* matches separated only by white space are marked as one */
    EXPECT_SNIPPET(db, "\"Guo Shengkun\"", 200, "<", ">",
                   "Officials met to discuss cybersecurity. <Guo Shengkun> "
                   "attended the talks.");
    /* no markers */
    EXPECT_SNIPPET(db, "Shengkun", 200, "", "",
                   "Officials met to discuss cybersecurity. Guo Shengkun "
                   "attended the talks.");
    /* a short snippet is cut at words around the match (30 bytes from a
     * quarter of them before it), with "..." where text was cut */
    EXPECT_SNIPPET(db, "Shengkun", 30, "<b>", "</b>",
                   "...Guo <b>Shengkun</b> attended the...");
    xapnews_database_close(db);
}
END_TEST

START_TEST(readding_an_id_replaces)
{
    const char *path = make_db("replace.db");
    art_t again = A1;
    again.title = "Cyber talks resumed";
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    add(w, &again);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db = open_db(path);
    unsigned long count = 0;
    ck_assert_int_eq(xapnews_database_count(db, &count), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(count, 3);
    xapnews_results_t *r = search(db, "id:a1", 0, 0, 10);
    ck_assert_uint_eq(xapnews_results_count(r), 1);
    ck_assert_str_eq(xapnews_results_field(r, 0, XAPNEWS_FIELD_TITLE),
                     "Cyber talks resumed");
    xapnews_results_destroy(r);
    EXPECT_HITS(db, "resumed", "a1");
    EXPECT_HITS(db, "begin", "");
    xapnews_database_close(db);
}
END_TEST

/* Adds N articles "PREFIX0", "PREFIX1", ... with a one-word body. */
static void add_many(xapnews_writer_t *w, const char *prefix, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "%s%u", prefix, i);
        art_t s = {id, NULL, NULL, NULL, NULL, "walrus", {NULL}};
        add(w, &s);
    }
}

static unsigned long committed(const char *path)
{
    xapnews_database_t *db = open_db(path);
    unsigned long n = 0;
    ck_assert_int_eq(xapnews_database_count(db, &n), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_close(db);
    return n;
}

START_TEST(default_batch_grows_with_the_database)
{
    const char *path = tmp_path("grow");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    add_many(w, "a", 1000);
    ck_assert_uint_eq(committed(path), 1000); /* small: every 1000 */
    add_many(w, "b", 59000);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(committed(path), 60000);

    /* 60,000 articles: a fiftieth is 1,200 and more as it grows */
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    add_many(w, "c", 1100);
    ck_assert_uint_eq(committed(path), 60000);
    add_many(w, "d", 150);
    /* the 1,224th: 61,224 articles / 50 = 1,224 */
    ck_assert_uint_eq(committed(path), 61224);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    /* a batch given is kept as it is */
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_set_batch_size(w, 1000), XAPNEWS_STATUS_SUCCESS);
    add_many(w, "e", 1000);
    ck_assert_uint_eq(committed(path), 62250);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
}
END_TEST

/* The name query word WORD is also searched as under typo tolerance, or
 * "" (caller frees). */
static char *typo_name(xapnews_database_t *db, const char *word)
{
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, word, XAPNEWS_QUERY_TYPOS, &q),
                     XAPNEWS_STATUS_SUCCESS);
    const char *typed = NULL, *name = "";
    if (xapnews_query_typo_count(q) > 0)
        ck_assert_int_eq(xapnews_query_typo(q, 0, &typed, &name), XAPNEWS_STATUS_SUCCESS);
    char *copy = strdup(name);
    xapnews_query_destroy(q);
    return copy;
}

START_TEST(typo_tolerance_reaches_names_by_length_and_letters)
{
    const char *path = tmp_path("typos");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "t%d", i);
        art_t s = {id, NULL, NULL, NULL, NULL,
                   "Reporters said Stoltenberg met Jaruzelski and \xd0\x93\xd0\xbe\xd1\x80"
                   "\xd0\xb1\xd0\xb0\xd1\x87\xd0\xb5\xd0\xb2 today. Later Stoltenberg, "
                   "Jaruzelski and \xd0\x93\xd0\xbe\xd1\x80\xd0\xb1\xd0\xb0\xd1\x87\xd0\xb5"
                   "\xd0\xb2 spoke.",
                   {NULL}};
        add(w, &s);
    }
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_t *db = open_db(path);
    static const char *const cases[][2] = {
        {"Stoltenbreg", "Stoltenberg"}, /* one transposition */
        {"Stoltnbrg", "Stoltenberg"},   /* two letters short: 9 letters allow 3 */
        {"Jaruzalski", "Jaruzelski"},   /* one substitution */
        {"Jarusxlski", "Jaruzelski"},   /* two: 10 letters allow 3 */
        {"Jaruzelskii", "Jaruzelski"},  /* one letter long */
        /* Cyrillic, compared by code point: Gorbachov for Gorbachev */
        {"\xd0\x93\xd0\xbe\xd1\x80\xd0\xb1\xd0\xb0\xd1\x87\xd0\xbe\xd0\xb2",
         "\xd0\x93\xd0\xbe\xd1\x80\xd0\xb1\xd0\xb0\xd1\x87\xd0\xb5\xd0\xb2"},
        {"Stoltnbg", ""},    /* three edits: 8 letters allow 2 */
        {"Jarusxlsko", "Jaruzelski"}, /* three edits: 10 letters allow 3 */
        {"Jaruzelsky", "Jaruzelski"}, /* half an edit: -sky/-ski (a capitalised
                                       * word is searched unstemmed, so the
                                       * shared stem does not find it) */
        {"Jarusxlskoq", ""}, /* four edits */
        {"Stoltenberg", ""}, /* as written */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = typo_name(db, cases[k][0]);
        ck_assert_msg(strcmp(got, cases[k][1]) == 0, "%s: got '%s', want '%s'", cases[k][0],
                      got, cases[k][1]);
        free(got);
    }
    xapnews_database_close(db);
}
END_TEST

START_TEST(writer_refuses_bad_articles)
{
    const char *path = make_db("refuse.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);

    art_t noid = A2;
    noid.id = NULL;
    xapnews_article_t *a = make_article(&noid);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(w), "article has no id");
    xapnews_article_destroy(a);

    art_t baddate = A2;
    baddate.id = "bad1";
    baddate.date = "2016-13-01";
    a = make_article(&baddate);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(w),
                     "article 'bad1': bad date '2016-13-01': month 13 out of "
                     "range 01-12");
    xapnews_article_destroy(a);

    char longid[242];
    memset(longid, 'i', 241);
    longid[241] = '\0';
    art_t toolong = A2;
    toolong.id = longid;
    a = make_article(&toolong);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(w),
                     "article id is 241 bytes long; the limit is 240");
    xapnews_article_destroy(a);

    ck_assert_int_eq(xapnews_writer_set_language(w, "klingon"),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_str_eq(xapnews_writer_last_error(w),
                     "unknown stemming language 'klingon'");

    ck_assert_int_eq(xapnews_writer_add(w, NULL),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db = open_db(path);
    unsigned long count = 0;
    ck_assert_int_eq(xapnews_database_count(db, &count), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(count, 3);
    EXPECT_HITS(db, "id:bad1", "");
    xapnews_database_close(db);
}
END_TEST

START_TEST(missing_database_is_not_created)
{
    const char *path = tmp_path("missing.db");
    xapnews_database_t *db = (xapnews_database_t *)1;
    char *error = NULL;
    ck_assert_int_eq(xapnews_database_open(path, &db, &error),
                     XAPNEWS_STATUS_DATABASE_NOT_FOUND);
    ck_assert_ptr_null(db);
    ck_assert_ptr_nonnull(error);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s: no such database (create one with 'xapnews index --db %s ...')",
             path, path);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), -1);
    ck_assert_int_eq(errno, ENOENT);
    /* ERROR is optional */
    ck_assert_int_eq(xapnews_database_open(path, &db, NULL),
                     XAPNEWS_STATUS_DATABASE_NOT_FOUND);
    ck_assert_int_eq(stat(path, &st), -1);
}
END_TEST

START_TEST(a_directory_that_is_not_a_database)
{
    const char *path = tmp_path("not-a-db");
    ck_assert_int_eq(mkdir(path, 0700), 0);
    xapnews_database_t *db = NULL;
    char *error = NULL;
    ck_assert_int_eq(xapnews_database_open(path, &db, &error),
                     XAPNEWS_STATUS_DATABASE_NOT_FOUND);
    ck_assert_ptr_null(db);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s: not a Xapian database, or a damaged one (", path);
    ck_assert_msg(strncmp(error, expected, strlen(expected)) == 0, "%s", error);
    xapnews_free(error);
}
END_TEST

START_TEST(language_none_indexes_no_stems)
{
    const char *path = tmp_path("nostem.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_set_language(w, "none"),
                     XAPNEWS_STATUS_SUCCESS);
    add(w, &A1);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_t *db = open_db(path);
    /* the database remembers: queries are not stemmed either */
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "talks", 0, &q),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_query_describe(q), "Query(talks@1)");
    xapnews_query_destroy(q);
    EXPECT_HITS(db, "talks", "a1");
    EXPECT_HITS(db, "talk", "");
    xapnews_database_close(db);
}
END_TEST

START_TEST(second_writer_is_locked_out)
{
    const char *path = tmp_path("locked.db");
    xapnews_writer_t *w1 = NULL, *w2 = (xapnews_writer_t *)1;
    ck_assert_int_eq(xapnews_writer_open(path, &w1, NULL), XAPNEWS_STATUS_SUCCESS);
    char *error = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w2, &error),
                     XAPNEWS_STATUS_DATABASE_LOCKED);
    ck_assert_ptr_null(w2);
    ck_assert_ptr_nonnull(error);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s: database is locked by another writer (wait for it to finish)",
             path);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);
    /* the first writer still works, and releases the lock on close */
    add(w1, &A1);
    ck_assert_int_eq(xapnews_writer_close(w1, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_writer_t *w3 = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w3, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_close(w3, NULL), XAPNEWS_STATUS_SUCCESS);
}
END_TEST

/* ---- reading sources --------------------------------------------------- */

START_TEST(source_reads_the_corpus_folder)
{
    /* the ids in manifest order, read with jansson */
    FILE *fp = fopen(CORPUS "/manifest.jsonl", "r");
    ck_assert_ptr_nonnull(fp);
    char *ids[16];
    size_t n_ids = 0;
    char line[8192];
    while (fgets(line, sizeof line, fp)) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        ck_assert_ptr_nonnull(o);
        ck_assert_uint_lt(n_ids, 16);
        ids[n_ids++] = strdup(json_string_value(json_object_get(o, "id")));
        json_decref(o);
    }
    fclose(fp);
    ck_assert_uint_eq(n_ids, 5);

    xapnews_source_t *src = NULL;
    char *error = NULL;
    ck_assert_int_eq(xapnews_source_open(CORPUS, &src, &error),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(error);
    ck_assert_int_eq(xapnews_source_set_chrome_rules(src, CHROME_CONF),
                     XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    for (size_t i = 0; i < n_ids; i++) {
        xapnews_status_t st = xapnews_source_next(src, a);
        ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "record %zu: %s", i + 1,
                      xapnews_source_last_error(src));
        ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), ids[i]);
        ck_assert_str_ne(xapnews_article_get(a, XAPNEWS_FIELD_BODY), "");
        const char *body = xapnews_article_get(a, XAPNEWS_FIELD_BODY);
        ck_assert_ptr_null(strstr(body, "Gadgets360"));
        ck_assert_ptr_null(strstr(body, "{mosads}"));
        ck_assert_ptr_null(strstr(body, "Lantern"));
        ck_assert_ptr_null(strstr(body, "Getty Images"));
        ck_assert_ptr_null(strstr(body, "Hill.TV"));
        if (i == 1) {
            ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                             "China, US High-Level Cybercrime Talks to Begin Tuesday");
            ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_DATE), "2015");
            ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_OUTLET),
                             "Gadgets 360");
            ck_assert_uint_eq(xapnews_article_official_count(a), 5);
            ck_assert_str_eq(xapnews_article_official(a, 0), "Guo Shengkun");
            ck_assert_str_eq(xapnews_article_official(a, 4), "Xi Jinping");
            ck_assert_ptr_null(xapnews_article_official(a, 5));
        }
        if (i == 2) {
            ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_DATE),
                             "2016-12-12");
            ck_assert_uint_eq(xapnews_article_official_count(a), 3);
            ck_assert_str_eq(xapnews_article_official(a, 0), "Loretta E. Lynch");
        }
    }
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    unsigned long long done = 0, total = 0;
    xapnews_source_progress(src, &done, &total);
    ck_assert(total > 0);
    ck_assert(done == total);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
    for (size_t i = 0; i < n_ids; i++) free(ids[i]);
}
END_TEST

START_TEST(corpus_indexed_end_to_end)
{
    const char *path = tmp_path("corpus.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_source_t *src = NULL;
    ck_assert_int_eq(xapnews_source_open(CORPUS, &src, NULL),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_set_chrome_rules(src, CHROME_CONF),
                     XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    int n = 0;
    xapnews_status_t st;
    while ((st = xapnews_source_next(src, a)) == XAPNEWS_STATUS_SUCCESS) {
        ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
        n++;
    }
    ck_assert_int_eq(st, XAPNEWS_STATUS_END);
    ck_assert_int_eq(n, 5);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db = open_db(path);
    EXPECT_HITS(db, "Shengkun", "000_9a014460469a5424 001_79cea76adbd33e7d "
                                "003_366b0afce615304f");
    EXPECT_HITS(db, "Gadgets360", "");
    EXPECT_HITS(db, "Lantern", "");
    EXPECT_HITS(db, "mosads", "");
    EXPECT_HITS(db, "outlet:\"The Hill\"", "003_366b0afce615304f");
    EXPECT_HITS(db, "date:2016-12", "002_ba0cc2a364319859");
    xapnews_database_close(db);
}
END_TEST

/* Indexes the JSON Lines or corpus folder SOURCE into database NAME. */
static const char *index_source(const char *name, const char *source)
{
    const char *path = tmp_path(name);
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_source_t *src = NULL;
    ck_assert_int_eq(xapnews_source_open(source, &src, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    xapnews_status_t st;
    while ((st = xapnews_source_next(src, a)) == XAPNEWS_STATUS_SUCCESS)
        ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(st, XAPNEWS_STATUS_END);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    return path;
}

/* Searches TEXT for hits OFFSET.., LIMIT of them, counting exactly up to
 * UP_TO matches. */
static xapnews_results_t *search_counting(xapnews_database_t *db, const char *text,
                                          unsigned up_to, unsigned offset,
                                          unsigned limit)
{
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, text, XAPNEWS_QUERY_TYPOS, &q),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_exact_count(q, up_to), XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, offset, limit, &r), XAPNEWS_STATUS_SUCCESS);
    xapnews_query_destroy(q);
    return r;
}

START_TEST(counts_exact_when_few_bounded_when_estimated)
{
    const char *path = index_source("reuters.db", REUTERS);
    xapnews_database_t *db = open_db(path);
    /* common words of the 214 articles, and "said -oil", a subset */
    static const char *const queries[] = {"said", "said -oil", "pct", "the", "oil"};
    int estimated = 0;
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        const char *text = queries[k];
        /* the truth: every hit, counted one by one */
        xapnews_results_t *all = search_counting(db, text, XAPNEWS_COUNT_ALL, 0, 1000);
        unsigned long truth = xapnews_results_count(all);
        ck_assert_msg(truth > 10, "'%s' matches %lu", text, truth);
        ck_assert_int_eq(xapnews_results_total_exact(all), 1);
        ck_assert_uint_eq(xapnews_results_total_estimate(all), truth);
        xapnews_results_destroy(all);

        /* by default: fewer than 1000 matches are counted exactly */
        xapnews_results_t *page = search_counting(db, text, XAPNEWS_COUNT_DEFAULT, 0, 10);
        ck_assert_int_eq(xapnews_results_total_exact(page), 1);
        ck_assert_uint_eq(xapnews_results_total_estimate(page), truth);
        unsigned long lo, hi;
        xapnews_results_total_bounds(page, &lo, &hi);
        ck_assert_uint_eq(lo, truth);
        ck_assert_uint_eq(hi, truth);
        xapnews_results_destroy(page);

        /* counting exactly only up to 101 matches (the page and 100
         * more): an estimate when Xapian stopped early, within bounds
         * that hold the truth */
        page = search_counting(db, text, 0, 0, 1);
        xapnews_results_total_bounds(page, &lo, &hi);
        unsigned long est = xapnews_results_total_estimate(page);
        ck_assert_msg(lo <= truth && truth <= hi, "'%s': %lu not in [%lu, %lu]",
                      text, truth, lo, hi);
        ck_assert_msg(lo <= est && est <= hi, "'%s': estimate %lu not in [%lu, %lu]",
                      text, est, lo, hi);
        ck_assert_int_eq(xapnews_results_total_exact(page), lo == hi);
        if (xapnews_results_total_exact(page)) ck_assert_uint_eq(est, truth);
        else estimated++;
        xapnews_results_destroy(page);
    }
    /* at least one of them is an estimate: the bounds were tested */
    ck_assert_int_gt(estimated, 0);

    /* a page past the matches still counts them */
    xapnews_results_t *past = search_counting(db, "oil", XAPNEWS_COUNT_DEFAULT, 5000, 10);
    ck_assert_uint_eq(xapnews_results_count(past), 0);
    ck_assert_int_eq(xapnews_results_total_exact(past), 1);
    ck_assert_uint_gt(xapnews_results_total_estimate(past), 10);
    xapnews_results_destroy(past);

    unsigned long lo = 1, hi = 1;
    xapnews_results_total_bounds(NULL, &lo, &hi);
    ck_assert_uint_eq(lo + hi, 0);
    ck_assert_int_eq(xapnews_results_total_exact(NULL), 0);
    ck_assert_int_eq(xapnews_query_set_exact_count(NULL, 5), XAPNEWS_STATUS_INVALID_ARGUMENT);
    xapnews_database_close(db);
}
END_TEST

START_TEST(source_reports_bad_records_and_goes_on)
{
    const char *path = tmp_path("input.jsonl");
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("{\"id\": \"ok1\", \"title\": \"First\"}\n"                    /* 1 */
          "{\"id\": \"x\", \"title\": \n"                                /* 2 */
          "{\"title\": \"no id\"}\n"                                     /* 3 */
          "{\"id\": \"t5\", \"title\": 5}\n"                             /* 4 */
          "{\"id\": \"bd\", \"date\": \"2016-13-01\"}\n"                 /* 5 */
          "\n"                                                           /* 6 */
          "{\"id\": \"ok2\", \"title\": \"Last\", \"officials\": [\"Jeh Johnson\"]}\n"
          "{\"id\": \"bad\" oops}\n"                                     /* 8 */
          "[1, 2]\n"                                                     /* 9 */
          "{\"id\": \"ok3\", \"body\": \"text\"}",                       /* 10 */
          fp);
    fclose(fp);

    xapnews_source_t *src = NULL;
    ck_assert_int_eq(xapnews_source_open(path, &src, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    char expected[8192];

    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "ok1");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE), "First");

#define EXPECT_BAD_RECORD(tail)                                             \
    do {                                                                    \
        ck_assert_int_eq(xapnews_source_next(src, a),                       \
                         XAPNEWS_STATUS_BAD_INPUT);                         \
        snprintf(expected, sizeof expected, "%s:%s", path, (tail));         \
        ck_assert_str_eq(xapnews_source_last_error(src), expected);         \
        ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "");     \
    } while (0)

    EXPECT_BAD_RECORD("2: malformed JSON: the line ends before the record is "
                      "complete");
    EXPECT_BAD_RECORD("3: missing \"id\"");
    EXPECT_BAD_RECORD("4: \"title\" must be a string, not a number");

    /* a malformed date is dropped, the record kept, with a warning */
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "bd");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_DATE), "");
    snprintf(expected, sizeof expected,
             "%s:5: bad \"date\" '2016-13-01': month 13 out of range 01-12; "
             "record kept without a date", path);
    ck_assert_str_eq(xapnews_source_warning(src), expected);

    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_source_last_error(src), "");
    ck_assert_ptr_null(xapnews_source_warning(src));
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "ok2");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE), "Last");
    ck_assert_uint_eq(xapnews_article_official_count(a), 1);
    ck_assert_str_eq(xapnews_article_official(a, 0), "Jeh Johnson");

    EXPECT_BAD_RECORD("8: malformed JSON at column 17: '}' expected near 'oops'");
    EXPECT_BAD_RECORD("9: expected a JSON object, found an array");

    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "ok3");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_BODY), "text");
    ck_assert_uint_eq(xapnews_article_official_count(a), 0);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
#undef EXPECT_BAD_RECORD
    xapnews_source_close(src);
    xapnews_article_destroy(a);
}
END_TEST

/* Writes TEXT to the temporary file NAME and opens it as a source. */
static xapnews_source_t *source_of(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
    xapnews_source_t *src = NULL;
    ck_assert_int_eq(xapnews_source_open(path, &src, NULL), XAPNEWS_STATUS_SUCCESS);
    return src;
}

START_TEST(source_strict_dates_refuses_a_bad_date)
{
    xapnews_source_t *src = source_of("strict.jsonl",
                                      "{\"id\": \"bd\", \"date\": \"2016-02-30\"}\n"
                                      "{\"id\": \"good\", \"date\": \"2016-02-29\"}\n");
    const char *path = tmp_path("strict.jsonl");
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_set_flags(src, 1u << 7),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_source_set_flags(src, XAPNEWS_SOURCE_STRICT_DATES),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_BAD_INPUT);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s:1: bad \"date\" '2016-02-30': day 30 out of range for 2016-02", path);
    ck_assert_str_eq(xapnews_source_last_error(src), expected);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_DATE), "2016-02-29");
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(source_replaces_nul_escapes)
{
    xapnews_source_t *src = source_of(
        "nul.jsonl",
        "{\"id\": \"n\\u0000\", \"title\": \"a\\u0000b\\u0000\", "
        "\"officials\": [\"Jeh\", \"Jeh\\u0000Johnson\"], \"body\": \"caf\\u00e9\"}\n");
    const char *path = tmp_path("nul.jsonl");
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "n\xEF\xBF\xBD");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                     "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_BODY), "caf\xC3\xA9");
    ck_assert_uint_eq(xapnews_article_official_count(a), 2);
    ck_assert_str_eq(xapnews_article_official(a, 1), "Jeh\xEF\xBF\xBDJohnson");
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s:1: NUL (\\u0000) in \"id\" replaced by U+FFFD (1 character); record kept\n"
             "%s:1: NUL (\\u0000) in \"title\" replaced by U+FFFD (2 characters); record kept\n"
             "%s:1: NUL (\\u0000) in \"officials\" item 2 replaced by U+FFFD (1 character); "
             "record kept",
             path, path, path);
    ck_assert_str_eq(xapnews_source_warning(src), expected);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
}
END_TEST

/* A byte order mark starting the file is no part of the first record; a
 * lone UTF-16 surrogate escape, which jansson refuses, is read as U+FFFD
 * with a warning, where a pair stays the character it stands for and an
 * escaped backslash before "ud800" is text. */
START_TEST(source_reads_a_bom_and_lone_surrogates)
{
    xapnews_source_t *src = source_of(
        "bom.jsonl",
        "\xEF\xBB\xBF{\"id\": \"b1\", \"body\": \"first\"}\n"
        "{\"id\": \"b2\", \"title\": \"x\\ud800y\\udc00z\\ud800\", "
        "\"body\": \"\\ud83d\\ude00 \\\\ud800 \\ud800\\ud800\"}\n"
        "\xEF\xBB\xBF{\"id\": \"b3\"}\n");
    const char *path = tmp_path("bom.jsonl");
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "b1");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_BODY), "first");
    ck_assert_ptr_null(xapnews_source_warning(src));
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), "b2");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                     "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD");
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_BODY),
                     "\xF0\x9F\x98\x80 \\ud800 \xEF\xBF\xBD\xEF\xBF\xBD");
    char expected[4096];
    snprintf(expected, sizeof expected,
             "%s:2: lone UTF-16 surrogate escape (\\uD800-\\uDFFF) replaced by U+FFFD (5); "
             "record kept", path);
    ck_assert_str_eq(xapnews_source_warning(src), expected);
    /* a mark later in the file is no mark: that line is bad JSON */
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(source_reads_whole_number_ids)
{
    xapnews_source_t *src = source_of("ids.jsonl",
                                      "{\"id\": 7}\n"
                                      "{\"id\": -12}\n"
                                      "{\"id\": 8.0}\n"
                                      "{\"id\": 1e3}\n"
                                      "{\"id\": 7.5}\n"
                                      "{\"id\": 1e300}\n"
                                      "{\"id\": true}\n");
    const char *path = tmp_path("ids.jsonl");
    const char *ids[] = {"7", "-12", "8", "1000"};
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
        ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_ID), ids[i]);
        ck_assert_ptr_null(xapnews_source_warning(src));
    }
    const char *errors[] = {
        "5: \"id\" must be a string or a whole number, not 7.5",
        "6: \"id\" 1e+300 is too large to be read exactly; write it as a string",
        "7: \"id\" must be a string or a whole number, not a boolean"};
    char expected[8192];
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_BAD_INPUT);
        snprintf(expected, sizeof expected, "%s:%s", path, errors[i]);
        ck_assert_str_eq(xapnews_source_last_error(src), expected);
    }
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    xapnews_source_close(src);
    xapnews_article_destroy(a);
}
END_TEST

START_TEST(officials_from_several_files_combine)
{
    const char *base = tmp_path("base.tsv");
    char *base_path = strdup(base);
    FILE *fp = fopen(base_path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("# base\nJeh Johnson\tJeh C. Johnson\tSecretary\tUS\n"
          "Xi Jinping\tPresident Xi\tPresident\tChina\n", fp);
    fclose(fp);
    char *add_path = strdup(tmp_path("add.tsv"));
    fp = fopen(add_path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("XI JINPING\tChairman Xi\tGeneral Secretary\tChina\n"
          "Boris Kalinka\t\tMinister\tRussia\n", fp);
    fclose(fp);
    char *clash_path = strdup(tmp_path("clash.tsv"));
    fp = fopen(clash_path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("Vladimir Putin\tPresident Xi\tPresident\tRussia\n", fp);
    fclose(fp);

    const char *files[] = {base_path, add_path};
    ck_assert_int_eq(xapnews_table_check_files(XAPNEWS_TABLE_OFFICIALS, files, 2, NULL),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_table_check_files(XAPNEWS_TABLE_SYNONYMS, files, 2, NULL),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    const char *clash[] = {base_path, clash_path};
    char *error = NULL, expected[8192];
    ck_assert_int_eq(xapnews_table_check_files(XAPNEWS_TABLE_OFFICIALS, clash, 2, &error),
                     XAPNEWS_STATUS_BAD_INPUT);
    snprintf(expected, sizeof expected,
             "%s:1: 'President Xi' already names 'Xi Jinping' (%s:3); an entry replaces "
             "one of %s only under the same canonical name",
             clash_path, base_path, base_path);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);

    const char *path = tmp_path("combined.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table_files(w, XAPNEWS_TABLE_OFFICIALS, files, 2),
                     XAPNEWS_STATUS_SUCCESS);
    const art_t talks = {"t1", "Talks", "", "", "",
                         "Jeh Johnson met Boris Kalinka. Chairman Xi and President Xi.",
                         {NULL}};
    add(w, &talks);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    /* the same files again are the stored table; the base alone is not */
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table_files(w, XAPNEWS_TABLE_OFFICIALS, files, 2),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_OFFICIALS, base_path),
                     XAPNEWS_STATUS_SETTINGS_MISMATCH);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db = open_db(path);
    EXPECT_HITS(db, "official:\"Jeh Johnson\"", "t1");
    EXPECT_HITS(db, "official:\"Boris Kalinka\"", "t1");
    EXPECT_HITS(db, "official:\"Chairman Xi\"", "t1");
    EXPECT_HITS(db, "official:\"President Xi\"", "");
    xapnews_database_close(db);
    free(base_path);
    free(add_path);
    free(clash_path);
}
END_TEST

START_TEST(source_open_errors)
{
    xapnews_source_t *src = (xapnews_source_t *)1;
    char *error = NULL;
    const char *missing = tmp_path("nope.jsonl");
    ck_assert_int_eq(xapnews_source_open(missing, &src, &error),
                     XAPNEWS_STATUS_FILE_ERROR);
    ck_assert_ptr_null(src);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s: cannot open: No such file or directory", missing);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);

    /* a folder without a manifest */
    const char *dir = tmp_path("empty-corpus");
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    ck_assert_int_eq(xapnews_source_open(dir, &src, &error),
                     XAPNEWS_STATUS_FILE_ERROR);
    snprintf(expected, sizeof expected,
             "%s: not a corpus folder: it has no manifest.jsonl", dir);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);

    /* malformed chrome rules are refused with FILE:LINE */
    const char *rules = tmp_path("bad.conf");
    FILE *fp = fopen(rules, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("# rules\nzap foo\n", fp);
    fclose(fp);
    ck_assert_int_eq(xapnews_source_open(CORPUS, &src, NULL),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_set_chrome_rules(src, rules),
                     XAPNEWS_STATUS_BAD_INPUT);
    snprintf(expected, sizeof expected,
             "%s:2: unknown action 'zap' (expected strip, drop or end)", rules);
    ck_assert_str_eq(xapnews_source_last_error(src), expected);
    xapnews_source_close(src);
}
END_TEST

START_TEST(articles)
{
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE), "");
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_TITLE, "Hello world", 5),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE), "Hello");
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_COUNT, "x", 1),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_ptr_null(xapnews_article_get(a, XAPNEWS_FIELD_COUNT));
    ck_assert_int_eq(xapnews_article_add_official(a, "A"), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_clear(a);
    ck_assert_str_eq(xapnews_article_get(a, XAPNEWS_FIELD_TITLE), "");
    ck_assert_uint_eq(xapnews_article_official_count(a), 0);
    xapnews_article_destroy(a);
    xapnews_article_destroy(NULL);
    ck_assert_str_eq(xapnews_status_to_string(XAPNEWS_STATUS_DATABASE_LOCKED),
                     "database locked");
}
END_TEST

/* ---- declared fields ------------------------------------------------------ */

#define FIELDS_CONF TOP_SRCDIR "/schemas/fields.conf"

/* A copy of the shipped fields schema with LINES appended, as NAME. */
static const char *fields_file(const char *name, const char *lines)
{
    const char *path = tmp_path(name);
    xn_strbuf text = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_strbuf_read_file(&text, FIELDS_CONF), 0);
    xn_strbuf_puts(&text, lines);
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fwrite(text.data, 1, text.len, fp);
    fclose(fp);
    xn_strbuf_free(&text);
    return path;
}

START_TEST(declared_fields)
{
    const char *conf = fields_file("fields.conf",
                                   "category keyword XCATEGORY filterable facetable sortable\n"
                                   "tags keyword XTAG filterable facetable multiple\n"
                                   "author text XAUTHOR searchable\n");
    xapnews_fields_t *f = NULL;
    char *error = NULL;
    ck_assert_int_eq(xapnews_fields_load(conf, &f, &error), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_fields_count(f), 10);
    ck_assert_uint_eq(xapnews_fields_count(NULL), 7);
    long k = xapnews_fields_find(f, "category");
    ck_assert_int_eq(k, 7);
    ck_assert_str_eq(xapnews_fields_name(f, 7), "category");
    ck_assert_int_eq(xapnews_fields_kind(f, 7), XAPNEWS_KIND_KEYWORD);
    ck_assert_str_eq(xapnews_fields_prefix(f, 7), "XCATEGORY");
    ck_assert_uint_eq(xapnews_fields_flags(f, 7), XAPNEWS_FIELD_FILTERABLE |
                                                      XAPNEWS_FIELD_FACETABLE |
                                                      XAPNEWS_FIELD_SORTABLE);
    ck_assert_uint_eq(xapnews_fields_slot(f, 7), 10);
    ck_assert_uint_eq(xapnews_fields_slot(f, 8), 11);
    ck_assert_uint_eq(xapnews_fields_slot(f, 9), XAPNEWS_NO_SLOT);
    ck_assert_uint_eq(xapnews_fields_flags(f, 0) & XAPNEWS_FIELD_BUILTIN, XAPNEWS_FIELD_BUILTIN);
    ck_assert_int_eq(xapnews_fields_find(f, "byline"), -1);
    ck_assert_ptr_null(xapnews_fields_name(f, 10));
    xapnews_fields_destroy(f);

    /* a bad line: FILE:LINE: reason, through the table check too */
    const char *bad = fields_file("bad.conf", "author text XAUTHOR searchable filterable\n");
    ck_assert_int_eq(xapnews_table_check(XAPNEWS_TABLE_FIELDS, bad, &error),
                     XAPNEWS_STATUS_BAD_INPUT);
    xn_strbuf shipped = XN_STRBUF_INIT; /* the line appended is the one after it */
    ck_assert_int_eq(xn_strbuf_read_file(&shipped, FIELDS_CONF), 0);
    unsigned lines = 0;
    for (size_t i = 0; i < shipped.len; i++) lines += shipped.data[i] == '\n';
    xn_strbuf_free(&shipped);
    char expected[8192];
    snprintf(expected, sizeof expected,
             "%s:%u: \"author\" is text, which cannot be filterable: declare it as keyword to "
             "filter on or count its values",
             bad, lines + 1);
    ck_assert_str_eq(error, expected);
    xapnews_free(error);

    /* a source reads the declared keys and lists the others */
    const char *db_path = tmp_path("fields.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(db_path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_FIELDS, conf),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_fields_count(xapnews_writer_fields(w)), 10);
    xapnews_source_t *src = source_of(
        "fields.jsonl",
        "{\"id\": \"f1\", \"body\": \"Cup final tonight at Wembley.\", \"category\": \"Sport\", "
        "\"tags\": [\"Cup\", \"Wembley\"], \"author\": \"John Smith\", \"byline\": \"By J\"}\n"
        "{\"id\": \"f2\", \"body\": \"Budget vote tonight.\", \"category\": [\"Politics\"]}\n"
        "{\"id\": \"f3\", \"body\": \"Derby tonight.\", \"category\": \"sport\", \"mood\": 1}\n");
    ck_assert_int_eq(xapnews_source_set_fields(src, xapnews_writer_fields(w)),
                     XAPNEWS_STATUS_SUCCESS);
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_article_value_count(a, "tags"), 2);
    ck_assert_str_eq(xapnews_article_value(a, "tags", 1), "Wembley");
    ck_assert_str_eq(xapnews_article_value(a, "author", 0), "John Smith");
    ck_assert_ptr_null(xapnews_article_value(a, "author", 1));
    ck_assert_uint_eq(xapnews_article_value_count(a, "byline"), 0);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_BAD_INPUT);
    snprintf(expected, sizeof expected, "%s:2: \"category\" must be a string, not an array",
             xapnews_source_path(src));
    ck_assert_str_eq(xapnews_source_last_error(src), expected);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_source_next(src, a), XAPNEWS_STATUS_END);
    unsigned long line = 0;
    ck_assert_uint_eq(xapnews_source_undeclared_count(src), 2);
    ck_assert_str_eq(xapnews_source_undeclared(src, 0, &line), "byline");
    ck_assert_uint_eq(line, 1);
    ck_assert_str_eq(xapnews_source_undeclared(src, 1, &line), "mood");
    ck_assert_uint_eq(line, 3);
    ck_assert_ptr_null(xapnews_source_undeclared(src, 2, NULL));
    xapnews_source_close(src);

    /* the writer refuses values no field takes */
    xapnews_article_clear(a);
    xapnews_article_set(a, XAPNEWS_FIELD_ID, "f9", 2);
    xapnews_article_add_value(a, "byline", "x", 1);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(w),
                     "article 'f9': \"byline\" is not a declared field (see the fields schema)");
    xapnews_article_clear(a);
    xapnews_article_set(a, XAPNEWS_FIELD_ID, "f9", 2);
    xapnews_article_add_value(a, "category", "a", 1);
    xapnews_article_add_value(a, "category", "b", 1);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(w),
                     "article 'f9': \"category\" takes one value, not several");
    xapnews_article_destroy(a);
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);

    /* searches use the stored schema: filters, facets, sorting, values */
    xapnews_database_t *db = open_db(db_path);
    ck_assert_uint_eq(xapnews_fields_count(xapnews_database_fields(db)), 10);
    EXPECT_HITS(db, "category:sport", "f1 f3");
    EXPECT_HITS(db, "tags:wembley tonight", "f1");
    EXPECT_HITS(db, "author:smith", "f1");
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "tonight", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_add_facet_field(q, "author"),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_str_eq(xapnews_database_last_error(db),
                     "field 'author' is not facetable in the database's fields schema (its "
                     "facetable fields: category, tags)");
    ck_assert_int_eq(xapnews_query_set_sort_field(q, "nothing", 0),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_str_eq(xapnews_database_last_error(db),
                     "no field 'nothing' in the database's fields schema (its sortable "
                     "fields: date, category)");
    ck_assert_int_eq(xapnews_query_add_facet_field(q, "tags"), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_set_sort_field(q, "category", 1), XAPNEWS_STATUS_SUCCESS);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    char *ids = hit_ids(r);
    ck_assert_str_eq(ids, "f3 f1"); /* both sport: by relevance, the shorter first */
    free(ids);
    ck_assert_uint_eq(xapnews_results_field_facet_size(r, "tags"), 2);
    unsigned long count = 0;
    ck_assert_str_eq(xapnews_results_field_facet_value(r, "tags", 0, &count), "cup");
    ck_assert_uint_eq(count, 1);
    ck_assert_ptr_null(xapnews_results_field_facet_value(r, "tags", 2, &count));
    ck_assert_uint_eq(xapnews_results_field_facet_size(r, "category"), 0);
    ck_assert_uint_eq(xapnews_results_value_count(r, 1, "tags"), 2);
    ck_assert_str_eq(xapnews_results_value(r, 1, "tags", 0), "Cup");
    ck_assert_str_eq(xapnews_results_value(r, 1, "category", 0), "Sport");
    ck_assert_str_eq(xapnews_results_value(r, 0, "category", 0), "sport");
    ck_assert_str_eq(xapnews_results_value(r, 1, "id", 0), "f1");
    ck_assert_uint_eq(xapnews_results_value_count(r, 0, "author"), 0);
    ck_assert_uint_eq(xapnews_results_value_count(r, 1, "byline"), 0);

    /* highlight spans: byte offsets into the snippet, between the marks */
    char *snip = NULL;
    xapnews_span_t *spans = NULL;
    size_t n = 0;
    ck_assert_int_eq(xapnews_results_snippet_spans(r, 1, 200, "", "", &snip, &spans, &n),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(snip, "Cup final tonight at Wembley.");
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(spans[0].start, 10);
    ck_assert_uint_eq(spans[0].end, 17);
    xapnews_free(snip);
    xapnews_free(spans);
    ck_assert_int_eq(xapnews_results_snippet_spans(r, 1, 200, "<b>", "</b>", &snip, &spans, &n),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(snip, "Cup final <b>tonight</b> at Wembley.");
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(spans[0].start, 13);
    ck_assert_uint_eq(spans[0].end, 20);
    xapnews_free(snip);
    xapnews_free(spans);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, index_reopen_and_search);
    tcase_add_test(tc, ranks_and_offsets);
    tcase_add_test(tc, sorts_by_date_and_counts_months);
    tcase_add_test(tc, collapses_near_duplicate_stories);
    tcase_add_test(tc, more_like_it_in_one_pass_or_per_hit);
    tcase_add_test(tc, doc_values_of_listed_and_missing_documents);
    tcase_add_test(tc, joined_parts_are_keyed_as_one_writer_keys);
    tcase_add_test(tc, counts_exact_when_few_bounded_when_estimated);
    tcase_add_test(tc, snippets);
    tcase_add_test(tc, readding_an_id_replaces);
    tcase_add_test(tc, writer_refuses_bad_articles);
    tcase_add_test(tc, default_batch_grows_with_the_database);
    tcase_add_test(tc, typo_tolerance_reaches_names_by_length_and_letters);
    tcase_add_test(tc, missing_database_is_not_created);
    tcase_add_test(tc, a_directory_that_is_not_a_database);
    tcase_add_test(tc, language_none_indexes_no_stems);
    tcase_add_test(tc, second_writer_is_locked_out);
    tcase_add_test(tc, source_reads_the_corpus_folder);
    tcase_add_test(tc, corpus_indexed_end_to_end);
    tcase_add_test(tc, source_reports_bad_records_and_goes_on);
    tcase_add_test(tc, source_strict_dates_refuses_a_bad_date);
    tcase_add_test(tc, source_replaces_nul_escapes);
    tcase_add_test(tc, source_reads_a_bom_and_lone_surrogates);
    tcase_add_test(tc, source_reads_whole_number_ids);
    tcase_add_test(tc, officials_from_several_files_combine);
    tcase_add_test(tc, source_open_errors);
    tcase_add_test(tc, articles);
    tcase_add_test(tc, declared_fields);
    suite_add_tcase(s, tc);
    int status = run_suite(s);
    temp_dir_remove(base_dir);
    return status;
}
