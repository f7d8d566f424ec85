"""How ``bicorpus validate`` scales: wall time and peak memory for corpora of N documents.

    python benchmarks/validate_scaling.py WORK [N ...] [--jobs J]

Building a document takes seconds, so a large corpus is made cheaply: a few distinct
speech-sized documents (:mod:`synthetic_documents`) are built once with ``bicorpus build``,
then their published records are replicated under new document ids, every id and reference
rewritten to the new id, and written as a published snapshot by the project's own publisher
(:func:`bicorpus.publish.publish`, which validates each document as it writes it), in
publishing order for the number of shards the corpus gets (:mod:`bicorpus.sharding`: one per
500 documents). A publisher that writes one shard only gets each shard written by its
:class:`~bicorpus.publish.DatasetWriter` in turn, with the manifest and card written as
publishing writes them. What is made is kept in ``WORK`` and reused by later runs (delete
``WORK`` to make it again).

Each N (default 100, 1000 and 10000) is then validated by ``bicorpus validate`` in a fresh
process, which prints its wall time and peak resident set size (getrusage: the largest of
that process and of any worker it waited for). The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bicorpus.build_signature import installed_signature
from bicorpus.cli import card_data_prefix, main
from bicorpus.dataset_card import CorpusFacts, render_card
from bicorpus.publish import (
    CARD_NAME,
    iter_published,
    publish,
)
from bicorpus.records import Corpus
from bicorpus.sharding import publishing_order, shard_count

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_documents import write_sources

#: Distinct documents built for real; every larger corpus repeats them under other ids.
DISTINCT = 4


def _renamed(value: Any, old: str, new: str) -> Any:
    """``value`` with every string that is the id ``old``, or an id below it (``old/...``),
    made the same string of ``new``."""
    if isinstance(value, str):
        return new + value[len(old) :] if value == old or value.startswith(old + "/") else value
    if isinstance(value, dict):
        return {key: _renamed(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    return value


def renamed_document(records: Corpus, new_id: str) -> Corpus:
    """A copy of one document's records as document ``new_id``."""
    (document,) = records.documents
    old = document["id"]
    copy = Corpus(records.pair)
    for config, rows in records.config_rows().items():
        copy.config_rows()[config].extend(_renamed(row, old, new_id) for row in rows)
    return copy


def templates(work: Path) -> list[Corpus]:
    """The records of :data:`DISTINCT` built synthetic documents (built on the first run)."""
    built = work / "templates"
    if not (built / CARD_NAME).is_file():
        sources = write_sources(work / "sources", DISTINCT)
        if main(["build", "--sources", str(sources), "--out", str(built), "--jobs", "2"]):
            raise SystemExit("building the template documents failed")
    return list(iter_published(built))


def make_corpus(work: Path, documents: int, distinct: list[Corpus]) -> Path:
    """A published corpus of ``documents`` documents under ``work`` (made on the first run)."""
    out = work / f"corpus-{documents}"
    card_path = out / CARD_NAME
    if card_path.is_file():
        return out
    pair = distinct[0].pair
    ids = [f"scale-{number:06d}" for number in range(documents)]
    number_of = {doc_id: number for number, doc_id in enumerate(ids)}
    shards = shard_count(documents)

    def records(shard: int | None = None) -> Iterator[Corpus]:
        for where, doc_id in publishing_order(ids, shards):
            if shard is None or where == shard:
                yield renamed_document(distinct[number_of[doc_id] % len(distinct)], doc_id)

    facts = CorpusFacts()
    signature = installed_signature()
    prefix = card_data_prefix(out, card_path)
    started = time.perf_counter()
    publish(
        facts.observe(records()), pair, out, card_path,
        lambda sizes, version: render_card(None, sizes, f"{prefix}/{version}", signature, pair, facts, str(card_path)),
        signature, shards=shards,
    )
    print(f"made {out}: {documents} documents in {shards} shard(s), {time.perf_counter() - started:.0f} s", flush=True)
    return out


def measure(corpus: Path, jobs: int | None) -> dict[str, Any]:
    """Run ``bicorpus validate`` on ``corpus`` in this process: status, wall time, peak RSS."""
    arguments = ["validate", str(corpus)] + ([] if jobs is None else ["--jobs", str(jobs)])
    started = time.perf_counter()
    status = main(arguments)
    wall = time.perf_counter() - started
    peaks = {who: resource.getrusage(flag).ru_maxrss / 1024 for who, flag in
             (("self", resource.RUSAGE_SELF), ("children", resource.RUSAGE_CHILDREN))}
    return {"status": status, "wall": wall, "peak_self_mib": peaks["self"], "peak_children_mib": peaks["children"]}


def main_benchmark() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="folder for the made corpora (kept for later runs)")
    parser.add_argument("sizes", type=int, nargs="*", default=[100, 1000, 10000], help="numbers of documents")
    parser.add_argument("--jobs", type=int, default=None, help="validate --jobs (default: validate's own default)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        # The child process: its own rusage is the validation's alone.
        print(json.dumps(measure(args.measure, args.jobs)))
        return
    distinct = templates(args.work)
    for documents in args.sizes:
        corpus = make_corpus(args.work, documents, distinct)
        command = [sys.executable, __file__, str(args.work), "--measure", str(corpus)]
        if args.jobs is not None:
            command += ["--jobs", str(args.jobs)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        errors = result.stderr.strip().splitlines()
        print(
            f"documents {documents:>6}  jobs {args.jobs or 'default'}  status {figures['status']}  "
            f"wall {figures['wall']:.1f} s  peak RSS self {figures['peak_self_mib']:.0f} MiB, "
            f"children {figures['peak_children_mib']:.0f} MiB" + (f"  ({errors[-1]})" if figures["status"] else ""),
            flush=True,
        )


if __name__ == "__main__":
    main_benchmark()
