"""Publish stage: Parquet files (one per config) and the dataset card, swapped in atomically.

A build writes everything into a fresh folder beside the destination, reads the Parquet files
back and validates them, and only then swaps the new ``data/`` folder and card into place. A
failing build therefore leaves the previously published corpus exactly as it was.

Output layout of a dataset folder ``OUT``::

    OUT/data/documents.parquet
    OUT/data/paragraphs.parquet
    OUT/data/sentences.parquet

The dataset card (a README.md whose YAML front matter declares the configs) goes where the
caller says: ``OUT/README.md`` for a stand-alone dataset, the repository README for the
shipped corpus (with data paths prefixed by ``corpus/``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bicorpus.errors import CorpusError
from bicorpus.features import config_arrow_schema, decode_row, encode_row
from bicorpus.records import OPTIONAL_CONFIGS, Corpus
from bicorpus.validate import Problem, validate_corpus

DATA_FOLDER = "data"

#: Gives the card's full text from the tables just written (for row counts and sizes).
CardWriter = Callable[[dict[str, pa.Table]], str]


def config_table(config: str, rows: list) -> pa.Table:
    """The Arrow table of one config (class labels as integers, features in the metadata)."""
    return pa.Table.from_pylist([encode_row(config, row) for row in rows], schema=config_arrow_schema(config))


def write_data(corpus: Corpus, data_dir: Path) -> None:
    """Write one Parquet file per published config into ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for config, rows in corpus.published_configs().items():
        # Fixed writer settings: the same records always give the same bytes.
        pq.write_table(config_table(config, rows), data_dir / f"{config}.parquet", compression="zstd", compression_level=9)


def read_data(data_dir: Path) -> Corpus:
    """Read a published ``data/`` folder back into records."""
    corpus = Corpus()
    for config, rows in corpus.config_rows().items():
        path = data_dir / f"{config}.parquet"
        if not path.is_file() and config in OPTIONAL_CONFIGS:
            continue
        if not path.is_file():
            raise CorpusError(str(path), "missing; is this a built corpus folder (it needs data/<config>.parquet)?")
        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as error:
            raise CorpusError(str(path), f"not a readable Parquet file: {error}") from None
        try:
            rows.extend(decode_row(config, row) for row in table.to_pylist())
        except (KeyError, ValueError) as error:
            raise CorpusError(str(path), f"rows do not match the {config} record schema: {error}") from None
    return corpus


def publish(corpus: Corpus, out_dir: Path, card_path: Path, card_text_for: CardWriter) -> None:
    """Validate, write and atomically install ``corpus`` into ``out_dir`` and its card.

    ``card_text_for(tables)`` returns the full text of the card given the written tables (so
    the card can state row counts and sizes). The files are written to a staging folder,
    read back and validated there; if validation fails, :class:`CorpusError` lists the first
    problems and nothing under ``out_dir`` or at ``card_path`` changes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bicorpus-build-", dir=out_dir))
    try:
        staged_data = staging / DATA_FOLDER
        write_data(corpus, staged_data)
        # Validate, and describe in the card, what is on disk rather than what we meant to
        # write; the staging folder is discarded if anything is wrong.
        tables = {config: pq.read_table(staged_data / f"{config}.parquet") for config in corpus.published_configs()}
        problems = validate_corpus(read_data(staged_data))
        if problems:
            _raise_problems(problems, "written files")
        staged_card = staging / "README.md"
        staged_card.write_text(card_text_for(tables), encoding="utf-8")
        _swap_in(staged_data, out_dir / DATA_FOLDER)
        card_path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged_card, card_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(new: Path, destination: Path) -> None:
    """Replace folder ``destination`` by ``new`` (same file system), restoring it on failure."""
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}.previous-{os.getpid()}")
        os.rename(destination, old)
    try:
        os.rename(new, destination)
    except OSError:
        if old is not None:
            os.rename(old, destination)
        raise
    if old is not None:
        shutil.rmtree(old)


def _raise_problems(problems: list[Problem], stage: str) -> None:
    shown = "; ".join(str(p) for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    raise CorpusError(stage, f"{len(problems)} validation problem(s), nothing published: {shown}{more}")
