"""Throughput of secret-key + secret-value together on generated realistic records.

    python benchmarks/bench_secrets.py [N] [--unique]

Records look like real connection exports: ids, provider keys, timestamps, a handful of metadata
members (tenant ids, emails, URLs, display names, scopes, a cursor, a note), status-only
credentials; about 1% carry a planted secret.
"""

from __future__ import annotations

import random
import sys
import time

from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "src")]

from tests.unit.secret_fakes import Fakes  # noqa: E402

from terapi_lint.loaders.base import Record  # noqa: E402
from terapi_lint.rules import secret_key, secret_value  # noqa: E402
from terapi_lint.rules.base import RuleContext  # noqa: E402
from terapi_lint.secrets import clear_caches  # noqa: E402
from terapi_lint.secrets.keys import tokenize  # noqa: E402

PROVIDERS = ["github", "salesforce", "slack", "hubspot", "stripe", "zoom", "google", "notion", "jira", "shopify"]


def make_records(n: int, seed: int = 1, unique: bool = False) -> list[dict]:
    r = random.Random(seed)
    f = Fakes(seed)
    out = []
    for i in range(n):
        p = r.choice(PROVIDERS)
        rec = {
            "id": f"user-{i}",
            "provider_config_key": f"{p}-prod",
            "provider": p,
            "created_at": "2026-01-15T10:00:00Z",
            "updated_at": "2026-05-03T08:%02d:00Z" % (i % 60),
            **({"created_at": "2026-%02d-%02dT%02d:%02d:%02dZ" % (1 + i % 12, 1 + i % 28, i % 24, i % 60, i // 60 % 60)}
               if unique else {}),
            "metadata": {
                "user_id": f"user-{i}",
                "tenant_id": r.choice(["acme-corp", "globex", "initech", "umbrella"]),
                "display_name": r.choice(["Jane Doe", "Sam Lee", "Ops bot", "Integration (prod)"]),
                "email": f"user{i}@example.com",
                "account_id": f.uuid(),
                "instance_url": f"https://{p}.example.com/api/v2",
                "scopes": ["read", "write", "admin:org"],
                "next_cursor": f.url64(24),
            },
            "credentials": {"type": r.choice(["oauth2", "api_key", "basic"]), "expires_at": "2026-05-04T08:00:00Z"},
        }
        if i % 4 == 0:
            rec["metadata"]["note"] = "Connected by the onboarding flow; token refreshes hourly, see runbook." + (
                f" Ticket OPS-{i}." if unique else "")
        if unique:
            rec["metadata"]["instance_url"] += f"/tenants/{i}"
            rec["credentials"]["expires_at"] = rec["created_at"]
        if i % 100 == 0:
            rec["credentials"]["refresh_token"] = f.uuid()
        if i % 100 == 50:
            rec["metadata"]["note"] = f"new key {f.github('ghp')}"
        out.append(rec)
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    unique = "--unique" in sys.argv  # every long string distinct: the string caches never hit
    n = int(args[0]) if args else 100_000
    records = [Record(value=v) for v in make_records(n, unique=unique)]
    best = float("inf")
    for _ in range(3):
        ctx = RuleContext(schema={})
        tokenize.cache_clear()
        clear_caches()
        t0 = time.process_time()
        found = 0
        for rec in records:
            for rule in (secret_key, secret_value):
                for _p in rule.check(rec, ctx):
                    found += 1
        best = min(best, time.process_time() - t0)
    label = "all strings unique" if unique else "realistic repeats"
    print(f"{n} records ({label}), {found} findings, best {best:.3f}s -> {n / best:,.0f} records/s (both rules)")


if __name__ == "__main__":
    main()
