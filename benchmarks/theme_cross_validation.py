"""K-fold cross-validation of the theme classifier on its own training paragraphs.

    nice -n 19 .venv/bin/python benchmarks/theme_cross_validation.py [FOLDS] [L2]

Folds are drawn over paragraphs (seeded), so a paragraph's translation never sits in the other
fold. Each fold's models are fitted as ``bicorpus train-themes`` fits them, thresholds are
calibrated on the calibration split, and the held-out paragraphs of every language are scored:
primary accuracy and multi-label micro F1.
"""

from __future__ import annotations

import sys

import numpy as np

from bicorpus.annotation_files import load_theme_taxonomy
from bicorpus.segment import split_sentences
from bicorpus.sentence_aligner.aligner import default_aligner
from bicorpus.theme_classifier import (
    L2,
    ThemeClassifier,
    calibrate_thresholds,
    fit_logistic,
    load_training_paragraphs,
    unit_embeddings,
)


def main(folds: int, l2: float) -> None:
    themes = load_theme_taxonomy().ids
    encoder = default_aligner().encoder
    rows = [(p, lang, text) for p in load_training_paragraphs() for lang, text in sorted(p.texts.items())]
    _, features = unit_embeddings(encoder, [[s.text for s in split_sentences(text, lang)] for _, lang, text in rows])
    labels = np.array([[theme in p.themes for theme in themes] for p, _, _ in rows], dtype=np.float64)
    ids = sorted({p.id for p, _, _ in rows if p.split == "training"})
    order = np.random.default_rng(0).permutation(len(ids))
    fold_of = {ids[i]: n % folds for n, i in enumerate(order)}
    calibration = np.array([p.split == "calibration" for p, _, _ in rows])
    correct = total = tp = fp = fn = 0
    for fold in range(folds):
        held = np.array([p.split == "training" and fold_of[p.id] == fold for p, _, _ in rows])
        fit = np.array([p.split == "training" and fold_of[p.id] != fold for p, _, _ in rows])
        fitted = [fit_logistic(features[fit], labels[fit, k], l2) for k in range(len(themes))]
        model = ThemeClassifier(tuple(themes), np.stack([w for w, _ in fitted], axis=1), np.array([b for _, b in fitted]),
                                np.full(len(themes), 0.5), "")
        thresholds = calibrate_thresholds(model.probabilities(features[calibration]), labels[calibration])
        probabilities = model.probabilities(features[held])
        truth = labels[held] == 1
        guess = probabilities >= thresholds
        guess[np.arange(len(guess)), probabilities.argmax(axis=1)] = True  # the primary is always a label
        primaries = np.array([themes.index(p.primary) for (p, _, _), h in zip(rows, held) if h])
        correct += int((probabilities.argmax(axis=1) == primaries).sum())
        total += len(primaries)
        tp += int((guess & truth).sum())
        fp += int((guess & ~truth).sum())
        fn += int((~guess & truth).sum())
    print(f"{folds}-fold cross-validation, L2 {l2}: primary accuracy {correct}/{total} = {correct / total:.3f}, "
          f"micro F1 {2 * tp / (2 * tp + fp + fn):.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, float(sys.argv[2]) if len(sys.argv) > 2 else L2)
