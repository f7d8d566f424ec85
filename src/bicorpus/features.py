"""Hugging Face features and Arrow schemas derived from the record JSON Schemas.

Mapping (the only shapes the record schemas use):

============================================  ==========================================
JSON Schema                                   ``datasets`` feature (Arrow type)
============================================  ==========================================
``string``                                    ``Value("string")``
``integer``                                   ``Value("int64")``
``number``                                    ``Value("float64")``
``boolean``                                   ``Value("bool")``
``["<type>", "null"]``                        the same feature; nulls allowed
``enum`` + ``"x-feature": "class_label"``     ``ClassLabel(names=enum)`` (int64 on disk; a
                                              null value is stored as -1, "no label")
``object`` + ``"x-feature": "translation"``   ``Translation(languages=<the pair's codes>)``
``object``                                    a dict of the properties' features (struct)
``array``                                     ``List(<items' feature>)``
============================================  ==========================================

``$ref`` to ``#/$defs/...`` is followed; ``x-label-set`` enums are filled in from the label
files shipped in ``bicorpus/schema/`` by :func:`bicorpus.records.config_schema`. Anything else raises ``ValueError``, so a schema
edit that this module cannot publish fails loudly at build time instead of silently.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import datasets
import pyarrow as pa

from bicorpus.language_pair import LanguagePair
from bicorpus.records import config_schema


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    if not ref.startswith("#/$defs/"):
        raise ValueError(f"unsupported $ref {ref!r}: only local #/$defs/ references are published")
    target = root["$defs"][ref.removeprefix("#/$defs/")]
    # Sibling keywords (description, x-feature) refine the referenced definition.
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _scalar_type(node: dict[str, Any], pointer: str) -> str:
    types = node.get("type")
    if isinstance(types, list):
        non_null = [t for t in types if t != "null"]
        if len(non_null) != 1:
            raise ValueError(f"{pointer}: a published field has one type besides null, got {types}")
        return non_null[0]
    if not isinstance(types, str):
        raise ValueError(f"{pointer}: published fields need a 'type'")
    return types


_VALUE_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


def feature_for(node: dict[str, Any], root: dict[str, Any], pointer: str = "") -> Any:
    """The ``datasets`` feature for the JSON Schema ``node`` (``root`` resolves ``$ref``)."""
    node = _resolve(node, root)
    kind = node.get("x-feature")
    if kind == "class_label":
        return datasets.ClassLabel(names=[name for name in node["enum"] if name is not None])
    if kind == "translation":
        return datasets.Translation(languages=list(node["properties"]))
    if kind is not None:
        raise ValueError(f"{pointer}: unknown x-feature {kind!r}")
    json_type = _scalar_type(node, pointer)
    if json_type == "object":
        return {
            name: feature_for(child, root, f"{pointer}/properties/{name}")
            for name, child in node["properties"].items()
        }
    if json_type == "array":
        return datasets.List(feature_for(node["items"], root, f"{pointer}/items"))
    if json_type in _VALUE_TYPES:
        return datasets.Value(_VALUE_TYPES[json_type])
    raise ValueError(f"{pointer}: JSON type {json_type!r} has no published feature")


@cache
def config_features(config: str, pair: LanguagePair) -> datasets.Features:
    """The typed features of one published config of a ``pair`` corpus, derived from its
    record schema (cached; do not mutate)."""
    schema = config_schema(config, pair)
    features = feature_for(schema, schema)
    return datasets.Features(features)


def config_arrow_schema(config: str, pair: LanguagePair) -> pa.Schema:
    """The Arrow schema of one config's Parquet file, carrying the features as HF metadata."""
    return config_features(config, pair).arrow_schema


def _convert(value: Any, feature: Any, to_storage: bool) -> Any:
    if value is None and not isinstance(feature, datasets.ClassLabel):
        return None
    if isinstance(feature, datasets.ClassLabel):
        if to_storage:
            return -1 if value is None else feature.str2int(value)
        return None if value == -1 else feature.int2str(value)
    if isinstance(feature, datasets.List):
        return [_convert(item, feature.feature, to_storage) for item in value]
    if isinstance(feature, dict):
        return {name: _convert(value[name], child, to_storage) for name, child in feature.items()}
    return value


def encode_row(config: str, pair: LanguagePair, record: dict[str, Any]) -> dict[str, Any]:
    """A validated record as stored in Parquet: class-label names become their integers."""
    return _convert(record, config_features(config, pair), to_storage=True)


def decode_row(config: str, pair: LanguagePair, row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row back as a record: class-label integers become their names."""
    return _convert(row, config_features(config, pair), to_storage=False)
