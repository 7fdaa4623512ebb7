"""Sparing the garbage collector the bulk of a large batch (an import of 100,000 rows).

Each row a batch keeps alive is one more object for every full pass of Python's cyclic
garbage collector to walk, and a full pass holds the interpreter, stalling every request the
server is answering. While a batch is built, the objects alive at its start and at each
`spare()` are moved out of the collector's sight (`gc.freeze()`) for good.

They are never handed back (`gc.unfreeze()`): that would hand back start-up's ~280,000
objects too (set aside by `main`), and the ~150 ms full passes through them would return
after a server's first import. Frozen objects are still freed when their last reference goes;
only those that die in a reference cycle stay: ~130 objects after an import of 50,000 rows,
measured by unfreezing and collecting after one."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_batches = 0


@contextmanager
def batch() -> Iterator[None]:
    """While this lasts, what is alive at its start and at each `spare()` is hidden from
    the collector."""
    global _batches
    with _lock:
        _batches += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _batches -= 1


def spare() -> None:
    """Hide the objects alive now from the collector's passes, when a batch is running."""
    with _lock:
        if _batches:
            gc.freeze()
