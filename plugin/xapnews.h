/* xapnews.h - the public C interface of libxapnews.
 *
 * libxapnews indexes news articles into a standard Xapian database and
 * searches them, matching the spelling variants that different outlets use
 * for the same people and terms.
 *
 * Conventions used throughout:
 *
 *  - Every object is an opaque handle created by a *_create or *_open call
 *    and released by the matching *_destroy or *_close call. Passing NULL to
 *    a destroy/close function does nothing.
 *  - Every call that can fail returns an xapnews_status_t. On failure the
 *    handle's last error message (xapnews_database_last_error() and friends)
 *    says what went wrong in words a user can act on; calls that create a
 *    handle instead return the message through an optional `char **error`
 *    argument, which the caller releases with xapnews_free().
 *  - Strings passed in are UTF-8 and copied when the library needs to keep
 *    them. Strings returned as `const char *` are owned by the handle they
 *    came from and stay valid until that handle is destroyed (or, for
 *    results, until the results are destroyed); strings returned through
 *    `char **` are the caller's and are released with xapnews_free().
 *  - The library has no global state. Distinct handles may be used from
 *    different threads at the same time; one handle must not be used by two
 *    threads at once.
 *
 * This header is C99 and includes only standard headers.
 */
#ifndef XAPNEWS_H
#define XAPNEWS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XAPNEWS_VERSION_MAJOR 0
#define XAPNEWS_VERSION_MINOR 1
#define XAPNEWS_VERSION_PATCH 0

/** Status codes returned by every call that can fail. */
typedef enum {
    XAPNEWS_STATUS_SUCCESS = 0,
    /** An allocation failed. */
    XAPNEWS_STATUS_OUT_OF_MEMORY,
    /** A NULL handle, an out-of-range index or a bad option value. */
    XAPNEWS_STATUS_INVALID_ARGUMENT,
    /** A file or directory could not be read or written. */
    XAPNEWS_STATUS_FILE_ERROR,
    /** Input (a record, manifest or configuration file) is malformed; the
     *  message names FILE:LINE. */
    XAPNEWS_STATUS_BAD_INPUT,
    /** The query text cannot be parsed; the message says where. */
    XAPNEWS_STATUS_BAD_QUERY,
    /** The database does not exist. Read-only opens never create one. */
    XAPNEWS_STATUS_DATABASE_NOT_FOUND,
    /** Another writer holds the database's write lock. */
    XAPNEWS_STATUS_DATABASE_LOCKED,
    /** The database exists but cannot be used (corrupt, wrong format). */
    XAPNEWS_STATUS_DATABASE_CORRUPT,
    /** Any other error reported by the database engine. */
    XAPNEWS_STATUS_DATABASE_ERROR,
    /** A remote database could not be reached. */
    XAPNEWS_STATUS_NETWORK_ERROR,
    /** The end of an input was reached (not an error). */
    XAPNEWS_STATUS_END,
    /** A bug in libxapnews. */
    XAPNEWS_STATUS_INTERNAL_ERROR,
    /** A stemming language or table that differs from the one the
     *  database was indexed with (see "Settings" under "Writing an
     *  index"); nothing was written. */
    XAPNEWS_STATUS_SETTINGS_MISMATCH,
    /** No article of the database has the id asked for (similar articles:
     *  xapnews_query_similar(), like:ID; the story of an article:
     *  xapnews_database_duplicates()): "no article with id 'ID'". */
    XAPNEWS_STATUS_ARTICLE_NOT_FOUND
} xapnews_status_t;

/** A short, static, English description of STATUS. Never NULL. */
const char *xapnews_status_to_string(xapnews_status_t status);

/** The library version as "MAJOR.MINOR.PATCH" (static string). */
const char *xapnews_version(void);

/** A copy of TEXT with invalid UTF-8 replaced by U+FFFD (for text from
 *  outside, such as a command line, before it is echoed or parsed).
 *  Released with xapnews_free(); NULL when memory runs out. */
char *xapnews_utf8_clean(const char *text);

/** Releases a string or buffer that the library handed to the caller. */
void xapnews_free(void *ptr);

/* ===================================================================== */
/* Fields                                                                */
/* ===================================================================== */

/** The fields of an article: the seven built in (id, title, body, date,
 *  outlet, officials, url) and those a fields schema declares, one a
 *  line "NAME KIND PREFIX [OPTION...]" (schemas/fields.conf documents the
 *  format; plugin/common/fields.h the rules). A writer stores the schema
 *  it indexes with, as a table (XAPNEWS_TABLE_FIELDS), and searches of the
 *  database use it: NAME:value in queries, facets, sorting and the
 *  values of hits. */
typedef struct xapnews_fields xapnews_fields_t;

/** What a field holds. */
typedef enum {
    XAPNEWS_KIND_TEXT = 0, /**< words: searched as words */
    XAPNEWS_KIND_KEYWORD,  /**< values: each a boolean term of its folded
                                words joined by '-' ("Middle East" ->
                                PREFIX + "middle-east") */
    XAPNEWS_KIND_DATE,     /**< ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD */
    XAPNEWS_KIND_NUMBER    /**< a number */
} xapnews_field_kind_t;

/** What a field does (xapnews_fields_flags()). */
typedef enum {
    XAPNEWS_FIELD_SEARCHABLE = 1 << 0, /**< NAME:word searches its words */
    XAPNEWS_FIELD_FILTERABLE = 1 << 1, /**< NAME:value (or a range of dates
                                            or numbers) filters */
    XAPNEWS_FIELD_FACETABLE = 1 << 2,  /**< counted by facets */
    XAPNEWS_FIELD_SORTABLE = 1 << 3,   /**< hits can be sorted by it */
    XAPNEWS_FIELD_MULTIPLE = 1 << 4,   /**< holds a list of values */
    XAPNEWS_FIELD_BUILTIN = 1 << 5     /**< one of the built-in fields */
} xapnews_field_flags_t;

/** xapnews_fields_slot() of a field without a value slot. */
#define XAPNEWS_NO_SLOT ((unsigned)-1)

/** Loads the fields schema at PATH. A bad line refuses the file with
 *  XAPNEWS_STATUS_BAD_INPUT and "PATH:LINE: reason" in *ERROR (optional,
 *  released with xapnews_free()). Release *FIELDS with
 *  xapnews_fields_destroy(). */
xapnews_status_t xapnews_fields_load(const char *path, xapnews_fields_t **fields,
                                     char **error);

/** A copy of FIELDS (NULL: the built-in fields alone), released with
 *  xapnews_fields_destroy(). */
xapnews_status_t xapnews_fields_copy(const xapnews_fields_t *fields,
                                     xapnews_fields_t **copy);

void xapnews_fields_destroy(xapnews_fields_t *fields);

/** The number of fields (the built-in ones first, then those declared, in
 *  the order of the file), and the index of the field NAME, or -1. A NULL
 *  FIELDS is the built-in fields alone. */
size_t xapnews_fields_count(const xapnews_fields_t *fields);
long xapnews_fields_find(const xapnews_fields_t *fields, const char *name);

/** The I-th field's name, kind, term prefix ("" for none), flags (a mask
 *  of xapnews_field_flags_t) and value slot (XAPNEWS_NO_SLOT for none: a
 *  declared field has one when it is facetable, sortable, or a filterable
 *  date or number; slots are numbered from 10 in the order declared).
 *  Strings are owned by FIELDS; NULL, 0 or XAPNEWS_NO_SLOT for a bad
 *  index. A portal sorts by a field with Xapian's
 *  Enquire::set_sort_by_value() on its slot: a keyword or text field's
 *  slot holds its folded values (a multiple field's joined by tabs), a
 *  date's "YYYY", "YYYYMM" or "YYYYMMDD", a number's
 *  Xapian::sortable_serialise(). */
const char *xapnews_fields_name(const xapnews_fields_t *fields, size_t i);
xapnews_field_kind_t xapnews_fields_kind(const xapnews_fields_t *fields, size_t i);
const char *xapnews_fields_prefix(const xapnews_fields_t *fields, size_t i);
unsigned xapnews_fields_flags(const xapnews_fields_t *fields, size_t i);
unsigned xapnews_fields_slot(const xapnews_fields_t *fields, size_t i);

/* ===================================================================== */
/* Articles                                                              */
/* ===================================================================== */

/** One news article to index. Only the id is required. */
typedef struct xapnews_article xapnews_article_t;

/** The text fields of an article. */
typedef enum {
    XAPNEWS_FIELD_ID = 0, /**< unique id; becomes the Xapian `Q` term */
    XAPNEWS_FIELD_TITLE,
    XAPNEWS_FIELD_DATE,   /**< ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD */
    XAPNEWS_FIELD_OUTLET, /**< the publication's name */
    XAPNEWS_FIELD_URL,
    XAPNEWS_FIELD_BODY,
    XAPNEWS_FIELD_COUNT
} xapnews_field_t;

/** Creates an empty article. Release it with xapnews_article_destroy(). */
xapnews_status_t xapnews_article_create(xapnews_article_t **article);

/** Sets FIELD to a copy of the LEN bytes at VALUE (replacing any earlier
 *  value). VALUE must be valid UTF-8 without NUL bytes. */
xapnews_status_t xapnews_article_set(xapnews_article_t *article,
                                     xapnews_field_t field,
                                     const char *value, size_t len);

/** The value of FIELD, owned by ARTICLE; "" when unset. NULL only for a bad
 *  argument. */
const char *xapnews_article_get(const xapnews_article_t *article,
                                xapnews_field_t field);

/** Adds a copy of NAME to the officials the article names. */
xapnews_status_t xapnews_article_add_official(xapnews_article_t *article,
                                              const char *name);

/** Number of officials added, and the I-th (owned by ARTICLE). */
size_t xapnews_article_official_count(const xapnews_article_t *article);
const char *xapnews_article_official(const xapnews_article_t *article,
                                     size_t i);

/** Adds a copy of VALUE (LEN bytes of UTF-8) to the declared field NAME
 *  of ARTICLE (a field of the writer's schema that is not built in): its
 *  text, a date in ISO 8601, a number as decimal text. A field declared
 *  multiple takes several; xapnews_writer_add() refuses an article with
 *  a value for a field its schema does not declare, a second value of a
 *  field that is not multiple, or a malformed date or number. */
xapnews_status_t xapnews_article_add_value(xapnews_article_t *article,
                                           const char *name, const char *value,
                                           size_t len);

/** The number of values of field NAME added, and the I-th (owned by
 *  ARTICLE; NULL for a bad index). */
size_t xapnews_article_value_count(const xapnews_article_t *article,
                                   const char *name);
const char *xapnews_article_value(const xapnews_article_t *article,
                                  const char *name, size_t i);

/** Clears every field so the handle can be reused. */
void xapnews_article_clear(xapnews_article_t *article);

void xapnews_article_destroy(xapnews_article_t *article);

/* ===================================================================== */
/* Reading input                                                         */
/* ===================================================================== */

/** A stream of articles read from a JSON Lines file or a corpus folder. */
typedef struct xapnews_source xapnews_source_t;

/** Opens PATH for reading articles:
 *  - a JSON Lines file: one object per line with keys "id" (required: a
 *    string, or a whole number, read as its decimal text: 7 and 7.0 are
 *    the id "7"), "title", "date", "outlet", "url", "body" (strings) and
 *    "officials" (array of strings);
 *  - a folder holding `manifest.jsonl`: the same objects, where "file"
 *    names a text file (relative to the folder) holding the body.
 *  Page chrome (credits, copyright footers, template tags) is removed from
 *  bodies by the rules of the chrome file set with
 *  xapnews_source_set_chrome_rules(), if any.
 *  On failure *SOURCE is NULL and *ERROR (if ERROR is not NULL) receives a
 *  message the caller releases with xapnews_free(). */
xapnews_status_t xapnews_source_open(const char *path,
                                     xapnews_source_t **source,
                                     char **error);

/** Loads page-chrome rules from RULES_PATH (see schemas/chrome.conf).
 *  A malformed line is refused with "FILE:LINE: reason" and no rule of the
 *  file is used. */
xapnews_status_t xapnews_source_set_chrome_rules(xapnews_source_t *source,
                                                 const char *rules_path);

/** Reads the next article into ARTICLE (cleared first). Some faults are
 *  repaired and the record kept, each with a warning (see
 *  xapnews_source_warning()):
 *  - invalid UTF-8, and NUL characters (the JSON escape \u0000) in a
 *    string, are replaced by U+FFFD;
 *  - a malformed "date" is dropped: the article is kept without a date
 *    (unless XAPNEWS_SOURCE_STRICT_DATES is set);
 *  - a text field longer than the cap is cut (see
 *    xapnews_source_set_max_field_bytes()).
 *  So the source, which knows FILE:LINE, repairs dates; the writer still
 *  refuses an article whose date is malformed (xapnews_writer_add()).
 *  Returns XAPNEWS_STATUS_END after the last one. A bad record returns
 *  XAPNEWS_STATUS_BAD_INPUT with "FILE:LINE: reason" as the source's last
 *  error; the caller may call again to go on with the next record. */
xapnews_status_t xapnews_source_next(xapnews_source_t *source,
                                     xapnews_article_t *article);

/** Flags of xapnews_source_set_flags(). */
typedef enum {
    /** A record whose "date" is malformed is a bad record
     *  (XAPNEWS_STATUS_BAD_INPUT, "FILE:LINE: bad "date" '...': reason")
     *  instead of being kept without its date. */
    XAPNEWS_SOURCE_STRICT_DATES = 1 << 0
} xapnews_source_flags_t;

/** Sets FLAGS, a mask of xapnews_source_flags_t (0 by default); an
 *  unknown flag is XAPNEWS_STATUS_INVALID_ARGUMENT. */
xapnews_status_t xapnews_source_set_flags(xapnews_source_t *source,
                                          unsigned flags);

/** Bytes read so far and the total input size (for progress reports). */
void xapnews_source_progress(const xapnews_source_t *source,
                             unsigned long long *done,
                             unsigned long long *total);

/** Caps each text field of a record at MAX bytes (default 4 MiB, at
 *  least 64): longer ones are cut at a character boundary, with a warning.
 *  A line longer than 8 * MAX + 64 KiB is skipped as a bad record without
 *  being held in memory. */
xapnews_status_t xapnews_source_set_max_field_bytes(xapnews_source_t *source,
                                                   size_t max);

/** Reads the keys of FIELDS's declared fields too (a copy is kept; NULL:
 *  the built-in fields alone, the default): a string (or, for a field
 *  declared multiple, an array of strings) for a text or keyword field,
 *  a number or numeric string for a number, an ISO 8601 string for a
 *  date. A value of the wrong type is a bad record ("FILE:LINE: reason");
 *  a malformed date or number is dropped with a warning (a bad record
 *  with XAPNEWS_SOURCE_STRICT_DATES), as "date" is. Give it the schema
 *  the writer indexes with (xapnews_writer_fields()). */
xapnews_status_t xapnews_source_set_fields(xapnews_source_t *source,
                                           const xapnews_fields_t *fields);

/** The record keys the source has met that no field declares (and are
 *  not "file" of a corpus folder): they are ignored. Their number, and
 *  the I-th in the order first met, with *LINE (optional) the line of
 *  its first record (owned by SOURCE). */
size_t xapnews_source_undeclared_count(const xapnews_source_t *source);
const char *xapnews_source_undeclared(const xapnews_source_t *source, size_t i,
                                      unsigned long *line);

/** The JSON Lines file SOURCE reads (owned by SOURCE). */
const char *xapnews_source_path(const xapnews_source_t *source);

/** The warnings about the record the last xapnews_source_next() returned,
 *  one line per repair, each "FILE:LINE: what was repaired; record kept"
 *  (lines joined by '\n', no final newline), or NULL when it needed
 *  none; owned by SOURCE, valid until its next call. */
const char *xapnews_source_warning(const xapnews_source_t *source);

const char *xapnews_source_last_error(const xapnews_source_t *source);

void xapnews_source_close(xapnews_source_t *source);

/* ===================================================================== */
/* Writing an index                                                      */
/* ===================================================================== */

typedef struct xapnews_writer xapnews_writer_t;

/* Settings. The stemming language and the four tables (xapnews_table_t)
 * shape every term of an index, and searches of a database use the ones
 * it stores, so a database keeps one set of them:
 *
 *  - A database that holds articles, or stores a language or a table, is
 *    settled. A writer opened on it takes the language and tables it
 *    stores (a table it does not store is none; a language it does not
 *    store is "english", as searches assume), so articles added without
 *    any setting call are indexed like the ones before.
 *  - On a settled database xapnews_writer_set_language(),
 *    xapnews_writer_load_table() and xapnews_writer_clear_table() accept
 *    what it stores (a table file whose text is the stored text) and
 *    refuse anything else with XAPNEWS_STATUS_SETTINGS_MISMATCH and a
 *    message naming both, before anything is written; the writer keeps
 *    the stored settings.
 *  - A new database (no articles, nothing stored, or just emptied with
 *    XAPNEWS_WRITER_REINDEX) takes the settings given: "english" and no
 *    tables by default. They are stored in every database the writer
 *    writes with the first article added, or at xapnews_writer_commit()
 *    or close (not after a failed or refused setting call: then only an
 *    article added stores them). From then on the database is settled.
 *  - To change them, index everything again into a database opened with
 *    XAPNEWS_WRITER_REINDEX.
 *
 * The shards of a sharded database are one database: a writer reads what
 * every shard stores, the ones it does not write too, and refuses to open
 * (XAPNEWS_STATUS_SETTINGS_MISMATCH) when settled shards disagree. */

/** Flags of xapnews_writer_open_flags() and
 *  xapnews_writer_open_shards_flags(). */
typedef enum {
    /** Empties every database the writer opens, at once: all articles,
     *  the stored language and tables, Xapian's synonym and spelling data
     *  and the name lexicon go (searches see an empty database until the
     *  writer commits), and the writer is new: the settings given are
     *  stored. Index every article again. A job of a sharded database
     *  empties the shards it owns; give the flag to every job. */
    XAPNEWS_WRITER_REINDEX = 1 << 0,
    /** Commits do not wait for the data to reach the disk (Xapian's
     *  DB_NO_SYNC), which saves a few percent of a build's time. A writer
     *  or process that stops still leaves the last commit whole, but a
     *  system crash or power cut may leave the database unreadable: for
     *  databases built again anyway, such as the parts of a build joined
     *  into one database later (xapnews_database_join(), which syncs the
     *  database it writes). */
    XAPNEWS_WRITER_NO_SYNC = 1 << 1
} xapnews_writer_flags_t;

/** Opens (creating if needed) the Xapian database at PATH for writing; a
 *  sharded database (see xapnews_shards_create()) is opened whole, each
 *  article going to its shard. Fails with XAPNEWS_STATUS_DATABASE_LOCKED
 *  when another writer has it, and with XAPNEWS_STATUS_SETTINGS_MISMATCH
 *  when settled shards store different settings.
 *  On failure *ERROR (if ERROR is not NULL) receives a message the caller
 *  releases with xapnews_free(). */
xapnews_status_t xapnews_writer_open(const char *path,
                                     xapnews_writer_t **writer, char **error);

/** xapnews_writer_open() with FLAGS, a mask of xapnews_writer_flags_t
 *  (an unknown flag is XAPNEWS_STATUS_INVALID_ARGUMENT). */
xapnews_status_t xapnews_writer_open_flags(const char *path, unsigned flags,
                                           xapnews_writer_t **writer,
                                           char **error);

/** Creates (or checks) a sharded database at PATH: a folder holding
 *  NSHARDS databases (shard-000, ...) and a stub file XAPIANDB listing
 *  them, so any Xapian client opens PATH as one database. Refuses a PATH
 *  that is a single database or has another number of shards (articles
 *  are routed by a hash of their id, so the number cannot change). */
xapnews_status_t xapnews_shards_create(const char *path, unsigned nshards,
                                       char **error);

/** Opens for writing the shards of the sharded database PATH that job JOB
 *  of NJOBS owns (shard S belongs to job S % NJOBS; NJOBS = 1 opens them
 *  all), so several processes can build one sharded database in
 *  parallel, each reading the whole input: xapnews_writer_add() skips, and
 *  reports as success, an article routed to a shard the writer does not
 *  own (see xapnews_writer_owns()). An article stored already is routed to
 *  the shard holding it (indexing it again replaces it there). A new one
 *  goes to the shard a stable hash of its id gives when NJOBS > 1, when the
 *  database held no article at open or with XAPNEWS_WRITER_REINDEX; else
 *  (one writer appending) to the shard that held the fewest articles at
 *  open, so that each commit writes to one shard. */
xapnews_status_t xapnews_writer_open_shards(const char *path, unsigned job,
                                            unsigned njobs,
                                            xapnews_writer_t **writer,
                                            char **error);

/** xapnews_writer_open_shards() with FLAGS, a mask of
 *  xapnews_writer_flags_t. */
xapnews_status_t xapnews_writer_open_shards_flags(const char *path, unsigned job,
                                                  unsigned njobs, unsigned flags,
                                                  xapnews_writer_t **writer,
                                                  char **error);

/** Whether the article with ID goes to a database of WRITER: always for a
 *  writer of every shard; for a job's writer, when a shard it owns holds
 *  the article, or no shard does and its id's hash picks one it owns. */
int xapnews_writer_owns(const xapnews_writer_t *writer, const char *id);

/** Merges the database or sharded database SOURCE into a new single
 *  database DESTINATION (which must not exist), with Xapian's compactor. */
xapnews_status_t xapnews_database_compact(const char *source,
                                          const char *destination,
                                          char **error);

/** Merges the N_PARTS databases PARTS, each built by its own writer from
 *  consecutive runs of one input (the first part from its start), into a
 *  new single database DESTINATION (which must not exist) that holds what
 *  one writer adding the whole input in order would have stored: the
 *  articles in input order and each article's story key found among the
 *  articles before it, in every part (see "Near duplicates" in the
 *  README). An id given in more than one part must be left out of the
 *  later parts and added again afterwards with a writer. The parts are
 *  left as they are. */
xapnews_status_t xapnews_database_join(const char *const *parts, size_t n_parts,
                                       const char *destination, char **error);

/** Sets the Snowball stemming language of a new database (default
 *  "english"; "none" turns stemming off). On a settled database (see
 *  "Settings" above) only the stored language is accepted: another is
 *  XAPNEWS_STATUS_SETTINGS_MISMATCH. An unknown language is
 *  XAPNEWS_STATUS_INVALID_ARGUMENT. */
xapnews_status_t xapnews_writer_set_language(xapnews_writer_t *writer,
                                             const char *language);

/** The tables that shape an index. */
typedef enum {
    /** Spelling variants, Solr synonyms format (schemas/synonyms.txt). */
    XAPNEWS_TABLE_SYNONYMS = 0,
    /** Officials: canonical name, variants, role, country, surname
     *  (schemas/officials.tsv). */
    XAPNEWS_TABLE_OFFICIALS,
    /** Outlets: canonical name and aliases (schemas/outlets.tsv). */
    XAPNEWS_TABLE_OUTLETS,
    /** Given names and their nicknames, "formal,has_nickname,nick" CSV
     *  rows (schemas/nicknames.csv). Applied to officials' first names
     *  only: an official listed as "William Burns" is also named, and
     *  found, as "Bill Burns"; the word "bill" alone is left alone. */
    XAPNEWS_TABLE_NICKNAMES,
    /** The fields schema (schemas/fields.conf; see xapnews_fields_t): the
     *  fields records may hold besides the built-in ones. Without it, the
     *  built-in fields alone. */
    XAPNEWS_TABLE_FIELDS
} xapnews_table_t;

/** Loads table WHICH from PATH for a new database; it is stored with the
 *  settings (see "Settings" above), so searches of the database use the
 *  same table. The variant table also goes into Xapian's synonym table,
 *  so a stock QueryParser with FLAG_AUTO_SYNONYMS finds the variants. A
 *  malformed line refuses the whole file with XAPNEWS_STATUS_BAD_INPUT
 *  and "FILE:LINE: reason"; the table in use is then unchanged. On a
 *  settled database a file holding the stored table's text is accepted
 *  (nothing changes) and any other is XAPNEWS_STATUS_SETTINGS_MISMATCH. */
xapnews_status_t xapnews_writer_load_table(xapnews_writer_t *writer,
                                           xapnews_table_t which,
                                           const char *path);

/** Loads table WHICH from the N files PATHS together, as
 *  xapnews_writer_load_table() loads one (a single file is the same
 *  call). Only the officials and outlets tables take several files
 *  (another is XAPNEWS_STATUS_INVALID_ARGUMENT): each file's entries are
 *  added after those of the files before it, and an entry whose canonical
 *  name (folded, like every name) is that of an earlier entry replaces
 *  it (the earlier one is left out; the new one keeps its file's order). A
 *  name that already names an earlier entry the file does not replace is
 *  XAPNEWS_STATUS_BAD_INPUT ("FILE:LINE: 'name' already names ..."). The
 *  combined text is the table stored in the database, and the one a
 *  settled database compares with what it stores; a file holding the
 *  same text as the files before it adds nothing. `xapnews index
 *  --officials FILE` loads the shipped officials table and FILE this
 *  way. */
xapnews_status_t xapnews_writer_load_table_files(xapnews_writer_t *writer,
                                                 xapnews_table_t which,
                                                 const char *const *paths,
                                                 size_t n);

/** Leaves table WHICH out of a new database (what `xapnews index
 *  --synonyms none` asks for). On a settled database that stores one:
 *  XAPNEWS_STATUS_SETTINGS_MISMATCH. */
xapnews_status_t xapnews_writer_clear_table(xapnews_writer_t *writer,
                                            xapnews_table_t which);

/** 1 while WRITER's database is new and takes the settings given, 0 once
 *  they are the database's (see "Settings" above): a program's own
 *  default tables are for new databases only. */
int xapnews_writer_is_new(const xapnews_writer_t *writer);

/** The stemming language in use: after a refused
 *  xapnews_writer_set_language(), the database's. Owned by WRITER. */
const char *xapnews_writer_language(const xapnews_writer_t *writer);

/** Whether table WHICH is in use (loaded, or stored in the database). */
/** The fields WRITER indexes with: the schema table's (loaded, or stored
 *  in the database), or the built-in fields alone. Owned by WRITER and
 *  valid until the next call that changes its tables. */
const xapnews_fields_t *xapnews_writer_fields(const xapnews_writer_t *writer);

int xapnews_writer_has_table(const xapnews_writer_t *writer,
                             xapnews_table_t which);

/** Checks that PATH is a valid table WHICH without loading it anywhere,
 *  so a program can refuse bad configuration before it writes anything.
 *  On failure *ERROR (optional, released with xapnews_free()) receives
 *  "FILE:LINE: reason". */
xapnews_status_t xapnews_table_check(xapnews_table_t which, const char *path,
                                     char **error);

/** Checks that the N files PATHS make a valid table WHICH together (see
 *  xapnews_writer_load_table_files()), without loading it anywhere. */
xapnews_status_t xapnews_table_check_files(xapnews_table_t which,
                                           const char *const *paths, size_t n,
                                           char **error);

/** Commits automatically after every BATCH added articles (0 commits only
 *  on xapnews_writer_commit() and close). By default, without a call, the
 *  batch is 1000 articles, or a fiftieth of the articles the databases
 *  written hold once that is more, at most 10000: a commit costs more as a
 *  database grows, and fewer of them keep indexing time per article
 *  nearly flat. These automatic commits hold the articles' words back
 *  from Xapian's spelling data (up to 262,144 words), which the next
 *  xapnews_writer_commit() or the close gives it in one merge: merging
 *  at every batch cost a large build several percent of its time. A
 *  writer killed before then leaves the data behind its articles and a
 *  mark in the database; the next writer opened on it recounts the data
 *  from the index's words (a pass over the vocabulary) before writing. */
xapnews_status_t xapnews_writer_set_batch_size(xapnews_writer_t *writer,
                                               unsigned batch);

/** THREADS 2: analyses each article on the calling thread while a second
 *  thread stores the previous ones in Xapian and commits, so indexing uses
 *  two cores (more than 2 counts as 2); 1 (the default): one thread. The
 *  calling thread also counts the article's spelling words and, in a
 *  database that held articles when the writer was opened, seeks its near
 *  duplicates and whether its id is new through read handles plus what
 *  the writer stored since, so the second thread only stores and commits
 *  (it searches while storing once a writer has stored 200,000 articles,
 *  or when a database or shard written was empty). The index is the same
 *  either way. With two threads, a failure to store an
 *  article (a database error) is reported by a later xapnews_writer_add(),
 *  xapnews_writer_commit() or xapnews_writer_close(), naming the article.
 *  The writer must still be used from one thread only. */
xapnews_status_t xapnews_writer_set_threads(xapnews_writer_t *writer,
                                            unsigned threads);

/** Indexes ARTICLE, replacing any document with the same id. ARTICLE is
 *  not kept. Fails with XAPNEWS_STATUS_BAD_INPUT for an article without an
 *  id or with a malformed date (an article from xapnews_source_next() has
 *  none: the source drops a malformed date). */
xapnews_status_t xapnews_writer_add(xapnews_writer_t *writer,
                                    const xapnews_article_t *article);

/** Makes everything added so far durable, and the settings of a new
 *  database (see "Settings" above), with the spelling data of every
 *  article added. */
xapnews_status_t xapnews_writer_commit(xapnews_writer_t *writer);

/** Commits and releases the writer. The handle is released even when the
 *  final commit fails; the status tells, and *ERROR (optional, released
 *  with xapnews_free()) says why. Before that, it gives Xapian's spelling
 *  data the words of the articles added since the last
 *  xapnews_writer_commit() (see xapnews_database_suggest()). */
xapnews_status_t xapnews_writer_close(xapnews_writer_t *writer, char **error);

const char *xapnews_writer_last_error(const xapnews_writer_t *writer);

/* ===================================================================== */
/* Searching                                                             */
/* ===================================================================== */

typedef struct xapnews_database xapnews_database_t;
typedef struct xapnews_query xapnews_query_t;
typedef struct xapnews_results xapnews_results_t;

/** Opens the database at PATH (a database directory or a Xapian stub file)
 *  for searching. Never creates a database: a missing path fails with
 *  XAPNEWS_STATUS_DATABASE_NOT_FOUND. On failure *ERROR (optional) receives
 *  a message released with xapnews_free(). */
xapnews_status_t xapnews_database_open(const char *path,
                                       xapnews_database_t **db, char **error);

/** Number of articles in the database. */
xapnews_status_t xapnews_database_count(xapnews_database_t *db,
                                        unsigned long *count);

/** Sees changes committed by writers since the database was opened. */
xapnews_status_t xapnews_database_reopen(xapnews_database_t *db);

/** The fields DB was indexed with (its stored schema, or the built-in
 *  fields alone), owned by DB. */
const xapnews_fields_t *xapnews_database_fields(const xapnews_database_t *db);

const char *xapnews_database_last_error(const xapnews_database_t *db);

/** Closes DB. Queries and results made from it must be destroyed first. */
void xapnews_database_close(xapnews_database_t *db);

/** Query parsing flags. */
typedef enum {
    /** Words not joined by an operator must all match (the default). */
    XAPNEWS_QUERY_DEFAULT_AND = 0,
    /** Words not joined by an operator: any may match (ranked by how many). */
    XAPNEWS_QUERY_DEFAULT_OR = 1 << 0,
    /** Name-aware typo tolerance: a word that is rare or absent in the
     *  index and within reach of names the index knows (an official's
     *  name, or a word the index mostly writes capitalised in
     *  mid-sentence, even once) is also searched as the best few of them,
     *  with less weight ("Shengkum" also finds "Shengkun", "Navalni"
     *  "Navalny"); a word no article holds and no name is near is also
     *  searched as the spelling data's correction. Ordinary lower-case
     *  words the index holds are never changed. xapnews_query_typo_count()
     *  and xapnews_query_typo() tell what was added, best first for each
     *  word. The rules are in plugin/query/typos.h. */
    XAPNEWS_QUERY_TYPOS = 1 << 4,
    /** A query that does not parse is an error (XAPNEWS_STATUS_BAD_QUERY)
     *  instead of being searched as plain words. */
    XAPNEWS_QUERY_STRICT = 1 << 5
} xapnews_query_flags_t;

/** How a search weighs what matched: the weighting scheme and its
 *  parameters, field weights, recency, official and outlet boosts. The
 *  file format is documented in schemas/profiles/default.conf. */
typedef struct xapnews_profile xapnews_profile_t;

/** A profile with the built-in defaults (plain BM25 over the text). */
xapnews_status_t xapnews_profile_create(xapnews_profile_t **profile);

/** Loads a profile file. A bad line refuses it with
 *  XAPNEWS_STATUS_BAD_INPUT and "FILE:LINE: reason" in *ERROR (optional,
 *  released with xapnews_free()). */
xapnews_status_t xapnews_profile_load(const char *path,
                                      xapnews_profile_t **profile,
                                      char **error);

/** Sets one setting as a profile line "SETTING = VALUE" would. A bad
 *  setting or value gives XAPNEWS_STATUS_INVALID_ARGUMENT and a reason in
 *  *ERROR (optional, released with xapnews_free()). */
xapnews_status_t xapnews_profile_set(xapnews_profile_t *profile,
                                     const char *setting, const char *value,
                                     char **error);

/** Writes PROFILE to PATH in the file format, every setting spelled out,
 *  after COMMENT (may be NULL) as '#' lines. */
xapnews_status_t xapnews_profile_save(const xapnews_profile_t *profile,
                                      const char *path, const char *comment,
                                      char **error);

void xapnews_profile_destroy(xapnews_profile_t *profile);

/** Makes searches of DB use a copy of PROFILE from now on (NULL: the
 *  built-in defaults). Queries parsed before keep the profile they had. */
xapnews_status_t xapnews_database_set_profile(xapnews_database_t *db,
                                              const xapnews_profile_t *profile);

/** Parses TEXT (syntax in the README: words, "phrases", AND OR NOT, +word,
 *  -word, parentheses, word^2, title: official: outlet: id: date:,
 *  like:ID (the articles like that one: xapnews_query_similar()), and
 *  NAME: of the fields DB's schema declares searchable or filterable)
 *  into a query over DB. Text that does not parse (an unclosed parenthesis, a
 *  bad date range...) is searched as plain words, as Xapian's QueryParser
 *  and Omega do, and xapnews_query_syntax_error() says why; with
 *  XAPNEWS_QUERY_STRICT it returns XAPNEWS_STATUS_BAD_QUERY with the
 *  message in xapnews_database_last_error(DB) instead. A query over the
 *  limits (65,536 bytes, 1,024 words as written) is BAD_QUERY either way.
 *  Release with xapnews_query_destroy(). The query must not outlive DB. */
xapnews_status_t xapnews_query_parse(xapnews_database_t *db, const char *text,
                                     unsigned flags, xapnews_query_t **query);

/** Why QUERY's text was searched as plain words ("query syntax error at
 *  column N: reason"; owned by QUERY), or NULL when it parsed. */
const char *xapnews_query_syntax_error(const xapnews_query_t *query);

/** A description of the parsed query (Xapian's notation), owned by QUERY. */
const char *xapnews_query_describe(xapnews_query_t *query);

void xapnews_query_destroy(xapnews_query_t *query);

/** With XAPNEWS_QUERY_TYPOS: the number of query words also searched as a
 *  name, and the I-th of them: *WORD as typed, *NAME as also searched
 *  (both owned by QUERY). Returns XAPNEWS_STATUS_INVALID_ARGUMENT for a
 *  bad index. */
size_t xapnews_query_typo_count(const xapnews_query_t *query);
xapnews_status_t xapnews_query_typo(const xapnews_query_t *query, size_t i,
                                    const char **word, const char **name);

/** Facets: counts of the articles matching a query, by a field's values. */
typedef enum {
    XAPNEWS_FACET_OUTLET = 1 << 0,   /**< by outlet (canonical name) */
    XAPNEWS_FACET_OFFICIAL = 1 << 1, /**< by official named (canonical name) */
    XAPNEWS_FACET_YEAR = 1 << 2,     /**< by year of the date (a histogram:
                                          every year, in date order) */
    XAPNEWS_FACET_MONTH = 1 << 3     /**< by month of the date, "YYYY-MM" (a
                                          histogram; dates of a year only
                                          count for none) */
} xapnews_facet_t;

/** The order of hits. */
typedef enum {
    XAPNEWS_SORT_RELEVANCE = 0, /**< best match first (the default) */
    XAPNEWS_SORT_NEWEST,        /**< latest date first; articles without a
                                     date last */
    XAPNEWS_SORT_OLDEST         /**< earliest date first; articles without a
                                     date first */
} xapnews_sort_t;

/** Sets the order xapnews_query_search() gives hits in. By date, ties are
 *  broken by relevance, then by the order articles were indexed. The
 *  order is Xapian's sort by value slot 0 (the date as "YYYY", "YYYYMM"
 *  or "YYYYMMDD", so a date of a year only sorts before that year's
 *  months), the same as Omega's SORT=-0 (SORT=+0 oldest first) and python3-xapian's
 *  Enquire.set_sort_by_value_then_relevance(0, reverse), on one database,
 *  shards and remote shards alike. An unknown SORT is
 *  XAPNEWS_STATUS_INVALID_ARGUMENT. */
xapnews_status_t xapnews_query_set_sort(xapnews_query_t *query, xapnews_sort_t sort);

/** Sets the order of hits to the values of the sortable field NAME (see
 *  xapnews_fields_t; "date" is the built-in one), ascending, or descending
 *  when DESCENDING is non-zero; ties by relevance, then by the order
 *  articles were indexed. Keyword and text fields sort by their folded
 *  values (case and accents do not count), dates by date, numbers by
 *  value. An article without a value comes first ascending, last
 *  descending. A field DB's schema does not declare sortable is
 *  XAPNEWS_STATUS_INVALID_ARGUMENT with the reason in
 *  xapnews_database_last_error(). It replaces the order of
 *  xapnews_query_set_sort(), and that call replaces it. The order is
 *  Xapian's sort by the field's value slot (xapnews_fields_slot()), which
 *  a stock client and Omega's SORT= can use as well. */
xapnews_status_t xapnews_query_set_sort_field(xapnews_query_t *query, const char *name,
                                              int descending);

/** Makes xapnews_query_search() also count FACETS (a mask of
 *  xapnews_facet_t) over every matching article, not only the page
 *  returned. Counting has to see every match, so it costs more than a
 *  plain search. All of them are counted in that one match by Xapian
 *  match spies, which work over remote shards too (officials of articles
 *  indexed before the index kept them in value slot 7 take one more match
 *  per official). */
xapnews_status_t xapnews_query_set_facets(xapnews_query_t *query,
                                          unsigned facets);

/** Makes xapnews_query_search() also count the matching articles by the
 *  values of the facetable field NAME of DB's schema (one call per
 *  field, in the same match as the facets of xapnews_query_set_facets()):
 *  a keyword by its folded values (the values NAME:value filters on; each
 *  value of a multiple field counts), most frequent first, the first 50;
 *  a number by value, most frequent first, the first 50; a date by year,
 *  every year in date order. A field the schema does not declare
 *  facetable is XAPNEWS_STATUS_INVALID_ARGUMENT with the reason in
 *  xapnews_database_last_error(); at most 16 fields. */
xapnews_status_t xapnews_query_add_facet_field(xapnews_query_t *query, const char *name);

/** The default of xapnews_query_set_exact_count(). */
#define XAPNEWS_COUNT_DEFAULT 1000u
/** xapnews_query_set_exact_count(): count every match exactly. */
#define XAPNEWS_COUNT_ALL ((unsigned)-1)

/** Makes xapnews_query_search() count the matches exactly whenever there
 *  are at most UP_TO of them (XAPNEWS_COUNT_DEFAULT, 1000, until this is
 *  called), or at most OFFSET + LIMIT + 100 when that is more: Xapian's
 *  matcher looks at that many matches before it may stop early
 *  (Enquire::get_mset's checkatleast), unless the query surely matches
 *  more than UP_TO: a word ORed into it is in more articles than that
 *  (then no count can be exact and the page is enough). With more
 *  matches the total is an estimate within known bounds
 *  (xapnews_results_total_exact(),
 *  xapnews_results_total_bounds()). XAPNEWS_COUNT_ALL counts every match,
 *  which costs a look at each of them; so does a search counting facets.
 *  0 counts exactly only up to OFFSET + LIMIT + 100. */
xapnews_status_t xapnews_query_set_exact_count(xapnews_query_t *query,
                                               unsigned up_to);

/** Runs QUERY and returns hits OFFSET .. OFFSET+LIMIT-1 by relevance.
 *  Release with xapnews_results_destroy(). Errors go to the database's
 *  last error. */
xapnews_status_t xapnews_query_search(xapnews_query_t *query,
                                      unsigned offset, unsigned limit,
                                      xapnews_results_t **results);

/** Number of hits in RESULTS (at most LIMIT). */
unsigned xapnews_results_count(const xapnews_results_t *results);

/** How many articles match in all: the exact number when
 *  xapnews_results_total_exact() says so, else Xapian's estimate, which
 *  never leaves the bounds of xapnews_results_total_bounds(). */
unsigned long xapnews_results_total_estimate(const xapnews_results_t *results);

/** 1 when xapnews_results_total_estimate() is the exact number of
 *  matching articles (Xapian saw every match; see
 *  xapnews_query_set_exact_count()), 0 when it is an estimate. */
int xapnews_results_total_exact(const xapnews_results_t *results);

/** Bounds on the number of matching articles: at least *LOWER and at most
 *  *UPPER match (both equal to the total when it is exact). Either pointer
 *  may be NULL; a NULL RESULTS gives 0 and 0. */
void xapnews_results_total_bounds(const xapnews_results_t *results,
                                  unsigned long *lower, unsigned long *upper);

/** The I-th hit's 1-based rank over the whole result list and its score. */
unsigned xapnews_results_rank(const xapnews_results_t *results, unsigned i);
double xapnews_results_score(const xapnews_results_t *results, unsigned i);

/** A stored field of the I-th hit (owned by RESULTS; "" when the article
 *  has none; NULL for a bad argument). XAPNEWS_FIELD_BODY is the indexed
 *  body text with page chrome removed and line breaks turned into spaces. */
const char *xapnews_results_field(const xapnews_results_t *results,
                                  unsigned i, xapnews_field_t field);

/** The values of field NAME of the I-th hit: their number (0 when the
 *  article has none, or NAME is no field of the database's schema) and
 *  the K-th, owned by RESULTS (NULL for a bad argument). A declared field
 *  gives its values as the record gave them (a date in ISO 8601, a number
 *  as its shortest decimal text), several for a multiple one; a built-in
 *  field one value as xapnews_results_field() gives it (none when that is
 *  ""), "officials" one per official. */
size_t xapnews_results_value_count(const xapnews_results_t *results, unsigned i,
                                   const char *name);
const char *xapnews_results_value(const xapnews_results_t *results, unsigned i,
                                  const char *name, size_t k);

/** A snippet of at most about MAX_BYTES bytes of the I-th hit's body around
 *  the words that matched, each wrapped in OPEN and CLOSE (either may be
 *  ""). The caller releases *SNIPPET with xapnews_free(). */
xapnews_status_t xapnews_results_snippet(const xapnews_results_t *results,
                                         unsigned i, size_t max_bytes,
                                         const char *open, const char *close,
                                         char **snippet);

/** A highlighted stretch of a snippet: bytes [START, END). */
typedef struct {
    size_t start, end;
} xapnews_span_t;

/** xapnews_results_snippet(), and where its highlighted words are:
 *  *SPANS receives *N_SPANS byte ranges into *SNIPPET, in order, each the
 *  text between an OPEN and its CLOSE (with empty marks, the words
 *  themselves), so a program can mark them its own way. The caller
 *  releases *SNIPPET and *SPANS (NULL when there is none) with
 *  xapnews_free(). */
xapnews_status_t xapnews_results_snippet_spans(const xapnews_results_t *results,
                                               unsigned i, size_t max_bytes,
                                               const char *open, const char *close,
                                               char **snippet, xapnews_span_t **spans,
                                               size_t *n_spans);

/** Number of values counted for FACET (0 when it was not asked for). */
size_t xapnews_results_facet_size(const xapnews_results_t *results,
                                  xapnews_facet_t facet);

/** The I-th value counted for FACET, most frequent first (ties by
 *  value), owned by RESULTS; *COUNT receives its number of articles. NULL
 *  for a bad argument. */
const char *xapnews_results_facet_value(const xapnews_results_t *results,
                                        xapnews_facet_t facet, size_t i,
                                        unsigned long *count);

/** Number of values counted for the field NAME
 *  (xapnews_query_add_facet_field(); 0 when it was not asked for), and
 *  the I-th, in the order described there, owned by RESULTS; *COUNT
 *  receives its number of articles. NULL for a bad argument. */
size_t xapnews_results_field_facet_size(const xapnews_results_t *results,
                                        const char *name);
const char *xapnews_results_field_facet_value(const xapnews_results_t *results,
                                              const char *name, size_t i,
                                              unsigned long *count);

void xapnews_results_destroy(xapnews_results_t *results);

/* ---- Near-duplicate stories ------------------------------------------
 * Wire stories are republished nearly word for word. The indexer sketches
 * each body (a MinHash of its 4-word shingles, robust to a changed
 * headline, a dateline or an added paragraph) and gives each article a
 * story key: the id of the first article indexed whose body it overlaps
 * by an estimated 0.7 or more, else its own id (value slot 8 and the
 * boolean term XDUP:KEY; schemas/index.schema). Shards built by separate
 * jobs each find the near duplicates they hold. */

/** COLLAPSE 1: xapnews_query_search() shows one article per story, the
 *  best ranked (Enquire::set_collapse_key(8), as Omega's COLLAPSE=8), and
 *  counts the others that match (xapnews_results_more_like_it()); totals
 *  count stories. 0 (the default): every article. */
xapnews_status_t xapnews_query_set_collapse(xapnews_query_t *query, int collapse);

/** The story key of the I-th hit ("" for an article indexed without one;
 *  NULL for a bad argument), owned by RESULTS. */
const char *xapnews_results_story(const xapnews_results_t *results, unsigned i);

/** With xapnews_query_set_collapse(): how many other articles of the I-th
 *  hit's story match the query, exactly. 0 otherwise. */
unsigned long xapnews_results_more_like_it(const xapnews_results_t *results, unsigned i);

/** The other articles of the story of the article with id ID: those with
 *  its story key, and any other whose body overlaps its own by an
 *  estimated 0.7 or more (one indexed in a shard of another job, or
 *  before it), oldest first (undated first), hits OFFSET ..
 *  OFFSET+LIMIT-1. An id no article has is XAPNEWS_STATUS_ARTICLE_NOT_FOUND
 *  ("no article with id 'ID'" in xapnews_database_last_error()). Release
 *  *RESULTS with xapnews_results_destroy(). */
xapnews_status_t xapnews_database_duplicates(xapnews_database_t *db, const char *id,
                                             unsigned offset, unsigned limit,
                                             xapnews_results_t **results);

/** "Did you mean": TEXT with each misspelt word replaced by its best
 *  correction, as typo tolerance finds them (XAPNEWS_QUERY_TYPOS,
 *  plugin/query/typos.h): a capitalised word by a name the index holds
 *  when one is within reach (transliteration-aware, even a name written
 *  once), else a word no article holds by the nearest more frequent word
 *  of Xapian's spelling data (two edits at most). Operators, field names
 *  and the values of id:, like:, date: and outlet: stay as written, and a
 *  corrected word keeps the capital of the one it replaces. *SUGGESTION
 *  receives the corrected text (release with xapnews_free()), or NULL
 *  when no word changes.
 *
 *  The spelling data is Xapian's own (Database::get_spelling_suggestion):
 *  xapnews_writer_close() builds it from the index's words. A sharded
 *  database keeps it per shard and a stub of local shards merges it; over
 *  remote shards Xapian 1.4 has none, and only names are offered. Errors
 *  go to the database's last error. */
xapnews_status_t xapnews_database_suggest(xapnews_database_t *db,
                                          const char *text,
                                          char **suggestion);

/** Searches below this many matches may be corrected
 *  (xapnews_database_correct()). */
#define XAPNEWS_CORRECT_BELOW 3

/** Corrected search: whether TEXT, parsed with FLAGS, should be searched
 *  as its spelling correction instead. When TEXT matches fewer than
 *  XAPNEWS_CORRECT_BELOW articles and its correction
 *  (xapnews_database_suggest()) matches more, *CORRECTED receives the
 *  correction (release with xapnews_free()): search it and say so
 *  ("Showing results for CORRECTED. Search instead for: TEXT"). Otherwise
 *  *CORRECTED is NULL and TEXT is searched as written. Without
 *  XAPNEWS_QUERY_TYPOS in FLAGS nothing is corrected. A TEXT that does
 *  not parse gives the parse's status. */
xapnews_status_t xapnews_database_correct(xapnews_database_t *db,
                                          const char *text, unsigned flags,
                                          char **corrected);

/* ===================================================================== */
/* Similar articles                                                      */
/* ===================================================================== */

/** The number of words a similar-articles query searches. */
#define XAPNEWS_SIMILAR_TERMS 40

/** A query for the articles like the article whose id is ID ("more like
 *  this"), searched, sorted, faceted and shown as a parsed query is
 *  (xapnews_query_search() and the rest; release with
 *  xapnews_query_destroy()). It is what the query like:ID searches: the
 *  article's XAPNEWS_SIMILAR_TERMS best words, by Xapian's relevance
 *  feedback (Enquire::get_eset with the article as the relevant set),
 *  any of them, weighted as any query's words are, without the article
 *  itself and without its near duplicates (the articles sharing its
 *  story key, value slot 8, when it has one). Only the index's plain
 *  words count (body and title words as written, not stems, field terms
 *  or filters), and only words some other article holds. ID is taken as
 *  written, as id:ID is. An id no article has is
 *  XAPNEWS_STATUS_ARTICLE_NOT_FOUND with "no article with id 'ID'" in
 *  xapnews_database_last_error(DB). The query must not outlive DB. */
xapnews_status_t xapnews_query_similar(xapnews_database_t *db, const char *id,
                                       xapnews_query_t **query);

/** xapnews_query_similar() and xapnews_query_search() in one call: hits
 *  OFFSET .. OFFSET+LIMIT-1 of the articles like the article ID, best
 *  first. Release *RESULTS with xapnews_results_destroy() (NULL on
 *  failure); errors as xapnews_query_similar()'s, in the database's last
 *  error. */
xapnews_status_t xapnews_database_similar(xapnews_database_t *db, const char *id,
                                          unsigned offset, unsigned limit,
                                          xapnews_results_t **results);

/* ===================================================================== */
/* Finding spelling variants                                             */
/* ===================================================================== */

/** Pairs of spellings an index holds that are likely the same name or
 *  term, best first (`xapnews synonyms suggest`). How they are found and
 *  scored is documented in plugin/discovery/suggest.h and the README. */
typedef struct xapnews_suggestions xapnews_suggestions_t;

typedef struct {
    /** Pairs returned at most (0: 50). */
    unsigned limit;
    /** The canonical (more frequent) form must be in at least this many
     *  articles (0: 2). */
    unsigned min_docs;
    /** Called now and then with the stage ("vocabulary", "pairs",
     *  "contexts", "compounds") and how far it is; may be NULL. */
    void (*progress)(void *ctx, const char *stage, unsigned long done,
                     unsigned long total);
    void *progress_ctx;
    /** Word lists that tell ordinary words and names of the language
     *  (see xapnews_dictionary_create()); NULL for none. Not owned: it
     *  must outlive the call. Without one, pairs of two dictionary words,
     *  of a name and a dictionary word and of a dictionary word and a
     *  phrase of two are not recognised as such (see the README). */
    const struct xapnews_dictionary *dictionary;
} xapnews_suggest_options_t;

/** Word lists for xapnews_suggest(): one word a line, as Debian's
 *  wamerican and wbritish ship them. A word held by one list and not
 *  another, beside a word the other holds and the first does not
 *  ("organization" / "organisation"), is a pair of regional spellings. */
typedef struct xapnews_dictionary xapnews_dictionary_t;

/** Creates an empty dictionary. On failure *ERROR (optional, released
 *  with xapnews_free()) says why. */
xapnews_status_t xapnews_dictionary_create(xapnews_dictionary_t **dictionary,
                                           char **error);

/** Adds the word list at PATH as one more list (32 at most). A file that
 *  cannot be read is XAPNEWS_STATUS_FILE_ERROR; a line that is not
 *  UTF-8, holds a NUL byte, holds more than one word or is longer than
 *  256 bytes is XAPNEWS_STATUS_BAD_INPUT with "PATH:LINE: reason" in
 *  xapnews_dictionary_last_error(), and so is a file without any word
 *  ("PATH: no words"). On failure the dictionary is left as it was. */
xapnews_status_t xapnews_dictionary_load(xapnews_dictionary_t *dictionary,
                                         const char *path);

/** Adds the default lists that exist in DIR (NULL: the folder chosen when
 *  the library was configured, xapnews_dictionary_default_dir()):
 *  american-english, then british-english. *LOADED (optional) receives
 *  how many were found; none found is no error. A list found but bad
 *  fails as xapnews_dictionary_load() does. */
xapnews_status_t xapnews_dictionary_load_defaults(xapnews_dictionary_t *dictionary,
                                                  const char *dir,
                                                  unsigned *loaded);

/** The folder of the default lists (configure --with-dictionary-dir,
 *  /usr/share/dict unless told otherwise). Static; never NULL. */
const char *xapnews_dictionary_default_dir(void);

/** The number of lists loaded, and of distinct folded words they hold. */
size_t xapnews_dictionary_list_count(const xapnews_dictionary_t *dictionary);
size_t xapnews_dictionary_word_count(const xapnews_dictionary_t *dictionary);

/** What the lists say of WORD (UTF-8, folded here): XAPNEWS_DICTIONARY_WORD
 *  when some list holds it as an ordinary (lower-case) word,
 *  XAPNEWS_DICTIONARY_NAME when some list holds it capitalised, both, or
 *  0. */
#define XAPNEWS_DICTIONARY_WORD 1
#define XAPNEWS_DICTIONARY_NAME 2
int xapnews_dictionary_lookup(const xapnews_dictionary_t *dictionary,
                              const char *word);

const char *xapnews_dictionary_last_error(const xapnews_dictionary_t *dictionary);

void xapnews_dictionary_destroy(xapnews_dictionary_t *dictionary);

/** Mines DB for variant pairs (OPTIONS may be NULL for the defaults).
 *  Pairs that the variant table DB was built with already makes
 *  equivalent are left out. Errors go to DB's last error. Release the
 *  result with xapnews_suggestions_destroy(). */
xapnews_status_t xapnews_suggest(xapnews_database_t *db,
                                 const xapnews_suggest_options_t *options,
                                 xapnews_suggestions_t **suggestions);

/** Number of pairs found. */
size_t xapnews_suggestions_count(const xapnews_suggestions_t *suggestions);

/** The I-th pair's rarer form, its more frequent (canonical) form (both
 *  folded; a compound's spaced form holds a space), its score in [0, 1],
 *  the number of articles holding the rarer form, and its evidence as a
 *  JSON object. Strings are owned by SUGGESTIONS; NULL or 0 for a bad
 *  index. */
const char *xapnews_suggestion_variant(const xapnews_suggestions_t *suggestions,
                                       size_t i);
const char *xapnews_suggestion_canonical(const xapnews_suggestions_t *suggestions,
                                         size_t i);
double xapnews_suggestion_score(const xapnews_suggestions_t *suggestions,
                                size_t i);
unsigned long xapnews_suggestion_docs(const xapnews_suggestions_t *suggestions,
                                      size_t i);
const char *xapnews_suggestion_evidence(const xapnews_suggestions_t *suggestions,
                                        size_t i);

void xapnews_suggestions_destroy(xapnews_suggestions_t *suggestions);

/* ===================================================================== */
/* Evaluation with judged queries                                        */
/* ===================================================================== */

/** Judged queries and the metrics of running them, as trec_eval 9.0
 *  computes them. */
typedef struct xapnews_eval xapnews_eval_t;

/** Loads QUERIES ("qid<TAB>text" lines) and QRELS (TREC qrels: "qid iter
 *  docid relevance", graded). A malformed line refuses the file with
 *  XAPNEWS_STATUS_BAD_INPUT and "FILE:LINE: reason" in *ERROR (optional,
 *  released with xapnews_free()). */
xapnews_status_t xapnews_eval_open(const char *queries, const char *qrels,
                                   xapnews_eval_t **eval, char **error);

/** How xapnews_eval_run() joins the words of a query. */
typedef enum {
    /** Short queries (at most xapnews_eval_mode_t's short_words words) as
     *  `xapnews search` runs them: every word must match; longer ones, as
     *  natural language: any word may match, ranked by how many do. */
    XAPNEWS_EVAL_AUTO = 0,
    /** Every query: every word must match (XAPNEWS_QUERY_DEFAULT_AND). */
    XAPNEWS_EVAL_ALL,
    /** Every query: any word may match (XAPNEWS_QUERY_DEFAULT_OR). */
    XAPNEWS_EVAL_ANY
} xapnews_eval_match_t;

/** The default of xapnews_eval_mode_t's short_words. */
#define XAPNEWS_EVAL_SHORT_WORDS 3u

/** How xapnews_eval_run() runs the queries. Zero fields take the
 *  defaults, which are how `xapnews search` runs a query of up to 3 words
 *  (every word must match, typo tolerance on) and natural language (any
 *  word may match, typo tolerance on) beyond. */
typedef struct {
    xapnews_eval_match_t match; /**< XAPNEWS_EVAL_AUTO */
    /** With XAPNEWS_EVAL_AUTO, a query of more words than this is long
     *  (XAPNEWS_EVAL_SHORT_WORDS). Words are counted as the index splits
     *  text: "US-China" is two words, an operator such as OR one. */
    unsigned short_words;
    /** Non-zero: without typo tolerance (XAPNEWS_QUERY_TYPOS), as
     *  `search --no-typos`. */
    int no_typos;
} xapnews_eval_mode_t;

/** Sets how the next runs run the queries (NULL: the defaults). An
 *  unknown MATCH is XAPNEWS_STATUS_INVALID_ARGUMENT. */
xapnews_status_t xapnews_eval_set_mode(xapnews_eval_t *eval,
                                       const xapnews_eval_mode_t *mode);

/** Non-zero CORRECTED: a query runs as `xapnews search` runs it, as its
 *  spelling correction when xapnews_database_correct() says so (it
 *  matches fewer than XAPNEWS_CORRECT_BELOW articles as typed and its
 *  correction matches more); typo tolerance must be on for it to act.
 *  Off by default; the mode's description says when it is on. */
xapnews_status_t xapnews_eval_set_corrected(xapnews_eval_t *eval, int corrected);

/** Whether corrected search is on (xapnews_eval_set_corrected()). */
int xapnews_eval_get_corrected(const xapnews_eval_t *eval);

/** The mode in use, the defaults filled in, into *MODE. */
void xapnews_eval_get_mode(const xapnews_eval_t *eval,
                           xapnews_eval_mode_t *mode);

/** The mode in words, owned by EVAL: "AND for queries of up to 3 words,
 *  OR for longer ones; typos on", "AND; typos off", "OR; typos on"... */
const char *xapnews_eval_mode_describe(const xapnews_eval_t *eval);

/** Runs every query over DB with its current profile in the mode set
 *  (xapnews_eval_set_mode()), keeping the DEPTH best hits (1000 as in
 *  TREC when 0), and computes the metrics of each query.
 *
 *  A query that fails (one that cannot be parsed, or that the database
 *  refuses) does not stop the run: xapnews_eval_query_error() says why,
 *  and it counts as retrieving nothing. Only running out of memory, or a
 *  database that cannot answer at all (XAPNEWS_STATUS_NETWORK_ERROR,
 *  XAPNEWS_STATUS_DATABASE_CORRUPT, XAPNEWS_STATUS_DATABASE_NOT_FOUND),
 *  stops it, with a message naming the query in
 *  xapnews_eval_last_error(). */
xapnews_status_t xapnews_eval_run(xapnews_eval_t *eval, xapnews_database_t *db,
                                  unsigned depth);

/** Number of queries, and the id of the I-th (file order). */
size_t xapnews_eval_query_count(const xapnews_eval_t *eval);
const char *xapnews_eval_query_id(const xapnews_eval_t *eval, size_t i);

/** Whether query I counts in the summary: it has judgments. A query with
 *  judgments that retrieved nothing, or failed, counts with scores of 0
 *  (but its num_rel), as `trec_eval -c` counts a query missing from the
 *  run; plain trec_eval would leave it out. */
int xapnews_eval_query_counted(const xapnews_eval_t *eval, size_t i);

/** After a run: the XAPNEWS_QUERY_* flags query I ran with
 *  (XAPNEWS_QUERY_DEFAULT_OR and XAPNEWS_QUERY_TYPOS or not); 0 before. */
unsigned xapnews_eval_query_flags(const xapnews_eval_t *eval, size_t i);

/** After a run: why query I failed (owned by EVAL, valid until the next
 *  run), or NULL when it ran. */
const char *xapnews_eval_query_error(const xapnews_eval_t *eval, size_t i);

/** After a run: the number of documents query I retrieved (0 for a
 *  failed query). */
size_t xapnews_eval_query_hits(const xapnews_eval_t *eval, size_t i);

/** A summary of the last run for the head of a report, one line each
 *  (release with xapnews_free(); NULL without memory):
 *    "mode: MODE (N AND, M OR)"  (xapnews_eval_mode_describe())
 *    "failed: N (QID ...), counted as retrieving nothing"  ("failed: 0")
 *    "no hits: N (QID ...)"  (queries that ran and retrieved nothing)
 *  Before a run, the mode line alone, without the numbers. */
char *xapnews_eval_describe(const xapnews_eval_t *eval);

/** The names of the metrics, NULL terminated: map, P_5, P_10, recall_100,
 *  ndcg_cut_10, recip_rank, num_ret, num_rel, num_rel_ret (static). */
const char *const *xapnews_eval_metric_names(void);

/** Metric NAME of query I after xapnews_eval_run(); NaN for an unknown
 *  name, a bad index or a query that is not counted. */
double xapnews_eval_query_metric(const xapnews_eval_t *eval, size_t i,
                                 const char *name);

/** Metric NAME over the counted queries whose SELECTED entry is non-zero
 *  (SELECTED may be NULL: all of them), averaged or summed as trec_eval
 *  does; NaN for an unknown name. The same as `trec_eval -c` on a qrels
 *  file holding the judgments of the queries run. */
double xapnews_eval_summary(const xapnews_eval_t *eval,
                            const unsigned char *selected, const char *name);

/** Number of queries counted in the summary (those with judgments). */
size_t xapnews_eval_counted(const xapnews_eval_t *eval);

/** Writes the last run as a TREC run file ("qid Q0 docid rank score TAG"),
 *  in the order trec_eval ranks it, so `trec_eval -c` gives the same
 *  numbers (a query that retrieved nothing has no line). */
xapnews_status_t xapnews_eval_write_run(const xapnews_eval_t *eval,
                                        const char *path, const char *tag,
                                        char **error);

const char *xapnews_eval_last_error(const xapnews_eval_t *eval);

void xapnews_eval_destroy(xapnews_eval_t *eval);

/** Options of xapnews_tune(). Zero fields take the defaults shown. */
typedef struct {
    unsigned folds;       /**< cross-validation folds (5; at most the
                               number of counted queries) */
    const char *metric;   /**< the metric to raise ("ndcg_cut_10") */
    unsigned budget;      /**< profiles tried, the base included (40) */
    unsigned long seed;   /**< random seed (1); the same seed, data and
                               budget give the same result */
    unsigned depth;       /**< hits kept per query (1000) */
} xapnews_tune_options_t;

/** Called after each profile tried. */
typedef void (*xapnews_tune_progress_t)(void *ctx, unsigned done,
                                        unsigned total);

/** Searches profile settings (weighting parameters, field weights,
 *  recency and official boosts) around BASE with K-fold cross-validation
 *  over EVAL's counted queries, run in EVAL's mode (a failed query counts
 *  as retrieving nothing, as in xapnews_eval_run()). For each fold it picks the best profile on the
 *  other folds' queries and scores it on the fold's own; the profile
 *  returned is chosen on all queries but, to resist overfitting small
 *  query sets, is the one nearest BASE among those within one standard
 *  error of the best. *RESULT receives it (destroy with
 *  xapnews_profile_destroy()), *REPORT a human-readable report, headed by
 *  the lines of xapnews_eval_describe(), of every fold and the choice
 *  (release with xapnews_free()). PROGRESS may be NULL. */
xapnews_status_t xapnews_tune(xapnews_database_t *db, xapnews_eval_t *eval,
                              const xapnews_profile_t *base,
                              const xapnews_tune_options_t *options,
                              xapnews_tune_progress_t progress, void *ctx,
                              xapnews_profile_t **result, char **report);

/* ===================================================================== */
/* Analysis: how text becomes terms                                      */
/* ===================================================================== */

/** Turns text into the terms xapnews indexes and searches, with the same
 *  tokeniser, stemmer and variant table, for inspection (like
 *  Elasticsearch's _analyze). */
typedef struct xapnews_analyzer xapnews_analyzer_t;

/** What a token is. */
typedef enum {
    XAPNEWS_TOKEN_WORD = 0,  /**< a word of the text at its own position */
    XAPNEWS_TOKEN_COLOCATED, /**< another form of a word at the same
                                  position (joined compound, possessive) */
    XAPNEWS_TOKEN_VARIANT,   /**< a form added from the variant table */
    XAPNEWS_TOKEN_CANONICAL  /**< the canonical form of a variant group,
                                  under the XV prefix */
} xapnews_token_kind_t;

typedef struct {
    unsigned position;   /**< 1-based term position */
    size_t start, end;   /**< byte span [start, end) of the raw text */
    const char *folded;  /**< the folded word */
    const char *stem;    /**< its stem, "" when it is not stemmed */
    const char *term;    /**< the term indexed, with the field's prefix */
    const char *stem_term; /**< the Z term indexed, "" when none */
    xapnews_token_kind_t kind;
} xapnews_token_t;

/** Creates an analyzer for LANGUAGE ("english" when NULL, "none" for no
 *  stemming) with no tables. On failure *ERROR (optional, released with
 *  xapnews_free()) says why. */
xapnews_status_t xapnews_analyzer_create(const char *language,
                                         xapnews_analyzer_t **analyzer,
                                         char **error);

/** Creates an analyzer with the language and tables DB was built with. */
xapnews_status_t xapnews_database_analyzer(xapnews_database_t *db,
                                           xapnews_analyzer_t **analyzer);

/** Loads a table (see xapnews_writer_load_table()). */
xapnews_status_t xapnews_analyzer_load_table(xapnews_analyzer_t *analyzer,
                                             xapnews_table_t which,
                                             const char *path);

/** Analyses LEN bytes of TEXT as field FIELD (XAPNEWS_FIELD_TITLE,
 *  XAPNEWS_FIELD_BODY, or XAPNEWS_FIELD_COUNT for officials' names),
 *  replacing the previous analysis. */
xapnews_status_t xapnews_analyzer_run(xapnews_analyzer_t *analyzer,
                                      xapnews_field_t field, const char *text,
                                      size_t len);

/** The tokens of the last analysis, ordered by position; each is owned by
 *  ANALYZER and valid until its next run. */
size_t xapnews_analyzer_count(const xapnews_analyzer_t *analyzer);
const xapnews_token_t *xapnews_analyzer_token(const xapnews_analyzer_t *analyzer,
                                              size_t i);

const char *xapnews_analyzer_last_error(const xapnews_analyzer_t *analyzer);

void xapnews_analyzer_destroy(xapnews_analyzer_t *analyzer);

/** The acronyms DB's articles define ("Office of Personnel Management
 *  (OPM)" or "OPM (Office of Personnel Management)"), which searches use
 *  as variants of their expansions: their number, and the I-th, by
 *  acronym and, within one, most frequent definition first: the folded
 *  acronym, *EXPANSION its folded expansion, *COUNT the number of articles
 *  that define it so (all owned by DB). NULL for a bad argument. A search
 *  for an acronym also finds each of its expansions; a search for an
 *  expansion also finds the acronym when it is the acronym's most
 *  frequent definition (ties count). */
size_t xapnews_database_acronym_count(const xapnews_database_t *db);
const char *xapnews_database_acronym(const xapnews_database_t *db, size_t i,
                                     const char **expansion,
                                     unsigned long *count);

#ifdef __cplusplus
}
#endif

#endif /* XAPNEWS_H */
