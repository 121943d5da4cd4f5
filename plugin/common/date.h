/* date.h - ISO 8601 calendar dates at year, month or day precision. */
#ifndef XAPNEWS_DATE_H
#define XAPNEWS_DATE_H

#include <stddef.h>

typedef struct {
    int year, month, day; /* month and day are 0 when not given */
} xn_date;

/** Parses "YYYY", "YYYY-MM", "YYYY-MM-DD", optionally followed by a time
 *  ("THH:MM[:SS[.fff]][Z|+HH:MM|-HHMM]", checked, then ignored). Returns 0 on success, or -1
 *  with a reason in WHY (e.g. "month 13 out of range") otherwise. */
int xn_date_parse(const char *s, xn_date *d, char *why, size_t why_len);

/** Writes the date in compact form ("YYYY", "YYYYMM" or "YYYYMMDD") into
 *  OUT (at least 9 bytes). */
void xn_date_compact(const xn_date *d, char out[9]);

/** Writes the date in ISO form ("YYYY", "YYYY-MM" or "YYYY-MM-DD") into OUT
 *  (at least 11 bytes). */
void xn_date_iso(const xn_date *d, char out[11]);

/** Days since 1970-01-01 of a full date (day precision). */
long xn_date_days(const xn_date *d);

#endif
