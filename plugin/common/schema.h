/* schema.h - the term prefixes and value slots of a xapnews index.
 *
 * These follow Xapian and Omega conventions so that stock clients can query
 * the index; schemas/index.schema documents them as data and a test checks
 * that the two agree.
 */
#ifndef XAPNEWS_SCHEMA_H
#define XAPNEWS_SCHEMA_H

#define XN_PREFIX_STEM "Z"            /* stemmed form of a word */
#define XN_PREFIX_TITLE "S"           /* title words (positional) */
#define XN_PREFIX_ID "Q"              /* unique id (boolean) */
#define XN_PREFIX_DAY "D"             /* YYYYMMDD (boolean) */
#define XN_PREFIX_MONTH "M"           /* YYYYMM (boolean) */
#define XN_PREFIX_YEAR "Y"            /* YYYY (boolean) */
#define XN_PREFIX_OFFICIAL_TEXT "XO"  /* words of officials' names */
#define XN_PREFIX_OFFICIAL "XOFFICIAL:" /* an official, as a slug (boolean) */
#define XN_PREFIX_OUTLET "XOUTLET:"   /* the outlet, as a slug (boolean) */
#define XN_PREFIX_OUTLET_TEXT "XU"    /* words of the outlet's name */
#define XN_PREFIX_ACRONYM "XACRONYM:" /* an acronym the text defines, a
                                        space, its expansion (boolean) */
#define XN_PREFIX_CANONICAL "XV"      /* canonical form of a variant group,
                                         before the field's own prefix */
#define XN_PREFIX_STORY "XDUP:"       /* the story key: the id of the first
                                         article indexed of a set of near
                                         duplicates (boolean) */
#define XN_PREFIX_DUPBAND "XDUPBAND:" /* one band of the body's MinHash
                                         sketch: the band's number, ':' and a
                                         hash of its rows, in hex (boolean);
                                         near duplicates share one or more */

#define XN_SLOT_DATE 0   /* compact date string: YYYY, YYYYMM or YYYYMMDD */
#define XN_SLOT_DAYS 1   /* sortable_serialise(days since 1970-01-01) */
#define XN_SLOT_OUTLET 2 /* the outlet's name as given */
#define XN_SLOT_YEAR 3   /* YYYY */
#define XN_SLOT_ID 4     /* the id, read without the (larger) document data */
#define XN_SLOT_SUMMARY 5 /* url, caption, id, date and outlet in the document
                             data's format: a result list reads them without
                             inflating the whole data (see docdata.h) */
#define XN_SLOT_NAMES 6   /* the body's words capitalised in mid-sentence and
                             how often, taken from the name lexicon when the
                             article is replaced (see lexicon.h) */
#define XN_SLOT_OFFICIALS 7 /* the slugs of the article's XN_PREFIX_OFFICIAL
                               terms as one set (see slugset.h), so one
                               match spy counts the official facet */
#define XN_SLOT_STORY 8   /* the story key (as XN_PREFIX_STORY's term): Xapian
                             collapses a search on it (Omega's COLLAPSE=8) */
#define XN_SLOT_SKETCH 9  /* the body's MinHash sketch (sketch.h): its
                             XN_SKETCH_HASHES hashes, 4 bytes each, big
                             endian, then the article's story key and id
                             (story.h: xn_story_record_encode()) */
#define XN_SLOT_CUSTOM_FIRST 10 /* the first slot of the fields a schema
                                   declares: one each that needs one, in
                                   the order declared (fields.h) */

/* Positions: the title starts at 1, the body after a gap so that no phrase
 * runs from the title into the body. */
#define XN_FIELD_GAP 100

/* The longest term Xapian stores, in bytes. */
#define XN_TERM_MAX_BYTES 245

/* The longest prefix a word of text is indexed under: XN_PREFIX_CANONICAL
 * before a field's prefix ("XVXO", "XVXU"; stems take "Z" + a field's).
 * A word's term is at most XN_TERM_MAX_BYTES less this (tokenizer.h), so
 * it fits under every prefix. */
#define XN_WORD_PREFIX_MAX_BYTES 4

#endif
