"""Command-line arguments that several ``bicorpus`` commands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_corpus_dir(parser: argparse.ArgumentParser) -> None:
    """The optional ``DIR`` of the commands that read a built corpus (validate, stats, export,
    concord, terms): the dataset folder, found through its card, default the current folder."""
    parser.add_argument(
        "dir", nargs="?", type=Path, default=Path("."), metavar="DIR",
        help="built dataset folder (default: the current folder)",
    )
