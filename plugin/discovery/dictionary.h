/* dictionary.h - word lists that tell `synonyms suggest` which forms are
 * words of the language (xapnews_dictionary_t of xapnews.h).
 *
 * A dictionary is one or more word lists, each a text file with one word a
 * line, as Debian's wamerican and wbritish ship them
 * (/usr/share/dict/american-english, /usr/share/dict/british-english, with
 * inflected forms). Each word is folded as the tokeniser folds it and
 * remembered with the lists that hold it: as an ordinary word (written in
 * lower case in the list) or as a name (written capitalised: "Venice",
 * "Anderson"). Entries with an apostrophe or any other character than a
 * letter ("abbey's", "o'clock") are skipped.
 *
 * A line is bad input, reported as "FILE:LINE: reason"
 * (XAPNEWS_STATUS_BAD_INPUT), when it is not UTF-8, holds a NUL byte, holds
 * two words (a space or tab inside), or is longer than XN_DICT_MAX_LINE
 * bytes; a file without any word is bad input too ("FILE: no words"). A
 * file that cannot be read is XAPNEWS_STATUS_FILE_ERROR ("FILE: cannot
 * read: reason"). A failed load leaves the dictionary as it was.
 *
 * The dictionary owns all it holds; nothing is global.
 */
#ifndef XAPNEWS_DICTIONARY_H
#define XAPNEWS_DICTIONARY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "xapnews.h"

/** Lists a dictionary holds at most. */
#define XN_DICT_MAX_LISTS 32
/** The longest line of a word list, in bytes. */
#define XN_DICT_MAX_LINE 256

/** What the lists say of one folded word: a bit per list (1 << list
 *  index, in the order loaded) that holds it as an ordinary word, and a
 *  bit per list that holds it only capitalised, as a name. Both 0 for a
 *  word no list holds. */
typedef struct {
    uint32_t word_lists;
    uint32_t name_lists;
} xn_dict_entry;

/** The entry of the LEN-byte folded WORD; both masks 0 when D is NULL or
 *  no list holds it. */
xn_dict_entry xn_dictionary_lookup(const xapnews_dictionary_t *d,
                                   const char *word, size_t len);

/** Lists loaded (0 for NULL). */
size_t xn_dictionary_lists(const xapnews_dictionary_t *d);

#endif
