"""Text laid out in terminal cells: display width, fitting and padding, and TSV cell escaping.

A terminal shows East Asian wide and full-width characters (Han, kana, hangul, full-width
punctuation) in two cells and combining marks in none, so ``len`` cannot line columns up once
a table holds Chinese. :func:`display_width` counts cells; :func:`fit` and :func:`pad` cut and
fill by cells. The rules are Unicode's (``unicodedata.east_asian_width``), not a language's.
"""

from __future__ import annotations

import unicodedata

#: East Asian width classes a terminal draws two cells wide.
_WIDE = frozenset({"W", "F"})

ELLIPSIS = "…"

#: TSV escapes: a field may hold any text, yet a tab or line break would split the row.
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def char_width(char: str) -> int:
    """Terminal cells one character takes: 2 wide, 0 combining or control, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in _WIDE else 1


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return sum(char_width(char) for char in text)


def one_line(text: str) -> str:
    """``text`` with every line break and tab shown as one space, so a table row stays one row."""
    return "".join(" " if char in "\t\n\r\v\f\u2028\u2029\x85" else char for char in text)


def fit(text: str, cells: int, *, keep: str = "start") -> str:
    """``text`` cut to at most ``cells`` cells, keeping its start (``keep="start"``) or its end
    (``keep="end"``); a cut is marked with an ellipsis on the side that lost text."""
    if display_width(text) <= cells:
        return text
    if cells <= 0:
        return ""
    budget = cells - display_width(ELLIPSIS)
    chars = text if keep == "start" else text[::-1]
    kept: list[str] = []
    used = 0
    for char in chars:
        width = char_width(char)
        if used + width > budget:
            break
        kept.append(char)
        used += width
    if keep == "start":
        return "".join(kept) + ELLIPSIS
    return ELLIPSIS + "".join(reversed(kept))


def pad(text: str, cells: int, *, align: str = "left") -> str:
    """``text`` filled with spaces to ``cells`` cells (left- or right-aligned); never cut."""
    fill = " " * max(0, cells - display_width(text))
    return text + fill if align == "left" else fill + text


def tsv_field(text: str) -> str:
    """``text`` as one TSV field: backslash, tab, line feed and carriage return written as
    ``\\\\``, ``\\t``, ``\\n``, ``\\r`` (the escapes of PostgreSQL's text format), so every row is one line."""
    return "".join(_TSV_ESCAPES.get(char, char) for char in text)


def tsv_unescape(field: str) -> str:
    """The text a :func:`tsv_field` came from."""
    out: list[str] = []
    chars = iter(field)
    reverse = {escape[1]: char for char, escape in _TSV_ESCAPES.items()}
    for char in chars:
        if char == "\\":
            char = reverse.get(next(chars, ""), "")
        out.append(char)
    return "".join(out)
