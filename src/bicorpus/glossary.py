"""The bilingual term glossary of a document (``<document folder>/glossary.yaml``): typed loading and term counting.

The glossary lists key terms of one document: each term's Chinese form, every English
rendering of it found in the English text, a one-line definition in each language, and
occurrence counts. It is validated by the shipped ``bicorpus/schema/glossary.schema.json``
plus the rules JSON Schema cannot express (checked here): term ids and Chinese forms are
unique, no rendering of a term contains another rendering of the same term, and
``count.en`` is the sum of the rendering counts.

Counting rules (the stored counts must equal what these functions measure):

* An English rendering's count is the number of case-insensitive whole-word matches of
  ``\\b`` + ``re.escape(rendering)`` + ``\\b`` in the whole English text: title, the
  duplicated paragraph and the attribution line included.
* A term's Chinese count is ``zh_text.count(form)`` over the whole Chinese text.
* Nested terms are counted independently: 新质生产力 also counts as an occurrence of any
  term 生产力, and "strategic emerging industries" as one of "emerging industries".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bicorpus.errors import CorpusError
from bicorpus.package_data import schema
from bicorpus.validated_files import read_validated

#: Name of the glossary schema in :mod:`bicorpus.package_data`.
GLOSSARY_SCHEMA = "glossary.schema.json"


@dataclass(frozen=True)
class Rendering:
    """One English wording of a term and how often it occurs in the English text."""

    text: str
    count: int


@dataclass(frozen=True)
class Term:
    """One glossary term: Chinese form, English renderings, definitions and counts."""

    id: str
    zh: str
    en: tuple[Rendering, ...]
    definition_en: str
    definition_zh: str
    count_en: int
    count_zh: int


@dataclass(frozen=True)
class Glossary:
    """A loaded, validated glossary: the document its counts refer to, and its terms."""

    document: str
    terms: tuple[Term, ...]


def term_spans(text: str, wording: str, unspaced: bool) -> list[tuple[int, int]]:
    """(start, end) of each non-overlapping occurrence of a term's ``wording`` in ``text``, in order.

    The one term matcher, for counting (this module) and for annotation
    (:mod:`bicorpus.annotate_terms`). In a language written without spaces (``unspaced``,
    Chinese) a wording is a plain substring: there are no word boundaries to anchor on.
    Otherwise it matches case-insensitively as whole words: ``\\b`` on both sides keeps
    "visible hand" from matching inside "invisible hand".
    """
    if unspaced:
        spans, start = [], text.find(wording)
        while start >= 0:
            spans.append((start, start + len(wording)))
            start = text.find(wording, start + len(wording))
        return spans
    pattern = r"\b" + re.escape(wording) + r"\b"
    return [(match.start(), match.end()) for match in re.finditer(pattern, text, flags=re.IGNORECASE)]


def count_rendering(text: str, rendering: str) -> int:
    """Case-insensitive whole-word occurrences of the English ``rendering`` in ``text``."""
    return len(term_spans(text, rendering, unspaced=False))


def count_zh(text: str, form: str) -> int:
    """Non-overlapping occurrences of the Chinese ``form`` in ``text`` (a substring count)."""
    return len(term_spans(text, form, unspaced=True))


def measure_term(term: Term, en_text: str, zh_text: str) -> Term:
    """``term`` with every count replaced by the count measured in the two texts."""
    renderings = tuple(Rendering(r.text, count_rendering(en_text, r.text)) for r in term.en)
    return Term(
        id=term.id,
        zh=term.zh,
        en=renderings,
        definition_en=term.definition_en,
        definition_zh=term.definition_zh,
        count_en=sum(r.count for r in renderings),
        count_zh=count_zh(zh_text, term.zh),
    )


def measured_counts(glossary: Glossary, en_text: str, zh_text: str) -> dict[str, Term]:
    """Every term of ``glossary`` re-counted over the texts, keyed by term id.

    Comparing each stored term with its measured twin shows which counts are stale.
    """
    return {term.id: measure_term(term, en_text, zh_text) for term in glossary.terms}


def count_mismatches(glossary: Glossary, en_text: str, zh_text: str) -> list[str]:
    """One line per stored count that differs from the measured count (empty when all agree)."""
    problems: list[str] = []
    measured = measured_counts(glossary, en_text, zh_text)
    for stored in glossary.terms:
        fresh = measured[stored.id]
        for old, new in zip(stored.en, fresh.en):
            if old.count != new.count:
                problems.append(f"{stored.id}: rendering {old.text!r} stored {old.count}, measured {new.count}")
        if stored.count_en != fresh.count_en:
            problems.append(f"{stored.id}: count.en stored {stored.count_en}, measured {fresh.count_en}")
        if stored.count_zh != fresh.count_zh:
            problems.append(f"{stored.id}: count.zh ({stored.zh}) stored {stored.count_zh}, measured {fresh.count_zh}")
    return problems


def _validate_rules(data: dict[str, Any], where: str) -> None:
    seen_ids: dict[str, int] = {}
    seen_zh: dict[str, int] = {}
    for i, term in enumerate(data["terms"]):
        if term["id"] in seen_ids:
            raise CorpusError(
                where, f"duplicate term id {term['id']!r} (first at /terms/{seen_ids[term['id']]})", f"/terms/{i}/id",
                code="E303", hint="give each term its own id",
            )
        seen_ids[term["id"]] = i
        if term["zh"] in seen_zh:
            raise CorpusError(
                where, f"duplicate Chinese form {term['zh']!r} (first at /terms/{seen_zh[term['zh']]})", f"/terms/{i}/zh",
                code="E304", hint="merge the two terms into one",
            )
        seen_zh[term["zh"]] = i
        texts = [r["text"] for r in term["en"]]
        for j, text in enumerate(texts):
            for k, other in enumerate(texts):
                # Containment would make one wording's matches also count as another's.
                if j != k and text.lower() in other.lower():
                    raise CorpusError(
                        where,
                        f"rendering {text!r} is contained in rendering {other!r} of the same term",
                        f"/terms/{i}/en/{j}/text",
                        code="E305",
                        hint="keep only the longer rendering and add up their counts",
                    )
        total = sum(r["count"] for r in term["en"])
        if term["count"]["en"] != total:
            raise CorpusError(
                where,
                f"count.en is {term['count']['en']} but the rendering counts sum to {total}",
                f"/terms/{i}/count/en",
                code="E306",
                hint="make count.en the sum of the renderings' counts",
            )


def load_glossary(path: Path) -> Glossary:
    """Read, validate and type the glossary at ``path``.

    Raises :class:`~bicorpus.errors.CorpusError` (a ``ValueError``) whose message names the
    file, the JSON pointer of the bad value (e.g. ``/terms/3/zh``) and what is wrong.
    Counts are only checked for internal consistency here; :func:`count_mismatches` checks
    them against the texts.
    """
    where = str(path)
    data = read_validated(path, schema(GLOSSARY_SCHEMA))
    _validate_rules(data, where)
    terms = tuple(
        Term(
            id=t["id"],
            zh=t["zh"],
            en=tuple(Rendering(r["text"], r["count"]) for r in t["en"]),
            definition_en=t["definition"]["en"],
            definition_zh=t["definition"]["zh"],
            count_en=t["count"]["en"],
            count_zh=t["count"]["zh"],
        )
        for t in data["terms"]
    )
    return Glossary(document=data["document"], terms=terms)
