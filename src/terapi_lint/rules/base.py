"""The rule protocol.

A rule is a module (or any object) with these attributes:

``CODE``      stable code, ``TL`` plus three digits (``TL201``); prefixes select groups.
``NAME``      kebab-case name (``secret-key``), what reports show.
``SEVERITY``  default severity: ``error``, ``warning`` or ``info``.
``__doc__``   the documentation, in the shape ``terapi-lint rule NAME`` prints: a one-line summary,
              then ``## What it checks``, ``## Why it matters``, ``## Example`` and ``## Fix``.
``check``     optional: ``check(record, ctx) -> Iterable[Problem]`` (a generator, or a list or tuple
              for the rules on the hot path), called once per record.
              A rule that compares records keeps what it needs in ``ctx.state[NAME]`` and reports
              from ``finish(state) -> Iterable[Problem]`` (problems with line, column and record
              set) once the whole file is read; for a file linted in ranges, its ``Index()``
              is given each range's state in file order (``join(state, lines, ordinals,
              columns) -> list[Problem]``) and reports what that range adds.
              Rules without ``check`` are raised by the engine itself (the loaders and the schema
              validation) and live in the registry for their documentation, codes and severities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from terapi_lint.findings import Path, dotted


@dataclass
class RuleContext:
    """What a rule may know besides the record itself.

    ``schema`` is the compiled schema in use; ``state`` is per-file scratch space for rules that
    compare records within one file (keyed by rule name); ``file`` is the display path.
    """

    schema: dict[str, Any]
    file: str = "<stdin>"
    strict: bool = False
    state: dict[str, Any] = field(default_factory=dict)


def label(path: Path) -> str:
    """A short human name for a place in a record: ``credentials.type``, ``scopes[1]``."""
    return dotted(path) or "the record"
