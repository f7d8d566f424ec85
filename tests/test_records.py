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
            assert features[name].names == node["enum"]
    assert config_arrow_schema(config).names == list(schema["properties"])


def test_sentence_translation_is_a_translation_feature_over_en_and_zh():
    feature = config_features("sentences")["translation"]
    assert isinstance(feature, datasets.Translation)
    assert feature.languages == ["en", "zh"]


def test_class_labels_round_trip_through_their_integers():
    record = {"alignment_type": "2-1", "role": "attribution", "other": 1}
    stored = encode_row("paragraphs", record)
    assert isinstance(stored["alignment_type"], int) and isinstance(stored["role"], int)
    assert decode_row("paragraphs", stored) == record
