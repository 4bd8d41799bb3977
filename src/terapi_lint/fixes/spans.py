"""Where a value is in the source text: its exact character span, for an edit of only its bytes.

JSON is walked along the path only (the locator's member and item readers,
:mod:`terapi_lint.loaders.locator`); YAML is composed into nodes, whose marks hold each scalar's
start and end and its quoting style.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from terapi_lint.findings import Path
from terapi_lint.loaders.locator import _PLAIN_ITEM, _skip, walk


@dataclass(frozen=True)
class Span:
    """A value's text is ``text[start:end]``; ``style`` is a YAML scalar's quoting (None: plain,
    ``'"'``, ``"'"``, ``|``, ``>``), ``indent`` the column its key or item starts at."""

    start: int
    end: int
    style: str | None = None
    indent: int = 0
    block: bool = True


def json_span(text: str, path: Path, start: int = 0) -> Span | None:
    """The span of the JSON value at ``path`` of the document starting at ``start``."""
    found = walk(text, path, start)
    if found is None:
        return None
    key_at, pos = found
    if text[pos:pos + 1] in ("{", "["):
        end = _skip(text, pos)
    else:
        match = _PLAIN_ITEM.match(text, pos)
        if match is None:
            return None
        end = match.start(1) if match.group(1) else match.end()
        end = pos + len(text[pos:end].rstrip(" \t\r\n"))
    line_start = text.rfind("\n", 0, key_at) + 1
    return Span(pos, end, indent=key_at - line_start, block=not text[line_start:key_at].strip())


def yaml_documents(text: str) -> list[Any]:
    """The composed node trees of every document of ``text`` (pure-Python marks count characters)."""
    import yaml

    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def yaml_span(root: Any, path: Path) -> Span | None:
    """The span of the node at ``path`` under ``root`` (None: no such node, or reached through a
    merge key or an alias, whose text is elsewhere)."""
    import yaml

    node, indent = root, root.start_mark.column
    for token in path:
        if isinstance(node, yaml.MappingNode) and isinstance(token, str):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == token
                          and k.tag != "tag:yaml.org,2002:merge"), None)
            if found is None:
                return None
            indent, node = found[0].start_mark.column, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(token, int) and 0 <= token < len(node.value):
            node = node.value[token]
            indent = node.start_mark.column
        else:
            return None
    style = getattr(node, "style", None)
    flow = bool(getattr(node, "flow_style", False))
    return Span(node.start_mark.index, node.end_mark.index, style, indent, block=not flow)
