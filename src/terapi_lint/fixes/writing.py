"""Writing a fixed file: all of it or none of it, and only when a byte changed.

The new bytes go to a temporary file in the target's own folder (so the rename never crosses file
systems), are flushed to disk, given the old file's permission bits, then renamed over the target:
a crash or a Ctrl-C leaves the old file or the new one, never half of one.  A symbolic link is
followed, so the file it points to is fixed and the link stays a link.
"""

from __future__ import annotations

import os
import secrets
import stat
from typing import BinaryIO


class AtomicFile:
    """The new content of ``path``: :meth:`write` pieces, then :meth:`commit` or :meth:`discard`."""

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        folder, base = os.path.split(self.path)
        self._temp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.fix.tmp")
        fd = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        """Put the new content in place, with the old file's mode."""
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
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
