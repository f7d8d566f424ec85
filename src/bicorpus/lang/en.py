"""English.

Entity candidates (:func:`entity_candidates`): gazetteer names; numbered congresses, plenums
and central bodies ("20th National Congress of the Communist Party"); dates, times, percents,
money and quantities; ordinals and cardinals (not inside a quoted title-case slogan, nor "no
one"); and capitalised phrases that end in an organisation, event, place or law word ("...
Commission", "... Forum", "... Province"), without a leading title or determiner.

Theme cues (:data:`THEME_RULES`): cue words added to the taxonomy's English keywords, written
in the taxonomy's spirit (policy vocabulary of each field); half weight for every cue of
``high_quality_development`` and for the generic Party cues of ``party_leadership_conduct``;
headings "First, ...", "Third, ...", "Finally, ..."; cues match with a plural ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import regex

from bicorpus.entity_candidates import (
    BEAD,
    DOCUMENT,
    GUESSES,
    NAMES,
    NUMBERS,
    OWN,
    TEMPORAL,
    Candidate,
    CandidateFinds,
    Gazetteer,
    date_scope,
    flatten,
    inside,
    slug,
)
from bicorpus.lang import (
    DateReferent,
    GlossReading,
    LanguageRules,
    Measure,
    MeasureRules,
    SentenceRules,
    ThemeRules,
    period_referent,
    words,
)
from bicorpus.lang.en_tagger import STATISTICAL_ENTITIES

SENTENCE_RULES = SentenceRules(
    abbreviations=words(
        # Never the last word of a sentence in practice: titles, "No. 5", months, "e.g.", ...
        "mr mrs ms dr prof st sr jr rev hon gen col capt lt sgt gov sen rep pres messrs mt ft"
        " no nos vol vols p pp para ch art fig figs sec eq ed eds approx est dept univ assn"
        " jan feb mar apr jun jul aug sep sept oct nov dec"
        " e.g i.e cf vs viz al"
    ),
    ambiguous=words(
        # Often the last word of a sentence: ends it when a capital follows ("at 10 a.m. Please").
        "etc a.m p.m inc ltd co corp bros plc"
    ),
    # After an initial or an initialism ("J.", "U.S.") a capital is usually a name ("U.S.
    # Congress"); only these common sentence openers make it the end of a sentence.
    sentence_openers=words(
        "the a an this that these those there then thus it its he she we they i you his her our"
        " their my in on at by for from with after before during since as but and or yet so"
        " however therefore meanwhile moreover also still now today yesterday when while if"
        " although though what why how who where which all some many most no not each every"
    ),
)

#: A whole sentence that only says who spoke: "he said.", "Myrick says."
ATTRIBUTION = regex.compile(
    r"^\s*(?:(?:he|she|they|I|we)|(?:\p{Lu}[\p{L}.'-]*\s?){1,3})\s+"
    r"(?:says|said|asks|asked|replies|replied|adds|added|explains|explained)\s*[.!]?\s*$"
)

# --- entity candidates ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Gated:
    """A pattern with the literal text that every match of it needs: one needle of each group
    of ``needles``, as written (a group given as a pattern is searched for instead, for
    needles that the pattern matches in any case). A text that lacks them is not scanned: the
    ``in`` tests cost far less than trying the pattern at every position of the text."""

    pattern: re.Pattern[str]
    needles: tuple[tuple[str, ...] | re.Pattern[str], ...]

    def may_match(self, text: str) -> bool:
        """Whether ``text`` holds the needles, without which the pattern cannot match."""
        # Plain loops: this runs for every pattern and sentence, and a generator costs more.
        for group in self.needles:
            if isinstance(group, re.Pattern):
                if group.search(text) is None:
                    return False
                continue
            for needle in group:
                if needle in text:
                    break
            else:
                return False
        return True

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``text``, as :meth:`re.Pattern.finditer` gives them."""
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        """The pattern's first match in ``text``, as :meth:`re.Pattern.search` gives it."""
        return self.pattern.search(text) if self.may_match(text) else None


def _gated(pattern: re.Pattern[str], *needles: tuple[str, ...] | re.Pattern[str]) -> _Gated:
    """``pattern`` behind the gate of ``needles`` (see :class:`_Gated`); a needle that holds
    another of its group is left out, as the shorter one is in the text whenever it is."""
    groups = tuple(
        group if isinstance(group, re.Pattern)
        else tuple(dict.fromkeys(n for n in group if not any(other in n for other in group if other != n)))
        for group in needles
    )
    return _Gated(pattern, groups)


#: A pattern scanned as it is, or behind its gate.
_Scanner = re.Pattern[str] | _Gated


_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
    "trillion": 10**12,
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]


def en_ordinal(text: str) -> int | None:
    """Value of an English ordinal (20th → 20, Third → 3)."""
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    if match:
        return int(match.group(1))
    return _EN_ORDINALS.get(text.lower())


def _en_number(text: str) -> str:
    """A normalised value of an English number expression, for linking (best effort)."""
    words = text.lower().replace(",", "").split()
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return words[0]
    value: float = 0  # int unless a decimal is read ("3.5 million")
    current: float = 0
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word) if "." in word else int(word)
        elif word in _EN_UNITS:
            unit = _EN_UNITS[word]
            if unit >= 1000:
                value += max(current, 1) * unit
                current = 0
            elif unit == 100:
                current = max(current, 1) * 100
            else:
                current += unit
        elif word != "and":
            return slug(text)
    return str(value + current)




_EN_ORD = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(w.capitalize() for w in _EN_ORDINALS) + ")"
_EN_PARTY = r"(?:Communist Party of China|Chinese Communist Party|Communist Party|CPC)"
_EN_CONGRESS = _gated(re.compile(
    rf"(?<!\w)(?:(?P<n>{_EN_ORD}) (?:CPC |Party )?National Congress(?: of the {_EN_PARTY})?|National Congress of the {_EN_PARTY})(?!\w)"
), ("National Congress",))
_EN_PLENUM = _gated(re.compile(
    rf"(?<!\w)(?P<p>{_EN_ORD}) Plenary Session of the (?P<n>{_EN_ORD}) (?:CPC )?Central Committee(?: of the {_EN_PARTY})?(?!\w)"
), ("Plenary Session",))
_EN_BODY = _gated(re.compile(
    rf"(?<!\w)(?:Political Bureau of the (?P<n1>{_EN_ORD}) (?:CPC )?Central Committee"
    rf"|(?P<n2>{_EN_ORD}) (?:CPC )?(?P<body>Central Political Bureau|Political Bureau|Central Committee))(?!\w)"
), ("Political Bureau", "Central Committee"))
_EN_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: Abbreviated months as news style writes them ("Sept. 16", "Jan. 5, 2026").
_EN_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\."
_EN_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EN_DAY_PART = r"(?:morning|afternoon|evening|night)"
_EN_DAY_PARTS = ("morning", "afternoon", "evening", "night")
_EN_NUM_WORD = r"(?:" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"
_EN_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_EN_NUM_WORD}(?:[ -](?:and )?{_EN_NUM_WORD})*)"
_EN_PERIOD = r"(?:year|month|decade|century|week|day)"
#: Literal text that patterns need (see _Gated): a month's name, a period's word.
_EN_MONTH_NAMES = tuple(month.capitalize() for month in _MONTHS)
_EN_PERIOD_WORDS = ("year", "month", "decade", "century", "week", "day")
# A pattern behind a gate names the literal text that each of its matches holds (_Gated): the
# sentences without it, most of them, are not scanned.
_EN_DATES: list[_Scanner] = [
    re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"),
    _gated(re.compile(rf"(?<![\w-])\d{{1,2}} {_EN_MONTH}(?: \d{{4}}| (?:last|this|next) year)?(?!\w)"), _EN_MONTH_NAMES),  # 18 April 2025
    _gated(re.compile(rf"(?<!\w)(?:(?:early|mid|late)-)?{_EN_MONTH}(?: \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? \d{{4}}| (?:last|this|next) year)?(?!\w)"), _EN_MONTH_NAMES),
    _gated(re.compile(r"(?<!\w)(?:(?:early|mid|late)-)?\d{1,2}(?:st|th|nd|rd)? (?:century|centuries)(?!\w)"), ("centur",)),
    _gated(re.compile(r"(?<!\w)(?:recent|past|coming|next|last|previous) (?:few |several |\w+ )?(?:years|decades|months|year|decade|weeks|days)(?!\w)"), _EN_PERIOD_WORDS),
    # A duration written as a modifier ("a ten-year agreement", "three-year bond") and the
    # end of the year ("by year-end").
    _gated(re.compile(rf"(?<![\w-])(?i:{_EN_NUM})-(?:year|month|week|day)(?![\w-])|(?<![\w-])year-end(?![\w-])"), ("-year", "-month", "-week", "-day", "year-end")),
    # A range of years or of days is one span ("from 2026 to 2030", "January 1 to December 31").
    _gated(re.compile(r"(?<![\w.,-])(?:19|20)\d{2} to (?:19|20)\d{2}(?!\w|[.,]\d)"), (" to ",)),
    _gated(re.compile(rf"(?<!\w){_EN_MONTH_ABBREVIATION} \d{{1,2}}(?:,? \d{{4}})?(?!\w)"), ("Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.")),
    _gated(re.compile(rf"(?<!\w){_EN_MONTH} \d{{1,2}} to {_EN_MONTH} \d{{1,2}}(?:, \d{{4}})?(?!\w)"), _EN_MONTH_NAMES, (" to ",)),
    _gated(re.compile(rf"(?<![\w-])\d{{1,2}} {_EN_MONTH} to \d{{1,2}} {_EN_MONTH}(?: \d{{4}})?(?!\w)"), _EN_MONTH_NAMES, (" to ",)),
    # A named month or season of the current year ("this September", "this summer").
    _gated(re.compile(rf"(?<!\w)(?:[Tt]his|[Nn]ext|[Ll]ast) (?:{_EN_MONTH}|spring|summer|autumn|fall|winter)(?!\w)"), (*_EN_MONTH_NAMES, "spring", "summer", "autumn", "fall", "winter")),
    # Durations ("three years", "nineteen months"); the approximator before them stays out.
    _gated(re.compile(rf"(?<![\w-])(?i:(?:an? (?=hundred|thousand))?{_EN_NUM}|several|a few) (?:years|months|decades|weeks|days)(?!\w)"), (" years", " months", " decades", " weeks", " days")),
    # Working days are counted like days ("five working days").
    _gated(re.compile(rf"(?<![\w-])(?i:{_EN_NUM}) (?:working|business) days?(?!\w)"), (" working day", " business day")),
    # The first months of a year, counted ("first ten months of the year").
    _gated(re.compile(rf"(?<!\w)(?:first|last|past) (?i:{_EN_NUM}) (?:months|weeks) of (?:(?:the|this|last|next) year|(?:19|20)\d{{2}})(?!\w)"), (" months of ", " weeks of ")),
    # A range is one span (guidelines): "January to October", "17 and 18 November".
    _gated(re.compile(rf"(?<!\w)(?:(?:early|mid|late)-)?{_EN_MONTH} to (?:(?:early|mid|late)-)?{_EN_MONTH}(?: \d{{4}})?(?!\w)"), _EN_MONTH_NAMES, (" to ",)),
    _gated(re.compile(rf"(?<![\w-])\d{{1,2}} (?:and|to) \d{{1,2}} {_EN_MONTH}(?: \d{{4}})?(?!\w)"), _EN_MONTH_NAMES),
    # Early or late in a named period: "late August", "early next year".
    _gated(re.compile(rf"(?<!\w)(?:[Ee]arly|[Ll]ate) (?:{_EN_MONTH}|(?:next|last|this) (?:year|month)|(?:19|20)\d{{2}}(?![.,]\d))(?!\w)"), ("arly ", "ate ")),
    # A point counted back from another date keeps "earlier" ("a year earlier"); one counted
    # back from now is the period alone, "ago" left out ("two weeks ago": "two weeks").
    _gated(re.compile(rf"(?<!\w)(?i:a|an|one|{_EN_NUM}) {_EN_PERIOD}s? earlier(?!\w)"), (" earlier",)),
    _gated(re.compile(rf"(?<!\w)(?i:a|an|one|{_EN_NUM}) {_EN_PERIOD}s?(?= ago(?!\w))"), (" ago",)),
    _gated(re.compile(r"(?<!\w)(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|(?:[Tt]his|[Ll]ast|[Nn]ext) (?:year|month|week))(?!\w)"), ("oday", "esterday", "omorrow", "year", "month", "week")),
    # A weekday counted from the text's week keeps its "last", "this" or "next" ("last Thursday").
    _gated(re.compile(rf"(?<!\w)(?:(?:[Ll]ast|[Tt]his|[Nn]ext) )?{_EN_WEEKDAY}(?!\w)"), ("day",)),
    # Quarters and halves of a year keep their ordinal ("fourth quarter", "first half of this year").
    _gated(re.compile(r"(?<!\w)(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th) (?:quarter|half)"
                      r"(?: of (?:this|last|next|the) year| of (?:19|20)\d{2}|,? (?:19|20)\d{2})?(?!\w)"), (" quarter", " half")),
    # The end, start or middle of a period: "end of 2026", "end of the decade".
    _gated(re.compile(rf"(?<!\w)(?i:end|start|beginning|middle) of (?:the (?:year|decade|month|century)|(?:this|last|next) "
                      rf"(?:year|month|decade)|{_EN_MONTH}(?: \d{{4}})?|(?:19|20)\d{{2}})(?!\w)"), (" of ",)),
    # Reporting periods are one DATE (guidelines): "fiscal year 2025", "2025 financial year",
    # "the year 2026", "six months ended 30 June 2025".
    _gated(re.compile(r"(?<!\w)(?:(?:[Ff]iscal |[Ff]inancial )?year (?:19|20)\d{2}|(?:19|20)\d{2} (?:fiscal|financial) year)(?!\w|[.,]\d)"), ("year",)),
    _gated(re.compile(rf"(?<![\w-])(?:(?i:{_EN_NUM}) (?:months|years|weeks)|(?:[Ff]inancial |[Ff]iscal )?year) ended \d{{1,2}} {_EN_MONTH} \d{{4}}(?!\w)"), (" ended ",)),
    _gated(re.compile(rf"(?<![\w-])(?:(?i:{_EN_NUM}) (?:months|years|weeks)|(?:[Ff]inancial |[Ff]iscal )?year) ended {_EN_MONTH} \d{{1,2}},? \d{{4}}(?!\w)"), (" ended ",)),
    # The first or last months of something, counted ("its first eight months").
    _gated(re.compile(rf"(?<!\w)(?:first|last|past) (?i:{_EN_NUM}) (?:months|weeks|years|days|quarters)(?!\w)"), ("first ", "last ", "past ")),
    # A counted year of a longer period ("the first year of the plan").
    _gated(re.compile(r"(?<!\w)(?:first|second|third|fourth|fifth|final|last) year(?= of the\b)"), (" year of the",)),
    # A week of a named month ("the last week of May").
    _gated(re.compile(rf"(?<!\w)(?i:first|second|third|fourth|last|final) week of {_EN_MONTH}(?: \d{{4}})?(?!\w)"), (" week of ",)),
    # The end or start of a quarter or half ("end of the first half of 2026").
    _gated(re.compile(r"(?<!\w)(?i:end|start|beginning|middle) of the (?i:first|second|third|fourth|final|last) (?:quarter|half)"
                      r"(?: of (?:this|last|next|the) year| of (?:19|20)\d{2})?(?!\w)"), (" quarter", " half")),
    _gated(re.compile(r"(?<![\w.,-])(?:the )?(?:1[89]|20)\d{2}s?(?!\w|[.,]\d)"), ("18", "19", "20")),
]
#: Bare "a week", "a year": a duration when no amount stands just before it (after an amount,
#: "200 hectares a day", it is a rate, which the guidelines leave out).
_EN_BARE_PERIOD = _gated(re.compile(rf"(?<!\w)(?:a|an|one) {_EN_PERIOD}(?=\s*(?:[.,;:!?]|$))"), _EN_PERIOD_WORDS)
_EN_AMOUNT_BEFORE = re.compile(rf"(?:\d[\d,.]*|\b(?i:{_EN_NUM_WORD}))(?:\s+[\w-]+){{1,3}}\s+$")
#: An amount with its unit and what it measures is a rate before "a year" too, however long the
#: thing measured ("20,000 tonnes of green hydrogen a year").
_EN_MEASURED_BEFORE = re.compile(r"\d[\d,.]*(?: (?:thousand|million|billion))? [\w-]+ of(?: [\w-]+){1,4}\s+$")
_EN_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_CLOCK_TIME = r"\d{1,2}(?::\d{2})? ?(?:a\.m\.|p\.m\.|am|pm)|\d{1,2}:\d{2}"
_EN_TIMES: list[_Scanner] = [
    _gated(re.compile(r"(?<![\w:])\d{1,2}(?::\d{2})? ?(?:a\.m\.|p\.m\.|am|pm)(?!\w)"), ("am", "pm", "a.m.", "p.m.")),  # 10:15 a.m., 9 pm
    _gated(re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])"), (":",)),
    _gated(re.compile(rf"(?<!\w)(?:\d{{1,2}}|(?i:{_EN_NUM_WORD})) o['’]clock(?!\w)"), ("o'clock", "o’clock")),
    # A clock time said in words ("half past nine", "a quarter to ten"); "five to ten" is left
    # out, as it reads as a range of counts too.
    _gated(re.compile(rf"(?<!\w)(?:(?i:half|(?:a )?quarter|{_EN_NUM_WORD}|\d{{1,2}}) past (?:\d{{1,2}}(?![\w:,.-])|{_EN_HOUR_WORD})"
                      rf"|(?i:a )?[Qq]uarter to {_EN_HOUR_WORD})(?![\w-])"), (" past ", "uarter to ")),
    _gated(re.compile(r"(?<!\w)(?:[Tt]his (?:morning|afternoon|evening)|[Tt]onight|[Ll]ast night|[Mm]idday|noon|midnight)(?!\w)"), (*_EN_DAY_PARTS, "idday", "noon")),
    # A span of clock times is one TIME ("6 a.m. to midnight"); a clock time with "this
    # morning" has no date word to split off (guidelines).
    _gated(re.compile(rf"(?<![\w:])(?:{_EN_CLOCK_TIME}|midnight|noon) to (?:{_EN_CLOCK_TIME}|midnight|noon)(?!\w)"), (" to ",)),
    _gated(re.compile(rf"(?<![\w:])(?:{_EN_CLOCK_TIME}|(?:\d{{1,2}}|(?i:{_EN_NUM_WORD})) o['’]clock) this (?:morning|afternoon|evening)(?!\w)"), (" this morning", " this afternoon", " this evening")),
    # "in the morning" after a clock time says which half of the day it is: one TIME ("10:30 in
    # the morning"), as "10:30 a.m." is.
    _gated(re.compile(rf"(?<![\w:])(?:{_EN_CLOCK_TIME}|(?:\d{{1,2}}|(?i:{_EN_NUM_WORD})) o['’]clock) in the (?:morning|afternoon|evening)(?!\w)"), (" in the morning", " in the afternoon", " in the evening")),
    # Durations counted in minutes or hours are TIME ("12-minute", "3,900 hours").
    _gated(re.compile(rf"(?<![\w-])(?i:{_EN_NUM})[ -](?:minutes?|hours?|seconds?)(?![\w-])"), ("minute", "hour", "second")),
]
#: A part of a day after its date ("Tuesday evening", "the afternoon of 23 September"): the
#: part alone is TIME, the day is DATE.
_EN_DAY_PART_AFTER = _gated(re.compile(rf"(?<!\w)(?:{_EN_WEEKDAY}|[Yy]esterday|[Tt]omorrow) (?P<part>{_EN_DAY_PART})(?!\w)"), _EN_DAY_PARTS)
_EN_DAY_PART_OF = _gated(re.compile(rf"(?<!\w)the (?P<part>{_EN_DAY_PART}) of (?=\d|{_EN_MONTH}|{_EN_WEEKDAY})"), _EN_DAY_PARTS)
#: An hour said as a bare number word ("before seven") when the sentence has a clock time.
_EN_BARE_HOUR = re.compile(r"(?<!\w)(?:before|after|until|till|at|by|around) (?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\w-])")
_EN_SCALE = r"(?: (?:thousand|million|billion|trillion))?"
_EN_PERCENT = _gated(re.compile(rf"(?<!\w)(?i:{_EN_NUM}){_EN_SCALE}(?:%| percent| per cent| percentage points?)(?!\w)"), ("%", " per"))
#: A range of percentages is one span (guidelines): "12% to 15%", "3 to 5 percent".
#: After "from", a first number with its own sign is a change between two values ("from 20% to
#: 50%"); one sign for both numbers is one range ("from 3 to 5 percent").
_EN_PERCENT_RANGE = _gated(re.compile(rf"(?<!\w)(?:(?<!from )(?i:{_EN_NUM})(?:%| percent)|(?i:{_EN_NUM})) to (?i:{_EN_NUM})(?:%| percent| per cent)(?!\w)"), (" to ",), ("%", " per"))
#: Currency signs before an amount and currency words after one (longest first).
_EN_CURRENCY_SIGNS = r"RMB|HK\$|US\$|A\$|AU\$|C\$|NZ\$|S\$|\$|¥|€|£"
_EN_CURRENCY_WORDS = (r"yuan|US dollars|Hong Kong dollars|dollars|euros|Swiss francs|francs|yen|pounds sterling|pounds|"
                      r"roubles|rubles|tenge|rupiah|baht|ringgit|rupees|won|pesos|reais|rand|dirhams|riyals|dong|"
                      r"shillings|som|lira|naira|cedis|birr|kwacha|zloty|kronor|kronur|kroner|krona|hryvnias|lari|manat|"
                      r"taka|kip|riel|kyat|tugriks|dinars|rials")
#: Currency words that several countries share take the country's adjective into the amount
#: ("182 billion Tanzanian shillings", "3 million Australian dollars").
_EN_SHARED_CURRENCY = r"(?:[A-Z][a-z]+ (?:shillings|dollars|pounds|francs|pesos|rupees|dinars|rials|riyals|dirhams|krona|kroner))"
#: The literal text of an amount of money: a sign (every one holds one of these) or a currency
#: word (the shared ones are currency words too).
_EN_MONEY_NEEDLES = ("RMB", "$", "¥", "€", "£", *_EN_CURRENCY_WORDS.split("|"))
_EN_MONEY = _gated(re.compile(
    rf"(?<!\w)(?:(?:{_EN_CURRENCY_SIGNS}) ?\d+(?:,\d{{3}})*(?:\.\d+)?{_EN_SCALE}|(?i:{_EN_NUM}){_EN_SCALE} (?:{_EN_SHARED_CURRENCY}|{_EN_CURRENCY_WORDS}))(?!\w)"
), _EN_MONEY_NEEDLES)
#: Unit words -> unit symbol (singular forms are read too); longest first where they share a start.
_EN_UNIT_CODES = {"square kilometers": "km2", "square kilometres": "km2", "square meters": "m2", "square metres": "m2",
                  "kilometers": "km", "kilometres": "km", "km": "km", "tons": "t", "tonnes": "t", "hectares": "ha", "mu": "mu",
                  "terawatt-hours": "TWh", "gigawatt-hours": "GWh", "megawatt-hours": "MWh", "kilowatt-hours": "kWh",
                  "watt-hours": "Wh", "kilowatts": "kW", "megawatts": "MW", "gigawatts": "GW", "watts": "W",
                  "cubic meters": "m3", "cubic metres": "m3", "meters": "m", "metres": "m", "centimeters": "cm",
                  "centimetres": "cm", "millimeters": "mm", "millimetres": "mm", "kilograms": "kg", "kg": "kg", "grams": "g",
                  "liters": "l", "litres": "l", "miles": "mi",
                  "kilovolts": "kV", "volts": "V", "inches": "in", "inch": "in",
                  "degrees Celsius": "degC",
                  # Data rates of optical and network links ("800-gigabit module").
                  "terabits": "Tbit", "gigabits": "Gbit", "megabits": "Mbit",
                  # Containers are counted in twenty-foot equivalent units.
                  "TEU": "TEU"}
#: The text every unit of _EN_UNIT_ALTERNATION holds (its optional plural "s" left out).
_EN_UNIT_NEEDLES = tuple(unit.removesuffix("s") for unit in _EN_UNIT_CODES)
_EN_UNIT_ALTERNATION = "|".join(sorted((re.escape(w.removesuffix("s")) + ("s?" if w.endswith("s") else "") for w in _EN_UNIT_CODES),
                                       key=len, reverse=True))
#: A unit "per" another that the quantity keeps ("160 watt-hours per kilogram", "9.8 tonnes per
#: hectare"); a rate per period of time ("a year") is not part of it.
#: An amount of emissions keeps what it measures (guidelines: "86,000 tonnes of carbon dioxide
#: equivalent").
_EN_OF_GAS = r"(?: of (?:carbon dioxide|CO2|carbon|greenhouse gases)(?: equivalent)?)?"
_EN_PER_UNIT = r"(?: per (?:kilogram|hectare|mu|tonne|ton|square (?:metre|meter|kilometre|kilometer)|cubic (?:metre|meter)|litre|liter|hour|second))?"
#: A range of amounts sharing one currency word or unit is one span ("21 billion to 22.5 billion
#: yuan", "minus 25 to 4 degrees Celsius").
_EN_MONEY_RANGE = _gated(re.compile(rf"(?<![\w.-])(?i:{_EN_NUM}){_EN_SCALE} to (?i:{_EN_NUM}){_EN_SCALE} (?:{_EN_CURRENCY_WORDS})(?!\w)"), (" to ",), tuple(_EN_CURRENCY_WORDS.split("|")))
_EN_QUANTITY_RANGE = _gated(re.compile(
    rf"(?<![\w.-])(?:[Mm]inus )?(?i:{_EN_NUM}) to (?:minus )?(?i:{_EN_NUM}){_EN_SCALE} (?:{_EN_UNIT_ALTERNATION})(?![\w-])"
), (" to ",), _EN_UNIT_NEEDLES)
_EN_QUANTITY = _gated(re.compile(
    rf"(?<![\w-])(?:[Mm]inus )?(?i:{_EN_NUM}){_EN_SCALE}(?: |-)(?:{_EN_UNIT_ALTERNATION}){_EN_PER_UNIT}{_EN_OF_GAS}(?![\w-])"
), _EN_UNIT_NEEDLES)
# What is stripped from a measure expression to read its number, for the linking key.
_EN_MEASURE_WORDS = re.compile(rf"[^\w. ]|percentage points?|percent|per cent|{_EN_CURRENCY_WORDS}|RMB|HK|US|"
                               rf" per \w+(?: \w+)?$|{_EN_UNIT_ALTERNATION}")
# An ordinal may open a hyphenated compound ("Second-round"), never a name ("First-Class").
_EN_ORDINAL = re.compile(r"(?<![\w-])(?:\d+(?:st|nd|rd|th)|(?i:" + "|".join(_EN_ORDINALS) + r"))(?!\w|-(?![a-z]))")
_EN_CARDINAL = re.compile(rf"(?<![\w.$-])(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?i:{_EN_NUM_WORD}(?:[ -](?:and )?{_EN_NUM_WORD})*|dozens|hundreds|thousands|millions|billions)){_EN_SCALE}(?![\w%-]|[.,]\d)")
# "one" as a pronoun or article-like word is not a number.
_EN_NOT_CARDINAL = _gated(re.compile(r"(?i:no one|one another|every one|one's|(?<!\w)(?:the|its|this|that|which|any|another|first|second|"
                                      r"third|fourth|fifth|last|next|new|other) one(?![\w-]| (?:hundred|thousand|million|billion|"
                                      r"trillion|of|in)\b))"), re.compile("(?i:one)"))
# A capitalised word; a full stop belongs to it only in an abbreviation ("Co.", "St.") or an initial.
_EN_NAME_WORD = r"(?:No\. \d+(?= [A-Z])|(?:Co|Ltd|Inc|Corp|St|Jr|Bros|No)\.|[A-Z]\.|[A-Z][\w'’-]*[\w'’]|[A-Z])"
_EN_SUFFIXES = {
    "ORG": ("Committee", "Commission", "Council", "Ministry", "Bureau", "Bank", "University", "Academy", "Association",
            "Institute", "Corporation", "Company", "Group", "Administration", "Agency", "Federation", "Organization",
            "Organisation", "Department", "Office", "League", "Court", "Procuratorate", "Government", "Exchange",
            "Securities", "Holdings", "Technologies", "Technology", "Industries", "Foundation", "Authority", "Society",
            "Fund", "Union", "Party", "Cooperative", "Laboratory", "Co.", "Ltd", "Ltd.", "Inc", "Inc.", "Corp.", "LLC",
            "GmbH", "AG", "PLC", "plc", "College", "School", "Limited", "Motors", "Airlines", "Hospital", "LLP", "Holding",
            # Film companies ("Bona Film Studios", "Wanda Pictures").
            "Studio", "Studios", "Pictures",
            # Newspapers are organisations ("Yunnan Daily", "Financial Times").
            "Daily", "Times", "Herald", "Gazette",
            # Factories named as works ("Changchun No. 1 Automobile Works").
            "Works",
            # Broadcasters and news outlets ("Phoenix TV", "Fujian Television", "Macao Daily News").
            "TV", "Television", "Radio", "Broadcasting", "News"),
    "EVENT": ("Conference", "Congress", "Forum", "Summit", "Expo", "Games", "Festival", "War", "Olympics", "Plenum",
              "Convention", "Fair", "Exhibition", "Symposium", "Dialogue", "Championships", "Cup", "Week",
              # Named days are annual festivals ("National Day").
              "Day",
              # Trade and motor shows ("Bangkok International Motor Show").
              "Show"),
    # Russian regions keep their unit word ("Amur Oblast").
    "GPE": ("Province", "City", "County", "Prefecture", "District", "Autonomous Region", "Oblast", "Krai"),
    "LOC": ("River", "Mountains", "Mountain", "Lake", "Sea", "Ocean", "Plateau", "Basin", "Delta", "Desert",
            # Coasts and landforms ("Shandong Peninsula", "Beibu Gulf", "Optics Valley").
            "Peninsula", "Gulf", "Bay", "Strait", "Valley", "Island", "Islands", "Archipelago", "Glacier", "Gorge"),
    # An industrial or science park is a site (FAC), as a port or a station is.
    "FAC": ("Bridge", "Airport", "Port", "Dam", "Railway", "Station", "Square", "Hall", "Museum", "Park", "Terminal", "Stadium",
            # Streets and roads are sites too ("South Pudong Road").
            "Road", "Street", "Avenue", "Boulevard", "Highway", "Expressway",
            # Venues for performances and films ("Gansu Grand Theatre").
            "Theatre", "Theater", "Cinema", "Arena", "Gymnasium", "Tunnel"),
    "LAW": ("Law", "Constitution", "Regulations", "Regulation", "Treaty", "Charter", "Code", "Act", "Directive", "Decree",
            "Agreement", "Accord", "Protocol"),
    # Named services and lines of products ("China-Europe Railway Express").
    "PRODUCT": ("Express",),
}
#: Words for a trade that end a company's name when it has no legal form ("Weihai Haixing
#: Shipbuilding", "Haixi Lithium New Materials"). Alone after one word they are as often a
#: heading or a field ("Green Logistics"), so a name needs two words before the trade word.
_EN_TRADE_SUFFIXES = frozenset("Shipbuilding Shipyard Logistics Shipping Pharmaceutical Pharmaceuticals Electronics Chemical"
                               " Chemicals Materials Medical Textile Textiles Mining Steel Petrochemical Aerospace".split())
#: Head words that name a thing by its kind first and take a phrase after it: "Bank of China",
#: "Ministry of Agriculture and Rural Affairs", "Association of Power Sources", "Forum on Digital
#: Agriculture", "Convention on Biological Diversity".
_EN_HEADS_FIRST = {
    **dict.fromkeys(("Bank", "Ministry", "University", "Department", "Bureau", "Academy", "Institute", "Office", "Court",
                     "Association", "Organization", "Organisation", "Federation", "Commission", "Committee", "Council",
                     "Administration", "Agency", "Society", "Union", "Chamber", "School", "College", "League", "Fund",
                     "Board", "Corporation", "Company"), "ORG"),
    **dict.fromkeys(("Museum", "Port"), "FAC"),
    **dict.fromkeys(("Forum", "Conference", "Summit", "Symposium", "Dialogue", "Expo", "Festival"), "EVENT"),
    **dict.fromkeys(("Law", "Convention", "Treaty", "Agreement", "Regulations", "Protocol"), "LAW"),
}
# Organisations and buildings take "of" ("Bank of China"); events and laws also "on" and "for"
# ("Forum on Digital Agriculture"), never a date ("... Bureau on January 31").
_EN_HEAD_FIRST = re.compile(
    rf"(?<!\w)(?:(?P<head>{'|'.join(h for h, lab in _EN_HEADS_FIRST.items() if lab in ('ORG', 'FAC'))}) of "
    rf"|(?P<head2>{'|'.join(h for h, lab in _EN_HEADS_FIRST.items() if lab in ('EVENT', 'LAW'))}) (?:of|on|for) )(?!{_EN_MONTH}|{_EN_WEEKDAY})"
)
# Capitalised words joined by spaces or by "of (the)", "for (the)", "on", "and", "&" (never "and the",
# which joins two names: "Tsinghua University and the Pearl River Delta").
_EN_JOIN = r"(?: (?:of(?: the)?|for(?: the)?|on(?: the)?|and|&))? "
_EN_CAPITALISED = re.compile(rf"(?<!\w){_EN_NAME_WORD}(?:{_EN_JOIN}{_EN_NAME_WORD})+(?!\w)")
#: A company's legal form after its name, comma and all ("Huawei Technologies Co., Ltd.").
#: European legal forms ("B.V.", "S.A.", "AG") and the lower-case particles of family names in
#: company names ("Van der Berg Waterbouw B.V.") are read too.
_EN_COMPANY = _gated(re.compile(rf"(?<!\w){_EN_NAME_WORD}(?: (?:(?:van|von|der|den|de|du|la|le|di|da) )*{_EN_NAME_WORD})* "
                                r"(?:Co\.,? Ltd\.?|Co\., Limited|Inc\.|Ltd\.|LLC|LLP|GmbH|B\.V\.|N\.V\.|S\.A\.|S\.p\.A\.|AG|plc|PLC)(?![\w.])"),
                     ("Co.", "Inc.", "Ltd.", "LLC", "LLP", "GmbH", "B.V.", "N.V.", "S.A.", "S.p.A.", "AG", "plc", "PLC"))
#: A fraction said in words ("a third", "two thirds", "one quarter"): a count, not an ordinal.
_EN_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                      "tenth": 10, "tenths": 10}
#: A publication named with its year ("Asia Credit Outlook 2026", "Report on Foreign Investment
#: in China 2025", "2025 Sustainability Report"): WORK_OF_ART, the year inside (guidelines).
_EN_PUBLICATION_WORD = r"(?:Outlook|Report|Yearbook|Review|Survey|White Paper|Blue Book)"
_EN_DATED_PUBLICATION = _gated(re.compile(
    rf"(?<![\w-])(?:(?:{_EN_NAME_WORD},? (?:and )?){{0,5}}{_EN_PUBLICATION_WORD}(?:(?: (?:of(?: the)?|for(?: the)?|on|and|in))? {_EN_NAME_WORD}){{0,6}}"
    r" (?:19|20)\d{2}"
    rf"|(?:19|20)\d{{2}} (?:{_EN_NAME_WORD} ){{0,5}}{_EN_PUBLICATION_WORD})(?![\w-])"
), ("Outlook", "Report", "Yearbook", "Review", "Survey", "White Paper", "Blue Book"), ("19", "20"))
#: "half" as a share ("half of it", "at half load"); "first half of 2026" is a DATE, which is
#: longer and wins; "behalf" is a different word.
#: Nouns that say a title names a work ("the memoir", "an exhibition", "publish").
_EN_WORK_NOUNS = (r"(?:exhibitions?|books?|memoirs?|films?|documentar(?:y|ies)|novels?|albums?|songs?|plays?|series|poems?"
                  r"|white papers?|reports?|studies|study|titled|entitled|called|publish(?:es|ed|ing)?"
                  # Kinds of film and stage work ("the comedy \"...\"", "a sequel, \"...\"").
                  r"|movies?|comed(?:y|ies)|dramas?|epics?|thrillers?|sequels?|prequels?|operas?|musicals?|cartoons?)")
#: A quoted title in title case ("Blue and White Across the Seas"): small words may stand inside it.
_EN_TITLE_CASE = r"[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|\d+|a|an|the|of|at|in|on|and|or|to|for|with|from|by|across|over|under))*"
_EN_QUOTED_TITLE = _gated(re.compile(rf"[\"“](?P<t>{_EN_TITLE_CASE})[\"”]"), ('"', "“"))
#: A title set off by commas after its kind ("a white paper, Light Paths 2030, in ...").
_EN_APPOSED_TITLE = re.compile(rf"\b{_EN_WORK_NOUNS}, (?P<t>[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|(?:19|20)\d{{2}}))+)(?=,)")
#: A ship's name after the kind of vessel ("the car carrier Hongshui Pioneer"): a PRODUCT.
_EN_VESSEL = _gated(re.compile(r"\b(?:vessel|ship|tanker|freighter|icebreaker|car carrier|bulk carrier|container ship|cruise ship) "
                               r"(?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3})(?![\w’'-])"),
                    ("vessel", "ship", "tanker", "freighter", "icebreaker", "carrier"))
_EN_HALF = _gated(re.compile(r"(?<![\w-])[Hh]alf(?= (?:of|the|load|capacity)\b)"), ("alf ",))
#: Multipliers are CARDINAL with their "times" (guidelines): "twice", "three times".
_EN_ADVERB_MULTIPLES = {"twice": "2", "thrice": "3"}
#: "N times" is a multiplier only before a comparison ("three times as much"); "watched 30
#: million times" counts occasions, and only the number is annotated there.
_EN_MULTIPLIER = _gated(re.compile(rf"(?<![\w-])(?<!\d )(?:(?i:twice|thrice)|(?P<n>(?i:{_EN_NUM}))(?: to (?P<m>(?i:{_EN_NUM})))? times"
                                   r"(?= (?:as|more|less|higher|lower|larger|greater|bigger|faster|smaller|that of|the)\b))(?![\w-])"),
                        re.compile("(?i:twice|thrice|times)"))
#: A share said as "one in three", "two in five": one CARDINAL, as a fraction is.
_EN_DOZEN = _gated(re.compile(r"(?<![\w-])(?:[Aa]|[Oo]ne) dozen(?![\w-])"), (" dozen",))
_EN_ONE_IN = _gated(re.compile(rf"(?<![\w-])(?i:one|two|three|four|five|\d+) in (?:{_EN_NUM_WORD}|\d+)(?![\w-])"), (" in ",))
_EN_FRACTION = _gated(re.compile(r"(?<!\w)(?i:a|one|two|three|four) (?:thirds?|quarters?|fifths?|tenths?)(?!\w)"), (" third", " quarter", " fifth", " tenth"))
#: Plural nouns whose possessive stays inside a name ("People's Government", "Farmers' Day").
_EN_PLURAL_OWNERS = frozenset("People Farmers Workers Children Women Men Veterans Martyrs Teachers Nations".split())
#: Nouns of an appositive that says what kind of organisation a name is ("Embrapa, Brazil's
#: agricultural research corporation"; "Nordlicht Energiesysteme, a storage firm").
_EN_ORG_NOUNS = frozenset("company firm corporation maker manufacturer producer developer operator bank lender insurer"
                          " group agency institute institution organisation organization association university"
                          " cooperative supplier retailer carrier airline brokerage fund startup start-up consultancy distributor chain".split())
#: The kind of an organisation written before its name ("the Saudi distributor Al-Noor Medical
#: Supplies", "the Kazakh food group Altyn Dala").
_EN_ORG_AFTER_KIND = re.compile(r"\b(?P<kind>[a-z-]+) (?P<name>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})(?![\w'’-]| [A-Z])")
_EN_ORG_APPOSITIVE = re.compile(
    rf"(?<![\w-])(?P<name>{_EN_NAME_WORD}(?: {_EN_NAME_WORD}){{0,3}}), (?:an? |the |[A-Z][\w-]*['’]s )"
    r"(?:[A-Z][\w-]* )?(?P<words>[a-z-]+(?: [a-z-]+){0,3})(?=[,.;:)]|$)"
)
#: A name after a role and "of"/"at" ("purchasing director of Nordlicht Energiesysteme").
_EN_ORG_AFTER_ROLE = re.compile(rf"\b(?P<role>[A-Za-z][a-z-]*) (?:of|at) (?:the )?(?P<name>{_EN_NAME_WORD}(?: {_EN_NAME_WORD}){{0,3}})(?![\w'’-])")
#: A place before the region it lies in ("in Yibin, Sichuan"): the first is a place too.
_EN_PLACE_IN_REGION = re.compile(r"\b(?:in|at|near|from|to|of) (?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?), (?=[A-Z])")
#: A ratio is one CARDINAL ("2.34 to 1", "3:1") where the sentence speaks of a ratio.
_EN_RATIO = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?: to |:)\d+(?:\.\d+)?(?![\w:]|\.\d)")
#: A one-word Chinese place name in pinyin after "in" or "near" ("a blade plant in Hami").
_EN_PINYIN_PLACE = re.compile(r"(?<!\w)(?:in|near) (?P<name>[A-Z][a-z]+(?:['’][a-z]+)?)(?![\w'’-]| [A-Z])")
#: The place of a dateline in capitals ("HEFEI, 14 October 2025 —").
_EN_DATELINE = re.compile(rf"^(?P<place>[A-Z]{{2,}}(?: [A-Z]{{2,}})?), (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?, )?"
                          rf"(?=\d{{1,2}} {_EN_MONTH}|{_EN_MONTH}|{_EN_MONTH_ABBREVIATION})")
#: Titles left out of a name ("Vice Governor", "Mr.").
_EN_TITLE_WORDS = frozenset(
    "General Secretary President Premier Chairman Chairwoman Chair Comrade Vice Deputy Minister Governor Mayor Director"
    " Professor Prof. Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Sir Madam Ambassador Senator Judge Justice Executive Chief Officer"
    " Spokesman Spokeswoman Spokesperson Secretary-General".split()
)
#: Capitalised words that open a sentence or a phrase without being part of a name.
_EN_LEADING_WORDS = frozenset(
    "The A An This That These Those In On At By For From Since Among With Under After Before During Here There When While"
    " Our Its Their His Her My Your We I It As Of To And But Or Every Each All Some Last Next Both Many Most Such Only"
    " Speech Speaking Thank Dear Distinguished Shares".split()
)
#: Role nouns written just before a person's name ("rice farmer Wang Deshun") or after it and a
#: comma ("Markus Feldmann, purchasing director of ...").
_EN_ROLE_NOUNS = frozenset(
    "farmer analyst director chairman chairwoman chair engineer official spokesman spokeswoman spokesperson minister"
    " professor manager president economist researcher scientist expert reporter executive founder head governor mayor"
    " secretary teacher worker resident student owner ambassador officer designer entrepreneur vice-president"
    " vice-chairman deputy leader member correspondent editor lawyer doctor mother father son daughter wife husband".split()
)
#: A surname after a form of address ("Ms Whitfield", "Mr. Gu").
_EN_ADDRESSED = _gated(re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Mx)\.? (?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-Z]?[a-zß-öø-ÿ]+)?)(?![\w'’-]| [A-Z])"), ("Mr", "Ms", "Dr", "Mx"))
_EN_REPORTING = r"(?:said|says|told|added|asked|explained|noted|stressed|wrote|recalled|replied)"
#: A person's name: two or three capitalised words, with initials ("J. K. Rowling").
_EN_PERSON_NAME = re.compile(r"(?<![\w.])(?:[A-Z]\. ?)*[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-Z]?[a-zß-öø-ÿ]+)?"
                             r"(?: (?:[A-Z]\. )?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-Z]?[a-zß-öø-ÿ]+)?){1,2}(?![\w-])")
#: Common Chinese surnames in pinyin (a closed class): a name that opens with one and goes on
#: in pinyin syllables ("Zhou Lanying", "Li Hang") is a person in English text.
_EN_PINYIN_SURNAMES = frozenset(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng"
    " Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Yao Shen Zhong Cui Tan Fan"
    " Liao Shi Jin Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long Tao Mao Hao Gu Gong Shao Wan"
    " Qian Dai Mo Kong Xiang Chang Kang Qi Niu Ou Ouyang Sima Zhuge".split()
)
_PINYIN_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v))"
)
_PINYIN_WORD = re.compile(rf"(?:{_PINYIN_SYLLABLE}['’]?){{1,3}}")
_PINYIN_ONE = re.compile(_PINYIN_SYLLABLE)
_PINYIN_TWO = re.compile(rf"{_PINYIN_SYLLABLE}{{2}}")
#: Nationality, regional, ethnic and religious adjectives (NORP); "-an" forms also as plurals.
_EN_NATIONALITIES = frozenset(
    "American British Chinese European African Asian Japanese Korean German French Italian Spanish Portuguese Russian"
    " Indian Brazilian Kazakh Kazakhstani Canadian Australian Mexican Argentine Argentinian Chilean Peruvian Colombian"
    " Venezuelan Cuban Egyptian Nigerian Kenyan Ethiopian Ghanaian Moroccan Algerian Tanzanian Ugandan Arab Turkish Iranian"
    " Iraqi Israeli Saudi Emirati Qatari Pakistani Afghan Bangladeshi Nepali Sri Lankan Indonesian Malaysian Singaporean"
    " Thai Lao Vietnamese Filipino Burmese Cambodian Laotian Mongolian Tibetan Uyghur Uygur Uzbek Kyrgyz Tajik Turkmen Polish"
    " Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Greek Hungarian Czech Slovak Romanian Bulgarian Serbian"
    " Croatian Ukrainian Belarusian Irish Scottish Welsh Nordic Scandinavian Balkan Caribbean Latin Hui Yi Zhuang Miao Manchu"
    " Uighur Muslim Christian Buddhist Catholic Hindu Jewish Taoist Confucian".split()
) | {"Latin American", "South African", "South Korean", "North Korean", "New Zealand", "Sri Lankan", "Southeast Asian",
     "Central Asian", "East Asian", "North American", "South American", "Middle Eastern", "West African", "East African",
     "North African"}
#: Nouns for one person of a nation ("a Swede who ..."): NORP wherever they stand outside a name.
_EN_NATIONALITY_NOUNS = frozenset("Swede Briton Dane Spaniard Scot".split())
_EN_NATIONALITIES = _EN_NATIONALITIES | _EN_NATIONALITY_NOUNS
#: Languages; those in _EN_LANGUAGE_ONLY name nothing else.
_EN_LANGUAGES = frozenset(
    "English Chinese Mandarin Cantonese Putonghua German French Spanish Portuguese Italian Russian Arabic Japanese Korean"
    " Hindi Urdu Bengali Persian Farsi Turkish Vietnamese Thai Malay Indonesian Dutch Polish Greek Swahili Tibetan Uyghur"
    " Uygur Mongolian Kazakh Yi Zhuang Hebrew Latin Esperanto Tamil Ukrainian Czech Swedish Norwegian Danish Finnish"
    " Hungarian Romanian Filipino Tagalog Burmese Khmer Lao Nepali Uzbek Hausa Amharic Yoruba Zulu".split()
)
_EN_LANGUAGE_ONLY = frozenset("English Mandarin Cantonese Putonghua Arabic Hindi Urdu Bengali Farsi Swahili Esperanto Tagalog"
                              " Khmer Hausa Amharic Yoruba".split())
_EN_GROUP_WORD = "|".join(sorted({*_EN_NATIONALITIES, *_EN_LANGUAGES}, key=len, reverse=True))
# (regex, not re: it finds these words in half the time, measured on the build's sentences.)
_EN_GROUP = regex.compile(rf"(?<![\w-])(?P<w>{_EN_GROUP_WORD})(?P<pl>s)?(?![\w’']|-(?!language))")
#: A list of languages after "in", "into", "from" ("courses in Mandarin, Tibetan and Yi").
_EN_LANGUAGE_WORD = "|".join(sorted(_EN_LANGUAGES, key=len, reverse=True))
_EN_LANGUAGE_LIST = re.compile(
    rf"(?<!\w)(?:in|into|from|speak|speaks|spoke|speaking|learn|learning|learned|learnt|study|studying|teach|taught|teaching|"
    rf"fluent|translate|translated|translating)(?: both)? (?P<list>(?:{_EN_LANGUAGE_WORD})(?:(?:, | and | or |, and |, or )"
    rf"(?:{_EN_LANGUAGE_WORD}))*)(?=\s*(?:[.,;:!?)\"”]|$|(?:and|or|but|through|for|with|by|to|at|on|as|so|because|while|when|"
    rf"via|instead|rather|only|too|well|from|in|of)\b))"
)
#: A film or text "subtitled in" or "dubbed into" a language: whatever follows.
_EN_LANGUAGE_OF_VERSION = _gated(re.compile(rf"(?<!\w)(?:subtitled|dubbed|captioned) (?:in|into) (?P<w>{_EN_LANGUAGE_WORD})(?![\w-])"), ("subtitled", "dubbed", "captioned"))
_EN_LANGUAGE_NOUN = _gated(re.compile(rf"(?<![\w-])(?P<w>{_EN_LANGUAGE_WORD})(?=[ -](?:language|languages|version|versions|translation|"
                                      r"translations|subtitles|edition|editions|speakers?|text|teacher|teachers|courses?|lessons?|"
                                      r"interpreter|interpreters)\b)"),
                           ("language", "version", "translation", "subtitles", "edition", "speaker", "text", "teacher", "course",
                            "lesson", "interpreter"))
#: Words that follow a capitalised word as a verb, not as the noun an adjective qualifies.
_EN_VERB_AFTER = frozenset(f"{_EN_REPORTING[3:-1]}|is|was|are|were|has|had|have|will|would|can|could|may|might|must|should"
                           "|and|or|of|in|on|at|to|by|for|from|with|as|that|who".split("|"))
#: A number right after a capitalised word is part of a name ("Scope 1", "Line 3"), not a count;
#: with a product noun after it, or a code-like word before it, the name is a PRODUCT.
_EN_NAME_NUMBER = re.compile(r"(?<![\w.-])(?P<name>(?:[A-Z][\w-]*[ ])*[A-Z][\w-]*) (?P<n>\d+[A-Za-z]*)(?![\w%-]|[.,]\d)")
_EN_PRODUCT_NOUNS = frozenset(
    "variety varieties cultivar model models drone drones index indices rice wheat maize corn soybean series phone phones"
    " smartphone smartphones car cars aircraft jet jets airliner rocket rockets satellite satellites chip chips processor"
    " cell cells battery batteries vehicle vehicles engine engines tractor tractors harvester harvesters truck trucks"
    " locomotive train trains vaccine vaccines turbine turbines robot robots ship ships vessel reactor".split()
)
#: Codes of models and products: capitals and digits in one word ("DH16-260", "T50", "A320").
_EN_CODE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]*(?:[A-Z]|-)[\w-]*\d[\w-]*|[A-Z]\d[\w-]*\d[\w-]*|[A-Z]{1,3}\d{2,}[A-Za-z]*)(?![\w-])")
#: Codes that name other things: generations, gases, groups of countries, diseases.
_EN_NOT_CODES = frozenset("G7 G8 G20 B20 5G 4G 3G 6G CO2 NO2 SO2 PM2.5 PM10 COVID-19 H1N1 H5N1 SARS-CoV-2 MH370 T20 U20".split())
#: A named storm is an EVENT; its strength ("Super") is no part of the name ("Typhoon Yagi").
_EN_STORM = _gated(re.compile(r"(?<![\w-])(?:Typhoon|Cyclone|Hurricane|Tropical Storm) [A-Z][a-z]+(?![\w'’-])"),
                   ("Typhoon", "Cyclone", "Hurricane", "Storm"))
#: An Indonesian company's legal form before its name ("PT Nusantara Logistik").
_EN_PT_COMPANY = _gated(re.compile(r"(?<!\w)PT (?:[A-Z][\w'’-]+ ?)+(?<! )"), ("PT ",))
#: A brand and a short model code ("Aurora S7", "Kitchy K3"): one PRODUCT.
#: (regex, not re: three times faster here, measured on the build's sentences.)
_EN_BRAND_CODE = regex.compile(r"(?<![\w-])(?P<brand>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?P<code>[A-Z]\d{1,2}[A-Za-z]?)(?![\w-])")
#: A numbered normative document: "the No. 1 Central Document".
_EN_NUMBERED_DOCUMENT = _gated(re.compile(rf"(?<!\w)No\. \d+(?: {_EN_NAME_WORD})* (?:Document|Decree|Order|Directive|Circular|Notice)(?!\w)"), ("No. ",))
_EN_NUMBER_SIGN = _gated(re.compile(r"(?<!\w)No\. \d+(?!\w)"), ("No. ",))
#: The numbered UN climate conferences ("COP30") are events, not product codes.
_EN_CLIMATE_CONFERENCE = _gated(re.compile(r"(?<![\w-])COP ?\d{1,2}(?![\w-])"), ("COP",))
#: A place followed by a lower-case unit word ("Zhaowan village", "Anhui province"): the name.
_EN_PLACE_BEFORE_UNIT = _gated(re.compile(r"(?<![\w-])(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:village|town|township|county|province|city|prefecture|district)(?!\w)"), (" village", " town", " county", " province", " city", " prefecture", " district"))


def entity_candidates(text: str, offset: int, gazetteer: Gazetteer) -> list[Candidate]:
    """Flat mentions proposed for one English sentence (or any English text); document offsets."""
    finds = CandidateFinds(text, offset)
    finds.add_names(gazetteer, "en")
    for m in _EN_CONGRESS.finditer(text):
        number = en_ordinal(m.group("n")) if m.group("n") else None
        finds.add(m, "EVENT", f"cpc-national-congress-{number}" if number else "cpc-national-congress", DOCUMENT, NAMES)
    for m in _EN_PLENUM.finditer(text):
        finds.add(m, "EVENT", f"cpc-{en_ordinal(m.group('n'))}th-central-committee-plenum-{en_ordinal(m.group('p'))}", DOCUMENT, NAMES)
    for m in _EN_BODY.finditer(text):
        if m.group("n1"):
            key = f"cpc-{en_ordinal(m.group('n1'))}th-political-bureau"
        else:
            kind = "central-committee" if m.group("body") == "Central Committee" else "political-bureau"
            key = f"cpc-{en_ordinal(m.group('n2'))}th-{kind}"
        finds.add(m, "ORG", key, DOCUMENT, NAMES)
    _add_groups_and_languages(finds)
    for m in _EN_NUMBERED_DOCUMENT.finditer(text):
        finds.add(m, "LAW", f"law-{slug(m.group())}", DOCUMENT, NAMES, "pattern")
    for m in _EN_COMPANY.finditer(text):
        start, end = _strip_leading(text, m.start(), m.end())
        if " " in text[start:end]:
            # A company named after a known place ("Wuhan ... Co., Ltd.") outranks the place.
            tier = NAMES if _holds_name(finds, start, end) else GUESSES
            finds.add((start, end), "ORG", f"org-{slug(text[start:end])}", DOCUMENT, tier)
    for m in _EN_CAPITALISED.finditer(text):
        for start, end, label in _capitalised_names(text, m.start(), m.end()):
            year = re.search(r"(?<![\w.,-])(?:19|20)\d{2} $", text[:start]) if label == "EVENT" else None
            if year is not None:
                start = year.start()  # the year of an annual event is part of its name ("2025 ... Conference")
            # A name built on a known one ("Bank of China", "South China Sea") is the longer
            # name: it competes with the gazetteer's names, and the longest wins.
            tier = NAMES if _holds_name(finds, start, end) else GUESSES
            finds.add((start, end), label, f"{label.lower()}-{slug(text[start:end])}", DOCUMENT, tier, "guess")
    _add_branch_places(finds, gazetteer)
    _add_people(finds)
    for m in _EN_DATED_PUBLICATION.finditer(text):
        start, end = _strip_leading(text, m.start(), m.end())
        finds.add((start, end), "WORK_OF_ART", f"work_of_art-{slug(text[start:end])}", DOCUMENT, NAMES, "guess")
    _add_works_and_vessels(finds)
    _add_described_names(finds, gazetteer)
    _add_products_and_named_numbers(finds)
    for m in _EN_PLACE_BEFORE_UNIT.finditer(text):
        start, end = _strip_leading(text, m.start("name"), m.end("name"))
        if start < end and text[start:end].split()[0] not in _EN_NATIONALITIES | _EN_LEADING_WORDS:
            finds.add((start, end), "GPE", f"gpe-{slug(text[start:end])}", DOCUMENT, GUESSES)
    for m in _EN_FRACTION.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    for m in _EN_HALF.finditer(text):
        finds.add(m, "CARDINAL", "cardinal-half", BEAD, TEMPORAL)
    for m in _EN_MULTIPLIER.finditer(text):
        count, upper = m.group("n"), m.group("m")
        # A range of multiples ("two to three times as much") is one span, keyed by both ends.
        value = _en_number(count) if count else _EN_ADVERB_MULTIPLES[m.group().lower()]
        finds.add(m, "CARDINAL", f"cardinal-{value}" + (f"-{_en_number(upper)}" if upper else ""), BEAD, NUMBERS)
    for pattern in _EN_DATES:
        for m in pattern.finditer(text):
            start = m.start() + (4 if m.group().startswith("the ") else 0)
            finds.add((start, m.end()), "DATE", _en_date_key(text[start:m.end()]), date_scope(text[start:m.end()]), TEMPORAL)
    for m in _EN_BARE_PERIOD.finditer(text):
        if not _EN_AMOUNT_BEFORE.search(text, 0, m.start()) and not _EN_MEASURED_BEFORE.search(text, 0, m.start()):
            finds.add(m, "DATE", _en_date_key(m.group()), BEAD, TEMPORAL)
    _add_times(finds)
    for pattern, label in ((_EN_PERCENT, "PERCENT"), (_EN_PERCENT_RANGE, "PERCENT"), (_EN_MONEY, "MONEY"),
                           (_EN_MONEY_RANGE, "MONEY"), (_EN_QUANTITY, "QUANTITY"), (_EN_QUANTITY_RANGE, "QUANTITY")):
        for m in pattern.finditer(text):
            value = _en_number(_EN_MEASURE_WORDS.sub(" ", m.group()).strip())
            # A currency may hold a place ("Swiss francs", "US dollars"): the amount with it
            # outranks the place name or people word.
            finds.add(m, label, f"{label.lower()}-{value}", BEAD, NAMES if label == "MONEY" else TEMPORAL)
    quoted_slogans = _english_slogans(text)
    org_starts = {c.start - offset for c in finds.found if c.label == "ORG" and " " in c.text}
    for m in _EN_ORDINAL.finditer(text):
        # The ordinal of a numbered body belongs to its name (guidelines): "Fourth Military
        # Medical University".
        if not inside(m.start(), m.end(), quoted_slogans) and m.start() not in org_starts:
            finds.add(m, "ORDINAL", f"ordinal-{en_ordinal(m.group())}", BEAD, NUMBERS)
    for m in _EN_DOZEN.finditer(text):
        finds.add(m, "CARDINAL", "cardinal-12", BEAD, TEMPORAL)
    for m in _EN_ONE_IN.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    for m in re.finditer(r"(?<!\w)US dollars?(?!\w)", text):
        finds.add(m, None, "", OWN, NAMES)  # a currency named without an amount: no place, no MONEY (guidelines)
    blocked = [(b.start(), b.end()) for b in _EN_NOT_CARDINAL.finditer(text)]
    for m in _EN_CARDINAL.finditer(text):
        if not inside(m.start(), m.end(), quoted_slogans) and not any(s < m.end() and m.start() < e for s, e in blocked):
            finds.add(m, "CARDINAL", f"cardinal-{_en_number(m.group())}", BEAD, NUMBERS)
    return flatten(finds.found)


def _strip_leading(text: str, start: int, end: int, titles: bool = True) -> tuple[int, int]:
    # Leave out leading determiners, sentence-opening words and titles, as the guidelines say.
    while True:
        word = re.match(r"[^\s]+", text[start:end])
        if word is None or " " not in text[start:end]:
            return start, end
        # A lower-case word ("of" after a stripped title) is no part of a name either.
        title = titles and word.group() in _EN_TITLE_WORDS
        # "Astana-based Steppe Energy": the place a firm is based in stands outside its name.
        based = word.group().endswith("-based")
        if word.group() not in _EN_LEADING_WORDS and not title and not based and not word.group()[0].islower():
            return start, end
        start += len(word.group()) + 1


#: A company's organs, named alike in every report (guidelines: "the Board" is no name).
_EN_COMPANY_ORGANS = frozenset({"Board of Directors", "Board of Supervisors", "Supervisory Board"})

#: Words before "Centre" that make the centre a building (FAC) rather than a body (ORG).
_EN_SITE_CENTRES = frozenset("Convention Exhibition Conference Congress Expo Fulfilment Fulfillment Distribution Logistics Data"
                             " Shopping Sports Cultural Culture Arts Performing Visitor Visitors Trade Financial Medical".split())


def _name_label(phrase: str) -> str | None:
    # The label a capitalised phrase's last word gives it, or that of a head word followed by
    # "of" ("Association of Power Sources"); None when it has neither.
    label = next((lab for lab, heads in _EN_SUFFIXES.items() if phrase.endswith(heads) and phrase.split()[-1] in heads), None)
    words = phrase.split()
    if label is None and words[-1] in _EN_TRADE_SUFFIXES and len(words) >= 3 and words[-3][0].isupper() and words[-2][0].isupper():
        # Two name words right before the trade word; a joined heading ("Water, Energy and
        # Materials") is no company.
        label = "ORG"
    if label is None and phrase.endswith(("Autonomous Region", " New Area")):
        label = "GPE"
    if label is None and len(phrase.split()) > 1 and phrase.split()[-1] in ("Centre", "Center"):
        # A centre is a site when it names a building's use ("Convention Centre"), otherwise
        # the body that runs it ("Innovation Centre").
        label = "FAC" if phrase.split()[-2] in _EN_SITE_CENTRES else "ORG"
    return label


def _capitalised_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The names in one run of capitalised words: split where "and" joins two names that each end
    in a head word ("... Government and Sichuan Agricultural University"); each name starts after
    titles and sentence openers, or at its head word when an "of" phrase precedes it ("Director
    General of the Department of ...")."""
    # Titles are stripped before people, not from the first word of a law or an event
    # ("General Import and Export Tax Law").
    start, end = _strip_leading(text, start, end, titles=_name_label(text[start:end]) not in ("LAW", "EVENT", "PRODUCT"))
    phrase = text[start:end]
    issuer = re.search(r" of (?:the )?(?=[A-Z])", phrase)
    if issuer is not None and " " in phrase[: issuer.start()] and _name_label(phrase[: issuer.start()]) == "LAW" and (
        _name_label(phrase[issuer.end():]) == "ORG"
    ):
        # A law "of" an organisation names its issuer after it: two names ("... Regulation of the
        # European Union"); a law of a country is one name ("Energy Law of the People's Republic of China").
        return [(start, start + issuer.start(), "LAW"), *_capitalised_names(text, start + issuer.end(), end)]
    based = re.search(r" of (?=[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?$)", phrase)
    if based is not None and phrase[: based.start()].split()[-1] in _EN_TRADE_SUFFIXES and (
        _name_label(phrase[: based.start()]) == "ORG" and not _EN_HEAD_FIRST.search(phrase)
    ):
        # "Nordvik Car Logistics of Oslo": a company named by its trade, then the city it is of.
        return [(start, start + based.start(), "ORG")]
    owner = re.search(r"(?<=\w)['’]s? ", phrase)
    # A plural owner before a day or festival is one name ("Teachers' Day", "Singles' Day").
    day = owner is not None and phrase[owner.end():] in ("Day", "Festival") and phrase[: owner.end()].endswith("s' ")
    if owner is not None and phrase[: owner.start()].split()[-1] not in _EN_PLURAL_OWNERS and not day:
        # "European Union's Batteries Regulation": the owner and the owned are two names.
        return [*_capitalised_names(text, start, start + owner.start()), *_capitalised_names(text, start + owner.end(), end)]
    parts = phrase.split(" and ")
    # A one-word part is no name of its own: "University of Science and Technology" is one name.
    # "Department of Industry and Information Technology": a field joined inside an "of" phrase
    # is part of one name, not a second one.
    field = len(parts) == 2 and _EN_HEAD_FIRST.search(parts[0]) is not None and parts[1].endswith("Technology")
    if len(parts) > 1 and not field and all(" " in part and (_name_label(part) or _EN_HEAD_FIRST.search(part)) for part in parts):
        names, cursor = [], start
        for part in parts:
            names.extend(_capitalised_names(text, cursor, cursor + len(part)))
            cursor += len(part) + len(" and ")
        return names
    if len(parts) == 2 and " " in parts[0] and (kind_first := _EN_HEAD_FIRST.match(parts[1])) is not None and (
        _EN_HEADS_FIRST[kind_first.group("head") or kind_first.group("head2")] == "ORG" and _name_label(parts[0]) is None
    ):
        # An unknown name coordinated with an organisation named by its kind is an organisation
        # too: "Standard Chartered and Bank of China" (two banks).
        second = start + len(parts[0]) + len(" and ")
        return [(start, start + len(parts[0]), "ORG"), *_capitalised_names(text, second, end)]
    if phrase in _EN_COMPANY_ORGANS:
        return []
    label = _name_label(phrase)
    head_at = None
    m = _EN_HEAD_FIRST.search(phrase)
    head = None if m is None else m.group("head") or m.group("head2")
    if m is not None and head is not None and (label is None or label == _EN_HEADS_FIRST[head]):
        # "X Head of ...": named by its kind, with what it is of (or on) after it.
        label, head_at = _EN_HEADS_FIRST[head], m.start()
    if label is None or " " not in phrase:
        return []
    if head_at is not None:
        # Start at the run of capitalised words that directly precede the head word.
        before = phrase[:head_at]
        run = re.search(r"(?:[A-Z][\w'’.-]* (?:and )?)*$", before)
        begin = head_at - (len(run.group()) if run else 0)
        start = start + begin
        start, end = _strip_leading(text, start, end)
    if " " not in text[start:end]:
        return []
    return [(start, end, label)]


def _add_groups_and_languages(finds: CandidateFinds) -> None:
    # Languages and nationality adjectives: closed lists, told apart by context.
    text = finds.text
    languages: set[tuple[int, int]] = set()
    for m in _EN_LANGUAGE_LIST.finditer(text):
        for w in re.finditer(_EN_LANGUAGE_WORD, m.group("list")):
            languages.add((m.start("list") + w.start(), m.start("list") + w.end()))
    for m in _EN_LANGUAGE_NOUN.finditer(text):
        languages.add((m.start(), m.end()))
    for m in _EN_LANGUAGE_OF_VERSION.finditer(text):
        languages.add((m.start("w"), m.end("w")))
    for found in _EN_GROUP.finditer(text):
        word, span = found.group("w"), (found.start(), found.end())
        next_word = re.match(r"[ -]([A-Za-z]+)", text[found.end():])
        in_name = next_word is not None and next_word.group(1)[0].isupper()
        if not found.group("pl") and ((word in _EN_LANGUAGE_ONLY and not in_name) or (word in _EN_LANGUAGES and span in languages)):
            _replace_same_span(finds, span)
            finds.add(span, "LANGUAGE", f"language-{slug(word)}", DOCUMENT, NAMES)
            continue
        # Plurals of the "-an" and "-i" adjectives name people ("Europeans", "Saudis").
        if word not in _EN_NATIONALITIES or (found.group("pl") and not word.endswith(("an", "i"))):
            continue
        before = text[: found.start()].rstrip()
        after = re.match(r"\s+([\w’'-]+)", text[found.end():])
        # An adjective: not inside a capitalised name, and before the noun it qualifies.
        if before and before[-1].isalpha() and re.search(r"[A-Z][\w'’.-]*$", before) and not re.search(
            r"(?:^|[.!?:;\"“”]\s*)[A-Z][\w'’-]*$", before
        ):
            continue
        # One of coordinated adjectives before their noun ("Saudi and Emirati investors") or a
        # predicate ("the operators are Mongolian, ...") is an adjective too.
        coordinated = re.match(rf"\s+(?:and|or) (?:[a-z]+ )?(?:{_EN_GROUP_WORD}) [a-z]", text[found.end():]) is not None
        predicate = re.search(r"\b(?:is|are|was|were)\s+$", text[: found.start()]) is not None and re.match(r"\s*[,.;]", text[found.end():])
        if found.group("pl") or coordinated or predicate or word in _EN_NATIONALITY_NOUNS or (
            after is not None and after.group(1)[0].islower() and after.group(1) not in _EN_VERB_AFTER
        ):
            _replace_same_span(finds, span)
            finds.add(span, "NORP", f"norp-{slug(word)}", DOCUMENT, NAMES)


def _add_described_names(finds: CandidateFinds, gazetteer: Gazetteer) -> None:
    # Names that their context describes: an organisation by an appositive or after a role and
    # "of", a place before its region, a dateline's place in capitals, a ratio.
    text = finds.text
    for m in _EN_ORG_APPOSITIVE.finditer(text):
        start, end = _strip_leading(text, m.start("name"), m.end("name"))
        if set(m.group("words").split()) & _EN_ORG_NOUNS and not _labelled(finds, start, end):
            finds.add((start, end), "ORG", f"org-{slug(text[start:end])}", DOCUMENT, GUESSES)
    for m in _EN_ORG_AFTER_KIND.finditer(text):
        start, end = m.start("name"), m.end("name")
        if m.group("kind") in _EN_ORG_NOUNS and not _labelled(finds, start, end) and text[start:end] not in _EN_NATIONALITIES:
            finds.add((start, end), "ORG", f"org-{slug(m.group('name'))}", DOCUMENT, GUESSES)
    for m in _EN_ORG_AFTER_ROLE.finditer(text):
        # Plural roles too ("Analysts at Kestrel Research").
        if m.group("role").lower().removesuffix("s") in _EN_ROLE_NOUNS and not _labelled(finds, m.start("name"), m.end("name")):
            finds.add((m.start("name"), m.end("name")), "ORG", f"org-{slug(m.group('name'))}", DOCUMENT, GUESSES)
    known = [(c.start - finds.offset, c.label) for c in finds.found if c.evidence == "gazetteer"]
    for m in _EN_PLACE_IN_REGION.finditer(text):
        if (m.end(), "GPE") in known and not _labelled(finds, m.start("name"), m.end("name")):
            finds.add((m.start("name"), m.end("name")), "GPE", f"gpe-{slug(m.group('name'))}", DOCUMENT, GUESSES)
    for m in _EN_PINYIN_PLACE.finditer(text):
        name = m.group("name")
        syllables = re.sub(r"['’]", "", name.lower())
        if (len(syllables) > 3 and _PINYIN_WORD.fullmatch(syllables) and name not in _EN_PINYIN_SURNAMES
                and name.lower() not in _EN_COMMON_CAPITALS and not _labelled(finds, m.start("name"), m.end("name"))):
            finds.add((m.start("name"), m.end("name")), "GPE", f"gpe-{slug(name)}", DOCUMENT, GUESSES)
    dateline = _EN_DATELINE.match(text)
    if dateline is not None:
        place = dateline.group("place")
        entry = gazetteer.names_in("en").get(" ".join(w.capitalize() for w in place.split()))
        key, label = entry if entry is not None else (f"gpe-{slug(place)}", "GPE")
        finds.add((0, dateline.end("place")), label, key, DOCUMENT, NAMES if entry else GUESSES, "gazetteer" if entry else "")
    if re.search(r"(?i)\bratios?\b", text):
        for m in _EN_RATIO.finditer(text):
            finds.add(m, "CARDINAL", f"cardinal-ratio-{slug(m.group())}", BEAD, TEMPORAL)


def _add_branch_places(finds: CandidateFinds, gazetteer: Gazetteer) -> None:
    # A known place in brackets right after an organisation's name names its branch there, and
    # is part of the name: "Bank of China (Hong Kong)".
    text, places = finds.text, gazetteer.names_in("en")
    for c in [c for c in finds.found if c.label == "ORG"]:
        end = c.end - finds.offset
        m = re.match(r" \((?P<place>[A-Z][\w ]*)\)", text[end:])
        entry = places.get(m.group("place")) if m is not None else None
        if m is not None and entry is not None and entry[1] == "GPE":
            start = c.start - finds.offset
            name = text[start : end + m.end()]
            finds.add((start, end + m.end()), "ORG", f"org-{slug(name)}", DOCUMENT, NAMES, "guess")


def _add_works_and_vessels(finds: CandidateFinds) -> None:
    # Titles of works, quoted or set off by commas after the kind of work, and ships' names.
    text = finds.text
    for m in _EN_QUOTED_TITLE.finditer(text):
        title = m.group("t")
        # A quoted phrase is a title only next to a word for a work ("the memoir", "a
        # documentary"); quoted slogans and policy names are no entities (guidelines).
        near = text[max(0, m.start() - 40) : m.start()] + " " + text[m.end() : m.end() + 25]
        if " " in title and re.search(rf"\b{_EN_WORK_NOUNS}\b", near) and not re.search(r"\d", title.split()[0]):
            finds.add((m.start("t"), m.end("t")), "WORK_OF_ART", f"work_of_art-{slug(title)}", DOCUMENT, NAMES, "guess")
    for m in _EN_APPOSED_TITLE.finditer(text):
        finds.add((m.start("t"), m.end("t")), "WORK_OF_ART", f"work_of_art-{slug(m.group('t'))}", DOCUMENT, NAMES, "guess")
    for m in _EN_VESSEL.finditer(text):
        start, end = m.start("name"), m.end("name")
        if not _labelled(finds, start, end):
            finds.add((start, end), "PRODUCT", f"product-{slug(m.group('name'))}", DOCUMENT, NAMES, "guess")


def _labelled(finds: CandidateFinds, start: int, end: int) -> bool:
    # Whether a name found so far overlaps start..end of the text.
    start, end = finds.offset + start, finds.offset + end
    return any(c.label is not None and c.tier == NAMES and c.start < end and start < c.end for c in finds.found)


def _replace_same_span(finds: CandidateFinds, span: tuple[int, int]) -> None:
    # A context rule outranks a list entry with the same span ("Chinese" the language).
    start, end = finds.offset + span[0], finds.offset + span[1]
    finds.found[:] = [c for c in finds.found if (c.start, c.end) != (start, end)]


def _add_people(finds: CandidateFinds) -> None:
    # Two or three capitalised words are a person after a title or a role noun, before a
    # reporting verb or ", <role>", or when they are a Chinese name in pinyin; one word is a
    # person after a form of address ("Ms Whitfield", "Mr. Gu").
    text = finds.text
    for m in _EN_ADDRESSED.finditer(text):
        if not _labelled(finds, m.start("name"), m.end("name")):
            finds.add((m.start("name"), m.end("name")), "PERSON", f"person-{slug(m.group('name'))}", DOCUMENT, GUESSES)
    for m in _EN_PERSON_NAME.finditer(text):
        start, end = _strip_leading(text, m.start(), m.end())
        if " " not in text[start:end] and (again := _EN_PERSON_NAME.match(text, start)) is not None:
            # Openers and a title took the match's first words ("As Minister David Otieno"):
            # the name is read again from where they end.
            end = again.end()
        name = text[start:end]
        words_ = name.split()
        if len(words_) < 2 or any(w in _EN_NATIONALITIES or w in _EN_LANGUAGES or re.fullmatch(_EN_MONTH, w) for w in words_):
            continue
        if _name_label(name) is not None or any(w in _EN_TITLE_WORDS or w in _EN_LEADING_WORDS for w in words_[1:]):
            continue
        before = text[:start].rstrip()
        after = text[end:]
        previous = re.search(r"([\w.’'-]+)$", before)
        pinyin = words_[0] in _EN_PINYIN_SURNAMES and all(_PINYIN_WORD.fullmatch(w.lower()) for w in words_[1:])
        titled = previous is not None and (previous.group(1) in _EN_TITLE_WORDS or previous.group(1) in _EN_ROLE_NOUNS)
        # "Hanamaru's president, Okamura Kenji, ...": a role and a comma before the name.
        role_comma = re.search(r"\b([a-z-]+),$", before)
        titled = titled or (role_comma is not None and role_comma.group(1) in _EN_ROLE_NOUNS)
        # "... ," said Rania Haddad": the reporting verb before the name.
        reported = re.match(rf"\s+{_EN_REPORTING}\b", after) is not None or re.search(rf"\b{_EN_REPORTING}$", before) is not None
        described = re.match(r",\s+(?:(?P<who>who)\b|(?:the |a |an |its |their |our |his |her )?(?:[A-Z][\w-]* )?"
                             r"(?P<words>[a-z’'-]+(?: [a-z’'-]+){0,2}))", after)
        roles = set() if described is None else {w.removesuffix("'s").removesuffix("’s") for w in (described.group("words") or "").split()}
        if described is not None and not described.group("who") and not roles & _EN_ROLE_NOUNS:
            described = None
        # A speaker label opening a transcript turn ("Dao Yuxin: Thank you.").
        speaker = not before and re.match(r":\s", after) is not None
        # A reporter naming themself after their outlet's label ("Reuters: Daniel Okafor, Reuters.").
        speaker = speaker or (re.fullmatch(r"[A-Z][\w .’'-]{0,40}:", before) is not None and after.startswith(","))
        if pinyin or titled or reported or speaker or described is not None:
            finds.add((start, end), "PERSON", f"person-{slug(name)}", DOCUMENT, GUESSES)


def _add_products_and_named_numbers(finds: CandidateFinds) -> None:
    # Model codes and named numbers: "HY-Na 160", "CSI 300", "Shuxiang 21 rice"; numbers inside
    # a name are not counts ("Scope 1").
    text = finds.text
    for m in _EN_NUMBER_SIGN.finditer(text):
        finds.add(m, None, "", OWN, NUMBERS)
    for m in _EN_NAME_NUMBER.finditer(text):
        start, end = _strip_leading(text, m.start(), m.end())
        name = text[start : m.start("n")].strip()
        last = name.split()[-1] if name else ""
        if not name or last in _EN_LEADING_WORDS or last in _EN_TITLE_WORDS or last == "No." or re.fullmatch(_EN_MONTH, last):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", m.group("n")) or re.fullmatch(_EN_WEEKDAY, last):
            continue
        following = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?", text[m.end():])
        product_noun = following is not None and bool({following.group(1), following.group(2)} & _EN_PRODUCT_NOUNS)
        # The kind may stand before the name too ("the cultivar Zhengmai 9023").
        product_noun = product_noun or (bool(re.search(r"(?<![\w-])([a-z]+) $", text[:start])) and (
            text[:start].split()[-1] in _EN_PRODUCT_NOUNS))
        code_like = bool(re.search(r"[A-Z].*[A-Z]|-", last))
        if product_noun or code_like:
            finds.add((start, end), "PRODUCT", f"product-{slug(text[start:end])}", DOCUMENT, NUMBERS)
        if last == "Chapter" and m.group("n").isdigit():
            # The number of a chapter says which one it is: an ORDINAL (the gold leaves a
            # report's "Section 3" out, so only chapters).
            finds.add((m.start("n"), m.end("n")), "ORDINAL", f"ordinal-{m.group('n')}", BEAD, NAMES)
        elif not (product_noun or code_like):
            finds.add((m.start("n"), m.end("n")), None, "", OWN, NUMBERS)
    for m in _EN_PT_COMPANY.finditer(text):
        finds.add(m, "ORG", f"org-{slug(m.group())}", DOCUMENT, NUMBERS)
    for brand in _EN_BRAND_CODE.finditer(text):
        start, end = _strip_leading(text, brand.start(), brand.end())
        if " " in text[start:end] and brand.group("code") not in _EN_NOT_CODES:
            finds.add((start, end), "PRODUCT", f"product-{slug(text[start:end])}", DOCUMENT, NUMBERS)
    for m in _EN_STORM.finditer(text):
        finds.add(m, "EVENT", f"event-{slug(m.group())}", DOCUMENT, NAMES, "guess")
    for m in _EN_CLIMATE_CONFERENCE.finditer(text):
        finds.add(m, "EVENT", f"event-{slug(m.group())}", DOCUMENT, NAMES)
    for m in _EN_CODE.finditer(text):
        if m.group() in _EN_NOT_CODES or _EN_CLIMATE_CONFERENCE.pattern.fullmatch(m.group()):
            continue
        # A code takes the capitalised words just before it: "DJI Agras T50".
        run = re.search(r"(?:(?<![\w-])[A-Z][\w-]* )+$", text[: m.start()])
        start = m.start() - (len(run.group()) if run else 0)
        while (opener := re.match(r"[A-Z][a-z]+(?:ed|ing) ", text[start : m.end()])) and start + len(opener.group()) <= m.start():
            start += len(opener.group())  # "Loaded SH-45R containers": a participle is no brand
        while (word := re.match(r"(\S+) ", text[start : m.end()])) and word.group(1).lower() in _EN_UNITS:
            start += len(word.group())  # "Two DJI Agras T50 drones": the count is not the name
        start, end = _strip_leading(text, start, m.end())
        finds.add((start, end), "PRODUCT", f"product-{slug(text[start:end])}", DOCUMENT, NUMBERS)


def _add_times(finds: CandidateFinds) -> None:
    text = finds.text
    for pattern in _EN_TIMES:
        for m in pattern.finditer(text):
            finds.add(m, "TIME", "time-" + slug(m.group()), BEAD, TEMPORAL)
    for pattern in (_EN_DAY_PART_AFTER, _EN_DAY_PART_OF):
        for m in pattern.finditer(text):
            finds.add((m.start("part"), m.end("part")), "TIME", "time-" + m.group("part"), BEAD, TEMPORAL)
    if any(pattern.search(text) for pattern in _EN_TIMES[:3]):
        for m in _EN_BARE_HOUR.finditer(text):
            finds.add((m.start("h"), m.end("h")), "TIME", "time-" + m.group("h"), BEAD, TEMPORAL)


def short_names(text: str, offset: int, names: Sequence[Candidate]) -> list[Candidate]:
    """Short forms, in one English sentence, of person and organisation names found elsewhere in
    the document: a person by the surname ("Feldmann" for "Markus Feldmann"; the first word of a
    Chinese name in pinyin, "Zhou" for "Zhou Lanying"), an organisation by its first word
    ("Huaying" for "Huaying New Energy Technology") when that word is no common word, place or
    adjective. Each takes the key of its full name, so both are one entity."""
    forms: dict[str, Candidate] = {}
    for name in names:
        words_ = name.text.split()
        if name.label not in ("PERSON", "ORG") or name.evidence not in ("guess", "pattern") or len(words_) < 2:
            continue
        if name.label == "PERSON":
            # A Chinese name in pinyin is short for its surname, which comes first: a listed
            # surname, or a one-syllable word before a given name of two ("Dao" for "Dao Yuxin").
            surname_first = words_[0] in _EN_PINYIN_SURNAMES or (
                len(words_) == 2 and _PINYIN_ONE.fullmatch(words_[0].lower()) is not None
                and _PINYIN_TWO.fullmatch(words_[1].lower()) is not None
            )
            short = [words_[0]] if surname_first else [words_[-1]]
        else:
            short = [words_[0]]
        for word in short:
            if (
                re.fullmatch(r"[A-Z][a-z]{2,}", word)
                and word not in _EN_LEADING_WORDS | _EN_TITLE_WORDS | _EN_NATIONALITIES | _EN_LANGUAGES
                and not any(word in heads for heads in _EN_SUFFIXES.values())
                and word not in _EN_HEADS_FIRST
                and word.lower() not in _EN_COMMON_CAPITALS
            ):
                # A family name with particles is one short form ("Van der Berg" for "Van der
                # Berg Waterbouw B.V.").
                particles = re.match(r"(?: (?:van|von|der|den|de|du|la|le|di|da))+ [A-Z][\w’'-]*", name.text[len(word):])
                forms.setdefault(word + particles.group() if name.label == "ORG" and particles else word, name)
    found = []
    for word, name in forms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-]| [A-Z])", text):
            found.append(Candidate(offset + m.start(), offset + m.end(), name.label, name.key, name.scope, GUESSES, word, "guess"))
    return found


#: Capitalised words of organisation names that are ordinary words on their own.
_EN_COMMON_CAPITALS = words(
    "new national international world global general central state people china asian european united first great"
    " royal modern standard digital green smart golden silver eastern western northern southern east west north south"
)


def _holds_name(finds: CandidateFinds, start: int, end: int) -> bool:
    # Whether a gazetteer name found so far lies strictly inside document offsets start..end.
    start, end = finds.offset + start, finds.offset + end
    return any(c.evidence == "gazetteer" and start <= c.start and c.end <= end and (c.start, c.end) != (start, end)
               for c in finds.found)


def _english_slogans(text: str) -> list[tuple[int, int]]:
    # A quoted phrase in title case is a slogan: numbers inside it are not annotated.
    spans = []
    for m in re.finditer(r"[\"“]([^\"“”]{1,60})[\"”]", text):
        words = [w for w in m.group(1).split() if w not in ("of", "and", "the", "for", "in", "on")]
        if words and all(w[:1].isupper() for w in words):
            spans.append((m.start(), m.end()))
    return spans


def _en_date_key(expression: str) -> str:
    m = re.fullmatch(rf"({_EN_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", expression)
    if m:
        return f"date-{m.group(3)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}"
    m = re.fullmatch(rf"(?:(early|mid|late)-)?({_EN_MONTH})(?: (last|this|next) year)?", expression)
    if m:
        year = {"last": "last-year-", "this": "this-year-", "next": "next-year-", None: ""}[m.group(3)]
        part = {"early": "-early", "mid": "-mid", "late": "-late", None: ""}[m.group(1)]
        return f"date-{year}{_MONTHS.index(m.group(2).lower()) + 1:02d}{part}"
    lowered = expression.lower()
    if re.fullmatch(r"(?:recent|past) (?:few |several )?years", lowered):
        return "date-recent-years"
    return "date-" + slug(lowered)


# --- theme cues -------------------------------------------------------------------------------

#: Cue words added to the taxonomy's English keywords, per theme.
THEME_CUES: dict[str, tuple[str, ...]] = {
    "high_quality_development": ("high-quality economic", "modern economic system", "modern socialist country"),
    "science_technology_innovation": (
        "science and technology",
        "technological innovation",
        "technologies",
        "technology",
        "scientific",
        "innovation achievements",
        "fundamental research",
        "basic research",
        "key core technologies",
        "new national system",
        "strategic scientific",
    ),
    "industrial_upgrading": (
        "industries",
        "industrial system",
        "industrial transformation",
        "new industrialization",
        "manufacturing power",
        "quality power",
        "industrial",
        "new industries",
        "industrial chain",
        "upgrading",
    ),
    "digital_economy": ("digital", "cyber", "big data", "platform economy"),
    "agriculture_food_security": ("agricultural machinery", "strong agricultural country", "countryside", "rural areas"),
    "green_development": ("carbon", "environment-friendly", "emissions", "clean energy", "pollution", "lifestyles"),
    "reform_markets": (
        "reforms",
        "deepen reform",
        "market",
        "government",
        "micro-subjects",
        "allocation",
        "production factor",
        "property rights",
        "business environment",
        "private economy",
        "state-owned",
    ),
    "opening_up": ("opening up", "international", "foreign", "trade", "investment", "Belt and Road"),
    "talent_education": (
        "talents",
        "educational",
        "universities",
        "higher education institutions",
        "workers",
        "training",
        "teams",
    ),
    "income_regional_balance": ("income", "regional", "urban and rural", "balanced development", "gap"),
    "security_supply_chains": ("safe", "secure", "supply chain", "food security", "energy security", "reliable"),
    "party_leadership_conduct": (
        "leading officials",
        "cadres",
        "General Secretary",
        "speech",
        "study",
        "outdated views",
        "capability",
        "understanding",
        "work progress",
        "assessment",
    ),
}

#: Themes whose cues count half: ``high_quality_development`` (the guidelines make it primary
#: only when no specific field is) in every cue, and the generic Party cues (a Party body acting
#: as the agent does not make ``party_leadership_conduct`` primary).
THEME_HALF_WEIGHT: dict[str, tuple[str, ...] | None] = {
    "high_quality_development": None,  # every cue
    "party_leadership_conduct": ("Party", "Central Committee", "Political Bureau", "National Congress", "study", "understanding"),
}

#: The opening of a sentence that heads a point.
THEME_HEADING = re.compile(r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly)\b")

THEME_RULES = ThemeRules(cues=THEME_CUES, half_weight=THEME_HALF_WEIGHT, heading=THEME_HEADING, inflection=r"(?:s|es)?")


# --- values of measure expressions (entity projection) -----------------------------------------

#: Currency words and signs -> ISO 4217 code.
_EN_CURRENCY_CODES = {"yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "¥": "CNY", "us dollars": "USD", "dollars": "USD",
                      "us$": "USD", "$": "USD", "euros": "EUR", "€": "EUR", "hk$": "HKD", "hong kong dollars": "HKD",
                      "swiss francs": "CHF", "francs": "CHF", "yen": "JPY", "pounds sterling": "GBP", "pounds": "GBP",
                      "£": "GBP", "roubles": "RUB", "rubles": "RUB", "tenge": "KZT",
                      "rupiah": "IDR", "baht": "THB", "ringgit": "MYR", "rupees": "INR", "won": "KRW", "pesos": "MXN",
                      "reais": "BRL", "rand": "ZAR", "dirhams": "AED", "riyals": "SAR", "dong": "VND",
                      "a$": "AUD", "au$": "AUD", "c$": "CAD", "nz$": "NZD", "s$": "SGD", "lira": "TRY", "naira": "NGN",
                      "cedis": "GHS", "birr": "ETB", "zloty": "PLN", "kronor": "SEK", "krona": "SEK", "kronur": "ISK",
                      "hryvnias": "UAH", "lari": "GEL", "taka": "BDT", "kip": "LAK", "riel": "KHR", "kyat": "MMK",
                      "tugriks": "MNT"}
# Currency words that several countries share ("shillings", "som", "dinars") have no one code:
# read_measure keeps the words themselves as the unit, so that only the same words match.
_EN_UNIT_WORDS = {code: word for word, code in reversed(_EN_UNIT_CODES.items())}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_AMOUNT = rf"(?P<n>(?i:{_EN_NUM}){_EN_SCALE})"
_EN_READERS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(rf"{_EN_AMOUNT}(?P<u>%| percent| per cent| percentage points?)")),
    ("money", re.compile(rf"(?P<c>{_EN_CURRENCY_SIGNS}) ?(?P<n>\d+(?:,\d{{3}})*(?:\.\d+)?{_EN_SCALE})")),
    ("money", re.compile(rf"{_EN_AMOUNT} (?P<c>(?i:RMB|renminbi|{_EN_CURRENCY_WORDS}))")),
    ("money", re.compile(rf"{_EN_AMOUNT} (?P<c>{_EN_SHARED_CURRENCY})")),
    ("quantity", re.compile(rf"{_EN_AMOUNT}(?: |-)(?P<u>{_EN_UNIT_ALTERNATION})")),
]
_EN_DATE_READERS = [
    re.compile(rf"(?P<m>{_EN_MONTH})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? (?P<y>\d{{4}}))?"),
    re.compile(rf"(?P<d>\d{{1,2}}) (?P<m>{_EN_MONTH})(?: (?P<y>\d{{4}}))?"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?P<y>(?:1[89]|20)\d{2})"),
]
#: Durations ("30 days", "a 14-day") read as quantities in time units, so that they match the
#: other language's rendering of the same span; they stay out of the quantity units that
#: :func:`find_measures` looks for (a bare "days" after a number is too often not a value).
_EN_DURATION_UNITS = {"minute": "min", "hour": "h", "day": "d", "week": "wk", "month": "mo", "year": "a"}
_EN_DURATION = re.compile(rf"{_EN_AMOUNT}(?: |-)(?P<u>minute|hour|day|week|month|year)s?")
#: A time of day in the twelve- or twenty-four-hour clock ("9 a.m.", "4:30 p.m.", "14:00").
_EN_CLOCK = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?: ?(?P<p>[ap]\.m\.|[ap]m))?")
_EN_ORDINAL_WORDS = {value: word for word, value in _EN_ORDINALS.items()}
_EN_NUMBER_WORDS = {value: word for word, value in _EN_UNITS.items() if value < 100}


def en_amount(text: str) -> Fraction | None:
    """The exact value of an English number expression ("1.2 million", "twenty-five",
    "a third", "3,500"), or None when it is not one."""
    parts = text.lower().replace(",", "").replace("-", " ").split()
    if len(parts) == 2 and parts[1] in _EN_FRACTION_WORDS and parts[0] in ("a", "one", "two", "three", "four"):
        numerator = 1 if parts[0] == "a" else _EN_UNITS[parts[0]]
        return Fraction(numerator, _EN_FRACTION_WORDS[parts[1]])
    total, current, seen = Fraction(0), Fraction(0), False
    for part in parts:
        if re.fullmatch(r"\d+(?:\.\d+)?", part):
            current += Fraction(part)
        elif part in _EN_UNITS:
            unit = _EN_UNITS[part]
            if unit >= 1000:
                total += max(current, Fraction(1)) * unit
                current = Fraction(0)
            elif unit == 100:
                current = max(current, Fraction(1)) * 100
            else:
                current += unit
        elif part != "and":
            return None
        seen = True
    return total + current if seen else None


def read_measure(text: str) -> Measure | None:
    """The value of one English expression: a percent, money, a quantity, a date, an ordinal or
    a number, a duration or a time of day ("9 percent", "5 billion yuan", "300 hectares", "18 April 2025",
    "11th", "a third", "30 days", "4:30 p.m.")."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    for kind, pattern in _EN_READERS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        amount = en_amount(m.group("n"))
        if amount is None:
            return None
        if kind == "percent":
            return Measure("percent", amount, "point" if "point" in m.group("u") else "%")
        if kind == "money":
            currency = m.group("c").lower()
            return Measure("money", amount, _EN_CURRENCY_CODES.get(currency, currency))
        unit = m.group("u")
        code = _EN_UNIT_CODES.get(unit) or _EN_UNIT_CODES.get(unit.lower()) or _EN_UNIT_CODES.get(unit.lower() + "s")
        # A unit the pattern takes but the table lacks (a word cut short, "degrees Celsiu") is unread.
        return None if code is None else Measure("quantity", amount, code)
    m = _EN_DURATION.fullmatch(text)
    if m is not None:
        amount = en_amount(m.group("n"))
        return None if amount is None else Measure("quantity", amount, _EN_DURATION_UNITS[m.group("u").lower()])
    m = _EN_CLOCK.fullmatch(text)
    if m is not None and (m.group("m") or m.group("p")):
        return _clock(int(m.group("h")), int(m.group("m") or 0), (m.group("p") or "").lower()[:1])
    for pattern in _EN_DATE_READERS:
        m = pattern.fullmatch(text)
        if m is not None:
            groups = m.groupdict()
            month = groups.get("m")
            month_number = None if month is None else (int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1)
            return Measure("date", date=(_int_or_none(groups.get("y")), month_number, _int_or_none(groups.get("d"))))
    ordinal = en_ordinal(text)
    if ordinal is not None:
        return Measure("ordinal", Fraction(ordinal))
    amount = en_amount(text)
    return None if amount is None else Measure("number", amount)


def _clock(hour: int, minute: int, period: str) -> Measure | None:
    """A time of day from the hour, the minute and "a", "p" or "" (no period given)."""
    if minute > 59 or hour > 23 or (period and not 1 <= hour <= 12):
        return None
    if period:
        hour = hour % 12 + (12 if period == "p" else 0)
    return Measure("time", Fraction(hour * 60 + minute))


def _int_or_none(text: str | None) -> int | None:
    return None if text is None else int(text)


_EN_VALUE_SPANS: list[_Scanner] = [
    _EN_PERCENT, _EN_MONEY, _EN_QUANTITY, *_EN_DATES[:3], _EN_DATES[-1], _EN_FRACTION, _EN_ORDINAL, _EN_CARDINAL,
]


def find_measures(text: str) -> list[tuple[int, int, Measure]]:
    """Every expression with a value in an English text, longest first where they overlap."""
    found = []
    for pattern in _EN_VALUE_SPANS:
        for m in pattern.finditer(text):
            start = m.start() + (4 if m.group().startswith("the ") else 0)
            measure = read_measure(text[start:m.end()])
            if measure is not None:
                found.append((start, m.end(), measure))
    placed: list[tuple[int, int, Measure]] = []
    for start, end, measure in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if not any(start < e and s < end for s, e, _ in placed):
            placed.append((start, end, measure))
    return sorted(placed, key=lambda f: f[0])


def decimal_text(amount: Fraction) -> str | None:
    """``amount`` as plain decimal digits ("1.25"), or None when it has no short decimal form."""
    for places in range(0, 7):
        scaled = amount * 10**places
        if scaled.denominator == 1:
            digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
            sign = "-" if amount < 0 else ""
            return sign + (digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}")
    return None


def _render_amount(amount: Fraction, variant: int) -> str:
    if amount.denominator != 1 and amount < 1 and decimal_text(amount * 10) is None:
        word = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 10: "tenth"}[amount.denominator]
        count = amount.numerator
        return f"a {word}" if count == 1 else f"{_EN_NUMBER_WORDS[count]} {word}s"
    if variant == 1 and amount.denominator == 1 and 0 < amount < 20:
        return _EN_NUMBER_WORDS[int(amount)]
    for word, scale in reversed(_EN_SCALES.items()):
        if amount >= scale and scale >= 10**6:
            digits = decimal_text(amount / scale)
            if digits is not None and len(digits.replace(".", "")) <= 4:
                return f"{digits} {word}"
    digits = decimal_text(amount)
    assert digits is not None, amount
    whole, _, fraction = digits.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def render_measure(measure: Measure, variant: int = 0) -> str:
    """One English rendering of ``measure``; ``variant`` 1 prefers words and signs."""
    if measure.kind == "date":
        assert measure.date is not None
        year, month, day = measure.date
        month_name = "" if month is None else _MONTHS[month - 1].capitalize()
        if month is None:
            return str(year)
        if day is None:
            return f"{month_name} {year}" if year is not None else month_name
        day_month = f"{day} {month_name}" if variant == 1 else f"{month_name} {day}"
        if year is None:
            return day_month
        return f"{day_month} {year}" if variant == 1 else f"{day_month}, {year}"
    assert measure.amount is not None
    if measure.kind == "time":
        hour, minute = divmod(int(measure.amount), 60)
        if variant == 1:
            return f"{hour:02d}:{minute:02d}"
        return f"{(hour - 1) % 12 + 1}:{minute:02d} {'p.m.' if hour >= 12 else 'a.m.'}"
    if measure.kind == "ordinal":
        value = int(measure.amount)
        if variant == 1 and value in _EN_ORDINAL_WORDS:
            return _EN_ORDINAL_WORDS[value]
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    amount = _render_amount(measure.amount, variant)
    if measure.kind == "percent":
        return f"{amount} percentage points" if measure.unit == "point" else f"{amount}{'%' if variant == 1 else ' percent'}"
    if measure.kind == "money":
        word = {"CNY": "yuan", "USD": "US dollars", "EUR": "euros", "HKD": "Hong Kong dollars", "CHF": "Swiss francs",
                "JPY": "yen", "GBP": "pounds", "RUB": "roubles", "KZT": "tenge", "IDR": "rupiah", "THB": "baht",
                "MYR": "ringgit", "INR": "rupees", "KRW": "won", "MXN": "pesos", "BRL": "reais", "ZAR": "rand", "AED": "dirhams",
                "SAR": "riyals", "VND": "dong"}[measure.unit]
        return f"{amount} {word}"
    if measure.kind == "quantity":
        duration = next((word for word, code in _EN_DURATION_UNITS.items() if code == measure.unit), None)
        if duration is not None:
            return f"{amount} {duration}{'' if measure.amount == 1 else 's'}"
        return f"{amount} {_EN_UNIT_WORDS[measure.unit]}"
    return amount


_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EN_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
#: The part of a period a date names; the codes are shared with every language's reader.
_EN_DATE_PARTS = {"early": "early", "start": "early", "beginning": "early", "mid": "mid", "middle": "mid",
                  "late": "late", "end": "late"}
_EN_SHIFTS = {"last": -1, "previous": -1, "this": 0, "the": 0, "next": 1}
_EN_HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_M = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
     r"jan\.|feb\.|mar\.|apr\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.)"
#: A year, named or counted from the text's ("2026", "last year", "the year", "fiscal year 2025").
_Y = r"(?:(?:(?:fiscal |financial )?year )?(?P<y>(?:1[89]|20)\d{2})(?: (?:fiscal|financial) year)?|(?P<ry>last|previous|this|the|next) year)"
#: (regex, not re: a year may be written in one of two places, both groups named y.)
_EN_REFERENTS = [
    ("year", regex.compile(_Y)),
    ("year-back", regex.compile(r"(?:a|an|one) year (?:earlier|ago)|the previous year")),
    ("day", regex.compile(rf"(?:(?P<p>early|mid|late)[- ])?(?P<m>{_M})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? {_Y})?")),
    ("day", regex.compile(rf"(?P<d>\d{{1,2}}) (?P<m>{_M})(?: {_Y})?")),
    ("day", regex.compile(rf"(?P<rm>last|this|next) (?P<m>{_M})")),
    ("part", regex.compile(rf"(?P<p>early|late) {_Y}")),
    ("part", regex.compile(rf"(?P<p>end|start|beginning|middle) of (?:{_Y}|(?P<m>{_M})(?: (?P<y2>\d{{4}}))?)")),
    ("half", regex.compile(rf"(?P<h>first|second|third|fourth|final|last|1st|2nd|3rd|4th) (?P<k>quarter|half)(?: of {_Y}|,? {_Y})?")),
    ("years", regex.compile(r"(?:from )?(?P<y>\d{4}) to (?P<y2>\d{4})")),
    ("months", regex.compile(rf"(?P<m>{_M}) to (?P<m2>{_M})(?: (?P<y>\d{{4}}))?")),
    ("days", regex.compile(rf"(?P<d>\d{{1,2}}) (?:and|to) (?P<d2>\d{{1,2}}) (?P<m>{_M})(?: (?P<y>\d{{4}}))?")),
    ("days", regex.compile(rf"(?P<m>{_M}) (?P<d>\d{{1,2}}) to (?P<m2>{_M}) (?P<d2>\d{{1,2}})(?:, (?P<y>\d{{4}}))?")),
    ("first-months", regex.compile(rf"(?:the )?first (?P<n>[\w-]+) months of {_Y}")),
    ("ended", regex.compile(rf"(?:(?P<n>[\w-]+) months|(?:fiscal |financial )?year) ended (?P<d>\d{{1,2}}) (?P<m>{_M}) (?P<y>\d{{4}})")),
    ("ended", regex.compile(rf"(?:(?P<n>[\w-]+) months|(?:fiscal |financial )?year) ended (?P<m>{_M}) (?P<d>\d{{1,2}}),? (?P<y>\d{{4}})")),
    ("decade", regex.compile(r"(?P<y>(?:1[89]|20)\d)0s")),
    ("decade", regex.compile(r"(?P<p>end|start|beginning|middle) of the decade")),
]


def _en_month(name: str) -> int:
    return next(i + 1 for i, month in enumerate(_MONTHS) if month.startswith(name.rstrip(".")[:3]))


def relative_date(text: str, reference: tuple[int, int, int] | None) -> DateReferent | None:
    """The calendar referent of an English date in a text written on ``reference`` (year,
    month, day; None when unknown): "today" that day, "Tuesday" the Tuesday of its week, "last
    year" and "a year earlier" its year less one, "this September" and a bare "Sept. 16"
    in its year, "late August" the late part of August, "first half of 2026" a half year,
    "2026 to 2030" the range; None when it names none or needs the unknown reference."""
    import datetime

    text = text.strip().lower()
    text = text[4:] if text.startswith("the ") and not text.startswith("the year") else text
    counted, _, weekday = text.rpartition(" ")
    if reference is not None and counted in ("last", "this", "next") and weekday in _EN_WEEKDAYS:
        # "last Thursday" is the latest Thursday before the day of the text, "next Monday" the
        # first one after it, "this Friday" the one of its week.
        shift = _EN_WEEKDAYS.index(weekday) - datetime.date(*reference).weekday()
        if counted == "last" and shift >= 0:
            shift -= 7
        elif counted == "next" and shift <= 0:
            shift += 7
        when = datetime.date(*reference) + datetime.timedelta(days=shift)
        return when.year, when.month, when.day, ""
    if reference is not None and (text in _EN_RELATIVE_DAYS or text in _EN_WEEKDAYS):
        day = datetime.date(*reference)
        shift = _EN_RELATIVE_DAYS[text] if text in _EN_RELATIVE_DAYS else _EN_WEEKDAYS.index(text) - day.weekday()
        when = day + datetime.timedelta(days=shift)
        return when.year, when.month, when.day, ""
    for kind, pattern in _EN_REFERENTS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        found = m.groupdict()
        shift = _EN_SHIFTS.get(found.get("ry") or found.get("rm") or "this", 0)
        if kind == "year-back":
            shift = -1
        year = int(found["y"]) if found.get("y") else int(found["y2"]) if found.get("y2") else (
            None if reference is None else reference[0] + shift)  # a month without its year is of the text's year
        month = _en_month(found["m"]) if found.get("m") else None
        date = int(found["d"]) if found.get("d") else None
        part = _EN_DATE_PARTS.get(found.get("p") or "", "")
        if kind in ("year", "year-back", "day", "part"):
            return year, month, date, part
        if kind == "half":
            order = 4 if found["h"] in ("final", "last") and found["k"] == "quarter" else 2 if found["h"] in ("final", "last") \
                else _EN_HALVES[found["h"]]
            return period_referent(kind, year, None, None, half=("Q" if found["k"] == "quarter" else "H") + str(order))
        if kind in ("years", "months", "days"):
            until = (int(found["y2"]),) if kind == "years" else (_en_month(found["m2"]) if found.get("m2") else month,) \
                + ((int(found["d2"]),) if kind == "days" else ())
            return period_referent(kind, year, month, date, until=until)
        if kind in ("first-months", "ended"):
            # "the year ended ..." counts twelve months.
            count = en_amount(found["n"]) if found.get("n") else Fraction(12)
            return None if count is None else period_referent(kind, year, month, date, months=int(count))
        if found.get("y"):
            return int(found["y"]) * 10, None, None, "decade"
        if reference is None:
            return None
        return reference[0] // 10 * 10, None, None, "decade" + (f"-{part}" if part else "")
    return None


MEASURES = MeasureRules(read=read_measure, find=find_measures, render=render_measure)

# --- comparing text with dictionary glosses (entity projection) ---------------------------------

_GLOSS_STOP_WORDS = words("a an the of and or for to in on at by with from as 's its their his her our this that")
_GLOSS_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
#: Suffixes stripped so that a word and its derivations compare equal (province / provincial,
#: economy / economic, region / regional, partner / partnership); longest first.
_STEM_ENDINGS = ("ship", "ities", "ial", "ies", "ic", "al", "es", "s", "y", "e")


def gloss_key(word: str) -> str:
    """A word as compared with a dictionary gloss: lower case, British spelling as American
    (harbour, centre), derivational suffixes stripped."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    word = re.sub(r"our$", "or", word)
    word = re.sub(r"tre$", "ter", word)
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word


def content_words(text: str) -> list[str]:
    """The content words of an English text (or gloss) as :func:`gloss_key` gives them."""
    return [gloss_key(w) for w in _GLOSS_WORD.findall(text) if w.lower().replace("’", "'") not in _GLOSS_STOP_WORDS]


#: Words of a dictionary's description of a name that say what it names.
_EN_DESCRIPTION_LABELS = {
    "GPE": ("city", "province", "county", "prefecture", "district", "town", "village", "country", "state", "capital",
            "municipality", "autonomous region"),
    "LOC": ("river", "sea", "ocean", "lake", "mountain", "mountains", "island", "islands", "peninsula", "bay", "strait",
            "desert", "plateau", "basin"),
    "ORG": ("company", "bank", "ministry", "university", "party", "organization", "corporation", "agency", "association",
            "committee", "commission", "council"),
}


# Projection asks about the same few glosses for every name it tries: read each once.
@lru_cache(maxsize=1 << 16)
def name_label(name: str, description: str) -> str | None:
    """The label a name suggests by its last word ("Bank of China" has none, "South China Sea"
    LOC) or by the first words of a dictionary's description of it ("prefecture-level city")."""
    head = name.split()[-1] if name.split() else ""
    for label, heads in _EN_SUFFIXES.items():
        if head in heads or name.startswith(tuple(f"{h} of " for h in heads)):
            return label
    first = re.split(r"[,;/(]", description, maxsplit=1)[0].lower()
    if re.search(r"\(\s*(?:c\. )?\d{3,4}\s*-", description):
        return "PERSON"  # born-died years
    for label, cues in _EN_DESCRIPTION_LABELS.items():
        if any(re.search(rf"(?<![\w-]){re.escape(cue)}(?!\w)", first) for cue in cues):
            return label
    return None


_GLOSS_NAME = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?: (?:of |the |and |of the )?[A-Z][\w'’.-]*)*)(?P<rest>.*)$", re.DOTALL)


@lru_cache(maxsize=1 << 16)
def name_of_gloss(gloss: str) -> tuple[str, str]:
    """A gloss split into the name it opens with and the rest ("Haikou prefecture-level city
    ..." -> ("Haikou", " prefecture-level city ...")); ("", gloss) if it opens with no name."""
    gloss = re.sub(r"\s*\([^)]*\)", "", gloss).strip()
    m = _GLOSS_NAME.match(gloss)
    if m is None or gloss.startswith(("CL:", "Taiwan pr.")):
        return "", gloss
    return m.group("name"), m.group("rest")


GLOSS_READING = GlossReading(content_words=content_words, name_label=name_label, name_of_gloss=name_of_gloss)


RULES = LanguageRules(
    code="en",
    name="English",
    scripts=frozenset({"Latn"}),
    sentences=SENTENCE_RULES,
    attribution=ATTRIBUTION,
    entity_candidates=entity_candidates,
    short_names=short_names,
    statistical_entities=STATISTICAL_ENTITIES,
    themes=THEME_RULES,
    measures=MEASURES,
    relative_date=relative_date,
    gloss_reading=GLOSS_READING,
)
