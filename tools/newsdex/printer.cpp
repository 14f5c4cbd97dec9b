#include "printer.hpp"
#include "output_fields.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace newsdex::cli {
namespace {

using json = nlohmann::ordered_json;

void put_hit(json& hj, const Hit& h) {
  hj["id"] = h.id;
  hj["rank"] = h.rank;
  hj["score"] = h.score;
  hj["title"] = h.title;
  hj["date"] = or_null(h.date);
  hj["source"] = or_null(h.source);
  hj["url"] = or_null(h.url);
  hj["entities"] = h.entities;
  hj["snippet"] = h.snippet;
  json hl = json::array();
  for (const auto& x : h.highlights) hl.push_back({x.begin, x.end});
  hj["highlights"] = hl;
  hj["duplicates"] = h.duplicates;
}

json facets_json(const SearchResults& r) {
  json facets = json::object();
  for (const auto& f : r.facets) {
    json values = json::array();
    for (const auto& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
    facets[std::string(to_string(f.kind))] = values;
  }
  return facets;
}

json explanation_json(const QueryExplanation& e) {
  json words = json::array();
  for (const auto& w : e.words)
    words.push_back({{"column", w.column},
                     {"text", w.text},
                     {"field", or_null(w.field)},
                     {"terms", w.terms},
                     {"note", or_null(w.note)}});
  return {{"tree", e.tree}, {"words", words}};
}

// The fields of one query's results (without format_version).
void put_results(json& j, const SearchResults& r, bool explain) {
  j["query"] = r.query;
  j["total_estimate"] = r.total_estimate;
  if (r.partial) { // only then: a whole result's JSON is unchanged
    j["partial"] = true;
    j["failed_shards"] = r.failed_shards;
  }
  json hits = json::array();
  for (const auto& h : r.hits) {
    json hj;
    put_hit(hj, h);
    hits.push_back(std::move(hj));
  }
  j["hits"] = hits;
  j["facets"] = facets_json(r);
  j["suggestion"] = or_null(r.suggestion);
  json warnings = json::array();
  for (const auto& w : r.warnings)
    warnings.push_back({{"column", w.column}, {"message", w.message}});
  j["warnings"] = warnings;
  if (explain) j["explanation"] = explanation_json(r.explanation);
}

class JsonPrinter : public Printer {
public:
  JsonPrinter(std::ostream& out, PrinterOptions o) : out_(out), o_(std::move(o)) {}
  void results(const std::string& qid, const SearchResults& r) override {
    json j;
    if (!o_.batch) {
      j["format_version"] = 1;
      put_results(j, r, o_.explain);
      out_ << json_text(j, 2) << '\n';
      return;
    }
    j["qid"] = qid;
    put_results(j, r, o_.explain);
    queries_.push_back(std::move(j));
  }
  void finish() override {
    if (!o_.batch) return;
    json top;
    top["format_version"] = 1;
    top["queries"] = queries_;
    out_ << json_text(top, 2) << '\n';
  }

private:
  std::ostream& out_;
  PrinterOptions o_;
  json queries_ = json::array();
};

// One hit a line, each a complete object.
class JsonlPrinter : public Printer {
public:
  explicit JsonlPrinter(std::ostream& out, PrinterOptions o) : out_(out), o_(std::move(o)) {}
  void results(const std::string& qid, const SearchResults& r) override {
    for (const auto& h : r.hits) {
      json line;
      line["format_version"] = 1;
      if (o_.batch) line["qid"] = qid;
      line["query"] = r.query;
      put_hit(line, h);
      out_ << json_text(line) << '\n';
    }
  }

private:
  std::ostream& out_;
  PrinterOptions o_;
};

// A standard TREC run: qid Q0 docid rank score tag.
class TrecPrinter : public Printer {
public:
  TrecPrinter(std::ostream& out, PrinterOptions o) : out_(out), o_(std::move(o)) {}
  void results(const std::string& qid, const SearchResults& r) override {
    for (const auto& h : r.hits)
      out_ << qid << " Q0 " << h.id << ' ' << h.rank << ' ' << std::fixed << std::setprecision(6)
           << h.score << ' ' << o_.run_tag << '\n';
  }

private:
  std::ostream& out_;
  PrinterOptions o_;
};

class IdsPrinter : public Printer {
public:
  explicit IdsPrinter(std::ostream& out) : out_(out) {}
  void results(const std::string&, const SearchResults& r) override {
    for (const auto& h : r.hits) out_ << h.id << '\n';
  }

private:
  std::ostream& out_;
};

class TextPrinter : public Printer {
public:
  TextPrinter(std::ostream& out, PrinterOptions o) : out_(out), o_(std::move(o)) {}
  void results(const std::string& qid, const SearchResults& r) override {
    const char* bold = o_.colour ? "\033[1m" : "";
    const char* dim = o_.colour ? "\033[2m" : "";
    const char* reset = o_.colour ? "\033[0m" : "";
    if (o_.batch) out_ << bold << "# " << qid << ": " << r.query << reset << "\n\n";
    if (o_.explain) {
      out_ << "query tree:\n";
      std::size_t at = 0;
      const std::string& tree = r.explanation.tree;
      while (at < tree.size()) {
        std::size_t nl = tree.find('\n', at);
        if (nl == std::string::npos) nl = tree.size();
        out_ << "  " << tree.substr(at, nl - at) << '\n';
        at = nl + 1;
      }
      out_ << "words:\n";
      for (const auto& w : r.explanation.words) {
        out_ << "  col " << w.column << "  " << w.text << " ->";
        if (w.terms.empty())
          out_ << (w.field == "date" ? " (a range of the date value)" : " (none)");
        for (const auto& t : w.terms) out_ << ' ' << t;
        if (!w.note.empty()) out_ << "  [" << w.note << ']';
        out_ << '\n';
      }
      out_ << '\n';
    }
    for (const auto& h : r.hits) {
      out_ << bold << h.rank << ". " << (h.title.empty() ? h.id : h.title) << reset << '\n';
      out_ << "   " << dim << (h.date.empty() ? "" : h.date + " · ")
           << (h.source.empty() ? "" : h.source + " · ") << h.id << " · score " << std::fixed
           << std::setprecision(2) << h.score << reset << '\n';
      if (!h.url.empty() && h.url != h.id) out_ << "   " << dim << h.url << reset << '\n';
      if (!h.entities.empty()) {
        out_ << "   " << dim << "entities:";
        for (std::size_t i = 0; i < h.entities.size(); ++i)
          out_ << (i ? ", " : " ") << h.entities[i];
        out_ << reset << '\n';
      }
      if (!h.snippet.empty()) out_ << "   " << marked(h) << '\n';
      if (!h.duplicates.empty())
        out_ << "   " << dim << "+" << h.duplicates.size() << " near-duplicate"
             << (h.duplicates.size() == 1 ? "" : "s") << ": " << join(h.duplicates) << reset
             << '\n';
      out_ << '\n';
    }
    for (const auto& f : r.facets) {
      out_ << bold << to_string(f.kind) << reset << ':';
      if (f.values.empty()) out_ << " (none)";
      for (const auto& v : f.values) out_ << "  " << v.value << " (" << v.count << ')';
      out_ << '\n';
    }
    if (!r.facets.empty()) out_ << '\n';
    if (!r.suggestion.empty()) out_ << "did you mean: " << r.suggestion << '\n';
    out_ << "about " << r.total_estimate << " matching article"
         << (r.total_estimate == 1 ? "" : "s") << '\n';
    if (o_.batch) out_ << '\n';
  }

private:
  std::ostream& out_;
  PrinterOptions o_;

  static std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  }

  std::string marked(const Hit& h) const {
    if (!o_.colour) return h.snippet;
    std::string out;
    std::size_t at = 0;
    for (const auto& r : h.highlights) {
      // Highlights come in order without overlapping; one that broke that (or ran past the
      // text) would make `r.begin - at` wrap and repeat the snippet: skip it instead.
      if (r.begin < at || r.end < r.begin || r.end > h.snippet.size()) continue;
      out.append(h.snippet, at, r.begin - at);
      out += "\033[1;33m";
      out.append(h.snippet, r.begin, r.end - r.begin);
      out += "\033[0m";
      at = r.end;
    }
    out.append(h.snippet, at);
    return out;
  }
};

} // namespace

std::unique_ptr<Printer> make_printer(std::string_view format, std::ostream& out,
                                      PrinterOptions options) {
  if (format == "json") return std::make_unique<JsonPrinter>(out, std::move(options));
  if (format == "jsonl") return std::make_unique<JsonlPrinter>(out, std::move(options));
  if (format == "trec") return std::make_unique<TrecPrinter>(out, std::move(options));
  if (format == "ids") return std::make_unique<IdsPrinter>(out);
  return std::make_unique<TextPrinter>(out, std::move(options));
}

void print_article(std::string_view format, const Article& a, std::ostream& out) {
  if (format == "json" || format == "jsonl") {
    json art;
    art["id"] = a.id;
    art["title"] = a.title;
    art["date"] = or_null(a.date);
    art["source"] = or_null(a.source);
    art["url"] = or_null(a.url);
    art["language"] = or_null(a.language);
    art["author"] = or_null(a.author);
    art["place"] = or_null(a.place);
    art["body"] = a.body;
    json top;
    top["format_version"] = 1;
    top["article"] = art;
    out << (format == "json" ? json_text(top, 2) : json_text(top)) << '\n';
    return;
  }
  if (format == "ids") {
    out << a.id << '\n';
    return;
  }
  auto line = [&](const char* key, const std::string& v) {
    if (!v.empty()) out << key << ": " << v << '\n';
  };
  line("Id", a.id);
  line("Title", a.title);
  line("Date", a.date);
  line("Source", a.source);
  line("URL", a.url);
  line("Language", a.language);
  line("Author", a.author);
  line("Place", a.place);
  out << '\n' << a.body;
  if (!a.body.empty() && a.body.back() != '\n') out << '\n';
}

} // namespace newsdex::cli
