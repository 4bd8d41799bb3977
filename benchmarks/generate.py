#!/usr/bin/env python3
"""Generate synthetic Terapi connection dumps for benchmarks (stdlib only, deterministic).

Examples::

    python benchmarks/generate.py --records 100000 --shape array  --out benchmarks/data/array-100k.json
    python benchmarks/generate.py --records 1000000 --shape ndjson --out benchmarks/data/1m.ndjson
    python benchmarks/generate.py --records 1000 --shape files --out benchmarks/data/files-1k/

Shapes:

- ``array``   one JSON array of records, one record per line (an exported dump).
- ``pretty``  the same array pretty-printed with ``indent=2``, as ``jq .`` and most exporters write it.
- ``wrapper`` ``{"connections": [...]}``, the list-connections response body.
- ``oneline`` ``{"connections": [...]}`` on one line, as an API returns it.
- ``ndjson``  one compact record per line.
- ``yaml``    a block-style YAML sequence of mappings (strings that would resolve to another
              type, e.g. timestamps, are double-quoted, as ``yaml.safe_dump`` would do).
- ``files``   N small pretty-printed JSON files (one record each) in the folder ``--out``.

Output is streamed record by record: memory use does not grow with ``--records``.  An ``--out``
name ending in ``.gz`` is written gzip-compressed.

``--defect-rate`` is the probability that a record carries one planted defect; the defect kinds
are taken in turn (so every kind appears once there are enough defective records):
missing required field, bad enum (``OAuth2``), bad date-time, metadata as a string, a
fake-but-well-formed secret under metadata (GitHub ``ghp_`` with a valid checksum, Slack
``xoxb-``, AWS ``AKIA``), and a duplicate key.  The planted secrets are random, not real.

Two knobs make dumps that are *not* clean, as real exports often are (issue #12):
``--error-rate`` is the probability that a record's ``credentials.expires_at`` is ``null`` (an
error under the seed's structure), and ``--extra-members N`` adds N members the structure does not
define (``environment_id``, ``connection_config``, ...) to every record: N ``unknown-field``
warnings a record.  Both draw from their own random streams, so the records stay the same.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import string
import sys
import zlib
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator, TextIO

PROVIDERS = [
    "github", "gitlab", "bitbucket", "salesforce", "salesforce-sandbox", "hubspot", "slack",
    "stripe", "google", "google-drive", "google-calendar", "microsoft", "outlook", "notion",
    "jira", "confluence", "linear", "asana", "zendesk", "intercom", "shopify", "quickbooks",
    "xero", "dropbox", "box", "airtable", "figma", "discord", "twitter", "linkedin", "zoom",
    "pipedrive", "monday", "clickup", "freshdesk", "mailchimp", "twilio", "okta", "workday",
]
ENVS = ["prod", "production", "staging", "dev", "sandbox", "eu", "us", "test"]
CRED_TYPES = ["oauth2", "oauth2", "oauth2", "oauth2", "api_key", "api_key", "oauth1", "basic", "custom"]
COMPANIES = [
    "acme-corp", "globex", "initech", "umbrella", "hooli", "stark-industries", "wayne-enterprises",
    "wonka", "tyrell", "cyberdyne", "soylent", "vandelay", "pied-piper", "dunder-mifflin",
    "massive-dynamic", "aperture", "black-mesa", "oscorp", "gringotts", "monsters-inc",
]
FIRST = ["Ada", "Grace", "Linus", "Zoë", "Bjørn", "Amélie", "José", "Chen", "Priya", "Olu",
         "Fatima", "Mateo", "Yuki", "Sven", "Ngozi", "Ivan", "Aisha", "Liam", "Noor", "Kai"]
LAST = ["Lovelace", "Hopper", "Torvalds", "Müller", "García", "Nakamura", "Okafor", "Kowalski",
        "Singh", "O'Brien", "Dubois", "Rossi", "Kim", "Haddad", "Johansson", "Silva"]
SCOPES = {
    "github": ["repo", "read:org", "user:email", "workflow", "admin:repo_hook"],
    "slack": ["chat:write", "channels:read", "users:read", "im:history"],
    "google": ["openid", "email", "profile", "https://www.googleapis.com/auth/drive.readonly"],
    "salesforce": ["api", "refresh_token", "offline_access", "full"],
    "hubspot": ["crm.objects.contacts.read", "crm.objects.deals.write", "oauth"],
}
DEFAULT_SCOPES = ["read", "write", "offline_access", "profile", "email", "admin"]
PLANS = ["free", "starter", "team", "business", "enterprise"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
TIMEZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]

EXTRA_MEMBERS = ["environment_id", "connection_config", "sync_cursor", "last_fetched_at", "end_user"]

DEFECTS = [
    "missing_required", "bad_enum", "bad_datetime", "metadata_string",
    "secret_github", "duplicate_key", "secret_slack", "secret_aws",
]

EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


def _ts(dt: datetime, rng: random.Random) -> str:
    """RFC 3339 in the variants real dumps carry: Z, +00:00, fractional seconds."""
    r = rng.random()
    if r < 0.7:
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    if r < 0.9:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _b62(n: int, width: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def fake_github_token(rng: random.Random) -> str:
    """``ghp_`` + 30 random + 6-char base62 CRC32 of the random part: well-formed, not real."""
    body = "".join(rng.choice(ALNUM) for _ in range(30))
    return "ghp_" + body + _b62(zlib.crc32(body.encode()), 6)


def fake_slack_token(rng: random.Random) -> str:
    digits = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    tail = "".join(rng.choice(ALNUM) for _ in range(24))
    return f"xoxb-{digits(12)}-{digits(13)}-{tail}"


def fake_aws_key_id(rng: random.Random) -> str:
    return "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))


def make_record(i: int, rng: random.Random) -> dict[str, Any]:
    provider = rng.choice(PROVIDERS)
    company = rng.choice(COMPANIES)
    env = rng.choice(ENVS)
    created = EPOCH + timedelta(seconds=rng.randrange(0, 2 * 365 * 86400), microseconds=rng.randrange(1_000_000))
    updated = created + timedelta(seconds=rng.randrange(0, 120 * 86400))
    user_id = f"user-{rng.randrange(1, 10**7)}"
    metadata: dict[str, Any] = {"user_id": user_id, "tenant_id": f"{company}-{rng.randrange(1, 500)}"}
    if rng.random() < 0.8:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        metadata["display_name"] = f"{first} {last}"
        metadata["email"] = f"{first.lower()}.{last.lower()}@{company}.example".replace("'", "")
    if rng.random() < 0.6:
        pool = SCOPES.get(provider.split("-")[0], DEFAULT_SCOPES)
        metadata["scopes"] = rng.sample(pool, rng.randint(1, len(pool)))
    if rng.random() < 0.5:
        metadata["workspace"] = {
            "id": f"W{rng.randrange(10**8, 10**9)}",
            "plan": rng.choice(PLANS),
            "region": rng.choice(REGIONS),
            "seats": rng.randint(1, 5000),
        }
    if rng.random() < 0.3:
        metadata["settings"] = {
            "sync_enabled": rng.random() < 0.8,
            "sync_interval_minutes": rng.choice([5, 15, 30, 60, 1440]),
            "timezone": rng.choice(TIMEZONES),
            "webhook_url": None if rng.random() < 0.5 else f"https://hooks.{company}.example/terapi/{i}",
        }
    if rng.random() < 0.2:
        metadata["tags"] = rng.sample(["crm", "billing", "support", "eng", "sales", "beta", "vip"], 2)
    cred_type = rng.choice(CRED_TYPES)
    credentials: dict[str, Any] = {"type": cred_type}
    if cred_type in ("oauth2", "oauth1"):
        credentials["expires_at"] = _ts(updated + timedelta(hours=rng.choice([1, 2, 8, 24])), rng)
    rec: dict[str, Any] = {
        "id": f"conn-{i:08d}",
        "provider_config_key": f"{provider}-{env}",
        "provider": provider,
        "created_at": _ts(created, rng),
        "updated_at": _ts(updated, rng),
        "metadata": metadata,
        "credentials": credentials,
    }
    return rec


def plant(rec: dict[str, Any], kind: str, rng: random.Random) -> dict[str, Any] | None:
    """Apply a defect in place. Returns the extra key/value to duplicate for ``duplicate_key``."""
    if kind == "missing_required":
        del rec[rng.choice(["id", "provider_config_key", "provider"])]
    elif kind == "bad_enum":
        rec["credentials"]["type"] = rng.choice(["OAuth2", "oauth", "API_KEY", "bearer"])
    elif kind == "bad_datetime":
        field = rng.choice(["created_at", "updated_at"])
        rec[field] = rng.choice(["2026-13-01T10:00:00Z", "2026-02-30 10:00", "15/01/2026", "2026-01-15T25:00:00Z", "yesterday"])
    elif kind == "metadata_string":
        rec["metadata"] = json.dumps(rec["metadata"], ensure_ascii=False)
    elif kind == "secret_github":
        rec["metadata"]["github_token"] = fake_github_token(rng)
    elif kind == "secret_slack":
        rec["metadata"]["notes"] = "bot token " + fake_slack_token(rng) + " (rotate me)"
    elif kind == "secret_aws":
        rec["metadata"]["aws_access_key_id"] = fake_aws_key_id(rng)
    elif kind == "duplicate_key":
        return {"provider": rng.choice([p for p in PROVIDERS if p != rec["provider"]])}
    return None


def add_extras(rec: dict[str, Any], i: int, count: int) -> None:
    """Members real exports carry that the structure does not define (``unknown-field``)."""
    values = {
        "environment_id": f"env-{i % 97:03d}",
        "connection_config": {"base_url": "https://api.example.com", "timeout_s": 30},
        "sync_cursor": f"cursor-{i}",
        "last_fetched_at": rec["updated_at"],
        "end_user": {"id": f"eu-{i}", "email": f"user{i}@example.com"},
    }
    for name in EXTRA_MEMBERS[:count]:
        rec[name] = values[name]


def records(n: int, seed: int, defect_rate: float, error_rate: float = 0.0,
            extras: int = 0) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    rng = random.Random(seed)
    drng = random.Random(seed ^ 0x5EED)  # a separate stream: defects don't shift the data
    erng = random.Random(seed ^ 0xE880)  # and another for null expiry dates
    k = 0
    for i in range(n):
        rec = make_record(i, rng)
        dup = None
        if defect_rate > 0 and drng.random() < defect_rate:
            dup = plant(rec, DEFECTS[k % len(DEFECTS)], drng)
            k += 1
        if error_rate > 0 and erng.random() < error_rate and isinstance(rec.get("credentials"), dict):
            rec["credentials"]["expires_at"] = None
        if extras:
            add_extras(rec, i, extras)
        yield rec, dup


# ---------------------------------------------------------------------------- JSON writers

def _json_record(rec: dict[str, Any], dup: dict[str, Any] | None, indent: int | None = None) -> str:
    text = json.dumps(rec, ensure_ascii=False, indent=indent)
    if dup:
        # The same key twice in one object: json.dumps cannot write it, so splice it in first.
        (k, v), = dup.items()
        pair = json.dumps(k) + ": " + json.dumps(v, ensure_ascii=False) + ","
        if indent:
            text = "{\n" + " " * indent + pair + text[1:]
        else:
            text = "{" + pair + " " + text[1:]
    return text


def write_array(out: TextIO, gen: Iterator, wrapper: bool, between: str = ",\n") -> None:
    """One compact record after another: a line each (``between`` a newline), or all on one line."""
    out.write('{"connections": [' if wrapper else "[")
    out.write("\n" if "\n" in between else "")
    first = True
    for rec, dup in gen:
        if not first:
            out.write(between)
        out.write(_json_record(rec, dup))
        first = False
    out.write("\n" if "\n" in between else "")
    out.write("]}\n" if wrapper else "]\n")


def write_pretty(out: TextIO, gen: Iterator) -> None:
    """``json.dumps(records, indent=2)``, one record at a time."""
    out.write("[")
    first = True
    for rec, dup in gen:
        out.write("\n  " if first else ",\n  ")
        out.write(_json_record(rec, dup, indent=2).replace("\n", "\n  "))
        first = False
    out.write("\n]\n" if not first else "]\n")



def write_ndjson(out: TextIO, gen: Iterator) -> None:
    buf: list[str] = []
    for rec, dup in gen:
        buf.append(_json_record(rec, dup))
        if len(buf) >= 1000:
            out.write("\n".join(buf) + "\n")
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")


# ---------------------------------------------------------------------------- YAML writer

_YAML_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""}
_PLAIN_OK = set(string.ascii_letters + string.digits + "-_.@/ ")


def _yaml_scalar(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if (s.lower() not in _YAML_RESERVED and s[0].isalpha() and s[-1] != " "
            and all(c in _PLAIN_OK for c in s) and ": " not in s):
        return s
    return json.dumps(s, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _yaml_lines(obj: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = _yaml_scalar(k)
            if isinstance(v, dict) and v:
                yield f"{pad}{key}:"
                yield from _yaml_lines(v, indent + 2)
            elif isinstance(v, list) and v:
                yield f"{pad}{key}:"
                for item in v:
                    yield f"{pad}- {_yaml_scalar(item)}"
            elif isinstance(v, (dict, list)):
                yield f"{pad}{key}: {'{}' if isinstance(v, dict) else '[]'}"
            else:
                yield f"{pad}{key}: {_yaml_scalar(v)}"


def write_yaml(out: TextIO, gen: Iterator) -> None:
    out.write("# Terapi connections export\n")
    for rec, dup in gen:
        lines = list(_yaml_lines(rec, 2))
        if dup:
            (k, v), = dup.items()
            lines.insert(1, f"  {k}: {_yaml_scalar(v)}")
        lines[0] = "- " + lines[0][2:]
        out.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------- folder of files

def write_files(folder: str, gen: Iterator) -> None:
    os.makedirs(folder, exist_ok=True)
    for i, (rec, dup) in enumerate(gen):
        with open(os.path.join(folder, f"connection-{i:06d}.json"), "w", encoding="utf-8") as f:
            f.write(_json_record(rec, dup, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, required=True, help="number of records")
    p.add_argument("--shape", choices=["array", "pretty", "wrapper", "oneline", "ndjson", "yaml", "files"],
                   default="array")
    p.add_argument("--defect-rate", type=float, default=0.0001,
                   help="probability that a record carries one planted defect (default 0.0001)")
    p.add_argument("--error-rate", type=float, default=0.0,
                   help="probability that a record's credentials.expires_at is null, an error (default 0)")
    p.add_argument("--extra-members", type=int, default=0, choices=range(len(EXTRA_MEMBERS) + 1),
                   help="members the structure does not define, added to every record (default 0)")
    p.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    p.add_argument("--out", required=True, help="output file ('-' for stdout), or folder for --shape files")
    args = p.parse_args(argv)
    if args.records < 0:
        p.error("--records must be >= 0")
    if not 0.0 <= args.defect_rate <= 1.0 or not 0.0 <= args.error_rate <= 1.0:
        p.error("--defect-rate and --error-rate must be within [0, 1]")

    gen = records(args.records, args.seed, args.defect_rate, args.error_rate, args.extra_members)
    if args.shape == "files":
        if args.out == "-":
            p.error("--shape files needs a folder for --out")
        write_files(args.out, gen)
        return 0
    writers: dict[str, Callable[[TextIO, Iterator], None]] = {
        "array": lambda o, g: write_array(o, g, wrapper=False),
        "pretty": write_pretty,
        "wrapper": lambda o, g: write_array(o, g, wrapper=True),
        "oneline": lambda o, g: write_array(o, g, wrapper=True, between=", "),
        "ndjson": write_ndjson,
        "yaml": write_yaml,
    }
    if args.out == "-":
        writers[args.shape](sys.stdout, gen)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        tmp = args.out + ".tmp"
        if args.out.endswith(".gz"):
            # mtime 0 and no name in the header: the same records give the same bytes
            with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0, filename="") as z, \
                    io.TextIOWrapper(z, encoding="utf-8") as f:
                writers[args.shape](f, gen)
        else:
            with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
                writers[args.shape](f, gen)
        os.replace(tmp, args.out)  # a killed run never leaves a half-written dump to be reused
    return 0


if __name__ == "__main__":
    sys.exit(main())
