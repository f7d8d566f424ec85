"""Entity projection across the sentence beads of a document pair, with evidence and confidence.

Runs after :func:`bicorpus.auto_entities.annotate_entities` in the automatic entity layer.
Each side's rules find mentions on their own; this stage compares the two sides of every
sentence bead and

1. **pairs** mentions the two sides already found: the same gazetteer entry or pattern key
   (``agree``), the same normalised value and unit (``value``: 50亿元 / 5 billion yuan), a
   dictionary translation (``lexicon``) or a romanised name (``transliteration``); paired
   mentions become one entity;
2. **projects** a mention left unpaired onto the aligned sentences of the other side: a value
   onto an expression the other side's measure rules read to the same value, a name onto the
   stretch of text the lexicon and transliteration cover (``projected``; ``candidate`` when it
   lands exactly on a mention the other side's rules had proposed). A projected span always
   lies inside a sentence of the source mention's bead;
3. **discovers** names neither side's rules found where a dictionary headword on one side
   glosses as a name that stands in the other side's sentence (海口 / Haikou).

What is language-specific comes from the two languages' :class:`~bicorpus.lang.LanguageRules`
(:attr:`~bicorpus.lang.LanguageRules.measures`, :attr:`~bicorpus.lang.LanguageRules.lexicon`,
:attr:`~bicorpus.lang.LanguageRules.gloss_reading`,
:attr:`~bicorpus.lang.LanguageRules.transliterate`); a pair without them gets only what it has
(no lexicon: no name projection; no measures: no value matching). Label conflicts, the
confidence model and the evidence words are documented in ``docs/pre_annotation.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from bicorpus.annotation_files import Entity, EntityMention
from bicorpus.entity_candidates import slug
from bicorpus.lang import BilingualLexicon, DateReferent, GlossReading, LanguageRules, Measure, MeasureRules, language

__all__ = ["EVIDENCE", "PRIOR", "STRENGTH", "mention_confidence", "project_entities"]

#: The closed evidence vocabulary of mentions and links (published in the ``entities`` config).
EVIDENCE: dict[str, str] = {
    "gold": "hand-curated in entities.yaml",
    "gazetteer": "a name of the shipped gazetteer, or a place of its language's bilingual dictionary, on its side",
    "pattern": "a rule for a form on its side (dates, numbers, money, numbered congresses, titles)",
    "tagger": "the statistical tagger on its side (build --entity-tagger statistical)",
    "guess": "a weak heuristic on its side for an unknown name",
    "agree": "the other side's rules found the same referent (gazetteer entry or pattern key) in the same bead",
    "value": "the other side of the bead has the same normalised value and unit",
    "lexicon": "a bilingual dictionary (CC-CEDICT) translates it to the other side's mention",
    "transliteration": "its romanised form (pinyin) is the other side's mention",
    "partial": (
        "the lexicon or pinyin matched most of the name: the span was completed to the neighbouring word, "
        "or two unpaired names of one label in a bead were paired on their first and most of their words, "
        "or two unpaired measures of one label in a bead write the same number in a unit one side's rules cannot read"
    ),
    "candidate": "a projection landed exactly on a mention the other side's rules had proposed",
    "projected": "its side's rules did not find it: the span comes from the other side's mention",
    "same-key": "the two sides' rules gave it one document-wide key, never in one bead",
    "relabelled": "its label was changed to the other side's by the disagreement rules",
}

#: Confidence of a mention from its side's rules alone.
#: The tagger's: its model reports entity F1 .84 on OntoNotes, between a form rule and a list.
PRIOR: dict[str, float] = {"gold": 1.0, "gazetteer": 0.8, "pattern": 0.7, "tagger": 0.75, "guess": 0.35}
#: Strength of each kind of cross-lingual evidence (combined as a noisy OR).
STRENGTH: dict[str, float] = {
    "agree": 0.9, "value": 0.9, "lexicon": 0.75, "transliteration": 0.7, "partial": 0.4, "candidate": 0.5, "same-key": 0.6,
}
#: A relabelled mention keeps this share of its confidence.
RELABEL_FACTOR = 0.8
#: Confidence of a name found by the lexicon alone (neither side's rules).
DISCOVERED = 0.6
#: The most an automatic annotation claims.
CEILING = 0.99

#: Labels of names (projected through the lexicon and transliteration); the others are values.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: Measure kind -> the labels a mention of it may carry.
_MEASURE_LABELS = {"number": {"CARDINAL"}, "ordinal": {"ORDINAL"}, "percent": {"PERCENT"}, "money": {"MONEY", "CARDINAL"},
                   "quantity": {"QUANTITY", "CARDINAL"}, "date": {"DATE"}}
_LABEL_OF_KIND = {"number": "CARDINAL", "ordinal": "ORDINAL", "percent": "PERCENT", "money": "MONEY", "quantity": "QUANTITY",
                  "date": "DATE"}
#: Rank of the rule evidence in label conflicts: a curated list over a form rule over the
#: statistical tagger (it calls laws ORG) over a guess.
_RULE_RANK = {"gold": 5, "gazetteer": 4, "pattern": 3, "tagger": 2, "guess": 1}
#: Labels that carry a unit win a conflict with a bare number of the same value.
_UNIT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGITS = re.compile(r"[0-9]+")
_CROSS = ("agree", "value", "lexicon", "transliteration", "partial", "candidate")


def mention_confidence(evidence: Iterable[str], source_confidence: float | None = None) -> float:
    """The confidence of a mention from its evidence words: the prior of its own rule (or, for a
    projected mention, the confidence of the mention it came from), raised by each kind of
    cross-lingual evidence as a noisy OR, lowered when relabelled, never above :data:`CEILING`."""
    words = set(evidence)
    if "gold" in words:
        return 1.0
    cross = [STRENGTH[w] for w in words if w in _CROSS]
    if "projected" in words:
        value = (source_confidence or 0.0) * max(cross, default=0.0)
    else:
        prior = max((PRIOR[w] for w in words if w in PRIOR), default=0.0)
        if prior == 0.0:  # found by the lexicon alone
            return DISCOVERED
        doubt = 1.0 - prior
        for strength in cross:
            doubt *= 1.0 - strength
        value = 1.0 - doubt
    if "relabelled" in words:
        value *= RELABEL_FACTOR
    return round(min(value, CEILING), 3)


@dataclass
class _Mention:
    lang: str
    start: int
    end: int
    text: str
    label: str  # as its own side's rules (or the projection) gave it
    group: int
    bead: int
    evidence: list[str]
    source_confidence: float | None = None
    removed: bool = False

    @property
    def rule(self) -> str:
        return next((w for w in self.evidence if w in PRIOR), "")

    @property
    def paired(self) -> bool:
        return any(w in _CROSS for w in self.evidence)

    def add(self, *words: str) -> None:
        self.evidence.extend(w for w in words if w not in self.evidence)


@dataclass
class _Groups:
    """Entities as a union-find over group numbers; each root holds a label and link evidence."""

    parent: list[int] = field(default_factory=list)
    label: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    link: list[set[str]] = field(default_factory=list)

    def new(self, entity_id: str, label: str) -> int:
        self.parent.append(len(self.parent))
        self.label.append(label)
        self.ids.append(entity_id)
        self.link.append(set())
        return len(self.parent) - 1

    def root(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def join(self, keep: int, other: int, label: str) -> int:
        keep, other = self.root(keep), self.root(other)
        if keep != other:
            self.parent[other] = keep
            self.link[keep] |= self.link[other]
        self.label[keep] = label
        return keep


@dataclass(frozen=True)
class _Side:
    lang: str
    rules: LanguageRules
    text: str
    sentences: tuple[tuple[int, int], ...]


def project_entities(
    entities: Sequence[Entity],
    texts: Mapping[str, str],
    languages: Sequence[str],
    sentence_beads: Sequence[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]],
    written: tuple[int, int, int] | None = None,
) -> list[Entity]:
    """The automatic entities after projection across ``sentence_beads`` (each bead: the
    ``(start, end)`` document offsets of its sentences on each side, in the order of
    ``languages``), every mention with its confidence and evidence, every entity with mentions
    in both languages with the evidence and confidence of its link. Entities keep their ids;
    names found by the lexicon alone get new ``auto-`` ids. Mentions stay flat per language.
    ``written`` is the document's date (its metadata's ``date_delivered``), for the dates that
    count from the day of writing ("today", "Friday", "last year") where the text gives none."""
    groups = _Groups()
    mentions: list[_Mention] = []
    bead_of = _bead_index(languages, sentence_beads)
    for entity in entities:
        g = groups.new(entity.id, entity.label)
        for given_mention in entity.mentions:
            bead = bead_of(given_mention.lang, given_mention.start)
            mentions.append(_Mention(given_mention.lang, given_mention.start, given_mention.end, given_mention.text,
                                     entity.label, g, bead, list(given_mention.evidence)))
    by_bead: dict[tuple[int, str], list[_Mention]] = {}
    for mention in mentions:
        by_bead.setdefault((mention.bead, mention.lang), []).append(mention)
    first, second = languages
    for index, (first_sentences, second_sentences) in enumerate(sentence_beads):
        sides = (_Side(first, language(first), texts[first], first_sentences),
                 _Side(second, language(second), texts[second], second_sentences))
        here = (by_bead.setdefault((index, first), []), by_bead.setdefault((index, second), []))
        _pair(sides, here, groups)
        for source, target in ((0, 1), (1, 0)):
            for m in list(here[source]):
                if not m.removed and not m.paired:
                    _project(m, sides[source], sides[target], here[target], groups, mentions, index, source == 0)
        _discover(sides, here, groups, mentions, index)
    _join_dates_by_referent(mentions, groups, texts, languages, written)
    _join_names_by_text(mentions, groups)
    _join_short_forms(mentions, groups, languages)
    _add_acronyms(mentions, groups, texts, languages, bead_of)
    return _entities(mentions, groups, languages)


#: Fewest capitalised words of a name whose initials make an acronym worth looking for (two
#: letters are too often something else).
_ACRONYM_WORDS = 3


def _add_acronyms(
    mentions: list[_Mention], groups: _Groups, texts: Mapping[str, str], languages: Sequence[str],
    bead_of: Callable[[str, int], int],
) -> None:
    """Add the acronym of an organisation's spaced name where the text uses it on its own (CAAC
    after "Civil Aviation Administration of China"): the initials of the name's capitalised
    words, standing as a whole word that no mention covers yet, join the name's entity and so
    share its cross-lingual links. An acronym two names would give is left alone."""
    for lang in languages:
        if language(lang).unspaced:
            continue
        owners: dict[str, set[int]] = {}
        for m in mentions:
            if m.lang != lang or m.removed or groups.label[groups.root(m.group)] != "ORG":
                continue
            initials = [w[0] for w in _PART.findall(m.text) if w[0].isupper()]
            if len(initials) >= _ACRONYM_WORDS:
                owners.setdefault("".join(initials), set()).add(groups.root(m.group))
        text = texts[lang]
        for acronym, roots in owners.items():
            if len(roots) != 1:
                continue
            root = roots.pop()
            for hit in re.finditer(rf"(?<!\w){re.escape(acronym)}(?!\w)", text):
                start, end = hit.span()
                bead = bead_of(lang, start)
                if bead < 0 or _taken([o for o in mentions if o.lang == lang], start, end):
                    continue
                mentions.append(_Mention(lang, start, end, acronym, "ORG", root, bead, ["pattern"]))


def _join_names_by_text(mentions: list[_Mention], groups: _Groups) -> None:
    """Make the mentions of one name written alike in one language one entity: one spelling
    names one referent within a document, and the rules of a side may have given its
    repetitions separate entities (guesses are keyed per mention) or a projection may have
    added a copy, so a pair found in one bead carries over to every bead."""
    first_of: dict[tuple[str, str, str], int] = {}
    for m in mentions:
        label = groups.label[groups.root(m.group)]
        if m.removed or label not in NAME_LABELS:
            continue
        key = (m.lang, label, m.text)
        if key in first_of:
            groups.join(first_of[key], m.group, label)
        else:
            first_of[key] = m.group


#: The part of a longer name of its label that a short form repeats: a person is called by the
#: first part (surname-first names: Zheng for Zheng Yuhang) or the last (Feldmann for Markus
#: Feldmann); an organisation by its leading words (Qinchuan for Qinchuan Pharmaceutical), and
#: so is a law by its short title (Seed Law for Seed Law of the People's Republic of China).
_SHORT_FORM_LABELS = frozenset({"PERSON", "ORG", "LAW"})
_PART = re.compile(r"\w+(?:['’]\w+)*")
#: The shortest leading stretch of an unspaced name that counts as its short form (two
#: characters: one is a morpheme far more often than a name).
_UNSPACED_SHORT = 2


#: The shortest contraction of an unspaced organisation name that is read as one (民航局 of
#: 中国民用航空局): two characters picked out of a long name match too much by chance.
_CONTRACTED_SHORT = 3


def _contracts(short: str, name: str) -> bool:
    """Whether ``short`` picks characters of the longer unspaced ``name`` in their order,
    leaving some out: how Chinese shortens an organisation's name (民航局 of 中国民用航空局,
    中国商飞 of 中国商用飞机有限责任公司)."""
    if len(short) >= len(name) - 1:
        return False
    rest = iter(name)
    return all(ch in rest for ch in short)


def _short_form_keys(text: str, label: str, unspaced: bool) -> set[str]:
    """The short forms a name of ``label`` may be called by later in its text."""
    parts = _PART.findall(text)
    if len(parts) >= 2:
        if label == "PERSON":
            return {parts[0], parts[-1]}
        return {" ".join(parts[:k]) for k in range(1, len(parts))}
    if unspaced and label == "ORG" and len(text) > _UNSPACED_SHORT + 1:
        return {text[:k] for k in range(_UNSPACED_SHORT, len(text) - 1)}
    return set()


def _join_short_forms(mentions: list[_Mention], groups: _Groups, languages: Sequence[str]) -> None:
    """Make a short form one entity with the one longer name of its label, in its language,
    that it abbreviates (Feldmann and Markus Feldmann; 秦川 and 秦川制药股份有限公司), so the
    short form shares the long name's cross-lingual links. A short form two names could
    stand for joins neither, and names of the gazetteer take no part: a listed name is its own
    referent (欧盟 is not 欧盟委员会)."""
    unspaced = {lang: language(lang).unspaced for lang in languages}
    owners: dict[tuple[str, str, str], set[int]] = {}
    full_names: dict[str, list[_Mention]] = {lang: [] for lang in languages}
    for m in mentions:
        label = groups.label[groups.root(m.group)]
        if m.removed or label not in _SHORT_FORM_LABELS or m.rule == "gazetteer":
            continue
        for key in _short_form_keys(m.text, label, unspaced[m.lang]):
            owners.setdefault((m.lang, label, key), set()).add(groups.root(m.group))
        if label == "ORG":
            full_names.setdefault(m.lang, []).append(m)
    # A contraction already paired with a name of the other language is that name's own
    # referent (贵州大学 / Guizhou University is not 贵州民族大学).
    languages_of: dict[int, set[str]] = {}
    for m in mentions:
        if not m.removed:
            languages_of.setdefault(groups.root(m.group), set()).add(m.lang)
    for m in mentions:
        label = groups.label[groups.root(m.group)]
        if m.removed or label not in _SHORT_FORM_LABELS or m.rule == "gazetteer":
            continue
        roots = owners.get((m.lang, label, m.text), set()) - {groups.root(m.group)}
        if not roots and unspaced[m.lang] and label == "ORG" and len(m.text) >= _CONTRACTED_SHORT \
                and len(languages_of.get(groups.root(m.group), ())) < 2:
            roots = {groups.root(o.group) for o in full_names[m.lang] if _contracts(m.text, o.text)} - {groups.root(m.group)}
        if len(roots) == 1:
            groups.join(roots.pop(), m.group, label)


def _bead_index(
    languages: Sequence[str], beads: Sequence[tuple[tuple[tuple[int, int], ...], ...]]
) -> Callable[[str, int], int]:
    spans = {lang: sorted((s, e, i) for i, bead in enumerate(beads) for s, e in bead[k]) for k, lang in enumerate(languages)}

    def bead_of(lang: str, start: int) -> int:
        for s, e, i in spans[lang]:
            if s <= start < e:
                return i
        return -1  # outside every bead: never paired

    return bead_of


# --- pairing the mentions both sides found -----------------------------------------------------


def _pair(sides: tuple[_Side, _Side], here: tuple[list[_Mention], list[_Mention]], groups: _Groups) -> None:
    for a in here[0]:
        for b in here[1]:
            if groups.root(a.group) == groups.root(b.group):
                a.add("agree")
                b.add("agree")
                groups.link[groups.root(a.group)].add("agree")
                _trim_to_verbatim(a, b, sides)
    for kind in ("value", "number", "name", "partial", "sound"):
        for a in here[0]:
            if a.paired:
                continue
            for b in here[1]:
                if b.paired or a.paired:
                    continue
                if kind not in ("value", "number") and not _may_pair(a, b, groups):
                    continue
                if kind == "partial" and not _same_name_label(a, b, groups):
                    continue
                if kind == "value":
                    words = _value_match(a, b, sides)
                elif kind == "number":
                    words = _number_match(a, b, sides, here, groups)
                elif kind == "sound":
                    words = _sound_match(a, b, sides, groups, sole=_sole_persons(a, b, here, groups))
                else:
                    words = _name_match_trimmed(a, b, sides, whole=kind == "name")
                if words:
                    a.add(*words)
                    b.add(*words)
                    _join(a, b, groups, words)


def _trim_to_verbatim(a: _Mention, b: _Mention, sides: tuple[_Side, _Side]) -> None:
    """Two mentions of one key where a guessed one holds the other's name in the very same
    letters plus words around it (运营C919 for C919): the guess took in its neighbours, and the
    name the other side writes alone is the span."""
    for short, long, side in ((a, b, sides[1]), (b, a, sides[0])):
        if long.rule not in ("guess", "tagger") or len(short.text) >= len(long.text):
            continue
        hit = _verbatim(short.text, _Side(side.lang, side.rules, side.text, ((long.start, long.end),)))
        if hit is not None:
            long.start, long.end = hit[0], hit[1]
            long.text = side.text[long.start:long.end]


#: Places: a nationality or regional adjective (NORP) that the other language renders by a
#: place name is not the place's entity (docs/annotation_guidelines.md), so the two never pair.
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _may_pair(a: _Mention, b: _Mention, groups: _Groups) -> bool:
    """Whether two mentions of one bead may become one entity by lexical evidence: not a NORP
    with a place, and not two names of the gazetteer (two entries are two referents; one entry
    on both sides was already paired as ``agree``)."""
    labels = {groups.label[groups.root(a.group)], groups.label[groups.root(b.group)]}
    if "NORP" in labels and labels & _PLACE_LABELS:
        return False
    return not (a.rule == "gazetteer" and b.rule == "gazetteer")


def _same_name_label(a: _Mention, b: _Mention, groups: _Groups) -> bool:
    """Whether two mentions may pair on partial lexical evidence: names of one label, neither
    from the gazetteer (a listed name facing an unlisted one is usually a longer name that
    contains it: a ministry's department and the ministry)."""
    label = groups.label[groups.root(a.group)]
    if "gazetteer" in (a.rule, b.rule):
        return False
    return label in NAME_LABELS and label == groups.label[groups.root(b.group)]


def _join(a: _Mention, b: _Mention, groups: _Groups, words: Iterable[str]) -> None:
    """Make ``a`` (source side) and ``b`` one entity; the label by the disagreement rules."""
    ra, rb = groups.root(a.group), groups.root(b.group)
    la, lb = groups.label[ra], groups.label[rb]
    label = la
    if la != lb:
        rank_a, rank_b = _RULE_RANK.get(a.rule, 0), _RULE_RANK.get(b.rule, 0)
        if rank_b > rank_a or (rank_b == rank_a and lb in _UNIT_LABELS and la not in _UNIT_LABELS):
            label = lb
    root = groups.join(ra, rb, label)
    groups.link[root].update(w for w in words if w in _CROSS)


def _value_match(a: _Mention, b: _Mention, sides: tuple[_Side, _Side]) -> tuple[str, ...]:
    reader_a, reader_b = sides[0].rules.measures, sides[1].rules.measures
    if reader_a is None or reader_b is None:
        return ()
    va, vb = reader_a.read(a.text), reader_b.read(b.text)
    if va is None or vb is None or not _same_value(va, vb):
        return ()
    return ("value",)


#: Labels of measures whose number may pair them when one side's rules cannot read the unit.
_NUMBER_LABELS = frozenset({"QUANTITY", "PERCENT", "TIME", "MONEY"})
_FIRST_DIGIT = re.compile(r"[0-9０-９]")


def _number_match(
    a: _Mention, b: _Mention, sides: tuple[_Side, _Side], here: tuple[list[_Mention], list[_Mention]], groups: _Groups,
) -> tuple[str, ...]:
    """``partial`` for two unpaired measures of one label in a bead that write the same number
    when a side's measure rules cannot read the whole of one of them (8.5万平方米 / 85,000
    square metres, 2140标箱 / 2,140 TEU): the units are left unchecked, so the number must be
    the only one of its label among the bead's unpaired mentions on each side."""
    label = groups.label[groups.root(a.group)]
    if label not in _NUMBER_LABELS or label != groups.label[groups.root(b.group)]:
        return ()
    reader_a, reader_b = sides[0].rules.measures, sides[1].rules.measures
    if reader_a is None or reader_b is None or (reader_a.read(a.text) is not None and reader_b.read(b.text) is not None):
        return ()  # both read whole: _value_match has decided
    amount = _leading_number(reader_a, a.text)
    if amount is None or amount != _leading_number(reader_b, b.text):
        return ()
    for side, (reader, m) in zip(here, ((reader_a, a), (reader_b, b)), strict=True):
        for o in side:
            if o is not m and not o.removed and not o.paired and groups.label[groups.root(o.group)] == label \
                    and _leading_number(reader, o.text) == amount:
                return ()
    return ("partial",)


def _leading_number(reader: MeasureRules, text: str) -> object:
    """The number a measure's text opens with (from its first digit, as long a stretch as the
    side's rules read as a plain number: 8.5万 of 8.5万平方米), or ``None``."""
    start = _FIRST_DIGIT.search(text)
    if start is None:
        return None
    for end in range(len(text), start.start(), -1):
        if end < len(text) and text[end - 1].isalpha() and text[end].isalpha() and _same_script(text[end - 1], "a") \
                and _same_script(text[end], "a"):
            continue  # never inside a word of letters ("degrees Celsiu")
        value = reader.read(text[start.start():end])
        if value is not None and value.kind == "number":
            return value.amount
    return None


#: Quantity unit codes that are a multiple of another: the two languages often write one value
#: with different prefixes (35 megawatts / 3.5万千瓦, 1,200 kilograms / 1.2吨).
_UNIT_SCALE: dict[str, tuple[str, int]] = {
    "kW": ("W", 10**3), "MW": ("W", 10**6), "GW": ("W", 10**9),
    "kWh": ("Wh", 10**3), "MWh": ("Wh", 10**6), "GWh": ("Wh", 10**9), "TWh": ("Wh", 10**12),
    "kg": ("g", 10**3), "t": ("g", 10**6), "km": ("m", 10**3),
}


def _base(measure: Measure) -> tuple[str, object, str]:
    if measure.kind == "quantity" and measure.unit in _UNIT_SCALE and measure.amount is not None:
        unit, factor = _UNIT_SCALE[measure.unit]
        return measure.kind, measure.amount * factor, unit
    return measure.kind, measure.amount, measure.unit


def _same_value(a: Measure, b: Measure) -> bool:
    if a.kind == "date" or b.kind == "date":
        return a.kind == b.kind and a.date == b.date
    if _base(a) == _base(b):
        return True
    if a.amount != b.amount:
        return False
    # A bare number matches money or a quantity of the same amount when one side leaves out
    # the unit (50亿 / 5 billion yuan); otherwise kind and unit must agree.
    return "number" in (a.kind, b.kind) and {a.kind, b.kind} <= {"number", "money", "quantity"}


# --- names through the lexicon and transliteration ---------------------------------------------


@dataclass(frozen=True)
class _Bilingual:
    """The lexicon between two sides: ``native`` has the headwords, ``glossed`` the language of the glosses."""

    native: int
    lexicon: BilingualLexicon
    reading: GlossReading
    rules: LanguageRules


def _bilingual(sides: tuple[_Side, _Side]) -> _Bilingual | None:
    for k in (0, 1):
        lexicon, other = sides[k].rules.lexicon, sides[1 - k].rules
        if lexicon is not None and other.gloss_reading is not None and language(lexicon.gloss_language) is other:
            return _Bilingual(k, lexicon, other.gloss_reading, sides[k].rules)
    return None


@cache
def _gloss_keys(lexicon: BilingualLexicon, reading: GlossReading, headword: str) -> frozenset[str]:
    senses = lexicon.load().get(headword, ())
    return frozenset(key for gloss in senses for key in reading.content_words(_gloss_head(gloss)))


def _gloss_head(gloss: str) -> str:
    """The part of a gloss that translates its headword: without asides in brackets, and for a
    name glossed as "Name, description" only the name (银熊奖 "Silver Bear, award at the Berlin
    International Film Festival" translates "Silver Bear", not the festival's name)."""
    gloss = re.sub(r"\([^)]*\)", " ", gloss).strip()
    if gloss[:1].isupper() and "," in gloss:
        return gloss.split(",", 1)[0]
    return gloss


@cache
def _romanised(rules: LanguageRules, text: str) -> str | None:
    assert rules.transliterate is not None
    syllables = rules.transliterate(text)
    return None if syllables is None else "".join(syllables)


def _letters(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalpha())


def _name_words(reading: GlossReading, text: str) -> list[tuple[str, str]]:
    """(gloss key, letters) of each content word of a glossed-side name."""
    out = []
    for w in _WORD.findall(text):
        keys = reading.content_words(w)
        if keys:
            out.append((keys[0], _letters(w)))
    return out


#: Shortest shared beginning of two stemmed words that are taken as one word in two
#: derivations (sustainabilit- of "sustainability", sustainabl- of a gloss "sustainable").
_STEM_PREFIX = 8


def _same_stem(a: str, b: str) -> bool:
    """Whether two stemmed words are derivations of one word: they share their first
    :data:`_STEM_PREFIX` letters and differ only in the last two letters of the shorter."""
    shorter = min(len(a), len(b))
    shared = next((i for i in range(shorter) if a[i] != b[i]), shorter)
    return shorter >= _STEM_PREFIX and shared >= max(_STEM_PREFIX, shorter - 2)


def _piece_hits(bi: _Bilingual, piece: str, words: Sequence[tuple[str, str]], open_words: set[int]) -> tuple[set[int], set[str]]:
    """Which of the open words ``piece`` (native side) covers, and by which evidence."""
    hits: set[int] = set()
    kinds: set[str] = set()
    keys = _gloss_keys(bi.lexicon, bi.reading, piece)
    romanised = _romanised(bi.rules, piece) if bi.rules.transliterate is not None else None
    for k in open_words:
        key, letters = words[k]
        if key in keys or any(_same_stem(key, other) for other in keys):
            hits.add(k)
            kinds.add("lexicon")
        elif romanised is not None and romanised == letters:
            hits.add(k)
            kinds.add("transliteration")
    return hits, kinds


def _absorbed(bi: _Bilingual, stretch: str, key: str) -> bool:
    """Whether a native stretch already holds a name's closing generic word (gloss key ``key``)
    in one of its characters: Nenjiang River is 嫩江, whose 江 (river) the romanised name
    nenjiang took in, so "River" has no headword of its own to cover it."""
    return any(key in _gloss_keys(bi.lexicon, bi.reading, ch) for ch in stretch)


def _walk(
    bi: _Bilingual, text: str, span: tuple[int, int], words: Sequence[tuple[str, str]],
    blocked: Callable[[int, int], bool] = lambda start, end: False,
) -> tuple[int, int, set[str]] | None:
    """The shortest stretch of native ``text`` inside ``span`` whose headwords cover every
    glossed-side word (or most of them, completed to a neighbouring word: ``partial``); of
    equally good stretches, the first one a projection may take (not ``blocked``)."""
    best: tuple[int, int, bool, int, set[str]] | None = None  # (-covered, length, blocked, start, kinds) ...
    best_span: tuple[int, int] = (0, 0)
    for run_start, run_end in bi.lexicon.lookup_spans(text[span[0]:span[1]]):
        run_start, run_end = run_start + span[0], run_end + span[0]
        for i in range(run_start, run_end):
            open_words, kinds, j, skipped = set(range(len(words))), set(), i, False
            while j < run_end and open_words:
                for size in range(min(bi.lexicon.longest, run_end - j), 0, -1):
                    hits, how = _piece_hits(bi, text[j:j + size], words, open_words)
                    if hits:
                        open_words -= hits
                        kinds |= how
                        j += size
                        break
                else:
                    # One character that glosses none of the words may sit between two that
                    # do, the rest of a compound the dictionary lacks (氢能 "hydrogen energy":
                    # 氢 covers hydrogen, 能 nothing); once per stretch, never at its end.
                    if skipped or j == i or j + 1 >= run_end or not _starts_hit(bi, text, j + 1, run_end, words, open_words):
                        break
                    skipped, j = True, j + 1
            if len(words) > 1 and open_words == {len(words) - 1} and _absorbed(bi, text[i:j], words[-1][0]):
                open_words = set()
            covered = len(words) - len(open_words)
            if covered and (best is None or (-covered, j - i, blocked(i, j)) < best[:3]):
                best, best_span = (-covered, j - i, blocked(i, j), i, kinds), (i, j)
    if best is None:
        return None
    covered, kinds = -best[0], best[4]
    start, end = best_span
    if covered == len(words):
        return start, end, kinds
    if covered < 2 or covered < 0.6 * len(words) or len(words) - covered > 1:
        return None
    # One word had no gloss (marine / 海洋): take in the neighbouring headword, on the side
    # where one stands, left first (a name's modifiers come first in both languages).
    glosses = bi.lexicon.load()
    for s, e in ((start - 2, start), (end, end + 2)):
        if s >= span[0] and e <= span[1] and text[s:e] in glosses:
            return min(s, start), max(e, end), kinds | {"partial"}
    return None


def _starts_hit(bi: _Bilingual, text: str, j: int, end: int, words: Sequence[tuple[str, str]], open_words: set[int]) -> bool:
    """Whether a headword starting at ``j`` covers one of the open words."""
    return any(_piece_hits(bi, text[j:j + size], words, open_words)[0] for size in range(min(bi.lexicon.longest, end - j), 0, -1))


def _glossed_windows(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Word windows of a glossed-side sentence that may be a name: 1 to 8 words, first and
    last capitalised."""
    words = [(m.start() + span[0], m.end() + span[0]) for m in _WORD.finditer(text[span[0]:span[1]])]
    out = []
    for i, (s, _) in enumerate(words):
        if not text[s].isupper():
            continue
        for j in range(i, min(i + 8, len(words))):
            if text[words[j][0]].isupper():
                out.append((s, words[j][1]))
    return out


def _native_cover(
    bi: _Bilingual, native: str, words: Sequence[tuple[str, str]], whole: bool = True, glossed: str = "",
) -> tuple[float, set[str]] | None:
    """Share of the native text's characters whose headwords cover glossed-side words, if
    every glossed-side word is covered; with ``whole`` False it is enough that the first word
    (what sets a name apart: Lujiang in "Lujiang Pharmaceutical Group") and at least half of
    the words are covered, marked ``partial``. Digits that the ``glossed`` name writes alike
    count as covered: the year or number of a title (2025年年度报告 / "Annual Report 2025")
    is no word for the lexicon to gloss, yet the same figure on both sides."""
    open_words, kinds = set(range(len(words))), set()
    figures = set(_DIGITS.findall(glossed))
    covered_chars: set[int] = {i for hit in _DIGITS.finditer(native) if hit.group() in figures
                               for i in range(hit.start(), hit.end())}
    for i in range(len(native)):
        for size in range(min(bi.lexicon.longest, len(native) - i), 0, -1):
            hits, how = _piece_hits(bi, native[i:i + size], words, set(range(len(words))))
            if hits:
                open_words -= hits
                kinds |= how
                covered_chars.update(range(i, i + size))
                break
    if not words:
        return None
    if open_words:
        if whole or 0 in open_words or 2 * len(open_words) > len(words):
            return None
        kinds.add("partial")
    return len(covered_chars) / len(native), kinds


#: Most leading characters a guessed unspaced name may lose when it is paired: a guess that ran
#: on over a verb or a preposition before the name (收购首尔视觉特效公司, 按照上海证券交易所).
_LEADING_TRIM = 5


def _name_match_trimmed(a: _Mention, b: _Mention, sides: tuple[_Side, _Side], whole: bool) -> tuple[str, ...]:
    """:func:`_name_match` of two mentions, where a guessed (or tagged) name of an unspaced
    side may first shed leading characters that translate no word of the other side's name:
    a guess that took in the words before a name (气体输送至渤海纯碱有限公司 for Bohai Soda Ash
    Co., 青岛海星影业股份有限公司 for Haixing Pictures Co., Ltd.) is paired from the first
    character that covers the other name, and its span is trimmed to start there."""
    words = _name_match(a.text, b.text, sides, whole)
    bi = _bilingual(sides)
    if bi is None:
        return words
    native, glossed = (a, b) if bi.native == 0 else (b, a)
    if native.rule not in ("guess", "tagger") or not sides[bi.native].rules.unspaced:
        return words
    first = _first_covered(bi, native.text, _name_words(bi.reading, glossed.text), glossed.text)
    if first is None or first == 0 or first > _LEADING_TRIM or len(native.text) - first < 2 \
            or not _droppable(bi, native.text, first):
        return words
    trimmed = native.text[first:]
    pair = (trimmed, glossed.text) if bi.native == 0 else (glossed.text, trimmed)
    better = _name_match(*pair, sides, whole)
    if not better or "partial" in better:
        return words  # a word of the other name left uncovered may be what the dropped characters say
    native.start += first
    native.text = trimmed
    return better


def _droppable(bi: _Bilingual, native: str, cut: int) -> bool:
    """Whether the first ``cut`` characters of a name may be dropped: the cut splits no
    dictionary word (国|家电影局 would), and what goes names nothing itself (a place the other
    side left out, 美国商务部 / Department of Commerce, stays in the name)."""
    glosses = bi.lexicon.load()
    for i in range(max(0, cut - bi.lexicon.longest + 1), cut):
        for j in range(cut + 1, min(len(native), i + bi.lexicon.longest) + 1):
            if native[i:j] in glosses:
                return False
    for i in range(cut):
        for j in range(i + 2, cut + 1):
            if any(bi.reading.name_of_gloss(gloss)[0] for gloss in glosses.get(native[i:j], ())):
                return False
    return True


def _first_covered(bi: _Bilingual, native: str, words: Sequence[tuple[str, str]], glossed: str) -> int | None:
    """Offset of the first character of ``native`` whose headword covers a glossed-side word
    (or that starts a figure the glossed name writes too)."""
    every = set(range(len(words)))
    figures = set(_DIGITS.findall(glossed))
    digits = [hit.start() for hit in _DIGITS.finditer(native) if hit.group() in figures]
    for i in range(len(native)):
        if i in digits:
            return i
        for size in range(min(bi.lexicon.longest, len(native) - i), 0, -1):
            if _piece_hits(bi, native[i:i + size], words, every)[0]:
                return i
    return None


def _name_match(a_text: str, b_text: str, sides: tuple[_Side, _Side], whole: bool = True) -> tuple[str, ...]:
    """The evidence that two names of one bead are one referent: every word of the glossed-side
    name covered (``whole``), or its first word and most of the others (``partial``)."""
    bi = _bilingual(sides)
    if bi is None:
        return ()
    native, glossed = (a_text, b_text) if bi.native == 0 else (b_text, a_text)
    words = _name_words(bi.reading, glossed)
    cover = _native_cover(bi, native, words, whole, glossed) if words else None
    return tuple(sorted(cover[1])) if cover is not None and cover[0] >= 0.5 else ()


#: How alike (difflib ratio, mean over the name's parts) the pinyin of a transliterated name
#: and the letters of the other side's name must be: Feldmann / 费尔德曼 (feierdeman) is .67,
#: Santos / 桑托斯 .80, while two different Western names of one bead score below .40.
_SOUND_ALIKE = 0.6


def _sole_persons(a: _Mention, b: _Mention, here: tuple[list[_Mention], list[_Mention]], groups: _Groups) -> bool:
    """Whether ``a`` and ``b`` are the only unpaired persons on their sides of the bead."""
    def unpaired_persons(side: list[_Mention]) -> list[_Mention]:
        return [m for m in side if not m.removed and not m.paired and groups.label[groups.root(m.group)] == "PERSON"]

    return unpaired_persons(here[0]) == [a] and unpaired_persons(here[1]) == [b]


def _sound_match(
    a: _Mention, b: _Mention, sides: tuple[_Side, _Side], groups: _Groups, sole: bool = False,
) -> tuple[str, ...]:
    """The evidence that two unpaired names of one bead, one of them a person's, are one
    person written by sound: the other language's transliteration of a Western name is only
    close to its spelling (Markus Feldmann / 马库斯·费尔德曼, makusi feierdeman), so the pinyin
    of each part is compared with the letters of the part in the same place. When they are
    the ``sole`` unpaired persons of the bead, each in two or more parts, the surname alone
    may be alike enough: given names are rendered more loosely (Rachel Osei / 雷切尔·奥塞:
    leiqieer is far from rachel, aosai near osei), and the bead already holds one person a side."""
    bi = _bilingual(sides)
    labels = {groups.label[groups.root(a.group)], groups.label[groups.root(b.group)]}
    if bi is None or bi.rules.transliterate is None or "PERSON" not in labels or not labels <= NAME_LABELS:
        return ()
    native, glossed = (a.text, b.text) if bi.native == 0 else (b.text, a.text)
    native_parts, glossed_parts = _PART.findall(native), [_letters(w) for w in _PART.findall(glossed)]
    if not native_parts or len(native_parts) != len(glossed_parts):
        return ()
    ratios = []
    for native_part, letters in zip(native_parts, glossed_parts, strict=True):
        romanised = _romanised(bi.rules, native_part)
        if not romanised or not letters:
            return ()
        ratios.append(SequenceMatcher(None, romanised, letters).ratio())
    alike = sum(ratios) / len(ratios) >= _SOUND_ALIKE
    if sole and len(ratios) >= 2:
        alike = alike or ratios[-1] >= _SOUND_ALIKE
    return ("partial", "transliteration") if alike else ()


# --- projecting an unpaired mention ------------------------------------------------------------


def _project(
    m: _Mention, source: _Side, target: _Side, others: list[_Mention], groups: _Groups, mentions: list[_Mention], bead: int,
    source_first: bool,
) -> None:
    label = groups.label[groups.root(m.group)]
    found: tuple[int, int, set[str]] | None = None

    apart = _stands_apart(source.text, m.end)

    def blocked(start: int, end: int) -> bool:
        return _blocked(m, start, end, others, groups, apart)

    if label not in NAME_LABELS:
        if source.rules.measures is None or target.rules.measures is None:
            return
        value = source.rules.measures.read(m.text)
        if value is None:
            return
        for s, e in target.sentences:
            hits = [(a, b) for a, b, v in target.rules.measures.find(target.text[s:e]) if _same_value(value, v)]
            hit = next((h for h in hits if not blocked(s + h[0], s + h[1])), hits[0] if hits else None)
            if hit is not None:
                found = (s + hit[0], s + hit[1], {"value"})
                break
    else:
        found = _verbatim(m.text, target, blocked)
        bi = _bilingual((source, target))
        for s, e in target.sentences if found is None and bi is not None else ():
            assert bi is not None
            if bi.native == 1:  # the target has the headwords: walk its text
                words = _name_words(bi.reading, m.text)
                found = _walk(bi, target.text, (s, e), words, blocked) if words else None
            else:
                found = _best_window(bi, m.text, target.text, (s, e), blocked)
            if found is not None:
                break
    if found is None:
        return
    start, end, kinds = found
    _place(m, target, start, end, kinds, others, groups, mentions, bead, source_first, apart)


def _same_script(a: str, b: str) -> bool:
    """Whether two characters belong to one script family as far as word boundaries go: both
    Latin (letters and digits of the Latin blocks) or both not."""
    return (ord(a) < _LATIN_END) == (ord(b) < _LATIN_END)


#: End of the Latin blocks (Basic Latin to Latin Extended-B).
_LATIN_END = 0x250


def _verbatim(
    name: str, target: _Side, blocked: Callable[[int, int], bool] = lambda start, end: False,
) -> tuple[int, int, set[str]] | None:
    """Where the other side writes a name in the very same characters (a model code C919, a
    brand written in Latin letters in both texts): its first occurrence in the target
    sentences that does not run on into a word of the same script. A name's own letters are
    its romanised form, hence ``transliteration``."""
    if not any(ch.isalnum() and ord(ch) < _LATIN_END for ch in name):
        return None  # only names in letters both texts share; a Chinese word never stands in English
    text = target.text
    first: tuple[int, int, set[str]] | None = None  # taken when every occurrence is blocked
    for s, e in target.sentences:
        i = text.find(name, s, e)
        while i != -1:
            j = i + len(name)
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < len(text) else " "
            if not (before.isalnum() and _same_script(before, name[0])) and not (
                after.isalnum() and _same_script(after, name[-1])
            ):
                if not blocked(i, j):
                    return i, j, {"transliteration"}
                first = first or (i, j, {"transliteration"})
            i = text.find(name, i + 1, e)
    return first


def _best_window(
    bi: _Bilingual, native: str, text: str, span: tuple[int, int],
    blocked: Callable[[int, int], bool] = lambda start, end: False,
) -> tuple[int, int, set[str]] | None:
    """The window of glossed-side ``text`` inside ``span`` whose words the ``native`` name
    covers best (then the one with more words); of equally good windows, the first one a
    projection may take (not ``blocked``) and that does not open the sentence with a word of
    no content, capitalised only for standing first ("For Weihai")."""
    best: tuple[tuple[float, int, bool, bool], tuple[int, int, set[str]]] | None = None
    opening = _WORD.search(text, span[0], span[1])
    for s, e in _glossed_windows(text, span):
        words = _name_words(bi.reading, text[s:e])
        cover = _native_cover(bi, native, words, glossed=text[s:e]) if words else None
        if cover is None or cover[0] < 0.5:
            continue
        capitalised_first = opening is not None and s == opening.start() and not bi.reading.content_words(opening.group())
        score = (cover[0], len(words), not blocked(s, e), not capitalised_first)
        if best is None or score > best[0]:
            best = (score, (s, e, cover[1]))
    return None if best is None else best[1]


def _blocked(m: _Mention, start: int, end: int, others: list[_Mention], groups: _Groups, apart: bool = False) -> bool:
    """Whether :func:`_place` would refuse the projection of ``m`` at ``start``..``end``: a
    mention already paired overlaps it, an unpaired one crosses its edges, or the one there
    may not pair with ``m``. The search for a place skips such stretches, so a name said twice
    in a bead (鹤乡乳业集团股份有限公司（"鹤乡"）) is projected onto the occurrence still free
    rather than given up on at the first one."""
    for o in others:
        if o.removed or not (o.start < end and start < o.end):
            continue
        if apart and _leading_place(m, start, end, o, groups):
            continue
        if (o.start, o.end) == (start, end):
            if o.paired or not _may_pair(m, o, groups):
                return True
        elif o.paired or not (start <= o.start and o.end <= end):
            return True
    return False


#: Labels of a place that an unspaced script writes straight onto the front of a name
#: (青岛 in 青岛黄海海事研究所, 上海 in 上海海通码头).
_PLACE_LABELS = frozenset({"GPE", "LOC"})
#: Labels of the names such a place may stand in front of.
_PLACED_LABELS = frozenset({"ORG", "FAC"})


def _stands_apart(text: str, end: int) -> bool:
    """Whether the mention ending at ``end`` of a spaced text is not followed by a capitalised
    word or a possessive: "China Hydrogen Alliance" or "Brazil's bank" may be one name the
    tagger split, "a terminal in Shanghai on March 20" names the place on its own."""
    rest = text[end:end + 3].lstrip()
    return not rest or not (rest[0].isupper() or rest[0] in "'’")


def _leading_place(m: _Mention, start: int, end: int, o: _Mention, groups: _Groups) -> bool:
    """Whether the projection of place ``m`` at ``start``..``end`` is the head of the longer
    organisation or facility ``o`` found on the other side: the other language named the place
    as a mention of its own, so the two are separate entities and ``o`` is cut after it. At
    least two characters must stay behind, so a place with a mere suffix (北京市) is not cut."""
    return (
        groups.label[groups.root(m.group)] in _PLACE_LABELS
        and groups.label[groups.root(o.group)] in _PLACED_LABELS
        and not o.paired and o.start == start and end + 2 <= o.end
        and groups.root(o.group) != groups.root(m.group)
    )


def _place(
    m: _Mention, target: _Side, start: int, end: int, kinds: set[str],
    others: list[_Mention], groups: _Groups, mentions: list[_Mention], bead: int, source_first: bool,
    apart: bool = False,
) -> None:
    """Put the projection of ``m`` at ``start``..``end`` of the target side, keeping the
    annotation flat: an identical mention there is paired (``candidate``), unpaired mentions
    nested inside the span give way, anything else blocks the projection."""
    overlapping = [o for o in others if not o.removed and o.start < end and start < o.end]
    if apart and len(overlapping) == 1 and target.rules.unspaced and _leading_place(m, start, end, overlapping[0], groups):
        # 青岛黄海海事研究所 for "Yellow Sea Maritime Research in Qingdao": the place the other
        # side names on its own is cut off the front of the name it was written into.
        head = overlapping[0]
        head.start, head.text = end, target.text[end:head.end]
        overlapping = []
    same = next((o for o in overlapping if (o.start, o.end) == (start, end)), None)
    if same is not None:
        if same.paired or not _may_pair(m, same, groups):
            return
        words = (*sorted(kinds), "candidate")
        m.add(*words)
        same.add(*words)
        _join(*((m, same) if source_first else (same, m)), groups, words)
        return
    if any(o.paired or not (start <= o.start and o.end <= end) for o in overlapping):
        return
    label = groups.label[groups.root(m.group)]
    if label in NAME_LABELS and target.rules.unspaced and end - start < 2:
        return  # one character of an unspaced script is a morpheme far more often than a name (家, 欧)
    for o in overlapping:
        o.removed = True
    m.add(*sorted(kinds))
    label = groups.label[groups.root(m.group)]
    projected = _Mention(target.lang, start, end, target.text[start:end], label, m.group, bead, ["projected", *sorted(kinds)],
                         source_confidence=mention_confidence(m.evidence))
    groups.link[groups.root(m.group)].update(kinds)
    others.append(projected)
    mentions.append(projected)


# --- names neither side found ------------------------------------------------------------------


def _discover(sides: tuple[_Side, _Side], here: tuple[list[_Mention], list[_Mention]], groups: _Groups,
              mentions: list[_Mention], bead: int) -> None:
    bi = _bilingual(sides)
    if bi is None:
        return
    native, glossed = sides[bi.native], sides[1 - bi.native]
    native_here, glossed_here = here[bi.native], here[1 - bi.native]
    glosses = bi.lexicon.load()
    for s, e in native.sentences:
        for run_start, run_end in bi.lexicon.lookup_spans(native.text[s:e]):
            i = s + run_start
            while i < s + run_end - 1:
                step = 1
                for size in range(min(bi.lexicon.longest, s + run_end - i), 1, -1):
                    word = native.text[i:i + size]
                    if word not in glosses:
                        continue
                    # Most headwords gloss no name: asking that first spares the overlap test.
                    names = _gloss_names(bi.lexicon, bi.reading, word)
                    if not names or _taken(native_here, i, i + size):
                        continue
                    hit = _name_in(names, glossed, glossed_here)
                    if hit is None:
                        continue
                    g_start, g_end, label = hit
                    g = groups.new(f"auto-{slug(glossed.text[g_start:g_end])}", label)
                    groups.link[g].add("lexicon")
                    for side, start, end, bucket in ((native, i, i + size, native_here), (glossed, g_start, g_end, glossed_here)):
                        found = _Mention(side.lang, start, end, side.text[start:end], label, g, bead, ["lexicon"])
                        bucket.append(found)
                        mentions.append(found)
                    step = size
                    break
                i += step


def _taken(here: list[_Mention], start: int, end: int) -> bool:
    return any(not o.removed and o.start < end and start < o.end for o in here)


@cache
def _gloss_names(lexicon: BilingualLexicon, reading: GlossReading, headword: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The names the glosses of ``headword`` open with, in the order of its senses, each as the
    pattern that finds it as a word and the label its gloss suggests; read once per process,
    since a text looks up the same headwords again and again."""
    names = []
    for gloss in lexicon.load()[headword]:
        name, description = reading.name_of_gloss(gloss)
        if not name:
            continue
        # "Qingdao, subprovincial city in Shandong": the description starts after the comma.
        label = reading.name_label(name, description.lstrip(" ,;"))
        if label is None:
            continue
        names.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"), label))
    return tuple(names)


def _name_in(names: Sequence[tuple[re.Pattern[str], str]], glossed: _Side, here: list[_Mention]) -> tuple[int, int, str] | None:
    for pattern, label in names:
        for s, e in glossed.sentences:
            m = pattern.search(glossed.text, s, e)
            if m is not None and not _taken(here, m.start(), m.end()):
                return m.start(), m.end(), label
    return None


# --- back to entities --------------------------------------------------------------------------


def _entities(mentions: list[_Mention], groups: _Groups, languages: Sequence[str]) -> list[Entity]:
    rank = {lang: i for i, lang in enumerate(languages)}
    members: dict[int, list[_Mention]] = {}
    for m in mentions:
        if not m.removed:
            members.setdefault(groups.root(m.group), []).append(m)
    out: list[Entity] = []
    taken: set[str] = set()
    for root, ms in members.items():
        label = groups.label[root]
        entity_id = groups.ids[root]
        while entity_id in taken:
            entity_id += "-x"
        taken.add(entity_id)
        records = []
        for m in sorted(ms, key=lambda m: (rank[m.lang], m.start)):
            if m.label != label and m.rule:
                m.add("relabelled")
            records.append(EntityMention(entity_id, label, m.lang, m.start, m.end, m.text,
                                         mention_confidence(m.evidence, m.source_confidence), tuple(m.evidence)))
        link_confidence, link_evidence = _link(records, groups.link[root])
        out.append(Entity(entity_id, label, tuple(records), link_confidence, link_evidence))

    def first(entity: Entity) -> tuple[int, int]:
        side = min(rank[m.lang] for m in entity.mentions)
        return side, min(m.start for m in entity.mentions if rank[m.lang] == side)

    return sorted(out, key=first)


def _link(records: Sequence[EntityMention], kinds: set[str]) -> tuple[float | None, tuple[str, ...]]:
    if len({m.lang for m in records}) < 2:
        return None, ()
    words = sorted(kinds & set(_CROSS)) or ["same-key"]
    doubt = 1.0
    for w in words:
        doubt *= 1.0 - STRENGTH[w]
    return round(min(1.0 - doubt, CEILING), 3), tuple(words)


# --- dates by calendar referent ----------------------------------------------------------------


def _reference_day(
    side_text: str, rules: LanguageRules, written: tuple[int, int, int] | None = None
) -> tuple[int, int, int] | None:
    """The day a text was written: its first complete date (the dateline of a news report, the
    date of a speech's attribution line); the document's date ``written`` when the text's first
    date is that day without its year (a dateline "March 14")."""
    if rules.measures is None:
        return None
    first_date = True
    for _, _, measure in rules.measures.find(side_text):
        if measure.kind != "date" or measure.date is None:
            continue
        if first_date and written is not None and measure.date == (None, *written[1:]):
            return written
        first_date = False
        if None not in measure.date:
            year, month, day = measure.date
            assert year is not None and month is not None and day is not None
            return year, month, day
    return None


def _join_dates_by_referent(
    mentions: list[_Mention], groups: _Groups, texts: Mapping[str, str], languages: Sequence[str],
    written: tuple[int, int, int] | None = None,
) -> None:
    """Make the dates that name one calendar referent one entity, wherever they stand
    ("Tuesday" / 周二 and "14 October 2025" / 2025年10月14日; 去年, "last year" and 2024年;
    "late August" / 8月下旬; "2026 to 2030" / 2026年至2030年): each language's
    ``relative_date`` reads a mention into its referent against the day the text was written,
    and the value of an absolute date stands in where it reads none."""
    own = {lang: _reference_day(texts[lang], language(lang), written) for lang in languages}
    # A translation is written on the day of its original: a side without a dateline of its
    # own (the translator dropped it) takes the other side's; a text with no complete date at
    # all was written on the document's date.
    found = [day for day in own.values() if day is not None]
    references = {lang: own[lang] or (found[0] if found else written) for lang in languages}
    first_of: dict[DateReferent, int] = {}
    for m in mentions:
        if m.removed or groups.label[groups.root(m.group)] != "DATE":
            continue
        rules = language(m.lang)
        referent: DateReferent | None = None
        if rules.relative_date is not None:
            referent = rules.relative_date(m.text, references.get(m.lang))
        if referent is None and rules.measures is not None:
            value = rules.measures.read(m.text)
            if value is not None and value.kind == "date" and value.date is not None:
                referent = (*value.date, "")
        if referent is None or referent[0] is None:
            continue  # a month or day without its year may be any year's
        if referent in first_of:
            groups.join(first_of[referent], m.group, "DATE")
        else:
            first_of[referent] = m.group
