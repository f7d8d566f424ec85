"""``bicorpus review import``: Label Studio's JSON export of a reviewed project back into gold files.

FILE is what Label Studio's *Export → JSON* gives for a project whose tasks came from
``bicorpus review export``: a list of tasks, each with its ``data``, its ``annotations``
(``result`` lists) and its ``predictions``. Per task the latest annotation that was not
cancelled (skipped) is taken; a task nobody annotated falls back to its prediction, and the
summary names those tasks.

Reading a task's result (offsets are relative to the task's side text, in code points):

* an entity region's mention is its span with surrounding whitespace trimmed (a selection
  often takes the space after a word); its label is its one label;
* mentions are one entity when they carry the same entity id (the per-region text) or are
  joined by relations, directly or through others; an entity whose mentions came with
  several ids keeps the first one met in the export, one with none gets a new id made from
  its label and its first source-language mention (``org-harbour-board``);
* each Paragraph or Sentence region gives its unit's themes and primary theme (a unit with a
  single theme and no primary takes that theme as primary).

Per document, the texts are checked against the sources (the SHA-256 of each text file, and
each task's text at its offset), every paragraph bead must have its task, each mention must
lie inside one sentence, and every unit of the source language must have its region. The gold
files are then written as temporary files beside the targets and read back with
:func:`~bicorpus.annotation_files.compile_entities` and
:func:`~bicorpus.annotation_files.compile_themes` against the document's text and
segmentation, exactly as ``bicorpus build`` reads hand-written ones; a refusal is reported at
the place in FILE the entry came from. Only when every document of FILE has passed are the
temporary files renamed over the targets, so a refused import changes no file.

An existing gold file that ``review import`` did not write (it lacks
:data:`~bicorpus.review.gold_writer.REVIEW_MARK`) was written by hand and is replaced only with
``replace=True``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bicorpus.annotation_files import ThemeLabels, compile_entities, compile_themes, load_entity_labels
from bicorpus.errors import CorpusError
from bicorpus.pipeline import segment_document
from bicorpus.review import label_studio as tool
from bicorpus.review.export_tasks import ENTITIES_LAYER, THEMES_LAYER
from bicorpus.review.gold_writer import (
    REVIEW_MARK,
    Place,
    ReviewedEntity,
    ReviewedMention,
    ReviewedUnit,
    entities_yaml,
    themes_yaml,
)
from bicorpus.sources import ENTITIES_FILE, METADATA_FILE, THEMES_FILE, DocumentSource, read_document

__all__ = ["DocumentImport", "ReviewImport", "import_review"]

_ENTITY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Result controls by kind: region labels, per-region entity ids, per-region theme choices.
_ENTITY_LABELS = {tool.SOURCE_ENTITIES: tool.SOURCE, tool.TARGET_ENTITIES: tool.TARGET}
_ENTITY_IDS = {tool.SOURCE_ENTITY: tool.SOURCE, tool.TARGET_ENTITY: tool.TARGET}
_UNIT_CHOICES = (tool.UNIT_THEMES, tool.UNIT_PRIMARY)
#: The task data fields the import reads, and their types (a side's start is None when the
#: side is empty, so it is checked with the text).
_DATA_FIELDS: dict[str, type] = {
    "document": str, "title": str, "bead_index": int, "bead_count": int, "layers": list,
    **{f"{name}_{field}": str for name in (tool.SOURCE, tool.TARGET) for field in ("code", "text", "sha256")},
}


@dataclass
class DocumentImport:
    """What the import made of one document."""

    document: str
    folder: Path
    #: Gold files written (or, in a dry run, that would be), in order.
    files: list[Path] = field(default_factory=list)
    entities: int = 0
    mentions: int = 0
    #: Cross-lingual links: pairs of mentions of one entity in the two languages.
    links: int = 0
    paragraphs: int = 0
    sentences: int = 0
    tasks: int = 0
    #: Titles of the tasks without an annotation, whose prediction was taken.
    from_predictions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewImport:
    """What ``review import`` did, document by document."""

    documents: tuple[DocumentImport, ...]
    dry_run: bool


@dataclass(frozen=True)
class _Region:
    """One region of a task's result: an entity mention or a theme unit (document offsets)."""

    task: int
    id: str
    side: str
    lang: str
    start: int
    end: int
    #: The entity label, or the unit kind (Paragraph or Sentence).
    label: str
    place: Place
    entity: str | None = None
    themes: tuple[str, ...] = ()
    primary: str | None = None


@dataclass
class _Task:
    index: int
    data: dict[str, Any]
    result: list[Any]
    pointer: str
    annotated: bool


# --- reading the export -----------------------------------------------------------------------


def _read_export(path: Path) -> list[dict[str, Any]]:
    where = str(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(where, "not found", code="E750", hint="give the JSON file Label Studio exported") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(where, f"is not JSON ({error})", code="E750",
                          hint="export the project from Label Studio as JSON (not JSON-MIN, CSV or TSV)") from None
    if not isinstance(tasks, list):
        raise CorpusError(where, "is not a list of tasks", code="E750", hint="export the project from Label Studio as JSON")
    for i, task in enumerate(tasks):
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or data.get("bicorpus_review") != tool.FORMAT_VERSION:
            raise CorpusError(
                where, "is not a task made by bicorpus review export (of this version)", f"/{i}/data", code="E750",
                hint="import only projects whose tasks came from bicorpus review export, exported as JSON",
            )
        for key, kind in _DATA_FIELDS.items():
            if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
                raise CorpusError(
                    where, f"task data field {key!r} is missing or not a {kind.__name__}", f"/{i}/data/{key}", code="E750",
                    hint="export the project again; do not edit task data by hand",
                )
    return tasks


def _chosen(task: dict[str, Any], index: int, where: str) -> _Task:
    """The task's latest annotation that was not cancelled, else its (last) prediction."""
    annotations = [
        (k, annotation) for k, annotation in enumerate(task.get("annotations") or [])
        if isinstance(annotation, dict) and not annotation.get("was_cancelled") and isinstance(annotation.get("result"), list)
    ]
    if annotations:
        k, latest = max(annotations, key=lambda found: (str(found[1].get("updated_at") or found[1].get("created_at") or ""),
                                                        found[0]))
        return _Task(index, task["data"], latest["result"], f"/{index}/annotations/{k}/result", True)
    predictions = [
        (k, prediction) for k, prediction in enumerate(task.get("predictions") or [])
        if isinstance(prediction, dict) and isinstance(prediction.get("result"), list)
    ]
    if predictions:
        k, last = predictions[-1]
        return _Task(index, task["data"], last["result"], f"/{index}/predictions/{k}/result", False)
    raise CorpusError(
        where, f"task {task['data'].get('title')!r} has neither an annotation nor a prediction", f"/{index}", code="E754",
        hint="annotate the task, or export the project again with its predictions",
    )


def _offsets(value: Any, text: str, where: str, place: Place) -> tuple[int, int]:
    """(start, end) of a region in its side's text, whitespace at its ends trimmed."""
    start, end = (value.get("start"), value.get("end")) if isinstance(value, dict) else (None, None)
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        raise CorpusError(
            where, f"{place.what}: offsets {start}..{end} are not a span of the task's text ({len(text)} characters)",
            place.pointer, code="E755", hint="export the project again from Label Studio; do not edit offsets by hand",
        )
    shown = value.get("text")
    if isinstance(shown, str) and shown != text[start:end]:
        raise CorpusError(
            where, f"{place.what}: the region's text {shown!r} is not the task's text at {start}..{end} "
            f"({text[start:end]!r})", place.pointer, code="E755",
            hint="export the project again from Label Studio; do not edit offsets or texts by hand",
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise CorpusError(where, f"{place.what}: the region holds only whitespace", place.pointer, code="E755",
                          hint="delete the region or select the words")
    return start, end


def _one_label(value: Any, known: Sequence[str], where: str, place: Place) -> str:
    labels = value.get("labels") if isinstance(value, dict) else None
    if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in known:
        raise CorpusError(
            where, f"{place.what}: region labels {labels!r} are not one of {', '.join(known)}", place.pointer, code="E756",
            hint="give the region exactly one label of the labeling config bicorpus review export wrote",
        )
    return str(labels[0])


def _texts(value: Any, key: str) -> list[str]:
    found = value.get(key) if isinstance(value, dict) else None
    return [str(item) for item in found] if isinstance(found, list) else []


def _regions(task: _Task, where: str, entity_labels: Sequence[str]) -> tuple[list[_Region], list[_Region], list[tuple[str, str]]]:
    """(entity regions, unit regions, relations as (from id, to id)) of one task's result."""
    data = task.data
    title = data.get("title", f"task {task.index + 1}")
    parts: dict[str, dict[str, tuple[int, Any]]] = {}
    relations: list[tuple[str, str]] = []
    for k, item in enumerate(task.result):
        pointer = f"{task.pointer}/{k}"
        if isinstance(item, dict) and item.get("type") == "relation":
            relations.append((str(item.get("from_id")), str(item.get("to_id"))))
            continue
        control = item.get("from_name") if isinstance(item, dict) else None
        if control not in (*_ENTITY_LABELS, *_ENTITY_IDS, tool.UNITS, *_UNIT_CHOICES) or "id" not in item:
            raise CorpusError(where, f"{title}: result item {control!r} is not a region of the review config", pointer,
                              code="E756", hint="use the labeling config bicorpus review export wrote")
        parts.setdefault(str(item["id"]), {})[control] = (k, item)
    entities: list[_Region] = []
    units: list[_Region] = []
    for region_id, controls in parts.items():
        labelled = [control for control in controls if control in _ENTITY_LABELS or control == tool.UNITS]
        first = min(k for k, _ in controls.values())
        if len(labelled) != 1:
            raise CorpusError(where, f"{title}: region {region_id!r} has {'no' if not labelled else 'more than one'} label",
                              f"{task.pointer}/{first}", code="E756",
                              hint="give every region one entity label (or keep the Paragraph/Sentence label of a unit)")
        control = labelled[0]
        k, item = controls[control]
        side = _ENTITY_LABELS.get(control, tool.SOURCE)
        lang, text = data[f"{side}_code"], data[f"{side}_text"]
        value = item.get("value")
        snippet = value.get("text") if isinstance(value, dict) else None
        place = Place(f"{task.pointer}/{k}", f"{title}, {lang} region {region_id!r}" + (f" {snippet!r}" if snippet else ""))
        start, end = _offsets(value, text, where, place)
        offset = data[f"{side}_start"]
        if control == tool.UNITS:
            kind = _one_label(value, (tool.PARAGRAPH, tool.SENTENCE), where, place)
            themes = tuple(dict.fromkeys(_texts(controls.get(tool.UNIT_THEMES, (0, {}))[1].get("value"), "choices")))
            primaries = _texts(controls.get(tool.UNIT_PRIMARY, (0, {}))[1].get("value"), "choices")
            if len(primaries) > 1:
                raise CorpusError(where, f"{place.what}: {len(primaries)} primary themes", place.pointer, code="E756",
                                  hint="choose one primary theme")
            primary = primaries[0] if primaries else (themes[0] if len(themes) == 1 else None)
            units.append(_Region(task.index, region_id, side, lang, start + offset, end + offset, kind, place,
                                 themes=themes, primary=primary))
        else:
            label = _one_label(value, entity_labels, where, place)
            typed = [text.strip() for text in _texts(controls.get(_id_control(side), (0, {}))[1].get("value"), "text")]
            typed = [text for text in typed if text]
            entity = typed[-1] if typed else None
            if entity is not None and not _ENTITY_ID.match(entity):
                raise CorpusError(where, f"{place.what}: entity id {entity!r} is not an id", place.pointer, code="E757",
                                  hint="use lower-case letters and digits in hyphen-separated groups, or leave it empty")
            entities.append(_Region(task.index, region_id, side, lang, start + offset, end + offset, label, place,
                                    entity=entity))
    known = {region.id for region in entities}
    for from_id, to_id in relations:
        if from_id not in known or to_id not in known:
            raise CorpusError(where, f"{title}: a relation joins {from_id!r} and {to_id!r}, which are not both entity regions",
                              task.pointer, code="E767", hint="relate entity mentions only, and delete relations to "
                              "regions that are gone")
    return entities, units, relations


def _id_control(side: str) -> str:
    return tool.SOURCE_ENTITY if side == tool.SOURCE else tool.TARGET_ENTITY


# --- one document -----------------------------------------------------------------------------


class _Components:
    """Union-find over regions and entity ids."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, node: object) -> object:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)


def _entities(regions: list[_Region], relations: list[tuple[int, str, str]], doc: DocumentSource,
              where: str) -> list[ReviewedEntity]:
    """The reviewed entities of one document, in the order their first mention appears."""
    components = _Components()
    for region in regions:
        components.find(("region", region.task, region.id))
        if region.entity is not None:
            components.join(("region", region.task, region.id), ("id", region.entity))
    for task, from_id, to_id in relations:
        components.join(("region", task, from_id), ("region", task, to_id))
    groups: dict[object, list[_Region]] = {}
    for region in regions:
        groups.setdefault(components.find(("region", region.task, region.id)), []).append(region)
    taken = {region.entity for region in regions if region.entity is not None}
    entities = []
    for members in groups.values():
        labels = dict.fromkeys(region.label for region in members)
        if len(labels) > 1:
            other = next(region for region in members if region.label != members[0].label)
            raise CorpusError(
                where, f"{other.place.what} is labelled {other.label} but belongs to the entity of "
                f"{members[0].place.what}, labelled {members[0].label}", other.place.pointer, code="E758",
                hint="give every mention of an entity the same label, or make it another entity (change its entity id "
                "and delete its relations)",
            )
        ids = [region.entity for region in members if region.entity is not None]
        source_text = doc.texts[doc.pair.source]
        first_source = next((region for region in members if region.lang == doc.pair.source), None)
        entity_id = ids[0] if ids else _made_id(members[0].label, None if first_source is None else
                                                source_text[first_source.start:first_source.end], taken)
        mentions: dict[tuple[str, int, int], ReviewedMention] = {}
        for region in members:
            mentions.setdefault((region.lang, region.start, region.end),
                                ReviewedMention(region.lang, region.start, region.end, region.place))
        entities.append(ReviewedEntity(entity_id, members[0].label, tuple(mentions.values())))
    return entities


def _made_id(label: str, text: str | None, taken: set[str]) -> str:
    """A new entity id: the label and the ASCII words of the mention (``org-harbour-board``)."""
    words = re.findall(r"[a-z0-9]+", (text or "").lower())[:6]
    base = "-".join([*re.findall(r"[a-z0-9]+", label.lower()), *words])
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _check_texts(doc: DocumentSource, tasks: list[_Task], where: str) -> None:
    first = tasks[0]
    codes = (first.data.get(f"{tool.SOURCE}_code"), first.data.get(f"{tool.TARGET}_code"))
    if codes != doc.pair.codes:
        raise CorpusError(where, f"the tasks of {doc.id} are in {codes[0]}-{codes[1]}, its sources in {doc.pair}",
                          f"/{first.index}/data", code="E752", hint="export again from a corpus built from these sources")
    for task in tasks:
        for side in (tool.SOURCE, tool.TARGET):
            lang = task.data[f"{side}_code"]
            if task.data.get(f"{side}_sha256") != doc.sha256[lang]:
                raise CorpusError(
                    where, f"the {lang} text of {doc.id} has changed since the export (SHA-256 of "
                    f"{doc.metadata['languages'][lang]['file']} differs)", f"/{task.index}/data/{side}_sha256", code="E752",
                    hint="rebuild the corpus from these sources and export again, or import into the sources it was "
                    "exported from",
                )
            text, start = task.data.get(f"{side}_text"), task.data.get(f"{side}_start")
            at_start = doc.texts[lang][start : start + len(text)] if isinstance(text, str) and type(start) is int else None
            if not isinstance(text, str) or (text and at_start != text):
                raise CorpusError(
                    where, f"{task.data.get('title')}: the {lang} text of the task is not the document's text at {start}",
                    f"/{task.index}/data/{side}_text", code="E752",
                    hint="export the project again; do not edit task data by hand",
                )


def _check_beads(tasks: list[_Task], document: str, where: str) -> None:
    counts = {task.data.get("bead_count") for task in tasks}
    indices = [task.data.get("bead_index") for task in tasks]
    count = next(iter(counts))
    if len(counts) != 1 or not isinstance(count, int) or sorted(indices, key=str) != sorted(range(count), key=str):
        missing = [str(i) for i in range(count if isinstance(count, int) else 0) if i not in indices]
        twice = sorted({str(i) for i in indices if indices.count(i) > 1})
        what = (f"lacks the tasks of paragraph beads {', '.join(missing)}" if missing else
                f"holds paragraph beads {', '.join(twice)} more than once" if twice else "has tasks of two exports")
        raise CorpusError(where, f"document {document}: the export {what}", f"/{tasks[0].index}/data/bead_count",
                          code="E753", hint="import the project's full JSON export, with one task per paragraph bead")


def _check_sentences(entities: list[ReviewedEntity], sentences: dict[str, list[tuple[int, int]]], where: str) -> None:
    for entity in entities:
        for mention in entity.mentions:
            if not any(start <= mention.start and mention.end <= end for start, end in sentences[mention.lang]):
                raise CorpusError(where, f"{mention.place.what}: the mention crosses a sentence boundary",
                                  mention.place.pointer, code="E759",
                                  hint="a mention lies inside one sentence; shorten the region or split it in two")


def _units(regions: list[_Region], doc: DocumentSource, outline: Sequence[Any], where: str
           ) -> tuple[dict[int, ReviewedUnit], dict[int, ReviewedUnit]]:
    paragraphs = {span.start: span for span, _ in outline}
    sentences = {s.start: s for _, spans in outline for s in spans}
    found: dict[str, dict[int, ReviewedUnit]] = {tool.PARAGRAPH: {}, tool.SENTENCE: {}}
    for region in regions:
        units = paragraphs if region.label == tool.PARAGRAPH else sentences
        span = units.get(region.start)
        if span is None or span.end != region.end or region.start in found[region.label]:
            raise CorpusError(
                where, f"{region.place.what}: {region.label.lower()} region {region.start}..{region.end} is not a "
                f"{region.label.lower()} of the {region.lang} text" + (" (it is there twice)" if span else ""),
                region.place.pointer, code="E761",
                hint="keep the Paragraph and Sentence regions as exported: do not move, resize, add or copy them",
            )
        found[region.label][region.start] = ReviewedUnit(region.start, region.end, region.themes, region.primary,
                                                         region.place)
    for kind, units in ((tool.PARAGRAPH, paragraphs), (tool.SENTENCE, sentences)):
        for start, span in units.items():
            if start not in found[kind]:
                raise CorpusError(
                    where, f"{doc.id}: the {kind.lower()} {span.text[:40]!r} at {span.start}..{span.end} of the "
                    f"{doc.pair.source} text has no {kind} region", "", code="E761",
                    hint="restore the region in its task (or export again); every paragraph and sentence needs its themes",
                )
    return found[tool.PARAGRAPH], found[tool.SENTENCE]


def _links(entities: list[ReviewedEntity], doc: DocumentSource) -> int:
    source, target = doc.pair.codes
    return sum(sum(m.lang == source for m in e.mentions) * sum(m.lang == target for m in e.mentions) for e in entities)


@dataclass
class _Pending:
    """A gold file written to a temporary path and checked, waiting to be renamed."""

    temporary: Path
    target: Path


def _stage(target: Path, text: str, replace: bool, where: str, staged: list[_Pending]) -> Path:
    if target.exists() and not replace and not target.read_text(encoding="utf-8", errors="replace").startswith(REVIEW_MARK):
        raise CorpusError(
            str(target), "was written by hand (it does not start with the review import header); the import would "
            "replace it", code="E764", hint=f"add --replace to replace it anyway, or move it away first (from {where})",
        )
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.review-", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    staged.append(_Pending(temporary, target))
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    return temporary


def _refused(error: CorpusError, places: dict[str, Place], target: Path, code: str, where: str) -> CorpusError:
    """``error`` (the compiler refusing a written file) at the place in the export it came from."""
    pointer = error.pointer or ""
    while pointer and pointer not in places:
        pointer = pointer.rsplit("/", 1)[0]
    place = places.get(pointer, Place("", target.parent.name))
    return CorpusError(
        where, f"{place.what}: {target.parent.name}/{target.name} would be refused: {error.message} ({error.code})",
        place.pointer, code=code, hint=f"mend it in the review tool and export again ({error.hint})",
    )


def _import_document(document: str, tasks: list[_Task], sources: Path, where: str, replace: bool,
                     staged: list[_Pending]) -> DocumentImport:
    folder = sources / document
    if not (folder / METADATA_FILE).is_file():
        raise CorpusError(where, f"document {document!r} has no folder in {sources}", f"/{tasks[0].index}/data/document",
                          code="E751", hint="give the --sources folder the corpus was built from")
    doc = read_document(folder)
    _check_texts(doc, tasks, where)
    _check_beads(tasks, document, where)
    layers = tasks[0].data.get("layers") or []
    report = DocumentImport(document, folder, tasks=len(tasks))
    report.from_predictions = [str(task.data.get("title")) for task in tasks if not task.annotated]
    labels = load_entity_labels().labels
    entity_regions: list[_Region] = []
    unit_regions: list[_Region] = []
    relations: list[tuple[int, str, str]] = []
    for task in tasks:
        found, units, joined = _regions(task, where, labels)
        entity_regions += found
        unit_regions += units
        relations += [(task.index, a, b) for a, b in joined]
    paragraphs = segment_document(doc)
    origin = Path(where).name
    if ENTITIES_LAYER in layers:
        entities = _entities(entity_regions, relations, doc, where)
        _check_sentences(entities, {lang: [(s.span.start, s.span.end) for p in units for s in p.sentences]
                                    for lang, units in paragraphs.items()}, where)
        text, places = entities_yaml(document, entities, doc.texts, origin)
        target = folder / ENTITIES_FILE
        temporary = _stage(target, text, replace, where, staged)
        try:
            compiled = compile_entities(temporary, doc.texts)
        except CorpusError as error:
            raise _refused(error, places, target, "E762", where) from None
        wanted = {(e.id, e.label, m.lang, m.start, m.end) for e in entities for m in e.mentions}
        got = {(e.id, e.label, m.lang, m.start, m.end) for e in compiled for m in e.mentions}
        if wanted != got:  # the writer and the compiler disagree: never write a file that says something else
            raise CorpusError(str(target), "the written file would not hold the reviewed mentions", code="E762",
                              hint="report this as a bicorpus bug, with the export file")
        report.files.append(target)
        report.entities, report.mentions, report.links = len(entities), len(wanted), _links(entities, doc)
    if THEMES_LAYER in layers:
        lang = doc.pair.source
        outline = [(p.span, [s.span for s in p.sentences]) for p in paragraphs[lang]]
        on_paragraphs, on_sentences = _units([r for r in unit_regions if r.lang == lang], doc, outline, where)
        text, places = themes_yaml(document, lang, outline, on_paragraphs, on_sentences, origin)
        target = folder / THEMES_FILE
        temporary = _stage(target, text, replace, where, staged)
        try:
            gold = compile_themes(temporary, outline)
        except CorpusError as error:
            raise _refused(error, places, target, "E763", where) from None
        wanted_themes = {start: ThemeLabels(*_ordered(unit)) for start, unit in on_sentences.items()}
        if {start: gold.sentences[start] for start in wanted_themes} != wanted_themes:
            raise CorpusError(str(target), "the written file would not hold the reviewed themes", code="E763",
                              hint="report this as a bicorpus bug, with the export file")
        report.files.append(target)
        report.paragraphs, report.sentences = len(on_paragraphs), len(on_sentences)
    return report


def _ordered(unit: ReviewedUnit) -> tuple[tuple[str, ...], str | None]:
    if unit.primary is None or not unit.themes:
        return unit.themes, unit.primary
    return (unit.primary, *[theme for theme in unit.themes if theme != unit.primary]), unit.primary


def import_review(export_file: Path, sources: Path, *, replace: bool = False, dry_run: bool = False) -> ReviewImport:
    """Turn the reviewed Label Studio export ``export_file`` into gold files under ``sources``
    (see the module docstring); ``dry_run`` checks everything and writes nothing."""
    where = str(export_file)
    tasks = _read_export(export_file)
    by_document: dict[str, list[_Task]] = {}
    for index, task in enumerate(tasks):
        chosen = _chosen(task, index, where)
        by_document.setdefault(str(chosen.data.get("document")), []).append(chosen)
    staged: list[_Pending] = []
    try:
        reports = tuple(_import_document(document, found, sources, where, replace, staged)
                        for document, found in by_document.items())
        if not dry_run:
            for pending in staged:
                os.replace(pending.temporary, pending.target)
    finally:
        for pending in staged:
            pending.temporary.unlink(missing_ok=True)
    return ReviewImport(reports, dry_run)
