#include "help_format.hpp"

#include <cstdlib>
#include <sstream>
#include <string>

namespace newsdex::cli {
namespace {

std::size_t terminal_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    char* end = nullptr;
    long n = std::strtol(columns, &end, 10);
    if (*end == '\0' && n >= 60 && n <= 500) return static_cast<std::size_t>(n);
  }
  return 80;
}

// Breaks `text` at spaces into lines of at most `width` (a longer word stands alone).
std::string wrapped(const std::string& text, std::size_t width) {
  std::istringstream words(text);
  std::string out, line, word;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

class WrappingFormatter : public CLI::Formatter {
public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return entry(make_option_name(opt, is_positional) + make_option_opts(opt),
                 make_option_desc(opt));
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    return entry(sub->get_display_name(true), sub->get_description());
  }

private:
  // "  NAME" padded to the description column, the description wrapped under it; a name that
  // leaves fewer than two spaces before that column puts the description on the next line, so
  // the columns stay apart (help2man reads them as name and description).
  std::string entry(const std::string& name, const std::string& description) const {
    const std::size_t column = get_column_width();
    std::string out = "  " + name;
    if (description.empty()) return out + '\n';
    if (out.size() + 2 > column)
      out += '\n' + std::string(column, ' ');
    else
      out += std::string(column - out.size(), ' ');
    const std::size_t width = terminal_width() > column + 20 ? terminal_width() - column : 20;
    for (char c : wrapped(description, width)) {
      out += c;
      if (c == '\n') out += std::string(column, ' ');
    }
    return out + '\n';
  }
};

} // namespace

void wrap_help(CLI::App& app) {
  app.formatter(std::make_shared<WrappingFormatter>());
}

} // namespace newsdex::cli
