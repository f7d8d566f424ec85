"""Reading pre-split sentence files: one sentence per line, UTF-8.

A UTF-8 byte-order mark at the start is dropped, CRLF and CR line ends are accepted, and a
final line end is optional. Bytes that are not UTF-8 raise :class:`AlignerInputError`
naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from bicorpus.sentence_aligner.errors import AlignerInputError

BOM = b"\xef\xbb\xbf"


def split_lines(data: bytes, name: str) -> list[str]:
    """The lines of ``data`` (UTF-8 bytes) without their line ends."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    raw_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise AlignerInputError(
                name, f"invalid UTF-8 at byte {error.start} of the line ({raw[error.start:error.start + 4]!r})",
                code="E504", hint="re-save the file as UTF-8", line=number,
            ) from None
    return lines


def read_sentences(path: str | Path) -> list[str]:
    """Sentences of a one-sentence-per-line file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AlignerInputError(str(path), "no such file", code="E501", hint="check the path") from None
    except IsADirectoryError:
        raise AlignerInputError(str(path), "is a directory", code="E502", hint="name a file of sentences, one per line") from None
    except OSError as error:
        raise AlignerInputError(
            str(path), f"cannot be read ({error.strerror})", code="E503", hint="check its permissions"
        ) from None
    return split_lines(data, str(path))
