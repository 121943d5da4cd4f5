/* acronyms.h - acronyms that articles define, and searching by them.
 *
 * An article that writes "Office of Personnel Management (OPM)" or "OPM
 * (Office of Personnel Management)" defines OPM. xn_acronyms_scan() finds
 * such definitions in raw text: an acronym of 2 to 10 letters that starts
 * with a capital and holds at least two capitals ("OPM", "DoD"), whose
 * letters are the initials of the capitalised words of the expansion, in
 * order; the small words of, the, and, for, on, in, at, to, by, a, an, de
 * and & may stand between them, with or without a letter of their own.
 * The expansion ends at the parenthesis (or fills it) and stops at
 * punctuation (. , ; : ! ? quotes): "(AP)" after words whose initials are
 * not A P, "(1998)" and lower-case expansions define nothing.
 *
 * Finding them costs a byte scan for '(' per text. The writer stores each
 * definition in its article as one boolean term
 *     XN_PREFIX_ACRONYM "opm office of personnel management"
 * (the folded acronym, a space, the folded words of the expansion), so the
 * definitions live wherever the article does: in every shard, through
 * compaction and the remote backend, and an article indexed again or
 * removed takes its definitions along. The number of articles holding a
 * term is the definition's count.
 *
 * At search time xn_acronyms_load() reads every definition of a database
 * (one walk over the prefix), and the query parser searches a query's
 * acronym also as each of its expansions, and an expansion also as its
 * acronym, so a search for "OPM" finds articles that only write "Office of
 * Personnel Management" and the other way round, across the whole index,
 * articles indexed before the definition included.
 *
 * Conflicting definitions ("PLA": People's Liberation Army in 40
 * articles, Philippine Library Association in 2) are all kept with their
 * counts. A search for the acronym searches every expansion (the user's
 * words cannot tell which one is meant; ranking does); a search for an
 * expansion also searches the acronym only when that expansion is the
 * acronym's most frequent definition (ties all count), so a rare meaning
 * does not pull in every article that uses the acronym for the common
 * one.
 *
 * A table is owned by its creator and immutable after loading.
 */
#ifndef XAPNEWS_ACRONYMS_H
#define XAPNEWS_ACRONYMS_H

#include <stddef.h>

#include "error.h"

/** The most letters an acronym has, and words an expansion has. */
#define XN_ACRONYM_MAX_LETTERS 10
#define XN_ACRONYM_MAX_WORDS 24

/** One definition found in a text: byte spans of the raw text. */
typedef struct {
    size_t acronym_start, acronym_len;
    size_t expansion_start, expansion_len;
} xn_acronym_def;

/** Calls FN for each definition in the LEN bytes of TEXT, in order. A
 *  non-zero return from FN stops the scan and is returned; else 0. */
int xn_acronyms_scan(const char *text, size_t len,
                     int (*fn)(void *ctx, const xn_acronym_def *d),
                     void *ctx);

/** Writes to OUT the term recording definition D of TEXT (prefix, folded
 *  acronym, space, folded expansion words). Returns its length, or 0 when
 *  it would be too long for a Xapian term or memory runs out. */
size_t xn_acronyms_term(const char *text, const xn_acronym_def *d,
                        xn_strbuf *out);

/** Adds to DOC one boolean term per definition in the LEN bytes of TEXT.
 *  On failure sets ERR and returns its status. */
xapnews_status_t xn_acronyms_index(xs_doc *doc, const char *text, size_t len,
                                   xn_error *err);

typedef struct xn_acronyms xn_acronyms;

/** Reads the definitions stored in DB. *OUT is NULL when there are none.
 *  On failure sets ERR and returns its status. */
xapnews_status_t xn_acronyms_load(xs_db *db, xn_acronyms **out,
                                  xn_error *err);

/** Builds a table from terms as xn_acronyms_term() writes them (without
 *  the prefix): an empty table, then xn_acronyms_add() for each. */
xn_acronyms *xn_acronyms_new(void);

/** Adds the definition written DEF ("opm office of personnel management")
 *  held by COUNT articles. Returns 0, 1 for a malformed DEF (ignored), -1
 *  when memory runs out. Call xn_acronyms_finish() after the last. */
int xn_acronyms_add(xn_acronyms *t, const char *def, size_t len,
                    unsigned long count);

/** Makes the table ready for lookups. Returns 0, or -1 when memory runs
 *  out. */
int xn_acronyms_finish(xn_acronyms *t);

void xn_acronyms_free(xn_acronyms *t);

/** Number of definitions, and the I-th (most frequent first within an
 *  acronym, acronyms in order): folded acronym, folded expansion (words
 *  separated by spaces), number of articles (all owned by T). */
size_t xn_acronyms_count(const xn_acronyms *t);
void xn_acronyms_get(const xn_acronyms *t, size_t i, const char **acronym,
                     const char **expansion, unsigned long *count);

/** The longest expansion or acronym starting at WORDS[0] (N folded words
 *  at most): returns the number of alternatives written to ALTS (at most
 *  MAX; 0 when nothing matches), each a folded text to search as well
 *  (owned by T), and sets *LENGTH to the words matched. An expansion gives
 *  its acronyms when it is their most frequent definition; WORDS[0] as an
 *  acronym, only when ACRONYM_OK (the query wrote it with a capital, so
 *  "us" and "it" stay words), gives its expansions, most frequent
 *  first. */
size_t xn_acronyms_match(const xn_acronyms *t, const char *const *words,
                         const size_t *lens, size_t n, int acronym_ok,
                         size_t *length, const char **alts, size_t max);

#endif
