// A reader's hold on one committed revision of a local shard, for reads too long to restart.
//
// Xapian's glass backend reuses the blocks of revision N once its writer has committed N+1 and
// goes on writing: a reader still at N then reads blocks of a newer revision. Xapian notices most
// such reads (DatabaseModifiedError). A backup beside a writer once threw std::length_error
// ("basic_string::append") from inside Database::compact instead, which we take to be a block
// read while it was rewritten. And a retry loop restarts the read, but a writer committing every
// hundred documents overtook a copy twenty times in a row on a loaded machine. So the reads that
// must finish (backup, check) pin the shard, and a newsdex writer waits after a commit until no pin
// is held: the pinned revision, or the one the writer was writing when the pin was taken, is never
// overwritten while it is read.
//
// The pin is flock(2) on a file in the shard's directory: shared for readers, taken and dropped
// at once by the writer. It is advisory: a writer that is not newsdex does not wait, and the
// readers' retries remain for it.
#pragma once

#include <string>

namespace newsdex::detail {

/// Held by a reader from before it opens the shard until its read is over.
class ReadPin {
public:
  /// Pins the shard at `shard` (a directory). Where the pin file cannot be made (a read-only
  /// shard, which no writer can change either), nothing is pinned.
  explicit ReadPin(const std::string& shard);
  ~ReadPin();
  ReadPin(const ReadPin&) = delete;
  ReadPin& operator=(const ReadPin&) = delete;

  /// Whether the pin is held.
  bool held() const { return fd_ >= 0; }

private:
  int fd_ = -1;
};

/// Called by a writer of the shard at `shard` after each commit, before it changes anything
/// more: returns once no reader holds a pin on it (at once when none does).
void wait_for_read_pins(const std::string& shard);

/// The pin file's name inside a shard's directory.
inline constexpr const char* read_pin_file = "newsdex.pin";

} // namespace newsdex::detail
