"""Running the aligner over a gold set: scores, speed and memory; the baseline beside it.

Speed is wall-clock time of the alignment calls (model loading excluded, embedding included),
reported as sentences (source + target) per second. Peak memory is the process's peak
resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), which includes the model
and Python itself; for the scaling measurement each size runs in a fresh subprocess so the
peaks do not mix.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bicorpus.beads import Bead
from bicorpus.sentence_aligner.evaluation import GoldDocument, Scores, score, signature

Aligner = Callable[[Sequence[str], Sequence[str]], list[Bead]]


class BlockAligner(Protocol):
    """An aligner that also takes hard blocks (``groups``, as :func:`bicorpus.sentence_aligner.align_sentences`)."""

    def __call__(self, src: Sequence[str], tgt: Sequence[str], groups: Sequence[tuple[int, int]] | None) -> list[Bead]: ...


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@dataclass
class Run:
    name: str
    scores: Scores
    seconds: float
    sentences: int
    peak_mb: float

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else float("inf")


def run_set(name: str, documents: Sequence[GoldDocument], align: Aligner) -> Run:
    """Align every document of a set with ``align``; its scores, time and peak memory."""
    return _run(name, documents, lambda doc: align(doc.src, doc.tgt))


def run_set_in_blocks(name: str, documents: Sequence[GoldDocument], align: BlockAligner) -> Run:
    """As :func:`run_set`, giving ``align`` each document's blocks (None where the set has none)."""
    return _run(name, documents, lambda doc: align(doc.src, doc.tgt, doc.groups))


def _run(name: str, documents: Sequence[GoldDocument], align: Callable[[GoldDocument], list[Bead]]) -> Run:
    start = time.perf_counter()
    tests = [align(doc) for doc in documents]
    seconds = time.perf_counter() - start
    sentences = sum(len(doc.src) + len(doc.tgt) for doc in documents)
    return Run(name, score(tests, [doc.gold for doc in documents]), seconds, sentences, peak_rss_mb())


def set_languages(folder: Path) -> tuple[str, str] | None:
    """``(src_lang, tgt_lang)`` from the set's ``meta_data.tsv`` when it has those columns."""
    meta = folder / "meta_data.tsv"
    if not meta.is_file():
        return None
    lines = meta.read_text(encoding="utf-8").splitlines()
    if len(lines) < 2:
        return None
    header = lines[0].split("\t")
    if "src_lang" in header and "tgt_lang" in header:
        row = lines[1].split("\t")
        return row[header.index("src_lang")], row[header.index("tgt_lang")]
    return None


def format_run(run: Run, per_type: bool = True) -> str:
    """The scores of an aligner's run over a set, its speed and memory, and the score signature."""
    speed = (
        f"  {run.sentences} sentences in {run.seconds:.1f} s = {run.sentences_per_second:.1f} sentences/s; "
        f"peak memory (max RSS) {run.peak_mb:.0f} MB"
    )
    return format_scores(run.name, run.scores, per_type, speed)


def format_scores(name: str, s: Scores, per_type: bool = True, *extra: str) -> str:
    """The score lines of ``name`` (``extra`` lines after the first), the per-type table, and
    the signature line (:func:`bicorpus.sentence_aligner.evaluation.signature`)."""
    lines = [
        f"{name}: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  strict F1 {s.f1_strict:.3f}  "
        f"lax F1 {s.f1_lax:.3f}  ({s.matches} exact of {s.gold_beads} gold, {s.test_beads} test beads)",
        *extra,
    ]
    if per_type:
        lines.append("  type    gold   test      P      R     F1")
        for kind, gold, test, p, r, f1 in s.type_figures():
            lines.append(f"  {kind:<6}{gold:>6}{test:>7}{p:>7.3f}{r:>7.3f}{f1:>7.3f}")
    lines.append(f"  signature: {signature()}")
    return "\n".join(lines)


def synthetic_document(size: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """A zh/en document pair of ``size`` sentences a side for the memory scaling runs.

    Sentences are made from a small built-in phrase list with a counter, so each is distinct
    and every line has a translation; nothing is read from the gold sets.
    """
    zh_parts = ["今天天气很好", "我们去公园散步", "他在图书馆读书", "这座城市有很多人", "她喜欢喝茶",
                "孩子们在学校学习", "火车晚点了", "市场上的水果很新鲜", "老人讲了一个故事", "会议明天开始"]
    en_parts = ["The weather is fine today", "We go for a walk in the park", "He reads in the library",
                "This city has many people", "She likes to drink tea", "The children study at school",
                "The train was late", "The fruit in the market is fresh", "The old man told a story",
                "The meeting starts tomorrow"]
    src, tgt = [], []
    for k in range(size):
        a, b = (k * 7 + seed) % 10, (k * 3 + 1) % 10
        src.append(f"{zh_parts[a]}，{zh_parts[b]}，第{k}次。")
        tgt.append(f"{en_parts[a]}, and {en_parts[b].lower()}, for the {k}th time.")
    return src, tgt


def measure_scaling(size: int) -> dict:
    """Align a synthetic document of ``size`` sentences a side in this process; time and peak RSS."""
    from bicorpus.sentence_aligner.aligner import SentenceAligner

    src, tgt = synthetic_document(size)
    aligner = SentenceAligner()
    _ = aligner.encoder  # load the model before timing
    start = time.perf_counter()
    beads = aligner.align(src, tgt, "zh", "en")
    seconds = time.perf_counter() - start
    return {"size": size, "seconds": round(seconds, 2), "peak_mb": round(peak_rss_mb()), "beads": len(beads),
            "one_to_one": sum(1 for b in beads if b.type == "1-1")}


def scaling_in_subprocess(size: int) -> dict:
    out = subprocess.run([sys.executable, "-c",
                          f"import json; from bicorpus.sentence_aligner.benchmark import measure_scaling; "
                          f"print(json.dumps(measure_scaling({size})))"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
