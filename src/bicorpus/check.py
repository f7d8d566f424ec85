"""Check stage: language identification and near-duplicate detection.

Both checks only record what they find; nothing is dropped or rewritten.

Language identification uses CLD2, Google's Compact Language Detector 2 (through ``pycld2``,
whose wheel holds the whole model). Its scores are sums of table look-ups of character
n-grams, with no random sampling, so the same text always gets the same answer in any process,
and it reads a speech-sized document (both languages, every sentence and paragraph) in a few
milliseconds. Text with fewer than :data:`MIN_LETTERS_FOR_IDENTIFIER` letters (a Han character
counts as three, as it carries about a word's worth of evidence) is judged by script instead,
and so is text CLD2 declines to judge (it answers "unknown" rather than guess on a few words):
the dominant script gives ``und-Hani`` or ``und-Latn``, and text without letters (a dateline)
gives ``und``, which never raises a flag. Web and e-mail addresses are left out of what CLD2
reads: they are written in Latin letters whatever the language around them.

CLD2 ranks up to three languages, and they are filtered by script: a language whose
distinctive script is absent from the text is never chosen (CLD2 takes a headline of kanji
alone for Japanese, which is written with kana too; Korean is written in Hangul).

After segmentation, :func:`check_declared_language` compares each text with the language
``meta.yaml`` declares for it. The text is refused (E221: a Japanese text declared ``zh``, an
English file under the other language's key) when the sentences identified as another
language hold more than :data:`MAJORITY_SHARE` of the letters of the sentences that could be
judged, or more than :data:`MAX_MISMATCH_SHARE` while the text identified as one piece is
not in the declared language either (one sentence of a three-sentence German text taken for
Danish is not enough), unless ``meta.yaml`` sets ``languages.<lang>.language_check: off`` for it. A smaller share
(mixed-language paragraphs, a quoted foreign sentence) is reported as one warning line on the
``bicorpus`` logger (on stderr when logging is not configured) and the build goes on; the
sentences stay flagged in the data (``language_flag``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import pycld2
import regex

from bicorpus.errors import CorpusError
from bicorpus.lang import language, primary_subtag
from bicorpus.lang.scripts import contains_script, letter_count, script_letter_count

#: The distribution that identifies languages (named with its version in the build signature).
IDENTIFIER_PACKAGE = "pycld2"

#: Below this many letters a string is judged by its script, not by the identifier, whose
#: guesses on two or three words (a name, a dateline) are often wrong. Every sentence of the
#: shipped speech except the dateline reaches it.
MIN_LETTERS_FOR_IDENTIFIER = 12

#: Characters pycld2 raises on (as invalid UTF-8): control characters other than tab, line
#: feed, form feed and carriage return, noncharacters, and lone surrogates. They carry no
#: language; the input rules refuse them in source texts (E114), but the function is public.
_REFUSED_BY_CLD2 = regex.compile(r"[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}--[\t\n\f\r]]", regex.V1)
#: Web and e-mail addresses (ASCII only, so that the Chinese text right after one stays out),
#: and what every one of them holds (the pattern is not worth running on text without).
_ADDRESS = regex.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ADDRESS_MARKS = ("://", "www.", "@")
#: CLD2's code for "no language", and the prefix of the names of its pseudo-languages: a script
#: with no language of its own (``X_Latin``, code ``xx-Latn``) and jokes (``X_PIG_LATIN``).
_CLD2_UNKNOWN = "un"
_CLD2_PSEUDO = "X_"


@dataclass(frozen=True)
class LanguageGuess:
    """What language a text looks like: ``code`` (``en``, ``zh``, ``und-Latn``, ``und``, …)
    and ``method`` (``cld2``, ``script`` or ``none``)."""

    code: str
    method: str

    def contradicts(self, expected: str) -> bool:
        """True when this guess says the text is not in language ``expected``."""
        return language_contradicts(self.code, expected)


def language_contradicts(code: str, expected: str) -> bool:
    """True when an identified language ``code`` says a text is not in language ``expected``.

    ``und`` (nothing to judge) never contradicts; ``und-<script>`` contradicts only when
    ``expected`` is not written in that script (by its module in :mod:`bicorpus.lang`; a
    language without one is taken to be written in Latin script).
    """
    if code == "und":
        return False
    if code.startswith("und-"):
        return code.removeprefix("und-") not in language(expected).scripts
    return code != expected


def _script_possible(code: str, text: str) -> bool:
    """Whether a guess ``code`` is possible: its distinctive script, if any, occurs in ``text``."""
    required = language(code).distinctive_script
    return required is None or contains_script(text, required)


def ranked_languages(text: str) -> list[str]:
    """CLD2's guesses for ``text``, best first (at most three; none when it cannot judge), as
    primary subtags (``zh-Hant`` -> ``zh``; its deprecated codes such as ``iw`` -> ``he``)."""
    plain = _REFUSED_BY_CLD2.sub(" ", text)
    if any(mark in plain for mark in _ADDRESS_MARKS):
        plain = _ADDRESS.sub(" ", plain)
    # isPlainText: the text is not HTML (CLD2 would otherwise skip tags and expand entities).
    _reliable, _bytes, details = pycld2.detect(plain, isPlainText=True)
    return [
        primary_subtag(code) for name, code, _percent, _score in details
        if code != _CLD2_UNKNOWN and not name.startswith(_CLD2_PSEUDO)
    ]


def identify_language(text: str) -> LanguageGuess:
    """Identify the language of ``text`` (see the module docstring for the method)."""
    letters = letter_count(text)
    if letters == 0:
        return LanguageGuess("und", "none")
    # A Han character carries about a word's worth of evidence: it counts as three letters
    # (Han letters are counted only when all letters together fall short of the threshold).
    if letters >= MIN_LETTERS_FOR_IDENTIFIER or letters + 2 * script_letter_count(text, "Hani") >= MIN_LETTERS_FOR_IDENTIFIER:
        code = next((c for c in ranked_languages(text) if _script_possible(c, text)), None)
        if code:
            return LanguageGuess(code, "cld2")
    han, latin = script_letter_count(text, "Hani"), script_letter_count(text, "Latn")
    other = letters - han - latin
    if other > han + latin:
        return LanguageGuess("und", "script")  # a script we do not map to languages
    return LanguageGuess("und-Hani" if han >= latin else "und-Latn", "script")


#: A word of a space-delimited script, or any other single non-space character (each Han
#: character is its own token, since Chinese has no spaces).
_TOKEN = re.compile(r"[^\W\u3400-\u9fff\uf900-\ufaff]+|\S")


def find_near_duplicates(texts: Sequence[str], threshold: float = 0.9) -> list[int | None]:
    """For each text, the index of the first earlier text it nearly repeats, else ``None``.

    Two texts are near-duplicates when difflib's similarity ratio of their case-folded token
    sequences reaches ``threshold``. Tokens are words in space-delimited scripts and single
    characters in Chinese, so one changed word in a paragraph ("integrate" vs "combine")
    stays near 0.99 while a different paragraph falls far below, and comparing words rather
    than characters keeps the quadratic matcher fast. difflib's cheap upper bounds (length
    ratio, token multiset overlap) skip pairs that cannot reach the threshold first.
    """
    tokenized = [_TOKEN.findall(text.casefold()) for text in texts]
    # The first two bounds come from lengths and token counts kept per text, the values
    # SequenceMatcher's real_quick_ratio and quick_ratio give, without building a matcher (which
    # indexes its second sequence) for every pair.
    counts = [Counter(tokens) for tokens in tokenized]
    result: list[int | None] = []
    for i, current in enumerate(tokenized):
        match = None
        for j in range(i):
            earlier = tokenized[j]
            if not current or not earlier:
                continue
            length = len(current) + len(earlier)
            # Each bound is cheaper than the next and never below it.
            if 2.0 * min(len(current), len(earlier)) / length < threshold:
                continue
            if 2.0 * (counts[i] & counts[j]).total() / length < threshold:
                continue
            if SequenceMatcher(None, current, earlier, autojunk=False).ratio() >= threshold:
                match = j
                break
        result.append(match)
    return result


#: Above this share of judged letters in sentences identified as another language, a text is
#: refused when the whole text is identified as another language too. Translations quote names
#: and the odd foreign phrase; a text in the wrong language is far above it (the shipped
#: speech: 0% in both languages).
MAX_MISMATCH_SHARE = 0.3
#: Above this share a text is refused whatever the whole text is identified as.
MAJORITY_SHARE = 0.5
#: How much of a text the whole-text identification reads (CLD2 reads all it is given).
_WHOLE_TEXT_SAMPLE = 100_000

_LOG = logging.getLogger("bicorpus")


@dataclass(frozen=True)
class LanguageMismatch:
    """How far a text's sentences contradict its declared language ``declared``."""

    declared: str
    #: Letters in contradicting sentences over letters in sentences that could be judged.
    share: float
    #: Identified language -> number of contradicting sentences identified so.
    detected: Counter[str]
    judged_sentences: int
    #: Offset of the first contradicting sentence in the text.
    first_start: int

    def describe(self) -> str:
        """``12 of 40 sentences (35% of the letters) look like ja (10), en (2)``."""
        found = ", ".join(f"{code} ({count})" for code, count in sorted(self.detected.items(), key=lambda kv: (-kv[1], kv[0])))
        return (
            f"{sum(self.detected.values())} of {self.judged_sentences} sentences ({self.share:.0%} of the letters) "
            f"look like {found}, not {self.declared}"
        )


def language_mismatch(declared: str, sentences: Sequence[tuple[int, str, str]]) -> LanguageMismatch | None:
    """The sentences of one text that contradict its ``declared`` language, or None when none do.

    ``sentences`` are ``(start offset, text, identified language)``; a sentence identified as
    ``und`` (no letters) is not judged.
    """
    judged = contradicting = 0
    detected: Counter[str] = Counter()
    first: int | None = None
    count = 0
    for start, text, code in sentences:
        if code == "und":
            continue
        letters = letter_count(text)
        judged += letters
        count += 1
        if language_contradicts(code, declared):
            contradicting += letters
            detected[code] += 1
            first = start if first is None else first
    if first is None or judged == 0:
        return None
    return LanguageMismatch(declared, contradicting / judged, detected, count, first)


def check_declared_language(
    text: str, declared: str, sentences: Sequence[tuple[int, str, str]], where: str, *, enforce: bool = True
) -> LanguageMismatch | None:
    """Refuse a text whose sentences are mostly in another language than ``declared`` (E221,
    see the module docstring); warn about a smaller share. ``where`` names the text file,
    ``enforce`` is False when meta.yaml turns the check off for it. Returns the mismatch found."""
    found = language_mismatch(declared, sentences)
    if found is None:
        return None
    line = text.count("\n", 0, found.first_start) + 1
    whole = ""
    if enforce and MAX_MISMATCH_SHARE < found.share <= MAJORITY_SHARE:
        guess = identify_language(text[:_WHOLE_TEXT_SAMPLE]).code
        whole = f"; the whole text looks like {guess}" if language_contradicts(guess, declared) else ""
    if enforce and (found.share > MAJORITY_SHARE or whole):
        raise CorpusError(
            where, f"the text does not look like its declared language: {found.describe()}{whole}", line=line, code="E221",
            hint=f"check the file and its key under `languages` in meta.yaml; if the text is right, set "
            f"languages.{declared}.language_check: off there",
        )
    _LOG.warning("bicorpus: warning: %s:%d: %s (the sentences are flagged in the corpus)", where, line, found.describe())
    return found
