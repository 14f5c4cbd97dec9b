// conll-eval: scores newsdex's entity recognizer on a file in CoNLL-2003 token/tag format.
//
//   conll-eval ../shared/data/conll2003/valid.txt [--errors N] [--sentences]
//
// Each document's text is rebuilt from its tokens (one sentence a line, tokens joined by spaces
// except before closing punctuation and "'s"), with the byte span of every token kept. The
// recognizer the indexer uses (detail::find_mentions) runs over each document; a predicted
// mention is correct when its byte span is exactly a gold entity's (untyped), and its type maps to
// the gold tag (typed): person = PER, organization = ORG, place = LOC, other = MISC; unknown never
// matches a type. Prints precision, recall and F1, untyped, typed and per tag, and the
// recognizer's speed.
#include "entities/recognizer.hpp"

#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>

#include <nlohmann/json.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using newsdex::EntityType;

struct Span {
  std::size_t begin, end;
  std::string tag; // PER ORG LOC MISC
  bool operator<(const Span& o) const {
    return std::tie(begin, end, tag) < std::tie(o.begin, o.end, o.tag);
  }
};

struct Document {
  std::string text;
  std::vector<Span> gold;
};

bool attaches_left(const std::string& tok) {
  static const std::set<std::string> left{",", ".", ";",  ":",  "!",   "?", ")",
                                          "]", "}", "'s", "'S", "n't", "%", "'"};
  return left.count(tok) > 0;
}

// Reads documents: "-DOCSTART-" separates them, a blank line separates sentences.
std::vector<Document> read_conll(const std::string& path, bool sentences_as_documents) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Document> docs(1);
  std::string line;
  bool sentence_open = false, attach_next = false;
  std::string open_tag;
  std::size_t open_begin = 0, last_end = 0;
  auto close_entity = [&] {
    if (!open_tag.empty()) docs.back().gold.push_back({open_begin, last_end, open_tag});
    open_tag.clear();
  };
  auto end_sentence = [&] {
    close_entity();
    if (sentence_open) {
      if (sentences_as_documents)
        docs.emplace_back();
      else
        docs.back().text += '\n';
    }
    sentence_open = false;
  };
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line.empty()) {
      end_sentence();
      continue;
    }
    auto sp = line.find(' ');
    std::string token = line.substr(0, sp);
    std::string tag = sp == std::string::npos ? "O" : line.substr(line.rfind(' ') + 1);
    if (token == "-DOCSTART-") {
      end_sentence();
      if (!docs.back().text.empty()) docs.emplace_back();
      continue;
    }
    std::string& text = docs.back().text;
    if (sentence_open && !attach_next && !attaches_left(token)) text += ' ';
    attach_next = token == "(" || token == "[" || token == "$";
    std::size_t begin = text.size();
    text += token;
    sentence_open = true;
    // IOB1 or IOB2 tags
    std::string type = tag.size() > 2 ? tag.substr(2) : "";
    bool starts = tag[0] == 'B' || (tag[0] == 'I' && type != open_tag);
    if (tag == "O" || starts) close_entity();
    if (starts) {
      open_tag = type;
      open_begin = begin;
    }
    last_end = text.size();
  }
  end_sentence();
  if (docs.back().text.empty()) docs.pop_back();
  return docs;
}

const char* tag_of(EntityType t) {
  switch (t) {
  case EntityType::person:
    return "PER";
  case EntityType::organization:
    return "ORG";
  case EntityType::place:
    return "LOC";
  case EntityType::other:
    return "MISC";
  case EntityType::unknown:
    break;
  }
  return "UNK";
}

struct Counts {
  std::size_t predicted = 0, gold = 0, correct = 0;
  void print(const std::string& label) const {
    double p =
        predicted ? 100.0 * static_cast<double>(correct) / static_cast<double>(predicted) : 0;
    double r = gold ? 100.0 * static_cast<double>(correct) / static_cast<double>(gold) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%-9s P %6.2f  R %6.2f  F1 %6.2f   (predicted %zu, gold %zu, correct %zu)\n",
                label.c_str(), p, r, f, predicted, gold, correct);
  }
};

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Score newsdex's entity recognizer on a CoNLL-2003 format file"};
  std::string path;
  std::size_t errors = 0;
  bool sentences = false;
  app.add_option("file", path, "Token/tag file (e.g. ../shared/data/conll2003/valid.txt)");
  app.add_option("--errors", errors, "Print this many missed and spurious spans");
  std::string jsonl;
  app.add_option("--speed", jsonl,
                 "Time the recognizer (and, for scale, the analyzer) on the title and body of "
                 "every article of a JSON Lines file instead");
  std::string text;
  app.add_option("--text", text, "Print the mentions found in this text instead (debugging)");
  app.add_flag("--sentences", sentences,
               "Run the recognizer on each sentence alone instead of each document");
  CLI11_PARSE(app, argc, argv);

  if (!jsonl.empty()) {
    std::ifstream in(jsonl);
    std::vector<newsdex::Article> articles;
    std::size_t bytes = 0;
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      newsdex::Article a;
      a.title = j.value("title", "");
      a.body = j.value("body", "");
      bytes += a.title.size() + a.body.size();
      articles.push_back(std::move(a));
    }
    auto tables = newsdex::detail::entity_tables({});
    newsdex::Analyzer analyzer;
    for (int round = 0; round < 3; ++round) {
      std::size_t entities = 0, tokens = 0;
      auto t0 = std::chrono::steady_clock::now();
      for (const auto& a : articles)
        entities += newsdex::detail::recognize_entities(a, *tables).size();
      auto t1 = std::chrono::steady_clock::now();
      for (const auto& a : articles) {
        analyzer.analyze(a.title, [&](const newsdex::Token&) { ++tokens; });
        analyzer.analyze(a.body, [&](const newsdex::Token&) { ++tokens; });
      }
      auto t2 = std::chrono::steady_clock::now();
      double r = std::chrono::duration<double>(t1 - t0).count();
      double z = std::chrono::duration<double>(t2 - t1).count();
      double mb = static_cast<double>(bytes) / 1e6;
      std::printf("%zu articles, %.2f MB: recognizer %.3f s (%.1f MB/s, %zu entities), analyzer "
                  "%.3f s (%.1f MB/s, %zu tokens); recognizer/analyzer %.2f\n",
                  articles.size(), mb, r, mb / r, entities, z, mb / z, tokens, r / z);
    }
    return 0;
  }
  if (!text.empty()) {
    for (std::size_t at; (at = text.find("\\n")) != std::string::npos;) text.replace(at, 2, "\n");
    auto tables = newsdex::detail::entity_tables({});
    for (const auto& m : newsdex::detail::find_mentions(text, *tables))
      std::printf("%-5s %-28s <- %s\n", tag_of(m.type), m.name.c_str(),
                  text.substr(m.begin, m.end - m.begin).c_str());
    return 0;
  }
  try {
    auto docs = read_conll(path, sentences);
    auto tables = newsdex::detail::entity_tables({});
    Counts untyped, typed;
    std::map<std::string, Counts> per_tag;
    std::size_t bytes = 0, printed_missed = 0, printed_spurious = 0, unknown = 0;
    double seconds = 0;
    for (const auto& doc : docs) {
      auto start = std::chrono::steady_clock::now();
      auto mentions = newsdex::detail::find_mentions(doc.text, *tables);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      bytes += doc.text.size();
      std::map<std::pair<std::size_t, std::size_t>, std::string> gold, predicted;
      for (const auto& g : doc.gold) gold[{g.begin, g.end}] = g.tag;
      for (const auto& m : mentions) {
        predicted[{m.begin, m.end}] = tag_of(m.type);
        if (m.type == EntityType::unknown) ++unknown;
      }
      untyped.gold += gold.size();
      typed.gold += gold.size();
      untyped.predicted += predicted.size();
      typed.predicted += predicted.size();
      for (const auto& [span, tag] : gold) ++per_tag[tag].gold;
      for (const auto& [span, tag] : predicted) {
        ++per_tag[tag].predicted;
        auto g = gold.find(span);
        if (g == gold.end()) {
          if (printed_spurious < errors) {
            ++printed_spurious;
            std::printf("spurious %-4s %s\n", tag.c_str(),
                        doc.text.substr(span.first, span.second - span.first).c_str());
          }
          continue;
        }
        ++untyped.correct;
        if (g->second == tag) {
          ++typed.correct;
          ++per_tag[tag].correct;
        } else if (errors && printed_spurious < errors) {
          ++printed_spurious;
          std::printf("mistyped %-4s (gold %s) %s\n", tag.c_str(), g->second.c_str(),
                      doc.text.substr(span.first, span.second - span.first).c_str());
        }
      }
      for (const auto& [span, tag] : gold) {
        if (predicted.count(span) || printed_missed >= errors) continue;
        ++printed_missed;
        // show the line for context
        std::size_t ls = doc.text.rfind('\n', span.first);
        ls = ls == std::string::npos ? 0 : ls + 1;
        std::size_t le = doc.text.find('\n', span.second);
        std::printf("missed   %-4s %s    | %s\n", tag.c_str(),
                    doc.text.substr(span.first, span.second - span.first).c_str(),
                    doc.text.substr(ls, le == std::string::npos ? std::string::npos : le - ls)
                        .substr(0, 160)
                        .c_str());
      }
    }
    std::printf("%s: %zu documents, %.2f MB, %s\n", path.c_str(), docs.size(),
                static_cast<double>(bytes) / 1e6,
                sentences ? "sentence by sentence" : "by document");
    untyped.print("untyped");
    typed.print("typed");
    for (const auto& [tag, c] : per_tag) c.print(tag);
    std::printf("unknown-typed predictions: %zu\n", unknown);
    std::printf("recognizer: %.3f s, %.1f MB/s\n", seconds,
                seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "conll-eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
