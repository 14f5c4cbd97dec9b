/// \file
/// Umbrella header: everything an application needs.
#pragma once

/// \namespace newsdex
/// libnewsdex: full-text search for news articles over Xapian, with its own text analysis.
///
/// Index with Indexer, search with Searcher; both take a collection path (one database, or a
/// stub listing shards, local or remote). Every function throws only Error (or, unchanged,
/// what a callback of the caller's throws). Nothing prints:
/// logs go to the sink set_log_sink installs. Anything in a `detail` namespace is internal.

#include <newsdex/analyzer.hpp>
#include <newsdex/archive.hpp>
#include <newsdex/article.hpp>
#include <newsdex/backup.hpp>
#include <newsdex/check.hpp>
#include <newsdex/entities.hpp>
#include <newsdex/error.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/log.hpp>
#include <newsdex/query.hpp>
#include <newsdex/reader.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>
#include <newsdex/stats.hpp>
#include <newsdex/version.hpp>
#include <newsdex/watch.hpp>
