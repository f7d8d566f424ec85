"""Sentence alignment of two pre-split documents (zh–en first, any pair USE v3 covers).

``align_sentences(src, tgt, src_lang, tgt_lang)`` returns a complete, monotone list of
:class:`~bicorpus.beads.Bead`; see :mod:`bicorpus.sentence_aligner.aligner` and
docs/aligner.md for the algorithm.
"""

from bicorpus.sentence_aligner.aligner import (
    NULL_BEAD_SCORE,
    AlignerSettings,
    SentenceAligner,
    align_sentences,
)
from bicorpus.sentence_aligner.errors import AlignerInputError

__all__ = ["NULL_BEAD_SCORE", "AlignerInputError", "AlignerSettings", "SentenceAligner", "align_sentences"]
