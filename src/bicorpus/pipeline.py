"""The pipeline from document sources to publishable records.

sources → normalize → segment → identify → align → annotate → records. Each stage lives in its
own module; this module threads one document through them: :func:`segment_document` and
:func:`align_document` build the document tree of :mod:`bicorpus.document`, and
:func:`build_document` makes the records of :mod:`bicorpus.records` from it. No file I/O
happens here.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, cast

from bicorpus.align import align_paragraphs, align_sentence_groups
from bicorpus.annotate_entities import entity_records, ner_rows
from bicorpus.annotate_terms import annotate_terms
from bicorpus.annotate_themes import paragraph_themes, sentence_themes
from bicorpus.annotation_files import ThemeGold, ThemeLabels, compile_themes
from bicorpus.auto_entities import annotate_entities
from bicorpus.auto_themes import annotate_themes
from bicorpus.beads import Bead
from bicorpus.check import find_near_duplicates, identify_language, language_contradicts
from bicorpus.document import AlignedDocument, Paragraph, Sentence, SentenceGroup
from bicorpus.errors import CorpusError
from bicorpus.records import Bilingual, BilingualOptional, Corpus, Document, ParagraphPair, SentencePair
from bicorpus.segment import Span, split_paragraphs, split_sentences
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sources import ENTITIES_FILE, LANGUAGES, DocumentSource
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
    body = ["body"] * (count - len(leading) - len(trailing))
    return [*leading, *body, *trailing]


def segment_document(doc: DocumentSource) -> dict[str, tuple[Paragraph, ...]]:
    """Segment and identify stages: each language's paragraphs and sentences, each unit's
    language identified once, near-duplicate paragraphs marked."""
    return {lang: _segment(doc, lang) for lang in LANGUAGES}


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


def _align_paragraph_groups(en: Sequence[Paragraph], zh: Sequence[Paragraph]) -> list[Bead]:
    """Paragraph beads; near-duplicates sit out the alignment as null beads in their place."""
    en_kept = [i for i, p in enumerate(en) if p.duplicate_of is None]
    zh_kept = [i for i, p in enumerate(zh) if p.duplicate_of is None]
    inner = align_paragraphs([en[i].span.text for i in en_kept], [zh[i].span.text for i in zh_kept])
    beads: list[Bead] = []
    next_en = next_zh = 0

    def flush(until_en: int, until_zh: int) -> None:
        nonlocal next_en, next_zh
        # Duplicates skipped by the inner alignment come out as null beads, in order.
        while next_en < until_en:
            beads.append(Bead((next_en,), ()))
            next_en += 1
        while next_zh < until_zh:
            beads.append(Bead((), (next_zh,)))
            next_zh += 1

    for bead in inner:
        src = tuple(en_kept[i] for i in bead.src)
        tgt = tuple(zh_kept[j] for j in bead.tgt)
        flush(src[0] if src else next_en, tgt[0] if tgt else next_zh)
        beads.append(Bead(src, tgt, bead.score))
        next_en = src[-1] + 1 if src else next_en
        next_zh = tgt[-1] + 1 if tgt else next_zh
    flush(len(en), len(zh))
    return beads


def _side_span(spans: Sequence[Span]) -> tuple[int | None, int | None]:
    return (spans[0].start, spans[-1].end) if spans else (None, None)


def _slice(text: str, start: int | None, end: int | None) -> str:
    return "" if start is None or end is None else text[start:end]


#: One side of a bead: (unit id, span, identified language) per paragraph or sentence.
_Side = list[tuple[str, Span, str]]


def _bead_sides(texts: dict[str, str], en: _Side, zh: _Side, labels: ThemeLabels, theme_source: str) -> dict[str, Any]:
    """The fields paragraph beads and sentence beads share: per-language ids, offsets, text
    and language identification, the language flag, and the themes."""
    fields: dict[str, Any] = {"translation": {}}
    for lang, side in (("en", en), ("zh", zh)):
        start, end = _side_span([span for _, span, _ in side])
        fields["translation"][lang] = _slice(texts[lang], start, end)
        fields[f"{lang}_ids"] = [unit_id for unit_id, _, _ in side]
        fields[f"{lang}_start"], fields[f"{lang}_end"] = start, end
        fields[f"{lang}_detected_language"] = [code for _, _, code in side]
    fields["language_flag"] = _flag(fields["en_detected_language"], "en") or _flag(fields["zh_detected_language"], "zh")
    fields.update(themes=list(labels.themes), primary_theme=labels.primary, theme_source=theme_source)
    return fields


def align_document(doc: DocumentSource) -> AlignedDocument:
    """Segment, identify and align one document: paragraphs by length, near-duplicates set
    aside as null beads, then the sentences of the whole document in one call, each paragraph
    bead a hard block (so the aligner calibrates its scores over the whole document)."""
    paragraphs = segment_document(doc)
    en, zh = paragraphs["en"], paragraphs["zh"]
    p_beads = _align_paragraph_groups(en, zh)
    sides = [
        (tuple(s for i in p.src for s in en[i].sentences), tuple(s for j in p.tgt for s in zh[j].sentences)) for p in p_beads
    ]
    try:
        sentence_beads = align_sentence_groups(
            [[s.span.text for s in source] for source, _ in sides],
            [[s.span.text for s in target] for _, target in sides],
            "en",
            "zh",
        )
    except AlignerInputError as error:
        raise CorpusError(
            str(doc.folder), f"cannot align the sentences: {error.where}: {error.message}", code="E409", hint=error.hint
        ) from None
    groups = tuple(
        SentenceGroup(p_bead, source, target, tuple(s_beads))
        for p_bead, (source, target), s_beads in zip(p_beads, sides, sentence_beads, strict=True)
    )
    return AlignedDocument(doc, LANGUAGES, paragraphs, groups)


def build_document(doc: DocumentSource) -> Corpus:
    """All records of one document pair, as a one-document :class:`Corpus`."""
    aligned = align_document(doc)
    en, zh = aligned.paragraphs["en"], aligned.paragraphs["zh"]
    themes, theme_source = _theme_labels(aligned)
    records = Corpus(documents=[_document_record(doc, en, zh)])
    for p_index, group in enumerate(aligned.groups):
        p_bead = group.paragraph_bead
        en_paras = [en[i] for i in p_bead.src]
        zh_paras = [zh[j] for j in p_bead.tgt]
        pair_id = paragraph_bead_id(doc.id, p_index)
        p_themes = paragraph_themes(themes, [p.span.start for p in en_paras])
        records.paragraphs.append(
            # A dict cast to the record: the per-language fields come from _bead_sides by computed names.
            cast(ParagraphPair, {
                "id": pair_id,
                "document": doc.id,
                "index": p_index,
                "role": (en_paras or zh_paras)[0].role,
                "alignment_type": p_bead.type,
                "en_duplicate_of": next((p.duplicate_of for p in en_paras if p.duplicate_of), None),
                "zh_duplicate_of": next((p.duplicate_of for p in zh_paras if p.duplicate_of), None),
                **_bead_sides(
                    doc.texts,
                    [(p.id, p.span, p.language) for p in en_paras],
                    [(p.id, p.span, p.language) for p in zh_paras],
                    p_themes,
                    theme_source,
                ),
            })
        )
        in_duplicate = any(p.duplicate_of for p in en_paras + zh_paras)
        for s_bead in group.sentence_beads:
            en_sentences, zh_sentences = group.sides(s_bead)
            en_side = [(s.id, s.span, s.language) for s in en_sentences]
            zh_side = [(s.id, s.span, s.language) for s in zh_sentences]
            s_themes = sentence_themes(themes, [s.start for _, s, _ in en_side], p_themes)
            index = len(records.sentences)
            records.sentences.append(
                cast(SentencePair, {
                    "id": sentence_bead_id(doc.id, index),
                    "document": doc.id,
                    "index": index,
                    "paragraph": pair_id,
                    "alignment_type": s_bead.type,
                    # Rounded: the last bits of a float32 dot product differ between CPUs, the file must not.
                    "score": round(s_bead.score, 4),
                    "in_duplicate_paragraph": in_duplicate,
                    **_bead_sides(doc.texts, en_side, zh_side, s_themes, theme_source),
                })
            )
    if doc.glossary is not None:
        records.terms = annotate_terms(doc.id, doc.glossary, doc.texts["en"], doc.texts["zh"], records.sentences)
    _add_entities(records, aligned)
    return records


def _theme_labels(aligned: AlignedDocument) -> tuple[ThemeGold, str]:
    """Gold themes where the document has a themes file (matched against the English units of
    the tree), automatic ones otherwise."""
    doc, en = aligned.source, aligned.paragraphs[aligned.languages[0]]
    if doc.themes_file is not None:
        return compile_themes(doc.themes_file, aligned.outline(aligned.languages[0])), "gold"
    paragraphs = [(p.span.start, p.span.end) for p in en]
    sentences = [(s.span.start, s.span.end) for p in en for s in p.sentences]
    return annotate_themes(doc.texts["en"], doc.texts["zh"], paragraphs, sentences), "auto"


def _add_entities(records: Corpus, aligned: AlignedDocument) -> None:
    """Entities, gold or automatic, as entity records and NER rows; read from the document
    tree (the records only receive them)."""
    doc = aligned.source
    sentences = {lang: [(s.id, s.span.start, s.span.end) for s in aligned.sentences(lang)] for lang in LANGUAGES}
    bead_of_sentence: dict[str, str] = {}
    index = 0
    for group in aligned.groups:
        for bead in group.sentence_beads:
            for side in group.sides(bead):
                bead_of_sentence.update((sentence.id, sentence_bead_id(doc.id, index)) for sentence in side)
            index += 1
    if doc.entities is not None:
        entities, source = doc.entities, "gold"
    else:
        entities, source = annotate_entities(doc.texts["en"], doc.texts["zh"], aligned.sentence_bead_spans()), "auto"
    where = str(doc.folder / ENTITIES_FILE)
    records.entities = entity_records(doc.id, entities, source, sentences, bead_of_sentence, where)
    records.ner_en = ner_rows(doc.id, "en", doc.texts["en"], entities, source, sentences["en"], bead_of_sentence)
    records.ner_zh = ner_rows(doc.id, "zh", doc.texts["zh"], entities, source, sentences["zh"], bead_of_sentence)


def _document_record(doc: DocumentSource, en: Sequence[Paragraph], zh: Sequence[Paragraph]) -> Document:
    meta = doc.metadata
    return Document(
        id=doc.id,
        title=cast(BilingualOptional, dict(meta["title"])),
        speaker=cast(BilingualOptional, dict(meta["speaker"])),
        event=cast(BilingualOptional, dict(meta["event"])),
        date_delivered=meta["date_delivered"],
        english_published=meta.get("english_published"),
        original_language=meta["original_language"],
        provenance=cast(Bilingual, {lang: meta["languages"][lang]["provenance"] for lang in LANGUAGES}),
        translated_from=cast(BilingualOptional, {lang: meta["languages"][lang].get("translated_from") for lang in LANGUAGES}),
        text_license=_text_licences(meta, "id"),
        text_license_note=_text_licences(meta, "note"),
        annotation_license=meta["license"]["annotations"]["id"],
        annotation_license_note=meta["license"]["annotations"]["note"],
        quotations=list(doc.quotations),
        text={"en": doc.texts["en"], "zh": doc.texts["zh"]},
        source_sha256=cast(Bilingual, dict(doc.sha256)),
        paragraph_count={"en": len(en), "zh": len(zh)},
        sentence_count={"en": sum(len(p.sentences) for p in en), "zh": sum(len(p.sentences) for p in zh)},
    )


def _text_licences(meta: dict[str, Any], field: str) -> Bilingual:
    """One field ("id" or "note") of each language's text licence in meta.yaml."""
    texts = meta["license"]["texts"]
    return Bilingual(en=texts["en"][field], zh=texts["zh"][field])


def _flag(detected: Sequence[str], expected: str) -> bool:
    return any(language_contradicts(code, expected) for code in detected)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it once, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def iter_documents(
    sources: Sequence[DocumentSource], progress: Callable[[int, str], None] | None = None, jobs: int = 1
) -> Iterator[Corpus]:
    """The records of each document in turn, in the order given (read_sources sorts by id).

    ``jobs`` > 1 builds documents in that many worker processes; results still come in input
    order, so the output is the same whatever the number of jobs. Only a bounded number of
    documents is in flight at once, so memory does not grow with the corpus.
    """
    if jobs > 1 and len(sources) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
            # Submit a window ahead of what is consumed: parallel, but bounded in memory.
            window = jobs * 4
            pending = [pool.submit(build_document, doc) for doc in sources[:window]]
            for number, doc in enumerate(sources, start=1):
                records = pending.pop(0).result()
                if number - 1 + window < len(sources):
                    pending.append(pool.submit(build_document, sources[number - 1 + window]))
                if progress is not None:
                    progress(number, doc.id)
                yield records
        return
    for number, doc in enumerate(sources, start=1):
        records = build_document(doc)
        if progress is not None:
            progress(number, doc.id)
        yield records


def build_corpus(
    sources: Sequence[DocumentSource], progress: Callable[[int, str], None] | None = None, jobs: int = 1
) -> Corpus:
    """Records of every document gathered in one :class:`Corpus` (for small corpora and tests;
    ``bicorpus build`` streams :func:`iter_documents` into the publisher instead)."""
    corpus = Corpus()
    for records in iter_documents(sources, progress, jobs):
        for config, rows in records.config_rows().items():
            corpus.config_rows()[config].extend(rows)
    return corpus
