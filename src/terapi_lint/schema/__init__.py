"""The schema side of terapi-lint: what a run validates records against, and how.

- :mod:`~terapi_lint.schema.loading`: the schema of a run (built-in, a schema file or a structure).
- :mod:`~terapi_lint.schema.checks`: the schema checked whole before any record.
- :mod:`~terapi_lint.schema.dialects`: its draft, its meta-schema, and what a non-schema looks like.
- :mod:`~terapi_lint.schema.references`: local documents for ``$ref`` (never the network).
- :mod:`~terapi_lint.schema.patterns`: ECMA-262 regular expressions.
- :mod:`~terapi_lint.schema.formats`: the ``format`` checks.
- :mod:`~terapi_lint.schema.fallback`: the jsonschema validator that gives exact errors.
- :mod:`~terapi_lint.schema.fast`: the jsonschema-rs yes/no check most records stop at, its
  contract with the fallback, and its errors read as jsonschema's where they are the same.
- :mod:`~terapi_lint.schema.problems`: validation errors turned into problems under rule names.
- :mod:`~terapi_lint.schema.errors`: the one error (:class:`SchemaLoadError`) and what is safe to print.

The linting pipeline (:mod:`terapi_lint.linter`) uses this package; nothing here knows about
selection, severities, reporters or the command line.
"""
