"""Translation variants of glossary terms in a published corpus (``bicorpus terms``).

For each glossary term, from the ``terms`` config's realisations: how often each source-language
rendering realises it, its share of the term's source-side occurrences, the first bead where it
does (with the aligned target sentence), and the occurrences with one side only: the target
form where the translation used no listed rendering, a rendering where the other side lacks
the form. A term is identified by its glossary id and its form together, so the same term
glossed in several documents is counted once over all of them.

The corpus is read one document at a time (:func:`bicorpus.publish.iter_published`); what is
kept is per term and per rendering, never per bead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair, language_name
from bicorpus.records import Corpus, side
from bicorpus.terminal_text import display_width, one_line, pad, tsv_field

FORMATS = ("text", "tsv", "markdown")


@dataclass(frozen=True)
class Example:
    """A bead where a rendering realises a term: both sentences, and where the term is in each
    (character offsets into the sentence; ``target_span`` is None when the target side has no form there)."""

    bead: str
    source: str
    source_span: tuple[int, int]
    target: str
    target_span: tuple[int, int] | None


@dataclass
class RenderingCount:
    """One listed rendering of a term: its realisations and its first example."""

    text: str
    count: int = 0
    example: Example | None = None


@dataclass
class TermVariants:
    """A glossary term's renderings with their counts, and its one-sided occurrences."""

    term: str
    form: str
    pair: LanguagePair
    documents: list[str] = field(default_factory=list)
    renderings: list[RenderingCount] = field(default_factory=list)
    #: Occurrences of the target form paired with no listed rendering.
    form_without_rendering: int = 0
    #: Occurrences of a rendering whose bead has no (unpaired) target form.
    rendering_without_form: int = 0

    @property
    def source_occurrences(self) -> int:
        """Occurrences on the source side: the sum of the renderings' counts."""
        return sum(r.count for r in self.renderings)

    @property
    def target_occurrences(self) -> int:
        """Occurrences of the form on the target side."""
        return self.source_occurrences - self.rendering_without_form + self.form_without_rendering

    @property
    def variants(self) -> int:
        """Renderings that realise the term at least once."""
        return sum(r.count > 0 for r in self.renderings)

    def share(self, rendering: RenderingCount) -> float:
        """The rendering's share of the source-side occurrences, from 0 to 1 (0 when there are none)."""
        total = self.source_occurrences
        return rendering.count / total if total else 0.0

    @property
    def dominant(self) -> RenderingCount | None:
        """The most frequent rendering (the first listed among equals), None without occurrences."""
        if not self.source_occurrences:
            return None
        return max(self.renderings, key=lambda r: r.count)

    def rendering(self, text: str) -> RenderingCount:
        """The entry of a rendering, added (after the listed ones) when the glossary did not list it."""
        for entry in self.renderings:
            if entry.text == text:
                return entry
        entry = RenderingCount(text)
        self.renderings.append(entry)
        return entry


def _span(start: int | None, end: int | None, bead_start: int | None) -> tuple[int, int] | None:
    if start is None or end is None or bead_start is None:
        return None
    return (start - bead_start, end - bead_start)


def add_document(variants: dict[tuple[str, str], TermVariants], records: Corpus) -> None:
    """Count the term realisations of one document's records into ``variants`` (keyed by term id and form)."""
    source, target = records.pair
    beads = {bead["id"]: bead for bead in records.sentences}
    for row in records.terms:
        key = (row["term"], row[target])
        entry = variants.setdefault(key, TermVariants(row["term"], row[target], records.pair))
        entry.documents.append(row["document"])
        for text in row["renderings"]:
            entry.rendering(text)
        for r in row["realisations"]:
            rendering = r[side(source, "rendering")]
            has_target = r[side(target, "start")] is not None
            if rendering is None:
                entry.form_without_rendering += has_target
                continue
            counted = entry.rendering(rendering)
            counted.count += 1
            if not has_target:
                entry.rendering_without_form += 1
            # The first bead where the rendering realises the term, preferring one where the
            # target side holds the form too (the pair a reader wants to see).
            if counted.example is None or (counted.example.target_span is None and has_target):
                bead = beads[r["sentence_pair"]]
                source_span = _span(r[side(source, "start")], r[side(source, "end")], bead[side(source, "start")])
                if source_span is not None:
                    counted.example = Example(
                        bead=bead["id"],
                        source=bead["translation"][source],
                        source_span=source_span,
                        target=bead["translation"][target],
                        target_span=_span(r[side(target, "start")], r[side(target, "end")], bead[side(target, "start")]),
                    )


def term_variants(documents: Iterable[Corpus]) -> list[TermVariants]:
    """Every glossary term of ``documents`` (a published corpus, one document at a time) with
    its renderings counted, in the order the terms first appear."""
    variants: dict[tuple[str, str], TermVariants] = {}
    for records in documents:
        add_document(variants, records)
    return list(variants.values())


def variants_table_order(terms: Iterable[TermVariants]) -> list[TermVariants]:
    """Terms as the variants table lists them: most renderings first, then most occurrences, then by id."""
    return sorted(terms, key=lambda t: (-t.variants, -t.source_occurrences, t.term, t.form))


def find_terms(terms: Iterable[TermVariants], query: str, where: str = "TERM") -> list[TermVariants]:
    """The terms ``query`` names: by id, else by form, else by one of their renderings (any
    case); several when documents gloss it differently. Nothing found is E745."""
    terms = list(terms)
    for matches in (
        [t for t in terms if t.term == query],
        [t for t in terms if t.form == query],
        [t for t in terms if any(r.text.casefold() == query.casefold() for r in t.renderings)],
    ):
        if matches:
            return matches
    raise CorpusError(
        f"{where} {query!r}", "is no glossary term's id, form or rendering in this corpus", code="E745",
        hint="run 'bicorpus terms DIR' without TERM to list the terms",
    )


def no_terms_error(where: str) -> CorpusError:
    """E746: the corpus has no glossary terms to show."""
    return CorpusError(
        where, "holds no glossary terms (no document of the corpus has a glossary.yaml)", code="E746",
        hint="add a glossary.yaml to the documents' folders and build again",
    )


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def _renderings_cell(term: TermVariants) -> str:
    return "; ".join(f"{r.text} ({r.count})" for r in term.renderings)


def _table_rows(terms: list[TermVariants]) -> tuple[list[str], list[list[str]]]:
    pair = terms[0].pair
    header = [
        "term", f"{language_name(pair.target)} form", "variants", "occurrences", "dominant share",
        f"{language_name(pair.source)} renderings (count)",
    ]
    rows = [
        [t.term, t.form, str(t.variants), str(t.source_occurrences),
         "" if t.dominant is None else _percent(t.share(t.dominant)), _renderings_cell(t)]
        for t in variants_table_order(terms)
    ]
    return header, rows


def _markdown_cell(text: str) -> str:
    # A pipe would end the cell; a line break would end the row.
    return one_line(text).replace("|", "\\|")


def format_variants_table(terms: list[TermVariants], fmt: str) -> str:
    """The variants table: one row per term (id, form, number of renderings, occurrences on the
    source side, share of the dominant rendering, the renderings with counts), in
    :func:`variants_table_order`, as ``text`` (columns padded by terminal cells), ``tsv`` or ``markdown``."""
    header, rows = _table_rows(terms)
    varied = sum(t.variants > 1 for t in terms)
    footer = f"{len(terms)} terms, {varied} with more than one rendering"
    if fmt == "tsv":
        return "\n".join("\t".join(tsv_field(cell) for cell in row) for row in [header, *rows])
    if fmt == "markdown":
        rule = "|" + "|".join(" ---: " if i in (2, 3, 4) else " --- " for i in range(len(header))) + "|"
        lines = ["| " + " | ".join(header) + " |", rule]
        lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in rows]
        return "\n".join([*lines, "", footer])
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {2, 3, 4}

    def line(row: list[str]) -> str:
        cells = [pad(cell, widths[i], align="right" if i in numeric else "left") for i, cell in enumerate(row[:-1])]
        return "  ".join([*cells, row[-1]])

    return "\n".join([line(header), *(line(row) for row in rows), "", footer])


def _marked(text: str, span: tuple[int, int] | None, opening: str, closing: str) -> str:
    if span is None:
        return text
    start, end = span
    return f"{text[:start]}{opening}{text[start:end]}{closing}{text[end:]}"


def format_term_detail(term: TermVariants, fmt: str) -> str:
    """One term in full: each rendering's count, share and first example (the source sentence
    with the rendering marked, the aligned target sentence with the form marked), then the
    occurrences with one side only. ``text`` marks with brackets, ``markdown`` in bold; ``tsv``
    is one row per rendering with the example's sentences and offsets."""
    pair = term.pair
    source_name, target_name = language_name(pair.source), language_name(pair.target)
    form_only = f"{target_name} form without a listed {source_name} rendering: {term.form_without_rendering}"
    rendering_only = f"{source_name} rendering without the {target_name} form: {term.rendering_without_form}"
    if fmt == "tsv":
        header = ["term", "form", "rendering", "count", "share", "bead", f"{pair.source}_sentence", f"{pair.source}_start",
                  f"{pair.source}_end", f"{pair.target}_sentence", f"{pair.target}_start", f"{pair.target}_end",
                  "form_without_rendering", "rendering_without_form"]
        rows = [header]
        for r in term.renderings:
            e = r.example
            example = ["", "", "", "", "", "", ""] if e is None else [
                e.bead, e.source, str(e.source_span[0]), str(e.source_span[1]), e.target,
                "" if e.target_span is None else str(e.target_span[0]), "" if e.target_span is None else str(e.target_span[1]),
            ]
            rows.append([term.term, term.form, r.text, str(r.count), _percent(term.share(r)), *example,
                         str(term.form_without_rendering), str(term.rendering_without_form)])
        return "\n".join("\t".join(tsv_field(cell) for cell in row) for row in rows)
    heading = (
        f"{term.form} ({term.term}): {term.target_occurrences} {target_name} occurrences, "
        f"{term.source_occurrences} {source_name} in {term.variants} rendering{'s' if term.variants != 1 else ''}"
        f" ({', '.join(dict.fromkeys(term.documents))})"
    )
    if fmt == "markdown":
        lines = [f"### {_markdown_cell(heading)}", "", "| rendering | count | share |", "| --- | ---: | ---: |"]
        lines += [f"| {_markdown_cell(r.text)} | {r.count} | {_percent(term.share(r))} |" for r in term.renderings]
        lines.append("")
        for r in term.renderings:
            if r.example is not None:
                e = r.example
                lines.append(f"- *{_markdown_cell(r.text)}*, first in `{e.bead}`:")
                lines.append(f"  - {pair.source}: {_markdown_cell(_marked(e.source, e.source_span, '**', '**'))}")
                lines.append(f"  - {pair.target}: {_markdown_cell(_marked(e.target, e.target_span, '**', '**'))}")
        return "\n".join([*lines, "", f"- {form_only}", f"- {rendering_only}"])
    width = max(display_width(r.text) for r in term.renderings) if term.renderings else 0
    lines = [heading]
    for r in term.renderings:
        lines.append(f"  {pad(r.text, width)}  {r.count:>5}  {_percent(term.share(r)):>6}")
        if r.example is not None:
            e = r.example
            lines.append(f"      first in {e.bead}")
            lines.append(f"      {pair.source}: {one_line(_marked(e.source, e.source_span, '[', ']'))}")
            lines.append(f"      {pair.target}: {one_line(_marked(e.target, e.target_span, '[', ']'))}")
    return "\n".join([*lines, form_only, rendering_only])
