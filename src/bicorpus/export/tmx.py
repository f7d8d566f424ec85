"""``tmx`` export: the sentence beads as a TMX 1.4b translation memory.

One ``<tu>`` per sentence bead, one ``<tuv>`` per language. A bead of several sentences (2-1,
1-2, ...) is one unit whose ``<seg>`` is the bead's ``translation[lang]``: the exact slice of
the document text from its first sentence to its last, so the sentences are joined as the
document writes them (a space in English, nothing in Chinese, the text's own spacing where
it differs). Joining the sentences again with the language's separator would give the same
text in nearly every bead, and a different one exactly where the document differs (two
spaces, a line break between two paragraphs of one bead), i.e. a text that is not in the
document.

Languages: ``xml:lang`` is the BCP 47 tag of :func:`bicorpus.lang.export_tag` (``zh-Hans``).
The header's ``srclang`` is the pair's source language (the header is written before any
document is read); every ``<tu>`` also carries its own ``srclang``, the language its
document was translated from (see :func:`unit_source_language`), since one file may hold
documents translated in either direction.

Each unit holds, as ``<prop>`` elements: ``x-bead-id`` (also the unit's ``tuid``),
``x-document``, ``x-alignment-type`` and ``x-score``. Null beads (an empty side) are left out
unless ``--keep-null``, which writes them with an empty ``<seg>`` for the empty side.

Text is escaped for XML (``& < >``, and ``"`` in attributes; a carriage return as ``&#13;``,
which a parser would otherwise read as a line feed). A character XML 1.0 cannot hold at all
(most C0 controls, U+FFFE, U+FFFF, lone surrogates) has no escape in XML: writing it would
make the file unreadable and dropping it would change the text, so it is an error (E711)
naming the bead.

The file is written as the documents stream in, element by element (:class:`XmlStream`);
nothing but the current bead is held in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bicorpus import __version__
from bicorpus.errors import CorpusError
from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.lang import PROJECT_LANGUAGE, export_tag
from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus, Document, SentencePair

#: Characters outside XML 1.0's ``Char`` production.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
# In attributes a parser also turns tabs and line ends into spaces unless they are references.
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>\r"\t\n]')


def illegal_xml_character(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 cannot represent, or None."""
    found = _NOT_XML.search(text)
    return None if found is None else found.group()


def _escaped(text: str, special: re.Pattern[str], escapes: dict[str, str]) -> str:
    return special.sub(lambda match: escapes[match.group()], text)


class XmlStream:
    """A minimal streaming XML writer: elements are written as they are opened and closed.

    Callers check text for characters XML cannot hold (:func:`illegal_xml_character`) first;
    this class only escapes. Indentation is written between elements, never inside an element
    holding text, so no text gains whitespace.
    """

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle
        self._open: list[str] = []
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')

    def _tag(self, name: str, attributes: dict[str, str]) -> str:
        written = (f' {key}="{_escaped(value, _ATTRIBUTE_SPECIAL, _ATTRIBUTE_ESCAPES)}"' for key, value in attributes.items())
        return name + "".join(written)

    def _indent(self) -> str:
        return "  " * len(self._open)

    def start(self, name: str, attributes: dict[str, str] | None = None) -> None:
        """Open element ``name`` on a line of its own."""
        self._handle.write(f"{self._indent()}<{self._tag(name, attributes or {})}>\n")
        self._open.append(name)

    def end(self) -> None:
        """Close the innermost open element."""
        name = self._open.pop()
        self._handle.write(f"{self._indent()}</{name}>\n")

    def empty(self, name: str, attributes: dict[str, str]) -> None:
        """An element without content, on a line of its own."""
        self._handle.write(f"{self._indent()}<{self._tag(name, attributes)}/>\n")

    def text_element(self, name: str, text: str, attributes: dict[str, str] | None = None) -> None:
        """An element holding only ``text`` (escaped, not indented inside)."""
        body = _escaped(text, _TEXT_SPECIAL, _TEXT_ESCAPES)
        self._handle.write(f"{self._indent()}<{self._tag(name, attributes or {})}>{body}</{name}>\n")

    def wrapped_text(self, outer: str, inner: str, text: str, attributes: dict[str, str]) -> None:
        """``<outer ...><inner>text</inner></outer>`` on one line (a TMX ``tuv`` and its ``seg``)."""
        body = _escaped(text, _TEXT_SPECIAL, _TEXT_ESCAPES)
        self._handle.write(f"{self._indent()}<{self._tag(outer, attributes)}><{inner}>{body}</{inner}></{outer}>\n")


def unit_source_language(document: Document, pair: LanguagePair) -> str:
    """The language a document's units are translated from, as TMX's ``srclang``.

    The direction the two texts were made in comes first: when one language's text is
    ``translated_from`` the other, that other is the source (the shipped speech: the Chinese
    text was translated from the English, though the speech was first given in Chinese).
    Failing that, the document's ``original_language`` when it is a language of the pair
    (both texts translated from elsewhere, or unknown), else the pair's source language.
    """
    for lang in pair:
        origin = document["translated_from"].get(lang)
        if isinstance(origin, str) and origin in pair and origin != lang:
            return str(origin)
    original = document["original_language"]
    return original if original in pair else pair.source


def is_null(bead: SentencePair, pair: LanguagePair) -> bool:
    """Whether a bead has an empty side (a sentence without a translation)."""
    return any(not bead["translation"][lang] for lang in pair)


def _check_text(bead: SentencePair, lang: str, text: str) -> None:
    bad = illegal_xml_character(text)
    if bad is not None:
        raise CorpusError(
            bead["id"], f"the {lang} text holds U+{ord(bad):04X}, a character XML 1.0 cannot represent",
            code="E711", hint="remove the character from the source text and rebuild, or export to jsonl or moses",
        )


def _write_unit(xml: XmlStream, bead: SentencePair, pair: LanguagePair, srclang: str) -> None:
    for lang in pair:
        _check_text(bead, lang, bead["translation"][lang])
    xml.start("tu", {"tuid": bead["id"], "srclang": export_tag(srclang)})
    properties = {
        "x-bead-id": bead["id"],
        "x-document": bead["document"],
        "x-alignment-type": bead["alignment_type"],
        "x-score": repr(float(bead["score"])),
    }
    for kind, value in properties.items():
        xml.text_element("prop", value, {"type": kind})
    for lang in pair:
        xml.wrapped_text("tuv", "seg", bead["translation"][lang], {"xml:lang": export_tag(lang)})
    xml.end()


def write_tmx(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write the sentence beads of ``documents`` to ``out`` as TMX 1.4b (see the module's text)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        xml = XmlStream(handle)
        xml.start("tmx", {"version": "1.4"})
        started = False
        for records in documents:
            if not started:
                # The header needs the pair, which the first document brings.
                _write_header(xml, records.pair.source)
                started = True
            srclang = unit_source_language(records.documents[0], records.pair)
            for bead in records.sentences:
                if options.keep_null or not is_null(bead, records.pair):
                    _write_unit(xml, bead, records.pair, srclang)
        if not started:
            _write_header(xml, "*all*")  # no document: TMX's "any language" source
        xml.end()  # body
        xml.end()  # tmx
    return [out]


def _write_header(xml: XmlStream, srclang: str) -> None:
    xml.empty(
        "header",
        {
            "creationtool": "bicorpus",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            # The "original translation memory format": the units come from a bicorpus dataset.
            "o-tmf": "bicorpus",
            "adminlang": PROJECT_LANGUAGE,
            "srclang": srclang if srclang == "*all*" else export_tag(srclang),
            "datatype": "plaintext",
        },
    )
    xml.start("body")


FORMAT = ExportFormat("tmx", "TMX 1.4b translation memory, one unit per sentence bead", write_tmx)
