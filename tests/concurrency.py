"""Running the same work in several threads at once, for the race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable


def run_in_threads(target: Callable, args: Iterable[tuple], timeout: float = 60) -> None:
    """One thread per argument tuple, all started before any is joined; each join waits at most ``timeout``."""
    threads = [threading.Thread(target=target, args=a) for a in args]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
