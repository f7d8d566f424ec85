"""``review import`` refuses an export that does not match the sources, or whose review the gold
files cannot hold, with one coded line, and leaves every gold file as it was."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bicorpus.cli import main

DOC = "harbour-report"
Tasks = list[dict[str, Any]]


@pytest.fixture(scope="module")
def exported(built_small: Path, tmp_path_factory: pytest.TempPathFactory) -> Tasks:
    out = tmp_path_factory.mktemp("review_errors") / "review.json"
    assert main(["review", "export", str(built_small), "--format", "label-studio", "--out", str(out)]) == 0
    tasks: Tasks = json.loads(out.read_text(encoding="utf-8"))
    return tasks


@pytest.fixture
def reviewed_sources(built_small: Path, exported: Tasks, tmp_path: Path) -> Path:
    """A copy of the small corpus's sources holding the gold files of an earlier, clean import."""
    sources = Path(shutil.copytree(built_small.parent / "sources", tmp_path / "sources"))
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert main(["review", "import", str(clean), "--sources", str(sources)]) == 0
    return sources


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _result(tasks: Tasks, bead_index: int) -> list[dict[str, Any]]:
    task = next(task for task in tasks if task["data"]["bead_index"] == bead_index)
    result: list[dict[str, Any]] = task["predictions"][0]["result"]
    return result


def _entity(tasks: Tasks, bead_index: int, text: str) -> dict[str, Any]:
    return next(item for item in _result(tasks, bead_index)
                if item["from_name"].endswith("_entities") and item["value"]["text"] == text)


def _offset_past_the_text(tasks: Tasks) -> None:
    region = _entity(tasks, 1, "this year")
    region["value"]["end"] = 10_000


def _offsets_moved(tasks: Tasks) -> None:
    _entity(tasks, 1, "this year")["value"]["start"] += 1  # its text no longer matches the offsets


def _unknown_document(tasks: Tasks) -> None:
    for task in tasks:
        task["data"]["document"] = "no-such-document"


def _task_left_out(tasks: Tasks) -> None:
    del tasks[2]


def _one_side_relabelled(tasks: Tasks) -> None:
    _entity(tasks, 1, "this year")["value"]["labels"] = ["TIME"]  # 今年, its linked mention, stays DATE


def _inside_a_word(tasks: Tasks) -> None:
    region = _entity(tasks, 1, "12 percent")
    region["value"].update(end=region["value"]["end"] - 1, text="12 percen")


def _across_sentences(tasks: Tasks) -> None:
    region = _entity(tasks, 1, "this year")
    text = next(task for task in tasks if task["data"]["bead_index"] == 1)["data"]["source_text"]
    end = text.index("Cargo") + len("Cargo")
    region["value"].update(end=end, text=text[region["value"]["start"]:end])


def _paragraph_without_themes(tasks: Tasks) -> None:
    result = _result(tasks, 2)
    result[:] = [item for item in result  # relations have no id of their own
                 if not (item.get("id", "").startswith("p") and item.get("from_name", "").startswith("unit_"))]


def _unit_region_removed(tasks: Tasks) -> None:
    result = _result(tasks, 2)
    result[:] = [item for item in result if not item.get("id", "").startswith("s")]


def _bad_entity_id(tasks: Tasks) -> None:
    region = _entity(tasks, 1, "this year")
    typed = next(item for item in _result(tasks, 1) if item["id"] == region["id"] and item["type"] == "textarea")
    typed["value"]["text"] = ["This Year!"]


TAMPERINGS: list[tuple[str, Callable[[Tasks], None]]] = [
    ("E755", _offset_past_the_text),
    ("E755", _offsets_moved),
    ("E751", _unknown_document),
    ("E753", _task_left_out),
    ("E758", _one_side_relabelled),
    ("E760", _inside_a_word),
    ("E759", _across_sentences),
    ("E763", _paragraph_without_themes),
    ("E761", _unit_region_removed),
    ("E757", _bad_entity_id),
]


@pytest.mark.parametrize(("code", "tamper"), TAMPERINGS, ids=[tamper.__name__.strip("_") for _, tamper in TAMPERINGS])
def test_a_tampered_export_is_refused_with_one_line_and_the_gold_files_stay(
    code: str, tamper: Callable[[Tasks], None], exported: Tasks, reviewed_sources: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tasks = copy.deepcopy(exported)
    tamper(tasks)
    export = tmp_path / "tampered.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    before = _snapshot(reviewed_sources / DOC)
    capsys.readouterr()
    assert main(["review", "import", str(export), "--sources", str(reviewed_sources)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"bicorpus: {code} ") and error.count("\n") == 1, error
    assert _snapshot(reviewed_sources / DOC) == before  # no file changed, no temporary file left


def test_a_changed_text_is_refused(exported: Tasks, reviewed_sources: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = reviewed_sources / DOC / "en.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("east quay", "west quay"), encoding="utf-8")
    export = tmp_path / "review.json"
    export.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    before = _snapshot(reviewed_sources / DOC)
    assert main(["review", "import", str(export), "--sources", str(reviewed_sources)]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E752 ")
    assert _snapshot(reviewed_sources / DOC) == before


def test_a_file_that_is_not_a_label_studio_export_is_refused(built_small: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "review.json"
    export.write_text('{"tasks": []}', encoding="utf-8")
    assert main(["review", "import", str(export), "--sources", str(built_small.parent / "sources")]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E750 ")


def test_a_hand_written_gold_file_is_replaced_only_on_request(exported: Tasks, reviewed_sources: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    themes = reviewed_sources / DOC / "themes.yaml"
    hand_written = "\n".join(themes.read_text(encoding="utf-8").splitlines()[3:]) + "\n"  # without the header
    themes.write_text(hand_written, encoding="utf-8")
    export = tmp_path / "review.json"
    export.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert main(["review", "import", str(export), "--sources", str(reviewed_sources)]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E764 ")
    assert themes.read_text(encoding="utf-8") == hand_written
    assert main(["review", "import", str(export), "--sources", str(reviewed_sources), "--replace"]) == 0
    assert themes.read_text(encoding="utf-8") != hand_written


def test_a_dry_run_writes_nothing(built_small: Path, exported: Tasks, tmp_path: Path) -> None:
    sources = Path(shutil.copytree(built_small.parent / "sources", tmp_path / "sources"))
    export = tmp_path / "review.json"
    export.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    before = _snapshot(sources / DOC)
    assert main(["review", "import", str(export), "--sources", str(sources), "--dry-run"]) == 0
    assert _snapshot(sources / DOC) == before
