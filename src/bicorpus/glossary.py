"""The bilingual term glossary of a document (``<document folder>/glossary.yaml``): typed loading and term counting.

The glossary lists key terms of one document: each term's *form* in the pair's target
language (the language a reader looks the term up by; for the shipped en–zh speech, the
Chinese term), every rendering of it found in the source-language text, a one-line definition
in each language, and occurrence counts. Its keys are the pair's language codes (``zh:`` for
the form, ``en:`` for the renderings, ``definition: {en, zh}``, ``count: {en, zh}`` in an
en–zh corpus; ``de:``/``en:`` in an en–de one). It is validated by the shipped
``bicorpus/schema/glossary.schema.json`` written out for the document's pair, plus the rules
JSON Schema cannot express (checked here): term ids and forms are unique, no rendering of a
term contains another rendering of the same term, and the source count is the sum of the
rendering counts.

Counting rules (the stored counts must equal what these functions measure), the same in both
languages, by :func:`term_spans`:

* In a language written with spaces a wording counts case-insensitive whole-word matches of
  ``\\b`` + ``re.escape(wording)`` + ``\\b`` in the whole text: title, duplicated paragraphs
  and the attribution line included.
* In a language written without spaces (:attr:`bicorpus.lang.LanguageRules.unspaced`) it
  counts non-overlapping substring occurrences (``str.count``).
* Nested terms are counted independently: 新质生产力 also counts as an occurrence of any
  term 生产力, and "strategic emerging industries" as one of "emerging industries".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bicorpus.errors import CorpusError
from bicorpus.lang import language
from bicorpus.language_pair import LanguagePair, language_name, render_template
from bicorpus.package_data import schema
from bicorpus.validated_files import read_validated

#: Name of the glossary schema template in :mod:`bicorpus.package_data`.
GLOSSARY_SCHEMA = "glossary.schema.json"


@dataclass(frozen=True)
class Rendering:
    """One source-language wording of a term and how often it occurs in the source text."""

    text: str
    count: int


@dataclass(frozen=True)
class Term:
    """One glossary term: its target-language form, source-language renderings, definitions
    and counts (both keyed by language code)."""

    id: str
    form: str
    renderings: tuple[Rendering, ...]
    definition: dict[str, str]
    count: dict[str, int]


@dataclass(frozen=True)
class Glossary:
    """A loaded, validated glossary: the document its counts refer to, its pair and its terms."""

    document: str
    pair: LanguagePair
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


def count_wording(text: str, wording: str, lang: str) -> int:
    """Occurrences of ``wording`` in ``text`` of language ``lang``, by the counting rules."""
    return len(term_spans(text, wording, unspaced=language(lang).unspaced))


def measure_term(term: Term, pair: LanguagePair, texts: Mapping[str, str]) -> Term:
    """``term`` with every count replaced by the count measured in the pair's texts."""
    source, target = pair
    renderings = tuple(Rendering(r.text, count_wording(texts[source], r.text, source)) for r in term.renderings)
    count = {source: sum(r.count for r in renderings), target: count_wording(texts[target], term.form, target)}
    return Term(term.id, term.form, renderings, term.definition, count)


def measured_counts(glossary: Glossary, texts: Mapping[str, str]) -> dict[str, Term]:
    """Every term of ``glossary`` re-counted over the texts (keyed by language), keyed by term id.

    Comparing each stored term with its measured twin shows which counts are stale.
    """
    return {term.id: measure_term(term, glossary.pair, texts) for term in glossary.terms}


def count_mismatches(glossary: Glossary, texts: Mapping[str, str]) -> list[str]:
    """One line per stored count that differs from the measured count (empty when all agree)."""
    problems: list[str] = []
    source, target = glossary.pair
    measured = measured_counts(glossary, texts)
    for stored in glossary.terms:
        fresh = measured[stored.id]
        for old, new in zip(stored.renderings, fresh.renderings):
            if old.count != new.count:
                problems.append(f"{stored.id}: rendering {old.text!r} stored {old.count}, measured {new.count}")
        if stored.count[source] != fresh.count[source]:
            problems.append(f"{stored.id}: count.{source} stored {stored.count[source]}, measured {fresh.count[source]}")
        if stored.count[target] != fresh.count[target]:
            problems.append(
                f"{stored.id}: count.{target} ({stored.form}) stored {stored.count[target]}, measured {fresh.count[target]}"
            )
    return problems


def _validate_rules(data: dict[str, Any], pair: LanguagePair, where: str) -> None:
    source, target = pair
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, int] = {}
    for i, term in enumerate(data["terms"]):
        if term["id"] in seen_ids:
            raise CorpusError(
                where, f"duplicate term id {term['id']!r} (first at /terms/{seen_ids[term['id']]})", f"/terms/{i}/id",
                code="E303", hint="give each term its own id",
            )
        seen_ids[term["id"]] = i
        form = term[target]
        if form in seen_forms:
            raise CorpusError(
                where, f"duplicate {language_name(target)} form {form!r} (first at /terms/{seen_forms[form]})",
                f"/terms/{i}/{target}", code="E304", hint="merge the two terms into one",
            )
        seen_forms[form] = i
        texts = [r["text"] for r in term[source]]
        for j, text in enumerate(texts):
            for k, other in enumerate(texts):
                # Containment would make one wording's matches also count as another's.
                if j != k and text.lower() in other.lower():
                    raise CorpusError(
                        where,
                        f"rendering {text!r} is contained in rendering {other!r} of the same term",
                        f"/terms/{i}/{source}/{j}/text",
                        code="E305",
                        hint="keep only the longer rendering and add up their counts",
                    )
        total = sum(r["count"] for r in term[source])
        if term["count"][source] != total:
            raise CorpusError(
                where,
                f"count.{source} is {term['count'][source]} but the rendering counts sum to {total}",
                f"/terms/{i}/count/{source}",
                code="E306",
                hint=f"make count.{source} the sum of the renderings' counts",
            )


def load_glossary(path: Path, pair: LanguagePair) -> Glossary:
    """Read, validate and type the glossary at ``path`` of a document of ``pair``.

    Raises :class:`~bicorpus.errors.CorpusError` whose message names the file, the JSON
    pointer of the bad value (e.g. ``/terms/3/zh``) and what is wrong. Counts are only
    checked for internal consistency here; :func:`count_mismatches` checks them against the
    texts.
    """
    where = str(path)
    data = read_validated(path, render_template(schema(GLOSSARY_SCHEMA), pair))
    _validate_rules(data, pair, where)
    source, target = pair
    terms = tuple(
        Term(
            id=t["id"],
            form=t[target],
            renderings=tuple(Rendering(r["text"], r["count"]) for r in t[source]),
            definition=dict(t["definition"]),
            count=dict(t["count"]),
        )
        for t in data["terms"]
    )
    return Glossary(document=data["document"], pair=pair, terms=terms)
