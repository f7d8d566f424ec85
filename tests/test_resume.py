"""--resume reuses the records of unchanged documents, after a finished build or a killed one,
and gives the same published bytes as building everything again."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bicorpus.cli import main
from bicorpus.document_cache import CACHE_FOLDER
from bicorpus.publish import TEST_HOOK_VARIABLE, read_data
from conftest import SMALL_EN, write_document, write_documents

DOCUMENTS = ("harbour-a", "harbour-b", "harbour-c")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_documents(tmp_path / "sources", DOCUMENTS)


def _published(folder: Path) -> dict[str, bytes]:
    """The published files: the card and the data (not the cache, nor the lock a killed build leaves)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted([folder / "README.md", *(folder / "data").rglob("*")])
        if p.is_file()
    }


def _build(sources: Path, out: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main(["build", "--sources", str(sources), "--out", str(out), *options]) == 0
    return capsys.readouterr().out


def _entries(out: Path) -> list[str]:
    return sorted(path.name.split(".")[0] for path in (out / CACHE_FOLDER).iterdir())


def test_every_finished_document_is_kept_in_the_cache(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    assert _entries(out) == list(DOCUMENTS)


def test_a_resumed_build_of_unchanged_sources_builds_nothing_and_writes_the_same_bytes(
    sources: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    before = _published(out)
    printed = _build(sources, out, capsys, "--resume")
    assert "reused 3 unchanged documents from the previous build, built 0" in printed
    assert _published(out) == before


def test_a_changed_document_is_built_again_and_the_others_are_reused(sources: Path, tmp_path: Path, capsys) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    _build(sources, out, capsys)
    (sources / "harbour-b" / "en.txt").write_text(SMALL_EN.replace("in March", "in April"), encoding="utf-8")
    printed = _build(sources, out, capsys, "--resume")
    assert "reused 2 unchanged documents from the previous build, built 1" in printed
    _build(sources, fresh, capsys)
    assert _published(out) == _published(fresh)
    assert any("in April" in row["translation"]["en"] for row in read_data(out).sentences)


def test_without_resume_every_document_is_built(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    assert "reused" not in _build(sources, out, capsys)


def test_a_damaged_cache_entry_is_built_again_not_trusted(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    before = _published(out)
    (entry,) = (out / CACHE_FOLDER).glob("harbour-a.*")
    entry.write_bytes(gzip.compress(b'{"documents": [')[:20])
    printed = _build(sources, out, capsys, "--resume")
    assert "reused 2 unchanged documents from the previous build, built 1" in printed
    assert _published(out) == before


def test_the_cache_keeps_only_the_documents_last_published(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    for path in (sources / "harbour-c").iterdir():
        path.unlink()
    (sources / "harbour-c").rmdir()
    (sources / "harbour-a" / "zh.txt").write_text((sources / "harbour-a" / "zh.txt").read_text() + "\n", encoding="utf-8")
    _build(sources, out, capsys, "--resume")
    assert _entries(out) == ["harbour-a", "harbour-b"]
    assert len(list((out / CACHE_FOLDER).iterdir())) == 2  # the old key of harbour-a is gone


def test_a_killed_build_keeps_what_it_finished_and_resume_reuses_it(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    write_document(sources, doc_id="harbour-0")  # published first, then killed while rebuilding
    _build(sources, out, capsys)
    before = _published(out)
    (sources / "harbour-0" / "en.txt").write_text(SMALL_EN.replace("in March", "in May"), encoding="utf-8")
    (sources / "harbour-a" / "en.txt").write_text(SMALL_EN.replace("in March", "in June"), encoding="utf-8")
    env = {**os.environ, TEST_HOOK_VARIABLE: "document-2:kill"}
    killed = subprocess.run(
        [sys.executable, "-m", "bicorpus", "build", "--sources", str(sources), "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _published(out) == before  # nothing published, nothing lost
    printed = _build(sources, out, capsys, "--resume")
    # harbour-0 and harbour-a were built before the kill; b and c are unchanged since the first build.
    assert "reused 4 unchanged documents from the previous build, built 0" in printed
    texts = [row["translation"]["en"] for row in read_data(out).sentences]
    assert any("in May" in text for text in texts) and any("in June" in text for text in texts)
