/* names.h - tables of named things: officials and outlets.
 *
 * Tab-separated files, one entry per line, '#' comments:
 *
 *   officials.tsv:  canonical name <TAB> variants (separated by '|')
 *                   <TAB> role <TAB> country [<TAB> surname]
 *   outlets.tsv:    canonical name <TAB> aliases (separated by '|')
 *
 * Every variant or alias, and the canonical name itself, names the entry;
 * names are tokenised, so case, accents and punctuation do not matter. The
 * surname (by default the canonical name's last word) lets a later lone
 * surname in an article count as a mention of an official already named
 * in full.
 */
#ifndef XAPNEWS_NAMES_H
#define XAPNEWS_NAMES_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"
#include "variants.h"

typedef enum { XN_NAMES_OFFICIALS, XN_NAMES_OUTLETS } xn_names_kind;

typedef struct {
    const char *canonical;
    const char *const *variants; /* n_variants names */
    size_t n_variants;
    const char *role, *country; /* "" when not given (officials only) */
    const char *surname;        /* folded single word, or "" */
    unsigned long line;
} xn_name;

typedef struct xn_names xn_names;

/** Parses a table from TEXT (LEN bytes); NAME is used in messages. A
 *  malformed line refuses the whole table: NULL with ERR set to
 *  "NAME:LINE: reason". */
xn_names *xn_names_parse(const char *name, const char *text, size_t len,
                         xn_names_kind kind, xn_error *err);

void xn_names_free(xn_names *t);

size_t xn_names_count(const xn_names *t);
const xn_name *xn_names_get(const xn_names *t, size_t i);

/** The entry that the whole LEN-byte TEXT names, or -1. */
long xn_names_lookup(const xn_names *t, const char *text, size_t len);

/** The entry named by the longest name starting at WORDS[0] (N words at
 *  most), or -1; *LENGTH receives the number of words matched. */
long xn_names_match(const xn_names *t, const char *const *words,
                    const size_t *lens, size_t n, size_t *length);

/** Called by xn_names_mentions() for each name found: words [FIRST,
 *  FIRST + LENGTH) name table entry ENTRY. A non-zero return stops. */
typedef int (*xn_mention_fn)(void *ctx, size_t first, size_t length,
                             size_t entry);

/** Finds the table's names in WORDS[0..N) the way the variant table's
 *  forms are found in text (xn_variants_spans(): leftmost, longest) and
 *  calls FN for each. Returns 0 or FN's non-zero value. */
int xn_names_mentions(const xn_names *t, const char *const *words,
                      const size_t *lens, size_t n, xn_mention_fn fn, void *ctx);

/** Writes to OUT (emptied first) the text of the table BASE_TEXT (BASE in
 *  messages) with the entries of the table ADD_TEXT (ADD) added after its
 *  own: an entry of ADD whose canonical name is, folded like all names,
 *  the canonical name of an entry of BASE replaces it (that entry's line
 *  is left out); the others follow BASE's entries, in ADD's order. The
 *  same text twice is BASE_TEXT. Fails with ERR set (and nothing useful in
 *  OUT) when a table is malformed, or when a name of ADD already names an
 *  entry of BASE that ADD does not replace: "ADD:LINE: ...". */
xapnews_status_t xn_names_combine(xn_names_kind kind, const char *base,
                                  const char *base_text, size_t base_len,
                                  const char *add, const char *add_text,
                                  size_t add_len, xn_strbuf *out, xn_error *err);

/** Makes NAME (tokenised like the table's names) also name ENTRY, for
 *  matching and lookups only: it is not one of the entry's variants, so it
 *  is not indexed with the official's words. Returns 0, 1 when NAME has no
 *  words or already names an entry, -1 when memory runs out. */
int xn_names_add_alias(xn_names *t, size_t entry, const char *name);

#endif
