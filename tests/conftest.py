"""Shared fixtures: a small, self-made document pair laid out as a sources folder."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
#: The document folder of the shipped speech (sources and gold files).
SHIPPED_DOCUMENT = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31"
#: The shared material of the workplace; tests that need it skip when it is absent.
SHARED = REPOSITORY.parent / "shared"

SMALL_META = """\
id: harbour-report
title: {en: "A report on the harbour", zh: "关于港口的报告"}
speaker: {en: "The harbour master", zh: "港务长"}
event: {en: "Annual meeting of the harbour board", zh: "港务委员会年会"}
date_delivered: "2023-05-04"
original_language: en
roles:
  leading: [title]
  trailing: [attribution]
languages:
  en: {file: en.txt, provenance: "Written for the bicorpus test suite.", translated_from: null}
  zh: {file: zh.txt, provenance: "Translated for the bicorpus test suite.", translated_from: en}
license:
  texts:
    en: {id: CC-BY-4.0, note: "Made up for tests."}
    zh: {id: CC-BY-4.0, note: "Made up for tests."}
  annotations: {id: CC-BY-4.0, note: "Made up for tests."}
"""

SMALL_EN = """\
A report on the harbour

The harbour handled more ships this year than ever before. Cargo volume rose by 12 percent. The new crane on the east quay was finished in March.

Dredging of the channel will start next spring. It will cost 3.5 million and take two years.

The harbour handled more ships this year than ever before. Cargo volume rose by 12 percent. The new crane on the east quay was completed in March.

Report by the harbour master, 4 May 2023.
"""

SMALL_ZH = """\
关于港口的报告

今年港口接待的船舶数量创历史新高，货物吞吐量增长12%。东码头的新起重机已于三月建成。

航道疏浚工程将于明年春季开工。工程耗资350万，工期两年。

港务长报告，2023年5月4日。
"""


def write_document(
    root: Path, doc_id: str = "harbour-report", en: str = SMALL_EN, zh: str = SMALL_ZH, meta: str = SMALL_META
) -> Path:
    """Write one document folder under ``root`` and return ``root``."""
    folder = root / doc_id
    folder.mkdir(parents=True)
    (folder / "meta.yaml").write_text(meta.replace("harbour-report", doc_id), encoding="utf-8")
    (folder / "en.txt").write_text(en, encoding="utf-8")
    (folder / "zh.txt").write_text(zh, encoding="utf-8")
    return root


def write_documents(root: Path, doc_ids: tuple[str, ...]) -> Path:
    """Write one small document folder per id under ``root`` and return ``root``."""
    for doc_id in doc_ids:
        write_document(root, doc_id=doc_id)
    return root


@pytest.fixture
def small_sources(tmp_path: Path) -> Path:
    """A sources folder holding one small document pair (with an English near-duplicate)."""
    return write_document(tmp_path / "sources")


@pytest.fixture(scope="session")
def built_three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus built once per test session from three small documents (harbour-a, -b, -c;
    no gold files, so entities and themes are automatic). Do not modify it."""
    from bicorpus.cli import main

    root = tmp_path_factory.mktemp("built_three")
    write_documents(root / "sources", ("harbour-a", "harbour-b", "harbour-c"))
    assert main(["build", "--sources", str(root / "sources"), "--out", str(root / "out")]) == 0
    return root / "out"


@pytest.fixture(scope="session")
def built_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus built once per test session from the small document (harbour-report), in a
    folder of its own. Do not modify it: copy it first."""
    from bicorpus.cli import main

    root = tmp_path_factory.mktemp("built_small")
    sources = write_document(root / "sources")
    assert main(["build", "--sources", str(sources), "--out", str(root / "dataset")]) == 0
    return root / "dataset"


def default_interrupts() -> None:
    """``preexec_fn`` for a command that a test interrupts as a terminal's Ctrl-C would: SIGINT
    back to its default. A test run started in the background (``cmd &`` in a script, nohup)
    inherits SIGINT ignored, and Python keeps ignoring a signal it inherits ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
