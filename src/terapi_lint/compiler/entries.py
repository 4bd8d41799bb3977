"""One field entry into its schema: the type string, then every keyword that refines it.

The type string is parsed by :mod:`terapi_lint.typegrammar`; enum values, element and value
types, sub-fields, ``format``, ``nullable``, bounds and pass-through keywords are then applied in
that order, and last the bounds the type's note states in words (``string (max 255 chars)``),
which an entry's own keys may repeat but not contradict.  Keys the compiler does not know are
kept as ``x-`` annotations, with a warning unless they are documented annotations.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ..findings import escape_token
from ..jsontypes import a_json_type
from ..typegrammar import (
    Array,
    Constrained,
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
from ..typenotes import RANGE
from .shapes import object_target, show, type_text, types_of
from .vocabulary import (
    ENUM_KEYS,
    FIELD_DOC_KEYS,
    FIELD_KEYS,
    FORMAT_ALIASES,
    KNOWN_FORMATS,
    PASSTHROUGH,
    SUBFIELD_KEYS,
)

if TYPE_CHECKING:
    from .compilation import Compilation


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


class Entries:
    """Compiles field entries for one compilation (which holds the definitions and warnings)."""

    def __init__(self, compilation: Compilation) -> None:
        self.compilation = compilation


    def _parse(self, value: Any, type_ptr: str, label: str = "type") -> TypeNode:
        if isinstance(value, list):
            raise StructureError(
                f"`{label}` must be a string; write {suggest_union(value)!r} instead of the JSON array {show(value)}",
                type_ptr,
            )
        if not isinstance(value, str):
            raise StructureError(f"`{label}` must be a string, not {show(value)}", type_ptr)
        try:
            return parse_type(value)
        except StructureError as err:
            raise err.at(type_ptr) from None

    def subfields_of(self, entry: dict, ptr: str) -> tuple[str, list] | None:
        """The sub-field list (``fields`` or ``children``) of an entry, if any."""
        for key in SUBFIELD_KEYS:
            if key in entry:
                if not isinstance(entry[key], list):
                    raise StructureError(f"`{key}` must be a list of {{name, type}}, not {a_json_type(entry[key])}", f"{ptr}/{key}")
                return key, entry[key]
        return None

    def entry_schema(self, entry: dict, ptr: str, *, type_ptr: str | None = None,
                      default_type: str | None = None) -> dict:  # fmt: skip
        """Compile one field entry (or an ``items``/``valueType`` object) without its name."""
        type_ptr = type_ptr or f"{ptr}/type"
        if "type" not in entry:
            if default_type is None:
                raise StructureError(f"field {entry.get('name', entry.get('path'))!r} has no `type`", ptr)
            node: TypeNode = parse_type(default_type)
        else:
            node = self._parse(entry["type"], type_ptr)
        noted = node if isinstance(node, Constrained) else None
        node = noted.node if noted else node
        schema = self._enum_schema(node, entry, ptr, type_ptr)
        self._apply_items(schema, node, entry, ptr)
        self._apply_values(schema, entry, ptr)
        schema = self._apply_subfields(schema, node, entry, ptr)
        self._apply_format(schema, entry, ptr)
        schema = self._apply_nullable(schema, entry, ptr)
        self._apply_bounds(schema, entry, ptr)
        self._apply_annotations(schema, entry, ptr)
        if noted:
            self._apply_noted_bounds(schema, noted, type_ptr)
        return schema

    @staticmethod
    def _apply_noted_bounds(schema: dict, noted: Constrained, type_ptr: str) -> None:
        """The keywords of a note such as ``(1-64 characters)``, unless an entry key says otherwise."""
        for keyword, value in noted.keywords:
            if schema.get(keyword, value) != value:
                raise StructureError(f"'({noted.note})' in `type` means {keyword} {value}, but the entry gives "
                                     f"{keyword} {show(schema[keyword])}", type_ptr)
            schema[keyword] = value

    def _enum_values(self, entry: dict, ptr: str) -> tuple[str, list] | None:
        """The enum values from the ``enum``/``values``/``allowedValues`` key, if any."""
        found = [(k, entry[k]) for k in ENUM_KEYS if k in entry]
        for key, values in found:
            if not isinstance(values, list) or not values:
                raise StructureError(f"`{key}` must be a non-empty list of values, not {show(values)}", f"{ptr}/{key}")
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
                        f"enum values in `type` ({', '.join(node.values)}) conflict with `{keyed[0]}` {show(keyed[1])}",
                        f"{ptr}/{keyed[0]}",
                    )
                return {"type": node.base or "string", "enum": list(node.values)}
            if keyed is None:
                base = node.base or "string"
                self.compilation.warn(type_ptr, f"enum without values; compiled as plain {base} (list the values in an `enum` key)")
                return {"type": base}
            schema: dict[str, Any] = {"enum": list(keyed[1])}
            base = node.base or _infer_type(keyed[1])
            return {"type": base, **schema} if base else schema
        schema = self._node_schema(node, type_ptr)
        if keyed is not None:
            target = schema["items"] if "items" in schema and "array" in types_of(schema) else schema
            target["enum"] = list(keyed[1])
        return schema

    def _node_schema(self, node: TypeNode, type_ptr: str) -> dict:
        """Translate a parsed type into a schema (the table under "Type strings" in docs/structure-dialect.md)."""
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
                self.compilation.warn(type_ptr, "enum without values; compiled as plain string (list the values in `enum[...]`)")
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
            return self.compilation.definitions.ref(node.name, type_ptr)
        if isinstance(node, Constrained):
            return {**self._node_schema(node.node, type_ptr), **dict(node.keywords)}
        return self._union_schema(node, type_ptr)

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
            default = "object" if any(k in item for k in SUBFIELD_KEYS) else "any"
            return self.entry_schema(item, ptr, default_type=default)
        raise StructureError(f"`{label}` must be a type string or an object, not {a_json_type(value)}", ptr)

    def _json_ref(self, ref: Any, ptr: str) -> dict:
        """``#/definitions/X`` or ``#/$defs/X`` pointing at a named sub-structure."""
        match = re.fullmatch(r"#/(?:definitions|\$defs|nested)/([^/]+)", ref) if isinstance(ref, str) else None
        if not match:
            raise StructureError(f"`$ref` must look like \"#/definitions/Name\", not {show(ref)}", ptr)
        return self.compilation.definitions.ref(match.group(1), ptr)

    def _apply_items(self, schema: dict, node: TypeNode, entry: dict, ptr: str) -> None:
        """``items`` / ``itemType``: the element schema of an array."""
        key = "items" if "items" in entry else "itemType" if "itemType" in entry else None
        if key is None:
            return
        if "array" not in types_of(schema):
            raise StructureError(f"`{key}` applies only to array types, not {type_text(schema)!r}", f"{ptr}/{key}")
        element = self._element_schema(entry[key], f"{ptr}/{key}", key)
        current = schema.get("items")
        ref_name = node.items.name if isinstance(node, Array) and isinstance(node.items, Ref) else None
        if ref_name and isinstance(entry[key], dict) and "$ref" not in entry[key]:
            schema["items"] = self.compilation.definitions.hoist(ref_name, element, ptr)
        elif current is None or current == {"type": "object"} or current == element:
            schema["items"] = element
        else:
            raise StructureError(
                f"element type given twice: `type` says {type_text(current)!r}, `{key}` says {type_text(element)!r}",
                f"{ptr}/{key}",
            )

    def _apply_values(self, schema: dict, entry: dict, ptr: str) -> None:
        """``valueType`` / ``additionalProperties``: the value schema of a map or open object."""
        for key in ("valueType", "additionalProperties"):
            if key not in entry:
                continue
            if "object" not in types_of(schema):
                raise StructureError(f"`{key}` applies only to object and map types, not {type_text(schema)!r}", f"{ptr}/{key}")
            value = entry[key]
            schema["additionalProperties"] = value if isinstance(value, bool) else self._element_schema(value, f"{ptr}/{key}", key)

    def _apply_subfields(self, schema: dict, node: TypeNode, entry: dict, ptr: str) -> dict:
        """Sub-``fields``/``children``: properties of the object, or of the array's elements."""
        subs = self.subfields_of(entry, ptr)
        if subs is None:
            return schema
        key, entries = subs
        inner = self.compilation.object_schema(entries, f"{ptr}/{key}")
        ref_node = node.items if isinstance(node, Array) else node
        if isinstance(ref_node, Ref):
            hoisted = self.compilation.definitions.hoist(ref_node.name, inner, ptr)
            if isinstance(node, Array):
                schema["items"] = hoisted
                return schema
            return {**hoisted, **{k: v for k, v in schema.items() if k not in ("$ref", "type")}}
        target = object_target(schema, via_array=False)
        if target is None:
            raise StructureError(
                f"sub-fields (`{key}`) on type {type_text(schema)!r}; only object, array and named types take sub-fields",
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
            raise StructureError(f"`format` must be a non-empty string, not {show(value)}", f"{ptr}/format")
        fmt = FORMAT_ALIASES.get(value.lower(), value)
        if schema.get("format", fmt) != fmt:
            raise StructureError(f"`format` {value!r} conflicts with format {schema['format']!r} given in `type`", f"{ptr}/format")
        if fmt not in KNOWN_FORMATS:
            self.compilation.warn(f"{ptr}/format", f"unknown format {value!r} kept as an annotation (validators will not check it)")
        schema["format"] = fmt

    def _apply_nullable(self, schema: dict, entry: dict, ptr: str) -> dict:
        """``nullable: true`` lets the value be null."""
        value = entry.get("nullable", False)
        if not isinstance(value, bool):
            raise StructureError(f"`nullable` must be true or false, not {show(value)}", f"{ptr}/nullable")
        if not value or schema == {}:
            return schema
        types = types_of(schema)
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
        elif isinstance(value, str) and RANGE.fullmatch(value):
            low, high = (json.loads(g) for g in RANGE.fullmatch(value).groups())
        else:
            raise StructureError(f'`range` must be [min, max] or "min-max", not {show(value)}', rptr)
        if low > high:
            raise StructureError(f"`range` minimum {low} is greater than maximum {high}", rptr)
        schema["minimum"], schema["maximum"] = low, high

    @staticmethod
    def _number(value: Any, ptr: str, key: str) -> int | float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise StructureError(f"`{key}` must be a number, not {show(value)}", ptr)
        return value

    def _apply_annotations(self, schema: dict, entry: dict, ptr: str) -> None:
        """Pass-through keywords, ``example``, and ``x-`` annotations for everything else."""
        for key in PASSTHROUGH:
            if key in entry:
                schema[key] = entry[key]
        if "example" in entry:
            schema["examples"] = [entry["example"]]
        for key, value in entry.items():
            if key in FIELD_KEYS or (key == "path" and "name" not in entry):
                continue
            if key not in FIELD_DOC_KEYS:
                self.compilation.warn(f"{ptr}/{escape_token(key)}", f"unknown field key {key!r} kept as annotation 'x-{key}'")
            schema[f"x-{key}"] = value
