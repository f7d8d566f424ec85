"""``python -m bicorpus ...``: the ``bicorpus`` command."""

from __future__ import annotations

import sys

from bicorpus.cli import main

if __name__ == "__main__":
    sys.exit(main())
