"""CPU cost of the automatic entity annotator per document, rules tagger vs statistical tagger.

    nice -n 19 python benchmarks/entity_tagger_cost.py [N] [SEED]

Writes N synthetic documents (benchmarks/synthetic_documents.py: the speech's sentence pairs
reordered and numbered, no gold files), reads, segments and aligns each once (not timed), then
times only ``annotate_entities`` on each document with ``--entity-tagger rules`` and with
``statistical``, in this one process, as CPU time (``time.process_time``). Loading the spaCy
pipeline (and checking its files) happens once per process and is printed apart; the
statistical figure per document excludes it. Needs the ``ner`` extra for the second row.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bicorpus.auto_entities import annotate_entities
from bicorpus.entity_tagger import check_entity_tagger
from bicorpus.lang import language, registered_languages
from bicorpus.pipeline import align_document
from bicorpus.sources import read_document
from synthetic_documents import write_sources


def run(count: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sources = write_sources(Path(tmp) / "sources", count, seed)
        documents = [align_document(read_document(folder)) for folder in sorted(sources.iterdir())]
    sentences = sum(len(aligned.sentences(aligned.languages[0])) for aligned in documents)
    print(f"documents {count}  source-language sentences {sentences / count:.0f} per document")

    check_entity_tagger("statistical")
    started = time.process_time()
    for code in sorted(registered_languages()):  # load each statistical pipeline once, untimed below
        statistical = language(code).statistical_entities
        if statistical is not None:
            statistical.find("Load.", 0)
    print(f"statistical pipelines: checked and loaded in {time.process_time() - started:.2f} s of CPU (once per process)")

    for tagger in ("rules", "statistical"):
        costs = []
        for aligned in documents:
            doc = aligned.source
            started = time.process_time()
            annotate_entities(doc.texts, aligned.languages, aligned.sentence_bead_spans(), tagger)
            costs.append(time.process_time() - started)
        print(
            f"{tagger:<12} CPU per document: median {statistics.median(costs) * 1000:.0f} ms, "
            f"min {min(costs) * 1000:.0f} ms, max {max(costs) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 5, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
