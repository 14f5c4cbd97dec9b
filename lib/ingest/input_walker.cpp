// The serial read stage: expands inputs into raw records (one per text file, one per JSON line).
#include <newsdex/reader.hpp>

#include "ingest/charset.hpp"
#include "ingest/gzip.hpp"

#include <algorithm>
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
  if (n >= (1ull << 20))
    s << (n >> 20) << " MiB";
  else if (n >= 1024)
    s << (n >> 10) << " KiB";
  else
    s << n << " bytes";
  return s.str();
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
      if (!name.empty() && name[0] == '.') { // hidden files and folders (.git, .DS_Store)
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      files.push_back({it->path().string(), it->path().lexically_relative(root).generic_string()});
    }
    // Directory order is the file system's; sort so runs are reproducible.
    std::sort(files.begin(), files.end(),
              [](const PendingFile& a, const PendingFile& b) { return a.path < b.path; });
  }

  // Reads one file; returns true when it produced `record` (text, html, json) or opened a stream
  // of lines (jsonl), false when it was skipped or failed (problem reported).
  bool open(const PendingFile& f, RawRecord& record, bool& produced,
            const std::function<void(InputProblem)>& on_problem) {
    produced = false;
    std::string content;
    InputFormat format;
    if (f.path == "-") {
      std::ostringstream s;
      s << std::cin.rdbuf();
      content = s.str();
      format = options->stdin_format == InputFormat::automatic ? InputFormat::text
                                                               : options->stdin_format;
    } else {
      std::error_code ec;
      auto size = fs::file_size(f.path, ec);
      if (ec) {
        on_problem(
            problem(InputProblem::Severity::failed, f.path, 0, "cannot read: " + ec.message()));
        return false;
      }
      format = format_of(f.path);
      bool compressed = ends_with_ci(f.path, ".gz");
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
        on_problem(problem(InputProblem::Severity::failed, f.path, 0,
                           "cannot open: permission denied or unreadable"));
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
      content = s.str();
      if (compressed) {
        try {
          content = detail::gunzip(content, options->max_file_bytes);
        } catch (const Error& e) {
          on_problem(problem(InputProblem::Severity::failed, f.path, 0, e.message()));
          return false;
        }
      }
    }
    bytes += content.size();
    if (content.empty()) {
      on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "empty file"));
      return false;
    }
    if (detail::looks_binary(std::string_view(content).substr(0, 8192))) {
      on_problem(problem(InputProblem::Severity::skipped, f.path, 0, "binary file"));
      return false;
    }
    if (format == InputFormat::jsonl ||
        (format == InputFormat::json && content.find_first_not_of(" \t\r\n") != std::string::npos &&
         content[content.find_first_not_of(" \t\r\n")] != '[')) {
      lines = std::make_unique<std::istringstream>(std::move(content));
      lines_file = f.path;
      line_no = 0;
      return true;
    }
    record.format = format;
    record.bytes = std::move(content);
    record.where = {f.path, 0, 0};
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
                               human_bytes(options->max_file_bytes)));
        continue;
      }
      record.format = InputFormat::jsonl;
      record.bytes = std::move(line);
      record.where = {lines_file, line_no, 0};
      record.default_id.clear();
      record.options = options;
      return true;
    }
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
