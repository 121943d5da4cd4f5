/* check_spelling.c - the spelling data a writer holds back at its batch
 * commits: the mark it leaves meanwhile, the close that gives the words,
 * the limit past which a commit gives them anyway, and the recount a
 * writer opened on a marked database makes; each for a database written
 * before (words counted per document) and a new one (counted from the
 * vocabulary at the first commit of the caller's or the close). */
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
 * counting their spelling words as a writer does (when DB counts per
 * document); then commits through xs_db_commit_holding_spelling(). */
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
        if (xs_db_spelling_per_document(db)) /* as a writer does */
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

/* A writer on the database NAME (_i of the loop: 0 new, 1 written before:
 * one document of the word "qzseed" closed in it), which counts the
 * spelling words of each document exactly when written before. */
static xs_db *writer_of_kind(const char *name, int written_before, const char **path)
{
    xs_error xe;
    char full[64];
    snprintf(full, sizeof full, "%s-%d", name, written_before);
    *path = db_path(full);
    if (written_before) {
        xs_db *db = writer(*path, XS_WRITE_CREATE);
        xs_doc *doc = xs_doc_new(&xe);
        ck_assert_ptr_nonnull(doc);
        ck_assert_int_eq(xs_doc_add_term(doc, "qzseed", 6, 1, &xe), 0);
        ck_assert_int_eq(xs_db_add(db, doc, &xe), 0);
        xs_doc_free(doc);
        ck_assert_int_eq(xs_db_close(db, &xe), 0);
    }
    xs_db *db = writer(*path, XS_WRITE_CREATE);
    ck_assert_int_eq(xs_db_spelling_per_document(db), written_before);
    return db;
}

START_TEST(held_until_the_close)
{
    xs_error xe;
    const char *path;
    xs_db *db = writer_of_kind("held", _i, &path);
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
    const char *path;
    xs_db *db = writer_of_kind("explicit", _i, &path);
    add_and_hold(db, 0, 5, 10);
    seen(path, "1", "");
    ck_assert_int_eq(xs_db_commit(db, &xe), 0);
    seen(path, "", "personnel");
    /* after it, a new database's writer counts per document too */
    ck_assert_int_eq(xs_db_spelling_per_document(db), 1);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

START_TEST(the_limit_gives_them)
{
    xs_error xe;
    const char *path;
    xs_db *db = writer_of_kind("limit", 1, &path);
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
    const char *path;
    xs_db *db = writer_of_kind("killed", _i, &path);
    ck_assert_int_eq(xs_db_close(db, &xe), 0); /* a new database stays empty */
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) { /* commits with words held, then dies without closing */
        db = xs_db_open_write(path, XS_WRITE_OPEN, &xe);
        if (!db || xs_db_spelling_per_document(db) != _i) _exit(2);
        add_and_hold(db, 0, 30, 10);
        _exit(0);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    seen(path, "1", "");
    db = writer(path, XS_WRITE_OPEN); /* recounts */
    seen(path, "", "personnel");
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}
END_TEST

/* The words of the property below: spelling words, and terms that are
 * none (a capital prefix, a digit, one letter, a capital). */
static const char *const vocabulary[] = {
    "qzseed", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
    "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar",
    "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
    "xray", "yankee", "zulu", "\xce\xb1\xce\xb2\xce\xb3", "ZSalpha", "XOtango", "12ab", "a",
    "Alpha", "bravo7",
};
#define N_VOCABULARY (sizeof vocabulary / sizeof *vocabulary)
#define N_IDS 40
#define N_SPELLING 28 /* the first 28 are spelling words */

/* Property: whatever a writer does (documents added and replaced under
 * ids given again, batch commits, the caller's commits, anywhere), the
 * spelling data it leaves holds each spelling word of its documents with
 * the number of them holding it, and nothing else: for a new database
 * (counted from the vocabulary) and one written before (per document)
 * alike. The oracle is the test's own record of each id's words. */
START_TEST(always_the_documents_words)
{
    xs_error xe;
    for (unsigned seed = 1; seed <= 12; seed++) {
        char name[32];
        snprintf(name, sizeof name, "property%u", seed);
        const char *path;
        xs_db *db = writer_of_kind(name, _i, &path);
        unsigned long held[N_IDS] = {0}; /* each id's words, a bit each; 0: none */
        srand(seed);
        for (unsigned op = 0; op < 200; op++) {
            int r = rand() % 20;
            if (r == 0) {
                ck_assert_int_eq(xs_db_commit(db, &xe), 0);
                continue;
            }
            if (r == 1) {
                ck_assert_int_eq(xs_db_commit_holding_spelling(db, &xe), 0);
                continue;
            }
            unsigned id = (unsigned)rand() % N_IDS;
            unsigned long words = 0;
            while (!words) words = (unsigned long)rand() & ((1ul << N_VOCABULARY) - 1);
            xs_doc *doc = xs_doc_new(&xe);
            ck_assert_ptr_nonnull(doc);
            char term[16];
            int term_len = snprintf(term, sizeof term, "Qid%u", id);
            ck_assert_int_eq(xs_doc_add_term(doc, term, (size_t)term_len, 0, &xe), 0);
            for (unsigned w = 0; w < N_VOCABULARY; w++)
                if (words >> w & 1)
                    ck_assert_int_eq(xs_doc_add_term(doc, vocabulary[w], strlen(vocabulary[w]),
                                                     1, &xe), 0);
            xs_spelling_counts *counts = xs_spelling_counts_new();
            ck_assert_ptr_nonnull(counts);
            if (xs_db_spelling_per_document(db))
                ck_assert_int_eq(xs_spelling_counts_add_doc(counts, doc, &xe), 0);
            char *old = NULL;
            size_t old_len = 0;
            ck_assert_int_eq(xs_db_replace_counted(db, term, (size_t)term_len, doc, 0, &old,
                                                   &old_len, &xe), 0);
            free(old);
            ck_assert_int_eq(xs_db_spelling_take(db, counts, &xe), 0);
            xs_spelling_counts_free(counts);
            xs_doc_free(doc);
            held[id] = words;
        }
        ck_assert_int_eq(xs_db_close(db, &xe), 0);
        xs_db *reader = xs_db_open_read(path, &xe);
        ck_assert_msg(reader != NULL, "%s", xe.message);
        for (unsigned w = 0; w < N_VOCABULARY; w++) {
            unsigned long want = w == 0 && _i; /* the document written before */
            for (unsigned id = 0; id < N_IDS; id++) want += held[id] >> w & 1;
            if (w >= N_SPELLING) want = 0;
            unsigned long have = 99;
            ck_assert_int_eq(xs_db_spelling_frequency(reader, vocabulary[w], &have, &xe), 0);
            ck_assert_msg(have == want, "seed %u, %s: %lu in the spelling data, %lu documents",
                          seed, vocabulary[w], have, want);
        }
        xs_db_close(reader, &xe);
    }
}
END_TEST

START_TEST(a_reader_counts_nothing)
{
    xs_error xe;
    const char *path;
    xs_db *db = writer_of_kind("reader", 1, &path);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
    xs_db *r = xs_db_open_read(path, &xe);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(xs_db_spelling_per_document(r), 0);
    xs_db_close(r, &xe);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("spelling");
    TCase *tc = tcase_create("held");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, held_until_the_close, 0, 2);
    tcase_add_loop_test(tc, an_explicit_commit_gives_them, 0, 2);
    tcase_add_test(tc, the_limit_gives_them);
    tcase_add_loop_test(tc, a_killed_writer_is_recounted, 0, 2);
    tcase_add_loop_test(tc, always_the_documents_words, 0, 2);
    tcase_add_test(tc, a_reader_counts_nothing);
    suite_add_tcase(s, tc);
    int status = run_suite(s);
    temp_dir_remove(base_dir);
    return status;
}
