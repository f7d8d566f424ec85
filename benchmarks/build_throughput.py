"""Build throughput for corpus builders: N copies of the shipped speech as N documents.

    python benchmarks/build_throughput.py [N] [JOBS]

Copies the speech N times under fresh ids (without its gold files, so the automatic
annotators run as they would on a user's documents), builds and publishes into a temporary
folder, and prints wall time, documents and sentence pairs per second, and peak memory
(largest resident set size of this process or of one worker, from getrusage).
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bicorpus.cli import main
from bicorpus.publish import published_snapshot

SPEECH = Path(__file__).resolve().parents[1] / "corpus" / "sources" / "nqpf-2024-01-31"


def make_sources(root: Path, copies: int) -> Path:
    sources = root / "sources"
    for number in range(copies):
        doc_id = f"copy-{number:05d}"
        folder = sources / doc_id
        folder.mkdir(parents=True)
        for name in ("en.txt", "zh.txt"):
            shutil.copyfile(SPEECH / name, folder / name)
        meta = (SPEECH / "meta.yaml").read_text(encoding="utf-8")
        (folder / "meta.yaml").write_text(meta.replace("id: nqpf-2024-01-31", f"id: {doc_id}"), encoding="utf-8")
    return sources


def run(copies: int, jobs: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = make_sources(root, copies)
        started = time.perf_counter()
        status = main(["build", "--sources", str(sources), "--out", str(root / "out"), "--jobs", str(jobs)])
        elapsed = time.perf_counter() - started
        if status:
            raise SystemExit(status)
        import pyarrow.parquet as pq

        pairs = sum(pq.read_metadata(path).num_rows for path in published_snapshot(root / "out").files("sentences"))
        peak_mib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
        print(
            f"documents {copies}  jobs {jobs}  sentence pairs {pairs}  wall {elapsed:.1f} s  "
            f"{copies / elapsed:.1f} documents/s  {pairs / elapsed:.0f} pairs/s  peak RSS {peak_mib:.0f} MiB"
        )


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
