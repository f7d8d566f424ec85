"""Automatic entity pre-annotation of a document pair that has no gold entity file.

The result has the shape of the gold (:class:`~bicorpus.annotation_files.Entity` with mentions
in the document's two languages) and follows ``docs/annotation_guidelines.md`` as far as rules
can, so that it can be scored against the gold by :mod:`bicorpus.annotation_eval`. This module
never reads a gold file: it knows only the two texts, the sentence beads and the shipped
gazetteer (``bicorpus/schema/gazetteer.json``).

Method, per sentence (a mention never crosses a sentence boundary); the patterns and
heuristics of each language live in its module (``entity_candidates`` of its
:class:`~bicorpus.lang.LanguageRules`; today :mod:`bicorpus.lang.en` and :mod:`bicorpus.lang.zh`
have them), the shared pieces in :mod:`bicorpus.entity_candidates`. A language without
entity-candidate rules contributes no mentions (its text is not read). For English and
Chinese:

1. **Names**: the hand-written gazetteer (``bicorpus/schema/gazetteer.json``, names keyed by
   language code; a language it does not list has no names), plus
   patterns for what a list cannot hold: numbered congresses (``20th National Congress of the
   Communist Party`` / ``党的二十大``), plenums (``二十届三中全会``) and numbered central bodies
   (``20th Central Political Bureau`` / ``二十届中央政治局``). The gazetteer's
   ``not_entities`` (slogans with numbers, doctrines) compete here too, so that a number
   inside "Four Orientations" / 四个面向 is not annotated.
2. **Temporal and measure expressions** by regular expressions: DATE, TIME, PERCENT, MONEY,
   QUANTITY.
3. **Ordinals and cardinals** by regular expressions.
4. **Unknown names** by weak heuristics: English capitalised phrases that end in an
   organisation, event, place or law word ("... Commission", "... Forum", "... Province");
   Chinese event names ending in an event word (博览会, 论坛, 大会 ...) and
   Chinese jieba POS tags ``nr`` (person, with a surname check and a rarity check),
   ``ns`` (place, only with an administrative or geographic suffix) and ``nt``
   (organisation, only with an organisation suffix). Plain jieba tags are far too noisy in
   policy prose (it tags 高水平 and 陈旧 as person names, 深度 as a place), hence the filters.

5. **Dictionary places**: the places of a language's bilingual lexicon
   (:func:`gazetteer_with_dictionary_places`; Chinese: CC-CEDICT), below every other tier so
   that a guessed name starting with a place keeps its span; after the sentences, a short form
   of a name the document gives replaces them, and a place that begins an organisation's name
   in the document, or that the document follows with a capitalised word, is dropped there.

Candidates are made flat per language: a lower tier never overrides a higher one and, within
a tier, the longest candidate wins, then the leftmost.

Linking: every mention carries a *key*. Gazetteer entries and numbered congresses, plenums
and bodies are referents in their own right, and absolute dates are too, so equal keys are
one entity across the whole document. Numbers, relative dates and times only mean the same
thing when they translate each other, so their mentions in the two languages are linked only
within one sentence bead. Unknown names cannot be linked across scripts; each is its own
entity.

A statistical tagger (English: spaCy, the ``ner`` extra) joins the rules only when asked for
(``entity_tagger="statistical"``); how its candidates merge with the rule ones is
:mod:`bicorpus.entity_tagger`, why it is optional (its model is a third-party re-upload) is
``docs/english_tagger.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from bicorpus.annotation_files import Entity, EntityMention
from bicorpus.entity_candidates import BEAD, DICTIONARY, DOCUMENT, Candidate, Gazetteer, slug
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, EntityTagger, sentence_candidates
from bicorpus.errors import CorpusError
from bicorpus.lang import language
from bicorpus.package_data import read_validated_json_or_shipped
from bicorpus.project_entities import mention_confidence

__all__ = [
    "GAZETTEER",
    "Candidate",
    "Gazetteer",
    "SentenceBead",
    "annotate_entities",
    "gazetteer_with_dictionary_places",
    "load_gazetteer",
]

#: Names of the shipped gazetteer and its schema in :mod:`bicorpus.package_data`.
GAZETTEER = "gazetteer.json"
GAZETTEER_SCHEMA = "gazetteer.schema.json"

#: One sentence bead: the ``(start, end)`` offsets of its sentences on each side, in the order
#: of the document's languages (source side first).
SentenceBead = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]

#: Keys of a gazetteer entry that are not language codes.
_ENTRY_FIELDS = frozenset({"id", "label", "note"})


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read and validate the gazetteer (default: the shipped one); a name may belong to one entry
    only within a language.

    An entry holds, besides ``id``, ``label`` and ``note``, a list of names per language code;
    ``not_entities`` lists expressions per language code. Languages are whatever codes the file
    uses.
    """
    data, where = read_validated_json_or_shipped(path, GAZETTEER, GAZETTEER_SCHEMA)
    names: dict[str, dict[str, tuple[str, str]]] = {}
    seen: set[str] = set()
    for i, entry in enumerate(data["entries"]):
        if entry["id"] in seen:
            raise CorpusError(
                where, f"duplicate id {entry['id']!r}", f"/entries/{i}/id", code="E341", hint="give each entry its own id"
            )
        seen.add(entry["id"])
        for lang in (key for key in entry if key not in _ENTRY_FIELDS):
            table = names.setdefault(lang, {})
            for j, name in enumerate(entry[lang]):
                if name in table:
                    other = table[name][0]
                    raise CorpusError(
                        where,
                        f"{lang} name {name!r} is already a name of {other!r}",
                        f"/entries/{i}/{lang}/{j}",
                        code="E342",
                        hint="keep the name under one entry only",
                    )
                table[name] = (entry["id"], entry["label"])
    ordered = {lang: dict(sorted(table.items(), key=lambda item: (-len(item[0]), item[0]))) for lang, table in names.items()}
    return Gazetteer(ordered, {lang: tuple(expressions) for lang, expressions in data["not_entities"].items()})


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


@lru_cache(maxsize=8)
def gazetteer_with_dictionary_places(languages: tuple[str, ...]) -> Gazetteer:
    """The shipped gazetteer plus the places of a bilingual lexicon of one of ``languages``
    that glosses into the other (:attr:`~bicorpus.lang.BilingualLexicon.places`), below the
    hand-written names: a name the gazetteer has keeps its entry, and a dictionary place whose
    name in the other language is a gazetteer name of the same label takes that entry's id.
    Built once per process and language pair."""
    base = _default_gazetteer()
    dictionary: dict[str, dict[str, tuple[str, str]]] = {}
    for lang in languages:
        lexicon = language(lang).lexicon
        glossed = [other for other in languages if other != lang and language(other).code == lexicon.gloss_language] \
            if lexicon is not None and lexicon.places is not None else []
        if lexicon is None or lexicon.places is None or not glossed:
            continue
        gloss_lang = glossed[0]
        own, other = dictionary.setdefault(lang, {}), dictionary.setdefault(gloss_lang, {})
        for form, (names, label) in lexicon.places().items():
            known = [base.names_in(gloss_lang)[n] for n in names if n in base.names_in(gloss_lang)]
            entry_id = known[0][0] if known and known[0][1] == label else "dict-" + slug(names[0])
            if form not in base.names_in(lang):
                own.setdefault(form, (entry_id, label))
            for name in names:
                if name not in base.names_in(gloss_lang):
                    other.setdefault(name, (entry_id, label))
    if not dictionary:
        return base
    return Gazetteer(base.names, base.not_entities, dictionary)


def _starts_longer_name(text: str, name: str) -> bool:
    """Whether ``name`` is followed somewhere in ``text`` by a capitalised word (Taihu Micro):
    the document then uses it as the start of a longer name, so its bare uses are that name's
    short form rather than the dictionary's place."""
    return any(m.group(1).isupper() for m in re.finditer(rf"(?<!\w){re.escape(name)} (\w)", text))


def annotate_entities(
    texts: Mapping[str, str],
    languages: Sequence[str],
    sentence_beads: Sequence[SentenceBead],
    entity_tagger: EntityTagger = DEFAULT_ENTITY_TAGGER,
) -> list[Entity]:
    """Entities of a document pair found automatically, with mentions in its languages.

    ``texts`` maps each language code to its normalized text; ``languages`` are the document's
    two languages, source side first; ``sentence_beads``: for each sentence bead, the
    ``(start, end)`` document offsets of its sentences on each side, in the order of
    ``languages``. Mentions are searched sentence by sentence (so none crosses a sentence
    boundary), flat per language, with labels from the 18 OntoNotes labels; a language without
    entity-candidate rules (:attr:`~bicorpus.lang.LanguageRules.entity_candidates`) has no
    mentions, and its text is not read. Ids are ``auto-<slug>``, deterministic and unique.
    Entities are ordered by their first mention in the first language, then, for those without
    one there, in the second; mentions by language (in the order of ``languages``), then offset.
    ``entity_tagger`` ``statistical`` merges in the candidates of a language's statistical
    tagger where it has one (:mod:`bicorpus.entity_tagger`).
    """
    gazetteer = gazetteer_with_dictionary_places(tuple(languages))
    rank = {lang: i for i, lang in reversed(list(enumerate(languages)))}
    # group key -> (label, mentions); the group key says which mentions are one entity.
    groups: dict[tuple[str, ...], tuple[str, list[tuple[str, Candidate]]]] = {}
    order: list[tuple[str, ...]] = []
    own_counter = 0
    # Each sentence's candidates first, then the short forms of the names the whole document
    # gives ("Feldmann" after "Markus Feldmann", also before it).
    found: list[tuple[int, str, int, int, list[Candidate]]] = []
    for bead_index, sides in enumerate(sentence_beads):
        for lang, sentences in zip(languages, sides, strict=True):
            if language(lang).entity_candidates is None:
                continue  # no entity-candidate rules for the language
            text = texts[lang]
            for start, end in sentences:
                candidates = sentence_candidates(lang, text[start:end], start, gazetteer, entity_tagger)
                found.append((bead_index, lang, start, end, candidates))
    for lang in languages:
        short_names = language(lang).short_names
        if short_names is None:
            continue
        names = [c for _, side, _, _, candidates in found if side == lang for c in candidates]
        for _, side, start, end, candidates in found:
            if side == lang:
                extra = short_names(texts[lang][start:end], start, names)
                # The document's own short form of a name beats a dictionary place ("Huaying"
                # after "Huaying New Energy"): it drops the overlapping dictionary candidates.
                extra = [c for c in extra if not any(
                    c.start < o.end and o.start < c.end for o in candidates if o.tier != DICTIONARY)]
                candidates[:] = [o for o in candidates if o.tier != DICTIONARY or not any(
                    c.start < o.end and o.start < c.end for c in extra)]
                candidates.extend(extra)
                candidates.sort(key=lambda c: c.start)
    # A dictionary place whose name begins an organisation's name in the document is that
    # organisation's short form there (Taihu for Taihu Micro, 太湖 for 太湖微), not the place.
    for lang in languages:
        organisations = [c.text for _, side, _, _, candidates in found if side == lang
                         for c in candidates if c.label == "ORG" and c.tier != DICTIONARY]
        for _, side, _, _, candidates in found:
            if side == lang:
                candidates[:] = [c for c in candidates if c.tier != DICTIONARY or not (any(
                    name.startswith(c.text) and len(name) > len(c.text) for name in organisations)
                    or _starts_longer_name(texts[lang], c.text))]
    for bead_index, lang, _, _, candidates in found:
        for candidate in candidates:
            assert candidate.label is not None
            if candidate.scope == DOCUMENT:
                group: tuple[str, ...] = (candidate.label, candidate.key)
            elif candidate.scope == BEAD:
                group = (candidate.label, candidate.key, str(bead_index))
            else:
                own_counter += 1
                group = (candidate.label, candidate.key, f"own{own_counter}")
            if group not in groups:
                groups[group] = (candidate.label, [])
                order.append(group)
            groups[group][1].append((lang, candidate))

    # First mention in the first language's order, then in the second's, decides the order of entities.
    def first(group: tuple[str, ...]) -> tuple[int, int]:
        mentions = groups[group][1]
        side = min(rank[lang] for lang, _ in mentions)
        return side, min(c.start for lang, c in mentions if rank[lang] == side)

    entities: list[Entity] = []
    used: dict[str, int] = {}
    taken: set[str] = set()
    for group in sorted(order, key=first):
        label, mentions = groups[group]
        base = "auto-" + slug(group[1] if len(group) == 2 else f"{group[1]}")
        if len(group) == 2:
            entity_id = base
        else:
            used[base] = used.get(base, 0) + 1
            entity_id = f"{base}-{used[base]}"
        while entity_id in taken:  # keys are built not to collide; stay unique regardless
            entity_id += "-x"
        taken.add(entity_id)
        ordered = sorted(mentions, key=lambda item: (rank[item[0]], item[1].start))
        entities.append(
            Entity(
                entity_id,
                label,
                tuple(
                    EntityMention(
                        entity_id, label, lang, c.start, c.end, c.text, mention_confidence((c.evidence,)), (c.evidence,)
                    )
                    for lang, c in ordered
                ),
            )
        )
    return entities
