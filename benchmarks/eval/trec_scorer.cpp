#include "eval/trec_scorer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace newsdex::eval {
namespace {

// Splits on ASCII whitespace, as trec_eval's isspace() loops do.
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& message) {
  throw std::runtime_error(name + ":" + std::to_string(line) + ": " + message);
}

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return in;
}

// Lines at the same cutoffs trec_eval uses for the five measures.
constexpr std::size_t ndcg_cutoff = 10;
constexpr std::size_t precision_cutoff = 10;
constexpr std::size_t recall_cutoff_small = 100;
constexpr std::size_t recall_cutoff_large = 1000;

} // namespace

Qrels parse_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const auto fields = split_fields(line);
    if (fields.empty()) continue;
    if (fields.size() != 4) fail(name, line_number, "expected 'qid iter docid rel'");
    long rel = 0;
    const std::string_view rel_text = fields[3];
    const auto [end, ec] = std::from_chars(rel_text.data(), rel_text.data() + rel_text.size(), rel);
    if (ec != std::errc{} || end != rel_text.data() + rel_text.size()) {
      fail(name, line_number, "relevance '" + std::string(rel_text) + "' is not an integer");
    }
    auto& judgments = qrels[std::string(fields[0])];
    if (!judgments.emplace(std::string(fields[2]), rel).second) {
      fail(name, line_number,
           "document '" + std::string(fields[2]) + "' judged twice for query '" +
               std::string(fields[0]) + "'");
    }
  }
  if (in.bad()) throw std::runtime_error(name + ": read error");
  return qrels;
}

Qrels read_qrels(const std::string& path) {
  auto in = open_input(path);
  return parse_qrels(in, path);
}

Run parse_run(std::istream& in, const std::string& name) {
  Run run;
  // Per query, the docids seen so far, to refuse duplicates as trec_eval does.
  std::map<std::string, std::map<std::string, std::size_t>> seen;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const auto fields = split_fields(line);
    if (fields.empty() || fields[0].front() == '#') continue;
    if (fields.size() < 6) fail(name, line_number, "expected 'qid Q0 docid rank score tag'");
    const std::string score_text(fields[4]);
    char* end = nullptr;
    const double score = std::strtod(score_text.c_str(), &end);
    if (end != score_text.c_str() + score_text.size() || std::isnan(score)) {
      fail(name, line_number, "score '" + score_text + "' is not a number");
    }
    std::string qid(fields[0]);
    std::string docid(fields[2]);
    const auto [it, inserted] = seen[qid].emplace(docid, line_number);
    if (!inserted) {
      fail(name, line_number,
           "document '" + docid + "' retrieved twice for query '" + qid + "' (first on line " +
               std::to_string(it->second) + ")");
    }
    run[qid].push_back(RunEntry{std::move(docid), score});
  }
  if (in.bad()) throw std::runtime_error(name + ": read error");
  return run;
}

Run read_run(const std::string& path) {
  auto in = open_input(path);
  return parse_run(in, path);
}

void write_run_line(std::ostream& out, const std::string& qid, const std::string& docid,
                    std::size_t rank, double score, const std::string& tag) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), score);
  out << qid << " Q0 " << docid << ' ' << rank << ' '
      << std::string_view(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()))
      << ' ' << tag << '\n';
}

void sort_run_entries(std::vector<RunEntry>& entries) {
  // trec_eval's comp_sim_docno: higher score first; equal scores by strcmp(docid) descending.
  // std::string's operator< compares bytes as unsigned char, as strcmp does.
  std::sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.docid > b.docid;
  });
}

QueryScores score_query(const std::string& qid, std::vector<RunEntry> entries,
                        const std::map<std::string, long>& judgments, std::size_t depth) {
  QueryScores scores;
  scores.qid = qid;
  scores.in_run = true;

  sort_run_entries(entries);
  if (entries.size() > depth) entries.resize(depth);
  scores.retrieved = entries.size();
  {
    std::vector<std::string_view> docids;
    docids.reserve(entries.size());
    for (const auto& entry : entries) docids.push_back(entry.docid);
    std::sort(docids.begin(), docids.end());
    const auto duplicate = std::adjacent_find(docids.begin(), docids.end());
    if (duplicate != docids.end()) {
      throw std::invalid_argument("query '" + qid + "': document '" + std::string(*duplicate) +
                                  "' retrieved twice");
    }
  }

  std::vector<long> ideal_gains;
  for (const auto& [docid, rel] : judgments) {
    if (rel > 0) ideal_gains.push_back(rel);
  }
  scores.relevant = ideal_gains.size();
  if (scores.relevant == 0) return scores;

  double precision_sum = 0; // sum of precision at the rank of each relevant retrieved document
  double dcg = 0;
  std::size_t relevant_at_precision_cutoff = 0;
  std::size_t relevant_at_small_recall_cutoff = 0;
  std::size_t relevant_at_large_recall_cutoff = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto found = judgments.find(entries[i].docid);
    const long rel = found == judgments.end() ? 0 : found->second;
    if (rel <= 0) continue;
    ++scores.relevant_retrieved;
    precision_sum += static_cast<double>(scores.relevant_retrieved) / static_cast<double>(i + 1);
    // Rank i + 1, so the discount is log2(rank + 1) = log2(i + 2).
    if (i < ndcg_cutoff) dcg += static_cast<double>(rel) / std::log2(static_cast<double>(i + 2));
    if (i < precision_cutoff) ++relevant_at_precision_cutoff;
    if (i < recall_cutoff_small) ++relevant_at_small_recall_cutoff;
    if (i < recall_cutoff_large) ++relevant_at_large_recall_cutoff;
  }

  std::sort(ideal_gains.begin(), ideal_gains.end(), std::greater<>());
  double ideal_dcg = 0;
  for (std::size_t i = 0; i < ideal_gains.size() && i < ndcg_cutoff; ++i) {
    ideal_dcg += static_cast<double>(ideal_gains[i]) / std::log2(static_cast<double>(i + 2));
  }

  const auto relevant = static_cast<double>(scores.relevant);
  Measures& m = scores.measures;
  m.map = precision_sum / relevant;
  m.ndcg10 = dcg / ideal_dcg; // ideal_dcg > 0: there is at least one relevant document
  m.p10 = static_cast<double>(relevant_at_precision_cutoff) / static_cast<double>(precision_cutoff);
  m.recall100 = static_cast<double>(relevant_at_small_recall_cutoff) / relevant;
  m.recall1000 = static_cast<double>(relevant_at_large_recall_cutoff) / relevant;
  return scores;
}

Evaluation evaluate(const Qrels& qrels, const Run& run, std::size_t depth) {
  Evaluation evaluation;
  static const std::vector<RunEntry> no_entries;
  for (const auto& [qid, judgments] : qrels) {
    const bool judged = std::any_of(judgments.begin(), judgments.end(),
                                    [](const auto& judgment) { return judgment.second > 0; });
    if (!judged) continue;
    const auto found = run.find(qid);
    QueryScores scores =
        score_query(qid, found == run.end() ? no_entries : found->second, judgments, depth);
    if (found == run.end()) {
      scores.in_run = false;
      ++evaluation.missing;
    }
    evaluation.relevant += scores.relevant;
    evaluation.retrieved += scores.retrieved;
    evaluation.relevant_retrieved += scores.relevant_retrieved;
    evaluation.queries.push_back(std::move(scores));
  }

  if (!evaluation.queries.empty()) {
    Measures& mean = evaluation.mean;
    for (const auto& scores : evaluation.queries) {
      mean.map += scores.measures.map;
      mean.ndcg10 += scores.measures.ndcg10;
      mean.p10 += scores.measures.p10;
      mean.recall100 += scores.measures.recall100;
      mean.recall1000 += scores.measures.recall1000;
    }
    const auto count = static_cast<double>(evaluation.queries.size());
    mean.map /= count;
    mean.ndcg10 /= count;
    mean.p10 /= count;
    mean.recall100 /= count;
    mean.recall1000 /= count;
  }
  return evaluation;
}

} // namespace newsdex::eval
