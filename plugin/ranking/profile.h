/* profile.h - boost profiles: how a search weighs what matched.
 *
 * A profile file (schemas/profiles/NAME.conf) holds "setting = value" lines
 * and '#' comments:
 *
 *   weighting = bm25          bm25, bm25+, pl2, lm or tfidf
 *   bm25.k1 = 1.2             BM25 and BM25+ term-frequency saturation
 *   bm25.b = 0.75             BM25 and BM25+ length normalisation
 *   bm25.min_normlen = 0.5    BM25 and BM25+ floor of the normalised length
 *   bm25plus.delta = 1.0      BM25+ lower bound of a matching term's weight
 *   pl2.c = 1.0               PL2 normalisation
 *   lm.smoothing = two-stage  jelinek-mercer, dirichlet, absolute or two-stage
 *   lm.param1 = 0.7           the smoothing's first parameter
 *   lm.param2 = 2000          the smoothing's second parameter
 *   field.body = 1.0          weight of a word matched anywhere in the text
 *   field.title = 1.0         extra weight of a word matched in the title
 *   field.officials = 0.0     extra weight of a word matched in an official's name
 *   field.outlet = 0.0        extra weight of a word matched in the outlet's name
 *   stopwords = off           on: leave function words ("what", "of") out
 *                             of a query's words without operator
 *                             (stopwords.h, query_builder.h)
 *   recency.weight = 0.0      the most a fresh article gains
 *   recency.half_life = 365   days after which the gain halves
 *   recency.reference = latest  "latest" (the newest article) or YYYY-MM-DD
 *   official.boost = 0.0      gain of an article that mentions an official
 *                             the query names
 *   outlet.boost = Reuters: 0.2  gain of an article from that outlet
 *                             (repeat the line for several outlets)
 *
 * Everything is built from Xapian built-ins that serialise over the remote
 * protocol (weighting schemes, OP_SCALE_WEIGHT, ValueMapPostingSource,
 * FixedWeightPostingSource), so a profile ranks alike on one database,
 * local shards and remote shards.
 */
#ifndef XAPNEWS_PROFILE_H
#define XAPNEWS_PROFILE_H

#include <stdio.h>

#include "error.h"
#include "xapnews.h"

typedef enum {
    XN_WEIGHT_BM25,
    XN_WEIGHT_BM25PLUS,
    XN_WEIGHT_PL2,
    XN_WEIGHT_LM,
    XN_WEIGHT_TFIDF
} xn_weighting;

typedef enum {
    XN_LM_JELINEK_MERCER,
    XN_LM_DIRICHLET,
    XN_LM_ABSOLUTE,
    XN_LM_TWO_STAGE
} xn_lm_smoothing;

typedef struct {
    char *name;
    double weight;
} xn_outlet_boost;

struct xapnews_profile {
    xn_weighting weighting;
    double k1, b, min_normlen, delta, pl2_c;
    xn_lm_smoothing lm_smoothing;
    double lm_param1, lm_param2;
    double field_body, field_title, field_officials, field_outlet;
    double recency_weight, recency_half_life;
    char recency_reference[11]; /* "" = the newest article */
    double official_boost;
    int stopwords; /* 1: leave function words out of queries */
    xn_outlet_boost *outlets;
    size_t n_outlets;
};

/** Sets P to the built-in defaults (plain BM25 over the text). */
void xn_profile_defaults(xapnews_profile_t *p);

/** Parses TEXT; a bad line refuses it: returns -1 with ERR set to
 *  "NAME:LINE: reason". P is filled from the defaults first. */
int xn_profile_parse(xapnews_profile_t *p, const char *name, const char *text,
                     size_t len, xn_error *err);

/** Writes P in the file format (every setting, so the file is complete). */
int xn_profile_write(const xapnews_profile_t *p, FILE *out);

/** Copies SRC into DST (DST's own outlets are released). Returns 0 or -1. */
int xn_profile_copy(xapnews_profile_t *dst, const xapnews_profile_t *src);

/** Releases what P holds (not P itself). */
void xn_profile_clear(xapnews_profile_t *p);

#endif
