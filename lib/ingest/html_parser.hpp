// Extracts an Article from an HTML news page.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// Parses a UTF-8 HTML page (see `to_utf8` in charset.hpp) into `out`:
///  - title: `<meta property="og:title">`, else `<title>`, else the first `<h1>`;
///  - body: the text of the `<article>` (the one with the most text if there are several), else
///    of `<main>`, else of all `<p>` elements, else of the whole `<body>`. Text inside script,
///    style, noscript, nav, header, footer, aside, form, template (and svg, iframe, button,
///    hidden elements and the like) is never used. Block elements (p, div, h1-h6, li, br,
///    blockquote, section, ...) separate paragraphs with "\n\n"; whitespace is collapsed;
///  - headings: the text of the h2/h3 elements in the body;
///  - date: the raw `<meta property="article:published_time">`, `<meta name="date">` or
///    `itemprop="datePublished"` value, else the `datetime` of the first `<time>` of the body
///    (of the page if the body has none). Not normalized;
///  - source: og:site_name; url: `<link rel="canonical">` (made absolute with og:url when it is a
///    path), else og:url; author: `<meta name="author">`;
///  - language: the lowercase primary subtag of `<html lang>` ("en-GB" -> "en"), else of
///    Content-Language or og:locale; only 2- or 3-letter codes are taken.
/// Fields the page does not provide are left as they were; `body` and `headings` are always
/// replaced. Problems are appended to `warnings`. Returns false (with a warning) if the page has
/// no text at all; a page with a title but no body text gives true and a warning.
bool parse_html(std::string_view utf8_html, Article& out, std::vector<std::string>& warnings);

} // namespace newsdex::detail
