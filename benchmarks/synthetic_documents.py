"""Distinct synthetic documents for scaling benchmarks, made from the shipped speech's sentence pairs.

    python benchmarks/synthetic_documents.py OUT_DIR N [SEED]

Copies of one speech measure nothing about caches: every sentence after the first copy is one
the encoder has already seen. Here each document draws the speech's one-to-one body sentence
pairs in its own seeded order, groups them into paragraphs of two to five sentences, and makes
every sentence unique by a numbered reference ("(item 7-12)", "（编号7-12）") on both sides, so
that every sentence of every document is new to every cache while staying a real translation
pair of realistic length. Documents are written as bicorpus sources folders (meta.yaml, en.txt,
zh.txt; no gold files, so the automatic annotators run), deterministic for a seed.
"""

from __future__ import annotations

import random
import sys
from functools import cache
from pathlib import Path

SPEECH = Path(__file__).resolve().parents[1] / "corpus" / "sources" / "nqpf-2024-01-31"

META = """\
id: {doc_id}
title: {{en: "Synthetic document {number}", zh: "合成文档{number}"}}
speaker: {{en: null, zh: null}}
event: {{en: null, zh: null}}
date_delivered: null
original_language: en
roles:
  leading: [title]
  trailing: []
languages:
  en:
    file: en.txt
    provenance: "Sentences of the bicorpus speech, reordered and numbered by benchmarks/synthetic_documents.py."
    translated_from: null
  zh:
    file: zh.txt
    provenance: "The bicorpus project's Chinese of those sentences, reordered and numbered likewise."
    translated_from: en
license:
  texts:
    en: {{id: NOASSERTION, note: "Benchmark input made from third-party text; not for publication."}}
    zh: {{id: CC-BY-4.0, note: "Benchmark input made from the bicorpus project's translation."}}
  annotations: {{id: CC-BY-4.0, note: "Benchmark input."}}
"""


@cache
def sentence_pairs() -> tuple[tuple[str, str], ...]:
    """The speech's one-to-one body sentence pairs, as the build aligns them (about 60)."""
    from bicorpus.pipeline import align_document
    from bicorpus.sources import read_document

    aligned = align_document(read_document(SPEECH))
    source = aligned.languages[0]
    pairs = []
    for group in aligned.groups:
        role = aligned.paragraphs[source][group.paragraph_bead.src[0]].role if group.paragraph_bead.src else None
        for bead in group.sentence_beads:
            src, tgt = group.sides(bead)
            if role == "body" and len(src) == 1 and len(tgt) == 1:
                pairs.append((src[0].span.text, tgt[0].span.text))
    return tuple(pairs)


def _numbered(english: str, chinese: str, tag: str) -> tuple[str, str]:
    # The reference goes before the final punctuation, where a citation would stand.
    en_end = len(english.rstrip(".!?\"”"))
    zh_end = len(chinese.rstrip("。！？”"))
    return (
        f"{english[:en_end]} (item {tag}){english[en_end:]}",
        f"{chinese[:zh_end]}（编号{tag}）{chinese[zh_end:]}",
    )


def write_document(sources: Path, number: int, seed: int = 0) -> Path:
    """Write synthetic document ``number`` under ``sources`` and return its folder."""
    rng = random.Random(f"{seed}-{number}")
    pairs = list(sentence_pairs())
    rng.shuffle(pairs)
    en_paragraphs, zh_paragraphs = [f"Synthetic document {number}"], [f"合成文档{number}"]
    index = 0
    while index < len(pairs):
        size = rng.randint(2, 5)
        chunk = [_numbered(en, zh, f"{number}-{index + k}") for k, (en, zh) in enumerate(pairs[index : index + size])]
        en_paragraphs.append(" ".join(en for en, _ in chunk))
        zh_paragraphs.append("".join(zh for _, zh in chunk))
        index += size
    doc_id = f"synthetic-{number:06d}"
    folder = sources / doc_id
    folder.mkdir(parents=True)
    (folder / "meta.yaml").write_text(META.format(doc_id=doc_id, number=number), encoding="utf-8")
    (folder / "en.txt").write_text("\n\n".join(en_paragraphs) + "\n", encoding="utf-8")
    (folder / "zh.txt").write_text("\n\n".join(zh_paragraphs) + "\n", encoding="utf-8")
    return folder


def write_sources(sources: Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` distinct synthetic documents under ``sources`` and return it."""
    for number in range(count):
        write_document(sources, number, seed)
    return sources


if __name__ == "__main__":
    write_sources(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
