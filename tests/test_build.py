"""End-to-end: a sources folder in, a validated dataset out that loads in one call."""

from __future__ import annotations

import re
from pathlib import Path

import datasets
import pytest

from bicorpus.build_signature import installed_signature
from bicorpus.cli import main
from bicorpus.publish import published_snapshot, read_data
from bicorpus.validate import validate_corpus
from conftest import SMALL_EN, SMALL_META, write_document


@pytest.fixture
def built(small_sources: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dataset"
    assert main(["build", "--sources", str(small_sources), "--out", str(out)]) == 0
    return out


def test_build_writes_one_snapshot_of_one_shard_per_config_and_a_card(built: Path):
    # No glossary in the fixture, so no terms config; entities come from the automatic annotators.
    (version,) = (built / "data").iterdir()
    assert re.fullmatch(r"v-[0-9a-f]{12}", version.name)
    configs = ("documents", "en-zh", "entities", "ner_en", "ner_zh", "paragraphs", "sentences")
    assert sorted(p.relative_to(version).as_posix() for p in version.rglob("*") if p.is_file()) == sorted(
        ["manifest.json", *(f"{config}/part-00000.parquet" for config in configs)]
    )
    card = (built / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "config_name: sentences" in card
    assert f"path: data/{version.name}/sentences/*.parquet" in card
    hidden = [p.relative_to(built).as_posix() for p in built.iterdir() if p.name.startswith(".")]
    assert hidden == [".bicorpus-cache"], "no staging folder or lock is left behind, only the record cache"
    assert not [p for p in (built / "data").rglob("*") if p.name.startswith(".")]


@pytest.mark.parametrize("config", ["documents", "paragraphs", "sentences", "en-zh", "entities", "ner_en", "ner_zh"])
def test_each_config_loads_offline_in_one_call_with_typed_features(built: Path, config: str, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    dataset = datasets.load_dataset(str(built.resolve()), config, split="train")
    assert len(dataset) > 0
    if config == "sentences":
        assert isinstance(dataset.features["translation"], datasets.Translation)
        assert isinstance(dataset.features["alignment_type"], datasets.ClassLabel)
        assert dataset.features["alignment_type"].int2str(dataset[0]["alignment_type"]) == "1-1"
        assert set(dataset[0]["translation"]) == {"en", "zh"}


def test_every_sentence_is_in_exactly_one_bead_and_the_duplicate_is_kept(built: Path):
    corpus = read_data(built / "data")
    assert validate_corpus(corpus) == []
    document = corpus.documents[0]
    for lang in ("en", "zh"):
        listed = [sid for row in corpus.sentences for sid in row[f"{lang}_ids"]]
        assert len(listed) == len(set(listed)) == document["sentence_count"][lang]
    duplicates = [p for p in corpus.paragraphs if p["en_duplicate_of"]]
    assert len(duplicates) == 1
    assert duplicates[0]["alignment_type"] == "1-0"
    assert "completed in March" in duplicates[0]["translation"]["en"]
    assert duplicates[0]["en_duplicate_of"] == "harbour-report/en/p001"
    roles = [p["role"] for p in corpus.paragraphs]
    assert roles[0] == "title" and roles[-1] == "attribution" and set(roles[1:-1]) == {"body"}


def test_rebuilding_the_same_sources_gives_identical_bytes(small_sources: Path, tmp_path: Path):
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name
        assert main(["build", "--sources", str(small_sources), "--out", str(out)]) == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_a_failing_build_leaves_the_published_corpus_intact(built: Path, small_sources: Path, capsys):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    (small_sources / "harbour-report" / "zh.txt").write_bytes("标题\n\n正文\n".encode() + b"\xff\n")
    assert main(["build", "--sources", str(small_sources), "--out", str(built)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("bicorpus: ") and "zh.txt:4: not valid UTF-8" in error
    assert len(error.splitlines()) == 1
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


def test_bad_metadata_names_the_file_and_json_pointer(tmp_path: Path, capsys):
    sources = write_document(tmp_path / "sources", meta=SMALL_META.replace("original_language: en", "original_language: English"))
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "meta.yaml at /original_language:" in error
    assert not (tmp_path / "out" / "data").exists()


def test_too_few_paragraphs_for_the_declared_roles_is_an_error(tmp_path: Path, capsys):
    sources = write_document(tmp_path / "sources", en="Only one paragraph.\n")
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "out")]) == 1
    assert "en.txt at /roles: 1 paragraphs" in capsys.readouterr().err


@pytest.mark.parametrize("given", [[], ["--sources", "sources"], ["--out", "out"]])
def test_build_needs_both_sources_and_out(given: list[str], small_sources: Path, tmp_path: Path, monkeypatch, capsys):
    # No default folder: a bare `bicorpus build` must never write into the clone it runs in.
    monkeypatch.chdir(small_sources.parent)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(SystemExit) as stop:
        main(["build", *given])
    assert stop.value.code == 2
    assert "the following arguments are required" in capsys.readouterr().err
    assert sorted(tmp_path.rglob("*")) == before


def test_a_card_above_out_points_at_its_data_and_the_folder_loads(small_sources: Path, tmp_path: Path):
    # The shipped corpus's layout: data in corpus/data, the card at the top as README.md.
    root = tmp_path / "repository"
    out, card = root / "corpus", root / "README.md"
    assert main(["build", "--sources", str(small_sources), "--out", str(out), "--card", str(card)]) == 0
    version = published_snapshot(out).version_dir.name
    assert f"path: corpus/data/{version}/sentences/*.parquet" in card.read_text(encoding="utf-8")
    assert not (out / "README.md").exists()
    sentences = datasets.load_dataset(str(root), "sentences", split="train", cache_dir=str(tmp_path / "cache"))
    assert sentences.num_rows == len(read_data(out / "data").sentences)


def test_a_card_beside_out_is_refused_before_anything_is_written(small_sources: Path, tmp_path: Path, capsys):
    out, card = tmp_path / "dataset", tmp_path / "elsewhere" / "README.md"
    assert main(["build", "--sources", str(small_sources), "--out", str(out), "--card", str(card)]) == 1
    error = capsys.readouterr().err.strip()
    assert error == (
        f"bicorpus: E408 --card {card}: is outside {out} and the folders above it, so its data paths cannot reach "
        f"{out / 'data'}; put the card in {out} or a folder above it"
    )
    assert not out.exists() and not card.parent.exists()


def test_validate_reports_tampered_files_one_line_each(built: Path, capsys):
    import pyarrow.parquet as pq

    path = published_snapshot(built).files("sentences")[0]
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["en_start"] += 1
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)
    assert main(["validate", str(built)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    # The changed file no longer has the manifest's SHA-256: one coded line, and the count.
    assert lines[0].startswith(f"bicorpus: E423 {path}: its SHA-256 differs from the manifest's")
    assert lines[-1] == "1 problem(s)"


def test_validate_and_stats_on_a_good_build(built: Path, capsys):
    assert main(["validate", str(built)]) == 0
    assert main(["stats", str(built)]) == 0
    out = capsys.readouterr().out
    assert "duplicate paragraphs  en 1  zh 0" in out
    assert "sentence beads" in out


def test_validate_and_stats_default_to_the_current_folder(built: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(built)
    assert main(["validate"]) == 0 and main(["stats"]) == 0
    assert re.match(r"data/v-[0-9a-f]{12}: valid$", capsys.readouterr().out.splitlines()[0])
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert main(["validate"]) == 1
    assert capsys.readouterr().err.strip() == (
        "bicorpus: E420 .: no dataset card: neither README.md nor a README.md in a folder above whose data files "
        "point here; name a corpus folder built by bicorpus build (it holds README.md and data/), or build one"
    )


def test_crlf_and_bom_sources_give_the_same_records(small_sources: Path, tmp_path: Path):
    crlf_sources = write_document(tmp_path / "crlf", en="\ufeff" + SMALL_EN.replace("\n", "\r\n"))
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["build", "--sources", str(small_sources), "--out", str(a)]) == 0
    assert main(["build", "--sources", str(crlf_sources), "--out", str(b)]) == 0
    rows_a, rows_b = read_data(a / "data"), read_data(b / "data")
    assert rows_a.sentences == rows_b.sentences
    assert rows_a.documents[0]["source_sha256"]["en"] != rows_b.documents[0]["source_sha256"]["en"]


def test_a_document_without_gold_files_is_annotated_automatically(built: Path):
    corpus = read_data(built / "data")
    assert {s["theme_source"] for s in corpus.sentences} == {"auto"}
    assert corpus.entities and {e["source"] for e in corpus.entities} == {"auto"}
    assert all(s["primary_theme"] in s["themes"] for s in corpus.sentences if s["themes"])
    tags = {tag for row in corpus.ner["zh"] for tag in row["ner_tags"]}
    assert "B-DATE" in tags, "2023年5月4日 in the attribution line is a date"


def test_the_card_lists_only_the_configs_written(built: Path):
    card = (built / "README.md").read_text(encoding="utf-8")
    assert "config_name: terms" not in card and "config_name: ner_zh" in card


def test_parallel_builds_give_the_same_bytes(tmp_path: Path):
    sources = tmp_path / "sources"
    for doc_id in ("harbour-a", "harbour-b", "harbour-c"):
        write_document(sources, doc_id=doc_id)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        assert main(["build", "--sources", str(sources), "--out", str(out), "--jobs", jobs]) == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_records_that_fail_validation_are_not_published(built: Path):
    from bicorpus.errors import CorpusError
    from bicorpus.publish import publish

    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    corpus = read_data(built / "data")
    corpus.sentences[1]["translation"]["zh"] += "多余"  # no longer the slice its offsets name
    with pytest.raises(CorpusError, match=r"validation problem\(s\), nothing published: sentences harbour-report/sp0001"):
        publish([corpus], corpus.pair, built, built / "README.md", lambda sizes, version: "card", installed_signature())
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


def test_documents_stream_into_row_groups_without_changing_the_rows(tmp_path: Path, monkeypatch):
    import pyarrow.parquet as pq

    from bicorpus import publish as publishing

    sources = tmp_path / "sources"
    for doc_id in ("harbour-a", "harbour-b", "harbour-c"):
        write_document(sources, doc_id=doc_id)
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "whole")]) == 0
    monkeypatch.setattr(publishing, "DOCUMENTS_PER_GROUP", 1)
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "streamed")]) == 0
    assert pq.read_metadata(published_snapshot(tmp_path / "streamed").files("sentences")[0]).num_row_groups == 3
    whole, streamed = read_data(tmp_path / "whole" / "data"), read_data(tmp_path / "streamed" / "data")
    assert whole.config_rows() == streamed.config_rows()
    assert validate_corpus(streamed) == []


def test_two_documents_with_one_id_are_refused(small_sources: Path, tmp_path: Path):
    from bicorpus.errors import CorpusError
    from bicorpus.pipeline import build_document
    from bicorpus.publish import publish
    from bicorpus.sources import read_sources

    (records,) = [build_document(doc) for doc in read_sources(small_sources)]
    with pytest.raises(CorpusError, match="already published"):
        publish(
            [records, records], records.pair, tmp_path / "out", tmp_path / "out" / "README.md",
            lambda sizes, version: "card", installed_signature(),
        )
    assert list((tmp_path / "out" / "data").iterdir()) == [], "nothing published, no staging folder left"


def test_the_mt_view_holds_the_body_beads_with_both_sides(built: Path):
    corpus = read_data(built / "data")
    roles = {p["id"]: p["role"] for p in corpus.paragraphs}
    expected = [s["id"] for s in corpus.sentences if roles[s["paragraph"]] == "body" and all(s["translation"].values())]
    assert [row["id"] for row in corpus.translation_pairs] == expected
    # The fixture's title, attribution and English-only duplicate paragraph stay out.
    assert 0 < len(expected) < len(corpus.sentences)
    assert all(row["translation"]["en"] and row["translation"]["zh"] for row in corpus.translation_pairs)


def test_an_mt_view_that_drops_a_pair_is_refused(built: Path):
    corpus = read_data(built / "data")
    del corpus.translation_pairs[0]
    problems = validate_corpus(corpus)
    assert [(p.config, p.pointer) for p in problems] == [("en-zh", "/0")]


def test_a_missing_ner_row_is_reported_for_its_document(built: Path):
    corpus = read_data(built / "data")
    del corpus.ner["zh"][1]
    problems = [p for p in validate_corpus(corpus) if p.config == "ner_zh" and p.pointer == "/id"]
    assert [p.record for p in problems] == [corpus.documents[0]["id"]]
