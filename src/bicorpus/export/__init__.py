"""Export stage: sinks that write a published corpus in the formats of the tools its users work in.

Exports read the published Parquet files (:func:`bicorpus.publish.iter_published`, one
document's records at a time, so memory stays flat in corpus size); they never rerun the
pipeline. Each format is one module of this package holding an :class:`ExportFormat` named
``FORMAT``, registered with a one-line summary in :data:`_MODULES` (imported on first use),
in the way ``datasets`` has one packaged builder per format.

To add a format: a module here with ``FORMAT = ExportFormat(...)`` and its name and summary
in :data:`_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bicorpus.errors import CorpusError
from bicorpus.records import Corpus

__all__ = ["ExportFormat", "ExportOptions", "export_format", "format_names", "format_summary"]


@dataclass(frozen=True)
class ExportOptions:
    """What the command line passes to every format."""

    #: The language of a per-language format (``--lang``); None for the others.
    lang: str | None = None
    #: Keep beads with an empty side (left out of translation memories by default).
    keep_null: bool = False
    #: The published corpus folder read (a dataset folder or its ``data/``), for formats that
    #: describe it (the HTML reader shows its build signature); None when the documents come
    #: from elsewhere.
    data_dir: Path | None = None


#: Writes one export: (the corpus's documents, one at a time; the output path; the options)
#: -> the files written, in the order written.
ExportWriter = Callable[[Iterable[Corpus], Path, ExportOptions], list[Path]]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name on the command line, a one-line summary, and its writer."""

    name: str
    summary: str
    write: ExportWriter
    #: The format holds one language (``--lang`` required).
    per_language: bool = False
    #: What ``--out`` names: a file, a path prefix (``moses``: PATH.<lang>) or a folder.
    out_kind: str = "file"


#: Format name -> (module holding its ``FORMAT``, one-line summary for ``--help``).
_MODULES: dict[str, tuple[str, str]] = {
    "jsonl": ("bicorpus.export.jsonl", "one sentence bead per line, labels as names"),
    "tmx": ("bicorpus.export.tmx", "TMX 1.4b translation memory, one unit per sentence bead"),
    "moses": ("bicorpus.export.moses", "PATH.<lang> and PATH.ids, one sentence bead a line"),
    "align-set": ("bicorpus.export.align_set", "the sentence alignment as a gold set for eval-align (src/, tgt/, gold/)"),
    "html": ("bicorpus.export.html_reader", "one self-contained HTML reader: both languages side by side, filters, search"),
    "conllu": ("bicorpus.export.conllu", "one language in CoNLL-U: published tokens, NER in MISC, the bead's other side"),
    "conll2003": ("bicorpus.export.conll2003", "one language in the CoNLL-2003 layout, tags collapsed to PER/LOC/ORG/MISC"),
    "vert": ("bicorpus.export.vertical", "Sketch Engine vertical file per language, with manatee alignment mappings"),
}


def format_names() -> list[str]:
    """The registered formats, in the order of :data:`_MODULES`."""
    return list(_MODULES)


def format_summary(name: str) -> str:
    """The one-line summary of a registered format (without importing its module)."""
    return _MODULES[name][1]


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; :class:`CorpusError` (E701) for an unknown one."""
    entry = _MODULES.get(name)
    if entry is None:
        raise CorpusError(
            "--format", f"unknown export format {name!r}", code="E701", hint=f"use one of {', '.join(_MODULES)}"
        )
    found: ExportFormat = importlib.import_module(entry[0]).FORMAT
    return found
