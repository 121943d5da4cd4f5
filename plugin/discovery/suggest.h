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
 * articles holding it), pairs xn_suggest_verdict() leaves out are dropped
 * (with the word lists of dictionary.h, when given), and all are ranked by
 * xn_suggest_score().
 *
 * The score of a pair estimates the probability that it is a genuine
 * variant (the same name or word written two ways):
 *
 *     score = 1 / (1 + exp(-(1.82 sum + 1.63)))
 *     sum   = 0.85 (0.15 spelling + 0.10 phonetic + 0.25 context
 *                   + 0.10 rarity + 0.10 names + 0.30 support) + 0.15 official
 *
 * The two numbers are a logistic fit (bench/suggest_calibrate.py) of
 * 1,794 labelled pairs: the first 300 pairs of six Reuters-21578 runs of
 * bench/suggest_quality.sh (injected misspellings, and the corpus's own
 * pairs judged in bench/suggest_judgments.tsv), 94% of them genuine. A
 * score of 0.5 would be even odds; a pair that passes the rules scores
 * 0.84 at least (sum 0), and 0.92-0.94 held 92% genuine pairs there,
 * 0.94-0.96 99%. The sum orders the pairs as the score does.
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

#include "dictionary.h"
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
    /* the word lists (dictionary.h); all 0 without a dictionary. For a
     * compound, the joined form's entry is the one of the form that is
     * joined, the spaced form's is 0, and PARTS holds the two words'. */
    int dictionary;         /* a dictionary was given */
    xn_dict_entry variant_dict, canonical_dict, parts[2];
    int function_parts;     /* a compound of two function words ("in to") */
    /* names written next to each form (only blanks between: a given name
     * before, a surname after; words the index writes as names, in at
     * most one article in 50): how many distinct ones each form has, and
     * how many of them the index also writes next to the other form, at
     * the same side; all 0 when not looked at (contexts not compared, or
     * neither form a name) */
    unsigned neighbours_variant, neighbours_canonical, neighbours_shared;
} xn_pair_evidence;

/** Why a pair is left out, or XN_PAIR_KEEP. See xn_suggest_verdict(). */
typedef enum {
    XN_PAIR_KEEP = 0,
    XN_PAIR_FORMATION, /* one stem with two endings: "weaken" / "weaker" */
    XN_PAIR_WORDS,     /* two dictionary words, not a regional pair */
    XN_PAIR_NAME_WORD, /* a name the lists lack beside a dictionary word */
    XN_PAIR_PHRASE,    /* a word beside a phrase of two words */
    XN_PAIR_PEOPLE,    /* two names written next to different names */
    XN_PAIR_INITIAL    /* two established names with other first letters */
} xn_pair_verdict;

/** Whether the pair VARIANT / CANONICAL (folded; a compound's spaced form
 *  holds a space) with evidence E is left out, and why:
 *   FORMATION  the forms are one stem (four letters at least) with two
 *              endings of word formation or inflection ("weak" + "en" /
 *              "er", "scor" + "er" / "ed", "telephon" + "y" / "e",
 *              "german" + "s" / "y"; xn_suggest_formation());
 *   WORDS      both forms are ordinary words of the lists, not both
 *              written as names in the index, and not a regional pair
 *              (xn_suggest_regional()): "premises" / "promises",
 *              "looming" / "looking", "billions" / "millions";
 *   NAME_WORD  one form is an ordinary word of the lists the index seldom
 *              writes as a name (names < 0.5), the other no list holds
 *              and the index writes as a name (names 1): a name, or a
 *              foreign word in one ("Fondation" / "foundation"), is no
 *              misspelling of a word;
 *   PHRASE     a compound whose joined form and both parts are ordinary
 *              words of the lists ("everyone" / "every one": standard
 *              words both ways, of different use), or whose parts are
 *              both function words;
 *   PEOPLE     both forms are written as names (names 1), each is written
 *              next to two distinct names at least (a given name before
 *              a surname, a surname after a given name), and the index
 *              writes none of those beside the other form: two people
 *              ("Andersen" / "Anderson", "Silvia" / "Sylvia");
 *   INITIAL    the first letters differ, and are not two letters that
 *              transliterations exchange (c k q, g q, i j y, v w), and
 *              both forms are in three articles at least: two
 *              established names ("Bollywood" / "Hollywood", "Fenice" /
 *              "Venice"); a misspelling seldom changes the first letter.
 *  Rules that need the lists apply only when E->dictionary is set. */
xn_pair_verdict xn_suggest_verdict(const char *variant, const char *canonical,
                                   const xn_pair_evidence *e);

/** A short name of V ("keep", "formation", "words", "name-word",
 *  "phrase", "people", "initial"). */
const char *xn_suggest_verdict_name(xn_pair_verdict v);

/** Whether the folded words A and B are one stem of four letters or more
 *  with two endings of word formation or inflection (one may be empty). */
int xn_suggest_formation(const char *a, const char *b);

/** Whether the folded words A and B are the same word in two regional
 *  spellings: each is held by a list that lacks the other (EA, EB: their
 *  entries), or they differ by one of the patterns -ize/-ise,
 *  -yze/-yse, -or/-our, -er/-re, -ense/-ence, -og/-ogue, l/ll,
 *  -dgment/-dgement, ae/e, oe/e. */
int xn_suggest_regional(const char *a, const char *b, xn_dict_entry ea,
                        xn_dict_entry eb);

/** Whether the first letters of A and B differ and are not two letters
 *  that transliterations exchange. */
int xn_suggest_other_initial(const char *a, const char *b);

/** The calibration of the score (see above). */
#define XN_SUGGEST_SLOPE 1.82
#define XN_SUGGEST_INTERCEPT 1.63

/** The score of E as documented above, and the evidence sum it is the
 *  calibrated probability of. */
double xn_suggest_score(const xn_pair_evidence *e);
double xn_suggest_evidence_sum(const xn_pair_evidence *e);

/** The phonetic part: 1, 0.5 or 0 for the two folded words. */
double xn_suggest_phonetic(const char *a, size_t alen, const char *b,
                           size_t blen);

/** Cosine similarity of two sparse vectors given as (id, weight) pairs
 *  sorted by increasing id; 0 when either is empty. */
double xn_suggest_cosine(const unsigned *ida, const double *wa, size_t na,
                         const unsigned *idb, const double *wb, size_t nb);

#endif
