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
from fractions import Fraction

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
from bicorpus.lang import GlossReading, LanguageRules, Measure, MeasureRules, SentenceRules, ThemeRules, words
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
_EN_CONGRESS = re.compile(
    rf"(?<!\w)(?:(?P<n>{_EN_ORD}) (?:CPC |Party )?National Congress(?: of the {_EN_PARTY})?|National Congress of the {_EN_PARTY})(?!\w)"
)
_EN_PLENUM = re.compile(
    rf"(?<!\w)(?P<p>{_EN_ORD}) Plenary Session of the (?P<n>{_EN_ORD}) (?:CPC )?Central Committee(?: of the {_EN_PARTY})?(?!\w)"
)
_EN_BODY = re.compile(
    rf"(?<!\w)(?:Political Bureau of the (?P<n1>{_EN_ORD}) (?:CPC )?Central Committee"
    rf"|(?P<n2>{_EN_ORD}) (?:CPC )?(?P<body>Central Political Bureau|Political Bureau|Central Committee))(?!\w)"
)
_EN_NUM_PLAIN = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|several|few)"
_EN_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_EN_DATES = [
    re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"),
    re.compile(rf"(?<![\w-])\d{{1,2}} {_EN_MONTH}(?: \d{{4}})?(?!\w)"),  # 18 April 2025
    re.compile(rf"(?<!\w)(?:(?:early|mid|late)-)?{_EN_MONTH}(?: \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? \d{{4}}| (?:last|this|next) year)?(?!\w)"),
    re.compile(r"(?<!\w)(?:(?:early|mid|late)-)?\d{1,2}(?:st|th|nd|rd)? (?:century|centuries)(?!\w)"),
    re.compile(r"(?<!\w)(?:recent|past|coming|next|last|previous) (?:few |several |\w+ )?(?:years|decades|months|year|decade)(?!\w)"),
    re.compile(rf"(?<!\w)(?i:{_EN_NUM_PLAIN}) (?:years|months|decades|weeks|days)(?!\w)"),  # durations
    re.compile(r"(?<!\w)(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|(?:[Tt]his|[Ll]ast|[Nn]ext) (?:year|month|week))(?!\w)"),
    re.compile(r"(?<![\w.,-])(?:the )?(?:1[89]|20)\d{2}s?(?!\w|[.,]\d)"),
]
_EN_TIMES = [re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])"), re.compile(r"(?<!\w)(?:this morning|this afternoon|tonight)(?!\w)")]
_EN_NUM_WORD = r"(?:" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"
_EN_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_EN_NUM_WORD}(?:[ -](?:and )?{_EN_NUM_WORD})*)"
_EN_SCALE = r"(?: (?:thousand|million|billion|trillion))?"
_EN_PERCENT = re.compile(rf"(?<!\w)(?i:{_EN_NUM}){_EN_SCALE}(?:%| percent| per cent| percentage points?)(?!\w)")
_EN_MONEY = re.compile(
    rf"(?<!\w)(?:(?:RMB|US\$|\$|¥|€) ?\d+(?:,\d{{3}})*(?:\.\d+)?{_EN_SCALE}|(?i:{_EN_NUM}){_EN_SCALE} (?:yuan|US dollars|dollars|euros))(?!\w)"
)
_EN_QUANTITY = re.compile(
    rf"(?<!\w)(?i:{_EN_NUM}){_EN_SCALE} (?:square kilometers|square kilometres|kilometers|kilometres|km|tons|tonnes|hectares|mu|"
    r"kilowatts|kilowatt-hours|megawatts|gigawatts|cubic meters|meters|metres|kilograms|kg)(?!\w)"
)
# What is stripped from a measure expression to read its number, for the linking key.
_EN_MEASURE_WORDS = re.compile(r"[^\w. ]|percentage points?|percent|per cent|yuan|US dollars|dollars|euros|RMB|US|"
                               r"square kilometers|square kilometres|kilometers|kilometres|km|tons|tonnes|hectares|mu|kilowatts|"
                               r"kilowatt-hours|megawatts|gigawatts|cubic meters|meters|metres|kilograms|kg")
_EN_ORDINAL = re.compile(r"(?<![\w-])(?:\d+(?:st|nd|rd|th)|(?i:" + "|".join(_EN_ORDINALS) + r"))(?![\w-])")
_EN_CARDINAL = re.compile(rf"(?<![\w.$-])(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?i:{_EN_NUM_WORD}(?:[ -](?:and )?{_EN_NUM_WORD})*|dozens|hundreds|thousands|millions|billions)){_EN_SCALE}(?![\w%-])")
# "one" as a pronoun or article-like word is not a number.
_EN_NOT_CARDINAL = re.compile(r"(?i:no one|one another|every one|one's)")
_EN_NAME_WORD = r"(?:[A-Z][\w'’.-]*)"
_EN_SUFFIXES = {
    "ORG": ("Committee", "Commission", "Council", "Ministry", "Bureau", "Bank", "University", "Academy", "Association",
            "Institute", "Corporation", "Company", "Group", "Administration", "Agency", "Federation", "Organization",
            "Organisation", "Department", "Office", "League", "Court", "Procuratorate", "Government"),
    "EVENT": ("Conference", "Congress", "Forum", "Summit", "Expo", "Games", "Festival", "War", "Olympics", "Plenum"),
    "GPE": ("Province", "City", "County", "Prefecture", "District", "Autonomous Region"),
    "LOC": ("River", "Mountains", "Mountain", "Lake", "Sea", "Ocean", "Plateau", "Basin", "Delta"),
    "FAC": ("Bridge", "Airport", "Port", "Dam", "Railway", "Station", "Square", "Hall", "Museum"),
    "LAW": ("Law", "Constitution", "Regulations", "Treaty", "Charter", "Code"),
}
# Capitalised words joined by spaces or by "of (the)", "for (the)", "on", "and" (never "and the",
# which joins two names: "Tsinghua University and the Pearl River Delta").
_EN_JOIN = r"(?: (?:of(?: the)?|for(?: the)?|on|and))? "
_EN_CAPITALISED = re.compile(rf"(?<!\w){_EN_NAME_WORD}(?:{_EN_JOIN}{_EN_NAME_WORD})+(?!\w)")
#: Organisations named by their kind first: "Bank of China", "University of Hong Kong".
_EN_OF_NAME = re.compile(
    rf"(?<!\w)(?P<head>Bank|Ministry|University|Department|Bureau|Academy|Institute|Office|Museum|Port|Court) of(?: the)? {_EN_NAME_WORD}(?: {_EN_NAME_WORD})*(?!\w)"
)
#: A fraction said in words ("a third", "two thirds", "one quarter"): a count, not an ordinal.
_EN_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                      "tenth": 10, "tenths": 10}
_EN_FRACTION = re.compile(r"(?<!\w)(?i:a|one|two|three|four) (?:thirds?|quarters?|fifths?|tenths?)(?!\w)")
_EN_TITLES = ("General Secretary ", "President ", "Premier ", "Chairman ", "Comrade ", "The ", "A ")


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
    for m in _EN_CAPITALISED.finditer(text):
        start, phrase = m.start(), m.group()
        for title in _EN_TITLES:  # leave out titles and determiners, as the guidelines say
            while phrase.startswith(title):
                phrase, start = phrase[len(title):], start + len(title)
        label = next((lab for lab, words in _EN_SUFFIXES.items() if phrase.endswith(words)), None)
        if label is not None and " " in phrase:
            # A name built on a known one ("Bank of China", "South China Sea") is the longer
            # name: it competes with the gazetteer's names, and the longest wins.
            tier = NAMES if _holds_name(finds, start, m.end()) else GUESSES
            finds.add((start, m.end()), label, f"{label.lower()}-{slug(phrase)}", OWN, tier, "guess")
    for m in _EN_OF_NAME.finditer(text):
        label = next(lab for lab, words in _EN_SUFFIXES.items() if m.group("head") in words)
        tier = NAMES if _holds_name(finds, m.start(), m.end()) else GUESSES
        finds.add(m, label, f"{label.lower()}-{slug(m.group())}", OWN, tier, "guess")
    for m in _EN_FRACTION.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    for pattern in _EN_DATES:
        for m in pattern.finditer(text):
            start = m.start() + (4 if m.group().startswith("the ") else 0)
            finds.add((start, m.end()), "DATE", _en_date_key(text[start:m.end()]), date_scope(text[start:m.end()]), TEMPORAL)
    for pattern in _EN_TIMES:
        for m in pattern.finditer(text):
            finds.add(m, "TIME", "time-" + slug(m.group()), BEAD, TEMPORAL)
    for pattern, label in ((_EN_PERCENT, "PERCENT"), (_EN_MONEY, "MONEY"), (_EN_QUANTITY, "QUANTITY")):
        for m in pattern.finditer(text):
            value = _en_number(_EN_MEASURE_WORDS.sub(" ", m.group()).strip())
            finds.add(m, label, f"{label.lower()}-{value}", BEAD, TEMPORAL)
    quoted_slogans = _english_slogans(text)
    for m in _EN_ORDINAL.finditer(text):
        if not inside(m.start(), m.end(), quoted_slogans):
            finds.add(m, "ORDINAL", f"ordinal-{en_ordinal(m.group())}", BEAD, NUMBERS)
    blocked = [(b.start(), b.end()) for b in _EN_NOT_CARDINAL.finditer(text)]
    for m in _EN_CARDINAL.finditer(text):
        if not inside(m.start(), m.end(), quoted_slogans) and not any(s < m.end() and m.start() < e for s, e in blocked):
            finds.add(m, "CARDINAL", f"cardinal-{_en_number(m.group())}", BEAD, NUMBERS)
    return flatten(finds.found)


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
                      "us$": "USD", "$": "USD", "euros": "EUR", "€": "EUR"}
#: Unit words -> unit symbol (singular forms are read too).
_EN_UNIT_CODES = {"square kilometers": "km2", "square kilometres": "km2", "kilometers": "km", "kilometres": "km", "km": "km",
                  "tons": "t", "tonnes": "t", "hectares": "ha", "mu": "mu", "kilowatts": "kW", "kilowatt-hours": "kWh",
                  "megawatts": "MW", "gigawatts": "GW", "cubic meters": "m3", "meters": "m", "metres": "m",
                  "kilograms": "kg", "kg": "kg"}
_EN_UNIT_WORDS = {code: word for word, code in reversed(_EN_UNIT_CODES.items())}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_UNIT_ALTERNATION = "|".join(sorted((re.escape(w.removesuffix("s")) + ("s?" if w.endswith("s") else "") for w in _EN_UNIT_CODES),
                                       key=len, reverse=True))
_EN_AMOUNT = rf"(?P<n>(?i:{_EN_NUM}){_EN_SCALE})"
_EN_READERS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(rf"{_EN_AMOUNT}(?P<u>%| percent| per cent| percentage points?)")),
    ("money", re.compile(rf"(?P<c>RMB|US\$|\$|¥|€) ?(?P<n>\d+(?:,\d{{3}})*(?:\.\d+)?{_EN_SCALE})")),
    ("money", re.compile(rf"{_EN_AMOUNT} (?P<c>(?i:yuan|RMB|renminbi|US dollars|dollars|euros))")),
    ("quantity", re.compile(rf"{_EN_AMOUNT} (?P<u>{_EN_UNIT_ALTERNATION})")),
]
_EN_DATE_READERS = [
    re.compile(rf"(?P<m>{_EN_MONTH})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? (?P<y>\d{{4}}))?"),
    re.compile(rf"(?P<d>\d{{1,2}}) (?P<m>{_EN_MONTH})(?: (?P<y>\d{{4}}))?"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?P<y>(?:1[89]|20)\d{2})"),
]
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
    a number ("9 percent", "5 billion yuan", "300 hectares", "18 April 2025", "11th", "a third")."""
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
            return Measure("money", amount, _EN_CURRENCY_CODES[m.group("c").lower()])
        unit = m.group("u").lower()
        return Measure("quantity", amount, _EN_UNIT_CODES.get(unit) or _EN_UNIT_CODES[unit + "s"])
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


def _int_or_none(text: str | None) -> int | None:
    return None if text is None else int(text)


_EN_VALUE_SPANS = [
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
        word = {"CNY": "yuan", "USD": "US dollars", "EUR": "euros"}[measure.unit]
        return f"{amount} {word}"
    if measure.kind == "quantity":
        return f"{amount} {_EN_UNIT_WORDS[measure.unit]}"
    return amount


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
    statistical_entities=STATISTICAL_ENTITIES,
    themes=THEME_RULES,
    measures=MEASURES,
    gloss_reading=GLOSS_READING,
)
