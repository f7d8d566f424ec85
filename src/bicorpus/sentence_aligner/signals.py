"""Cheap lexical evidence: tokens that survive translation unchanged.

Digit strings (``1998``, ``3.5``) and Latin-script words inside Chinese text (names, terms,
abbreviations such as ``DNA``) usually reappear verbatim on the other side. For a candidate
bead we compare the multiset of such tokens on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")


class AnchorTokens:
    """Anchor tokens (digit strings) per sentence of one side; agreement between windows."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.tokens = [frozenset(DIGITS.findall(s)) for s in sentences]
        self.counts = np.array([len(t) for t in self.tokens], dtype=np.float64)

    def window(self, start: int, stop: int) -> frozenset[str]:
        if stop - start == 1:
            return self.tokens[start]
        out: set[str] = set()
        for k in range(start, stop):
            out |= self.tokens[k]
        return frozenset(out)

    def agreement(self, start: int, stop: int, other: AnchorTokens, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """In [-1, 1]: shared minus unshared anchor tokens over all, 0 when neither side has any."""
        mine = self.window(start, stop)
        result = np.zeros(starts.size)
        if not mine and not other.counts[max(0, int(starts[0])):int(stops[-1])].any():
            return result
        for k, (s, e) in enumerate(zip(starts.tolist(), stops.tolist())):
            theirs = other.window(s, e)
            if not mine and not theirs:
                continue
            shared = len(mine & theirs)
            total = len(mine | theirs)
            result[k] = (2 * shared - total) / total
        return result
