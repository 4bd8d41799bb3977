"""The schema side of terapi-lint: what a run validates records against, and how.

- :mod:`~terapi_lint.schema.loading`: the schema of a run (built-in, a schema file or a structure).
- :mod:`~terapi_lint.schema.fallback`: the jsonschema validator that gives exact errors.
- :mod:`~terapi_lint.schema.fast`: the jsonschema-rs yes/no check most records stop at.
- :mod:`~terapi_lint.schema.formats`: the ``format`` checks.
- :mod:`~terapi_lint.schema.problems`: validation errors turned into problems under rule names.

The linting pipeline (:mod:`terapi_lint.linter`) uses this package; nothing here knows about
selection, severities, reporters or the command line.
"""
