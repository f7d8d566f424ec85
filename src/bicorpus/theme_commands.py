"""``bicorpus train-themes``: retrain the theme classifier from the shipped training data.

The classifier the build uses is package data (``bicorpus/schema/theme_classifier.json``),
written by this command from ``theme_training.json``; after editing the training data, run it
with ``--out`` naming that file in a checkout and commit both. Training is deterministic, and
a test retrains and compares with the shipped file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bicorpus.errors import CorpusError


def _train_themes(args: argparse.Namespace) -> int:
    from bicorpus.theme_classifier import classifier_json, train_classifier

    text = classifier_json(train_classifier())
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        # Bytes, not text mode: the file has LF endings on every platform (its hash is of its JSON anyway).
        args.out.write_bytes(text.encode("utf-8"))
    except OSError as error:
        raise CorpusError(str(args.out), f"cannot write the classifier: {error.strerror}", code="E366",
                          hint="name a writable file") from None
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add ``train-themes`` to the ``bicorpus`` subcommands (``commands`` from ``add_subparsers``)."""
    train = commands.add_parser(
        "train-themes",
        help="retrain the automatic theme classifier from the shipped theme-labelled paragraphs",
        description=(
            "Fit the theme classifier (one logistic model per theme over USE v3 paragraph embeddings) on the "
            "training split of the shipped theme_training.json, calibrate its thresholds on the calibration "
            "split, and print theme_classifier.json (or write it to --out). Deterministic; offline."
        ),
        epilog="Example, in a bicorpus checkout: bicorpus train-themes --out src/bicorpus/schema/theme_classifier.json",
    )
    train.add_argument("--out", type=Path, metavar="FILE", help="write the classifier here instead of to stdout")
    train.set_defaults(handler=_train_themes)
