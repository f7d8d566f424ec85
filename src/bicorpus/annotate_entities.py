"""Annotate stage, entities layer: entity records and token-level NER rows.

Takes the compiled entities of one document (gold from ``entities.yaml`` or the automatic
pre-annotation, both as :class:`~bicorpus.annotation_files.Entity`) and places every mention in
its sentence and sentence bead. The same mentions give the rows of each language's
``ner_<lang>`` config: each sentence as tokens with BIO tags over the 18 OntoNotes labels,
CoNLL-2003 layout.

Tokens: words (hyphenated compounds stay one token, a possessive ``'s`` is its own token,
each punctuation mark is a token); in a language written without spaces one token per
character, as in MSRA. A
token that a mention boundary would cut is split at that boundary, so tags always match the
mention spans exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from bicorpus.annotation_files import Entity, EntityMention
from bicorpus.errors import CorpusError
from bicorpus.lang import language
from bicorpus.records import EntityMentionRecord, EntityRecord, NerSentence

#: (sentence id, start, end) of one language's sentences, in document offsets.
SentenceSpan = tuple[str, int, int]

_WORD_TOKEN = re.compile(r"['’]s\b|\w+(?:-\w+)*|[^\w\s]")


def tokenize(text: str, lang: str) -> list[tuple[int, int]]:
    """Token spans of ``text``: single characters in a language written without spaces
    (:attr:`bicorpus.lang.LanguageRules.unspaced`), words and punctuation marks otherwise."""
    if language(lang).unspaced:
        return [(i, i + 1) for i, char in enumerate(text) if not char.isspace()]
    return [(m.start(), m.end()) for m in _WORD_TOKEN.finditer(text)]


def _split_at(tokens: list[tuple[int, int]], cuts: set[int]) -> list[tuple[int, int]]:
    result = []
    for start, end in tokens:
        inner = sorted(c for c in cuts if start < c < end)
        for cut in inner:
            result.append((start, cut))
            start = cut
        result.append((start, end))
    return result


def _locate(mention: EntityMention, sentences: Sequence[SentenceSpan], starts: list[int], where: str) -> SentenceSpan:
    index = bisect_right(starts, mention.start) - 1
    if index < 0 or mention.end > sentences[index][2]:
        raise CorpusError(
            where,
            f"{mention.lang} mention {mention.text!r} of entity {mention.entity!r} at {mention.start}..{mention.end} "
            "crosses a sentence boundary",
            code="E327",
            hint="a mention must lie inside one sentence; shorten it or split it in two",
        )
    return sentences[index]


def entity_records(
    document_id: str,
    entities: Sequence[Entity],
    source: str,
    sentences: Mapping[str, Sequence[SentenceSpan]],
    bead_of_sentence: dict[str, str],
    where: str,
) -> list[EntityRecord]:
    """One record per entity with its mentions placed in sentences and beads; ``sentences``
    holds each language's sentences, keyed in the pair's order (which orders the mentions)."""
    starts = {lang: [s[1] for s in spans] for lang, spans in sentences.items()}
    records: list[EntityRecord] = []
    for entity in entities:
        mentions: list[EntityMentionRecord] = []
        names: dict[str, list[str]] = {lang: [] for lang in sentences}
        for lang in sentences:
            for mention in sorted(entity.mentions_in(lang), key=lambda m: m.start):
                sentence_id, s_start, _ = _locate(mention, sentences[lang], starts[lang], where)
                mentions.append(
                    EntityMentionRecord(
                        lang=lang,
                        text=mention.text,
                        start=mention.start,
                        end=mention.end,
                        sentence=sentence_id,
                        sentence_start=mention.start - s_start,
                        sentence_end=mention.end - s_start,
                        sentence_pair=bead_of_sentence[sentence_id],
                        confidence=mention.confidence,
                        evidence=list(mention.evidence),
                    )
                )
                if mention.text not in names[lang]:
                    names[lang].append(mention.text)
        records.append(
            EntityRecord(
                id=f"{document_id}/entity/{entity.id}",
                document=document_id,
                entity=entity.id,
                label=entity.label,
                source=source,
                names=names,
                mentions=mentions,
                link_confidence=entity.link_confidence,
                link_evidence=list(entity.link_evidence),
            )
        )
    return records


def ner_rows(
    document_id: str,
    lang: str,
    text: str,
    entities: Sequence[Entity],
    source: str,
    sentences: Sequence[SentenceSpan],
    bead_of_sentence: dict[str, str],
) -> list[NerSentence]:
    """One CoNLL-style row per sentence of ``lang``: tokens and BIO tags from the mentions."""
    mentions = sorted((m for e in entities for m in e.mentions_in(lang)), key=lambda m: m.start)
    rows: list[NerSentence] = []
    cursor = 0
    for sentence_id, start, end in sentences:
        inside = []
        while cursor < len(mentions) and mentions[cursor].start < end:
            if mentions[cursor].start >= start:
                inside.append(mentions[cursor])
            cursor += 1
        sentence_text = text[start:end]
        local = [(m.start - start, m.end - start, m.label) for m in inside]
        tokens = _split_at(tokenize(sentence_text, lang), {edge for s, e, _ in local for edge in (s, e)})
        tags = []
        begun: set[int] = set()
        for t_start, t_end in tokens:
            tag = "O"
            for k, (m_start, m_end, label) in enumerate(local):
                if m_start <= t_start and t_end <= m_end:
                    # The first token inside a mention begins it, whatever whitespace precedes.
                    tag = f"{'I' if k in begun else 'B'}-{label}"
                    begun.add(k)
                    break
            tags.append(tag)
        rows.append(
            NerSentence(
                id=sentence_id,
                document=document_id,
                sentence_pair=bead_of_sentence[sentence_id],
                text=sentence_text,
                start=start,
                end=end,
                tokens=[sentence_text[a:b] for a, b in tokens],
                token_starts=[a for a, _ in tokens],
                ner_tags=tags,
                source=source,
            )
        )
    return rows
