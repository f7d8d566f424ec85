"""``vert`` export: a vertical file per language for Sketch Engine and NoSketch Engine
(manatee), with the mapping files that make the two a parallel corpus.

``--out PATH`` writes ``PATH.<lang>.vert`` for each language and, for each direction,
``PATH.<from>-<to>.aligndef``. A vertical file holds one token a line (``word<TAB>ner``: the
published token and its BIO tag) inside structures::

    <doc id="<document id>" title="<title in this language>">
    <p id="<doc>/<lang>/p003">
    <s id="<doc>/<lang>/s0007" sentence_pair="<doc>/sp0006" alignment_type="2-1">
    Harbour<TAB>B-FAC
    ...
    <g/>
    .<TAB>O
    </s>

``<g/>`` (glue) stands between two tokens of a sentence that no whitespace separates, as
Sketch Engine marks them. ``sentence_pair`` is the bead id: every sentence of one bead in
either file carries it, so a query can move from a sentence to its translation; it keeps the
dataset's own field name (``ner_<lang>.sentence_pair``, ``entities.mentions.sentence_pair``)
so the value joins back to the Parquet files. Values and tokens are XML-escaped, so each file
is well-formed XML once wrapped in a root element.

Alignment: manatee aligns two corpora through a structure (``ALIGNSTRUCT``); for beads that
are not 1-1 it reads a mapping file (``ALIGNDEF``) of two tab-separated columns, one line per
aligned unit, each column a structure number (``7``), an inclusive range (``7,8``) or ``-1``
for an empty side. The ``.aligndef`` files are that mapping over the ``<s>`` structures, one
line per sentence bead in bead order (numbers count the ``<s>`` of a file from 0), so a 2-1
bead is ``7,8<TAB>6`` and a bead with no translation ``9<TAB>-1``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from bicorpus.errors import CorpusError
from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.sentence_tokens import LINE_BREAKS, SentenceTokens, bead_of, check_tokens, document_sentences
from bicorpus.records import Corpus, side

#: Characters written as character references inside attribute values, so that a structure
#: tag stays on its one line.
_ATTRIBUTE_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def vertical_paths(out: Path, langs: Iterable[str]) -> list[Path]:
    """The vertical file of each language for ``--out PATH``: ``PATH.<lang>.vert``."""
    return [out.with_name(f"{out.name}.{lang}.vert") for lang in langs]


def aligndef_path(out: Path, first: str, second: str) -> Path:
    """The manatee mapping from the ``<s>`` of ``first`` to those of ``second``: ``PATH.<first>-<second>.aligndef``."""
    return out.with_name(f"{out.name}.{first}-{second}.aligndef")


def attribute(name: str, value: str) -> str:
    """`` name="value"`` with the value XML-escaped and kept on one line."""
    return f" {name}={quoteattr(value, _ATTRIBUTE_ENTITIES)}"


#: Characters XML 1.0 cannot hold, even as references (C0 controls but tab, LF, CR; U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _token_problem(token: str) -> str | None:
    # A tab would start another positional attribute and a line break another line.
    if any(char in LINE_BREAKS or char == "\t" for char in token):
        return "holds a tab or a line break"
    return "holds a control character XML cannot hold" if _NOT_XML.search(token) else None


def _sentence_lines(sentence: SentenceTokens, alignment_type: str) -> list[str]:
    row = sentence.row
    lines = [f"<s{attribute('id', row['id'])}{attribute('sentence_pair', row['sentence_pair'])}"
             f"{attribute('alignment_type', alignment_type)}>"]
    last = len(row["tokens"]) - 1
    for k, (token, tag) in enumerate(zip(row["tokens"], row["ner_tags"])):
        lines.append(f"{escape(token)}\t{tag}")
        if k < last and sentence.spaces_after[k] == "":
            lines.append("<g/>")
    lines.append("</s>")
    return lines


def _write_document(handle: TextIO, records: Corpus, lang: str, first_number: int) -> dict[str, int]:
    """Write one document's vertical text of ``lang``; its sentence ids -> ``<s>`` numbers."""
    document = records.documents[0]
    title = document["title"][lang]
    handle.write(f"<doc{attribute('id', document['id'])}{attribute('title', title) if title is not None else ''}>\n")
    beads = {bead["id"]: bead for bead in records.sentences}
    numbers: dict[str, int] = {}
    open_paragraph = False
    for sentence in document_sentences(records, lang):
        check_tokens(sentence, lang, "vertical", _token_problem)
        if sentence.new_paragraph is not None:
            if open_paragraph:
                handle.write("</p>\n")
            handle.write(f"<p{attribute('id', sentence.new_paragraph)}>\n")
            open_paragraph = True
        numbers[sentence.row["id"]] = first_number + len(numbers)
        handle.write("\n".join(_sentence_lines(sentence, bead_of(beads, sentence, lang)["alignment_type"])) + "\n")
    if open_paragraph:
        handle.write("</p>\n")
    handle.write("</doc>\n")
    return numbers


def _structures(ids: list[str], numbers: dict[str, int], bead_id: str) -> str:
    if not ids:
        return "-1"
    for sentence_id in ids:
        if sentence_id not in numbers:
            raise CorpusError(
                f"sentences row {bead_id}",
                f"names sentence {sentence_id!r}, which has no NER row in its document",
                code="E723",
                hint="rebuild the corpus; files written by bicorpus build refer only to rows they hold",
            )
    first, last = numbers[ids[0]], numbers[ids[-1]]
    return str(first) if first == last else f"{first},{last}"


def write_vertical(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write a vertical file per language and the alignment mappings between them (``--out`` is a path prefix)."""
    del options  # both languages and every bead are written
    out.parent.mkdir(parents=True, exist_ok=True)
    handles: dict[str, TextIO] = {}
    mappings: list[TextIO] = []
    written: list[Path] = []
    counts: dict[str, int] = {}
    try:
        for records in documents:
            pair = records.pair
            if not handles:
                for lang, path in zip(pair, vertical_paths(out, pair)):
                    handles[lang] = path.open("w", encoding="utf-8", newline="\n")
                    counts[lang] = 0
                    written.append(path)
                for first, second in ((pair.source, pair.target), (pair.target, pair.source)):
                    path = aligndef_path(out, first, second)
                    mappings.append(path.open("w", encoding="utf-8", newline="\n"))
                    written.append(path)
            numbers: dict[str, dict[str, int]] = {}
            for lang in pair:
                numbers[lang] = _write_document(handles[lang], records, lang, counts[lang])
                counts[lang] += len(numbers[lang])
            for bead in records.sentences:
                source = _structures(bead[side(pair.source, "ids")], numbers[pair.source], bead["id"])
                target = _structures(bead[side(pair.target, "ids")], numbers[pair.target], bead["id"])
                mappings[0].write(f"{source}\t{target}\n")
                mappings[1].write(f"{target}\t{source}\n")
    finally:
        for handle in [*handles.values(), *mappings]:
            handle.close()
    return written


FORMAT = ExportFormat(
    "vert", "Sketch Engine vertical file per language, with manatee alignment mappings",
    write_vertical, out_kind="prefix",
)
