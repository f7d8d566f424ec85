"""Reading pre-split sentence files: one sentence per line, UTF-8.

A UTF-8 byte-order mark at the start is dropped, CRLF and CR line ends are accepted, and a
final line end is optional. Bytes that are not UTF-8 raise :class:`AlignerInputError`
naming the file and the line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bicorpus.sentence_aligner.errors import AlignerInputError

BOM = b"\xef\xbb\xbf"
#: The most a sentence file may hold. Far above any speech or report (a novel is a few MiB),
#: far below what would exhaust memory once every sentence is embedded.
MAX_BYTES = 64 * 2**20


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
    """Sentences of a one-sentence-per-line file (a regular file or a pipe, at most :data:`MAX_BYTES`)."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            kind = os.fstat(file.fileno()).st_mode
            if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind)):
                # A device such as /dev/zero or /dev/urandom never ends: refuse it before reading.
                raise AlignerInputError(
                    str(path), "is not a file but a device or socket", code="E517", hint="name a file of sentences, one per line"
                )
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise AlignerInputError(str(path), "no such file", code="E501", hint="check the path") from None
    except IsADirectoryError:
        raise AlignerInputError(str(path), "is a directory", code="E502", hint="name a file of sentences, one per line") from None
    except OSError as error:
        raise AlignerInputError(
            str(path), f"cannot be read ({error.strerror})", code="E503", hint="check its permissions"
        ) from None
    if len(data) > MAX_BYTES:
        raise AlignerInputError(
            str(path), f"holds more than {MAX_BYTES // 2**20} MiB", code="E518",
            hint="split the document into parts and align each (the aligner holds a document in memory)",
        )
    return split_lines(data, str(path))
