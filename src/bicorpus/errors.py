"""The one error type bicorpus raises for bad input, and how it prints.

Every input problem is a :class:`BicorpusError` with a stable ``code`` (the table of codes,
what each means and what to do, is ``docs/errors.md``), the ``file`` at fault (or the
argument, when no file is), where in it (a ``line`` or a JSON ``pointer``), the ``message``
(what is wrong) and a ``hint`` (what to do). ``str()`` is the one line the command line prints
on stderr before exiting with status 1, e.g.::

    bicorpus: E203 sources/x/meta.yaml at /languages/zh/file: file 'zh.txt' not found in sources/x; add the file or fix the name

Codes by area: E1xx reading files, E2xx source folders, E3xx annotation and glossary files,
E4xx building, publishing and reading a corpus, E5xx the sentence aligner, E6xx evaluation.
A code keeps its meaning once published; a retired code is not reused.
"""

from __future__ import annotations

from collections.abc import Iterable


class BicorpusError(ValueError):
    """Bad input or a failed check, located precisely, with what to do about it.

    A ``ValueError`` so that callers catching bad values keep working.
    """

    def __init__(
        self, code: str, file: str, message: str, *, hint: str, line: int | None = None, pointer: str | None = None
    ) -> None:
        self.code = code
        #: The file at fault, or the argument or record when no file is.
        self.file = file
        self.message = message
        self.hint = hint
        self.line = line
        #: JSON pointer into the file or record when the problem is a value ("" is the root).
        self.pointer = pointer
        super().__init__(str(self))

    @property
    def location(self) -> str | None:
        """Where in :attr:`file`: the JSON pointer, else ``"line N"``, else None."""
        if self.pointer is not None:
            return self.pointer or "/"
        return None if self.line is None else f"line {self.line}"

    @property
    def where(self) -> str:
        """The file with its line (``file:12``) when known."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        at = "" if self.pointer is None else f" at {self.pointer or '/'}"
        return f"bicorpus: {self.code} {self.where}{at}: {self.message}; {self.hint}"

    def __reduce__(self) -> tuple[object, ...]:
        # `bicorpus build --jobs N` sends a worker's error to the parent by pickling it. The
        # default pickling calls ``type(self)(*self.args)``, which no subclass's keyword-only
        # signature accepts; rebuild from the fields instead, whatever the subclass's __init__.
        return _restore, (type(self), dict(self.__dict__))


class CorpusError(BicorpusError):
    """A problem in the sources, annotation files or a built corpus (codes E1xx to E4xx, E6xx).

    Takes ``where`` (the file or record) and ``message`` first, as it always has.
    """

    def __init__(
        self, where: str, message: str, pointer: str | None = None, *, code: str, hint: str, line: int | None = None
    ) -> None:
        super().__init__(code, where, message, hint=hint, line=line, pointer=pointer)


def _restore(cls: type[BicorpusError], fields: dict[str, object]) -> BicorpusError:
    """A :class:`BicorpusError` (or subclass) with ``fields`` as its attributes, without calling
    its ``__init__`` (the unpickling half of :meth:`BicorpusError.__reduce__`)."""
    error = cls.__new__(cls)
    error.__dict__.update(fields)
    ValueError.__init__(error, str(error))
    return error


def json_pointer(path: Iterable[object]) -> str:
    """RFC 6901 pointer for a path of keys and indices (as jsonschema errors give them)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
