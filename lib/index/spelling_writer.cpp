#include "index/spelling_writer.hpp"

#include "storage/xapian_errors.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <unordered_map>

namespace newsdex::detail {

namespace {

Xapian::WritableDatabase create_part(const std::string& path) {
  return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
}

} // namespace

SpellingWriter::SpellingWriter(std::string path) : SpellingWriter(std::move(path), Limits{}) {}

SpellingWriter::SpellingWriter(std::string path, Limits limits)
    : path_(std::move(path)), limits_(limits), paths_{path_},
      db_(translate_xapian(path_, [&] { return create_part(path_); })),
      thread_([this] { loop(); }) {}

SpellingWriter::~SpellingWriter() {
  if (!thread_.joinable()) return;
  try {
    finish();
  } catch (...) { // destroyed on an error path: the build is abandoned anyway
  }
}

void SpellingWriter::add(std::vector<std::string> words) {
  if (words.empty()) return;
  filling_.push_back(std::move(words));
  if (filling_.size() == articles_per_chunk) {
    queue_.push(std::move(filling_));
    filling_ = {};
  }
}

void SpellingWriter::close_input() {
  if (closed_) return;
  closed_ = true;
  if (!filling_.empty()) queue_.push(std::move(filling_));
  filling_ = {};
  queue_.push(Chunk{}); // the end
}

void SpellingWriter::finish() {
  close_input();
  thread_.join();
  if (error_) std::rethrow_exception(error_);
}

void SpellingWriter::add_to_part(const std::string& word, Xapian::termcount count) {
  const std::uint64_t key = StringHash{}(word);
  auto it = filed_.find(key);
  if (it != filed_.end()) {
    if (it->second.part + 1u == paths_.size())
      db_.add_spelling(word, count); // filed in the open part: Xapian only counts it
    else
      it->second.later += count; // added to its closed part at the end
    return;
  }
  const bool first = paths_.size() == 1;
  if (open_part_words_ >= (first ? limits_.first_part_words : limits_.part_words))
    begin_next_part();
  if (filed_.size() - open_part_words_ >= limits_.remembered_words) settle_closed_parts();
  filed_.emplace(key, Filed{static_cast<std::uint32_t>(paths_.size() - 1)});
  ++open_part_words_;
  db_.add_spelling(word, count);
}

void SpellingWriter::begin_next_part() {
  db_.commit();
  db_.close();
  std::string next = path_;
  next.append(".").append(std::to_string(paths_.size()));
  paths_.push_back(next);
  db_ = create_part(next);
  open_part_words_ = 0;
}

void SpellingWriter::settle_closed_parts() {
  const std::size_t open = paths_.size() - 1;
  std::vector<bool> has_later(open, false);
  for (const auto& [key, f] : filed_)
    if (f.part < open && f.later > 0) has_later[f.part] = true;
  std::vector<std::pair<std::string, Xapian::termcount>> later;
  for (std::size_t p = 0; p < open; ++p) {
    if (!has_later[p]) continue;
    Xapian::WritableDatabase part(paths_[p], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    // The words are remembered by hash, so the part itself names them; read before any change.
    later.clear();
    for (auto w = part.spellings_begin(); w != part.spellings_end(); ++w) {
      auto it = filed_.find(StringHash{}(*w));
      if (it != filed_.end() && it->second.part == p && it->second.later > 0)
        later.emplace_back(*w, it->second.later);
    }
    // The words are in this part already, so Xapian changes their counts and no fragment.
    for (const auto& [word, count] : later) part.add_spelling(word, count);
    part.commit();
    part.close();
  }
  std::erase_if(filed_, [&](const auto& entry) { return entry.second.part < open; });
}

void SpellingWriter::loop() {
  Chunk chunk;
  bool ended = false;
  try {
    std::unordered_map<std::string, Xapian::termcount, StringHash, std::equal_to<>> counts;
    auto flush = [&] {
      translate_xapian(path_, [&] {
        for (const auto& [word, count] : counts) add_to_part(word, count);
      });
      counts.clear();
    };
    for (;;) {
      queue_.pop(chunk);
      if (chunk.empty()) {
        ended = true;
        break;
      }
      for (auto& words : chunk) {
        for (auto& w : words) {
          auto it = counts.find(w);
          if (it == counts.end())
            counts.emplace(std::move(w), 1);
          else
            ++it->second;
        }
      }
      if (counts.size() >= limits_.pending_words) flush();
    }
    flush();
    translate_xapian(path_, [&] {
      settle_closed_parts();
      db_.commit();
      db_.close();
    });
  } catch (...) {
    error_ = std::current_exception();
    while (!ended) { // drop the rest, so the producer never blocks
      queue_.pop(chunk);
      ended = chunk.empty();
    }
  }
}

} // namespace newsdex::detail
