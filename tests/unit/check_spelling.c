/* check_spelling.c - the spelling data a writer holds back at its batch
 * commits: the mark it leaves meanwhile, the close that gives the words,
 * the limit past which a commit gives them anyway, and the recount a
 * writer opened on a marked database makes. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_suite.h"
#include "temp_dir.h"
#include "xapian_shim.h"
#include "xapian_shim_spelling.h"

static char base_dir[] = "/tmp/check_spelling_XXXXXX";

static const char *db_path(const char *name) { return temp_dir_path(base_dir, name); }

/* The lower-case word numbered N: "qa" and four letters. */
static const char *word(unsigned n, char buf[8])
{
    buf[0] = 'q';
    buf[1] = 'a';
    for (int i = 5; i >= 2; i--, n /= 26) buf[i] = (char)('a' + n % 26);
    buf[6] = '\0';
    return buf;
}

/* Adds N_DOCS documents to DB, document d holding the words numbered
 * FIRST + d * PER .. FIRST + d * PER + PER - 1 and the word "personnel",
 * counting their spelling words as a writer does; then commits through
 * xs_db_commit_holding_spelling(). */
static void add_and_hold(xs_db *db, unsigned first, unsigned n_docs, unsigned per)
{
    xs_error xe;
    xs_spelling_counts *counts = xs_spelling_counts_new();
    ck_assert_ptr_nonnull(counts);
    char buf[8];
    for (unsigned d = 0; d < n_docs; d++) {
        xs_doc *doc = xs_doc_new(&xe);
        ck_assert_ptr_nonnull(doc);
        for (unsigned i = 0; i < per; i++)
            ck_assert_int_eq(xs_doc_add_term(doc, word(first + d * per + i, buf), 6, 1, &xe), 0);
        ck_assert_int_eq(xs_doc_add_term(doc, "personnel", 9, 1, &xe), 0);
        ck_assert_int_eq(xs_spelling_counts_add_doc(counts, doc, &xe), 0);
        ck_assert_int_eq(xs_db_add(db, doc, &xe), 0);
        xs_doc_free(doc);
    }
    ck_assert_int_eq(xs_db_spelling_take(db, counts, &xe), 0);
    xs_spelling_counts_free(counts);
    ck_assert_int_eq(xs_db_commit_holding_spelling(db, &xe), 0);
}

/* What a reader of PATH sees: the mark, and the correction of "persnnel"
 * ("" while the spelling data lacks the word). */
static void seen(const char *path, const char *mark, const char *correction)
{
    xs_error xe;
    xs_db *r = xs_db_open_read(path, &xe);
    ck_assert_msg(r != NULL, "%s", xe.message);
    char *value = NULL, *fix = NULL;
    size_t len = 0;
    ck_assert_int_eq(xs_db_get_metadata(r, XS_SPELLING_BEHIND_KEY, &value, &len, &xe), 0);
    ck_assert_str_eq(value, mark);
    ck_assert_int_eq(xs_db_spelling_suggestion(r, "persnnel", 2, &fix, &xe), 0);
    ck_assert_str_eq(fix, correction);
    free(value);
    free(fix);
    xs_db_close(r, &xe);
}

/* A writer on the database PATH, opened as MODE (xs_write_mode). */
static xs_db *writer(const char *path, unsigned mode)
{
    xs_error xe;
    xs_db *db = xs_db_open_write(path, mode, &xe);
    ck_assert_msg(db != NULL, "%s: %s", path, xe.message);
    return db;
}

START_TEST(held_until_the_close)
{
    xs_error xe;
    const char *path = db_path("held");
    xs_db *db = writer(path, XS_WRITE_CREATE);
    add_and_hold(db, 0, 20, 10);
    seen(path, "1", ""); /* the articles are in, their words held */
    add_and_hold(db, 0, 20, 10);
    seen(path, "1", "");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
    seen(path, "", "personnel");
}
END_TEST

START_TEST(an_explicit_commit_gives_them)
{
    xs_error xe;
    const char *path = db_path("explicit");
    xs_db *db = writer(path, XS_WRITE_CREATE);
    add_and_hold(db, 0, 5, 10);
    seen(path, "1", "");
    ck_assert_int_eq(xs_db_commit(db, &xe), 0);
    seen(path, "", "personnel");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

START_TEST(the_limit_gives_them)
{
    xs_error xe;
    const char *path = db_path("limit");
    xs_db *db = writer(path, XS_WRITE_CREATE | XS_WRITE_NO_SYNC);
    /* one word fewer than the limit is held ... */
    add_and_hold(db, 0, 1, XS_SPELLING_HELD_MAX - 2); /* and "personnel" */
    seen(path, "1", "");
    add_and_hold(db, 0, 1, 0); /* no new word */
    seen(path, "1", "");
    /* ... the limit reached is given */
    add_and_hold(db, XS_SPELLING_HELD_MAX, 1, 1);
    seen(path, "", "personnel");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

START_TEST(a_killed_writer_is_recounted)
{
    xs_error xe;
    const char *path = db_path("killed");
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) { /* commits with words held, then dies without closing */
        xs_db *db = xs_db_open_write(path, XS_WRITE_CREATE, &xe);
        if (!db) _exit(2);
        add_and_hold(db, 0, 30, 10);
        _exit(0);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    seen(path, "1", "");
    xs_db *db = writer(path, XS_WRITE_OPEN); /* recounts */
    seen(path, "", "personnel");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("spelling");
    TCase *tc = tcase_create("held");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, held_until_the_close);
    tcase_add_test(tc, an_explicit_commit_gives_them);
    tcase_add_test(tc, the_limit_gives_them);
    tcase_add_test(tc, a_killed_writer_is_recounted);
    suite_add_tcase(s, tc);
    int status = run_suite(s);
    temp_dir_remove(base_dir);
    return status;
}
