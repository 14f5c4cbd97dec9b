// The public Indexer: each method hands over to Indexer::Impl (indexer_impl.hpp says which file
// does which job), through at_boundary, so that only newsdex::Error leaves it.
#include <newsdex/indexer.hpp>

#include "common/log.hpp"
#include "index/document_builder.hpp"
#include "index/indexer_impl.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"

#include <type_traits>

namespace newsdex {

namespace {

// Every public method but the constructor and destructor: only newsdex::Error leaves it, and
// whether it threw is remembered for the destructor.
template <class Impl, class F> auto reported(Impl& impl, F&& f) -> decltype(f()) {
  try {
    auto done = [&] { impl.failure_reported = false; };
    if constexpr (std::is_void_v<decltype(f())>) {
      detail::at_boundary(impl.path, f);
      done();
    } else {
      auto result = detail::at_boundary(impl.path, f);
      done();
      return result;
    }
  } catch (...) {
    impl.failure_reported = true;
    throw;
  }
}

// The Impl behind a public call. A moved-from Indexer has none: using it is the caller's mistake,
// reported as one rather than a null dereference.
template <class Impl> Impl& live(const std::unique_ptr<Impl>& impl) {
  if (!impl) throw Error(Error::Code::usage, "this Indexer was moved from: it has no collection");
  return *impl;
}

// A last resort, as Xapian's own WritableDatabase destructor commits: indexer.hpp says why, and
// that commit() and close() are the calls that report a failure.
template <class Impl> void commit_before_discarding(Impl& impl) {
  if (impl.closed) return;
  try {
    detail::at_boundary(impl.path, [&] { impl.commit(); });
  } catch (const std::exception& e) {
    if (impl.failure_reported) return;
    detail::log(LogLevel::error,
                std::string("Indexer destroyed: its final commit failed, the uncommitted "
                            "changes are lost: ") +
                    e.what());
  }
}

} // namespace

Indexer::Indexer(const std::string& path, IndexOptions options)
    : impl_(detail::at_boundary(path,
                                [&] { return std::make_unique<Impl>(path, std::move(options)); })) {
}

Indexer::~Indexer() {
  if (impl_) commit_before_discarding(*impl_);
}
Indexer::Indexer(Indexer&&) noexcept = default;

// The collection assigned over is finished as the destructor would finish it (its changes
// committed, its write lock released) before this Indexer takes the other's.
Indexer& Indexer::operator=(Indexer&& other) noexcept {
  if (this != &other) {
    if (impl_) commit_before_discarding(*impl_);
    impl_ = std::move(other.impl_);
  }
  return *this;
}

IndexSummary Indexer::index(const std::vector<std::string>& inputs) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    return impl_->run(inputs);
  });
}

IndexSummary Indexer::reindex(std::optional<AnalyzerOptions> analyzer) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    return impl_->reindex(analyzer);
  });
}

bool Indexer::add(const Article& article) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    if (!impl_->add_analyzers) impl_->add_analyzers.emplace(impl_->analyzer, impl_->entities);
    auto built = detail::build_document(article, *impl_->add_analyzers);
    return impl_->write_one(built);
  });
}

bool Indexer::remove(std::string_view id) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    return impl_->remove(id);
  });
}

bool Indexer::contains(std::string_view id) const {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    return impl_->contains(id);
  });
}

std::uint64_t Indexer::remove_matching(const std::string& query) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    return impl_->remove_matching(query);
  });
}

std::vector<std::string> Indexer::ids_matching(const std::string& query) {
  return reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    return impl_->ids_matching(query);
  });
}

void Indexer::commit() {
  reported(live(impl_), [&] {
    impl_->check_open();
    impl_->commit();
  });
}

void Indexer::close() {
  if (!impl_ || impl_->closed) return; // a moved-from Indexer has nothing left to close
  reported(live(impl_), [&] { impl_->close(); });
}

void Indexer::compact() {
  reported(live(impl_), [&] {
    impl_->check_open();
    impl_->refuse_if_stale();
    impl_->compact();
  });
}

std::uint64_t Indexer::disk_size() const {
  return reported(live(impl_), [&] {
    impl_->check_open();
    if (!impl_->published) {
      std::uint64_t n = 0;
      for (const auto& t : impl_->shards) n += detail::disk_size(t->path);
      return n;
    }
    return detail::collection_disk_size(impl_->path);
  });
}

unsigned Indexer::shards() const {
  return reported(live(impl_), [&] {
    impl_->check_open();
    return impl_->shard_count();
  });
}

std::uint64_t Indexer::size() const {
  return reported(live(impl_), [&] {
    impl_->check_open();
    std::uint64_t n = 0;
    for (const auto& t : impl_->shards) n += t->db.get_doccount();
    return n;
  });
}

} // namespace newsdex
