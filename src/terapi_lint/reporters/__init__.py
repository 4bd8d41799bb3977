"""Output formats: small functions ``render(report, out, *, color=False)`` keyed by name.

``get_reporter(name)`` raises ``KeyError`` with the known names; the CLI builds its
``click.Choice`` from ``REPORTERS``.  Under GitHub Actions the CLI may append
:func:`~terapi_lint.reporters.github.render_annotations` to the text output
(see :func:`~terapi_lint.reporters.github.annotations_wanted`).
"""

from __future__ import annotations

from terapi_lint.reporters import github, json_, junit, sarif, text
from terapi_lint.reporters.base import Report, Reporter

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}

__all__ = ["REPORTERS", "Report", "Reporter", "get_reporter"]


def get_reporter(name: str) -> Reporter:
    """The reporter called ``name`` (case-insensitive)."""
    try:
        return REPORTERS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(f"unknown output format {name!r} (known: {known})") from None
