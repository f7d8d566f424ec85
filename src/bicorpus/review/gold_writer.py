"""Gold annotation files written from offsets: the inverse of
:func:`bicorpus.annotation_files.compile_entities` and :func:`~bicorpus.annotation_files.compile_themes`.

``annotation_files`` reads ``entities.yaml`` and ``themes.yaml``, which name spans by their
text (mentions: text and occurrence; theme units: a prefix of the text and an occurrence)
rather than by offsets, so that a hand-edited file survives edits elsewhere in the text. This
module turns reviewed offsets back into that form, in the layout of the hand-written files:

* a mention becomes its text and the number of its occurrence among the non-overlapping
  matches of that text (:func:`~bicorpus.annotation_files.find_occurrences`, the rule the
  compiler uses); the mentions of one entity with one text are one entry, whose occurrence is
  left out when they are every occurrence of the text;
* a paragraph or sentence becomes its first words (the first characters, in a language
  written without spaces) and, when several units of its scope open with them, its
  occurrence among those.

Each writer also returns, for every JSON pointer of the file it writes, the place the entry
came from (a :class:`Place` in the reviewed export), so that a compile error on the written
file can be reported where the reviewer can mend it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from bicorpus.annotation_files import find_occurrences
from bicorpus.errors import CorpusError
from bicorpus.lang import language
from bicorpus.segment import Span

__all__ = [
    "REVIEW_MARK",
    "Place",
    "ReviewedEntity",
    "ReviewedMention",
    "ReviewedUnit",
    "entities_yaml",
    "starts_with",
    "themes_yaml",
]

#: The opening of every file ``review import`` writes; an existing gold file without it was
#: written by hand, and is replaced only on request.
REVIEW_MARK = "# Written by bicorpus review import"

#: Words (or, in a language written without spaces, characters) of a unit's text that name it.
_PREFIX_WORDS = 5
_PREFIX_CHARACTERS = 12


@dataclass(frozen=True)
class Place:
    """Where something came from in the reviewed export: a JSON pointer into the file and
    what is there in words (task, bead, text)."""

    pointer: str
    what: str


@dataclass(frozen=True)
class ReviewedMention:
    """One reviewed mention: document offsets into the text of ``lang``."""

    lang: str
    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class ReviewedEntity:
    """One reviewed entity with its mentions in both languages."""

    id: str
    label: str
    mentions: tuple[ReviewedMention, ...]


@dataclass(frozen=True)
class ReviewedUnit:
    """The reviewed themes of one paragraph or sentence (document offsets of the source text)."""

    start: int
    end: int
    themes: tuple[str, ...]
    primary: str | None
    place: Place


def _dump(data: object) -> str:
    # Flow style for lists of scalars and small mappings, as the hand-written files have them.
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1_000_000)


def _header(kind: str, document: str, origin: str) -> str:
    return (
        f"{REVIEW_MARK} from {origin}: the reviewed {kind} of {document}.\n"
        "# It is a gold file like a hand-written one (docs/annotation_guidelines.md); a later review import\n"
        "# replaces it, so make lasting edits in the review tool or remove this header first.\n"
    )


def entities_yaml(
    document: str, entities: Sequence[ReviewedEntity], texts: Mapping[str, str], origin: str
) -> tuple[str, dict[str, Place]]:
    """``entities.yaml`` of ``document`` holding ``entities`` (``texts``: the normalized text of
    each language, source first) and the place of each entry by JSON pointer.

    ``origin`` is the reviewed export, named in the header and in errors. Raises E760 (at the
    mention's place in ``origin``) for a mention the file cannot name: one that does not
    start and end at word boundaries in a spaced language, or that overlaps an earlier match
    of its own text.
    """
    places: dict[str, Place] = {}
    out = []
    for i, entity in enumerate(entities):
        mentions: dict[str, list[dict[str, object]]] = {}
        for lang in texts:
            by_text: dict[str, list[tuple[int, ReviewedMention]]] = {}
            for mention in sorted((m for m in entity.mentions if m.lang == lang), key=lambda m: m.start):
                text = texts[lang][mention.start : mention.end]
                found = find_occurrences(texts[lang], text, lang)
                if (mention.start, mention.end) not in found:
                    how = "a match of its text" if language(lang).unspaced else "a whole-word match of its text"
                    raise CorpusError(
                        origin,
                        f"{mention.place.what}: {lang} mention {text!r} at {mention.start}..{mention.end} is not {how} "
                        "(entities.yaml names mentions by text and occurrence)",
                        mention.place.pointer,
                        code="E760",
                        hint="widen or narrow the region to whole words, or to where the text is not part of an earlier "
                        "match of itself",
                    )
                by_text.setdefault(text, []).append((found.index((mention.start, mention.end)) + 1, mention))
            entries: list[dict[str, object]] = []
            for j, (text, numbered) in enumerate(by_text.items()):
                numbers = [number for number, _ in numbered]
                entry: dict[str, object] = {"text": text}
                if len(numbers) != len(find_occurrences(texts[lang], text, lang)):
                    entry["occurrence"] = numbers[0] if len(numbers) == 1 else numbers
                entries.append(entry)
                places[f"/entities/{i}/mentions/{lang}/{j}"] = numbered[0][1].place
            if entries:
                mentions[lang] = entries
        places[f"/entities/{i}"] = entity.mentions[0].place
        out.append({"id": entity.id, "label": entity.label, "mentions": mentions})
    body = _dump({"document": document, "entities": out}) if out else f"document: {document}\nentities: []\n"
    return _header("entities", document, origin) + body, places


def starts_with(text: str, lang: str) -> str:
    """The opening of a unit's text that names it in ``themes.yaml``: its first words, or its
    first characters in a language written without spaces."""
    if language(lang).unspaced:
        return text[:_PREFIX_CHARACTERS]
    words = list(re.finditer(r"\S+", text))
    return text[: words[min(len(words), _PREFIX_WORDS) - 1].end()]


def _named(units: Sequence[Span], index: int, lang: str) -> dict[str, object]:
    prefix = starts_with(units[index].text, lang)
    matching = [k for k, unit in enumerate(units) if unit.text.startswith(prefix)]
    entry: dict[str, object] = {"starts_with": prefix}
    if len(matching) > 1:
        entry["occurrence"] = matching.index(index) + 1
    return entry


def _labels(unit: ReviewedUnit) -> dict[str, object]:
    # The primary first, then the others in the order the review gave them.
    themes = [unit.primary] if unit.primary in unit.themes else []
    themes += [theme for theme in unit.themes if theme not in themes]
    return {"themes": themes, "primary": unit.primary}


def themes_yaml(
    document: str,
    lang: str,
    outline: Sequence[tuple[Span, Sequence[Span]]],
    paragraph_units: Mapping[int, ReviewedUnit],
    sentence_units: Mapping[int, ReviewedUnit],
    origin: str,
) -> tuple[str, dict[str, Place]]:
    """``themes.yaml`` of ``document``: every paragraph of ``outline`` (the source language
    ``lang``'s paragraphs with their sentences, as segmented) and each of its sentences, with
    the themes of ``paragraph_units`` and ``sentence_units`` (keyed by start offset: a paragraph
    and its first sentence start at the same offset), and the place of each entry by JSON
    pointer. A paragraph without themes gets no sentence list (its sentences have none)."""
    places: dict[str, Place] = {}
    paragraphs = [span for span, _ in outline]
    out = []
    for i, (paragraph, sentences) in enumerate(outline):
        unit = paragraph_units[paragraph.start]
        places[f"/paragraphs/{i}"] = unit.place
        entry: dict[str, object] = {**_named(paragraphs, i, lang), **_labels(unit)}
        if unit.themes:
            listed = []
            for j, sentence in enumerate(sentences):
                reviewed = sentence_units[sentence.start]
                places[f"/paragraphs/{i}/sentences/{j}"] = reviewed.place
                listed.append({**_named(sentences, j, lang), **_labels(reviewed)})
            entry["sentences"] = listed
        out.append(entry)
    return _header("themes", document, origin) + _dump({"document": document, "paragraphs": out}), places
