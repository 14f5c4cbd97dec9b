#include "ingest/html_parser.hpp"

#include "common/ascii.hpp"
#include "ingest/charset.hpp"

#include <gumbo.h>

#include <map>
#include <memory>
#include <utility>

namespace newsdex::detail {
namespace {

// ---- small string helpers ------------------------------------------------------------------

// True if the whitespace-separated list `list` contains `token` (ASCII case-insensitive).
bool has_token(std::string_view list, std::string_view token) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_ascii_space(list[i])) ++i;
    const std::size_t start = i;
    while (i < list.size() && !is_ascii_space(list[i])) ++i;
    if (i > start && iequals_ascii(list.substr(start, i - start), token)) return true;
  }
  return false;
}

// ---- text collection -----------------------------------------------------------------------

// Accumulates text into paragraphs, collapsing runs of whitespace (and no-break spaces).
class TextCollector {
public:
  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      bool space = is_ascii_space(c) || c == '\v';
      if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') { // U+00A0
        space = true;
        ++i;
      }
      if (space) {
        pending_space_ = !current_.empty();
      } else {
        if (pending_space_) current_ += ' ';
        pending_space_ = false;
        current_ += c;
      }
    }
  }

  void paragraph_break() {
    if (!current_.empty()) paragraphs_.push_back(std::move(current_));
    current_.clear();
    pending_space_ = false;
  }

  /// Paragraphs so far, the unfinished one included.
  std::vector<std::string>& finish() {
    paragraph_break();
    return paragraphs_;
  }

  std::size_t paragraph_count() const { return paragraphs_.size(); }
  const std::vector<std::string>& paragraphs() const { return paragraphs_; }

private:
  std::vector<std::string> paragraphs_;
  std::string current_;
  bool pending_space_ = false;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator,
                 std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (i > from) out += separator;
    out += parts[i];
  }
  return out;
}

std::string collapse(std::string_view s) {
  TextCollector collector;
  collector.text(s);
  return join(collector.finish(), " ");
}

// ---- gumbo helpers -------------------------------------------------------------------------

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode* node) {
  return node->v.element.tag;
}

bool is_html_element(const GumboNode* node, GumboTag tag) {
  return is_element(node) && tag_of(node) == tag &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

std::string_view attribute(const GumboNode* node, const char* name) {
  if (!is_element(node)) return {};
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr && attr->value ? std::string_view(attr->value) : std::string_view();
}

bool has_attribute(const GumboNode* node, const char* name) {
  return is_element(node) && gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

const GumboVector& children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

const GumboNode* child(const GumboNode* node, unsigned i) {
  return static_cast<const GumboNode*>(children(node).data[i]);
}

bool has_children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT || is_element(node);
}

// Elements whose text is never article text.
bool is_excluded(const GumboNode* node) {
  if (!is_element(node)) return false;
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) {
    return tag_of(node) == GUMBO_TAG_SVG || tag_of(node) == GUMBO_TAG_MATH;
  }
  switch (tag_of(node)) {
  case GUMBO_TAG_SCRIPT:
  case GUMBO_TAG_STYLE:
  case GUMBO_TAG_NOSCRIPT:
  case GUMBO_TAG_NAV:
  case GUMBO_TAG_HEADER:
  case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_FORM:
  case GUMBO_TAG_TEMPLATE:
  case GUMBO_TAG_HEAD:
  case GUMBO_TAG_TITLE:
  case GUMBO_TAG_SVG:
  case GUMBO_TAG_MATH:
  case GUMBO_TAG_IFRAME:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_EMBED:
  case GUMBO_TAG_CANVAS:
  case GUMBO_TAG_AUDIO:
  case GUMBO_TAG_VIDEO:
  case GUMBO_TAG_SELECT:
  case GUMBO_TAG_TEXTAREA:
  case GUMBO_TAG_BUTTON:
    return true;
  default:
    break;
  }
  if (has_attribute(node, "hidden")) return true;
  if (iequals_ascii(attribute(node, "aria-hidden"), "true")) return true;
  std::string style = lower_ascii(attribute(node, "style"));
  std::erase_if(style, is_ascii_space);
  return style.find("display:none") != std::string::npos;
}

// Elements that end a paragraph.
bool is_block(const GumboNode* node) {
  switch (tag_of(node)) {
  case GUMBO_TAG_P:
  case GUMBO_TAG_DIV:
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_H4:
  case GUMBO_TAG_H5:
  case GUMBO_TAG_H6:
  case GUMBO_TAG_LI:
  case GUMBO_TAG_BR:
  case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_SECTION:
  case GUMBO_TAG_ARTICLE:
  case GUMBO_TAG_MAIN:
  case GUMBO_TAG_UL:
  case GUMBO_TAG_OL:
  case GUMBO_TAG_DL:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_DD:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_TR:
  case GUMBO_TAG_TD:
  case GUMBO_TAG_TH:
  case GUMBO_TAG_PRE:
  case GUMBO_TAG_FIGURE:
  case GUMBO_TAG_FIGCAPTION:
  case GUMBO_TAG_HR:
  case GUMBO_TAG_ADDRESS:
  case GUMBO_TAG_DETAILS:
  case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_FIELDSET:
  case GUMBO_TAG_CENTER:
  case GUMBO_TAG_HGROUP:
  case GUMBO_TAG_BODY:
    return true;
  default:
    return false;
  }
}

bool is_section_heading(const GumboNode* node) {
  return tag_of(node) == GUMBO_TAG_H2 || tag_of(node) == GUMBO_TAG_H3;
}

// Depth-first walk without recursion (pages can nest deeply). `enter` returns false to skip a
// node's subtree; `leave` is called after the subtree of every element or document node for
// which `enter` returned true.
template <typename Enter, typename Leave>
void walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  if (!enter(root)) return;
  if (!has_children(root)) return;
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next < children(top.node).length) {
      const GumboNode* node = child(top.node, top.next++);
      if (enter(node) && has_children(node)) stack.push_back({node, 0});
    } else {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(done);
    }
  }
}

// The text of `root` (excluded elements left out) as paragraphs; h2/h3 texts go to `headings`
// if given.
void collect_text(const GumboNode* root, TextCollector& collector,
                  std::vector<std::string>* headings) {
  std::vector<std::size_t> heading_starts;
  auto enter = [&](const GumboNode* node) {
    switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      collector.text(node->v.text.text);
      return false;
    case GUMBO_NODE_ELEMENT:
      if (node != root && is_excluded(node)) return false;
      if (is_block(node)) collector.paragraph_break();
      if (headings && is_section_heading(node))
        heading_starts.push_back(collector.paragraph_count());
      return true;
    default: // comments, templates
      return false;
    }
  };
  auto leave = [&](const GumboNode* node) {
    if (!is_element(node)) return;
    if (is_block(node)) collector.paragraph_break();
    if (headings && is_section_heading(node) && !heading_starts.empty()) {
      std::string heading = join(collector.paragraphs(), " ", heading_starts.back());
      heading_starts.pop_back();
      if (!heading.empty()) headings->push_back(std::move(heading));
    }
  };
  walk(root, enter, leave);
}

std::string element_text(const GumboNode* node) {
  TextCollector collector;
  collect_text(node, collector, nullptr);
  return join(collector.finish(), " ");
}

// ---- what the page declares ----------------------------------------------------------------

struct PageInfo {
  const GumboNode* html = nullptr;
  const GumboNode* body = nullptr;
  const GumboNode* title = nullptr;
  const GumboNode* first_h1 = nullptr;
  std::string canonical;
  std::map<std::string, std::string> meta; // "og:title" -> content; first one wins
  std::string item_date;                   // an itemprop="datePublished" value
  std::vector<const GumboNode*> articles;  // outermost <article>s outside excluded elements
  std::vector<const GumboNode*> mains;     // outermost <main>s outside excluded elements
};

PageInfo survey(const GumboNode* document) {
  PageInfo page;
  int excluded_depth = 0, article_depth = 0, main_depth = 0;
  auto enter = [&](const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return true;
    if (!is_element(node)) return false;
    const bool html_ns = node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
    const GumboTag tag = tag_of(node);
    if (html_ns) {
      switch (tag) {
      case GUMBO_TAG_HTML:
        if (!page.html) page.html = node;
        break;
      case GUMBO_TAG_BODY:
        if (!page.body) page.body = node;
        break;
      case GUMBO_TAG_TITLE:
        if (!page.title) page.title = node;
        break;
      case GUMBO_TAG_H1:
        if (!page.first_h1) page.first_h1 = node;
        break;
      case GUMBO_TAG_META: {
        const std::string content = collapse(attribute(node, "content"));
        if (content.empty()) break;
        for (const char* key : {"property", "name"}) {
          const std::string_view value = attribute(node, key);
          if (!value.empty()) page.meta.emplace(lower_ascii(collapse(value)), content);
        }
        const std::string_view equiv = attribute(node, "http-equiv");
        if (!equiv.empty())
          page.meta.emplace("http-equiv:" + lower_ascii(collapse(equiv)), content);
        break;
      }
      case GUMBO_TAG_LINK:
        if (page.canonical.empty() && has_token(attribute(node, "rel"), "canonical"))
          page.canonical = collapse(attribute(node, "href"));
        break;
      default:
        break;
      }
    }
    if (page.item_date.empty() && iequals_ascii(attribute(node, "itemprop"), "datePublished")) {
      page.item_date = collapse(attribute(node, "content"));
      if (page.item_date.empty()) page.item_date = collapse(attribute(node, "datetime"));
    }
    if (is_excluded(node) && tag != GUMBO_TAG_HEAD) ++excluded_depth;
    if (html_ns && excluded_depth == 0) {
      if (tag == GUMBO_TAG_ARTICLE && article_depth == 0) page.articles.push_back(node);
      if (tag == GUMBO_TAG_MAIN && main_depth == 0) page.mains.push_back(node);
    }
    if (html_ns && tag == GUMBO_TAG_ARTICLE) ++article_depth;
    if (html_ns && tag == GUMBO_TAG_MAIN) ++main_depth;
    return true;
  };
  auto leave = [&](const GumboNode* node) {
    if (!is_element(node)) return;
    const bool html_ns = node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
    if (is_excluded(node) && tag_of(node) != GUMBO_TAG_HEAD) --excluded_depth;
    if (html_ns && tag_of(node) == GUMBO_TAG_ARTICLE) --article_depth;
    if (html_ns && tag_of(node) == GUMBO_TAG_MAIN) --main_depth;
  };
  walk(document, enter, leave);
  return page;
}

std::string meta(const PageInfo& page, const std::string& key) {
  const auto it = page.meta.find(key);
  return it == page.meta.end() ? std::string() : it->second;
}

// The first <time datetime=...> under `root`, excluded elements included.
std::string first_time(const GumboNode* root) {
  std::string found;
  auto enter = [&found](const GumboNode* node) {
    if (!found.empty() || !(is_element(node) || node->type == GUMBO_NODE_DOCUMENT)) return false;
    if (is_html_element(node, GUMBO_TAG_TIME)) found = collapse(attribute(node, "datetime"));
    return found.empty();
  };
  walk(root, enter, [](const GumboNode*) {});
  return found;
}

// "en-GB" -> "en"; empty unless the primary subtag is two or three ASCII letters.
std::string primary_language(std::string_view tag) {
  std::string code = lower_ascii(collapse(tag));
  code = code.substr(0, code.find_first_of("-_,; "));
  if (code.size() < 2 || code.size() > 3) return {};
  for (char c : code) {
    if (c < 'a' || c > 'z') return {};
  }
  return code;
}

// A canonical URL given as a path, made absolute with the scheme and host of og:url.
std::string absolute_url(std::string url, std::string_view base) {
  if (url.empty() || url.find("://") != std::string::npos) return url;
  const std::size_t scheme_end = base.find("://");
  if (url.starts_with("//")) {
    return std::string(scheme_end == std::string_view::npos ? "https:"
                                                            : base.substr(0, scheme_end + 1)) +
           url;
  }
  if (url.starts_with("/") && scheme_end != std::string_view::npos) {
    const std::size_t host_end = base.find_first_of("/?#", scheme_end + 3);
    return std::string(base.substr(0, host_end)) + url;
  }
  return url;
}

std::size_t text_size(const std::vector<std::string>& paragraphs) {
  std::size_t n = 0;
  for (const std::string& p : paragraphs) n += p.size();
  return n;
}

struct Body {
  std::vector<std::string> paragraphs;
  std::vector<std::string> headings;
  const GumboNode* root = nullptr; // where the text came from
};

// The candidate with the most text.
Body best_of(const std::vector<const GumboNode*>& candidates) {
  Body best;
  std::size_t best_size = 0;
  for (const GumboNode* node : candidates) {
    Body body;
    TextCollector collector;
    body.root = node;
    collect_text(node, collector, &body.headings);
    body.paragraphs = std::move(collector.finish());
    const std::size_t size = text_size(body.paragraphs);
    if (size > best_size) {
      best = std::move(body);
      best_size = size;
    }
  }
  return best;
}

// The text of every <p> outside excluded elements.
Body all_paragraphs(const GumboNode* body_node) {
  Body body;
  TextCollector collector;
  auto enter = [&collector](const GumboNode* node) {
    if (!is_element(node)) return false;
    if (is_excluded(node)) return false;
    if (is_html_element(node, GUMBO_TAG_P)) {
      collector.paragraph_break();
      collect_text(node, collector, nullptr);
      collector.paragraph_break();
      return false;
    }
    return true;
  };
  walk(body_node, enter, [](const GumboNode*) {});
  body.paragraphs = std::move(collector.finish());
  return body;
}

} // namespace

bool parse_html(std::string_view utf8_html, Article& out, std::vector<std::string>& warnings) {
  if (utf8_html.starts_with("\xEF\xBB\xBF")) utf8_html.remove_prefix(3);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0; // we do not report parse errors; do not collect them
  const std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size()));
  if (!output || !output->document) {
    warnings.emplace_back("the HTML parser failed");
    return false;
  }
  const PageInfo page = survey(output->document);

  // Title.
  std::string title = meta(page, "og:title");
  if (title.empty() && page.title) title = element_text(page.title);
  if (title.empty() && page.first_h1) title = element_text(page.first_h1);

  // Body: <article>, else <main>, else every <p>, else the whole <body>.
  Body body = best_of(page.articles);
  if (body.paragraphs.empty()) body = best_of(page.mains);
  const GumboNode* content_root = body.root; // <article> or <main>, if one was used
  const GumboNode* root = page.body ? page.body : output->root;
  if (body.paragraphs.empty()) body = all_paragraphs(root);
  if (body.paragraphs.empty()) body = best_of({root});

  if (body.paragraphs.empty() && title.empty()) {
    warnings.emplace_back("the page has no text");
    return false;
  }
  if (title.empty()) warnings.emplace_back("the page has no title");
  if (body.paragraphs.empty()) warnings.emplace_back("the page has no body text, only a title");

  if (!title.empty()) out.title = std::move(title);
  out.body = join(body.paragraphs, "\n\n");
  out.headings = std::move(body.headings);

  // Date, raw.
  std::string date = meta(page, "article:published_time");
  if (date.empty()) date = meta(page, "date");
  if (date.empty()) date = page.item_date;
  if (date.empty() && content_root) date = first_time(content_root);
  if (date.empty()) date = first_time(output->document);
  if (!date.empty()) out.date = std::move(date);

  const std::string source = meta(page, "og:site_name");
  if (!source.empty()) out.source = source;

  const std::string og_url = meta(page, "og:url");
  std::string url = absolute_url(page.canonical, og_url);
  if (url.empty()) url = og_url;
  if (!url.empty()) out.url = std::move(url);

  std::string language = page.html ? primary_language(attribute(page.html, "lang")) : "";
  if (language.empty() && page.html) language = primary_language(attribute(page.html, "xml:lang"));
  if (language.empty()) language = primary_language(meta(page, "http-equiv:content-language"));
  if (language.empty()) language = primary_language(meta(page, "og:locale"));
  if (!language.empty()) out.language = std::move(language);

  const std::string author = meta(page, "author");
  if (!author.empty()) out.author = author;

  // gumbo 0.10 decodes a numeric character reference past U+10FFFF ("&#xbbbbbbbb": its int
  // overflows) into bytes that are not UTF-8, although the page was: repair what it gave us.
  for (std::string* field :
       {&out.title, &out.body, &out.date, &out.source, &out.url, &out.language, &out.author})
    if (!is_valid_utf8(*field)) repair_utf8(*field);
  for (std::string& heading : out.headings)
    if (!is_valid_utf8(heading)) repair_utf8(heading);
  return true;
}

} // namespace newsdex::detail
