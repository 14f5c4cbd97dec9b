// The search page of `newsdex serve`. Everything shown comes from feeds, so every string goes into
// the page as text (textContent, createTextNode), never as HTML; the server's
// Content-Security-Policy forbids inline script as a second line of defence.
"use strict";

const PAGE = 10;
const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of params) url.searchParams.append(k, v);
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && body.error ? body.error.message : "HTTP " + res.status;
    const error = new Error(message);
    error.status = res.status;
    throw error;
  }
  return body;
}

// The snippet with its highlights as <mark>: the server gives UTF-8 byte offsets.
function snippetNode(snippet, highlights) {
  const p = el("p", "snippet");
  const bytes = encoder.encode(snippet);
  let at = 0;
  for (const [begin, end] of highlights || []) {
    if (begin < at || end > bytes.length || begin >= end) continue;
    p.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, begin))));
    p.appendChild(el("mark", null, decoder.decode(bytes.subarray(begin, end))));
    at = end;
  }
  p.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at))));
  return p;
}

function quoted(value) {
  return /^[\p{L}\p{N}_.-]+$/u.test(value) ? value : '"' + value.replace(/"/g, "") + '"';
}

function refine(field, value) {
  const q = ($("q").value.trim() + " " + field + ":" + quoted(value)).trim();
  go(q, 0);
}

function showHit(hit) {
  const li = el("li", "hit");
  li.dataset.id = hit.id;
  const h = el("h3");
  const a = el("a", "title", hit.title || hit.id);
  a.href = "#";
  a.addEventListener("click", (ev) => { ev.preventDefault(); openArticle(hit.id); });
  h.appendChild(a);
  li.appendChild(h);
  li.appendChild(el("p", "meta", [hit.date, hit.source].filter(Boolean).join(" · ")));
  if (hit.snippet) li.appendChild(snippetNode(hit.snippet, hit.highlights));
  const chips = el("div", "chips");
  for (const name of (hit.entities || []).slice(0, 8)) {
    const chip = el("button", "chip", name);
    chip.type = "button";
    chip.title = "Only articles naming " + name;
    chip.addEventListener("click", () => refine("entity", name));
    chips.appendChild(chip);
  }
  li.appendChild(chips);
  return li;
}

function showFacets(facets) {
  const aside = $("facets");
  aside.replaceChildren();
  const field = { source: "source", year: "year", entity: "entity" };
  for (const kind of ["source", "year", "entity"]) {
    const values = facets[kind] || [];
    if (!values.length) continue;
    aside.appendChild(el("h4", null, kind));
    const ul = el("ul");
    ul.dataset.facet = kind;
    for (const v of values) {
      const li = el("li");
      li.appendChild(el("span", "value", v.value));
      li.appendChild(el("span", "count", v.count));
      li.addEventListener("click", () => refine(field[kind], v.value));
      ul.appendChild(li);
    }
    aside.appendChild(ul);
  }
}

// A bar per period, as SVG elements built one by one (no markup strings).
function showTrend(trend) {
  const figure = $("trend");
  const chart = $("trend-chart");
  chart.replaceChildren();
  const series = trend && trend.series && trend.series[0];
  const points = series ? trend.periods.map((p, i) => ({ period: p.period, count: series.counts[i] })) : [];
  if (points.length < 2) { figure.hidden = true; return; }
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const width = 600, height = 80, base = 80;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = width / points.length;
  points.forEach((p, i) => {
    const h = (p.count / max) * (base - 4);
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", (i * step + step * 0.1).toFixed(2));
    r.setAttribute("y", (base - h).toFixed(2));
    r.setAttribute("width", (step * 0.8).toFixed(2));
    r.setAttribute("height", h.toFixed(2));
    const title = document.createElementNS(ns, "title");
    title.textContent = `${p.period}: ${p.count}`;
    r.appendChild(title);
    svg.appendChild(r);
  });
  chart.appendChild(svg);
  // The labels are HTML under the chart: text inside a stretched SVG would be stretched too.
  const axis = el("div", "axis");
  axis.appendChild(el("span", null, points[0].period));
  axis.appendChild(el("span", null, points[points.length - 1].period));
  chart.appendChild(axis);
  figure.hidden = false;
}

async function openArticle(id) {
  try {
    const { article } = await api("/api/show", [["id", id]]);
    $("article-title").textContent = article.title || article.id;
    $("article-meta").textContent = [article.date, article.source, article.url]
      .filter(Boolean).join(" · ");
    const body = $("article-body");
    body.replaceChildren();
    for (const para of (article.body || "").split(/\n+/)) if (para.trim()) body.appendChild(el("p", null, para));
    $("article").hidden = false;
  } catch (e) {
    setStatus(e.message, true);
  }
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").classList.toggle("error", !!isError);
}

async function run(q, offset) {
  document.documentElement.dataset.ready = "0";
  $("q").value = q;
  $("hits").replaceChildren();
  $("facets").replaceChildren();
  $("suggestion").hidden = true;
  $("previous").hidden = $("next").hidden = true;
  $("trend").hidden = true;
  if (!q) {
    try {
      const stats = await api("/api/stats", []);
      setStatus(`${stats.documents} articles` +
        (stats.first_date ? `, ${stats.first_date} to ${stats.last_date}` : ""));
    } catch (e) {
      setStatus(e.message, true);
    }
    document.documentElement.dataset.ready = "1";
    return;
  }
  setStatus("Searching…");
  const search = api("/api/search", [["q", q], ["limit", PAGE], ["offset", offset],
    ["facet", "source"], ["facet", "year"], ["facet", "entity"], ["facet_limit", 10]]);
  const trend = api("/api/trend", [["q", q], ["by", "month"]]).catch(() => null);
  try {
    const r = await search;
    const shown = r.hits.length;
    setStatus(shown ? `${offset + 1}–${offset + shown} of ${r.total_estimate}` : "No articles match.");
    for (const w of r.warnings) setStatus($("status").textContent + ` (note: ${w.message})`);
    for (const hit of r.hits) $("hits").appendChild(showHit(hit));
    showFacets(r.facets || {});
    if (r.suggestion) {
      const s = $("suggestion");
      s.replaceChildren(document.createTextNode("Did you mean "));
      const a = el("a", null, r.suggestion);
      a.addEventListener("click", () => go(r.suggestion, 0));
      s.appendChild(a);
      s.appendChild(document.createTextNode("?"));
      s.hidden = false;
    }
    $("previous").hidden = offset === 0;
    $("next").hidden = offset + shown >= r.total_estimate;
    $("previous").onclick = () => go(q, Math.max(0, offset - PAGE));
    $("next").onclick = () => go(q, offset + PAGE);
    showTrend(await trend);
  } catch (e) {
    setStatus(e.message, true);
  }
  document.documentElement.dataset.ready = "1";
}

// The query lives in the URL (/?q=...&offset=...), so a search can be linked and Back works.
function go(q, offset) {
  const url = new URL("/", location.origin);
  if (q) url.searchParams.set("q", q);
  if (offset) url.searchParams.set("offset", offset);
  history.pushState(null, "", url);
  run(q, offset);
}

function fromUrl() {
  const params = new URLSearchParams(location.search);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  run(params.get("q") || "", offset);
}

$("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  go($("q").value.trim(), 0);
});
$("close").addEventListener("click", () => { $("article").hidden = true; });
window.addEventListener("popstate", fromUrl);
fromUrl();
