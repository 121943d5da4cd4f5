/* check_similar.c - similar articles (xapnews_query_similar(),
 * xapnews_database_similar(), like:ID) on small databases built here: the
 * articles of the same topic first, never the article itself nor its near
 * duplicates (its story), unknown ids, offsets and limits, like: with
 * other words and filters. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "query_builder.h"
#include "schema.h"
#include "strbuf.h"
#include "xapian_shim.h"
#include "xapnews.h"
#include "run_suite.h"
#include "temp_dir.h"

static char base_dir[] = "/tmp/check_similar_XXXXXX";

/* A path under the base directory. */
static const char *tmp_path(const char *name) { return temp_dir_path(base_dir, name); }

/* ---- a database of two topics ---------------------------------------- */

typedef struct {
    const char *id, *title, *outlet, *body;
} art_t;

/* three articles about whaling, two about a cup final */
static const art_t ARTS[] = {
    {"w1", "Whaling fleet returns", "Reuters",
     "The whaling fleet returned to port after hunting minke whales in the Antarctic. "
     "Activists tracked the whaling ships."},
    {"w2", "Activists confront whaling ships", "The Hill",
     "Activists confronted the whaling ships hunting minke whales near the Antarctic ice."},
    {"w3", "Minke whales counted", "Reuters", "Scientists counted minke whales off the coast."},
    {"f1", "Cup final tonight", "Reuters",
     "The cup final is tonight at Wembley. Fans travelled to the stadium."},
    {"f2", "Fans at Wembley", "The Hill", "Fans filled Wembley for the cup final."},
};
#define N_ARTS (sizeof ARTS / sizeof ARTS[0])

static const char *make_db(void)
{
    const char *path = tmp_path("topics.db");
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    for (size_t k = 0; k < N_ARTS; k++) {
        xapnews_article_t *a = NULL;
        ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
        const art_t *s = &ARTS[k];
        xapnews_article_set(a, XAPNEWS_FIELD_ID, s->id, strlen(s->id));
        xapnews_article_set(a, XAPNEWS_FIELD_TITLE, s->title, strlen(s->title));
        xapnews_article_set(a, XAPNEWS_FIELD_OUTLET, s->outlet, strlen(s->outlet));
        xapnews_article_set(a, XAPNEWS_FIELD_BODY, s->body, strlen(s->body));
        ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
        xapnews_article_destroy(a);
    }
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
    return path;
}

static xapnews_database_t *open_db(const char *path)
{
    xapnews_database_t *db = NULL;
    char *error = NULL;
    xapnews_status_t st = xapnews_database_open(path, &db, &error);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "open %s: %s", path, error ? error : "?");
    return db;
}

/* The hit ids of R joined by spaces, in rank order (caller frees). */
static char *hit_ids(const xapnews_results_t *r)
{
    xn_strbuf b = XN_STRBUF_INIT;
    xn_strbuf_puts(&b, "");
    for (unsigned i = 0; i < xapnews_results_count(r); i++) {
        if (i) xn_strbuf_putc(&b, ' ');
        xn_strbuf_puts(&b, xapnews_results_field(r, i, XAPNEWS_FIELD_ID));
    }
    return xn_strbuf_take(&b);
}

/* The ids similar() lists for ID, OFFSET and LIMIT (caller frees). */
static char *similar_ids(xapnews_database_t *db, const char *id, unsigned offset,
                         unsigned limit)
{
    xapnews_results_t *r = NULL;
    xapnews_status_t st = xapnews_database_similar(db, id, offset, limit, &r);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "similar %s: %s", id,
                  xapnews_database_last_error(db));
    char *ids = hit_ids(r);
    xapnews_results_destroy(r);
    return ids;
}

/* The ids the query TEXT finds, in rank order (caller frees). */
static char *search_ids(xapnews_database_t *db, const char *text)
{
    xapnews_query_t *q = NULL;
    xapnews_status_t st = xapnews_query_parse(db, text, XAPNEWS_QUERY_TYPOS, &q);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "parse '%s': %s", text,
                  xapnews_database_last_error(db));
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    char *ids = hit_ids(r);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return ids;
}

#define EXPECT_STR(what, expected, actual)                                         \
    do {                                                                           \
        char *a_ = (actual);                                                       \
        ck_assert_msg(strcmp(a_, (expected)) == 0, "%s: '%s', expected '%s'", (what), \
                      a_, (expected));                                             \
        free(a_);                                                                  \
    } while (0)

START_TEST(topic_mates_first_never_itself)
{
    xapnews_database_t *db = open_db(make_db());
    /* w2 shares most of w1's words (whaling, ships, activists, hunting,
     * minke, whales, antarctic), w3 two (minke, whales), f1 "to"; f2 only
     * "the", which every article holds, so that it weighs nothing in the
     * expand set */
    EXPECT_STR("similar w1", "w2 w3 f1", similar_ids(db, "w1", 0, 10));
    EXPECT_STR("similar f1", "f2 w1", similar_ids(db, "f1", 0, 10)); /* w1: "to" */
    /* offset and limit page the same list */
    EXPECT_STR("similar w1 0 1", "w2", similar_ids(db, "w1", 0, 1));
    EXPECT_STR("similar w1 1 2", "w3 f1", similar_ids(db, "w1", 1, 2));
    EXPECT_STR("similar w1 3 10", "", similar_ids(db, "w1", 3, 10));
    /* like:ID is the same query */
    EXPECT_STR("like:w1", "w2 w3 f1", search_ids(db, "like:w1"));
    /* for every article: never itself, and ranks follow the list's */
    for (size_t k = 0; k < N_ARTS; k++) {
        char *ids = similar_ids(db, ARTS[k].id, 0, 10);
        char *like = NULL;
        char text[64];
        snprintf(text, sizeof text, "like:%s", ARTS[k].id);
        like = search_ids(db, text);
        ck_assert_str_eq(ids, like);
        for (char *t = strtok(ids, " "); t; t = strtok(NULL, " "))
            ck_assert_msg(strcmp(t, ARTS[k].id) != 0, "similar %s lists itself", ARTS[k].id);
        free(ids);
        free(like);
    }
    xapnews_database_close(db);
}
END_TEST

START_TEST(like_combines_with_words_and_filters)
{
    xapnews_database_t *db = open_db(make_db());
    EXPECT_STR("like:w1 antarctic", "w2", search_ids(db, "like:w1 antarctic"));
    EXPECT_STR("like:w1 outlet:Reuters", "w3 f1", search_ids(db, "like:w1 outlet:Reuters"));
    EXPECT_STR("like:w1 -whales", "f1", search_ids(db, "like:w1 -whales"));
    EXPECT_STR("like:w1 OR id:w1", "w2 w3 f1 w1", search_ids(db, "like:w1 OR id:w1"));
    EXPECT_STR("like:\"w1\"", "w2 w3 f1", search_ids(db, "like:\"w1\""));
    /* -like: excludes the articles like it (w3 is like w1 and w2), not
     * the article itself ("whaling" is stemmed: w3's "whales") */
    EXPECT_STR("whaling -like:w3", "w3", search_ids(db, "whaling -like:w3"));
    EXPECT_STR("fans -like:w3", "f2 f1", search_ids(db, "fans -like:w3"));
    xapnews_database_close(db);
}
END_TEST

START_TEST(unknown_id_is_article_not_found)
{
    xapnews_database_t *db = open_db(make_db());
    xapnews_results_t *r = (xapnews_results_t *)1;
    ck_assert_int_eq(xapnews_database_similar(db, "w9", 0, 10, &r),
                     XAPNEWS_STATUS_ARTICLE_NOT_FOUND);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(xapnews_database_last_error(db), "no article with id 'w9'");
    xapnews_query_t *q = (xapnews_query_t *)1;
    ck_assert_int_eq(xapnews_query_parse(db, "whales like:W1", 0, &q),
                     XAPNEWS_STATUS_ARTICLE_NOT_FOUND);
    ck_assert_ptr_null(q);
    ck_assert_str_eq(xapnews_database_last_error(db), "no article with id 'W1'");
    /* a like: value is an id, never a misspelt word: no suggestion */
    char *suggestion = (char *)1;
    ck_assert_int_eq(xapnews_database_suggest(db, "like:w1 whales", &suggestion),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(suggestion);
    char *corrected = (char *)1;
    ck_assert_int_eq(xapnews_database_correct(db, "like:w3 coast", XAPNEWS_QUERY_TYPOS,
                                              &corrected),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_ptr_null(corrected);
    ck_assert_str_eq(xapnews_status_to_string(XAPNEWS_STATUS_ARTICLE_NOT_FOUND),
                     "no such article");
    ck_assert_int_eq(xapnews_database_similar(db, NULL, 0, 10, &r),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_query_similar(NULL, "w1", &q), XAPNEWS_STATUS_INVALID_ARGUMENT);
    xapnews_database_close(db);
    /* the pipeline without a database cannot look an article up */
    xn_error err;
    xn_error_clear(&err);
    ck_assert_ptr_null(xn_query_parse("whales like:w1", 0, NULL, NULL, &err));
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_QUERY);
    ck_assert_str_eq(err.message, "query syntax error at column 8: like: needs the database "
                                  "to look the article up (xapnews_query_parse() reads it)");
}
END_TEST

/* ---- near duplicates ----------------------------------------------------- */

/* Adds a document to the writable DB as the indexer would for its words,
 * id and story key STORY ("" for none): unprefixed words, Q + id, the id
 * slot and, with a story, slot 8 and the XDUP: term. */
static void add_doc(xs_db *db, const char *id, const char *story, const char *words)
{
    xs_error xe;
    xs_doc *doc = xs_doc_new(&xe);
    ck_assert_ptr_nonnull(doc);
    char term[256];
    snprintf(term, sizeof term, "%s%s", XN_PREFIX_ID, id);
    ck_assert_int_eq(xs_doc_add_term(doc, term, strlen(term), 0, &xe), 0);
    ck_assert_int_eq(xs_doc_set_value(doc, XN_SLOT_ID, id, strlen(id), &xe), 0);
    char data[128];
    snprintf(data, sizeof data, "id=%s\n", id);
    ck_assert_int_eq(xs_doc_set_data(doc, data, strlen(data), &xe), 0);
    if (*story) {
        ck_assert_int_eq(xs_doc_set_value(doc, XN_SLOT_STORY, story, strlen(story), &xe), 0);
        snprintf(term, sizeof term, "%s%s", XN_PREFIX_STORY, story);
        ck_assert_int_eq(xs_doc_add_term(doc, term, strlen(term), 0, &xe), 0);
    }
    char copy[256];
    snprintf(copy, sizeof copy, "%s", words);
    unsigned pos = 1;
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
        ck_assert_int_eq(xs_doc_add_posting(doc, w, strlen(w), pos++, 1, &xe), 0);
    snprintf(term, sizeof term, "%s%s", XN_PREFIX_ID, id);
    ck_assert_int_eq(xs_db_replace(db, term, strlen(term), doc, &xe), 0);
    xs_doc_free(doc);
}

START_TEST(near_duplicates_are_left_out)
{
    const char *path = tmp_path("stories.db");
    xs_error xe;
    xs_db *w = xs_db_open_write(path, XS_WRITE_CREATE, &xe);
    ck_assert_msg(w != NULL, "%s", xe.message);
    /* d1 starts a story, d2 and d3 are its near duplicates; s1 is on the
     * same subject in other words; x1 is about something else, with a
     * story of its own; n1 has no story key */
    add_doc(w, "d1", "d1", "minke whales hunted near antarctic ice");
    add_doc(w, "d2", "d1", "minke whales hunted near antarctic ice today");
    add_doc(w, "d3", "d1", "minke whales hunted near the antarctic ice");
    add_doc(w, "s1", "s1", "antarctic whales counted");
    add_doc(w, "x1", "x1", "cup final tonight");
    add_doc(w, "n1", "", "minke whales and cup final");
    ck_assert_int_eq(xs_db_close(w, &xe), 0);
    xapnews_database_t *db = open_db(path);
    /* without its story, d1 is only like s1 and n1 */
    EXPECT_STR("similar d1", "s1 n1", similar_ids(db, "d1", 0, 10));
    EXPECT_STR("similar d2", "s1 n1", similar_ids(db, "d2", 0, 10));
    /* (quoted: these documents have no stems) */
    EXPECT_STR("like:d3", "s1 n1", search_ids(db, "like:d3 \"whales\""));
    /* an article without a story key leaves out itself only ("whales",
     * which 5 of the 6 hold, weighs nothing in its expand set, so s1 is
     * not like it) */
    EXPECT_STR("similar n1", "x1 d1 d2 d3", similar_ids(db, "n1", 0, 10));
    xapnews_database_close(db);
}
END_TEST

/* Read system calls made so far by this process (/proc/self/io), or -1
 * where the kernel does not count them. */
static long read_calls(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    if (!f) return -1;
    char line[128];
    long n = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "syscr: %ld", &n) == 1) break;
    fclose(f);
    return n;
}

typedef struct {
    unsigned seen, stop_after;
    int in_order;
} posting_walk;

static int on_posting(void *vctx, const char *const *v, const size_t *len)
{
    posting_walk *w = vctx;
    char want[32];
    snprintf(want, sizeof want, "doc%03u", w->seen);
    if (len[0] != strlen(want) || memcmp(v[0], want, len[0]) != 0 || len[1] != 2000 ||
        len[2] != 0)
        w->in_order = 0;
    return ++w->seen == w->stop_after;
}

/* 300 documents holding "band", every second "odd", every tenth "rare";
 * values: slot 1 "docNNN", slot 2 2000 bytes; returns the path. */
static const char *postings_db(void)
{
    const char *path = tmp_path("postings.db");
    xs_error xe;
    xs_db *w = xs_db_open_write(path, XS_WRITE_OVERWRITE, &xe);
    ck_assert_msg(w != NULL, "%s", xe.message);
    char big[2001];
    for (unsigned i = 0; i < 300; i++) {
        xs_doc *doc = xs_doc_new(&xe);
        ck_assert_ptr_nonnull(doc);
        char id[32];
        snprintf(id, sizeof id, "doc%03u", i);
        memset(big, 'a' + i % 26, 2000);
        ck_assert_int_eq(xs_doc_set_value(doc, 1, id, strlen(id), &xe), 0);
        ck_assert_int_eq(xs_doc_set_value(doc, 2, big, 2000, &xe), 0);
        ck_assert_int_eq(xs_doc_add_term(doc, "band", 4, 0, &xe), 0);
        if (i % 2) ck_assert_int_eq(xs_doc_add_term(doc, "odd", 3, 0, &xe), 0);
        if (i % 10 == 0) ck_assert_int_eq(xs_doc_add_term(doc, "rare", 4, 0, &xe), 0);
        ck_assert_int_eq(xs_db_add(w, doc, &xe), 0);
        xs_doc_free(doc);
    }
    ck_assert_int_eq(xs_db_close(w, &xe), 0);
    return path;
}

START_TEST(posting_values_are_read_only_as_far_as_asked)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(postings_db(), &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    const unsigned slots[] = {1, 2, 3}; /* slot 3 is empty in every document */
    /* every document, in docid order, with its values */
    posting_walk all = {0, 0, 1};
    long before = read_calls();
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 1000, 0, slots, 3, NULL, on_posting, &all,
                                           &xe), 0);
    long full = read_calls() - before;
    ck_assert_uint_eq(all.seen, 300);
    ck_assert(all.in_order);
    /* MAX_DOCS and BEFORE bound the walk; an unknown term has no documents */
    posting_walk some = {0, 0, 1};
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 50, 0, slots, 3, NULL, on_posting, &some,
                                           &xe), 0);
    ck_assert_uint_eq(some.seen, 50);
    posting_walk below = {0, 0, 1};
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 1000, 11, slots, 3, NULL, on_posting,
                                           &below, &xe), 0);
    ck_assert_uint_eq(below.seen, 10);
    ck_assert(some.in_order && below.in_order);
    posting_walk none = {0, 0, 1};
    ck_assert_int_eq(xs_db_postings_values(db, "nothing", 7, 1000, 0, slots, 3, NULL, on_posting,
                                           &none, &xe), 0);
    ck_assert_uint_eq(none.seen, 0);
    /* a walk that stops at its first document reads that document only:
     * the 600 KB of values after it stay unread */
    posting_walk first = {0, 1, 1};
    before = read_calls();
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 1000, 0, slots, 3, NULL, on_posting, &first,
                                           &xe), 0);
    long one = read_calls() - before;
    ck_assert_uint_eq(first.seen, 1);
    ck_assert(first.in_order);
    if (before >= 0)
        ck_assert_msg(full >= 40 && one * 10 < full,
                      "stopping at the first document made %ld read calls, all 300 %ld", one,
                      full);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

/* A walk asked first about each docid: it wants every third document. */
typedef struct {
    unsigned asked, next_asked; /* docids asked about; the one expected next */
    int asked_in_order;
    unsigned seen, expect_doc;  /* documents given to FN; the next one's number */
    int values_right;
} wanting_walk;

static int want_third(void *vctx, unsigned docid)
{
    wanting_walk *w = vctx;
    if (docid != w->next_asked) w->asked_in_order = 0;
    w->next_asked = docid + 1;
    w->asked++;
    return docid % 3 == 1;
}

static int on_wanted(void *vctx, const char *const *v, const size_t *len)
{
    wanting_walk *w = vctx;
    char want[32];
    snprintf(want, sizeof want, "doc%03u", w->expect_doc);
    if (len[0] != strlen(want) || memcmp(v[0], want, len[0]) != 0 || len[1] != 2000)
        w->values_right = 0;
    w->expect_doc += 3;
    w->seen++;
    return 0;
}

START_TEST(posting_values_skip_what_is_not_wanted)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(postings_db(), &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    const unsigned slots[] = {1, 2, 3}; /* slot 3 is empty in every document */
    /* every docid is asked about, in order; only the wanted are read */
    wanting_walk all = {0, 1, 1, 0, 0, 1};
    long before = read_calls();
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 1000, 0, slots, 3, want_third,
                                           on_wanted, &all, &xe), 0);
    long third = read_calls() - before;
    ck_assert_uint_eq(all.asked, 300);
    ck_assert(all.asked_in_order);
    ck_assert_uint_eq(all.seen, 100);
    ck_assert(all.values_right);
    /* a document passed over still counts towards MAX_DOCS */
    wanting_walk some = {0, 1, 1, 0, 0, 1};
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 30, 0, slots, 3, want_third,
                                           on_wanted, &some, &xe), 0);
    ck_assert_uint_eq(some.asked, 30);
    ck_assert_uint_eq(some.seen, 10);
    ck_assert(some.asked_in_order && some.values_right);
    /* fewer reads than reading every document */
    posting_walk every = {0, 0, 1};
    before = read_calls();
    ck_assert_int_eq(xs_db_postings_values(db, "band", 4, 1000, 0, slots, 3, NULL, on_posting,
                                           &every, &xe), 0);
    long full = read_calls() - before;
    ck_assert_uint_eq(every.seen, 300);
    if (before >= 0)
        ck_assert_msg(third * 2 < full, "every third document made %ld read calls, all %ld",
                      third, full);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

static unsigned long at_least(xs_db *db, const xs_query *q, unsigned long enough)
{
    xs_error xe;
    unsigned long n = 12345;
    ck_assert_msg(xs_query_matches_at_least(db, q, enough, &n, &xe) == 0, "%s", xe.message);
    return n;
}

START_TEST(matches_at_least_follows_term_counts)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(postings_db(), &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    xs_query *band = xs_query_term("band", 4, 1, 1, &xe), *odd = xs_query_term("odd", 3, 1, 2, &xe),
             *rare = xs_query_term("rare", 4, 1, 3, &xe), *none = xs_query_term("none", 4, 1, 4, &xe);
    ck_assert(band && odd && rare && none);
    ck_assert_uint_eq(at_least(db, band, 1000), 300);
    ck_assert_uint_eq(at_least(db, none, 1000), 0);
    xs_query *pairs[][2] = {{rare, odd}, {odd, rare}, {band, odd}, {odd, none}};
    const xs_op ops[] = {XS_OP_OR, XS_OP_SYNONYM, XS_OP_AND_MAYBE, XS_OP_AND, XS_OP_FILTER,
                         XS_OP_AND_NOT, XS_OP_PHRASE};
    /* what each op surely matches, per pair: OR and SYNONYM their larger
     * side, AND_MAYBE its left; the others are not counted */
    const unsigned long want[][4] = {{150, 150, 300, 150}, {150, 150, 300, 150},
                                     {30, 150, 300, 150},  {0, 0, 0, 0},
                                     {0, 0, 0, 0},         {0, 0, 0, 0},
                                     {0, 0, 0, 0}};
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (size_t k = 0; k < 4; k++) {
            xs_query *q = xs_query_combine(ops[o], pairs[k], 2, 0, &xe);
            ck_assert_ptr_nonnull(q);
            ck_assert_msg(at_least(db, q, 1000) == want[o][k], "op %zu pair %zu: %lu", o, k,
                          at_least(db, q, 1000));
            xs_query_free(q);
        }
    /* a weight changes nothing; everything is every document */
    xs_query *scaled = xs_query_scale(rare, 0.5, &xe), *all = xs_query_match_all(&xe);
    ck_assert_uint_eq(at_least(db, scaled, 1000), 30);
    ck_assert_uint_eq(at_least(db, all, 1000), 300);
    /* past ENOUGH the rest is not looked at: more than ENOUGH is all it says */
    xs_query *three[] = {odd, band, rare};
    xs_query *or3 = xs_query_combine(XS_OP_OR, three, 3, 0, &xe);
    ck_assert_uint_eq(at_least(db, or3, 100), 150);
    ck_assert_uint_eq(at_least(db, or3, 1000), 300);
    xs_query *qs[] = {band, odd, rare, none, scaled, all, or3};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) xs_query_free(qs[i]);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("similar");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, topic_mates_first_never_itself);
    tcase_add_test(tc, like_combines_with_words_and_filters);
    tcase_add_test(tc, unknown_id_is_article_not_found);
    tcase_add_test(tc, near_duplicates_are_left_out);
    tcase_add_test(tc, posting_values_are_read_only_as_far_as_asked);
    tcase_add_test(tc, posting_values_skip_what_is_not_wanted);
    tcase_add_test(tc, matches_at_least_follows_term_counts);
    suite_add_tcase(s, tc);
    int status = run_suite(s);
    if (!getenv("KEEP")) temp_dir_remove(base_dir);
    return status;
}
