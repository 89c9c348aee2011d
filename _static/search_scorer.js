/* The book's search ranking and result snippets (Sphinx's html_search_scorer).
 *
 * Sphinx copies this file into language_data.js, which every page loads
 * before searchtools.js, so the Scorer below replaces Sphinx's default.
 *
 * Ranking: a page whose title holds every word of the query (the chapter that
 * teaches the term) comes before pages that only mention it in their text.
 * Snippets: the article's prose only (no navigation or lists of section
 * titles), with LaTeX written as plain text (\(\alpha \le 0\) -> α ≤ 0).
 * Highlighting: the opened page marks the searched words.
 */
var Scorer = {
  score: function (result) {
    var title = (result[1] || "").toLowerCase();
    var score = result[4];
    var query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase();
    var words = query.split(/\s+/).filter(function (word) { return word.length > 2; });
    var inTitle = words.length > 0 && words.every(function (word) { return title.indexOf(word) !== -1; });
    return score + (inTitle ? 30 : 0);
  },
  // Sphinx's defaults, except a title match weighs twice as much.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 30,
  partialTitle: 14,
  term: 5,
  partialTerm: 2,
};

(function () {
  "use strict";
  var SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", lambda: "λ",
    mu: "μ", sigma: "σ", theta: "θ", partial: "∂", nabla: "∇", sum: "Σ", prod: "Π", infty: "∞",
    le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", approx: "≈", times: "×", cdot: "·",
    to: "→", rightarrow: "→", leftarrow: "←", in: "∈", odot: "⊙", pm: "±", sqrt: "√", ldots: "…",
    dots: "…", cdots: "…", eta: "η", rho: "ρ", tau: "τ", phi: "φ", pi: "π", omega: "ω", Delta: "Δ",
    quad: " ", qquad: " ", left: "", right: "", big: "", Big: "", top: "ᵀ",
  };
  // Font and text commands: their argument stays, the command goes.
  var FONTS = /\\(?:operatorname|mathrm|mathbf|mathbb|mathcal|boldsymbol|text|textrm|mathit)\b\s*/g;

  function plainTex(tex) {
    return tex
      .replace(/^\\[(\[]|\\[)\]]$/g, "")
      .replace(/\\frac\{(\w+)\}\{(\w+)\}/g, "$1/$2")
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "($1)/($2)")
      .replace(FONTS, "")
      .replace(/\\([A-Za-z]+)/g, function (match, name) { return SYMBOLS[name] !== undefined ? SYMBOLS[name] : name; })
      .replace(/\\[,;:! ]/g, " ")
      .replace(/[{}]/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  function prose(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var article = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    if (!article) return "";
    var junk = ".headerlink, script, style, nav, .toctree-wrapper, div.cell, .mermaid, .quiz";
    article.querySelectorAll(junk).forEach(function (element) { element.remove(); });
    article.querySelectorAll(".math").forEach(function (element) {
      element.textContent = plainTex(element.textContent);
    });
    var block = anchor ? article.querySelector(anchor) : null;
    return (block || article).textContent;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search !== "undefined") Search.htmlToText = prose;
    // Sphinx highlights the searched words on the opened page only where
    // searchtools.js is absent; the theme loads it on every page (for its
    // search dialog), so the opened page asks for the highlighting here.
    var onSearchPage = document.getElementById("search-results") !== null;
    if (!onSearchPage && typeof SphinxHighlight !== "undefined") SphinxHighlight.highlightSearchWords();
  });
})();
