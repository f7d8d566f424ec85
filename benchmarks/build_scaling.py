"""Build and validate N distinct documents: throughput, peak memory per process, validate time.

    python benchmarks/build_scaling.py N [--engine local|ray] [--jobs J] [--keep DIR] [--trace FILE]

Writes N distinct speech-sized documents (benchmarks/synthetic_documents.py: every sentence
unique, so no cache ever hits), then runs ``bicorpus build`` on them in a child process and
``bicorpus validate`` on the result, and prints one line of measured figures:

* wall time, documents/s and sentence pairs/s of the build (generating the sources is not
  counted);
* peak resident memory of each process of the build: the driver (the ``bicorpus build``
  process) and the largest of its workers (local worker processes, or Ray's workers and
  daemons), read from every descendant's ``/proc/<pid>/status`` (``VmHWM``, the kernel's
  high-water mark) twice a second until it exits;
* wall time and peak memory of ``bicorpus validate``.

``--trace FILE`` also appends, every 30 seconds of the build, the seconds elapsed, the documents
finished (entries of the build's document cache), the driver's current and peak RSS and the
largest peak of the other processes: whether memory levels off or keeps growing with the number
of documents shows there long before a run of 10,000 ends.

Figures are printed, never asserted: they depend on the machine. Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bicorpus.publish import published_snapshot
from synthetic_documents import write_sources


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        for child in _children(stack.pop()):
            found.append(child)
            stack.append(child)
    return found


def _status_kib(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _peak_kib(pid: int) -> int | None:
    return _status_kib(pid, "VmHWM:")


class PeakMemory:
    """Samples the peak RSS of a process and of every process below it until it exits."""

    def __init__(self, process: subprocess.Popen[bytes], trace: Path | None = None, cache: Path | None = None) -> None:
        self.process = process
        self.peaks: dict[int, int] = {}
        self.trace = trace
        self.cache = cache
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        started = last_trace = time.perf_counter()
        while self.process.poll() is None:
            for pid in [self.process.pid, *_descendants(self.process.pid)]:
                peak = _peak_kib(pid)
                if peak is not None:
                    self.peaks[pid] = max(peak, self.peaks.get(pid, 0))
            if self.trace is not None and time.perf_counter() - last_trace >= 30:
                last_trace = time.perf_counter()
                self._write_trace(last_trace - started)
            time.sleep(0.5)

    def _write_trace(self, seconds: float) -> None:
        assert self.trace is not None
        finished = sum(1 for _ in self.cache.glob("*.json.gz")) if self.cache and self.cache.is_dir() else 0
        current = _status_kib(self.process.pid, "VmRSS:") or 0
        own = self.peaks.get(self.process.pid, 0)
        others = max((peak for pid, peak in self.peaks.items() if pid != self.process.pid), default=0)
        with self.trace.open("a") as trace:
            trace.write(f"{seconds:.0f}\t{finished}\t{current / 1024:.0f}\t{own / 1024:.0f}\t{others / 1024:.0f}\n")

    def join(self) -> tuple[float, float, int]:
        """Peak MiB of the watched process, of its largest descendant, and how many descendants were seen."""
        self._thread.join()
        own = self.peaks.get(self.process.pid, 0)
        others = [peak for pid, peak in self.peaks.items() if pid != self.process.pid]
        return own / 1024, max(others, default=0) / 1024, len(others)


def _run(
    command: list[str], trace: Path | None = None, cache: Path | None = None
) -> tuple[float, tuple[float, float, int]]:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = PeakMemory(process, trace, cache)
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, memory.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", type=int)
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    parser.add_argument("--trace", type=Path, help="append the build's progress and memory to this file every 30 s")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bicorpus-scaling-"))
    try:
        sources = write_sources(root / "sources", args.documents)
        out = args.keep or root / "out"
        bicorpus = [sys.executable, "-m", "bicorpus"]
        if args.trace:
            args.trace.write_text("seconds\tdocuments finished\tdriver RSS MiB\tdriver peak MiB\tlargest other peak MiB\n")
        build_seconds, (driver, worker, processes) = _run(
            [*bicorpus, "build", "--sources", str(sources), "--out", str(out), "--engine", args.engine, "--jobs", str(args.jobs)],
            args.trace, out / ".bicorpus-cache",
        )
        validate_seconds, (validate_mib, validate_children, _) = _run([*bicorpus, "validate", str(out)])
        snapshot = published_snapshot(out)
        pairs = sum(pq.read_metadata(path).num_rows for path in snapshot.files("sentences"))
        print(
            f"documents {args.documents}  engine {args.engine}  jobs {args.jobs}  shards {snapshot.shard_count}  "
            f"sentence pairs {pairs}  build {build_seconds:.1f} s  {args.documents / build_seconds:.2f} documents/s  "
            f"{pairs / build_seconds:.0f} pairs/s  peak RSS driver {driver:.0f} MiB, largest of {processes} other "
            f"processes {worker:.0f} MiB  validate {validate_seconds:.1f} s, peak RSS "
            f"{max(validate_mib, validate_children):.0f} MiB"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
