"""The pipeline from document sources to publishable records.

sources → normalize → segment → identify → align → annotate → records. Each stage lives in its
own module; this module threads one document through them: :func:`segment_document` and
:func:`align_document` build the document tree of :mod:`bicorpus.document`,
:func:`annotate_document` adds its annotation layers, and :func:`document_records` (the one
function that does) makes the records of :mod:`bicorpus.records` from it;
:func:`build_document` is the four in a row. No file I/O happens here; running it over many
documents is :mod:`bicorpus.corpus_build`'s work, on an engine of :mod:`bicorpus.engine`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from bicorpus.align import align_paragraphs, align_sentence_groups
from bicorpus.annotate_entities import entity_records, ner_rows
from bicorpus.annotate_terms import BeadExtent, annotate_terms
from bicorpus.annotation_files import Entity, ThemeLabels, compile_themes
from bicorpus.auto_entities import annotate_entities
from bicorpus.auto_themes import annotate_themes, theme_language
from bicorpus.beads import Bead
from bicorpus.check import check_declared_language, find_near_duplicates, identify_language, language_contradicts
from bicorpus.document import (
    AlignedDocument,
    AnnotatedDocument,
    EntityLayer,
    Paragraph,
    Sentence,
    SentenceGroup,
    ThemeLayer,
)
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, EntityTagger
from bicorpus.errors import CorpusError
from bicorpus.project_entities import project_entities
from bicorpus.records import BODY_ROLE, TRANSLATION_PAIR_FIELDS, Corpus, Document, Record, side
from bicorpus.segment import Span, split_paragraphs, split_sentences
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sources import ENTITIES_FILE, DocumentSource
from bicorpus.unit_ids import paragraph_bead_id, paragraph_id, sentence_bead_id, sentence_id


def _roles(count: int, leading: Sequence[str], trailing: Sequence[str], where: str) -> list[str]:
    if count < len(leading) + len(trailing):
        raise CorpusError(
            where,
            f"{count} paragraphs, fewer than the {len(leading)} leading and {len(trailing)} trailing roles "
            "declared in meta.yaml",
            "/roles",
            code="E208",
            hint="declare fewer roles in meta.yaml or check the text's blank lines between paragraphs",
        )
    body = [BODY_ROLE] * (count - len(leading) - len(trailing))
    return [*leading, *body, *trailing]


def segment_document(doc: DocumentSource) -> dict[str, tuple[Paragraph, ...]]:
    """Segment and identify stages: each language's paragraphs and sentences, each unit's
    language identified once, near-duplicate paragraphs marked; a text mostly in another
    language than declared is refused (:func:`bicorpus.check.check_declared_language`)."""
    paragraphs = {lang: _segment(doc, lang) for lang in doc.pair}
    for lang, units in paragraphs.items():
        entry = doc.metadata["languages"][lang]
        sentences = [(s.span.start, s.span.text, s.language) for p in units for s in p.sentences]
        enforce = entry.get("language_check", "on") != "off"
        check_declared_language(doc.texts[lang], lang, sentences, str(doc.folder / entry["file"]), enforce=enforce)
    return paragraphs


def _segment(doc: DocumentSource, lang: str) -> tuple[Paragraph, ...]:
    text = doc.texts[lang]
    spans = split_paragraphs(text)
    where = str(doc.folder / doc.metadata["languages"][lang]["file"])
    roles = _roles(len(spans), doc.metadata["roles"]["leading"], doc.metadata["roles"]["trailing"], where)
    duplicates = find_near_duplicates([span.text for span in spans])
    paragraph_ids = [paragraph_id(doc.id, lang, i) for i in range(len(spans))]
    paragraphs: list[Paragraph] = []
    sentence_number = 0
    for i, span in enumerate(spans):
        sentences = []
        for sentence in split_sentences(span.text, lang, offset=span.start):
            unit_id = sentence_id(doc.id, lang, sentence_number)
            sentences.append(Sentence(unit_id, sentence, identify_language(sentence.text).code))
            sentence_number += 1
        duplicate = duplicates[i]
        paragraphs.append(
            Paragraph(
                id=paragraph_ids[i],
                span=span,
                role=roles[i],
                language=identify_language(span.text).code,
                duplicate_of=None if duplicate is None else paragraph_ids[duplicate],
                sentences=tuple(sentences),
            )
        )
    return tuple(paragraphs)


def _align_paragraph_groups(source: Sequence[Paragraph], target: Sequence[Paragraph]) -> list[Bead]:
    """Paragraph beads; near-duplicates sit out the alignment as null beads in their place.

    The paragraphs on either side of a set-aside duplicate are neighbours in the alignment but
    not in the text, so no bead may join them: a 2-1 bead over them would step over the
    duplicate and leave it (and its sentences) in no bead at all.
    """
    source_kept = [i for i, p in enumerate(source) if p.duplicate_of is None]
    target_kept = [i for i, p in enumerate(target) if p.duplicate_of is None]
    inner = align_paragraphs(
        [source[i].span.text for i in source_kept],
        [target[i].span.text for i in target_kept],
        src_cuts=_gaps(source_kept),
        tgt_cuts=_gaps(target_kept),
    )
    beads: list[Bead] = []
    next_source = next_target = 0

    def flush(until_source: int, until_target: int) -> None:
        nonlocal next_source, next_target
        # Duplicates skipped by the inner alignment come out as null beads, in order.
        while next_source < until_source:
            beads.append(Bead((next_source,), ()))
            next_source += 1
        while next_target < until_target:
            beads.append(Bead((), (next_target,)))
            next_target += 1

    for bead in inner:
        src = tuple(source_kept[i] for i in bead.src)
        tgt = tuple(target_kept[j] for j in bead.tgt)
        flush(src[0] if src else next_source, tgt[0] if tgt else next_target)
        beads.append(Bead(src, tgt, bead.score))
        next_source = src[-1] + 1 if src else next_source
        next_target = tgt[-1] + 1 if tgt else next_target
    flush(len(source), len(target))
    return beads


def _gaps(kept: Sequence[int]) -> frozenset[int]:
    """Positions ``k`` in ``kept`` (ascending indices) where ``kept[k - 1]`` and ``kept[k]`` are not adjacent."""
    return frozenset(k for k in range(1, len(kept)) if kept[k] != kept[k - 1] + 1)


def _side_span(spans: Sequence[Span]) -> tuple[int | None, int | None]:
    return (spans[0].start, spans[-1].end) if spans else (None, None)


def _slice(text: str, start: int | None, end: int | None) -> str:
    return "" if start is None or end is None else text[start:end]


#: One side of a bead: (unit id, span, identified language) per paragraph or sentence.
_Side = list[tuple[str, Span, str]]


def _bead_sides(texts: dict[str, str], sides: dict[str, _Side], labels: ThemeLabels, theme_source: str) -> Record:
    """The fields paragraph beads and sentence beads share: per-language ids, offsets, text
    and language identification, the language flag, and the themes. ``sides`` is keyed by
    language in the pair's order."""
    fields: Record = {"translation": {}}
    flagged = False
    for lang, units in sides.items():
        start, end = _side_span([span for _, span, _ in units])
        fields["translation"][lang] = _slice(texts[lang], start, end)
        fields[side(lang, "ids")] = [unit_id for unit_id, _, _ in units]
        fields[side(lang, "start")], fields[side(lang, "end")] = start, end
        detected = [code for _, _, code in units]
        fields[side(lang, "detected_language")] = detected
        flagged = flagged or _flag(detected, lang)
    fields["language_flag"] = flagged
    fields.update(themes=list(labels.themes), primary_theme=labels.primary, theme_source=theme_source)
    return fields


def align_document(doc: DocumentSource) -> AlignedDocument:
    """Segment, identify and align one document: paragraphs by length, near-duplicates set
    aside as null beads, then the sentences of the whole document in one call, each paragraph
    bead a hard block (so the aligner calibrates its scores over the whole document)."""
    paragraphs = segment_document(doc)
    source, target = paragraphs[doc.pair.source], paragraphs[doc.pair.target]
    p_beads = _align_paragraph_groups(source, target)
    sides = [
        (tuple(s for i in p.src for s in source[i].sentences), tuple(s for j in p.tgt for s in target[j].sentences))
        for p in p_beads
    ]
    try:
        sentence_beads = align_sentence_groups(
            [[s.span.text for s in source_side] for source_side, _ in sides],
            [[s.span.text for s in target_side] for _, target_side in sides],
            doc.pair.source,
            doc.pair.target,
        )
    except AlignerInputError as error:
        raise CorpusError(
            str(doc.folder), f"cannot align the sentences: {error.where}: {error.message}", code="E409", hint=error.hint
        ) from None
    groups = tuple(
        SentenceGroup(p_bead, source_side, target_side, tuple(s_beads))
        for p_bead, (source_side, target_side), s_beads in zip(p_beads, sides, sentence_beads, strict=True)
    )
    return AlignedDocument(doc, doc.pair.codes, paragraphs, groups)


def _units(units: Sequence[Paragraph] | Sequence[Sentence]) -> _Side:
    return [(unit.id, unit.span, unit.language) for unit in units]


def annotate_document(aligned: AlignedDocument, entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER) -> AnnotatedDocument:
    """Annotate stage: the entity and theme layers of an aligned document, gold where the
    document has gold files, automatic otherwise (entities found with ``entity_tagger``,
    :mod:`bicorpus.entity_tagger`)."""
    return AnnotatedDocument(aligned, _entity_layer(aligned, entity_tagger), _theme_layer(aligned))


def build_document(doc: DocumentSource, entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER) -> Corpus:
    """All records of one document pair, as a one-document :class:`Corpus`: segment, identify,
    align and annotate (automatic entities with ``entity_tagger``), then :func:`document_records`."""
    return document_records(annotate_document(align_document(doc), entity_tagger))


def document_records(annotated: AnnotatedDocument) -> Corpus:
    """The one function that turns the document tree into records: every config's rows for
    one document (glossary terms are matched here, against the tree's bead extents)."""
    aligned, themes = annotated.aligned, annotated.themes
    doc = aligned.source
    pair = doc.pair
    source, target = aligned.paragraphs[pair.source], aligned.paragraphs[pair.target]
    records = Corpus(pair, documents=[_document_record(doc, aligned)])
    for p_index, group in enumerate(aligned.groups):
        p_bead = group.paragraph_bead
        paras = {pair.source: [source[i] for i in p_bead.src], pair.target: [target[j] for j in p_bead.tgt]}
        pair_id = paragraph_bead_id(doc.id, p_index)
        p_themes = themes.of_paragraphs(paras)
        role = (paras[pair.source] or paras[pair.target])[0].role
        records.paragraphs.append({
            "id": pair_id,
            "document": doc.id,
            "index": p_index,
            "role": role,
            "alignment_type": p_bead.type,
            **{side(lang, "duplicate_of"): next((p.duplicate_of for p in units if p.duplicate_of), None)
               for lang, units in paras.items()},
            **_bead_sides(doc.texts, {lang: _units(units) for lang, units in paras.items()}, p_themes, themes.source),
        })
        in_duplicate = any(p.duplicate_of for units in paras.values() for p in units)
        for s_bead in group.sentence_beads:
            source_sentences, target_sentences = group.sides(s_bead)
            sentences = {pair.source: source_sentences, pair.target: target_sentences}
            s_themes = themes.of_sentences(sentences, p_themes)
            index = len(records.sentences)
            bead = {
                "id": sentence_bead_id(doc.id, index),
                "document": doc.id,
                "index": index,
                "paragraph": pair_id,
                "alignment_type": s_bead.type,
                # Rounded: the last bits of a float32 dot product differ between CPUs, the file must not.
                "score": round(s_bead.score, 4),
                "in_duplicate_paragraph": in_duplicate,
                **_bead_sides(doc.texts, {lang: _units(units) for lang, units in sentences.items()}, s_themes, themes.source),
            }
            records.sentences.append(bead)
            if _is_translation_pair(bead, role):
                records.translation_pairs.append({key: bead[key] for key in TRANSLATION_PAIR_FIELDS})
    if doc.glossary is not None:
        records.terms = annotate_terms(doc.id, doc.glossary, doc.texts, _bead_extents(aligned))
    _add_entities(records, aligned, annotated.entities)
    return records


def _is_translation_pair(bead: Record, role: str) -> bool:
    """Whether a sentence bead belongs to the MT-ready view: body text, both sides non-empty."""
    return role == BODY_ROLE and all(bead["translation"].values())


def _bead_extents(aligned: AlignedDocument) -> list[BeadExtent]:
    """Each sentence bead's id and the extent of each side, from the tree."""
    extents: list[BeadExtent] = []
    for group in aligned.groups:
        for bead in group.sentence_beads:
            source, target = group.sides(bead)
            extents.append((sentence_bead_id(aligned.source.id, len(extents)), _extent(source), _extent(target)))
    return extents


def _extent(sentences: Sequence[Sentence]) -> tuple[int, int] | None:
    return (sentences[0].span.start, sentences[-1].span.end) if sentences else None


def _theme_layer(aligned: AlignedDocument) -> ThemeLayer:
    """Gold themes where the document has a themes file (matched against the units of the
    pair's source language), automatic ones otherwise: the theme classifier on the units of
    the first language of the pair the embedding model covers (the source language), reusing
    the sentence aligner's encoder and the sentence states it has cached."""
    doc = aligned.source
    if doc.themes_file is not None:
        lang = doc.pair.source
        return ThemeLayer(compile_themes(doc.themes_file, aligned.outline(lang)), lang, "gold")
    theme_lang = theme_language(doc.pair.codes)
    if theme_lang is None:
        return ThemeLayer(None, None, "auto")
    paragraphs, sentences = aligned.unit_offsets(theme_lang)
    roles = [p.role for p in aligned.paragraphs[theme_lang]]
    labels = annotate_themes(doc.texts[theme_lang], theme_lang, paragraphs, sentences, roles=roles)
    return ThemeLayer(labels, theme_lang, "auto")


def automatic_entities(aligned: AlignedDocument, entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER) -> list[Entity]:
    """The automatic entity pre-annotation of an aligned document: each side's rules
    (:func:`~bicorpus.auto_entities.annotate_entities`, with ``entity_tagger``'s statistical
    candidates where a language has them), then projection across the sentence beads
    (:func:`~bicorpus.project_entities.project_entities`), every mention and link with its
    evidence and confidence."""
    doc = aligned.source
    beads = aligned.sentence_bead_spans()
    found = annotate_entities(doc.texts, doc.pair.codes, beads, entity_tagger)
    return project_entities(found, doc.texts, doc.pair.codes, beads, _written(doc))


def _entity_layer(aligned: AlignedDocument, entity_tagger: EntityTagger) -> EntityLayer:
    """The gold entities where the document has them, else the automatic pre-annotation."""
    doc = aligned.source
    if doc.entities is not None:
        return EntityLayer(tuple(doc.entities), "gold")
    return EntityLayer(tuple(automatic_entities(aligned, entity_tagger)), "auto")


def _add_entities(records: Corpus, aligned: AlignedDocument, layer: EntityLayer) -> None:
    """The entity layer as entity records and NER rows, each mention placed in its sentence
    and sentence bead of the tree."""
    doc = aligned.source
    sentences = {lang: [(s.id, s.span.start, s.span.end) for s in aligned.sentences(lang)] for lang in doc.pair}
    bead_of_sentence: dict[str, str] = {}
    index = 0
    for group in aligned.groups:
        for bead in group.sentence_beads:
            for units in group.sides(bead):
                bead_of_sentence.update((sentence.id, sentence_bead_id(doc.id, index)) for sentence in units)
            index += 1
    where = str(doc.folder / ENTITIES_FILE)
    entities, source = layer.entities, layer.source
    records.entities = entity_records(doc.id, entities, source, sentences, bead_of_sentence, where)
    for lang in doc.pair:
        records.ner[lang] = ner_rows(doc.id, lang, doc.texts[lang], entities, source, sentences[lang], bead_of_sentence)


def _document_record(doc: DocumentSource, aligned: AlignedDocument) -> Document:
    meta = doc.metadata
    languages = meta["languages"]
    return Document(
        id=doc.id,
        title=dict(meta["title"]),
        speaker=dict(meta["speaker"]),
        event=dict(meta["event"]),
        date_delivered=meta["date_delivered"],
        published={lang: languages[lang].get("published") for lang in doc.pair},
        original_language=meta["original_language"],
        provenance={lang: languages[lang]["provenance"] for lang in doc.pair},
        translated_from={lang: languages[lang].get("translated_from") for lang in doc.pair},
        text_license={lang: meta["license"]["texts"][lang]["id"] for lang in doc.pair},
        text_license_note={lang: meta["license"]["texts"][lang]["note"] for lang in doc.pair},
        annotation_license=meta["license"]["annotations"]["id"],
        annotation_license_note=meta["license"]["annotations"]["note"],
        quotations=list(doc.quotations),
        text={lang: doc.texts[lang] for lang in doc.pair},
        source_sha256={lang: doc.sha256[lang] for lang in doc.pair},
        paragraph_count={lang: len(aligned.paragraphs[lang]) for lang in doc.pair},
        sentence_count={lang: len(aligned.sentences(lang)) for lang in doc.pair},
    )


def _flag(detected: Sequence[str], expected: str) -> bool:
    return any(language_contradicts(code, expected) for code in detected)


def _written(doc: DocumentSource) -> tuple[int, int, int] | None:
    """The document's date (metadata ``date_delivered``, validated as an ISO date), as the
    year, month and day projection counts relative dates from; None when it is not given."""
    delivered = doc.metadata.get("date_delivered")
    if not delivered:
        return None
    day = datetime.date.fromisoformat(str(delivered))
    return day.year, day.month, day.day
