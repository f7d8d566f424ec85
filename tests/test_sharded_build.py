"""A build splits every config into shards by a stable hash of the document id, and the same
sources give the same bytes whatever the number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.publish import iter_published, published_snapshot, read_data
from bicorpus.sharding import publishing_order, shard_count, shard_of
from bicorpus.validate import validate_corpus
from conftest import write_documents

DOCUMENTS = ("harbour-a", "harbour-b", "harbour-c", "harbour-d", "harbour-e")


@pytest.fixture(scope="module")
def five_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_documents(tmp_path_factory.mktemp("five") / "sources", DOCUMENTS)


@pytest.fixture(scope="module")
def sharded(five_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sharded") / "dataset"
    assert main(["build", "--sources", str(five_sources), "--out", str(out), "--documents-per-shard", "2"]) == 0
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_each_document_is_in_the_shard_its_id_hashes_to_in_every_config(sharded: Path) -> None:
    snapshot = published_snapshot(sharded)
    shards = shard_count(len(DOCUMENTS), 2)
    assert shards == 3 and snapshot.shard_count == 3
    for config in snapshot.configs():
        files = snapshot.files(config)
        assert [path.name for path in files] == [f"part-{k:05d}.parquet" for k in range(shards)]
        for number, path in enumerate(files):
            table = pq.read_table(path)
            documents = table.column("id" if config == "documents" else "document").to_pylist()
            assert {shard_of(doc_id, shards) for doc_id in documents} <= {number}, (config, number)
    per_shard = [pq.read_table(path).column("id").to_pylist() for path in snapshot.files("documents")]
    assert sorted(doc for shard in per_shard for doc in shard) == sorted(DOCUMENTS)
    assert all(shard == sorted(shard) for shard in per_shard)


def test_the_manifest_lists_every_shard_and_the_card_names_them_by_a_glob(sharded: Path) -> None:
    snapshot = published_snapshot(sharded)
    manifest = json.loads((snapshot.version_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shard_count"] == 3
    sentences = next(entry for entry in manifest["configs"] if entry["name"] == "sentences")
    assert [file["path"] for file in sentences["files"]] == [f"sentences/part-{k:05d}.parquet" for k in range(3)]
    assert sum(file["rows"] for file in sentences["files"]) == len(read_data(sharded).sentences)
    card = (sharded / "README.md").read_text(encoding="utf-8")
    assert f"path: data/{snapshot.version_dir.name}/sentences/*.parquet" in card


def test_load_dataset_reads_every_shard_and_streaming_too(sharded: Path, tmp_path: Path) -> None:
    corpus = read_data(sharded)
    loaded = datasets.load_dataset(str(sharded.resolve()), "sentences", split="train", cache_dir=str(tmp_path / "hf"))
    assert sorted(loaded["id"]) == sorted(row["id"] for row in corpus.sentences)
    streamed = datasets.load_dataset(str(sharded.resolve()), "documents", split="train", streaming=True)
    assert sorted(row["id"] for row in streamed) == sorted(DOCUMENTS)


def test_reading_back_follows_the_publishing_order_and_validates(sharded: Path) -> None:
    documents = [records.documents[0]["id"] for records in iter_published(sharded)]
    assert documents == [doc_id for _, doc_id in publishing_order(DOCUMENTS, 3)]
    assert validate_corpus(read_data(sharded)) == []


def test_the_same_sources_give_the_same_bytes_with_one_or_two_workers(five_sources: Path, sharded: Path, tmp_path: Path) -> None:
    out = tmp_path / "two"
    assert main(["build", "--sources", str(five_sources), "--out", str(out), "--documents-per-shard", "2", "--jobs", "2"]) == 0
    assert _files(out) == _files(sharded)


def test_documents_per_shard_below_one_is_refused_before_building(five_sources: Path, tmp_path: Path, capsys) -> None:
    assert main(["build", "--sources", str(five_sources), "--out", str(tmp_path / "x"), "--documents-per-shard", "0"]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E441 --documents-per-shard 0: ")
    assert not (tmp_path / "x").exists()


@given(st.lists(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True), unique=True, max_size=40), st.integers(1, 9))
def test_publishing_order_lists_each_document_once_shard_by_shard_and_by_id(ids: list[str], shards: int) -> None:
    order = publishing_order(ids, shards)
    assert sorted(doc for _, doc in order) == sorted(ids)
    assert order == sorted(order)
    assert all(shard == shard_of(doc, shards) and 0 <= shard < shards for shard, doc in order)


@given(st.text(min_size=1, max_size=30), st.integers(1, 1000))
def test_a_documents_shard_depends_on_its_id_and_the_number_of_shards_only(doc_id: str, shards: int) -> None:
    # The same answer from a fresh computation (no salted hash, no state): any process agrees.
    assert shard_of(doc_id, shards) == shard_of(str(doc_id), shards) == publishing_order([doc_id], shards)[0][0]
