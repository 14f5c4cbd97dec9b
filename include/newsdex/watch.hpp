/// \file
/// Keeping a collection in step with folders: index files as they appear or change.
#pragma once

#include <newsdex/export.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/reader.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace newsdex {

/// Something watch() did or met, reported through WatchOptions::on_event as it happens.
struct WatchEvent {
  /// What happened.
  enum class Kind {
    ready,     ///< the start-up scan is committed; from now on changes are followed
    indexed,   ///< a file was read and at least one of its articles added or replaced
    unchanged, ///< a file was read again but every article in it was already stored as it is
    removed,   ///< a file went (or lost articles): `articles` of its articles were removed
    problem,   ///< an input problem, as Indexer::index reports it (`problem`)
    notice,    ///< something about the watching itself (`message`): a folder that cannot be
               ///< watched, a lost event queue, a folder that went away
  };
  Kind kind = Kind::notice; ///< what happened
  /// The file (as found under its watched folder) for indexed, unchanged and removed; the
  /// folder, when one is concerned, for notice.
  std::string file;
  /// indexed: articles added or replaced; unchanged: articles read; removed: articles removed;
  /// ready: files the collection is known to hold, from the watched folders.
  std::uint64_t articles = 0;
  InputProblem problem; ///< for problem: severity, file (line, column) and message
  std::string message;  ///< for notice: what happened, in a sentence
};

/// What a watch did, returned when it stops.
struct WatchSummary {
  std::uint64_t files_indexed = 0;    ///< files read whose articles were added or replaced
  std::uint64_t articles_indexed = 0; ///< articles added or replaced
  std::uint64_t articles_removed = 0; ///< articles removed because their file went
  std::uint64_t problems = 0;         ///< input problems reported (warnings included)
  std::uint64_t commits = 0;          ///< batches committed
  std::uint64_t rescans = 0;          ///< full rescans of the watched folders, the first included
};

/// How watch() follows its folders. The defaults suit a local disk.
struct WatchOptions {
  /// How the collection is opened and its articles read and analyzed (the analyzer, id prefix,
  /// file size limit, JSON field mapping, include and exclude globs). `stop` and `progress` are
  /// ignored here: watch() has its own.
  IndexOptions index;
  /// When a file goes (deleted or moved out of the watched folders), remove its articles; when a
  /// changed file no longer holds an article it held, remove that article. False (the default):
  /// watch() never removes an article.
  bool delete_missing = false;
  /// Seconds between two full rescans of the folders, which catch what inotify did not report (a
  /// lost event queue, a folder over the inotify watch limit, a network file system). 0: only
  /// the start-up scan, and a rescan after a lost event queue. Default 30.
  unsigned rescan_seconds = 30;
  /// Milliseconds without a new event before the changes seen are read and committed (a burst of
  /// files becomes one commit). Default 200. A steady stream of events still commits at least
  /// once a second.
  unsigned debounce_ms = 200;
  /// When set and true, watch() stops: what it has read is written and committed, then it
  /// returns. Safe to set from a signal handler; looked at about every 100 ms.
  const std::atomic<bool>* stop = nullptr;
  /// Called (from the calling thread) for every event. An exception it throws stops the watch:
  /// what was written is committed, and watch() rethrows that exception unchanged.
  std::function<void(const WatchEvent&)> on_event;
  /// Where watch() remembers, for every file it read, its size, modification time and article
  /// ids, so a restart reads only what changed and a deleted file's articles can be found.
  /// Empty (the default): `COLLECTION.d/watch-state`.
  std::string state_file;
};

/// Indexes the files of `folders` (recursively; hidden files and folders skipped, as
/// Indexer::index skips them), then follows them with Linux inotify until `options.stop` is set:
/// files closed after writing or moved in are read, new subfolders are watched and read, and
/// (with `delete_missing`) deleted or moved-out files lose their articles. A file that another
/// process holds open for writing is not read until it is closed (Linux file leases tell; where
/// they cannot, on files of other users or some network file systems, only the rescan's files
/// are guarded, by skipping files modified in the last two seconds). Article ids are derived as
/// Indexer::index derives them with the folder as its input (a file's path relative to its folder,
/// unless it names its own id or URL). Changes are committed in small batches, so a new file is
/// searchable about `debounce_ms` after it is closed.
///
/// The watch holds the collection's one Indexer, and so its write lock, for its whole run: any
/// other writer gets Error(database_locked) meanwhile; readers are unaffected.
///
/// Throws Error(usage) naming a folder that does not exist or is not a folder (before opening the
/// collection), Error(database_locked) when another writer holds the collection, and what
/// Indexer's constructor and commit throw. Problems with single files never stop it: they are
/// reported as events.
NEWSDEX_EXPORT WatchSummary watch(const std::string& collection,
                                  const std::vector<std::string>& folders,
                                  const WatchOptions& options);

} // namespace newsdex
