"""Reading a sources folder: one sub-folder per document, each with ``meta.yaml`` and one
text file per language.

Layout::

    sources/
      <document-id>/
        meta.yaml      # document metadata, validated by bicorpus/schema/document_metadata.schema.json
        en.txt         # one text per language; names come from meta.yaml's languages.<lang>.file
        zh.txt         # (the order of meta.yaml's languages is the pair's: source side first)
        glossary.yaml  # optional: bilingual term glossary (see bicorpus.glossary)
        entities.yaml  # optional: gold entities (see bicorpus.annotation_files); else automatic
        themes.yaml    # optional: gold themes (see bicorpus.annotation_files); else automatic
        alignment.gold # optional: hand-checked sentence beads (source side first), used by
                       # tests and evaluation only, never by the build

This is the only module of the pipeline that reads source files; every later stage works on
the :class:`DocumentSource` records it returns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bicorpus.annotation_files import Entity, compile_entities
from bicorpus.errors import CorpusError
from bicorpus.glossary import Glossary, count_mismatches, load_glossary
from bicorpus.language_pair import LanguagePair
from bicorpus.normalize import normalize_text
from bicorpus.package_data import schema
from bicorpus.quotations import compile_quotations
from bicorpus.records import QuotationRecord
from bicorpus.sentence_aligner.languages import SUPPORTED
from bicorpus.validated_files import read_validated

METADATA_FILE = "meta.yaml"
GLOSSARY_FILE = "glossary.yaml"
ENTITIES_FILE = "entities.yaml"
THEMES_FILE = "themes.yaml"
METADATA_SCHEMA = "document_metadata.schema.json"

@dataclass(frozen=True)
class DocumentSource:
    """One document pair as read from disk: its validated metadata and normalized texts."""

    id: str
    folder: Path
    metadata: dict[str, Any]
    texts: dict[str, str]
    sha256: dict[str, str]
    glossary: Glossary | None = None
    #: Gold annotation, compiled to offsets; None where the document has no gold file.
    entities: list[Entity] | None = None
    #: The gold themes file, or None; compiled against the segmented paragraphs by the pipeline.
    themes_file: Path | None = None
    #: Spans quoting existing wording (meta.yaml ``quotations``), compiled to offsets.
    quotations: tuple[QuotationRecord, ...] = ()

    @property
    def pair(self) -> LanguagePair:
        """The document's two languages in the order meta.yaml lists them: source side first."""
        source, target = self.metadata["languages"]
        return LanguagePair(source, target)


def read_metadata(path: Path) -> dict[str, Any]:
    """Parse and validate one ``meta.yaml``; raises :class:`CorpusError` on the first problem."""
    # BaseLoader keeps every scalar a string ("2024-01-31" stays text, not a date).
    metadata: dict[str, Any] = read_validated(
        path, schema(METADATA_SCHEMA), loader=yaml.BaseLoader, prepare=_null_strings_to_none
    )
    return metadata


def _null_strings_to_none(value: Any) -> Any:
    # BaseLoader reads `null` and `~` as strings; the metadata schema uses real nulls.
    if isinstance(value, dict):
        return {key: _null_strings_to_none(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_null_strings_to_none(item) for item in value]
    if value in ("null", "~", "Null", "NULL"):
        return None
    return value


def read_document(folder: Path) -> DocumentSource:
    """Read one document folder: metadata, then each language's text, normalized."""
    meta_path = folder / METADATA_FILE
    if not meta_path.is_file():
        raise CorpusError(
            str(folder), f"no {METADATA_FILE}", code="E204", hint="every document folder needs one; add it or move the folder out"
        )
    metadata = read_metadata(meta_path)
    if metadata["id"] != folder.name:
        raise CorpusError(
            str(meta_path),
            f"id {metadata['id']!r} differs from the folder name {folder.name!r}",
            "/id",
            code="E205",
            hint="rename the folder or fix the id",
        )
    pair = _check_languages(metadata, meta_path)
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for lang in pair:
        entry = metadata["languages"][lang]
        text_path = folder / entry["file"]
        if not text_path.is_file():
            raise CorpusError(
                str(meta_path),
                f"file {entry['file']!r} not found in {folder}",
                f"/languages/{lang}/file",
                code="E203",
                hint="add the file or fix the name",
            )
        raw = text_path.read_bytes()
        digests[lang] = hashlib.sha256(raw).hexdigest()
        texts[lang] = normalize_text(raw, str(text_path))
        if not texts[lang].strip():
            raise CorpusError(str(text_path), "the file is empty", code="E207", hint="put the document's text in it")
    glossary = _read_glossary(folder / GLOSSARY_FILE, metadata["id"], pair, texts)
    entities_path, themes_path = folder / ENTITIES_FILE, folder / THEMES_FILE
    entities = compile_entities(entities_path, texts) if entities_path.is_file() else None
    themes_file = themes_path if themes_path.is_file() else None
    quotations = tuple(compile_quotations(metadata.get("quotations", []), texts, str(meta_path)))
    return DocumentSource(metadata["id"], folder, metadata, texts, digests, glossary, entities, themes_file, quotations)


#: The per-language fields of meta.yaml, each keyed by the document's languages.
_PER_LANGUAGE_FIELDS = (("title",), ("speaker",), ("event",), ("license", "texts"))


def _check_languages(metadata: dict[str, Any], meta_path: Path) -> LanguagePair:
    """The document's pair: two languages the embedding model covers, and every per-language
    field of the metadata names exactly those languages."""
    listed = list(metadata["languages"])
    if len(listed) != 2:
        raise CorpusError(
            str(meta_path),
            f"the document declares {len(listed)} languages ({', '.join(listed)}); a document pair has two",
            "/languages",
            code="E206",
            hint="keep the two languages whose texts translate each other; put other translations in documents of their own",
        )
    for lang in listed:
        if lang not in SUPPORTED:
            raise CorpusError(
                str(meta_path),
                f"language {lang!r} is not covered by the embedding model the aligner uses",
                f"/languages/{lang}",
                code="E206",
                hint=f"use ISO 639-1 codes of covered languages: {', '.join(sorted(SUPPORTED))}",
            )
    declared = sorted(listed)
    for path in _PER_LANGUAGE_FIELDS:
        value: Any = metadata
        for key in path:
            value = value[key]
        if sorted(value) != declared:
            raise CorpusError(
                str(meta_path),
                f"{'.'.join(path)} is given for {', '.join(sorted(value))}, "
                f"not for the document's languages {', '.join(declared)}",
                "/" + "/".join(path),
                code="E212",
                hint="give one entry per language declared under `languages` (null where unknown)",
            )
    return LanguagePair(listed[0], listed[1])


def _read_glossary(path: Path, document_id: str, pair: LanguagePair, texts: dict[str, str]) -> Glossary | None:
    if not path.is_file():
        return None
    glossary = load_glossary(path, pair)
    if glossary.document != document_id:
        raise CorpusError(
            str(path),
            f"document {glossary.document!r} is not this folder's document {document_id!r}",
            "/document",
            code="E301",
            hint="set document to the folder's document id",
        )
    stale = count_mismatches(glossary, texts)
    if stale:
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        raise CorpusError(str(path), f"counts differ from the texts: {stale[0]}{more}", code="E302", hint="update the counts")
    return glossary


def read_sources(sources_dir: Path) -> list[DocumentSource]:
    """Every document under ``sources_dir``, in order of document id (deterministic)."""
    if not sources_dir.is_dir():
        raise CorpusError(str(sources_dir), "sources folder not found", code="E201", hint="check the --sources path")
    folders = sorted(p for p in sources_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise CorpusError(
            str(sources_dir),
            "no document folders",
            code="E202",
            hint=f"add one folder per document, each with a {METADATA_FILE} and its texts",
        )
    return [read_document(folder) for folder in folders]


def corpus_pair(sources: Sequence[DocumentSource]) -> LanguagePair:
    """The language pair of a corpus: its documents' pair, which must be the same for every
    document, in the same order (the first document by id sets it)."""
    pair = sources[0].pair
    for doc in sources[1:]:
        if doc.pair != pair:
            raise CorpusError(
                str(doc.folder / METADATA_FILE),
                f"the document's languages are {doc.pair}, the corpus's are {pair} (from {sources[0].id})",
                "/languages",
                code="E218",
                hint=f"list the languages in the order {pair.source}, {pair.target} under `languages`, "
                "or build documents of other pairs into a corpus of their own",
            )
    return pair
