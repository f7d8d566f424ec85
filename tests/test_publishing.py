"""Publishing: immutable snapshots named by their manifest, one card that points at one of them,
readers that follow the card, and a validate that fails exactly where ``load_dataset`` does."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasets.exceptions import DatasetGenerationError, NonMatchingSplitsSizesError

from bicorpus.cli import main
from bicorpus.publish import MANIFEST_NAME, file_sha256, published_snapshot, read_data, snapshot_version
from conftest import REPOSITORY, SMALL_EN, SMALL_ZH, write_document
from fault_harness import snapshot

#: The small document with one sentence more: another corpus, so another snapshot.
CHANGED_EN = SMALL_EN.replace("two years.\n", "two years. The port pays for it.\n")
CHANGED_ZH = SMALL_ZH.replace("工期两年。\n", "工期两年。费用由港口承担。\n")


@pytest.fixture
def published(built_small: Path) -> Path:
    """The small document's corpus (shared by the session); tests copy it before changing anything."""
    return built_small


def _copy(published: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(published, tmp_path / "dataset"))


def _load(folder: Path, config: str = "sentences") -> datasets.Dataset:
    return datasets.load_dataset(str(folder.resolve()), config, split="train", cache_dir=str(folder.parent / ".hf-cache"))


def _validate_lines(capsys: pytest.CaptureFixture[str], folder: Path) -> list[str]:
    """Run ``bicorpus validate`` expecting exit 1; its stderr lines less the closing count."""
    capsys.readouterr()  # what loading printed before
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    if lines[-1].endswith("problem(s)"):
        assert lines[-1] == f"{len(lines) - 1} problem(s)"
        lines = lines[:-1]
    assert all(re.match(r"bicorpus: E4\d\d ", line) for line in lines), lines
    return lines


def test_the_snapshot_is_named_by_its_manifest_which_lists_every_file(published: Path):
    found = published_snapshot(published)
    manifest = json.loads((found.version_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert found.version_dir.name == snapshot_version(manifest) and found.card_path == published / "README.md"
    assert manifest["pair"] == ["en", "zh"] and manifest["format"] == 1
    for entry in manifest["configs"]:
        (file,) = entry["files"]
        assert file["path"] == f"{entry['name']}/part-00000.parquet"
        assert file["sha256"] == file_sha256(found.version_dir / file["path"])
        assert file["rows"] == pq.read_metadata(found.version_dir / file["path"]).num_rows


def test_a_rebuild_of_unchanged_sources_reuses_the_snapshot_byte_for_byte(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    before = snapshot(out)
    sources = write_document(tmp_path / "sources")
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert snapshot(out) == before


def test_readers_find_the_card_above_the_folder_as_the_shipped_corpus_has_it():
    for folder in (REPOSITORY / "corpus", REPOSITORY / "corpus" / "data"):
        found = published_snapshot(folder)
        assert found.card_path == REPOSITORY / "README.md"
        assert found.version_dir.parent == REPOSITORY / "corpus" / "data"


def test_a_rebuild_replaces_the_snapshot_keeps_the_users_files_and_rewrites_the_counts(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    (out / "data" / "my-notes.txt").write_text("mine", encoding="utf-8")
    (out / "extra.csv").write_text("a,b\n", encoding="utf-8")
    old = published_snapshot(out).version_dir
    assert "Configs: 1 documents, 5 paragraphs, 9 sentences" in (out / "README.md").read_text(encoding="utf-8")
    sources = write_document(tmp_path / "sources", en=CHANGED_EN, zh=CHANGED_ZH)
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    new = published_snapshot(out).version_dir
    assert new != old and not old.exists()
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted(["my-notes.txt", new.name])
    assert (out / "extra.csv").read_text(encoding="utf-8") == "a,b\n"
    card = (out / "README.md").read_text(encoding="utf-8")
    # The body's generated counts follow the build (they were the first build's before).
    assert card.count("Configs: 1 documents, 5 paragraphs, 10 sentences") == 1 and "9 sentences" not in card
    assert _load(out).num_rows == 10


def test_a_hand_written_body_is_kept_as_it_is(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    card = (out / "README.md").read_text(encoding="utf-8")
    front, _, _ = card.partition("\n---\n")
    (out / "README.md").write_text(f"{front}\n---\n# My corpus\n\nNine sentences, as I counted them.\n", encoding="utf-8")
    sources = write_document(tmp_path / "sources", en=CHANGED_EN, zh=CHANGED_ZH)
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert "\n---\n# My corpus\n\nNine sentences, as I counted them.\n\n## Build signature" in (out / "README.md").read_text(
        encoding="utf-8"
    )


def test_a_build_removes_what_killed_builds_left_and_nothing_else(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    current = published_snapshot(out).version_dir
    left = [
        out / "data" / ".staging-0123456789ab" / "sentences",
        out / ".bicorpus-build-x1y2z3" / "data",
        out / ".data.previous-4242",
    ]
    for folder in left:
        folder.mkdir(parents=True)
    orphan = shutil.copytree(current, out / "data" / "v-0000000000aa")  # a snapshot no card names
    (out / ".README.md.bicorpus-tmp-abc").write_text("half a card", encoding="utf-8")
    kept = [out / "data" / "v-0000000000bb" / "mine.txt", out / "data" / ".staging-notes.txt", out / "data" / "v-notes"]
    kept[0].parent.mkdir()
    for path in kept:
        path.write_text("not bicorpus's", encoding="utf-8")
    sources = write_document(tmp_path / "sources")
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert not any(p.exists() for p in [*left, orphan, out / ".README.md.bicorpus-tmp-abc"])
    assert all(p.read_text(encoding="utf-8") == "not bicorpus's" for p in kept)
    assert current.is_dir()


def test_a_corpus_of_the_old_layout_moves_to_a_snapshot_and_only_its_listed_files_go(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    found = published_snapshot(out)
    card = (out / "README.md").read_text(encoding="utf-8")
    for config in found.configs():
        shutil.copy(found.files(config)[0], out / "data" / f"{config}.parquet")
        card = card.replace(f"data/{found.version_dir.name}/{config}/*.parquet", f"data/{config}.parquet")
    shutil.rmtree(found.version_dir)
    (out / "README.md").write_text(card, encoding="utf-8")
    (out / "data" / "terms.parquet").write_text("a config the old card did not list", encoding="utf-8")
    (out / "data" / "my-notes.txt").write_text("mine", encoding="utf-8")
    sources = write_document(tmp_path / "sources")
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted([found.version_dir.name, "my-notes.txt", "terms.parquet"])
    assert _load(out).num_rows == 9


def test_a_data_folder_that_is_a_symlink_to_another_disk_is_published_through(published: Path, tmp_path: Path):
    out = _copy(published, tmp_path)
    elsewhere = Path(shutil.move(str(out / "data"), tmp_path / "other-disk"))
    (out / "data").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "my-notes.txt").write_text("mine", encoding="utf-8")
    sources = write_document(tmp_path / "sources", en=CHANGED_EN, zh=CHANGED_ZH)
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert (out / "data").is_symlink()
    new = published_snapshot(out).version_dir
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted([new.name, "my-notes.txt"])
    assert "path: data/v-" in (out / "README.md").read_text(encoding="utf-8")
    assert _load(out).num_rows == 10 and main(["validate", str(out)]) == 0


# --- validate fails wherever load_dataset fails -----------------------------------------------

def _edit_card(change: Callable[[str], str]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        card = folder / "README.md"
        card.write_text(change(card.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def _sentences_split(field: str, delta: int) -> Callable[[str], str]:
    def change(card: str) -> str:
        pattern = rf"(config_name: sentences\n  features:.*?{field}: )(\d+)"
        return re.sub(pattern, lambda m: m.group(1) + str(int(m.group(2)) + delta), card, count=1, flags=re.S)

    return change


def _extra_column(folder: Path) -> None:
    path = published_snapshot(folder).files("sentences")[0]
    table = pq.read_table(path)
    pq.write_table(table.append_column("note", pa.array(["x"] * table.num_rows)), path)


def _delete_file(folder: Path) -> None:
    published_snapshot(folder).files("sentences")[0].unlink()


@pytest.mark.parametrize(
    ("case", "break_it", "load_error", "codes"),
    [
        ("front matter not closed", _edit_card(lambda t: t.replace("\n---\n", "\n", 1)), ValueError, ["E406"]),
        ("no front matter", _edit_card(lambda t: t.split("\n---\n", 1)[1]), ValueError, ["E421"]),
        ("wrong num_examples", _edit_card(_sentences_split("num_examples", 1)), NonMatchingSplitsSizesError, ["E426"]),
        ("wrong data path", _edit_card(lambda t: t.replace("/sentences/*.parquet", "/sentence/*.parquet")),
         NonMatchingSplitsSizesError, ["E421"]),
        ("an extra Parquet column", _extra_column, DatasetGenerationError, ["E423", "E425", "E402"]),
        ("a deleted Parquet file", _delete_file, NonMatchingSplitsSizesError, ["E423", "E424", "E426"]),
    ],
)
def test_validate_fails_one_line_per_problem_where_load_dataset_fails(
    case: str, break_it: Callable[[Path], None], load_error: type[Exception], codes: list[str],
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
):
    out = _copy(published, tmp_path)
    break_it(out)
    with pytest.raises(load_error):
        _load(out)
    lines = _validate_lines(capsys, out)
    assert [line.split()[1] for line in lines] == codes, lines


def test_a_wrong_num_bytes_is_reported_though_loading_works(published: Path, tmp_path: Path, capsys):
    # datasets does not check num_bytes, but the card must state what loading computes.
    out = _copy(published, tmp_path)
    _edit_card(_sentences_split("num_bytes", 1))(out)
    assert _load(out).num_rows == 9
    (line,) = _validate_lines(capsys, out)
    assert re.search(r"E426 .*README.md at /dataset_info: dataset_info of sentences states num_bytes \d+, loading computes", line)


def test_a_snapshot_without_its_manifest_is_e422_for_every_reader(published: Path, tmp_path: Path, capsys):
    out = _copy(published, tmp_path)
    (out / "data").joinpath(published_snapshot(published).version_dir.name, MANIFEST_NAME).unlink()
    for command in ("validate", "stats"):
        assert main([command, str(out)]) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert line.startswith("bicorpus: E422 ") and "manifest.json: missing" in line
    with pytest.raises(Exception, match="E422"):
        read_data(out)
