"""A monotone alignment dynamic program restricted to a band, in linear memory.

Node ``(i, j)`` means "the first ``i`` source and the first ``j`` target sentences are
aligned". A bead of type ``(a, b)`` moves from ``(i - a, j - b)`` to ``(i, j)``. The program
maximises the sum of bead scores. Only nodes inside a *band* are visited: for each ``i`` an
interval ``lo[i] <= j <= hi[i]``. Memory and time are proportional to the band's area, so a
band of constant width gives linear cost in the document length.

Scores come from a callback, so the same program serves the coarse pass (blocks of
sentences) and the fine pass (sentences), see :mod:`bicorpus.sentence_aligner.aligner`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: ``row_scores(i, a, b, js)``: scores of the beads of type ``(a, b)`` ending at ``(i, js)``
#: for ``a, b >= 1`` (``js`` a contiguous ascending array with ``js - b >= 0``).
RowScores = Callable[[int, int, int, np.ndarray], np.ndarray]
#: ``band_scores(a, b, rows, firsts, lasts)``: what ``row_scores(rows[k], a, b, arange(firsts[k],
#: lasts[k] + 1))`` gives for every ``k``, bit for bit, concatenated: many rows in one call.
BandScores = Callable[[int, int, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
#: ``skip_scores(side, indices)``: score of leaving each sentence of ``side`` ("src"/"tgt") unaligned.
SkipScores = Callable[[str, np.ndarray], np.ndarray]

NEG = -1e30
#: How many bead scores :func:`align_in_band` asks ``band_scores`` for at once, at most (rows
#: are not split): enough to spread numpy's per-call cost, little memory on a long document.
SCORE_CHUNK = 16_384


@dataclass(frozen=True)
class Band:
    """Allowed target prefix lengths ``lo[i] .. hi[i]`` for each source prefix length ``i``."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def area(self) -> int:
        return int(np.sum(self.hi - self.lo + 1))


def full_band(n: int, m: int) -> Band:
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))


def band_around(points: Sequence[tuple[int, int]], n: int, m: int, margin: int) -> Band:
    """The band of all nodes within ``margin`` target sentences of a path (a node sequence)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i, j in points:
        lo[i] = min(lo[i], j)
        hi[i] = max(hi[i], j)
    return _repair(lo - margin, hi + margin, n, m, spread=margin)


def band_from_ranges(lo: np.ndarray, hi: np.ndarray, n: int, m: int) -> Band:
    """A band from per-row ranges, repaired so that it is monotone and connected."""
    return _repair(lo.astype(np.int64), hi.astype(np.int64), n, m, spread=0)


def _repair(lo: np.ndarray, hi: np.ndarray, n: int, m: int, spread: int) -> Band:
    # Rows the path skipped (inside a many-source bead) inherit their neighbours' ranges.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    if spread:
        # Widen along the source axis too: row i may also use rows i-spread .. i+spread's ranges.
        rows = np.arange(n + 1)
        lo_shift = lo[np.minimum(rows + spread, n)]
        hi_shift = hi[np.maximum(rows - spread, 0)]
        lo = np.minimum(lo, lo_shift)
        hi = np.maximum(hi, hi_shift)
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo[0] = 0
    hi[n] = m
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    hi = np.maximum(hi, lo)
    # Connected: a row's range must start no later than the previous row's range ends.
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1]:
            lo[i] = hi[i - 1]
    return Band(lo, hi)


def band_cells(rows: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nodes ``(rows[k], j)`` for ``firsts[k] <= j <= lasts[k]``, row after row, as two
    flat arrays (row, column): the order of :data:`BandScores`' result."""
    sizes = lasts - firsts + 1
    return np.repeat(rows, sizes), np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes - firsts, sizes)


class _ChunkedScores:
    """Bead scores of one type over a band, asked of ``band_scores`` for a chunk of rows at a
    time as the dynamic program reaches them."""

    def __init__(self, a: int, b: int, lo: np.ndarray, hi: np.ndarray, band_scores: BandScores) -> None:
        self.a, self.b, self.band_scores = a, b, band_scores
        rows = np.arange(a, lo.size)
        # The columns of row i whose predecessor (i - a, j - b) lies in row i - a's range.
        self.firsts = np.maximum(lo[rows], lo[rows - a] + b)
        self.lasts = np.minimum(hi[rows], hi[rows - a] + b)
        self.sizes = np.maximum(self.lasts - self.firsts + 1, 0)
        self.ends = np.cumsum(self.sizes)  # flat end of each row's scores over all rows
        self.chunk_start = self.chunk_stop = a  # rows held: chunk_start <= i < chunk_stop
        self.scores = np.zeros(0)
        self.base = 0  # flat position, over all rows, of the first score held

    def row(self, i: int) -> np.ndarray:
        """The scores of row ``i`` (``i >= a``, with a non-empty range)."""
        k = i - self.a
        if not self.chunk_start <= i < self.chunk_stop:
            base = int(self.ends[k] - self.sizes[k])
            stop = max(int(np.searchsorted(self.ends, base + SCORE_CHUNK, side="right")), k + 1)
            keep = self.sizes[k:stop] > 0
            rows = np.arange(i, self.a + stop)[keep]
            self.scores = self.band_scores(self.a, self.b, rows, self.firsts[k:stop][keep], self.lasts[k:stop][keep])
            self.chunk_start, self.chunk_stop, self.base = i, self.a + stop, base
        start = int(self.ends[k] - self.sizes[k]) - self.base
        return self.scores[start:start + int(self.sizes[k])]


def align_in_band(n: int, m: int, band: Band, types: Sequence[tuple[int, int]],
                  row_scores: RowScores, skip_scores: SkipScores,
                  band_scores: BandScores | None = None) -> list[tuple[int, int, float]]:
    """The best path as a list of ``(a, b, score)`` steps from ``(0, 0)`` to ``(n, m)``.

    ``types`` are the bead types allowed besides the null beads ``(1, 0)`` and ``(0, 1)``,
    which are always allowed (so the band always holds a path). ``band_scores``, when given,
    is asked for the scores instead of ``row_scores``, many rows at once; the two must agree
    bit for bit, so the path is the same.
    """
    linked = [t for t in types if t[0] >= 1 and t[1] >= 1]
    steps = [(1, 0), *linked]  # types scored row by row; (0, 1) is a scan inside the row
    lo, hi = band.lo, band.hi
    chunked = {t: _ChunkedScores(t[0], t[1], lo, hi, band_scores) for t in linked} if band_scores is not None else {}
    best: list[np.ndarray] = []
    choice: list[np.ndarray] = []
    gain: list[np.ndarray] = []
    src_skip = skip_scores("src", np.arange(n)) if n else np.zeros(0)
    tgt_skip = skip_scores("tgt", np.arange(m)) if m else np.zeros(0)
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        row = np.full(js.size, NEG)
        row_choice = np.full(js.size, -1, dtype=np.int16)
        row_gain = np.zeros(js.size)
        if i == 0:
            row[js == 0] = 0.0
        for index, (a, b) in enumerate(steps, start=1):
            p = i - a
            if p < 0:
                continue
            # Candidate nodes js whose predecessor (p, js - b) lies in row p's range.
            first = max(lo[i], lo[p] + b)
            last = min(hi[i], hi[p] + b)
            if first > last:
                continue
            cols = np.arange(first, last + 1)
            prev = best[p][cols - b - lo[p]]
            if b == 0:
                bead = np.full(cols.size, src_skip[i - 1])
            elif chunked:
                bead = chunked[(a, b)].row(i)
            else:
                bead = row_scores(i, a, b, cols)
            total = prev + bead
            k = cols - lo[i]
            better = total > row[k]
            row[k[better]] = total[better]
            row_choice[k[better]] = index
            row_gain[k[better]] = bead[better]
        # Target-side null beads within the row: row[k] = max(row[k], row[k-1] + skip(js[k]-1)).
        if js.size > 1:
            skip = tgt_skip[js[1:] - 1]
            offsets = np.concatenate([[0.0], np.cumsum(skip)])
            carried = np.maximum.accumulate(row - offsets) + offsets
            improved = carried > row + 1e-12
            improved[0] = False
            if improved.any():
                row = np.where(improved, carried, row)
                row_choice[improved] = 0
                row_gain[improved] = np.concatenate([[0.0], skip])[improved]
        best.append(row)
        choice.append(row_choice)
        gain.append(row_gain)

    path: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        index = int(choice[i][k])
        if index < 0:
            raise RuntimeError(f"no path reaches node ({i}, {j}); the band is not connected")
        a, b = (0, 1) if index == 0 else steps[index - 1]
        path.append((a, b, float(gain[i][k])))
        i, j = i - a, j - b
    path.reverse()
    return path


def path_nodes(path: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The nodes a path of steps visits, starting at ``(0, 0)``."""
    nodes = [(0, 0)]
    i = j = 0
    for a, b, _ in path:
        i, j = i + a, j + b
        nodes.append((i, j))
    return nodes


def band_of_groups(src_sizes: Sequence[int], tgt_sizes: Sequence[int]) -> Band:
    """The nodes inside consecutive blocks ("groups", e.g. aligned paragraphs) of
    ``src_sizes[g]`` source and ``tgt_sizes[g]`` target sentences: a path through this band
    passes every group corner. (Beads must also not straddle a corner; the caller checks that.)"""
    src_starts = np.concatenate([[0], np.cumsum(src_sizes)]).astype(np.int64)
    tgt_starts = np.concatenate([[0], np.cumsum(tgt_sizes)]).astype(np.int64)
    n, m = int(src_starts[-1]), int(tgt_starts[-1])
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for g in range(len(src_sizes)):
        rows = slice(int(src_starts[g]), int(src_starts[g + 1]) + 1)
        lo[rows] = np.minimum(lo[rows], tgt_starts[g])
        hi[rows] = np.maximum(hi[rows], tgt_starts[g + 1])
    return Band(lo, hi)


def intersect(first: Band, second: Band) -> Band:
    """Nodes in both bands (both must contain a common path for the result to hold one).

    A row where the two do not meet (a row a many-sentence bead jumps over) keeps
    ``second``'s range, so the result never leaves ``second``."""
    lo = np.maximum(first.lo, second.lo)
    hi = np.minimum(first.hi, second.hi)
    empty = hi < lo
    return Band(np.where(empty, second.lo, lo), np.where(empty, second.hi, hi))


def holds_a_path(band: Band) -> bool:
    """Whether null beads alone lead from ``(0, 0)`` to ``(n, m)`` inside ``band`` (then the
    dynamic program, which always allows null beads, finds a path)."""
    n = band.lo.size - 1
    if band.lo[0] != 0 or band.hi[n] != band.hi.max():
        return False
    first = 0  # the smallest reachable j of the previous row; reachable up to that row's hi
    for i in range(1, n + 1):
        start = max(first, int(band.lo[i]))
        if start > min(int(band.hi[i - 1]), int(band.hi[i])):
            return False
        first = start
    return True
