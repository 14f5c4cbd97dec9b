#include "index/spelling_writer.hpp"

#include "common/string_hash.hpp"
#include "storage/xapian_errors.hpp"

#include <unordered_map>

namespace newsdex::detail {

SpellingWriter::SpellingWriter(std::string path)
    : path_(std::move(path)),
      db_(translate_xapian(path_,
                           [&] {
                             return Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OVERWRITE |
                                                                        Xapian::DB_NO_SYNC);
                           })),
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

void SpellingWriter::loop() {
  Chunk chunk;
  bool ended = false;
  try {
    std::unordered_map<std::string, Xapian::termcount, StringHash, std::equal_to<>> counts;
    std::size_t articles = 0;
    auto flush = [&] {
      translate_xapian(path_, [&] {
        for (const auto& [word, count] : counts) db_.add_spelling(word, count);
      });
      counts.clear();
      articles = 0;
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
        if (++articles == articles_per_flush) flush();
      }
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
