"""Annotate stage, themes layer: theme labels for paragraph beads and sentence beads.

Themes are given per paragraph and per sentence of one language of the pair, the theme
language (gold from ``themes.yaml`` on the source language's units, or the automatic theme
classifier of :mod:`bicorpus.auto_themes`), keyed by the unit's start offset in that language's
text. A bead takes the themes of its units in that language in order, without repeats, and the
primary theme of its first such unit. A bead with no side in that language (a sentence only
the other text has) takes the themes of its paragraph bead, so that every sentence pair
carries themes.
"""

from __future__ import annotations

from collections.abc import Sequence

from bicorpus.annotation_files import ThemeGold, ThemeLabels

NO_THEMES = ThemeLabels((), None)


def combine(units: Sequence[ThemeLabels]) -> ThemeLabels:
    """Themes of several units read as one: all themes in order of appearance, the first primary."""
    themes: list[str] = []
    for unit in units:
        themes.extend(theme for theme in unit.themes if theme not in themes)
    primary = next((unit.primary for unit in units if unit.primary is not None), None)
    return ThemeLabels(tuple(themes), primary)


def paragraph_themes(gold: ThemeGold, en_paragraph_starts: Sequence[int]) -> ThemeLabels:
    """Themes of a paragraph bead from the start offsets of its paragraphs in the theme language."""
    return combine([gold.paragraphs[start] for start in en_paragraph_starts]) if en_paragraph_starts else NO_THEMES


def sentence_themes(gold: ThemeGold, en_sentence_starts: Sequence[int], paragraph: ThemeLabels) -> ThemeLabels:
    """Themes of a sentence bead from the start offsets of its sentences in the theme language (else its paragraph's)."""
    return combine([gold.sentences[start] for start in en_sentence_starts]) if en_sentence_starts else paragraph
