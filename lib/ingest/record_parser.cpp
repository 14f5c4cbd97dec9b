// The parallel parse stage: one raw record into one Article, with metadata normalized.
#include <newsdex/reader.hpp>

#include "common/hash.hpp"
#include "ingest/charset.hpp"
#include "ingest/date_parser.hpp"
#include "ingest/html_parser.hpp"
#include "ingest/json_article.hpp"

namespace newsdex {
namespace {

void warn(std::vector<InputProblem>& warnings, const Location& where, std::string message) {
  warnings.push_back({InputProblem::Severity::warning, where, std::move(message)});
}

// Invalid UTF-8 inside a field that was meant to be UTF-8 (JSON strings, a text file that is
// mostly UTF-8): replaced with U+FFFD, never fatal.
void repair(std::string& field, const char* name, const Location& where,
            std::vector<InputProblem>& warnings) {
  std::size_t offset = 0;
  if (std::size_t n = detail::repair_utf8(field, &offset))
    warn(warnings, where,
         "invalid UTF-8 in " + std::string(name) + " at byte " + std::to_string(offset) + " (" +
             std::to_string(n) + " sequence" + (n == 1 ? "" : "s") + " replaced)");
}

std::string primary_subtag(std::string lang) {
  if (auto cut = lang.find_first_of("-_"); cut != std::string::npos) lang.resize(cut);
  for (auto& c : lang)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return lang;
}

// Decodes bytes of unknown encoding: UTF-8 as is, anything else detected and converted.
bool decode(std::string& bytes, std::string_view declared, const Location& where,
            std::vector<InputProblem>& warnings) {
  detail::Transcoded t = detail::to_utf8(bytes, declared);
  if (t.converted) {
    if (declared.empty()) warn(warnings, where, "not UTF-8: read as " + t.charset + " (detected)");
    bytes = std::move(t.utf8);
  } else if (t.utf8.size() != bytes.size()) {
    bytes = std::move(t.utf8); // a byte-order mark was removed
  }
  return true;
}

} // namespace

bool parse_record(const RawRecord& record, Article& a, InputProblem& problem,
                  std::vector<InputProblem>& warnings) {
  static const ReadOptions default_options;
  const ReadOptions& options = record.options ? *record.options : default_options;
  a = Article{};
  switch (record.format) {
  case InputFormat::jsonl:
  case InputFormat::json: {
    std::string error;
    std::size_t column = 0;
    if (!detail::parse_json_article(record.bytes, options.json_fields, a, error, column)) {
      problem = {InputProblem::Severity::failed,
                 {record.where.file, record.where.line, column},
                 "malformed JSON: " + error};
      return false;
    }
    for (auto* f : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.author})
      repair(*f,
             f == &a.body    ? "body"
             : f == &a.title ? "title"
                             : "a field",
             record.where, warnings);
    break;
  }
  case InputFormat::html: {
    std::string bytes = record.bytes;
    decode(bytes, detail::html_declared_charset(bytes), record.where, warnings);
    repair(bytes, "page", record.where, warnings);
    std::vector<std::string> notes;
    if (!detail::parse_html(bytes, a, notes)) {
      problem = {InputProblem::Severity::skipped, record.where,
                 notes.empty() ? std::string("no article text in the page") : notes.front()};
      return false;
    }
    for (auto& n : notes) warn(warnings, record.where, std::move(n));
    break;
  }
  case InputFormat::text:
  case InputFormat::automatic: {
    std::string bytes = record.bytes;
    decode(bytes, {}, record.where, warnings);
    repair(bytes, "text", record.where, warnings);
    a = parse_text_article(bytes);
    break;
  }
  }

  if (a.title.empty() && a.body.empty()) {
    problem = {InputProblem::Severity::skipped, record.where, "no title and no text"};
    return false;
  }

  // Ids: an explicit id wins, then the URL, then the path, then a hash of the content.
  if (a.id.empty()) a.id = a.url;
  if (a.id.empty()) a.id = record.default_id;
  if (a.id.empty())
    a.id = "sha:" + detail::hex64(detail::fnv1a64(a.body, detail::fnv1a64(a.title)));
  a.id = options.id_prefix + a.id;

  if (!a.date.empty()) {
    if (auto d = detail::parse_date(a.date)) {
      a.date = d->iso;
    } else {
      warn(warnings, record.where, "unparseable date '" + a.date + "' ignored");
      a.date.clear();
    }
  }
  a.language = primary_subtag(std::move(a.language));
  return true;
}

void read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
                   const std::function<void(Article&&)>& on_article,
                   const std::function<void(const InputProblem&)>& on_problem) {
  InputWalker walker(inputs, options);
  RawRecord record;
  Article article;
  InputProblem problem;
  std::vector<InputProblem> warnings;
  auto report = [&](InputProblem p) { on_problem(p); };
  while (walker.next(record, report)) {
    warnings.clear();
    bool ok = parse_record(record, article, problem, warnings);
    for (const auto& w : warnings) on_problem(w);
    if (ok)
      on_article(std::move(article));
    else
      on_problem(problem);
  }
}

} // namespace newsdex
