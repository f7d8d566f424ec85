"""The records of a published corpus validated as a stream: shard by shard, document by document.

``bicorpus validate`` reads shard ``k`` of every config together (the files
``<config>/part-NNNNN.parquet`` of one shard hold the rows of the same documents, each config
in document order) and hands each document's records to
:func:`bicorpus.validate.validate_corpus`, so memory holds one document and a batch of rows
per config, whatever the size of the corpus, and time grows linearly with it.

What a document-at-a-time check cannot see is checked while streaming, in O(1) memory:

* every document is in the shard :func:`bicorpus.sharding.shard_of` gives its id, and ids rise
  strictly inside a shard, so no id is repeated anywhere in the corpus (a repeat in another
  shard is in the wrong shard);
* every row's document is the document being read: a row naming another document (rows out
  of document order, or of a document that is not in the shard) is a problem, reported once
  per run of such rows, and the rows are not validated further;
* every row id starts with its document's id (checked by ``validate_corpus``), so row ids,
  unique inside their document, are unique in the corpus too.

Shards are independent, so ``--jobs N`` validates up to N of them at once in worker processes;
problems are reported in shard order and stream order inside a shard whatever N is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bicorpus.engine import LocalEngine
from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus, config_names
from bicorpus.sharding import shard_of
from bicorpus.validate import Problem, validate_corpus

if TYPE_CHECKING:
    from bicorpus.publish import Snapshot

_SHARD_FILE = re.compile(r"part-([0-9]{5,})\.parquet")


@dataclass(frozen=True)
class Shard:
    """Shard ``number`` of ``count``: the file of each config that has one in this shard."""

    number: int
    count: int
    files: dict[str, Path]


def snapshot_shards(snapshot: Snapshot) -> tuple[list[Shard], list[Problem]]:
    """The shards of a snapshot as its manifest lists them (``shard_count``, 1 when absent),
    and a problem for each listed file that is not a shard of it (its rows are not read)."""
    count = snapshot.shard_count
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return [], [Problem("manifest", "shard_count", "/shard_count", f"is {count!r}, not a number of shards (1 or more)")]
    files: list[dict[str, Path]] = [{} for _ in range(count)]
    problems: list[Problem] = []
    for config in config_names(snapshot.pair):
        for path in snapshot.files(config):
            match = _SHARD_FILE.fullmatch(path.name)
            if match is None or int(match[1]) >= count or path.parent.name != config:
                problems.append(Problem(
                    config, path.name, "", f"is not a shard file {config}/part-NNNNN.parquet of the snapshot's {count} "
                    "shard(s): its rows are not read",
                ))
                continue
            files[int(match[1])][config] = path
    return [Shard(number, count, shard_files) for number, shard_files in enumerate(files)], problems


def _misplaced(config: str, shard: int, rows: list[dict[str, Any]]) -> Problem:
    """The problem of a run of rows that name the same document, which is not the one read."""
    owner = rows[0].get("document")
    return Problem(
        config, str(rows[0].get("id")), "/document",
        f"names document {owner!r}, which is not the document of shard {shard} at this point "
        f"({len(rows)} row{'' if len(rows) == 1 else 's'}): rows out of document order, or of a document that is "
        "not in this shard",
    )


class _ConfigStream:
    """One config's rows of a shard, read ahead by one row, with runs of misplaced rows gathered."""

    def __init__(self, config: str, shard: int, rows: Iterator[dict[str, Any]]) -> None:
        self.config, self.shard, self.rows = config, shard, rows
        self.next = next(rows, None)

    def take(self, document: str | None, into: list[Any], problems: list[Problem]) -> None:
        """Move the rows of ``document`` at the head of the stream ``into`` its list, stopping at
        the first row of a later document (ids rise inside a shard); rows of no later document
        met on the way are reported, one problem per run of rows naming the same document.
        ``document`` None (the end of the shard) reports every row that is left."""
        run: list[dict[str, Any]] = []
        while self.next is not None:
            owner = self.next.get("document")
            if document is not None and owner == document:
                into.append(self.next)
            elif document is not None and isinstance(owner, str) and owner > document:
                break
            else:
                if run and run[0].get("document") != owner:
                    problems.append(_misplaced(self.config, self.shard, run))
                    run = []
                run.append(self.next)
            self.next = next(self.rows, None)
        if run:
            problems.append(_misplaced(self.config, self.shard, run))


def shard_documents(shard: Shard, pair: LanguagePair) -> Iterator[Corpus | list[Problem]]:
    """The records of each document of ``shard`` in turn, read from its files (see
    :func:`group_by_document`)."""
    # Imported here: publish imports validate, which this module builds on.
    from bicorpus.publish import shard_rows

    documents = shard.files.get("documents")
    return group_by_document(
        shard.number, shard.count, pair,
        shard_rows(documents, "documents", pair) if documents is not None else iter(()),
        {config: shard_rows(path, config, pair) for config, path in shard.files.items() if config != "documents"},
    )


def group_by_document(
    shard: int, count: int, pair: LanguagePair,
    documents: Iterator[dict[str, Any]], configs: dict[str, Iterator[dict[str, Any]]],
) -> Iterator[Corpus | list[Problem]]:
    """Each document of shard ``shard`` (of ``count``) with its rows of every config, in turn.

    ``documents`` are the shard's document rows, ``configs`` the rows of each other config.
    Before a document comes a list of the problems met while reading it (it is in the wrong
    shard or out of order; rows before its own that name no later document), and after the
    last document a list of the rows left over; a row is either in its document's records or
    counted in a problem, never dropped unseen.
    """
    streams = [_ConfigStream(config, shard, rows) for config, rows in configs.items()]
    previous: str | None = None
    for document in documents:
        doc_id = document.get("id")
        problems: list[Problem] = []
        if isinstance(doc_id, str):
            home = shard_of(doc_id, count)
            if home != shard:
                problems.append(Problem(
                    "documents", doc_id, "/id", f"is in shard {shard}, but shard_of puts it in shard {home} of {count}",
                ))
            if previous is not None and doc_id <= previous:
                what = "repeats the document before it" if doc_id == previous else f"comes after {previous!r}"
                problems.append(Problem("documents", doc_id, "/id", f"{what}: document ids must rise strictly inside a shard"))
            previous = doc_id
        records = Corpus(pair)
        rows = records.config_rows()
        rows["documents"].append(document)
        if isinstance(doc_id, str):  # a document without an id has no rows (and a schema problem)
            for stream in streams:
                stream.take(doc_id, rows[stream.config], problems)
        if problems:
            yield problems
        yield records
    leftovers: list[Problem] = []
    for stream in streams:
        stream.take(None, [], leftovers)
    if leftovers:
        yield leftovers


def validate_shard(shard: Shard, pair: LanguagePair) -> list[Problem]:
    """Every problem of the records of one shard, in the order they were found."""
    problems: list[Problem] = []
    for item in shard_documents(shard, pair):
        problems.extend(item if isinstance(item, list) else validate_corpus(item))
    return problems


def validate_published(snapshot: Snapshot, jobs: int = 1) -> Iterator[Problem]:
    """Every problem of the records of a published corpus, shard by shard (in up to ``jobs``
    processes), in the same order whatever ``jobs`` is. Raises :class:`CorpusError` for a
    file that cannot be read as its config (E402, E404)."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    shards, problems = snapshot_shards(snapshot)
    yield from problems
    pair = snapshot.pair
    workers = min(jobs, len(shards))
    if workers <= 1:
        for shard in shards:
            yield from validate_shard(shard, pair)
        return
    yield from _validate_in_processes(shards, pair, workers)


def _worker_died(shard: str) -> CorpusError:
    return CorpusError(
        shard, "a validating worker process stopped abruptly (killed by a signal or for lack of memory)",
        code="E480", hint="validate again, with fewer --jobs if it recurs",
    )


def _validate_in_processes(shards: list[Shard], pair: LanguagePair, workers: int) -> Iterator[Problem]:
    # Shards come back in shard order, so the problems are in the same order for any --jobs.
    results = LocalEngine(workers, died=_worker_died).map(
        functools.partial(validate_shard, pair=pair), shards, lambda shard: f"shard {shard.number}"
    )
    try:
        for found in results:
            yield from found
    finally:
        results.close()  # an error, Ctrl-C or a reader that stopped: the workers end now
