/* nicknames.h - given names and their nicknames, applied to officials.
 *
 * The table is a CSV file of "formal,has_nickname,nickname" rows
 * (schemas/nicknames.csv: "william,has_nickname,bill"), with an optional
 * "name1,relationship,name2" header line, '#' comment lines and blank
 * lines; both names are single words, folded like all text.
 *
 * Nicknames apply to officials' first names only, never to ordinary words:
 * xn_nicknames_apply() gives an official listed as "William Burns" the
 * names "Bill Burns", "Will Burns", ... (each of the official's listed
 * names whose first word is a formal name of the table), so an article
 * writing "Bill Burns" names that official, and makes each such name an
 * equivalent form of the listed one in the variant table, so searches for
 * either find both. A nickname shared by several formal names ("al":
 * albert, alfred, ...) only links to officials whose formal name has it;
 * a derived name that two officials would share, or that the tables
 * already give to someone, is left out.
 *
 * The table is immutable once parsed and owned by its caller.
 */
#ifndef XAPNEWS_NICKNAMES_H
#define XAPNEWS_NICKNAMES_H

#include <stddef.h>

#include "error.h"
#include "names.h"
#include "variants.h"

typedef struct xn_nicknames xn_nicknames;

/** Parses the LEN bytes of TEXT; NAME is used in messages. A malformed
 *  line refuses the whole table: NULL with ERR set to "NAME:LINE: reason"
 *  (XAPNEWS_STATUS_BAD_INPUT), or XAPNEWS_STATUS_OUT_OF_MEMORY. */
xn_nicknames *xn_nicknames_parse(const char *name, const char *text,
                                 size_t len, xn_error *err);

void xn_nicknames_free(xn_nicknames *t);

/** Number of distinct (formal, nickname) pairs. */
size_t xn_nicknames_count(const xn_nicknames *t);

/** The nicknames of the folded formal name WORD (LEN bytes): returns how
 *  many, and *FIRST the index of the first for xn_nicknames_nick(). */
size_t xn_nicknames_of(const xn_nicknames *t, const char *word, size_t len,
                       size_t *first);

/** The I-th pair's nickname (folded, owned by T). */
const char *xn_nicknames_nick(const xn_nicknames *t, size_t i);

/** Gives the officials of OFFICIALS their nickname names (as aliases) and
 *  adds them to VARIANTS as equivalents of the names they come from (see
 *  above). Returns 0, or -1 when memory runs out (the tables then hold
 *  part of the names, and should be rebuilt). */
int xn_nicknames_apply(const xn_nicknames *t, xn_names *officials,
                       xn_variants *variants);

#endif
