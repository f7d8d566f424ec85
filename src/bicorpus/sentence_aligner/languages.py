"""Which languages the embedding model covers, and a cheap check that text matches its label.

USE multilingual v3 was trained on 16 languages; other codes are refused with a clear error
rather than aligned badly. The script check catches the commonest mistake, swapped or wrong
``--src-lang``/``--tgt-lang``: a side labelled ``zh`` with hardly any Han characters, or a side
labelled with a Latin-script language that is mostly Han, Kana, Hangul, Cyrillic, Arabic or Thai.
"""

from __future__ import annotations

from collections.abc import Sequence

from bicorpus.lang import language, primary_subtag
from bicorpus.lang.scripts import letter_count, script_letter_counts
from bicorpus.sentence_aligner.errors import AlignerInputError

#: Languages of USE multilingual v3: a fact about the model, not about the languages (region
#: subtags are ignored, ``zh-tw`` and ``zh-hant`` are read as ``zh``).
SUPPORTED = {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}

#: Letters looked at for the check (enough to decide, little time on huge inputs).
SAMPLE_CHARS = 20_000


def normalise(code: str, option: str) -> str:
    """The canonical code of a supported language, or :class:`AlignerInputError`."""
    key = primary_subtag(code)
    if key not in SUPPORTED:
        raise AlignerInputError(
            option, f"language {code!r} is not covered by the embedding model", code="E505",
            hint=f"use one of {', '.join(sorted(SUPPORTED))}",
        )
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
    letters = letter_count(text)
    if letters < 20:
        return  # too little text to judge
    # Kana as one script (Hrkt) would count twice beside Hira and Kana.
    share = {script: count / letters for script, count in script_letter_counts(text).items() if script != "Hrkt"}
    scripts = sorted(language(lang).scripts)
    expected = sum(share.get(script, 0.0) for script in scripts)
    if expected < 0.2:
        dominant = max(share, key=lambda name: share[name])
        raise AlignerInputError(
            option,
            f"the text does not look like {lang!r}: only {expected:.0%} of its letters are {'/'.join(scripts)} script "
            f"(mostly {dominant})",
            code="E506",
            hint="check that the files and languages are given in the same order",
        )
