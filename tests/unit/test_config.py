import types
from pathlib import Path

import pytest

from terapi_lint.config import (
    AllowEntry,
    Allowlist,
    Config,
    ConfigError,
    Selection,
    Settings,
    find_config,
    layered,
    load_config,
    match_path,
    severity_override,
)
from terapi_lint.config.selection import closest, known_selectors
from terapi_lint.config.table import read_table
from terapi_lint.suppression import RecordRef


def rule(code, name):
    return types.SimpleNamespace(CODE=code, NAME=name, SEVERITY="error")


RULES = [
    rule("TL001", "parse-error"),
    rule("TL201", "secret-key"),
    rule("TL202", "secret-value"),
    rule("TL301", "date-time"),
]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL = """
[project]
name = "x"

[tool.terapi-lint]
select = ["TL2", "date-time"]
ignore = ["TL202"]
severity = { date-time = "warning", TL2 = "off" }
fail-on = "warning"
strict = true
schema = "schemas/connection.schema.json"
records = "/connections"
include = ["data/**/*.json"]
exclude = ["data/legacy/*"]
jobs = 4
format = "sarif"
per-file-ignores = { "fixtures/*.json" = ["secret-key"] }

[[tool.terapi-lint.allowlist]]
path = "data/dump.json"
pointer = "/*/metadata/legacy_key"
rule = "secret-key"
reason = "rotated; kept for the audit"
"""


# ---------------------------------------------------------------------------------------------
# Discovery and loading


def test_full_table(tmp_path):
    write(tmp_path / "pyproject.toml", FULL)
    cfg = load_config(cwd=tmp_path, rules=RULES)
    assert cfg.values == {
        "select": ("TL2", "date-time"),
        "ignore": ("TL202",),
        "severity": {"date-time": "warning", "TL2": "off"},
        "fail_on": "warning",
        "strict": True,
        "schema": str(tmp_path.resolve() / "schemas/connection.schema.json"),
        "records": ("connections",),
        "include": ("data/**/*.json",),
        "exclude": ("data/legacy/*",),
        "jobs": 4,
        "format": "sarif",
        "per_file_ignores": {"fixtures/*.json": ("secret-key",)},
        "allowlist": (
            AllowEntry(
                "data/dump.json", "/*/metadata/legacy_key", "secret-key", "rotated; kept for the audit"
            ),
        ),
    }
    # The entry knows where it is written: its pointer in the file, its line and column.
    assert cfg.values["allowlist"][0].at == ("/tool/terapi-lint/allowlist/0", 19, 1)
    assert cfg.source == tmp_path.resolve() / "pyproject.toml"
    assert cfg.root == tmp_path.resolve()


def test_nothing_set_means_none(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.terapi-lint]\n")
    cfg = load_config(cwd=tmp_path)
    assert cfg.values == {}
    assert layered(cfg, {}) == Settings(config_file=str(tmp_path.resolve() / "pyproject.toml"))


def test_discovery_walks_up_to_the_first_file_with_the_table(tmp_path):
    (tmp_path / ".git").mkdir()
    top = write(tmp_path / "pyproject.toml", "[tool.terapi-lint]\nstrict = true\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'no-table'\n")
    deep = tmp_path / "pkg" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == top.resolve()
    assert load_config(cwd=deep).values["strict"] is True
    # A nearer file with the table wins.
    near = write(tmp_path / "pkg" / "a" / "pyproject.toml", "[tool.terapi-lint]\nstrict = false\n")
    assert find_config(deep) == near.resolve()
    assert load_config(cwd=deep).values["strict"] is False
    # .terapi-lint.toml beats pyproject.toml in the same folder.
    dot = write(tmp_path / "pkg" / "a" / ".terapi-lint.toml", "jobs = 2\n")
    assert find_config(deep) == dot.resolve()
    assert load_config(cwd=deep).values["jobs"] == 2


def test_discovery_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.terapi-lint]\nstrict = true\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert find_config(repo / "sub") is None
    assert load_config(cwd=repo / "sub") == Config()


def test_no_config_anywhere(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[tool.black]\nline-length = 99\n")
    assert find_config(tmp_path) is None
    assert load_config(cwd=tmp_path) == Config()


def test_explicit_config_both_shapes(tmp_path):
    py = write(tmp_path / "cfg" / "pyproject.toml", '[tool.terapi-lint]\nschema = "s.json"\n')
    dot = write(tmp_path / "cfg" / "lint.toml", 'schema = "../other/s.json"\nfail_on = "info"\n')
    assert load_config(py).values["schema"] == str((tmp_path / "cfg" / "s.json").resolve())
    cfg = load_config(dot)
    assert cfg.values["schema"] == str((tmp_path / "cfg").resolve() / "../other/s.json")
    assert cfg.values["fail_on"] == "info"
    # Relative --config is taken against cwd.
    assert load_config("cfg/lint.toml", cwd=tmp_path).values["fail_on"] == "info"


def test_explicit_pyproject_without_table(tmp_path):
    py = write(tmp_path / "pyproject.toml", "[tool.black]\n")
    with pytest.raises(ConfigError, match=r"no \[tool.terapi-lint\] table"):
        load_config(py)


def test_explicit_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_bad_toml_is_a_clear_error_without_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "pyproject.toml",
        '[tool.terapi-lint]\nselect = ["TL2"\ntoken = "hunter2-secret"\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config()
    message = str(info.value)
    assert message.startswith("pyproject.toml: invalid TOML: ")
    assert "line" in message
    assert "hunter2" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_non_utf8(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b'format = "\xff"\n')
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(path)


def test_unknown_key_names_key_and_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.terapi-lint]\nselct = ["TL2"]\n')
    with pytest.raises(ConfigError) as info:
        load_config()
    assert (
        str(info.value)
        == "pyproject.toml: [tool.terapi-lint] unknown key 'selct' (did you mean 'select'?)"
    )


def test_snake_case_accepted_but_not_twice():
    assert read_table({"fail_on": "error", "per_file_ignores": {"a": ["TL2"]}})["fail_on"] == "error"
    with pytest.raises(ConfigError, match="given twice"):
        read_table({"fail_on": "error", "fail-on": "info"})


ENTRY = {"path": "a", "pointer": "/x", "rule": "secret-key", "reason": "r"}


@pytest.mark.parametrize(
    "table, fragment",
    [
        ({"select": "TL2,TL3"}, "'select': 'TL2,TL3' is neither"),
        ({"select": [1]}, "'select' must be a list"),
        ({"ignore": ["tl2"]}, "codes are upper case (did you mean 'TL2'?)"),
        ({"ignore": ["Secret_Key"]}, "neither a rule name nor a code prefix"),
        (
            {"severity": {"date-time": "fatal"}},
            "'severity.date-time' must be one of info, warning, error, off",
        ),
        ({"severity": "error"}, "'severity' must be a table"),
        ({"fail-on": "critical"}, "'fail-on' must be one of info, warning, error"),
        ({"strict": "yes"}, "'strict' must be true or false"),
        ({"schema": 3}, "'schema' must be a path"),
        ({"records": "connections"}, "'records' must be a JSON Pointer"),
        ({"include": [""]}, "'include' must be a list of globs"),
        ({"per-file-ignores": ["a"]}, "'per-file-ignores' must be a table"),
        ({"per-file-ignores": {"*.json": [3]}}, "'per-file-ignores.\"*.json\"' must be a list"),
        ({"jobs": 0}, "'jobs' must be an integer >= 1"),
        ({"jobs": True}, "'jobs' must be an integer >= 1"),
        ({"jobs": 1.5}, "'jobs' must be an integer >= 1"),
        ({"format": "xml"}, "'format' must be one of text, json, sarif, github, junit"),
        ({"allowlist": {"path": "a"}}, "'allowlist' must be an array of tables"),
        (
            {"allowlist": [{"path": "a", "pointer": "/x", "rule": "secret-key"}]},
            "'allowlist[0]' is missing 'reason'",
        ),
        (
            {"allowlist": [{"path": "a", "pointer": "/x", "rule": "secret-key", "reason": "  "}]},
            "'allowlist[0]' needs a non-empty 'reason'",
        ),
        (
            {"allowlist": [{"path": "a", "pointer": "x", "rule": "secret-key", "reason": "r"}]},
            "'allowlist[0]' 'pointer' must be a JSON Pointer",
        ),
        (
            {
                "allowlist": [
                    {"path": "a", "pointer": "", "rule": "secret-key", "reason": "r", "until": "x"}
                ]
            },
            "'allowlist[0]' has unknown key 'until'",
        ),
        ({"records": 3}, "'records' must be JSON Pointer (`\"\"` or starting with `/`), or table of glob = pointer"),
        ({"records": {"a/*.json": "x"}}, "'records.\"a/*.json\"' must be a JSON Pointer"),
        ({"allowlist": [{**ENTRY, "record": -1}]}, "'allowlist[0]' 'record' must be the record's 0-based number"),
        ({"allowlist": [{**ENTRY, "line": 0}]}, "'allowlist[0]' 'line' must be the line the record starts on"),
        ({"allowlist": [{**ENTRY, "id": True}]}, "'allowlist[0]' 'id' must be the record's id"),
        ({"allowlist": [{**ENTRY, "records": "some"}]}, "'allowlist[0]' 'records' can only be \"all\""),
        ({"allowlist": [{**ENTRY, "record": 1, "id": "u"}]}, "'allowlist[0]' gives both 'record' and 'id'"),
    ],
)
def test_bad_values(table, fragment):
    with pytest.raises(ConfigError) as info:
        read_table(table, where="pyproject.toml: [tool.terapi-lint]")
    assert str(info.value).startswith("pyproject.toml: [tool.terapi-lint] ")
    assert fragment in str(info.value)


def test_rule_names_checked_against_registry():
    assert read_table({"select": ["TL", "TL2", "TL20", "TL201", "secret-key"]}, rules=RULES)["select"]
    with pytest.raises(
        ConfigError, match=r"no rule matches 'secret-keys' \(did you mean 'secret-key'\?\)"
    ):
        read_table({"ignore": ["secret-keys"]}, rules=RULES)
    with pytest.raises(ConfigError, match="no rule matches 'TL9'"):
        read_table({"select": ["TL9"]}, rules=RULES)
    with pytest.raises(ConfigError, match="no rule matches 'TL2'"):
        # An allowlist entry names one rule exactly, never a prefix.
        read_table(
            {"allowlist": [{"path": "a", "pointer": "", "rule": "TL2", "reason": "r"}]}, rules=RULES
        )
    # Without the registry only the shape is checked.
    assert read_table({"ignore": ["secret-keys"]})["ignore"] == ("secret-keys",)


# ---------------------------------------------------------------------------------------------
# Layering: defaults < config file < flags


def test_layering_defaults_then_config_then_flags(tmp_path):
    write(tmp_path / "pyproject.toml", FULL)
    cfg = load_config(cwd=tmp_path)
    settings = layered(cfg, {"fail_on": "info", "select": ("TL3",)})
    assert settings.fail_on == "info" and settings.select == ("TL3",)  # flags win
    assert settings.strict is True and settings.jobs == 4 and settings.format == "sarif"  # config
    assert settings.quiet is False and settings.output is None  # defaults
    assert settings.config_file == str(tmp_path.resolve() / "pyproject.toml")
    assert settings.root == str(tmp_path.resolve())
    # Excludes from the file are matched from its folder; excludes from a flag from the cwd.
    assert settings.exclude_root == str(tmp_path.resolve())
    assert layered(cfg, {"exclude": ("x",)}).exclude_root is None
    assert layered(Config(), {}) == Settings()


# ---------------------------------------------------------------------------------------------
# Selection


def test_selection_defaults_to_everything():
    sel = Selection()
    assert sel.enabled("secret-key", "TL201")
    assert sel.enabled("anything", "")


def test_prefix_select_and_ignore_longest_wins():
    sel = Selection(select=["TL2"], ignore=["TL202"])
    assert sel.enabled("secret-key", "TL201")
    assert not sel.enabled("secret-value", "TL202")
    assert not sel.enabled("date-time", "TL301")
    # A longer select beats a shorter ignore.
    sel = Selection(select=["TL201"], ignore=["TL2"])
    assert sel.enabled("secret-key", "TL201")
    assert not sel.enabled("secret-value", "TL202")
    # A tie goes to ignore; an exact name beats any prefix.
    assert not Selection(select=["TL2"], ignore=["TL2"]).enabled("secret-key", "TL201")
    assert Selection(select=["secret-key"], ignore=["TL201"]).enabled("secret-key", "TL201")
    assert not Selection(select=["TL201"], ignore=["secret-key"]).enabled("secret-key", "TL201")
    # Ignore only.
    sel = Selection(ignore=["TL3", "secret-value"])
    assert sel.enabled("secret-key", "TL201")
    assert not sel.enabled("secret-value", "TL202")
    assert not sel.enabled("date-time", "TL301")
    # Empty select selects nothing.
    assert not Selection(select=[]).enabled("secret-key", "TL201")


def test_names_are_not_prefixes():
    sel = Selection(select=["secret"])
    assert not sel.enabled("secret-key", "TL201")


def test_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sel = Selection(
        select=["TL201"],
        per_file_ignores={"fixtures/*.json": ["TL2"], "legacy.yaml": ["date-time"]},
        root=tmp_path,
    )
    assert sel.enabled("secret-key", "TL201", "data/a.json")
    assert not sel.enabled("secret-key", "TL201", "fixtures/a.json")
    assert not sel.enabled("secret-key", "TL201", str(tmp_path / "fixtures" / "b.json"))
    assert sel.enabled("secret-key", "TL201", "deep/down/legacy.yaml")
    sel2 = Selection(per_file_ignores={"legacy.yaml": ["date-time"]}, root=tmp_path)
    assert not sel2.enabled("date-time", "TL301", "deep/down/legacy.yaml")
    assert sel2.enabled("date-time", "TL301", "deep/down/other.yaml")
    assert sel2.enabled("date-time", "TL301")  # no file: global decision only


def test_per_file_globs_relative_to_config_folder(tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    config_file = str(tmp_path / "pyproject.toml")
    sel = Settings(per_file_ignores={"sub/fixtures/*": ("secret-key",)}, config_file=config_file).selection
    assert not sel.enabled("secret-key", "TL201", "fixtures/x.json")  # cwd is sub/
    assert sel.enabled("secret-key", "TL201", "x.json")
    assert not Settings(select=("TL3",)).selection.enabled("secret-key", "TL201")


def test_severity_override():
    sev = {"TL2": "warning", "secret-key": "off", "TL": "info"}
    assert severity_override(sev, "secret-key", "TL201") == "off"
    assert severity_override(sev, "secret-value", "TL202") == "warning"
    assert severity_override(sev, "date-time", "TL301") == "info"
    assert severity_override({}, "date-time", "TL301") is None
    assert severity_override(None, "date-time", "TL301") is None
    # Keys that name other rules say nothing about this one, wherever they stand.
    assert severity_override({"secret-key": "off", "TL2": "warning"}, "date-time", "TL301") is None
    assert severity_override({"secret-key": "off", "TL3": "warning"}, "date-time", "TL301") == "warning"


def test_per_file_ignores_name_the_glob_that_turned_a_rule_off(tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    sel = Selection(per_file_ignores={"sub/fixtures/*": ["secret-key"], "legacy/*": ["TL3"]}, root=tmp_path)
    assert sel.ignored_by("secret-key", "TL201", "fixtures/x.json") == "sub/fixtures/*"  # globs from root
    assert sel.ignored_by("secret-key", "TL201", "other/x.json") is None    # the rule, not the file
    assert sel.ignored_by("secret-value", "TL202", "fixtures/x.json") is None  # the file, not the rule
    assert sel.ignored_by("date-time", "TL301", str(tmp_path / "legacy" / "a.yaml")) == "legacy/*"  # by code
    assert sel.ignored_by("date-time", "", str(tmp_path / "legacy" / "a.yaml")) is None


def test_known_selectors_are_every_name_and_code():
    assert known_selectors(RULES) == {"parse-error", "TL001", "secret-key", "TL201", "secret-value", "TL202",
                                      "date-time", "TL301"}
    assert known_selectors([types.SimpleNamespace(NAME="no-code")]) == {"no-code"}
    assert known_selectors(None) is None


def test_a_close_name_is_suggested_and_nothing_else():
    assert closest("secret-kye", ["secret-key", "secret-value"]) == " (did you mean 'secret-key'?)"
    assert closest("zzz", ["secret-key", "secret-value"]) == ""


# ---------------------------------------------------------------------------------------------
# Paths and allowlist


def test_match_path():
    assert match_path("data/*.json", "data/a.json")
    assert match_path("data/*.json", "./data/a.json")
    assert match_path("data/**/*.json", "data/a.json")
    assert match_path("data/**/*.json", "data/x/y/a.json")
    assert match_path("*.ndjson", "deep/dir/a.ndjson")
    assert not match_path("data/*.json", "other/a.json")
    assert not match_path("a.json", "data/b.json")


def test_allowlist_matches_by_rule_path_pointer_and_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    entries = [
        AllowEntry("data/dump.json", "/*/metadata/legacy_key", "secret-key", "audit"),
        AllowEntry("data/*.yaml", "/credentials/token", "TL201", "test fixture"),
        AllowEntry("big.ndjson", "/credentials/access_token", "secret-key", "demo", record=12),
        AllowEntry("big.ndjson", "/credentials/refresh_token", "secret-key", "demo", line=4),
        AllowEntry("big.ndjson", "/credentials/password", "secret-key", "demo", id="user-7"),
    ]
    allow = Allowlist(entries, root=tmp_path)
    assert allow.matches("data/dump.json", "/17/metadata/legacy_key", "secret-key")
    assert not allow.matches("data/dump.json", "/17/metadata/other", "secret-key")
    assert not allow.matches("data/dump.json", "/17/metadata/legacy_key", "secret-value")
    assert not allow.matches("data/a.yaml", "/credentials/token", "secret-key")  # code not given
    assert allow.match("data/a.yaml", "/credentials/token", "secret-key", "TL201") == 1
    assert not allow.matches("data/a.yaml", "/credentials/token/x", "secret-key", "TL201")
    assert len(allow) == 5

    # A selector admits its one record, and nothing outside a record.
    token = ("big.ndjson", "/credentials/access_token", "secret-key")
    assert allow.match(*token, record=RecordRef(12, 13)) == 2
    assert not allow.matches(*token, record=RecordRef(11, 12))
    assert not allow.matches(*token)
    refresh = ("big.ndjson", "/credentials/refresh_token", "secret-key")
    assert allow.matches(*refresh, record=RecordRef(3, 4)) and not allow.matches(*refresh, record=RecordRef(4, 5))
    password = ("big.ndjson", "/credentials/password", "secret-key")
    assert allow.matches(*password, record=RecordRef(0, 1, "user-7"))
    assert not allow.matches(*password, record=RecordRef(0, 1, "user-8"))
    assert entries[2].selector == "record = 12" and entries[4].selector == 'id = "user-7"'


def test_allowlist_pointer_is_exact_before_glob():
    # A key with glob characters still matches itself exactly.
    allow = Allowlist([AllowEntry("a.json", "/weird[key]", "secret-key", "r")])
    assert allow.matches("a.json", "/weird[key]", "secret-key")
    assert not allow.matches("a.json", "/weird", "secret-key")


def test_allowlist_entries_know_where_they_are_written(tmp_path):
    write(tmp_path / ".terapi-lint.toml", """\
fail-on = "info"

[[allowlist]]   # [[allowlist]] again in a comment
path = "a.json"
pointer = ""
rule = "TL201"
reason = '''
[[allowlist]] in a string
'''

[[allowlist]]
path = "b.json"
pointer = ""
rule = "TL201"
reason = "r"
""")
    entries = load_config(cwd=tmp_path).values["allowlist"]
    assert [e.at for e in entries] == [("/allowlist/0", 3, 1), ("/allowlist/1", 11, 1)]
    assert AllowEntry("a.json", "", "TL201", "x").at is None  # built in code
