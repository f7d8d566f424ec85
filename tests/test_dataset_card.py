"""The dataset card: its metadata holds only values the Hub documents, and its sizes are the
ones ``datasets`` computes when it loads the Parquet files.

Checked for the shipped README.md and for a card that ``bicorpus build`` writes for a user's
corpus. Where ``datasets`` ships the list of allowed values (``datasets/utils/resources``)
it is read from there; the Hub's licence ids and task ids are not shipped by any installed
package, so their identifiers are kept below.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import datasets
import pytest
from huggingface_hub import DatasetCard

from bicorpus.cli import main
from conftest import REPOSITORY, SMALL_EN, SMALL_ZH, write_document

RESOURCES = Path(datasets.__file__).parent / "utils" / "resources"


def _card_sizes(card: DatasetCard) -> dict[str, tuple[int, int]]:
    """Config → (num_bytes, num_examples) of its train split, as the card states them."""
    sizes = {}
    for info in card.data.get("dataset_info"):
        (split,) = info["splits"]
        assert split["name"] == "train"
        sizes[info["config_name"]] = (split["num_bytes"], split["num_examples"])
    return sizes


def _loaded_sizes(folder: Path, configs: list[str], cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, int]]:
    """Config → (num_bytes, num_examples) that ``datasets`` computes loading ``folder``."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    sizes = {}
    for config in configs:
        dataset = datasets.load_dataset(str(folder), config, split="train", cache_dir=str(cache / config))
        split = dataset.info.splits["train"]
        sizes[config] = (split.num_bytes, split.num_examples)
    return sizes


#: A longer version of the small document: one more sentence and one more paragraph.
LONGER_EN = SMALL_EN.replace("two years.\n", "two years. The port pays for the work.\n\nShips will wait less.\n")
LONGER_ZH = SMALL_ZH.replace("工期两年。\n", "工期两年。费用由港口承担。\n\n船舶等候时间将缩短。\n")


@pytest.fixture(scope="module")
def user_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's corpus built by the real build: two documents of different lengths."""
    root = tmp_path_factory.mktemp("user")
    sources = write_document(root / "sources", doc_id="harbour-a")
    write_document(sources, doc_id="harbour-b", en=LONGER_EN, zh=LONGER_ZH)
    out = root / "dataset"
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    return out


def test_shipped_card_sizes_are_what_load_dataset_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    card = DatasetCard.load(REPOSITORY / "README.md")
    stated = _card_sizes(card)
    assert stated == _loaded_sizes(REPOSITORY, list(stated), tmp_path, monkeypatch)


def test_user_card_sizes_are_what_load_dataset_reports(user_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    stated = _card_sizes(DatasetCard.load(user_corpus / "README.md"))
    assert stated == _loaded_sizes(user_corpus, list(stated), tmp_path, monkeypatch)


def test_sizes_follow_datasets_over_many_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # One row group per document: the documents config is read as one-row batches, and the
    # longer second document's row groups are split into batches of the first one's size.
    from bicorpus import publish as publishing

    sources = write_document(tmp_path / "sources", doc_id="harbour-a")
    for doc_id in ("harbour-b", "harbour-c"):
        write_document(sources, doc_id=doc_id, en=LONGER_EN, zh=LONGER_ZH)
    monkeypatch.setattr(publishing, "DOCUMENTS_PER_GROUP", 1)
    out = tmp_path / "dataset"
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    stated = _card_sizes(DatasetCard.load(out / "README.md"))
    assert stated == _loaded_sizes(out, list(stated), tmp_path / "cache", monkeypatch)


def _resource(name: str) -> Any:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def test_each_language_text_carries_its_own_licence():
    from bicorpus.publish import read_data
    from bicorpus.sources import read_metadata

    folder = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31"
    licence = read_metadata(folder / "meta.yaml")["license"]
    (document,) = read_data(REPOSITORY / "corpus" / "data").documents
    assert document["text_license"] == {lang: licence["texts"][lang]["id"] for lang in ("en", "zh")}
    assert document["text_license_note"] == {lang: licence["texts"][lang]["note"] for lang in ("en", "zh")}
    assert (document["annotation_license"], document["annotation_license_note"]) == (licence["annotations"]["id"], licence["annotations"]["note"])
    # The English is third-party text: this corpus grants no licence for it; the Chinese it made.
    assert document["text_license"] == {"en": "NOASSERTION", "zh": "CC-BY-4.0"}
    assert "publisher" in document["text_license_note"]["en"]


def test_a_licence_that_is_not_an_spdx_id_names_the_file_and_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from conftest import SMALL_META

    meta = SMALL_META.replace('en: {id: CC-BY-4.0', 'en: {id: "CC BY 4.0"')
    assert meta != SMALL_META
    sources = write_document(tmp_path / "sources", meta=meta)
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "meta.yaml at /license/texts/en/id:" in error
