"""The corpus this repository ships: reproducible, complete, and loadable as documented."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import datasets
import numpy
import pyarrow
import pyarrow.parquet as pq
import pytest

from bicorpus.build_signature import installed_signature
from bicorpus.cli import main
from bicorpus.dataset_card import render_card
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import MANIFEST_NAME, published_sizes, published_snapshot, read_data
from bicorpus.unit_ids import parse_unit_id, sentence_id
from bicorpus.validate import validate_corpus
from conftest import REPOSITORY

DATA = REPOSITORY / "corpus" / "data"
#: The snapshot folder the repository's card names (corpus/data/v-…).
SNAPSHOT = published_snapshot(REPOSITORY / "corpus").version_dir
SHIPPED = LanguagePair("en", "zh")
CONFIGS = ("documents", "paragraphs", "sentences", "en-zh", "terms", "entities", "ner_en", "ner_zh")


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    assert main(["build", "--sources", str(REPOSITORY / "corpus" / "sources"), "--out", str(out)]) == 0
    return out


def _pinned(package: str) -> str:
    requirements = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (version,) = [r.split("==", 1)[1] for r in requirements if r.startswith(f"{package}==")]
    return version


def _locked(package: str) -> str:
    lines = (REPOSITORY / "constraints.txt").read_text(encoding="utf-8").splitlines()
    (version,) = [line.split("==", 1)[1] for line in lines if line.lower().startswith(f"{package}==")]
    return version


@pytest.mark.parametrize("config", CONFIGS)
def test_the_committed_files_were_written_by_the_pinned_pyarrow(config: str):
    # The bytes below can only be reproduced by the pyarrow that wrote them: pyproject pins it,
    # the lock agrees, and this environment has it (else: reinstall with `make`).
    pinned = _pinned("pyarrow")
    assert pq.read_metadata(SNAPSHOT / config / "part-00000.parquet").created_by == f"parquet-cpp-arrow version {pinned}"
    assert _locked("pyarrow") == pinned == pyarrow.__version__


def test_the_lock_is_the_environment_the_tests_run_in():
    # Packages whose versions shape the committed bytes (writer, features metadata, alignment scores).
    for package, module in (("datasets", datasets), ("numpy", numpy), ("pyarrow", pyarrow)):
        assert _locked(package) == module.__version__, f"{package}: reinstall with `make` (constraints.txt)"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_fresh_build_reproduces_the_committed_snapshot_byte_for_byte(fresh_build: Path):
    # The same sources give the same snapshot name and the same bytes in every file, the
    # manifest included; and the committed data folder holds that one snapshot only.
    fresh = published_snapshot(fresh_build).version_dir
    assert fresh.name == SNAPSHOT.name
    files = _files(SNAPSHOT)
    assert sorted(files) == sorted([MANIFEST_NAME, *(f"{config}/part-00000.parquet" for config in CONFIGS)])
    assert _files(fresh) == files
    assert [p.name for p in DATA.iterdir()] == [SNAPSHOT.name]


def test_the_repository_card_is_what_a_build_generates(fresh_build: Path):
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    sizes = published_sizes(published_snapshot(fresh_build).version_dir, SHIPPED)
    assert render_card(readme, sizes, f"corpus/data/{SNAPSHOT.name}", installed_signature(), SHIPPED) == readme


def test_the_shipped_corpus_is_valid_and_complete():
    corpus = read_data(DATA)
    assert validate_corpus(corpus) == []
    (document,) = corpus.documents
    for lang in ("en", "zh"):
        listed = [sid for row in corpus.sentences for sid in row[f"{lang}_ids"]]
        assert listed == [sentence_id(document["id"], lang, i) for i in range(document["sentence_count"][lang])]


def test_the_english_duplicate_paragraph_is_present_and_marked():
    corpus = read_data(DATA)
    (duplicate,) = [p for p in corpus.paragraphs if p["en_duplicate_of"]]
    assert "The purpose is to combine the study" in duplicate["translation"]["en"]
    assert duplicate["alignment_type"] == "1-0" and duplicate["translation"]["zh"] == ""
    original = next(p for p in corpus.paragraphs if duplicate["en_duplicate_of"] in p["en_ids"])
    assert "The purpose is to integrate the study" in original["translation"]["en"]
    marked = [s for s in corpus.sentences if s["in_duplicate_paragraph"]]
    assert marked and all(s["paragraph"] == duplicate["id"] for s in marked)


def test_every_chinese_sentence_renders_exactly_one_english_sentence():
    """The Chinese is translated sentence for sentence (no merging, splitting or regrouping), so
    every sentence bead is 1-1 except the English-only beads of the repeated paragraph."""
    sentences = read_data(DATA).sentences
    english_only = [s for s in sentences if s["alignment_type"] == "1-0"]
    assert english_only and all(s["in_duplicate_paragraph"] for s in english_only)
    assert all(s["alignment_type"] == "1-1" for s in sentences if not s["in_duplicate_paragraph"])


@pytest.mark.parametrize("config", CONFIGS)
def test_the_repository_loads_offline_in_one_call(config: str, tmp_path: Path):
    dataset = datasets.load_dataset(str(REPOSITORY), config, split="train", cache_dir=str(tmp_path))
    assert dataset.num_rows == pq.read_metadata(SNAPSHOT / config / "part-00000.parquet").num_rows
    if config == "sentences":
        assert isinstance(dataset.features["translation"], datasets.Translation)


def test_the_readme_loading_example_works_as_written_from_another_directory(tmp_path: Path):
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    # The examples build on each other (the first defines `repo`): run them as one script.
    example = "\n".join(block for block in blocks if "load_dataset" in block)
    placeholder = 'repo = "/path/to/bicorpus"'
    assert placeholder in example
    code = example.replace(placeholder, f"repo = {str(REPOSITORY)!r}")
    script = tmp_path / "example.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    env = {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "'en':" in result.stdout and "'zh':" in result.stdout
    assert "intrinsic requirement" in result.stdout


def _index(unit_id: str) -> int:
    parsed = parse_unit_id(unit_id)
    assert parsed is not None, unit_id
    return parsed.index


def test_the_speech_alignment_matches_the_hand_checked_gold():
    """alignment.gold was checked bead by bead by a bilingual reader (en source, zh target,
    document-level 0-based sentence numbers, the interchange notation of bicorpus.beads)."""
    from bicorpus.beads import Bead

    gold_path = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31" / "alignment.gold"
    gold = [Bead.from_interchange(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    built = [
        Bead(tuple(_index(i) for i in s["en_ids"]), tuple(_index(i) for i in s["zh_ids"]))
        for s in read_data(DATA).sentences
    ]
    mismatches = [(b.to_interchange(), g.to_interchange()) for b, g in zip(built, gold) if b != g]
    assert len(built) == len(gold) and not mismatches, mismatches[:5]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_text_is_rebuilt_from_its_paragraphs_and_the_whitespace_between(lang: str):
    corpus = read_data(DATA)
    text = corpus.documents[0]["text"][lang]
    spans = sorted((p[f"{lang}_start"], p[f"{lang}_end"]) for p in corpus.paragraphs if p[f"{lang}_ids"])
    rebuilt, position = [], 0
    for start, end in spans:
        gap = text[position:start]
        assert gap.strip() == "", f"non-whitespace {gap!r} between paragraphs at {position}"
        rebuilt.append(gap + text[start:end])
        position = end
    rebuilt.append(text[position:])
    assert text[position:].strip() == ""
    assert "".join(rebuilt) == text
    source = (REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31" / f"{lang}.txt").read_text(encoding="utf-8")
    assert text == source, "the speech's sources are already normalized, so offsets index the files themselves"


def test_the_speech_carries_its_gold_entities_and_themes():
    corpus = read_data(DATA)
    assert corpus.entities and {e["source"] for e in corpus.entities} == {"gold"}
    sichuan = [e for e in corpus.entities if "Sichuan" in e["names"]["en"]]
    assert len(sichuan) == 1 and sichuan[0]["names"]["zh"] == ["四川"] and sichuan[0]["label"] == "GPE"
    assert {s["theme_source"] for s in corpus.sentences} == {"gold"}
    themed = [s for s in corpus.sentences if s["themes"]]
    assert len(themed) == len(corpus.sentences) - 1, "only the dateline has no theme"
