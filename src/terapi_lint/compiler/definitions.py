"""Named sub-structures: found wherever a structure defines them, compiled once into ``$defs``.

A structure names sub-structures in ``nested`` (a list or a map, of field lists, entries or
``{field: "type - description"}`` maps), ``definitions``, ``searchResponse``, or inline, where a
field of a capitalised type gives its fields (``from: User {fields}``).  Each is registered with
where it is defined and compiled on first use; a use of the same name with the same fields
becomes a ``$ref``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..findings import escape_token
from ..jsontypes import a_json_type
from ..typegrammar import Array, Constrained, Ref, StructureError, parse_type
from .vocabulary import FIELD_DOC_KEYS, FIELD_KEYS, SUBFIELD_KEYS

if TYPE_CHECKING:
    from .compilation import Compilation


def _is_entry_shaped(value: dict) -> bool:
    """True for a sub-structure written as one entry (``{type, fields}``), False for a
    ``{field: "type - description"}`` map, which may well contain a field called ``type``."""
    if any(isinstance(value.get(k), list) for k in SUBFIELD_KEYS):
        return True
    type_value = value.get("type")
    return (
        isinstance(type_value, str)
        and " - " not in type_value
        and set(value) <= FIELD_KEYS | FIELD_DOC_KEYS
    )


@dataclass
class _Source:
    """Where a named sub-structure is defined and how to compile it."""

    pointer: str
    build: Callable[[], dict]


class Definitions:
    """The named sub-structures of one compilation and their compiled ``$defs``."""

    def __init__(self, compilation: Compilation) -> None:
        self.compilation = compilation
        self.sources: dict[str, _Source] = {}
        self.defs: dict[str, dict] = {}
        self.building: set[str] = set()

    def compiled(self) -> dict[str, dict]:
        """Every definition, compiled, in the order they were found."""
        for name in list(self.sources):
            self.get(name)
        return {n: self.defs[n] for n in self.sources if n in self.defs}

    def ref(self, name: str, type_ptr: str) -> dict:
        """The schema of a use of ``name``: a ``$ref``, or an open object (with a warning) when
        nothing defines it."""
        if name in self.sources:
            return {"$ref": f"#/$defs/{name}"}
        self.compilation.warn(
            type_ptr,
            f"unresolved reference {name!r}: not defined in `nested`, `definitions` or inline fields; "
            'compiled as {"type": "object"}',
        )
        return {"type": "object"}


    def _add_source(self, name: str, pointer: str, build: Callable[[], dict]) -> None:
        if name in self.sources:
            raise StructureError(
                f"structure {name!r} is defined twice (first at {self.sources[name].pointer})",
                pointer,
            )
        self.sources[name] = _Source(pointer, build)

    def collect_named(self, doc: dict) -> None:
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
                self._add_named(name, value, f"/nested/{escape_token(name)}")
        elif nested is not None:
            raise StructureError("`nested` must be a list of {name, fields} or a map of name to structure", "/nested")
        definitions = doc.get("definitions")
        if isinstance(definitions, dict):
            for name, value in definitions.items():
                self._add_named(name, value, f"/definitions/{escape_token(name)}")
        elif definitions is not None:
            raise StructureError("`definitions` must be a map of name to structure", "/definitions")
        if "searchResponse" in doc:
            self._add_named("searchResponse", doc["searchResponse"], "/searchResponse")

    def _add_named(self, name: str, value: Any, ptr: str, allow_name: bool = False) -> None:
        """Register one named sub-structure in whichever shape it comes."""
        if isinstance(value, list):
            self._add_source(name, ptr, lambda: self.compilation.object_schema(value, ptr))
            self.collect_inline(value, ptr)
        elif isinstance(value, dict) and _is_entry_shaped(value):
            entry = {k: v for k, v in value.items() if not (allow_name and k == "name")}
            if "type" not in entry:
                entry["type"] = "object"
            self._add_source(name, ptr, lambda: self.compilation.entries.entry_schema(entry, ptr))
            for key in SUBFIELD_KEYS:
                if isinstance(value.get(key), list):
                    self.collect_inline(value[key], f"{ptr}/{key}")
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
            item_ptr = f"{ptr}/{escape_token(key)}"
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
        properties, required = self.compilation.expand(entries)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        return schema

    def collect_inline(self, entries: Any, ptr: str) -> None:
        """Find capitalised types defined inline (``from: User {fields}``) so that other uses
        of the same name (``forward_from: User``) can refer to them."""
        if not isinstance(entries, list):
            return
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            eptr = f"{ptr}/{i}"
            name = self._ref_name(entry.get("type"))
            subs = self.compilation.entries.subfields_of(entry, eptr)
            items = entry.get("items")
            if name and subs and name not in self.sources:
                key, value = subs
                self._add_source(name, eptr, lambda v=value, p=f"{eptr}/{key}": self.compilation.object_schema(v, p))
            elif name and isinstance(items, dict) and "fields" in items and name not in self.sources:
                self._add_source(name, eptr, lambda it=items, p=f"{eptr}/items": self.compilation.entries.entry_schema(it, p, default_type="object"))
            if subs:
                self.collect_inline(subs[1], f"{eptr}/{subs[0]}")
            if isinstance(items, dict):
                self.collect_inline(items.get("fields"), f"{eptr}/items/fields")

    @staticmethod
    def _ref_name(type_value: Any) -> str | None:
        """The Reference named by a type string (``User``, ``array<User>``), if any."""
        if not isinstance(type_value, str):
            return None
        try:
            node = parse_type(type_value)
        except StructureError:
            return None
        if isinstance(node, Constrained):
            node = node.node
        if isinstance(node, Array):
            node = node.items
        return node.name if isinstance(node, Ref) else None

    def get(self, name: str) -> dict | None:
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

    def hoist(self, name: str, inline: dict, site: str) -> dict:
        """Use ``$ref`` for a named type given inline fields at ``site`` when they define it."""
        source = self.sources.get(name)
        if source is not None and source.pointer == site and name not in self.defs:
            self.defs[name] = inline
            return {"$ref": f"#/$defs/{name}"}
        if source is not None and self.get(name) == inline:
            return {"$ref": f"#/$defs/{name}"}
        if source is not None:
            self.compilation.warn(site, f"fields given here for {name!r} differ from its definition at {source.pointer}; compiled inline")
        return inline
