"""The export stage's frame: streaming a published corpus, the format registry, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import export_format, format_names
from bicorpus.publish import iter_published, read_data
from conftest import REPOSITORY

SHIPPED = REPOSITORY / "corpus"


def test_streaming_a_corpus_gives_the_records_read_whole():
    whole = read_data(SHIPPED / "data")
    streamed = list(iter_published(SHIPPED / "data"))
    assert [records.documents[0]["id"] for records in streamed] == [d["id"] for d in whole.documents]
    merged = streamed[0]
    for records in streamed[1:]:
        merged.extend(records)
    assert merged.config_rows() == whole.config_rows()


def test_streaming_several_documents_keeps_each_documents_rows_together(built_three: Path):
    documents = list(iter_published(built_three / "data"))
    assert [records.documents[0]["id"] for records in documents] == ["harbour-a", "harbour-b", "harbour-c"]
    for records in documents:
        (doc_id,) = {row["document"] for rows in list(records.config_rows().values())[1:] for row in rows}
        assert doc_id == records.documents[0]["id"]


def test_every_registered_format_has_a_module():
    for name in format_names():
        assert export_format(name).name == name


def test_an_unknown_format_is_a_coded_error():
    with pytest.raises(CorpusError, match="E701"):
        export_format("docx")


def test_jsonl_writes_every_bead_with_label_names(tmp_path: Path, capsys):
    out = tmp_path / "beads.jsonl"
    assert main(["export", str(SHIPPED), "--format", "jsonl", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == read_data(SHIPPED / "data").sentences
    assert lines[0]["alignment_type"] == "1-1" and isinstance(lines[0]["themes"][0], str)


@pytest.mark.parametrize("fmt", ["conllu", "conll2003"])
def test_a_one_language_format_without_lang_is_e702_and_with_a_foreign_lang_e703(fmt: str, tmp_path: Path, capsys):
    out = tmp_path / "out.txt"
    assert main(["export", str(SHIPPED), "--format", fmt, "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("bicorpus: E702 ")
    assert main(["export", str(SHIPPED), "--format", fmt, "--lang", "de", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("bicorpus: E703 ")
    assert not out.exists()
