"""The progress line: only on a terminal outside CI, delayed, throttled, erased at the end."""

from __future__ import annotations

import io

from terapi_lint.progress import Progress, wanted


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_only_on_a_terminal_outside_ci():
    assert wanted(Terminal(), {"TERM": "xterm"})
    assert not wanted(io.StringIO(), {})
    assert not wanted(Terminal(), {"CI": "true"})
    assert not wanted(Terminal(), {"GITHUB_ACTIONS": "true"})
    assert not wanted(Terminal(), {"TERM": "dumb"})


def test_draws_after_the_delay_and_erases_itself():
    out = Terminal()
    meter = Progress(out, 2 * 1024 * 1024, delay=0.0)
    meter.advance(1024 * 1024, 5000)
    assert "50%" in out.getvalue() and "1.0 MB of 2.0 MB" in out.getvalue() and "5,000 records" in out.getvalue()
    meter.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_short_runs_print_nothing():
    out = Terminal()
    meter = Progress(out, 100, delay=60.0)
    meter.advance(100, 1)
    meter.close()
    assert out.getvalue() == ""
