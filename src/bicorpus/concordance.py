"""Keyword in context over a published corpus's sentence beads (``bicorpus concord``).

A pattern (a regular expression of the ``regex`` module) is searched in one or both sides of
every sentence bead; each hit comes with its context on both sides, counted in characters
(code points) in every language, and with the bead's other side, its aligned counterpart. A hit
that overlaps a glossary term's realisation (the ``terms`` config) is labelled with what
realises the term there: the rendering on the source side, the form on the target side.

The corpus is read one document at a time (:func:`bicorpus.publish.iter_published`), so memory
does not grow with the corpus; hits are yielded as they are found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

import regex

from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus, side
from bicorpus.terminal_text import display_width, fit, one_line, pad, tsv_field

#: Summary label of hits that realise no glossary term.
NO_TERM = "(no term)"

#: Cells the other side of a bead gets in the text layout (tsv gives it whole).
OTHER_SIDE_CELLS = 60

TSV_HEADER = ("bead", "lang", "left", "match", "right", "term", "other_lang", "other")


@dataclass(frozen=True)
class Hit:
    """One match of the pattern in one side of a sentence bead.

    ``text[start:end]`` is the match; ``left`` and ``right`` are the context cut from ``text``
    around it. ``term`` is the rendering (source side) or form (target side) of the glossary
    term whose realisation the match overlaps, or None; ``partner`` is that realisation's span
    in ``other`` when it has one there.
    """

    bead: str
    lang: str
    text: str
    start: int
    end: int
    left: str
    right: str
    other_lang: str
    other: str
    term: str | None = None
    partner: tuple[int, int] | None = None

    @property
    def match(self) -> str:
        """The matched text."""
        return self.text[self.start : self.end]


@dataclass
class Summary:
    """Hits counted per language and, per language, by the term label they realise."""

    hits: int = 0
    by_language: Counter[str] = field(default_factory=Counter)
    by_term: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, hit: Hit) -> None:
        """Count one hit."""
        self.hits += 1
        self.by_language[hit.lang] += 1
        self.by_term.setdefault(hit.lang, Counter())[hit.term or NO_TERM] += 1

    def lines(self) -> list[str]:
        """The summary as lines: the total, then per language the hits by term label (most first)."""
        per_language = ", ".join(f"{lang} {n}" for lang, n in self.by_language.items())
        lines = [f"{self.hits} hit{'s' if self.hits != 1 else ''}" + (f" ({per_language})" if per_language else "")]
        for lang, counts in self.by_term.items():
            # Terms first (most hits, then by name), the hits that realise no term last.
            ordered = sorted(counts.items(), key=lambda item: (item[0] == NO_TERM, -item[1], item[0]))
            lines.append(f"{lang}: " + ", ".join(f"{label}: {n}" for label, n in ordered))
        return lines


def compile_pattern(pattern: str, case_sensitive: bool = False) -> regex.Pattern[str]:
    """``pattern`` compiled (case-insensitive unless ``case_sensitive``); a bad expression is a
    one-line E741 naming where in the pattern it fails."""
    try:
        return regex.compile(pattern, 0 if case_sensitive else regex.IGNORECASE)
    except regex.error as error:
        # The module's message names the position ("missing ) at position 3").
        raise CorpusError(
            f"PATTERN {pattern!r}", f"is not a valid regular expression: {error}", code="E741",
            hint="fix the expression (Python regex syntax; escape a literal . ( [ * + ? with a backslash)",
        ) from None


def search_languages(pair: LanguagePair, lang: str | None) -> tuple[str, ...]:
    """The sides to search: ``lang`` alone, or both languages of the pair; a code outside the pair is E742."""
    if lang is None:
        return pair.codes
    if lang not in pair:
        raise CorpusError(
            f"--lang {lang}", f"is not a language of this {pair} corpus", code="E742",
            hint=f"use --lang {pair.source} or --lang {pair.target}, or leave it out to search both",
        )
    return (lang,)


def check_context(context: int) -> int:
    """``context`` when it is a usable number of characters; a negative one is E743."""
    if context < 0:
        raise CorpusError(
            f"--context {context}", "is negative", code="E743", hint="give the characters of context per side, 0 or more"
        )
    return context


def _term_spans(records: Corpus) -> dict[tuple[str, str], list[tuple[int, int, str, tuple[int, int] | None]]]:
    """(bead id, language) → the term realisations in that side: document offsets, the label, and
    the partner's document offsets on the other side (when there is one)."""
    source, target = records.pair
    spans: dict[tuple[str, str], list[tuple[int, int, str, tuple[int, int] | None]]] = {}
    for term in records.terms:
        form = term[target]
        for r in term["realisations"]:
            ends = {lang: (r[side(lang, "start")], r[side(lang, "end")]) for lang in (source, target)}
            for lang, other, label in ((source, target, r[side(source, "rendering")]), (target, source, form)):
                start, end = ends[lang]
                if start is None or end is None:
                    continue
                partner = ends[other] if ends[other][0] is not None else None
                spans.setdefault((r["sentence_pair"], lang), []).append((start, end, label or form, partner))
    return spans


def _realised_term(
    spans: Sequence[tuple[int, int, str, tuple[int, int] | None]], start: int, end: int
) -> tuple[str, tuple[int, int] | None] | tuple[None, None]:
    # A hit counts for one term only, so the summary adds up to the hits: the realisation it
    # overlaps most, then the tighter one (nested terms: 新兴产业 inside 战略性新兴产业), then the earlier.
    best: tuple[int, int, int] | None = None
    chosen: tuple[str, tuple[int, int] | None] | tuple[None, None] = (None, None)
    for r_start, r_end, label, partner in spans:
        overlap = min(end, r_end) - max(start, r_start)
        if overlap <= 0:
            continue
        key = (-overlap, r_end - r_start, r_start)
        if best is None or key < best:
            best, chosen = key, (label, partner)
    return chosen


def document_hits(
    records: Corpus, pattern: regex.Pattern[str], languages: Sequence[str], context: int
) -> Iterator[Hit]:
    """The hits of ``pattern`` in one document's sentence beads, bead by bead, ``languages`` in
    the given order within a bead. Zero-width matches are skipped: they show no text."""
    spans = _term_spans(records)
    for bead in records.sentences:
        for lang in languages:
            other_lang = records.pair.target if lang == records.pair.source else records.pair.source
            text, other = bead["translation"][lang], bead["translation"][other_lang]
            offset, other_offset = bead[side(lang, "start")], bead[side(other_lang, "start")]
            for match in pattern.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                term: str | None = None
                partner: tuple[int, int] | None = None
                if offset is not None:
                    term, in_other = _realised_term(spans.get((bead["id"], lang), ()), offset + start, offset + end)
                    if in_other is not None and other_offset is not None:
                        partner = (in_other[0] - other_offset, in_other[1] - other_offset)
                yield Hit(
                    bead=bead["id"], lang=lang, text=text, start=start, end=end,
                    left=text[max(0, start - context) : start], right=text[end : end + context],
                    other_lang=other_lang, other=other, term=term, partner=partner,
                )


def concordance(
    documents: Iterable[Corpus], pattern: regex.Pattern[str], lang: str | None = None, context: int = 40
) -> Iterator[Hit]:
    """Every hit of ``pattern`` in ``documents`` (a published corpus, one document at a time),
    in document and bead order; ``lang`` limits the search to one side (E742 if it is not one)."""
    check_context(context)
    languages: tuple[str, ...] | None = None
    for records in documents:
        if languages is None:
            languages = search_languages(records.pair, lang)
        yield from document_hits(records, pattern, languages, context)


def _other_excerpt(hit: Hit, cells: int) -> str:
    """The other side in at most ``cells`` cells: around the term's partner when the hit has
    one (the part a reader compares), else from its start."""
    other = one_line(hit.other)
    if display_width(other) <= cells:
        return other
    if hit.partner is None:
        return fit(other, cells)
    # Start a little before the partner, so it shows with some of what leads up to it.
    lead = fit(other[: hit.partner[0]], cells // 3, keep="end")
    return fit(lead + other[hit.partner[0] :], cells)


def text_row(hit: Hit, context: int, bead_cells: int) -> str:
    """One hit as a KWIC line: bead, language, the left context right-aligned in ``context``
    cells, the match in brackets (nothing added around it: spaces shown are the text's), the
    right context in ``context`` cells, then the other side (cut to fit).

    Columns are measured in terminal cells, so a Chinese context (two cells a character) shows
    about half the characters an English one does, and every match starts in the same column.
    """
    left = fit(one_line(hit.left), context, keep="end")
    right = fit(one_line(hit.right), context)
    return (
        f"{pad(hit.bead, bead_cells)}  {hit.lang}  {pad(left, context, align='right')}"
        f"[{one_line(hit.match)}]{pad(right, context)}  | {_other_excerpt(hit, OTHER_SIDE_CELLS)}"
    )


def tsv_row(hit: Hit) -> str:
    """One hit as a TSV line (fields escaped by :func:`bicorpus.terminal_text.tsv_field`; the other side whole)."""
    fields = (hit.bead, hit.lang, hit.left, hit.match, hit.right, hit.term or "", hit.other_lang, hit.other)
    return "\t".join(tsv_field(value) for value in fields)


def write_concordance(hits: Iterable[Hit], out: TextIO, summary_out: TextIO, fmt: str, context: int) -> Summary:
    """Write ``hits`` to ``out`` in ``fmt`` (``text`` or ``tsv``) as they come, then the summary
    to ``summary_out`` (after a blank line in text; tsv keeps ``out`` one table). Returns the summary."""
    summary = Summary()
    if fmt == "tsv":
        print("\t".join(TSV_HEADER), file=out)
    bead_cells = 0
    for hit in hits:
        summary.add(hit)
        if fmt == "tsv":
            print(tsv_row(hit), file=out)
        else:
            # Bead ids of one corpus differ only in length between documents; grow, never shrink.
            bead_cells = max(bead_cells, display_width(hit.bead))
            print(text_row(hit, context, bead_cells), file=out)
    if fmt != "tsv" and summary.hits:
        print(file=summary_out)
    for line in summary.lines():
        print(line, file=summary_out)
    return summary

