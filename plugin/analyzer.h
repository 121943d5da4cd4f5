/* analyzer.h - text to positioned terms: the tokeniser plus the variant
 * table.
 *
 * xn_analyze() tokenises a text and, wherever a form of the variant table
 * occurs, adds at the same positions (flagged XN_TOKEN_VARIANT):
 *  - for equivalent forms, the words of the group's canonical form, flagged
 *    XN_TOKEN_CANONICAL (indexed under their own prefix), so a search for
 *    any form finds every other; and the other forms as plain words when
 *    they bring no foreign word (see xn_variants_natural()), so stock
 *    Xapian clients find spelling variants too, even in phrases;
 *  - for a mapping (a => b), the right-hand forms as plain words.
 * A shorter form is laid both from
 * the start and from the end of the longer one it stands for, so phrases
 * keep matching on either side ("Attorney General Loretta Lynch" and
 * "Loretta Lynch said" both match "Loretta E. Lynch said").
 */
#ifndef XAPNEWS_ANALYZER_H
#define XAPNEWS_ANALYZER_H

#include <stddef.h>

#include "strbuf.h"
#include "tokenizer.h"
#include "variants.h"

#define XN_TOKEN_VARIANT (1u << 16)  /* added from the variant table */
#define XN_TOKEN_CANONICAL (1u << 17) /* a word of the canonical form of an
                                        equivalence, indexed with the XV
                                        prefix so it never mixes with the
                                        words a text really holds */

typedef struct {
    size_t term; /* offset of the folded term in the list's text */
    size_t len;
    unsigned pos;
    size_t start, end; /* byte span in the analysed text */
    unsigned flags;
} xn_atoken;

typedef struct {
    xn_atoken *t;
    size_t n, cap;
    xn_strbuf text; /* the terms, each NUL terminated */
} xn_tokens;

#define XN_TOKENS_INIT {NULL, 0, 0, XN_STRBUF_INIT}

/** Empties L (keeping its memory). */
void xn_tokens_reset(xn_tokens *l);
void xn_tokens_free(xn_tokens *l);

/** The NUL-terminated term of token I. */
static inline const char *xn_tokens_term(const xn_tokens *l, size_t i)
{
    return l->text.data + l->t[i].term;
}

/** Analyses LEN bytes of TEXT into L (reset first), numbering positions
 *  from FIRST_POS + 1; VARIANTS may be NULL. Tokens come out ordered by
 *  position, a position's own word first. Returns the last position used
 *  (FIRST_POS when the text has no words), or (unsigned)-1 when memory
 *  runs out. */
unsigned xn_analyze(const char *text, size_t len, const xn_variants *variants,
                    unsigned first_pos, xn_tokens *l);

/** Collects the positions' own words (no colocated forms) of L: WORDS and
 *  LENS get one entry per position, pointing into L (the bare word of a
 *  possessive), INDEX the token it came from. Returns the count, or
 *  (size_t)-1 when memory runs out. The caller frees *WORDS and *LENS. */
size_t xn_tokens_primaries(const xn_tokens *l, const char ***words,
                           size_t **lens, size_t **index);

#endif
