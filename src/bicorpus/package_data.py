"""The JSON files shipped inside the package: schemas, label sets, the theme taxonomy, the gazetteer.

They live in ``src/bicorpus/schema/`` (record schemas in its ``records/`` folder) and are
installed with the package, so an installed ``bicorpus`` finds them wherever it runs. Every
module reads them through this one, by their name relative to that folder
(``"entity_labels.json"``, ``"records/term.schema.json"``), never through a path computed from
``__file__``: :mod:`importlib.resources` finds them in a wheel install, an editable install and
a source checkout alike.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from bicorpus.errors import CorpusError
from bicorpus.validated_files import check_against_schema, parse_json, read_json

#: The folder of the package holding the files, as named in messages and documentation.
PACKAGE_DATA_FOLDER = "schema"


def resource(name: str) -> Traversable:
    """The shipped file ``name`` (relative to ``bicorpus/schema/``, ``/``-separated)."""
    found = files("bicorpus") / PACKAGE_DATA_FOLDER
    for part in name.split("/"):
        found = found / part
    return found


def resource_location(name: str) -> str:
    """Where the shipped file ``name`` is, for error messages (its file path when it has one)."""
    return str(resource(name))


def read_json_resource(name: str) -> Any:
    """Parse the shipped JSON file ``name``; a fresh object on every call."""
    where = resource_location(name)
    try:
        text = resource(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(where, "missing from the installed package", code="E106", hint="reinstall bicorpus") from None
    return parse_json(text, where, hint="fix the file or reinstall bicorpus")


@cache
def schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema (or label file) ``name``, parsed once per run; do not mutate it."""
    return read_json_resource(name)


def read_validated_json_or_shipped(path: Path | None, name: str, schema_name: str) -> tuple[Any, str]:
    """(parsed JSON, where to name it in errors) of the file at ``path``, or of the shipped ``name``
    when None, checked against the shipped schema ``schema_name``.

    For loaders whose default is a shipped file but which also accept an edited copy.
    """
    data, where = (read_json_resource(name), resource_location(name)) if path is None else (read_json(path), str(path))
    check_against_schema(data, schema(schema_name), where)
    return data, where
