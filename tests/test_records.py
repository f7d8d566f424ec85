import typing

import datasets
import pytest

from bicorpus.features import config_arrow_schema, config_features, decode_row, encode_row
from bicorpus.records import CONFIG_RECORDS, CONFIG_SCHEMAS, config_schema


@pytest.mark.parametrize("config", list(CONFIG_SCHEMAS))
def test_typeddict_fields_are_the_schema_properties(config):
    schema = config_schema(config)
    fields = typing.get_type_hints(CONFIG_RECORDS[config])
    assert list(fields) == list(schema["properties"])
    assert set(schema["required"]) == set(schema["properties"])


@pytest.mark.parametrize("config", list(CONFIG_SCHEMAS))
def test_features_follow_the_schema(config):
    features = config_features(config)
    schema = config_schema(config)
    assert list(features) == list(schema["properties"])
    for name, node in schema["properties"].items():
        if node.get("x-feature") == "class_label":
            assert isinstance(features[name], datasets.ClassLabel)
            assert features[name].names == [label for label in node["enum"] if label is not None]
    assert config_arrow_schema(config).names == list(schema["properties"])


def test_sentence_translation_is_a_translation_feature_over_en_and_zh():
    feature = config_features("sentences")["translation"]
    assert isinstance(feature, datasets.Translation)
    assert feature.languages == ["en", "zh"]


@pytest.mark.parametrize("config", ["paragraphs", "sentences"])
def test_class_labels_round_trip_through_their_integers(config):
    from bicorpus.publish import read_data
    from conftest import REPOSITORY

    record = getattr(read_data(REPOSITORY / "corpus" / "data"), config)[3]
    stored = encode_row(config, record)
    assert isinstance(stored["alignment_type"], int)
    assert decode_row(config, stored) == record


def test_label_set_fields_take_their_names_from_the_files_under_schema():
    from bicorpus.records import label_set

    features = config_features("sentences")
    assert features["themes"].feature.names == list(label_set("themes"))
    assert len(label_set("themes")) == 12
    tags = config_features("ner_en")["ner_tags"].feature.names
    assert tags[0] == "O" and len(tags) == 1 + 2 * 18 and "B-GPE" in tags and "I-EVENT" in tags
