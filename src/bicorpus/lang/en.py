"""English."""

from __future__ import annotations

import regex

from bicorpus.lang import LanguageRules, SentenceRules, words

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

RULES = LanguageRules(
    code="en",
    name="English",
    scripts=frozenset({"Latn"}),
    sentences=SENTENCE_RULES,
    attribution=ATTRIBUTION,
)
