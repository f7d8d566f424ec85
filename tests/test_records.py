import json
import typing

import datasets
import pytest

from bicorpus.features import config_arrow_schema, config_features, decode_row, encode_row
from bicorpus.language_pair import LanguagePair
from bicorpus.records import TYPED_RECORDS, config_names, config_schema, template_of

SHIPPED = LanguagePair("en", "zh")
PAIRS = [SHIPPED, LanguagePair("en", "de"), LanguagePair("de", "fr")]
#: Every config of every pair above.
CONFIGS = [(config, pair) for pair in PAIRS for config in config_names(pair)]


@pytest.mark.parametrize(("config", "pair"), CONFIGS, ids=str)
def test_typeddict_fields_are_the_schema_properties(config, pair):
    schema = config_schema(config, pair)
    assert set(schema["required"]) == set(schema["properties"])
    template = next((t for t in TYPED_RECORDS if template_of(t) == template_of(config)), None)
    if template is not None:
        assert list(typing.get_type_hints(TYPED_RECORDS[template])) == list(schema["properties"])


@pytest.mark.parametrize(("config", "pair"), CONFIGS, ids=str)
def test_features_follow_the_schema(config, pair):
    features = config_features(config, pair)
    schema = config_schema(config, pair)
    assert list(features) == list(schema["properties"])
    for name, node in schema["properties"].items():
        if node.get("x-feature") == "class_label":
            assert isinstance(features[name], datasets.ClassLabel)
            assert features[name].names == [label for label in node["enum"] if label is not None]
    assert config_arrow_schema(config, pair).names == list(schema["properties"])


@pytest.mark.parametrize(("config", "pair"), CONFIGS, ids=str)
def test_no_placeholder_is_left_in_a_rendered_schema(config, pair):
    assert "<" not in json.dumps(config_schema(config, pair)).replace("ner_<lang>", "")


def test_sentence_translation_is_a_translation_feature_over_the_pair():
    feature = config_features("sentences", SHIPPED)["translation"]
    assert isinstance(feature, datasets.Translation)
    assert feature.languages == ["en", "zh"]
    assert sorted(config_features("sentences", LanguagePair("en", "de"))["translation"].languages) == ["de", "en"]


def test_the_shipped_pair_keeps_the_published_columns():
    # The column names of the en-zh corpus as published before the pair became data.
    schema = config_schema("sentences", SHIPPED)
    assert list(schema["properties"]) == [
        "id", "document", "index", "paragraph", "alignment_type", "score", "translation", "en_ids", "zh_ids",
        "en_start", "en_end", "zh_start", "zh_end", "in_duplicate_paragraph", "en_detected_language",
        "zh_detected_language", "language_flag", "themes", "primary_theme", "theme_source",
    ]
    assert config_names(SHIPPED) == (
        "documents", "paragraphs", "sentences", "en-zh", "terms", "entities", "ner_en", "ner_zh"
    )
    term = config_schema("terms", SHIPPED)
    assert list(term["properties"]) == ["id", "document", "term", "zh", "renderings", "definition", "count", "realisations"]
    assert list(term["properties"]["realisations"]["items"]["properties"]) == [
        "sentence_pair", "en_rendering", "en_start", "en_end", "zh_start", "zh_end"
    ]


def test_a_german_english_pair_names_its_own_fields():
    pair = LanguagePair("en", "de")
    schema = config_schema("paragraphs", pair)
    assert {"en_ids", "de_ids", "de_duplicate_of"} <= set(schema["properties"])
    assert not any(name.startswith("zh") for name in schema["properties"])
    assert schema["properties"]["de_ids"]["items"]["pattern"] == "/de/p[0-9]{3,}$"
    assert config_names(pair)[-2:] == ("ner_en", "ner_de")
    assert list(config_schema("documents", pair)["$defs"]["bilingual_text"]["properties"]) == ["en", "de"]


@pytest.mark.parametrize("config", ["paragraphs", "sentences"])
def test_class_labels_round_trip_through_their_integers(config):
    from bicorpus.publish import read_data
    from conftest import REPOSITORY

    record = getattr(read_data(REPOSITORY / "corpus" / "data"), config)[3]
    stored = encode_row(config, SHIPPED, record)
    assert isinstance(stored["alignment_type"], int)
    assert decode_row(config, SHIPPED, stored) == record


def test_label_set_fields_take_their_names_from_the_files_under_schema():
    from bicorpus.records import label_set

    features = config_features("sentences", SHIPPED)
    assert features["themes"].feature.names == list(label_set("themes"))
    assert len(label_set("themes")) == 12
    tags = config_features("ner_en", SHIPPED)["ner_tags"].feature.names
    assert tags[0] == "O" and len(tags) == 1 + 2 * 18 and "B-GPE" in tags and "I-EVENT" in tags
