"""Credentials in text that could not be parsed (a file with a syntax error): the fallback scan.

Two passes over the raw text, both giving ``(line, column, kind)``, 1-based:

- every credential *format* (:func:`~terapi_lint.secrets.detectors.find_secrets`), wherever it
  stands; AWS secret keys only next to an AWS key id, legacy Notion tokens only where the text
  mentions Notion;
- ``"name": "value"`` (JSON) and ``name: value`` (YAML) pairs whose name says credential and whose
  value could be one, judged exactly as in a parsed record (``{name: value}`` through
  :func:`~terapi_lint.secrets.analysis.analyze`), so a random refresh token with no known prefix is
  found in a broken file as it is in a valid one.  A pair whose value already holds a format hit
  is not reported twice.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator

from terapi_lint.secrets.analysis import analyze
from terapi_lint.secrets.detectors import find_secrets

_JSON_PAIR = re.compile(r'"((?:[^"\\\n]|\\.){1,80})"[ \t]*:[ \t]*("(?:[^"\\\n]|\\.){1,8192}")')
_YAML_PAIR = re.compile(
    r"""^[ \t]*(?:-[ \t]+)?(["']?)([A-Za-z_][\w.-]{0,79})\1[ \t]*:[ \t]+"""
    r"""("[^"\n]{1,8192}"|'[^'\n]{1,8192}'|[^\s#'"{}\[\],&*!|>][^\n#]{0,8191}?)[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)


def scan_text(text: str) -> Iterator[tuple[int, int, str]]:
    """Every credential in ``text`` (a file that did not parse), by format or by name and value."""
    notion = "notion" in text.lower()
    line_starts = [0]
    idx = text.find("\n")
    while idx >= 0:
        line_starts.append(idx + 1)
        idx = text.find("\n", idx + 1)

    def place(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    found = find_secrets(text, notion=notion)
    for start, _end, kind in found:
        yield (*place(start), kind)
    starts = sorted(start for start, _end, _kind in found)
    for start, end, name in _pairs(text):
        at = bisect.bisect_left(starts, start)
        if at < len(starts) and starts[at] < end:
            continue  # the value holds a credential format, already reported
        yield (*place(start), name)


def _pairs(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, label)`` of each value that a credential-named member would be flagged for."""
    seen: set[int] = set()
    for match in _JSON_PAIR.finditer(text):
        try:
            key, value = json.loads(f'"{match.group(1)}"'), json.loads(match.group(2))
        except ValueError:
            continue
        seen.add(match.start(2))
        if _flagged(key, value):
            yield match.start(2), match.end(2), _label(key)
    for match in _YAML_PAIR.finditer(text):
        start, raw = match.start(3), match.group(3)
        if start in seen:
            continue
        value = raw[1:-1] if raw[0] in "\"'" else raw.rstrip()
        if _flagged(match.group(2), value):
            yield start, match.end(3), _label(match.group(2))


def _flagged(key: str, value: str) -> bool:
    return bool(analyze({key: value}))


def _label(key: str) -> str:
    """What the finding says it found: the member's name, unless the name itself looks like a token."""
    return "a credential-named member" if find_secrets(key) else f"a credential under {key!r}"
