"""A versioned JSON envelope: every finding, plus a summary.

::

    {"version": 1,
     "complete": true,
     "findings": [{"file": ..., "line": ..., "column": ..., "pointer": ..., "rule": ...,
                   "severity": ..., "message": ..., "record": ..., "code": ...,
                   "record_id": ..., "record_key": ..., "url": ...}],
     "summary": {"files": F, "records": R, "errors": n, "warnings": n, "info": n,
                 "unreadable": ["..."], "unparsed": ["..."],
                 "suppressed": {"allowlist": n, "per-file-ignores": n}},
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
otherwise, or when the value is not a string or looks like a credential).  ``url`` is the
rule's page (:func:`terapi_lint.ruledoc.rule_url`).  Sources of suppression: ``inline`` (YAML
comments), ``allowlist``, ``per-file-ignores``, ``baseline``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from terapi_lint.reporters.base import Report, counts
from terapi_lint.ruledoc import rule_url
from terapi_lint.suppression import counts as counts_by_source

FORMAT_VERSION = 1


def to_document(report: Report) -> dict[str, Any]:
    c = counts(report.findings)
    return {
        "version": FORMAT_VERSION,
        "complete": report.complete,
        "findings": [{**f.to_dict(), "url": rule_url(f.rule)} for f in report.findings],
        "summary": {
            "files": len(report.files),
            "records": report.records,
            "errors": c["error"],
            "warnings": c["warning"],
            "info": c["info"],
            "unreadable": list(report.errors),
            "unparsed": list(report.unparsed),
            "suppressed": counts_by_source(report.suppressed),
        },
        "suppressed": [
            {"source": s.source, "entry": s.name, **dict(s.facts), "reason": s.reason,
             "findings": [f.to_dict() for f in hidden]}
            for s, hidden in report.suppressed.items()
        ],
    }


def render(report: Report, out: TextIO, *, color: bool = False) -> None:
    json.dump(to_document(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
