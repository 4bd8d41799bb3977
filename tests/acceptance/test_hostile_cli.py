"""Hostile input through the real command line: a finding or a clear message, never a traceback.

The loaders have their own bounded-time tests (tests/unit/test_hostile_inputs.py); these check that
nothing further down (schema validation, rules, reports) trips over what the loaders let through.
"""

from __future__ import annotations

import json
import os

import pytest

HEAD = '{"id": "a", "provider_config_key": "b", "provider": "c", "metadata": '


def _write(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


CASES = {
    "deep-object.json": (HEAD + '{"a": ' * 990 + "1" + "}" * 990 + "}", 0, None),
    "deep-array-metadata.json": (HEAD + "[" * 990 + "]" * 990 + "}", 1, "metadata-not-object"),
    "deep-array-metadata.yaml": (HEAD + "[" * 990 + "]" * 990 + "}", 1, "metadata-not-object"),
    "deep-array-metadata.ndjson": (HEAD + "[" * 990 + "]" * 990 + "}\n", 1, "metadata-not-object"),
    "deep-credentials.json": ('{"id": "a", "provider_config_key": "b", "provider": "c", "credentials": '
                              + '{"a": ' * 990 + "1" + "}" * 991, 0, None),
    "nesting-200k.json": (HEAD + "[" * 200_000 + "]" * 200_000 + "}", 1, "parse-error"),
    "nesting-200k.yaml": ("a: " + "[" * 200_000 + "]" * 200_000 + "\n", 1, "parse-error"),
    "nesting-200k.ndjson": (HEAD + "{" * 200_000 + "\n", 1, "parse-error"),
    "huge-int.json": (HEAD + '{"n": ' + "9" * 100_000 + "}}", 1, "parse-error"),
    "huge-string.json": (HEAD + '{"s": "' + "a" * 20_000_000 + '"}}', 0, None),
    "many-keys.json": (HEAD + "{" + ",".join(f'"k{i}": 1' for i in range(300_000)) + "}}", 0, None),
    "nan.json": ('{"id": NaN}', 1, "parse-error"),
    "infinity.ndjson": ('{"id": -Infinity}\n', 1, "parse-error"),
    "utf16.json": ('{"id": "a", "provider_config_key": "b", "provider": "c"}'.encode("utf-16"), 0, None),
    "utf8-bom.json": (b"\xef\xbb\xbf" + b'{"id": "a", "provider_config_key": "b", "provider": "c"}', 0, None),
    "invalid-utf8.json": (b'{"id": "a\xff", "provider_config_key": "b", "provider": "c"}', 1, "parse-error"),
    "binary.json": (bytes(range(256)) * 4, 1, "parse-error"),
    "empty.json": (b"", 1, "parse-error"),
    "blank.yaml": (b"  \n\n", 1, "parse-error"),
    "object-tag.yaml": ('id: !!python/object/apply:os.system ["echo pwned"]\n', 1, "parse-error"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(run_cli, tmp_path, name):
    data, exit_code, rule = CASES[name]
    path = _write(tmp_path / name, data)
    result = run_cli("check", "--format", "json", str(path))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == exit_code, result.stdout[-500:] + result.stderr
    findings = json.loads(result.stdout)["findings"]
    if rule is None:
        assert [f for f in findings if f["severity"] == "error"] == []
    else:
        assert rule in {f["rule"] for f in findings}


def test_alias_bomb(run_cli, tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = _write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    result = run_cli("check", "--format", "json", str(path))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "parse-error"


def test_odd_file_names_and_a_link_loop(run_cli, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    _write(folder / "name with spaces, and commas.json", '{"id": "a", "provider_config_key": "b", "provider": 7}')
    os.symlink(folder, folder / "loop")
    result = run_cli("check", "--format", "json", str(folder))
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["file"].endswith("name with spaces, and commas.json") and finding["rule"] == "wrong-type"
    text = run_cli("check", str(folder))
    assert "name with spaces, and commas.json:1:" in text.stdout


def test_a_directory_and_a_missing_file_among_good_ones(run_cli, tmp_path):
    good = _write(tmp_path / "good.json", '{"id": "a", "provider_config_key": "b", "provider": "c"}')
    result = run_cli("check", str(tmp_path / "missing.json"), str(good))
    assert result.exit_code == 2 and "missing.json: no such file or folder" in result.stderr
    assert "No findings in 1 file (1 record); 1 path could not be checked." in result.stdout
