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

Every file read must be a regular file inside its document folder, of bounded size; a file
whose name looks like a misspelt one of these is refused rather than ignored
(docs/input-rules.md has the rules, docs/errors.md the codes). ``alignment.gold`` is only
checked for its syntax here.

This is the only module of the pipeline that reads source files; every later stage works on
the :class:`DocumentSource` records it returns. A build lists the document folders first
(:func:`discover_documents`, names only) and reads each one in the worker that builds it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bicorpus import validated_files
from bicorpus.annotation_files import Entity, compile_entities, read_themes
from bicorpus.beads import Bead
from bicorpus.errors import CorpusError
from bicorpus.glossary import Glossary, count_mismatches, load_glossary
from bicorpus.language_pair import LanguagePair
from bicorpus.normalize import has_visible_text, normalize_text
from bicorpus.package_data import schema
from bicorpus.quotations import compile_quotations
from bicorpus.records import QuotationRecord
from bicorpus.sentence_aligner.languages import SUPPORTED
from bicorpus.validated_files import StrictBaseLoader, read_validated

METADATA_FILE = "meta.yaml"
GLOSSARY_FILE = "glossary.yaml"
ENTITIES_FILE = "entities.yaml"
THEMES_FILE = "themes.yaml"
ALIGNMENT_FILE = "alignment.gold"
#: Largest text file read (bytes): about 5 million Chinese characters or a long book in English;
#: the shipped speech is 14 KB.
MAX_TEXT_BYTES = 16 * 1024 * 1024
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
        path, schema(METADATA_SCHEMA), loader=StrictBaseLoader, prepare=_null_strings_to_none
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
    """Read one document folder: metadata, then each language's text, normalized, then the
    optional glossary and gold files (see docs/input-rules.md for what is refused)."""
    meta_path = folder / METADATA_FILE
    if not os.path.lexists(meta_path):
        near = [name for name in _listing(folder) if _misspelt(name) == METADATA_FILE]
        found = f"; found {', '.join(near)}: rename it to {METADATA_FILE}" if near else ""
        raise CorpusError(
            str(folder), f"no {METADATA_FILE}", code="E204",
            hint=f"every document folder needs one; add it or move the folder out{found}",
        )
    _check_document_file(folder, METADATA_FILE, validated_files.MAX_FILE_BYTES)
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
    text_files = [metadata["languages"][lang]["file"] for lang in pair]
    _check_folder_listing(folder, text_files)
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for lang in pair:
        entry = metadata["languages"][lang]
        text_path = folder / entry["file"]
        if not text_path.exists():  # a dangling link too
            raise CorpusError(
                str(meta_path),
                f"file {entry['file']!r} not found in {folder}",
                f"/languages/{lang}/file",
                code="E203",
                hint="add the file or fix the name",
            )
        _check_document_file(folder, entry["file"], MAX_TEXT_BYTES)
        raw = validated_files.read_bytes(text_path, MAX_TEXT_BYTES, what="text")
        digests[lang] = hashlib.sha256(raw).hexdigest()
        texts[lang] = normalize_text(raw, str(text_path))
        if not has_visible_text(texts[lang]):
            raise CorpusError(
                str(text_path), "the file is empty (or holds only whitespace and invisible characters)", code="E207",
                hint="put the document's text in it",
            )
    glossary_path = _optional_file(folder, GLOSSARY_FILE)
    glossary = None if glossary_path is None else _read_glossary(glossary_path, metadata["id"], pair, texts)
    entities_path = _optional_file(folder, ENTITIES_FILE)
    entities = None if entities_path is None else compile_entities(entities_path, texts)
    themes_file = _optional_file(folder, THEMES_FILE)
    if themes_file is not None:
        read_themes(themes_file)  # refused now, before the document is segmented and aligned
    alignment_path = _optional_file(folder, ALIGNMENT_FILE)
    if alignment_path is not None:
        check_alignment_gold(alignment_path)
    quotations = tuple(compile_quotations(metadata.get("quotations", []), texts, str(meta_path)))
    return DocumentSource(metadata["id"], folder, metadata, texts, digests, glossary, entities, themes_file, quotations)


# --- the files of a document folder -----------------------------------------------------------


def _check_document_file(folder: Path, name: str, limit: int) -> None:
    """Refuse ``folder/name`` unless it is a regular file of at most ``limit`` bytes in the
    folder: a symbolic link may point to another file of the same folder (one text under two
    names), never out of it (a link to /etc/passwd would be published as a text)."""
    path = folder / name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise CorpusError(
                str(path), f"is a symbolic link to {target}, outside the document folder", code="E113",
                hint="copy the file into the document folder instead of linking to it",
            )
    validated_files.check_regular_file(path, limit, what="text" if limit == MAX_TEXT_BYTES else "file")


def _optional_file(folder: Path, name: str) -> Path | None:
    """``folder/name`` when it is there (checked like every document file), else None."""
    path = folder / name
    if not os.path.lexists(path):
        return None
    _check_document_file(folder, name, validated_files.MAX_FILE_BYTES)
    return path


def _listing(folder: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in folder.iterdir())
    except OSError:
        return []


#: The stem of each file bicorpus reads by a fixed name, for recognising misspellings.
_KNOWN_STEMS = {
    name.split(".")[0]: name for name in (METADATA_FILE, GLOSSARY_FILE, ENTITIES_FILE, THEMES_FILE, ALIGNMENT_FILE)
}
#: Extensions a misspelt fixed-name file would carry; others (README.md, entities.txt,
#: entities.yaml.bak) are the user's own files and stay allowed.
_DATA_EXTENSIONS = {"", "yaml", "yml", "json", "gold", "align"}


def _misspelt(name: str) -> str | None:
    """The fixed-name file ``name`` looks like a misspelling of, else None.

    Case variants (``Entities.yaml``), other extensions (``entities.yml``), singular or plural
    (``theme.yaml``) and one or two typed letters off (``entites.yaml``) count; a stem of
    four letters or more that starts one of the names (``meta`` in ``metadata.yaml``) too.
    """
    folded = name.casefold()
    if folded.startswith("."):
        return None
    stem, _, extension = folded.partition(".")
    if extension not in _DATA_EXTENSIONS:
        return None
    for known_stem, known in _KNOWN_STEMS.items():
        if folded == known:
            return known if name != known else None
        singular = {known_stem, known_stem.removesuffix("s"), known_stem.removesuffix("ies") + "y"}
        prefix = len(stem) >= 4 and (known_stem.startswith(stem) or stem.startswith(known_stem))
        if stem in singular or prefix or difflib.SequenceMatcher(None, stem, known_stem).ratio() >= 0.8:
            return known
    return None


def _check_folder_listing(folder: Path, text_files: Sequence[str]) -> None:
    """Refuse a file or folder whose name looks like a misspelt file bicorpus reads (E219):
    bicorpus would silently go without it. Other files (notes, a README) are allowed."""
    reads = [METADATA_FILE, *text_files, GLOSSARY_FILE, ENTITIES_FILE, THEMES_FILE, ALIGNMENT_FILE]
    for name in _listing(folder):
        if name in reads:
            continue
        expected = _misspelt(name)
        if expected is not None:
            kind = "folder" if (folder / name).is_dir() else "file"
            raise CorpusError(
                str(folder / name), f"bicorpus does not read this {kind}; it looks like a misspelt {expected}",
                code="E219",
                hint=f"rename it to {expected} if it is meant to be read, or move it out of the document folder "
                f"(bicorpus reads {', '.join(reads)}; {ALIGNMENT_FILE} only in tests and evaluation)",
            )


def check_alignment_gold(path: Path) -> int:
    """Check the syntax of a hand-checked alignment file (one ``[0,1]:[2]`` bead a line;
    blank lines and ``#`` comments allowed) and return its number of beads.

    The build does not use the beads (they serve tests and evaluation); a malformed line is
    refused all the same, so the file cannot rot unnoticed beside the corpus it describes.
    Whether the beads cover the sentences is checked where the file is used.
    """
    text = validated_files.read_text(path)
    beads = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            bead = Bead.from_interchange(line)
        except ValueError as error:
            raise CorpusError(
                str(path), str(error), code="E220", line=number, hint="write one bead a line, as [0,1]:[2] (source side first)"
            ) from None
        if any(index < 0 for index in (*bead.src, *bead.tgt)):
            raise CorpusError(
                str(path), f"bead {line.strip()!r} holds a negative sentence number", code="E220", line=number,
                hint="number sentences from 0",
            )
        beads += 1
    return beads


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


def _read_glossary(path: Path, document_id: str, pair: LanguagePair, texts: dict[str, str]) -> Glossary:
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


def discover_documents(sources_dir: Path) -> list[Path]:
    """The document folders under ``sources_dir``, in order of name (the document id), without
    reading them: a build reads each document where it is built (:func:`read_document`)."""
    if not sources_dir.is_dir():
        raise CorpusError(str(sources_dir), "sources folder not found", code="E201", hint="check the --sources path")
    with os.scandir(sources_dir) as entries:
        folders = sorted(
            sources_dir / entry.name for entry in entries if not entry.name.startswith(".") and entry.is_dir()
        )
    if not folders:
        raise CorpusError(
            str(sources_dir),
            "no document folders",
            code="E202",
            hint=f"add one folder per document, each with a {METADATA_FILE} and its texts",
        )
    return folders


def read_sources(sources_dir: Path) -> list[DocumentSource]:
    """Every document under ``sources_dir``, read, in order of document id (for small corpora
    and tests: a build reads each document in the worker that builds it)."""
    return [read_document(folder) for folder in discover_documents(sources_dir)]


def declared_pair(folder: Path) -> LanguagePair:
    """The language pair a document folder's ``meta.yaml`` declares (validated), without
    reading its texts: how a build learns its corpus's pair before building anything."""
    meta_path = folder / METADATA_FILE
    if not os.path.lexists(meta_path):
        read_document(folder)  # raises the missing-metadata error, with its hints
    _check_document_file(folder, METADATA_FILE, validated_files.MAX_FILE_BYTES)
    return _check_languages(read_metadata(meta_path), meta_path)


def check_pair(doc: DocumentSource, pair: LanguagePair, first: str) -> None:
    """Refuse a document whose pair is not the corpus's ``pair`` (set by document ``first``): E218."""
    if doc.pair != pair:
        raise CorpusError(
            str(doc.folder / METADATA_FILE),
            f"the document's languages are {doc.pair}, the corpus's are {pair} (from {first})",
            "/languages",
            code="E218",
            hint=f"list the languages in the order {pair.source}, {pair.target} under `languages`, "
            "or build documents of other pairs into a corpus of their own",
        )


def corpus_pair(sources: Sequence[DocumentSource]) -> LanguagePair:
    """The language pair of a corpus: its documents' pair, which must be the same for every
    document, in the same order (the first document by id sets it)."""
    pair = sources[0].pair
    for doc in sources[1:]:
        check_pair(doc, pair, sources[0].id)
    return pair
