"""Label sets, theme taxonomy and the gold entity and theme files of the shipped speech."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.annotation_files import (
    Entity,
    EntityLabels,
    ThemeGold,
    ThemeTaxonomy,
    compile_entities,
    compile_themes,
    find_occurrences,
    load_entity_labels,
    load_theme_taxonomy,
    locate_in_sentence,
)
from bicorpus.errors import BicorpusError, CorpusError
from bicorpus.package_data import read_json_resource
from bicorpus.segment import Span, split_paragraphs, split_sentences
from bicorpus.sources import read_document

REPOSITORY = Path(__file__).resolve().parents[1]
DOCUMENT = REPOSITORY / "corpus" / "sources" / "nqpf-2024-01-31"
ENTITIES = DOCUMENT / "entities.yaml"
THEMES = DOCUMENT / "themes.yaml"
ONTONOTES = [
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
]
#: Labels whose mention counts must agree across languages (outside the English repeat).
FAITHFUL_LABELS = ("GPE", "PERSON")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return read_document(DOCUMENT).texts


@pytest.fixture(scope="module")
def labels() -> EntityLabels:
    return load_entity_labels()


@pytest.fixture(scope="module")
def taxonomy() -> ThemeTaxonomy:
    return load_theme_taxonomy()


@pytest.fixture(scope="module")
def entities(texts: dict[str, str]) -> list[Entity]:
    return compile_entities(ENTITIES, texts)


@pytest.fixture(scope="module")
def themes(texts: dict[str, str]) -> ThemeGold:
    return compile_themes(THEMES, english_outline(texts["en"]))


def english_outline(en_text: str) -> list[tuple[Span, list[Span]]]:
    """The English paragraphs with their sentences, as the segment stage makes them."""
    return [(p, split_sentences(p.text, "en", p.start)) for p in split_paragraphs(en_text)]


def _repeat_spans(en_text: str) -> list[tuple[int, int]]:
    """English paragraphs that repeat an earlier one (same first 80 characters)."""
    seen: set[str] = set()
    repeats = []
    for paragraph in split_paragraphs(en_text):
        key = paragraph.text[:80]
        if key in seen:
            repeats.append((paragraph.start, paragraph.end))
        seen.add(key)
    return repeats


# --- schemas, label set, taxonomy ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["entity_labels", "theme_taxonomy", "entity_annotations", "theme_annotations"],
)
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    schema = read_json_resource(f"{name}.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_label_set_is_ontonotes_with_descriptions(labels: EntityLabels) -> None:
    assert labels.labels == tuple(ONTONOTES)
    assert all(labels.descriptions[label].strip() for label in ONTONOTES)


def test_every_label_maps_in_both_collapse_maps(labels: EntityLabels) -> None:
    assert set(labels.collapse) == {"conll", "msra"}
    assert labels.tags["conll"] == ("PER", "LOC", "ORG", "MISC")
    assert labels.tags["msra"] == ("PER", "LOC", "ORG")
    for scheme, mapping in labels.collapse.items():
        assert set(mapping) == set(ONTONOTES), scheme
        for label, tag in mapping.items():
            assert tag is None or tag in labels.tags[scheme], (scheme, label, tag)


def test_collapse_maps_follow_conll_and_msra_practice(labels: EntityLabels) -> None:
    conll = labels.collapse["conll"]
    assert conll["PERSON"] == "PER" and conll["ORG"] == "ORG"
    assert all(conll[label] == "LOC" for label in ("GPE", "LOC", "FAC"))
    assert all(conll[label] == "MISC" for label in ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"))
    assert all(conll[label] is None for label in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))
    msra = labels.collapse["msra"]
    assert {label for label, tag in msra.items() if tag is not None} == {"PERSON", "ORG", "GPE", "LOC", "FAC"}
    assert labels.collapse_label("msra", "GPE") == "LOC"


def test_label_set_errors_name_the_pointer(tmp_path: Path) -> None:
    data = read_json_resource("entity_labels.json")
    del data["collapse"]["msra"]["map"]["DATE"]
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load_entity_labels(path)
    assert error.value.where == str(path) and error.value.pointer == "/collapse/msra/map"
    assert "DATE" in error.value.message


def test_taxonomy_has_twelve_bilingual_themes_with_cap_codes(taxonomy: ThemeTaxonomy) -> None:
    assert len(taxonomy.themes) == 12
    assert len(set(taxonomy.ids)) == 12
    cap_codes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}
    for theme in taxonomy.themes:
        assert set(theme.name) == set(theme.definition) == set(theme.keywords) == {"en", "zh"}
        assert all(theme.name.values()) and all(theme.definition.values())
        assert theme.cap_code in cap_codes
        assert theme.keywords["en"] and theme.keywords["zh"]
    assert taxonomy.get("science_technology_innovation").cap_code == 17
    assert taxonomy.get("agriculture_food_security").cap_code == 4


def test_taxonomy_takes_names_and_keywords_in_any_language(tmp_path: Path) -> None:
    data = read_json_resource("theme_taxonomy.json")
    for theme in data["themes"]:
        theme["name"]["de"] = "Thema " + theme["id"]
        theme["keywords"]["de"] = ["Stichwort " + theme["id"]]
    data["themes"][0]["definition"] = {"fr": "Une définition écrite pour ce test."}
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    first = load_theme_taxonomy(path).themes[0]
    assert first.name["de"] == "Thema high_quality_development"
    assert first.keywords["de"] == ("Stichwort high_quality_development",)
    assert dict(first.definition) == {"fr": "Une définition écrite pour ce test."}


def test_taxonomy_refuses_a_key_that_is_not_a_language_code(tmp_path: Path) -> None:
    data = read_json_resource("theme_taxonomy.json")
    data["themes"][2]["keywords"]["English"] = ["industry"]
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BicorpusError) as error:
        load_theme_taxonomy(path)
    assert error.value.pointer == "/themes/2/keywords/English"


def test_taxonomy_rejects_a_wrong_cap_pair(tmp_path: Path) -> None:
    data = read_json_resource("theme_taxonomy.json")
    data["themes"][3]["cap_major_topic"] = {"code": 17, "name": "Agriculture"}
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load_theme_taxonomy(path)
    assert error.value.pointer == "/themes/3/cap_major_topic"


# --- matching rules --------------------------------------------------------------------------


def test_english_matches_whole_words_case_sensitively() -> None:
    text = "China and Chinas; china. (China)"
    assert find_occurrences(text, "China", "en") == [(0, 5), (26, 31)]


def test_chinese_matches_substrings() -> None:
    assert find_occurrences("我国经济和数字中国", "中国", "zh") == [(7, 9)]
    assert find_occurrences("全党全社会", "党", "zh") == [(1, 2)]


# --- gold entities ---------------------------------------------------------------------------


def test_gold_entities_compile_and_slice_exactly(entities: list[Entity], texts: dict[str, str]) -> None:
    assert len(entities) >= 20
    for entity in entities:
        assert entity.mentions, entity.id
        for mention in entity.mentions:
            assert texts[mention.lang][mention.start : mention.end] == mention.text
            assert mention.entity == entity.id and mention.label == entity.label


def test_entity_ids_unique_and_labels_from_the_label_set(entities: list[Entity], labels: EntityLabels) -> None:
    ids = [entity.id for entity in entities]
    assert len(ids) == len(set(ids))
    assert {entity.label for entity in entities} <= set(labels.labels)
    for entity in entities:
        # One id, one label: the label cannot differ between the languages.
        assert {m.label for m in entity.mentions} == {entity.label}


def test_no_overlapping_mentions(entities: list[Entity]) -> None:
    for lang in ("en", "zh"):
        spans = sorted((m.start, m.end, m.entity) for e in entities for m in e.mentions if m.lang == lang)
        for (_, end, first), (start, _, second) in itertools.pairwise(spans):
            assert end <= start, f"{lang}: {first} overlaps {second}"


def test_every_mention_lies_inside_one_sentence(entities: list[Entity], texts: dict[str, str]) -> None:
    sentences = {
        lang: [s for p in split_paragraphs(text) for s in split_sentences(p.text, lang, p.start)] for lang, text in texts.items()
    }
    for entity in entities:
        for mention in entity.mentions:
            index, start, end = locate_in_sentence(mention, sentences[mention.lang])
            assert sentences[mention.lang][index].text[start:end] == mention.text


def test_almost_every_entity_has_both_languages(entities: list[Entity]) -> None:
    one_sided = [e.id for e in entities if not (e.mentions_in("en") and e.mentions_in("zh"))]
    assert one_sided == []  # the file says none is needed; document any exception there


def test_known_mentions(entities: list[Entity]) -> None:
    by_id = {entity.id: entity for entity in entities}
    assert [m.text for m in by_id["sichuan"].mentions] == ["Sichuan", "四川"]
    congress = by_id["cpc-20th-national-congress"]
    assert congress.label == "EVENT"
    assert [m.text for m in congress.mentions_in("zh")] == ["党的二十大", "党的二十大"]
    assert [m.text for m in by_id["china"].mentions_in("zh")] == ["我国", "我国", "我国", "中国"]
    assert {m.text for m in by_id["date-2024-01-31"].mentions} == {"Today", "January 31, 2024", "今天", "2024年1月31日"}


def test_cross_lingual_counts_of_faithful_labels(entities: list[Entity], texts: dict[str, str]) -> None:
    """GPE and PERSON: as many English as Chinese mentions, once the English repeat is set aside.

    The English text repeats its first body paragraph; the Chinese has it once. Mentions
    inside the repeat are extra English mentions. No other exception is documented.
    """
    repeats = _repeat_spans(texts["en"])
    assert len(repeats) == 1
    report = {}
    for entity in entities:
        en = entity.mentions_in("en")
        zh = entity.mentions_in("zh")
        extra = sum(1 for m in en if any(start <= m.start < end for start, end in repeats))
        report[entity.id] = (len(en), extra, len(zh))
        if entity.label in FAITHFUL_LABELS:
            assert len(en) - extra == len(zh), f"{entity.id}: en {len(en)} (of which {extra} in the repeat), zh {len(zh)}"
    print("entity: en mentions (in the English repeat), zh mentions")
    for entity_id, (en_count, extra, zh_count) in report.items():
        print(f"  {entity_id}: {en_count} ({extra}) / {zh_count}")
    # Every entity, whatever its label, agrees once the repeat is set aside.
    assert all(en - extra == zh for en, extra, zh in report.values())


# --- gold themes -----------------------------------------------------------------------------


def test_gold_themes_cover_every_paragraph_and_sentence(themes: ThemeGold, texts: dict[str, str]) -> None:
    paragraphs = split_paragraphs(texts["en"])
    assert sorted(themes.paragraphs) == [p.start for p in paragraphs]
    sentence_starts = [s.start for p in paragraphs for s in split_sentences(p.text, "en", p.start)]
    assert sorted(themes.sentences) == sentence_starts


def test_gold_theme_ids_exist_and_primaries_are_consistent(
    themes: ThemeGold, taxonomy: ThemeTaxonomy, texts: dict[str, str]
) -> None:
    known = set(taxonomy.ids)
    for unit in (*themes.paragraphs.values(), *themes.sentences.values()):
        assert set(unit.themes) <= known
        assert (unit.primary is None) == (not unit.themes)
        if unit.primary is not None:
            assert unit.primary in unit.themes and unit.themes[0] == unit.primary
    for paragraph in split_paragraphs(texts["en"]):
        labels = themes.paragraphs[paragraph.start]
        sentences = split_sentences(paragraph.text, "en", paragraph.start)
        if not labels.themes:
            assert not any(ch.isalpha() for ch in paragraph.text)  # only the dateline
        for sentence in sentences:
            primary = themes.sentences[sentence.start].primary
            assert primary is None or primary in labels.themes


def test_theme_distribution_uses_most_of_the_taxonomy(themes: ThemeGold, taxonomy: ThemeTaxonomy) -> None:
    primaries = Counter(label.primary for label in themes.sentences.values() if label.primary)
    print("primary themes of sentences:", dict(primaries.most_common()))
    assert set(primaries) == set(taxonomy.ids)  # every theme is the primary of some sentence here
    assert primaries.most_common(1)[0][0] == "high_quality_development"


def test_repeated_paragraph_is_labelled_like_its_twin(themes: ThemeGold, texts: dict[str, str]) -> None:
    paragraphs = split_paragraphs(texts["en"])
    ((start, _),) = _repeat_spans(texts["en"])
    repeat = next(p for p in paragraphs if p.start == start)
    twin = next(p for p in paragraphs if p.text[:80] == repeat.text[:80] and p.start != start)
    assert themes.paragraphs[twin.start] == themes.paragraphs[repeat.start]
    twin_s = [themes.sentences[s.start] for s in split_sentences(twin.text, "en", twin.start)]
    repeat_s = [themes.sentences[s.start] for s in split_sentences(repeat.text, "en", repeat.start)]
    assert twin_s == repeat_s


# --- broken files ----------------------------------------------------------------------------

SMALL_ENTITIES = """\
document: harbour-report
entities:
  - id: east-quay
    label: FAC
    mentions:
      en: [{text: east quay}]
      zh: [{text: 东码头}]
  - id: march
    label: DATE
    mentions:
      en: [{text: March, occurrence: [1, 2]}]
      zh: [{text: 三月}]
"""

SMALL_THEMES = """\
document: harbour-report
paragraphs:
  - starts_with: "A report"
    themes: [industrial_upgrading]
    primary: industrial_upgrading
    sentences:
      - {starts_with: "A report", themes: [industrial_upgrading], primary: industrial_upgrading}
  - starts_with: "The harbour handled"
    occurrence: 1
    themes: [industrial_upgrading, high_quality_development]
    primary: industrial_upgrading
    sentences:
      - {starts_with: "The harbour handled", themes: [high_quality_development], primary: high_quality_development}
      - {starts_with: "Cargo volume", themes: [industrial_upgrading], primary: industrial_upgrading}
      - {starts_with: "The new crane", themes: [industrial_upgrading], primary: industrial_upgrading}
  - starts_with: "Dredging"
    themes: [security_supply_chains]
    primary: security_supply_chains
    sentences:
      - {starts_with: "Dredging", themes: [security_supply_chains], primary: security_supply_chains}
      - {starts_with: "It will cost", themes: [security_supply_chains], primary: security_supply_chains}
  - starts_with: "The harbour handled"
    occurrence: 2
    themes: [industrial_upgrading, high_quality_development]
    primary: industrial_upgrading
    sentences:
      - {starts_with: "The harbour handled", themes: [high_quality_development], primary: high_quality_development}
      - {starts_with: "Cargo volume", themes: [industrial_upgrading], primary: industrial_upgrading}
      - {starts_with: "The new crane", themes: [industrial_upgrading], primary: industrial_upgrading}
  - starts_with: "Report by"
    themes: [party_leadership_conduct]
    primary: party_leadership_conduct
    sentences:
      - {starts_with: "Report by", themes: [party_leadership_conduct], primary: party_leadership_conduct}
"""


@pytest.fixture
def small_texts(small_sources: Path) -> dict[str, str]:
    return read_document(small_sources / "harbour-report").texts


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_small_files_compile(tmp_path: Path, small_texts: dict[str, str]) -> None:
    entities = compile_entities(_write(tmp_path, "entities.yaml", SMALL_ENTITIES), small_texts)
    assert [len(e.mentions) for e in entities] == [3, 3]  # east quay: twice in English (repeat), once in Chinese
    gold = compile_themes(_write(tmp_path, "themes.yaml", SMALL_THEMES), english_outline(small_texts["en"]))
    assert len(gold.paragraphs) == 5 and len(gold.sentences) == 10


def _entity_error(tmp_path: Path, texts: dict[str, str], content: str) -> CorpusError:
    path = _write(tmp_path, "entities.yaml", content)
    with pytest.raises(CorpusError) as error:
        compile_entities(path, texts)
    assert error.value.where == str(path)
    assert str(path) in str(error.value)
    return error.value


def _theme_error(tmp_path: Path, texts: dict[str, str], content: str) -> CorpusError:
    path = _write(tmp_path, "themes.yaml", content)
    with pytest.raises(CorpusError) as error:
        compile_themes(path, english_outline(texts["en"]))
    assert error.value.where == str(path)
    return error.value


def test_unknown_label_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    error = _entity_error(tmp_path, small_texts, SMALL_ENTITIES.replace("label: FAC", "label: PLACE"))
    assert error.pointer == "/entities/0/label"
    assert "PLACE" in error.message


def test_missing_occurrence_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    error = _entity_error(tmp_path, small_texts, SMALL_ENTITIES.replace("occurrence: [1, 2]", "occurrence: [1, 3]"))
    assert error.pointer == "/entities/1/mentions/en/0/occurrence/1"
    assert "occurs 2 times in en; occurrence 3 does not exist" in error.message


def test_absent_text_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    error = _entity_error(tmp_path, small_texts, SMALL_ENTITIES.replace("text: east quay", "text: East quay"))
    assert error.pointer == "/entities/0/mentions/en/0/text"
    assert "does not occur in en" in error.message


def test_overlapping_mentions_are_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_ENTITIES + "  - id: quay\n    label: FAC\n    mentions:\n      zh: [{text: 码头}]\n"
    error = _entity_error(tmp_path, small_texts, content)
    assert error.pointer == "/entities/2/mentions/zh/0"
    assert "overlaps entity 'east-quay'" in error.message


def test_duplicate_entity_id_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    error = _entity_error(tmp_path, small_texts, SMALL_ENTITIES.replace("id: march", "id: east-quay"))
    assert error.pointer == "/entities/1/id"


def test_schema_problem_in_entities_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    error = _entity_error(tmp_path, small_texts, SMALL_ENTITIES.replace("[{text: 三月}]", "[{text: 三月, occurence: 1}]"))
    assert error.pointer == "/entities/1/mentions/zh/0/occurence"


def test_wrong_theme_id_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        "themes: [security_supply_chains], primary: security_supply_chains}\n      - {starts_with: \"It",
        "themes: [ports], primary: ports}\n      - {starts_with: \"It",
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/2/sentences/0/themes/0"
    assert "unknown theme 'ports'" in error.message


def test_sentence_not_covered_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        '      - {starts_with: "It will cost", themes: [security_supply_chains], primary: security_supply_chains}\n', ""
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/2/sentences"
    assert "sentence 1 of paragraph 2" in error.message and "It will cost" in error.message


def test_paragraph_out_of_order_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        '  - starts_with: "The harbour handled"\n    occurrence: 1\n',
        '  - starts_with: "The harbour handled"\n    occurrence: 2\n',
        1,
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/1/starts_with"
    assert "matches paragraph 3 but the next uncovered paragraph is 1" in error.message


def test_paragraph_not_covered_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES[: SMALL_THEMES.index('  - starts_with: "Report by"')]
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs"
    assert "paragraph 4" in error.message


def test_primary_outside_themes_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        "    themes: [party_leadership_conduct]\n    primary: party_leadership_conduct",
        "    themes: [party_leadership_conduct]\n    primary: opening_up",
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/4/primary"


def test_paragraph_lacking_a_sentence_primary_is_reported(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        "themes: [industrial_upgrading, high_quality_development]", "themes: [industrial_upgrading]", 1
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/1/themes"
    assert "high_quality_development" in error.message


def test_empty_themes_only_for_a_paragraph_without_letters(tmp_path: Path, small_texts: dict[str, str]) -> None:
    content = SMALL_THEMES.replace(
        "    themes: [party_leadership_conduct]\n    primary: party_leadership_conduct\n    sentences:\n"
        "      - {starts_with: \"Report by\", themes: [party_leadership_conduct], primary: party_leadership_conduct}\n",
        "    themes: []\n    primary: null\n",
    )
    error = _theme_error(tmp_path, small_texts, content)
    assert error.pointer == "/paragraphs/4/themes"


def test_document_must_match_its_folder(tmp_path: Path, small_sources: Path, small_texts: dict[str, str]) -> None:
    folder = small_sources / "harbour-report"
    path = _write(folder, "entities.yaml", SMALL_ENTITIES.replace("document: harbour-report", "document: other-report"))
    with pytest.raises(CorpusError) as error:
        compile_entities(path, small_texts)
    assert error.value.pointer == "/document"


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab 中国党.", max_size=40),
    needle=st.text(alphabet="ab中国党", min_size=1, max_size=3),
    lang=st.sampled_from(["en", "zh"]),
)
def test_occurrences_slice_their_text_and_do_not_overlap(text: str, needle: str, lang: str) -> None:
    found = find_occurrences(text, needle, lang)
    assert all(text[start:end] == needle for start, end in found)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(found))
    if lang == "zh":
        assert len(found) == text.count(needle)


def test_gold_entities_of_another_pair_are_keyed_by_its_codes(tmp_path):
    texts = {"en": "The council met in Kiel.", "de": "Der Rat tagte in Kiel."}
    path = _write(tmp_path, "entities.yaml", (
        "document: harbour\nentities:\n  - id: kiel\n    label: GPE\n"
        "    mentions:\n      en: [{text: Kiel}]\n      de: [{text: Kiel}]\n"
    ))
    (kiel,) = compile_entities(path, texts)
    assert [(m.lang, m.start) for m in kiel.mentions] == [("en", 19), ("de", 17)]
    with pytest.raises(CorpusError, match="/entities/0/mentions"):
        compile_entities(path, {"en": texts["en"], "zh": "理事会在基尔开会。"})  # de is not a language of an en-zh pair
