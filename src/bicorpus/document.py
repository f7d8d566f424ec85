"""The document model: one document pair as the segment, identify and align stages leave it.

A typed tree that the stages pass on instead of records::

    AlignedDocument
      source                 the DocumentSource (metadata, normalized texts, gold files)
      paragraphs[lang]       Paragraph: id, span, role, identified language, near-duplicate of,
                               sentences: Sentence (id, span, identified language)
      groups                 one per paragraph bead: the bead, the sentences of its paragraphs
                               per language, and the sentence beads aligning them

Each unit is segmented once and its language identified once, in
:func:`bicorpus.pipeline.segment_document`; :func:`bicorpus.pipeline.align_document` adds
the beads. The annotators, the record makers and ``eval-annotations`` all read this tree, so
they see the same units. Bead indices are positions in a group's sentences, source side first
(the order of the document's languages in ``AlignedDocument.languages``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bicorpus.beads import Bead
from bicorpus.segment import Span
from bicorpus.sources import DocumentSource

__all__ = ["AlignedDocument", "Paragraph", "Sentence", "SentenceGroup"]


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
