/* suggest.h - mining an index for spellings that are likely the same name
 * or term (`xapnews synonyms suggest`, xapnews_suggest()).
 *
 * Candidates are never found by comparing every word with every other:
 *  - spelling pairs share a key of their deletion neighbourhood (the word
 *    and each form of it with one character deleted), which finds every
 *    pair one edit apart and most pairs two edits apart;
 *  - joined and spaced compounds ("cybersecurity" / "cyber security") come
 *    from splitting each long word where both halves are words of the
 *    index, then counting the articles that write the joined word, the
 *    two words as a phrase, or both (a hyphenated "cyber-security" gives
 *    both, so it meets either form already).
 * Pairs whose forms share a stem (stemming joins them already; not for two
 * words surely names, as phrase and official-name searches are not
 * stemmed), where one form is the other plus an ending (word formation,
 * not spelling: "korea" / "korean", "german" / "germany"; a doubled last
 * letter, "russel" / "russell", is spelling), that the
 * index's stored variant table already makes equivalent, or with a word
 * found only as the joined form of hyphenations ("twoday" from "two-day",
 * no spelling of its own) are left out. A word is the variant of one
 * canonical form at most: a pair whose variant is already the variant of
 * a better pair, or whose canonical form is, is dropped.
 * The most promising pairs by their cheap evidence then have their
 * contexts compared (the words around each form in a sample of the
 * articles holding it), and all are ranked by xn_suggest_score().
 *
 * The score of a pair, in [0, 1]:
 *
 *     0.85 (0.15 spelling + 0.10 phonetic + 0.25 context + 0.10 rarity
 *           + 0.10 names + 0.30 support) + 0.15 official
 *
 *  spelling  1 - edits / length of the longer form (1 for compounds);
 *  phonetic  1 when the Metaphone keys (plugin/discovery/phonetic.h) are equal, 0.5
 *            when they are one edit apart, else 0 (1 for compounds);
 *  context   cosine similarity of the words found one and two positions
 *            before and after each form, weighted by their inverse document
 *            frequency (0 for compounds);
 *  rarity    how much rarer the variant is than the canonical form:
 *            (c - v) / (c + v) for v and c articles;
 *  support   how many articles the variant would bring in:
 *            log(1 + v) / log(1 + 8), at most 1, times min(1, 2 rarity) (a
 *            variant about as common as its canonical form may be another
 *            name), times alike. A spelling several articles share
 *            matters more to searches than a one-off typo, and is less
 *            likely to be one;
 *  names     how surely both forms are names: for each form, twice the
 *            share of its occurrences written capitalised in mid-sentence
 *            (the name lexicon, plugin/index/lexicon.h), at most 1; the smaller
 *            of the two;
 *  official  1 when either form is a word of the name of an official: of
 *            an official the articles name (the XO terms of their
 *            officials field) or of one in the officials table, else 0.
 *            The variants of the people an archive follows are the ones
 *            its searches miss most. Times alike;
 *  alike     min(1, context / 0.1), 1 for compounds and for pairs whose
 *            contexts are not compared: how many articles write a form,
 *            and whose name it is, say little about two forms never
 *            written in like contexts ("Lawton" beside "Lawson", "James"
 *            beside "games").
 */
#ifndef XAPNEWS_SUGGEST_H
#define XAPNEWS_SUGGEST_H

#include <stddef.h>

#include "error.h"
#include "xapnews.h"

/** The evidence about one pair: VARIANT (the rarer form) and CANONICAL. */
typedef struct {
    unsigned distance;      /* edits between the forms */
    size_t length;          /* code points of the longer form */
    double phonetic;        /* 1, 0.5 or 0, as above */
    double context;         /* in [0, 1]; < 0 not compared yet */
    unsigned long variant_docs, canonical_docs;
    double variant_names, canonical_names; /* name evidence, [0, 1] */
    unsigned long official_docs; /* articles naming an official with the
                                    variant, plus with the canonical form */
    int official;           /* a form is a word of an official's name */
    int joined;             /* a joined / spaced compound */
} xn_pair_evidence;

/** The score of E as documented above. */
double xn_suggest_score(const xn_pair_evidence *e);

/** The phonetic part: 1, 0.5 or 0 for the two folded words. */
double xn_suggest_phonetic(const char *a, size_t alen, const char *b,
                           size_t blen);

/** Cosine similarity of two sparse vectors given as (id, weight) pairs
 *  sorted by increasing id; 0 when either is empty. */
double xn_suggest_cosine(const unsigned *ida, const double *wa, size_t na,
                         const unsigned *idb, const double *wb, size_t nb);

#endif
