"""JSON Lines: one finding per line, as the JSON report writes it, for jq or a database.

Each line is one object with the fields of a finding in the JSON report (``file``, ``line``,
``column``, ``pointer``, ``rule``, ``severity``, ``message``, ``record``, ``code``, ``record_id``,
``record_key``), written as the run goes.  Nothing else is on stdout: the summary (with the
suppressed and unreadable counts) goes to stderr, like the CLI's other messages.
"""

from __future__ import annotations

from terapi_lint.findings import Finding
from terapi_lint.reporters.base import Report, Writer
from terapi_lint.reporters.jsontext import finding_json


class JsonLinesWriter(Writer):
    def write(self, finding: Finding) -> None:
        self.out.write(finding_json(finding, None) + "\n")

    def close(self, report: Report) -> None:
        self.tally.add_suppressed(report.suppressed)


render = JsonLinesWriter.render
