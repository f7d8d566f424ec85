"""``moses`` export: line-aligned plain text, the input of Moses, fairseq, OpenNMT and Marian.

``--out PATH`` writes ``PATH.<lang>`` for each language of the pair (source first) and
``PATH.ids``: line k of every file belongs to the same sentence bead (its text in each
language, its bead id), in document order. Null beads (an empty side) are left out unless
``--keep-null``, which writes them with an empty line for the empty side.

A bead's text is its ``translation[lang]``, the exact document slice. One bead can span a
paragraph break: the sentence aligner works inside paragraph beads, and a paragraph bead
joining two paragraphs of one language (a 2-1 paragraph bead) can give a sentence bead that
takes the last sentence of the first and the first of the second, so its slice holds the
blank line between them. A line break would split the bead over two lines and shift every
later line, so each run of whitespace holding a line break becomes one space
(:func:`one_line`); all other text is written as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.tmx import is_null
from bicorpus.records import Corpus

#: Every character Python's ``str.splitlines`` ends a line at (LF, CR, VT, FF, the file,
#: group and record separators, NEL, LS and PS): any of them would split a line for a reader.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"\\s*[{LINE_BREAKS}][\\s{LINE_BREAKS}]*")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace that holds a line break replaced by one space."""
    return _BREAK_RUN.sub(" ", text)


def moses_paths(out: Path, languages: Iterable[str]) -> dict[str, Path]:
    """The files of a Moses export with prefix ``out``: one per language, then ``ids``."""
    return {name: out.with_name(f"{out.name}.{name}") for name in (*languages, "ids")}


def write_moses(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write ``PATH.<lang>`` and ``PATH.ids`` for the sentence beads of ``documents``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with ExitStack() as files:
        paths: dict[str, Path] = {}
        handles: dict[str, TextIO] = {}
        for records in documents:
            if not handles:
                # The file names need the pair, which the first document brings.
                paths = moses_paths(out, records.pair)
                handles = {
                    name: files.enter_context(path.open("w", encoding="utf-8", newline="\n")) for name, path in paths.items()
                }
            for bead in records.sentences:
                if not options.keep_null and is_null(bead, records.pair):
                    continue
                for lang in records.pair:
                    handles[lang].write(one_line(bead["translation"][lang]) + "\n")
                handles["ids"].write(bead["id"] + "\n")
    return list(paths.values())


FORMAT = ExportFormat(
    "moses", "PATH.<lang> and PATH.ids, one sentence bead a line", write_moses, out_kind="prefix"
)
