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

This module holds only the machinery; what differs between languages comes from the
language's :class:`~bicorpus.lang.SentenceRules` (:func:`bicorpus.lang.language`): the CJK
rules (no spaces between sentences, full-width stops, closing quotes belong to the sentence,
``；`` does not end one, an ellipsis ends one only before a closing quote or bracket, Latin
text inside judged by the Latin rules), the words after which a period is not an end
(abbreviations such as ``Dr.``, ``z. B.``, ``M.``), the words after which it ends only when a
sentence seems to start, the common first words of a sentence that decide after an initial
("U.S. Then"), and whether nouns are capitalised and a number with a period is an ordinal
(German "am 3. Oktober"). Full-width stops end a sentence under every language's rules; a
language without rules of its own gets the generic ones (see :mod:`bicorpus.lang.generic`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bicorpus.lang import SentenceRules, language

__all__ = ["Span", "split_paragraphs", "split_sentences"]


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
    its own falls back to the generic rules (see :mod:`bicorpus.lang`), never an error.
    ``offset`` is added to every start and end.
    """
    rules = language(lang).sentences
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
#: Quotes that may open a sentence before its first letter (brackets may not: "Ltd. (the Company)").
_OPENING_QUOTES = "\"'“‘«‹「『"
# What may follow a stop inside one sentence: '"Yes!", she said', '“好！”，他说'.
_CONTINUATION = ",;:，、；：)]）】"

_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
# A list marker opening a sentence: "1.", "12.", "a.", "iv."
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,5}")
# A number that, in a language writing ordinals with a period, is an ordinal: "3." in "am 3. Oktober".
_ORDINAL = re.compile(r"\d{1,3}")
_WORD_BEHIND = 40  # how far back a word before a period is looked for; bounds the work


_Kind = Literal["full", "half", "ellipsis", "period"]


def _kind(marks: str) -> _Kind:
    if any(mark in _FULL_WIDTH_STOPS for mark in marks):
        return "full"
    if any(mark in _HALF_WIDTH_STOPS for mark in marks):
        return "half"
    if len(marks) == 1 and marks in _PERIODS:
        return "period"
    return "ellipsis"  # "…", "……", "...", "..", "．．．"


def _ends_sentence(text: str, candidate: re.Match[str], sentence_start: int, rules: SentenceRules) -> bool:
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
    if rules.full_width:
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
    text: str, marks_start: int, kind: _Kind, closed: bool, gap: int, sentence_start: int, rules: SentenceRules
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
    folded = _strip_elision(word.lower().replace("’", "'"), rules.elisions)
    pair = _spaced_pair(text, word_start, word)
    if folded in rules.abbreviations or pair in rules.abbreviations:
        return False  # "Dr. Weber", "z. B. Äpfel"
    if folded in rules.ambiguous or pair in rules.ambiguous:
        # Only a capital (after any opening quote) starts a sentence here: "Co., Ltd. (the
        # Company)" and "6 a.m. — an hour late" go on. Where every noun has a capital, only
        # an opener counts.
        if not _capital_follows(text, gap):
            return False
        return not rules.capitalised_nouns or _opens_sentence(text, gap, rules)
    if _INITIALS.fullmatch(word):
        return _opens_sentence(text, gap, rules)
    if _LIST_MARKER.fullmatch(word) and not text[sentence_start:word_start].strip():
        return False  # "1. Deepen reform."
    if rules.ordinal_period and _ORDINAL.fullmatch(word):
        return _opens_sentence(text, gap, rules)  # "am 3. Oktober" goes on, "lag bei 3. Die" ends
    return True


def _capital_follows(text: str, gap: int) -> bool:
    """Whether the text at ``gap`` starts with a capital letter, after any opening quotes."""
    position = gap
    while position < len(text) and text[position] in _OPENING_QUOTES:
        position += 1
    return position < len(text) and text[position].isupper()


def _strip_elision(word: str, elisions: tuple[str, ...]) -> str:
    for elision in elisions:
        if word.startswith(elision) and len(word) > len(elision):
            return word[len(elision):]  # "l'art" -> "art"
    return word


def _opens_sentence(text: str, start: int, rules: SentenceRules) -> bool:
    """Whether the word at ``start`` is one of the language's common first words of a sentence."""
    return _next_word(text, start).lower() in rules.sentence_openers


def _spaced_pair(text: str, word_start: int, word: str) -> str:
    """``word`` joined to the dotted word before it, lower-case ("z. B" -> "z.b"), else ""."""
    end = word_start
    while end > 0 and text[end - 1] == " ":
        end -= 1
    if end == word_start or end == 0 or text[end - 1] != ".":
        return ""
    start = end - 1
    while start > max(0, end - _WORD_BEHIND) and not _word_break(text[start - 1]):
        start -= 1
    return (text[start:end] + word).lower()


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
