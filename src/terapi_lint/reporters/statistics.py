"""Per-rule counts of a run, as every report carries them.

A :class:`Tally` is told of each finding as a writer sees it (reported or suppressed), so the
counts cover everything a run found, also the findings a ``--max-findings`` cap left out of the
text.  Rules come most frequent first (then by name)::

    count  code   rule                  severity  suppressed
   399950  TL106  unknown-field         warning
       50  TL103  invalid-enum          error     12
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from terapi_lint.findings import SEVERITIES, Finding
from terapi_lint.suppression import Suppressor


@dataclass
class RuleCount:
    """One rule's line of the table: findings reported, findings suppressed."""

    rule: str
    code: str
    severity: str
    count: int = 0
    suppressed: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity, "count": self.count, "suppressed": self.suppressed}


class Tally:
    """Counts per severity and per rule, kept as findings go by (never the findings themselves)."""

    def __init__(self) -> None:
        self.severities = {severity: 0 for severity in reversed(SEVERITIES)}
        self.rules: dict[str, RuleCount] = {}

    @classmethod
    def of(cls, findings: Iterable[Finding], suppressed: Mapping[Suppressor, Sequence[Finding]]) -> Tally:
        tally = cls()
        for finding in findings:
            tally.add(finding)
        tally.add_suppressed(suppressed)
        return tally

    def _rule(self, finding: Finding) -> RuleCount:
        found = self.rules.get(finding.rule)
        if found is None:
            found = self.rules[finding.rule] = RuleCount(finding.rule, finding.code, finding.severity)
        return found

    def add(self, finding: Finding) -> None:
        """A reported finding."""
        severity, severities = finding.severity, self.severities
        severities[severity] = severities.get(severity, 0) + 1
        found = self.rules.get(finding.rule)  # what _rule does, without a call: once a finding
        if found is None:
            found = self._rule(finding)
        found.count += 1

    def add_suppressed(self, suppressed: Mapping[Suppressor, Sequence[Finding]]) -> None:
        """What per-file-ignores and the allowlist hid (counted apart from the reported findings)."""
        for findings in suppressed.values():
            for finding in findings:
                self._rule(finding).suppressed += 1

    @property
    def total(self) -> int:
        return sum(self.severities.values())

    def by_rule(self) -> list[RuleCount]:
        """Every rule that found something, the most frequent first."""
        return sorted(self.rules.values(), key=lambda r: (-r.count, -r.suppressed, r.rule))

    def top(self, n: int = 3) -> str:
        """``unknown-field 399950, invalid-enum 50`` (the ``n`` rules with the most reported findings)."""
        return ", ".join(f"{r.rule} {r.count}" for r in self.by_rule()[:n] if r.count)

    def table(self) -> list[str]:
        """The statistics table, one line per rule (no line when nothing was found)."""
        rows = self.by_rule()
        if not rows:
            return []
        hidden = any(r.suppressed for r in rows)
        width = max(len("count"), *(len(f"{r.count}") for r in rows))
        name = max(len("rule"), *(len(r.rule) for r in rows))
        code = max(len("code"), *(len(r.code) for r in rows))

        def line(count: str, c: str, rule: str, severity: str, suppressed: str) -> str:
            text = f"{count:>{width}}  {c:<{code}}  {rule:<{name}}  {severity:<8}"
            return (f"{text}  {suppressed}" if hidden else text).rstrip()

        return [line("count", "code", "rule", "severity", "suppressed"),
                *(line(str(r.count), r.code, r.rule, r.severity, str(r.suppressed) if r.suppressed else "")
                  for r in rows)]
