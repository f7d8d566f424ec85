"""Reading the human-edited files (YAML, JSON) and checking them against their JSON Schemas.

Every problem becomes one :class:`~bicorpus.errors.CorpusError` naming the file, the line
(for a syntax error) or the JSON pointer of the offending value, and what is wrong. Used for
document metadata, glossaries, gold annotation files and the label sets shipped in
``bicorpus/schema/``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bicorpus.errors import CorpusError, json_pointer


def parse_yaml(text: str, where: str, loader: type = yaml.SafeLoader, first_line: int = 1) -> Any:
    """Parse YAML ``text`` from ``where`` (``loader=yaml.BaseLoader`` keeps every scalar a string).

    ``first_line`` is the line of ``where`` the text starts on, so errors name the file's line.
    """
    try:
        return yaml.load(text, Loader=loader)  # the loaders passed here are safe ones
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CorpusError(
            where,
            f"not valid YAML: {getattr(error, 'problem', None) or error}",
            code="E103",
            hint="fix the syntax at that line (indentation, a missing ':' or quote)",
            line=None if mark is None else mark.line + first_line,
        ) from None


def parse_json(text: str, where: str, hint: str = "fix the syntax at that line") -> Any:
    """Parse JSON ``text`` from ``where``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusError(where, f"not valid JSON: {error.msg}", code="E104", hint=hint, line=error.lineno) from None


def read_text(path: Path) -> str:
    """The UTF-8 text of the file at ``path``."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(str(path), "file not found", code="E101", hint="check the path") from None
    except UnicodeDecodeError as error:
        raise CorpusError(str(path), f"not valid UTF-8 ({error.reason})", code="E102", hint="re-save the file as UTF-8") from None


def read_yaml(path: Path, loader: type = yaml.SafeLoader) -> Any:
    """Parse the YAML file at ``path`` (``loader=yaml.BaseLoader`` keeps every scalar a string)."""
    return parse_yaml(read_text(path), str(path), loader)


def read_json(path: Path) -> Any:
    """Parse the JSON file at ``path``."""
    return parse_json(read_text(path), str(path))


def read_validated(
    path: Path, schema: dict[str, Any], loader: type = yaml.SafeLoader, prepare: Callable[[Any], Any] | None = None
) -> Any:
    """The YAML file (JSON where it ends in ``.json``) at ``path``, checked against ``schema``.

    ``prepare`` turns the parsed data into what the schema describes before the check.
    """
    data = read_json(path) if path.suffix == ".json" else read_yaml(path, loader)
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


def check_against_schema(data: Any, schema: dict[str, Any], where: str) -> None:
    """Raise :class:`CorpusError` for the first problem of ``data`` under ``schema`` (Draft 2020-12)."""
    validator = jsonschema.Draft202012Validator(schema)
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
