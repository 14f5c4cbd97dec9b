// The public Indexer: each method hands over to Indexer::Impl (indexer_impl.hpp
// says which file does which job).
#include <newsdex/indexer.hpp>

#include "common/log.hpp"
#include "index/document_builder.hpp"
#include "index/indexer_impl.hpp"
#include "storage/collection.hpp"
#include "storage/xapian_errors.hpp"

namespace newsdex {

Indexer::Indexer(const std::string& path, IndexOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}
Indexer::~Indexer() {
  if (!impl_) return;
  try {
    impl_->commit();
  } catch (const std::exception& e) {
    detail::log(LogLevel::error, std::string("final commit failed: ") + e.what());
  }
}
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

IndexSummary Indexer::index(const std::vector<std::string>& inputs) {
  return impl_->run(inputs);
}

IndexSummary Indexer::reindex(std::optional<AnalyzerOptions> analyzer) {
  return impl_->reindex(analyzer);
}

bool Indexer::add(const Article& article) {
  detail::AnalyzerSet analyzers(impl_->analyzer);
  auto built = detail::build_document(article, analyzers);
  return impl_->write_one(built);
}

bool Indexer::remove(std::string_view id) {
  return impl_->remove(id);
}

std::uint64_t Indexer::remove_matching(const std::string& query) {
  return impl_->remove_matching(query);
}

void Indexer::commit() {
  impl_->commit();
}

void Indexer::compact() {
  impl_->compact();
}

std::uint64_t Indexer::disk_size() const {
  if (!impl_->published) {
    std::uint64_t n = 0;
    for (const auto& t : impl_->shards) n += detail::disk_size(t->path);
    return n;
  }
  return detail::collection_disk_size(impl_->path);
}

unsigned Indexer::shards() const {
  return impl_->shard_count();
}

std::uint64_t Indexer::size() const {
  return detail::translate_xapian(impl_->path, [&] {
    std::uint64_t n = 0;
    for (const auto& t : impl_->shards) n += t->db.get_doccount();
    return n;
  });
}

} // namespace newsdex
