// xapnews_portal.cc - see xapnews_portal.h.
//
// Every query here comes from xapnews's own query pipeline (plugin/query/query_builder.h)
// run over the database's tables, so the processors match exactly what
// xapnews's query language means; the Xapian::Query is taken out of the
// shim's xs_query handle. Unlike the extern "C" shim, these are C++ calls:
// they report failures by throwing.

#include "xapnews_portal.h"

#include "xapian_shim_query.h"

extern "C" {
#include "database.h"
#include "query_builder.h"
#include "stemmer.h"
}

#include <cstring>
#include <memory>
#include <new>
#include <string>

namespace {

struct QueryFree {
    void operator()(xs_query *q) const { xs_query_free(q); }
};

struct StemmerFree {
    void operator()(xn_stemmer *s) const { xn_stemmer_free(s); }
};

// Throws the exception for a failure of xapnews's parser. CONTEXT, when not
// empty, is the field and value the processor was given: xapnews's column
// number would count in text the caller never wrote, so it is replaced by
// the context.
[[noreturn]] void throw_error(const xn_error &err, const std::string &context)
{
    if (err.status == XAPNEWS_STATUS_OUT_OF_MEMORY) throw std::bad_alloc();
    std::string msg = err.message;
    if (!context.empty()) {
        static const char syntax[] = "query syntax error at column ";
        if (msg.compare(0, sizeof syntax - 1, syntax) == 0) {
            std::string::size_type colon = msg.find(": ", sizeof syntax - 1);
            if (colon != std::string::npos) msg.erase(0, colon + 2);
        }
        msg = context + ": " + msg;
    }
    if (err.status == XAPNEWS_STATUS_BAD_QUERY)
        throw Xapian::QueryParserError(msg);
    throw Xapian::InvalidArgumentError(msg);
}

// Runs xapnews's parser over TEXT with the tables of DB (none when DB is
// NULL) and STEMMER (may be NULL).
Xapian::Query parse(xapnews_database_t *db, xn_stemmer *stemmer,
                    const std::string &text, unsigned flags,
                    const std::string &context)
{
    if (text.find('\0') != std::string::npos)
        throw Xapian::QueryParserError("query text holds a NUL byte");
    const xn_tables *tables = db ? xn_database_tables(db) : nullptr;
    xn_error err;
    xn_error_clear(&err);
    std::unique_ptr<xs_query, QueryFree> q(
        xn_query_parse_with(text.c_str(), flags, stemmer, tables, nullptr,
                            nullptr, &err));
    if (!q) throw_error(err, context);
    return q->query;
}

// The query xapnews builds for FIELD:"VALUE"; messages start with CONTEXT
// (FIELD:VALUE when empty). Quoted field values are never stemmed, so no
// stemmer is needed; a '"' (or NUL) in VALUE would end the quotes early and
// is read as a space instead.
Xapian::Query parse_field(xapnews_database_t *db, const char *field,
                          const std::string &value,
                          const std::string &context = std::string())
{
    std::string v(value);
    for (char &c : v)
        if (c == '"' || c == '\0') c = ' ';
    std::string text = std::string(field) + ":\"" + v + "\"";
    if (!context.empty())
        return parse(db, nullptr, text, XAPNEWS_QUERY_DEFAULT_AND, context);
    return parse(db, nullptr, text, XAPNEWS_QUERY_DEFAULT_AND,
                 std::string(field) + ":" + (value.empty() ? "\"\"" : value));
}

xapnews_database_t *need_db(xapnews_database_t *db, const char *who)
{
    if (!db)
        throw Xapian::InvalidArgumentError(std::string(who) +
                                           ": no database (NULL)");
    return db;
}

} // namespace

namespace xapnews {

// ---- official: -------------------------------------------------------------

OfficialFieldProcessor::OfficialFieldProcessor(xapnews_database_t *db)
    : db_(need_db(db, "xapnews::OfficialFieldProcessor"))
{
}

OfficialFieldProcessor::~OfficialFieldProcessor() {}

Xapian::Query OfficialFieldProcessor::operator()(const std::string &value)
{
    return parse_field(db_, "official", value);
}

// ---- outlet: ---------------------------------------------------------------

OutletFieldProcessor::OutletFieldProcessor(xapnews_database_t *db)
    : db_(need_db(db, "xapnews::OutletFieldProcessor"))
{
}

OutletFieldProcessor::~OutletFieldProcessor() {}

Xapian::Query OutletFieldProcessor::operator()(const std::string &value)
{
    return parse_field(db_, "outlet", value);
}

// ---- date: -----------------------------------------------------------------

DateRangeProcessor::DateRangeProcessor(const std::string &str, unsigned flags)
    : Xapian::RangeProcessor(DATE_SLOT, str, flags)
{
}

DateRangeProcessor::~DateRangeProcessor() {}

Xapian::Query DateRangeProcessor::operator()(const std::string &begin,
                                             const std::string &end)
{
    // the range as the user wrote it, for messages
    std::string range = begin + ".." + end;
    std::string context = (flags & Xapian::RP_SUFFIX) ? range + str : str + range;
    Xapian::Query q;
    try {
        q = parse_field(nullptr, "date", range, context);
    } catch (const Xapian::QueryParserError &) {
        // without a marker every range comes here: leave the ones that are
        // not dates to the other range processors
        if (str.empty()) return Xapian::Query(Xapian::Query::OP_INVALID);
        throw;
    }
    // xapnews makes the range weightless (OP_SCALE_WEIGHT 0); the
    // QueryParser wants the bare value range, which it treats as a filter
    // and groups by slot
    if (q.get_type() == Xapian::Query::OP_SCALE_WEIGHT &&
        q.get_num_subqueries() == 1)
        q = q.get_subquery(0);
    return q;
}

DateFieldProcessor::DateFieldProcessor() {}

DateFieldProcessor::~DateFieldProcessor() {}

Xapian::Query DateFieldProcessor::operator()(const std::string &value)
{
    return parse_field(nullptr, "date", value);
}

// ---- free text ---------------------------------------------------------------

Xapian::Query expand_variants(xapnews_database_t *db, const std::string &text,
                              unsigned flags)
{
    need_db(db, "xapnews::expand_variants");
    std::unique_ptr<xn_stemmer, StemmerFree> stemmer;
    const char *language = xn_database_language(db);
    if (std::strcmp(language, "none") != 0) {
        int unknown = 0;
        stemmer.reset(xn_stemmer_new(language, &unknown));
        if (!stemmer) {
            if (!unknown) throw std::bad_alloc();
            throw Xapian::InvalidArgumentError(
                std::string("xapnews::expand_variants: unknown stemming language '") +
                language + "'");
        }
    }
    return parse(db, stemmer.get(), text, flags, std::string());
}

void add_processors(Xapian::QueryParser &qp, xapnews_database_t *db)
{
    need_db(db, "xapnews::add_processors");
    qp.add_boolean_prefix("official", (new OfficialFieldProcessor(db))->release(),
                          false);
    qp.add_boolean_prefix("outlet", (new OutletFieldProcessor(db))->release(),
                          false);
    qp.add_boolean_prefix("date", (new DateFieldProcessor())->release(), false);
    qp.add_rangeprocessor((new DateRangeProcessor())->release());
}

} // namespace xapnews
