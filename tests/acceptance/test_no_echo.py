"""No output format, message, stderr line or parse error contains any 8-character piece of a secret.

Every secret fixture is linted through the real command line in every report format, as it is and
in broken variants that do not parse (truncated JSON, a broken NDJSON line, a YAML syntax error on
the secret's own line), plus secrets in places where other rules fire: as an enum value, a
date-time, a member name, metadata serialised as a string.  The fixtures include every class of
issue 14 (header values, cookies, arrays of keys, token responses); for a ``Basic`` header both the
encoded token and the decoded ``user:password`` count as the secret.
"""

from __future__ import annotations

import base64
import json
import re

import pytest

from tests.conftest import FIXTURES
from tests.unit.secret_fakes import Fakes, all_specs, filename

FORMATS = ["text", "json", "sarif", "github", "junit"]
SPECS = all_specs()
FAKE = Fakes(seed=99)
GITHUB = FAKE.github()
JWT = FAKE.jwt()


def pieces(secret: str) -> set[str]:
    """Every 8-character piece of the secret part of a value.

    PEM armour lines and a URL's scheme and host (``https://hooks.slack.com``) are public text that
    legitimately appears in reports; everything after them is secret.
    """
    body = re.sub(r"-----[A-Z ]+-----", "", secret)
    body = re.sub(r"^[a-z]+://[^/@]+(?=/)", "", body)
    return {body[i:i + 8] for i in range(len(body) - 7) if body[i:i + 8].strip()}


def assert_no_echo(result, secrets):
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    for secret in secrets:
        leaked = [piece for piece in pieces(secret) if piece in out]
        assert not leaked, f"output echoes part of a secret: {len(leaked)} pieces"


def run_all_formats(run_cli, path, secrets):
    for fmt in FORMATS:
        result = run_cli("check", "--format", fmt, str(path))
        assert result.exit_code in (0, 1), result.stderr
        assert_no_echo(result, secrets)


@pytest.mark.parametrize("spec", SPECS, ids=[filename(s) for s in SPECS])
def test_secret_fixtures_in_every_format(run_cli, spec):
    run_all_formats(run_cli, FIXTURES / "invalid" / filename(spec), spec.secrets)


@pytest.mark.parametrize("spec", [s for s in SPECS if filename(s).endswith(".json")][:12], ids=filename)
def test_truncated_json_with_a_secret(run_cli, tmp_path, spec):
    text = (FIXTURES / "invalid" / filename(spec)).read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text(text[: int(len(text) * 0.9)], encoding="utf-8")
    run_all_formats(run_cli, broken, spec.secrets)


def test_broken_lines_and_documents_holding_secrets(run_cli, tmp_path):
    ndjson = tmp_path / "dump.ndjson"
    ndjson.write_text(
        '{"id": "u1", "provider_config_key": "k", "provider": "github"}\n'
        f'{{"id": "u2", "provider_config_key": "k", "metadata": {{"note": "{GITHUB}"}}, \n'
    )
    yaml_file = tmp_path / "conn.yaml"
    yaml_file.write_text(f"id: u1\nprovider: github\ncredentials: {{type: oauth2, token: {GITHUB}: : [\n")
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(f"id: u1\nprovider: !!python/object:os.system {GITHUB}\n")
    for path in (ndjson, yaml_file, tagged):
        run_all_formats(run_cli, path, [GITHUB])
    result = run_cli("check", "--format", "json", str(ndjson))
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {"parse-error", "secret-value"} <= rules


def test_secrets_where_other_rules_fire(run_cli, tmp_path):
    record = {
        "id": GITHUB,
        "provider_config_key": "k",
        "provider": "github",
        "created_at": JWT,
        "metadata": json.dumps({"token": GITHUB}),
        "credentials": {"type": GITHUB, "expires_at": 5},
        GITHUB: True,
    }
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, indent=2))
    run_all_formats(run_cli, path, [GITHUB, JWT])
    findings = json.loads(run_cli("check", "--format", "json", str(path)).stdout)["findings"]
    rules = {f["rule"] for f in findings}
    assert {"invalid-enum", "invalid-date-time", "metadata-not-object", "secret-value"} <= rules


def test_secret_in_a_schema_path_on_stderr(run_cli, tmp_path):
    # A --records pointer or a schema path is the user's own text, but a bad schema file that
    # holds a secret must not be quoted either.
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"a": {"pattern": 1, "x": GITHUB}}}))
    result = run_cli("check", "--schema", str(schema), str(FIXTURES / "valid" / "connection.json"))
    assert result.exit_code == 2
    assert_no_echo(result, [GITHUB])


def test_a_credential_as_a_record_id_in_a_dump(run_cli, tmp_path):
    # In a dump every finding names its record by id and provider_config_key: not this one.
    records = [
        {"id": GITHUB, "provider_config_key": JWT, "provider": "github", "credentials": {"type": "OAuth2"}},
        {"id": "conn-2", "provider_config_key": "github-prod", "provider": "github", "credentials": {"type": "x"}},
    ]
    ndjson = tmp_path / "dump.ndjson"
    ndjson.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    array = tmp_path / "dump.json"
    array.write_text(json.dumps(records, indent=2))
    for path in (ndjson, array):
        run_all_formats(run_cli, path, [GITHUB, JWT])
        findings = json.loads(run_cli("check", "--format", "json", str(path)).stdout)["findings"]
        enum = [f for f in findings if f["rule"] == "invalid-enum"]
        assert [(f["record_id"], f["record_key"]) for f in enum] == [(None, None), ("conn-2", "github-prod")]
        lines = [line for line in run_cli("check", str(path)).stdout.splitlines() if line.startswith(str(path))]
        first = [line for line in lines if "conn-2" not in line]
        assert first and not any(" [" in line.split(": ")[1] for line in first)
        assert any("/credentials/type [id=conn-2 key=github-prod]: " in line for line in lines)


CLASS_JSON = [s for s in SPECS if filename(s).endswith(".json") and filename(s).startswith(
    ("secret-value-header", "secret-key-header", "secret-key-arrays", "secret-key-real", "secret-key-token"))]


@pytest.mark.parametrize("spec", CLASS_JSON, ids=filename)
def test_truncated_class_fixtures(run_cli, tmp_path, spec):
    text = (FIXTURES / "invalid" / filename(spec)).read_text(encoding="utf-8")
    for fraction in (0.5, 0.9):
        broken = tmp_path / "broken.json"
        broken.write_text(text[: int(len(text) * fraction)], encoding="utf-8")
        run_all_formats(run_cli, broken, spec.secrets)


def test_header_credentials_in_files_that_do_not_parse(run_cli, tmp_path):
    """Header lines in raw text: the fallback scan finds them, and no parser error quotes them."""
    password = FAKE.password() + "Qx"
    decoded = f"svc-sync@acme.example:{password}"
    basic = base64.b64encode(decoded.encode()).decode()
    token, session = FAKE.s(40, "0123456789abcdef"), FAKE.s(32)
    secrets = [basic, decoded, password, token, session]
    headers = {"Authorization": f"Basic {basic}", "X-Other": f"Token {token}", "Cookie": f"sessionid={session}"}
    ndjson = tmp_path / "dump.ndjson"
    ndjson.write_text('{"id": "u1", "provider_config_key": "k", "provider": "jira"}\n'
                      f'{{"id": "u2", "metadata": {{"default_headers": {json.dumps(headers)}, \n')
    yaml_file = tmp_path / "conn.yaml"
    yaml_file.write_text("id: u1\nmetadata:\n  default_headers:\n"
                         f"    Authorization: Basic {basic}: [\n    Cookie: sessionid={session}\n")
    lines = tmp_path / "request.yaml"
    lines.write_text(f"id: u1\nmetadata:\n  request: |\n    GET /v1 HTTP/1.1\n    Authorization: Token {token}\n  bad: [\n")
    json_file = tmp_path / "conn.json"
    json_file.write_text(json.dumps({"id": "u1", "metadata": {"default_headers": headers}}, indent=2)[:-3])
    for path in (ndjson, yaml_file, lines, json_file):
        run_all_formats(run_cli, path, secrets)
        result = run_cli("check", "--format", "json", str(path))
        rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
        assert {"parse-error", "secret-value"} <= rules, path.name


def test_header_credentials_where_other_rules_fire(run_cli, tmp_path):
    decoded = f"{FAKE.s(24)}:X"
    basic = base64.b64encode(decoded.encode()).decode()
    session = FAKE.s(32)
    record = {"id": "u1", "provider_config_key": "k", "provider": "custom",
              "created_at": f"Basic {basic}", "credentials": {"type": f"Cookie: sessionid={session}"},
              "metadata": json.dumps({"Authorization": f"Basic {basic}"})}
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, indent=2))
    run_all_formats(run_cli, path, [basic, decoded, session])
    rules = {f["rule"] for f in json.loads(run_cli("check", "--format", "json", str(path)).stdout)["findings"]}
    assert {"invalid-enum", "invalid-date-time", "metadata-not-object", "secret-value"} <= rules
