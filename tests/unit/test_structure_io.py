"""load_structure, render_schema, schema_diff and looks_like_structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from terapi_lint.structure import (
    StructureError,
    load_structure,
    looks_like_structure,
    render_schema,
    schema_diff,
)


def test_load_structure_reads_json(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"name": "x", "fields": []}', encoding="utf-8")
    assert load_structure(path) == {"name": "x", "fields": []}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"name": "x",\n  "fields": [}', "invalid JSON at line 2:14: Expecting value"),
        (b"", "invalid JSON at line 1:1: Expecting value"),
        (b'{"a": "\xff"}', "file is not UTF-8 text (byte 7)"),
    ],
)
def test_load_structure_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(StructureError) as info:
        load_structure(path)
    assert info.value.message == message and info.value.pointer == ""


def test_load_structure_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StructureError, match="cannot read file: No such file or directory"):
        load_structure(tmp_path / "nope.json")


def test_render_schema_is_stable_utf8_with_newline() -> None:
    text = render_schema({"b": "é", "a": [1]})
    assert text == '{\n  "b": "é",\n  "a": [\n    1\n  ]\n}\n'
    assert render_schema({"b": "é", "a": [1]}) == text


def test_schema_diff_short_and_capped() -> None:
    assert schema_diff("a\n", "a\n", "old", "new") == ""
    small = schema_diff("a\nb\n", "a\nc\n", "old", "new")
    assert small.splitlines() == ["--- old", "+++ new", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
    old = "".join(f"{i}\n" for i in range(200))
    new = "".join(f"{i * 2}\n" for i in range(200))
    capped = schema_diff(old, new, "old", "new").splitlines()
    assert len(capped) == 41 and capped[-1].startswith("... (") and capped[-1].endswith("more diff lines)")


def test_looks_like_structure() -> None:
    assert looks_like_structure({"fields": []})
    assert not looks_like_structure({"type": "object", "properties": {}})
    assert not looks_like_structure([])
