"""Reading structures, rendering compiled schemas, and the schemas shipped with the package."""

from __future__ import annotations

import difflib
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from .typegrammar import StructureError

__all__ = [
    "StructureError",
    "load_structure",
    "render_schema",
    "schema_diff",
    "looks_like_structure",
    "builtin_schema",
    "builtin_text",
]

#: Longest diff ``schema_diff`` returns before it cuts the rest short.
DIFF_LINES = 40


def load_structure(path: str | Path) -> Any:
    """Read a JSON document from ``path``.

    Raises StructureError (never a traceback) when the file cannot be read, is not UTF-8, or is
    not valid JSON; the message gives line:column for syntax errors.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise StructureError(f"file is not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise StructureError(f"cannot read file: {err.strerror or err}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise StructureError(f"invalid JSON at line {err.lineno}:{err.colno}: {err.msg}") from None


def render_schema(schema: dict) -> str:
    """The canonical text of a schema: 2-space indent, UTF-8 as is, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_diff(old_text: str, new_text: str, old_name: str, new_name: str) -> str:
    """A unified diff of two schema texts, cut to about ``DIFF_LINES`` lines ("" when equal)."""
    lines = list(
        difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=old_name,
            tofile=new_name,
            n=2,
        )
    )
    lines = [line if line.endswith("\n") else line + "\n" for line in lines]
    if len(lines) > DIFF_LINES:
        hidden = len(lines) - DIFF_LINES
        lines = [*lines[:DIFF_LINES], f"... ({hidden} more diff lines)\n"]
    return "".join(lines)


def looks_like_structure(doc: Any) -> bool:
    """True for a field-list structure (a JSON object with ``fields``), False for a schema."""
    return isinstance(doc, dict) and "fields" in doc


def builtin_text(name: str) -> str:
    """The text of a schema file shipped in ``terapi_lint/schemas/`` (e.g. ``connection.schema.json``)."""
    resource = files("terapi_lint") / "schemas" / name
    try:
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise StructureError(f"no built-in schema named {name!r}") from None


def builtin_schema(name: str) -> dict:
    """A schema file shipped in ``terapi_lint/schemas/``, parsed."""
    return json.loads(builtin_text(name))
