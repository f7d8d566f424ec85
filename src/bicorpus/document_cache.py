"""The build's record cache: each document's records, kept so that a later build can reuse them.

Every document a build finishes is written to ``OUT/.bicorpus-cache/`` at once, under a key
that names everything its records depend on: the bytes of every file in its folder, the
corpus's language pair, the build signature (:mod:`bicorpus.build_signature`) and a digest of
the installed bicorpus code and package data. ``bicorpus build --resume`` reuses an entry
whose key matches instead of building the document again, so a killed build, or a rebuild
after editing a few documents, only builds what is new. A key that matches gives the same
records as building would, so reusing changes no published byte.

An entry is ``<id>.<key>.json.gz``: the document's rows of every config as JSON, written to a
temporary name and renamed (a killed build leaves no half-written entry under an entry's
name). After a build publishes, entries of documents it did not publish, or of older keys,
are removed, so the cache holds one entry per published document.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import bicorpus
from bicorpus.build_signature import BuildSignature
from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus

CACHE_FOLDER = ".bicorpus-cache"
#: Bumped when an entry's content changes shape, so that older entries are never read.
CACHE_FORMAT = 1
_SUFFIX = ".json.gz"
#: gzip level: entries are written once per document and read rarely; speed matters more.
_COMPRESSION = 1


def folder_digest(folder: Path) -> str | None:
    """SHA-256 over the names and bytes of every file in a document folder (hidden files
    aside), or None when one cannot be read (then the document is built, and its error shown)."""
    digest = hashlib.sha256()
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith(".") and entry.is_file())
        for name in names:
            data = (folder / name).read_bytes()
            digest.update(f"{name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """SHA-256 of the installed bicorpus package's files (code, schemas, label files, lexicons),
    so that an edited checkout never reuses records its old code made."""
    root = Path(bicorpus.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class DocumentCache:
    """The cache folder of one build's output folder, for one pair and build signature."""

    def __init__(self, out_dir: Path, pair: LanguagePair, signature: BuildSignature) -> None:
        self.folder = out_dir / CACHE_FOLDER
        self.pair = pair
        self._base = json.dumps(
            {"format": CACHE_FORMAT, "pair": list(pair), "signature": str(signature), "code": code_digest()},
            sort_keys=True,
        )

    def key(self, sources_digest: str) -> str:
        """The key of a document whose folder has ``sources_digest`` (:func:`folder_digest`)."""
        return hashlib.sha256(f"{self._base}\0{sources_digest}".encode()).hexdigest()[:32]

    def path(self, document: str, key: str) -> Path:
        """Where the entry of ``document`` under ``key`` is kept."""
        return self.folder / f"{document}.{key}{_SUFFIX}"

    def has(self, document: str, key: str) -> bool:
        """Whether an entry of ``document`` under ``key`` exists."""
        return self.path(document, key).is_file()

    def load(self, document: str, key: str) -> Corpus | None:
        """The cached records, or None when the entry is missing or cannot be read."""
        try:
            with gzip.open(self.path(document, key), "rt", encoding="utf-8") as handle:
                rows = json.load(handle)
        except (OSError, EOFError, ValueError):
            return None
        records = Corpus(self.pair)
        for config, config_rows in records.config_rows().items():
            config_rows.extend(rows.get(config, []))
        return records

    def store(self, document: str, key: str, records: Corpus) -> None:
        """Keep a document's records under ``key`` (written under a temporary name, then renamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(document, key)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
        data = json.dumps(records.config_rows(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            with open(temporary, "wb") as raw, gzip.GzipFile("", "wb", _COMPRESSION, raw, mtime=0) as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def keep_only(self, entries: Iterable[tuple[str, str]]) -> None:
        """Remove every entry but ``entries`` (document, key), and temporary files of killed builds."""
        if not self.folder.is_dir():
            return
        wanted = {self.path(document, key).name for document, key in entries}
        with os.scandir(self.folder) as listing:
            doomed = [entry.name for entry in listing if entry.name not in wanted]
        for name in doomed:
            # A cache file that stays costs only disk space; the next build tries again.
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()
