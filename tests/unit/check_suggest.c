/* check_suggest.c - unit tests of the edit distance (plugin/common/distance.h),
 * the Metaphone key (plugin/discovery/phonetic.h), the name lexicon
 * (plugin/index/lexicon.h) and the scoring of variant pairs (plugin/discovery/suggest.h). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "terms.h"
#include "distance.h"
#include "lexicon.h"
#include "phonetic.h"
#include "query_tree.h"
#include "strbuf.h"
#include "suggest.h"
#include "typos.h"
#include "xapnews.h"
#include "run_suite.h"

static unsigned dist(const char *a, const char *b, unsigned max)
{
    return xn_distance_utf8(a, strlen(a), b, strlen(b), max);
}

START_TEST(distance_edits)
{
    ck_assert_uint_eq(dist("shengkun", "shengkun", 3), 0);
    ck_assert_uint_eq(dist("shengkum", "shengkun", 3), 1); /* substitution */
    ck_assert_uint_eq(dist("jonson", "johnson", 3), 1);    /* insertion */
    ck_assert_uint_eq(dist("johnson", "jonson", 3), 1);    /* deletion */
    ck_assert_uint_eq(dist("jhonson", "johnson", 3), 1);   /* transposition */
    ck_assert_uint_eq(dist("bakker", "baker", 3), 1);      /* doubling */
    ck_assert_uint_eq(dist("kitten", "sitting", 5), 3);
    ck_assert_uint_eq(dist("", "abc", 5), 3);
    ck_assert_uint_eq(dist("abc", "", 5), 3);
    ck_assert_uint_eq(dist("ca", "abc", 5), 3); /* no substring edited twice */
    /* by code point, not by byte */
    ck_assert_uint_eq(dist("caf\xc3\xa9", "cafe", 3), 1);
    ck_assert_uint_eq(dist("\xc3\xa9\xc3\xa8", "\xc3\xa8\xc3\xa9", 3), 1);
}
END_TEST

START_TEST(distance_bounds_and_bad_input)
{
    /* beyond MAX: MAX + 1, early */
    ck_assert_uint_eq(dist("kitten", "sitting", 1), 2);
    ck_assert_uint_eq(dist("a", "abcdefgh", 2), 3);
    ck_assert_uint_eq(dist("abcdefgh", "hgfedcba", 0), 1);
    /* invalid UTF-8 compares as too far */
    ck_assert_uint_eq(dist("ab\xff", "abc", 2), 3);
    ck_assert_uint_eq(dist("ab\xc3", "abc", 2), 3);
    uint32_t out[4];
    ck_assert_uint_eq(xn_utf8_decode("abcde", 5, out, 4), (size_t)-1);
    ck_assert_uint_eq(xn_utf8_decode("\xe4\xb8\xad", 3, out, 4), 1);
    ck_assert_uint_eq(out[0], 0x4E2D);
    /* the budget grows with length */
    ck_assert_uint_eq(xn_distance_budget(4), 0);
    ck_assert_uint_eq(xn_distance_budget(5), 1);
    ck_assert_uint_eq(xn_distance_budget(8), 1);
    ck_assert_uint_eq(xn_distance_budget(9), 2);
}
END_TEST

static const char *key(const char *w)
{
    static char out[XN_PHONETIC_MAX + 1];
    xn_metaphone(w, strlen(w), out);
    return out;
}

START_TEST(metaphone_keys)
{
    ck_assert_str_eq(key("johnson"), "JNSN");
    ck_assert_str_eq(key("jonson"), "JNSN");
    ck_assert_str_eq(key("smith"), "SM0");
    ck_assert_str_eq(key("smyth"), "SM0");
    ck_assert_str_eq(key("knight"), "NT");
    ck_assert_str_eq(key("night"), "NT");
    ck_assert_str_eq(key("philips"), "FLPS");
    ck_assert_str_eq(key("phillips"), "FLPS");
    ck_assert_str_eq(key("thompson"), "0MPSN");
    ck_assert_str_eq(key("xavier"), "SFR");
    ck_assert_str_eq(key("wright"), "RT");
    ck_assert_str_eq(key("whitney"), "WTN");
    ck_assert_str_eq(key("aeneas"), "ANS");
    ck_assert_str_eq(key("shengkun"), "XNKKN");
    ck_assert_str_eq(key("shengkum"), "XNKKM");
    ck_assert_str_eq(key("school"), "SKL");
    ck_assert_str_eq(key("science"), "SNS");
    ck_assert_str_eq(key("judge"), "JJ");
    ck_assert_str_eq(key("dumb"), "TM");
    ck_assert_str_eq(key("nation"), "NXN");
    ck_assert_str_eq(key("box"), "BKS");
    ck_assert_str_eq(key("Ivan"), "AFN");
}
END_TEST

START_TEST(metaphone_bad_input)
{
    char out[XN_PHONETIC_MAX + 1];
    ck_assert_uint_eq(xn_metaphone("", 0, out), 0);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(xn_metaphone("1987", 4, out), 0);
    ck_assert_str_eq(out, "");
    /* letters outside a-z are skipped; the key is cut at its maximum */
    ck_assert_str_eq(key("jo-hn\xc3\xa9son"), "JNSN");
    ck_assert_uint_eq(xn_metaphone("bcdfgklmnprstbcdfgklmnprst", 26, out),
                      XN_PHONETIC_MAX);
}
END_TEST

START_TEST(phonetic_similarity)
{
    ck_assert(xn_suggest_phonetic("jonson", 6, "johnson", 7) == 1.0);
    ck_assert(xn_suggest_phonetic("shengkum", 8, "shengkun", 8) == 0.5);
    ck_assert(xn_suggest_phonetic("reagan", 6, "volcker", 7) == 0.0);
    ck_assert(xn_suggest_phonetic("", 0, "volcker", 7) == 0.0);
}
END_TEST

START_TEST(cosine)
{
    unsigned a[] = {1, 3, 5}, b[] = {3, 5, 9};
    double wa[] = {1, 2, 2}, wb[] = {2, 2, 1};
    double c = xn_suggest_cosine(a, wa, 3, b, wb, 3);
    ck_assert(fabs(c - 8.0 / 9.0) < 1e-9);
    ck_assert(fabs(xn_suggest_cosine(a, wa, 3, a, wa, 3) - 1.0) < 1e-9);
    ck_assert(xn_suggest_cosine(a, wa, 0, b, wb, 3) == 0.0);
    unsigned c1[] = {1}, c2[] = {2};
    double w1[] = {1};
    ck_assert(xn_suggest_cosine(c1, w1, 1, c2, w1, 1) == 0.0);
}
END_TEST

START_TEST(scoring)
{
    /* every piece of evidence at its best gives 1 (a variant in 8
     * articles, the canonical form in a great many, an official's name) */
    xn_pair_evidence best = {.distance = 1, .length = 1000000000, .phonetic = 1.0,
                             .context = 1.0, .variant_docs = 8,
                             .canonical_docs = 1000000000, .variant_names = 1.0,
                             .canonical_names = 1.0, .official = 1};
    ck_assert(fabs(xn_suggest_evidence_sum(&best) - 1.0) < 1e-6);
    /* the documented weights, piece by piece */
    xn_pair_evidence e = {.distance = 1, .length = 8, .phonetic = 0.5, .context = 0.5,
                          .variant_docs = 1, .canonical_docs = 3, .variant_names = 0.9,
                          .canonical_names = 1.0};
    double rarity = 2.0 / 4;
    double text = 0.15 * (1 - 1.0 / 8) + 0.10 * 0.5 + 0.25 * 0.5 + 0.10 * rarity +
                  0.10 * 0.9 + 0.30 * (log(2.0) / log(9.0)) * (2 * rarity);
    ck_assert(fabs(xn_suggest_evidence_sum(&e) - 0.85 * text) < 1e-9);
    /* an official's name adds 0.15 */
    xn_pair_evidence official = e;
    official.official = 1;
    ck_assert(fabs(xn_suggest_evidence_sum(&official) - (0.85 * text + 0.15)) < 1e-9);
    /* a variant several articles share beats a one-off, other things equal */
    xn_pair_evidence shared = e;
    shared.variant_docs = 4;
    shared.canonical_docs = 400;
    xn_pair_evidence once = shared;
    once.variant_docs = 1;
    ck_assert(xn_suggest_evidence_sum(&shared) > xn_suggest_evidence_sum(&once));
    /* a rare form beside a frequent one beats two equally common forms */
    xn_pair_evidence common = e;
    common.variant_docs = common.canonical_docs = 50;
    ck_assert(xn_suggest_evidence_sum(&e) > xn_suggest_evidence_sum(&common));
    /* names beat ordinary words, shared context beats none */
    xn_pair_evidence plain = e;
    plain.variant_names = 0;
    ck_assert(xn_suggest_evidence_sum(&e) > xn_suggest_evidence_sum(&plain));
    xn_pair_evidence lonely = e;
    lonely.context = 0;
    ck_assert(xn_suggest_evidence_sum(&e) > xn_suggest_evidence_sum(&lonely));
    /* forms never written alike get nothing for support or the official:
     * only spelling, phonetic, rarity and names count */
    xn_pair_evidence unlike = shared;
    unlike.official = 1;
    unlike.context = 0;
    double r2 = 396.0 / 404;
    ck_assert(fabs(xn_suggest_evidence_sum(&unlike) -
                   0.85 * (0.15 * (1 - 1.0 / 8) + 0.10 * 0.5 + 0.10 * r2 + 0.10 * 0.9)) < 1e-9);
    /* half as alike as CONTEXT_ALIKE: half the support and official */
    xn_pair_evidence half = unlike;
    half.context = 0.05;
    double sup = log(5.0) / log(9.0);
    ck_assert(fabs(xn_suggest_evidence_sum(&half) -
                   (0.85 * (0.15 * (1 - 1.0 / 8) + 0.10 * 0.5 + 0.25 * 0.05 + 0.10 * r2 +
                            0.10 * 0.9 + 0.30 * sup * 0.5) + 0.15 * 0.5)) < 1e-9);
    /* a context not compared yet counts as alike (0 for the context term) */
    xn_pair_evidence pending = unlike;
    pending.context = -1;
    ck_assert(fabs(xn_suggest_evidence_sum(&pending) -
                   (0.85 * (0.15 * (1 - 1.0 / 8) + 0.10 * 0.5 + 0.10 * r2 + 0.10 * 0.9 +
                            0.30 * sup) + 0.15)) < 1e-9);
    /* compounds count as spelled alike */
    xn_pair_evidence joined = {.length = 13, .phonetic = 1.0, .variant_docs = 1,
                               .canonical_docs = 3, .joined = 1};
    ck_assert(fabs(xn_suggest_evidence_sum(&joined) -
                   0.85 * (0.15 + 0.10 + 0.10 * 0.5 + 0.30 * log(2.0) / log(9.0))) < 1e-9);
    /* out-of-range evidence is clipped, never below 0 */
    xn_pair_evidence wild = {.distance = 9, .length = 2, .context = -3, .variant_docs = 7,
                             .canonical_docs = 1, .variant_names = 2.0,
                             .canonical_names = -1};
    ck_assert(xn_suggest_evidence_sum(&wild) >= 0.0);
    /* the score is the calibrated probability of the sum */
    ck_assert(fabs(xn_suggest_score(&e) -
                   1.0 / (1.0 + exp(-(1.82 * 0.85 * text + 1.63)))) < 1e-9);
    ck_assert(fabs(xn_suggest_score(&best) - 1.0 / (1.0 + exp(-(1.82 + 1.63)))) < 1e-9);
    ck_assert(xn_suggest_score(&official) > xn_suggest_score(&e));
    xn_pair_evidence nothing = {.length = 8, .distance = 8};
    ck_assert(fabs(xn_suggest_score(&nothing) - 1.0 / (1.0 + exp(-1.63))) < 1e-9);
}
END_TEST

/* ---- what is left out: the pairs of the issue, with the entries the
 * Debian lists wamerican (list 0, bit 1) and wbritish (list 1, bit 2)
 * give them (tests/unit/check_dictionary.c checks these entries against
 * the installed lists) ---------------------------------------------------- */

static const xn_dict_entry NONE = {0, 0};
static const xn_dict_entry WORD_BOTH = {3, 0};  /* an ordinary word of both lists */
static const xn_dict_entry WORD_US = {1, 0};    /* only in american-english */
static const xn_dict_entry WORD_UK = {2, 0};    /* only in british-english */
static const xn_dict_entry NAME_BOTH = {0, 3};  /* capitalised in both */

/* Evidence of an ordinary pair written in like contexts, with lists. */
static xn_pair_evidence pair(xn_dict_entry v, xn_dict_entry c, double names_v,
                             double names_c, unsigned long docs_v, unsigned long docs_c)
{
    xn_pair_evidence e = {.distance = 1, .length = 8, .phonetic = 1.0, .context = 0.3,
                          .variant_docs = docs_v, .canonical_docs = docs_c,
                          .variant_names = names_v, .canonical_names = names_c,
                          .dictionary = 1, .variant_dict = v, .canonical_dict = c};
    return e;
}

static xn_pair_verdict verdict(const char *v, const char *c, xn_pair_evidence e)
{
    return xn_suggest_verdict(v, c, &e);
}

START_TEST(verdicts_junk_pairs)
{
    /* word formation: one stem, two endings; no lists needed */
    ck_assert_int_eq(verdict("weaken", "weaker", pair(WORD_BOTH, WORD_BOTH, 0, 0, 3, 20)),
                     XN_PAIR_FORMATION);
    ck_assert_int_eq(verdict("scorer", "scored", pair(WORD_BOTH, WORD_BOTH, 0, 0, 2, 30)),
                     XN_PAIR_FORMATION);
    ck_assert_int_eq(verdict("telephony", "telephone", pair(WORD_BOTH, WORD_BOTH, 0, 0, 2, 40)),
                     XN_PAIR_FORMATION);
    ck_assert_int_eq(verdict("germans", "germany", pair(NAME_BOTH, NAME_BOTH, 1, 1, 30, 300)),
                     XN_PAIR_FORMATION);
    /* two ordinary words of the lists */
    ck_assert_int_eq(verdict("billions", "millions", pair(WORD_BOTH, WORD_BOTH, 0, 0, 12, 90)),
                     XN_PAIR_WORDS);
    ck_assert_int_eq(verdict("premises", "promises", pair(WORD_BOTH, WORD_BOTH, 0, 0, 5, 9)),
                     XN_PAIR_WORDS);
    ck_assert_int_eq(verdict("looming", "looking", pair(WORD_BOTH, WORD_BOTH, 0, 0, 4, 40)),
                     XN_PAIR_WORDS);
    /* a foreign word written as a name beside an ordinary word, in
     * contexts unlike, no name written next to both */
    xn_pair_evidence fond = pair(NONE, WORD_BOTH, 1, 0.2, 4, 40);
    fond.context = 0.04;
    fond.neighbours_variant = 2;
    fond.neighbours_canonical = 3;
    ck_assert_int_eq(verdict("fondation", "foundation", fond), XN_PAIR_NAME_WORD);
    /* a word beside a phrase of two words */
    xn_pair_evidence every = {.length = 8, .phonetic = 1, .variant_docs = 3,
                              .canonical_docs = 60, .joined = 1, .dictionary = 1,
                              .canonical_dict = WORD_BOTH,
                              .parts = {WORD_BOTH, WORD_BOTH}};
    ck_assert_int_eq(verdict("every one", "everyone", every), XN_PAIR_PHRASE);
    /* two people: names written next to different names */
    xn_pair_evidence anders = pair(NAME_BOTH, NAME_BOTH, 1, 1, 4, 12);
    anders.neighbours_variant = 2;
    anders.neighbours_canonical = 5;
    anders.neighbours_shared = 0;
    ck_assert_int_eq(verdict("andersen", "anderson", anders), XN_PAIR_PEOPLE);
    xn_pair_evidence silvia = pair(NAME_BOTH, NAME_BOTH, 1, 1, 3, 5);
    silvia.neighbours_variant = 3;
    silvia.neighbours_canonical = 2;
    ck_assert_int_eq(verdict("silvia", "sylvia", silvia), XN_PAIR_PEOPLE);
    /* two established names with other first letters */
    ck_assert_int_eq(verdict("bollywood", "hollywood", pair(NAME_BOTH, NAME_BOTH, 1, 1, 8, 60)),
                     XN_PAIR_INITIAL);
    ck_assert_int_eq(verdict("fenice", "venice", pair(NONE, NAME_BOTH, 1, 1, 3, 25)),
                     XN_PAIR_INITIAL);
    /* the same without lists: what needs them is lost, the rest holds */
    xn_pair_evidence bare = pair(NONE, NONE, 0, 0, 12, 90);
    bare.dictionary = 0;
    ck_assert_int_eq(verdict("billions", "millions", bare), XN_PAIR_INITIAL);
    bare.variant_docs = 1;
    ck_assert_int_eq(verdict("premises", "promises", bare), XN_PAIR_KEEP);
    ck_assert_int_eq(verdict("weaken", "weaker", bare), XN_PAIR_FORMATION);
    every.dictionary = 0;
    ck_assert_int_eq(verdict("every one", "everyone", every), XN_PAIR_KEEP);
    every.function_parts = 1;
    ck_assert_int_eq(verdict("in to", "into", every), XN_PAIR_PHRASE);
}
END_TEST

START_TEST(verdicts_good_pairs)
{
    /* a misspelling of an ordinary word: the lists lack it */
    ck_assert_int_eq(verdict("fronter", "frontier", pair(NONE, WORD_BOTH, 0, 0, 2, 40)),
                     XN_PAIR_KEEP);
    /* transliterations: c and k are exchanged; a name written next to both */
    xn_pair_evidence costas = pair(NONE, NONE, 1, 1, 6, 9);
    costas.neighbours_variant = 2;
    costas.neighbours_canonical = 3;
    costas.neighbours_shared = 2;
    ck_assert_int_eq(verdict("costas", "kostas", costas), XN_PAIR_KEEP);
    xn_pair_evidence almunia = pair(NONE, NONE, 1, 1, 1, 14);
    almunia.neighbours_variant = 1;
    almunia.neighbours_canonical = 4;
    almunia.neighbours_shared = 1;
    ck_assert_int_eq(verdict("alumnia", "almunia", almunia), XN_PAIR_KEEP);
    xn_pair_evidence mohammad = pair(NAME_BOTH, NAME_BOTH, 1, 1, 7, 20);
    mohammad.neighbours_variant = 4;
    mohammad.neighbours_canonical = 9;
    mohammad.neighbours_shared = 2;
    ck_assert_int_eq(verdict("mohammad", "mohammed", mohammad), XN_PAIR_KEEP);
    /* regional pairs of two ordinary words: by the lists, or by pattern */
    ck_assert_int_eq(verdict("organisation", "organization", pair(WORD_UK, WORD_US, 0, 0, 5, 60)),
                     XN_PAIR_KEEP);
    ck_assert_int_eq(verdict("licence", "license", pair(WORD_BOTH, WORD_BOTH, 0, 0, 5, 20)),
                     XN_PAIR_KEEP);
    ck_assert_int_eq(verdict("speciality", "specialty", pair(WORD_UK, WORD_US, 0, 0, 8, 79)),
                     XN_PAIR_KEEP);
    /* a misspelt name: one letter more is no ending */
    ck_assert_int_eq(verdict("volckr", "volcker", pair(NONE, NONE, 1, 1, 2, 100)), XN_PAIR_KEEP);
    ck_assert_int_eq(verdict("nazeer", "nazer", pair(NONE, NONE, 1, 1, 2, 10)), XN_PAIR_KEEP);
    /* a one-off misspelling with another first letter is not established */
    ck_assert_int_eq(verdict("fenice", "venice", pair(NONE, NAME_BOTH, 1, 1, 1, 25)),
                     XN_PAIR_KEEP);
    /* two names with too few neighbours to tell two people apart */
    xn_pair_evidence few = pair(NAME_BOTH, NAME_BOTH, 1, 1, 4, 12);
    few.neighbours_variant = 1;
    few.neighbours_canonical = 5;
    ck_assert_int_eq(verdict("andersen", "anderson", few), XN_PAIR_KEEP);
}
END_TEST

START_TEST(regional_and_formation)
{
    static const char *const regional[][2] = {
        {"organization", "organisation"}, {"analyzed", "analysed"}, {"color", "colour"},
        {"favorite", "favourite"}, {"center", "centre"}, {"theaters", "theatres"},
        {"license", "licence"}, {"defense", "defence"}, {"catalog", "catalogue"},
        {"dialogs", "dialogues"}, {"traveled", "travelled"}, {"judgment", "judgement"},
        {"anemia", "anaemia"}, {"estrogen", "oestrogen"}};
    for (size_t i = 0; i < sizeof regional / sizeof regional[0]; i++)
        ck_assert_msg(xn_suggest_regional(regional[i][0], regional[i][1], NONE, NONE),
                      "%s / %s", regional[i][0], regional[i][1]);
    static const char *const other[][2] = {
        {"premises", "promises"}, {"billions", "millions"}, {"frontier", "fronter"},
        {"looming", "looking"}, {"silvia", "sylvia"}, {"size", "sire"}};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        ck_assert_msg(!xn_suggest_regional(other[i][0], other[i][1], NONE, NONE),
                      "%s / %s", other[i][0], other[i][1]);
    /* each held by a list that lacks the other */
    ck_assert(xn_suggest_regional("specialty", "speciality", WORD_US, WORD_UK));
    ck_assert(!xn_suggest_regional("specialty", "speciality", WORD_US, WORD_BOTH));
    ck_assert(xn_suggest_formation("weaken", "weaker"));
    ck_assert(xn_suggest_formation("employee", "employer"));
    ck_assert(xn_suggest_formation("depository", "depositary"));
    ck_assert(!xn_suggest_formation("mohammad", "mohammed"));
    ck_assert(!xn_suggest_formation("andersen", "anderson"));
    ck_assert(!xn_suggest_formation("frontier", "fronter"));
    ck_assert(!xn_suggest_formation("sprinkle", "sprinkel"));
    ck_assert(!xn_suggest_formation("same", "same"));
    ck_assert(xn_suggest_other_initial("bollywood", "hollywood"));
    ck_assert(xn_suggest_other_initial("fenice", "venice"));
    ck_assert(!xn_suggest_other_initial("costas", "kostas"));
    ck_assert(!xn_suggest_other_initial("wladimir", "vladimir"));
    ck_assert(!xn_suggest_other_initial("qaddafi", "gaddafi"));
    ck_assert(!xn_suggest_other_initial("almunia", "alumnia"));
    ck_assert_str_eq(xn_suggest_verdict_name(XN_PAIR_PEOPLE), "people");
    ck_assert_str_eq(xn_suggest_verdict_name(XN_PAIR_NAME_WORD), "name-word");
}
END_TEST

static unsigned long count(const xn_lexicon *lex, const char *w)
{
    return xn_lexicon_get(lex, w, strlen(w));
}

START_TEST(lexicon_counts_names_in_mid_sentence)
{
    const char *text = "Minister Guo Shengkun met Jeh Johnson's aides. Officials said "
                       "NASA and the U.S. side met Johnson again: Talks went on.";
    xn_tokens toks = XN_TOKENS_INIT;
    ck_assert_uint_ne(xn_analyze(text, strlen(text), NULL, 0, &toks), (unsigned)-1);
    xn_lexicon *lex = xn_lexicon_new();
    ck_assert_ptr_nonnull(lex);
    ck_assert_int_eq(xn_lexicon_note(lex, text, strlen(text), &toks), 0);
    ck_assert_uint_eq(count(lex, "minister"), 0);  /* starts the text */
    ck_assert_uint_eq(count(lex, "guo"), 1);
    ck_assert_uint_eq(count(lex, "shengkun"), 1);
    ck_assert_uint_eq(count(lex, "johnson"), 2);   /* possessive too */
    ck_assert_uint_eq(count(lex, "officials"), 0); /* after a full stop */
    ck_assert_uint_eq(count(lex, "nasa"), 0);      /* all capitals */
    ck_assert_uint_eq(count(lex, "talks"), 0);     /* after a colon */
    ck_assert_uint_eq(count(lex, "aides"), 0);     /* lower case */

    /* stored form round trip, merged with what is there */
    xn_strbuf b = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_lexicon_serialise(lex, &b), 0);
    xn_lexicon *back = xn_lexicon_new();
    ck_assert_int_eq(xn_lexicon_merge_text(back, b.data, b.len), 0);
    ck_assert_int_eq(xn_lexicon_merge_text(back, b.data, b.len), 0);
    ck_assert_uint_eq(count(back, "johnson"), 4);
    ck_assert_uint_eq(xn_lexicon_size(back), xn_lexicon_size(lex));
    /* lines that do not parse are skipped */
    const char *bad = "xapnews-lexicon 1\nno-count\nx 12a\n 5\nwang 3\n";
    ck_assert_int_eq(xn_lexicon_merge_text(back, bad, strlen(bad)), 0);
    ck_assert_uint_eq(count(back, "wang"), 3);
    ck_assert_uint_eq(count(back, "x"), 0);
    xn_strbuf_free(&b);
    xn_lexicon_free(back);
    xn_lexicon_free(lex);
    xn_tokens_free(&toks);
}
END_TEST

START_TEST(lexicon_grows)
{
    xn_lexicon *lex = xn_lexicon_new();
    char w[16];
    for (int i = 0; i < 5000; i++) {
        snprintf(w, sizeof w, "name%d", i);
        ck_assert_int_eq(xn_lexicon_add(lex, w, strlen(w), (unsigned long)i), 0);
    }
    ck_assert_uint_eq(xn_lexicon_size(lex), 5000);
    ck_assert_uint_eq(count(lex, "name4321"), 4321);
    ck_assert_uint_eq(count(lex, "name5000"), 0);
    xn_lexicon_free(lex);
}
END_TEST

START_TEST(typos_rewrite)
{
    xn_typo t[2] = {{"Shengkum", "Shengkun", 4, 12}, {"Jhonson", "Johnson", 17, 24}};
    xn_typos list = {t, 2};
    char *r = xn_typos_rewrite("Guo Shengkum and Jhonson met", &list);
    ck_assert_str_eq(r, "Guo Shengkun and Johnson met");
    free(r);
    xn_typos none = XN_TYPOS_INIT;
    r = xn_typos_rewrite("as typed", &none);
    ck_assert_str_eq(r, "as typed");
    free(r);
}
END_TEST

/* Writes BODIES (N of them, ids a0, a1, ...) into a new database at PATH,
 * without a variant table. */
/* Writes articles IDS with BODIES into the database at PATH (created when
 * missing), BATCH articles per commit (0: the writer's default), THREADS
 * threads. */
static void write_articles(const char *path, const char *const *ids,
                           const char *const *bodies, size_t n, unsigned batch,
                           unsigned threads)
{
    xapnews_writer_t *w = NULL;
    ck_assert_int_eq(xapnews_writer_open(path, &w, NULL), XAPNEWS_STATUS_SUCCESS);
    if (batch)
        ck_assert_int_eq(xapnews_writer_set_batch_size(w, batch), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_writer_set_threads(w, threads), XAPNEWS_STATUS_SUCCESS);
    for (size_t i = 0; i < n; i++) {
        xapnews_article_t *a = NULL;
        ck_assert_int_eq(xapnews_article_create(&a), XAPNEWS_STATUS_SUCCESS);
        ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_ID, ids[i], strlen(ids[i])),
                         XAPNEWS_STATUS_SUCCESS);
        ck_assert_int_eq(xapnews_article_set(a, XAPNEWS_FIELD_BODY, bodies[i], strlen(bodies[i])),
                         XAPNEWS_STATUS_SUCCESS);
        ck_assert_int_eq(xapnews_writer_add(w, a), XAPNEWS_STATUS_SUCCESS);
        xapnews_article_destroy(a);
    }
    ck_assert_int_eq(xapnews_writer_close(w, NULL), XAPNEWS_STATUS_SUCCESS);
}

/* Writes BODIES (at most 16) as articles a0, a1, ... with the writer's
 * defaults. */
static void write_db(const char *path, const char *const *bodies, size_t n)
{
    char names[16][16];
    const char *ids[16];
    ck_assert_uint_le(n, 16);
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "a%zu", i);
        ids[i] = names[i];
    }
    write_articles(path, ids, bodies, n, 0, 1);
}

/* The name lexicon stored in the database at PATH, as "word:count" words in
 * sorted order (caller frees). */
static char *stored_lexicon(const char *path)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe);
    ck_assert_ptr_nonnull(db);
    xn_lexicon *lex = NULL;
    xn_error err;
    xn_error_clear(&err);
    ck_assert_int_eq(xn_lexicon_load(db, path, &lex, &err), XAPNEWS_STATUS_SUCCESS);
    xs_db_close(db, &xe);
    xn_strbuf b = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_lexicon_serialise_counts(lex, &b), 0);
    xn_lexicon_free(lex);
    /* one "word count" line each, sorted, joined by spaces */
    char *lines[64];
    size_t n = 0;
    for (char *t = strtok(b.data ? b.data : (char[]){""}, "\n"); t && n < 64; t = strtok(NULL, "\n"))
        lines[n++] = t;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char *x = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = x;
        }
    xn_strbuf out = XN_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char *sp = strchr(lines[i], ' ');
        *sp = ':';
        xn_strbuf_printf(&out, "%s%s", i ? " " : "", lines[i]);
    }
    xn_strbuf_free(&b);
    return out.data ? xn_strbuf_take(&out) : strdup("");
}

START_TEST(lexicon_counts_the_articles_held)
{
    char dir[] = "/tmp/check_suggest_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/db", dir);
    const char *ids[] = {"a0", "a1"};
    const char *first[] = {"Reporters said Guo Shengkun met Jeh Johnson.",
                           "Officials said Johnson left."};
    write_articles(path, ids, first, 2, 1000, 1);
    char *got = stored_lexicon(path);
    ck_assert_str_eq(got, "guo:1 jeh:1 johnson:2 shengkun:1");
    free(got);

    /* a0 replaced in a later session: its old counts are taken away */
    const char *second[] = {"Reporters said Wang Qun arrived."};
    write_articles(path, ids, second, 1, 1000, 1);
    got = stored_lexicon(path);
    ck_assert_str_eq(got, "johnson:1 qun:1 wang:1");
    free(got);

    /* the same id twice in one batch, and in two batches on two threads */
    const char *twice_ids[] = {"a2", "a2", "a1", "a1"};
    const char *twice[] = {"Then Li Wei spoke.", "Then Zhang Wei spoke.",
                           "Officials said Johnson and Johnson left.",
                           "Officials said Obama left."};
    write_articles(path, twice_ids, twice, 2, 1000, 1);
    got = stored_lexicon(path);
    ck_assert_str_eq(got, "johnson:1 qun:1 wang:1 wei:1 zhang:1");
    free(got);
    write_articles(path, twice_ids + 2, twice + 2, 2, 1, 2);
    got = stored_lexicon(path);
    ck_assert_str_eq(got, "obama:1 qun:1 wang:1 wei:1 zhang:1");
    free(got);

    /* everything indexed again: the same counts */
    const char *all_ids[] = {"a0", "a1", "a2"};
    const char *all[] = {"Reporters said Wang Qun arrived.", "Officials said Obama left.",
                         "Then Zhang Wei spoke."};
    write_articles(path, all_ids, all, 3, 2, 2);
    got = stored_lexicon(path);
    ck_assert_str_eq(got, "obama:1 qun:1 wang:1 wei:1 zhang:1");
    free(got);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A name for the property test below: N-th of a pool where many names
 * start others (li, lim, lima, ...), the order a commit stores keys in. */
static void pool_name(unsigned n, char *out, size_t size)
{
    static const char *const stems[] = {"li", "wang", "zhang", "jo", "hu", "xi", "ma", "chen"};
    static const char *const tails[] = {"", "m", "ma", "n", "ng", "s", "son", "sky", "a", "ov"};
    snprintf(out, size, "%s%s", stems[n % 8], tails[n / 8 % 10]);
}

/* A body naming 1 to 6 random names of the pool's first POOL ones in mid-
 * sentence, capitalised, or when SOME_LOWER a quarter of them in lower
 * case (malloc'd). */
static char *pool_body(unsigned pool, int some_lower)
{
    xn_strbuf b = XN_STRBUF_INIT;
    xn_strbuf_puts(&b, "Officials said");
    for (int w = 1 + rand() % 6; w > 0; w--) {
        char name[16];
        pool_name((unsigned)rand() % pool, name, sizeof name);
        if (!some_lower || rand() % 4) name[0] = (char)(name[0] - 'a' + 'A');
        xn_strbuf_printf(&b, " %s", name);
    }
    xn_strbuf_puts(&b, " met the press.");
    return xn_strbuf_take(&b);
}

/* What the lexicon of a database holding the articles BODIES (N, NULL for
 * none) must be: each body's counts, added up. */
static xn_lexicon *lexicon_of(char *const *bodies, size_t n)
{
    xn_lexicon *lex = xn_lexicon_new();
    xn_tokens toks = XN_TOKENS_INIT;
    for (size_t i = 0; i < n; i++) {
        if (!bodies[i]) continue;
        size_t len = strlen(bodies[i]);
        ck_assert_uint_ne(xn_analyze(bodies[i], len, NULL, 0, &toks), (unsigned)-1);
        ck_assert_int_eq(xn_lexicon_note(lex, bodies[i], len, &toks), 0);
    }
    xn_tokens_free(&toks);
    return lex;
}

typedef struct {
    const xn_lexicon *other;
    size_t missing;
} lexicon_compare;

static int count_differs(void *vctx, const char *word, size_t len, unsigned long count)
{
    lexicon_compare *c = vctx;
    if (xn_lexicon_get(c->other, word, len) != count) c->missing++;
    return 0;
}

/* A reader's words, each with its count read one at a time (or as
 * given, when the whole lexicon was read), into a lexicon. */
typedef struct {
    xn_lexicon_reader *r;
    xn_lexicon *into;
    size_t uncounted;
} reader_copy;

static int copy_word(void *vctx, const char *word, size_t len, unsigned long count)
{
    reader_copy *c = vctx;
    if (count == XN_LEXICON_UNCOUNTED) {
        c->uncounted++;
        xn_error err;
        xn_error_clear(&err);
        ck_assert_int_eq(xn_lexicon_reader_count(c->r, word, len, &count, &err),
                         XAPNEWS_STATUS_SUCCESS);
    }
    ck_assert_int_eq(xn_lexicon_add(c->into, word, len, count), 0);
    return 0;
}

/* The lexicon of the database at PATH as a reader gives it; *UNCOUNTED:
 * the words it gave without their count. */
static xn_lexicon *read_lexicon(const char *path, size_t *uncounted)
{
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe);
    ck_assert_ptr_nonnull(db);
    xn_error err;
    xn_error_clear(&err);
    reader_copy c = {NULL, xn_lexicon_new(), 0};
    ck_assert_int_eq(xn_lexicon_reader_open(db, path, &c.r, &err), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xn_lexicon_reader_each(c.r, copy_word, &c, &err), 0);
    unsigned long none = 1;
    ck_assert_int_eq(xn_lexicon_reader_count(c.r, "nosuchname", 10, &none, &err),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(none, 0);
    xn_lexicon_reader_free(c.r);
    xs_db_close(db, &xe);
    *uncounted = c.uncounted;
    return c.into;
}

/* Whether the lexicons A and B hold the same words with the same counts. */
static int same_lexicon(const xn_lexicon *a, const xn_lexicon *b)
{
    lexicon_compare c = {b, 0};
    xn_lexicon_each(a, count_differs, &c);
    return c.missing == 0 && xn_lexicon_size(a) == xn_lexicon_size(b);
}

/* Sessions of random articles (ids given again, so that stored ones are
 * replaced and their counts taken away) in batches of 1, 7 or 1000 on one
 * or two threads: after each, the stored lexicon is the sum of the
 * articles held, word for word, for every seed, and a search's reader
 * gives the same words and counts. */
START_TEST(lexicon_is_the_sum_of_the_articles_held)
{
    enum { IDS = 40, SESSIONS = 6, MOST = 30 };
    for (unsigned seed = 1; seed <= 4; seed++) {
        srand(seed);
        char dir[] = "/tmp/check_suggest_XXXXXX";
        ck_assert_ptr_nonnull(mkdtemp(dir));
        char path[64], stub[64];
        snprintf(path, sizeof path, "%s/db", dir);
        snprintf(stub, sizeof stub, "%s/stub", dir);
        FILE *f = fopen(stub, "w");
        ck_assert_ptr_nonnull(f);
        fputs("auto db\n", f);
        fclose(f);
        char *held[IDS] = {0};
        for (unsigned s = 0; s < SESSIONS; s++) {
            size_t n = 1 + (size_t)rand() % MOST;
            char idbuf[MOST][8], *bodies[MOST];
            const char *ids[MOST];
            for (size_t i = 0; i < n; i++) {
                unsigned id = (unsigned)rand() % IDS;
                snprintf(idbuf[i], sizeof idbuf[i], "a%u", id);
                ids[i] = idbuf[i];
                bodies[i] = pool_body(80, 0);
                free(held[id]);
                held[id] = strdup(bodies[i]);
            }
            static const unsigned batches[] = {1, 7, 1000};
            write_articles(path, ids, (const char *const *)bodies, n, batches[rand() % 3],
                           1 + (unsigned)(rand() % 2));
            for (size_t i = 0; i < n; i++) free(bodies[i]);

            xn_lexicon *want = lexicon_of(held, IDS), *got = NULL;
            xs_error xe;
            xs_db *db = xs_db_open_read(path, &xe);
            ck_assert_ptr_nonnull(db);
            xn_error err;
            xn_error_clear(&err);
            ck_assert_int_eq(xn_lexicon_load(db, path, &got, &err), XAPNEWS_STATUS_SUCCESS);
            xs_db_close(db, &xe);
            ck_assert_uint_gt(xn_lexicon_size(want), 0);
            ck_assert_uint_eq(xn_lexicon_size(got), xn_lexicon_size(want));
            lexicon_compare c = {got, 0};
            xn_lexicon_each(want, count_differs, &c);
            ck_assert_msg(c.missing == 0, "seed %u session %u: %zu words differ", seed, s,
                          c.missing);
            /* a search's reader: the words from their keys, a count at a
             * time; over a stub listing the database, all at once */
            size_t uncounted;
            xn_lexicon *read = read_lexicon(path, &uncounted);
            ck_assert(same_lexicon(want, read));
            ck_assert_uint_eq(uncounted, xn_lexicon_size(want));
            xn_lexicon_free(read);
            read = read_lexicon(stub, &uncounted);
            ck_assert(same_lexicon(want, read));
            ck_assert_uint_eq(uncounted, 0);
            xn_lexicon_free(read);
            xn_lexicon_free(want);
            xn_lexicon_free(got);
        }
        for (size_t i = 0; i < IDS; i++) free(held[i]);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
}
END_TEST

/* The typos of QUERY over DB as "word>name" pairs (caller frees). */
static char *typos_of(xapnews_database_t *db, const char *query)
{
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, query, XAPNEWS_QUERY_TYPOS, &q),
                     XAPNEWS_STATUS_SUCCESS);
    xn_strbuf b = XN_STRBUF_INIT;
    xn_strbuf_puts(&b, "");
    for (size_t i = 0; i < xapnews_query_typo_count(q); i++) {
        const char *word, *name;
        ck_assert_int_eq(xapnews_query_typo(q, i, &word, &name), XAPNEWS_STATUS_SUCCESS);
        xn_strbuf_printf(&b, "%s>%s ", word, name);
    }
    xapnews_query_destroy(q);
    return xn_strbuf_take(&b);
}

/* The same from xn_typos_find() over DB opened from PATH, with the names
 * cached in *NAMES. */
static char *typos_found(xs_db *db, const char *path, xn_typo_names **names, const char *query)
{
    xn_qtree t;
    xn_error err;
    xn_error_clear(&err);
    ck_assert_int_eq(xn_qtree_parse(query, &t, &err), 0);
    xn_typos typos = XN_TYPOS_INIT;
    ck_assert_int_eq(xn_typos_find(db, path, names, NULL, NULL, &t, &typos, &err),
                     XAPNEWS_STATUS_SUCCESS);
    xn_strbuf b = XN_STRBUF_INIT;
    xn_strbuf_puts(&b, "");
    for (size_t i = 0; i < typos.n; i++)
        xn_strbuf_printf(&b, "%s>%s ", typos.t[i].word, typos.t[i].name);
    xn_typos_free(&typos);
    xn_qtree_free(&t);
    return xn_strbuf_take(&b);
}

enum { POOL_ARTICLES = 60, POOL = 80 };

/* In the folder DIR: a database "db" of articles naming names of the pool
 * (a quarter of them written in lower case, so that being capitalised in
 * most articles decides), and a stub "stub" listing it. */
static void write_pool_db(const char *dir)
{
    char path[64];
    snprintf(path, sizeof path, "%s/stub", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("auto db\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/db", dir);
    srand(5);
    char idbuf[POOL_ARTICLES][8], *bodies[POOL_ARTICLES];
    const char *ids[POOL_ARTICLES];
    for (size_t i = 0; i < POOL_ARTICLES; i++) {
        snprintf(idbuf[i], sizeof idbuf[i], "a%zu", i);
        ids[i] = idbuf[i];
        bodies[i] = pool_body(POOL, 1);
    }
    write_articles(path, ids, (const char *const *)bodies, POOL_ARTICLES, 0, 1);
    for (size_t i = 0; i < POOL_ARTICLES; i++) free(bodies[i]);
}

/* Makes the folder DIR (a mkdtemp() template) with write_pool_db()'s
 * database and stub, whose paths go to PATH and STUB (64 bytes each). */
static void pool_setup(char *dir, char *path, char *stub)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_pool_db(dir);
    snprintf(path, 64, "%s/db", dir);
    snprintf(stub, 64, "%s/stub", dir);
}

static void remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Queries for the pool's names (up to CAP of them into OUT): each name as
 * it is and misspelt (a letter dropped, doubled, changed or two swapped),
 * capitalised and in lower case. Returns their number. */
static size_t pool_queries(char (*out)[20], size_t cap)
{
    size_t n = 0;
    for (unsigned p = 0; p < POOL; p++) {
        char name[16];
        pool_name(p, name, sizeof name);
        size_t len = strlen(name);
        for (unsigned edit = 0; edit < 5; edit++) {
            for (size_t at = 0; at < (edit == 4 ? 1 : len); at++) {
                char typo[20];
                size_t k = 0;
                for (size_t i = 0; i < len; i++) {
                    if (i == at && edit == 0) continue;                 /* dropped */
                    if (i == at && edit == 1) typo[k++] = name[i];      /* doubled */
                    if (i == at && edit == 2) typo[k++] = name[i] == 'x' ? 'q' : 'x'; /* changed */
                    else if (i == at && edit == 3 && i + 1 < len) {     /* swapped */
                        typo[k++] = name[i + 1];
                        typo[k++] = name[i++];
                    } else typo[k++] = name[i];                         /* edit 4: none */
                }
                typo[k] = '\0';
                for (int caps = 0; caps < 2 && n < cap; caps++) {
                    if (caps) typo[0] = (char)(typo[0] - 'a' + 'A');
                    memcpy(out[n++], typo, k + 1);
                }
            }
        }
    }
    return n;
}

/* A search over a database reads the name lexicon's words from their keys
 * and the counts of the names it finds, one key each; over a stub listing
 * the same database it reads the whole lexicon at once. For every query
 * of pool_queries(), both find the same names. */
START_TEST(typos_read_per_name_as_from_the_whole_lexicon)
{
    char dir[] = "/tmp/check_suggest_XXXXXX", path[64], stub[64];
    pool_setup(dir, path, stub);
    xapnews_database_t *one = NULL, *listed = NULL;
    ck_assert_int_eq(xapnews_database_open(path, &one, NULL), XAPNEWS_STATUS_SUCCESS);
    ck_assert_int_eq(xapnews_database_open(stub, &listed, NULL), XAPNEWS_STATUS_SUCCESS);
    static char queries[4000][20];
    size_t n = pool_queries(queries, 4000), found = 0;
    for (size_t i = 0; i < n; i++) {
        char *a = typos_of(one, queries[i]), *b = typos_of(listed, queries[i]);
        ck_assert_msg(strcmp(a, b) == 0, "%s: '%s' read per name, '%s' whole", queries[i], a,
                      b);
        found += *a != '\0';
        free(a);
        free(b);
    }
    /* the comparison means something: many queries reach a name */
    ck_assert_uint_gt(found, n / 3);
    xapnews_database_close(one);
    xapnews_database_close(listed);
    remove_dir(dir);
}
END_TEST

/* Names kept for a long time weigh their counts once enough walks went
 * without them (names_fill() in typos.c): a search finds the same names
 * before and after, with names kept for one search only, and with the
 * whole lexicon read at once (a stub). */
START_TEST(typos_alike_before_and_after_the_counts_are_read)
{
    char dir[] = "/tmp/check_suggest_XXXXXX", path[64], stub[64];
    pool_setup(dir, path, stub);
    xs_error xe;
    xs_db *db = xs_db_open_read(path, &xe), *listed = xs_db_open_read(stub, &xe);
    ck_assert_ptr_nonnull(db);
    ck_assert_ptr_nonnull(listed);
    xn_typo_names *kept = NULL, *whole = NULL;
    static char queries[4000][20];
    size_t n = pool_queries(queries, 4000), before = 0, after = 0;
    for (size_t i = 0; i < n; i++) {
        int weighed = kept && xn_typo_names_weighed(kept);
        xn_typo_names *once = NULL;
        char *a = typos_found(db, path, &kept, queries[i]);
        char *b = typos_found(db, path, &once, queries[i]);
        char *c = typos_found(listed, stub, &whole, queries[i]);
        ck_assert_msg(strcmp(a, c) == 0 && strcmp(b, c) == 0,
                      "%s: '%s' with names kept (%s), '%s' for one search, '%s' whole",
                      queries[i], a, weighed ? "weighed" : "not weighed", b, c);
        ck_assert(!once || !xn_typo_names_weighed(once));
        if (*c) weighed ? after++ : before++;
        xn_typo_names_free(once);
        free(a);
        free(b);
        free(c);
    }
    ck_assert(xn_typo_names_weighed(whole));
    ck_assert_uint_gt(before, 10);
    ck_assert_uint_gt(after, 100);
    xn_typo_names_free(kept);
    xn_typo_names_free(whole);
    xs_db_close(db, &xe);
    xs_db_close(listed, &xe);
    remove_dir(dir);
}
END_TEST

START_TEST(library_suggest_and_typos)
{
    char dir[] = "/tmp/check_suggest_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/db", dir);
    const char *bodies[] = {
        "The talks were chaired by Minister Guo Shengkun in Beijing.",
        "Officials said Minister Guo Shengkun met the delegation.",
        "Later Minister Guo Shengkun spoke to reporters.",
        "Then Minister Guo Shengkum left for Washington.",
    };
    write_db(path, bodies, 4);
    xapnews_database_t *db = NULL;
    ck_assert_int_eq(xapnews_database_open(path, &db, NULL), XAPNEWS_STATUS_SUCCESS);

    xapnews_suggestions_t *s = NULL;
    xapnews_suggest_options_t opt = {5, 0, NULL, NULL};
    ck_assert_int_eq(xapnews_suggest(db, &opt, &s), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_ge(xapnews_suggestions_count(s), 1);
    ck_assert_str_eq(xapnews_suggestion_variant(s, 0), "shengkum");
    ck_assert_str_eq(xapnews_suggestion_canonical(s, 0), "shengkun");
    ck_assert_uint_eq(xapnews_suggestion_docs(s, 0), 1);
    ck_assert(xapnews_suggestion_score(s, 0) > 0.0 && xapnews_suggestion_score(s, 0) <= 1.0);
    ck_assert_ptr_nonnull(strstr(xapnews_suggestion_evidence(s, 0), "\"edits\":1"));
    /* bad indexes and handles */
    ck_assert_ptr_null(xapnews_suggestion_variant(s, 99));
    ck_assert_uint_eq(xapnews_suggestions_count(NULL), 0);
    ck_assert_int_eq(xapnews_suggest(NULL, &opt, &s), XAPNEWS_STATUS_INVALID_ARGUMENT);
    xapnews_suggestions_destroy(s);

    /* typo tolerance is asked for with a flag */
    xapnews_query_t *q = NULL;
    ck_assert_int_eq(xapnews_query_parse(db, "Shengkin", XAPNEWS_QUERY_TYPOS, &q),
                     XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_query_typo_count(q), 1);
    const char *word, *name;
    ck_assert_int_eq(xapnews_query_typo(q, 0, &word, &name), XAPNEWS_STATUS_SUCCESS);
    ck_assert_str_eq(word, "Shengkin");
    ck_assert_str_eq(name, "Shengkun");
    ck_assert_int_eq(xapnews_query_typo(q, 1, &word, &name), XAPNEWS_STATUS_INVALID_ARGUMENT);
    xapnews_results_t *r = NULL;
    ck_assert_int_eq(xapnews_query_search(q, 0, 10, &r), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_results_count(r), 3);
    xapnews_results_destroy(r);
    xapnews_query_destroy(q);
    ck_assert_int_eq(xapnews_query_parse(db, "Shengkin", 0, &q), XAPNEWS_STATUS_SUCCESS);
    ck_assert_uint_eq(xapnews_query_typo_count(q), 0);
    xapnews_query_destroy(q);
    xapnews_database_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("suggest");
    TCase *t = tcase_create("core");
    tcase_add_test(t, distance_edits);
    tcase_add_test(t, typos_read_per_name_as_from_the_whole_lexicon);
    tcase_add_test(t, typos_alike_before_and_after_the_counts_are_read);
    tcase_add_test(t, distance_bounds_and_bad_input);
    tcase_add_test(t, metaphone_keys);
    tcase_add_test(t, metaphone_bad_input);
    tcase_add_test(t, phonetic_similarity);
    tcase_add_test(t, cosine);
    tcase_add_test(t, scoring);
    tcase_add_test(t, verdicts_junk_pairs);
    tcase_add_test(t, verdicts_good_pairs);
    tcase_add_test(t, regional_and_formation);
    tcase_add_test(t, lexicon_counts_names_in_mid_sentence);
    tcase_add_test(t, lexicon_grows);
    tcase_add_test(t, lexicon_counts_the_articles_held);
    tcase_add_test(t, lexicon_is_the_sum_of_the_articles_held);
    tcase_add_test(t, typos_rewrite);
    tcase_add_test(t, library_suggest_and_typos);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return run_suite(suite());
}
