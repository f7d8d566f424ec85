"""Record JSON Schemas compiled to Python predicates: the fast pass of validation.

``jsonschema`` walks a row's schema node by node, creating a validator object per node; on a
speech-sized document that is most of the time validation takes. The record schemas use a
small set of keywords (``type``, ``enum``, ``pattern``, ``minimum``, ``maximum``, ``required``,
``properties``, ``additionalProperties``, ``items``, ``$ref`` into ``$defs``), so
:func:`compile_schema` turns a schema into the source of one Python function of straight-line
checks and compiles it once.

The predicate answers only "certainly valid": it is *stricter* than JSON Schema, never
looser. Types are matched exactly (``type(value) is int``: no ``bool`` for an integer, no
``1.0`` either, no ``str`` or ``dict`` subclass), an ``enum`` may only hold strings and null,
and ``minimum`` and ``maximum`` refuse NaN. A row it rejects is then validated by ``jsonschema``, which says
what is wrong, or finds nothing where the predicate was merely stricter; so the problems
reported are exactly ``jsonschema``'s. A keyword it does not know is refused when compiling
(``ValueError``), so a schema cannot gain a rule that the fast pass silently skips.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

#: JSON Schema type name → the one Python type its values have in a record.
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}
#: Keywords that only describe (or hold definitions) and constrain nothing.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"})
_CHECKED = frozenset(
    {"type", "enum", "pattern", "minimum", "maximum", "required", "properties", "additionalProperties", "items", "$ref"}
)
#: Keywords of the project's own (``x-feature``, ``x-label-set``: see :mod:`bicorpus.features`).
_EXTENSION = re.compile(r"x-[a-z-]+")
#: Deepest chain of ``$ref`` followed: the record schemas do not recurse.
_MAX_DEPTH = 32

Predicate = Callable[[Any], bool]


class _Compiler:
    """Writes one function's lines; constants (patterns, key sets, enums) become globals."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.names = 0

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def variable(self) -> str:
        self.names += 1
        return f"v{self.names}"

    def emit(self, line: str, indent: int) -> None:
        self.lines.append("    " * indent + line)

    def block(self, header: str, indent: int, body: Callable[[int], None]) -> None:
        """``header`` (an ``if`` or ``for`` line) and the lines ``body`` writes below it."""
        self.emit(header, indent)
        before = len(self.lines)
        body(indent + 1)
        if len(self.lines) == before:
            self.emit("pass", indent + 1)

    def resolve(self, reference: str) -> Mapping[str, Any]:
        if not reference.startswith("#/"):
            raise ValueError(f"only local references are compiled, not {reference!r}")
        node: Any = self.root
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def node(self, schema: Mapping[str, Any], value: str, indent: int, depth: int = 0) -> None:
        """Lines that ``return False`` unless ``value`` certainly satisfies ``schema``."""
        if depth > _MAX_DEPTH:
            raise ValueError("$ref chain too deep: recursive schemas are not compiled")
        unknown = [k for k in schema if k not in _CHECKED and k not in _ANNOTATIONS and not _EXTENSION.fullmatch(k)]
        if unknown:
            raise ValueError(f"keywords {unknown} are not compiled; validate with jsonschema alone")
        if "$ref" in schema:
            # Draft 2020-12: a $ref applies alongside its sibling keywords.
            self.node(self.resolve(schema["$ref"]), value, indent, depth + 1)
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            types = tuple(dict.fromkeys(t for name in names for t in _TYPES[name]))
            self.emit(f"if type({value}) not in {self.constant(types)}: return False", indent)
        if "enum" in schema:
            allowed = schema["enum"]
            if not all(item is None or isinstance(item, str) for item in allowed):
                raise ValueError(f"an enum of other values than strings and null is not compiled: {allowed!r}")
            strings = self.constant(frozenset(item for item in allowed if item is not None))
            none_ok = " or " + value + " is None" if None in allowed else ""
            self.emit(f"if not ((type({value}) is str and {value} in {strings}){none_ok}): return False", indent)
        if "pattern" in schema:
            # re.search, as jsonschema does: a pattern is not anchored unless it says so.
            pattern = self.constant(re.compile(schema["pattern"]))
            self.emit(f"if type({value}) is str and {pattern}.search({value}) is None: return False", indent)
        if "minimum" in schema:
            minimum = schema["minimum"]
            if type(minimum) not in (int, float):
                raise ValueError(f"minimum {minimum!r} is not a number")
            # `not >=` so that NaN fails (stricter than JSON Schema, which the fallback settles).
            self.emit(f"if type({value}) in (int, float) and not {value} >= {minimum!r}: return False", indent)
        if "maximum" in schema:
            maximum = schema["maximum"]
            if type(maximum) not in (int, float):
                raise ValueError(f"maximum {maximum!r} is not a number")
            self.emit(f"if type({value}) in (int, float) and not {value} <= {maximum!r}: return False", indent)
        if any(k in schema for k in ("required", "properties", "additionalProperties")):
            self.block(f"if type({value}) is dict:", indent, lambda inner: self.object_keywords(schema, value, inner, depth))
        if "items" in schema and self.scalar_items(schema["items"], value, indent):
            pass
        elif "items" in schema:
            item = self.variable()
            self.block(
                f"if type({value}) is list:", indent,
                lambda inner: self.block(
                    f"for {item} in {value}:", inner, lambda body: self.node(schema["items"], item, body, depth)
                ),
            )

    def scalar_items(self, items: Mapping[str, Any], value: str, indent: int) -> bool:
        """Items that are numbers or strings checked by one C-speed expression each (a row of
        tokens has dozens); False (nothing written) for any other items schema."""
        checked = {k for k in items if k not in _ANNOTATIONS and not _EXTENSION.fullmatch(k)}
        if not checked <= {"type", "minimum"} or not isinstance(items.get("type"), str):
            return False
        allowed = frozenset(_TYPES[items["type"]])
        minimum = items.get("minimum")
        if minimum is not None and (type(minimum) not in (int, float) or not allowed <= {int, float}):
            return False
        self.emit(f"if type({value}) is list and not {{*map(type, {value})}} <= {self.constant(allowed)}: return False", indent)
        if minimum is not None:
            self.emit(f"if type({value}) is list and {value} and not min({value}) >= {minimum!r}: return False", indent)
        return True

    def object_keywords(self, schema: Mapping[str, Any], value: str, indent: int, depth: int) -> None:
        required = frozenset(schema.get("required", ()))
        properties: Mapping[str, Any] = schema.get("properties", {})
        if required:
            self.emit(f"if not {self.constant(required)} <= {value}.keys(): return False", indent)
        extra = schema.get("additionalProperties", True)
        if extra is False:
            self.emit(f"if not {value}.keys() <= {self.constant(frozenset(properties))}: return False", indent)
        elif extra is not True:
            key = self.variable()
            self.block(
                f"for {key} in {value}.keys() - {self.constant(frozenset(properties))}:", indent,
                lambda body: self.node(extra, f"{value}[{key}]", body, depth),
            )
        for name, subschema in properties.items():
            field = self.variable()
            if name in required:
                self.emit(f"{field} = {value}[{name!r}]", indent)
                self.node(subschema, field, indent, depth)
            else:
                self.emit(f"if {name!r} in {value}:", indent)
                self.emit(f"{field} = {value}[{name!r}]", indent + 1)
                self.node(subschema, field, indent + 1, depth)


def compile_schema(schema: Mapping[str, Any]) -> Predicate:
    """A predicate that is true only for values that satisfy ``schema`` (see the module
    docstring: it may be false for some valid values, never true for an invalid one)."""
    compiler = _Compiler(schema)
    compiler.node(schema, "row", 1)
    source = "\n".join(["def check(row):", *compiler.lines, "    return True", ""])
    namespace: dict[str, Any] = dict(compiler.constants)
    exec(compile(source, f"<compiled schema {schema.get('$id', '')}>", "exec"), namespace)
    predicate: Predicate = namespace["check"]
    return predicate
