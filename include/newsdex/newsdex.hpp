// Umbrella header: everything an application needs.
#pragma once

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
