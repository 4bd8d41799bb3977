"""Fixing one file: which fixes apply, and the new text with only their bytes changed.

For each record with a fixable finding, the fix's module proposes a value; the record is linted
again with it, and the fix is kept only when that finding is gone and no secret finding appeared
under it.  A value that is or holds a secret is never touched.  The kept fixes replace exactly the
text of their values (every other byte stays); the new text is loaded again and must give the
records expected, or the piece is left as it was.

A single JSON or YAML document is fixed whole; an NDJSON file line by line and a top-level JSON
array item by item, so a dump is fixed with memory bounded by its largest record.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from terapi_lint import inline, loaders
from terapi_lint.findings import Finding, Path, pointer_from_path
from terapi_lint.fixes import FIXERS, diff
from terapi_lint.fixes.facts import Facts
from terapi_lint.fixes.render import render_json, render_yaml
from terapi_lint.fixes.spans import Span, json_span, yaml_documents, yaml_span
from terapi_lint.atomic import AtomicFile
from terapi_lint.loaders.base import Record
from terapi_lint.loaders.json_ import fast_loads
from terapi_lint.rules.base import RuleContext

SECRET_RULES = ("secret-key", "secret-value")
#: How a streamed dump starts: a top-level array, or a wrapper object whose first member is the
#: array of records (the loader streams the same two shapes).
_ARRAY_START = re.compile(rb'[ \t\r\n]*(\{[ \t\r\n]*"connections"[ \t\r\n]*:[ \t\r\n]*)?\[')
_BOM = b"\xef\xbb\xbf"
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Fix:
    """One fix, applied or not: where (line in the file, pointer) and for which rule."""

    line: int
    pointer: str
    rule: str


@dataclass
class FileFix:
    """What fixing one file did: the fixes applied, those refused and why, the diff lines, and why
    the file was not looked at (``skipped``)."""

    name: str
    applied: list[Fix] = field(default_factory=list)
    refused: list[tuple[Fix, str]] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


@dataclass
class _Piece:
    """One piece of a file fixed on its own: its new text and what was done."""

    text: str
    applied: list[Fix] = field(default_factory=list)
    refused: list[tuple[Fix, str]] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)


class Fixer:
    """Fixes files with a pipeline's schema and rules; ``only``: the rules allowed to fix (None: all)."""

    def __init__(self, pipeline: Any, only: frozenset[str] | None = None) -> None:
        self.pipeline = pipeline
        self.only = only

    def fix_file(self, path: str, name: str, *, write: bool = True, show_diff: bool = False) -> FileFix:
        """Fix ``path`` (shown as ``name``); written in place only when ``write`` and a byte changed."""
        result = FileFix(name)
        kind = self.pipeline.options.input_format or loaders.kind_of(name)
        if loaders.split_name(name)[1] is not None:
            result.skipped = "compressed files are not fixed"
            return result
        try:
            with open(path, "rb") as source:
                head = source.read(4)
                source.seek(0)
                if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) == 4 and b"\x00" in head):
                    result.skipped = "only UTF-8 files are fixed"
                    return result
                kind = kind or loaders.sniff(source.read(65536))
                source.seek(0)
                out = AtomicFile(path) if write else None
                try:
                    self._fix_stream(source, kind, name, result, out, show_diff)
                except BaseException:
                    if out is not None:
                        out.discard()
                    raise
        except OSError as error:
            result.skipped = f"cannot fix: {(error.strerror or type(error).__name__).lower()}"
            return result
        if out is not None:
            if result.changed:
                out.commit()
            else:
                out.discard()
        if show_diff and result.diff:
            result.diff[:0] = diff.header(name)
        return result

    def _fix_stream(self, source: BinaryIO, kind: str, name: str, result: FileFix, out: AtomicFile | None,
                    show_diff: bool) -> None:
        line = 1
        shown = diff.Pieces() if show_diff else None
        for raw, piece_kind, prefix in self._pieces(source, kind, name):
            piece = None
            if piece_kind is not None:  # else bytes between records, copied as they are
                try:
                    piece = self.fix_text(raw.decode("utf-8"), piece_kind, name, line, prefix)
                except UnicodeDecodeError:
                    pass
            fixed = piece.text.encode("utf-8") if piece is not None and piece.applied else raw
            if out is not None:
                out.write(fixed)
            if piece is not None:
                result.applied += piece.applied
                result.refused += piece.refused
            if shown is not None:
                shown.add(raw, fixed, piece.secrets if piece is not None else ())
            line += raw.count(b"\n")
        if shown is not None:
            shown.flush()
            result.diff = shown.lines

    def _pieces(self, source: BinaryIO, kind: str, name: str) -> Iterator[tuple[bytes, str | None, Path]]:
        """The file cut into pieces fixed on their own: (bytes, kind, the path of the piece in
        the document), kind None for bytes to copy."""
        first = source.read(len(_BOM))
        if first == _BOM:
            yield first, None, ()
        else:
            source.seek(0)
        if kind == "ndjson":
            for line in source:
                yield line, "json" if line.strip() else None, ()
        elif kind == "json" and self.pipeline.records_for(name) is None:
            yield from _array_items(source)
        else:
            yield source.read(), kind, ()

    def fix_text(self, text: str, kind: str, name: str, first_line: int = 1, prefix: Path = ()) -> _Piece:
        """Fix one JSON or YAML document (a whole file, an NDJSON line, an item of an array at
        ``prefix`` of its file)."""
        piece = _Piece(text)
        data = text.encode("utf-8")
        if kind == "json" and self._clean(data, name):
            return piece
        items = list(loaders.load(data, name=name, kind="yaml" if kind == "yaml" else "json",
                                  records_pointer=self.pipeline.records_for(name)))
        records = [item for item in items if isinstance(item, Record)]
        if len(records) != len(items):
            return piece  # a document with a parse error or a duplicate key is left to a human
        if kind == "yaml":
            try:
                documents = yaml_documents(text)
            except Exception:  # what PyYAML's pure-Python composer refuses stays as it is
                return piece
        edits: list[tuple[int, int, str]] = []
        expected: list[Any] = []
        for record in records:
            if kind == "yaml":
                root = documents[record.index or 0]

                def locate(path: Path, root: Any = root, base: Path = record.base) -> Span | None:
                    return yaml_span(root, base + path)
            else:
                def locate(path: Path, base: Path = record.base) -> Span | None:
                    return json_span(text, base + path)
            value = self._fix_record(record, kind, name, text, (first_line, prefix), locate, piece, edits)
            expected.append(value)
        if not edits:
            return piece
        new = text
        for start, end, replacement in sorted(edits, reverse=True):
            new = new[:start] + replacement + new[end:]
        again = loaders.load(new.encode("utf-8"), name=name, kind="yaml" if kind == "yaml" else "json",
                             records_pointer=self.pipeline.records_for(name))
        if [getattr(item, "value", item) for item in again] != expected:
            fixes = piece.applied
            piece.applied = []
            piece.refused += [(fix, "the edited text did not read back as expected") for fix in fixes]
            return piece
        piece.text = new
        return piece

    def _fix_record(self, record: Record, kind: str, name: str, text: str, where: tuple[int, Path], locate: Any,
                    piece: _Piece, edits: list[tuple[int, int, str]]) -> Any:
        """Add the edits of the fixes kept for one record (``where``: the first line and the path
        of its piece in the file); return its value with them applied."""
        first_line, prefix = where
        pipeline = self.pipeline
        problems = pipeline.record_problems(record, self._context(name))
        wanted = pipeline.wanted(name)
        secret_paths = [p.path for p in problems if p.rule in SECRET_RULES]
        for path in secret_paths:
            piece.secrets.update(_strings(_get(record.value, path)))
        fixable = [p for p in problems if p.rule in FIXERS and p.rule in wanted
                   and (self.only is None or p.rule in self.only)]
        if not fixable:
            return record.value
        errors = _schema_facts(pipeline, record.value)
        fixed = record.value
        directives = inline.directives(text.encode("utf-8")) if kind == "yaml" else []
        for problem in fixable:
            span = locate(problem.path)
            fix = Fix(first_line + (text.count("\n", 0, span.start) if span else 0),
                      pointer_from_path(prefix + record.base + problem.path), problem.rule)
            if directives and _disabled(directives, record, problem):
                continue  # a comment says this finding stays as it is
            if any(_overlaps(problem.path, s) for s in secret_paths):
                piece.refused.append((fix, "it is or holds a secret: a human decides"))
                continue
            if span is None:
                continue
            allowed, wants_string = errors.get(problem.path, (None, False))
            raw = text[span.start:span.end]
            value = _get(record.value, problem.path)
            new = FIXERS[problem.rule].propose(value, Facts(kind, allowed, wants_string, raw, span.style))
            if new is None:
                continue
            trial = _set(copy.deepcopy(fixed), problem.path, new)
            left = pipeline.record_problems(Record(value=trial, kind=record.kind), self._context(name))
            if any((p.rule, p.path) == (problem.rule, problem.path) for p in left):
                piece.refused.append((fix, "the fixed value would still be reported"))
                continue
            if any(p.rule in SECRET_RULES and _overlaps(problem.path, p.path) for p in left):
                piece.refused.append((fix, "the fixed value would show a secret: a human decides"))
                continue
            render = render_yaml if kind == "yaml" else render_json
            replacement = render(new, text, span)
            start = span.start
            if replacement.startswith(("\n", "\r\n")):
                while start > 0 and text[start - 1] in " \t":
                    start -= 1
            edits.append((start, span.end, replacement))
            piece.applied.append(fix)
            fixed = trial
        return fixed

    def _clean(self, data: bytes, name: str) -> bool:
        """Whether a JSON record has provably nothing to fix: the fast validator accepts it and its
        metadata is not a string.  Most records of a dump take this path, at a few microseconds."""
        fast = self.pipeline.fast_check
        if fast is None or self.pipeline.records_for(name) is not None:
            return False
        value = fast_loads(data)
        return isinstance(value, dict) and not isinstance(value.get("metadata"), str) and fast(value)

    def _context(self, name: str) -> RuleContext:
        options = self.pipeline.options
        return RuleContext(schema=self.pipeline.schema, file=name, strict=options.strict)


def _array_items(source: BinaryIO) -> Iterator[tuple[bytes, str | None, Path]]:
    """A JSON file as pieces: each item of a top-level array (or of the ``connections`` array a
    wrapper object starts with) on its own, the bytes around them copied; any other document
    whole.  Holds one item (and one block) at a time."""
    from terapi_lint.loaders.scanner import WS, Unscannable, scan_value

    buffer = source.read(_BLOCK)
    opening = _ARRAY_START.match(buffer)
    if opening is None:
        yield buffer + source.read(), "json", ()
        return
    base: Path = ("connections",) if opening.group(1) else ()
    pos, number = opening.end(), 0
    while True:
        pos = WS.match(buffer, pos).end()
        if buffer[pos:pos + 1] in (b"]", b""):
            more = source.read(_BLOCK)
            if buffer[pos:pos + 1] == b"" and more:
                buffer += more
                continue
            yield buffer + more + source.read(), None, ()
            return
        yield buffer[:pos], None, ()
        buffer, pos = buffer[pos:], 0
        while True:
            try:
                end = scan_value(buffer, 0)
                if end < len(buffer):
                    break
            except Unscannable as stop:
                if not stop.at_end:
                    yield buffer + source.read(), None, ()
                    return
            more = source.read(_BLOCK)
            if not more:
                yield buffer, None, ()
                return
            buffer += more
        item_end = len(buffer[:end].rstrip(b" \t\r\n"))
        yield buffer[:item_end], "json", (*base, number)
        number += 1
        buffer = buffer[item_end:]
        pos = WS.match(buffer).end()
        if buffer[pos:pos + 1] == b",":
            pos += 1


def _schema_facts(pipeline: Any, value: Any) -> dict[Path, tuple[tuple[Any, ...] | None, bool]]:
    """Per path: the values an ``enum``/``const`` error there allows, and whether a ``type``
    error there allows strings."""
    facts: dict[Path, tuple[tuple[Any, ...] | None, bool]] = {}
    for error in pipeline.validator.iter_errors(value):
        path = tuple(error.absolute_path)
        allowed, wants = facts.get(path, (None, False))
        if error.validator == "enum":
            allowed = tuple(error.validator_value)
        elif error.validator == "const":
            allowed = (error.validator_value,)
        elif error.validator == "type":
            types = error.validator_value
            wants = wants or types == "string" or (isinstance(types, list) and "string" in types)
        facts[path] = (allowed, wants)
    return facts


def _disabled(directives: list[inline.Directive], record: Record, problem: Any) -> bool:
    """Whether an inline comment hides the finding ``problem`` is reported as."""
    from terapi_lint import rules

    line, column = record.locate(problem.path)
    finding = Finding("", line, column, "", problem.rule, "", "", code=rules.BY_NAME[problem.rule].CODE)
    return any(d.covers(finding) for d in directives)


def _get(value: Any, path: Path) -> Any:
    for token in path:
        value = value[token]
    return value


def _set(value: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    _get(value, path[:-1])[path[-1]] = new
    return value


def _overlaps(a: Path, b: Path) -> bool:
    return a[: len(b)] == b or b[: len(a)] == a


def _strings(value: Any) -> Iterator[str]:
    """Every scalar inside ``value`` as text (what a diff must not show)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)
