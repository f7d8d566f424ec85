"""The aligner: embeddings, a coarse-to-fine banded dynamic program, beads.

Steps (docs/aligner.md explains them with measurements):

1. **Encode** every distinct sentence once with USE v3 and keep its pooled state, from which
   the embedding of any run of consecutive sentences is one cheap head evaluation.
2. **Find the neighbourhood of the path.** Small documents: the whole matrix. Large ones
   (more than ``coarse_limit`` nodes): cut both sides into blocks of ``B`` sentences, align
   the blocks with the same dynamic program, and keep the fine nodes near the block path.
3. **First pass**: 1-1, 1-2, 2-1 and null beads inside that region, giving a path close to
   the right one.
4. **Second pass**: all bead types up to 5 sentences a side in a narrow band (``margin``
   sentences) around the first path.

Memory and time are linear in the document length for a fixed band width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import regex

from bicorpus.beads import Bead
from bicorpus.lang import language
from bicorpus.sentence_aligner.bead_scores import BeadScorer, ScoreParameters
from bicorpus.sentence_aligner.dynamic_program import (
    NEG,
    Band,
    BandScores,
    RowScores,
    align_in_band,
    band_around,
    band_cells,
    band_from_ranges,
    band_of_groups,
    full_band,
    holds_a_path,
    intersect,
    path_nodes,
)
from bicorpus.sentence_aligner.embeddings import ExactWindowEmbeddings, UseEncoder, WindowEmbeddings
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sentence_aligner.languages import check_script, normalise
from bicorpus.sentence_aligner.lexicon import LexicalVectors
from bicorpus.sentence_aligner.signals import AnchorTokens, closes_quote, is_attribution

FIRST_PASS_TYPES = ((1, 1), (1, 2), (2, 1))
SECOND_PASS_TYPES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2), (1, 5), (5, 1))
SPACE = regex.compile(r"\s+")

#: The language pair the bilingual dictionary (CC-CEDICT) covers.
LEXICON_PAIR = frozenset({"zh", "en"})

#: Score given to null beads in the output (they have no similarity to report).
NULL_BEAD_SCORE = 0.0


@dataclass(frozen=True)
class AlignerSettings:
    params: ScoreParameters = field(default_factory=ScoreParameters)
    second_pass_types: tuple[tuple[int, int], ...] = SECOND_PASS_TYPES
    margin: int = 6
    coarse_limit: int = 1_500_000
    two_pass: bool = True
    use_signals: bool = True
    check_languages: bool = True
    #: Encode multi-sentence windows as their real joined text instead of summing states (slow).
    exact_windows: bool = False


class SentenceAligner:
    """Holds the (lazily loaded) encoder, so that many documents share one model."""

    def __init__(self, settings: AlignerSettings | None = None, encoder: UseEncoder | None = None) -> None:
        self.settings = settings or AlignerSettings()
        self._encoder = encoder

    @property
    def encoder(self) -> UseEncoder:
        if self._encoder is None:
            self._encoder = UseEncoder()
        return self._encoder

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
              src_breaks: Sequence[int] = (), tgt_breaks: Sequence[int] = (),
              groups: Sequence[tuple[int, int]] | None = None) -> list[Bead]:
        """See :func:`align_sentences`."""
        src, tgt = list(src), list(tgt)
        if groups is not None:
            _check_groups(groups, len(src), len(tgt))
        for name, side in (("src", src), ("tgt", tgt)):
            for k, sentence in enumerate(side):
                if not isinstance(sentence, str):
                    raise AlignerInputError(
                        f"{name}[{k}]", f"expected a string, got {type(sentence).__name__}", code="E507",
                        hint="pass lists of str, one sentence each",
                    )
        src_lang = normalise(src_lang, "src_lang")
        tgt_lang = normalise(tgt_lang, "tgt_lang")
        if self.settings.check_languages:
            check_script(src, src_lang, "src_lang")
            check_script(tgt, tgt_lang, "tgt_lang")
        n, m = len(src), len(tgt)
        if n == 0 or m == 0:
            return [Bead((k,), (), NULL_BEAD_SCORE) for k in range(n)] + [Bead((), (k,), NULL_BEAD_SCORE) for k in range(m)]

        encoder = self.encoder
        src_windows: WindowEmbeddings
        tgt_windows: WindowEmbeddings
        if self.settings.exact_windows:
            src_windows = ExactWindowEmbeddings(encoder, src, _joiner(src_lang))
            tgt_windows = ExactWindowEmbeddings(encoder, tgt, _joiner(tgt_lang))
        else:
            src_windows = WindowEmbeddings.of_sentences(encoder, src)
            tgt_windows = WindowEmbeddings.of_sentences(encoder, tgt)
        src_lengths = np.array([len(SPACE.sub("", s)) for s in src], dtype=np.float64)
        tgt_lengths = np.array([len(SPACE.sub("", s)) for s in tgt], dtype=np.float64)
        params = self.settings.params
        anchors: tuple[AnchorTokens | None, AnchorTokens | None] = (
            (AnchorTokens(src, src_lang), AnchorTokens(tgt, tgt_lang))
            if self.settings.use_signals and params.signal_weight
            else (None, None)
        )
        lexical: tuple[LexicalVectors | None, LexicalVectors | None] = (None, None)
        if self.settings.use_signals and params.lexical_weight and {src_lang, tgt_lang} == LEXICON_PAIR:
            lexical = (LexicalVectors.of_sentences(src, src_lang), LexicalVectors.of_sentences(tgt, tgt_lang))
        closes: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
        attribution: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
        if self.settings.use_signals and params.quote_weight:
            closes = (np.array([closes_quote(x) for x in src], dtype=bool), np.array([closes_quote(x) for x in tgt], dtype=bool))
        if self.settings.use_signals and params.attribution_cost:
            attribution = (
                np.array([is_attribution(x, src_lang) for x in src], dtype=bool),
                np.array([is_attribution(x, tgt_lang) for x in tgt], dtype=bool),
            )
        scorer = BeadScorer(src_windows, tgt_windows, src_lengths, tgt_lengths, params, *anchors, *lexical, *closes, *attribution)
        scorer.set_breaks(src_breaks, tgt_breaks)

        row_scores: RowScores = scorer.row_scores
        band_scores: BandScores = scorer.band_scores
        if groups is None:
            region = self._search_region(src_windows, tgt_windows, src_lengths, tgt_lengths)
        else:
            inside = band_of_groups([g[0] for g in groups], [g[1] for g in groups])
            region = inside
            if inside.area > self.settings.coarse_limit:
                # Large groups: the coarse pass narrows them, unless its path leaves a group.
                narrowed = intersect(self._search_region(src_windows, tgt_windows, src_lengths, tgt_lengths), inside)
                region = narrowed if holds_a_path(narrowed) else inside
            row_scores, band_scores = _within_groups(scorer.row_scores, scorer.band_scores, groups)
        dense = (n + 1) * (m + 1) <= self.settings.coarse_limit
        if self.settings.two_pass:
            if dense:
                scorer.precompute(FIRST_PASS_TYPES)
            first = align_in_band(n, m, region, FIRST_PASS_TYPES, row_scores, scorer.skip_scores, band_scores)
            scorer.drop_precomputed()
            band = band_around(path_nodes(first), n, m, self.settings.margin)
            if groups is not None:
                band = intersect(band, inside)
        else:
            band = region
            if dense:
                scorer.precompute(self.settings.second_pass_types)
        path = align_in_band(n, m, band, self.settings.second_pass_types, row_scores, scorer.skip_scores, band_scores)
        return self._beads(path, src_windows, tgt_windows)

    def _search_region(
        self, src: WindowEmbeddings, tgt: WindowEmbeddings, src_lengths: np.ndarray, tgt_lengths: np.ndarray
    ) -> Band:
        n, m = src.n, tgt.n
        if (n + 1) * (m + 1) <= self.settings.coarse_limit:
            return full_band(n, m)
        block = math.ceil(math.sqrt((n + 1) * (m + 1) / self.settings.coarse_limit))
        coarse_src, coarse_tgt = src.blocks(block), tgt.blocks(block)

        def block_lengths(lengths: np.ndarray) -> np.ndarray:
            return np.add.reduceat(lengths, np.arange(0, lengths.size, block))

        params = ScoreParameters(length_weight=self.settings.params.length_weight, null_score=self.settings.params.null_score)
        scorer = BeadScorer(coarse_src, coarse_tgt, block_lengths(src_lengths), block_lengths(tgt_lengths), params)
        scorer.precompute(FIRST_PASS_TYPES)
        steps = align_in_band(
            coarse_src.n,
            coarse_tgt.n,
            full_band(coarse_src.n, coarse_tgt.n),
            FIRST_PASS_TYPES,
            scorer.row_scores,
            scorer.skip_scores,
            scorer.band_scores,
        )
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        for (bi, bj), (ei, ej) in zip(path_nodes(steps), path_nodes(steps)[1:]):
            rows = slice(min(bi * block, n), min(ei * block, n) + 1)
            lo[rows] = np.minimum(lo[rows], max(0, bj * block - block))
            hi[rows] = np.maximum(hi[rows], min(m, ej * block + block))
        return band_from_ranges(lo, hi, n, m)

    @staticmethod
    def _beads(path: list[tuple[int, int, float]], src: WindowEmbeddings, tgt: WindowEmbeddings) -> list[Bead]:
        beads = []
        i = j = 0
        for a, b, _ in path:
            if a and b:
                score = float(np.clip(src.span(i, a) @ tgt.span(j, b), -1.0, 1.0))
            else:
                score = NULL_BEAD_SCORE
            beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), score))
            i, j = i + a, j + b
        return beads


def _joiner(lang: str) -> str:
    """What joins sentences of ``lang`` into one window: nothing where words have no spaces."""
    return "" if language(lang).unspaced else " "


def _check_groups(groups: Sequence[tuple[int, int]], n: int, m: int) -> None:
    for k, group in enumerate(groups):
        if len(group) != 2 or any(not isinstance(size, int) or size < 0 for size in group):
            raise AlignerInputError(
                f"groups[{k}]",
                f"expected a pair of sentence counts >= 0, got {group!r}",
                code="E508",
                hint="give (source count, target count) per group",
            )
    if sum(g[0] for g in groups) != n or sum(g[1] for g in groups) != m:
        raise AlignerInputError(
            "groups",
            f"the groups hold {sum(g[0] for g in groups)} source and {sum(g[1] for g in groups)} target "
            f"sentences, but the input has {n} and {m}",
            code="E508",
            hint="make the group sizes add up to the inputs' lengths",
        )


def _within_groups(
    row_scores: RowScores, band_scores: BandScores, groups: Sequence[tuple[int, int]]
) -> tuple[RowScores, BandScores]:
    """``row_scores`` and ``band_scores`` with beads that straddle a group corner forbidden."""
    src_starts = np.concatenate([[0], np.cumsum([g[0] for g in groups])]).astype(np.int64)
    tgt_starts = np.concatenate([[0], np.cumsum([g[1] for g in groups])]).astype(np.int64)
    # The group of each source sentence (groups with no source sentence own none).
    group_of = np.repeat(np.arange(len(groups)), [g[0] for g in groups])

    def inside(i: np.ndarray, js: np.ndarray, a: int, b: int) -> np.ndarray:
        g = group_of[i - a]
        return (i <= src_starts[g + 1]) & (js - b >= tgt_starts[g]) & (js <= tgt_starts[g + 1])

    def scores(i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        return np.where(inside(np.full(js.size, i), js, a, b), row_scores(i, a, b, js), NEG)

    def band(a: int, b: int, rows: np.ndarray, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
        return np.where(inside(*band_cells(rows, firsts, lasts), a, b), band_scores(a, b, rows, firsts, lasts), NEG)

    return scores, band


_DEFAULT: SentenceAligner | None = None


def default_aligner() -> SentenceAligner:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = SentenceAligner()
    return _DEFAULT


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    src_breaks: Sequence[int] = (),
    tgt_breaks: Sequence[int] = (),
    groups: Sequence[tuple[int, int]] | None = None,
) -> list[Bead]:
    """Align two pre-split documents; the beads cover every sentence once, in order.

    ``src_breaks``/``tgt_breaks``: indices of sentences that start a paragraph (optional
    hints; a bead that would join sentences across a break costs more).

    ``groups``: optional hard constraint, a list of ``(source count, target count)`` pairs
    cutting both sides into consecutive blocks already known to correspond (aligned
    paragraphs, say); the counts must add up to the two lengths. No bead crosses a block
    edge, but scores are calibrated over the whole document, which matters when blocks are
    a few sentences long.

    ``Bead.score`` is the cosine similarity, in [-1, 1], of the USE embeddings of the bead's
    two sides (each side's sentences read as one text); null beads have score 0.0.
    Raises :class:`~bicorpus.sentence_aligner.errors.AlignerInputError` (a ``ValueError``)
    for an unsupported language code, text that is clearly not in the stated language, or
    a non-string sentence.
    """
    return default_aligner().align(src, tgt, src_lang, tgt_lang, src_breaks=src_breaks, tgt_breaks=tgt_breaks, groups=groups)
