// The parallel parse stage: one raw record into one Article, with metadata normalized.
#include <newsdex/reader.hpp>

#include "common/hash.hpp"
#include "ingest/charset.hpp"
#include "ingest/date_parser.hpp"
#include "ingest/html_parser.hpp"
#include "ingest/json_article.hpp"

#include <algorithm>

namespace newsdex {
namespace {

void warn(std::vector<InputProblem>& warnings, const Location& where, std::string message) {
  warnings.push_back({InputProblem::Severity::warning, where, std::move(message)});
}

// Where byte `offset` (0-based) of a record lies in its file: JSON Lines records start at column 1
// of their line, array elements at `where.column`, whole files at line 1 column 1.
Location locate(const RawRecord& record, std::size_t offset) {
  Location at = record.where;
  const std::string_view bytes = record.bytes;
  offset = std::min(offset, bytes.size());
  const std::size_t first_line = at.line ? at.line : 1;
  const std::size_t first_column = at.column ? at.column : 1;
  const std::size_t last_nl = bytes.substr(0, offset).rfind('\n');
  if (last_nl == std::string_view::npos) {
    at.line = first_line;
    at.column = first_column + offset;
  } else {
    at.line = first_line +
              static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
    at.column = offset - last_nl;
  }
  return at;
}

// Invalid UTF-8 in text that was meant to be UTF-8: replaced with U+FFFD, never fatal. The
// warning gives the byte offset (in the record as read) of the first invalid byte.
void repair(std::string& text, const RawRecord& record, const char* what,
            std::vector<InputProblem>& warnings) {
  if (detail::is_valid_utf8(text)) return;
  std::size_t offset = 0;
  if (std::size_t n = detail::repair_utf8(text, &offset)) {
    const bool whole_file = record.where.line == 0;
    Location at = whole_file ? record.where : locate(record, offset);
    warn(warnings, at,
         "invalid UTF-8 in " + std::string(what) + " at byte " + std::to_string(offset) + " (" +
             std::to_string(n) + " sequence" + (n == 1 ? "" : "s") + " replaced with U+FFFD)");
  }
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
    // A byte order mark declares the encoding as plainly as a charset label does.
    const auto starts = [&](std::string_view mark) { return bytes.rfind(mark, 0) == 0; };
    const bool bom = starts("\xFF\xFE") || starts("\xFE\xFF") || starts("\xEF\xBB\xBF") ||
                     starts(std::string_view("\0\0\xFE\xFF", 4));
    if (declared.empty() && !bom)
      warn(warnings, where, "not UTF-8: read as " + t.charset + " (detected) and converted");
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
    const std::string where_in =
        record.element ? " (array element " + std::to_string(record.element) + ")" : "";
    const std::string* json = &record.bytes;
    std::string repaired;
    if (!detail::is_valid_utf8(record.bytes)) { // simdjson rejects invalid UTF-8: repair first
      repaired = record.bytes;
      repair(repaired, record, record.where.line ? "the record" : "the input", warnings);
      json = &repaired;
    }
    if (!detail::parse_json_article(*json, options.json_fields, a, error, column)) {
      Location at = locate(record, column ? column - 1 : 0);
      problem = {InputProblem::Severity::failed, at, "malformed JSON" + where_in + ": " + error};
      return false;
    }
    break;
  }
  case InputFormat::html: {
    std::string bytes = record.bytes;
    decode(bytes, detail::html_declared_charset(bytes), record.where, warnings);
    repair(bytes, record, "the page", warnings);
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
    repair(bytes, record, "the text", warnings);
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
