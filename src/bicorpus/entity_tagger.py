"""Which entity tagger the automatic entity annotator uses, and how a statistical tagger's
candidates join the rule candidates.

Two taggers, chosen explicitly so that the same sources give the same files on every machine
(``bicorpus build --entity-tagger``, ``bicorpus eval-annotations --entity-tagger``; the build
signature records the choice and the model):

* ``rules`` (the default): each language's entity-candidate rules
  (:attr:`~bicorpus.lang.LanguageRules.entity_candidates`) alone. Needs nothing beyond
  bicorpus, and never imports a statistical library.
* ``statistical``: the rules, joined by the candidates of the language's statistical tagger
  (:attr:`~bicorpus.lang.LanguageRules.statistical_entities`) where it has one; a language
  without one keeps its rules alone. Needs the ``ner`` extra; asking for it without the extra
  is a one-line error (E370) before anything is built.

The merge (:func:`merge_candidates`), per sentence, keeps the rules where they are strong and
lets the statistical tagger fill in names the rules cannot know:

1. Gazetteer names and the patterns for numbered congresses, plenums and bodies (tier NAMES)
   win over any statistical candidate they overlap, and the gazetteer's not-entities still
   block, except that a statistical name that wholly contains them and is longer wins (the
   guidelines annotate the longest span that is a name: "Hainan Provincial People's
   Government" over the gazetteer's "Hainan").
2. Temporal and measure expressions (DATE, TIME, PERCENT, MONEY, QUANTITY) of both sources
   compete in one tier: the longer wins ("18 April 2025" over "April 2025").
3. Other statistical names (people, organisations, places the gazetteer lacks) come next,
   before the rules' ordinals and cardinals and their capitalised-phrase guesses.
4. Ordinals and cardinals of both sources compete in one tier: the longer wins ("a third"
   over "third").

A statistical candidate with exactly the span of a rule candidate or a not-entity is dropped:
on equal spans the rule's label and linking key stand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Literal

from bicorpus.entity_candidates import (
    DICTIONARY,
    GUESSES,
    NAMES,
    NUMBERS,
    TEMPORAL,
    Candidate,
    CandidateFinds,
    Gazetteer,
    flatten,
)
from bicorpus.errors import CorpusError
from bicorpus.lang import StatisticalEntities, language, registered_languages

__all__ = [
    "DEFAULT_ENTITY_TAGGER",
    "ENTITY_TAGGERS",
    "EntityTagger",
    "check_entity_tagger",
    "entity_tagger_models",
    "merge_candidates",
    "sentence_candidates",
]

EntityTagger = Literal["rules", "statistical"]
#: The names ``--entity-tagger`` accepts.
ENTITY_TAGGERS: tuple[EntityTagger, ...] = ("rules", "statistical")
DEFAULT_ENTITY_TAGGER: EntityTagger = "rules"

# Ranks in the merge (lower is placed first); the rule tiers keep their order.
_RULE_RANK = {NAMES: 10, TEMPORAL: 20, NUMBERS: 30, GUESSES: 40, DICTIONARY: 50}
_CONTAINING_NAME_RANK = 5
_STATISTICAL_NAME_RANK = 25


def _statistical_taggers() -> list[tuple[str, StatisticalEntities]]:
    """(code, tagger) of every registered language that has a statistical tagger, by code."""
    found = []
    for code in sorted(registered_languages()):
        tagger = language(code).statistical_entities
        if tagger is not None:
            found.append((code, tagger))
    return found


def check_entity_tagger(tagger: str) -> None:
    """Refuse an unknown tagger name (E373) and, for ``statistical``, a statistical tagger that
    cannot be used (E370–E372: not installed, another version, altered model files).

    Every registered language's statistical tagger is checked, whatever the corpus's pair, so
    that the check and the build signature do not depend on the documents.
    """
    if tagger not in ENTITY_TAGGERS:
        raise CorpusError(
            f"entity tagger {tagger!r}", "is not one of bicorpus's entity taggers", code="E373",
            hint=f"use one of {', '.join(ENTITY_TAGGERS)}",
        )
    if tagger == "statistical":
        for _, statistical in _statistical_taggers():
            statistical.check()


def entity_tagger_models(tagger: str) -> str:
    """The models a tagger runs, as the build signature records them: empty for ``rules``,
    ``<code>:<model>`` per language with a statistical tagger (``;``-separated) otherwise."""
    if tagger != "statistical":
        return ""
    return ";".join(f"{code}:{statistical.model()}" for code, statistical in _statistical_taggers())


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def merge_candidates(
    rule: Sequence[Candidate], statistical: Sequence[Candidate], blockers: Sequence[Candidate] = ()
) -> list[Candidate]:
    """Flat candidates of one sentence from the rule candidates (flat already), the statistical
    ones (in the tier of their label) and the not-entities that block (label None), merged as
    the module docstring says."""
    taken = {(c.start, c.end) for c in (*rule, *blockers)}
    strong = [c for c in (*rule, *blockers) if c.tier in (NAMES, TEMPORAL)]
    # Ranked copies for flatten; the candidates returned are the originals, tiers unchanged.
    original: dict[int, Candidate] = {}

    def ranked(candidate: Candidate, rank: int) -> Candidate:
        copy = dataclasses.replace(candidate, tier=rank)
        original[id(copy)] = candidate
        return copy

    competing = [ranked(c, _RULE_RANK[c.tier]) for c in (*rule, *blockers)]
    for candidate in statistical:
        if (candidate.start, candidate.end) in taken:
            continue
        if candidate.tier == NAMES:
            overlapped = [c for c in strong if _overlaps(c, candidate)]
            contains = all(candidate.start <= c.start and c.end <= candidate.end for c in overlapped)
            rank = _CONTAINING_NAME_RANK if overlapped and contains else _STATISTICAL_NAME_RANK
        else:
            rank = _RULE_RANK[candidate.tier]
        competing.append(ranked(candidate, rank))
    return [original[id(c)] for c in flatten(competing)]


def sentence_candidates(lang: str, text: str, offset: int, gazetteer: Gazetteer, tagger: EntityTagger) -> list[Candidate]:
    """The candidates of one sentence ``text`` (document offset ``offset``) of language
    ``lang``: its rule candidates, merged with its statistical tagger's under ``statistical``.
    A language without entity-candidate rules has none."""
    rules = language(lang)
    if rules.entity_candidates is None:
        return []
    found = rules.entity_candidates(text, offset, gazetteer)
    if tagger != "statistical" or rules.statistical_entities is None:
        return found
    names = CandidateFinds(text, offset)
    names.add_names(gazetteer, lang)
    blockers = [c for c in names.found if c.label is None]
    return merge_candidates(found, rules.statistical_entities.find(text, offset), blockers)
