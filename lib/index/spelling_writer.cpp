#include "index/spelling_writer.hpp"

#include "storage/xapian_errors.hpp"

#include <algorithm>

#include <unordered_map>

namespace newsdex::detail {

namespace {

Xapian::WritableDatabase create_part(const std::string& path) {
  return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
}

} // namespace

SpellingWriter::SpellingWriter(std::string path, std::size_t part_words)
    : path_(std::move(path)), part_words_(std::max<std::size_t>(1, part_words)), paths_{path_},
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
  if (!in_part_.contains(word)) {
    if (in_part_.size() >= part_words_) {
      db_.commit();
      db_.close();
      in_part_.clear();
      std::string next = path_;
      next.append(".").append(std::to_string(paths_.size()));
      paths_.push_back(next);
      db_ = create_part(next);
    }
    in_part_.insert(word);
  }
  db_.add_spelling(word, count);
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
      if (counts.size() >= pending_words) flush();
    }
    flush();
    translate_xapian(path_, [&] {
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
