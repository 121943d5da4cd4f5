/* chrome.h - rules that remove page chrome from article bodies.
 *
 * Scraped pages carry text that is not the article: image credits,
 * copyright footers, tag lists, template tags, subscription boxes. A rules
 * file (schemas/chrome.conf) lists, one per line, an action and a POSIX
 * extended regular expression matched against each body line with its
 * surrounding white space trimmed:
 *
 *     strip  REGEX   remove every match inside the line
 *     drop   REGEX   remove the whole line
 *     end    REGEX   the line and everything after it are chrome
 *
 * Blank lines and lines starting with '#' are ignored, and so is white
 * space at the end of a rule (write "( |$)" to require a space).
 */
#ifndef XAPNEWS_CHROME_H
#define XAPNEWS_CHROME_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

typedef struct xn_chrome xn_chrome;

/** Loads rules from PATH. On a malformed line nothing is loaded, NULL is
 *  returned and ERR holds "PATH:LINE: reason". */
xn_chrome *xn_chrome_load(const char *path, xn_error *err);

/** Appends to OUT the LEN bytes of TEXT without chrome (RULES may be NULL)
 *  and without lines that only repeat TITLE (may be NULL). Line breaks are
 *  kept. Returns 0, or -1 when memory runs out. */
int xn_chrome_clean(const xn_chrome *rules, const char *text, size_t len,
                    const char *title, xn_strbuf *out);

void xn_chrome_free(xn_chrome *rules);

#endif
