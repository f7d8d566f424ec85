"""Script facts: which letters belong to which writing system, by ISO 15924 code.

The one place that tells scripts apart. Languages name their scripts with these codes
(:attr:`bicorpus.lang.LanguageRules.scripts` and ``distinctive_script``); language
identification (:mod:`bicorpus.check`) and the aligner's check of ``--src-lang``/``--tgt-lang``
(:mod:`bicorpus.sentence_aligner.languages`) count letters with them. Only letters count
(Unicode category L): digits, punctuation and symbols shared by many scripts say nothing.
"""

from __future__ import annotations

from collections import Counter

import regex

#: Runs of letters of each script told apart, by ISO 15924 code; ``Hrkt`` is kana of either
#: syllabary. Counting runs rather than single letters keeps the regex engine's per-match cost
#: off every character: language identification counts the letters of every sentence and
#: paragraph of a build.
SCRIPT_PATTERNS: dict[str, regex.Pattern[str]] = {
    code: regex.compile(r"[\p{L}&&[" + letters + r"]]+", regex.V1)
    for code, letters in {
        "Hani": r"\p{Han}",
        "Hira": r"\p{Hiragana}",
        "Kana": r"\p{Katakana}",
        "Hrkt": r"\p{Hiragana}\p{Katakana}",
        "Hang": r"\p{Hangul}",
        "Cyrl": r"\p{Cyrillic}",
        "Arab": r"\p{Arabic}",
        "Thai": r"\p{Thai}",
        "Latn": r"\p{Latin}",
    }.items()
}
_LETTERS = regex.compile(r"\p{L}+")


def _run_length(pattern: regex.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def letter_count(text: str) -> int:
    """The letters of ``text``, whatever their script."""
    return _run_length(_LETTERS, text)


def script_letter_count(text: str, script: str) -> int:
    """The letters of ``text`` in ``script`` (an ISO 15924 code of :data:`SCRIPT_PATTERNS`)."""
    return _run_length(SCRIPT_PATTERNS[script], text)


def script_letter_counts(text: str) -> Counter[str]:
    """Letters of ``text`` per script of :data:`SCRIPT_PATTERNS` (``Hrkt`` overlaps ``Hira`` and ``Kana``)."""
    return Counter({code: _run_length(pattern, text) for code, pattern in SCRIPT_PATTERNS.items()})


def contains_script(text: str, script: str) -> bool:
    """Whether ``text`` holds a letter of ``script`` (an ISO 15924 code of :data:`SCRIPT_PATTERNS`)."""
    return SCRIPT_PATTERNS[script].search(text) is not None
