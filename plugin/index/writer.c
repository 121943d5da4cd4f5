/* writer.c - xapnews_writer_t: turns articles into Xapian documents.
 *
 * The terms, values and data follow schema.h (documented in
 * schemas/index.schema). Every word goes through the one tokeniser.
 */
#include "acronyms.h"
#include "terms.h"
#include "article.h"
#include "date.h"
#include "docdata.h"
#include "error.h"
#include "fields.h"
#include "lexicon.h"
#include "schema.h"
#include "settings.h"
#include "shards.h"
#include "slug.h"
#include "slugset.h"
#include "stemmer.h"
#include "strbuf.h"
#include "tables.h"
#include "tokenizer.h"
#include "xapian_shim_spelling.h"
#include "xapian_shim_terms.h"
#include "xapnews.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "pipeline.h"
#include "sketch.h"
#include "story.h"

#define WRITER_FLAGS ((unsigned)(XAPNEWS_WRITER_REINDEX | XAPNEWS_WRITER_NO_SYNC))
#define DEFAULT_BATCH 1000
#define AUTO_BATCH_SHARE 50   /* the automatic batch: a fiftieth of the articles */
#define AUTO_BATCH_MAX 10000  /* at most (Xapian's own flush threshold) */
#define MAX_ID_BYTES 240 /* Xapian terms are at most 245 bytes */

struct xapnews_writer {
    xn_error err;
    char *path;         /* the database as opened, for messages */
    int sharded;        /* PATH is a sharded database */
    xs_db **dbs;        /* the databases written: one, or the shards owned */
    unsigned *shard_of; /* per entry of DBS: its shard number */
    xn_idset **fresh;   /* per entry of DBS: the ids added since it was opened
                           empty (added, not replaced); NULL once it was not */
    unsigned n_dbs;
    unsigned n_shards;  /* shards in all (1 for a single database) */
    /* where a new article goes (see "where an article goes" below) */
    int by_hash;          /* to the shard of its id's hash */
    unsigned append_slot; /* else to this entry of DBS */
    unsigned long fewest; /* the fewest articles an entry of DBS held at open */
    xs_db **peers; /* per shard, a read handle to find stored articles in
                      (NULL: none; see "where an article goes") */
    xn_stemmer *stemmer; /* NULL: no stemming */
    char language[32];
    int settled;   /* the language and tables are the database's: adopted
                      at open or stored since; others are refused */
    int recorded;  /* every database written stores them */
    int record_on_commit; /* commit and close store them (not after a
                             failed open or a refused or failed setting:
                             then only an article added does) */
    unsigned batch, pending;
    int batch_auto;          /* the batch grows with the database */
    unsigned long articles;  /* in the databases written: at open, plus added */
    xn_strbuf term, data;
    xn_tables tables;
    xn_tokens toks;  /* analysis of the current field */
    unsigned *mentions; /* per official of the table, for one article */
    size_t mentions_cap;
    xn_lexicon_pending *lexicon; /* capitalised words, per database */
    xn_lexicon_pending *replaced; /* the counts of articles replaced, to take
                                     away (kept by the storing side) */
    xs_spelling_counts **spelling; /* per entry of DBS: the spelling words of
                                      the articles built since the last
                                      commit (counted by the analysing side) */
    xn_lexicon *article_names;   /* the counts of the article being built */
    xs_db *current;              /* the database of the article being built */
    xn_sketch sketch;      /* of the body of the article being built */
    uint64_t *word_hashes; /* its words' hashes (xn_sketch_word_hash()) */
    size_t word_hashes_cap;
    xn_strbuf story;       /* the story key of the article being stored */
    xn_strbuf record;      /* and its story record (story.h) */
    /* near duplicates are sought in two parts (see "story keys" below) */
    unsigned char *placed; /* per entry of DBS: an article of this session
                              went there */
    xs_db **ahead;         /* per entry of DBS: the peer the analysing side
                              searches, or NULL */
    unsigned char *searched; /* per entry of DBS: AHEAD's is not NULL */
    xn_story_nearest near; /* what it found of the article being built */
    xn_story_session **sessions; /* per entry of DBS: the articles this writer
                                    stored there (NULL: not kept) */
    xn_strbuf noted_key;   /* the key of the article being built */
    int known_new;         /* its id is in no database written (its session
                              and peer say so) */
    xs_db **behind;        /* per entry of DBS: the database the storing
                              side searches, or NULL */
    xn_story_nearest stored_near; /* of the article being stored */
    xn_pipeline *pipe; /* when on: stores and commits on a second thread */
    xn_error pipe_err; /* the second thread's failure */
};

/* Opens the database at PATH for writing into W's next slot. */
static xapnews_status_t open_db(xapnews_writer_t *w, const char *path,
                                unsigned shard, unsigned flags, xn_error *err)
{
    xs_error xe;
    unsigned mode = flags & XAPNEWS_WRITER_REINDEX ? XS_WRITE_OVERWRITE : XS_WRITE_CREATE;
    if (flags & XAPNEWS_WRITER_NO_SYNC) mode |= XS_WRITE_NO_SYNC;
    xs_db *db = xs_db_open_write(path, mode, &xe);
    if (!db) {
        if (xe.code == XS_LOCKED)
            return xn_error_set(err, XAPNEWS_STATUS_DATABASE_LOCKED,
                                "%s: database is locked by another writer (wait for it to finish)",
                                path);
        return xn_error_from_shim(err, &xe, path);
    }
    unsigned long docs = ULONG_MAX;
    if (xs_db_doccount(db, &docs, &xe) == 0 && docs == 0 &&
        !(w->fresh[w->n_dbs] = xn_idset_new())) {
        xs_db_close(db, &xe);
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    if (docs != ULONG_MAX) w->articles += docs;
    if (docs < w->fewest) {
        w->fewest = docs;
        w->append_slot = w->n_dbs;
    }
    w->dbs[w->n_dbs] = db;
    w->shard_of[w->n_dbs++] = shard;
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t open_peers(xapnews_writer_t *w, const char *path, xn_error *err);
static xapnews_status_t start_sessions(xapnews_writer_t *w, xn_error *err);

/* N empty spelling counts and a NULL, or NULL without memory. */
static xs_spelling_counts **new_spelling_counts(unsigned n)
{
    xs_spelling_counts **c = calloc(n + 1, sizeof *c);
    for (unsigned k = 0; c && k < n; k++) {
        if ((c[k] = xs_spelling_counts_new())) continue;
        while (k) xs_spelling_counts_free(c[--k]);
        free(c);
        c = NULL;
    }
    return c;
}

static void free_spelling_counts(xs_spelling_counts **c)
{
    for (unsigned k = 0; c && c[k]; k++) xs_spelling_counts_free(c[k]);
    free(c);
}

static xapnews_status_t new_writer(unsigned slots, xapnews_writer_t **out)
{
    xapnews_writer_t *w = calloc(1, sizeof *w);
    if (!w) return XAPNEWS_STATUS_OUT_OF_MEMORY;
    w->dbs = calloc(slots ? slots : 1, sizeof *w->dbs);
    w->shard_of = calloc(slots ? slots : 1, sizeof *w->shard_of);
    w->fresh = calloc(slots ? slots : 1, sizeof *w->fresh);
    w->placed = calloc(slots ? slots : 1, sizeof *w->placed);
    w->ahead = calloc(slots ? slots : 1, sizeof *w->ahead);
    w->searched = calloc(slots ? slots : 1, sizeof *w->searched);
    w->spelling = new_spelling_counts(slots);
    w->behind = calloc(slots ? slots : 1, sizeof *w->behind);
    w->lexicon = xn_lexicon_pending_new();
    w->replaced = xn_lexicon_pending_new();
    w->article_names = xn_lexicon_new();
    if (!w->dbs || !w->shard_of || !w->fresh || !w->placed || !w->ahead || !w->searched ||
        !w->behind || !w->spelling ||
        !w->lexicon || !w->replaced || !w->article_names) {
        free(w->dbs);
        free(w->shard_of);
        free(w->fresh);
        free(w->placed);
        free(w->ahead);
        free(w->searched);
        free(w->behind);
        free_spelling_counts(w->spelling);
        xn_lexicon_pending_free(w->lexicon);
        xn_lexicon_pending_free(w->replaced);
        xn_lexicon_free(w->article_names);
        free(w);
        return XAPNEWS_STATUS_OUT_OF_MEMORY;
    }
    w->batch = DEFAULT_BATCH;
    w->batch_auto = 1;
    w->fewest = ULONG_MAX;
    *out = w;
    return XAPNEWS_STATUS_SUCCESS;
}

/* A stemmer for LANGUAGE into *OUT (NULL for "none"). */
static xapnews_status_t new_stemmer(xapnews_writer_t *w, const char *language,
                                    xn_stemmer **out)
{
    *out = NULL;
    if (strlen(language) >= sizeof w->language)
        return xn_error_set(&w->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "unknown stemming language '%s'", language);
    if (strcmp(language, "none") == 0) return XAPNEWS_STATUS_SUCCESS;
    int unknown;
    *out = xn_stemmer_new(language, &unknown);
    if (!*out && unknown)
        return xn_error_set(&w->err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                            "unknown stemming language '%s'", language);
    if (!*out)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

/* Makes LANGUAGE the writer's stemming language. */
static xapnews_status_t use_language(xapnews_writer_t *w, const char *language)
{
    xn_stemmer *s;
    xapnews_status_t st = new_stemmer(w, language, &s);
    if (st) return st;
    xn_stemmer_free(w->stemmer);
    w->stemmer = s;
    strcpy(w->language, language);
    return XAPNEWS_STATUS_SUCCESS;
}

/* The entry of W's databases that is shard S, or -1. */
static int slot_of_shard(const xapnews_writer_t *w, unsigned s)
{
    for (unsigned k = 0; k < w->n_dbs; k++)
        if (w->shard_of[k] == s) return (int)k;
    return -1;
}

/* Reads what shard S of W's database stores (the database itself when it
 * is not sharded) into OUT, through W's handle when W owns the shard, else
 * opened read-only; WHERE (CAP bytes) receives its path. */
static xapnews_status_t read_stored(xapnews_writer_t *w, unsigned s, char *where,
                                    size_t cap, xn_settings *out)
{
    memset(out, 0, sizeof *out);
    if (!w->sharded) {
        snprintf(where, cap, "%s", w->path);
        return xn_settings_read(w->dbs[0], where, out, &w->err);
    }
    xn_shard_path(w->path, s, where, cap);
    int k = slot_of_shard(w, s);
    if (k >= 0) return xn_settings_read(w->dbs[k], where, out, &w->err);
    xs_error xe;
    xs_db *db = xs_db_open_read(where, &xe);
    if (!db) return xn_error_from_shim(&w->err, &xe, where);
    xapnews_status_t st = xn_settings_read(db, where, out, &w->err);
    xs_db_close(db, &xe);
    return st;
}

/* Makes the language and tables of S (settled) the writer's. */
static xapnews_status_t take_settings(xapnews_writer_t *w, const xn_settings *s)
{
    xapnews_status_t st = use_language(w, s->language);
    if (st == XAPNEWS_STATUS_INVALID_ARGUMENT)
        return xn_error_set(&w->err, XAPNEWS_STATUS_DATABASE_CORRUPT,
                            "%s was indexed with stemming language '%s', which this build does not know",
                            w->path, s->language);
    if (st) return st;
    for (int t = 0; t < XN_TABLE_COUNT; t++) {
        if (!s->text[t]) continue;
        char name[4200];
        snprintf(name, sizeof name, "%s (stored %s)", w->path,
                 xn_table_key((xapnews_table_t)t));
        if ((st = xn_tables_set(&w->tables, (xapnews_table_t)t, name, s->text[t],
                                s->len[t], &w->err)))
            return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* When any database of W's database (every shard, owned or not) holds
 * articles or stored settings, adopts what they store: the settled ones
 * must agree. */
static xapnews_status_t adopt_stored(xapnews_writer_t *w)
{
    xn_settings first, next;
    char first_where[4096], where[4096];
    unsigned owned_settled = 0;
    memset(&first, 0, sizeof first);
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (unsigned s = 0; s < w->n_shards && !st; s++) {
        st = read_stored(w, s, where, sizeof where, &next);
        if (!st && next.settled && (!w->sharded || slot_of_shard(w, s) >= 0))
            owned_settled++;
        if (!st && next.settled && !first.settled) {
            first = next;
            memcpy(first_where, where, sizeof where);
            continue;
        }
        char diff[256];
        if (!st && next.settled && xn_settings_difference(&first, &next, diff, sizeof diff))
            st = xn_error_set(&w->err, XAPNEWS_STATUS_SETTINGS_MISMATCH,
                              "%s and %s were indexed with different settings (%s): "
                              "re-index everything (xapnews index --reindex, or "
                              "XAPNEWS_WRITER_REINDEX) and add every article again",
                              first_where, where, diff);
        xn_settings_free(&next);
    }
    int settled = first.settled;
    if (!st && settled) st = take_settings(w, &first);
    xn_settings_free(&first);
    if (!st && settled) {
        w->settled = 1;
        w->recorded = owned_settled == w->n_dbs;
    }
    return st;
}

/* Sets the default language, or the one and the tables the database
 * stores; on failure releases W. */
static xapnews_status_t finish_open(xapnews_writer_t *w, const char *path,
                                    unsigned flags, xapnews_writer_t **out,
                                    char **error)
{
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (!(w->path = xn_strdup(path)))
        st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (!st) st = use_language(w, "english");
    if (!st && !(flags & XAPNEWS_WRITER_REINDEX)) st = adopt_stored(w);
    if (st) {
        xn_error_export(&w->err, error);
        xapnews_writer_close(w, NULL);
        return st;
    }
    w->record_on_commit = 1;
    *out = w;
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_open(const char *path,
                                     xapnews_writer_t **writer, char **error)
{
    return xapnews_writer_open_flags(path, 0, writer, error);
}

xapnews_status_t xapnews_writer_open_flags(const char *path, unsigned flags,
                                           xapnews_writer_t **writer,
                                           char **error)
{
    if (!path || !writer || (flags & ~WRITER_FLAGS))
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *writer = NULL;
    unsigned n = 0;
    xn_error err;
    xn_error_clear(&err);
    xapnews_status_t st = xn_shards_count(path, &n, &err);
    if (!st && n > 0)
        return xapnews_writer_open_shards_flags(path, 0, 1, flags, writer, error);
    xapnews_writer_t *w = NULL;
    if (!st && (st = new_writer(1, &w)) == 0) {
        w->n_shards = 1;
        st = open_db(w, path, 0, flags, &err);
        /* a read handle of the database itself lets the analysing side
         * find near duplicates and new ids (sessions, below) */
        if (!st && !(flags & XAPNEWS_WRITER_REINDEX) && w->articles > 0)
            st = open_peers(w, path, &err);
        if (!st) st = start_sessions(w, &err);
        if (st) {
            xapnews_writer_close(w, NULL);
            w = NULL;
        }
    }
    if (st) {
        xn_error_export(&err, error);
        return st;
    }
    return finish_open(w, path, flags, writer, error);
}

xapnews_status_t xapnews_writer_open_shards(const char *path, unsigned job,
                                            unsigned njobs,
                                            xapnews_writer_t **writer,
                                            char **error)
{
    return xapnews_writer_open_shards_flags(path, job, njobs, 0, writer, error);
}

xapnews_status_t xapnews_writer_open_shards_flags(const char *path, unsigned job,
                                                  unsigned njobs, unsigned flags,
                                                  xapnews_writer_t **writer,
                                                  char **error)
{
    if (!path || !writer || njobs == 0 || job >= njobs ||
        (flags & ~WRITER_FLAGS))
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    *writer = NULL;
    xn_error err;
    xn_error_clear(&err);
    unsigned n = 0;
    xapnews_status_t st = xn_shards_count(path, &n, &err);
    if (!st && n == 0)
        st = xn_error_set(&err, XAPNEWS_STATUS_INVALID_ARGUMENT,
                          "%s is not a sharded database (create it with xapnews_shards_create())",
                          path);
    xapnews_writer_t *w = NULL;
    if (!st) st = new_writer(n, &w);
    if (st) {
        xn_error_export(&err, error);
        return st;
    }
    w->n_shards = n;
    w->sharded = 1;
    for (unsigned s = job; s < n && !st; s += njobs) {
        char shard[4096];
        xn_shard_path(path, s, shard, sizeof shard);
        st = open_db(w, shard, s, flags, &err);
    }
    /* a writer of every shard adds new articles by hash to a database
     * that was empty, else to its emptiest shard; jobs (and writers that
     * rebuild) go by hash; stored articles are found through peers */
    w->by_hash = njobs > 1 || w->fewest == 0 || (flags & XAPNEWS_WRITER_REINDEX);
    if (!st && !(flags & XAPNEWS_WRITER_REINDEX) && (njobs > 1 || w->articles > 0))
        st = open_peers(w, path, &err);
    if (!st) st = start_sessions(w, &err);
    if (st) {
        xn_error_export(&err, error);
        xapnews_writer_close(w, NULL);
        return st;
    }
    return finish_open(w, path, flags, writer, error);
}

/* ---- where an article goes ------------------------------------------
 * An article stored already stays in its shard: indexing it again
 * replaces it there. A new article goes:
 * - with a writer of every shard of a database that held articles when it
 *   was opened (an append), to the shard that held the fewest: all of one
 *   session's new articles go to one shard, so a commit writes each
 *   table's changed blocks once, not once per shard;
 * - with a writer of every shard of an empty database (a build), or a
 *   writer that rebuilds it, to the shard xn_shard_of() gives its id;
 * - with one of several jobs writing the shards in parallel, to the shard
 *   xn_shard_of() gives, so that the jobs agree without talking.
 * Where an article is stored is looked up before it is analysed, through
 * read handles (peers) of the shards that held articles at open (none when
 * the database was empty or is rebuilt).
 * New articles go only to the shard their rule gives, so what a session
 * adds never changes the answer a peer gives (a peer that sees an article
 * of this session names the shard the rule gives), and the answer is
 * known before the article is handed to the storing thread (the name
 * lexicon counts it in that shard). */

/* Opens the peers of W, of the database PATH (sharded, or one): every
 * shard that holds articles. */
static xapnews_status_t open_peers(xapnews_writer_t *w, const char *path, xn_error *err)
{
    if (!(w->peers = calloc(w->n_shards, sizeof *w->peers)))
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    for (unsigned s = 0; s < w->n_shards; s++) {
        char shard[4096];
        if (w->sharded) xn_shard_path(path, s, shard, sizeof shard);
        else snprintf(shard, sizeof shard, "%s", path);
        xs_error xe;
        unsigned long docs = 0;
        xs_db *db = xs_db_open_read(shard, &xe);
        if (!db || xs_db_doccount(db, &docs, &xe) < 0) {
            xs_db_close(db, &xe);
            return xn_error_from_shim(err, &xe, shard);
        }
        if (docs) w->peers[s] = db;
        else xs_db_close(db, &xe);
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Into *SHARD, the shard of W's database the article with id ID (LEN
 * bytes) goes to: the peer holding it, else the one its rule gives.
 * Returns 0, or -1 with XE set when a peer cannot be read. */
static int shard_for(const xapnews_writer_t *w, const char *id, size_t len, unsigned *shard,
                     xs_error *xe)
{
    *shard = w->by_hash ? xn_shard_of(id, len, w->n_shards) : w->shard_of[w->append_slot];
    /* an id too long to store is refused by xapnews_writer_add(); it has
     * no id term to look up */
    if (!w->peers || w->n_shards == 1 || len > MAX_ID_BYTES) return 0;
    char term[sizeof XN_PREFIX_ID + MAX_ID_BYTES];
    size_t plen = strlen(XN_PREFIX_ID);
    memcpy(term, XN_PREFIX_ID, plen);
    memcpy(term + plen, id, len);
    for (unsigned s = 0; s < w->n_shards; s++) {
        unsigned long freq = 0;
        if (!w->peers[s]) continue;
        if (xs_db_termfreq(w->peers[s], term, plen + len, &freq, xe) < 0) return -1;
        if (freq) {
            *shard = s;
            break;
        }
    }
    return 0;
}

int xapnews_writer_owns(const xapnews_writer_t *w, const char *id)
{
    if (!w || !id) return 0;
    if (w->n_dbs == w->n_shards) return 1;
    unsigned s;
    xs_error xe;
    /* a peer that cannot be read: taken, so that adding it reports why */
    return shard_for(w, id, strlen(id), &s, &xe) < 0 || slot_of_shard(w, s) >= 0;
}

/* The entry of W's databases the article with id ID goes to, -1 when it
 * belongs to another writer's shard, or -2 with W's error set when a peer
 * cannot be read. */
static int db_for(xapnews_writer_t *w, const char *id, size_t len)
{
    unsigned s;
    xs_error xe;
    if (shard_for(w, id, len, &s, &xe) < 0) {
        xn_error_from_shim(&w->err, &xe, "cannot find where the article is stored");
        return -2;
    }
    return slot_of_shard(w, s);
}

/* ---- story keys -----------------------------------------------------
 * An article's story key comes from the databases written as they stand
 * with every article stored before it (story.h). The search is done in two
 * parts that together give the key one search gives (xn_story_seek()):
 * - while the article is analysed: when every database written has a
 *   peer or held no documents when opened (an append, or a new database
 *   or part), with the articles this writer stored there since (its
 *   session), through the peer if any; else in each database with a peer
 *   that no article of this writer has gone to yet, which the peer still
 *   reads as it stands;
 * - while it is stored, in the others (none, with sessions).
 * So the storing thread (the one that limits a two-thread run) does not
 * search at all, and no search goes through the writer's own handle,
 * where Xapian flushes a term's pending postings before reading them. A
 * session holds about 1 KB per article (its sketch, id, key and band
 * holders; 20 MiB more peak memory for Reuters' 21,578); past SESSION_MAX
 * articles the writer drops them and searches while storing. */
#define SESSION_MAX 200000

static void drop_sessions(xapnews_writer_t *w)
{
    for (unsigned k = 0; w->sessions && k < w->n_dbs; k++) xn_story_session_free(w->sessions[k]);
    free(w->sessions);
    w->sessions = NULL;
}

/* The peer of entry K of W's databases, or NULL. */
static xs_db *peer_of(const xapnews_writer_t *w, unsigned k)
{
    return w->peers ? w->peers[w->shard_of[k]] : NULL;
}

/* Starts the sessions of W when every database it writes has a peer or
 * held no documents when opened (w->fresh; its session then holds all
 * there is). */
static xapnews_status_t start_sessions(xapnews_writer_t *w, xn_error *err)
{
    for (unsigned k = 0; k < w->n_dbs; k++)
        if (!peer_of(w, k) && !w->fresh[k]) return XAPNEWS_STATUS_SUCCESS;
    if (!(w->sessions = calloc(w->n_dbs ? w->n_dbs : 1, sizeof *w->sessions)))
        return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    for (unsigned k = 0; k < w->n_dbs; k++) {
        unsigned last = 0;
        xs_error xe;
        if (xs_db_lastdocid(w->dbs[k], &last, &xe) < 0) {
            drop_sessions(w);
            return xn_error_from_shim(err, &xe, w->path);
        }
        if (!(w->sessions[k] = xn_story_session_new(last))) {
            drop_sessions(w);
            return xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        }
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Notes the article just searched (id ID, its key in w->near) in the
 * session of entry SLOT, at the docid the storing side will give it. */
static xapnews_status_t note_in_session(xapnews_writer_t *w, unsigned slot, const char *id,
                                        size_t id_len)
{
    xn_story_session *ss = w->sessions[slot];
    xs_error xe;
    unsigned docid = xn_story_session_docid(ss, id, id_len);
    if (!docid) { /* stored before the session, or new */
        unsigned found[2];
        size_t n = 0;
        xs_db *peer = peer_of(w, slot);
        if (peer && xs_term_docs(peer, w->term.data, w->term.len, found, 2, &n, &xe) < 0)
            return xn_error_from_shim(&w->err, &xe, "cannot find where the article is stored");
        if (n > 1 || xn_story_session_size(ss) >= SESSION_MAX) {
            /* two documents with one id (the storing side keeps the
             * first), or too many to keep: search while storing */
            drop_sessions(w);
            return XAPNEWS_STATUS_SUCCESS;
        }
        docid = n ? found[0] : 0;
        w->known_new = n == 0;
    }
    if (xn_story_nearest_key(&w->near, id, id_len, &w->noted_key, &xe) < 0 ||
        xn_story_session_note(ss, docid, id, id_len, w->noted_key.data, w->noted_key.len,
                              &w->sketch) < 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return XAPNEWS_STATUS_SUCCESS;
}

/* The analysing part, for the article just built (sketch w->sketch, id
 * ID), to be stored in entry SLOT: into w->near, the entries searched
 * marked in w->searched. */
static xapnews_status_t seek_story_ahead(xapnews_writer_t *w, unsigned slot, const char *id,
                                         size_t id_len)
{
    int any = 0;
    for (unsigned k = 0; k < w->n_dbs; k++) {
        xs_db *peer = peer_of(w, k);
        if (!w->sessions && w->placed[k]) peer = NULL;
        w->ahead[k] = peer;
        /* a session searches its entry, with or without a peer */
        w->searched[k] = peer != NULL || w->sessions;
        any |= w->searched[k];
    }
    xn_story_nearest_reset(&w->near);
    w->known_new = 0;
    w->placed[slot] = 1;
    xs_error xe;
    if (any && xn_story_seek(w->ahead, w->sessions, w->n_dbs, &w->sketch, id, id_len, &w->near,
                             &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, "cannot search for near duplicates");
    return w->sessions ? note_in_session(w, slot, id, id_len) : XAPNEWS_STATUS_SUCCESS;
}

/* What the analysing part found of an article, as the storing part takes
 * it. */
typedef struct {
    double overlap;
    unsigned at;
    const char *key;
    size_t key_len;
    const unsigned char *searched; /* per entry of DBS: searched already */
    int known_new; /* the id is in no database written: add, no look-up */
} story_ahead;

/* Gives DOC, whose body has sketch S and whose id term is TERM, its story
 * key: the storing part of the search, after AHEAD. */
static int add_story(xapnews_writer_t *w, xs_doc *doc, const xn_sketch *s,
                     const char *term, size_t term_len, const story_ahead *ahead,
                     xs_error *xe)
{
    size_t skip = strlen(XN_PREFIX_ID);
    xn_story_nearest *n = &w->stored_near;
    xn_story_nearest_reset(n);
    n->overlap = ahead->overlap;
    n->at = ahead->at;
    if (xn_strbuf_append(&n->key, ahead->key, ahead->key_len) < 0) return xs_no_memory(xe);
    int any = 0;
    for (unsigned k = 0; k < w->n_dbs; k++) {
        w->behind[k] = ahead->searched[k] ? NULL : w->dbs[k];
        any |= w->behind[k] != NULL;
    }
    if ((any && xn_story_seek(w->behind, NULL, w->n_dbs, s, term + skip, term_len - skip, n,
                              xe) < 0) ||
        xn_story_nearest_key(n, term + skip, term_len - skip, &w->story, xe) < 0)
        return -1;
    if (xs_doc_set_value(doc, XN_SLOT_STORY, w->story.data, w->story.len, xe) < 0)
        return -1;
    if (s->shingles) {
        if (xn_story_record_encode(s, w->story.data, w->story.len, term + skip, term_len - skip,
                                   &w->record) < 0)
            return xs_no_memory(xe);
        if (xs_doc_set_value(doc, XN_SLOT_SKETCH, w->record.data, w->record.len, xe) < 0)
            return -1;
    }
    if (strlen(XN_PREFIX_STORY) + w->story.len > XN_TERM_MAX_BYTES) return 0;
    char t[XN_TERM_MAX_BYTES + 1];
    memcpy(t, XN_PREFIX_STORY, strlen(XN_PREFIX_STORY));
    memcpy(t + strlen(XN_PREFIX_STORY), w->story.data, w->story.len);
    return xs_doc_add_term(doc, t, strlen(XN_PREFIX_STORY) + w->story.len, 0, xe);
}

/* Stores DOC, whose id term is TERM and body sketch S, in entry K, with
 * its story key: added when the database started empty and the id is new
 * in this session, else replaced by its id term, the name-lexicon counts
 * of the article it replaces (if any) noted to take away. */
static int store_document(xapnews_writer_t *w, unsigned k, xs_doc *doc, const xn_sketch *s,
                          const char *term, size_t term_len, const story_ahead *ahead,
                          xs_error *xe)
{
    /* Xapian's spelling data counts the article's words (counted when it
     * was built, or from the vocabulary of a new database; a replaced
     * article's are taken away by xs_db_replace_counted() below) */
    if (add_story(w, doc, s, term, term_len, ahead, xe) < 0) return -1;
    int is_new = ahead->known_new;
    if (w->fresh[k]) {
        /* the id term is XN_PREFIX_ID + id; a known new id is noted too,
         * for the articles stored after a session is dropped */
        size_t skip = strlen(XN_PREFIX_ID);
        int added = xn_idset_insert(w->fresh[k], term + skip, term_len - skip);
        if (added < 0) { /* no memory for the set: replace from now on */
            xn_idset_free(w->fresh[k]);
            w->fresh[k] = NULL;
        } else {
            is_new = added;
        }
    }
    if (is_new) return xs_db_add(w->dbs[k], doc, xe);
    char *old = NULL;
    size_t old_len = 0;
    if (xs_db_replace_counted(w->dbs[k], term, term_len, doc, XN_SLOT_NAMES, &old, &old_len,
                              xe) < 0)
        return -1;
    int rc = old && xn_lexicon_pending_forget(w->replaced, w->dbs[k], old, old_len) < 0;
    free(old);
    if (rc) return xs_no_memory(xe);
    return 0;
}

/* Adds the spelling counts SPELLING (per entry) and the name-lexicon counts
 * of LEXICON to every database, then commits them all. A BATCH commit (one
 * the writer makes every so many articles) holds the spelling words back
 * for a later commit (xs_db_commit_holding_spelling()); the caller's
 * commits and the close give them. On failure sets ERR and returns its
 * status. */
static xapnews_status_t commit_all(xapnews_writer_t *w, xs_spelling_counts **spelling,
                                   xn_lexicon_pending *lexicon, int batch, xn_error *err)
{
    xs_error xe;
    for (unsigned k = 0; k < w->n_dbs; k++) {
        if (xs_db_spelling_take(w->dbs[k], spelling[k], &xe) < 0)
            return xn_error_from_shim(err, &xe, "cannot count the spelling words");
        xapnews_status_t st = xn_lexicon_pending_flush(lexicon, w->replaced, w->dbs[k], err);
        if (st) return st;
        int (*commit)(xs_db *, xs_error *) = batch ? xs_db_commit_holding_spelling : xs_db_commit;
        if (commit(w->dbs[k], &xe) < 0) return xn_error_from_shim(err, &xe, "commit failed");
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* ---- storing on a second thread --------------------------------------- */

/* What the second thread is handed: an article to store, or a commit. */
typedef struct {
    xs_doc *doc;                 /* NULL for a commit */
    unsigned slot;               /* entry of DBS */
    xn_lexicon_pending *lexicon; /* a commit: the counts to add first */
    xs_spelling_counts **spelling; /* a commit: per entry of DBS, too */
    xn_sketch sketch;            /* of the article's body */
    double overlap;              /* what the analysing part found: */
    unsigned at;                 /*   see story_ahead */
    int known_new;
    size_t key_len;
    size_t term_len;
    /* the article's id term and a NUL, the story key found (KEY_LEN
     * bytes), then a byte per entry of DBS: searched already */
    char term[];
} stored_item;

static int consume_item(void *ctx, void *vitem)
{
    xapnews_writer_t *w = ctx;
    stored_item *it = vitem;
    if (!it->doc) return commit_all(w, it->spelling, it->lexicon, 1, &w->pipe_err) ? -1 : 0;
    xs_error xe;
    const char *key = it->term + it->term_len + 1;
    story_ahead ahead = {it->overlap, it->at, key, it->key_len,
                         (const unsigned char *)key + it->key_len, it->known_new};
    if (store_document(w, it->slot, it->doc, &it->sketch, it->term, it->term_len, &ahead,
                       &xe) == 0)
        return 0;
    char context[300];
    size_t skip = strlen(XN_PREFIX_ID);
    snprintf(context, sizeof context, "cannot add article '%.*s'",
             (int)(it->term_len - skip), it->term + skip);
    xn_error_from_shim(&w->pipe_err, &xe, context);
    return -1;
}

static void release_item(void *ctx, void *vitem)
{
    (void)ctx;
    stored_item *it = vitem;
    xs_doc_free(it->doc);
    xn_lexicon_pending_free(it->lexicon);
    free_spelling_counts(it->spelling);
    free(it);
}

/* The second thread's failure, as W's error. */
static xapnews_status_t pipe_failed(xapnews_writer_t *w)
{
    w->err = w->pipe_err;
    if (!w->err.status)
        xn_error_set(&w->err, XAPNEWS_STATUS_INTERNAL_ERROR, "the storing thread failed");
    return w->err.status;
}

/* Waits until the second thread (if on) has stored everything handed to
 * it, so that this thread may use the databases. */
static xapnews_status_t quiesce(xapnews_writer_t *w)
{
    if (w->pipe && xn_pipeline_drain(w->pipe) < 0) return pipe_failed(w);
    return XAPNEWS_STATUS_SUCCESS;
}

/* Hands the document DOC (taken over) and its id term in W->term to the
 * second thread. */
static xapnews_status_t hand_over(xapnews_writer_t *w, unsigned slot, xs_doc *doc)
{
    stored_item *it = malloc(sizeof *it + w->term.len + 1 + w->near.key.len + w->n_dbs);
    if (!it) {
        xs_doc_free(doc);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    it->doc = doc;
    it->slot = slot;
    it->lexicon = NULL;
    it->spelling = NULL;
    it->sketch = w->sketch;
    it->overlap = w->near.overlap;
    it->at = w->near.at;
    it->known_new = w->known_new;
    it->key_len = w->near.key.len;
    it->term_len = w->term.len;
    memcpy(it->term, w->term.data, w->term.len + 1);
    char *key = it->term + w->term.len + 1;
    if (w->near.key.len) memcpy(key, w->near.key.data, w->near.key.len);
    if (w->n_dbs) memcpy(key + w->near.key.len, w->searched, w->n_dbs);
    return xn_pipeline_push(w->pipe, it) < 0 ? pipe_failed(w) : XAPNEWS_STATUS_SUCCESS;
}

/* Hands a commit of everything so far to the second thread, with the
 * lexicon counts gathered since the last one. */
static xapnews_status_t hand_over_commit(xapnews_writer_t *w)
{
    stored_item *it = malloc(sizeof *it + 1);
    xn_lexicon_pending *fresh = xn_lexicon_pending_new();
    xs_spelling_counts **counts = new_spelling_counts(w->n_dbs);
    if (!it || !fresh || !counts) {
        free(it);
        xn_lexicon_pending_free(fresh);
        free_spelling_counts(counts);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    it->doc = NULL;
    it->slot = 0;
    it->spelling = w->spelling;
    w->spelling = counts;
    it->lexicon = w->lexicon;
    it->key_len = 0;
    it->term_len = 0;
    it->term[0] = '\0';
    w->lexicon = fresh;
    return xn_pipeline_push(w->pipe, it) < 0 ? pipe_failed(w) : XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_set_threads(xapnews_writer_t *w, unsigned threads)
{
    if (!w || threads == 0) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    if (threads == 1) {
        if (!w->pipe) return XAPNEWS_STATUS_SUCCESS;
        int failed = xn_pipeline_free(w->pipe) < 0;
        w->pipe = NULL;
        return failed ? pipe_failed(w) : XAPNEWS_STATUS_SUCCESS;
    }
    if (w->pipe) return XAPNEWS_STATUS_SUCCESS;
    xn_error_clear(&w->pipe_err);
    /* a few dozen articles in flight: enough to even out their sizes */
    w->pipe = xn_pipeline_new(64, consume_item, release_item, w);
    if (!w->pipe)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY,
                            "cannot start the storing thread");
    return XAPNEWS_STATUS_SUCCESS;
}

#define REINDEX_HINT \
    "re-index everything: open the writer with XAPNEWS_WRITER_REINDEX and add every article again"

xapnews_status_t xapnews_writer_set_language(xapnews_writer_t *w,
                                             const char *language)
{
    if (!w || !language) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    xapnews_status_t st;
    if (!w->settled) {
        st = use_language(w, language);
    } else if (strcmp(language, w->language) == 0) {
        st = XAPNEWS_STATUS_SUCCESS;
    } else {
        xn_stemmer *s; /* a known language, or that is what to say */
        st = new_stemmer(w, language, &s);
        xn_stemmer_free(s);
        if (!st)
            st = xn_error_set(&w->err, XAPNEWS_STATUS_SETTINGS_MISMATCH,
                              "database %s was indexed with stemming language '%s'; "
                              "this writer asks for '%s'. Keep '%s' (a writer uses the "
                              "stored one unless told otherwise), or " REINDEX_HINT,
                              w->path, w->language, language, w->language);
    }
    if (st) w->record_on_commit = 0;
    return st;
}

/* Refuses table WHICH from ASKED (a path, or NULL for none) on a settled
 * database that stores another. */
static xapnews_status_t table_mismatch(xapnews_writer_t *w, xapnews_table_t which,
                                       const char *asked)
{
    const char *label = xn_table_label(which);
    if (!w->tables.text_len[which])
        return xn_error_set(&w->err, XAPNEWS_STATUS_SETTINGS_MISMATCH,
                            "database %s was indexed with no %s; this writer asks for %s. "
                            "Keep indexing without one (a writer does unless told "
                            "otherwise), or " REINDEX_HINT,
                            w->path, label, asked);
    if (!asked)
        return xn_error_set(&w->err, XAPNEWS_STATUS_SETTINGS_MISMATCH,
                            "database %s stores the %s it was indexed with; this writer "
                            "asks for none. Keep it (a writer uses it unless told "
                            "otherwise), or " REINDEX_HINT,
                            w->path, label);
    return xn_error_set(&w->err, XAPNEWS_STATUS_SETTINGS_MISMATCH,
                        "database %s stores a different %s than %s. Keep the stored one "
                        "(a writer uses it unless told otherwise), or " REINDEX_HINT,
                        w->path, label, asked);
}

/* On a settled database: accepts the N files PATHS when together they
 * hold the text of the stored table WHICH; a valid other table is a
 * mismatch. */
static xapnews_status_t check_table(xapnews_writer_t *w, xapnews_table_t which,
                                    const char *const *paths, size_t n)
{
    xn_strbuf text = XN_STRBUF_INIT, name = XN_STRBUF_INIT;
    xapnews_status_t st = xn_tables_read_files(which, paths, n, &text, &name, &w->err);
    if (!st && !xn_settings_same_text(w->tables.text[which], w->tables.text_len[which],
                                      text.data, text.len)) {
        xn_tables scratch; /* a malformed file is reported as such */
        memset(&scratch, 0, sizeof scratch);
        st = xn_tables_set(&scratch, which, name.data, text.data ? text.data : "",
                           text.len, &w->err);
        xn_tables_free(&scratch);
        if (!st) st = table_mismatch(w, which, name.data);
    }
    xn_strbuf_free(&text);
    xn_strbuf_free(&name);
    return st;
}

xapnews_status_t xapnews_writer_load_table(xapnews_writer_t *w,
                                           xapnews_table_t which,
                                           const char *path)
{
    if (!path) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    return xapnews_writer_load_table_files(w, which, &path, 1);
}

xapnews_status_t xapnews_writer_load_table_files(xapnews_writer_t *w,
                                                 xapnews_table_t which,
                                                 const char *const *paths, size_t n)
{
    if (!w || !paths || n == 0 || (unsigned)which >= XN_TABLE_COUNT)
        return XAPNEWS_STATUS_INVALID_ARGUMENT;
    for (size_t i = 0; i < n; i++)
        if (!paths[i]) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    xapnews_status_t st = w->settled
                              ? check_table(w, which, paths, n)
                              : xn_tables_load_files(&w->tables, which, paths, n, &w->err);
    if (st) w->record_on_commit = 0;
    return st;
}

xapnews_status_t xapnews_writer_clear_table(xapnews_writer_t *w,
                                            xapnews_table_t which)
{
    if (!w || (unsigned)which >= XN_TABLE_COUNT) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    xapnews_status_t st;
    if (!w->settled)
        st = xn_tables_clear(&w->tables, which, &w->err);
    else
        st = w->tables.text_len[which] ? table_mismatch(w, which, NULL)
                                       : XAPNEWS_STATUS_SUCCESS;
    if (st) w->record_on_commit = 0;
    return st;
}

int xapnews_writer_is_new(const xapnews_writer_t *w)
{
    return w && !w->settled;
}

const char *xapnews_writer_language(const xapnews_writer_t *w)
{
    return w ? w->language : NULL;
}

const xapnews_fields_t *xapnews_writer_fields(const xapnews_writer_t *w)
{
    return w ? xn_fields_or_builtin(w->tables.fields) : NULL;
}

int xapnews_writer_has_table(const xapnews_writer_t *w, xapnews_table_t which)
{
    return w && (unsigned)which < XN_TABLE_COUNT && w->tables.text_len[which] > 0;
}

/* Articles per commit now. A commit rewrites the B-tree blocks its changes
 * touch, which spread over more blocks as a database grows, so by default
 * the batch grows with the database: a fiftieth of its articles, at least
 * DEFAULT_BATCH and at most AUTO_BATCH_MAX. */
static unsigned batch_now(const xapnews_writer_t *w)
{
    if (!w->batch_auto) return w->batch;
    unsigned long share = w->articles / AUTO_BATCH_SHARE;
    if (share > AUTO_BATCH_MAX) share = AUTO_BATCH_MAX;
    return share > w->batch ? (unsigned)share : w->batch;
}

xapnews_status_t xapnews_writer_set_batch_size(xapnews_writer_t *w,
                                               unsigned batch)
{
    if (!w) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    w->batch = batch;
    w->batch_auto = 0;
    return XAPNEWS_STATUS_SUCCESS;
}

/* Builds P1 + P2 + BODY in the writer's term buffer. */
static int make_term(xapnews_writer_t *w, const char *p1, const char *p2,
                     const char *body, size_t len)
{
    xn_strbuf_reset(&w->term);
    if (xn_strbuf_puts(&w->term, p1) < 0 || xn_strbuf_puts(&w->term, p2) < 0 ||
        xn_strbuf_append(&w->term, body, len) < 0)
        return -1;
    return 0;
}

/* Adds the analysed tokens in w->toks with PREFIX (positional) and their
 * stems with Z + PREFIX (not an amount's terms), the canonical stream
 * when it is needed (terms.h). A word of the text adds
 * one to its term's wdf; forms laid from the variant table, the canonical
 * stream (under XV) and an amount's terms repeated at its later positions
 * add positions only (wdf 0), so they change no count or document length
 * (see terms.h and tokenizer.h). */
static xapnews_status_t add_tokens(xapnews_writer_t *w, xs_doc *doc,
                                   const char *prefix)
{
    xs_error xe;
    const xn_tokens *l = &w->toks;
    /* the canonical stream only where it holds what the plain one lacks */
    size_t n = l->n_spans && !xn_tokens_canonical_needed(l, w->tables.synonyms) ? l->n_plain
                                                                              : l->n;
    for (size_t i = 0; i < n; i++) {
        const char *t = xn_tokens_term(l, i);
        size_t len = l->t[i].len;
        int canonical = (l->t[i].flags & XN_TOKEN_CANONICAL) != 0;
        unsigned wdf = (l->t[i].flags & (XN_TOKEN_VARIANT | XN_TOKEN_AMOUNT_MORE)) ? 0 : 1;
        if (make_term(w, canonical ? XN_PREFIX_CANONICAL : "", prefix, t, len) < 0)
            goto nomem;
        if (w->term.len > XN_TERM_MAX_BYTES) continue; /* a declared field's long prefix */
        if (xs_doc_add_posting(doc, w->term.data, w->term.len, l->t[i].pos, wdf,
                               &xe) < 0)
            return xn_error_from_shim(&w->err, &xe, NULL);
        if (canonical || (l->t[i].flags & XN_TOKEN_UNSTEMMED) || !w->stemmer ||
            !xn_stemmer_should_stem(t, len))
            continue;
        size_t stem_len;
        const char *stem = xn_stemmer_stem(w->stemmer, t, len, &stem_len);
        if (!stem) goto nomem;
        if (strlen(XN_PREFIX_STEM) + strlen(prefix) + stem_len > XN_TERM_MAX_BYTES)
            continue; /* a stemmer lengthened a long word past the limit */
        if (make_term(w, XN_PREFIX_STEM, prefix, stem, stem_len) < 0) goto nomem;
        if (xs_doc_add_term(doc, w->term.data, w->term.len, wdf, &xe) < 0)
            return xn_error_from_shim(&w->err, &xe, NULL);
    }
    return XAPNEWS_STATUS_SUCCESS;
nomem:
    return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
}

/* Analyses TEXT (positions after *POS) into w->toks; *POS becomes the last
 * position either stream used. */
static xapnews_status_t analyse(xapnews_writer_t *w, const char *text,
                                size_t len, unsigned *pos)
{
    unsigned last = xn_analyze(text, len, w->tables.synonyms, *pos, &w->toks);
    if (last == (unsigned)-1)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    *pos = last > w->toks.last_canonical ? last : w->toks.last_canonical;
    return XAPNEWS_STATUS_SUCCESS;
}

/* Indexes TEXT with prefix P1 (and P2 when not NULL) after position *POS. */
static xapnews_status_t index_text(xapnews_writer_t *w, xs_doc *doc,
                                   const char *text, size_t len,
                                   const char *p1, const char *p2,
                                   unsigned *pos)
{
    xapnews_status_t st = analyse(w, text, len, pos);
    if (!st) st = add_tokens(w, doc, p1);
    if (!st && p2) st = add_tokens(w, doc, p2);
    return st;
}

typedef struct {
    xapnews_writer_t *w;
    const char *const *words;
    const size_t *lens;
    size_t next; /* first word not yet counted */
} mention_ctx;

/* Counts the surnames alone in words [c->next, END) of officials already
 * named in full. */
static void count_surnames(mention_ctx *c, size_t end)
{
    const xn_names *officials = c->w->tables.officials;
    for (; c->next < end; c->next++)
        for (size_t o = 0; o < xn_names_count(officials); o++) {
            const char *surname = xn_names_get(officials, o)->surname;
            if (c->w->mentions[o] && strlen(surname) == c->lens[c->next] &&
                memcmp(surname, c->words[c->next], c->lens[c->next]) == 0)
                c->w->mentions[o]++;
        }
}

static int on_mention(void *vctx, size_t first, size_t length, size_t entry)
{
    mention_ctx *c = vctx;
    count_surnames(c, first);
    c->w->mentions[entry]++;
    c->next = first + length;
    return 0;
}

/* Counts in w->mentions the officials of the table named in w->toks: a
 * full name (any variant), or the surname alone once the official has been
 * named in full. */
static xapnews_status_t count_mentions(xapnews_writer_t *w)
{
    const char **words;
    size_t *lens, *index;
    size_t n = xn_tokens_primaries(&w->toks, &words, &lens, &index);
    if (n == (size_t)-1)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    mention_ctx c = {w, words, lens, 0};
    xn_names_mentions(w->tables.officials, words, lens, n, on_mention, &c);
    count_surnames(&c, n);
    free(words);
    free(lens);
    free(index);
    return XAPNEWS_STATUS_SUCCESS;
}

/* Whether PREFIX + LEN bytes is short enough to be a term. */
static int fits_term(const char *prefix, size_t len)
{
    return strlen(prefix) + len <= XN_TERM_MAX_BYTES;
}

/* Adds the boolean term PREFIX + VALUE, unless it is too long to be one. */
static xapnews_status_t add_boolean(xapnews_writer_t *w, xs_doc *doc,
                                    const char *prefix, const char *value,
                                    size_t len)
{
    xs_error xe;
    if (!fits_term(prefix, len)) return XAPNEWS_STATUS_SUCCESS;
    if (make_term(w, prefix, "", value, len) < 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    if (xs_doc_add_term(doc, w->term.data, w->term.len, 0, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t add_slug_term(xapnews_writer_t *w, xs_doc *doc,
                                      const char *prefix, const char *name)
{
    xn_strbuf slug = XN_STRBUF_INIT;
    if (xn_slug_append(name, strlen(name), &slug) < 0) {
        xn_strbuf_free(&slug);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (slug.len) st = add_boolean(w, doc, prefix, slug.data, slug.len);
    xn_strbuf_free(&slug);
    return st;
}

static xapnews_status_t add_value(xapnews_writer_t *w, xs_doc *doc,
                                  unsigned slot, const char *v, size_t len)
{
    xs_error xe;
    if (xs_doc_set_value(doc, slot, v, len, &xe) < 0)
        return xn_error_from_shim(&w->err, &xe, NULL);
    return XAPNEWS_STATUS_SUCCESS;
}

static xapnews_status_t add_date(xapnews_writer_t *w, xs_doc *doc,
                                 const xn_date *d)
{
    char compact[9], days[18];
    xn_date_compact(d, compact);
    xapnews_status_t st;
    if ((st = add_boolean(w, doc, XN_PREFIX_YEAR, compact, 4)) ||
        (d->month && (st = add_boolean(w, doc, XN_PREFIX_MONTH, compact, 6))) ||
        (d->day && (st = add_boolean(w, doc, XN_PREFIX_DAY, compact, 8))) ||
        (st = add_value(w, doc, XN_SLOT_DATE, compact, strlen(compact))) ||
        (st = add_value(w, doc, XN_SLOT_YEAR, compact, 4)))
        return st;
    if (d->day) {
        size_t n = xs_sortable_serialise((double)xn_date_days(d), days);
        if ((st = add_value(w, doc, XN_SLOT_DAYS, days, n))) return st;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Stores the language and tables in every database written, once. */
static xapnews_status_t record_settings(xapnews_writer_t *w)
{
    if (w->recorded) return XAPNEWS_STATUS_SUCCESS;
    xapnews_status_t st = quiesce(w);
    for (unsigned k = 0; !st && k < w->n_dbs; k++)
        st = xn_settings_store(w->dbs[k], w->language, &w->tables, &w->err);
    if (!st) w->settled = w->recorded = 1;
    return st;
}

/* An official of an article: a table entry, or a name the table lacks. */
typedef struct {
    long entry;
    const char *name;
} official_ref;

static int has_ref(const official_ref *refs, size_t n, long entry,
                   const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (entry >= 0 ? refs[i].entry == entry
                       : refs[i].entry < 0 && strcmp(refs[i].name, name) == 0)
            return 1;
    return 0;
}

/* The one entry whose surname is NAME (a single word), or -1. */
static long lookup_surname(const xn_names *table, const char *name)
{
    char folded[XN_TOKEN_MAX_BYTES + 1];
    size_t n = xn_fold(name, strlen(name), folded, sizeof folded);
    long found = -1;
    if (n == (size_t)-1) return -1;
    for (size_t k = 0; k < xn_names_count(table); k++)
        if (strcmp(xn_names_get(table, k)->surname, folded) == 0) {
            if (found >= 0) return -1; /* ambiguous */
            found = (long)k;
        }
    return found;
}

/* The article's officials: those its record lists (by their canonical
 * name when the table knows them), then those its text names. */
static official_ref *collect_officials(xapnews_writer_t *w,
                                       const xapnews_article_t *a, size_t *n)
{
    const xn_names *table = w->tables.officials;
    size_t count = xn_names_count(table);
    official_ref *refs = malloc((a->n_officials + count + 1) * sizeof *refs);
    if (!refs) return NULL;
    *n = 0;
    for (size_t i = 0; i < a->n_officials; i++) {
        const char *name = a->officials[i];
        long k = xn_names_lookup(table, name, strlen(name));
        if (k < 0) k = lookup_surname(table, name);
        if (k >= 0) name = xn_names_get(table, (size_t)k)->canonical;
        if (!has_ref(refs, *n, k, name)) refs[(*n)++] = (official_ref){k, name};
    }
    for (size_t k = 0; k < count; k++)
        if (w->mentions[k] && !has_ref(refs, *n, (long)k, NULL))
            refs[(*n)++] = (official_ref){(long)k, xn_names_get(table, k)->canonical};
    return refs;
}

/* Indexes the canonical name and every variant of the official REF, each
 * after a gap from *POS on, so field searches for any spelling find the
 * official. */
static xapnews_status_t index_official_names(xapnews_writer_t *w, xs_doc *doc,
                                             const official_ref *ref,
                                             unsigned *pos)
{
    const xn_name *entry =
        ref->entry >= 0 ? xn_names_get(w->tables.officials, (size_t)ref->entry) : NULL;
    size_t names = 1 + (entry ? entry->n_variants : 0);
    for (size_t k = 0; k < names; k++) {
        const char *name = k == 0 ? ref->name : entry->variants[k - 1];
        xapnews_status_t st = index_text(w, doc, name, strlen(name),
                                         XN_PREFIX_OFFICIAL_TEXT, NULL, pos);
        if (st) return st;
        *pos += XN_FIELD_GAP;
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* Sets XN_SLOT_OFFICIALS to the set of the slugs in SLUGS (slug I ends at
 * ENDS[I], starts where slug I - 1 ends) that made XN_PREFIX_OFFICIAL
 * terms: the non-empty ones short enough to be a term. */
static xapnews_status_t add_officials_value(xapnews_writer_t *w, xs_doc *doc,
                                            const xn_strbuf *slugs,
                                            const size_t *ends, size_t n)
{
    xn_slugset_item *items = malloc((n + 1) * sizeof *items);
    xn_strbuf set = XN_STRBUF_INIT;
    size_t k = 0;
    for (size_t i = 0; items && i < n; i++) {
        size_t start = i ? ends[i - 1] : 0;
        if (ends[i] > start && fits_term(XN_PREFIX_OFFICIAL, ends[i] - start))
            items[k++] = (xn_slugset_item){slugs->data + start, ends[i] - start};
    }
    xapnews_status_t st;
    if (!items || xn_slugset_encode(items, k, &set) < 0)
        st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    else
        st = add_value(w, doc, XN_SLOT_OFFICIALS, set.data, set.len);
    free(items);
    xn_strbuf_free(&set);
    return st;
}

/* Indexes the words of each official's names, its XN_PREFIX_OFFICIAL
 * slug term and the set of those slugs (XN_SLOT_OFFICIALS). */
static xapnews_status_t index_officials(xapnews_writer_t *w, xs_doc *doc,
                                        const official_ref *refs, size_t n)
{
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    unsigned pos = 0;
    xn_strbuf slugs = XN_STRBUF_INIT; /* every official's slug, one after another */
    size_t *ends = malloc((n + 1) * sizeof *ends);
    if (!ends) return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    for (size_t i = 0; i < n && !st; i++) {
        st = index_official_names(w, doc, &refs[i], &pos);
        size_t start = slugs.len;
        if (!st && xn_slug_append(refs[i].name, strlen(refs[i].name), &slugs) < 0)
            st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        ends[i] = slugs.len;
        if (!st && slugs.len > start)
            st = add_boolean(w, doc, XN_PREFIX_OFFICIAL, slugs.data + start,
                             slugs.len - start);
    }
    if (!st) st = add_officials_value(w, doc, &slugs, ends, n);
    free(ends);
    xn_strbuf_free(&slugs);
    return st;
}

/* The words of the outlet's name and of its aliases, for field searches
 * and the outlet field weight. */
static xapnews_status_t index_outlet_words(xapnews_writer_t *w, xs_doc *doc,
                                           const char *outlet, long entry)
{
    const xn_name *e = entry >= 0 ? xn_names_get(w->tables.outlets, (size_t)entry) : NULL;
    unsigned pos = 0;
    xapnews_status_t st = index_text(w, doc, outlet, strlen(outlet),
                                     XN_PREFIX_OUTLET_TEXT, NULL, &pos);
    for (size_t k = 0; !st && e && k < e->n_variants; k++) {
        pos += XN_FIELD_GAP;
        st = index_text(w, doc, e->variants[k], strlen(e->variants[k]),
                        XN_PREFIX_OUTLET_TEXT, NULL, &pos);
    }
    return st;
}

/* Counts the body's capitalised words in mid-sentence (analysed in
 * w->toks) for the name lexicon, and keeps them in the article too, to be
 * taken away when it is replaced. */
static xapnews_status_t note_names(xapnews_writer_t *w, xs_doc *doc,
                                   const xapnews_article_t *a)
{
    xn_lexicon_clear(w->article_names);
    xn_strbuf_reset(&w->data);
    if (xn_lexicon_note(w->article_names, xapnews_article_get(a, XAPNEWS_FIELD_BODY),
                        a->field_len[XAPNEWS_FIELD_BODY], &w->toks) < 0 ||
        xn_lexicon_pending_add(w->lexicon, w->current, w->article_names) < 0 ||
        xn_lexicon_serialise_counts(w->article_names, &w->data) < 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    return w->data.len ? add_value(w, doc, XN_SLOT_NAMES, w->data.data, w->data.len)
                       : XAPNEWS_STATUS_SUCCESS;
}

/* The values A holds of field FD, into VALS (at most CAP; the number is
 * returned). */
static size_t values_of(const xapnews_article_t *a, const xn_field *fd,
                        const xn_article_value **vals, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_values && n < cap; i++)
        if (strcmp(a->values[i].name, fd->name) == 0) vals[n++] = &a->values[i];
    return n;
}

/* The most values of one field indexed. */
#define MAX_VALUES 1024

/* Indexes the values of the keyword or text field FD: a keyword's
 * boolean terms, a text's words, and the slot, when it has one, of their
 * slugs (a keyword's as a set; a text's first). */
static xapnews_status_t index_words_field(xapnews_writer_t *w, xs_doc *doc,
                                          const xn_field *fd,
                                          const xn_article_value **vals, size_t n)
{
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    xn_strbuf slugs = XN_STRBUF_INIT, set = XN_STRBUF_INIT;
    xn_slugset_item *items = malloc((n + 1) * sizeof *items);
    size_t *ends = malloc((n + 1) * sizeof *ends), n_items = 0;
    unsigned pos = 0;
    if (!items || !ends) goto nomem;
    for (size_t i = 0; i < n && !st; i++) {
        if (fd->kind == XAPNEWS_KIND_TEXT && (fd->flags & XAPNEWS_FIELD_SEARCHABLE)) {
            if (i) pos += XN_FIELD_GAP;
            st = index_text(w, doc, vals[i]->value, vals[i]->len, fd->prefix, NULL, &pos);
        }
        if (xn_slug_append(vals[i]->value, vals[i]->len, &slugs) < 0) goto nomem;
        ends[i] = slugs.len;
        size_t start = i ? ends[i - 1] : 0;
        if (!st && fd->kind == XAPNEWS_KIND_KEYWORD && (fd->flags & XAPNEWS_FIELD_FILTERABLE) &&
            ends[i] > start)
            st = add_boolean(w, doc, fd->prefix, slugs.data + start, ends[i] - start);
    }
    if (!st && fd->slot != XAPNEWS_NO_SLOT) {
        for (size_t i = 0; i < n; i++) {
            size_t start = i ? ends[i - 1] : 0;
            if (ends[i] > start && fits_term("", ends[i] - start))
                items[n_items++] = (xn_slugset_item){slugs.data + start, ends[i] - start};
            if (fd->kind == XAPNEWS_KIND_TEXT && n_items) break; /* a text sorts by its first */
        }
        if (n_items && xn_slugset_encode(items, n_items, &set) < 0) goto nomem;
        if (n_items) st = add_value(w, doc, fd->slot, set.data, set.len);
    }
    goto out;
nomem:
    st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
out:
    free(items);
    free(ends);
    xn_strbuf_free(&slugs);
    xn_strbuf_free(&set);
    return st;
}

/* Indexes the values of the declared fields of A (checked by
 * check_values()). */
static xapnews_status_t index_declared(xapnews_writer_t *w, xs_doc *doc,
                                       const xapnews_article_t *a)
{
    const xn_fields *f = w->tables.fields;
    const xn_article_value **vals = a->n_values ? malloc(a->n_values * sizeof *vals) : NULL;
    if (a->n_values && !vals)
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    for (size_t k = XN_FIELDS_BUILTIN; f && k < f->n && !st && a->n_values; k++) {
        const xn_field *fd = &f->f[k];
        size_t n = values_of(a, fd, vals, MAX_VALUES);
        if (!n) continue;
        if (fd->kind == XAPNEWS_KIND_TEXT || fd->kind == XAPNEWS_KIND_KEYWORD) {
            st = index_words_field(w, doc, fd, vals, n);
        } else if (fd->kind == XAPNEWS_KIND_DATE) {
            xn_date d;
            char compact[9], why[8];
            if (xn_date_parse(vals[0]->value, &d, why, sizeof why) < 0) continue;
            xn_date_compact(&d, compact);
            if ((fd->flags & XAPNEWS_FIELD_FILTERABLE) && *fd->prefix &&
                ((st = add_boolean(w, doc, fd->prefix, compact, 4)) ||
                 (d.month && (st = add_boolean(w, doc, fd->prefix, compact, 6))) ||
                 (d.day && (st = add_boolean(w, doc, fd->prefix, compact, 8)))))
                break;
            if (fd->slot != XAPNEWS_NO_SLOT)
                st = add_value(w, doc, fd->slot, compact, strlen(compact));
        } else { /* a number */
            double num;
            char ser[18];
            if (xn_field_parse_number(vals[0]->value, &num) < 0) continue;
            if (fd->slot != XAPNEWS_NO_SLOT)
                st = add_value(w, doc, fd->slot, ser, xs_sortable_serialise(num, ser));
        }
    }
    free(vals);
    return st;
}

/* Refuses an article with a value no declared field takes: an unknown or
 * built-in name, a second value of a field that is not multiple, a
 * malformed date or number. */
static xapnews_status_t check_values(xapnews_writer_t *w, const xapnews_article_t *a,
                                     const char *id)
{
    for (size_t i = 0; i < a->n_values; i++) {
        const xn_article_value *v = &a->values[i];
        const xn_field *fd = xn_fields_find(w->tables.fields, v->name, strlen(v->name));
        if (!fd || xn_field_is_builtin(fd))
            return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                fd ? "article '%s': \"%s\" is a built-in field: set it with "
                                     "xapnews_article_set()"
                                   : "article '%s': \"%s\" is not a declared field (see the "
                                     "fields schema)",
                                id, v->name);
        if (!(fd->flags & XAPNEWS_FIELD_MULTIPLE))
            for (size_t j = 0; j < i; j++)
                if (strcmp(a->values[j].name, v->name) == 0)
                    return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                        "article '%s': \"%s\" takes one value, not several",
                                        id, v->name);
        xn_date d;
        double num;
        char why[128];
        if (fd->kind == XAPNEWS_KIND_DATE &&
            (strlen(v->value) != v->len || xn_date_parse(v->value, &d, why, sizeof why) < 0))
            return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                "article '%s': bad \"%s\" '%.64s': %s", id, v->name, v->value,
                                strlen(v->value) != v->len ? "it holds a NUL" : why);
        if (fd->kind == XAPNEWS_KIND_NUMBER && xn_field_parse_number(v->value, &num) < 0)
            return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                "article '%s': \"%s\" '%.64s' is not a number", id, v->name,
                                v->value);
    }
    return XAPNEWS_STATUS_SUCCESS;
}

/* The MinHash sketch of the body just analysed (w->toks), into w->sketch
 * (stored in XN_SLOT_SKETCH with the story key: add_story()) and one
 * XN_PREFIX_DUPBAND term per band: from the words of the text, one per
 * position (not the variants laid beside them). */
static xapnews_status_t index_sketch(xapnews_writer_t *w, xs_doc *doc)
{
    const xn_tokens *l = &w->toks;
    if (l->n_plain > w->word_hashes_cap) {
        size_t cap = l->n_plain + l->n_plain / 2 + 16;
        uint64_t *h = realloc(w->word_hashes, cap * sizeof *h);
        if (!h) return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        w->word_hashes = h;
        w->word_hashes_cap = cap;
    }
    size_t n = 0;
    for (size_t i = 0; i < l->n_plain; i++) {
        if (i && l->t[i].pos == l->t[i - 1].pos) continue;
        w->word_hashes[n++] = xn_sketch_word_hash(xn_tokens_term(l, i), l->t[i].len);
    }
    xn_sketch_compute(w->word_hashes, n, &w->sketch);
    if (!w->sketch.shingles) return XAPNEWS_STATUS_SUCCESS;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    xs_error xe;
    for (unsigned b = 0; b < XN_SKETCH_BANDS && !st; b++) {
        if (xn_story_band_term(&w->sketch, b, &w->term) < 0)
            return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        if (xs_doc_add_term(doc, w->term.data, w->term.len, 0, &xe) < 0)
            st = xn_error_from_shim(&w->err, &xe, NULL);
    }
    return st;
}

static xapnews_status_t build_document(xapnews_writer_t *w,
                                       const xapnews_article_t *a,
                                       const xn_date *date, xs_doc *doc)
{
    xapnews_status_t st;
    size_t count = xn_names_count(w->tables.officials);
    if (count > w->mentions_cap) {
        unsigned *m = realloc(w->mentions, count * sizeof *m);
        if (!m) return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        w->mentions = m;
        w->mentions_cap = count;
    }
    if (count) memset(w->mentions, 0, count * sizeof *w->mentions);

    unsigned pos = 0;
    const char *title = xapnews_article_get(a, XAPNEWS_FIELD_TITLE);
    if ((st = index_text(w, doc, title, a->field_len[XAPNEWS_FIELD_TITLE], "",
                         XN_PREFIX_TITLE, &pos)) ||
        (count && (st = count_mentions(w))))
        return st;
    pos += XN_FIELD_GAP;
    if ((st = index_text(w, doc, xapnews_article_get(a, XAPNEWS_FIELD_BODY),
                         a->field_len[XAPNEWS_FIELD_BODY], "", NULL, &pos)) ||
        (count && (st = count_mentions(w))) || (st = index_sketch(w, doc)))
        return st;
    if ((st = note_names(w, doc, a))) return st;

    size_t n_refs = 0;
    official_ref *refs = collect_officials(w, a, &n_refs);
    if (!refs) return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    const char **names = malloc((n_refs + 1) * sizeof *names);
    if (!names) {
        free(refs);
        return xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    for (size_t i = 0; i < n_refs; i++) names[i] = refs[i].name;
    st = index_officials(w, doc, refs, n_refs);

    const char *outlet = xapnews_article_get(a, XAPNEWS_FIELD_OUTLET);
    long ok = *outlet ? xn_names_lookup(w->tables.outlets, outlet, strlen(outlet)) : -1;
    if (ok >= 0) outlet = xn_names_get(w->tables.outlets, (size_t)ok)->canonical;
    if (!st && *outlet && !(st = add_slug_term(w, doc, XN_PREFIX_OUTLET, outlet)))
        st = add_value(w, doc, XN_SLOT_OUTLET, outlet, strlen(outlet));
    if (!st && *outlet) st = index_outlet_words(w, doc, outlet, ok);
    char iso[11] = "";
    if (!st && date && !(st = add_date(w, doc, date))) xn_date_iso(date, iso);
    if (!st) st = index_declared(w, doc, a);
    if (!st) { /* the summary a result list shows, then the whole data */
        xn_strbuf_reset(&w->data);
        if (xn_docdata_encode_summary(a, iso, outlet, &w->data) < 0 ||
            xn_docdata_encode_values(a, w->tables.fields, &w->data) < 0)
            st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
        else
            st = add_value(w, doc, XN_SLOT_SUMMARY, w->data.data, w->data.len);
        xn_strbuf_reset(&w->data);
        if (!st && (xn_docdata_encode(a, iso, outlet, names, n_refs, &w->data) < 0 ||
                    xn_docdata_encode_values(a, w->tables.fields, &w->data) < 0))
            st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    xs_error xe;
    if (!st && xs_doc_set_data(doc, w->data.data, w->data.len, &xe) < 0)
        st = xn_error_from_shim(&w->err, &xe, NULL);
    free(names);
    free(refs);
    return st;
}

/* Commits everything stored so far; see commit_all() for BATCH. */
static xapnews_status_t commit_now(xapnews_writer_t *w, int batch)
{
    xapnews_status_t st = quiesce(w);
    if (!st && w->record_on_commit) st = record_settings(w);
    if (!st) st = commit_all(w, w->spelling, w->lexicon, batch, &w->err);
    if (!st) w->pending = 0;
    return st;
}

xapnews_status_t xapnews_writer_add(xapnews_writer_t *w,
                                    const xapnews_article_t *a)
{
    if (!w || !a) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    xn_error_clear(&w->err);
    const char *id = xapnews_article_get(a, XAPNEWS_FIELD_ID);
    size_t id_len = a->field_len[XAPNEWS_FIELD_ID];
    if (id_len == 0)
        return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                            "article has no id");
    if (id_len > MAX_ID_BYTES)
        return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                            "article id is %zu bytes long; the limit is %d",
                            id_len, MAX_ID_BYTES);
    xn_date date, *datep = NULL;
    const char *date_text = xapnews_article_get(a, XAPNEWS_FIELD_DATE);
    if (*date_text) {
        char why[128];
        if (xn_date_parse(date_text, &date, why, sizeof why) < 0)
            return xn_error_set(&w->err, XAPNEWS_STATUS_BAD_INPUT,
                                "article '%s': bad date '%s': %s", id,
                                date_text, why);
        datep = &date;
    }
    xapnews_status_t vst = check_values(w, a, id);
    if (vst) return vst;
    int slot = db_for(w, id, id_len);
    if (slot == -2) return w->err.status;
    if (slot < 0) return XAPNEWS_STATUS_SUCCESS; /* another writer's shard */
    xs_db *db = w->dbs[slot];
    xapnews_status_t st = record_settings(w);
    if (st) return st;
    xs_error xe;
    xs_doc *doc = xs_doc_new(&xe);
    if (!doc) return xn_error_from_shim(&w->err, &xe, NULL);
    w->current = db;
    st = build_document(w, a, datep, doc);
    if (!st) /* acronyms the body defines ("Office of Personnel Management (OPM)") */
        st = xn_acronyms_index(doc, xapnews_article_get(a, XAPNEWS_FIELD_BODY),
                               a->field_len[XAPNEWS_FIELD_BODY], &w->err);
    if (!st) st = add_value(w, doc, XN_SLOT_ID, id, id_len);
    if (!st) st = add_boolean(w, doc, XN_PREFIX_ID, id, id_len);
    if (!st && make_term(w, XN_PREFIX_ID, "", id, id_len) < 0)
        st = xn_error_set(&w->err, XAPNEWS_STATUS_OUT_OF_MEMORY, "out of memory");
    /* what the analysing side does for the storing side */
    if (!st) st = seek_story_ahead(w, (unsigned)slot, id, id_len);
    if (!st && xs_db_spelling_per_document(db) &&
        xs_spelling_counts_add_doc(w->spelling[slot], doc, &xe) < 0)
        st = xn_error_from_shim(&w->err, &xe, NULL);
    if (!st && w->pipe) {
        st = hand_over(w, (unsigned)slot, doc);
        doc = NULL;
    } else if (!st) {
        story_ahead ahead = {w->near.overlap, w->near.at, w->near.key.data, w->near.key.len,
                             w->searched, w->known_new};
        if (store_document(w, (unsigned)slot, doc, &w->sketch, w->term.data, w->term.len,
                           &ahead, &xe) < 0)
            st = xn_error_from_shim(&w->err, &xe, "cannot add the article");
    }
    xs_doc_free(doc);
    if (st) return st;
    w->articles++;
    if (w->batch && ++w->pending >= batch_now(w)) {
        if (!w->pipe) return commit_now(w, 1);
        w->pending = 0;
        return hand_over_commit(w);
    }
    return XAPNEWS_STATUS_SUCCESS;
}

xapnews_status_t xapnews_writer_commit(xapnews_writer_t *w)
{
    if (!w) return XAPNEWS_STATUS_INVALID_ARGUMENT;
    return commit_now(w, 0);
}

xapnews_status_t xapnews_writer_close(xapnews_writer_t *w, char **error)
{
    if (!w) return XAPNEWS_STATUS_SUCCESS;
    xs_error xe;
    xapnews_status_t st = XAPNEWS_STATUS_SUCCESS;
    if (w->pipe && xn_pipeline_free(w->pipe) < 0) {
        st = pipe_failed(w);
        xn_error_export(&w->err, error);
    }
    w->pipe = NULL;
    if (!st && w->record_on_commit && (st = record_settings(w)))
        xn_error_export(&w->err, error);
    for (unsigned k = 0; k < w->n_dbs; k++) {
        if (!st && xs_db_spelling_take(w->dbs[k], w->spelling[k], &xe) < 0) {
            st = xn_error_from_shim(&w->err, &xe, "cannot count the spelling words");
            xn_error_export(&w->err, error);
        }
        if (!st && (st = xn_lexicon_pending_flush(w->lexicon, w->replaced, w->dbs[k], &w->err)))
            xn_error_export(&w->err, error);
        if (xs_db_close(w->dbs[k], &xe) < 0 && !st) {
            st = xn_error_from_shim(&w->err, &xe, "commit on close failed");
            xn_error_export(&w->err, error);
        }
    }
    xn_lexicon_pending_free(w->lexicon);
    xn_lexicon_pending_free(w->replaced);
    xn_lexicon_free(w->article_names);
    for (unsigned k = 0; k < w->n_dbs; k++) xn_idset_free(w->fresh[k]);
    free(w->fresh);
    for (unsigned s = 0; w->peers && s < w->n_shards; s++) xs_db_close(w->peers[s], &xe);
    free(w->peers);
    free(w->dbs);
    free(w->shard_of);
    free(w->path);
    xn_stemmer_free(w->stemmer);
    xn_strbuf_free(&w->term);
    xn_strbuf_free(&w->data);
    xn_tables_free(&w->tables);
    xn_tokens_free(&w->toks);
    free(w->mentions);
    free(w->word_hashes);
    xn_strbuf_free(&w->story);
    xn_strbuf_free(&w->record);
    free(w->placed);
    free(w->ahead);
    free(w->searched);
    free(w->behind);
    drop_sessions(w);
    xn_strbuf_free(&w->noted_key);
    free_spelling_counts(w->spelling);
    xn_strbuf_free(&w->near.key);
    xn_strbuf_free(&w->stored_near.key);
    free(w);
    return st;
}

const char *xapnews_writer_last_error(const xapnews_writer_t *w)
{
    return w ? w->err.message : "no writer";
}
