"""The gazetteer's name finder reads a text exactly as one alternation of the names would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.entity_candidates import Gazetteer, _dictionary_finder, _NameFinder

#: Few characters, so that names overlap, nest and touch each other and word characters.
CHARACTERS = "abAB _-港口市"
NAMES = st.lists(st.text(CHARACTERS, min_size=1, max_size=4), min_size=1, max_size=8)


def _alternation(names: list[str], bounded: bool) -> re.Pattern[str]:
    body = "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if bounded else f"(?:{body})")


@settings(max_examples=300)
@given(NAMES, st.text(CHARACTERS, max_size=30), st.booleans())
def test_finder_finds_what_the_longest_first_alternation_finds(names: list[str], text: str, bounded: bool) -> None:
    finder = _NameFinder.of(names, bounded)
    assert finder is not None
    assert finder.spans(text) == [m.span() for m in _alternation(names, bounded).finditer(text)]


def test_longest_name_wins_and_words_bound_names_in_a_spaced_language() -> None:
    finder = _NameFinder.of(["Hai", "Haikou", "Kou"], bounded=True)
    assert finder is not None
    assert finder.spans("Haikou and Hai, not Haikous") == [(0, 6), (11, 14)]


def test_unspaced_names_need_no_boundaries_and_do_not_overlap() -> None:
    finder = _NameFinder.of(["海口", "口市", "海口市"], bounded=False)
    assert finder is not None
    assert finder.spans("去海口市和海口") == [(1, 4), (5, 7)]


def test_a_gazetteer_without_dictionary_places_has_no_dictionary_finder() -> None:
    assert _dictionary_finder(Gazetteer({"en": {"Haikou": ("haikou", "GPE")}}, {}), "en") is None
