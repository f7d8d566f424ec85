"""The published record shapes, one definition each, generated for the corpus's language pair.

The JSON Schemas in ``src/bicorpus/schema/records/`` (package data, read through
:mod:`bicorpus.package_data`) are templates of every published record: fields that name a
language are written with placeholders (``<source>_ids``, ``<lang>``; see
:mod:`bicorpus.language_pair`) and :func:`config_schema` writes them out for a pair, so the
en–zh corpus has ``en_ids`` and ``zh_ids`` and an en–de corpus ``en_ids`` and ``de_ids`` from
the same file. :mod:`bicorpus.features` derives the Arrow schema and the Hugging Face
features from the rendered schemas.

Types: records whose field *names* depend on the pair (paragraph and sentence beads, terms)
are plain mappings (:data:`Record`) checked against the rendered schema before publishing;
the others are TypedDicts whose per-language values are mappings keyed by language code
(a test keeps each TypedDict in step with its schema). :func:`side` is the one place that
names a per-language field.

Configs: ``documents``, ``paragraphs``, ``sentences``, the MT-ready view named by the pair
(``en-zh``: body-text beads with both sides non-empty, the rows an MT system is trained or
scored on, loadable as ``load_dataset(path, "en-zh")`` the way MT corpora name their pairs),
``terms``, ``entities``, then one ``ner_<lang>`` per language of the pair (source first).
A config rather than a documented filter: a filter is re-implemented, slightly differently,
by every user; a config is one definition, validated against the beads it copies. Per-language NER configs rather than
one config with a ``lang`` column: a tagger is trained and scored on one language at a time,
and ``load_dataset(path, "ner_de")`` gives exactly that with no filtering; the token schemes
differ by language too (words, or characters in a language written without spaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypedDict

from bicorpus.language_pair import LanguagePair, render_template
from bicorpus.package_data import schema

#: Config → template of its rows' schema, in publishing order; ``ner_<lang>`` stands for one
#: config per language of the pair, ``<source>-<target>`` for the MT-ready view.
CONFIG_TEMPLATES: dict[str, str] = {
    "documents": "records/document.schema.json",
    "paragraphs": "records/paragraph.schema.json",
    "sentences": "records/sentence_pair.schema.json",
    "<source>-<target>": "records/translation_pair.schema.json",
    "terms": "records/term.schema.json",
    "entities": "records/entity.schema.json",
    "ner_<lang>": "records/ner_sentence.schema.json",
}

#: A record as published: field name → value. Beads and terms are mappings because their
#: field names are made from the pair's codes (see :func:`side`).
Record = dict[str, Any]
ParagraphPair = Record
SentencePair = Record
TermRecord = Record
TermRealisation = Record
TranslationPair = Record

#: The fields of a sentence bead that the MT-ready view copies, in its schema's order.
TRANSLATION_PAIR_FIELDS = ("id", "document", "translation", "alignment_type", "score")
#: The paragraph role of running text (the others: title, dateline, attribution, heading).
BODY_ROLE = "body"

#: A value per language of the pair, keyed by language code.
PerLanguage = dict[str, Any]


def side(lang: str, name: str) -> str:
    """The name of a per-language field of a bead or term: ``ids`` of English is ``en_ids``."""
    return f"{lang}_{name}"


def ner_config(lang: str) -> str:
    """The NER config of one language: ``ner_de`` for German."""
    return f"ner_{lang}"


def translation_config(pair: LanguagePair) -> str:
    """The MT-ready view's config name: the pair, ``en-zh`` for English–Chinese."""
    return str(pair)


def config_names(pair: LanguagePair) -> tuple[str, ...]:
    """The configs of a corpus of ``pair``, in publishing order."""
    names: list[str] = []
    for config in CONFIG_TEMPLATES:
        if config == "ner_<lang>":
            names.extend(ner_config(lang) for lang in pair)
        elif config == "<source>-<target>":
            names.append(translation_config(pair))
        else:
            names.append(config)
    return tuple(names)


def template_of(config: str) -> str:
    """The schema template of a config name (``ner_de`` → the NER sentence template,
    ``en-de`` → the MT-ready view's)."""
    if config in CONFIG_TEMPLATES:
        return CONFIG_TEMPLATES[config]
    if config.startswith("ner_"):
        return CONFIG_TEMPLATES["ner_<lang>"]
    if "-" in config:
        return CONFIG_TEMPLATES["<source>-<target>"]
    raise KeyError(f"unknown config {config!r}")


class QuotationRecord(TypedDict):
    lang: str
    start: int
    end: int
    text: str
    kind: str
    source: str


class Document(TypedDict):
    id: str
    title: PerLanguage
    speaker: PerLanguage
    event: PerLanguage
    date_delivered: str | None
    published: PerLanguage
    original_language: str
    provenance: PerLanguage
    translated_from: PerLanguage
    text_license: PerLanguage
    text_license_note: PerLanguage
    annotation_license: str
    annotation_license_note: str
    quotations: list[QuotationRecord]
    text: PerLanguage
    source_sha256: PerLanguage
    paragraph_count: PerLanguage
    sentence_count: PerLanguage


class EntityMentionRecord(TypedDict):
    lang: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    sentence_pair: str
    confidence: float
    evidence: list[str]


class EntityRecord(TypedDict):
    id: str
    document: str
    entity: str
    label: str
    source: str
    names: PerLanguage
    link_confidence: float | None
    link_evidence: list[str]
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

#: Config template → the TypedDict of its rows, where the field names do not depend on the pair.
TYPED_RECORDS: dict[str, type] = {
    "documents": Document,
    "entities": EntityRecord,
    "ner_<lang>": NerSentence,
}


@dataclass
class Corpus:
    """Records of every config of a corpus of one language pair, in publishing order."""

    pair: LanguagePair
    documents: list[Document] = field(default_factory=list)
    paragraphs: list[ParagraphPair] = field(default_factory=list)
    sentences: list[SentencePair] = field(default_factory=list)
    #: The MT-ready view: body-text sentence beads with both sides non-empty.
    translation_pairs: list[TranslationPair] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    #: NER rows per language of the pair.
    ner: dict[str, list[NerSentence]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for lang in self.pair:
            self.ner.setdefault(lang, [])

    def config_rows(self) -> dict[str, list[Any]]:
        """Config name → its records, in :func:`config_names` order (the lists themselves)."""
        rows: dict[str, list[Any]] = {
            "documents": self.documents,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            translation_config(self.pair): self.translation_pairs,
            "terms": self.terms,
            "entities": self.entities,
        }
        rows.update((ner_config(lang), self.ner[lang]) for lang in self.pair)
        return {config: rows[config] for config in config_names(self.pair)}

    def published_configs(self) -> dict[str, list[Any]]:
        """The configs a build publishes: all but the empty optional ones."""
        return {c: rows for c, rows in self.config_rows().items() if rows or c not in OPTIONAL_CONFIGS}

    def extend(self, other: Corpus) -> None:
        """Append the records of ``other`` (a corpus of the same pair)."""
        if other.pair != self.pair:
            raise ValueError(f"cannot merge a {other.pair} corpus into a {self.pair} corpus")
        mine = self.config_rows()
        for config, rows in other.config_rows().items():
            mine[config].extend(rows)


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
def config_schema(config: str, pair: LanguagePair) -> dict[str, Any]:
    """The JSON Schema of one row of ``config`` in a corpus of ``pair``: its template written
    out for the pair, with label-set enums filled in (cached; do not mutate)."""
    return _with_label_sets(render_template(schema(template_of(config)), pair))
