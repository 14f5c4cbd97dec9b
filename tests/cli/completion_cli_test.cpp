// Shell completion (`newsdex completion bash|zsh|fish`): the bash script is sourced in a real bash
// and its function asked, through COMP_WORDS and COMP_CWORD as readline would, what it offers;
// every subcommand and option it offers is cross-checked against --help. The zsh script is loaded
// by compinit in an interactive zsh and a TAB typed; fish is asked with `complete -C`.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

using newsdex::test::CliResult;
using newsdex::test::run_cli;
using newsdex::test::TempDir;
using newsdex::test::write_file;

namespace {

using Words = std::set<std::string>;

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Words lines_of(const std::string& text) {
  Words out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

// Runs `command` in sh and returns its standard output.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

bool have(const std::string& program) {
  return !output_of("command -v " + program + " 2>/dev/null").empty();
}

const std::string bash_completion = "/usr/share/bash-completion/bash_completion";

class BashCompletion : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    CliResult r = run_cli({"completion", "bash"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_file(*dir_ / "newsdex.bash", r.out);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // What the completion function offers for the command line `words` (the last one is the word
  // being completed), run in `cwd`, with bash-completion's library loaded first or not.
  static Words offered(const std::vector<std::string>& words, bool with_library = false,
                       const std::string& cwd = ".") {
    std::string script = "cd " + shell_quoted(cwd) + " || exit 1; ";
    if (with_library) script += "source " + bash_completion + "; ";
    script += "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
              "COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; _newsdex; "
              "printf '%s\\n' \"${COMPREPLY[@]}\"";
    std::string command = "bash --norc --noprofile -c " + shell_quoted(script) + " completion " +
                          shell_quoted(*dir_ / "newsdex.bash");
    for (const auto& w : words) {
      command += ' '; // not `" " + ...`: g++ 12's -Wrestrict false positive at -O3
      command += shell_quoted(w);
    }
    return lines_of(output_of(command));
  }

  static TempDir* dir_;
};

TempDir* BashCompletion::dir_ = nullptr;

// The subcommands `newsdex --help` lists (name at column 2 under "Subcommands:").
Words help_subcommands() {
  Words names;
  std::istringstream in(run_cli({"--help"}).out);
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Subcommands:")
      listing = true;
    else if (listing && line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ')
      names.insert(line.substr(2, line.find(' ', 2) - 2));
  }
  return names;
}

// The option names `newsdex ARGS --help` lists: "  -n,--limit UINT ..." gives -n and --limit.
Words help_options(std::vector<std::string> args) {
  args.push_back("--help");
  Words names;
  std::istringstream in(run_cli(args).out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  -", 0) != 0) continue;
    std::string first = line.substr(2, line.find(' ', 2) - 2);
    std::istringstream parts(first);
    for (std::string name; std::getline(parts, name, ',');) names.insert(name);
  }
  return names;
}

TEST_F(BashCompletion, ASubcommandPrefixOffersThatSubcommandAlone) {
  EXPECT_EQ(offered({"newsdex", "sea"}), Words{"search"});
  EXPECT_EQ(offered({"newsdex", "se"}), (Words{"search", "serve"}));
  EXPECT_EQ(offered({"newsdex", "s"}), (Words{"search", "serve", "stats", "show", "similar"}));
}

TEST_F(BashCompletion, AnEmptyWordOffersEverySubcommandOfHelpAndNothingElse) {
  Words subcommands = help_subcommands();
  ASSERT_GE(subcommands.size(), 10u);
  EXPECT_TRUE(subcommands.count("search"));
  EXPECT_FALSE(subcommands.count("completion")) << "completion is hidden from --help";
  EXPECT_EQ(offered({"newsdex", ""}), subcommands);
}

TEST_F(BashCompletion, AnOptionPrefixOffersTheMatchingOptionsOfTheSubcommand) {
  Words got = offered({"newsdex", "search", "--fa"});
  EXPECT_TRUE(got.count("--facet"));
  for (const auto& o : got) {
    EXPECT_EQ(o.rfind("--fa", 0), 0u) << o;
    EXPECT_TRUE(help_options({"search"}).count(o)) << o << " is not an option of search";
  }
  EXPECT_EQ(offered({"newsdex", "index", "--fa"}), Words{}) << "index has no --facet";
}

TEST_F(BashCompletion, FacetValuesAreTheFacetNames) {
  const Words facets{"source", "year", "month", "entity"};
  EXPECT_EQ(offered({"newsdex", "search", "--facet", ""}), facets);
  EXPECT_EQ(offered({"newsdex", "search", "--facet", "y"}), Words{"year"});
  // --facet=<TAB>: bash splits the word at '='.
  EXPECT_EQ(offered({"newsdex", "search", "--facet", "=", ""}), facets);
  EXPECT_EQ(offered({"newsdex", "similar", "--facet", ""}), facets);
  // After the value, words are the query again: no facet names, no files.
  EXPECT_EQ(offered({"newsdex", "search", "--facet", "source", "NA"}), Words{});
}

TEST_F(BashCompletion, OptionValuesComeFromTheOptionsChecks) {
  EXPECT_EQ(offered({"newsdex", "search", "--format", ""}),
            (Words{"text", "json", "jsonl", "trec", "ids"}));
  EXPECT_EQ(offered({"newsdex", "search", "--sort", ""}), (Words{"relevance", "date", "-date"}));
  EXPECT_EQ(offered({"newsdex", "search", "--match", ""}), (Words{"any", "all"}));
  EXPECT_EQ(offered({"newsdex", "search", "--syntax", ""}), (Words{"on", "off"}));
  EXPECT_EQ(offered({"newsdex", "index", "--stdin-format", ""}),
            (Words{"text", "jsonl", "json", "html"}));
  EXPECT_EQ(offered({"newsdex", "stats", "--format", ""}), (Words{"text", "json"}));
  EXPECT_TRUE(offered({"newsdex", "init", "--language", ""}).count("de"));
  EXPECT_EQ(offered({"newsdex", "search", "--limit", ""}), Words{}) << "a number: nothing";
}

TEST_F(BashCompletion, EverySubcommandOffersExactlyTheOptionsOfItsHelp) {
  for (const auto& sub : help_subcommands()) {
    Words from_help = help_options({sub});
    ASSERT_TRUE(from_help.count("--help")) << sub;
    EXPECT_EQ(offered({"newsdex", sub, "-"}), from_help) << sub;
  }
  EXPECT_EQ(offered({"newsdex", "-"}), help_options({}));
}

TEST_F(BashCompletion, InputsAndDatabasesCompleteToFiles) {
  TempDir files;
  write_file(files / "articles/one.txt", "One\n\nText.\n");
  write_file(files / "archive.jsonl", "{}\n");
  for (bool library : {false, true}) {
    if (library && !std::filesystem::exists(bash_completion)) continue;
    SCOPED_TRACE(library ? "with bash-completion" : "alone");
    EXPECT_EQ(offered({"newsdex", "index", "ar"}, library, files.path()),
              (Words{"articles", "archive.jsonl"}));
    EXPECT_EQ(offered({"newsdex", "search", "--db", "arc"}, library, files.path()),
              Words{"archive.jsonl"});
    EXPECT_EQ(offered({"newsdex", "index", "--variants", "articles/"}, library, files.path()),
              Words{"articles/one.txt"});
    // A query is not a file name.
    EXPECT_EQ(offered({"newsdex", "search", "ar"}, library, files.path()), Words{});
  }
}

TEST_F(BashCompletion, WorksWithBashCompletionLoaded) {
  if (!std::filesystem::exists(bash_completion))
    GTEST_SKIP() << bash_completion << " absent (Debian package bash-completion)";
  EXPECT_EQ(offered({"newsdex", "sea"}, true), Words{"search"});
  EXPECT_TRUE(offered({"newsdex", "search", "--fa"}, true).count("--facet"));
  EXPECT_EQ(offered({"newsdex", "search", "--facet", ""}, true),
            (Words{"source", "year", "month", "entity"}));
}

newsdex::Analyzer analyzer_for(const std::string& language) {
  newsdex::AnalyzerOptions options;
  options.language = language;
  return newsdex::Analyzer(options);
}

// The languages --language offers are the analyzer's: each one is accepted, and every two-letter
// code the analyzer accepts is offered (or is another name of one that is: "no" is nb).
TEST(CompletionLanguages, AreTheLanguagesTheAnalyzerAccepts) {
  std::string script = run_cli({"completion", "fish"}).out;
  auto at = script.find("-l language -x -a '");
  ASSERT_NE(at, std::string::npos) << script;
  at = script.find('\'', at) + 1;
  std::istringstream list(script.substr(at, script.find('\'', at) - at));
  Words offered;
  for (std::string code; list >> code;) offered.insert(code);
  ASSERT_TRUE(offered.count("en"));
  for (const auto& code : offered) EXPECT_NO_THROW(analyzer_for(code)) << code;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b) {
      const std::string code{a, b};
      try {
        newsdex::Analyzer analyzer = analyzer_for(code);
        EXPECT_TRUE(offered.count(analyzer.language()))
            << code << " is accepted as " << analyzer.language() << " but not offered";
      } catch (const newsdex::Error&) {
      }
    }
}

TEST(CompletionScripts, AreValidZshAndFish) {
  TempDir dir;
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    if (!have(shell)) {
      std::printf("[ SKIPPED  ] %s is not installed: no syntax check\n", shell.c_str());
      continue;
    }
    CliResult r = run_cli({"completion", shell});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_file(dir / ("script." + shell), r.out);
    std::string errors =
        output_of(shell + " -n " + shell_quoted(dir / ("script." + shell)) + " 2>&1");
    EXPECT_EQ(errors, "") << shell;
  }
  EXPECT_EQ(run_cli({"completion", "tcsh"}).exit_code, 2);
}

// Drives an interactive zsh in a pseudo-terminal (zsh's own zpty module): compinit loads _newsdex
// from $1 through $fpath, the line $2 is typed with a TAB bound to complete-word, and compadd is
// wrapped to print each match it would add (its marker split in two, so that the terminal's echo of
// the definition does not read as a match); comppostfuncs exits the shell once completion is done,
// so the zsh under test never runs the line. Prints the matches, one per line.
const char* const zsh_driver = R"zsh(emulate -L zsh
zmodload zsh/zpty || exit 3
local dir=$1 line=$2 out all
zpty z zsh -f -i
zpty -w z "PS1= RPROMPT=; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'bindkey "^I" complete-word; zstyle ":completion:*" insert-tab false'
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; local __x; for __x in $__m; do print -r -- "MAT""CH:$__x"; done; builtin compadd "$@"; }'
zpty -w z 'comppostfuncs=( "print -r -- END-OF-COMPLETION" exit )'
zpty -w z 'print -r -- READY'
while zpty -r -t z out; do [[ $out == *READY* && $out != *print* ]] && break; done
zpty -w -n z "$line"$'\t'
while zpty -r z out; do all+=$out; [[ $out == *END-OF-COMPLETION* && $out != *print* ]] && break; done
print -r -- ${(F)${(M)${(f)all//$'\r'/}:#*MATCH:*}##*MATCH:}
zpty -d z
)zsh";

class ZshCompletion : public ::testing::Test {
protected:
  void SetUp() override {
    if (!have("zsh")) GTEST_SKIP() << "zsh is not installed (scripts/install-deps.sh installs it)";
    CliResult r = run_cli({"completion", "zsh"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_file(dir_ / "functions/_newsdex", r.out);
    write_file(dir_ / "driver.zsh", zsh_driver);
  }

  // What zsh offers when TAB is pressed at the end of `line`, typed in the folder `cwd`. `timeout`
  // guards the test: a broken completion function would otherwise leave the driver waiting.
  Words offered(const std::string& line, const std::string& cwd = ".") {
    return lines_of(output_of("cd " + shell_quoted(cwd) + " && timeout 60 zsh -f " +
                              shell_quoted(dir_ / "driver.zsh") + " " +
                              shell_quoted(dir_ / "functions") + " " + shell_quoted(line)));
  }

  TempDir dir_;
};

TEST_F(ZshCompletion, CompletesSubcommandsFromTheirPrefix) {
  EXPECT_EQ(offered("newsdex sea"), Words{"search"});
  EXPECT_EQ(offered("newsdex se"), (Words{"search", "serve"}));
  EXPECT_EQ(offered("newsdex in"), (Words{"index", "init"}));
  EXPECT_EQ(offered("newsdex "), help_subcommands());
}

TEST_F(ZshCompletion, CompletesTheOptionsOfTheSubcommand) {
  EXPECT_EQ(offered("newsdex search --fa"), (Words{"--facet", "--facet-limit"}));
  EXPECT_EQ(offered("newsdex stats --d"), Words{"--db"});
}

TEST_F(ZshCompletion, CompletesOptionValuesAndFiles) {
  const Words facets{"source", "year", "month", "entity"};
  EXPECT_EQ(offered("newsdex search --facet "), facets);
  EXPECT_EQ(offered("newsdex search --facet="), facets);
  EXPECT_TRUE(offered("newsdex search --format ").count("jsonl"));
  TempDir cwd;
  write_file(cwd / "feed.jsonl", "{}\n");
  std::filesystem::create_directory(cwd.path() / "archive");
  const Words files = offered("newsdex index --db x ", cwd.path().string());
  EXPECT_TRUE(files.count("feed.jsonl")) << "offered: " << files.size() << " words";
  EXPECT_TRUE(files.count("archive") || files.count("archive/"));
}

TEST(CompletionScripts, FishOffersFacetNamesForTheFacetOption) {
  if (!have("fish")) GTEST_SKIP() << "fish is not installed";
  TempDir dir;
  write_file(dir / "newsdex.fish", run_cli({"completion", "fish"}).out);
  auto ask = [&](const std::string& line) {
    return output_of("fish --no-config -c " +
                     shell_quoted("source " + shell_quoted(dir / "newsdex.fish") +
                                  "; complete -C " + shell_quoted(line)) +
                     " 2>&1 | cut -f1");
  };
  EXPECT_EQ(lines_of(ask("newsdex sea")), Words{"search"});
  EXPECT_EQ(lines_of(ask("newsdex search --facet ")), (Words{"source", "year", "month", "entity"}));
  EXPECT_TRUE(lines_of(ask("newsdex search --fa")).count("--facet"));
}

} // namespace
