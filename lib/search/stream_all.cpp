#include "search/stream_all.hpp"

#include "query/matcher.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

namespace newsdex::detail {
namespace {

// Every docid from `first` on (the ones that do not exist are never matched by the query the
// source is ANDed with). skip_to is a jump, so the AND starts at `first` at no cost.
class DocidsFrom : public Xapian::PostingSource {
public:
  explicit DocidsFrom(Xapian::docid first) : first_(first) {}

  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    current_ = 0;
    max_ = last_ >= first_ ? last_ - first_ + 1 : 0;
    est_ = std::min(max_, db.get_doccount());
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return est_; }
  Xapian::doccount get_termfreq_max() const override { return max_; }
  void next(double) override { current_ = current_ == 0 ? first_ : current_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    if (current_ == 0) current_ = first_;
    if (did > current_) current_ = did;
  }
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new DocidsFrom(first_); }
  std::string get_description() const override {
    return "DocidsFrom(" + std::to_string(first_) + ")";
  }

private:
  Xapian::docid first_;
  Xapian::docid current_ = 0;
  Xapian::docid last_ = 0;
  Xapian::doccount est_ = 0, max_ = 0;
};

} // namespace

bool each_match(Xapian::Database& db, const Xapian::Query& query,
                const std::function<bool(const Xapian::MSetIterator&)>& visit) {
  const auto page = static_cast<Xapian::doccount>(std::max<std::size_t>(stream_page_size, 1));
  Xapian::docid last = 0; // the last docid delivered
  int modified = 0;       // DatabaseModifiedErrors in a row (a writer committing fast)
  for (;;) {
    Xapian::MSet mset;
    try {
      DocidsFrom from(last + 1);
      Xapian::Enquire enquire(db);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, unweighted(query), Xapian::Query(&from)));
      mset = enquire.get_mset(0, page);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (!visit(it)) return false;
        last = *it;
      }
      modified = 0;
    } catch (const Xapian::DatabaseModifiedError&) {
      // The page is asked again from the last docid delivered, over the latest commit.
      if (++modified >= 20) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(modified - 1));
      db.reopen();
      continue;
    }
    if (mset.size() < page) return true;
  }
}

} // namespace newsdex::detail
