"""The report file (``-o``): checked before the run, written whole or not at all.

:class:`ReportFile` is an :class:`~terapi_lint.atomic.AtomicFile` created when the run starts, so
a folder that is missing or not writable is an error before any file is linted; a crash or a
Ctrl-C never leaves half a report, and an earlier report stays whole until the new one replaces it.
"""

from __future__ import annotations

import errno
import os
import re

from terapi_lint.atomic import AtomicFile


class OutputError(Exception):
    """The report cannot be written there; the message names the path and what to do."""


def _reason(error: OSError, folder: str) -> str:
    shown = folder or "."
    if error.errno == errno.ENOENT:
        return f"folder {shown} does not exist; create it or choose another --output"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"folder {shown} is not writable; choose another --output"
    if error.errno == errno.EROFS:
        return f"folder {shown} is on a read-only file system; choose another --output"
    if error.errno == errno.ENOTDIR:
        return f"{shown} is not a folder; choose another --output"
    return f"{(error.strerror or type(error).__name__).lower()}; choose another --output"


#: How each format's report begins (its first 4 KB hold one of these): a file that a folder to
#: lint holds and the run would overwrite is replaced only when it is an earlier report.
_REPORT_HEADS = (
    re.compile(rb'\A\{\n  "version": 1,\n  "complete": '),  # json
    re.compile(rb'\A\{"file":'),  # jsonl
    re.compile(rb'"name": "terapi-lint"'),  # sarif
    re.compile(rb'\A<\?xml[^>]*>\s*<testsuites name="terapi-lint"'),  # junit
    re.compile(rb"\A::(?:error|warning|notice) [^\n]*title=terapi-lint"),  # github
    re.compile(rb"\A(?:[^\n]*:\d+:\d+: (?:error|warning|info) [a-z-]+ |All clean: |No findings |\d+ errors?, )"),  # text
)


def is_earlier_report(path: str) -> bool:
    """Whether the file at ``path`` is empty or begins as a terapi-lint report does (see
    :data:`_REPORT_HEADS`): what ``-o`` may replace inside a folder it lints."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return not head.strip() or any(pattern.search(head) for pattern in _REPORT_HEADS)


class ReportFile(AtomicFile):
    """A report on its way to ``path``: :meth:`commit` puts it in place, :meth:`discard` drops it.

    Errors come as :class:`OutputError`, naming the path as given and what to do.
    """

    def __init__(self, path: str) -> None:
        self.shown = path
        if os.path.isdir(path):
            raise OutputError(f"cannot write the report to {path}: it is a folder; choose a file name")
        try:
            super().__init__(path, text=True)
        except OSError as error:
            raise OutputError(f"cannot write the report to {path}: {_reason(error, os.path.dirname(path))}") from None

    def commit(self) -> None:
        """Flush the report to disk and rename it into place."""
        try:
            super().commit()
        except OSError as error:
            reason = (error.strerror or type(error).__name__).lower()
            raise OutputError(f"cannot write the report to {self.shown}: {reason}") from None
