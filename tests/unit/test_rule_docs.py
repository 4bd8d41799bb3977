"""Each rule's page (docs/rules/<name>.md) is generated from its docstring and up to date, and
every output points to it by the same URL."""

from __future__ import annotations

import importlib.util
import io
import json

import pytest

from terapi_lint import rules
from terapi_lint.findings import Finding
from terapi_lint.reporters.text import format_finding, render
from terapi_lint.reporters.base import Report
from terapi_lint.ruledoc import markdown_to_text, rule_url
from tests.conftest import ROOT

PAGES = ROOT / "docs" / "rules"
_spec = importlib.util.spec_from_file_location("update_reference", ROOT / "scripts" / "update_reference.py")
update_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_reference)


def test_the_pages_are_up_to_date_and_there_is_one_per_rule():
    wanted = update_reference.rule_pages()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}
    stale = sorted(name for name in wanted if on_disk.get(name) != wanted[name])
    assert not stale, f"run python scripts/update_reference.py: {stale} out of date"
    assert sorted(on_disk) == sorted(wanted)


@pytest.mark.parametrize("rule", rules.ALL_RULES, ids=lambda r: r.NAME)
def test_each_page_has_a_bad_and_a_clean_example(rule):
    page = (PAGES / f"{rule.NAME}.md").read_text(encoding="utf-8")
    example = page.split("## Example", 1)[1].split("## Fix", 1)
    assert "```" in example[0], "the Example section shows what is reported"
    assert "```" in example[1], "the Fix section shows it clean"


def test_the_url_names_the_page_in_the_repository():
    assert rule_url("secret-key") == "https://github.com/terapi/terapi-lint/blob/main/docs/rules/secret-key.md"


def test_rule_command_prints_the_url(run_cli):
    result = run_cli("rule", "TL103")
    assert result.stdout.rstrip().endswith(rule_url("invalid-enum"))


def test_sarif_and_json_reports_give_the_url(run_cli):
    path = str(ROOT / "tests" / "fixtures" / "invalid" / "invalid-enum.json")
    sarif = json.loads(run_cli("check", "-f", "sarif", path).stdout)
    descriptors = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(d["helpUri"] == rule_url(d["id"]) for d in descriptors)
    report = json.loads(run_cli("check", "-f", "json", path).stdout)
    assert [f["url"] for f in report["findings"]] == [rule_url("invalid-enum")]


FINDING = Finding("a.json", 1, 2, "/x", "invalid-enum", "error", "bad")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_text_links_the_rule_name_only_on_a_terminal():
    link = f"\x1b]8;;{rule_url('invalid-enum')}\x1b\\invalid-enum\x1b]8;;\x1b\\"
    report = Report(findings=[FINDING], files=["a.json"], records=1)
    terminal, pipe = _Terminal(), io.StringIO()
    render(report, terminal)
    render(report, pipe)
    assert link in terminal.getvalue()
    assert "\x1b" not in pipe.getvalue()
    assert format_finding(FINDING) == "a.json:1:2: error invalid-enum /x: bad"


@pytest.mark.parametrize("markdown, text", [
    ("Run `terapi-lint rule secret-key` to see it.", "Run terapi-lint rule secret-key to see it."),
    ("keep ``type``, ``expires_at`` and `__doc__`", "keep type, expires_at and __doc__"),
    ("`a``b` then `x` and `y`", "a``b then x and y"),
    ("`` a ` b `` and **bold** [link](https://x)", "a ` b and bold link (https://x)"),
    ("`[not](a link)` and `**not bold**`", "[not](a link) and **not bold**"),
])
def test_plain_text_keeps_code_spans_verbatim(markdown, text):
    assert markdown_to_text(markdown) == text
