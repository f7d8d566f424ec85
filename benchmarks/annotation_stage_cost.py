"""What the annotation stages added since BASE cost a build: this tree against BASE, same documents.

    python benchmarks/annotation_stage_cost.py BASE [DOCUMENTS] [RUNS] [JOBS]

Issue 15 allows the build with projection, the rule passes and the theme classifier to be at
most 25% slower than without them. BASE is the commit without them (9d4f544 in
docs/pre_annotation.md). The script checks BASE out into a temporary git worktree, writes
DOCUMENTS (default 40) distinct synthetic documents (benchmarks/synthetic_documents.py, seed 7;
no gold files, so the automatic annotators run), then runs ``bicorpus build --jobs JOBS``
(default 2) from BASE and from this tree alternately, RUNS times each (default 3), each build in
a fresh process into a fresh folder, and prints every run's wall time, each side's median in
seconds and documents/s, and the ratio. Start-up (imports, encoder, lexicons) is included: a
user's build pays it too. Run it on an otherwise idle machine; the figures move with load.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_documents import write_sources

TREE = Path(__file__).resolve().parents[1]


def timed_build(source_root: Path, sources: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one ``bicorpus build`` run with ``source_root/src`` first on the path."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(source_root / "src")}
    command = [sys.executable, "-m", "bicorpus", "build", "--sources", str(sources), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def run(base: str, documents: int, runs: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base_tree = root / "base"
        subprocess.run(["git", "-C", str(TREE), "worktree", "add", "--detach", str(base_tree), base],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            sources = write_sources(root / "sources", documents, 7)
            sides = {"base": base_tree, "this tree": TREE}
            walls: dict[str, list[float]] = {name: [] for name in sides}
            for number in range(1, runs + 1):
                for name, source_root in sides.items():
                    wall = timed_build(source_root, sources, root / "out", jobs)
                    walls[name].append(wall)
                    print(f"run {number}  {name:9s}  {wall:6.1f} s", flush=True)
        finally:
            subprocess.run(["git", "-C", str(TREE), "worktree", "remove", "--force", str(base_tree)], check=False)
    medians = {name: statistics.median(values) for name, values in walls.items()}
    for name, median in medians.items():
        print(f"{name:9s}  median {median:6.1f} s  {documents / median:.2f} documents/s")
    print(f"this tree / base: {medians['this tree'] / medians['base']:.2f} "
          f"({documents} documents, jobs {jobs}, {runs} runs each, base {base})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    arguments = [int(value) for value in sys.argv[2:5]]
    run(sys.argv[1], *(arguments + [40, 3, 2][len(arguments):]))
