"""Metrics of bicorpus.annotation_eval on tiny hand-made examples, and the shipped speech's floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bicorpus.annotation_eval import PRF, evaluate_entities, evaluate_themes
from bicorpus.annotation_files import Entity, EntityMention, ThemeGold, ThemeLabels
from bicorpus.cli import main


def entity(eid: str, label: str, *mentions: tuple[str, int, int]) -> Entity:
    return Entity(eid, label, tuple(EntityMention(eid, label, lang, s, e, "x" * (e - s)) for lang, s, e in mentions))


def test_prf_arithmetic_and_undefined_cases():
    cell = PRF(tp=2, fp=1, fn=3)
    assert cell.precision == pytest.approx(2 / 3) and cell.recall == pytest.approx(2 / 5)
    assert cell.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    assert PRF().precision == PRF().recall == PRF().f1 == 0.0


def test_entity_scores_exact_span_and_label():
    gold = [
        entity("china", "GPE", ("en", 0, 5), ("zh", 0, 2)),
        entity("d", "DATE", ("en", 10, 15), ("zh", 5, 7)),
    ]
    predicted = [
        entity("auto-china", "GPE", ("en", 0, 5), ("zh", 0, 2)),  # both right
        entity("auto-d", "DATE", ("en", 10, 14), ("zh", 5, 7)),  # en span one short: wrong
        entity("auto-x", "ORG", ("zh", 20, 22)),  # spurious
    ]
    scores = evaluate_entities(gold, predicted, ("en", "zh"))
    assert (scores.by_lang["all"]["GPE"].tp, scores.by_lang["all"]["GPE"].fp, scores.by_lang["all"]["GPE"].fn) == (2, 0, 0)
    date = scores.by_lang["en"]["DATE"]
    assert (date.tp, date.fp, date.fn) == (0, 1, 1)
    assert scores.by_lang["zh"]["DATE"].tp == 1
    assert scores.by_lang["zh"]["ORG"].fp == 1 and scores.by_lang["zh"]["ORG"].precision == 0.0
    micro = scores.by_lang["all"]["micro"]
    assert (micro.tp, micro.fp, micro.fn) == (3, 2, 1)


def test_a_wrong_label_is_both_a_false_positive_and_a_false_negative():
    scores = evaluate_entities([entity("a", "ORG", ("en", 0, 3))], [entity("b", "EVENT", ("en", 0, 3))], ("en", "zh"))
    assert scores.by_lang["en"]["ORG"].fn == 1 and scores.by_lang["en"]["EVENT"].fp == 1
    assert scores.by_lang["en"]["micro"].f1 == 0.0


def test_link_accuracy_counts_gold_pairs_recovered():
    # Gold: one entity with 2 en and 1 zh mentions -> 2 links; another with 1+1 -> 1 link.
    gold = [
        entity("xi", "PERSON", ("en", 0, 2), ("en", 10, 12), ("zh", 0, 3)),
        entity("d", "DATE", ("en", 20, 25), ("zh", 5, 7)),
    ]
    predicted = [
        entity("auto-xi-1", "PERSON", ("en", 0, 2), ("zh", 0, 3)),  # recovers one of the two links
        entity("auto-xi-2", "PERSON", ("en", 10, 12)),
        entity("auto-d", "TIME", ("en", 20, 25), ("zh", 5, 7)),  # wrong label, link still right
        entity("auto-y", "CARDINAL", ("en", 30, 31), ("zh", 9, 10)),  # a link gold does not have
    ]
    scores = evaluate_entities(gold, predicted, ("en", "zh"))
    assert (scores.links.tp, scores.links.fn, scores.links.fp) == (2, 1, 1)
    assert scores.link_accuracy == pytest.approx(2 / 3)


def test_theme_scores_per_theme_and_primary_accuracy():
    gold = ThemeGold(
        paragraphs={0: ThemeLabels(("green", "reform"), "green"), 50: ThemeLabels((), None)},
        sentences={
            0: ThemeLabels(("green",), "green"),
            20: ThemeLabels(("reform", "green"), "reform"),
            50: ThemeLabels((), None),
        },
    )
    predicted = ThemeGold(
        paragraphs={0: ThemeLabels(("reform",), "reform"), 50: ThemeLabels(("talent",), "talent")},
        sentences={0: ThemeLabels(("green", "talent"), "green"), 20: ThemeLabels(("reform",), "reform")},  # 50 missing
    )
    scores = evaluate_themes(gold, predicted)
    s = scores.by_unit["sentences"]
    assert (s["green"].tp, s["green"].fp, s["green"].fn) == (1, 0, 1)
    assert (s["talent"].tp, s["talent"].fp, s["talent"].fn) == (0, 1, 0)
    assert (s["reform"].tp, s["reform"].fp, s["reform"].fn) == (1, 0, 0)
    assert (s["micro"].tp, s["micro"].fp, s["micro"].fn) == (2, 1, 1)
    assert scores.primary_accuracy("sentences") == 1.0  # the dateline has no primary: not counted
    p = scores.by_unit["paragraphs"]
    assert (p["green"].fn, p["reform"].tp, p["talent"].fp) == (1, 1, 1)
    assert scores.primary_total["paragraphs"] == 1 and scores.primary_accuracy("paragraphs") == 0.0


# Measured on the shipped speech when this was written: entities micro F1 1.000 (en and zh),
# link accuracy 0.882. Themes by the classifier (not written against this speech): micro F1
# 0.650 over sentences and 0.650 over paragraphs, primary accuracy 0.703 (sentences) and
# 0.933 (paragraphs); the lexicon baseline, written against it, 0.864 / 0.813 and 0.734 / 0.667.
# These floors sit well below, so they catch a breakage, not a small change in the gold or
# the classifier.
def test_shipped_speech_floors(capsys):
    from bicorpus.annotation_eval import evaluate_document
    from conftest import SHIPPED_DOCUMENT

    entity_scores, theme_scores = evaluate_document(SHIPPED_DOCUMENT)
    assert entity_scores.by_lang["en"]["micro"].f1 >= 0.85
    assert entity_scores.by_lang["zh"]["micro"].f1 >= 0.85
    assert entity_scores.link_accuracy >= 0.75
    assert theme_scores.by_unit["sentences"]["micro"].f1 >= 0.55
    assert theme_scores.by_unit["paragraphs"]["micro"].f1 >= 0.55
    assert theme_scores.primary_accuracy("sentences") >= 0.55
    assert theme_scores.primary_accuracy("paragraphs") >= 0.75
    _, lexicon_scores = evaluate_document(SHIPPED_DOCUMENT, theme_annotator="lexicon")
    assert lexicon_scores.by_unit["sentences"]["micro"].f1 >= 0.70
    assert main(["eval-annotations", str(SHIPPED_DOCUMENT)]) == 0
    out = capsys.readouterr().out
    assert "Cross-lingual links" in out and "| **micro** |" in out


HELD_OUT = Path(__file__).resolve().parent / "annotation_heldout" / "harbour-forum-2025"


# Held-out: a short fictional text written, with its gold, after the annotators were frozen.
# Measured when it was added: entities micro F1 0.717 (en) / 0.735 (zh), link accuracy 0.464,
# theme micro F1 0.240 (sentences) by the lexicon. The theme classifier, measured on it as a
# development text (its L2 and context weight were compared on it too): sentence micro F1
# 0.692, primary accuracy 8/11 (sentences) and 6/7 (paragraphs). The floors sit below.
def test_held_out_document_floors():
    from bicorpus.annotation_eval import evaluate_document

    entity_scores, theme_scores = evaluate_document(HELD_OUT)
    assert entity_scores.by_lang["en"]["micro"].f1 >= 0.6
    assert entity_scores.by_lang["zh"]["micro"].f1 >= 0.6
    assert entity_scores.link_accuracy >= 0.35
    assert theme_scores.by_unit["sentences"]["micro"].f1 >= 0.5
    assert theme_scores.primary_accuracy("paragraphs") >= 0.6
    _, lexicon_scores = evaluate_document(HELD_OUT, theme_annotator="lexicon")
    assert lexicon_scores.by_unit["sentences"]["micro"].f1 >= 0.15


def test_several_folders_are_scored_one_line_each_then_pooled_and_signed(capsys):
    from bicorpus.annotation_eval import evaluate_document, pooled
    from conftest import SHIPPED_DOCUMENT

    assert main(["eval-annotations", str(SHIPPED_DOCUMENT), str(HELD_OUT)]) == 0
    out = capsys.readouterr().out
    assert "# Per document" in out and f"| {SHIPPED_DOCUMENT.name} |" in out and f"| {HELD_OUT.name} |" in out
    assert "2 documents pooled (micro)" in out
    signature = out.strip().splitlines()[-2]
    assert signature.startswith("bicorpus-annotation-eval|") and "|documents:2|tagger:rules|themes-by:classifier|" in signature
    # Pooled figures are counts summed over the documents, not means of their scores.
    each = [evaluate_document(SHIPPED_DOCUMENT), evaluate_document(HELD_OUT)]
    entities, themes = pooled(each)
    for field in ("tp", "fp", "fn"):
        assert getattr(entities.by_lang["all"]["micro"], field) == sum(getattr(e.by_lang["all"]["micro"], field) for e, _ in each)
        assert getattr(entities.links, field) == sum(getattr(e.links, field) for e, _ in each)
    assert themes.primary_total["paragraphs"] == sum(t.primary_total["paragraphs"] for _, t in each)


def test_a_folder_with_only_gold_entities_is_scored_on_entities_and_pooled_with_the_rest(tmp_path, capsys):
    import shutil

    from bicorpus.annotation_eval import evaluate_document

    entities_only = tmp_path / "only-entities" / HELD_OUT.name  # the folder name is the document id
    shutil.copytree(HELD_OUT, entities_only)
    (entities_only / "themes.yaml").unlink()
    entity_scores, theme_scores = evaluate_document(entities_only)
    assert theme_scores is None and entity_scores is not None
    both, _ = evaluate_document(HELD_OUT)
    assert entity_scores.by_lang["all"]["micro"].tp == both.by_lang["all"]["micro"].tp
    assert main(["eval-annotations", str(entities_only), str(HELD_OUT)]) == 0
    out = capsys.readouterr().out
    first_line = out.split(f"| {HELD_OUT.name} |")[1].split("\n")[0]
    assert first_line.endswith("| – | – |"), first_line
    assert "2 documents pooled (micro); 2 with gold entities, 1 with gold themes" in out
    assert "|documents:2|with-entities:2|with-themes:1|" in out.strip().splitlines()[-2]
    # Only gold themes anywhere: the per-document table has no entity or link column at all.
    themes_only = tmp_path / "only-themes" / HELD_OUT.name
    shutil.copytree(HELD_OUT, themes_only)
    (themes_only / "entities.yaml").unlink()
    assert main(["eval-annotations", str(themes_only), str(themes_only)]) == 0
    header = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| document |"))
    assert header == "| document | themes: sentence micro F1 | primary: paragraphs |", header


def test_eval_annotations_needs_a_folder(capsys):
    # No default document: an installed package has no clone to fall back on.
    with pytest.raises(SystemExit) as stop:
        main(["eval-annotations"])
    assert stop.value.code == 2
    assert "the following arguments are required: folder" in capsys.readouterr().err
