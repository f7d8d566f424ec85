"""Align stage: paragraphs first, then sentences within each aligned paragraph group.

Paragraphs are aligned by length with a dynamic program in the manner of Gale and Church
(1993): a bead's cost is the negative log of its type's prior times the probability of the
observed length difference under a normal model. The expected target/source length ratio is
estimated from the two texts being aligned, so the same code serves zh–en (about 0.3 Chinese
characters per English character) and any other pair without tuning tables. Paragraphs are
long, so length alone is reliable there.

Sentences are aligned by the embedding aligner of :mod:`bicorpus.sentence_aligner`
(:func:`align_sentence_groups`): the whole document in one call, every paragraph group a
hard block, so that its scores are calibrated over the document rather than over a few
sentences. The length-only sentence aligner of the corpus spine stays available as
:func:`align_sentences_by_length` (no model, for comparison and for tests).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence

from bicorpus.beads import Bead

#: Prior probability of each bead shape (source count, target count). Chinese joins and
#: splits English sentences more often than French does, hence more 1-2/2-1 mass than the
#: original paper's figures.
SENTENCE_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.80,
    (1, 2): 0.07,
    (2, 1): 0.07,
    (2, 2): 0.015,
    (1, 3): 0.01,
    (3, 1): 0.01,
    (1, 0): 0.0125,
    (0, 1): 0.0125,
}

#: Paragraphs are nearly always translated one for one.
PARAGRAPH_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.94,
    (1, 2): 0.02,
    (2, 1): 0.02,
    (1, 0): 0.01,
    (0, 1): 0.01,
}

#: Variance of the target length per source character, in units of the ratio (Gale and
#: Church's 6.8 for character counts, scaled by the ratio below).
VARIANCE_PER_CHAR = 6.8


def _match_probability(src_len: int, tgt_len: int, ratio: float) -> float:
    """Two-sided p-value of the target length given the source length (1 = perfect fit)."""
    if src_len == 0 and tgt_len == 0:
        return 1.0
    mean_len = (src_len + tgt_len / ratio) / 2
    delta = (tgt_len - src_len * ratio) / math.sqrt(max(mean_len, 1.0) * VARIANCE_PER_CHAR * ratio)
    return math.erfc(abs(delta) / math.sqrt(2))


def align_by_length(
    src_lengths: Sequence[int],
    tgt_lengths: Sequence[int],
    priors: dict[tuple[int, int], float],
    ratio: float | None = None,
    *,
    src_cuts: Collection[int] = (),
    tgt_cuts: Collection[int] = (),
) -> list[Bead]:
    """Minimum-cost monotone alignment of two length sequences into beads of ``priors``' shapes.

    ``ratio`` (target length per source length) defaults to the ratio of the totals. Each
    bead's score is the p-value of its length fit in [0, 1]; null beads score 0. A cut ``k``
    in ``src_cuts`` (``tgt_cuts``) forbids a bead holding both unit ``k - 1`` and unit ``k``
    of that side.
    """
    n, m = len(src_lengths), len(tgt_lengths)
    if ratio is None:
        total_src, total_tgt = sum(src_lengths), sum(tgt_lengths)
        ratio = total_tgt / total_src if total_src and total_tgt else 1.0
    src_prefix = [0]
    for length in src_lengths:
        src_prefix.append(src_prefix[-1] + length)
    tgt_prefix = [0]
    for length in tgt_lengths:
        tgt_prefix.append(tgt_prefix[-1] + length)

    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    log_priors = {shape: -math.log(p) for shape, p in priors.items()}
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), prior_cost in log_priors.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m or _straddles(i, ni, src_cuts) or _straddles(j, nj, tgt_cuts):
                    continue
                if di and dj:
                    fit = _match_probability(src_prefix[ni] - src_prefix[i], tgt_prefix[nj] - tgt_prefix[j], ratio)
                    step = prior_cost - math.log(max(fit, 1e-300))
                else:
                    # A null bead pays its prior and a fixed penalty standing for a poor fit.
                    step = prior_cost - math.log(1e-3)
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (di, dj)

    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        shape = back[i][j]
        assert shape is not None, "every cell on the optimal path has a predecessor"
        di, dj = shape
        src = tuple(range(i - di, i))
        tgt = tuple(range(j - dj, j))
        fit = 0.0
        if di and dj:
            fit = _match_probability(src_prefix[i] - src_prefix[i - di], tgt_prefix[j] - tgt_prefix[j - dj], ratio)
        beads.append(Bead(src, tgt, round(fit, 6)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _straddles(start: int, end: int, cuts: Collection[int]) -> bool:
    """Whether the units ``start`` to ``end - 1`` hold a cut (a unit and the one before it)."""
    return end - start > 1 and any(k in cuts for k in range(start + 1, end))


def _length(text: str) -> int:
    # Whitespace carries no translation content and differs by script; count the rest.
    return sum(1 for char in text if not char.isspace())


def align_sentences_by_length(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str) -> list[Bead]:
    """Align the sentences of one source passage with those of its translation, by length only.

    Returns beads covering every sentence of both sides once, in order; ``score`` is the
    two-sided p-value of the length fit, in [0, 1]. ``src_lang`` and ``tgt_lang`` are BCP-47
    primary subtags; the length model needs no per-language tables.
    """
    del src_lang, tgt_lang  # the length model is language-independent
    return align_by_length([_length(s) for s in src], [_length(t) for t in tgt], SENTENCE_PRIORS)


def align_sentence_groups(src_groups: Sequence[Sequence[str]], tgt_groups: Sequence[Sequence[str]],
                          src_lang: str, tgt_lang: str) -> list[list[Bead]]:
    """Sentence beads of each group (aligned paragraphs, say), numbered within the group.

    ``src_groups[g]`` and ``tgt_groups[g]`` are the sentences of group ``g`` on each side.
    One embedding-aligner call over the whole document: no bead leaves its group, scores are
    calibrated over all the groups together.
    """
    from bicorpus.sentence_aligner import align_sentences as align_with_embeddings

    if len(src_groups) != len(tgt_groups):
        raise ValueError(f"{len(src_groups)} source groups but {len(tgt_groups)} target groups")
    sizes = [(len(s), len(t)) for s, t in zip(src_groups, tgt_groups)]
    beads = align_with_embeddings([x for g in src_groups for x in g], [y for g in tgt_groups for y in g],
                                  src_lang, tgt_lang, groups=sizes)
    src_group = [g for g, (count, _) in enumerate(sizes) for _ in range(count)]
    tgt_group = [g for g, (_, count) in enumerate(sizes) for _ in range(count)]
    src_start = [0, *itertools.accumulate(count for count, _ in sizes)]
    tgt_start = [0, *itertools.accumulate(count for _, count in sizes)]
    out: list[list[Bead]] = [[] for _ in sizes]
    for bead in beads:
        g = src_group[bead.src[0]] if bead.src else tgt_group[bead.tgt[0]]  # beads never leave their group
        out[g].append(Bead(tuple(i - src_start[g] for i in bead.src), tuple(j - tgt_start[g] for j in bead.tgt), bead.score))
    return out


def align_paragraphs(
    src: Sequence[str], tgt: Sequence[str], *, src_cuts: Collection[int] = (), tgt_cuts: Collection[int] = ()
) -> list[Bead]:
    """Align the paragraphs of a document with those of its translation (beads up to 2-1/1-2);
    no bead joins two paragraphs across a cut (see :func:`align_by_length`)."""
    return align_by_length(
        [_length(s) for s in src], [_length(t) for t in tgt], PARAGRAPH_PRIORS, src_cuts=src_cuts, tgt_cuts=tgt_cuts
    )
