"""The SARIF output validates against the official OASIS SARIF 2.1.0 schema (errata01, Draft 04).

``tests/data/sarif-schema-2.1.0.json`` is a verbatim copy of the public schema file
(sha256 c3b4bb2d...2682e, the one GitHub code scanning documents), vendored so CI always checks.
"""

import hashlib
import io
import json
import re
import types
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from terapi_lint.findings import Finding
from terapi_lint.reporters import Report
from terapi_lint.reporters.sarif import render

SCHEMA_FILE = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"
SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def validator():
    raw = SCHEMA_FILE.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SHA256
    schema = json.loads(raw)
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def make_rule(code, name, severity, doc):
    module = types.ModuleType(f"rules.{name}")
    module.__doc__ = doc
    module.CODE, module.NAME, module.SEVERITY = code, name, severity
    return module


LONG = "Word " * 400
RULES = [
    make_rule(
        "TL201",
        "secret-key",
        "error",
        """Credentials must not hold a literal secret.

        ## What it checks
        Keys such as `token`, `password` and `client_secret` with a non-empty value.

        ## Why it matters
        Connection records are copied around; secrets leak.

        ## Example
        ```json
        {"credentials": {"token": "abc"}}
        ```

        ## Fix
        Use a `secret_ref`.
        """,
    ),
    make_rule(
        "TL301", "date-time", "info", "Timestamps are RFC 3339.\n\n## What it checks\n" + LONG
    ),
    make_rule("TL001", "parse-error", "warning", None),
]


def sarif_of(report):
    out = io.StringIO()
    render(report, out)
    return json.loads(out.getvalue())


def many_findings():
    files = [
        "data/plain.json",
        "data/with space/a b.json",
        "data/100%/p%20q.yaml",
        "data/ünïcödé/日本.ndjson",
        "/outside/root/abs path.json",
        "../sibling/x.json",
        "./data/./dot.json",
        "weird#name?.json",
        "<stdin>",
    ]
    findings = []
    for i, file in enumerate(files):
        findings += [
            Finding(
                file,
                i + 1,
                i + 2,
                "/credentials/token",
                "secret-key",
                "error",
                "Looks like a secret.",
                None,
                "TL201",
            ),
            Finding(
                file, 1, 1, "", "parse-error", "warning", "Broken: line\nbreak, 100%", i, "TL001"
            ),
            Finding(file, 0, 0, "/a~1b/0/~0c", "date-time", "info", "", 3, "TL301"),
            Finding(file, 7, 9, "/x", "not-in-registry", "error", "Unknown rule still reported."),
        ]
    return files, findings


def test_many_findings_validate(validator):
    files, findings = many_findings()
    doc = sarif_of(
        Report(findings, files, 42, errors=["gone.json: no such file"], rules=RULES, root="/repo")
    )
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert len(doc["runs"][0]["results"]) == len(findings)


def test_clean_run_validates(validator):
    doc = sarif_of(Report([], ["a.json"], 1, rules=RULES, root="/repo"))
    assert not list(validator.iter_errors(doc))
    assert doc["runs"][0]["results"] == []
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) == 3


def test_no_rules_validates(validator):
    doc = sarif_of(
        Report([Finding("a.json", 1, 1, "", "r", "error", "m")], ["a.json"], 1, root="/")
    )
    assert not list(validator.iter_errors(doc))


def test_the_check_has_teeth(validator):
    doc = sarif_of(
        Report([Finding("a.json", 1, 1, "", "r", "error", "m")], ["a.json"], 1, root="/repo")
    )
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["endColumn"] = 0
    del doc["version"]
    assert len(list(validator.iter_errors(doc))) == 2


# jsonschema only checks "uri"/"uri-reference" formats when an optional package is installed, so
# check every URI against RFC 3986 here.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def all_uris(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uri":
                yield value
            else:
                yield from all_uris(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_uris(item)


def test_uris_are_rfc3986():
    files, findings = many_findings()
    doc = sarif_of(Report(findings, files, 1, rules=RULES, root="/repo dir/ü"))
    uris = list(all_uris(doc))
    assert len(uris) > len(findings)
    for uri in uris:
        assert URI_CHARS.match(uri), uri
        parts = urlsplit(uri)
        assert parts.scheme in ("", "file"), uri
        assert not parts.query and not parts.fragment, uri
        if parts.scheme == "":
            assert not uri.startswith("/"), uri
            # Decoding gives back the repository-relative path.
            assert unquote(uri) in {f.lstrip("./") for f in files} | {"data/dot.json"}, uri
    base = doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == "file:///repo%20dir/%C3%BC/"
