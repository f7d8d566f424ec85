"""Validate stage: every record against its JSON Schema, then cross-record integrity.

Records are checked against their schemas by a compiled fast pass first
(:mod:`bicorpus.compiled_schema`); only the rows it rejects go through ``jsonschema``, which
names what is wrong, so the problems are ``jsonschema``'s own and a valid document costs
milliseconds (the build validates every document before writing it).

Integrity rules, per document:

* ids are unique within their config and start with their document's id: beads and NER rows
  follow the ``<document>/<kind><number>`` scheme, with the number equal to the row's
  ``index`` (so ids are stable across identical builds), terms and entities are
  ``<document>/term/…`` and ``<document>/entity/…``; so ids unique in each document are
  unique in the corpus (:mod:`bicorpus.published_validation` streams it document by document);
* every reference resolves: ``document``, ``paragraph``, ``*_duplicate_of``;
* offsets slice out exactly the stored text of each side, and a side is empty exactly when
  its offsets are null;
* ``alignment_type`` matches the number of ids on each side;
* beads are complete and monotone: reading the beads in order lists every paragraph and every
  sentence of each language exactly once, in order (paragraph and sentence counts come from
  the document record);
* every term realisation lies inside its sentence bead and slices out the term's form (target
  side) or the rendering it names (source side), and a term's realisations add up to its counts;
* every entity mention slices out its text from the document and from its sentence, lies in
  the sentence bead it names, and no two mentions of one language overlap (flat annotation);
  a gold mention has confidence 1.0 and evidence ``["gold"]``; an entity has link confidence
  and evidence exactly when it has mentions in both languages;
* every NER row's tokens slice out of its sentence text, its tags are valid BIO, and the
  spans they tag are exactly the entity mentions of that sentence with their labels;
* a bead's primary theme is one of its themes, and only a bead without themes has none;
* the MT-ready view (``<source>-<target>``) holds exactly the body-text sentence beads with
  both sides non-empty, as they are in ``sentences``.

A problem names the config, the record id and the JSON pointer of the offending value.
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import datasets
import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq

from bicorpus.compiled_schema import Predicate, compile_schema
from bicorpus.dataset_card import card_data_paths
from bicorpus.errors import CorpusError, json_pointer
from bicorpus.features import config_arrow_schema
from bicorpus.language_pair import LanguagePair
from bicorpus.records import (
    BODY_ROLE,
    TRANSLATION_PAIR_FIELDS,
    Corpus,
    config_schema,
    ner_config,
    side,
    translation_config,
)
from bicorpus.unit_ids import UnitId, UnitKind, parse_unit_id, sentence_id

if TYPE_CHECKING:
    from bicorpus.publish import Snapshot


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a built corpus."""

    config: str
    record: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.config} {self.record} at {self.pointer or '/'}: {self.message}"


#: A record as this module reads it: fields named per language (``en_ids``, ``zh_start``) are
#: looked up by the names :func:`bicorpus.records.side` makes, which a TypedDict cannot type.
Row = Mapping[str, Any]


def _rows(rows: Sequence[Row]) -> Sequence[Row]:
    """``rows`` typed as :data:`Row`."""
    return rows


def _unit_lang(unit_id: str) -> str | None:
    parsed = parse_unit_id(unit_id)
    return None if parsed is None else parsed.lang


@cache
def _schema_validator(config: str, pair: LanguagePair) -> jsonschema.Draft202012Validator:
    """The full validator of ``config``'s rows, made once per process (it says what is wrong)."""
    return jsonschema.Draft202012Validator(config_schema(config, pair))


@cache
def _schema_check(config: str, pair: LanguagePair) -> Predicate:
    """The fast pass of ``config``'s rows (:mod:`bicorpus.compiled_schema`), compiled once per process."""
    return compile_schema(config_schema(config, pair))


def _schema_problems(config: str, pair: LanguagePair, rows: Sequence[dict[str, Any]]) -> Iterable[Problem]:
    # The fast pass accepts only valid rows; jsonschema looks again at the others and reports
    # exactly what it always has (or nothing, where the fast pass was only stricter).
    check = _schema_check(config, pair)
    for number, row in enumerate(rows):
        if check(row):
            continue
        validator = _schema_validator(config, pair)
        record = str(row.get("id", f"#{number}")) if isinstance(row, dict) else f"#{number}"
        for error in sorted(validator.iter_errors(row), key=lambda e: list(map(str, e.absolute_path))):
            yield Problem(config, record, json_pointer(error.absolute_path), error.message)


def _bead_problems(
    config: str, pair: LanguagePair, rows: Sequence[Row], texts: Mapping[str, Mapping[str, str]]
) -> Iterable[Problem]:
    fields = [(lang, side(lang, "ids"), side(lang, "start"), side(lang, "end")) for lang in pair]
    for row in rows:
        document = texts.get(row["document"])
        if document is None:
            yield Problem(config, row["id"], "/document", f"unknown document {row['document']!r}")
            continue
        for lang, ids_field, start_field, end_field in fields:
            ids, start, end = row[ids_field], row[start_field], row[end_field]
            stored = row["translation"][lang]
            if not ids:
                if start is not None or end is not None or stored:
                    yield Problem(config, row["id"], f"/{lang}_start", f"empty {lang} side has offsets or text")
                continue
            if start is None or end is None or not 0 <= start <= end <= len(document[lang]):
                yield Problem(config, row["id"], f"/{lang}_start", f"offsets {start}..{end} outside the {lang} text")
            elif document[lang][start:end] != stored:
                yield Problem(
                    config, row["id"], f"/translation/{lang}", f"text differs from the document's {lang} text at {start}..{end}"
                )
        expected_type = "-".join(str(len(row[ids_field])) for _, ids_field, _, _ in fields)
        if row["alignment_type"] != expected_type:
            yield Problem(config, row["id"], "/alignment_type", f"is {row['alignment_type']} but the bead has {expected_type}")


def _coverage_problems(
    config: str,
    pair: LanguagePair,
    rows: Sequence[Row],
    documents: Mapping[str, Row],
    unit: Literal["p", "s"],
    count_field: str,
) -> Iterable[Problem]:
    by_document: dict[str, list[Row]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).append(row)
    bead_kind: UnitKind = "pp" if unit == "p" else "sp"
    for doc_id, document in documents.items():
        doc_rows = by_document.get(doc_id, [])
        for position, row in enumerate(doc_rows):
            expected_id = str(UnitId(doc_id, None, bead_kind, position))
            if row["index"] != position or row["id"] != expected_id:
                yield Problem(
                    config, row["id"], "/index", f"bead {position} of {doc_id} should have id {expected_id} and index {position}"
                )
        for lang in pair:
            listed = [unit_id for row in doc_rows for unit_id in row[side(lang, "ids")]]
            count = document[count_field][lang]
            expected = [str(UnitId(doc_id, lang, unit, i)) for i in range(count)]
            if listed != expected:
                first_bad = next((i for i, (a, b) in enumerate(zip(listed, expected)) if a != b), min(len(listed), len(expected)))
                yield Problem(
                    config,
                    doc_id,
                    f"/{lang}_ids",
                    f"beads list {len(listed)} {lang} units, expected {count} each once in order; "
                    f"first difference at position {first_bad}",
                )


def validate_corpus(corpus: Corpus) -> list[Problem]:
    """Every problem in ``corpus``; an empty list means it may be published."""
    problems: list[Problem] = []
    pair = corpus.pair
    for config, rows in corpus.config_rows().items():
        problems.extend(_schema_problems(config, pair, rows))
    if problems:
        # Integrity rules assume well-formed records; report schema problems alone first.
        return problems

    for config, rows in corpus.config_rows().items():
        seen: set[str] = set()
        for row in rows:
            if row["id"] in seen:
                problems.append(Problem(config, row["id"], "/id", "id is not unique"))
            seen.add(row["id"])
    # Every other config's ids are made from their document's (the rules below check them);
    # these two only by the schema's shape. With a prefix, ids unique in their document are
    # unique in the corpus, which a reader streaming one document at a time relies on.
    for config in ("terms", "entities"):
        for row in corpus.config_rows()[config]:
            if not row["id"].startswith(row["document"] + "/"):
                problems.append(Problem(config, row["id"], "/id", f"does not start with its document's id {row['document']}/"))

    documents: dict[str, Row] = {doc["id"]: doc for doc in corpus.documents}
    texts = {doc_id: doc["text"] for doc_id, doc in documents.items()}
    paragraphs, sentences = _rows(corpus.paragraphs), _rows(corpus.sentences)
    problems.extend(_bead_problems("paragraphs", pair, paragraphs, texts))
    problems.extend(_bead_problems("sentences", pair, sentences, texts))
    problems.extend(_coverage_problems("paragraphs", pair, paragraphs, documents, "p", "paragraph_count"))
    problems.extend(_coverage_problems("sentences", pair, sentences, documents, "s", "sentence_count"))

    paragraph_rows = {row["id"]: row for row in paragraphs}
    language_paragraphs = {pid for row in paragraphs for lang in pair for pid in row[side(lang, "ids")]}
    for row in paragraphs:
        for lang in pair:
            target = row[side(lang, "duplicate_of")]
            if target is not None and (target not in language_paragraphs or _unit_lang(target) != lang):
                problems.append(
                    Problem("paragraphs", row["id"], f"/{lang}_duplicate_of", f"{target!r} is not a {lang} paragraph")
                )
    for row in sentences:
        paragraph = paragraph_rows.get(row["paragraph"])
        if paragraph is None or paragraph["document"] != row["document"]:
            problems.append(Problem("sentences", row["id"], "/paragraph", f"unknown paragraph {row['paragraph']!r}"))
            continue
        for lang in pair:
            start, end = row[side(lang, "start")], row[side(lang, "end")]
            p_start, p_end = paragraph[side(lang, "start")], paragraph[side(lang, "end")]
            if start is not None and (p_start is None or not p_start <= start <= end <= p_end):
                problems.append(
                    Problem("sentences", row["id"], f"/{lang}_start", f"{lang} side lies outside paragraph {row['paragraph']}")
                )
    problems.extend(_translation_pair_problems(corpus, paragraph_rows))
    problems.extend(_quotation_problems(documents))
    problems.extend(_term_problems(corpus, documents))
    problems.extend(_entity_problems(corpus, documents))
    problems.extend(_ner_problems(corpus, documents))
    for config in ("paragraphs", "sentences"):
        for row in corpus.config_rows()[config]:
            if (row["primary_theme"] is None) != (not row["themes"]) or (
                row["primary_theme"] is not None and row["primary_theme"] not in row["themes"]
            ):
                problems.append(
                    Problem(config, row["id"], "/primary_theme", "must be one of `themes`, and null only when `themes` is empty")
                )
    return problems


def _translation_pair_problems(corpus: Corpus, paragraphs: Mapping[str, Row]) -> Iterable[Problem]:
    """The MT-ready view holds exactly the body-text beads with both sides non-empty, as they
    are in ``sentences``."""
    config = translation_config(corpus.pair)
    expected = [
        {key: bead[key] for key in TRANSLATION_PAIR_FIELDS}
        for bead in _rows(corpus.sentences)
        if paragraphs.get(bead["paragraph"], {}).get("role") == BODY_ROLE and all(bead["translation"].values())
    ]
    listed = list(corpus.translation_pairs)
    if listed != expected:
        position = next((i for i, (a, b) in enumerate(zip(listed, expected)) if a != b), min(len(listed), len(expected)))
        record = listed[position]["id"] if position < len(listed) else f"#{position}"
        yield Problem(
            config, record, f"/{position}",
            f"holds {len(listed)} rows, not the {len(expected)} body-text sentence beads with both sides non-empty "
            f"(first difference at row {position})",
        )


def _quotation_problems(documents: Mapping[str, Row]) -> Iterable[Problem]:
    for doc_id, document in documents.items():
        for k, quotation in enumerate(document["quotations"]):
            text = document["text"].get(quotation["lang"])
            if text is None or text[quotation["start"] : quotation["end"]] != quotation["text"]:
                yield Problem("documents", doc_id, f"/quotations/{k}/start", f"offsets do not slice out {quotation['text']!r}")


def _term_problems(corpus: Corpus, documents: Mapping[str, Row]) -> Iterable[Problem]:
    beads = {row["id"]: row for row in _rows(corpus.sentences)}
    source, target = corpus.pair
    rendering_field = side(source, "rendering")
    # Field names made once, not per realisation: a document has hundreds of realisations.
    offsets = [(lang, side(lang, "start"), side(lang, "end")) for lang in corpus.pair]
    for term in _rows(corpus.terms):
        document = documents.get(term["document"])
        if document is None:
            yield Problem("terms", term["id"], "/document", f"unknown document {term['document']!r}")
            continue
        found = dict.fromkeys(corpus.pair, 0)
        for k, realisation in enumerate(term["realisations"]):
            bead = beads.get(realisation["sentence_pair"])
            if bead is None or bead["document"] != term["document"]:
                yield Problem(
                    "terms", term["id"], f"/realisations/{k}/sentence_pair",
                    f"unknown sentence pair {realisation['sentence_pair']!r}",
                )
                continue
            for lang, start_field, end_field in offsets:
                start, end = realisation[start_field], realisation[end_field]
                if start is None:
                    continue
                found[lang] += 1
                expected = term[target] if lang == target else realisation[rendering_field]
                actual = document["text"][lang][start:end]
                if expected is None or actual.casefold() != expected.casefold():
                    yield Problem("terms", term["id"], f"/realisations/{k}/{lang}_start", f"slices {actual!r}, not {expected!r}")
                bead_start, bead_end = bead[start_field], bead[end_field]
                if not (bead_start is not None and bead_start <= start and end <= bead_end):
                    yield Problem(
                        "terms", term["id"], f"/realisations/{k}/{lang}_start", f"lies outside sentence pair {bead['id']}"
                    )
            rendering = realisation[rendering_field]
            if rendering is not None and rendering not in term["renderings"]:
                yield Problem("terms", term["id"], f"/realisations/{k}/{rendering_field}", "is not one of the term's renderings")
        for lang in corpus.pair:
            if found[lang] != term["count"][lang]:
                yield Problem(
                    "terms",
                    term["id"],
                    f"/count/{lang}",
                    f"is {term['count'][lang]} but {found[lang]} {lang} realisations are listed",
                )


def _entity_problems(corpus: Corpus, documents: Mapping[str, Row]) -> Iterable[Problem]:
    beads = {row["id"]: row for row in _rows(corpus.sentences)}
    ner = {row["id"]: row for rows in corpus.ner.values() for row in rows}
    taken: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for entity in corpus.entities:
        document = documents.get(entity["document"])
        if document is None:
            yield Problem("entities", entity["id"], "/document", f"unknown document {entity['document']!r}")
            continue
        for k, mention in enumerate(entity["mentions"]):
            pointer, lang = f"/mentions/{k}", mention["lang"]
            if document["text"][lang][mention["start"] : mention["end"]] != mention["text"]:
                yield Problem("entities", entity["id"], f"{pointer}/start", f"offsets do not slice out {mention['text']!r}")
            sentence = ner.get(mention["sentence"])
            if sentence is None or _unit_lang(mention["sentence"]) != lang:
                yield Problem("entities", entity["id"], f"{pointer}/sentence", f"unknown {lang} sentence {mention['sentence']!r}")
            elif sentence["text"][mention["sentence_start"] : mention["sentence_end"]] != mention["text"]:
                yield Problem(
                    "entities", entity["id"], f"{pointer}/sentence_start", "sentence offsets do not slice out the mention"
                )
            bead = beads.get(mention["sentence_pair"])
            if bead is None or mention["sentence"] not in bead[side(lang, "ids")]:
                yield Problem(
                    "entities", entity["id"], f"{pointer}/sentence_pair", "the sentence pair does not hold the mention's sentence"
                )
            taken.setdefault((entity["document"], lang), []).append(
                (mention["start"], mention["end"], f"{entity['id']}{pointer}")
            )
            if entity["source"] == "gold" and (mention["confidence"] != 1.0 or mention["evidence"] != ["gold"]):
                yield Problem(
                    "entities", entity["id"], f"{pointer}/evidence", "a gold mention has confidence 1.0 and evidence ['gold']"
                )
        # A link exists only between mentions in both languages, and then it has its evidence.
        linked = len({mention["lang"] for mention in entity["mentions"]}) > 1
        if linked != (entity["link_confidence"] is not None) or linked != bool(entity["link_evidence"]):
            yield Problem(
                "entities", entity["id"], "/link_confidence",
                "link confidence and evidence are given exactly when the entity has mentions in both languages",
            )
    for (_, lang), spans in taken.items():
        spans.sort()
        for (_, end, first), (start, _, second) in itertools.pairwise(spans):
            if start < end:
                yield Problem("entities", second.split("/mentions/")[0], "/mentions", f"{lang} mention overlaps {first}")


def _bio_spans(tags: list[str], starts: list[int], tokens: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for tag, start, token in zip(tags, starts, tokens):
        if tag.startswith("B-"):
            spans.append((start, start + len(token), tag[2:]))
        elif tag.startswith("I-"):
            begin, _, label = spans[-1]
            spans[-1] = (begin, start + len(token), label)
    return spans


def _ner_problems(corpus: Corpus, documents: Mapping[str, Row]) -> Iterable[Problem]:
    expected: dict[str, list[tuple[int, int, str]]] = {}
    labels = {entity["id"]: entity["label"] for entity in corpus.entities}
    for entity in corpus.entities:
        for mention in entity["mentions"]:
            expected.setdefault(mention["sentence"], []).append(
                (mention["sentence_start"], mention["sentence_end"], labels[entity["id"]])
            )
    beads = {row["id"]: row for row in _rows(corpus.sentences)}
    for lang in corpus.pair:
        config = ner_config(lang)
        # Rows grouped by document in one pass: a scan per document made validate quadratic.
        ids_by_document: dict[str, list[str]] = {}
        for row in corpus.config_rows()[config]:
            ids_by_document.setdefault(row["document"], []).append(row["id"])
        for document_id, document in documents.items():
            listed = ids_by_document.get(document_id, [])
            count = document["sentence_count"][lang]
            if listed != [sentence_id(document_id, lang, i) for i in range(count)]:
                yield Problem(
                    config, document_id, "/id", f"rows should be the document's {count} {lang} sentences, once each, in order"
                )
        ids_field, start_field, end_field = side(lang, "ids"), side(lang, "start"), side(lang, "end")
        for row in corpus.config_rows()[config]:
            row_document = documents.get(row["document"])
            bead = beads.get(row["sentence_pair"])
            if row_document is None or bead is None or row["id"] not in bead[ids_field]:
                yield Problem(config, row["id"], "/sentence_pair", f"no sentence pair of the document holds this {lang} sentence")
                continue
            if row_document["text"][lang][row["start"] : row["end"]] != row["text"]:
                yield Problem(config, row["id"], "/text", "differs from the document text at start..end")
            if not bead[start_field] <= row["start"] <= row["end"] <= bead[end_field]:
                yield Problem(config, row["id"], "/start", "lies outside its sentence pair")
            if not (len(row["tokens"]) == len(row["token_starts"]) == len(row["ner_tags"])):
                yield Problem(config, row["id"], "/tokens", "tokens, token_starts and ner_tags differ in length")
                continue
            tokens, starts, tags, text = row["tokens"], row["token_starts"], row["ner_tags"], row["text"]
            # Every token checked at C speed first (starts are >= 0, the schema says so, and
            # then text.startswith(token, start) is text[start:start + len(token)] == token);
            # the loop below only runs to name the first bad token.
            if not (all(map(str.strip, tokens)) and all(map(text.startswith, tokens, starts))):
                for k, (token, start) in enumerate(zip(tokens, starts)):
                    if not token.strip() or text[start : start + len(token)] != token:
                        yield Problem(config, row["id"], f"/tokens/{k}", f"token {token!r} is not at {start} in the sentence")
                        break
            mentions = expected.get(row["id"], [])
            if tags.count("O") == len(tags):
                # Most sentences tag nothing: valid BIO, and they must hold no mention.
                if mentions:
                    yield Problem(config, row["id"], "/ner_tags", "tagged spans differ from the entity mentions of this sentence")
                continue
            previous = "O"
            for k, tag in enumerate(tags):
                if tag.startswith("I-") and previous[2:] != tag[2:]:
                    yield Problem(config, row["id"], f"/ner_tags/{k}", f"{tag} does not continue {previous}")
                    break
                previous = tag
            else:
                if sorted(_bio_spans(tags, starts, tokens)) != sorted(mentions):
                    yield Problem(config, row["id"], "/ner_tags", "tagged spans differ from the entity mentions of this sentence")


def published_problems(folder: Path) -> tuple[Snapshot, list[CorpusError]]:
    """(the corpus published in ``folder``, what is wrong with what a user of it loads).

    ``datasets.load_dataset`` reads the card's front matter and the files its data paths
    match, casts them to the card's features and checks the card's row counts, so a corpus is
    valid only if all of that holds: every config of the card matches files, exactly the
    files of the snapshot's manifest; the card lists the manifest's configs; each config's
    ``dataset_info`` features equal the files' features, and its ``num_examples`` and
    ``num_bytes`` are what loading computes; every file's SHA-256 is the manifest's, and the
    manifest hashes to the snapshot folder's name. Each problem is one coded error; a card or
    manifest that cannot be read at all is raised (E406, E407, E420 to E422).
    """
    # Imported here: publish imports this module (it validates each document before writing).
    from bicorpus import publish

    snapshot = publish.published_snapshot(folder)
    card, manifest, version_dir = snapshot.card_path, snapshot.manifest, snapshot.version_dir
    problems: list[CorpusError] = []
    rebuild = "rebuild the corpus (bicorpus build); files of a published snapshot must not be edited"

    def problem(where: Path, message: str, *, code: str, hint: str = rebuild, pointer: str | None = None) -> None:
        problems.append(CorpusError(str(where), message, pointer, code=code, hint=hint))

    if publish.snapshot_version(manifest) != version_dir.name:
        problem(
            version_dir / publish.MANIFEST_NAME, f"its content does not hash to the folder's name {version_dir.name}", code="E423"
        )
    intact: set[str] = set()
    for entry in manifest["configs"]:
        for file in entry["files"]:
            path = version_dir / file["path"]
            if not path.is_file():
                problem(path, "missing: the manifest lists it", code="E423")
            elif publish.file_sha256(path) != file["sha256"]:
                problem(path, "its SHA-256 differs from the manifest's: the file was changed after the build", code="E423")
            else:
                intact.add(entry["name"])

    card_configs = card_data_paths(snapshot.front_matter)
    listed = snapshot.configs()
    for config in listed:
        if config not in card_configs:
            problem(card, f"lists no config {config}, which the snapshot holds", code="E424", pointer="/configs")
    for config, patterns in card_configs.items():
        matched = {Path(os.path.abspath(p)) for pattern in patterns for p in glob.glob(str(card.parent / pattern))}
        expected = {Path(os.path.abspath(p)) for p in snapshot.files(config)}
        if config not in listed:
            problem(
                card, f"lists config {config}, which the snapshot {version_dir.name} does not hold",
                code="E424", pointer="/configs",
            )
        elif not matched:
            problem(card, f"config {config}'s data files {patterns} match no file", code="E424", pointer="/configs")
        elif matched != expected:
            names = sorted(
                str(p.relative_to(version_dir)) if p.is_relative_to(version_dir) else str(p) for p in matched ^ expected
            )
            problem(
                card, f"config {config}'s data files match other files than the manifest lists ({', '.join(names)})",
                code="E424", pointer="/configs",
            )

    infos = {
        info.get("config_name"): info for info in snapshot.front_matter.get("dataset_info") or [] if isinstance(info, dict)
    }
    for config in listed:
        info = infos.get(config)
        if info is None:
            problem(card, f"dataset_info has no entry for config {config}", code="E425", pointer="/dataset_info")
            continue
        problems.extend(_config_info_problems(snapshot, config, info, config in intact))
    return snapshot, problems


def _config_info_problems(snapshot: Snapshot, config: str, info: dict[str, Any], intact: bool) -> list[CorpusError]:
    """What the card's ``dataset_info`` entry of ``config`` states wrongly about its files."""
    from bicorpus import publish  # see published_problems

    card, files = snapshot.card_path, [path for path in snapshot.files(config) if path.is_file()]
    rebuild = "rebuild the corpus (bicorpus build); the card's dataset_info is written by the build"
    found: list[CorpusError] = []
    try:
        stated = datasets.Features._from_yaml_list(info["features"])
    except (KeyError, TypeError, ValueError) as error:
        return [CorpusError(str(card), f"dataset_info of {config} has no readable features ({error})", "/dataset_info",
                            code="E425", hint=rebuild)]
    expected = config_arrow_schema(config, snapshot.pair)
    same_schema = True
    rows = 0
    for path in files:
        try:
            schema, rows = pq.read_schema(path), rows + pq.read_metadata(path).num_rows
        except (pa.ArrowException, OSError) as error:
            found.append(CorpusError(str(path), f"not a readable Parquet file: {error}", code="E404", hint="rebuild the corpus"))
            return found  # what else the card states of this config cannot be checked against it
        actual = datasets.Features.from_arrow_schema(schema)
        if actual != stated:
            extra = sorted(set(actual) - set(stated))
            absent = sorted(set(stated) - set(actual))
            differing = sorted(name for name in set(actual) & set(stated) if actual[name] != stated[name])
            found.append(CorpusError(
                str(path), f"its features differ from the card's dataset_info of {config} (columns only in the file: "
                f"{extra or 'none'}; only in the card: {absent or 'none'}; of other types: {differing or 'none'})",
                code="E425", hint=rebuild,
            ))
        if not schema.equals(expected):
            same_schema = False
            found.append(CorpusError(str(path), f"schema differs from the {config} record schema", code="E402",
                                     hint="rebuild the corpus with this bicorpus"))
    splits = info.get("splits")
    split = splits[0] if isinstance(splits, list) and len(splits) == 1 and isinstance(splits[0], dict) else {}
    if split.get("num_examples") != rows:
        found.append(CorpusError(
            str(card), f"dataset_info of {config} states num_examples {split.get('num_examples')}, its files hold {rows} rows",
            "/dataset_info", code="E426", hint=rebuild,
        ))
    if same_schema and intact and files:
        size = sum(publish.loaded_num_bytes(path, expected) for path in files)
        if split.get("num_bytes") != size:
            found.append(CorpusError(
                str(card), f"dataset_info of {config} states num_bytes {split.get('num_bytes')}, loading computes {size}",
                "/dataset_info", code="E426", hint=rebuild,
            ))
    return found
