"""Expanding a field list into properties: dotted and ``[]`` paths become nested objects.

``beneficiary.address.line1`` and ``weather[].id`` declare members of objects (or of the items of
arrays) that other entries may or may not declare themselves; a path through a scalar, a field
given twice, or a malformed segment is refused with the pointer of the entry at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..jsontypes import a_json_type
from ..typegrammar import StructureError
from .shapes import object_target, show, type_text, types_of

#: ``entry_schema(entry, ptr, type_ptr)`` compiles one field entry (without its name).
EntrySchema = Callable[[dict, str, "str | None"], dict]


def _through_message(name: str, through: str, schema: dict, pointer: str, via_array: bool) -> str:
    """Why the path ``name`` cannot run through the field ``through``."""
    declared = type_text(schema)
    if via_array and "object" in types_of(schema):
        return (
            f"path {name!r} uses {through + '[]'!r}, but {through!r} is declared as 'object' at "
            f"{pointer}; drop the [] or declare it as an array"
        )
    return (
        f"path {name!r} runs through {through!r}, declared as {declared!r} at {pointer}; "
        "only objects and arrays of objects have sub-fields"
    )


@dataclass
class _Node:
    """One property while a field list is expanded: declared (``schema`` set) or implied by a
    dotted path (``schema`` None)."""

    pointer: str
    schema: dict | None = None
    required: bool = False
    array: bool = False
    children: dict[str, _Node] = field(default_factory=dict)


def expand(entries: list[tuple[str, Any, bool]], entry_schema: EntrySchema) -> tuple[dict, list[str]]:
    """Compile ``(pointer, entry, encoded)`` entries into ``properties`` and ``required``.

    ``encoded`` entries come from a ``{field: "type - description"}`` map: their type is located
    at the entry itself.
    """
    root: dict[str, _Node] = {}
    for ptr, entry, encoded in entries:
        if not isinstance(entry, dict):
            raise StructureError(f"field entry must be an object with `name` and `type`, not {a_json_type(entry)}", ptr)
        name, name_ptr = _entry_name(entry, ptr)
        segments = _segments(name, name_ptr)
        level = root
        for depth, (segment, is_array) in enumerate(segments[:-1]):
            node = level.get(segment)
            if node is None:
                node = level[segment] = _Node(ptr, array=is_array)
            elif node.schema is not None and object_target(node.schema, is_array) is None:
                through = ".".join(s for s, _ in segments[: depth + 1])
                raise StructureError(
                    _through_message(name, through, node.schema, node.pointer, is_array), name_ptr
                )
            level = node.children
        last, last_array = segments[-1]
        schema = entry_schema(entry, ptr, ptr if encoded else None)
        if last_array:
            schema = {"type": "array", "items": schema}
        required = _required(entry, ptr)
        existing = level.get(last)
        if existing is None:
            level[last] = _Node(ptr, schema, required)
        elif existing.schema is not None:
            raise StructureError(f"duplicate field {name!r} (first defined at {existing.pointer})", name_ptr)
        elif object_target(schema, existing.array) is None:
            raise StructureError(
                f"field {name!r} is declared as {type_text(schema)!r}, but the path at "
                f"{existing.pointer} runs through it; only objects and arrays of objects have sub-fields",
                name_ptr,
            )
        else:
            existing.schema, existing.required, existing.pointer = schema, required, ptr
    return _build(root)


def _build(level: dict[str, _Node]) -> tuple[dict, list[str]]:
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
            child_props, child_required = _build(node.children)
            target = object_target(schema, node.array)
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


def _entry_name(entry: dict, ptr: str) -> tuple[str, str]:
    """The field name (``name``, else ``path``) and the pointer to it."""
    key = "name" if "name" in entry else "path" if "path" in entry else None
    if key is None:
        raise StructureError("field entry has no `name` (or `path`)", ptr)
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise StructureError(f"`{key}` must be a non-empty string, not {show(value)}", f"{ptr}/{key}")
    return value, f"{ptr}/{key}"


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


def _required(entry: dict, ptr: str) -> bool:
    value = entry.get("required", False)
    if not isinstance(value, bool):
        raise StructureError(f"`required` must be true or false, not {show(value)}", f"{ptr}/required")
    return value

