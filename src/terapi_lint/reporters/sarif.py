"""SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).

Decisions:

- ``ruleId`` is the rule NAME (``secret-key``): the id users see in every other format and in
  config.  ``rules[].name`` is the CamelCase form (``SecretKey``, SARIF's "friendly name"), and the
  code (``TL201``) is in ``rules[].properties.code`` and in the tags, so code-based searches work.
- Every rule of the registry is listed in ``tool.driver.rules`` (clean runs included), with the
  short/full description and help text/markdown from its docstring (:mod:`terapi_lint.ruledoc`).
- ``artifactLocation.uri`` is the path relative to the report root, percent-encoded, with
  ``uriBaseId: "%SRCROOT%"`` (declared in ``originalUriBaseIds``); a file outside the root gets an
  absolute ``file://`` URI.
- ``region`` always has startLine/startColumn/endLine/endColumn; a finding marks one character, so
  ``endColumn = startColumn + 1``.  Columns count Unicode code points (``columnKind``).
- ``message.text`` is the finding's message plus `` (at /pointer)``: code scanning shows no
  logical locations, and the pointer is what tells two findings on one line apart.
- The JSON Pointer is also the logical location's ``fullyQualifiedName`` (left out for the whole record,
  whose pointer is empty); ``properties`` carries the exact pointer and the record index, and in a
  dump the record's ``recordId`` and ``recordKey`` (its ``id`` and ``provider_config_key``).
- A finding hidden by the allowlist or per-file-ignores is a result too, with one ``suppressions``
  entry (kind ``external``, status ``accepted``, the entry's reason as ``justification``): code
  scanning shows it as dismissed, never as absent.  ``runs[0].properties.suppressed`` counts them
  per source; ``runs[0].properties.byRule`` counts each rule's results, reported and suppressed
  (``omitted``: results left out by ``--max-findings``, only then).
- ``partialFingerprints["terapiLint/v1"]`` is a sha256 of rule, relative path, record and pointer
  (plus an ordinal for repeats) - stable across line shifts, and never the offending value.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from terapi_lint.findings import Finding, unescape_token
from terapi_lint.reporters.base import INTERRUPTED, Report, Spool, Writer, dumps, relative_path
from terapi_lint.reporters.jsontext import HOLE, Template, cached_json_string, has_nul, json_string
from terapi_lint.suppression import counts
from terapi_lint.ruledoc import rule_doc, rule_url

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/terapi/terapi-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "terapiLint/v1"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def camel_case(name: str) -> str:
    """``secret-key`` → ``SecretKey``."""
    return "".join(
        part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-") if part
    )


def _dir_uri(path: str) -> str:
    """An absolute directory path as a ``file://`` URI ending in ``/``."""
    uri = _file_uri(path)
    return uri if uri.endswith("/") else uri + "/"


def _file_uri(path: str) -> str:
    posix = path if path.startswith("/") else "/" + path  # "C:/x" → "/C:/x"
    return "file://" + quote(posix, safe="/:")


def artifact_location(file: str, root: str, cwd: str | None = None) -> dict[str, str]:
    return dict(_artifact_location(file, root, cwd))


@lru_cache(maxsize=256)  # a dump's findings name one file
def _artifact_location(file: str, root: str, cwd: str | None) -> dict[str, str]:
    rel, inside = relative_path(file, root, cwd)
    if inside and rel not in ("", "."):
        return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}
    return {"uri": _file_uri(rel)}


@lru_cache(maxsize=4096)  # a dump's findings repeat the same few pointers
def _logical_location(pointer: str) -> dict[str, str]:
    if not pointer:
        return {"kind": "object"}
    last = unescape_token(pointer.rsplit("/", 1)[-1])
    return {"kind": "element" if last.isdigit() else "property", "name": last, "fullyQualifiedName": pointer}


def fingerprint(finding: Finding, rel_path: str, ordinal: int = 0) -> str:
    key = "|".join(
        [
            finding.rule,
            rel_path,
            "" if finding.record is None else str(finding.record),
            finding.pointer,
        ]
    )
    if ordinal:
        key += f"|{ordinal}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def rule_descriptor(rule: Any) -> dict[str, Any]:
    doc = rule_doc(rule)
    tags = ["terapi-lint"]
    if doc.code:
        tags.append(doc.code)
    tags += [str(t) for t in getattr(rule, "TAGS", ()) if str(t) not in tags]
    descriptor: dict[str, Any] = {
        "id": doc.name,
        "name": camel_case(doc.name) or doc.name,
        "shortDescription": {"text": doc.short_description},
        "fullDescription": {"text": doc.full_description},
        "help": {"text": doc.help_text, "markdown": doc.help_markdown},
        "helpUri": rule_url(doc.name),
        "defaultConfiguration": {"level": LEVELS.get(doc.severity, "warning")},
        "properties": {"code": doc.code, "tags": tags[:20]},
    }
    return descriptor


def _result(finding: Finding, root: str, cwd: str | None, index: dict[str, int], seen: dict[str, int]) -> dict[str, Any]:
    """One finding as a SARIF result (``seen`` counts repeats, for the fingerprints' ordinals)."""
    rel, _ = relative_path(finding.file, root, cwd)
    base_key = fingerprint(finding, rel)
    ordinal = seen.get(base_key, 0)
    seen[base_key] = ordinal + 1
    line = max(finding.line, 1)
    col = max(finding.column, 1)
    text = finding.message or finding.rule
    if finding.pointer:
        text = f"{text} (at {finding.pointer})"
    return _result_object(finding, artifact_location(finding.file, root, cwd), index, text, line, col, col + 1,
                          dict(_logical_location(finding.pointer)),
                          fingerprint(finding, rel, ordinal) if ordinal else base_key, finding.pointer,
                          finding.record, finding.record_id, finding.record_key)


def _result_object(finding: Finding, loc: dict[str, str], index: dict[str, int], text: Any, line: Any, col: Any,
                   end: Any, logical: Any, key: Any, pointer: Any, record: Any, record_id: Any,
                   record_key: Any) -> dict[str, Any]:
    """The result of ``finding`` with these values (a template's holes: :class:`_Results`)."""
    props: dict[str, Any] = {"jsonPointer": pointer, "severity": finding.severity}
    if record is not None:
        props["record"] = record
    if finding.code:
        props["code"] = finding.code
    if record_id is not None:
        props["recordId"] = record_id
    if record_key is not None:
        props["recordKey"] = record_key
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": loc,
                    "region": {
                        "startLine": line,
                        "startColumn": col,
                        "endLine": line,
                        "endColumn": end,
                    },
                },
                "logicalLocations": [logical],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: key},
        "properties": props,
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


class _Results:
    """A result's text from a template per kind of finding (file, rule, severity, code, and which of
    record, record id and key it has), what ``dumps(_result(...), 4)`` writes."""

    #: Templates kept (a report's findings are of a few kinds; beyond that, forget them all).
    SIZE = 1024

    def __init__(self, root: str, cwd: str | None, index: dict[str, int], seen: OrderedDict[str, int]) -> None:
        self.root, self.cwd, self.index, self.seen = root, cwd, index, seen
        self.templates: dict[tuple[Any, ...], tuple[Template, str, int] | None] = {}

    def _template(self, f: Finding, kind: tuple[Any, ...]) -> tuple[Template, str, int] | None:
        """The kind's template, the file's relative path and the logical location's depth (None:
        a fixed part holds a NUL, which a hole could be mistaken for)."""
        if has_nul(f.file, f.rule, f.severity, f.code):
            return None
        rel, _ = relative_path(f.file, self.root, self.cwd)
        loc = artifact_location(f.file, self.root, self.cwd)
        template = Template(_result_object(f, loc, self.index, HOLE, HOLE, HOLE, HOLE, HOLE, HOLE, HOLE,
                                           HOLE if kind[4] else None, HOLE if kind[5] else None,
                                           HOLE if kind[6] else None), lambda v: dumps(v, 4), 8 + sum(kind[4:]))
        return template, rel, template.depths[5]

    def text(self, f: Finding) -> str | None:
        """The result of ``f`` as ``dumps(_result(f, ...), 4)`` writes it (None: it has no template)."""
        record, record_id, record_key = f.record, f.record_id, f.record_key
        kind = (f.file, f.rule, f.severity, f.code, record is not None, record_id is not None, record_key is not None)
        found = self.templates.get(kind, False)
        if found is False:
            if len(self.templates) >= self.SIZE:
                self.templates.clear()
            found = self.templates[kind] = self._template(f, kind)
        if found is None:
            return None
        template, rel, depth = found
        pointer = f.pointer
        key = f"{f.rule}|{rel}|{'' if record is None else record}|{pointer}"  # what fingerprint() hashes
        try:
            data = key.encode()
        except UnicodeEncodeError:  # a lone surrogate (from a file name)
            data = key.encode("utf-8", "surrogatepass")
        base = hashlib.sha256(data).hexdigest()[:32]
        ordinal = self.seen.get(base, 0)
        self.seen[base] = ordinal + 1
        line, col = f.line, f.column
        line = str(line) if line > 1 else "1"
        message, logical, pointer = _pointer_parts(f.message or f.rule, pointer, depth)
        values: tuple[str, ...] = (
            message, line, str(col) if col > 1 else "1", line, str(col + 1) if col > 1 else "2", logical,
            f'"{fingerprint(f, rel, ordinal) if ordinal else base}"', pointer)
        if record is not None:
            values += (str(record),)
        if record_id is not None:
            values += (json_string(record_id),)
        if record_key is not None:
            values += (cached_json_string(record_key),)
        return template.fill(values)


@lru_cache(maxsize=4096)  # a dump's findings repeat the same few messages and pointers
def _pointer_parts(message: str, pointer: str, depth: int) -> tuple[str, str, str]:
    """The message text, the logical location (``depth`` levels deep) and the JSON Pointer, as
    ``dumps`` writes them in a result."""
    text = f"{message} (at {pointer})" if pointer else message
    return json_string(text), dumps(_logical_location(pointer), depth), json_string(pointer)


#: Fingerprint keys remembered to number their repeats; a key repeats within one record, so the
#: most recent 4,096 are enough, and memory does not grow with the number of results.
SEEN_KEYS = 1 << 12

#: Where the results go in the log (written with an empty list, then filled from the spool).
_RESULTS = '\n      "results": []'


class SarifWriter(Writer):
    """Results as they come (the suppressed ones after them); the log around them at the end.

    The part of the log before the results is known only at the end (whether the run succeeded,
    its notifications), so the results wait in a spool on disk.  Into a report file of its own
    (``rewritable``: ``-o``, a regular file this run created) the log is written at once with the
    head of a run that succeeds and the results follow it directly: a dump's 540 MB of results are
    written once instead of three times (the spool, read back, the report).  A run that did not
    succeed (a path unreadable, a file unparsed, Ctrl-C) has its head rewritten at the end.
    """

    def __init__(self, out: Any, head: Report, *, rewritable: bool = False, **options: Any) -> None:
        super().__init__(out, head, **options)
        self.descriptors = [rule_descriptor(r) for r in head.rules]
        self.index = {d["id"]: i for i, d in enumerate(self.descriptors)}
        self.seen: OrderedDict[str, int] = OrderedDict()
        self.results = _Results(head.root, head.cwd, self.index, self.seen)
        self.spool = Spool()
        self.sink: Any = self.spool
        self.predicted = ""  # the head written before the results, when they go straight to ``out``
        self.empty = True
        if rewritable:
            self.predicted = self._parts(Report(root=head.root, cwd=head.cwd))[0]
            out.write(self.predicted)
            self.sink = out

    def write(self, finding: Finding, suppression: dict[str, Any] | None = None) -> None:
        text = self.results.text(finding) if suppression is None else None
        if text is None:
            result = _result(finding, self.head.root, self.head.cwd, self.index, self.seen)
            if suppression is not None:
                result["suppressions"] = [suppression]
            text = dumps(result, 4)
        if len(self.seen) > SEEN_KEYS:  # repeats of a key are near each other (one record): forget the oldest
            self.seen.popitem(last=False)
        self.sink.write(("\n        " if self.empty else ",\n        ") + text)
        self.empty = False

    def close(self, report: Report) -> None:
        self.tally.add_suppressed(report.suppressed)
        for suppressor, hidden in report.suppressed.items():
            suppression = {"kind": "external", "status": "accepted", "justification": suppressor.reason,
                           "properties": {"source": suppressor.source, "entry": suppressor.name}}
            for finding in hidden:
                self.write(finding, suppression)
        head, tail = self._parts(report)
        if self.sink is self.spool:
            self.out.write(head)
            self.spool.copy_to(self.out)
        elif head != self.predicted:
            self._rewrite_head(head)
        if not self.empty:
            self.out.write("\n      ")
        self.out.write("]" + tail + "\n")

    def _parts(self, report: Report) -> tuple[str, str]:
        """The log up to the opening of ``results``, and after its closing bracket."""
        head, tail = dumps(self._log(report)).split(_RESULTS, 1)
        return head + _RESULTS[:-1], tail

    def _rewrite_head(self, head: str) -> None:
        """Put ``head`` in place of the predicted one at the start of the report file: the results
        written after it are moved through a temporary file."""
        import shutil
        import tempfile

        out = self.out
        out.flush()
        fd = out.fileno()
        start, end = len(self.predicted.encode("utf-8")), os.lseek(fd, 0, os.SEEK_END)
        with tempfile.TemporaryFile() as held:
            offset = start
            while offset < end:
                block = os.pread(fd, min(1 << 20, end - offset), offset)
                held.write(block)
                offset += len(block)
            held.seek(0)
            out.seek(0)
            out.truncate()
            out.write(head)
            out.flush()
            shutil.copyfileobj(held, out.buffer, 1 << 20)

    def _log(self, report: Report) -> dict[str, Any]:
        """The log with an empty ``results``."""
        root_uri = _dir_uri(_abs_root(self.head.root))
        invocation: dict[str, Any] = {
            "executionSuccessful": not report.errors and report.complete,
            "workingDirectory": {"uri": _dir_uri(_abs_root(self.head.cwd or self.head.root))},
        }
        notes = [("error", text) for text in report.errors]
        if not report.complete:
            notes.append(("error", INTERRUPTED))
        notes += [("warning", f"{name}: not parsed (parse-error is ignored)") for name in report.unparsed]
        if notes:
            invocation["toolExecutionNotifications"] = [
                {"level": level, "message": {"text": text}} for level, text in notes
            ]
        driver: dict[str, Any] = {
            "name": "terapi-lint",
            "version": self.head.tool_version,
            "semanticVersion": self.head.tool_version,
            "informationUri": INFORMATION_URI,
            "rules": self.descriptors,
        }
        properties: dict[str, Any] = {"suppressed": counts(report.suppressed),
                                      "byRule": {r.rule: r.to_dict() for r in self.tally.by_rule()}}
        if self.omitted:
            properties["omitted"] = self.omitted
        return {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {"driver": driver},
                    "invocations": [invocation],
                    "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
                    "columnKind": "unicodeCodePoints",
                    "results": [],
                    "properties": properties,
                }
            ],
        }


def _abs_root(root: str) -> str:
    return PurePosixPath(root.replace("\\", "/")).as_posix()


render = SarifWriter.render
