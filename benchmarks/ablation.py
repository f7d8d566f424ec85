"""Ablation of the aligner's ingredients on the gold sets (exact-match F1, strict, lax).

Usage: .venv/bin/python benchmarks/ablation.py [GOLD_DIR]   (default ../shared/align-gold)
Each variant changes one thing from the default settings. Embeddings are computed once and
shared by all variants (the encoder caches each distinct string).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from bicorpus.sentence_aligner.aligner import AlignerSettings, SentenceAligner
from bicorpus.sentence_aligner.bead_scores import ScoreParameters
from bicorpus.sentence_aligner.benchmark import set_languages
from bicorpus.sentence_aligner.embeddings import UseEncoder
from bicorpus.sentence_aligner.evaluation import read_gold_set, score

DEFAULT = AlignerSettings()
P = ScoreParameters()
VARIANTS = {
    "default": DEFAULT,
    "member term off (weight 0.3)": replace(DEFAULT, params=replace(P, member_weight=0.0)),
    "quotation-end signal off (weight 0.05)": replace(DEFAULT, params=replace(P, quote_weight=0.0)),
    "speaker-attribution cost off (0.2)": replace(DEFAULT, params=replace(P, attribution_cost=0.0)),
    "defaults of 2026-11-28 (no member term, quotation or attribution signals; null -0.4; 2-2 / 2-3 0.5 / 0.9)": replace(
        DEFAULT, params=replace(P, member_weight=0.0, quote_weight=0.0, attribution_cost=0.0, null_score=-0.4,
                                shape_cost={**P.shape_cost, (2, 2): 0.5, (2, 3): 0.9, (3, 2): 0.9})),
    "no calibration (raw cosine)": replace(DEFAULT, params=replace(P, calibrate=False)),
    "no length term": replace(DEFAULT, params=replace(P, length_weight=0.0)),
    "shape costs x1/8 (weak prior)": replace(DEFAULT, params=replace(P, shape_cost={k: v / 8 for k, v in P.shape_cost.items()})),
    "null score +0.2 (default -0.5)": replace(DEFAULT, params=replace(P, null_score=0.2)),
    "null score -0.3": replace(DEFAULT, params=replace(P, null_score=-0.3)),
    "2-2 / 2-3 costs 0.5 / 0.9 (default 0.4 / 0.7; 0.5 / 0.9 until 2026-11-29)": replace(DEFAULT, params=replace(
        P, shape_cost={**P.shape_cost, (2, 2): 0.5, (2, 3): 0.9, (3, 2): 0.9})),
    "bead types up to 2 sentences": replace(DEFAULT, second_pass_types=((1, 1), (1, 2), (2, 1), (2, 2))),
    "1-1 and null beads only": replace(DEFAULT, second_pass_types=((1, 1),)),
    "one pass, all types, full matrix": replace(DEFAULT, two_pass=False),
    "number signal off (default weight 0.1)": replace(DEFAULT, params=replace(P, signal_weight=0.0)),
    "coarse blocks forced (limit 20k nodes)": replace(DEFAULT, coarse_limit=20_000),
    "per-shape instead of per-window calibration": replace(DEFAULT, params=replace(P, margin_k=0)),
    "kNN margin (mean of 4 nearest of 256 random windows)": replace(DEFAULT, params=replace(P, margin_k=4)),
    "exact window encodings (joined text; slow)": replace(DEFAULT, exact_windows=True),
}


def main(root: Path) -> None:
    encoder = UseEncoder()
    sets = {}
    for name in ("mac-dev", "aca", "mag"):
        folder = root / name
        sets[name] = (read_gold_set(folder), set_languages(folder) or ("zh", "en"))
    print("| variant | " + " | ".join(f"{n} F1 / strict / lax" for n in sets) + " |")
    print("|---|" + "---|" * len(sets))
    for label, settings in VARIANTS.items():
        aligner = SentenceAligner(settings, encoder)
        cells = []
        for documents, langs in sets.values():
            tests = [aligner.align(d.src, d.tgt, *langs) for d in documents]
            s = score(tests, [d.gold for d in documents])
            cells.append(f"{s.f1:.3f} / {s.f1_strict:.3f} / {s.f1_lax:.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "align-gold")
