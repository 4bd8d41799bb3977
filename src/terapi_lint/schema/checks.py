"""A schema is checked whole before any record is read, so the verdict never depends on the data.

In order: its draft (``$schema``), whether it is a schema at all (a document with no keyword of
its draft is refused with a hint of what it looks like), its draft's meta-schema, then every
subschema of it and of the documents it references: each reference must resolve locally and
each pattern must compile as ECMA-262.  Each refusal is a :class:`SchemaLoadError` naming the
file, the JSON Pointer inside it, and the offending value where it is safe to print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from terapi_lint.schema import dialects
from terapi_lint.schema.errors import SchemaLoadError, shown
from terapi_lint.schema.loading import SchemaSource
from terapi_lint.schema.references import LocalResources, SchemaDir, local_only

_ANONYMOUS = "urn:terapi-lint:schema"
# Members whose presence anywhere means the schema must be crawled.
_CRAWLED = frozenset({"$ref", "$dynamicRef", "$recursiveRef", "pattern", "patternProperties"})


@dataclass(frozen=True)
class CheckedSchema:
    """A schema that passed every check, with what its validators need."""

    source: SchemaSource
    dialect: str
    base_uri: str
    resources: LocalResources

    @property
    def schema(self) -> dict[str, Any] | bool:
        return self.source.schema


def check_schema(source: SchemaSource, schema_dirs: Iterable[SchemaDir | str] = ()) -> CheckedSchema:
    """``source`` checked for use (see the module); raises :class:`SchemaLoadError`."""
    schema, name = source.schema, source.name
    if not isinstance(schema, (dict, bool)):
        raise SchemaLoadError(f"{name}: a schema must be a JSON object or true or false")
    base_uri = Path(source.path).resolve().as_uri() if source.path else _ANONYMOUS
    resources = LocalResources(schema_dirs)
    resources.add(base_uri, schema, source.path)
    dialect = _dialect(schema, name, resources)
    resources.default_dialect = dialect
    hint = dialects.not_a_schema(schema, dialect)
    if hint:
        raise SchemaLoadError(f"{name}: not a JSON Schema: {hint}")
    _meta_check(name, "", schema, dialect)
    if _needs_crawl(schema) and not local_only(schema, dialect):
        _crawl(resources, base_uri, dialect, name)
    return CheckedSchema(source, dialect, base_uri, resources)


def as_checked(schema: CheckedSchema | dict[str, Any] | bool) -> CheckedSchema:
    """A checked schema as is; a bare schema checked first (named ``<schema>``)."""
    if isinstance(schema, CheckedSchema):
        return schema
    return check_schema(SchemaSource(schema, "<schema>"))


def _dialect(schema: Any, name: str, resources: LocalResources) -> str:
    try:
        return dialects.dialect_of(schema, resources.contents)
    except LookupError:
        value = shown(schema.get("$schema")) or "its meta-schema"
        raise SchemaLoadError(
            f"{name}: /$schema: {value} is not a draft terapi-lint knows (Draft 4, 6, 7, 2019-09 or 2020-12) "
            "and no local meta-schema of that URI names one: give its folder with --schema-dir") from None


def _meta_check(name: str, base: str, document: Any, dialect: str) -> None:
    problem = dialects.meta_problem(document, dialect)
    if problem is not None:
        pointer, reason = problem
        raise SchemaLoadError(f"{name}: not a valid JSON Schema ({dialects.DRAFT_NAMES[dialect]}) "
                              f"at {base + pointer or '/'}: {reason}")


def _needs_crawl(schema: Any) -> bool:
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not _CRAWLED.isdisjoint(node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _crawl(resources: LocalResources, base_uri: str, dialect: str, name: str) -> None:
    from terapi_lint.schema.patterns import pattern_problem
    from terapi_lint.schema.references import crawl, display

    checked_documents = {base_uri}
    for place in crawl(resources, base_uri, dialect, name):
        file = name if place.uri == base_uri else display(resources.file_of(place.uri))
        if place.uri not in checked_documents:
            checked_documents.add(place.uri)
            document = resources.contents(place.uri)
            try:
                own = dialects.dialect_of(document, resources.contents)
            except LookupError:
                own = dialect
            _meta_check(file, "", document, own)
        node = place.node
        patterns = []
        if isinstance(node.get("pattern"), str):
            patterns.append(("/pattern", node["pattern"]))
        if isinstance(node.get("patternProperties"), dict):
            patterns.extend((f"/patternProperties/{_escape(key)}", key) for key in node["patternProperties"])
        for where, pattern in patterns:
            problem = pattern_problem(pattern)
            if problem is not None:
                value = shown(pattern)
                raise SchemaLoadError(f"{file}: {place.pointer}{where}: {value or 'the pattern'} is not an "
                                      f"ECMA-262 regular expression ({problem})")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
