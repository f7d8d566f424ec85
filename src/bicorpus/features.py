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
``enum`` + ``"x-feature": "class_label"``     ``ClassLabel(names=enum)`` (int64 on disk)
``object`` + ``"x-feature": "translation"``   ``Translation(languages=<property names>)``
``object``                                    a dict of the properties' features (struct)
``array``                                     ``List(<items' feature>)``
============================================  ==========================================

``$ref`` to ``#/$defs/...`` is followed. Anything else raises ``ValueError``, so a schema
edit that this module cannot publish fails loudly at build time instead of silently.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import datasets
import pyarrow as pa

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
        return datasets.ClassLabel(names=list(node["enum"]))
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
def config_features(config: str) -> datasets.Features:
    """The typed features of one published config, derived from its record schema (cached; do not mutate)."""
    schema = config_schema(config)
    features = feature_for(schema, schema)
    return datasets.Features(features)


def config_arrow_schema(config: str) -> pa.Schema:
    """The Arrow schema of one config's Parquet file, carrying the features as HF metadata."""
    return config_features(config).arrow_schema


def class_label_fields(config: str) -> dict[str, datasets.ClassLabel]:
    """Top-level fields of ``config`` stored as class-label integers."""
    return {
        name: feature
        for name, feature in config_features(config).items()
        if isinstance(feature, datasets.ClassLabel)
    }


def encode_row(config: str, record: dict[str, Any]) -> dict[str, Any]:
    """A validated record as stored in Parquet: class-label names become their integers."""
    row = dict(record)
    for name, label in class_label_fields(config).items():
        row[name] = label.str2int(record[name])
    return row


def decode_row(config: str, row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row back as a record: class-label integers become their names."""
    record = dict(row)
    for name, label in class_label_fields(config).items():
        record[name] = label.int2str(row[name])
    return record
