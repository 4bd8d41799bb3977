"""Fake but format-exact credentials, and the secret fixtures built from them.

Every value matches its provider's real shape (prefix, length, charset, GitHub CRC32 checksum, JWT
header) and is generated from a fixed seed, so the fixture files are reproducible:

    PYTHONPATH=src:. python tests/unit/secret_fakes.py      # rewrites tests/fixtures/*/secret-*

The fixtures of issue 14's classes (headers, arrays, value judgement, token responses, in JSON,
YAML and NDJSON, found and not flagged) come from ``secret_class_fakes.py``.

None of these values was ever issued by a provider.
"""

from __future__ import annotations

import base64
import json
import random
import string
import zlib
from pathlib import Path
from typing import Any, NamedTuple

ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


class Fakes:
    def __init__(self, seed: int = 4) -> None:
        self.r = random.Random(seed)

    def s(self, n: int, chars: str = ALNUM) -> str:
        return "".join(self.r.choice(chars) for _ in range(n))

    def github(self, prefix: str = "ghp") -> str:
        body = self.s(30)
        n = zlib.crc32(body.encode())
        chk = ""
        while n:
            n, rem = divmod(n, 62)
            chk = B62[rem] + chk
        return f"{prefix}_{body}{chk.rjust(6, '0')}"

    def uuid(self) -> str:
        h = self.s(32, HEX)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def b64(self, n: int) -> str:
        return self.s(n, ALNUM + "+/")

    def url64(self, n: int) -> str:
        return self.s(n, ALNUM + "-_")

    def jwt(self) -> str:
        enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")  # noqa: E731
        header = enc({"alg": "RS256", "typ": "JWT", "kid": self.s(8, HEX)})
        payload = enc({"sub": self.uuid(), "aud": "api://terapi", "exp": 1790000000})
        return f"{header}.{payload}.{self.url64(86)}"

    def pem(self) -> str:
        lines = [self.b64(64) for _ in range(12)]
        return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\n"

    def aws_secret(self) -> str:
        while True:
            v = self.b64(40)
            if any(c.isupper() for c in v) and any(c.islower() for c in v) and any(c.isdigit() for c in v):
                return v

    def password(self) -> str:
        return self.r.choice(["Tr0ub4dor&3", "sunny-Meadow-42", "Winter2026!", "p4ssw0rd!Acme"]) + self.s(3, string.digits)


class Spec(NamedTuple):
    """A fixture: file name, records, and for each expected finding (record index, rule, path)."""

    name: str
    records: list[dict[str, Any]]
    expected: list[tuple[int, str, tuple[Any, ...]]]
    secrets: list[str]


def base_record(provider: str, n: int = 1, **extra: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": f"user-{4820 + n}",
        "provider_config_key": f"{provider}-prod",
        "provider": provider,
        "created_at": "2026-01-15T10:00:00Z",
        "updated_at": "2026-05-03T08:00:00Z",
        "metadata": {"user_id": f"user-{4820 + n}", "tenant_id": "acme-corp"},
        "credentials": {"type": "oauth2", "expires_at": "2026-05-04T08:00:00Z"},
    }
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(rec.get(k), dict):
            rec[k].update(v)
        else:
            rec[k] = v
    return rec


def value_specs(f: Fakes) -> list[Spec]:
    """secret-value: a credential-shaped value under a key that says nothing."""
    out: list[Spec] = []

    def note(name: str, provider: str, secret: str, text: str = "Rotated on Monday, new key is {} (ask Sam)") -> None:
        rec = base_record(provider, metadata={"note": text.format(secret)})
        out.append(Spec(f"secret-value-{name}", [rec], [(0, "secret-value", ("metadata", "note"))], [secret]))

    def member(name: str, provider: str, path: tuple[str, ...], secret: str, shown: str | None = None) -> None:
        rec = base_record(provider)
        node = rec
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = shown if shown is not None else secret
        out.append(Spec(f"secret-value-{name}", [rec], [(0, "secret-value", path)], [secret]))

    for prefix, label in [("ghp", "github"), ("gho", "github-oauth"), ("ghu", "github-user"),
                          ("ghs", "github-server"), ("ghr", "github-refresh")]:
        note(label, "github", f.github(prefix))
    note("github-fine-grained", "github", "github_pat_" + f.s(22) + "_" + f.s(59))
    note("gitlab", "gitlab", "glpat-" + f.s(20, ALNUM + "_-"))
    note("slack-bot", "slack", f"xoxb-{f.s(12, string.digits)}-{f.s(13, string.digits)}-{f.s(24)}")
    note("slack-user", "slack",
         f"xoxp-{f.s(12, string.digits)}-{f.s(12, string.digits)}-{f.s(13, string.digits)}-{f.s(32, HEX)}")
    hook = f"https://hooks.slack.com/services/T{f.s(8, string.ascii_uppercase + string.digits)}/B{f.s(10, string.ascii_uppercase + string.digits)}/{f.s(24)}"
    member("slack-webhook", "slack", ("metadata", "incoming_webhook"), hook)
    note("stripe", "stripe", "sk_live_" + f.s(99))
    note("stripe-restricted", "stripe", "rk_test_" + f.s(99))
    member("stripe-webhook", "stripe", ("metadata", "webhook", "signing"), "whsec_" + f.s(32))
    note("shopify", "shopify", "shpat_" + f.s(32, HEX))
    note("hubspot", "hubspot", "pat-na1-" + f.uuid())
    note("heroku", "heroku", "HRKU-AA" + f.s(58, ALNUM + "_-"))
    note("salesforce", "salesforce", "00D" + f.s(12) + "!AQ" + f.s(94, ALNUM + "._"))
    note("salesforce-refresh", "salesforce", "5Aep861" + f.s(80, ALNUM + "."))
    note("google-api-key", "google", "AIza" + f.s(35, ALNUM + "_-"))
    note("google-access", "google", "ya29." + f.url64(150))
    note("google-refresh", "google", "1//0" + f.url64(99))
    note("google-client-secret", "google", "GOCSPX-" + f.url64(28))
    aws_id = "AKIA" + f.s(16, string.ascii_uppercase + "234567")
    note("aws-key-id", "aws", aws_id)
    aws_secret = f.aws_secret()
    rec = base_record("aws", metadata={"aws": {"access_key_id": aws_id, "region": "us-east-1", "secret": None,
                                                "credential": aws_secret}})
    out.append(Spec("secret-value-aws-pair", [rec],
                    [(0, "secret-value", ("metadata", "aws", "access_key_id")),
                     (0, "secret-value", ("metadata", "aws", "credential"))], [aws_id, aws_secret]))
    note("twilio", "twilio", "SK" + f.s(32, HEX))
    note("sendgrid", "sendgrid", "SG." + f.url64(22) + "." + f.url64(43))
    note("atlassian", "jira", "ATATT3" + f.s(178, ALNUM + "_-") + "=" + f.s(8, HEX.upper()))
    note("notion", "notion", "ntn_" + f.s(11, string.digits) + f.s(35))
    note("notion-legacy", "notion", "secret_" + f.s(43))
    note("linear", "linear", "lin_api_" + f.s(40))
    note("entra-client-secret", "microsoft", f.s(3) + "8Q~" + f.s(34, ALNUM + "_~.-"))
    note("entra-refresh", "microsoft", "1.A" + f.url64(60) + ".Ag" + f.url64(260) + ".A" + f.url64(210))
    note("openai", "openai", "sk-proj-" + f.url64(74) + "T3BlbkFJ" + f.url64(74))
    note("anthropic", "anthropic", "sk-ant-api03-" + f.url64(93) + "AA")
    note("npm", "npm", "npm_" + f.s(36))
    note("huggingface", "huggingface", "hf_" + f.s(34, string.ascii_letters))
    note("mailchimp", "mailchimp", f.s(32, HEX) + "-us14")
    note("square", "square", "sq0atp-" + f.url64(22))
    note("pypi", "pypi", "pypi-AgEIcHlwaS5vcmc" + f.url64(70))
    jwt = f.jwt()
    member("jwt", "zoom", ("metadata", "debug", "last_response"), jwt, f'{{"ok":true,"session":"{jwt}"}}')
    pem = f.pem()
    member("private-key", "github", ("metadata", "app", "pem"), pem)
    pw = f.password()
    member("url-password", "postgres", ("metadata", "connection_url"), pw,
           f"postgres://app_user:{pw}@db.internal.example:5432/app?sslmode=require")
    basic = base64.b64encode(f"svc-sync:{pw}".encode()).decode()
    member("basic-auth", "jira", ("metadata", "headers", "Authorization"), basic, f"Basic {basic}")
    bearer = f.s(48)
    member("bearer", "custom", ("metadata", "headers", "Authorization"), bearer, f"Bearer {bearer}")
    tok = f.s(40)
    member("url-query", "custom", ("metadata", "callback_url"), tok,
           f"https://api.example.com/v1/hooks?tenant=acme&access_token={tok}&format=json")
    sa = {"type": "service_account", "project_id": "acme-prod", "private_key_id": f.s(40, HEX),
          "private_key": f.pem(), "client_email": "sync@acme-prod.iam.gserviceaccount.com"}
    blob = base64.b64encode(json.dumps(sa).encode()).decode()
    member("base64-service-account", "google", ("metadata", "service_account_json_b64"), blob)
    blob = base64.b64encode(f.pem().encode()).decode()
    member("base64-private-key", "github", ("metadata", "app", "pem_b64"), blob)
    opaque = f.s(48)
    member("high-entropy-credential", "custom", ("credentials", "raw", "sig"), opaque)
    pw2 = f.password()
    member("connection-string", "mssql", ("metadata", "odbc"), pw2,
           f"Server=tcp:sql.example.net,1433;Database=app;User ID=svc_sync;Password={pw2};Encrypt=True;")
    # A secret-shaped member name: reported at the parent, and the name never appears.
    key_token = f.github("ghp")
    rec = base_record("github", metadata={key_token: True})
    out.append(Spec("secret-value-key-name", [rec], [(0, "secret-value", ("metadata",))], [key_token]))
    return out


def key_specs(f: Fakes) -> list[Spec]:
    """secret-key: a credential-named member with a real value (whatever its shape)."""
    out: list[Spec] = []

    def put(name: str, provider: str, path: tuple[Any, ...], value: Any, secret: str | None = None) -> None:
        rec = base_record(provider)
        node: Any = rec
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
        out.append(Spec(f"secret-key-{name}", [rec], [(0, "secret-key", path)],
                        [secret if secret is not None else str(value)]))

    put("password", "postgres", ("credentials", "password"), f.password())
    put("refresh-token", "hubspot", ("metadata", "oauth", "refresh_token"), f.uuid())
    put("access-token-github", "github", ("credentials", "access_token"), f.github("gho"))
    put("client-secret", "zoom", ("credentials", "clientSecret"), f.s(32))
    put("api-key", "datadog", ("metadata", "apiKey"), f.s(32, HEX))
    put("api-key-header", "custom", ("metadata", "headers", "X-API-Key"), f.s(40, HEX))
    put("bare-token", "custom", ("credentials", "token"), f.uuid())
    put("bare-key", "custom", ("credentials", "raw", "key"), f.s(24))
    put("secret-access-key", "aws", ("credentials", "aws", "secret_access_key"), f.aws_secret())
    put("session-token", "aws", ("credentials", "SESSION_TOKEN"), f.b64(120))
    put("private-key", "github", ("credentials", "private_key"), f.pem())
    put("id-token", "google", ("credentials", "id_token"), f.jwt())
    put("webhook-secret", "shopify", ("metadata", "webhook_secret"), f.s(64, HEX))
    put("signing-secret", "slack", ("metadata", "slack", "signing_secret"), f.s(32, HEX))
    put("oauth-token-secret", "twitter", ("credentials", "oauth_token_secret"), f.s(45))
    put("app-key", "datadog", ("metadata", "app_key"), f.s(40, HEX))
    put("passwd", "ftp", ("metadata", "ftp", "passwd"), f.password())
    put("pin", "bank", ("credentials", "pin"), 4821)
    put("numeric-password", "custom", ("credentials", "password"), 12345678)
    pw = f.password()
    rec = base_record("mysql", metadata={"accounts": [{"user": "reader", "password": "${READER_PW}"},
                                                      {"user": "writer", "password": pw}]})
    out.append(Spec("secret-key-array", [rec], [(0, "secret-key", ("metadata", "accounts", 1, "password"))], [pw]))
    secret = f.s(40)
    rec = base_record("custom", credentials={"client_secret": {"value": secret, "expires_at": "2026-09-01T00:00:00Z"}})
    out.append(Spec("secret-key-nested-object", [rec], [(0, "secret-key", ("credentials", "client_secret", "value"))], [secret]))
    return out


def variant_specs(f: Fakes) -> list[Spec]:
    """YAML and NDJSON variants (name carries the extension)."""
    out: list[Spec] = []
    tok = f.github("ghp")
    out.append(Spec("secret-value-github.yaml", [base_record("github", metadata={"note": f"token {tok} for CI"})],
                    [(0, "secret-value", ("metadata", "note"))], [tok]))
    pem = f.pem()
    out.append(Spec("secret-key-private-key.yaml", [base_record("github", credentials={"private_key": pem})],
                    [(0, "secret-key", ("credentials", "private_key"))], [pem]))
    pw = f.password()
    sk = "sk_live_" + f.s(24)
    recs = [base_record("postgres", 1), base_record("postgres", 2, credentials={"password": pw}),
            base_record("postgres", 3)]
    out.append(Spec("secret-key-password.ndjson", recs, [(1, "secret-key", ("credentials", "password"))], [pw]))
    recs = [base_record("stripe", 1), base_record("stripe", 2, metadata={"description": f"legacy key {sk}"})]
    out.append(Spec("secret-value-stripe.ndjson", recs, [(1, "secret-value", ("metadata", "description"))], [sk]))
    return out


def all_specs() -> list[Spec]:
    """Every generated fixture with findings (``tests/fixtures/invalid/``)."""
    from tests.unit.secret_class_fakes import class_specs

    f = Fakes()
    return value_specs(f) + key_specs(f) + variant_specs(f) + class_specs(f)


def valid_specs() -> list[Spec]:
    """Every generated fixture without findings (``tests/fixtures/valid/``)."""
    from tests.unit.secret_class_fakes import valid_class_specs

    return valid_class_specs()


def filename(spec: Spec) -> str:
    return spec.name if "." in spec.name else spec.name + ".json"


def render(spec: Spec) -> str:
    import yaml

    name = filename(spec)
    if name.endswith(".ndjson"):
        return "".join(json.dumps(r) + "\n" for r in spec.records)
    if name.endswith((".yaml", ".yml")):

        class Dumper(yaml.SafeDumper):
            pass

        def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
            style = "|" if "\n" in data else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

        Dumper.add_representer(str, text)
        return "---\n".join(yaml.dump(r, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000) for r in spec.records)
    records = spec.records if len(spec.records) > 1 else spec.records[0]  # several records: a dump
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    out = FIXTURES / "invalid"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("secret-*"):
        old.unlink()
    for spec in all_specs():
        (out / filename(spec)).write_text(render(spec), encoding="utf-8")
    for spec in valid_specs():
        (FIXTURES / "valid" / filename(spec)).write_text(render(spec), encoding="utf-8")


if __name__ == "__main__":
    main()
