// A collection's manifest: how it was built, so that every later reader and writer analyzes as
// the index did without the caller repeating options and file paths.
//
// It records the schema version, the analyzer settings and the *contents* of every variant,
// stopword and entity-alias file (a file edited or deleted later changes nothing). It is stored as
// user metadata in every shard (`schema::meta_manifest`), so it belongs to a generation: the
// stub's rename that publishes a generation publishes its manifest with it. Readers check that
// every local shard holds the same one (a multi-database reads metadata from its first shard
// only). The recorded files are written back, content-addressed, under PATH.d/analysis/ for the
// analyzer to load.
#pragma once

#include <newsdex/analyzer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace Xapian {
class WritableDatabase;
}

namespace newsdex::detail {

struct RecordedFile {
  std::string name;    ///< the file's name when it was recorded (for messages)
  std::string content; ///< its bytes
  bool operator==(const RecordedFile&) const = default;
};

struct Manifest {
  static constexpr int current_format = 1;
  int format = current_format;
  int schema_version = 0;
  std::string language; ///< canonical code ("en")
  bool stem = true;
  bool fold_variants = true;
  bool stopwords = true;
  std::vector<RecordedFile> variant_files, stopword_files, entity_files;
  std::string fingerprint; ///< the analyzer's, for `stats` and a quick check

  /// True when both analyze alike (everything but the format and schema versions).
  bool same_analysis(const Manifest& other) const;
};

/// The manifest of a collection built with `options` now: reads the files. Throws Error(usage)
/// for an unreadable file or an unknown language.
Manifest manifest_for(const AnalyzerOptions& options);

std::string to_json(const Manifest& m);
/// Throws Error(database_corrupt) naming `path` for text that is no manifest, and
/// Error(database_mismatch) for a format newer than this newsdex reads.
Manifest manifest_from_json(const std::string& text, const std::string& path);

/// The manifest every local shard of the collection at `path` records; std::nullopt for a
/// collection built before manifests (or an empty one nothing recorded in). Throws
/// Error(database_corrupt) when shards disagree on the analysis (a shard left at an older
/// schema version by a writer killed between two shards' commits is not a disagreement).
std::optional<Manifest> read_manifest(const std::string& path);

/// Records `m` in a shard (before its next commit); false when it already held it.
bool record_manifest(Xapian::WritableDatabase& db, const Manifest& m);

/// Analyzer options that reproduce `m`, its files written back under PATH.d/analysis/ (or a
/// temporary directory when the collection's is not writable).
AnalyzerOptions options_from(const Manifest& m, const std::string& path);

/// The first analyzer option in which `given` differs from `recorded`, as the CLI spells it
/// ("--language de (the collection records en)"); empty when they analyze alike.
std::string differing_option(const Manifest& recorded, const Manifest& given);

/// What a reader or writer of the collection at `path` analyzes with: `given` when present (after
/// checking it against the manifest: Error(usage) naming the option that differs), else the
/// recorded options, else (a collection without a manifest, or none yet) the defaults.
AnalyzerOptions resolve_analyzer_options(const std::string& path,
                                         const std::optional<AnalyzerOptions>& given);

} // namespace newsdex::detail
