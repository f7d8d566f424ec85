"""`bicorpus validate` streamed shard by shard: shards, document order, --jobs, and the fast schema pass."""

from __future__ import annotations

import copy
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bicorpus.build_signature import installed_signature
from bicorpus.cli import main
from bicorpus.compiled_schema import compile_schema
from bicorpus.dataset_card import render_card
from bicorpus.features import decode_row
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import (
    CARD_NAME,
    DATA_FOLDER,
    MANIFEST_NAME,
    config_table,
    iter_published,
    manifest_text,
    published_pair,
    published_sizes,
    published_snapshot,
    read_data,
    shard_name,
    shard_rows,
    snapshot_manifest,
    snapshot_version,
)
from bicorpus.published_validation import group_by_document, validate_published
from bicorpus.records import OPTIONAL_CONFIGS, Corpus, config_names, config_schema
from bicorpus.sharding import shard_of
from bicorpus.validate import Problem, validate_corpus

SHIPPED = Path(__file__).resolve().parents[1] / "corpus"
#: The shipped corpus's pair: its codes are the ones these tests write into made-up rows.
PAIR = published_pair(SHIPPED)
SOURCE, TARGET = PAIR

#: Config → rows, the content of one shard.
ShardRows = dict[str, list[dict[str, Any]]]


def write_snapshot(out: Path, pair: LanguagePair, shards: list[ShardRows]) -> Path:
    """Publish ``shards`` (shard k's rows of every config, in the order given) as a corpus in
    ``out`` with the project's own table, manifest and card functions; return ``out``."""
    signature = installed_signature()
    staging = out / DATA_FOLDER / ".staging"
    for number, shard in enumerate(shards):
        for config in config_names(pair):
            rows = shard.get(config, [])
            if config in OPTIONAL_CONFIGS and not any(s.get(config) for s in shards):
                continue
            path = staging / config / shard_name(number)
            path.parent.mkdir(parents=True, exist_ok=True)
            table = config_table(config, pair, rows, signature)
            with pq.ParquetWriter(path, table.schema, compression="zstd") as writer:
                if rows:  # an empty shard file has no row group, as the build writes it
                    writer.write_table(table)
    manifest = snapshot_manifest(staging, pair, signature)
    manifest["shard_count"] = len(shards)
    version = snapshot_version(manifest)
    (staging / MANIFEST_NAME).write_text(manifest_text(manifest), encoding="utf-8")
    staging.rename(out / DATA_FOLDER / version)
    sizes = published_sizes(out / DATA_FOLDER / version, pair)
    (out / CARD_NAME).write_text(render_card(None, sizes, f"{DATA_FOLDER}/{version}", signature, pair), encoding="utf-8")
    return out


def in_shards(documents: list[Corpus], count: int, place: Callable[[str], int] | None = None) -> list[ShardRows]:
    """The rows of ``documents`` split into ``count`` shards (by ``place`` of each id, else
    :func:`shard_of`), by id inside a shard, as a build writes them."""
    shards: list[ShardRows] = [{} for _ in range(count)]
    for records in sorted(documents, key=lambda r: r.documents[0]["id"]):
        doc_id = records.documents[0]["id"]
        shard = shards[place(doc_id) if place else shard_of(doc_id, count)]
        for config, rows in records.config_rows().items():
            shard.setdefault(config, []).extend(copy.deepcopy(rows))
    return shards


@pytest.fixture(scope="module")
def three(built_three: Path) -> list[Corpus]:
    """The three documents of ``built_three`` (harbour-a in shard 1 of 2, harbour-b and -c in 0)."""
    documents = list(iter_published(built_three))
    assert [shard_of(r.documents[0]["id"], 2) for r in documents] == [1, 0, 0]
    return documents


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return read_data(SHIPPED)


def _validate(folder: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str]]:
    status = main(["validate", str(folder), *options])
    captured = capsys.readouterr()
    return status, captured.err.splitlines() + captured.out.splitlines()


def test_a_corpus_in_two_shards_validates(three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_snapshot(tmp_path / "out", three[0].pair, in_shards(three, 2))
    snapshot = published_snapshot(out)
    assert [path.name for path in snapshot.files("documents")] == ["part-00000.parquet", "part-00001.parquet"]
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 0 and lines[-1].endswith(": valid"), lines
    assert list(validate_published(snapshot)) == []
    # Every record of all three documents is read back, none lost between shards.
    assert len(read_data(out).sentences) == sum(len(r.sentences) for r in three)


def test_a_document_in_the_wrong_shard_is_reported(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write_snapshot(tmp_path / "out", three[0].pair, in_shards(three, 2, place=lambda doc_id: 0))
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 1
    assert any(
        "documents harbour-a at /id: is in shard 0, but shard_of puts it in shard 1 of 2" in line for line in lines
    ), lines
    assert lines[-1] == "1 problem(s)"


def test_a_document_id_repeated_in_another_shard_is_reported(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = in_shards(three, 2)
    harbour_b = next(r for r in three if r.documents[0]["id"] == "harbour-b")
    for config, rows in harbour_b.config_rows().items():  # harbour-b again, after harbour-a in shard 1
        shards[1].setdefault(config, []).extend(copy.deepcopy(rows))
    out = write_snapshot(tmp_path / "out", three[0].pair, shards)
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 1
    assert [line for line in lines if " at /id: " in line] == [
        f"bicorpus: {out / DATA_FOLDER / published_snapshot(out).version_dir.name}: documents harbour-b at /id: "
        "is in shard 1, but shard_of puts it in shard 0 of 2"
    ], lines


def test_a_document_id_repeated_inside_a_shard_is_reported(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harbour_b = next(r for r in three if r.documents[0]["id"] == "harbour-b")
    out = write_snapshot(tmp_path / "out", three[0].pair, in_shards([*three, harbour_b], 1))
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 1
    assert any(
        "documents harbour-b at /id: repeats the document before it: document ids must rise strictly inside a shard" in line
        for line in lines
    ), lines


def test_rows_out_of_document_order_are_a_problem_line_not_a_traceback(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shard,) = in_shards(three, 1)
    # The paragraphs of harbour-b before those of harbour-a.
    paragraphs = shard["paragraphs"]
    shard["paragraphs"] = [r for r in paragraphs if r["document"] == "harbour-b"] + [
        r for r in paragraphs if r["document"] != "harbour-b"
    ]
    out = write_snapshot(tmp_path / "out", three[0].pair, [shard])
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 1
    assert all(line.startswith("bicorpus: ") or line.endswith("problem(s)") for line in lines), lines
    assert not any("Traceback" in line for line in lines)
    # Read in document order, harbour-a finds harbour-b's rows first and gets none; harbour-b
    # takes its own and then meets harbour-a's, which belong to no later document.
    late = sum(r["document"] == "harbour-a" for r in paragraphs)
    assert any(
        f"paragraphs harbour-a/pp000 at /document: names document 'harbour-a', which is not the document of shard 0 "
        f"at this point ({late} rows)" in line for line in lines
    ), lines
    assert any("paragraphs harbour-a at /" in line and "beads list 0" in line for line in lines), lines
    assert not any("harbour-b" in line or "harbour-c" in line for line in lines), lines


def test_rows_of_a_document_that_is_not_published_are_reported(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shard,) = in_shards(three, 1)
    stray = copy.deepcopy(shard["sentences"][0])
    stray["document"] = "harbour-z"
    shard["sentences"].append(stray)
    out = write_snapshot(tmp_path / "out", three[0].pair, [shard])
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 1
    assert [line.split(": ", 2)[2] for line in lines[:-1]] == [
        f"sentences {stray['id']} at /document: names document 'harbour-z', which is not the document of shard 0 "
        "at this point (1 row): rows out of document order, or of a document that is not in this shard"
    ]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="--jobs 2 needs two CPUs")
def test_problems_are_the_same_with_one_and_two_jobs(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = in_shards(three, 2)
    shards[0]["sentences"][1]["alignment_type"] = "2-2"  # harbour-b, shard 0
    shards[1][f"ner_{SOURCE}"][0]["text"] = "tampered"  # harbour-a, shard 1
    out = write_snapshot(tmp_path / "out", three[0].pair, shards)
    one = _validate(out, capsys, "--jobs", "1")
    two = _validate(out, capsys, "--jobs", "2")
    assert one == two
    assert one[0] == 1 and len(one[1]) >= 3
    assert any("harbour-a" in line for line in one[1]) and any("harbour-b" in line for line in one[1])


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="--jobs 2 needs two CPUs")
def test_the_workers_are_ended_when_the_reader_stops(three: list[Corpus], tmp_path: Path) -> None:
    """As on an error or Ctrl-C: no worker process is left behind."""
    shards = in_shards(three, 2)
    shards[0]["sentences"][1]["alignment_type"] = "2-2"
    out = write_snapshot(tmp_path / "out", three[0].pair, shards)
    before = set(multiprocessing.active_children())
    problems = validate_published(published_snapshot(out), jobs=2)
    assert next(problems).record == shards[0]["sentences"][1]["id"]
    assert [p for p in multiprocessing.active_children() if p not in before], "validating in worker processes"
    problems.close()
    assert [p for p in multiprocessing.active_children() if p not in before] == []


def test_validate_jobs_out_of_range_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", str(SHIPPED), "--jobs", "0"])
    assert status == 1 and "E440" in capsys.readouterr().err


@pytest.mark.parametrize("config", ["terms", "entities"])
def test_a_term_or_entity_id_of_another_document_is_reported(shipped: Corpus, config: str) -> None:
    """Ids that start with their document's id are unique in the corpus when unique in their
    document: what lets a streaming reader skip a corpus-wide set of ids."""
    records = copy.deepcopy(shipped)
    row = records.config_rows()[config][0]
    row["id"] = "another-document/" + row["id"].split("/", 1)[1]
    doc_id = records.documents[0]["id"]
    assert validate_corpus(records) == [Problem(config, row["id"], "/id", f"does not start with its document's id {doc_id}/")]


def test_rows_read_a_column_at_a_time_are_those_decode_row_gives(built_three: Path) -> None:
    """The fast reader (every reader's: iter_published, read_data, validate) changes no value."""
    for folder in (SHIPPED, built_three):
        snapshot = published_snapshot(folder)
        for config in snapshot.configs():
            for path in snapshot.files(config):
                expected = [decode_row(config, snapshot.pair, row) for row in pq.read_table(path).to_pylist()]
                assert list(shard_rows(path, config, snapshot.pair)) == expected, path


# --- grouping rows by document while streaming --------------------------------------------------

_IDS = st.lists(st.sampled_from([f"doc-{c}" for c in "abcdefgh"]), min_size=0, max_size=6, unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(documents=_IDS, data=st.data())
def test_every_row_is_in_its_document_or_in_a_problem(documents: list[str], data: st.DataObject) -> None:
    """Whatever order rows come in and whatever document they name, a row is either grouped
    with the document it names or counted in a problem; in document order nothing is reported."""
    pair = PAIR
    owners = data.draw(st.lists(st.sampled_from([*documents, "doc-zz"]) if documents else st.just("doc-zz"), max_size=12))
    rows = [{"id": f"{owner}/row{k}", "document": owner} for k, owner in enumerate(owners)]
    grouped = list(group_by_document(0, 1, pair, iter([{"id": d} for d in documents]), {"paragraphs": iter(rows)}))
    records = [item for item in grouped if isinstance(item, Corpus)]
    problems = [p for item in grouped if isinstance(item, list) for p in item]
    assert [r.documents[0]["id"] for r in records] == documents
    attached = sum(len(r.paragraphs) for r in records)
    reported = sum(int(p.message.split("(")[1].split(" ")[0]) for p in problems)
    assert attached + reported == len(rows)
    assert all(row["document"] == r.documents[0]["id"] for r in records for row in r.paragraphs)
    in_order = sorted(rows, key=lambda row: (row["document"], int(row["id"].rsplit("row", 1)[1])))
    if all(row["document"] in documents for row in rows) and rows == in_order:
        assert problems == []


@settings(max_examples=100, deadline=None)
@given(count=st.integers(1, 40), doc_id=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True))
def test_a_document_is_reported_in_exactly_every_shard_but_its_own(count: int, doc_id: str) -> None:
    """The shard check follows shard_of of the id alone: no problem in its own shard, one in any other."""
    pair = PAIR
    for shard in range(min(count, 4)):
        grouped = list(group_by_document(shard, count, pair, iter([{"id": doc_id}]), {}))
        problems = [p for item in grouped if isinstance(item, list) for p in item]
        assert len(problems) == (0 if shard == shard_of(doc_id, count) else 1)


# --- the compiled schema pass -------------------------------------------------------------------


def test_the_compiled_pass_accepts_every_shipped_row(shipped: Corpus) -> None:
    """Otherwise every row would go through jsonschema and nothing would be faster."""
    for config, rows in shipped.config_rows().items():
        check = compile_schema(config_schema(config, shipped.pair))
        assert rows and all(check(row) for row in rows), config


def test_the_compiled_pass_refuses_a_keyword_it_does_not_check() -> None:
    with pytest.raises(ValueError, match="maxLength"):
        compile_schema({"type": "object", "properties": {"id": {"type": "string", "maxLength": 3}}})


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=True) | st.sampled_from(
        ["", " ", "x", SOURCE, "body", "1-1", "gold", "O", "B-PERSON", "a/pp001", "a/sp0001", f"a/{SOURCE}/p001",
         f"a/{TARGET}/s0001\n"]
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["id", "x", SOURCE]), children, max_size=2),
    max_leaves=6,
)


def _mutated(row: Any, data: st.DataObject) -> Any:
    """``row`` with one value somewhere in it replaced, a key dropped or a key added."""
    if isinstance(row, dict) and row and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(row)))
        action = data.draw(st.sampled_from(["descend", "replace", "drop", "add"]))
        if action == "descend":
            return {**row, key: _mutated(row[key], data)}
        if action == "replace":
            return {**row, key: data.draw(_JSON)}
        if action == "drop":
            return {k: v for k, v in row.items() if k != key}
        return {**row, data.draw(st.sampled_from(["extra", SOURCE, f"{TARGET}_ids", "id"])) + "_": data.draw(_JSON)}
    if isinstance(row, list) and row and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(row) - 1))
        return [*row[:index], _mutated(row[index], data), *row[index + 1 :]]
    return data.draw(_JSON)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_compiled_pass_accepts_only_what_jsonschema_accepts(shipped: Corpus, data: st.DataObject) -> None:
    """The fast pass may send a valid row on to jsonschema, never let an invalid one through."""
    config = data.draw(st.sampled_from(list(shipped.config_rows())))
    rows = shipped.config_rows()[config]
    row = _mutated(rows[data.draw(st.integers(0, len(rows) - 1))], data)
    schema = config_schema(config, shipped.pair)
    if compile_schema(schema)(row):
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(row)) == []


def test_schema_problems_are_jsonschemas_own(shipped: Corpus) -> None:
    """A row the fast pass rejects is reported exactly as jsonschema words it."""
    records = copy.deepcopy(shipped)
    records.sentences[2]["score"] = "high"
    records.paragraphs[0]["en_ids"] = ["not-an-id"]
    expected = []
    for config, row in (("paragraphs", records.paragraphs[0]), ("sentences", records.sentences[2])):
        validator = jsonschema.Draft202012Validator(config_schema(config, records.pair))
        expected += [Problem(config, row["id"], "/" + "/".join(map(str, e.absolute_path)), e.message)
                     for e in validator.iter_errors(row)]
    assert validate_corpus(records) == expected and len(expected) == 2


def test_shards_without_documents_validate(
    three: list[Corpus], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three documents in five shards leave two or more shards empty (a hash can leave one
    empty in any corpus): they hold empty files, not problems."""
    out = write_snapshot(tmp_path / "out", three[0].pair, in_shards(three, 5))
    empty = [path for path in published_snapshot(out).files("documents") if pq.read_metadata(path).num_rows == 0]
    assert len(empty) >= 2
    status, lines = _validate(out, capsys, "--jobs", "1")
    assert status == 0, lines
