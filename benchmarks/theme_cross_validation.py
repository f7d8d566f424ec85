"""K-fold cross-validation of the theme classifier on its own training paragraphs.

    nice -n 19 .venv/bin/python benchmarks/theme_cross_validation.py [FOLDS] [L2] [paragraphs|sentences]

Folds are drawn over paragraphs (seeded), so a paragraph's translation and its sentences never
sit in the other fold. Each fold's models are fitted as ``bicorpus train-themes`` fits them
(``sentences``, the default: paragraphs plus the sentences of single-theme paragraphs;
``paragraphs``: paragraphs alone, as before 2026-12), thresholds are calibrated on the
calibration split, and the held-out paragraphs of every language are scored: primary accuracy
and multi-label micro F1.
"""

from __future__ import annotations

import sys

import numpy as np

from bicorpus.annotation_files import load_theme_taxonomy
from bicorpus.sentence_aligner.aligner import default_aligner
from bicorpus.theme_classifier import (
    L2,
    calibrate_thresholds,
    fit_classifier,
    labelled_examples,
    load_training_paragraphs,
)


def main(folds: int, l2: float, sentences: bool) -> None:
    themes = load_theme_taxonomy().ids
    encoder = default_aligner().encoder
    paragraphs = load_training_paragraphs()
    training = [p for p in paragraphs if p.split == "training"]
    features, labels, owner = labelled_examples(encoder, training, themes, sentences=sentences)
    # labelled_examples puts the paragraph rows (one per paragraph and language) first.
    is_paragraph = np.arange(len(owner)) < sum(len(p.texts) for p in training)
    calibration, calibration_labels, _ = labelled_examples(
        encoder, [p for p in paragraphs if p.split == "calibration"], themes, sentences=False
    )
    order = np.random.default_rng(0).permutation(len(training))
    fold_of = np.empty(len(training), dtype=np.int64)
    fold_of[order] = np.arange(len(training)) % folds
    primaries = np.array([themes.index(p.primary) for p in training])
    correct = total = tp = fp = fn = 0
    for fold in range(folds):
        held = (fold_of[owner] == fold) & is_paragraph
        model = fit_classifier(features[fold_of[owner] != fold], labels[fold_of[owner] != fold], themes, "", l2)
        thresholds = calibrate_thresholds(model.probabilities(calibration), calibration_labels)
        probabilities = model.probabilities(features[held])
        truth = labels[held] == 1
        guess = probabilities >= thresholds
        guess[np.arange(len(guess)), probabilities.argmax(axis=1)] = True  # the primary is always a label
        correct += int((probabilities.argmax(axis=1) == primaries[owner[held]]).sum())
        total += int(held.sum())
        tp += int((guess & truth).sum())
        fp += int((guess & ~truth).sum())
        fn += int((~guess & truth).sum())
    print(f"{folds}-fold cross-validation, L2 {l2}, trained on {'paragraphs and sentences' if sentences else 'paragraphs'}: "
          f"primary accuracy {correct}/{total} = {correct / total:.3f}, micro F1 {2 * tp / (2 * tp + fp + fn):.3f}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 5,
        float(sys.argv[2]) if len(sys.argv) > 2 else L2,
        (sys.argv[3] if len(sys.argv) > 3 else "sentences") == "sentences",
    )
