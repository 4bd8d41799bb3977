"""A finding's JSON text from a template: what :func:`~terapi_lint.reporters.base.dumps` writes for
its object, without building and encoding the object each time.

A report's findings share most of their object (file, rule, severity, code, url in the JSON
report; SARIF's rule, level, location, properties): a *template* is that object rendered once, as
``dumps`` renders it, cut where a finding's own values go (line, column, pointer, ...).
It is made by rendering the object with :data:`HOLE` in those places, so its layout is the
renderer's own, never written by hand; a finding's text is then the pieces joined with the
values as JSON writes them (:func:`json_string`, ``str`` of an int, ``null``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import orjson

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import dumps, dumps_line
from terapi_lint.ruledoc import rule_url

#: What stands where a value goes while a template is rendered (no finding's text holds a NUL).
HOLE = "\x00terapi-lint:hole\x00"
_QUOTED_HOLE = dumps_line(HOLE)


def json_string(text: str) -> str:
    """``text`` as a JSON string, as ``dumps`` writes it inside a document (non-ASCII kept)."""
    try:
        return orjson.dumps(text).decode()
    except TypeError:  # a lone surrogate: json writes it, as dumps falls back to json
        return json.dumps(text, ensure_ascii=False)


#: A string that repeats across a report's findings (pointer, message, record key), encoded once.
cached_json_string = lru_cache(maxsize=4096)(json_string)


class Template:
    """``value`` as ``render`` writes it, cut at each :data:`HOLE` in it: ``template.fill(values)``
    puts the values (text, in order) in the holes; ``depths`` gives the nesting depth of each
    hole's line (where an object put in its place must be rendered)."""

    def __init__(self, value: Any, render: Callable[[Any], str], holes: int) -> None:
        text = render(value)
        if text.count(_QUOTED_HOLE) != holes:  # cannot happen when the fixed parts hold no NUL (has_nul)
            raise ValueError("a template's hole is also in its text")
        self.pieces = tuple(text.split(_QUOTED_HOLE))
        self.depths = tuple((len(p) - p.rfind("\n") - 1) // 2 for p in self.pieces[:-1])
        self._size = 2 * len(self.pieces) - 1

    def fill(self, values: tuple[str, ...]) -> str:
        # Slices of a list, then one join: a third of the time of ``%`` on a template this long.
        parts = [""] * self._size
        parts[::2] = self.pieces
        parts[1::2] = values
        return "".join(parts)


def has_nul(*texts: str) -> bool:
    """Whether a text of a template's fixed part holds a NUL (where a hole could be mistaken for it)."""
    return any("\x00" in text for text in texts)


@lru_cache(maxsize=1024)  # a report's findings share a few (file, rule, severity, code)
def finding_template(file: str, rule: str, severity: str, code: str, depth: int | None) -> Template | None:
    """The JSON report's object of a finding (``depth`` levels deep; None: one line, JSON Lines),
    with holes for line, column, pointer, message, record, record_id and record_key (None when a
    fixed part holds a NUL, which a hole could be mistaken for)."""
    if has_nul(file, rule, severity, code):
        return None
    value = {"file": file, "line": HOLE, "column": HOLE, "pointer": HOLE, "rule": rule, "severity": severity,
             "message": HOLE, "record": HOLE, "code": code, "record_id": HOLE, "record_key": HOLE,
             "url": rule_url(rule)}
    return Template(value, dumps_line if depth is None else (lambda v: dumps(v, depth)), 7)


def finding_json(finding: Finding, depth: int | None) -> str:
    """``finding`` with its ``url``, as ``dumps({**finding.to_dict(), "url": ...}, depth)`` writes it
    (``dumps_line`` when ``depth`` is None)."""
    f = finding
    template = finding_template(f.file, f.rule, f.severity, f.code, depth)
    if template is None:
        value = {**f.to_dict(), "url": rule_url(f.rule)}
        return dumps_line(value) if depth is None else dumps(value, depth)
    record, record_id, record_key = f.record, f.record_id, f.record_key
    return template.fill((
        str(f.line), str(f.column), cached_json_string(f.pointer), cached_json_string(f.message),
        "null" if record is None else str(record),
        "null" if record_id is None else json_string(record_id),
        "null" if record_key is None else cached_json_string(record_key)))
