"""Candidate entity mentions: what each language module's entity rules propose, and the
language-neutral pieces those rules share.

A language module (:mod:`bicorpus.lang`) that finds entity candidates provides
``entity_candidates(text, offset, gazetteer)``: names from the gazetteer, then its own patterns
for temporal and measure expressions, ordinals, cardinals and unknown names, each with a tier,
a linking key and a link scope; :func:`flatten` makes them flat. :mod:`bicorpus.auto_entities`
links the candidates of a document pair into entities. The :class:`Gazetteer` holds names per
language code for the languages its file lists; a language it does not list has no names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from bicorpus.lang import language

__all__ = [
    "BEAD",
    "DICTIONARY",
    "DOCUMENT",
    "GUESSES",
    "NAMES",
    "NUMBERS",
    "OWN",
    "TEMPORAL",
    "Candidate",
    "CandidateFinds",
    "Gazetteer",
    "date_scope",
    "flatten",
    "inside",
    "slug",
]

# Tiers: a candidate of a lower number is placed first and blocks overlapping later ones.
# Dictionary places come last: a guessed person, organisation or product name that starts
# with a place's name (Yang Li, Lujiang Pharma, Xiangyun-6) keeps its whole span and label.
NAMES, TEMPORAL, NUMBERS, GUESSES, DICTIONARY = 1, 2, 3, 4, 5

# Link scopes: equal keys are one entity in the whole document, within one sentence bead, or
# never (each unknown name is its own entity).
DOCUMENT, BEAD, OWN = "document", "bead", "own"


@dataclass(frozen=True)
class Candidate:
    """One proposed mention; ``label`` None marks a not-an-entity expression that only blocks."""

    start: int
    end: int
    label: str | None
    key: str  # linking key: equal keys are the same referent (within ``scope``)
    scope: str
    tier: int
    text: str
    #: What found it, a word of the evidence vocabulary (:data:`bicorpus.project_entities.EVIDENCE`):
    #: ``gazetteer``, ``pattern`` (a rule for a form: dates, numbers, numbered congresses),
    #: ``tagger`` (a statistical tagger) or ``guess`` (a weak heuristic for an unknown name).
    evidence: str = "pattern"


@dataclass(frozen=True, eq=False)  # hashed by identity, so the compiled patterns can be cached
class Gazetteer:
    """Names by language code, for the languages the gazetteer lists: ``names[lang]`` maps a
    name to (entry id, label), longest names first; ``not_entities[lang]`` are expressions
    that only block. A language the gazetteer does not list has neither."""

    names: dict[str, dict[str, tuple[str, str]]]
    not_entities: dict[str, tuple[str, ...]]
    #: Names from a bilingual dictionary's places (:attr:`bicorpus.lang.BilingualLexicon.places`),
    #: by language code as ``names``: found only where no hand-written name or not-entity is.
    dictionary: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def names_in(self, lang: str) -> dict[str, tuple[str, str]]:
        """The names of language ``lang`` (empty when the gazetteer has none)."""
        return self.names.get(lang, {})


_WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class _NameFinder:
    r"""Finds a set of literal names in a text as the regular expression of one alternation of
    them, longest first, would (``re.finditer`` of ``(?:long|short)``, bounded by ``(?<!\w)``
    and ``(?!\w)`` in a spaced language): left to right, at each position the longest name
    there, the search going on after it. Thousands of names (the dictionary places) make that
    alternation slow in ``re``, which tries them one by one at every position; looking up
    only the lengths of the names that start with the character at hand is far cheaper."""

    names: frozenset[str]
    #: first character -> the lengths of the names that start with it, longest first
    lengths: dict[str, tuple[int, ...]]
    #: where a name may start: one of their first characters (after no word character, if bounded)
    starts: re.Pattern[str]
    bounded: bool

    @classmethod
    def of(cls, names: Iterable[str], bounded: bool) -> _NameFinder | None:
        """The finder of ``names`` (the gazetteer requires them non-empty); None when there are none."""
        named = frozenset(names)
        if not named:
            return None
        by_first: dict[str, set[int]] = {}
        for name in named:
            by_first.setdefault(name[0], set()).add(len(name))
        firsts = "".join(re.escape(first) for first in sorted(by_first))
        starts = re.compile(rf"(?<!\w)[{firsts}]" if bounded else f"[{firsts}]")
        return cls(named, {first: tuple(sorted(found, reverse=True)) for first, found in by_first.items()}, starts, bounded)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` spans of the names found in ``text``, in order."""
        out = []
        size = len(text)
        start = self.starts.search(text)
        while start is not None:
            position = start.start()
            for length in self.lengths[text[position]]:
                end = position + length
                if end <= size and text[position:end] in self.names and not (self.bounded and _WORD_CHARACTER.match(text, end)):
                    out.append((position, end))
                    position = end - 1  # the search goes on after the name
                    break
            start = self.starts.search(text, position + 1)
        return out


@lru_cache(maxsize=16)
def _name_finder(gazetteer: Gazetteer, lang: str) -> _NameFinder | None:
    # A language written without spaces has no word boundaries to anchor a name on.
    return _NameFinder.of([*gazetteer.names_in(lang), *gazetteer.not_entities.get(lang, ())], not language(lang).unspaced)


@lru_cache(maxsize=16)
def _dictionary_finder(gazetteer: Gazetteer, lang: str) -> _NameFinder | None:
    return _NameFinder.of(gazetteer.dictionary.get(lang, {}), not language(lang).unspaced)


@dataclass
class CandidateFinds:
    """The candidates found so far in one ``text`` that starts at document offset ``offset``."""

    text: str
    offset: int
    found: list[Candidate] = field(default_factory=list)

    def add(
        self, match: re.Match[str] | regex.Match[str] | tuple[int, int], label: str | None, key: str, scope: str, tier: int,
        evidence: str = "",
    ) -> None:
        """Add the span of ``match`` (of ``re`` or ``regex``, or a ``(start, end)`` pair in
        ``text``) as a candidate; ``evidence`` defaults to ``guess`` in the guess tier, ``pattern``
        elsewhere."""
        start, end = match if isinstance(match, tuple) else (match.start(), match.end())
        evidence = evidence or ("guess" if tier == GUESSES else "pattern")
        self.found.append(
            Candidate(self.offset + start, self.offset + end, label, key, scope, tier, self.text[start:end], evidence)
        )

    def add_names(self, gazetteer: Gazetteer, lang: str) -> None:
        """Add the gazetteer's names of language ``lang``; its not-entities only block; then its
        dictionary names where no hand-written name is and the language's lexicon, if any, says
        the name stands as a word there."""
        finder = _name_finder(gazetteer, lang)
        hand_written = finder.spans(self.text) if finder is not None else []
        for start, end in hand_written:
            entry = gazetteer.names_in(lang).get(self.text[start:end])
            if entry is None:
                self.add((start, end), None, "", OWN, NAMES)
            else:
                self.add((start, end), entry[1], entry[0], DOCUMENT, NAMES, "gazetteer")
        dictionary = _dictionary_finder(gazetteer, lang)
        if dictionary is None:
            return
        lexicon = language(lang).lexicon
        stands = lexicon.place_stands if lexicon is not None else None
        for start, end in dictionary.spans(self.text):
            # The hand-written gazetteer wins over the dictionary wherever they overlap.
            if any(start < e and s < end for s, e in hand_written):
                continue
            if stands is not None and not stands(self.text, start, end):
                continue
            if not language(lang).unspaced and _beside_capitalised_word(self.text, start, end):
                continue
            entry = gazetteer.dictionary[lang][self.text[start:end]]
            self.add((start, end), entry[1], entry[0], DOCUMENT, DICTIONARY, "gazetteer")


_WORD_BEFORE = re.compile(r"(\w[\w'’.-]*)[ -]$")
_WORD_AFTER = re.compile(r"[ -](\w)")


def _beside_capitalised_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a capitalised word right before or after it: then it is
    part of a longer name (Gu Jianping, Gui'an New Area) that a dictionary place must not split."""
    before = _WORD_BEFORE.search(text[max(0, start - 40):start])
    after = _WORD_AFTER.match(text, end)
    return bool(before and before.group(1)[:1].isupper()) or bool(after and after.group(1).isupper())


def slug(text: str) -> str:
    """``text`` as a key part: lower-case ASCII letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def date_scope(expression: str) -> str:
    """The link scope of a date: one with its year names one day or period wherever it is
    said; others are relative."""
    return DOCUMENT if re.search(r"\d{4}", expression) else BEAD


def inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``start .. end`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def flatten(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: tier first, then the longest, then the leftmost."""
    placed: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.tier, -(c.end - c.start), c.start, c.label or "")):
        if candidate.end > candidate.start and not any(
            candidate.start < other.end and other.start < candidate.end for other in placed
        ):
            placed.append(candidate)
    return sorted((c for c in placed if c.label is not None), key=lambda c: c.start)
