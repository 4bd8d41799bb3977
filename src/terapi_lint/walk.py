"""Walk a parsed record once, iteratively, yielding its members with their paths.

Shared by rules that look at every value.  Paths are tuples of keys and indexes relative to the
record, as :class:`~terapi_lint.findings.Problem` wants them.  A container reached twice (a YAML
alias) is walked once, and no recursion limit applies to deeply nested input.
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = ["iter_members", "iter_strings", "dotted"]

Path = tuple  # tuple[str | int, ...]


def iter_members(value: Any) -> Iterator[tuple[Path, str | None, Any]]:
    """Every member and item below ``value``, parents first: ``(path, key_or_None, child)``.

    ``key`` is the member name for object members and ``None`` for array items.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, Path]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            items: Any = node.items()
            for key, child in items:
                child_path = path + (key,)
                yield child_path, key, child
                if isinstance(child, (dict, list)):
                    stack.append((child, child_path))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                child_path = path + (index,)
                yield child_path, None, child
                if isinstance(child, (dict, list)):
                    stack.append((child, child_path))


def iter_strings(value: Any) -> Iterator[tuple[Path, str | None, str]]:
    """Every string scalar below ``value``: ``(path, key_or_None, string)``."""
    for path, key, child in iter_members(value):
        if isinstance(child, str):
            yield path, key, child


def dotted(path: Path) -> str:
    """A readable rendering of a path for messages: ``metadata.accounts[0].token``."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)
