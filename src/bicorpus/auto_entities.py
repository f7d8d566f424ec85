"""Automatic entity pre-annotation of a document pair that has no gold entity file.

The result has the shape of the gold (:class:`~bicorpus.annotation_files.Entity` with mentions
in both languages) and follows ``docs/annotation_guidelines.md`` as far as rules can, so that
it can be scored against the gold by :mod:`bicorpus.annotation_eval`. This module never reads
a gold file: it knows only the two texts, the sentence beads and the shipped gazetteer
(``bicorpus/schema/gazetteer.json``).

Method, per sentence (a mention never crosses a sentence boundary):

1. **Names**: the hand-written bilingual gazetteer (``bicorpus/schema/gazetteer.json``), plus
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
   Chinese jieba POS tags ``nr`` (person, with a surname check and a rarity check),
   ``ns`` (place, only with an administrative or geographic suffix) and ``nt``
   (organisation, only with an organisation suffix). Plain jieba tags are far too noisy in
   policy prose (it tags 高水平 and 陈旧 as person names, 深度 as a place), hence the filters.

Candidates are made flat per language: a lower tier never overrides a higher one and, within
a tier, the longest candidate wins, then the leftmost.

Linking: every mention carries a *key*. Gazetteer entries and numbered congresses, plenums
and bodies are referents in their own right, and absolute dates are too, so equal keys are
one entity across the whole document. Numbers, relative dates and times only mean the same
thing when they translate each other, so their English and Chinese mentions are linked only
within one sentence bead. Unknown names cannot be linked across scripts; each is its own
entity.

spaCy was considered for English and not adopted: the English pipelines are published as
release assets of the spaCy project, not on PyPI (the PyPI names that carry them are
third-party re-uploads), so they cannot be installed offline from a registry we trust.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bicorpus.annotation_files import Entity, EntityMention
from bicorpus.errors import CorpusError
from bicorpus.package_data import read_json_or_shipped, schema
from bicorpus.validated_files import check_against_schema

__all__ = [
    "GAZETTEER",
    "Candidate",
    "Gazetteer",
    "annotate_entities",
    "chinese_candidates",
    "english_candidates",
    "load_gazetteer",
]

#: Names of the shipped gazetteer and its schema in :mod:`bicorpus.package_data`.
GAZETTEER = "gazetteer.json"
GAZETTEER_SCHEMA = "gazetteer.schema.json"

#: Offsets of the English and of the Chinese sentences of one sentence bead.
SentenceBead = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]

# Tiers: a candidate of a lower number is placed first and blocks overlapping later ones.
_NAMES, _TEMPORAL, _NUMBERS, _GUESSES = 1, 2, 3, 4

# Link scopes (see the module docstring).
DOCUMENT, BEAD, OWN = "document", "bead", "own"


@dataclass(frozen=True)
class Candidate:
    """One proposed mention; ``label`` None marks a not-an-entity expression that only blocks."""

    start: int
    end: int
    label: str | None
    key: str  # linking key: equal keys are the same referent (within ``scope``)
    scope: str
    tier: int
    text: str


@dataclass(frozen=True, eq=False)  # hashed by identity, so the compiled patterns can be cached
class Gazetteer:
    """Names by language: ``names[lang]`` maps a name to (entry id, label), longest names first."""

    names: dict[str, dict[str, tuple[str, str]]]
    not_entities: dict[str, tuple[str, ...]]


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read and validate the gazetteer (default: the shipped one); a name may belong to one entry only."""
    data, where = read_json_or_shipped(path, GAZETTEER)
    check_against_schema(data, schema(GAZETTEER_SCHEMA), where)
    names: dict[str, dict[str, tuple[str, str]]] = {"en": {}, "zh": {}}
    seen: set[str] = set()
    for i, entry in enumerate(data["entries"]):
        if entry["id"] in seen:
            raise CorpusError(where, f"duplicate id {entry['id']!r}", f"/entries/{i}/id")
        seen.add(entry["id"])
        for lang in ("en", "zh"):
            for j, name in enumerate(entry[lang]):
                if name in names[lang]:
                    other = names[lang][name][0]
                    raise CorpusError(where, f"{lang} name {name!r} is already a name of {other!r}", f"/entries/{i}/{lang}/{j}")
                names[lang][name] = (entry["id"], entry["label"])
    ordered = {lang: dict(sorted(table.items(), key=lambda item: (-len(item[0]), item[0]))) for lang, table in names.items()}
    return Gazetteer(ordered, {lang: tuple(data["not_entities"][lang]) for lang in ("en", "zh")})


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


@lru_cache(maxsize=4)
def _name_pattern(gazetteer: Gazetteer, lang: str) -> re.Pattern[str]:
    # One alternation, longest names first, so the regex engine prefers the longest name.
    alternatives = sorted([*gazetteer.names[lang], *gazetteer.not_entities[lang]], key=lambda n: (-len(n), n))
    body = "|".join(re.escape(name) for name in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if lang == "en" else f"(?:{body})")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


# --- numbers ----------------------------------------------------------------------------------

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
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]


def zh_number(text: str) -> int | None:
    """Value of a Chinese or Arabic numeral (二十 → 20, 十一 → 11, 2024 → 2024); None if not one."""
    if text.isdigit():
        return int(text)
    if all(ch in _ZH_DIGITS for ch in text) and len(text) > 1:  # digit by digit: 二〇二四
        return int("".join(str(_ZH_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= 10**4:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


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
    value, current = 0, 0
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
            return _slug(text)
    return str(value + current)


def _zh_value(text: str) -> str:
    value = zh_number(text)
    return str(value) if value is not None else text


# --- English ----------------------------------------------------------------------------------

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


def english_candidates(text: str, offset: int = 0, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Flat mentions proposed for one English sentence (or any English text); document offsets."""
    gazetteer = gazetteer or _default_gazetteer()
    found: list[Candidate] = []

    def add(match: re.Match[str] | tuple[int, int], label: str | None, key: str, scope: str, tier: int) -> None:
        start, end = (match.start(), match.end()) if isinstance(match, re.Match) else match
        found.append(Candidate(offset + start, offset + end, label, key, scope, tier, text[start:end]))

    for m in _name_pattern(gazetteer, "en").finditer(text):
        entry = gazetteer.names["en"].get(m.group())
        if entry is None:
            add(m, None, "", OWN, _NAMES)
        else:
            add(m, entry[1], entry[0], DOCUMENT, _NAMES)
    for m in _EN_CONGRESS.finditer(text):
        number = en_ordinal(m.group("n")) if m.group("n") else None
        add(m, "EVENT", f"cpc-national-congress-{number}" if number else "cpc-national-congress", DOCUMENT, _NAMES)
    for m in _EN_PLENUM.finditer(text):
        add(m, "EVENT", f"cpc-{en_ordinal(m.group('n'))}th-central-committee-plenum-{en_ordinal(m.group('p'))}", DOCUMENT, _NAMES)
    for m in _EN_BODY.finditer(text):
        if m.group("n1"):
            key = f"cpc-{en_ordinal(m.group('n1'))}th-political-bureau"
        else:
            kind = "central-committee" if m.group("body") == "Central Committee" else "political-bureau"
            key = f"cpc-{en_ordinal(m.group('n2'))}th-{kind}"
        add(m, "ORG", key, DOCUMENT, _NAMES)
    for m in _EN_CAPITALISED.finditer(text):
        start, phrase = m.start(), m.group()
        for title in _EN_TITLES:  # leave out titles and determiners, as the guidelines say
            while phrase.startswith(title):
                phrase, start = phrase[len(title):], start + len(title)
        label = next((lab for lab, words in _EN_SUFFIXES.items() if phrase.endswith(words)), None)
        if label is not None and " " in phrase:
            add((start, m.end()), label, f"{label.lower()}-{_slug(phrase)}", OWN, _GUESSES)
    for pattern in _EN_DATES:
        for m in pattern.finditer(text):
            start = m.start() + (4 if m.group().startswith("the ") else 0)
            add((start, m.end()), "DATE", _en_date_key(text[start:m.end()]), _date_scope(text[start:m.end()]), _TEMPORAL)
    for pattern in _EN_TIMES:
        for m in pattern.finditer(text):
            add(m, "TIME", "time-" + _slug(m.group()), BEAD, _TEMPORAL)
    for pattern, label in ((_EN_PERCENT, "PERCENT"), (_EN_MONEY, "MONEY"), (_EN_QUANTITY, "QUANTITY")):
        for m in pattern.finditer(text):
            value = _en_number(_EN_MEASURE_WORDS.sub(" ", m.group()).strip())
            add(m, label, f"{label.lower()}-{value}", BEAD, _TEMPORAL)
    quoted_slogans = _english_slogans(text)
    for m in _EN_ORDINAL.finditer(text):
        if not _inside(m.start(), m.end(), quoted_slogans):
            add(m, "ORDINAL", f"ordinal-{en_ordinal(m.group())}", BEAD, _NUMBERS)
    blocked = [(b.start(), b.end()) for b in _EN_NOT_CARDINAL.finditer(text)]
    for m in _EN_CARDINAL.finditer(text):
        if not _inside(m.start(), m.end(), quoted_slogans) and not any(s < m.end() and m.start() < e for s, e in blocked):
            add(m, "CARDINAL", f"cardinal-{_en_number(m.group())}", BEAD, _NUMBERS)
    return _flatten(found)


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
    return "date-" + _slug(lowered)


def _date_scope(expression: str) -> str:
    # A date with its year names one day or period wherever it is said; others are relative.
    return DOCUMENT if re.search(r"\d{4}", expression) else BEAD


# --- Chinese ----------------------------------------------------------------------------------

_ZH_NUM = "[零〇一二三四五六七八九十百千万亿两]"
_ZH_CONGRESS = re.compile(
    rf"(?:中国共产党|党的)第(?P<a>{_ZH_NUM}+)次全国代表大会|党的(?P<b>{_ZH_NUM}+)大|(?P<c>十[二三四五六七八九]|二十[一二三四五六七八九]?)大"
)
_ZH_PLENUM = re.compile(rf"(?:党的)?(?P<n>{_ZH_NUM}+)届(?:中央)?(?P<p>[一二三四五六七八九])中全会")
_ZH_BODY = re.compile(rf"(?:中共)?(?P<n>{_ZH_NUM}+)届中央(?P<body>政治局(?:常委会)?|委员会)")
_ZH_NUM_PLAIN = "(?:\\d+|[一二三四五六七八九十两几]{1,3})"
_ZH_DATES = [
    re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"),
    re.compile(r"(?<!\d)(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:上旬|中旬|下旬|初|底|末)?"),
    re.compile(r"(?:去年|今年|明年|前年|上年)(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:上旬|中旬|下旬|初|底|末)?"),
    re.compile(r"(?<!\d)\d{1,2}月(?:\d{1,2}[日号])?(?:上旬|中旬|下旬|初|底|末)?"),
    re.compile(rf"(?<![\d第]){_ZH_NUM_PLAIN}(?:个月|年|天)(?=来|间|内|里|多)"),  # durations: 三年来 -> 三年
    re.compile(r"今天|昨天|明天|本月|上个月|近年|近些年|近几年|(?:21|二十一)世纪(?:中叶|上半叶|下半叶)?|本世纪(?:中叶)?"),
]
_ZH_TIMES = [re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])"), re.compile(r"今晚|今天上午|今天下午")]
_ZH_AMOUNT = rf"(?:\d+(?:\.\d+)?|{_ZH_NUM}+)(?:万亿|亿|万)?"
_ZH_PERCENT = re.compile(rf"(?<!\d)\d+(?:\.\d+)?%|百分之{_ZH_NUM}+(?:点{_ZH_NUM}+)?|(?<!\d){_ZH_AMOUNT}个百分点")
_ZH_MONEY = re.compile(rf"(?<!\d){_ZH_AMOUNT}(?:元|美元|人民币|欧元)")
_ZH_QUANTITY = re.compile(rf"(?<!\d){_ZH_AMOUNT}(?:平方公里|公里|千米|吨|公顷|亩|千瓦时|千瓦|立方米|千克|公斤)")
_ZH_ORDINAL = re.compile(rf"第(?:\d+|{_ZH_NUM}+)")
# A Chinese numeral is a CARDINAL before a measure word (left out of the span, like 次 in 第十一次);
# a lone 一 there is an article ("一个"), not a count.
_ZH_CARDINAL = re.compile(rf"(?<![\d第])(?:\d+(?:\.\d+)?(?:万亿|亿|万)?|{_ZH_NUM}{{2,}}|[二两三四五六七八九十])(?=个|项|条|种|家|位|名|批|次|件|类|大(?!会)|方面)|(?<![\d\-:./])\d+(?:\.\d+)?(?:万亿|亿|万)?(?![\d\-:./%年月日号])")
_ZH_ORG_SUFFIXES = ("委员会", "部", "局", "院", "委", "厅", "办公室", "公司", "集团", "银行", "大学", "学院", "研究所", "协会", "联合会", "组织")
_ZH_PLACE_SUFFIXES = {"GPE": ("省", "市", "县", "区", "州", "镇", "乡", "村", "自治区"), "LOC": ("江", "河", "湖", "山", "海", "岛", "盆地", "高原")}
_ZH_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习")
#: jieba dictionary frequency above which a word tagged ``nr`` is taken for a common word
#: (高水平 91, 陈旧 327, 卓越 592) rather than a name (习近平 4, 王沪宁 17).
_ZH_NAME_MAX_FREQUENCY = 50
# 党 alone stands for the Party, except inside common compounds.
_ZH_PARTY = re.compile(r"(?<![政朋结入])党(?![员委组校性建风纪章内务史课派费龄旗徽])")


def chinese_candidates(text: str, offset: int = 0, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Flat mentions proposed for one Chinese sentence (or any Chinese text); document offsets."""
    gazetteer = gazetteer or _default_gazetteer()
    found: list[Candidate] = []

    def add(match: re.Match[str] | tuple[int, int], label: str | None, key: str, scope: str, tier: int) -> None:
        start, end = (match.start(), match.end()) if isinstance(match, re.Match) else match
        found.append(Candidate(offset + start, offset + end, label, key, scope, tier, text[start:end]))

    for m in _name_pattern(gazetteer, "zh").finditer(text):
        entry = gazetteer.names["zh"].get(m.group())
        if entry is None:
            add(m, None, "", OWN, _NAMES)
        else:
            add(m, entry[1], entry[0], DOCUMENT, _NAMES)
    for m in _ZH_PARTY.finditer(text):
        add(m, "ORG", "cpc", DOCUMENT, _NAMES)
    for m in _ZH_CONGRESS.finditer(text):
        number = zh_number(m.group("a") or m.group("b") or m.group("c"))
        add(m, "EVENT", f"cpc-national-congress-{number}", DOCUMENT, _NAMES)
    for m in _ZH_PLENUM.finditer(text):
        add(m, "EVENT", f"cpc-{zh_number(m.group('n'))}th-central-committee-plenum-{zh_number(m.group('p'))}", DOCUMENT, _NAMES)
    for m in _ZH_BODY.finditer(text):
        kind = "central-committee" if m.group("body") == "委员会" else "political-bureau"
        if m.group("body") == "政治局常委会":
            kind = "political-bureau-standing-committee"
        add(m, "ORG", f"cpc-{zh_number(m.group('n'))}th-{kind}", DOCUMENT, _NAMES)
    found.extend(_jieba_guesses(text, offset))
    for pattern in _ZH_DATES:
        for m in pattern.finditer(text):
            add(m, "DATE", _zh_date_key(m.group()), _date_scope(m.group()), _TEMPORAL)
    for pattern in _ZH_TIMES:
        for m in pattern.finditer(text):
            add(m, "TIME", "time-" + _slug(m.group()), BEAD, _TEMPORAL)
    for pattern, label in ((_ZH_PERCENT, "PERCENT"), (_ZH_MONEY, "MONEY"), (_ZH_QUANTITY, "QUANTITY")):
        for m in pattern.finditer(text):
            add(m, label, f"{label.lower()}-{_slug(m.group())}", BEAD, _TEMPORAL)
    slogans = [(m.start(), m.end()) for m in re.finditer(r"[“\"]([^”\"]{1,8})[”\"]", text)]
    for m in _ZH_ORDINAL.finditer(text):
        add(m, "ORDINAL", f"ordinal-{_zh_value(m.group()[1:])}", BEAD, _NUMBERS)
    for m in _ZH_CARDINAL.finditer(text):
        if not _inside(m.start(), m.end(), slogans):
            add(m, "CARDINAL", f"cardinal-{_zh_value(m.group())}", BEAD, _NUMBERS)
    return _flatten(found)


def _zh_date_key(expression: str) -> str:
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]", expression)
    if m:
        return f"date-{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expression):
        return "date-" + expression
    m = re.fullmatch(r"(去年|今年|明年)?(?:(\d{1,2})月)?(上旬|中旬|下旬|初|底|末)?", expression)
    if m and (m.group(1) or m.group(2)):
        year = {"去年": "last-year-", "今年": "this-year-", "明年": "next-year-", None: ""}[m.group(1)]
        month = f"{int(m.group(2)):02d}" if m.group(2) else "year"
        part = {"上旬": "-early", "初": "-early", "中旬": "-mid", "下旬": "-late", "底": "-late", "末": "-late", None: ""}[m.group(3)]
        return f"date-{year}{month}{part}".replace("-year-year", "-year")
    simple = {"今天": "today", "昨天": "yesterday", "明天": "tomorrow", "近年": "recent-years", "近些年": "recent-years",
              "近几年": "recent-years", "本月": "this-month", "上个月": "last-month"}
    if expression in simple:
        return "date-" + simple[expression]
    m = re.fullmatch(r"(\d{4})年", expression)
    if m:
        return "date-" + m.group(1)
    return "date-zh-" + "-".join(f"{ord(ch):x}" for ch in expression)


def _jieba_guesses(text: str, offset: int) -> list[Candidate]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)  # silence the "building prefix dict" chatter
    guesses = []
    position = 0
    for pair in jieba.posseg.lcut(text, HMM=True):
        word, flag = pair.word, pair.flag
        start = text.find(word, position)
        position = start + len(word)
        label = None
        if flag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 3 and word[0] in _ZH_SURNAMES:
            if jieba.dt.FREQ.get(word, 0) <= _ZH_NAME_MAX_FREQUENCY:
                label = "PERSON"
        elif flag == "ns" and len(word) >= 3:
            label = next((lab for lab, ends in _ZH_PLACE_SUFFIXES.items() if word.endswith(ends)), None)
        elif flag == "nt" and len(word) >= 3 and word.endswith(_ZH_ORG_SUFFIXES):
            label = "ORG"
        if label is not None:
            guesses.append(Candidate(offset + start, offset + position, label, f"{label.lower()}-zh", OWN, _GUESSES, word))
    return guesses


# --- shared -----------------------------------------------------------------------------------


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _flatten(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: tier first, then the longest, then the leftmost."""
    placed: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.tier, -(c.end - c.start), c.start, c.label or "")):
        if candidate.end > candidate.start and not any(
            candidate.start < other.end and other.start < candidate.end for other in placed
        ):
            placed.append(candidate)
    return sorted((c for c in placed if c.label is not None), key=lambda c: c.start)


def annotate_entities(en_text: str, zh_text: str, sentence_beads: Sequence[SentenceBead]) -> list[Entity]:
    """Entities of a document pair found automatically, with mentions in both languages.

    ``sentence_beads``: for each sentence bead, the ``(start, end)`` document offsets of its
    English sentences and of its Chinese sentences. Mentions are searched sentence by sentence
    (so none crosses a sentence boundary), flat per language, with labels from the 18
    OntoNotes labels. Ids are ``auto-<slug>``, deterministic and unique. Entities are ordered
    by their first mention (English first); mentions by language, then offset.
    """
    gazetteer = _default_gazetteer()
    # group key -> (label, mentions); the group key says which mentions are one entity.
    groups: dict[tuple[str, ...], tuple[str, list[tuple[str, Candidate]]]] = {}
    order: list[tuple[str, ...]] = []
    own_counter = 0
    for bead_index, (en_sentences, zh_sentences) in enumerate(sentence_beads):
        for lang, text, sentences, finder in (
            ("en", en_text, en_sentences, english_candidates),
            ("zh", zh_text, zh_sentences, chinese_candidates),
        ):
            for start, end in sentences:
                for candidate in finder(text[start:end], start, gazetteer):
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
    # First mention in English order, then Chinese, decides the order of entities.
    def first(group: tuple[str, ...]) -> tuple[int, int]:
        mentions = groups[group][1]
        en = [c.start for lang, c in mentions if lang == "en"]
        return (0, min(en)) if en else (1, min(c.start for _, c in mentions))

    entities: list[Entity] = []
    used: dict[str, int] = {}
    taken: set[str] = set()
    for group in sorted(order, key=first):
        label, mentions = groups[group]
        base = "auto-" + _slug(group[1] if len(group) == 2 else f"{group[1]}")
        if len(group) == 2:
            entity_id = base
        else:
            used[base] = used.get(base, 0) + 1
            entity_id = f"{base}-{used[base]}"
        while entity_id in taken:  # keys are built not to collide; stay unique regardless
            entity_id += "-x"
        taken.add(entity_id)
        ordered = sorted(mentions, key=lambda item: (item[0] != "en", item[1].start))
        entities.append(
            Entity(
                entity_id,
                label,
                tuple(EntityMention(entity_id, label, lang, c.start, c.end, c.text) for lang, c in ordered),
            )
        )
    return entities
