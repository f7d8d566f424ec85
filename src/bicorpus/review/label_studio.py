"""What a review task looks like in Label Studio: the labeling config and the names both
directions of the round trip share.

One task is one paragraph bead: the bead's two sides side by side (``source`` and ``target``
Text objects, offsets relative to the side's text, in code points), so that a reviewer sees a
mention and its translation together. On each side:

* entity mentions are ``Labels`` regions (:data:`SOURCE_ENTITIES`, :data:`TARGET_ENTITIES`)
  with the 18 labels of ``entity_labels.json``; a per-region ``TextArea``
  (:data:`SOURCE_ENTITY`, :data:`TARGET_ENTITY`) holds the mention's entity id, which is what
  makes mentions in different tasks one entity;
* a relation between two mentions says they are one entity (the cross-lingual link);
* on the source side only (gold themes are kept on the source language's units), every
  paragraph and sentence is a region of :data:`UNITS` (label ``Paragraph`` or ``Sentence``)
  carrying per-region choices: its themes (:data:`UNIT_THEMES`, several) and its primary
  theme (:data:`UNIT_PRIMARY`, one).

The config does not depend on the language pair: the languages are named by the task data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bicorpus.annotation_files import load_entity_labels, load_theme_taxonomy
from bicorpus.lang import PROJECT_LANGUAGE

__all__ = [
    "EXPORT_FORMAT",
    "FORMAT_VERSION",
    "PARAGRAPH",
    "SENTENCE",
    "SOURCE",
    "SOURCE_ENTITIES",
    "SOURCE_ENTITY",
    "TARGET",
    "TARGET_ENTITIES",
    "TARGET_ENTITY",
    "UNITS",
    "UNIT_PRIMARY",
    "UNIT_THEMES",
    "labeling_config",
]

#: The ``--format`` name of Label Studio tasks.
EXPORT_FORMAT = "label-studio"
#: Version of the task data layout, stored in every task (``data.bicorpus_review``); the
#: importer refuses tasks of another version.
FORMAT_VERSION = 1

#: The two Text objects of a task.
SOURCE, TARGET = "source", "target"
#: Entity mention regions of each side.
SOURCE_ENTITIES, TARGET_ENTITIES = "source_entities", "target_entities"
#: The per-region entity id of a mention, on each side.
SOURCE_ENTITY, TARGET_ENTITY = "source_entity", "target_entity"
#: Theme unit regions (source side) and their labels.
UNITS = "source_units"
PARAGRAPH, SENTENCE = "Paragraph", "Sentence"
#: Per-region choices of a theme unit.
UNIT_THEMES, UNIT_PRIMARY = "unit_themes", "unit_primary"

#: Colours of the unit regions: pale, so that the entity highlights stay readable on top.
_UNIT_COLOURS = {PARAGRAPH: "#e8e8e8", SENTENCE: "#f4f4dc"}


def _side(parent: ET.Element, name: str) -> None:
    column = ET.SubElement(parent, "View", style="flex: 1; min-width: 0")
    ET.SubElement(column, "Header", value=f"${name}_language", size="5")
    ET.SubElement(column, "Text", name=name, value=f"${name}_text")


def labeling_config() -> str:
    """The Label Studio labeling config (XML) of review tasks: entity labels from the shipped
    label set, theme choices from the shipped taxonomy (each with its name and definition as
    the hint shown on hover)."""
    labels = load_entity_labels()
    taxonomy = load_theme_taxonomy()
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="$title")
    sides = ET.SubElement(view, "View", style="display: flex; gap: 2em")
    _side(sides, SOURCE)
    _side(sides, TARGET)
    ET.SubElement(view, "Header", value="Entities: select a span, then its label; link a mention to its translation "
                  "with a relation; the entity field names the entity across tasks", size="6")
    for control, to_name in ((SOURCE_ENTITIES, SOURCE), (TARGET_ENTITIES, TARGET)):
        group = ET.SubElement(view, "Labels", name=control, toName=to_name)
        for label in labels.labels:
            ET.SubElement(group, "Label", value=label, hint=labels.descriptions[label])
    ET.SubElement(view, "Header", value="Themes: select a Paragraph or Sentence region of the source text, then its "
                  "themes and its primary theme", size="6")
    units = ET.SubElement(view, "Labels", name=UNITS, toName=SOURCE)
    for unit, colour in _UNIT_COLOURS.items():
        ET.SubElement(units, "Label", value=unit, background=colour)
    for control, to_name, when in ((SOURCE_ENTITY, SOURCE, SOURCE_ENTITIES), (TARGET_ENTITY, TARGET, TARGET_ENTITIES)):
        ET.SubElement(
            view, "TextArea", name=control, toName=to_name, perRegion="true", whenTagName=when, maxSubmissions="1",
            editable="true", placeholder="entity id (empty: a new entity)",
        )
    for control, choice in ((UNIT_THEMES, "multiple"), (UNIT_PRIMARY, "single")):
        group = ET.SubElement(
            view, "Choices", name=control, toName=SOURCE, perRegion="true", whenTagName=UNITS, choice=choice,
        )
        for theme in taxonomy.themes:
            name = theme.name.get(PROJECT_LANGUAGE, theme.id)
            definition = theme.definition.get(PROJECT_LANGUAGE, "")
            ET.SubElement(group, "Choice", value=theme.id, hint=f"{name}: {definition}" if definition else name)
    ET.indent(view, space="  ")
    return ET.tostring(view, encoding="unicode") + "\n"
