"""CPU seconds per document of ``pipeline.build_document`` with the theme classifier and with the
cue-word lexicon it replaced, on distinct synthetic documents, in this one process.

    nice -n 19 .venv/bin/python benchmarks/theme_cost.py [N] [SEED]

Each document is built twice, once per theme annotator, in alternating order, with the
encoder's cache emptied before each build, so that neither build finds the other's sentences
encoded. The classifier's own cost should be small: it reuses the sentence states the aligner
has just encoded and adds a few small matrix products.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bicorpus import pipeline
from bicorpus.document import AlignedDocument, ThemeLayer
from bicorpus.sentence_aligner.aligner import default_aligner
from bicorpus.sources import discover_documents, read_document
from bicorpus.theme_lexicon import annotate_themes_by_lexicon, lexicon_language
from synthetic_documents import write_sources

CLASSIFIER_LAYER: Callable[[AlignedDocument], ThemeLayer] = pipeline._theme_layer


def lexicon_layer(aligned: AlignedDocument) -> ThemeLayer:
    """The theme layer as the build made it before the classifier (for documents without gold)."""
    doc = aligned.source
    lang = lexicon_language(doc.pair.codes)
    if lang is None:
        return ThemeLayer(None, None, "auto")
    paragraphs, sentences = aligned.unit_offsets(lang)
    return ThemeLayer(annotate_themes_by_lexicon(doc.texts[lang], lang, paragraphs, sentences), lang, "auto")


#: CPU seconds spent in the theme layer by the last build.
theme_layer_seconds = 0.0


def cpu_seconds(folder: Path, layer: Callable[[AlignedDocument], ThemeLayer]) -> float:
    """CPU seconds of one build of ``folder`` with ``layer`` as the theme layer (its own share in
    :data:`theme_layer_seconds`)."""

    def timed(aligned: AlignedDocument) -> ThemeLayer:
        global theme_layer_seconds
        start = time.process_time()
        result = layer(aligned)
        theme_layer_seconds = time.process_time() - start
        return result

    pipeline._theme_layer = timed  # type: ignore[assignment]
    default_aligner().encoder.clear_cache()
    doc = read_document(folder)
    start = time.process_time()
    pipeline.build_document(doc)
    return time.process_time() - start


def main(count: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sources = write_sources(Path(tmp) / "sources", count + 1, seed)
        folders = discover_documents(sources)
        cpu_seconds(folders[0], CLASSIFIER_LAYER)  # warm-up: loads the encoder, the classifier, the lexicon
        cpu_seconds(folders[0], lexicon_layer)
        timings: dict[str, list[float]] = {"classifier": [], "lexicon": []}
        layer_timings: dict[str, list[float]] = {"classifier": [], "lexicon": []}
        for n, folder in enumerate(folders[1:]):
            order = [("classifier", CLASSIFIER_LAYER), ("lexicon", lexicon_layer)]
            for name, layer in order if n % 2 == 0 else reversed(order):
                timings[name].append(cpu_seconds(folder, layer))
                layer_timings[name].append(theme_layer_seconds)
            print(f"{folder.name}: classifier {timings['classifier'][-1]:.3f} s (themes {layer_timings['classifier'][-1]:.3f}), "
                  f"lexicon {timings['lexicon'][-1]:.3f} s (themes {layer_timings['lexicon'][-1]:.3f})")
    with_classifier, with_lexicon = statistics.mean(timings["classifier"]), statistics.mean(timings["lexicon"])
    print(f"mean CPU s per document: classifier {with_classifier:.3f}, lexicon {with_lexicon:.3f}, "
          f"ratio {with_classifier / with_lexicon:.3f}; theme layer alone: classifier "
          f"{statistics.mean(layer_timings['classifier']):.3f}, lexicon {statistics.mean(layer_timings['lexicon']):.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
