"""Segment stage: paragraphs and sentences as spans of code-point offsets into the text.

Every span is lossless: ``text[span.start - offset : span.end - offset] == span.text``, spans
are sorted and disjoint, and everything between them is whitespace, so the text can be rebuilt
from the spans and the gaps.

Sentences are found with compact regular-expression rules written here rather than with
``pysbd``. pysbd was evaluated against tests/segmentation_cases.yaml: it passed 33 of 38
English cases but only 15 of 27 Chinese ones (it cuts a closing quote or bracket off the
sentence it closes, splits ``？！`` and ``！！`` in two, breaks ``U.S.经济`` and ``Mr. Smith``
inside Chinese, and ends a sentence at every newline); fixing that would be a rewrite rather
than a small post-processing step, and it ran at about 4 ms per KB. These rules are
deterministic and run at well over 1 MB per second.

How a break is decided: every run of sentence-ending marks (``. ! ? … 。 ！ ？`` …) together
with the closing quotes and brackets right after it is a candidate; whether the sentence ends
there depends on the word before it and on what follows. Single newlines never end a sentence
(hard-wrapped text is common); semicolons and colons never do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["SUPPORTED_LANGUAGES", "Span", "split_paragraphs", "split_sentences"]

#: Languages with rules of their own. ``en``: Latin-script rules plus English abbreviations.
#: ``zh``, ``ja``, ``yue``: the CJK rules (no spaces between sentences, full-width stops,
#: closing quotes belong to the sentence, ``；`` does not end one, an ellipsis ends one only
#: before a closing quote or bracket), with the English rules and abbreviations for Latin text
#: inside. Any other code, known or
#: not, gets the generic rule: the Latin-script rules without an abbreviation list (initials,
#: numbers, ellipses, quotes and list markers are still handled); full-width stops end a
#: sentence under every rule.
SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"en", "zh", "ja", "yue"})

_CJK_LANGUAGES = frozenset({"zh", "ja", "yue"})


@dataclass(frozen=True)
class Span:
    """A stripped, non-empty piece of a text: ``text == original[start - offset : end - offset]``."""

    start: int  # code-point offset into the text given to the splitter, plus `offset`
    end: int  # exclusive
    text: str


# A paragraph break is a newline followed by one or more lines holding only whitespace
# (spaces, tabs, U+3000, a stray CR of a CRLF file, ...), each ended by a newline.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")


def split_paragraphs(text: str, offset: int = 0) -> list[Span]:
    """Paragraphs of ``text``: blocks separated by one or more blank lines.

    A blank line is empty or holds only whitespace (including the full-width space U+3000).
    Each span is stripped of leading and trailing whitespace, so indentation such as two
    spaces or ``　　`` is not part of the paragraph; single newlines inside a paragraph stay
    inside it. ``offset`` is added to every start and end.
    """
    spans: list[Span] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_stripped(spans, text, position, match.start(), offset)
        position = match.end()
    _append_stripped(spans, text, position, len(text), offset)
    return spans


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Span]:
    """Sentences of one paragraph ``text`` in language ``lang`` (a BCP-47 primary subtag).

    Spans are stripped of surrounding whitespace, sorted and non-overlapping; everything outside
    them is whitespace. A region tag is ignored (``zh-Hans`` is ``zh``); a code without rules of
    its own falls back to the generic rule (see :data:`SUPPORTED_LANGUAGES`), never an error.
    ``offset`` is added to every start and end.
    """
    primary = lang.split("-")[0].split("_")[0].lower()
    cjk = primary in _CJK_LANGUAGES
    # Latin text quoted inside Chinese or Japanese is nearly always English ("Mr. Smith写的").
    english = primary == "en" or cjk
    rules = _Rules(
        cjk=cjk,
        abbreviations=_EN_ABBREVIATIONS if english else frozenset(),
        ambiguous=_EN_AMBIGUOUS if english else frozenset(),
    )
    spans: list[Span] = []
    sentence_start = 0
    for candidate in _CANDIDATE.finditer(text):
        if _ends_sentence(text, candidate, sentence_start, rules):
            _append_stripped(spans, text, sentence_start, candidate.end(), offset)
            sentence_start = candidate.end()
    _append_stripped(spans, text, sentence_start, len(text), offset)
    return spans


def _append_stripped(spans: list[Span], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append(Span(start + offset, start + offset + len(stripped), stripped))


# --- sentence rules -------------------------------------------------------------------------

_FULL_WIDTH_STOPS = "。！？｡‼⁇⁈⁉"
_HALF_WIDTH_STOPS = "!?"
_ELLIPSES = "…⋯"
_PERIODS = ".．"
# Quotes and brackets that close what a stop ended; they belong to that sentence. Straight
# quotes count only here, right after a stop, where they cannot be opening ones.
_CLOSERS = "\"'”’」』）)]】》〉»›〕〗｣"
_CANDIDATE = re.compile(
    f"[{re.escape(_FULL_WIDTH_STOPS + _HALF_WIDTH_STOPS + _ELLIPSES + _PERIODS)}]+"
    f"[{re.escape(_CLOSERS)}]*"
)
_OPENERS = "\"'“‘「『（([【《〈«‹〔〖｢"
# What may follow a stop inside one sentence: '"Yes!", she said', '“好！”，他说'.
_CONTINUATION = ",;:，、；：)]）】"

_EN_ABBREVIATIONS = frozenset(
    # Never the last word of a sentence in practice: titles, "No. 5", months, "e.g.", ...
    # (stored lower-case and without the final period).
    "mr mrs ms dr prof st sr jr rev hon gen col capt lt sgt gov sen rep pres messrs mt ft"
    " no nos vol vols p pp para ch art fig figs sec eq ed eds approx est dept univ assn"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
    " e.g i.e cf vs viz al"
    .split()
)
_EN_AMBIGUOUS = frozenset(
    # Often the last word of a sentence: ends it when a capital follows ("at 10 a.m. Please").
    "etc a.m p.m inc ltd co corp bros plc".split()
)
# After an initial or an initialism ("J.", "U.S.") a capital is usually a name ("U.S.
# Congress"); only these common sentence openers make it the end of a sentence.
_SENTENCE_OPENERS = frozenset(
    "the a an this that these those there then thus it its he she we they i you his her our"
    " their my in on at by for from with after before during since as but and or yet so"
    " however therefore meanwhile moreover also still now today yesterday when while if"
    " although though what why how who where which all some many most no not each every"
    .split()
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
# A list marker opening a sentence: "1.", "12.", "a.", "iv."
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,5}")
_WORD_BEHIND = 40  # how far back a word before a period is looked for; bounds the work


@dataclass(frozen=True)
class _Rules:
    cjk: bool
    abbreviations: frozenset[str]
    ambiguous: frozenset[str]


_Kind = Literal["full", "half", "ellipsis", "period"]


def _kind(marks: str) -> _Kind:
    if any(mark in _FULL_WIDTH_STOPS for mark in marks):
        return "full"
    if any(mark in _HALF_WIDTH_STOPS for mark in marks):
        return "half"
    if len(marks) == 1 and marks in _PERIODS:
        return "period"
    return "ellipsis"  # "…", "……", "...", "..", "．．．"


def _ends_sentence(text: str, candidate: re.Match[str], sentence_start: int, rules: _Rules) -> bool:
    marks = candidate.group().rstrip(_CLOSERS)
    closed = len(marks) < len(candidate.group())
    end = candidate.end()
    gap = end
    while gap < len(text) and text[gap].isspace():
        gap += 1
    if gap == len(text):
        return True  # only whitespace follows: the paragraph ends here anyway
    following = text[gap]
    spaced = gap > end
    if following in _CONTINUATION:
        return False
    kind = _kind(marks)
    before = text[candidate.start() - 1] if candidate.start() > 0 else ""

    if kind == "full":
        return True
    if rules.cjk:
        if kind == "ellipsis":
            # "他犹豫了……最后" goes on; "……”" and "……。" end (the latter is a "full" run).
            return closed
        if not spaced and _is_ascii_alnum(following):
            return False  # "3.5", "U.S.", "example.cn/a.html", "?q=1"
        if kind == "half" and not (spaced and _is_ascii_alnum(before)):
            return True  # "这是第二句!这是", '“Why not?”然后'
        if kind == "period":
            if before.isdigit() and following.isdigit():
                return False  # "３．５"
            if marks == "．" or not _is_ascii_alnum(before):
                return True  # "这是第一句.这是", "“好”.然后"
            if closed and not spaced:
                return True  # '“Time is money.”这句话'
        # Latin text inside Chinese: "Mr. Smith写的", "Python 3.11和".
        if not spaced:
            return False
        return _latin_ends(text, candidate.start(), kind, closed, gap, sentence_start, rules)
    if not spaced:
        return False  # "U.S.", "3.5%", "example.org", "What?!" inside a word
    return _latin_ends(text, candidate.start(), kind, closed, gap, sentence_start, rules)


def _latin_ends(
    text: str, marks_start: int, kind: _Kind, closed: bool, gap: int, sentence_start: int, rules: _Rules
) -> bool:
    """Whether a stop followed by whitespace ends a sentence, by the Latin-script rules."""
    following = text[gap]
    if following.islower():
        return False  # "etc. and then", '"Go!" he shouted', "paused... and"
    if kind != "period" or closed:
        return True  # "Yes! It", "rain… Maybe", '"Stop." Then', "(See below.) Wages"
    word_start = marks_start
    while word_start > max(0, marks_start - _WORD_BEHIND) and not _word_break(text[word_start - 1]):
        word_start -= 1
    word = text[word_start:marks_start].lstrip(_OPENERS).rstrip(_CLOSERS)
    folded = word.lower()
    if folded in rules.abbreviations:
        return False
    if folded in rules.ambiguous:
        return True  # a capital follows ("etc. The shop")
    if _INITIALS.fullmatch(word):
        return _next_word(text, gap).lower() in _SENTENCE_OPENERS
    if _LIST_MARKER.fullmatch(word) and not text[sentence_start:word_start].strip():
        return False  # "1. Deepen reform."
    return True


def _next_word(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < _WORD_BEHIND and text[end].isalpha():
        end += 1
    return text[start:end]


def _word_break(char: str) -> bool:
    # Chinese has no spaces: in "和Mr. Smith" the word before the period is "Mr".
    return char.isspace() or unicodedata.east_asian_width(char) in ("W", "F")


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
