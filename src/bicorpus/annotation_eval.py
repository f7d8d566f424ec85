"""Evaluation of the automatic pre-annotation against a document's gold annotation.

``bicorpus eval-annotations DOCUMENT_FOLDER`` reads
the document and its gold files (compiled by :func:`~bicorpus.annotation_files.compile_entities`
and :func:`~bicorpus.annotation_files.compile_themes`; this is the only module that reads them),
runs :func:`~bicorpus.auto_entities.annotate_entities` and
:func:`~bicorpus.auto_themes.annotate_themes` (the theme classifier; or, asked for, the old
cue-word baseline :func:`~bicorpus.theme_lexicon.annotate_themes_by_lexicon`) on the texts
alone, and prints the scores.

Entities: a predicted mention is correct when language, start, end and label all equal a gold
mention's (exact match). Precision, recall and F1 per label and micro-averaged, per language
and over both. Cross-lingual links: every (English mention, Chinese mention) pair of one gold
entity is a gold link; a link is recovered when the predicted mentions at the same two spans
(whatever their labels) belong to one predicted entity. Recall of gold links is the link
accuracy asked for; the precision of predicted links is given too, since linking everything
would otherwise score perfectly.

Themes: multi-label per unit (sentence, paragraph): a theme of a unit is a true positive when
both gold and prediction carry it. Per theme P/R/F1 and micro/macro averages; primary-theme
accuracy over the units whose gold has a primary (the dateline has none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bicorpus.annotation_files import Entity, ThemeGold, ThemeLabels, compile_themes, load_theme_taxonomy
from bicorpus.auto_themes import annotate_themes
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, EntityTagger
from bicorpus.errors import CorpusError
from bicorpus.language_pair import language_name
from bicorpus.pipeline import align_document, automatic_entities
from bicorpus.precision_recall import PRF
from bicorpus.theme_lexicon import annotate_themes_by_lexicon

__all__ = ["PRF", "THEME_ANNOTATORS", "EntityScores", "ThemeScores", "evaluate_entities", "evaluate_themes"]

MICRO = "micro"
#: The key of the scores over both languages.
ALL = "all"
#: The automatic theme annotators ``eval-annotations`` can score: the build's, then the baseline.
THEME_ANNOTATORS = ("classifier", "lexicon")


@dataclass
class EntityScores:
    """``by_lang[lang][label]`` with ``lang`` each language of the pair or ``all``, and
    ``label`` a label or ``micro``."""

    by_lang: dict[str, dict[str, PRF]]
    links: PRF  # tp: gold links recovered; fn: gold links missed; fp: predicted links not in gold

    @property
    def link_accuracy(self) -> float:
        """Share of the gold cross-lingual links that the prediction also makes."""
        return self.links.recall


@dataclass
class ThemeScores:
    """Per unit kind (``sentences``, ``paragraphs``): per theme (and ``micro``) counts, primary accuracy."""

    by_unit: dict[str, dict[str, PRF]]
    primary_correct: dict[str, int] = field(default_factory=dict)
    primary_total: dict[str, int] = field(default_factory=dict)

    def primary_accuracy(self, unit: str) -> float:
        total = self.primary_total.get(unit, 0)
        return self.primary_correct.get(unit, 0) / total if total else 0.0

    def macro_f1(self, unit: str) -> float:
        """Mean F1 over the themes that occur in gold or prediction."""
        cells = [prf for theme, prf in self.by_unit[unit].items() if theme != MICRO and prf.tp + prf.fp + prf.fn]
        return sum(prf.f1 for prf in cells) / len(cells) if cells else 0.0


def _mentions(entities: Iterable[Entity]) -> set[tuple[str, int, int, str]]:
    return {(m.lang, m.start, m.end, m.label) for e in entities for m in e.mentions}


def _links(entities: Iterable[Entity], languages: Sequence[str]) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    source, target = languages
    return {
        ((a.start, a.end), (b.start, b.end))
        for e in entities
        for a in e.mentions_in(source)
        for b in e.mentions_in(target)
    }


def evaluate_entities(gold: Sequence[Entity], predicted: Sequence[Entity], languages: Sequence[str]) -> EntityScores:
    """Exact span-and-label scores per language (of the two ``languages``) and label, and
    cross-lingual link scores."""
    gold_mentions, predicted_mentions = _mentions(gold), _mentions(predicted)
    labels = sorted({m[3] for m in gold_mentions | predicted_mentions})
    by_lang: dict[str, dict[str, PRF]] = {}
    for lang in (*languages, ALL):
        table: dict[str, PRF] = {}
        for label in labels:
            g = {m for m in gold_mentions if m[3] == label and lang in (m[0], ALL)}
            p = {m for m in predicted_mentions if m[3] == label and lang in (m[0], ALL)}
            table[label] = PRF(len(g & p), len(p - g), len(g - p))
        micro = PRF()
        for cell in table.values():
            micro.add(cell)
        table[MICRO] = micro
        by_lang[lang] = table
    gold_links, predicted_links = _links(gold, languages), _links(predicted, languages)
    links = PRF(len(gold_links & predicted_links), len(predicted_links - gold_links), len(gold_links - predicted_links))
    return EntityScores(by_lang, links)


def evaluate_themes(gold: ThemeGold, predicted: ThemeGold) -> ThemeScores:
    """Per-theme multi-label scores over sentences and over paragraphs, and primary accuracy.

    Units are the gold's; a unit the prediction lacks counts as predicted without themes.
    """
    empty = ThemeLabels((), None)
    scores = ThemeScores({})
    for unit, gold_units, predicted_units in (
        ("sentences", gold.sentences, predicted.sentences),
        ("paragraphs", gold.paragraphs, predicted.paragraphs),
    ):
        table: dict[str, PRF] = {}
        correct = total = 0
        for start, gold_labels in gold_units.items():
            guess = predicted_units.get(start, empty)
            g, p = set(gold_labels.themes), set(guess.themes)
            for theme in g | p:
                cell = table.setdefault(theme, PRF())
                cell.tp += theme in g and theme in p
                cell.fp += theme in p and theme not in g
                cell.fn += theme in g and theme not in p
            if gold_labels.primary is not None:
                total += 1
                correct += guess.primary == gold_labels.primary
        micro = PRF()
        for cell in table.values():
            micro.add(cell)
        table[MICRO] = micro
        scores.by_unit[unit] = table
        scores.primary_correct[unit] = correct
        scores.primary_total[unit] = total
    return scores


def pooled(
    scores: Sequence[tuple[EntityScores | None, ThemeScores | None]],
) -> tuple[EntityScores | None, ThemeScores | None]:
    """The scores of several documents added up: every count summed, so the pooled figures are
    micro-averages over all their mentions, links and units (not means of per-document figures).
    A document without one of the gold files (``None``) adds nothing to that part; a part no
    document has is ``None``."""
    entities = EntityScores({}, PRF())
    themes = ThemeScores({})
    for entity_scores, theme_scores in scores:
        for lang, table in (entity_scores.by_lang.items() if entity_scores is not None else ()):
            pooled_table = entities.by_lang.setdefault(lang, {})
            for label, cell in table.items():
                pooled_table.setdefault(label, PRF()).add(cell)
        if entity_scores is not None:
            entities.links.add(entity_scores.links)
        if theme_scores is None:
            continue
        for unit, table in theme_scores.by_unit.items():
            pooled_table = themes.by_unit.setdefault(unit, {})
            for theme, cell in table.items():
                pooled_table.setdefault(theme, PRF()).add(cell)
            themes.primary_correct[unit] = themes.primary_correct.get(unit, 0) + theme_scores.primary_correct[unit]
            themes.primary_total[unit] = themes.primary_total.get(unit, 0) + theme_scores.primary_total[unit]
    for table in entities.by_lang.values():  # labels in one order, micro last, whatever came first
        ordered = {label: table[label] for label in sorted(table) if label != MICRO}
        table.clear()
        table.update(ordered)
        table[MICRO] = PRF()
        for cell in ordered.values():
            table[MICRO].add(cell)
    return (
        entities if any(part is not None for part, _ in scores) else None,
        themes if any(part is not None for _, part in scores) else None,
    )


def evaluation_signature(
    entity_tagger: str, theme_annotator: str, documents: int, with_entities: int | None = None, with_themes: int | None = None
) -> str:
    """The one-line signature ``eval-annotations`` prints under its figures (as sacrebleu does):
    how they were scored, over how many documents (and, when not every document has both gold
    files, how many had gold entities and gold themes), and with which annotators."""
    from bicorpus import __version__

    counted = f"documents:{documents}"
    if (with_entities, with_themes) not in ((None, None), (documents, documents)):
        counted += f"|with-entities:{with_entities}|with-themes:{with_themes}"
    return (
        "bicorpus-annotation-eval|entities:exact-span+label|links:gold-pair-recall|themes:multi-label+primary"
        f"|average:micro|{counted}|tagger:{entity_tagger}|themes-by:{theme_annotator}|version:{__version__}"
    )


def format_summary(rows: Sequence[tuple[str, EntityScores | None, ThemeScores | None]]) -> str:
    """One line per document: entity micro F1 per language, link accuracy, theme figures (a dash
    where the document has no gold file of that kind; no column of a kind no document has)."""
    if not rows:
        return ""
    languages = next(([lang for lang in row[1].by_lang if lang != ALL] for row in rows if row[1] is not None), None)
    with_themes = any(row[2] is not None for row in rows)
    header = ["document"]
    if languages is not None:
        header += [*(f"entities {lang} F1" for lang in languages), "links"]
    if with_themes:
        header += ["themes: sentence micro F1", "primary: paragraphs"]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for name, entity_scores, theme_scores in rows:
        cells = [name]
        if languages is not None and entity_scores is None:
            cells += ["–"] * (len(languages) + 1)
        elif languages is not None and entity_scores is not None:
            links = entity_scores.links
            cells += [f"{entity_scores.by_lang[lang][MICRO].f1:.3f}" for lang in languages]
            cells.append(f"{links.tp}/{links.tp + links.fn}")
        if with_themes and theme_scores is None:
            cells += ["–", "–"]
        elif theme_scores is not None:
            cells += [f"{theme_scores.by_unit['sentences'][MICRO].f1:.3f}",
                      f"{theme_scores.primary_correct['paragraphs']}/{theme_scores.primary_total['paragraphs']}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- running on a document --------------------------------------------------------------------


def _row(name: str, cell: PRF) -> str:
    return f"| {name} | {cell.tp} | {cell.fp} | {cell.fn} | {cell.precision:.3f} | {cell.recall:.3f} | {cell.f1:.3f} |"


_HEADER = "| {} | TP | FP | FN | P | R | F1 |\n|---|---:|---:|---:|---:|---:|---:|"


def format_report(entity_scores: EntityScores | None, theme_scores: ThemeScores | None, document: str) -> str:
    """The Markdown tables ``bicorpus eval-annotations`` prints (entity tables only when there were
    gold entities, theme tables only when there were gold themes)."""
    lines = [f"# Automatic pre-annotation vs gold: {document}", ""]
    if entity_scores is not None:
        lines += _entity_tables(entity_scores)
    if theme_scores is not None:
        lines += _theme_tables(theme_scores)
    return "\n".join(lines)


def _entity_tables(entity_scores: EntityScores) -> list[str]:
    lines: list[str] = []
    languages = [lang for lang in entity_scores.by_lang if lang != ALL]
    for lang, title in ((ALL, "both languages"), *((lang, language_name(lang)) for lang in languages)):
        lines += [f"## Entities, {title} (exact span + label)", "", _HEADER.format("label")]
        table = entity_scores.by_lang[lang]
        lines += [_row(label, cell) for label, cell in table.items() if label != MICRO and cell.tp + cell.fp + cell.fn]
        lines += [_row("**micro**", table[MICRO]), ""]
    links = entity_scores.links
    lines += [
        f"## Cross-lingual links ({'-'.join(languages)} mention pairs of one entity)",
        "",
        f"link accuracy (gold links recovered): {links.tp}/{links.tp + links.fn} = {links.recall:.3f}; "
        f"precision of predicted links: {links.tp}/{links.tp + links.fp} = {links.precision:.3f}",
        "",
    ]
    return lines


def _theme_tables(theme_scores: ThemeScores) -> list[str]:
    lines: list[str] = []
    order = load_theme_taxonomy().ids
    for unit in ("sentences", "paragraphs"):
        table = theme_scores.by_unit[unit]
        lines += [f"## Themes over {unit} (multi-label)", "", _HEADER.format("theme")]
        lines += [_row(theme, table[theme]) for theme in order if theme in table]
        lines += [
            _row("**micro**", table[MICRO]),
            "",
            f"macro F1: {theme_scores.macro_f1(unit):.3f}; primary-theme accuracy: "
            f"{theme_scores.primary_correct[unit]}/{theme_scores.primary_total[unit]} "
            f"= {theme_scores.primary_accuracy(unit):.3f}",
            "",
        ]
    return lines


def evaluate_document(
    folder: Path, entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER, theme_annotator: str = THEME_ANNOTATORS[0]
) -> tuple[EntityScores | None, ThemeScores | None]:
    """Score the automatic annotators on one document folder against the gold files it has:
    entities when it has ``entities.yaml``, themes when it has ``themes.yaml`` (``None`` for a
    part without gold; a folder with neither is E601).

    Entities are found with ``entity_tagger`` (:mod:`bicorpus.entity_tagger`); ``theme_annotator``
    is ``classifier`` (what the build runs) or ``lexicon`` (the cue-word baseline of
    :mod:`bicorpus.theme_lexicon`).
    """
    from bicorpus.sources import read_document  # reads and normalizes the texts as the build does

    if theme_annotator not in THEME_ANNOTATORS:
        raise ValueError(f"theme_annotator must be one of {THEME_ANNOTATORS}, not {theme_annotator!r}")
    doc = read_document(folder)
    if doc.entities is None and doc.themes_file is None:
        raise CorpusError(
            str(folder),
            "no gold to evaluate against",
            code="E601",
            hint="add entities.yaml or themes.yaml (or both), or name a folder that has them",
        )
    # The build's own stages, so the annotators see exactly the units the build gives them.
    aligned = align_document(doc)
    source_lang = aligned.languages[0]
    entity_scores = None
    if doc.entities is not None:
        entity_scores = evaluate_entities(doc.entities, automatic_entities(aligned, entity_tagger), aligned.languages)
    if doc.themes_file is None:
        return entity_scores, None
    units = aligned.paragraphs[source_lang]
    paragraphs, sentences = aligned.unit_offsets(source_lang)
    # Gold themes are keyed by the source language's units; the automatic themes of that
    # language are what can be scored against them (the classifier's theme language is the
    # source language too, see bicorpus.auto_themes.theme_language).
    text = doc.texts[source_lang]
    if theme_annotator == "lexicon":
        predicted_themes = annotate_themes_by_lexicon(text, source_lang, paragraphs, sentences)
    else:
        predicted_themes = annotate_themes(text, source_lang, paragraphs, sentences, roles=[p.role for p in units])
    gold_themes = compile_themes(doc.themes_file, aligned.outline(source_lang))
    return entity_scores, evaluate_themes(gold_themes, predicted_themes)
