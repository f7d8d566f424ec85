"""Quoted wording in a text: the spans that reproduce existing wording instead of translating afresh.

A translation made for a corpus may still contain wording it did not compose: when the source
quotes a published formula (a Party congress report, a slogan), the right rendering is the
formula's published wording in the target language. ``meta.yaml`` lists such spans under
``quotations``, each by its exact text (plus ``occurrence`` when the text occurs more than
once) with what kind of wording it is and where it comes from. They are compiled here to
code-point offsets into the normalized text and published in the ``documents`` config, so a
user can tell quoted wording from the translator's own.
"""

from __future__ import annotations

import sys
from typing import Any

from bicorpus.errors import CorpusError
from bicorpus.records import QuotationRecord

#: An occurrence written with more digits than this is beyond any text's matches.
_MAX_OCCURRENCE_DIGITS = 12


def compile_quotations(entries: list[dict[str, Any]], texts: dict[str, str], where: str) -> list[QuotationRecord]:
    """The published record of every listed quotation (``texts[lang][start:end] == text``), in
    listing order.

    ``entries`` are the validated ``quotations`` items of ``meta.yaml`` (scalars are strings);
    ``where`` names that file in errors. A text that is not found, or an ``occurrence`` beyond
    the number of matches, is a :class:`CorpusError` pointing at the entry.
    """
    compiled: list[QuotationRecord] = []
    for index, entry in enumerate(entries):
        lang, quoted = entry["lang"], entry["text"]
        pointer = f"/quotations/{index}"
        if lang not in texts:
            raise CorpusError(
                where, f"language {lang!r} is not one of this document's texts {sorted(texts)}", f"{pointer}/lang",
                code="E209", hint="use one of those languages",
            )
        starts = _match_starts(texts[lang], quoted)
        written = entry.get("occurrence", "1").strip()
        # More digits than any text has matches: beyond every count, and int() of thousands of
        # digits would refuse to convert.
        occurrence = int(written) if len(written) <= _MAX_OCCURRENCE_DIGITS else sys.maxsize
        if not starts:
            raise CorpusError(
                where, f"{quoted!r} does not occur in the {lang} text", f"{pointer}/text",
                code="E210", hint="copy it exactly as it stands there",
            )
        if occurrence > len(starts):
            raise CorpusError(
                where,
                f"occurrence {written if len(written) <= 20 else written[:20] + '...'} asked for, "
                f"but {quoted!r} occurs {len(starts)} time(s)",
                f"{pointer}/occurrence",
                code="E211", hint="give an occurrence that exists, counting from 1",
            )
        start = starts[occurrence - 1]
        compiled.append(
            QuotationRecord(
                lang=lang, start=start, end=start + len(quoted), text=quoted, kind=entry["kind"], source=entry["source"]
            )
        )
    return compiled


def _match_starts(text: str, quoted: str) -> list[int]:
    starts, position = [], text.find(quoted)
    while position >= 0:
        starts.append(position)
        position = text.find(quoted, position + len(quoted))
    return starts
