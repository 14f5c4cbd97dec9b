// newsdex::watch: the policy of a watched inbox. inotify (inotify_events.hpp) says which paths may
// have changed; this file decides what that means for the collection. Every path, whether an
// event named it or a rescan met it, goes through one reconcile(): a file is read when it is new
// or changed (and nobody is still writing it), a folder is watched and walked, a path that is gone
// takes its files' articles with it (with delete_missing). The watch state (watch_state.hpp)
// remembers what each file produced, so a restart reads only what changed.
#include <newsdex/watch.hpp>

#include "common/log.hpp"
#include "index/inotify_events.hpp"
#include "index/watch_queue.hpp"
#include "index/watch_state.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

namespace newsdex {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// A batch is committed once it holds this many files read, or has been open this long, even
/// in the middle of a long scan: a big folder becomes searchable as it is read.
constexpr std::size_t batch_files = 256;
constexpr auto batch_time = std::chrono::seconds(1);
/// Where no file lease can tell whether a file is still being written, a rescan leaves alone a
/// file modified this recently.
constexpr auto settle_time = std::chrono::seconds(2);

bool under(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

/// A folder given to watch(): as the caller spelled it (for messages) and absolute (for inotify
/// and the state).
struct Root {
  std::string given;
  std::string absolute;
};

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

bool same_file(const detail::WatchedFile& f, const struct stat& st) {
  return f.size == static_cast<std::uint64_t>(st.st_size) && f.mtime_ns == mtime_ns(st) &&
         f.inode == static_cast<std::uint64_t>(st.st_ino);
}

class Watcher {
public:
  Watcher(const std::string& collection, std::vector<Root> roots, const WatchOptions& options)
      : options_(options), roots_(std::move(roots)), indexer_(collection, index_options(options)),
        state_(options.state_file.empty() ? detail::generations_dir(collection) + "/watch-state"
                                          : options.state_file),
        queue_(std::chrono::milliseconds(options.debounce_ms),
               std::max<Clock::duration>(std::chrono::milliseconds(options.debounce_ms),
                                         std::chrono::seconds(1))) {
    // Canonical, as the roots are, so that a collection (or a state file) kept inside a watched
    // folder is recognized there and never read as articles.
    const std::string db = fs::weakly_canonical(fs::absolute(collection)).string();
    own_paths_ = {db, db + ".d"};
    if (!options.state_file.empty()) {
      const std::string state = fs::weakly_canonical(fs::absolute(options.state_file)).string();
      own_paths_.insert(own_paths_.end(), {state, state + ".tmp"});
    }
    for (const auto& [path, file] : state_.files())
      for (const auto& id : file.ids) ++owners_[id];
  }

  WatchSummary run() {
    scan_all();
    commit(true); // a new collection exists (empty) from here on, for its readers
    WatchEvent ready;
    ready.kind = WatchEvent::Kind::ready;
    for (const auto& [path, file] : state_.files())
      if (root_of(path)) ++ready.articles;
    emit(ready);
    auto next_rescan = Clock::now() + std::chrono::seconds(options_.rescan_seconds);
    while (!stopped()) {
      auto wait = std::chrono::milliseconds(100);
      if (!queue_.empty())
        wait = std::clamp(
            std::chrono::duration_cast<std::chrono::milliseconds>(queue_.due() - Clock::now()),
            std::chrono::milliseconds(0), wait);
      std::vector<detail::PathChange> changes;
      bool overflow = false;
      inotify_.wait(static_cast<int>(wait.count()), changes, overflow);
      const auto now = Clock::now();
      for (const auto& c : changes) queue_.add(c, now);
      if (overflow) {
        notice("", "the inotify event queue overflowed and events were lost: rescanning");
        rescan_now_ = true;
      }
      if (!queue_.empty() && now >= queue_.due()) {
        for (const auto& c : queue_.take()) {
          if (stopped()) break;
          reconcile(c.path, c.closed);
        }
        commit(false);
      }
      if (rescan_now_ || (options_.rescan_seconds && now >= next_rescan)) {
        rescan_now_ = false;
        scan_all();
        commit(false);
        next_rescan = Clock::now() + std::chrono::seconds(options_.rescan_seconds);
      }
      for (auto& path : recheck_) queue_.add({std::move(path), false}, Clock::now());
      recheck_.clear();
    }
    commit(false);
    indexer_.close(); // a failed commit is an error, not a line in a log
    return summary_;
  }

private:
  static IndexOptions index_options(const WatchOptions& o) {
    IndexOptions io = o.index;
    io.stop = nullptr;
    io.progress = nullptr;
    return io;
  }

  bool stopped() const { return options_.stop && options_.stop->load(); }

  const Root* root_of(const std::string& path) const {
    const Root* best = nullptr;
    for (const auto& r : roots_)
      if (under(path, r.absolute) && (!best || r.absolute.size() > best->absolute.size()))
        best = &r;
    return best;
  }

  static std::string relative(const Root& root, const std::string& path) {
    return path.size() == root.absolute.size() ? std::string()
                                               : path.substr(root.absolute.size() + 1);
  }

  static std::string display(const Root& root, const std::string& rel) {
    return rel.empty() ? root.given : (fs::path(root.given) / rel).generic_string();
  }

  // What Indexer::index skips when walking a folder: hidden files and folders, excluded ones,
  // files not included; and the collection itself, should it live in a watched folder.
  bool ignored(const Root& root, const std::string& path, bool is_dir) const {
    for (const auto& own : own_paths_)
      if (under(path, own)) return true;
    const std::string rel = relative(root, path);
    if (rel.empty()) return false;
    const auto& read = options_.index.read;
    auto matches = [](const std::vector<std::string>& globs, const std::string& relpath,
                      const std::string& name) {
      for (const auto& g : globs)
        if (fnmatch(g.c_str(), (g.find('/') != std::string::npos ? relpath : name).c_str(), 0) == 0)
          return true;
      return false;
    };
    std::size_t start = 0;
    for (;;) {
      const std::size_t slash = rel.find('/', start);
      const std::string name = rel.substr(start, slash - start);
      const std::string prefix = rel.substr(0, slash);
      const bool last = slash == std::string::npos;
      if (!name.empty() && name[0] == '.') return true;
      if (matches(read.exclude, prefix, name)) return true;
      if (last) return !is_dir && !read.include.empty() && !matches(read.include, prefix, name);
      start = slash + 1;
    }
  }

  // One path an event named or a walk met: a file, a folder, or nothing any more.
  void reconcile(const std::string& path, bool closed) {
    const Root* root = root_of(path);
    if (!root) return;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      gone(*root, path);
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!ignored(*root, path, true)) scan_dir(*root, path);
      return;
    }
    if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) != 0) return;
    if (S_ISREG(st.st_mode) && !ignored(*root, path, false)) consider_file(*root, path, st, closed);
  }

  void scan_all() {
    ++summary_.rescans;
    over_limit_ = 0;
    for (const auto& root : roots_) {
      if (stopped()) return;
      struct stat st {};
      if (::stat(root.absolute.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        root_gone(root);
        continue;
      }
      if (missing_roots_.erase(root.absolute))
        notice(root.given, "the watched folder is back: following it again");
      scan_dir(root, root.absolute);
    }
    // Said when the number changes, not at every rescan.
    if (over_limit_ && over_limit_ != over_limit_said_)
      notice("", std::to_string(over_limit_) +
                     " folders cannot be watched: the inotify watch limit "
                     "(/proc/sys/fs/inotify/max_user_watches) is reached; " +
                     (options_.rescan_seconds
                          ? "they are read by the rescan every " +
                                std::to_string(options_.rescan_seconds) + " s"
                          : std::string("they are read at start only (rescans are off)")));
    over_limit_said_ = over_limit_;
  }

  // Watches `dir` before listing it, so a file that lands meanwhile is reported, not missed.
  void scan_dir(const Root& root, const std::string& dir) {
    if (!inotify_.watching(dir)) {
      std::string error;
      switch (inotify_.add(dir, error)) {
      case detail::InotifyWatches::Added::ok:
        break;
      case detail::InotifyWatches::Added::limit:
        ++over_limit_;
        break;
      case detail::InotifyWatches::Added::failed:
        notice(display(root, relative(root, dir)), "cannot watch the folder: " + error);
        break;
      }
    }
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
      entries.push_back(*it);
    if (ec) {
      // Unreadable (or gone meanwhile): what the state knows of it is left as it is.
      notice(display(root, relative(root, dir)), "cannot read the folder: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end()); // the order Indexer::index reads a folder in
    bool complete = true;
    for (const auto& e : entries) {
      if (stopped()) {
        complete = false;
        break;
      }
      const std::string path = e.path().string();
      const bool symlink = e.is_symlink(ec);
      if (!symlink && e.is_directory(ec)) {
        if (!ignored(root, path, true)) scan_dir(root, path);
        continue;
      }
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && !ignored(root, path, false))
        consider_file(root, path, st, false);
    }
    if (!complete) return; // stopped: not seen is not gone
    // Files the state knows under `dir` that the walk no longer found.
    std::vector<std::string> missing;
    const auto& files = state_.files();
    for (auto it = files.lower_bound(dir + '/'); it != files.end() && under(it->first, dir); ++it) {
      struct stat st {};
      if (::stat(it->first.c_str(), &st) != 0) missing.push_back(it->first);
    }
    for (const auto& path : missing) gone(root, path);
  }

  void consider_file(const Root& root, const std::string& path, const struct stat& st,
                     bool closed) {
    const detail::WatchedFile* known = state_.find(path);
    // A rescan trusts size, time and inode; an event (written and closed, moved in) does not,
    // as a rewrite within one clock tick keeps the time.
    if (known && same_file(*known, st) && !closed) return;
    switch (detail::writers_of(path)) {
    case detail::Writers::some:
      return; // still being written: its close brings it back
    case detail::Writers::unknown:
      if (!closed &&
          std::chrono::nanoseconds(std::chrono::system_clock::now().time_since_epoch().count()) -
                  std::chrono::nanoseconds(mtime_ns(st)) <
              settle_time) {
        recheck_.push_back(path);
        return;
      }
      break;
    case detail::Writers::none:
      break;
    }
    read_file(root, path, st, known);
  }

  void read_file(const Root& root, const std::string& path, const struct stat& st,
                 const detail::WatchedFile* known) {
    if (batch_read_ == 0) batch_started_ = Clock::now();
    ++batch_read_;
    const std::string rel = relative(root, path);
    const std::string shown = display(root, rel);
    detail::WatchedFile now{static_cast<std::uint64_t>(st.st_size),
                            mtime_ns(st),
                            static_cast<std::uint64_t>(st.st_ino),
                            {}};
    bool unreadable = false;
    auto report = [&](InputProblem p) {
      if (p.where.file == path) p.where.file = shown;
      if (p.severity == InputProblem::Severity::failed && p.where.line == 0) unreadable = true;
      problem(std::move(p));
    };
    std::uint64_t added = 0, same = 0;
    InputWalker walker({path}, options_.index.read);
    RawRecord record;
    while (walker.next(record, report)) {
      // A whole-file record takes its id from its path as Indexer::index(folder) names it.
      if (!record.default_id.empty()) record.default_id = rel;
      Article article;
      InputProblem bad;
      std::vector<InputProblem> warnings;
      const bool ok = parse_record(record, article, bad, warnings);
      for (auto& w : warnings) report(std::move(w));
      if (!ok) {
        report(std::move(bad));
        continue;
      }
      try {
        (indexer_.add(article) ? added : same) += 1;
        now.ids.push_back(article.id);
      } catch (const Error& e) {
        if (e.is_database_error()) throw;
        report({InputProblem::Severity::failed, record.where, e.message()});
      }
    }
    // A file that could not be opened at all keeps the articles it had; its new size and time
    // are recorded so that it is not retried (and reported) at every rescan until it changes.
    if (unreadable && now.ids.empty() && known) now.ids = known->ids;
    for (const auto& id : now.ids) ++owners_[id];
    if (known) release(shown, known->ids);
    state_.record(path, std::move(now));
    if (added) {
      ++summary_.files_indexed;
      summary_.articles_indexed += added;
      written_ = true;
      event(WatchEvent::Kind::indexed, shown, added);
    } else if (same) {
      event(WatchEvent::Kind::unchanged, shown, same);
    }
    if (batch_read_ >= batch_files || Clock::now() - batch_started_ >= batch_time) commit(false);
  }

  // `path` is no more: every file the state knows at or under it.
  void gone(const Root& root, const std::string& path) {
    if (path == root.absolute) {
      root_gone(root);
      return;
    }
    inotify_.remove_under(path);
    std::vector<std::string> files;
    const auto& known = state_.files();
    for (auto it = known.lower_bound(path); it != known.end() && under(it->first, path); ++it)
      if (it->first == path || it->first[path.size()] == '/') files.push_back(it->first);
    for (const auto& f : files) {
      release(display(root, relative(root, f)), state_.find(f)->ids);
      state_.forget(f);
    }
  }

  // A watched folder's files are not taken for deleted when the folder itself goes: an unmounted
  // disk is no reason to empty the collection. Rescans look for it again.
  void root_gone(const Root& root) {
    inotify_.remove_under(root.absolute);
    if (missing_roots_.insert(root.absolute).second)
      notice(root.given, "the watched folder is gone; waiting for it to come back");
  }

  // `file` no longer claims `ids`; those no file claims any more go at the next commit (with
  // delete_missing), unless a file read meanwhile claims them again.
  void release(const std::string& file, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
      auto it = owners_.find(id);
      if (it != owners_.end() && --it->second <= 0) orphans_.emplace_back(file, id);
    }
  }

  void commit(bool always) {
    std::map<std::string, std::uint64_t> removed;
    for (const auto& [file, id] : orphans_) {
      auto it = owners_.find(id);
      if (it == owners_.end() || it->second > 0) continue;
      owners_.erase(it);
      if (options_.delete_missing && indexer_.remove(id)) {
        ++removed[file];
        written_ = true;
      }
    }
    orphans_.clear();
    for (const auto& [file, n] : removed) {
      summary_.articles_removed += n;
      event(WatchEvent::Kind::removed, file, n);
    }
    if (written_ || always) {
      indexer_.commit();
      ++summary_.commits;
    }
    // After the collection's commit, never before: the state never claims more than it holds.
    state_.flush();
    written_ = false;
    batch_read_ = 0;
    auto events = std::move(events_);
    events_.clear();
    for (const auto& e : events) emit(e);
  }

  // Events wait for the commit that makes them true ("indexed" means searchable).
  void event(WatchEvent::Kind kind, const std::string& file, std::uint64_t articles) {
    WatchEvent e;
    e.kind = kind;
    e.file = file;
    e.articles = articles;
    events_.push_back(std::move(e));
  }

  // Logged as Indexer::index logs them, and reported as events.
  void problem(InputProblem p) {
    ++summary_.problems;
    std::string where = to_string(p.where);
    detail::log(p.severity == InputProblem::Severity::warning ? LogLevel::warning : LogLevel::error,
                where.empty() ? p.message : where.append(": ").append(p.message));
    WatchEvent e;
    e.kind = WatchEvent::Kind::problem;
    e.problem = std::move(p);
    events_.push_back(std::move(e));
  }

  void notice(const std::string& where, const std::string& message) {
    detail::warn(where.empty() ? message : where + ": " + message);
    WatchEvent e;
    e.kind = WatchEvent::Kind::notice;
    e.file = where;
    e.message = message;
    events_.push_back(std::move(e));
  }

  void emit(const WatchEvent& e) {
    if (!options_.on_event) return;
    try {
      options_.on_event(e);
    } catch (...) {
      throw detail::CallerError{std::current_exception()};
    }
  }

  const WatchOptions& options_;
  std::vector<Root> roots_;
  std::vector<std::string> own_paths_; ///< the collection and PATH.d: never read as articles
  Indexer indexer_;
  detail::WatchState state_;
  detail::InotifyWatches inotify_;
  detail::ChangeQueue queue_;
  std::unordered_map<std::string, int> owners_; ///< id -> files of the state that produced it
  std::vector<std::pair<std::string, std::string>> orphans_; ///< (file, id) no file claims now
  std::vector<std::string> recheck_; ///< files to look at again once they have settled
  std::vector<WatchEvent> events_;   ///< waiting for the next commit
  WatchSummary summary_;
  std::set<std::string> missing_roots_;
  bool written_ = false;
  bool rescan_now_ = false;
  std::size_t over_limit_ = 0;      ///< folders this scan could not watch
  std::size_t over_limit_said_ = 0; ///< ... as last reported
  std::size_t batch_read_ = 0;
  Clock::time_point batch_started_{};
};

std::vector<Root> roots_of(const std::vector<std::string>& folders) {
  if (folders.empty()) throw Error(Error::Code::usage, "watch: no folder to watch");
  std::vector<Root> roots;
  for (const auto& f : folders) {
    std::error_code ec;
    const auto status = fs::status(f, ec);
    if (ec || !fs::exists(status)) throw Error(Error::Code::usage, "no such folder", {f, 0, 0});
    if (!fs::is_directory(status)) throw Error(Error::Code::usage, "not a folder", {f, 0, 0});
    roots.push_back({f, fs::canonical(f).string()});
  }
  return roots;
}

} // namespace

WatchSummary watch(const std::string& collection, const std::vector<std::string>& folders,
                   const WatchOptions& options) {
  return detail::at_boundary(collection, [&] {
    Watcher watcher(collection, roots_of(folders), options);
    return watcher.run();
  });
}

} // namespace newsdex
