"""What every reporter receives, and the small helpers they share.

A reporter is a function ``render(report, out, *, color=False) -> None`` that writes one complete
report to ``out``.  The linter has already filtered, deduplicated and sorted the findings; a
reporter only formats them.  Each format's ``render`` is its :class:`Writer`'s: a writer takes the
findings one by one as the run gives them (:meth:`Writer.finding`, :meth:`Writer.file_done`) and
the run's totals at the end (:meth:`Writer.close`), so a report of any size is written in bounded
memory; what a format must write before the findings but only knows at the end (JSON's
``complete``, SARIF's invocation) is written then, the findings waiting in a :class:`Spool` on disk.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any, Protocol, TextIO

import orjson

from terapi_lint import __version__
from terapi_lint.findings import Finding
from terapi_lint.reporters.statistics import Tally
from terapi_lint.suppression import Suppressor, summary


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO, *, color: bool = False) -> None: ...


@dataclass(frozen=True)
class Report:
    """One run's results, as the reporters see them.

    ``findings`` are already sorted; ``files`` is every file checked, in order (JUnit needs a
    testcase per file, even a clean one); ``errors`` are the unreadable paths and internal errors,
    already sanitized; ``rules`` is the rule registry (modules with CODE, NAME, SEVERITY and a
    docstring); ``root`` is the directory paths are made relative to (the cwd, or the workspace
    it lies in), ``cwd`` the directory relative file names are in (None: ``root``); ``suppressed``
    holds what per-file-ignores and the allowlist hid, per entry (see :mod:`terapi_lint.suppression`).
    """

    findings: Sequence[Finding] = ()
    files: Sequence[str] = ()
    records: int = 0
    errors: Sequence[str] = ()
    rules: Sequence[Any] = ()
    tool_version: str = __version__
    root: str = field(default_factory=os.getcwd)
    cwd: str | None = None
    unparsed: Sequence[str] = ()
    complete: bool = True
    suppressed: Mapping[Suppressor, Sequence[Finding]] = field(default_factory=dict)


#: How every format marks a run stopped part way (Ctrl-C).
INTERRUPTED = "interrupted: results are incomplete"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report, tally: Tally | None = None) -> str:
    """``2 errors, 1 warning, 0 info in 3 files (40 records); top rules: ...`` or ``All clean: ...``.

    Paths that could not be checked, files not parsed, findings suppressed and an interrupted run
    are always said (``3 errors, 0 warnings, 0 info (50 suppressed by the allowlist) in ...``): a
    run that checked less than it was asked, or hid what it found, never reads as clean.
    ``tally`` counts the findings (default: those of ``report``).
    """
    tally = tally or Tally.of(report.findings, {})
    files = _plural(len(report.files), "file")
    records = _plural(report.records, "record")
    tail = ""
    if report.errors:
        tail += f"; {_plural(len(report.errors), 'path')} could not be checked"
    if report.unparsed:
        tail += f"; {_plural(len(report.unparsed), 'file')} not parsed (parse-error is ignored)"
    hidden = summary(report.suppressed)
    if not tally.total and not tail and not hidden and report.complete:
        return f"All clean: {files}, {records} checked."
    c = tally.severities
    found = (f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info"
             if tally.total else "No findings")
    if hidden:
        found += f" ({hidden})"
    top = f"; top rules: {tally.top()}" if tally.total else ""
    line = f"{found} in {files} ({records}){top}{tail}."
    return line if report.complete else f"{INTERRUPTED}; so far: {line[0].lower()}{line[1:]}"


def dumps(value: Any, depth: int = 0) -> str:
    """``value`` as ``json.dump(..., indent=2, ensure_ascii=False)`` writes it ``depth`` levels deep."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # a lone surrogate (from a file name): orjson refuses it, json writes it
        text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def dumps_line(value: Any) -> str:
    """``value`` as compact JSON on one line (non-ASCII kept as is)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Spool:
    """Report text kept until it can be written out: in memory up to :data:`SPOOL_MEMORY`
    characters, beyond that UTF-8 encoded in a temporary file (gone when closed).

    :meth:`copy_to` copies the file's bytes as they are into a UTF-8 text stream's buffer (what
    writing the text would have written: the text is encoded once, never decoded), and decodes
    them only for another stream, or when the text held a lone surrogate (which ``out`` may refuse).
    """

    def __init__(self) -> None:
        self._file: Any = None
        self._held: list[str] = []
        self._size = 0
        self._strict = True  # every byte in the file is strict UTF-8
        self.empty = True

    def write(self, text: str) -> None:
        self.empty = False
        self._held.append(text)
        self._size += len(text)
        if self._size > SPOOL_MEMORY:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            import tempfile  # only when a report is spooled: not at every start

            self._file = tempfile.TemporaryFile()
        text = "".join(self._held)
        try:
            data = text.encode()
        except UnicodeEncodeError:  # a lone surrogate (from a file name)
            data, self._strict = text.encode("utf-8", "surrogatepass"), False
        self._file.write(data)
        self._held, self._size = [], 0

    def copy_to(self, out: TextIO | Spool) -> None:
        """Write what was spooled to ``out`` and drop it."""
        if self._file is not None:
            file, self._file = self._file, None
            with file:
                file.seek(0)
                if isinstance(out, Spool):
                    out._take(file, self._strict)
                elif self._strict and (raw := _utf8_buffer(out)) is not None:
                    out.flush()
                    shutil.copyfileobj(file, raw, 1 << 20)
                else:
                    with io.TextIOWrapper(file, encoding="utf-8", errors="surrogatepass", newline="") as text:
                        while block := text.read(1 << 20):
                            out.write(block)
        out.write("".join(self._held))
        self._held, self._size = [], 0

    def _take(self, source: Any, strict: bool) -> None:
        """Append another spool's file (at its start) to this one's."""
        self._spill()
        shutil.copyfileobj(source, self._file, 1 << 20)
        self._strict = self._strict and strict
        self.empty = False


def _utf8_buffer(out: Any) -> Any:
    """The byte stream under the text stream ``out`` when writing bytes there is writing text
    (UTF-8, no newline translation), else None."""
    raw = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if raw is None or not isinstance(encoding, str) or os.linesep != "\n":
        return None
    try:
        return raw if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


#: The most a :class:`Spool` holds in memory.
SPOOL_MEMORY = 1 << 20


class Writer:
    """One report written as the run goes.

    ``head`` is what is known before any finding (the rules, the report root); :meth:`finding` is
    called for each finding in report order, :meth:`file_done` when a checked file has given all of
    its findings, :meth:`close` with the run's totals (its ``findings`` are not read again).
    ``limit`` caps the findings written (``--max-findings``): the others are counted, in
    ``omitted`` and the statistics, and the report says how many were left out.
    """

    def __init__(self, out: TextIO, head: Report, *, color: bool = False, limit: int | None = None) -> None:
        self.out = out
        self.head = head
        self.color = color
        self.limit = limit
        self.tally = Tally()
        self.written = 0
        self.omitted = 0

    def finding(self, finding: Finding) -> None:
        self.tally.add(finding)
        if self.limit is None or self.written < self.limit:
            self.written += 1
            self.write(finding)
        else:
            self.omitted += 1

    def write(self, finding: Finding) -> None:
        raise NotImplementedError

    def file_done(self, name: str) -> None:
        """All findings of the checked file ``name`` were given."""

    def close(self, report: Report) -> None:
        raise NotImplementedError

    @classmethod
    def render(cls, report: Report, out: TextIO, *, color: bool = False, limit: int | None = None) -> None:
        """The whole report at once (the findings of ``report``)."""
        writer = cls(out, report, color=color, limit=limit)
        for finding in report.findings:
            writer.finding(finding)
        writer.close(report)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Escape control characters (newlines included) so that ``text`` stays on one line."""

    def repl(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in _NAMED:
            return _NAMED[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"

    return _CONTROL.sub(repl, text)


def _pure(path: str) -> PurePath:
    if re.match(r"^[A-Za-z]:[\\/]", path) or path.startswith("\\\\"):
        return PureWindowsPath(path)
    return PurePosixPath(path.replace(os.sep, "/") if os.sep != "/" else path)


@lru_cache(maxsize=256)  # a dump's findings name one file: pathlib took 24 us a call, 2 a SARIF finding
def relative_path(file: str, root: str, cwd: str | None = None) -> tuple[str, bool]:
    """``file`` as a POSIX path relative to ``root``, and whether it lies inside ``root``.

    A relative ``file`` is taken relative to ``cwd`` (default: ``root``), which may be a
    sub-folder of ``root`` (``GITHUB_WORKSPACE``).  ``./`` and ``a/../`` segments are
    normalised.  A file outside ``root`` comes back absolute (still POSIX-style).
    """
    path = _pure(file)
    base = _pure(root)
    if not path.is_absolute():
        path = _pure(root if cwd is None else cwd) / path
    # Normalise "." and ".." lexically (do not touch the filesystem: the file may be gone).
    parts: list[str] = []
    anchor = path.anchor
    for part in path.parts[1:] if anchor else path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    norm = type(path)(anchor, *parts) if anchor else type(path)(*parts)
    try:
        rel = norm.relative_to(base)
    except ValueError:
        return norm.as_posix(), False
    return rel.as_posix(), True


def report_root(env: Mapping[str, str] | None = None, cwd: str | None = None) -> str:
    """The directory SARIF and GitHub paths should be relative to.

    Under GitHub Actions that is ``GITHUB_WORKSPACE`` (the checkout: code scanning and annotations
    want repository-relative paths even when the tool runs in a subdirectory), provided the cwd is
    inside it; otherwise the cwd.
    """
    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else cwd
    workspace = env.get("GITHUB_WORKSPACE", "")
    if workspace:
        _rel, inside = relative_path(cwd, workspace, cwd)
        if inside:
            return workspace
    return cwd
