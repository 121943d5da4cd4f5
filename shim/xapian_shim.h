/* xapian_shim.h - a C interface over the parts of Xapian 1.4 that xapnews uses.
 *
 * This is the only boundary between xapnews's C code and Xapian's C++ API.
 * It is internal (not installed). Rules that hold for every function here:
 *
 *  - No C++ exception crosses this interface. Every Xapian::Error and
 *    std::exception is caught and reported through the xs_error passed in.
 *  - Functions that can fail take an `xs_error *err` (never NULL) and return
 *    either a pointer (NULL on failure) or an int (0 on success, -1 on
 *    failure). On failure err->code and err->message are set; on success
 *    err is left untouched.
 *  - Handles returned by xs_*_new / xs_*_open are owned by the caller and
 *    released with the matching xs_*_free / xs_db_close.
 *  - Strings are UTF-8 and passed with explicit lengths where they may hold
 *    NUL bytes (terms and values); plain C strings elsewhere.
 */
#ifndef XAPNEWS_XAPIAN_SHIM_H
#define XAPNEWS_XAPIAN_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Error classes, mapped from Xapian's exception hierarchy. */
typedef enum {
    XS_OK = 0,
    XS_NO_MEMORY,        /* std::bad_alloc */
    XS_NOT_FOUND,        /* DatabaseNotFoundError, DocNotFoundError */
    XS_LOCKED,           /* DatabaseLockError: another writer holds the lock */
    XS_CORRUPT,          /* DatabaseCorruptError */
    XS_OPENING,          /* other DatabaseOpeningError (bad format, version) */
    XS_NETWORK,          /* NetworkError, NetworkTimeoutError */
    XS_MODIFIED,         /* DatabaseModifiedError after retries */
    XS_INVALID,          /* InvalidArgumentError, InvalidOperationError, ... */
    XS_QUERY,            /* WildcardError: a prefix stands for too many terms */
    XS_OTHER             /* anything else */
} xs_code;

typedef struct {
    xs_code code;
    char message[768];
} xs_error;

/** Sets ERR to XS_NO_MEMORY, "out of memory", for C code that ran out of
 *  memory between shim calls; returns -1. */
int xs_no_memory(xs_error *err);

typedef struct xs_db xs_db;       /* Xapian::Database or WritableDatabase */
typedef struct xs_doc xs_doc;     /* Xapian::Document under construction */
typedef struct xs_query xs_query; /* Xapian::Query */
typedef struct xs_mset xs_mset;   /* the results of one search */

/* ---- databases ---------------------------------------------------- */

/** Opens a database read-only. PATH is a database directory or a stub file
 *  (local paths and `remote :HOST:PORT` lines). */
xs_db *xs_db_open_read(const char *path, xs_error *err);

/** Opens, read-only, the remote database a Xapian stub line "remote
 *  TARGET" names: TARGET is "HOST:PORT" (a server such as xapian-tcpsrv)
 *  or ":PROGRAM ARGS" (a program speaking the protocol on its stdin and
 *  stdout, such as xapian-progsrv). Fails with XS_INVALID for a TARGET of
 *  neither form and XS_NETWORK when it cannot be reached. */
xs_db *xs_db_open_remote(const char *target, xs_error *err);

/** How xs_db_open_write() treats the database at its path: one of the
 *  first three, with XS_WRITE_NO_SYNC or not. */
typedef enum {
    XS_WRITE_OPEN = 0,      /* open an existing database only */
    XS_WRITE_CREATE = 1,    /* open it, creating it when it does not exist */
    XS_WRITE_OVERWRITE = 2, /* empty it at once (documents, metadata,
                               synonyms, spelling data), creating it when
                               it does not exist; the write lock is taken
                               first, so a locked database is left alone */
    XS_WRITE_NO_SYNC = 4    /* commits do not wait for the disk (Xapian's
                               DB_NO_SYNC): a system crash or power cut may
                               leave the database unreadable */
} xs_write_mode;

/** Opens a database for writing as MODE (xs_write_mode values) says.
 *  Fails with XS_LOCKED when another writer has it open. */
xs_db *xs_db_open_write(const char *path, unsigned mode, xs_error *err);

/** Commits pending changes (writers only) and releases the handle.
 *  Returns -1 if the final commit failed; the handle is released anyway. */
int xs_db_close(xs_db *db, xs_error *err);

/** Chooses the value of the user metadata KEY that N sources of a
 *  compaction hold (VALUES[i], LENS[i] bytes): *OUT receives a malloc'd
 *  value to keep (*OUT_LEN bytes). Returns 0, or -1 when memory runs out. */
typedef int (*xs_metadata_merge_fn)(void *ctx, const char *key, const char *const *values,
                                    const size_t *lens, size_t n, char **out,
                                    size_t *out_len);

/** Merges the N_SOURCES databases (or stubs of shards) SOURCES, in that
 *  order, into a new single database at DESTINATION (Xapian's compact):
 *  the documents of each source follow those of the sources before it,
 *  in their own order, numbered from 1 without gaps. MERGE (may be NULL:
 *  the first source's value is kept, as Xapian does) resolves metadata
 *  keys that several sources hold. */
int xs_db_compact(const char *const *sources, size_t n_sources, const char *destination,
                  xs_metadata_merge_fn merge, void *ctx, xs_error *err);

/** Number of documents in the database. */
int xs_db_doccount(xs_db *db, unsigned long *count, xs_error *err);

/** The highest docid DB has used (a writer adds the next document after
 *  it). */
int xs_db_lastdocid(xs_db *db, unsigned *docid, xs_error *err);

/** Brings a reader up to date with the latest committed revision. */
int xs_db_reopen(xs_db *db, xs_error *err);

/** Writers: adds or replaces the document indexed by the unique term
 *  UNIQUE_TERM (Xapian's replace_document(term, doc)). DOC stays owned by the
 *  caller. */
int xs_db_replace(xs_db *db, const char *unique_term, size_t term_len,
                  const xs_doc *doc, xs_error *err);

/** The most slots xs_db_postings_values() reads per document. */
#define XS_POSTING_SLOTS_MAX 4

/** Calls FN(CTX, VALUES, LENS) for each of the first MAX_DOCS documents
 *  that hold TERM (in docid order) and, when BEFORE is not 0, have a docid
 *  below BEFORE, with the values of its N_SLOTS SLOTS
 *  (at most XS_POSTING_SLOTS_MAX; a value the document lacks is ""). The
 *  docids are read first, so FN runs once per document even when a
 *  writer's commit makes the read start again; a document's values are
 *  read just before FN sees them, so FN returning non-zero stops early and
 *  spares the reads of the rest. WANT (may be NULL) is asked first for
 *  each docid: a document it returns 0 for is passed over unread (it
 *  still counts towards MAX_DOCS). A writable database sees what it was
 *  given, committed or not. */
int xs_db_postings_values(xs_db *db, const char *term, size_t term_len,
                          unsigned max_docs, unsigned before, const unsigned *slots,
                          size_t n_slots, int (*want)(void *ctx, unsigned docid),
                          int (*fn)(void *ctx, const char *const *values,
                                    const size_t *lens),
                          void *ctx, xs_error *err);

/** Writers: sets the N_VALUES values SLOTS of document DOCID to VALUES
 *  (LENS bytes each) and swaps its term OLD_TERM (OLD_LEN bytes; 0: none,
 *  or one it lacks) for NEW_TERM (NEW_LEN bytes, wdf 0; 0: none), keeping
 *  all else. */
int xs_db_retag(xs_db *db, unsigned docid, const unsigned *slots, const char *const *values,
                const size_t *lens, size_t n_values,
                const char *old_term, size_t old_len, const char *new_term, size_t new_len,
                xs_error *err);

/** Writers: adds DOC as a new document (Xapian's add_document), for a
 *  document whose id term is known not to be in the database yet. DOC
 *  stays owned by the caller. */
int xs_db_add(xs_db *db, const xs_doc *doc, xs_error *err);

/** Writers: makes all changes so far durable. */
int xs_db_commit(xs_db *db, xs_error *err);

/** Writers: adds SYNONYM to the synonym list of TERM. */
int xs_db_add_synonym(xs_db *db, const char *term, const char *synonym,
                      xs_error *err);

/** Writers: removes every entry of the synonym table. */
int xs_db_clear_synonyms(xs_db *db, xs_error *err);

/** Writers: stores a user metadata value under KEY. */
int xs_db_set_metadata(xs_db *db, const char *key, const char *value,
                       size_t value_len, xs_error *err);

/** Reads a user metadata value; *VALUE is malloc'd (caller frees) and NUL
 *  terminated, "" when the key is not set. */
int xs_db_get_metadata(xs_db *db, const char *key, char **value,
                       size_t *value_len, xs_error *err);

/** Calls FN for each user metadata key of DB starting with PREFIX, in key
 *  order, with its value (neither NUL terminated; valid during the call).
 *  A non-zero return from FN stops and is returned; -1 with ERR set when
 *  DB cannot be read. Over a stub, Xapian reads the first database's
 *  metadata only. */
typedef int (*xs_metadata_fn)(void *ctx, const char *key, size_t key_len, const char *value,
                              size_t value_len);
int xs_db_metadata_each(xs_db *db, const char *prefix, xs_metadata_fn fn, void *ctx,
                        xs_error *err);

/** Calls FN for each user metadata key of DB starting with PREFIX, in key
 *  order, without reading its value (the key is not NUL terminated and
 *  valid during the call). Returns as xs_db_metadata_each(). */
typedef int (*xs_metadata_key_fn)(void *ctx, const char *key, size_t key_len);
int xs_db_metadata_keys_each(xs_db *db, const char *prefix, xs_metadata_key_fn fn, void *ctx,
                             xs_error *err);

/** Number of documents indexed by TERM (0 when absent). */
int xs_db_termfreq(xs_db *db, const char *term, size_t term_len,
                   unsigned long *freq, xs_error *err);

/* ---- documents ---------------------------------------------------- */

xs_doc *xs_doc_new(xs_error *err);
void xs_doc_free(xs_doc *doc);

/** Adds TERM at position POS, raising its wdf by WDF_INC. */
int xs_doc_add_posting(xs_doc *doc, const char *term, size_t len,
                       unsigned pos, unsigned wdf_inc, xs_error *err);

/** Adds TERM without position, raising its wdf by WDF_INC (0 for a boolean
 *  filter term). */
int xs_doc_add_term(xs_doc *doc, const char *term, size_t len,
                    unsigned wdf_inc, xs_error *err);

int xs_doc_set_value(xs_doc *doc, unsigned slot, const char *value,
                     size_t len, xs_error *err);

int xs_doc_set_data(xs_doc *doc, const char *data, size_t len, xs_error *err);

/** Xapian::sortable_serialise: writes at most 18 bytes to OUT and returns
 *  the number written. */
size_t xs_sortable_serialise(double value, char out[18]);

/** Xapian::sortable_unserialise of the LEN bytes at VALUE. */
double xs_sortable_unserialise(const char *value, size_t len);

/* ---- queries ------------------------------------------------------ */

/** Query operators, a subset of Xapian::Query::op. */
typedef enum {
    XS_OP_AND,
    XS_OP_OR,
    XS_OP_AND_NOT,
    XS_OP_AND_MAYBE,
    XS_OP_FILTER,
    XS_OP_SYNONYM,
    XS_OP_PHRASE,  /* PARAM = window (0 = number of subqueries) */
    XS_OP_NEAR     /* PARAM = window */
} xs_op;

/** A term query; WQF is the within-query frequency, POS the query position
 *  (0 when unknown). */
xs_query *xs_query_term(const char *term, size_t len, unsigned wqf,
                        unsigned pos, xs_error *err);

/** Every term starting with the LEN bytes of PREFIX, as one synonym
 *  (OP_WILDCARD, expanded when the search runs, on each shard). A search
 *  where it expands to more than MAX_EXPANSION terms fails with Xapian's
 *  WildcardError ("Wildcard P* expands to more than N terms"). */
xs_query *xs_query_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                            xs_error *err);

/** Combines N subqueries with OP. The subqueries stay owned by the caller
 *  (Xapian shares them internally). */
xs_query *xs_query_combine(xs_op op, xs_query *const *subs, size_t n,
                           unsigned param, xs_error *err);

/** Documents whose value in SLOT lies in [LO, HI] (bytewise); LO or HI may
 *  be NULL for an open end. */
xs_query *xs_query_value_range(unsigned slot, const char *lo, const char *hi,
                               xs_error *err);

/** xs_query_value_range() with bounds of LO_LEN and HI_LEN bytes, which
 *  may hold NULs (sortable_serialise()d numbers). */
xs_query *xs_query_value_range_len(unsigned slot, const char *lo, size_t lo_len,
                                   const char *hi, size_t hi_len, xs_error *err);

/** Multiplies the weight of Q by FACTOR (0 makes it a pure filter). */
xs_query *xs_query_scale(const xs_query *q, double factor, xs_error *err);

xs_query *xs_query_match_all(xs_error *err);
xs_query *xs_query_match_nothing(xs_error *err);

void xs_query_free(xs_query *q);

/** Sets *AT_LEAST to a number of documents of DB that Q surely matches,
 *  found from term frequencies alone (an OR matches at least what its
 *  largest branch does, a term what its frequency says; an AND, a phrase
 *  or a filter count 0), and stops looking once it exceeds ENOUGH. */
int xs_query_matches_at_least(xs_db *db, const xs_query *q, unsigned long enough,
                              unsigned long *at_least, xs_error *err);

/** Xapian's description of Q, malloc'd (caller frees); NULL on failure. */
char *xs_query_describe(const xs_query *q);

/** A query whose documents are those with a value in SLOT equal to one
 *  of KEYS[i], weighted WEIGHTS[i] (ValueMapPostingSource); documents with
 *  another value get DEFAULT_WEIGHT. */
xs_query *xs_query_value_map(unsigned slot, const char *const *keys,
                             const double *weights, size_t n,
                             double default_weight, xs_error *err);

/** A query matching every document with weight W
 *  (FixedWeightPostingSource); combine it with OP_FILTER. */
xs_query *xs_query_fixed_weight(double w, xs_error *err);

/* ---- searching ---------------------------------------------------- */

/** Weighting schemes (Xapian's built-ins). */
typedef enum {
    XS_W_BM25,
    XS_W_BM25PLUS,
    XS_W_PL2,
    XS_W_LM,
    XS_W_TFIDF
} xs_scheme;

typedef struct {
    xs_scheme scheme;
    double k1, b, min_normlen; /* BM25, BM25+ */
    double delta;              /* BM25+ */
    double pl2_c;              /* PL2 */
    int lm_smoothing;          /* LM: 0 Jelinek-Mercer, 1 Dirichlet,
                                  2 absolute discount, 3 two-stage */
    double lm_param1, lm_param2;
} xs_weighting;

/** Calls FN with every term starting with PREFIX, in order; a non-zero
 *  return from FN stops the walk. */
int xs_db_terms_with_prefix(xs_db *db, const char *prefix,
                            int (*fn)(void *ctx, const char *term, size_t len),
                            void *ctx, xs_error *err);

/** CHECK_AT_LEAST of xs_search(): see every match, whatever their number. */
#define XS_CHECK_ALL ((unsigned)-1)

/** An order of hits other than relevance: by the value in SLOT (ascending,
 *  or descending with REVERSE), ties by relevance, then by docid
 *  (Enquire::set_sort_by_value_then_relevance, which Xapian's remote
 *  protocol carries; a KeyMaker it does not). */
typedef struct {
    unsigned slot;
    int reverse;
} xs_sort;

/** XS_NO_COLLAPSE, or the value slot whose equal values a search keeps
 *  one of (Enquire::set_collapse_key with one document per key): the
 *  best-ranked, with the number of others it stands for
 *  (xs_mset_collapse_count()). */
#define XS_NO_COLLAPSE ((unsigned)-1)

/** Runs Q over DB and returns hits OFFSET..OFFSET+LIMIT-1 by descending
 *  weight under W (NULL: BM25 with Xapian's defaults), or in the order of
 *  SORT (NULL: relevance), collapsed on COLLAPSE. Reopens and retries
 *  if a writer commits during the search. The matcher looks at no fewer
 *  than CHECK_AT_LEAST matches (Enquire::get_mset's checkatleast; XS_CHECK_ALL:
 *  all of them) before it may stop early: when there are no more than that,
 *  the count of matches is exact (see xs_mset_bounds()). */
xs_mset *xs_search(xs_db *db, const xs_query *q, unsigned offset,
                   unsigned limit, unsigned check_at_least,
                   const xs_weighting *w, const xs_sort *sort, unsigned collapse,
                   xs_error *err);

/** Keep every value of a slot counted by xs_search_counting(). */
#define XS_COUNT_ALL 0u

/** Like xs_search(), and also counts, over every matching document, the
 *  values in each of the N_SLOTS value SLOTS (ValueCountMatchSpy, which
 *  Xapian's remote protocol carries), keeping the MAX_VALUES[k] most
 *  frequent of SLOTS[k], or all of its values (in byte order) when
 *  MAX_VALUES[k] is XS_COUNT_ALL. */
xs_mset *xs_search_counting(xs_db *db, const xs_query *q, unsigned offset,
                            unsigned limit, const xs_weighting *w, const xs_sort *sort,
                            unsigned collapse, const unsigned *slots, size_t n_slots,
                            const unsigned *max_values, xs_error *err);

/** Number of values counted for the K-th slot of xs_search_counting(),
 *  and the I-th (most frequent first, or in byte order for XS_COUNT_ALL);
 *  the value (*LEN bytes, NUL terminated; LEN may be NULL) is owned by M. */
size_t xs_mset_count_size(const xs_mset *m, size_t k);
const char *xs_mset_count_value(const xs_mset *m, size_t k, size_t i,
                                unsigned long *freq);
const char *xs_mset_count_value_len(const xs_mset *m, size_t k, size_t i,
                                    size_t *len, unsigned long *freq);

/** Number of matching documents the K-th slot's counter saw, with a value
 *  in the slot or not (ValueCountMatchSpy::get_total()). */
unsigned long xs_mset_count_total(const xs_mset *m, size_t k);

/** Exact number of documents matching Q and having TERM. */
int xs_count_with_term(xs_db *db, const xs_query *q, const char *term,
                       size_t term_len, unsigned long *count, xs_error *err);

void xs_mset_free(xs_mset *m);
unsigned xs_mset_size(const xs_mset *m);
/** Xapian's estimate of the number of matching documents. */
unsigned long xs_mset_estimate(const xs_mset *m);
/** Xapian's bounds on the number of matching documents
 *  (MSet::get_matches_lower_bound() and get_matches_upper_bound()); equal
 *  when the matcher saw every match, so the count is exact. */
void xs_mset_bounds(const xs_mset *m, unsigned long *lower, unsigned long *upper);
/** The bounds of xs_mset_bounds() before collapsing: matching documents
 *  rather than keys (the same without collapsing). */
void xs_mset_uncollapsed_bounds(const xs_mset *m, unsigned long *lower, unsigned long *upper);
unsigned xs_mset_docid(const xs_mset *m, unsigned i);
double xs_mset_weight(const xs_mset *m, unsigned i);
/** How many other matches the collapsed hit I stands for, as far as the
 *  matcher looked (MSet::get_collapse_count(): a lower bound when it
 *  stopped early); 0 without collapsing. */
unsigned long xs_mset_collapse_count(const xs_mset *m, unsigned i);
/** The document data of hit I, read on first use and owned by M (NUL
 *  terminated; LEN may be NULL); NULL when it cannot be read. */
const char *xs_mset_data(xs_mset *m, unsigned i, size_t *len);

/** The value in SLOT of hit I, read on first use and owned by M until a
 *  value of another slot is asked for; NULL when it cannot be read. */
const char *xs_mset_value(xs_mset *m, unsigned i, unsigned slot, size_t *len);

#ifdef __cplusplus
}
#endif


#endif
