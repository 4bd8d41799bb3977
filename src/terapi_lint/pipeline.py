"""The linting pipeline: a file → records → problems → findings.

For each file: the loader yields records and its own problems (parse errors, duplicate keys); each
record is validated against the schema (a fast validator first when available, jsonschema for exact
findings) and checked by the selected rules; problems get a pointer, a line and column, a severity,
then selection, per-file ignores and the allowlist are applied.  Findings come out sorted.  What
per-file-ignores and the allowlist hide is kept, per entry (:mod:`terapi_lint.suppression`): a
run never hides a finding without counting it.

The allowlist is applied when a file, or a range of one, is joined in file terms, so that a file
linted in chunks by several processes is judged by record numbers and lines exactly as one
process would.  :mod:`terapi_lint.linter` runs a :class:`Pipeline` over paths.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from terapi_lint import inline, loaders, rules
from terapi_lint.baseline import baseline_of
from terapi_lint.config.allowlist import Allowlist
from terapi_lint.config.paths import match_path
from terapi_lint.config.selection import severity_override
from terapi_lint.config.settings import Settings
from terapi_lint.discover import Unreadable
from terapi_lint.findings import Finding, Problem, finding_rows, findings_of_rows, pointer_from_path
from terapi_lint.inline import Directive
from terapi_lint.loaders.base import Record
from terapi_lint.rules.base import RuleContext
from terapi_lint.schema.checks import check_schema
from terapi_lint.schema.fallback import build_validator
from terapi_lint.schema.fast import build_fast_check
from terapi_lint.schema.loading import SchemaSource, load_schema
from terapi_lint.schema.problems import fast_problems, schema_problems
from terapi_lint.secrets import scan_text
from terapi_lint.suppression import RecordRef, Suppressed, Suppressor
from terapi_lint.withheld import NO_IDENTITY, record_identity, safe_path


@dataclass
class FileResult:
    """One file's (or one chunk's) findings, record count, and the state of comparing rules."""

    name: str
    findings: list[Finding]
    records: int
    states: dict[str, Any] = field(default_factory=dict)
    parse_errors: int = 0  # counted whatever the selection: a chunk that did not parse is redone whole
    complete: bool = True  # False when Ctrl-C stopped the file part way: its findings so far
    #: What per-file-ignores and the allowlist hid: (entry, finding, record number).
    suppressed: list[tuple[Suppressor, Finding, int | None]] = field(default_factory=list)
    #: The record of each finding made inside one, until the allowlist has judged the file.
    refs: dict[Finding, RecordRef] = field(default_factory=dict)
    #: The inline suppression comments of a YAML file (:mod:`terapi_lint.inline`).
    directives: list[Directive] = field(default_factory=list)

    def __getstate__(self) -> dict[str, Any]:
        # A worker's range of a dump sends hundreds of thousands of findings: as rows of values
        # (pickled in C, 0.6 us a finding) rather than one Finding.__reduce__ call each (1.8 us).
        return {**self.__dict__, "findings": finding_rows(self.findings)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, findings=findings_of_rows(state["findings"]))


@dataclass
class LintResult:
    """What a run found: findings (sorted), the files and records checked, and what it could not.

    ``unreadable`` holds every path that could not be checked (missing, unreadable, not a regular
    file, a folder with no file to lint); ``unparsed`` the files that did not parse although no
    finding says so (``parse-error`` ignored); ``suppressed`` what per-file-ignores and the
    allowlist hid, per entry; ``complete`` is False when the run was interrupted.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    records: int = 0
    unreadable: list[Unreadable] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    suppressed: Suppressed = field(default_factory=Suppressed)
    complete: bool = True


class Pipeline:
    """The per-run state shared by every file: schema, validators and the selected rules."""

    def __init__(self, options: Settings, source: SchemaSource | None = None) -> None:
        self.options = options
        self.allowlist = Allowlist(options.allowlist, root=options.root)
        self.allowed = tuple(entry.suppressor(i) for i, entry in enumerate(self.allowlist.entries))
        self.baseline = baseline_of(options)
        #: Whether findings keep their record (memory per finding): only what judges by record reads it.
        self.keeps_refs = bool(self.allowed) or self.baseline is not None
        self._ignoring: dict[str, Suppressor] = {}
        #: The pointer of each path findings were made at (safe, interned), up to POINTER_MEMO paths.
        self._pointers: dict[tuple, str] = {}
        self.source = source or load_schema(options.schema)
        # Every check of the schema happens here, before any record: the verdict never depends on data.
        self.checked = check_schema(self.source, options.schema_dirs)
        self.schema = self.source.schema
        self.fast_check = build_fast_check(self.checked, format_assertion=options.format_assertion) \
            if options.fast else None
        # With a fast check, jsonschema is loaded only when a record fails, which keeps the
        # start-up of a run over many small clean files short.
        self._validator = None if self.fast_check else self._build_validator()
        self.severities = {rule.NAME: self._severity(rule) for rule in rules.ALL_RULES}
        selection = options.selection
        self._unchecked_ignored_in = {
            name: tuple(glob for glob, selectors in selection.per_file_ignores.items() if _names(selectors, name))
            for name in NOT_CHECKED}
        self.enabled = {
            rule.NAME: rule for rule in rules.ALL_RULES
            if self.severities[rule.NAME] != "off" and (
                not _names(selection.ignore, rule.NAME) if rule.NAME in NOT_CHECKED
                else selection.enabled(rule.NAME, rule.CODE))
        }
        #: Each enabled rule's code and severity, as its findings carry them.
        self._reports = {name: (rule.CODE, self.severities[name]) for name, rule in self.enabled.items()}
        self.record_rules = tuple(rule for rule in rules.RECORD_RULES if rule.NAME in self.enabled)
        self.finishing_rules = tuple(rule for rule in self.record_rules if hasattr(rule, "finish"))
        self._checks = tuple(rule.check for rule in self.record_rules)

    @property
    def validator(self) -> Any:
        """The jsonschema validator that gives exact findings (built on first use)."""
        if self._validator is None:
            self._validator = self._build_validator()
        return self._validator

    def _build_validator(self) -> Any:
        return build_validator(self.checked, format_assertion=self.options.format_assertion)

    def schema_problems(self, value: Any, kind: str = "json") -> list[Problem]:
        """The schema's findings for one record value: none when the fast check accepts it, else
        from the fast validator's errors when it can give jsonschema's, else from jsonschema."""
        fast = self.fast_check
        if fast is not None and fast(value):
            return []
        return self._failed_schema(value, kind)

    def _failed_schema(self, value: Any, kind: str) -> list[Problem]:
        """:meth:`schema_problems` of a value the fast check rejected (or when there is none)."""
        fast = self.fast_check
        if fast is not None:
            problems = fast_problems(fast.errors(value), kind, fast.memo)
            if problems is not None:
                return problems
        return schema_problems(self.validator, value, kind)

    def _severity(self, rule: ModuleType) -> str:
        severity = self.options.severity or {}
        if rule.NAME in NOT_CHECKED:  # a code prefix does not turn it off: only its own name or code
            severity = {key: level for key, level in severity.items() if _names((key,), rule.NAME)}
        override = severity_override(severity, rule.NAME, rule.CODE)
        if override:
            return override
        if rule.NAME == "unknown-field" and self.options.strict:
            return "error"
        return rule.SEVERITY

    def record_problems(self, record: Record, ctx: RuleContext) -> list[Problem]:
        """Schema findings and rule findings for one record: one per defect.

        Each (rule, path) appears once, and a member reported as a raw credential is not also
        reported as unknown: the secret is the defect to fix.
        """
        fast = self.fast_check
        found: list[Problem] = [] if fast is not None and fast(record.value) \
            else list(self._failed_schema(record.value, record.kind))
        for check in self._checks:
            got = check(record, ctx)
            if got:  # most records: an empty tuple from every rule (a generator is always walked)
                found.extend(got)
        if len(found) < 2:  # most records: nothing, or the one defect a dump repeats
            return found
        problems: dict[tuple[str, tuple], Problem] = {}
        for problem in found:
            problems.setdefault((problem.rule, problem.path), problem)
        return [
            p for (rule, path), p in problems.items()
            if not (rule == "unknown-field" and ("secret-key", path) in problems)
        ]

    def lint_source(self, name: str, source: Any, *, kind: str | None = None, finish: bool = True) -> FileResult:
        """Findings for one file or one chunk of it (``source`` is a path or bytes).

        With ``finish=False`` (a chunk of a larger file) rules that compare records are not
        finished: their state is returned for :meth:`finish_file` to join in file order.
        """
        ctx = RuleContext(schema=self.schema, file=name, strict=self.options.strict)
        result = FileResult(name, [], 0)
        wanted = self.wanted(name)
        unparsed_lines: set[int] = set()
        kind = kind or self.options.input_format
        items = loaders.load(source, name=name, kind=kind, records_pointer=self.records_for(name))
        last: Record | None = None  # a loader's duplicate-key problems follow their record
        try:
            for item in items:
                if isinstance(item, Problem):
                    if item.rule == PARSE_ERROR:
                        unparsed_lines.add(item.line or 1)
                    identity = record_identity(last.value) if last is not None and last.many and _inside(item, last) \
                        else NO_IDENTITY
                    self._add(result, item, item.line or 1, item.column or 1, item.path, item.record, wanted,
                              identity=identity)
                    continue
                last = item
                problems = self.record_problems(item, ctx)
                if problems:  # which record, in the terms an allowlist selector uses (only they read it)
                    ref = RecordRef(result.records if item.index is None else item.index, item.line, _id(item.value)) \
                        if self.keeps_refs else None
                    identity = record_identity(item.value) if item.many else NO_IDENTITY
                result.records += 1
                for problem in problems:
                    line, column = item.locate(problem.path)
                    keyed = ref if self.baseline is None else self.baseline.ref(ref, item.value, problem, identity[0])
                    self._add(result, problem, line, column, item.base + problem.path, item.index, wanted, keyed,
                              identity)
        except KeyboardInterrupt:
            result.complete = False  # keep what this file gave so far; the run stops after it
        if (kind or loaders.kind_of(name)) == "yaml" and items.unparsed():
            result.directives = inline.directives(items.unparsed()[0].text)
        if result.complete and unparsed_lines and "secret-value" in wanted:
            result.findings.extend(self._unparsed_secrets(name, items.unparsed(), result.findings))
        result.states = {rule.NAME: ctx.state.get(rule.NAME) for rule in self.finishing_rules}
        result.parse_errors = len(unparsed_lines)
        if finish:
            self.finish_file(result)
        return result

    def lint_record(self, value: Any, name: str) -> list[Finding]:
        """Findings for one record already in memory, all placed at 1:1 (there is no source text)."""
        ctx = RuleContext(schema=self.schema, file=name, strict=self.options.strict)
        result = FileResult(name, [], 1)
        wanted = frozenset(self.enabled)
        ref = RecordRef(0, 1, _id(value))
        for problem in self.record_problems(Record(value=value), ctx):
            self._add(result, problem, 1, 1, problem.path, None, wanted, ref)
        self._allow(result)
        return sorted(result.findings, key=Finding.sort_key)

    def records_for(self, name: str) -> tuple[str, ...] | None:
        """Where the records are in this file: the ``records`` pointer, or the one of the first
        glob that matches it when ``records`` is a table (None: the file is read as it is)."""
        records = self.options.records
        if not isinstance(records, Mapping):
            return records
        return next((pointer for glob, pointer in records.items() if match_path(glob, name, self.options.root)), None)

    def wanted(self, name: str) -> frozenset[str]:
        """The rules that report in this file (selection and per-file ignores applied).

        The rules that say a file was not checked (:data:`NOT_CHECKED`) are left out only by a
        per-file ignore that names them: a file that cannot be read as records is never passed
        over in silence.
        """
        selection = self.options.selection
        return frozenset(
            r for r, rule in self.enabled.items()
            if (not any(match_path(glob, name, selection.root) for glob in self._unchecked_ignored_in[r])
                if r in NOT_CHECKED else selection.enabled(r, rule.CODE, name))
        )

    def finish_file(self, result: FileResult) -> None:
        """Run the rules that compare records over the whole file, apply the allowlist, then sort
        the file's findings."""
        self.finish_part(result, (problem for rule in self.finishing_rules
                                  for problem in rule.finish(result.states.get(rule.NAME))))

    def finish_part(self, result: FileResult, problems: Iterable[Problem], used: dict | None = None) -> None:
        """A whole file, or a range of one joined in file terms (:mod:`terapi_lint.joining`): add
        the problems the rules that compare records found in it, apply the allowlist, then sort.
        ``used`` counts what the baseline's entries hid in the file's ranges before this one."""
        wanted = self.wanted(result.name)
        for problem in problems:
            self._add(result, problem, problem.line or 1, problem.column or 1, problem.path, problem.record, wanted)
        self._allow(result, used)
        result.findings.sort(key=Finding.sort_key)

    def _allow(self, result: FileResult, used: dict | None = None) -> None:
        """Move the findings inline comments, the allowlist, then the baseline accept to
        ``result.suppressed``."""
        refs, result.refs = result.refs, {}
        if result.directives:
            result.findings, hidden, unused = inline.apply(result.directives, result.findings, result.name,
                                                           [*rules.BY_NAME, *rules.BY_CODE])
            result.suppressed.extend((s, f, refs[f].number if f in refs else None) for s, f in hidden)
            wanted = self.wanted(result.name)
            for problem in unused:
                self._add(result, problem, problem.line, problem.column, (), None, wanted)
        if self.allowed:
            kept = []
            for finding in result.findings:
                ref = refs.get(finding)
                index = self.allowlist.match(finding.file, finding.pointer, finding.rule, finding.code, ref)
                if index is None:
                    kept.append(finding)
                else:
                    result.suppressed.append((self.allowed[index], finding, None if ref is None else ref.number))
            result.findings = kept
        if self.baseline is not None:
            result.findings = self.baseline.apply(result.findings, refs, result.suppressed, used)

    def _unparsed_secrets(self, name: str, spans: list[loaders.Unparsed],
                          findings: list[Finding]) -> Iterator[Finding]:
        """Credentials in text the loader could not parse, found by their format alone.

        The loader says what that text is (:meth:`loaders.Loading.unparsed`): an NDJSON file's
        broken lines, the whole of any other file held whole; lines that already have a secret
        finding are skipped.
        """
        reported = {f.line for f in findings if f.rule in ("secret-key", "secret-value")}
        for span in spans:
            for line, column, what in scan_text(span.text.decode("utf-8", errors="replace")):
                column += span.column - 1 if line == 1 else 0
                line += span.line - 1
                if line in reported:
                    continue
                yield Finding(
                    file=name, line=line, column=column, pointer="", rule="secret-value",
                    severity=self.severities["secret-value"], code=rules.BY_NAME["secret-value"].CODE,
                    message=f"{what} in text that could not be parsed",
                )

    def _add(self, result: FileResult, problem: Problem, line: int, column: int, path: tuple,
             record: int | None, wanted: frozenset[str], ref: RecordRef | None = None,
             identity: tuple[str | None, str | None] = (None, None)) -> None:
        """Make the problem a finding of ``result`` when its rule reports in this file; keep it as
        suppressed when a per-file ignore hides it."""
        rule = problem.rule
        if rule not in self._reports:  # not enabled
            return
        # Interned: a dump's findings repeat a few messages and pointers, held once (and pickled once)
        pointers = self._pointers
        pointer = pointers.get(path)
        if pointer is None:
            pointer = sys.intern(pointer_from_path(safe_path(path)))
            if len(pointers) < POINTER_MEMO:
                pointers[path] = pointer
        code, severity = self._reports[rule]
        finding = Finding(result.name, line, column, pointer, rule, severity, sys.intern(problem.message),
                          record, code, identity[0], identity[1])
        if rule not in wanted:
            result.suppressed.append((self._ignoring_glob(rule, code, result.name), finding, None))
        else:
            result.findings.append(finding)
            if ref is not None and self.keeps_refs:  # only the allowlist, inline comments and the baseline read them
                result.refs[finding] = ref

    def _ignoring_glob(self, rule: str, code: str, name: str) -> Suppressor:
        """The per-file-ignores entry that turns ``rule`` off in file ``name``."""
        selection = self.options.selection
        if rule in NOT_CHECKED:
            glob = next(g for g in self._unchecked_ignored_in[rule] if match_path(g, name, selection.root))
        else:
            glob = selection.ignored_by(rule, code, name) or ""
        if glob not in self._ignoring:
            self._ignoring[glob] = Suppressor("per-file-ignores", glob, f"per-file-ignores: {glob} = "
                                              f"{list(selection.per_file_ignores.get(glob, ()))}")
        return self._ignoring[glob]


PARSE_ERROR = "parse-error"
#: Most paths a run keeps the pointer of (:meth:`Pipeline._add`): a bound on memory.
POINTER_MEMO = 4096
#: Rules that say a file (or part of it) was not checked: never hidden by --select or a code
#: prefix, only by an ignore that names them.
NOT_CHECKED = (PARSE_ERROR, "records-not-found")


def _names(selectors: Iterable[str], rule: str) -> bool:
    """Whether ``selectors`` name ``rule`` itself (its name or code, not a code prefix)."""
    return any(s in (rule, rules.BY_NAME[rule].CODE) for s in selectors)


def _id(value: Any) -> str | int | None:
    """A record's ``id`` member, when it is a string or an integer (what an allowlist ``id`` names)."""
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, (str, int)) and not isinstance(found, bool) else None


def _inside(problem: Problem, record: Record) -> bool:
    """Whether a loader's problem lies inside ``record`` (a duplicate key in it)."""
    return problem.record == record.index and problem.path[: len(record.base)] == record.base \
        and len(problem.path) > len(record.base)
