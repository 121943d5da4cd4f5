/* stopwords.c - built-in lists of function words (see stopwords.h). */
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

struct xn_stopwords {
    const char *const *words; /* sorted by strcmp */
    size_t n;
};

/* English function words: articles and determiners, pronouns, auxiliary
 * and modal verbs, prepositions, conjunctions, question words and the
 * commonest adverbs of degree. Sorted. */
static const char *const english_words[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am",
    "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "either", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "its", "itself", "just", "me", "more", "most", "must", "my", "myself",
    "neither", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
    "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
    "same", "shall", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "upon", "very", "was", "we", "were", "what", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why",
    "with", "within", "without", "would", "you", "your", "yours",
    "yourself", "yourselves",
};

static const xn_stopwords english = {english_words,
                                     sizeof english_words / sizeof english_words[0]};

const xn_stopwords *xn_stopwords_for(const char *language)
{
    if (!language) return NULL;
    if (strcmp(language, "english") == 0 || strcmp(language, "en") == 0 ||
        strcmp(language, "eng") == 0)
        return &english;
    return NULL;
}

typedef struct {
    const char *word;
    size_t len;
} sized_word;

static int compare(const void *k, const void *e)
{
    const sized_word *key = k;
    const char *w = *(const char *const *)e;
    int c = strncmp(key->word, w, key->len);
    if (c) return c;
    return w[key->len] ? -1 : 0;
}

int xn_stopwords_has(const xn_stopwords *list, const char *word, size_t len)
{
    if (!list || len == 0 || len > 16) return 0;
    sized_word key = {word, len};
    return bsearch(&key, list->words, list->n, sizeof *list->words, compare) != NULL;
}
