"""Keep a long run's heap from holding memory it freed (glibc only; elsewhere nothing changes).

glibc serves a large allocation with its own mapping, returned to the system when freed, but
after the first such block is freed it raises that threshold (up to 32 MB), so the 64 KB-4 MB
byte strings a dump run reads, cuts and hands to its workers end up in the heap, which then
fragments and keeps its high-water mark.  Fixing the threshold at 128 KB (glibc's own starting
value) keeps them as mappings: on 1,000,000 NDJSON records read from stdin the main process
peaked at 72 MB instead of 85, each worker at 33 MB instead of 36 (docs/performance.md).
"""

from __future__ import annotations

import sys

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_THRESHOLD = 128 << 10
_done = False


def keep_large_blocks_mapped() -> None:
    """Fix glibc's mmap threshold for this process and the workers it forks afterwards (once)."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return
    _done = True
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = getattr(libc, "mallopt", None)  # musl has none
        if mallopt is not None:
            mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)
    except OSError:
        pass
