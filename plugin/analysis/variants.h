/* variants.h - the variant table: spellings that mean the same thing.
 *
 * Loaded from a file in the Solr synonyms format:
 *
 *     # a comment
 *     Guo Shengkun, Guo Shengkum          equivalent forms; the one with the
 *                                         fewest words (the first of those)
 *                                         is canonical
 *     cybersecurity, cyber-security, cyber security
 *     Shengkum => Shengkun                explicit mapping: the left-hand
 *                                         forms mean the right-hand ones
 *
 * Entries are tokenised like any text, so case, accents and hyphenation do
 * not matter, and an entry may hold several words. "\," writes a comma
 * inside an entry. A malformed line refuses the whole file.
 *
 * Matching works on the sequence of a text's positions (the tokeniser's
 * non-colocated terms): xn_variants_match() finds the longest form starting
 * at a given position.
 */
#ifndef XAPNEWS_VARIANTS_H
#define XAPNEWS_VARIANTS_H

#include <stddef.h>

#include "error.h"

typedef struct xn_variants xn_variants;

/** One form: its folded words. A case-sensitive form ("=US" in the
 *  table: one word of XN_CASED_MIN to XN_CASED_MAX capital letters A-Z)
 *  is kept as written, in capitals, and CASED is set: it matches only a
 *  word written so (see xn_variants_spans_cased()), is never a group's
 *  canonical form and is never written as a term. */
typedef struct {
    const char *const *words;
    const size_t *lens;
    size_t n;
    int cased;
} xn_form;

#define XN_CASED_MIN 2
#define XN_CASED_MAX 5

/** Parses a table from the LEN bytes of TEXT. On a malformed line returns
 *  NULL with ERR set to "NAME:LINE: reason" (XAPNEWS_STATUS_BAD_INPUT). */
xn_variants *xn_variants_parse(const char *name, const char *text, size_t len,
                               xn_error *err);

/** An empty table. */
xn_variants *xn_variants_new(void);

/** Adds an explicit mapping SOURCE => TARGET, tokenised like table entries
 *  (used for tables kept in other formats, such as officials and outlets).
 *  Returns 0, 1 when SOURCE has no words or already belongs to a group, or
 *  -1 when memory runs out. */
int xn_variants_add_mapping(xn_variants *v, const char *source,
                            const char *target);

/** Adds FORM as an equivalent of BASE (both tokenised like table
 *  entries): to BASE's group when BASE already belongs to an equivalence,
 *  else to a new group {BASE, FORM}. A form added this way is only ever
 *  met through the group's canonical terms: it is never laid as plain
 *  words (see xn_variants_natural()) nor paired in Xapian's synonym table,
 *  so "Bill Burns" meeting "William Burns" does not make every "bill" a
 *  "william". Returns 0; 1 when FORM already belongs to a group, BASE to a
 *  mapping, or either has no words (nothing changes); -1 when memory runs
 *  out (the table stays usable). */
int xn_variants_add_equivalent(xn_variants *v, const char *base,
                               const char *form);

void xn_variants_free(xn_variants *v);

/** Number of groups (lines) in the table. */
size_t xn_variants_groups(const xn_variants *v);

/** A match of a form at some position. */
typedef struct {
    size_t group;  /* index of the group */
    size_t form;   /* index of the matched form within the group */
    size_t length; /* number of positions matched */
} xn_vmatch;

/** Finds the longest form whose words equal WORDS[0..] (N words at most).
 *  Returns 1 and fills M on a match, 0 otherwise. */
int xn_variants_match(const xn_variants *v, const char *const *words,
                      const size_t *lens, size_t n, xn_vmatch *m);

/** Called by xn_variants_spans() for each span: the form M covers words
 *  [FIRST, FIRST + M->length). A non-zero return stops the walk. */
typedef int (*xn_span_fn)(void *ctx, size_t first, const xn_vmatch *m);

/** The one way a word sequence is cut into table forms, used by the
 *  indexer, the query parser, officials' mention counts and boosts alike:
 *  from the left, the longest form starting at each word; a matched form's
 *  words are never the start of another. Calls FN for each span in order.
 *  Returns 0, or FN's non-zero value. */
int xn_variants_spans(const xn_variants *v, const char *const *words,
                      const size_t *lens, size_t n, xn_span_fn fn, void *ctx);

/** xn_variants_spans() where CAPITALS[I] (may be NULL, as may the whole
 *  array) is word I as written when it is in capitals: a word that starts
 *  no form as folded is also tried as a case-sensitive form ("US" is the
 *  United States, "us" and "Us" are not). */
int xn_variants_spans_cased(const xn_variants *v, const char *const *words,
                            const size_t *lens, const char *const *capitals,
                            size_t n, xn_span_fn fn, void *ctx);

/** Number of forms in GROUP and the I-th form. */
size_t xn_variants_form_count(const xn_variants *v, size_t group);
xn_form xn_variants_form(const xn_variants *v, size_t group, size_t i);

/** The canonical form of GROUP: the form of an equivalence with the fewest
 *  words (the first of those), or the first right-hand form of a mapping. */
size_t xn_variants_canonical(const xn_variants *v, size_t group);

/** Whether a match of form FROM should add form TO: every other form of an
 *  equivalence; the right-hand forms for a left-hand form of a mapping. */
int xn_variants_expands(const xn_variants *v, size_t group, size_t from,
                        size_t to);

/** Whether a match of form FROM should add the words of form TO as plain
 *  words: always for a mapping (the table asks for it); for equivalent
 *  forms only when TO brings no word foreign to FROM: the same letters
 *  written apart or together ("cyber security" / "cybersecurity", "USA" /
 *  "U.S.A."), or the same words up to spelling variants ("Guo Shengkum" /
 *  "Guo Shengkun", "Loretta E. Lynch" / "Loretta Lynch"). "U.S." does not
 *  add "united" and "states", so a search for "states" finds only texts
 *  that say it; such forms meet through the canonical variant terms. */
int xn_variants_natural(const xn_variants *v, size_t group, size_t from,
                        size_t to);

/** Whether GROUP is an explicit mapping (a => b). */
int xn_variants_is_mapping(const xn_variants *v, size_t group);

/** Calls FN for every pair of words (A stands for B) that differ between
 *  two forms of the same length where the first expands to the second:
 *  single-word forms, and the differing words of multi-word forms when
 *  they are spelling variants of each other (a few edits apart: "Guo
 *  Shengkum" / "Guo Shengkun" gives "shengkum" -> "shengkun", "Bill
 *  Evanina" / "William Evanina" gives nothing). A non-zero return from FN
 *  stops and is returned. */
int xn_variants_each_word_pair(const xn_variants *v,
                               int (*fn)(void *ctx, const char *a, size_t alen,
                                         const char *b, size_t blen),
                               void *ctx);

/** Calls FN for every multi-word form A (its words joined by one space)
 *  and one-word form B it expands to where B is A's letters written
 *  together ("cyber security" -> "cybersecurity"): Xapian's multi-word
 *  synonym keys, which a stock QueryParser with
 *  FLAG_AUTO_MULTIWORD_SYNONYMS applies to words typed apart. A non-zero
 *  return from FN stops and is returned; -1 when memory runs out. */
int xn_variants_each_joined_pair(const xn_variants *v,
                                 int (*fn)(void *ctx, const char *a, size_t alen,
                                           const char *b, size_t blen),
                                 void *ctx);

/** The line of the table that defined GROUP. */
unsigned long xn_variants_line(const xn_variants *v, size_t group);

#endif
