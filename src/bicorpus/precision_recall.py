"""Precision, recall and F1 from counts: the one implementation every evaluation scores with
(the annotation evaluation, :mod:`bicorpus.annotation_eval`, and the aligner's,
:mod:`bicorpus.sentence_aligner.evaluation`). An undefined figure (nothing to divide by) is 0.0.
"""

from __future__ import annotations

from dataclasses import dataclass


def ratio(part: int, whole: int) -> float:
    """``part / whole``, 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall``, 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class PRF:
    """True positives, false positives and false negatives, and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """F1 of :attr:`precision` and :attr:`recall`."""
        return f1_score(self.precision, self.recall)

    def add(self, other: PRF) -> None:
        """Add ``other``'s counts to these (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
