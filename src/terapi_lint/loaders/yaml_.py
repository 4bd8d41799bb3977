"""YAML: safe, bounded loading of one record per document, with positions from the event marks.

PyYAML's ``CSafeLoader`` (pure-Python ``SafeLoader`` without libyaml) parses the events; this module
composes them into values itself, iteratively, because the stock composer recurses (libyaml's
Cython composer segfaults on 200,000-deep input) and cannot see duplicate keys or count aliases.
What it does, on the loader subclass only (no global PyYAML state changes):

* timestamps stay the strings written (the implicit resolver is removed, ``!!timestamp`` gives str);
* only JSON-compatible tags are constructed: str, int, float, bool, null, seq, map (and ``<<``
  merge keys); any other tag (``!!python/object…``, ``!!binary``, ``!!set``, local tags) is a
  parse-error at its node and nothing is constructed;
* a duplicate key is a ``duplicate-key`` problem at its second occurrence (the last value wins);
* nesting deeper than :data:`~.positions.MAX_DEPTH` stops the file (libyaml's scanner is quadratic
  in flow depth, so the rest is not read);
* aliases may not expand to more than :data:`ALIAS_LIMIT` nodes when that is also more than ten
  times the nodes written (a "billion laughs" bomb); an alias to an unfinished anchor (a cycle) is
  refused;
* error messages are built from PyYAML's problem words and marks with quoted text removed, never
  ``str(exc)``, which quotes the source line.

A scalar document is still a record.  A YAML 1.1 boolean such as ``provider: no`` loads as a bool,
as YAML says; the linter gives the quoting advice for bools in YAML records.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

from ..findings import Problem
from .base import Record
from .encoding import EncodingError, locate, normalize, utf8_error
from .positions import MAX_DEPTH
from .base import RelativePositions
from . import missing_records
from .records import DUPLICATE_KEY, discover_value

#: Expanded-node ceiling for aliases (when also more than 10x the written nodes).
ALIAS_LIMIT = 1_000_000

_CORE = "tag:yaml.org,2002:"
_TIMESTAMP = _CORE + "timestamp"
_COLLECTION_TAGS = {None, "!", _CORE + "seq", _CORE + "map"}
_QUOTED = re.compile(r"""\s*(?:'[^']*'|"[^"]*"|#x[0-9a-fA-F]+)""")
_GRAMMAR = re.compile(r"""'[^\w\s'"]{1,3}'""")

_Base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class SafeEventLoader(_Base):  # type: ignore[misc, valid-type]
    """The stock safe loader minus implicit timestamps; used for its events and scalar rules."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


class _DocumentError(Exception):
    """A defect confined to one document: report it and read the next document."""

    def __init__(self, message: str, mark: Any, fatal: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1
        self.column = mark.column + 1
        self.fatal = fatal


class _Frame:
    """An open collection while composing."""

    __slots__ = ("value", "path", "anchor", "size", "key", "has_key", "merge", "merges", "mark")

    def __init__(self, value: Any, path: tuple, anchor: str | None, mark: Any) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: Any = None
        self.has_key = False
        self.merge = False
        self.merges: list[tuple[Any, Any]] = []
        self.mark = mark


def _child_path(frame: _Frame) -> tuple:
    """Path of the next value in ``frame``: the next item, a member's value, or (for a key) the
    mapping itself."""
    if isinstance(frame.value, list):
        return frame.path + (len(frame.value),)
    return frame.path + (frame.key,) if frame.has_key else frame.path


def _tag_name(tag: str) -> str:
    """A short, content-free name for a tag in messages."""
    if tag.startswith(_CORE) and len(tag) < 80:
        return "!!" + tag[len(_CORE) :]
    return "a local or unknown tag"


def _clean(words: str | None) -> str:
    """PyYAML problem or context words without the quoted source text some of them carry.

    Quoted punctuation (``','``, ``']'``) is grammar and stays; any other quoted text goes.
    """

    def keep_grammar(match: re.Match[str]) -> str:
        return match.group() if _GRAMMAR.fullmatch(match.group().strip()) else ""

    return _QUOTED.sub(keep_grammar, words or "").strip()


class _Composer:
    """Turns the event stream of one YAML text into documents: (value, positions, problems)."""

    def __init__(self, text: str) -> None:
        self.loader = SafeEventLoader(text)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.written = 0
        self.expanded = 0

    def scalar(self, event: Any) -> Any:
        loader = self.loader
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if tag in (_CORE + "str", _TIMESTAMP, _CORE + "merge"):
            return event.value
        if tag == _CORE + "null":
            return None
        if tag == _CORE + "bool":
            return loader.construct_yaml_bool(node)
        if tag == _CORE + "float":
            return loader.construct_yaml_float(node)
        if tag == _CORE + "int":
            try:
                return loader.construct_yaml_int(node)
            except ValueError:
                digits = sum(ch.isdigit() for ch in event.value)
                raise _DocumentError(f"integer with {digits} digits is too large", event.start_mark) from None
        raise _DocumentError(
            f"YAML tag {_tag_name(tag)} is not allowed: only JSON types are loaded", event.start_mark
        )

    def document(self) -> tuple[Any, dict[tuple, tuple[int, int]], list[Problem]]:
        """Compose the document whose DocumentStartEvent was just read."""
        loader = self.loader
        positions: dict[tuple, tuple[int, int]] = {}
        problems: list[Problem] = []
        stack: list[_Frame] = []
        self.anchors.clear()
        self.written = self.expanded = 0
        root: Any = None
        while True:
            event = loader.get_event()
            kind = type(event)
            mark = event.start_mark
            if kind is yaml.DocumentEndEvent:
                return root, positions, problems
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _DocumentError(f"nesting deeper than {MAX_DEPTH} levels", mark, fatal=True)
                if event.tag not in _COLLECTION_TAGS:
                    raise _DocumentError(
                        f"YAML tag {_tag_name(event.tag)} is not allowed: only JSON types are loaded", mark
                    )
                path = _child_path(stack[-1]) if stack else ()
                positions.setdefault(path, (mark.line + 1, mark.column + 1))
                self._count(1, mark)
                stack.append(_Frame([] if kind is yaml.SequenceStartEvent else {}, path, event.anchor, mark))
                continue
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frame = stack.pop()
                value, size = frame.value, frame.size
                if frame.merges:
                    value = self._merged(frame)
                anchor = frame.anchor
                mark = frame.mark
            elif kind is yaml.ScalarEvent:
                value, size, anchor = self.scalar(event), 1, event.anchor
                self._count(1, mark)
                is_merge = event.tag is None and event.implicit[0] and event.value == "<<"
            elif kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise _DocumentError("alias to an undefined or unfinished anchor", mark)
                value, size = self.anchors[event.anchor]
                anchor = None
                self._count(size, mark)
            else:  # pragma: no cover - the parser emits no other event inside a document
                raise _DocumentError("unexpected YAML event", mark)
            if anchor is not None:
                self.anchors[anchor] = (value, size)
            if not stack:
                root = value
                positions.setdefault((), (mark.line + 1, mark.column + 1))
                continue
            top = stack[-1]
            top.size += size
            if isinstance(top.value, list):
                positions[_child_path(top)] = (mark.line + 1, mark.column + 1)
                top.value.append(value)
            elif not top.has_key:
                if isinstance(value, (dict, list)):
                    raise _DocumentError("mapping keys must be scalars", mark)
                top.merge = kind is yaml.ScalarEvent and is_merge
                if not top.merge:
                    if value in top.value:
                        problems.append(
                            Problem("duplicate-key", DUPLICATE_KEY, top.path + (value,), mark.line + 1, mark.column + 1)
                        )
                    positions[top.path + (value,)] = (mark.line + 1, mark.column + 1)
                top.key, top.has_key = value, True
            else:
                if top.merge:
                    top.merges.append((value, mark))
                else:
                    top.value[top.key] = value
                top.has_key = False

    def _count(self, size: int, mark: Any) -> None:
        self.written += 1
        self.expanded += size
        if self.expanded > ALIAS_LIMIT and self.expanded > 10 * self.written:
            raise _DocumentError(f"YAML aliases expand to more than {ALIAS_LIMIT} nodes", mark)

    @staticmethod
    def _merged(frame: _Frame) -> dict:
        """Apply ``<<`` merge keys: explicit keys win, then earlier merged mappings."""
        merged: dict = {}
        for value, mark in reversed(frame.merges):
            sources = value if isinstance(value, list) else [value]
            for source in reversed(sources):
                if not isinstance(source, dict):
                    raise _DocumentError("a merge key (<<) needs a mapping or a list of mappings", mark)
                merged.update(source)
        merged.update(frame.value)
        return merged


_DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.M)
_CONTENT = re.compile(r"^[ \t]*[^\s#%]", re.M)


def _several_documents(text: str) -> bool:
    """Whether the text holds more than one document: two ``---`` markers, or content before one."""
    markers = _DOCUMENT_START.finditer(text)
    first = next(markers, None)
    if first is None:
        return False
    if next(markers, None) is not None:
        return True
    content = _CONTENT.search(text, 0, first.start())
    return content is not None


def load_yaml(data: bytes, records_pointer: tuple[str, ...] | None = None) -> Iterator[Record | Problem]:
    """Records (one per document, or those discovered in it) and problems of a YAML file."""
    try:
        data, origin = normalize(data)
        try:
            text = data[origin:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise utf8_error(data, origin, exc, shift=origin) from None
    except EncodingError as exc:
        yield Problem("parse-error", exc.message, (), exc.line, exc.column)
        return
    if not text.strip():
        yield Problem("parse-error", "file is empty", (), 1, 1)
        return
    composer = _Composer(text)
    loader = composer.loader
    number = 0
    several = _several_documents(text)
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if not isinstance(event, yaml.DocumentStartEvent):
                continue
            try:
                value, positions, problems = composer.document()
            except _DocumentError as exc:
                yield Problem("parse-error", exc.message, (), exc.line, exc.column, record=number)
                if exc.fatal:
                    return
                while not isinstance(loader.get_event(), yaml.DocumentEndEvent):
                    pass
                number += 1
                continue
            yield from _records(value, positions, problems, number, records_pointer, several)
            number += 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        words = "; ".join(part for part in (_clean(exc.problem), _clean(exc.context)) if part)
        yield Problem("parse-error", f"YAML syntax: {words or 'invalid YAML'}", (), mark.line + 1, mark.column + 1, record=number)
        return
    except yaml.reader.ReaderError as exc:
        offset = exc.position if yaml.__with_libyaml__ else len(text[: exc.position].encode("utf-8"))
        line, column = locate(data, origin, origin + offset)
        yield Problem("parse-error", f"YAML: {_clean(exc.reason)}", (), line, column, record=number)
        return
    if number == 0:
        yield Problem("parse-error", "no YAML document in the file", (), 1, 1)


def _records(
    value: Any,
    positions: dict[tuple, tuple[int, int]],
    problems: list[Problem],
    number: int,
    records_pointer: tuple[str, ...] | None,
    several: bool = False,
) -> Iterator[Record | Problem]:
    """The records of one composed document, then its problems (with ``record`` set)."""
    relative = RelativePositions(lambda: positions)
    start = positions.get((), (1, 1))
    try:
        for base, record in discover_value(value, records_pointer):
            line, column = positions.get(base, start)
            yield Record(
                record,
                base=base,
                index=number,
                line=line,
                column=column,
                positions=lambda base=base: relative.of(base),
                kind="yaml",
                many=several or bool(base),
            )
    except LookupError as exc:
        yield missing_records.problem(str(exc), (), *start, record=number)
    for problem in problems:
        yield Problem(problem.rule, problem.message, problem.path, problem.line, problem.column, record=number)
