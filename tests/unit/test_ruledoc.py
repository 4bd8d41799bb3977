import types

from terapi_lint.ruledoc import (
    MAX_DESCRIPTION,
    SECTIONS,
    markdown_to_text,
    parse_docstring,
    render_rule,
    rule_doc,
    rule_reference_markdown,
)

DOC = """Credentials must not hold a literal secret
    value in any field.

    ## What it checks
    Keys such as `token` and **password** with a value.
    See [the guide](https://example.com/guide).

    ## Why it matters
    Secrets leak.

    ## Example
    ```json
    {"token": "abc"}
    ## not a heading, inside the fence
    ```

    ## Fix
    Use a `secret_ref`.
    """


def rule(doc=DOC, code="TL201", name="secret-key", severity="error"):
    m = types.ModuleType(name)
    m.__doc__ = doc
    m.CODE, m.NAME, m.SEVERITY = code, name, severity
    return m


def test_parse():
    summary, preamble, sections = parse_docstring(DOC)
    assert summary == "Credentials must not hold a literal secret value in any field."
    assert preamble == ""
    assert list(sections) == list(SECTIONS)
    assert sections["Example"].splitlines()[2] == "## not a heading, inside the fence"
    assert sections["Fix"] == "Use a `secret_ref`."


def test_rule_doc_pieces():
    d = rule_doc(rule())
    assert (d.code, d.name, d.severity) == ("TL201", "secret-key", "error")
    assert d.missing_sections == ()
    assert d.short_description == d.summary
    assert d.full_description == (
        "Credentials must not hold a literal secret value in any field.\n\n"
        "Keys such as token and password with a value.\nSee the guide (https://example.com/guide)."
    )
    assert d.help_markdown.startswith(
        "**secret-key** (TL201, default severity: error): Credentials"
    )
    assert "## Fix\n\nUse a `secret_ref`." in d.help_markdown
    assert "Fix\n---\nUse a secret_ref." in d.help_text
    assert '    {"token": "abc"}' in d.help_text


def test_missing_and_long_docs():
    assert rule_doc(rule(doc=None)).short_description == "secret-key"
    assert rule_doc(rule(doc="Only a summary.")).missing_sections == SECTIONS
    long = rule_doc(rule(doc="Sum.\n\n## What it checks\n" + "word " * 500))
    assert len(long.full_description) <= MAX_DESCRIPTION
    assert long.full_description.endswith("…")


def test_render_rule():
    assert render_rule(rule()).startswith(
        "secret-key (TL201, default severity: error)\n\nCredentials"
    )
    assert render_rule(rule(), markdown=True) == (
        rule_doc(rule()).help_markdown + "\nhttps://github.com/terapi/terapi-lint/blob/main/docs/rules/secret-key.md\n")


def test_reference():
    md = rule_reference_markdown(
        [rule(), rule("Dates are RFC 3339.", "TL301", "date-time", "info")]
    )
    lines = md.splitlines()
    assert lines[0] == "| Code | Name | Default severity | Summary |"
    assert "| TL201 | [`secret-key`](#secret-key-tl201) | error |" in lines[2]
    assert "### `date-time` (TL301)" in lines
    assert "#### Why it matters" in lines


def test_markdown_to_text():
    assert (
        markdown_to_text("## Head\n`x` **y** [a](b)\n```\ncode\n```")
        == "Head:\nx y a (b)\n    code"
    )
