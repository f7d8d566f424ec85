"""The theme lexicon: the cue-word theme annotator that :mod:`bicorpus.auto_themes` used before
the classifier of :mod:`bicorpus.theme_classifier`, kept as the baseline that
``bicorpus eval-annotations --theme-annotator lexicon`` scores. The build does not use it.

Why it is no longer the build's annotator: it was written against the shipped speech and
scores well there (0.86 sentence micro F1), but on a text written after it
(``tests/annotation_heldout/harbour-forum-2025``) it found 0.24, and it reads English only. A
boost of the classifier's probabilities by its cues raised the speech's score and not the
other text's (docs/pre_annotation.md), so it was left out.

The lexicon of a language is the cue keywords the theme taxonomy
(``bicorpus/schema/theme_taxonomy.json``) gives for it plus its module's
:class:`~bicorpus.lang.ThemeRules` (``themes`` of :func:`bicorpus.lang.language`): cue words
added in the taxonomy's spirit, themes whose cues count half, the opening of a heading
sentence, and the endings a cue may take. A language without theme rules has no lexicon, even
where the taxonomy lists keywords for it; today only English has rules. Its output has the
shape of the gold (:class:`ThemeGold`, keyed by start offsets into the text annotated).

Scoring a sentence: every cue occurrence adds its weight to its theme; cues of the language's
half-weight themes count half. A theme is kept when its score reaches :data:`THRESHOLD`; the
primary is the best-scoring specific theme (ties: the earliest cue), else :data:`HOME_THEME`.
Then the guideline rules: a heading sentence takes the primary of its point; a sentence
without any cue takes the primary of its neighbour; a paragraph's themes are the primaries of
its sentences plus themes that at least two of its sentences carry, its primary the most
frequent sentence primary; a paragraph without letters (the dateline) gets no themes. A
language without a lexicon gets ``ThemeLabels((), None)`` on every unit.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from bicorpus.annotation_files import ThemeGold, ThemeLabels, load_theme_taxonomy
from bicorpus.lang import language

__all__ = ["HOME_THEME", "THRESHOLD", "annotate_themes_by_lexicon", "lexicon", "lexicon_language", "score_sentence"]

#: Score a theme needs to be kept.
THRESHOLD = 1.0
#: The theme of a sentence whose cues name no specific theme (the guidelines' default).
HOME_THEME = "high_quality_development"
#: A heading sentence has at most this many (whitespace-separated) words.
_HEADING_MAX_WORDS = 12

#: One cue of a lexicon: (theme id, compiled cue, weight).
Cue = tuple[str, re.Pattern[str], float]


@lru_cache(maxsize=16)
def lexicon(lang: str) -> tuple[Cue, ...]:
    """(theme, compiled cue, weight) for every cue of language ``lang``; empty when the language
    has no theme rules. Lower-case cues match any case."""
    return tuple((theme, pattern, weight) for theme, pattern, weight, _, _ in _cue_entries(lang))


@lru_cache(maxsize=16)
def _cue_entries(lang: str) -> tuple[tuple[str, re.Pattern[str], float, str | None, bool], ...]:
    """:func:`lexicon`'s cues, in its order, each with the text a match must contain (the cue;
    None for a cue not in ASCII, which is always tried) and whether that text is looked for in
    the lower-cased sentence (a cue that matches any case)."""
    rules = language(lang)
    if rules.themes is None:
        return ()
    taxonomy = load_theme_taxonomy()
    entries = []
    for theme in taxonomy.themes:
        cues = dict.fromkeys([*theme.keywords.get(rules.code, ()), *rules.themes.cues.get(theme.id, ())])
        half = rules.themes.half_weight.get(theme.id, ())
        for cue in cues:
            weight = 0.5 if half is None or cue in half else 1.0
            flags = 0 if any(ch.isupper() for ch in cue) else re.IGNORECASE
            body = re.escape(cue) + rules.themes.inflection
            # A language written without spaces has no word boundaries to anchor a cue on.
            pattern = re.compile(body if rules.unspaced else r"(?<![\w-])" + body + r"(?![\w-])", flags)
            entries.append((theme.id, pattern, weight, cue if cue.isascii() else None, bool(flags)))
    return tuple(entries)


def lexicon_language(languages: Sequence[str]) -> str | None:
    """The first of ``languages`` that has a theme lexicon (as given), or None when none has.

    Today only English has one, so an English–Chinese pair is annotated from its English text
    whichever side it is on, and a German–French pair gets None.
    """
    return next((lang for lang in languages if lexicon(lang)), None)


def score_sentence(text: str, lang: str) -> dict[str, tuple[float, int]]:
    """Per theme: (summed weight of its cues, offset of its first cue) in ``text``, a sentence
    in language ``lang`` (empty when the language has no lexicon).

    Overlapping cues of one theme count once, the longest ("green finance" over "green").
    """
    matches: dict[str, list[tuple[int, int, float]]] = {}
    # A cue can only match where its text occurs: testing that first spares running most of
    # the patterns. The test is exact only where lower-casing maps each character to the one
    # character the pattern's case-insensitive matching equates it with; otherwise (a cased
    # character outside ASCII, "ſ" or "K" say) every pattern runs.
    plain = _plain_case(text)
    folded = text.lower() if plain else text
    for theme, pattern, weight, needle, any_case in _cue_entries(lang):
        if plain and needle is not None and needle not in (folded if any_case else text):
            continue
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain_case(text: str) -> bool:
    """Whether every character of ``text`` is ASCII or has no case (typographic quotes, dashes,
    CJK): then an ASCII cue matches case-insensitively only where the lower-cased text holds it."""
    return all(ch == ch.lower() == ch.upper() for ch in _NON_ASCII.findall(text))


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


def annotate_themes_by_lexicon(
    text: str, lang: str, paragraphs: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]
) -> ThemeGold:
    """Themes for every paragraph and sentence of ``text``, in language ``lang``, keyed by start
    offset as in the gold.

    ``paragraphs`` and ``sentences`` are ``(start, end)`` offsets into ``text`` (each sentence
    lies inside one paragraph; a sentence outside every paragraph gets no label). When ``lang``
    has no theme lexicon (:func:`lexicon_language`), every paragraph and sentence is labelled
    ``ThemeLabels((), None)``: no themes, no primary.
    """
    order = load_theme_taxonomy().ids
    cues = lexicon(lang)
    rules = language(lang).themes
    opening = rules.heading if rules is not None else None  # of a heading sentence
    result = ThemeGold({}, {})
    for p_start, p_end in paragraphs:
        inside = [(s, e) for s, e in sentences if p_start <= s and e <= p_end]
        if not cues or not any(ch.isalpha() for ch in text[p_start:p_end]):
            result.paragraphs[p_start] = ThemeLabels((), None)
            for s, _ in inside:
                result.sentences[s] = ThemeLabels((), None)
            continue
        scored = [score_sentence(text[s:e], lang) for s, e in inside]
        labels: list[ThemeLabels | None] = [_label(sc, order) for sc in scored]
        headings = [
            opening is not None and bool(opening.match(text[s:e])) and len(text[s:e].split()) <= _HEADING_MAX_WORDS
            for s, e in inside
        ]
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
