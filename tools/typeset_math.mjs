// Typeset the built site's formulas once, at build time, so its pages load no MathJax.
//
// Usage: node tools/typeset_math.mjs SITE_DIR   (run by _ext/build_math.py after the build)
//
// Sphinx writes each formula's TeX into the page: inline math as
//   <span class="math notranslate nohighlight">\(...\)</span>
// and display math (amsmath environments without the \[ \] delimiters) as
//   <div class="math notranslate nohighlight" id="..."><span class="eqno">...</span>\[...\]</div>.
// Each TeX source becomes MathJax's SVG output (paths drawn in currentColor: no
// web fonts to fetch, right in the dark theme) with its MathML beside it for
// screen readers (MathJax's assistive MathML, hidden from view). The stylesheet
// those need is written once, to SITE_DIR/_static/math.css. A formula MathJax
// cannot read fails the run: the page would otherwise show an error box.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AssistiveMmlHandler } from "mathjax-full/js/a11y/assistive-mml.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";

export const STYLESHEET = "_static/math.css";
// The element Sphinx wraps a formula in, its attributes, and its HTML-escaped TeX.
const FORMULA = /<(span|div) class="math notranslate nohighlight"([^>]*)>([\s\S]*?)<\/\1>/g;
// A labelled equation's number comes first in its <div>, and stays as it is.
const EQUATION_NUMBER = /^(<span class="eqno">[\s\S]*?<\/span>)/;
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', nbsp: "\u00a0" };

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
// Sphinx's mathjax extension loads every TeX package too (tex-mml-chtml.js).
const tex = new TeX({ packages: AllPackages.filter((name) => !["bussproofs", "autoload", "require"].includes(name)) });
// "global": a page draws each glyph's path once, in a hidden <svg> at its end,
// and its formulas <use> them (a chapter's HTML would be three times heavier
// with each formula carrying its own paths).
const svg = new SVG({ fontCache: "global" });
const document = mathjax.document("", { InputJax: tex, OutputJax: svg });

/** The TeX as written: docutils escapes &, <, >, " and writes @ as &#64;. */
function unescapeHtml(text) {
  return text.replace(/&(?:(amp|lt|gt|quot|nbsp)|#(\d+)|#x([0-9a-fA-F]+));/g, (entity, name, decimal, hex) =>
    name ? ENTITIES[name] : String.fromCodePoint(decimal ? Number(decimal) : parseInt(hex, 16)));
}

/** The TeX inside Sphinx's delimiters, and whether it is displayed. */
function texSource(element, escaped) {
  const source = unescapeHtml(escaped).trim();
  if (source.startsWith("\\(") && source.endsWith("\\)")) return [source.slice(2, -2), false];
  if (source.startsWith("\\[") && source.endsWith("\\]")) return [source.slice(2, -2), true];
  if (element === "div") return [source, true]; // amsmath: \begin{align}...\end{align}
  throw new Error(`inline formula without \\( \\): ${source.slice(0, 80)}`);
}

/** One formula as MathJax's SVG container, or an Error naming the TeX it could not read. */
function typeset(texText, display, where) {
  const node = document.convert(texText, { display });
  const error = adaptor.getAttribute(node, "data-mjx-error") ||
    (adaptor.outerHTML(node).includes("data-mjx-error") ? "TeX error" : "");
  if (error) throw new Error(`${where}: MathJax cannot typeset ${JSON.stringify(texText)}: ${error}`);
  // The theme scrolls a display formula wider than the column; a keyboard must
  // reach it to scroll it (MathJax in the browser made every formula focusable).
  if (display) adaptor.setAttribute(node, "tabindex", "0");
  else keepSize(node);
  return adaptor.outerHTML(node);
}

/** An inline formula's size on its container, so the page can leave the formula
 * undrawn until the reader comes near (`_static/fast.css`) without moving a line. */
function keepSize(node) {
  const drawing = adaptor.firstChild(node);
  const width = adaptor.getAttribute(drawing, "width");
  const height = adaptor.getAttribute(drawing, "height");
  if (!width || !height) return;
  // Contained, the box has no baseline of its own: the theme's inline-flex
  // math span aligns it by its bottom margin edge, so that edge is raised by
  // the drawing's own shift below the baseline.
  const shift = /vertical-align:\s*([^;]+)/.exec(adaptor.getAttribute(drawing, "style") || "");
  const style = adaptor.getAttribute(node, "style") || "";
  adaptor.setAttribute(node, "style", `${style} contain-intrinsic-size: auto ${width} auto ${height};` +
    (shift ? ` margin-bottom: ${shift[1].trim()};` : ""));
}

/** The page with every formula typeset, and how many there were. */
function typesetPage(html, where) {
  svg.clearFontCache();
  let count = 0;
  const out = html.replace(FORMULA, (whole, element, attributes, inner) => {
    const number = inner.trimStart().match(EQUATION_NUMBER);
    const rest = number ? inner.trimStart().slice(number[0].length) : inner;
    const [source, display] = texSource(element, rest);
    count += 1;
    return `<${element} class="math notranslate nohighlight typeset"${attributes}>` +
      `${number ? number[0] : ""}${typeset(source, display, where)}</${element}>`;
  });
  if (!count) return [html, 0];
  const glyphs = `<svg id="MJX-SVG-global-cache" aria-hidden="true" style="display: none">` +
    `${adaptor.outerHTML(svg.fontCache.getCache())}</svg>`;
  const end = out.lastIndexOf("</body>");
  if (end < 0) throw new Error(`${where}: no </body> to put the formulas' glyphs before`);
  return [out.slice(0, end) + glyphs + out.slice(end), count];
}

function* htmlFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // _static and _sources hold copies and assets, never a page of the book.
    if (entry.isDirectory() && !entry.name.startsWith("_") && entry.name !== "lite") yield* htmlFiles(path);
    else if (entry.isFile() && entry.name.endsWith(".html")) yield path;
  }
}

function main(site) {
  let pages = 0;
  let formulas = 0;
  for (const path of htmlFiles(site)) {
    const html = readFileSync(path, "utf8");
    const [out, count] = typesetPage(html, path);
    if (count) {
      writeFileSync(path, out);
      pages += 1;
      formulas += count;
    }
  }
  const css = adaptor.textContent(svg.styleSheet(document));
  writeFileSync(join(site, STYLESHEET), `/* MathJax's SVG output (written by tools/typeset_math.mjs). */\n${css}\n`);
  console.log(`typeset_math: ${formulas} formulas on ${pages} pages, styles in ${STYLESHEET}`);
}

if (process.argv.length !== 3) {
  console.error("usage: node tools/typeset_math.mjs SITE_DIR");
  process.exit(2);
}
main(process.argv[2]);
