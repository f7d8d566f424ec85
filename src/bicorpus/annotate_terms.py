"""Annotate stage, terms layer: glossary terms found in both texts and paired across beads.

For every sentence bead, each target-language occurrence of a term's form is paired with a
source-language occurrence of one of its renderings in the same bead, in order of
appearance. What is left unpaired keeps a null partner, so a reader sees both which wording
realises a term where and where the translation departs from the glossary. Matching follows
the glossary's counting rules (:func:`bicorpus.glossary.term_spans`), so the realisations of
a term add up to its glossary counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bicorpus.glossary import Glossary, Term, term_spans
from bicorpus.lang import language
from bicorpus.records import TermRealisation, TermRecord, side

#: A sentence bead as the terms layer sees it: its id and the (start, end) extent of each
#: side in its language's text (None for an empty side), source side first.
BeadExtent = tuple[str, tuple[int, int] | None, tuple[int, int] | None]


def _rendering_occurrences(text: str, lang: str, term: Term) -> list[tuple[int, int, str]]:
    unspaced = language(lang).unspaced
    return sorted((start, end, r.text) for r in term.renderings for start, end in term_spans(text, r.text, unspaced))


def _within(start: int, extent: tuple[int, int] | None) -> bool:
    return extent is not None and extent[0] <= start < extent[1]


def annotate_terms(
    document_id: str, glossary: Glossary, texts: Mapping[str, str], beads: Sequence[BeadExtent]
) -> list[TermRecord]:
    """One term record per glossary term, with its realisations across the sentence ``beads``
    (in document order); ``texts`` are the document's texts keyed by language."""
    source, target = glossary.pair
    records: list[TermRecord] = []
    for term in glossary.terms:
        source_found = _rendering_occurrences(texts[source], source, term)
        target_found = term_spans(texts[target], term.form, language(target).unspaced)
        realisations: list[TermRealisation] = []
        for bead_id, source_extent, target_extent in beads:
            source_here = [o for o in source_found if _within(o[0], source_extent)]
            target_here = [o for o in target_found if _within(o[0], target_extent)]
            for k in range(max(len(source_here), len(target_here))):
                rendering = source_here[k] if k < len(source_here) else None
                form = target_here[k] if k < len(target_here) else None
                realisations.append({
                    "sentence_pair": bead_id,
                    side(source, "rendering"): rendering[2] if rendering else None,
                    side(source, "start"): rendering[0] if rendering else None,
                    side(source, "end"): rendering[1] if rendering else None,
                    side(target, "start"): form[0] if form else None,
                    side(target, "end"): form[1] if form else None,
                })
        records.append({
            "id": f"{document_id}/term/{term.id}",
            "document": document_id,
            "term": term.id,
            target: term.form,
            "renderings": [r.text for r in term.renderings],
            "definition": {lang: term.definition[lang] for lang in glossary.pair},
            "count": {source: len(source_found), target: len(target_found)},
            "realisations": realisations,
        })
    return records
