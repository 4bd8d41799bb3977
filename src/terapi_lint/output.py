"""The report file (``-o``): checked before the run, written whole or not at all.

:class:`ReportFile` creates its temporary file beside the target when the run starts, so a folder
that is missing or not writable is an error before any file is linted; the report is written there
and renamed into place at the end, so a crash or a Ctrl-C never leaves half a report, and an
earlier report stays whole until the new one replaces it.
"""

from __future__ import annotations

import errno
import os
import secrets
from typing import TextIO


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


class ReportFile:
    """A report on its way to ``path``: :meth:`commit` puts it in place, :meth:`discard` drops it."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(path)
        if os.path.isdir(path):
            raise OutputError(f"cannot write the report to {path}: it is a folder; choose a file name")
        self._temp = os.path.join(folder, f".{os.path.basename(path)}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise OutputError(f"cannot write the report to {path}: {_reason(error, folder)}") from None
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        """Flush the report to disk and rename it into place."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self._temp, self.path)
        except OSError as error:
            self.discard()
            reason = (error.strerror or type(error).__name__).lower()
            raise OutputError(f"cannot write the report to {self.path}: {reason}") from None

    def discard(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        self.handle.close()
        try:
            os.unlink(self._temp)
        except FileNotFoundError:
            pass
