"""A one-line progress indicator on stderr for long runs on a terminal.

Shown only when stderr is a terminal and no CI system is detected (``CI``, ``GITHUB_ACTIONS``...),
never in logs or pipes; it waits a second before the first draw, so short runs print nothing, and
it erases itself when the run ends.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")


def wanted(stream: TextIO, env: dict[str, str] | os._Environ = os.environ) -> bool:
    """Whether a progress line may be drawn on ``stream``."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return False
    return not any(env.get(name) for name in _CI_VARIABLES) and env.get("TERM") != "dumb"


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class Progress:
    """Counts bytes and records linted against a total (None: unknown, as for stdin) and redraws
    at most ten times a second."""

    def __init__(self, stream: TextIO, total_bytes: int | None, *, delay: float = 1.0) -> None:
        self.stream = stream
        self.total = total_bytes
        self.done = 0
        self.records = 0
        self.started = time.monotonic()
        self.delay = delay
        self.last_draw = 0.0
        self.drawn = False

    def advance(self, nbytes: int, records: int) -> None:
        self.done += nbytes
        self.records += records
        now = time.monotonic()
        if now - self.started < self.delay or now - self.last_draw < 0.1:
            return
        self.last_draw = now
        rate = self.records / max(now - self.started, 1e-9)
        if self.total:
            percent = min(100, self.done * 100 // self.total)
            where = f"{percent:3d}%  {_size(self.done)} of {_size(self.total)}"
        else:
            where = f"{_size(self.done)} read"
        line = f"terapi-lint: {where}  {self.records:,} records  {rate:,.0f}/s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        """Erase the line (other output is about to be written); the next advance draws it again."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
            self.last_draw = 0.0

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
