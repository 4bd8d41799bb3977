"""`terapi-lint check --fix` / `--diff` / `--fix-only`: exact bytes, nothing else touched.

Every fixable fixture has its fixed form in ``tests/fixtures/fixed/`` (a golden file): fixing a
copy must give exactly those bytes, a second ``--fix`` must change nothing, and every other
invalid fixture must come out untouched byte for byte.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import FIXTURES

GOLDEN = sorted(p.name for p in (FIXTURES / "fixed").iterdir())
UNFIXABLE = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.name not in GOLDEN)
FIXED_RULES = ("invalid-enum", "invalid-date-time", "metadata-not-object", "wrong-type")


def _copy(tmp_path, name):
    target = tmp_path / name
    shutil.copyfile(FIXTURES / "invalid" / name, target)
    return target


@pytest.mark.parametrize("name", GOLDEN)
def test_fix_gives_the_golden_bytes_and_a_second_fix_changes_nothing(run_cli, tmp_path, name):
    target = _copy(tmp_path, name)
    run_cli("check", "--fix", str(target))
    assert target.read_bytes() == (FIXTURES / "fixed" / name).read_bytes()
    before = os.stat(target)
    result = run_cli("check", "--fix", str(target))
    assert "fixed 0 findings in 0 files" in result.stderr
    after = os.stat(target)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_files_give_no_finding_a_fix_could_remove(run_cli, name):
    result = run_cli("check", "-f", "json", str(FIXTURES / "fixed" / name))
    import json

    left = [(f["rule"], f["pointer"]) for f in json.loads(result.stdout)["findings"]]
    invalid = run_cli("check", "-f", "json", str(FIXTURES / "invalid" / name))
    before = [(f["rule"], f["pointer"]) for f in json.loads(invalid.stdout)["findings"]]
    assert len(left) < len(before)
    assert set(left) <= set(before)  # a fix never adds a finding


@pytest.mark.parametrize("name", UNFIXABLE)
def test_an_unfixable_file_is_untouched_byte_for_byte(run_cli, tmp_path, name):
    target = _copy(tmp_path, name)
    before = os.stat(target)
    run_cli("check", "--fix", str(target))
    assert target.read_bytes() == (FIXTURES / "invalid" / name).read_bytes()
    assert os.stat(target).st_mtime_ns == before.st_mtime_ns


def test_yaml_comments_and_key_order_survive(run_cli, tmp_path):
    target = _copy(tmp_path, "metadata-not-object.yaml")
    run_cli("check", "--fix", str(target))
    text = target.read_text()
    assert "# A connection whose metadata was serialised twice" in text
    assert "id: user-1  # the end user's id\n" in text
    assert "created_at: 2026-01-15T10:00:00Z  # kept as written\n" in text
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == ["id", "provider_config_key", "provider", "metadata", "created_at"]


def test_the_report_after_fix_shows_what_is_left(run_cli, tmp_path):
    target = _copy(tmp_path, "invalid-enum-case.ndjson")
    result = run_cli("check", "--fix", str(target))
    assert result.exit_code == 1
    assert "fixed 2 findings in 1 file" in result.stderr
    findings = [line for line in result.stdout.splitlines() if line.startswith(str(target))]
    assert [line.split(" ")[2] for line in findings] == ["invalid-enum"]
    assert "'oauth3'" in result.stdout


def test_diff_prints_the_change_and_writes_nothing(run_cli, tmp_path):
    target = _copy(tmp_path, "invalid-enum.json")
    result = run_cli("check", "--diff", str(target))
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- {target}\n+++ {target}\n@@ -2,5 +2,5 @@\n"
        '   "id": "user-1",\n   "provider_config_key": "github-prod",\n   "provider": "github",\n'
        '-  "credentials": {"type": "OAuth2"}\n+  "credentials": {"type": "oauth2"}\n }\n'
    )
    assert "would fix 1 finding in 1 file" in result.stderr
    assert target.read_bytes() == (FIXTURES / "invalid" / "invalid-enum.json").read_bytes()
    clean = run_cli("check", "--diff", str(FIXTURES / "valid" / "connection.json"))
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_fix_only_restricts_the_rules_that_fix(run_cli, tmp_path):
    target = _copy(tmp_path, "wrong-type-yaml-number.yaml")
    run_cli("check", "--fix-only", "invalid-enum", str(target))
    text = target.read_text()
    assert "type: oauth2   # and a case slip" in text
    assert "id: 0123\n" in text and "expires_at: 2026-05-04 08:00:00z" in text


def test_select_restricts_the_rules_that_fix(run_cli, tmp_path):
    target = _copy(tmp_path, "wrong-type-yaml-number.yaml")
    run_cli("check", "--fix", "--select", "invalid-date-time", str(target))
    text = target.read_text()
    assert 'expires_at: "2026-05-04T08:00:00Z"' in text and "type: OAuth2" in text


def test_fix_keeps_the_file_mode_and_follows_a_symbolic_link(run_cli, tmp_path):
    target = _copy(tmp_path, "invalid-enum.json")
    os.chmod(target, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    run_cli("check", "--fix", str(link))
    assert link.is_symlink()
    assert target.read_bytes() == (FIXTURES / "fixed" / "invalid-enum.json").read_bytes()
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


SECRET = "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"
PASSWORD = "Winter2026!681"


def test_a_secret_is_never_fixed_nor_shown(run_cli, tmp_path):
    target = tmp_path / "dump.ndjson"
    inner = '{\\"tenant_id\\": \\"acme\\", \\"password\\": \\"' + PASSWORD + '\\"}'
    target.write_text(
        '{"id": "user-1", "provider_config_key": "k", "provider": "github", "credentials": {"type": "OAuth2"},'
        f' "metadata": {{"note": "{SECRET}"}}}}\n'
        f'{{"id": "user-2", "provider_config_key": "k", "provider": "github", "metadata": "{inner}"}}\n'
    )
    result = run_cli("check", "--diff", str(target))
    assert SECRET not in result.stdout + result.stderr and PASSWORD not in result.stdout + result.stderr
    assert "<a line that holds a secret: not shown>" in result.stdout
    assert "/metadata not fixed: the fixed value would show a secret" in result.stderr
    result = run_cli("check", "--fix", str(target))
    assert SECRET not in result.stdout + result.stderr
    lines = target.read_text().splitlines()
    assert '"type": "oauth2"' in lines[0] and f'"note": "{SECRET}"' in lines[0]
    assert lines[1].endswith(f'"metadata": "{inner}"}}')


def test_stdin_and_compressed_files_are_said_not_fixed(run_cli, tmp_path):
    import gzip

    packed = tmp_path / "dump.ndjson.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "invalid" / "invalid-enum-case.ndjson").read_bytes()))
    result = run_cli("check", "--fix", str(packed), "-", input=b"{}")
    assert "dump.ndjson.gz: not fixed: compressed files are not fixed" in result.stderr
    assert "stdin is not fixed" in result.stderr


def test_a_dump_is_fixed_item_by_item_across_read_blocks(tmp_path, monkeypatch):
    """A top-level array is read in blocks (here 7 bytes): items cut by a block still come out whole."""
    from terapi_lint.config import Settings
    from terapi_lint.fixes import engine
    from terapi_lint.linter import Pipeline

    monkeypatch.setattr(engine, "_BLOCK", 7)
    target = _copy(tmp_path, "invalid-enum-dump-case.json")
    result = engine.Fixer(Pipeline(Settings())).fix_file(str(target), "dump.json")
    assert [(f.line, f.pointer) for f in result.applied] == [(3, "/0/credentials/type")]
    assert target.read_bytes() == (FIXTURES / "fixed" / "invalid-enum-dump-case.json").read_bytes()


def test_no_line_of_a_multi_line_secret_is_shown(run_cli, tmp_path):
    target = tmp_path / "conn.yaml"
    target.write_text("id: user-1\nprovider_config_key: k\nprovider: github\ncredentials:\n  type: OAuth2\n"
                      "  password: |\n    Winter2026!681-first-half\n    second-half-Winter2026!681\n")
    result = run_cli("check", "--diff", str(target))
    assert "+  type: oauth2" in result.stdout
    assert "Winter2026" not in result.stdout + result.stderr
    assert result.stdout.count("<a line that holds a secret: not shown>") == 2


def test_a_wrapped_dump_is_fixed_item_by_item_and_its_diff_has_whole_lines(run_cli, tmp_path):
    target = tmp_path / "export.json"
    before = ('{"connections": [\n'
              '  {"id": "user-1", "provider_config_key": "k", "provider": "p", "credentials": {"type": "OAuth2"}},\n'
              '  {"id": "user-2", "provider_config_key": "k", "provider": "p"}\n'
              '], "next_cursor": null}\n')
    target.write_text(before)
    result = run_cli("check", "--diff", str(target))
    removed = [line[1:] for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed == [before.splitlines()[1]]
    assert added == [before.splitlines()[1].replace("OAuth2", "oauth2")]
    assert "\n@@ -2,3 +2,3 @@\n" in result.stdout
    result = run_cli("check", "--fix", str(target))
    assert "fixed 1 finding in 1 file" in result.stderr
    assert target.read_text() == before.replace("OAuth2", "oauth2")


def test_a_finding_an_inline_comment_hides_is_not_fixed(run_cli, tmp_path):
    target = tmp_path / "conn.yaml"
    target.write_text("id: user-1\nprovider_config_key: k\nprovider: github\ncredentials:\n"
                      "  type: OAuth2  # terapi-lint: disable=invalid-enum\n"
                      "  expires_at: 2026-05-04 08:00:00Z\n")
    run_cli("check", "--fix", str(target))
    assert target.read_text().endswith('  type: OAuth2  # terapi-lint: disable=invalid-enum\n'
                                       '  expires_at: "2026-05-04T08:00:00Z"\n')
