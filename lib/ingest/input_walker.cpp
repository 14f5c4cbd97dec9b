// The serial read stage: expands inputs into raw records (one per text file, one per JSON line).
#include <newsdex/reader.hpp>

#include "common/ascii.hpp"
#include "ingest/charset.hpp"
#include "ingest/gzip.hpp"
#include "ingest/json_article.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace newsdex {
namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

InputFormat format_of(std::string_view name) {
  if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson")) return InputFormat::jsonl;
  if (ends_with_ci(name, ".json")) return InputFormat::json;
  if (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm") || ends_with_ci(name, ".xhtml"))
    return InputFormat::html;
  return InputFormat::text;
}

std::string human_bytes(std::uint64_t n) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  if (n >= (1ull << 20) && n % (1ull << 20) == 0)
    s << (n >> 20) << " MiB";
  else if (n >= (1ull << 20))
    s << static_cast<double>(n) / (1ull << 20) << " MiB";
  else if (n >= 1024)
    s << (n >> 10) << " KiB";
  else
    s << n << " bytes";
  return s.str();
}

bool glob_match(const std::string& pattern, const std::string& relative, const std::string& name) {
  const bool path_pattern = pattern.find('/') != std::string::npos;
  return fnmatch(pattern.c_str(), path_pattern ? relative.c_str() : name.c_str(), 0) == 0;
}

bool any_match(const std::vector<std::string>& patterns, const std::string& relative,
               const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return glob_match(p, relative, name); });
}

// Built out of line: GCC 12 at -O3 reports false maybe-uninitialized warnings for the aggregate
// temporaries this replaces.
[[gnu::noinline]] InputProblem problem(InputProblem::Severity severity, const std::string& file,
                                       std::size_t line, std::string message) {
  InputProblem p;
  p.severity = severity;
  p.where.file = file;
  p.where.line = line;
  p.message = std::move(message);
  return p;
}

struct PendingFile {
  std::string path;       // as it will be reported
  std::string default_id; // relative path or the path as given
};

} // namespace

struct InputWalker::Impl {
  std::vector<std::string> inputs;
  std::shared_ptr<const ReadOptions> options;
  std::size_t next_input = 0;
  std::vector<PendingFile> files;
  std::size_t next_file = 0;
  // An open JSON Lines stream: records are yielded line by line so memory stays bounded.
  std::unique_ptr<std::istream> lines;
  std::string lines_file;
  std::size_t line_no = 0;
  std::uint64_t bytes = 0;

  void expand(const std::string& input, const std::function<void(InputProblem)>& on_problem) {
    files.clear();
    next_file = 0;
    if (input == "-") {
      files.push_back({"-", ""});
      return;
    }
    std::error_code ec;
    auto status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      on_problem(problem(InputProblem::Severity::failed, input, 0, "no such file or directory"));
      return;
    }
    if (!fs::is_directory(status)) {
      files.push_back({input, input});
      return;
    }
    fs::path root(input);
    auto it =
        fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      on_problem(problem(InputProblem::Severity::failed, input, 0,
                         "cannot read directory: " + ec.message()));
      return;
    }
    for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
      if (ec) break;
      const auto name = it->path().filename().string();
      const auto relative = it->path().lexically_relative(root).generic_string();
      if (!name.empty() && name[0] == '.') { // hidden files and folders (.git, .DS_Store)
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        if (any_match(options->exclude, relative, name)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      if (any_match(options->exclude, relative, name)) continue;
      if (!options->include.empty() && !any_match(options->include, relative, name)) continue;
      files.push_back({it->path().string(), relative});
    }
    if (ec)
      on_problem(problem(InputProblem::Severity::failed, input, 0,
                         "cannot read directory: " + ec.message()));
    // Directory order is the file system's; sort so runs are reproducible.
    std::sort(files.begin(), files.end(),
              [](const PendingFile& a, const PendingFile& b) { return a.path < b.path; });
  }

  // A JSON file held in memory and split into one record per array element, or per top-level
  // value when the file is a sequence of (pretty-printed) objects.
  struct JsonValues {
    std::string text;
    std::string file;
    std::size_t pos = 0;
    std::size_t line = 1;
    std::size_t line_start = 0;
    std::size_t element = 0;
    bool array = false;
    bool closed = false;         // the array's ']' was seen
    bool need_separator = false; // an element was just read: ',' or ']' must follow
  };
  std::unique_ptr<JsonValues> json;

  static void advance(JsonValues& j, std::size_t to) {
    for (; j.pos < to; ++j.pos)
      if (j.text[j.pos] == '\n') {
        ++j.line;
        j.line_start = j.pos + 1;
      }
  }
  static void skip_space(JsonValues& j) {
    std::size_t p = j.pos;
    while (p < j.text.size() && detail::is_ascii_space(j.text[p])) ++p;
    advance(j, p);
  }
  static std::size_t column(const JsonValues& j) { return j.pos - j.line_start + 1; }

  void start_json(std::string content, const std::string& file, bool array, std::size_t first) {
    json = std::make_unique<JsonValues>();
    json->text = std::move(content);
    json->file = file;
    json->array = array;
    advance(*json, array ? first + 1 : first);
  }

  bool next_json(RawRecord& record, const std::function<void(InputProblem)>& on_problem) {
    JsonValues& j = *json;
    auto fail_here = [&](std::string message) {
      InputProblem p = problem(InputProblem::Severity::failed, j.file, j.line, std::move(message));
      p.where.column = column(j);
      on_problem(std::move(p));
    };
    for (;;) {
      skip_space(j);
      if (j.pos >= j.text.size()) {
        if (j.array && !j.closed) fail_here("malformed JSON: the array is not closed (no ']')");
        json.reset();
        return false;
      }
      const char c = j.text[j.pos];
      if (j.closed) {
        fail_here("malformed JSON: unexpected content after the array");
        json.reset();
        return false;
      }
      if (j.array && c == ']') {
        j.closed = true;
        advance(j, j.pos + 1);
        continue;
      }
      if (j.array && c == ',' && j.need_separator) {
        j.need_separator = false;
        advance(j, j.pos + 1);
        continue;
      }
      if (j.array && j.need_separator)
        fail_here("malformed JSON: missing ',' after array element " + std::to_string(j.element));
      const std::size_t end = detail::json_value_end(j.text, j.pos);
      if (end == std::string::npos) {
        fail_here(j.array ? "malformed JSON: the file ends inside array element " +
                                std::to_string(j.element + 1)
                          : std::string("malformed JSON: the file ends inside this value"));
        json.reset();
        return false;
      }
      if (end == j.pos) { // a stray ',' '}' or ']'
        fail_here(std::string("malformed JSON: unexpected '") + c + "'");
        advance(j, j.pos + 1);
        continue;
      }
      record.format = InputFormat::json;
      record.bytes.assign(j.text, j.pos, end - j.pos);
      record.where = {j.file, j.line, column(j)};
      record.element = j.array ? ++j.element : 0;
      record.default_id.clear();
      record.options = options;
      advance(j, end);
      j.need_separator = j.array;
      return true;
    }
  }

  // Reads one file; returns true when it produced `record` (text, html) or opened a stream of
  // records (JSON Lines, JSON arrays), false when it was skipped or failed (problem reported).
  bool open(const PendingFile& f, RawRecord& record, bool& produced,
            const std::function<void(InputProblem)>& on_problem) {
    produced = false;
    std::string content;
    InputFormat format;
    const bool is_stdin = f.path == "-";
    bool compressed = false;
    if (is_stdin) {
      std::ostringstream s;
      s << std::cin.rdbuf();
      content = s.str();
      format = options->stdin_format == InputFormat::automatic ? InputFormat::text
                                                               : options->stdin_format;
      compressed = detail::is_gzip(content);
    } else {
      std::error_code ec;
      auto size = fs::file_size(f.path, ec);
      if (ec) {
        on_problem(
            problem(InputProblem::Severity::failed, f.path, 0, "cannot read: " + ec.message()));
        return false;
      }
      format = format_of(f.path);
      compressed = ends_with_ci(f.path, ".gz");
      bool streamed = format == InputFormat::jsonl && !compressed;
      if (size == 0) {
        on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "empty file"));
        return false;
      }
      if (!streamed && size > options->max_file_bytes) {
        on_problem(problem(InputProblem::Severity::skipped, f.path, 0,
                           "file is " + human_bytes(size) + ", over the limit of " +
                               human_bytes(options->max_file_bytes) + " (--max-file-size)"));
        return false;
      }
      auto in = std::make_unique<std::ifstream>(f.path, std::ios::binary);
      if (!*in) {
        std::error_code why(errno, std::generic_category());
        on_problem(problem(InputProblem::Severity::failed, f.path, 0,
                           "cannot open: " + (errno ? why.message() : std::string("unreadable"))));
        return false;
      }
      if (streamed) {
        char probe[4096];
        in->read(probe, sizeof probe);
        std::string_view head(probe, static_cast<std::size_t>(in->gcount()));
        if (detail::looks_binary(head)) {
          on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "binary file"));
          return false;
        }
        in->clear();
        in->seekg(0);
        lines = std::move(in);
        lines_file = f.path;
        line_no = 0;
        return true;
      }
      std::ostringstream s;
      s << in->rdbuf();
      if (in->bad()) {
        on_problem(problem(InputProblem::Severity::failed, f.path, 0, "read error"));
        return false;
      }
      content = s.str();
    }
    if (compressed) {
      try {
        content = detail::gunzip(content, options->max_file_bytes);
      } catch (const Error& e) {
        const bool too_big = e.message().find("exceeds") != std::string::npos;
        on_problem(problem(
            too_big ? InputProblem::Severity::skipped : InputProblem::Severity::failed, f.path, 0,
            too_big ? "decompresses to more than the limit of " +
                          human_bytes(options->max_file_bytes) + " (--max-file-size)"
                    : e.message()));
        return false;
      }
    }
    bytes += content.size();
    if (content.empty()) {
      on_problem(problem(InputProblem::Severity::skipped, f.path, 0,
                         is_stdin ? "empty input" : "empty file"));
      return false;
    }
    if (detail::looks_binary(std::string_view(content).substr(0, 8192))) {
      on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "binary file"));
      return false;
    }
    if (format == InputFormat::json) {
      const std::size_t first = content.find_first_not_of(" \t\r\n");
      if (first == std::string::npos) {
        on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "empty file"));
        return false;
      }
      // A JSON array; or JSON Lines when the first line is a whole object; or else objects
      // pretty-printed one after another.
      const std::size_t eol = content.find('\n', first);
      std::string_view first_line(content.data() + first,
                                  (eol == std::string::npos ? content.size() : eol) - first);
      while (!first_line.empty() && detail::is_ascii_space(first_line.back()))
        first_line.remove_suffix(1);
      const bool array = content[first] == '[';
      if (array || (content[first] == '{' && first_line.back() != '}')) {
        start_json(std::move(content), f.path, array, first);
        return true;
      }
      format = InputFormat::jsonl;
    }
    if (format == InputFormat::jsonl) {
      lines = std::make_unique<std::istringstream>(std::move(content));
      lines_file = f.path;
      line_no = 0;
      return true;
    }
    record.format = format;
    record.bytes = std::move(content);
    record.where = {f.path, 0, 0};
    record.element = 0;
    record.default_id = f.default_id;
    record.options = options;
    produced = true;
    return true;
  }

  bool next_line(RawRecord& record, const std::function<void(InputProblem)>& on_problem) {
    std::string line;
    while (std::getline(*lines, line)) {
      ++line_no;
      if (dynamic_cast<std::ifstream*>(lines.get())) bytes += line.size() + 1;
      std::size_t first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos) continue;
      if (line.size() > options->max_file_bytes) {
        on_problem(problem(InputProblem::Severity::skipped, lines_file, line_no,
                           "record is " + human_bytes(line.size()) + ", over the limit of " +
                               human_bytes(options->max_file_bytes) + " (--max-file-size)"));
        continue;
      }
      record.format = InputFormat::jsonl;
      record.bytes = std::move(line);
      record.where = {lines_file, line_no, 0};
      record.element = 0;
      record.default_id.clear();
      record.options = options;
      return true;
    }
    if (lines->bad())
      on_problem(problem(InputProblem::Severity::failed, lines_file, line_no + 1, "read error"));
    lines.reset();
    return false;
  }
};

InputWalker::InputWalker(std::vector<std::string> inputs, ReadOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->inputs = std::move(inputs);
  impl_->options = std::make_shared<const ReadOptions>(std::move(options));
}
InputWalker::~InputWalker() = default;
InputWalker::InputWalker(InputWalker&&) noexcept = default;
InputWalker& InputWalker::operator=(InputWalker&&) noexcept = default;

bool InputWalker::next(RawRecord& record, const std::function<void(InputProblem)>& on_problem) {
  Impl& w = *impl_;
  for (;;) {
    if (w.lines) {
      if (w.next_line(record, on_problem)) return true;
      continue;
    }
    if (w.json) {
      if (w.next_json(record, on_problem)) return true;
      continue;
    }
    if (w.next_file < w.files.size()) {
      bool produced = false;
      w.open(w.files[w.next_file++], record, produced, on_problem);
      if (produced) return true;
      continue;
    }
    if (w.next_input < w.inputs.size()) {
      w.expand(w.inputs[w.next_input++], on_problem);
      continue;
    }
    return false;
  }
}

std::uint64_t InputWalker::bytes_read() const {
  return impl_->bytes;
}

} // namespace newsdex
