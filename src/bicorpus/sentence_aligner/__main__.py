"""``python -m bicorpus.sentence_aligner align|eval-align ...``: the same as ``bicorpus align|eval-align ...``."""

from __future__ import annotations

import sys

from bicorpus.cli import main

if __name__ == "__main__":
    sys.exit(main())
