"""The dataset card: its metadata holds only values the Hub documents, and its sizes are the
ones ``datasets`` computes when it loads the Parquet files.

Checked for the shipped README.md and for a card that ``bicorpus build`` writes for a user's
corpus. Where ``datasets`` ships the list of allowed values (``datasets/utils/resources``)
it is read from there; the Hub's licence ids and task ids are not shipped by any installed
package, so their identifiers are kept below.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import datasets
import pytest
from huggingface_hub import DatasetCard

from bicorpus.cli import main
from conftest import REPOSITORY, SMALL_EN, SMALL_ZH, write_document

RESOURCES = Path(datasets.__file__).parent / "utils" / "resources"
HELDOUT = REPOSITORY / "tests" / "annotation_heldout" / "harbour-forum-2025"

# The Hub's licence identifiers, from the table of the Hub documentation page "Licenses"
# (huggingface.co/docs/hub/repositories-licenses).
HUB_LICENSES = frozenset("""
    apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0
    bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause
    bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5 cc-by-3.0 cc-by-4.0 cc-by-sa-3.0
    cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0
    cc-by-nc-nd-4.0 cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0
    cdla-permissive-1.0 cdla-permissive-2.0 wtfpl ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1
    agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl lgpl-2.1 lgpl-3.0 isc lppl-1.3c ms-pl mpl-2.0 odc-by
    odbl openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense zlib pddl lgpl-lr
    deepfloyd-if-license llama2 gemma unknown other
""".split())

# The Hub's task categories of text and their sub-tasks (the card's task_ids), from the task
# list the Hub uses, PIPELINE_DATA in huggingface.js, packages/tasks/src/pipelines.ts (the
# categories a text dataset may take; image, audio and other modalities left out).
HUB_TASKS: dict[str, frozenset[str]] = {
    "text-classification": frozenset(
        """
        acceptability-classification entity-linking-classification fact-checking
        intent-classification language-identification multi-class-classification
        multi-label-classification multi-input-text-classification natural-language-inference
        semantic-similarity-classification sentiment-classification topic-classification
        semantic-similarity-scoring sentiment-scoring sentiment-analysis hate-speech-detection
        text-scoring
    """.split()
    ),
    "token-classification": frozenset(
        """
        named-entity-recognition part-of-speech parsing lemmatization word-sense-disambiguation
        coreference-resolution
    """.split()
    ),
    "table-question-answering": frozenset(),
    "question-answering": frozenset({"extractive-qa", "open-domain-qa", "closed-domain-qa"}),
    "zero-shot-classification": frozenset(),
    "translation": frozenset(),
    "summarization": frozenset({"news-articles-summarization", "news-articles-headline-generation"}),
    "feature-extraction": frozenset(),
    "text-generation": frozenset({"dialogue-modeling", "dialogue-generation", "conversational", "language-modeling"}),
    "sentence-similarity": frozenset(),
    "text-ranking": frozenset(),
    "text-retrieval": frozenset(
        {"document-retrieval", "utterance-retrieval", "entity-linking-retrieval", "fact-checking-retrieval"}
    ),
}

#: The Hub asks for a lowercase-hyphen name with ``license: other``.
LICENSE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
    """A user's corpus built by the real build: two documents of different lengths without
    gold annotations, and one with gold entities and themes; CC-BY-4.0 throughout."""
    root = tmp_path_factory.mktemp("user")
    sources = write_document(root / "sources", doc_id="harbour-a")
    write_document(sources, doc_id="harbour-b", en=LONGER_EN, zh=LONGER_ZH)
    shutil.copytree(HELDOUT, sources / HELDOUT.name)
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
    assert (document["annotation_license"], document["annotation_license_note"]) == (
        licence["annotations"]["id"],
        licence["annotations"]["note"],
    )
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


# --- metadata values the Hub documents ------------------------------------------------------


def _size_bounds(category: str) -> tuple[int, float]:
    """(lower, upper) row counts of a Hub size category such as '1K<n<10K' or 'n>1T'."""
    scale = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}

    def number(text: str) -> int:
        return int(text[:-1]) * scale[text[-1]]

    if category.startswith("n<"):
        return 0, number(category[2:])
    if category.startswith("n>"):
        return number(category[2:]), float("inf")
    low, high = category.split("<n<")
    return number(low), number(high)


def check_card_metadata(card_path: Path) -> DatasetCard:
    """Every metadata value of the card at ``card_path`` is one the Hub documents."""
    card = DatasetCard(card_path.read_text(encoding="utf-8"), ignore_metadata_errors=False)
    data = card.data
    creators, languages = _resource("creators.json"), _resource("languages.json")

    assert data.license in HUB_LICENSES
    if data.license == "other":
        assert LICENSE_NAME.match(data.get("license_name") or ""), "license: other needs a lowercase-hyphen license_name"
    link = data.get("license_link")
    if link is not None:
        assert (card_path.parent / link).is_file(), f"license_link {link!r} names no file beside the card"
    assert data.language and set(data.language) <= set(languages)
    assert data.multilinguality and set(data.multilinguality) <= set(_resource("multilingualities.json"))
    assert data.annotations_creators and set(data.annotations_creators) <= set(creators["annotations"])
    assert set(data.language_creators or []) <= set(creators["language"])
    assert data.task_categories and set(data.task_categories) <= set(HUB_TASKS)
    for task_id in data.task_ids or []:
        assert any(task_id in HUB_TASKS[category] for category in data.task_categories), (
            f"{task_id} is no sub-task of the card's categories"
        )
    for source in data.source_datasets or []:
        assert source == "original" or source.startswith("extended|")
    (size,) = data.size_categories
    assert size in _resource("size_categories.json") and size != "unknown"
    default = next(c["config_name"] for c in data.get("configs") if c.get("default"))
    low, high = _size_bounds(size)
    assert low <= _card_sizes(card)[default][1] < high
    return card


def test_the_shipped_card_uses_only_hub_values():
    card = check_card_metadata(REPOSITORY / "README.md")
    # Hand-curated entities, themes and glossary; the alignment is automatic but checked
    # against a gold file, so nothing in the shipped annotation is unchecked machine output.
    assert card.data.annotations_creators == ["expert-generated"]
    assert card.data.license == "other" and card.data.license_link == "LICENSE"
    assert {"translation", "token-classification", "text-classification"} <= set(card.data.task_categories)


def test_a_card_written_for_a_users_corpus_uses_only_hub_values(user_corpus: Path):
    card = check_card_metadata(user_corpus / "README.md")
    # CC-BY-4.0 for every text and the annotations of every document: the Hub's own id.
    assert card.data.license == "cc-by-4.0" and card.data.get("license_name") is None
    # One document had gold entity and theme files, the others were annotated automatically.
    assert card.data.annotations_creators == ["expert-generated", "machine-generated"]
    assert "- Text in `zh`: CC-BY-4.0 (3)" in card.text


def test_a_users_corpus_of_mixed_licences_gets_other_with_a_name_and_says_why(tmp_path: Path):
    from conftest import SMALL_META

    third_party = SMALL_META.replace(
        'en: {id: CC-BY-4.0, note: "Made up for tests."}',
        'en: {id: NOASSERTION, note: "Third-party text, rights with its publisher."}',
    )
    assert third_party != SMALL_META
    sources = write_document(tmp_path / "sources", doc_id="harbour-a")
    write_document(sources, doc_id="harbour-b", meta=third_party)
    out = tmp_path / "dataset"
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    card = check_card_metadata(out / "README.md")
    assert card.data.license == "other"
    assert card.data.get("license_name") == "cc-by-4-0-and-third-party-text"
    assert card.data.annotations_creators == ["machine-generated"]
    assert "- Text in `en`: CC-BY-4.0 (1); NOASSERTION, no licence granted: third-party text (1)" in card.text


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["Apache-2.0"], {"license": "apache-2.0"}),
        (["GPL-3.0-only"], {"license": "gpl-3.0"}),
        (["GPL-3.0-or-later"], {"license": "other", "license_name": "gpl-3-0-or-later"}),
        (["LicenseRef-Harbour-Terms"], {"license": "other", "license_name": "licenseref-harbour-terms"}),
        (["CC-BY-4.0", "CC-BY-SA-4.0"], {"license": "other", "license_name": "cc-by-4-0-and-cc-by-sa-4-0"}),
        ([], {"license": "unknown"}),
    ],
)
def test_hub_licence_of_the_ids_a_build_saw(ids: list[str], expected: dict[str, str]):
    from collections import Counter

    from bicorpus.dataset_card import CorpusFacts, hub_licence

    result = hub_licence(CorpusFacts(licences=Counter({("en", spdx): 1 for spdx in ids})))
    assert result == expected
    assert result["license"] in HUB_LICENSES and LICENSE_NAME.match(result.get("license_name", "x"))


@pytest.mark.parametrize(
    ("rows", "category"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (10**9, "1B<n<10B"), (10**12, "n>1T")]
)
def test_size_categories_are_the_hubs(rows: int, category: str):
    from bicorpus.dataset_card import _size_category

    assert _size_category(rows) == category and category in _resource("size_categories.json")
    low, high = _size_bounds(category)
    assert low <= rows < high or rows == 0


# --- the card's body -------------------------------------------------------------------------


def _section(body: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", body, flags=re.S | re.M)
    assert match, f"the card has no section '## {title}'"
    return match.group(1)


def test_the_card_has_uses_limitations_bias_licence_and_citation_sections():
    body = DatasetCard.load(REPOSITORY / "README.md").text
    for title in ("Uses", "Limitations", "Bias", "Licence", "Citation"):
        assert _section(body, title).strip()


def test_the_limitations_state_the_real_size_of_the_corpus():
    from bicorpus.publish import read_data
    from bicorpus.stats import corpus_stats

    stats = corpus_stats(read_data(REPOSITORY / "corpus" / "data"))
    text = " ".join(_section(DatasetCard.load(REPOSITORY / "README.md").text, "Limitations").split())
    paragraphs, sentences = stats["paragraphs"], stats["sentences"]
    assert f"{paragraphs['en']} English and {paragraphs['zh']} Chinese paragraphs" in text
    assert f"{sentences['en']} English and {sentences['zh']} Chinese sentences" in text
    assert f"{sum(stats['sentence_beads'].values())} sentence pairs" in text


def test_the_bibtex_entry_and_citation_cff_agree():
    import yaml

    import bicorpus

    cff = yaml.safe_load((REPOSITORY / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["authors"] and cff["license"] == "CC-BY-4.0"
    (bibtex,) = re.findall(
        r"```bibtex\n(.*?)```", _section(DatasetCard.load(REPOSITORY / "README.md").text, "Citation"), flags=re.S
    )
    fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?$", bibtex, flags=re.M))
    assert fields["title"].replace("{", "").replace("}", "").replace("--", "–") == cff["title"]
    assert fields["version"] == cff["version"] == bicorpus.__version__
    assert fields["year"] == str(cff["date-released"])[:4]
    assert fields["author"].strip("{}") == cff["authors"][0]["name"]
