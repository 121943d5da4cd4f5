/* xapnews_portal.h - xapnews's query language for C++ programs that keep
 * their own Xapian::QueryParser.
 *
 * A portal that searches a xapnews index with its own Xapian::QueryParser
 * (its own stemming, flags, prefixes and Enquire) can register xapnews's
 * handling of the fields whose meaning lives in xapnews's tables, and ask
 * xapnews for its variant-aware query for free text:
 *
 *   official:"NAME"  an official, by any spelling in the officials and
 *                    variant tables (official:"Jeh Jonson" finds Jeh Johnson)
 *                    -> OfficialFieldProcessor
 *   outlet:"NAME"    an outlet, by any alias (outlet:CDT is China Digital
 *                    Times)                        -> OutletFieldProcessor
 *   date:A..B        an inclusive date range; either end may be left out
 *                                                  -> DateRangeProcessor
 *   date:2016-05     a year, month or day          -> DateFieldProcessor
 *   free text        every word and phrase in every spelling of the variant
 *                    table                         -> expand_variants()
 *
 * add_processors() registers the four processors on a QueryParser the way
 * this header recommends.
 *
 * Registering with add_boolean_prefix(). Xapian 1.4 hands a FieldProcessor
 * registered with add_prefix() one lower-cased word at a time and never
 * calls it for a quoted value or a value with punctuation: through
 * add_prefix(), official:"Jeh Jonson", outlet:"The Hill",
 * outlet:chinadigitaltimes.net and date:2016-05 all give an empty query.
 * Registered with add_boolean_prefix(), the processor receives the whole
 * value as written (quoted or up to the next space or ')'), and the query it
 * returns filters the results (Xapian combines boolean-prefix queries with
 * OP_FILTER, so they add no weight). Pass exclusive = false so that two
 * values of one field must both match, as in xapnews's own parser (with
 * true, Xapian ORs them). outlet: and date: are filters in xapnews too. For
 * an official: search that adds weight, register OfficialFieldProcessor with
 * add_prefix() instead: single words (official:Johnson) then work and are
 * weighted; whole names need quotes and so do not.
 *
 * Lifetime and threads: the processors and expand_variants() borrow the
 * xapnews_database_t they are given, which must stay open as long as they
 * (or a QueryParser holding them) exist. They read the database's tables
 * and stemming language, so, like any other call on that handle, they must
 * not be used while another thread uses the same handle.
 *
 * Errors: these are C++ calls and report failures with exceptions. A value
 * xapnews cannot parse (a bad or inverted date, an empty field value)
 * throws Xapian::QueryParserError with xapnews's message, which reaches the
 * caller of Xapian::QueryParser::parse_query(); a NULL database throws
 * Xapian::InvalidArgumentError; running out of memory throws
 * std::bad_alloc.
 *
 * Build against this header with the flags of both pkg-config modules:
 *   c++ portal.cc $(pkg-config --cflags --libs xapnews xapian-core)
 * The header is installed next to <xapnews.h>.
 */
#ifndef XAPNEWS_PORTAL_H
#define XAPNEWS_PORTAL_H

#include <string>

#include <xapian.h>
#include <xapnews.h>

namespace xapnews {

/** The value slot of the date, "YYYYMMDD" ("YYYYMM" or "YYYY" for an
 *  article dated only to the month or year); ranges compare it bytewise. */
const Xapian::valueno DATE_SLOT = 0;

/** official: -- the articles naming an official.
 *
 *  operator()(VALUE) returns the query xapnews's parser builds for
 *  official:"VALUE": a name in the officials table, under any of its
 *  variants, is searched by its canonical name, and every spelling in the
 *  variant table matches, so "Jeh Jonson" finds Jeh Johnson. A '"' in VALUE
 *  is read as a space. */
class OfficialFieldProcessor : public Xapian::FieldProcessor {
  public:
    /** DB is borrowed and must outlive the processor. Throws
     *  Xapian::InvalidArgumentError when DB is NULL. */
    explicit OfficialFieldProcessor(xapnews_database_t *db);
    ~OfficialFieldProcessor() override;

    Xapian::Query operator()(const std::string &value) override;

  private:
    xapnews_database_t *db_;
};

/** outlet: -- the articles of an outlet.
 *
 *  operator()(VALUE) returns the query xapnews's parser builds for
 *  outlet:"VALUE": a boolean (weightless) match of the outlet, any alias in
 *  the outlets table standing for the outlet's canonical name (CDT and
 *  chinadigitaltimes.net are China Digital Times). */
class OutletFieldProcessor : public Xapian::FieldProcessor {
  public:
    /** DB is borrowed and must outlive the processor. Throws
     *  Xapian::InvalidArgumentError when DB is NULL. */
    explicit OutletFieldProcessor(xapnews_database_t *db);
    ~OutletFieldProcessor() override;

    Xapian::Query operator()(const std::string &value) override;

  private:
    xapnews_database_t *db_;
};

/** date: ranges -- A..B, ..B and A.. over DATE_SLOT.
 *
 *  Each end is YYYY, YYYY-MM or YYYY-MM-DD and the range is inclusive as
 *  xapnews reads it: date:2016..2016-06 runs from the first day of 2016 to
 *  the last day of June 2016. operator() returns an OP_VALUE_RANGE,
 *  OP_VALUE_GE or OP_VALUE_LE query on DATE_SLOT, so Xapian's QueryParser
 *  treats it as a filter (and ORs ranges on the slot, as it does for its own
 *  range processors).
 *
 *  STR is the prefix (or, with Xapian::RP_SUFFIX, suffix) that marks a
 *  range as a date range, "date:" by default; FLAGS are those of
 *  Xapian::RangeProcessor. With a non-empty STR a range that has it but
 *  whose ends are not dates, or that ends before it starts, throws
 *  Xapian::QueryParserError with xapnews's message. With an empty STR the
 *  processor is offered every range, so it then declines ranges it cannot
 *  read (returns Query(OP_INVALID)) and lets the next range processor try. */
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    explicit DateRangeProcessor(const std::string &str = "date:",
                                unsigned flags = 0);
    ~DateRangeProcessor() override;

    Xapian::Query operator()(const std::string &begin,
                             const std::string &end) override;
};

/** date: single dates -- date:2016, date:2016-05, date:2016-05-01 (and
 *  ranges, for a parser without DateRangeProcessor).
 *
 *  operator()(VALUE) returns the query xapnews's parser builds for
 *  date:"VALUE": a weightless match of the dates in that year, month or
 *  day (or range). Register it with add_boolean_prefix(): through
 *  add_prefix() Xapian never passes it a value with a '-'. A bad date
 *  throws Xapian::QueryParserError. */
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateFieldProcessor();
    ~DateFieldProcessor() override;

    Xapian::Query operator()(const std::string &value) override;
};

/** The variant-aware query xapnews builds for TEXT, to combine with the
 *  portal's own.
 *
 *  TEXT is read in xapnews's query syntax (README, "Query syntax"): its
 *  words and "phrases" match every spelling in the variant table (U.S. finds
 *  "United States", "Guo Shengkum" finds "Guo Shengkun", cyber-security
 *  finds "cyber security" and "cybersecurity"), amounts of money match
 *  however they are written, and it may use AND, OR, NOT, +word, -word,
 *  parentheses and the title:, official:, outlet:, id: and date: fields.
 *  Words not joined by an operator must all match, or any of them with
 *  FLAGS = XAPNEWS_QUERY_DEFAULT_OR. Words are stemmed in the language the
 *  index was built with, as xapnews does (capitalised words are not).
 *
 *  This is the query xapnews_query_parse(DB, TEXT, FLAGS, ...) builds with
 *  the built-in default profile: the words are searched in the article text
 *  only, and no profile boosts (recency, officials, outlets) are added --
 *  the portal's Enquire does its own weighting. A query without any word
 *  matches nothing.
 *
 *  Stock Xapian::QueryParser with FLAG_AUTO_SYNONYMS and the database set
 *  already finds single-word spelling variants (Shengkum/Shengkun) through
 *  the synonym table xapnews writes, but not variants made of other words
 *  (U.S./United States, Loretta Lynch/Loretta E. Lynch), joined compounds or
 *  amounts; to add them, for instance:
 *
 *    Xapian::Query own = qp.parse_query(text, flags);
 *    Xapian::Query q(Xapian::Query::OP_OR, own,
 *                    xapnews::expand_variants(db, text));
 *
 *  or search xapnews's query and keep the portal's filters:
 *
 *    Xapian::Query q(Xapian::Query::OP_FILTER,
 *                    xapnews::expand_variants(db, text), portal_filter);
 *
 *  A syntax error throws Xapian::QueryParserError with xapnews's message
 *  (which names the column); so does text holding a NUL byte. */
Xapian::Query expand_variants(xapnews_database_t *db, const std::string &text,
                              unsigned flags = XAPNEWS_QUERY_DEFAULT_AND);

/** Registers the processors above on QP as this header recommends:
 *
 *    qp.add_boolean_prefix("official", new OfficialFieldProcessor(db), false);
 *    qp.add_boolean_prefix("outlet", new OutletFieldProcessor(db), false);
 *    qp.add_boolean_prefix("date", new DateFieldProcessor(), false);
 *    qp.add_rangeprocessor(new DateRangeProcessor());
 *
 *  (each released to QP, which deletes it). DB must outlive QP. Throws
 *  Xapian::InvalidOperationError, as QueryParser does, if QP already has
 *  one of these fields as a free-text prefix. */
void add_processors(Xapian::QueryParser &qp, xapnews_database_t *db);

} // namespace xapnews

#endif
