"""The document model: one document pair as the segment, identify and align stages leave it.

A typed tree that the stages pass on instead of records::

    AlignedDocument
      source                 the DocumentSource (metadata, normalized texts, gold files)
      paragraphs[lang]       Paragraph: id, span, role, identified language, near-duplicate of,
                               sentences: Sentence (id, span, identified language)
      groups                 one per paragraph bead: the bead, the sentences of its paragraphs
                               per language, and the sentence beads aligning them

    AnnotatedDocument        the aligned tree plus its annotation layers:
      entities               EntityLayer: the entities (mentions in both languages) and their source
      themes                 ThemeLayer: theme labels of one language's units, and how beads take them

Each unit is segmented once and its language identified once, in
:func:`bicorpus.pipeline.segment_document`; :func:`bicorpus.pipeline.align_document` adds
the beads and :func:`bicorpus.pipeline.annotate_document` the layers;
:func:`bicorpus.pipeline.document_records` is the one function that turns the tree into
records. The annotators, the record makers and ``eval-annotations`` all read this tree, so
they see the same units. Bead indices are positions in a group's sentences, source side first
(the order of the document's languages in ``AlignedDocument.languages``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bicorpus.annotate_themes import NO_THEMES, paragraph_themes, sentence_themes
from bicorpus.annotation_files import Entity, ThemeGold, ThemeLabels
from bicorpus.beads import Bead
from bicorpus.segment import Span
from bicorpus.sources import DocumentSource

__all__ = ["AlignedDocument", "AnnotatedDocument", "EntityLayer", "Paragraph", "Sentence", "SentenceGroup", "ThemeLayer"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its id, its span in the language's text and its identified language."""

    id: str
    span: Span
    language: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one language, with its sentences in order."""

    id: str
    span: Span
    role: str
    language: str
    duplicate_of: str | None
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class SentenceGroup:
    """One paragraph bead: the sentences of its paragraphs on each side and their beads."""

    paragraph_bead: Bead
    source_sentences: tuple[Sentence, ...]
    target_sentences: tuple[Sentence, ...]
    sentence_beads: tuple[Bead, ...]

    def sides(self, bead: Bead) -> tuple[tuple[Sentence, ...], tuple[Sentence, ...]]:
        """The sentences of ``bead`` (one of this group's sentence beads), source side first."""
        return tuple(self.source_sentences[i] for i in bead.src), tuple(self.target_sentences[j] for j in bead.tgt)


@dataclass(frozen=True)
class AlignedDocument:
    """A document pair segmented, identified and aligned: what the annotators and records read."""

    source: DocumentSource
    #: The two languages, source side of every bead first.
    languages: tuple[str, str]
    paragraphs: dict[str, tuple[Paragraph, ...]]
    groups: tuple[SentenceGroup, ...]

    def sentences(self, lang: str) -> list[Sentence]:
        """Every sentence of one language, in order."""
        return [sentence for paragraph in self.paragraphs[lang] for sentence in paragraph.sentences]

    def unit_offsets(self, lang: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The (start, end) offsets of one language's paragraphs and of its sentences, in order:
        the units the theme annotators label."""
        paragraphs = [(p.span.start, p.span.end) for p in self.paragraphs[lang]]
        sentences = [(s.span.start, s.span.end) for s in self.sentences(lang)]
        return paragraphs, sentences

    def outline(self, lang: str) -> list[tuple[Span, list[Span]]]:
        """Each paragraph of one language as its span and its sentences' spans."""
        return [(paragraph.span, [s.span for s in paragraph.sentences]) for paragraph in self.paragraphs[lang]]

    def sentence_bead_spans(self) -> list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]]:
        """Each sentence bead as the (start, end) offsets of its sentences, source side first."""
        spans = []
        for group in self.groups:
            for bead in group.sentence_beads:
                source, target = group.sides(bead)
                spans.append((_offsets(source), _offsets(target)))
        return spans


def _offsets(sentences: tuple[Sentence, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((s.span.start, s.span.end) for s in sentences)


@dataclass(frozen=True)
class EntityLayer:
    """The document's entities, each with its mentions in both languages (document offsets)."""

    entities: tuple[Entity, ...]
    #: "gold" (the document's entities.yaml) or "auto" (the automatic pre-annotation).
    source: str


@dataclass(frozen=True)
class ThemeLayer:
    """Theme labels keyed by the start offsets of one language's paragraphs and sentences
    (``lang``), and how beads take them; no labels at all (``labels`` None) when the
    embedding model of the theme classifier covers no language of the pair."""

    labels: ThemeGold | None
    lang: str | None
    #: "gold" (the document's themes.yaml) or "auto" (the theme classifier, :mod:`bicorpus.auto_themes`).
    source: str

    def of_paragraphs(self, paragraphs: dict[str, list[Paragraph]]) -> ThemeLabels:
        """Themes of a paragraph bead, from its paragraphs in the theme language."""
        if self.labels is None or self.lang is None:
            return NO_THEMES
        return paragraph_themes(self.labels, [p.span.start for p in paragraphs[self.lang]])

    def of_sentences(self, sentences: dict[str, tuple[Sentence, ...]], paragraph: ThemeLabels) -> ThemeLabels:
        """Themes of a sentence bead, from its sentences in the theme language (else its paragraph's)."""
        if self.labels is None or self.lang is None:
            return NO_THEMES
        return sentence_themes(self.labels, [s.span.start for s in sentences[self.lang]], paragraph)


@dataclass(frozen=True)
class AnnotatedDocument:
    """An aligned document with its annotation layers: what the records are made from."""

    aligned: AlignedDocument
    entities: EntityLayer
    themes: ThemeLayer
