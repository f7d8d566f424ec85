"""Which languages the embedding model covers, and a cheap check that text matches its label.

USE multilingual v3 was trained on 16 languages; other codes are refused with a clear error
rather than aligned badly. The script check catches the commonest mistake, swapped or wrong
``--src-lang``/``--tgt-lang``: a side labelled ``zh`` with hardly any Han characters, or a side
labelled with a Latin-script language that is mostly Han, Kana, Hangul, Cyrillic, Arabic or Thai.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from bicorpus.sentence_aligner.errors import AlignerInputError

#: Languages of USE multilingual v3 (``zh-tw`` and ``zh-hant`` are read as ``zh``).
SUPPORTED = {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
ALIASES = {"zh-tw": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-hant": "zh", "cmn": "zh", "eng": "en", "zho": "zh"}

#: Script a language's text is mostly written in.
SCRIPT_OF = {"zh": "Han", "ja": "Japanese", "ko": "Hangul", "ru": "Cyrillic", "ar": "Arabic", "th": "Thai"}
PATTERNS = {
    "Han": regex.compile(r"\p{Han}"),
    "Japanese": regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]"),
    "Hangul": regex.compile(r"\p{Hangul}"),
    "Cyrillic": regex.compile(r"\p{Cyrillic}"),
    "Arabic": regex.compile(r"\p{Arabic}"),
    "Thai": regex.compile(r"\p{Thai}"),
    "Latin": regex.compile(r"\p{Latin}"),
}
#: Letters looked at for the check (enough to decide, little time on huge inputs).
SAMPLE_CHARS = 20_000


def normalise(code: str, option: str) -> str:
    """The canonical code of a supported language, or :class:`AlignerInputError`."""
    key = code.strip().lower().replace("_", "-")
    key = ALIASES.get(key, key)
    if key not in SUPPORTED:
        raise AlignerInputError(option, f"language {code!r} is not covered by the embedding model (supported: {', '.join(sorted(SUPPORTED))})")
    return key


def check_script(sentences: Sequence[str], lang: str, option: str) -> None:
    """Raise :class:`AlignerInputError` when the text is clearly not in ``lang``'s script."""
    sample = []
    size = 0
    for sentence in sentences:
        sample.append(sentence)
        size += len(sentence)
        if size >= SAMPLE_CHARS:
            break
    text = "".join(sample)
    letters = len(regex.findall(r"\p{L}", text))
    if letters < 20:
        return  # too little text to judge
    share = {name: len(pattern.findall(text)) / letters for name, pattern in PATTERNS.items()}
    expected = SCRIPT_OF.get(lang, "Latin")
    if share[expected] < 0.2:
        dominant = max(share, key=share.get)
        raise AlignerInputError(option, f"the text does not look like {lang!r}: only {share[expected]:.0%} of its letters are {expected} script (mostly {dominant})")
