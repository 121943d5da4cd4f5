/* utf8.h - checking and repairing UTF-8. */
#ifndef XAPNEWS_UTF8_H
#define XAPNEWS_UTF8_H

#include <stddef.h>

#include "strbuf.h"

/** Whether the LEN bytes at S are valid UTF-8 (no overlongs, surrogates or
 *  code points above U+10FFFF). */
int xn_utf8_valid(const char *s, size_t len);

/** When S holds invalid UTF-8, writes to OUT (reset first) a copy with each
 *  maximal invalid sequence replaced by U+FFFD and sets *FIXED to their
 *  number; otherwise leaves OUT alone and sets *FIXED to 0. Returns 0, or
 *  -1 when memory runs out. */
int xn_utf8_repair(const char *s, size_t len, xn_strbuf *out, size_t *fixed);

#endif
