"""Peak memory and time of the aligner at growing lengths (each size in a fresh process).

Usage: .venv/bin/python benchmarks/aligner_scaling.py [SIZE ...]   (default 1000 10000 50000)
Synthetic zh/en text built in code (``benchmark.synthetic_document``); peak memory is the
child process's max RSS, model included; time excludes model loading.
"""

from __future__ import annotations

import sys

from bicorpus.sentence_aligner.benchmark import scaling_in_subprocess


def main(sizes: list[int]) -> None:
    print("| sentences per side | time (s) | sentences/s (both sides) | peak RSS (MB) | beads | 1-1 beads |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        r = scaling_in_subprocess(size)
        print(
            f"| {size:,} | {r['seconds']} | {2 * size / r['seconds']:.0f} | {r['peak_mb']} "
            f"| {r['beads']:,} | {r['one_to_one']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])
