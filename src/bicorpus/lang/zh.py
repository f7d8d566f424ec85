"""Chinese (Mandarin, and the script rules Cantonese and Japanese share through their modules).

Numerals: :func:`numeral_value` is the one reader of Chinese numerals in the project. A run
of two digit characters without a unit or a zero (三四, 一二, 七八) is an approximate "three or
four", "one or two": not one number, so its value is None. Positional runs of three or more
digits, or any with a zero (二〇二四, 一九九八), are read digit by digit, as years are written.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from bicorpus.lang import LanguageRules, Numerals, SentenceRules, en

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

RULES = LanguageRules(
    code="zh",
    name="Chinese",
    scripts=frozenset({"Hani"}),
    sentences=SENTENCE_RULES,
    unspaced=True,
    numerals=NUMERALS,
    attribution=ATTRIBUTION,
)
