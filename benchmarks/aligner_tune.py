"""Try aligner variants on the gold sets in one process (embeddings computed once).

Usage: .venv/bin/python benchmarks/aligner_tune.py 'NAME=EXPR' ...  [--root GOLD_DIR]
EXPR is a Python expression for AlignerSettings evaluated with ``D`` (default settings),
``P`` (default ScoreParameters) and ``replace`` in scope, e.g.
  'margin=replace(D, params=replace(P, margin_k=4))'
Prints exact F1 / strict / lax per set and the time per variant. A development tool: the
reported figures in docs/aligner.md come from ``bicorpus eval-align`` and benchmarks/ablation.py.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from bicorpus.sentence_aligner.aligner import AlignerSettings, SentenceAligner
from bicorpus.sentence_aligner.bead_scores import ScoreParameters
from bicorpus.sentence_aligner.benchmark import set_languages
from bicorpus.sentence_aligner.embeddings import UseEncoder
from bicorpus.sentence_aligner.evaluation import read_gold_set, score

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "align-gold"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--sets", default="mac-dev,aca,mag")
    args = parser.parse_args()
    scope = {"D": AlignerSettings(), "P": ScoreParameters(), "replace": replace}
    variants = [("default", "D")] + [tuple(v.split("=", 1)) for v in args.variants]
    encoder = UseEncoder()
    sets = {name: (read_gold_set(args.root / name), set_languages(args.root / name) or ("zh", "en"))
            for name in args.sets.split(",")}
    for label, expr in variants:
        aligner = SentenceAligner(eval(expr, scope), encoder)
        cells, mean = [], 0.0
        start = time.perf_counter()
        for documents, langs in sets.values():
            tests = [aligner.align(d.src, d.tgt, *langs) for d in documents]
            s = score(tests, [d.gold for d in documents])
            cells.append(f"{s.f1:.3f}/{s.f1_strict:.3f}/{s.f1_lax:.3f}")
            mean += s.f1 / len(sets)
        print(f"{label:<40} " + "  ".join(cells) + f"  mean {mean:.4f}  {time.perf_counter() - start:.1f}s", flush=True)


if __name__ == "__main__":
    main()
