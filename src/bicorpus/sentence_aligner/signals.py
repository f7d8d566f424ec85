"""Cheap evidence from the surface of the text: numbers, and where quotations end.

Numbers. Digit strings (``1998``, ``3.5``) usually reappear verbatim on the other side.
Chinese also writes numbers in characters (``二十届`` for "20th", ``二〇二四年`` for 2024), so
Chinese numerals of value 10 or more are read as the digit string they stand for (English
writes most numbers below ten as words, so smaller ones would only add false mismatches).
Thousands separators are dropped (``30,000`` and ``30000`` are one token). For a candidate
bead we compare the sets of such tokens on both sides (:class:`AnchorTokens`).

Quotations. In fiction a turn of dialogue usually ends where its translation's does: a
sentence closing a quotation (``……”`` / ``…!'``) is rarely translated by one that leaves it
open. :func:`closes_quote` marks such sentences; the bead scorer compares the last sentence
of each side of a bead. Chinese often gives the speaker a sentence of its own (``他说。``)
where English keeps "he says" inside the quoted sentence; :func:`is_attribution` marks such
sentences (Chinese and English patterns) so that a bead does not start with one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")
CHINESE_NUMERAL = regex.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SECTIONS = {"万": 10_000, "亿": 100_000_000}
_THOUSANDS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def chinese_numeral_value(run: str) -> int | None:
    """The value of a run of Chinese numeral characters (``二十`` 20, ``一百零五`` 105,
    ``二〇二四`` 2024), or None if it is not a well-formed number."""
    if all(ch in _DIGIT_VALUES for ch in run):
        if len(run) == 1:
            return _DIGIT_VALUES[run]
        if len(run) >= 3 or "〇" in run or "零" in run:  # positional, as in years
            return int("".join(str(_DIGIT_VALUES[ch]) for ch in run))
        return None  # 三四 "three or four", 一二 "a little": not one number
    total = section = 0
    number: int | None = None
    for ch in run:
        if ch in _DIGIT_VALUES:
            if number is not None and number != 0 and _DIGIT_VALUES[ch] != 0:
                return None  # two digits in a row without a unit: not a number (一二: "a little")
            number = _DIGIT_VALUES[ch]
        elif ch in _UNITS:
            section += (1 if number is None else number) * _UNITS[ch]
            number = None
        else:
            if section == 0 and number is None:
                return None
            total += (section + (number or 0)) * _SECTIONS[ch]
            section, number = 0, None
    return total + section + (number or 0)


def number_tokens(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(digit strings of ``text``, values of its Chinese numerals of 10 or more written with
    two or more characters) — a lone 十 is too often part of a word, as in 十分 "very"."""
    digits = frozenset(_THOUSANDS.sub("", match) for match in DIGITS.findall(text))
    numerals = set()
    for run in CHINESE_NUMERAL.findall(text):
        value = chinese_numeral_value(run)
        if value is not None and value >= 10 and len(run) >= 2:
            numerals.add(str(value))
    return digits, frozenset(numerals - digits)


class AnchorTokens:
    """Anchor tokens (numbers, see :func:`number_tokens`) per sentence of one side; agreement between windows."""

    def __init__(self, sentences: Sequence[str]) -> None:
        pairs = [number_tokens(s) for s in sentences]
        self.tokens = [digits | numerals for digits, numerals in pairs]
        # Numbers written in Chinese numerals count when matched but not when missing: the
        # other side often writes them as words ("二十多岁", "in his twenties").
        self.soft = [numerals for _, numerals in pairs]
        self.counts = np.array([len(t) for t in self.tokens], dtype=np.float64)

    def window(self, start: int, stop: int) -> frozenset[str]:
        return self._union(self.tokens, start, stop)

    def soft_window(self, start: int, stop: int) -> frozenset[str]:
        return self._union(self.soft, start, stop)

    @staticmethod
    def _union(sets: list[frozenset[str]], start: int, stop: int) -> frozenset[str]:
        if stop - start == 1:
            return sets[start]
        out: set[str] = set()
        for k in range(start, stop):
            out |= sets[k]
        return frozenset(out)

    def agreement(self, start: int, stop: int, other: AnchorTokens, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """In [-1, 1]: shared minus unshared anchor tokens over all, 0 when neither side has any
        (unshared Chinese-numeral tokens are left out of both counts)."""
        mine = self.window(start, stop)
        my_soft = self.soft_window(start, stop)
        result = np.zeros(starts.size)
        if not mine and not other.counts[max(0, int(starts[0])):int(stops[-1])].any():
            return result
        for k, (s, e) in enumerate(zip(starts.tolist(), stops.tolist())):
            theirs = other.window(s, e)
            if not mine and not theirs:
                continue
            shared = len(mine & theirs)
            total = len(mine | theirs) - len((my_soft | other.soft_window(s, e)) - (mine & theirs))
            if total:
                result[k] = (2 * shared - total) / total
        return result


_CLOSING_QUOTES = "”」』\"’'"
#: Punctuation that may follow a closing quotation mark at the end of a sentence.
_AFTER_CLOSE = "。．.!！?？…,，;；:：)）—- "


def closes_quote(sentence: str) -> bool:
    """Whether ``sentence`` ends a quotation (“……”。, ……' or ……!'): dialogue turns tend to end
    where the translation's do. A final ' counts only after punctuation (not the boys')."""
    text = sentence.rstrip()
    while text and text[-1] in _AFTER_CLOSE:
        text = text[:-1]
    if not text or text[-1] not in _CLOSING_QUOTES:
        return False
    return text[-1] != "'" or (len(text) > 1 and not text[-2].isalnum())


#: A whole sentence that only says who spoke: Chinese 他说。 / 迈瑞克问道。, English "he said."
ATTRIBUTIONS = {
    "zh": regex.compile(r"^\s*[^，。！？“”「」]{0,12}?(?:说|问|道|答|喊|叫|补充|表示|回答)[道着]?[。！]?\s*$"),
    "en": regex.compile(r"^\s*(?:(?:he|she|they|I|we)|(?:\p{Lu}[\p{L}.'-]*\s?){1,3})\s+"
                        r"(?:says|said|asks|asked|replies|replied|adds|added|explains|explained)\s*[.!]?\s*$"),
}


def is_attribution(sentence: str, lang: str) -> bool:
    """Whether ``sentence`` is only a speaker attribution (it belongs with the quotation before it)."""
    pattern = ATTRIBUTIONS.get(lang)
    return bool(pattern and pattern.match(sentence))
