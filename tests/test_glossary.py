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
    count_wording,
    load_glossary,
    measured_counts,
)
from bicorpus.language_pair import LanguagePair
from bicorpus.package_data import read_json_resource

REPOSITORY = Path(__file__).resolve().parents[1]
GLOSSARY = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31" / "glossary.yaml"
SOURCES = REPOSITORY / "corpus" / "sources"
MIN_TERMS = 40
EN_ZH = LanguagePair("en", "zh")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY, EN_ZH)


@pytest.fixture(scope="module")
def texts(glossary: Glossary) -> dict[str, str]:
    folder = SOURCES / glossary.document
    return {lang: (folder / f"{lang}.txt").read_text(encoding="utf-8") for lang in EN_ZH}


def test_schema_is_valid_draft_2020_12() -> None:
    schema = read_json_resource(GLOSSARY_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_glossary_validates_and_is_large_enough(glossary: Glossary) -> None:
    assert len(glossary.terms) >= MIN_TERMS
    ids = [term.id for term in glossary.terms]
    assert len(ids) == len(set(ids))


def test_every_term_occurs_in_both_texts(glossary: Glossary, texts: dict[str, str]) -> None:
    for term in glossary.terms:
        assert term.form in texts["zh"], f"{term.id}: {term.form} not in zh.txt"
        assert any(count_wording(texts["en"], r.text, "en") for r in term.renderings), f"{term.id}: no rendering in en.txt"


def test_stored_counts_equal_measured_counts(glossary: Glossary, texts: dict[str, str]) -> None:
    assert count_mismatches(glossary, texts) == []
    measured = measured_counts(glossary, texts)
    assert all(measured[term.id] == term for term in glossary.terms)


def test_renderings_of_a_term_do_not_contain_each_other(glossary: Glossary) -> None:
    for term in glossary.terms:
        texts = [r.text.lower() for r in term.renderings]
        for i, text in enumerate(texts):
            assert not any(text in other for j, other in enumerate(texts) if j != i), term.id


def test_counting_rules() -> None:
    text = "The invisible hand and the Visible Hand; visible handle. Visible hand!"
    assert count_wording(text, "visible hand", "en") == 2  # not inside "invisible", not "handle"
    assert count_wording("Four Orientations", '"Four Orientations"', "en") == 0  # escaped, literal
    assert count_wording("新质生产力和生产力", "生产力", "zh") == 2  # nested forms count independently
    assert count_wording("Der Umbau, die Umbauten, UMBAU.", "Umbau", "de") == 2  # whole words, any case


def test_count_mismatches_reports_a_stale_count(glossary: Glossary, texts: dict[str, str]) -> None:
    first = glossary.terms[0]
    problems = count_mismatches(glossary, {**texts, "zh": texts["zh"] + first.form})
    assert problems == [f"{first.id}: count.zh ({first.form}) stored {first.count['zh']}, measured {first.count['zh'] + 1}"]


def test_a_glossary_of_another_pair_is_keyed_by_its_codes(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "document: harbour\nterms:\n  - id: renewal\n    de: Erneuerung\n"
        "    en: [{text: renewal, count: 2}]\n    definition: {en: Making new., de: Neu machen.}\n"
        "    count: {en: 2, de: 1}\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path, LanguagePair("en", "de"))
    assert glossary.terms[0].form == "Erneuerung" and glossary.terms[0].count == {"en": 2, "de": 1}
    assert count_mismatches(glossary, {"en": "Renewal and renewal.", "de": "Die Erneuerung."}) == []
    with pytest.raises(ValueError, match="/terms/0"):
        load_glossary(path, EN_ZH)  # keys of another pair: the zh form is missing


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
        load_glossary(path, EN_ZH)
    message = str(caught.value)
    assert "broken_glossary.yaml" in message
    assert pointer in message
