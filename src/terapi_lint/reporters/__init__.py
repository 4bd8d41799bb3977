"""Output formats: small functions ``render(report, out, *, color=False)`` keyed by name.

``get_reporter(name)`` raises ``KeyError`` with the known names; the ``format`` setting takes
its choices from ``REPORTERS`` (:mod:`terapi_lint.config.settings`), so a new reporter is a new
entry here.  Under GitHub Actions the CLI may append
:func:`~terapi_lint.reporters.github.render_annotations` to the text output
(see :func:`~terapi_lint.reporters.github.annotations_wanted`).
"""

from __future__ import annotations

import importlib

from terapi_lint.reporters.base import Report, Reporter

#: Format name → the module whose ``render`` writes it; imported on first use, so a run pays
#: only for the format it prints.
REPORTERS: dict[str, str] = {
    "text": "terapi_lint.reporters.text",
    "json": "terapi_lint.reporters.json_",
    "sarif": "terapi_lint.reporters.sarif",
    "github": "terapi_lint.reporters.github",
    "junit": "terapi_lint.reporters.junit",
}

__all__ = ["REPORTERS", "Report", "Reporter", "get_reporter"]


def get_reporter(name: str) -> Reporter:
    """The reporter called ``name`` (case-insensitive)."""
    try:
        module = REPORTERS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(f"unknown output format {name!r} (known: {known})") from None
    return importlib.import_module(module).render
