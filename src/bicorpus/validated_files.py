"""Reading the human-edited files (YAML, JSON) and checking them against their JSON Schemas.

Every problem becomes one :class:`~bicorpus.errors.CorpusError` naming the file, the line
(for a syntax error) or the JSON pointer of the offending value, and what is wrong. Used for
document metadata, glossaries, gold annotation files and the label sets shipped in
``bicorpus/schema/``.

These files come from users, so reading them is bounded (see docs/input-rules.md):

* a file must be a regular file (not a folder, device or FIFO) of at most
  :data:`MAX_FILE_BYTES`;
* YAML is read by :class:`StrictSafeLoader` or :class:`StrictBaseLoader`: a mapping key must
  be text and appear once, nesting is at most :data:`MAX_DEPTH` deep, and aliases
  (``*name``) may not refer to the node they sit in nor add more than
  :data:`MAX_ALIAS_NODES` nodes to the document, so a small file cannot expand into gigabytes
  (anchors and aliases stay usable for what people use them for: repeating a licence note);
* JSON likewise: no duplicate key in an object, at most :data:`MAX_DEPTH` deep, no
  ``NaN``/``Infinity``;
* schemas are checked with the ``format`` keywords bicorpus defines (:data:`FORMAT_CHECKER`,
  the same on every machine whatever optional packages are installed), and ``integer`` means
  a whole number written without a fraction: ``1.0`` is not an integer here;
* every string of a validated file is normalized like the texts
  (:func:`bicorpus.normalize.normalize_string`: removable invisible characters dropped, NFC),
  so a mention typed in decomposed form or copied with a zero-width space still matches.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from bicorpus.errors import CorpusError, json_pointer
from bicorpus.normalize import normalize_string

#: Largest YAML or JSON file read (bytes); the shipped glossary, the largest, is about 30 KB.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Deepest nesting of lists and mappings in a YAML or JSON file; the schemas need six levels.
MAX_DEPTH = 64
#: Most nodes that aliases may add to a YAML document by repeating anchored nodes.
MAX_ALIAS_NODES = 10_000

_MERGE_TAG = "tag:yaml.org,2002:merge"


class InputLimitError(yaml.YAMLError):
    """A YAML document that breaks one of bicorpus's reading rules (not a syntax error)."""

    def __init__(self, problem: str, mark: yaml.Mark | None, *, code: str, hint: str) -> None:
        super().__init__(problem)
        self.code, self.problem, self.hint, self.problem_mark = code, problem, hint, mark


def _alias_limit_error(problem: str, mark: yaml.Mark | None) -> InputLimitError:
    return InputLimitError(
        problem, mark, code="E108",
        hint="write the values out, or use fewer aliases (anchors may repeat a value, not build a tree)",
    )


class _StrictComposer:
    """Composer rules: bounded depth, aliases neither recursive nor expanding beyond the limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._depth = 0
        self._open_anchors: set[str] = set()
        self._alias_nodes = 0
        # id(node) -> (nodes it expands to, its depth); nodes live as long as the composer.
        self._extent: dict[int, tuple[int, int]] = {}

    def _node_extent(self, node: Node) -> tuple[int, int]:
        known = self._extent.get(id(node))
        if known is not None:
            return known
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        extents = [self._node_extent(child) for child in children]
        result = (1 + sum(size for size, _ in extents), 1 + max((depth for _, depth in extents), default=0))
        self._extent[id(node)] = result
        return result

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            if event.anchor in self._open_anchors:
                raise _alias_limit_error(f"alias *{event.anchor} refers to the node it sits in", event.start_mark)
            node: Node = super().compose_node(parent, index)  # type: ignore[misc]
            size, depth = self._node_extent(node)
            self._alias_nodes += size
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise _alias_limit_error(f"aliases expand the document by more than {MAX_ALIAS_NODES} nodes", event.start_mark)
            if self._depth + depth > MAX_DEPTH:
                raise _depth_error(event.start_mark)
            return node
        event = self.peek_event()  # type: ignore[attr-defined]
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _depth_error(event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1
            if anchor is not None:
                self._open_anchors.discard(anchor)


def _depth_error(mark: yaml.Mark | None) -> InputLimitError:
    return InputLimitError(f"nested more than {MAX_DEPTH} levels deep", mark, code="E109", hint="flatten the structure")


class _StrictConstructor:
    """Constructor rules: every mapping key is text and appears once; a value that cannot be
    built (``!!int abc``, the date ``2024-13-45``) is a YAML error at its line."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError) as error:
            raise yaml.constructor.ConstructorError(None, None, f"cannot read the value: {error}", node.start_mark) from None

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            seen: dict[str, yaml.Mark] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    raise InputLimitError(
                        f"the key {key!r} is not text", key_node.start_mark, code="E111",
                        hint="quote the key (write \"1\": rather than 1:)",
                    )
                if key in seen:
                    raise InputLimitError(
                        f"the key {key!r} appears twice in one mapping (first at line {seen[key].line + 1})",
                        key_node.start_mark, code="E110", hint="keep one of the two entries",
                    )
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class StrictSafeLoader(_StrictComposer, _StrictConstructor, yaml.SafeLoader):
    """``yaml.SafeLoader`` with bicorpus's rules (module docstring): for gold and glossary files."""


class StrictBaseLoader(_StrictComposer, _StrictConstructor, yaml.BaseLoader):
    """``yaml.BaseLoader`` (every scalar a string) with bicorpus's rules: for ``meta.yaml``."""


#: What a loader argument may name: a plain PyYAML loader is swapped for its strict twin.
_STRICT: dict[type, type] = {yaml.SafeLoader: StrictSafeLoader, yaml.BaseLoader: StrictBaseLoader}


def parse_yaml(text: str, where: str, loader: type = StrictSafeLoader, first_line: int = 1) -> Any:
    """Parse YAML ``text`` from ``where`` (``loader=StrictBaseLoader`` keeps every scalar a string).

    ``first_line`` is the line of ``where`` the text starts on, so errors name the file's line.
    """
    loader = _STRICT.get(loader, loader)
    try:
        return yaml.load(text, Loader=loader)  # the loaders passed here are safe ones
    except InputLimitError as error:
        mark = error.problem_mark
        raise CorpusError(
            where, error.problem, code=error.code, hint=error.hint, line=None if mark is None else mark.line + first_line
        ) from None
    except RecursionError:
        # Only reachable through a loader that lacks the depth rule.
        raise CorpusError(where, f"nested more than {MAX_DEPTH} levels deep", code="E109", hint="flatten the structure") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CorpusError(
            where,
            f"not valid YAML: {getattr(error, 'problem', None) or error}",
            code="E103",
            hint="fix the syntax at that line (indentation, a missing ':' or quote)",
            line=None if mark is None else mark.line + first_line,
        ) from None


class _DuplicateKeyObject(dict[str, Any]):
    """A JSON object in which ``duplicate`` appeared twice (kept to report where it is)."""

    duplicate: str


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            marked = _DuplicateKeyObject(pairs)
            marked.duplicate = key
            return marked
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_json_shape(data: Any, where: str) -> None:
    """Refuse a duplicate key or nesting beyond :data:`MAX_DEPTH`, at the JSON pointer."""
    stack: list[tuple[Any, list[Any], int]] = [(data, [], 1)]
    while stack:
        value, path, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise CorpusError(
                where, f"nested more than {MAX_DEPTH} levels deep", json_pointer(path), code="E109", hint="flatten the structure"
            )
        if isinstance(value, _DuplicateKeyObject):
            raise CorpusError(
                where, f"the key {value.duplicate!r} appears twice in one object", json_pointer([*path, value.duplicate]),
                code="E110", hint="keep one of the two entries",
            )
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend((item, [*path, key], depth + 1) for key, item in reversed(list(items)))


def parse_json(text: str, where: str, hint: str = "fix the syntax at that line") -> Any:
    """Parse JSON ``text`` from ``where``: no duplicate keys, at most :data:`MAX_DEPTH` deep."""
    try:
        data = json.loads(text, object_pairs_hook=_json_object, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise CorpusError(where, f"not valid JSON: {error.msg}", code="E104", hint=hint, line=error.lineno) from None
    except RecursionError:
        raise CorpusError(where, f"nested more than {MAX_DEPTH} levels deep", code="E109", hint="flatten the structure") from None
    except ValueError as error:  # NaN, Infinity, or a number too long to convert
        raise CorpusError(where, f"not valid JSON: {error}", code="E104", hint=hint) from None
    _check_json_shape(data, where)
    return data


def check_regular_file(path: Path, limit: int, *, what: str = "file") -> int:
    """The size of the file at ``path``, refusing a folder, device, FIFO or socket, and a file
    over ``limit`` bytes (symbolic links are followed; :mod:`bicorpus.sources` decides where
    they may lead)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CorpusError(str(path), "file not found", code="E101", hint="check the path") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, FIFO or socket)"
        raise CorpusError(str(path), f"is {kind}", code="E112", hint=f"put the {what} itself there")
    if info.st_size > limit:
        raise CorpusError(
            str(path), f"is {info.st_size} bytes, more than the {limit} bytes bicorpus reads", code="E107",
            hint=f"split the {what}, or check that it is the right file",
        )
    return info.st_size


def read_bytes(path: Path, limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``; see :func:`check_regular_file`)."""
    check_regular_file(path, limit, what=what)
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it cannot hang.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise CorpusError(str(path), f"is more than the {limit} bytes bicorpus reads", code="E107", hint=f"split the {what}")
    return raw


def read_text(path: Path) -> str:
    """The UTF-8 text of the file at ``path`` (a regular file of at most :data:`MAX_FILE_BYTES`)."""
    raw = read_bytes(path, MAX_FILE_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(
            str(path), f"not valid UTF-8 ({error.reason})", code="E102", hint="re-save the file as UTF-8",
            line=raw.count(b"\n", 0, error.start) + 1,
        ) from None


def read_yaml(path: Path, loader: type = StrictSafeLoader) -> Any:
    """Parse the YAML file at ``path`` (``loader=StrictBaseLoader`` keeps every scalar a string)."""
    return parse_yaml(read_text(path), str(path), loader)


def read_json(path: Path) -> Any:
    """Parse the JSON file at ``path``."""
    return parse_json(read_text(path), str(path))


def normalize_strings(value: Any) -> Any:
    """``value`` with every string (keys too) normalized like the texts (:func:`normalize_string`)."""
    if isinstance(value, str):
        return normalize_string(value)
    if isinstance(value, dict):
        return {normalize_strings(key): normalize_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalize_strings(item) for item in value]
    return value


def read_validated(
    path: Path, schema: dict[str, Any], loader: type = StrictSafeLoader, prepare: Callable[[Any], Any] | None = None
) -> Any:
    """The YAML file (JSON where it ends in ``.json``) at ``path``, checked against ``schema``,
    every string normalized like the texts.

    ``prepare`` turns the parsed data into what the schema describes before the check.
    """
    data = read_json(path) if path.suffix == ".json" else read_yaml(path, loader)
    data = normalize_strings(data)
    if prepare is not None:
        data = prepare(data)
    check_against_schema(data, schema, str(path))
    return data


def schema_error_pointer(error: jsonschema.ValidationError) -> str:
    """JSON pointer of a schema error, at the missing or unexpected key itself where there is one.

    jsonschema reports a missing ``zh`` at the object holding it (``/terms/3``); pointing at
    ``/terms/3/zh`` tells the editor exactly what to add or remove.
    """
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict) and isinstance(error.validator_value, list):
        missing = [key for key in error.validator_value if key not in error.instance]
        if missing:
            path.append(missing[0])
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, Mapping) else set()
        extra = sorted(str(key) for key in error.instance if key not in known)
        if extra:
            path.append(extra[0])
    return json_pointer(path)


# --- formats and types ------------------------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LOCAL_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?\Z")
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\Z")

#: Only the formats bicorpus defines, so a check does not depend on which optional packages
#: jsonschema finds installed (its own ``date-time`` needs one).
FORMAT_CHECKER = jsonschema.FormatChecker(formats=())


def _calendar_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@FORMAT_CHECKER.checks("date")
def _is_date(instance: object) -> bool:
    """RFC 3339 full-date: ``YYYY-MM-DD`` naming a day that exists (not ``2024-13-45``)."""
    return not isinstance(instance, str) or (_DATE.match(instance) is not None and _calendar_date(instance))


@FORMAT_CHECKER.checks("date-time")
def _is_date_time(instance: object) -> bool:
    """RFC 3339 date-time with seconds and a zone (``2024-10-12T17:53:00+08:00``), existing day and time."""
    if not isinstance(instance, str):
        return True
    if _DATE_TIME.match(instance) is None:
        return False
    try:
        datetime.datetime.fromisoformat(instance.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@FORMAT_CHECKER.checks("date-or-local-date-time")
def _is_date_or_local_date_time(instance: object) -> bool:
    """A full-date, or a date and local time without zone (``2024-10-12T17:53``), that exist."""
    if not isinstance(instance, str):
        return True
    if _DATE.match(instance) is not None:
        return _calendar_date(instance)
    if _LOCAL_DATE_TIME.match(instance) is None:
        return False
    try:
        datetime.datetime.fromisoformat(instance)
    except ValueError:
        return False
    return True


def _is_integer(_checker: object, instance: object) -> bool:
    # JSON Schema counts 1.0 as an integer; the code indexes and counts with these values, so
    # only a whole number written as one is.
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


def check_against_schema(data: Any, schema: dict[str, Any], where: str) -> None:
    """Raise :class:`CorpusError` for the first problem of ``data`` under ``schema`` (Draft 2020-12,
    with :data:`FORMAT_CHECKER` and integers that are whole numbers)."""
    validator = _Validator(schema, format_checker=FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        if first.context:
            # oneOf/anyOf: report the alternative that came closest, not the bare "is not valid".
            first = jsonschema.exceptions.best_match(first.context)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise CorpusError(
            where, first.message + more, pointer=schema_error_pointer(first), code="E105",
            hint="fix the value there; the schema named in docs/errors.md says what is allowed",
        )
