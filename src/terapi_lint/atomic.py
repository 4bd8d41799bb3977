"""Replacing a file whole or not at all: the report (``-o``), a fixed file (``--fix``), a baseline.

The new content goes to a temporary file in the target's own folder (so the rename never crosses
file systems), is flushed to disk, given the old file's permission bits (or the umask's for a new
file), then renamed over the target: a crash or a Ctrl-C leaves the old file or the new one, never
half of one, and :meth:`AtomicFile.discard` leaves the target as it was.  A symbolic link is
followed, so the file it points to is replaced and the link stays a link.
"""

from __future__ import annotations

import os
import stat
from typing import IO, Any


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """The new content of ``path``: :meth:`write` pieces, then :meth:`commit` or :meth:`discard`.

    The temporary file is created at once, so a folder that is missing or not writable fails
    here, before any work (``OSError``).
    """

    def __init__(self, path: str, *, text: bool = False) -> None:
        self.path = os.path.realpath(path)
        folder, base = os.path.split(self.path)
        import secrets  # here, not at start: it imports hashlib, random and base64 (a run writing no file needs none)

        self._temp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        # Readable too: a SARIF report rewrites its head, reading back what follows it.
        fd = os.open(self._temp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        self.handle: IO[Any] = os.fdopen(fd, "w", encoding="utf-8", newline="\n") if text else os.fdopen(fd, "wb")

    def write(self, data: Any) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        """Put the new content in place, with the old file's mode."""
        try:
            try:
                mode = stat.S_IMODE(os.stat(self.path).st_mode)
            except FileNotFoundError:
                mode = _default_mode()
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self._temp, mode)
            os.replace(self._temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Drop the temporary file; the target stays as it was."""
        self.handle.close()
        try:
            os.unlink(self._temp)
        except FileNotFoundError:
            pass
