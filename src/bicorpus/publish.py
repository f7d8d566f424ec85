"""Publish stage: Parquet files (one per config) and the dataset card, swapped in atomically.

Records arrive one document at a time and are streamed into the Parquet files, so a build
never holds more than one row group per config (the rows of
:data:`DOCUMENTS_PER_GROUP` documents) in memory, whatever the number of documents.
Each document's records are validated (schemas and integrity, :mod:`bicorpus.validate`)
before they are written. Everything is written into a staging folder beside the destination;
only when every document has passed and the written files check out (schema and row counts)
are the new ``data/`` folder and the card swapped into place. A failing build therefore
leaves the previously published corpus exactly as it was.

Output layout of a dataset folder ``OUT``::

    OUT/data/<config>.parquet      documents, paragraphs, sentences, terms, entities, and one
                                   ner_<lang> per language of the pair (ner_en, ner_zh)

The language pair is data: the files' schemas are the record schemas written out for the
corpus's pair (:mod:`bicorpus.records`), and a published folder's pair is read back from the
language keys of ``documents.parquet``'s ``text`` column.

Every file's schema metadata holds, besides the features ``datasets`` reads, the build
signature (:mod:`bicorpus.build_signature`): what produced the file.

The dataset card (a README.md whose YAML front matter declares the configs) goes where the
caller says: ``OUT/README.md`` for a stand-alone dataset, the repository README for the
shipped corpus (with data paths prefixed by ``corpus/``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import datasets.config
import pyarrow as pa
import pyarrow.dataset as pds
import pyarrow.parquet as pq
from datasets.table import table_cast

from bicorpus.build_signature import BuildSignature, with_signature, without_signature
from bicorpus.errors import CorpusError
from bicorpus.features import config_arrow_schema, decode_row, encode_row
from bicorpus.language_pair import LanguagePair
from bicorpus.records import OPTIONAL_CONFIGS, Corpus, config_names
from bicorpus.validate import Problem, validate_corpus

DATA_FOLDER = "data"

#: Documents whose rows are buffered before every config writes them as one Parquet row
#: group. Counting documents (not rows) bounds memory for every config alike, and it is
#: fixed, so the same records always give the same bytes.
DOCUMENTS_PER_GROUP = 50

#: Fixed writer settings, for the same reason.
_WRITER_OPTIONS = {"compression": "zstd", "compression_level": 9}


@dataclass(frozen=True)
class ConfigSize:
    """What the card states of one published config: rows, and its size in bytes as
    ``datasets`` reports it for the loaded split (see :func:`loaded_num_bytes`)."""

    rows: int
    bytes: int


#: Gives the card's full text from the sizes of the configs just written.
CardWriter = Callable[[dict[str, ConfigSize]], str]


def config_table(config: str, pair: LanguagePair, rows: list, signature: BuildSignature) -> pa.Table:
    """The Arrow table of one config (class labels as integers, features and signature in the metadata)."""
    schema = with_signature(config_arrow_schema(config, pair), signature)
    return pa.Table.from_pylist([encode_row(config, pair, row) for row in rows], schema=schema)


class DatasetWriter:
    """Streams validated per-document records into one Parquet file per config."""

    def __init__(self, data_dir: Path, pair: LanguagePair, signature: BuildSignature) -> None:
        self.data_dir = data_dir
        self.pair = pair
        self.configs = config_names(pair)
        self.signature = signature
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list] = {config: [] for config in self.configs}
        self._rows: dict[str, int] = {config: 0 for config in self.configs}
        self._documents: set[str] = set()
        self._unflushed_documents = 0
        data_dir.mkdir(parents=True, exist_ok=True)

    def add(self, records: Corpus) -> None:
        """Validate one document's records, then queue them for writing."""
        if records.pair != self.pair:
            raise CorpusError(
                ", ".join(d["id"] for d in records.documents) or "build",
                f"a {records.pair} document in a {self.pair} corpus",
                code="E218",
                hint="build documents of one pair, their languages listed in the same order, into one corpus",
            )
        problems = validate_corpus(records)
        for document in records.documents:
            if document["id"] in self._documents:
                problems.append(Problem("documents", document["id"], "/id", "a document with this id was already published"))
            self._documents.add(document["id"])
        if problems:
            _raise_problems(problems, "build")
        for config, rows in records.config_rows().items():
            self._buffers[config].extend(rows)
            self._rows[config] += len(rows)
        self._unflushed_documents += 1
        if self._unflushed_documents >= DOCUMENTS_PER_GROUP:
            for config in self.configs:
                self._flush(config)
            self._unflushed_documents = 0

    def _flush(self, config: str) -> None:
        rows = self._buffers[config]
        if not rows:
            return
        if config not in self._writers:
            path = self.data_dir / f"{config}.parquet"
            schema = with_signature(config_arrow_schema(config, self.pair), self.signature)
            self._writers[config] = pq.ParquetWriter(path, schema, **_WRITER_OPTIONS)
        self._writers[config].write_table(config_table(config, self.pair, rows, self.signature))
        self._buffers[config] = []

    def close(self) -> dict[str, ConfigSize]:
        """Write what is left, close the files, and return the size of each published config."""
        for config in self.configs:
            if self._rows[config] or config not in OPTIONAL_CONFIGS:
                if config not in self._writers and not self._buffers[config]:
                    # A core config with no rows still gets a (valid, empty) file.
                    empty = config_table(config, self.pair, [], self.signature)
                    pq.write_table(empty, self.data_dir / f"{config}.parquet", **_WRITER_OPTIONS)
                self._flush(config)
        for writer in self._writers.values():
            writer.close()
        sizes = published_sizes(self.data_dir, self.pair)
        for config, size in sizes.items():
            if size.rows != self._rows[config]:
                raise CorpusError(
                    str(self.data_dir / f"{config}.parquet"), f"holds {size.rows} rows, {self._rows[config]} were written",
                    code="E401", hint="the disk or another process interfered; build again",
                )
        return sizes


def published_sizes(data_dir: Path, pair: LanguagePair) -> dict[str, ConfigSize]:
    """Rows and loaded size in bytes of each config file in ``data_dir`` (a corpus of ``pair``).

    Raises :class:`CorpusError` when a file's schema is not the one its config defines.
    """
    sizes: dict[str, ConfigSize] = {}
    for config in config_names(pair):
        path = data_dir / f"{config}.parquet"
        if not path.is_file():
            continue
        schema, expected = pq.read_schema(path), config_arrow_schema(config, pair)
        # Types and the features kept in the schema metadata; Parquet renames list children.
        # The build signature is not part of the config's schema (validate compares it).
        if not schema.equals(expected) or without_signature(schema.metadata) != expected.metadata:
            raise CorpusError(
                str(path),
                f"schema differs from the {config} record schema",
                code="E402",
                hint="rebuild the corpus with this bicorpus",
            )
        sizes[config] = ConfigSize(pq.read_metadata(path).num_rows, loaded_num_bytes(path, expected))
    return sizes


def loaded_num_bytes(path: Path, schema: pa.Schema) -> int:
    """The ``num_bytes`` that ``datasets`` (5.x) reports for a split loaded from this one
    Parquet file: the in-memory Arrow size of the tables its Parquet builder writes.

    The card must state what ``load_dataset`` computes, and that is neither the file size nor
    the Parquet metadata's uncompressed size. The builder reads the file in record batches
    of the first row group's row count, casts each to the features' schema, and adds up
    ``Table.nbytes`` of every table it writes, after ``combine_chunks``; one-row batches are
    first gathered (up to the writer's batch size) and counted as one concatenated table. A
    validity bitmap rounds up to whole bytes per table, so the grouping matters and is
    followed here exactly. A test checks the result against a real ``load_dataset``.
    """
    file_format = pds.ParquetFileFormat()
    total = 0
    single_rows: list[pa.Table] = []

    def count_single_rows() -> int:
        if not single_rows:
            return 0
        size = int(pa.concat_tables(single_rows).combine_chunks().nbytes)
        single_rows.clear()
        return size

    with open(path, "rb") as handle:
        fragment = file_format.make_fragment(handle)
        if not fragment.row_groups:
            return 0
        batches = fragment.to_batches(batch_size=fragment.row_groups[0].num_rows, batch_readahead=0, fragment_readahead=0)
        for batch in batches:
            table = table_cast(pa.Table.from_batches([batch]), schema)
            if table.num_rows == 1:
                single_rows.append(table)
                if len(single_rows) >= datasets.config.DEFAULT_MAX_BATCH_SIZE:
                    total += count_single_rows()
                continue
            total += count_single_rows() + int(table.combine_chunks().nbytes)
    return total + count_single_rows()


def published_pair(data_dir: Path) -> LanguagePair:
    """The language pair of a published ``data/`` folder: the keys of the ``text`` column of
    ``documents.parquet``, in order (source first)."""
    path = data_dir / "documents.parquet"
    if not path.is_file():
        raise CorpusError(
            str(path), "missing", code="E403", hint="name a built corpus folder (one with data/<config>.parquet), or build one"
        )
    try:
        text = pq.read_schema(path).field("text").type
        codes = [text.field(i).name for i in range(text.num_fields)]
        return LanguagePair(*codes)
    except (pa.ArrowException, OSError, KeyError, TypeError, ValueError) as error:
        raise CorpusError(
            str(path), f"cannot read the corpus's language pair from its text column: {error}", code="E404",
            hint="rebuild the corpus",
        ) from None


def _config_rows(path: Path, config: str, pair: LanguagePair) -> Iterator[dict[str, Any]]:
    """The decoded rows of one config file, read a batch at a time (memory bounded by a batch)."""
    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=_READ_BATCH_ROWS):
            for row in batch.to_pylist():
                yield decode_row(config, pair, row)
    except (pa.ArrowException, OSError) as error:
        raise CorpusError(str(path), f"not a readable Parquet file: {error}", code="E404", hint="rebuild the corpus") from None
    except (KeyError, ValueError) as error:
        raise CorpusError(
            str(path), f"rows do not match the {config} record schema: {error}", code="E402",
            hint="rebuild the corpus with this bicorpus",
        ) from None


#: Rows decoded at a time when streaming a published config.
_READ_BATCH_ROWS = 1024


def iter_published(data_dir: Path) -> Iterator[Corpus]:
    """The records of a published ``data/`` folder one document at a time, in document order.

    Every config file is read in batches alongside the others (each config's rows are in
    document order, as the build writes them), so memory holds one document's records and a
    batch per config, whatever the corpus's size. Rows naming a document that is not next in
    ``documents`` are an error (E411): the files are not ones a build wrote.
    """
    pair = published_pair(data_dir)
    configs = config_names(pair)
    streams: dict[str, Iterator[dict[str, Any]]] = {}
    for config in configs:
        path = data_dir / f"{config}.parquet"
        if path.is_file():
            streams[config] = _config_rows(path, config, pair)
        elif config not in OPTIONAL_CONFIGS:
            raise CorpusError(
                str(path), "missing", code="E403",
                hint="name a built corpus folder (one with data/<config>.parquet), or build one",
            )
    pending = {config: next(stream, None) for config, stream in streams.items() if config != "documents"}
    for document in streams["documents"]:
        records = Corpus(pair)
        rows = records.config_rows()
        rows["documents"].append(document)
        for config, row in pending.items():
            while row is not None and row["document"] == document["id"]:
                rows[config].append(row)
                row = next(streams[config], None)
            pending[config] = row
        yield records
    for config, row in pending.items():
        if row is not None:
            raise CorpusError(
                str(data_dir / f"{config}.parquet"),
                f"row {row['id']!r} names document {row['document']!r}, which is not where the documents config "
                "has it (rows out of document order, or of no published document)",
                code="E411",
                hint="rebuild the corpus; files written by bicorpus build keep every config in document order",
            )


def read_data(data_dir: Path) -> Corpus:
    """Read a published ``data/`` folder back into records."""
    pair = published_pair(data_dir)
    corpus = Corpus(pair)
    for config, rows in corpus.config_rows().items():
        path = data_dir / f"{config}.parquet"
        if not path.is_file() and config in OPTIONAL_CONFIGS:
            continue
        if not path.is_file():
            raise CorpusError(
                str(path),
                "missing",
                code="E403",
                hint="name a built corpus folder (one with data/<config>.parquet), or build one",
            )
        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as error:
            raise CorpusError(
                str(path), f"not a readable Parquet file: {error}", code="E404", hint="rebuild the corpus"
            ) from None
        try:
            rows.extend(decode_row(config, pair, row) for row in table.to_pylist())
        except (KeyError, ValueError) as error:
            raise CorpusError(
                str(path),
                f"rows do not match the {config} record schema: {error}",
                code="E402",
                hint="rebuild the corpus with this bicorpus",
            ) from None
    return corpus


def publish(
    documents: Iterable[Corpus],
    pair: LanguagePair,
    out_dir: Path,
    card_path: Path,
    card_text_for: CardWriter,
    signature: BuildSignature,
) -> dict[str, ConfigSize]:
    """Validate, write and atomically install the records of ``documents`` and their card.

    ``documents`` yields one document's records at a time (see
    :func:`bicorpus.pipeline.iter_documents`), all of the language ``pair``. The files are written to a staging folder;
    if any document fails validation, :class:`CorpusError` lists its first problems and
    nothing under ``out_dir`` or at ``card_path`` changes. ``card_text_for(sizes)`` returns
    the card's full text; ``signature`` goes into every Parquet file's schema metadata.
    Returns the size of each published config.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bicorpus-build-", dir=out_dir))
    try:
        staged_data = staging / DATA_FOLDER
        writer = DatasetWriter(staged_data, pair, signature)
        for records in documents:
            writer.add(records)
        sizes = writer.close()
        staged_card = staging / "README.md"
        staged_card.write_text(card_text_for(sizes), encoding="utf-8")
        _swap_in(staged_data, out_dir / DATA_FOLDER)
        card_path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged_card, card_path)
        return sizes
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
    raise CorpusError(
        stage,
        f"{len(problems)} validation problem(s), nothing published: {shown}{more}",
        code="E405",
        hint="fix the sources the problems point to and build again",
    )
