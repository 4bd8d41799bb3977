"""One run's report with a bit of everything, for the reporters' whole-output tests.

Findings of each severity (one in a record of a dump, with its identity), a file that was not
parsed, a path that could not be checked, two clean files, and findings hidden by the allowlist
and by per-file-ignores (the same finding twice under one entry).
"""

from __future__ import annotations

from terapi_lint import rules
from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.suppression import Suppressor

SECRET = Finding("data/a.json", 3, 5, "/credentials/token", "secret-key", "error", "a literal secret",
                 record=2, code="TL201", record_id="conn-2", record_key="github")
ENUM = Finding("data/a.json", 9, 1, "/items/0", "invalid-enum", "warning", "not allowed", code="TL102")
UNPARSED = Finding("data/b.yaml", 1, 1, "", "parse-error", "info", "", code="TL001")
HIDDEN = Finding("data/c.json", 4, 2, "/metadata", "metadata-not-object", "error", "must be an object",
                 code="TL104")
ALLOW = Suppressor("allowlist", "allowlist[0]", "allowlisted: test data")
GLOB = Suppressor("per-file-ignores", "fixtures/*", "per-file-ignores: fixtures/* = ['TL104']")


def sample_report() -> Report:
    return Report([SECRET, ENUM, UNPARSED], ["data/a.json", "data/b.yaml", "data/c.json", "data/d.json"], 7,
                  errors=["gone.json: no such file"], rules=rules.ALL_RULES, root="/repo",
                  unparsed=["data/b.yaml"], suppressed={ALLOW: (HIDDEN,), GLOB: (HIDDEN, HIDDEN)})
