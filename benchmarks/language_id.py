"""Time of language identification per document, as a build calls it.

    python benchmarks/language_id.py [SOURCES]

For each document folder under SOURCES (default: the shipped corpus's sources), segments both
texts as the pipeline does (paragraphs, then sentences) and times
:func:`bicorpus.check.identify_language` over every paragraph and sentence, best of three
runs; prints the mean, smallest and largest time per document and how many units each method
judged. Pair it with ``benchmarks/synthetic_documents.py`` for more documents.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from bicorpus.check import identify_language
from bicorpus.segment import split_paragraphs, split_sentences
from bicorpus.sources import read_metadata

SOURCES = Path(__file__).resolve().parents[1] / "corpus" / "sources"


def units(folder: Path) -> list[str]:
    """Every paragraph and sentence of the document in ``folder``, both languages."""
    found: list[str] = []
    for lang, entry in read_metadata(folder / "meta.yaml")["languages"].items():
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        for paragraph in split_paragraphs(text):
            found.append(paragraph.text)
            found.extend(sentence.text for sentence in split_sentences(paragraph.text, lang))
    return found


def main(sources: Path) -> None:
    documents = [units(folder) for folder in sorted(sources.iterdir()) if (folder / "meta.yaml").is_file()]
    identify_language("Warm up once, so that loading the model is not timed.")
    times: list[float] = []
    for texts in documents:
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            for text in texts:
                identify_language(text)
            runs.append(time.perf_counter() - started)
        times.append(min(runs))
    methods = Counter(identify_language(text).method for texts in documents for text in texts)
    print(
        f"{len(documents)} documents, {sum(map(len, documents))} paragraphs and sentences; per document "
        f"mean {sum(times) / len(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
        f"judged by {dict(sorted(methods.items()))}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCES)
