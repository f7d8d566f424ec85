"""Language rules: one module per language behind a registry, in the style of spaCy's ``lang/``.

Everything the pipeline knows about a particular language lives in ``bicorpus/lang/<code>.py``
as one :class:`LanguageRules` value named ``RULES``: its sentence rules and abbreviations,
its scripts (ISO 15924 codes; which letters each script holds is :mod:`bicorpus.lang.scripts`), how its numerals are read, which sentences only name a speaker, how
candidate entity mentions are found in it, what entity projection needs (measure values, a
bilingual lexicon, how glosses compare with its text, how its names are romanised), and its theme cues (what the automatic theme
annotator adds to the taxonomy's keywords of the language). Other modules ask :func:`language`
and never name a language themselves.

Codes are BCP-47 tags; only the primary subtag counts (``zh-Hant`` and ``zh_TW`` are ``zh``,
``de-AT`` is ``de``), and a few three-letter ISO 639 codes are read as their two-letter
equivalents, as are withdrawn two-letter codes (``iw`` is ``he``). A code without a module of
its own, known or not, gets :data:`bicorpus.lang.generic.RULES`, never an error: Latin-script
sentence rules without an abbreviation list, words separated by spaces, no numeral reader, no
attribution pattern, no entity-candidate rules and no theme lexicon.

To add a language: write ``bicorpus/lang/<code>.py`` with a ``RULES`` value and add the code
to :data:`_MODULES` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re

    import regex

    from bicorpus.entity_candidates import Candidate, Gazetteer

__all__ = [
    "PROJECT_LANGUAGE",
    "BilingualLexicon",
    "DateReferent",
    "EntityCandidateFinder",
    "GlossReading",
    "LanguageRules",
    "Measure",
    "MeasureRules",
    "Numerals",
    "RelativeDateReader",
    "SentenceRules",
    "ShortNameFinder",
    "StatisticalEntities",
    "ThemeRules",
    "export_tag",
    "language",
    "period_referent",
    "primary_subtag",
    "registered_languages",
    "words",
]

#: Registered languages: code -> module holding its ``RULES``. Modules are imported on first
#: use, so a language module may import shared machinery that itself asks the registry.
_MODULES: dict[str, str] = {
    code: f"bicorpus.lang.{code}" for code in ("ar", "de", "en", "fr", "ja", "ko", "ru", "th", "yue", "zh")
}
_GENERIC_MODULE = "bicorpus.lang.generic"

#: The language of bicorpus's own words: messages, field names, the interface of the HTML
#: reader (where shipped data names a thing in several languages, such as theme names, it
#: shows this one) and the properties exports add (a TMX file's ``adminlang``).
PROJECT_LANGUAGE = "en"

#: Three-letter codes read as the registered two-letter code (ISO 639-2/3 to 639-1), and
#: withdrawn or non-standard two-letter codes read as the current ones (the language
#: identifier, CLD2, still answers ``iw`` for Hebrew and ``jw`` for Javanese).
_ALIASES: dict[str, str] = {
    "ara": "ar", "deu": "de", "ger": "de", "eng": "en", "fra": "fr", "fre": "fr", "jpn": "ja",
    "kor": "ko", "rus": "ru", "tha": "th", "zho": "zh", "chi": "zh", "cmn": "zh",
    "iw": "he", "jw": "jv", "in": "id", "ji": "yi",
}


@dataclass(frozen=True)
class SentenceRules:
    """What the sentence splitter (:mod:`bicorpus.segment`) needs to know about a language.

    Words are stored lower-case and without their final period; a dotted abbreviation written
    with spaces ("z. B.") is stored without them ("z.b").
    """

    #: Full-width punctuation with no space between sentences (the CJK rules): closing quotes
    #: belong to the sentence, an ellipsis ends one only before a closing quote or bracket.
    full_width: bool = False
    #: Words that never end a sentence when a period follows them ("Dr.", "z. B.").
    abbreviations: frozenset[str] = frozenset()
    #: Words that end a sentence only when a sentence seems to start after them ("etc.").
    ambiguous: frozenset[str] = frozenset()
    #: Common first words of a sentence: after an initial ("J.", "U.S."), an ambiguous word or
    #: an ordinal they show that a new sentence starts.
    sentence_openers: frozenset[str] = frozenset()
    #: Every noun is capitalised (German), so a capital after an ambiguous word is no evidence
    #: of a new sentence; only a sentence opener is.
    capitalised_nouns: bool = False
    #: A number with a period is an ordinal ("am 3. Oktober", "im 20. Jahrhundert"): it ends a
    #: sentence only before a sentence opener.
    ordinal_period: bool = False
    #: Elided words written before another with an apostrophe ("l'art."), stripped before the
    #: word is looked up (lower-case, with a straight apostrophe; a curly one is read the same).
    elisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Numerals:
    """Numerals written in a script's own characters (not digits), and how to read them."""

    #: A run of numeral characters.
    run: regex.Pattern[str]
    #: The value of a run, or None when it is not one well-formed number.
    value: Callable[[str], int | None]
    #: Shortest run that stands for a number on its own (a lone 十 is too often part of a word).
    min_length: int = 1


@dataclass(frozen=True, eq=False)  # holds mappings: compared and hashed by identity
class ThemeRules:
    """The theme lexicon of a language for the automatic theme annotator (:mod:`bicorpus.auto_themes`).

    The lexicon is the theme taxonomy's cue keywords of the language
    (``bicorpus/schema/theme_taxonomy.json``, ``keywords[<code>]``) plus :attr:`cues`. A cue
    matches at word boundaries, or as a plain substring in a language written without
    spaces (:attr:`LanguageRules.unspaced`); a cue written all in lower case matches any case.
    """

    #: Cue words added to the taxonomy's own, per theme id.
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Themes whose cues count half weight, per theme id: the cues that do, or None when every
    #: cue of the theme does (cues that are everywhere in policy prose without being the point).
    half_weight: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)
    #: The opening of a sentence that heads a point ("Third, ..."): such a sentence takes the
    #: primary theme of the point; None: the language has no heading rule.
    heading: re.Pattern[str] | None = None
    #: Endings a cue may take, as a regular expression (English plurals: ``(?:s|es)?``).
    inflection: str = ""


#: Kinds of :class:`Measure`: which entity labels they stand for is :data:`MEASURE_LABELS`.
MEASURE_KINDS = ("number", "ordinal", "percent", "money", "quantity", "date", "time")


@dataclass(frozen=True)
class Measure:
    """A value written in a text, normalised so that renderings in two languages compare equal
    ("2.4 billion yuan" and 24亿元 are both ``Measure("money", Fraction(2_400_000_000), "CNY")``).

    ``kind`` is one of :data:`MEASURE_KINDS`; ``amount`` is the exact value (None for a date;
    minutes after midnight for a ``time`` of day: "2:30 p.m." and 下午2时30分 are both 870);
    ``unit`` a language-neutral code: an ISO 4217 currency for money, an SI-style symbol for a
    quantity (``ha``, ``km2``, ``t``; a duration in ``min``, ``h``, ``d``, ``wk``, ``mo`` or
    ``a``: "30 days" and 30天 are both 30 ``d``), ``%`` or ``point`` (percentage points) for a
    percent, empty otherwise; ``date`` is (year, month, day), None where the expression does not say.
    """

    kind: str
    amount: Fraction | None = None
    unit: str = ""
    date: tuple[int | None, int | None, int | None] | None = None


@dataclass(frozen=True)
class MeasureRules:
    """How a language writes numbers, money, percents, quantities, ordinals and dates: what the
    entity projection (:mod:`bicorpus.project_entities`) compares across the two sides of a
    sentence bead. A language without them gets no value matching."""

    #: The value of a whole expression (a mention's text), or None when it is not one.
    read: Callable[[str], Measure | None]
    #: Every expression with a value in a text: (start, end, value), not overlapping, in order.
    find: Callable[[str], list[tuple[int, int, Measure]]]
    #: One way the language writes ``measure``; ``variant`` picks another accepted form
    #: (digits or words, ...). Used by the tests that read renderings back.
    render: Callable[[Measure, int], str]


@dataclass(frozen=True, eq=False)  # holds a loader: compared and hashed by identity
class BilingualLexicon:
    """A dictionary from words of this language to glosses written in another
    (:attr:`gloss_language`): for Chinese, CC-CEDICT's English glosses."""

    #: Code of the language the glosses are written in.
    gloss_language: str
    #: headword -> its glosses, each one sense as the dictionary writes it; loaded once, on first use.
    load: Callable[[], Mapping[str, tuple[str, ...]]]
    #: The stretches of a text where headwords are looked up ((start, end), e.g. runs of Han
    #: characters): nothing outside them is matched.
    lookup_spans: Callable[[str], list[tuple[int, int]]]
    #: Longest headword tried, in characters.
    longest: int = 8
    #: The places the dictionary names, for the annotate stage to use like gazetteer entries
    #: below the hand-written ones: headword -> (its names in the gloss language, ``GPE`` or
    #: ``LOC``), filtered for precision by the language module; computed once, on first use.
    #: None: the lexicon yields no places.
    places: Callable[[], Mapping[str, tuple[tuple[str, ...], str]]] | None = None
    #: Whether a dictionary place found at ``text[start:end]`` stands there as a word of its own
    #: and is not part of a longer word; None: every match stands.
    place_stands: Callable[[str, int, int], bool] | None = None
    #: The package data file (relative to ``bicorpus/schema/``) :attr:`places` reads, when it
    #: ships its places precomputed: the build signature hashes it with the gazetteer.
    places_file: str | None = None


@dataclass(frozen=True)
class GlossReading:
    """How text in this language is compared with dictionary glosses written in it."""

    #: The comparable content words of a text: lower-case, stemmed, spelling variants merged,
    #: function words left out ("Yangpu Harbour Forum" -> yangpu, harbor, forum).
    content_words: Callable[[str], list[str]]
    #: The label a name (and, optionally, the dictionary's description of it) suggests, from its
    #: head word ("... Bank" ORG, "... Sea" LOC, "prefecture-level city" GPE); None: no cue.
    name_label: Callable[[str, str], str | None]
    #: A gloss split into the name it gives and the description after it ("Haikou
    #: prefecture-level city ..." -> ("Haikou", "prefecture-level city ...")); ("", gloss) when
    #: the gloss does not start with a name.
    name_of_gloss: Callable[[str], tuple[str, str]]


#: Romanised syllables of a name written in a language's own script ("陈明" -> ("chen", "ming")),
#: or None when the text is not all in that script.
Transliterator = Callable[[str], "Sequence[str] | None"]
#: What a date expression names on the calendar: (year, month, day, part), None where the
#: expression does not say, and ``part`` "" for the whole period or a code shared by every
#: language: "early", "mid", "late" (late August, 8月下旬, end of March, 3月底), "H1", "Q3"
#: (halves, quarters), "to-2030", "to-10", "to-12-31" (the end of a range), "first-10-months",
#: "ended-6-months" (a reporting period ending on the day), "decade", "decade-late".
DateReferent = tuple[int | None, int | None, int | None, str]
#: The referent of a date expression in a text written on a reference day (year, month, day;
#: None when the text has none): relative forms (last year, 去年, Tuesday) resolve against it,
#: a month or day without its year takes its year; None when the expression names no date it
#: can resolve.
RelativeDateReader = Callable[[str, "tuple[int, int, int] | None"], "DateReferent | None"]


def period_referent(
    kind: str, year: int | None, month: int | None, day: int | None, *,
    half: str = "", until: tuple[int | None, ...] = (), months: int | None = None,
) -> DateReferent | None:
    """The :data:`DateReferent` of a period whose parts a language module has read, built in one
    place so that every language writes the same code: ``kind`` "half" (``half`` "H1" or "Q3"),
    "years", "months" or "days" (a range ending at ``until``: a year, a month, or month and day),
    "first-months" and "ended" (``months`` counted from the start of the year, or up to the day);
    None for another kind."""
    if kind == "half":
        return year, None, None, half
    if kind in ("years", "months", "days"):
        return year, month if kind != "years" else None, day if kind == "days" else None, \
            "to-" + "-".join(str(part) for part in until)
    if kind in ("first-months", "ended") and months is not None:
        return year, month, day, f"first-{months}-months" if kind == "first-months" else f"ended-{months}-months"
    return None

#: Finds candidate entity mentions (:mod:`bicorpus.entity_candidates`) in one sentence:
#: (text, document offset of the text, gazetteer) -> flat candidates.
EntityCandidateFinder = Callable[[str, int, "Gazetteer"], "list[Candidate]"]
#: Finds the short forms of names found elsewhere in the document ("Feldmann" after "Markus
#: Feldmann") in one sentence: (text, document offset of the text, the document's candidates in
#: this language) -> candidates with the label and key of the full name.
ShortNameFinder = Callable[[str, int, "Sequence[Candidate]"], "list[Candidate]"]


@dataclass(frozen=True)
class StatisticalEntities:
    """A statistical entity tagger of a language: installed apart (an extra) and used only when
    a build asks for it (``--entity-tagger statistical``, :mod:`bicorpus.entity_tagger`)."""

    #: Candidate mentions of one sentence: (text, document offset of the text) -> candidates,
    #: with the project's labels and the guidelines' spans, in the tier of their label.
    find: Callable[[str, int], list[Candidate]]
    #: Raises a :class:`~bicorpus.errors.BicorpusError` when the tagger cannot be used (not
    #: installed, another version, altered model files); loads nothing.
    check: Callable[[], None]
    #: The model as the build signature records it (name, version, hash, library version).
    model: Callable[[], str]


@dataclass(frozen=True)
class LanguageRules:
    """Everything the pipeline knows about one language."""

    code: str
    name: str
    #: ISO 15924 codes of the scripts the language is written in ("Latn", "Hani", "Hira" ...).
    scripts: frozenset[str]
    sentences: SentenceRules
    #: Words are not separated by spaces (Chinese, Japanese, Thai): names are matched as plain
    #: substrings, and sentences are joined without a space.
    unspaced: bool = False
    #: A script that text in this language nearly always contains and that the languages it is
    #: confused with do not, as an ISO 15924 code ("Hrkt", kana, for Japanese; "Hang" for
    #: Korean); None when there is none.
    distinctive_script: str | None = None
    numerals: Numerals | None = None
    #: A whole sentence that only says who spoke ("他说。", "he said."); None: no pattern.
    attribution: regex.Pattern[str] | None = None
    #: Candidate entity mentions; None: the language has no entity-candidate rules.
    entity_candidates: EntityCandidateFinder | None = None
    #: Short forms of names found elsewhere in the document; None: names are only found whole.
    short_names: ShortNameFinder | None = None
    #: A statistical entity tagger whose candidates join the rule ones when a build asks for
    #: it; None: the language has none (the rules alone annotate it whatever is asked).
    statistical_entities: StatisticalEntities | None = None
    #: The theme lexicon's own cues, half weights, heading rule and cue inflection; None: the
    #: language has no theme lexicon (the automatic theme annotator does not use its text, even
    #: where the taxonomy lists keywords for it).
    themes: ThemeRules | None = None
    #: Numbers, money, percents, quantities and dates as comparable values; None: no value
    #: matching across a bead for this language.
    measures: MeasureRules | None = None
    #: A bilingual dictionary from this language into another; None: no lexicon evidence from
    #: this side.
    lexicon: BilingualLexicon | None = None
    #: How glosses written in this language are compared with its text; None: a lexicon
    #: glossing into this language cannot be used against it.
    gloss_reading: GlossReading | None = None
    #: How names written in this language's script are romanised (pinyin for Chinese); None:
    #: no transliteration evidence.
    transliterate: Transliterator | None = None
    #: How relative dates (today, last year, a weekday) resolve against the day a text was
    #: written, so that entity projection links them to the absolute dates of the same day or
    #: year; None: relative dates are linked only within their sentence bead.
    relative_date: RelativeDateReader | None = None
    #: The BCP 47 tag exports write for text in this language where the bare code says too
    #: little (``zh-Hans``: the script tells simplified from traditional characters); None: the
    #: code itself (see :func:`export_tag`).
    bcp47: str | None = None
    #: Distributions whose data or models the language's rules read at run time (a word
    #: segmenter, a dictionary): their versions go into the build signature, since another
    #: version may give other automatic annotations.
    resource_packages: tuple[str, ...] = ()

    def is_attribution(self, sentence: str) -> bool:
        """Whether ``sentence`` only names the speaker of the quotation before it."""
        return bool(self.attribution is not None and self.attribution.match(sentence))


def primary_subtag(code: str) -> str:
    """The primary subtag of a BCP-47 tag, lower-case, aliases resolved (``zh-Hant`` -> ``zh``)."""
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return _ALIASES.get(primary, primary)


@cache
def language(code: str) -> LanguageRules:
    """The rules of language ``code``: its own module's, or the generic rules (never an error)."""
    module = _MODULES.get(primary_subtag(code), _GENERIC_MODULE)
    rules: LanguageRules = importlib.import_module(module).RULES
    return rules


def export_tag(code: str) -> str:
    """The BCP 47 tag exports (TMX ``xml:lang``) write for corpus language ``code``: the
    language's own :attr:`LanguageRules.bcp47` for a bare registered code (``zh`` -> ``zh-Hans``),
    else ``code`` as given (a tag that already names a script or region is kept)."""
    rules = language(code)
    if rules.bcp47 is not None and code == rules.code:
        return rules.bcp47
    return code


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists in the language modules are
    written as one string each."""
    return frozenset(text.split())


def registered_languages() -> frozenset[str]:
    """Codes with a module of their own."""
    return frozenset(_MODULES)
