"""``align-set`` export: the corpus's sentence alignment as a gold set for ``bicorpus eval-align``.

``--out DIR`` (a new or empty folder) gets the layout of the shared gold sets, one document
of the corpus per number ``NNN`` (001, 002, ... in document order)::

    DIR/src/NNN           the source language's sentences, one a line
    DIR/tgt/NNN           the target language's sentences, one a line
    DIR/gold/NNN.align    the published sentence beads, [i,j]:[k], 0-based, source first
    DIR/blocks/NNN.align  the paragraph beads as blocks of sentences, in the same notation
    DIR/meta_data.tsv     text_id, src_lang, tgt_lang, document, src_title, tgt_title

Sentence texts come from the ``ner_<lang>`` configs, which hold every sentence of a language
once, in order, with its id and its text sliced from the document (the beads' own texts join
several sentences, and the published offsets are per bead, not per sentence). A sentence's
index is the number in its id (``.../en/s0042`` is line 42), so a gold bead is the numbers of
its ``<lang>_ids``.

``blocks/`` is what the build gave its aligner besides the sentences: each paragraph bead is
a hard block no sentence bead crosses (near-duplicate paragraphs are blocks of their own,
aligned with nothing). ``eval-align`` passes the blocks to the aligner when a set has them,
so it sees exactly the build's input; other gold sets have no ``blocks/`` and are aligned as
before. A line break inside a sentence (none in the shipped corpus) would split its line, so
it becomes a space, as in the ``moses`` export.

An existing, non-empty ``DIR`` is refused (E712): files of an earlier, longer export would
stay behind and be scored as documents of this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bicorpus.beads import Bead
from bicorpus.errors import CorpusError
from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.moses import one_line
from bicorpus.records import Corpus, NerSentence, ner_config, side
from bicorpus.unit_ids import parse_unit_id

#: Columns of the set's ``meta_data.tsv`` (``src_lang`` and ``tgt_lang`` are what eval-align reads).
META_COLUMNS = ("text_id", "src_lang", "tgt_lang", "document", "src_title", "tgt_title")


def _index(unit_id: str, where: str) -> int:
    parsed = parse_unit_id(unit_id)
    if parsed is None:
        raise CorpusError(where, f"{unit_id!r} is not a sentence id", code="E713", hint="rebuild the corpus")
    return parsed.index


def _sentences(records: Corpus, lang: str) -> list[str]:
    """The sentences of one language of the document, checked to be all of them, in order."""
    rows: list[NerSentence] = records.ner[lang]
    document = records.documents[0]
    where = f"{ner_config(lang)} of {document['id']}"
    for number, row in enumerate(rows):
        if _index(row["id"], where) != number:
            raise CorpusError(
                where, f"sentence {row['id']!r} is row {number}: the rows are not every sentence in order",
                code="E713", hint="rebuild the corpus",
            )
    if len(rows) != document["sentence_count"][lang]:
        raise CorpusError(
            where, f"holds {len(rows)} sentences, the document counts {document['sentence_count'][lang]}",
            code="E713", hint="rebuild the corpus",
        )
    return [one_line(row["text"]) for row in rows]


def document_alignment(records: Corpus) -> tuple[list[Bead], list[Bead]]:
    """(sentence beads, paragraph blocks) of one document, as sentence indices."""
    source, target = records.pair
    gold: list[Bead] = []
    blocks: list[Bead] = []
    block_of: str | None = None
    where = f"sentences of {records.documents[0]['id']}"
    for bead in records.sentences:
        src = tuple(_index(unit, where) for unit in bead[side(source, "ids")])
        tgt = tuple(_index(unit, where) for unit in bead[side(target, "ids")])
        gold.append(Bead(src, tgt))
        if bead["paragraph"] == block_of:
            last = blocks[-1]
            blocks[-1] = Bead(last.src + src, last.tgt + tgt)
        else:
            blocks.append(Bead(src, tgt))
            block_of = bead["paragraph"]
    return gold, blocks


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")


def _tsv_field(value: object) -> str:
    # A tab or line break inside a title would break the table's rows and columns.
    return " ".join(str(value or "").split())


def write_align_set(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write the gold set of ``documents`` into folder ``out`` (see the module's text).

    Returns the files written; each document's files are written when it arrives, so memory
    holds one document.
    """
    del options  # the whole alignment is the gold: null beads are part of it
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CorpusError(
            str(out), "exists and is not an empty folder", code="E712",
            hint="name a new folder for the set (files of an earlier export would be scored with it)",
        )
    folders = {name: out / name for name in ("src", "tgt", "gold", "blocks")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    meta = out / "meta_data.tsv"
    written: list[Path] = []
    with meta.open("w", encoding="utf-8", newline="\n") as table:
        table.write("\t".join(META_COLUMNS) + "\n")
        for number, records in enumerate(documents, start=1):
            name = f"{number:03d}"
            document = records.documents[0]
            source, target = records.pair
            gold, blocks = document_alignment(records)
            files = {
                folders["src"] / name: _sentences(records, source),
                folders["tgt"] / name: _sentences(records, target),
                folders["gold"] / f"{name}.align": [bead.to_interchange() for bead in gold],
                folders["blocks"] / f"{name}.align": [bead.to_interchange() for bead in blocks],
            }
            for path, lines in files.items():
                _write_lines(path, lines)
                written.append(path)
            row = (name, source, target, document["id"], document["title"].get(source), document["title"].get(target))
            table.write("\t".join(_tsv_field(value) for value in row) + "\n")
    return [*written, meta]


FORMAT = ExportFormat(
    "align-set", "the sentence alignment as a gold set for eval-align (src/, tgt/, gold/)", write_align_set,
    out_kind="folder",
)
