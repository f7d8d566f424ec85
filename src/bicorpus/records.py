"""The published record shapes, one definition each.

The JSON Schemas in ``src/bicorpus/schema/records/`` (package data, read through
:mod:`bicorpus.package_data`) are the definition of every published record; the
TypedDicts here mirror them for type checkers (a test keeps both in step), and
:mod:`bicorpus.features` derives the Arrow schema and the Hugging Face features from the
JSON Schemas, so a field is added in one place and checked everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypedDict

from bicorpus.package_data import schema

#: Config name → schema file of its rows, in the order configs are published.
CONFIG_SCHEMAS: dict[str, str] = {
    "documents": "records/document.schema.json",
    "paragraphs": "records/paragraph.schema.json",
    "sentences": "records/sentence_pair.schema.json",
    "terms": "records/term.schema.json",
    "entities": "records/entity.schema.json",
    "ner_en": "records/ner_sentence.schema.json",
    "ner_zh": "records/ner_sentence.schema.json",
}


class Bilingual(TypedDict):
    en: str
    zh: str


class BilingualCount(TypedDict):
    en: int
    zh: int


class BilingualOptional(TypedDict):
    en: str | None
    zh: str | None


class QuotationRecord(TypedDict):
    lang: str
    start: int
    end: int
    text: str
    kind: str
    source: str


class Document(TypedDict):
    id: str
    title: BilingualOptional
    speaker: BilingualOptional
    event: BilingualOptional
    date_delivered: str | None
    english_published: str | None
    original_language: str
    provenance: Bilingual
    translated_from: BilingualOptional
    text_license: Bilingual
    text_license_note: Bilingual
    annotation_license: str
    annotation_license_note: str
    quotations: list[QuotationRecord]
    text: Bilingual
    source_sha256: Bilingual
    paragraph_count: BilingualCount
    sentence_count: BilingualCount


class ParagraphPair(TypedDict):
    id: str
    document: str
    index: int
    role: str
    alignment_type: str
    translation: Bilingual
    en_ids: list[str]
    zh_ids: list[str]
    en_start: int | None
    en_end: int | None
    zh_start: int | None
    zh_end: int | None
    en_duplicate_of: str | None
    zh_duplicate_of: str | None
    en_detected_language: list[str]
    zh_detected_language: list[str]
    language_flag: bool
    themes: list[str]
    primary_theme: str | None
    theme_source: str


class SentencePair(TypedDict):
    id: str
    document: str
    index: int
    paragraph: str
    alignment_type: str
    score: float
    translation: Bilingual
    en_ids: list[str]
    zh_ids: list[str]
    en_start: int | None
    en_end: int | None
    zh_start: int | None
    zh_end: int | None
    in_duplicate_paragraph: bool
    en_detected_language: list[str]
    zh_detected_language: list[str]
    language_flag: bool
    themes: list[str]
    primary_theme: str | None
    theme_source: str


class TermRealisation(TypedDict):
    sentence_pair: str
    en_rendering: str | None
    en_start: int | None
    en_end: int | None
    zh_start: int | None
    zh_end: int | None


class TermRecord(TypedDict):
    id: str
    document: str
    term: str
    zh: str
    renderings: list[str]
    definition: Bilingual
    count: BilingualCount
    realisations: list[TermRealisation]


class EntityMentionRecord(TypedDict):
    lang: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    sentence_pair: str


class BilingualNames(TypedDict):
    en: list[str]
    zh: list[str]


class EntityRecord(TypedDict):
    id: str
    document: str
    entity: str
    label: str
    source: str
    names: BilingualNames
    mentions: list[EntityMentionRecord]


class NerSentence(TypedDict):
    id: str
    document: str
    sentence_pair: str
    text: str
    start: int
    end: int
    tokens: list[str]
    token_starts: list[int]
    ner_tags: list[str]
    source: str


#: Configs published only when they have rows (a corpus without glossaries has no terms);
#: ``datasets`` cannot load a config whose only file is empty.
OPTIONAL_CONFIGS = frozenset({"terms", "entities"})

#: Config name → the TypedDict of its rows.
CONFIG_RECORDS: dict[str, type] = {
    "documents": Document,
    "paragraphs": ParagraphPair,
    "sentences": SentencePair,
    "terms": TermRecord,
    "entities": EntityRecord,
    "ner_en": NerSentence,
    "ner_zh": NerSentence,
}


@dataclass
class Corpus:
    """Records of every config, in publishing order."""

    documents: list[Document] = field(default_factory=list)
    paragraphs: list[ParagraphPair] = field(default_factory=list)
    sentences: list[SentencePair] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    ner_en: list[NerSentence] = field(default_factory=list)
    ner_zh: list[NerSentence] = field(default_factory=list)

    def config_rows(self) -> dict[str, list[Any]]:
        """Config name → its records, in :data:`CONFIG_SCHEMAS` order."""
        return {config: getattr(self, config) for config in CONFIG_SCHEMAS}

    def published_configs(self) -> dict[str, list[Any]]:
        """The configs a build publishes: all but the empty optional ones."""
        return {c: rows for c, rows in self.config_rows().items() if rows or c not in OPTIONAL_CONFIGS}


@cache
def label_set(name: str) -> tuple[str, ...]:
    """The ordered names of a label set shipped in ``bicorpus/schema/`` (one definition each).

    ``themes``: theme ids of ``theme_taxonomy.json``; ``entity_labels``: the OntoNotes labels of
    ``entity_labels.json``; ``ner_tags``: ``O`` then ``B-``/``I-`` of each entity label (BIO).
    """
    if name == "themes":
        return tuple(theme["id"] for theme in schema("theme_taxonomy.json")["themes"])
    if name == "entity_labels":
        return tuple(entry["label"] for entry in schema("entity_labels.json")["labels"])
    if name == "ner_tags":
        return ("O", *(f"{prefix}-{label}" for label in label_set("entity_labels") for prefix in ("B", "I")))
    raise KeyError(f"unknown label set {name!r}")


def _with_label_sets(node: Any) -> Any:
    # A node naming "x-label-set" gets that set as its enum (plus null where null is allowed),
    # so validation and the class-label features both read the shipped label files.
    if isinstance(node, dict):
        node = {key: _with_label_sets(value) for key, value in node.items()}
        if "x-label-set" in node:
            names: list[Any] = list(label_set(node["x-label-set"]))
            types = node.get("type")
            node["enum"] = [*names, None] if isinstance(types, list) and "null" in types else names
        return node
    if isinstance(node, list):
        return [_with_label_sets(item) for item in node]
    return node


@cache
def config_schema(config: str) -> dict[str, Any]:
    """The JSON Schema of one row of ``config``, with label-set enums filled in (cached)."""
    return _with_label_sets(schema(CONFIG_SCHEMAS[config]))
