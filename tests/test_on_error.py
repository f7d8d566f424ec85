"""--on-error fail (the default) stops at a bad document and publishes nothing; --on-error skip
publishes the good documents and reports each bad one with its one-line error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bicorpus.cli import main
from bicorpus.publish import read_data
from conftest import write_document, write_documents
from fault_harness import snapshot


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = write_documents(tmp_path / "sources", ("harbour-a", "harbour-b", "harbour-c", "harbour-d"))
    (root / "harbour-b" / "zh.txt").write_bytes("标题\n\n正文\n".encode() + b"\xff\n")
    (root / "harbour-d" / "meta.yaml").write_text("id: harbour-d\n", encoding="utf-8")
    return root


def test_skip_publishes_the_good_documents_and_reports_each_bad_one(sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--sources", str(sources), "--out", str(out), "--on-error", "skip"]) == 0
    captured = capsys.readouterr()
    assert [doc["id"] for doc in read_data(out).documents] == ["harbour-a", "harbour-c"]
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert (report["documents"], report["built"], report["reused"]) == (4, 2, 0)
    assert [entry["document"] for entry in report["skipped"]] == ["harbour-b", "harbour-d"]
    assert report["skipped"][0]["error"].startswith(f"E102 {sources / 'harbour-b' / 'zh.txt'}:4: not valid UTF-8")
    assert report["skipped"][1]["error"].startswith(f"E105 {sources / 'harbour-d' / 'meta.yaml'} at /title: ")
    skipped_lines = [line for line in captured.err.splitlines() if line.startswith("bicorpus: skipped ")]
    assert [line.split()[2] for line in skipped_lines] == ["harbour-b:", "harbour-d:"]
    assert "skipped 2 documents; report: " in captured.out


def test_fail_is_the_default_names_the_first_bad_document_and_publishes_nothing(
    sources: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    write_document(tmp_path / "good", doc_id="harbour-a")
    assert main(["build", "--sources", str(tmp_path / "good"), "--out", str(out)]) == 0
    before = snapshot(out)
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"bicorpus: E102 {sources / 'harbour-b' / 'zh.txt'}:4: not valid UTF-8")
    assert snapshot(out) == before
    assert not (out / "build-report.json").exists()


def test_skip_with_no_good_document_is_e444_and_publishes_nothing(sources: Path, tmp_path: Path, capsys) -> None:
    for doc_id in ("harbour-a", "harbour-c"):
        (sources / doc_id / "en.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--sources", str(sources), "--out", str(out), "--on-error", "skip"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"bicorpus: E444 {sources}: every one of the 4 documents failed")
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert len(report["skipped"]) == 4 and report["published"] is None
    assert not list((out / "data").iterdir())


def test_the_report_goes_where_report_says(sources: Path, tmp_path: Path, capsys) -> None:
    out, report = tmp_path / "out", tmp_path / "logs" / "skipped.json"
    assert main(["build", "--sources", str(sources), "--out", str(out), "--on-error", "skip", "--report", str(report)]) == 0
    assert len(json.loads(report.read_text(encoding="utf-8"))["skipped"]) == 2
    assert not (out / "build-report.json").exists()
