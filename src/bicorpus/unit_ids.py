"""The ids of published units, formatted and parsed in this one place.

Every paragraph, sentence and bead of a document has a stable id made of the document id, the
language (for paragraphs and sentences) and a zero-padded position::

    <document>/<lang>/p007    paragraph 7 of one language
    <document>/<lang>/s0042   sentence 42 of one language (numbered over the whole document)
    <document>/pp007          paragraph bead 7
    <document>/sp0042         sentence bead 42

Padding keeps ids sortable as strings for documents of up to 1,000 paragraphs and 10,000
sentences; longer documents still get unique ids, only no longer sortable as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

UnitKind = Literal["p", "s", "pp", "sp"]

#: Zero-padding width of each kind's position.
_WIDTH: dict[str, int] = {"p": 3, "s": 4, "pp": 3, "sp": 4}

_UNIT_ID = re.compile(r"^(?P<document>[a-z0-9]+(?:-[a-z0-9]+)*)/(?:(?P<lang>[a-z]{2,3})/)?(?P<kind>pp|sp|p|s)(?P<index>[0-9]+)$")


@dataclass(frozen=True)
class UnitId:
    """A parsed id: ``lang`` is None for beads, which belong to both languages."""

    document: str
    lang: str | None
    kind: UnitKind
    index: int

    def __str__(self) -> str:
        middle = "" if self.lang is None else f"{self.lang}/"
        return f"{self.document}/{middle}{self.kind}{self.index:0{_WIDTH[self.kind]}d}"


def paragraph_id(document: str, lang: str, index: int) -> str:
    """Id of paragraph ``index`` (0-based) of the ``lang`` text."""
    return str(UnitId(document, lang, "p", index))


def sentence_id(document: str, lang: str, index: int) -> str:
    """Id of sentence ``index`` (0-based, over the whole ``lang`` text)."""
    return str(UnitId(document, lang, "s", index))


def paragraph_bead_id(document: str, index: int) -> str:
    """Id of paragraph bead ``index`` (0-based) of the document."""
    return str(UnitId(document, None, "pp", index))


def sentence_bead_id(document: str, index: int) -> str:
    """Id of sentence bead ``index`` (0-based) of the document."""
    return str(UnitId(document, None, "sp", index))


def parse_unit_id(unit_id: str) -> UnitId | None:
    """The parts of ``unit_id``, or None when it is not an id of this scheme.

    Beads carry no language and units always do; ids that mix those up are not of this scheme.
    """
    match = _UNIT_ID.match(unit_id)
    if match is None:
        return None
    kind: UnitKind = match["kind"]  # type: ignore[assignment]  # the pattern admits only the four kinds
    lang = match["lang"]
    if (lang is None) != (kind in ("pp", "sp")):
        return None
    return UnitId(match["document"], lang, kind, int(match["index"]))
