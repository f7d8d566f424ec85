"""How much a candidate bead is worth: embedding similarity, length agreement, shape prior.

The score of a bead joining source sentences ``S`` with target sentences ``T`` (both
non-empty) is

    weight * (cos(e(S), e(T)) - (m(S) + m(T)) / 2 + member_weight * (mu(S, T) - mu0)
              - length_weight * z**2 + signal_weight * anchors(S, T) + quote_weight * quotes(S, T)
              - attribution_cost * attribution(S, T)
              [+ lexical_weight * (dict(S, T) - dict0)]) - shape_cost

* ``e(S)`` is the USE embedding of the sentences of ``S`` read as one text (a *window*
  embedding, see :mod:`bicorpus.sentence_aligner.embeddings`);
* ``m(S)`` is the mean cosine of ``e(S)`` with a random sample of target windows of ``|T|``
  sentences, ``m(T)`` likewise (per-window calibration, vecalign's normalisation written as a
  difference; with ``margin_k = 0`` both are replaced by the mean over random pairs of the shape);
* ``mu(S, T)`` is the *member* term: the mean cosine of each sentence of ``S`` with ``e(T)``
  and of each sentence of ``T`` with ``e(S)``, the two means averaged; ``mu0`` is its mean over
  random bead positions of the shape. It asks every sentence of a bead to match the other side;
* ``dict(S, T)``, off by default, is the bilingual-dictionary cosine of :mod:`lexicon`;
* ``z = log((len(T) + c) / (ratio * len(S) + c))`` compares the lengths in characters
  (whitespace excluded) with the document's overall target/source ratio, ``c`` smoothing short
  sentences;
* ``anchors`` rewards numbers found on both sides and penalises numbers found on one side
  only (see :mod:`bicorpus.sentence_aligner.signals`);
* ``quotes`` is +1 when the last sentences of both sides end a quotation, -1 when only one
  does, 0 otherwise (:func:`bicorpus.sentence_aligner.signals.closes_quote`);
* ``attribution`` is 1 when the first sentence of either side only names the speaker
  (``他说。``, "he said."), which belongs with the quotation before it, else 0
  (:func:`bicorpus.sentence_aligner.signals.is_attribution`);
* ``weight = (|S| + |T|) / 2`` makes the total weight of a complete alignment the same
  whichever way the sentences are grouped;
* ``shape_cost`` is a small per-type prior cost (many-sentence beads are rarer).

Leaving a sentence unaligned (a null bead) is worth ``null_score / 2`` per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bicorpus.sentence_aligner.dynamic_program import band_cells
from bicorpus.sentence_aligner.embeddings import WindowEmbeddings
from bicorpus.sentence_aligner.lexicon import LexicalVectors
from bicorpus.sentence_aligner.signals import AnchorTokens


@dataclass(frozen=True)
class ScoreParameters:
    """Tunable constants (the defaults were tuned on mac-dev, aca and mag; see docs/aligner.md)."""

    length_weight: float = 0.2
    length_smoothing: float = 10.0
    null_score: float = -0.5
    signal_weight: float = 0.1
    #: Weight of the member term: how well each sentence of one side matches the other
    #: side's whole window, averaged (0: off).
    member_weight: float = 0.3
    #: Reward beads whose two sides both end a quotation, penalise those where one side does.
    quote_weight: float = 0.05
    #: Cost of a bead that starts with a sentence that only names the speaker (他说。),
    #: i.e. that separates it from the quotation before it.
    attribution_cost: float = 0.2
    #: Weight of the bilingual-dictionary cosine (zh–en only; see lexicon.py). 0: off.
    lexical_weight: float = 0.0
    break_cost: float = 0.3
    #: Subtract from each cosine the mean cosine of random window pairs of the same shape.
    calibrate: bool = True
    calibration_samples: int = 256
    #: Per-window calibration ("margin"): subtract, instead of the per-shape mean, the mean of
    #: each side's window's similarity to its ``margin_k`` nearest windows of the other side's
    #: shape among ``calibration_samples`` random ones (0: off, per-shape mean instead;
    #: ``margin_k >= samples``, the default: the plain mean, vecalign's normalisation).
    margin_k: int = 256
    shape_cost: dict[tuple[int, int], float] = field(default_factory=lambda: {
        (1, 1): 0.0, (1, 2): 0.16, (2, 1): 0.16, (2, 2): 0.4, (1, 3): 0.4, (3, 1): 0.4,
        (1, 4): 0.64, (4, 1): 0.64, (2, 3): 0.7, (3, 2): 0.7, (1, 5): 0.96, (5, 1): 0.96,
    })


class BeadScorer:
    """Scores of beads between one source and one target document."""

    def __init__(self, src: WindowEmbeddings, tgt: WindowEmbeddings, src_lengths: np.ndarray,
                 tgt_lengths: np.ndarray, params: ScoreParameters,
                 src_anchors: AnchorTokens | None = None, tgt_anchors: AnchorTokens | None = None,
                 src_lexical: LexicalVectors | None = None, tgt_lexical: LexicalVectors | None = None,
                 src_closes: np.ndarray | None = None, tgt_closes: np.ndarray | None = None,
                 src_attribution: np.ndarray | None = None, tgt_attribution: np.ndarray | None = None) -> None:
        self.src, self.tgt, self.params = src, tgt, params
        self.src_length_prefix = np.concatenate([[0.0], np.cumsum(src_lengths, dtype=np.float64)])
        self.tgt_length_prefix = np.concatenate([[0.0], np.cumsum(tgt_lengths, dtype=np.float64)])
        total_src, total_tgt = self.src_length_prefix[-1], self.tgt_length_prefix[-1]
        self.ratio = total_tgt / total_src if total_src > 0 and total_tgt > 0 else 1.0
        self.src_anchors, self.tgt_anchors = src_anchors, tgt_anchors
        self.src_lexical, self.tgt_lexical = src_lexical, tgt_lexical
        # Per sentence: does it end a quotation (signals.closes_quote)?
        self.src_closes, self.tgt_closes = src_closes, tgt_closes
        # Per sentence: is it only a speaker attribution (signals.is_attribution)?
        self.src_attribution, self.tgt_attribution = src_attribution, tgt_attribution
        self._lexical_baseline: dict[tuple[int, int], float] = {}
        self.set_breaks((), ())
        self._baseline: dict[tuple[int, int], float] = {}
        self._member_baseline: dict[tuple[int, int], float] = {}
        self._margins: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._dense: dict[tuple[int, int], np.ndarray] = {}
        self._dense_members: dict[tuple[int, int], np.ndarray] = {}

    def precompute(self, types) -> None:
        """Keep full similarity matrices for ``types`` (for a pass over the whole matrix)."""
        for a, b in types:
            if (a, b) not in self._dense:
                self._dense[(a, b)] = self.src.of(a) @ self.tgt.of(b).T
            if self.params.member_weight and (a, b) not in self._dense_members:
                self._dense_members[(a, b)] = self._member_matrix(a, b)

    def drop_precomputed(self) -> None:
        self._dense.clear()
        self._dense_members.clear()

    def _member_matrix(self, a: int, b: int) -> np.ndarray:
        """:meth:`members` for every bead position, from two similarity matrices by shifting."""
        rows, cols = self.src.n - a + 1, self.tgt.n - b + 1
        if rows <= 0 or cols <= 0:
            return np.zeros((max(rows, 0), max(cols, 0)), dtype=np.float32)
        window_single = self.src.of(a) @ self.tgt.of(1).T  # (n-a+1, m)
        single_window = self.src.of(1) @ self.tgt.of(b).T  # (n, m-b+1)
        tgt_side = sum(window_single[:, k:k + cols] for k in range(b)) / b
        src_side = sum(single_window[k:k + rows, :] for k in range(a)) / a
        return 0.5 * (src_side + tgt_side)

    def baseline(self, a: int, b: int) -> float:
        """Mean cosine between random windows of ``a`` source and ``b`` target sentences."""
        if not self.params.calibrate:
            return 0.0
        if (a, b) not in self._baseline:
            rng = np.random.default_rng(a * 100 + b)
            sources, targets = self.src.of(a), self.tgt.of(b)
            if len(sources) == 0 or len(targets) == 0:
                self._baseline[(a, b)] = 0.0
            else:
                k = self.params.calibration_samples
                x = sources[rng.integers(0, len(sources), k)]
                y = targets[rng.integers(0, len(targets), k)]
                self._baseline[(a, b)] = float(np.mean(np.einsum("ij,ij->i", x, y)))
        return self._baseline[(a, b)]

    def members(self, src_starts: np.ndarray, tgt_starts: np.ndarray, a: int, b: int) -> np.ndarray:
        """For beads of ``a`` source sentences from ``src_starts`` and ``b`` target sentences
        from ``tgt_starts``: the mean cosine of each source sentence with the target window and
        of each target sentence with the source window (the two means averaged)."""
        src_window = self.src.of(a)[src_starts]
        tgt_window = self.tgt.of(b)[tgt_starts]
        src_single, tgt_single = self.src.of(1), self.tgt.of(1)
        tgt_side = sum(np.einsum("ij,ij->i", src_window, tgt_single[tgt_starts + k]) for k in range(b)) / b
        src_side = sum(np.einsum("ij,ij->i", src_single[src_starts + k], tgt_window) for k in range(a)) / a
        return 0.5 * (src_side + tgt_side)

    def member_baseline(self, a: int, b: int) -> float:
        """Mean of :meth:`members` over random bead positions of shape ``(a, b)``."""
        key = (a, b)
        if key not in self._member_baseline:
            n, m = self.src.n - a + 1, self.tgt.n - b + 1
            value = 0.0
            if n > 0 and m > 0:
                rng = np.random.default_rng(a * 100 + b + 13)
                k = self.params.calibration_samples
                value = float(np.mean(self.members(rng.integers(0, n, k), rng.integers(0, m, k), a, b)))
            self._member_baseline[key] = value
        return self._member_baseline[key]

    def lexical_baseline(self, a: int, b: int) -> float:
        """Mean dictionary cosine between random windows of ``a`` source and ``b`` target sentences."""
        if (a, b) not in self._lexical_baseline:
            assert self.src_lexical is not None and self.tgt_lexical is not None
            n, m = self.src_lexical.n - a + 1, self.tgt_lexical.n - b + 1
            value = 0.0
            if n > 0 and m > 0:
                rng = np.random.default_rng(a * 100 + b + 7)
                k = self.params.calibration_samples
                sources = rng.integers(0, n, k)
                targets = rng.integers(0, m, k)
                value = float(np.mean([self.src_lexical.cosines(int(s), a, self.tgt_lexical, np.array([t]), b)[0]
                                       for s, t in zip(sources, targets)]))
            self._lexical_baseline[(a, b)] = value
        return self._lexical_baseline[(a, b)]

    def margins(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Per-window neighbourhood similarity for shape ``(a, b)``: for each source window of
        ``a`` sentences, the mean of its ``margin_k`` highest cosines with a random sample of
        target windows of ``b`` sentences; likewise for each target window. Linear in length."""
        if (a, b) not in self._margins:
            sources, targets = self.src.of(a), self.tgt.of(b)
            self._margins[(a, b)] = (self._neighbourhood(sources, targets, a * 100 + b),
                                     self._neighbourhood(targets, sources, a * 100 + b + 50))
        return self._margins[(a, b)]

    def _neighbourhood(self, windows: np.ndarray, others: np.ndarray, seed: int) -> np.ndarray:
        out = np.zeros(len(windows), dtype=np.float32)
        if len(windows) == 0 or len(others) == 0:
            return out
        k_samples = self.params.calibration_samples
        if len(others) > k_samples:
            rng = np.random.default_rng(seed)
            others = others[np.sort(rng.choice(len(others), k_samples, replace=False))]
        k = min(self.params.margin_k, len(others))
        step = 4096
        for lo in range(0, len(windows), step):
            sims = windows[lo:lo + step] @ others.T
            if k < sims.shape[1]:
                sims = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
            out[lo:lo + step] = sims.mean(axis=1)
        return out

    def set_breaks(self, src_breaks, tgt_breaks) -> None:
        """Paragraph starts: a bead whose sentences straddle one costs ``break_cost`` per break."""
        self.src_break_prefix = self._break_prefix(src_breaks, self.src.n)
        self.tgt_break_prefix = self._break_prefix(tgt_breaks, self.tgt.n)
        self.has_breaks = bool(len(src_breaks) or len(tgt_breaks))

    @staticmethod
    def _break_prefix(breaks, n: int) -> np.ndarray:
        starts = np.zeros(n + 1)
        for k in breaks:
            if 0 < int(k) < n:
                starts[int(k)] = 1.0
        # crossings of window [s, e) = number of breaks k with s < k < e = prefix[e-1] - prefix[s]
        return np.cumsum(starts)

    def similarity(self, i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        """Cosine of the window of ``a`` source sentences ending before ``i`` with each window
        of ``b`` target sentences ending before ``js``."""
        dense = self._dense.get((a, b))
        if dense is not None:
            return dense[i - a, js[0] - b: js[-1] - b + 1]
        source = self.src.of(a)[i - a]
        targets = self.tgt.of(b)[js[0] - b: js[-1] - b + 1]
        return targets @ source

    def row_scores(self, i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        """Scores of the beads of type ``(a, b)`` ending at ``(i, j)`` for each ``j`` of ``js``
        (contiguous, ascending): :meth:`band_scores` of that one row."""
        return self.band_scores(a, b, np.array([i]), np.array([js[0]]), np.array([js[-1]]))

    def band_scores(self, a: int, b: int, rows: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
        """Scores of the beads of type ``(a, b)`` ending at ``(rows[k], j)`` for ``firsts[k] <= j
        <= lasts[k]``, row after row in one flat array.

        Many rows at once spare the per-call cost of numpy. Every value is the one a row alone
        gives, to the bit: the terms are the same element-wise operations in the same order, and
        the similarities come from the same matrix products (one per row without a dense matrix,
        a product's last bits depending on its shape)."""
        p = self.params
        i, js = band_cells(rows, firsts, lasts)
        spans = list(zip(rows.tolist(), firsts.tolist(), lasts.tolist()))  # per row: i, first j, last j
        dense = self._dense.get((a, b))
        if dense is not None:
            sim = dense[i - a, js - b]
        else:
            sources, targets = self.src.of(a), self.tgt.of(b)
            sim = np.concatenate([targets[first - b: last - b + 1] @ sources[r - a] for r, first, last in spans])
        src_len = self.src_length_prefix[i] - self.src_length_prefix[i - a]
        tgt_len = self.tgt_length_prefix[js] - self.tgt_length_prefix[js - b]
        c = p.length_smoothing
        z = np.log((tgt_len + c) / (self.ratio * src_len + c))
        if p.margin_k and p.calibrate:
            src_margin, tgt_margin = self.margins(a, b)
            value = sim - 0.5 * (src_margin[i - a] + tgt_margin[js - b])
        else:
            value = sim - self.baseline(a, b)
        value = value - p.length_weight * z * z
        if p.signal_weight and self.src_anchors is not None and self.tgt_anchors is not None:
            anchors, tgt_anchors = self.src_anchors, self.tgt_anchors
            # A row where neither side's windows hold an anchor token agrees 0 everywhere, as
            # AnchorTokens.agreement says; most rows are such, and asking it costs a call.
            src_with, tgt_with = _prefix_nonzero(anchors.counts), _prefix_nonzero(tgt_anchors.counts)
            agreement = np.concatenate([
                anchors.agreement(r - a, r, tgt_anchors, np.arange(first - b, last - b + 1), np.arange(first, last + 1))
                if src_with[r] > src_with[r - a] or tgt_with[last] > tgt_with[first - b] else np.zeros(last - first + 1)
                for r, first, last in spans
            ])
            value = value + p.signal_weight * agreement
        if p.member_weight:
            dense_members = self._dense_members.get((a, b))
            if dense_members is not None:
                members = dense_members[i - a, js - b]
            else:
                members = self.members(i - a, js - b, a, b)
            value = value + p.member_weight * (members - self.member_baseline(a, b))
        if p.quote_weight and self.src_closes is not None and self.tgt_closes is not None:
            mine = self.src_closes[i - 1]
            theirs = self.tgt_closes[js - 1]
            value = value + p.quote_weight * ((mine & theirs).astype(np.float64) - (mine ^ theirs))
        if p.attribution_cost and self.src_attribution is not None and self.tgt_attribution is not None:
            starts_with_tail = self.src_attribution[i - a] | self.tgt_attribution[js - b]
            value = value - p.attribution_cost * starts_with_tail
        if p.lexical_weight and self.src_lexical is not None and self.tgt_lexical is not None:
            src_lexical, tgt_lexical = self.src_lexical, self.tgt_lexical
            lexical = np.concatenate([src_lexical.cosines(r - a, a, tgt_lexical, np.arange(first - b, last - b + 1), b)
                                      for r, first, last in spans])
            value = value + p.lexical_weight * (lexical - self.lexical_baseline(a, b))
        weight = (a + b) / 2.0
        if self.has_breaks:
            crossings = (self.src_break_prefix[i - 1] - self.src_break_prefix[i - a]
                         + self.tgt_break_prefix[js - 1] - self.tgt_break_prefix[js - b])
            value = value - p.break_cost * crossings
        return weight * value - p.shape_cost.get((a, b), 2.0)

    def skip_scores(self, side: str, indices: np.ndarray) -> np.ndarray:
        return np.full(indices.size, self.params.null_score / 2.0)


def _prefix_nonzero(counts: np.ndarray) -> list[int]:
    """How many of the first ``k`` values of ``counts`` are not zero, for every ``k``."""
    return [0, *np.cumsum(counts != 0).tolist()]
