"""Automatic theme pre-annotation of the paragraphs and sentences of one language's text, by the
embedding classifier of :mod:`bicorpus.theme_classifier`.

Any language the embedding model (multilingual USE v3) covers gets themes: the classifier was
trained on paragraphs written in English and Chinese, and the model places translations close
together. Which language's units a document's themes are kept on is :func:`theme_language`:
the first of the pair the model covers, i.e. the source language, whose units the gold themes
are keyed by too. Only that side is read: averaging each unit's embedding with its aligned
translation's was tried and scored no better on the two development texts
(docs/pre_annotation.md), and reading one side keeps every label on exactly one unit.

This module never reads a gold file; its output has the shape of the gold (:class:`ThemeGold`,
keyed by start offsets into the text annotated) so :mod:`bicorpus.annotation_eval` can score it.

Labelling (the classifier gives every unit a probability per theme):

* a paragraph's probabilities come from its own embedding (the sum of its sentences') mixed
  with the mean of its document's paragraphs (:data:`~bicorpus.theme_classifier.DOCUMENT_WEIGHT`
  from the document; the attribution line is not counted), so a title, a greeting or a
  closing formality leans on what the occasion is about; a sentence's are its own mixed with
  its paragraph's (:data:`~bicorpus.theme_classifier.CONTEXT_WEIGHT` from the paragraph), so a
  sentence is read in context;
* the primary theme is the most probable one; the themes are the primary plus every theme at
  or above its calibrated threshold (multi-label), primary first, the rest in taxonomy order;

then the rules of ``docs/annotation_guidelines.md`` that a classifier cannot learn:

* a paragraph without letters (the dateline) and its sentences get no themes;
* an attribution paragraph (role ``attribution``: speaker and occasion) gets
  :data:`ATTRIBUTION_THEME`, as do its sentences;
* a heading sentence (one that opens with the language's heading pattern, "Third, ...", and
  has at most 12 words) takes the primary theme of the point it opens (the most frequent
  primary of the paragraph's other sentences), and a heading paragraph (role ``heading``) the
  primary of the next paragraph it heads;
* a paragraph's themes include the primary of every one of its sentences.

A language the model does not cover gets no themes at all: every paragraph and sentence is
labelled ``ThemeLabels((), None)``, as the dateline is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from bicorpus.annotation_files import ThemeGold, ThemeLabels
from bicorpus.lang import language, primary_subtag
from bicorpus.theme_classifier import ThemeClassifier, load_classifier, unit_embeddings

if TYPE_CHECKING:
    from bicorpus.sentence_aligner.embeddings import UseEncoder

__all__ = ["ATTRIBUTION_ROLE", "ATTRIBUTION_THEME", "HEADING_ROLE", "annotate_themes", "theme_language"]

#: The paragraph role of the line naming speaker and occasion (meta.yaml's ``roles``).
ATTRIBUTION_ROLE = "attribution"
#: The paragraph role of a heading that opens a point.
HEADING_ROLE = "heading"
#: The theme the guidelines give an attribution line.
ATTRIBUTION_THEME = "party_leadership_conduct"
#: A heading sentence has at most this many (whitespace-separated) words.
_HEADING_MAX_WORDS = 12

NO_THEMES = ThemeLabels((), None)


def theme_language(languages: Sequence[str]) -> str | None:
    """The first of ``languages`` (as given) that the embedding model covers, or None when none is.

    For a pair in its order this is the source language: English for an English–Chinese pair,
    Chinese for a Chinese–English one, German for German–French.
    """
    from bicorpus.sentence_aligner.languages import SUPPORTED

    return next((lang for lang in languages if primary_subtag(lang) in SUPPORTED), None)


def annotate_themes(
    text: str,
    lang: str,
    paragraphs: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    *,
    roles: Sequence[str] | None = None,
    encoder: UseEncoder | None = None,
) -> ThemeGold:
    """Themes for every paragraph and sentence of ``text``, in language ``lang``, keyed by start
    offset as in the gold.

    ``paragraphs`` and ``sentences`` are ``(start, end)`` offsets into ``text`` (each sentence
    lies inside one paragraph; a sentence outside every paragraph gets no label); ``roles``,
    when given, is each paragraph's role (``body``, ``title``, ``attribution`` ...).
    ``encoder`` defaults to the sentence aligner's, whose cache already holds the sentences a
    build has aligned. When the model does not cover ``lang`` (:func:`theme_language`), every
    paragraph and sentence is labelled ``ThemeLabels((), None)``.
    """
    inside = [[(s, e) for s, e in sentences if p_start <= s and e <= p_end] for p_start, p_end in paragraphs]
    result = ThemeGold({}, {})
    lettered = [i for i, (p_start, p_end) in enumerate(paragraphs) if any(ch.isalpha() for ch in text[p_start:p_end])]
    if theme_language([lang]) is None:
        lettered = []
    for i, (p_start, _) in enumerate(paragraphs):
        result.paragraphs[p_start] = NO_THEMES
        for s, _ in inside[i]:
            result.sentences[s] = NO_THEMES
    if not lettered:
        return result
    classifier = load_classifier()
    if encoder is None:
        from bicorpus.sentence_aligner.aligner import default_aligner

        encoder = default_aligner().encoder
    sentence_vectors, paragraph_vectors = unit_embeddings(encoder, [[text[s:e] for s, e in inside[i]] for i in lettered])
    sentence_probabilities = classifier.probabilities(sentence_vectors)
    paragraph_probabilities = _in_document_context(
        classifier.probabilities(paragraph_vectors),
        [roles is None or roles[i] != ATTRIBUTION_ROLE for i in lettered],
        classifier.document_weight,
    )
    rules = language(lang).themes
    opening = rules.heading if rules is not None else None
    row = 0
    for n, i in enumerate(lettered):
        units = inside[i]
        if roles is not None and roles[i] == ATTRIBUTION_ROLE:
            labels = [ThemeLabels((ATTRIBUTION_THEME,), ATTRIBUTION_THEME)] * len(units)
            paragraph = ThemeLabels((ATTRIBUTION_THEME,), ATTRIBUTION_THEME)
        else:
            context = paragraph_probabilities[n]
            mixed = (1 - classifier.context_weight) * sentence_probabilities[row:row + len(units)]
            mixed += classifier.context_weight * context
            labels = [_labels(classifier, p) for p in mixed]
            labels = _headings_take_their_point(labels, [text[s:e] for s, e in units], opening)
            paragraph = _labels(classifier, context, also=[lab.primary for lab in labels if lab.primary])
        row += len(units)
        result.paragraphs[paragraphs[i][0]] = paragraph
        for (s, _), label in zip(units, labels):
            result.sentences[s] = label
    if roles is not None:
        _heading_paragraphs_take_their_point(result, paragraphs, inside, roles, lettered)
    return result


def _in_document_context(probabilities: np.ndarray, counted: Sequence[bool], weight: float) -> np.ndarray:
    """Each row of ``probabilities`` mixed with the mean of the ``counted`` rows, ``weight`` from the mean."""
    rows = probabilities[np.asarray(counted, dtype=bool)]
    if weight == 0 or len(rows) == 0:
        return probabilities
    return (1 - weight) * probabilities + weight * rows.mean(axis=0)


def _labels(classifier: ThemeClassifier, probabilities: np.ndarray, also: Sequence[str] = ()) -> ThemeLabels:
    """The most probable theme as primary, then (taxonomy order) every theme at or above its
    threshold and every theme of ``also``."""
    primary = classifier.themes[int(np.argmax(probabilities))]
    kept = {theme for theme, p, t in zip(classifier.themes, probabilities, classifier.thresholds) if p >= t} | set(also)
    return ThemeLabels((primary, *[theme for theme in classifier.themes if theme in kept and theme != primary]), primary)


def _with_primary(labels: ThemeLabels, primary: str) -> ThemeLabels:
    return ThemeLabels((primary, *[t for t in labels.themes if t != primary]), primary)


def _headings_take_their_point(
    labels: list[ThemeLabels], texts: Sequence[str], opening: re.Pattern[str] | None
) -> list[ThemeLabels]:
    """A heading sentence takes the most frequent primary of its paragraph's other sentences."""
    if opening is None:
        return labels
    headings = [bool(opening.match(t)) and len(t.split()) <= _HEADING_MAX_WORDS for t in texts]
    body = Counter(lab.primary for lab, heading in zip(labels, headings) if lab.primary and not heading)
    if not body:
        return labels
    point = body.most_common(1)[0][0]
    return [_with_primary(lab, point) if heading else lab for lab, heading in zip(labels, headings)]


def _heading_paragraphs_take_their_point(
    result: ThemeGold,
    paragraphs: Sequence[tuple[int, int]],
    inside: Sequence[Sequence[tuple[int, int]]],
    roles: Sequence[str],
    lettered: Sequence[int],
) -> None:
    """A heading paragraph (and its sentences) takes the primary of the next labelled body paragraph."""
    for n, i in enumerate(lettered):
        if roles[i] != HEADING_ROLE:
            continue
        following = next((j for j in lettered[n + 1:] if roles[j] not in (HEADING_ROLE, ATTRIBUTION_ROLE)), None)
        point = None if following is None else result.paragraphs[paragraphs[following][0]].primary
        if point is None:
            continue
        start = paragraphs[i][0]
        result.paragraphs[start] = _with_primary(result.paragraphs[start], point)
        for s, _ in inside[i]:
            result.sentences[s] = _with_primary(result.sentences[s], point)
