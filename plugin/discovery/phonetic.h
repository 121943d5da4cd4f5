/* phonetic.h - a phonetic key for words: Metaphone.
 *
 * Two spellings that sound alike get the same key ("Johnson" and "Jonson"
 * are both JNSN), so the key is evidence that two forms name the same
 * person. The algorithm is Lawrence Philips's original Metaphone (1990),
 * over the letters a-z of a folded word (other characters are skipped),
 * with the key not cut to four letters. The rules, in order of the word:
 *
 *  - at the start: AE GN KN PN WR drop their first letter; X is S; WH is W;
 *    a first vowel (after those) is written A; other vowels are dropped;
 *  - a doubled letter counts once, except C;
 *  - B is silent after M at the end of the word; else B;
 *  - C is X in CIA and CH (K in SCH), S before I E Y (silent in SCI SCE
 *    SCY), else K;
 *  - D is J before GE GY GI, else T;
 *  - G is silent in GH not at the end or before a vowel, in GN and GNED at
 *    the end, and in DGE DGI DGY; J before I E Y; else K;
 *  - H is silent after a vowel when no vowel follows, and after C G P S T;
 *    else H;
 *  - K is silent after C; P is F before H; Q is K;
 *  - S is X before H and in SIO SIA; T is X in TIA TIO, 0 (theta) before H,
 *    silent in TCH; V is F; X is KS; Z is S;
 *  - W and Y are kept only before a vowel;
 *  - F J L M N R keep their sound.
 * Pure function: no allocation, no state.
 */
#ifndef XAPNEWS_PHONETIC_H
#define XAPNEWS_PHONETIC_H

#include <stddef.h>

/** The longest key written (longer keys are cut). */
#define XN_PHONETIC_MAX 16

/** Writes the key of the LEN bytes at WORD (folded: lower case, accents
 *  stripped) to OUT, NUL terminated (OUT has XN_PHONETIC_MAX + 1 bytes).
 *  Returns the key's length: 0 for a word without letters a-z. */
size_t xn_metaphone(const char *word, size_t len,
                    char out[XN_PHONETIC_MAX + 1]);

#endif
