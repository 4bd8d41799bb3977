"""Safe, mechanical fixes: ``terapi-lint check --fix`` / ``--diff``.

One module per fix (:data:`FIXERS`, by the rule it fixes), each a ``propose(value, facts)`` that
returns the fixed value or None; :mod:`.engine` decides which to apply (only those re-linting
proves make their finding go away, never one touching a secret) and edits only the bytes of the
fixed values (:mod:`.spans`, :mod:`.render`); :mod:`.writing` puts a changed file in place
atomically; :mod:`.diff` shows the change without ever showing a secret.
"""

from __future__ import annotations

from types import ModuleType

from terapi_lint.fixes import date_time, enum_case, metadata_json, yaml_quote

#: The fix of each fixable rule.
FIXERS: dict[str, ModuleType] = {fix.RULE: fix for fix in (enum_case, date_time, metadata_json, yaml_quote)}
