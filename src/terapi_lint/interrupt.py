"""Ctrl-C during a run: the results in hand are kept, the run stops promptly, nothing dies with a
traceback.

The run's process notes Ctrl-C at once and raises it only while it waits (for a worker, for
stdin, or for the work itself without workers); a worker, which the terminal interrupts too,
ends its current unit at once and gives None for the rest of its batch.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import Any


class CtrlC:
    """Ctrl-C noted at once, but raised only inside :meth:`wait`, so a result in hand is never
    dropped.

    The handler is installed only in the main thread over Python's default one; elsewhere
    KeyboardInterrupt comes as usual and the run still keeps what it has.
    """

    def __init__(self) -> None:
        self.pressed = False
        self.waiting = False
        self._previous: Any = None

    def __call__(self, signum: int, frame: Any) -> None:
        self.pressed = True
        if self.waiting:
            raise KeyboardInterrupt

    def __enter__(self) -> CtrlC:
        import threading

        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        if self.pressed and exc[0] is None:
            raise KeyboardInterrupt  # the results so far are out; the caller learns the run stopped

    def wait(self, call: Callable[[], Any]) -> Any:
        """``call()``, or None when Ctrl-C came first (a result that arrived is kept)."""
        result = None
        if self.pressed:
            return result
        self.waiting = True
        try:
            result = call()
        except KeyboardInterrupt:
            self.pressed = True
        finally:
            self.waiting = False
        return result


WORKER: CtrlC | None = None


def worker_started() -> None:
    """Ctrl-C, which a terminal sends to every process of the run, ends a worker's current unit
    at once (its result is then None) and is ignored between units, so the run stops promptly
    and no worker dies with a traceback."""
    global WORKER
    WORKER = CtrlC()
    signal.signal(signal.SIGINT, WORKER)
