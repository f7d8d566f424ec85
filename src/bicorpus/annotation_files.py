"""Label sets, theme taxonomy and the hand-curated gold annotation files of a document.

Four files are read here, each validated by a JSON Schema (Draft 2020-12) shipped in
``bicorpus/schema/`` (package data, see :mod:`bicorpus.package_data`) and then by the rules a
schema cannot express:

* ``bicorpus/schema/entity_labels.json``: the 18 OntoNotes 5.0 labels and maps collapsing them
  onto CoNLL/ParlaMint (PER/LOC/ORG/MISC) and MSRA (PER/LOC/ORG); ``None`` = not an entity there.
* ``bicorpus/schema/theme_taxonomy.json``: the ordered themes with names, definitions and cue
  keywords keyed by language code (the shipped file gives English and Chinese), and their
  CAP major topic.
* ``corpus/sources/<doc>/entities.yaml``: gold entities, their mentions named by text and
  occurrence, compiled to code-point offsets by :func:`compile_entities`.
* ``corpus/sources/<doc>/themes.yaml``: gold themes of every English paragraph and sentence,
  named by a prefix of their text, compiled to start offsets by :func:`compile_themes`.

Mention matching rules (what :func:`find_occurrences` does):

* English (and any language but Chinese): case-sensitive, at word boundaries: the regular
  expression ``(?<!\\w)`` + ``re.escape(text)`` + ``(?!\\w)``. "China" does not match inside
  "Chinas" or "china".
* Chinese: plain substring, because Chinese has no spaces to anchor on.
* Occurrences are counted over the whole normalized document text of that language (title,
  dateline, duplicated paragraph and attribution included), 1-based, non-overlapping, left to
  right. ``occurrence`` may be one number or a list; omitted means every occurrence.
* Annotation is flat: no two mentions of one language may overlap, whether of one entity or
  of two.

Every error is a :class:`~bicorpus.errors.CorpusError` naming the file and the JSON pointer of
the offending entry (``/entities/12/mentions/en/0``) with a message that says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bicorpus.errors import CorpusError
from bicorpus.lang import language
from bicorpus.language_pair import LanguagePair, render_template
from bicorpus.package_data import read_validated_json_or_shipped, schema
from bicorpus.segment import Span
from bicorpus.validated_files import read_validated

__all__ = [
    "ENTITY_LABELS",
    "GOLD_EVIDENCE",
    "THEME_TAXONOMY",
    "Entity",
    "EntityLabels",
    "EntityMention",
    "Theme",
    "ThemeGold",
    "ThemeLabels",
    "ThemeTaxonomy",
    "compile_entities",
    "compile_themes",
    "find_occurrences",
    "load_entity_labels",
    "load_theme_taxonomy",
    "locate_in_sentence",
    "read_themes",
]

#: Names of the shipped label set and taxonomy in :mod:`bicorpus.package_data`.
ENTITY_LABELS = "entity_labels.json"
THEME_TAXONOMY = "theme_taxonomy.json"
_SCHEMAS = {
    "entity_labels": "entity_labels.schema.json",
    "theme_taxonomy": "theme_taxonomy.schema.json",
    "entities": "entity_annotations.schema.json",
    "themes": "theme_annotations.schema.json",
}



# --- typed records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityLabels:
    """The label set: labels in order, a description each, and collapse maps by scheme."""

    labels: tuple[str, ...]
    descriptions: dict[str, str]
    collapse: dict[str, dict[str, str | None]]  # scheme -> label -> tag or None
    tags: dict[str, tuple[str, ...]]  # scheme -> its tags

    def collapse_label(self, scheme: str, label: str) -> str | None:
        """The tag ``label`` becomes in ``scheme`` (``None``: not an entity there)."""
        return self.collapse[scheme][label]


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy; names, definitions and cue keywords are keyed by language
    code, for the languages the taxonomy file gives them in."""

    id: str
    name: Mapping[str, str]
    definition: Mapping[str, str]
    cap_code: int
    cap_name: str
    keywords: Mapping[str, tuple[str, ...]]

    def __hash__(self) -> int:  # the mappings are not hashable; equal themes have equal ids
        return hash(self.id)


@dataclass(frozen=True)
class ThemeTaxonomy:
    """The ordered themes."""

    themes: tuple[Theme, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def get(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


#: The evidence of a gold mention or link, and its confidence.
GOLD_EVIDENCE = ("gold",)


@dataclass(frozen=True)
class EntityMention:
    """One mention: offsets into the normalized document text of ``lang``, with how sure the
    annotation is of it (1.0 for gold) and why: words of the closed evidence vocabulary of
    :mod:`bicorpus.project_entities` (``("gold",)`` for gold)."""

    entity: str
    label: str
    lang: str
    start: int
    end: int  # exclusive
    text: str
    confidence: float = 1.0
    evidence: tuple[str, ...] = GOLD_EVIDENCE


@dataclass(frozen=True)
class Entity:
    """One cross-lingual entity and its mentions in both languages, in text order per language;
    for an entity with mentions in both languages, the evidence and confidence of its
    cross-lingual link (none for an entity seen in one language only)."""

    id: str
    label: str
    mentions: tuple[EntityMention, ...]
    link_confidence: float | None = None
    link_evidence: tuple[str, ...] = ()

    def mentions_in(self, lang: str) -> tuple[EntityMention, ...]:
        return tuple(m for m in self.mentions if m.lang == lang)


@dataclass(frozen=True)
class ThemeLabels:
    """Themes of one unit (primary first) and its primary theme; ``((), None)`` for the dateline."""

    themes: tuple[str, ...]
    primary: str | None


@dataclass(frozen=True)
class ThemeGold:
    """Gold themes keyed by the start offset of the English paragraph or sentence."""

    paragraphs: dict[int, ThemeLabels]
    sentences: dict[int, ThemeLabels]


# --- shared reading and validation ------------------------------------------------------------


def _check_document(data: dict[str, Any], path: Path) -> None:
    # A gold file inside a document folder must name that document.
    folder = path.parent
    if (folder / "meta.yaml").is_file() and data["document"] != folder.name:
        raise CorpusError(
            str(path), f"document {data['document']!r} differs from the folder name {folder.name!r}", "/document",
            code="E321", hint="set document to the folder's name",
        )


def load_entity_labels(path: Path | None = None) -> EntityLabels:
    """Read and validate the entity label set and its collapse maps (default: the shipped one)."""
    data, where = read_validated_json_or_shipped(path, ENTITY_LABELS, _SCHEMAS["entity_labels"])
    labels: list[str] = []
    for i, entry in enumerate(data["labels"]):
        if entry["label"] in labels:
            raise CorpusError(
                where, f"duplicate label {entry['label']!r}", f"/labels/{i}/label", code="E311", hint="list each label once"
            )
        labels.append(entry["label"])
    collapse: dict[str, dict[str, str | None]] = {}
    tags: dict[str, tuple[str, ...]] = {}
    for scheme, spec in data["collapse"].items():
        mapping = spec["map"]
        for label in labels:
            if label not in mapping:
                raise CorpusError(
                    where,
                    f"label {label!r} has no entry in the {scheme} map",
                    f"/collapse/{scheme}/map",
                    code="E312",
                    hint="map it to a tag or to null",
                )
        for label, tag in mapping.items():
            if label not in labels:
                raise CorpusError(
                    where,
                    f"{label!r} is not a label of the label set",
                    f"/collapse/{scheme}/map/{label}",
                    code="E313",
                    hint="add the label to labels or remove it from the map",
                )
            if tag is not None and tag not in spec["tags"]:
                raise CorpusError(
                    where,
                    f"tag {tag!r} is not one of the {scheme} tags {spec['tags']}",
                    f"/collapse/{scheme}/map/{label}",
                    code="E314",
                    hint="use one of those tags, or add the tag to tags",
                )
        collapse[scheme] = {label: mapping[label] for label in labels}
        tags[scheme] = tuple(spec["tags"])
    return EntityLabels(
        labels=tuple(labels),
        descriptions={entry["label"]: entry["description"] for entry in data["labels"]},
        collapse=collapse,
        tags=tags,
    )


def load_theme_taxonomy(path: Path | None = None) -> ThemeTaxonomy:
    """Read and validate the theme taxonomy (default: the shipped one, read once per process:
    it is package data, and the automatic annotator asks for it on every document); themes
    keep the file's order."""
    return _shipped_theme_taxonomy() if path is None else _read_theme_taxonomy(path)


@cache
def _shipped_theme_taxonomy() -> ThemeTaxonomy:
    return _read_theme_taxonomy(None)


def _read_theme_taxonomy(path: Path | None) -> ThemeTaxonomy:
    data, where = read_validated_json_or_shipped(path, THEME_TAXONOMY, _SCHEMAS["theme_taxonomy"])
    seen: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    for i, theme in enumerate(data["themes"]):
        if theme["id"] in seen:
            raise CorpusError(
                where,
                f"duplicate theme id {theme['id']!r} (first at /themes/{seen[theme['id']]})",
                f"/themes/{i}/id",
                code="E315",
                hint="give each theme its own id",
            )
        seen[theme["id"]] = i
        for lang in theme["name"]:
            key = (lang, theme["name"][lang])
            if key in names:
                raise CorpusError(
                    where,
                    f"duplicate {lang} name {key[1]!r} (first at /themes/{names[key]})",
                    f"/themes/{i}/name/{lang}",
                    code="E316",
                    hint="give each theme its own name",
                )
            names[key] = i
    return ThemeTaxonomy(
        tuple(
            Theme(
                id=t["id"],
                name=dict(t["name"]),
                definition=dict(t["definition"]),
                cap_code=t["cap_major_topic"]["code"],
                cap_name=t["cap_major_topic"]["name"],
                keywords={lang: tuple(words) for lang, words in t["keywords"].items()},
            )
            for t in data["themes"]
        )
    )


# --- entities ---------------------------------------------------------------------------------


def find_occurrences(text: str, needle: str, lang: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text`` by the matching rules of ``lang``.

    Non-overlapping, left to right, as ``(start, end)`` code-point offsets.
    """
    # A language written without spaces has no word boundaries to anchor on.
    if language(lang).unspaced:
        pattern = re.escape(needle)
    else:
        pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _times(n: int) -> str:
    return "1 time" if n == 1 else f"{n} times"


def compile_entities(path: Path, texts: Mapping[str, str]) -> list[Entity]:
    """Read ``entities.yaml`` at ``path`` and resolve every mention to offsets in ``texts``.

    ``texts`` maps each of the document's two languages (source first) to its normalized text;
    the file's mention keys are those codes (the schema is written out for the pair). Entities
    keep the file's order; each entity's mentions are sorted by language (file order of the
    languages) and offset. Raises :class:`CorpusError` on the first problem.
    """
    where = str(path)
    data = read_validated(path, render_template(schema(_SCHEMAS["entities"]), LanguagePair(*texts)))
    _check_document(data, path)
    label_set = load_entity_labels()
    seen_ids: dict[str, int] = {}
    # lang -> sorted list of (start, end, entity id, pointer) of mentions placed so far
    placed: dict[str, list[tuple[int, int, str, str]]] = {}
    entities: list[Entity] = []
    for i, entry in enumerate(data["entities"]):
        pointer = f"/entities/{i}"
        if entry["id"] in seen_ids:
            raise CorpusError(
                where,
                f"duplicate entity id {entry['id']!r} (first at /entities/{seen_ids[entry['id']]})",
                pointer + "/id",
                code="E322",
                hint="merge the two entries or give each its own id",
            )
        seen_ids[entry["id"]] = i
        if entry["label"] not in label_set.labels:
            raise CorpusError(
                where,
                f"unknown label {entry['label']!r}",
                pointer + "/label",
                code="E323",
                hint=f"use one of {', '.join(label_set.labels)}",
            )
        mentions: list[EntityMention] = []
        for lang, specs in entry["mentions"].items():
            if lang not in texts:
                raise CorpusError(
                    where,
                    f"no {lang} text was given to compile against",
                    f"{pointer}/mentions/{lang}",
                    code="E324",
                    hint="annotate only the document's languages",
                )
            text = texts[lang]
            for j, spec in enumerate(specs):
                mention_pointer = f"{pointer}/mentions/{lang}/{j}"
                for start, end in _resolve(spec, text, lang, where, mention_pointer):
                    _place(placed.setdefault(lang, []), start, end, entry["id"], lang, where, mention_pointer)
                    mentions.append(EntityMention(entry["id"], entry["label"], lang, start, end, text[start:end]))
        mentions.sort(key=lambda m: (list(entry["mentions"]).index(m.lang), m.start))
        linked = len({m.lang for m in mentions}) > 1
        entities.append(
            Entity(entry["id"], entry["label"], tuple(mentions), 1.0 if linked else None, GOLD_EVIDENCE if linked else ())
        )
    return entities


def _resolve(spec: dict[str, Any], text: str, lang: str, where: str, pointer: str) -> list[tuple[int, int]]:
    needle = spec["text"]
    found = find_occurrences(text, needle, lang)
    if not found:
        how = "as a substring" if language(lang).unspaced else "case-sensitively as whole words"
        raise CorpusError(
            where,
            f"text {needle!r} does not occur in {lang} (matched {how})",
            pointer + "/text",
            code="E325",
            hint="fix the text or remove the mention",
        )
    wanted = spec.get("occurrence")
    if wanted is None:
        return found
    numbers = [wanted] if isinstance(wanted, int) else list(wanted)
    spans = []
    for k, number in enumerate(numbers):
        if number > len(found):
            at = pointer + "/occurrence" + ("" if isinstance(wanted, int) else f"/{k}")
            raise CorpusError(
                where,
                f"text {needle!r} occurs {_times(len(found))} in {lang}; occurrence {number} does not exist",
                at,
                code="E326",
                hint="give an occurrence that exists, counting from 1",
            )
        spans.append(found[number - 1])
    return spans


def _place(
    placed: list[tuple[int, int, str, str]], start: int, end: int, entity: str, lang: str, where: str, pointer: str
) -> None:
    for other_start, other_end, other_entity, other_pointer in placed:
        if start < other_end and other_start < end:
            same = " (the same entity: a repeated or overlapping mention)" if other_entity == entity else ""
            raise CorpusError(
                where,
                f"mention overlaps entity {other_entity!r} at {other_start}..{other_end} in {lang} ({other_pointer}){same}",
                pointer,
                code="E328",
                hint="annotation is flat: keep only the longest name span",
            )
    placed.append((start, end, entity, pointer))


def locate_in_sentence(mention: EntityMention, sentences: Sequence[Span]) -> tuple[int, int, int]:
    """``(sentence index, start, end)`` of ``mention`` relative to the sentence holding it.

    ``sentences`` are the document's sentence spans of the mention's language (document
    offsets). Raises ``ValueError`` when no single sentence contains the mention.
    """
    for index, sentence in enumerate(sentences):
        if sentence.start <= mention.start and mention.end <= sentence.end:
            return index, mention.start - sentence.start, mention.end - sentence.start
    raise ValueError(f"mention {mention.text!r} at {mention.start}..{mention.end} is not inside one sentence")


# --- themes -----------------------------------------------------------------------------------


def _check_labels(entry: dict[str, Any], known: tuple[str, ...], where: str, pointer: str, *, may_be_empty: bool) -> ThemeLabels:
    themes = entry["themes"]
    primary = entry["primary"]
    for k, theme in enumerate(themes):
        if theme not in known:
            raise CorpusError(
                where, f"unknown theme {theme!r}", f"{pointer}/themes/{k}", code="E331", hint=f"use one of {', '.join(known)}"
            )
    if not themes:
        if not may_be_empty:
            raise CorpusError(
                where,
                "themes is empty",
                pointer + "/themes",
                code="E332",
                hint="give at least one theme (only a paragraph without letters, like the dateline, may have none)",
            )
        if primary is not None:
            raise CorpusError(
                where,
                "primary is set but themes is empty",
                pointer + "/primary",
                code="E333",
                hint="make primary null or add themes",
            )
        return ThemeLabels((), None)
    if primary is None:
        raise CorpusError(
            where, "primary is null", pointer + "/primary", code="E334", hint="choose the one main theme among themes"
        )
    if primary not in known:
        raise CorpusError(
            where, f"unknown theme {primary!r}", pointer + "/primary", code="E331", hint=f"use one of {', '.join(known)}"
        )
    if primary not in themes:
        raise CorpusError(
            where, f"primary {primary!r} is not among themes {themes}", pointer + "/primary", code="E335", hint="add it there"
        )
    # Primary first, then the others in file order.
    return ThemeLabels((primary, *[t for t in themes if t != primary]), primary)


def _match_unit(units: Sequence[Span], entry: dict[str, Any], expected: int, kind: str, where: str, pointer: str) -> int:
    """Index of the unit ``entry`` names, which must be ``expected`` (the next uncovered one)."""
    prefix = entry["starts_with"]
    occurrence = entry.get("occurrence", 1)
    matching = [i for i, unit in enumerate(units) if unit.text.startswith(prefix)]
    if not matching:
        raise CorpusError(
            where,
            f"starts_with {prefix!r} matches no {kind}",
            pointer + "/starts_with",
            code="E336",
            hint=f"copy the opening words of the {kind} exactly",
        )
    if occurrence > len(matching):
        raise CorpusError(
            where,
            f"starts_with {prefix!r} matches {_times(len(matching))} a {kind}; occurrence {occurrence} does not exist",
            pointer + "/occurrence",
            code="E337",
            hint="give an occurrence that exists, counting from 1",
        )
    index = matching[occurrence - 1]
    if index != expected:
        if expected >= len(units):
            state, hint = f"every {kind} is already covered", "remove this entry"
        else:
            state = f"the next uncovered {kind} is {expected} ({units[expected].text[:40]!r}...)"
            hint = f"entries go in order: add one for {kind} {expected} first, or fix starts_with"
        raise CorpusError(
            where, f"starts_with {prefix!r} matches {kind} {index} but {state}", pointer + "/starts_with", code="E338", hint=hint
        )
    return index


def read_themes(path: Path) -> dict[str, Any]:
    """The ``themes.yaml`` at ``path``, validated by its schema and naming its folder's document
    (what can be checked before the document is segmented)."""
    data: dict[str, Any] = read_validated(path, schema(_SCHEMAS["themes"]))
    _check_document(data, path)
    return data


def compile_themes(path: Path, paragraphs: Sequence[tuple[Span, Sequence[Span]]]) -> ThemeGold:
    """Read ``themes.yaml`` at ``path`` and key its labels by English start offsets.

    ``paragraphs`` are the English paragraphs with their sentences, as the segment stage made
    them (each paragraph's span and its sentences' spans), so the file is matched against the
    very units the corpus publishes. Paragraph entries must cover every paragraph in order,
    and each paragraph's sentence entries every one of its sentences in order. Paragraph and
    sentence indices in messages are 0-based.
    """
    where = str(path)
    data = read_themes(path)
    known = load_theme_taxonomy().ids
    paragraph_spans = [span for span, _ in paragraphs]
    gold = ThemeGold({}, {})
    for i, entry in enumerate(data["paragraphs"]):
        pointer = f"/paragraphs/{i}"
        index = _match_unit(paragraph_spans, entry, i, "paragraph", where, pointer)
        paragraph = paragraph_spans[index]
        letterless = not any(ch.isalpha() for ch in paragraph.text)
        labels = _check_labels(entry, known, where, pointer, may_be_empty=letterless)
        sentences = paragraphs[index][1]
        sentence_entries = entry.get("sentences")
        if sentence_entries is None or (not sentence_entries and not labels.themes):
            if labels.themes:
                raise CorpusError(
                    where,
                    f"no sentences list; paragraph {index} has {len(sentences)} sentence(s) to label",
                    pointer,
                    code="E339",
                    hint="add a sentences list with an entry per sentence",
                )
            for sentence in sentences:
                gold.sentences[sentence.start] = ThemeLabels((), None)
        else:
            primaries: list[tuple[str | None, str]] = []
            for j, sentence_entry in enumerate(sentence_entries):
                sentence_pointer = f"{pointer}/sentences/{j}"
                s_index = _match_unit(sentences, sentence_entry, j, "sentence", where, sentence_pointer)
                s_labels = _check_labels(sentence_entry, known, where, sentence_pointer, may_be_empty=False)
                gold.sentences[sentences[s_index].start] = s_labels
                primaries.append((s_labels.primary, sentence_pointer))
            if len(sentence_entries) < len(sentences):
                missing = sentences[len(sentence_entries)]
                raise CorpusError(
                    where,
                    f"sentence {len(sentence_entries)} of paragraph {index} ({missing.text[:40]!r}...) is not covered",
                    pointer + "/sentences",
                    code="E340",
                    hint="add an entry for it",
                )
            for primary, sentence_pointer in primaries:
                if primary not in labels.themes:
                    raise CorpusError(
                        where,
                        f"paragraph themes {list(labels.themes)} lack {primary!r}, the primary theme of {sentence_pointer}",
                        pointer + "/themes",
                        code="E335",
                        hint="add it to the paragraph's themes",
                    )
        gold.paragraphs[paragraph.start] = labels
    if len(data["paragraphs"]) < len(paragraph_spans):
        missing = paragraph_spans[len(data["paragraphs"])]
        raise CorpusError(
            where,
            f"paragraph {len(data['paragraphs'])} ({missing.text[:40]!r}...) is not covered",
            "/paragraphs",
            code="E340",
            hint="add an entry for it",
        )
    return gold
