"""The stylesheet and the script inlined into the HTML reader (:mod:`bicorpus.export.html_reader`).

Kept apart from the writer so that the Python reads as Python. Both are inlined, never
linked: the reader is one file that opens from disk and fetches nothing, so fonts are named
(a stack of faces commonly installed on Linux, macOS and Windows, Latin first, then Chinese,
Japanese and Korean ones for the characters the Latin faces lack) and never downloaded.
Neither may contain the closing tag of its element; the writer's tests check that.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """
:root {
  --paper: #fbfaf6; --ink: #1f1e1b; --muted: #6d685e; --faint: #a39e93; --rule: #e3ded2; --accent: #8a4f24;
  --text-font: "Source Serif 4", "Source Serif Pro", "Noto Serif", Charter, "Iowan Old Style", Georgia,
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, "Noto Serif CJK TC", "Noto Serif CJK JP",
    "Noto Serif CJK KR", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "DejaVu Serif", serif;
  --ui-font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
    "DejaVu Sans", sans-serif;
  --bar: 0px;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 17px/1.62 var(--text-font); }
header.corpus, main, footer.colophon { max-width: 84rem; margin: 0 auto; padding-left: 2rem; padding-right: 2rem; }
header.corpus { padding-top: 2.4rem; padding-bottom: .6rem; }
h1 { font-size: 1.65rem; font-weight: 600; margin: 0 0 .25rem; letter-spacing: .005em; }
.summary, .toc-detail, .legend, .signature, .controls, .doc-id, .doc-counts, .columns, .para-head, .gutter, .gap,
.colophon, .none-shown { font-family: var(--ui-font); }
.summary { margin: 0 0 1.1rem; font-size: .86rem; color: var(--muted); }
.toc { margin: 0 0 1rem; padding-left: 1.3rem; font-size: .95rem; line-height: 1.45; }
.toc li { margin: 0 0 .45rem; }
.toc a { color: var(--ink); text-decoration: none; }
.toc a:hover .toc-title-0 { text-decoration: underline; text-decoration-color: var(--faint); }
.toc-title-1 { display: block; color: var(--muted); font-size: .92em; }
.toc-detail { font-size: .75rem; color: var(--faint); }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.3rem; margin: .6rem 0; padding: 0; list-style: none;
  font-size: .76rem; color: var(--muted); }
.legend .ent, .legend .term { font-family: var(--text-font); font-size: 1.15em; color: var(--ink); }
.gap-sample { display: inline-block; padding: 0 .4em; border: 1px dashed #cdbb9d; border-radius: 3px; color: var(--accent);
  background: repeating-linear-gradient(135deg, transparent 0 6px, rgba(138, 79, 36, .08) 6px 7px); font-style: italic; }
.signature { margin: .5rem 0 0; font-size: .7rem; color: var(--faint); overflow-wrap: anywhere; }
.signature code { font-size: inherit; color: var(--muted); }

.controls { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center; gap: .45rem .9rem;
  padding: .55rem max(2rem, calc((100% - 84rem) / 2 + 2rem)); background: rgba(251, 250, 246, .97);
  border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); font-size: .82rem; color: var(--ink); }
.no-js .controls { display: none; }
.controls select, .controls input[type="search"] { font: inherit; color: var(--ink); background: #fff;
  border: 1px solid #cec7b7; border-radius: 4px; padding: .22rem .4rem; }
.controls select { max-width: 13rem; }
.controls input[type="search"] { width: 11rem; }
.controls input[aria-invalid="true"] { border-color: #b3261e; background: #fff3f1; }
.controls .search, .controls .layers { display: inline-flex; flex-wrap: wrap; align-items: center; gap: .3rem .8rem; }
.controls .check { color: var(--muted); white-space: nowrap; }
.controls input[type="checkbox"] { accent-color: var(--accent); margin: 0 .15rem 0 0; vertical-align: -.1em; }
#status { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }

.doc { margin: 2.2rem 0 3.2rem; scroll-margin-top: calc(var(--bar) + 1rem); }
.doc-head { padding-top: .9rem; border-top: 2px solid var(--ink); margin-bottom: .8rem; }
.doc-id { margin: 0; font-size: .7rem; letter-spacing: .06em; color: var(--faint); }
.doc-head h2 { margin: .15rem 0 .1rem; max-width: 52rem; font-size: 1.32rem; font-weight: 600; line-height: 1.35; }
.doc-head .title-1 { margin: 0 0 .35rem; max-width: 52rem; font-size: 1.12rem; color: #3b3933; }
.doc-meta { margin: .2rem 0; font-style: italic; color: var(--muted); }
.doc-counts { margin: 0; font-size: .76rem; color: var(--faint); }

.columns, .bead { display: grid; grid-template-columns: 2.4rem minmax(0, 1fr) minmax(0, 1fr); column-gap: 2.2rem; }
.columns { position: sticky; top: var(--bar); z-index: 4; padding: .3rem 0; background: var(--paper);
  border-bottom: 1px solid var(--rule); font-size: .7rem; letter-spacing: .09em; text-transform: uppercase; color: var(--muted); }
.para { margin: 0 0 .9rem; }
.para-head { margin: .8rem 0 .15rem calc(2.4rem + 2.2rem); font-size: .68rem; letter-spacing: .03em; color: var(--faint); }
.bead { padding: .22rem 0; border-radius: 3px; scroll-margin-top: calc(var(--bar) + 2.5rem); }
.bead:target { background: #f5edd6; }
.gutter { padding-top: .32rem; text-align: right; font-size: .68rem; line-height: 1.25; color: var(--faint); }
.gutter a { color: inherit; text-decoration: none; }
.gutter .kind { display: block; margin-top: .15rem; font-weight: 600; color: var(--accent); }
.bead.dup .gutter a::after { content: " \\2261"; }
.bead.flagged .gutter a::before { content: "\\2691 "; color: #b3261e; }
.side { max-width: 40em; hyphens: auto; }
.side.unspaced { line-height: 1.85; letter-spacing: .02em; text-align: justify; hyphens: manual; }
.text { white-space: pre-line; }
.side.empty { display: flex; align-items: center; justify-content: center; min-height: 2.1rem; border: 1px dashed #cdbb9d;
  border-radius: 3px; background: repeating-linear-gradient(135deg, transparent 0 7px, rgba(138, 79, 36, .08) 7px 8px); }
.gap { font-size: .74rem; font-style: italic; letter-spacing: 0; color: var(--accent); }
.role-title .side { font-size: 1.06rem; font-weight: 600; }
.role-dateline .side, .role-attribution .side { font-style: italic; color: var(--muted); }

.ent { padding: 0 .06em; border-radius: 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.ent::after { content: attr(data-label); margin-left: .18em; font: 600 .52em/0 var(--ui-font); letter-spacing: .03em;
  vertical-align: .4em; font-style: normal; }
.ent.cont::after { content: none; }
.ent-PER { background: #f5e4eb; } .ent-PER::after { color: #8f3c60; }
.ent-LOC { background: #e2f0e6; } .ent-LOC::after { color: #2e6a47; }
.ent-ORG { background: #e4eaf7; } .ent-ORG::after { color: #365b98; }
.ent-MISC { background: #f5ecd6; } .ent-MISC::after { color: #7f5f1b; }
.ent-value { border-bottom: 1px dotted #a7a194; } .ent-value::after { color: #8c877b; }
.no-ent .ent { background: none; border-bottom: 0; }
.no-ent .ent::after { content: none; }
.term { text-decoration: underline 1.5px rgba(160, 96, 40, .42); text-underline-offset: .3em; text-decoration-skip-ink: none; }
.no-term .term { text-decoration: none; }
[title] { cursor: help; }
.gutter[title] { cursor: default; }
mark.hit { color: inherit; background: #ffdc66; border-radius: 2px; box-shadow: 0 0 0 1px #e9bb10; }
mark.hit.current { background: #ffb938; }
.none-shown { margin: 3rem 0; text-align: center; color: var(--muted); }
.colophon { padding-top: 1rem; padding-bottom: 3rem; border-top: 1px solid var(--rule); font-size: .74rem; color: var(--faint); }

@media (max-width: 1100px) {
  body { font-size: 16px; }
  .columns, .bead { column-gap: 1.3rem; grid-template-columns: 2.1rem minmax(0, 1fr) minmax(0, 1fr); }
  .para-head { margin-left: calc(2.1rem + 1.3rem); }
  header.corpus, main, footer.colophon { padding-left: 1.2rem; padding-right: 1.2rem; }
  .controls { padding-left: 1.2rem; padding-right: 1.2rem; }
}
@media (max-width: 700px) {
  .columns { display: none; }
  .bead { grid-template-columns: 1.8rem minmax(0, 1fr); }
  .bead .tgt { grid-column: 2; margin-top: .25rem; }
  .para-head { margin-left: 2.6rem; }
  #status { margin-left: 0; }
}
@media print {
  @page { margin: 15mm 13mm; }
  html { background: #fff; }
  body { font-size: 10pt; color: #000; }
  .controls, .legend, .colophon, .none-shown { display: none !important; }
  .columns { position: static; background: none; }
  .doc + .doc { break-before: page; }
  .doc-head, .bead { break-inside: avoid; }
  .ent { background: none !important; border-bottom: 0; }
  .ent::after { color: #555 !important; }
  .term { text-decoration-color: #888; }
  mark.hit { background: none; box-shadow: none; outline: 1px solid #000; }
  a { color: inherit; text-decoration: none; }
  .side.empty { background: none; }
}
"""

SCRIPT = r"""
(() => {
  "use strict";
  const root = document.documentElement;
  root.classList.replace("no-js", "js");
  const byId = (id) => document.getElementById(id);
  const main = byId("documents");
  const bar = byId("controls");
  const theme = byId("f-theme"), align = byId("f-align"), query = byId("f-q"), regex = byId("f-re");
  const only = byId("f-only"), entities = byId("f-ent"), terms = byId("f-term");
  const status = byId("status"), noneShown = byId("none-shown");
  const beads = Array.from(main.querySelectorAll(".bead"));
  const paragraphs = Array.from(main.querySelectorAll(".para"));
  const documents = Array.from(main.querySelectorAll(".doc"));
  let current = -1;

  // The column heads stick just under the bar, whose height changes as its controls wrap.
  const measure = () => root.style.setProperty("--bar", bar.offsetHeight + "px");
  window.addEventListener("resize", measure);
  measure();

  const literal = (text) => text.replace(/[\\^$.*+?()[\]{}|\/]/g, "\\$&");

  // The search as a global regular expression; null when the box is empty, undefined when
  // the user's regular expression does not compile (then nothing is searched).
  function pattern() {
    query.removeAttribute("aria-invalid");
    if (!query.value) return null;
    try {
      return new RegExp(regex.checked ? query.value : literal(query.value), "giu");
    } catch (error) {
      query.setAttribute("aria-invalid", "true");
      return undefined;
    }
  }

  function ranges(element, re) {
    const text = element.textContent, found = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      found.push([m.index, m.index + m[0].length]);
    }
    return found;
  }

  // Wrap each range of the element's text in <mark>, text node by text node: a hit may start
  // inside an entity and end inside a term, so it cannot always be one element.
  function mark(element, found) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    let offset = 0;
    for (const node of nodes) {
      const start = offset, end = offset + node.data.length;
      offset = end;
      const inside = found.filter(([a, b]) => a < end && b > start);
      for (let i = inside.length - 1; i >= 0; i -= 1) {
        const a = Math.max(inside[i][0], start) - start, b = Math.min(inside[i][1], end) - start;
        const piece = node.splitText(a);
        piece.splitText(b - a);
        const hit = document.createElement("mark");
        hit.className = "hit";
        piece.replaceWith(hit);
        hit.append(piece);
      }
    }
  }

  function unmark() {
    for (const hit of Array.from(main.querySelectorAll("mark.hit"))) {
      const parent = hit.parentNode;
      hit.replaceWith(...hit.childNodes);
      parent.normalize();
    }
  }

  function alignmentMatches(bead, wanted) {
    if (!wanted) return true;
    if (wanted === "null") return bead.classList.contains("null");
    if (wanted === "uneven") return bead.classList.contains("uneven");
    return bead.dataset.align === wanted;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  function apply() {
    unmark();
    current = -1;
    const re = pattern();
    let hits = 0, hitBeads = 0, shown = 0;
    for (const bead of beads) {
      let visible = (!theme.value || bead.dataset.themes.split(" ").includes(theme.value))
        && alignmentMatches(bead, align.value);
      if (visible && re) {
        let found = 0;
        for (const text of bead.querySelectorAll(".text")) {
          const here = ranges(text, re);
          if (here.length) mark(text, here);
          found += here.length;
        }
        hits += found;
        if (found) hitBeads += 1;
        else if (only.checked) visible = false;
      }
      bead.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const group of paragraphs) group.hidden = !group.querySelector(".bead:not([hidden])");
    for (const doc of documents) doc.hidden = !doc.querySelector(".bead:not([hidden])");
    noneShown.hidden = shown > 0;
    main.classList.toggle("no-ent", !entities.checked);
    main.classList.toggle("no-term", !terms.checked);
    let message = `${shown} of ${plural(beads.length, "bead")} shown`;
    if (re) message = `${plural(hits, "hit")} in ${plural(hitBeads, "bead")} · ${message}`;
    if (re === undefined) message = `not a regular expression · ${message}`;
    status.value = message;
    status.dataset.hits = re ? String(hits) : "";
    measure();
  }

  // The view lives in the fragment (#theme=...&align=...&q=...&re=1), so it can be bookmarked;
  // a fragment without "=" is an anchor (a document or a bead) and leaves the filters alone.
  function readFragment() {
    const fragment = location.hash.slice(1);
    if (!fragment.includes("=")) return false;
    const state = new URLSearchParams(fragment);
    theme.value = state.get("theme") || "";
    align.value = state.get("align") || "";
    query.value = state.get("q") || "";
    regex.checked = state.get("re") === "1";
    only.checked = state.get("only") !== "0";
    entities.checked = state.get("ent") !== "0";
    terms.checked = state.get("term") !== "0";
    return true;
  }

  function writeFragment() {
    const state = new URLSearchParams();
    if (theme.value) state.set("theme", theme.value);
    if (align.value) state.set("align", align.value);
    if (query.value) state.set("q", query.value);
    if (regex.checked) state.set("re", "1");
    if (!only.checked) state.set("only", "0");
    if (!entities.checked) state.set("ent", "0");
    if (!terms.checked) state.set("term", "0");
    const text = state.toString();
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (error) {
      // Some browsers refuse history changes on file:// pages; the view still works.
    }
  }

  const update = () => { apply(); writeFragment(); };
  let pending = 0;
  for (const box of [theme, align, regex, only, entities, terms]) box.addEventListener("change", update);
  query.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(update, 180); });
  query.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    // Enter walks through the hits (Shift+Enter backwards).
    const all = Array.from(main.querySelectorAll("mark.hit"));
    if (!all.length) return;
    if (current >= 0 && all[current]) all[current].classList.remove("current");
    current = (current + (event.shiftKey ? all.length - 1 : 1)) % all.length;
    all[current].classList.add("current");
    all[current].scrollIntoView({ block: "center" });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      event.preventDefault();
      query.focus();
    }
  });
  window.addEventListener("hashchange", () => { if (readFragment()) apply(); });
  readFragment();
  apply();
})();
"""
