"""The report file (``-o``): checked before the run, written whole or not at all.

:class:`ReportFile` is an :class:`~terapi_lint.atomic.AtomicFile` created when the run starts, so
a folder that is missing or not writable is an error before any file is linted; a crash or a
Ctrl-C never leaves half a report, and an earlier report stays whole until the new one replaces it.
"""

from __future__ import annotations

import errno
import os

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
