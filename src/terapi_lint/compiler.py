"""Compile a field-list structure into a Draft 2020-12 JSON Schema (GitHub issue #2).

The input dialect is described in ``docs/structure-dialect.md``: a JSON object with ``name`` (or
``title``), ``description`` and ``fields: [{name, type, required, description, ...}]``, plus the
nesting forms found in the wild (sub-``fields``/``children``, ``items``, flattened dotted paths,
``nested``/``definitions``/``searchResponse`` sub-structures, named types defined inline).

Design choices:

- Objects stay open (no ``additionalProperties: false``) unless ``closed=True``.
- Documentation keys (``unit``, ``category``, top-level ``version``, ``relationships`` ...) become
  ``x-<key>`` annotations and never change validation.  Keys nobody has documented are kept the
  same way, with a warning.
- ``$id`` is ``urn:terapi-lint:structure:<slug of the title>``: stable, and it never pretends the
  schema is published at a URL.
- The input's own ``$schema`` names the input format, so it is not carried over.
- Output key order is fixed, so the same structure always renders to the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .jsontypes import a_json_type
from .typegrammar import (
    Array,
    Enum,
    Map,
    Primitive,
    Ref,
    StructureError,
    TypeNode,
    Union,
    parse_type,
    suggest_union,
)

__all__ = ["compile_structure", "StructureError", "SCHEMA_DIALECT", "ID_PREFIX"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:terapi-lint:structure:"

Warn = Callable[[str, str], None]

#: Keys copied unchanged from a field entry to its schema.
_PASSTHROUGH = (
    "default", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "readOnly", "writeOnly",
    "deprecated", "title", "description",
)  # fmt: skip
_ENUM_KEYS = ("enum", "values", "allowedValues")
_SUBFIELD_KEYS = ("fields", "children")
#: Field keys the compiler understands (everything else becomes an ``x-`` annotation).
_FIELD_KEYS = {
    "name", "type", "required", "example", "items", "itemType", "valueType",
    "additionalProperties", "format", "nullable", "min", "max", "range",
    *_PASSTHROUGH, *_ENUM_KEYS, *_SUBFIELD_KEYS,
}  # fmt: skip
#: Field keys documented as annotations only: kept as ``x-<key>`` without a warning.
_FIELD_DOC_KEYS = {"unit", "category", "prefix", "conditional", "path", "notes", "source"}
_TOP_KEYS = {"name", "title", "description", "fields", "type", "$schema", "nested", "definitions",
             "searchResponse", "example"}  # fmt: skip
_TOP_DOC_KEYS = {
    "version", "source", "sources", "url", "sourceFormat", "entity", "resource", "api", "format",
    "notes", "lifecycle", "relationships", "relations",
}  # fmt: skip
#: Formats defined by JSON Schema 2020-12, plus the OpenAPI width formats the grammar emits.
KNOWN_FORMATS = {
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex", "int32", "int64", "float", "double",
}  # fmt: skip
_FORMAT_ALIASES = {"datetime": "date-time", "timestamp": "date-time", "url": "uri"}
#: Order of keys in every compiled sub-schema; keys not listed (``x-``) follow in insertion order.
_KEY_ORDER = (
    "$ref", "anyOf", "type", "format", "contentMediaType", "enum", "const", "items", "properties",
    "required", "additionalProperties", "minimum", "exclusiveMinimum", "maximum",
    "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern",
    "default", "readOnly", "writeOnly", "deprecated", "title", "description", "$comment",
    "examples",
)  # fmt: skip
_RANGE_TEXT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")


def compile_structure(
    structure: dict,
    *,
    closed: bool = False,
    strict: bool = False,
    warn: Warn | None = None,
) -> dict:
    """Compile a field-list ``structure`` into a Draft 2020-12 JSON Schema.

    ``closed`` adds ``additionalProperties: false`` to every object that lists properties (maps
    are left alone).  ``warn(pointer, message)`` receives each warning (unresolved reference,
    enum without values, unknown format, unknown key); without it warnings are dropped.  With
    ``strict`` every warning raises :class:`StructureError` instead.  Anything that cannot be
    compiled raises :class:`StructureError` whose ``pointer`` locates it in ``structure``.
    """
    return _Compiler(closed=closed, strict=strict, warn=warn).compile(structure)


# --------------------------------------------------------------------------------------------
# document-level checks


def _has(doc: dict, key: str, kind: type) -> bool:
    return isinstance(doc.get(key), kind)


def describe_non_field_list(doc: dict) -> str:
    """Say what a document without ``fields`` looks like, for the refusal message."""
    schema_uri = doc.get("$schema") if isinstance(doc.get("$schema"), str) else ""
    if "json-structure.org" in schema_uri:
        if "properties" in doc:
            return "a JSON Structure core document ($schema is json-structure.org, with `properties`); not a field list"
        return "a JSON Structure document ($schema is json-structure.org, no `properties`); not a field list"
    if doc.get("kind") == "json-structure" and "schemas" in doc:
        return "an API structure overview (`kind: json-structure` with `schemas`); no fields"
    if "json-schema.org" in schema_uri:
        return "a JSON Schema document ($schema is json-schema.org); not a field list"
    if _has(doc, "properties", list):
        return "a properties list; a field list keeps its entries in `fields`, not `properties`"
    if _has(doc, "properties", dict):
        if doc.get("type") == "object":
            return "a JSON Schema (`type: object` with a `properties` map); not a field list"
        return "a properties map (`properties` keyed by field name); not a field list"
    if "structure" in doc:
        return "a structure map (`structure`); not a field list"
    if "entities" in doc:
        return "an entity list (`entities`); not a field list"
    if "structures" in doc:
        return "a collection of structures (`structures`); compile each one as its own field list"
    if "resources" in doc:
        return "an API resource list (`resources`); not a field list"
    if "groups" in doc:
        return "a list of field groups (`groups`); merge the groups into one top-level `fields` list"
    keys = ", ".join(sorted(doc)[:8]) or "none"
    return f"a description without fields (top-level keys: {keys}); not a field list"


def check_document(doc: Any) -> None:
    """Refuse anything that is not a field-list document, saying what it looks like instead."""
    if not isinstance(doc, dict):
        raise StructureError("structure file must be a JSON object")
    if "fields" not in doc:
        raise StructureError(f"no top-level `fields`: looks like {describe_non_field_list(doc)}")
    fields_value = doc["fields"]
    if isinstance(fields_value, dict):
        raise StructureError(
            "`fields` must be a list of {name, type}; got an object keyed by field name", "/fields"
        )
    if not isinstance(fields_value, list):
        raise StructureError(
            f"`fields` must be a list of {{name, type}}; got {a_json_type(fields_value)}", "/fields"
        )
    if "type" in doc and doc["type"] != "object":
        raise StructureError(
            f'top-level `type` must be "object", not {_show(doc["type"])}', "/type"
        )


# --------------------------------------------------------------------------------------------
# helpers


def _show(value: Any) -> str:
    """A short JSON rendering of a value for messages."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _esc(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _types_of(schema: dict) -> list[str]:
    """The ``type`` keyword of a schema as a list (empty when absent)."""
    value = schema.get("type")
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "structure"


def _infer_type(values: list[Any]) -> str | None:
    """The JSON type shared by all enum values, if there is one."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("integer")
        elif isinstance(v, float):
            kinds.add("number")
        elif isinstance(v, str):
            kinds.add("string")
        else:
            return None
    if kinds == {"integer", "number"}:
        return "number"
    return kinds.pop() if len(kinds) == 1 else None


def _object_target(schema: dict, via_array: bool) -> dict | None:
    """Where sub-fields of ``schema`` go: itself for objects/references, its ``items`` for arrays.

    Returns None for scalars (and arrays of scalars), which cannot have sub-fields.
    """
    types = _types_of(schema)
    if "array" in types:
        items = schema.setdefault("items", {"type": "object"})
        if "object" in _types_of(items) or "$ref" in items:
            return items
        return None
    if via_array:
        return None
    if "object" in types or "$ref" in schema:
        return schema
    return None


def _is_entry_shaped(value: dict) -> bool:
    """True for a sub-structure written as one entry (``{type, fields}``), False for a
    ``{field: "type - description"}`` map, which may well contain a field called ``type``."""
    if any(isinstance(value.get(k), list) for k in _SUBFIELD_KEYS):
        return True
    type_value = value.get("type")
    return (
        isinstance(type_value, str)
        and " - " not in type_value
        and set(value) <= _FIELD_KEYS | _FIELD_DOC_KEYS
    )


def _through_message(name: str, through: str, schema: dict, pointer: str, via_array: bool) -> str:
    """Why the path ``name`` cannot run through the field ``through``."""
    declared = _type_text(schema)
    if via_array and "object" in _types_of(schema):
        return (
            f"path {name!r} uses {through + '[]'!r}, but {through!r} is declared as 'object' at "
            f"{pointer}; drop the [] or declare it as an array"
        )
    return (
        f"path {name!r} runs through {through!r}, declared as {declared!r} at {pointer}; "
        "only objects and arrays of objects have sub-fields"
    )


def _type_text(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    types = _types_of(schema)
    return "|".join(types) if types else "any"


def _ordered(schema: dict) -> dict:
    """``schema`` with its keys in the canonical order."""
    rank = {key: i for i, key in enumerate(_KEY_ORDER)}
    keys = sorted(schema, key=lambda k: (rank.get(k, len(rank)),))
    return {k: schema[k] for k in keys}


def _finalize(schema: Any, closed: bool) -> Any:
    """Order keys and (when ``closed``) close every object with properties, recursively."""
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    if "properties" in out:
        out["properties"] = {k: _finalize(v, closed) for k, v in out["properties"].items()}
        if closed and "additionalProperties" not in out:
            out["additionalProperties"] = False
    for key in ("items", "additionalProperties"):
        if isinstance(out.get(key), dict):
            out[key] = _finalize(out[key], closed)
    if isinstance(out.get("anyOf"), list):
        out["anyOf"] = [_finalize(s, closed) for s in out["anyOf"]]
    return _ordered(out)


# --------------------------------------------------------------------------------------------
# the compiler


@dataclass
class _Node:
    """One property while a field list is expanded: declared (``schema`` set) or implied by a
    dotted path (``schema`` None)."""

    pointer: str
    schema: dict | None = None
    required: bool = False
    array: bool = False
    children: dict[str, _Node] = field(default_factory=dict)


@dataclass
class _DefSource:
    """Where a named sub-structure is defined and how to compile it."""

    pointer: str
    build: Callable[[], dict]


class _Compiler:
    """One compilation: holds the options, the named definitions and the warning sink."""

    def __init__(self, *, closed: bool, strict: bool, warn: Warn | None) -> None:
        self.closed = closed
        self.strict = strict
        self.warn_sink = warn
        self.sources: dict[str, _DefSource] = {}
        self.defs: dict[str, dict] = {}
        self.building: set[str] = set()
        self.warned: set[tuple[str, str]] = set()

    # -- warnings ----------------------------------------------------------------------------

    def warn(self, pointer: str, message: str) -> None:
        """Report a warning (once per place and message), or raise it under ``strict``."""
        if self.strict:
            raise StructureError(message, pointer)
        if (pointer, message) in self.warned:
            return
        self.warned.add((pointer, message))
        if self.warn_sink is not None:
            self.warn_sink(pointer, message)

    # -- document ----------------------------------------------------------------------------

    def compile(self, doc: Any) -> dict:
        check_document(doc)
        self._collect_named(doc)
        self._collect_inline(doc["fields"], "/fields")
        properties, required = self._fields(doc["fields"], "/fields")
        for name in list(self.sources):
            self._definition(name)
        return self._assemble(doc, properties, required)

    def _assemble(self, doc: dict, properties: dict, required: list[str]) -> dict:
        title = doc.get("title") if isinstance(doc.get("title"), str) else doc.get("name")
        out: dict[str, Any] = {"$schema": SCHEMA_DIALECT}
        out["$id"] = ID_PREFIX + _slug(title if isinstance(title, str) else "")
        if isinstance(title, str):
            out["title"] = title
        if isinstance(doc.get("description"), str):
            out["description"] = doc["description"]
        out["type"] = "object"
        body = _finalize({"type": "object", "properties": properties}, self.closed)
        out["properties"] = body["properties"]
        if required:
            out["required"] = required
        if self.closed:
            out["additionalProperties"] = False
        if self.defs:
            ordered = [n for n in self.sources if n in self.defs]
            out["$defs"] = {n: _finalize(self.defs[n], self.closed) for n in ordered}
        if "example" in doc:
            out["examples"] = [doc["example"]]
        for key, value in doc.items():
            if key == "name" and isinstance(doc.get("title"), str):
                out["x-name"] = value  # both given: `title` is the title, keep `name` too
            elif key not in _TOP_KEYS:
                if key not in _TOP_DOC_KEYS:
                    self.warn(f"/{_esc(key)}", f"unknown top-level key {key!r} kept as annotation 'x-{key}'")
                out[f"x-{key}"] = value
        return out

    # -- named definitions -------------------------------------------------------------------

    def _add_source(self, name: str, pointer: str, build: Callable[[], dict]) -> None:
        if name in self.sources:
            raise StructureError(
                f"structure {name!r} is defined twice (first at {self.sources[name].pointer})",
                pointer,
            )
        self.sources[name] = _DefSource(pointer, build)

    def _collect_named(self, doc: dict) -> None:
        """Register ``nested`` (all four shapes), ``definitions`` and ``searchResponse``."""
        nested = doc.get("nested")
        if isinstance(nested, list):
            for i, entry in enumerate(nested):
                ptr = f"/nested/{i}"
                if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                    raise StructureError("`nested` entry must be an object with a `name` and `fields`", ptr)
                self._add_named(entry["name"], entry, ptr, allow_name=True)
        elif isinstance(nested, dict):
            for name, value in nested.items():
                self._add_named(name, value, f"/nested/{_esc(name)}")
        elif nested is not None:
            raise StructureError("`nested` must be a list of {name, fields} or a map of name to structure", "/nested")
        definitions = doc.get("definitions")
        if isinstance(definitions, dict):
            for name, value in definitions.items():
                self._add_named(name, value, f"/definitions/{_esc(name)}")
        elif definitions is not None:
            raise StructureError("`definitions` must be a map of name to structure", "/definitions")
        if "searchResponse" in doc:
            self._add_named("searchResponse", doc["searchResponse"], "/searchResponse")

    def _add_named(self, name: str, value: Any, ptr: str, allow_name: bool = False) -> None:
        """Register one named sub-structure in whichever shape it comes."""
        if isinstance(value, list):
            self._add_source(name, ptr, lambda: self._object_schema(value, ptr))
            self._collect_inline(value, ptr)
        elif isinstance(value, dict) and _is_entry_shaped(value):
            entry = {k: v for k, v in value.items() if not (allow_name and k == "name")}
            if "type" not in entry:
                entry["type"] = "object"
            self._add_source(name, ptr, lambda: self._entry_schema(entry, ptr))
            for key in _SUBFIELD_KEYS:
                if isinstance(value.get(key), list):
                    self._collect_inline(value[key], f"{ptr}/{key}")
        elif isinstance(value, dict):
            self._add_source(name, ptr, lambda: self._encoded_schema(value, ptr))
        else:
            raise StructureError(
                f"sub-structure {name!r} must be a list of fields or an object, not {a_json_type(value)}",
                ptr,
            )

    def _encoded_schema(self, value: dict, ptr: str) -> dict:
        """A ``{field: "type - description"}`` map (``nested`` in shell/shippo/shopify files)."""
        entries: list[tuple[str, dict, bool]] = []
        for key, spec in value.items():
            item_ptr = f"{ptr}/{_esc(key)}"
            if isinstance(spec, str):
                type_text, _, description = spec.partition(" - ")
                entry: dict[str, Any] = {"name": key, "type": type_text.strip()}
                if description.strip():
                    entry["description"] = description.strip()
                entries.append((item_ptr, entry, True))
            elif isinstance(spec, dict):
                entries.append((item_ptr, {"name": key, **spec}, False))
            else:
                raise StructureError(
                    f"field {key!r} must be \"type - description\" or an object, not {a_json_type(spec)}",
                    item_ptr,
                )
        properties, required = self._expand(entries)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        return schema

    def _collect_inline(self, entries: Any, ptr: str) -> None:
        """Find capitalised types defined inline (``from: User {fields}``) so that other uses
        of the same name (``forward_from: User``) can refer to them."""
        if not isinstance(entries, list):
            return
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            eptr = f"{ptr}/{i}"
            name = self._ref_name(entry.get("type"))
            subs = self._subfields_of(entry, eptr)
            items = entry.get("items")
            if name and subs and name not in self.sources:
                key, value = subs
                self._add_source(name, eptr, lambda v=value, p=f"{eptr}/{key}": self._object_schema(v, p))
            elif name and isinstance(items, dict) and "fields" in items and name not in self.sources:
                self._add_source(name, eptr, lambda it=items, p=f"{eptr}/items": self._entry_schema(it, p, default_type="object"))
            if subs:
                self._collect_inline(subs[1], f"{eptr}/{subs[0]}")
            if isinstance(items, dict):
                self._collect_inline(items.get("fields"), f"{eptr}/items/fields")

    @staticmethod
    def _ref_name(type_value: Any) -> str | None:
        """The Reference named by a type string (``User``, ``array<User>``), if any."""
        if not isinstance(type_value, str):
            return None
        try:
            node = parse_type(type_value)
        except StructureError:
            return None
        if isinstance(node, Array):
            node = node.items
        return node.name if isinstance(node, Ref) else None

    def _definition(self, name: str) -> dict | None:
        """The compiled ``$defs`` entry for ``name`` (None while it is being compiled)."""
        if name in self.defs:
            return self.defs[name]
        if name in self.building:
            return None
        self.building.add(name)
        try:
            self.defs[name] = self.sources[name].build()
        finally:
            self.building.discard(name)
        return self.defs[name]

    def _hoist(self, name: str, inline: dict, site: str) -> dict:
        """Use ``$ref`` for a named type given inline fields at ``site`` when they define it."""
        source = self.sources.get(name)
        if source is not None and source.pointer == site and name not in self.defs:
            self.defs[name] = inline
            return {"$ref": f"#/$defs/{name}"}
        if source is not None and self._definition(name) == inline:
            return {"$ref": f"#/$defs/{name}"}
        if source is not None:
            self.warn(site, f"fields given here for {name!r} differ from its definition at {source.pointer}; compiled inline")
        return inline

    # -- field lists -------------------------------------------------------------------------

    def _object_schema(self, entries: Any, ptr: str) -> dict:
        """``{"type": "object", "properties", "required"}`` from a list of field entries."""
        properties, required = self._fields(entries, ptr)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        return schema

    def _fields(self, entries: Any, ptr: str) -> tuple[dict, list[str]]:
        if not isinstance(entries, list):
            raise StructureError(f"field list must be a list of {{name, type}}, not {a_json_type(entries)}", ptr)
        return self._expand([(f"{ptr}/{i}", entry, False) for i, entry in enumerate(entries)])

    def _expand(self, entries: list[tuple[str, Any, bool]]) -> tuple[dict, list[str]]:
        """Compile entries into properties, expanding dotted/``[]`` paths into nested objects."""
        root: dict[str, _Node] = {}
        for ptr, entry, encoded in entries:
            if not isinstance(entry, dict):
                raise StructureError(f"field entry must be an object with `name` and `type`, not {a_json_type(entry)}", ptr)
            name, name_ptr = self._entry_name(entry, ptr)
            segments = self._segments(name, name_ptr)
            level = root
            for depth, (segment, is_array) in enumerate(segments[:-1]):
                node = level.get(segment)
                if node is None:
                    node = level[segment] = _Node(ptr, array=is_array)
                elif node.schema is not None and _object_target(node.schema, is_array) is None:
                    through = ".".join(s for s, _ in segments[: depth + 1])
                    raise StructureError(
                        _through_message(name, through, node.schema, node.pointer, is_array), name_ptr
                    )
                level = node.children
            last, last_array = segments[-1]
            schema = self._entry_schema(entry, ptr, type_ptr=ptr if encoded else None)
            if last_array:
                schema = {"type": "array", "items": schema}
            required = self._required(entry, ptr)
            existing = level.get(last)
            if existing is None:
                level[last] = _Node(ptr, schema, required)
            elif existing.schema is not None:
                raise StructureError(f"duplicate field {name!r} (first defined at {existing.pointer})", name_ptr)
            elif _object_target(schema, existing.array) is None:
                raise StructureError(
                    f"field {name!r} is declared as {_type_text(schema)!r}, but the path at "
                    f"{existing.pointer} runs through it; only objects and arrays of objects have sub-fields",
                    name_ptr,
                )
            else:
                existing.schema, existing.required, existing.pointer = schema, required, ptr
        return self._build(root)

    def _build(self, level: dict[str, _Node]) -> tuple[dict, list[str]]:
        """Turn an expanded level into ``properties`` and ``required``."""
        properties: dict[str, dict] = {}
        required: list[str] = []
        for name, node in level.items():
            if node.schema is not None:
                schema = node.schema
            elif node.array:
                schema = {"type": "array", "items": {"type": "object"}}
            else:
                schema = {"type": "object"}
            if node.children:
                child_props, child_required = self._build(node.children)
                target = _object_target(schema, node.array)
                assert target is not None  # checked while expanding
                present = target.setdefault("properties", {})
                for child, child_schema in child_props.items():
                    if child in present:
                        raise StructureError(
                            f"duplicate field {name + '.' + child!r}: given both as a sub-field and as a dotted path",
                            node.children[child].pointer,
                        )
                    present[child] = child_schema
                if child_required:
                    target["required"] = [*target.get("required", []), *child_required]
            properties[name] = schema
            if node.required:
                required.append(name)
        return properties, required

    @staticmethod
    def _entry_name(entry: dict, ptr: str) -> tuple[str, str]:
        """The field name (``name``, else ``path``) and the pointer to it."""
        key = "name" if "name" in entry else "path" if "path" in entry else None
        if key is None:
            raise StructureError("field entry has no `name` (or `path`)", ptr)
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            raise StructureError(f"`{key}` must be a non-empty string, not {_show(value)}", f"{ptr}/{key}")
        return value, f"{ptr}/{key}"

    @staticmethod
    def _segments(name: str, name_ptr: str) -> list[tuple[str, bool]]:
        """Split ``a.b[].c`` into ``[("a", False), ("b", True), ("c", False)]``."""
        out = []
        for part in name.split("."):
            is_array = part.endswith("[]")
            segment = part[:-2] if is_array else part
            if not segment.strip() or "[" in segment or "]" in segment:
                raise StructureError(f"field path {name!r} has an empty or malformed segment {part!r}", name_ptr)
            out.append((segment, is_array))
        return out

    @staticmethod
    def _required(entry: dict, ptr: str) -> bool:
        value = entry.get("required", False)
        if not isinstance(value, bool):
            raise StructureError(f"`required` must be true or false, not {_show(value)}", f"{ptr}/required")
        return value

    # -- one field ---------------------------------------------------------------------------

    def _parse(self, value: Any, type_ptr: str, label: str = "type") -> TypeNode:
        if isinstance(value, list):
            raise StructureError(
                f"`{label}` must be a string; write {suggest_union(value)!r} instead of the JSON array {_show(value)}",
                type_ptr,
            )
        if not isinstance(value, str):
            raise StructureError(f"`{label}` must be a string, not {_show(value)}", type_ptr)
        try:
            return parse_type(value)
        except StructureError as err:
            raise err.at(type_ptr) from None

    def _subfields_of(self, entry: dict, ptr: str) -> tuple[str, list] | None:
        """The sub-field list (``fields`` or ``children``) of an entry, if any."""
        for key in _SUBFIELD_KEYS:
            if key in entry:
                if not isinstance(entry[key], list):
                    raise StructureError(f"`{key}` must be a list of {{name, type}}, not {a_json_type(entry[key])}", f"{ptr}/{key}")
                return key, entry[key]
        return None

    def _entry_schema(self, entry: dict, ptr: str, *, type_ptr: str | None = None,
                      default_type: str | None = None) -> dict:  # fmt: skip
        """Compile one field entry (or an ``items``/``valueType`` object) without its name."""
        type_ptr = type_ptr or f"{ptr}/type"
        if "type" not in entry:
            if default_type is None:
                raise StructureError(f"field {entry.get('name', entry.get('path'))!r} has no `type`", ptr)
            node: TypeNode = parse_type(default_type)
        else:
            node = self._parse(entry["type"], type_ptr)
        schema = self._enum_schema(node, entry, ptr, type_ptr)
        self._apply_items(schema, node, entry, ptr)
        self._apply_values(schema, entry, ptr)
        schema = self._apply_subfields(schema, node, entry, ptr)
        self._apply_format(schema, entry, ptr)
        schema = self._apply_nullable(schema, entry, ptr)
        self._apply_bounds(schema, entry, ptr)
        self._apply_annotations(schema, entry, ptr)
        return schema

    def _enum_values(self, entry: dict, ptr: str) -> tuple[str, list] | None:
        """The enum values from the ``enum``/``values``/``allowedValues`` key, if any."""
        found = [(k, entry[k]) for k in _ENUM_KEYS if k in entry]
        for key, values in found:
            if not isinstance(values, list) or not values:
                raise StructureError(f"`{key}` must be a non-empty list of values, not {_show(values)}", f"{ptr}/{key}")
        if len(found) > 1 and any(v != found[0][1] for _, v in found):
            raise StructureError(f"`{found[0][0]}` and `{found[1][0]}` list different values", f"{ptr}/{found[1][0]}")
        return found[0] if found else None

    def _enum_schema(self, node: TypeNode, entry: dict, ptr: str, type_ptr: str) -> dict:
        """The schema of the type, with enum values from the type or an enum key."""
        keyed = self._enum_values(entry, ptr)
        if isinstance(node, Enum):
            if node.values is not None:
                if keyed and [str(v) for v in keyed[1]] != list(node.values):
                    raise StructureError(
                        f"enum values in `type` ({', '.join(node.values)}) conflict with `{keyed[0]}` {_show(keyed[1])}",
                        f"{ptr}/{keyed[0]}",
                    )
                return {"type": node.base or "string", "enum": list(node.values)}
            if keyed is None:
                base = node.base or "string"
                self.warn(type_ptr, f"enum without values; compiled as plain {base} (list the values in an `enum` key)")
                return {"type": base}
            schema: dict[str, Any] = {"enum": list(keyed[1])}
            base = node.base or _infer_type(keyed[1])
            return {"type": base, **schema} if base else schema
        schema = self._node_schema(node, type_ptr)
        if keyed is not None:
            target = schema["items"] if "items" in schema and "array" in _types_of(schema) else schema
            target["enum"] = list(keyed[1])
        return schema

    def _node_schema(self, node: TypeNode, type_ptr: str) -> dict:
        """Translate a parsed type into a schema (section 9 semantics)."""
        if isinstance(node, Primitive):
            if node.kind == "any":
                return {}
            schema: dict[str, Any] = {"type": node.kind}
            if node.format:
                schema["format"] = node.format
            if node.media_type:
                schema["contentMediaType"] = node.media_type
            if node.comment:
                schema["$comment"] = node.comment
            return schema
        if isinstance(node, Enum):
            if node.values is None:
                self.warn(type_ptr, "enum without values; compiled as plain string (list the values in `enum[...]`)")
                return {"type": node.base or "string"}
            return {"type": node.base or "string", "enum": list(node.values)}
        if isinstance(node, Array):
            schema = {"type": "array"}
            if node.items is not None:
                schema["items"] = self._node_schema(node.items, type_ptr)
            return schema
        if isinstance(node, Map):
            schema = {"type": "object"}
            if node.values is not None:
                schema["additionalProperties"] = self._node_schema(node.values, type_ptr)
            return schema
        if isinstance(node, Ref):
            return self._ref_schema(node.name, type_ptr)
        return self._union_schema(node, type_ptr)

    def _ref_schema(self, name: str, type_ptr: str) -> dict:
        if name in self.sources:
            return {"$ref": f"#/$defs/{name}"}
        self.warn(
            type_ptr,
            f"unresolved reference {name!r}: not defined in `nested`, `definitions` or inline fields; "
            'compiled as {"type": "object"}',
        )
        return {"type": "object"}

    def _union_schema(self, node: Union, type_ptr: str) -> dict:
        """``A|B``: one ``type`` list when the members merge cleanly, else ``anyOf``."""
        parts = [self._node_schema(m, type_ptr) for m in node.members]
        if any(p == {} for p in parts):
            return {}
        merged: dict[str, Any] = {}
        types: list[str] = []
        for part in parts:
            if not isinstance(part.get("type"), str) or "$ref" in part or "enum" in part:
                return {"anyOf": parts}
            for key, value in part.items():
                if key != "type" and merged.get(key, value) != value:
                    return {"anyOf": parts}
                if key != "type":
                    merged[key] = value
            if part["type"] not in types:
                types.append(part["type"])
        return {"type": types if len(types) > 1 else types[0], **merged}

    def _element_schema(self, value: Any, ptr: str, label: str) -> dict:
        """An element/value schema given as a type string or as an entry-like object."""
        if isinstance(value, str) or isinstance(value, list):
            return self._node_schema(self._parse(value, ptr, label), ptr)
        if isinstance(value, dict):
            if "$ref" in value:
                return self._json_ref(value["$ref"], f"{ptr}/$ref")
            item = dict(value)
            if "name" in item:
                item["title"] = item.pop("name")
            default = "object" if any(k in item for k in _SUBFIELD_KEYS) else "any"
            return self._entry_schema(item, ptr, default_type=default)
        raise StructureError(f"`{label}` must be a type string or an object, not {a_json_type(value)}", ptr)

    def _json_ref(self, ref: Any, ptr: str) -> dict:
        """``#/definitions/X`` or ``#/$defs/X`` pointing at a named sub-structure."""
        match = re.fullmatch(r"#/(?:definitions|\$defs|nested)/([^/]+)", ref) if isinstance(ref, str) else None
        if not match:
            raise StructureError(f"`$ref` must look like \"#/definitions/Name\", not {_show(ref)}", ptr)
        return self._ref_schema(match.group(1), ptr)

    def _apply_items(self, schema: dict, node: TypeNode, entry: dict, ptr: str) -> None:
        """``items`` / ``itemType``: the element schema of an array."""
        key = "items" if "items" in entry else "itemType" if "itemType" in entry else None
        if key is None:
            return
        if "array" not in _types_of(schema):
            raise StructureError(f"`{key}` applies only to array types, not {_type_text(schema)!r}", f"{ptr}/{key}")
        element = self._element_schema(entry[key], f"{ptr}/{key}", key)
        current = schema.get("items")
        ref_name = node.items.name if isinstance(node, Array) and isinstance(node.items, Ref) else None
        if ref_name and isinstance(entry[key], dict) and "$ref" not in entry[key]:
            schema["items"] = self._hoist(ref_name, element, ptr)
        elif current is None or current == {"type": "object"} or current == element:
            schema["items"] = element
        else:
            raise StructureError(
                f"element type given twice: `type` says {_type_text(current)!r}, `{key}` says {_type_text(element)!r}",
                f"{ptr}/{key}",
            )

    def _apply_values(self, schema: dict, entry: dict, ptr: str) -> None:
        """``valueType`` / ``additionalProperties``: the value schema of a map or open object."""
        for key in ("valueType", "additionalProperties"):
            if key not in entry:
                continue
            if "object" not in _types_of(schema):
                raise StructureError(f"`{key}` applies only to object and map types, not {_type_text(schema)!r}", f"{ptr}/{key}")
            value = entry[key]
            schema["additionalProperties"] = value if isinstance(value, bool) else self._element_schema(value, f"{ptr}/{key}", key)

    def _apply_subfields(self, schema: dict, node: TypeNode, entry: dict, ptr: str) -> dict:
        """Sub-``fields``/``children``: properties of the object, or of the array's elements."""
        subs = self._subfields_of(entry, ptr)
        if subs is None:
            return schema
        key, entries = subs
        inner = self._object_schema(entries, f"{ptr}/{key}")
        ref_node = node.items if isinstance(node, Array) else node
        if isinstance(ref_node, Ref):
            hoisted = self._hoist(ref_node.name, inner, ptr)
            if isinstance(node, Array):
                schema["items"] = hoisted
                return schema
            return {**hoisted, **{k: v for k, v in schema.items() if k not in ("$ref", "type")}}
        target = _object_target(schema, via_array=False)
        if target is None:
            raise StructureError(
                f"sub-fields (`{key}`) on type {_type_text(schema)!r}; only object, array and named types take sub-fields",
                f"{ptr}/{key}",
            )
        target["properties"] = {**target.get("properties", {}), **inner["properties"]}
        if "required" in inner:
            target["required"] = inner["required"]
        return schema

    def _apply_format(self, schema: dict, entry: dict, ptr: str) -> None:
        if "format" not in entry:
            return
        value = entry["format"]
        if not isinstance(value, str) or not value:
            raise StructureError(f"`format` must be a non-empty string, not {_show(value)}", f"{ptr}/format")
        fmt = _FORMAT_ALIASES.get(value.lower(), value)
        if schema.get("format", fmt) != fmt:
            raise StructureError(f"`format` {value!r} conflicts with format {schema['format']!r} given in `type`", f"{ptr}/format")
        if fmt not in KNOWN_FORMATS:
            self.warn(f"{ptr}/format", f"unknown format {value!r} kept as an annotation (validators will not check it)")
        schema["format"] = fmt

    def _apply_nullable(self, schema: dict, entry: dict, ptr: str) -> dict:
        """``nullable: true`` lets the value be null."""
        value = entry.get("nullable", False)
        if not isinstance(value, bool):
            raise StructureError(f"`nullable` must be true or false, not {_show(value)}", f"{ptr}/nullable")
        if not value or schema == {}:
            return schema
        types = _types_of(schema)
        if not types or "$ref" in schema:
            return {"anyOf": [schema, {"type": "null"}]}
        if "null" not in types:
            schema["type"] = [*types, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema

    def _apply_bounds(self, schema: dict, entry: dict, ptr: str) -> None:
        """``min``/``max``/``range`` become ``minimum``/``maximum``."""
        for key, keyword in (("min", "minimum"), ("max", "maximum")):
            if key in entry:
                schema[keyword] = self._number(entry[key], f"{ptr}/{key}", key)
        if "range" not in entry:
            return
        value = entry["range"]
        rptr = f"{ptr}/range"
        if isinstance(value, list) and len(value) == 2:
            low, high = (self._number(v, rptr, "range") for v in value)
        elif isinstance(value, str) and _RANGE_TEXT.match(value):
            match = _RANGE_TEXT.match(value)
            low, high = (json.loads(g) for g in match.groups())
        else:
            raise StructureError(f'`range` must be [min, max] or "min-max", not {_show(value)}', rptr)
        if low > high:
            raise StructureError(f"`range` minimum {low} is greater than maximum {high}", rptr)
        schema["minimum"], schema["maximum"] = low, high

    @staticmethod
    def _number(value: Any, ptr: str, key: str) -> int | float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise StructureError(f"`{key}` must be a number, not {_show(value)}", ptr)
        return value

    def _apply_annotations(self, schema: dict, entry: dict, ptr: str) -> None:
        """Pass-through keywords, ``example``, and ``x-`` annotations for everything else."""
        for key in _PASSTHROUGH:
            if key in entry:
                schema[key] = entry[key]
        if "example" in entry:
            schema["examples"] = [entry["example"]]
        for key, value in entry.items():
            if key in _FIELD_KEYS or (key == "path" and "name" not in entry):
                continue
            if key not in _FIELD_DOC_KEYS:
                self.warn(f"{ptr}/{_esc(key)}", f"unknown field key {key!r} kept as annotation 'x-{key}'")
            schema[f"x-{key}"] = value
