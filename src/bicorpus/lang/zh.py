"""Chinese (Mandarin, and the script rules Cantonese and Japanese share through their modules)."""

from __future__ import annotations

from dataclasses import replace

from bicorpus.lang import LanguageRules, SentenceRules, en

#: The CJK sentence rules. Latin text quoted inside Chinese is nearly always English
#: ("Mr. Smith写的", "U.S.经济"), so it gets the English abbreviations and sentence openers.
SENTENCE_RULES: SentenceRules = replace(en.SENTENCE_RULES, full_width=True)

RULES = LanguageRules(
    code="zh",
    name="Chinese",
    scripts=frozenset({"Hani"}),
    sentences=SENTENCE_RULES,
    unspaced=True,
)
