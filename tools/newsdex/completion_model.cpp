// Reads the CLI11 definition into completion::Model: what each shell script is written from.
#include "completion.hpp"

#include <set>

namespace newsdex::cli::completion {
namespace {

// Values that name a path although no CLI::ExistingFile check says so (the database need not
// exist yet, and `-` means standard input).
const std::set<std::string> path_values{"--db", "--queries", "--output", "inputs", "destination"};

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  for (;;) {
    std::size_t next = s.find(separator, at);
    parts.push_back(s.substr(at, next - at));
    if (next == std::string::npos) return parts;
    at = next + 1;
  }
}

// The type name is CLI11's "TEXT:{source,year}" or "TEXT:FILE": the type, then each check's
// description after a colon, as --help shows it.
Value value_of(const CLI::Option& option, const std::string& name) {
  Value v;
  if (name == "--language") {
    v.kind = ValueKind::choices;
    v.choices = languages();
    return v;
  }
  for (const std::string& part : split(option.get_type_name(), ':')) {
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      v.kind = ValueKind::choices;
      v.choices = split(part.substr(1, part.size() - 2), ',');
      return v;
    }
    if (part == "FILE" || part == "DIR" || part.rfind("PATH", 0) == 0) v.kind = ValueKind::files;
  }
  if (path_values.count(name)) v.kind = ValueKind::files;
  return v;
}

bool hidden(const CLI::Option& option) {
  return option.get_group().empty();
}

Command describe_command(const CLI::App& app, const std::string& name) {
  Command c;
  c.name = name;
  c.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    if (hidden(*option)) continue;
    if (option->nonpositional()) {
      Option o;
      for (const auto& s : option->get_snames()) o.names.push_back("-" + s);
      for (const auto& l : option->get_lnames()) o.names.push_back("--" + l);
      o.description = option->get_description();
      o.takes_value = option->get_expected_max() > 0; // a flag expects none
      // An option gathering values, and a flag counted by repetition (-vv, which CLI11 keeps
      // with TakeAll), both repeat.
      o.repeatable = option->get_expected_max() > 1 ||
                     option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
      o.value = value_of(*option, o.names.back());
      c.options.push_back(std::move(o));
    } else {
      Positional p;
      p.name = option->get_name();
      p.description = option->get_description();
      p.many = option->get_expected_max() > 1;
      p.value = value_of(*option, p.name);
      c.positionals.push_back(std::move(p));
    }
  }
  return c;
}

} // namespace

const std::vector<std::string>& languages() {
  // lib/analysis/tables.cpp: the Snowball languages, those analyzed without a stemmer, and none.
  static const std::vector<std::string> codes{"ar", "bg", "ca", "da", "de", "el",  "en", "es", "eu",
                                              "fi", "fr", "ga", "hu", "hy", "id",  "it", "ja", "ko",
                                              "lt", "nb", "ne", "nl", "pt", "ro",  "ru", "sr", "sv",
                                              "ta", "th", "tr", "uk", "zh", "none"};
  return codes;
}

Model describe(const CLI::App& app) {
  Model m;
  m.top = describe_command(app, "newsdex");
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_group().empty()) m.subcommands.push_back(describe_command(*sub, sub->get_name()));
  return m;
}

std::string sh_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string function_name(const Command& c) {
  std::string name = "_newsdex_" + c.name;
  for (char& ch : name)
    if (ch == '-') ch = '_';
  return name;
}

} // namespace newsdex::cli::completion
