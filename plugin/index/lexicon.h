/* lexicon.h - the name lexicon: how often each word is written with a
 * capital letter in the middle of a sentence.
 *
 * A word that is capitalised where no sentence starts is most likely a
 * name ("said Guo Shengkun"), so the lexicon tells names from ordinary
 * words for `xapnews synonyms suggest` (plugin/discovery/suggest.h) and for the
 * name-aware typo tolerance of searches (plugin/query/typos.h).
 *
 * The writer counts, for each body it indexes, the words that start with a
 * capital letter, are not all in capitals (acronyms, shouted headlines),
 * and follow another word of the same sentence (no . ! ? or : between
 * them); a possessive counts for its bare word. It adds no term to the
 * documents. At each commit it adds its counts to those stored in the
 * database's metadata, one key per word (XN_LEXICON_WORD_PREFIX and the
 * word, the count in decimal), so the lexicon covers every article indexed
 * and a commit reads and writes the words of its articles only, whatever
 * the size of the archive, in the order of their keys (each B-tree block
 * it changes is read and written once). Each article also keeps its own
 * counts, in the value slot XN_SLOT_NAMES (the stored format's lines, no
 * header): when it is indexed again, the writer takes those away at the
 * next commit, so the counts stay those of the articles the database
 * holds. A sharded database keeps, in each shard, the counts of that
 * shard's articles; xn_lexicon_load() adds them up.
 *
 * Text format (xn_lexicon_serialise(), and the single value XN_LEXICON_KEY
 * of databases written before the per-word keys, still read, and moved to
 * per-word keys by the next commit): the line "xapnews-lexicon 1", then
 * one line "WORD COUNT" per word (WORD folded as index terms are). Lines
 * that do not parse are skipped when reading.
 *
 * Not thread-safe; a lexicon is owned by whoever created it.
 */
#ifndef XAPNEWS_LEXICON_H
#define XAPNEWS_LEXICON_H

#include <stddef.h>

#include "terms.h"
#include "error.h"
#include "strbuf.h"

#define XN_LEXICON_WORD_PREFIX "xapnews:lexicon:"
#define XN_LEXICON_KEY "xapnews:lexicon"

typedef struct xn_lexicon xn_lexicon;

/** An empty lexicon, or NULL when memory runs out. */
xn_lexicon *xn_lexicon_new(void);
void xn_lexicon_free(xn_lexicon *lex);

/** Empties LEX, keeping its memory for reuse. */
void xn_lexicon_clear(xn_lexicon *lex);

/** Adds COUNT to the count of the LEN-byte WORD. Returns 0, or -1 when
 *  memory runs out. */
int xn_lexicon_add(xn_lexicon *lex, const char *word, size_t len,
                   unsigned long count);

/** The count of WORD (0 when absent). */
unsigned long xn_lexicon_get(const xn_lexicon *lex, const char *word,
                             size_t len);

/** Number of words in the lexicon. */
size_t xn_lexicon_size(const xn_lexicon *lex);

/** Calls FN for every word with its count (in no particular order); a
 *  non-zero return from FN stops and is returned. */
int xn_lexicon_each(const xn_lexicon *lex,
                    int (*fn)(void *ctx, const char *word, size_t len,
                              unsigned long count),
                    void *ctx);

/** Counts the capitalised words in mid-sentence of TEXT (LEN bytes),
 *  analysed into TOKS by xn_analyze(). Returns 0, or -1 when memory runs
 *  out. */
int xn_lexicon_note(xn_lexicon *lex, const char *text, size_t len,
                    const xn_tokens *toks);

/** Adds the counts of the stored form TEXT (LEN bytes) to LEX. Returns 0,
 *  or -1 when memory runs out. */
int xn_lexicon_merge_text(xn_lexicon *lex, const char *text, size_t len);

/** Appends the stored form of LEX to OUT (words counted 0 left out).
 *  Returns 0, or -1 when memory runs out. */
int xn_lexicon_serialise(const xn_lexicon *lex, xn_strbuf *out);

/** The same without the header line: what an article keeps of its own
 *  counts. */
int xn_lexicon_serialise_counts(const xn_lexicon *lex, xn_strbuf *out);

/** Reads the lexicon of the database DB opened from PATH into a new *OUT
 *  (empty for an index built before lexicons existed). When PATH is a stub
 *  (a sharded database, or a stub file of local or remote databases), the
 *  sum of the lexicons of every database it lists (plugin/index/stub.h). PATH
 *  may be NULL (DB's own metadata only). On failure sets ERR and returns
 *  its status. */
xapnews_status_t xn_lexicon_load(xs_db *db, const char *path,
                                 xn_lexicon **out, xn_error *err);

/* ---- searchers: the words, then a count at a time ------------------------ */

/** The name lexicon as a search reads it: the words alone, then the
 *  counts of the few words it needs, each read from its key (a search
 *  comparing a word with every name reads the names' keys, not their
 *  values). Where counts cannot be read one key at a time (a stub, whose
 *  metadata Xapian reads from the first database only, or a database
 *  holding the single value), the whole lexicon is read at once with
 *  xn_lexicon_load() instead. Borrows the database, which must outlive
 *  the reader; not thread-safe. */
typedef struct xn_lexicon_reader xn_lexicon_reader;

/** A reader of the lexicon of DB opened from PATH (may be NULL: DB's own
 *  metadata only) into *OUT. On failure sets ERR and returns its
 *  status. */
xapnews_status_t xn_lexicon_reader_open(xs_db *db, const char *path, xn_lexicon_reader **out,
                                        xn_error *err);
void xn_lexicon_reader_free(xn_lexicon_reader *r);

/** What xn_lexicon_reader_each() gives for a count not read. */
#define XN_LEXICON_UNCOUNTED ((unsigned long)-1)

/** Calls FN for every word of the lexicon (in no particular order), with
 *  its count where the whole lexicon was read, else XN_LEXICON_UNCOUNTED
 *  (xn_lexicon_reader_count() reads it). A non-zero return from FN stops
 *  the walk and is returned; -1 with ERR set when the database cannot be
 *  read. */
int xn_lexicon_reader_each(xn_lexicon_reader *r,
                           int (*fn)(void *ctx, const char *word, size_t len,
                                     unsigned long count),
                           void *ctx, xn_error *err);

/** Reads the whole lexicon at once, for a reader used long enough that
 *  every count is worth having (xn_lexicon_reader_each() then gives
 *  them); does nothing when it was read whole. On failure sets ERR and
 *  returns its status (the reader is as it was). */
xapnews_status_t xn_lexicon_reader_read_whole(xn_lexicon_reader *r, xn_error *err);

/** The count of the LEN-byte WORD into *COUNT (0 when absent), read from
 *  its key once, then kept: like a lexicon read whole, the reader gives
 *  each count as it was when first read. On failure sets ERR and returns
 *  its status. */
xapnews_status_t xn_lexicon_reader_count(xn_lexicon_reader *r, const char *word, size_t len,
                                         unsigned long *count, xn_error *err);

/** For a compaction: when KEY is a lexicon key (a word's, or the single
 *  value), appends to OUT the sum of the N VALUES (LENS[i] bytes each) the
 *  sources hold and returns 1; returns 0 for any other key, -1 when memory
 *  runs out. */
int xn_lexicon_merge_values(const char *key, const char *const *values, const size_t *lens,
                            size_t n, xn_strbuf *out);

/* ---- writers: counts pending per database ------------------------------- */

/** The counts a writer gathers for each of its databases until it
 *  commits: those to add (articles written) and those to take away
 *  (articles replaced). */
typedef struct xn_lexicon_pending xn_lexicon_pending;

xn_lexicon_pending *xn_lexicon_pending_new(void);
void xn_lexicon_pending_free(xn_lexicon_pending *p);

/** Adds the counts of an article written to DB. Returns 0, or -1 when
 *  memory runs out. */
int xn_lexicon_pending_add(xn_lexicon_pending *p, xs_db *db, const xn_lexicon *counts);

/** Notes the counts STORED (LEN bytes, as xn_lexicon_serialise_counts()
 *  writes them) of an article of DB that is being replaced, to take away.
 *  Returns 0, or -1 when memory runs out. */
int xn_lexicon_pending_forget(xn_lexicon_pending *p, xs_db *db, const char *stored,
                              size_t len);

/** Stores in DB (as metadata, committed with DB's next commit) the counts
 *  of the words ADDED or REMOVED hold for DB: as stored, plus those ADDED
 *  holds, minus those REMOVED holds to take away (never below 0), and
 *  forgets both. Reads and writes those words' keys only. ADDED and REMOVED may be the
 *  same, or NULL. Does nothing when neither holds counts for DB. On
 *  failure sets ERR and returns its status. */
xapnews_status_t xn_lexicon_pending_flush(xn_lexicon_pending *added,
                                          xn_lexicon_pending *removed, xs_db *db,
                                          xn_error *err);

#endif
