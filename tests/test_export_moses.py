"""The moses export: line-aligned PATH.<lang> and PATH.ids files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.export import ExportOptions
from bicorpus.export.moses import LINE_BREAKS, one_line, write_moses
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import read_data
from bicorpus.records import Corpus
from bicorpus.unit_ids import parse_unit_id
from conftest import REPOSITORY

SHIPPED = REPOSITORY / "corpus"

QUAY_META = """\
id: quay-note
title: {en: "A note on the old quay", zh: "关于旧码头的说明"}
speaker: {en: "The archivist", zh: "档案员"}
event: {en: "Harbour history evening", zh: "港口历史之夜"}
date_delivered: "2023-06-01"
original_language: en
roles:
  leading: [title]
  trailing: []
languages:
  en: {file: en.txt, provenance: "Written for the bicorpus test suite.", translated_from: null}
  zh: {file: zh.txt, provenance: "Translated for the bicorpus test suite.", translated_from: en}
license:
  texts:
    en: {id: CC-BY-4.0, note: "Made up for tests."}
    zh: {id: CC-BY-4.0, note: "Made up for tests."}
  annotations: {id: CC-BY-4.0, note: "Made up for tests."}
"""
# Two English paragraphs that the Chinese writes as one, its middle sentence taking the end of
# the first and the start of the second.
QUAY_EN = """\
A note on the old quay

The old quay is the oldest part of the harbour. It was built of granite in 1850.

Today it is busier than ever. Fishing boats land their catch there every morning.
"""
QUAY_ZH = """\
关于旧码头的说明

旧码头是港口最古老的部分。它于1850年用花岗岩建成，如今比以往任何时候都繁忙。渔船每天早上在那里卸下渔获。
"""


@pytest.fixture(scope="module")
def built_quay(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus whose 2-1 paragraph bead gives a sentence bead spanning a paragraph break."""
    root = tmp_path_factory.mktemp("quay")
    folder = root / "sources" / "quay-note"
    folder.mkdir(parents=True)
    (folder / "meta.yaml").write_text(QUAY_META, encoding="utf-8")
    (folder / "en.txt").write_text(QUAY_EN, encoding="utf-8")
    (folder / "zh.txt").write_text(QUAY_ZH, encoding="utf-8")
    assert main(["build", "--sources", str(root / "sources"), "--out", str(root / "out")]) == 0
    return root / "out"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def _export(corpus: Path, out: Path, *extra: str) -> dict[str, list[str]]:
    assert main(["export", str(corpus), "--format", "moses", "--out", str(out), *extra]) == 0
    return {name: _lines(out.with_name(f"{out.name}.{name}")) for name in ("en", "zh", "ids")}


def test_line_k_of_every_file_is_bead_k_without_the_null_beads(tmp_path: Path, capsys):
    files = _export(SHIPPED, tmp_path / "nqpf")
    assert capsys.readouterr().out.split() == [str(tmp_path / f"nqpf.{name}") for name in ("en", "zh", "ids")]
    beads = [b for b in read_data(SHIPPED / "data").sentences if b["translation"]["en"] and b["translation"]["zh"]]
    assert len(files["en"]) == len(files["zh"]) == len(files["ids"]) == len(beads) == 63
    for k, bead in enumerate(beads):
        assert (files["en"][k], files["zh"][k], files["ids"][k]) == (
            bead["translation"]["en"], bead["translation"]["zh"], bead["id"]
        )


def test_keep_null_writes_an_empty_line_for_the_empty_side(tmp_path: Path):
    files = _export(SHIPPED, tmp_path / "nqpf", "--keep-null")
    beads = read_data(SHIPPED / "data").sentences
    assert files["ids"] == [b["id"] for b in beads]
    assert files["zh"].count("") == 2 and len(files["en"]) == len(files["zh"]) == 65


def test_several_documents_follow_each_other_in_order(built_three: Path, tmp_path: Path):
    files = _export(built_three, tmp_path / "three", "--keep-null")
    assert files["ids"] == [b["id"] for b in read_data(built_three / "data").sentences]
    documents = [parse_unit_id(bead_id).document for bead_id in files["ids"]]
    assert sorted(set(documents)) == ["harbour-a", "harbour-b", "harbour-c"] and documents == sorted(documents)


def test_a_bead_spanning_a_paragraph_break_stays_on_one_line(built_quay: Path, tmp_path: Path):
    beads = read_data(built_quay / "data").sentences
    spanning = [b for b in beads if "\n" in b["translation"]["en"]]
    # It happens in a real build: the sentence bead holds the blank line between two paragraphs.
    assert [b["translation"]["en"] for b in spanning] == ["It was built of granite in 1850.\n\nToday it is busier than ever."]
    files = _export(built_quay, tmp_path / "quay")
    assert len(files["en"]) == len(files["zh"]) == len(files["ids"]) == len(beads)
    k = files["ids"].index(spanning[0]["id"])
    assert files["en"][k] == "It was built of granite in 1850. Today it is busier than ever."
    assert files["zh"][k] == spanning[0]["translation"]["zh"]


def test_one_line_replaces_each_run_of_whitespace_holding_a_break_by_one_space():
    assert one_line("a.\n\nb.") == "a. b."
    assert one_line("a. \r\n  b.\u2028c") == "a. b. c"
    assert one_line("no break,  two spaces\tand a tab") == "no break,  two spaces\tand a tab"


def _document(texts: list[tuple[str, str]]) -> Corpus:
    records = Corpus(LanguagePair("en", "zh"))
    for k, (en, zh) in enumerate(texts):
        records.sentences.append({"id": f"doc/sp{k:04d}", "translation": {"en": en, "zh": zh}})
    return records


SIDE = st.text(alphabet=st.one_of(st.sampled_from(f" \t{LINE_BREAKS}<&>😀"), st.characters(blacklist_categories=("Cs",))),
               min_size=1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(SIDE, SIDE), min_size=1, max_size=5))
def test_any_beads_round_trip_one_line_each(tmp_path: Path, texts: list[tuple[str, str]]):
    paths = write_moses([_document(texts)], tmp_path / "round", ExportOptions())
    en, zh, ids = (path.read_text(encoding="utf-8").split("\n")[:-1] for path in paths)
    assert len(en) == len(zh) == len(ids) == len(texts)
    for k, (source, target) in enumerate(texts):
        for written, text in ((en[k], source), (zh[k], target)):
            # Same words, no line break left, and a text without breaks is written unchanged.
            assert written.split() == text.split()
            assert not any(ch in LINE_BREAKS for ch in written)
            if not any(ch in LINE_BREAKS for ch in text):
                assert written == text
        assert ids[k] == f"doc/sp{k:04d}"
