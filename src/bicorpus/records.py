"""The published record shapes, one definition each.

The JSON Schemas in ``schema/records/`` are the definition of every published record; the
TypedDicts here mirror them for type checkers (a test keeps both in step), and
:mod:`bicorpus.features` derives the Arrow schema and the Hugging Face features from the
JSON Schemas, so a field is added in one place and checked everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

#: Folder holding the JSON Schemas and label sets (``schema/`` at the repository root).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"

#: Config name → schema file of its rows, in the order configs are published.
CONFIG_SCHEMAS: dict[str, str] = {
    "documents": "records/document.schema.json",
    "paragraphs": "records/paragraph.schema.json",
    "sentences": "records/sentence_pair.schema.json",
    "terms": "records/term.schema.json",
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


class Document(TypedDict):
    id: str
    title: Bilingual
    speaker: Bilingual
    event: Bilingual
    date_delivered: str
    english_published: str | None
    original_language: str
    provenance: Bilingual
    translated_from: BilingualOptional
    license: str
    license_note: str
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


#: Configs published only when they have rows (a corpus without glossaries has no terms);
#: ``datasets`` cannot load a config whose only file is empty.
OPTIONAL_CONFIGS = frozenset({"terms"})

#: Config name → the TypedDict of its rows.
CONFIG_RECORDS: dict[str, type] = {
    "documents": Document,
    "paragraphs": ParagraphPair,
    "sentences": SentencePair,
    "terms": TermRecord,
}


@dataclass
class Corpus:
    """Records of every config, in publishing order."""

    documents: list[Document] = field(default_factory=list)
    paragraphs: list[ParagraphPair] = field(default_factory=list)
    sentences: list[SentencePair] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)

    def config_rows(self) -> dict[str, list[Any]]:
        """Config name → its records, in :data:`CONFIG_SCHEMAS` order."""
        return {config: getattr(self, config) for config in CONFIG_SCHEMAS}

    def published_configs(self) -> dict[str, list[Any]]:
        """The configs a build publishes: all but the empty optional ones."""
        return {c: rows for c, rows in self.config_rows().items() if rows or c not in OPTIONAL_CONFIGS}


@cache
def load_schema(relative_path: str) -> dict[str, Any]:
    """The JSON Schema at ``schema/<relative_path>``, parsed (cached: schemas never change in a run)."""
    with open(SCHEMA_DIR / relative_path, encoding="utf-8") as handle:
        return json.load(handle)


def config_schema(config: str) -> dict[str, Any]:
    """The JSON Schema of one row of ``config`` (``documents``, ``paragraphs`` or ``sentences``)."""
    return load_schema(CONFIG_SCHEMAS[config])
