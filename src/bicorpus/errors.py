"""The one error type the pipeline raises for bad input, and how it prints."""

from __future__ import annotations

from collections.abc import Iterable


class CorpusError(ValueError):
    """Bad input or a failed check, located precisely.

    ``where`` names the file (with ``:line`` when known) or the record id; ``pointer`` is a
    JSON pointer into the record or file when the problem is a value; ``message`` says what
    is wrong and, where it can, how to fix it. ``str()`` gives the one line the CLI prints.
    """

    def __init__(self, where: str, message: str, pointer: str | None = None) -> None:
        self.where = where
        self.message = message
        self.pointer = pointer
        super().__init__(str(self))

    def __str__(self) -> str:
        location = self.where if self.pointer is None else f"{self.where} at {self.pointer or '/'}"
        return f"{location}: {self.message}"


def json_pointer(path: Iterable[object]) -> str:
    """RFC 6901 pointer for a path of keys and indices (as jsonschema errors give them)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
