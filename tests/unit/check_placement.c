/* check_placement.c - where the writers of a sharded database put
 * articles: an article stored stays in its shard; a new one goes to the
 * emptiest shard in an append by one writer, and by the hash of its id in
 * a build or with parallel jobs. Random sessions of every kind over one
 * database, checked after each against what was added. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run_suite.h"
#include "schema.h"
#include "shards.h"
#include "xapian_shim.h"
#include "xapnews.h"

#define SHARDS 3
#define UNIVERSE 60

static char tmpdir[] = "/tmp/check_placement.XXXXXX";

/* The name only article I mentions, in mid-sentence: the name lexicon
 * counts it in the shard that holds the article. */
static void name_of(unsigned i, char *out, size_t cap)
{
    snprintf(out, cap, "Zed%c%c", 'a' + (int)(i % 26), 'a' + (int)(i / 26));
}

static void add(xapnews_writer_t *w, const char *id, unsigned i, unsigned session)
{
    char body[96], name[16];
    name_of(i, name, sizeof name);
    snprintf(body, sizeof body, "report %u of the talks with %s and others", session, name);
    xapnews_article_t *a;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, id, strlen(id)), 0);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, body, strlen(body)), 0);
    ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
    xapnews_article_destroy(a);
}

/* The name lexicon's count of NAME (folded) in shard S of PATH. */
static long lexicon_count(const char *path, unsigned s, const char *name)
{
    char shard[256], key[64];
    xn_shard_path(path, s, shard, sizeof shard);
    snprintf(key, sizeof key, "xapnews:lexicon:%s", name);
    for (char *k = key; *k; k++)
        if (*k >= 'A' && *k <= 'Z') *k = (char)(*k + 32);
    xs_error xe;
    xs_db *db = xs_db_open_read(shard, &xe);
    ck_assert_msg(db != NULL, "%s: %s", shard, xe.message);
    char *value = NULL;
    size_t len = 0;
    ck_assert_int_eq(xs_db_get_metadata(db, key, &value, &len, &xe), 0);
    long n = value && len ? strtol(value, NULL, 10) : 0;
    free(value);
    xs_db_close(db, &xe);
    return n;
}

/* How many articles shard S of PATH holds with id ID (or with the term
 * TERM; with neither, all it holds). */
static unsigned long in_shard(const char *path, unsigned s, const char *id, const char *term)
{
    char shard[256], t[128];
    xn_shard_path(path, s, shard, sizeof shard);
    if (id) snprintf(t, sizeof t, "%s%s", XN_PREFIX_ID, id);
    else if (term) snprintf(t, sizeof t, "%s", term);
    xs_error xe;
    xs_db *db = xs_db_open_read(shard, &xe);
    ck_assert_msg(db != NULL, "%s: %s", shard, xe.message);
    unsigned long n = 0;
    if (id || term) ck_assert_int_eq(xs_db_termfreq(db, t, strlen(t), &n, &xe), 0);
    else ck_assert_int_eq(xs_db_doccount(db, &n, &xe), 0);
    xs_db_close(db, &xe);
    return n;
}

static void id_of(unsigned i, char *out, size_t cap) { snprintf(out, cap, "story-%u", i); }

START_TEST(articles_stay_put_and_new_ones_go_where_the_session_says)
{
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char path[128];
    snprintf(path, sizeof path, "%s/db", tmpdir);
    ck_assert_int_eq(xapnews_shards_create(path, SHARDS, NULL), XAPNEWS_STATUS_SUCCESS);

    int home[UNIVERSE];          /* the shard holding each id, -1: none */
    for (int i = 0; i < UNIVERSE; i++) home[i] = -1;
    srand(7);
    char id[32];
    for (unsigned session = 1; session <= 14; session++) {
        /* kind 0: one writer of every shard; 1: two jobs; 2: three jobs */
        unsigned kind = session == 1 ? 0 : (unsigned)rand() % 3;
        unsigned njobs = kind == 0 ? 1 : kind + 1;
        unsigned long before[SHARDS], held = 0;
        unsigned fewest = 0;
        for (unsigned s = 0; s < SHARDS; s++) {
            before[s] = in_shard(path, s, NULL, NULL);
            held += before[s];
            if (before[s] < before[fewest]) fewest = s;
        }
        xapnews_writer_t *w[3];
        for (unsigned j = 0; j < njobs; j++) {
            char *err = NULL;
            ck_assert_int_eq(njobs == 1 ? xapnews_writer_open(path, &w[j], &err)
                                        : xapnews_writer_open_shards(path, j, njobs, &w[j], &err),
                             XAPNEWS_STATUS_SUCCESS);
            /* small batches: the jobs commit while the others run */
            ck_assert_int_eq(xapnews_writer_set_batch_size(w[j], 3), XAPNEWS_STATUS_SUCCESS);
            /* every other session stores on a second thread */
            if (session % 2)
                ck_assert_int_eq(xapnews_writer_set_threads(w[j], 2), XAPNEWS_STATUS_SUCCESS);
        }
        unsigned n = 5 + (unsigned)rand() % 15;
        for (unsigned k = 0; k < n; k++) {
            unsigned i = (unsigned)rand() % UNIVERSE;
            id_of(i, id, sizeof id);
            unsigned owners = 0;
            for (unsigned j = 0; j < njobs; j++) {
                owners += xapnews_writer_owns(w[j], id) ? 1 : 0;
                add(w[j], id, i, session);
            }
            ck_assert_msg(owners == 1, "session %u: %u jobs own %s", session, owners, id);
            if (home[i] >= 0) continue;
            /* new: the emptiest shard in an append, else the hash's */
            home[i] = njobs == 1 && held ? (int)fewest
                                         : (int)xn_shard_of(id, strlen(id), SHARDS);
        }
        for (unsigned j = 0; j < njobs; j++)
            ck_assert_int_eq(xapnews_writer_close(w[j], NULL), XAPNEWS_STATUS_SUCCESS);

        unsigned long total = 0, stored = 0;
        for (unsigned s = 0; s < SHARDS; s++) total += in_shard(path, s, NULL, NULL);
        for (int i = 0; i < UNIVERSE; i++) {
            if (home[i] < 0) continue;
            stored++;
            id_of((unsigned)i, id, sizeof id);
            char name[16];
            name_of((unsigned)i, name, sizeof name);
            for (unsigned s = 0; s < SHARDS; s++) {
                ck_assert_msg(in_shard(path, s, id, NULL) == ((int)s == home[i]),
                              "session %u: %s in shard %u, expected only in %d", session, id,
                              s, home[i]);
                ck_assert_msg(lexicon_count(path, s, name) == ((int)s == home[i]),
                              "session %u: %s counted %ld times in shard %u (its shard: %d)",
                              session, name, lexicon_count(path, s, name), s, home[i]);
            }
        }
        ck_assert_uint_eq(total, stored);
    }

    /* an id too long to store: a job's writer answers whether it owns it
     * without looking it up, and refuses it when it is added */
    char long_id[301];
    memset(long_id, 'x', 300);
    long_id[300] = '\0';
    xapnews_writer_t *job;
    ck_assert_int_eq(xapnews_writer_open_shards(path, 0, 2, &job, NULL), XAPNEWS_STATUS_SUCCESS);
    int owned = xapnews_writer_owns(job, long_id);
    ck_assert(owned == 0 || owned == 1);
    xapnews_article_t *a;
    ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, long_id, 300), 0);
    ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, "talks", 5), 0);
    ck_assert_int_eq(xapnews_writer_add(job, a), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_str_eq(xapnews_writer_last_error(job), "article id is 300 bytes long; the limit is 240");
    xapnews_article_destroy(a);
    ck_assert_int_eq(xapnews_writer_close(job, NULL), XAPNEWS_STATUS_SUCCESS);

    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("placement");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, articles_stay_put_and_new_ones_go_where_the_session_says);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
