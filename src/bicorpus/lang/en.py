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
from bicorpus.lang import LanguageRules, SentenceRules, ThemeRules, words
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
            "Organisation", "Department", "Office", "League", "Court", "Procuratorate"),
    "EVENT": ("Conference", "Congress", "Forum", "Summit", "Expo", "Games", "Festival", "War", "Olympics", "Plenum"),
    "GPE": ("Province", "City", "County", "Prefecture", "District", "Autonomous Region"),
    "LOC": ("River", "Mountains", "Mountain", "Lake", "Sea", "Ocean", "Plateau", "Basin", "Delta"),
    "FAC": ("Bridge", "Airport", "Port", "Dam", "Railway", "Station", "Square", "Hall"),
    "LAW": ("Law", "Constitution", "Regulations", "Treaty", "Charter", "Code"),
}
# Capitalised words joined by spaces or by "of (the)", "for (the)", "on", "and" (never "and the",
# which joins two names: "Tsinghua University and the Pearl River Delta").
_EN_JOIN = r"(?: (?:of(?: the)?|for(?: the)?|on|and))? "
_EN_CAPITALISED = re.compile(rf"(?<!\w){_EN_NAME_WORD}(?:{_EN_JOIN}{_EN_NAME_WORD})+(?!\w)")
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
            finds.add((start, m.end()), label, f"{label.lower()}-{slug(phrase)}", OWN, GUESSES)
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


RULES = LanguageRules(
    code="en",
    name="English",
    scripts=frozenset({"Latn"}),
    sentences=SENTENCE_RULES,
    attribution=ATTRIBUTION,
    entity_candidates=entity_candidates,
    statistical_entities=STATISTICAL_ENTITIES,
    themes=THEME_RULES,
)
