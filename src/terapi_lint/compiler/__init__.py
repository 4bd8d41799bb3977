"""Compile a field-list structure into a Draft 2020-12 JSON Schema.

The input dialect is described in ``docs/structure-dialect.md``: a JSON object with ``name`` (or
``title``), ``description`` and ``fields: [{name, type, required, description, ...}]``, plus the
nesting forms found in the wild (sub-``fields``/``children``, ``items``, flattened dotted paths,
``nested``/``definitions``/``searchResponse`` sub-structures, named types defined inline).

Design choices:

- Objects stay open (no ``additionalProperties: false``) unless ``closed=True``.
- Documentation keys (``unit``, ``category``, top-level ``version``, ``relationships`` ...) become
  ``x-<key>`` annotations and never change validation.  Keys nobody has documented are kept the
  same way, with a warning.
- ``$id`` is ``urn:terapi-lint:structure:<slug of the title>``: stable, and it never pretends the
  schema is published at a URL.
- The input's own ``$schema`` names the input format, so it is not carried over.
- Output key order is fixed, so the same structure always renders to the same bytes.

Modules, one job each: :mod:`.document` (checking the input), :mod:`.definitions` (collecting
and hoisting named sub-structures), :mod:`.field_paths` (expanding dotted paths),
:mod:`.entries` (types and keywords into schema), :mod:`.shapes` and :mod:`.vocabulary` (what
they share), :mod:`.compilation` (one run, assembling the document).
"""

from __future__ import annotations

from ..typegrammar import StructureError
from .compilation import ID_PREFIX, SCHEMA_DIALECT, Compilation, Warn

__all__ = ["compile_structure", "StructureError", "SCHEMA_DIALECT", "ID_PREFIX"]


def compile_structure(
    structure: dict,
    *,
    closed: bool = False,
    strict: bool = False,
    warn: Warn | None = None,
) -> dict:
    """Compile a field-list ``structure`` into a Draft 2020-12 JSON Schema.

    ``closed`` adds ``additionalProperties: false`` to every object that lists properties (maps
    are left alone).  ``warn(pointer, message)`` receives each warning (unresolved reference,
    enum without values, unknown format, unknown key); without it warnings are dropped.  With
    ``strict`` every warning raises :class:`StructureError` instead.  Anything that cannot be
    compiled raises :class:`StructureError` whose ``pointer`` locates it in ``structure``.
    """
    return Compilation(closed=closed, strict=strict, warn=warn).compile(structure)
