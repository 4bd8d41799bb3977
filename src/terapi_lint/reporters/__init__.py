"""Output formats: small functions ``render(report, out, *, color=False)`` keyed by name.

Each is its format's :class:`~terapi_lint.reporters.base.Writer`'s ``render``; ``get_writer(name)``
gives the writer itself, which the CLI feeds as the run goes.  ``get_reporter(name)`` and
``get_writer(name)`` raise ``KeyError`` with the known names; the ``format`` setting takes
its choices from ``REPORTERS`` (:mod:`terapi_lint.config.settings`), so a new reporter is a new
entry here.  Under GitHub Actions the CLI may append
annotations to the text output
(see :func:`~terapi_lint.reporters.github.annotations_wanted` and
:class:`~terapi_lint.reporters.github.AnnotatedTextWriter`).
"""

from __future__ import annotations

import importlib
from typing import Any

from terapi_lint.reporters.base import Report, Reporter, Writer

#: Format name → the module whose ``render`` writes it; imported on first use, so a run pays
#: only for the format it prints.
REPORTERS: dict[str, str] = {
    "text": "terapi_lint.reporters.text",
    "json": "terapi_lint.reporters.json_",
    "sarif": "terapi_lint.reporters.sarif",
    "github": "terapi_lint.reporters.github",
    "junit": "terapi_lint.reporters.junit",
    "jsonl": "terapi_lint.reporters.jsonl",
}

__all__ = ["REPORTERS", "Report", "Reporter", "Writer", "get_reporter", "get_writer"]


def _module(name: str) -> Any:
    try:
        module = REPORTERS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(f"unknown output format {name!r} (known: {known})") from None
    return importlib.import_module(module)


def get_reporter(name: str) -> Reporter:
    """The reporter called ``name`` (case-insensitive)."""
    return _module(name).render


def get_writer(name: str) -> type[Writer]:
    """The writer of the format called ``name`` (case-insensitive)."""
    render = _module(name).render
    return render.__self__
