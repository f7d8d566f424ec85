"""``html`` export: the corpus as one self-contained reader, both languages side by side.

``bicorpus export corpus --format html --out reader.html`` writes one HTML file that opens
from disk (``file://``) and loads nothing: the stylesheet and the script are inline, fonts
are named, never fetched (a CJK-aware stack of locally installed faces). Every document is
laid out in two columns, the pair's languages, paragraph bead by paragraph bead and sentence
bead by sentence bead; entities are tinted by label class with their OntoNotes label as a
small tag, glossary terms are underlined with their renderings on hover, and a bead with an
empty side shows the gap. Sticky controls filter beads by theme and alignment type and search
both languages (substring or regular expression), highlighting and counting the hits; the
filter state lives in the URL fragment (``reader.html#theme=green_development&q=reform``), so
a view can be bookmarked or shared.

Rendered on the server, not by the script: every sentence is in the HTML as written, so the
text is readable, printable and searchable with the browser's own find without JavaScript (and
a test can read it without a browser); the script only hides beads and marks hits. An
embedded JSON copy of the corpus would have doubled the file for nothing.

Memory: documents are rendered one at a time as :func:`bicorpus.publish.iter_published`
streams them, into a temporary body file next to ``--out``; the header (documents, counts,
the filter menus with their counts) needs the whole corpus's totals, so it is written last,
in front of the body, and the finished file replaces ``--out`` in one step. The reader itself
holds the whole corpus: that is what one file means, and a browser has to hold it too.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bicorpus import __version__
from bicorpus.annotation_files import load_entity_labels, load_theme_taxonomy
from bicorpus.build_signature import recorded_signature
from bicorpus.errors import CorpusError
from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.html_reader_assets import SCRIPT, STYLE
from bicorpus.lang import PROJECT_LANGUAGE, language
from bicorpus.language_pair import LanguagePair, language_name
from bicorpus.publish import published_snapshot
from bicorpus.records import Corpus, Record, side

__all__ = ["FORMAT", "Mark", "marked_html", "write_html_reader"]

#: The collapse scheme whose tags group entity labels into the reader's colour classes
#: (persons, places, organisations, other names; labels it maps to null are values: numbers,
#: dates, times).
COLOUR_SCHEME = "conll"
#: Colour class of the labels the scheme leaves out.
VALUE_CLASS = "value"
#: What each colour class is called in the legend.
CLASS_NAMES = {"PER": "people", "LOC": "places", "ORG": "organisations", "MISC": "other names", VALUE_CLASS: "values"}


def _attr(value: object) -> str:
    """``value`` escaped for a double-quoted attribute (newlines kept as character references,
    so tooltips keep their lines)."""
    return html.escape(str(value), quote=True).replace("\n", "&#10;")


def _text(value: object) -> str:
    return html.escape(str(value), quote=False)


# --- marking spans of a sentence ---------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One annotated span of a bead side: an entity mention or a term occurrence."""

    start: int
    end: int
    #: CSS classes of the element.
    classes: str
    #: Attributes other than ``class``, already escaped (``title="..." data-label="..."``).
    attributes: str


def marked_html(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with each mark as a ``<span>`` around its characters.

    Nested marks become nested elements. Marks that cross (an entity that begins inside a term
    and ends after it) cannot nest, so the later one is split at the crossing; every piece but
    its last gets the class ``cont``, which keeps the label tag to one per mark.
    """
    spans = sorted((m for m in marks if m.start < m.end), key=lambda m: (m.start, -m.end))
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    # First pass: which marks are open over each piece of text, outermost first.
    events: list[tuple[str, int]] = []  # ("open", mark index) / ("close", mark index) / ("text", cut index)
    stack: list[int] = []
    for k in range(len(cuts) - 1):
        a, b = cuts[k], cuts[k + 1]
        active = [i for i, m in enumerate(spans) if m.start <= a and m.end >= b]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        for i in reversed(stack[keep:]):
            events.append(("close", i))
        for i in active[keep:]:
            events.append(("open", i))
        stack = active
        events.append(("text", k))
    events.extend(("close", i) for i in reversed(stack))
    last_open = {i: n for n, (kind, i) in enumerate(events) if kind == "open"}
    # Second pass: the markup, with the label tag only on each mark's last piece.
    out: list[str] = []
    for n, (kind, i) in enumerate(events):
        if kind == "text":
            out.append(_text(text[cuts[i] : cuts[i + 1]]))
        elif kind == "close":
            out.append("</span>")
        else:
            mark = spans[i]
            classes = mark.classes if last_open[i] == n else f"{mark.classes} cont"
            out.append(f'<span class="{classes}" {mark.attributes}>')
    return "".join(out)


# --- what the corpus needs rendered -------------------------------------------------------------


@dataclass
class _Context:
    """What every document's rendering reads: the pair, label sets and theme names."""

    pair: LanguagePair
    label_class: dict[str, str]
    label_description: dict[str, str]
    theme_names: dict[str, str]
    where: str

    @classmethod
    def of(cls, pair: LanguagePair, where: str) -> _Context:
        labels = load_entity_labels()
        scheme = labels.collapse.get(COLOUR_SCHEME, {})
        return cls(
            pair=pair,
            label_class={label: scheme.get(label) or VALUE_CLASS for label in labels.labels},
            label_description=labels.descriptions,
            theme_names={t.id: t.name.get(PROJECT_LANGUAGE, t.id) for t in load_theme_taxonomy().themes},
            where=where,
        )


@dataclass
class _Summary:
    """One document's entry in the header: all the header keeps of it."""

    id: str
    titles: dict[str, str | None]
    date: str | None
    speaker: str | None
    paragraph_beads: int
    sentence_beads: int


@dataclass
class _Totals:
    """Counts over the whole corpus, gathered while the documents stream past."""

    documents: list[_Summary] = field(default_factory=list)
    sentences: Counter[str] = field(default_factory=Counter)
    paragraph_beads: int = 0
    sentence_beads: int = 0
    entities: int = 0
    terms: int = 0
    themes: Counter[str] = field(default_factory=Counter)
    alignment_types: Counter[str] = field(default_factory=Counter)
    null_beads: int = 0


def _side_marks(records: Corpus, context: _Context) -> dict[tuple[str, str], list[Mark]]:
    """(sentence bead id, language) -> the marks of that bead side, offsets within its text."""
    beads = {bead["id"]: bead for bead in records.sentences}
    marks: dict[tuple[str, str], list[Mark]] = {}

    def place(bead_id: str, lang: str, start: int, end: int, record: str, pointer: str) -> tuple[int, int]:
        bead = beads.get(bead_id)
        offset = None if bead is None else bead[side(lang, "start")]
        text = "" if bead is None else bead["translation"][lang]
        if offset is None or not 0 <= start - offset < end - offset <= len(text):
            raise CorpusError(
                f"{context.where} record {record}",
                f"places a {language_name(lang)} span at {start}..{end}, outside sentence bead {bead_id}",
                pointer=pointer,
                code="E733",
                hint="rebuild the corpus; the published configs do not agree with each other",
            )
        return start - offset, end - offset

    for entity in records.entities:
        label = entity["label"]
        colour = context.label_class.get(label, VALUE_CLASS)
        tooltip = f"{label}: {context.label_description.get(label, '')}\nentity {entity['entity']} ({entity['source']})"
        for n, mention in enumerate(entity["mentions"]):
            lang = mention["lang"]
            start, end = place(mention["sentence_pair"], lang, mention["start"], mention["end"], entity["id"], f"/mentions/{n}")
            attributes = f'data-label="{_attr(label)}" data-entity="{_attr(entity["entity"])}" title="{_attr(tooltip)}"'
            marks.setdefault((mention["sentence_pair"], lang), []).append(
                Mark(start, end, f"ent ent-{colour}", attributes)
            )
    source, target = context.pair
    for term in records.terms:
        tooltip = (
            f"term {term['term']}\n{language_name(source)}: {' / '.join(term['renderings'])}\n"
            f"{language_name(target)}: {term[target]}\n{term['definition'][source]}"
        )
        attributes = f'data-term="{_attr(term["term"])}" title="{_attr(tooltip)}"'
        for n, realisation in enumerate(term["realisations"]):
            for lang in context.pair:
                start = realisation[side(lang, "start")]
                if start is None:
                    continue
                bead_id = realisation["sentence_pair"]
                begin, end = place(bead_id, lang, start, realisation[side(lang, "end")], term["id"], f"/realisations/{n}")
                marks.setdefault((bead_id, lang), []).append(Mark(begin, end, "term", attributes))
    return marks


def _theme_list(ids: Iterable[str], context: _Context) -> str:
    return ", ".join(context.theme_names.get(theme, theme) for theme in ids)


def _bead_html(bead: Record, marks: dict[tuple[str, str], list[Mark]], context: _Context) -> str:
    """One sentence bead: a gutter (its number and, unless 1-1, its type) and one cell per language."""
    kind = bead["alignment_type"]
    empty = [lang for lang in context.pair if not bead[side(lang, "ids")]]
    number = bead["index"] + 1
    tooltip = (
        f"{bead['id']} · {kind} · score {bead['score']:.2f}\n"
        f"themes: {_theme_list(bead['themes'], context) or 'none'} ({bead['theme_source']})"
        + ("\nin a near-duplicate paragraph" if bead["in_duplicate_paragraph"] else "")
        + ("\na sentence's identified language differs from its column's" if bead["language_flag"] else "")
    )
    classes = ["bead"]
    if empty:
        classes.append("null")
    if kind != "1-1":
        classes.append("uneven")
    if bead["in_duplicate_paragraph"]:
        classes.append("dup")
    if bead["language_flag"]:
        classes.append("flagged")
    cells = [
        f'<div class="{" ".join(classes)}" id="{_attr(bead["id"])}" data-align="{_attr(kind)}" '
        f'data-themes="{_attr(" ".join(bead["themes"]))}">',
        f'<div class="gutter" title="{_attr(tooltip)}"><a href="#{_attr(bead["id"])}">{number}</a>'
        + (f'<span class="kind">{_text(kind)}</span>' if kind != "1-1" else "")
        + "</div>",
    ]
    for role, lang in zip(("src", "tgt"), context.pair, strict=True):
        unspaced = " unspaced" if language(lang).unspaced else ""
        if lang in empty:
            cells.append(
                f'<div class="side {role} empty{unspaced}" lang="{_attr(lang)}"><span class="gap" lang="{PROJECT_LANGUAGE}">'
                f"no {_text(language_name(lang))} sentence in this bead</span></div>"
            )
        else:
            text = marked_html(bead["translation"][lang], marks.get((bead["id"], lang), []))
            cells.append(f'<div class="side {role}{unspaced}" lang="{_attr(lang)}"><span class="text">{text}</span></div>')
    cells.append("</div>")
    return "".join(cells)


def _document_html(records: Corpus, context: _Context, totals: _Totals) -> str:
    """One document as an ``<article>``: its heading, then its paragraph beads with their sentence beads."""
    (document,) = records.documents
    pair = context.pair
    marks = _side_marks(records, context)
    by_paragraph: dict[str, list[Record]] = {}
    for bead in records.sentences:
        by_paragraph.setdefault(bead["paragraph"], []).append(bead)
    titles = {lang: document["title"].get(lang) for lang in pair}
    meta = [
        value
        for value in (document["speaker"].get(pair.source), document["event"].get(pair.source), document["date_delivered"])
        if value
    ]
    counts = (
        f"{len(records.paragraphs)} paragraph beads · {len(records.sentences)} sentence beads · "
        + " · ".join(f"{document['sentence_count'][lang]} {language_name(lang)} sentences" for lang in pair)
        + f" · {len(records.entities)} entities · {len(records.terms)} terms"
    )
    out = [f'<article class="doc" id="doc-{_attr(document["id"])}">', '<header class="doc-head">']
    out.append(f'<p class="doc-id">{_text(document["id"])}</p>')
    for n, lang in enumerate(pair):
        if titles[lang]:
            tag = "h2" if n == 0 else "p"
            out.append(f'<{tag} class="title-{n}" lang="{_attr(lang)}">{_text(titles[lang])}</{tag}>')
    if meta:
        out.append(f'<p class="doc-meta">{_text(" · ".join(meta))}</p>')
    out.append(f'<p class="doc-counts">{_text(counts)}</p></header>')
    out.append('<div class="columns" aria-hidden="true"><div></div>')
    out.extend(f'<div lang="{_attr(lang)}">{_text(language_name(lang))}</div>' for lang in pair)
    out.append("</div>")
    for paragraph in records.paragraphs:
        themes = paragraph["themes"]
        head = f"¶ {paragraph['index'] + 1} · {paragraph['role']}"
        if paragraph["primary_theme"]:
            head += f" · {context.theme_names.get(paragraph['primary_theme'], paragraph['primary_theme'])}"
        out.append(
            f'<section class="para role-{_attr(paragraph["role"])}" id="{_attr(paragraph["id"])}" '
            f'data-themes="{_attr(" ".join(themes))}" title="{_attr(paragraph["id"] + " · " + paragraph["alignment_type"])}">'
            f'<p class="para-head">{_text(head)}</p>'
        )
        for bead in by_paragraph.get(paragraph["id"], []):
            out.append(_bead_html(bead, marks, context))
        out.append("</section>")
    out.append("</article>\n")
    totals.documents.append(
        _Summary(
            id=document["id"],
            titles=titles,
            date=document["date_delivered"],
            speaker=document["speaker"].get(pair.source),
            paragraph_beads=len(records.paragraphs),
            sentence_beads=len(records.sentences),
        )
    )
    for lang in pair:
        totals.sentences[lang] += document["sentence_count"][lang]
    totals.paragraph_beads += len(records.paragraphs)
    totals.sentence_beads += len(records.sentences)
    totals.entities += len(records.entities)
    totals.terms += len(records.terms)
    for bead in records.sentences:
        totals.themes.update(set(bead["themes"]))
        totals.alignment_types[bead["alignment_type"]] += 1
        totals.null_beads += any(not bead[side(lang, "ids")] for lang in pair)
    return "\n".join(out)


# --- the page around the documents -------------------------------------------------------------


def _pair_title(pair: LanguagePair) -> str:
    return f"{language_name(pair.source)}–{language_name(pair.target)} parallel corpus"


def _alignment_order(kind: str) -> tuple[int, int]:
    left, _, right = kind.partition("-")
    return (int(left) + int(right), int(left)) if left.isdigit() and right.isdigit() else (99, 0)


def _controls_html(totals: _Totals, context: _Context) -> str:
    """The sticky bar: theme and alignment menus (with bead counts), search, layer switches, status."""
    themes = ['<option value="">all themes</option>']
    themes.extend(
        f'<option value="{_attr(theme)}">{_text(name)} ({totals.themes[theme]})</option>'
        for theme, name in context.theme_names.items()
    )
    kinds = ['<option value="">all alignment types</option>']
    kinds.extend(
        f'<option value="{_attr(kind)}">{_text(kind)} ({count})</option>'
        for kind, count in sorted(totals.alignment_types.items(), key=lambda item: _alignment_order(item[0]))
    )
    kinds.append(f'<option value="null">null beads, one side empty ({totals.null_beads})</option>')
    uneven = totals.sentence_beads - totals.alignment_types["1-1"]
    kinds.append(f'<option value="uneven">every type but 1-1 ({uneven})</option>')
    return (
        '<nav class="controls" id="controls" aria-label="filters and search">'
        f'<label>Theme <select id="f-theme">{"".join(themes)}</select></label>'
        f'<label>Alignment <select id="f-align">{"".join(kinds)}</select></label>'
        '<span class="search"><label for="f-q">Search</label>'
        '<input type="search" id="f-q" placeholder="both languages" autocomplete="off" spellcheck="false">'
        '<label class="check"><input type="checkbox" id="f-re"> regex</label>'
        '<label class="check"><input type="checkbox" id="f-only" checked> hits only</label></span>'
        '<span class="layers"><label class="check"><input type="checkbox" id="f-ent" checked> entities</label>'
        '<label class="check"><input type="checkbox" id="f-term" checked> terms</label></span>'
        f'<output id="status" aria-live="polite">{totals.sentence_beads} beads</output>'
        "</nav>"
    )


def _legend_html(context: _Context) -> str:
    by_class: dict[str, list[str]] = {}
    for label, colour in context.label_class.items():
        by_class.setdefault(colour, []).append(label)
    items = [
        f'<li><span class="ent ent-{_attr(colour)}" data-label="{_attr(labels[0])}">'
        f"{_text(CLASS_NAMES.get(colour, colour))}</span> {_text(', '.join(labels))}</li>"
        for colour, labels in by_class.items()
    ]
    items.append('<li><span class="term">glossary term</span> a rendering and its target form</li>')
    items.append('<li><span class="gap-sample">no sentence</span> a null bead: one side has no sentence</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def _header_html(totals: _Totals, context: _Context, signature: str | None) -> str:
    pair = context.pair
    summary = (
        f"{len(totals.documents)} document{'s' if len(totals.documents) != 1 else ''} · "
        f"{totals.paragraph_beads} paragraph beads · {totals.sentence_beads} sentence beads · "
        + " · ".join(f"{totals.sentences[lang]} {language_name(lang)} sentences" for lang in pair)
        + f" · {totals.entities} entities · {totals.terms} glossary terms"
    )
    entries = []
    for doc in totals.documents:
        titles = "".join(
            f'<span class="toc-title-{n}" lang="{_attr(lang)}">{_text(doc.titles[lang])}</span>'
            for n, lang in enumerate(pair)
            if doc.titles[lang]
        )
        detail = " · ".join(v for v in (doc.speaker, doc.date, f"{doc.sentence_beads} beads") if v)
        entries.append(
            f'<li><a href="#doc-{_attr(doc.id)}">{titles or _text(doc.id)}</a> '
            f'<span class="toc-detail">{_text(detail)}</span></li>'
        )
    out = [
        '<header class="corpus">',
        f"<h1>{_text(_pair_title(pair))}</h1>",
        f'<p class="summary">{_text(summary)}</p>',
        f'<ol class="toc">{"".join(entries)}</ol>',
        _legend_html(context),
    ]
    if signature:
        out.append(f'<p class="signature">Build signature <code>{_text(signature)}</code></p>')
    out.append("</header>")
    return "\n".join(out)


def _page_start(totals: _Totals, context: _Context, signature: str | None) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{PROJECT_LANGUAGE}" class="no-js">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="bicorpus {_attr(__version__)}">\n'
        f"<title>{_text(_pair_title(context.pair))} · reader</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        + _header_html(totals, context, signature)
        + "\n"
        + _controls_html(totals, context)
        + '\n<main id="documents">\n'
    )


def _page_end() -> str:
    return (
        '<p class="none-shown" id="none-shown" hidden>No bead matches these filters.</p>\n</main>\n'
        f'<footer class="colophon">Written by bicorpus {_text(__version__)} (<code>bicorpus export --format html</code>).'
        " Filters and search need JavaScript; the text does not.</footer>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _check_options(out: Path, options: ExportOptions) -> None:
    if out.is_dir():
        raise CorpusError(
            "--out", f"{out} is a folder; the reader is one file", code="E731", hint="name a file, e.g. reader.html"
        )
    if options.lang is not None:
        raise CorpusError(
            f"--lang {options.lang}", "does not apply to the html reader, which shows both languages side by side",
            code="E732", hint="leave out --lang",
        )


def _signature(options: ExportOptions) -> str | None:
    if options.data_dir is None:
        return None
    found, _notes = recorded_signature(published_snapshot(options.data_dir).parquet_files())
    return None if found is None else str(found)


def write_html_reader(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write the reader of ``documents`` to ``out`` (one HTML file) and return ``[out]``.

    Documents are rendered one at a time into a temporary body file beside ``out``; the header,
    which counts the whole corpus, is written in front of it when the last one is done, and
    the finished file replaces ``out`` at once (a failed export leaves no half-written reader).
    Null beads are always shown, marked (``--keep-null`` changes nothing); ``--lang`` is an
    error (E732), the reader holds both languages.
    """
    _check_options(out, options)
    out.parent.mkdir(parents=True, exist_ok=True)
    where = str(options.data_dir) if options.data_dir is not None else "the published corpus"
    totals = _Totals()
    context: _Context | None = None
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.") as scratch:
        body_path = Path(scratch) / "body.html"
        with body_path.open("w", encoding="utf-8", newline="\n") as body:
            for records in documents:
                if context is None:
                    context = _Context.of(records.pair, where)
                body.write(_document_html(records, context, totals))
        if context is None:
            raise CorpusError(where, "holds no document", code="E734", hint="build a corpus with at least one document")
        page = Path(scratch) / "page.html"
        with page.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(_page_start(totals, context, _signature(options)))
            with body_path.open(encoding="utf-8") as body_in:
                shutil.copyfileobj(body_in, handle)
            handle.write(_page_end())
        os.replace(page, out)
    return [out]


FORMAT = ExportFormat(
    "html", "one self-contained HTML reader: both languages side by side, filters, search", write_html_reader
)
