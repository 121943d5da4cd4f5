/* check_stub.c - walking the databases a Xapian stub file lists: kinds of
 * lines, relative and nested stubs, and the exact errors of bad ones. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_suite.h"
#include "strbuf.h"
#include "stub.h"

static char dir[] = "/tmp/check_stub_XXXXXX";

static const char *at(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* Creates the database NAME (under the test folder) whose metadata "who"
 * is WHO. */
static void make_db(const char *name, const char *who)
{
    xs_error xe;
    xs_db *db = xs_db_open_write(at(name), XS_WRITE_CREATE, &xe);
    ck_assert_msg(db != NULL, "%s", xe.message);
    ck_assert_int_eq(xs_db_set_metadata(db, "who", who, strlen(who), &xe), 0);
    ck_assert_int_eq(xs_db_close(db, &xe), 0);
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

typedef struct {
    xn_strbuf seen; /* "who@where " per database */
    int stop_at;    /* fail on this call (1-based), 0: never */
    int calls;
} visits;

static xapnews_status_t note(void *vctx, xs_db *db, const char *where, xn_error *err)
{
    visits *v = vctx;
    if (++v->calls == v->stop_at)
        return xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT, "stop at %s", where);
    char *who = NULL;
    size_t len = 0;
    xs_error xe;
    ck_assert_int_eq(xs_db_get_metadata(db, "who", &who, &len, &xe), 0);
    const char *base = strrchr(where, '/');
    xn_strbuf_printf(&v->seen, "%s@%s ", who, base ? base + 1 : where);
    free(who);
    return XAPNEWS_STATUS_SUCCESS;
}

/* Walks PATH; returns the status, *N and the visits in V. */
static xapnews_status_t walk_it(const char *path, visits *v, unsigned *n, xn_error *err)
{
    xn_strbuf_reset(&v->seen);
    v->calls = 0;
    xn_error_clear(err);
    return xn_stub_each(path, note, v, n, err);
}

static void setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    make_db("a", "A");
    make_db("b", "B");
    make_db("c", "C");
    ck_assert_int_eq(mkdir(at("sharded"), 0777), 0);
    make_db("sharded/shard-000", "S0");
    make_db("sharded/shard-001", "S1");
    write_file("sharded/XAPIANDB", "auto shard-000\nauto shard-001\n");
}

static void teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/check_stub_XXXXXX");
}

START_TEST(not_a_stub_visits_nothing)
{
    visits v = {XN_STRBUF_INIT, 0, 0};
    xn_error err;
    unsigned n = 9;
    ck_assert_int_eq(walk_it(at("a"), &v, &n, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(v.calls, 0);
    ck_assert_int_eq(walk_it(at("missing"), &v, &n, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(n, 0);
    xn_strbuf_free(&v.seen);
}
END_TEST

START_TEST(every_kind_of_line_in_order)
{
    write_file("inner.stub", "glass b\n");
    char text[1024];
    snprintf(text, sizeof text,
             "# news shards\n"
             "auto a\r\n"
             "\n"
             "   inmemory\n"
             "auto inner.stub\n"
             "chert\t%s\n"
             "auto sharded\n",
             at("c"));
    write_file("all.stub", text);
    visits v = {XN_STRBUF_INIT, 0, 0};
    xn_error err;
    unsigned n = 0;
    ck_assert_int_eq(walk_it(at("all.stub"), &v, &n, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(v.seen.data, "A@all.stub:2 B@inner.stub:1 C@all.stub:6 "
                                  "S0@XAPIANDB:1 S1@XAPIANDB:2 ");
    /* a sharded folder is its stub */
    ck_assert_int_eq(walk_it(at("sharded"), &v, &n, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(v.seen.data, "S0@XAPIANDB:1 S1@XAPIANDB:2 ");
    xn_strbuf_free(&v.seen);
}
END_TEST

START_TEST(bad_lines_name_their_line)
{
    visits v = {XN_STRBUF_INIT, 0, 0};
    xn_error err;
    unsigned n = 0;
    write_file("kind.stub", "auto a\nflint b\nauto c\n");
    ck_assert_int_eq(walk_it(at("kind.stub"), &v, &n, &err), XAPNEWS_STATUS_DATABASE_CORRUPT);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:2: not a database line (expected 'auto PATH', 'glass PATH', 'chert PATH', "
             "'remote HOST:PORT', 'remote :PROGRAM ARGS' or 'inmemory')",
             at("kind.stub"));
    ck_assert_str_eq(err.message, want);
    ck_assert_str_eq(v.seen.data, "A@kind.stub:1 "); /* what came before was read */

    write_file("empty.stub", "auto\n");
    ck_assert_int_eq(walk_it(at("empty.stub"), &v, &n, &err), XAPNEWS_STATUS_DATABASE_CORRUPT);

    write_file("remote.stub", "remote 127.0.0.1\n");
    ck_assert_int_eq(walk_it(at("remote.stub"), &v, &n, &err), XAPNEWS_STATUS_DATABASE_CORRUPT);
    snprintf(want, sizeof want, "%s:1: remote: expected HOST:PORT or :PROGRAM ARGS",
             at("remote.stub"));
    ck_assert_str_eq(err.message, want);

    write_file("gone.stub", "auto a\nauto nothing-here\n");
    ck_assert_int_eq(walk_it(at("gone.stub"), &v, &n, &err), XAPNEWS_STATUS_DATABASE_NOT_FOUND);
    snprintf(want, sizeof want, "%s:2: ", at("gone.stub"));
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);

    write_file("loop.stub", "auto loop.stub\n");
    ck_assert_int_eq(walk_it(at("loop.stub"), &v, &n, &err), XAPNEWS_STATUS_DATABASE_CORRUPT);
    snprintf(want, sizeof want, "%s:1: stub files nested more than 8 deep", at("loop.stub"));
    ck_assert_str_eq(err.message, want);
    xn_strbuf_free(&v.seen);
}
END_TEST

START_TEST(the_callback_can_stop_the_walk)
{
    write_file("two.stub", "auto a\nauto b\nauto c\n");
    visits v = {XN_STRBUF_INIT, 2, 0};
    xn_error err;
    unsigned n = 0;
    ck_assert_int_eq(walk_it(at("two.stub"), &v, &n, &err), XAPNEWS_STATUS_BAD_INPUT);
    ck_assert_int_eq(v.calls, 2);
    char want[600];
    snprintf(want, sizeof want, "stop at %s:2", at("two.stub"));
    ck_assert_str_eq(err.message, want);
    xn_strbuf_free(&v.seen);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stub");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, not_a_stub_visits_nothing);
    tcase_add_test(tc, every_kind_of_line_in_order);
    tcase_add_test(tc, bad_lines_name_their_line);
    tcase_add_test(tc, the_callback_can_stop_the_walk);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
