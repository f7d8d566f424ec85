"""Annotate stage, terms layer: glossary terms found in both texts and paired across beads.

For every sentence bead, each Chinese occurrence of a term is paired with an English
occurrence of one of its renderings in the same bead, in order of appearance. What is left
unpaired keeps a null partner, so a reader sees both which wording realises a term where and
where the translation departs from the glossary. Matching follows the glossary's counting
rules (:mod:`bicorpus.glossary`): case-insensitive whole words in English, substrings in
Chinese, so the realisations of a term add up to its glossary counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from bicorpus.glossary import Glossary, Term, term_spans
from bicorpus.records import SentencePair, TermRealisation, TermRecord


def _english_occurrences(text: str, term: Term) -> list[tuple[int, int, str]]:
    found = [(start, end, r.text) for r in term.en for start, end in term_spans(text, r.text, unspaced=False)]
    return sorted(found)


def _within(start: int, bead_start: int | None, bead_end: int | None) -> bool:
    return bead_start is not None and bead_end is not None and bead_start <= start < bead_end


def annotate_terms(
    document_id: str, glossary: Glossary, en_text: str, zh_text: str, beads: Sequence[SentencePair]
) -> list[TermRecord]:
    """One :class:`TermRecord` per glossary term, with its realisations across ``beads``."""
    records: list[TermRecord] = []
    for term in glossary.terms:
        en_found = _english_occurrences(en_text, term)
        zh_found = term_spans(zh_text, term.zh, unspaced=True)
        realisations: list[TermRealisation] = []
        for bead in beads:
            en_here = [o for o in en_found if _within(o[0], bead["en_start"], bead["en_end"])]
            zh_here = [o for o in zh_found if _within(o[0], bead["zh_start"], bead["zh_end"])]
            for k in range(max(len(en_here), len(zh_here))):
                en = en_here[k] if k < len(en_here) else None
                zh = zh_here[k] if k < len(zh_here) else None
                realisations.append(
                    TermRealisation(
                        sentence_pair=bead["id"],
                        en_rendering=en[2] if en else None,
                        en_start=en[0] if en else None,
                        en_end=en[1] if en else None,
                        zh_start=zh[0] if zh else None,
                        zh_end=zh[1] if zh else None,
                    )
                )
        records.append(
            TermRecord(
                id=f"{document_id}/term/{term.id}",
                document=document_id,
                term=term.id,
                zh=term.zh,
                renderings=[r.text for r in term.en],
                definition={"en": term.definition_en, "zh": term.definition_zh},
                count={"en": len(en_found), "zh": len(zh_found)},
                realisations=realisations,
            )
        )
    return records
