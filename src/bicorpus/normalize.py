"""Normalize stage: source bytes to the text every offset in the corpus indexes into.

Sources are never modified on disk. The normalized text is: strict UTF-8 (an invalid byte is
an error naming file, line and byte, never a replacement character), without a leading BOM,
with CRLF and lone CR turned into LF, in Unicode NFC. For a source that is already like that
(the shipped speech is), the normalized text equals the file's text exactly.

Invisible and control characters, by class (the rule is in docs/input-rules.md too):

* **Removed** (:data:`REMOVED`): zero-width space U+200B, word joiner U+2060, the byte order
  mark U+FEFF anywhere in the text (inside a text it comes from joining files; as a "zero-width
  no-break space" it is deprecated), and the soft hyphen U+00AD. They show nothing, carry no
  meaning a reader of the corpus needs, and would otherwise split or hide words from the
  glossary, the gold mentions and the aligner. Removing them before NFC keeps every offset
  an offset into the published text.
* **Kept**: zero-width joiner U+200D and non-joiner U+200C (they change how Persian, Indic
  scripts and emoji sequences are written), the marks LRM, RLM and ALM (U+200E, U+200F,
  U+061C), which right-to-left text needs around numbers and punctuation, variation
  selectors, and every other character.
* **Refused** (:class:`~bicorpus.errors.CorpusError` naming line and column): the bidi
  embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (E115: they reorder what
  a reader sees against what the corpus stores, the "Trojan Source" trick); NUL and every
  other C0 control but tab, LF and CR, DEL, the C1 controls U+0080–U+009F (usually text
  decoded with the wrong code page), the line and paragraph separators U+2028 and U+2029,
  and the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF (E114).
* A line that holds only invisible characters (format characters such as ZWJ, with or without
  whitespace) is refused (E116): it would be a paragraph or sentence nobody can see. A text
  without any visible character is empty (E207, checked by :mod:`bicorpus.sources` with
  :func:`has_visible_text`).
"""

from __future__ import annotations

import re
import unicodedata

from bicorpus.errors import CorpusError

_BOM = "\ufeff"

#: Characters deleted from every text and annotation string (see the module docstring).
REMOVED = "\u200b\u2060\ufeff\u00ad"
_REMOVE = str.maketrans(dict.fromkeys(REMOVED))

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
    + "]"
)


def _is_invisible(char: str) -> bool:
    """Whitespace, or a format or control character: nothing a reader sees."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def has_visible_text(text: str) -> bool:
    """Whether ``text`` holds at least one character a reader sees."""
    return not all(_is_invisible(char) for char in text)


def normalize_string(value: str) -> str:
    """One string of an annotation or metadata file, normalized like the texts: the
    :data:`REMOVED` characters deleted, then NFC."""
    return unicodedata.normalize("NFC", value.translate(_REMOVE))


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _refuse_hidden_characters(text: str, where: str) -> None:
    bidi = _BIDI_CONTROLS.search(text)
    if bidi is not None:
        line, column = _position(text, bidi.start())
        raise CorpusError(
            where, f"column {column}: bidi control character U+{ord(bidi.group()):04X} ({unicodedata.name(bidi.group())})",
            code="E115", line=line,
            hint="delete it: embeddings, overrides and isolates make the text display otherwise than it is stored",
        )
    control = _CONTROLS.search(text)
    if control is not None:
        line, column = _position(text, control.start())
        raise CorpusError(
            where, f"column {column}: control character or noncharacter U+{ord(control.group()):04X}", code="E114", line=line,
            hint="delete it or replace it by the character meant (a C1 control usually means the file was decoded "
            "with the wrong code page; a form feed or U+2028/U+2029 by a line break)",
        )


def _refuse_invisible_lines(text: str, where: str) -> None:
    for number, line_text in enumerate(text.split("\n"), start=1):
        if line_text and not line_text.isspace() and not has_visible_text(line_text):
            hidden = ", ".join(f"U+{ord(char):04X}" for char in line_text if not char.isspace())
            raise CorpusError(
                where, f"the line holds only invisible characters ({hidden})", code="E116", line=number,
                hint="delete them, or make the line blank",
            )


def normalize_text(raw: bytes, where: str) -> str:
    """Decode ``raw`` (the bytes of the file named ``where``) into normalized text.

    Raises :class:`CorpusError` naming the line and byte offset of the first invalid UTF-8
    sequence, and the line and column of a refused character (module docstring).
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
    _refuse_hidden_characters(text, where)
    text = text.translate(_REMOVE)
    # After the removal: a line of zero-width spaces is blank, as it looks.
    _refuse_invisible_lines(text, where)
    return unicodedata.normalize("NFC", text)
