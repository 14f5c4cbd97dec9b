// The include layering of lib/ (docs/ARCHITECTURE.md, "Layers"): a file includes headers of its
// own folder and of the layers below it, never of a layer above it or beside it. The order is read
// from the "Layers:" line of docs/ARCHITECTURE.md, so the document and this test cannot drift.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The layer that owns each public header, as the folder that implements it. "" marks the
// umbrella header, which is for applications and never included from lib/. A public header
// missing here is reported, so the table stays complete.
const std::map<std::string, std::string, std::less<>> public_header_owner{
    {"error.hpp", "common"},      {"log.hpp", "common"},        {"version.hpp", "common"},
    {"export.hpp", "common"},     {"schema.hpp", "schema"},     {"article.hpp", "schema"},
    {"analyzer.hpp", "analysis"}, {"entities.hpp", "entities"}, {"reader.hpp", "ingest"},
    {"query.hpp", "query"},       {"stats.hpp", "storage"},     {"backup.hpp", "storage"},
    {"check.hpp", "storage"},     {"archive.hpp", "search"},    {"indexer.hpp", "index"},
    {"searcher.hpp", "search"},   {"watch.hpp", "index"},       {"newsdex.hpp", ""},
};

/// Folder -> rank, from "Layers: common < schema < ... < index | search" ('<' orders, '|' makes
/// siblings of one rank). Empty when the line is malformed.
std::map<std::string, int, std::less<>> parse_layers(std::string_view line) {
  std::map<std::string, int, std::less<>> rank;
  constexpr std::string_view tag = "Layers:";
  if (line.substr(0, tag.size()) != tag) return {};
  line.remove_prefix(tag.size());
  int r = 0;
  std::string name;
  auto flush = [&]() -> bool {
    if (name.empty() || rank.count(name)) return false;
    rank.emplace(std::move(name), r);
    name.clear();
    return true;
  };
  for (char c : line) {
    if (c == '<' || c == '|') {
      if (!flush()) return {};
      if (c == '<') ++r;
    } else if ((c >= 'a' && c <= 'z') || c == '_') {
      name += c;
    } else if (c != ' ' && c != '`') {
      return {};
    }
  }
  if (!flush()) return {};
  return rank;
}

/// The one "Layers:" line of the architecture document.
std::optional<std::string> layers_line(std::string_view doc) {
  std::optional<std::string> found;
  std::istringstream in{std::string(doc)};
  std::string line;
  while (std::getline(in, line)) {
    auto start = line.find_first_not_of(" `");
    if (start == std::string::npos || line.compare(start, 7, "Layers:") != 0) continue;
    if (found) return std::nullopt; // two: which one holds?
    auto end = line.find_last_not_of(" `\r");
    found = line.substr(start, end + 1 - start);
  }
  return found;
}

struct SourceFile {
  std::string path; ///< relative to the source root: "lib/analysis/tables.cpp"
  std::string text;
};

/// Every include of `files` that points up or sideways against `rank` (folder -> rank), as
/// "file:line: include (why)". Only "..." includes and <newsdex/...> are read; a file outside a
/// layer folder, or code in lib/data, is reported too.
std::vector<std::string> layering_violations(const std::map<std::string, int, std::less<>>& rank,
                                             const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    // "lib/<folder>/..."
    std::string_view rel = f.path;
    if (rel.substr(0, 4) == "lib/") rel.remove_prefix(4);
    auto slash = rel.find('/');
    std::string folder(slash == std::string_view::npos ? std::string_view{} : rel.substr(0, slash));
    if (folder == "data") {
      out.push_back(f.path + ": lib/data holds no code");
      continue;
    }
    auto mine = rank.find(folder);
    if (mine == rank.end()) {
      out.push_back(f.path + ": not in a folder of the Layers line");
      continue;
    }
    std::istringstream in(f.text);
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
      auto hash = line.find_first_not_of(" \t");
      if (hash == std::string::npos || line[hash] != '#') continue;
      auto word = line.find_first_not_of(" \t", hash + 1);
      if (word == std::string::npos || line.compare(word, 7, "include") != 0) continue;
      auto open = line.find_first_of("\"<", word + 7);
      if (open == std::string::npos) continue;
      char close_char = line[open] == '"' ? '"' : '>';
      auto close = line.find(close_char, open + 1);
      if (close == std::string::npos) continue;
      std::string target = line.substr(open + 1, close - open - 1);
      std::string where =
          f.path + ":" + std::to_string(number) + ": " + line.substr(hash, close + 1 - hash);
      std::string layer;
      if (close_char == '>') {
        if (target.rfind("newsdex/", 0) != 0) continue; // a system or third-party header
        auto owner = public_header_owner.find(target.substr(8));
        if (owner == public_header_owner.end()) {
          out.push_back(where + " (a public header the layering test does not know: add it to "
                                "public_header_owner)");
          continue;
        }
        if (owner->second.empty()) {
          out.push_back(where + " (the umbrella header is for applications, not lib/)");
          continue;
        }
        layer = owner->second;
      } else {
        auto s = target.find('/');
        if (s == std::string::npos) continue; // beside the including file: its own folder
        layer = target.substr(0, s);
      }
      if (layer == folder) continue;
      auto theirs = rank.find(layer);
      if (theirs == rank.end()) {
        out.push_back(where + " (" + layer + " is not in the Layers line)");
      } else if (theirs->second > mine->second) {
        out.push_back(where + " (" + folder + " may not include " + layer + ": it is above)");
      } else if (theirs->second == mine->second) {
        out.push_back(where + " (" + folder + " may not include " + layer + ": siblings)");
      }
    }
  }
  return out;
}

fs::path source_root() {
  return fs::path(NEWSDEX_FIXTURES).parent_path().parent_path(); // tests/fixtures -> the root
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, int, std::less<>> documented_layers() {
  auto line = layers_line(read(source_root() / "docs" / "ARCHITECTURE.md"));
  if (!line) return {};
  return parse_layers(*line);
}

const std::map<std::string, int, std::less<>>& test_layers() {
  static const auto rank = parse_layers(
      "Layers: common < schema < analysis < entities < ingest < query < storage < index | search");
  return rank;
}

TEST(Layering, TheOrderIsWrittenOnceInTheArchitectureDocument) {
  auto line = layers_line(read(source_root() / "docs" / "ARCHITECTURE.md"));
  ASSERT_TRUE(line) << "docs/ARCHITECTURE.md needs exactly one line starting with 'Layers:'";
  auto rank = parse_layers(*line);
  ASSERT_FALSE(rank.empty()) << "malformed: " << *line;
  EXPECT_LT(rank.at("common"), rank.at("analysis"));
  EXPECT_EQ(rank.at("index"), rank.at("search"));
}

TEST(Layering, NoIncludeInLibPointsUpOrSideways) {
  auto rank = documented_layers();
  ASSERT_FALSE(rank.empty()) << "no usable 'Layers:' line in docs/ARCHITECTURE.md";
  std::vector<SourceFile> files;
  for (const auto& e : fs::recursive_directory_iterator(source_root() / "lib")) {
    auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) continue;
    files.push_back({fs::relative(e.path(), source_root()).generic_string(), read(e.path())});
  }
  ASSERT_GT(files.size(), 20u);
  std::sort(files.begin(), files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  auto violations = layering_violations(rank, files);
  std::string report;
  for (const auto& v : violations) report += v + "\n";
  EXPECT_TRUE(violations.empty()) << violations.size() << " include(s) against the layers:\n"
                                  << report;
}

// The owner table names every public header there is (version.hpp is generated from
// version.hpp.in), and no other, so the layer of each is decided here and not by accident.
TEST(Layering, EveryPublicHeaderHasAnOwner) {
  std::vector<std::string> headers, owned;
  for (const auto& e : fs::directory_iterator(source_root() / "include" / "newsdex")) {
    std::string name = e.path().filename().string();
    if (name.size() > 3 && name.substr(name.size() - 3) == ".in") name.resize(name.size() - 3);
    if (name.size() > 4 && name.substr(name.size() - 4) == ".hpp") headers.push_back(name);
  }
  for (const auto& [name, layer] : public_header_owner) owned.push_back(name);
  std::sort(headers.begin(), headers.end());
  EXPECT_EQ(headers, owned) << "include/newsdex/ and public_header_owner disagree";
  auto rank = documented_layers();
  for (const auto& [name, layer] : public_header_owner)
    EXPECT_TRUE(layer.empty() || rank.count(layer)) << name << ": " << layer;
}

// The checker itself, on includes that must fail: that is how the test above would fail.
TEST(Layering, UpwardAndSidewaysIncludesAreReported) {
  std::vector<SourceFile> files{
      {"lib/analysis/bad.cpp", "#include \"analysis/tables.hpp\"\n"
                               "#include \"common/hash.hpp\"\n"
                               "#include \"index/indexer.hpp\"\n"
                               "  #  include <newsdex/searcher.hpp>\n"
                               "#include <newsdex/analyzer.hpp>\n"
                               "#include <vector>\n"
                               "// #include \"search/snippet.hpp\" in a comment is no include\n"},
      {"lib/index/sideways.cpp", "#include \"storage/collection.hpp\"\n"
                                 "#include \"search/snippet.hpp\"\n"},
      {"lib/search/sideways.cpp", "#include <newsdex/indexer.hpp>\n"},
      {"lib/schema/umbrella.cpp", "#include <newsdex/newsdex.hpp>\n#include <newsdex/new.hpp>\n"},
      {"lib/entities/unknown.cpp", "#include \"widgets/widget.hpp\"\n#include \"words.hpp\"\n"},
      {"lib/data/code.cpp", "int x;\n"},
      {"lib/stray.cpp", "int y;\n"},
  };
  auto v = layering_violations(test_layers(), files);
  std::vector<std::string> expected{
      "lib/analysis/bad.cpp:3: #include \"index/indexer.hpp\" (analysis may not include index: "
      "it is above)",
      "lib/analysis/bad.cpp:4: #  include <newsdex/searcher.hpp> (analysis may not include "
      "search: it is above)",
      "lib/index/sideways.cpp:2: #include \"search/snippet.hpp\" (index may not include search: "
      "siblings)",
      "lib/search/sideways.cpp:1: #include <newsdex/indexer.hpp> (search may not include index: "
      "siblings)",
      "lib/schema/umbrella.cpp:1: #include <newsdex/newsdex.hpp> (the umbrella header is for "
      "applications, not lib/)",
      "lib/schema/umbrella.cpp:2: #include <newsdex/new.hpp> (a public header the layering test "
      "does not know: add it to public_header_owner)",
      "lib/entities/unknown.cpp:1: #include \"widgets/widget.hpp\" (widgets is not in the Layers "
      "line)",
      "lib/data/code.cpp: lib/data holds no code",
      "lib/stray.cpp: not in a folder of the Layers line",
  };
  EXPECT_EQ(v, expected);
}

TEST(Layering, DownwardAndOwnFolderIncludesPass) {
  std::vector<SourceFile> files{
      {"lib/search/searcher.cpp", "#include \"search/snippet.hpp\"\n#include \"storage/x.hpp\"\n"
                                  "#include \"query/y.hpp\"\n#include <newsdex/searcher.hpp>\n"
                                  "#include <newsdex/stats.hpp>\n#include <xapian.h>\n"},
      {"lib/entities/tables.cpp",
       "#include \"analysis/tables.hpp\"\n#include \"common/h.hpp\"\n"
       "#include <newsdex/entities.hpp>\n#include <newsdex/error.hpp>\n"},
      {"lib/common/error.cpp", "#include <newsdex/error.hpp>\n#include <newsdex/version.hpp>\n"},
  };
  EXPECT_EQ(layering_violations(test_layers(), files), std::vector<std::string>{});
}

TEST(Layering, TheLayersLineIsParsedStrictly) {
  auto rank = parse_layers("Layers: a < b | c < d");
  EXPECT_EQ(rank,
            (std::map<std::string, int, std::less<>>{{"a", 0}, {"b", 1}, {"c", 1}, {"d", 2}}));
  EXPECT_TRUE(parse_layers("Layers: a < a").empty());      // a folder twice
  EXPECT_TRUE(parse_layers("Layers: a < < b").empty());    // an empty rank
  EXPECT_TRUE(parse_layers("Layers: a -> b").empty());     // not the notation
  EXPECT_TRUE(parse_layers("Layer order: a < b").empty()); // not the line
  EXPECT_EQ(layers_line("x\nLayers: a < b\ny\n"), std::optional<std::string>("Layers: a < b"));
  EXPECT_EQ(layers_line("`Layers: a < b`\n"), std::optional<std::string>("Layers: a < b"));
  EXPECT_EQ(layers_line("Layers: a < b\nLayers: b < a\n"), std::nullopt); // which one?
  EXPECT_EQ(layers_line("no line\n"), std::nullopt);
}

} // namespace
