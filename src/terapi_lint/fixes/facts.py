"""What a fix may know about the value it fixes besides the value itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Facts:
    """``kind``: ``json`` or ``yaml``; ``allowed``: the values an ``enum``/``const`` at that place
    lists; ``wants_string``: a ``type`` there allows strings; ``raw`` and ``style``: the YAML
    scalar's source text and quoting style (None: plain)."""

    kind: str = "json"
    allowed: tuple[Any, ...] | None = None
    wants_string: bool = False
    raw: str | None = None
    style: str | None = None
