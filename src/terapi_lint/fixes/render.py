"""A fixed value written the way its file writes values: JSON or YAML, the same quoting, the same
indentation and separators, the same line endings."""

from __future__ import annotations

import json
import re
from typing import Any

from terapi_lint.fixes.spans import Span

_INDENTS = re.compile(r"^([ \t]+)\S", re.MULTILINE)


def newline_of(text: str) -> str:
    """The line ending the text uses (``\\r\\n`` when its first line ends so)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def indent_unit(text: str) -> str:
    """One step of indentation in ``text``: its smallest indentation, two spaces when it has none."""
    found = [m.group(1) for m in _INDENTS.finditer(text, 0, min(len(text), 65536))]
    return min(found, key=len) if found else "  "


def render_json(value: Any, text: str, span: Span) -> str:
    """``value`` as JSON at ``span`` of ``text``: an object over several lines when its member
    starts a line (indented like the file), else on one line, spaced like the text before it."""
    if isinstance(value, dict) and value and span.block:
        line_start = text.rfind("\n", 0, span.start) + 1
        lead = re.match(r"[ \t]*", text[line_start:span.start]).group()
        body = json.dumps(value, indent=indent_unit(text), ensure_ascii=False)
        return body.replace("\n", newline_of(text) + lead)
    compact = span.start > 0 and text[span.start - 1] == ":"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":") if compact else (", ", ": "))


def render_yaml(value: Any, text: str, span: Span) -> str:
    """``value`` as YAML at ``span``: a string quoted as the old one was (plain when plain reads
    back the same), a mapping as a block under its key (a flow mapping inside a flow one)."""
    import yaml

    if isinstance(value, dict):
        if not value or not span.block:
            return json.dumps(value, ensure_ascii=False)
        dumped = yaml.safe_dump(value, default_flow_style=False, sort_keys=False, allow_unicode=True)
        pad = " " * (span.indent + 2)
        lines = [pad + line for line in dumped.splitlines()]
        return newline_of(text) + newline_of(text).join(lines)
    if not isinstance(value, str):
        return json.dumps(value)
    if span.style == "'":
        return "'" + value.replace("'", "''") + "'"
    if span.style is None and span.block and value == value.strip() and _plain_reads_back(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_reads_back(value: str) -> bool:
    import yaml

    try:
        return value != "" and yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        return False
