/* slug.h - identifiers for boolean filter terms ("Guo Shengkun" ->
 * "guo-shengkun"): the folded words of a name joined by '-'. */
#ifndef XAPNEWS_SLUG_H
#define XAPNEWS_SLUG_H

#include <stddef.h>

#include "strbuf.h"

/** Appends the slug of the LEN bytes at TEXT to OUT. Returns 0, or -1 when
 *  memory runs out. An input without words gives an empty slug. */
int xn_slug_append(const char *text, size_t len, xn_strbuf *out);

#endif
