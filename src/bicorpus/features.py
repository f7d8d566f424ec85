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

from collections.abc import Callable
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


#: Turns one value of a feature into its stored form, or a stored value back.
ValueConverter = Callable[[Any], Any]


def _label_to_storage(feature: datasets.ClassLabel) -> ValueConverter:
    index = {name: number for number, name in enumerate(feature.names)}

    def label(value: Any) -> int:
        if value is None:
            return -1
        try:
            return index[value]
        except (KeyError, TypeError):
            raise ValueError(f"invalid class label {value!r}: not one of {feature.names}") from None

    return label


def _label_from_storage(feature: datasets.ClassLabel) -> ValueConverter:
    names: dict[Any, str | None] = dict(enumerate(feature.names))
    names[-1] = None
    return names.__getitem__  # a bad integer raises KeyError


def value_converter(feature: Any, to_storage: bool) -> ValueConverter | None:
    """What :func:`encode_row` (``to_storage``) or :func:`decode_row` does to one value of
    ``feature``, as a function made once per feature, or None where a value is kept as it is
    (no class label below it): class-label names become their integers (None as -1) or back.

    Why functions made once rather than a walk over every value: the single writer of a build
    encodes every row of every document, and most fields hold no class label; skipping those
    subtrees and looking labels up in a dict is what keeps the writer from capping a cluster.
    """
    if isinstance(feature, datasets.ClassLabel):
        return _label_to_storage(feature) if to_storage else _label_from_storage(feature)
    if isinstance(feature, datasets.List):
        item = value_converter(feature.feature, to_storage)
        if item is None:
            return None
        return lambda value: None if value is None else [item(element) for element in value]
    if isinstance(feature, dict):
        fields = [(name, value_converter(child, to_storage)) for name, child in feature.items()]
        if all(convert is None for _, convert in fields):
            return None
        return lambda value: None if value is None else {
            name: value[name] if convert is None else convert(value[name]) for name, convert in fields
        }
    return None


@cache
def _row_converter(config: str, pair: LanguagePair, to_storage: bool) -> ValueConverter:
    features = config_features(config, pair)
    # A config without class labels still gets its rows cut to the declared fields.
    return value_converter(features, to_storage) or (lambda row: {name: row[name] for name in features})


def encode_row(config: str, pair: LanguagePair, record: dict[str, Any]) -> dict[str, Any]:
    """A validated record as stored in Parquet: class-label names become their integers."""
    encoded: dict[str, Any] = _row_converter(config, pair, True)(record)
    return encoded


def decode_row(config: str, pair: LanguagePair, row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row back as a record: class-label integers become their names."""
    decoded: dict[str, Any] = _row_converter(config, pair, False)(row)
    return decoded
