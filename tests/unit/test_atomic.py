"""One way to replace a file whole: the report (-o), a fixed file, a baseline."""

from __future__ import annotations

import os
import stat

import pytest

from terapi_lint.atomic import AtomicFile
from terapi_lint.output import OutputError, ReportFile


def test_the_target_changes_only_at_commit_and_keeps_its_mode(tmp_path):
    target = tmp_path / "dump.ndjson"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    out = AtomicFile(str(target))
    out.write(b"new\n")
    assert target.read_bytes() == b"old\n"
    out.commit()
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["dump.ndjson"]


def test_a_new_file_gets_the_umask_mode_not_the_private_temp_mode(tmp_path):
    old = os.umask(0o022)
    try:
        out = AtomicFile(str(tmp_path / "baseline.json"), text=True)
        out.write("{}\n")
        out.commit()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "baseline.json").stat().st_mode) == 0o644


def test_discard_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("{}")
    out = AtomicFile(str(target))
    out.write(b"[]")
    out.discard()
    assert target.read_text() == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    (tmp_path / "real.sarif").write_text("old")
    (tmp_path / "link.sarif").symlink_to("real.sarif")
    report = ReportFile(str(tmp_path / "link.sarif"))
    report.write("new")
    report.commit()
    assert (tmp_path / "link.sarif").is_symlink()
    assert (tmp_path / "real.sarif").read_text() == "new"


def test_a_report_into_a_missing_folder_fails_before_the_run_with_the_name_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match=r"cannot write the report to nowhere/r.json: folder nowhere does not exist"):
        ReportFile("nowhere/r.json")
