/* story.h - the story an article belongs to: the near duplicates an index
 * holds of it.
 *
 * Each article stores the MinHash sketch of its body (sketch.h) in
 * XN_SLOT_SKETCH; nothing else is indexed for it. Candidates come from the
 * postings the article's words have anyway: of the XN_STORY_PROBE_WORDS
 * distinct words with the least xn_sketch_word_hash() (a random sample of
 * its vocabulary that two texts sharing most words mostly share), the
 * XN_STORY_ANCHORS held by the fewest other articles are its anchors, and
 * the articles holding two of them or more (one, when the article has
 * fewer than three) are candidates, those holding the most first. A
 * candidate whose sketch agrees with the article's on
 * XN_STORY_MIN_OVERLAP of its hashes or more is a near duplicate.
 *
 * The indexer gives a new article the story key of its nearest near
 * duplicate already in the index (the id of the first article of that
 * story), or its own id when it has none, and stores it in XN_SLOT_STORY
 * and as an XN_PREFIX_STORY term, so that a search can collapse on it and
 * list a story's articles.
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
#include <stdint.h>

/* The least estimated overlap of two bodies' shingles that makes them one
 * story. Republished wire copies overlap by 0.8 and more; unrelated
 * articles on one subject by less than 0.3 (bench/duplicates.py). */
#define XN_STORY_MIN_OVERLAP 0.7

/* Words of an article whose frequency is looked up, anchors kept of them,
 * the most articles an anchor may be held by (a commoner word finds
 * nothing a rarer one would not), and the most candidates compared. */
#define XN_STORY_PROBE_WORDS 24
#define XN_STORY_ANCHORS 8
#define XN_STORY_ANCHOR_DOCS 4096
#define XN_STORY_CANDIDATES 64

/* The longest word kept in a probe, in bytes (longer ones are skipped). */
#define XN_STORY_WORD_MAX 48

/* What finds an article's near duplicates: its sketch and a sample of its
 * words. Plain data: copy it freely. */
typedef struct {
    xn_sketch sketch;
    unsigned n_words;
    uint64_t hash[XN_STORY_PROBE_WORDS]; /* ascending */
    unsigned char len[XN_STORY_PROBE_WORDS];
    char word[XN_STORY_PROBE_WORDS][XN_STORY_WORD_MAX];
} xn_story_probe;

/** Empties P's word sample (its sketch is the caller's to set). */
void xn_story_probe_clear(xn_story_probe *p);

/** Offers the LEN-byte WORD of the article, whose xn_sketch_word_hash()
 *  is HASH, to P's sample; repeats are ignored. */
void xn_story_probe_add(xn_story_probe *p, const char *word, size_t len, uint64_t hash);

/* One near duplicate found: its id, its story key ("" when it was indexed
 * without one) and the estimated overlap. Non-zero stops the search. */
typedef int (*xn_story_fn)(void *ctx, const char *id, size_t id_len, const char *key,
                           size_t key_len, double overlap);

/** Calls FN once for each candidate article of the N_DBS databases DBS,
 *  other than the one with id SKIP (SKIP_LEN bytes; NULL skips none),
 *  that overlaps P's sketch by at least MIN. HELD is 1 when DBS hold the
 *  article P was made from (its own words then count once in their
 *  frequencies), 0 when it is about to be stored. An empty sketch finds
 *  nothing. Returns 0, or -1 with XE set. */
int xn_story_near(xs_db *const *dbs, size_t n_dbs, const xn_story_probe *p, unsigned held,
                  const char *skip, size_t skip_len, double min, xn_story_fn fn, void *ctx,
                  xs_error *xe);

/** The story key of an article with id ID and probe P about to be stored
 *  in one of DBS: the key of the article it overlaps most (at least
 *  XN_STORY_MIN_OVERLAP; ties go to the first found), else ID. Written to
 *  KEY (replacing what it held). Returns 0, or -1 with XE set. */
int xn_story_key(xs_db *const *dbs, size_t n_dbs, const xn_story_probe *p, const char *id,
                 size_t id_len, xn_strbuf *key, xs_error *xe);

#endif
