"""terapi-lint: validate and lint Terapi integration connection records.

Library API (the command line is a thin shell over these):

- :func:`compile_structure` turns a field-list structure into a Draft 2020-12 JSON Schema.
- :func:`lint_paths` lints files, folders and ``-`` (stdin) and returns findings.
- :func:`lint_record` lints one record already in memory.
- :class:`Settings` says what a run checks and reports (every ``check`` option, in one object).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "compile_structure", "lint_paths", "lint_record", "Finding", "Settings"]

_LAZY = {
    "compile_structure": ("terapi_lint.compiler", "compile_structure"),
    "lint_paths": ("terapi_lint.linter", "lint_paths"),
    "lint_record": ("terapi_lint.linter", "lint_record"),
    "Finding": ("terapi_lint.findings", "Finding"),
    "Settings": ("terapi_lint.config.settings", "Settings"),
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `terapi-lint compile` does not pay for the linter and vice versa.
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'terapi_lint' has no attribute {name!r}") from None
    import importlib

    return getattr(importlib.import_module(module_name), attr)
