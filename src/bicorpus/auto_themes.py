"""Automatic theme pre-annotation of English paragraphs and sentences, from a bilingual lexicon.

The lexicon is the cue keywords of ``bicorpus/schema/theme_taxonomy.json`` plus the additions in
:data:`EXTRA_KEYWORDS`, written in the taxonomy's spirit (policy vocabulary of each field). This
module never reads a gold file; its output has the shape of the gold (:class:`ThemeGold`, keyed
by English start offsets) so :mod:`bicorpus.annotation_eval` can score it.

Scoring a sentence: every keyword occurrence adds its weight to its theme. Two themes get half
weight because their cues are everywhere in policy speeches without being the point:
``high_quality_development`` (the guidelines make it primary only when no specific field is),
and the generic Party cues (a Party body acting as the agent does not make
``party_leadership_conduct`` primary). A theme is kept when its score reaches
:data:`THRESHOLD`; the primary is the best-scoring specific theme (ties: the earliest cue), else
``high_quality_development``.

Rules from ``docs/annotation_guidelines.md`` applied after scoring:

* a heading sentence ("Third, ...") takes the primary theme of the point it opens (the
  paragraph's most frequent primary among its other sentences);
* a sentence without any cue takes the primary of the sentence before it (or after it, for the
  first sentence);
* a paragraph's themes are the primaries of its sentences plus themes that at least two of its
  sentences carry; its primary is the most frequent sentence primary (ties: highest total
  score, then first);
* a paragraph without letters (the dateline) and its sentences get no themes.

The Chinese text is accepted for a stable signature but not used: without the sentence beads a
Chinese sentence cannot be matched to its English unit, and the English cues alone decide.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from bicorpus.annotation_files import ThemeGold, ThemeLabels, load_theme_taxonomy

__all__ = ["EXTRA_KEYWORDS", "THRESHOLD", "annotate_themes", "lexicon", "score_sentence"]

#: Cue words added to the taxonomy's own, per theme (English only; see the module docstring).
EXTRA_KEYWORDS: dict[str, tuple[str, ...]] = {
    "high_quality_development": ("high-quality economic", "modern economic system", "modern socialist country"),
    "science_technology_innovation": (
        "science and technology",
        "technological innovation",
        "technologies",
        "technology",
        "scientific",
        "innovation achievements",
        "fundamental research",
        "basic research",
        "key core technologies",
        "new national system",
        "strategic scientific",
    ),
    "industrial_upgrading": (
        "industries",
        "industrial system",
        "industrial transformation",
        "new industrialization",
        "manufacturing power",
        "quality power",
        "industrial",
        "new industries",
        "industrial chain",
        "upgrading",
    ),
    "digital_economy": ("digital", "cyber", "big data", "platform economy"),
    "agriculture_food_security": ("agricultural machinery", "strong agricultural country", "countryside", "rural areas"),
    "green_development": ("carbon", "environment-friendly", "emissions", "clean energy", "pollution", "lifestyles"),
    "reform_markets": (
        "reforms",
        "deepen reform",
        "market",
        "government",
        "micro-subjects",
        "allocation",
        "production factor",
        "property rights",
        "business environment",
        "private economy",
        "state-owned",
    ),
    "opening_up": ("opening up", "international", "foreign", "trade", "investment", "Belt and Road"),
    "talent_education": (
        "talents",
        "educational",
        "universities",
        "higher education institutions",
        "workers",
        "training",
        "teams",
    ),
    "income_regional_balance": ("income", "regional", "urban and rural", "balanced development", "gap"),
    "security_supply_chains": ("safe", "secure", "supply chain", "food security", "energy security", "reliable"),
    "party_leadership_conduct": (
        "leading officials",
        "cadres",
        "General Secretary",
        "speech",
        "study",
        "outdated views",
        "capability",
        "understanding",
        "work progress",
        "assessment",
    ),
}

#: Themes whose generic cues count half (see the module docstring).
_HALF_WEIGHT = {
    "high_quality_development": None,  # every cue
    "party_leadership_conduct": ("Party", "Central Committee", "Political Bureau", "National Congress", "study", "understanding"),
}
#: Score a theme needs to be kept.
THRESHOLD = 1.0
HOME_THEME = "high_quality_development"
_HEADING = re.compile(r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly)\b")


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[str, re.Pattern[str], float], ...]:
    """(theme, compiled cue, weight) for every English cue; lower-case cues match any case."""
    taxonomy = load_theme_taxonomy()
    entries = []
    for theme in taxonomy.themes:
        cues = dict.fromkeys([*theme.keywords_en, *EXTRA_KEYWORDS.get(theme.id, ())])
        half = _HALF_WEIGHT.get(theme.id, ())
        for cue in cues:
            weight = 0.5 if half is None or cue in half else 1.0
            flags = 0 if any(ch.isupper() for ch in cue) else re.IGNORECASE
            pattern = re.compile(r"(?<![\w-])" + re.escape(cue) + r"(?:s|es)?(?![\w-])", flags)
            entries.append((theme.id, pattern, weight))
    return tuple(entries)


def score_sentence(text: str) -> dict[str, tuple[float, int]]:
    """Per theme: (summed weight of its cues, offset of its first cue) in ``text``.

    Overlapping cues of one theme count once, the longest ("green finance" over "green").
    """
    matches: dict[str, list[tuple[int, int, float]]] = {}
    for theme, pattern, weight in lexicon():
        for m in pattern.finditer(text):
            matches.setdefault(theme, []).append((m.start(), m.end(), weight))
    scores: dict[str, tuple[float, int]] = {}
    for theme, found in matches.items():
        kept: list[tuple[int, int, float]] = []
        for start, end, weight in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            if not any(start < e and s < end for s, e, _ in kept):
                kept.append((start, end, weight))
        scores[theme] = (sum(w for _, _, w in kept), min(s for s, _, _ in kept))
    return scores


def _label(scores: dict[str, tuple[float, int]], order: Sequence[str]) -> ThemeLabels | None:
    kept = [t for t in order if scores.get(t, (0.0, 0))[0] >= THRESHOLD]
    specific = [t for t in kept if t != HOME_THEME]
    if specific:
        primary = min(specific, key=lambda t: (-scores[t][0], scores[t][1]))
    elif scores.get(HOME_THEME, (0.0, 0))[0] > 0:
        primary = HOME_THEME
    elif scores:
        primary = min(scores, key=lambda t: (-scores[t][0], scores[t][1]))
    else:
        return None
    themes = [primary, *[t for t in kept if t != primary]]
    return ThemeLabels(tuple(themes), primary)


def annotate_themes(
    en_text: str, zh_text: str, paragraphs: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]
) -> ThemeGold:
    """Themes for every English paragraph and sentence, keyed by start offset as in the gold.

    ``paragraphs`` and ``sentences`` are ``(start, end)`` offsets into ``en_text`` (each
    sentence lies inside one paragraph). ``zh_text`` is not used (see the module docstring).
    """
    del zh_text
    order = load_theme_taxonomy().ids
    result = ThemeGold({}, {})
    for p_start, p_end in paragraphs:
        inside = [(s, e) for s, e in sentences if p_start <= s and e <= p_end]
        if not any(ch.isalpha() for ch in en_text[p_start:p_end]):
            result.paragraphs[p_start] = ThemeLabels((), None)
            for s, _ in inside:
                result.sentences[s] = ThemeLabels((), None)
            continue
        scored = [score_sentence(en_text[s:e]) for s, e in inside]
        labels: list[ThemeLabels | None] = [_label(sc, order) for sc in scored]
        headings = [bool(_HEADING.match(en_text[s:e])) and len(en_text[s:e].split()) <= 12 for s, e in inside]
        body = Counter(lab.primary for lab, heading in zip(labels, headings) if lab is not None and lab.primary and not heading)
        for i, heading in enumerate(headings):
            if heading and body:
                point = body.most_common(1)[0][0]
                own = labels[i]
                labels[i] = ThemeLabels((point, *[t for t in (own.themes if own else ()) if t != point]), point)
        # A sentence without a cue refers to its neighbour.
        for i in range(len(labels)):
            if labels[i] is None:
                neighbour = next((labels[j] for j in range(i - 1, -1, -1) if labels[j] is not None), None)
                neighbour = neighbour or next((labels[j] for j in range(i + 1, len(labels)) if labels[j] is not None), None)
                primary = neighbour.primary if neighbour and neighbour.primary else HOME_THEME
                labels[i] = ThemeLabels((primary,), primary)
        final = [lab for lab in labels if lab is not None]
        for (s, _), lab in zip(inside, final):
            result.sentences[s] = lab
        result.paragraphs[p_start] = _paragraph_labels(final, scored, order)
    return result


def _paragraph_labels(
    sentences: Sequence[ThemeLabels], scored: Sequence[dict[str, tuple[float, int]]], order: Sequence[str]
) -> ThemeLabels:
    if not sentences:
        return ThemeLabels((HOME_THEME,), HOME_THEME)
    # Automatic labels always have a primary theme (only the gold dateline has none).
    primaries = Counter(lab.primary or HOME_THEME for lab in sentences)
    carried = Counter(t for lab in sentences for t in lab.themes)
    totals: defaultdict[str, float] = defaultdict(float)
    for sc in scored:
        for theme, (score, _) in sc.items():
            totals[theme] += score
    first_seen = {p: i for i, p in reversed(list(enumerate(lab.primary or HOME_THEME for lab in sentences)))}
    primary = min(primaries, key=lambda t: (-primaries[t], -totals[t], first_seen[t]))
    themes = [t for t in order if t != primary and (t in primaries or carried[t] >= 2)]
    return ThemeLabels((primary, *themes), primary)
