"""The bilingual glossary: schema, coverage of the texts, and counts that match the texts."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from bicorpus.glossary import (
    GLOSSARY_SCHEMA,
    Glossary,
    count_mismatches,
    count_rendering,
    count_zh,
    load_glossary,
    measured_counts,
)
from bicorpus.package_data import read_json_resource

REPOSITORY = Path(__file__).resolve().parents[1]
GLOSSARY = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31" / "glossary.yaml"
SOURCES = REPOSITORY / "corpus" / "sources"
MIN_TERMS = 40


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def texts(glossary: Glossary) -> tuple[str, str]:
    folder = SOURCES / glossary.document
    return (folder / "en.txt").read_text(encoding="utf-8"), (folder / "zh.txt").read_text(encoding="utf-8")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = read_json_resource(GLOSSARY_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_glossary_validates_and_is_large_enough(glossary: Glossary) -> None:
    assert len(glossary.terms) >= MIN_TERMS
    ids = [term.id for term in glossary.terms]
    assert len(ids) == len(set(ids))


def test_every_term_occurs_in_both_texts(glossary: Glossary, texts: tuple[str, str]) -> None:
    en_text, zh_text = texts
    for term in glossary.terms:
        assert term.zh in zh_text, f"{term.id}: {term.zh} not in zh.txt"
        assert any(count_rendering(en_text, r.text) for r in term.en), f"{term.id}: no rendering in en.txt"


def test_stored_counts_equal_measured_counts(glossary: Glossary, texts: tuple[str, str]) -> None:
    assert count_mismatches(glossary, *texts) == []
    measured = measured_counts(glossary, *texts)
    assert all(measured[term.id] == term for term in glossary.terms)


def test_renderings_of_a_term_do_not_contain_each_other(glossary: Glossary) -> None:
    for term in glossary.terms:
        texts = [r.text.lower() for r in term.en]
        for i, text in enumerate(texts):
            assert not any(text in other for j, other in enumerate(texts) if j != i), term.id


def test_counting_rules() -> None:
    text = "The invisible hand and the Visible Hand; visible handle. Visible hand!"
    assert count_rendering(text, "visible hand") == 2  # not inside "invisible", not "handle"
    assert count_rendering("Four Orientations", '"Four Orientations"') == 0  # escaped, literal
    assert count_zh("新质生产力和生产力", "生产力") == 2  # nested forms count independently


def test_count_mismatches_reports_a_stale_count(glossary: Glossary, texts: tuple[str, str]) -> None:
    en_text, zh_text = texts
    first = glossary.terms[0]
    problems = count_mismatches(glossary, en_text, zh_text + first.zh)
    assert problems == [f"{first.id}: count.zh ({first.zh}) stored {first.count_zh}, measured {first.count_zh + 1}"]


def _write_broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken_glossary.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda d: d["terms"][3].pop("zh"), "/terms/3/zh"),
        (lambda d: d["terms"][2]["count"].update(en="two"), "/terms/2/count/en"),
        (lambda d: d["terms"][5].update(id="Not A Slug"), "/terms/5/id"),
        (lambda d: d["terms"][1].update(note="extra"), "/terms/1/note"),
        (lambda d: d["terms"][4].update(id=d["terms"][0]["id"]), "/terms/4/id"),
        (lambda d: d["terms"][0]["en"].append({"text": "quality productive", "count": 0}), "/terms/0/en/1/text"),
        (lambda d: d["terms"][6]["count"].update(en=d["terms"][6]["count"]["en"] + 1), "/terms/6/count/en"),
    ],
)
def test_broken_glossary_names_file_and_pointer(tmp_path: Path, change, pointer: str) -> None:
    path = _write_broken(tmp_path, change)
    with pytest.raises(ValueError) as caught:
        load_glossary(path)
    message = str(caught.value)
    assert "broken_glossary.yaml" in message
    assert pointer in message
