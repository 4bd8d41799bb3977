"""Findings: the immutable records every check produces and every reporter renders.

A finding never carries the offending value, only where it is and what is wrong with it, so no
reporter can leak a secret by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from itertools import starmap
from operator import attrgetter
from typing import Any

#: A place inside a parsed document: member names and array indexes from its root.
Path = tuple[str | int, ...]

#: Severities from lowest to highest; the index is the rank used by ``--fail-on``.
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Rank of a severity name (``info`` < ``warning`` < ``error``)."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One defect at one place.

    ``line`` and ``column`` are 1-based; ``pointer`` is an RFC 6901 JSON Pointer, file-level for a
    single JSON document and record-level for NDJSON lines and YAML documents, where ``record``
    (0-based) says which line or document holds it.  In an input of several records,
    ``record_id`` and ``record_key`` are the record's ``id`` and ``provider_config_key`` (when they
    are strings that do not look like a credential), which is how a user finds it at its source.
    """

    file: str
    line: int
    column: int
    pointer: str
    rule: str
    severity: str
    message: str
    record: int | None = None
    code: str = ""
    record_id: str | None = None
    record_key: str | None = None

    def __init__(self, file: str, line: int, column: int, pointer: str, rule: str, severity: str, message: str,
                 record: int | None = None, code: str = "", record_id: str | None = None,
                 record_key: str | None = None) -> None:
        # The generated __init__ of a frozen dataclass calls object.__setattr__ once a field
        # (2.1 us a finding); the slots' own setters take 0.9 us.  A dump's worker builds every
        # finding once, and the main process once more from the pipe and once when it moves it.
        _file(self, file)
        _line(self, line)
        _column(self, column)
        _pointer(self, pointer)
        _rule(self, rule)
        _severity(self, severity)
        _message(self, message)
        _record(self, record)
        _code(self, code)
        _record_id(self, record_id)
        _record_key(self, record_key)

    #: The report order: file, line, column, pointer, rule, message (a C getter: a dump sorts
    #: hundreds of thousands of findings).
    sort_key = staticmethod(attrgetter("file", "line", "column", "pointer", "rule", "message"))

    def to_dict(self) -> dict[str, Any]:
        # Every field is a plain value: no deep copy (``asdict``), which took 13 us a finding.
        return {name: getattr(self, name) for name in _FINDING_FIELDS}

    def relocate(self, line: int, column: int, pointer: str, record: int | None) -> None:
        """Move a finding no one holds yet to another place of its file, in place.

        Only for :mod:`terapi_lint.joining`, on the findings a range's result brought from a
        worker: they are referenced by that result alone and not yet hashed, so moving them
        costs four stores instead of a copy (2 us a finding, and a dump's ranges hold 400,000).
        Everywhere else a finding is immutable.
        """
        _line(self, line)
        _column(self, column)
        _pointer(self, pointer)
        _record(self, record)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as the class and its values: a slotted dataclass's own state methods read the
        # fields' definitions for every finding (9 us a finding to pickle and unpickle, 3 here).
        # The strings findings share (file, rule, an interned message or pointer) are pickled once.
        return (Finding, (self.file, self.line, self.column, self.pointer, self.rule, self.severity,
                          self.message, self.record, self.code, self.record_id, self.record_key))


_FINDING_FIELDS = tuple(field.name for field in fields(Finding))
_ROW = attrgetter(*_FINDING_FIELDS)


def finding_rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """Findings as rows of their values, in field order (what :func:`findings_of_rows` reads)."""
    return list(map(_ROW, findings))


def findings_of_rows(rows: list[tuple[Any, ...]]) -> list[Finding]:
    """The findings :func:`finding_rows` gave the rows of."""
    return list(starmap(Finding, rows))
(_file, _line, _column, _pointer, _rule, _severity, _message, _record, _code, _record_id,
 _record_key) = (getattr(Finding, name).__set__ for name in _FINDING_FIELDS)


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect found by a loader or a rule, before the linter gives it a file and a severity.

    A rule gives ``path`` relative to the record (a tuple of keys and indexes) and leaves
    ``line``/``column`` unset; the linter resolves them.  A loader knows where it is: it sets
    ``line``/``column``, gives ``path`` exactly as the pointer should show it, and ``record`` for an
    NDJSON line or a YAML document.
    """

    rule: str
    message: str
    path: Path = ()
    line: int | None = None
    column: int | None = None
    record: int | None = None


def escape_token(token: str | int) -> str:
    """One RFC 6901 reference token as a pointer writes it: ``~`` becomes ``~0``, then ``/`` ``~1``."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    """The reference token a pointer's ``~1`` and ``~0`` stand for (in that order, as RFC 6901 says)."""
    return token.replace("~1", "/").replace("~0", "~")


def dotted(path: Path) -> str:
    """A readable rendering of a path for messages: ``metadata.accounts[0].token`` ("" for none)."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)


def pointer_from_path(path: Path | list[str | int]) -> str:
    """Render a path as an RFC 6901 JSON Pointer (``~`` and ``/`` escaped)."""
    if not path:
        return ""
    return "/" + "/".join(escape_token(part) for part in path)


def path_from_pointer(pointer: str) -> tuple[str, ...]:
    """Split an RFC 6901 JSON Pointer into its unescaped reference tokens.

    Raises ValueError when the pointer is neither empty nor starting with ``/``.
    """
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise ValueError(f"JSON Pointer must be empty or start with '/': {pointer!r}")
    return tuple(unescape_token(token) for token in pointer[1:].split("/"))
