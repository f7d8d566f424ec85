"""Adding a document pair to a sources folder: ``bicorpus add-document``.

Creates ``SOURCES_DIR/ID/`` with the two texts copied byte for byte (as ``<lang>.txt``) and a
``meta.yaml`` that validates: the pair the texts declare, the titles given on the command
line, and honest defaults for everything the command cannot know (null speaker, event and
date; no licence asserted; the first text taken as the original and the second as its
translation). Nothing is written when any input is refused, and an existing document is
never touched.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from bicorpus.errors import CorpusError
from bicorpus.normalize import normalize_text
from bicorpus.segment import split_paragraphs
from bicorpus.sentence_aligner.languages import SUPPORTED
from bicorpus.sources import METADATA_FILE, read_metadata

__all__ = ["add_document"]

_DOCUMENT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def add_document(
    sources_dir: Path, document_id: str, texts: Sequence[tuple[str, Path]], titles: Mapping[str, str]
) -> Path:
    """Create the document folder ``sources_dir/document_id`` and return its path.

    ``texts`` are two ``(language code, file)`` pairs, the original first; ``titles`` maps
    some of those codes to a title. Raises :class:`CorpusError` (codes E213–E217, or the
    reading errors of :func:`bicorpus.normalize.normalize_text`) before writing anything.
    """
    if not _DOCUMENT_ID.match(document_id):
        raise CorpusError(
            document_id,
            "not a document id",
            code="E213",
            hint="use lower-case letters and digits in hyphen-separated groups",
        )
    languages = [lang for lang, _ in texts]
    if len(texts) != 2 or len(set(languages)) != 2:
        raise CorpusError(
            "add-document",
            f"{len(texts)} --text option(s) for {', '.join(languages) or 'no language'}",
            code="E216",
            hint="give --text LANG=FILE exactly twice, for two different languages",
        )
    for lang in languages:
        if lang not in SUPPORTED:
            raise CorpusError(
                f"--text {lang}=…",
                f"unknown language code {lang!r}",
                code="E214",
                hint=f"use one of {', '.join(sorted(SUPPORTED))}",
            )
    for lang in titles:
        if lang not in languages:
            raise CorpusError(
                f"--title {lang}=…",
                f"no --text for {lang!r}",
                code="E216",
                hint="give titles only for the two texts' languages",
            )
    folder = sources_dir / document_id
    if folder.exists():
        raise CorpusError(
            str(folder),
            "already exists",
            code="E215",
            hint="choose another id, or edit or remove that folder",
        )
    decoded = {lang: _read_text(path) for lang, path in texts}
    folder.mkdir(parents=True)
    try:
        for lang, path in texts:
            shutil.copyfile(path, folder / f"{lang}.txt")
        metadata = _metadata(document_id, texts, titles, decoded)
        meta_path = folder / METADATA_FILE
        meta_path.write_text(
            yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
        read_metadata(meta_path)  # what add-document writes must validate; a failure here is a bug
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise CorpusError(str(path), "not a regular file", code="E217", hint="name the text file itself")
    text = normalize_text(path.read_bytes(), str(path))
    if not text.strip():
        raise CorpusError(str(path), "the file is empty", code="E207", hint="put the document's text in it")
    return text


def _metadata(
    document_id: str, texts: Sequence[tuple[str, Path]], titles: Mapping[str, str], decoded: Mapping[str, str]
) -> dict[str, Any]:
    (original, _), (translation, _) = texts
    languages = [original, translation]
    # The title is a paragraph of its own only where every text opens with exactly its title.
    opens_with_title = len(titles) == 2 and all(
        (paragraphs := split_paragraphs(decoded[lang])) and paragraphs[0].text == titles[lang]
        for lang in languages
    )
    return {
        "id": document_id,
        "title": {lang: titles.get(lang) for lang in languages},
        "speaker": dict.fromkeys(languages),
        "event": dict.fromkeys(languages),
        "date_delivered": None,
        "original_language": original,
        "roles": {"leading": ["title"] if opens_with_title else [], "trailing": []},
        "languages": {
            lang: {
                "file": f"{lang}.txt",
                "provenance": (
                    f"Copied unchanged from {path.name} by bicorpus add-document; where the text comes from is not stated yet."
                ),
                "translated_from": None if lang == original else original,
                "published": None,
            }
            for lang, path in texts
        },
        "license": {
            "texts": {
                lang: {"id": "NOASSERTION", "note": "No licence stated yet; state the text's licence here."}
                for lang in languages
            },
            "annotations": {
                "id": "NOASSERTION",
                "note": "No licence stated yet for the metadata and annotations.",
            },
        },
    }
