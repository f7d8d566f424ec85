"""The English entity patterns behind a gate (a cheap test for the literal text that every match
needs) find exactly what the bare patterns find: a gate may only spare the scan of a text in
which the pattern has no match."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.lang import en

_TESTS = Path(__file__).parent


def _gated_patterns() -> list[tuple[str, en._Gated]]:
    found: list[tuple[str, en._Gated]] = []
    for name, value in vars(en).items():
        if isinstance(value, en._Gated):
            found.append((name, value))
        elif isinstance(value, list):
            found.extend((f"{name}[{i}]", item) for i, item in enumerate(value) if isinstance(item, en._Gated))
    return found


_GATED = _gated_patterns()


def _spans_differ(gated: en._Gated, text: str) -> bool:
    return [m.span() for m in gated.finditer(text)] != [m.span() for m in gated.pattern.finditer(text)]


def test_gates_turn_away_no_sentence_of_the_development_texts_that_a_pattern_matches() -> None:
    sentences = [
        line
        for folder in ("annotation_dev", "annotation_heldout")
        for path in sorted((_TESTS / folder).glob("*/en.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert sentences and _GATED
    wrong = [(name, text) for name, gated in _GATED for text in sentences if _spans_differ(gated, text)]
    assert wrong == []


# Words the patterns are made of (numbers, months, periods, units, currencies, clock words) and
# the literal text of every gate, so that generated sentences often hold a match.
_VOCABULARY = sorted(
    {
        *"the a an of to in on at by and or this last next first second third fourth final past early late end start"
        " middle year years month months week weeks day days decade century ago earlier ended fiscal quarter half"
        " three ten twenty hundred million billion percent per cent % yuan dollars US$ RMB tonnes hectares mu km"
        " o'clock morning evening tonight noon midnight past times twice dozen one no Bank Co., Ltd. Inc. National"
        " Congress Plenary Session Central Committee Political Bureau English Chinese language Mr Ms Report Outlook"
        " ship carrier province county".split(),
        *(m.capitalize() for m in en._MONTHS),
        "1", "5", "12", "30", "1998", "2025", "10:30", "9", "a.m.", "p.m.", "5th", "21st", "No.", "COP", "PT",
        *(needle for _, gated in _GATED for group in gated.needles if isinstance(group, tuple) for needle in group),
    }
)


# What opens an expression with a value, and what may follow it: joined at random, they make
# many of the expressions the gated patterns look for ("ten years ago", "5 percent", "May 3 to").
_HEADS = ("a", "an", "one", "three", "twenty-five", "5", "12", "1998", "2025", "10:30", "the", "this", "last", "next",
          "first", "early", "end of the", "May", "Sept.", "5th", "No. 1", "Mr", "in", "two to three")
_TAILS = ("years", "year ago", "weeks earlier", "months of the year", "percent", "per cent", "%", "percentage points",
          "billion yuan", "US dollars", "tonnes", "square metres", "hectares", "mu", "o'clock", "o’clock this morning",
          "a.m.", "pm", "past nine", "quarter to ten", "in the evening", "minutes", "hours", "century", "quarter of 2025",
          "half of this year", "times as much", "dozen", "working days", "to 2030", "to 5 percent", "to 20 yuan",
          "to 3 tonnes", "June 2025", "ended 30 June 2025", "year of the plan", "week of May", "-year", "-day", "in three",
          "thirds", "Plenary Session of the 20th Central Committee", "National Congress", "Document", "Co., Ltd.",
          "Report 2025", "Zhang", "village", "language", "Thursday evening", "afternoon of 3 May", "ago")


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(st.sampled_from(_VOCABULARY), st.builds("{} {}".format, st.sampled_from(_HEADS), st.sampled_from(_TAILS))),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from([" ", " ", "-", ", "]),
)
def test_a_gate_never_hides_a_match_of_its_pattern(words: list[str], joiner: str) -> None:
    text = joiner.join(words)
    assert [name for name, gated in _GATED if _spans_differ(gated, text)] == []
