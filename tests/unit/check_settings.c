/* check_settings.c - a database keeps the stemming language and tables it
 * was indexed with (xapnews.h, "Settings"): a writer adopts what a settled
 * database stores, refuses other settings with exact messages and writes
 * nothing then, stores a new database's settings at the first article or
 * commit, and XAPNEWS_WRITER_REINDEX starts over; shards are one database. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_suite.h"
#include "temp_dir.h"
#include "xapnews.h"

#define OFFICIALS TOP_SRCDIR "/schemas/officials.tsv"
#define REINDEX_HINT \
    "re-index everything: open the writer with XAPNEWS_WRITER_REINDEX and add every article again"

/* ---- temporary files ---------------------------------------------------- */

static char base_dir[] = "/tmp/check_settings_XXXXXX";

/* A path under the base directory. */
static const char *tmp_path(const char *name) { return temp_dir_path(base_dir, name); }

/* Writes TEXT to file NAME under the base directory; returns its path. */
static const char *write_file(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    ck_assert_int_eq(temp_dir_write(path, text), 0);
    return path;
}

/* ---- writing and reading ------------------------------------------------ */

static xapnews_writer_t *open_writer(const char *path, unsigned flags)
{
    xapnews_writer_t *w = NULL;
    char *error = NULL;
    xapnews_status_t st = xapnews_writer_open_flags(path, flags, &w, &error);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "%s: %s", path, error ? error : "");
    return w;
}

static void close_writer(xapnews_writer_t *w)
{
    char *error = NULL;
    xapnews_status_t st = xapnews_writer_close(w, &error);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "close: %s", error ? error : "");
}

static void add(xapnews_writer_t *w, const char *id, const char *body)
{
    xapnews_article_t *a = NULL;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, id, strlen(id)), 0);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, body, strlen(body)), 0);
    xapnews_status_t st = xapnews_writer_add(w, a);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "add %s: %s", id,
                  xapnews_writer_last_error(w));
    xapnews_article_destroy(a);
}

static xapnews_database_t *open_db(const char *path)
{
    xapnews_database_t *db = NULL;
    char *error = NULL;
    xapnews_status_t st = xapnews_database_open(path, &db, &error);
    ck_assert_msg(st == XAPNEWS_STATUS_SUCCESS, "%s: %s", path, error ? error : "");
    return db;
}

static unsigned long count(const char *path)
{
    xapnews_database_t *db = open_db(path);
    unsigned long n = 0;
    ck_assert_int_eq(xapnews_database_count(db, &n), XAPNEWS_STATUS_SUCCESS);
    xapnews_database_close(db);
    return n;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of the hits of QUERY over PATH, sorted and joined by spaces
 * (static buffer). */
static const char *hits(const char *path, const char *query)
{
    static char out[1024];
    xapnews_database_t *db = open_db(path);
    xapnews_query_t *q = NULL;
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, query, 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_query_search(q, 0, 50, &r), XAPNEWS_STATUS_SUCCESS);
    const char *ids[50];
    unsigned n = xapnews_results_count(r);
    for (unsigned i = 0; i < n; i++) ids[i] = xapnews_results_field(r, i, XAPNEWS_FIELD_ID);
    qsort(ids, n, sizeof ids[0], by_string);
    out[0] = '\0';
    for (unsigned i = 0; i < n; i++) {
        if (i) strcat(out, " ");
        strcat(out, ids[i]);
    }
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
    return out;
}

/* Checks that W's last call failed with STATUS and the message FMT. */
#define EXPECT_REFUSED(w, call, status, ...)                                  \
    do {                                                                      \
        char want_[4096];                                                     \
        snprintf(want_, sizeof want_, __VA_ARGS__);                           \
        ck_assert_int_eq((call), (status));                                   \
        ck_assert_str_eq(xapnews_writer_last_error(w), want_);                \
    } while (0)

/* ---- the tests ---------------------------------------------------------- */

START_TEST(another_language_is_refused_and_nothing_changes)
{
    const char *path = tmp_path("language.db");
    xapnews_writer_t *w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_is_new(w), 1);
    add(w, "e1", "the cats were eating");
    close_writer(w);

    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_is_new(w), 0);
    ck_assert_str_eq(xapnews_writer_language(w), "english");
    EXPECT_REFUSED(w, xapnews_writer_set_language(w, "french"),
                   XAPNEWS_STATUS_SETTINGS_MISMATCH,
                   "database %s was indexed with stemming language 'english'; this writer "
                   "asks for 'french'. Keep 'english' (a writer uses the stored one unless "
                   "told otherwise), or " REINDEX_HINT,
                   path);
    ck_assert_str_eq(xapnews_writer_language(w), "english");
    /* an unknown language is still that */
    EXPECT_REFUSED(w, xapnews_writer_set_language(w, "klingon"),
                   XAPNEWS_STATUS_INVALID_ARGUMENT, "unknown stemming language 'klingon'");
    close_writer(w);
    ck_assert_uint_eq(count(path), 1);

    /* the stored language, given or not, appends */
    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_set_language(w, "english"), XAPNEWS_STATUS_SUCCESS);
    add(w, "e2", "more cats eating");
    close_writer(w);
    ck_assert_str_eq(hits(path, "eat"), "e1 e2");
}
END_TEST

START_TEST(another_table_is_refused_and_the_stored_one_is_used)
{
    const char *path = tmp_path("tables.db");
    const char *colours = write_file("colours.txt", "colour, color\n");
    const char *copy = write_file("colours-copy.txt", "colour, color\n");
    const char *greys = write_file("greys.txt", "grey, gray\n");
    const char *bad = write_file("bad.txt", "cyber, , security\n");
    xapnews_writer_t *w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, colours),
                     XAPNEWS_STATUS_SUCCESS);
    add(w, "c1", "a colour film");
    close_writer(w);

    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_has_table(w, XAPNEWS_TABLE_SYNONYMS), 1);
    ck_assert_int_eq(xapnews_writer_has_table(w, XAPNEWS_TABLE_OFFICIALS), 0);
    /* the same text from another file is the same table */
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, copy),
                     XAPNEWS_STATUS_SUCCESS);
    EXPECT_REFUSED(w, xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, greys),
                   XAPNEWS_STATUS_SETTINGS_MISMATCH,
                   "database %s stores a different variant table (synonyms) than %s. Keep "
                   "the stored one (a writer uses it unless told otherwise), or " REINDEX_HINT,
                   path, greys);
    EXPECT_REFUSED(w, xapnews_writer_clear_table(w, XAPNEWS_TABLE_SYNONYMS),
                   XAPNEWS_STATUS_SETTINGS_MISMATCH,
                   "database %s stores the variant table (synonyms) it was indexed with; "
                   "this writer asks for none. Keep it (a writer uses it unless told "
                   "otherwise), or " REINDEX_HINT,
                   path);
    EXPECT_REFUSED(w, xapnews_writer_load_table(w, XAPNEWS_TABLE_OFFICIALS, OFFICIALS),
                   XAPNEWS_STATUS_SETTINGS_MISMATCH,
                   "database %s was indexed with no officials table; this writer asks for "
                   "%s. Keep indexing without one (a writer does unless told otherwise), "
                   "or " REINDEX_HINT,
                   path, OFFICIALS);
    /* a malformed file is reported as such */
    EXPECT_REFUSED(w, xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, bad),
                   XAPNEWS_STATUS_BAD_INPUT,
                   "%s:1: empty entry (two commas in a row, or a comma at an end)", bad);
    ck_assert_int_eq(xapnews_writer_clear_table(w, XAPNEWS_TABLE_OFFICIALS),
                     XAPNEWS_STATUS_SUCCESS);
    add(w, "c2", "a color print");
    close_writer(w);

    /* nothing was given to the last writers: they used the stored table */
    w = open_writer(path, 0);
    add(w, "c3", "colour photographs");
    close_writer(w);
    ck_assert_str_eq(hits(path, "color"), "c1 c2 c3");
    ck_assert_str_eq(hits(path, "colour"), "c1 c2 c3");
}
END_TEST

START_TEST(a_new_database_stores_its_settings_at_commit)
{
    const char *colours = write_file("colours2.txt", "colour, color\n");
    const char *bad = write_file("bad2.txt", "cyber, , security\n");
    const char *path = tmp_path("commit.db");
    xapnews_writer_t *w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_set_language(w, "french"), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, colours),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_commit(w), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_is_new(w), 0);
    close_writer(w);
    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_is_new(w), 0);
    ck_assert_str_eq(xapnews_writer_language(w), "french");
    ck_assert_int_eq(xapnews_writer_has_table(w, XAPNEWS_TABLE_SYNONYMS), 1);
    close_writer(w);

    /* after a failed setting, closing stores nothing */
    path = tmp_path("failed.db");
    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_set_language(w, "french"), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, bad),
                     XAPNEWS_STATUS_BAD_INPUT);
    close_writer(w);
    w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_is_new(w), 1);
    ck_assert_str_eq(xapnews_writer_language(w), "english");
    close_writer(w);
}
END_TEST

START_TEST(reindex_starts_over)
{
    const char *path = tmp_path("reindex.db");
    const char *colours = write_file("colours3.txt", "colour, color\n");
    xapnews_writer_t *w = open_writer(path, 0);
    ck_assert_int_eq(xapnews_writer_load_table(w, XAPNEWS_TABLE_SYNONYMS, colours),
                     XAPNEWS_STATUS_SUCCESS);
    add(w, "c1", "a colour film");
    add(w, "c2", "a color print");
    close_writer(w);

    w = open_writer(path, XAPNEWS_WRITER_REINDEX);
    ck_assert_uint_eq(count(path), 0); /* emptied at once */
    ck_assert_int_eq(xapnews_writer_is_new(w), 1);
    ck_assert_int_eq(xapnews_writer_has_table(w, XAPNEWS_TABLE_SYNONYMS), 0);
    ck_assert_int_eq(xapnews_writer_set_language(w, "french"), XAPNEWS_STATUS_SUCCESS);
    add(w, "f1", "les chats mangeaient en couleur, colour");
    close_writer(w);

    ck_assert_uint_eq(count(path), 1);
    ck_assert_str_eq(hits(path, "manger"), "f1");
    ck_assert_str_eq(hits(path, "color"), "");
    w = open_writer(path, 0);
    ck_assert_str_eq(xapnews_writer_language(w), "french");
    ck_assert_int_eq(xapnews_writer_has_table(w, XAPNEWS_TABLE_SYNONYMS), 0);
    close_writer(w);

    /* a writer that does not sync stores as any other */
    w = open_writer(path, XAPNEWS_WRITER_NO_SYNC);
    add(w, "f2", "les chats mangeaient");
    close_writer(w);
    ck_assert_uint_eq(count(path), 2);
    ck_assert_str_eq(hits(path, "chat"), "f1 f2");

    xapnews_writer_t *bad = (xapnews_writer_t *)1;
    ck_assert_int_eq(xapnews_writer_open_flags(path, 1u << 2, &bad, NULL),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
    ck_assert_int_eq(xapnews_writer_open_shards_flags(path, 0, 1, 1u << 5, &bad, NULL),
                     XAPNEWS_STATUS_INVALID_ARGUMENT);
}
END_TEST

/* Adds articles s0..s9 (the writer keeps those of its shards). */
static void add_ten(xapnews_writer_t *w)
{
    for (int i = 0; i < 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "s%d", i);
        add(w, id, "les chats mangeaient");
    }
}

START_TEST(the_shards_of_a_database_share_its_settings)
{
    const char *path = tmp_path("sharded");
    ck_assert_int_eq(xapnews_shards_create(path, 2, NULL), XAPNEWS_STATUS_SUCCESS);
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open_shards(path, 0, 2, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_set_language(w, "french"), XAPNEWS_STATUS_SUCCESS);
    add_ten(w);
    close_writer(w);

    /* the second job's shard is new, the database is not */
    ck_assert_int_eq(xapnews_writer_open_shards(path, 1, 2, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_is_new(w), 0);
    ck_assert_str_eq(xapnews_writer_language(w), "french");
    EXPECT_REFUSED(w, xapnews_writer_set_language(w, "english"),
                   XAPNEWS_STATUS_SETTINGS_MISMATCH,
                   "database %s was indexed with stemming language 'french'; this writer "
                   "asks for 'english'. Keep 'french' (a writer uses the stored one unless "
                   "told otherwise), or " REINDEX_HINT,
                   path);
    add_ten(w);
    close_writer(w);
    ck_assert_str_eq(hits(path, "manger"), "s0 s1 s2 s3 s4 s5 s6 s7 s8 s9");

    /* shards that disagree are refused whole */
    ck_assert_int_eq(xapnews_writer_open_shards_flags(path, 1, 2, XAPNEWS_WRITER_REINDEX, &w,
                                                      NULL),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_is_new(w), 1);
    ck_assert_int_eq(xapnews_writer_set_language(w, "german"), XAPNEWS_STATUS_SUCCESS);
    add_ten(w);
    close_writer(w);
    char *error = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, &error), XAPNEWS_STATUS_SETTINGS_MISMATCH);
    ck_assert_ptr_null(w);
    char want[4096];
    snprintf(want, sizeof want,
             "%s/shard-000 and %s/shard-001 were indexed with different settings "
             "(stemming language 'french' and 'german'): re-index everything (xapnews "
             "index --reindex, or XAPNEWS_WRITER_REINDEX) and add every article again",
             path, path);
    ck_assert_str_eq(error, want);
    xapnews_free(error);

    w = open_writer(path, XAPNEWS_WRITER_REINDEX);
    ck_assert_int_eq(xapnews_writer_is_new(w), 1);
    add_ten(w);
    close_writer(w);
    ck_assert_uint_eq(count(path), 10);
    ck_assert_str_eq(hits(path, "manger"), "");
    ck_assert_str_eq(hits(path, "mangeaient"), "s0 s1 s2 s3 s4 s5 s6 s7 s8 s9");
}
END_TEST

static Suite *settings_suite(void)
{
    Suite *s = suite_create("settings");
    TCase *tc = tcase_create("writer");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, another_language_is_refused_and_nothing_changes);
    tcase_add_test(tc, another_table_is_refused_and_the_stored_one_is_used);
    tcase_add_test(tc, a_new_database_stores_its_settings_at_commit);
    tcase_add_test(tc, reindex_starts_over);
    tcase_add_test(tc, the_shards_of_a_database_share_its_settings);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    temp_dir_make(base_dir);
    int rc = run_suite(settings_suite());
    temp_dir_remove(base_dir);
    return rc;
}
