#include "index/writer.hpp"

#include <newsdex/schema.hpp>

#include "common/hash.hpp"
#include "storage/database_meta.hpp"
#include "storage/read_pin.hpp"
#include "storage/xapian_errors.hpp"

namespace newsdex::detail {

bool Target::write(BuiltDocument& built) {
  if (parts) {
    if (!parts->write(built)) return false;
  } else if (fresh && seen.insert(fnv1a64(built.id_term)).second) {
    db.add_document(built.document); // a new id in a new database: no lookup needed
  } else {
    Xapian::PostingIterator p = db.postlist_begin(built.id_term);
    if (p != db.postlist_end(built.id_term) &&
        db.get_document(*p).get_value(schema::hash_slot) == built.content_hash)
      return false;
    db.replace_document(built.id_term, built.document);
  }
  for (auto& w : built.spelling) ++spelling[std::move(w)];
  ++uncommitted_docs;
  uncommitted_bytes += built.memory;
  dirty = true;
  return true;
}

void Target::commit() {
  translate_xapian(path, [&] {
    for (const auto& [word, count] : spelling) db.add_spelling(word, count);
    if (local_spelling)
      for (const auto& [word, count] : spelling) local_spelling->add_spelling(word, count);
    record_commit_time(db);
    db.commit();
    // A fresh build's parts are its own: no reader pins them.
    if (!parts) wait_for_read_pins(path);
    // After the shard's commit: a copy that runs ahead of its shard would suggest words the shard
    // does not hold yet.
    if (local_spelling) local_spelling->commit();
    spelling.clear();
    if (parts) parts->committed();
  });
  uncommitted_docs = 0;
  uncommitted_bytes = 0;
  dirty = false;
}

WriterThread::WriterThread(Target& target, const IndexOptions& options, std::size_t batch_docs,
                           std::atomic<std::uint64_t>& indexed,
                           std::atomic<std::uint64_t>& unchanged, std::atomic<bool>& failed)
    : target_(target), options_(options), batch_docs_(batch_docs), indexed_(indexed),
      unchanged_(unchanged), failed_(failed), queue_(capacity), thread_([this] { loop(); }) {}

WriterThread::~WriterThread() {
  if (!thread_.joinable()) return;
  try {
    finish();
  } catch (...) { // only on an error path, where the first error is the one reported
  }
}

void WriterThread::finish() {
  queue_.push(nullptr); // the end
  thread_.join();
  if (error_) std::rethrow_exception(error_);
}

std::size_t WriterThread::batch_now() const {
  if (target_.parts && target_.later_parts_batch > 0 && !target_.parts->in_first_part())
    return target_.later_parts_batch;
  return batch_docs_;
}

void WriterThread::loop() {
  std::unique_ptr<PipelineItem> item;
  bool ended = false;
  try {
    for (;;) {
      queue_.pop(item);
      if (!item) {
        ended = true;
        break;
      }
      bool written = translate_xapian(target_.path, [&] { return target_.write(item->built); });
      ++(written ? indexed_ : unchanged_);
      item.reset();
      if (target_.uncommitted_docs >= batch_now() ||
          target_.uncommitted_bytes >= (static_cast<std::uint64_t>(options_.batch_megabytes) << 20))
        target_.commit();
    }
    target_.commit();
  } catch (...) {
    error_ = std::current_exception(); // read by finish() after the join
    failed_ = true;                    // the read stage stops
    while (!ended) {                   // drop the rest, so the router never blocks
      queue_.pop(item);
      ended = !item;
    }
  }
}

} // namespace newsdex::detail
