"""Format detectors: each shape found (also inside prose), each near miss and public value not."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terapi_lint.secrets.detectors import (
    find_secrets,
    github_checksum_ok,
    is_public_by_design,
    may_hold_secret,
)
from terapi_lint.secrets.text import scan_text

from terapi_lint.secrets.opaque import is_aws_secret_shape
from tests.unit.secret_fakes import Fakes, value_specs


def kinds(text: str, **kw: bool) -> list[str]:
    return [k for _, _, k in find_secrets(text, **kw)]


SPECS = {spec.name: spec for spec in value_specs(Fakes())}


# Planted values found by key or structure context rather than by their format alone.
CONTEXTUAL = {"secret-value-key-name", "secret-value-high-entropy-credential"}


@pytest.mark.parametrize("name", sorted(n for n in SPECS if n not in CONTEXTUAL))
def test_every_planted_value_is_found_inside_prose(name: str) -> None:
    spec = SPECS[name]
    secret = spec.secrets[-1]
    notion = "notion" in name
    # Format detectors find what they find anywhere in a string, whatever surrounds it.
    text = {
        "secret-value-url-password": f"db at postgres://app:{secret}@db:5432/x today",
        "secret-value-basic-auth": f"curl -H 'Authorization: Basic {secret}' https://x",
        "secret-value-bearer": f"curl -H 'Authorization: Bearer {secret}' https://x",
        "secret-value-slack-webhook": f"post to {secret} on deploy",
        "secret-value-aws-pair": "aws keys: " + " / ".join(spec.secrets),
        "secret-value-connection-string": f"Server=db;User ID=svc;Password={secret};Encrypt=True",
        "secret-value-url-query": f"GET https://api.example.com/x?access_token={secret}&v=2 failed",
    }.get(name, f"note: {secret} (rotated)")
    found = find_secrets(text, notion=notion)
    assert found, name
    assert len(found) == len(spec.secrets)


def test_span_covers_the_token_in_prose() -> None:
    tok = Fakes().github("ghp")
    text = f"token={tok}, expires soon"
    [(start, end, kind)] = find_secrets(text)
    assert text[start:end] == tok and kind == "GitHub personal access token"


def test_github_checksum() -> None:
    f = Fakes(1)
    tok = f.github("gho")
    assert github_checksum_ok(tok)
    broken = tok[:-1] + ("A" if tok[-1] != "A" else "B")
    assert not github_checksum_ok(broken)
    assert kinds(f"x {broken} y") == []
    assert kinds(tok + "extra") == ["GitHub OAuth token"]  # the end is not anchored
    assert kinds("ghp_" + "x" * 36) == []


def test_github_prefix_kinds() -> None:
    f = Fakes(2)
    assert kinds(f.github("ghs")) == ["GitHub server-to-server token"]
    assert kinds(f.github("ghr")) == ["GitHub refresh token"]


def test_jwt_header_must_decode_to_json_with_alg() -> None:
    f = Fakes(3)
    assert kinds(f.jwt()) == ["JSON Web Token"]
    no_alg = base64.urlsafe_b64encode(json.dumps({"typ": "JWT"}).encode()).decode().rstrip("=")
    assert kinds(f"{no_alg}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop") == []
    assert kinds("eyJhbGciOiJIUzI1NiJ9.eyJ-broken.sig-sig-sig") == ["JSON Web Token"]  # header decodes
    assert kinds("eyJhbGciOi.not-base64-json.x") == []


def test_pem_private_key_needs_a_body() -> None:
    f = Fakes(4)
    assert kinds(f.pem()) == ["private key"]
    assert kinds("-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----") == []
    assert kinds("-----BEGIN PUBLIC KEY-----\n" + f.b64(64) * 3 + "\n-----END PUBLIC KEY-----") == []
    assert kinds("PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nPrivate-Lines: 14\nAAAA") == ["private key"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("postgres://app:S3cr3t-Pa55w0rd@db:5432/x", True),
        ("mongodb+srv://svc:Zq8%21kPw77@cluster0.example.net/db", True),
        ("redis://:Zq8kPw77xA@cache:6379/0", True),
        ("postgres://app@db:5432/x", False),
        ("https://user:password@localhost/x", False),
        ("https://app:${DB_PASSWORD}@db/x", False),
        ("https://app:****@db/x", False),
        ("git@github.com:acme/repo.git", False),
        ("https://abc123@o1.ingest.sentry.io/42", False),
        ("at 10:30 email me@example.com", False),
    ],
)
def test_url_userinfo_password(text: str, found: bool) -> None:
    assert (kinds(text) == ["password in a URL"]) is found


def test_basic_and_bearer() -> None:
    ok = base64.b64encode(b"svc-sync:Zq8kPw77xA!").decode()
    assert kinds(f"Authorization: Basic {ok}") == ["Basic authorization credentials"]
    no_colon = base64.b64encode(b"just-a-username").decode()
    assert kinds(f"Authorization: Basic {no_colon}") == []
    assert kinds("Basic plan, upgraded 2026-04-01") == []
    assert kinds("Bearer your-secret-key-here") == []
    assert kinds("Bearer " + Fakes(5).s(40) + "9") == ["Bearer token"]
    # A known format after Bearer is named by its format, once.
    assert kinds("Bearer " + Fakes(6).github("gho")) == ["GitHub OAuth token"]


def test_aws_pair_and_context() -> None:
    f = Fakes(7)
    key_id = "AKIA" + f.s(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    secret = f.aws_secret()
    assert kinds(f"{key_id} {secret}") == ["AWS access key ID", "AWS secret access key"]
    assert kinds(secret) == []  # no prefix: needs context
    assert kinds(secret, aws=True) == ["AWS secret access key"]
    assert kinds("AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == []
    assert not is_aws_secret_shape("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")  # a SHA-1


def test_notion_legacy_needs_context() -> None:
    tok = "secret_" + Fakes(8).s(43)
    assert kinds(tok) == []
    assert kinds(tok, notion=True) == ["Notion integration token"]


@pytest.mark.parametrize(
    "value",
    [
        "pk_live_" + "aB3dE5gH7jK9mN1pQ3sT5vX7z" * 2,
        "AC" + "0123456789abcdef" * 2,
        "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com",
        "Iv1.0123456789abcdef",
        "00D5g000004abcD",
        "00D5g000004abcDEAQ",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0rlwdX8b1Qy deploy@acme",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "https://0123456789abcdef0123456789abcdef@o123.ingest.sentry.io/456",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ],
)
def test_public_by_design(value: str) -> None:
    assert is_public_by_design(value)
    assert kinds(value) == []


@pytest.mark.parametrize(
    "text",
    [
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "eyJwYWdlIjozLCJhZnRlciI6IjEyMyJ9",
        "2026-05-04T08:00:00Z",
        "sk-2026-q2-roadmap-and-planning-notes",
        "Secret Santa 2026 signup: bring a key lime pie!",
        "sk_live_0000000000000000000000",
        "xoxb-000000000000-000000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
        "SK" + "0" * 32,
    ],
)
def test_clean_strings(text: str) -> None:
    assert kinds(text) == []


def test_scan_text_positions() -> None:
    f = Fakes(9)
    tok = f.github("ghp")
    sk = "sk_live_" + f.s(30)
    text = '{\n  "a": 1,\n  "note": "x ' + tok + '",\n\t"b": "' + sk + '"\n'
    found = list(scan_text(text))
    assert found == [
        (3, text.splitlines()[2].index(tok) + 1, "GitHub personal access token"),
        (4, text.splitlines()[3].index(sk) + 1, "Stripe secret key"),
    ]
    assert list(scan_text("nothing here at all")) == []


def test_url_query_parameters() -> None:
    assert kinds("https://api.example.com/v1?page=2&access_token=Zq8kPw77xAbc&x=1") == [
        "credential in a URL query parameter"]
    assert kinds("https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=AbCdEf0123456789%2Bz%3D") == [
        "credential in a URL query parameter"]
    assert kinds("https://app.example.com/cb?code=abc123456789&state=xyzxyzxyz&page_token=abcdefghijk") == []
    assert kinds("https://api.example.com/v1?api_key=${API_KEY}&token=<token>") == []


def test_base64_blobs() -> None:
    f = Fakes(10)
    sa = {"type": "service_account", "private_key_id": "abc", "private_key": f.pem()}
    assert kinds(base64.b64encode(json.dumps(sa).encode()).decode()) == ["base64-encoded JSON holding credentials"]
    assert kinds(base64.b64encode(f.pem().encode()).decode()) == ["base64-encoded private key"]
    cursor = {"page": 3, "after": "0f8fad5b-d9cb-469f-a165-70867728950e", "sort": "created_at", "dir": "asc"}
    assert kinds(base64.b64encode(json.dumps(cursor).encode()).decode()) == []
    public = "-----BEGIN PUBLIC KEY-----\n" + f.b64(64) * 3 + "\n-----END PUBLIC KEY-----\n"
    assert kinds(base64.b64encode(public.encode()).decode()) == []


def test_entropy_is_only_a_gated_signal() -> None:
    from terapi_lint.secrets import analyze

    opaque = Fakes(11).s(48)
    assert [h.path for h in analyze({"credentials": {"raw": {"sig": opaque}}})] == [("credentials", "raw", "sig")]
    assert analyze({"metadata": {"sig": opaque}}) == []  # never in metadata
    assert analyze({"credentials": {"account_id": opaque, "username": opaque, "expires_at": opaque}}) == []
    assert analyze({"credentials": {"raw": {"request": "0f8fad5b-d9cb-469f-a165-70867728950e",
                                            "sha": "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"}}}) == []


def _extra_shapes() -> list[tuple[str, str]]:
    f = Fakes(12)
    up = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    ewo_header = base64.b64encode(b'{\n  "alg": "HS256",\n  "typ": "JWT"\n}').decode().rstrip("=")
    return [
        ("EAAA" + f.url64(60), "Square access token"),
        ("sq0csp-" + f.url64(43), "Square OAuth secret"),
        ("xapp-1-A" + f.s(10, up) + "-" + f.s(13, "0123456789") + "-" + f.s(64, "0123456789abcdef"), "Slack app-level token"),
        ("xoxe-1-" + f.s(146), "Slack refresh token"),
        ("gldt-" + f.s(20), "GitLab token"),
        ("glsoat-" + f.s(20), "GitLab token"),
        ("glagent-" + f.s(50), "GitLab token"),
        ("GR1348941" + f.s(20), "GitLab token"),
        ("ASIA" + f.s(16, up), "AWS access key ID"),
        ("A3TX" + f.s(16, up), "AWS access key ID"),
        ("ABSK" + f.b64(120), "AWS Bedrock API key"),
        ("ATCTT3xFfG" + f.s(180), "Atlassian API token"),
        ("sk-ant-admin01-" + f.url64(93) + "AA", "Anthropic API key"),
        ("sk-" + f.s(20) + "T3BlbkFJ" + f.s(20), "OpenAI API key"),
        ("shpss_" + f.s(32, "0123456789abcdef"), "Shopify shared secret"),
        ("pat-eu1-" + f.uuid(), "HubSpot private app token"),
        ("lin_oauth_" + f.s(40), "Linear API key"),
        ("5AEP861" + f.s(90), "Salesforce refresh token"),
        (ewo_header + "." + f.url64(40) + "." + f.url64(43), "JSON Web Token"),
        ("SSWS 00" + f.url64(40), "Okta API token"),
        ("https://acme.webhook.office.com/webhookb2/" + f.uuid() + "@" + f.uuid() + "/IncomingWebhook/"
         + f.s(32, "0123456789abcdef") + "/" + f.uuid(), "Microsoft Teams webhook URL"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(f.b64(70) for _ in range(5)) + "\n-----END OPENSSH PRIVATE KEY-----",
         "private key"),
    ]


@pytest.mark.parametrize(("value", "kind"), _extra_shapes(), ids=[k for _, k in _extra_shapes()])
def test_more_shapes_alone_and_in_prose(value: str, kind: str) -> None:
    assert kinds(value) == [kind]
    assert kinds(f"see: {value} (rotated)") == [kind]


def test_url_password_that_starts_like_an_article() -> None:
    assert kinds("postgres://u:applesauce7@db/x") == ["password in a URL"]
    assert kinds("postgres://u:applesauce@db/x") == ["password in a URL"]


def test_connection_strings() -> None:
    assert kinds("Server=tcp:db.example.net,1433;Database=app;User ID=svc;Password=Zq8kPw77x!;Encrypt=True") == [
        "password in a connection string"]
    assert kinds("Driver={PostgreSQL};Server=db;Uid=svc;Pwd=Zq8kPw77x;") == ["password in a connection string"]
    key = Fakes(13).b64(86) + "=="
    assert kinds(f"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={key};EndpointSuffix=core.windows.net") == [
        "Azure access key in a connection string"]
    assert kinds("Server=db;User ID=svc;Password=${DB_PASSWORD};") == []
    assert kinds("Server=db;User ID=svc;Password=<password>;") == []
    assert kinds("set password=changeme in the docs") == []


def test_hostile_base64_json_does_not_crash() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    blob = base64.b64encode(('{"a":' + deep + "}").encode()).decode()
    assert kinds(blob) == []
    header = base64.urlsafe_b64encode(('{"alg":' + deep + "}").encode()).decode().rstrip("=")
    assert kinds(f"{header}.eyJzdWIiOiIxIn0.c2lnbmF0dXJl") == []


def _samples() -> list[str]:
    """One string per detected shape: the planted fixture values and the extra shapes."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, (dict, list)):
            for child in value.values() if isinstance(value, dict) else value:
                yield from strings(child)

    samples = [
        text
        for spec in SPECS.values()
        if spec.name not in CONTEXTUAL
        for text in strings(spec.records[0])
        if any(secret in text for secret in spec.secrets)
    ] + [v for v, _ in _extra_shapes()]
    f = Fakes(15)
    return samples + [
        "Authorization: Token " + f.s(40, "0123456789abcdef"),
        f"https://api.telegram.org/bot{f.s(10, '0123456789')}:AA{f.url64(33)}/getMe",
        "key-" + f.s(32, "0123456789abcdef"),
        "dop_v1_" + f.s(64, "0123456789abcdef"),
        "sntryu_" + f.s(64, "0123456789abcdef"),
        "NRAK-" + f.s(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        "dckr_pat_" + f.url64(27),
        "curl --user svc:" + f.s(14) + "! https://api.example.com",
        "Cookie: theme=dark; sessionid=" + f.s(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
        "AWS4-HMAC-SHA256 Credential=ASIA" + f.s(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        + "/20260602/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + f.s(64, "0123456789abcdef"),
        "Basic " + base64.b64encode(b"svc:Zq8kPw77xA").decode(),
        "Server=db;Password=Zq8kPw77x;",
        "AccountKey=" + Fakes(14).b64(86) + "==",
        "postgres://app:Zq8kPw77xA@db:5432/x",
    ]


@pytest.mark.parametrize("unit", ["a://", "a://b:c@=", "ATATT3=", "5AEP861.", "-----BEGIN PRIVATE KEY-----", "eyJ.", "Bearer =",
                                  "Authorization: ", "Authorization:", '"Cookie":', "Cookie: a=", "Authorization: Basic ",
                                  'Authorization: Digest a="', "Authorization: Token token=", " -u a:", "key-", "1234567890:AA"])
def test_repeated_anchors_cost_linear_time_and_hide_nothing(unit: str) -> None:
    # 200 KB of one shape's start, repeated: each try is bounded, so this takes well under a
    # second (it took minutes when a failed try could run to the end of the text), and a real
    # credential after it is still found.
    token = Fakes(21).github("ghp")
    hostile = unit * (200_000 // len(unit))
    assert "GitHub personal access token" in kinds(f"{hostile} {token}")


def test_a_jwt_with_a_certificate_chain_in_its_header_is_found() -> None:
    def segment(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    chain = [base64.b64encode(bytes(range(256)) * 8).decode()] * 2  # two 2.7 KB certificates
    token = ".".join([segment({"alg": "RS256", "x5c": chain}), segment({"sub": "svc-1"}), Fakes(22).url64(683)])
    assert kinds(f"Authorization: Bearer {token}") == ["JSON Web Token"]


def test_nested_urls_keep_their_query_credentials() -> None:
    text = "https://app.example.com/login?next=https://api.example.com/cb?access_token=Zq8kPw77xAbc"
    assert kinds(text) == ["credential in a URL query parameter"]
    many = " ".join(f"https://h{i}.example.com/p?page={i}" for i in range(5000))
    assert kinds(f"{many} postgres://app:Zq8kPw77x@db.example.com/x") == ["password in a URL"]


def test_every_pattern_branch_has_an_anchor_and_a_sample() -> None:
    """The prefilter must let every shape through: each branch of the pattern is exercised here."""
    from terapi_lint.secrets.shapes import _HEADER_LINE, pattern

    samples = _samples()
    covered = set()
    for sample in samples:
        for m in pattern().finditer(sample):
            covered.add(m.lastgroup)
        if _HEADER_LINE.search(sample):
            covered.add("header line")
        assert find_secrets(sample, notion=True, aws=True), "missed"
    assert covered >= set(pattern().groupindex) | {"header line"}, set(pattern().groupindex) - covered


@given(st.lists(st.sampled_from(_samples()) | st.text(), max_size=4), st.data())
@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_one_search_rules_out_a_string_only_when_nothing_is_found(parts: list[str], data: st.DataObject) -> None:
    """``may_hold_secret`` is the walk's gate: a string it passes over must hold no finding (short
    pieces of real shapes, cut anywhere and joined, make the near misses)."""
    pieces = []
    for part in parts:
        start = data.draw(st.integers(0, len(part)))
        pieces.append(part[start : data.draw(st.integers(start, len(part)))])
    text = "".join(pieces)
    if may_hold_secret(text) is None:
        assert find_secrets(text, notion=True) == []


def test_one_search_lets_every_shape_through() -> None:
    # Every shape but a bare AWS secret key, which the walk looks for only in an AWS context.
    samples = [sample for sample in _samples() if find_secrets(sample, notion=True)]
    assert len(samples) >= 50
    for sample in samples:
        assert may_hold_secret(sample) is not None
        assert may_hold_secret(f"note: {sample} (rotated)") is not None


def test_scan_text_finds_credential_named_members_with_no_known_format() -> None:
    """A broken file is judged like a parsed one: a random refresh token under its name is found,
    names and labels under credential-like names are not, and a format hit is not reported twice."""
    f = Fakes(12)
    opaque, password, tok = f.s(32), f.s(14) + "7Q", f.github("ghp")
    broken_json = ('{\n  "credentials": {\n    "refresh_token": "' + opaque + '",\n'
                   '    "access_token": "' + tok + '",\n    "api_key": "X-Api-Key",\n'
                   '    "password": "pass",\n  },\n')
    found = list(scan_text(broken_json))
    lines = broken_json.splitlines()
    assert found == [
        (4, lines[3].index(tok) + 1, "GitHub personal access token"),
        (3, lines[2].index('"' + opaque) + 1, "a credential under 'refresh_token'"),
    ]
    broken_yaml = ("id: u1\ncredentials:\n  client_secret: " + password + "  # rotated\n"
                   "  password: pass\n  token_type: bearer\nbad: [\n")
    assert list(scan_text(broken_yaml)) == [(3, 18, "a credential under 'client_secret'")]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_what_cannot_hold_a_secret_holds_none() -> None:
    """can_hold_secret is find_secrets's quick "no": never False where find_secrets finds one."""
    import random

    from terapi_lint.secrets.detectors import can_hold_secret, find_secrets
    from tests.unit.secret_fakes import all_specs

    texts = {text for spec in all_specs() for text in [*spec.secrets, *_strings(spec.records)]}
    rng = random.Random(5)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@+~!"
    texts |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(8, 60))) for _ in range(3000)}
    texts |= {f"conn-{n:08}" for n in range(50)} | {"https://u:hunter2-hunter2@db.example.com/x"}
    found = [text for text in texts if find_secrets(text)]
    assert len(found) > 50  # the fixtures' credentials are among them
    assert [text for text in found if not can_hold_secret(text)] == []
    assert not can_hold_secret("conn-00000042") and can_hold_secret("https://u:hunter2-hunter2@db.example.com/x")
