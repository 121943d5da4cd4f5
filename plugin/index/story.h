/* story.h - the story an article belongs to: the near duplicates an index
 * holds of it.
 *
 * Each article stores the MinHash sketch of its body (sketch.h) in
 * XN_SLOT_SKETCH and one XN_PREFIX_DUPBAND term per band of it. Articles
 * sharing a band are candidates; a candidate whose sketch agrees with the
 * article's on XN_STORY_MIN_OVERLAP of its hashes or more is a near
 * duplicate. The indexer gives a new article the story key of its nearest
 * near duplicate already in the index (the id of the first article of
 * that story), or its own id when it has none, and stores it in
 * XN_SLOT_STORY and as an XN_PREFIX_STORY term, so that a search can
 * collapse on it and list a story's articles.
 *
 * A story search reads one value of each candidate: XN_SLOT_SKETCH holds
 * the sketch, the story key and the id together (a story record, below),
 * for each value read is a B-tree lookup of its own. Articles indexed
 * before the record held only their sketch there; their key and id are
 * read from XN_SLOT_STORY and XN_SLOT_ID.
 *
 * Errors are the shim's (a database that cannot be read) or running out
 * of memory, reported in the xs_error given.
 */
#ifndef XAPNEWS_STORY_H
#define XAPNEWS_STORY_H

#include "sketch.h"
#include "strbuf.h"
#include "xapian_shim.h"

#include <stddef.h>

/* The least estimated overlap of two bodies' shingles that makes them one
 * story. Republished wire copies overlap by 0.8 and more; unrelated
 * articles on one subject by less than 0.3 (bench/duplicates.py). */
#define XN_STORY_MIN_OVERLAP 0.7

/* The most documents read per band: a band shared by more (boilerplate
 * text) is read this far only. */
#define XN_STORY_BAND_DOCS 64

/* One near duplicate found: its id, its story key ("" when it was indexed
 * without one) and the estimated overlap. Non-zero stops the search. */
typedef int (*xn_story_fn)(void *ctx, const char *id, size_t id_len, const char *key,
                           size_t key_len, double overlap);

/** Calls FN once for each article of the N_DBS databases DBS, other than
 *  the one with id SKIP (SKIP_LEN bytes; NULL skips none), that shares a
 *  band with S and overlaps it by at least MIN. An empty sketch finds
 *  nothing. Returns 0, or -1 with XE set. */
int xn_story_near(xs_db *const *dbs, size_t n_dbs, const xn_sketch *s, const char *skip,
                  size_t skip_len, double min, xn_story_fn fn, void *ctx, xs_error *xe);

/** The story key of an article with id ID and body sketch S about to be
 *  stored in one of DBS: the key of the article it overlaps most (at least
 *  XN_STORY_MIN_OVERLAP; ties go to the first found), else ID. Written to
 *  KEY (replacing what it held). Returns 0, or -1 with XE set. */
int xn_story_key(xs_db *const *dbs, size_t n_dbs, const xn_sketch *s, const char *id,
                 size_t id_len, xn_strbuf *key, xs_error *xe);

/* The nearest near duplicate of one article found so far, kept across
 * searches of parts of the databases (xn_story_seek()). */
typedef struct {
    double overlap; /* its estimated overlap; 0 while none is found */
    unsigned at;    /* where it was found: band * databases + entry */
    xn_strbuf key;  /* its story key */
} xn_story_nearest;
#define XN_STORY_NEAREST_INIT {0.0, 0, XN_STRBUF_INIT}

/** Forgets what N found (keeping its memory for the next article). */
void xn_story_nearest_reset(xn_story_nearest *n);

/* The articles a writer stored in one database since a read handle of it
 * was opened (a session): with it, a search through the read handle sees
 * what the writer's own handle sees, without waiting for the writer. */
typedef struct xn_story_session xn_story_session;

/** A new session of a database whose highest docid is LAST_DOCID (free
 *  with xn_story_session_free()), or NULL without memory. */
xn_story_session *xn_story_session_new(unsigned last_docid);
void xn_story_session_free(xn_story_session *session);

/** The number of articles noted. */
size_t xn_story_session_size(const xn_story_session *session);

/** The docid of the article with id ID (LEN bytes) noted in SESSION, or 0
 *  when none is. */
unsigned xn_story_session_docid(const xn_story_session *session, const char *id, size_t len);

/** Notes an article stored with id ID, story key KEY and sketch S: at
 *  DOCID when it replaces a document of the database (the one read handles
 *  see there is then left out), at its docid again when it was noted
 *  before, else (DOCID 0) as a new document, at the docid after the last
 *  one. Articles must be noted in the order they are stored. Returns 0,
 *  or -1 without memory. */
int xn_story_session_note(xn_story_session *session, unsigned docid, const char *id,
                          size_t id_len, const char *key, size_t key_len, const xn_sketch *s);

/** xn_story_key()'s search over the entries of DBS that are not NULL or
 *  have a session, N_DBS the number of all the entries; an entry with a
 *  session in SESSIONS (NULL: none) is a read handle, searched with the
 *  articles its session noted, or NULL when the database held no
 *  documents as the session began (the session's articles alone are then
 *  searched). A near duplicate found replaces N's when it overlaps more,
 *  or as much and comes first in the order of xn_story_key() (band by
 *  band, entry by entry, docid by docid). So the entries may be
 *  searched in parts, one after the other, with the same N (reset before
 *  the first): the key N leads to is the key one search of them all gives.
 *  Returns 0, or -1 with XE set. */
int xn_story_seek(xs_db *const *dbs, xn_story_session *const *sessions, size_t n_dbs,
                  const xn_sketch *s, const char *id, size_t id_len, xn_story_nearest *n,
                  xs_error *xe);

/** The story key N leads to, into KEY (replacing what it held): the key of
 *  the near duplicate found, else ID. Returns 0, or -1 with XE set. */
int xn_story_nearest_key(const xn_story_nearest *n, const char *id, size_t id_len,
                         xn_strbuf *key, xs_error *xe);

/** After articles were stored in DB by writers that could not see each
 *  other's (parts built apart, then compacted in order; the N_STARTS
 *  STARTS are the first docids of the parts after the first, ascending),
 *  gives each article of a later part the story key one writer adding
 *  every article in docid order would have given it: its nearest near
 *  duplicate is sought among the articles before it only, as they were
 *  keyed. Sought only where that can change its key: for an article
 *  sharing a band with an earlier part's, or with an article keyed again
 *  before it; the others are left as their writer keyed them. DB must be
 *  a writer. Returns 0, or -1 with XE set. */
int xn_story_settle(xs_db *db, const unsigned *starts, size_t n_starts, xs_error *xe);

/** The term XN_PREFIX_DUPBAND + band B of S into TERM. 0, or -1 when
 *  memory runs out. */
int xn_story_band_term(const xn_sketch *s, unsigned b, xn_strbuf *term);

/** The story record of an article with sketch S, story key KEY (KEY_LEN
 *  bytes) and id ID (ID_LEN bytes), as XN_SLOT_SKETCH stores it, into OUT
 *  (replacing what it held): the sketch's XN_SKETCH_BYTES bytes
 *  (xn_sketch_encode()), the key's length in 2 bytes (big endian), the
 *  key, the id. A key of 65,536 bytes or more is left out with the id:
 *  the record is then the sketch alone. 0, or -1 when memory runs out. */
int xn_story_record_encode(const xn_sketch *s, const char *key, size_t key_len, const char *id,
                           size_t id_len, xn_strbuf *out);

/** Reads the story record V (LEN bytes) into *S, and *KEY and *ID (into
 *  V, with their lengths). Returns 1 for a whole record, 0 for a sketch
 *  alone (an article indexed before records held more, or with an
 *  overlong key: its key and id are in their own slots; *KEY and *ID are
 *  then NULL), -1 for no sketch (an empty *S). */
int xn_story_record_decode(const char *v, size_t len, xn_sketch *s, const char **key,
                           size_t *key_len, const char **id, size_t *id_len);

#endif
