"""``bicorpus build``: from a sources folder to a published corpus, one document at a time.

The build lists the document folders (names only), learns the corpus's language pair from the
first one's ``meta.yaml``, and plans the publishing order: shard by shard, by id inside a
shard (:mod:`bicorpus.sharding`). An engine (:mod:`bicorpus.engine`: this process, local
processes or a Ray cluster) runs :func:`build_document_folder` on each folder: read it,
build its records (:func:`bicorpus.pipeline.build_document`) and validate them, all in the
worker. Results come back in plan order and stream into the publisher
(:func:`bicorpus.publish.publish`), so memory holds a bounded window of documents, whatever
their number, and the published bytes do not depend on the engine, the number of workers or
the order in which they finish.

Each finished document's records are also kept in the build's cache
(:mod:`bicorpus.document_cache`); with ``resume`` a document whose folder, pair and build
signature are unchanged is read back from there instead of being built again.

A bad document stops the build (``on_error="fail"``, the default: nothing is published) or is
left out (``"skip"``: the others are published and a report names each one left out with its
one-line error). A killed build publishes nothing and leaves the corpus published before as
it was; the documents it finished are in the cache for ``resume``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bicorpus.build_signature import installed_signature
from bicorpus.dataset_card import CorpusFacts, render_card, split_card
from bicorpus.document_cache import DocumentCache, folder_digest
from bicorpus.engine import Engine, LocalEngine
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, EntityTagger, check_entity_tagger
from bicorpus.errors import BicorpusError, CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.pipeline import build_document
from bicorpus.publish import CARD_NAME, DATA_FOLDER, Published, check_destination, publish, test_hook
from bicorpus.records import Corpus
from bicorpus.sentence_aligner.embeddings import set_encoder_threads
from bicorpus.sharding import DOCUMENTS_PER_SHARD, publishing_order, shard_count
from bicorpus.sources import check_pair, declared_pair, discover_documents, read_document
from bicorpus.validate import validate_corpus

OnError = Literal["fail", "skip"]
#: The names ``--on-error`` accepts.
ON_ERROR = ("fail", "skip")
#: The report ``--on-error skip`` writes, in OUT unless ``--report`` names another file.
REPORT_NAME = "build-report.json"


@dataclass(frozen=True)
class DocumentTask:
    """One document to build: its folder, the corpus's pair (set by document ``first``), and
    the entity tagger of the build."""

    folder: Path
    pair: LanguagePair
    first: str
    entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER


@dataclass(frozen=True)
class DocumentOutcome:
    """What building one document gave: its records, or the error that stopped it, and the
    digest of its folder as it was read (None when it could not be read)."""

    document: str
    folder: str
    records: Corpus | None
    error: BicorpusError | None
    sources_digest: str | None


def worker_start(cpus: int) -> None:
    """Run once in each worker process of a build: the encoder's BLAS threads match the CPUs
    the worker is given (two workers on two cores that each spun two threads took about half
    as long again)."""
    set_encoder_threads(cpus)


def build_document_folder(task: DocumentTask) -> DocumentOutcome:
    """Read, build and validate one document (what a worker runs). Never raises for a bad
    document: its error comes back in the outcome, so the build decides what to do."""
    folder = task.folder
    digest = folder_digest(folder)
    try:
        doc = read_document(folder)
        check_pair(doc, task.pair, task.first)
        records = build_document(doc, task.entity_tagger)
        problems = validate_corpus(records)
        if problems:
            shown = "; ".join(str(problem) for problem in problems[:5])
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise CorpusError(
                str(folder), f"{len(problems)} validation problem(s): {shown}{more}", code="E405",
                hint="fix the sources the problems point to and build again",
            )
        return DocumentOutcome(folder.name, str(folder), records, None, digest)
    except BicorpusError as error:
        return DocumentOutcome(folder.name, str(folder), None, error, digest)
    except MemoryError:
        out_of_memory = BicorpusError(
            code="E443", file=str(folder), message="ran out of memory while building this document",
            hint="free memory or build with fewer --jobs; a very long text may need splitting into several documents",
        )
        return DocumentOutcome(folder.name, str(folder), None, out_of_memory, digest)


@dataclass(frozen=True)
class Skipped:
    """A document ``--on-error skip`` left out, and the one-line error it got."""

    document: str
    folder: str
    error: str


@dataclass
class BuildReport:
    """What a build did: documents built, reused from the cache and skipped, and what it published."""

    documents: int = 0
    built: int = 0
    reused: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    #: Things that went wrong without stopping the build (the cache could not be written).
    warnings: list[str] = field(default_factory=list)
    shards: int = 1
    pair: LanguagePair | None = None
    published: Published | None = None

    def as_dict(self) -> dict[str, object]:
        """The report as ``build-report.json`` holds it."""
        return {
            "documents": self.documents,
            "built": self.built,
            "reused": self.reused,
            "skipped": [{"document": s.document, "folder": s.folder, "error": s.error} for s in self.skipped],
            "published": None if self.published is None else self.published.version,
        }


def card_data_prefix(out: Path, card_path: Path) -> str:
    """The card's path to ``OUT/data``, relative to the card's folder (``/``-separated).

    ``datasets`` resolves a card's ``data_files`` from the card's folder, so the card must sit
    in ``OUT`` or in a folder above it; anywhere else is a :class:`CorpusError`. ``OUT`` is
    resolved, not ``OUT/data``: a ``data/`` that is a symlink to another disk stays reachable
    through ``OUT``.
    """
    data = out.resolve() / DATA_FOLDER
    card_folder = card_path.resolve().parent
    if not data.is_relative_to(card_folder):
        raise CorpusError(
            f"--card {card_path}",
            f"is outside {out} and the folders above it, so its data paths cannot reach {out / DATA_FOLDER}",
            code="E408",
            hint=f"put the card in {out} or a folder above it",
        )
    return Path(os.path.relpath(data, card_folder)).as_posix()


def _corpus_pair(folders: list[Path], on_error: OnError) -> tuple[LanguagePair, str]:
    """The pair of the first document (by id) whose metadata reads; with ``fail``, the first's."""
    for folder in folders:
        try:
            return declared_pair(folder), folder.name
        except BicorpusError:
            if on_error == "fail":
                raise
    raise CorpusError(
        str(folders[0].parent), f"none of the {len(folders)} document folders has a readable meta.yaml", code="E444",
        hint="fix the documents' meta.yaml files (build with --on-error fail to see the first error)",
    )


def build_corpus(
    sources: Path,
    out: Path,
    card_path: Path | None = None,
    *,
    engine: Engine | None = None,
    on_error: OnError = "fail",
    resume: bool = False,
    documents_per_shard: int = DOCUMENTS_PER_SHARD,
    report_path: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER,
) -> BuildReport:
    """Build the documents under ``sources`` and publish them into ``out`` (the Python API of
    ``bicorpus build``; the module docstring tells how).

    ``card_path`` defaults to ``OUT/README.md``. ``engine`` defaults to this process.
    ``progress(done, total, document)`` is called as each document is published.
    ``report_path`` is where ``on_error="skip"`` writes its report (default
    ``OUT/build-report.json``). ``entity_tagger`` finds the entities of documents without gold
    ones (:mod:`bicorpus.entity_tagger`; ``statistical`` is checked before anything is built,
    E370–E373). Raises :class:`BicorpusError` for the first bad document
    with ``fail``, and E444 when ``skip`` leaves no document to publish.
    """
    card_path = card_path or out / CARD_NAME
    # Everything that can be refused without building is refused first: a bad --out or card
    # path, and a broken existing card (not only after the whole build).
    check_entity_tagger(entity_tagger)
    check_destination(out, card_path)
    data_prefix = card_data_prefix(out, card_path)
    existing = card_path.read_text(encoding="utf-8") if card_path.is_file() else None
    if existing is not None:
        split_card(existing, str(card_path))

    folders = discover_documents(sources)
    pair, first = _corpus_pair(folders, on_error)
    shards = shard_count(len(folders), documents_per_shard)
    plan = [(shard, sources / name) for shard, name in publishing_order((folder.name for folder in folders), shards)]
    del folders
    signature = installed_signature(entity_tagger)
    cache = DocumentCache(out, pair, signature)
    report = BuildReport(documents=len(plan), shards=shards, pair=pair)
    engine = engine or LocalEngine()
    # Decided once, before anything runs: the engine is given exactly the documents not reused.
    reusable = [_reusable_key(cache, folder) if resume else None for _, folder in plan]
    published_entries: list[tuple[str, str]] = []
    tasks = (
        DocumentTask(folder, pair, first, entity_tagger) for (_, folder), key in zip(plan, reusable, strict=True) if key is None
    )
    # Lazy: nothing runs until the publisher reads; closed in `finally` so that an error or a
    # kill of the publisher ends the workers at once.
    built = engine.map(build_document_folder, tasks, lambda task: str(task.folder))

    def outcomes() -> Iterator[DocumentOutcome]:
        for (_, folder), key in zip(plan, reusable, strict=True):
            records = None if key is None else cache.load(folder.name, key)
            if key is not None and records is not None:
                report.reused += 1
                yield DocumentOutcome(folder.name, str(folder), records, None, None)
                published_entries.append((folder.name, key))
                continue
            # A cache entry that vanished or broke since it was looked up is built here.
            outcome = next(built) if key is None else build_document_folder(DocumentTask(folder, pair, first, entity_tagger))
            report.built += outcome.records is not None
            if outcome.records is not None and outcome.sources_digest is not None and not report.warnings:
                entry_key = cache.key(outcome.sources_digest)
                try:
                    cache.store(outcome.document, entry_key, outcome.records)
                    published_entries.append((outcome.document, entry_key))
                except OSError as error:
                    # The cache only saves time: without it the build goes on (and a full
                    # disk shows where it matters, writing the corpus).
                    report.warnings.append(
                        f"could not keep records in {cache.folder} ({error.strerror or error}); "
                        "this build goes on without its cache, so --resume will not reuse them"
                    )
            yield outcome

    def records() -> Iterator[Corpus]:
        for done, outcome in enumerate(outcomes(), start=1):
            if outcome.error is not None:
                if on_error == "fail":
                    raise outcome.error
                report.skipped.append(Skipped(outcome.document, outcome.folder, str(outcome.error).removeprefix("bicorpus: ")))
            elif outcome.records is not None:
                yield outcome.records
            test_hook(f"document-{done}")
            if progress is not None:
                progress(done, len(plan), outcome.document)
        if not report.built + report.reused:
            raise CorpusError(
                str(sources), f"every one of the {len(plan)} documents failed, so nothing was published", code="E444",
                hint=f"read the errors in {report_path or out / REPORT_NAME} and fix the documents",
            )

    facts = CorpusFacts()
    where = str(card_path)
    try:
        report.published = publish(
            facts.observe(records()), pair, out, card_path,
            lambda sizes, version: render_card(existing, sizes, f"{data_prefix}/{version}", signature, pair, facts, where),
            signature, shards=shards, validated=True,
        )
    finally:
        built.close()
        engine.close()
        if on_error == "skip":
            _write_report(report_path or out / REPORT_NAME, report)
    cache.keep_only(published_entries)
    return report


def _reusable_key(cache: DocumentCache, folder: Path) -> str | None:
    digest = folder_digest(folder)
    if digest is None:
        return None
    key = cache.key(digest)
    return key if cache.has(folder.name, key) else None


def _write_report(path: Path, report: BuildReport) -> None:
    """Write the skip report (to a temporary name, then renamed over the old one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        print(f"bicorpus: warning: could not write the build report {path}: {error.strerror or error}", file=sys.stderr)
