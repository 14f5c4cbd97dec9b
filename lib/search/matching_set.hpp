// The matching set of a query without its ranking. Facets must count every match, and a pass that
// weighs every match forgoes the pruning that keeps the ranked top-k pass cheap; so the counting
// pass runs a query that matches exactly the same documents but is cheaper to enumerate when no
// weight is wanted. It lives apart from the facets because the rewrite is a property of Xapian's
// operators, not of what is counted.
#pragma once

#include <xapian.h>

namespace newsdex::detail {

/// A query matching the same documents as `q`, cheaper to enumerate when no weight is wanted: the
/// optional side of AND_MAYBE (which never changes what matches) dropped, SYNONYM read as OR,
/// repeated alternatives of OR and AND kept once, and each phrase (or NEAR) of an OR tried only on
/// the documents no plain alternative matches. Its weights mean nothing.
Xapian::Query matching_set_query(const Xapian::Query& q);

} // namespace newsdex::detail
