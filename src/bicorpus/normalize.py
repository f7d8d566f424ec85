"""Normalize stage: source bytes to the text every offset in the corpus indexes into.

Sources are never modified on disk. The normalized text is: strict UTF-8 (an invalid byte is
an error naming file, line and byte, never a replacement character), without a leading BOM,
with CRLF and lone CR turned into LF, in Unicode NFC. For a source that is already like that
(the shipped speech is), the normalized text equals the file's text exactly.
"""

from __future__ import annotations

import unicodedata

from bicorpus.errors import CorpusError

_BOM = "\ufeff"


def normalize_text(raw: bytes, where: str) -> str:
    """Decode ``raw`` (the bytes of the file named ``where``) into normalized text.

    Raises :class:`CorpusError` naming the line and byte offset of the first invalid UTF-8
    sequence.
    """
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.end].hex(" ")
        raise CorpusError(
            where,
            f"not valid UTF-8 (byte {error.start}: {bad}, {error.reason})",
            code="E102",
            hint="re-save the file as UTF-8",
            line=line,
        ) from None
    text = text.removeprefix(_BOM)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
