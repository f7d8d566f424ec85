"""The error the sentence aligner raises for bad input."""

from __future__ import annotations


class AlignerInputError(ValueError):
    """Input the aligner cannot use, located precisely.

    ``where`` names the file (with ``:line`` when known) or the argument; ``message`` says
    what is wrong. ``str()`` is the one line the command line prints.
    """

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")
