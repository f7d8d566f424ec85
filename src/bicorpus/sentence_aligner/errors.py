"""The error the sentence aligner raises for bad input (codes E5xx, see docs/errors.md)."""

from __future__ import annotations

from bicorpus.errors import BicorpusError


class AlignerInputError(BicorpusError):
    """Input the aligner cannot use: ``where`` names the file or the argument, ``message`` what is wrong."""

    def __init__(self, where: str, message: str, *, code: str, hint: str, line: int | None = None) -> None:
        super().__init__(code, where, message, hint=hint, line=line)
