"""One compilation: its options and warnings, and the top-level document it assembles.

The jobs are split by module: :mod:`.document` checks the input, :mod:`.definitions` collects
and hoists named sub-structures, :mod:`.field_paths` expands dotted paths, :mod:`.entries` turns
types and keywords into schema.  This class holds what they share.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ..findings import escape_token
from ..jsontypes import a_json_type
from ..typegrammar import StructureError
from .definitions import Definitions
from .document import check_document
from .entries import Entries
from .field_paths import expand
from .shapes import finalize
from .vocabulary import TOP_DOC_KEYS, TOP_KEYS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:terapi-lint:structure:"

Warn = Callable[[str, str], None]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "structure"


class Compilation:
    """One compilation: holds the options, the named definitions and the warning sink."""

    def __init__(self, *, closed: bool, strict: bool, warn: Warn | None) -> None:
        self.closed = closed
        self.strict = strict
        self.warn_sink = warn
        self.warned: set[tuple[str, str]] = set()
        self.definitions = Definitions(self)
        self.entries = Entries(self)

    def warn(self, pointer: str, message: str) -> None:
        """Report a warning (once per place and message), or raise it under ``strict``."""
        if self.strict:
            raise StructureError(message, pointer)
        if (pointer, message) in self.warned:
            return
        self.warned.add((pointer, message))
        if self.warn_sink is not None:
            self.warn_sink(pointer, message)

    def compile(self, doc: Any) -> dict:
        check_document(doc)
        self.definitions.collect_named(doc)
        self.definitions.collect_inline(doc["fields"], "/fields")
        properties, required = self.fields(doc["fields"], "/fields")
        return self._assemble(doc, properties, required, self.definitions.compiled())

    def object_schema(self, entries: Any, ptr: str) -> dict:
        """``{"type": "object", "properties", "required"}`` from a list of field entries."""
        properties, required = self.fields(entries, ptr)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        return schema

    def fields(self, entries: Any, ptr: str) -> tuple[dict, list[str]]:
        if not isinstance(entries, list):
            raise StructureError(f"field list must be a list of {{name, type}}, not {a_json_type(entries)}", ptr)
        return self.expand([(f"{ptr}/{i}", entry, False) for i, entry in enumerate(entries)])

    def expand(self, entries: list[tuple[str, Any, bool]]) -> tuple[dict, list[str]]:
        """Properties and required names of ``(pointer, entry, encoded)`` entries."""
        return expand(entries, lambda entry, ptr, type_ptr: self.entries.entry_schema(entry, ptr, type_ptr=type_ptr))

    def _assemble(self, doc: dict, properties: dict, required: list[str], defs: dict[str, dict]) -> dict:
        title = doc.get("title") if isinstance(doc.get("title"), str) else doc.get("name")
        out: dict[str, Any] = {"$schema": SCHEMA_DIALECT}
        out["$id"] = ID_PREFIX + _slug(title if isinstance(title, str) else "")
        if isinstance(title, str):
            out["title"] = title
        if isinstance(doc.get("description"), str):
            out["description"] = doc["description"]
        out["type"] = "object"
        body = finalize({"type": "object", "properties": properties}, self.closed)
        out["properties"] = body["properties"]
        if required:
            out["required"] = required
        if self.closed:
            out["additionalProperties"] = False
        if defs:
            out["$defs"] = {name: finalize(schema, self.closed) for name, schema in defs.items()}
        if "example" in doc:
            out["examples"] = [doc["example"]]
        for key, value in doc.items():
            if key == "name" and isinstance(doc.get("title"), str):
                out["x-name"] = value  # both given: `title` is the title, keep `name` too
            elif key not in TOP_KEYS:
                if key not in TOP_DOC_KEYS:
                    self.warn(f"/{escape_token(key)}", f"unknown top-level key {key!r} kept as annotation 'x-{key}'")
                out[f"x-{key}"] = value
        return out
