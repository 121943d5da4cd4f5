/* check_idset.c - the set of ids a writer added to a fresh database, and
 * the writer's add-or-replace decision that rests on it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "idset.h"
#include "u64set.h"
#include "run_suite.h"
#include "xapnews.h"

/* The exact set under the id set: keys that differ only in their high
 * bits or their low bits stay apart, through every growth. */
START_TEST(u64_keys_are_kept_exactly)
{
    xn_u64set s = XN_U64SET_INIT;
    for (uint64_t hi = 1; hi <= 64; hi++)
        for (uint64_t lo = 0; lo < 2000; lo++)
            ck_assert_int_eq(xn_u64set_insert(&s, hi << 32 | lo), 1);
    ck_assert_uint_eq(s.n, 64 * 2000);
    for (uint64_t hi = 1; hi <= 64; hi++)
        for (uint64_t lo = 0; lo < 2000; lo += 3)
            ck_assert_int_eq(xn_u64set_insert(&s, hi << 32 | lo), 0);
    ck_assert_int_eq(xn_u64set_insert(&s, 65ULL << 32), 1);
    ck_assert_int_eq(xn_u64set_insert(&s, UINT64_MAX), 1);
    ck_assert_int_eq(xn_u64set_insert(&s, UINT64_MAX), 0);
    xn_u64set_free(&s);
    ck_assert_uint_eq(s.n, 0);
    ck_assert_int_eq(xn_u64set_insert(&s, 1ULL << 32 | 5), 1); /* empty again, and usable */
    xn_u64set_free(&s);
}
END_TEST

START_TEST(new_ids_once_then_seen)
{
    xn_idset *s = xn_idset_new();
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(xn_idset_insert(s, "a", 1), 1);
    ck_assert_int_eq(xn_idset_insert(s, "a", 1), 0);
    ck_assert_int_eq(xn_idset_insert(s, "b", 1), 1);
    /* the length counts: "a" and "a\0" are different ids */
    ck_assert_int_eq(xn_idset_insert(s, "a\0", 2), 1);
    ck_assert_int_eq(xn_idset_insert(s, "", 0), 1);
    ck_assert_int_eq(xn_idset_insert(s, "", 0), 0);
    xn_idset_free(s);
    xn_idset_free(NULL);
}
END_TEST

START_TEST(grows_without_losing_ids)
{
    xn_idset *s = xn_idset_new();
    char id[32];
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(id, sizeof id, "reuters-c%d-%d", i % 50, i);
        ck_assert_int_eq(xn_idset_insert(s, id, (size_t)n), 1);
    }
    for (int i = 0; i < 200000; i += 7) {
        int n = snprintf(id, sizeof id, "reuters-c%d-%d", i % 50, i);
        ck_assert_int_eq(xn_idset_insert(s, id, (size_t)n), 0);
    }
    xn_idset_free(s);
}
END_TEST

/* ---- the writer: a fresh database still replaces a repeated id ------- */

static char tmpdir[] = "/tmp/check_idset.XXXXXX";

static void add(xapnews_writer_t *w, const char *id, const char *body)
{
    xapnews_article_t *a;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, id, strlen(id)), 0);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, body, strlen(body)), 0);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_destroy(a);
}

static unsigned long hits(xapnews_database_t *db, const char *text)
{
    xapnews_query_t *q;
    xapnews_results_t *r;
    ck_assert_int_eq(xapnews_query_parse(db, text, XAPNEWS_QUERY_DEFAULT_AND, &q), 0);
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), 0);
    unsigned long n = xapnews_results_count(r);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    return n;
}

START_TEST(repeated_id_in_a_fresh_database_is_replaced)
{
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char path[128];
    snprintf(path, sizeof path, "%s/db", tmpdir);
    xapnews_writer_t *w;
    char *err = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_set_batch_size(w, 2), XAPNEWS_STATUS_SUCCESS);
    add(w, "one", "walrus talks");
    add(w, "two", "penguin talks");
    add(w, "three", "puffin talks"); /* after a commit */
    add(w, "one", "narwhal talks");  /* the same id again: replaces */
    ck_assert_int_eq(xapnews_writer_close(w, &err), XAPNEWS_STATUS_SUCCESS);

    xapnews_database_t *db;
    ck_assert_int_eq(xapnews_database_open(path, &db, &err), XAPNEWS_STATUS_SUCCESS);
    unsigned long count = 0;
    ck_assert_int_eq(xapnews_database_count(db, &count), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(hits(db, "walrus"), 0);
    ck_assert_uint_eq(hits(db, "narwhal"), 1);
    ck_assert_uint_eq(hits(db, "talks"), 3);
    xapnews_database_close(db);

    /* reopened, the database is no longer fresh: ids are replaced too */
    ck_assert_int_eq(xapnews_writer_open(path, &w, &err), XAPNEWS_STATUS_SUCCESS);
    add(w, "two", "gannet talks");
    add(w, "four", "skua talks");
    ck_assert_int_eq(xapnews_writer_close(w, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_database_open(path, &db, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_database_count(db, &count), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(count, 4);
    ck_assert_uint_eq(hits(db, "penguin"), 0);
    ck_assert_uint_eq(hits(db, "gannet"), 1);
    xapnews_database_close(db);

    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("idset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, new_ids_once_then_seen);
    tcase_add_test(tc, u64_keys_are_kept_exactly);
    tcase_add_test(tc, grows_without_losing_ids);
    tcase_add_test(tc, repeated_id_in_a_fresh_database_is_replaced);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
