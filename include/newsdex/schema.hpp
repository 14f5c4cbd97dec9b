/// \file
/// How an article maps onto a Xapian document. Every part of newsdex that reads or writes a
/// database uses these names; nothing else spells a prefix or a slot number.
#pragma once

#include <newsdex/export.hpp>

#include <cstddef>
#include <string>
#include <string_view>

/// The mapping from article fields to Xapian terms, value slots and metadata: what an
/// application reading a newsdex database with Xapian directly needs to know.
namespace newsdex::schema {

/// Bumped whenever the mapping below changes in a way older newsdex cannot read. Version 2 moved
/// the stored article from the document data to `article_slot`; version 3 compresses it with zstd
/// instead of deflate (both are read); version 4 adds the expression terms (`expression_prefix`).
inline constexpr int version = 4;
/// The oldest version this newsdex still reads (and writes into, recording `version`).
inline constexpr int oldest_readable_version = 1;

// Term prefixes (Xapian conventions where they exist). Unprefixed terms are the analyzed text
// of title and body (one stemmed term per word, positional; stopwords are not stored, but their
// positions are counted, so a phrase spans them with a window).
inline constexpr std::string_view id_prefix = "Q";       ///< unique id (boolean)
inline constexpr std::string_view title_prefix = "S";    ///< analyzed title words (positional)
inline constexpr std::string_view source_prefix = "XS";  ///< source, lower-cased, whole (boolean)
inline constexpr std::string_view year_prefix = "Y";     ///< YYYY (boolean)
inline constexpr std::string_view month_prefix = "M";    ///< YYYYMM (boolean)
inline constexpr std::string_view day_prefix = "D";      ///< YYYYMMDD (boolean)
inline constexpr std::string_view language_prefix = "L"; ///< ISO 639-1 code (boolean)
inline constexpr std::string_view entity_prefix =
    "XE"; ///< canonical entity name, lower-cased (boolean)
inline constexpr std::string_view field_prefix =
    "XF"; ///< the fields an article has, one term naming the set: "XFtitle,body,date" (boolean)
/// A multi-word expression of the phrase table (lib/data/phrases-en.txt) the article uses, by its
/// analyzed words, one "_" for each stopword between them: "XPinterest rate", "XPbalanc _ payment"
/// (boolean). Since schema version 4; a shard records whether all its documents have them
/// (`meta_created`).
inline constexpr std::string_view expression_prefix = "XP";

// Value slots.
inline constexpr unsigned date_slot = 0;      ///< days since 1970-01-01, sortable_serialise'd
inline constexpr unsigned source_slot = 1;    ///< source as written
inline constexpr unsigned year_slot = 2;      ///< "YYYY"
inline constexpr unsigned month_slot = 3;     ///< "YYYY-MM"
inline constexpr unsigned entities_slot = 4;  ///< canonical entity names, '\n'-separated
inline constexpr unsigned signature_slot = 5; ///< near-duplicate signature (hex)
inline constexpr unsigned hash_slot = 6; ///< content hash of the article (hex), to skip unchanged
/// What a hit prints: id, title, date, source, url and the entity names (the names also in
/// `entities_slot`, which facets and entity statistics read). A result page without snippets reads
/// this one small value instead of decompressing the whole stored article. Databases written
/// before the names joined it hold stored_article's encoding with the other fields empty here;
/// both are read.
inline constexpr unsigned summary_slot = 7;
/// The stored article, for snippets and `show`: the fields beyond the summary (language,
/// author, place, body, headings), compressed by newsdex (zstd; deflate before schema version
/// 3). Until schema version 2 the whole article
/// was the document data, which Xapian looks up by document id in a table of its own; that data
/// is now the id alone, so a hit that needs only its id (`--format ids`, `trec`,
/// SearchRequest::summaries off) reads it as cheaply as a plain Xapian application reads its own.
/// Documents written before hold the stored article as their data; both are read.
inline constexpr unsigned article_slot = 8;

// Database metadata keys.
/// The schema `version` the database was written with, in decimal.
inline constexpr std::string_view meta_schema = "newsdex.schema";
/// The fingerprint of the analyzer it was built with (Analyzer::fingerprint).
inline constexpr std::string_view meta_analyzer = "newsdex.analyzer";
/// When the last commit was made: ISO 8601 UTC ("2025-02-14T09:30:00Z").
inline constexpr std::string_view meta_last_commit = "newsdex.last_commit";
/// The collection's manifest: how it was built (storage/manifest.hpp), JSON, in every shard.
inline constexpr std::string_view meta_manifest = "newsdex.manifest";
/// The schema `version` of the newsdex that created the shard, in decimal: every document in it
/// was written by that version or a later one. (A shard of an older version records the current
/// version in `meta_schema` once a newer newsdex writes into it, though its older documents keep
/// the older layout.) Absent in shards created before schema version 4.
inline constexpr std::string_view meta_created = "newsdex.created";

/// Xapian refuses terms longer than this many bytes (prefix included).
inline constexpr std::size_t max_term_bytes = 245;

/// The unique-id term for `id`: `Q` + id, or, when that would exceed `max_term_bytes`, `Q` + the
/// first 200 bytes of the id + "#" + 16 hex digits of its 64-bit FNV-1a hash. `id:`, delete and
/// re-indexing all use this rule, so a long id is always found again.
NEWSDEX_EXPORT std::string id_term(std::string_view id);

/// `prefix` + `value`, with `value` shortened by the same rule as id_term when too long.
NEWSDEX_EXPORT std::string bounded_term(std::string_view prefix, std::string_view value);

} // namespace newsdex::schema
