"""Configuration: the settings of a run, where they are written, and what they decide.

Settings live in ``[tool.terapi-lint]`` of ``pyproject.toml``, in a ``.terapi-lint.toml`` (the
whole file is the table) or in the file given with ``--config``; flags override them::

    [tool.terapi-lint]
    select = ["TL1", "TL2", "duplicate-connection"]   # rule names or code prefixes
    ignore = ["TL106"]
    severity = { timestamps-out-of-order = "error", unknown-field = "off" }
    fail-on = "warning"                                # error | warning | info
    schema = "schemas/connection.structure.json"       # relative to this file's folder
    records = "/connections"                           # JSON Pointer to the records, or { glob = pointer }
    exclude = ["fixtures/legacy/*"]
    per-file-ignores = { "fixtures/invalid/*" = ["TL1"] }

    [[tool.terapi-lint.allowlist]]
    path = "fixtures/oauth-demo.json"
    pointer = "/credentials/refresh_token"             # exact, or an fnmatch glob
    rule = "secret-key"
    reason = "revoked demo token used in the onboarding guide"

Modules, one job each: :mod:`.settings` declares every setting once (the table the rest is
derived from); :mod:`.kinds` reads each kind of value; :mod:`.table` checks a config table;
:mod:`.files` finds and reads config files; :mod:`.toml_positions` finds where an entry is
written; :mod:`.selection` decides which rules run; :mod:`.allowlist` holds accepted findings;
:mod:`.paths` matches files against globs; :mod:`.reference` documents the settings;
:mod:`.show` prints the resolved settings (``--show-settings``).
"""

from __future__ import annotations

from terapi_lint.config.allowlist import AllowEntry, Allowlist
from terapi_lint.config.files import Config, find_config, load_config
from terapi_lint.config.kinds import ConfigError
from terapi_lint.config.paths import match_path
from terapi_lint.config.selection import Selection, severity_override
from terapi_lint.config.settings import SETTINGS, Settings, layered

__all__ = [
    "SETTINGS", "AllowEntry", "Allowlist", "Config", "ConfigError", "Selection", "Settings",
    "find_config", "layered", "load_config", "match_path", "severity_override",
]
