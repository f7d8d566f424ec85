"""Cheap evidence from the surface of the text: numbers, and where quotations end.

Numbers. Digit strings (``1998``, ``3.5``) usually reappear verbatim on the other side.
Some languages also write numbers in characters (Chinese ``二十届`` for "20th", ``二〇二四年``
for 2024); where a language's module (:mod:`bicorpus.lang`) has a numeral reader, numerals of
value 10 or more are read as the digit string they stand for (the other side often writes
numbers below ten as words, so smaller ones would only add false mismatches).
Thousands separators are dropped (``30,000`` and ``30000`` are one token). For a candidate
bead we compare the sets of such tokens on both sides (:class:`AnchorTokens`).

Quotations. In fiction a turn of dialogue usually ends where its translation's does: a
sentence closing a quotation (``……”`` / ``…!'``) is rarely translated by one that leaves it
open. :func:`closes_quote` marks such sentences; the bead scorer compares the last sentence
of each side of a bead. Chinese often gives the speaker a sentence of its own (``他说。``)
where English keeps "he says" inside the quoted sentence; :func:`is_attribution` marks such
sentences (by the patterns of the language modules) so that a bead does not start with one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from bicorpus.lang import language

DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def number_tokens(text: str, lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(digit strings of ``text``, values of 10 or more of its numerals written in ``lang``'s
    numeral characters, in runs at least as long as the language's ``min_length`` — a lone 十
    is too often part of a word, as in 十分 "very")."""
    digits = frozenset(_THOUSANDS.sub("", match) for match in DIGITS.findall(text))
    reader = language(lang).numerals
    values = set()
    if reader is not None:
        for run in reader.run.findall(text):
            value = reader.value(run)
            if value is not None and value >= 10 and len(run) >= reader.min_length:
                values.add(str(value))
    return digits, frozenset(values - digits)


class AnchorTokens:
    """Anchor tokens (numbers, see :func:`number_tokens`) per sentence of one side; agreement between windows."""

    def __init__(self, sentences: Sequence[str], lang: str) -> None:
        pairs = [number_tokens(s, lang) for s in sentences]
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


def is_attribution(sentence: str, lang: str) -> bool:
    """Whether ``sentence`` is only a speaker attribution (it belongs with the quotation before
    it), by the pattern of ``lang``'s module; never, for a language without one."""
    return language(lang).is_attribution(sentence)
