"""``jsonl`` export: every sentence bead as one JSON object per line, labels as their names.

The record is the ``sentences`` row as published, with class labels (``alignment_type``,
``themes``, ``primary_theme``, ``theme_source``) written as names rather than the integers
Parquet stores, so any JSON reader gets the meaning without the dataset's features. Keys are
in the schema's order; non-ASCII text is written as is (UTF-8). Null beads are kept: this is
the whole sentence alignment, not a translation memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.records import Corpus


def write_jsonl(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write every sentence bead of ``documents`` to ``out``, one JSON object a line."""
    del options  # every bead is written; no option applies
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for records in documents:
            for bead in records.sentences:
                handle.write(json.dumps(bead, ensure_ascii=False) + "\n")
    return [out]


FORMAT = ExportFormat("jsonl", "one sentence bead per line, labels as names", write_jsonl)
