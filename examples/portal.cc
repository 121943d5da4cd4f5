// portal.cc - a C++ search portal with its own Xapian::QueryParser that
// registers xapnews's official:, outlet: and date: handling on it
// (xapnews_portal.h).
//
// usage: portal [--expand] [--weighted-official | --add-processors]
//               DATABASE QUERY
//
// Prints the id of every hit, best first, one per line. --expand also
// searches xapnews's variant-aware query for QUERY (xapnews::expand_variants)
// alongside the portal's own; --weighted-official registers official: with
// add_prefix() (weighted, single words only) instead of add_boolean_prefix();
// --add-processors registers all of them with xapnews::add_processors().
// Exit status: 0 success, 1 usage, 2 error.

#include <xapian.h>
#include <xapnews.h>
#include <xapnews_portal.h>

#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    bool expand = false, weighted_official = false, helper = false;
    int i = 1;
    for (; i < argc && std::strncmp(argv[i], "--", 2) == 0; i++) {
        if (std::strcmp(argv[i], "--expand") == 0) expand = true;
        else if (std::strcmp(argv[i], "--weighted-official") == 0) weighted_official = true;
        else if (std::strcmp(argv[i], "--add-processors") == 0) helper = true;
        else break;
    }
    if (argc - i != 2) {
        std::cerr << "usage: portal [--expand] [--weighted-official | --add-processors] DATABASE QUERY\n";
        return 1;
    }
    const char *path = argv[i], *text = argv[i + 1];

    // the database, opened twice: by Xapian for the portal's own searches,
    // and by xapnews for the processors, which read its tables
    xapnews_database_t *xdb = nullptr;
    char *error = nullptr;
    if (xapnews_database_open(path, &xdb, &error) != XAPNEWS_STATUS_SUCCESS) {
        std::cerr << "portal: " << (error ? error : "cannot open the database") << "\n";
        xapnews_free(error);
        return 2;
    }
    int status = 0;
    try {
        Xapian::Database db(path);

        // the portal's own parser
        Xapian::QueryParser qp;
        qp.set_database(db); // for FLAG_AUTO_SYNONYMS
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_AND);
        qp.add_prefix("title", "S");

        // xapnews's fields; the processors are released to the parser,
        // which deletes them; xdb must outlive qp
        if (helper) {
            // the registrations below, in one call
            xapnews::add_processors(qp, xdb);
        } else {
            if (weighted_official) // weighted, but one word at a time
                qp.add_prefix("official",
                              (new xapnews::OfficialFieldProcessor(xdb))->release());
            else // whole names, quoted or not; a filter
                qp.add_boolean_prefix(
                    "official", (new xapnews::OfficialFieldProcessor(xdb))->release(),
                    false);
            qp.add_boolean_prefix(
                "outlet", (new xapnews::OutletFieldProcessor(xdb))->release(), false);
            qp.add_boolean_prefix(
                "date", (new xapnews::DateFieldProcessor())->release(), false);
            qp.add_rangeprocessor((new xapnews::DateRangeProcessor())->release());
        }

        Xapian::Query query = qp.parse_query(
            text, Xapian::QueryParser::FLAG_DEFAULT |
                      Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
        if (expand)
            query = Xapian::Query(Xapian::Query::OP_OR, query,
                                  xapnews::expand_variants(xdb, text));

        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        Xapian::MSet hits = enquire.get_mset(0, db.get_doccount());
        for (Xapian::MSetIterator m = hits.begin(); m != hits.end(); ++m) {
            // document data is Omega's name=value lines; print id=
            std::string data = m.get_document().get_data(), id;
            std::string::size_type at = 0;
            while (at < data.size()) {
                std::string::size_type eol = data.find('\n', at);
                if (eol == std::string::npos) eol = data.size();
                if (data.compare(at, 3, "id=") == 0) {
                    id = data.substr(at + 3, eol - at - 3);
                    break;
                }
                at = eol + 1;
            }
            std::cout << id << "\n";
        }
    } catch (const Xapian::Error &e) {
        std::cerr << "portal: " << e.get_description() << "\n";
        status = 2;
    } catch (const std::exception &e) {
        std::cerr << "portal: " << e.what() << "\n";
        status = 2;
    }
    xapnews_database_close(xdb);
    return status;
}
