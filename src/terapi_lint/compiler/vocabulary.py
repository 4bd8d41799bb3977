"""The keys a field-list structure may use, and what becomes of each in the compiled schema."""

from __future__ import annotations

#: Keys copied unchanged from a field entry to its schema.
PASSTHROUGH = (
    "default", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "readOnly", "writeOnly",
    "deprecated", "title", "description",
)  # fmt: skip
ENUM_KEYS = ("enum", "values", "allowedValues")
SUBFIELD_KEYS = ("fields", "children")
#: Field keys the compiler understands (everything else becomes an ``x-`` annotation).
FIELD_KEYS = {
    "name", "type", "required", "example", "items", "itemType", "valueType",
    "additionalProperties", "format", "nullable", "min", "max", "range",
    *PASSTHROUGH, *ENUM_KEYS, *SUBFIELD_KEYS,
}  # fmt: skip
#: Field keys documented as annotations only: kept as ``x-<key>`` without a warning.
FIELD_DOC_KEYS = {"unit", "category", "prefix", "conditional", "path", "notes", "source"}
#: Top-level keys the compiler understands, and those documented as annotations only.
TOP_KEYS = {"name", "title", "description", "fields", "type", "$schema", "nested", "definitions",
            "searchResponse", "example"}  # fmt: skip
TOP_DOC_KEYS = {
    "version", "source", "sources", "url", "sourceFormat", "entity", "resource", "api", "format",
    "notes", "lifecycle", "relationships", "relations",
}  # fmt: skip
#: Formats defined by JSON Schema 2020-12, plus the OpenAPI width formats the grammar emits.
KNOWN_FORMATS = {
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex", "int32", "int64", "float", "double",
}  # fmt: skip
FORMAT_ALIASES = {"datetime": "date-time", "timestamp": "date-time", "url": "uri"}
