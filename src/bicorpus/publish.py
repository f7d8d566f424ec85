"""Publish stage: an immutable snapshot of Parquet files, then the dataset card in one atomic step.

Records arrive one document at a time, in publishing order (shard by shard, by id inside a
shard: :mod:`bicorpus.sharding`), and are streamed into the Parquet files, so a build never
holds more than one row group per config (the rows of :data:`DOCUMENTS_PER_GROUP`
documents) in memory, whatever the number of documents. Each document's records are
validated (schemas and integrity, :mod:`bicorpus.validate`) before they are written: in the
build's workers, or here.

Output layout of a dataset folder ``OUT``::

    OUT/README.md                           the card (or --card, in a folder above OUT)
    OUT/data/<version>/manifest.json        the pair, the number of shards, every file with
                                            its rows and SHA-256, and the build signature
    OUT/data/<version>/<config>/part-NNNNN.parquet
                                            shard NNNNN of each config: documents, paragraphs,
                                            sentences, <source>-<target>, terms, entities, and
                                            one ner_<lang> per language

``<version>`` is ``v-`` and the first :data:`VERSION_HEX` hex digits of the SHA-256 of the
manifest's canonical JSON. The manifest holds nothing time-dependent, so the same sources
give the same folder name and bytes. Shard ``k`` of every config holds the records of the
same documents (:func:`bicorpus.sharding.shard_of` of their ids); the card names a config's
shards by a glob, so ``load_dataset`` and streaming read them all, in shard order.

How a build publishes (:func:`publish`), so that a reader, which always starts from the card,
sees the old corpus or the new one and never a mix:

1. take the build lock ``OUT/.bicorpus-build.lock`` (one build per folder);
2. remove what killed builds left: staging folders, snapshots no card points at;
3. write the snapshot into ``OUT/data/.staging-<random>/``, sync it, rename it to
   ``OUT/data/<version>/`` (an identical snapshot already there is reused);
4. write the new card beside the old one, sync it, ``os.replace`` it over the old one: the
   one step that publishes;
5. only then delete the snapshot the previous card pointed at (and the files of the old
   one-file-per-config layout it listed). Nothing else in ``OUT`` is ever deleted.

Reading (:func:`published_snapshot`, used by every reader) follows the card too: the card is
``DIR/README.md`` or the nearest README.md above ``DIR`` whose data files point into ``DIR``
(the shipped corpus: ``corpus`` and the repository's README), and the snapshot is the one its
data files name.

Every file's schema metadata holds, besides the features ``datasets`` reads, the build
signature (:mod:`bicorpus.build_signature`): what produced the file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import datasets
import datasets.config
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pds
import pyarrow.parquet as pq
from datasets.table import table_cast

from bicorpus.build_signature import BuildSignature, canonical_sha256, with_signature, without_signature
from bicorpus.dataset_card import card_data_paths, config_glob, split_card
from bicorpus.errors import CorpusError
from bicorpus.features import config_arrow_schema, config_features, encode_row, value_converter
from bicorpus.language_pair import LanguagePair
from bicorpus.records import OPTIONAL_CONFIGS, Corpus, config_names
from bicorpus.sharding import shard_of
from bicorpus.validate import Problem, validate_corpus

DATA_FOLDER = "data"
CARD_NAME = "README.md"
MANIFEST_NAME = "manifest.json"
#: Bumped when the manifest's shape changes; a reader refuses a format it does not know.
MANIFEST_FORMAT = 1
#: Hex digits of the manifest's SHA-256 in a snapshot folder's name.
VERSION_HEX = 12
VERSION_PATTERN = re.compile(rf"v-[0-9a-f]{{{VERSION_HEX}}}")
STAGING_PREFIX = ".staging-"
LOCK_NAME = ".bicorpus-build.lock"
#: Names the previous publishing scheme gave its staging folders in ``OUT`` (removed as leftovers).
_LEGACY_LEFTOVERS = (".bicorpus-build-", ".data.previous-")
#: The hidden temporary file a new card is written to, beside the card.
_CARD_TEMP_INFIX = ".bicorpus-tmp-"

#: Documents whose rows are buffered before every config writes them as one Parquet row
#: group. Counting documents (not rows) bounds memory for every config alike, and it is
#: fixed, so the same records always give the same bytes.
DOCUMENTS_PER_GROUP = 50

#: Fixed writer settings, for the same reason.
_WRITER_OPTIONS = {"compression": "zstd", "compression_level": 9}

_T = TypeVar("_T")


@dataclass(frozen=True)
class ConfigSize:
    """What the card states of one published config: rows, and its size in bytes as
    ``datasets`` reports it for the loaded split (see :func:`loaded_num_bytes`)."""

    rows: int
    bytes: int


@dataclass(frozen=True)
class Published:
    """What :func:`publish` did: the size of each config, the snapshot's version (its folder
    name), and warnings about leftovers it could not remove (the corpus is published)."""

    sizes: dict[str, ConfigSize]
    version: str
    warnings: list[str] = field(default_factory=list)


#: Gives the card's full text from the sizes of the configs just written and the snapshot's
#: version (the folder name its data paths must name).
CardWriter = Callable[[dict[str, ConfigSize], str], str]


def shard_name(shard: int) -> str:
    """The file name of shard ``shard`` of a config (``part-00000.parquet``)."""
    return f"part-{shard:05d}.parquet"


def config_table(config: str, pair: LanguagePair, rows: list, signature: BuildSignature) -> pa.Table:
    """The Arrow table of one config (class labels as integers, features and signature in the metadata)."""
    schema = with_signature(config_arrow_schema(config, pair), signature)
    return pa.Table.from_pylist([encode_row(config, pair, row) for row in rows], schema=schema)


def _do(step: str, action: Callable[[], _T]) -> _T:
    """Run one filesystem step of a build, naming it if the disk fails.

    Every step of :func:`publish` that changes the disk goes through here, so an error says
    which step failed, and the fault tests can make any one step fail as a disk would.
    """
    try:
        return action()
    except OSError as error:
        raise _StepFailed(step, error) from error


class _StepFailed(Exception):
    """A filesystem step of a build failed (``error``, the OS's reason)."""

    def __init__(self, step: str, error: OSError) -> None:
        super().__init__(step)
        self.step, self.error = step, error


#: The environment variable of the test hook (:func:`test_hook`).
TEST_HOOK_VARIABLE = "BICORPUS_TEST_HOOK"


def test_hook(step: str) -> None:
    """Let a test stop a real build at a named step: ``BICORPUS_TEST_HOOK=<step>:kill`` kills
    the process there (SIGKILL: nothing runs after it, as in a power cut or an OOM kill),
    ``<step>:sleep`` sleeps a minute there (to start a second build meanwhile). Steps:
    ``locked``, ``document-<n>`` (the n-th document of the plan is done and cached),
    ``staged``, ``installed``, ``card-written``, ``card-replaced``. Unset, it does nothing."""
    wanted = os.environ.get(TEST_HOOK_VARIABLE)
    if not wanted or wanted.partition(":")[0] != step:
        return
    if wanted.endswith(":kill"):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    elif wanted.endswith(":sleep"):
        time.sleep(60)


class DatasetWriter:
    """Streams per-document records into the shard files of each config.

    Documents arrive in publishing order (:func:`bicorpus.sharding.publishing_order`): shard
    by shard, by id inside a shard. Shard ``k`` of every published config gets a file, empty
    where the shard has no rows of that config, so that the shards of all configs line up;
    an optional config without a single row in the corpus gets none.
    """

    def __init__(
        self, data_dir: Path, pair: LanguagePair, signature: BuildSignature, shards: int = 1, validate: bool = True
    ) -> None:
        if shards < 1:
            raise ValueError(f"shards must be at least 1, not {shards}")
        self.data_dir = data_dir
        self.pair = pair
        self.configs = config_names(pair)
        self.signature = signature
        self.shards = shards
        self.validate = validate
        self._shard = 0
        self._last_id: str | None = None
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list] = {config: [] for config in self.configs}
        self._rows: dict[str, int] = {config: 0 for config in self.configs}
        self._unflushed_documents = 0
        _do("create the staging folder", lambda: data_dir.mkdir(parents=True, exist_ok=True))

    def path(self, config: str, shard: int = 0) -> Path:
        """Where shard ``shard`` of ``config`` is written."""
        return self.data_dir / config / shard_name(shard)

    def add(self, records: Corpus) -> None:
        """Queue one document's records for their shard, validating them first unless the
        writer was made with ``validate=False`` (a build validates in its workers)."""
        if records.pair != self.pair:
            raise CorpusError(
                ", ".join(d["id"] for d in records.documents) or "build",
                f"a {records.pair} document in a {self.pair} corpus",
                code="E218",
                hint="build documents of one pair, their languages listed in the same order, into one corpus",
            )
        problems = validate_corpus(records) if self.validate else []
        shard = shard_of(records.documents[0]["id"], self.shards) if records.documents else self._shard
        if shard < self._shard:
            raise ValueError(f"a document of shard {shard} after shard {self._shard}: documents out of publishing order")
        while self._shard < shard:
            self._close_shard()
            self._shard += 1
            self._last_id = None
        for document in records.documents:
            if document["id"] == self._last_id:
                problems.append(Problem("documents", document["id"], "/id", "a document with this id was already published"))
            elif self._last_id is not None and document["id"] < self._last_id:
                raise ValueError(f"document {document['id']} after {self._last_id}: documents out of publishing order")
            self._last_id = document["id"]
        if problems:
            _raise_problems(problems, "build")
        for config, rows in records.config_rows().items():
            self._buffers[config].extend(rows)
            self._rows[config] += len(rows)
        self._unflushed_documents += 1
        if self._unflushed_documents >= DOCUMENTS_PER_GROUP:
            self._flush_all()

    def _open(self, config: str, shard: int | None = None) -> pq.ParquetWriter:
        path = self.path(config, self._shard if shard is None else shard)
        schema = with_signature(config_arrow_schema(config, self.pair), self.signature)
        path.parent.mkdir(exist_ok=True)
        return pq.ParquetWriter(path, schema, **_WRITER_OPTIONS)

    def _flush_all(self) -> None:
        for config in self.configs:
            self._flush(config)
        self._unflushed_documents = 0

    def _flush(self, config: str) -> None:
        rows = self._buffers[config]
        if not rows:
            return
        if config not in self._writers:
            # An optional config's first rows: the shards before this one get their empty files now.
            for earlier in range(self._shard):
                if not self.path(config, earlier).exists():
                    _do(f"write {config}", lambda earlier=earlier: self._open(config, earlier).close())  # type: ignore[misc]
            self._writers[config] = _do(f"write {config}", lambda: self._open(config))
        table = config_table(config, self.pair, rows, self.signature)
        _do(f"write {config}", lambda: self._writers[config].write_table(table))
        self._buffers[config] = []

    def _close_shard(self) -> None:
        """Write what the current shard still holds and close its files; every config that has
        rows so far (every core config) gets its file of this shard, empty if need be."""
        self._flush_all()
        for config in self.configs:
            if config not in self._writers and (self._rows[config] or config not in OPTIONAL_CONFIGS):
                self._writers[config] = _do(f"write {config}", lambda config=config: self._open(config))  # type: ignore[misc]
            if config in self._writers:
                _do(f"write {config}", self._writers.pop(config).close)

    def close(self) -> dict[str, ConfigSize]:
        """Write what is left, close the files, and return the size of each published config."""
        while True:
            self._close_shard()
            if self._shard + 1 >= self.shards:
                break
            self._shard += 1
        sizes = published_sizes(self.data_dir, self.pair)
        for config, size in sizes.items():
            if size.rows != self._rows[config]:
                raise CorpusError(
                    str(self.data_dir / config), f"holds {size.rows} rows, {self._rows[config]} were written",
                    code="E401", hint="the disk or another process interfered; build again",
                )
        return sizes


def config_files(snapshot_dir: Path, config: str) -> list[Path]:
    """The shard files of ``config`` in a snapshot folder, in shard order."""
    folder = snapshot_dir / config
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def published_sizes(snapshot_dir: Path, pair: LanguagePair) -> dict[str, ConfigSize]:
    """Rows and loaded size in bytes of each config in a snapshot folder (a corpus of ``pair``).

    Raises :class:`CorpusError` when a file's schema is not the one its config defines.
    """
    sizes: dict[str, ConfigSize] = {}
    for config in config_names(pair):
        files = config_files(snapshot_dir, config)
        if not files:
            continue
        expected = config_arrow_schema(config, pair)
        rows = size = 0
        for path in files:
            schema = pq.read_schema(path)
            # Types and the features kept in the schema metadata; Parquet renames list children.
            # The build signature is not part of the config's schema (validate compares it).
            if not schema.equals(expected) or without_signature(schema.metadata) != expected.metadata:
                raise CorpusError(
                    str(path),
                    f"schema differs from the {config} record schema",
                    code="E402",
                    hint="rebuild the corpus with this bicorpus",
                )
            # ``datasets`` builds a split file by file, so its num_bytes is the files' sum.
            rows += pq.read_metadata(path).num_rows
            size += loaded_num_bytes(path, expected)
        sizes[config] = ConfigSize(rows, size)
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



def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def snapshot_manifest(
    snapshot_dir: Path, pair: LanguagePair, signature: BuildSignature, shards: int = 1
) -> dict[str, Any]:
    """The manifest of the files in a snapshot folder: the format, the pair, the number of
    shards, every config's files in shard order (path relative to the folder, rows, SHA-256)
    and the build signature. No time and no absolute path, so the same files give the same
    manifest."""
    configs = []
    for config in config_names(pair):
        files = [
            {"path": path.relative_to(snapshot_dir).as_posix(), "rows": pq.read_metadata(path).num_rows,
             "sha256": file_sha256(path)}
            for path in config_files(snapshot_dir, config)
        ]
        if files:
            configs.append({"name": config, "files": files})
    return {
        "format": MANIFEST_FORMAT, "pair": list(pair), "shard_count": shards, "configs": configs,
        "build_signature": signature.as_dict(),
    }


def manifest_text(manifest: dict[str, Any]) -> str:
    """The bytes ``manifest.json`` holds (sorted keys, indented, one final newline)."""
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def snapshot_version(manifest: dict[str, Any]) -> str:
    """The snapshot folder's name: ``v-`` and the start of the manifest's canonical SHA-256."""
    return f"v-{canonical_sha256(manifest)[:VERSION_HEX]}"


def read_manifest(snapshot_dir: Path) -> dict[str, Any]:
    """The manifest of a snapshot folder, its shape checked (E422 when missing or not one)."""
    path = snapshot_dir / MANIFEST_NAME

    def refuse(what: str) -> CorpusError:
        return CorpusError(str(path), what, code="E422", hint="rebuild the corpus with this bicorpus (bicorpus build)")

    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise refuse("missing: the card names this snapshot folder, but it holds no manifest") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise refuse(f"cannot be read as JSON: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise refuse(f"is not a bicorpus manifest of format {MANIFEST_FORMAT}")
    try:
        LanguagePair(*manifest["pair"])
        for entry in manifest["configs"]:
            assert isinstance(entry["name"], str) and entry["files"]
            for file in entry["files"]:
                relative = Path(file["path"])
                assert not relative.is_absolute() and ".." not in relative.parts
                assert isinstance(file["rows"], int) and isinstance(file["sha256"], str)
        assert isinstance(manifest["build_signature"], dict)
        shards = manifest.get("shard_count", 1)
        assert isinstance(shards, int) and shards >= 1, "shard_count"
    except (AssertionError, KeyError, TypeError, ValueError) as error:
        raise refuse(f"does not have the fields of a bicorpus manifest ({error!r})") from None
    return manifest


@dataclass(frozen=True)
class Snapshot:
    """A published corpus as a reader finds it: its card, the card's front matter, the
    snapshot folder the card names, and that folder's manifest."""

    card_path: Path
    front_matter: dict[str, Any]
    version_dir: Path
    manifest: dict[str, Any]

    @property
    def pair(self) -> LanguagePair:
        """The corpus's language pair (source first)."""
        return LanguagePair(*self.manifest["pair"])

    @property
    def shard_count(self) -> int:
        """How many shards each config is split into (1 in manifests written before sharding)."""
        count: int = self.manifest.get("shard_count", 1)
        return count

    def configs(self) -> list[str]:
        """The configs the manifest lists, in its order."""
        return [entry["name"] for entry in self.manifest["configs"]]

    def files(self, config: str) -> list[Path]:
        """The shard files of ``config`` the manifest lists (empty for a config it lacks)."""
        for entry in self.manifest["configs"]:
            if entry["name"] == config:
                return [self.version_dir / file["path"] for file in entry["files"]]
        return []

    def parquet_files(self) -> list[Path]:
        """Every Parquet file of the snapshot, config by config."""
        return [path for config in self.configs() for path in self.files(config)]


def _absolute(path: Path) -> Path:
    # Normalized without following symlinks: a data/ that is a symlink stays inside OUT.
    return Path(os.path.abspath(path))


def _points_into(card: Path, front: dict[str, Any], folder: Path) -> bool:
    """Whether some data file of the card at ``card`` lies in ``folder``."""
    targets = (_absolute(folder), folder.resolve())
    for patterns in card_data_paths(front).values():
        for pattern in patterns:
            where = card.parent / pattern
            if any(candidate.is_relative_to(target) for candidate in (_absolute(where), where.resolve()) for target in targets):
                return True
    return False


def _find_card(folder: Path) -> tuple[Path, dict[str, Any]]:
    own = folder / CARD_NAME
    if own.is_file():
        return own, _read_card(own)
    for above in _absolute(folder).parents:
        card = above / CARD_NAME
        if not card.is_file():
            continue
        try:
            front = _read_card(card)
        except CorpusError:
            continue  # a broken README above is not this corpus's card as far as anyone can tell
        if _points_into(card, front, folder):
            return card, front
    raise CorpusError(
        str(folder), f"no dataset card: neither {own} nor a README.md in a folder above whose data files point here",
        code="E420", hint="name a corpus folder built by bicorpus build (it holds README.md and data/), or build one",
    )


def _read_card(card: Path) -> dict[str, Any]:
    try:
        text = card.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(
            str(card), f"cannot be read: {error}", code="E420", hint="make the card a readable UTF-8 file"
        ) from None
    return split_card(text, str(card))[0]


def published_snapshot(folder: Path) -> Snapshot:
    """The published corpus in ``folder`` (a dataset folder, or its ``data/`` folder), found
    from its card the way ``datasets`` finds it: the card, its front matter, the one snapshot
    folder its data files name, and that folder's manifest.

    Raises :class:`CorpusError`: E420 no card, E421 the card's data files do not name one
    snapshot folder, E422 the manifest is missing or not one.
    """
    card, front = _find_card(folder)
    snapshots: set[Path] = set()
    for config, patterns in card_data_paths(front).items():
        for pattern in patterns:
            where = _absolute(card.parent / pattern)
            snapshot_name = where.parent.parent.name
            if where.name != "*.parquet" or where.parent.name != config or not VERSION_PATTERN.fullmatch(snapshot_name):
                raise CorpusError(
                    str(card), f"config {config}'s data file {pattern!r} is not <data>/<version>/{config_glob(config)}",
                    pointer="/configs", code="E421",
                    hint="rebuild the corpus with this bicorpus (bicorpus build); it writes the card's data paths",
                )
            snapshots.add(where.parent.parent)
    if len(snapshots) != 1:
        found = ", ".join(sorted(str(path) for path in snapshots)) or "none"
        raise CorpusError(
            str(card), f"the data files of its configs must name one snapshot folder; they name {found}",
            pointer="/configs", code="E421", hint="rebuild the corpus with this bicorpus (bicorpus build)",
        )
    (version_dir,) = snapshots
    return Snapshot(card, front, version_dir, read_manifest(version_dir))


def published_pair(folder: Path) -> LanguagePair:
    """The language pair of the corpus published in ``folder`` (from its manifest)."""
    return published_snapshot(folder).pair


def _missing(path: Path) -> CorpusError:
    return CorpusError(
        str(path), "missing (its snapshot's manifest or the record configs need it)", code="E403",
        hint="rebuild the corpus; files of a published snapshot must not be moved or deleted",
    )


def _snapshot_streams(snapshot: Snapshot) -> dict[str, list[Path]]:
    """Config -> its files, for every config a reader reads; E403 when a file is missing."""
    files: dict[str, list[Path]] = {}
    for config in config_names(snapshot.pair):
        paths = snapshot.files(config)
        if not paths and config not in OPTIONAL_CONFIGS:
            raise _missing(snapshot.version_dir / config)
        for path in paths:
            if not path.is_file():
                raise _missing(path)
        if paths:
            files[config] = paths
    return files


def _class_names(feature: datasets.ClassLabel, codes: pa.Array) -> pa.Array:
    """Class-label integers as their names (-1 as null) in Arrow, or ``KeyError`` for a
    null or an integer that is not a label, as decoding one value at a time would refuse."""
    names: list[str] = list(feature.names)
    low, high = pc.min_max(codes).values() if len(codes) else (pa.scalar(0), pa.scalar(0))
    if codes.null_count or (low.as_py() is not None and (low.as_py() < -1 or high.as_py() >= len(names))):
        raise KeyError(f"class-label integers {low}..{high} (or a null) outside -1..{len(names) - 1}")
    indices = pc.if_else(pc.equal(codes, -1), len(names), codes)
    return pa.array([*names, None], pa.string()).take(indices)


def _decoded_column(feature: Any, column: pa.Array) -> list[Any]:
    """One column's values as :func:`bicorpus.features.decode_row` gives them. Class labels,
    alone or in a list (themes, NER tags), are mapped in Arrow before the values become Python
    objects; anything else holding one is mapped value by value."""
    if isinstance(feature, datasets.ClassLabel):
        return _class_names(feature, column).to_pylist()
    if (
        isinstance(feature, datasets.List) and isinstance(feature.feature, datasets.ClassLabel)
        and isinstance(column, pa.ListArray)
    ):
        decoded = pa.ListArray.from_arrays(
            column.offsets, _class_names(feature.feature, column.values),
            mask=column.is_null() if column.null_count else None,
        )
        return decoded.to_pylist()
    decoder = value_converter(feature, to_storage=False)
    values = column.to_pylist()
    return values if decoder is None else [decoder(value) for value in values]


def _decoded_rows(batch: pa.RecordBatch, config: str, pair: LanguagePair) -> list[dict[str, Any]]:
    """The rows of ``batch`` (a file of ``config``'s schema) as
    :func:`bicorpus.features.decode_row` gives them, decoded a column at a time: a row-by-row
    walk of every value took most of the time of reading a corpus."""
    features = config_features(config, pair)
    columns = []
    for name, feature in features.items():
        index = batch.schema.get_field_index(name)
        if index < 0:
            raise KeyError(name)
        columns.append(_decoded_column(feature, batch.column(index)))
    names = list(features)
    return [dict(zip(names, row)) for row in zip(*columns)] if columns else [{} for _ in range(batch.num_rows)]


def _config_rows(paths: list[Path], config: str, pair: LanguagePair) -> Iterator[dict[str, Any]]:
    """The decoded rows of one config's files, read a batch at a time (memory bounded by a batch)."""
    for path in paths:
        try:
            parquet = pq.ParquetFile(path)
            for batch in parquet.iter_batches(batch_size=_READ_BATCH_ROWS):
                yield from _decoded_rows(batch, config, pair)
        except (pa.ArrowException, OSError) as error:
            raise CorpusError(
                str(path), f"not a readable Parquet file: {error}", code="E404", hint="rebuild the corpus"
            ) from None
        except (KeyError, ValueError) as error:
            raise CorpusError(
                str(path), f"rows do not match the {config} record schema: {error}", code="E402",
                hint="rebuild the corpus with this bicorpus",
            ) from None


#: Rows decoded at a time when streaming a published config.
_READ_BATCH_ROWS = 1024


def shard_rows(path: Path, config: str, pair: LanguagePair) -> Iterator[dict[str, Any]]:
    """The decoded rows of one shard file of ``config``, a batch at a time (E404 unreadable,
    E402 rows that are not the config's); for readers that stream shard by shard."""
    return _config_rows([path], config, pair)


def iter_published(folder: Path) -> Iterator[Corpus]:
    """The records of the corpus published in ``folder`` one document at a time, in document order.

    ``folder`` is a dataset folder or its ``data/`` folder; the files read are those of the
    snapshot its card names (:func:`published_snapshot`). Every config is read in batches
    alongside the others (each config's rows are in document order, as the build writes
    them), so memory holds one document's records and a batch per config, whatever the
    corpus's size. Rows naming a document that is not next in ``documents`` are an error
    (E411): the files are not ones a build wrote.
    """
    snapshot = published_snapshot(folder)
    pair = snapshot.pair
    streams = {config: _config_rows(paths, config, pair) for config, paths in _snapshot_streams(snapshot).items()}
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
                str(snapshot.version_dir / config),
                f"row {row['id']!r} names document {row['document']!r}, which is not where the documents config "
                "has it (rows out of document order, or of no published document)",
                code="E411",
                hint="rebuild the corpus; files written by bicorpus build keep every config in document order",
            )


def read_data(folder: Path) -> Corpus:
    """Read the corpus published in ``folder`` (a dataset folder or its ``data/``) back into records."""
    snapshot = published_snapshot(folder)
    corpus = Corpus(snapshot.pair)
    streams = _snapshot_streams(snapshot)
    for config, rows in corpus.config_rows().items():
        if config in streams:
            rows.extend(_config_rows(streams[config], config, snapshot.pair))
    return corpus


# --- Building: the lock, leftovers, and the one atomic step ------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return True  # cannot tell: assume alive, never take a live build's lock
    return True


def _lock_holder(text: str) -> dict[str, Any] | None:
    try:
        holder = json.loads(text)
        return holder if isinstance(holder, dict) and isinstance(holder.get("pid"), int) else None
    except ValueError:
        return None


def _describe_holder(holder: dict[str, Any] | None) -> str:
    if holder is None:
        return "a build whose lock file cannot be read"
    return f"pid {holder['pid']} on {holder.get('host')}, started {holder.get('started')}"


def _take_lock(path: Path) -> list[str]:
    """Create the lock file (O_EXCL: exactly one build succeeds); a lock left by a process that
    is dead on this host is taken over, with a warning. Returns the warnings."""
    mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
    warnings: list[str] = []
    for _attempt in range(2):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            text = path.read_text(encoding="utf-8", errors="replace")
            holder = _lock_holder(text)
            stale = holder is not None and holder.get("host") == socket.gethostname() and not _pid_alive(holder["pid"])
            if not stale:
                raise CorpusError(
                    str(path), f"another build is publishing into {path.parent} ({_describe_holder(holder)})",
                    code="E427", hint=f"wait for it to end; if no build is running, delete {path}",
                ) from None
            # Move the stale lock aside under a name of our own, and take it over only if what
            # was moved is still the stale lock (another build may have taken it over meanwhile).
            aside = path.with_name(f"{path.name}.stale-{secrets.token_hex(4)}")
            os.rename(path, aside)
            if aside.read_text(encoding="utf-8", errors="replace") != text:
                os.rename(aside, path)
                continue
            aside.unlink()
            warnings.append(f"took over the lock of a build that is no longer running ({_describe_holder(holder)})")
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(mine + "\n")
        return warnings
    raise CorpusError(
        str(path), "another build took the lock at the same moment", code="E427", hint="wait for it to end, then build again"
    )


@contextmanager
def build_lock(out_dir: Path) -> Iterator[list[str]]:
    """Hold ``OUT/.bicorpus-build.lock`` while the block runs; yields the warnings to print
    (a stale lock taken over, a lock that could not be removed)."""
    path = out_dir / LOCK_NAME
    warnings = _do("take the build lock", lambda: _take_lock(path))
    try:
        yield warnings
    finally:
        try:
            _do("remove the build lock", path.unlink)
        except _StepFailed as failed:
            warnings.append(f"could not remove {path} ({failed.error.strerror or failed.error}); the next build takes it over")


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a folder's entries (a rename, a new file) durable; a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EISDIR, errno.EINVAL):
            return  # Windows and some file systems: folders cannot be opened or synced
        raise
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(descriptor)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            _fsync_file(path)
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        _fsync_dir(path)
    _fsync_dir(folder)


def _write_synced(path: Path, text: str) -> None:
    """Write a new file (refusing to follow an existing name) and sync its bytes to disk."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


@dataclass(frozen=True)
class _References:
    """What a card points at inside ``OUT/data``: snapshot folder names and old-layout files."""

    versions: frozenset[str]
    legacy_files: frozenset[Path]


def _card_references(card_path: Path, data_root: Path) -> _References | None:
    """What the card at ``card_path`` points at in ``data_root``; None when it cannot be read
    (then nothing is taken for unreferenced, and nothing is deleted)."""
    if not card_path.is_file():
        return _References(frozenset(), frozenset())
    try:
        front = split_card(card_path.read_text(encoding="utf-8"), str(card_path))[0]
    except (CorpusError, OSError, UnicodeDecodeError):
        return None
    root = _absolute(data_root)
    versions, legacy = set(), set()
    for config, patterns in card_data_paths(front).items():
        for pattern in patterns:
            where = _absolute(card_path.parent / pattern)
            if not where.is_relative_to(root):
                continue
            parts = where.relative_to(root).parts
            if len(parts) >= 2 and VERSION_PATTERN.fullmatch(parts[0]):
                versions.add(parts[0])
            elif parts == (f"{config}.parquet",):
                legacy.add(data_root / parts[0])
    return _References(frozenset(versions), frozenset(legacy))


def _is_snapshot(path: Path) -> bool:
    """A folder bicorpus wrote as a snapshot: the version name and a manifest of ours."""
    if not (VERSION_PATTERN.fullmatch(path.name) and path.is_dir() and not path.is_symlink()):
        return False
    try:
        read_manifest(path)
    except CorpusError:
        return False
    return True


def _remove_leftovers(out_dir: Path, data_root: Path, card_path: Path, keep: _References | None) -> list[str]:
    """Remove what killed builds left, returning a warning for each thing that stays.

    Removed: ``data/.staging-*`` folders, snapshots the card does not name (only folders
    holding a bicorpus manifest; none when the card cannot be read), the temporary card
    files of killed builds, and the staging folders of the previous publishing scheme.
    """
    doomed: list[Path] = []
    if data_root.is_dir():
        for path in sorted(data_root.iterdir()):
            staging = path.name.startswith(STAGING_PREFIX) and path.is_dir() and not path.is_symlink()
            if staging or (keep is not None and path.name not in keep.versions and _is_snapshot(path)):
                doomed.append(path)
    if out_dir.is_dir():
        doomed += [
            p for p in sorted(out_dir.iterdir()) if p.name.startswith(_LEGACY_LEFTOVERS) and p.is_dir() and not p.is_symlink()
        ]
    if card_path.parent.is_dir():
        doomed += sorted(card_path.parent.glob(f".{card_path.name}{_CARD_TEMP_INFIX}*"))
    warnings = []
    for path in doomed:
        try:
            _do("remove a leftover of an earlier build", lambda path=path: _remove(path))  # type: ignore[misc]
        except _StepFailed as failed:
            warnings.append(f"could not remove {path}, left by an earlier build ({failed.error.strerror or failed.error})")
    return warnings


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _snapshot_intact(snapshot_dir: Path, text: str) -> bool:
    """Whether ``snapshot_dir`` holds exactly the manifest ``text`` and the files it lists."""
    try:
        if (snapshot_dir / MANIFEST_NAME).read_text(encoding="utf-8") != text:
            return False
        manifest = json.loads(text)
        listed = {file["path"]: file["sha256"] for entry in manifest["configs"] for file in entry["files"]}
        present = {p.relative_to(snapshot_dir).as_posix() for p in snapshot_dir.rglob("*") if p.is_file()}
        return present == {*listed, MANIFEST_NAME} and all(file_sha256(snapshot_dir / p) == h for p, h in listed.items())
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _install(staging: Path, target: Path, text: str) -> bool:
    """Move the staged snapshot to its version folder; an intact identical one there is kept.
    Returns whether ``target`` is new (a folder no card can point at yet)."""
    if target.exists() and _snapshot_intact(target, text):
        _do("remove the staging folder", lambda: shutil.rmtree(staging))  # a rebuild of unchanged sources
        return False
    if target.exists():
        # Same name, other bytes: a damaged copy of this very snapshot. Set it aside (under a
        # staging name, so a kill here leaves only a leftover) and put the good one in place.
        aside = target.with_name(f"{STAGING_PREFIX}{secrets.token_hex(6)}-damaged")
        _do("set aside a damaged snapshot", lambda: os.rename(target, aside))
        _do("install the snapshot", lambda: os.rename(staging, target))
        _do("remove a damaged snapshot", lambda: shutil.rmtree(aside))
        return False
    _do("install the snapshot", lambda: os.rename(staging, target))
    return True


def check_destination(out_dir: Path, card_path: Path) -> None:
    """Refuse, before anything is built, an ``--out`` that is not a folder and a card path
    that is not a file (E428, E429)."""
    for path in (out_dir, *out_dir.parents):
        if path.exists() or path.is_symlink():
            if not path.is_dir():
                raise CorpusError(
                    str(out_dir), f"{path} is not a folder, so the corpus cannot be published into {out_dir}",
                    code="E428", hint="name a folder (new or existing) with --out",
                )
            break
    if card_path.is_dir():
        raise CorpusError(
            str(card_path), "is a folder, not a file, so the dataset card cannot be written there", code="E429",
            hint="move the folder away or name another card file with --card",
        )


def publish(
    documents: Iterable[Corpus],
    pair: LanguagePair,
    out_dir: Path,
    card_path: Path,
    card_text_for: CardWriter,
    signature: BuildSignature,
    *,
    shards: int = 1,
    validated: bool = False,
) -> Published:
    """Validate and write the records of ``documents`` as a new snapshot, then publish it by
    replacing the card in one atomic step (the module docstring lists the steps).

    ``documents`` yields one document's records at a time (see
    :func:`bicorpus.corpus_build.build_corpus`), all of the language ``pair``, in publishing
    order for ``shards`` shards (:func:`bicorpus.sharding.publishing_order`). Each document is
    validated before it is written unless ``validated`` says it already was (a build validates
    in its workers). If any document fails validation, :class:`CorpusError` lists its first
    problems; if the disk fails before
    the card is replaced, it is E431. Either way the published corpus (the card and every file
    it points at) is unchanged. ``card_text_for(sizes, version)`` returns the card's full
    text; ``signature`` goes into every Parquet file's schema metadata and the manifest.
    """
    check_destination(out_dir, card_path)
    data_root = out_dir / DATA_FOLDER
    committed = False
    installed: Path | None = None  # a new snapshot folder, until the card names it
    try:
        _do("create the output folder", lambda: data_root.mkdir(parents=True, exist_ok=True))
        with build_lock(out_dir) as warnings:
            test_hook("locked")
            previous = _card_references(card_path, data_root)
            warnings += _remove_leftovers(out_dir, data_root, card_path, previous)
            staging = data_root / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
            temp_card = card_path.with_name(f".{card_path.name}{_CARD_TEMP_INFIX}{secrets.token_hex(6)}")
            try:
                writer = DatasetWriter(staging, pair, signature, shards, validate=not validated)
                for records in documents:
                    writer.add(records)
                sizes = writer.close()
                manifest = snapshot_manifest(staging, pair, signature, shards)
                version, text = snapshot_version(manifest), manifest_text(manifest)
                _do("write the manifest", lambda: _write_synced(staging / MANIFEST_NAME, text))
                _do("sync the snapshot", lambda: _fsync_tree(staging))
                test_hook("staged")
                if _install(staging, data_root / version, text):
                    installed = data_root / version
                _do("sync the data folder", lambda: _fsync_dir(data_root))
                test_hook("installed")
                card_text = card_text_for(sizes, version)
                _do("create the card's folder", lambda: card_path.parent.mkdir(parents=True, exist_ok=True))
                _do("write the new card", lambda: _write_synced(temp_card, card_text))
                test_hook("card-written")
                _do("replace the card", lambda: os.replace(temp_card, card_path))
                committed = True
                test_hook("card-replaced")
                _do("sync the card's folder", lambda: _fsync_dir(card_path.parent))
            finally:
                # A failed build takes back the snapshot it installed (no card names it), so
                # the folder is as it was; what a kill leaves, the next build removes.
                if installed is not None and not committed and previous is not None and installed.name not in previous.versions:
                    shutil.rmtree(installed, ignore_errors=True)
                for leftover in (staging, temp_card):
                    if leftover.exists():
                        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
            warnings += _remove_previous(data_root, previous, version)
        return Published(sizes, version, warnings)
    except _StepFailed as failed:
        raise _step_error(failed, data_root, committed) from None


def _remove_previous(data_root: Path, previous: _References | None, version: str) -> list[str]:
    """After the new card is in place: delete what the previous card pointed at, and only that."""
    if previous is None:
        return []
    doomed = [data_root / name for name in sorted(previous.versions - {version}) if _is_snapshot(data_root / name)]
    doomed += [path for path in sorted(previous.legacy_files) if path.is_file() and not path.is_symlink()]
    warnings = []
    for path in doomed:
        try:
            _do("remove the previous snapshot", lambda path=path: _remove(path))  # type: ignore[misc]
        except _StepFailed as failed:
            warnings.append(
                f"the new corpus is published, but {path} of the previous one could not be removed "
                f"({failed.error.strerror or failed.error}); the next build removes it"
            )
    return warnings


def _step_error(failed: _StepFailed, data_root: Path, committed: bool) -> CorpusError:
    error = failed.error
    where = str(error.filename) if error.filename is not None else str(data_root)
    reason = error.strerror or str(error) or type(error).__name__
    if committed:
        return CorpusError(
            where, f"the new corpus is published, but the build could not {failed.step}: {reason}", code="E432",
            hint="check the disk; bicorpus validate checks the corpus, and building again makes sure it is on disk",
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "free some disk space and build again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = f"make {data_root} and the card's folder writable and build again"
    else:
        todo = "fix the cause and build again"
    return CorpusError(
        where, f"could not {failed.step}: {reason}; nothing was published", code="E431",
        hint=f"{todo} (the corpus published before is unchanged)",
    )


def _raise_problems(problems: list[Problem], stage: str) -> None:
    shown = "; ".join(str(p) for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    raise CorpusError(
        stage,
        f"{len(problems)} validation problem(s), nothing published: {shown}{more}",
        code="E405",
        hint="fix the sources the problems point to and build again",
    )
