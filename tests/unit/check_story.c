/* check_story.c - story keys sought in parts (xn_story_seek()) give the key
 * one search of every database gives (xn_story_key()), for every way of
 * cutting the databases in two and either part first, on random articles:
 * near and exact copies of a few texts spread over three databases, with
 * story keys of their own, so that equal overlaps in different databases
 * and bands (ties) are common; and a read handle with a writer's session
 * (xn_story_session_note()), or a session alone where the database held
 * nothing before it, finds what the writer's handle finds. A story
 * search finds the same whether the articles keep their id and key in the
 * story record or, as articles indexed before records held them, in their
 * own slots; records read back as written. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "sketch.h"
#include "story.h"
#include "strbuf.h"
#include "xapian_shim.h"
#include "xapian_shim_terms.h"
#include "run_suite.h"
#include "temp_dir.h"

static char base_dir[] = "/tmp/check_story_XXXXXX";

#define N_DBS 3
#define N_TEXTS 4
#define TEXT_WORDS 40
#define VOCABULARY 400

static unsigned long rng = 12345;
static unsigned next_random(unsigned n)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng >> 33) % n);
}

/* TEXT with EDITS of its words replaced by random ones, as hashes. */
static void variant(const unsigned *text, unsigned edits, uint64_t *out)
{
    unsigned words[TEXT_WORDS];
    memcpy(words, text, sizeof words);
    for (unsigned e = 0; e < edits; e++) words[next_random(TEXT_WORDS)] = next_random(VOCABULARY);
    for (unsigned i = 0; i < TEXT_WORDS; i++) {
        char w[16];
        snprintf(w, sizeof w, "w%u", words[i]);
        out[i] = xn_sketch_word_hash(w, strlen(w));
    }
}

/* Stores an article with id ID, story key STORY ("" for none) and sketch S
 * in DB as the indexer does (id slot, story slot, sketch slot, band
 * terms): added, or with REPLACE in place of the one with its id. With
 * RECORD the sketch slot holds the story record (story.h), else the
 * sketch alone (as articles indexed before records). */
static void put_article_as(xs_db *db, const char *id, const char *story, const xn_sketch *s,
                           int replace, int record)
{
    xs_error xe;
    xs_doc *doc = xs_doc_new(&xe);
    ck_assert_ptr_nonnull(doc);
    char term[128];
    snprintf(term, sizeof term, "%s%s", XN_PREFIX_ID, id);
    ck_assert_int_eq(xs_doc_add_term(doc, term, strlen(term), 0, &xe), 0);
    ck_assert_int_eq(xs_doc_set_value(doc, XN_SLOT_ID, id, strlen(id), &xe), 0);
    if (*story) ck_assert_int_eq(xs_doc_set_value(doc, XN_SLOT_STORY, story, strlen(story), &xe), 0);
    xn_strbuf value = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_story_record_encode(s, story, strlen(story), id, strlen(id), &value), 0);
    if (!record) value.len = XN_SKETCH_BYTES;
    if (s->shingles)
        ck_assert_int_eq(xs_doc_set_value(doc, XN_SLOT_SKETCH, value.data, value.len, &xe), 0);
    xn_strbuf_free(&value);
    xn_strbuf band = XN_STRBUF_INIT;
    for (unsigned b = 0; s->shingles && b < XN_SKETCH_BANDS; b++) {
        ck_assert_int_eq(xn_story_band_term(s, b, &band), 0);
        ck_assert_int_eq(xs_doc_add_term(doc, band.data, band.len, 0, &xe), 0);
    }
    xn_strbuf_free(&band);
    if (replace) ck_assert_int_eq(xs_db_replace(db, term, strlen(term), doc, &xe), 0);
    else ck_assert_int_eq(xs_db_add(db, doc, &xe), 0);
    xs_doc_free(doc);
}

static void put_article(xs_db *db, const char *id, const char *story, const xn_sketch *s,
                        int replace)
{
    put_article_as(db, id, story, s, replace, 1);
}

/* The key found searching the entries of DBS in MASK first, then the
 * others (or the reverse with REVERSE). */
static void key_in_parts(xs_db *const *dbs, unsigned mask, int reverse, const xn_sketch *s,
                         const char *id, xn_strbuf *key)
{
    xs_db *first[N_DBS], *second[N_DBS];
    for (unsigned k = 0; k < N_DBS; k++) {
        int in = (mask >> k) & 1;
        first[k] = in != reverse ? dbs[k] : NULL;
        second[k] = in != reverse ? NULL : dbs[k];
    }
    xn_story_nearest n = XN_STORY_NEAREST_INIT;
    xs_error xe;
    xn_story_nearest_reset(&n);
    ck_assert_int_eq(xn_story_seek(first, NULL, N_DBS, s, id, strlen(id), &n, &xe), 0);
    ck_assert_int_eq(xn_story_seek(second, NULL, N_DBS, s, id, strlen(id), &n, &xe), 0);
    ck_assert_int_eq(xn_story_nearest_key(&n, id, strlen(id), key, &xe), 0);
    xn_strbuf_free(&n.key);
}

START_TEST(a_search_in_parts_finds_the_key_of_one_search)
{
    rng = 12345u + (unsigned)_i;
    unsigned texts[N_TEXTS][TEXT_WORDS];
    for (unsigned t = 0; t < N_TEXTS; t++)
        for (unsigned i = 0; i < TEXT_WORDS; i++) texts[t][i] = next_random(VOCABULARY);
    /* DBS hold story records, OLD the same articles with the sketch
     * alone, or, in MIXED, either at random */
    xs_db *dbs[N_DBS], *old[N_DBS], *mixed[N_DBS];
    xs_error xe;
    for (unsigned k = 0; k < N_DBS; k++) {
        char name[32];
        snprintf(name, sizeof name, "r%d-db%u", _i, k);
        dbs[k] = xs_db_open_write(temp_dir_path(base_dir, name), XS_WRITE_OVERWRITE, &xe);
        ck_assert_msg(dbs[k] != NULL, "%s", xe.message);
        snprintf(name, sizeof name, "r%d-old%u", _i, k);
        old[k] = xs_db_open_write(temp_dir_path(base_dir, name), XS_WRITE_OVERWRITE, &xe);
        ck_assert_msg(old[k] != NULL, "%s", xe.message);
        snprintf(name, sizeof name, "r%d-mixed%u", _i, k);
        mixed[k] = xs_db_open_write(temp_dir_path(base_dir, name), XS_WRITE_OVERWRITE, &xe);
        ck_assert_msg(mixed[k] != NULL, "%s", xe.message);
    }
    /* stored: copies (no edits, so exact ties) and near copies of the
     * texts, each in a random database with a random key */
    uint64_t words[TEXT_WORDS];
    xn_sketch s;
    for (unsigned a = 0; a < 60; a++) {
        static const unsigned edits[] = {0, 0, 0, 1, 1, 2, 3, 6};
        variant(texts[next_random(N_TEXTS)], edits[next_random(8)], words);
        xn_sketch_compute(words, TEXT_WORDS, &s);
        char id[32], story[32] = "";
        snprintf(id, sizeof id, "a%u", a);
        unsigned kind = next_random(4);
        if (kind) snprintf(story, sizeof story, "story%u", next_random(kind == 1 ? 3 : 50));
        unsigned k = next_random(N_DBS);
        put_article(dbs[k], id, story, &s, 0);
        put_article_as(old[k], id, story, &s, 0, 0);
        put_article_as(mixed[k], id, story, &s, 0, (int)next_random(2));
    }
    unsigned ties_found = 0;
    xn_strbuf whole = XN_STRBUF_INIT, parts = XN_STRBUF_INIT;
    for (unsigned q = 0; q < 40; q++) {
        variant(texts[next_random(N_TEXTS)], next_random(3), words);
        xn_sketch_compute(words, TEXT_WORDS, &s);
        /* the query is sometimes a stored article itself, to be skipped */
        char id[32];
        snprintf(id, sizeof id, q % 4 ? "new%u" : "a%u", q % 4 ? q : next_random(60));
        ck_assert_int_eq(xn_story_key(dbs, N_DBS, &s, id, strlen(id), &whole, &xe), 0);
        xs_db *const *other[] = {old, mixed};
        for (unsigned o = 0; o < 2; o++) {
            ck_assert_int_eq(xn_story_key(other[o], N_DBS, &s, id, strlen(id), &parts, &xe), 0);
            ck_assert_msg(strcmp(whole.data, parts.data) == 0,
                          "query %u: key '%s' from records, '%s' from %s", q, whole.data,
                          parts.data, o ? "some records" : "sketches alone");
        }
        for (unsigned mask = 0; mask < (1u << N_DBS); mask++)
            for (int reverse = 0; reverse < 2; reverse++) {
                key_in_parts(dbs, mask, reverse, &s, id, &parts);
                ck_assert_msg(strcmp(whole.data, parts.data) == 0,
                              "query %u, databases %#x %s: key '%s', one search '%s'", q, mask,
                              reverse ? "second" : "first", parts.data, whole.data);
            }
        /* a tie: one database alone finds another key than all of them */
        for (unsigned k = 0; k < N_DBS; k++) {
            key_in_parts(dbs, 1u << k, 0, &s, id, &parts);
            xs_db *one[N_DBS] = {NULL};
            one[k] = dbs[k];
            xn_strbuf alone = XN_STRBUF_INIT;
            xn_story_nearest n = XN_STORY_NEAREST_INIT;
            ck_assert_int_eq(xn_story_seek(one, NULL, N_DBS, &s, id, strlen(id), &n, &xe), 0);
            ck_assert_int_eq(xn_story_nearest_key(&n, id, strlen(id), &alone, &xe), 0);
            ties_found += n.overlap >= 1.0 && strcmp(alone.data, whole.data) != 0;
            xn_strbuf_free(&alone);
            xn_strbuf_free(&n.key);
        }
    }
    /* the random articles hold ties for the order to decide */
    ck_assert_uint_gt(ties_found, 0);
    xn_strbuf_free(&whole);
    xn_strbuf_free(&parts);
    for (unsigned k = 0; k < N_DBS; k++) {
        ck_assert_int_eq(xs_db_close(dbs[k], &xe), 0);
        ck_assert_int_eq(xs_db_close(old[k], &xe), 0);
        ck_assert_int_eq(xs_db_close(mixed[k], &xe), 0);
    }
}
END_TEST

/* A record reads back as written, for keys and ids of any length; a key
 * too long for its 2 bytes leaves the sketch alone; a sketch alone, a
 * record cut short and bytes too few for a sketch read as such. */
START_TEST(story_records_read_back_as_written)
{
    rng = 4242;
    uint64_t words[TEXT_WORDS];
    unsigned text[TEXT_WORDS];
    for (unsigned i = 0; i < TEXT_WORDS; i++) text[i] = next_random(VOCABULARY);
    variant(text, 0, words);
    xn_sketch s, back;
    xn_sketch_compute(words, TEXT_WORDS, &s);
    static const size_t lens[] = {0, 1, 2, 255, 256, 65535, 65536, 70000};
    /* keys and ids start at offsets up to 7 into BIG */
    enum { BIG = 70000 + 8 };
    char *big = malloc(BIG);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < BIG; i++) big[i] = (char)next_random(256); /* NULs too */
    xn_strbuf v = XN_STRBUF_INIT;
    const char *key, *id;
    size_t key_len, id_len;
    for (size_t a = 0; a < sizeof lens / sizeof lens[0]; a++)
        for (size_t b = 0; b < sizeof lens / sizeof lens[0]; b++) {
            const char *k = big + a, *i = big + b; /* different bytes */
            ck_assert_int_eq(xn_story_record_encode(&s, k, lens[a], i, lens[b], &v), 0);
            int whole = lens[a] <= 65535;
            ck_assert_uint_eq(v.len, XN_SKETCH_BYTES + (whole ? 2 + lens[a] + lens[b] : 0));
            ck_assert_int_eq(xn_story_record_decode(v.data, v.len, &back, &key, &key_len, &id,
                                                    &id_len),
                             whole);
            ck_assert_mem_eq(back.h, s.h, sizeof s.h);
            if (!whole) {
                ck_assert_ptr_null(key);
                ck_assert_ptr_null(id);
                continue;
            }
            ck_assert_uint_eq(key_len, lens[a]);
            ck_assert_uint_eq(id_len, lens[b]);
            ck_assert(memcmp(key, k, key_len) == 0 && memcmp(id, i, id_len) == 0);
        }
    ck_assert_int_eq(xn_story_record_encode(&s, "d1", 2, "d2", 2, &v), 0);
    /* the sketch alone; a key length past the end; a sketch cut short */
    ck_assert_int_eq(xn_story_record_decode(v.data, XN_SKETCH_BYTES, &back, &key, &key_len, &id,
                                            &id_len),
                     0);
    ck_assert_mem_eq(back.h, s.h, sizeof s.h);
    ck_assert_int_eq(xn_story_record_decode(v.data, XN_SKETCH_BYTES + 3, &back, &key, &key_len,
                                            &id, &id_len),
                     0);
    ck_assert_ptr_null(key);
    ck_assert_int_eq(xn_story_record_decode(v.data, XN_SKETCH_BYTES - 1, &back, &key, &key_len,
                                            &id, &id_len),
                     -1);
    ck_assert_uint_eq(back.shingles, 0);
    ck_assert_int_eq(xn_story_record_decode("", 0, &back, &key, &key_len, &id, &id_len), -1);
    xn_strbuf_free(&v);
    free(big);
}
END_TEST

/* A writer's session: a read handle opened before the writer stores more,
 * with the articles noted as the writer stores them, finds for every next
 * article the key the writer's own handle finds. The articles: many exact
 * copies of one text (bands held by more documents than a search reads),
 * near copies of others (more in the session than a search reads, in
 * some runs), articles stored before the session and stored
 * again, ids stored twice in the session, and an empty sketch; the writer
 * commits now and then, so the read handle falls behind and is reopened. */
START_TEST(a_session_sees_what_the_writer_sees)
{
    rng = 999u + (unsigned)_i;
    unsigned texts[N_TEXTS][TEXT_WORDS];
    for (unsigned t = 0; t < N_TEXTS; t++)
        for (unsigned i = 0; i < TEXT_WORDS; i++) texts[t][i] = next_random(VOCABULARY);
    char name[32];
    snprintf(name, sizeof name, "s%d.db", _i);
    const char *path = temp_dir_path(base_dir, name);
    xs_error xe;
    xs_db *w = xs_db_open_write(path, XS_WRITE_OVERWRITE, &xe);
    ck_assert_msg(w != NULL, "%s", xe.message);
    uint64_t words[TEXT_WORDS];
    xn_sketch s;
    xn_strbuf key = XN_STRBUF_INIT, seen = XN_STRBUF_INIT;
    /* before the session: 90 copies of text 0 (or 5, so that the session's
     * own copies outnumber what a search reads), near copies of the others;
     * or nothing, and the session is searched without a read handle (a
     * database the writer found empty) */
    unsigned copies = _i % 2 ? 5 : 90, before = _i >= 4 ? 0 : 150;
    for (unsigned a = 0; a < before; a++) {
        variant(texts[a < copies ? 0 : next_random(N_TEXTS)], a < copies ? 0 : next_random(4),
                words);
        xn_sketch_compute(words, TEXT_WORDS, &s);
        /* keys of their own, so that which copy is found first shows */
        char id[32], story[32];
        snprintf(id, sizeof id, "old%u", a);
        snprintf(story, sizeof story, "k%u", next_random(1000));
        put_article(w, id, story, &s, 1);
    }
    ck_assert_int_eq(xs_db_commit(w, &xe), 0);
    xs_db *peer = xs_db_open_read(path, &xe), *searched = before ? peer : NULL;
    ck_assert_msg(peer != NULL, "%s", xe.message);
    unsigned last = 0;
    ck_assert_int_eq(xs_db_lastdocid(w, &last, &xe), 0);
    xn_story_session *ss = xn_story_session_new(last);
    ck_assert_ptr_nonnull(ss);
    xn_story_nearest n = XN_STORY_NEAREST_INIT;
    for (unsigned q = 0; q < 320; q++) {
        unsigned kind = next_random(6);
        char id[32];
        /* stored again: often one of the first copies of text 0 (found
         * first), now with another text */
        if (kind == 0) snprintf(id, sizeof id, "old%u", next_random(2) ? next_random(4) : next_random(150));
        else if (kind == 1) snprintf(id, sizeof id, "new%u", next_random(q + 1));
        else snprintf(id, sizeof id, "new%u", q);
        unsigned words_n = next_random(40) ? TEXT_WORDS : 2; /* 2 words: no shingles */
        unsigned text = kind <= 1 && next_random(2) ? 1 + next_random(N_TEXTS - 1)
                        : next_random(3)            ? 0
                                                    : next_random(N_TEXTS);
        variant(texts[text], next_random(3), words);
        xn_sketch_compute(words, words_n, &s);
        /* the writer's own handle */
        ck_assert_int_eq(xn_story_key(&w, 1, &s, id, strlen(id), &key, &xe), 0);
        /* the read handle with the session */
        xn_story_nearest_reset(&n);
        ck_assert_int_eq(xn_story_seek(&searched, &ss, 1, &s, id, strlen(id), &n, &xe), 0);
        ck_assert_int_eq(xn_story_nearest_key(&n, id, strlen(id), &seen, &xe), 0);
        ck_assert_msg(strcmp(key.data, seen.data) == 0, "article %u (%s): session '%s', writer '%s'",
                      q, id, seen.data, key.data);
        /* noted where the writer stores it */
        unsigned docid = xn_story_session_docid(ss, id, strlen(id));
        if (!docid) {
            char term[64];
            snprintf(term, sizeof term, "%s%s", XN_PREFIX_ID, id);
            unsigned found[2];
            size_t nf = 0;
            ck_assert_int_eq(xs_term_docs(peer, term, strlen(term), found, 2, &nf, &xe), 0);
            docid = nf ? found[0] : 0;
        }
        ck_assert_int_eq(xn_story_session_note(ss, docid, id, strlen(id), key.data, key.len, &s),
                         0);
        put_article(w, id, key.data, &s, 1);
        if (next_random(10) == 0) ck_assert_int_eq(xs_db_commit(w, &xe), 0);
    }
    xn_strbuf_free(&n.key);
    xn_strbuf_free(&key);
    xn_strbuf_free(&seen);
    xn_story_session_free(ss);
    ck_assert_int_eq(xs_db_close(peer, &xe), 0);
    ck_assert_int_eq(xs_db_close(w, &xe), 0);
}
END_TEST

/* The key a search of session SS alone (no read handle) finds for an
 * article with sketch S. */
static void session_key(xn_story_session *ss, const xn_sketch *s, xn_strbuf *key)
{
    xs_db *none = NULL;
    xn_story_nearest n = XN_STORY_NEAREST_INIT;
    xs_error xe;
    ck_assert_int_eq(xn_story_seek(&none, &ss, 1, s, "query", 5, &n, &xe), 0);
    ck_assert_int_eq(xn_story_nearest_key(&n, "query", 5, key, &xe), 0);
    xn_strbuf_free(&n.key);
}

START_TEST(a_session_finds_copies_in_docid_order)
{
    /* copies of one text, noted out of docid order: stored again at the
     * docids 5, 3 and 7 of a database whose last docid was 10, and new
     * at 11; a search finds the lowest docid first, as the writer's
     * handle does, and no longer an article noted again with another text */
    uint64_t words[TEXT_WORDS];
    unsigned text[TEXT_WORDS], other[TEXT_WORDS];
    rng = 4242;
    for (unsigned i = 0; i < TEXT_WORDS; i++) {
        text[i] = next_random(VOCABULARY);
        other[i] = VOCABULARY + next_random(VOCABULARY);
    }
    xn_sketch s, t;
    variant(text, 0, words);
    xn_sketch_compute(words, TEXT_WORDS, &s);
    variant(other, 0, words);
    xn_sketch_compute(words, TEXT_WORDS, &t);
    xn_story_session *ss = xn_story_session_new(10);
    ck_assert_ptr_nonnull(ss);
    xn_strbuf key = XN_STRBUF_INIT;
    session_key(ss, &s, &key);
    ck_assert_str_eq(key.data, "query");
    static const struct { unsigned docid; const char *id, *key; } notes[] = {
        {5, "x5", "k5"}, {0, "n11", "k11"}, {3, "x3", "k3"}, {7, "x7", "k7"}};
    for (unsigned i = 0; i < 4; i++)
        ck_assert_int_eq(xn_story_session_note(ss, notes[i].docid, notes[i].id,
                                               strlen(notes[i].id), notes[i].key,
                                               strlen(notes[i].key), &s), 0);
    ck_assert_uint_eq(xn_story_session_docid(ss, "n11", 3), 11);
    static const char *const found_after[] = {"k3", "k5", "k7", "k11"};
    static const char *const noted_again[] = {"x3", "x5", "x7"};
    for (unsigned i = 0; i < 4; i++) {
        session_key(ss, &s, &key);
        ck_assert_msg(strcmp(key.data, found_after[i]) == 0, "after %u noted again: '%s', not '%s'",
                      i, key.data, found_after[i]);
        if (i < 3)
            ck_assert_int_eq(xn_story_session_note(ss, 0, noted_again[i], 2, "kt", 2, &t), 0);
    }
    /* noted again with the text back, in place: found first once more */
    ck_assert_int_eq(xn_story_session_note(ss, 0, "x5", 2, "k5b", 3, &s), 0);
    session_key(ss, &s, &key);
    ck_assert_str_eq(key.data, "k5b");
    ck_assert_uint_eq(xn_story_session_size(ss), 4);
    xn_strbuf_free(&key);
    xn_story_session_free(ss);
}
END_TEST

int main(void)
{
    temp_dir_make(base_dir);
    Suite *s = suite_create("story");
    TCase *tc = tcase_create("parts");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, a_search_in_parts_finds_the_key_of_one_search, 0, 6);
    tcase_add_loop_test(tc, a_session_sees_what_the_writer_sees, 0, 6);
    tcase_add_test(tc, story_records_read_back_as_written);
    tcase_add_test(tc, a_session_finds_copies_in_docid_order);
    suite_add_tcase(s, tc);
    int status = run_suite(s);
    if (!getenv("KEEP")) temp_dir_remove(base_dir);
    return status;
}
