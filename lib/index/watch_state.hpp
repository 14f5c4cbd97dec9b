// What `newsdex watch` remembers between runs (COLLECTION.d/watch-state): for every file it read,
// the size, modification time and inode it had, and the ids of the articles it produced. A
// restart then reads only files that changed, and a deleted file's articles can be found without
// guessing how their ids were made (a JSON Lines file yields many, with ids of their own).
//
// The file is a log: a header line, then one line per change (a file recorded, or forgotten),
// appended and fsynced after each commit of the collection, so it never claims more than the
// collection holds. A later line overrides an earlier one; a torn last line (a crash while
// appending) is ignored; the log is rewritten compactly when it has grown to several times what
// it describes. Fields are separated by tabs, with backslash, tab, CR and LF escaped.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace newsdex::detail {

/// A file as the watcher last read it.
struct WatchedFile {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::vector<std::string> ids; ///< the articles it produced, in file order
  bool operator==(const WatchedFile&) const = default;
};

/// Backslash, tab, CR and LF as \\ \t \r \n, so a field holds any bytes on one line.
std::string escape_state_field(const std::string& s);
/// The inverse of escape_state_field; an unknown escape keeps its character.
std::string unescape_state_field(const std::string& s);

class WatchState {
public:
  /// Reads `file` when it exists (a missing file is an empty state). A file that is not a watch
  /// state at all, or a malformed line, is skipped with a warning through the log: the cost is
  /// only that those files are read again.
  explicit WatchState(std::string file);

  /// Files by absolute path, sorted, so everything under a folder is one range.
  const std::map<std::string, WatchedFile>& files() const { return files_; }
  const WatchedFile* find(const std::string& path) const;

  /// Records `path` (written to the file at the next flush()).
  void record(const std::string& path, WatchedFile file);
  /// Forgets `path` (likewise).
  void forget(const std::string& path);

  /// Appends what changed since the last flush and fsyncs; rewrites the file compactly when the
  /// log is much longer than the state. Throws Error(io) when it cannot write.
  void flush();

private:
  void rewrite();
  std::string file_;
  std::map<std::string, WatchedFile> files_;
  std::vector<std::string> changed_; ///< paths recorded or forgotten since the last flush
  std::uint64_t log_lines_ = 0;      ///< lines in the file after its header
};

} // namespace newsdex::detail
