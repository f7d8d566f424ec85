"""The review round trip through Label Studio: export the automatic annotation as tasks, edit
them as a reviewer would in Label Studio, import the export as gold files, rebuild, and find
the corrections published as gold.

The tasks, predictions, annotations and labeling config are checked with Label Studio's own
SDK (``label_studio_sdk.label_interface.LabelInterface``), the parser the Label Studio server
uses for configs and the validator of its task format.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from label_studio_sdk.label_interface import LabelInterface

from bicorpus.annotate_themes import paragraph_themes, sentence_themes
from bicorpus.annotation_files import (
    ThemeLabels,
    compile_entities,
    compile_themes,
    find_occurrences,
    load_entity_labels,
    load_theme_taxonomy,
)
from bicorpus.build_signature import recorded_signature
from bicorpus.cli import main
from bicorpus.export.sentence_tokens import paragraph_spans
from bicorpus.pipeline import segment_document
from bicorpus.publish import iter_published, published_snapshot, read_data
from bicorpus.records import Corpus, side
from bicorpus.review.export_tasks import document_tasks
from bicorpus.review.import_annotations import import_review
from bicorpus.review.label_studio import labeling_config
from bicorpus.sources import read_document

DOC = "harbour-report"


def _export(dataset: Path, out: Path) -> list[dict[str, Any]]:
    assert main(["review", "export", str(dataset), "--format", "label-studio", "--out", str(out)]) == 0
    tasks: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return tasks


def _task(tasks: list[dict[str, Any]], bead_index: int) -> dict[str, Any]:
    return next(task for task in tasks if task["data"]["bead_index"] == bead_index)


def _region(result: list[dict[str, Any]], control: str, text: str) -> dict[str, Any]:
    return next(item for item in result if item.get("from_name") == control and item["value"].get("text") == text)


def _mention(region_id: str, side: str, start: int, text: str, label: str, entity: str | None = None) -> list[dict[str, Any]]:
    """What Label Studio stores for a span a reviewer selected and labelled (and gave an entity id)."""
    span = {"start": start, "end": start + len(text)}
    items = [{"id": region_id, "from_name": f"{side}_entities", "to_name": side, "type": "labels", "origin": "manual",
              "value": {**span, "text": text, "labels": [label]}}]
    if entity is not None:
        items.append({"id": region_id, "from_name": f"{side}_entity", "to_name": side, "type": "textarea",
                      "origin": "manual", "value": {**span, "text": [entity]}})
    return items


def _relation(from_id: str, to_id: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": from_id, "to_id": to_id, "direction": "right", "labels": []}


def _annotate(task: dict[str, Any], result: list[dict[str, Any]], when: str, cancelled: bool = False) -> None:
    task.setdefault("annotations", []).append({
        "id": len(task.get("annotations", [])) + 1, "completed_by": 1, "result": result, "was_cancelled": cancelled,
        "ground_truth": False, "created_at": when, "updated_at": when, "lead_time": 12.5,
    })


def _reviewed(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label Studio's JSON export after a review: three tasks annotated, the others not."""
    tasks = copy.deepcopy(tasks)
    for number, task in enumerate(tasks, 1):
        task["id"] = number  # Label Studio numbers the tasks it imports
    # Bead 2: add the missing facility with its link, and link 三月 to March by typing its entity id.
    body = _task(tasks, 1)
    result = copy.deepcopy(body["predictions"][0]["result"])
    source, target = body["data"]["source_text"], body["data"]["target_text"]
    quay = source.index("east quay")
    march = next(item["value"]["text"][0] for item in result
                 if item.get("from_name") == "source_entity" and item["value"]["start"] == source.index("March"))
    result += _mention("rvQuay01", "source", quay, "east quay ", "FAC")  # the selection took the space after it
    result += _mention("rvQuay02", "target", target.index("东码头"), "东码头", "FAC")
    result.append(_relation("rvQuay01", "rvQuay02"))
    result += _mention("rvMarch1", "target", target.index("三月"), "三月", "DATE", entity=march)
    _annotate(body, result, "2025-05-04T10:00:00.000000Z")
    # Bead 3: "3.5 million" and 350万 are money, and one entity; new themes for the paragraph.
    cost = _task(tasks, 2)
    result = copy.deepcopy(cost["predictions"][0]["result"])
    for region in (_region(result, "source_entities", "3.5 million"), _region(result, "target_entities", "350万")):
        region["value"]["labels"] = ["MONEY"]
    result.append(_relation(_region(result, "source_entities", "3.5 million")["id"],
                            _region(result, "target_entities", "350万")["id"]))
    paragraph = next(item for item in result if item.get("from_name") == "source_units"
                     and item["value"]["labels"] == ["Paragraph"])
    for item in result:
        if item.get("from_name") == "unit_themes":  # the paragraph, and its sentences (whose primaries it must hold)
            is_paragraph = item.get("id") == paragraph["id"]
            item["value"]["choices"] = ["industrial_upgrading", *(["high_quality_development"] if is_paragraph else [])]
        if item.get("from_name") == "unit_primary":
            item["value"]["choices"] = ["industrial_upgrading"]
    # The reviewer's project leaves durations unannotated in Chinese: delete the region of 两年
    # and, as Label Studio does, the relation that linked it.
    duration = _region(result, "target_entities", "两年")["id"]
    result = [item for item in result if duration not in (item.get("id"), item.get("from_id"), item.get("to_id"))]
    _annotate(cost, copy.deepcopy(cost["predictions"][0]["result"]), "2025-05-04T09:00:00.000000Z")  # an earlier pass
    _annotate(cost, result, "2025-05-04T11:00:00.000000Z")
    _annotate(cost, [], "2025-05-04T12:00:00.000000Z", cancelled=True)  # skipped later: not an annotation
    # Bead 5: the reviewer confirms the prediction as it stands.
    attribution = _task(tasks, 4)
    _annotate(attribution, copy.deepcopy(attribution["predictions"][0]["result"]), "2025-05-04T11:30:00.000000Z")
    return tasks


@pytest.fixture
def sources(built_small: Path, tmp_path: Path) -> Path:
    """A copy of the sources the session's small corpus was built from (no gold files)."""
    return Path(shutil.copytree(built_small.parent / "sources", tmp_path / "sources"))


def test_export_writes_a_config_and_tasks_that_label_studio_accepts(built_small: Path, tmp_path: Path) -> None:
    tasks = _export(built_small, tmp_path / "review.json")
    interface = LabelInterface((tmp_path / "review.config.xml").read_text(encoding="utf-8"))
    interface.validate()  # raises on a config Label Studio would refuse
    assert len(tasks) == len(read_data(built_small).paragraphs)
    signature, _ = recorded_signature(published_snapshot(built_small).parquet_files())
    scored_tasks = 0
    for task in tasks:
        # The data alone: this SDK's validate_task calls validate_prediction without the prediction
        # when the task holds one, so the predictions are validated one by one below.
        assert interface.validate_task({"data": task["data"]})
        [prediction] = task["predictions"]
        assert interface.validate_prediction(prediction, return_errors=True) == []
        assert prediction["model_version"] == str(signature)
        # Each mention's region is scored with its confidence, the task with the least certain one.
        scores = [item["score"] for item in prediction["result"] if "score" in item]
        assert all(0.0 <= score <= 1.0 for score in scores)
        if scores:
            scored_tasks += 1
            assert prediction["score"] == min(scores)
        else:
            assert "score" not in prediction
    assert scored_tasks  # the corpus records mention confidences


def test_export_links_the_mentions_of_one_entity_across_the_languages(built_small: Path, tmp_path: Path) -> None:
    result = _task(_export(built_small, tmp_path / "review.json"), 1)["predictions"][0]["result"]
    relations = {(item["from_id"], item["to_id"]) for item in result if item.get("type") == "relation"}
    this_year, percent = _region(result, "source_entities", "this year"), _region(result, "source_entities", "12 percent")
    march = _region(result, "source_entities", "March")
    assert relations == {
        (this_year["id"], _region(result, "target_entities", "今年")["id"]),
        (percent["id"], _region(result, "target_entities", "12%")["id"]),
        (march["id"], _region(result, "target_entities", "三月")["id"]),  # dates joined by calendar month
    }


def test_reviewed_corrections_are_published_as_gold_after_import_and_rebuild(
    built_small: Path, sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewed = _reviewed(_export(built_small, tmp_path / "review.json"))
    interface = LabelInterface((tmp_path / "review.config.xml").read_text(encoding="utf-8"))
    for task in reviewed:
        for annotation in task.get("annotations", []):
            assert interface.validate_annotation(annotation), annotation
    export = tmp_path / "project-1-at-2025-05-04.json"
    export.write_text(json.dumps(reviewed, ensure_ascii=False), encoding="utf-8")
    assert main(["review", "import", str(export), "--sources", str(sources)]) == 0
    summary = capsys.readouterr().out
    assert "3 of 5 tasks annotated; 2 without an annotation took the prediction" in summary

    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "rebuilt")]) == 0
    corpus = read_data(tmp_path / "rebuilt")
    assert {entity["source"] for entity in corpus.entities} == {"gold"}
    by_text = {(m["lang"], m["text"]): entity for entity in corpus.entities for m in entity["mentions"]}
    money = by_text[("en", "3.5 million")]
    assert money["label"] == "MONEY" and by_text[("zh", "350万")] is money
    quay = by_text[("en", "east quay")]
    assert quay["label"] == "FAC" and by_text[("zh", "东码头")] is quay and quay["entity"] == "fac-east-quay"
    # Joined to the entity the reviewer typed, which holds both English "March" (the repeated
    # paragraph's too: one month of one year, joined by calendar referent).
    march = by_text[("zh", "三月")]
    assert [(m["lang"], m["text"], m["sentence_pair"]) for m in march["mentions"]] == [
        ("en", "March", "harbour-report/sp0002"), ("en", "March", "harbour-report/sp0007"),
        ("zh", "三月", "harbour-report/sp0002")]
    assert ("zh", "两年") not in by_text and ("en", "two years") in by_text  # the deletion, and only it
    assert by_text[("en", "4 May 2023")] is by_text[("zh", "2023年5月4日")]  # the confirmed bead kept as it was
    assert by_text[("en", "this year")]["label"] == "DATE"  # untouched predictions kept
    paragraph = corpus.paragraphs[2]
    assert (paragraph["themes"], paragraph["primary_theme"]) == (["industrial_upgrading", "high_quality_development"],
                                                                 "industrial_upgrading")
    assert {bead["theme_source"] for bead in [*corpus.paragraphs, *corpus.sentences]} == {"gold"}

    # Both layers are gold now: nothing is left to review.
    assert main(["review", "export", str(tmp_path / "rebuilt"), "--format", "label-studio",
                 "--out", str(tmp_path / "again.json")]) == 1
    assert "E765" in capsys.readouterr().err


# --- export then import without edits gives back the annotation, as gold --------------------------


@pytest.fixture(scope="module")
def unedited(built_small: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Path]:
    """The small corpus's records and a copy of its sources to import into (shared by the examples)."""
    root = tmp_path_factory.mktemp("review_property")
    return next(iter_published(built_small)), Path(shutil.copytree(built_small.parent / "sources", root / "sources"))


def _token_spans(row: dict[str, Any]) -> list[tuple[int, int]]:
    return [(row["start"] + start, row["start"] + start + len(token)) for token, start in zip(row["tokens"], row["token_starts"])]


@st.composite
def _annotation(draw: st.DrawFn, records: Corpus) -> tuple[list[dict[str, Any]], dict[str, tuple[list[str], str]]]:
    """Entity records (mentions on token boundaries, each nameable in entities.yaml) and themes
    per bead id that obey the gold rules (a paragraph holds its sentences' primaries)."""
    texts = records.documents[0]["text"]
    labels = load_entity_labels().labels
    themes = load_theme_taxonomy().ids
    mentions: list[tuple[str, int, int, str]] = []
    for lang in records.pair:
        rows = records.ner[lang]
        for _ in range(draw(st.integers(0, 6))):
            row = draw(st.sampled_from(rows))
            tokens = _token_spans(row)
            first = draw(st.integers(0, len(tokens) - 1))
            start, end = tokens[first][0], tokens[draw(st.integers(first, min(len(tokens) - 1, first + 3)))][1]
            text = texts[lang][start:end]
            # Only what a gold file can name: no overlap, a (whole-word) match of its own text.
            if any(lang == other and start < e and s < end for other, s, e, _ in mentions):
                continue
            if (start, end) in find_occurrences(texts[lang], text, lang):
                mentions.append((lang, start, end, row["sentence_pair"]))
    count = draw(st.integers(1, max(1, len(mentions))))
    owners = [draw(st.integers(0, count - 1)) for _ in mentions]
    entities = []
    for k in range(count):
        own = [m for m, owner in zip(mentions, owners) if owner == k]
        if own:
            entities.append({
                "entity": f"entity-{k}", "label": draw(st.sampled_from(labels)),
                "mentions": [{"lang": lang, "start": s, "end": e, "text": texts[lang][s:e], "sentence_pair": bead,
                              **({"confidence": draw(st.floats(0, 1))} if draw(st.booleans()) else {})}
                             for lang, s, e, bead in own],
            })
    bead_themes: dict[str, tuple[list[str], str]] = {}
    source_ids = side(records.pair.source, "ids")
    for paragraph in records.paragraphs:
        primaries = []
        for bead in records.sentences:
            if bead["paragraph"] == paragraph["id"] and bead[source_ids]:
                chosen = draw(st.lists(st.sampled_from(themes), min_size=1, max_size=3, unique=True))
                bead_themes[bead["id"]] = (chosen, chosen[0])
                primaries.append(chosen[0])
        extra = draw(st.lists(st.sampled_from(themes), max_size=2, unique=True))
        chosen = list(dict.fromkeys([*primaries, *extra])) or [themes[0]]
        primary = draw(st.sampled_from(chosen))
        bead_themes[paragraph["id"]] = ([primary, *[t for t in chosen if t != primary]], primary)
    return entities, bead_themes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_export_then_import_without_edits_gives_back_the_annotation_as_gold(
    unedited: tuple[Corpus, Path], data: st.DataObject
) -> None:
    records, sources = unedited
    entities, bead_themes = data.draw(_annotation(records))
    edited = dataclasses.replace(
        records, entities=entities,
        paragraphs=[{**bead, "themes": bead_themes[bead["id"]][0], "primary_theme": bead_themes[bead["id"]][1]}
                    for bead in records.paragraphs],
        sentences=[{**bead, "themes": bead_themes.get(bead["id"], ([], None))[0],
                    "primary_theme": bead_themes.get(bead["id"], ([], None))[1]} for bead in records.sentences],
    )
    tasks = document_tasks(edited, "a build signature")
    interface = LabelInterface(labeling_config())
    for task in tasks:
        assert interface.validate_prediction(task["predictions"][0], return_errors=True) == []
        scores = [item["score"] for item in task["predictions"][0]["result"] if "score" in item]
        assert task["predictions"][0].get("score") == (min(scores) if scores else None)
    export = sources.parent / "tasks.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_review(export, sources)

    folder = sources / DOC
    doc = read_document(folder)
    compiled = compile_entities(folder / "entities.yaml", doc.texts)
    assert {(e.id, e.label, m.lang, m.start, m.end) for e in compiled for m in e.mentions} == {
        (e["entity"], e["label"], m["lang"], m["start"], m["end"]) for e in entities for m in e["mentions"]}
    lang = records.pair.source
    outline = [(p.span, [s.span for s in p.sentences]) for p in segment_document(doc)[lang]]
    gold = compile_themes(folder / "themes.yaml", outline)
    starts = {unit_id: start for unit_id, start, _ in paragraph_spans(records, lang)}
    starts.update((row["id"], row["start"]) for row in records.ner[lang])
    for paragraph in edited.paragraphs:
        labels = paragraph_themes(gold, [starts[unit] for unit in paragraph[side(lang, "ids")]])
        assert labels == ThemeLabels(tuple(paragraph["themes"]), paragraph["primary_theme"])
        for bead in (bead for bead in edited.sentences if bead["paragraph"] == paragraph["id"] and bead[side(lang, "ids")]):
            assert sentence_themes(gold, [starts[unit] for unit in bead[side(lang, "ids")]], labels) == ThemeLabels(
                tuple(bead["themes"]), bead["primary_theme"])


@pytest.mark.parametrize("step", ["export", "import"])
def test_review_help_says_what_the_step_does_and_gives_an_example(step: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["review", step, "--help"])
    assert stop.value.code == 0
    help_text = capsys.readouterr().out
    assert f"bicorpus review {step}" in help_text.split("Example", 1)[1] and "docs/review.md" in help_text
