"""A versioned JSON envelope: every finding, plus a summary.

::

    {"version": 1,
     "complete": true,
     "findings": [{"file": ..., "line": ..., "column": ..., "pointer": ..., "rule": ...,
                   "severity": ..., "message": ..., "record": ..., "code": ...,
                   "record_id": ..., "record_key": ..., "url": ...}],
     "summary": {"files": F, "records": R, "errors": n, "warnings": n, "info": n,
                 "unreadable": ["..."], "unparsed": ["..."],
                 "suppressed": {"allowlist": n, "per-file-ignores": n},
                 "by_rule": {"unknown-field": {"code": "TL106", "severity": "warning",
                                               "count": n, "suppressed": n}}},
     "suppressed": [{"source": "allowlist", "entry": "allowlist[0]", "path": ..., "pointer": ...,
                     "rule": ..., "selector": ..., "line": ..., "reason": ...,
                     "findings": [...]}]}

``complete`` is false when the run was interrupted: the findings are those found so far.
``unparsed`` lists the files that did not parse although no finding says so (``parse-error``
ignored).  ``summary.suppressed`` counts what each source hid (only sources that hid something);
``suppressed`` lists, per entry, the findings it hid (an allowlist entry with what it matches,
``selector`` and ``line`` when it has them; a per-file-ignores entry by its glob).  Two-space
indent, keys in a fixed order, non-ASCII kept as is; ``version`` changes only when a field is
removed or changes meaning.  ``record_id`` and ``record_key`` are the ``id`` and
``provider_config_key`` of the record holding the finding in an input of several records (null
otherwise, or when the value is not a string or looks like a credential).  ``summary.by_rule``
counts each rule's findings, reported and suppressed, the most frequent first; with
``--max-findings`` the findings past the cap are left out of ``findings`` and counted in
``summary.omitted`` (there only then).  The findings are written as they come, the envelope
around them at the end (:class:`~terapi_lint.reporters.base.Writer`).  ``url`` is the
rule's page (:func:`terapi_lint.ruledoc.rule_url`).  Sources of suppression: ``inline`` (YAML
comments), ``allowlist``, ``per-file-ignores``, ``baseline``.
"""

from __future__ import annotations

from typing import Any

from terapi_lint.reporters.base import Report, Spool, Writer, dumps
from terapi_lint.reporters.jsontext import finding_json
from terapi_lint.suppression import counts as counts_by_source

FORMAT_VERSION = 1
#: Where the findings go in the envelope (written with an empty list, then filled from the spool).
_FINDINGS = '\n  "findings": []'


def summary(report: Report, writer: Writer) -> dict[str, Any]:
    """The ``summary`` object (also what ``-f jsonl`` leaves to stderr)."""
    c = writer.tally.severities
    out = {
        "files": len(report.files),
        "records": report.records,
        "errors": c["error"],
        "warnings": c["warning"],
        "info": c["info"],
        "unreadable": list(report.errors),
        "unparsed": list(report.unparsed),
        "suppressed": counts_by_source(report.suppressed),
        "by_rule": {r.rule: r.to_dict() for r in writer.tally.by_rule()},
    }
    if writer.omitted:
        out["omitted"] = writer.omitted
    return out


class JsonWriter(Writer):
    """Findings to a spool as they come; the envelope, with them in place, at the end."""

    def __init__(self, out: Any, head: Report, **options: Any) -> None:
        super().__init__(out, head, **options)
        self.spool = Spool()

    def write(self, finding: Any) -> None:
        self.spool.write(("\n    " if self.spool.empty else ",\n    ") + finding_json(finding, 2))

    def close(self, report: Report) -> None:
        self.tally.add_suppressed(report.suppressed)
        document = {
            "version": FORMAT_VERSION,
            "complete": report.complete,
            "findings": [],
            "summary": summary(report, self),
            "suppressed": [
                {"source": s.source, "entry": s.name, **dict(s.facts), "reason": s.reason,
                 "findings": [f.to_dict() for f in hidden]}
                for s, hidden in report.suppressed.items()
            ],
        }
        head, tail = dumps(document).split(_FINDINGS, 1)
        self.out.write(head + _FINDINGS[:-1])
        if not self.spool.empty:
            self.spool.copy_to(self.out)
            self.out.write("\n  ")
        self.out.write("]" + tail + "\n")


render = JsonWriter.render
