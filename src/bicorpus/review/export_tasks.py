"""``bicorpus review export``: a published corpus's automatic annotation as Label Studio tasks.

One task per paragraph bead (see :mod:`bicorpus.review.label_studio` for what a task shows).
The automatic layers become the task's prediction, which Label Studio shows as a draft the
reviewer corrects:

* each entity mention is a region with its label, its entity id (per-region text) and, when
  the corpus records one, its confidence as the region's ``score``;
* every pair of mentions of one entity in the two languages of a task is a relation (the
  cross-lingual links);
* each paragraph and sentence of the source language is a region with its themes and primary
  theme. Published themes belong to beads; a unit takes the themes of the bead holding it, so
  a bead of two sentences gives both the bead's themes, and rebuilding from the imported
  gold gives the bead the very themes it had.

Layers already gold are not exported: a document whose ``entities.yaml`` and ``themes.yaml``
both exist gives no task, one with a single gold file gives tasks for the other layer only
(``data.layers``), so that an import never overwrites hand-written gold with a copy of itself.

The prediction's ``model_version`` is the corpus's build signature; its ``score`` is the
lowest mention confidence of the task (left out when the corpus records none), so that
sorting tasks by score puts the least certain first. The task data carries what the importer
checks the sources against: the document id, the bead, the offset of each side's text in the
document and the SHA-256 of each text file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bicorpus.build_signature import recorded_signature
from bicorpus.errors import CorpusError
from bicorpus.export.sentence_tokens import paragraph_spans
from bicorpus.language_pair import language_name
from bicorpus.publish import iter_published, published_snapshot
from bicorpus.records import Corpus, Record, side
from bicorpus.review.label_studio import (
    FORMAT_VERSION,
    PARAGRAPH,
    SENTENCE,
    SOURCE,
    SOURCE_ENTITIES,
    SOURCE_ENTITY,
    TARGET,
    TARGET_ENTITIES,
    TARGET_ENTITY,
    UNIT_PRIMARY,
    UNIT_THEMES,
    UNITS,
    labeling_config,
)

__all__ = ["ENTITIES_LAYER", "THEMES_LAYER", "ReviewExport", "document_tasks", "write_review_export"]

#: The layers a task may put up for review (``data.layers``).
ENTITIES_LAYER, THEMES_LAYER = "entities", "themes"

#: model_version of a corpus whose files record no build signature.
_UNSIGNED = "unsigned"


@dataclass(frozen=True)
class ReviewExport:
    """What ``review export`` wrote: the files, the tasks, and the documents left out."""

    tasks_file: Path
    config_file: Path
    tasks: int
    documents: tuple[str, ...]
    #: Documents whose entities and themes are both gold already (nothing to review).
    gold_documents: tuple[str, ...]


def _region(region_id: str, control: str, to_name: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": region_id, "from_name": control, "to_name": to_name, "type": kind, "value": value}


def _layers(records: Corpus) -> list[str]:
    """The automatic layers of one document (NER rows say the entity layer's source even when
    the document has no entity at all)."""
    layers = []
    if not any(row["source"] == "gold" for lang in records.pair for row in records.ner[lang]):
        layers.append(ENTITIES_LAYER)
    if not any(bead["theme_source"] == "gold" for bead in records.paragraphs):
        layers.append(THEMES_LAYER)
    return layers


#: One theme unit of a task: (kind, start, end, themes, primary), document offsets.
_Unit = tuple[str, int, int, list[str], str | None]


def _theme_units(records: Corpus) -> dict[str, list[_Unit]]:
    """Source-language units of one document by paragraph bead id: (kind, start, end, themes,
    primary) in text order, each unit labelled with the themes of the bead holding it."""
    lang = records.pair.source
    spans = {unit_id: (start, end) for unit_id, start, end in paragraph_spans(records, lang)}
    spans.update((row["id"], (row["start"], row["end"])) for row in records.ner[lang])
    units: dict[str, list[_Unit]] = {}
    for bead in records.paragraphs:
        units[bead["id"]] = [
            (PARAGRAPH, *spans[unit_id], list(bead["themes"]), bead["primary_theme"]) for unit_id in bead[side(lang, "ids")]
        ]
    for bead in records.sentences:
        units[bead["paragraph"]].extend(
            (SENTENCE, *spans[unit_id], list(bead["themes"]), bead["primary_theme"]) for unit_id in bead[side(lang, "ids")]
        )
    return {bead: sorted(found, key=lambda unit: (unit[1], unit[0] == SENTENCE)) for bead, found in units.items()}


def _mentions_by_bead(records: Corpus) -> dict[str, list[tuple[Record, Record]]]:
    """(entity record, mention) of one document by the paragraph bead holding the mention."""
    paragraph_of = {bead["id"]: bead["paragraph"] for bead in records.sentences}
    found: dict[str, list[tuple[Record, Record]]] = {}
    for entity in records.entities:
        for mention in entity["mentions"]:
            found.setdefault(paragraph_of[mention["sentence_pair"]], []).append((dict(entity), dict(mention)))
    return found


def document_tasks(records: Corpus, model_version: str) -> list[dict[str, Any]]:
    """The review tasks of one published document (its records, as :func:`iter_published`
    yields them), one per paragraph bead, in bead order; none when both layers are gold."""
    layers = _layers(records)
    if not layers:
        return []
    pair = records.pair
    document = records.documents[0]
    units: dict[str, list[_Unit]] = _theme_units(records) if THEMES_LAYER in layers else {}
    mentions = _mentions_by_bead(records) if ENTITIES_LAYER in layers else {}
    count = len(records.paragraphs)
    tasks = []
    for bead in records.paragraphs:
        starts = {lang: bead[side(lang, "start")] for lang in pair}
        data = {
            "bicorpus_review": FORMAT_VERSION,
            "title": f"{document['id']}: paragraph bead {bead['index'] + 1} of {count} "
                     f"({bead['role']}, {bead['alignment_type']})",
            "document": document["id"],
            "bead": bead["id"],
            "bead_index": bead["index"],
            "bead_count": count,
            "layers": layers,
        }
        for name, lang in ((SOURCE, pair.source), (TARGET, pair.target)):
            data[f"{name}_language"] = f"{language_name(lang)} ({lang})"
            data[f"{name}_code"] = lang
            data[f"{name}_text"] = bead["translation"][lang]
            data[f"{name}_start"] = starts[lang]
            data[f"{name}_sha256"] = document["source_sha256"][lang]
        result: list[dict[str, Any]] = []
        scores: list[float] = []
        by_entity: dict[str, dict[str, list[str]]] = {}
        for entity, mention in mentions.get(bead["id"], []):
            lang = mention["lang"]
            name = SOURCE if lang == pair.source else TARGET
            start, end = mention["start"] - starts[lang], mention["end"] - starts[lang]
            region_id = f"e{name[0]}{start}"
            span = {"start": start, "end": end}
            labelled = _region(region_id, SOURCE_ENTITIES if name == SOURCE else TARGET_ENTITIES, name, "labels",
                               {**span, "text": mention["text"], "labels": [entity["label"]]})
            # The confidence field is new: a corpus built before it has none.
            confidence = mention.get("confidence")
            if confidence is not None:
                labelled["score"] = confidence
                scores.append(confidence)
            result.append(labelled)
            result.append(_region(region_id, SOURCE_ENTITY if name == SOURCE else TARGET_ENTITY, name, "textarea",
                                  {**span, "text": [entity["entity"]]}))
            by_entity.setdefault(entity["entity"], {SOURCE: [], TARGET: []})[name].append(region_id)
        for sides in by_entity.values():
            result.extend(
                {"type": "relation", "from_id": source_id, "to_id": target_id, "direction": "right", "labels": []}
                for source_id in sides[SOURCE] for target_id in sides[TARGET]
            )
        for kind, start, end, themes, primary in units.get(bead["id"], []):
            start, end = start - starts[pair.source], end - starts[pair.source]
            region_id = f"{kind[0].lower()}{start}"
            span = {"start": start, "end": end}
            result.append(_region(region_id, UNITS, SOURCE, "labels",
                                  {**span, "text": data["source_text"][start:end], "labels": [kind]}))
            if themes:
                result.append(_region(region_id, UNIT_THEMES, SOURCE, "choices", {**span, "choices": themes}))
            if primary is not None:
                result.append(_region(region_id, UNIT_PRIMARY, SOURCE, "choices", {**span, "choices": [primary]}))
        prediction: dict[str, Any] = {"model_version": model_version, "result": result}
        if scores:
            prediction["score"] = min(scores)
        tasks.append({"data": data, "predictions": [prediction]})
    return tasks


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and one rename,
    so that ``path`` is either what it was or the whole new text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_config_path(tasks_file: Path) -> Path:
    """Where the labeling config goes when ``--config`` is not given: beside the tasks,
    ``tasks.json`` -> ``tasks.config.xml``."""
    return tasks_file.with_name(tasks_file.stem + ".config.xml")


def write_review_export(
    data_dir: Path, out: Path, config: Path | None = None, documents: Iterable[str] = ()
) -> ReviewExport:
    """Write the review tasks of the corpus in ``data_dir`` to ``out`` (a JSON list, the form
    Label Studio imports) and the labeling config to ``config`` (default
    :func:`default_config_path`); ``documents`` limits the export to those ids."""
    config = config or default_config_path(out)
    if Path(os.path.abspath(config)) == Path(os.path.abspath(out)):
        raise CorpusError(f"--config {config}", "is the tasks file too", code="E766",
                          hint="name another file for the labeling config")
    wanted = list(dict.fromkeys(documents))
    signature, _notes = recorded_signature(published_snapshot(data_dir).parquet_files())
    model_version = _UNSIGNED if signature is None else str(signature)
    tasks: list[dict[str, Any]] = []
    exported: list[str] = []
    gold: list[str] = []
    seen: set[str] = set()
    for records in iter_published(data_dir):
        doc_id = records.documents[0]["id"]
        seen.add(doc_id)
        if wanted and doc_id not in wanted:
            continue
        found = document_tasks(records, model_version)
        (exported if found else gold).append(doc_id)
        tasks.extend(found)
    unknown = [doc_id for doc_id in wanted if doc_id not in seen]
    if unknown:
        raise CorpusError(f"--document {unknown[0]}", "is not a document of the corpus", code="E766",
                          hint="give the id of a published document (bicorpus stats DIR lists how many there are)")
    if not tasks:
        raise CorpusError(
            str(data_dir), "has nothing to review: every document's entities and themes are gold already"
            if gold else "holds no document", code="E765",
            hint="export a corpus built from documents without entities.yaml or themes.yaml",
        )
    write_atomically(out, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    write_atomically(config, labeling_config())
    return ReviewExport(out, config, len(tasks), tuple(exported), tuple(gold))
