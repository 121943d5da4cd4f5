// xapian_shim_query.h - what an xs_query handle holds (internal, C++ only).
//
// xapian_shim.h keeps xs_query opaque to the C code. The C++ files of the
// library that hand queries to C++ callers (xapnews_portal.cc) need the
// Xapian::Query inside it, so the definition lives here, shared with
// xapian_shim.cc. Not installed.
#ifndef XAPNEWS_XAPIAN_SHIM_QUERY_H
#define XAPNEWS_XAPIAN_SHIM_QUERY_H

#ifndef __cplusplus
#error "xapian_shim_query.h is C++ only"
#endif

#include <xapian.h>

#include "xapian_shim.h"

struct xs_query {
    Xapian::Query query;
    explicit xs_query(const Xapian::Query &q) : query(q) {}
};

#endif
