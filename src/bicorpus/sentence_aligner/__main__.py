"""``python -m bicorpus.sentence_aligner align|eval-align ...`` (same as the ``bicorpus`` subcommands)."""

from __future__ import annotations

import argparse
import sys

from bicorpus.sentence_aligner import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bicorpus", description="Sentence alignment commands of bicorpus.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    commands.register(subparsers)
    args = parser.parse_args(argv)
    return commands.run(args)


if __name__ == "__main__":
    sys.exit(main())
