/* terms.h - text to positioned terms: the tokeniser plus the variant
 * table. The one place where variant forms are found in text: the indexer,
 * the query parser, `xapnews analyse` and the officials' mention counts all
 * read the spans it records.
 *
 * xn_analyze() tokenises a text into the *plain stream*: each word at its
 * own position, numbered from FIRST_POS + 1, with the tokeniser's colocated
 * forms (see tokenizer.h) beside it. These are exactly the terms plain
 * Xapian would see, and each written word adds one to its term's wdf and
 * to the document length.
 *
 * It then cuts the sequence of positions into forms of the variant table
 * (xn_variants_spans(): leftmost, longest) and, when at least one form
 * occurs, writes:
 *
 *  - the *canonical stream*, flagged XN_TOKEN_CANONICAL and numbered by
 *    its own positions (also from FIRST_POS + 1): the text again with each
 *    span replaced by its group's canonical form. A span of k words whose
 *    canonical form has m words occupies m canonical positions; every
 *    other position is copied with its colocated forms. The query parser
 *    analyses query text with this same function, so a phrase written
 *    with any form of a group is, in the canonical stream, the same
 *    sequence as every other text holding any form of that group, words
 *    around the form included. The indexer writes it under the XV prefix
 *    with wdf 0 (positions only), so it adds nothing to term counts or
 *    document lengths;
 *  - in the plain stream, flagged XN_TOKEN_VARIANT, the group's other
 *    forms that are spellings of the one written (xn_variants_natural())
 *    and have no more words than the span: from its first position and,
 *    when shorter, also ending at its last, never past it (a longer form
 *    would overlap the next words and make false phrases). Stock Xapian
 *    clients find spelling variants through them, in phrases too. Also
 *    written with wdf 0.
 *
 * A text without any form gets no canonical stream: its canonical stream
 * would be its plain stream.
 *
 * Nor does the index need one when every form the text writes is its
 * group's canonical form, or a spelling of it with as many words (the
 * canonical words are then laid at the same positions): each canonical
 * token is then a plain token at the same position, so a phrase of
 * canonical words matches the plain stream wherever it matches the
 * canonical one. xn_tokens_canonical_needed() tells; the indexer writes
 * the canonical stream only when it is needed, and the query parser
 * searches canonical words in both streams.
 */
#ifndef XAPNEWS_TERMS_H
#define XAPNEWS_TERMS_H

#include <stddef.h>

#include "strbuf.h"
#include "tokenizer.h"
#include "variants.h"

#define XN_TOKEN_VARIANT (1u << 16)  /* laid from the variant table (plain
                                        stream) or any canonical-stream
                                        token: never a word the text holds
                                        at that position */
#define XN_TOKEN_CANONICAL (1u << 17) /* a token of the canonical stream,
                                        indexed with the XV prefix so it
                                        never mixes with the words a text
                                        really holds */

typedef struct {
    size_t term; /* offset of the folded term in the list's text */
    size_t len;
    unsigned pos;      /* plain position, or canonical for canonical tokens */
    size_t start, end; /* byte span in the analysed text */
    unsigned flags;
} xn_atoken;

/** A form of the variant table found in the text. */
typedef struct {
    unsigned first, last;   /* the plain positions it covers */
    unsigned cfirst, clast; /* the canonical positions of its canonical form */
    size_t start, end;      /* byte span in the analysed text */
    size_t group, form;     /* in the variant table */
} xn_vspan;

typedef struct {
    xn_atoken *t;
    size_t n, cap;
    xn_strbuf text;   /* the terms, each NUL terminated */
    size_t n_plain;   /* t[0, n_plain): plain stream, ordered by position, a
                         position's own word first; t[n_plain, n): canonical
                         stream, ordered by canonical position */
    xn_vspan *spans;  /* in text order */
    size_t n_spans, cap_spans;
    unsigned last_canonical; /* last canonical position used; FIRST_POS
                                when there is no canonical stream */
} xn_tokens;

#define XN_TOKENS_INIT {NULL, 0, 0, XN_STRBUF_INIT, 0, NULL, 0, 0, 0}

/** Empties L (keeping its memory). */
void xn_tokens_reset(xn_tokens *l);
void xn_tokens_free(xn_tokens *l);

/** The NUL-terminated term of token I. */
static inline const char *xn_tokens_term(const xn_tokens *l, size_t i)
{
    return l->text.data + l->t[i].term;
}

/** Text with at least XN_CAPITALS_MIN_WORDS words of two letters or
 *  more, XN_CAPITALS_PERCENT percent of them written in capitals, is read
 *  as lower case: no token of it is flagged XN_TOKEN_CAPITALISED, so its
 *  words are not taken as names and a query stems them ("TALKS BEGIN"
 *  searches as "talks begin" does). */
#define XN_CAPITALS_MIN_WORDS 3
#define XN_CAPITALS_PERCENT 80

/** Whether LEN bytes of TEXT are in capitals by the rule above: 1 or 0,
 *  or -1 when memory runs out. A query reads its whole text so. */
int xn_text_in_capitals(const char *text, size_t len);

/** Reads every token of L as lower case (none XN_TOKEN_CAPITALISED). */
void xn_tokens_lower_case(xn_tokens *l);

/** Analyses LEN bytes of TEXT into L (reset first), numbering positions
 *  from FIRST_POS + 1; VARIANTS may be NULL (no spans, no canonical
 *  stream). Returns the last plain position used (FIRST_POS when the text
 *  has no words), or (unsigned)-1 when memory runs out. */
unsigned xn_analyze(const char *text, size_t len, const xn_variants *variants,
                    unsigned first_pos, xn_tokens *l);

/** Whether the canonical stream of L (analysed with VARIANTS) holds a
 *  token that is not a plain token at the same position (see above): 1 or
 *  0. */
int xn_tokens_canonical_needed(const xn_tokens *l, const xn_variants *variants);

/** Collects the positions' own words (no colocated forms) of L: WORDS and
 *  LENS get one entry per position, pointing into L (the bare word of a
 *  possessive), INDEX the token it came from. Returns the count, or
 *  (size_t)-1 when memory runs out. The caller frees *WORDS and *LENS. */
size_t xn_tokens_primaries(const xn_tokens *l, const char ***words,
                           size_t **lens, size_t **index);

#endif
