"""Japanese: the CJK sentence rules of :mod:`bicorpus.lang.zh`; kana tells it from Chinese."""

from __future__ import annotations

from bicorpus.lang import LanguageRules, zh

RULES = LanguageRules(
    code="ja",
    name="Japanese",
    scripts=frozenset({"Hani", "Hira", "Kana"}),
    sentences=zh.SENTENCE_RULES,
    unspaced=True,
    distinctive_script="Hrkt",
    numerals=zh.NUMERALS,  # kanji numerals are read as in Chinese (二十, 二〇二四)
)
