"""The language pair of a corpus, and the templates that name its languages.

A corpus holds documents in two languages, declared by each document's ``meta.yaml`` (the
order of its ``languages`` mapping: source side of every bead first). Everything published
that names a language (record fields such as ``en_ids``, the ``ner_<lang>`` configs, the
``translation`` feature, the glossary's keys, the card's ``language`` list) is generated
from one template for the declared pair by :func:`render_template`, so no module writes a
language into a field name.

Template placeholders, in JSON Schema files and in any string:

==============================  ==========================================================
``<lang>``, ``<Language>``      in a key of ``properties`` or an item of ``required``: one
                                copy per language of the pair (source first), with the code
                                and the language's English name put in throughout the copy
``<source>``, ``<Source>``      the source language's code and name, anywhere
``<target>``, ``<Target>``      the target language's code and name, anywhere
==============================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bicorpus.lang import language, registered_languages

__all__ = ["LanguagePair", "language_name", "render_template"]

#: The per-language placeholders, expanded into one copy per language.
LANG, LANGUAGE = "<lang>", "<Language>"


def language_name(code: str) -> str:
    """The English name of a language: its module's, or the code itself for a language
    without a module (``"sv"``)."""
    return language(code).name if code in registered_languages() else code


@dataclass(frozen=True)
class LanguagePair:
    """Two distinct language codes, source side first (ISO 639-1, lower case)."""

    source: str
    target: str

    def __post_init__(self) -> None:
        if self.source == self.target:
            raise ValueError(f"a language pair needs two languages, got {self.source!r} twice")

    @property
    def codes(self) -> tuple[str, str]:
        """The two codes, source first."""
        return (self.source, self.target)

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"

    def substitutions(self) -> dict[str, str]:
        """The positional placeholders and what they stand for in this pair."""
        return {
            "<source>": self.source,
            "<Source>": language_name(self.source),
            "<target>": self.target,
            "<Target>": language_name(self.target),
        }


def _replace(text: str, substitutions: dict[str, str]) -> str:
    for placeholder, value in substitutions.items():
        text = text.replace(placeholder, value)
    return text


def _substitute(node: Any, substitutions: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {_replace(key, substitutions): _substitute(value, substitutions) for key, value in node.items()}
    if isinstance(node, list):
        return [_substitute(item, substitutions) for item in node]
    if isinstance(node, str):
        return _replace(node, substitutions)
    return node


def _per_language(key: str, pair: LanguagePair) -> list[tuple[str, dict[str, str]]]:
    """The copies of a templated key: (code, substitutions of that copy) per language."""
    if LANG not in key:
        return []
    return [(code, {LANG: code, LANGUAGE: language_name(code)}) for code in pair]


def _expand(node: Any, pair: LanguagePair) -> Any:
    if isinstance(node, list):
        return [_expand(item, pair) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            result[key] = _expand_members(value, pair)
        elif key == "required":
            result[key] = [_replace(name, subs) for item in value for name, subs in _names(item, pair)]
        else:
            result[key] = _expand(value, pair)
    return result


def _names(name: str, pair: LanguagePair) -> list[tuple[str, dict[str, str]]]:
    copies = _per_language(name, pair)
    return [(name, subs) for _, subs in copies] if copies else [(name, {})]


def _expand_members(properties: dict[str, Any], pair: LanguagePair) -> dict[str, Any]:
    members: dict[str, Any] = {}
    for key, value in properties.items():
        copies = _per_language(key, pair)
        if copies:
            for _, subs in copies:
                members[_replace(key, subs)] = _expand(_substitute(value, subs), pair)
        else:
            members[key] = _expand(value, pair)
    return members


def render_template(template: Any, pair: LanguagePair) -> Any:
    """``template`` (a parsed JSON Schema or any JSON value) written out for ``pair``: each
    ``<lang>`` property and required name once per language, then the positional
    placeholders replaced everywhere. The template itself is not changed."""
    return _substitute(_expand(template, pair), pair.substitutions())
